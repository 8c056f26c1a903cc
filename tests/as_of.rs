//! "As of" questions on stores written before igokg wrote the as-of bounds (`igo:holdsFrom`,
//! `igo:holdsUntil`): a read answers the same (it computes the test per row and writes
//! nothing), and the next write (here `igokg init`) adds the bounds once.

mod common;
use common::{examples, igokg};
use igokg::vocab::igo;
use oxigraph::model::Quad;
use std::path::Path;

fn stdout(store: &Path, args: &[&str]) -> String {
    let out = igokg(store).args(args).args(["--format", "csv"]).output().unwrap();
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

fn bound_quads(store: &Path) -> usize {
    let g = igokg::Graph::open_read(store).unwrap();
    let inner = g.store().inner();
    [igo::HOLDS_FROM, igo::HOLDS_UNTIL].iter().map(|p| inner.quads_for_pattern(None, Some(*p), None, None).count()).sum()
}

const QUESTIONS: &[&[&str]] = &[
    &["members", "CSTO", "--at", "2013"],
    &["members", "CSTO", "--at", "2013-01-01"],
    &["members", "CSTO", "--at", "2024-11-28"],
    &["members", "CSTO", "--at", "2008-06"],
    &["members", "CSTO"],
    &["membership-span", "Uzbekistan", "CSTO"],
    &["memberships-count", "Armenia", "--from", "2001", "--to", "2014"],
    &["partners", "Armenia", "--at", "2013"],
];

#[test]
fn a_store_without_as_of_bounds_answers_the_same_and_gets_them_on_the_next_write() {
    let dir = assert_fs::TempDir::new().unwrap();
    let store = dir.path().join("kg");
    igokg(&store).arg("ingest").args(examples()).assert().success();
    let before: Vec<String> = QUESTIONS.iter().map(|q| stdout(&store, q)).collect();
    assert!(before[0].contains("Serbia") && !before[1].contains("Serbia"), "{}", before[0]);
    // The store as igokg wrote it before the bounds.
    {
        let g = igokg::Graph::open_write(&store).unwrap();
        let inner = g.store().inner();
        let old: Vec<Quad> = [igo::HOLDS_FROM, igo::HOLDS_UNTIL]
            .iter()
            .flat_map(|p| inner.quads_for_pattern(None, Some(*p), None, None).map(Result::unwrap).collect::<Vec<_>>())
            .collect();
        assert!(!old.is_empty());
        for q in &old {
            inner.remove(q).unwrap();
        }
    }
    assert_eq!(bound_quads(&store), 0);
    for (q, want) in QUESTIONS.iter().zip(&before) {
        assert_eq!(&stdout(&store, q), want, "{q:?} on a store without the bounds");
    }
    assert_eq!(bound_quads(&store), 0, "a read writes nothing");
    igokg(&store).arg("init").assert().success();
    assert!(bound_quads(&store) > 0, "init adds the bounds");
    for (q, want) in QUESTIONS.iter().zip(&before) {
        assert_eq!(&stdout(&store, q), want, "{q:?} after the upgrade");
    }
}
