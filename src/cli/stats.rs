//! `igokg stats`: what the store holds.

use super::StorePath;
use anyhow::Result;
use igokg::query::write_table;

/// Summarise the store: quads, graphs, facts by kind, entities by type, sources.
#[derive(Debug, clap::Args)]
#[command(after_help = "Example:\n  igokg stats")]
pub struct Args {}

pub fn run(_a: Args, store: &StorePath) -> Result<()> {
    let graph = store.open_for_read()?;
    let st = graph.store();
    let s = igokg::stats::stats(&st)?;
    let mut out = std::io::stdout().lock();
    let rows: Vec<Vec<String>> = s.iter().map(|(k, v)| vec![k.clone(), v.to_string()]).collect();
    write_table(&mut out, &["what".into(), "count".into()], &rows)?;
    Ok(())
}
