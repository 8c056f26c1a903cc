//! `igokg validate`: the SHACL shapes of `ontology/shapes.ttl` (the SHACL Core subset they
//! use) and the temporal rules the shapes cannot say — a chair is a member in its year, an
//! interval ends after it starts, a frozen or suspended status lies within a membership, one
//! chair per organisation per year — plus conflicts between sources. Each finding names the
//! offending fact and its source.

use crate::export::{fact_nodes, FactNode};
use crate::model::FactKind;
use crate::store::{Store, StoreError};
use crate::vocab::{igo, org, rdf as rdfv};
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{Graph, GraphNameRef, NamedNode, NamedNodeRef, NamedOrBlankNode, NamedOrBlankNodeRef, Term, TermRef};
use std::collections::{BTreeMap, HashMap};
use std::fmt;

const SHAPES: &str = include_str!("../ontology/shapes.ttl");
const SH: &str = "http://www.w3.org/ns/shacl#";
const XSD_INTEGER: &str = "http://www.w3.org/2001/XMLSchema#integer";
const XSD_NON_NEGATIVE_INTEGER: &str = "http://www.w3.org/2001/XMLSchema#nonNegativeInteger";

/// How bad a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Warning,
    Violation,
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Finding {
    pub severity: Severity,
    pub rule: String,
    pub focus: String,
    pub source: String,
    pub message: String,
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sev = match self.severity {
            Severity::Violation => "violation",
            Severity::Warning => "warning",
        };
        write!(f, "{sev} [{}] {} (source: {}): {}", self.rule, self.focus, self.source, self.message)
    }
}

fn sh(local: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{SH}{local}"))
}

#[derive(Debug)]
struct PropertyShape {
    path: NamedNode,
    name: String,
    min: Option<usize>,
    max: Option<usize>,
    node_kind: Option<NamedNode>,
    datatype: Vec<NamedNode>,
    class: Option<NamedNode>,
    one_of: Vec<Term>,
    min_incl: Option<f64>,
    max_incl: Option<f64>,
    message: String,
}

#[derive(Debug)]
struct NodeShape {
    name: String,
    target: NamedNode,
    properties: Vec<PropertyShape>,
}

fn list(g: &Graph, head: TermRef<'_>) -> Vec<Term> {
    let mut out = Vec::new();
    let mut cur = head.into_owned();
    let nil: Term = rdfv::NIL.into_owned().into();
    for _ in 0..1000 {
        if cur == nil {
            break;
        }
        let Some(s) = as_subject(&cur) else { break };
        if let Some(first) = g.object_for_subject_predicate(s.as_ref(), rdfv::FIRST) {
            out.push(first.into_owned());
        }
        match g.object_for_subject_predicate(s.as_ref(), rdfv::REST) {
            Some(rest) => cur = rest.into_owned(),
            None => break,
        }
    }
    out
}

fn as_subject(t: &Term) -> Option<NamedOrBlankNode> {
    match t {
        Term::NamedNode(n) => Some(n.clone().into()),
        Term::BlankNode(b) => Some(b.clone().into()),
        _ => None,
    }
}

fn literal_value(t: Option<TermRef<'_>>) -> Option<String> {
    match t {
        Some(TermRef::Literal(l)) => Some(l.value().to_owned()),
        _ => None,
    }
}

fn parse_shapes() -> Result<Vec<NodeShape>, StoreError> {
    let mut g = Graph::new();
    for t in RdfParser::from_format(RdfFormat::Turtle).for_slice(SHAPES.as_bytes()) {
        let q = t.map_err(|e| StoreError::Other(format!("ontology/shapes.ttl: {e}")))?;
        g.insert(oxigraph::model::TripleRef::new(&q.subject, &q.predicate, &q.object));
    }
    let mut shapes = Vec::new();
    let target_class = sh("targetClass");
    for t in g.triples_for_predicate(&target_class) {
        let Term::NamedNode(target) = t.object.into_owned() else { continue };
        let shape: NamedOrBlankNodeRef<'_> = t.subject;
        let name = literal_value(g.object_for_subject_predicate(shape, &sh("name"))).unwrap_or_else(|| target.as_str().to_owned());
        let mut properties = Vec::new();
        for p in g.objects_for_subject_predicate(shape, &sh("property")) {
            let Some(ps) = as_subject(&p.into_owned()) else { continue };
            let get = |local: &str| g.object_for_subject_predicate(ps.as_ref(), &sh(local)).map(|t| t.into_owned());
            let Some(Term::NamedNode(path)) = get("path") else { continue };
            let num = |local: &str| literal_value(g.object_for_subject_predicate(ps.as_ref(), &sh(local)));
            let mut datatype: Vec<NamedNode> =
                get("datatype").into_iter().filter_map(|t| if let Term::NamedNode(n) = t { Some(n) } else { None }).collect();
            if let Some(or) = get("or") {
                for alt in list(&g, or.as_ref()) {
                    if let Some(s) = as_subject(&alt) {
                        if let Some(TermRef::NamedNode(n)) = g.object_for_subject_predicate(s.as_ref(), &sh("datatype")) {
                            datatype.push(n.into_owned());
                        }
                    }
                }
            }
            properties.push(PropertyShape {
                name: num("name").unwrap_or_else(|| path.as_str().to_owned()),
                path,
                min: num("minCount").and_then(|v| v.parse().ok()),
                max: num("maxCount").and_then(|v| v.parse().ok()),
                node_kind: get("nodeKind").and_then(|t| if let Term::NamedNode(n) = t { Some(n) } else { None }),
                datatype,
                class: get("class").and_then(|t| if let Term::NamedNode(n) = t { Some(n) } else { None }),
                one_of: get("in").map(|h| list(&g, h.as_ref())).unwrap_or_default(),
                min_incl: num("minInclusive").and_then(|v| v.parse().ok()),
                max_incl: num("maxInclusive").and_then(|v| v.parse().ok()),
                message: num("message").unwrap_or_default(),
            });
        }
        shapes.push(NodeShape { name, target, properties });
    }
    Ok(shapes)
}

/// Source names of graphs (described in the default graph; the reference data in their own).
fn source_names(store: &Store) -> Result<HashMap<NamedNode, String>, StoreError> {
    let mut m = HashMap::new();
    for q in store.inner().quads_for_pattern(None, Some(igo::SOURCE_NAME), None, None) {
        let q = q?;
        if let (NamedOrBlankNode::NamedNode(g), Term::Literal(l)) = (q.subject, q.object) {
            m.insert(g, l.value().to_owned());
        }
    }
    Ok(m)
}

/// Checks the whole store.
pub fn validate(store: &Store) -> Result<Vec<Finding>, StoreError> {
    let shapes = parse_shapes()?;
    let sources = source_names(store)?;
    let src = |g: &NamedNode| sources.get(g).cloned().unwrap_or_else(|| g.as_str().to_owned());
    let mut findings = Vec::new();
    let skip = [crate::store::ontology_graph()];
    // SHACL, graph by graph (a fact node and its evidence live in one graph).
    for graph in store.named_graphs()? {
        if skip.contains(&graph) {
            continue;
        }
        let gref = GraphNameRef::NamedNode(graph.as_ref());
        for shape in &shapes {
            for q in store.inner().quads_for_pattern(None, Some(rdfv::TYPE), Some(shape.target.as_ref().into()), Some(gref)) {
                let focus = q?.subject;
                for p in &shape.properties {
                    let values: Vec<Term> = store
                        .inner()
                        .quads_for_pattern(Some(focus.as_ref()), Some(p.path.as_ref()), None, Some(gref))
                        .map(|q| q.map(|q| q.object))
                        .collect::<Result<_, _>>()?;
                    for problem in check_property(store, p, &values)? {
                        findings.push(Finding {
                            severity: Severity::Violation,
                            rule: format!("shape {}: {}", shape.name, p.name),
                            focus: focus.to_string(),
                            source: src(&graph),
                            message: if p.message.is_empty() { problem } else { format!("{problem} — {}", p.message) },
                        });
                    }
                }
            }
        }
    }
    let facts = fact_nodes(store, &[])?;
    let labels = crate::export::entity_labels(store)?;
    let name = |n: &NamedNode| named(n, labels.get(n.as_str()).map(|(l, _)| l.as_str()));
    temporal_rules(&facts, &src, &name, &mut findings);
    findings.sort();
    findings.dedup();
    Ok(findings)
}

fn check_property(store: &Store, p: &PropertyShape, values: &[Term]) -> Result<Vec<String>, StoreError> {
    let mut out = Vec::new();
    if let Some(min) = p.min {
        if values.len() < min {
            out.push(format!("{} has {} value(s), at least {min} required", p.name, values.len()));
        }
    }
    if let Some(max) = p.max {
        if values.len() > max {
            out.push(format!("{} has {} values, at most {max} allowed", p.name, values.len()));
        }
    }
    for v in values {
        if let Some(k) = &p.node_kind {
            let ok = match k.as_str().strip_prefix(SH).unwrap_or("") {
                "IRI" => matches!(v, Term::NamedNode(_)),
                "Literal" => matches!(v, Term::Literal(_)),
                "BlankNode" => matches!(v, Term::BlankNode(_)),
                "BlankNodeOrIRI" => !matches!(v, Term::Literal(_)),
                _ => true,
            };
            if !ok {
                out.push(format!("{} value {v} is not of node kind {}", p.name, k.as_str().trim_start_matches(SH)));
            }
        }
        if !p.datatype.is_empty() {
            let dt = match v {
                Term::Literal(l) => Some(l.datatype().into_owned()),
                _ => None,
            };
            // Oxigraph stores the derived integer types as xsd:integer: a non-negative
            // xsd:integer read back is the xsd:nonNegativeInteger that was written.
            let non_negative = |d: &NamedNode| {
                d.as_str() == XSD_INTEGER
                    && p.datatype.iter().any(|x| x.as_str() == XSD_NON_NEGATIVE_INTEGER)
                    && matches!(v, Term::Literal(l) if l.value().parse::<u64>().is_ok())
            };
            if !dt.as_ref().is_some_and(|d| p.datatype.contains(d) || non_negative(d)) {
                out.push(format!("{} value {v} has the wrong datatype", p.name));
            }
        }
        if !p.one_of.is_empty() && !p.one_of.contains(v) {
            out.push(format!("{} value {v} is not in the code list", p.name));
        }
        if p.min_incl.is_some() || p.max_incl.is_some() {
            let n = match v {
                Term::Literal(l) => l.value().parse::<f64>().ok(),
                _ => None,
            };
            match n {
                Some(n) if p.min_incl.is_none_or(|m| n >= m) && p.max_incl.is_none_or(|m| n <= m) => {}
                _ => out.push(format!("{} value {v} is out of range", p.name)),
            }
        }
        if let (Some(class), Some(s)) = (&p.class, as_subject(v)) {
            let typed =
                store.inner().quads_for_pattern(Some(s.as_ref()), Some(rdfv::TYPE), Some(class.as_ref().into()), None).next().is_some();
            if !typed {
                out.push(format!("{} value {v} is not a {}", p.name, class.as_str()));
            }
        }
    }
    Ok(out)
}

fn lit(f: &FactNode, p: NamedNodeRef<'_>) -> Option<String> {
    match f.get(p) {
        Some(Term::Literal(l)) => Some(l.value().to_owned()),
        _ => None,
    }
}

fn node(f: &FactNode, p: NamedNodeRef<'_>) -> Option<NamedNode> {
    match f.get(p) {
        Some(Term::NamedNode(n)) => Some(n.clone()),
        _ => None,
    }
}

/// May the fact (as a period) overlap [lo, hi]? (Lenient: partial dates give it the benefit.)
fn may_overlap(f: &FactNode, lo: &str, hi: &str) -> bool {
    let se = lit(f, igo::START_EARLIEST);
    let el = lit(f, igo::END_LATEST);
    se.is_none_or(|s| s.as_str() <= hi) && el.is_none_or(|e| e.as_str() >= lo)
}

/// An entity for a message: its label and its compact IRI ("Malaysia (igoid:Q833)"), or the
/// compact IRI alone when it has no label.
fn named(n: &NamedNode, label: Option<&str>) -> String {
    let short = short(n);
    match label {
        Some(l) if !l.is_empty() && l != short => format!("{l} ({short})"),
        _ => short,
    }
}

/// Missing knowledge is not a contradiction: with no membership of `m` in `o` known at all, a
/// rule that needs one can only warn; with memberships known and none covering the time, the
/// facts contradict each other.
fn membership_finding(known: &[&FactNode], covered: bool) -> Option<Severity> {
    match (known.is_empty(), covered) {
        (_, true) => None,
        (true, false) => Some(Severity::Warning),
        (false, false) => Some(Severity::Violation),
    }
}

fn temporal_rules(facts: &[FactNode], src: &dyn Fn(&NamedNode) -> String, name: &dyn Fn(&NamedNode) -> String, out: &mut Vec<Finding>) {
    let mut push = |severity, rule: &str, f: &FactNode, message: String| {
        out.push(Finding { severity, rule: rule.into(), focus: f.iri.to_string(), source: src(&f.graph), message });
    };
    let memberships: Vec<&FactNode> = facts.iter().filter(|f| f.kind == FactKind::Membership).collect();
    let member_of = |m: &NamedNode, o: &NamedNode| -> Vec<&FactNode> {
        memberships
            .iter()
            .copied()
            .filter(|f| node(f, org::MEMBER).as_ref() == Some(m) && node(f, org::ORGANIZATION).as_ref() == Some(o))
            .collect()
    };
    let mut chairs: BTreeMap<(String, String), Vec<(&FactNode, NamedNode)>> = BTreeMap::new();
    for f in facts {
        if let (Some(s), Some(e)) = (lit(f, igo::START_EARLIEST), lit(f, igo::END_LATEST)) {
            if e < s {
                push(Severity::Violation, "interval", f, format!("ends ({e}) before it starts ({s})"));
            }
        }
        match f.kind {
            FactKind::Chairmanship => {
                let (Some(c), Some(o)) = (node(f, igo::CHAIR), node(f, org::ORGANIZATION)) else { continue };
                let (lo, hi) = match lit(f, igo::YEAR) {
                    Some(y) => (format!("{y}-01-01"), format!("{y}-12-31")),
                    None => {
                        (lit(f, igo::START_EARLIEST).unwrap_or_default(), lit(f, igo::END_LATEST).unwrap_or_else(|| "9999-12-31".into()))
                    }
                };
                let known = member_of(&c, &o);
                let (from, to) = (&lo[..4.min(lo.len())], &hi[..4.min(hi.len())]);
                let when = if from == to { from.to_owned() } else { format!("{from}–{to}") };
                match membership_finding(&known, known.iter().any(|m| may_overlap(m, &lo, &hi))) {
                    Some(Severity::Warning) => push(
                        Severity::Warning,
                        "chair-is-member",
                        f,
                        format!("{} chairs {} in {when}, but no membership of it is known (not checked)", name(&c), name(&o)),
                    ),
                    Some(Severity::Violation) => push(
                        Severity::Violation,
                        "chair-is-member",
                        f,
                        format!("{} chairs {} in {when}, but none of its memberships covers that time", name(&c), name(&o)),
                    ),
                    None => {}
                }
                if let Some(y) = lit(f, igo::YEAR) {
                    chairs.entry((o.as_str().to_owned(), y)).or_default().push((f, c));
                }
            }
            FactKind::MembershipStatus => {
                let status =
                    node(f, igo::PARTICIPATION_STATUS).map(|s| s.as_str().rsplit('/').next().unwrap_or("").to_owned()).unwrap_or_default();
                if status != "frozen" && status != "suspended" {
                    continue;
                }
                let (Some(m), Some(o)) = (node(f, org::MEMBER), node(f, org::ORGANIZATION)) else { continue };
                let lo = lit(f, igo::START_EARLIEST).unwrap_or_else(|| "0000-01-01".into());
                let hi = lit(f, igo::START_LATEST).unwrap_or_else(|| "9999-12-31".into());
                let known = member_of(&m, &o);
                match membership_finding(&known, known.iter().any(|ms| may_overlap(ms, &lo, &hi))) {
                    Some(Severity::Warning) => push(
                        Severity::Warning,
                        "status-within-membership",
                        f,
                        format!("{} is {status} in {}, but no membership of it is known (not checked)", name(&m), name(&o)),
                    ),
                    Some(Severity::Violation) => push(
                        Severity::Violation,
                        "status-within-membership",
                        f,
                        format!("{} is {status} in {}, but none of its memberships covers that time", name(&m), name(&o)),
                    ),
                    None => {}
                }
            }
            _ => {}
        }
    }
    for ((o, y), list) in &chairs {
        let mut distinct: Vec<&NamedNode> = list.iter().map(|(_, c)| c).collect();
        distinct.sort();
        distinct.dedup();
        if distinct.len() > 1 {
            for (f, c) in list {
                push(
                    Severity::Violation,
                    "one-chair-per-year",
                    f,
                    format!(
                        "{} chairs {} in {y}, but so do {}",
                        name(c),
                        name(&NamedNode::new_unchecked(o.as_str())),
                        distinct.iter().filter(|d| *d != &c).map(|d| name(d)).collect::<Vec<_>>().join(", ")
                    ),
                );
            }
        }
    }
    // Sources that disagree on the status of the same member at overlapping times.
    let statuses: Vec<&FactNode> = facts.iter().filter(|f| f.kind == FactKind::MembershipStatus).collect();
    for (i, a) in statuses.iter().enumerate() {
        for b in &statuses[i + 1..] {
            if a.graph == b.graph
                || node(a, org::MEMBER) != node(b, org::MEMBER)
                || node(a, org::ORGANIZATION) != node(b, org::ORGANIZATION)
                || node(a, igo::PARTICIPATION_STATUS) == node(b, igo::PARTICIPATION_STATUS)
            {
                continue;
            }
            // Statuses that start at different known dates are a sequence (active, then frozen);
            // one whose start is unknown, or two that start together, are claims about the same
            // time when their periods may overlap.
            let (sa, sb) = (lit(a, igo::START_EARLIEST), lit(b, igo::START_EARLIEST));
            let lo = sb.clone().unwrap_or_else(|| "0000-01-01".into());
            let hi = lit(b, igo::END_LATEST).unwrap_or_else(|| "9999-12-31".into());
            if (sa.is_none() || sb.is_none() || sa == sb) && may_overlap(a, &lo, &hi) {
                push(
                    Severity::Warning,
                    "conflicting-sources",
                    a,
                    format!(
                        "{} says {}, but {} says {}",
                        src(&a.graph),
                        short(&node(a, igo::PARTICIPATION_STATUS).unwrap_or_else(|| org::MEMBER.into_owned())),
                        src(&b.graph),
                        short(&node(b, igo::PARTICIPATION_STATUS).unwrap_or_else(|| org::MEMBER.into_owned()))
                    ),
                );
            }
        }
    }
}

fn short(n: &NamedNode) -> String {
    crate::query::compact(n.as_str())
}
