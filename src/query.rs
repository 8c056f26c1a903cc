//! SPARQL conveniences for the questions users ask daily, and result printing.
//!
//! Each convenience is fixed SPARQL text with variables (`?org`, `?entity`, `?atLo`, `?atHi`,
//! the label language) that are bound to terms, never pasted into the text.

use crate::format::{CsvCells, Format};
use crate::model::PartialDate;
use crate::vocab;
use oxigraph::model::{Literal, Term};
use oxigraph::sparql::results::QueryResultsSerializer;
use oxigraph::sparql::QueryResults;
use std::io::Write;

/// A query with its bindings.
#[derive(Debug, Clone)]
pub struct Prepared {
    pub sparql: String,
    pub bindings: Vec<(&'static str, Term)>,
}

impl Prepared {
    /// The query as it runs (for `--show-sparql`).
    pub fn show(&self) -> String {
        self.text()
    }

    /// The query with each bound variable replaced by its term, serialised by Oxigraph
    /// (escaped N-Triples syntax, never raw user text). Constants in the patterns let the
    /// engine use its indexes, which a VALUES clause or initial bindings do not (measured in
    /// BENCHMARKS.md: 65 ms against 9 ms on the COW store), and every SPARQL server accepts
    /// the result. A variable that the SELECT or GROUP BY still names is also bound once with
    /// `BIND(term AS ?var)` at the top of the WHERE clause. Templates never write `BOUND(?v)`
    /// for a variable they bind: an optional filter is left out of the text instead.
    pub fn text(&self) -> String {
        if self.bindings.is_empty() {
            return self.sparql.clone();
        }
        let (Some(open), Some(close)) = (self.sparql.find("WHERE {"), self.sparql.rfind('}')) else {
            return self.sparql.clone();
        };
        let body_start = open + "WHERE {".len();
        let (head, body, tail) = (&self.sparql[..open], &self.sparql[body_start..close], &self.sparql[close..]);
        let mut body = body.to_string();
        let mut binds = String::new();
        for (var, term) in &self.bindings {
            let term = term.to_string();
            debug_assert!(!body.contains(&format!("BOUND(?{var})")), "template tests BOUND(?{var}) on a bound variable");
            body = replace_variable(&body, var, &term);
            if mentions_variable(head, var) || mentions_variable(tail, var) {
                binds.push_str(&format!("\n  BIND({term} AS ?{var})"));
            }
        }
        format!("{head}WHERE {{{binds}{body}{tail}")
    }
}

fn is_name_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Does `text` name the variable `?var` (not a longer name that starts with it)?
fn mentions_variable(text: &str, var: &str) -> bool {
    !replace_variable(text, var, "").eq(text)
}

/// Replaces each `?var` token (not `?var_x` or `?variable`) in a template by `term`.
fn replace_variable(text: &str, var: &str, term: &str) -> String {
    let needle = format!("?{var}");
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find(&needle) {
        let after = &rest[i + needle.len()..];
        out.push_str(&rest[..i]);
        if after.chars().next().is_some_and(is_name_char) {
            out.push_str(&needle);
        } else {
            out.push_str(term);
        }
        rest = after;
    }
    out.push_str(rest);
    out
}

fn date_term(iso: String) -> Term {
    Literal::new_typed_literal(iso, vocab::xsd::DATE).into()
}

/// Binds the "as of" bounds of a partial date.
fn at_bindings(at: Option<PartialDate>, b: &mut Vec<(&'static str, Term)>) {
    if let Some(d) = at {
        b.push(("atLo", date_term(d.earliest_iso())));
        b.push(("atHi", date_term(d.latest_iso())));
    }
}

/// The label of ?X in LANG, else English, else its IRI. Used at the top level of a WHERE; the
/// key ?X_k stands for an unbound ?X so that the OPTIONALs cannot bind it to everything.
const LABEL: &str = r#"BIND(COALESCE(?X, <urn:igokg:none>) AS ?X_k)
  OPTIONAL { GRAPH ?lg_X { ?X_k rdfs:label ?X_l } FILTER(LANGMATCHES(LANG(?X_l), LANG_TERM)) }
  OPTIONAL { GRAPH ?lg2_X { ?X_k rdfs:label ?X_en } FILTER(LANGMATCHES(LANG(?X_en), "en")) }
  BIND(COALESCE(?X_l, ?X_en, STR(?X)) AS ?X_label)"#;

fn label(var: &str, lang: &str) -> String {
    let tag = if !lang.is_empty() && lang.len() <= 8 && lang.chars().all(|c| c.is_ascii_alphabetic() || c == '-') { lang } else { "en" };
    let mut text = LABEL.replace("LANG_TERM", &Literal::from(tag).to_string());
    if tag.eq_ignore_ascii_case("en") {
        // The English fallback would look the same label up twice.
        text = text.lines().filter(|l| !l.contains("?lg2_X")).collect::<Vec<_>>().join("\n").replace("?X_l, ?X_en,", "?X_l,");
    }
    text.replace('X', var)
}

/// Members of an organisation, with role, participation status and sources; `at` restricts to
/// memberships known to hold then (see `model::date`). Memberships are matched by member, organisation
/// and role (only memberships have all three) rather than by type, which the planner may start from.
pub fn members(org: Term, at: Option<PartialDate>, lang: &str) -> Prepared {
    let sparql = format!(
        r#"{prefixes}SELECT ?member (SAMPLE(?member_label) AS ?name) ?role (GROUP_CONCAT(DISTINCT ?statusCode; separator=", ") AS ?status) (SAMPLE(?start) AS ?since) (SAMPLE(?end) AS ?until) (GROUP_CONCAT(DISTINCT ?sourceName; separator=" | ") AS ?sources)
WHERE {{
  GRAPH ?g {{
    ?m org:organization ?org ; org:member ?member ; org:role ?roleC .
    OPTIONAL {{ ?m igo:start ?start }} OPTIONAL {{ ?m igo:end ?end }}
    OPTIONAL {{ ?m igo:startLatest ?sl }} OPTIONAL {{ ?m igo:endEarliest ?ee }}
  }}
  OPTIONAL {{ ?g igo:sourceName ?sourceName }}
  {at_filter}
  BIND(STRAFTER(STR(?roleC), "/role/") AS ?role)
  OPTIONAL {{
    GRAPH ?sg {{
      ?s a igo:MembershipStatus ; org:organization ?org ; org:member ?member ; igo:participationStatus ?stC .
      OPTIONAL {{ ?s igo:startLatest ?ssl }} OPTIONAL {{ ?s igo:endEarliest ?see }}
    }}
    OPTIONAL {{ ?sg schema:datePublished ?spub }}
    {status_filter}
    BIND(STRAFTER(STR(?stC), "/status/") AS ?statusCode)
  }}
  {member_label}
}}
GROUP BY ?member ?role
ORDER BY ?role ?name
"#,
        prefixes = vocab::sparql_prefixes(),
        member_label = label("member", lang),
        at_filter = if at.is_some() {
            "FILTER(IF(BOUND(?sl), ?sl <= ?atHi, NOT EXISTS { ?g schema:datePublished ?pub FILTER(?pub > ?atHi) }) && (!BOUND(?ee) || ?ee > ?atLo))"
        } else {
            ""
        },
        status_filter = if at.is_some() {
            "FILTER(IF(BOUND(?ssl), ?ssl <= ?atHi, BOUND(?spub) && ?spub <= ?atHi) && (!BOUND(?see) || ?see > ?atLo))"
        } else {
            "FILTER(!BOUND(?see))"
        },
    );
    let mut bindings = vec![("org", org)];
    at_bindings(at, &mut bindings);
    Prepared { sparql, bindings }
}

/// Chairs of an organisation by year.
pub fn chairs(org: Term, lang: &str) -> Prepared {
    let sparql = format!(
        r#"{prefixes}SELECT (COALESCE(STR(?year), STR(?start)) AS ?when) ?chair (SAMPLE(?chair_label) AS ?name) (SAMPLE(?end) AS ?until) (GROUP_CONCAT(DISTINCT ?sourceName; separator=" | ") AS ?sources)
WHERE {{
  GRAPH ?g {{
    ?c a igo:Chairmanship ; org:organization ?org ; igo:chair ?chair .
    OPTIONAL {{ ?c igo:year ?year }} OPTIONAL {{ ?c igo:start ?start }} OPTIONAL {{ ?c igo:end ?end }}
  }}
  OPTIONAL {{ ?g igo:sourceName ?sourceName }}
  {chair_label}
}}
GROUP BY ?year ?start ?chair
ORDER BY ?when
"#,
        prefixes = vocab::sparql_prefixes(),
        chair_label = label("chair", lang),
    );
    Prepared { sparql, bindings: vec![("org", org)] }
}

/// Summits of an organisation: date, place, who attended and who stayed away.
pub fn summits(org: Term, lang: &str) -> Prepared {
    let sparql = format!(
        r#"{prefixes}SELECT ?summit (MIN(STR(?date)) AS ?start) (SAMPLE(?place_label) AS ?place) (GROUP_CONCAT(DISTINCT ?att_label; separator=", ") AS ?attendees) (GROUP_CONCAT(DISTINCT ?abs_label; separator=", ") AS ?absentees) (GROUP_CONCAT(DISTINCT ?sourceName; separator=" | ") AS ?sources)
WHERE {{
  GRAPH ?g {{ ?summit a igo:Summit ; schema:organizer ?org ; schema:startDate ?date . OPTIONAL {{ ?summit schema:location ?place }} }}
  OPTIONAL {{ ?g igo:sourceName ?sourceName }}
  OPTIONAL {{ GRAPH ?ga {{ ?summit schema:attendee ?att }} }}
  OPTIONAL {{ GRAPH ?gb {{ ?summit igo:absentee ?abs }} }}
  {att_label}
  {abs_label}
  {place_label}
}}
GROUP BY ?summit
ORDER BY ?start
"#,
        prefixes = vocab::sparql_prefixes(),
        att_label = label("att", lang),
        abs_label = label("abs", lang),
        place_label = label("place", lang),
    );
    Prepared { sparql, bindings: vec![("org", org)] }
}

/// Every fact an entity takes part in, in time order.
pub fn timeline(entity: Term, lang: &str) -> Prepared {
    let sparql = format!(
        r#"{prefixes}SELECT (COALESCE(SAMPLE(STR(?when)), "") AS ?date) ?kind ?as (GROUP_CONCAT(DISTINCT ?other_label; separator=", ") AS ?with) (GROUP_CONCAT(DISTINCT ?sourceName; separator=" | ") AS ?sources) ?fact
WHERE {{
  GRAPH ?g {{
    {{ ?fact ?p ?entity . ?fact igo:kind ?kind }}
    UNION
    {{ ?fact igo:event ?entity . ?fact igo:kind ?kind . BIND(igo:event AS ?p) }}
    OPTIONAL {{ ?fact igo:start ?s1 }} OPTIONAL {{ ?fact schema:startDate ?s2 }} OPTIONAL {{ ?fact igo:year ?s3 }} OPTIONAL {{ ?fact igo:date ?s4 }}
    OPTIONAL {{ ?fact ?q ?other . FILTER(isIRI(?other) && ?other != ?entity && ?q NOT IN (rdf:type, igo:evidence, org:memberDuring, igo:during, org:role, igo:participationStatus, igo:position)) }}
  }}
  BIND(COALESCE(?s1, ?s2, ?s3, ?s4) AS ?when)
  BIND(REPLACE(STR(?p), "^.*[#/]", "") AS ?as)
  OPTIONAL {{ ?g igo:sourceName ?sourceName }}
  {other_label}
}}
GROUP BY ?fact ?kind ?as
ORDER BY ?date ?kind
"#,
        prefixes = vocab::sparql_prefixes(),
        other_label = label("other", lang),
    );
    Prepared { sparql, bindings: vec![("entity", entity)] }
}

/// The as-of test of `members --at` for a membership `?V` with bounds `?V_sl`, `?V_ee`: it surely
/// started by the end of the period and did not surely end before it began.
fn holds(v: &str) -> String {
    format!("?{v}_sl <= ?atHi && (!BOUND(?{v}_ee) || ?{v}_ee > ?atLo)")
}

/// `VALUES ?year { … }` for a range of years (integers, never user text).
fn years_values(years: std::ops::RangeInclusive<i32>) -> String {
    let list: Vec<String> = years.map(|y| Literal::from(i64::from(y)).to_string()).collect();
    format!("VALUES ?year {{ {} }}", list.join(" "))
}

fn source_filter(source: Option<&str>, b: &mut Vec<(&'static str, Term)>) {
    if let Some(s) = source {
        b.push(("source", Literal::from(s).into()));
    }
}

/// The (state, organisation) pairs of the memberships that hold in a year: the edges of the
/// co-membership network. `domain` restricts to organisations COW classifies so (a concept of
/// `code/domain/`). Members that are organisations are left out; an organisation counts once
/// per state however many sources state the membership.
pub fn network_pairs(year: i32, domain: Option<Term>) -> Prepared {
    let sparql = format!(
        r#"{prefixes}SELECT DISTINCT ?member ?org
WHERE {{
  GRAPH ?g {{
    ?m a org:Membership ; org:member ?member ; org:organization ?org ; igo:startLatest ?m_sl .
    OPTIONAL {{ ?m igo:endEarliest ?m_ee }}
  }}
  FILTER({holds})
  {domain_filter}
  FILTER EXISTS {{ GRAPH ?eg {{ ?member a ?mt }} FILTER(?mt IN (igo:State, igo:HistoricalState)) }}
}}
"#,
        prefixes = vocab::sparql_prefixes(),
        holds = holds("m"),
        domain_filter = if domain.is_some() { "FILTER EXISTS { GRAPH ?dg { ?org igo:domain ?domain } }" } else { "" },
    );
    let mut bindings = Vec::new();
    at_bindings(Some(PartialDate::Year(year)), &mut bindings);
    if let Some(d) = domain {
        bindings.push(("domain", d));
    }
    Prepared { sparql, bindings }
}

/// Each membership of a state in an organisation: role, start and end as stated, and the first
/// and last year it surely holds (the as-of test of `members --at`), with its sources.
pub fn membership_span(state: Term, org: Term) -> Prepared {
    let sparql = format!(
        r#"{prefixes}SELECT ?role (STR(?start) AS ?from) (STR(?end) AS ?to) ?firstYear ?lastYear (GROUP_CONCAT(DISTINCT ?sourceName; separator=" | ") AS ?sources)
WHERE {{
  GRAPH ?g {{
    ?m a org:Membership ; org:member ?member ; org:organization ?org ; org:role ?roleC .
    OPTIONAL {{ ?m igo:start ?start }} OPTIONAL {{ ?m igo:end ?end }}
    OPTIONAL {{ ?m igo:startLatest ?sl }} OPTIONAL {{ ?m igo:endEarliest ?ee }}
  }}
  OPTIONAL {{ ?g igo:sourceName ?sourceName }}
  BIND(STRAFTER(STR(?roleC), "/role/") AS ?role)
  BIND(YEAR(?sl) AS ?firstYear)
  BIND(IF(BOUND(?ee), IF(SUBSTR(STR(?ee), 6, 5) = "01-01", YEAR(?ee) - 1, YEAR(?ee)), "ongoing") AS ?lastYear)
}}
GROUP BY ?role ?start ?end ?firstYear ?lastYear
ORDER BY ?firstYear ?from ?role
"#,
        prefixes = vocab::sparql_prefixes(),
    );
    Prepared { sparql, bindings: vec![("member", state), ("org", org)] }
}

/// Organisations a state left and rejoined: a membership that ended and a later one in the same
/// organisation from the same source, with no membership starting in between. A change of role
/// (COW ends one membership and starts the next in the same year) is not a departure.
pub fn rejoined(state: Term, lang: &str) -> Prepared {
    let sparql = format!(
        r#"{prefixes}SELECT ?org (SAMPLE(?org_label) AS ?name) (STR(?end1) AS ?left) (STR(?start2) AS ?rejoined) ?role (GROUP_CONCAT(DISTINCT ?sourceName; separator=" | ") AS ?sources)
WHERE {{
  GRAPH ?g {{
    ?a a org:Membership ; org:member ?member ; org:organization ?org ; igo:end ?end1 .
    ?b a org:Membership ; org:member ?member ; org:organization ?org ; igo:start ?start2 ; org:role ?roleC .
    OPTIONAL {{ ?a igo:endCause ?cause }}
  }}
  FILTER(STR(?start2) > STR(?end1) && !(BOUND(?cause) && STRSTARTS(STR(?cause), "role changed")))
  FILTER NOT EXISTS {{
    GRAPH ?g {{ ?c a org:Membership ; org:member ?member ; org:organization ?org ; igo:start ?s3 . }}
    FILTER(STR(?s3) >= STR(?end1) && STR(?s3) < STR(?start2))
  }}
  OPTIONAL {{ ?g igo:sourceName ?sourceName }}
  BIND(STRAFTER(STR(?roleC), "/role/") AS ?role)
  {org_label}
}}
GROUP BY ?org ?end1 ?start2 ?role
ORDER BY ?name ?left
"#,
        prefixes = vocab::sparql_prefixes(),
        org_label = label("org", lang),
    );
    Prepared { sparql, bindings: vec![("member", state)] }
}

/// The number of organisations a state (or every state) belongs to, in any role, in each year
/// of a range: memberships that hold in the year by the as-of test of `members --at`, each
/// organisation counted once however many sources state it; `source` restricts to one source
/// (e.g. one COW file, to compare with a count made from the table).
pub fn memberships_count(state: Option<Term>, years: std::ops::RangeInclusive<i32>, source: Option<&str>, lang: &str) -> Prepared {
    let sparql = format!(
        r#"{prefixes}SELECT ?year ?member (SAMPLE(?member_label) AS ?name) (COUNT(DISTINCT ?org) AS ?organisations)
WHERE {{
  {years}
  BIND(STRDT(CONCAT(STR(?year), "-01-01"), xsd:date) AS ?atLo)
  BIND(STRDT(CONCAT(STR(?year), "-12-31"), xsd:date) AS ?atHi)
  GRAPH ?g {{
    ?m a org:Membership ; org:member ?member ; org:organization ?org ; igo:startLatest ?m_sl .
    OPTIONAL {{ ?m igo:endEarliest ?m_ee }}
  }}
  FILTER({holds})
  {source_filter}
  FILTER EXISTS {{ GRAPH ?eg {{ ?member a ?mt }} FILTER(?mt IN (igo:State, igo:HistoricalState)) }}
  {member_label}
}}
GROUP BY ?year ?member
ORDER BY ?year DESC(?organisations) ?name
"#,
        prefixes = vocab::sparql_prefixes(),
        years = years_values(years),
        holds = holds("m"),
        member_label = label("member", lang),
        source_filter = if source.is_some() { "FILTER EXISTS { ?g igo:sourceName ?source }" } else { "" },
    );
    let mut bindings = Vec::new();
    if let Some(s) = state {
        bindings.push(("member", s));
    }
    source_filter(source, &mut bindings);
    Prepared { sparql, bindings }
}

/// The states sharing the most organisations with a state in a year (memberships of any role
/// that hold in the year by the as-of test of `members --at`).
pub fn partners(state: Term, year: i32, limit: usize, source: Option<&str>, lang: &str) -> Prepared {
    // Counted in a subquery before labels are looked up. The memberships are matched by
    // `org:role` (only memberships have both a member and a role) rather than by their type:
    // with `a org:Membership` Oxigraph's planner joins every membership of every state by hash
    // instead of looking up the members of each of the state's organisations (12.6 s against
    // 0.3 s on the COW store, BENCHMARKS.md).
    let sparql = format!(
        r#"{prefixes}SELECT ?other (SAMPLE(?other_label) AS ?name) ?shared
WHERE {{
  {{
    SELECT ?other (COUNT(DISTINCT ?org) AS ?shared) WHERE {{
      GRAPH ?g {{
        ?a org:member ?state ; org:organization ?org ; org:role ?a_role ; igo:startLatest ?a_sl .
        OPTIONAL {{ ?a igo:endEarliest ?a_ee }}
      }}
      FILTER({holds_a})
      GRAPH ?h {{
        ?b org:organization ?org ; org:member ?other ; org:role ?b_role ; igo:startLatest ?b_sl .
        OPTIONAL {{ ?b igo:endEarliest ?b_ee }}
      }}
      FILTER(?other != ?state && {holds_b})
      {source_filter}
      FILTER EXISTS {{ GRAPH ?eg {{ ?other a ?mt }} FILTER(?mt IN (igo:State, igo:HistoricalState)) }}
    }}
    GROUP BY ?other
  }}
  {other_label}
}}
GROUP BY ?other ?shared
ORDER BY DESC(?shared) ?name
LIMIT {limit}
"#,
        prefixes = vocab::sparql_prefixes(),
        holds_a = holds("a"),
        holds_b = holds("b"),
        other_label = label("other", lang),
        source_filter =
            if source.is_some() { "FILTER(EXISTS { ?g igo:sourceName ?source } && EXISTS { ?h igo:sourceName ?source })" } else { "" },
    );
    let mut bindings = vec![("state", state)];
    at_bindings(Some(PartialDate::Year(year)), &mut bindings);
    source_filter(source, &mut bindings);
    Prepared { sparql, bindings }
}

/// Shortens an IRI with the project prefixes.
pub fn compact(iri: &str) -> String {
    for (p, ns) in vocab::PREFIXES {
        if let Some(local) = iri.strip_prefix(ns) {
            if !local.is_empty() && local.chars().all(|c| c.is_alphanumeric() || "-_.".contains(c)) {
                return format!("{p}:{local}");
            }
        }
    }
    format!("<{iri}>")
}

/// A term as a table cell.
pub fn cell(t: &Term) -> String {
    match t {
        Term::NamedNode(n) => compact(n.as_str()),
        Term::BlankNode(b) => format!("_:{}", b.as_str()),
        Term::Literal(l) => l.value().to_owned(),
        #[allow(unreachable_patterns)]
        other => other.to_string(),
    }
}

/// Prints an aligned table. Cells go through [`crate::format::terminal_text`]: a stored name
/// holding an escape sequence is shown, never run by the terminal.
pub fn write_table(out: &mut dyn Write, header: &[String], rows: &[Vec<String>]) -> std::io::Result<()> {
    use unicode_width_lite::width;
    let safe = |r: &[String]| -> Vec<String> { r.iter().map(|c| crate::format::terminal_text(c).into_owned()).collect() };
    let header = &safe(header);
    let rows: &Vec<Vec<String>> = &rows.iter().map(|r| safe(r)).collect();
    let mut widths: Vec<usize> = header.iter().map(|h| width(h)).collect();
    for r in rows {
        for (i, c) in r.iter().enumerate() {
            widths[i] = widths[i].max(width(c).min(60));
        }
    }
    let line = |out: &mut dyn Write, cells: &[String]| -> std::io::Result<()> {
        let mut s = String::new();
        for (i, c) in cells.iter().enumerate() {
            let shown: String = if width(c) > 60 { c.chars().take(59).chain(['…']).collect() } else { c.clone() };
            s.push_str(&shown);
            if i + 1 < cells.len() {
                s.push_str(&" ".repeat(widths[i].saturating_sub(width(&shown)) + 2));
            }
        }
        writeln!(out, "{}", s.trim_end())
    };
    line(out, header)?;
    let rule: Vec<String> = widths.iter().map(|w| "─".repeat(*w)).collect();
    line(out, &rule)?;
    for r in rows {
        line(out, r)?;
    }
    writeln!(out, "({} row{})", rows.len(), if rows.len() == 1 { "" } else { "s" })
}

/// Display width without a dependency: combining marks are zero-width, CJK wide chars two.
mod unicode_width_lite {
    pub fn width(s: &str) -> usize {
        s.chars()
            .map(|c| {
                if unicode_normalization::char::is_combining_mark(c) || crate::normalize::is_invisible(c) {
                    0
                } else if ('\u{1100}'..='\u{115F}').contains(&c)
                    || ('\u{2E80}'..='\u{A4CF}').contains(&c)
                    || ('\u{AC00}'..='\u{D7A3}').contains(&c)
                    || ('\u{F900}'..='\u{FAFF}').contains(&c)
                    || ('\u{FF00}'..='\u{FF60}').contains(&c)
                {
                    2
                } else {
                    1
                }
            })
            .sum()
    }
}

/// Error while writing results.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum OutputError {
    #[error("{0}")]
    Io(#[from] std::io::Error),
    #[error("query evaluation: {0}")]
    Eval(#[from] oxigraph::sparql::QueryEvaluationError),
    #[error("{format} cannot hold {what}; use {hint}")]
    Format { format: Format, what: &'static str, hint: &'static str },
}

/// Writes query results in `format`: a table, SPARQL results formats, or RDF for graphs. CSV
/// cells that a spreadsheet would run as formulas are neutralised ([`CsvCells`]); see
/// [`write_results_with`] to keep them raw.
pub fn write_results(results: QueryResults<'_>, format: Format, out: &mut dyn Write) -> Result<usize, OutputError> {
    write_results_with(results, format, out, CsvCells::Neutralised)
}

/// A literal for a CSV cell: its value neutralised when it would start a formula.
fn csv_term(t: Term, cells: CsvCells) -> Term {
    match &t {
        Term::Literal(l) if cells == CsvCells::Neutralised && crate::format::is_formula(l.value()) => {
            Literal::new_simple_literal(cells.cell(l.value())).into()
        }
        _ => t,
    }
}

/// Remembers the last byte written, so that the output can end with a line break.
struct LastByte<'a> {
    inner: &'a mut dyn Write,
    last: Option<u8>,
}

impl Write for LastByte<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        if n > 0 {
            self.last = Some(buf[n - 1]);
        }
        Ok(n)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// [`write_results`], choosing how CSV cells are written. The output ends with a line break
/// whatever the format (the JSON and XML serialisers and ASK answers stop without one).
pub fn write_results_with(results: QueryResults<'_>, format: Format, out: &mut dyn Write, cells: CsvCells) -> Result<usize, OutputError> {
    let mut w = LastByte { inner: out, last: None };
    let n = write_results_inner(results, format, &mut w, cells)?;
    if w.last.is_some_and(|b| b != b'\n') {
        w.write_all(b"\n")?;
    }
    Ok(n)
}

fn write_results_inner(results: QueryResults<'_>, format: Format, out: &mut dyn Write, cells: CsvCells) -> Result<usize, OutputError> {
    match results {
        QueryResults::Solutions(solutions) => {
            let vars = solutions.variables().to_vec();
            if format == Format::Table {
                let header: Vec<String> = vars.iter().map(|v| v.as_str().to_owned()).collect();
                let mut rows = Vec::new();
                for s in solutions {
                    let s = s?;
                    rows.push(vars.iter().map(|v| s.get(v).map(cell).unwrap_or_default()).collect());
                }
                write_table(out, &header, &rows)?;
                return Ok(rows.len());
            }
            let rf =
                format.results().ok_or(OutputError::Format { format, what: "SELECT results", hint: "table, csv, tsv, json or xml" })?;
            let mut ser = QueryResultsSerializer::from_format(rf).serialize_solutions_to_writer(out, vars)?;
            let mut n = 0;
            for s in solutions {
                let s = s?;
                if format == Format::Csv {
                    let terms: Vec<(oxigraph::sparql::Variable, Term)> =
                        s.iter().map(|(v, t)| (v.clone(), csv_term(t.clone(), cells))).collect();
                    ser.serialize(terms.iter().map(|(v, t)| (v.as_ref(), t.as_ref())))?;
                } else {
                    ser.serialize(&s)?;
                }
                n += 1;
            }
            ser.finish()?;
            Ok(n)
        }
        QueryResults::Boolean(b) => {
            match format.results() {
                Some(rf) => {
                    QueryResultsSerializer::from_format(rf).serialize_boolean_to_writer(out, b)?;
                }
                None if format == Format::Table => writeln!(out, "{b}")?,
                None => return Err(OutputError::Format { format, what: "an ASK result", hint: "table, csv, tsv, json or xml" }),
            }
            Ok(1)
        }
        QueryResults::Graph(triples) => {
            let f = if format == Format::Table { Format::Turtle } else { format };
            let rf =
                f.rdf().ok_or(OutputError::Format { format, what: "CONSTRUCT/DESCRIBE results", hint: "ttl, nt, rdfxml or jsonld" })?;
            if !matches!(f, Format::Turtle | Format::NTriples | Format::RdfXml | Format::JsonLd) {
                return Err(OutputError::Format {
                    format,
                    what: "CONSTRUCT/DESCRIBE results (triples)",
                    hint: "ttl, nt, rdfxml or jsonld",
                });
            }
            let mut w = crate::format::rdf_serializer(rf).for_writer(out);
            let mut n = 0;
            for t in triples {
                w.serialize_triple(&t?)?;
                n += 1;
            }
            w.finish()?;
            Ok(n)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxigraph::model::NamedNode;

    #[test]
    fn conveniences_parse_as_sparql() {
        let org: Term = NamedNode::new_unchecked("https://w3id.org/igokg/id/Q318693").into();
        let domain: Term = NamedNode::new_unchecked("https://w3id.org/igokg/code/domain/political").into();
        for p in [
            members(org.clone(), Some(PartialDate::Year(2013)), "en"),
            members(org.clone(), None, "en"),
            chairs(org.clone(), "en"),
            summits(org.clone(), "ar"),
            timeline(org.clone(), "ru"),
            network_pairs(2000, Some(domain)),
            network_pairs(2000, None),
            membership_span(org.clone(), org.clone()),
            rejoined(org.clone(), "en"),
            memberships_count(Some(org.clone()), 2000..=2002, Some("x"), "en"),
            memberships_count(None, 2000..=2002, None, "en"),
            partners(org.clone(), 2000, 10, None, "en"),
            partners(org, 2000, 10, Some("COW"), "en"),
        ] {
            let q = p.text();
            let _ = oxigraph::sparql::SparqlEvaluator::new().parse_query(&q).unwrap_or_else(|e| panic!("{e}\n{q}"));
            for (var, _) in &p.bindings {
                let body = &q[q.find("WHERE {").unwrap()..];
                assert!(!body.contains(&format!("?{var} ")) || body.contains(&format!("AS ?{var})")), "?{var} left in\n{q}");
            }
        }
    }

    #[test]
    fn bound_terms_are_escaped_constants() {
        let p = Prepared {
            sparql: "SELECT ?x ?x_label WHERE { ?s ?p ?x . ?s ?p ?x_label }".into(),
            bindings: vec![("x", Literal::from("a\" } DROP ALL #").into())],
        };
        let q = p.text();
        assert!(q.contains(r#"?p "a\" } DROP ALL #" ."#), "{q}");
        assert!(q.contains(r#"BIND("a\" } DROP ALL #" AS ?x)"#), "{q}");
        assert!(q.contains("?x_label }"), "a longer name is not replaced: {q}");
        let _ = oxigraph::sparql::SparqlEvaluator::new().parse_query(&q).unwrap();
    }

    fn answer(query: &str, format: Format) -> String {
        let store = oxigraph::store::Store::new().unwrap();
        let results = oxigraph::sparql::SparqlEvaluator::new().parse_query(query).unwrap().on_store(&store).execute().unwrap();
        let mut out = Vec::new();
        write_results(results, format, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn json_and_ask_output_end_with_a_line_break_issue_13_15() {
        for f in [Format::Json, Format::Xml, Format::Csv, Format::Tsv, Format::Table] {
            let a = answer("ASK { }", f);
            assert!(a.ends_with('\n') && !a.ends_with("\n\n"), "{f}: {a:?}");
            let s = answer("SELECT ?x WHERE { BIND(1 AS ?x) }", f);
            assert!(s.ends_with('\n') && !s.ends_with("\n\n"), "{f}: {s:?}");
        }
    }

    #[test]
    fn csv_cells_that_start_a_formula_are_neutralised_issue_14_6() {
        let q = r#"SELECT ?a ?b ?c WHERE { BIND("=HYPERLINK(\"http://x\")" AS ?a) BIND(-9 AS ?b) BIND("@SUM(1)" AS ?c) }"#;
        let csv = answer(q, Format::Csv);
        assert!(csv.contains("'=HYPERLINK") && csv.contains(",-9,") && csv.contains("'@SUM(1)"), "{csv}");
        let store = oxigraph::store::Store::new().unwrap();
        let results = oxigraph::sparql::SparqlEvaluator::new().parse_query(q).unwrap().on_store(&store).execute().unwrap();
        let mut raw = Vec::new();
        write_results_with(results, Format::Csv, &mut raw, CsvCells::Raw).unwrap();
        let raw = String::from_utf8(raw).unwrap();
        assert!(raw.contains("\"=HYPERLINK") && !raw.contains('\''), "{raw}");
    }

    #[test]
    fn tables_show_escape_sequences_instead_of_sending_them_issue_14_6() {
        let mut out = Vec::new();
        write_table(&mut out, &["name".into()], &[vec!["\u{1b}[2J\u{1b}]0;title\u{7}Armenia".into()]]).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(!text.contains('\u{1b}') && !text.contains('\u{7}') && text.contains("\\u{1b}[2J"), "{text:?}");
    }

    #[test]
    fn compact_uses_prefixes() {
        assert_eq!(compact("https://w3id.org/igokg/id/Q399"), "igoid:Q399");
        assert_eq!(compact("http://example.org/x y"), "<http://example.org/x y>");
    }
}
