//! Throughput of the article extractor on one core: MB/s and facts/s.
//!
//! Builds at least 10 MB of text by repeating the development set (tests/fixtures/devset/*.txt)
//! and extracts each copy as its own document, as `igokg extract` does file by file.
//!
//! ```sh
//! cargo run --release --example bench_extract            # 10 MB
//! cargo run --release --example bench_extract -- 50      # 50 MB
//! ```

use igokg::extract::{Extractor, Options};
use igokg::gazetteer::Gazetteer;
use std::time::Instant;

fn main() {
    let target_mb: f64 = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(10.0);
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/devset");
    let mut docs: Vec<(String, String)> = std::fs::read_dir(&dir)
        .expect("tests/fixtures/devset")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .map(|p| (p.file_name().unwrap().to_string_lossy().into_owned(), std::fs::read_to_string(&p).unwrap()))
        .collect();
    docs.sort();
    let set_bytes: usize = docs.iter().map(|d| d.1.len()).sum();
    let rounds = ((target_mb * 1e6) / set_bytes as f64).ceil() as usize;
    let gaz = Gazetteer::builtin();
    let t0 = Instant::now();
    let x = Extractor::new(&gaz);
    let setup = t0.elapsed();
    let (mut bytes, mut facts, mut n) = (0usize, 0usize, 0usize);
    let t = Instant::now();
    for _ in 0..rounds {
        for (name, text) in &docs {
            let opts = Options { source: name.clone(), ..Options::default() };
            facts += x.extract(text, &opts).expect("extract").len();
            bytes += text.len();
            n += 1;
        }
    }
    let secs = t.elapsed().as_secs_f64();
    println!("documents      {n} ({} articles x {rounds})", docs.len());
    println!("text           {:.1} MB", bytes as f64 / 1e6);
    println!("facts          {facts}");
    println!("setup          {:.0} ms (gazetteer dictionary)", setup.as_secs_f64() * 1e3);
    println!("time           {secs:.2} s");
    println!("throughput     {:.2} MB/s", bytes as f64 / 1e6 / secs);
    println!("facts/s        {:.0}", facts as f64 / secs);
    // One big document: the same text as a single input.
    let big: String = docs.iter().map(|d| d.1.as_str()).collect::<Vec<_>>().join("\n\n").repeat(rounds.div_ceil(4).max(1));
    let t = Instant::now();
    let f = x.extract(&big, &Options { source: "big".into(), ..Options::default() }).expect("extract").len();
    let secs = t.elapsed().as_secs_f64();
    println!("single document {:.1} MB: {secs:.2} s, {:.2} MB/s, {f} facts", big.len() as f64 / 1e6, big.len() as f64 / 1e6 / secs);
}
