//! `igokg serve`: the store over HTTP (see `igokg::serve`), on a pool of worker threads.

use super::StorePath;
use anyhow::{anyhow, bail, Context, Result};
use igokg::serve::{Body, Config, Request, Service};
use igokg::sparql_guard::{Limits, STACK_SIZE};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

/// Serve the store over HTTP: a web page to search, browse and query it, the SPARQL 1.1
/// Protocol at /sparql, SPARQL Update at /update and the Graph Store Protocol at /store.
/// Read-only unless --allow-update, and writes need the bearer token.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  igokg serve                                   # http://127.0.0.1:7878/, read-only
  curl -H 'Accept: text/csv' --data-urlencode 'query=SELECT * WHERE { ?s ?p ?o } LIMIT 5' http://127.0.0.1:7878/sparql
  igokg serve --default-graph default            # standard SPARQL: the default graph is the store's own
  IGOKG_TOKEN=s3cret igokg serve --allow-update --bind 127.0.0.1:7878
  curl -X PUT -H 'Authorization: Bearer s3cret' -H 'Content-Type: text/turtle' --data-binary @g.ttl 'http://127.0.0.1:7878/store?graph=https://example.org/g'")]
pub struct Args {
    /// Address and port to listen on (loopback by default; port 0 picks a free one)
    #[arg(long, default_value = "127.0.0.1:7878")]
    pub bind: String,
    /// Accept SPARQL Update and Graph Store writes (needs --token or IGOKG_TOKEN)
    #[arg(long)]
    pub allow_update: bool,
    /// The bearer token that writes must carry (`Authorization: Bearer T`)
    #[arg(long, env = "IGOKG_TOKEN", hide_env_values = true)]
    pub token: Option<String>,
    /// Seconds a query or update may run before it is cancelled (503)
    #[arg(long, default_value_t = 30)]
    pub timeout: u64,
    /// Rows (or triples) of one answer; more are cut and `X-Igokg-Truncated: true` is set
    #[arg(long, default_value_t = 100_000)]
    pub max_rows: usize,
    /// Largest request body in bytes (413 above)
    #[arg(long, default_value_t = 16 << 20)]
    pub max_body: usize,
    /// The default graph of a query without FROM: union (all graphs) or default (the store's
    /// default graph alone, as standard SPARQL clients expect)
    #[arg(long, value_enum, default_value_t = igokg::store::DefaultGraph::Union, value_name = "GRAPH")]
    pub default_graph: igokg::store::DefaultGraph,
    /// Worker threads (requests answered at once)
    #[arg(long, default_value_t = 16, value_parser = clap::value_parser!(u16).range(1..=1024))]
    pub threads: u16,
}

/// `STORE/igokg-serve.lock.json`: tells other igokg commands who holds the store.
pub const LOCK_FILE: &str = igokg::store::SERVE_LOCK_FILE;

/// Removes the lock file when dropped (normal exit, error, or signal-driven shutdown).
struct LockFile(PathBuf);

impl Drop for LockFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

pub fn run(args: Args, store: &StorePath) -> Result<()> {
    let token = args.token.filter(|t| !t.is_empty());
    if args.allow_update && token.is_none() {
        bail!("--allow-update needs a token that writers must send: pass --token T or set IGOKG_TOKEN (e.g. IGOKG_TOKEN=$(openssl rand -hex 16))");
    }
    if args.timeout == 0 {
        bail!("--timeout must be at least 1 second");
    }
    let st = if args.allow_update { store.open_for_write()?.into_store() } else { store.open_for_read()?.into_store() };
    let config = Config {
        limits: Limits { refuse_materialised_products: true, ..Limits::default() },
        timeout: Duration::from_secs(args.timeout),
        max_rows: args.max_rows,
        max_body: args.max_body,
        allow_update: args.allow_update,
        token,
        default_graph: args.default_graph,
    };
    let service = Arc::new(Service::new(st, config)?);
    let server = Arc::new(tiny_http::Server::http(&args.bind).map_err(|e| anyhow!("cannot listen on {}: {e}", args.bind))?);
    let addr = server.server_addr().to_ip().ok_or_else(|| anyhow!("{} is not an IP address", args.bind))?;
    let url = format!("http://{addr}/");
    let lock = write_lock(&store.0, &url, args.allow_update)?;

    // No signal handler: SIGTERM or Ctrl-C end the process (RocksDB's log keeps every
    // committed write); a lock file left behind names a dead pid and is ignored.
    let mode = if args.allow_update { "updates allowed" } else { "read-only" };
    eprintln!("igokg: serving {} at {url} ({mode})", store.0.display());

    let mut workers = Vec::new();
    for i in 0..args.threads {
        let (server, service) = (server.clone(), service.clone());
        let w = std::thread::Builder::new()
            .name(format!("igokg-serve-{i}"))
            .stack_size(STACK_SIZE)
            .spawn(move || worker(&server, &service))
            .context("cannot start a worker thread")?;
        workers.push(w);
    }
    for w in workers {
        let _ = w.join();
    }
    drop(lock);
    eprintln!("igokg: stopped serving {}", store.0.display());
    Ok(())
}

fn write_lock(store: &Path, url: &str, updates: bool) -> Result<LockFile> {
    let path = store.join(LOCK_FILE);
    let body =
        serde_json::json!({"pid": std::process::id(), "url": url.trim_end_matches('/'), "started": super::now(), "updates": updates});
    std::fs::write(&path, serde_json::to_vec_pretty(&body)?).with_context(|| format!("cannot write {}", path.display()))?;
    Ok(LockFile(path))
}

fn worker(server: &tiny_http::Server, service: &Service) {
    loop {
        let Ok(mut rq) = server.recv() else { break };
        let max_body = service.config().max_body;
        let req = read_request(&mut rq, max_body);
        let resp = match req {
            Ok(req) => service.handle(&req),
            Err(resp) => resp,
        };
        let mut headers: Vec<tiny_http::Header> =
            resp.headers.iter().filter_map(|(n, v)| tiny_http::Header::from_bytes(n.as_bytes(), v.as_bytes()).ok()).collect();
        headers.push(tiny_http::Header::from_bytes(&b"Server"[..], &b"igokg"[..]).expect("a valid header"));
        let status = tiny_http::StatusCode(resp.status);
        let _ = match resp.body {
            Body::Bytes(b) => {
                let n = b.len();
                rq.respond(tiny_http::Response::new(status, headers, std::io::Cursor::new(b), Some(n), None))
            }
            Body::Stream(r) => rq.respond(tiny_http::Response::new(status, headers, r, None, None)),
        };
    }
}

/// The request as the service sees it; a body over `max_body` is answered 413 without reading it all.
fn read_request(rq: &mut tiny_http::Request, max_body: usize) -> std::result::Result<Request, igokg::serve::Response> {
    let too_large = || {
        let mut r = igokg::serve::Response::error(413, format!("the request body is larger than {max_body} bytes (--max-body)"));
        r.headers.push(("Access-Control-Allow-Origin".into(), "*".into()));
        r.headers.push(("Connection".into(), "close".into()));
        r
    };
    if rq.body_length().is_some_and(|n| n > max_body) {
        return Err(too_large());
    }
    let mut body = Vec::new();
    rq.as_reader()
        .take(max_body as u64 + 1)
        .read_to_end(&mut body)
        .map_err(|e| igokg::serve::Response::error(400, format!("cannot read the request body: {e}")))?;
    if body.len() > max_body {
        return Err(too_large());
    }
    Ok(Request {
        method: rq.method().as_str().to_owned(),
        url: rq.url().to_owned(),
        headers: rq.headers().iter().map(|h| (h.field.as_str().as_str().to_owned(), h.value.as_str().to_owned())).collect(),
        body,
    })
}
