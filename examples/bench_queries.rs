//! Latency of the conveniences on an existing store, measured in-process (no process start):
//! `members ORG --at YEAR`, the per-state count (`memberships-count STATE --at YEAR`), the count
//! for every state in a year, and `partners STATE --at YEAR`. Prints median and p90 in ms.
//!
//! ```sh
//! cargo run --release --example bench_queries -- STORE [ORG] [STATE] [YEAR] [RUNS]
//! cargo run --release --example bench_queries -- /tmp/kg UN France 2000 50
//! ```

use igokg::model::{EntityType, PartialDate};
use igokg::query::{self, Prepared};
use igokg::store::Store;
use oxigraph::model::{NamedNode, Term};
use oxigraph::sparql::QueryResults;
use std::time::Instant;

fn run(store: &Store, p: &Prepared) -> usize {
    match store.query_prepared(p).expect("query") {
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
    let store = Store::open_existing(std::path::Path::new(path)).expect("store");
    let gaz = store.gazetteer().expect("gazetteer");
    let term =
        |name: &str, t: EntityType| -> Term { NamedNode::new(gaz.resolve(name, &[t]).expect("known name").iri.clone()).unwrap().into() };
    let (o, s) = (term(org, EntityType::Organization), term(state, EntityType::State));
    let cases: Vec<(String, Prepared)> = vec![
        (format!("members {org} --at {year}"), query::members(o, Some(PartialDate::Year(year)), "en")),
        (format!("memberships-count {state} --at {year}"), query::memberships_count(Some(s.clone()), year..=year, None, "en")),
        (format!("memberships-count --at {year} (every state)"), query::memberships_count(None, year..=year, None, "en")),
        (format!("partners {state} --at {year}"), query::partners(s, year, 10, None, "en")),
    ];
    println!("store: {path} ({} quads), {runs} runs after 3 warm-up runs", store.len().unwrap_or(0));
    println!("{:<58} {:>6} {:>10} {:>10}", "query", "rows", "median ms", "p90 ms");
    for (name, p) in &cases {
        let mut rows = 0;
        for _ in 0..3 {
            rows = run(&store, p);
        }
        let mut t: Vec<f64> = (0..runs)
            .map(|_| {
                let t0 = Instant::now();
                std::hint::black_box(run(&store, p));
                t0.elapsed().as_secs_f64() * 1e3
            })
            .collect();
        t.sort_by(f64::total_cmp);
        let pct = |q: f64| t[((t.len() as f64 - 1.0) * q).round() as usize];
        println!("{name:<58} {rows:>6} {:>10.2} {:>10.2}", pct(0.5), pct(0.9));
    }
}
