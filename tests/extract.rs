//! `igokg extract` and `igokg eval` through the real binary: the seed sample, the development
//! set, evidence spans, hostile input.

use assert_cmd::Command;
use igokg::eval::{read_jsonl, score, Report};
use igokg::gazetteer::Gazetteer;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn igokg() -> Command {
    let mut c = Command::cargo_bin("igokg").unwrap();
    c.env("IGOKG_STORE", std::env::temp_dir().join("igokg-extract-test-store-unused"));
    c
}

/// Runs `igokg extract --format jsonl` and parses its output.
fn extract(file: &Path, extra: &[&str]) -> Vec<serde_json::Value> {
    let out = igokg().arg("extract").arg("--format").arg("jsonl").args(extra).arg(file).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    read_jsonl(&String::from_utf8(out.stdout).unwrap(), "stdout").unwrap()
}

fn gold(path: &Path) -> Vec<serde_json::Value> {
    read_jsonl(&std::fs::read_to_string(path).unwrap(), &path.display().to_string()).unwrap()
}

#[test]
fn the_seed_sample_scores_at_least_0_9() {
    let gaz = Gazetteer::builtin();
    let pred = extract(&root().join("examples/csto-summit-astana-2024.ar.txt"), &["--published", "2024-11-28"]);
    let r = score(&gold(&root().join("tests/fixtures/csto-summit-astana-2024.gold.jsonl")), &pred, &gaz);
    println!("{}", r.table());
    assert!(r.overall.f1() >= 0.9, "F1 {:.3} on the seed sample", r.overall.f1());
}

#[test]
fn the_development_set_scores_at_least_0_8() {
    let gaz = Gazetteer::builtin();
    let dir = root().join("tests/fixtures/devset");
    let mut total = Report::default();
    let mut by_lang: std::collections::BTreeMap<String, Report> = Default::default();
    let mut files: Vec<PathBuf> =
        std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).filter(|p| p.extension().is_some_and(|e| e == "txt")).collect();
    files.sort();
    assert!(files.len() >= 12, "the development set has {} articles", files.len());
    for f in files {
        let name = f.file_name().unwrap().to_string_lossy().into_owned();
        let (id, lang) = name.trim_end_matches(".txt").rsplit_once('.').unwrap();
        let pred = extract(&f, &[]);
        let r = score(&gold(&dir.join(format!("{id}.gold.jsonl"))), &pred, &gaz);
        println!("{:<32} {lang}  F1 {:.3}  P {:.3}  R {:.3}", id, r.overall.f1(), r.overall.precision(), r.overall.recall());
        total.add(&r);
        by_lang.entry(lang.to_owned()).or_default().add(&r);
    }
    for (lang, r) in &by_lang {
        println!("== {lang}\n{}", r.table());
    }
    println!("== all\n{}", total.table());
    assert!(total.overall.f1() >= 0.8, "F1 {:.3} on the development set", total.overall.f1());
}

#[test]
fn every_span_points_at_its_quote() {
    let dir = root().join("tests/fixtures/devset");
    let mut files: Vec<PathBuf> =
        std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).filter(|p| p.extension().is_some_and(|e| e == "txt")).collect();
    files.push(root().join("examples/csto-summit-astana-2024.ar.txt"));
    for f in files {
        let text: Vec<char> = std::fs::read_to_string(&f).unwrap().chars().collect();
        for fact in extract(&f, &[]) {
            let ev = &fact["evidence"];
            let (s, e) = (ev["start"].as_u64().unwrap() as usize, ev["end"].as_u64().unwrap() as usize);
            let quote: String = text[s..e].iter().collect();
            assert_eq!(quote, ev["quote"].as_str().unwrap(), "{}", f.display());
            assert!(fact["rule"].as_str().is_some_and(|r| r.contains('/')));
            assert!(ev["lang"].as_str().is_some());
        }
    }
}

#[test]
fn hostile_files_do_not_crash_the_extractor() {
    let dir = tempfile::tempdir().unwrap();
    let mut big = String::with_capacity(1 << 20);
    while big.len() < 1 << 20 {
        big.push_str("قمة منظمة معاهدة الأمن الجماعي في أستانا \u{200F}Саммит ОДКБ <b>summit</b> 28 ноября 2024 года ");
    }
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("empty.txt", Vec::new()),
        ("one-line.txt", big.into_bytes()),
        ("mixed.txt", "Putin بوتين Путин 2024 ٢٠٢٤ 🙂 \u{202E}abc\u{202C} e\u{301}".as_bytes().to_vec()),
        ("html.txt", b"<html><body><p>President Vladimir Putin &amp; <i>CSTO</i></p></body></html>".to_vec()),
    ];
    for (name, bytes) in cases {
        let p = dir.path().join(name);
        std::fs::write(&p, bytes).unwrap();
        igokg().arg("extract").arg("--format").arg("jsonl").arg(&p).assert().success();
    }
}

#[test]
fn a_file_that_is_not_utf8_is_refused_with_its_byte_offset() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("latin1.txt");
    std::fs::write(&p, b"Summit in Astana \xe9t\xe9").unwrap();
    let out = igokg().arg("extract").arg(&p).output().unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("offset 17"), "{err}");
}

#[test]
fn eval_reports_per_kind_scores() {
    let dir = tempfile::tempdir().unwrap();
    let pred = dir.path().join("pred.jsonl");
    let out = igokg()
        .arg("extract")
        .arg("--format")
        .arg("jsonl")
        .arg("--published")
        .arg("2024-11-28")
        .arg(root().join("examples/csto-summit-astana-2024.ar.txt"))
        .output()
        .unwrap();
    std::fs::write(&pred, out.stdout).unwrap();
    let out = igokg()
        .arg("eval")
        .arg("--format")
        .arg("json")
        .arg(root().join("tests/fixtures/csto-summit-astana-2024.gold.jsonl"))
        .arg(&pred)
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(v["overall"]["f1"].as_f64().unwrap() >= 0.9);
    assert!(v["by_kind"]["office"]["gold"].as_u64().unwrap() >= 7);
}

#[test]
fn inserting_the_same_document_twice_replaces_its_graph() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("kg");
    let sample = root().join("examples/csto-summit-astana-2024.ar.txt");
    let run = || {
        let out = Command::cargo_bin("igokg")
            .unwrap()
            .arg("--store")
            .arg(&store)
            .args([
                "extract",
                "--insert",
                "--published",
                "2024-11-28",
                "--publisher",
                "TASS",
                "--source-url",
                "https://example.org/tass-csto",
            ])
            .arg(&sample)
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    let first = run();
    assert!(!first.contains(" 0 new quads"), "{first}");
    let second = run();
    assert!(second.contains("(0 new quads)"), "{second}");
}

#[test]
fn turtle_output_is_produced() {
    let out = igokg()
        .args(["extract", "--format", "ttl", "--published", "2024-11-28"])
        .arg(root().join("examples/csto-summit-astana-2024.ar.txt"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let ttl = String::from_utf8(out.stdout).unwrap();
    assert!(ttl.contains("@prefix") && ttl.contains("Q318693"));
}
