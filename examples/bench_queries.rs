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

use igokg::model::{EntityType, PartialDate};
use igokg::query::{self, Prepared};
use igokg::Graph;
use oxigraph::model::{NamedNode, Term};
use oxigraph::sparql::QueryResults;
use std::time::Instant;

fn run(graph: &Graph, p: &Prepared) -> usize {
    match graph.run(p).expect("query") {
        QueryResults::Solutions(s) => s.inspect(|s| assert!(s.is_ok(), "solution")).count(),
        _ => 0,
    }
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
        let mut rows = 0;
        for _ in 0..3 {
            rows = run(&graph, p);
        }
        let mut t: Vec<f64> = (0..runs)
            .map(|_| {
                let t0 = Instant::now();
                std::hint::black_box(run(&graph, p));
                t0.elapsed().as_secs_f64() * 1e3
            })
            .collect();
        t.sort_by(f64::total_cmp);
        let pct = |q: f64| t[((t.len() as f64 - 1.0) * q).round() as usize];
        println!("{name}\t{rows}\t{:.2}\t{:.2}", pct(0.5), pct(0.9));
    }
}
