//! `igokg serve` end to end: the real binary on a store built from examples/, spoken to over
//! TCP by a plain HTTP/1.1 client, and by SPARQLWrapper, rdflib and the page's browser test.

mod common;
use common::igokg;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

struct Server {
    child: Child,
    url: String,
    _store: tempfile::TempDir,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn examples_store() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let out = igokg(dir.path())
        .args(["ingest", "examples/csto-summit-astana-2024.facts.csv", "examples/csto-membership-history.csv"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    dir
}

/// Starts `igokg serve` on a free port and waits for its "serving" line.
fn serve(args: &[&str], env: &[(&str, &str)]) -> Server {
    let store = examples_store();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_igokg"));
    cmd.arg("--store")
        .arg(store.path())
        .arg("serve")
        .args(["--bind", "127.0.0.1:0"])
        .args(args)
        .env_remove("IGOKG_STORE")
        .env_remove("IGOKG_TOKEN");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let (child, url, _) = common::start_server(&mut cmd);
    Server { child, url, _store: store }
}

struct Resp {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl Resp {
    fn header(&self, n: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(n)).map(|(_, v)| v.as_str())
    }
}

/// One HTTP/1.1 request with `Connection: close`; chunked bodies are decoded.
fn http(url: &str, method: &str, path: &str, headers: &[(&str, &str)], body: &[u8]) -> Resp {
    let host = url.trim_start_matches("http://");
    let mut s = TcpStream::connect(host).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
    let mut req = format!("{method} {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\nContent-Length: {}\r\n", body.len());
    for (k, v) in headers {
        req.push_str(&format!("{k}: {v}\r\n"));
    }
    req.push_str("\r\n");
    s.write_all(req.as_bytes()).unwrap();
    let _ = s.write_all(body);
    let mut raw = Vec::new();
    let _ = s.read_to_end(&mut raw);
    let split = raw.windows(4).position(|w| w == b"\r\n\r\n").expect("a response head");
    let head = String::from_utf8_lossy(&raw[..split]).to_string();
    let mut lines = head.lines();
    let status = lines.next().unwrap().split_whitespace().nth(1).unwrap().parse().unwrap();
    let headers: Vec<(String, String)> =
        lines.filter_map(|l| l.split_once(':')).map(|(k, v)| (k.trim().to_owned(), v.trim().to_owned())).collect();
    let mut body = raw[split + 4..].to_vec();
    if headers.iter().any(|(k, v)| k.eq_ignore_ascii_case("transfer-encoding") && v.contains("chunked")) {
        let mut out = Vec::new();
        let mut rest = &body[..];
        loop {
            let nl = rest.windows(2).position(|w| w == b"\r\n").unwrap();
            let n = usize::from_str_radix(std::str::from_utf8(&rest[..nl]).unwrap().trim(), 16).unwrap();
            if n == 0 {
                break;
            }
            out.extend_from_slice(&rest[nl + 2..nl + 2 + n]);
            rest = &rest[nl + 4 + n..];
        }
        body = out;
    }
    Resp { status, headers, body: String::from_utf8_lossy(&body).into_owned() }
}

fn get(url: &str, path: &str, accept: &str) -> Resp {
    http(url, "GET", path, &[("Accept", accept)], b"")
}

fn enc(s: &str) -> String {
    form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

fn cli_members_csv(store: &Path) -> Vec<Vec<String>> {
    let out = igokg(store).args(["members", "CSTO", "--format", "csv"]).output().unwrap();
    assert!(out.status.success());
    csv_rows(&String::from_utf8(out.stdout).unwrap())
}

fn csv_rows(text: &str) -> Vec<Vec<String>> {
    let mut r = csv::Reader::from_reader(text.as_bytes());
    r.records().map(|x| x.unwrap().iter().map(str::to_owned).collect()).collect()
}

/// The members query as `igokg members CSTO` runs it.
fn members_sparql() -> String {
    let org = oxigraph::model::NamedNode::new("https://w3id.org/igokg/id/Q318693").unwrap();
    igokg::query::members(org.into(), None, "en").text()
}

#[test]
fn the_sparql_protocol_answers_get_post_and_form_in_the_accepted_format() {
    let s = serve(&[], &[]);
    let q = "SELECT ?m WHERE { ?m <http://www.w3.org/ns/org#memberOf> ?o } LIMIT 3";
    let r = get(&s.url, &format!("/sparql?query={}", enc(q)), "");
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.header("Content-Type"), Some("application/sparql-results+json"));
    assert_eq!(r.header("Access-Control-Allow-Origin"), None, "CORS is off unless --cors lists an origin");
    let r = http(&s.url, "POST", "/query", &[("Content-Type", "application/sparql-query"), ("Accept", "text/csv")], q.as_bytes());
    assert_eq!((r.status, r.header("Content-Type")), (200, Some("text/csv; charset=utf-8")));
    assert_eq!(r.body.lines().count(), 4, "{}", r.body);
    let form = format!("query={}", enc(q));
    let r = http(
        &s.url,
        "POST",
        "/sparql",
        &[("Content-Type", "application/x-www-form-urlencoded"), ("Accept", "application/sparql-results+xml")],
        form.as_bytes(),
    );
    assert!(r.body.contains("<sparql"), "{}", r.body);
    let c = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 5";
    let r = get(&s.url, &format!("/sparql?query={}", enc(c)), "");
    assert_eq!(r.header("Content-Type"), Some("text/turtle; charset=utf-8"));
    let r = get(&s.url, &format!("/sparql?query={}", enc(c)), "application/ld+json");
    assert!(r.body.trim_start().starts_with('[') || r.body.trim_start().starts_with('{'), "{}", r.body);
    let page = get(&s.url, "/", "text/html");
    assert!(page.body.contains("<title>igokg</title>") && page.header("Content-Type") == Some("text/html; charset=utf-8"));
    let ex = get(&s.url, "/api/examples", "application/json");
    assert!(ex.body.contains("members-in-year"), "{}", ex.body);
}

/// `--default-graph` reaches the query workers: with `default`, a query without FROM sees the
/// store's default graph alone (the descriptions of the ingested sources), the named graphs
/// stay reachable with GRAPH; with the default `union`, it sees every graph.
#[test]
fn the_default_graph_choice_reaches_the_query_workers() {
    let count = |s: &Server, q: &str| -> u64 {
        let r = get(&s.url, &format!("/sparql?query={}", enc(q)), "text/csv");
        assert_eq!(r.status, 200, "{q}: {}", r.body);
        r.body.lines().nth(1).and_then(|l| l.trim().parse().ok()).unwrap_or_else(|| panic!("{q}: {}", r.body))
    };
    let all = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }";
    let named = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }";
    let standard = serve(&["--default-graph", "default", "--threads", "1"], &[]);
    let union = serve(&["--threads", "1"], &[]);
    let (in_default, in_named) = (count(&standard, all), count(&standard, named));
    assert!(in_named > 1_000, "{in_named}");
    assert!(in_default < in_named, "the default graph alone is not the union: {in_default} of {in_named}");
    assert_eq!(count(&union, named), in_named, "GRAPH ?g sees the same graphs either way");
    assert!(count(&union, all) >= in_named, "the union holds every named graph");
}

#[test]
fn row_limits_truncate_with_a_header() {
    let s = serve(&["--max-rows", "2"], &[]);
    let r = get(&s.url, &format!("/sparql?query={}", enc("SELECT * WHERE { ?s ?p ?o }")), "text/csv");
    assert_eq!(r.header("X-Igokg-Truncated"), Some("true"));
    assert_eq!(r.body.lines().count(), 3);
}

#[test]
fn every_error_has_its_status_and_the_server_keeps_answering() {
    let s = serve(&["--max-body", "1000", "--cors", "http://x"], &[]);
    let bad = get(&s.url, &format!("/sparql?query={}", enc("SELECT WHERE {")), "");
    assert_eq!(bad.status, 400);
    assert!(bad.header("Content-Type").unwrap().starts_with("text/plain") && bad.body.contains("invalid SPARQL"), "{}", bad.body);
    let deep = format!("SELECT * WHERE {{ FILTER({}1{}) }}", "(".repeat(5000), ")".repeat(5000));
    let r = http(&s.url, "POST", "/sparql", &[("Content-Type", "application/sparql-query")], deep.as_bytes());
    assert_eq!(r.status, 413, "the body is over --max-body");
    let s2 = serve(&[], &[]);
    let r = http(&s2.url, "POST", "/sparql", &[("Content-Type", "application/sparql-query")], deep.as_bytes());
    assert_eq!(r.status, 400);
    assert!(r.body.contains("refused"), "{}", r.body);
    assert_eq!(get(&s2.url, &format!("/sparql?query={}", enc("ASK {}")), "").status, 200, "still answering");
    assert_eq!(get(&s.url, "/nowhere", "").status, 404);
    let r = http(&s.url, "PUT", "/sparql", &[], b"");
    assert_eq!((r.status, r.header("Allow")), (405, Some("GET, POST, OPTIONS")));
    assert_eq!(get(&s.url, &format!("/sparql?query={}", enc("ASK {}")), "image/png").status, 406);
    let r = http(&s.url, "POST", "/update", &[("Content-Type", "application/sparql-update")], b"CLEAR ALL");
    assert_eq!(r.status, 403);
    assert_eq!(get(&s.url, &format!("/store?graph={}", enc("http://example.org/none")), "").status, 404);
    let r = http(&s.url, "POST", "/sparql", &[("Content-Type", "image/png")], b"x");
    assert_eq!(r.status, 415);
    let r = http(&s.url, "OPTIONS", "/store", &[("Origin", "http://x"), ("Access-Control-Request-Method", "PUT")], b"");
    assert_eq!(r.status, 204);
    assert_eq!(r.header("Access-Control-Allow-Methods"), Some("GET, POST, PUT, DELETE, OPTIONS"));
    assert_eq!(r.header("Access-Control-Allow-Headers"), Some("Content-Type, Authorization, Accept"));
    assert_eq!(r.header("Access-Control-Allow-Origin"), Some("http://x"), "the origin listed with --cors");
}

#[test]
fn writes_need_the_flag_and_the_token_and_a_graph_round_trips() {
    let out = igokg(Path::new("/tmp/never-created-igokg")).args(["serve", "--allow-update"]).env_remove("IGOKG_TOKEN").output().unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("IGOKG_TOKEN"));
    let s = serve(&["--allow-update"], &[("IGOKG_TOKEN", "s3cret")]);
    let g = format!("/store?graph={}", enc("http://example.org/g"));
    let ttl = b"<http://example.org/a> <http://example.org/b> \"c\"@en .\n";
    for auth in [None, Some("Bearer nope")] {
        let mut h = vec![("Content-Type", "text/turtle")];
        if let Some(a) = auth {
            h.push(("Authorization", a));
        }
        let r = http(&s.url, "PUT", &g, &h, ttl);
        assert_eq!(r.status, 401);
        assert!(r.header("WWW-Authenticate").unwrap().starts_with("Bearer"));
    }
    let ok = [("Content-Type", "text/turtle"), ("Authorization", "Bearer s3cret")];
    assert_eq!(http(&s.url, "PUT", &g, &ok, ttl).status, 201);
    let back = get(&s.url, &g, "application/n-triples");
    assert_eq!(back.body, String::from_utf8_lossy(ttl));
    let r = http(&s.url, "PUT", &g, &ok, b"<http://example.org/a> <http://example.org/b> .");
    assert_eq!(r.status, 400);
    assert!(r.body.contains("line") || r.body.contains("1:"), "{}", r.body);
    assert_eq!(get(&s.url, &g, "application/n-triples").body, String::from_utf8_lossy(ttl), "unchanged");
    let r = http(&s.url, "PUT", &g, &[("Content-Type", "application/x-foo"), ("Authorization", "Bearer s3cret")], ttl);
    assert_eq!(r.status, 415);
    let r = http(
        &s.url,
        "POST",
        "/update",
        &[("Content-Type", "application/sparql-update"), ("Authorization", "Bearer s3cret")],
        b"CLEAR GRAPH <http://example.org/g>",
    );
    assert_eq!(r.status, 204);
}

#[test]
fn a_timed_out_query_is_503_while_a_simple_one_succeeds() {
    // A streaming product is stopped by Oxigraph's token; a sorted or grouped one (built in
    // memory, where the token is not looked at) by killing its worker process at the deadline.
    let s = serve(&["--timeout", "1", "--max-rows", "1000000000"], &[]);
    let url = s.url.clone();
    let slow = std::thread::spawn(move || {
        let q = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }";
        http(&url, "POST", "/sparql", &[("Content-Type", "application/sparql-query")], q.as_bytes())
    });
    std::thread::sleep(Duration::from_millis(200));
    let quick = get(&s.url, &format!("/sparql?query={}", enc("ASK { ?s ?p ?o }")), "");
    assert_eq!(quick.status, 200);
    let r = slow.join().unwrap();
    assert_eq!(r.status, 503);
    assert!(r.body.contains("timed out after 1 s"), "{}", r.body);
    for q in [
        "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?a",
        "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }",
    ] {
        let t = std::time::Instant::now();
        let r = get(&s.url, &format!("/sparql?query={}", enc(q)), "");
        assert_eq!(r.status, 503, "{q}: {}", r.body);
        assert!(t.elapsed() < Duration::from_secs(2), "{q}: answered after {:?}", t.elapsed());
        assert!(r.body.contains("--timeout") || r.body.contains("--max-memory"), "{}", r.body);
    }
    // Valid queries the server used to refuse as "materialised products" are answered
    // (issue 12: FILTER over a product, DISTINCT + ORDER BY over an unconnected join, a join
    // through a blank node).
    for q in [
        "SELECT ?a WHERE { ?a a <http://www.w3.org/ns/org#Membership> . ?b a <http://www.w3.org/2004/02/skos/core#ConceptScheme> FILTER(?a = ?b) }",
        "SELECT DISTINCT ?s ?c WHERE { ?s a <http://www.w3.org/2004/02/skos/core#ConceptScheme> . ?c a <http://www.w3.org/ns/org#Organization> } ORDER BY ?s ?c LIMIT 3",
        "SELECT ?o ?l WHERE { ?o <http://www.w3.org/ns/org#hasMembership> [ <http://www.w3.org/ns/org#member> ?l ] } LIMIT 3",
    ] {
        let r = get(&s.url, &format!("/sparql?query={}", enc(q)), "text/csv");
        assert_eq!(r.status, 200, "{q}: {}", r.body);
    }
    assert_eq!(get(&s.url, &format!("/sparql?query={}", enc("ASK { ?s ?p ?o }")), "").status, 200);
}

#[test]
fn a_second_command_names_the_server_holding_the_store() {
    // A read-only server: reads work beside it (the store opens read-only), writes stop with
    // a message that names the server and how to go through it.
    let s = serve(&[], &[]);
    let store = s._store.path();
    assert!(store.join("igokg-serve.lock.json").exists());
    let out = igokg(store).args(["members", "CSTO", "--at", "2024-11-28", "--format", "csv"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("Armenia"));
    let out = igokg(store)
        .args(["add", "chairmanship", "--chair", "Tajikistan", "--organization", "CSTO", "--year", "2026"])
        .args(["--source", "https://example.org/x", "--quote", "q"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(err.contains("held by `igokg serve`") && err.contains(&s.url) && err.contains("--endpoint"), "{err}");
    assert!(!err.contains("backtrace") && !err.contains("RocksDB"), "{err}");

    // A server that allows updates: a read is not opened beside it either (it may be writing).
    let w = serve(&["--allow-update", "--token", "t0ken"], &[]);
    let out = igokg(w._store.path()).args(["members", "CSTO"]).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(err.contains("with updates allowed") && err.contains("push --endpoint"), "{err}");
    assert!(!err.contains("backtrace"), "{err}");
}

#[test]
fn python_clients_and_the_page_get_the_cli_answers() {
    let s = serve(&[], &[]);
    let expected = {
        // The CLI answer, from a copy of the store (the server holds the original).
        let copy = examples_store();
        cli_members_csv(copy.path())
    };
    let expected_names: Vec<String> = expected.iter().map(|r| r[1].clone()).collect();
    let py = r#"
import sys, json
from SPARQLWrapper import SPARQLWrapper, JSON
from rdflib.plugins.stores.sparqlstore import SPARQLStore
url, q = sys.argv[1], sys.stdin.read()
w = SPARQLWrapper(url); w.setQuery(q); w.setReturnFormat(JSON)
a = [b["name"]["value"] for b in w.query().convert()["results"]["bindings"]]
st = SPARQLStore(url)
b = [str(r.name) for r in st.query(q)]
print(json.dumps({"wrapper": a, "rdflib": b}))
"#;
    let mut child = Command::new("python3")
        .args(["-c", py, &format!("{}/sparql", s.url)])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(members_sparql().as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    for k in ["wrapper", "rdflib"] {
        let got: Vec<String> = v[k].as_array().unwrap().iter().map(|x| x.as_str().unwrap().to_owned()).collect();
        assert_eq!(got, expected_names, "{k}");
    }

    // The page in Chromium: the query editor runs the members query and shows the CLI's rows.
    let browser = Path::new("tests/browser");
    if !browser.join("node_modules").exists() {
        let ok = Command::new("npm").arg("ci").current_dir(browser).status().map(|s| s.success()).unwrap_or(false);
        assert!(ok, "npm ci in tests/browser failed");
    }
    let out =
        Command::new("node").arg("tests/browser/page.test.mjs").env("BASE_URL", &s.url).env("EXAMPLE", "no-such-example").output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}\n{}", String::from_utf8_lossy(&out.stderr));
    let summary: serde_json::Value = serde_json::from_str(stdout.lines().last().unwrap()).unwrap();
    assert_eq!(summary["ok"], true);
    // Without a date the graph shows the current state: the CLI's `members CSTO --at TODAY`.
    let today = chrono::Utc::now().format("%Y-%m-%d").to_string();
    let copy = examples_store();
    let out = igokg(copy.path()).args(["members", "CSTO", "--at", &today, "--format", "csv"]).output().unwrap();
    let now = csv_rows(&String::from_utf8(out.stdout).unwrap());
    assert_eq!(summary["graphNodes"].as_u64().unwrap(), now.len() as u64, "the graph shows the CLI members today: {summary}");
    assert!(summary["rows"].as_u64().unwrap() > 0, "{summary}");
}

/// The HTTP door of the hostile-input corpus (tests/hostile/http.jsonl): each bad request gets
/// its status and a message that says what is wrong, and the store is unchanged afterwards
/// (the whole dataset read back through the Graph Store before and after), on a server that
/// allows updates with a token.
#[test]
fn every_hostile_request_is_refused_and_changes_nothing() {
    #[derive(serde::Deserialize)]
    struct Case {
        id: String,
        method: String,
        path: String,
        headers: std::collections::BTreeMap<String, String>,
        body: Option<String>,
        body_hex: Option<String>,
        body_file: Option<String>,
        status: u16,
        expect: String,
    }
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/hostile");
    if !dir.join("files/rdf-huge-literal.nt").exists() {
        assert!(Command::new("python3").arg(dir.join("make_files.py")).status().unwrap().success());
    }
    let s = serve(&["--allow-update", "--token", "s3cret", "--max-body", "100000", "--timeout", "3", "--max-memory", "512"], &[]);
    let dump = || {
        let mut lines: Vec<String> = get(&s.url, "/store", "application/n-quads").body.lines().map(str::to_owned).collect();
        lines.sort();
        lines
    };
    let before = dump();
    assert!(before.len() > 1000);
    let cases: Vec<Case> =
        std::fs::read_to_string(dir.join("http.jsonl")).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let mut failures = Vec::new();
    for c in &cases {
        let body: Vec<u8> = match (&c.body, &c.body_hex, &c.body_file) {
            (Some(b), _, _) => b.clone().into_bytes(),
            (_, Some(h), _) => (0..h.len()).step_by(2).map(|i| u8::from_str_radix(&h[i..i + 2], 16).unwrap()).collect(),
            (_, _, Some(f)) => std::fs::read(dir.join("files").join(f)).unwrap(),
            _ => Vec::new(),
        };
        let headers: Vec<(&str, &str)> = c.headers.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        let r = http(&s.url, &c.method, &c.path, &headers, &body);
        if r.status != c.status || !r.body.contains(&c.expect) {
            failures.push(format!("{}: {} {}: expected {} with {:?}", c.id, r.status, r.body.trim(), c.status, c.expect));
        } else if r.status >= 400 && r.body.trim_end().contains('\n') {
            failures.push(format!("{}: the error is not one line: {}", c.id, r.body));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert_eq!(dump(), before, "the store changed");
    assert!(cases.len() >= 25);
}
