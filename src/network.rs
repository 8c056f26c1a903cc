//! The co-membership network of a year: states as nodes, an edge between two states weighted by
//! the number of organisations both belong to that year (any role; the as-of test of
//! `members --at`; each organisation once per pair however many sources state it). Built with
//! petgraph from the (state, organisation) pairs of one SPARQL query, so that the network and the
//! conveniences answer the same question the same way.

use crate::query;
use crate::store::{Store, StoreError};
use oxigraph::model::Term;
use oxigraph::sparql::QueryResults;
use petgraph::graph::{NodeIndex, UnGraph};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::Write;

/// A state of the network.
#[derive(Debug, Clone, PartialEq)]
pub struct StateNode {
    pub iri: String,
    pub label: String,
    /// Organisations it belongs to in the year.
    pub organisations: usize,
}

impl std::fmt::Display for StateNode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.label)
    }
}

/// The co-membership network.
#[derive(Debug, Clone)]
pub struct Network {
    pub year: i32,
    pub graph: UnGraph<StateNode, u32>,
}

/// A state and its weighted degree (the sum of the weights of its edges).
#[derive(Debug, Clone, PartialEq)]
pub struct Degree {
    pub label: String,
    pub iri: String,
    pub weighted: u64,
    pub neighbours: usize,
    pub organisations: usize,
}

impl Network {
    /// Builds the network of `year`; `domain` restricts to organisations of a COW domain
    /// (`political`, `social`, `economic`).
    pub fn build(store: &Store, year: i32, domain: Option<&str>) -> Result<Self, StoreError> {
        let d: Option<Term> = domain.map(|d| crate::ingest::cow::domain_iri(d).into());
        let p = query::network_pairs(year, d);
        let mut by_org: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        if let QueryResults::Solutions(sols) = store.query_prepared(&p)? {
            for s in sols {
                let s = s?;
                if let (Some(Term::NamedNode(m)), Some(Term::NamedNode(o))) = (s.get("member"), s.get("org")) {
                    by_org.entry(o.as_str().to_owned()).or_default().insert(m.as_str().to_owned());
                }
            }
        }
        let labels = crate::export::entity_labels(store)?;
        Ok(Self::from_memberships(year, &by_org, &|iri| labels.get(iri).map(|(l, _)| l.clone())))
    }

    /// The network of organisation → member states, with labels from `label`.
    pub fn from_memberships(year: i32, by_org: &BTreeMap<String, BTreeSet<String>>, label: &dyn Fn(&str) -> Option<String>) -> Self {
        let mut graph = UnGraph::new_undirected();
        let mut index: HashMap<&str, NodeIndex> = HashMap::new();
        let states: BTreeSet<&str> = by_org.values().flatten().map(String::as_str).collect();
        for s in states {
            let n = graph.add_node(StateNode {
                iri: s.to_owned(),
                label: label(s).unwrap_or_else(|| query::compact(s)),
                organisations: by_org.values().filter(|m| m.contains(s)).count(),
            });
            index.insert(s, n);
        }
        let mut weights: BTreeMap<(NodeIndex, NodeIndex), u32> = BTreeMap::new();
        for members in by_org.values() {
            let v: Vec<NodeIndex> = members.iter().map(|m| index[m.as_str()]).collect();
            for (i, a) in v.iter().enumerate() {
                for b in &v[i + 1..] {
                    *weights.entry((*a.min(b), *a.max(b))).or_default() += 1;
                }
            }
        }
        for ((a, b), w) in weights {
            graph.add_edge(a, b, w);
        }
        Self { year, graph }
    }

    /// States by weighted degree, highest first (ties by name).
    pub fn degrees(&self) -> Vec<Degree> {
        let mut v: Vec<Degree> = self
            .graph
            .node_indices()
            .map(|n| {
                let s = &self.graph[n];
                Degree {
                    label: s.label.clone(),
                    iri: s.iri.clone(),
                    weighted: self.graph.edges(n).map(|e| u64::from(*e.weight())).sum(),
                    neighbours: self.graph.neighbors(n).count(),
                    organisations: s.organisations,
                }
            })
            .collect();
        v.sort_by(|a, b| b.weighted.cmp(&a.weighted).then_with(|| a.label.cmp(&b.label)));
        v
    }

    /// The connected components (petgraph's Tarjan SCC on the undirected graph), largest first,
    /// each as sorted state labels.
    pub fn components(&self) -> Vec<Vec<String>> {
        let mut comps: Vec<Vec<String>> = petgraph::algo::tarjan_scc(&self.graph)
            .into_iter()
            .map(|c| {
                let mut names: Vec<String> = c.into_iter().map(|n| self.graph[n].label.clone()).collect();
                names.sort();
                names
            })
            .collect();
        comps.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
        debug_assert_eq!(comps.len(), petgraph::algo::connected_components(&self.graph));
        comps
    }

    /// A plain-text summary: size, the `top` most connected states and the components.
    pub fn summary(&self, top: usize) -> String {
        let mut s = format!(
            "co-membership network of {}: {} states, {} pairs sharing at least one organisation\n",
            self.year,
            self.graph.node_count(),
            self.graph.edge_count()
        );
        s.push_str("most connected (weighted degree = sum over partners of shared organisations):\n");
        for (i, d) in self.degrees().iter().take(top).enumerate() {
            s.push_str(&format!(
                "  {:>2}. {}: {} ({} partners, {} organisations)\n",
                i + 1,
                d.label,
                d.weighted,
                d.neighbours,
                d.organisations
            ));
        }
        let comps = self.components();
        s.push_str(&format!("{} connected component{}:\n", comps.len(), if comps.len() == 1 { "" } else { "s" }));
        for c in comps.iter().take(10) {
            let shown: Vec<&str> = c.iter().take(8).map(String::as_str).collect();
            let more = if c.len() > 8 { format!(", … ({} more)", c.len() - 8) } else { String::new() };
            s.push_str(&format!("  {} state{}: {}{more}\n", c.len(), if c.len() == 1 { "" } else { "s" }, shown.join(", ")));
        }
        s
    }

    /// GraphML: node keys `label`, `iri`, `organisations` (an integer); edge key `weight` (an
    /// integer, so that Gephi and networkx weight by it).
    pub fn write_graphml(&self, out: &mut dyn Write) -> std::io::Result<()> {
        use crate::export::{AttrType, Key};
        use petgraph::visit::EdgeRef;
        const NODE_KEYS: &[Key] = &[
            Key { id: "node_label", name: "label", ty: AttrType::String },
            Key { id: "node_iri", name: "iri", ty: AttrType::String },
            Key { id: "node_organisations", name: "organisations", ty: AttrType::Int },
        ];
        const EDGE_KEYS: &[Key] = &[Key { id: "edge_weight", name: "weight", ty: AttrType::Int }];
        let mut nodes =
            self.graph.node_weights().map(|n| vec![Some(n.label.clone()), Some(n.iri.clone()), Some(n.organisations.to_string())]);
        let mut edges = self.graph.edge_references().map(|e| (e.source().index(), e.target().index(), vec![Some(e.weight().to_string())]));
        crate::export::write_graphml_document(out, false, NODE_KEYS, EDGE_KEYS, &mut nodes, &mut edges)
    }

    /// DOT through petgraph's `Dot`: edges labelled and weighted by the shared organisations.
    pub fn write_dot(&self, out: &mut dyn Write) -> std::io::Result<()> {
        use petgraph::dot::{Config, Dot};
        let esc = |s: &str| s.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', "\\n");
        let edge_attr =
            |_: &UnGraph<StateNode, u32>, e: petgraph::graph::EdgeReference<'_, u32>| format!("label=\"{w}\" weight={w}", w = e.weight());
        let node_attr = |_: &UnGraph<StateNode, u32>, (_, n): (NodeIndex, &StateNode)| {
            format!("label=\"{}\" tooltip=\"{}\"", esc(&n.label), esc(&n.iri))
        };
        let dot = Dot::with_attr_getters(&self.graph, &[Config::NodeNoLabel, Config::EdgeNoLabel], &edge_attr, &node_attr);
        writeln!(out, "{dot}")
    }

    /// The states by weighted degree as CSV (`delimiter` b',') or TSV (b'\t'), names that
    /// would start a spreadsheet formula written as `cells` says.
    pub fn write_delimited(&self, out: &mut dyn Write, delimiter: u8, cells: crate::format::CsvCells) -> std::io::Result<()> {
        let mut w = csv::WriterBuilder::new().delimiter(delimiter).from_writer(out);
        w.write_record(["rank", "state", "weighted_degree", "partners", "organisations", "iri"])?;
        for (i, d) in self.degrees().into_iter().enumerate() {
            w.write_record([
                (i + 1).to_string(),
                cells.cell(&d.label).into_owned(),
                d.weighted.to_string(),
                d.neighbours.to_string(),
                d.organisations.to_string(),
                d.iri,
            ])?;
        }
        w.flush()
    }

    /// A table of the states by weighted degree.
    pub fn write_table(&self, out: &mut dyn Write) -> std::io::Result<()> {
        let header: Vec<String> =
            ["rank", "state", "weighted_degree", "partners", "organisations", "iri"].iter().map(|s| (*s).to_owned()).collect();
        let rows: Vec<Vec<String>> = self
            .degrees()
            .into_iter()
            .enumerate()
            .map(|(i, d)| {
                vec![(i + 1).to_string(), d.label, d.weighted.to_string(), d.neighbours.to_string(), d.organisations.to_string(), d.iri]
            })
            .collect();
        query::write_table(out, &header, &rows)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn net() -> Network {
        let mut m: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for (o, states) in [("o1", &["a", "b", "c"][..]), ("o2", &["a", "b"]), ("o3", &["d", "e"]), ("o4", &["f"])] {
            m.insert(o.into(), states.iter().map(|s| (*s).to_owned()).collect());
        }
        Network::from_memberships(2000, &m, &|s| Some(s.to_uppercase()))
    }

    #[test]
    fn edges_count_the_organisations_two_states_share() {
        let n = net();
        assert_eq!(n.graph.node_count(), 6);
        assert_eq!(n.graph.edge_count(), 4);
        let d = n.degrees();
        assert_eq!((d[0].label.as_str(), d[0].weighted), ("A", 3));
        assert_eq!((d[1].label.as_str(), d[1].weighted), ("B", 3));
        assert_eq!((d[2].label.as_str(), d[2].weighted), ("C", 2));
    }

    #[test]
    fn components_include_states_without_partners() {
        let c = net().components();
        assert_eq!(c, vec![vec!["A".to_owned(), "B".into(), "C".into()], vec!["D".into(), "E".into()], vec!["F".into()]]);
    }
}
