//! Latency of the conveniences on an existing store, measured in-process (no process start) the
//! way the CLI asks them (`Graph::open_read`, `Graph::resolve`, `Graph::run`: the store's as-of
//! mode, sorted list cells): `members ORG --at YEAR`, the per-state count
//! (`memberships-count STATE --at YEAR`), the count for every state in a year, and
//! `partners STATE --at YEAR`. Prints, tab-separated, name, rows, median and p90 in ms
//! (`bench/perf.sh` reads these lines).
//!
//! ```sh
//! cargo run --release --example bench_queries -- STORE [ORG] [STATE] [YEAR] [RUNS]
//! cargo run --release --example bench_queries -- /tmp/kg UN France 2000 50
//! ```
//!
//! `BENCH_ONLY=TEXT` runs only the questions whose name contains TEXT (to profile one).
//! `BENCH_RAW_STORE=DIR BENCH_RAW_QUERIES="A.rq B.rq"` also times each of those SPARQL files,
//! as they are, on the Oxigraph store DIR opened read-only (union default graph): `bench/perf.sh`
//! runs the naive mapping's own questions with it, to tell what igokg's build of the engine
//! costs from what its questions cost (lines named `raw FILE`).

use igokg::model::{EntityType, PartialDate};
use igokg::query::{self, Prepared};
use igokg::Graph;
use oxigraph::model::{NamedNode, Term};
use oxigraph::sparql::{QueryResults, SparqlEvaluator};
use std::time::Instant;

fn count(results: QueryResults<'_>) -> usize {
    match results {
        QueryResults::Solutions(s) => s.inspect(|s| assert!(s.is_ok(), "solution")).count(),
        _ => 0,
    }
}

/// Runs `run` 3 times to warm up, then `runs` times; prints name, rows, median and p90 in ms.
fn time(name: &str, runs: usize, run: impl Fn() -> usize) {
    let mut rows = 0;
    for _ in 0..3 {
        rows = run();
    }
    let mut t: Vec<f64> = (0..runs)
        .map(|_| {
            let t0 = Instant::now();
            std::hint::black_box(run());
            t0.elapsed().as_secs_f64() * 1e3
        })
        .collect();
    t.sort_by(f64::total_cmp);
    let pct = |q: f64| t[((t.len() as f64 - 1.0) * q).round() as usize];
    println!("{name}\t{rows}\t{:.2}\t{:.2}", pct(0.5), pct(0.9));
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let path = args.first().expect("usage: bench_queries STORE [ORG] [STATE] [YEAR] [RUNS]");
    let org = args.get(1).map_or("UN", String::as_str);
    let state = args.get(2).map_or("France", String::as_str);
    let year: i32 = args.get(3).and_then(|y| y.parse().ok()).unwrap_or(2000);
    let runs: usize = args.get(4).and_then(|y| y.parse().ok()).unwrap_or(50);
    let graph = Graph::open_read(std::path::Path::new(path)).expect("store");
    let term = |name: &str, t: EntityType| -> Term { NamedNode::new(graph.resolve(name, &[t]).expect("known name").iri).unwrap().into() };
    let (o, s) = (term(org, EntityType::Organization), term(state, EntityType::State));
    let cases: Vec<(String, Prepared)> = vec![
        (format!("members {org} --at {year}"), query::members(o, Some(PartialDate::Year(year)), "en")),
        (format!("memberships-count {state} --at {year}"), query::memberships_count(Some(s.clone()), year..=year, None, "en")),
        (format!("memberships-count --at {year} (every state)"), query::memberships_count(None, year..=year, None, "en")),
        (format!("partners {state} --at {year}"), query::partners(s, year, 10, None, "en")),
    ];
    eprintln!("store: {path} ({} quads), {runs} runs after 3 warm-up runs", graph.store().len().unwrap_or(0));
    println!("query\trows\tmedian ms\tp90 ms");
    let only = std::env::var("BENCH_ONLY").unwrap_or_default();
    for (name, p) in cases.iter().filter(|(name, _)| name.contains(&only)) {
        time(name, runs, || count(graph.run(p).expect("query")));
    }
    if let (Ok(dir), Ok(files)) = (std::env::var("BENCH_RAW_STORE"), std::env::var("BENCH_RAW_QUERIES")) {
        let store = oxigraph::store::Store::open_read_only(&dir).expect("raw store");
        for file in files.split_whitespace() {
            let text = std::fs::read_to_string(file).expect("raw query file");
            let name = format!("raw {}", std::path::Path::new(file).file_name().map_or(file.into(), |f| f.to_string_lossy()));
            time(&name, runs, || {
                let mut q = SparqlEvaluator::new().parse_query(&text).expect("raw query");
                q.dataset_mut().set_default_graph_as_union();
                count(q.on_store(&store).execute().expect("raw query"))
            });
        }
    }
}
