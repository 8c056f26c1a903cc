//! `igokg members|chairs|summits|timeline`: thin wrappers over SPARQL (`--show-sparql`).

use super::StorePath;
use anyhow::{anyhow, Result};
use igokg::format::Format;
use igokg::model::{EntityType, PartialDate};
use igokg::query::{self, Prepared};
use oxigraph::model::{NamedNode, Term};
use std::path::PathBuf;

/// Output options shared by the conveniences.
#[derive(Debug, clap::Args)]
pub struct Output {
    /// Output format: table, csv, tsv, json or xml
    #[arg(long)]
    pub format: Option<Format>,
    /// Language of the names shown (ar, en, ru)
    #[arg(long, default_value = "en")]
    pub lang: String,
    /// Print the SPARQL (with its bindings) before the results
    #[arg(long)]
    pub show_sparql: bool,
    /// Write to a file instead of stdout
    #[arg(long, short = 'o', value_hint = clap::ValueHint::FilePath)]
    pub output: Option<PathBuf>,
}

/// Members of an organisation, with role and participation status, and who says so.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  igokg members CSTO --at 2024-11-28\n  igokg members ОДКБ --at 2013 --lang ru\n  igokg members 'Arab League' --show-sparql"
)]
pub struct MembersArgs {
    /// The organisation: any name in ar/en/ru, an abbreviation, a Wikidata id or an IRI
    pub org: String,
    /// Only memberships known to hold at this date (YYYY, YYYY-MM or YYYY-MM-DD)
    #[arg(long)]
    pub at: Option<PartialDate>,
    #[command(flatten)]
    pub out: Output,
}

/// An organisation and output options.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:\n  igokg chairs CSTO\n  igokg summits CSTO --lang ar")]
pub struct OrgArgs {
    /// The organisation: any name in ar/en/ru, an abbreviation, a Wikidata id or an IRI
    pub org: String,
    #[command(flatten)]
    pub out: Output,
}

/// Every fact an entity takes part in, in time order, with sources.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:\n  igokg timeline Armenia\n  igokg timeline 'Vladimir Putin' --format csv")]
pub struct TimelineArgs {
    /// The entity: a state, organisation, person or city, by any name, id or IRI
    pub entity: String,
    #[command(flatten)]
    pub out: Output,
}

fn resolve(store: &igokg::store::Store, name: &str, types: &[EntityType]) -> Result<Term> {
    let gaz = store.gazetteer()?;
    let e = gaz.resolve(name, types).map_err(|e| anyhow!("{e}"))?;
    Ok(NamedNode::new(e.iri.clone())?.into())
}

fn run(p: Prepared, out: &Output, store: &igokg::store::Store) -> Result<()> {
    if out.show_sparql {
        eprintln!("{}", p.show());
    }
    let results = store.query_prepared(&p)?;
    let format = super::output_format(out.format, out.output.as_deref(), Format::Csv);
    super::with_output(out.output.as_deref(), |w| Ok(query::write_results(results, format, w)?))?;
    Ok(())
}

pub fn members(a: MembersArgs, store: &StorePath) -> Result<()> {
    let st = store.open_for_read()?;
    let org = resolve(&st, &a.org, &[EntityType::Organization])?;
    run(query::members(org, a.at, &a.out.lang), &a.out, &st)
}

pub fn chairs(a: OrgArgs, store: &StorePath) -> Result<()> {
    let st = store.open_for_read()?;
    let org = resolve(&st, &a.org, &[EntityType::Organization])?;
    run(query::chairs(org, &a.out.lang), &a.out, &st)
}

pub fn summits(a: OrgArgs, store: &StorePath) -> Result<()> {
    let st = store.open_for_read()?;
    let org = resolve(&st, &a.org, &[EntityType::Organization])?;
    run(query::summits(org, &a.out.lang), &a.out, &st)
}

pub fn timeline(a: TimelineArgs, store: &StorePath) -> Result<()> {
    let st = store.open_for_read()?;
    let e = resolve(&st, &a.entity, &[])?;
    run(query::timeline(e, &a.out.lang), &a.out, &st)
}
