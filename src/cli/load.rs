//! `igokg load FILE…`: RDF files, atomically.

use super::StorePath;
use anyhow::{anyhow, Result};
use igokg::format::Format;
use igokg::ingest::limit;
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
    /// Keep literals that are not valid for their XSD datatype, and texts with control
    /// characters (counted and warned), instead of refusing the input
    #[arg(long)]
    pub lenient: bool,
    /// Use Oxigraph's bulk loader whatever the target (it is used anyway for new graphs and above 64 MiB)
    #[arg(long)]
    pub bulk: bool,
    /// The largest input read (K, M, G suffixes): a larger or endless one is refused
    #[arg(long, default_value = "16G", value_parser = limit::parse_size)]
    pub max_bytes: u64,
}

pub fn run(args: Args, store: &StorePath) -> Result<()> {
    let graph_opt = match args.graph.as_deref() {
        None => None,
        Some("default") => Some(GraphName::DefaultGraph),
        Some(g) => Some(GraphName::from(parse_iri(g).map_err(|e| anyhow!("--graph: {e}"))?)),
    };
    let mut inputs = Vec::new();
    let mut total: u64 = 0;
    // Inputs that can be read once only (stdin, pipes, devices) are copied to temporary files
    // first, up to the cap: then every input has a known size, the small ones go through one
    // transaction and the large ones through the bulk loader, in bounded memory either way.
    let mut spools = Vec::new();
    for f in &args.files {
        let format = rdf_file::guess_format(f, args.format)?;
        let graph = graph_opt.clone().unwrap_or_else(|| {
            if f == "-" {
                rdf::source_graph("stdin").into()
            } else {
                rdf::source_graph(&file_name(f)).into()
            }
        });
        let mut path = f.clone();
        let meta = if f == "-" { None } else { Some(std::fs::metadata(f).map_err(|e| anyhow!("{f}: cannot open: {e}"))?) };
        match meta {
            Some(m) if m.is_file() => {
                if m.len() > args.max_bytes {
                    return Err(anyhow!(
                        "{f}: {} bytes, larger than the cap of {} (raise it with --max-bytes)",
                        m.len(),
                        limit::human(args.max_bytes)
                    ));
                }
                total += m.len();
            }
            _ => {
                let lines = limit::Lines::Plain(limit::SPOOLED_RDF_MAX_LINE);
                let spool = if f == "-" {
                    limit::spool(std::io::stdin().lock(), "<stdin>", args.max_bytes, "--max-bytes", lines)
                } else {
                    let h = std::fs::File::open(f).map_err(|e| anyhow!("{f}: cannot open: {e}"))?;
                    limit::spool(h, f, args.max_bytes, "--max-bytes", lines)
                }
                .map_err(anyhow::Error::msg)?;
                total += spool.as_file().metadata().map(|m| m.len()).unwrap_or(0);
                path = spool.path().display().to_string();
                spools.push(spool);
            }
        }
        let base = args.base.clone().or_else(|| rdf_file::file_base(f));
        let input = RdfInput::new(path, format, graph).with_base(base).map_err(|e| anyhow!("--base: {}", e.message))?;
        inputs.push((input.with_lenient(args.lenient), f.clone()));
    }
    // Every load is atomic (one transaction, or the bulk loader's files ingested at once on
    // commit), so a bad file is refused with the store's quads unchanged; a store that this
    // command created is removed again, so that a refused file leaves no store behind. (Files
    // were once parsed twice, first to check them: that cost as much as the load itself.)
    let created = !store.0.exists();
    let graph = igokg::Graph::open_write_to_load(&store.0)?;
    let bar = if std::io::stderr().is_terminal() && (args.bulk || total >= igokg::graph::BULK_THRESHOLD) {
        ProgressBar::new(0)
    } else {
        ProgressBar::hidden()
    };
    bar.set_style(ProgressStyle::with_template("{spinner} {pos} quads loaded ({per_sec}) {elapsed}")?);
    let b2 = bar.clone();
    let done = graph.load_named(&inputs, graph_opt.is_none(), &super::now(), args.bulk, move |n| b2.set_position(n));
    bar.finish_and_clear();
    let done = match done {
        Ok(done) => done,
        Err(e) => {
            drop(graph);
            if created {
                // Nothing but the reference data is in it, and no other process can have used it:
                // this command held its lock from its creation.
                let _ = std::fs::remove_dir_all(&store.0);
            }
            return Err(e.into());
        }
    };
    if done.ill_typed.count > 0 {
        eprintln!("warning: kept {} ill-typed literal(s) or text(s) with control characters (--lenient):", done.ill_typed.count);
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
