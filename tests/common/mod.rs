//! Helpers shared by the integration tests (each test crate uses a subset of them).
#![allow(dead_code)]

use assert_cmd::Command;
use std::path::{Path, PathBuf};

/// The real binary on the store in `store`, ignoring any IGOKG_STORE of the environment.
pub fn igokg(store: &Path) -> Command {
    let mut c = Command::cargo_bin("igokg").expect("the igokg binary");
    c.arg("--store").arg(store).env_remove("IGOKG_STORE");
    c
}

/// The fact tables of examples/, sorted.
pub fn examples() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let mut v: Vec<PathBuf> =
        std::fs::read_dir(dir).unwrap().flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == "csv")).collect();
    v.sort();
    v
}

/// A COW IGO v3.0 table shipped in data/cow/ (`igo_year_formatv3` or `state_year_formatv3`),
/// gzip-compressed as `igokg import cow` reads it.
pub fn cow_table(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data/cow").join(format!("{name}.tsv.gz"))
}

/// The text of a shipped COW table, uncompressed.
pub fn cow_text(name: &str) -> String {
    use std::io::Read;
    let f = std::fs::File::open(cow_table(name)).unwrap_or_else(|e| panic!("{}: {e}", cow_table(name).display()));
    let mut s = String::new();
    flate2::read::MultiGzDecoder::new(f).read_to_string(&mut s).expect("a gzip-compressed UTF-8 table");
    s
}
