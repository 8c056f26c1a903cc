//! Store statistics.

use crate::export::fact_nodes;
use crate::store::{Store, StoreError};
use std::collections::BTreeMap;

/// (what, count) rows: quads, named graphs, sources (graphs described with a source name),
/// facts by kind, entities by type.
pub fn stats(store: &Store) -> Result<Vec<(String, usize)>, StoreError> {
    let mut rows = vec![("quads".to_owned(), store.len()?), ("named graphs".to_owned(), store.named_graphs()?.len())];
    // Sources: the graphs described in the default graph with a source name.
    let sources = store
        .inner()
        .quads_for_pattern(None, Some(crate::vocab::igo::SOURCE_NAME), None, Some(oxigraph::model::GraphNameRef::DefaultGraph))
        .map(|q| q.map(|q| q.subject))
        .collect::<Result<std::collections::HashSet<_>, _>>()?;
    rows.push(("sources".to_owned(), sources.len()));
    let facts = fact_nodes(store, &[])?;
    let mut by_kind: BTreeMap<&str, usize> = BTreeMap::new();
    let mut distinct = std::collections::HashSet::new();
    for f in &facts {
        *by_kind.entry(f.kind.as_str()).or_default() += 1;
        distinct.insert(f.iri.clone());
    }
    rows.push(("facts (node × source)".to_owned(), facts.len()));
    rows.push(("distinct facts".to_owned(), distinct.len()));
    for (k, n) in by_kind {
        rows.push((format!("  {k}"), n));
    }
    for e in store.stored_entities()?.iter().fold(BTreeMap::<String, usize>::new(), |mut m, e| {
        *m.entry(format!("entities: {}", e.kind)).or_default() += 1;
        m
    }) {
        rows.push(e);
    }
    Ok(rows)
}
