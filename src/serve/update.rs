//! SPARQL 1.1 Update through the same door checks as every other write: each literal that an
//! update would store — written in `INSERT DATA`, or produced by an `INSERT … WHERE` template
//! from the solutions of its pattern (a `BIND(STRDT("flargh", xsd:integer) AS ?x)`, a string
//! doubled past the size cap) — passes [`crate::ingest::literal::check`], or nothing is written.
//!
//! Oxigraph's own update evaluator writes as it goes and shows nobody what it writes, so the
//! operations are evaluated here, in order, on one transaction: a pattern is evaluated as a
//! query on the transaction (it sees the operations before it), its templates are instantiated
//! (a fresh blank node per solution, a triple with an unbound variable or a literal subject
//! skipped, as the standard says), the quads are checked, then removed and inserted. The
//! transaction commits only when every operation has succeeded. `LOAD` is refused: nothing that
//! reaches the store through SPARQL may read a file or URL.

use crate::sparql_guard::{Deadline, Limits};
use crate::store::{Store, StoreError};
use oxigraph::model::{
    BlankNode, GraphName, GraphNameRef, Literal, NamedNode, NamedOrBlankNode, NamedOrBlankNodeRef, Quad, Term, Variable,
};
use oxigraph::sparql::{QueryEvaluationError, QueryResults, QuerySolution, SparqlEvaluator};
use spargebra::term::{GraphNamePattern, GroundQuadPattern, GroundTermPattern, NamedNodePattern, QuadPattern, TermPattern};
use spargebra::{GraphUpdateOperation, Query};
use std::collections::HashMap;

/// Solutions of one `DELETE/INSERT … WHERE` pattern held at once (an intermediate-rows budget).
pub const MAX_SOLUTIONS: usize = 1_000_000;

/// Runs `sparql` (already parsed by `parse`) on `store` in one transaction under `deadline`.
pub fn run(store: &Store, sparql: &str, limits: &Limits, deadline: &Deadline) -> Result<UpdateSummary, StoreError> {
    crate::sparql_guard::check(sparql, limits).map_err(|e| StoreError::Refused(e.to_string()))?;
    let parsed = crate::store::prefixed_parser().parse_update(sparql).map_err(|e| StoreError::Syntax(e.to_string()))?;
    if parsed.operations.iter().any(|op| matches!(op, GraphUpdateOperation::Load { .. })) {
        return Err(StoreError::Refused(
            "LOAD is not allowed: igokg never reads files or URLs named in SPARQL; use `igokg load FILE`".into(),
        ));
    }
    let mut t = store.inner().start_transaction()?;
    let mut summary = UpdateSummary::default();
    for (i, op) in parsed.operations.iter().enumerate() {
        let n = i + 1;
        match op {
            GraphUpdateOperation::InsertData { data } => {
                let mut bnodes = HashMap::new();
                for q in data {
                    let quad = Quad::new(
                        data_subject(&q.subject, &mut bnodes),
                        q.predicate.clone(),
                        data_object(&q.object, &mut bnodes),
                        data_graph(&q.graph_name),
                    );
                    check_quad(&quad, n)?;
                    t.insert(quad.as_ref());
                    summary.inserted += 1;
                }
            }
            GraphUpdateOperation::DeleteData { data } => {
                for q in data {
                    let object: Term = match &q.object {
                        spargebra::term::GroundTerm::NamedNode(x) => x.clone().into(),
                        spargebra::term::GroundTerm::Literal(x) => x.clone().into(),
                        #[allow(unreachable_patterns)]
                        _ => return Err(StoreError::Refused(format!("operation {n}: triple terms are not supported"))),
                    };
                    let quad = Quad::new(q.subject.clone(), q.predicate.clone(), object, data_graph(&q.graph_name));
                    t.remove(quad.as_ref());
                    summary.deleted += 1;
                }
            }
            GraphUpdateOperation::DeleteInsert { delete, insert, using, pattern } => {
                // The pattern's answers, then the quads they give; the transaction is only read here.
                let (removals, additions) = {
                    let query = Query::Select { dataset: using.clone(), pattern: (**pattern).clone(), base_iri: None };
                    let results = SparqlEvaluator::new()
                        .with_cancellation_token(deadline.token.clone())
                        .for_query(query)
                        .on_transaction(&t)
                        .execute()
                        .map_err(StoreError::Query)?;
                    let QueryResults::Solutions(solutions) = results else {
                        return Err(StoreError::Other("an update pattern gave no solutions".into()));
                    };
                    let mut rows: Vec<QuerySolution> = Vec::new();
                    for s in solutions {
                        if deadline.token.is_cancelled() {
                            return Err(StoreError::Query(QueryEvaluationError::Cancelled));
                        }
                        if rows.len() == MAX_SOLUTIONS {
                            return Err(StoreError::Refused(format!(
                                "operation {n}: its WHERE pattern matches more than {MAX_SOLUTIONS} solutions; split the update"
                            )));
                        }
                        rows.push(s.map_err(StoreError::Query)?);
                    }
                    let mut removals = Vec::new();
                    let mut additions: Vec<Quad> = Vec::new();
                    for row in &rows {
                        removals.extend(delete.iter().filter_map(|p| ground_instance(p, row)));
                        let mut bnodes = HashMap::new();
                        for p in insert {
                            if let Some(quad) = instance(p, row, &mut bnodes) {
                                check_quad(&quad, n)?;
                                additions.push(quad);
                            }
                        }
                    }
                    (removals, additions)
                };
                for q in &removals {
                    t.remove(q.as_ref());
                }
                for q in &additions {
                    t.insert(q.as_ref());
                }
                summary.deleted += removals.len();
                summary.inserted += additions.len();
            }
            GraphUpdateOperation::Load { .. } => unreachable!("refused above"),
            GraphUpdateOperation::Clear { silent, graph } => {
                for g in targets(&t, graph, *silent, n)? {
                    t.clear_graph(g.as_ref())?;
                }
            }
            GraphUpdateOperation::Create { silent, graph } => {
                if t.contains_named_graph(graph)? {
                    if !silent {
                        return Err(StoreError::Refused(format!("operation {n}: CREATE GRAPH {graph}: the graph already exists")));
                    }
                } else {
                    t.insert_named_graph(NamedOrBlankNodeRef::NamedNode(graph.as_ref()));
                }
            }
            GraphUpdateOperation::Drop { silent, graph } => {
                for g in targets(&t, graph, *silent, n)? {
                    match g {
                        GraphName::NamedNode(x) => t.remove_named_graph(NamedOrBlankNodeRef::NamedNode(x.as_ref()))?,
                        GraphName::BlankNode(x) => t.remove_named_graph(NamedOrBlankNodeRef::BlankNode(x.as_ref()))?,
                        GraphName::DefaultGraph => t.clear_graph(GraphNameRef::DefaultGraph)?,
                    }
                }
            }
        }
    }
    if deadline.token.is_cancelled() {
        return Err(StoreError::Query(QueryEvaluationError::Cancelled));
    }
    t.commit()?;
    Ok(summary)
}

/// Quads removed and added (counted per template instance; a quad absent or present already
/// still counts).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct UpdateSummary {
    pub inserted: usize,
    pub deleted: usize,
}

fn check_quad(q: &Quad, op: usize) -> Result<(), StoreError> {
    if let Term::Literal(l) = &q.object {
        crate::ingest::literal::check(l).map_err(|e| StoreError::Refused(format!("operation {op} would store {}: {e}", shown(l))))?;
    }
    Ok(())
}

/// A literal as a message shows it: whole when short, else its start and its size.
fn shown(l: &Literal) -> String {
    let v = l.value();
    if v.len() <= 80 {
        return format!("the literal {l}");
    }
    let head: String = v.chars().take(40).collect();
    format!("the literal \"{head}…\" ({} bytes, datatype <{}>)", v.len(), l.datatype().as_str())
}

/// The graphs an operation on `target` touches; a named graph that does not exist is an error
/// unless SILENT.
fn targets(
    t: &oxigraph::store::Transaction<'_>,
    target: &spargebra::algebra::GraphTarget,
    silent: bool,
    op: usize,
) -> Result<Vec<GraphName>, StoreError> {
    use spargebra::algebra::GraphTarget as T;
    let named = || -> Result<Vec<GraphName>, StoreError> {
        let mut v = Vec::new();
        for g in t.named_graphs() {
            v.push(match g? {
                NamedOrBlankNode::NamedNode(n) => GraphName::NamedNode(n),
                NamedOrBlankNode::BlankNode(b) => GraphName::BlankNode(b),
            });
        }
        Ok(v)
    };
    Ok(match target {
        T::NamedNode(g) => {
            if t.contains_named_graph(g)? {
                vec![GraphName::NamedNode(g.clone())]
            } else if silent {
                vec![]
            } else {
                return Err(StoreError::Refused(format!("operation {op}: there is no graph {g} (add SILENT to ignore)")));
            }
        }
        T::DefaultGraph => vec![GraphName::DefaultGraph],
        T::NamedGraphs => named()?,
        T::AllGraphs => {
            let mut v = named()?;
            v.push(GraphName::DefaultGraph);
            v
        }
    })
}

/// Blank nodes of `INSERT DATA` are fresh in the store (one per label and operation).
fn data_subject(s: &NamedOrBlankNode, bnodes: &mut HashMap<BlankNode, BlankNode>) -> NamedOrBlankNode {
    match s {
        NamedOrBlankNode::BlankNode(b) => bnodes.entry(b.clone()).or_default().clone().into(),
        other => other.clone(),
    }
}

fn data_graph(g: &spargebra::term::GraphName) -> GraphName {
    match g {
        spargebra::term::GraphName::NamedNode(n) => GraphName::NamedNode(n.clone()),
        spargebra::term::GraphName::DefaultGraph => GraphName::DefaultGraph,
    }
}

fn data_object(o: &Term, bnodes: &mut HashMap<BlankNode, BlankNode>) -> Term {
    match o {
        Term::BlankNode(b) => bnodes.entry(b.clone()).or_default().clone().into(),
        other => other.clone(),
    }
}

fn bound<'a>(row: &'a QuerySolution, v: &Variable) -> Option<&'a Term> {
    row.get(v)
}

fn named_node(p: &NamedNodePattern, row: &QuerySolution) -> Option<NamedNode> {
    match p {
        NamedNodePattern::NamedNode(n) => Some(n.clone()),
        NamedNodePattern::Variable(v) => match bound(row, v)? {
            Term::NamedNode(n) => Some(n.clone()),
            _ => None,
        },
    }
}

fn graph_name(p: &GraphNamePattern, row: &QuerySolution) -> Option<GraphName> {
    match p {
        GraphNamePattern::NamedNode(n) => Some(GraphName::NamedNode(n.clone())),
        GraphNamePattern::DefaultGraph => Some(GraphName::DefaultGraph),
        GraphNamePattern::Variable(v) => match bound(row, v)? {
            Term::NamedNode(n) => Some(GraphName::NamedNode(n.clone())),
            Term::BlankNode(b) => Some(GraphName::BlankNode(b.clone())),
            _ => None,
        },
    }
}

fn term(p: &TermPattern, row: &QuerySolution, bnodes: &mut HashMap<BlankNode, BlankNode>) -> Option<Term> {
    match p {
        TermPattern::NamedNode(n) => Some(n.clone().into()),
        TermPattern::BlankNode(b) => Some(bnodes.entry(b.clone()).or_default().clone().into()),
        TermPattern::Literal(l) => Some(l.clone().into()),
        TermPattern::Variable(v) => bound(row, v).cloned(),
        #[allow(unreachable_patterns)]
        _ => None,
    }
}

fn ground_term(p: &GroundTermPattern, row: &QuerySolution) -> Option<Term> {
    match p {
        GroundTermPattern::NamedNode(n) => Some(n.clone().into()),
        GroundTermPattern::Literal(l) => Some(l.clone().into()),
        GroundTermPattern::Variable(v) => bound(row, v).cloned(),
        #[allow(unreachable_patterns)]
        _ => None,
    }
}

fn subject(t: Term) -> Option<NamedOrBlankNode> {
    match t {
        Term::NamedNode(n) => Some(n.into()),
        Term::BlankNode(b) => Some(b.into()),
        _ => None,
    }
}

/// An insert template with the solution's values; None when a variable is unbound or a value
/// cannot stand where it is (a literal as subject).
fn instance(p: &QuadPattern, row: &QuerySolution, bnodes: &mut HashMap<BlankNode, BlankNode>) -> Option<Quad> {
    let s = subject(term(&p.subject, row, bnodes)?)?;
    let pr = named_node(&p.predicate, row)?;
    let o = term(&p.object, row, bnodes)?;
    Some(Quad::new(s, pr, o, graph_name(&p.graph_name, row)?))
}

fn ground_instance(p: &GroundQuadPattern, row: &QuerySolution) -> Option<Quad> {
    let s = subject(ground_term(&p.subject, row)?)?;
    let pr = named_node(&p.predicate, row)?;
    let o = ground_term(&p.object, row)?;
    Some(Quad::new(s, pr, o, graph_name(&p.graph_name, row)?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn store() -> Store {
        Store::in_memory().unwrap()
    }

    fn up(s: &Store, u: &str) -> Result<UpdateSummary, StoreError> {
        run(s, u, &Limits::default(), &Deadline::new(Duration::from_secs(10)))
    }

    fn count(s: &Store) -> usize {
        s.len().unwrap()
    }

    #[test]
    fn insert_data_refuses_an_ill_typed_literal_and_writes_nothing() {
        let s = store();
        let e = up(&s, "INSERT DATA { <http://x/a> <http://x/p> \"ok\" . <http://x/a> <http://x/q> \"flargh\"^^<http://www.w3.org/2001/XMLSchema#integer> }")
            .unwrap_err();
        let m = e.to_string();
        assert!(m.contains("\"flargh\"") && m.contains("not a valid xsd:integer"), "{m}");
        assert_eq!(count(&s), 0, "the good triple of the same update was written");
    }

    #[test]
    fn insert_where_refuses_what_its_template_would_store() {
        let s = store();
        up(&s, "INSERT DATA { <http://x/a> <http://x/p> \"1\" }").unwrap();
        let e = up(&s, "INSERT { ?s <http://x/n> ?v } WHERE { ?s <http://x/p> ?o BIND(STRDT(\"flargh\", <http://www.w3.org/2001/XMLSchema#integer>) AS ?v) }")
            .unwrap_err();
        assert!(e.to_string().contains("not a valid xsd:integer"), "{e}");
        // A string doubled past the 1 MiB cap.
        let e = up(&s, "INSERT { ?s <http://x/n> ?v } WHERE { ?s <http://x/p> ?o BIND(CONCAT(?o, \"x\") AS ?a) BIND(CONCAT(?a,?a,?a,?a,?a,?a,?a,?a) AS ?b) BIND(CONCAT(?b,?b,?b,?b,?b,?b,?b,?b) AS ?c) BIND(CONCAT(?c,?c,?c,?c,?c,?c,?c,?c) AS ?d) BIND(CONCAT(?d,?d,?d,?d,?d,?d,?d,?d) AS ?e) BIND(CONCAT(?e,?e,?e,?e,?e,?e,?e,?e) AS ?f) BIND(CONCAT(?f,?f,?f,?f,?f,?f,?f,?f) AS ?g) BIND(CONCAT(?g,?g,?g,?g,?g,?g,?g,?g) AS ?v) }")
            .unwrap_err();
        assert!(e.to_string().contains("exceeds the limit") && e.to_string().contains("4194304 bytes"), "{e}");
        assert_eq!(count(&s), 1);
    }

    #[test]
    fn operations_see_the_ones_before_them_and_commit_together() {
        let s = store();
        let r = up(
            &s,
            "INSERT DATA { GRAPH <http://x/g> { <http://x/a> <http://x/p> 1 } } ; \
             INSERT { GRAPH <http://x/g> { ?s <http://x/q> ?n } } WHERE { GRAPH <http://x/g> { ?s <http://x/p> ?o } BIND(?o + 1 AS ?n) } ; \
             DELETE { GRAPH <http://x/g> { ?s <http://x/p> ?o } } WHERE { GRAPH <http://x/g> { ?s <http://x/p> ?o } }",
        )
        .unwrap();
        assert_eq!(r, UpdateSummary { inserted: 2, deleted: 1 });
        let QueryResults::Solutions(sols) = s.query("SELECT ?n WHERE { GRAPH <http://x/g> { <http://x/a> <http://x/q> ?n } }").unwrap()
        else {
            panic!()
        };
        let v: Vec<String> = sols.map(|x| x.unwrap().get("n").unwrap().to_string()).collect();
        assert_eq!(v, ["\"2\"^^<http://www.w3.org/2001/XMLSchema#integer>"]);
        assert_eq!(count(&s), 1);
        // A failing later operation undoes the earlier ones.
        assert!(up(&s, "CLEAR ALL ; CREATE GRAPH <http://x/g> ; CREATE GRAPH <http://x/g>").is_err());
        assert_eq!(count(&s), 1);
        assert!(up(&s, "DROP GRAPH <http://x/none>").is_err());
        up(&s, "DROP SILENT GRAPH <http://x/none> ; DROP ALL").unwrap();
        assert_eq!(count(&s), 0);
    }

    #[test]
    fn load_is_refused() {
        let e = up(&store(), "LOAD <file:///etc/passwd>").unwrap_err();
        assert!(e.to_string().contains("LOAD is not allowed"), "{e}");
    }

    #[test]
    fn template_blank_nodes_are_fresh_per_solution() {
        let s = store();
        up(&s, "INSERT DATA { <http://x/a> <http://x/p> 1 . <http://x/b> <http://x/p> 2 }").unwrap();
        up(&s, "INSERT { ?s <http://x/has> _:n . _:n <http://x/v> ?o } WHERE { ?s <http://x/p> ?o }").unwrap();
        let QueryResults::Solutions(sols) =
            s.query("SELECT (COUNT(DISTINCT ?n) AS ?c) WHERE { ?s <http://x/has> ?n . ?n <http://x/v> ?o }").unwrap()
        else {
            panic!()
        };
        assert_eq!(
            sols.map(|x| x.unwrap().get("c").unwrap().to_string()).next().unwrap(),
            "\"2\"^^<http://www.w3.org/2001/XMLSchema#integer>"
        );
    }
}
