//! Fact extraction from news text in Arabic, Russian and English.
//!
//! Deterministic and offline: the text is normalised ([`crate::normalize`]) with a map back to
//! the original, cut into sentences, clauses and words; words are stemmed by script (Russian
//! case endings, Arabic clitics) and matched leftmost-longest against the gazetteer's names and
//! the phrases of the pattern files in `ontology/patterns/` (months, weekdays, relative dates,
//! nationality adjectives, titles, trigger words). Relation rules (`rules.rs`) then read each
//! sentence as a sequence of typed units — persons, states, titles, triggers, dates — so that a
//! new language is a new pattern file, not new code.
//!
//! Every fact carries its evidence: the sentence as quote, its span in Unicode code points of
//! the original text (`text[start..end] == quote`), the language, a rule id and a confidence.

pub mod dates;
mod fuzz;
pub mod lang;
mod mint;
mod rules;

pub use fuzz::fuzz_one;

use crate::gazetteer::Gazetteer;
use crate::model::{EntityType, Fact, PartialDate, Position, Value};
use crate::normalize::normalize_with_map;
use lang::{LangData, Pattern, Relative};
use std::collections::HashMap;

/// What the caller knows about the document.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The source (URL or file name); each source is one named graph.
    pub source: String,
    /// `ar`, `ru` or `en`; `None` detects the language from the script.
    pub lang: Option<String>,
    /// The publication date; `None` looks for a date line near the top of the text.
    pub published: Option<PartialDate>,
    pub publisher: Option<String>,
    /// When the facts are recorded (xsd:dateTime), set by the caller.
    pub recorded: Option<String>,
}

/// Why a document cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ExtractError {
    #[error("{source_name}: not UTF-8 text (invalid byte at offset {offset})")]
    NotUtf8 { source_name: String, offset: usize },
    #[error("unsupported language '{0}': expected auto, ar, ru or en")]
    Language(String),
}

/// Decodes a document, naming the byte offset of the first invalid byte.
pub fn decode<'a>(bytes: &'a [u8], source: &str) -> Result<&'a str, ExtractError> {
    std::str::from_utf8(bytes).map_err(|e| ExtractError::NotUtf8 { source_name: source.to_owned(), offset: e.valid_up_to() })
}

/// The language of a text from the scripts of its letters: `ar`, `ru` or `en`.
pub fn detect_lang(text: &str) -> &'static str {
    let (mut ar, mut ru, mut en) = (0usize, 0usize, 0usize);
    for c in text.chars().take(200_000) {
        match c {
            '\u{0600}'..='\u{06FF}' => ar += 1,
            '\u{0400}'..='\u{04FF}' => ru += 1,
            c if c.is_ascii_alphabetic() => en += 1,
            _ => {}
        }
    }
    if ar >= ru && ar >= en && ar > 0 {
        "ar"
    } else if ru >= en && ru > 0 {
        "ru"
    } else {
        "en"
    }
}

/// Extracts the facts a text states.
pub fn extract(text: &str, opts: &Options, gaz: &Gazetteer) -> Result<Vec<Fact>, ExtractError> {
    Extractor::new(gaz).extract(text, opts)
}

/// Extracts the facts a text states with the entities they introduce.
pub fn extract_all(text: &str, opts: &Options, gaz: &Gazetteer) -> Result<Extraction, ExtractError> {
    Extractor::new(gaz).extract_all(text, opts)
}

/// What a dictionary phrase stands for.
#[derive(Debug, Clone, Copy)]
enum Payload {
    Pat(Pattern),
    /// An entity (index in the dictionary's own entity list); true when the name is an acronym
    /// that must be written in capitals (US, CSTO, РФ).
    Ent(usize, bool),
}

/// Phrases → meanings, with the longest phrase per first word for leftmost-longest matching.
#[derive(Debug, Default)]
pub(crate) struct Dict {
    map: HashMap<String, Vec<Payload>>,
    first: HashMap<String, usize>,
}

impl Dict {
    fn add(&mut self, key: String, p: Payload) {
        let n = key.split(' ').count();
        let first = key.split(' ').next().unwrap_or_default().to_owned();
        let m = self.first.entry(first).or_insert(0);
        *m = (*m).max(n);
        let v = self.map.entry(key).or_default();
        let dup = v.iter().any(|q| match (q, &p) {
            (Payload::Ent(a, _), Payload::Ent(b, _)) => a == b,
            (Payload::Pat(a), Payload::Pat(b)) => a == b,
            _ => false,
        });
        if !dup {
            v.push(p);
        }
    }

    fn add_names<'a>(&mut self, idx: usize, names: impl IntoIterator<Item = &'a str>) {
        let data = LangData::get();
        for n in names {
            let key = data.phrase_key(n);
            let len = key.chars().filter(|c| c.is_alphanumeric()).count();
            if len < 2 || (lang::script_of(&key) == lang::Script::Arabic && !key.contains(' ') && len < 3) {
                continue;
            }
            self.add(key, Payload::Ent(idx, is_acronym(n)));
        }
    }
}

/// A name written as an acronym (at most 8 letters, all capitals, one word): it matches only
/// in capitals.
fn is_acronym(n: &str) -> bool {
    let letters = n.chars().filter(|c| c.is_alphabetic()).count();
    (2..=8).contains(&letters) && n.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase) && !n.contains(' ')
}

/// Entities that only serve text matching (GeoNames cities, COW organisations), shared by every
/// extractor and parsed once.
struct Extra {
    ents: Vec<crate::model::Entity>,
    /// A city that matches only after a place preposition ("in", "в", "في"): every GeoNames
    /// city but the very large ones, so that "Nice", "Mobile" or "Of" stay words.
    gated: Vec<bool>,
    dict: Dict,
}

/// A city this large matches without a preposition before it.
const UNGATED_POPULATION: u64 = 1_000_000;

fn extra() -> &'static Extra {
    static EXTRA: std::sync::OnceLock<Extra> = std::sync::OnceLock::new();
    EXTRA.get_or_init(|| {
        let data = LangData::get();
        // A city name that is a word of the pattern files ("المدينة" the city, "Совето" →
        // "совет" a council) is that word, not the city.
        let words: std::collections::HashSet<&str> = data
            .phrases
            .iter()
            .flat_map(|(k, _)| k.split(' '))
            .chain(data.place_preps.iter().map(String::as_str))
            .chain(data.not_names.iter().map(String::as_str))
            .chain(data.function_words.iter().map(String::as_str))
            .collect();
        let mut x = Extra { ents: Vec::new(), gated: Vec::new(), dict: Dict::default() };
        for c in crate::gazetteer::geonames_cities() {
            let i = x.ents.len();
            let names = c.entity.labels.iter().chain(&c.entity.aliases).map(|n| n.text.as_str());
            let names: Vec<&str> = names.filter(|n| !words.contains(data.phrase_key(n).as_str())).collect();
            x.dict.add_names(i, names);
            x.gated.push(c.population < UNGATED_POPULATION);
            x.ents.push(c.entity);
        }
        for e in crate::gazetteer::cow_organisations() {
            let i = x.ents.len();
            x.dict.add_names(i, e.labels.iter().map(|n| n.text.as_str()).chain(e.notations.iter().map(String::as_str)));
            x.gated.push(false);
            x.ents.push(e);
        }
        x
    })
}

/// Whether an entity comes from the extractor's text-matching tables (GeoNames cities, COW
/// organisations), which every extractor holds already.
pub fn is_table_entity(iri: &str) -> bool {
    static IRIS: std::sync::OnceLock<std::collections::HashSet<&'static str>> = std::sync::OnceLock::new();
    IRIS.get_or_init(|| extra().ents.iter().map(|e| e.iri.as_str()).collect()).contains(iri)
}

/// The facts of a document and the entities they name that the gazetteer does not hold:
/// entities minted from the text (`minted_by` set) and those of the text-matching tables
/// (GeoNames cities, COW organisations), to be written with the facts
/// ([`crate::graph::Batch::entities`]).
#[derive(Debug, Clone, Default)]
pub struct Extraction {
    pub facts: Vec<Fact>,
    pub entities: Vec<crate::model::Entity>,
}

/// The name and version recorded as `igo:mintedBy` on the entities the extractor mints.
pub fn minted_by() -> String {
    format!("igokg-extract {}", env!("CARGO_PKG_VERSION"))
}

/// An extractor over one gazetteer: the name dictionary is built once and reused. It is `Sync`:
/// one extractor serves several threads.
pub struct Extractor<'g> {
    gaz: &'g Gazetteer,
    dict: Dict,
    iso: HashMap<String, usize>,
    /// Known offices (person, position, of) from the reference data.
    offices: Vec<(usize, Position, usize)>,
    /// Words that put a place after them ("in", "в", "في").
    pub(crate) place_preps: std::collections::HashSet<String>,
    /// Names of gazetteer entities given by the pattern files (`[entities]`), normalised.
    pattern_names: HashMap<usize, Vec<String>>,
    /// Arabic words of the people the gazetteer knows → their English spelling ("محمد" →
    /// "Mohamed"), for the English label of an Arabic name nobody listed.
    pub(crate) arabic_words: HashMap<String, String>,
}

impl<'g> Extractor<'g> {
    pub fn new(gaz: &'g Gazetteer) -> Self {
        let data = LangData::get();
        let mut x = Extractor {
            gaz,
            dict: Dict::default(),
            iso: HashMap::new(),
            offices: Vec::new(),
            place_preps: data.place_preps.iter().cloned().collect(),
            pattern_names: HashMap::new(),
            arabic_words: mint::arabic_word_spellings(gaz.entities()),
        };
        for (key, pat) in &data.phrases {
            x.dict.add(key.clone(), Payload::Pat(*pat));
        }
        for (i, e) in gaz.entities().iter().enumerate() {
            let mut names: Vec<&str> = e.labels.iter().chain(&e.aliases).map(|n| n.text.as_str()).collect();
            if e.kind == EntityType::Organization {
                names.extend(e.notations.iter().map(String::as_str));
            }
            if e.kind == EntityType::State {
                for n in &e.notations {
                    if n.len() == 2 {
                        x.iso.insert(n.to_uppercase(), i);
                    }
                }
            }
            x.dict.add_names(i, names);
        }
        for (name, key, written) in &data.entity_names {
            if let Some(i) = gaz.resolve(name, &[]).ok().and_then(|e| gaz.index_of(&e.iri)) {
                x.dict.add(key.clone(), Payload::Ent(i, is_acronym(written)));
                x.pattern_names.entry(i).or_default().push(crate::normalize::normalize(written));
            }
        }
        // The text-matching tables join the same dictionary (one lookup per word), behind the
        // gazetteer: a name the gazetteer knows keeps the gazetteer's meaning unless the text
        // names the table's entity unambiguously too (`analyse`).
        let g = gaz.entities().len();
        let extra = extra();
        for (key, ps) in &extra.dict.map {
            for p in ps {
                if let Payload::Ent(e, acr) = p {
                    x.dict.add(key.clone(), Payload::Ent(g + e, *acr));
                }
            }
        }
        if let Ok(facts) = gaz.reference_facts() {
            for f in facts {
                let (Some(p), Some(o), Some(crate::model::Code::Position(pos))) = (f.entity("person"), f.entity("of"), f.code("position"))
                else {
                    continue;
                };
                if f.get("end").is_some() {
                    continue;
                }
                if let (Some(pi), Some(oi)) = (gaz.index_of(&p.iri), gaz.index_of(&o.iri)) {
                    x.offices.push((pi, pos, oi));
                }
            }
        }
        x
    }

    /// The entity at an index of the extractor's index space: the gazetteer's entities, then
    /// the text-matching tables, then the entities minted from the document.
    pub(crate) fn entity<'a>(&'a self, i: usize, minted: &'a [crate::model::Entity]) -> &'a crate::model::Entity {
        let g = self.gaz.entities().len();
        let x = extra();
        if i < g {
            &self.gaz.entities()[i]
        } else if i < g + x.ents.len() {
            &x.ents[i - g]
        } else {
            &minted[i - g - x.ents.len()]
        }
    }

    /// The first index of the entities minted from a document.
    pub(crate) fn minted_base(&self) -> usize {
        self.gaz.entities().len() + extra().ents.len()
    }

    /// Extracts the facts a text states.
    pub fn extract(&self, text: &str, opts: &Options) -> Result<Vec<Fact>, ExtractError> {
        Ok(self.extract_all(text, opts)?.facts)
    }

    /// Extracts the facts a text states with the entities they introduce.
    pub fn extract_all(&self, text: &str, opts: &Options) -> Result<Extraction, ExtractError> {
        let lang = match opts.lang.as_deref() {
            None | Some("auto") | Some("") => detect_lang(text),
            Some("ar") => "ar",
            Some("ru") => "ru",
            Some("en") => "en",
            Some(other) => return Err(ExtractError::Language(other.to_owned())),
        };
        if text.len() <= CHUNK {
            return Ok(self.extract_piece(text, lang, opts));
        }
        // A huge input is not one article: read it in pieces cut at line ends, so that memory
        // stays bounded, and shift the spans back into the whole text.
        let mut out = Extraction::default();
        let mut opts = opts.clone();
        let (mut rest, mut offset) = (text, 0usize);
        while !rest.is_empty() {
            let mut cut = rest.len().min(CHUNK);
            while !rest.is_char_boundary(cut) {
                cut -= 1;
            }
            if cut < rest.len() {
                if let Some(nl) = rest[..cut].rfind('\n').filter(|&nl| nl > CHUNK / 2) {
                    cut = nl + 1;
                }
            }
            let piece = &rest[..cut];
            let mut got = self.extract_piece(piece, lang, &opts);
            if opts.published.is_none() {
                opts.published = got.facts.first().and_then(|f| f.provenance.published);
            }
            for f in &mut got.facts {
                if let Some((s, e)) = f.provenance.span {
                    f.provenance.span = Some((s + offset, e + offset));
                }
            }
            out.facts.append(&mut got.facts);
            for e in got.entities {
                if !out.entities.iter().any(|x| x.iri == e.iri) {
                    out.entities.push(e);
                }
            }
            offset += piece.chars().count();
            rest = &rest[cut..];
        }
        Ok(out)
    }

    /// One article (or piece of one): find the names it introduces, read it again with them.
    fn extract_piece(&self, text: &str, lang: &str, opts: &Options) -> Extraction {
        let toks = tokenize(text);
        let doc = self.analyse(toks.clone(), &Dict::default());
        let chars: Vec<char> = text.chars().collect();
        let found = mint::find(self, &doc, &chars, lang);
        let (doc, minted) = if found.is_empty() {
            (doc, Vec::new())
        } else {
            let mut local = Dict::default();
            let mut minted = Vec::new();
            for (i, m) in found.into_iter().enumerate() {
                for (k, acr) in m.keys {
                    local.add(k, Payload::Ent(i, acr));
                }
                minted.push(m.entity);
            }
            (self.analyse(toks, &local), minted)
        };
        let facts = rules::run(self, &doc, text, lang, opts, &minted);
        // The entities of the facts that the gazetteer does not hold, in order of first use.
        let mut entities: Vec<crate::model::Entity> = Vec::new();
        let extra = extra();
        for f in &facts {
            for v in f.args.values() {
                let iri = match v {
                    Value::Entity(e) => &e.iri,
                    Value::Event(ev) => &ev.organization.iri,
                    _ => continue,
                };
                if self.gaz.by_iri(iri).is_some() || entities.iter().any(|e| &e.iri == iri) {
                    continue;
                }
                if let Some(e) = minted.iter().find(|e| &e.iri == iri).or_else(|| extra.ents.iter().find(|e| &e.iri == iri)) {
                    entities.push(e.clone());
                }
                if let Value::Event(ev) = v {
                    if let Some(p) = &ev.place {
                        if self.gaz.by_iri(&p.iri).is_none() && !entities.iter().any(|e| e.iri == p.iri) {
                            if let Some(e) = extra.ents.iter().find(|e| e.iri == p.iri) {
                                entities.push(e.clone());
                            }
                        }
                    }
                }
            }
        }
        Extraction { facts, entities }
    }

    /// Units and dates of a tokenised text, with the names of `local` (minted from it).
    fn analyse(&self, toks: Vec<Tok>, local: &Dict) -> Doc {
        let extra = extra();
        let g = self.gaz.entities().len();
        let base = self.minted_base();
        let mut units = Vec::new();
        let mut i = 0;
        while i < toks.len() {
            let (n, payloads, src, variant) = self.longest(&toks, i, &[&self.dict, local]);
            if n == 0 {
                i += 1;
                continue;
            }
            let payloads = if src == 0 { self.closest_names(&toks[i..i + n], variant, payloads) } else { payloads };
            let mut any = false;
            for p in payloads {
                let k = match p {
                    Payload::Pat(Pattern::Month(m)) => UK::Month(m),
                    Payload::Pat(Pattern::Weekday(w)) => UK::Weekday(w),
                    Payload::Pat(Pattern::Ordinal(d)) => UK::Ordinal(d),
                    // "اليوم" is today, "يوم" only a day.
                    Payload::Pat(Pattern::Relative(Relative::Today)) if n == 1 && toks[i].bare => continue,
                    Payload::Pat(Pattern::Relative(r)) => UK::Rel(r),
                    Payload::Pat(Pattern::Nationality(iso)) => match self.iso.get(iso) {
                        Some(&s) => UK::Adj(s),
                        None => continue,
                    },
                    // ("عبد الأمير", "عبد الملك": a title word after "عبد" is a name)
                    Payload::Pat(Pattern::Title(_)) if i > 0 && toks[i - 1].keys[0] == "عبد" && toks[i - 1].end + 1 >= toks[i].start => {
                        continue
                    }
                    Payload::Pat(Pattern::Title(p)) => UK::Title(p),
                    // (a one-letter word in capitals is an initial: "С. Мухриддин", not «с»)
                    Payload::Pat(Pattern::Trigger(_)) if n == 1 && toks[i].cap && toks[i].end - toks[i].start == 1 => continue,
                    Payload::Pat(Pattern::Trigger(t)) => UK::Trig(t),
                    Payload::Ent(e, acronym) => {
                        if acronym && !toks[i].upper {
                            continue;
                        }
                        // Names are proper nouns in scripts with case: "того" is not Togo.
                        if !toks[i].cap
                            && toks[i].num.is_none()
                            && matches!(lang::script_of(&toks[i].keys[0]), lang::Script::Latin | lang::Script::Cyrillic)
                        {
                            continue;
                        }
                        let e = match src {
                            0 if (g..base).contains(&e) => {
                                let j = e - g;
                                let latin = lang::script_of(&toks[i].keys[0]) == lang::Script::Latin;
                                let city = extra.ents[j].kind == EntityType::City;
                                // A word written with the article, where the city's Arabic names
                                // have none, is the common noun ("البيان", the statement, not
                                // Bayān); a name joined by a hyphen to the next word is part of
                                // another name ("Иссык-Куль", the lake, not Esik).
                                let common = toks[i].article
                                    && !extra.ents[j]
                                        .all_names()
                                        .any(|a| lang::script_of(a) == lang::Script::Arabic && a.starts_with("ال"));
                                if city && (common || toks[i + n - 1].joined) {
                                    continue;
                                }
                                if (extra.gated[j] || (city && !latin))
                                    && !self.place_cue(&toks, i, variant)
                                    && !(city && dateline(&toks, i, n))
                                {
                                    continue;
                                }
                                e
                            }
                            0 => e,
                            _ => base + e,
                        };
                        UK::Ent(e)
                    }
                };
                any = true;
                units.push(Unit { t0: i, t1: i + n, k });
            }
            // A phrase that means nothing here (a gated city without its preposition) leaves
            // its words to shorter phrases.
            i += if any { n } else { 1 };
        }
        // A name that several entities share ("IOC": the Indian Ocean Commission, the Olympic
        // committee) means the one this text also names unambiguously ("the Indian Ocean
        // Commission (IOC)"), where there is one; else the gazetteer's, where it has one.
        let ent_at = |u: &Unit| if let UK::Ent(e) = u.k { Some(e) } else { None };
        let mut shared: HashMap<(usize, usize), Vec<usize>> = HashMap::new();
        for u in &units {
            if let Some(e) = ent_at(u) {
                shared.entry((u.t0, u.t1)).or_default().push(e);
            }
        }
        let alone: std::collections::HashSet<usize> = shared.values().filter(|v| v.len() == 1).map(|v| v[0]).collect();
        units.retain(|u| {
            let Some(e) = ent_at(u) else { return true };
            let here = &shared[&(u.t0, u.t1)];
            if here.len() < 2 {
                return true;
            }
            // (between organisations only: "في الجزائر العاصمة" names the city, and "من
            // الجزائر" is still the state or the city)
            let orgs = here.iter().all(|&x| x < base && self.entity(x, &[]).kind == EntityType::Organization);
            if orgs && here.iter().any(|x| alone.contains(x)) {
                return alone.contains(&e);
            }
            !(g..base).contains(&e) || !here.iter().any(|x| *x < g)
        });
        Doc { toks, units }
    }

    /// Several entities whose names share a stem with the written form ("Нигерии" is, by stem,
    /// both Nigeria's and Niger's): only those with a name closest to the form as written.
    fn closest_names(&self, toks: &[Tok], variant: usize, payloads: Vec<Payload>) -> Vec<Payload> {
        let ents: Vec<usize> = payloads.iter().filter_map(|p| if let Payload::Ent(e, _) = p { Some(*e) } else { None }).collect();
        if ents.len() < 2 {
            return payloads;
        }
        let written: Vec<&str> =
            toks.iter().enumerate().map(|(k, t)| if k == 0 && variant > 0 { t.keys[variant].as_str() } else { t.norm.as_str() }).collect();
        let written = written.join(" ");
        let script = lang::script_of(&toks[0].norm);
        let distance = |e: usize| -> usize {
            let ent = self.entity(e, &[]);
            let own = ent.all_names().map(crate::normalize::normalize);
            let more = self.pattern_names.get(&e).into_iter().flatten().cloned();
            own.chain(more).filter(|n| lang::script_of(n) == script).map(|n| strsim::levenshtein(&n, &written)).min().unwrap_or(usize::MAX)
        };
        let ds: Vec<(usize, usize)> = ents.iter().map(|&e| (e, distance(e))).collect();
        let best = ds.iter().map(|d| d.1).min().unwrap_or(usize::MAX);
        payloads.into_iter().filter(|p| !matches!(p, Payload::Ent(e, _) if ds.iter().any(|d| d.0 == *e && d.1 > best))).collect()
    }

    /// A place preposition right before token `i`, in its sentence ("in Abuja", "в Бишкеке").
    pub(crate) fn place_prep_before(&self, toks: &[Tok], i: usize) -> bool {
        i.checked_sub(1).is_some_and(|j| toks[j].sent == toks[i].sent && self.place_preps.contains(&toks[j].keys[0]))
    }

    /// A place preposition before token `i` ("in Abuja", "в Бишкеке", "في الدوحة"), or an
    /// Arabic ب written on the word ("بالدوحة").
    fn place_cue(&self, toks: &[Tok], i: usize, variant: usize) -> bool {
        if self.place_prep_before(toks, i) {
            return true;
        }
        let prev = i.checked_sub(1).map(|j| &toks[j]).filter(|t| t.sent == toks[i].sent);
        // "قمة أبوجا", "the Kazan summit": a city named with the meeting word.
        let summit_word = |t: &Tok| {
            t.sent == toks[i].sent
                && self
                    .dict
                    .map
                    .get(&t.keys[0])
                    .is_some_and(|v| v.iter().any(|p| matches!(p, Payload::Pat(Pattern::Trigger(lang::Trigger::Summit)))))
        };
        // (Arabic puts the city after the word, English before it; Russian says "в Казани")
        let script = lang::script_of(&toks[i].keys[0]);
        if (script == lang::Script::Arabic && prev.is_some_and(summit_word))
            || (script == lang::Script::Latin && toks.get(i + 1).is_some_and(summit_word))
        {
            return true;
        }
        variant > 0 && toks[i].with_b && !toks[i].keys[variant].starts_with('ب')
    }

    /// The longest phrase starting at token `i` (within its sentence) in any of the
    /// dictionaries (the first wins a tie), what it means, which dictionary and which form of
    /// the first word matched.
    fn longest(&self, toks: &[Tok], i: usize, dicts: &[&Dict]) -> (usize, Vec<Payload>, usize, usize) {
        let sent = toks[i].sent;
        let mut best: (usize, Vec<Payload>, usize, usize) = (0, Vec::new(), 0, 0);
        for (di, dict) in dicts.iter().enumerate() {
            if dict.map.is_empty() {
                continue;
            }
            for (vi, v) in toks[i].keys.iter().enumerate() {
                let Some(&maxn) = dict.first.get(v) else { continue };
                let avail = toks[i..].iter().take(maxn).take_while(|t| t.sent == sent).count();
                // (an acronym the article defines beats the tables' at the same length)
                let beats =
                    |n: usize, p: &[Payload]| n > best.0 || (n == best.0 && di > 0 && p.iter().any(|x| matches!(x, Payload::Ent(_, true))));
                if avail < best.0 || (avail == best.0 && di == 0) {
                    continue;
                }
                // The phrase of `avail` words once; shorter phrases are its prefixes.
                let mut key = v.clone();
                let mut ends = vec![key.len()];
                for t in &toks[i + 1..i + avail] {
                    key.push(' ');
                    key.push_str(&t.keys[0]);
                    ends.push(key.len());
                }
                for n in (1..=avail).rev() {
                    if n < best.0 {
                        break;
                    }
                    if let Some(p) = dict.map.get(&key[..ends[n - 1]]) {
                        if beats(n, p) {
                            best = (n, p.clone(), di, vi);
                        }
                        break;
                    }
                }
            }
        }
        best
    }
}

/// A place name that opens a line near the top and is followed by a comma: the dateline
/// ("MONTEGO BAY, Jamaica, July 9, 2025 (Xinhua) --", "Kananaskis, Alberta, June 17").
fn dateline(toks: &[Tok], i: usize, n: usize) -> bool {
    let next = toks.get(i + n);
    toks[i].line && toks[i].sent <= 3 && next.is_some_and(|t| t.sent == toks[i].sent && t.clause != toks[i + n - 1].clause)
}

/// Inputs longer than this (in bytes) are read in pieces of about this size.
const CHUNK: usize = 1 << 20;

/// A word of the text.
#[derive(Debug, Clone)]
pub(crate) struct Tok {
    /// The stem first, then forms without clitics.
    pub keys: Vec<String>,
    /// The normalised word as written (case endings kept).
    pub norm: String,
    /// Code-point span in the original text.
    pub start: usize,
    pub end: usize,
    pub sent: usize,
    pub clause: usize,
    /// Written in capitals (two letters or more).
    pub upper: bool,
    /// Starts with a capital.
    pub cap: bool,
    pub num: Option<u32>,
    /// An Arabic word written without the article ("يوم" a day, not "اليوم" today).
    pub bare: bool,
    /// The first word of a line.
    pub line: bool,
    /// An Arabic word written with the article at its very start ("البلاد").
    pub article: bool,
    /// An Arabic word written with the preposition ب on it ("بالدوحة", "وبالرياض").
    pub with_b: bool,
    /// Joined by a hyphen to the next word ("Иссык-Куль").
    pub joined: bool,
}

/// What a matched phrase is.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum UK {
    Ent(usize),
    Adj(usize),
    Title(Position),
    Trig(lang::Trigger),
    Month(u8),
    Weekday(u8),
    Ordinal(u8),
    Rel(Relative),
}

/// A matched phrase over tokens `t0..t1`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Unit {
    pub t0: usize,
    pub t1: usize,
    pub k: UK,
}

#[derive(Debug)]
pub(crate) struct Doc {
    pub toks: Vec<Tok>,
    pub units: Vec<Unit>,
}

/// Longest sentence in words: longer runs are cut so that one huge line stays linear.
const MAX_SENTENCE: usize = 120;

/// A letter or digit, with fast paths for the scripts of the three languages.
fn is_word(c: char) -> bool {
    match c {
        c if c.is_ascii() => c.is_ascii_alphanumeric(),
        '\u{0400}'..='\u{0481}' | '\u{048A}'..='\u{052F}' => true,
        '\u{0621}'..='\u{063A}' | '\u{0641}'..='\u{064A}' | '\u{0660}'..='\u{0669}' | '\u{0671}'..='\u{06D3}' | '\u{06F0}'..='\u{06F9}' => {
            true
        }
        '\u{0600}'..='\u{06FF}' => false,
        c => c.is_alphanumeric(),
    }
}

/// Upper case, with fast paths (Arabic has no case).
fn is_upper(c: char) -> bool {
    match c {
        c if c.is_ascii() => c.is_ascii_uppercase(),
        '\u{0600}'..='\u{06FF}' => false,
        c => c.is_uppercase(),
    }
}

/// Cuts a text into words with sentence and clause numbers and spans in the original.
fn tokenize(text: &str) -> Vec<Tok> {
    let data = LangData::get();
    let chars: Vec<char> = text.chars().collect();
    let (norm, map) = normalize_with_map(text);
    let nchars: Vec<char> = norm.chars().collect();
    let mut toks: Vec<Tok> = Vec::new();
    let (mut sent, mut clause, mut in_sent, mut prev_end) = (0usize, 0usize, 0usize, 0usize);
    let mut k = 0;
    while k < nchars.len() {
        if !is_word(nchars[k]) {
            k += 1;
            continue;
        }
        let k0 = k;
        while k < nchars.len() && is_word(nchars[k]) {
            k += 1;
        }
        let (Some(&start), Some(&last)) = (map.get(k0), map.get(k - 1)) else { continue };
        let mut end = (last + 1).min(chars.len());
        // The word as written: with the article normalisation dropped ("المنامة", not "منامة")
        // and its trailing diacritics.
        let mut start = start;
        while start > prev_end && chars[start - 1].is_alphabetic() && !chars[start - 1].is_ascii() {
            start -= 1;
        }
        while end < chars.len()
            && (crate::normalize::is_arabic_mark(chars[end]) || unicode_normalization::char::is_combining_mark(chars[end]))
        {
            end += 1;
        }
        if start < prev_end || start >= end {
            continue;
        }
        let word: String = nchars[k0..k].iter().collect();
        let stem = data.stem(&word);
        if stem.is_empty() {
            continue;
        }
        // Sentence and clause breaks in the original text between the words.
        let prev_single = toks.last().is_some_and(|t| t.end - t.start == 1 && t.num.is_none());
        let mut new_sent = false;
        let mut new_clause = false;
        let mut line = toks.is_empty();
        for j in prev_end..start {
            match chars[j] {
                '\n' => {
                    new_sent = true;
                    line = true;
                }
                '!' | '?' | '؟' | '۔' => new_sent = true,
                '.' => {
                    let next = chars.get(j + 1).copied();
                    // "Aug. 8", "Jan. 1": an abbreviation before a number does not end a sentence.
                    let abbrev = toks.last().is_some_and(|t| t.end - t.start <= 4 && t.num.is_none()) && chars[start].is_ascii_digit();
                    // "St. Kitts", "Dr. Taufa": a listed abbreviation does not end one either.
                    let short = toks.last().is_some_and(|t| t.cap && data.abbreviations.contains(&t.keys[0]));
                    if !prev_single && !abbrev && !short && next.is_none_or(|c| c.is_whitespace() || c == '"' || c == '»' || c == '”') {
                        new_sent = true;
                    }
                }
                ',' | '،' | ';' | '؛' | ':' | '(' | ')' => new_clause = true,
                _ => {}
            }
        }
        if !toks.is_empty() {
            if new_sent || in_sent >= MAX_SENTENCE {
                sent += 1;
                clause += 1;
                in_sent = 0;
            } else if new_clause {
                clause += 1;
            }
        }
        in_sent += 1;
        let orig = &chars[start..end];
        let arabic = orig.first().is_some_and(|c| ('\u{0600}'..='\u{06FF}').contains(c));
        let (upper, cap) = if arabic {
            (false, false)
        } else {
            let letters: Vec<&char> = orig.iter().filter(|c| c.is_alphabetic()).collect();
            (letters.len() >= 2 && letters.iter().all(|c| is_upper(**c)), orig.first().is_some_and(|c| is_upper(*c)))
        };
        // "2024م": a year with the Arabic era letter (ميلادي) written on it.
        let word = match word.strip_suffix('م') {
            Some(w) if !w.is_empty() && w.bytes().all(|b| b.is_ascii_digit()) => w.to_owned(),
            _ => word,
        };
        let digits = word.trim_end_matches(|c: char| c.is_alphabetic());
        let ordinal = digits.len() < word.len() && digits.len() <= 2 && matches!(&word[digits.len()..], "st" | "nd" | "rd" | "th");
        let num = ((word.len() <= 4 && word.bytes().all(|b| b.is_ascii_digit())) || ordinal).then(|| digits.parse().ok()).flatten();
        // "9 و10 سبتمبر", "2024 و2025": the conjunction written on a number.
        let num = num.or_else(|| {
            let d = word.strip_prefix('و')?;
            (!d.is_empty() && d.len() <= 4 && d.bytes().all(|b| b.is_ascii_digit())).then(|| d.parse().ok()).flatten()
        });
        // (an Arabic word as written, without its marks)
        let written: String = if arabic { orig.iter().filter(|c| !crate::normalize::is_arabic_mark(**c)).collect() } else { String::new() };
        let bare = arabic && {
            let w = written.trim_start_matches(['و', 'ف', 'ب', 'ك']);
            !(w.starts_with("ال") || w.starts_with("لل"))
        };
        // The Arabic article written first ("البلاد"): normalisation has dropped it, and no
        // clitic can stand between it and the word, so "بلاد" is not ب + "لاد".
        let article = arabic && written.starts_with("ال");
        let with_b = arabic && (written.starts_with('ب') || written.starts_with("وب"));
        let keys = if article { vec![data.stem(&word)] } else { data.variants(&word) };
        // "Иссык-Куль", "Jean-Claude": joined by a hyphen to the next word.
        let joined = chars.get(end) == Some(&'-') && chars.get(end + 1).is_some_and(|c| c.is_alphabetic());
        toks.push(Tok { keys, norm: word, start, end, sent, clause, upper, cap, num, bare, line, article, with_b, joined });
        prev_end = end;
    }
    toks
}

/// The JSON Lines form of a fact whose entities may have been minted: each entity object of a
/// minted entity says `"minted": true`.
pub fn fact_to_json_with(f: &Fact, entities: &[crate::model::Entity]) -> serde_json::Value {
    let mut j = fact_to_json(f);
    let minted = |iri: &str| entities.iter().any(|e| e.iri == iri && e.minted_by.is_some());
    if let Some(m) = j.as_object_mut() {
        for v in m.values_mut() {
            let mark = |o: &mut serde_json::Value| {
                if let Some(o) = o.as_object_mut() {
                    if o.get("iri").and_then(|i| i.as_str()).is_some_and(minted) {
                        o.insert("minted".into(), serde_json::Value::Bool(true));
                    }
                }
            };
            mark(v);
            if let Some(o) = v.as_object_mut() {
                for k in ["organization", "place"] {
                    if let Some(x) = o.get_mut(k) {
                        mark(x);
                    }
                }
            }
        }
    }
    j
}

/// The JSON Lines form of a fact (DESIGN.md): arguments, evidence, rule and confidence.
pub fn fact_to_json(f: &Fact) -> serde_json::Value {
    use serde_json::{json, Map};
    let mut m = Map::new();
    m.insert("kind".into(), json!(f.kind.as_str()));
    for (k, v) in &f.args {
        let j = match v {
            Value::Entity(e) => serde_json::to_value(e).unwrap_or_default(),
            Value::Date(d) => json!(d.to_string()),
            Value::Year(y) => json!(y),
            Value::Code(c) => json!(c.as_str()),
            Value::Text(t) => json!(t),
            Value::Event(e) => {
                let mut em = Map::new();
                em.insert("organization".into(), serde_json::to_value(&e.organization).unwrap_or_default());
                em.insert("year".into(), json!(e.year));
                if let Some(d) = e.date {
                    em.insert("date".into(), json!(d.to_string()));
                }
                if let Some(p) = &e.place {
                    em.insert("place".into(), serde_json::to_value(p).unwrap_or_default());
                }
                serde_json::Value::Object(em)
            }
        };
        m.insert((*k).to_owned(), j);
    }
    let p = &f.provenance;
    let mut ev = Map::new();
    ev.insert("source".into(), json!(p.source));
    if let Some((s, e)) = p.span {
        ev.insert("start".into(), json!(s));
        ev.insert("end".into(), json!(e));
    }
    if let Some(q) = &p.quote {
        ev.insert("quote".into(), json!(q));
    }
    if let Some(l) = &p.lang {
        ev.insert("lang".into(), json!(l));
    }
    m.insert("evidence".into(), serde_json::Value::Object(ev));
    if let Some(r) = &p.rule {
        m.insert("rule".into(), json!(r));
    }
    if let Some(c) = p.confidence {
        m.insert("confidence".into(), json!(c));
    }
    serde_json::Value::Object(m)
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_events;
#[cfg(test)]
mod tests_people;
