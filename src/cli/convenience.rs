//! `igokg members|chairs|summits|timeline|membership-span|rejoined|memberships-count|partners`:
//! thin wrappers over SPARQL (`--show-sparql`). On the local store `members` is answered from
//! the quad index with the very rows of that SPARQL (`igokg::by_index`, via `Graph::run`).

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
    #[arg(long, default_value = "en", value_parser = super::parse_lang)]
    pub lang: String,
    /// Print the SPARQL (with its bindings) before the results
    #[arg(long)]
    pub show_sparql: bool,
    /// Write to a file instead of stdout
    #[arg(long, short = 'o', value_hint = clap::ValueHint::FilePath)]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub remote: super::push::Remote,
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

/// Each membership of a state in an organisation: role, start and end as stated, and the first
/// and last year it surely held (as `members --at` counts), with sources.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:\n  igokg membership-span Uzbekistan CSTO\n  igokg membership-span France UPU --format csv")]
pub struct SpanArgs {
    /// The state (or organisation) that is a member: any name, id or IRI
    pub state: String,
    /// The organisation: any name in ar/en/ru, an abbreviation, a Wikidata id or an IRI
    pub org: String,
    #[command(flatten)]
    pub out: Output,
}

/// Organisations a state left and rejoined (two memberships in one source, the second starting
/// after the first ended; a change of role is not a departure).
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:\n  igokg rejoined Russia\n  igokg rejoined Egypt --format csv")]
pub struct StateArgs {
    /// The state: any name in ar/en/ru, an ISO code, a Wikidata id or an IRI
    pub state: String,
    #[command(flatten)]
    pub out: Output,
}

/// The number of organisations a state (or every state) belongs to in a year or in each year
/// of a range (any role; memberships that surely hold in the year, as `members --at` counts;
/// each organisation once however many sources state it).
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  igokg memberships-count France --at 2000\n  igokg memberships-count France --from 1945 --to 2014 --format csv\n  igokg memberships-count --at 2000 --source 'Correlates of War IGO v3.0 igo_year_formatv3.tsv'"
)]
pub struct CountArgs {
    /// The state (every state when absent)
    pub state: Option<String>,
    /// One year
    #[arg(long, conflicts_with_all = ["from", "to"], required_unless_present_any = ["from", "to"], value_parser = super::parse_year)]
    pub at: Option<i32>,
    /// First year of a range
    #[arg(long, requires = "to", value_parser = super::parse_year)]
    pub from: Option<i32>,
    /// Last year of a range
    #[arg(long, requires = "from", value_parser = super::parse_year)]
    pub to: Option<i32>,
    /// Only memberships from this source (its name, e.g. "Correlates of War IGO v3.0 igo_year_formatv3.tsv")
    #[arg(long)]
    pub source: Option<String>,
    #[command(flatten)]
    pub out: Output,
}

/// The states sharing the most organisations with a state in a year.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:\n  igokg partners Russia --at 2010\n  igokg partners Egypt --at 1970 --limit 20 --format csv")]
pub struct PartnersArgs {
    /// The state: any name in ar/en/ru, an ISO code, a Wikidata id or an IRI
    pub state: String,
    /// The year
    #[arg(long, value_parser = super::parse_year)]
    pub at: i32,
    /// How many states to list
    #[arg(long, default_value_t = 10)]
    pub limit: usize,
    /// Only memberships from this source (its name)
    #[arg(long)]
    pub source: Option<String>,
    #[command(flatten)]
    pub out: Output,
}

/// Where a convenience runs: the local store, or a SPARQL server (`--endpoint`). Names are
/// resolved with the store's gazetteer, or with the built-in reference tables for a server.
#[allow(clippy::large_enum_variant)] // one per command
enum Target {
    Local(igokg::Graph),
    Remote(igokg::remote::Client, String, Box<igokg::gazetteer::Gazetteer>),
}

struct Ctx {
    target: Target,
}

impl Ctx {
    fn open(out: &Output, store: &StorePath) -> Result<Self> {
        if let Some((client, url)) = out.remote.client()? {
            return Ok(Self { target: Target::Remote(client, url, Box::new(igokg::gazetteer::Gazetteer::builtin())) });
        }
        Ok(Self { target: Target::Local(store.open_for_read()?) })
    }

    fn resolve(&self, name: &str, types: &[EntityType]) -> Result<Term> {
        let iri = match &self.target {
            Target::Local(g) => g.resolve(name, types).map_err(|e| anyhow!("{e}"))?.iri,
            Target::Remote(_, _, gaz) => gaz.resolve(name, types).map_err(|e| anyhow!("{e}"))?.iri.clone(),
        };
        Ok(NamedNode::new(iri)?.into())
    }

    fn results(&self, p: &Prepared) -> Result<oxigraph::sparql::QueryResults<'static>> {
        Ok(match &self.target {
            Target::Local(g) => g.run(p)?,
            Target::Remote(client, url, _) => p.tidy(client.query(url, &p.text())?)?,
        })
    }

    /// Notes on stderr for the sources whose coverage ends before `at`: their memberships of
    /// `org` say nothing about `at`, so the answer comes from the other sources.
    fn coverage_notes(&self, org: &Term, at: PartialDate) -> Result<()> {
        let p = query::coverage_ends(org.clone(), at);
        if let oxigraph::sparql::QueryResults::Solutions(rows) = self.results(&p)? {
            for row in rows {
                let row = row?;
                let text = |v: &str| match row.get(v) {
                    Some(Term::Literal(l)) => l.value().to_owned(),
                    _ => String::new(),
                };
                let end = text("coverageEnd");
                let year = end.get(..4).unwrap_or(&end);
                eprintln!(
                    "note: {} covers up to {year} (coverage ends {end}); its memberships are unknown after that, so the answer as of {at} comes from the other sources",
                    text("source")
                );
            }
        }
        Ok(())
    }

    fn run(&self, p: Prepared, out: &Output) -> Result<()> {
        if out.show_sparql {
            eprintln!("{}", p.show());
        }
        let results = self.results(&p)?;
        let format = super::output_format(out.format, out.output.as_deref(), Format::Csv);
        super::with_output(out.output.as_deref(), |w| super::write_results(results, format, w))?;
        Ok(())
    }
}

pub fn members(a: MembersArgs, store: &StorePath) -> Result<()> {
    let cx = Ctx::open(&a.out, store)?;
    let org = cx.resolve(&a.org, &[EntityType::Organization])?;
    cx.run(query::members(org.clone(), a.at, &a.out.lang), &a.out)?;
    if let Some(at) = a.at {
        cx.coverage_notes(&org, at)?;
    }
    Ok(())
}

pub fn chairs(a: OrgArgs, store: &StorePath) -> Result<()> {
    let cx = Ctx::open(&a.out, store)?;
    let org = cx.resolve(&a.org, &[EntityType::Organization])?;
    cx.run(query::chairs(org, &a.out.lang), &a.out)
}

pub fn summits(a: OrgArgs, store: &StorePath) -> Result<()> {
    let cx = Ctx::open(&a.out, store)?;
    let org = cx.resolve(&a.org, &[EntityType::Organization])?;
    cx.run(query::summits(org, &a.out.lang), &a.out)
}

pub fn timeline(a: TimelineArgs, store: &StorePath) -> Result<()> {
    let cx = Ctx::open(&a.out, store)?;
    let e = cx.resolve(&a.entity, &[])?;
    cx.run(query::timeline(e, &a.out.lang), &a.out)
}

pub fn membership_span(a: SpanArgs, store: &StorePath) -> Result<()> {
    let cx = Ctx::open(&a.out, store)?;
    let member = cx.resolve(&a.state, &[EntityType::State, EntityType::Organization])?;
    let org = cx.resolve(&a.org, &[EntityType::Organization])?;
    cx.run(query::membership_span(member, org), &a.out)
}

pub fn rejoined(a: StateArgs, store: &StorePath) -> Result<()> {
    let cx = Ctx::open(&a.out, store)?;
    let state = cx.resolve(&a.state, &[EntityType::State, EntityType::Organization])?;
    cx.run(query::rejoined(state, &a.out.lang), &a.out)
}

pub fn memberships_count(a: CountArgs, store: &StorePath) -> Result<()> {
    let cx = Ctx::open(&a.out, store)?;
    let state = a.state.as_deref().map(|s| cx.resolve(s, &[EntityType::State])).transpose()?;
    let years = match (a.at, a.from, a.to) {
        (Some(y), _, _) => y..=y,
        (None, Some(f), Some(t)) if f <= t => f..=t,
        _ => return Err(anyhow!("give --at YEAR, or --from YEAR --to YEAR with from ≤ to")),
    };
    cx.run(query::memberships_count(state, years, a.source.as_deref(), &a.out.lang), &a.out)
}

pub fn partners(a: PartnersArgs, store: &StorePath) -> Result<()> {
    let cx = Ctx::open(&a.out, store)?;
    let state = cx.resolve(&a.state, &[EntityType::State])?;
    cx.run(query::partners(state, a.at, a.limit, a.source.as_deref(), &a.out.lang), &a.out)
}
