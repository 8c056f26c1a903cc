//! `igokg serve`: the store over HTTP (see `igokg::serve`): hyper in front, queries in a pool
//! of worker processes (`igokg serve --worker`, this same file).

use super::StorePath;
use anyhow::{bail, Context, Result};
use igokg::serve::http::HttpLimits;
use igokg::serve::pool::{Pool, PoolConfig};
use igokg::serve::{Config, Service};
use igokg::sparql_guard::Limits;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

/// Serve the store over HTTP: a web page to search, browse and query it, the SPARQL 1.1
/// Protocol at /sparql, SPARQL Update at /update and the Graph Store Protocol at /store.
/// Read-only unless --allow-update, and writes need the bearer token. Each query is evaluated
/// in a worker process that is killed when it passes --timeout or --max-memory, or when its
/// client goes; no request can stop the server. SIGTERM or Ctrl-C stop it after the requests
/// in flight (--grace). Pages of other origins are refused unless --cors names them.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  igokg serve                                   # http://127.0.0.1:7878/, read-only
  curl -H 'Accept: text/csv' --data-urlencode 'query=SELECT * WHERE { ?s ?p ?o } LIMIT 5' http://127.0.0.1:7878/sparql
  igokg serve --timeout 5 --max-memory 512 --threads 2   # tighter budgets per query
  igokg serve --cors https://example.org        # let pages of that origin read the answers
  igokg serve --default-graph default            # standard SPARQL: the default graph is the store's own
  IGOKG_TOKEN=s3cret igokg serve --allow-update --bind 127.0.0.1:7878
  curl -X PUT -H 'Authorization: Bearer s3cret' -H 'Content-Type: text/turtle' --data-binary @g.ttl 'http://127.0.0.1:7878/store?graph=https://example.org/g'")]
pub struct Args {
    /// Address and port to listen on (loopback by default; port 0 picks a free one). On
    /// loopback the Host header must name this address (421 otherwise)
    #[arg(long, default_value = "127.0.0.1:7878")]
    pub bind: String,
    /// Accept SPARQL Update and Graph Store writes (needs --token or IGOKG_TOKEN)
    #[arg(long)]
    pub allow_update: bool,
    /// The bearer token that writes must carry (`Authorization: Bearer T`)
    #[arg(long, env = "IGOKG_TOKEN", hide_env_values = true)]
    pub token: Option<String>,
    /// Seconds a query or update may run; its evaluation is then stopped (503)
    #[arg(long, default_value_t = 30)]
    pub timeout: u64,
    /// MiB of memory one query may use; its evaluation is then stopped (503)
    #[arg(long, default_value_t = 2048, value_parser = clap::value_parser!(u64).range(16..))]
    pub max_memory: u64,
    /// Rows (or triples) of one answer; more are cut and `X-Igokg-Truncated: true` is set
    #[arg(long, default_value_t = 100_000)]
    pub max_rows: usize,
    /// Largest request body in bytes (413 above, answered before the body is read)
    #[arg(long, default_value_t = 16 << 20)]
    pub max_body: usize,
    /// The default graph of a query without FROM: union (all graphs) or default (the store's
    /// default graph alone, as standard SPARQL clients expect)
    #[arg(long, value_enum, default_value_t = igokg::store::DefaultGraph::Union, value_name = "GRAPH")]
    pub default_graph: igokg::store::DefaultGraph,
    /// Query worker processes (queries evaluated at once); more queries wait for one
    #[arg(long, default_value_t = 4, value_parser = clap::value_parser!(u16).range(1..=256))]
    pub threads: u16,
    /// Connections open at once; more wait in the kernel's queue
    #[arg(long, default_value_t = 256, value_parser = clap::value_parser!(u32).range(1..=100_000))]
    pub max_connections: u32,
    /// Seconds a client has to send its request head, and then its body
    #[arg(long, default_value_t = 10)]
    pub read_timeout: u64,
    /// Seconds a connection may make no progress (a client that does not read its answer, or
    /// an idle keep-alive connection) before it is closed
    #[arg(long, default_value_t = 30)]
    pub idle_timeout: u64,
    /// Seconds given to requests in flight after SIGTERM or SIGINT
    #[arg(long, default_value_t = 10)]
    pub grace: u64,
    /// Allow pages of this origin (`https://example.org`, or `*` for any) to read answers (CORS);
    /// repeat for more. Off by default: only the server's own page
    #[arg(long, value_name = "ORIGIN")]
    pub cors: Vec<String>,
    /// MiB of answers kept for repeated queries (emptied by every write); 0 keeps none
    #[arg(long, default_value_t = 64)]
    pub cache_mib: usize,
    /// Run as a query worker of a server (internal: started by `igokg serve` itself)
    #[arg(long, hide = true)]
    pub worker: bool,
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
    let max_memory = args.max_memory << 20;
    if args.worker {
        return igokg::serve::pool::worker_main(&store.0, max_memory).context("query worker");
    }
    let token = args.token.filter(|t| !t.is_empty());
    if args.allow_update && token.is_none() {
        bail!("--allow-update needs a token that writers must send: pass --token T or set IGOKG_TOKEN (e.g. IGOKG_TOKEN=$(openssl rand -hex 16))");
    }
    if args.timeout == 0 {
        bail!("--timeout must be at least 1 second");
    }
    let st = if args.allow_update { store.open_for_write()?.into_store() } else { store.open_for_read()?.into_store() };
    let listener = std::net::TcpListener::bind(&args.bind).with_context(|| format!("cannot listen on {}", args.bind))?;
    let addr = listener.local_addr()?;
    // On loopback only the names of the loopback address are accepted in Host (DNS rebinding).
    let hosts = if addr.ip().is_loopback() {
        let port = addr.port();
        let mut h = vec![format!("{addr}"), format!("localhost:{port}")];
        h.push(if addr.is_ipv6() { format!("[::1]:{port}") } else { format!("127.0.0.1:{port}") });
        h.dedup();
        h
    } else {
        Vec::new()
    };
    let config = Config {
        limits: Limits::default(),
        timeout: Duration::from_secs(args.timeout),
        max_rows: args.max_rows,
        max_body: args.max_body,
        allow_update: args.allow_update,
        token,
        default_graph: args.default_graph,
        cors: args.cors.clone(),
        hosts,
    };
    // Written before the workers start: a command run beside the server while they start is
    // told to go through it (not that the store is "being written").
    let url = format!("http://{addr}/");
    let lock = write_lock(&store.0, &url, args.allow_update)?;
    let program = std::env::current_exe().context("cannot find the igokg executable to start query workers")?;
    let pool = Pool::new(PoolConfig {
        program,
        args: vec![
            "--store".into(),
            store.0.display().to_string(),
            "serve".into(),
            "--worker".into(),
            "--max-memory".into(),
            args.max_memory.to_string(),
        ],
        size: usize::from(args.threads),
        max_memory,
    })
    .context("cannot start the query workers")?;
    let service = Arc::new(Service::new(st, config)?.with_pool(pool.clone()).with_cache(args.cache_mib << 20));
    let mode = if args.allow_update { "updates allowed" } else { "read-only" };
    eprintln!("igokg: serving {} at {url} ({mode})", store.0.display());

    let limits = HttpLimits {
        max_body: args.max_body,
        max_connections: args.max_connections as usize,
        header_timeout: Duration::from_secs(args.read_timeout.max(1)),
        body_timeout: Duration::from_secs(args.read_timeout.max(1)),
        // A connection waits for its answer while the query runs: never close it before.
        idle_timeout: Duration::from_secs(args.idle_timeout.max(args.timeout + 5)),
        write_timeout: Duration::from_secs(args.idle_timeout.max(1)),
        grace: Duration::from_secs(args.grace),
        handler_threads: usize::from(args.threads) * 4 + 16,
        ..HttpLimits::default()
    };
    let stopped = igokg::serve::http::run(service, listener, limits, None).context("the HTTP server failed")?;
    drop(pool);
    drop(lock);
    if stopped.abandoned > 0 {
        eprintln!("igokg: stopped serving {} ({} connection(s) cut after --grace)", store.0.display(), stopped.abandoned);
    } else {
        eprintln!("igokg: stopped serving {}", store.0.display());
    }
    Ok(())
}

fn write_lock(store: &Path, url: &str, updates: bool) -> Result<LockFile> {
    let path = store.join(LOCK_FILE);
    let body =
        serde_json::json!({"pid": std::process::id(), "url": url.trim_end_matches('/'), "started": super::now(), "updates": updates});
    std::fs::write(&path, serde_json::to_vec_pretty(&body)?).with_context(|| format!("cannot write {}", path.display()))?;
    Ok(LockFile(path))
}
