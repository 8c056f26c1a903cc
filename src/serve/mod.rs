//! `igokg serve`: the store over HTTP — the SPARQL 1.1 Protocol (`/sparql`, `/query`), SPARQL
//! 1.1 Update (`/update`), the Graph Store HTTP Protocol (`/store`), a web page (`/`) and the
//! JSON the page uses (`/api/examples`, `/api/search`, `/api/neighbourhood`).
//!
//! The handler is a plain function from a [`Request`] to a [`Response`] ([`Service::handle`]),
//! so it is tested and fuzzed without sockets; [`http`] moves bytes between hyper and it and
//! owns the limits of sockets (body size, header size, timeouts, connections, shutdown).
//! Every query runs under the `sparql_guard` limits and a [`Deadline`]; with a [`pool`] of
//! worker processes (as `igokg serve` runs) it is evaluated in a process that is killed at the
//! deadline, at its memory budget or when its client goes, since Oxigraph does not look at its
//! cancellation token inside every operator. Every error is a one-line `text/plain` message;
//! writes need `--allow-update` and a bearer token, and SPARQL Update passes the literal checks
//! of every other door ([`update`]). CORS is off unless origins are listed, and on loopback the
//! `Host` header must name the bound address (DNS rebinding). Call [`Service::handle`] on a
//! thread with a stack of `sparql_guard::STACK_SIZE`.

pub mod cache;
pub mod http;
pub mod pool;
pub mod update;

use crate::format::{rdf_serializer, Format};
use crate::gazetteer::Gazetteer;
use crate::ingest::rdf_file;
use crate::model::{Entity, EntityType, PartialDate};
use crate::normalize::normalize;
use crate::query;
use crate::sparql_guard::{Deadline, Limits};
use crate::store::{Store, StoreError};
use oxigraph::io::RdfFormat;
use oxigraph::model::{GraphName, GraphNameRef, NamedNode, NamedOrBlankNode, Quad, Term};
use oxigraph::sparql::results::QueryResultsSerializer;
use oxigraph::sparql::{QueryEvaluationError, QueryResults, QuerySolution};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::io::Read;
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration;

const PAGE: &str = include_str!("page/index.html");

/// The example queries offered by the page: (file stem, text).
const EXAMPLES: &[(&str, &str)] = &[
    ("count-per-state-per-year", include_str!("../../examples/queries/count-per-state-per-year.rq")),
    ("left-and-rejoined", include_str!("../../examples/queries/left-and-rejoined.rq")),
    ("members-in-year", include_str!("../../examples/queries/members-in-year.rq")),
    ("membership-first-last-year", include_str!("../../examples/queries/membership-first-last-year.rq")),
    ("states-sharing-most-organisations", include_str!("../../examples/queries/states-sharing-most-organisations.rq")),
];

/// What the server allows.
#[derive(Debug, Clone)]
pub struct Config {
    pub limits: Limits,
    pub timeout: Duration,
    /// Rows (or triples) of one answer; more are cut and `X-Igokg-Truncated: true` is set.
    pub max_rows: usize,
    /// Bytes of a request body.
    pub max_body: usize,
    pub allow_update: bool,
    /// The bearer token writes must carry.
    pub token: Option<String>,
    /// The default graph of a SPARQL query without FROM (union of all graphs, or the store's).
    pub default_graph: crate::store::DefaultGraph,
    /// Origins allowed to read answers from a web page of another origin (CORS); empty: none.
    pub cors: Vec<String>,
    /// The `Host` header values accepted (`127.0.0.1:7878`, `localhost:7878`, …); empty: any.
    /// Set on loopback, so that a DNS-rebinding site cannot reach the server by another name.
    pub hosts: Vec<String>,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            limits: Limits::default(),
            timeout: Duration::from_secs(30),
            max_rows: 100_000,
            max_body: 16 << 20,
            allow_update: false,
            token: None,
            default_graph: crate::store::DefaultGraph::Union,
            cors: Vec::new(),
            hosts: Vec::new(),
        }
    }
}

/// An HTTP request as the handler sees it.
#[derive(Debug, Clone, Default)]
pub struct Request {
    pub method: String,
    /// Path and query string (`/sparql?query=…`).
    pub url: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    /// Set when the client has gone (its connection closed): evaluation stops.
    pub gone: Option<Arc<AtomicBool>>,
}

impl Request {
    pub fn new(method: &str, url: &str) -> Self {
        Self { method: method.to_owned(), url: url.to_owned(), ..Default::default() }
    }

    pub fn with_header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.to_owned(), value.to_owned()));
        self
    }

    pub fn with_body(mut self, body: impl Into<Vec<u8>>) -> Self {
        self.body = body.into();
        self
    }

    /// The first header of that name (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    fn path(&self) -> &str {
        self.url.split_once('?').map_or(self.url.as_str(), |(p, _)| p)
    }

    fn query_string(&self) -> &str {
        self.url.split_once('?').map_or("", |(_, q)| q)
    }

    fn media_type(&self) -> String {
        self.header("Content-Type").unwrap_or("").split(';').next().unwrap_or("").trim().to_ascii_lowercase()
    }
}

/// A response body: bytes, or a reader streamed with chunked encoding.
pub enum Body {
    Bytes(Vec<u8>),
    Stream(Box<dyn Read + Send>),
}

impl std::fmt::Debug for Body {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Bytes(b) => write!(f, "Bytes({} bytes)", b.len()),
            Self::Stream(_) => f.write_str("Stream"),
        }
    }
}

/// An HTTP response.
#[derive(Debug)]
pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Body,
}

impl Response {
    fn new(status: u16, content_type: &str, body: impl Into<Vec<u8>>) -> Self {
        Self { status, headers: vec![("Content-Type".into(), content_type.into())], body: Body::Bytes(body.into()) }
    }

    /// An error: a one-line plain-text message.
    pub fn error(status: u16, message: impl AsRef<str>) -> Self {
        let line = message.as_ref().replace(['\r', '\n'], " ");
        Self::new(status, "text/plain; charset=utf-8", format!("{}\n", line.trim()))
    }

    fn empty(status: u16) -> Self {
        Self { status, headers: vec![], body: Body::Bytes(vec![]) }
    }

    fn json(v: &Value) -> Self {
        Self::new(200, "application/json; charset=utf-8", serde_json::to_vec(v).unwrap_or_default())
    }

    fn with_header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.to_owned(), value.to_owned()));
        self
    }

    /// The first header of that name (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    /// The body as bytes (a stream is read to its end).
    pub fn into_bytes(self) -> std::io::Result<Vec<u8>> {
        match self.body {
            Body::Bytes(b) => Ok(b),
            Body::Stream(mut r) => {
                let mut v = Vec::new();
                r.read_to_end(&mut v)?;
                Ok(v)
            }
        }
    }
}

/// The formats of SELECT/ASK answers, the first the default, with the media types that ask for them.
const RESULT_TYPES: &[(&str, Format)] = &[
    ("application/sparql-results+json", Format::Json),
    ("application/json", Format::Json),
    ("application/sparql-results+xml", Format::Xml),
    ("application/xml", Format::Xml),
    ("text/xml", Format::Xml),
    ("text/csv", Format::Csv),
    ("text/tab-separated-values", Format::Tsv),
];

/// The formats of graphs (CONSTRUCT, DESCRIBE, one graph of the Graph Store).
const GRAPH_TYPES: &[(&str, Format)] = &[
    ("text/turtle", Format::Turtle),
    ("application/x-turtle", Format::Turtle),
    ("application/n-triples", Format::NTriples),
    ("text/plain", Format::NTriples),
    ("application/rdf+xml", Format::RdfXml),
    ("application/ld+json", Format::JsonLd),
    ("application/n-quads", Format::NQuads),
    ("application/trig", Format::TriG),
];

/// The formats of the whole dataset.
const DATASET_TYPES: &[(&str, Format)] = &[("application/n-quads", Format::NQuads), ("application/trig", Format::TriG)];

/// Chooses among `offered` (the first is the default) by an `Accept` header with q-values: the
/// offered type whose most specific matching range has the highest q (ties: the earlier
/// offered). `None` when the header excludes everything offered.
pub fn negotiate(accept: Option<&str>, offered: &[(&str, Format)]) -> Option<Format> {
    let accept = accept.map(str::trim).filter(|a| !a.is_empty());
    let Some(accept) = accept else { return offered.first().map(|o| o.1) };
    // (type, subtype, q)
    let ranges: Vec<(String, String, f32)> = accept
        .split(',')
        .filter_map(|r| {
            let mut parts = r.split(';');
            let mt = parts.next()?.trim().to_ascii_lowercase();
            let (t, s) = mt.split_once('/')?;
            let mut q = 1.0f32;
            for p in parts {
                if let Some((k, v)) = p.split_once('=') {
                    if k.trim().eq_ignore_ascii_case("q") {
                        q = v.trim().parse().unwrap_or(0.0);
                    }
                }
            }
            Some((t.trim().to_owned(), s.trim().to_owned(), q.clamp(0.0, 1.0)))
        })
        .collect();
    let mut best: Option<(f32, Format)> = None;
    for (i, (mt, f)) in offered.iter().enumerate() {
        // An alias (a later name of a format already offered) counts only when named exactly.
        let alias = offered[..i].iter().any(|o| o.1 == *f);
        let (t, s) = mt.split_once('/').unwrap_or((mt, ""));
        // The most specific matching range decides: 2 exact, 1 type/*, 0 */*.
        let mut m: Option<(u8, f32)> = None;
        for (rt, rs, q) in &ranges {
            let spec = if rt == t && rs == s {
                2
            } else if alias {
                continue;
            } else if rt == t && rs == "*" {
                1
            } else if rt == "*" && rs == "*" {
                0
            } else {
                continue;
            };
            if m.is_none_or(|(ms, _)| spec > ms) {
                m = Some((spec, *q));
            }
        }
        if let Some((_, q)) = m {
            if q > 0.0 && best.is_none_or(|(bq, _)| q > bq) {
                best = Some((q, *f));
            }
        }
    }
    best.map(|b| b.1)
}

fn not_acceptable(offered: &[(&str, Format)]) -> Response {
    let list: Vec<&str> = offered.iter().map(|o| o.0).collect();
    Response::error(406, format!("none of the accepted media types is offered here; offered: {}", list.join(", ")))
}

/// Parses `a=1&b=2` (percent- and plus-decoded).
pub fn parse_query_string(qs: &str) -> Vec<(String, String)> {
    form_urlencoded::parse(qs.as_bytes()).into_owned().collect()
}

fn param<'a>(params: &'a [(String, String)], name: &str) -> Option<&'a str> {
    params.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
}

/// Compares two secrets in time independent of where they differ (their SHA-256 digests, so
/// the length does not leak either).
pub fn token_matches(given: &str, expected: &str) -> bool {
    let a = Sha256::digest(given.as_bytes());
    let b = Sha256::digest(expected.as_bytes());
    a.iter().zip(b.iter()).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// The bearer token of an `Authorization` header.
fn bearer(req: &Request) -> Option<&str> {
    let h = req.header("Authorization")?.trim();
    let (scheme, token) = h.split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then(|| token.trim())
}

/// The store served over HTTP.
pub struct Service {
    store: Store,
    config: Config,
    gazetteer: RwLock<Arc<Gazetteer>>,
    pool: Option<Arc<pool::Pool>>,
    cache: Option<Mutex<cache::AnswerCache>>,
}

impl Service {
    /// A service that evaluates queries in its own process (tests, the fuzz target).
    pub fn new(store: Store, config: Config) -> Result<Self, StoreError> {
        let gaz = store.gazetteer()?;
        Ok(Self { store, config, gazetteer: RwLock::new(Arc::new(gaz)), pool: None, cache: None })
    }

    /// Evaluates SPARQL queries in the worker processes of `pool` (killed at the deadline, the
    /// memory budget, or when the client goes).
    pub fn with_pool(mut self, pool: Arc<pool::Pool>) -> Self {
        self.pool = Some(pool);
        self
    }

    /// Keeps up to `bytes` of answers to repeated queries ([`cache`]); 0 keeps none.
    pub fn with_cache(mut self, bytes: usize) -> Self {
        self.cache = (bytes > 0).then(|| Mutex::new(cache::AnswerCache::new(bytes)));
        self
    }

    fn cache(&self) -> Option<std::sync::MutexGuard<'_, cache::AnswerCache>> {
        self.cache.as_ref().map(|c| c.lock().unwrap_or_else(std::sync::PoisonError::into_inner))
    }

    pub fn config(&self) -> &Config {
        &self.config
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    fn gazetteer(&self) -> Arc<Gazetteer> {
        self.gazetteer.read().unwrap_or_else(std::sync::PoisonError::into_inner).clone()
    }

    /// Entities added by a write become searchable, and workers see the write.
    fn refresh_gazetteer(&self) {
        if let Some(p) = &self.pool {
            p.bump_generation();
        }
        if let Some(mut c) = self.cache() {
            c.clear();
        }
        if let Ok(g) = self.store.gazetteer() {
            *self.gazetteer.write().unwrap_or_else(std::sync::PoisonError::into_inner) = Arc::new(g);
        }
    }

    /// Answers one request: the `Host` check, the CORS policy, then the route.
    pub fn handle(&self, req: &Request) -> Response {
        if !self.config.hosts.is_empty() {
            let host = req.header("Host").unwrap_or("").trim();
            if !self.config.hosts.iter().any(|h| h.eq_ignore_ascii_case(host)) {
                let shown: String = host.chars().take(100).collect();
                return Response::error(
                    421,
                    format!(
                        "this server answers only for Host {} (it listens on loopback), not for Host '{shown}': a page of another site may be trying to reach it by a name of its own (DNS rebinding)",
                        self.config.hosts.join(", ")
                    ),
                );
            }
        }
        // A request from a page of another origin (a browser says which in `Origin`): refused
        // unless --cors lists that origin. The page served here is same-origin.
        let origin = req.header("Origin").map(str::trim).filter(|o| !self.same_origin(o, req));
        let allowed = origin.is_some_and(|o| self.config.cors.iter().any(|c| c == o || c == "*"));
        if let (Some(o), false) = (origin, allowed) {
            let shown: String = o.chars().take(100).collect();
            return Response::error(
                403,
                format!("a request from a page of another origin ({shown}) is refused: start the server with `--cors {shown}` to allow that origin"),
            );
        }
        let mut resp = self.route(req);
        if let (Some(o), true) = (origin, allowed) {
            resp.headers.push(("Access-Control-Allow-Origin".into(), o.to_owned()));
            resp.headers.push(("Vary".into(), "Origin".into()));
            resp.headers.push(("Access-Control-Expose-Headers".into(), "X-Igokg-Truncated".into()));
            if req.method.eq_ignore_ascii_case("OPTIONS") {
                resp.headers.push(("Access-Control-Allow-Methods".into(), "GET, POST, PUT, DELETE, OPTIONS".into()));
                resp.headers.push(("Access-Control-Allow-Headers".into(), "Content-Type, Authorization, Accept".into()));
                resp.headers.push(("Access-Control-Max-Age".into(), "86400".into()));
            }
        }
        resp
    }

    /// Is `origin` (`http://host:port`) the server's own, as the request's `Host` names it?
    fn same_origin(&self, origin: &str, req: &Request) -> bool {
        let host = req.header("Host").unwrap_or("").trim();
        !host.is_empty() && origin.strip_prefix("http://").is_some_and(|o| o.eq_ignore_ascii_case(host))
    }

    fn route(&self, req: &Request) -> Response {
        let path = req.path();
        let allow = match path {
            "/" | "/index.html" | "/api/examples" | "/api/search" | "/api/neighbourhood" => "GET, OPTIONS",
            "/sparql" | "/query" => "GET, POST, OPTIONS",
            "/update" => "POST, OPTIONS",
            "/store" => "GET, PUT, POST, DELETE, OPTIONS",
            _ => return Response::error(404, format!("nothing at {path}: try / (the page), /sparql, /update or /store")),
        };
        let method = req.method.to_ascii_uppercase();
        if method == "OPTIONS" {
            return Response::empty(204).with_header("Allow", allow);
        }
        if !allow.split(", ").any(|m| m == method) {
            return Response::error(405, format!("{method} is not allowed on {path} (allowed: {allow})")).with_header("Allow", allow);
        }
        if req.body.len() > self.config.max_body {
            return Response::error(413, format!("the request body is larger than {} bytes (--max-body)", self.config.max_body));
        }
        match path {
            "/" | "/index.html" => Response::new(200, "text/html; charset=utf-8", PAGE).with_header("Cache-Control", "no-cache"),
            "/api/examples" => Response::json(&examples_json()),
            "/api/search" => self.search(req),
            "/api/neighbourhood" => self.neighbourhood(req),
            "/sparql" | "/query" => self.sparql(req),
            "/update" => self.update(req),
            _ => self.graph_store(req),
        }
    }

    // ---------- SPARQL 1.1 Protocol ----------

    fn sparql(&self, req: &Request) -> Response {
        let params = parse_query_string(req.query_string());
        if param(&params, "default-graph-uri").is_some() || param(&params, "named-graph-uri").is_some() {
            return Response::error(
                400,
                "default-graph-uri and named-graph-uri are not supported: name the graphs in the query (FROM, GRAPH)",
            );
        }
        let text = if req.method.eq_ignore_ascii_case("GET") {
            match param(&params, "query") {
                Some(q) => q.to_owned(),
                None => return Response::error(400, "missing the query parameter: GET /sparql?query=SELECT…"),
            }
        } else {
            match req.media_type().as_str() {
                "application/sparql-query" => match String::from_utf8(req.body.clone()) {
                    Ok(s) => s,
                    Err(_) => return Response::error(400, "the query is not UTF-8"),
                },
                "application/x-www-form-urlencoded" => {
                    let form = parse_query_string(&String::from_utf8_lossy(&req.body));
                    if param(&form, "default-graph-uri").is_some() || param(&form, "named-graph-uri").is_some() {
                        return Response::error(
                            400,
                            "default-graph-uri and named-graph-uri are not supported: name the graphs in the query (FROM, GRAPH)",
                        );
                    }
                    match (param(&form, "query"), param(&form, "update")) {
                        (Some(q), _) => q.to_owned(),
                        (None, Some(u)) => return self.run_update(req, u),
                        (None, None) => return Response::error(400, "the form has neither query= nor update="),
                    }
                }
                "application/sparql-update" => return self.update(req),
                other => {
                    return Response::error(
                        415,
                        format!("unsupported Content-Type '{other}': send application/sparql-query or application/x-www-form-urlencoded"),
                    )
                }
            }
        };
        self.run_query(req, &text)
    }

    fn run_query(&self, req: &Request, text: &str) -> Response {
        if text.trim().is_empty() {
            return Response::error(400, "empty query");
        }
        let accept = req.header("Accept").map(str::to_owned);
        let (mut epoch, mut flight) = (0, None);
        if let Some(mut c) = self.cache() {
            epoch = c.epoch();
            match c.lookup(text, accept.as_deref()) {
                cache::Lookup::Hit(hit) => return hit,
                cache::Lookup::Lead(f) => flight = Some(f),
                cache::Lookup::Follow(f) => {
                    drop(c);
                    if let Some(answer) = f.wait(self.config.timeout) {
                        return answer;
                    }
                }
                cache::Lookup::Alone => {}
            }
        }
        let resp = self.evaluate(req, text, accept.clone());
        if let Some(mut c) = self.cache() {
            match &flight {
                Some(f) => c.land(f, epoch, text, accept.as_deref(), &resp),
                None => c.put(epoch, text, accept.as_deref(), &resp),
            }
        }
        resp
    }

    /// How queries are read: no base IRI of the server's own (a query carries its BASE), and
    /// the default graph chosen with `--default-graph`.
    fn query_options(&self) -> crate::store::QueryOptions {
        crate::store::QueryOptions { base: None, default_graph: self.config.default_graph }
    }

    fn evaluate(&self, req: &Request, text: &str, accept: Option<String>) -> Response {
        match &self.pool {
            Some(pool) => {
                let job = pool::Job {
                    query: text.to_owned(),
                    accept,
                    timeout_ms: u64::try_from(self.config.timeout.as_millis()).unwrap_or(u64::MAX),
                    max_rows: self.config.max_rows,
                    limits: self.config.limits,
                    options: self.query_options(),
                    generation: 0,
                };
                pool.run(job, req.gone.clone())
            }
            None => {
                let deadline = Deadline::watching(self.config.timeout, req.gone.clone());
                answer_query(
                    &self.store,
                    text,
                    &self.query_options(),
                    accept.as_deref(),
                    &self.config.limits,
                    self.config.max_rows,
                    &deadline,
                )
            }
        }
    }

    fn store_error(&self, e: StoreError) -> Response {
        store_error(e, self.config.timeout)
    }

    // ---------- SPARQL 1.1 Update ----------

    /// Writes need `--allow-update` (else 403) and the bearer token (else 401).
    fn authorize_write(&self, req: &Request) -> Result<(), Response> {
        if !self.config.allow_update {
            return Err(Response::error(
                403,
                "this server is read-only: start it with `igokg serve --allow-update --token T` to accept writes",
            ));
        }
        let ok = match (&self.config.token, bearer(req)) {
            (Some(expected), Some(given)) => token_matches(given, expected),
            _ => false,
        };
        if ok {
            Ok(())
        } else {
            Err(Response::error(401, "writes need the header `Authorization: Bearer <token>` with the server's token")
                .with_header("WWW-Authenticate", "Bearer realm=\"igokg\""))
        }
    }

    fn update(&self, req: &Request) -> Response {
        let text = match req.media_type().as_str() {
            "application/sparql-update" => match String::from_utf8(req.body.clone()) {
                Ok(s) => s,
                Err(_) => return Response::error(400, "the update is not UTF-8"),
            },
            "application/x-www-form-urlencoded" => {
                let form = parse_query_string(&String::from_utf8_lossy(&req.body));
                match param(&form, "update") {
                    Some(u) => u.to_owned(),
                    None => return Response::error(400, "the form has no update="),
                }
            }
            other => {
                return Response::error(
                    415,
                    format!("unsupported Content-Type '{other}': send application/sparql-update or a form with update="),
                )
            }
        };
        self.run_update(req, &text)
    }

    fn run_update(&self, req: &Request, text: &str) -> Response {
        if let Err(r) = self.authorize_write(req) {
            return r;
        }
        let deadline = Deadline::watching(self.config.timeout, req.gone.clone());
        match update::run(&self.store, text, &self.config.limits, &deadline) {
            Ok(_) => {
                self.refresh_gazetteer();
                Response::empty(204)
            }
            Err(e) => self.store_error(e),
        }
    }

    // ---------- Graph Store HTTP Protocol ----------

    fn graph_store(&self, req: &Request) -> Response {
        let params = parse_query_string(req.query_string());
        let target = match (param(&params, "graph"), params.iter().any(|(k, _)| k == "default")) {
            (Some(_), true) => return Response::error(400, "give either ?graph=IRI or ?default, not both"),
            (Some(g), false) => match NamedNode::new(g) {
                Ok(n) => Some(GraphName::NamedNode(n)),
                Err(e) => return Response::error(400, format!("graph is not an IRI: {e}")),
            },
            (None, true) => Some(GraphName::DefaultGraph),
            (None, false) => None,
        };
        let method = req.method.to_ascii_uppercase();
        if method == "GET" {
            return self.graph_get(req, target.as_ref());
        }
        let Some(target) = target else {
            return Response::error(400, "name the graph: /store?graph=IRI or /store?default");
        };
        if let Err(r) = self.authorize_write(req) {
            return r;
        }
        let result = match method.as_str() {
            "DELETE" => self.graph_delete(&target),
            _ => self.graph_write(req, &target, method == "PUT"),
        };
        if result.status < 300 {
            self.refresh_gazetteer();
        }
        result
    }

    fn graph_exists(&self, g: &GraphName) -> Result<bool, StoreError> {
        Ok(match g {
            GraphName::NamedNode(n) => self.store.inner().contains_named_graph(n)?,
            GraphName::DefaultGraph => {
                self.store.inner().quads_for_pattern(None, None, None, Some(GraphNameRef::DefaultGraph)).next().is_some()
            }
            GraphName::BlankNode(_) => false,
        })
    }

    fn graph_get(&self, req: &Request, target: Option<&GraphName>) -> Response {
        let accept = req.header("Accept");
        let (offered, format) = match target {
            Some(_) => (GRAPH_TYPES, negotiate(accept, GRAPH_TYPES)),
            None => (DATASET_TYPES, negotiate(accept, DATASET_TYPES)),
        };
        let Some(format) = format else { return not_acceptable(offered) };
        let Some(rdf) = format.rdf() else { return not_acceptable(offered) };
        if let Some(GraphName::NamedNode(n)) = target {
            match self.store.inner().contains_named_graph(n) {
                Ok(true) => {}
                Ok(false) => return Response::error(404, format!("no graph {n} in the store")),
                Err(e) => return Response::error(500, e.to_string()),
            }
        }
        let quads = self.store.inner().quads_for_pattern(None, None, None, target.map(GraphName::as_ref));
        let as_triples = target.is_some();
        let stream = QuadStream::new(quads, rdf, as_triples);
        Response { status: 200, headers: vec![("Content-Type".into(), content_type(format))], body: Body::Stream(Box::new(stream)) }
    }

    fn graph_delete(&self, target: &GraphName) -> Response {
        let run = || -> Result<bool, StoreError> {
            let existed = self.graph_exists(target)?;
            if !existed {
                return Ok(false);
            }
            let mut t = self.store.inner().start_transaction()?;
            match target {
                GraphName::NamedNode(n) => t.remove_named_graph(n)?,
                _ => t.clear_graph(GraphNameRef::DefaultGraph)?,
            }
            t.commit()?;
            Ok(true)
        };
        match run() {
            Ok(true) => Response::empty(204),
            Ok(false) => Response::error(404, format!("no graph {target} in the store")),
            Err(e) => Response::error(500, e.to_string()),
        }
    }

    fn graph_write(&self, req: &Request, target: &GraphName, replace: bool) -> Response {
        let media = req.media_type();
        let format = match media.as_str() {
            "text/turtle" | "application/x-turtle" => RdfFormat::Turtle,
            "application/n-triples" => RdfFormat::NTriples,
            "application/rdf+xml" => RdfFormat::RdfXml,
            "application/ld+json" => RdfFormat::JsonLd { profile: Default::default() },
            other => {
                return Response::error(
                    415,
                    format!("unsupported Content-Type '{other}': send text/turtle, application/n-triples, application/rdf+xml or application/ld+json"),
                )
            }
        };
        let name = "the request body";
        if format == RdfFormat::RdfXml {
            if let Err(e) = rdf_file::check_rdfxml_prolog(name, &req.body) {
                return Response::error(400, e.to_string());
            }
        }
        let body: &[u8] = req.body.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(&req.body);
        let input = rdf_file::RdfInput::new(name, format, target.clone());
        let quads: Vec<Quad> = match rdf_file::parse(&input, Box::new(body)).collect::<Result<_, _>>() {
            Ok(q) => q,
            Err(e) => return Response::error(400, e.to_string()),
        };
        let run = || -> Result<bool, StoreError> {
            let existed = self.graph_exists(target)?;
            let mut t = self.store.inner().start_transaction()?;
            if replace {
                t.clear_graph(target.as_ref())?;
            }
            if let GraphName::NamedNode(n) = target {
                t.insert_named_graph(NamedOrBlankNode::NamedNode(n.clone()).as_ref());
            }
            t.extend(&quads);
            t.commit()?;
            Ok(existed)
        };
        match run() {
            Ok(false) => Response::empty(201),
            Ok(true) => Response::empty(204),
            Err(e) => Response::error(500, e.to_string()),
        }
    }

    // ---------- JSON for the page ----------

    fn search(&self, req: &Request) -> Response {
        let params = parse_query_string(req.query_string());
        let q = param(&params, "q").unwrap_or("").trim();
        let limit = match param(&params, "limit").map(str::parse::<usize>) {
            None => 20,
            Some(Ok(n)) => n.min(500),
            Some(Err(_)) => return Response::error(400, "limit must be a whole number"),
        };
        let lang = param(&params, "lang").unwrap_or("en");
        let gaz = self.gazetteer();
        Response::json(&Value::Array(search(&gaz, q, limit, lang)))
    }

    fn neighbourhood(&self, req: &Request) -> Response {
        let params = parse_query_string(req.query_string());
        let Some(org) = param(&params, "org") else { return Response::error(400, "missing org=IRI") };
        let org = match NamedNode::new(org) {
            Ok(n) => n,
            Err(e) => return Response::error(400, format!("org is not an IRI: {e}")),
        };
        let at = match param(&params, "at").map(str::trim).filter(|a| !a.is_empty()).map(str::parse::<PartialDate>) {
            None => None,
            Some(Ok(d)) => Some(d),
            Some(Err(e)) => return Response::error(400, format!("at: {e}")),
        };
        // No date asks for the current state (today's members, chair and summits), never
        // for every member there ever was.
        let at = at.unwrap_or_else(|| {
            use chrono::Datelike;
            let now = chrono::Utc::now().date_naive();
            PartialDate::Date(now.year(), now.month() as u8, now.day() as u8)
        });
        let lang = param(&params, "lang").unwrap_or("en");
        let gaz = self.gazetteer();
        let Some(entity) = gaz.by_iri(org.as_str()) else { return Response::error(404, format!("no organisation {org} in the store")) };
        if entity.kind != EntityType::Organization {
            return Response::error(400, format!("{org} is a {}, not an organisation", entity.kind));
        }
        let org_label = entity_label(entity, lang);
        let term: Term = org.clone().into();
        let deadline = Deadline::new(self.config.timeout);
        let run = |p: query::Prepared| -> Result<Vec<HashMap<String, Term>>, Response> {
            let results = self.store.answer(&p, &self.config.limits, Some(&deadline)).map_err(|e| self.store_error(e))?;
            let QueryResults::Solutions(sols) = results else { return Ok(vec![]) };
            let mut rows = Vec::new();
            for s in sols.take(self.config.max_rows) {
                let s = s.map_err(|e| self.store_error(StoreError::Query(e)))?;
                rows.push(s.iter().map(|(v, t)| (v.as_str().to_owned(), t.clone())).collect());
            }
            Ok(rows)
        };
        let text = |r: &HashMap<String, Term>, k: &str| -> Value {
            match r.get(k) {
                Some(Term::Literal(l)) => Value::String(l.value().to_owned()),
                Some(Term::NamedNode(n)) => Value::String(n.as_str().to_owned()),
                _ => Value::Null,
            }
        };
        let members = match run(query::members(term.clone(), Some(at), lang)) {
            Ok(rows) => rows
                .iter()
                .map(|r| json!({"iri": text(r, "member"), "label": text(r, "name"), "role": text(r, "role"), "status": text(r, "status"), "source": text(r, "sources")}))
                .collect::<Vec<_>>(),
            Err(resp) => return resp,
        };
        let (lo, hi) = (at.earliest_iso(), at.latest_iso());
        let chairs = match run(query::chairs(term.clone(), lang)) {
            Ok(rows) => rows
                .iter()
                .filter(|r| {
                    // A chair year, or a period that overlaps the date.
                    let when = text(r, "when").as_str().unwrap_or("").to_owned();
                    let until = text(r, "until").as_str().unwrap_or("9999").to_owned();
                    if when.len() == 4 {
                        when == hi[..4] || when == lo[..4]
                    } else {
                        !when.is_empty() && when.as_str() <= hi.as_str() && until.as_str() >= &lo[..until.len().min(lo.len())]
                    }
                })
                .map(|r| json!({"iri": text(r, "chair"), "label": text(r, "name"), "period": text(r, "when")}))
                .collect::<Vec<_>>(),
            Err(resp) => return resp,
        };
        let summits = match run(query::summits(term, lang)) {
            Ok(rows) => rows
                .iter()
                .filter(|r| text(r, "start").as_str().is_some_and(|d| d.get(..4) == Some(&lo[..4])))
                .map(|r| {
                    let date = text(r, "start");
                    let year = date.as_str().map(|d| d.chars().take(4).collect::<String>()).unwrap_or_default();
                    json!({"iri": text(r, "summit"), "label": format!("{org_label} summit {year}").trim().to_owned(), "date": date, "place": text(r, "place")})
                })
                .collect::<Vec<_>>(),
            Err(resp) => return resp,
        };
        Response::json(
            &json!({"org": {"iri": org.as_str(), "label": org_label}, "at": at.to_string(), "members": members, "chairs": chairs, "summits": summits}),
        )
    }
}

/// Evaluates a query on `store` and writes its answer in the format `accept` asks for: at most
/// `max_rows` rows or triples (then `X-Igokg-Truncated: true`), stopped at `deadline`.
pub fn answer_query(
    store: &Store,
    text: &str,
    options: &crate::store::QueryOptions,
    accept: Option<&str>,
    limits: &Limits,
    max: usize,
    deadline: &Deadline,
) -> Response {
    let store_error = |e| store_error(e, deadline.timeout);
    let results = match store.query_with(text, options, limits, Some(deadline)) {
        Ok(r) => r,
        Err(e) => return store_error(e),
    };
    let evaluation = |e: QueryEvaluationError| store_error(StoreError::Query(e));
    match results {
        QueryResults::Boolean(b) => {
            let Some(format) = negotiate(accept, RESULT_TYPES) else { return not_acceptable(RESULT_TYPES) };
            let Some(rf) = format.results() else { return not_acceptable(RESULT_TYPES) };
            let mut out = Vec::new();
            if let Err(e) = QueryResultsSerializer::from_format(rf).serialize_boolean_to_writer(&mut out, b) {
                return Response::error(500, format!("cannot write the answer: {e}"));
            }
            Response::new(200, &content_type(format), out)
        }
        QueryResults::Solutions(solutions) => {
            let Some(format) = negotiate(accept, RESULT_TYPES) else { return not_acceptable(RESULT_TYPES) };
            let Some(rf) = format.results() else { return not_acceptable(RESULT_TYPES) };
            let vars = solutions.variables().to_vec();
            let mut rows: Vec<QuerySolution> = Vec::new();
            let mut truncated = false;
            for s in solutions {
                // Oxigraph checks the token only when it reads the store: a join computed in
                // memory is stopped here, between solutions.
                if deadline.token.is_cancelled() {
                    return evaluation(QueryEvaluationError::Cancelled);
                }
                if rows.len() == max {
                    truncated = true;
                    break;
                }
                match s {
                    Ok(s) => rows.push(s),
                    Err(e) => return evaluation(e),
                }
            }
            let mut out = Vec::new();
            let written = QueryResultsSerializer::from_format(rf).serialize_solutions_to_writer(&mut out, vars).and_then(|mut ser| {
                for r in &rows {
                    ser.serialize(r)?;
                }
                ser.finish()
            });
            if let Err(e) = written {
                return Response::error(500, format!("cannot write the answer: {e}"));
            }
            truncate_header(Response::new(200, &content_type(format), out), truncated)
        }
        QueryResults::Graph(triples) => {
            let Some(format) = negotiate(accept, GRAPH_TYPES) else { return not_acceptable(GRAPH_TYPES) };
            let Some(rdf) = format.rdf() else { return not_acceptable(GRAPH_TYPES) };
            let mut out = Vec::new();
            let mut ser = rdf_serializer(rdf).for_writer(&mut out);
            let mut truncated = false;
            for (n, t) in triples.enumerate() {
                if deadline.token.is_cancelled() {
                    return evaluation(QueryEvaluationError::Cancelled);
                }
                if n == max {
                    truncated = true;
                    break;
                }
                let t = match t {
                    Ok(t) => t,
                    Err(e) => return evaluation(e),
                };
                if let Err(e) = ser.serialize_triple(&t) {
                    return Response::error(500, format!("cannot write the answer: {e}"));
                }
            }
            if let Err(e) = ser.finish() {
                return Response::error(500, format!("cannot write the answer: {e}"));
            }
            truncate_header(Response::new(200, &content_type(format), out), truncated)
        }
    }
}

fn store_error(e: StoreError, timeout: Duration) -> Response {
    let secs = timeout.as_secs_f64();
    match e {
        StoreError::Syntax(m) => Response::error(400, format!("invalid SPARQL: {m}")),
        StoreError::Refused(m) => Response::error(400, format!("refused: {m}")),
        StoreError::Query(QueryEvaluationError::Cancelled) => Response::error(503, format!("query timed out after {secs} s (--timeout)")),
        StoreError::Query(q) if is_cancelled(&q) => Response::error(503, format!("query timed out after {secs} s (--timeout)")),
        StoreError::Query(q) => Response::error(400, format!("SPARQL evaluation failed: {q}")),
        StoreError::Other(m) if m.contains("cancel") => Response::error(503, format!("update timed out after {secs} s (--timeout)")),
        other => Response::error(500, other.to_string()),
    }
}

fn is_cancelled(e: &QueryEvaluationError) -> bool {
    matches!(e, QueryEvaluationError::Cancelled) || e.to_string().to_ascii_lowercase().contains("cancel")
}

fn content_type(f: Format) -> String {
    match f {
        Format::Csv | Format::Tsv | Format::Turtle | Format::NTriples => format!("{}; charset=utf-8", f.media_type()),
        _ => f.media_type().to_owned(),
    }
}

fn truncate_header(r: Response, truncated: bool) -> Response {
    if truncated {
        r.with_header("X-Igokg-Truncated", "true")
    } else {
        r
    }
}

/// `[{name, description, sparql}]` of examples/queries: the description is the leading
/// comment paragraph.
fn examples_json() -> Value {
    Value::Array(
        EXAMPLES
            .iter()
            .map(|(name, text)| {
                let description: Vec<&str> =
                    text.lines().map_while(|l| l.strip_prefix('#')).map(str::trim).take_while(|l| !l.is_empty()).collect();
                json!({"name": name, "description": description.join(" "), "sparql": text})
            })
            .collect(),
    )
}

fn name_in(e: &Entity, lang: &str) -> Option<String> {
    e.labels.iter().find(|n| n.lang == lang).or_else(|| e.aliases.iter().find(|n| n.lang == lang)).map(|n| n.text.clone())
}

fn entity_label(e: &Entity, lang: &str) -> String {
    name_in(e, lang).or_else(|| name_in(e, "en")).or_else(|| e.labels.first().map(|n| n.text.clone())).unwrap_or_else(|| e.iri.clone())
}

/// Entities whose name in any language (or code or Wikidata id) matches `q` after
/// normalisation: exact matches first, then prefixes, then substrings.
pub fn search(gaz: &Gazetteer, q: &str, limit: usize, lang: &str) -> Vec<Value> {
    let nq = normalize(q);
    if nq.is_empty() {
        return vec![];
    }
    let mut hits: Vec<(u8, String, &Entity)> = Vec::new();
    for e in gaz.entities() {
        let names = e
            .labels
            .iter()
            .chain(&e.aliases)
            .map(|n| n.text.as_str())
            .chain(e.notations.iter().map(String::as_str))
            .chain(e.wikidata.as_deref());
        let score = names
            .map(|n| {
                let n = normalize(n);
                if n == nq {
                    3
                } else if n.starts_with(&nq) {
                    2
                } else if n.contains(&nq) {
                    1
                } else {
                    0
                }
            })
            .max()
            .unwrap_or(0);
        if score > 0 {
            hits.push((score, entity_label(e, "en"), e));
        }
    }
    hits.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    hits.into_iter()
        .take(limit)
        .map(|(_, _, e)| {
            let names: serde_json::Map<String, Value> =
                ["ar", "en", "ru"].iter().filter_map(|l| name_in(e, l).map(|n| ((*l).to_owned(), Value::String(n)))).collect();
            json!({"iri": e.iri, "label": entity_label(e, lang), "kind": e.kind.as_str(), "names": names, "wikidata": e.wikidata})
        })
        .collect()
}

/// A `Write` whose bytes the owner takes out between writes.
#[derive(Default, Clone)]
struct SharedBuf(Arc<Mutex<Vec<u8>>>);

impl SharedBuf {
    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<u8>> {
        self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

impl std::io::Write for SharedBuf {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.lock().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Graph Store answers, serialised as the client reads them (a whole store never sits in memory).
struct QuadStream {
    quads: oxigraph::store::QuadIter<'static>,
    ser: Option<oxigraph::io::WriterQuadSerializer<SharedBuf>>,
    buf: SharedBuf,
    pos: usize,
    as_triples: bool,
}

impl QuadStream {
    fn new(quads: oxigraph::store::QuadIter<'static>, format: RdfFormat, as_triples: bool) -> Self {
        let buf = SharedBuf::default();
        Self { quads, ser: Some(rdf_serializer(format).for_writer(buf.clone())), buf, pos: 0, as_triples }
    }
}

impl Read for QuadStream {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        loop {
            {
                let mut b = self.buf.lock();
                if self.pos < b.len() {
                    let n = out.len().min(b.len() - self.pos);
                    out[..n].copy_from_slice(&b[self.pos..self.pos + n]);
                    self.pos += n;
                    if self.pos == b.len() {
                        b.clear();
                        self.pos = 0;
                    }
                    return Ok(n);
                }
            }
            let Some(ser) = &mut self.ser else { return Ok(0) };
            // Refill with up to 64 KiB of serialised quads.
            while self.buf.lock().len() < 64 * 1024 {
                match self.quads.next() {
                    Some(q) => {
                        let q = q.map_err(std::io::Error::other)?;
                        if self.as_triples {
                            ser.serialize_triple(q.as_ref())?;
                        } else {
                            ser.serialize_quad(&q)?;
                        }
                    }
                    None => {
                        if let Some(ser) = self.ser.take() {
                            ser.finish()?;
                        }
                        break;
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_negotiation_follows_q_values_and_specificity() {
        assert_eq!(negotiate(None, RESULT_TYPES), Some(Format::Json));
        assert_eq!(negotiate(Some("text/csv"), RESULT_TYPES), Some(Format::Csv));
        assert_eq!(negotiate(Some("application/sparql-results+xml;q=0.9, text/csv;q=0.5"), RESULT_TYPES), Some(Format::Xml));
        assert_eq!(negotiate(Some("*/*;q=0.1, text/tab-separated-values"), RESULT_TYPES), Some(Format::Tsv));
        assert_eq!(negotiate(Some("text/*"), GRAPH_TYPES), Some(Format::Turtle));
        assert_eq!(negotiate(Some("*/*, text/turtle;q=0"), GRAPH_TYPES), Some(Format::NTriples));
        assert_eq!(negotiate(Some("image/png"), RESULT_TYPES), None);
        assert_eq!(negotiate(Some("application/n-quads"), DATASET_TYPES), Some(Format::NQuads));
    }

    #[test]
    fn query_strings_are_percent_and_plus_decoded() {
        let p = parse_query_string("query=SELECT+%3Fs%20WHERE+%7B%7D&default&x=%D0%9E%D0%94%D0%9A%D0%91");
        assert_eq!(param(&p, "query"), Some("SELECT ?s WHERE {}"));
        assert_eq!(param(&p, "default"), Some(""));
        assert_eq!(param(&p, "x"), Some("ОДКБ"));
    }

    #[test]
    fn tokens_match_only_when_equal() {
        assert!(token_matches("s3cret", "s3cret"));
        assert!(!token_matches("s3cret ", "s3cret"));
        assert!(!token_matches("", "s3cret"));
        let r = Request::new("POST", "/update").with_header("authorization", "Bearer  abc ");
        assert_eq!(bearer(&r), Some("abc"));
        assert_eq!(bearer(&Request::new("POST", "/update").with_header("Authorization", "Basic abc")), None);
    }

    fn service(config: Config) -> Service {
        let store = Store::in_memory().unwrap();
        store.init(&Gazetteer::builtin()).unwrap();
        Service::new(store, config).unwrap()
    }

    #[test]
    fn errors_are_one_line_plain_text_without_cors_by_default() {
        let s = service(Config::default());
        for (req, status) in [
            (Request::new("GET", "/nowhere"), 404),
            (Request::new("DELETE", "/sparql"), 405),
            (Request::new("GET", "/sparql?query=SELECT"), 400),
            (Request::new("POST", "/update").with_header("Content-Type", "application/sparql-update").with_body("CLEAR ALL"), 403),
            (Request::new("GET", "/api/neighbourhood?org=not%20an%20iri"), 400),
            (Request::new("GET", "/sparql?query=ASK%7B%7D").with_header("Accept", "image/png"), 406),
        ] {
            let r = s.handle(&req);
            assert_eq!(r.status, status, "{req:?}");
            assert_eq!(r.header("Access-Control-Allow-Origin"), None);
            assert_eq!(r.header("Content-Type"), Some("text/plain; charset=utf-8"));
            let body = String::from_utf8(r.into_bytes().unwrap()).unwrap();
            assert_eq!(body.trim_end().lines().count(), 1, "{body}");
        }
    }

    #[test]
    fn origins_and_hosts_are_checked_before_any_route() {
        let s = service(Config {
            cors: vec!["https://app.example.org".into()],
            hosts: vec!["127.0.0.1:7878".into(), "localhost:7878".into()],
            ..Config::default()
        });
        let ask = |host: &str, origin: Option<&str>| {
            let mut r = Request::new("GET", "/sparql?query=ASK%7B%7D").with_header("Host", host);
            if let Some(o) = origin {
                r = r.with_header("Origin", o);
            }
            s.handle(&r)
        };
        assert_eq!(ask("127.0.0.1:7878", None).status, 200);
        assert_eq!(ask("LOCALHOST:7878", None).status, 200);
        let r = ask("rebind.example:7878", None);
        assert_eq!(r.status, 421);
        assert!(String::from_utf8(r.into_bytes().unwrap()).unwrap().contains("DNS rebinding"));
        assert_eq!(ask("127.0.0.1:7878", Some("http://127.0.0.1:7878")).status, 200, "same origin");
        let r = ask("127.0.0.1:7878", Some("https://app.example.org"));
        assert_eq!((r.status, r.header("Access-Control-Allow-Origin")), (200, Some("https://app.example.org")));
        let r = ask("127.0.0.1:7878", Some("https://evil.example"));
        assert_eq!((r.status, r.header("Access-Control-Allow-Origin")), (403, None));
    }

    #[test]
    fn search_finds_names_in_every_language_exact_first() {
        let g = Gazetteer::builtin();
        for q in ["ОДКБ", "csto", "أرمينيا", "Армения"] {
            let hits = search(&g, q, 5, "en");
            assert!(!hits.is_empty(), "{q}");
        }
        let hits = search(&g, "Армения", 5, "ar");
        assert_eq!(hits[0]["wikidata"], "Q399");
        assert_eq!(hits[0]["label"], "أرمينيا");
    }

    #[test]
    fn a_graph_put_then_get_round_trips() {
        let s = service(Config { allow_update: true, token: Some("t".into()), ..Config::default() });
        let put = |m: &str| {
            Request::new(m, "/store?graph=http%3A%2F%2Fex.org%2Fg")
                .with_header("Content-Type", "text/turtle")
                .with_header("Authorization", "Bearer t")
                .with_body("<http://ex.org/a> <http://ex.org/b> \"c\" .")
        };
        assert_eq!(s.handle(&put("PUT")).status, 201);
        assert_eq!(s.handle(&put("PUT")).status, 204);
        let r = s.handle(&Request::new("GET", "/store?graph=http%3A%2F%2Fex.org%2Fg").with_header("Accept", "application/n-triples"));
        assert_eq!(r.status, 200);
        assert_eq!(String::from_utf8(r.into_bytes().unwrap()).unwrap(), "<http://ex.org/a> <http://ex.org/b> \"c\" .\n");
        let bad = put("PUT").with_body("<http://ex.org/a> <http://ex.org/b> .");
        let r = s.handle(&bad);
        assert_eq!(r.status, 400);
        let mut wrong = put("PUT");
        wrong.headers.retain(|(n, _)| n != "Authorization");
        assert_eq!(s.handle(&wrong.clone()).status, 401);
        assert_eq!(s.handle(&wrong.with_header("Authorization", "Bearer wrong")).status, 401);
    }
}
