//! `igokg render ORG -o FILE.svg`: pictures of an organisation, written as SVG by the project.

use super::StorePath;
use anyhow::{anyhow, bail, Result};
use igokg::model::{EntityType, PartialDate};
use igokg::render::{self, OrgFacts};
use oxigraph::model::NamedNode;
use std::path::PathBuf;

/// Draw an organisation as SVG. By default a membership timeline: one bar per member across
/// the years, coloured by role (full, associate, observer, partner), participation statuses
/// (frozen, suspended, withdrawn) hatched over the bars, chair years marked with a gold
/// diamond, summits as red points on the top axis, with a legend and a year axis. With
/// `--graph --at DATE`: its members at that date around it (colour: role; ring: status; gold:
/// chair that year) and the summits of that year.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  igokg render CSTO -o csto.svg\n  igokg render CSTO --at 2024-11-28 --graph -o csto-2024.svg\n  igokg render ОДКБ --lang ru -o csto.ru.svg"
)]
pub struct Args {
    /// The organisation: any name in ar/en/ru, an abbreviation, a Wikidata id or an IRI
    pub org: String,
    /// The date of the `--graph` picture (YYYY, YYYY-MM or YYYY-MM-DD)
    #[arg(long)]
    pub at: Option<PartialDate>,
    /// Draw the members, chairs and summits at `--at` instead of the timeline
    #[arg(long, requires = "at")]
    pub graph: bool,
    /// Language of the names shown (ar, en, ru)
    #[arg(long, default_value = "en", value_parser = super::parse_lang)]
    pub lang: String,
    /// The SVG file (`-` for stdout)
    #[arg(long, short = 'o', value_hint = clap::ValueHint::FilePath)]
    pub output: PathBuf,
}

pub fn run(a: Args, store: &StorePath) -> Result<()> {
    if a.output != std::path::Path::new("-") && a.output.extension().is_none_or(|e| !e.eq_ignore_ascii_case("svg")) {
        bail!("render writes SVG: name the output FILE.svg (or - for stdout)");
    }
    let graph = store.open_for_read()?;
    let st = graph.store();
    let e = graph.resolve(&a.org, &[EntityType::Organization]).map_err(|e| anyhow!("{e}"))?;
    let org = NamedNode::new(e.iri.clone())?;
    let facts = OrgFacts::read(st, &org, &a.lang)?;
    if facts.members.is_empty() && facts.summits.is_empty() {
        bail!("the store holds no membership, chair or summit of {}", facts.label);
    }
    let until = chrono::Datelike::year(&chrono::Utc::now()) + 1;
    // Counted from what the picture draws (at a date: the members then, that year's summits).
    let drawn = super::with_output(Some(&a.output), |w| {
        Ok(match (a.graph, a.at) {
            (true, Some(at)) => render::write_graph(&facts, at, w)?,
            _ => {
                render::write_timeline(&facts, until, w)?;
                render::Drawn { members: facts.members.len(), summits: facts.summits.len() }
            }
        })
    })?;
    if a.output != std::path::Path::new("-") {
        let when = match (a.graph, a.at) {
            (true, Some(at)) => format!(" at {at}"),
            _ => String::new(),
        };
        eprintln!(
            "wrote {} ({}{when}, {})",
            a.output.display(),
            super::plural(drawn.members as u64, "member"),
            super::plural(drawn.summits as u64, "summit")
        );
    }
    Ok(())
}
