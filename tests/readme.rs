//! Docs that run: every `igokg …` line in the README's "Using it" section runs, in order, on a
//! fresh store, and succeeds.

use std::path::Path;
use std::process::Command;

#[test]
fn every_command_of_the_readme_usage_section_works() {
    let readme = std::fs::read_to_string("README.md").unwrap();
    let start = readme.find("## Using it").expect("a Using it section");
    let end = readme[start + 3..].find("\n## ").map_or(readme.len(), |e| start + 3 + e);
    let mut in_block = false;
    let mut lines = Vec::new();
    for line in readme[start..end].lines() {
        if line.starts_with("```") {
            in_block = !in_block;
            continue;
        }
        if in_block && line.starts_with("igokg ") {
            lines.push(line.to_owned());
        }
    }
    assert!(lines.len() >= 20, "{lines:?}");
    let bin = Path::new(env!("CARGO_BIN_EXE_igokg"));
    let dir = tempfile::tempdir().unwrap();
    let path = format!("{}:{}", bin.parent().unwrap().display(), std::env::var("PATH").unwrap_or_default());
    for line in &lines {
        let out = Command::new("bash").args(["-c", line]).env("PATH", &path).env("IGOKG_STORE", dir.path().join("kg")).output().unwrap();
        assert!(out.status.success(), "README command failed: {line}\n{}", String::from_utf8_lossy(&out.stderr));
    }
}
