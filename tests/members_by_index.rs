//! `members ORG [--at DATE]` answered from the quad index (`igokg::by_index`, what a read-only
//! store does) against the SPARQL it stands for (`query::members` in its as-of-bounds form),
//! row for row and term for term (language tags included): on the bundled examples and on the
//! COW import merged with them, for every organisation with memberships, with and without
//! `--at`, inside and outside the data's coverage, in languages with and without labels; and
//! through the real binary.

mod common;
use common::{cow_table, examples, igokg};
use igokg::format::Format;
use igokg::model::PartialDate;
use igokg::query::{self, AsOf};
use oxigraph::model::{NamedNode, Term};
use oxigraph::sparql::QueryResults;
use std::path::Path;

type Table = Vec<Vec<Option<Term>>>;

/// The variables, then each solution's terms in their order.
fn table(results: QueryResults<'_>) -> Table {
    let QueryResults::Solutions(s) = results else { panic!("not solutions") };
    let vars = s.variables().to_vec();
    let mut rows = vec![vars.iter().map(|v| Some(oxigraph::model::Literal::new_simple_literal(v.as_str()).into())).collect()];
    for row in s {
        let row = row.unwrap();
        rows.push(vars.iter().map(|v| row.get(v).cloned()).collect());
    }
    rows
}

/// Every organisation that has a membership in the store.
fn organisations(g: &igokg::Graph) -> Vec<Term> {
    let QueryResults::Solutions(s) =
        g.query("SELECT DISTINCT ?o WHERE { GRAPH ?g { ?m org:organization ?o ; org:member ?x ; org:role ?r } } ORDER BY ?o").unwrap()
    else {
        panic!()
    };
    s.map(|r| r.unwrap().get("o").cloned().unwrap()).collect()
}

/// The SPARQL's answer and the index's, which must be the same; returns the rows.
fn compare(g: &igokg::Graph, org: &Term, at: Option<PartialDate>, lang: &str) -> usize {
    let p = query::members(org.clone(), at, lang);
    let want = table(p.tidy(g.query(&p.text_for(AsOf::Bounds)).unwrap()).unwrap());
    let got = igokg::by_index::members(g.store().inner(), org, at, lang).unwrap();
    let got = table(got.unwrap_or_else(|| panic!("{org} --at {at:?} --lang {lang}: not answered from the index")));
    assert_eq!(got, want, "{org} --at {at:?} --lang {lang}");
    // The entry point the CLI and the server call takes the index path on a read-only store.
    assert_eq!(table(g.run(&p).unwrap()), want, "{org} --at {at:?} --lang {lang}: Graph::run");
    want.len() - 1
}

fn dates() -> Vec<Option<PartialDate>> {
    let mut v = vec![None];
    for d in ["2013", "2013-01-01", "2014-12-31", "2015", "2024-11-28", "2008-06", "2002-10-07", "1965", "1900", "1816"] {
        v.push(Some(d.parse().unwrap()));
    }
    v
}

// English and Russian labels exist for the reference states, Arabic for some; French and
// Austrian German fall back to English.
const LANGS: &[&str] = &["en", "ru", "ar", "fr", "de-AT"];

/// The store of the bundled examples, opened to read.
fn examples_store(dir: &Path) -> std::path::PathBuf {
    let store = dir.join("kg");
    igokg(&store).arg("ingest").args(examples()).assert().success();
    store
}

#[test]
fn members_by_the_index_equal_the_sparql_on_the_examples() {
    let dir = assert_fs::TempDir::new().unwrap();
    let store = examples_store(dir.path());
    let g = igokg::Graph::open_read(&store).unwrap();
    assert_eq!(AsOf::of_store(g.store().inner()), AsOf::Bounds);
    let orgs = organisations(&g);
    assert!(!orgs.is_empty());
    let mut rows = 0;
    for org in orgs.iter().chain([&NamedNode::new_unchecked("https://w3id.org/igokg/id/none").into()]) {
        for at in dates() {
            for lang in LANGS {
                rows += compare(&g, org, at, lang);
            }
        }
    }
    assert!(rows > 50, "{rows} rows");
}

#[test]
fn members_by_the_index_equal_the_sparql_on_the_cow_import() {
    let dir = assert_fs::TempDir::new().unwrap();
    let store = dir.path().join("kg");
    igokg(&store).arg("import").arg("cow").arg(cow_table("igo_year_formatv3")).assert().success();
    igokg(&store).arg("ingest").args(examples()).assert().success();
    let g = igokg::Graph::open_read(&store).unwrap();
    assert_eq!(AsOf::of_store(g.store().inner()), AsOf::Bounds);
    let orgs = organisations(&g);
    assert!(orgs.len() > 300, "{} organisations", orgs.len());
    let mut rows = 0;
    // Every organisation in a year of the data, and without a date in Russian.
    for org in &orgs {
        rows += compare(&g, org, Some(PartialDate::Year(2013)), "en");
        rows += compare(&g, org, None, "ru");
    }
    // A few of them at every date and in every language.
    let named: Vec<Term> = ["CSTO", "UN", "NATO", "Arab League", "UPU", "EU"]
        .iter()
        .map(|n| g.term(n, &[igokg::model::EntityType::Organization]).unwrap_or_else(|e| panic!("{n}: {e}")))
        .collect();
    for org in named.iter().chain(orgs.iter().step_by(50)) {
        for at in dates() {
            for lang in LANGS {
                rows += compare(&g, org, at, lang);
            }
        }
    }
    assert!(rows > 10_000, "{rows} rows");

    // The real binary prints what the SPARQL answers, in every output format.
    for (org, at) in [("CSTO", Some("2013")), ("CSTO", None), ("ОДКБ", Some("2024-11-28")), ("UN", Some("1965"))] {
        for format in [Format::Json, Format::Csv, Format::Table] {
            let mut args = vec!["members", org, "--lang", "ru", "--format", format.name()];
            if let Some(at) = at {
                args.extend(["--at", at]);
            }
            let out = igokg(&store).args(&args).assert().success().get_output().stdout.clone();
            let term = g.term(org, &[igokg::model::EntityType::Organization]).unwrap();
            let p = query::members(term, at.map(|a| a.parse().unwrap()), "ru");
            let mut want = Vec::new();
            let results = p.tidy(g.query(&p.text_for(AsOf::Bounds)).unwrap()).unwrap();
            igokg::query::write_results(results, format, &mut want).unwrap();
            assert_eq!(String::from_utf8(out).unwrap(), String::from_utf8(want).unwrap(), "{args:?}");
        }
    }
}
