//! `igokg render`: the SVG pictures are well-formed XML (parsed by Python's xml.etree, an
//! independent parser) and their bars match the facts of the examples' graph.

mod common;
use common::{examples, igokg};
use std::path::{Path, PathBuf};

/// Parses an SVG with xml.etree and lists its members' marks, one line per mark:
/// `member-label<TAB>element class<TAB>data-role|data-status<TAB>data-start<TAB>data-end`, plus
/// a first line `svg<TAB>root tag`.
fn marks(svg: &Path) -> Vec<Vec<String>> {
    let py = r#"
import sys, xml.etree.ElementTree as ET
NS = '{http://www.w3.org/2000/svg}'
root = ET.parse(sys.argv[1]).getroot()
print('svg\t' + root.tag)
for g in root.iter(NS + 'g'):
    if g.get('class') != 'member':
        continue
    name = g.get('data-label') or g.get('data-member')
    print('\t'.join(['member', name, g.get('data-role', ''), g.get('data-status', ''), g.get('data-chair', '')]))
    for e in g:
        c = e.get('class')
        if c:
            print('\t'.join([name, c.split()[0], e.get('data-role') or e.get('data-status') or e.get('data-year') or '', e.get('data-start', ''), e.get('data-end', '')]))
"#;
    let out = std::process::Command::new("python3").arg("-c").arg(py).arg(svg).output().expect("python3 is needed");
    assert!(out.status.success(), "{}: not well-formed XML: {}", svg.display(), String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap().lines().map(|l| l.split('\t').map(str::to_owned).collect()).collect()
}

fn store_with_examples() -> (assert_fs::TempDir, PathBuf) {
    let dir = assert_fs::TempDir::new().unwrap();
    let store = dir.path().join("kg");
    igokg(&store).arg("ingest").args(examples()).assert().success();
    (dir, store)
}

fn row<'a>(m: &'a [Vec<String>], cells: &[&str]) -> Option<&'a Vec<String>> {
    m.iter().find(|r| r.len() >= cells.len() && r.iter().zip(cells).all(|(a, b)| a == b))
}

#[test]
fn the_timeline_is_svg_with_one_row_per_member_and_bars_that_match_the_facts() {
    let (dir, store) = store_with_examples();
    let svg = dir.path().join("csto.svg");
    igokg(&store).args(["render", "CSTO", "-o"]).arg(&svg).assert().success();
    let m = marks(&svg);
    assert_eq!(m[0], vec!["svg", "{http://www.w3.org/2000/svg}svg"]);
    // One row per member of a membership fact of CSTO.
    let q = "SELECT (COUNT(DISTINCT ?m) AS ?n) WHERE { GRAPH ?g { ?x a <http://www.w3.org/ns/org#Membership> ; \
             <http://www.w3.org/ns/org#organization> <https://w3id.org/igokg/id/Q318693> ; <http://www.w3.org/ns/org#member> ?m } }";
    let out = igokg(&store).args(["query", q, "--format", "csv"]).assert().success().get_output().stdout.clone();
    let n: usize = String::from_utf8(out).unwrap().lines().nth(1).unwrap().trim().parse().unwrap();
    let rows = m.iter().filter(|r| r[0] == "member").count();
    assert_eq!(rows, n);
    assert_eq!(rows, 9, "{m:?}");
    // Uzbekistan: a full-member bar from 2006 to 2012, then suspended from 2012-06.
    assert!(row(&m, &["Uzbekistan", "bar", "full", "2006", "2012"]).is_some(), "{m:?}");
    assert!(row(&m, &["Uzbekistan", "status", "suspended", "2012-06", ""]).is_some(), "{m:?}");
    // Armenia: a full member since 2002 with a frozen segment from 2024-02.
    assert!(row(&m, &["Armenia", "bar", "full", "2002", ""]).is_some(), "{m:?}");
    assert!(row(&m, &["Armenia", "status", "frozen", "2024-02", ""]).is_some(), "{m:?}");
    // Observers are drawn as observers; chairs are marked in their years.
    assert!(row(&m, &["Serbia", "bar", "observer"]).is_some(), "{m:?}");
    assert!(row(&m, &["Kazakhstan", "chair", "2024"]).is_some(), "{m:?}");
    assert!(row(&m, &["Kyrgyzstan", "chair", "2025"]).is_some(), "{m:?}");
    let text = std::fs::read_to_string(&svg).unwrap();
    assert_eq!(text.matches("class=\"summit\"").count(), 2, "two summits on the top axis");
    assert!(text.contains("class=\"legend\""));
}

#[test]
fn the_graph_picture_shows_the_members_at_a_date_with_status_and_chair() {
    let (dir, store) = store_with_examples();
    let svg = dir.path().join("csto-2024.svg");
    igokg(&store).args(["render", "CSTO", "--at", "2024-11-28", "--graph", "-o"]).arg(&svg).assert().success();
    let m = marks(&svg);
    let members: Vec<&Vec<String>> = m.iter().filter(|r| r[0] == "member").collect();
    assert_eq!(members.len(), 8, "{m:?}");
    assert!(!members.iter().any(|r| r[1] == "Uzbekistan"), "{m:?}");
    assert!(row(&m, &["member", "Armenia", "full", "frozen", "false"]).is_some(), "{m:?}");
    assert!(row(&m, &["member", "Kazakhstan", "full", "", "true"]).is_some(), "{m:?}");
    assert!(row(&m, &["member", "Serbia", "observer"]).is_some(), "{m:?}");
    let text = std::fs::read_to_string(&svg).unwrap();
    assert_eq!(text.matches("class=\"summit\"").count(), 1, "the Astana summit of 2024");
}

#[test]
fn names_with_markup_characters_are_escaped_and_arabic_labels_are_used() {
    let (dir, store) = store_with_examples();
    let svg = dir.path().join("csto.ar.svg");
    igokg(&store).args(["render", "CSTO", "--lang", "ar", "-o"]).arg(&svg).assert().success();
    let m = marks(&svg);
    assert!(m.iter().any(|r| r[0] == "member" && r[1] == "أرمينيا"), "{m:?}");
    igokg(&store).args(["render", "CSTO", "-o"]).arg(dir.path().join("x.png")).assert().failure();
}
