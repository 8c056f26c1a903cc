//! `igokg stats`: what the store holds.

use super::StorePath;
use anyhow::{bail, Result};
use igokg::format::Format;
use igokg::query::write_table;
use std::io::Write;
use std::path::PathBuf;

/// Summarise the store: quads, named graphs, sources (the graphs described with a source
/// name), facts by kind, entities by type. An aligned table on a terminal, else CSV.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:\n  igokg stats\n  igokg stats --format json\n  igokg stats --format csv -o stats.csv")]
pub struct Args {
    /// Output format: table, csv, tsv or json (default: from -o, else a table on a terminal and csv otherwise)
    #[arg(long)]
    pub format: Option<Format>,
    /// Write to a file instead of stdout
    #[arg(long, short = 'o', value_hint = clap::ValueHint::FilePath)]
    pub output: Option<PathBuf>,
}

pub fn run(a: Args, store: &StorePath) -> Result<()> {
    let format = super::output_format(a.format, a.output.as_deref(), Format::Csv);
    if !matches!(format, Format::Table | Format::Csv | Format::Tsv | Format::Json) {
        bail!("stats are written as table, csv, tsv or json, not {format}");
    }
    let graph = store.open_for_read()?;
    let st = graph.store();
    let s = igokg::stats::stats(st)?;
    super::with_output(a.output.as_deref(), |out| write_stats(out, format, &s))
}

fn write_stats(out: &mut dyn Write, format: Format, s: &[(String, usize)]) -> Result<()> {
    match format {
        Format::Table => {
            let rows: Vec<Vec<String>> = s.iter().map(|(k, v)| vec![k.clone(), v.to_string()]).collect();
            write_table(out, &["what".into(), "count".into()], &rows)?;
        }
        Format::Json => {
            let v: Vec<serde_json::Value> = s.iter().map(|(k, n)| serde_json::json!({"what": k.trim(), "count": n})).collect();
            serde_json::to_writer_pretty(&mut *out, &v)?;
            writeln!(out)?;
        }
        _ => {
            let delimiter = if format == Format::Tsv { b'\t' } else { b',' };
            let mut w = csv::WriterBuilder::new().delimiter(delimiter).from_writer(out);
            w.write_record(["what", "count"])?;
            for (k, n) in s {
                w.write_record([k.trim(), &n.to_string()])?;
            }
            w.flush()?;
        }
    }
    Ok(())
}
