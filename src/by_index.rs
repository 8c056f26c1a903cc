//! Conveniences answered from the store's quad index instead of SPARQL.
//!
//! `members ORG --at DATE` is a handful of lookups (the memberships of one organisation, each
//! read whole by its subject and graph, then the labels and source names), but as SPARQL it is
//! a GROUP BY over OPTIONALs whose parsing and planning alone cost about 1.3 ms on every call
//! (BENCHMARKS.md, session x16), more than the naive mapping's whole answer. Here the same
//! question is answered by [`oxigraph::store::Store::quads_for_pattern`], row for row what the
//! SPARQL of [`crate::query::members`] gives in its [`crate::query::AsOf::Bounds`] form (after
//! [`crate::query::Prepared::tidy`]): the same terms, language tags included, the same
//! grouping, aggregates and order. Whatever the index path cannot answer exactly as the engine
//! would (a blank-node or literal member, a blank-node role) returns `None`, and the caller
//! asks the SPARQL.
//!
//! Each lookup reads its own snapshot of the store, so this is only used on a store that
//! cannot change while it is read (opened read-only; see [`crate::store::Store::answer`]).
//! The SPARQL stays the reference, and what remote engines are sent.

use crate::model::PartialDate;
use crate::query::{self, Native};
use crate::rdf;
use crate::vocab::{self, igo, org as orgv, rdf as rdfv, rdfs};
use oxigraph::model::{GraphName, GraphNameRef, Literal, NamedNode, NamedNodeRef, NamedOrBlankNode, NamedOrBlankNodeRef, QuadRef, Term};
use oxigraph::sparql::{QueryResults, QuerySolutionIter, Variable};
use oxigraph::store::{StorageError, Store};
use oxsdatatypes::Date;
use std::collections::{BTreeMap, HashMap};
use std::str::FromStr;
use std::sync::Arc;

/// Answers `native` from the quad index of a store in [`crate::query::AsOf::Bounds`] mode;
/// `None` when the index path cannot give the SPARQL's exact answer.
pub fn answer(store: &Store, native: &Native) -> Result<Option<QueryResults<'static>>, StorageError> {
    match native {
        Native::Members { org, at, lang } => members(store, org, *at, lang),
    }
}

/// `STR(term)`: an IRI's text or a literal's lexical form; an error (`None`) for a blank node.
fn str_of(t: &Term) -> Option<&str> {
    match t {
        Term::NamedNode(n) => Some(n.as_str()),
        Term::Literal(l) => Some(l.value()),
        _ => None,
    }
}

/// `STRAFTER(s, needle)` for simple strings: the text after the first `needle`, else "".
fn str_after<'a>(s: &'a str, needle: &str) -> &'a str {
    s.find(needle).map_or("", |i| &s[i + needle.len()..])
}

/// An `xsd:date` literal as the engine reads it for comparisons (anything else compares as an
/// error, which no filter passes).
fn date_of(t: &Term) -> Option<Date> {
    match t {
        Term::Literal(l) if l.datatype() == vocab::xsd::DATE => Date::from_str(l.value()).ok(),
        _ => None,
    }
}

/// SPARQL's `LANGMATCHES(tag, range)` as Oxigraph evaluates it (range not `*`).
fn lang_matches(tag: &str, range: &str) -> bool {
    let (tag, range) = (tag.to_ascii_lowercase(), range.to_ascii_lowercase());
    let (mut t, mut r) = (tag.split('-'), range.split('-'));
    loop {
        match (r.next(), t.next()) {
            (Some(rs), Some(ts)) if rs != ts => return false,
            (Some(_), None) => return false,
            (None, _) => return true,
            _ => {}
        }
    }
}

/// The order of ORDER BY and MIN between two string or language-tagged literals (Oxigraph's
/// `cmp_terms`: by value within one language, else by value, datatype and language).
fn literal_key(l: &Literal) -> (&str, &str, Option<&str>) {
    (l.value(), l.datatype().as_str(), l.language())
}

/// The aggregates of one (member, role) group.
#[derive(Default)]
struct Group {
    graphs: Vec<NamedOrBlankNode>,
    /// `MIN(COALESCE(STR(?start), "~"))` and `MAX(COALESCE(STR(?end), "~"))` so far.
    since: Option<String>,
    until: Option<String>,
}

/// What one subject says in one graph.
#[derive(Default)]
struct Node {
    status_type: bool,
    members: Vec<Term>,
    roles: Vec<Term>,
    statuses: Vec<Term>,
    from: Vec<Term>,
    until: Vec<Term>,
    starts: Vec<Term>,
    ends: Vec<Term>,
}

/// `members ORG [--at DATE]` (see [`crate::query::members`]).
pub fn members(store: &Store, org: &Term, at: Option<PartialDate>, lang: &str) -> Result<Option<QueryResults<'static>>, StorageError> {
    let Term::NamedNode(org) = org else { return Ok(None) };
    // `?sl < ?atAfter && ?eu >= ?atLo`, with the very bounds the SPARQL binds.
    let window = match at {
        Some(d) => {
            let (Ok(lo), Ok(after)) = (Date::from_str(&d.earliest_iso()), Date::from_str(&query::day_after(&d.latest_iso()))) else {
                return Ok(None);
            };
            Some((lo, after))
        }
        None => None,
    };
    let (y, m, d) = rdf::OPEN_UNTIL;
    let Ok(open_until) = Date::from_str(&format!("{y:04}-{m:02}-{d:02}")) else { return Ok(None) };

    let mut groups: BTreeMap<(String, NamedNode), Group> = BTreeMap::new();
    // The status codes of each member; `None` once a code is unbound (a blank node).
    let mut codes: HashMap<NamedNode, Option<Vec<String>>> = HashMap::new();
    for q in store.quads_for_pattern(None, Some(orgv::ORGANIZATION), Some(org.as_ref().into()), None) {
        let q = q?;
        // GRAPH ?g: named graphs only.
        let g: NamedOrBlankNode = match q.graph_name {
            GraphName::NamedNode(n) => n.into(),
            GraphName::BlankNode(b) => b.into(),
            GraphName::DefaultGraph => continue,
        };
        // Each quad the index gives back is decoded whole, its subject, predicate and graph
        // IRIs too (a read of the store each), so only the properties the answer needs are
        // asked, and only while the node can still count.
        let (s, gr) = (q.subject.as_ref(), GraphNameRef::from(g.as_ref()));
        let objects = |p: NamedNodeRef<'_>| -> Result<Vec<Term>, StorageError> {
            store.quads_for_pattern(Some(s), Some(p), None, Some(gr)).map(|q| q.map(|q| q.object)).collect()
        };
        let mut n = Node { status_type: store.contains(QuadRef::new(s, rdfv::TYPE, igo::MEMBERSHIP_STATUS, gr))?, ..Node::default() };
        // In force then: `?sl < ?atAfter && ?eu >= ?atLo` for a membership and a status alike;
        // without --at every membership, and a status still open (`?seu = OPEN_UNTIL`).
        let (status_holds, membership_holds) = match window {
            Some((lo, after)) => {
                n.until = objects(igo::HOLDS_UNTIL)?;
                if !n.until.iter().filter_map(date_of).any(|eu| eu >= lo) {
                    continue;
                }
                n.from = objects(igo::HOLDS_FROM)?;
                if !n.from.iter().filter_map(date_of).any(|sl| sl < after) {
                    continue;
                }
                n.roles = objects(orgv::ROLE)?;
                (n.status_type, !n.roles.is_empty())
            }
            None => {
                n.roles = objects(orgv::ROLE)?;
                if n.status_type {
                    n.until = objects(igo::HOLDS_UNTIL)?;
                }
                (n.status_type && n.until.iter().filter_map(date_of).any(|eu| eu == open_until), !n.roles.is_empty())
            }
        };
        if !status_holds && !membership_holds {
            continue;
        }
        n.members = objects(orgv::MEMBER)?;
        if status_holds {
            n.statuses = objects(igo::PARTICIPATION_STATUS)?;
        }
        if membership_holds {
            n.starts = objects(igo::START)?;
            n.ends = objects(igo::END)?;
        }
        // A status's codes go to every row of its members.
        if status_holds {
            for member in &n.members {
                // Other members join no row of the membership part.
                let Term::NamedNode(member) = member else { continue };
                let c = codes.entry(member.clone()).or_insert_with(|| Some(Vec::new()));
                for st in &n.statuses {
                    match (str_of(st), c.as_mut()) {
                        (Some(st), Some(c)) => c.push(str_after(st, "/status/").to_owned()),
                        _ => *c = None,
                    }
                }
            }
        }
        // The membership: member, organisation and role, in force then.
        if !membership_holds {
            continue;
        }
        // COALESCE(STR(?x), "~") over the rows: "~" when it has none (or a blank node).
        let texts = |v: &[Term]| -> Vec<String> {
            let t: Vec<String> = v.iter().map(|t| str_of(t).unwrap_or("~").to_owned()).collect();
            if t.is_empty() {
                vec!["~".to_owned()]
            } else {
                t
            }
        };
        let (starts, ends) = (texts(&n.starts), texts(&n.ends));
        for member in &n.members {
            let Term::NamedNode(member) = member else { return Ok(None) };
            for role in &n.roles {
                let Some(role) = str_of(role) else { return Ok(None) };
                let group = groups.entry((str_after(role, "/role/").to_owned(), member.clone())).or_default();
                if !group.graphs.contains(&g) {
                    group.graphs.push(g.clone());
                }
                for s in &starts {
                    if group.since.as_ref().is_none_or(|m| s < m) {
                        group.since = Some(s.clone());
                    }
                }
                for e in &ends {
                    if group.until.as_ref().is_none_or(|m| e > m) {
                        group.until = Some(e.clone());
                    }
                }
            }
        }
    }

    // Source names, from the union of all graphs (`?g igo:sourceName ?sourceName`). In
    // Oxigraph an aggregate over a group where one row lacks the value, or has a value it
    // does not take (GROUP_CONCAT: strings only), is unbound: a graph without a name, or
    // with a name that is no string, leaves the cell unbound, as a member without status
    // leaves its status cell.
    let mut names: HashMap<NamedOrBlankNode, Option<Vec<String>>> = HashMap::new();
    for g in groups.values().flat_map(|gr| gr.graphs.iter()) {
        if names.contains_key(g) {
            continue;
        }
        let (mut v, mut strings) = (Vec::new(), true);
        for q in store.quads_for_pattern(Some(g.as_ref()), Some(igo::SOURCE_NAME), None, None) {
            match q?.object {
                Term::Literal(l) if l.datatype() == vocab::xsd::STRING || l.language().is_some() => v.push(l.value().to_owned()),
                _ => strings = false,
            }
        }
        names.insert(g.clone(), (strings && !v.is_empty()).then_some(v));
    }

    // The member's label: the least in the language asked, else in English, else its IRI;
    // from the named graphs only (`GRAPH ?lg`).
    let tag = query::label_tag(lang);
    let mut labels: HashMap<NamedNode, Term> = HashMap::new();
    for (_, member) in groups.keys() {
        if labels.contains_key(member) {
            continue;
        }
        let (mut best, mut best_en): (Option<Literal>, Option<Literal>) = (None, None);
        let subject: NamedOrBlankNodeRef<'_> = member.as_ref().into();
        for q in store.quads_for_pattern(Some(subject), Some(rdfs::LABEL), None, None) {
            let q = q?;
            if q.graph_name.is_default_graph() {
                continue;
            }
            let Term::Literal(l) = q.object else { continue };
            let language = l.language().unwrap_or("");
            for (want, slot) in [(tag, &mut best), ("en", &mut best_en)] {
                if lang_matches(language, want) && slot.as_ref().is_none_or(|b| literal_key(&l) < literal_key(b)) {
                    *slot = Some(l.clone());
                }
            }
        }
        let name = best.or(best_en).unwrap_or_else(|| Literal::new_simple_literal(member.as_str()));
        labels.insert(member.clone(), name.into());
    }

    // The rows, in the order of `ORDER BY ?role ?name ?member`.
    let simple = |s: &str| -> Option<Term> { Some(Literal::new_simple_literal(s).into()) };
    let open = |s: Option<String>| -> String { s.filter(|s| s != "~").unwrap_or_default() };
    let mut rows: Vec<(String, Term, NamedNode, Vec<Option<Term>>)> = Vec::new();
    for ((role, member), group) in groups {
        let name = labels[&member].clone();
        let status = codes.get(&member).cloned().flatten();
        let mut sources = Some(Vec::new());
        for g in &group.graphs {
            match (&names[g], sources.as_mut()) {
                (Some(n), Some(s)) => s.extend(n.iter().cloned()),
                _ => sources = None,
            }
        }
        let row = vec![
            Some(member.clone().into()),
            Some(name.clone()),
            simple(&role),
            status.and_then(|s| simple(&query::sorted_list(&s.join(", "), ", "))),
            simple(&open(group.since)),
            simple(&open(group.until)),
            sources.and_then(|s| simple(&query::sorted_list(&s.join(" | "), " | "))),
        ];
        rows.push((role, name, member, row));
    }
    fn key(t: &Term) -> (&str, &str, Option<&str>) {
        match t {
            Term::Literal(l) => literal_key(l),
            _ => ("", "", None),
        }
    }
    rows.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| key(&a.1).cmp(&key(&b.1))).then_with(|| a.2.as_str().cmp(b.2.as_str())));
    let vars: Arc<[Variable]> =
        ["member", "name", "role", "status", "since", "until", "sources"].into_iter().map(Variable::new_unchecked).collect();
    let rows: Vec<_> = rows.into_iter().map(|(_, _, _, row)| Ok(row)).collect();
    Ok(Some(QueryResults::Solutions(QuerySolutionIter::from_tuples(vars, rows))))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::AsOf;

    /// The rows of an answer: its variables, then each solution's terms in their order.
    pub(crate) fn table(results: QueryResults<'_>) -> Vec<Vec<Option<Term>>> {
        let QueryResults::Solutions(s) = results else { panic!("not solutions") };
        let vars = s.variables().to_vec();
        let mut rows = vec![vars.iter().map(|v| Some(Literal::new_simple_literal(v.as_str()).into())).collect()];
        for row in s {
            let row = row.unwrap();
            rows.push(vars.iter().map(|v| row.get(v).cloned()).collect());
        }
        rows
    }

    /// Quads written to trip each rule of the SPARQL: several graphs and sources (one in the
    /// default graph, one a language-tagged name, one not a string, one graph a blank node,
    /// one without a name), two roles and two starts on one membership, bounds that are not
    /// dates, a membership without role, an organisation triple in the default graph only,
    /// statuses with and without type, codes that are IRIs and literals, labels in several
    /// tags, in the default graph, without language.
    const DATA: &str = r#"
<http://t/g1> <https://w3id.org/igokg/ontology#sourceName> "S1" .
<http://t/g2> <https://w3id.org/igokg/ontology#sourceName> "S2"@en <http://t/meta> .
<http://t/g2> <https://w3id.org/igokg/ontology#sourceName> "S2 bis" <http://t/meta> .
<http://t/g4> <https://w3id.org/igokg/ontology#sourceName> "5"^^<http://www.w3.org/2001/XMLSchema#integer> .
_:bg <https://w3id.org/igokg/ontology#sourceName> "blank graph" .
<http://t/m1> <http://www.w3.org/ns/org#organization> <http://t/O> <http://t/g1> .
<http://t/m1> <http://www.w3.org/ns/org#member> <http://t/A> <http://t/g1> .
<http://t/m1> <http://www.w3.org/ns/org#role> <https://w3id.org/igokg/code/role/full> <http://t/g1> .
<http://t/m1> <https://w3id.org/igokg/ontology#holdsFrom> "2000-01-01"^^<http://www.w3.org/2001/XMLSchema#date> <http://t/g1> .
<http://t/m1> <https://w3id.org/igokg/ontology#holdsUntil> "9999-12-31"^^<http://www.w3.org/2001/XMLSchema#date> <http://t/g1> .
<http://t/m1> <https://w3id.org/igokg/ontology#start> "2000"^^<http://www.w3.org/2001/XMLSchema#gYear> <http://t/g1> .
<http://t/m1> <http://www.w3.org/ns/org#organization> <http://t/O> <http://t/g2> .
<http://t/m1> <http://www.w3.org/ns/org#member> <http://t/A> <http://t/g2> .
<http://t/m1> <http://www.w3.org/ns/org#role> <https://w3id.org/igokg/code/role/full> <http://t/g2> .
<http://t/m1> <https://w3id.org/igokg/ontology#holdsFrom> "1999-06-01"^^<http://www.w3.org/2001/XMLSchema#date> <http://t/g2> .
<http://t/m1> <https://w3id.org/igokg/ontology#holdsUntil> "2010-12-31"^^<http://www.w3.org/2001/XMLSchema#date> <http://t/g2> .
<http://t/m1> <https://w3id.org/igokg/ontology#start> "1999-06"^^<http://www.w3.org/2001/XMLSchema#gYearMonth> <http://t/g2> .
<http://t/m1> <https://w3id.org/igokg/ontology#end> "2011"^^<http://www.w3.org/2001/XMLSchema#gYear> <http://t/g2> .
<http://t/m2> <http://www.w3.org/ns/org#organization> <http://t/O> <http://t/g3> .
<http://t/m2> <http://www.w3.org/ns/org#member> <http://t/B> <http://t/g3> .
<http://t/m2> <http://www.w3.org/ns/org#role> <https://w3id.org/igokg/code/role/full> <http://t/g3> .
<http://t/m2> <http://www.w3.org/ns/org#role> <https://w3id.org/igokg/code/role/observer> <http://t/g3> .
<http://t/m2> <https://w3id.org/igokg/ontology#holdsFrom> "2005-01-01"^^<http://www.w3.org/2001/XMLSchema#date> <http://t/g3> .
<http://t/m2> <https://w3id.org/igokg/ontology#holdsFrom> "soon" <http://t/g3> .
<http://t/m2> <https://w3id.org/igokg/ontology#holdsUntil> "2005-12-31"^^<http://www.w3.org/2001/XMLSchema#date> <http://t/g3> .
<http://t/m2> <https://w3id.org/igokg/ontology#start> "2005" <http://t/g3> .
<http://t/m2> <https://w3id.org/igokg/ontology#start> "2004" <http://t/g3> .
<http://t/m2> <https://w3id.org/igokg/ontology#end> _:e <http://t/g3> .
<http://t/m3> <http://www.w3.org/ns/org#organization> <http://t/O> <http://t/g4> .
<http://t/m3> <http://www.w3.org/ns/org#member> <http://t/C> <http://t/g4> .
<http://t/m3> <http://www.w3.org/ns/org#role> <http://t/other> <http://t/g4> .
<http://t/m3> <https://w3id.org/igokg/ontology#holdsFrom> "1990-01-01"^^<http://www.w3.org/2001/XMLSchema#date> <http://t/g4> .
<http://t/m3> <https://w3id.org/igokg/ontology#holdsUntil> "abc"^^<http://www.w3.org/2001/XMLSchema#date> <http://t/g4> .
<http://t/m3> <https://w3id.org/igokg/ontology#holdsUntil> "2020-06-30"^^<http://www.w3.org/2001/XMLSchema#date> <http://t/g4> .
<http://t/m3> <https://w3id.org/igokg/ontology#start> <http://t/start-iri> <http://t/g4> .
<http://t/m4> <http://www.w3.org/ns/org#organization> <http://t/O> <http://t/g1> .
<http://t/m4> <http://www.w3.org/ns/org#member> <http://t/D> <http://t/g1> .
<http://t/m5> <http://www.w3.org/ns/org#organization> <http://t/O> .
<http://t/m5> <http://www.w3.org/ns/org#member> <http://t/D> .
<http://t/m5> <http://www.w3.org/ns/org#role> <https://w3id.org/igokg/code/role/full> .
_:m6 <http://www.w3.org/ns/org#organization> <http://t/O> _:bg .
_:m6 <http://www.w3.org/ns/org#member> <http://t/F> _:bg .
_:m6 <http://www.w3.org/ns/org#role> <https://w3id.org/igokg/code/role/associate> _:bg .
_:m6 <https://w3id.org/igokg/ontology#holdsFrom> "2004-02-29"^^<http://www.w3.org/2001/XMLSchema#date> _:bg .
_:m6 <https://w3id.org/igokg/ontology#holdsUntil> "9999-12-31"^^<http://www.w3.org/2001/XMLSchema#date> _:bg .
<http://t/m6> <http://www.w3.org/ns/org#organization> <http://t/O> <http://t/g1> .
<http://t/m6> <http://www.w3.org/ns/org#member> <http://t/D> <http://t/g1> .
<http://t/m6> <http://www.w3.org/ns/org#role> <https://w3id.org/igokg/code/role/full> <http://t/g2> .
<http://t/s1> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/igokg/ontology#MembershipStatus> <http://t/g1> .
<http://t/s1> <http://www.w3.org/ns/org#organization> <http://t/O> <http://t/g1> .
<http://t/s1> <http://www.w3.org/ns/org#member> <http://t/A> <http://t/g1> .
<http://t/s1> <https://w3id.org/igokg/ontology#participationStatus> <https://w3id.org/igokg/code/status/suspended> <http://t/g1> .
<http://t/s1> <https://w3id.org/igokg/ontology#participationStatus> <https://w3id.org/igokg/code/status/arrears> <http://t/g1> .
<http://t/s1> <https://w3id.org/igokg/ontology#holdsFrom> "2003-01-01"^^<http://www.w3.org/2001/XMLSchema#date> <http://t/g1> .
<http://t/s1> <https://w3id.org/igokg/ontology#holdsUntil> "9999-12-31"^^<http://www.w3.org/2001/XMLSchema#date> <http://t/g1> .
<http://t/s2> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/igokg/ontology#MembershipStatus> <http://t/g2> .
<http://t/s2> <http://www.w3.org/ns/org#organization> <http://t/O> <http://t/g2> .
<http://t/s2> <http://www.w3.org/ns/org#member> <http://t/B> <http://t/g2> .
<http://t/s2> <https://w3id.org/igokg/ontology#participationStatus> "code/status/lit" <http://t/g2> .
<http://t/s2> <https://w3id.org/igokg/ontology#participationStatus> "no code" <http://t/g2> .
<http://t/s2> <https://w3id.org/igokg/ontology#participationStatus> _:st <http://t/g2> .
<http://t/s2> <https://w3id.org/igokg/ontology#holdsFrom> "2001-01-01"^^<http://www.w3.org/2001/XMLSchema#date> <http://t/g2> .
<http://t/s2> <https://w3id.org/igokg/ontology#holdsUntil> "2005-06-30"^^<http://www.w3.org/2001/XMLSchema#date> <http://t/g2> .
<http://t/s3> <http://www.w3.org/ns/org#organization> <http://t/O> <http://t/g1> .
<http://t/s3> <http://www.w3.org/ns/org#member> <http://t/A> <http://t/g1> .
<http://t/s3> <https://w3id.org/igokg/ontology#participationStatus> <https://w3id.org/igokg/code/status/untyped> <http://t/g1> .
<http://t/s3> <https://w3id.org/igokg/ontology#holdsFrom> "2003-01-01"^^<http://www.w3.org/2001/XMLSchema#date> <http://t/g1> .
<http://t/s3> <https://w3id.org/igokg/ontology#holdsUntil> "9999-12-31"^^<http://www.w3.org/2001/XMLSchema#date> <http://t/g1> .
<http://t/A> <http://www.w3.org/2000/01/rdf-schema#label> "Alpha"@en <http://t/entities> .
<http://t/A> <http://www.w3.org/2000/01/rdf-schema#label> "Alpha GB"@en-gb <http://t/entities> .
<http://t/A> <http://www.w3.org/2000/01/rdf-schema#label> "Альфа"@ru <http://t/entities> .
<http://t/A> <http://www.w3.org/2000/01/rdf-schema#label> "Алфа"@ru <http://t/g1> .
<http://t/A> <http://www.w3.org/2000/01/rdf-schema#label> "Aardvark"@en .
<http://t/B> <http://www.w3.org/2000/01/rdf-schema#label> "Beta"@en-gb <http://t/entities> .
<http://t/B> <http://www.w3.org/2000/01/rdf-schema#label> "Beta"@en-us <http://t/entities> .
<http://t/C> <http://www.w3.org/2000/01/rdf-schema#label> "Gamma" <http://t/entities> .
<http://t/C> <http://www.w3.org/2000/01/rdf-schema#label> "Gamma"@fr .
<http://t/C> <http://www.w3.org/2000/01/rdf-schema#label> <http://t/label-iri> <http://t/entities> .
<http://t/F> <http://www.w3.org/2000/01/rdf-schema#label> "Alpha"@ru <http://t/entities> .
"#;

    fn store(extra: &str) -> crate::store::Store {
        let store = crate::store::Store::in_memory().unwrap();
        let text = format!("{DATA}{extra}");
        store.inner().load_from_reader(oxigraph::io::RdfFormat::NQuads, text.as_bytes()).unwrap();
        store
    }

    fn sparql(store: &crate::store::Store, org: &Term, at: Option<PartialDate>, lang: &str) -> Vec<Vec<Option<Term>>> {
        let p = query::members(org.clone(), at, lang);
        table(p.tidy(store.query(&p.text_for(AsOf::Bounds)).unwrap()).unwrap())
    }

    const DATES: &[Option<PartialDate>] = &[
        None,
        Some(PartialDate::Year(1999)),
        Some(PartialDate::Year(2000)),
        Some(PartialDate::YearMonth(2004, 2)),
        Some(PartialDate::Date(2004, 2, 29)),
        Some(PartialDate::Year(2005)),
        Some(PartialDate::Date(2005, 7, 1)),
        Some(PartialDate::Date(2010, 12, 31)),
        Some(PartialDate::Year(2011)),
        Some(PartialDate::Year(2021)),
        Some(PartialDate::Year(9998)),
    ];
    const LANGS: &[&str] = &["en", "ru", "fr", "en-GB", "EN", "", "not a tag"];

    #[test]
    fn members_by_the_index_answer_as_the_sparql_row_for_row() {
        let store = store("");
        let org: Term = NamedNode::new_unchecked("http://t/O").into();
        let mut rows = 0;
        for at in DATES {
            for lang in LANGS {
                let want = sparql(&store, &org, *at, lang);
                let got = table(
                    members(store.inner(), &org, *at, lang)
                        .unwrap()
                        .unwrap_or_else(|| panic!("not answered from the index: --at {at:?} --lang {lang:?}")),
                );
                assert_eq!(got, want, "--at {at:?} --lang {lang:?}");
                rows += want.len() - 1;
            }
        }
        assert!(rows > 100, "the data give rows: {rows}");
        // The day after 9999-12-31 is no xsd:date the engine reads: the SPARQL decides.
        assert!(members(store.inner(), &org, Some(PartialDate::Year(9999)), "en").unwrap().is_none());
        // An organisation without memberships, and a name that is no IRI.
        for org in [NamedNode::new_unchecked("http://t/none").into(), Literal::from("O").into()] {
            let got = members(store.inner(), &org, None, "en").unwrap().map(table);
            assert!(got.as_ref().is_none_or(|t| *t == sparql(&store, &org, None, "en")), "{org}");
        }
    }

    #[test]
    fn members_the_index_cannot_answer_exactly_go_to_the_sparql() {
        let org: Term = NamedNode::new_unchecked("http://t/O").into();
        for extra in [
            // A literal member: its label and order are the engine's business.
            "<http://t/m9> <http://www.w3.org/ns/org#organization> <http://t/O> <http://t/g1> .\n<http://t/m9> <http://www.w3.org/ns/org#member> \"someone\" <http://t/g1> .\n<http://t/m9> <http://www.w3.org/ns/org#role> <https://w3id.org/igokg/code/role/full> <http://t/g1> .\n",
            // A blank-node role: an unbound ?role.
            "<http://t/m9> <http://www.w3.org/ns/org#organization> <http://t/O> <http://t/g1> .\n<http://t/m9> <http://www.w3.org/ns/org#member> <http://t/A> <http://t/g1> .\n<http://t/m9> <http://www.w3.org/ns/org#role> _:r <http://t/g1> .\n",
        ] {
            let store = store(extra);
            assert!(members(store.inner(), &org, None, "en").unwrap().is_none(), "{extra}");
            // The store's entry point still answers, by the SPARQL.
            let p = query::members(org.clone(), None, "en");
            let got = table(store.answer(&p, &crate::sparql_guard::Limits::default(), None).unwrap());
            assert_eq!(got, sparql(&store, &org, None, "en"));
        }
    }
}
