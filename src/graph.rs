//! The front door of the library: [`Graph`] opens a store to read or to write, resolves names,
//! inserts facts from a source atomically (with the source's provenance graph), loads RDF
//! files, imports datasets and answers the conveniences. The command line, the server and the
//! tests call it; none of them builds quads or opens RocksDB themselves.
//!
//! A graph opened to read ([`Graph::open_read`]) opens RocksDB read-only and never writes to
//! the folder. Name resolution reads only the entities whose normalised names match (the
//! `igo:nameKey` index written beside every entity), so its cost does not grow with the number
//! of entities in the store.

use crate::gazetteer::{Gazetteer, ResolveError};
use crate::ingest::cow::{self, CowImport};
use crate::ingest::rdf_file::{self, RdfInput};
use crate::ingest::InputError;
use crate::model::{is_wikidata_id, Entity, EntityRef, EntityType, Fact, FactKind, Name, PartialDate, Resolve};
use crate::normalize::normalize;
use crate::query::AsOf;
use crate::rdf::{self, SourceMeta};
use crate::sparql_guard::{Deadline, Limits};
use crate::store::{Store, StoreError, WriteSummary};
use crate::vocab::{self, igo, rdf as rdfv, rdfs, schema, skos};
use oxigraph::model::{GraphName, GraphNameRef, Literal, NamedNode, NamedNodeRef, NamedOrBlankNode, Quad, Term, TermRef};
use oxigraph::sparql::QueryResults;
use std::collections::BTreeSet;
use std::path::Path;

/// Facts to insert, with the sources they come from and the entities they introduce (minted by
/// the extractor, or from a table the store does not hold yet).
#[derive(Debug, Default, Clone)]
pub struct Batch {
    pub facts: Vec<Fact>,
    pub sources: Vec<SourceMeta>,
    pub entities: Vec<Entity>,
}

/// What [`Graph::load`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadSummary {
    pub files: usize,
    pub quads_added: usize,
    pub bulk: bool,
    /// Ill-typed literals kept from lenient inputs (none from the others: they are refused).
    pub ill_typed: rdf_file::IllTyped,
}

/// What [`Graph::import_cow`] did.
#[derive(Debug, Clone)]
pub struct ImportSummary {
    pub graph: NamedNode,
    pub quads: u64,
    pub quads_added: usize,
}

/// An igokg knowledge graph in a store.
pub struct Graph {
    store: Store,
    writable: bool,
    /// The ontology and reference quads a new store opened by [`Graph::open_write_to_load`]
    /// has yet to get: the first load writes them in its own bulk load, in one commit.
    pending_init: std::sync::Mutex<Option<Vec<Quad>>>,
}

/// Inputs above this many bytes in total go through the bulk loader even into existing graphs.
pub const BULK_THRESHOLD: u64 = 64 << 20;

impl Graph {
    /// Opens an existing store to read (RocksDB read-only: nothing in the folder changes).
    pub fn open_read(path: &Path) -> Result<Self, StoreError> {
        Ok(Self::from_store(Store::open_to_read(path)?, false))
    }

    /// Opens a store to write, creating it in a new or empty folder and writing the ontology
    /// and reference entities the first time.
    pub fn open_write(path: &Path) -> Result<Self, StoreError> {
        let g = Self::from_store(Store::open(path)?, true);
        g.ensure_ready()?;
        Ok(g)
    }

    /// [`Graph::open_write`] for [`Graph::load_named`]: a new (empty) store gets its ontology and
    /// reference quads in the same bulk load as the files, in one commit (a separate bulk load
    /// of the 50,923 reference quads was 0.3 s of a 2 s load). Until then the store is empty:
    /// a refused load leaves it so (the quads are not kept for another load of this graph),
    /// and the next [`Graph::open_write`] initialises it.
    pub fn open_write_to_load(path: &Path) -> Result<Self, StoreError> {
        let g = Self::from_store(Store::open(path)?, true);
        if g.store.is_empty()? {
            *g.pending_init.lock().unwrap_or_else(std::sync::PoisonError::into_inner) = Some(Store::init_quads(&Gazetteer::builtin())?);
        } else {
            g.ensure_ready()?;
        }
        Ok(g)
    }

    /// Creates (or refreshes) a store: the ontology, code lists, shapes and reference entities.
    /// Returns the graph and the number of quads added.
    pub fn init(path: &Path) -> Result<(Self, usize), StoreError> {
        let store = Store::open(path)?;
        // Asked before init writes the reference facts, which carry the bounds.
        let old = AsOf::of_store(store.inner()) == AsOf::Computed;
        let added = store.init(&Gazetteer::builtin())?;
        let g = Self::from_store(store, true);
        if old {
            g.add_as_of_bounds(None)?;
        }
        Ok((g, added))
    }

    /// A graph in memory, initialised (tests, dry runs).
    pub fn in_memory() -> Result<Self, StoreError> {
        let store = Store::in_memory()?;
        store.init(&Gazetteer::builtin())?;
        Ok(Self::from_store(store, true))
    }

    /// Wraps an open store (the server opens its store itself).
    pub fn from_store(store: Store, writable: bool) -> Self {
        Self { store, writable, pending_init: Default::default() }
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    /// The store, for the server, which keeps it for its lifetime.
    pub fn into_store(self) -> Store {
        self.store
    }

    pub fn is_writable(&self) -> bool {
        self.writable
    }

    fn ensure_ready(&self) -> Result<(), StoreError> {
        if !self.store.is_initialized()? {
            self.store.init(&Gazetteer::builtin())?;
        } else if !self.has_name_index()? {
            self.build_name_index()?;
        }
        self.upgrade_as_of_bounds()?;
        Ok(())
    }

    /// A store written before igokg wrote the as-of bounds gets them once, on its first write
    /// (or `igokg init`); until then reads compute the same test per row ([`AsOf::Computed`]).
    fn upgrade_as_of_bounds(&self) -> Result<(), StoreError> {
        if AsOf::of_store(self.store.inner()) == AsOf::Computed {
            self.add_as_of_bounds(None)?;
        }
        Ok(())
    }

    /// Adds the as-of bounds (`igo:holdsFrom`, `igo:holdsUntil`, see [`rdf::as_of_bounds`]) to
    /// the facts that lack them, in `graphs` (every graph when `None`), from their stored
    /// partial-date bounds and their source's publication date, in one transaction. Returns the
    /// number of facts that got them.
    pub fn add_as_of_bounds(&self, graphs: Option<&[NamedNode]>) -> Result<usize, StoreError> {
        self.writable()?;
        let inner = self.store.inner();
        // The facts without their bounds, found by the engine on its encoded terms: reading
        // every fact's kind and bound as terms decoded each of their strings, 0.3 s of a load
        // of 400,000 triples that all had their bounds already.
        let sparql = "SELECT ?f ?k ?g WHERE { GRAPH ?g { ?f igo:kind ?k FILTER NOT EXISTS { ?f igo:holdsUntil ?u } } }";
        let mut kinds: Vec<Quad> = Vec::new();
        let mut unbounded = |g: Option<&NamedNode>| -> Result<(), StoreError> {
            let bindings = g.map(|g| vec![("g", Term::from(g.clone()))]).unwrap_or_default();
            let QueryResults::Solutions(rows) = self.store.query(&crate::query::Prepared::new(sparql.into(), bindings).text())? else {
                return Ok(());
            };
            for row in rows {
                let row = row.map_err(|e| StoreError::Other(e.to_string()))?;
                let graph = g.cloned().or_else(|| match row.get("g") {
                    Some(Term::NamedNode(n)) => Some(n.clone()),
                    _ => None,
                });
                if let (Some(Term::NamedNode(f)), Some(k), Some(graph)) = (row.get("f"), row.get("k"), graph) {
                    kinds.push(Quad::new(f.clone(), igo::KIND, k.clone(), graph));
                }
            }
            Ok(())
        };
        match graphs {
            None => unbounded(None)?,
            Some(gs) => {
                for g in gs {
                    unbounded(Some(g))?;
                }
            }
        }
        if kinds.is_empty() {
            return Ok(0);
        }
        let mut quads = Vec::new();
        let mut facts = 0;
        let mut published: std::collections::HashMap<NamedNode, Option<PartialDate>> = std::collections::HashMap::new();
        for q in kinds {
            let (NamedOrBlankNode::NamedNode(node), GraphName::NamedNode(g), Term::Literal(k)) = (&q.subject, &q.graph_name, &q.object)
            else {
                continue;
            };
            let Ok(kind) = k.value().parse::<FactKind>() else { continue };
            if !rdf::has_as_of_bounds(kind) {
                continue;
            }
            let gref = GraphNameRef::NamedNode(g.as_ref());
            let first = |p: NamedNodeRef<'_>| -> Result<Option<Term>, StoreError> {
                Ok(inner.quads_for_pattern(Some(node.as_ref().into()), Some(p), None, Some(gref)).next().transpose()?.map(|q| q.object))
            };
            let day = |t: Option<Term>| match t {
                Some(Term::Literal(l)) => rdf::literal_day(&l),
                _ => None,
            };
            let (sl, ee) = (day(first(igo::START_LATEST)?), day(first(igo::END_EARLIEST)?));
            let pubd = match published.get(g) {
                Some(p) => *p,
                None => {
                    let mut latest: Option<PartialDate> = None;
                    let s: NamedOrBlankNode = g.clone().into();
                    for pq in
                        inner.quads_for_pattern(Some(s.as_ref()), Some(schema::DATE_PUBLISHED), None, Some(GraphNameRef::DefaultGraph))
                    {
                        if let Term::Literal(l) = pq?.object {
                            if let Some(d) = rdf::literal_date(&l) {
                                latest = Some(latest.map_or(d, |x: PartialDate| if d.latest() > x.latest() { d } else { x }));
                            }
                        }
                    }
                    published.insert(g.clone(), latest);
                    latest
                }
            };
            rdf::as_of_quads(node, g, rdf::as_of_bounds(kind, sl, ee, pubd), &mut quads);
            facts += 1;
        }
        if !quads.is_empty() {
            self.store.insert_quads(&quads)?;
        }
        Ok(facts)
    }

    fn writable(&self) -> Result<(), StoreError> {
        if self.writable {
            Ok(())
        } else {
            Err(StoreError::Other("the store was opened to read; this write needs Graph::open_write".into()))
        }
    }

    /// Stores initialised by igokg 0.1 before the name index existed: does the index exist?
    fn has_name_index(&self) -> Result<bool, StoreError> {
        Ok(self.store.inner().quads_for_pattern(None, Some(igo::NAME_KEY), None, None).next().transpose()?.is_some())
    }

    /// Writes the name keys of every stored entity (once, for stores made before the index).
    fn build_name_index(&self) -> Result<(), StoreError> {
        let mut quads = Vec::new();
        for e in self.store.stored_entities()? {
            rdf::entity_quads(&e, &mut quads);
        }
        quads.retain(|q| q.predicate == igo::NAME_KEY);
        self.store.insert_quads(&quads)?;
        Ok(())
    }

    // ---- names ----

    /// Resolves a name (any label or alias in any language), a Wikidata id (`Q399`), a code
    /// (ISO alpha-2/3, an abbreviation) or an IRI to one entity of one of `types` (any if
    /// empty). Reads only the candidate entities; suggestions on failure read them all.
    pub fn resolve(&self, value: &str, types: &[EntityType]) -> Result<Entity, ResolveError> {
        let v = value.trim();
        let mut iris: BTreeSet<String> = BTreeSet::new();
        let lit = |s: &str| Term::from(Literal::from(s));
        let index = self.has_name_index().unwrap_or(false);
        if !index {
            // A store from before the index: the slow path, reading every entity.
            let g = self.gazetteer().map_err(|e| ResolveError::Unknown { name: v.to_owned(), what: e.to_string(), closest: vec![] })?;
            return g.resolve(v, types).cloned();
        }
        let iri = if let Some(local) = v.strip_prefix("igoid:") {
            Some(format!("{}{local}", vocab::ID))
        } else if let Some(local) = v.strip_prefix("wd:") {
            Some(format!("{}{local}", vocab::WD))
        } else if v.starts_with("http://") || v.starts_with("https://") || v.starts_with('<') {
            Some(v.trim_start_matches('<').trim_end_matches('>').to_owned())
        } else {
            None
        };
        if let Some(iri) = &iri {
            if let Some(q) = iri.strip_prefix(vocab::WD) {
                self.subjects(igo::WIKIDATA_ID, &lit(q), &mut iris);
            }
            iris.insert(iri.clone());
        } else if is_wikidata_id(v) {
            self.subjects(igo::WIKIDATA_ID, &lit(v), &mut iris);
        } else {
            self.subjects(skos::NOTATION, &lit(v), &mut iris);
            let key = normalize(v);
            if !key.is_empty() {
                self.subjects(igo::NAME_KEY, &lit(&key), &mut iris);
            }
        }
        let mut g = Gazetteer::default();
        for iri in &iris {
            if let Ok(Some(e)) = self.entity(iri) {
                g.add(e);
            }
        }
        match g.resolve(v, types) {
            Ok(e) => Ok(e.clone()),
            Err(ResolveError::Unknown { name, what, .. }) => {
                let closest = self.gazetteer().map(|full| full.closest(v, types)).unwrap_or_default();
                Err(ResolveError::Unknown { name, what, closest })
            }
            Err(e) => Err(e),
        }
    }

    fn subjects(&self, p: NamedNodeRef<'_>, o: &Term, out: &mut BTreeSet<String>) {
        let g = rdf::entities_graph();
        for q in self.store.inner().quads_for_pattern(None, Some(p), Some(o.as_ref()), Some(GraphNameRef::NamedNode(g.as_ref()))).flatten()
        {
            if let NamedOrBlankNode::NamedNode(s) = q.subject {
                out.insert(s.into_string());
            }
        }
    }

    /// The entity with this IRI as the entities graph describes it.
    pub fn entity(&self, iri: &str) -> Result<Option<Entity>, StoreError> {
        let Ok(s) = NamedNode::new(iri) else { return Ok(None) };
        let g = rdf::entities_graph();
        let gref = GraphNameRef::NamedNode(g.as_ref());
        let mut kind = None;
        let mut e = Entity::new(iri, EntityType::State);
        for q in self.store.inner().quads_for_pattern(Some(s.as_ref().into()), None, None, Some(gref)) {
            let q = q?;
            match q.object.as_ref() {
                TermRef::NamedNode(o) if q.predicate == rdfv::TYPE => {
                    kind = kind.or(if o == igo::STATE {
                        Some(EntityType::State)
                    } else if o == igo::HISTORICAL_STATE {
                        e.historical = true;
                        Some(EntityType::State)
                    } else if o == igo::CITY {
                        Some(EntityType::City)
                    } else if o == igo::INTERNATIONAL_ORGANIZATION {
                        Some(EntityType::Organization)
                    } else if o == schema::PERSON {
                        Some(EntityType::Person)
                    } else {
                        None
                    });
                }
                TermRef::NamedNode(o) if q.predicate == schema::CONTAINED_IN_PLACE => e.country = Some(o.as_str().to_owned()),
                TermRef::NamedNode(_) if q.predicate == igo::CAPITAL_OF => e.capital = true,
                TermRef::Literal(l) => {
                    let name = Name { lang: l.language().unwrap_or("und").to_owned(), text: l.value().to_owned() };
                    let p = q.predicate.as_ref();
                    if p == rdfs::LABEL {
                        e.labels.push(name);
                    } else if p == skos::ALT_LABEL {
                        e.aliases.push(name);
                    } else if p == skos::NOTATION {
                        e.notations.push(name.text);
                    } else if p == igo::WIKIDATA_ID {
                        e.wikidata = Some(name.text);
                    } else if p == igo::MINTED_BY {
                        e.minted_by = Some(name.text);
                    } else if p == igo::ROMANISED_LABEL {
                        e.romanised = true;
                    }
                }
                _ => {}
            }
        }
        Ok(kind.map(|k| {
            e.kind = k;
            e
        }))
    }

    /// The whole gazetteer: the bundled tables plus every entity of the store. For the commands
    /// that match names in running text (extraction) or map a whole dataset (imports); a
    /// lookup of one name uses [`Graph::resolve`].
    pub fn gazetteer(&self) -> Result<Gazetteer, StoreError> {
        self.store.gazetteer()
    }

    /// The gazetteer that extraction into this store uses: the reference tables and the
    /// entities a user or an import described, but not those that extraction itself wrote (minted
    /// from a text, or from the extractor's own GeoNames and COW tables). So what a document gives
    /// does not depend on which documents were inserted before it: a corpus run that was killed
    /// and run again writes what one whole run writes (tests/crash.rs).
    pub fn extraction_gazetteer(&self) -> Result<Gazetteer, StoreError> {
        let mut g = Gazetteer::builtin();
        for e in self.store.stored_entities()? {
            if e.minted_by.is_none() && !crate::extract::is_table_entity(&e.iri) && g.by_iri(&e.iri).is_none() {
                g.add(e);
            }
        }
        Ok(g)
    }

    /// The number of entities described in the entities graph.
    pub fn entity_count(&self) -> Result<usize, StoreError> {
        let g = rdf::entities_graph();
        let mut n = 0;
        for q in self.store.inner().quads_for_pattern(None, Some(rdfv::TYPE), None, Some(GraphNameRef::NamedNode(g.as_ref()))) {
            q?;
            n += 1;
        }
        Ok(n)
    }

    /// Does the store hold the document `source` as read now: its graph described with this
    /// content hash (SHA-256, hex) and written by this extractor version?
    pub fn holds_document(&self, source: &str, sha256: &str, extractor_version: &str) -> Result<bool, StoreError> {
        let g = rdf::source_graph(source);
        let has = |p: NamedNodeRef<'_>, v: &str| -> Result<bool, StoreError> {
            let lit = Literal::from(v);
            self.store.contains(oxigraph::model::QuadRef::new(&g, p, &lit, GraphNameRef::DefaultGraph))
        };
        Ok(has(schema::SHA256, sha256)? && has(igo::EXTRACTOR_VERSION, extractor_version)?)
    }

    // ---- writes ----

    /// Inserts facts with their sources and new entities in one transaction. With `replace`,
    /// the named graphs of the facts' sources are emptied first (re-running is idempotent).
    pub fn insert(&self, batch: &Batch, replace: bool) -> Result<WriteSummary, StoreError> {
        self.writable()?;
        self.store.write_batch(&batch.facts, &batch.sources, &batch.entities, replace)
    }

    /// Inserts facts read from a stream (a table of any length) through the bulk loader, so
    /// that memory stays bounded: the facts are mapped to quads as the loader asks for them,
    /// and each source is described the first time one of its facts comes. All or nothing:
    /// the loader's files are ingested at once at the end, and the first error of the stream
    /// stops it with nothing written.
    pub fn insert_stream(
        &self,
        facts: impl Iterator<Item = Result<Fact, InputError>>,
        progress: impl Fn(u64) + Send + Sync + 'static,
    ) -> Result<WriteSummary, InputError> {
        self.writable().map_err(store_input_error)?;
        let mut summary = WriteSummary::default();
        let mut described: std::collections::HashSet<String> = std::collections::HashSet::new();
        let quads = facts.flat_map(|r| -> Vec<Result<Quad, InputError>> {
            match r {
                Ok(f) => {
                    let mut v = Vec::with_capacity(40);
                    if !described.contains(&f.provenance.source) {
                        described.insert(f.provenance.source.clone());
                        let g = rdf::source_quads(&SourceMeta::from_provenance(&f.provenance), &mut v);
                        summary.graphs.insert(g.into_string());
                    }
                    rdf::fact_quads(&f, &mut v);
                    summary.facts += 1;
                    v.into_iter().map(Ok).collect()
                }
                Err(e) => vec![Err(e)],
            }
        });
        let before = self.store.len().map_err(store_input_error)?;
        self.store.bulk_load_results(quads, progress)?;
        summary.quads_added = self.store.len().map_err(store_input_error)?.saturating_sub(before);
        Ok(summary)
    }

    /// Adds one entity; refuses an IRI or a name the store already knows for that kind.
    pub fn add_entity(&self, e: &Entity) -> Result<(), StoreError> {
        self.writable()?;
        if self.entity(&e.iri)?.is_some() {
            return Err(StoreError::Other(format!("{} is already known", e.iri)));
        }
        for n in &e.labels {
            if let Ok(known) = self.resolve(&n.text, &[e.kind]) {
                return Err(StoreError::Other(format!(
                    "'{}' already names {} ({}); use it, or give another name",
                    n.text,
                    known.label("en"),
                    known.iri
                )));
            }
        }
        let mut quads = Vec::new();
        rdf::entity_quads(e, &mut quads);
        self.store.insert_quads(&quads)?;
        Ok(())
    }

    /// Inserts raw quads in one transaction; returns how many were new.
    pub fn insert_quads(&self, quads: &[Quad]) -> Result<usize, StoreError> {
        self.writable()?;
        self.store.insert_quads(quads)
    }

    /// Retracts a fact (see [`Store::remove_fact`]).
    pub fn remove_fact(&self, node: NamedNodeRef<'_>, graph: Option<NamedNodeRef<'_>>) -> Result<usize, StoreError> {
        self.writable()?;
        self.store.remove_fact(node, graph)
    }

    /// Loads RDF files in one atomic write. Triples of a triple format go to each input's
    /// graph, which is described as a source when `describe` is set. New graphs and large
    /// inputs go through the bulk loader (atomic too: its files are ingested at once).
    /// Relative IRIs resolve against each input's base; ill-typed literals of lenient inputs
    /// are kept and counted in the summary.
    pub fn load(
        &self,
        inputs: &[RdfInput],
        describe: bool,
        recorded: &str,
        force_bulk: bool,
        progress: impl Fn(u64) + Send + Sync + 'static,
    ) -> Result<LoadSummary, InputError> {
        let named: Vec<(RdfInput, String)> = inputs.iter().map(|i| (i.clone(), i.path.clone())).collect();
        self.load_named(&named, describe, recorded, force_bulk, progress)
    }

    /// [`Graph::load`] of inputs read from one place and named after another: `(input, name)`,
    /// where `name` is the path the user gave (`-` for stdin) and `input.path` the file to read
    /// (a temporary copy of stdin or a pipe). Messages and source names use `name`. Inputs
    /// under [`BULK_THRESHOLD`] in total go through one transaction (in memory); larger ones
    /// stream through the bulk loader, so memory stays bounded whatever the size.
    pub fn load_named(
        &self,
        inputs: &[(RdfInput, String)],
        describe: bool,
        recorded: &str,
        force_bulk: bool,
        progress: impl Fn(u64) + Send + Sync + 'static,
    ) -> Result<LoadSummary, InputError> {
        self.writable().map_err(store_input_error)?;
        let st = store_input_error::<StoreError>;
        let mut meta = Vec::new();
        let mut total: u64 = 0;
        let mut all_new = true;
        for (i, name) in inputs {
            if i.path != "-" {
                total += std::fs::metadata(&i.path).map(|m| m.len()).unwrap_or(0);
            }
            if let GraphName::NamedNode(g) = &i.graph {
                if self.store.inner().contains_named_graph(g).map_err(store_input_error)? {
                    all_new = false;
                }
                if describe && !i.format.supports_datasets() {
                    let src = if name == "-" { "stdin".to_owned() } else { file_name(name) };
                    rdf::source_quads(&SourceMeta { source: src, recorded: Some(recorded.to_owned()), ..Default::default() }, &mut meta);
                }
            } else {
                all_new = false;
            }
            if i.format.supports_datasets() {
                // Quads name their own graphs: not known to be new.
                all_new = false;
            }
        }
        // The input as named in messages, read from where it is.
        let open = |i: &RdfInput, name: &str| -> Result<(RdfInput, Box<dyn std::io::BufRead>), InputError> {
            let shown = RdfInput { path: name.to_owned(), ..i.clone() };
            let mut reader = rdf_file::open(&i.path)?;
            if i.format == oxigraph::io::RdfFormat::RdfXml {
                rdf_file::check_rdfxml_prolog_reader(name, &mut reader)?;
            }
            Ok((shown, reader))
        };
        let before = self.store.len().map_err(st)?;
        let init = self.pending_init.lock().unwrap_or_else(std::sync::PoisonError::into_inner).take();
        let init_added = init.as_deref().map_or(0, crate::store::distinct_quads);
        let bulk = force_bulk || all_new || total >= BULK_THRESHOLD;
        let report = std::sync::Mutex::new(rdf_file::IllTyped::default());
        if bulk {
            // Not compacted afterwards (unlike `import` and `ingest`, see
            // `Store::compact_after_bulk`): the compaction doubled the time of a load of 400,000
            // quads (7.5-10 s -> 13.5 s beside `oxigraph load`'s 5.3-6.4 s), and sorting the
            // load in one run instead took as long and twice the memory (BENCHMARKS.md, issue 11).
            let mut loader = self.store.bulk_loader().on_progress(progress);
            loader.load_quads(init.into_iter().flatten().chain(meta)).map_err(store_input_error)?;
            for (i, name) in inputs {
                let (shown, reader) = open(i, name)?;
                loader.load_ok_quads::<InputError, InputError>(rdf_file::parse_reporting(&shown, reader, Some(&report)))?;
            }
            loader.commit().map_err(store_input_error)?;
        } else {
            let mut quads = init.unwrap_or_default();
            quads.extend(meta);
            for (i, name) in inputs {
                let (shown, reader) = open(i, name)?;
                for q in rdf_file::parse_reporting(&shown, reader, Some(&report)) {
                    quads.push(q?);
                }
            }
            self.store.insert_quads(&quads).map_err(st)?;
        }
        // Facts in the files (a dump of an older store) get their as-of bounds.
        let mut graphs: Vec<NamedNode> = Vec::new();
        if inputs.iter().any(|(i, _)| i.format.supports_datasets()) {
            self.add_as_of_bounds(None).map_err(st)?;
        } else {
            graphs.extend(inputs.iter().filter_map(|(i, _)| match &i.graph {
                GraphName::NamedNode(g) => Some(g.clone()),
                _ => None,
            }));
            self.add_as_of_bounds(Some(&graphs)).map_err(st)?;
        }
        let ill_typed = report.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner);
        let quads_added = self.store.len().map_err(st)?.saturating_sub(before + init_added);
        Ok(LoadSummary { files: inputs.len(), quads_added, bulk, ill_typed })
    }

    /// Imports a parsed Correlates of War table into its source graph in one atomic bulk load.
    pub fn import_cow(
        &self,
        imp: &CowImport,
        source: &str,
        recorded: &str,
        progress: impl Fn(u64) + Send + Sync + 'static,
    ) -> Result<ImportSummary, StoreError> {
        self.writable()?;
        let meta = SourceMeta {
            source: source.to_owned(),
            publisher: Some("Correlates of War Project".into()),
            published: Some(PartialDate::Year(2020)),
            recorded: Some(recorded.to_owned()),
            citation: Some(cow::CITATION.into()),
            coverage_end: Some(PartialDate::Year(imp.last_year)),
            ..Default::default()
        };
        let mut head = Vec::new();
        let graph = rdf::source_quads(&meta, &mut head);
        for e in &imp.entities {
            rdf::entity_quads(e, &mut head);
        }
        cow::domain_quads(&imp.organisations, &graph, &mut head);
        // The facts are mapped to quads as the bulk loader asks for them, so that the mapping
        // runs beside the loader's sorting threads instead of before them.
        let total = std::sync::atomic::AtomicU64::new(0);
        let quads = head.into_iter().chain(imp.facts.iter().flat_map(|f| {
            let mut v = Vec::with_capacity(32);
            rdf::fact_quads(f, &mut v);
            v
        }));
        let quads = quads.inspect(|_| {
            total.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        });
        let before = self.store.len()?;
        self.store.bulk_load(quads, progress)?;
        Ok(ImportSummary { graph, quads: total.into_inner(), quads_added: self.store.len()?.saturating_sub(before) })
    }

    // ---- reads ----

    /// Runs a SPARQL query (the project's prefixes predeclared; default graph = union).
    pub fn query(&self, sparql: &str) -> Result<QueryResults<'static>, StoreError> {
        self.store.query(sparql)
    }

    /// Runs a SPARQL query under limits and a deadline.
    pub fn query_limited(&self, sparql: &str, limits: &Limits, deadline: Option<&Deadline>) -> Result<QueryResults<'static>, StoreError> {
        self.store.query_limited(sparql, limits, deadline)
    }

    /// Runs a SPARQL query with a base IRI and a choice of default graph
    /// ([`crate::store::QueryOptions`]), under limits and a deadline.
    pub fn query_with(
        &self,
        sparql: &str,
        options: &crate::store::QueryOptions,
        limits: &Limits,
        deadline: Option<&Deadline>,
    ) -> Result<QueryResults<'static>, StoreError> {
        self.store.query_with(sparql, options, limits, deadline)
    }

    /// Runs a convenience query (see [`crate::query`]).
    /// On a store written before the as-of bounds, the question is asked in the form that
    /// computes them per row; list cells come back sorted ([`crate::query::Prepared::tidy`]).
    /// A question with an index form (`members`) is answered from the quad index on a graph
    /// opened to read ([`Store::answer`]).
    pub fn run(&self, p: &crate::query::Prepared) -> Result<QueryResults<'static>, StoreError> {
        self.store.answer(p, &Limits::default(), None)
    }

    /// The term of a resolved entity, for binding into a convenience.
    pub fn term(&self, value: &str, types: &[EntityType]) -> Result<Term, ResolveError> {
        let e = self.resolve(value, types)?;
        Ok(NamedNode::new_unchecked(e.iri).into())
    }
}

impl Resolve for Graph {
    fn entity(&self, _arg: &str, value: &str, types: &[EntityType]) -> Result<EntityRef, String> {
        self.resolve(value, types).map(|e| e.to_ref()).map_err(|e| e.to_string())
    }
}

fn store_input_error<E: std::fmt::Display>(e: E) -> InputError {
    InputError::new("the store", None, None, e.to_string())
}

fn file_name(path: &str) -> String {
    Path::new(path).file_name().map_or_else(|| path.to_owned(), |n| n.to_string_lossy().into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(feature = "rocksdb")]
    #[test]
    fn a_load_into_a_new_store_writes_the_reference_data_in_the_same_commit() {
        use crate::ingest::rdf_file::RdfInput;
        use oxigraph::io::RdfFormat;
        let dir = tempfile::tempdir().unwrap();
        let (good, bad) = (dir.path().join("a.nt"), dir.path().join("b.nt"));
        std::fs::write(&good, "<http://example.org/a> <http://example.org/p> \"x\" .\n").unwrap();
        std::fs::write(&bad, "<http://example.org/a> <http://example.org/p> \"x\" .\n<http://example.org/a> broken\n").unwrap();
        let input = |f: &std::path::Path| {
            RdfInput::new(f.display().to_string(), RdfFormat::NTriples, GraphName::NamedNode(rdf::source_graph("a.nt")))
        };
        // A refused file leaves the new store empty, reference data and all.
        let path = dir.path().join("kg");
        let g = Graph::open_write_to_load(&path).unwrap();
        assert!(g.load(&[input(&bad)], false, "2026-12-04", false, |_| {}).is_err());
        assert!(g.store().is_empty().unwrap());
        drop(g);
        // A good one brings them: the summary counts the file's quads only.
        let g = Graph::open_write_to_load(&path).unwrap();
        let s = g.load(&[input(&good)], false, "2026-12-04", false, |_| {}).unwrap();
        assert_eq!(s.quads_added, 1);
        assert!(g.store().is_initialized().unwrap());
        assert_eq!(g.resolve("Армения", &[EntityType::State]).unwrap().wikidata.as_deref(), Some("Q399"));
        assert_eq!(
            g.store().len().unwrap(),
            Store::init_quads(&Gazetteer::builtin()).unwrap().iter().collect::<std::collections::HashSet<_>>().len() + 1
        );
    }

    #[test]
    fn names_resolve_through_the_index_in_three_languages() {
        let g = Graph::in_memory().unwrap();
        for name in ["Armenia", "أرمينيا", "Армения", "AM", "Q399", "armenia"] {
            let e = g.resolve(name, &[EntityType::State]).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(e.wikidata.as_deref(), Some("Q399"), "{name}");
        }
        assert!(matches!(g.resolve("Atlantis", &[EntityType::State]), Err(ResolveError::Unknown { .. })));
    }

    #[test]
    fn a_read_only_graph_refuses_writes() {
        let g = Graph::from_store(Store::in_memory().unwrap(), false);
        assert!(g.insert(&Batch::default(), false).is_err());
    }

    #[test]
    fn a_stream_of_facts_is_written_whole_or_not_at_all() {
        use crate::model::FactKind;
        let g = Graph::in_memory().unwrap();
        let gaz = Gazetteer::builtin();
        let csv = |rows: &str| format!("member,organization,start,source\n{rows}");
        let ok = csv("Armenia,CSTO,2002,a.csv\nBelarus,CSTO,2002,b.csv\n");
        let facts = crate::ingest::table::FactReader::new(ok.as_bytes(), "t.csv", Some(FactKind::Membership), &gaz, None).unwrap();
        let before = g.store().len().unwrap();
        let s = g.insert_stream(facts, |_| {}).unwrap();
        assert_eq!(s.facts, 2);
        assert_eq!(s.graphs.len(), 2, "{:?}", s.graphs);
        assert!(s.quads_added > 0 && g.store().len().unwrap() == before + s.quads_added);
        // An error after good rows stops the load: nothing of this stream is written.
        let bad = csv("Kazakhstan,CSTO,2002,c.csv\nNarnia,CSTO,2002,c.csv\n");
        let facts = crate::ingest::table::FactReader::new(bad.as_bytes(), "t.csv", Some(FactKind::Membership), &gaz, None).unwrap();
        let mid = g.store().len().unwrap();
        assert!(g.insert_stream(facts, |_| {}).is_err());
        assert_eq!(g.store().len().unwrap(), mid);
    }

    #[test]
    fn a_document_is_held_only_with_its_hash_and_version() {
        let g = Graph::in_memory().unwrap();
        let meta = SourceMeta {
            source: "a.txt".into(),
            sha256: Some("abc".into()),
            extractor_version: Some("igokg 9".into()),
            ..Default::default()
        };
        g.insert(&Batch { sources: vec![meta], ..Default::default() }, true).unwrap();
        assert!(g.holds_document("a.txt", "abc", "igokg 9").unwrap());
        assert!(!g.holds_document("a.txt", "abd", "igokg 9").unwrap());
        assert!(!g.holds_document("a.txt", "abc", "igokg 10").unwrap());
        assert!(!g.holds_document("b.txt", "abc", "igokg 9").unwrap());
    }
}
