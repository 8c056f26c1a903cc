//! `igokg query`: SPARQL from an argument, a file or stdin.

use super::StorePath;
use anyhow::{bail, Context, Result};
use igokg::format::Format;
use std::io::Read;
use std::path::PathBuf;

/// Run a SPARQL query (SELECT, ASK, CONSTRUCT or DESCRIBE). Results print as an aligned table
/// on a terminal, else as CSV; or choose csv, tsv, json, xml, or an RDF format for graphs.
/// The default graph is the union of all graphs unless --default-graph default asks for the
/// store's default graph alone (standard SPARQL; the ontology and reference data are then
/// only in their named graphs). Relative IRIs resolve against --base, or the query file's
/// own file:// IRI. Updates are not queries: send them to `igokg serve --allow-update`, or
/// write with `igokg add` or `igokg load`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  igokg query 'SELECT ?m WHERE { ?m <http://www.w3.org/ns/org#memberOf> ?o }'\n  igokg query --file examples/queries/members-at.rq --format json\n  echo 'ASK { ?s ?p ?o }' | igokg query -\n  igokg query --default-graph default 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }'\n  igokg query --base http://example.org/ 'SELECT * WHERE { <doc> ?p ?o }'\n  igokg query --endpoint http://127.0.0.1:7878/sparql -f examples/queries/members-in-year.rq"
)]
pub struct Args {
    /// The query text, or `-` for stdin
    #[arg(conflicts_with = "file")]
    pub sparql: Option<String>,
    /// Read the query from a file
    #[arg(long, short = 'f', value_hint = clap::ValueHint::FilePath)]
    pub file: Option<PathBuf>,
    /// Output format: table, csv, tsv, json, xml; ttl, nt, rdfxml, jsonld for graph results
    #[arg(long)]
    pub format: Option<Format>,
    /// Write to a file instead of stdout
    #[arg(long, short = 'o', value_hint = clap::ValueHint::FilePath)]
    pub output: Option<PathBuf>,
    /// Base IRI for relative IRIs in the query (default: the --file's file:// IRI; a BASE in
    /// the query wins)
    #[arg(long, value_name = "IRI")]
    pub base: Option<String>,
    /// The default graph of a query without FROM: union (all graphs) or default (the store's
    /// default graph alone, as standard SPARQL)
    #[arg(long, value_enum, default_value_t = igokg::store::DefaultGraph::Union, value_name = "GRAPH")]
    pub default_graph: igokg::store::DefaultGraph,
    /// Stop the query after this many seconds
    #[arg(long, value_name = "SECS")]
    pub timeout: Option<f64>,
    #[command(flatten)]
    pub remote: super::push::Remote,
}

pub fn run(args: Args, store: &StorePath) -> Result<()> {
    let text = match (&args.sparql, &args.file) {
        (Some(s), _) if s != "-" => s.clone(),
        (_, Some(f)) => std::fs::read_to_string(f).with_context(|| format!("cannot read {}", f.display()))?,
        _ => {
            let mut s = String::new();
            std::io::stdin().read_to_string(&mut s).context("cannot read the query from stdin")?;
            s
        }
    };
    if text.trim().is_empty() {
        bail!("empty query");
    }
    // Kept until the results are written: evaluation goes on while they are iterated.
    let deadline = match args.timeout {
        Some(t) if t.is_finite() && t > 0.0 => Some(igokg::sparql_guard::Deadline::new(std::time::Duration::from_secs_f64(t))),
        Some(t) => bail!("--timeout {t}: give a positive number of seconds"),
        None => None,
    };
    let base = match (&args.base, &args.file) {
        (Some(b), _) => Some(b.clone()),
        (None, Some(f)) => igokg::ingest::rdf_file::file_base(&f.to_string_lossy()),
        (None, None) => None,
    };
    let options = igokg::store::QueryOptions::new(base, args.default_graph).map_err(|e| anyhow::anyhow!("--base: {e}"))?;
    let results = if let Some((client, url)) = args.remote.client()? {
        if args.base.is_some() || args.default_graph != igokg::store::DefaultGraph::Union {
            bail!("--base and --default-graph apply to the local store: with --endpoint, write BASE in the query and name the graphs with FROM");
        }
        client.query(&url, &text)?
    } else {
        let graph = store.open_for_read()?;
        graph.query_with(&text, &options, &igokg::sparql_guard::Limits::default(), deadline.as_ref())?
    };
    let fallback = if matches!(results, oxigraph::sparql::QueryResults::Graph(_)) { Format::Turtle } else { Format::Csv };
    let format = super::output_format(args.format, args.output.as_deref(), fallback);
    super::with_output(args.output.as_deref(), |out| super::write_results(results, format, out))?;
    Ok(())
}
