//! The store folder is never destroyed by advice, and reads never write: `init` refuses folders
//! that are not an igokg store, a store with files missing is reported as damaged (and left
//! alone), a lock held by another program is named, and every read command leaves the folder
//! byte-identical.

mod common;

use common::{examples, igokg};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::path::Path;

/// Every file of a folder with its size and SHA-256.
fn snapshot(dir: &Path) -> BTreeMap<String, (u64, String)> {
    let mut out = BTreeMap::new();
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_file() {
            let bytes = std::fs::read(&p).unwrap();
            out.insert(e.file_name().to_string_lossy().into_owned(), (bytes.len() as u64, format!("{:x}", Sha256::digest(&bytes))));
        }
    }
    out
}

fn store_with_examples() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("kg");
    igokg(&store).arg("ingest").args(examples()).assert().success();
    dir
}

#[test]
fn init_refuses_a_folder_that_holds_other_files() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("thesis.tex"), "my work").unwrap();
    let out = igokg(dir.path()).arg("init").output().unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("is not an igokg store") && err.contains("thesis.tex"), "{err}");
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1, "init wrote into a foreign folder");
    // A write command refuses it too.
    let out = igokg(dir.path()).args(["add", "triple", "<http://e/s>", "<http://e/p>", "<http://e/o>"]).output().unwrap();
    assert!(!out.status.success());
}

#[test]
fn a_store_missing_its_current_file_is_reported_damaged_and_init_leaves_it_alone() {
    let dir = store_with_examples();
    let store = dir.path().join("kg");
    std::fs::remove_file(store.join("CURRENT")).unwrap();
    let before = snapshot(&store);
    for args in [vec!["init"], vec!["members", "CSTO"], vec!["add", "triple", "<http://e/s>", "<http://e/p>", "<http://e/o>"]] {
        let out = igokg(&store).args(&args).output().unwrap();
        assert!(!out.status.success(), "{args:?} succeeded on a damaged store");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("damaged") && err.contains("CURRENT"), "{args:?}: {err}");
        assert!(!err.contains("no store at"), "{args:?} advises init on a damaged store: {err}");
        assert_eq!(snapshot(&store), before, "{args:?} changed the damaged store");
    }
}

#[test]
fn a_manifest_named_by_current_but_missing_is_damage_too() {
    let dir = store_with_examples();
    let store = dir.path().join("kg");
    let manifest = std::fs::read_to_string(store.join("CURRENT")).unwrap();
    std::fs::remove_file(store.join(manifest.trim())).unwrap();
    let out = igokg(&store).arg("init").output().unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("damaged") && err.contains("MANIFEST"), "{err}");
}

#[test]
fn a_missing_store_still_says_to_run_init_and_init_creates_it() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("new");
    let out = igokg(&store).args(["members", "CSTO"]).output().unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("igokg init"));
    assert!(!store.exists(), "a read created the store folder");
    igokg(&store).arg("init").assert().success();
    // Run again: the same store, refreshed.
    igokg(&store).arg("init").assert().success();
    // An empty folder is fine too.
    let empty = dir.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    igokg(&empty).arg("init").assert().success();
}

#[test]
fn a_store_of_a_newer_format_is_refused_in_one_line() {
    let dir = store_with_examples();
    let store = dir.path().join("kg");
    std::fs::write(store.join("igokg-store.json"), "{\"format\": 99}").unwrap();
    let out = igokg(&store).args(["members", "CSTO"]).output().unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("newer igokg") && err.trim().lines().count() == 1, "{err}");
}

#[test]
fn every_read_command_leaves_the_store_byte_identical() {
    let dir = store_with_examples();
    let store = dir.path().join("kg");
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    let o = |name: &str| out.join(name).to_string_lossy().into_owned();
    let before = snapshot(&store);
    let reads: Vec<Vec<String>> = vec![
        vec!["members".into(), "CSTO".into(), "--at".into(), "2024-11-28".into()],
        vec!["members".into(), "ОДКБ".into()],
        vec!["chairs".into(), "CSTO".into()],
        vec!["summits".into(), "CSTO".into()],
        vec!["timeline".into(), "Armenia".into()],
        vec!["membership-span".into(), "Armenia".into(), "CSTO".into()],
        vec!["rejoined".into(), "Uzbekistan".into()],
        vec!["memberships-count".into(), "Armenia".into(), "--at".into(), "2024".into()],
        vec!["partners".into(), "Armenia".into(), "--at".into(), "2024".into()],
        vec!["query".into(), "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }".into()],
        vec!["export".into(), "--format".into(), "nq".into(), "-o".into(), o("all.nq")],
        vec!["export".into(), "--format".into(), "graphml".into(), "--org".into(), "CSTO".into(), "-o".into(), o("csto.graphml")],
        vec!["network".into(), "--at".into(), "2024".into(), "-o".into(), o("net.graphml")],
        vec!["render".into(), "CSTO".into(), "-o".into(), o("csto.svg")],
        vec!["validate".into()],
        vec!["stats".into()],
    ];
    for args in &reads {
        let res = igokg(&store).args(args).output().unwrap();
        // validate may report violations (exit 1); what matters is that the folder is untouched.
        assert!(res.status.code().is_some_and(|c| c <= 1), "{args:?}: {}", String::from_utf8_lossy(&res.stderr));
        assert_eq!(snapshot(&store), before, "{args:?} changed the store folder");
    }
}

#[test]
fn a_lock_held_by_another_program_is_named() {
    let dir = store_with_examples();
    let store = dir.path().join("kg");
    // Python holds RocksDB's LOCK the way RocksDB does (fcntl), as another program would.
    let mut holder = std::process::Command::new("python3")
        .args([
            "-c",
            "import fcntl,sys,time; f=open(sys.argv[1],'r+'); fcntl.lockf(f, fcntl.LOCK_EX|fcntl.LOCK_NB); print('locked', flush=True); time.sleep(30)",
        ])
        .arg(store.join("LOCK"))
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    std::io::BufRead::read_line(&mut std::io::BufReader::new(holder.stdout.as_mut().unwrap()), &mut line).unwrap();
    assert_eq!(line.trim(), "locked");
    let out = igokg(&store).args(["add", "triple", "<http://e/s>", "<http://e/p>", "<http://e/o>"]).output().unwrap();
    // A read beside a writer is refused too (a read-only open beside a writer is undefined in
    // Oxigraph), saying who writes.
    let read = igokg(&store).args(["members", "CSTO", "--format", "csv"]).output().unwrap();
    holder.kill().unwrap();
    let _ = holder.wait();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("locked by another program") && err.contains("python"), "{err}");
    assert!(!read.status.success());
    let err = String::from_utf8_lossy(&read.stderr);
    assert!(err.contains("being written by") && err.contains("python"), "{err}");
    // Once the other program is gone, the read works.
    let read = igokg(&store).args(["members", "CSTO", "--format", "csv"]).output().unwrap();
    assert!(read.status.success(), "{}", String::from_utf8_lossy(&read.stderr));
    assert!(String::from_utf8_lossy(&read.stdout).contains("Armenia"));
}

#[test]
fn a_truncated_data_file_is_reported_as_damage_not_as_a_lock() {
    let dir = store_with_examples();
    let store = dir.path().join("kg");
    let ssts: Vec<_> =
        std::fs::read_dir(&store).unwrap().flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == "sst")).collect();
    assert!(!ssts.is_empty(), "a table file after ingest");
    // Every table file is cut in half, so that each command meets the damage whatever index it
    // reads (a command that reads no damaged file has no reason to notice it).
    for victim in &ssts {
        let len = std::fs::metadata(victim).unwrap().len();
        std::fs::OpenOptions::new().write(true).open(victim).unwrap().set_len(len / 2).unwrap();
    }
    let named = |err: &str| ssts.iter().any(|v| err.contains(&*v.file_name().unwrap().to_string_lossy()));
    for args in [
        vec!["query", "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"],
        vec!["add", "triple", "<http://e/s>", "<http://e/p>", "<http://e/o>"],
        vec!["init"],
    ] {
        let out = igokg(&store).args(&args).output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{args:?} succeeded on a damaged store");
        assert!(!err.contains("in use by another"), "{args:?}: damage reported as a lock: {err}");
        assert!(err.contains("damaged") && named(&err), "{args:?}: the message names no damaged file: {err}");
    }
}

/// Runs a shell script in a private mount namespace (root, or unprivileged user namespaces).
fn in_mount_namespace(script: &str) -> std::process::Output {
    let root = nix_is_root();
    let mut c = std::process::Command::new("unshare");
    if !root {
        c.arg("-r");
    }
    c.args(["-m", "sh", "-ec", script]).output().expect("unshare (util-linux)")
}

fn nix_is_root() -> bool {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| s.lines().find(|l| l.starts_with("Uid:")).map(|l| l.split_whitespace().nth(1) == Some("0")))
        .unwrap_or(false)
}

fn bin() -> String {
    assert_cmd::cargo::cargo_bin("igokg").display().to_string()
}

#[test]
fn a_store_on_a_read_only_file_system_can_be_read_and_exported() {
    let dir = store_with_examples();
    let store = dir.path().join("kg");
    let out = dir.path().join("all.nq");
    let script = format!(
        "mount --bind '{s}' '{s}'; mount -o remount,bind,ro '{s}'; touch '{s}/probe' 2>/dev/null && exit 90; \
         '{b}' --store '{s}' members CSTO --format csv; '{b}' --store '{s}' export --format nq -o '{o}'; \
         if '{b}' --store '{s}' add triple '<http://e/s>' '<http://e/p>' '<http://e/o>' 2>'{e}'; then exit 91; fi; cat '{e}' >&2",
        s = store.display(),
        b = bin(),
        o = out.display(),
        e = dir.path().join("err.txt").display()
    );
    let res = in_mount_namespace(&script);
    let stdout = String::from_utf8_lossy(&res.stdout);
    let stderr = String::from_utf8_lossy(&res.stderr);
    assert!(res.status.success(), "status {:?}: {stdout} {stderr}", res.status.code());
    assert!(stdout.contains("Armenia"), "{stdout}");
    assert!(std::fs::metadata(&out).unwrap().len() > 1000, "the export is empty");
    assert!(stderr.contains("Read-only") || stderr.contains("read-only"), "the write's error does not say why: {stderr}");
}

#[test]
fn a_store_on_a_full_disk_can_be_read_and_exported() {
    let dir = tempfile::tempdir().unwrap();
    let mnt = dir.path().join("disk");
    std::fs::create_dir(&mnt).unwrap();
    let out = dir.path().join("all.nq");
    let examples: Vec<String> = examples().iter().map(|p| format!("'{}'", p.display())).collect();
    let script = format!(
        "mount -t tmpfs -o size=48m tmpfs '{m}'; '{b}' --store '{m}/kg' ingest {ex}; \
         dd if=/dev/zero of='{m}/fill' bs=1M 2>/dev/null || true; \
         '{b}' --store '{m}/kg' members CSTO --format csv; '{b}' --store '{m}/kg' export --format nq -o '{o}'",
        m = mnt.display(),
        b = bin(),
        ex = examples.join(" "),
        o = out.display()
    );
    let res = in_mount_namespace(&script);
    let stdout = String::from_utf8_lossy(&res.stdout);
    assert!(res.status.success(), "status {:?}: {stdout} {}", res.status.code(), String::from_utf8_lossy(&res.stderr));
    assert!(stdout.contains("Armenia"), "{stdout}");
    assert!(std::fs::metadata(&out).unwrap().len() > 1000, "the export is empty");
}

#[test]
fn a_read_beside_a_server_that_allows_updates_says_to_go_through_it_and_that_works() {
    let dir = store_with_examples();
    let store = dir.path().join("kg");
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let mut server = std::process::Command::new(bin())
        .args(["--store"])
        .arg(&store)
        .args(["serve", "--allow-update", "--token", "t0ken", "--bind"])
        .arg(format!("127.0.0.1:{port}"))
        .env_remove("IGOKG_STORE")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(std::time::Instant::now() < deadline, "the server did not start");
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    let read = igokg(&store).args(["members", "CSTO", "--format", "csv"]).output().unwrap();
    let write = igokg(&store).args(["add", "triple", "<http://e/s>", "<http://e/p>", "<http://e/o>"]).output().unwrap();
    let endpoint = format!("http://127.0.0.1:{port}/sparql");
    let through = igokg(&store).args(["members", "CSTO", "--format", "csv", "--endpoint", &endpoint]).output().unwrap();
    let _ = server.kill();
    let _ = server.wait();
    for out in [&read, &write] {
        assert!(!out.status.success());
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("igokg serve") && err.contains(&format!("--endpoint http://127.0.0.1:{port}/sparql")), "{err}");
    }
    assert!(through.status.success(), "{}", String::from_utf8_lossy(&through.stderr));
    assert!(String::from_utf8_lossy(&through.stdout).contains("Armenia"));
}

/// A write command leaves its writes in SST files, not only in RocksDB's write-ahead log: every
/// read-only open replays the log, so a 277 MB log after a large `load` made each read command
/// cost 12 s of CPU (issue "fast by construction").
#[test]
fn a_write_command_leaves_no_large_write_ahead_log_for_the_reads_to_replay() {
    let t = tempfile::tempdir().unwrap();
    // Into a graph that exists (the entities graph of `init`): the transactional path.
    let file = t.path().join("many.nq");
    let mut text = String::new();
    for i in 0..60_000 {
        text.push_str(&format!(
            "<https://w3id.org/igokg/id/person/test-{i}> <http://www.w3.org/2000/01/rdf-schema#label> \"Test Person {i}\"@en <https://w3id.org/igokg/graph/entities> .\n"
        ));
    }
    std::fs::write(&file, text).unwrap();
    let store = t.path().join("kg");
    igokg(&store).arg("init").assert().success();
    igokg(&store).arg("load").arg(&file).assert().success();
    // The live log is the newest one (RocksDB numbers its files); older ones, already flushed,
    // are deleted in the background and never replayed.
    let (number, log) = std::fs::read_dir(&store)
        .unwrap()
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "log"))
        .filter_map(|e| Some((e.path().file_stem()?.to_str()?.parse::<u64>().ok()?, e.metadata().unwrap().len())))
        .max()
        .expect("a write-ahead log");
    assert!(log < 1 << 20, "the live write-ahead log ({number}.log) holds {log} bytes after the load");
}

/// The bulk loader ingests each run of [`igokg::store::BULK_RUN_QUADS`] quads as a sorted file
/// of its own per index, overlapping the others; reads open the store read-only and never merge
/// them, so every lookup probed each run (the COW import left 60 files and made every later
/// read 2-3 times slower, issue 11). An import of more than one run merges them before it
/// returns.
#[test]
fn a_cow_import_of_several_runs_leaves_one_file_per_index() {
    let t = tempfile::tempdir().unwrap();
    let slice = t.path().join("igo_year_formatv3.tsv");
    let text = common::cow_text("igo_year_formatv3");
    std::fs::write(&slice, text.lines().take(8_000).collect::<Vec<_>>().join("\n") + "\n").unwrap();
    let store = t.path().join("kg");
    let out = igokg(&store).args(["import", "cow"]).arg(&slice).assert().success().get_output().stderr.clone();
    let said = String::from_utf8_lossy(&out);
    let quads: u64 = said.split(": ").last().and_then(|s| s.split(' ').next()).and_then(|n| n.parse().ok()).unwrap_or(0);
    assert!(quads > igokg::store::BULK_RUN_QUADS, "the slice is one run only ({quads} quads): {said}");
    // Files that hold data (the memtables flushed when the store closes add a few of about a
    // kilobyte). Oxigraph keeps 11 column families (the dictionary, the graph list and nine
    // indexes); without the compaction, `init` and the runs of the import left 3-4 per index.
    let files = std::fs::read_dir(&store)
        .unwrap()
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "sst") && e.metadata().unwrap().len() > 16 << 10)
        .count();
    assert!(files <= 11, "{files} SST files with data after an import of {quads} quads");
    igokg(&store).args(["members", "CSTO"]).assert().success();
}
