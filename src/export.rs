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

/// What an RDF export wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Written {
    /// Quads (dataset formats) or distinct triples (triple formats) written.
    pub statements: usize,
    /// The graphs they came from (the default graph counts as one).
    pub graphs: usize,
    /// The format holds triples only: the graphs were merged into one.
    pub merged: bool,
}

impl Written {
    /// "12 quads", or "9 triples (merged from 3 graphs; trig or nq keep them apart)".
    pub fn describe(&self) -> String {
        if !self.merged {
            return format!("{} quad{}", self.statements, if self.statements == 1 { "" } else { "s" });
        }
        let t = format!("{} triple{}", self.statements, if self.statements == 1 { "" } else { "s" });
        if self.graphs > 1 {
            format!("{t} merged from {} graphs; trig or nq keep them apart", self.graphs)
        } else {
            t
        }
    }
}

/// Serialises the store (or a selection of it) as RDF. A format without named graphs (ttl, nt,
/// rdfxml, jsonld) gets the union of the graphs, each triple once; [`Written`] says how many
/// graphs were merged. RDF/XML refuses a literal that XML 1.0 cannot hold (a control
/// character from an older store) rather than write a file no XML parser reads.
pub fn write_rdf(store: &Store, sel: &Selection, format: Format, out: &mut dyn Write) -> Result<Written, ExportError> {
    let rf = format.rdf().ok_or(ExportError::NotRdf(format))?;
    let mut w = crate::format::rdf_serializer(rf).for_writer(out);
    let mut n = 0;
    let dataset = rf.supports_datasets();
    let xml = format == Format::RdfXml;
    let mut graphs: HashSet<GraphName> = HashSet::new();
    // Triples already written when graphs merge (128-bit keyed hashes, not the triples).
    let (h1, h2) = (std::hash::RandomState::new(), std::hash::RandomState::new());
    let mut seen: HashSet<(u64, u64)> = HashSet::new();
    let mut emit = |q: Quad| -> Result<(), ExportError> {
        if xml {
            xml_writable(&q)?;
        }
        if !graphs.contains(&q.graph_name) {
            graphs.insert(q.graph_name.clone());
        }
        if dataset {
            w.serialize_quad(&q)?;
        } else {
            let t = oxigraph::model::TripleRef::new(&q.subject, &q.predicate, &q.object);
            use std::hash::BuildHasher;
            if !seen.insert((h1.hash_one(t), h2.hash_one(t))) {
                return Ok(());
            }
            w.serialize_triple(t)?;
        }
        n += 1;
        Ok(())
    };
    if sel.is_everything() {
        for q in store.inner().iter() {
            emit(q?)?;
        }
    } else if sel.org.is_none() && sel.at.is_none() {
        for q in graph_quads(store, &sel.graphs)? {
            emit(q)?;
        }
    } else {
        for q in selection_quads(store, sel)? {
            emit(q)?;
        }
    }
    w.finish()?;
    Ok(Written { statements: n, graphs: graphs.len(), merged: !dataset })
}

/// RDF/XML is XML 1.0: a literal holding a character XML 1.0 forbids cannot be written.
fn xml_writable(q: &Quad) -> Result<(), ExportError> {
    if let Term::Literal(l) = &q.object {
        if let Some(c) = l.value().chars().find(|c| !crate::format::is_xml_char(*c)) {
            return Err(ExportError::NotXml { subject: q.subject.to_string(), character: format!("U+{:04X}", u32::from(c)) });
        }
    }
    Ok(())
}

/// Whole named graphs: every quad in them (ontology, entities, notes and fact graphs alike),
/// with each graph's description in the default graph, sorted.
pub fn graph_quads(store: &Store, graphs: &[NamedNode]) -> Result<Vec<Quad>, StoreError> {
    let mut out: Vec<Quad> = Vec::new();
    let mut keys = BTreeSet::new();
    for g in graphs {
        for q in store.inner().quads_for_pattern(None, None, None, Some(GraphNameRef::NamedNode(g.as_ref()))) {
            let q = q?;
            if keys.insert(q.to_string()) {
                out.push(q);
            }
        }
        for q in store.inner().quads_for_pattern(Some(g.as_ref().into()), None, None, Some(GraphNameRef::DefaultGraph)) {
            let q = q?;
            if keys.insert(q.to_string()) {
                out.push(q);
            }
        }
    }
    out.sort_by_cached_key(ToString::to_string);
    Ok(out)
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

/// The type of a GraphML attribute (`attr.type`): tools weight and sort by numbers only when
/// the key says they are numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AttrType {
    String,
    Int,
}

/// A GraphML `<key>`: its id is unique across node and edge keys (GraphML requires it),
/// the name is what tools show (`attr.name`).
#[derive(Debug, Clone, Copy)]
pub struct Key {
    pub id: &'static str,
    pub name: &'static str,
    pub ty: AttrType,
}

/// Writes a GraphML document: the keys in the order given (node keys, then edge keys), nodes
/// `n0…` and edges `e0…` in index order, a `<data>` for each value present. Every text goes
/// through [`crate::format::xml_text`], so the file is XML 1.0 whatever the names hold.
pub fn write_graphml_document(
    out: &mut dyn Write,
    directed: bool,
    node_keys: &[Key],
    edge_keys: &[Key],
    nodes: &mut dyn Iterator<Item = Vec<Option<String>>>,
    edges: &mut dyn Iterator<Item = (usize, usize, Vec<Option<String>>)>,
) -> std::io::Result<()> {
    use crate::format::xml_text;
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        out,
        r#"<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">"#
    )?;
    for (domain, keys) in [("node", node_keys), ("edge", edge_keys)] {
        for k in keys {
            let ty = match k.ty {
                AttrType::String => "string",
                AttrType::Int => "long",
            };
            writeln!(out, r#"  <key id="{}" for="{domain}" attr.name="{}" attr.type="{ty}"/>"#, xml_text(k.id), xml_text(k.name))?;
        }
    }
    writeln!(out, r#"  <graph id="G" edgedefault="{}">"#, if directed { "directed" } else { "undirected" })?;
    let data = |out: &mut dyn Write, keys: &[Key], values: &[Option<String>]| -> std::io::Result<()> {
        for (k, v) in keys.iter().zip(values) {
            if let Some(v) = v {
                writeln!(out, r#"      <data key="{}">{}</data>"#, k.id, xml_text(v))?;
            }
        }
        Ok(())
    };
    for (i, values) in nodes.enumerate() {
        writeln!(out, r#"    <node id="n{i}">"#)?;
        data(out, node_keys, &values)?;
        writeln!(out, "    </node>")?;
    }
    for (i, (a, b, values)) in edges.enumerate() {
        writeln!(out, r#"    <edge id="e{i}" source="n{a}" target="n{b}">"#)?;
        data(out, edge_keys, &values)?;
        writeln!(out, "    </edge>")?;
    }
    writeln!(out, "  </graph>")?;
    writeln!(out, "</graphml>")
}

const NODE_KEYS: &[Key] = &[
    Key { id: "node_label", name: "label", ty: AttrType::String },
    Key { id: "node_kind", name: "kind", ty: AttrType::String },
    Key { id: "node_iri", name: "iri", ty: AttrType::String },
];

const EDGE_KEYS: &[Key] = &[
    Key { id: "edge_label", name: "label", ty: AttrType::String },
    Key { id: "edge_kind", name: "kind", ty: AttrType::String },
    Key { id: "edge_source", name: "source", ty: AttrType::String },
    Key { id: "edge_start", name: "start", ty: AttrType::String },
    Key { id: "edge_end", name: "end", ty: AttrType::String },
    Key { id: "edge_status", name: "status", ty: AttrType::String },
    Key { id: "edge_role", name: "role", ty: AttrType::String },
];

/// Writes the projection as GraphML: node keys label, kind, iri; edge keys label, kind,
/// source, start, end, status, role (in that order, every run).
pub fn write_graphml(g: &DiGraph<GNode, GEdge>, out: &mut dyn Write) -> std::io::Result<()> {
    use petgraph::visit::EdgeRef;
    let mut nodes = g.node_weights().map(|n| vec![Some(n.label.clone()), Some(n.kind.clone()), Some(n.iri.clone())]);
    let mut edges = g.edge_references().map(|e| {
        let w = e.weight();
        (
            e.source().index(),
            e.target().index(),
            vec![
                Some(w.label.clone()),
                Some(w.kind.clone()),
                Some(w.source.clone()),
                w.start.clone(),
                w.end.clone(),
                w.status.clone(),
                w.role.clone(),
            ],
        )
    });
    write_graphml_document(out, true, NODE_KEYS, EDGE_KEYS, &mut nodes, &mut edges)
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
    #[error("cannot write RDF/XML: a literal of {subject} holds {character}, which XML 1.0 cannot hold; export as nq, trig or ttl")]
    NotXml { subject: String, character: String },
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxigraph::model::Literal;

    #[test]
    fn graphml_escapes_every_name_and_keeps_key_ids_unique_issue_14_6() {
        let mut g: DiGraph<GNode, GEdge> = DiGraph::new();
        let a =
            g.add_node(GNode { iri: "https://example.org/a?x=1&y=2".into(), label: "bell\u{7} <A> & \"B\"".into(), kind: "state".into() });
        let b = g.add_node(GNode { iri: "https://example.org/b".into(), label: "\u{1b}[31mB".into(), kind: "organization".into() });
        g.add_edge(
            a,
            b,
            GEdge {
                label: "member of".into(),
                kind: "membership".into(),
                start: Some("2002".into()),
                end: None,
                status: None,
                role: None,
                source: "s".into(),
            },
        );
        let mut out = Vec::new();
        write_graphml(&g, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(!text.chars().any(|c| !crate::format::is_xml_char(c)), "{text}");
        assert!(text.contains("bell\\u{7} &lt;A&gt; &amp; &quot;B&quot;") && text.contains("a?x=1&amp;y=2"), "{text}");
        let ids: Vec<&str> = text.lines().filter(|l| l.contains("<key ")).map(|l| l.split('"').nth(1).unwrap()).collect();
        let unique: BTreeSet<&&str> = ids.iter().collect();
        assert_eq!(unique.len(), ids.len());
        assert_eq!(ids[..3], ["node_label", "node_kind", "node_iri"]);
        assert!(!text.contains("<data key=\"edge_end\">"), "an absent value writes no <data>: {text}");
    }

    #[test]
    fn rdfxml_refuses_a_literal_xml_cannot_hold_issue_14_6() {
        let q = Quad::new(
            NamedNode::new_unchecked("https://example.org/s"),
            NamedNode::new_unchecked("https://example.org/p"),
            Literal::new_simple_literal("a\u{1}b"),
            GraphName::DefaultGraph,
        );
        let e = xml_writable(&q).unwrap_err().to_string();
        assert!(e.contains("U+0001") && e.contains("nq"), "{e}");
        let ok = Quad::new(q.subject.clone(), q.predicate.clone(), Literal::new_simple_literal("a\tb <&>"), GraphName::DefaultGraph);
        xml_writable(&ok).unwrap();
    }
}
