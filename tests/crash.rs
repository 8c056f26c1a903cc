//! Crash safety: `igokg load` (transaction and bulk), `igokg import cow` and `igokg extract
//! --insert` are killed with SIGKILL at pseudo-random moments (a fixed seed, so a failure can
//! be replayed), 20+ runs each. After each kill the store must open, hold either none or all
//! of the command's quads, pass `igokg validate`, and keep no `bulk-*.sst` leftovers once a
//! command has opened it again.

mod common;

use common::{examples, igokg};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const RUNS: usize = 20;

fn bin() -> PathBuf {
    assert_cmd::cargo::cargo_bin("igokg")
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            copy_dir(&p, &to.join(e.file_name()));
        } else {
            std::fs::copy(&p, to.join(e.file_name())).unwrap();
        }
    }
}

/// The number of quads in the store (every graph, the default graph included).
fn quads(store: &Path) -> usize {
    let out = igokg(store).args(["export", "--format", "nq"]).output().unwrap();
    assert!(out.status.success(), "the store does not open after the kill: {}", String::from_utf8_lossy(&out.stderr));
    out.stdout.split(|b| *b == b'\n').filter(|l| !l.is_empty()).count()
}

/// The violations `validate` reports (warnings left out), one per line.
fn violations(store: &Path) -> std::collections::BTreeSet<String> {
    let out = igokg(store).arg("validate").output().unwrap();
    assert!(out.status.code().is_some_and(|c| c <= 1), "validate could not run: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).lines().filter(|l| l.starts_with("violation")).map(str::to_owned).collect()
}

fn validates(store: &Path) {
    let v = violations(store);
    assert!(v.is_empty(), "validate fails after the kill: {v:#?}");
}

fn leftovers(store: &Path) -> Vec<String> {
    std::fs::read_dir(store)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("bulk-") && n.ends_with(".sst"))
        .collect()
}

/// A deterministic sequence of delays (xorshift), spread over 0..=`max`.
struct Delays(u64);

impl Delays {
    fn next(&mut self, max: Duration) -> Duration {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        let ms = u64::try_from(max.as_millis()).unwrap_or(u64::MAX).max(1);
        Duration::from_millis(self.0 % (ms + 1))
    }
}

/// Runs `args` on copies of `base` `RUNS` times, killing it after a pseudo-random delay within
/// the time an uninterrupted run takes; checks the all-or-none property on each copy.
fn kill_at_random(name: &str, base: &Path, args: &[String], seed: u64) {
    let work = tempfile::tempdir().unwrap();
    let before = quads(base);
    // An uninterrupted run: how long it takes and how many quads it leaves.
    let full_store = work.path().join("full");
    copy_dir(base, &full_store);
    let t0 = Instant::now();
    let out = Command::new(bin()).arg("--store").arg(&full_store).args(args).env_remove("IGOKG_STORE").output().unwrap();
    assert!(out.status.success(), "{name}: {}", String::from_utf8_lossy(&out.stderr));
    let duration = t0.elapsed();
    let after = quads(&full_store);
    assert!(after > before, "{name} adds nothing ({before} quads)");
    let mut delays = Delays(seed);
    let (mut none, mut all) = (0, 0);
    for run in 0..RUNS {
        let store = work.path().join(format!("run{run}"));
        copy_dir(base, &store);
        let mut child = Command::new(bin())
            .arg("--store")
            .arg(&store)
            .args(args)
            .env_remove("IGOKG_STORE")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let delay = delays.next(duration.mul_f64(1.1));
        std::thread::sleep(delay);
        let _ = child.kill(); // SIGKILL
        let status = child.wait().unwrap();
        let n = quads(&store);
        assert!(
            n == before || n == after,
            "{name} run {run} killed after {delay:?} ({status}): {n} quads, expected {before} (none) or {after} (all)"
        );
        if n == before {
            none += 1;
        } else {
            all += 1;
        }
        validates(&store);
        // Reads open the store read-only and leave a killed load's files alone; the next write
        // (here `init`, which changes no fact) removes them once it holds the lock.
        let left = leftovers(&store);
        if !left.is_empty() {
            igokg(&store).arg("init").assert().success();
            assert_eq!(quads(&store), n, "{name} run {run}: removing leftovers changed the data");
        }
        assert!(leftovers(&store).is_empty(), "{name} run {run}: bulk files left after a write: {:?}", leftovers(&store));
        std::fs::remove_dir_all(&store).unwrap();
    }
    eprintln!("{name}: {RUNS} kills within {duration:?}: {none} left none, {all} left all");
}

fn base_store(dir: &Path) -> PathBuf {
    let base = dir.join("base");
    igokg(&base).arg("ingest").args(examples()).assert().success();
    base
}

#[test]
fn a_killed_load_leaves_all_or_none() {
    let t = tempfile::tempdir().unwrap();
    let base = base_store(t.path());
    let nt = t.path().join("big.nt");
    let mut text = String::new();
    for i in 0..30_000 {
        text.push_str(&format!("<https://example.org/s{i}> <https://example.org/p> \"value {i}\" .\n"));
    }
    std::fs::write(&nt, text).unwrap();
    kill_at_random("load", &base, &["load".into(), nt.display().to_string()], 0x9E37_79B9_7F4A_7C15);
    kill_at_random("load --bulk", &base, &["load".into(), "--bulk".into(), nt.display().to_string()], 0xD1B5_4A32_D192_ED03);
}

#[test]
fn a_killed_cow_import_leaves_all_or_none() {
    let t = tempfile::tempdir().unwrap();
    let slice = t.path().join("igo_year_formatv3.tsv");
    let text = common::cow_text("igo_year_formatv3");
    std::fs::write(&slice, text.lines().take(4_000).collect::<Vec<_>>().join("\n") + "\n").unwrap();
    let base = base_store(t.path());
    kill_at_random("import cow", &base, &["import".into(), "cow".into(), slice.display().to_string()], 0x2545_F491_4F6C_DD1D);
}

#[test]
fn a_killed_extract_insert_leaves_all_or_none() {
    let t = tempfile::tempdir().unwrap();
    let base = base_store(t.path());
    let article = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/csto-summit-astana-2024.ar.txt");
    let mut args = vec!["extract".to_string(), "--insert".into(), article.display().to_string()];
    args.extend(["--source-url".into(), "https://example.org/crash-test".into()]);
    kill_at_random("extract --insert", &base, &args, 0x5851_F42D_4C95_7F2D);
}

/// The quads of each named graph, by graph IRI.
fn quads_by_graph(store: &Path) -> std::collections::BTreeMap<String, usize> {
    let q = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g";
    let out = igokg(store).args(["query", "--format", "csv", q]).output().unwrap();
    assert!(out.status.success(), "the store does not open after the kill: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .skip(1)
        .filter_map(|l| l.rsplit_once(','))
        .map(|(g, n)| (g.to_owned(), n.trim().parse().unwrap()))
        .collect()
}

/// The source graphs described with a content hash (written with their document).
fn hashed_graphs(store: &Path) -> std::collections::BTreeSet<String> {
    let out = igokg(store).args(["query", "--format", "csv", "SELECT ?g WHERE { ?g schema:sha256 ?h }"]).output().unwrap();
    String::from_utf8_lossy(&out.stdout).lines().skip(1).map(str::to_owned).collect()
}

#[test]
fn a_killed_corpus_insert_leaves_whole_documents_only_and_a_rerun_completes_it() {
    let t = tempfile::tempdir().unwrap();
    let base = base_store(t.path());
    // 32 documents: the development set twice over, in two folders.
    let corpus = t.path().join("corpus");
    let devset = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/devset");
    for copy in ["one", "two"] {
        std::fs::create_dir_all(corpus.join(copy)).unwrap();
        for e in std::fs::read_dir(&devset).unwrap().flatten() {
            if e.path().extension().is_some_and(|x| x == "txt") {
                std::fs::copy(e.path(), corpus.join(copy).join(e.file_name())).unwrap();
            }
        }
    }
    let args = ["extract", "--insert", "--batch", "2", "--jobs", "2"];
    let full = t.path().join("full");
    copy_dir(&base, &full);
    let t0 = Instant::now();
    igokg(&full).args(args).arg(&corpus).assert().success();
    let duration = t0.elapsed();
    let whole = quads_by_graph(&full);
    let base_graphs = quads_by_graph(&base);
    let docs: Vec<&String> = whole.keys().filter(|g| !base_graphs.contains_key(*g)).collect();
    assert_eq!(docs.len(), 32, "{docs:?}");
    // What the documents themselves state may disagree (two articles give one summit two
    // dates): a killed run may show those disagreements, never others.
    let stated = violations(&full);
    let mut delays = Delays(0x2F0B_3A49_C5D1_E687);
    let mut partial_runs = 0;
    // Half the usual runs: each one also re-runs the whole corpus.
    for run in 0..RUNS / 2 {
        let store = t.path().join(format!("run{run}"));
        copy_dir(&base, &store);
        let mut child = Command::new(bin())
            .arg("--store")
            .arg(&store)
            .args(args)
            .arg(&corpus)
            .env_remove("IGOKG_STORE")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let delay = delays.next(duration.mul_f64(1.1));
        std::thread::sleep(delay);
        let _ = child.kill(); // SIGKILL
        child.wait().unwrap();
        let got = quads_by_graph(&store);
        let hashed = hashed_graphs(&store);
        let mut present = 0;
        for g in &docs {
            match got.get(*g) {
                Some(n) => {
                    assert_eq!(n, &whole[*g], "run {run} killed after {delay:?}: {g} holds {n} of its {} quads", whole[*g]);
                    assert!(hashed.contains(*g), "run {run}: {g} has its facts but not its description");
                    present += 1;
                }
                None => assert!(!hashed.contains(*g), "run {run}: {g} is described but has no facts"),
            }
        }
        if present > 0 && present < docs.len() {
            partial_runs += 1;
        }
        let after_kill = violations(&store);
        assert!(
            after_kill.is_subset(&stated),
            "run {run}: violations the whole corpus does not have: {:?}",
            after_kill.difference(&stated)
        );
        // The re-run skips the whole documents written and completes the others.
        let out = igokg(&store).args(args).arg(&corpus).output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let err = String::from_utf8_lossy(&out.stderr);
        if present > 0 {
            assert!(err.contains(&format!("skipped {present} already in the store")), "run {run}: {present} present: {err}");
        }
        assert_eq!(quads_by_graph(&store), whole, "run {run}: the re-run did not complete the store");
        std::fs::remove_dir_all(&store).unwrap();
    }
    eprintln!("corpus extract --insert: {} kills within {duration:?}: {partial_runs} left part of the corpus (whole documents)", RUNS / 2);
}
