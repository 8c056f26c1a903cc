//! The HTTP/1.1 front of `igokg serve` on hyper and tokio: it moves bytes between sockets and
//! the socket-free handler ([`Handler`], in practice [`super::Service::handle`]) and owns every
//! limit that only a socket has.
//!
//! - A body larger than `max_body` is answered 413 from its `Content-Length` before a byte is
//!   read; a chunked body is counted as it is read ([`http_body_util::Limited`]) and may take at
//!   most `body_timeout`.
//! - The request line and headers together are at most `max_header_bytes` (431 above), and must
//!   arrive within `header_timeout`.
//! - A read or write that makes no progress for `idle_timeout` / `write_timeout` ends the
//!   connection ([`Timed`]): a client that never reads its answer, or sends nothing, holds a
//!   socket for that long and never a worker (the handler runs on the blocking pool and returns
//!   the whole answer, or a stream whose producer stops when the connection goes).
//! - At most `max_connections` connections are open: the accept loop waits for one to close
//!   (the kernel's backlog queues the rest), and an accept error (EMFILE, ECONNABORTED, …) is
//!   logged and retried, never the end of the loop.
//! - A panic in the handler is answered 500; the server keeps serving.
//! - A client that closes its connection while its request is evaluated sets the request's
//!   `gone` flag, which stops the evaluation ([`super::pool`] kills the worker process).
//! - SIGTERM or SIGINT stops the accept loop; requests in flight get `grace` to finish.

use super::{Body as RespBody, Request, Response};
use http_body_util::BodyExt;
use hyper::body::{Bytes, Frame, Incoming, SizeHint};
use hyper_util::rt::{TokioIo, TokioTimer};
use std::future::Future;
use std::io::Read;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::{Duration, Instant};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::sync::{mpsc, watch, Semaphore};
use tokio::time::Sleep;

/// What the socket side allows (see the module documentation).
#[derive(Debug, Clone)]
pub struct HttpLimits {
    pub max_body: usize,
    pub max_header_bytes: usize,
    pub max_connections: usize,
    pub header_timeout: Duration,
    pub body_timeout: Duration,
    pub idle_timeout: Duration,
    pub write_timeout: Duration,
    /// Time given to requests in flight after SIGTERM/SIGINT.
    pub grace: Duration,
    /// Threads that run the handler at once (the blocking pool).
    pub handler_threads: usize,
}

impl Default for HttpLimits {
    fn default() -> Self {
        Self {
            max_body: 16 << 20,
            max_header_bytes: 64 * 1024,
            max_connections: 256,
            header_timeout: Duration::from_secs(10),
            body_timeout: Duration::from_secs(30),
            idle_timeout: Duration::from_secs(60),
            write_timeout: Duration::from_secs(30),
            grace: Duration::from_secs(10),
            handler_threads: 64,
        }
    }
}

/// A function from request to response, called on a blocking thread.
pub trait Handler: Send + Sync + 'static {
    fn handle(&self, req: &Request) -> Response;
}

impl Handler for super::Service {
    fn handle(&self, req: &Request) -> Response {
        super::Service::handle(self, req)
    }
}

impl<F: Fn(&Request) -> Response + Send + Sync + 'static> Handler for F {
    fn handle(&self, req: &Request) -> Response {
        self(req)
    }
}

/// How the server ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stopped {
    /// Connections still open when the grace period ran out.
    pub abandoned: usize,
}

/// Serves `handler` on `listener` until SIGTERM/SIGINT (or `stop` is set to true), on a tokio
/// runtime of its own. Blocks; returns once the connections have finished or the grace period
/// has passed.
pub fn run(
    handler: Arc<dyn Handler>,
    listener: std::net::TcpListener,
    limits: HttpLimits,
    stop: Option<watch::Receiver<bool>>,
) -> std::io::Result<Stopped> {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .max_blocking_threads(limits.handler_threads.max(1))
        .thread_stack_size(crate::sparql_guard::STACK_SIZE)
        .thread_name("igokg-serve")
        .enable_all()
        .build()?;
    let result = rt.block_on(serve(handler, listener, limits, stop));
    // Handler threads still busy (past the grace period) are not waited for.
    rt.shutdown_timeout(Duration::from_millis(100));
    result
}

async fn serve(
    handler: Arc<dyn Handler>,
    listener: std::net::TcpListener,
    limits: HttpLimits,
    stop: Option<watch::Receiver<bool>>,
) -> std::io::Result<Stopped> {
    listener.set_nonblocking(true)?;
    let listener = tokio::net::TcpListener::from_std(listener)?;
    let limits = Arc::new(limits);
    let permits = Arc::new(Semaphore::new(limits.max_connections));
    let (shutdown_tx, shutdown_rx) = watch::channel(false);
    let mut stop_signal = std::pin::pin!(stop_requested(stop));
    let mut last_error_log: Option<Instant> = None;
    loop {
        // Back-pressure: no accept while max_connections are open.
        let acquire = permits.clone().acquire_owned();
        let Some(permit) = first(&mut stop_signal, acquire).await else { break };
        let Ok(permit) = permit else { break };
        let accepted = match first(&mut stop_signal, listener.accept()).await {
            None => break,
            Some(a) => a,
        };
        let (stream, _peer) = match accepted {
            Ok(s) => s,
            Err(e) => {
                // EMFILE, ENFILE, ECONNABORTED, …: wait a little and go on accepting.
                if last_error_log.is_none_or(|t| t.elapsed() > Duration::from_secs(1)) {
                    eprintln!("igokg: accept failed ({e}); retrying");
                    last_error_log = Some(Instant::now());
                }
                drop(permit);
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        let _ = stream.set_nodelay(true);
        let (handler, limits, mut shutdown) = (handler.clone(), limits.clone(), shutdown_rx.clone());
        tokio::spawn(async move {
            let io = TokioIo::new(Timed::new(stream, limits.idle_timeout, limits.write_timeout));
            let mut builder = hyper::server::conn::http1::Builder::new();
            builder
                .timer(TokioTimer::new())
                .header_read_timeout(limits.header_timeout)
                .max_header_size(limits.max_header_bytes)
                .max_buf_size(limits.max_header_bytes.max(8192) + 8192)
                .keep_alive(true);
            let svc_limits = limits.clone();
            let service = hyper::service::service_fn(move |req| respond(handler.clone(), svc_limits.clone(), req));
            let conn = builder.serve_connection(io, service);
            let mut conn = std::pin::pin!(conn);
            let mut shutting_down = *shutdown.borrow();
            if shutting_down {
                conn.as_mut().graceful_shutdown();
            }
            let mut changed = std::pin::pin!(shutdown.changed());
            let _ = std::future::poll_fn(|cx| {
                if !shutting_down && changed.as_mut().poll(cx).is_ready() {
                    shutting_down = true;
                    conn.as_mut().graceful_shutdown();
                }
                conn.as_mut().poll(cx)
            })
            .await;
            drop(permit);
        });
    }
    drop(listener);
    let _ = shutdown_tx.send(true);
    // Every connection holds a permit: all of them back means every connection has ended.
    let all = u32::try_from(limits.max_connections).unwrap_or(u32::MAX);
    let abandoned = match tokio::time::timeout(limits.grace, permits.acquire_many(all)).await {
        Ok(_) => 0,
        Err(_) => limits.max_connections - permits.available_permits(),
    };
    Ok(Stopped { abandoned })
}

/// Resolves when SIGTERM or SIGINT arrives, or `stop` turns true.
async fn stop_requested(stop: Option<watch::Receiver<bool>>) {
    use tokio::signal::unix::{signal, SignalKind};
    let mut term = signal(SignalKind::terminate()).ok();
    let mut int = signal(SignalKind::interrupt()).ok();
    let signals = std::future::poll_fn(move |cx| {
        let term = term.as_mut().is_some_and(|t| t.poll_recv(cx).is_ready());
        let int = int.as_mut().is_some_and(|i| i.poll_recv(cx).is_ready());
        if term || int {
            Poll::Ready(())
        } else {
            Poll::Pending
        }
    });
    let asked = async move {
        match stop {
            Some(mut s) => {
                while !*s.borrow_and_update() {
                    if s.changed().await.is_err() {
                        std::future::pending::<()>().await;
                    }
                }
            }
            None => std::future::pending::<()>().await,
        }
    };
    let mut asked = std::pin::pin!(asked);
    first(&mut asked, signals).await;
}

/// `Some(f's output)`, or `None` if `stop` resolves first.
async fn first<S: Future<Output = ()>, F: Future>(stop: &mut Pin<&mut S>, f: F) -> Option<F::Output> {
    let mut f = std::pin::pin!(f);
    std::future::poll_fn(|cx| {
        if stop.as_mut().poll(cx).is_ready() {
            return Poll::Ready(None);
        }
        f.as_mut().poll(cx).map(Some)
    })
    .await
}

/// Sets the request's `gone` flag when dropped before [`GoneGuard::done`]: hyper drops the
/// response future when the client closes its connection mid-request.
struct GoneGuard(Option<Arc<AtomicBool>>);

impl GoneGuard {
    fn done(mut self) {
        self.0 = None;
    }
}

impl Drop for GoneGuard {
    fn drop(&mut self) {
        if let Some(flag) = &self.0 {
            flag.store(true, Ordering::SeqCst);
        }
    }
}

async fn respond(
    handler: Arc<dyn Handler>,
    limits: Arc<HttpLimits>,
    req: hyper::Request<Incoming>,
) -> Result<hyper::Response<OutBody>, std::convert::Infallible> {
    let max = limits.max_body;
    let too_large = || Response::error(413, format!("the request body is larger than {max} bytes (--max-body)"));
    // Refused on the announced length: nothing is read or allocated.
    let announced = req.headers().get(hyper::header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()).map(|v| v.trim().parse::<u64>());
    match announced {
        Some(Ok(n)) if n > max as u64 => return Ok(to_hyper(too_large(), true)),
        Some(Err(_)) => return Ok(to_hyper(Response::error(400, "Content-Length is not a number"), true)),
        _ => {}
    }
    let (parts, body) = req.into_parts();
    let body = match tokio::time::timeout(limits.body_timeout, http_body_util::Limited::new(body, max).collect()).await {
        Err(_) => {
            let secs = limits.body_timeout.as_secs_f64();
            return Ok(to_hyper(Response::error(408, format!("the request body did not arrive within {secs} s")), true));
        }
        Ok(Err(e)) if e.downcast_ref::<http_body_util::LengthLimitError>().is_some() => return Ok(to_hyper(too_large(), true)),
        Ok(Err(e)) => return Ok(to_hyper(Response::error(400, format!("cannot read the request body: {e}")), true)),
        Ok(Ok(b)) => b.to_bytes().to_vec(),
    };
    let gone = Arc::new(AtomicBool::new(false));
    let request = Request {
        method: parts.method.as_str().to_owned(),
        url: parts.uri.path_and_query().map_or_else(|| parts.uri.path().to_owned(), |pq| pq.as_str().to_owned()),
        headers: parts.headers.iter().map(|(n, v)| (n.as_str().to_owned(), String::from_utf8_lossy(v.as_bytes()).into_owned())).collect(),
        body,
        gone: Some(gone.clone()),
    };
    let guard = GoneGuard(Some(gone));
    let (tx, rx) = mpsc::channel::<std::io::Result<Bytes>>(4);
    let task = tokio::task::spawn_blocking(move || {
        let resp = handler.handle(&request);
        match resp.body {
            RespBody::Bytes(b) => (resp.status, resp.headers, Some(b)),
            RespBody::Stream(reader) => {
                let (status, headers) = (resp.status, resp.headers);
                // Produced on this thread, sent as the client reads; a gone client drops the
                // receiver and ends the loop.
                std::thread::Builder::new()
                    .name("igokg-serve-stream".into())
                    .spawn(move || pump(reader, &tx))
                    .map(|_| (status, headers, None))
                    .unwrap_or_else(|e| (500, vec![], Some(format!("cannot start a stream: {e}\n").into_bytes())))
            }
        }
    });
    let joined = task.await;
    guard.done();
    let resp = match joined {
        Ok((status, headers, Some(bytes))) => Response { status, headers, body: RespBody::Bytes(bytes) },
        Ok((status, headers, None)) => {
            let mut r = to_hyper(Response { status, headers, body: RespBody::Bytes(vec![]) }, false);
            *r.body_mut() = OutBody::Channel(rx);
            return Ok(r);
        }
        Err(e) => {
            let what = panic_message(e);
            eprintln!("igokg: a request handler panicked: {what}");
            Response::error(500, format!("internal error (the handler panicked: {what}); the server goes on"))
        }
    };
    Ok(to_hyper(resp, false))
}

fn panic_message(e: tokio::task::JoinError) -> String {
    if !e.is_panic() {
        return e.to_string();
    }
    let p = e.into_panic();
    p.downcast_ref::<&str>().map(|s| (*s).to_owned()).or_else(|| p.downcast_ref::<String>().cloned()).unwrap_or_else(|| "no message".into())
}

fn pump(mut reader: Box<dyn Read + Send>, tx: &mpsc::Sender<std::io::Result<Bytes>>) {
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        match reader.read(&mut buf) {
            Ok(0) => return,
            Ok(n) => {
                if tx.blocking_send(Ok(Bytes::copy_from_slice(&buf[..n]))).is_err() {
                    return;
                }
            }
            Err(e) => {
                let _ = tx.blocking_send(Err(e));
                return;
            }
        }
    }
}

fn to_hyper(resp: Response, close: bool) -> hyper::Response<OutBody> {
    let mut b = hyper::Response::builder().status(resp.status);
    for (n, v) in &resp.headers {
        if let (Ok(n), Ok(v)) = (hyper::header::HeaderName::try_from(n.as_str()), hyper::header::HeaderValue::try_from(v.as_str())) {
            b = b.header(n, v);
        }
    }
    b = b.header(hyper::header::SERVER, "igokg");
    if close {
        // The body was not read: the connection cannot carry another request.
        b = b.header(hyper::header::CONNECTION, "close");
    }
    let body = match resp.body {
        RespBody::Bytes(v) => OutBody::Full(Some(Bytes::from(v))),
        RespBody::Stream(_) => OutBody::Full(None),
    };
    b.body(body).unwrap_or_else(|_| {
        let mut r = hyper::Response::new(OutBody::Full(Some(Bytes::from_static(b"internal error: a bad response\n"))));
        *r.status_mut() = hyper::StatusCode::INTERNAL_SERVER_ERROR;
        r
    })
}

/// A response body: all at once, or chunks from a producer thread.
pub enum OutBody {
    Full(Option<Bytes>),
    Channel(mpsc::Receiver<std::io::Result<Bytes>>),
}

impl hyper::body::Body for OutBody {
    type Data = Bytes;
    type Error = std::io::Error;

    fn poll_frame(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Result<Frame<Bytes>, std::io::Error>>> {
        match self.get_mut() {
            Self::Full(b) => Poll::Ready(b.take().filter(|b| !b.is_empty()).map(|b| Ok(Frame::data(b)))),
            Self::Channel(rx) => rx.poll_recv(cx).map(|o| o.map(|r| r.map(Frame::data))),
        }
    }

    fn is_end_stream(&self) -> bool {
        matches!(self, Self::Full(None)) || matches!(self, Self::Full(Some(b)) if b.is_empty())
    }

    fn size_hint(&self) -> SizeHint {
        match self {
            Self::Full(Some(b)) => SizeHint::with_exact(b.len() as u64),
            Self::Full(None) => SizeHint::with_exact(0),
            Self::Channel(_) => SizeHint::default(),
        }
    }
}

/// A socket whose reads and writes fail with `TimedOut` when they make no progress for their
/// timeout (the clock restarts with every byte moved).
pub struct Timed<S> {
    inner: S,
    read_timeout: Duration,
    write_timeout: Duration,
    read_timer: Option<Pin<Box<Sleep>>>,
    write_timer: Option<Pin<Box<Sleep>>>,
}

impl<S> Timed<S> {
    pub fn new(inner: S, read_timeout: Duration, write_timeout: Duration) -> Self {
        Self { inner, read_timeout, write_timeout, read_timer: None, write_timer: None }
    }
}

fn stalled(timer: &mut Option<Pin<Box<Sleep>>>, timeout: Duration, cx: &mut Context<'_>, what: &str) -> Poll<std::io::Error> {
    let t = timer.get_or_insert_with(|| Box::pin(tokio::time::sleep(timeout)));
    match t.as_mut().poll(cx) {
        Poll::Ready(()) => {
            Poll::Ready(std::io::Error::new(std::io::ErrorKind::TimedOut, format!("no {what} progress for {} s", timeout.as_secs_f64())))
        }
        Poll::Pending => Poll::Pending,
    }
}

impl<S: AsyncRead + Unpin> AsyncRead for Timed<S> {
    fn poll_read(mut self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &mut ReadBuf<'_>) -> Poll<std::io::Result<()>> {
        let this = &mut *self;
        match Pin::new(&mut this.inner).poll_read(cx, buf) {
            Poll::Ready(r) => {
                this.read_timer = None;
                Poll::Ready(r)
            }
            Poll::Pending => stalled(&mut this.read_timer, this.read_timeout, cx, "read").map(Err),
        }
    }
}

impl<S: AsyncWrite + Unpin> AsyncWrite for Timed<S> {
    fn poll_write(mut self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &[u8]) -> Poll<std::io::Result<usize>> {
        let this = &mut *self;
        match Pin::new(&mut this.inner).poll_write(cx, buf) {
            Poll::Ready(r) => {
                this.write_timer = None;
                Poll::Ready(r)
            }
            Poll::Pending => stalled(&mut this.write_timer, this.write_timeout, cx, "write").map(Err),
        }
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        let this = &mut *self;
        match Pin::new(&mut this.inner).poll_flush(cx) {
            Poll::Ready(r) => {
                this.write_timer = None;
                Poll::Ready(r)
            }
            Poll::Pending => stalled(&mut this.write_timer, this.write_timeout, cx, "write").map(Err),
        }
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }

    fn poll_write_vectored(mut self: Pin<&mut Self>, cx: &mut Context<'_>, bufs: &[std::io::IoSlice<'_>]) -> Poll<std::io::Result<usize>> {
        let this = &mut *self;
        match Pin::new(&mut this.inner).poll_write_vectored(cx, bufs) {
            Poll::Ready(r) => {
                this.write_timer = None;
                Poll::Ready(r)
            }
            Poll::Pending => stalled(&mut this.write_timer, this.write_timeout, cx, "write").map(Err),
        }
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn get(addr: std::net::SocketAddr, path: &str) -> (u16, String) {
        let mut s = std::net::TcpStream::connect(addr).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        write!(s, "GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").unwrap();
        let mut out = String::new();
        let _ = s.read_to_string(&mut out);
        let status = out.split_whitespace().nth(1).and_then(|c| c.parse().ok()).unwrap_or(0);
        (status, out)
    }

    #[test]
    fn a_panic_in_the_handler_is_a_500_and_the_server_goes_on() {
        let handler = |req: &Request| -> Response {
            if req.url == "/boom" {
                panic!("deliberate");
            }
            Response::error(200, "fine")
        };
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let (tx, rx) = watch::channel(false);
        let limits = HttpLimits { handler_threads: 2, ..HttpLimits::default() };
        let server = std::thread::spawn(move || run(Arc::new(handler), listener, limits, Some(rx)));
        // More panics than handler threads: none is lost.
        for _ in 0..5 {
            let (status, text) = get(addr, "/boom");
            assert_eq!(status, 500, "{text}");
            assert!(text.contains("the handler panicked: deliberate"), "{text}");
        }
        assert_eq!(get(addr, "/ok").0, 200);
        tx.send(true).unwrap();
        let stopped = server.join().unwrap().unwrap();
        assert_eq!(stopped, Stopped { abandoned: 0 });
        assert!(std::net::TcpStream::connect(addr).is_err(), "still accepting after the stop");
    }

    #[test]
    fn a_stalled_write_times_out() {
        let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        rt.block_on(async {
            let (client, server) = tokio::io::duplex(64);
            let mut timed = Timed::new(server, Duration::from_secs(60), Duration::from_millis(100));
            let t = Instant::now();
            let err = tokio::io::AsyncWriteExt::write_all(&mut timed, &[0u8; 4096]).await.unwrap_err();
            assert_eq!(err.kind(), std::io::ErrorKind::TimedOut);
            assert!(t.elapsed() >= Duration::from_millis(100) && t.elapsed() < Duration::from_secs(2));
            drop(client);
        });
    }
}
