//! Arbitrary bytes as an HTTP request to the handler of `igokg serve` (request line, headers,
//! body; the socket layer is hyper's, `serve::http`): the handler must never panic, answer with a valid
//! status, never fail with a 500, and send errors as one line of text. The store is in memory,
//! initialised with the reference data, and accepts writes with the token `t`.

#![no_main]

use igokg::serve::{Body, Config, Request, Service};
use libfuzzer_sys::fuzz_target;
use std::io::Read;
use std::sync::OnceLock;

fn service() -> &'static Service {
    static S: OnceLock<Service> = OnceLock::new();
    S.get_or_init(|| {
        let store = igokg::store::Store::in_memory().expect("a store");
        store.ensure_initialized(&igokg::gazetteer::Gazetteer::builtin()).expect("initialised");
        let config = Config { timeout: std::time::Duration::from_secs(2), max_rows: 1000, max_body: 1 << 20, allow_update: true, token: Some("t".into()), ..Config::default() };
        Service::new(store, config).expect("a service")
    })
}

fn parse(data: &[u8]) -> Option<Request> {
    let text = String::from_utf8_lossy(data);
    let (head, body) = match text.find("\r\n\r\n") {
        Some(i) => (&text[..i], text[i + 4..].as_bytes().to_vec()),
        None => (&text[..], Vec::new()),
    };
    let mut lines = head.split("\r\n");
    let mut first = lines.next()?.split(' ');
    let (method, url) = (first.next()?, first.next().unwrap_or("/"));
    let mut req = Request::new(method, url);
    for l in lines {
        if let Some((k, v)) = l.split_once(':') {
            req.headers.push((k.trim().to_owned(), v.trim().to_owned()));
        }
    }
    req.body = body;
    Some(req)
}

fuzz_target!(|data: &[u8]| {
    let Some(req) = parse(data) else { return };
    let resp = service().handle(&req);
    assert!((100..600).contains(&resp.status), "status {}", resp.status);
    assert_ne!(resp.status, 500, "an internal error for {req:?}");
    let mut body = Vec::new();
    match resp.body {
        Body::Bytes(b) => body = b,
        Body::Stream(mut r) => {
            let _ = r.take(1 << 20).read_to_end(&mut body);
        }
    }
    if resp.status >= 400 {
        let text = String::from_utf8_lossy(&body);
        assert!(!text.trim_end().contains('\n'), "a multi-line error: {text}");
    }
});
