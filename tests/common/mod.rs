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
