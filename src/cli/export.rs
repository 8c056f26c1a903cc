//! `igokg export`: RDF formats, GraphML and DOT.

use super::StorePath;
use anyhow::{anyhow, bail, Result};
use igokg::export::{self, Selection};
use igokg::format::Format;
use igokg::ingest::term::parse_iri;
use igokg::model::{EntityType, PartialDate};
use oxigraph::model::NamedNode;
use std::path::PathBuf;

/// Export the whole store or a part of it: RDF (ttl, nt, nq, trig, rdfxml, jsonld) through
/// Oxigraph's serialisers with the ontology's prefixes, or the entity–relation graph as
/// GraphML or DOT. `--graph G` alone exports the whole graph G (the ontology, the entities,
/// notes or a source's facts) with its description; with `--org` or `--at`, only the facts
/// that match. The formats without named graphs (ttl, nt, rdfxml, jsonld) merge the graphs
/// into one set of triples, each once, and say so; trig and nq keep them apart.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  igokg export --format trig -o all.trig\n  igokg export --format ttl --graph https://w3id.org/igokg/graph/ontology -o ontology.ttl\n  igokg export --format graphml --org CSTO --at 2024-11-28 -o csto.graphml\n  igokg export --format dot --org CSTO | dot -Tsvg > csto.svg"
)]
pub struct Args {
    /// ttl, nt, nq, trig, rdfxml, jsonld, graphml or dot (default: from -o, else trig)
    #[arg(long)]
    pub format: Option<Format>,
    /// Write to a file instead of stdout
    #[arg(long, short = 'o', value_hint = clap::ValueHint::FilePath)]
    pub output: Option<PathBuf>,
    /// Only these named graphs (repeatable)
    #[arg(long)]
    pub graph: Vec<String>,
    /// Only facts involving this organisation
    #[arg(long)]
    pub org: Option<String>,
    /// Only facts that hold at this date
    #[arg(long)]
    pub at: Option<PartialDate>,
}

pub fn run(a: Args, store: &StorePath) -> Result<()> {
    let format = a.format.or_else(|| a.output.as_deref().and_then(Format::from_path)).unwrap_or(Format::TriG);
    let graph = store.open_for_read()?;
    let st = graph.store();
    let mut sel = Selection { at: a.at, ..Default::default() };
    for g in &a.graph {
        let g = parse_iri(g).map_err(|e| anyhow!("--graph: {e}"))?;
        if !st.inner().contains_named_graph(&g)? {
            bail!("--graph: no graph {} in the store", g.as_str());
        }
        sel.graphs.push(g);
    }
    if let Some(o) = &a.org {
        let e = graph.resolve(o, &[EntityType::Organization]).map_err(|e| anyhow!("--org: {e}"))?;
        sel.org = Some(NamedNode::new(e.iri.clone())?);
    }
    let written = super::with_output(a.output.as_deref(), |out| match format {
        Format::GraphMl | Format::Dot => {
            let g = export::projection(st, &sel)?;
            if format == Format::GraphMl {
                export::write_graphml(&g, out)?;
            } else {
                export::write_dot(&g, out)?;
            }
            Ok(format!("{} nodes and {} edges", g.node_count(), g.edge_count()))
        }
        f if f.rdf().is_some() => {
            let w = export::write_rdf(st, &sel, f, out)?;
            if w.merged && w.graphs > 1 && a.output.is_none() {
                // Said even when the triples go to stdout: the graphs are gone from the output.
                eprintln!("{f} holds no named graphs: {}", w.describe());
            }
            Ok(w.describe())
        }
        f => bail!("cannot export as {f}: use ttl, nt, nq, trig, rdfxml, jsonld, graphml or dot"),
    })?;
    if let Some(p) = &a.output {
        eprintln!("wrote {} ({written})", p.display());
    }
    Ok(())
}
