//! The COW questions of issue 4 as conveniences (`membership-span`, `rejoined`,
//! `memberships-count`, `partners`) and the co-membership `network`, on a small IGO-year table.

mod common;
use common::igokg;
use std::path::{Path, PathBuf};

/// A tiny IGO-year table under the release's file name: Armenia, Belarus and Russia in CSTO
/// (political) from 2012; Armenia and Russia in X (economic) from 2009, Russia leaving in 2010
/// and rejoining in 2011; Belarus an observer of X from 2013.
fn small_store() -> (assert_fs::TempDir, PathBuf) {
    let tmp = assert_fs::TempDir::new().unwrap();
    let mut header = vec!["ioname", "orgname", "year", "armenia", "belarus", "russia"];
    header.extend(["sdate", "deaddate", "dead", "integrated", "replaced", "longorgname", "ionum", "igocode", "version"]);
    header.extend(["accuracyofpre1965membershipdates", "sourcesandnotes", "imputed", "political", "social", "economic"]);
    let mut body = header.join("\t") + "\n";
    for (io, y, am, by, ru) in [
        ("CSTO", 2012, "1", "1", "1"),
        ("CSTO", 2013, "1", "1", "1"),
        ("X", 2009, "1", "0", "1"),
        ("X", 2010, "1", "0", "0"),
        ("X", 2011, "1", "0", "1"),
        ("X", 2012, "1", "0", "1"),
        ("X", 2013, "1", "3", "1"),
    ] {
        let (pol, eco) = if io == "CSTO" { ("1", "0") } else { ("0", "1") };
        let meta = ["2002", "", "0", "0", "0", "Long", "1", "", "3", "Not applicable - created 1965 or later", "", "0", pol, "0", eco];
        body += &format!("{io}\t{io}\t{y}\t{am}\t{by}\t{ru}\t{}\n", meta.join("\t"));
    }
    let file = tmp.path().join("igo_year_formatv3.tsv");
    std::fs::write(&file, body).unwrap();
    let store = tmp.path().join("kg");
    igokg(&store).arg("import").arg("cow").arg(&file).assert().success();
    (tmp, store)
}

fn csv(store: &Path, args: &[&str]) -> Vec<Vec<String>> {
    let out = igokg(store).args(args).args(["--format", "csv"]).assert().success().get_output().stdout.clone();
    let mut rdr = csv::ReaderBuilder::new().has_headers(false).from_reader(out.as_slice());
    rdr.records().map(|r| r.unwrap().iter().map(str::to_owned).collect()).collect()
}

fn cols(rows: &[Vec<String>], names: &[&str]) -> Vec<Vec<String>> {
    let idx: Vec<usize> =
        names.iter().map(|n| rows[0].iter().position(|h| h == n).unwrap_or_else(|| panic!("{n}: {:?}", rows[0]))).collect();
    rows[1..].iter().map(|r| idx.iter().map(|i| r[*i].clone()).collect()).collect()
}

fn v(rows: &[&[&str]]) -> Vec<Vec<String>> {
    rows.iter().map(|r| r.iter().map(|c| (*c).to_owned()).collect()).collect()
}

#[test]
fn membership_span_gives_first_and_last_year_of_each_membership() {
    let (_t, store) = small_store();
    let rows = csv(&store, &["membership-span", "Russia", "X"]);
    assert_eq!(
        cols(&rows, &["role", "from", "to", "firstYear", "lastYear"]),
        v(&[&["full", "2009", "2010", "2009", "2009"], &["full", "2011", "", "2011", "ongoing"]])
    );
    assert!(rows[1].last().unwrap().contains("Correlates of War IGO v3.0 igo_year_formatv3.tsv"), "{rows:?}");
}

#[test]
fn rejoined_lists_an_organisation_left_and_joined_again() {
    let (_t, store) = small_store();
    let rows = csv(&store, &["rejoined", "Russia"]);
    // A COW organisation is named by its long name ("Long" in this table).
    assert_eq!(cols(&rows, &["name", "left", "rejoined", "role"]), v(&[&["Long", "2010", "2011", "full"]]));
    // Belarus became an observer: no departure.
    assert_eq!(csv(&store, &["rejoined", "Belarus"]).len(), 1);
}

#[test]
fn memberships_count_matches_the_table_year_by_year() {
    let (_t, store) = small_store();
    let rows = csv(&store, &["memberships-count", "Russia", "--from", "2009", "--to", "2013"]);
    assert_eq!(
        cols(&rows, &["year", "organisations"]),
        v(&[&["2009", "1"], &["2011", "1"], &["2012", "2"], &["2013", "2"]]),
        "2010: Russia was in no organisation"
    );
    let rows = csv(&store, &["memberships-count", "--at", "2013", "--source", "Correlates of War IGO v3.0 igo_year_formatv3.tsv"]);
    assert_eq!(cols(&rows, &["name", "organisations"]), v(&[&["Armenia", "2"], &["Belarus", "2"], &["Russia", "2"]]));
    let rows = csv(&store, &["memberships-count", "--at", "2013", "--source", "another source"]);
    assert_eq!(rows.len(), 1);
}

#[test]
fn partners_are_ranked_by_shared_organisations() {
    let (_t, store) = small_store();
    let rows = csv(&store, &["partners", "Armenia", "--at", "2012"]);
    assert_eq!(cols(&rows, &["name", "shared"]), v(&[&["Russia", "2"], &["Belarus", "1"]]));
    igokg(&store)
        .args(["partners", "Armenia", "--at", "2012", "--show-sparql", "--format", "csv"])
        .assert()
        .success()
        .stderr(predicates::str::contains("?a org:member <https://w3id.org/igokg/id/Q399>"));
}

#[test]
fn the_network_weights_pairs_by_shared_organisations_and_filters_by_domain() {
    let (t, store) = small_store();
    let out = t.path().join("n.graphml");
    igokg(&store)
        .args(["network", "--at", "2012", "-o"])
        .arg(&out)
        .assert()
        .success()
        .stderr(predicates::str::contains("3 states, 3 pairs").and(predicates::str::contains("1 connected component")));
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.contains("<graphml") && text.matches("<edge ").count() == 3, "{text}");
    let rows = csv(&store, &["network", "--at", "2012"]);
    assert_eq!(
        cols(&rows, &["state", "weighted_degree", "partners"]),
        v(&[&["Armenia", "3", "2"], &["Russia", "3", "2"], &["Belarus", "2", "2"]])
    );
    let rows = csv(&store, &["network", "--at", "2010", "--org-type", "economic"]);
    assert_eq!(cols(&rows, &["state", "weighted_degree"]), v(&[&["Armenia", "0"]]));
    let rows = csv(&store, &["network", "--at", "2010", "--org-type", "political"]);
    assert_eq!(rows.len(), 1, "no political organisation in 2010: {rows:?}");
    let dot = igokg(&store).args(["network", "--at", "2013", "--format", "dot"]).assert().success().get_output().stdout.clone();
    let dot = String::from_utf8(dot).unwrap();
    assert!(dot.starts_with("graph {") && dot.contains("label=\"2\""), "{dot}");
}

use predicates::prelude::PredicateBooleanExt;
