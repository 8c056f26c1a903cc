//! The command line: one file per subcommand, each an `Args` struct and a `run` function over
//! the library.

pub mod add;
pub mod convenience;
pub mod eval;
pub mod export;
pub mod extract;
pub mod import;
pub mod ingest;
pub mod init;
pub mod load;
pub mod network;
pub mod push;
pub mod query;
pub mod remove;
pub mod render;
pub mod serve;
pub mod stats;
pub mod validate;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};
use igokg::format::Format;
use igokg::store::Store;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

const EXAMPLES: &str = "Examples:
  igokg --store kg init
  igokg --store kg ingest examples/csto-summit-astana-2024.facts.csv examples/csto-membership-history.csv
  igokg --store kg members CSTO --at 2024-11-28
  igokg --store kg add membership-status --member أرمينيا --organization CSTO --status frozen --start 2024-02 --source https://example.org/a --quote \"…\"
  igokg --store kg query 'SELECT ?s ?o WHERE { ?s <http://www.w3.org/ns/org#memberOf> ?o }'
  igokg --store kg export --format graphml -o csto.graphml --org CSTO
  igokg --store kg serve --bind 127.0.0.1:7878";

/// igokg: a knowledge graph of international organisations — who is a member and with what
/// status, who chairs, which summits, who came and who stayed away, and who said so.
#[derive(Debug, Parser)]
#[command(name = "igokg", version, after_help = EXAMPLES, max_term_width = 100)]
pub struct Cli {
    /// The store folder (created on first write). Default: $XDG_DATA_HOME/igokg/store.
    #[arg(long, global = true, env = "IGOKG_STORE", value_hint = clap::ValueHint::DirPath)]
    pub store: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    Init(init::Args),
    Add(add::Args),
    Remove(remove::Args),
    Ingest(ingest::Args),
    Load(load::Args),
    Query(query::Args),
    Members(convenience::MembersArgs),
    Chairs(convenience::OrgArgs),
    Summits(convenience::OrgArgs),
    Timeline(convenience::TimelineArgs),
    MembershipSpan(convenience::SpanArgs),
    Rejoined(convenience::StateArgs),
    MembershipsCount(convenience::CountArgs),
    Partners(convenience::PartnersArgs),
    Network(network::Args),
    Render(render::Args),
    Export(export::Args),
    Validate(validate::Args),
    Stats(stats::Args),
    Import(import::Args),
    Extract(extract::Args),
    Eval(eval::Args),
    Push(push::Args),
    Serve(serve::Args),
}

impl Cli {
    pub fn run(self) -> Result<()> {
        let store = StorePath(self.store.clone().unwrap_or_else(default_store));
        match self.command {
            Command::Init(a) => init::run(a, &store),
            Command::Add(a) => add::run(a, &store),
            Command::Remove(a) => remove::run(a, &store),
            Command::Ingest(a) => ingest::run(a, &store),
            Command::Load(a) => load::run(a, &store),
            Command::Query(a) => query::run(a, &store),
            Command::Members(a) => convenience::members(a, &store),
            Command::Chairs(a) => convenience::chairs(a, &store),
            Command::Summits(a) => convenience::summits(a, &store),
            Command::Timeline(a) => convenience::timeline(a, &store),
            Command::MembershipSpan(a) => convenience::membership_span(a, &store),
            Command::Rejoined(a) => convenience::rejoined(a, &store),
            Command::MembershipsCount(a) => convenience::memberships_count(a, &store),
            Command::Partners(a) => convenience::partners(a, &store),
            Command::Network(a) => network::run(a, &store),
            Command::Render(a) => render::run(a, &store),
            Command::Export(a) => export::run(a, &store),
            Command::Validate(a) => validate::run(a, &store),
            Command::Stats(a) => stats::run(a, &store),
            Command::Import(a) => import::run(a, &store),
            Command::Extract(a) => extract::run(a, &store),
            Command::Eval(a) => eval::run(a, &store),
            Command::Push(a) => push::run(a, &store),
            Command::Serve(a) => serve::run(a, &store),
        }
    }
}

fn default_store() -> PathBuf {
    let base = std::env::var_os("XDG_DATA_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/share")))
        .unwrap_or_else(|| PathBuf::from("."));
    base.join("igokg").join("store")
}

/// Where the store is.
pub struct StorePath(pub PathBuf);

impl StorePath {
    /// Opens the store for writing, creating and initialising it when needed.
    pub fn open_for_write(&self) -> Result<(Store, igokg::gazetteer::Gazetteer)> {
        let store = Store::open(&self.0)?;
        let gaz = store.gazetteer()?;
        store.ensure_initialized(&gaz)?;
        Ok((store, gaz))
    }

    /// For a command that may be a dry run: the store opened for writing (None in a dry run,
    /// which creates nothing) and the gazetteer to resolve names with.
    pub fn open_unless_dry_run(&self, dry_run: bool) -> Result<(Option<Store>, igokg::gazetteer::Gazetteer)> {
        if dry_run {
            let gaz = Store::open_existing(&self.0).and_then(|s| s.gazetteer()).unwrap_or_else(|_| igokg::gazetteer::Gazetteer::builtin());
            return Ok((None, gaz));
        }
        let (s, g) = self.open_for_write()?;
        Ok((Some(s), g))
    }

    /// Opens an existing store for reading.
    pub fn open_for_read(&self) -> Result<Store> {
        Ok(Store::open_to_read(&self.0)?)
    }
}

/// A year given on the command line (`--at 2013`).
pub fn parse_year(s: &str) -> std::result::Result<i32, String> {
    let t = s.trim();
    let digits = t.strip_prefix('-').unwrap_or(t);
    match t.parse::<i32>() {
        Ok(y) if (1..=4).contains(&digits.len()) && (-9999..=9999).contains(&y) => Ok(y),
        _ => Err(format!("'{s}' is not a year: expected up to four digits, e.g. 2013")),
    }
}

/// The time facts are recorded, as xsd:dateTime.
pub fn now() -> String {
    chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// The output format: `--format`, else the extension of `-o`, else a table on a terminal
/// and `fallback` otherwise.
pub fn output_format(explicit: Option<Format>, out: Option<&Path>, fallback: Format) -> Format {
    explicit.or_else(|| out.and_then(Format::from_path)).unwrap_or_else(|| {
        if out.is_none() && std::io::stdout().is_terminal() {
            Format::Table
        } else {
            fallback
        }
    })
}

/// Writes to `-o FILE` (atomically: a temporary file renamed at the end) or stdout.
pub fn with_output<T>(out: Option<&Path>, f: impl FnOnce(&mut dyn Write) -> Result<T>) -> Result<T> {
    match out {
        None => {
            let stdout = std::io::stdout();
            let mut w = std::io::BufWriter::new(stdout.lock());
            let r = f(&mut w)?;
            w.flush()?;
            Ok(r)
        }
        Some(path) if path == Path::new("-") => with_output(None, f),
        Some(path) => {
            let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
            let mut tmp = tempfile::NamedTempFile::new_in(dir).with_context(|| format!("cannot write in {}", dir.display()))?;
            let r = {
                let mut w = std::io::BufWriter::new(tmp.as_file_mut());
                let r = f(&mut w)?;
                w.flush()?;
                r
            };
            tmp.persist(path).with_context(|| format!("cannot write {}", path.display()))?;
            Ok(r)
        }
    }
}
