//! The gazetteer: names in any language → one entity.
//!
//! Built from the reference tables in `ontology/data/` (states, cities, organisations with
//! Wikidata ids, names in ar/en/ru), the people table and any entity added to the store. A name
//! resolves from any label or alias (compared after [`normalize`](crate::normalize)), from a
//! Wikidata id (`Q399`), from an ISO code or abbreviation, or from an IRI.

use crate::model::{is_wikidata_id, slug, Entity, EntityRef, EntityType, Fact, FactKind, Method, Name, Provenance, Resolve};
use crate::normalize::normalize;
use crate::vocab;
use std::collections::HashMap;

const COUNTRIES: &str = include_str!("../ontology/data/countries.tsv");
const CITIES: &str = include_str!("../ontology/data/cities.tsv");
const ORGANISATIONS: &str = include_str!("../ontology/data/organisations.tsv");
const PEOPLE: &str = include_str!("../ontology/data/people.tsv");
const OFFICES: &str = include_str!("../ontology/data/offices.tsv");
const ORGANISATIONS_MORE: &str = include_str!("../ontology/data/organisations-more.tsv");
const PEOPLE_MORE: &str = include_str!("../ontology/data/people-more.tsv");
const OFFICES_MORE: &str = include_str!("../ontology/data/offices-more.tsv");

const CITIES_GEONAMES: &str = include_str!("../ontology/data/cities-geonames.tsv");
const COW_ORGANISATIONS: &str = include_str!("../ontology/data/cow-organisations.tsv");

/// The source name of facts that come with the reference data (people's offices).
pub const REFERENCE_SOURCE: &str = "igokg reference data (ontology/data)";

/// Why a name did not resolve.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ResolveError {
    #[error("unknown {what} '{name}'{}", suggest(.closest))]
    Unknown { name: String, what: String, closest: Vec<String> },
    #[error("ambiguous name '{name}': it may be {}", .candidates.join(", or "))]
    Ambiguous { name: String, candidates: Vec<String> },
    #[error("'{name}' is {}, but {} is expected here", article(.found), article(.what))]
    WrongType { name: String, found: String, what: String },
}

/// "a state", "an organization".
fn article(noun: &str) -> String {
    if noun.starts_with(['a', 'e', 'i', 'o', 'u']) {
        format!("an {noun}")
    } else {
        format!("a {noun}")
    }
}

fn suggest(closest: &[String]) -> String {
    if closest.is_empty() {
        String::new()
    } else {
        format!("; closest: {}", closest.join(", "))
    }
}

/// Error in the bundled or user-supplied reference tables.
#[derive(Debug, thiserror::Error)]
#[error("{file} line {line}: {message}")]
pub struct TableError {
    pub file: String,
    pub line: usize,
    pub message: String,
}

/// Names → entities.
#[derive(Debug, Clone, Default)]
pub struct Gazetteer {
    entities: Vec<Entity>,
    by_iri: HashMap<String, usize>,
    by_wikidata: HashMap<String, usize>,
    by_name: HashMap<String, Vec<usize>>,
    by_code: HashMap<String, Vec<usize>>,
    offices: Vec<OfficeRow>,
    /// Person slugs of the people tables → IRIs.
    people_iri: HashMap<String, String>,
}

#[derive(Debug, Clone)]
struct OfficeRow {
    file: String,
    line: usize,
    person: String,
    position: String,
    of: String,
    start: String,
    end: String,
    source: String,
}

/// A header-indexed row of a tab-separated table (no quoting, ` | ` inside multi-valued cells).
struct Row<'a> {
    header: &'a [String],
    cells: Vec<&'a str>,
}

impl Row<'_> {
    fn get(&self, col: &str) -> &str {
        self.header.iter().position(|h| h == col).and_then(|i| self.cells.get(i)).map_or("", |s| s.trim())
    }
    fn list(&self, col: &str) -> Vec<String> {
        self.get(col).split(" | ").map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned).collect()
    }
}

type Rows<'a> = (Vec<String>, Vec<(usize, Vec<&'a str>)>);

/// The header and the numbered non-empty rows of a table.
fn rows(text: &str) -> Rows<'_> {
    let mut lines = text.lines();
    let header = lines.next().unwrap_or_default().split('\t').map(|s| s.trim().to_owned()).collect();
    (header, lines.enumerate().filter(|(_, l)| !l.trim().is_empty()).map(|(i, l)| (i + 2, l.split('\t').collect())).collect())
}

fn names(lang: &str, texts: impl IntoIterator<Item = String>) -> Vec<Name> {
    texts.into_iter().filter(|t| !t.is_empty()).map(|text| Name { lang: lang.to_owned(), text }).collect()
}

/// The project IRI of an entity: `igoid:Q399` when Wikidata knows it, else by kind and slug.
pub fn entity_iri(kind: EntityType, wikidata: Option<&str>, key: &str) -> String {
    match wikidata {
        Some(q) => format!("{}{q}", vocab::ID),
        None => format!("{}{}/{}", vocab::ID, kind.as_str(), slug(key)),
    }
}

impl Gazetteer {
    /// The gazetteer of the bundled reference data.
    pub fn builtin() -> Self {
        // The bundled tables are checked by the tests; failing here is a build defect.
        // The curated tables: what `init` writes into a store. (The GeoNames cities and the COW
        // organisations only serve text matching: see `crate::extract`.)
        let mut g = Self::from_tables(COUNTRIES, CITIES, ORGANISATIONS, PEOPLE, OFFICES);
        if let Ok(g) = &mut g {
            g.add_more(ORGANISATIONS_MORE, PEOPLE_MORE, OFFICES_MORE).unwrap_or_else(|e| panic!("bundled reference data: {e}"));
        }
        g.unwrap_or_else(|e| panic!("bundled reference data: {e}"))
    }

    /// Adds further organisation, people and office tables (same headers as the first ones;
    /// errors name the `-more` files). A row whose entity is already known is skipped.
    pub fn add_more(&mut self, orgs: &str, people: &str, offices: &str) -> Result<(), TableError> {
        self.add_orgs(orgs);
        let mut people_iri = self.add_people(people, "people-more.tsv")?;
        people_iri.extend(std::mem::take(&mut self.people_iri));
        self.add_offices(offices, "offices-more.tsv", &people_iri)?;
        self.people_iri = people_iri;
        Ok(())
    }

    /// Builds a gazetteer from the five reference tables.
    pub fn from_tables(countries: &str, cities: &str, orgs: &str, people: &str, offices: &str) -> Result<Self, TableError> {
        let mut g = Self::default();
        let mut iso2_iri = HashMap::new();
        let (h, rs) = rows(countries);
        for (_line, cells) in rs {
            let r = Row { header: &h, cells };
            let q = r.get("wikidata_qid");
            let iso2 = r.get("iso_alpha2");
            let mut aliases = names("en", r.list("aliases_en"));
            aliases.extend(names(
                "en",
                [r.get("unterm_short_en").to_owned(), r.get("unterm_formal_en").trim_start_matches("the ").to_owned()],
            ));
            aliases.extend(names(
                "ar",
                r.list("aliases_ar").into_iter().chain([r.get("unterm_short_ar").to_owned(), r.get("unterm_formal_ar").to_owned()]),
            ));
            aliases.extend(names(
                "ru",
                r.list("aliases_ru").into_iter().chain([r.get("unterm_short_ru").to_owned(), r.get("unterm_formal_ru").to_owned()]),
            ));
            aliases.extend(names("und", r.list("alt_spellings_unlabelled")));
            let e = Entity {
                iri: entity_iri(EntityType::State, Some(q).filter(|q| !q.is_empty()), iso2),
                kind: EntityType::State,
                wikidata: Some(q.to_owned()).filter(|q| !q.is_empty()),
                labels: names("en", [r.get("name_en").to_owned()])
                    .into_iter()
                    .chain(names("ar", [r.get("name_ar").to_owned()]))
                    .chain(names("ru", [r.get("name_ru").to_owned()]))
                    .collect(),
                aliases,
                notations: [iso2, r.get("iso_alpha3")].iter().filter(|s| !s.is_empty()).map(|s| (*s).to_owned()).collect(),
                country: None,
                capital: false,
                historical: false,
                minted_by: None,
                romanised: false,
            };
            iso2_iri.insert(iso2.to_owned(), e.iri.clone());
            g.add(e);
        }
        let (h, rs) = rows(cities);
        for (line, cells) in rs {
            let r = Row { header: &h, cells };
            let name_en = r.get("name_en");
            let iso2 = r.get("country_iso2");
            let country = iso2_iri.get(iso2).cloned().ok_or_else(|| TableError {
                file: "cities.tsv".into(),
                line,
                message: format!("unknown country code '{iso2}'"),
            })?;
            let q = r.get("wikidata_qid");
            let mut labels = names("en", [name_en.to_owned()]);
            labels.extend(names("ar", [r.get("name_ar").to_owned()]));
            labels.extend(names("ru", [r.get("name_ru").to_owned()]));
            let mut aliases = names("en", r.list("other_names_en"));
            aliases.extend(names("ar", r.list("aliases_ar")));
            aliases.extend(names("ru", r.list("aliases_ru")));
            let e = Entity {
                iri: entity_iri(EntityType::City, Some(q).filter(|q| !q.is_empty()), &format!("{name_en}-{iso2}")),
                kind: EntityType::City,
                wikidata: Some(q.to_owned()).filter(|q| !q.is_empty()),
                labels,
                aliases,
                notations: vec![],
                country: Some(country),
                capital: r.get("role") == "capital",
                historical: false,
                minted_by: None,
                romanised: false,
            };
            if !g.by_iri.contains_key(&e.iri) {
                g.add(e);
            }
        }
        g.add_orgs(orgs);
        let people_iri = g.add_people(people, "people.tsv")?;
        g.add_offices(offices, "offices.tsv", &people_iri)?;
        g.people_iri = people_iri;
        Ok(g)
    }

    fn add_orgs(&mut self, orgs: &str) {
        let (h, rs) = rows(orgs);
        for (_line, cells) in rs {
            let r = Row { header: &h, cells };
            let short = r.get("short_en");
            let q = r.get("wikidata_qid");
            let ar = if r.get("name_ar").is_empty() { r.get("name_ar_weak") } else { r.get("name_ar") };
            let mut labels = names("en", [r.get("name_en").to_owned()]);
            labels.extend(names("ar", [ar.to_owned()]));
            labels.extend(names("ru", [r.get("name_ru").to_owned()]));
            let mut aliases = names("en", r.list("aliases_en").into_iter().chain([short.to_owned()]));
            aliases.extend(names("ar", r.list("aliases_ar").into_iter().chain([r.get("name_ar_weak").to_owned()])));
            aliases.extend(names("ru", r.list("aliases_ru")));
            let mut notations = vec![short.to_owned()];
            notations.extend(r.list("abbreviation_en"));
            notations.dedup();
            if self.by_code.get(&short.to_uppercase()).is_some_and(|v| v.iter().any(|&i| self.entities[i].kind == EntityType::Organization))
            {
                continue;
            }
            self.add(Entity {
                iri: entity_iri(EntityType::Organization, Some(q).filter(|q| !q.is_empty()), short),
                kind: EntityType::Organization,
                wikidata: Some(q.to_owned()).filter(|q| !q.is_empty()),
                labels,
                aliases,
                notations,
                country: None,
                capital: false,
                historical: false,
                minted_by: None,
                romanised: false,
            });
        }
    }

    fn add_people(&mut self, people: &str, file: &str) -> Result<HashMap<String, String>, TableError> {
        let mut people_iri = HashMap::new();
        let (h, rs) = rows(people);
        for (line, cells) in rs {
            let r = Row { header: &h, cells };
            let s = r.get("slug");
            if s.is_empty() || r.get("name_en").is_empty() {
                return Err(TableError { file: file.into(), line, message: "slug and name_en are required".into() });
            }
            let q = r.get("wikidata_qid");
            let mut labels = names("en", [r.get("name_en").to_owned()]);
            labels.extend(names("ar", [r.get("name_ar").to_owned()]));
            labels.extend(names("ru", [r.get("name_ru").to_owned()]));
            let mut aliases = names("en", r.list("aliases_en"));
            aliases.extend(names("ar", r.list("aliases_ar")));
            aliases.extend(names("ru", r.list("aliases_ru")));
            let e = Entity {
                iri: entity_iri(EntityType::Person, Some(q).filter(|q| !q.is_empty()), s),
                kind: EntityType::Person,
                wikidata: Some(q.to_owned()).filter(|q| !q.is_empty()),
                labels,
                aliases,
                notations: vec![],
                country: None,
                capital: false,
                historical: false,
                minted_by: None,
                romanised: false,
            };
            people_iri.insert(s.to_owned(), e.iri.clone());
            if !self.by_iri.contains_key(&e.iri) {
                self.add(e);
            };
        }
        Ok(people_iri)
    }

    fn add_offices(&mut self, offices: &str, file: &str, people_iri: &HashMap<String, String>) -> Result<(), TableError> {
        let (h, rs) = rows(offices);
        for (line, cells) in rs {
            let r = Row { header: &h, cells };
            let person = people_iri.get(r.get("person_slug")).cloned().ok_or_else(|| TableError {
                file: file.into(),
                line,
                message: format!("unknown person '{}'", r.get("person_slug")),
            })?;
            self.offices.push(OfficeRow {
                file: file.to_owned(),
                line,
                person,
                position: r.get("position").to_owned(),
                of: r.get("of").to_owned(),
                start: r.get("start").to_owned(),
                end: r.get("end").to_owned(),
                source: r.get("source").to_owned(),
            });
        }
        Ok(())
    }

    /// Adds an entity (or replaces the one with the same IRI) and indexes its names.
    pub fn add(&mut self, e: Entity) {
        let idx = match self.by_iri.get(&e.iri) {
            Some(&i) => {
                self.entities[i] = e.clone();
                i
            }
            None => {
                self.entities.push(e.clone());
                self.entities.len() - 1
            }
        };
        self.by_iri.insert(e.iri.clone(), idx);
        if let Some(q) = &e.wikidata {
            self.by_wikidata.entry(q.clone()).or_insert(idx);
        }
        for n in e.labels.iter().chain(&e.aliases) {
            let key = normalize(&n.text);
            if key.is_empty() {
                continue;
            }
            let v = self.by_name.entry(key).or_default();
            if !v.contains(&idx) {
                v.push(idx);
            }
        }
        for c in &e.notations {
            let v = self.by_code.entry(c.to_uppercase()).or_default();
            if !v.contains(&idx) {
                v.push(idx);
            }
        }
    }

    /// The index of the entity with this IRI in [`Gazetteer::entities`].
    pub fn index_of(&self, iri: &str) -> Option<usize> {
        self.by_iri.get(iri).copied()
    }

    pub fn entities(&self) -> &[Entity] {
        &self.entities
    }

    pub fn by_iri(&self, iri: &str) -> Option<&Entity> {
        self.by_iri.get(iri).map(|&i| &self.entities[i])
    }

    pub fn by_wikidata(&self, q: &str) -> Option<&Entity> {
        self.by_wikidata.get(q).map(|&i| &self.entities[i])
    }

    /// Every normalised name with the entities it names (for text matching).
    pub fn names(&self) -> impl Iterator<Item = (&str, Vec<&Entity>)> {
        self.by_name.iter().map(|(k, v)| (k.as_str(), v.iter().map(|&i| &self.entities[i]).collect()))
    }

    /// The entities a normalised name denotes.
    pub fn lookup_normalized(&self, key: &str) -> Vec<&Entity> {
        self.by_name.get(key).map(|v| v.iter().map(|&i| &self.entities[i]).collect()).unwrap_or_default()
    }

    /// The capital city of a state.
    pub fn capital_of(&self, state_iri: &str) -> Option<&Entity> {
        self.entities.iter().find(|e| e.capital && e.country.as_deref() == Some(state_iri))
    }

    /// Resolves a name, Wikidata id, code or IRI to an entity of one of `types` (any if empty).
    pub fn resolve(&self, value: &str, types: &[EntityType]) -> Result<&Entity, ResolveError> {
        let v = value.trim();
        let what = describe(types);
        let fits = |e: &Entity| types.is_empty() || types.contains(&e.kind);
        let check = |e: &'_ Entity| -> Result<(), ResolveError> {
            if fits(e) {
                Ok(())
            } else {
                Err(ResolveError::WrongType { name: v.to_owned(), found: e.kind.to_string(), what: what.clone() })
            }
        };
        let iri = if let Some(local) = v.strip_prefix("igoid:") {
            Some(format!("{}{local}", vocab::ID))
        } else if let Some(local) = v.strip_prefix("wd:") {
            Some(format!("{}{local}", vocab::WD))
        } else if v.starts_with("http://") || v.starts_with("https://") {
            Some(v.trim_start_matches('<').trim_end_matches('>').to_owned())
        } else {
            None
        };
        if let Some(iri) = iri {
            if let Some(q) = iri.strip_prefix(vocab::WD) {
                if let Some(e) = self.by_wikidata(q) {
                    check(e)?;
                    return Ok(e);
                }
            }
            let e = self.by_iri(&iri).ok_or_else(|| ResolveError::Unknown { name: v.to_owned(), what: what.clone(), closest: vec![] })?;
            check(e)?;
            return Ok(e);
        }
        if is_wikidata_id(v) {
            let e = self.by_wikidata(v).ok_or_else(|| ResolveError::Unknown { name: v.to_owned(), what: what.clone(), closest: vec![] })?;
            check(e)?;
            return Ok(e);
        }
        let mut cands: Vec<&Entity> = self.by_code.get(v).map(|ix| ix.iter().map(|&i| &self.entities[i]).collect()).unwrap_or_default();
        if cands.is_empty() {
            cands = self.lookup_normalized(&normalize(v));
        }
        let fitting: Vec<&Entity> = cands.iter().copied().filter(|e| fits(e)).collect();
        match fitting.len() {
            1 => Ok(fitting[0]),
            0 if !cands.is_empty() => Err(ResolveError::WrongType { name: v.to_owned(), found: cands[0].kind.to_string(), what }),
            0 => Err(ResolveError::Unknown { name: v.to_owned(), what, closest: self.closest(v, types) }),
            _ => {
                // A state and its namesake capital (Kuwait, Singapore): the first type asked for wins.
                for t in types {
                    let of_type: Vec<&&Entity> = fitting.iter().filter(|e| e.kind == *t).collect();
                    if of_type.len() == 1 {
                        return Ok(of_type[0]);
                    }
                    if of_type.len() > 1 {
                        break;
                    }
                }
                Err(ResolveError::Ambiguous { name: v.to_owned(), candidates: fitting.iter().map(|e| describe_entity(e)).collect() })
            }
        }
    }

    /// The names closest to `value`, for error messages: compared after the resolver's own
    /// [`normalize`], only with names in the same script as `value` (a Latin name is not
    /// "close" to an Arabic one), entities of the first type asked for ahead of the others,
    /// and nothing that shares less than half its letters with the name.
    pub fn closest(&self, value: &str, types: &[EntityType]) -> Vec<String> {
        let key = normalize(value);
        let script = Script::of(&key);
        let mut scored: Vec<(f64, usize)> = self
            .by_name
            .iter()
            .filter(|(name, _)| script == Script::Other || Script::of(name) == script)
            .flat_map(|(name, ix)| {
                let s = similarity(&key, name);
                ix.iter().map(move |&i| (s, i))
            })
            .filter(|(_, i)| types.is_empty() || types.contains(&self.entities[*i].kind))
            .map(|(s, i)| (s + if types.first() == Some(&self.entities[i].kind) { 0.1 } else { 0.0 }, i))
            .filter(|(s, _)| *s >= 0.5)
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
        let mut out: Vec<usize> = Vec::new();
        for (_, i) in scored {
            if out.len() == 3 {
                break;
            }
            if !out.contains(&i) {
                out.push(i);
            }
        }
        out.into_iter().map(|i| describe_entity(&self.entities[i])).collect()
    }

    /// The offices of the people table as facts, with the reference data as their source.
    pub fn reference_facts(&self) -> Result<Vec<Fact>, TableError> {
        self.offices
            .iter()
            .map(|o| {
                let mut p = Provenance::new(REFERENCE_SOURCE, Method::Csv);
                p.quote = Some(o.source.clone()).filter(|s| !s.is_empty());
                let args = [("person", o.person.as_str()), ("position", &o.position), ("of", &o.of), ("start", &o.start), ("end", &o.end)];
                Fact::from_strings(FactKind::Office, args, p, self).map_err(|e| TableError {
                    file: o.file.clone(),
                    line: o.line,
                    message: e.to_string(),
                })
            })
            .collect()
    }
}

/// The script of a normalised name, told by its letters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Script {
    Latin,
    Cyrillic,
    Arabic,
    Other,
}

impl Script {
    fn of(name: &str) -> Self {
        let mut counts = [0usize; 3];
        for c in name.chars().filter(|c| c.is_alphabetic()) {
            match c {
                '\u{0400}'..='\u{052F}' => counts[1] += 1,
                '\u{0600}'..='\u{06FF}'
                | '\u{0750}'..='\u{077F}'
                | '\u{08A0}'..='\u{08FF}'
                | '\u{FB50}'..='\u{FDFF}'
                | '\u{FE70}'..='\u{FEFF}' => counts[2] += 1,
                c if c.is_ascii_alphabetic() || ('\u{00C0}'..='\u{024F}').contains(&c) => counts[0] += 1,
                _ => {}
            }
        }
        match counts.iter().enumerate().max_by_key(|(_, n)| **n) {
            Some((_, 0)) | None => Self::Other,
            Some((0, _)) => Self::Latin,
            Some((1, _)) => Self::Cyrillic,
            _ => Self::Arabic,
        }
    }
}

/// How alike two normalised names are (0–1): the Damerau–Levenshtein similarity of the whole
/// names, or of their best-matching words when both have several, with a bonus when one is the
/// start of the other.
fn similarity(a: &str, b: &str) -> f64 {
    let whole = strsim::normalized_damerau_levenshtein(a, b);
    let prefix = if !a.is_empty() && !b.is_empty() && (b.starts_with(a) || a.starts_with(b)) { 0.2 } else { 0.0 };
    let (wa, wb): (Vec<&str>, Vec<&str>) = (a.split_whitespace().collect(), b.split_whitespace().collect());
    let words = if wa.len() > 1 && wb.len() > 1 {
        // Every word of the shorter name against its best match in the other.
        let (short, long) = if wa.len() <= wb.len() { (&wa, &wb) } else { (&wb, &wa) };
        let sum: f64 = short.iter().map(|w| long.iter().map(|v| strsim::normalized_damerau_levenshtein(w, v)).fold(0.0, f64::max)).sum();
        sum / long.len() as f64
    } else {
        0.0
    };
    whole.max(words) + prefix
}

/// A city of the GeoNames table (`cities-geonames.tsv`) with its population.
#[derive(Debug, Clone)]
pub struct GeoCity {
    pub entity: Entity,
    pub population: u64,
}

/// The GeoNames cities (population 15,000 or more) with their Arabic- and Cyrillic-script
/// names. They only serve text matching: `init` does not write them into a store; a fact that
/// names one carries the entity with it (`graph::Batch::entities`). A city whose country code
/// is not a state of `countries.tsv` (Hong Kong, Puerto Rico, …) has no country.
pub fn geonames_cities() -> Vec<GeoCity> {
    let iso2_iri = country_iris();
    let (h, rs) = rows(CITIES_GEONAMES);
    let mut out = Vec::with_capacity(rs.len());
    for (_line, cells) in rs {
        let r = Row { header: &h, cells };
        let (id, name_en) = (r.get("geonameid"), r.get("name_en"));
        if id.is_empty() || name_en.is_empty() {
            continue;
        }
        let ar = r.list("names_ar");
        let ru = r.list("names_ru");
        let mut labels = names("en", [name_en.to_owned()]);
        labels.extend(names("ar", ar.first().cloned()));
        labels.extend(names("ru", ru.first().cloned()));
        let mut aliases = names("en", r.list("aliases_en"));
        aliases.extend(names("ar", ar.into_iter().skip(1)));
        aliases.extend(names("ru", ru.into_iter().skip(1)));
        let mut e = Entity::new(entity_iri(EntityType::City, None, &format!("geonames-{id}")), EntityType::City);
        e.labels = labels;
        e.aliases = aliases;
        e.notations = vec![format!("geonames:{id}")];
        e.country = iso2_iri.get(r.get("country_iso2")).cloned();
        out.push(GeoCity { entity: e, population: r.get("population").parse().unwrap_or(0) });
    }
    out
}

/// The long name (`longorgname`) of a Correlates of War organisation by its COW abbreviation
/// (`ioname`, any case), from `cow-organisations.tsv`: the state-year layout names an
/// organisation by its abbreviation only.
pub fn cow_long_name(ioname: &str) -> Option<&'static str> {
    static TABLE: std::sync::OnceLock<HashMap<String, &'static str>> = std::sync::OnceLock::new();
    let table = TABLE.get_or_init(|| {
        let (h, rs) = rows(COW_ORGANISATIONS);
        let (Some(io), Some(long)) = (h.iter().position(|c| *c == "cow_ioname"), h.iter().position(|c| *c == "longorgname")) else {
            return HashMap::new();
        };
        rs.into_iter().filter_map(|(_, cells)| Some((cells.get(io)?.to_ascii_uppercase(), *cells.get(long)?))).collect()
    });
    table.get(&ioname.to_ascii_uppercase()).copied().filter(|l| !l.is_empty())
}

/// The organisations of the Correlates of War IGO data by English name (`cow-organisations.tsv`),
/// with the IRIs `import cow` gives them, for text matching. The COW abbreviation is a notation
/// unless it is also a state's ISO alpha-3 code (CAN, NAM). An organisation that the reference
/// tables name is left out: `import cow` links it to that entity (see `reference_org` in
/// `crate::ingest::cow`), and the text matches the reference entity.
pub fn cow_organisations() -> Vec<Entity> {
    let curated = Gazetteer::builtin();
    let (h, rs) = rows(COUNTRIES);
    let alpha3: std::collections::HashSet<String> =
        rs.into_iter().map(|(_, cells)| Row { header: &h, cells }.get("iso_alpha3").to_owned()).collect();
    let (h, rs) = rows(COW_ORGANISATIONS);
    let mut out = Vec::new();
    for (_line, cells) in rs {
        let r = Row { header: &h, cells };
        let ioname = r.get("cow_ioname");
        if ioname.is_empty() {
            continue;
        }
        let long = r.get("longorgname");
        // "Arab Authority for Agricultural Investment and Development (AAAID)"; the acronym in
        // the parenthesis need not be the COW abbreviation ("Indian Ocean Commission (IOC)",
        // abbreviated IOCom): the name is what stands before it, the acronym a notation.
        let (name, written) = match long.rsplit_once(" (") {
            Some((n, rest)) if rest.ends_with(')') && acronym_like(rest.trim_end_matches(')')) => {
                (n.trim(), Some(rest.trim_end_matches(')')))
            }
            _ => (long, None),
        };
        if name.is_empty() || curated.lookup_normalized(&normalize(name)).iter().any(|e| e.kind == EntityType::Organization) {
            continue;
        }
        let q = r.get("wikidata_qid");
        let iri = match q {
            "" => crate::ingest::cow::organisation_iri(ioname),
            q => format!("{}{q}", vocab::ID),
        };
        let mut e = Entity::new(iri, EntityType::Organization);
        e.wikidata = Some(q.to_owned()).filter(|q| !q.is_empty());
        e.labels = names("en", [name.to_owned()]);
        let acronym = ioname.len() >= 2 && ioname.chars().all(|c| c.is_ascii_uppercase()) && !alpha3.contains(ioname);
        if acronym {
            e.notations.push(ioname.to_owned());
        }
        if let Some(w) = written.filter(|w| *w != ioname && !alpha3.contains(*w)) {
            e.notations.push(w.to_owned());
        }
        out.push(e);
    }
    out
}

/// An acronym as written in a parenthesis after a name: one word of at most ten letters or
/// digits, with at least two capitals ("IOC", "AFRICA RE" is not one, "Afreximbank" neither).
fn acronym_like(s: &str) -> bool {
    s.chars().count() <= 10 && s.chars().all(|c| c.is_alphanumeric()) && s.chars().filter(|c| c.is_uppercase()).count() >= 2
}

fn country_iris() -> HashMap<String, String> {
    let (h, rs) = rows(COUNTRIES);
    rs.into_iter()
        .map(|(_, cells)| {
            let r = Row { header: &h, cells };
            let q = r.get("wikidata_qid");
            (r.get("iso_alpha2").to_owned(), entity_iri(EntityType::State, Some(q).filter(|q| !q.is_empty()), r.get("iso_alpha2")))
        })
        .collect()
}

fn describe(types: &[EntityType]) -> String {
    if types.is_empty() {
        return "entity".into();
    }
    let names: Vec<&str> = types.iter().map(|t| t.as_str()).collect();
    names.join(" or ")
}

fn describe_entity(e: &Entity) -> String {
    match &e.wikidata {
        Some(q) => format!("{} ({}, {q})", e.label("en"), e.kind),
        None => format!("{} ({})", e.label("en"), e.kind),
    }
}

impl Resolve for Gazetteer {
    fn entity(&self, _arg: &str, value: &str, types: &[EntityType]) -> Result<EntityRef, String> {
        self.resolve(value, types).map(Entity::to_ref).map_err(|e| e.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::OnceLock;

    fn g() -> &'static Gazetteer {
        static G: OnceLock<Gazetteer> = OnceLock::new();
        G.get_or_init(Gazetteer::builtin)
    }

    #[test]
    fn every_reference_row_becomes_an_entity() {
        let count = |t| g().entities().iter().filter(|e| e.kind == t).count();
        assert_eq!(count(EntityType::State), 197);
        assert!(count(EntityType::City) >= 200, "{}", count(EntityType::City));
        assert!(count(EntityType::Organization) >= 17 + 150, "{}", count(EntityType::Organization));
        assert!(count(EntityType::Person) >= 600, "{}", count(EntityType::Person));
        assert!(count(EntityType::Person) >= 7);
    }

    #[test]
    fn names_resolve_in_three_languages_and_by_id() {
        for name in [
            "Armenia",
            "أرمينيا",
            "ارمينيا",
            "Армения",
            "Q399",
            "AM",
            "http://www.wikidata.org/entity/Q399",
            "https://w3id.org/igokg/id/Q399",
            "igoid:Q399",
        ] {
            let e = g().resolve(name, &[]).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(e.wikidata.as_deref(), Some("Q399"), "{name}");
        }
        assert_eq!(g().resolve("ОДКБ", &[EntityType::Organization]).unwrap().wikidata.as_deref(), Some("Q318693"));
        assert_eq!(g().resolve("منظمة معاهدة الأمن الجماعي", &[]).unwrap().wikidata.as_deref(), Some("Q318693"));
        assert_eq!(g().resolve("Astana", &[EntityType::City]).unwrap().kind, EntityType::City);
        assert_eq!(g().resolve("Vladimir Putin", &[EntityType::Person]).unwrap().wikidata.as_deref(), Some("Q7747"));
    }

    #[test]
    fn unknown_names_list_the_closest_candidates() {
        let e = g().resolve("Armenja", &[EntityType::State]).unwrap_err();
        assert!(e.to_string().contains("Armenia"), "{e}");
        let e = g().resolve("Armenia", &[EntityType::Person]).unwrap_err();
        assert!(matches!(e, ResolveError::WrongType { .. }), "{e}");
    }

    #[test]
    fn suggestions_are_in_the_same_script_and_type_first_issue_13_9() {
        // A person's name that no table knows suggests no state or city that merely shares
        // letters with it.
        let e = g().resolve("Wilhelmina Rutova", &[EntityType::Person, EntityType::State]).unwrap_err().to_string();
        assert!(!e.contains("Belarus") && !e.contains("Wellington"), "{e}");
        // A misspelt Russian name suggests Russian names, the Arabic one Arabic names.
        let e = g().resolve("Казахстон", &[EntityType::State]).unwrap_err().to_string();
        assert!(e.contains("Kazakhstan"), "{e}");
        let e = g().resolve("كازاخستن", &[EntityType::State]).unwrap_err().to_string();
        assert!(e.contains("Kazakhstan"), "{e}");
        assert_eq!(Script::of("шос"), Script::Cyrillic);
        assert_eq!(Script::of("نور سلطان"), Script::Arabic);
        assert_eq!(Script::of("william ruto"), Script::Latin);
        let e = g().resolve("Armenia", &[EntityType::Organization]).unwrap_err().to_string();
        assert!(e.contains("is a state, but an organization is expected"), "{e}");
    }

    #[test]
    fn a_state_wins_over_its_namesake_capital_when_asked_first() {
        let e = g().resolve("Kuwait", &[EntityType::State, EntityType::City]).unwrap();
        assert_eq!(e.kind, EntityType::State);
    }

    #[test]
    fn the_reference_offices_are_valid_facts() {
        let facts = g().reference_facts().unwrap();
        assert!(facts.iter().any(|f| f.entity("person").and_then(|p| p.wikidata.as_deref()) == Some("Q7747")));
    }

    #[test]
    fn cow_organisations_leave_out_those_the_reference_tables_name() {
        let cow = cow_organisations();
        let named = |n: &str| cow.iter().any(|e| e.labels.iter().any(|l| l.text == n));
        // In organisations-more.tsv: the reference entity is the one text matches.
        assert!(!named("Universal Postal Union"));
        assert!(named("Arab Authority for Agricultural Investment and Development"));
        assert!(cow.len() > 400, "{}", cow.len());
    }
}
