//! Facts ⇄ quads: the only module that knows the shape of the graph.
//!
//! Every fact is an n-ary node with a deterministic IRI derived from its key (the same fact
//! from two sources is one node) plus shortcut triples (`org:memberOf`, `schema:attendee`, …).
//! Each source document is one named graph; its PROV-O description lives in the default graph,
//! and the fact's evidence (quote, span, rule, confidence) hangs off the fact node inside it.

use crate::model::{Code, Entity, EntityRef, EntityType, EventRef, Fact, FactKind, PartialDate, Provenance, Value};
use crate::vocab::{self, dcterms, igo, oa, org, prov, rdf, rdfs, schema, skos, time, xsd};
use oxigraph::model::{GraphName, Literal, NamedNode, NamedNodeRef, NamedOrBlankNode, Quad, Term};
use sha2::{Digest, Sha256};

/// Hex of the first `n` bytes of SHA-256 of `text`.
pub fn short_hash(text: &str, n: usize) -> String {
    let digest = Sha256::digest(text.as_bytes());
    digest[..n].iter().map(|b| format!("{b:02x}")).collect()
}

fn nn(iri: &str) -> NamedNode {
    // IRIs handled here come from the gazetteer, the vocabulary, or are built from hashes
    // and slugs; user-given IRIs are checked where they enter (see `term`).
    NamedNode::new_unchecked(iri)
}

/// The local part of an entity for readable derived IRIs (`Q318693`, `person/x`).
fn local(e: &EntityRef) -> String {
    e.wikidata.clone().unwrap_or_else(|| e.iri.rsplit('/').next().unwrap_or("x").to_owned())
}

/// The IRI of a summit of `organization` in `year`.
pub fn event_iri(organization: &EntityRef, year: i32) -> NamedNode {
    nn(&format!("{}event/{}-summit-{year}", vocab::ID, local(organization)))
}

/// The deterministic IRI of a fact node.
pub fn fact_iri(fact: &Fact) -> NamedNode {
    if fact.kind == FactKind::Summit {
        if let (Some(o), Some(d)) = (fact.entity("organization"), fact.date("date")) {
            return event_iri(o, d.year_value());
        }
    }
    nn(&format!("{}{}/{}", vocab::FACT, fact.kind.as_str(), short_hash(&fact.key(), 10)))
}

/// The named graph of a source document.
pub fn source_graph(source: &str) -> NamedNode {
    let name = source.rsplit(['/', '\\']).find(|s| !s.is_empty()).unwrap_or(source);
    let mut slug = crate::model::slug(name);
    slug.truncate(48);
    let slug = slug.trim_end_matches('-');
    nn(&format!("{}{}{}{}", vocab::GRAPH, slug, if slug.is_empty() { "" } else { "-" }, short_hash(source, 6)))
}

/// The concept IRI of a code.
pub fn code_iri(code: Code) -> NamedNode {
    let scheme = match code {
        Code::Role(_) => "role",
        Code::Status(_) => "status",
        Code::Position(_) => "position",
    };
    nn(&format!("{}{scheme}/{}", vocab::CODE, code.as_str()))
}

/// A partial date as a literal of the matching XSD type.
pub fn date_literal(d: PartialDate) -> Literal {
    let dt = match d {
        PartialDate::Year(_) => xsd::G_YEAR,
        PartialDate::YearMonth(..) => xsd::G_YEAR_MONTH,
        PartialDate::Date(..) => xsd::DATE,
    };
    Literal::new_typed_literal(d.to_string(), dt)
}

fn day_literal(iso: String) -> Literal {
    Literal::new_typed_literal(iso, xsd::DATE)
}

/// A calendar day (year, month, day).
pub type Day = (i32, u8, u8);

/// The `holdsFrom` of a fact stated without a start by a source without a publication date,
/// when it holds whenever asked (memberships): the first day xsd:date can name after year 0.
pub const ALWAYS_FROM: Day = (1, 1, 1);
/// The `holdsUntil` of a fact with no known end.
pub const OPEN_UNTIL: Day = (9999, 12, 31);

fn iso((y, m, d): Day) -> String {
    format!("{y:04}-{m:02}-{d:02}")
}

/// The day before `day` (proleptic Gregorian calendar).
pub fn day_before((y, m, d): Day) -> Day {
    if d > 1 {
        (y, m, d - 1)
    } else if m > 1 {
        (y, m - 1, crate::model::date::days_in_month(y, m - 1))
    } else {
        (y - 1, 12, 31)
    }
}

/// The two days an "as of" question compares, computed when a fact is written: the fact surely
/// holds during a period `[lo, hi]` when `from <= hi && until >= lo`. This is the test
/// `members --at` made at query time before (and still makes on stores written before the
/// bounds, see `query`), with the same partial-date semantics: the fact has surely begun by the
/// end of the period (its latest start; for a fact stated without a start, the last day of its
/// source's publication date) and has surely not ended at its beginning (the day before its
/// earliest end).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AsOfBounds {
    /// `None`: never known to hold at a date (a participation status stated without a date by a
    /// source without one).
    pub from: Option<Day>,
    pub until: Day,
}

/// The kinds of fact that hold over a period and get as-of bounds (a summit, a visit or a
/// year of chairmanship is an event of its dates, not a state that holds "as of" a day).
pub fn has_as_of_bounds(kind: FactKind) -> bool {
    matches!(kind, FactKind::Membership | FactKind::MembershipStatus | FactKind::Office)
}

/// The as-of bounds from the stored form of a fact: its kind, `igo:startLatest`,
/// `igo:endEarliest` and its source's publication date (the latest, if the source has several).
pub fn as_of_bounds(kind: FactKind, start_latest: Option<Day>, end_earliest: Option<Day>, published: Option<PartialDate>) -> AsOfBounds {
    let from = match (start_latest, published) {
        (Some(sl), _) => Some(sl),
        (None, Some(p)) => Some(p.latest()),
        (None, None) if kind == FactKind::MembershipStatus => None,
        (None, None) => Some(ALWAYS_FROM),
    };
    // A fact that surely ended before it surely began (a start and an end in the same year)
    // keeps its bounds: no period satisfies both comparisons.
    AsOfBounds { from, until: end_earliest.map_or(OPEN_UNTIL, day_before) }
}

/// The as-of bounds of a fact about to be written (see [`as_of_bounds`]); they agree with the
/// `igo:startLatest` / `igo:endEarliest` that [`fact_quads`] writes.
pub fn fact_as_of_bounds(fact: &Fact) -> AsOfBounds {
    let (start, end) = fact.period();
    let widened = |arg: &str, d: Option<PartialDate>| -> Option<Day> {
        let shown = d.map(PartialDate::earliest);
        let wider = fact.date(arg).map(PartialDate::earliest);
        match (shown, wider) {
            (Some(s), Some(w)) => Some(s.min(w)),
            (Some(s), None) => Some(s),
            // With no end known, a source less sure than "open" still bounds it (COW's -9 years
            // and the end of its coverage).
            (None, w) => w,
        }
    };
    let end_earliest = widened("end_earliest", end);
    as_of_bounds(fact.kind, start.map(PartialDate::latest), end_earliest, fact.provenance.published)
}

/// The quads of a fact's as-of bounds, in its source's graph (see [`as_of_bounds`]).
pub fn as_of_quads(node: &NamedNode, graph: &NamedNode, bounds: AsOfBounds, out: &mut Vec<Quad>) {
    let mut sink = QuadSink { quads: out, graph: graph.clone().into() };
    if let Some(from) = bounds.from {
        sink.add(node.clone(), igo::HOLDS_FROM, day_literal(iso(from)));
    }
    sink.add(node.clone(), igo::HOLDS_UNTIL, day_literal(iso(bounds.until)));
}

/// Reads a day back from an `xsd:date` literal (`YYYY-MM-DD`, no time zone).
pub fn literal_day(l: &Literal) -> Option<Day> {
    match l.value().parse().ok()? {
        PartialDate::Date(y, m, d) => Some((y, m, d)),
        _ => None,
    }
}

/// Reads a partial date back from a literal.
pub fn literal_date(l: &Literal) -> Option<PartialDate> {
    l.value().parse().ok()
}

/// Builds the quads of facts and sources into one graph.
pub struct QuadSink<'a> {
    pub quads: &'a mut Vec<Quad>,
    graph: GraphName,
}

impl QuadSink<'_> {
    fn add(&mut self, s: impl Into<NamedOrBlankNode>, p: NamedNodeRef<'_>, o: impl Into<Term>) {
        self.quads.push(Quad::new(s, p.into_owned(), o, self.graph.clone()));
    }
}

/// The quads of one fact (node, shortcuts, time, evidence) in its source's graph.
pub fn fact_quads(fact: &Fact, out: &mut Vec<Quad>) -> NamedNode {
    let graph: GraphName = source_graph(&fact.provenance.source).into();
    let node = fact_iri(fact);
    let mut props: Vec<(NamedNode, Term)> = Vec::new();
    let mut sink = QuadSink { quads: out, graph: graph.clone() };
    let mut p = |pred: NamedNodeRef<'_>, o: Term| props.push((pred.into_owned(), o));
    let ent = |e: &EntityRef| -> Term { nn(&e.iri).into() };

    let class = kind_class(fact.kind);
    p(rdf::TYPE, igo::FACT.into_owned().into());
    p(rdf::TYPE, class.into_owned().into());
    p(igo::KIND, Literal::from(fact.kind.as_str()).into());
    for (name, value) in &fact.args {
        let Some(pred) = arg_predicate(fact.kind, name) else { continue };
        let term: Term = match value {
            Value::Entity(e) => ent(e),
            Value::Date(d) => date_literal(*d).into(),
            Value::Year(y) => date_literal(PartialDate::Year(*y)).into(),
            Value::Code(c) => code_iri(*c).into(),
            Value::Text(t) => Literal::from(t.as_str()).into(),
            Value::Event(e) => event_iri(&e.organization, e.year).into(),
        };
        p(pred, term);
    }
    match fact.kind {
        FactKind::Membership => p(rdf::TYPE, org::MEMBERSHIP.into_owned().into()),
        FactKind::Summit => {
            p(rdf::TYPE, schema::EVENT.into_owned().into());
            if let (Some(o), Some(d)) = (fact.entity("organization"), fact.date("date")) {
                let name = fact.text("label").map_or_else(|| format!("{} summit {}", o.label, d.year_value()), str::to_owned);
                p(rdfs::LABEL, Literal::new_language_tagged_literal_unchecked(name, "en").into());
            }
        }
        _ => {}
    }
    // Time: literal bounds for "as of" queries, plus an OWL-Time interval.
    let (start, end) = fact.period();
    if has_as_of_bounds(fact.kind) {
        let bounds = fact_as_of_bounds(fact);
        if let Some(from) = bounds.from {
            p(igo::HOLDS_FROM, day_literal(iso(from)).into());
        }
        p(igo::HOLDS_UNTIL, day_literal(iso(bounds.until)).into());
    }
    // A source less sure than the shown date widens the earliest bound (`start_earliest`,
    // `end_earliest`: COW's quinquennial data before 1965, years coded -9).
    let widen = |arg: &str, d: PartialDate| -> String {
        let shown = d.earliest_iso();
        fact.date(arg).map(PartialDate::earliest_iso).filter(|w| *w < shown).unwrap_or(shown)
    };
    if end.is_none() {
        if let Some(ee) = fact.date("end_earliest") {
            p(igo::END_EARLIEST, day_literal(ee.earliest_iso()).into());
        }
    }
    if start.is_some() || end.is_some() {
        let interval = nn(&format!("{}#interval", node.as_str()));
        let link = if fact.kind == FactKind::Membership { org::MEMBER_DURING } else { igo::DURING };
        p(link, interval.clone().into());
        sink.add(interval.clone(), rdf::TYPE, time::INTERVAL.into_owned());
        for (d, which, has, earliest, latest) in [
            (start, "start", time::HAS_BEGINNING, igo::START_EARLIEST, igo::START_LATEST),
            (end, "end", time::HAS_END, igo::END_EARLIEST, igo::END_LATEST),
        ] {
            let Some(d) = d else { continue };
            let instant = nn(&format!("{}#{which}", node.as_str()));
            sink.add(interval.clone(), has, instant.clone());
            sink.add(instant.clone(), rdf::TYPE, time::INSTANT.into_owned());
            let in_xsd = match d {
                PartialDate::Year(_) => time::IN_XSD_G_YEAR,
                PartialDate::YearMonth(..) => time::IN_XSD_G_YEAR_MONTH,
                PartialDate::Date(..) => time::IN_XSD_DATE,
            };
            sink.add(instant, in_xsd, date_literal(d));
            p(earliest, day_literal(widen(if which == "start" { "start_earliest" } else { "end_earliest" }, d)).into());
            p(latest, day_literal(d.latest_iso()).into());
            if !matches!(fact.kind, FactKind::Summit | FactKind::Visit | FactKind::Founding) {
                p(if which == "start" { igo::START } else { igo::END }, date_literal(d).into());
            }
        }
    }
    // Events referenced by attendance, absence, visit or endorsement exist as schema:Event nodes.
    for v in fact.args.values() {
        if let Value::Event(e) = v {
            event_quads(e, &mut sink);
        }
    }
    for (pred, o) in &props {
        sink.add(node.clone(), pred.as_ref(), o.clone());
    }
    for q in shortcuts(fact.kind, &node, &props) {
        sink.add(q.0, q.1.as_ref(), q.2);
    }
    evidence_quads(&node, &fact.provenance, &graph, &mut sink);
    node
}

fn event_quads(e: &EventRef, sink: &mut QuadSink<'_>) {
    let iri = event_iri(&e.organization, e.year);
    sink.add(iri.clone(), rdf::TYPE, schema::EVENT.into_owned());
    sink.add(iri.clone(), schema::ORGANIZER, nn(&e.organization.iri));
    if let Some(d) = e.date {
        sink.add(iri.clone(), schema::START_DATE, date_literal(d));
    }
    if let Some(p) = &e.place {
        sink.add(iri, schema::LOCATION, nn(&p.iri));
    }
}

/// The class of a fact kind's node.
pub fn kind_class(kind: FactKind) -> NamedNodeRef<'static> {
    match kind {
        FactKind::Membership => igo::MEMBERSHIP_FACT,
        FactKind::MembershipStatus => igo::MEMBERSHIP_STATUS,
        FactKind::Chairmanship => igo::CHAIRMANSHIP,
        FactKind::Summit => igo::SUMMIT,
        FactKind::Attendance => igo::ATTENDANCE,
        FactKind::Absence => igo::ABSENCE,
        FactKind::Office => igo::OFFICE_HOLDING,
        FactKind::Visit => igo::VISIT,
        FactKind::Endorsement => igo::ENDORSEMENT,
        FactKind::Founding => igo::FOUNDING,
    }
}

/// The predicate of an argument on the fact node.
pub fn arg_predicate(kind: FactKind, arg: &str) -> Option<NamedNodeRef<'static>> {
    use FactKind as K;
    Some(match (kind, arg) {
        (_, "member") => org::MEMBER,
        (_, "organization") if kind == K::Summit => schema::ORGANIZER,
        (_, "organization") => org::ORGANIZATION,
        (_, "role") => org::ROLE,
        (_, "end_cause") => igo::END_CAUSE,
        (_, "status") => igo::PARTICIPATION_STATUS,
        (_, "chair") => igo::CHAIR,
        (_, "year") => igo::YEAR,
        (K::Summit | K::Founding, "place") => schema::LOCATION,
        (K::Summit | K::Visit, "date") => schema::START_DATE,
        (K::Founding, "date") => igo::DATE,
        (_, "end_date") => schema::END_DATE,
        (_, "label") => schema::NAME,
        (_, "participant") => igo::PARTICIPANT,
        (_, "event") => igo::EVENT,
        (_, "person") => igo::PERSON,
        (_, "position") => igo::POSITION,
        (_, "of") => igo::OF,
        (_, "destination") => igo::DESTINATION,
        (_, "purpose") => igo::PURPOSE,
        (_, "party") => igo::PARTY,
        (_, "document") => igo::DOCUMENT,
        // start/end are written with the time bounds.
        _ => return None,
    })
}

fn prop<'a>(props: &'a [(NamedNode, Term)], p: NamedNodeRef<'_>) -> Option<&'a Term> {
    props.iter().find(|(k, _)| k.as_ref() == p).map(|(_, v)| v)
}

fn as_node(t: &Term) -> Option<NamedNode> {
    match t {
        Term::NamedNode(n) => Some(n.clone()),
        _ => None,
    }
}

/// The shortcut triples a fact node implies, computed from its properties: used when writing
/// and when retracting (a shortcut stays while another fact still implies it).
pub fn shortcuts(kind: FactKind, node: &NamedNode, props: &[(NamedNode, Term)]) -> Vec<(NamedNode, NamedNode, Term)> {
    let get = |p| prop(props, p).and_then(as_node);
    let mut out = Vec::new();
    let mut link = |s: Option<NamedNode>, p: NamedNodeRef<'_>, o: Option<Term>| {
        if let (Some(s), Some(o)) = (s, o) {
            out.push((s, p.into_owned(), o));
        }
    };
    match kind {
        FactKind::Membership => link(get(org::MEMBER), org::MEMBER_OF, get(org::ORGANIZATION).map(Into::into)),
        FactKind::Chairmanship => link(get(igo::CHAIR), igo::CHAIR_OF, get(org::ORGANIZATION).map(Into::into)),
        FactKind::Attendance => link(get(igo::EVENT), schema::ATTENDEE, get(igo::PARTICIPANT).map(Into::into)),
        FactKind::Absence => link(get(igo::EVENT), igo::ABSENTEE, get(igo::PARTICIPANT).map(Into::into)),
        FactKind::Visit => link(get(igo::PERSON), igo::VISITED, get(igo::DESTINATION).map(Into::into)),
        FactKind::Endorsement => link(get(igo::PARTY), igo::ENDORSED, get(igo::EVENT).map(Into::into)),
        FactKind::Founding => {
            let o = get(org::ORGANIZATION);
            link(o.clone(), schema::FOUNDING_DATE, prop(props, igo::DATE).or_else(|| prop(props, igo::YEAR)).cloned());
            link(o, schema::FOUNDING_LOCATION, prop(props, schema::LOCATION).cloned());
        }
        FactKind::Office => {
            if let (Some(person), Some(Term::NamedNode(pos)), Some(of)) = (get(igo::PERSON), prop(props, igo::POSITION), get(igo::OF)) {
                let post = post_iri(&of, pos);
                out.push((person, org::HOLDS.into_owned(), post.clone().into()));
                out.push((post.clone(), rdf::TYPE.into_owned(), org::POST.into_owned().into()));
                out.push((post.clone(), org::POST_IN.into_owned(), of.into()));
                out.push((post, org::ROLE.into_owned(), pos.clone().into()));
            }
        }
        FactKind::MembershipStatus | FactKind::Summit => {}
    }
    let _ = node;
    out
}

/// The post of a position in a state or organisation (`igoid:post/Q159-president`).
pub fn post_iri(of: &NamedNode, position: &NamedNode) -> NamedNode {
    let of_local = of.as_str().strip_prefix(vocab::ID).unwrap_or(of.as_str()).replace('/', "-");
    let pos_local = position.as_str().rsplit('/').next().unwrap_or("post");
    nn(&format!("{}post/{of_local}-{pos_local}", vocab::ID))
}

/// The evidence node of a fact from one provenance.
pub fn evidence_iri(node: &NamedNode, p: &Provenance) -> NamedNode {
    let key = format!("{}|{:?}|{:?}|{:?}", p.source, p.span, p.quote, p.rule);
    nn(&format!("{}#ev-{}", node.as_str(), short_hash(&key, 6)))
}

fn evidence_quads(node: &NamedNode, p: &Provenance, graph: &GraphName, sink: &mut QuadSink<'_>) {
    let ev = evidence_iri(node, p);
    sink.add(node.clone(), igo::EVIDENCE_PROP, ev.clone());
    sink.add(ev.clone(), rdf::TYPE, igo::EVIDENCE.into_owned());
    if let GraphName::NamedNode(g) = graph {
        sink.add(ev.clone(), oa::HAS_SOURCE, g.clone());
    }
    sink.add(ev.clone(), igo::METHOD, Literal::from(p.method.as_str()));
    if let Some(r) = &p.rule {
        sink.add(ev.clone(), igo::RULE, Literal::from(r.as_str()));
    }
    if let Some(c) = p.confidence {
        sink.add(ev.clone(), igo::CONFIDENCE, Literal::new_typed_literal(format!("{c:.3}"), xsd::DECIMAL));
    }
    if let Some(t) = &p.recorded {
        sink.add(ev.clone(), prov::GENERATED_AT_TIME, Literal::new_typed_literal(t.as_str(), xsd::DATE_TIME));
    }
    if let Some(l) = &p.lang {
        sink.add(ev.clone(), schema::IN_LANGUAGE, Literal::from(l.as_str()));
    }
    if let Some(q) = &p.quote {
        let sel = nn(&format!("{}-quote", ev.as_str()));
        sink.add(ev.clone(), oa::HAS_SELECTOR, sel.clone());
        sink.add(sel.clone(), rdf::TYPE, oa::TEXT_QUOTE_SELECTOR.into_owned());
        match &p.lang {
            Some(l) => sink.add(sel, oa::EXACT, Literal::new_language_tagged_literal_unchecked(q.as_str(), l.to_ascii_lowercase())),
            None => sink.add(sel, oa::EXACT, Literal::from(q.as_str())),
        }
    }
    if let Some((s, e)) = p.span {
        let sel = nn(&format!("{}-pos", ev.as_str()));
        sink.add(ev.clone(), oa::HAS_SELECTOR, sel.clone());
        sink.add(sel.clone(), rdf::TYPE, oa::TEXT_POSITION_SELECTOR.into_owned());
        sink.add(sel.clone(), oa::START, Literal::new_typed_literal(s.to_string(), xsd::NON_NEGATIVE_INTEGER));
        sink.add(sel, oa::END, Literal::new_typed_literal(e.to_string(), xsd::NON_NEGATIVE_INTEGER));
    }
}

/// Metadata of a source document for the default graph.
#[derive(Debug, Clone, Default)]
pub struct SourceMeta {
    pub source: String,
    pub published: Option<PartialDate>,
    pub lang: Option<String>,
    pub publisher: Option<String>,
    pub recorded: Option<String>,
    pub extractor_version: Option<String>,
    pub citation: Option<String>,
    /// The SHA-256 of the document's bytes (hex), so that a re-run can tell an unchanged
    /// document from an edited one.
    pub sha256: Option<String>,
    /// The last day the source's data describe (a dataset's coverage; written as igo:coverageEnd).
    pub coverage_end: Option<PartialDate>,
}

impl SourceMeta {
    pub fn from_provenance(p: &Provenance) -> Self {
        Self {
            source: p.source.clone(),
            published: p.published,
            lang: p.lang.clone(),
            publisher: p.publisher.clone(),
            recorded: p.recorded.clone(),
            extractor_version: None,
            citation: None,
            sha256: None,
            coverage_end: None,
        }
    }
}

/// The agent that writes every graph.
pub const AGENT: &str = "https://w3id.org/igokg/id/agent/igokg";

/// The PROV-O description of a source graph, in the default graph.
pub fn source_quads(meta: &SourceMeta, out: &mut Vec<Quad>) -> NamedNode {
    let g = source_graph(&meta.source);
    let mut sink = QuadSink { quads: out, graph: GraphName::DefaultGraph };
    sink.add(g.clone(), rdf::TYPE, igo::SOURCE_GRAPH.into_owned());
    sink.add(g.clone(), rdf::TYPE, prov::ENTITY.into_owned());
    sink.add(g.clone(), rdfs::LABEL, Literal::from(format!("Source: {}", meta.source)));
    sink.add(g.clone(), igo::SOURCE_NAME, Literal::from(meta.source.as_str()));
    if (meta.source.starts_with("http://") || meta.source.starts_with("https://")) && NamedNode::new(meta.source.as_str()).is_ok() {
        sink.add(g.clone(), schema::URL, nn(&meta.source));
    }
    if let Some(d) = meta.published {
        sink.add(g.clone(), schema::DATE_PUBLISHED, date_literal(d));
    }
    if let Some(l) = &meta.lang {
        sink.add(g.clone(), schema::IN_LANGUAGE, Literal::from(l.as_str()));
    }
    if let Some(p) = &meta.publisher {
        sink.add(g.clone(), schema::PUBLISHER, Literal::from(p.as_str()));
    }
    if let Some(t) = &meta.recorded {
        sink.add(g.clone(), prov::GENERATED_AT_TIME, Literal::new_typed_literal(t.as_str(), xsd::DATE_TIME));
    }
    if let Some(v) = &meta.extractor_version {
        sink.add(g.clone(), igo::EXTRACTOR_VERSION, Literal::from(v.as_str()));
    }
    if let Some(c) = &meta.citation {
        sink.add(g.clone(), dcterms::BIBLIOGRAPHIC_CITATION, Literal::from(c.as_str()));
    }
    if let Some(h) = &meta.sha256 {
        sink.add(g.clone(), schema::SHA256, Literal::from(h.as_str()));
    }
    if let Some(c) = meta.coverage_end {
        sink.add(g.clone(), igo::COVERAGE_END, day_literal(c.latest_iso()));
    }
    sink.add(g.clone(), prov::WAS_ATTRIBUTED_TO, nn(AGENT));
    sink.add(nn(AGENT), rdf::TYPE, prov::SOFTWARE_AGENT.into_owned());
    sink.add(nn(AGENT), rdfs::LABEL, Literal::from(concat!("igokg ", env!("CARGO_PKG_VERSION"))));
    g
}

/// The graph holding entity descriptions (the gazetteer's names and Wikidata links).
pub fn entities_graph() -> NamedNode {
    nn(&format!("{}entities", vocab::GRAPH))
}

/// The quads describing an entity.
pub fn entity_quads(e: &Entity, out: &mut Vec<Quad>) {
    let mut sink = QuadSink { quads: out, graph: entities_graph().into() };
    let s = nn(&e.iri);
    let class = match e.kind {
        EntityType::State if e.historical => igo::HISTORICAL_STATE,
        EntityType::State => igo::STATE,
        EntityType::City => igo::CITY,
        EntityType::Organization => igo::INTERNATIONAL_ORGANIZATION,
        EntityType::Person => schema::PERSON,
    };
    sink.add(s.clone(), rdf::TYPE, class.into_owned());
    for n in &e.labels {
        sink.add(s.clone(), rdfs::LABEL, lang_literal(&n.text, &n.lang));
    }
    for n in &e.aliases {
        sink.add(s.clone(), skos::ALT_LABEL, lang_literal(&n.text, &n.lang));
    }
    for c in &e.notations {
        sink.add(s.clone(), skos::NOTATION, Literal::from(c.as_str()));
    }
    // The name index: each distinct normalised name once (see igo:nameKey).
    let mut keys: Vec<String> =
        e.labels.iter().chain(&e.aliases).map(|n| crate::normalize::normalize(&n.text)).filter(|k| !k.is_empty()).collect();
    keys.sort();
    keys.dedup();
    for k in keys {
        sink.add(s.clone(), igo::NAME_KEY, Literal::from(k));
    }
    if let Some(m) = &e.minted_by {
        sink.add(s.clone(), igo::MINTED_BY, Literal::from(m.as_str()));
    }
    if e.romanised {
        if let Some(n) = e.labels.iter().find(|n| n.lang == "en") {
            sink.add(s.clone(), igo::ROMANISED_LABEL, lang_literal(&n.text, "en"));
        }
    }
    if let Some(q) = &e.wikidata {
        sink.add(s.clone(), vocab::OWL_SAME_AS, nn(&format!("{}{q}", vocab::WD)));
        sink.add(s.clone(), igo::WIKIDATA_ID, Literal::from(q.as_str()));
    }
    if let Some(c) = &e.country {
        sink.add(s.clone(), schema::CONTAINED_IN_PLACE, nn(c));
        if e.capital {
            sink.add(s, igo::CAPITAL_OF, nn(c));
        }
    }
}

fn lang_literal(text: &str, lang: &str) -> Literal {
    if lang == "und" || lang.is_empty() {
        Literal::from(text)
    } else {
        Literal::new_language_tagged_literal_unchecked(text, lang)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gazetteer::Gazetteer;
    use crate::model::Method;

    fn fact(kind: FactKind, args: &[(&str, &str)], source: &str) -> Fact {
        let g = Gazetteer::builtin();
        Fact::from_strings(kind, args.iter().copied(), Provenance::new(source, Method::Cli), &g).unwrap()
    }

    #[test]
    fn the_same_fact_from_two_sources_is_one_node_in_two_graphs() {
        let args = [("member", "Armenia"), ("organization", "CSTO"), ("status", "frozen"), ("start", "2024-02")];
        let a = fact(FactKind::MembershipStatus, &args, "a.txt");
        let b = fact(FactKind::MembershipStatus, &args, "https://example.org/b");
        assert_eq!(fact_iri(&a), fact_iri(&b));
        assert_ne!(source_graph("a.txt"), source_graph("https://example.org/b"));
    }

    #[test]
    fn membership_writes_node_shortcut_and_interval() {
        let f = fact(FactKind::Membership, &[("member", "Armenia"), ("organization", "CSTO"), ("start", "2002")], "x");
        let mut q = Vec::new();
        let node = fact_iri(&f);
        fact_quads(&f, &mut q);
        let has = |s: &str, p: NamedNodeRef<'_>, o: &str| {
            q.iter().any(|x| x.subject.to_string() == s && x.predicate == p && x.object.to_string() == o)
        };
        assert!(has("<https://w3id.org/igokg/id/Q399>", org::MEMBER_OF, "<https://w3id.org/igokg/id/Q318693>"));
        assert!(has(&node.to_string(), org::ROLE, "<https://w3id.org/igokg/code/role/full>"));
        assert!(has(&node.to_string(), igo::START_LATEST, "\"2002-12-31\"^^<http://www.w3.org/2001/XMLSchema#date>"));
        assert!(q.iter().all(|x| x.graph_name == GraphName::from(source_graph("x"))));
    }

    fn bound(q: &[Quad], p: NamedNodeRef<'_>) -> Option<String> {
        q.iter().find(|x| x.predicate == p).map(|x| match &x.object {
            Term::Literal(l) => l.value().to_owned(),
            o => o.to_string(),
        })
    }

    #[test]
    fn a_fact_carries_the_two_days_an_as_of_question_compares() {
        type Case<'a> = (&'a [(&'a str, &'a str)], Option<&'a str>, &'a str);
        let cases: &[Case<'_>] = &[
            (&[("start", "2012")], Some("2012-12-31"), "9999-12-31"),
            (&[("start", "2006"), ("end", "2012")], Some("2006-12-31"), "2011-12-31"),
            (&[("start", "2006-05-15"), ("end", "2012-03")], Some("2006-05-15"), "2012-02-29"),
            (&[("start", "2006"), ("end_earliest", "2015")], Some("2006-12-31"), "2014-12-31"),
            (&[], Some("0001-01-01"), "9999-12-31"),
        ];
        for (args, from, until) in cases {
            let mut all = vec![("member", "Armenia"), ("organization", "CSTO")];
            all.extend_from_slice(args);
            let f = fact(FactKind::Membership, &all, "x");
            let mut q = Vec::new();
            fact_quads(&f, &mut q);
            assert_eq!(bound(&q, igo::HOLDS_FROM).as_deref(), *from, "{args:?}");
            assert_eq!(bound(&q, igo::HOLDS_UNTIL).as_deref(), Some(*until), "{args:?}");
        }
    }

    #[test]
    fn an_undated_fact_holds_from_the_last_day_of_its_sources_publication_date() {
        let g = Gazetteer::builtin();
        for (published, from) in [(Some("2024-11-28"), Some("2024-11-28")), (Some("2024"), Some("2024-12-31")), (None, None)] {
            let mut p = Provenance::new("x", Method::Cli);
            p.published = published.map(|d| d.parse().unwrap());
            let args = [("member", "Armenia"), ("organization", "CSTO"), ("status", "frozen")];
            let f = Fact::from_strings(FactKind::MembershipStatus, args.iter().copied(), p, &g).unwrap();
            let mut q = Vec::new();
            fact_quads(&f, &mut q);
            // A status stated without any date is never known to hold at a date.
            assert_eq!(bound(&q, igo::HOLDS_FROM).as_deref(), from, "{published:?}");
            assert_eq!(bound(&q, igo::HOLDS_UNTIL).as_deref(), Some("9999-12-31"));
        }
    }

    #[test]
    fn events_get_no_as_of_bounds() {
        let s = fact(FactKind::Summit, &[("organization", "CSTO"), ("place", "Astana"), ("date", "2024-11-28")], "x");
        let mut q = Vec::new();
        fact_quads(&s, &mut q);
        assert!(bound(&q, igo::HOLDS_FROM).is_none() && bound(&q, igo::HOLDS_UNTIL).is_none());
    }

    /// The stored bounds answer every as-of question as the per-row test of the partial-date
    /// bounds did: over every pair of start and end precisions and every period around them.
    #[test]
    fn the_stored_bounds_agree_with_the_per_row_test_of_partial_dates() {
        let dates: Vec<PartialDate> =
            ["2011", "2012", "2012-02", "2012-03", "2012-02-29", "2012-03-01", "2012-12-31", "2013", "2013-01-01"]
                .iter()
                .map(|d| d.parse().unwrap())
                .collect();
        let mut checked = 0;
        for &start in &dates {
            for end in dates.iter().copied().map(Some).chain([None]) {
                if end.is_some_and(|e| e.latest() < start.earliest()) {
                    continue;
                }
                let sl = start.latest();
                let ee = end.map(PartialDate::earliest);
                let b = as_of_bounds(FactKind::Membership, Some(sl), ee, None);
                for &at in &dates {
                    let (lo, hi) = (at.earliest(), at.latest());
                    let per_row = sl <= hi && ee.is_none_or(|e| e > lo);
                    let stored = b.from.is_some_and(|f| f <= hi) && b.until >= lo;
                    assert_eq!(stored, per_row, "start {start} end {end:?} at {at}");
                    checked += 1;
                }
            }
        }
        assert!(checked > 500, "{checked}");
    }

    #[test]
    fn the_day_before_crosses_months_years_and_leap_days() {
        assert_eq!(day_before((2012, 3, 1)), (2012, 2, 29));
        assert_eq!(day_before((2013, 3, 1)), (2013, 2, 28));
        assert_eq!(day_before((2013, 1, 1)), (2012, 12, 31));
        assert_eq!(day_before((2013, 5, 17)), (2013, 5, 16));
    }

    #[test]
    fn a_source_with_a_coverage_says_where_it_ends() {
        let mut q = Vec::new();
        source_quads(&SourceMeta { source: "cow".into(), coverage_end: Some(PartialDate::Year(2014)), ..Default::default() }, &mut q);
        assert_eq!(bound(&q, igo::COVERAGE_END).as_deref(), Some("2014-12-31"));
    }

    #[test]
    fn a_summit_node_is_the_event_attendance_points_to() {
        let s = fact(FactKind::Summit, &[("organization", "CSTO"), ("place", "Astana"), ("date", "2024-11-28")], "x");
        let a = fact(FactKind::Attendance, &[("participant", "Vladimir Putin"), ("event", "CSTO@2024")], "x");
        let mut q = Vec::new();
        let summit = fact_quads(&s, &mut q);
        fact_quads(&a, &mut q);
        assert!(q.iter().any(|x| x.subject.to_string() == summit.to_string() && x.predicate == schema::ATTENDEE));
    }
}
