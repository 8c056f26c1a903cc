//! `igokg ingest FILE.csv…`: fact tables.

use super::StorePath;
use anyhow::{Context, Result};
use igokg::ingest::table::read_facts;
use igokg::model::FactKind;
use std::path::PathBuf;

/// Read CSV fact tables whose columns are the fact model's argument names (one kind per file
/// with --kind, or a `kind` column) plus provenance columns (source, published, lang,
/// publisher, quote, span_start, span_end, confidence, rule). Every row of every file is
/// checked first; if any is bad, nothing is written.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  igokg ingest examples/csto-summit-astana-2024.facts.csv\n  igokg ingest --kind membership members.csv"
)]
pub struct Args {
    /// CSV files (`-` for stdin)
    #[arg(required = true, value_hint = clap::ValueHint::FilePath)]
    pub files: Vec<PathBuf>,
    /// The kind of every row, for tables without a `kind` column
    #[arg(long)]
    pub kind: Option<String>,
    /// Check the tables and report, but write nothing
    #[arg(long)]
    pub dry_run: bool,
}

pub fn run(args: Args, store: &StorePath) -> Result<()> {
    let kind = args.kind.as_deref().map(str::parse::<FactKind>).transpose()?;
    let (st, names) = store.open_unless_dry_run(args.dry_run)?;
    let resolver = names.resolver(st.as_ref());
    let recorded = super::now();
    let mut facts = Vec::new();
    for f in &args.files {
        let name = f.display().to_string();
        let reader: Box<dyn std::io::Read> = if name == "-" {
            Box::new(std::io::stdin())
        } else {
            Box::new(std::fs::File::open(f).with_context(|| format!("cannot open {name}"))?)
        };
        let file_name = f.file_name().map_or(name.clone(), |n| n.to_string_lossy().into_owned());
        let mut got = read_facts(reader, &name, kind, resolver, Some(&recorded)).map_err(anyhow::Error::new)?;
        for fact in &mut got {
            if fact.provenance.source == name {
                fact.provenance.source = file_name.clone();
            }
        }
        facts.append(&mut got);
    }
    match &st {
        None => eprintln!("{} facts are valid (dry run: nothing written)", facts.len()),
        Some(st) => {
            let s = st.insert(&igokg::graph::Batch { facts, ..Default::default() }, false)?;
            eprintln!("ingested {} facts ({} new quads) into {} graph(s)", s.facts, s.quads_added, s.graphs.len());
        }
    }
    Ok(())
}
