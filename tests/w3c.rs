//! The W3C conformance suites (`../shared/w3c/`, see its README) run through igokg as a user
//! runs it: every RDF 1.1 syntax test (N-Triples, N-Quads, Turtle, TriG, RDF/XML) through the
//! real `igokg load` binary, and the SPARQL 1.1 query evaluation and syntax tests through
//! `igokg query` and through `igokg serve` over HTTP. The manifests are read with Oxigraph.
//!
//! - RDF: each test loads into its own copy of a store made by `igokg init`. A negative test
//!   must be refused with the store unchanged (every quad compared); a positive one accepted;
//!   an evaluation test must add exactly the expected N-Triples/N-Quads, compared as
//!   isomorphic datasets (blank nodes canonicalised).
//! - SPARQL: one store per distinct data set, holding only the test data (in the default graph
//!   and the named graphs the test gives), queried with `--default-graph default`; results are
//!   compared as isomorphic result sets (in order when the query sorts).
//!
//! `tests/w3c/expected-failures.txt` lists, with a reason each, the tests igokg does not pass
//! as the suite says, and the tests that pass only under `load --lenient`. A listed test that
//! passes fails the run, so the list stays true. `IGOKG_W3C_REPORT=1` prints every result.
// The suites need the on-disk store (stores are made and read with Oxigraph's RocksDB).
#![cfg(feature = "rocksdb")]
// A test's own result is a Result; a broken harness (an unreadable file) panics.
#![allow(clippy::unwrap_in_result)]

mod common;

use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::dataset::CanonicalizationAlgorithm;
use oxigraph::model::vocab::rdf;
use oxigraph::model::{BlankNode, Dataset, Graph, GraphName, Literal, NamedNode, NamedOrBlankNode, Quad, Term, Triple};
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsParser, ReaderQueryResultsParserOutput};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Child, Command};
use std::sync::OnceLock;

const MF: &str = "http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#";
const QT: &str = "http://www.w3.org/2001/sw/DataAccess/tests/test-query#";
const RS: &str = "http://www.w3.org/2001/sw/DataAccess/tests/result-set#";

// ---------- the suites on disk ----------

/// `../shared/w3c` beside the repository; its absence fails the test with a clear message.
fn w3c() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/w3c");
    assert!(
        dir.join("rdf/rdf11").is_dir() && dir.join("sparql/sparql11").is_dir(),
        "the W3C test suites are missing: expected them in {} (CI copies shared/ beside the clone; see shared/w3c/README.md)",
        dir.display()
    );
    dir
}

fn nn(s: &str) -> NamedNode {
    NamedNode::new_unchecked(s)
}

/// The `file://` IRI of a path (the suites' paths need no escaping but spaces).
fn file_iri(p: &Path) -> String {
    let abs = std::fs::canonicalize(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
    format!("file://{}", abs.to_str().unwrap().replace(' ', "%20"))
}

fn iri_path(iri: &str) -> PathBuf {
    PathBuf::from(iri.strip_prefix("file://").unwrap_or_else(|| panic!("not a file IRI: {iri}")).replace("%20", " "))
}

/// A manifest as a graph.
fn read_graph(path: &Path, base: &str) -> Graph {
    let text = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut g = Graph::new();
    for t in RdfParser::from_format(RdfFormat::Turtle).with_base_iri(base).unwrap().for_slice(&text) {
        g.insert(&Triple::from(t.unwrap_or_else(|e| panic!("{}: {e}", path.display()))));
    }
    g
}

fn object(g: &Graph, s: &NamedOrBlankNode, p: &str) -> Option<Term> {
    g.object_for_subject_predicate(s, &nn(p)).map(|t| t.into_owned())
}

fn objects(g: &Graph, s: &NamedOrBlankNode, p: &str) -> Vec<Term> {
    g.objects_for_subject_predicate(s, &nn(p)).map(|t| t.into_owned()).collect()
}

fn list(g: &Graph, head: Term) -> Vec<Term> {
    let mut out = Vec::new();
    let mut cur = head;
    while cur != Term::from(rdf::NIL.into_owned()) {
        let node = match &cur {
            Term::NamedNode(n) => NamedOrBlankNode::from(n.clone()),
            Term::BlankNode(b) => NamedOrBlankNode::from(b.clone()),
            _ => panic!("a list ends in a literal"),
        };
        out.push(object(g, &node, rdf::FIRST.as_str()).expect("rdf:first"));
        cur = object(g, &node, rdf::REST.as_str()).expect("rdf:rest");
    }
    out
}

fn as_node(t: &Term) -> NamedOrBlankNode {
    match t {
        Term::NamedNode(n) => n.clone().into(),
        Term::BlankNode(b) => b.clone().into(),
        _ => panic!("{t} is not a node"),
    }
}

fn iri_of(t: &Term) -> String {
    match t {
        Term::NamedNode(n) => n.as_str().to_owned(),
        _ => panic!("{t} is not an IRI"),
    }
}

/// One test of a manifest.
#[derive(Debug, Clone)]
struct Test {
    /// `suite#name`, as in expected-failures.txt.
    id: String,
    kind: String,
    action: Option<Term>,
    result: Option<String>,
    graph: Graph,
}

/// The tests a manifest lists in `mf:entries`, in order, and the manifests it includes.
fn manifest_tests(path: &Path, base: &str, suite: &str) -> Vec<Test> {
    let g = read_graph(path, base);
    let me = NamedOrBlankNode::from(nn(base));
    let mut out = Vec::new();
    if let Some(inc) = object(&g, &me, &format!("{MF}include")) {
        for m in list(&g, inc) {
            let iri = iri_of(&m);
            let p = iri_path(&iri);
            let name = p.parent().unwrap().file_name().unwrap().to_string_lossy().into_owned();
            out.extend(manifest_tests(&p, &iri, &name));
        }
    }
    let Some(entries) = object(&g, &me, &format!("{MF}entries")) else { return out };
    for e in list(&g, entries) {
        let node = as_node(&e);
        let name = match &e {
            Term::NamedNode(n) => n.as_str().rsplit(['#', '/']).next().unwrap().to_owned(),
            _ => object(&g, &node, &format!("{MF}name")).map(|t| t.to_string()).unwrap_or_default(),
        };
        let kind = object(&g, &node, rdf::TYPE.as_str()).map(|t| iri_of(&t)).unwrap_or_default();
        let kind = kind.rsplit(['#', '/']).next().unwrap().to_owned();
        let action = object(&g, &node, &format!("{MF}action"));
        let result = object(&g, &node, &format!("{MF}result")).map(|t| iri_of(&t));
        out.push(Test { id: format!("{suite}#{name}"), kind, action, result, graph: g.clone() });
    }
    out
}

// ---------- expected failures ----------

/// `tests/w3c/expected-failures.txt`: `WHERE SUITE#TEST: reason` lines, WHERE being `load`,
/// `lenient` (passes under `load --lenient` only), `query` or `serve`.
fn expected_failures() -> &'static BTreeMap<(String, String), String> {
    static LIST: OnceLock<BTreeMap<(String, String), String>> = OnceLock::new();
    LIST.get_or_init(|| {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/w3c/expected-failures.txt");
        let text = std::fs::read_to_string(&path).unwrap();
        let mut m = BTreeMap::new();
        for (n, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (head, reason) = line.split_once(": ").unwrap_or_else(|| panic!("{}:{}: no ': reason'", path.display(), n + 1));
            let (place, id) = head.split_once(' ').unwrap_or_else(|| panic!("{}:{}: 'WHERE SUITE#TEST: reason'", path.display(), n + 1));
            assert!(
                ["load", "lenient", "query", "serve"].contains(&place),
                "{}:{}: {place} is not load, lenient, query or serve",
                path.display(),
                n + 1
            );
            assert!(!reason.trim().is_empty(), "{}:{}: give the reason", path.display(), n + 1);
            m.insert((place.to_owned(), id.trim().to_owned()), reason.trim().to_owned());
        }
        m
    })
}

fn expected_to_fail(place: &str, id: &str) -> bool {
    expected_failures().contains_key(&(place.to_owned(), id.to_owned()))
}

/// Tallies results, and fails on a test that fails unlisted or passes listed.
struct Tally {
    place: &'static str,
    passed: usize,
    failed: Vec<(String, String)>,
    unexpected: Vec<String>,
}

impl Tally {
    fn new(place: &'static str) -> Self {
        Self { place, passed: 0, failed: Vec::new(), unexpected: Vec::new() }
    }

    fn record(&mut self, id: &str, outcome: Result<(), String>) {
        let listed = expected_to_fail(self.place, id);
        if std::env::var_os("IGOKG_W3C_REPORT").is_some() {
            eprintln!("{} {id}: {}", self.place, outcome.as_ref().err().map_or("ok", |s| s.as_str()));
        }
        match (outcome, listed) {
            (Ok(()), false) => self.passed += 1,
            (Ok(()), true) => {
                self.passed += 1;
                self.unexpected
                    .push(format!("{id} passes but is listed in expected-failures.txt as `{} {id}`: remove the line", self.place));
            }
            (Err(e), true) => self.failed.push((id.to_owned(), e)),
            (Err(e), false) => {
                self.unexpected.push(format!("{id}: {e}"));
                self.failed.push((id.to_owned(), e));
            }
        }
    }

    fn finish(self, what: &str) {
        let total = self.passed + self.failed.len();
        eprintln!("{what}: {} of {total} passed ({} listed as expected failures)", self.passed, self.failed.len());
        assert!(total > 0, "{what}: no test ran");
        assert!(self.unexpected.is_empty(), "{what}: {} unexpected result(s):\n{}", self.unexpected.len(), self.unexpected.join("\n"));
    }
}

// ---------- datasets ----------

fn dataset_of(quads: impl IntoIterator<Item = Quad>) -> Dataset {
    let mut d = Dataset::new();
    for q in quads {
        d.insert(&q);
    }
    d
}

fn canonical(mut d: Dataset) -> Dataset {
    d.canonicalize(CanonicalizationAlgorithm::Unstable);
    d
}

fn isomorphic(a: Dataset, b: Dataset) -> bool {
    a.len() == b.len() && canonical(a) == canonical(b)
}

fn show(d: &Dataset) -> String {
    let mut v: Vec<String> = d.iter().map(|q| q.to_string()).collect();
    v.sort();
    v.truncate(30);
    v.join("\n")
}

/// Every quad of a store folder, read with Oxigraph itself (read-only).
fn store_quads(dir: &Path) -> Vec<Quad> {
    let st = oxigraph::store::Store::open_read_only(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    st.iter().map(|q| q.unwrap()).collect()
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap().flatten() {
        if e.file_type().unwrap().is_file() {
            std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
        }
    }
}

// ---------- RDF syntax suites through `igokg load` ----------

/// A store made by `igokg init`, and its quads (made once per test process).
struct Template {
    dir: tempfile::TempDir,
    quads: std::collections::HashSet<Quad>,
}

fn template() -> &'static Template {
    static T: OnceLock<Template> = OnceLock::new();
    T.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let out = common::igokg(dir.path()).arg("init").output().unwrap();
        assert!(out.status.success(), "init: {}", String::from_utf8_lossy(&out.stderr));
        // Opened for writing once more, so that RocksDB has flushed its log: each copy then
        // opens at once instead of replaying it.
        let empty = tempfile::Builder::new().suffix(".nt").tempfile().unwrap();
        let out = common::igokg(dir.path()).arg("load").arg(empty.path()).args(["--graph", "default"]).output().unwrap();
        assert!(out.status.success(), "load: {}", String::from_utf8_lossy(&out.stderr));
        let quads = store_quads(dir.path()).into_iter().collect();
        Template { dir, quads }
    })
}

fn rdf_format(path: &Path) -> RdfFormat {
    match path.extension().and_then(|e| e.to_str()) {
        Some("nt") => RdfFormat::NTriples,
        Some("nq") => RdfFormat::NQuads,
        Some("ttl") => RdfFormat::Turtle,
        Some("trig") => RdfFormat::TriG,
        Some("rdf") => RdfFormat::RdfXml,
        other => panic!("{}: unknown extension {other:?}", path.display()),
    }
}

fn run_rdf_test(t: &Test, dir: &Path, base: &str, lenient: bool) -> Result<(), String> {
    let action = iri_of(t.action.as_ref().ok_or("no mf:action")?);
    let rel = action.strip_prefix(base).ok_or_else(|| format!("{action} is not under {base}"))?;
    let file = dir.join(rel);
    let tpl = template();
    let store = tempfile::tempdir().unwrap();
    copy_dir(tpl.dir.path(), store.path());
    let mut cmd = common::igokg(store.path());
    cmd.args(["load", "--graph", "default", "--base", &action]).arg(&file);
    if lenient {
        cmd.arg("--lenient");
    }
    let out = cmd.output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    if stderr.contains("panicked") {
        return Err(format!("igokg panicked: {stderr}"));
    }
    let negative = t.kind.contains("Negative");
    if negative {
        if out.status.success() {
            return Err(format!("a bad file was accepted: {}", stderr.trim()));
        }
        if !stderr.contains(&file.to_string_lossy().into_owned()) && !stderr.contains(rel) {
            return Err(format!("the refusal does not name the file: {}", stderr.trim()));
        }
        let after = store_quads(store.path());
        if after.len() != tpl.quads.len() || !after.iter().all(|q| tpl.quads.contains(q)) {
            return Err("the store changed after a refused load".into());
        }
        return Ok(());
    }
    if !out.status.success() {
        return Err(format!("a valid file was refused: {}", stderr.trim()));
    }
    if lenient && !stderr.contains("ill-typed") {
        return Err(format!("--lenient kept an ill-typed literal without a warning: {}", stderr.trim()));
    }
    if !t.kind.contains("Eval") {
        return Ok(());
    }
    let expected_iri = t.result.as_ref().ok_or("no mf:result")?;
    let expected_file = dir.join(expected_iri.strip_prefix(base).ok_or("result outside the suite")?);
    let text = std::fs::read(&expected_file).unwrap();
    let expected: Vec<Quad> = RdfParser::from_format(rdf_format(&expected_file))
        .with_base_iri(expected_iri)
        .unwrap()
        .for_slice(&text)
        .collect::<Result<_, _>>()
        .map_err(|e| format!("the expected file does not parse: {e}"))?;
    let added = dataset_of(store_quads(store.path()).into_iter().filter(|q| !tpl.quads.contains(q)));
    let expected = dataset_of(expected);
    if isomorphic(added.clone(), expected.clone()) {
        Ok(())
    } else {
        Err(format!("the store holds\n{}\nand the suite expects\n{}", show(&added), show(&expected)))
    }
}

fn rdf_suite(folder: &str, default_base: &str) {
    let dir = w3c().join("rdf/rdf11").join(folder);
    let manifest = dir.join("manifest.ttl");
    // The suite's own base (mf:assumedTestBase), so that expected files match.
    let probe = read_graph(&manifest, &format!("{default_base}manifest.ttl"));
    let base = probe
        .triples_for_predicate(&nn(&format!("{MF}assumedTestBase")))
        .next()
        .map(|t| iri_of(&t.object.into_owned()))
        .unwrap_or_else(|| default_base.to_owned());
    let tests = manifest_tests(&manifest, &format!("{base}manifest.ttl"), folder);
    let mut tally = Tally::new("load");
    for t in &tests {
        if !t.kind.starts_with("Test") {
            continue;
        }
        let outcome = if expected_to_fail("lenient", &t.id) {
            // Valid RDF with an ill-typed literal: refused by default, naming the literal and
            // the way out; accepted (counted, warned) with --lenient.
            match run_rdf_test(t, &dir, &base, false) {
                Ok(()) => Err("accepted without --lenient: an ill-typed literal is no longer refused".to_owned()),
                Err(e) if e.contains("--lenient") => run_rdf_test(t, &dir, &base, true).map_err(|e| format!("with --lenient: {e}")),
                Err(e) => Err(format!("refused, but not as an ill-typed literal: {e}")),
            }
        } else {
            run_rdf_test(t, &dir, &base, false)
        };
        tally.record(&t.id, outcome);
    }
    tally.finish(&format!("RDF {folder} through igokg load"));
}

#[test]
fn w3c_n_triples_suite_through_load() {
    rdf_suite("rdf-n-triples", "https://w3c.github.io/rdf-tests/rdf/rdf11/rdf-n-triples/");
}

#[test]
fn w3c_n_quads_suite_through_load() {
    rdf_suite("rdf-n-quads", "https://w3c.github.io/rdf-tests/rdf/rdf11/rdf-n-quads/");
}

#[test]
fn w3c_turtle_suite_through_load() {
    rdf_suite("rdf-turtle", "https://w3c.github.io/rdf-tests/rdf/rdf11/rdf-turtle/");
}

#[test]
fn w3c_trig_suite_through_load() {
    rdf_suite("rdf-trig", "https://w3c.github.io/rdf-tests/rdf/rdf11/rdf-trig/");
}

#[test]
fn w3c_rdf_xml_suite_through_load() {
    rdf_suite("rdf-xml", "https://w3c.github.io/rdf-tests/rdf/rdf11/rdf-xml/");
}

// ---------- SPARQL 1.1 query suites ----------

/// The default-graph files and the named-graph files of a test, sorted.
type DatasetKey = (Vec<String>, Vec<String>);

/// A SPARQL test ready to run.
#[derive(Debug, Clone)]
struct SparqlTest {
    id: String,
    kind: String,
    query: PathBuf,
    /// Default-graph files and named-graph files (as IRIs).
    data: Vec<String>,
    graph_data: Vec<String>,
    result: Option<PathBuf>,
}

impl SparqlTest {
    fn is_syntax(&self) -> bool {
        self.kind.contains("Syntax")
    }

    fn is_negative(&self) -> bool {
        self.kind.contains("Negative")
    }

    /// CONSTRUCT and DESCRIBE answer graphs.
    fn graph_result(&self) -> bool {
        let text = std::fs::read_to_string(&self.query).unwrap_or_default();
        let parsed = spargebra::SparqlParser::new().with_base_iri(file_iri(&self.query)).unwrap().parse_query(&text);
        matches!(parsed, Ok(spargebra::Query::Construct { .. } | spargebra::Query::Describe { .. }))
    }

    fn dataset_key(&self) -> DatasetKey {
        let (mut d, mut g) = (self.data.clone(), self.graph_data.clone());
        d.sort();
        g.sort();
        (d, g)
    }
}

fn sparql_tests() -> Vec<SparqlTest> {
    let manifest = w3c().join("sparql/sparql11/manifest-sparql11-query.ttl");
    let tests = manifest_tests(&manifest, &file_iri(&manifest), "sparql11");
    let mut out = Vec::new();
    for t in tests {
        let kind = t.kind.clone();
        if !["QueryEvaluationTest", "PositiveSyntaxTest11", "NegativeSyntaxTest11"].contains(&kind.as_str()) {
            continue;
        }
        let action = t.action.clone().expect("mf:action");
        let (query, data, graph_data) = match &action {
            Term::NamedNode(n) => (iri_path(n.as_str()), vec![], vec![]),
            other => {
                let node = as_node(other);
                let q = object(&t.graph, &node, &format!("{QT}query")).expect("qt:query");
                let data = objects(&t.graph, &node, &format!("{QT}data")).iter().map(iri_of).collect();
                let gd = objects(&t.graph, &node, &format!("{QT}graphData")).iter().map(iri_of).collect();
                (iri_path(&iri_of(&q)), data, gd)
            }
        };
        out.push(SparqlTest { id: t.id.clone(), kind, query, data, graph_data, result: t.result.as_deref().map(iri_path) });
    }
    out
}

/// Makes a store holding only these files (default graph, and named graphs named by their
/// IRIs), with Oxigraph itself: the test data, and nothing of igokg's.
fn data_store(data: &[String], graph_data: &[String]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let st = oxigraph::store::Store::open(dir.path()).unwrap();
    for (files, named) in [(data, false), (graph_data, true)] {
        for iri in files {
            let path = iri_path(iri);
            let text = std::fs::read(&path).unwrap();
            let mut parser = RdfParser::from_format(rdf_format(&path)).with_base_iri(iri).unwrap();
            if named {
                parser = parser.with_default_graph(nn(iri));
            }
            for q in parser.for_slice(&text) {
                st.insert(&q.unwrap_or_else(|e| panic!("{iri}: {e}"))).unwrap();
            }
        }
    }
    drop(st);
    dir
}

/// Results in a comparable form: a boolean, a graph, or solutions encoded as an RDF graph of
/// the result-set vocabulary (with rs:index when order matters), so that blank nodes are
/// compared by isomorphism.
#[derive(Debug)]
enum Answer {
    Boolean(bool),
    Graph(Dataset),
    /// Solutions with blank nodes, as a graph.
    Solutions(Dataset),
    /// Solutions without blank nodes: one line per row (sorted unless the order matters).
    Rows(Vec<String>),
}

fn solutions_graph(vars: &[String], rows: Vec<Vec<(String, Term)>>, ordered: bool) -> Answer {
    if !rows.iter().flatten().any(|(_, t)| matches!(t, Term::BlankNode(_))) {
        let mut lines: Vec<String> = rows
            .iter()
            .map(|row| {
                let mut cells: Vec<String> = row.iter().map(|(v, t)| format!("{v}={t}")).collect();
                cells.sort();
                cells.join(" ")
            })
            .collect();
        if !ordered {
            lines.sort();
        }
        return Answer::Rows(lines);
    }
    let mut d = Dataset::new();
    let rs = BlankNode::default();
    let add = |d: &mut Dataset, s: NamedOrBlankNode, p: &str, o: Term| {
        d.insert(&Quad::new(s, nn(p), o, GraphName::DefaultGraph));
    };
    for v in vars {
        add(&mut d, rs.clone().into(), &format!("{RS}resultVariable"), Literal::from(v.as_str()).into());
    }
    for (i, row) in rows.into_iter().enumerate() {
        let sol = BlankNode::default();
        add(&mut d, rs.clone().into(), &format!("{RS}solution"), sol.clone().into());
        if ordered {
            add(&mut d, sol.clone().into(), &format!("{RS}index"), Literal::from(i as i64).into());
        }
        for (v, t) in row {
            let b = BlankNode::default();
            add(&mut d, sol.clone().into(), &format!("{RS}binding"), b.clone().into());
            add(&mut d, b.clone().into(), &format!("{RS}variable"), Literal::from(v.as_str()).into());
            add(&mut d, b.into(), &format!("{RS}value"), t);
        }
    }
    Answer::Solutions(d)
}

fn parse_results(bytes: &[u8], format: QueryResultsFormat, ordered: bool) -> Result<Answer, String> {
    match QueryResultsParser::from_format(format).for_reader(bytes).map_err(|e| e.to_string())? {
        ReaderQueryResultsParserOutput::Boolean(b) => Ok(Answer::Boolean(b)),
        ReaderQueryResultsParserOutput::Solutions(s) => {
            let vars: Vec<String> = s.variables().iter().map(|v| v.as_str().to_owned()).collect();
            let mut rows = Vec::new();
            for sol in s {
                let sol = sol.map_err(|e| e.to_string())?;
                rows.push(sol.iter().map(|(v, t)| (v.as_str().to_owned(), t.clone())).collect());
            }
            Ok(solutions_graph(&vars, rows, ordered))
        }
    }
}

fn parse_graph_answer(bytes: &[u8], format: RdfFormat, base: Option<&str>) -> Result<Answer, String> {
    let mut p = RdfParser::from_format(format);
    if let Some(b) = base {
        p = p.with_base_iri(b).map_err(|e| e.to_string())?;
    }
    let quads: Vec<Quad> = p.for_slice(bytes).collect::<Result<_, _>>().map_err(|e| e.to_string())?;
    Ok(Answer::Graph(dataset_of(quads.into_iter().map(|q| Quad::new(q.subject, q.predicate, q.object, GraphName::DefaultGraph)))))
}

fn expected_answer(t: &SparqlTest, ordered: bool) -> Result<Answer, String> {
    let path = t.result.as_ref().ok_or("no mf:result")?;
    let bytes = std::fs::read(path).map_err(|e| e.to_string())?;
    match path.extension().and_then(|e| e.to_str()) {
        Some("srx") => parse_results(&bytes, QueryResultsFormat::Xml, ordered),
        Some("srj") => parse_results(&bytes, QueryResultsFormat::Json, ordered),
        Some("tsv") => parse_results(&bytes, QueryResultsFormat::Tsv, ordered),
        Some("csv") => parse_results(&bytes, QueryResultsFormat::Csv, ordered),
        Some(_) => {
            // A result set written as RDF (rs:ResultSet), or a CONSTRUCT/DESCRIBE graph.
            let format = rdf_format(path);
            let Answer::Graph(d) = parse_graph_answer(&bytes, format, Some(&file_iri(path)))? else { unreachable!() };
            let has_rs = d.iter().any(|q| q.object.to_string() == format!("<{RS}ResultSet>"));
            if !has_rs || t.graph_result() {
                return Ok(Answer::Graph(d));
            }
            rs_graph_answer(d, ordered)
        }
        None => Err(format!("{}: no extension", path.display())),
    }
}

/// An expected result set written in the rs: vocabulary, turned into the same encoding.
fn rs_graph_answer(d: Dataset, ordered: bool) -> Result<Answer, String> {
    let g: Graph = d.iter().map(|q| Triple::new(q.subject.into_owned(), q.predicate.into_owned(), q.object.into_owned())).collect();
    let rs_type = nn(&format!("{RS}ResultSet"));
    let set = g.subjects_for_predicate_object(rdf::TYPE, &rs_type).next().ok_or("no rs:ResultSet")?.into_owned();
    if let Some(b) = object(&g, &set, &format!("{RS}boolean")) {
        return Ok(Answer::Boolean(matches!(&b, Term::Literal(l) if l.value() == "true")));
    }
    let vars: Vec<String> = objects(&g, &set, &format!("{RS}resultVariable"))
        .into_iter()
        .map(|t| match t {
            Term::Literal(l) => l.value().to_owned(),
            t => t.to_string(),
        })
        .collect();
    let mut rows: Vec<(i64, Vec<(String, Term)>)> = Vec::new();
    for s in objects(&g, &set, &format!("{RS}solution")) {
        let s = as_node(&s);
        let index = object(&g, &s, &format!("{RS}index")).and_then(|t| match t {
            Term::Literal(l) => l.value().parse().ok(),
            _ => None,
        });
        let mut row = Vec::new();
        for b in objects(&g, &s, &format!("{RS}binding")) {
            let b = as_node(&b);
            let var = match object(&g, &b, &format!("{RS}variable")) {
                Some(Term::Literal(l)) => l.value().to_owned(),
                other => return Err(format!("binding without a variable: {other:?}")),
            };
            row.push((var, object(&g, &b, &format!("{RS}value")).ok_or("binding without a value")?));
        }
        rows.push((index.unwrap_or(0), row));
    }
    rows.sort_by_key(|(i, _)| *i);
    Ok(solutions_graph(&vars, rows.into_iter().map(|(_, r)| r).collect(), ordered))
}

/// Does the query's answer come in a defined order (ORDER BY at its top)?
fn is_ordered(query_text: &str, base: &str) -> bool {
    use spargebra::algebra::GraphPattern;
    let Ok(q) = spargebra::SparqlParser::new().with_base_iri(base).unwrap().parse_query(query_text) else { return false };
    let mut p = match &q {
        spargebra::Query::Select { pattern, .. } => pattern,
        _ => return false,
    };
    loop {
        p = match p {
            GraphPattern::Project { inner, .. } | GraphPattern::Distinct { inner } | GraphPattern::Reduced { inner } => inner,
            GraphPattern::Slice { inner, .. } => inner,
            GraphPattern::OrderBy { .. } => return true,
            _ => return false,
        }
    }
}

fn compare(expected: Answer, actual: Answer) -> Result<(), String> {
    match (expected, actual) {
        (Answer::Boolean(a), Answer::Boolean(b)) if a == b => Ok(()),
        (Answer::Graph(a), Answer::Graph(b)) | (Answer::Solutions(a), Answer::Solutions(b)) => {
            if isomorphic(a.clone(), b.clone()) {
                Ok(())
            } else {
                Err(format!("expected\n{}\ngot\n{}", show(&a), show(&b)))
            }
        }
        (Answer::Rows(a), Answer::Rows(b)) => {
            if a == b {
                Ok(())
            } else {
                let missing: Vec<&String> = a.iter().filter(|r| !b.contains(r)).take(10).collect();
                let extra: Vec<&String> = b.iter().filter(|r| !a.contains(r)).take(10).collect();
                Err(format!("{} rows expected, {} got; missing {missing:?}; unexpected {extra:?}", a.len(), b.len()))
            }
        }
        (a, b) => Err(format!("expected {a:?}, got {b:?}")),
    }
}

/// One evaluation or syntax test through `igokg query` on the test's store.
fn run_query_test(t: &SparqlTest, store: &Path) -> Result<(), String> {
    let mut cmd = common::igokg(store);
    cmd.args(["query", "--default-graph", "default", "--timeout", "60", "--file"]).arg(&t.query);
    cmd.args(["--format", if t.graph_result() { "nt" } else { "json" }]);
    let out = cmd.output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    if stderr.contains("panicked") {
        return Err(format!("igokg panicked: {stderr}"));
    }
    if t.is_syntax() {
        return match (t.is_negative(), out.status.success()) {
            (false, true) => Ok(()),
            (false, false) => Err(format!("a valid query was refused: {}", stderr.trim())),
            (true, true) => Err("an invalid query was accepted".into()),
            (true, false) if stderr.contains("invalid SPARQL") => Ok(()),
            (true, false) => Err(format!("refused, but not as invalid SPARQL: {}", stderr.trim())),
        };
    }
    if !out.status.success() {
        return Err(format!("the query failed: {}", stderr.trim()));
    }
    let text = std::fs::read_to_string(&t.query).unwrap();
    let ordered = is_ordered(&text, &file_iri(&t.query));
    let actual = if t.graph_result() {
        parse_graph_answer(&out.stdout, RdfFormat::NTriples, None)?
    } else {
        parse_results(&out.stdout, QueryResultsFormat::Json, ordered)?
    };
    compare(expected_answer(t, ordered)?, actual)
}

/// The query suites, grouped by data set (one store each).
fn by_dataset(tests: &[SparqlTest]) -> Vec<(DatasetKey, Vec<&SparqlTest>)> {
    let mut groups: BTreeMap<DatasetKey, Vec<&SparqlTest>> = BTreeMap::new();
    for t in tests {
        groups.entry(if t.is_syntax() { (vec![], vec![]) } else { t.dataset_key() }).or_default().push(t);
    }
    groups.into_iter().collect()
}

#[test]
fn w3c_sparql_query_suites_through_igokg_query() {
    let tests = sparql_tests();
    let mut tally = Tally::new("query");
    for ((data, graph_data), group) in by_dataset(&tests) {
        let store = data_store(&data, &graph_data);
        for t in group {
            tally.record(&t.id, run_query_test(t, store.path()));
        }
    }
    tally.finish("SPARQL 1.1 query and syntax tests through igokg query");
}

// ---------- the same through `igokg serve` ----------

struct Server {
    child: Child,
    url: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn serve(store: &Path) -> Server {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_igokg"));
    cmd.arg("--store")
        .arg(store)
        .args(["serve", "--bind", "127.0.0.1:0", "--default-graph", "default", "--threads", "2", "--timeout", "60"])
        .env_remove("IGOKG_STORE")
        .env_remove("IGOKG_TOKEN");
    let (child, url, _) = common::start_server(&mut cmd);
    Server { child, url }
}

/// One test over the SPARQL 1.1 Protocol: the query POSTed as a form, with a `BASE` of the
/// query file's IRI first (a protocol request has no base of its own).
fn run_serve_test(t: &SparqlTest, agent: &ureq::Agent, url: &str) -> Result<(), String> {
    let text = std::fs::read_to_string(&t.query).unwrap();
    let base = file_iri(&t.query);
    let body = format!("BASE <{base}>\n{text}");
    let accept = if t.graph_result() { "application/n-triples" } else { "application/sparql-results+json" };
    let resp = agent.post(&format!("{url}/sparql")).header("Accept", accept).send_form([("query", body.as_str())]);
    let mut resp = resp.map_err(|e| format!("no answer: {e}"))?;
    let status = resp.status().as_u16();
    let bytes = resp.body_mut().with_config().limit(64 << 20).read_to_vec().map_err(|e| e.to_string())?;
    if t.is_syntax() {
        return match (t.is_negative(), status) {
            (false, 200) => Ok(()),
            (false, s) => Err(format!("a valid query was refused ({s}): {}", String::from_utf8_lossy(&bytes))),
            (true, 400) => Ok(()),
            (true, s) => Err(format!("an invalid query answered {s}")),
        };
    }
    if status != 200 {
        return Err(format!("HTTP {status}: {}", String::from_utf8_lossy(&bytes).trim()));
    }
    let ordered = is_ordered(&text, &base);
    let actual = if t.graph_result() {
        parse_graph_answer(&bytes, RdfFormat::NTriples, None)?
    } else {
        parse_results(&bytes, QueryResultsFormat::Json, ordered)?
    };
    compare(expected_answer(t, ordered)?, actual)
}

#[test]
fn w3c_sparql_query_suites_through_igokg_serve() {
    let tests = sparql_tests();
    let agent: ureq::Agent =
        ureq::Agent::config_builder().http_status_as_error(false).timeout_global(Some(std::time::Duration::from_secs(120))).build().into();
    let mut tally = Tally::new("serve");
    for ((data, graph_data), group) in by_dataset(&tests) {
        let store = data_store(&data, &graph_data);
        let server = serve(store.path());
        for t in group {
            tally.record(&t.id, run_serve_test(t, &agent, &server.url));
        }
        drop(server);
    }
    tally.finish("SPARQL 1.1 query and syntax tests through igokg serve");
}

// ---------- the dataset choice on a store made by `init` ----------

/// With `--default-graph default`, a store made by `init` answers like an empty store for data
/// in the default graph: agg01 counts the test's 5 objects, not igokg's reference data too;
/// the reference data stay reachable in their named graphs.
#[test]
fn an_init_store_with_the_standard_default_graph_answers_like_an_empty_store() {
    let dir = w3c().join("sparql/sparql11/aggregates");
    let store = tempfile::tempdir().unwrap();
    let out = common::igokg(store.path()).arg("load").args(["--graph", "default"]).arg(dir.join("agg01.ttl")).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let count = |mode: &str, q: &str| -> i64 {
        let out = common::igokg(store.path()).args(["query", "--default-graph", mode, "--format", "tsv", q]).output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let text = String::from_utf8_lossy(&out.stdout).into_owned();
        let cell = text.lines().nth(1).unwrap_or_default().trim().to_owned();
        let value = cell.split("\"").nth(1).map_or(cell.clone(), str::to_owned);
        value.parse().unwrap_or_else(|_| panic!("{text}"))
    };
    let agg01 = std::fs::read_to_string(dir.join("agg01.rq")).unwrap();
    assert_eq!(count("default", &agg01), 5, "the default graph holds more than the loaded data");
    assert!(count("union", &agg01) > 9_000, "the union no longer holds the reference data");
    let ontology = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <https://w3id.org/igokg/graph/ontology> { ?s ?p ?o } }";
    assert!(count("default", ontology) > 100, "the ontology is no longer reachable with GRAPH");
    let named = "SELECT (COUNT(*) AS ?n) FROM NAMED <https://w3id.org/igokg/graph/entities> WHERE { GRAPH ?g { ?s ?p ?o } }";
    assert!(count("default", named) > 1_000, "the entities are no longer reachable with FROM NAMED");
}

// ---------- the base IRI and literals at the doors ----------

#[test]
fn load_resolves_relative_iris_against_the_files_own_iri_or_base() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("rel.ttl");
    std::fs::write(&file, "<s> <p> \"2.2340000000000000005\"^^<http://www.w3.org/2001/XMLSchema#decimal> .\n").unwrap();
    let store = tempfile::tempdir().unwrap();
    let out = common::igokg(store.path()).args(["load", "--graph", "https://example.org/g"]).arg(&file).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let out = common::igokg(store.path())
        .args(["load", "--graph", "https://example.org/h", "--base", "http://example.org/doc"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let quads = store_quads(store.path());
    let subject_in = |g: &str| quads.iter().find(|q| q.graph_name.to_string() == format!("<{g}>")).map(|q| q.subject.to_string());
    assert_eq!(subject_in("https://example.org/g"), Some(format!("<{}>", file_iri(dir.path()) + "/s")));
    assert_eq!(subject_in("https://example.org/h"), Some("<http://example.org/s>".to_owned()));
    // stdin has no base: the refusal says so, and writes nothing.
    let before = store_quads(store.path()).len();
    let out = common::igokg(store.path()).args(["load", "--format", "ttl", "-"]).write_stdin("<s> <p> <o> .\n").output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success() && err.contains("stdin") && err.contains("--base"), "{err}");
    assert_eq!(store_quads(store.path()).len(), before);
}

#[test]
fn ill_typed_literals_are_refused_with_their_line_and_kept_with_lenient() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("ill.ttl");
    std::fs::write(&file, "<http://a> <http://b> 1 .\n<http://a> <http://b> \"flargh\"^^<http://www.w3.org/2001/XMLSchema#integer> .\n")
        .unwrap();
    let store = tempfile::tempdir().unwrap();
    let out = common::igokg(store.path()).arg("load").arg(&file).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{err}");
    assert!(err.contains("ill.ttl:2") && err.contains("flargh") && err.contains("--lenient"), "{err}");
    let out = common::igokg(store.path()).args(["load", "--lenient"]).arg(&file).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("kept 1 ill-typed literal") && err.contains("flargh"), "{err}");
}

#[test]
fn query_takes_a_base_and_says_when_a_relative_iri_has_none() {
    let store = tempfile::tempdir().unwrap();
    assert!(common::igokg(store.path()).arg("init").output().unwrap().status.success());
    let out = common::igokg(store.path()).args(["query", "SELECT * WHERE { <s> ?p ?o }"]).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("relative IRI <s>") && err.contains("--base"), "{err}");
    let out = common::igokg(store.path())
        .args(["query", "--base", "http://example.org/d/", "--format", "csv", "SELECT (IRI(\"x\") AS ?i) WHERE {}"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("http://example.org/d/x"), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn sparql_errors_name_the_unknown_prefix_the_misspelt_form_and_where_updates_go() {
    let store = tempfile::tempdir().unwrap();
    assert!(common::igokg(store.path()).arg("init").output().unwrap().status.success());
    let err = |q: &str| {
        let out = common::igokg(store.path()).args(["query", q]).output().unwrap();
        assert!(!out.status.success());
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    let e = err("SELECT ?m WHERE { ?m foo:memberOf igoid:Q318693 }");
    assert!(e.contains("unknown prefix 'foo:'") && e.contains("org:"), "{e}");
    let e = err("SELEC ?m WHERE { ?m ?p ?o }");
    assert!(e.contains("SELEC") && e.contains("SELECT"), "{e}");
    let e = err("INSERT DATA { igoid:Q1 rdfs:label \"x\" }");
    assert!(e.contains("serve --allow-update") && e.contains("igokg add") && e.contains("igokg load"), "{e}");
}
