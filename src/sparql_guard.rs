//! Limits on SPARQL text before it reaches Oxigraph, and query deadlines.
//!
//! Oxigraph's parser and evaluator recurse once per nesting level: about 5,000 levels of
//! `((((…))))`, `{{{…}}}` or 5,000 flat `UNION`s overflow an 8 MiB stack and abort the whole
//! process. [`check`] measures the text with a small lexer (strings, IRIs and comments are
//! skipped) and refuses, with the line and column, anything deeper than [`Limits::max_depth`]
//! or with longer operator chains than [`Limits::max_chain`]; callers also evaluate on threads
//! with a large stack ([`STACK_SIZE`]), so what passes the check has ample room.
//!
//! [`Deadline`] cancels a query after a timeout (or when its client has gone) through
//! Oxigraph's cancellation token, from one watchdog thread shared by every query of the
//! process. Oxigraph looks at the token only in some operators (reading the store, between
//! answers): a sort, group or distinct over a product built in memory runs on regardless, so
//! `igokg serve` evaluates queries in worker processes that it kills at the deadline or at
//! their memory budget (`serve::pool`) instead of refusing query shapes.

use oxigraph::sparql::CancellationToken;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

/// Stack size of the threads that parse and evaluate SPARQL (the CLI's main work thread and
/// the server's workers). Only touched pages are backed by memory.
pub const STACK_SIZE: usize = 256 * 1024 * 1024;

/// What a query or update may be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Limits {
    /// Bytes of text.
    pub max_len: usize,
    /// Brackets `(`, `{`, `[` open at once.
    pub max_depth: usize,
    /// Binary operators and `UNION`/`OPTIONAL`/`MINUS` keywords in one bracket level (each
    /// adds a level to the algebra tree).
    pub max_chain: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Self { max_len: 4 * 1024 * 1024, max_depth: 256, max_chain: 2_000 }
    }
}

/// Why a query was refused before parsing.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refused {
    #[error("the query is {len} bytes long (limit {limit})")]
    TooLong { len: usize, limit: usize },
    #[error("the query nests brackets {limit}+ levels deep at line {line}, column {column} (limit {limit}): rewrite it flatter")]
    TooDeep { limit: usize, line: usize, column: usize },
    #[error("the query chains more than {limit} operators or UNION/OPTIONAL/MINUS at one level (line {line}, column {column}): split it into smaller queries")]
    ChainTooLong { limit: usize, line: usize, column: usize },
}

/// Checks SPARQL text against the limits (see the module documentation).
pub fn check(text: &str, limits: &Limits) -> Result<(), Refused> {
    if text.len() > limits.max_len {
        return Err(Refused::TooLong { len: text.len(), limit: limits.max_len });
    }
    let chars: Vec<char> = text.chars().collect();
    let (mut line, mut column) = (1usize, 0usize);
    // One chain counter per open bracket level (index 0 is the top level).
    let mut chains: Vec<usize> = vec![0];
    let mut i = 0;
    let mut prev_significant = ' ';
    while i < chars.len() {
        let c = chars[i];
        column += 1;
        if c == '\n' {
            line += 1;
            column = 0;
            i += 1;
            continue;
        }
        let chain_step = |chains: &mut Vec<usize>| -> Result<(), Refused> {
            let n = chains.last_mut().expect("top level");
            *n += 1;
            if *n > limits.max_chain {
                return Err(Refused::ChainTooLong { limit: limits.max_chain, line, column });
            }
            Ok(())
        };
        match c {
            '#' => {
                while i < chars.len() && chars[i] != '\n' {
                    i += 1;
                }
                continue;
            }
            '"' | '\'' => {
                // A string, possibly long ("""…""" or '''…'''), with backslash escapes.
                let long = i + 2 < chars.len() && chars[i + 1] == c && chars[i + 2] == c;
                i += if long { 3 } else { 1 };
                while i < chars.len() {
                    let d = chars[i];
                    if d == '\\' {
                        i += 2;
                        continue;
                    }
                    if d == '\n' {
                        line += 1;
                        column = 0;
                    }
                    if long {
                        if d == c && i + 2 < chars.len() && chars[i + 1] == c && chars[i + 2] == c {
                            i += 3;
                            break;
                        }
                    } else if d == c {
                        i += 1;
                        break;
                    }
                    i += 1;
                }
                prev_significant = 'a';
                continue;
            }
            '<' if is_iri_start(&chars, i) => {
                while i < chars.len() && chars[i] != '>' && !chars[i].is_whitespace() {
                    i += 1;
                }
                i += 1;
                prev_significant = 'a';
                continue;
            }
            '(' | '{' | '[' => {
                chains.push(0);
                if chains.len() - 1 > limits.max_depth {
                    return Err(Refused::TooDeep { limit: limits.max_depth, line, column });
                }
            }
            ')' | '}' | ']' if chains.len() > 1 => {
                chains.pop();
            }
            '|' | '&' if chars.get(i + 1) == Some(&c) => {
                chain_step(&mut chains)?;
                i += 2;
                column += 1;
                prev_significant = c;
                continue;
            }
            '+' | '-' | '*' | '/' | '=' | '<' | '>' | '!' => chain_step(&mut chains)?,
            c if c.is_alphabetic() && !is_name_char(prev_significant) => {
                let start = i;
                while i < chars.len() && (is_name_char(chars[i]) || chars[i] == ':') {
                    i += 1;
                }
                let word: String = chars[start..i].iter().collect();
                if ["UNION", "OPTIONAL", "MINUS"].iter().any(|k| word.eq_ignore_ascii_case(k)) {
                    chain_step(&mut chains)?;
                }
                column += i - start - 1;
                prev_significant = 'a';
                continue;
            }
            _ => {}
        }
        if !c.is_whitespace() {
            prev_significant = c;
        }
        i += 1;
    }
    Ok(())
}

fn is_name_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '?' || c == '$'
}

/// Is the `<` at `i` the start of an IRI (as opposed to "less than")? An IRI reference has no
/// spaces before its closing `>`.
fn is_iri_start(chars: &[char], i: usize) -> bool {
    for &c in chars.iter().skip(i + 1).take(4096) {
        match c {
            '>' => return true,
            c if c.is_whitespace() || c == '<' || c == '"' || c == '{' || c == '}' => return false,
            _ => {}
        }
    }
    false
}

/// A watched query: its id, when it is due, its token, and its client's `gone` flag.
type Pending = (u64, Instant, CancellationToken, Option<Arc<AtomicBool>>);

/// Cancels the queries it watches once their deadline passes.
struct Watchdog {
    pending: Mutex<Vec<Pending>>,
    next_id: Mutex<u64>,
}

fn watchdog() -> &'static Arc<Watchdog> {
    static WATCHDOG: OnceLock<Arc<Watchdog>> = OnceLock::new();
    WATCHDOG.get_or_init(|| {
        let w = Arc::new(Watchdog { pending: Mutex::new(Vec::new()), next_id: Mutex::new(0) });
        let w2 = w.clone();
        std::thread::Builder::new()
            .name("igokg-query-deadlines".into())
            .spawn(move || loop {
                std::thread::sleep(Duration::from_millis(20));
                let now = Instant::now();
                let mut pending = w2.pending.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
                pending.retain(|(_, at, token, gone)| {
                    if *at <= now || gone.as_ref().is_some_and(|g| g.load(Ordering::Relaxed)) {
                        token.cancel();
                        false
                    } else {
                        true
                    }
                });
            })
            .expect("cannot start the query deadline thread");
        w
    })
}

/// A query's deadline: its token is cancelled when `timeout` has passed, unless the deadline is
/// dropped first.
pub struct Deadline {
    id: u64,
    pub token: CancellationToken,
    pub timeout: Duration,
}

impl Deadline {
    pub fn new(timeout: Duration) -> Self {
        Self::watching(timeout, None)
    }

    /// A deadline that also passes as soon as `gone` is set (the client has closed its connection).
    pub fn watching(timeout: Duration, gone: Option<Arc<AtomicBool>>) -> Self {
        let w = watchdog();
        let token = CancellationToken::new();
        let id = {
            let mut n = w.next_id.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
            *n += 1;
            *n
        };
        w.pending.lock().unwrap_or_else(std::sync::PoisonError::into_inner).push((id, Instant::now() + timeout, token.clone(), gone));
        Self { id, token, timeout }
    }
}

impl Drop for Deadline {
    fn drop(&mut self) {
        let w = watchdog();
        w.pending.lock().unwrap_or_else(std::sync::PoisonError::into_inner).retain(|(id, _, _, _)| *id != self.id);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(q: &str) -> Option<Refused> {
        check(q, &Limits::default()).err()
    }

    #[test]
    fn ordinary_queries_pass() {
        for q in [
            "SELECT * WHERE { ?s ?p ?o FILTER(?o < 3 && ?o > 1) } LIMIT 10",
            "SELECT ?x WHERE { { ?x a <http://x/y> } UNION { ?x a <http://x/z> } OPTIONAL { ?x <p> \"a ((((( } \\\" \" } }",
            "# a comment with ((((((\nASK { ?s ?p '''long\n(((( string''' }",
            include_str!("../examples/queries/members-in-year.rq"),
        ] {
            assert_eq!(refused(q), None, "{q}");
        }
    }

    #[test]
    fn deep_nesting_is_refused_with_its_place() {
        let q = format!("SELECT * WHERE {{ FILTER({}1{}) }}", "(".repeat(5000), ")".repeat(5000));
        match refused(&q) {
            Some(Refused::TooDeep { limit: 256, line: 1, column }) => assert!(column > 256, "{column}"),
            other => panic!("{other:?}"),
        }
        let q = format!("SELECT * WHERE {}{}", "{".repeat(5000), "}".repeat(5000));
        assert!(matches!(refused(&q), Some(Refused::TooDeep { .. })));
    }

    #[test]
    fn long_chains_are_refused() {
        let q = format!("SELECT * WHERE {{ {} }}", vec!["{ ?s ?p ?o }"; 5000].join(" UNION "));
        assert!(matches!(refused(&q), Some(Refused::ChainTooLong { .. })), "{:?}", refused(&q));
        let q = format!("SELECT * WHERE {{ BIND({} AS ?x) }}", vec!["1"; 5000].join(" + "));
        assert!(matches!(refused(&q), Some(Refused::ChainTooLong { .. })));
        let q = format!("SELECT * WHERE {{ ?s ?p ?o {} }}", "OPTIONAL { ?s ?q ?r } ".repeat(3000));
        assert!(matches!(refused(&q), Some(Refused::ChainTooLong { .. })));
    }

    #[test]
    fn brackets_in_strings_and_iris_do_not_count() {
        let q = format!("SELECT * WHERE {{ ?s ?p \"{}\" . ?s <http://x/{}> ?o }}", "(".repeat(10_000), "(".repeat(300));
        assert_eq!(refused(&q), None);
    }

    #[test]
    fn length_is_capped() {
        let limits = Limits { max_len: 10, ..Limits::default() };
        assert_eq!(check("ASK { ?s ?p ?o }", &limits), Err(Refused::TooLong { len: 16, limit: 10 }));
    }

    #[test]
    fn a_deadline_cancels_and_a_dropped_one_does_not() {
        let d = Deadline::new(Duration::from_millis(30));
        let token = d.token.clone();
        std::thread::sleep(Duration::from_millis(200));
        assert!(token.is_cancelled());
        let d2 = Deadline::new(Duration::from_millis(30));
        let t2 = d2.token.clone();
        drop(d2);
        std::thread::sleep(Duration::from_millis(200));
        assert!(!t2.is_cancelled());
        drop(d);
    }

    #[test]
    fn a_deadline_passes_when_its_client_goes() {
        let gone = Arc::new(AtomicBool::new(false));
        let d = Deadline::watching(Duration::from_secs(60), Some(gone.clone()));
        std::thread::sleep(Duration::from_millis(60));
        assert!(!d.token.is_cancelled());
        gone.store(true, Ordering::SeqCst);
        std::thread::sleep(Duration::from_millis(100));
        assert!(d.token.is_cancelled());
    }
}
