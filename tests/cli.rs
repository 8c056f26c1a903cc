//! CLI tests: the real binary on a real store, with peers (rapper, rdflib, networkx, dot)
//! re-reading what it writes.

mod common;
use assert_cmd::Command;
use assert_fs::prelude::*;
use assert_fs::TempDir;
use common::igokg;
use predicates::prelude::*;
use std::path::Path;

/// A store built from the bundled examples.
fn examples_store() -> TempDir {
    let dir = TempDir::new().unwrap();
    igokg(dir.path())
        .args(["ingest", "examples/csto-summit-astana-2024.facts.csv", "examples/csto-membership-history.csv"])
        .assert()
        .success()
        .stderr(predicate::str::contains("ingested"));
    dir
}

fn stdout(c: &mut Command) -> String {
    let out = c.output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

/// The whole store as sorted N-Quads, to show that a failed command changed nothing.
fn dump(store: &Path) -> Vec<String> {
    let text = stdout(igokg(store).args(["export", "--format", "nq"]));
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    lines.sort();
    lines
}

fn csv_rows(text: &str) -> Vec<Vec<String>> {
    let mut r = csv::Reader::from_reader(text.as_bytes());
    r.records().map(|x| x.unwrap().iter().map(str::to_owned).collect()).collect()
}

#[test]
fn members_on_the_summit_day_include_armenia_frozen_but_still_a_member() {
    let kg = examples_store();
    let out = stdout(igokg(kg.path()).args(["members", "CSTO", "--at", "2024-11-28", "--format", "csv"]));
    let rows = csv_rows(&out);
    let names: Vec<&str> = rows.iter().map(|r| r[1].as_str()).collect();
    for n in ["Armenia", "Belarus", "Kazakhstan", "Kyrgyzstan", "Russia", "Tajikistan"] {
        assert!(names.contains(&n), "{n} missing from {out}");
    }
    let armenia = rows.iter().find(|r| r[1] == "Armenia").unwrap();
    assert_eq!((armenia[2].as_str(), armenia[3].as_str()), ("full", "frozen"));
    assert!(!names.contains(&"Uzbekistan"), "{out}");
    assert!(rows.iter().all(|r| !r[6].is_empty()), "every answer has a source: {out}");
}

#[test]
fn members_as_of_partial_dates_follow_the_bounds() {
    let kg = examples_store();
    let at2013 = stdout(igokg(kg.path()).args(["members", "ОДКБ", "--at", "2013", "--format", "csv"]));
    let rows = csv_rows(&at2013);
    let full: Vec<&str> = rows.iter().filter(|r| r[2] == "full").map(|r| r[1].as_str()).collect();
    let observers: Vec<&str> = rows.iter().filter(|r| r[2] == "observer").map(|r| r[1].as_str()).collect();
    assert_eq!(full, ["Armenia", "Belarus", "Kazakhstan", "Kyrgyzstan", "Russia", "Tajikistan"], "{at2013}");
    assert_eq!(observers, ["Afghanistan", "Serbia"], "{at2013}");
    assert!(rows.iter().all(|r| r[3].is_empty()), "no frozen status in 2013: {at2013}");
    let at2008 = stdout(igokg(kg.path()).args(["members", "CSTO", "--at", "2008-06", "--format", "csv"]));
    assert!(at2008.contains("Uzbekistan"), "{at2008}");
    // A membership that starts in 2013 is not known to hold on 2013-01-01… but does within 2013.
    let jan = stdout(igokg(kg.path()).args(["members", "CSTO", "--at", "2013-01-01", "--format", "csv"]));
    assert!(!jan.contains("Serbia"), "{jan}");
}

#[test]
fn chairs_and_summits_answer_what_the_article_says() {
    let kg = examples_store();
    let chairs = stdout(igokg(kg.path()).args(["chairs", "CSTO", "--format", "csv"]));
    let rows = csv_rows(&chairs);
    assert_eq!(rows.iter().map(|r| (r[0].as_str(), r[2].as_str())).collect::<Vec<_>>(), [("2024", "Kazakhstan"), ("2025", "Kyrgyzstan")]);
    let summits = stdout(igokg(kg.path()).args(["summits", "CSTO", "--format", "csv"]));
    let rows = csv_rows(&summits);
    assert_eq!(rows.len(), 2, "{summits}");
    assert_eq!((rows[0][1].as_str(), rows[0][2].as_str()), ("2023-11", "Minsk"));
    assert_eq!((rows[1][1].as_str(), rows[1][2].as_str()), ("2024-11-28", "Astana"));
    for p in ["Vladimir Putin", "Kassym-Jomart Tokayev", "Alexander Lukashenko", "Sadyr Japarov", "Emomali Rahmon"] {
        assert!(rows[1][3].contains(p), "{p}: {summits}");
    }
    assert_eq!(rows[1][4], "Armenia");
    let ar = stdout(igokg(kg.path()).args(["summits", "CSTO", "--lang", "ar", "--format", "csv"]));
    assert!(ar.contains("استانا") && ar.contains("أرمينيا") && ar.contains("فلاديمير بوتين"), "{ar}");
}

#[test]
fn conveniences_show_their_sparql() {
    let kg = examples_store();
    igokg(kg.path()).args(["members", "CSTO", "--at", "2024", "--show-sparql", "--format", "csv"]).assert().success().stderr(
        predicate::str::contains("SELECT")
            .and(predicate::str::contains("org:organization <https://w3id.org/igokg/id/Q318693>"))
            .and(predicate::str::contains(r#"?sl < "2025-01-01"^^<http://www.w3.org/2001/XMLSchema#date>"#)),
    );
}

#[test]
fn timeline_lists_an_entitys_facts_with_sources() {
    let kg = examples_store();
    let out = stdout(igokg(kg.path()).args(["timeline", "أرمينيا", "--format", "csv"]));
    for k in ["membership", "membership_status", "absence", "endorsement"] {
        assert!(out.contains(k), "{k}: {out}");
    }
    assert!(out.contains("csto-summit-astana-2024.ar.txt"), "{out}");
}

#[test]
fn add_fact_dry_run_prints_quads_and_writes_nothing() {
    let dir = TempDir::new().unwrap();
    igokg(dir.path())
        .args([
            "add",
            "membership-status",
            "--member",
            "أرمينيا",
            "--organization",
            "CSTO",
            "--status",
            "frozen",
            "--start",
            "2024-02",
            "--source",
            "https://example.org/a",
            "--quote",
            "froze",
            "--dry-run",
            "--verbose",
        ])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("<https://w3id.org/igokg/code/status/frozen>")
                .and(predicate::str::contains("\"2024-02\"^^<http://www.w3.org/2001/XMLSchema#gYearMonth>")),
        );
    assert!(!dir.path().join("CURRENT").exists(), "a dry run creates no store");
}

#[test]
fn add_then_remove_a_fact_restores_the_store() {
    let kg = examples_store();
    let before = dump(kg.path());
    let out = igokg(kg.path())
        .args([
            "add",
            "membership",
            "--member",
            "Japan",
            "--organization",
            "ASEAN",
            "--role",
            "dialogue_partner",
            "--start",
            "1977",
            "--source",
            "https://example.org/asean",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let stderr = String::from_utf8_lossy(&out.stderr);
    let iri = stderr.split_whitespace().nth(1).unwrap().to_owned();
    let members = stdout(igokg(kg.path()).args(["members", "ASEAN", "--format", "csv"]));
    assert!(members.contains("Japan") && members.contains("dialogue_partner"), "{members}");
    igokg(kg.path()).args(["remove", &iri]).assert().success();
    let after = dump(kg.path());
    // Only the source's description (a new graph's metadata) may remain.
    let extra: Vec<&String> = after.iter().filter(|q| !before.contains(q)).collect();
    assert!(extra.iter().all(|q| q.ends_with(" .") && !q.contains("memberOf") && !q.contains("/fact/")), "{extra:#?}");
    assert!(before.iter().all(|q| after.contains(q)));
    igokg(kg.path()).args(["remove", &iri]).assert().failure().stderr(predicate::str::contains("no fact"));
}

#[test]
fn removing_one_of_two_facts_keeps_the_shared_shortcut() {
    let kg = examples_store();
    // Armenia–CSTO membership is stated without a start by the article and with 2002 by the history.
    let q = "ASK { <https://w3id.org/igokg/id/Q399> <http://www.w3.org/ns/org#memberOf> <https://w3id.org/igokg/id/Q318693> }";
    let out = igokg(kg.path())
        .args(["add", "membership", "--member", "Armenia", "--organization", "CSTO", "--start", "1992", "--end", "1999", "--source", "x"])
        .output()
        .unwrap();
    let iri = String::from_utf8_lossy(&out.stderr).split_whitespace().nth(1).unwrap().to_owned();
    igokg(kg.path()).args(["remove", &iri]).assert().success();
    assert_eq!(stdout(igokg(kg.path()).args(["query", q, "--format", "csv"])).trim(), "true");
}

#[test]
fn add_triple_takes_prefixed_terms_and_refuses_injection() {
    let kg = examples_store();
    igokg(kg.path())
        .args(["add", "triple", "igoid:Q399", "rdfs:comment", "\"froze its participation\"@en", "--graph", "igog:notes"])
        .assert()
        .success();
    let out = stdout(igokg(kg.path()).args([
        "query",
        "SELECT ?c WHERE { GRAPH <https://w3id.org/igokg/graph/notes> { ?s <http://www.w3.org/2000/01/rdf-schema#comment> ?c } }",
        "--format",
        "csv",
    ]));
    assert!(out.contains("froze its participation"), "{out}");
    let before = dump(kg.path());
    for (s, p, o) in [
        ("<not an iri>", "rdfs:label", "\"x\""),
        ("igoid:Q399", "rdfs:label", "\"x\" . <http://a> <http://b> <http://c>"),
        ("igoid:Q399", "nosuchprefix:label", "\"x\""),
        ("\"literal\"", "rdfs:label", "\"x\""),
    ] {
        igokg(kg.path()).args(["add", "triple", s, p, o]).assert().failure().stderr(predicate::str::contains("igokg: error:"));
    }
    assert_eq!(dump(kg.path()), before);
}

#[test]
fn bad_cli_input_names_the_place_and_changes_nothing() {
    let kg = examples_store();
    let before = dump(kg.path());
    let cases: &[(&[&str], &str)] = &[
        (
            &["add", "membership", "--member", "Armenia", "--organization", "CSTO", "--start", "2023-02-30"],
            "start: '2023-02-30' is impossible",
        ),
        (
            &["add", "membership", "--member", "Armenia", "--organization", "CSTO", "--start", "2010", "--end", "2009"],
            "end 2009 is before start 2010",
        ),
        (&["add", "membership", "--member", "Armenja", "--organization", "CSTO"], "closest: Armenia"),
        (
            &["add", "membership-status", "--member", "Armenia", "--organization", "CSTO", "--status", "sleeping"],
            "unknown status 'sleeping'",
        ),
        (&["add", "membership", "--member", "Armenia", "--organization", "Astana"], "city"),
        (&["add", "chairmanship", "--chair", "Kazakhstan", "--organization", "CSTO"], "year or start"),
        (&["add", "attendance", "--participant", "Putin", "--event", "CSTO"], "ORG@YEAR"),
        (&["add", "membership", "--member", "Armenia", "--organization", "CSTO", "--confidence", "2"], "confidence"),
        (&["add", "membership", "--member", "Armenia", "--organization", "CSTO", "--lang", "not a tag"], "language tag"),
        (&["query", "SELECT WHERE {"], "invalid SPARQL"),
        (&["members", "Narnia"], "unknown organization 'Narnia'"),
        (&["members", "CSTO", "--at", "2024-13"], "no month 13"),
        (&["export", "--graph", "<not an iri>"], "--graph"),
    ];
    for (args, msg) in cases {
        igokg(kg.path()).args(*args).assert().failure().stderr(predicate::str::contains(*msg));
    }
    assert_eq!(dump(kg.path()), before);
}

#[test]
fn a_bad_csv_row_writes_nothing_and_names_file_line_and_column() {
    let kg = examples_store();
    let before = dump(kg.path());
    let dir = TempDir::new().unwrap();
    let bad = dir.child("bad.csv");
    bad.write_str("kind,member,organization,status,start\nmembership,Armenia,CSTO,,2002\nmembership_status,Armenia,CSTO,sleeping,2024\n")
        .unwrap();
    igokg(kg.path())
        .arg("ingest")
        .arg(bad.path())
        .assert()
        .failure()
        .stderr(predicate::str::contains("bad.csv:3").and(predicate::str::contains("sleeping")));
    let cols = dir.child("cols.csv");
    cols.write_str("kind,member,organisation\nmembership,Armenia,CSTO\n").unwrap();
    igokg(kg.path())
        .arg("ingest")
        .arg(cols.path())
        .assert()
        .failure()
        .stderr(predicate::str::contains("cols.csv:1").and(predicate::str::contains("unknown column 'organisation'")));
    // Two files: the good one is not written when the other is bad.
    let good = dir.child("good.csv");
    good.write_str("kind,chair,organization,year\nchairmanship,Russia,CSTO,2026\n").unwrap();
    igokg(kg.path()).arg("ingest").arg(good.path()).arg(bad.path()).assert().failure();
    assert_eq!(dump(kg.path()), before);
}

#[test]
fn load_reads_rdf_files_atomically() {
    let kg = examples_store();
    let dir = TempDir::new().unwrap();
    let ok = dir.child("notes.ttl");
    ok.write_binary(b"\xEF\xBB\xBF@prefix ex: <http://example.org/> .\nex:a ex:b \"c\" .\n").unwrap();
    igokg(kg.path()).arg("load").arg(ok.path()).assert().success();
    let out =
        stdout(igokg(kg.path()).args(["query", "SELECT ?o WHERE { <http://example.org/a> <http://example.org/b> ?o }", "--format", "csv"]));
    assert!(out.contains('c'), "{out}");
    let before = dump(kg.path());
    let broken = dir.child("broken.ttl");
    broken.write_str("@prefix ex: <http://example.org/> .\nex:x ex:y ex:z .\nex:x ex:y .\n").unwrap();
    igokg(kg.path()).arg("load").arg(ok.path()).arg(broken.path()).assert().failure().stderr(predicate::str::contains("broken.ttl"));
    igokg(kg.path()).args(["load", "--format", "nt", "-"]).write_stdin("<http://a> <http://b> .\n").assert().failure();
    igokg(kg.path())
        .arg("load")
        .arg("--bulk")
        .arg(ok.path())
        .arg(broken.path())
        .assert()
        .failure()
        .stderr(predicate::str::contains("broken.ttl"));
    assert_eq!(dump(kg.path()), before);
    igokg(kg.path())
        .args(["load", "--bulk", "--format", "nq", "-"])
        .write_stdin("<http://a> <http://b> <http://c> <http://g> .\n")
        .assert()
        .success();
    assert!(dump(kg.path()).iter().any(|q| q == "<http://a> <http://b> <http://c> <http://g> ."));
    igokg(kg.path())
        .args(["load", "--format", "nt", "--graph", "http://example.org/g", "-"])
        .write_stdin("<http://x> <http://b> <http://c> .\n")
        .assert()
        .success();
    assert!(dump(kg.path()).iter().any(|q| q == "<http://x> <http://b> <http://c> <http://example.org/g> ."));
}

#[test]
fn query_reads_argument_file_and_stdin_in_every_format() {
    let kg = examples_store();
    let q = "SELECT ?m WHERE { ?m <http://www.w3.org/ns/org#memberOf> <https://w3id.org/igokg/id/Q318693> } ORDER BY ?m";
    let csv = stdout(igokg(kg.path()).args(["query", q, "--format", "csv"]));
    assert!(csv.starts_with("m\r\n") && csv.contains("https://w3id.org/igokg/id/Q399"), "{csv}");
    let json = stdout(igokg(kg.path()).args(["query", "-", "--format", "json"]).write_stdin(q));
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert!(v["results"]["bindings"].as_array().unwrap().len() >= 6);
    let f = TempDir::new().unwrap().child("q.rq");
    f.write_str(q).unwrap();
    assert!(stdout(igokg(kg.path()).arg("query").arg("--file").arg(f.path()).args(["--format", "xml"])).contains("<sparql"));
    assert!(stdout(igokg(kg.path()).args(["query", q, "--format", "tsv"])).starts_with("?m"));
    assert!(stdout(igokg(kg.path()).args(["query", q, "--format", "table"])).contains("igoid:Q399"));
    assert_eq!(stdout(igokg(kg.path()).args(["query", "ASK { ?s ?p ?o }", "--format", "csv"])).trim(), "true");
    let ttl = stdout(igokg(kg.path()).args([
        "query",
        "CONSTRUCT { ?m <http://www.w3.org/ns/org#memberOf> ?o } WHERE { ?m <http://www.w3.org/ns/org#memberOf> ?o }",
        "--format",
        "ttl",
    ]));
    assert!(ttl.contains("org:memberOf"), "{ttl}");
}

fn run_peer(cmd: &str, args: &[&str]) -> String {
    let out =
        std::process::Command::new(cmd).args(args).output().unwrap_or_else(|e| panic!("{cmd} is needed (bash .ci/setup installs it): {e}"));
    assert!(out.status.success(), "{cmd} {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr)
}

#[test]
fn every_export_is_read_back_by_an_independent_tool() {
    let kg = examples_store();
    let dir = TempDir::new().unwrap();
    let path = |ext: &str| dir.path().join(format!("export.{ext}")).to_str().unwrap().to_owned();
    for ext in ["ttl", "nt", "nq", "trig", "rdf", "jsonld", "graphml", "dot"] {
        igokg(kg.path()).args(["export", "--org", "CSTO", "-o", &path(ext)]).assert().success();
    }
    // Triple formats merge the graphs (a triple stated in two graphs is written once); the
    // quad formats keep them apart, so each is compared with its own kind of count.
    let nt_lines = std::fs::read_to_string(path("nt")).unwrap().lines().count();
    let nq_lines = std::fs::read_to_string(path("nq")).unwrap().lines().count();
    assert!(nq_lines >= nt_lines, "{nq_lines} quads, {nt_lines} triples");
    for (ext, syntax, n) in [
        ("ttl", "turtle", nt_lines),
        ("nt", "ntriples", nt_lines),
        ("rdf", "rdfxml", nt_lines),
        ("trig", "trig", nq_lines),
        ("nq", "nquads", nq_lines),
    ] {
        let out = run_peer("rapper", &["-i", syntax, "-c", &path(ext)]);
        assert!(out.contains(&format!("returned {n} triples")), "{ext}: {out}");
    }
    let py = format!(
        "import rdflib, networkx as nx\nd = rdflib.Dataset()\nd.parse('{}', format='json-ld')\nn = sum(1 for _ in d.quads((None, None, None, None)))\ng = nx.read_graphml('{}')\nprint(n, g.number_of_nodes(), g.number_of_edges(), sorted(set(nx.get_node_attributes(g, 'kind').values())))",
        path("jsonld"),
        path("graphml")
    );
    let out = run_peer("python3", &["-c", &py]);
    let fields: Vec<&str> = out.split_whitespace().collect();
    assert_eq!(fields[0].parse::<usize>().unwrap(), nq_lines, "{out}"); // JSON-LD keeps the graphs apart
    assert!(fields[1].parse::<usize>().unwrap() >= 15 && fields[2].parse::<usize>().unwrap() >= 20, "{out}");
    assert!(out.contains("'organization'") && out.contains("'person'") && out.contains("'state'"), "{out}");
    let svg = run_peer("dot", &["-Tsvg", &path("dot")]);
    assert!(svg.contains("<svg") && svg.contains("Armenia"), "dot output");
}

#[test]
fn export_whole_store_as_nquads_keeps_graphs() {
    let kg = examples_store();
    let nq = stdout(igokg(kg.path()).args(["export", "--format", "nq"]));
    assert!(nq.lines().any(|l| l.contains("/graph/csto-summit-astana-2024-ar-txt-")));
    assert!(nq.lines().any(|l| l.contains("<https://w3id.org/igokg/graph/entities>")));
}

#[test]
fn validate_passes_on_the_examples_and_names_offending_facts() {
    let kg = examples_store();
    igokg(kg.path()).arg("validate").assert().success().stderr(predicate::str::contains("0 violation(s)"));
    igokg(kg.path())
        .args([
            "add",
            "chairmanship",
            "--chair",
            "Japan",
            "--organization",
            "CSTO",
            "--year",
            "2025",
            "--source",
            "https://example.org/wrong",
        ])
        .assert()
        .success();
    igokg(kg.path()).arg("validate").assert().failure().stdout(
        predicate::str::contains("chair-is-member")
            .and(predicate::str::contains("one-chair-per-year"))
            .and(predicate::str::contains("https://example.org/wrong")),
    );
    // A membership node without a member breaks the SHACL shape.
    igokg(kg.path())
        .args([
            "add",
            "triple",
            "<https://w3id.org/igokg/fact/membership/broken>",
            "rdf:type",
            "igo:MembershipFact",
            "--graph",
            "igog:broken",
        ])
        .assert()
        .success();
    igokg(kg.path()).arg("validate").assert().failure().stdout(predicate::str::contains("shape membership: member"));
}

#[test]
fn stats_summarise_the_store() {
    let kg = examples_store();
    let out = stdout(igokg(kg.path()).arg("stats"));
    assert!(out.contains("membership") && out.contains("entities: state") && out.contains("quads"), "{out}");
}

#[test]
fn reading_commands_on_a_missing_store_say_how_to_create_one() {
    let dir = TempDir::new().unwrap();
    igokg(&dir.path().join("nothing")).args(["members", "CSTO"]).assert().failure().stderr(predicate::str::contains("igokg init"));
}

#[test]
fn the_store_comes_from_the_environment_too() {
    let kg = examples_store();
    let mut c = Command::cargo_bin("igokg").unwrap();
    c.env("IGOKG_STORE", kg.path())
        .args(["chairs", "CSTO", "--format", "csv"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Kyrgyzstan"));
}

#[test]
fn a_closed_pipe_ends_export_quietly() {
    use std::io::Read;
    let kg = examples_store();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_igokg"))
        .arg("--store")
        .arg(kg.path())
        .args(["export", "--format", "nt"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 64];
    child.stdout.as_mut().unwrap().read_exact(&mut first).unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(out.stderr.is_empty(), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn an_added_entity_resolves_in_later_facts() {
    let kg = examples_store();
    igokg(kg.path())
        .args(["add", "entity", "--type", "person", "--name-en", "Ilse Marrow", "--name-ru", "Ильзе Марроу"])
        .assert()
        .success();
    igokg(kg.path())
        .args(["add", "office", "--person", "Ильзе Марроу", "--position", "foreign_minister", "--of", "EU", "--start", "2024-12"])
        .assert()
        .success();
    let out = stdout(igokg(kg.path()).args(["timeline", "Ilse Marrow", "--format", "csv"]));
    assert!(out.contains("office") && out.contains("European Union"), "{out}");
    igokg(kg.path())
        .args(["add", "entity", "--type", "person", "--name-en", "Vladimir Putin"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("already names"));
}

#[test]
fn a_refused_file_leaves_no_store_behind_where_there_was_none() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("new");
    let bad = dir.path().join("bad.nt");
    std::fs::write(&bad, "<http://a.example/s> <http://a.example/p> \"x\" .\n<http://a.example/s> <http://a.example/p> bad .\n").unwrap();
    let out = igokg(&store).arg("load").arg(&bad).output().unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("line 2"), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(!store.exists(), "a refused load left the store it created");
}
