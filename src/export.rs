//! Exports: RDF serialisations of the store or a part of it, and a petgraph projection of the
//! facts (entities as labelled, typed nodes; relations as labelled edges carrying time and
//! status) written as GraphML or DOT.

use crate::format::Format;
use crate::model::{FactKind, PartialDate};
use crate::rdf;
use crate::store::{Store, StoreError};
use crate::vocab::{igo, org, rdf as rdfv, rdfs, schema};
use oxigraph::model::{GraphName, GraphNameRef, NamedNode, NamedNodeRef, NamedOrBlankNode, Quad, Term};
use petgraph::graph::{DiGraph, NodeIndex};
use std::borrow::Cow;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::io::Write;

/// Which part of the store to export.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    /// Only these named graphs (plus their metadata).
    pub graphs: Vec<NamedNode>,
    /// Only facts involving this organisation.
    pub org: Option<NamedNode>,
    /// Only facts that hold (or happen) at this date.
    pub at: Option<PartialDate>,
}

impl Selection {
    pub fn is_everything(&self) -> bool {
        self.graphs.is_empty() && self.org.is_none() && self.at.is_none()
    }
}

/// A fact node as read from the store.
#[derive(Debug, Clone)]
pub struct FactNode {
    pub iri: NamedNode,
    pub graph: NamedNode,
    pub kind: FactKind,
    pub props: Vec<(NamedNode, Term)>,
}

impl FactNode {
    pub fn get(&self, p: NamedNodeRef<'_>) -> Option<&Term> {
        self.props.iter().find(|(k, _)| k.as_ref() == p).map(|(_, v)| v)
    }

    fn date(&self, p: NamedNodeRef<'_>) -> Option<String> {
        match self.get(p) {
            Some(Term::Literal(l)) => Some(l.value().to_owned()),
            _ => None,
        }
    }

    /// Does the fact hold (or happen) at some time within `at`? Conservative with partial
    /// dates: it must surely have started by the end of `at` and not surely ended before it.
    pub fn holds_at(&self, at: PartialDate) -> bool {
        let lo = at.earliest_iso();
        let hi = at.latest_iso();
        let started = self.date(igo::START_LATEST).is_none_or(|s| s <= hi);
        let not_ended = self.date(igo::END_EARLIEST).is_none_or(|e| e >= lo);
        started && not_ended
    }

    /// Does the fact mention `entity` in any argument (events by their organiser)?
    pub fn involves(&self, entity: &NamedNode, events_of: &HashMap<NamedNode, NamedNode>) -> bool {
        self.props.iter().any(|(p, o)| match o {
            Term::NamedNode(n) => n == entity || (p.as_ref() == igo::EVENT && events_of.get(n) == Some(entity)),
            _ => false,
        })
    }
}

/// Every fact node in the store (or in some graphs).
pub fn fact_nodes(store: &Store, graphs: &[NamedNode]) -> Result<Vec<FactNode>, StoreError> {
    let mut out = Vec::new();
    for q in store.inner().quads_for_pattern(None, Some(igo::KIND), None, None) {
        let q = q?;
        let (NamedOrBlankNode::NamedNode(s), GraphName::NamedNode(g), Term::Literal(k)) = (q.subject, q.graph_name, q.object) else {
            continue;
        };
        if !graphs.is_empty() && !graphs.contains(&g) {
            continue;
        }
        let Ok(kind) = k.value().parse::<FactKind>() else { continue };
        let props = store
            .inner()
            .quads_for_pattern(Some(s.as_ref().into()), None, None, Some(GraphNameRef::NamedNode(g.as_ref())))
            .map(|q| q.map(|q| (q.predicate, q.object)))
            .collect::<Result<Vec<_>, _>>()?;
        out.push(FactNode { iri: s, graph: g, kind, props });
    }
    Ok(out)
}

fn events_by_organizer(facts: &[FactNode], store: &Store) -> Result<HashMap<NamedNode, NamedNode>, StoreError> {
    let mut m = HashMap::new();
    for q in store.inner().quads_for_pattern(None, Some(schema::ORGANIZER), None, None) {
        let q = q?;
        if let (NamedOrBlankNode::NamedNode(s), Term::NamedNode(o)) = (q.subject, q.object) {
            m.insert(s, o);
        }
    }
    let _ = facts;
    Ok(m)
}

/// The facts a selection keeps.
pub fn selected_facts(store: &Store, sel: &Selection) -> Result<Vec<FactNode>, StoreError> {
    let facts = fact_nodes(store, &sel.graphs)?;
    let events = events_by_organizer(&facts, store)?;
    Ok(facts
        .into_iter()
        .filter(|f| {
            sel.org.as_ref().is_none_or(|o| f.involves(o, &events) || f.get(schema::ORGANIZER) == Some(&Term::NamedNode(o.clone())))
        })
        .filter(|f| sel.at.is_none_or(|d| f.holds_at(d)))
        .collect())
}

/// Serialises the store (or a selection of it) as RDF.
pub fn write_rdf(store: &Store, sel: &Selection, format: Format, out: &mut dyn Write) -> Result<usize, ExportError> {
    let rf = format.rdf().ok_or(ExportError::NotRdf(format))?;
    let mut w = crate::format::rdf_serializer(rf).for_writer(out);
    let mut n = 0;
    let dataset = rf.supports_datasets();
    let mut emit = |q: Quad| -> Result<(), ExportError> {
        if dataset {
            w.serialize_quad(&q)?;
        } else {
            w.serialize_triple(oxigraph::model::TripleRef::new(&q.subject, &q.predicate, &q.object))?;
        }
        n += 1;
        Ok(())
    };
    if sel.is_everything() {
        for q in store.inner().iter() {
            emit(q?)?;
        }
    } else {
        for q in selection_quads(store, sel)? {
            emit(q)?;
        }
    }
    w.finish()?;
    Ok(n)
}

/// The quads of a selection: each kept fact with its derived nodes and shortcuts, the
/// metadata of its graph, and the descriptions of the entities it mentions.
pub fn selection_quads(store: &Store, sel: &Selection) -> Result<Vec<Quad>, StoreError> {
    let facts = selected_facts(store, sel)?;
    let mut quads: HashSet<Quad> = HashSet::new();
    let mut graphs = BTreeSet::new();
    let mut entities = BTreeSet::new();
    for f in &facts {
        let g = GraphNameRef::NamedNode(f.graph.as_ref());
        graphs.insert(f.graph.clone());
        let prefix = format!("{}#", f.iri.as_str());
        for q in store.inner().quads_for_pattern(None, None, None, Some(g)) {
            let q = q?;
            if matches!(&q.subject, NamedOrBlankNode::NamedNode(s) if s == &f.iri || s.as_str().starts_with(&prefix)) {
                quads.insert(q);
            }
        }
        for (s, p, o) in rdf::shortcuts(f.kind, &f.iri, &f.props) {
            quads.insert(Quad::new(s, p, o, f.graph.clone()));
        }
        for (_, o) in &f.props {
            if let Term::NamedNode(n) = o {
                entities.insert(n.clone());
            }
        }
    }
    for g in &graphs {
        for q in store.inner().quads_for_pattern(Some(g.as_ref().into()), None, None, Some(GraphNameRef::DefaultGraph)) {
            quads.insert(q?);
        }
    }
    let eg = rdf::entities_graph();
    for e in &entities {
        for q in store.inner().quads_for_pattern(Some(e.as_ref().into()), None, None, Some(GraphNameRef::NamedNode(eg.as_ref()))) {
            quads.insert(q?);
        }
    }
    let mut quads: Vec<Quad> = quads.into_iter().collect();
    quads.sort_by_cached_key(ToString::to_string);
    Ok(quads)
}

/// A node of the projection.
#[derive(Debug, Clone, PartialEq)]
pub struct GNode {
    pub iri: String,
    pub label: String,
    pub kind: String,
}

impl std::fmt::Display for GNode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.label)
    }
}

impl std::fmt::Display for GEdge {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.label)
    }
}

/// An edge of the projection.
#[derive(Debug, Clone, PartialEq)]
pub struct GEdge {
    pub label: String,
    pub kind: String,
    pub start: Option<String>,
    pub end: Option<String>,
    pub status: Option<String>,
    pub role: Option<String>,
    pub source: String,
}

/// The projection of the facts onto entities and relations.
pub fn projection(store: &Store, sel: &Selection) -> Result<DiGraph<GNode, GEdge>, StoreError> {
    let facts = selected_facts(store, sel)?;
    let labels = entity_labels(store)?;
    let mut g = DiGraph::new();
    let mut index: HashMap<String, NodeIndex> = HashMap::new();
    let mut node = |g: &mut DiGraph<GNode, GEdge>, t: &Term| -> Option<NodeIndex> {
        let Term::NamedNode(n) = t else { return None };
        let iri = n.as_str().to_owned();
        Some(*index.entry(iri.clone()).or_insert_with(|| {
            let (label, kind) = labels
                .get(&iri)
                .cloned()
                .unwrap_or_else(|| (crate::query::compact(&iri), if iri.contains("/event/") { "event".into() } else { "entity".into() }));
            g.add_node(GNode { iri, label, kind })
        }))
    };
    let lit = |f: &FactNode, p| match f.get(p) {
        Some(Term::Literal(l)) => Some(l.value().to_owned()),
        _ => None,
    };
    let code = |f: &FactNode, p| match f.get(p) {
        Some(Term::NamedNode(n)) => n.as_str().rsplit('/').next().map(str::to_owned),
        _ => None,
    };
    for f in &facts {
        let (from, to, label) = match f.kind {
            FactKind::Membership => (f.get(org::MEMBER), f.get(org::ORGANIZATION), "member of".to_owned()),
            FactKind::MembershipStatus => {
                (f.get(org::MEMBER), f.get(org::ORGANIZATION), format!("status {}", code(f, igo::PARTICIPATION_STATUS).unwrap_or_default()))
            }
            FactKind::Chairmanship => (f.get(igo::CHAIR), f.get(org::ORGANIZATION), "chairs".to_owned()),
            FactKind::Summit => {
                // The summit node is the event: organiser → event → place.
                let ev = Term::NamedNode(f.iri.clone());
                let date = lit(f, schema::START_DATE);
                if let (Some(e), Some(p)) = (node(&mut g, &ev), f.get(schema::LOCATION).and_then(|p| node(&mut g, p))) {
                    g.add_edge(e, p, edge(f, "held in", None, None, date.clone(), None));
                }
                if let (Some(o), Some(e)) = (f.get(schema::ORGANIZER).and_then(|o| node(&mut g, o)), node(&mut g, &ev)) {
                    g.add_edge(o, e, edge(f, "holds summit", None, None, date, None));
                }
                continue;
            }
            FactKind::Attendance => (f.get(igo::PARTICIPANT), f.get(igo::EVENT), "attended".to_owned()),
            FactKind::Absence => (f.get(igo::PARTICIPANT), f.get(igo::EVENT), "absent from".to_owned()),
            FactKind::Office => {
                (f.get(igo::PERSON), f.get(igo::OF), code(f, igo::POSITION).unwrap_or_else(|| "office".into()).replace('_', " "))
            }
            FactKind::Visit => (f.get(igo::PERSON), f.get(igo::DESTINATION), "visited".to_owned()),
            FactKind::Endorsement => (f.get(igo::PARTY), f.get(igo::EVENT), "endorsed".to_owned()),
            FactKind::Founding => (f.get(org::ORGANIZATION), f.get(schema::LOCATION), "founded in".to_owned()),
        };
        let (Some(a), Some(b)) = (from.and_then(|t| node(&mut g, t)), to.and_then(|t| node(&mut g, t))) else { continue };
        let start = lit(f, igo::START).or_else(|| lit(f, igo::YEAR)).or_else(|| lit(f, schema::START_DATE)).or_else(|| lit(f, igo::DATE));
        g.add_edge(a, b, edge(f, &label, code(f, org::ROLE), code(f, igo::PARTICIPATION_STATUS), start, lit(f, igo::END)));
    }
    Ok(g)
}

fn edge(f: &FactNode, label: &str, role: Option<String>, status: Option<String>, start: Option<String>, end: Option<String>) -> GEdge {
    GEdge { label: label.to_owned(), kind: f.kind.as_str().to_owned(), start, end, status, role, source: f.graph.as_str().to_owned() }
}

/// English labels and types of every described entity.
pub fn entity_labels(store: &Store) -> Result<HashMap<String, (String, String)>, StoreError> {
    let mut types: HashMap<String, String> = HashMap::new();
    for q in store.inner().quads_for_pattern(None, Some(rdfv::TYPE), None, None) {
        let q = q?;
        if let (NamedOrBlankNode::NamedNode(s), Term::NamedNode(t)) = (q.subject, q.object) {
            let kind = match t.as_ref() {
                x if x == igo::STATE || x == igo::HISTORICAL_STATE => "state",
                x if x == igo::CITY => "city",
                x if x == igo::INTERNATIONAL_ORGANIZATION => "organization",
                x if x == schema::PERSON => "person",
                x if x == igo::SUMMIT || x == schema::EVENT => "event",
                _ => continue,
            };
            types.insert(s.as_str().to_owned(), kind.to_owned());
        }
    }
    let mut out = HashMap::new();
    for q in store.inner().quads_for_pattern(None, Some(rdfs::LABEL), None, None) {
        let q = q?;
        if let (NamedOrBlankNode::NamedNode(s), Term::Literal(l)) = (q.subject, q.object) {
            if let Some(kind) = types.get(s.as_str()) {
                let better = l.language() == Some("en") || !out.contains_key(s.as_str());
                if better {
                    out.insert(s.as_str().to_owned(), (l.value().to_owned(), kind.clone()));
                }
            }
        }
    }
    for (iri, kind) in types {
        out.entry(iri.clone()).or_insert_with(|| (crate::query::compact(&iri), kind));
    }
    Ok(out)
}

/// Writes the projection as GraphML (node and edge attributes as GraphML data keys).
pub fn write_graphml(g: &DiGraph<GNode, GEdge>, out: &mut dyn Write) -> std::io::Result<()> {
    petgraph_graphml::GraphMl::new(g)
        .pretty_print(true)
        .export_node_weights(Box::new(|n: &GNode| {
            vec![
                (Cow::Borrowed("label"), Cow::Owned(n.label.clone())),
                (Cow::Borrowed("kind"), Cow::Owned(n.kind.clone())),
                (Cow::Borrowed("iri"), Cow::Owned(n.iri.clone())),
            ]
        }))
        .export_edge_weights(Box::new(|e: &GEdge| {
            let mut v = vec![
                (Cow::Borrowed("label"), Cow::Owned(e.label.clone())),
                (Cow::Borrowed("kind"), Cow::Owned(e.kind.clone())),
                (Cow::Borrowed("source"), Cow::Owned(e.source.clone())),
            ];
            for (k, val) in [("start", &e.start), ("end", &e.end), ("status", &e.status), ("role", &e.role)] {
                v.push((Cow::Borrowed(k), Cow::Owned(val.clone().unwrap_or_default())));
            }
            v
        }))
        .to_writer(out)
}

/// Escapes a DOT string (the content of a double-quoted ID).
fn dot_escape(s: &str) -> String {
    s.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', "\\n")
}

/// Writes the projection as DOT through petgraph's `Dot`, with labels, shapes by kind and
/// edge time/status in the labels.
pub fn write_dot(g: &DiGraph<GNode, GEdge>, out: &mut dyn Write) -> std::io::Result<()> {
    use petgraph::dot::{Config, Dot};
    let edge_attr = |_: &DiGraph<GNode, GEdge>, e: petgraph::graph::EdgeReference<'_, GEdge>| {
        let w = e.weight();
        let mut label = w.label.clone();
        if let Some(r) = w.role.as_ref().filter(|r| *r != "full") {
            label.push_str(&format!(" ({r})"));
        }
        match (&w.start, &w.end) {
            (Some(s), Some(e)) if s == e => label.push_str(&format!("\n{s}")),
            (Some(s), Some(e)) => label.push_str(&format!("\n{s}–{e}")),
            (Some(s), None) => label.push_str(&format!("\n{s}")),
            (None, Some(e)) => label.push_str(&format!("\n–{e}")),
            _ => {}
        }
        let colour = match (w.kind.as_str(), w.status.as_deref()) {
            (_, Some("frozen")) => "steelblue",
            (_, Some("suspended" | "withdrawn")) => "red",
            ("absence", _) => "grey",
            ("chairmanship", _) => "darkgoldenrod",
            _ => "black",
        };
        format!("label=\"{}\" color=\"{colour}\" fontcolor=\"{colour}\"", dot_escape(&label))
    };
    let node_attr = |_: &DiGraph<GNode, GEdge>, (_, n): (NodeIndex, &GNode)| {
        let shape = match n.kind.as_str() {
            "organization" => "box",
            "state" => "ellipse",
            "person" => "note",
            "city" => "house",
            "event" => "diamond",
            _ => "plaintext",
        };
        format!("label=\"{}\" shape=\"{shape}\" tooltip=\"{}\"", dot_escape(&n.label), dot_escape(&n.iri))
    };
    let dot = Dot::with_attr_getters(g, &[Config::NodeNoLabel, Config::EdgeNoLabel], &edge_attr, &node_attr);
    writeln!(out, "{dot}")
}

/// Export errors.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ExportError {
    #[error("{0} is not an RDF format")]
    NotRdf(Format),
    #[error("{0}")]
    Io(#[from] std::io::Error),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("store: {0}")]
    Storage(#[from] oxigraph::store::StorageError),
}
