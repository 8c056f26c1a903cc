//! `igokg load FILE…`: RDF files, atomically.

use super::StorePath;
use anyhow::{anyhow, Result};
use igokg::format::Format;
use igokg::ingest::rdf_file::{self, RdfInput};
use igokg::ingest::term::parse_iri;
use igokg::rdf;
use indicatif::{ProgressBar, ProgressStyle};
use oxigraph::model::GraphName;
use std::io::IsTerminal;

/// Load RDF files (Turtle, N-Triples, N-Quads, TriG, RDF/XML, JSON-LD) in one atomic write.
/// Triples of a triple format go to the named graph of their file (or --graph); quads keep
/// their graphs. A syntax error anywhere writes nothing. Relative IRIs resolve against
/// --base, or else the file's own file:// IRI (stdin has no base unless --base is given). A
/// literal that is not valid for its XSD datatype ("abc"^^xsd:integer) is refused with its
/// line unless --lenient keeps it (counted, with a warning).
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  igokg load ontology/igokg.ttl data.nq\n  curl -s https://example.org/g.ttl | igokg load --format ttl --base https://example.org/g.ttl -\n  igokg load --base https://example.org/data/ --lenient legacy.rdf"
)]
pub struct Args {
    /// Files to load (`-` for stdin)
    #[arg(required = true, value_hint = clap::ValueHint::FilePath)]
    pub files: Vec<String>,
    /// The format (default: from the extension)
    #[arg(long)]
    pub format: Option<Format>,
    /// Named graph for triples (an IRI, or `default` for the default graph)
    #[arg(long)]
    pub graph: Option<String>,
    /// Base IRI for relative IRIs (default: each file's file:// IRI; stdin: none)
    #[arg(long, value_name = "IRI")]
    pub base: Option<String>,
    /// Keep literals that are not valid for their XSD datatype (counted and warned) instead
    /// of refusing the input
    #[arg(long)]
    pub lenient: bool,
    /// Use Oxigraph's bulk loader whatever the target (it is used anyway for new graphs and above 64 MiB)
    #[arg(long)]
    pub bulk: bool,
}

pub fn run(args: Args, store: &StorePath) -> Result<()> {
    let graph_opt = match args.graph.as_deref() {
        None => None,
        Some("default") => Some(GraphName::DefaultGraph),
        Some(g) => Some(GraphName::from(parse_iri(g).map_err(|e| anyhow!("--graph: {e}"))?)),
    };
    let mut inputs = Vec::new();
    let mut total: u64 = 0;
    for f in &args.files {
        let format = rdf_file::guess_format(f, args.format)?;
        let graph = graph_opt.clone().unwrap_or_else(|| {
            if f == "-" {
                rdf::source_graph("stdin").into()
            } else {
                rdf::source_graph(&file_name(f)).into()
            }
        });
        if f != "-" {
            total += std::fs::metadata(f).map_err(|e| anyhow!("{f}: cannot open: {e}"))?.len();
        }
        let base = args.base.clone().or_else(|| rdf_file::file_base(f));
        let input = RdfInput::new(f.clone(), format, graph).with_base(base).map_err(|e| anyhow!("--base: {}", e.message))?;
        inputs.push(input.with_lenient(args.lenient));
    }
    // Small files are checked before the store is opened: a bad file is refused without
    // touching the store at all (the load is atomic either way; large inputs and stdin are
    // checked while they stream into the store).
    if total < igokg::graph::BULK_THRESHOLD && !args.bulk {
        for i in inputs.iter().filter(|i| i.path != "-") {
            let report = std::sync::Mutex::new(rdf_file::IllTyped::default());
            rdf_file::read_all_reporting(i, Some(&report))?;
        }
    }
    let graph = store.open_for_write()?;
    let bar = if std::io::stderr().is_terminal() && (args.bulk || total >= igokg::graph::BULK_THRESHOLD) {
        ProgressBar::new(0)
    } else {
        ProgressBar::hidden()
    };
    bar.set_style(ProgressStyle::with_template("{spinner} {pos} quads loaded ({per_sec}) {elapsed}")?);
    let b2 = bar.clone();
    let done = graph.load(&inputs, graph_opt.is_none(), &super::now(), args.bulk, move |n| b2.set_position(n))?;
    bar.finish_and_clear();
    if done.ill_typed.count > 0 {
        eprintln!("warning: kept {} ill-typed literal(s) (--lenient):", done.ill_typed.count);
        for e in &done.ill_typed.examples {
            eprintln!("  {e}");
        }
        if done.ill_typed.count > done.ill_typed.examples.len() {
            eprintln!("  … and {} more", done.ill_typed.count - done.ill_typed.examples.len());
        }
    }
    eprintln!("loaded {} new quads from {} file(s)", done.quads_added, done.files);
    Ok(())
}

fn file_name(path: &str) -> String {
    std::path::Path::new(path).file_name().map_or_else(|| path.to_owned(), |n| n.to_string_lossy().into_owned())
}
