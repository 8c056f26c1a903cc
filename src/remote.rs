//! Remote SPARQL servers: queries over the SPARQL 1.1 Protocol, and pushing the store's graphs
//! with the Graph Store HTTP Protocol or SPARQL 1.1 Update.
//!
//! Authentication answers the server's challenge: HTTP digest (Virtuoso) or basic with
//! `user`/`password`, or a bearer token. The digest challenge is kept, so later requests are
//! answered at once with an increasing nonce count; a stale nonce is answered again.
//!
//! Pushing streams each graph from the store in batches of N-Triples (never the whole store
//! in memory). With the Graph Store Protocol the first batch of a graph replaces it (PUT) and
//! the next ones merge (POST); with Update, `DROP SILENT GRAPH` then `INSERT DATA` batches.
//! Transient failures (connection errors, 429, 502–504) are retried with backoff; anything
//! else stops the push with the server's answer, and the summary says which graphs were sent
//! in full and which one was cut short.

use crate::store::Store;
use oxigraph::io::{RdfFormat, RdfParser, RdfSerializer};
use oxigraph::model::{GraphName, GraphNameRef, NamedNode, Triple};
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsParser};
use oxigraph::sparql::{QueryResults, QueryTripleIter};
use std::sync::Mutex;
use std::time::{Duration, Instant};
use ureq::http::{Method, Request, Response};

/// Errors talking to a server.
#[derive(Debug, thiserror::Error)]
pub enum RemoteError {
    #[error("{url}: {message}")]
    Http { url: String, status: Option<u16>, message: String },
    #[error("{0}")]
    Other(String),
    #[error("store: {0}")]
    Store(#[from] crate::store::StoreError),
}

/// Credentials for a server.
#[derive(Debug, Clone, Default)]
pub struct Credentials {
    pub user: Option<String>,
    pub password: Option<String>,
    pub token: Option<String>,
}

enum AuthState {
    Unknown,
    Basic,
    Digest(digest_auth::WwwAuthenticateHeader),
}

/// A client of one server.
pub struct Client {
    agent: ureq::Agent,
    credentials: Credentials,
    auth: Mutex<AuthState>,
    /// Attempts for a transient failure (1 = no retry).
    pub attempts: u32,
    /// Wait before the first retry; doubled each time.
    pub backoff: Duration,
}

fn is_transient(status: Option<u16>) -> bool {
    matches!(status, None | Some(429 | 502 | 503 | 504))
}

impl Client {
    pub fn new(credentials: Credentials, timeout: Duration) -> Self {
        let config = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(timeout))
            .user_agent(concat!("igokg/", env!("CARGO_PKG_VERSION")))
            .build();
        Self { agent: config.into(), credentials, auth: Mutex::new(AuthState::Unknown), attempts: 4, backoff: Duration::from_millis(500) }
    }

    fn authorization(&self, method: &Method, uri: &str, body: &[u8]) -> Option<String> {
        if let Some(t) = &self.credentials.token {
            return Some(format!("Bearer {t}"));
        }
        let (user, password) = (self.credentials.user.as_deref()?, self.credentials.password.as_deref().unwrap_or(""));
        let mut state = self.auth.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        match &mut *state {
            AuthState::Unknown => None,
            AuthState::Basic => {
                use base64::Engine;
                Some(format!("Basic {}", base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}"))))
            }
            AuthState::Digest(prompt) => {
                let path = uri_path(uri);
                let ctx = digest_auth::AuthContext::new_with_method(
                    user,
                    password,
                    path,
                    Some(body),
                    digest_auth::HttpMethod(method.as_str().to_owned().into()),
                );
                prompt.respond(&ctx).ok().map(|h| h.to_header_string())
            }
        }
    }

    /// Learns the scheme from a 401's WWW-Authenticate; false if it cannot answer it.
    fn learn_challenge(&self, response: &Response<ureq::Body>) -> bool {
        if self.credentials.user.is_none() {
            return false;
        }
        let mut state = self.auth.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        for value in response.headers().get_all("www-authenticate") {
            let Ok(v) = value.to_str() else { continue };
            if v.trim_start().to_ascii_lowercase().starts_with("digest") {
                if let Ok(p) = digest_auth::parse(v) {
                    *state = AuthState::Digest(p);
                    return true;
                }
            } else if v.trim_start().to_ascii_lowercase().starts_with("basic") && !matches!(*state, AuthState::Basic) {
                *state = AuthState::Basic;
                return true;
            }
        }
        false
    }

    /// Sends one request (body in memory, so it can be repeated for a challenge or a retry).
    pub fn send(&self, method: Method, url: &str, headers: &[(&str, &str)], body: &[u8]) -> Result<Response<ureq::Body>, RemoteError> {
        let mut wait = self.backoff;
        let mut challenged = 0;
        let mut attempt = 1;
        loop {
            let mut req = Request::builder().method(method.clone()).uri(url);
            for (k, v) in headers {
                req = req.header(*k, *v);
            }
            if let Some(a) = self.authorization(&method, url, body) {
                req = req.header("authorization", a);
            }
            let req = req.body(body.to_vec()).map_err(|e| RemoteError::Other(format!("{url}: bad request: {e}")))?;
            let (status, failure) = match self.agent.run(req) {
                Ok(resp) if resp.status().as_u16() == 401 && challenged < 2 && self.learn_challenge(&resp) => {
                    challenged += 1;
                    continue;
                }
                Ok(resp) if resp.status().is_success() => return Ok(resp),
                Ok(mut resp) => {
                    let status = resp.status().as_u16();
                    let text = resp.body_mut().with_config().limit(64 * 1024).lossy_utf8(true).read_to_string().unwrap_or_default();
                    let text: String = error_text(&text).chars().take(500).collect();
                    let hint = match status {
                        401 if self.credentials.user.is_none() && self.credentials.token.is_none() => {
                            " (the server wants credentials: --user/--password or --token)"
                        }
                        401 | 403 => " (check the credentials)",
                        _ => "",
                    };
                    (Some(status), format!("HTTP {status}{hint}: {text}"))
                }
                Err(e) => (None, format!("cannot reach the server: {e}")),
            };
            if attempt >= self.attempts || !is_transient(status) {
                let tries = if attempt > 1 { format!(" (after {attempt} attempts)") } else { String::new() };
                return Err(RemoteError::Http { url: url.to_owned(), status, message: format!("{failure}{tries}") });
            }
            std::thread::sleep(wait);
            wait *= 2;
            attempt += 1;
        }
    }

    /// Runs a query (POSTed as a form, which every server accepts) and parses the answer by its
    /// content type.
    pub fn query(&self, endpoint: &str, sparql: &str) -> Result<QueryResults<'static>, RemoteError> {
        let body = form_urlencoded::Serializer::new(String::new()).append_pair("query", sparql).finish();
        let accept =
            "application/sparql-results+json, application/sparql-results+xml;q=0.9, application/n-triples;q=0.8, text/turtle;q=0.7";
        let resp = self.send(
            Method::POST,
            endpoint,
            &[("content-type", "application/x-www-form-urlencoded"), ("accept", accept)],
            body.as_bytes(),
        )?;
        let media = resp.headers().get("content-type").and_then(|v| v.to_str().ok()).unwrap_or("").to_owned();
        let reader = resp.into_body().into_reader();
        if let Some(f) = QueryResultsFormat::from_media_type(&media) {
            let parsed = QueryResultsParser::from_format(f)
                .for_reader(reader)
                .map_err(|e| RemoteError::Other(format!("{endpoint}: cannot read the answer ({media}): {e}")))?;
            return Ok(parsed.into());
        }
        if let Some(f) = RdfFormat::from_media_type(&media) {
            let triples = RdfParser::from_format(f)
                .for_reader(reader)
                .map(|q| q.map(Triple::from).map_err(|e| oxigraph::sparql::QueryEvaluationError::Service(Box::new(e))));
            return Ok(QueryResults::Graph(QueryTripleIter::new(triples)));
        }
        Err(RemoteError::Other(format!("{endpoint}: the answer has an unexpected content type {media:?}")))
    }

    /// Asks the server, before anything is sent, whether it takes what the plan sends: with
    /// the Graph Store Protocol, a store's default graph needs a server with a default graph
    /// (`HEAD endpoint?default`; Virtuoso's Graph Store has none). Credentials are checked by
    /// the same request. An error says what to change (`--default-graph-to`, `--protocol`).
    pub fn preflight(&self, plan: &PushPlan) -> Result<(), RemoteError> {
        if plan.protocol != Protocol::Gsp {
            return Ok(());
        }
        let sends_default = plan.default_to.is_none() && plan.graphs.iter().any(GraphName::is_default_graph);
        let probe = if sends_default {
            GraphNameRef::DefaultGraph
        } else {
            match plan.graphs.first() {
                Some(g) => g.as_ref(),
                None => return Ok(()),
            }
        };
        let url = gsp_url(&plan.endpoint, probe);
        let accept = [("accept", "application/n-triples")];
        // HEAD first (no body); a server that cannot answer HEAD, or whose refusal has no body,
        // is asked again with GET to learn its answer.
        let head = self.send_once(Method::HEAD, &url, &accept);
        let result = match head {
            Ok(()) => Ok(()),
            Err(RemoteError::Http { status: Some(404), .. }) => Ok(()),
            Err(RemoteError::Http { status: Some(401 | 403), message, .. }) => {
                return Err(RemoteError::Http { url, status: Some(401), message: format!("{message}; nothing was sent") });
            }
            Err(RemoteError::Http { .. }) => match self.send_once(Method::GET, &url, &accept) {
                Ok(()) => Ok(()),
                Err(RemoteError::Http { status: Some(404), .. }) => Ok(()),
                Err(e) => Err(e),
            },
            Err(e) => Err(e),
        };
        match result {
            Ok(()) => Ok(()),
            Err(RemoteError::Http { url, status, message }) if sends_default => Err(RemoteError::Http {
                url,
                status,
                message: format!(
                    "the server's Graph Store refuses the default graph ({message}); nothing was sent: pass --default-graph-to IRI to send the store's default graph (the sources' metadata) into a named graph, or push with --protocol update"
                ),
            }),
            Err(RemoteError::Http { url, status, message }) => {
                Err(RemoteError::Http { url, status, message: format!("{message}; nothing was sent") })
            }
            Err(e) => Err(e),
        }
    }

    /// One request whose answer's body is not needed: Ok for a 2xx.
    fn send_once(&self, method: Method, url: &str, headers: &[(&str, &str)]) -> Result<(), RemoteError> {
        self.send(method, url, headers, b"").map(|_| ())
    }

    /// Pushes graphs of the store; see the module documentation. Nothing is sent unless the
    /// server passes [`Client::preflight`].
    pub fn push(&self, store: &Store, plan: &PushPlan, progress: &mut dyn FnMut(&PushEvent)) -> Result<PushSummary, Box<PushFailure>> {
        let mut summary = PushSummary::default();
        let started = Instant::now();
        if let Err(error) = self.preflight(plan) {
            let graph = plan.graphs.iter().find(|g| g.is_default_graph() && plan.default_to.is_none()).or(plan.graphs.first());
            return Err(Box::new(PushFailure {
                summary,
                graph: graph.cloned().unwrap_or(GraphName::DefaultGraph),
                sent: 0,
                error,
                before_sending: true,
            }));
        }
        for graph in &plan.graphs {
            match self.push_graph(store, plan, graph, progress) {
                Ok((triples, requests)) => {
                    summary.graphs.push((graph.clone(), triples));
                    summary.triples += triples;
                    summary.requests += requests;
                }
                Err((sent, error)) => {
                    summary.seconds = started.elapsed().as_secs_f64();
                    return Err(Box::new(PushFailure { summary, graph: graph.clone(), sent, error, before_sending: false }));
                }
            }
        }
        summary.seconds = started.elapsed().as_secs_f64();
        Ok(summary)
    }

    fn push_graph(
        &self,
        store: &Store,
        plan: &PushPlan,
        graph: &GraphName,
        progress: &mut dyn FnMut(&PushEvent),
    ) -> Result<(u64, u64), (u64, RemoteError)> {
        let mut sent = 0u64;
        let mut requests = 0u64;
        let mut batch: Vec<Triple> = Vec::with_capacity(plan.batch.min(100_000));
        let mut first = true;
        let quads = store.inner().quads_for_pattern(None, None, None, Some(graph.as_ref()));
        let target: GraphName = match (graph, &plan.default_to) {
            (GraphName::DefaultGraph, Some(n)) => n.clone().into(),
            _ => graph.clone(),
        };
        let mut flush = |batch: &mut Vec<Triple>, first: &mut bool, sent: &mut u64| -> Result<(), (u64, RemoteError)> {
            if batch.is_empty() && !*first {
                return Ok(());
            }
            let result = match plan.protocol {
                Protocol::Gsp => self.gsp_batch(&plan.endpoint, target.as_ref(), batch, *first),
                Protocol::Update => self.update_batch(&plan.endpoint, target.as_ref(), batch, *first),
            };
            result.map_err(|e| (*sent, e))?;
            requests += 1;
            *sent += batch.len() as u64;
            *first = false;
            batch.clear();
            progress(&PushEvent { graph: graph.clone(), sent: *sent });
            Ok(())
        };
        for q in quads {
            let q = q.map_err(|e| (sent, RemoteError::Other(format!("reading the store: {e}"))))?;
            batch.push(Triple::new(q.subject, q.predicate, q.object));
            if batch.len() >= plan.batch {
                flush(&mut batch, &mut first, &mut sent)?;
            }
        }
        if !batch.is_empty() || first {
            flush(&mut batch, &mut first, &mut sent)?;
        }
        Ok((sent, requests))
    }

    fn gsp_batch(&self, endpoint: &str, graph: GraphNameRef<'_>, batch: &[Triple], replace: bool) -> Result<(), RemoteError> {
        let mut body = Vec::with_capacity(batch.len() * 150);
        let mut ser = RdfSerializer::from_format(RdfFormat::NTriples).for_writer(&mut body);
        for t in batch {
            ser.serialize_triple(t).map_err(|e| RemoteError::Other(e.to_string()))?;
        }
        ser.finish().map_err(|e| RemoteError::Other(e.to_string()))?;
        let url = gsp_url(endpoint, graph);
        let method = if replace { Method::PUT } else { Method::POST };
        self.send(method, &url, &[("content-type", "application/n-triples")], &body)?;
        Ok(())
    }

    fn update_batch(&self, endpoint: &str, graph: GraphNameRef<'_>, batch: &[Triple], replace: bool) -> Result<(), RemoteError> {
        // Terms written by Oxigraph (escaped N-Triples syntax), never raw text.
        let mut text = String::with_capacity(batch.len() * 150 + 64);
        let named = match graph {
            GraphNameRef::NamedNode(n) => Some(n.into_owned()),
            _ => None,
        };
        if replace {
            if let Some(n) = &named {
                text.push_str(&format!("DROP SILENT GRAPH {n} ;\n"));
            }
        }
        if !batch.is_empty() {
            text.push_str("INSERT DATA {\n");
            if let Some(n) = &named {
                text.push_str(&format!("GRAPH {n} {{\n"));
            }
            for t in batch {
                text.push_str(&t.to_string());
                text.push_str(" .\n");
            }
            if named.is_some() {
                text.push_str("}\n");
            }
            text.push_str("}\n");
        }
        if text.is_empty() {
            return Ok(());
        }
        let body = form_urlencoded::Serializer::new(String::new()).append_pair("update", &text).finish();
        self.send(Method::POST, endpoint, &[("content-type", "application/x-www-form-urlencoded")], body.as_bytes())?;
        Ok(())
    }
}

/// The message of a server's error answer: an HTML error page is reduced to its text (title,
/// headings and message, without markup); anything else is trimmed.
pub fn error_text(body: &str) -> String {
    let t = body.trim();
    let lower = t.to_ascii_lowercase();
    if !(lower.starts_with("<!doctype html") || lower.starts_with("<html") || lower.contains("<body")) {
        return t.to_owned();
    }
    let mut out = String::new();
    let mut rest = t;
    let mut skip_until: Option<&str> = None;
    while let Some(open) = rest.find('<') {
        if skip_until.is_none() {
            out.push_str(&rest[..open]);
            out.push(' ');
        }
        let Some(close) = rest[open..].find('>') else { break };
        let tag = rest[open + 1..open + close].trim().to_ascii_lowercase();
        let name: String = tag.trim_start_matches('/').chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
        match (skip_until, tag.starts_with('/')) {
            (Some(end), true) if name == end => skip_until = None,
            (None, false) if matches!(name.as_str(), "script" | "style") => {
                skip_until = Some(if name == "script" { "script" } else { "style" });
            }
            _ => {}
        }
        rest = &rest[open + close + 1..];
    }
    if skip_until.is_none() {
        out.push_str(rest);
    }
    let decoded = out.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&");
    let words: Vec<&str> = decoded.split_whitespace().collect();
    words.join(" ")
}

/// `endpoint?graph=IRI` (or `?default`), keeping the endpoint's own query parameters.
pub fn gsp_url(endpoint: &str, graph: GraphNameRef<'_>) -> String {
    let sep = if endpoint.contains('?') { '&' } else { '?' };
    match graph {
        GraphNameRef::NamedNode(n) => {
            format!("{endpoint}{sep}{}", form_urlencoded::Serializer::new(String::new()).append_pair("graph", n.as_str()).finish())
        }
        _ => format!("{endpoint}{sep}default"),
    }
}

fn uri_path(url: &str) -> &str {
    let after_scheme = url.find("://").map_or(url, |i| &url[i + 3..]);
    after_scheme.find('/').map_or("/", |i| &after_scheme[i..])
}

/// How graphs are sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Protocol {
    /// SPARQL 1.1 Graph Store HTTP Protocol (PUT replaces a graph, POST merges)
    Gsp,
    /// SPARQL 1.1 Update (DROP SILENT GRAPH, then INSERT DATA batches)
    Update,
}

/// What to push where.
#[derive(Debug, Clone)]
pub struct PushPlan {
    pub endpoint: String,
    pub protocol: Protocol,
    pub graphs: Vec<GraphName>,
    /// Triples per request.
    pub batch: usize,
    /// Where the store's default graph goes on the server (a named graph, for servers such as
    /// Virtuoso whose Graph Store has no default graph); None: the server's default graph.
    pub default_to: Option<NamedNode>,
}

/// Progress of a push.
#[derive(Debug, Clone)]
pub struct PushEvent {
    pub graph: GraphName,
    pub sent: u64,
}

/// What was sent.
#[derive(Debug, Clone, Default)]
pub struct PushSummary {
    /// Graphs sent in full, with their triples.
    pub graphs: Vec<(GraphName, u64)>,
    pub triples: u64,
    pub requests: u64,
    pub seconds: f64,
}

/// A push that stopped: what was sent in full, and the graph that was cut short.
#[derive(Debug)]
pub struct PushFailure {
    pub summary: PushSummary,
    pub graph: GraphName,
    /// Triples of `graph` that the server accepted before the failure.
    pub sent: u64,
    pub error: RemoteError,
    /// Stopped by the preflight: the server holds nothing of this push.
    pub before_sending: bool,
}

impl std::fmt::Display for PushFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let name = graph_label(&self.graph);
        if self.before_sending {
            return write!(f, "push refused before sending anything: {}", self.error);
        }
        write!(
            f,
            "push FAILED at {name} after {} of its triples were accepted: {}. The server now holds a partial copy: {} graph(s) were sent in full before it, {name} is incomplete, and the rest were not sent; push again (each graph's first request replaces it, so a new push is safe)",
            self.sent,
            self.error,
            self.summary.graphs.len()
        )?;
        if self.graph.is_default_graph() {
            write!(
                f,
                " (a server without a default graph, such as Virtuoso's Graph Store, takes it into a named graph: --default-graph-to IRI)"
            )?;
        }
        Ok(())
    }
}

/// `the default graph` or `the graph <IRI>`.
pub fn graph_label(g: &GraphName) -> String {
    match g {
        GraphName::DefaultGraph => "the default graph".into(),
        g => format!("the graph {g}"),
    }
}

/// The graphs a push sends by default: every named graph, then the default graph (which holds
/// the sources' metadata) if it has triples.
pub fn all_graphs(store: &Store) -> Result<Vec<GraphName>, RemoteError> {
    let mut graphs: Vec<GraphName> = store.named_graphs()?.into_iter().map(GraphName::from).collect();
    if store.inner().quads_for_pattern(None, None, None, Some(GraphNameRef::DefaultGraph)).next().is_some() {
        graphs.push(GraphName::DefaultGraph);
    }
    Ok(graphs)
}

/// Parses `--graph` (an IRI or `default`).
pub fn parse_graph(s: &str) -> Result<GraphName, String> {
    if s == "default" {
        return Ok(GraphName::DefaultGraph);
    }
    let s = s.strip_prefix('<').and_then(|s| s.strip_suffix('>')).unwrap_or(s);
    NamedNode::new(s).map(GraphName::from).map_err(|e| format!("{s:?} is not an IRI: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn graph_store_urls_encode_the_graph() {
        let g = NamedNode::new_unchecked("https://w3id.org/igokg/graph/a b?c=d&e");
        assert_eq!(
            gsp_url("http://h:1/store", g.as_ref().into()),
            "http://h:1/store?graph=https%3A%2F%2Fw3id.org%2Figokg%2Fgraph%2Fa+b%3Fc%3Dd%26e"
        );
        assert_eq!(gsp_url("http://h/crud?x=1", GraphNameRef::DefaultGraph), "http://h/crud?x=1&default");
    }

    #[test]
    fn uri_path_is_what_digest_signs() {
        assert_eq!(uri_path("http://127.0.0.1:8890/sparql-graph-crud-auth?graph=x"), "/sparql-graph-crud-auth?graph=x");
        assert_eq!(uri_path("http://h"), "/");
    }

    #[test]
    fn graphs_parse_from_iris_or_default() {
        assert_eq!(parse_graph("default"), Ok(GraphName::DefaultGraph));
        assert!(parse_graph("<https://x/y>").is_ok());
        assert!(parse_graph("not an iri").is_err());
    }

    #[test]
    fn an_html_error_page_is_reduced_to_its_message() {
        let page = r#"<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">
<html>
  <head>
    <title>SPARQL Graph Protocol request failed</title>
    <style>body { color: red }</style>
  </head>
  <body>
    <h1>HTTP/1.1 500 Request Failed</h1>
    <h3>Error 22023</h3>
<xmp>The request to SPARQL 1.1 Graph Store endpoint contains "default" param but the endpoint is not configured to have default graph</xmp></body></html>"#;
        let m = error_text(page);
        assert_eq!(
            m,
            "SPARQL Graph Protocol request failed HTTP/1.1 500 Request Failed Error 22023 The request to SPARQL 1.1 Graph Store endpoint contains \"default\" param but the endpoint is not configured to have default graph"
        );
        assert_eq!(error_text("  Virtuoso 37000 Error SP030\n"), "Virtuoso 37000 Error SP030");
        assert_eq!(error_text("<html><body><p>a &amp; b &lt;c&gt;</p></body></html>"), "a & b <c>");
    }

    #[test]
    fn only_network_failures_and_overload_are_retried() {
        assert!(is_transient(None) && is_transient(Some(503)) && is_transient(Some(429)));
        assert!(!is_transient(Some(400)) && !is_transient(Some(401)) && !is_transient(Some(500)));
    }
}
