//! `igokg extract DIR_OR_FILES…`: facts from news articles in Arabic, Russian and English, at
//! corpus scale.
//!
//! Documents run in parallel (one thread per job, each taking the next document), and their
//! facts come out in input order as soon as every earlier document is done: a reorder window
//! of a few documents per job bounds how far the workers run ahead, so memory does not grow
//! with the corpus. With `--insert` the documents are written in batches, each batch one
//! transaction holding whole documents (one named graph each): a killed run leaves whole
//! documents only, and a re-run skips those already in the store unchanged.
//!
//! A document that cannot be read (not UTF-8, over the size cap, unreadable) is named with
//! the reason and skipped; the others go on, and the exit status is 2.

use super::StorePath;
use anyhow::{bail, Context, Result};
use igokg::extract::{decode, fact_to_json_with, Extractor, Options};
use igokg::gazetteer::Gazetteer;
use igokg::graph::{Batch, Graph};
use igokg::ingest::limit::{human, parse_size, read_capped};
use igokg::model::{Fact, PartialDate};
use igokg::rdf::SourceMeta;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, HashMap};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{mpsc, Condvar, Mutex};

/// Output forms of `extract`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExtractFormat {
    /// One JSON object per fact: kind, arguments, evidence (source, span, quote, language), rule, confidence
    Jsonl,
    /// An aligned table for reading
    Table,
    /// RDF Turtle: the facts as the store would hold them
    Ttl,
}

/// The default cap on one document.
pub const DEFAULT_MAX_DOC: &str = "64M";

/// Extract facts (memberships, chairs, summits, attendance, offices, visits, …) from news
/// articles, each with its evidence: source, span in Unicode code points, quote, language,
/// rule and confidence. Folders are walked for `*.txt` files in sorted order; documents run in
/// parallel (--jobs) and their facts are written in input order as they finish. With --insert
/// the facts go into the store, one named graph per document, in batches of whole documents
/// (each batch one transaction); a document already in the store with the same content is
/// skipped (--replace extracts it again), an edited one replaces its graph. A document that
/// cannot be read is named on stderr and skipped; the others go on and the exit status is 2.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  igokg extract examples/csto-summit-astana-2024.ar.txt --published 2024-11-28
  igokg extract --format table article.ru.txt
  igokg extract corpus/ --jobs 2 > facts.jsonl
  igokg --store kg extract --insert corpus/ 2024-11/*.txt
  igokg --store kg extract --insert --replace corpus/      # extract every document again
  igokg --store kg extract --insert --source-url https://tass.ru/… --publisher TASS article.txt

Exit status: 0 when every document was read, 2 when some could not be (each is named on
stderr, with a summary line), 1 on any other error (nothing is written then).")]
pub struct Args {
    /// Article files (UTF-8 text) or folders of `*.txt` files; `-` for stdin
    #[arg(required = true, value_hint = clap::ValueHint::AnyPath)]
    pub files: Vec<PathBuf>,
    /// The language: auto (from the script), ar, ru or en
    #[arg(long, default_value = "auto", value_parser = ["auto", "ar", "ru", "en"])]
    pub lang: String,
    /// Output form (default: a table on a terminal, else jsonl; nothing with --insert)
    #[arg(long, value_enum)]
    pub format: Option<ExtractFormat>,
    /// Write the facts into the store (one named graph per document)
    #[arg(long)]
    pub insert: bool,
    /// With --insert: extract and write again documents the store already holds unchanged
    #[arg(long, requires = "insert")]
    pub replace: bool,
    /// Documents extracted at once, one thread each (default: the number of cores)
    #[arg(long, short = 'j', value_parser = clap::value_parser!(u16).range(1..=1024))]
    pub jobs: Option<u16>,
    /// With --insert: documents per transaction
    #[arg(long, default_value_t = 64, value_parser = clap::value_parser!(u32).range(1..))]
    pub batch: u32,
    /// The largest document read (K, M, G suffixes); a larger one is named and skipped
    #[arg(long, default_value = DEFAULT_MAX_DOC, value_parser = parse_size)]
    pub max_doc_bytes: u64,
    /// The source URL to record instead of the file name (one document only)
    #[arg(long, value_hint = clap::ValueHint::Url)]
    pub source_url: Option<String>,
    /// Publication date (YYYY-MM-DD) for relative dates; default: a date line in the text
    #[arg(long)]
    pub published: Option<String>,
    /// The publisher (agency) to record
    #[arg(long)]
    pub publisher: Option<String>,
}

/// Some documents could not be read; each was named on stderr. The binary exits with 2.
#[derive(Debug, thiserror::Error)]
#[error("{}", if .failed == .total { format!("none of the {total} document(s) could be read (each is named above)") } else { format!("{failed} of {total} document(s) could not be read (named above); the others were extracted") })]
pub struct SomeFailed {
    pub failed: usize,
    pub total: usize,
}

/// One document of the run.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Doc {
    /// None: stdin.
    path: Option<PathBuf>,
    /// The name in messages (the path as given or found).
    shown: String,
    /// The source recorded (one named graph per source).
    source: String,
}

/// What became of one document.
enum Outcome {
    Done {
        facts: Vec<Fact>,
        /// Entities the extractor minted or took from a table the store may lack.
        entities: Vec<igokg::model::Entity>,
        meta: Box<SourceMeta>,
    },
    /// In the store already, unchanged.
    Skipped,
    Failed(String),
}

/// Lists the documents: files as given, folders walked for `*.txt` (sorted, recursively,
/// hidden entries and symbolic links to folders left out). A file named on the command line
/// is the source of its file name; one found in a folder, of its path as given. Two documents
/// may not share a source name, since each source is one named graph.
fn documents(inputs: &[PathBuf]) -> Result<Vec<Doc>> {
    let mut docs = Vec::new();
    for input in inputs {
        if input.as_os_str() == "-" {
            docs.push(Doc { path: None, shown: "<stdin>".into(), source: "-".into() });
            continue;
        }
        let meta = std::fs::metadata(input).with_context(|| format!("cannot read {}", input.display()))?;
        if meta.is_dir() {
            let before = docs.len();
            walk(input, &mut docs).with_context(|| format!("cannot list {}", input.display()))?;
            if docs.len() == before {
                bail!("{} holds no *.txt file", input.display());
            }
        } else {
            let source = input.file_name().map_or_else(|| input.display().to_string(), |n| n.to_string_lossy().into_owned());
            docs.push(Doc { path: Some(input.clone()), shown: input.display().to_string(), source });
        }
    }
    let mut seen: HashMap<&str, &str> = HashMap::new();
    for d in &docs {
        if let Some(other) = seen.insert(&d.source, &d.shown) {
            bail!(
                "{other} and {} would both be the source '{}' (one named graph per source): give each document once, or rename one",
                d.shown,
                d.source
            );
        }
    }
    Ok(docs)
}

/// The source name of a document found in a folder: its path as given (`corpus/2024/a.txt`,
/// without `./`), the same whichever of its folders is named on the command line.
fn walked_source(path: &Path) -> String {
    let clean: PathBuf = path.components().filter(|c| !matches!(c, std::path::Component::CurDir)).collect();
    clean.to_string_lossy().into_owned()
}

fn walk(dir: &Path, out: &mut Vec<Doc>) -> std::io::Result<()> {
    let mut entries: Vec<std::fs::DirEntry> = std::fs::read_dir(dir)?.collect::<std::io::Result<_>>()?;
    entries.sort_by_key(std::fs::DirEntry::file_name);
    for e in entries {
        let name = e.file_name();
        let name_s = name.to_string_lossy();
        if name_s.starts_with('.') {
            continue;
        }
        let path = e.path();
        let ft = e.file_type()?;
        if ft.is_dir() {
            walk(&path, out)?;
        } else if path.extension().is_some_and(|x| x == "txt") && (ft.is_file() || (ft.is_symlink() && path.is_file())) {
            let source = walked_source(&path);
            out.push(Doc { shown: path.display().to_string(), path: Some(path), source });
        }
    }
    Ok(())
}

/// What every document shares.
struct Ctx<'a> {
    extractor: &'a Extractor<'a>,
    graph: Option<&'a Graph>,
    replace: bool,
    lang: Option<String>,
    published: Option<PartialDate>,
    publisher: Option<String>,
    source_url: Option<String>,
    recorded: String,
    max_doc: u64,
    version: String,
}

fn read_doc(doc: &Doc, max: u64) -> Result<Vec<u8>, String> {
    const FLAG: &str = "--max-doc-bytes";
    let too_big = |e: std::io::Error| format!("{}: {e}", doc.shown);
    match &doc.path {
        None => read_capped(std::io::stdin().lock(), max, FLAG).map_err(too_big),
        Some(p) => {
            let f = std::fs::File::open(p).map_err(|e| format!("{}: cannot open: {e}", doc.shown))?;
            if let Ok(m) = f.metadata() {
                if m.is_file() && m.len() > max {
                    return Err(format!(
                        "{}: {} bytes, larger than the cap of {} per document; raise it with {FLAG} if it is one article",
                        doc.shown,
                        m.len(),
                        human(max)
                    ));
                }
            }
            read_capped(f, max, FLAG).map_err(too_big)
        }
    }
}

fn process(doc: &Doc, ctx: &Ctx<'_>) -> Outcome {
    let bytes = match read_doc(doc, ctx.max_doc) {
        Ok(b) => b,
        Err(e) => return Outcome::Failed(e),
    };
    let source = ctx.source_url.clone().unwrap_or_else(|| doc.source.clone());
    let sha256 = hex(&Sha256::digest(&bytes));
    if let (Some(g), false) = (ctx.graph, ctx.replace) {
        match g.holds_document(&source, &sha256, &ctx.version) {
            Ok(true) => return Outcome::Skipped,
            Ok(false) => {}
            Err(e) => return Outcome::Failed(format!("{}: cannot look it up in the store: {e}", doc.shown)),
        }
    }
    let text = match decode(&bytes, &doc.shown) {
        Ok(t) => t,
        Err(e) => return Outcome::Failed(e.to_string()),
    };
    let opts = Options {
        source: source.clone(),
        lang: ctx.lang.clone(),
        published: ctx.published,
        publisher: ctx.publisher.clone(),
        recorded: Some(ctx.recorded.clone()),
    };
    // A panic in the extractor is a bug; it costs this document only.
    let (facts, entities) = match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| ctx.extractor.extract_all(text, &opts))) {
        Ok(Ok(got)) => (got.facts, got.entities),
        Ok(Err(e)) => return Outcome::Failed(format!("{}: {e}", doc.shown)),
        Err(_) => return Outcome::Failed(format!("{}: the extractor failed on this document (a bug: please report it)", doc.shown)),
    };
    let mut meta = facts.first().map(|f| SourceMeta::from_provenance(&f.provenance)).unwrap_or_else(|| SourceMeta {
        source,
        published: ctx.published,
        lang: Some(opts.lang.clone().unwrap_or_else(|| igokg::extract::detect_lang(text).to_owned())),
        publisher: ctx.publisher.clone(),
        recorded: Some(ctx.recorded.clone()),
        ..SourceMeta::default()
    });
    meta.extractor_version = Some(ctx.version.clone());
    meta.sha256 = Some(sha256);
    Outcome::Done { facts, entities, meta: Box::new(meta) }
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    bytes.iter().fold(String::with_capacity(bytes.len() * 2), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

/// Where the facts go, document by document, in input order.
enum Sink<'w> {
    Nothing,
    Jsonl(&'w mut dyn Write),
    Table(&'w mut dyn Write),
    Ttl(Box<oxigraph::io::WriterQuadSerializer<&'w mut dyn Write>>),
}

impl<'w> Sink<'w> {
    fn new(format: Option<ExtractFormat>, w: &'w mut dyn Write) -> Result<Self> {
        Ok(match format {
            None => Sink::Nothing,
            Some(ExtractFormat::Jsonl) => Sink::Jsonl(w),
            Some(ExtractFormat::Table) => {
                writeln!(w, "{:<18} {:<70} {:<22} {:>5}  quote", "kind", "arguments", "rule", "conf")?;
                Sink::Table(w)
            }
            Some(ExtractFormat::Ttl) => Sink::Ttl(Box::new(igokg::format::rdf_serializer(oxigraph::io::RdfFormat::Turtle).for_writer(w))),
        })
    }

    fn document(&mut self, facts: &[Fact], entities: &[igokg::model::Entity], meta: &SourceMeta) -> Result<()> {
        match self {
            Sink::Nothing => {}
            Sink::Jsonl(w) => {
                for f in facts {
                    serde_json::to_writer(&mut **w, &fact_to_json_with(f, entities))?;
                    w.write_all(b"\n")?;
                }
                w.flush()?;
            }
            Sink::Table(w) => {
                for f in facts {
                    let args: Vec<String> = f.args.iter().map(|(k, v)| format!("{k}={}", v.display())).collect();
                    let quote: String = f.provenance.quote.as_deref().unwrap_or("").chars().take(60).collect();
                    writeln!(
                        w,
                        "{:<18} {:<70} {:<22} {:>5.2}  {}",
                        f.kind.as_str(),
                        args.join("; "),
                        f.provenance.rule.as_deref().unwrap_or(""),
                        f.provenance.confidence.unwrap_or(0.0),
                        quote.replace('\n', " ")
                    )?;
                }
                w.flush()?;
            }
            Sink::Ttl(ser) => {
                let mut quads = Vec::new();
                igokg::rdf::source_quads(meta, &mut quads);
                for e in entities {
                    igokg::rdf::entity_quads(e, &mut quads);
                }
                for f in facts {
                    igokg::rdf::fact_quads(f, &mut quads);
                }
                for q in &quads {
                    ser.serialize_triple(oxigraph::model::TripleRef::new(&q.subject, &q.predicate, &q.object))?;
                }
            }
        }
        Ok(())
    }

    fn finish(self) -> Result<()> {
        if let Sink::Ttl(ser) = self {
            ser.finish()?.flush()?;
        }
        Ok(())
    }
}

/// Whole documents waiting for their transaction.
#[derive(Default)]
struct Pending {
    batch: Batch,
    docs: usize,
}

/// Counts for the summary line.
#[derive(Default)]
struct Totals {
    docs: usize,
    facts: usize,
    skipped: usize,
    failed: usize,
    inserted_facts: usize,
    quads_added: usize,
    graphs: usize,
    transactions: usize,
}

/// A batch also ends when it holds this many facts, so that one transaction stays small.
const BATCH_FACTS: usize = 20_000;

fn flush(graph: &Graph, pending: &mut Pending, totals: &mut Totals) -> Result<()> {
    if pending.docs == 0 {
        return Ok(());
    }
    let batch = std::mem::take(&mut pending.batch);
    // Re-running an edited document replaces its graph (and its description).
    let s = graph.insert(&batch, true)?;
    totals.inserted_facts += s.facts;
    totals.quads_added += s.quads_added;
    totals.graphs += s.graphs.len();
    totals.transactions += 1;
    pending.docs = 0;
    Ok(())
}

pub fn run(args: Args, store: &StorePath) -> Result<()> {
    if let Some(u) = &args.source_url {
        let ok = (u.starts_with("http://") || u.starts_with("https://")) && oxigraph::model::NamedNode::new(u.as_str()).is_ok();
        if !ok {
            bail!("--source-url {u:?} is not an http(s) URL (spaces and other characters outside a URL are not allowed)");
        }
    }
    let published =
        args.published.as_deref().map(|p| p.parse::<PartialDate>().with_context(|| format!("--published '{p}'"))).transpose()?;
    let docs = documents(&args.files)?;
    if args.source_url.is_some() && docs.len() > 1 {
        bail!("--source-url names one document, but {} documents were given", docs.len());
    }
    let (st, gaz) = if args.insert {
        let g = store.open_for_write()?;
        let gaz = g.extraction_gazetteer()?;
        (Some(g), gaz)
    } else {
        (None, Gazetteer::builtin())
    };
    let extractor = Extractor::new(&gaz);
    let ctx = Ctx {
        extractor: &extractor,
        graph: st.as_ref(),
        replace: args.replace,
        lang: (args.lang != "auto").then(|| args.lang.clone()),
        published,
        publisher: args.publisher.clone(),
        source_url: args.source_url.clone(),
        recorded: super::now(),
        max_doc: args.max_doc_bytes,
        version: format!("igokg {}", env!("CARGO_PKG_VERSION")),
    };
    let format = match (args.format, args.insert) {
        (Some(f), _) => Some(f),
        (None, true) => None,
        (None, false) if std::io::IsTerminal::is_terminal(&std::io::stdout()) => Some(ExtractFormat::Table),
        (None, false) => Some(ExtractFormat::Jsonl),
    };
    let jobs = args
        .jobs
        .map(usize::from)
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, std::num::NonZero::get))
        .clamp(1, docs.len().max(1));
    let bar = ProgressBar::with_draw_target(Some(docs.len() as u64), ProgressDrawTarget::stderr());
    bar.set_style(
        ProgressStyle::with_template("{spinner} [{bar:30}] {pos}/{len} documents, {msg} ({per_sec}, {eta})")?.progress_chars("=> "),
    );
    let mut totals = Totals::default();
    let result = super::with_output(None, |w| corpus(&docs, &ctx, jobs, args.batch as usize, Sink::new(format, w)?, &bar, &mut totals));
    bar.finish_and_clear();
    // Documents inserted before a failure stay inserted (whole): say so even then.
    if docs.len() > 1 || args.insert || totals.failed > 0 {
        let mut line = format!("extracted {} facts from {} document(s)", totals.facts, totals.docs);
        if totals.skipped > 0 {
            line.push_str(&format!(", skipped {} already in the store unchanged (--replace to extract them again)", totals.skipped));
        }
        if totals.failed > 0 {
            line.push_str(&format!(", {} failed", totals.failed));
        }
        eprintln!("{line}");
        if args.insert {
            eprintln!(
                "inserted {} facts ({} new quads) into {} graph(s) in {} transaction(s)",
                totals.inserted_facts, totals.quads_added, totals.graphs, totals.transactions
            );
        }
    }
    result?;
    if totals.failed > 0 {
        return Err(SomeFailed { failed: totals.failed, total: docs.len() }.into());
    }
    Ok(())
}

/// The scheduler's state: the next document to take and the next to write.
struct Sched {
    next_take: usize,
    next_emit: usize,
    stop: bool,
}

/// Runs the documents on `jobs` threads and hands their outcomes, in input order, to the
/// sink and (with a store) to the batches.
fn corpus(
    docs: &[Doc],
    ctx: &Ctx<'_>,
    jobs: usize,
    batch_docs: usize,
    mut sink: Sink<'_>,
    bar: &ProgressBar,
    totals: &mut Totals,
) -> Result<()> {
    // Workers run at most this many documents ahead of the one being written.
    let window = jobs * 4;
    let sched = Mutex::new(Sched { next_take: 0, next_emit: 0, stop: false });
    let wake = Condvar::new();
    let n = docs.len();
    let result = std::thread::scope(|s| -> Result<()> {
        let (tx, rx) = mpsc::channel::<(usize, Outcome)>();
        for _ in 0..jobs {
            let tx = tx.clone();
            let (sched, wake) = (&sched, &wake);
            s.spawn(move || loop {
                let i = {
                    let mut g = sched.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
                    loop {
                        if g.stop || g.next_take >= n {
                            return;
                        }
                        if g.next_take < g.next_emit + window {
                            break;
                        }
                        g = wake.wait(g).unwrap_or_else(std::sync::PoisonError::into_inner);
                    }
                    g.next_take += 1;
                    g.next_take - 1
                };
                if tx.send((i, process(&docs[i], ctx))).is_err() {
                    return;
                }
            });
        }
        drop(tx);
        let stop = || {
            sched.lock().unwrap_or_else(std::sync::PoisonError::into_inner).stop = true;
            wake.notify_all();
        };
        let mut waiting: BTreeMap<usize, Outcome> = BTreeMap::new();
        let mut pending = Pending::default();
        let mut next = 0;
        let mut emit = |outcome: Outcome, totals: &mut Totals| -> Result<()> {
            match outcome {
                Outcome::Done { facts, entities, meta } => {
                    totals.docs += 1;
                    totals.facts += facts.len();
                    sink.document(&facts, &entities, &meta)?;
                    if let Some(g) = ctx.graph {
                        pending.batch.sources.push(*meta);
                        pending.batch.facts.extend(facts);
                        for e in entities {
                            if !pending.batch.entities.iter().any(|x| x.iri == e.iri) {
                                pending.batch.entities.push(e);
                            }
                        }
                        pending.docs += 1;
                        if pending.docs >= batch_docs || pending.batch.facts.len() >= BATCH_FACTS {
                            flush(g, &mut pending, totals)?;
                        }
                    }
                }
                Outcome::Skipped => totals.skipped += 1,
                Outcome::Failed(why) => {
                    totals.failed += 1;
                    bar.suspend(|| eprintln!("igokg: skipped {why}"));
                }
            }
            bar.inc(1);
            bar.set_message(format!(
                "{} facts{}{}",
                totals.facts,
                if totals.skipped > 0 { format!(", {} skipped", totals.skipped) } else { String::new() },
                if totals.failed > 0 { format!(", {} failed", totals.failed) } else { String::new() }
            ));
            Ok(())
        };
        for (i, outcome) in rx.iter() {
            waiting.insert(i, outcome);
            while let Some(outcome) = waiting.remove(&next) {
                if let Err(e) = emit(outcome, totals) {
                    stop();
                    return Err(e);
                }
                next += 1;
                sched.lock().unwrap_or_else(std::sync::PoisonError::into_inner).next_emit = next;
                wake.notify_all();
            }
        }
        #[allow(clippy::drop_non_drop)] // ends the closure's borrows here
        drop(emit);
        if next < n {
            bail!("internal error: {} document(s) were not processed", n - next);
        }
        if let Some(g) = ctx.graph {
            flush(g, &mut pending, totals)?;
        }
        sink.finish()
    });
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_are_walked_in_sorted_order_for_txt_files_only() {
        let d = tempfile::tempdir().unwrap();
        let c = d.path().join("corpus");
        std::fs::create_dir_all(c.join("b-sub")).unwrap();
        for f in ["z.txt", "a.txt", "b-sub/m.txt", "notes.md", ".hidden.txt", "a.txt.bak"] {
            std::fs::write(c.join(f), "x").unwrap();
        }
        let docs = documents(std::slice::from_ref(&c)).unwrap();
        let sources: Vec<String> = docs.iter().map(|d| d.source.clone()).collect();
        let under = |f: &str| walked_source(&c.join(f));
        assert_eq!(sources, [under("a.txt"), under("b-sub/m.txt"), under("z.txt")]);
        // The same document has the same source whichever folder above it is named.
        let sub = documents(&[c.join("b-sub")]).unwrap();
        assert_eq!(sub[0].source, under("b-sub/m.txt"));
        assert_eq!(walked_source(Path::new("./corpus/./a.txt")), "corpus/a.txt");
        // A file given by name keeps its file name as source.
        let docs = documents(&[c.join("z.txt")]).unwrap();
        assert_eq!(docs[0].source, "z.txt");
    }

    #[test]
    fn two_documents_with_one_source_name_are_refused() {
        let d = tempfile::tempdir().unwrap();
        for sub in ["x", "y"] {
            std::fs::create_dir_all(d.path().join(sub)).unwrap();
            std::fs::write(d.path().join(sub).join("a.txt"), "x").unwrap();
        }
        let e = documents(&[d.path().join("x/a.txt"), d.path().join("y/a.txt")]).unwrap_err();
        assert!(e.to_string().contains("would both be the source 'a.txt'"), "{e}");
        let empty = d.path().join("empty");
        std::fs::create_dir_all(&empty).unwrap();
        let e = documents(&[empty]).unwrap_err();
        assert!(e.to_string().contains("holds no *.txt file"), "{e}");
    }

    #[test]
    fn hashes_are_lowercase_hex() {
        assert_eq!(hex(&Sha256::digest(b"")), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }
}
