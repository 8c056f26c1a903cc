//! Queries evaluated in worker processes that can be killed.
//!
//! Oxigraph checks its cancellation token when it reads the store and between answers, not
//! inside every operator: a sort, group or distinct over a product, a property path over a big
//! graph, nested OPTIONALs or a string doubled by BINDs run on past any deadline, and may
//! allocate until the process aborts. A thread cannot be stopped from outside; a process can.
//! So `igokg serve` keeps a pool of `igokg serve --worker` children, each with the store open
//! read-only, and sends each query to an idle one over its stdin (one JSON line); the child
//! answers on its stdout (a JSON head line, then the body). A monitor thread kills a child
//! (SIGKILL) whose query has run past its deadline (plus [`KILL_GRACE`]), whose anonymous
//! memory passes the budget, or whose client has gone; the next query gets a fresh child.
//! The child also stops itself if its parent dies, and answers its own 503 when Oxigraph's
//! token stops the query first.
//!
//! Children see the store as it was when they opened it: after a write the server bumps the
//! pool's generation, and a child reopens the store before its next query of a newer one.

use super::Response;
use crate::sparql_guard::{Deadline, Limits};
use crate::store::Store;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::PathBuf;
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

/// Time after the deadline at which a child still evaluating is killed (its own token should
/// have stopped it at the deadline).
pub const KILL_GRACE: Duration = Duration::from_millis(400);

/// How often the monitor looks at busy children.
const TICK: Duration = Duration::from_millis(10);

/// One query for a worker.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Job {
    pub query: String,
    pub accept: Option<String>,
    pub timeout_ms: u64,
    pub max_rows: usize,
    pub limits: Limits,
    /// The base IRI and the default graph the query is evaluated with.
    pub options: crate::store::QueryOptions,
    /// The store's generation the answer must reflect (bumped by every write).
    pub generation: u64,
}

#[derive(Debug, serde::Serialize, serde::Deserialize)]
struct Head {
    status: u16,
    headers: Vec<(String, String)>,
    len: usize,
}

/// How to start a worker and what it may use.
#[derive(Debug, Clone)]
pub struct PoolConfig {
    /// The `igokg` executable and the arguments that start a worker on the store.
    pub program: PathBuf,
    pub args: Vec<String>,
    /// Workers at most (queries evaluated at once).
    pub size: usize,
    /// Anonymous memory (bytes) a worker may use; it is killed above.
    pub max_memory: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stop {
    Deadline,
    Memory,
    ClientGone,
}

struct Worker {
    child: Arc<Mutex<Child>>,
    pid: u32,
    stdin: ChildStdin,
    stdout: BufReader<ChildStdout>,
}

struct Watch {
    id: u64,
    pid: u32,
    child: Arc<Mutex<Child>>,
    kill_at: Instant,
    gone: Option<Arc<AtomicBool>>,
    stopped: Arc<Mutex<Option<Stop>>>,
}

struct State {
    idle: Vec<Worker>,
    live: usize,
}

/// The pool of worker processes (see the module documentation).
pub struct Pool {
    config: PoolConfig,
    state: Mutex<State>,
    freed: Condvar,
    generation: AtomicU64,
    watches: Arc<Mutex<Vec<Watch>>>,
    next_watch: AtomicU64,
    closing: Arc<AtomicBool>,
    /// Workers killed so far, by reason (deadline, memory, client gone) and deaths otherwise.
    pub killed: [AtomicU64; 4],
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

impl Pool {
    /// Starts the pool and its workers (so that a store that cannot be opened is an error now,
    /// not at the first query, and no query waits for a worker to start).
    pub fn new(config: PoolConfig) -> std::io::Result<Arc<Self>> {
        let watches: Arc<Mutex<Vec<Watch>>> = Arc::default();
        let closing = Arc::new(AtomicBool::new(false));
        let pool = Arc::new(Self {
            config,
            state: Mutex::new(State { idle: Vec::new(), live: 0 }),
            freed: Condvar::new(),
            generation: AtomicU64::new(0),
            watches: watches.clone(),
            next_watch: AtomicU64::new(0),
            closing: closing.clone(),
            killed: Default::default(),
        });
        let weak = Arc::downgrade(&pool);
        std::thread::Builder::new().name("igokg-pool-monitor".into()).spawn(move || {
            let max_memory = match weak.upgrade() {
                Some(p) => p.config.max_memory,
                None => return,
            };
            while !closing.load(Ordering::Relaxed) {
                std::thread::sleep(TICK);
                let now = Instant::now();
                let mut ws = lock(&watches);
                ws.retain(|w| {
                    let why = if w.gone.as_ref().is_some_and(|g| g.load(Ordering::Relaxed)) {
                        Some(Stop::ClientGone)
                    } else if now >= w.kill_at {
                        Some(Stop::Deadline)
                    } else if anonymous_memory(w.pid).is_some_and(|m| m > max_memory) {
                        Some(Stop::Memory)
                    } else {
                        None
                    };
                    let Some(why) = why else { return true };
                    *lock(&w.stopped) = Some(why);
                    let _ = lock(&w.child).kill();
                    let what = match why {
                        Stop::Deadline => "it ran past --timeout",
                        Stop::Memory => "it used more than --max-memory",
                        Stop::ClientGone => "its client closed the connection",
                    };
                    eprintln!("igokg: stopped a query (worker pid {}): {what}", w.pid);
                    if let Some(p) = weak.upgrade() {
                        p.killed[why as usize].fetch_add(1, Ordering::Relaxed);
                    }
                    false
                });
            }
        })?;
        // Started side by side; the server starts serving once all of them are ready.
        let started: Vec<std::io::Result<Worker>> = std::thread::scope(|s| {
            let handles: Vec<_> = (0..pool.config.size.max(1)).map(|_| s.spawn(|| pool.spawn())).collect();
            handles.into_iter().map(|h| h.join().unwrap_or_else(|_| Err(std::io::Error::other("a worker start panicked")))).collect()
        });
        for w in started {
            let w = w?;
            let mut st = lock(&pool.state);
            st.live += 1;
            st.idle.push(w);
        }
        Ok(pool)
    }

    /// Starts a worker in the background for a slot already counted in `live`; it joins the
    /// idle ones when ready (a killed worker is replaced before the next query needs it).
    fn respawn(pool: &Arc<Self>) {
        let weak = Arc::downgrade(pool);
        let started = std::thread::Builder::new().name("igokg-pool-spawn".into()).spawn(move || {
            let Some(pool) = weak.upgrade() else { return };
            match pool.spawn() {
                Ok(w) => {
                    eprintln!("igokg: a new query worker (pid {}) is ready", w.pid);
                    pool.release_idle(w);
                }
                Err(e) => {
                    eprintln!("igokg: {e}");
                    pool.release_dead();
                }
            }
        });
        if started.is_err() {
            pool.release_dead();
        }
    }

    /// Workers started and not yet ended.
    pub fn live(&self) -> usize {
        lock(&self.state).live
    }

    /// The store has changed: workers reopen it before their next query.
    pub fn bump_generation(&self) {
        self.generation.fetch_add(1, Ordering::SeqCst);
    }

    pub fn generation(&self) -> u64 {
        self.generation.load(Ordering::SeqCst)
    }

    fn spawn(&self) -> std::io::Result<Worker> {
        use std::os::unix::process::CommandExt;
        let mut cmd = Command::new(&self.config.program);
        cmd.args(&self.config.args).stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::inherit());
        // Its own process group: a Ctrl-C in the terminal reaches the server, which lets the
        // queries in flight finish, not the workers directly.
        cmd.process_group(0);
        let mut child = cmd.spawn()?;
        let stdin = child.stdin.take().ok_or_else(|| std::io::Error::other("no stdin"))?;
        let mut stdout = BufReader::new(child.stdout.take().ok_or_else(|| std::io::Error::other("no stdout"))?);
        // The worker says "ready" once the store is open (or why it cannot open it).
        let mut line = String::new();
        stdout.read_line(&mut line)?;
        if line.trim() != "ready" {
            let _ = child.kill();
            let _ = child.wait();
            let why = if line.trim().is_empty() { "it exited".to_owned() } else { line.trim().to_owned() };
            return Err(std::io::Error::other(format!("a query worker did not start: {why}")));
        }
        Ok(Worker { pid: child.id(), child: Arc::new(Mutex::new(child)), stdin, stdout })
    }

    /// An idle worker, a new one if fewer than `size` are alive, or `None` once `wait_until`
    /// passes (or the client goes) with every worker busy.
    fn acquire(&self, wait_until: Instant, gone: Option<&AtomicBool>) -> Result<Worker, Response> {
        let mut st = lock(&self.state);
        loop {
            if let Some(w) = st.idle.pop() {
                return Ok(w);
            }
            if st.live < self.config.size {
                st.live += 1;
                drop(st);
                return self.spawn().map_err(|e| {
                    self.release_dead();
                    Response::error(500, format!("cannot start a query worker: {e}"))
                });
            }
            let now = Instant::now();
            if now >= wait_until || gone.is_some_and(|g| g.load(Ordering::Relaxed)) {
                return Err(Response::error(503, format!("all {} query workers are busy; try again later (--threads)", self.config.size))
                    .with_header("Retry-After", "1"));
            }
            let wait = (wait_until - now).min(Duration::from_millis(50));
            st = self.freed.wait_timeout(st, wait).unwrap_or_else(PoisonError::into_inner).0;
        }
    }

    fn release_idle(&self, w: Worker) {
        lock(&self.state).idle.push(w);
        self.freed.notify_one();
    }

    fn release_dead(&self) {
        let mut st = lock(&self.state);
        st.live = st.live.saturating_sub(1);
        drop(st);
        self.freed.notify_one();
    }

    /// Evaluates `job` in a worker: its answer, or a 503 when the worker was stopped (deadline,
    /// memory, client gone) or the pool stayed busy for the whole timeout, or a 500 when the
    /// worker died.
    pub fn run(self: &Arc<Self>, mut job: Job, gone: Option<Arc<AtomicBool>>) -> Response {
        let timeout = Duration::from_millis(job.timeout_ms);
        let mut worker = match self.acquire(Instant::now() + timeout, gone.as_deref()) {
            Ok(w) => w,
            Err(r) => return r,
        };
        job.generation = self.generation();
        let stopped = Arc::new(Mutex::new(None));
        let id = self.next_watch.fetch_add(1, Ordering::Relaxed);
        lock(&self.watches).push(Watch {
            id,
            pid: worker.pid,
            child: worker.child.clone(),
            kill_at: Instant::now() + timeout + KILL_GRACE,
            gone,
            stopped: stopped.clone(),
        });
        let answer = exchange(&mut worker, &job);
        lock(&self.watches).retain(|w| w.id != id);
        let why = *lock(&stopped);
        match (answer, why) {
            (Ok(resp), None) => {
                self.release_idle(worker);
                resp
            }
            (result, why) => {
                {
                    let mut c = lock(&worker.child);
                    let _ = c.kill();
                    let _ = c.wait();
                }
                Self::respawn(self);
                match why {
                    Some(Stop::Deadline) => Response::error(
                        503,
                        format!("query timed out after {} s (--timeout); its evaluation was stopped", timeout.as_secs_f64()),
                    ),
                    Some(Stop::Memory) => Response::error(
                        503,
                        format!(
                            "the query needed more than {} MiB of memory (--max-memory); its evaluation was stopped",
                            self.config.max_memory >> 20
                        ),
                    ),
                    Some(Stop::ClientGone) => Response::error(503, "the client closed its connection; the query was stopped"),
                    None => {
                        self.killed[3].fetch_add(1, Ordering::Relaxed);
                        let e = result.err().map(|e| e.to_string()).unwrap_or_default();
                        Response::error(500, format!("the query worker stopped unexpectedly ({e}); the server goes on"))
                    }
                }
            }
        }
    }
}

impl Drop for Pool {
    fn drop(&mut self) {
        self.closing.store(true, Ordering::Relaxed);
        let st = self.state.get_mut().unwrap_or_else(PoisonError::into_inner);
        for w in st.idle.drain(..) {
            // Closing its stdin ends a worker; kill it in case it is still starting.
            drop(w.stdin);
            let mut c = lock(&w.child);
            let _ = c.kill();
            let _ = c.wait();
        }
    }
}

fn exchange(w: &mut Worker, job: &Job) -> std::io::Result<Response> {
    let mut line = serde_json::to_vec(job).map_err(std::io::Error::other)?;
    line.push(b'\n');
    w.stdin.write_all(&line)?;
    w.stdin.flush()?;
    let mut head = String::new();
    if w.stdout.read_line(&mut head)? == 0 {
        return Err(std::io::Error::new(std::io::ErrorKind::UnexpectedEof, "it exited"));
    }
    let head: Head = serde_json::from_str(head.trim()).map_err(std::io::Error::other)?;
    let mut body = vec![0; head.len];
    w.stdout.read_exact(&mut body)?;
    Ok(Response { status: head.status, headers: head.headers, body: super::Body::Bytes(body) })
}

/// RssAnon of a process, in bytes (Linux; None elsewhere or once it has gone). File-backed
/// pages (the store's mapped files) do not count.
pub fn anonymous_memory(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("RssAnon:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

/// The worker's side: opens the store read-only, says `ready`, then answers jobs from stdin
/// until it closes. `max_memory` and the job's deadline are also watched from inside, so a
/// worker whose server has died (SIGKILL) cannot run on.
pub fn worker_main(store_path: &std::path::Path, max_memory: u64) -> std::io::Result<()> {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let mut store = match Store::open_to_read_as_worker(store_path) {
        Ok(s) => s,
        Err(e) => {
            writeln!(out, "cannot open the store: {}", e.to_string().replace('\n', " "))?;
            return Ok(());
        }
    };
    writeln!(out, "ready")?;
    out.flush()?;
    let parent = std::os::unix::process::parent_id();
    // (deadline of the job in progress, 0 when idle) in ms since `start`.
    let start = Instant::now();
    let busy_until = Arc::new(AtomicU64::new(0));
    {
        let busy_until = busy_until.clone();
        std::thread::Builder::new().name("igokg-worker-watch".into()).spawn(move || loop {
            std::thread::sleep(Duration::from_millis(50));
            let until = busy_until.load(Ordering::Relaxed);
            let late = until != 0 && start.elapsed().as_millis() as u64 > until + 2_000;
            let orphan = std::os::unix::process::parent_id() != parent;
            let fat = anonymous_memory(std::process::id()).is_some_and(|m| m > max_memory.saturating_mul(2));
            if late || orphan || fat {
                std::process::exit(3);
            }
        })?;
    }
    let mut generation = 0u64;
    let stdin = std::io::stdin();
    for line in stdin.lock().lines() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let job: Job = match serde_json::from_str(&line) {
            Ok(j) => j,
            Err(e) => {
                write_answer(&mut out, Response::error(500, format!("a bad job for the query worker: {e}")))?;
                continue;
            }
        };
        if job.generation != generation {
            drop(store);
            store = match Store::open_to_read_as_worker(store_path) {
                Ok(s) => s,
                Err(e) => {
                    write_answer(&mut out, Response::error(500, format!("cannot reopen the store: {e}")))?;
                    return Ok(());
                }
            };
            generation = job.generation;
        }
        busy_until.store(start.elapsed().as_millis() as u64 + job.timeout_ms, Ordering::Relaxed);
        let deadline = Deadline::new(Duration::from_millis(job.timeout_ms));
        let resp = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            super::answer_query(&store, &job.query, &job.options, job.accept.as_deref(), &job.limits, job.max_rows, &deadline)
        }))
        .unwrap_or_else(|p| {
            let what =
                p.downcast_ref::<&str>().map(|s| (*s).to_owned()).or_else(|| p.downcast_ref::<String>().cloned()).unwrap_or_default();
            Response::error(500, format!("internal error (the query evaluation panicked: {what})"))
        });
        drop(deadline);
        busy_until.store(0, Ordering::Relaxed);
        write_answer(&mut out, resp)?;
    }
    Ok(())
}

fn write_answer(out: &mut impl Write, resp: Response) -> std::io::Result<()> {
    let (status, headers) = (resp.status, resp.headers.clone());
    let body = resp.into_bytes()?;
    let head = Head { status, headers, len: body.len() };
    serde_json::to_writer(&mut *out, &head).map_err(std::io::Error::other)?;
    out.write_all(b"\n")?;
    out.write_all(&body)?;
    out.flush()
}
