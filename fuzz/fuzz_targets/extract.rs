//! Arbitrary bytes into the extractor, as `igokg extract` reads a file: UTF-8 check, then
//! extraction in every language, with the span and error-offset promises checked
//! (`igokg::extract::fuzz_one`, also run for a bounded number of inputs by `cargo test`).

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    igokg::extract::fuzz_one(data);
});
