//! Fixture tests: each CSV table in tests/fixtures/facts/ maps to exactly the sorted N-Quads in
//! the `.nq` file beside it. Set `UPDATE_EXPECT=1` to rewrite the expected files after an
//! intended change of the mapping, and review the diff.

use igokg::gazetteer::Gazetteer;
use igokg::ingest::table::read_facts;
use igokg::rdf;
use std::path::Path;

fn mapped(csv: &Path, gaz: &Gazetteer) -> String {
    let name = csv.file_name().unwrap().to_str().unwrap();
    let kind = if name.starts_with("membership-only") { Some(igokg::model::FactKind::Membership) } else { None };
    let facts = read_facts(std::fs::File::open(csv).unwrap(), name, kind, gaz, None).unwrap();
    let mut quads = Vec::new();
    for f in &facts {
        rdf::source_quads(&rdf::SourceMeta::from_provenance(&f.provenance), &mut quads);
        rdf::fact_quads(f, &mut quads);
    }
    let mut lines: Vec<String> = quads.iter().map(|q| format!("{q} .")).collect();
    lines.sort();
    lines.dedup();
    lines.join("\n") + "\n"
}

#[test]
fn each_fact_table_maps_to_its_expected_quads() {
    let gaz = Gazetteer::builtin();
    let mut checked = 0;
    for entry in std::fs::read_dir("tests/fixtures/facts").unwrap() {
        let path = entry.unwrap().path();
        if path.extension().and_then(|e| e.to_str()) != Some("csv") {
            continue;
        }
        let got = mapped(&path, &gaz);
        let expected_path = path.with_extension("nq");
        if std::env::var_os("UPDATE_EXPECT").is_some() {
            std::fs::write(&expected_path, &got).unwrap();
        }
        let expected = std::fs::read_to_string(&expected_path)
            .unwrap_or_else(|_| panic!("{} is missing: run with UPDATE_EXPECT=1", expected_path.display()));
        if got != expected {
            let diff: Vec<String> = got
                .lines()
                .filter(|l| !expected.contains(*l))
                .map(|l| format!("+ {l}"))
                .chain(expected.lines().filter(|l| !got.contains(*l)).map(|l| format!("- {l}")))
                .collect();
            panic!("{} differs from {}:\n{}", path.display(), expected_path.display(), diff.join("\n"));
        }
        checked += 1;
    }
    assert!(checked >= 2);
}
