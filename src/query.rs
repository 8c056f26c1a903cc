//! SPARQL conveniences for the questions users ask daily, and result printing.
//!
//! Each convenience is fixed SPARQL text with variables (`?org`, `?entity`, `?atLo`, `?atHi`,
//! the label language) that are bound to terms, never pasted into the text. The SPARQL is what
//! a question means: a read-only local store answers `members` from its quad index instead
//! ([`Prepared::native`], [`crate::by_index`]), with the same rows, which the tests compare.
//!
//! The conveniences read the union of the graphs as the default graph, as igokg's own store
//! does: a source graph `?g` is described in the default graph, except the reference data,
//! which describe themselves inside their own graph (so that `init` leaves the default graph
//! empty). A server asked with `--endpoint` needs the same dataset (Virtuoso's default;
//! Oxigraph: `oxigraph serve --union-default-graph`), else the reference data lose their source
//! name.

use crate::format::{CsvCells, Format};
use crate::model::PartialDate;
use crate::rdf;
use crate::vocab::{self, igo};
use oxigraph::model::{Literal, Term};
use oxigraph::sparql::results::QueryResultsSerializer;
use oxigraph::sparql::{QueryEvaluationError, QueryResults, QuerySolutionIter, Variable};
use std::io::Write;
use std::sync::Arc;

/// How a store answers "as of" questions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AsOf {
    /// With the `igo:holdsFrom` / `igo:holdsUntil` days that igokg writes beside each
    /// membership, status and office (two comparisons of stored dates per row).
    Bounds,
    /// A store written before the bounds (and not written to since, which adds them): the
    /// test is computed per row from the partial-date bounds and the source's publication
    /// date, as igokg did before. Same answers, slower.
    Computed,
}

impl AsOf {
    /// The mode a store needs: `Computed` when it holds partial-date bounds but no as-of
    /// bounds (two index probes).
    pub fn of_store(store: &oxigraph::store::Store) -> Self {
        let has = |p: oxigraph::model::NamedNodeRef<'_>| matches!(store.quads_for_pattern(None, Some(p), None, None).next(), Some(Ok(_)));
        if !has(igo::HOLDS_UNTIL) && has(igo::START_LATEST) {
            Self::Computed
        } else {
            Self::Bounds
        }
    }
}

/// A query with its bindings.
#[derive(Debug, Clone)]
pub struct Prepared {
    pub sparql: String,
    /// The same question for a store without as-of bounds ([`AsOf::Computed`]); `None` when
    /// the question does not depend on them.
    pub computed: Option<String>,
    pub bindings: Vec<(&'static str, Term)>,
    /// Result columns that hold lists (GROUP_CONCAT) and their separators: [`Prepared::tidy`]
    /// sorts each list, so that a cell reads the same from any engine and in every run.
    pub lists: Vec<(&'static str, &'static str)>,
    /// The same question for the embedded store's quad index ([`crate::by_index`]), which
    /// answers it without parsing and planning the SPARQL; remote engines get the SPARQL.
    pub native: Option<Native>,
}

/// A question that [`crate::by_index`] answers from the quad index, row for row as the
/// SPARQL of its [`Prepared`] in the [`AsOf::Bounds`] form.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Native {
    /// [`members`].
    Members { org: Term, at: Option<PartialDate>, lang: String },
}

impl Prepared {
    /// A query that does not depend on the as-of bounds and has no list cells.
    pub fn new(sparql: String, bindings: Vec<(&'static str, Term)>) -> Self {
        Self { sparql, computed: None, bindings, lists: Vec::new(), native: None }
    }

    fn with_lists(mut self, lists: &[(&'static str, &'static str)]) -> Self {
        self.lists = lists.to_vec();
        self
    }

    /// The query as it runs (for `--show-sparql`).
    pub fn show(&self) -> String {
        self.text()
    }

    /// The query as it runs on a store in `mode`.
    pub fn text_for(&self, mode: AsOf) -> String {
        match (mode, &self.computed) {
            (AsOf::Computed, Some(c)) => bind_text(c, &self.bindings),
            _ => self.text(),
        }
    }

    /// The query with each bound variable replaced by its term, serialised by Oxigraph
    /// (escaped N-Triples syntax, never raw user text). Constants in the patterns let the
    /// engine use its indexes, which a VALUES clause or initial bindings do not (measured in
    /// BENCHMARKS.md: 65 ms against 9 ms on the COW store), and every SPARQL server accepts
    /// the result. A variable that the SELECT or GROUP BY still names is also bound once with
    /// `BIND(term AS ?var)` at the top of the WHERE clause. Templates never write `BOUND(?v)`
    /// for a variable they bind: an optional filter is left out of the text instead.
    pub fn text(&self) -> String {
        bind_text(&self.sparql, &self.bindings)
    }

    /// Sorts the values inside each list cell (`article | wikipedia`, never the other way
    /// round): GROUP_CONCAT concatenates in whatever order the engine meets the rows.
    pub fn tidy(&self, results: QueryResults<'static>) -> Result<QueryResults<'static>, QueryEvaluationError> {
        let QueryResults::Solutions(solutions) = results else { return Ok(results) };
        if self.lists.is_empty() {
            return Ok(QueryResults::Solutions(solutions));
        }
        let vars: Arc<[Variable]> = solutions.variables().into();
        let lists: Vec<(usize, &str)> =
            self.lists.iter().filter_map(|(v, sep)| vars.iter().position(|x| x.as_str() == *v).map(|i| (i, *sep))).collect();
        let mut rows = Vec::new();
        for s in solutions {
            let s = s?;
            let mut values: Vec<Option<Term>> = vars.iter().map(|v| s.get(v).cloned()).collect();
            for (i, sep) in &lists {
                if let Some(Term::Literal(l)) = &values[*i] {
                    values[*i] = Some(Literal::from(sorted_list(l.value(), sep)).into());
                }
            }
            rows.push(Ok(values));
        }
        Ok(QueryResults::Solutions(QuerySolutionIter::from_tuples(vars, rows)))
    }
}

/// The items of a `sep`-separated list, sorted and without repeats.
pub fn sorted_list(text: &str, sep: &str) -> String {
    if text.is_empty() {
        return String::new();
    }
    let mut parts: Vec<&str> = text.split(sep).collect();
    parts.sort_unstable();
    parts.dedup();
    parts.join(sep)
}

fn bind_text(sparql: &str, bindings: &[(&'static str, Term)]) -> String {
    if bindings.is_empty() {
        return sparql.to_owned();
    }
    let (Some(open), Some(close)) = (sparql.find("WHERE {"), sparql.rfind('}')) else {
        return sparql.to_owned();
    };
    let body_start = open + "WHERE {".len();
    let (head, body, tail) = (&sparql[..open], &sparql[body_start..close], &sparql[close..]);
    let mut body = body.to_string();
    let mut binds = String::new();
    for (var, term) in bindings {
        let term = term.to_string();
        debug_assert!(!body.contains(&format!("BOUND(?{var})")), "template tests BOUND(?{var}) on a bound variable");
        body = replace_variable(&body, var, &term);
        if mentions_variable(head, var) || mentions_variable(tail, var) {
            binds.push_str(&format!("\n  BIND({term} AS ?{var})"));
        }
    }
    format!("{head}WHERE {{{binds}{body}{tail}")
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

/// `"YYYY-MM-DD"^^xsd:date` of a day, as SPARQL text.
fn day_text(d: rdf::Day) -> String {
    Literal::new_typed_literal(format!("{:04}-{:02}-{:02}", d.0, d.1, d.2), vocab::xsd::DATE).to_string()
}

/// Binds the "as of" bounds of a partial date.
fn at_bindings(at: Option<PartialDate>, b: &mut Vec<(&'static str, Term)>) {
    if let Some(d) = at {
        b.push(("atLo", date_term(d.earliest_iso())));
        b.push(("atHi", date_term(d.latest_iso())));
        b.push(("atAfter", date_term(day_after(&d.latest_iso()))));
    }
}

/// The day after an ISO day (`?x < ?atAfter` is `?x <= ?atHi` for days). The bounds are
/// compared with `<` because Virtuoso 7 answers `FILTER(?stored <= "…"^^xsd:date)` wrongly
/// (no rows at all) while it answers `<` and `>=` right.
pub(crate) fn day_after(iso: &str) -> String {
    chrono::NaiveDate::parse_from_str(iso, "%Y-%m-%d")
        .ok()
        .and_then(|d| d.succ_opt())
        .map_or_else(|| iso.to_owned(), |d| d.format("%Y-%m-%d").to_string())
}

/// The label of ?X in LANG, else English, else its IRI. Used at the top level of a WHERE; the
/// key ?X_k stands for an unbound ?X so that the OPTIONALs cannot bind it to everything.
const LABEL: &str = r#"BIND(COALESCE(?X, <urn:igokg:none>) AS ?X_k)
  OPTIONAL { GRAPH ?lg_X { ?X_k rdfs:label ?X_l } FILTER(LANGMATCHES(LANG(?X_l), LANG_TERM)) }
  OPTIONAL { GRAPH ?lg2_X { ?X_k rdfs:label ?X_en } FILTER(LANGMATCHES(LANG(?X_en), "en")) }
  BIND(COALESCE(?X_l, ?X_en, STR(?X)) AS ?X_label)"#;

/// The language range the labels are asked in: `lang` when it looks like a language tag,
/// else English.
pub(crate) fn label_tag(lang: &str) -> &str {
    if !lang.is_empty() && lang.len() <= 8 && lang.chars().all(|c| c.is_ascii_alphabetic() || c == '-') {
        lang
    } else {
        "en"
    }
}

fn label(var: &str, lang: &str) -> String {
    let tag = label_tag(lang);
    let mut text = LABEL.replace("LANG_TERM", &Literal::from(tag).to_string());
    if tag.eq_ignore_ascii_case("en") {
        // The English fallback would look the same label up twice.
        text = text.lines().filter(|l| !l.contains("?lg2_X")).collect::<Vec<_>>().join("\n").replace("?X_l, ?X_en,", "?X_l,");
    }
    text.replace('X', var)
}

/// The as-of patterns of a membership (or status) `?V`, inside its GRAPH block: its bounds as
/// `?V_sl` (surely begun by) and `?V_eu` (surely still in force on), or, on a store without
/// as-of bounds, its latest start `?V_sl` and earliest end `?V_ee`.
fn bounds_patterns(v: &str, mode: AsOf) -> String {
    match mode {
        AsOf::Bounds => format!("?{v} igo:holdsFrom ?{v}_sl ; igo:holdsUntil ?{v}_eu ."),
        AsOf::Computed => format!("?{v} igo:startLatest ?{v}_sl . OPTIONAL {{ ?{v} igo:endEarliest ?{v}_ee }}"),
    }
}

/// The as-of test of `members --at` for `?V` (see [`bounds_patterns`]): it surely began by the
/// end of the period and surely had not ended when it began.
fn holds(v: &str, mode: AsOf) -> String {
    match mode {
        AsOf::Bounds => format!("?{v}_sl <= ?atHi && ?{v}_eu >= ?atLo"),
        AsOf::Computed => format!("?{v}_sl <= ?atHi && (!BOUND(?{v}_ee) || ?{v}_ee > ?atLo)"),
    }
}

/// Both forms of a question that depends on the as-of bounds.
fn both(build: impl Fn(AsOf) -> String, bindings: Vec<(&'static str, Term)>) -> Prepared {
    Prepared { sparql: build(AsOf::Bounds), computed: Some(build(AsOf::Computed)), bindings, lists: Vec::new(), native: None }
}

/// Members of an organisation, with role, participation status and sources; `at` restricts to
/// memberships known to hold then (see `model::date` and `rdf::as_of_bounds`). Memberships are
/// matched by member, organisation and role (only memberships have all three) rather than by
/// type, which the planner may start from.
// `since` is the earliest start a source gives (a source that gives none is skipped) and
// `until` the latest end, empty while a source has the membership open. Both are taken over
// strings ("~" stands for "none" and sorts after every date) so that engines agree: Oxigraph's
// MIN over a group holding an unbound value is unbound, Virtuoso's skips it.
pub fn members(org: Term, at: Option<PartialDate>, lang: &str) -> Prepared {
    let build = |mode: AsOf| {
        let (membership, at_filter) = match (mode, at.is_some()) {
            (AsOf::Bounds, true) => ("?m igo:holdsFrom ?sl ; igo:holdsUntil ?eu .\n    FILTER(?sl < ?atAfter && ?eu >= ?atLo)", ""),
            (AsOf::Bounds, false) => ("", ""),
            (AsOf::Computed, true) => (
                "OPTIONAL { ?m igo:startLatest ?sl } OPTIONAL { ?m igo:endEarliest ?ee }",
                "FILTER(IF(BOUND(?sl), ?sl <= ?atHi, NOT EXISTS { ?g schema:datePublished ?pub FILTER(?pub > ?atHi) }) && (!BOUND(?ee) || ?ee > ?atLo))",
            ),
            (AsOf::Computed, false) => ("", ""),
        };
        let status = match (mode, at.is_some()) {
            (AsOf::Bounds, true) => "GRAPH ?sg {\n      ?s a igo:MembershipStatus ; org:organization ?org ; org:member ?member ; igo:participationStatus ?stC ;\n         igo:holdsFrom ?ssl ; igo:holdsUntil ?seu .\n      FILTER(?ssl < ?atAfter && ?seu >= ?atLo)\n    }".to_owned(),
            (AsOf::Bounds, false) => format!("GRAPH ?sg {{\n      ?s a igo:MembershipStatus ; org:organization ?org ; org:member ?member ; igo:participationStatus ?stC ; igo:holdsUntil ?seu .\n      FILTER(?seu = {})\n    }}", day_text(rdf::OPEN_UNTIL)),
            (AsOf::Computed, true) => "GRAPH ?sg {\n      ?s a igo:MembershipStatus ; org:organization ?org ; org:member ?member ; igo:participationStatus ?stC .\n      OPTIONAL { ?s igo:startLatest ?ssl } OPTIONAL { ?s igo:endEarliest ?see }\n    }\n    OPTIONAL { ?sg schema:datePublished ?spub }\n    FILTER(IF(BOUND(?ssl), ?ssl <= ?atHi, BOUND(?spub) && ?spub <= ?atHi) && (!BOUND(?see) || ?see > ?atLo))".to_owned(),
            (AsOf::Computed, false) => "GRAPH ?sg {\n      ?s a igo:MembershipStatus ; org:organization ?org ; org:member ?member ; igo:participationStatus ?stC .\n      OPTIONAL { ?s igo:endEarliest ?see }\n    }\n    FILTER(!BOUND(?see))".to_owned(),
        };
        format!(
            r#"{prefixes}SELECT ?member (MIN(?member_label) AS ?name) ?role (GROUP_CONCAT(DISTINCT ?statusCode; separator=", ") AS ?status) (REPLACE(MIN(COALESCE(STR(?start), "~")), "^~$", "") AS ?since) (REPLACE(MAX(COALESCE(STR(?end), "~")), "^~$", "") AS ?until) (GROUP_CONCAT(DISTINCT ?sourceName; separator=" | ") AS ?sources)
WHERE {{
  GRAPH ?g {{
    ?m org:organization ?org ; org:member ?member ; org:role ?roleC .
    {membership}
    OPTIONAL {{ ?m igo:start ?start }} OPTIONAL {{ ?m igo:end ?end }}
  }}
  {at_filter}
  OPTIONAL {{ ?g igo:sourceName ?sourceName }}
  BIND(STRAFTER(STR(?roleC), "/role/") AS ?role)
  OPTIONAL {{
    {status}
    BIND(STRAFTER(STR(?stC), "/status/") AS ?statusCode)
  }}
  {member_label}
}}
GROUP BY ?member ?role
ORDER BY ?role ?name ?member
"#,
            prefixes = vocab::sparql_prefixes(),
            member_label = label("member", lang),
        )
    };
    let native = Native::Members { org: org.clone(), at, lang: lang.to_owned() };
    let mut bindings = vec![("org", org)];
    at_bindings(at, &mut bindings);
    let mut p = both(build, bindings).with_lists(&[("status", ", "), ("sources", " | ")]);
    p.native = Some(native);
    p
}

/// The sources with a coverage (`igo:coverageEnd`) that ends before `at` begins and that state
/// memberships of the organisation: their claims say nothing about `at` (a COW membership still
/// open in 2014 is unknown in 2024), so an answer as of `at` comes from the other sources only
/// and says so.
pub fn coverage_ends(org: Term, at: PartialDate) -> Prepared {
    let sparql = format!(
        r#"{prefixes}SELECT ?source ?coverageEnd
WHERE {{
  ?g igo:coverageEnd ?coverageEnd ; igo:sourceName ?source .
  FILTER(?coverageEnd < ?atLo)
  FILTER EXISTS {{ GRAPH ?g {{ ?m org:organization ?org ; org:role ?r }} }}
}}
ORDER BY ?source ?coverageEnd
"#,
        prefixes = vocab::sparql_prefixes(),
    );
    let mut bindings = vec![("org", org)];
    at_bindings(Some(at), &mut bindings);
    Prepared::new(sparql, bindings)
}

/// Chairs of an organisation by year.
pub fn chairs(org: Term, lang: &str) -> Prepared {
    let sparql = format!(
        r#"{prefixes}SELECT (COALESCE(STR(?year), STR(?start)) AS ?when) ?chair (MIN(?chair_label) AS ?name) (MAX(?end) AS ?until) (GROUP_CONCAT(DISTINCT ?sourceName; separator=" | ") AS ?sources)
WHERE {{
  GRAPH ?g {{
    ?c a igo:Chairmanship ; org:organization ?org ; igo:chair ?chair .
    OPTIONAL {{ ?c igo:year ?year }} OPTIONAL {{ ?c igo:start ?start }} OPTIONAL {{ ?c igo:end ?end }}
  }}
  OPTIONAL {{ ?g igo:sourceName ?sourceName }}
  {chair_label}
}}
GROUP BY ?year ?start ?chair
ORDER BY ?when ?name ?chair
"#,
        prefixes = vocab::sparql_prefixes(),
        chair_label = label("chair", lang),
    );
    Prepared::new(sparql, vec![("org", org)]).with_lists(&[("sources", " | ")])
}

/// Summits of an organisation: its name, date, place, who attended and who stayed away, and
/// (last) the event's IRI, which attendance and absence facts point to.
pub fn summits(org: Term, lang: &str) -> Prepared {
    let sparql = format!(
        r#"{prefixes}SELECT (MIN(?summit_label) AS ?name) (MIN(STR(?date)) AS ?start) (MIN(?place_label) AS ?place) (GROUP_CONCAT(DISTINCT ?att_label; separator=", ") AS ?attendees) (GROUP_CONCAT(DISTINCT ?abs_label; separator=", ") AS ?absentees) (GROUP_CONCAT(DISTINCT ?sourceName; separator=" | ") AS ?sources) ?summit
WHERE {{
  GRAPH ?g {{ ?summit a igo:Summit ; schema:organizer ?org ; schema:startDate ?date . OPTIONAL {{ ?summit schema:location ?place }} }}
  OPTIONAL {{ ?g igo:sourceName ?sourceName }}
  OPTIONAL {{ GRAPH ?ga {{ ?summit schema:attendee ?att }} }}
  OPTIONAL {{ GRAPH ?gb {{ ?summit igo:absentee ?abs }} }}
  {summit_label}
  {att_label}
  {abs_label}
  {place_label}
}}
GROUP BY ?summit
ORDER BY ?start ?name ?summit
"#,
        prefixes = vocab::sparql_prefixes(),
        summit_label = label("summit", lang),
        att_label = label("att", lang),
        abs_label = label("abs", lang),
        place_label = label("place", lang),
    );
    Prepared::new(sparql, vec![("org", org)]).with_lists(&[("attendees", ", "), ("absentees", ", "), ("sources", " | ")])
}

/// Every fact an entity takes part in, in time order (undated facts last): its kind, the part
/// the entity plays, the participation status, role or position it states, the other entities
/// and the sources. Shortcut triples (a summit's `schema:attendee` / `igo:absentee`) are not
/// facts of their own: an absence is listed once, with its summit, not with the summit's
/// attendees. (The ordering is outside the grouping subquery: Virtuoso orders neither by an
/// aggregate's alias nor by the aggregate itself.)
pub fn timeline(entity: Term, lang: &str) -> Prepared {
    let sparql = format!(
        r#"{prefixes}SELECT ?date ?kind ?as ?detail ?with ?sources ?fact
WHERE {{ {{
SELECT (COALESCE(MIN(STR(?when)), "") AS ?date) ?kind ?as (GROUP_CONCAT(DISTINCT ?code; separator=", ") AS ?detail) (GROUP_CONCAT(DISTINCT ?other_label; separator=", ") AS ?with) (GROUP_CONCAT(DISTINCT ?sourceName; separator=" | ") AS ?sources) ?fact
WHERE {{
  GRAPH ?g {{
    {{ ?fact ?p ?entity . ?fact igo:kind ?kind . FILTER(?p NOT IN (schema:attendee, igo:absentee)) }}
    UNION
    {{ ?fact igo:event ?entity . ?fact igo:kind ?kind . BIND(igo:event AS ?p) }}
    OPTIONAL {{ ?fact igo:start ?s1 }} OPTIONAL {{ ?fact schema:startDate ?s2 }} OPTIONAL {{ ?fact igo:year ?s3 }} OPTIONAL {{ ?fact igo:date ?s4 }}
    OPTIONAL {{ ?fact igo:participationStatus|org:role|igo:position ?codeC }}
    OPTIONAL {{ ?fact ?q ?other . FILTER(isIRI(?other) && ?other != ?entity && ?q NOT IN (rdf:type, igo:evidence, org:memberDuring, igo:during, org:role, igo:participationStatus, igo:position, schema:attendee, igo:absentee)) }}
  }}
  BIND(COALESCE(?s1, ?s2, ?s3, ?s4) AS ?when)
  BIND(REPLACE(STR(?p), "^.*[#/]", "") AS ?as)
  BIND(REPLACE(STR(?codeC), "^.*/", "") AS ?code)
  OPTIONAL {{ ?g igo:sourceName ?sourceName }}
  {other_label}
}}
GROUP BY ?fact ?kind ?as
}} }}
ORDER BY (?date = "") ?date ?kind ?as ?fact
"#,
        prefixes = vocab::sparql_prefixes(),
        other_label = label("other", lang),
    );
    Prepared::new(sparql, vec![("entity", entity)]).with_lists(&[("detail", ", "), ("with", ", "), ("sources", " | ")])
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
    let build = |mode: AsOf| {
        format!(
            r#"{prefixes}SELECT DISTINCT ?member ?org
WHERE {{
  GRAPH ?g {{
    ?m a org:Membership ; org:member ?member ; org:organization ?org .
    {bounds}
  }}
  FILTER({holds})
  {domain_filter}
  FILTER EXISTS {{ GRAPH ?eg {{ ?member a ?mt }} FILTER(?mt IN (igo:State, igo:HistoricalState)) }}
}}
ORDER BY ?member ?org
"#,
            prefixes = vocab::sparql_prefixes(),
            bounds = bounds_patterns("m", mode),
            holds = holds("m", mode),
            domain_filter = if domain.is_some() { "FILTER EXISTS { GRAPH ?dg { ?org igo:domain ?domain } }" } else { "" },
        )
    };
    let mut bindings = Vec::new();
    at_bindings(Some(PartialDate::Year(year)), &mut bindings);
    if let Some(d) = &domain {
        bindings.push(("domain", d.clone()));
    }
    both(build, bindings)
}

/// Each membership of a state in an organisation: role, start and end as stated, and the first
/// and last year it surely holds (the as-of test of `members --at`: a membership still open
/// when its source's coverage ends has that year as its last), with its sources.
pub fn membership_span(state: Term, org: Term) -> Prepared {
    let build = |mode: AsOf| {
        let years = match mode {
            AsOf::Bounds => format!(
                "BIND(IF(?sl > {always}, YEAR(?sl), ?none) AS ?firstYear)\n  BIND(IF(?eu < {open}, YEAR(?eu), \"ongoing\") AS ?lastYear)",
                always = day_text(rdf::ALWAYS_FROM),
                open = day_text(rdf::OPEN_UNTIL)
            ),
            AsOf::Computed => "BIND(YEAR(?sl) AS ?firstYear)\n  BIND(IF(BOUND(?ee), IF(SUBSTR(STR(?ee), 6, 5) = \"01-01\", YEAR(?ee) - 1, YEAR(?ee)), \"ongoing\") AS ?lastYear)".to_owned(),
        };
        let bounds = match mode {
            AsOf::Bounds => "?m igo:holdsFrom ?sl ; igo:holdsUntil ?eu .",
            AsOf::Computed => "OPTIONAL { ?m igo:startLatest ?sl } OPTIONAL { ?m igo:endEarliest ?ee }",
        };
        format!(
            r#"{prefixes}SELECT ?role (STR(?start) AS ?from) (STR(?end) AS ?to) ?firstYear ?lastYear (GROUP_CONCAT(DISTINCT ?sourceName; separator=" | ") AS ?sources)
WHERE {{
  GRAPH ?g {{
    ?m a org:Membership ; org:member ?member ; org:organization ?org ; org:role ?roleC .
    {bounds}
    OPTIONAL {{ ?m igo:start ?start }} OPTIONAL {{ ?m igo:end ?end }}
  }}
  OPTIONAL {{ ?g igo:sourceName ?sourceName }}
  BIND(STRAFTER(STR(?roleC), "/role/") AS ?role)
  {years}
}}
GROUP BY ?role ?start ?end ?firstYear ?lastYear
ORDER BY ?firstYear ?from ?role ?to ?lastYear
"#,
            prefixes = vocab::sparql_prefixes(),
        )
    };
    both(build, vec![("member", state), ("org", org)]).with_lists(&[("sources", " | ")])
}

/// Organisations a state left and rejoined: a membership that ended and a later one in the same
/// organisation from the same source, with no membership starting in between. A change of role
/// (COW ends one membership and starts the next in the same year) is not a departure.
pub fn rejoined(state: Term, lang: &str) -> Prepared {
    let sparql = format!(
        r#"{prefixes}SELECT ?org (MIN(?org_label) AS ?name) (STR(?end1) AS ?left) (STR(?start2) AS ?rejoined) ?role (GROUP_CONCAT(DISTINCT ?sourceName; separator=" | ") AS ?sources)
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
ORDER BY ?name ?left ?rejoined ?role ?org
"#,
        prefixes = vocab::sparql_prefixes(),
        org_label = label("org", lang),
    );
    Prepared::new(sparql, vec![("member", state)]).with_lists(&[("sources", " | ")])
}

/// The number of organisations a state (or every state) belongs to, in any role, in each year
/// of a range: memberships that hold in the year by the as-of test of `members --at`, each
/// organisation counted once however many sources state it; `source` restricts to one source
/// (e.g. one COW file, to compare with a count made from the table).
pub fn memberships_count(state: Option<Term>, years: std::ops::RangeInclusive<i32>, source: Option<&str>, lang: &str) -> Prepared {
    // Counted in a subquery before the member's type and label are looked up: once per
    // member, not once per membership. (A bound state is a constant in the patterns, so the
    // subquery groups by year alone then.)
    let member = if state.is_some() { "" } else { " ?member" };
    let every_state = state.is_none();
    let build = |mode: AsOf| {
        let memberships = if every_state && mode == AsOf::Bounds {
            every_membership_in(&years)
        } else {
            format!(
                "GRAPH ?g {{\n        ?m a org:Membership ; org:member ?member ; org:organization ?org .\n        {bounds}\n      }}",
                bounds = bounds_patterns("m", mode)
            )
        };
        format!(
            r#"{prefixes}SELECT ?year ?member (MIN(?member_label) AS ?name) ?organisations
WHERE {{
  {{
    SELECT ?year{member} (COUNT(DISTINCT ?org) AS ?organisations) WHERE {{
      {years}
      BIND(STRDT(CONCAT(STR(?year), "-01-01"), xsd:date) AS ?atLo)
      BIND(STRDT(CONCAT(STR(?year), "-12-31"), xsd:date) AS ?atHi)
      {memberships}
      FILTER({holds})
      {source_filter}
    }}
    GROUP BY ?year{member}
  }}
  FILTER EXISTS {{ GRAPH ?eg {{ ?member a ?mt }} FILTER(?mt IN (igo:State, igo:HistoricalState)) }}
  {member_label}
}}
GROUP BY ?year ?member ?organisations
ORDER BY ?year DESC(?organisations) ?name ?member
"#,
            prefixes = vocab::sparql_prefixes(),
            years = years_values(years.clone()),
            holds = holds("m", mode),
            member_label = label("member", lang),
            source_filter = if source.is_some() { "FILTER EXISTS { ?g igo:sourceName ?source }" } else { "" },
        )
    };
    let mut bindings = Vec::new();
    if let Some(s) = state {
        bindings.push(("member", s));
    }
    source_filter(source, &mut bindings);
    both(build, bindings)
}

/// The memberships `?m` (with `?g`, `?member`, `?org` and the as-of bounds `?m_sl`, `?m_eu`)
/// that may hold in some year of `years`, for a question about every membership: each of the
/// five properties is read in one scan of its index (a subquery each, which Oxigraph joins by
/// hash) instead of four lookups per membership after a scan of the type (a lookup costs
/// about ten times a scanned row: on the COW store 0.2 s against 1.1 s for every state in a
/// year, BENCHMARKS.md). The scans of the bounds keep only the facts that may hold in the
/// range (the days are computed from integers, not user text); the caller's filter then tests
/// each year.
fn every_membership_in(years: &std::ops::RangeInclusive<i32>) -> String {
    let lo = day_text((*years.start(), 1, 1));
    let hi = day_text((*years.end(), 12, 31));
    format!(
        r#"{{ SELECT ?m ?g ?m_eu WHERE {{ GRAPH ?g {{ ?m igo:holdsUntil ?m_eu }} FILTER(?m_eu >= {lo}) }} }}
      {{ SELECT ?m ?g ?m_sl WHERE {{ GRAPH ?g {{ ?m igo:holdsFrom ?m_sl }} FILTER(?m_sl <= {hi}) }} }}
      {{ SELECT ?m ?g WHERE {{ GRAPH ?g {{ ?m a org:Membership }} }} }}
      {{ SELECT ?m ?g ?member WHERE {{ GRAPH ?g {{ ?m org:member ?member }} }} }}
      {{ SELECT ?m ?g ?org WHERE {{ GRAPH ?g {{ ?m org:organization ?org }} }} }}"#
    )
}

/// The states sharing the most organisations with a state in a year (memberships of any role
/// that hold in the year by the as-of test of `members --at`).
pub fn partners(state: Term, year: i32, limit: usize, source: Option<&str>, lang: &str) -> Prepared {
    // Counted in a subquery before the type of each other state and its labels are looked up
    // (once per state, not once per shared membership). The memberships are matched by
    // `org:role` (only memberships have both a member and a role) rather than by their type:
    // with `a org:Membership` Oxigraph's planner joins every membership of every state by hash
    // instead of looking up the members of each of the state's organisations (12.6 s against
    // 0.3 s on the COW store, BENCHMARKS.md).
    let build = |mode: AsOf| {
        format!(
            r#"{prefixes}SELECT ?other (MIN(?other_label) AS ?name) ?shared
WHERE {{
  {{
    SELECT ?other (COUNT(DISTINCT ?org) AS ?shared) WHERE {{
      GRAPH ?g {{
        ?a org:member ?state ; org:organization ?org ; org:role ?a_role .
        {bounds_a}
      }}
      FILTER({holds_a})
      GRAPH ?h {{
        ?b org:organization ?org ; org:member ?other ; org:role ?b_role .
        {bounds_b}
      }}
      FILTER(?other != ?state && {holds_b})
      {source_filter}
    }}
    GROUP BY ?other
  }}
  FILTER EXISTS {{ GRAPH ?eg {{ ?other a ?mt }} FILTER(?mt IN (igo:State, igo:HistoricalState)) }}
  {other_label}
}}
GROUP BY ?other ?shared
ORDER BY DESC(?shared) ?name ?other
LIMIT {limit}
"#,
            prefixes = vocab::sparql_prefixes(),
            bounds_a = bounds_patterns("a", mode),
            bounds_b = bounds_patterns("b", mode),
            holds_a = holds("a", mode),
            holds_b = holds("b", mode),
            other_label = label("other", lang),
            source_filter =
                if source.is_some() { "FILTER(EXISTS { ?g igo:sourceName ?source } && EXISTS { ?h igo:sourceName ?source })" } else { "" },
        )
    };
    let mut bindings = vec![("state", state)];
    at_bindings(Some(PartialDate::Year(year)), &mut bindings);
    source_filter(source, &mut bindings);
    both(build, bindings)
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
            partners(org.clone(), 2000, 10, Some("COW"), "en"),
        ] {
            for mode in [AsOf::Bounds, AsOf::Computed] {
                let q = p.text_for(mode);
                let _ = oxigraph::sparql::SparqlEvaluator::new().parse_query(&q).unwrap_or_else(|e| panic!("{e}\n{q}"));
                for (var, _) in &p.bindings {
                    let body = &q[q.find("WHERE {").unwrap()..];
                    assert!(!body.contains(&format!("?{var} ")) || body.contains(&format!("AS ?{var})")), "?{var} left in\n{q}");
                }
            }
        }
        let _ = coverage_ends(org, PartialDate::Year(2024)).text();
    }

    #[test]
    fn bound_terms_are_escaped_constants() {
        let p = Prepared::new(
            "SELECT ?x ?x_label WHERE { ?s ?p ?x . ?s ?p ?x_label }".into(),
            vec![("x", Literal::from("a\" } DROP ALL #").into())],
        );
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
    fn the_as_of_conveniences_compare_the_stored_bounds() {
        let org: Term = NamedNode::new_unchecked("https://w3id.org/igokg/id/Q318693").into();
        let p = members(org, Some(PartialDate::Year(2013)), "en");
        let fast = p.text_for(AsOf::Bounds);
        assert!(fast.contains("igo:holdsFrom ?sl") && !fast.contains("NOT EXISTS") && !fast.contains("BOUND(?sl)"), "{fast}");
        let computed = p.text_for(AsOf::Computed);
        assert!(computed.contains("NOT EXISTS") && !computed.contains("holdsFrom"), "{computed}");
    }

    #[test]
    fn tidy_sorts_the_values_inside_list_cells() {
        assert_eq!(sorted_list("wikipedia | article | wikipedia", " | "), "article | wikipedia");
        assert_eq!(sorted_list("", ", "), "");
        let store = oxigraph::store::Store::new().unwrap();
        let p = Prepared::new(r#"SELECT ?s WHERE { VALUES ?s { "b, a, c" } }"#.into(), vec![]).with_lists(&[("s", ", ")]);
        let r = oxigraph::sparql::SparqlEvaluator::new().parse_query(&p.sparql).unwrap().on_store(&store).execute().unwrap();
        let QueryResults::Solutions(mut rows) = p.tidy(r).unwrap() else { panic!() };
        let row = rows.next().unwrap().unwrap();
        assert_eq!(row.get("s").map(cell).as_deref(), Some("a, b, c"));
    }

    #[test]
    fn compact_uses_prefixes() {
        assert_eq!(compact("https://w3id.org/igokg/id/Q399"), "igoid:Q399");
        assert_eq!(compact("http://example.org/x y"), "<http://example.org/x y>");
    }
}
