//! `igokg import cow FILE`: published datasets, read with their own layouts.

use super::StorePath;
use anyhow::{Context, Result};
use flate2::bufread::MultiGzDecoder;
use igokg::ingest::cow::{self, CowImport};
use igokg::ingest::limit::{self, Limited, Lines};
use igokg::model::FactKind;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::cell::Cell;
use std::io::{BufRead, BufReader, Read};
use std::path::PathBuf;
use std::rc::Rc;
use std::time::Instant;

/// The datasets `import` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Dataset {
    /// Correlates of War IGO v3.0: igo_year_formatv3.tsv or state_year_formatv3.tsv
    Cow,
}

/// Import a published dataset. `cow`: the Correlates of War IGO v3.0 data in either layout
/// (IGO-year or state-year, told apart by the header), as `.tsv` or gzip-compressed
/// `.tsv.gz` (the copies shipped in data/cow/). Yearly codes become membership
/// intervals (1 full, 2 associate, 3 observer; 0 ends a membership; -9 unknown; -1 or empty:
/// not in existence), keeping the pre-1965 uncertainty as earliest-start/end bounds; the IGOs'
/// founding years become founding facts, and states or organisations the reference data lacks
/// become entities. Everything goes into one source graph for the file, cited as Pevehouse et
/// al. 2020, in one atomic bulk load: a bad cell anywhere writes nothing.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  igokg import cow data/cow/igo_year_formatv3.tsv.gz\n  igokg import cow data/cow/state_year_formatv3.tsv.gz --dry-run\n  igokg members CSTO --at 2013"
)]
pub struct Args {
    /// The dataset
    #[arg(value_enum)]
    pub dataset: Dataset,
    /// The file (`-` for stdin)
    #[arg(value_hint = clap::ValueHint::FilePath)]
    pub file: PathBuf,
    /// Read and check the file and report what it holds, but write nothing
    #[arg(long)]
    pub dry_run: bool,
    /// The largest input read (K, M, G suffixes): a larger or endless one is refused (the COW
    /// files are 20 and 33 MB)
    #[arg(long, default_value = "1G", value_parser = limit::parse_size)]
    pub max_bytes: u64,
}

/// The first bytes of a gzip stream (RFC 1952): a `.tsv.gz` is read through a decoder,
/// whatever the file is called.
const GZIP_MAGIC: [u8; 2] = [0x1f, 0x8b];

/// Counts the bytes read from the file, so that the progress bar follows the file on disk
/// (the compressed bytes of a `.gz`).
struct Counting<R> {
    inner: R,
    read: Rc<Cell<u64>>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read.set(self.read.get() + n as u64);
        Ok(n)
    }
}

/// The longest line of a table (the widest COW row is about 3 KB).
const MAX_LINE: u64 = 16 << 20;

fn bar(len: u64, template: &str) -> ProgressBar {
    // Drawn on stderr only when it is a terminal.
    let b = ProgressBar::with_draw_target(Some(len), ProgressDrawTarget::stderr());
    b.set_style(ProgressStyle::with_template(template).expect("static template").progress_chars("=> "));
    b
}

pub fn run(args: Args, store: &StorePath) -> Result<()> {
    let Dataset::Cow = args.dataset;
    let name = args.file.display().to_string();
    let file_name = args.file.file_name().map_or_else(|| name.clone(), |n| n.to_string_lossy().into_owned());
    // The same table compressed or not is the same source (one graph, one citation).
    let table_name = file_name.strip_suffix(".gz").unwrap_or(&file_name).to_owned();
    let (st, names) = store.open_unless_dry_run(args.dry_run)?;
    let gaz = names.gazetteer(st.as_ref())?;
    let started = Instant::now();
    // Bytes of the file read so far (compressed bytes for a .gz file), for the progress bar.
    let consumed = Rc::new(Cell::new(0u64));
    let (raw, size): (Box<dyn Read>, u64) = if name == "-" {
        (Box::new(std::io::stdin()), 0)
    } else {
        let f = std::fs::File::open(&args.file).with_context(|| format!("cannot open {name}"))?;
        let size = f.metadata().map(|m| m.len()).unwrap_or(0);
        if size > args.max_bytes {
            anyhow::bail!("{name}: {size} bytes, larger than the cap of {} (raise it with --max-bytes)", limit::human(args.max_bytes));
        }
        (Box::new(f), size)
    };
    let mut raw = BufReader::with_capacity(1 << 20, Counting { inner: raw, read: consumed.clone() });
    let gzipped = raw.fill_buf().with_context(|| format!("cannot read {name}"))?.starts_with(&GZIP_MAGIC);
    let reader: Box<dyn Read> = if gzipped { Box::new(MultiGzDecoder::new(raw)) } else { Box::new(raw) };
    // An endless input (a device, a pipe, a gzip bomb) stops at the cap, and a line without end
    // at the line cap, with a message, instead of growing memory.
    let reader = Limited::new(reader, args.max_bytes, "--max-bytes", Lines::Plain(MAX_LINE));
    let source = format!("{} {table_name}", cow::RELEASE);
    let recorded = super::now();
    let read_bar = bar(size, "{spinner} reading {msg} [{bar:30}] {bytes}/{total_bytes} ({bytes_per_sec}, {eta})");
    read_bar.set_message(file_name.clone());
    let imp: CowImport = cow::read(BufReader::with_capacity(1 << 20, reader), &name, &source, &gaz, Some(&recorded), &mut |_| {
        read_bar.set_position(consumed.get())
    })
    .map_err(anyhow::Error::new)?;
    read_bar.finish_and_clear();
    let read_secs = started.elapsed().as_secs_f64();
    let memberships = imp.facts.iter().filter(|f| f.kind == FactKind::Membership).count();
    let foundings = imp.facts.len() - memberships;
    let summary = format!(
        "{} ({} layout): {} rows, {memberships} memberships, {foundings} founding years, {} organisations, {} new entities",
        file_name,
        imp.layout.as_str(),
        imp.rows,
        imp.organisations.len(),
        imp.entities.len()
    );
    let Some(st) = st else {
        eprintln!("{summary} (dry run: nothing written; read in {read_secs:.1} s)");
        return Ok(());
    };
    let load_bar = bar(0, "{spinner} {msg} {elapsed}");
    load_bar.enable_steady_tick(std::time::Duration::from_millis(120));
    load_bar.set_message(format!("bulk-loading {} facts into {}…", imp.facts.len(), st.store().path().display()));
    let lb = load_bar.clone();
    let done = st.import_cow(&imp, &source, &recorded, move |n| lb.set_message(format!("bulk-loading: {n} quads…")))?;
    load_bar.finish_and_clear();
    let secs = started.elapsed().as_secs_f64();
    let (graph, total, added) = (done.graph, done.quads, done.quads_added);
    eprintln!(
        "imported {summary} into {graph}: {total} quads ({added} new) in {secs:.1} s ({:.0} rows/s, {:.0} quads/s)",
        imp.rows as f64 / secs,
        total as f64 / secs
    );
    Ok(())
}
