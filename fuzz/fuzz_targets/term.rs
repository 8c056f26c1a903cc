//! Arbitrary text as a term of `igokg add triple`: the parser must never panic, and a term it
//! accepts must serialise to text that parses back to the same term (no text can smuggle a
//! second term or a query fragment through).

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(t) = igokg::ingest::term::parse_term(text) {
        let again = igokg::ingest::term::parse_term(&t.to_string()).expect("a serialised term parses");
        assert_eq!(t, again, "round trip of {text:?}");
    }
});
