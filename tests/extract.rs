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

/// A fixed-seed xorshift generator, so that a failure of the bounded fuzz run replays.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n.max(1) as u64) as usize
    }

    /// A random char boundary of `s` (0 and `s.len()` included).
    fn boundary(&mut self, s: &str) -> usize {
        let mut i = self.below(s.len() + 1);
        while !s.is_char_boundary(i) {
            i -= 1;
        }
        i
    }
}

const BIDI: [&str; 9] = ["\u{200F}", "\u{200E}", "\u{061C}", "\u{202B}", "\u{202C}", "\u{202E}", "\u{2067}", "\u{2069}", "\u{200D}"];
const HTML: [&str; 8] =
    ["<p>", "</p>", "<br/>", "&nbsp;", "&amp;", "<a href=\"https://tass.ru/x?a=1&b=2\">", "</a>", "<script>var x = \"</p>\";</script>"];

/// Where a text can be cut, by the class of the boundary: inside a character of 2, 3 or 4
/// bytes (no longer UTF-8), before a combining mark or an Arabic diacritic, inside a word,
/// inside a number, after a sentence end, after a line end, after a bidi mark.
fn cut_points(s: &str) -> Vec<(&'static str, Vec<usize>)> {
    let mut classes: Vec<(&'static str, Vec<usize>)> = [
        "inside a 2-byte char",
        "inside a 3-byte char",
        "inside a 4-byte char",
        "before a mark",
        "inside a word",
        "inside a number",
        "after a sentence end",
        "after a line end",
        "after a bidi mark",
    ]
    .into_iter()
    .map(|c| (c, Vec::new()))
    .collect();
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    for (k, &(i, c)) in chars.iter().enumerate() {
        let w = c.len_utf8();
        if w > 1 {
            classes[w - 2].1.push(i + 1);
        }
        let Some(&(j, next)) = chars.get(k + 1) else { continue };
        if ('\u{064B}'..='\u{065F}').contains(&next) || ('\u{0300}'..='\u{036F}').contains(&next) || next == '\u{0640}' {
            classes[3].1.push(j);
        }
        if c.is_alphabetic() && next.is_alphabetic() {
            classes[4].1.push(j);
        }
        if c.is_numeric() && next.is_numeric() {
            classes[5].1.push(j);
        }
        if matches!(c, '.' | '!' | '?' | '؟') {
            classes[6].1.push(j);
        }
        if c == '\n' {
            classes[7].1.push(j);
        }
        if BIDI.iter().any(|b| b.starts_with(c)) {
            classes[8].1.push(j);
        }
    }
    classes
}

/// Inputs derived from one article: byte flips, cuts of every boundary class, bidi marks,
/// diacritics and tatweel, HTML, control characters, a splice with another article.
fn mutants(text: &str, other: &str, rng: &mut Rng) -> Vec<Vec<u8>> {
    let mut out: Vec<Vec<u8>> = Vec::new();
    for flips in [1, 4, 32] {
        let mut b = text.as_bytes().to_vec();
        for _ in 0..flips {
            let i = rng.below(b.len());
            b[i] ^= 1 << rng.below(8);
        }
        out.push(b);
    }
    let marked: String = {
        let mut s = text.to_owned();
        for _ in 0..40 {
            let i = rng.boundary(&s);
            s.insert_str(i, BIDI[rng.below(BIDI.len())]);
        }
        s
    };
    for (class, points) in cut_points(&marked) {
        for _ in 0..points.len().min(3) {
            let cut = points[rng.below(points.len())];
            let b = marked.as_bytes()[..cut].to_vec();
            if class.starts_with("inside a") && class.ends_with("char") {
                assert!(std::str::from_utf8(&b).is_err(), "{class}: a cut inside a character");
            }
            out.push(b);
        }
    }
    out.push(marked.into_bytes());
    let mut html = String::from("<html><head><title>x</title></head><body><p>");
    for line in text.lines() {
        for w in line.split(' ') {
            html.push_str(w);
            html.push_str(if rng.below(6) == 0 { HTML[rng.below(HTML.len())] } else { " " });
        }
        html.push_str("</p>\n<p>");
    }
    html.push_str("</p></body></html>");
    out.push(html.into_bytes());
    let voweled: String =
        text.chars().flat_map(|c| [Some(c), ('\u{0621}'..='\u{064A}').contains(&c).then_some('\u{064E}')]).flatten().collect();
    out.push(voweled.replace("ا", "ـا").into_bytes());
    let controls: String =
        format!("\u{FEFF}{}", text.replace('\n', "\r\n").replace(' ', if rng.below(2) == 0 { "\u{00A0}" } else { " \u{0000}\t" }));
    out.push(controls.into_bytes());
    let (a, b) = (rng.boundary(text), rng.boundary(other));
    out.push(format!("{}{}", &text[..a], &other[b..]).into_bytes());
    out.push(text.replace('\n', " ").repeat(20).into_bytes());
    out
}

#[test]
fn the_fuzz_entry_survives_mutated_articles() {
    let mut files: Vec<PathBuf> = std::fs::read_dir(root().join("tests/fixtures/devset"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    files.push(root().join("examples/csto-summit-astana-2024.ar.txt"));
    let texts: Vec<String> = files.iter().map(|f| std::fs::read_to_string(f).unwrap()).collect();
    let mut rng = Rng(0x1D0C_6F00_2024_1128);
    let (mut inputs, mut facts) = (0usize, 0usize);
    for (k, text) in texts.iter().enumerate() {
        let other = &texts[(k + 1) % texts.len()];
        for m in mutants(text, other, &mut rng) {
            facts += igokg::extract::fuzz_one(&m);
            inputs += 1;
        }
    }
    // Every cut of the opening of the sample, at each char boundary and inside each character.
    let sample = texts.last().unwrap().as_bytes();
    for cut in 0..sample.len().min(1200) {
        igokg::extract::fuzz_one(&sample[..cut]);
        inputs += 1;
    }
    // One huge line of mixed scripts, past the size at which the extractor reads in pieces.
    let mut line = String::new();
    while line.len() < 1_100_000 {
        let t = &texts[rng.below(texts.len())];
        let a = rng.boundary(t);
        line.push_str(&t[a..].replace('\n', " "));
        line.push_str(BIDI[rng.below(BIDI.len())]);
    }
    facts += igokg::extract::fuzz_one(line.as_bytes());
    inputs += 1;
    println!("{inputs} inputs, {facts} facts");
    assert!(inputs > 500 && facts > 100);
}

/// Runs the binary on a store and returns (success, stdout, stderr).
fn on_store(store: &Path, args: &[&str]) -> (bool, String, String) {
    let out = Command::cargo_bin("igokg").unwrap().arg("--store").arg(store).args(args).output().unwrap();
    (out.status.success(), String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8_lossy(&out.stderr).into_owned())
}

fn quad_count(store: &Path) -> u64 {
    let (ok, out, err) =
        on_store(store, &["query", "--format", "csv", "SELECT (COUNT(*) AS ?n) WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }"]);
    assert!(ok, "{err}");
    out.lines().nth(1).and_then(|l| l.trim().parse().ok()).unwrap_or_else(|| panic!("a count: {out}"))
}

#[test]
fn two_sources_that_disagree_are_both_kept_and_validate_reports_the_conflict() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("kg");
    let frozen = dir.path().join("armenia-freezes.en.txt");
    let active = dir.path().join("armenia-active.ru.txt");
    std::fs::write(
        &frozen,
        "YEREVAN, February 23, 2024. Armenia has frozen its participation in the Collective Security Treaty Organization, \
         Prime Minister Nikol Pashinyan said on Friday.\n",
    )
    .unwrap();
    std::fs::write(
        &active,
        "МОСКВА, 28 ноября 2024 года. Армения остается полноправным участником ОДКБ, заявила официальный представитель МИД России \
         Мария Захарова.\n",
    )
    .unwrap();
    let (a, b) = ("https://news.example.org/2024/02/armenia-freezes-csto", "https://agency.example.ru/2024/11/armenia-csto");
    let insert = |file: &Path, url: &str, publisher: &str| {
        let (ok, _, err) =
            on_store(&store, &["extract", "--insert", "--source-url", url, "--publisher", publisher, file.to_str().unwrap()]);
        assert!(ok, "{err}");
    };
    assert!(on_store(&store, &["init"]).0);
    insert(&frozen, a, "Agency A");
    insert(&active, b, "Agency B");

    // Both statuses are kept, each in the graph of its source: the query says who says so.
    let who = "SELECT ?status ?source ?publisher ?quote WHERE { \
               GRAPH ?g { ?f igo:participationStatus ?status ; org:member igoid:Q399 ; org:organization igoid:Q318693 ; \
                          igo:evidence/oa:hasSelector/oa:exact ?quote } \
               ?g igo:sourceName ?source ; schema:publisher ?publisher } ORDER BY ?source";
    let (ok, out, err) = on_store(&store, &["query", "--format", "csv", who]);
    assert!(ok, "{err}");
    let rows: Vec<&str> = out.lines().skip(1).collect();
    assert_eq!(rows.len(), 2, "{out}");
    assert!(
        rows.iter().any(|r| r.contains("status/frozen") && r.contains(a) && r.contains("Agency A") && r.contains("has frozen")),
        "{out}"
    );
    assert!(
        rows.iter().any(|r| r.contains("status/active") && r.contains(b) && r.contains("Agency B") && r.contains("полноправным")),
        "{out}"
    );

    // validate reports the conflict as a warning naming both sources; it is not a violation.
    let (ok, out, err) = on_store(&store, &["validate"]);
    assert!(ok, "{out}{err}");
    let finding = out.lines().chain(err.lines()).find(|l| l.contains("[conflicting-sources]")).unwrap_or_else(|| panic!("{out}{err}"));
    assert!(finding.starts_with("warning") && finding.contains(a) && finding.contains(b), "{finding}");
    assert!(finding.contains("frozen") && finding.contains("active"), "{finding}");

    // Inserting the same document again replaces its graph: nothing is added or lost.
    let before = quad_count(&store);
    insert(&frozen, a, "Agency A");
    assert_eq!(quad_count(&store), before);
    let (_, out, _) = on_store(&store, &["query", "--format", "csv", who]);
    assert_eq!(out.lines().count(), 3, "{out}");

    // An edited document under the same URL replaces what the old version said.
    std::fs::write(&frozen, "YEREVAN, February 23, 2024. Armenia has frozen its participation in the CSTO.\n").unwrap();
    insert(&frozen, a, "Agency A");
    let facts_of_a = format!("SELECT DISTINCT ?f WHERE {{ ?g igo:sourceName \"{a}\" . GRAPH ?g {{ ?f igo:evidence ?e }} }}");
    let (_, out, _) = on_store(&store, &["query", "--format", "csv", &facts_of_a]);
    assert!(out.contains("/fact/membership_status/") && !out.contains("/fact/office/"), "{out}");
}

/// Docs that run: every `igokg …` line of the README's "Extracting facts from news" section
/// runs, in order, from a folder that sees the repository's `examples/` and `tests/`.
#[test]
fn every_command_of_the_readme_extraction_section_works() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let start = readme.find("## Extracting facts from news").expect("an extraction section in the README");
    let end = readme[start + 3..].find("\n## ").map_or(readme.len(), |e| start + 3 + e);
    let (mut in_block, mut lines) = (false, Vec::new());
    for line in readme[start..end].lines() {
        if line.starts_with("```") {
            in_block = !in_block;
        } else if in_block && line.starts_with("igokg ") {
            lines.push(line.to_owned());
        }
    }
    assert!(lines.iter().any(|l| l.starts_with("igokg eval ")) && lines.iter().any(|l| l.contains("--insert")), "{lines:?}");
    let dir = tempfile::tempdir().unwrap();
    for d in ["examples", "tests"] {
        std::os::unix::fs::symlink(root().join(d), dir.path().join(d)).unwrap();
    }
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_igokg"));
    let path = format!("{}:{}", bin.parent().unwrap().display(), std::env::var("PATH").unwrap_or_default());
    for line in &lines {
        let out = std::process::Command::new("bash")
            .args(["-c", line])
            .current_dir(dir.path())
            .env("PATH", &path)
            .env("IGOKG_STORE", dir.path().join("kg"))
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(out.status.success(), "README command failed: {line}\n{}", String::from_utf8_lossy(&out.stderr));
        if line.starts_with("igokg eval ") {
            assert!(stdout.contains("overall"), "{line}\n{stdout}");
        }
        if line.contains("--format table") {
            assert!(stdout.lines().count() > 5, "{line}\n{stdout}");
        }
        if line.starts_with("igokg query ") {
            assert!(stdout.contains("status/frozen") && stdout.contains("https://example.org/tass/"), "{line}\n{stdout}");
        }
    }
}

/// A short article about people and an organisation that no table holds.
const UNLISTED: &str = "Leaders meet in Addis Ababa\nADDIS ABABA, Feb. 15, 2025 — Zorvanian President Kelmar Udo Brennick attended the \
summit of the Northern Lakes Development Authority (NLDA) in Addis Ababa on Saturday. Brennick said the NLDA would grow.\n";

#[test]
fn minted_entities_are_marked_in_json_lines() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("unlisted.en.txt");
    std::fs::write(&p, UNLISTED).unwrap();
    let facts = extract(&p, &[]);
    let minted: Vec<&serde_json::Value> = facts
        .iter()
        .flat_map(|f| f.as_object().unwrap().values())
        .flat_map(|v| std::iter::once(v).chain(v.get("organization")))
        .filter(|v| v.get("minted") == Some(&serde_json::Value::Bool(true)))
        .collect();
    let labels: Vec<&str> = minted.iter().filter_map(|v| v["label"].as_str()).collect();
    assert!(labels.contains(&"Kelmar Udo Brennick"), "{facts:?}");
    assert!(labels.contains(&"Northern Lakes Development Authority"), "{facts:?}");
    // A known entity is not marked.
    assert!(facts.iter().any(|f| f["kind"] == "summit" && f["place"]["label"] == "Addis Ababa" && f["place"].get("minted").is_none()));
}

#[test]
fn inserting_an_article_writes_the_entities_it_minted() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("kg");
    let p = dir.path().join("unlisted.en.txt");
    std::fs::write(&p, UNLISTED).unwrap();
    let (ok, _, err) = on_store(&store, &["extract", "--insert", p.to_str().unwrap()]);
    assert!(ok, "{err}");
    let q = "PREFIX igo: <https://w3id.org/igokg/ontology#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> \
             SELECT ?l WHERE { GRAPH ?g { ?e igo:mintedBy ?v ; rdfs:label ?l } } ORDER BY ?l";
    let (ok, out, err) = on_store(&store, &["query", "--format", "csv", q]);
    assert!(ok, "{err}");
    assert!(out.contains("Kelmar Udo Brennick"), "{out}");
    assert!(out.contains("Northern Lakes Development Authority"), "{out}");
}
