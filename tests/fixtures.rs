//! Fixture tests: each CSV table in tests/fixtures/facts/ maps to exactly the sorted N-Quads in
//! the `.nq` file beside it, and each table with a bad row (`*-bad-row.csv`) is refused with
//! exactly the message in the `.err` file beside it. Set `UPDATE_EXPECT=1` to rewrite the
//! expected files after an intended change of the mapping, and review the diff.

use igokg::gazetteer::Gazetteer;
use igokg::ingest::table::read_facts;
use igokg::rdf;
use std::path::Path;

/// The sorted N-Quads of a table, or the message that refuses it. Tables whose name starts with
/// `membership-` have no `kind` column and are read as memberships.
fn mapped(csv: &Path, gaz: &Gazetteer, file: std::fs::File) -> Result<String, String> {
    let name = csv.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let kind = if name.starts_with("membership-") { Some(igokg::model::FactKind::Membership) } else { None };
    let facts = read_facts(file, &name, kind, gaz, None).map_err(|e| e.to_string() + "\n")?;
    let mut quads = Vec::new();
    for f in &facts {
        rdf::source_quads(&rdf::SourceMeta::from_provenance(&f.provenance), &mut quads);
        rdf::fact_quads(f, &mut quads);
    }
    let mut lines: Vec<String> = quads.iter().map(|q| format!("{q} .")).collect();
    lines.sort();
    lines.dedup();
    Ok(lines.join("\n") + "\n")
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
        let refused = path.file_stem().unwrap().to_str().unwrap().ends_with("-bad-row");
        let got = match (mapped(&path, &gaz, std::fs::File::open(&path).unwrap()), refused) {
            (Ok(quads), false) => quads,
            (Err(message), true) => message,
            (Ok(_), true) => panic!("{} has a bad row but was accepted", path.display()),
            (Err(message), false) => panic!("{} was refused: {message}", path.display()),
        };
        let expected_path = path.with_extension(if refused { "err" } else { "nq" });
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
    assert!(checked >= 3);
}
