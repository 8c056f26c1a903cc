//! `igokg network --at YEAR`: the co-membership network of a year, built with petgraph.

use super::StorePath;
use anyhow::{bail, Result};
use igokg::format::Format;
use igokg::network::Network;
use std::path::PathBuf;

/// A COW domain of activity of organisations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OrgType {
    Political,
    Social,
    Economic,
}

impl OrgType {
    fn as_str(self) -> &'static str {
        match self {
            Self::Political => "political",
            Self::Social => "social",
            Self::Economic => "economic",
        }
    }
}

/// The co-membership network of a year: states as nodes, an edge between two states weighted
/// by the number of organisations both belong to that year (any role; a membership counts when
/// it surely holds in the year, as for `members --at`; each organisation once per pair however
/// many sources state it). Written as GraphML, DOT, or the states by weighted degree (table,
/// csv, tsv);
/// a summary of the most connected states and of the connected components goes to stderr.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  igokg network --at 2000 -o net2000.graphml\n  igokg network --at 1960 --org-type economic --format dot | sfdp -Tsvg > net.svg\n  igokg network --at 2014 --format table"
)]
pub struct Args {
    /// The year
    #[arg(long, value_parser = super::parse_year)]
    pub at: i32,
    /// Only organisations of this COW domain (political, social or economic)
    #[arg(long, value_enum)]
    pub org_type: Option<OrgType>,
    /// Output format: graphml, dot, or the states by weighted degree as table, csv or tsv
    /// (default: from the extension of -o, else table)
    #[arg(long)]
    pub format: Option<Format>,
    /// How many of the most connected states the summary lists
    #[arg(long, default_value_t = 10)]
    pub top: usize,
    /// Write to a file instead of stdout
    #[arg(long, short = 'o', value_hint = clap::ValueHint::FilePath)]
    pub output: Option<PathBuf>,
}

pub fn run(a: Args, store: &StorePath) -> Result<()> {
    let format = a.format.or_else(|| a.output.as_deref().and_then(Format::from_path)).unwrap_or(Format::Table);
    if !matches!(format, Format::GraphMl | Format::Dot | Format::Table | Format::Csv | Format::Tsv) {
        bail!("the network is written as graphml or dot (or its states by degree as table, csv or tsv), not {format}");
    }
    let graph = store.open_for_read()?;
    let st = graph.store();
    let net = Network::build(st, a.at, a.org_type.map(OrgType::as_str))?;
    super::with_output(a.output.as_deref(), |w| {
        match format {
            Format::GraphMl => net.write_graphml(w)?,
            Format::Dot => net.write_dot(w)?,
            Format::Csv => net.write_delimited(w, b',', super::csv_cells())?,
            Format::Tsv => net.write_delimited(w, b'\t', super::csv_cells())?,
            _ => net.write_table(w)?,
        }
        Ok(())
    })?;
    eprint!("{}", net.summary(a.top));
    Ok(())
}
