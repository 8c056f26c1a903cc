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
    gunzipped_text(&cow_table(name))
}

/// A gzip-compressed file, uncompressed as it is read.
pub fn gunzip(file: &Path) -> flate2::read::MultiGzDecoder<std::fs::File> {
    flate2::read::MultiGzDecoder::new(std::fs::File::open(file).unwrap_or_else(|e| panic!("{}: {e}", file.display())))
}

/// The text of a gzip-compressed UTF-8 file.
pub fn gunzipped_text(file: &Path) -> String {
    let mut text = String::new();
    std::io::Read::read_to_string(&mut gunzip(file), &mut text).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    text
}

/// Spawns a prepared `igokg … serve --bind 127.0.0.1:0 …` command, waits for its
/// "igokg: serving … at URL" line, and collects the rest of its standard error in the
/// background. Returns the child, the URL without a trailing slash, and that standard error.
pub fn start_server(cmd: &mut std::process::Command) -> (std::process::Child, String, std::sync::Arc<std::sync::Mutex<String>>) {
    use std::io::{BufRead, BufReader};
    let mut child = cmd.stderr(std::process::Stdio::piped()).stdout(std::process::Stdio::null()).spawn().unwrap();
    let mut err = BufReader::new(child.stderr.take().unwrap());
    let mut line = String::new();
    err.read_line(&mut line).unwrap();
    assert!(line.contains("igokg: serving"), "{line}");
    let url = line.split(" at ").nth(1).unwrap().split_whitespace().next().unwrap().trim_end_matches('/').to_owned();
    let stderr = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
    let sink = stderr.clone();
    std::thread::spawn(move || {
        for l in err.lines().map_while(Result::ok) {
            let mut s = sink.lock().unwrap();
            s.push_str(&l);
            s.push('\n');
        }
    });
    (child, url, stderr)
}
