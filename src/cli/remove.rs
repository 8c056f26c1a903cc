//! `igokg remove FACT`: retract a fact with its evidence.

use super::StorePath;
use anyhow::{anyhow, bail, Result};
use igokg::ingest::term::parse_iri;

/// Retract a fact (by its IRI, e.g. igof:membership/0123abcd…) with its evidence, its time
/// nodes and the shortcut triples no other fact implies; from every graph, or one.
#[derive(Debug, clap::Args)]
#[command(after_help = "Example:\n  igokg remove igof:membership_status/3f2a9c0d1e2b4a5c6d7e --graph igog:cli-1a2b3c4d5e6f")]
pub struct Args {
    /// The fact's IRI (<…>, https://… or igof:…)
    pub fact: String,
    /// Only from this named graph
    #[arg(long)]
    pub graph: Option<String>,
}

pub fn run(args: Args, store: &StorePath) -> Result<()> {
    let node = parse_iri(&args.fact).map_err(|e| anyhow!("FACT: {e}"))?;
    let graph = args.graph.as_deref().map(parse_iri).transpose().map_err(|e| anyhow!("--graph: {e}"))?;
    let kg = store.open_for_write()?;
    let removed = kg.remove_fact(node.as_ref(), graph.as_ref().map(|g| g.as_ref()))?;
    if removed == 0 {
        bail!("no fact {} in the store{}", node.as_str(), graph.map(|g| format!(" (graph {})", g.as_str())).unwrap_or_default());
    }
    eprintln!("removed {} ({removed} quads)", node.as_str());
    Ok(())
}
