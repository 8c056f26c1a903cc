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
        // Still open in 2013, the last year of the table: it surely holds until then, no longer.
        v(&[&["full", "2009", "2010", "2009", "2009"], &["full", "2011", "", "2011", "2013"]])
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

/// Issue 13, item 1: a COW membership still open in the last year of the data was treated as
/// lasting until today (`members NATO --at 2024` listed COW's 2014 members). The data's coverage
/// ends its claims: after it, only the sources that cover the date answer, and the answer says so.
#[test]
fn cow_memberships_do_not_outlive_the_data() {
    let (t, store) = small_store();
    let names = |at: &str| -> Vec<String> { cols(&csv(&store, &["members", "CSTO", "--at", at]), &["name"]).concat() };
    assert_eq!(names("2013"), ["Armenia", "Belarus", "Russia"]);
    assert!(names("2014").is_empty(), "the table ends in 2013");
    igokg(&store)
        .args(["members", "CSTO", "--at", "2024-11-28"])
        .assert()
        .success()
        .stderr(predicates::str::contains("Correlates of War IGO v3.0 igo_year_formatv3.tsv covers up to 2013"));
    igokg(&store).args(["members", "CSTO", "--at", "2013"]).assert().success().stderr(predicates::str::contains("covers").not());
    // Another source that covers 2024 still answers for it, alone.
    let table = t.path().join("later.csv");
    std::fs::write(
        &table,
        "kind,member,organization,role,start,source,quote\nmembership,Belarus,CSTO,full,2002,https://example.org/csto,Belarus is a member\n",
    )
    .unwrap();
    igokg(&store).arg("ingest").arg(&table).assert().success();
    let rows = csv(&store, &["members", "CSTO", "--at", "2024-11-28"]);
    assert_eq!(cols(&rows, &["name", "sources"]), v(&[&["Belarus", "https://example.org/csto"]]));
    // Without --at, every membership ever stated is listed, from both sources.
    let rows = csv(&store, &["members", "CSTO"]);
    assert_eq!(
        cols(&rows, &["name", "sources"]),
        v(&[
            &["Armenia", "Correlates of War IGO v3.0 igo_year_formatv3.tsv"],
            &["Belarus", "Correlates of War IGO v3.0 igo_year_formatv3.tsv | https://example.org/csto"],
            &["Russia", "Correlates of War IGO v3.0 igo_year_formatv3.tsv"],
        ])
    );
    // The counts and partners of a year after the coverage count nothing from COW.
    assert_eq!(csv(&store, &["memberships-count", "Armenia", "--at", "2020"]).len(), 1);
    assert_eq!(csv(&store, &["partners", "Armenia", "--at", "2020"]).len(), 1);
}

/// The web page's "As a list" (`/api/neighbourhood?org=…&at=…`) asks the same question.
#[test]
fn cow_memberships_do_not_outlive_the_data_on_the_page() {
    use std::io::{BufRead, Read, Write};
    let (_t, store) = small_store();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_igokg"))
        .arg("--store")
        .arg(&store)
        .args(["serve", "--bind", "127.0.0.1:0"])
        .env_remove("IGOKG_STORE")
        .stderr(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut err = std::io::BufReader::new(child.stderr.take().unwrap());
    let mut line = String::new();
    err.read_line(&mut line).unwrap();
    let addr = line.split("http://").nth(1).unwrap().split(['/', ' ']).next().unwrap().to_owned();
    let get = |at: &str| -> String {
        let mut s = std::net::TcpStream::connect(&addr).unwrap();
        let path = format!("/api/neighbourhood?org=https%3A%2F%2Fw3id.org%2Figokg%2Fid%2FQ318693&at={at}");
        write!(s, "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n").unwrap();
        let mut text = String::new();
        s.read_to_string(&mut text).unwrap();
        text
    };
    let (in_2013, in_2024) = (get("2013"), get("2024-11-28"));
    let _ = child.kill();
    let _ = child.wait();
    assert!(in_2013.contains("Belarus") && in_2013.contains("Russia"), "{in_2013}");
    assert!(in_2024.contains("\"members\":[]"), "{in_2024}");
}
