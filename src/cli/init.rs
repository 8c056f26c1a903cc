//! `igokg init`: create the store and write the ontology and reference entities.

use super::StorePath;
use anyhow::{bail, Context, Result};
use igokg::store::{inspect, Folder};
use igokg::Graph;

/// Create the store (if needed) and write the ontology, code lists, shapes, the reference
/// entities (states, cities, organisations, people) and their offices. Safe to run again.
/// A folder that holds anything but an igokg store is refused.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:\n  igokg --store kg init\n  igokg --store /tmp/demo init --replace   # start again from an empty store")]
pub struct Args {
    /// Start from an empty store: remove the igokg store at --store first. Only an igokg store
    /// is removed, never a folder that holds other files, a damaged store, or a store that
    /// another igokg (a server) is using
    #[arg(long)]
    pub replace: bool,
}

pub fn run(args: Args, store: &StorePath) -> Result<()> {
    let path = &store.0;
    if args.replace {
        match inspect(path) {
            Folder::Absent | Folder::Empty => {}
            Folder::Store => {
                // Opening for writing takes the store's lock: a store in use is not removed.
                drop(Graph::open_write(path).with_context(|| format!("--replace: {} is in use", path.display()))?);
                std::fs::remove_dir_all(path).with_context(|| format!("--replace: cannot remove {}", path.display()))?;
                eprintln!("removed the store {}", path.display());
            }
            Folder::Damaged(what) => bail!(
                "--replace: {} looks like a damaged igokg store ({what}); igokg does not remove it: look at it, and remove it yourself if it is not needed",
                path.display()
            ),
            Folder::Foreign(what) => {
                bail!("--replace: {} is not an igokg store (it holds {what}); igokg removes nothing else", path.display())
            }
        }
    }
    let (graph, added) = Graph::init(path)?;
    eprintln!("store {} ready: {} quads ({} new), {} entities", path.display(), graph.store().len()?, added, graph.entity_count()?);
    Ok(())
}
