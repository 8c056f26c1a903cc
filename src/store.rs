//! The embedded store: Oxigraph on RocksDB in a folder. Every command's writes are one
//! transaction (or one atomic bulk load): all or nothing.

use crate::gazetteer::{Gazetteer, REFERENCE_SOURCE};
use crate::model::{Entity, EntityType, Fact, Name};
use crate::rdf::{self, SourceMeta};
use crate::sparql_guard::{Deadline, Limits};
use crate::vocab::{igo, rdf as rdfv, rdfs, schema, skos};
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{GraphName, GraphNameRef, NamedNode, NamedNodeRef, NamedOrBlankNode, Quad, QuadRef, Term};
use oxigraph::sparql::{QueryResults, SparqlEvaluator};
use std::collections::{BTreeSet, HashSet};
use std::path::{Path, PathBuf};

const ONTOLOGY_FILES: &[(&str, &str)] = &[
    ("igokg.ttl", include_str!("../ontology/igokg.ttl")),
    ("codes.ttl", include_str!("../ontology/codes.ttl")),
    ("shapes.ttl", include_str!("../ontology/shapes.ttl")),
];

/// The graph holding the ontology, code lists and shapes.
pub fn ontology_graph() -> NamedNode {
    NamedNode::new_unchecked(format!("{}ontology", crate::vocab::GRAPH))
}

/// Which graph a query's default graph is when the query names no dataset (no FROM).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DefaultGraph {
    /// The union of all graphs: `?s org:memberOf ?o` finds facts from every source, and
    /// `GRAPH ?g` still tells which source says so (igokg's own questions)
    #[default]
    Union,
    /// The store's default graph alone, as the SPARQL standard has it: the ontology and
    /// reference data stay in their named graphs (GRAPH, FROM NAMED)
    Default,
}

impl std::fmt::Display for DefaultGraph {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Self::Union => "union",
            Self::Default => "default",
        })
    }
}

/// How a query is read and which dataset it sees.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct QueryOptions {
    /// The base IRI relative IRIs of the query resolve against (a `BASE` in the query wins).
    pub base: Option<String>,
    pub default_graph: DefaultGraph,
}

impl QueryOptions {
    /// Checks the base IRI (absolute).
    pub fn new(base: Option<String>, default_graph: DefaultGraph) -> Result<Self, StoreError> {
        if let Some(b) = &base {
            NamedNode::new(b.as_str()).map_err(|e| StoreError::Other(format!("the base IRI {b:?} is not an absolute IRI: {e}")))?;
        }
        Ok(Self { base, default_graph })
    }
}

/// Store errors, naming the folder.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    #[error("the store {path} is in use by another igokg process (RocksDB lock held); stop it, or send writes through `igokg serve --allow-update` ({source})")]
    Locked { path: PathBuf, source: oxigraph::store::StorageError },
    #[error("the store {path} is held by `igokg serve` (pid {pid}) at {url}{}; query through it (`igokg query --endpoint {url}/sparql`, `igokg members ORG --endpoint {url}/sparql`), write through it (`igokg push --endpoint {url}/store --token T` to a server started with --allow-update), or stop it", if *.updates { " with updates allowed" } else { "" })]
    Served { path: PathBuf, pid: u32, url: String, updates: bool },
    #[error("the store {path} is being written by {holder}{}; a read beside a writer could see its files change under it: wait until it finishes{}", if *.igokg { "" } else { ", another program" }, if *.igokg { "" } else { " or stop that program" })]
    BeingWritten { path: PathBuf, holder: String, igokg: bool },
    #[error("the store {path} is locked by another program: {holder} holds its RocksDB lock; stop it first")]
    ForeignLock { path: PathBuf, holder: String },
    #[error("the store {path} is damaged: {what}; igokg will not open or re-initialise it (that could delete data): restore the folder from a backup, or move it aside and run `igokg init` on a new folder")]
    Corrupt { path: PathBuf, what: String, source: oxigraph::store::StorageError },
    #[error("the store {path} is damaged: {what}; igokg will not open or re-initialise it (that could delete the data files): restore the missing files from a backup, or move the folder aside and run `igokg init` on a new folder")]
    Damaged { path: PathBuf, what: String },
    #[error("{path} is not an igokg store: it holds {what}; igokg only creates a store in an empty or new folder (pass --store NEW_DIR)")]
    NotAStore { path: PathBuf, what: String },
    #[error("the store {path} was written by a newer igokg (store format {found}, this igokg reads format {supported}): upgrade igokg")]
    NewerFormat { path: PathBuf, found: u64, supported: u64 },
    #[error("cannot open the store {path}: {source}")]
    Open { path: PathBuf, source: oxigraph::store::StorageError },
    #[error("no store at {0}: run `igokg init` (or pass --store DIR / set IGOKG_STORE)")]
    Missing(PathBuf),
    #[error("store: {0}")]
    Storage(#[from] oxigraph::store::StorageError),
    #[error("SPARQL: {0}")]
    Query(#[from] oxigraph::sparql::QueryEvaluationError),
    #[error("invalid SPARQL: {0}")]
    Syntax(String),
    #[error("refused: {0}")]
    Refused(String),
    #[error("{0}")]
    Other(String),
}

/// Threads of a bulk load (sorting and writing runs beside the parsing thread).
pub const BULK_THREADS: usize = 2;
/// The memory target of a bulk load, in megabytes (Oxigraph sizes its runs from it).
pub const BULK_MEMORY_MB: usize = 200;
/// Quads in one run of the bulk loader (Oxigraph: the memory target × 1000 / threads). Each run
/// becomes one sorted file per index; see [`Store::compact_after_bulk`].
pub const BULK_RUN_QUADS: u64 = (BULK_MEMORY_MB * 1000 / BULK_THREADS) as u64;

/// The result of a write.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct WriteSummary {
    pub facts: usize,
    pub quads_added: usize,
    pub graphs: BTreeSet<String>,
}

/// An open store.
pub struct Store {
    inner: oxigraph::store::Store,
    path: PathBuf,
    /// Opened to write: flushed when dropped (see the `Drop` impl).
    #[cfg_attr(not(feature = "rocksdb"), allow(dead_code))]
    flush_on_drop: bool,
    /// Opened read-only: nothing changes the store while it is open, so an answer read in
    /// several lookups (each its own snapshot) is an answer from one state ([`Store::answer`]).
    read_only: bool,
    /// The as-of mode of a read-only store, asked once (it cannot change while it is open).
    as_of: std::sync::OnceLock<crate::query::AsOf>,
}

/// A store opened to write flushes its memtables to SST files when it is closed. Without it the
/// writes stay in RocksDB's write-ahead log, which every later read-only open (each read
/// command) replays into memory: after a `load` of 400,000 quads, a 277 MB log made
/// `igokg query 'ASK {}'` cost 12 s of CPU instead of 20 ms. A failed flush loses nothing:
/// the log still holds the writes.
impl Drop for Store {
    fn drop(&mut self) {
        #[cfg(feature = "rocksdb")]
        if self.flush_on_drop {
            let _ = self.inner.flush();
        }
    }
}

/// The number of different quads in `quads` (what writing them into an empty store adds).
pub(crate) fn distinct_quads(quads: &[Quad]) -> usize {
    quads.iter().collect::<HashSet<&Quad>>().len()
}

impl Store {
    /// Opens the store in `path` for writing, creating it in a new or empty folder. A folder
    /// that holds anything else (foreign files, or a store with files missing) is refused, never
    /// written over.
    pub fn open(path: &Path) -> Result<Self, StoreError> {
        match inspect(path) {
            Folder::Absent | Folder::Empty => {
                std::fs::create_dir_all(path)
                    .map_err(|e| StoreError::Other(format!("cannot create the store folder {}: {e}", path.display())))?;
            }
            Folder::Store => check_format(path)?,
            Folder::Damaged(what) => return Err(StoreError::Damaged { path: path.to_owned(), what }),
            Folder::Foreign(what) => return Err(StoreError::NotAStore { path: path.to_owned(), what }),
        }
        #[cfg(not(feature = "rocksdb"))]
        return Err(StoreError::Other(format!("{}: this build of igokg has no on-disk store (feature `rocksdb`)", path.display())));
        // A live `igokg serve` holds the store: say so without touching RocksDB. (Opening it
        // beside the server fails on the lock, or — while the server's background compaction
        // deletes files — with a "Corruption" message about a missing .sst that is not one.)
        #[cfg(feature = "rocksdb")]
        if let Some((pid, url, updates)) = serving(path) {
            return Err(StoreError::Served { path: path.to_owned(), pid, url, updates });
        }
        #[cfg(feature = "rocksdb")]
        let inner = oxigraph::store::Store::open(path).map_err(|source| open_error(path, source))?;
        #[cfg(feature = "rocksdb")]
        write_marker(path);
        // Only now, holding RocksDB's lock, is no other process bulk-loading into the folder:
        // its `bulk-*.sst` files are leftovers of a killed load.
        #[cfg(feature = "rocksdb")]
        cleanup_bulk_leftovers(path);
        #[cfg(feature = "rocksdb")]
        Ok(Self { inner, path: path.to_owned(), flush_on_drop: true, read_only: false, as_of: std::sync::OnceLock::new() })
    }

    /// Opens an existing store to read it: RocksDB read-only, so that nothing in the folder
    /// changes (no compaction, no log, no lock); it works beside a writer, on a read-only
    /// file system and on a full disk. Beside a server that allows updates, the view is the
    /// store as it was when opened.
    pub fn open_to_read(path: &Path) -> Result<Self, StoreError> {
        Self::open_to_read_beside(path, None)
    }

    /// [`Store::open_to_read`] for a query worker of `igokg serve`: its own server (the parent
    /// process, which holds RocksDB's lock when it allows updates) is no reason to refuse, as
    /// the server has the worker reopen the store after each of its writes.
    pub fn open_to_read_as_worker(path: &Path) -> Result<Self, StoreError> {
        Self::open_to_read_beside(path, Some(std::os::unix::process::parent_id()))
    }

    fn open_to_read_beside(path: &Path, parent: Option<u32>) -> Result<Self, StoreError> {
        match inspect(path) {
            Folder::Absent | Folder::Empty => return Err(StoreError::Missing(path.to_owned())),
            Folder::Store => check_format(path)?,
            Folder::Damaged(what) => return Err(StoreError::Damaged { path: path.to_owned(), what }),
            Folder::Foreign(what) => return Err(StoreError::NotAStore { path: path.to_owned(), what }),
        }
        #[cfg(not(feature = "rocksdb"))]
        let _ = parent;
        #[cfg(not(feature = "rocksdb"))]
        return Err(StoreError::Other(format!("{}: this build of igokg has no on-disk store (feature `rocksdb`)", path.display())));
        // A server's compaction just after it opened may delete files the read-only view is
        // reading the manifest of: that open fails, and a later one succeeds.
        // Oxigraph: a read-only open while another process writes is undefined. A process
        // holding RocksDB's lock is a writer: say who, and how to read instead.
        #[cfg(feature = "rocksdb")]
        let holder = lock_holder(path).filter(|(pid, _)| Some(*pid) != parent);
        #[cfg(feature = "rocksdb")]
        if let Some((pid, cmd)) = holder {
            if let Some((spid, url, updates)) = serving(path) {
                if spid == pid {
                    return Err(StoreError::Served { path: path.to_owned(), pid, url, updates });
                }
            }
            return Err(StoreError::BeingWritten {
                path: path.to_owned(),
                holder: format!("pid {pid} ({cmd})"),
                igokg: cmd.contains("igokg"),
            });
        }
        #[cfg(feature = "rocksdb")]
        {
            let beside_server = parent.is_some() || serving(path).is_some();
            let mut attempt = 1;
            loop {
                match oxigraph::store::Store::open_read_only(path) {
                    Ok(inner) => {
                        return Ok(Self {
                            inner,
                            path: path.to_owned(),
                            flush_on_drop: false,
                            read_only: true,
                            as_of: std::sync::OnceLock::new(),
                        })
                    }
                    Err(_) if beside_server && attempt < 20 => {
                        attempt += 1;
                        std::thread::sleep(std::time::Duration::from_millis(100));
                    }
                    Err(source) => return Err(open_error(path, source)),
                }
            }
        }
    }

    /// Opens an existing store for writing; a folder that holds no store is an error.
    pub fn open_existing(path: &Path) -> Result<Self, StoreError> {
        match inspect(path) {
            Folder::Absent | Folder::Empty => Err(StoreError::Missing(path.to_owned())),
            _ => Self::open(path),
        }
    }

    /// An in-memory store (tests, dry runs).
    pub fn in_memory() -> Result<Self, StoreError> {
        Ok(Self {
            inner: oxigraph::store::Store::new()?,
            path: PathBuf::from(":memory:"),
            flush_on_drop: false,
            read_only: false,
            as_of: std::sync::OnceLock::new(),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn inner(&self) -> &oxigraph::store::Store {
        &self.inner
    }

    pub fn len(&self) -> Result<usize, StoreError> {
        Ok(self.inner.len()?)
    }

    pub fn is_empty(&self) -> Result<bool, StoreError> {
        Ok(self.inner.is_empty()?)
    }

    /// Has `init` written the ontology and the reference entities?
    pub fn is_initialized(&self) -> Result<bool, StoreError> {
        Ok(self.inner.contains_named_graph(&ontology_graph())? && self.inner.contains_named_graph(&rdf::entities_graph())?)
    }

    /// The quads `init` writes: ontology, code lists, shapes, entities, reference offices.
    pub fn init_quads(gaz: &Gazetteer) -> Result<Vec<Quad>, StoreError> {
        let mut quads = Vec::new();
        for (name, text) in ONTOLOGY_FILES {
            for q in RdfParser::from_format(RdfFormat::Turtle).with_default_graph(ontology_graph()).for_slice(text.as_bytes()) {
                quads.push(q.map_err(|e| StoreError::Other(format!("ontology/{name}: {e}")))?);
            }
        }
        for e in gaz.entities() {
            rdf::entity_quads(e, &mut quads);
        }
        let facts = gaz.reference_facts().map_err(|e| StoreError::Other(e.to_string()))?;
        let mut meta = SourceMeta { source: REFERENCE_SOURCE.into(), ..Default::default() };
        meta.citation = Some("Reference tables of igokg: ontology/data/SOURCES.md and PEOPLE-SOURCES.md".into());
        // The reference data describe themselves inside their own graph, not in the default
        // graph: a store made by `init` has an empty default graph, so that a standard query
        // (`--default-graph default`) sees only what the user loaded. (With the union default
        // graph of igokg's own questions nothing changes.)
        let mut described = Vec::new();
        let g = rdf::source_quads(&meta, &mut described);
        quads.extend(described.into_iter().map(|q| Quad::new(q.subject, q.predicate, q.object, g.clone())));
        for f in &facts {
            rdf::fact_quads(f, &mut quads);
        }
        Ok(quads)
    }

    /// Writes the ontology and reference data (idempotent). Into an empty store they go
    /// through the bulk loader, whose files are ingested at once (all or nothing, as the
    /// transaction): 47,864 quads in one transaction took 3.1 s, most of a `load` into a new
    /// store. A store that holds anything is refreshed in one transaction.
    pub fn init(&self, gaz: &Gazetteer) -> Result<usize, StoreError> {
        let quads = Self::init_quads(gaz)?;
        if self.is_empty()? {
            let added = distinct_quads(&quads);
            self.bulk_load(quads, |_| {})?;
            return Ok(added);
        }
        let before = self.len()?;
        let reference = rdf::source_graph(REFERENCE_SOURCE);
        let mut t = self.inner.start_transaction()?;
        t.clear_graph(&ontology_graph())?;
        // Stores initialised before the reference data described themselves in their graph.
        let old: Vec<Quad> =
            t.quads_for_pattern(Some(reference.as_ref().into()), None, None, Some(GraphNameRef::DefaultGraph)).collect::<Result<_, _>>()?;
        for q in &old {
            t.remove(q);
        }
        t.extend(&quads);
        t.commit()?;
        Ok(self.len()?.saturating_sub(before))
    }

    /// Initialises the store if no command did yet.
    pub fn ensure_initialized(&self, gaz: &Gazetteer) -> Result<(), StoreError> {
        if !self.is_initialized()? {
            self.init(gaz)?;
        }
        Ok(())
    }

    /// The gazetteer: bundled reference data plus entities added to this store.
    pub fn gazetteer(&self) -> Result<Gazetteer, StoreError> {
        let mut g = Gazetteer::builtin();
        for e in self.stored_entities()? {
            if g.by_iri(&e.iri).is_none() {
                g.add(e);
            }
        }
        Ok(g)
    }

    /// Entities described in the entities graph (those added with `igokg add entity` or by imports).
    pub fn stored_entities(&self) -> Result<Vec<Entity>, StoreError> {
        let graph = rdf::entities_graph();
        let gref = GraphNameRef::NamedNode(graph.as_ref());
        let mut out = Vec::new();
        for (class, kind, historical) in [
            (igo::STATE, EntityType::State, false),
            (igo::HISTORICAL_STATE, EntityType::State, true),
            (igo::CITY, EntityType::City, false),
            (igo::INTERNATIONAL_ORGANIZATION, EntityType::Organization, false),
            (schema::PERSON, EntityType::Person, false),
        ] {
            for q in self.inner.quads_for_pattern(None, Some(rdfv::TYPE), Some(class.into()), Some(gref)) {
                let NamedOrBlankNode::NamedNode(s) = q?.subject else { continue };
                let mut e = Entity {
                    iri: s.as_str().to_owned(),
                    kind,
                    wikidata: None,
                    labels: vec![],
                    aliases: vec![],
                    notations: vec![],
                    country: None,
                    capital: false,
                    historical,
                    minted_by: None,
                    romanised: false,
                };
                for pq in self.inner.quads_for_pattern(Some(s.as_ref().into()), None, None, Some(gref)) {
                    let pq = pq?;
                    let Term::Literal(l) = &pq.object else { continue };
                    let name = Name { lang: l.language().unwrap_or("und").to_owned(), text: l.value().to_owned() };
                    if pq.predicate == rdfs::LABEL {
                        e.labels.push(name);
                    } else if pq.predicate == skos::ALT_LABEL {
                        e.aliases.push(name);
                    } else if pq.predicate == skos::NOTATION {
                        e.notations.push(name.text);
                    } else if pq.predicate == igo::WIKIDATA_ID {
                        e.wikidata = Some(name.text);
                    } else if pq.predicate == igo::MINTED_BY {
                        e.minted_by = Some(name.text);
                    } else if pq.predicate == igo::ROMANISED_LABEL {
                        e.romanised = true;
                    }
                }
                out.push(e);
            }
        }
        Ok(out)
    }

    /// Writes facts with their source metadata in one transaction. With `replace`, the named
    /// graphs of the facts' sources are cleared first (re-running an import is idempotent).
    pub fn write_facts(&self, facts: &[Fact], sources: &[SourceMeta], replace: bool) -> Result<WriteSummary, StoreError> {
        self.write_batch(facts, sources, &[], replace)
    }

    /// Writes facts, their sources and the entities they introduce in one transaction (see
    /// `write_facts`). Entities go to the entities graph, with their name keys.
    pub fn write_batch(
        &self,
        facts: &[Fact],
        sources: &[SourceMeta],
        entities: &[Entity],
        replace: bool,
    ) -> Result<WriteSummary, StoreError> {
        let mut quads = Vec::new();
        for e in entities {
            rdf::entity_quads(e, &mut quads);
        }
        let mut summary = WriteSummary { facts: facts.len(), ..Default::default() };
        let mut metas: Vec<SourceMeta> = sources.to_vec();
        for f in facts {
            if !metas.iter().any(|m| m.source == f.provenance.source) {
                metas.push(SourceMeta::from_provenance(&f.provenance));
            }
        }
        for m in &metas {
            let g = rdf::source_quads(m, &mut quads);
            summary.graphs.insert(g.as_str().to_owned());
        }
        for f in facts {
            rdf::fact_quads(f, &mut quads);
        }
        let before = self.len()?;
        let mut t = self.inner.start_transaction()?;
        if replace {
            for g in &summary.graphs {
                let g = NamedNode::new_unchecked(g.as_str());
                t.clear_graph(&g)?;
                let old: Vec<Quad> =
                    t.quads_for_pattern(Some(g.as_ref().into()), None, None, Some(GraphNameRef::DefaultGraph)).collect::<Result<_, _>>()?;
                for q in &old {
                    t.remove(q);
                }
            }
        }
        t.extend(&quads);
        t.commit()?;
        summary.quads_added = self.len()?.saturating_sub(before);
        Ok(summary)
    }

    /// Inserts raw quads in one transaction.
    pub fn insert_quads(&self, quads: &[Quad]) -> Result<usize, StoreError> {
        let before = self.len()?;
        let mut t = self.inner.start_transaction()?;
        t.extend(quads);
        t.commit()?;
        Ok(self.len()?.saturating_sub(before))
    }

    /// Retracts a fact with its evidence, from every graph or one. Shortcut triples it implied
    /// stay where another fact still implies them. Returns the number of quads removed.
    pub fn remove_fact(&self, node: NamedNodeRef<'_>, graph: Option<NamedNodeRef<'_>>) -> Result<usize, StoreError> {
        let mut t = self.inner.start_transaction()?;
        let graphs: Vec<GraphName> = match graph {
            Some(g) => vec![g.into_owned().into()],
            None => t
                .quads_for_pattern(Some(node.into()), Some(igo::KIND), None, None)
                .map(|q| q.map(|q| q.graph_name))
                .collect::<Result<Vec<_>, _>>()?,
        };
        let prefix = format!("{}#", node.as_str());
        let mut removed = 0;
        for g in graphs {
            let gref = g.as_ref();
            let props = node_props(&t, node, gref)?;
            let Some(kind) = props.iter().find(|(p, _)| p.as_ref() == igo::KIND).and_then(|(_, o)| match o {
                Term::Literal(l) => l.value().parse::<crate::model::FactKind>().ok(),
                _ => None,
            }) else {
                continue;
            };
            let node_owned = node.into_owned();
            let implied = rdf::shortcuts(kind, &node_owned, &props);
            // The node, and every node derived from it (interval, instants, evidence, selectors).
            let mut doomed: Vec<Quad> = Vec::new();
            for q in t.quads_for_pattern(None, None, None, Some(gref)) {
                let q = q?;
                let subject_is_ours = match &q.subject {
                    NamedOrBlankNode::NamedNode(s) => s.as_ref() == node || s.as_str().starts_with(&prefix),
                    _ => false,
                };
                if subject_is_ours {
                    doomed.push(q);
                }
            }
            // Shortcuts: remove those no other fact node in this graph still implies.
            let mut still: HashSet<(NamedNode, NamedNode, Term)> = HashSet::new();
            let mut seen = HashSet::new();
            for (s, _, o) in &implied {
                let mut touching: Vec<Term> = vec![s.clone().into(), o.clone()];
                touching.dedup();
                for obj in touching {
                    for q in t.quads_for_pattern(None, None, Some(obj.as_ref()), Some(gref)) {
                        let NamedOrBlankNode::NamedNode(other) = q?.subject else { continue };
                        if other.as_ref() == node || !seen.insert(other.clone()) {
                            continue;
                        }
                        let oprops = node_props(&t, other.as_ref(), gref)?;
                        if let Some(okind) = oprops.iter().find(|(p, _)| p.as_ref() == igo::KIND).and_then(|(_, o)| match o {
                            Term::Literal(l) => l.value().parse::<crate::model::FactKind>().ok(),
                            _ => None,
                        }) {
                            still.extend(rdf::shortcuts(okind, &other, &oprops));
                        }
                    }
                }
            }
            for sc in implied {
                if !still.contains(&sc) {
                    doomed.push(Quad::new(sc.0, sc.1, sc.2, g.clone()));
                }
            }
            for q in &doomed {
                if t.contains(q)? {
                    t.remove(q);
                    removed += 1;
                }
            }
            // A source graph left empty takes its description (in the default graph) with it.
            if let GraphName::NamedNode(gn) = &g {
                if t.quads_for_pattern(None, None, None, Some(gref)).next().is_none() {
                    let described: Vec<Quad> = t
                        .quads_for_pattern(Some(gn.as_ref().into()), None, None, Some(GraphNameRef::DefaultGraph))
                        .collect::<Result<_, _>>()?;
                    for q in &described {
                        t.remove(q);
                        removed += 1;
                    }
                }
            }
        }
        t.commit()?;
        Ok(removed)
    }

    /// Bulk-loads quads atomically (the RocksDB bulk loader writes SST files and ingests them
    /// at once, so a failure leaves nothing behind).
    pub fn bulk_load(
        &self,
        quads: impl IntoIterator<Item = Quad>,
        progress: impl Fn(u64) + Send + Sync + 'static,
    ) -> Result<(), StoreError> {
        let n = std::cell::Cell::new(0u64);
        let mut loader = self.bulk_loader().on_progress(progress);
        loader.load_quads(quads.into_iter().inspect(|_| n.set(n.get() + 1)))?;
        loader.commit()?;
        Ok(self.compact_after_bulk(n.get())?)
    }

    /// Bulk-loads quads from a stream that may fail: the first error stops the load and
    /// nothing is written (the loader's files are ingested only on commit).
    pub fn bulk_load_results<E>(
        &self,
        quads: impl IntoIterator<Item = Result<Quad, E>>,
        progress: impl Fn(u64) + Send + Sync + 'static,
    ) -> Result<(), E>
    where
        E: From<oxigraph::store::StorageError>,
    {
        let n = std::cell::Cell::new(0u64);
        let mut loader = self.bulk_loader().on_progress(progress);
        loader.load_ok_quads::<E, E>(quads.into_iter().inspect(|_| n.set(n.get() + 1)))?;
        loader.commit()?;
        Ok(self.compact_after_bulk(n.get())?)
    }

    /// Merges the files of a bulk load of more than one run ([`BULK_RUN_QUADS`]) into one per
    /// index. The loader ingests each run as its own sorted file, and the runs overlap, so
    /// every lookup of every later read probes each of them: on the COW store (6 runs, 60
    /// files) a read cost 2-3 times as much as on the same store compacted (BENCHMARKS.md,
    /// issue 11). Reads open the store read-only and never compact it, so the write that
    /// made the files merges them, once, before it returns. The data is committed already:
    /// the compaction rewrites files, not what they hold, and RocksDB keeps the old files
    /// until the new ones are in place.
    pub fn compact_after_bulk(&self, quads: u64) -> Result<(), oxigraph::store::StorageError> {
        #[cfg(feature = "rocksdb")]
        if quads > BULK_RUN_QUADS {
            self.inner.optimize()?;
        }
        #[cfg(not(feature = "rocksdb"))]
        let _ = quads;
        Ok(())
    }

    /// Oxigraph's bulk loader with a bounded memory target: by default it buffers a million
    /// quads per thread (about 2 GB each); igokg sorts smaller runs into more files, so that a
    /// load of any size stays well under a gigabyte.
    pub fn bulk_loader(&self) -> oxigraph::store::BulkLoader<'_> {
        self.inner.bulk_loader().with_num_threads(BULK_THREADS).with_max_memory_size_in_megabytes(BULK_MEMORY_MB)
    }

    /// Runs a SPARQL query; the project's prefixes are predeclared. Unless the query names its dataset (FROM), the default graph is
    /// the union of all graphs, so `?s org:memberOf ?o` finds facts from every source; `GRAPH ?g`
    /// still tells which source says so.
    pub fn query(&self, sparql: &str) -> Result<QueryResults<'static>, StoreError> {
        self.query_limited(sparql, &Limits::default(), None)
    }

    /// Runs a SPARQL query after checking it against `limits` (see `sparql_guard`); with a
    /// deadline, evaluation (and the iteration of its results) stops with
    /// `QueryEvaluationError::Cancelled` once it passes. Call it on a thread with a stack of
    /// `sparql_guard::STACK_SIZE`. The default graph is the union of all graphs.
    pub fn query_limited(&self, sparql: &str, limits: &Limits, deadline: Option<&Deadline>) -> Result<QueryResults<'static>, StoreError> {
        self.query_with(sparql, &QueryOptions::default(), limits, deadline)
    }

    /// Runs a SPARQL query with a base IRI and a choice of default graph (see
    /// [`QueryOptions`]), under `limits` and an optional deadline as `query_limited`.
    pub fn query_with(
        &self,
        sparql: &str,
        options: &QueryOptions,
        limits: &Limits,
        deadline: Option<&Deadline>,
    ) -> Result<QueryResults<'static>, StoreError> {
        crate::sparql_guard::check(sparql, limits).map_err(|e| StoreError::Refused(e.to_string()))?;
        // Parsed once, with the project's prefixes; the guard and the evaluator share the tree.
        let parsed = parser_with_base(options.base.as_deref())?
            .parse_query(sparql)
            .map_err(|e| StoreError::Syntax(explain_syntax_error(sparql, &e.to_string(), options.base.is_some(), false)))?;
        let mut e = SparqlEvaluator::new();
        if let Some(d) = deadline {
            e = e.with_cancellation_token(d.token.clone());
        }
        let mut q = e.for_query(parsed);
        if q.dataset().is_default_dataset() && options.default_graph == DefaultGraph::Union {
            q.dataset_mut().set_default_graph_as_union();
        }
        Ok(q.on_store(&self.inner).execute()?)
    }

    /// Runs a SPARQL update in one transaction, after the same checks as `query_limited`.
    /// `LOAD` is refused: nothing that reaches the store through SPARQL may read a file or URL.
    pub fn update_limited(&self, sparql: &str, limits: &Limits, deadline: Option<&Deadline>) -> Result<(), StoreError> {
        crate::sparql_guard::check(sparql, limits).map_err(|e| StoreError::Refused(e.to_string()))?;
        let update = oxigraph::sparql::SparqlEvaluator::new();
        let parsed = prefixed_parser()
            .parse_update(sparql)
            .map_err(|e| StoreError::Syntax(explain_syntax_error(sparql, &e.to_string(), false, true)))?;
        if parsed.operations.iter().any(|op| matches!(op, spargebra::GraphUpdateOperation::Load { .. })) {
            return Err(StoreError::Refused(
                "LOAD is not allowed: igokg never reads files or URLs named in SPARQL; use `igokg load FILE`".into(),
            ));
        }
        let mut update = update;
        if let Some(d) = deadline {
            update = update.with_cancellation_token(d.token.clone());
        }
        update.for_update(parsed).on_store(&self.inner).execute().map_err(|e| StoreError::Other(format!("SPARQL update: {e}")))
    }

    /// Runs a prepared query: its bindings become constants serialised by Oxigraph (never
    /// user text pasted into the query), as for remote servers; see `Prepared::text`.
    pub fn query_prepared(&self, p: &crate::query::Prepared) -> Result<QueryResults<'static>, StoreError> {
        self.query(&p.text_for(crate::query::AsOf::of_store(&self.inner)))
    }

    /// Answers a convenience, list cells sorted ([`crate::query::Prepared::tidy`]): from the
    /// quad index when the question has an index form ([`crate::by_index`]), the store was
    /// opened read-only and has the as-of bounds; else by its SPARQL in the form the store
    /// needs ([`crate::query::AsOf`]), under `limits` and `deadline`. Both give the same rows.
    pub fn answer(
        &self,
        p: &crate::query::Prepared,
        limits: &Limits,
        deadline: Option<&Deadline>,
    ) -> Result<QueryResults<'static>, StoreError> {
        let mode = self.as_of();
        if let (true, crate::query::AsOf::Bounds, Some(native)) = (self.read_only, mode, &p.native) {
            if let Some(results) = crate::by_index::answer(&self.inner, native)? {
                return Ok(results);
            }
        }
        let results = self.query_limited(&p.text_for(mode), limits, deadline)?;
        Ok(p.tidy(results)?)
    }

    /// How the store answers as-of questions ([`crate::query::AsOf::of_store`]; two index
    /// probes, asked once on a read-only store).
    pub fn as_of(&self) -> crate::query::AsOf {
        if self.read_only {
            *self.as_of.get_or_init(|| crate::query::AsOf::of_store(&self.inner))
        } else {
            crate::query::AsOf::of_store(&self.inner)
        }
    }

    /// Opened read-only (see [`Store::answer`]).
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// Does the store hold this quad?
    pub fn contains(&self, q: QuadRef<'_>) -> Result<bool, StoreError> {
        Ok(self.inner.contains(q)?)
    }

    /// The named graphs.
    pub fn named_graphs(&self) -> Result<Vec<NamedNode>, StoreError> {
        let mut out = Vec::new();
        for g in self.inner.named_graphs() {
            if let NamedOrBlankNode::NamedNode(n) = g? {
                out.push(n);
            }
        }
        out.sort();
        Ok(out)
    }
}

/// What a folder given as `--store` holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Folder {
    Absent,
    Empty,
    /// An igokg (RocksDB) store with its `CURRENT` file and the manifest it names.
    Store,
    /// Files of a store, with something essential missing (said what).
    Damaged(String),
    /// Files that are not a store (said which).
    Foreign(String),
}

/// The file igokg writes in a store folder: the store format, to tell a newer igokg's store.
pub const MARKER_FILE: &str = "igokg-store.json";
/// The store format this igokg writes and reads.
pub const STORE_FORMAT: u64 = 1;

fn is_store_file(name: &str) -> bool {
    matches!(name, "CURRENT" | "IDENTITY" | "LOCK" | "LOG" | MARKER_FILE | SERVE_LOCK_FILE)
        || name.starts_with("LOG.old.")
        || name.starts_with("MANIFEST-")
        || name.starts_with("OPTIONS-")
        || name.ends_with(".sst")
        || name.ends_with(".log")
        || name.ends_with(".blob")
        || name.ends_with(".dbtmp")
        || name.starts_with("CURRENT.")
}

/// Looks at a folder without changing it.
pub fn inspect(path: &Path) -> Folder {
    let Ok(dir) = std::fs::read_dir(path) else {
        return if path.exists() {
            Folder::Foreign("something igokg cannot list (not a folder, or no permission)".into())
        } else {
            Folder::Absent
        };
    };
    let mut names: Vec<String> = dir.flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    if names.is_empty() {
        return Folder::Empty;
    }
    let foreign: Vec<&String> = names.iter().filter(|n| !is_store_file(n)).collect();
    let rocks = names.iter().any(|n| n.starts_with("MANIFEST-") || n.ends_with(".sst") || n == "IDENTITY" || n.starts_with("OPTIONS-"));
    if !rocks && !names.iter().any(|n| n == "CURRENT") {
        let shown: Vec<&str> = foreign.iter().take(3).map(|s| s.as_str()).collect();
        return Folder::Foreign(format!(
            "{} file(s) that are not a store's ({}{})",
            foreign.len().max(names.len()),
            shown.join(", "),
            if foreign.len() > 3 { ", …" } else { "" }
        ));
    }
    if !foreign.is_empty() {
        let shown: Vec<&str> = foreign.iter().take(3).map(|s| s.as_str()).collect();
        return Folder::Foreign(format!("a store's files and {} other file(s) ({})", foreign.len(), shown.join(", ")));
    }
    let Ok(current) = std::fs::read_to_string(path.join("CURRENT")) else {
        return Folder::Damaged("its CURRENT file is missing (it names the manifest that lists the data files)".into());
    };
    let manifest = current.trim();
    if manifest.is_empty() || !path.join(manifest).is_file() {
        return Folder::Damaged(format!("CURRENT names the manifest '{manifest}', which is missing"));
    }
    Folder::Store
}

fn check_format(path: &Path) -> Result<(), StoreError> {
    let Ok(text) = std::fs::read_to_string(path.join(MARKER_FILE)) else { return Ok(()) };
    let found = serde_json::from_str::<serde_json::Value>(&text).ok().and_then(|v| v.get("format")?.as_u64()).unwrap_or(STORE_FORMAT);
    if found > STORE_FORMAT {
        return Err(StoreError::NewerFormat { path: path.to_owned(), found, supported: STORE_FORMAT });
    }
    Ok(())
}

#[cfg(feature = "rocksdb")]
fn write_marker(path: &Path) {
    let marker = path.join(MARKER_FILE);
    if !marker.exists() {
        // Best effort: a store without its marker is still recognised by its RocksDB files.
        let _ = std::fs::write(&marker, format!("{{\"format\":{STORE_FORMAT},\"written_by\":\"igokg {}\"}}\n", env!("CARGO_PKG_VERSION")));
    }
}

/// Tells a lock from a damaged file from anything else, and names who holds a lock.
#[cfg(feature = "rocksdb")]
fn open_error(path: &Path, source: oxigraph::store::StorageError) -> StoreError {
    let msg = source.to_string();
    if msg.contains("Corruption") || msg.contains("corruption") || msg.contains("checksum") {
        return StoreError::Corrupt { path: path.to_owned(), what: "RocksDB reports a corrupt or missing data file".into(), source };
    }
    let lock = msg.contains("LOCK:")
        || msg.contains("lock hold")
        || msg.contains("While lock file")
        || msg.contains("Resource temporarily unavailable");
    if !lock {
        return StoreError::Open { path: path.to_owned(), source };
    }
    if let Some((pid, url, updates)) = serving(path) {
        return StoreError::Served { path: path.to_owned(), pid, url, updates };
    }
    match lock_holder(path) {
        Some((pid, cmd)) if !cmd.contains("igokg") => {
            StoreError::ForeignLock { path: path.to_owned(), holder: format!("pid {pid} ({cmd})") }
        }
        _ => StoreError::Locked { path: path.to_owned(), source },
    }
}

/// The process holding RocksDB's lock on the store (a POSIX lock on `LOCK`), from
/// `/proc/locks` (Linux; None elsewhere or when nobody holds it), with its command line.
#[cfg(feature = "rocksdb")]
fn lock_holder(path: &Path) -> Option<(u32, String)> {
    use std::os::unix::fs::MetadataExt;
    let meta = std::fs::metadata(path.join("LOCK")).ok()?;
    let (dev, ino) = (meta.dev(), meta.ino());
    let (major, minor) = (((dev >> 8) & 0xfff) | ((dev >> 32) & !0xfff), (dev & 0xff) | ((dev >> 12) & !0xff));
    let me = std::process::id();
    let locks = std::fs::read_to_string("/proc/locks").ok()?;
    for line in locks.lines() {
        // "1: POSIX  ADVISORY  WRITE 1234 fe:00:5505029 0 EOF" (a "->" marks a waiter)
        let f: Vec<&str> = line.split_whitespace().collect();
        if f.len() < 6 || f[1] != "POSIX" || f.get(2) == Some(&"->") {
            continue;
        }
        let Ok(pid) = f[4].parse::<u32>() else { continue };
        let mut id = f[5].split(':');
        let (Some(ma), Some(mi), Some(i)) = (id.next(), id.next(), id.next()) else { continue };
        let same = u64::from_str_radix(ma, 16).ok() == Some(major)
            && u64::from_str_radix(mi, 16).ok() == Some(minor)
            && i.parse::<u64>().ok() == Some(ino);
        if same && pid != me {
            let cmd = std::fs::read(format!("/proc/{pid}/cmdline")).unwrap_or_default();
            let cmd: Vec<String> = String::from_utf8_lossy(&cmd).split('\0').filter(|a| !a.is_empty()).take(4).map(str::to_owned).collect();
            let mut cmd = cmd.join(" ");
            if cmd.is_empty() {
                cmd = "unknown command".into();
            }
            return Some((pid, cmd));
        }
    }
    None
}

/// The project's parser with a base IRI.
fn parser_with_base(base: Option<&str>) -> Result<spargebra::SparqlParser, StoreError> {
    let parser = prefixed_parser();
    match base {
        None => Ok(parser),
        Some(b) => parser.with_base_iri(b).map_err(|e| StoreError::Other(format!("the base IRI {b:?} is not an absolute IRI: {e}"))),
    }
}

/// The SPARQL keywords that start an update.
const UPDATE_KEYWORDS: &[&str] = &["INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"];
const QUERY_FORMS: &[&str] = &["SELECT", "ASK", "CONSTRUCT", "DESCRIBE"];

/// A token of SPARQL text, for error messages: a word (keyword, prefixed name) with its place.
struct Word {
    text: String,
    line: usize,
    column: usize,
}

/// The words of SPARQL text outside strings, IRIs and comments, and whether an IRI written
/// `<…>` has no scheme (a relative IRI) — with the first such IRI.
fn words(text: &str) -> (Vec<Word>, Option<(String, usize, usize)>) {
    let chars: Vec<char> = text.chars().collect();
    let (mut out, mut relative) = (Vec::new(), None);
    let (mut i, mut line, mut col) = (0usize, 1usize, 1usize);
    let advance = |i: &mut usize, line: &mut usize, col: &mut usize, n: usize| {
        for _ in 0..n {
            if *i < chars.len() && chars[*i] == '\n' {
                *line += 1;
                *col = 1;
            } else {
                *col += 1;
            }
            *i += 1;
        }
    };
    while i < chars.len() {
        let c = chars[i];
        if c == '#' {
            while i < chars.len() && chars[i] != '\n' {
                advance(&mut i, &mut line, &mut col, 1);
            }
        } else if c == '"' || c == '\'' {
            let long = i + 2 < chars.len() && chars[i + 1] == c && chars[i + 2] == c;
            advance(&mut i, &mut line, &mut col, if long { 3 } else { 1 });
            while i < chars.len() {
                if chars[i] == '\\' {
                    advance(&mut i, &mut line, &mut col, 2);
                    continue;
                }
                if chars[i] == c && (!long || (i + 2 < chars.len() && chars[i + 1] == c && chars[i + 2] == c)) {
                    advance(&mut i, &mut line, &mut col, if long { 3 } else { 1 });
                    break;
                }
                advance(&mut i, &mut line, &mut col, 1);
            }
        } else if c == '<' {
            // An IRI when it closes before any character an IRI cannot hold; else `<` or `<=`.
            let end = chars[i + 1..].iter().position(|&d| d == '>' || d.is_whitespace() || "<\"{}|^`".contains(d));
            match end {
                Some(n) if chars[i + 1 + n] == '>' => {
                    let iri: String = chars[i + 1..i + 1 + n].iter().collect();
                    let scheme = iri.split_once(':').is_some_and(|(s, _)| {
                        s.chars().next().is_some_and(|f| f.is_ascii_alphabetic())
                            && s.chars().all(|x| x.is_ascii_alphanumeric() || "+-.".contains(x))
                    });
                    if !scheme && relative.is_none() {
                        relative = Some((iri, line, col));
                    }
                    advance(&mut i, &mut line, &mut col, n + 2);
                }
                _ => advance(&mut i, &mut line, &mut col, 1),
            }
        } else if c.is_alphanumeric() || c == '_' || c == '?' || c == '$' {
            let (l, co) = (line, col);
            let mut w = String::new();
            while i < chars.len() && (chars[i].is_alphanumeric() || "_-.:?$%\\".contains(chars[i])) {
                w.push(chars[i]);
                advance(&mut i, &mut line, &mut col, 1);
            }
            out.push(Word { text: w.trim_end_matches('.').to_owned(), line: l, column: co });
        } else {
            advance(&mut i, &mut line, &mut col, 1);
        }
    }
    (out, relative)
}

/// A parser's message made useful: an update sent to a query door, a misspelt query form, an
/// unknown prefix (with the known ones) and a relative IRI without a base are said as such;
/// anything else keeps the parser's message.
pub fn explain_syntax_error(text: &str, message: &str, has_base: bool, is_update: bool) -> String {
    let (words, relative) = words(text);
    // The first word after the prologue (BASE <…>, PREFIX p: <…>).
    let mut k = 0;
    while k < words.len() {
        let w = words[k].text.to_ascii_uppercase();
        if w == "BASE" {
            k += 1;
        } else if w == "PREFIX" {
            k += 2;
        } else {
            break;
        }
    }
    if !is_update {
        if let Some(first) = words.get(k) {
            let upper = first.text.to_ascii_uppercase();
            if UPDATE_KEYWORDS.contains(&upper.as_str()) {
                return format!(
                    "this is a SPARQL Update ({upper} at line {}), and a query only reads: send updates to `igokg serve --allow-update` (POST /update), or write with `igokg add` or `igokg load`",
                    first.line
                );
            }
            if !QUERY_FORMS.contains(&upper.as_str()) && !first.text.contains(':') && !first.text.starts_with(['?', '$']) {
                let closest = QUERY_FORMS.iter().max_by(|a, b| strsim::jaro_winkler(a, &upper).total_cmp(&strsim::jaro_winkler(b, &upper)));
                let hint =
                    closest.filter(|c| strsim::jaro_winkler(c, &upper) > 0.8).map(|c| format!(" (did you mean {c}?)")).unwrap_or_default();
                return format!(
                    "a query starts with SELECT, ASK, CONSTRUCT or DESCRIBE (after any BASE and PREFIX lines), not '{}' (line {}, column {}){hint}",
                    first.text, first.line, first.column
                );
            }
        }
    }
    let mut declared: Vec<String> = crate::vocab::PREFIXES.iter().map(|(p, _)| (*p).to_owned()).collect();
    for (j, w) in words.iter().enumerate() {
        if w.text.eq_ignore_ascii_case("PREFIX") {
            if let Some(p) = words.get(j + 1).and_then(|n| n.text.strip_suffix(':')) {
                declared.push(p.to_owned());
            }
        }
    }
    if text.contains(":") {
        // `PREFIX : <…>` declares the empty prefix (its word is a lone ':', not a word here).
        let empty_declared =
            text.split_whitespace().collect::<Vec<_>>().windows(2).any(|w| w[0].eq_ignore_ascii_case("PREFIX") && w[1].starts_with(':'));
        if empty_declared {
            declared.push(String::new());
        }
    }
    for w in &words {
        let Some((p, _)) = w.text.split_once(':') else { continue };
        if w.text.starts_with(['?', '$', '_']) || p.chars().next().is_some_and(|c| c.is_ascii_digit()) {
            continue;
        }
        if !declared.iter().any(|d| d == p) {
            let mut known: Vec<String> = declared.iter().filter(|d| !d.is_empty()).map(|d| format!("{d}:")).collect();
            known.sort();
            known.dedup();
            return format!(
                "unknown prefix '{p}:' in {} (line {}, column {}): declare it (PREFIX {p}: <…>) or use a known one: {}",
                w.text,
                w.line,
                w.column,
                known.join(" ")
            );
        }
    }
    // A relative IRI is the cause only if the text parses once it has a base.
    let parses_with_base = || {
        let parser = prefixed_parser().with_base_iri("http://igokg.invalid/");
        parser.is_ok_and(|p| if is_update { p.parse_update(text).is_ok() } else { p.parse_query(text).is_ok() })
    };
    if let (false, Some((iri, line, column)), true) = (has_base, relative, !has_base && parses_with_base()) {
        return format!(
            "the relative IRI <{iri}> (line {line}, column {column}) needs a base IRI to resolve against: add BASE <…> to the query, or pass --base IRI"
        );
    }
    message.to_owned()
}

/// A SPARQL parser that knows the project's prefixes.
pub fn prefixed_parser() -> spargebra::SparqlParser {
    let mut parser = spargebra::SparqlParser::new();
    for (p, ns) in crate::vocab::PREFIXES {
        parser = match parser.clone().with_prefix(*p, *ns) {
            Ok(x) => x,
            Err(_) => parser,
        };
    }
    parser
}

fn node_props(
    t: &oxigraph::store::Transaction<'_>,
    node: NamedNodeRef<'_>,
    g: GraphNameRef<'_>,
) -> Result<Vec<(NamedNode, Term)>, StoreError> {
    t.quads_for_pattern(Some(node.into()), None, None, Some(g)).map(|q| q.map(|q| (q.predicate, q.object)).map_err(Into::into)).collect()
}

/// The file `igokg serve` writes in the store folder while it serves: `{"pid", "url", "started"}`.
pub const SERVE_LOCK_FILE: &str = "igokg-serve.lock.json";

/// The pid and URL of the `igokg serve` that holds the store, and whether it allows updates, if
/// its lock file names a live process.
pub fn serving(path: &Path) -> Option<(u32, String, bool)> {
    let text = std::fs::read_to_string(path.join(SERVE_LOCK_FILE)).ok()?;
    let v: serde_json::Value = serde_json::from_str(&text).ok()?;
    let pid = u32::try_from(v.get("pid")?.as_u64()?).ok()?;
    let url = v.get("url")?.as_str()?.trim_end_matches('/').to_owned();
    // Alive, and an igokg process (a pid may have been reused since a server was killed).
    let alive = if Path::new("/proc").exists() {
        std::fs::read(Path::new("/proc").join(pid.to_string()).join("cmdline")).is_ok_and(|c| c.windows(5).any(|w| w == b"igokg"))
    } else {
        true
    };
    let updates = v.get("updates").and_then(serde_json::Value::as_bool).unwrap_or(true);
    alive.then_some((pid, url, updates))
}

/// A bulk load killed mid-way leaves `bulk-*.sst` files; remove them before opening.
pub fn cleanup_bulk_leftovers(path: &Path) -> usize {
    let Ok(dir) = std::fs::read_dir(path) else { return 0 };
    let mut n = 0;
    for entry in dir.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with("bulk-") && name.ends_with(".sst") && std::fs::remove_file(entry.path()).is_ok() {
            n += 1;
        }
    }
    if n > 0 {
        eprintln!("igokg: removed {n} leftover bulk-load file(s) from an interrupted load in {}", path.display());
    }
    n
}

#[cfg(test)]
mod syntax_tests {
    use super::*;

    fn error_of(q: &str) -> String {
        match Store::in_memory().unwrap().query(q) {
            Err(StoreError::Syntax(m)) => m,
            Err(e) => panic!("not a syntax error: {e}"),
            Ok(_) => panic!("accepted: {q}"),
        }
    }

    #[test]
    fn an_unknown_prefix_is_named_with_the_known_ones() {
        let e = error_of("PREFIX ex: <http://example.org/>\nSELECT * WHERE { ?s foo:bar ex:x }");
        assert!(e.contains("unknown prefix 'foo:'") && e.contains("line 2"), "{e}");
        assert!(e.contains("ex:") && e.contains("org:") && e.contains("igoid:"), "{e}");
    }

    #[test]
    fn a_misspelt_query_form_is_named() {
        let e = error_of("SELEC ?s WHERE { ?s ?p ?o }");
        assert!(e.contains("'SELEC'") && e.contains("did you mean SELECT?"), "{e}");
    }

    #[test]
    fn an_update_sent_as_a_query_says_where_updates_go() {
        let e = error_of("PREFIX ex: <http://example.org/>\nINSERT DATA { ex:a ex:b ex:c }");
        assert!(e.contains("SPARQL Update") && e.contains("--allow-update") && e.contains("igokg add"), "{e}");
    }

    #[test]
    fn a_relative_iri_without_a_base_says_so_and_a_base_resolves_it() {
        let st = Store::in_memory().unwrap();
        let e = error_of("SELECT * WHERE { <s> ?p ?o }");
        assert!(e.contains("relative IRI <s>") && e.contains("--base"), "{e}");
        let e = error_of("PREFIX ex: <http://example.org/>\nSELECT * WHERE { ?s ex:p <#o> }");
        assert!(e.contains("relative IRI <#o>") && e.contains("line 2"), "{e}");
        let opts = QueryOptions::new(Some("http://example.org/dir/q.rq".into()), DefaultGraph::Union).unwrap();
        let QueryResults::Solutions(mut s) = st.query_with("SELECT (IRI(\"x\") AS ?i) WHERE { }", &opts, &Limits::default(), None).unwrap()
        else {
            panic!("not solutions")
        };
        assert_eq!(s.next().unwrap().unwrap().get("i").unwrap().to_string(), "<http://example.org/dir/x>");
        assert!(QueryOptions::new(Some("dir/".into()), DefaultGraph::Union).is_err());
    }

    #[test]
    fn the_default_graph_is_the_union_or_the_stores_own() {
        let st = Store::in_memory().unwrap();
        let ex = |s: &str| NamedNode::new_unchecked(format!("http://example.org/{s}"));
        st.insert_quads(&[Quad::new(ex("a"), ex("p"), ex("b"), GraphName::DefaultGraph), Quad::new(ex("c"), ex("p"), ex("d"), ex("g"))])
            .unwrap();
        let count = |mode| {
            let opts = QueryOptions { base: None, default_graph: mode };
            let QueryResults::Solutions(s) = st.query_with("SELECT * { ?s ?p ?o }", &opts, &Limits::default(), None).unwrap() else {
                panic!()
            };
            s.count()
        };
        assert_eq!(count(DefaultGraph::Union), 2);
        assert_eq!(count(DefaultGraph::Default), 1);
    }
}

#[cfg(all(test, feature = "rocksdb"))]
mod tests {
    use super::*;

    #[test]
    fn leftovers_of_a_killed_bulk_load_are_removed_on_the_next_open_only() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        // While a process holds the store, another open fails on the lock and touches nothing.
        let fake = dir.path().join("bulk-12345.sst");
        std::fs::write(&fake, b"half an SST file").unwrap();
        assert!(matches!(Store::open(dir.path()), Err(StoreError::Locked { .. })));
        assert!(fake.exists(), "a file of a running bulk load was removed");
        drop(store);
        let _store = Store::open(dir.path()).unwrap();
        assert!(!fake.exists(), "the leftover is still there");
        assert!(dir.path().join("CURRENT").exists());
    }
}
