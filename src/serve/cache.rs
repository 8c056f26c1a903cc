//! Answers kept for repeated queries: a dashboard or a page asks the same questions again and
//! again, and on a big store one answer can cost hundreds of milliseconds of CPU. An answer is
//! kept only when it is a 200, the query uses no function whose value changes between calls
//! (NOW, RAND, UUID, STRUUID, BNODE), and it fits the budget; every write of the server empties
//! the cache, so an answer never outlives the data it was computed from.

use super::{Body, Response};
use std::collections::{HashMap, VecDeque};

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
    pub hits: u64,
    pub misses: u64,
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
        Self { budget, used: 0, entries: HashMap::new(), order: VecDeque::new(), epoch: 0, hits: 0, misses: 0 }
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
