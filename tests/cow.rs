//! The Correlates of War IGO v3 import, end to end: the real binary on the real tables that
//! the repository ships in `data/cow/` (gzip-compressed, read as they are).

mod common;
use common::{cow_table, examples, igokg};
use igokg::gazetteer::Gazetteer;
use igokg::ingest::cow::{self, CowImport, Interval};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// A shipped table, by the name of its uncompressed file (`igo_year_formatv3.tsv`).
fn data(file: &str) -> Option<PathBuf> {
    let p = cow_table(file.strip_suffix(".tsv").unwrap_or(file));
    assert!(p.exists(), "{} is missing: the COW tables ship with the repository", p.display());
    Some(p)
}

fn read(file: &Path) -> CowImport {
    let f = std::io::BufReader::new(common::gunzip(file));
    cow::read(f, &file.display().to_string(), "test", &Gazetteer::builtin(), None, &mut |_| {}).unwrap()
}

/// The members at 2013 (role, English name) from `igokg members … --format csv`.
fn members(store: &Path, org: &str, at: &str) -> (BTreeSet<(String, String)>, String) {
    let out = igokg(store).args(["members", org, "--at", at, "--format", "csv"]).assert().success().get_output().stdout.clone();
    let text = String::from_utf8(out).unwrap();
    let mut rdr = csv::Reader::from_reader(text.as_bytes());
    let h = rdr.headers().unwrap().clone();
    let col = |n: &str| h.iter().position(|x| x == n).unwrap();
    let rows = rdr.records().map(|r| r.unwrap()).map(|r| (r[col("role")].to_owned(), r[col("name")].to_owned())).collect();
    (rows, text)
}

#[test]
fn csto_members_in_2013_come_from_the_cow_graph_merged_with_the_examples() {
    let Some(file) = data("igo_year_formatv3.tsv") else { return };
    let dir = assert_fs::TempDir::new().unwrap();
    let store = dir.path().join("kg");
    let t = std::time::Instant::now();
    igokg(&store).arg("import").arg("cow").arg(&file).assert().success().stderr(predicates::str::contains("igo-year layout"));
    eprintln!("debug import of the IGO-year file: {:.1} s", t.elapsed().as_secs_f64());
    igokg(&store).arg("ingest").args(examples()).assert().success();
    let (got, text) = members(&store, "CSTO", "2013");
    let want: BTreeSet<(String, String)> = [
        ("full", "Armenia"),
        ("full", "Belarus"),
        ("full", "Kazakhstan"),
        ("full", "Kyrgyzstan"),
        ("full", "Russia"),
        ("full", "Tajikistan"),
        ("observer", "Afghanistan"),
        ("observer", "Serbia"),
    ]
    .iter()
    .map(|(r, n)| ((*r).to_owned(), (*n).to_owned()))
    .collect();
    assert_eq!(got, want, "{text}");
    assert!(!text.contains("Uzbekistan"), "{text}");
    // Each answer names its sources: the COW release and the examples.
    for line in text.lines().skip(1) {
        assert!(line.contains("Correlates of War IGO v3.0 igo_year_formatv3.tsv"), "{line}");
        assert!(line.contains("wikipedia.org"), "{line}");
    }
    // The source graph carries the citation; historical states exist; COW-only IGOs resolve.
    let q = "SELECT ?c WHERE { ?g <http://purl.org/dc/terms/bibliographicCitation> ?c }";
    igokg(&store)
        .args(["query", q, "--format", "csv"])
        .assert()
        .success()
        .stdout(predicates::str::contains("Journal of Peace Research 57(3)"));
    let q = "SELECT ?o WHERE { <https://w3id.org/igokg/id/state/cow-austriahungary> <http://www.w3.org/ns/org#memberOf> ?o }";
    igokg(&store).args(["query", q, "--format", "csv"]).assert().success().stdout(predicates::str::contains("https://w3id.org/igokg/id/"));
    // The documented per-state count of 2000 equals a count made directly from the table, plus
    // the years coded -9 inside a membership (the import does not end a membership on an
    // unknown year): ICAI's Belgium, Greece, Italy, Morocco and the Netherlands in 2000.
    let rq = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/queries/count-per-state-per-year.rq");
    let out = igokg(&store).arg("query").arg("-f").arg(&rq).args(["--format", "csv"]).assert().success().get_output().stdout.clone();
    let mut graph_count = std::collections::BTreeMap::new();
    for r in csv::Reader::from_reader(out.as_slice()).records() {
        let r = r.unwrap();
        graph_count.insert(r[0].to_owned(), r[2].parse::<usize>().unwrap());
    }
    let (table_count, bridged) = table_counts(&file, 2000);
    let smap = cow::state_map(&Gazetteer::builtin()).unwrap();
    let mut want = std::collections::BTreeMap::new();
    for (col, n) in &table_count {
        *want.entry(smap.by_column[col].1.iri.clone()).or_insert(0) += n + bridged.get(col).copied().unwrap_or(0);
    }
    assert_eq!(bridged.values().sum::<usize>(), 5);
    assert_eq!(graph_count, want);
    // By name: the organisations table lists the UPU too, and the import links COW's to it.
    let (upu, text) = members(&store, "Universal Postal Union", "1900");
    assert!(upu.contains(&("full".to_owned(), "Austria-Hungary".to_owned())), "{text}");
}

/// Per state column: cells 1, 2 or 3 in `year`, and cells -9 in `year` inside a run of the
/// same role (the nearest known cells before and after are that role).
fn table_counts(file: &Path, year: i32) -> (std::collections::BTreeMap<String, usize>, std::collections::BTreeMap<String, usize>) {
    let text = common::gunzipped_text(file);
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap().split('\t').collect();
    let mut by_org: std::collections::BTreeMap<&str, Vec<(i32, Vec<&str>)>> = std::collections::BTreeMap::new();
    for l in lines {
        let c: Vec<&str> = l.split('\t').collect();
        by_org.entry(c[0]).or_default().push((c[2].parse().unwrap(), c));
    }
    let (mut count, mut bridged) = (std::collections::BTreeMap::new(), std::collections::BTreeMap::new());
    for rows in by_org.values() {
        let Some(at) = rows.iter().position(|(y, _)| *y == year) else { continue };
        for (i, &cell) in rows[at].1.iter().enumerate().take(220).skip(3) {
            if ["1", "2", "3"].contains(&cell) {
                *count.entry(header[i].to_owned()).or_insert(0) += 1;
            } else if cell == "-9" {
                let before = rows[..at].iter().rev().map(|r| r.1[i]).find(|c| *c != "-9");
                let after = rows[at + 1..].iter().map(|r| r.1[i]).find(|c| *c != "-9");
                if before.is_some_and(|b| ["1", "2", "3"].contains(&b)) && before == after {
                    *bridged.entry(header[i].to_owned()).or_insert(0) += 1;
                }
            }
        }
    }
    (count, bridged)
}

/// The membership intervals of a file, keyed without the uncertainty bounds (the state-year
/// layout has no accuracy column) and without the end cause.
fn keys(imp: &CowImport) -> BTreeSet<(String, String, &'static str, i32, Option<i32>)> {
    imp.intervals.iter().map(|i: &Interval| (i.organization.clone(), i.member.clone(), i.role, i.start, i.end)).collect()
}

#[test]
fn both_layouts_give_the_same_memberships_except_where_the_files_disagree() {
    let (Some(a), Some(b)) = (data("igo_year_formatv3.tsv"), data("state_year_formatv3.tsv")) else { return };
    let (igo, state) = (read(&a), read(&b));
    assert_eq!(igo.rows, 19_335);
    assert_eq!(state.rows, 15_557);
    let (x, y) = (keys(&igo), keys(&state));
    let only_igo: Vec<_> = x.difference(&y).collect();
    let only_state: Vec<_> = y.difference(&x).collect();
    let orgs = |v: &[&(String, String, &str, i32, Option<i32>)]| -> BTreeSet<String> {
        v.iter().map(|k| k.0.rsplit('/').next().unwrap_or("").to_owned()).collect()
    };
    eprintln!(
        "{} memberships in the IGO-year file, {} in the state-year file; {} only in the first, {} only in the second",
        x.len(),
        y.len(),
        only_igo.len(),
        only_state.len()
    );
    eprintln!("organisations where they differ: {:?}", orgs(&only_igo).union(&orgs(&only_state)).collect::<Vec<_>>());
    for k in only_igo.iter().take(10) {
        eprintln!("  only IGO-year: {k:?}");
    }
    for k in only_state.iter().take(10) {
        eprintln!("  only state-year: {k:?}");
    }
    // Every difference lies where the two files' cells disagree for that organisation and state.
    let (cells_differ, igo_years) = disagreements(&a, &b, &igo);
    eprintln!("the files' cells disagree on {} IGO-years and {} (organisation, state) pairs", igo_years.len(), cells_differ.len());
    let unexplained: Vec<_> = only_igo.iter().chain(&only_state).filter(|k| !cells_differ.contains(&(k.0.clone(), k.1.clone()))).collect();
    assert!(unexplained.is_empty(), "differences without a disagreeing cell: {unexplained:?}");
    // Of these, the IGO-years whose members (with their roles) differ: 416 (392 if roles are
    // ignored; the data README counts 384, AITIC 2006–2011 and CTO 2007–2014 among them). The
    // rest differ only between 0, -9 and "not in existence".
    let member_years: BTreeSet<_> = igo_years.iter().filter(|k| k.2).collect();
    assert_eq!(member_years.len(), 416);
    assert!(member_years.iter().any(|k| k.0 == "aitic" && k.1 == 2006) && member_years.iter().any(|k| k.0 == "cto" && k.1 == 2014));
    // The files agree on the memberships the README names, e.g. CSTO, NATO, OPEC, ASEAN, CIS.
    for q in ["Q318693", "Q7184", "Q7795", "Q7768", "Q7779"] {
        let iri = format!("https://w3id.org/igokg/id/{q}");
        let a: BTreeSet<_> = x.iter().filter(|k| k.0 == iri).collect();
        let b: BTreeSet<_> = y.iter().filter(|k| k.0 == iri).collect();
        assert!(!a.is_empty(), "{q}");
        assert_eq!(a, b, "{q}");
    }
}

/// Where the two files' cells disagree: (organisation IRI, state IRI) pairs, and the IGO-years.
/// A missing row, an empty cell and -1 all mean "not in existence".
/// (organisation IRI, state IRI) pairs, and (ioname, year, members differ) IGO-years.
type Disagreements = (BTreeSet<(String, String)>, BTreeSet<(String, i32, bool)>);

fn disagreements(igo_file: &Path, state_file: &Path, igo: &CowImport) -> Disagreements {
    use std::collections::HashMap;
    let gaz = Gazetteer::builtin();
    let smap = cow::state_map(&gaz).unwrap();
    // Organisations and states by index; a cell is keyed (org, state, year) packed in a u64.
    let orgs: Vec<(String, String)> = igo.organisations.iter().map(|o| (o.ioname.to_ascii_lowercase(), o.entity.iri.clone())).collect();
    let org_ix: HashMap<&str, u64> = orgs.iter().enumerate().map(|(i, o)| (o.0.as_str(), i as u64)).collect();
    let states: Vec<String> = cow::states().into_iter().map(|s| s.column).collect();
    let state_ix: HashMap<&str, u64> = states.iter().enumerate().map(|(i, s)| (s.as_str(), i as u64)).collect();
    let key = |o: u64, s: u64, y: i32| (o << 32) | (s << 16) | y as u64;
    let norm = |c: &str| -> i8 {
        match c.trim() {
            "" | "-1" => -1,
            v => v.parse().unwrap(),
        }
    };
    let mut a: HashMap<u64, i8> = HashMap::new();
    let text = common::gunzipped_text(igo_file);
    let mut lines = text.lines();
    let header: Vec<u64> = lines.next().unwrap().split('\t').map(|h| state_ix.get(h).copied().unwrap_or(u64::MAX)).collect();
    for l in lines {
        let c: Vec<&str> = l.split('\t').collect();
        let (o, year) = (org_ix[c[0].to_ascii_lowercase().as_str()], c[2].parse().unwrap());
        for (cell, &s) in c.iter().zip(&header).take(220).skip(3) {
            let v = norm(cell);
            if v != -1 {
                a.insert(key(o, s, year), v);
            }
        }
    }
    let mut b: HashMap<u64, i8> = HashMap::new();
    let text = common::gunzipped_text(state_file);
    let mut lines = text.lines();
    let header: Vec<u64> = lines.next().unwrap().split('\t').map(|h| org_ix.get(h).copied().unwrap_or(u64::MAX)).collect();
    for l in lines {
        let c: Vec<&str> = l.split('\t').collect();
        let (s, year) = (state_ix[c[2]], c[1].parse().unwrap());
        for (cell, &o) in c.iter().zip(&header).skip(3) {
            let v = norm(cell);
            if v != -1 {
                b.insert(key(o, s, year), v);
            }
        }
    }
    let mut pairs = BTreeSet::new();
    let mut cells = BTreeSet::new();
    let member = |v: Option<&i8>| v.copied().filter(|c| (1..=3).contains(c));
    for k in a.keys().chain(b.keys()) {
        if a.get(k) != b.get(k) {
            let (o, s, y) = ((k >> 32) as usize, ((k >> 16) & 0xffff) as usize, (k & 0xffff) as i32);
            pairs.insert((orgs[o].1.clone(), smap.by_column[&states[s]].1.iri.clone()));
            cells.insert((orgs[o].0.clone(), y, member(a.get(k)) != member(b.get(k))));
        }
    }
    // One entry per IGO-year: true when its members differ.
    let mut years: BTreeSet<(String, i32, bool)> = BTreeSet::new();
    for (o, y, m) in &cells {
        if *m || !cells.contains(&(o.clone(), *y, true)) {
            years.insert((o.clone(), *y, *m));
        }
    }
    (pairs, years)
}

fn export_nq(store: &Path) -> String {
    let out = igokg(store).args(["export", "--format", "nq"]).assert().success().get_output().stdout.clone();
    let mut lines: Vec<String> = String::from_utf8(out).unwrap().lines().map(str::to_owned).collect();
    lines.sort();
    lines.join("\n")
}

#[test]
fn bad_cow_files_are_refused_with_file_line_and_column_and_leave_the_store_unchanged() {
    let Some(file) = data("igo_year_formatv3.tsv") else { return };
    let text = common::gunzipped_text(&file);
    let lines: Vec<&str> = text.lines().take(41).collect();
    let dir = assert_fs::TempDir::new().unwrap();
    let store = dir.path().join("kg");
    igokg(&store).arg("ingest").args(examples()).assert().success();
    let before = export_nq(&store);
    let write = |name: &str, body: String| -> PathBuf {
        let p = dir.path().join(name);
        std::fs::write(&p, body).unwrap();
        p
    };
    let good = lines.join("\n") + "\n";
    // A truncated file: the last row stops in the middle.
    let truncated = write("truncated.tsv", good[..good.len() - lines[40].len() / 2 - 1].to_owned());
    // A wrong header.
    let wrong = write("wrong-header.tsv", good.replacen("ioname", "name", 1));
    // A non-numeric cell: line 10, column 4 (afghanistan).
    let mut rows: Vec<String> = lines.iter().map(|l| (*l).to_owned()).collect();
    let mut cells: Vec<&str> = rows[9].split('\t').collect();
    cells[3] = "one";
    rows[9] = cells.join("\t");
    let non_numeric = write("non-numeric.tsv", rows.join("\n") + "\n");
    // An unknown state column: column 5 (albania → narnia).
    let unknown = write("unknown-state.tsv", good.replacen("\talbania\t", "\tnarnia\t", 1));
    let cases: [(&PathBuf, String); 4] = [
        (&truncated, format!("{}:41:", truncated.display())),
        (&wrong, format!("{}:1:1: wrong header", wrong.display())),
        (&non_numeric, format!("{}:10:4: 'one' in column 'afghanistan' is not a COW code", non_numeric.display())),
        (&unknown, format!("{}:1:5: unknown state column 'narnia'", unknown.display())),
    ];
    for (path, want) in &cases {
        let out = igokg(&store).arg("import").arg("cow").arg(path).assert().failure().get_output().stderr.clone();
        let err = String::from_utf8(out).unwrap();
        assert!(err.contains(want.as_str()), "expected «{want}» in: {err}");
    }
    assert_eq!(export_nq(&store), before, "a refused import changed the store");
    // The good slice imports.
    let ok = write("good.tsv", good);
    igokg(&store).arg("import").arg("cow").arg(&ok).assert().success();
    assert_ne!(export_nq(&store), before);
}

#[test]
fn every_state_of_both_files_is_mapped() {
    let all: BTreeSet<String> = cow::states().into_iter().map(|s| s.column).collect();
    assert_eq!(all.len(), 217);
    if let Some(a) = data("igo_year_formatv3.tsv") {
        let header = common::gunzipped_text(&a).lines().next().unwrap().to_owned();
        let cols: Vec<&str> = header.split('\t').collect();
        let states: BTreeSet<String> = cols[3..220].iter().map(|s| (*s).to_owned()).collect();
        assert_eq!(states, all);
    }
    let gaz = Gazetteer::builtin();
    let m = cow::state_map(&gaz).unwrap();
    let historical = m.historical.len();
    let unmapped: Vec<&String> =
        m.by_column.iter().filter(|(_, (s, r))| s.iso2.is_some() && r.wikidata.is_none()).map(|(k, _)| k).collect();
    assert!(unmapped.is_empty(), "{unmapped:?}");
    assert_eq!(historical + m.by_column.values().filter(|(s, _)| s.iso2.is_some()).count(), 217);
}

#[test]
fn the_documented_queries_are_valid_sparql_and_run_on_a_small_import() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/queries");
    let mut files: Vec<PathBuf> =
        std::fs::read_dir(&dir).unwrap().flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == "rq")).collect();
    files.sort();
    assert!(files.len() >= 5, "{files:?}");
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap();
        assert!(text.starts_with('#'), "{} should start with its documentation", f.display());
        let _ = oxigraph::sparql::SparqlEvaluator::new().parse_query(&text).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
    }
    // A tiny IGO-year table under the release's file name: Russia and Armenia in CSTO, Russia
    // leaving and rejoining X.
    let tmp = assert_fs::TempDir::new().unwrap();
    let mut header = vec!["ioname", "orgname", "year", "armenia", "russia"];
    header.extend(["sdate", "deaddate", "dead", "integrated", "replaced", "longorgname", "ionum", "igocode", "version"]);
    header.extend(["accuracyofpre1965membershipdates", "sourcesandnotes", "imputed", "political", "social", "economic"]);
    let mut body = header.join("\t") + "\n";
    for (io, y, am, ru) in [
        ("CSTO", 2012, "1", "1"),
        ("CSTO", 2013, "1", "1"),
        ("X", 2009, "1", "1"),
        ("X", 2010, "1", "0"),
        ("X", 2011, "1", "1"),
        ("X", 2012, "1", "1"),
        ("X", 2013, "1", "1"),
    ] {
        let meta = ["2002", "", "0", "0", "0", "Long", "1", "", "3", "Not applicable - created 1965 or later", "", "0", "1", "0", "0"];
        body += &format!("{io}\t{io}\t{y}\t{am}\t{ru}\t{}\n", meta.join("\t"));
    }
    let file = tmp.path().join("igo_year_formatv3.tsv");
    std::fs::write(&file, body).unwrap();
    let store = tmp.path().join("kg");
    igokg(&store).arg("import").arg("cow").arg(&file).assert().success();
    let run = |name: &str| -> String {
        let out = igokg(&store)
            .arg("query")
            .arg("-f")
            .arg(dir.join(name))
            .args(["--format", "csv"])
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        String::from_utf8(out).unwrap()
    };
    let members = run("members-in-year.rq");
    assert!(members.contains("Armenia,full,2012") && members.contains("Russia,full,2012"), "{members}");
    let with_year = |name: &str, from: &str, to: &str| -> String {
        let text = std::fs::read_to_string(dir.join(name)).unwrap().replace(from, to);
        let out = igokg(&store).args(["query", &text, "--format", "csv"]).assert().success().get_output().stdout.clone();
        String::from_utf8(out).unwrap()
    };
    let shared = with_year("states-sharing-most-organisations.rq", "2010 \"Correlates", "2013 \"Correlates");
    assert!(shared.contains("Armenia,2"), "{shared}");
    let shared = run("states-sharing-most-organisations.rq");
    assert_eq!(shared.lines().count(), 1, "Russia was in neither organisation in 2010: {shared}");
    assert!(run("count-per-state-per-year.rq").lines().count() == 1, "no memberships in 2000 in this table");
    assert!(run("membership-first-last-year.rq").contains("Collective Security Treaty Organization,full,2012,ongoing in 2014"));
    let rejoined = with_year("left-and-rejoined.rq", "igoid:Q148", "igoid:Q159");
    assert!(rejoined.contains("Long,2010,2011,full"), "{rejoined}");
}
