//! Answers kept for repeated queries: a dashboard or a page asks the same questions again and
//! again, and on a big store one answer can cost hundreds of milliseconds of CPU. An answer is
//! kept only when it is a 200, the query uses no function whose value changes between calls
//! (NOW, RAND, UUID, STRUUID, BNODE), and it fits the budget; every write of the server empties
//! the cache, so an answer never outlives the data it was computed from.
//!
//! A query that is being answered is answered once: the requests for it that arrive meanwhile
//! wait for that answer ([`Lookup::Follow`]) instead of computing it again. A page (or the 32
//! clients of `examples/bench_serve.rs`) sends its questions at once; on the COW store two of
//! the example queries cost seconds of CPU each, and without this every client that asked
//! before the first answer was kept computed them again, side by side on two cores, until
//! some passed the timeout (BENCHMARKS.md, issue 11).

use super::{Body, Response};
use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

/// What a kept answer is found by: the query text and the `Accept` header as sent.
type Key = (String, Option<String>);

/// A kept answer: status, headers, body.
type Kept = (u16, Vec<(String, String)>, Vec<u8>);

/// A byte-bounded cache of answers, oldest out first.
pub struct AnswerCache {
    budget: usize,
    used: usize,
    entries: HashMap<Key, Kept>,
    order: VecDeque<Key>,
    /// Bumped by every [`AnswerCache::clear`]: an answer computed before a write is not kept.
    epoch: u64,
    /// The queries being answered now (see [`AnswerCache::lookup`]).
    flights: HashMap<Key, Arc<Flight>>,
    pub hits: u64,
    pub misses: u64,
}

/// What [`AnswerCache::lookup`] found.
pub enum Lookup {
    /// A kept answer.
    Hit(Response),
    /// Nobody is answering the query: answer it, then [`AnswerCache::land`] the answer.
    Lead(Arc<Flight>),
    /// Another request is answering the query: [`Flight::wait`] for its answer.
    Follow(Arc<Flight>),
    /// The query's answer is never kept (see [`cacheable`]): answer it.
    Alone,
}

/// One query being answered, and the requests waiting for its answer.
#[derive(Default)]
pub struct Flight {
    /// `Some` once the leader has answered: its answer if it may be shared (a 200).
    answer: Mutex<Option<Option<Kept>>>,
    done: Condvar,
}

impl Flight {
    /// The leader's answer, once it has one, if it is a 200 (`None`: answer the query
    /// yourself: it failed, or took longer than `timeout`).
    pub fn wait(&self, timeout: Duration) -> Option<Response> {
        let end = Instant::now() + timeout;
        let mut answer = self.answer.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        while answer.is_none() {
            let left = end.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return None;
            }
            answer = self.done.wait_timeout(answer, left).unwrap_or_else(std::sync::PoisonError::into_inner).0;
        }
        answer.as_ref().and_then(|a| a.as_ref()).map(|(status, headers, body)| Response {
            status: *status,
            headers: headers.clone(),
            body: Body::Bytes(body.clone()),
        })
    }

    fn deliver(&self, resp: &Response) {
        let shared = match &resp.body {
            Body::Bytes(body) if resp.status == 200 => Some((resp.status, resp.headers.clone(), body.clone())),
            _ => None,
        };
        *self.answer.lock().unwrap_or_else(std::sync::PoisonError::into_inner) = Some(shared);
        self.done.notify_all();
    }
}

const VOLATILE: &[&str] = &["NOW(", "RAND(", "UUID(", "STRUUID(", "BNODE("];

/// Can the answer of `query` be kept? (A function name anywhere in the text, even in a
/// string, counts: better not kept than kept wrongly.)
pub fn cacheable(query: &str) -> bool {
    let upper: String = query.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_uppercase();
    !VOLATILE.iter().any(|f| upper.contains(f))
}

impl AnswerCache {
    pub fn new(budget: usize) -> Self {
        Self { budget, used: 0, entries: HashMap::new(), order: VecDeque::new(), epoch: 0, flights: HashMap::new(), hits: 0, misses: 0 }
    }

    fn size(key: &Key, headers: &[(String, String)], body: &[u8]) -> usize {
        key.0.len()
            + key.1.as_ref().map_or(0, String::len)
            + headers.iter().map(|(a, b)| a.len() + b.len()).sum::<usize>()
            + body.len()
            + 64
    }

    /// The current epoch: pass it to [`AnswerCache::put`] with the answer computed after it.
    pub fn epoch(&self) -> u64 {
        self.epoch
    }

    pub fn get(&mut self, query: &str, accept: Option<&str>) -> Option<Response> {
        let key = (query.to_owned(), accept.map(str::to_owned));
        match self.entries.get(&key) {
            Some((status, headers, body)) => {
                self.hits += 1;
                Some(Response { status: *status, headers: headers.clone(), body: Body::Bytes(body.clone()) })
            }
            None => {
                self.misses += 1;
                None
            }
        }
    }

    /// A kept answer, else whether the caller answers the query ([`Lookup::Lead`], and then
    /// [`AnswerCache::land`]s it) or waits for the request that is answering it.
    pub fn lookup(&mut self, query: &str, accept: Option<&str>) -> Lookup {
        if let Some(hit) = self.get(query, accept) {
            return Lookup::Hit(hit);
        }
        if !cacheable(query) {
            return Lookup::Alone;
        }
        let key = (query.to_owned(), accept.map(str::to_owned));
        if let Some(f) = self.flights.get(&key) {
            return Lookup::Follow(Arc::clone(f));
        }
        let f = Arc::new(Flight::default());
        self.flights.insert(key, Arc::clone(&f));
        Lookup::Lead(f)
    }

    /// The answer of a [`Lookup::Lead`]: kept when it may be ([`AnswerCache::put`]) and handed
    /// to the requests waiting for it; the flight ends.
    pub fn land(&mut self, flight: &Arc<Flight>, epoch: u64, query: &str, accept: Option<&str>, resp: &Response) {
        self.put(epoch, query, accept, resp);
        let key = (query.to_owned(), accept.map(str::to_owned));
        if self.flights.get(&key).is_some_and(|f| Arc::ptr_eq(f, flight)) {
            self.flights.remove(&key);
        }
        flight.deliver(resp);
    }

    /// Keeps a copy of `resp` when it may be kept (see the module documentation).
    pub fn put(&mut self, epoch: u64, query: &str, accept: Option<&str>, resp: &Response) {
        let Body::Bytes(body) = &resp.body else { return };
        if epoch != self.epoch || resp.status != 200 || !cacheable(query) {
            return;
        }
        let key = (query.to_owned(), accept.map(str::to_owned));
        let size = Self::size(&key, &resp.headers, body);
        if size > self.budget / 4 || self.entries.contains_key(&key) {
            return;
        }
        while self.used + size > self.budget {
            let Some(old) = self.order.pop_front() else { break };
            if let Some((_, h, b)) = self.entries.remove(&old) {
                self.used -= Self::size(&old, &h, &b);
            }
        }
        self.used += size;
        self.order.push_back(key.clone());
        self.entries.insert(key, (resp.status, resp.headers.clone(), body.clone()));
    }

    /// Forgets every answer (the store has changed).
    pub fn clear(&mut self) {
        self.entries.clear();
        self.order.clear();
        self.used = 0;
        self.epoch += 1;
        // A query asked after the write starts a flight of its own.
        self.flights.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(body: &str) -> Response {
        Response::new(200, "text/csv", body)
    }

    #[test]
    fn answers_are_kept_within_the_budget_oldest_out_first() {
        let mut c = AnswerCache::new(4 * (200 + 64 + 30));
        c.put(0, "q1", None, &ok(&"a".repeat(200)));
        assert_eq!(c.get("q1", None).unwrap().into_bytes().unwrap().len(), 200);
        assert!(c.get("q1", Some("text/csv")).is_none(), "another Accept is another answer");
        for q in ["q2", "q3", "q4", "q5"] {
            c.put(0, q, None, &ok(&"b".repeat(200)));
        }
        assert!(c.get("q1", None).is_none(), "the oldest was not evicted");
        assert!(c.get("q5", None).is_some());
        assert!(c.used <= c.budget);
        c.clear();
        assert!(c.get("q5", None).is_none());
        c.put(0, "q6", None, &ok("computed before the write"));
        assert!(c.get("q6", None).is_none(), "an answer older than the last write was kept");
    }

    #[test]
    fn a_query_asked_while_it_is_being_answered_waits_for_that_answer() {
        let cache = Arc::new(Mutex::new(AnswerCache::new(1 << 20)));
        let Lookup::Lead(flight) = cache.lock().unwrap().lookup("q", None) else { panic!("the first request does not lead") };
        let waiters: Vec<_> = (0..3)
            .map(|_| {
                let Lookup::Follow(f) = cache.lock().unwrap().lookup("q", None) else { panic!("a second request does not wait") };
                std::thread::spawn(move || f.wait(Duration::from_secs(10)).map(|r| r.into_bytes().unwrap()))
            })
            .collect();
        assert!(matches!(cache.lock().unwrap().lookup("q", Some("text/csv")), Lookup::Lead(_)), "another Accept is another query");
        cache.lock().unwrap().land(&flight, 0, "q", None, &ok("the answer"));
        for w in waiters {
            assert_eq!(w.join().unwrap().as_deref(), Some(&b"the answer"[..]));
        }
        assert!(matches!(cache.lock().unwrap().lookup("q", None), Lookup::Hit(_)));
        // A failed answer is not handed on: each waiter answers for itself.
        let Lookup::Lead(flight) = cache.lock().unwrap().lookup("r", None) else { panic!() };
        let Lookup::Follow(f) = cache.lock().unwrap().lookup("r", None) else { panic!() };
        cache.lock().unwrap().land(&flight, 0, "r", None, &Response::error(503, "timed out"));
        assert!(f.wait(Duration::from_secs(10)).is_none());
        assert!(matches!(cache.lock().unwrap().lookup("r", None), Lookup::Lead(_)), "the failed flight did not end");
        // A waiter gives up at its timeout; volatile queries are answered alone.
        let Lookup::Follow(f) = cache.lock().unwrap().lookup("r", None) else { panic!() };
        assert!(f.wait(Duration::from_millis(10)).is_none());
        assert!(matches!(cache.lock().unwrap().lookup("SELECT (NOW() AS ?t) {}", None), Lookup::Alone));
        // After a write, a query starts a new flight rather than waiting for one begun before it.
        cache.lock().unwrap().clear();
        assert!(matches!(cache.lock().unwrap().lookup("r", None), Lookup::Lead(_)));
    }

    #[test]
    fn errors_and_volatile_queries_are_not_kept() {
        let mut c = AnswerCache::new(1 << 20);
        c.put(0, "q", None, &Response::error(503, "timed out"));
        assert!(c.get("q", None).is_none());
        for q in
            ["SELECT (NOW() AS ?t) {}", "SELECT (rand () AS ?r) {}", "SELECT ?b { BIND(BNODE() AS ?b) }", "SELECT (STRUUID() AS ?u) {}"]
        {
            assert!(!cacheable(q), "{q}");
            c.put(0, q, None, &ok("x"));
            assert!(c.get(q, None).is_none(), "{q}");
        }
        assert!(cacheable("SELECT ?now WHERE { ?s <http://x/random> ?now }"));
    }
}
