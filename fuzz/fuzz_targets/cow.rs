//! Arbitrary bytes as a COW IGO table (`igokg import cow`): the reader must never panic, and a
//! table it accepts must give valid facts.

#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fuzz_target!(|data: &[u8]| {
    static GAZ: OnceLock<igokg::gazetteer::Gazetteer> = OnceLock::new();
    let gaz = GAZ.get_or_init(igokg::gazetteer::Gazetteer::builtin);
    if let Ok(import) = igokg::ingest::cow::read(data, "fuzz.tsv", "fuzz", gaz, None, &mut |_| {}) {
        for f in &import.facts {
            igokg::model::Fact::new(f.kind, f.args.clone(), f.provenance.clone()).expect("an imported fact passes the model's checks");
        }
    }
});
