//! Arbitrary bytes as a fact table (`igokg ingest`): the reader must never panic, and every
//! fact it accepts must pass the model's checks and map to RDF whose literals pass the
//! project's literal checks.

#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fuzz_target!(|data: &[u8]| {
    static GAZ: OnceLock<igokg::gazetteer::Gazetteer> = OnceLock::new();
    let gaz = GAZ.get_or_init(igokg::gazetteer::Gazetteer::builtin);
    if let Ok(facts) = igokg::ingest::table::read_facts(data, "fuzz.csv", None, gaz, Some("2026-01-01T00:00:00Z")) {
        for f in &facts {
            igokg::model::Fact::new(f.kind, f.args.clone(), f.provenance.clone()).expect("an accepted fact passes the model's checks");
            let mut quads = Vec::new();
            igokg::rdf::fact_quads(f, &mut quads);
            for q in &quads {
                if let oxigraph::model::Term::Literal(l) = &q.object {
                    igokg::ingest::literal::check(l).expect("an accepted fact maps to valid literals");
                }
            }
        }
    }
});
