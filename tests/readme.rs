//! Docs that run: every `igokg …` line in the README's "Using it" section runs, in order, on a
//! fresh store, and succeeds (a line `! igokg …` succeeds when igokg fails, as it must there).

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
        // `! igokg …` is a command that must fail (bash inverts its status).
        if in_block && (line.starts_with("igokg ") || line.starts_with("! igokg ")) {
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

/// The README's "Sharing the graph" block runs as it stands, with free ports: a line ending in
/// `&` starts a server (stopped at the end) and the next lines wait until it answers.
#[test]
fn the_sharing_block_of_the_readme_works() {
    if std::process::Command::new("sh").args(["-c", "command -v oxigraph"]).output().map_or(true, |o| !o.status.success()) {
        assert!(std::env::var_os("IGOKG_SKIP_SERVERS").is_some(), "the oxigraph server is not installed: run `bash .ci/setup`");
        return;
    }
    let readme = std::fs::read_to_string("README.md").unwrap();
    let start = readme.find("## Sharing the graph").expect("a Sharing the graph section");
    let block_start = start + readme[start..].find("```sh\n").expect("a code block") + 6;
    let block = &readme[block_start..block_start + readme[block_start..].find("```").unwrap()];
    let free = || std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port().to_string();
    let (p1, p2) = (free(), free());
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("oxigraph-db");
    let bin = Path::new(env!("CARGO_BIN_EXE_igokg"));
    let path = format!("{}:{}", bin.parent().unwrap().display(), std::env::var("PATH").unwrap_or_default());
    let store = dir.path().join("kg");
    let ingest = Command::new(bin)
        .args(["ingest", "examples/csto-summit-astana-2024.facts.csv", "examples/csto-membership-history.csv"])
        .env("IGOKG_STORE", &store)
        .output()
        .unwrap();
    assert!(ingest.status.success());
    let mut servers = Vec::new();
    for line in block.lines().filter(|l| !l.trim().is_empty()) {
        let line = line.replace("7878", &p1).replace("7879", &p2).replace("/tmp/igokg-oxigraph-db", &db.display().to_string());
        let mut cmd = Command::new("bash");
        cmd.env("PATH", &path).env("IGOKG_STORE", &store);
        if let Some(i) = line.find(" &") {
            let port = if line.contains(&p1) { &p1 } else { &p2 };
            let child = cmd
                .args(["-c", &format!("exec {}", &line[..i])])
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::null())
                .spawn()
                .unwrap();
            servers.push(child);
            let t0 = std::time::Instant::now();
            while std::net::TcpStream::connect(format!("127.0.0.1:{port}")).is_err() {
                assert!(t0.elapsed().as_secs() < 60, "{line}: nothing listens on {port}");
                std::thread::sleep(std::time::Duration::from_millis(100));
            }
            continue;
        }
        let out = cmd.args(["-c", &line]).output().unwrap();
        let ok = out.status.success() && !out.stdout.is_empty() || line.contains(" push ");
        assert!(
            out.status.success() && ok,
            "README command failed: {line}\n{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
    for mut s in servers {
        let _ = s.kill();
        let _ = s.wait();
    }
}
