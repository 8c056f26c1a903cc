//! `igokg ingest FILE.csv…`: fact tables, of any length, in bounded memory.
//!
//! Every row of every file is checked in a first pass that keeps no more than a small table's
//! facts; if any row is bad, nothing is written. A small table is then written in one
//! transaction; a large one is read a second time and streamed through Oxigraph's bulk loader
//! (atomic: its files are ingested at once). Inputs that cannot be read twice (stdin, pipes)
//! are copied into a temporary file first, up to a cap.

use super::StorePath;
use anyhow::{Context, Result};
use igokg::ingest::limit::{self, Limited, Lines};
use igokg::ingest::table::{self, FactReader};
use igokg::ingest::{InputError, InputErrors};
use igokg::model::{EntityRef, EntityType, Fact, FactKind, Resolve};
use std::cell::RefCell;
use std::collections::HashMap;
use std::path::PathBuf;

/// Read CSV fact tables whose columns are the fact model's argument names (one kind per file
/// with --kind, or a `kind` column) plus provenance columns (source, published, lang,
/// publisher, quote, span_start, span_end, confidence, rule). Every row of every file is
/// checked first; if any is bad, nothing is written. Tables of any length are written in
/// bounded memory.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  igokg ingest examples/csto-summit-astana-2024.facts.csv\n  igokg ingest --kind membership members.csv\n  zcat big.csv.gz | igokg ingest --max-bytes 40G -"
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
    /// The largest input read (K, M, G suffixes): a larger or endless one is refused
    #[arg(long, default_value = "16G", value_parser = limit::parse_size)]
    pub max_bytes: u64,
}

/// Up to this many facts are kept from the first pass and written in one transaction; above
/// it the tables are read again and streamed through the bulk loader.
pub const TRANSACTION_FACTS: usize = 10_000;

/// Resolving the same name again costs a lookup in the store: tables repeat names, so the
/// answers are kept (up to this many; then the cache starts again).
const CACHE_ENTRIES: usize = 100_000;

type CacheKey = (String, String, Vec<EntityType>);

/// A resolver that remembers its answers.
struct Cached<'a> {
    inner: &'a dyn Resolve,
    cache: RefCell<HashMap<CacheKey, Result<EntityRef, String>>>,
}

impl Resolve for Cached<'_> {
    fn entity(&self, arg: &str, value: &str, types: &[EntityType]) -> Result<EntityRef, String> {
        let key = (arg.to_owned(), value.to_owned(), types.to_vec());
        if let Some(r) = self.cache.borrow().get(&key) {
            return r.clone();
        }
        let r = self.inner.entity(arg, value, types);
        let mut c = self.cache.borrow_mut();
        if c.len() >= CACHE_ENTRIES {
            c.clear();
        }
        c.insert(key, r.clone());
        r
    }
}

/// One input, readable as many times as needed.
struct Input {
    /// The name in messages (the path as given).
    name: String,
    /// The default source: the file name.
    file_name: String,
    path: PathBuf,
    /// A copy of stdin or a pipe, removed when dropped.
    _spool: Option<tempfile::NamedTempFile>,
}

impl Input {
    fn open(f: &PathBuf, max: u64) -> Result<Self> {
        let name = f.display().to_string();
        let file_name = f.file_name().map_or(name.clone(), |n| n.to_string_lossy().into_owned());
        if name == "-" {
            let spool = limit::spool(std::io::stdin().lock(), "<stdin>", max, "--max-bytes", Lines::Csv(limit::DEFAULT_MAX_LINE))
                .map_err(anyhow::Error::msg)?;
            return Ok(Self { name, file_name, path: spool.path().to_owned(), _spool: Some(spool) });
        }
        let meta = std::fs::metadata(f).with_context(|| format!("cannot open {name}"))?;
        if meta.is_file() {
            if meta.len() > max {
                anyhow::bail!("{name}: {} bytes, larger than the cap of {} (raise it with --max-bytes)", meta.len(), limit::human(max));
            }
            return Ok(Self { name, file_name, path: f.clone(), _spool: None });
        }
        // A pipe or a device: it can be read once only.
        let h = std::fs::File::open(f).with_context(|| format!("cannot open {name}"))?;
        let spool = limit::spool(h, &name, max, "--max-bytes", Lines::Csv(limit::DEFAULT_MAX_LINE)).map_err(anyhow::Error::msg)?;
        Ok(Self { name, file_name, path: spool.path().to_owned(), _spool: Some(spool) })
    }

    /// The facts of the table, one row at a time, with the default source renamed to the
    /// file name.
    fn facts<'r>(
        &'r self,
        kind: Option<FactKind>,
        resolver: &'r dyn Resolve,
        recorded: &'r str,
        max: u64,
    ) -> Result<impl Iterator<Item = Result<Fact, InputError>> + 'r, InputError> {
        let h = std::fs::File::open(&self.path).map_err(|e| InputError::new(&self.name, None, None, format!("cannot open: {e}")))?;
        let limited = Limited::new(std::io::BufReader::with_capacity(1 << 16, h), max, "--max-bytes", Lines::Csv(limit::DEFAULT_MAX_LINE));
        let reader = FactReader::new(limited, &self.name, kind, resolver, Some(recorded))?;
        Ok(reader.map(move |r| {
            r.map(|mut f| {
                if f.provenance.source == self.name {
                    f.provenance.source.clone_from(&self.file_name);
                }
                f
            })
        }))
    }
}

pub fn run(args: Args, store: &StorePath) -> Result<()> {
    let kind = args.kind.as_deref().map(str::parse::<FactKind>).transpose()?;
    let (st, names) = store.open_unless_dry_run(args.dry_run)?;
    let resolver = Cached { inner: names.resolver(st.as_ref()), cache: RefCell::new(HashMap::new()) };
    let recorded = super::now();
    let inputs: Vec<Input> = args.files.iter().map(|f| Input::open(f, args.max_bytes)).collect::<Result<_>>()?;
    // Pass 1: check every row; keep the facts of a small table.
    let mut kept: Vec<Fact> = Vec::new();
    let mut keep = true;
    let mut count = 0usize;
    let (mut errors, mut more) = (Vec::new(), 0usize);
    for input in &inputs {
        let rows = match input.facts(kind, &resolver, &recorded, args.max_bytes) {
            Ok(rows) => rows,
            Err(e) => {
                table::push(&mut errors, &mut more, e);
                continue;
            }
        };
        for r in rows {
            match r {
                Ok(f) => {
                    count += 1;
                    if keep {
                        kept.push(f);
                        if kept.len() > TRANSACTION_FACTS {
                            keep = false;
                            kept = Vec::new();
                        }
                    }
                }
                Err(e) => table::push(&mut errors, &mut more, e),
            }
        }
    }
    if !errors.is_empty() {
        return Err(anyhow::Error::new(InputErrors { errors, more }));
    }
    let Some(st) = st.as_ref() else {
        eprintln!("{count} facts are valid (dry run: nothing written)");
        return Ok(());
    };
    let s = if keep {
        st.insert(&igokg::graph::Batch { facts: kept, ..Default::default() }, false)?
    } else {
        // Pass 2: the same rows again, streamed into the bulk loader.
        let bar = indicatif::ProgressBar::with_draw_target(None, indicatif::ProgressDrawTarget::stderr());
        bar.set_style(indicatif::ProgressStyle::with_template("{spinner} bulk-loading {msg}: {pos} quads ({per_sec}) {elapsed}")?);
        bar.set_message(format!("{count} facts"));
        let b2 = bar.clone();
        let mut streams = Vec::new();
        for input in &inputs {
            streams.push(input.facts(kind, &resolver, &recorded, args.max_bytes)?);
        }
        let s = st.insert_stream(streams.into_iter().flatten(), move |n| b2.set_position(n))?;
        bar.finish_and_clear();
        s
    };
    eprintln!("ingested {} facts ({} new quads) into {} graph(s)", s.facts, s.quads_added, s.graphs.len());
    Ok(())
}
