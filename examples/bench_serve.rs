//! Load generator for `igokg serve`: N client threads for D seconds of mixed queries (the
//! members/chairs/summits conveniences' SPARQL for CSTO and the example queries), each a POST
//! of application/sparql-query over a fresh HTTP/1.1 connection.
//!
//!   cargo run --example bench_serve -- http://127.0.0.1:7878 32 20
//!
//! Prints requests/s, p50/p99 latency and failures (non-2xx or I/O errors).

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

fn post(host: &str, q: &str) -> Result<u16, String> {
    let mut s = TcpStream::connect(host).map_err(|e| e.to_string())?;
    s.set_read_timeout(Some(Duration::from_secs(120))).map_err(|e| e.to_string())?;
    let head = format!(
        "POST /sparql HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\nContent-Type: application/sparql-query\r\nAccept: application/sparql-results+json\r\nContent-Length: {}\r\n\r\n",
        q.len()
    );
    s.write_all(head.as_bytes()).and_then(|_| s.write_all(q.as_bytes())).map_err(|e| e.to_string())?;
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).map_err(|e| e.to_string())?;
    let line = String::from_utf8_lossy(&raw[..raw.len().min(20)]).to_string();
    line.split_whitespace().nth(1).and_then(|c| c.parse().ok()).ok_or_else(|| format!("bad response: {line}"))
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let url = args.get(1).cloned().unwrap_or_else(|| "http://127.0.0.1:7878".into());
    let clients: usize = args.get(2).and_then(|a| a.parse().ok()).unwrap_or(32);
    let secs: u64 = args.get(3).and_then(|a| a.parse().ok()).unwrap_or(20);
    let host = url.trim_start_matches("http://").trim_end_matches('/').to_owned();
    let org: oxigraph::model::Term = oxigraph::model::NamedNode::new("https://w3id.org/igokg/id/Q318693").unwrap().into();
    let mut queries = vec![
        igokg::query::members(org.clone(), None, "en").text(),
        igokg::query::members(org.clone(), Some("2024-11-28".parse().unwrap()), "ru").text(),
        igokg::query::chairs(org.clone(), "en").text(),
        igokg::query::summits(org, "ar").text(),
    ];
    for q in [
        include_str!("queries/members-in-year.rq"),
        include_str!("queries/membership-first-last-year.rq"),
        include_str!("queries/count-per-state-per-year.rq"),
    ] {
        queries.push(q.to_owned());
    }
    let end = Instant::now() + Duration::from_secs(secs);
    let start = Instant::now();
    let handles: Vec<_> = (0..clients)
        .map(|c| {
            let (host, queries) = (host.clone(), queries.clone());
            std::thread::spawn(move || {
                let (mut lat, mut fails, mut i) = (Vec::new(), 0usize, c);
                while Instant::now() < end {
                    let t = Instant::now();
                    match post(&host, &queries[i % queries.len()]) {
                        Ok(s) if (200..300).contains(&s) => lat.push(t.elapsed()),
                        _ => fails += 1,
                    }
                    i += 1;
                }
                (lat, fails)
            })
        })
        .collect();
    let (mut lat, mut fails) = (Vec::new(), 0);
    for h in handles {
        let (l, f) = h.join().unwrap();
        lat.extend(l);
        fails += f;
    }
    let wall = start.elapsed().as_secs_f64();
    lat.sort();
    let pct =
        |p: f64| lat.get(((lat.len() as f64 * p) as usize).min(lat.len().saturating_sub(1))).map_or(0.0, |d| d.as_secs_f64() * 1000.0);
    println!(
        "{} clients, {:.1} s, {} queries: {} ok, {fails} failed, {:.1} requests/s, p50 {:.1} ms, p99 {:.1} ms",
        clients,
        wall,
        queries.len(),
        lat.len(),
        lat.len() as f64 / wall,
        pct(0.5),
        pct(0.99)
    );
}
