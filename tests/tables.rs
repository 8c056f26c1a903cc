//! Issue 13 item 10 and issue 12 item 6: the conveniences' tables show what matters (summit
//! names, the status a fact states) in a total order, with the values inside a cell sorted.

mod common;
use common::{examples, igokg};
use std::path::Path;

fn csv(store: &Path, args: &[&str]) -> Vec<Vec<String>> {
    let out = igokg(store).args(args).args(["--format", "csv"]).output().unwrap();
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    let mut r = csv::Reader::from_reader(out.stdout.as_slice());
    let mut rows = vec![r.headers().unwrap().iter().map(str::to_owned).collect::<Vec<_>>()];
    rows.extend(r.records().map(|x| x.unwrap().iter().map(str::to_owned).collect()));
    rows
}

fn col(rows: &[Vec<String>], name: &str) -> Vec<String> {
    let i = rows[0].iter().position(|h| h == name).unwrap_or_else(|| panic!("{name}: {:?}", rows[0]));
    rows[1..].iter().map(|r| r[i].clone()).collect()
}

fn store() -> assert_fs::TempDir {
    let dir = assert_fs::TempDir::new().unwrap();
    igokg(dir.path()).arg("ingest").args(examples()).assert().success();
    dir
}

#[test]
fn summits_show_their_names_not_event_iris() {
    let kg = store();
    let rows = csv(kg.path(), &["summits", "CSTO"]);
    assert_eq!(rows[0][0], "name");
    assert_eq!(col(&rows, "name"), ["CSTO summit 2023", "CSTO summit 2024"], "{rows:?}");
    // Attendees in one order, whatever the engine's.
    let att = &col(&rows, "attendees")[1];
    let mut sorted: Vec<&str> = att.split(", ").collect();
    sorted.sort_unstable();
    assert_eq!(att, &sorted.join(", "));
}

#[test]
fn timeline_shows_the_status_puts_undated_rows_last_and_no_attendees_under_an_absence() {
    let kg = store();
    let rows = csv(kg.path(), &["timeline", "Armenia"]);
    let dates = col(&rows, "date");
    let first_undated = dates.iter().position(String::is_empty).unwrap_or(dates.len());
    assert!(dates[first_undated..].iter().all(String::is_empty), "undated rows last: {dates:?}");
    assert!(first_undated > 0, "{dates:?}");
    let kinds = col(&rows, "kind");
    let detail = col(&rows, "detail");
    let status = kinds.iter().position(|k| k == "membership_status").unwrap();
    assert_eq!(detail[status], "frozen", "{rows:?}");
    let with = col(&rows, "with");
    for (k, w) in kinds.iter().zip(&with) {
        if k == "absence" {
            assert!(!w.contains("Putin") && !w.contains("Tokayev"), "an absence lists the summit's attendees: {w}");
        }
    }
    assert_eq!(kinds.iter().filter(|k| *k == "absence").count(), 1, "one absence, listed once: {rows:?}");
}

#[test]
fn sources_inside_a_cell_come_in_one_order() {
    let kg = store();
    let tmp = assert_fs::TempDir::new().unwrap();
    let t = tmp.path().join("a.csv");
    std::fs::write(
        &t,
        "kind,member,organization,role,start,source,quote\nmembership,Armenia,CSTO,full,2002,a-article.txt,Armenia is a member\n",
    )
    .unwrap();
    igokg(kg.path()).arg("ingest").arg(&t).assert().success();
    for _ in 0..3 {
        let rows = csv(kg.path(), &["members", "CSTO", "--at", "2013"]);
        let names = col(&rows, "name");
        let armenia = names.iter().position(|n| n == "Armenia").unwrap();
        assert_eq!(col(&rows, "sources")[armenia], "a-article.txt | https://en.wikipedia.org/wiki/Collective_Security_Treaty_Organization");
        let mut sorted = rows[1..].to_vec();
        sorted.sort_by(|a, b| (&a[2], &a[1]).cmp(&(&b[2], &b[1])));
        assert_eq!(sorted, rows[1..], "rows by role, then name");
    }
}
