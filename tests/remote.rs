//! `igokg push` and `--endpoint` against real SPARQL servers started here on loopback:
//! Virtuoso Open Source (Debian's `virtuoso-t`, digest authentication on its Graph Store) and
//! the Oxigraph server (PyPI's `oxigraph serve`), with the scripts of tests/servers/. The
//! conveniences must print the same answers remotely as locally. Without the servers these
//! tests fail, unless IGOKG_SKIP_SERVERS=1 says to skip them on purpose (`.ci/setup`
//! installs both).

mod common;

use common::{examples, igokg};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

fn have(program: &str) -> bool {
    if Command::new("sh").arg("-c").arg(format!("command -v {program}")).output().is_ok_and(|o| o.status.success()) {
        return true;
    }
    if std::env::var_os("IGOKG_SKIP_SERVERS").is_some() {
        eprintln!("skipped on request (IGOKG_SKIP_SERVERS): {program} is not installed");
        return false;
    }
    panic!("{program} is not installed: run `bash .ci/setup` (or set IGOKG_SKIP_SERVERS=1)");
}

/// A server process, killed on drop.
struct Server {
    child: Child,
    _dir: tempfile::TempDir,
    port: u16,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn wait_http(url: &str, secs: u64) {
    let t0 = Instant::now();
    while t0.elapsed() < Duration::from_secs(secs) {
        if Command::new("curl").args(["-sf", "-o", "/dev/null", url]).status().is_ok_and(|s| s.success()) {
            return;
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    panic!("{url} did not answer within {secs} s");
}

/// The tests that start real servers run one at a time: a port picked free can be taken by
/// another test's server before ours binds it, and a readiness probe would then reach (and a
/// push fill) the other test's server.
fn one_server_test_at_a_time() -> std::sync::MutexGuard<'static, ()> {
    static ONE: std::sync::Mutex<()> = std::sync::Mutex::new(());
    ONE.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

fn virtuoso() -> Option<Server> {
    if !have("virtuoso-t") {
        return None;
    }
    // Free ports are picked by binding and releasing them, so another test (two start a
    // Virtuoso at once) can take one before Virtuoso binds it: then start again on new ones.
    for attempt in 1..=3 {
        let dir = tempfile::tempdir().unwrap();
        let (http, sql) = (free_port(), free_port());
        let child = Command::new("bash")
            .arg(root().join("tests/servers/virtuoso.sh"))
            .arg(dir.path())
            .arg(http.to_string())
            .arg(sql.to_string())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let pid = child.id().to_string();
        let server = Server { child, _dir: dir, port: http };
        let ready = Command::new("bash")
            .arg(root().join("tests/servers/virtuoso-ready.sh"))
            .args([&http.to_string(), &sql.to_string(), &pid])
            .status()
            .unwrap();
        if ready.success() {
            return Some(server);
        }
        eprintln!("Virtuoso did not start on ports {http}/{sql} (attempt {attempt})");
    }
    panic!("Virtuoso did not start in 3 attempts");
}

fn oxigraph_server() -> Option<Server> {
    if !have("oxigraph") {
        return None;
    }
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    let child = Command::new("bash")
        .arg(root().join("tests/servers/oxigraph.sh"))
        .arg(dir.path().join("db"))
        .arg(port.to_string())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let server = Server { child, _dir: dir, port };
    wait_http(&format!("http://127.0.0.1:{port}/query?query=ASK%7B%7D"), 30);
    Some(server)
}

fn examples_store(dir: &Path) -> PathBuf {
    let kg = dir.join("kg");
    igokg(&kg).arg("ingest").args(examples()).assert().success();
    kg
}

fn run_ok(cmd: &mut assert_cmd::Command) -> String {
    let out = cmd.output().unwrap();
    assert!(out.status.success(), "{cmd:?} failed:\n{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

/// CSV rows with the cells that concatenate several values (sources, attendees) sorted inside,
/// and the rows sorted: servers order GROUP_CONCAT and equal sort keys as they like.
fn normalised(csv_text: &str) -> Vec<Vec<String>> {
    let mut rows: Vec<Vec<String>> = csv::Reader::from_reader(csv_text.as_bytes())
        .records()
        .map(|r| {
            r.unwrap()
                .iter()
                .map(|cell| {
                    let mut parts: Vec<&str> = cell.split(" | ").flat_map(|p| p.split(", ")).collect();
                    parts.sort_unstable();
                    parts.join("; ")
                })
                .collect()
        })
        .collect();
    rows.sort();
    rows
}

const QUESTIONS: &[&[&str]] = &[
    &["members", "CSTO", "--at", "2024-11-28"],
    &["members", "CSTO", "--at", "2013"],
    &["members", "CSTO"],
    &["chairs", "CSTO"],
    &["summits", "CSTO"],
    &["summits", "CSTO", "--lang", "ar"],
    &["timeline", "Armenia", "--lang", "ru"],
];

fn same_answers(store: &Path, endpoint: &str, questions: &[&[&str]]) {
    for q in questions {
        let local = run_ok(igokg(store).args(*q).args(["--format", "csv"]));
        let remote = run_ok(igokg(Path::new("/nonexistent")).args(*q).args(["--format", "csv", "--endpoint", endpoint]));
        assert!(local.lines().count() > 1, "{q:?} has no answer locally:\n{local}");
        assert_eq!(normalised(&local), normalised(&remote), "{q:?} differs at {endpoint}:\nlocal:\n{local}\nremote:\n{remote}");
    }
}

#[test]
fn virtuoso_answers_as_the_local_store_after_a_digest_authenticated_push() {
    let _one = one_server_test_at_a_time();
    let Some(v) = virtuoso() else { return };
    let t = tempfile::tempdir().unwrap();
    let kg = examples_store(t.path());
    let gsp = format!("http://127.0.0.1:{}/sparql-graph-crud-auth", v.port);
    let out = igokg(&kg)
        .args(["push", "--endpoint", &gsp, "--user", "dba", "--password", "dba", "--all", "--batch", "500"])
        .args(["--default-graph-to", "https://w3id.org/igokg/graph/sources"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("pushed 6 graph(s)"), "{err}");
    same_answers(&kg, &format!("http://127.0.0.1:{}/sparql", v.port), QUESTIONS);

    // Pushing again replaces each graph (PUT first): the answers do not double.
    run_ok(
        igokg(&kg)
            .args(["push", "--endpoint", &gsp, "--user", "dba", "--password", "dba", "--all"])
            .args(["--default-graph-to", "https://w3id.org/igokg/graph/sources"]),
    );
    same_answers(&kg, &format!("http://127.0.0.1:{}/sparql", v.port), &[&["members", "CSTO", "--at", "2024-11-28"]]);

    // A wrong password: a clear error and a non-zero exit.
    let out = igokg(&kg).args(["push", "--endpoint", &gsp, "--user", "dba", "--password", "wrong", "--all"]).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(err.contains("HTTP 401") && err.contains("check the credentials") && err.contains("nothing was sent"), "{err}");

    // Without a default graph on the server's Graph Store, the default graph fails with a hint.
    let out = igokg(&kg).args(["push", "--endpoint", &gsp, "--user", "dba", "--password", "dba", "--graph", "default"]).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success() && err.contains("--default-graph-to"), "{err}");

    // A malformed query through --endpoint: the server's message and a non-zero exit.
    let out =
        igokg(&kg).args(["query", "SELECT * WHERE {", "--endpoint", &format!("http://127.0.0.1:{}/sparql", v.port)]).output().unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("HTTP 400"), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn oxigraph_server_answers_as_the_local_store_by_graph_store_and_by_update() {
    let _one = one_server_test_at_a_time();
    let Some(o) = oxigraph_server() else { return };
    let t = tempfile::tempdir().unwrap();
    let kg = examples_store(t.path());
    let base = format!("http://127.0.0.1:{}", o.port);
    let err = String::from_utf8(
        igokg(&kg).args(["push", "--endpoint", &format!("{base}/store"), "--all", "--batch", "700"]).output().unwrap().stderr,
    )
    .unwrap();
    assert!(err.contains("pushed 6 graph(s)"), "{err}");
    same_answers(&kg, &format!("{base}/query"), QUESTIONS);

    // The same through SPARQL Update (DROP SILENT GRAPH then INSERT DATA batches) replaces the
    // graphs: the answers stay the same.
    let out = igokg(&kg)
        .args(["push", "--endpoint", &format!("{base}/update"), "--protocol", "update", "--all", "--batch", "300"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    same_answers(&kg, &format!("{base}/query"), QUESTIONS);

    // A graph the store does not have is refused before anything is sent.
    let out = igokg(&kg).args(["push", "--endpoint", &format!("{base}/store"), "--graph", "https://example.org/none"]).output().unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no such graph"));
}

#[test]
fn the_cow_graph_answers_the_same_on_both_servers() {
    let cow = common::cow_table("igo_year_formatv3");
    let _one = one_server_test_at_a_time();
    let (Some(v), Some(o)) = (virtuoso(), oxigraph_server()) else { return };
    let t = tempfile::tempdir().unwrap();
    let kg = examples_store(t.path());
    run_ok(igokg(&kg).args(["import", "cow"]).arg(&cow));
    let questions: &[&[&str]] =
        &[&["members", "CSTO", "--at", "2013"], &["members", "UN", "--at", "1950"], &["chairs", "CSTO"], &["timeline", "Armenia"]];
    run_ok(igokg(&kg).args(["push", "--endpoint", &format!("http://127.0.0.1:{}/sparql-graph-crud-auth", v.port), "--all"]).args([
        "--user",
        "dba",
        "--password",
        "dba",
        "--default-graph-to",
        "https://w3id.org/igokg/graph/sources",
    ]));
    same_answers(&kg, &format!("http://127.0.0.1:{}/sparql", v.port), questions);
    run_ok(igokg(&kg).args(["push", "--endpoint", &format!("http://127.0.0.1:{}/store", o.port), "--all"]));
    same_answers(&kg, &format!("http://127.0.0.1:{}/query", o.port), questions);
}

/// A fake server that answers the first `ok` requests with 201 and then reads a request and
/// closes the connection without answering (a server that drops the connection mid-push).
fn dropping_server(ok: usize) -> (u16, std::thread::JoinHandle<usize>) {
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = l.local_addr().unwrap().port();
    let h = std::thread::spawn(move || {
        let mut seen = 0;
        l.set_nonblocking(false).unwrap();
        for stream in l.incoming() {
            let Ok(mut s) = stream else { break };
            s.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
            read_request(&s);
            seen += 1;
            if seen <= ok {
                let _ = s.write_all(b"HTTP/1.1 201 Created\r\ncontent-length: 0\r\nconnection: close\r\n\r\n");
            } else {
                drop(s); // no answer
                if seen > ok + 6 {
                    break;
                }
            }
        }
        seen
    });
    (port, h)
}

#[test]
fn a_server_that_drops_the_connection_mid_push_fails_the_push() {
    let t = tempfile::tempdir().unwrap();
    let kg = examples_store(t.path());
    let (port, _h) = dropping_server(2);
    let out = igokg(&kg).args(["push", "--endpoint", &format!("http://127.0.0.1:{port}/store"), "--all"]).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{err}");
    assert!(err.contains("sent in full") && err.contains("is incomplete") && err.contains("after 4 attempts"), "{err}");
    assert!(!err.contains("pushed"), "{err}");

    // Nobody listening: retried, then a clear error.
    let port = free_port();
    let out = igokg(&kg).args(["push", "--endpoint", &format!("http://127.0.0.1:{port}/store"), "--all"]).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success() && err.contains("cannot reach the server"), "{err}");

    // Not a URL.
    let out = igokg(&kg).args(["push", "--endpoint", "ftp://x", "--all"]).output().unwrap();
    assert!(!out.status.success() && String::from_utf8_lossy(&out.stderr).contains("http://"));
}

/// A server that asks for HTTP basic authentication (user `u`, password `p w`): answers 401
/// with a Basic challenge unless the request carries the right header, then 201. Returns the
/// port and the Authorization headers it sees (the thread ends with the test process).
/// A request as the fake servers below read it: its request line and headers (the body is
/// read and dropped).
struct Request {
    first: String,
    headers: Vec<(String, String)>,
}

impl Request {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

fn read_request(s: &std::net::TcpStream) -> Request {
    let mut r = BufReader::new(s.try_clone().unwrap());
    let mut request = Request { first: String::new(), headers: Vec::new() };
    loop {
        let mut line = String::new();
        if r.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
            break;
        }
        if request.first.is_empty() {
            request.first = line.trim().to_owned();
        } else if let Some((name, value)) = line.split_once(':') {
            request.headers.push((name.trim().to_owned(), value.trim().to_owned()));
        }
    }
    let len = request.header("content-length").and_then(|v| v.parse().ok()).unwrap_or(0);
    let mut body = vec![0; len];
    let _ = r.read_exact(&mut body);
    request
}

fn basic_auth_server() -> (u16, std::sync::Arc<std::sync::Mutex<Vec<String>>>) {
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = l.local_addr().unwrap().port();
    let seen = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let seen2 = seen.clone();
    std::thread::spawn(move || {
        for stream in l.incoming() {
            let Ok(mut s) = stream else { break };
            s.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
            let request = read_request(&s);
            let auth = request.header("authorization").unwrap_or_default().to_owned();
            seen2.lock().unwrap().push(auth.clone());
            // base64("u:p w") = "dTpwIHc="
            if auth == "Basic dTpwIHc=" {
                let _ = s.write_all(b"HTTP/1.1 201 Created\r\ncontent-length: 0\r\nconnection: close\r\n\r\n");
            } else {
                let _ = s.write_all(b"HTTP/1.1 401 Unauthorized\r\nwww-authenticate: Basic realm=\"test\"\r\ncontent-length: 0\r\nconnection: close\r\n\r\n");
            }
        }
    });
    (port, seen)
}

#[test]
fn basic_authentication_answers_the_servers_challenge() {
    let t = tempfile::tempdir().unwrap();
    let kg = examples_store(t.path());
    let (port, seen) = basic_auth_server();
    let out = igokg(&kg)
        .args(["push", "--endpoint", &format!("http://127.0.0.1:{port}/store"), "--all", "--user", "u", "--password", "p w"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("pushed 7 graph(s)") || err.contains("pushed 6 graph(s)"), "{err}");
    let seen = seen.lock().unwrap().clone();
    // One challenge, then every request answered with the credentials at once.
    assert_eq!(seen.first().map(String::as_str), Some(""), "{seen:?}");
    assert!(seen[1..].iter().all(|a| a == "Basic dTpwIHc="), "{seen:?}");
}

/// A Graph Store without a default graph, as Virtuoso's: a request naming `?default` gets
/// Virtuoso's HTML error page (500); anything else 201. Returns the port and the request lines.
fn no_default_graph_server() -> (u16, std::sync::Arc<std::sync::Mutex<Vec<String>>>) {
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = l.local_addr().unwrap().port();
    let seen = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let seen2 = seen.clone();
    std::thread::spawn(move || {
        for stream in l.incoming() {
            let Ok(mut s) = stream else { break };
            s.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
            let first = read_request(&s).first;
            seen2.lock().unwrap().push(first.clone());
            if first.contains("?default") || first.contains("&default") {
                let page = "<!DOCTYPE HTML PUBLIC \"-//IETF//DTD HTML 2.0//EN\">\n<html>\n  <head>\n    <title>SPARQL Graph Protocol request failed</title>\n  </head>\n  <body>\n    <h1>HTTP/1.1 500 Request Failed</h1>\n    <h3>Error 22023</h3>\n<xmp>The request to SPARQL 1.1 Graph Store endpoint contains \"default\" param but the endpoint is not configured to have default graph</xmp></body></html>";
                let head = first.starts_with("HEAD");
                let _ = write!(
                    s,
                    "HTTP/1.1 500 Request Failed\r\ncontent-type: text/html; charset=UTF-8\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{}",
                    page.len(),
                    if head { "" } else { page }
                );
            } else {
                let _ = s.write_all(b"HTTP/1.1 201 Created\r\ncontent-length: 0\r\nconnection: close\r\n\r\n");
            }
        }
    });
    (port, seen)
}

#[test]
fn push_learns_that_the_server_has_no_default_graph_before_sending_anything() {
    let t = tempfile::tempdir().unwrap();
    let kg = examples_store(t.path());
    let (port, seen) = no_default_graph_server();
    let endpoint = format!("http://127.0.0.1:{port}/sparql-graph-crud-auth");
    let out = igokg(&kg).args(["push", "--endpoint", &endpoint, "--all"]).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{err}");
    // The server's HTML page reduced to its message, and what to do.
    assert!(err.contains("not configured to have default graph") && !err.contains("<xmp>") && !err.contains("<html"), "{err}");
    assert!(err.contains("nothing was sent") && err.contains("--default-graph-to"), "{err}");
    assert!(!err.contains("pushed") && !err.contains("sent in full"), "{err}");
    let requests = seen.lock().unwrap().clone();
    assert!(requests.iter().all(|r| r.starts_with("HEAD ") || r.starts_with("GET ")), "data were sent: {requests:?}");

    // Routed to a named graph, the same push goes through, the default graph included.
    seen.lock().unwrap().clear();
    let out = igokg(&kg)
        .args(["push", "--endpoint", &endpoint, "--all", "--default-graph-to", "https://w3id.org/igokg/graph/sources"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    let requests = seen.lock().unwrap().clone();
    assert!(requests.iter().any(|r| r.starts_with("PUT ") && r.contains("graph%2Fsources")), "{requests:?}");
    assert!(!requests.iter().any(|r| r.contains("?default")), "{requests:?}");
}
