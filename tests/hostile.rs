//! The hostile-input corpus (tests/hostile/): every case of `cases.jsonl` is a bad input for
//! one door of igokg (CLI flags, CSV tables, COW files, RDF files, article texts, SPARQL; HTTP
//! requests are walked by tests/serve.rs). Each must fail with a non-zero exit and a message
//! that contains the case's `expect` text (naming the file, line, column or value), and leave
//! the store exactly as it was (a sorted N-Quads dump before and after).
//!
//! Files are written by `tests/hostile/make_files.py` (run by this test when a file is missing).
//! Placeholders in `args`: `{f}` the files folder, `{e}` examples/, `{x*N}` N letters x.

mod common;

use common::{examples, igokg};
use std::path::{Path, PathBuf};

#[derive(serde::Deserialize)]
struct Case {
    id: String,
    door: String,
    args: Vec<String>,
    expect: String,
}

fn hostile_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/hostile")
}

fn dump(store: &Path) -> Vec<String> {
    let out = igokg(store).args(["export", "--format", "nq"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let mut lines: Vec<String> = String::from_utf8(out.stdout).unwrap().lines().map(str::to_owned).collect();
    lines.sort();
    lines
}

fn expand(arg: &str, files: &Path) -> String {
    let mut a = arg
        .replace("{f}", &files.display().to_string())
        .replace("{e}", &Path::new(env!("CARGO_MANIFEST_DIR")).join("examples").display().to_string());
    while let Some(i) = a.find("{x*") {
        let j = a[i..].find('}').map(|j| i + j).expect("closing brace");
        let n: usize = a[i + 3..j].parse().expect("a count");
        a = format!("{}{}{}", &a[..i], "x".repeat(n), &a[j + 1..]);
    }
    a
}

#[test]
fn every_hostile_input_fails_clearly_and_leaves_the_store_unchanged() {
    let dir = hostile_dir();
    let files = dir.join("files");
    let cases: Vec<Case> = std::fs::read_to_string(dir.join("cases.jsonl"))
        .unwrap()
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("cases.jsonl: {e}: {l}")))
        .collect();
    let needs_files =
        cases.iter().flat_map(|c| &c.args).any(|a| a.contains("{f}/") && !Path::new(&expand(a, &files)).exists() && !a.contains("none"));
    if needs_files {
        let st = std::process::Command::new("python3").arg(dir.join("make_files.py")).status().unwrap();
        assert!(st.success(), "make_files.py failed");
    }
    let t = tempfile::tempdir().unwrap();
    let store = t.path().join("kg");
    igokg(&store).arg("ingest").args(examples()).assert().success();
    let before = dump(&store);
    let mut doors = std::collections::BTreeMap::<String, usize>::new();
    let mut failures = Vec::new();
    for c in &cases {
        let args: Vec<String> = c.args.iter().map(|a| expand(a, &files)).collect();
        let out = if args.first().is_some_and(|a| a == "--store") {
            // The case names its own store (a bad one).
            assert_cmd::Command::cargo_bin("igokg").unwrap().args(&args).env_remove("IGOKG_STORE").output().unwrap()
        } else {
            igokg(&store).args(&args).output().unwrap()
        };
        let err = String::from_utf8_lossy(&out.stderr);
        if out.status.success() {
            failures.push(format!("{}: accepted (exit 0): {}", c.id, err.trim()));
        } else if !err.contains(&c.expect) {
            failures.push(format!("{}: the message lacks {:?}:\n{}", c.id, c.expect, err.trim()));
        } else if err.contains("RUST_BACKTRACE") || err.contains("panicked") {
            failures.push(format!("{}: panicked:\n{err}", c.id));
        }
        *doors.entry(c.door.clone()).or_default() += 1;
    }
    assert!(failures.is_empty(), "{} of {} cases:\n{}", failures.len(), cases.len(), failures.join("\n"));
    assert_eq!(dump(&store), before, "the store changed");
    eprintln!("{} hostile inputs by door: {doors:?}", cases.len());
    assert!(cases.len() >= 60);
}
