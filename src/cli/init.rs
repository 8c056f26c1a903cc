//! `igokg init`: create the store and write the ontology and reference entities.

use super::StorePath;
use anyhow::Result;
use igokg::Graph;

/// Create the store (if needed) and write the ontology, code lists, shapes, the reference
/// entities (states, cities, organisations, people) and their offices. Safe to run again.
#[derive(Debug, clap::Args)]
#[command(after_help = "Example:\n  igokg --store kg init")]
pub struct Args {}

pub fn run(_args: Args, store: &StorePath) -> Result<()> {
    let (graph, added) = Graph::init(&store.0)?;
    eprintln!("store {} ready: {} quads ({} new), {} entities", store.0.display(), graph.store().len()?, added, graph.entity_count()?);
    Ok(())
}
