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
use igokg::format::{CsvCells, Format};
use igokg::Graph;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

const EXAMPLES: &str = "Examples:
  export IGOKG_STORE=kg
  igokg init
  igokg ingest examples/csto-summit-astana-2024.facts.csv
  igokg members CSTO --at 2024-11-28
  igokg add chairmanship --chair Kyrgyzstan --organization ОДКБ --year 2025
  igokg query 'SELECT ?s ?o WHERE { ?s org:memberOf ?o }'
  igokg export --format graphml --org CSTO -o csto.graphml
  igokg import cow data/cow/igo_year_formatv3.tsv.gz
  igokg serve --bind 127.0.0.1:7878

Every command takes --store DIR (or IGOKG_STORE); `igokg <command> --help` has examples.";

/// igokg: a knowledge graph of international organisations — who is a member and with what
/// status, who chairs, which summits, who came and who stayed away, and who said so.
#[derive(Debug, Parser)]
#[command(name = "igokg", version, after_help = EXAMPLES, max_term_width = 100)]
pub struct Cli {
    /// The store folder (created on first write). Default: $IGOKG_STORE, else
    /// $XDG_DATA_HOME/igokg/store.
    // IGOKG_STORE is read in `run`, not through clap's `env`: clap counts a value from the
    // environment as given, and its usage lines would then show `--store <STORE>` as needed.
    #[arg(long, global = true, value_hint = clap::ValueHint::DirPath)]
    pub store: Option<PathBuf>,

    /// Write CSV cells as they are. By default a cell that a spreadsheet would run as a
    /// formula (starting with =, +, -, @) gets a leading ' (numbers such as -9 stay as they are)
    #[arg(long, global = true)]
    pub raw_csv: bool,

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
    /// Who chairs an organisation, year by year, with the sources that say so.
    #[command(
        after_help = "Examples:\n  igokg chairs CSTO\n  igokg chairs ОДКБ --lang ru\n  igokg chairs ASEAN --format csv -o asean-chairs.csv"
    )]
    Chairs(convenience::OrgArgs),
    /// An organisation's summits: place, date, who attended and who stayed away, with sources.
    #[command(after_help = "Examples:\n  igokg summits CSTO\n  igokg summits CSTO --lang ar\n  igokg summits ОДКБ --format json")]
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
        let _ = CSV_CELLS.set(if self.raw_csv { CsvCells::Raw } else { CsvCells::Neutralised });
        let from_env = std::env::var_os("IGOKG_STORE").filter(|v| !v.is_empty()).map(PathBuf::from);
        let store = StorePath(self.store.clone().or(from_env).unwrap_or_else(default_store));
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
    pub fn open_for_write(&self) -> Result<Graph> {
        Ok(Graph::open_write(&self.0)?)
    }

    /// For a command that may be a dry run: the graph opened for writing (None in a dry run,
    /// which writes nothing), and what names resolve with: the store, read-only, when one
    /// exists, else the bundled tables.
    pub fn open_unless_dry_run(&self, dry_run: bool) -> Result<(Option<Graph>, Names)> {
        if dry_run {
            return Ok((None, self.names_read_only()));
        }
        Ok((Some(self.open_for_write()?), Names::Store))
    }

    /// Names for a command that only reads: the store's (read-only) or the bundled tables.
    pub fn names_read_only(&self) -> Names {
        match Graph::open_read(&self.0) {
            Ok(g) => Names::Graph(g),
            Err(_) => Names::Builtin(Box::new(igokg::gazetteer::Gazetteer::builtin())),
        }
    }

    /// Opens an existing store for reading: RocksDB read-only, nothing in the folder changes.
    pub fn open_for_read(&self) -> Result<Graph> {
        Ok(Graph::open_read(&self.0)?)
    }
}

/// What a command resolves names with.
pub enum Names {
    /// The graph the command writes to.
    Store,
    /// An existing store, opened read-only.
    Graph(Graph),
    /// The bundled reference tables (no store yet).
    Builtin(Box<igokg::gazetteer::Gazetteer>),
}

impl Names {
    /// The resolver, given the graph the command writes to (if any).
    pub fn resolver<'a>(&'a self, graph: Option<&'a Graph>) -> &'a dyn igokg::model::Resolve {
        match (self, graph) {
            (Names::Graph(g), _) => g,
            (Names::Builtin(g), _) => g.as_ref(),
            (Names::Store, Some(g)) => g,
            (Names::Store, None) => unreachable!("Names::Store comes with the graph it names"),
        }
    }

    /// The whole gazetteer (for imports that map a whole dataset).
    pub fn gazetteer(&self, graph: Option<&Graph>) -> Result<igokg::gazetteer::Gazetteer> {
        Ok(match (self, graph) {
            (Names::Graph(g), _) | (Names::Store, Some(g)) => g.gazetteer()?,
            _ => igokg::gazetteer::Gazetteer::builtin(),
        })
    }
}

/// A language of names (`--lang`): the three the reference data holds.
pub fn parse_lang(s: &str) -> std::result::Result<String, String> {
    match s.trim() {
        l @ ("ar" | "en" | "ru") => Ok(l.to_owned()),
        _ => Err(format!("'{s}': names are kept in ar, en and ru; choose one of them")),
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

/// How CSV cells are written in this run (`--raw-csv`).
static CSV_CELLS: std::sync::OnceLock<CsvCells> = std::sync::OnceLock::new();

/// The CSV cell mode of this run.
pub fn csv_cells() -> CsvCells {
    CSV_CELLS.get().copied().unwrap_or_default()
}

/// Writes query results as `igokg::query::write_results` does, with this run's CSV cell mode.
pub fn write_results(results: oxigraph::sparql::QueryResults<'_>, format: Format, out: &mut dyn Write) -> Result<usize> {
    Ok(igokg::query::write_results_with(results, format, out, csv_cells())?)
}

/// "1 triple", "2 triples".
pub fn plural(n: u64, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
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
            let mut tmp = output_temp_file(dir).with_context(|| format!("cannot write in {}", dir.display()))?;
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

/// A temporary file for `-o FILE` that becomes the file: created with mode 0666 less the
/// umask, as any file a program writes (tempfile's own default, 0600, would make every export
/// private to its owner).
fn output_temp_file(dir: &Path) -> std::io::Result<tempfile::NamedTempFile> {
    let mut b = tempfile::Builder::new();
    b.prefix(".igokg-out-");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        b.permissions(std::fs::Permissions::from_mode(0o666));
    }
    b.tempfile_in(dir)
}
