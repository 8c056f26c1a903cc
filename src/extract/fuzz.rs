//! The fuzzing entry point: what `igokg extract` does with one document — decode the bytes,
//! extract in every language, write JSON Lines and quads — with the promises it makes checked.
//!
//! One function serves two drivers, so that a crash found by one is reproduced by the other:
//! the cargo-fuzz target `fuzz/fuzz_targets/extract.rs` (coverage-guided, unbounded) and the
//! test `the_fuzz_entry_survives_mutated_articles` in `tests/extract.rs` (a fixed seed, a
//! bounded number of mutated development-set articles, run by `cargo test`).

use super::{decode, fact_to_json, ExtractError, Extractor, Options};
use crate::gazetteer::Gazetteer;
use crate::model::PartialDate;
use std::sync::OnceLock;

/// The extractor over the built-in gazetteer, built once per process.
fn extractor() -> &'static Extractor<'static> {
    static GAZ: OnceLock<Gazetteer> = OnceLock::new();
    static X: OnceLock<Extractor<'static>> = OnceLock::new();
    X.get_or_init(|| Extractor::new(GAZ.get_or_init(Gazetteer::builtin)))
}

/// Runs the extractor on arbitrary bytes and returns the number of facts found.
///
/// Bytes that are not UTF-8 must be refused with the offset of the first invalid byte. Text is
/// extracted four times (language detected from the script, then forced to `ar`, `ru` and
/// `en`; with and without a publication date), and each fact goes through the JSON Lines and
/// RDF mappings.
///
/// # Panics
///
/// On any broken promise, which is what a fuzzer looks for: a wrong error offset, an error
/// other than "not UTF-8", a fact without a span, rule or language, or a span that does not
/// point at its quote (`text[start..end] == quote`, in Unicode code points).
pub fn fuzz_one(data: &[u8]) -> usize {
    let text = match decode(data, "fuzz") {
        Ok(t) => t,
        Err(ExtractError::NotUtf8 { offset, .. }) => {
            assert!(offset < data.len(), "error offset {offset} past the end ({} bytes)", data.len());
            assert!(std::str::from_utf8(&data[..offset]).is_ok(), "bytes before offset {offset} are not valid UTF-8");
            return 0;
        }
        Err(e) => panic!("decoding failed with {e}"),
    };
    let chars: Vec<char> = text.chars().collect();
    let x = extractor();
    let published = Some(PartialDate::Date(2024, 11, 28));
    let mut n = 0;
    for (lang, published) in [(None, None), (Some("ar"), published), (Some("ru"), None), (Some("en"), published)] {
        let opts = Options { source: "fuzz".into(), lang: lang.map(str::to_owned), published, ..Options::default() };
        let facts = match x.extract(text, &opts) {
            Ok(f) => f,
            Err(e) => panic!("extract ({lang:?}) failed with {e}"),
        };
        let mut quads = Vec::new();
        for f in &facts {
            let p = &f.provenance;
            let Some((s, e)) = p.span else { panic!("a {} fact without a span", f.kind.as_str()) };
            assert!(s <= e && e <= chars.len(), "span {s}..{e} outside a text of {} code points", chars.len());
            let quote: String = chars[s..e].iter().collect();
            assert_eq!(Some(&quote), p.quote.as_ref(), "span {s}..{e} does not point at the quote");
            assert!(p.rule.as_deref().is_some_and(|r| r.contains('/')), "a fact without a rule id");
            assert!(p.lang.is_some(), "a fact without a language");
            if let Err(e) = serde_json::to_string(&fact_to_json(f)) {
                panic!("JSON Lines form: {e}");
            }
            crate::rdf::fact_quads(f, &mut quads);
        }
        n += facts.len();
    }
    n
}
