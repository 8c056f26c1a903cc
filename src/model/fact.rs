//! The fact model: one table of kinds and arguments serves every door (CLI flags, CSV
//! columns, JSON Lines keys) and the RDF mapping.

use super::code::{Position, Role, Status};
use super::date::{DateError, PartialDate};
use super::entity::{EntityRef, EntityType};
use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

/// The kinds of fact of DESIGN.md.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FactKind {
    Membership,
    MembershipStatus,
    Chairmanship,
    Summit,
    Attendance,
    Absence,
    Office,
    Visit,
    Endorsement,
    Founding,
}

impl FactKind {
    pub const ALL: [FactKind; 10] = [
        Self::Membership,
        Self::MembershipStatus,
        Self::Chairmanship,
        Self::Summit,
        Self::Attendance,
        Self::Absence,
        Self::Office,
        Self::Visit,
        Self::Endorsement,
        Self::Founding,
    ];

    /// The snake_case name used in JSON Lines and CSV (`membership_status`).
    pub fn as_str(self) -> &'static str {
        self.spec().name
    }

    /// The kebab-case name used as a CLI subcommand (`membership-status`).
    pub fn cli_name(self) -> String {
        self.as_str().replace('_', "-")
    }

    pub fn spec(self) -> &'static KindSpec {
        &KINDS[self as usize]
    }

    /// Argument names of the fact IRI key: the same key from two sources is one node.
    pub fn key_args(self) -> &'static [&'static str] {
        self.spec().key
    }
}

impl fmt::Display for FactKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for FactKind {
    type Err = FactError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let norm = s.trim().to_ascii_lowercase().replace('-', "_");
        Self::ALL.into_iter().find(|k| k.as_str() == norm).ok_or_else(|| FactError::UnknownKind(s.to_owned()))
    }
}

/// The type of one argument.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArgType {
    Entity(&'static [EntityType]),
    Date,
    Year,
    Role,
    Status,
    Position,
    Text,
    Event,
}

/// One argument of a kind.
#[derive(Debug, Clone, Copy)]
pub struct ArgSpec {
    pub name: &'static str,
    pub ty: ArgType,
    pub required: bool,
    pub help: &'static str,
}

/// A kind: its name, arguments, key, and groups of which at least one is required.
#[derive(Debug)]
pub struct KindSpec {
    pub kind: FactKind,
    pub name: &'static str,
    pub about: &'static str,
    pub args: &'static [ArgSpec],
    pub key: &'static [&'static str],
    pub one_of: &'static [&'static str],
    /// (start, end) argument pairs that must be ordered.
    pub intervals: &'static [(&'static str, &'static str)],
}

impl KindSpec {
    pub fn arg(&self, name: &str) -> Option<&'static ArgSpec> {
        self.args.iter().find(|a| a.name == name)
    }
}

const STATE_OR_ORG: &[EntityType] = &[EntityType::State, EntityType::Organization];
const ORG: &[EntityType] = &[EntityType::Organization];
const STATE: &[EntityType] = &[EntityType::State];
const PERSON: &[EntityType] = &[EntityType::Person];
const PERSON_OR_STATE: &[EntityType] = &[EntityType::Person, EntityType::State, EntityType::Organization];
const PLACE: &[EntityType] = &[EntityType::State, EntityType::City];

const fn req(name: &'static str, ty: ArgType, help: &'static str) -> ArgSpec {
    ArgSpec { name, ty, required: true, help }
}
const fn opt(name: &'static str, ty: ArgType, help: &'static str) -> ArgSpec {
    ArgSpec { name, ty, required: false, help }
}

/// The table of kinds, in the order of [`FactKind::ALL`].
pub static KINDS: [KindSpec; 10] = [
    KindSpec {
        kind: FactKind::Membership,
        name: "membership",
        about: "A state or organisation is a member of an organisation, with a role",
        args: &[
            req("member", ArgType::Entity(STATE_OR_ORG), "the member (state or organisation)"),
            req("organization", ArgType::Entity(ORG), "the organisation"),
            opt("role", ArgType::Role, "full | observer | associate | partner | dialogue_partner (default full)"),
            opt("start", ArgType::Date, "when the membership began (YYYY, YYYY-MM or YYYY-MM-DD)"),
            opt("end", ArgType::Date, "when it ended"),
            opt("end_cause", ArgType::Text, "why it ended (withdrawal, dissolution, …)"),
            opt("start_earliest", ArgType::Date, "the earliest the start may be, when less sure than --start (COW before 1965)"),
            opt("end_earliest", ArgType::Date, "the earliest the end may be, when less sure than --end (or with no end known)"),
        ],
        key: &["member", "organization", "role", "start"],
        one_of: &[],
        intervals: &[("start", "end"), ("start_earliest", "start"), ("end_earliest", "end"), ("start_earliest", "end_earliest")],
    },
    KindSpec {
        kind: FactKind::MembershipStatus,
        name: "membership_status",
        about: "The participation status of a member: active, frozen, suspended, withdrawn, readmitted",
        args: &[
            req("member", ArgType::Entity(STATE_OR_ORG), "the member"),
            req("organization", ArgType::Entity(ORG), "the organisation"),
            req("status", ArgType::Status, "active | frozen | suspended | withdrawn | readmitted"),
            opt("start", ArgType::Date, "since when"),
            opt("end", ArgType::Date, "until when"),
        ],
        key: &["member", "organization", "status", "start"],
        one_of: &[],
        intervals: &[("start", "end")],
    },
    KindSpec {
        kind: FactKind::Chairmanship,
        name: "chairmanship",
        about: "A state chairs an organisation for a year or a period",
        args: &[
            req("chair", ArgType::Entity(STATE), "the chairing state"),
            req("organization", ArgType::Entity(ORG), "the organisation"),
            opt("year", ArgType::Year, "the year of the chairmanship"),
            opt("start", ArgType::Date, "start of the chairmanship (instead of --year)"),
            opt("end", ArgType::Date, "end of the chairmanship"),
        ],
        key: &["chair", "organization", "year", "start"],
        one_of: &["year", "start"],
        intervals: &[("start", "end")],
    },
    KindSpec {
        kind: FactKind::Summit,
        name: "summit",
        about: "A summit of an organisation, its place and dates",
        args: &[
            req("organization", ArgType::Entity(ORG), "the organisation holding the summit"),
            opt("place", ArgType::Entity(PLACE), "the host city"),
            req("date", ArgType::Date, "the (first) day of the summit"),
            opt("end_date", ArgType::Date, "the last day"),
            opt("label", ArgType::Text, "a name for the summit"),
        ],
        key: &["organization", "date"],
        one_of: &[],
        intervals: &[("date", "end_date")],
    },
    KindSpec {
        kind: FactKind::Attendance,
        name: "attendance",
        about: "A person or state takes part in a summit",
        args: &[
            req("participant", ArgType::Entity(PERSON_OR_STATE), "who attended"),
            req("event", ArgType::Event, "the summit: ORG@YEAR (e.g. CSTO@2024) or its IRI"),
        ],
        key: &["participant", "event"],
        one_of: &[],
        intervals: &[],
    },
    KindSpec {
        kind: FactKind::Absence,
        name: "absence",
        about: "A person or state stays away from a summit",
        args: &[
            req("participant", ArgType::Entity(PERSON_OR_STATE), "who stayed away"),
            req("event", ArgType::Event, "the summit: ORG@YEAR (e.g. CSTO@2024) or its IRI"),
        ],
        key: &["participant", "event"],
        one_of: &[],
        intervals: &[],
    },
    KindSpec {
        kind: FactKind::Office,
        name: "office",
        about: "A person holds a position in a state or organisation",
        args: &[
            req("person", ArgType::Entity(PERSON), "the office holder"),
            req(
                "position",
                ArgType::Position,
                "president, prime_minister, foreign_minister, presidential_aide, secretary_general, spokesperson, …",
            ),
            req("of", ArgType::Entity(STATE_OR_ORG), "the state or organisation"),
            opt("start", ArgType::Date, "since when"),
            opt("end", ArgType::Date, "until when"),
        ],
        key: &["person", "position", "of", "start"],
        one_of: &[],
        intervals: &[("start", "end")],
    },
    KindSpec {
        kind: FactKind::Visit,
        name: "visit",
        about: "A person visits a country or city",
        args: &[
            req("person", ArgType::Entity(PERSON), "the visitor"),
            req("destination", ArgType::Entity(PLACE), "the country or city visited"),
            opt("date", ArgType::Date, "when"),
            opt("end_date", ArgType::Date, "last day of the visit"),
            opt("purpose", ArgType::Event, "the event the visit was for (ORG@YEAR)"),
        ],
        key: &["person", "destination", "date"],
        one_of: &[],
        intervals: &[("date", "end_date")],
    },
    KindSpec {
        kind: FactKind::Endorsement,
        name: "endorsement",
        about: "A state agrees to sign or endorses a document",
        args: &[
            req("party", ArgType::Entity(STATE_OR_ORG), "the endorsing state"),
            req("document", ArgType::Text, "the document's name"),
            opt("event", ArgType::Event, "the summit where it was adopted (ORG@YEAR)"),
        ],
        key: &["party", "document", "event"],
        one_of: &[],
        intervals: &[],
    },
    KindSpec {
        kind: FactKind::Founding,
        name: "founding",
        about: "An organisation is founded, when and where",
        args: &[
            req("organization", ArgType::Entity(ORG), "the organisation"),
            opt("year", ArgType::Year, "the founding year"),
            opt("date", ArgType::Date, "the founding date (instead of --year)"),
            opt("place", ArgType::Entity(PLACE), "where"),
        ],
        key: &["organization"],
        one_of: &["year", "date"],
        intervals: &[],
    },
];

/// A summit referenced by its organisation and year, with what else is known of it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EventRef {
    pub organization: EntityRef,
    pub year: i32,
    pub date: Option<PartialDate>,
    pub place: Option<EntityRef>,
}

/// A controlled code (role, status or position).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Code {
    Role(Role),
    Status(Status),
    Position(Position),
}

impl Code {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Role(r) => r.as_str(),
            Self::Status(s) => s.as_str(),
            Self::Position(p) => p.as_str(),
        }
    }
}

/// A typed argument value.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Entity(EntityRef),
    Date(PartialDate),
    Year(i32),
    Code(Code),
    Text(String),
    Event(EventRef),
}

impl Value {
    /// The canonical text of the value inside a fact key.
    pub fn key_text(&self) -> String {
        match self {
            Self::Entity(e) => e.iri.clone(),
            Self::Date(d) => d.to_string(),
            Self::Year(y) => y.to_string(),
            Self::Code(c) => c.as_str().to_owned(),
            Self::Text(t) => t.trim().to_lowercase(),
            Self::Event(e) => format!("{}@{}", e.organization.iri, e.year),
        }
    }

    /// A human-readable form (labels rather than IRIs).
    pub fn display(&self) -> String {
        match self {
            Self::Entity(e) => e.label.clone(),
            Self::Event(e) => format!("{} {}", e.organization.label, e.year),
            other => other.key_text(),
        }
    }
}

/// How a fact entered the graph.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Method {
    Cli,
    Csv,
    Cow,
    Extractor,
    Rdf,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Cli => "cli",
            Self::Csv => "csv",
            Self::Cow => "cow",
            Self::Extractor => "extractor",
            Self::Rdf => "rdf",
        }
    }
}

impl FromStr for Method {
    type Err = FactError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(match s {
            "cli" => Self::Cli,
            "csv" => Self::Csv,
            "cow" => Self::Cow,
            "extractor" => Self::Extractor,
            "rdf" => Self::Rdf,
            other => {
                return Err(FactError::Invalid {
                    arg: "method".into(),
                    value: other.into(),
                    reason: "expected cli, csv, cow, extractor or rdf".into(),
                })
            }
        })
    }
}

/// Where a fact comes from and how sure we are.
#[derive(Debug, Clone, PartialEq)]
pub struct Provenance {
    /// A URL or a file name; each source is one named graph.
    pub source: String,
    pub published: Option<PartialDate>,
    pub lang: Option<String>,
    pub publisher: Option<String>,
    pub quote: Option<String>,
    /// Character span (Unicode code points) of the quote in the source text.
    pub span: Option<(usize, usize)>,
    pub method: Method,
    /// Extractor rule id.
    pub rule: Option<String>,
    pub confidence: Option<f64>,
    /// When it was recorded (xsd:dateTime); set by the caller, the model reads no clock.
    pub recorded: Option<String>,
}

impl Provenance {
    pub fn new(source: impl Into<String>, method: Method) -> Self {
        Self {
            source: source.into(),
            published: None,
            lang: None,
            publisher: None,
            quote: None,
            span: None,
            method,
            rule: None,
            confidence: None,
            recorded: None,
        }
    }

    /// Checks span order, confidence range and language tag shape.
    pub fn validate(&self) -> Result<(), FactError> {
        if self.source.trim().is_empty() {
            return Err(FactError::Invalid {
                arg: "source".into(),
                value: String::new(),
                reason: "a source (URL or file name) is required".into(),
            });
        }
        if let Some((s, e)) = self.span {
            if e < s {
                return Err(FactError::Invalid {
                    arg: "span".into(),
                    value: format!("{s}..{e}"),
                    reason: "the span ends before it starts".into(),
                });
            }
        }
        if let Some(c) = self.confidence {
            if !(0.0..=1.0).contains(&c) || c.is_nan() {
                return Err(FactError::Invalid {
                    arg: "confidence".into(),
                    value: c.to_string(),
                    reason: "confidence must lie between 0 and 1".into(),
                });
            }
        }
        if let Some(l) = &self.lang {
            let ok = !l.is_empty() && l.split('-').all(|p| !p.is_empty() && p.len() <= 8 && p.chars().all(|c| c.is_ascii_alphanumeric()));
            if !ok {
                return Err(FactError::Invalid {
                    arg: "lang".into(),
                    value: l.clone(),
                    reason: "not a language tag (e.g. ar, en, ru)".into(),
                });
            }
        }
        Ok(())
    }
}

/// A fact: a kind, its typed arguments, and its provenance.
#[derive(Debug, Clone, PartialEq)]
pub struct Fact {
    pub kind: FactKind,
    pub args: BTreeMap<&'static str, Value>,
    pub provenance: Provenance,
}

/// Why a fact cannot be built.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum FactError {
    #[error("unknown fact kind '{0}': expected one of membership, membership_status, chairmanship, summit, attendance, absence, office, visit, endorsement, founding")]
    UnknownKind(String),
    #[error("{kind} has no argument '{arg}' (it takes: {known})")]
    UnknownArgument { kind: FactKind, arg: String, known: String },
    #[error("{kind} needs --{arg}")]
    Missing { kind: FactKind, arg: String },
    #[error("{kind} needs one of {}", .args.join(" or "))]
    MissingOneOf { kind: FactKind, args: Vec<String> },
    #[error("{arg}: {error}")]
    Date { arg: String, error: DateError },
    #[error("{arg} '{value}': {reason}")]
    Invalid { arg: String, value: String, reason: String },
    #[error("{end_arg} {end} is before {start_arg} {start}")]
    EndBeforeStart { start_arg: String, start: PartialDate, end_arg: String, end: PartialDate },
}

/// Turns names into entities and events; the gazetteer implements it.
pub trait Resolve {
    /// Resolves `value` given for argument `arg` to an entity of one of `types`.
    fn entity(&self, arg: &str, value: &str, types: &[EntityType]) -> Result<EntityRef, String>;
}

/// Parses a year argument.
pub fn parse_year(arg: &str, value: &str) -> Result<i32, FactError> {
    let v = value.trim();
    match v.parse::<i32>() {
        Ok(y) if v.len() == 4 && (1000..=2999).contains(&y) => Ok(y),
        _ => Err(FactError::Invalid { arg: arg.into(), value: value.into(), reason: "expected a four-digit year".into() }),
    }
}

/// Splits an event reference `ORG@YEAR` (or `ORG YEAR`) into organisation and year.
pub fn split_event(value: &str) -> Option<(&str, &str)> {
    let v = value.trim();
    if let Some((org, year)) = v.rsplit_once('@') {
        return Some((org.trim(), year.trim()));
    }
    let (org, year) = v.rsplit_once(char::is_whitespace)?;
    (year.len() == 4 && year.bytes().all(|b| b.is_ascii_digit())).then(|| (org.trim(), year))
}

impl Fact {
    /// Builds a fact from argument strings, as every door gives them.
    ///
    /// Checks that each argument exists for the kind, required arguments are present, dates are
    /// real dates, codes are known, names resolve, and intervals do not end before they start.
    pub fn from_strings<'a>(
        kind: FactKind,
        args: impl IntoIterator<Item = (&'a str, &'a str)>,
        provenance: Provenance,
        resolver: &dyn Resolve,
    ) -> Result<Self, FactError> {
        let spec = kind.spec();
        let mut values = BTreeMap::new();
        for (name, raw) in args {
            let name_norm = name.trim().replace('-', "_");
            let arg = spec.arg(&name_norm).ok_or_else(|| FactError::UnknownArgument {
                kind,
                arg: name.to_owned(),
                known: spec.args.iter().map(|a| a.name).collect::<Vec<_>>().join(", "),
            })?;
            if raw.trim().is_empty() {
                continue;
            }
            values.insert(arg.name, parse_value(arg, raw, resolver)?);
        }
        Self::new(kind, values, provenance)
    }

    /// Builds a fact from typed values, applying defaults and checks.
    pub fn new(kind: FactKind, mut args: BTreeMap<&'static str, Value>, provenance: Provenance) -> Result<Self, FactError> {
        let spec = kind.spec();
        if kind == FactKind::Membership {
            args.entry("role").or_insert(Value::Code(Code::Role(Role::Full)));
        }
        for a in spec.args {
            if a.required && !args.contains_key(a.name) {
                return Err(FactError::Missing { kind, arg: a.name.to_owned() });
            }
        }
        for name in args.keys() {
            if spec.arg(name).is_none() {
                return Err(FactError::UnknownArgument {
                    kind,
                    arg: (*name).to_owned(),
                    known: spec.args.iter().map(|a| a.name).collect::<Vec<_>>().join(", "),
                });
            }
        }
        if !spec.one_of.is_empty() && !spec.one_of.iter().any(|a| args.contains_key(a)) {
            return Err(FactError::MissingOneOf { kind, args: spec.one_of.iter().map(|s| (*s).to_owned()).collect() });
        }
        for (s, e) in spec.intervals {
            if let (Some(Value::Date(start)), Some(Value::Date(end))) = (args.get(s), args.get(e)) {
                if end.surely_before(*start) {
                    return Err(FactError::EndBeforeStart { start_arg: (*s).into(), start: *start, end_arg: (*e).into(), end: *end });
                }
            }
        }
        if let (Some(Value::Year(y)), Some(Value::Date(d))) = (args.get("year"), args.get("start")) {
            if d.year_value() != *y {
                return Err(FactError::Invalid { arg: "start".into(), value: d.to_string(), reason: format!("lies outside --year {y}") });
            }
        }
        provenance.validate()?;
        Ok(Self { kind, args, provenance })
    }

    pub fn get(&self, arg: &str) -> Option<&Value> {
        self.args.get(arg)
    }

    pub fn entity(&self, arg: &str) -> Option<&EntityRef> {
        match self.args.get(arg) {
            Some(Value::Entity(e)) => Some(e),
            _ => None,
        }
    }

    pub fn date(&self, arg: &str) -> Option<PartialDate> {
        match self.args.get(arg) {
            Some(Value::Date(d)) => Some(*d),
            _ => None,
        }
    }

    pub fn year(&self, arg: &str) -> Option<i32> {
        match self.args.get(arg) {
            Some(Value::Year(y)) => Some(*y),
            _ => None,
        }
    }

    pub fn text(&self, arg: &str) -> Option<&str> {
        match self.args.get(arg) {
            Some(Value::Text(t)) => Some(t),
            _ => None,
        }
    }

    pub fn event(&self, arg: &str) -> Option<&EventRef> {
        match self.args.get(arg) {
            Some(Value::Event(e)) => Some(e),
            _ => None,
        }
    }

    pub fn code(&self, arg: &str) -> Option<Code> {
        match self.args.get(arg) {
            Some(Value::Code(c)) => Some(*c),
            _ => None,
        }
    }

    /// The canonical key text: kind and key arguments. Equal keys are the same fact.
    pub fn key(&self) -> String {
        let mut k = self.kind.as_str().to_owned();
        for name in self.kind.key_args() {
            k.push('|');
            k.push_str(name);
            k.push('=');
            if let Some(v) = self.args.get(name) {
                // Summits are keyed by organisation and year: an event reference names them so.
                let text = match (self.kind, v) {
                    (FactKind::Summit, Value::Date(d)) => d.year_value().to_string(),
                    _ => v.key_text(),
                };
                k.push_str(&text);
            }
        }
        k
    }

    /// The period of the fact as (start, end), whatever the kind calls them.
    pub fn period(&self) -> (Option<PartialDate>, Option<PartialDate>) {
        match self.kind {
            FactKind::Summit | FactKind::Visit => (self.date("date"), self.date("end_date").or(self.date("date"))),
            FactKind::Chairmanship => match self.year("year") {
                Some(y) => (Some(PartialDate::Year(y)), Some(PartialDate::Year(y))),
                None => (self.date("start"), self.date("end")),
            },
            FactKind::Founding => (self.date("date").or(self.year("year").map(PartialDate::Year)), None),
            _ => (self.date("start"), self.date("end")),
        }
    }

    /// A one-line human summary.
    pub fn summary(&self) -> String {
        let parts: Vec<String> = self.args.iter().map(|(k, v)| format!("{k}={}", v.display())).collect();
        format!("{} {}", self.kind, parts.join(" "))
    }
}

fn parse_value(arg: &ArgSpec, raw: &str, resolver: &dyn Resolve) -> Result<Value, FactError> {
    let invalid = |reason: String| FactError::Invalid { arg: arg.name.into(), value: raw.into(), reason };
    let raw_t = raw.trim();
    Ok(match arg.ty {
        ArgType::Entity(types) => Value::Entity(resolver.entity(arg.name, raw_t, types).map_err(invalid)?),
        ArgType::Date => Value::Date(raw_t.parse().map_err(|error| FactError::Date { arg: arg.name.into(), error })?),
        ArgType::Year => Value::Year(parse_year(arg.name, raw_t)?),
        ArgType::Role => Value::Code(Code::Role(raw_t.parse().map_err(invalid)?)),
        ArgType::Status => Value::Code(Code::Status(raw_t.parse().map_err(invalid)?)),
        ArgType::Position => Value::Code(Code::Position(raw_t.parse().map_err(invalid)?)),
        ArgType::Text => {
            if raw_t.chars().count() > 2000 {
                return Err(invalid("longer than 2000 characters".into()));
            }
            Value::Text(raw_t.to_owned())
        }
        ArgType::Event => {
            let (org, year) = split_event(raw_t).ok_or_else(|| invalid("expected ORG@YEAR, e.g. CSTO@2024".into()))?;
            let year = parse_year(arg.name, year)?;
            let organization = resolver.entity(arg.name, org, ORG).map_err(invalid)?;
            Value::Event(EventRef { organization, year, date: None, place: None })
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Names;
    impl Resolve for Names {
        fn entity(&self, _arg: &str, value: &str, _types: &[EntityType]) -> Result<EntityRef, String> {
            match value {
                "Armenia" => {
                    Ok(EntityRef { iri: "https://w3id.org/igokg/id/Q399".into(), wikidata: Some("Q399".into()), label: "Armenia".into() })
                }
                "CSTO" => Ok(EntityRef {
                    iri: "https://w3id.org/igokg/id/Q318693".into(),
                    wikidata: Some("Q318693".into()),
                    label: "CSTO".into(),
                }),
                other => Err(format!("unknown name '{other}'")),
            }
        }
    }

    fn prov() -> Provenance {
        Provenance::new("test", Method::Cli)
    }

    #[test]
    fn every_kind_spec_sits_at_its_index_and_keys_name_real_arguments() {
        for k in FactKind::ALL {
            assert_eq!(k.spec().kind, k);
            for a in k.key_args().iter().chain(k.spec().one_of) {
                assert!(k.spec().arg(a).is_some(), "{k}: {a}");
            }
        }
    }

    #[test]
    fn membership_defaults_to_full_role() {
        let f = Fact::from_strings(FactKind::Membership, [("member", "Armenia"), ("organization", "CSTO")], prov(), &Names).unwrap();
        assert_eq!(f.code("role"), Some(Code::Role(Role::Full)));
    }

    #[test]
    fn end_before_start_is_rejected() {
        let e = Fact::from_strings(
            FactKind::Membership,
            [("member", "Armenia"), ("organization", "CSTO"), ("start", "2010"), ("end", "2009-12")],
            prov(),
            &Names,
        )
        .unwrap_err();
        assert!(matches!(e, FactError::EndBeforeStart { .. }), "{e}");
    }

    #[test]
    fn missing_and_unknown_arguments_are_named() {
        let e =
            Fact::from_strings(FactKind::MembershipStatus, [("member", "Armenia"), ("organization", "CSTO")], prov(), &Names).unwrap_err();
        assert_eq!(e.to_string(), "membership_status needs --status");
        let e = Fact::from_strings(FactKind::Summit, [("organization", "CSTO"), ("date", "2024"), ("colour", "red")], prov(), &Names)
            .unwrap_err();
        assert!(e.to_string().contains("no argument 'colour'"), "{e}");
        let e = Fact::from_strings(FactKind::Chairmanship, [("chair", "Armenia"), ("organization", "CSTO")], prov(), &Names).unwrap_err();
        assert!(e.to_string().contains("year or start"), "{e}");
    }

    #[test]
    fn unknown_status_and_entity_are_errors() {
        let e = Fact::from_strings(
            FactKind::MembershipStatus,
            [("member", "Armenia"), ("organization", "CSTO"), ("status", "sleeping")],
            prov(),
            &Names,
        )
        .unwrap_err();
        assert!(e.to_string().contains("status 'sleeping'"), "{e}");
        let e = Fact::from_strings(
            FactKind::MembershipStatus,
            [("member", "Narnia"), ("organization", "CSTO"), ("status", "frozen")],
            prov(),
            &Names,
        )
        .unwrap_err();
        assert!(e.to_string().contains("Narnia"), "{e}");
    }

    #[test]
    fn the_same_fact_from_two_sources_has_one_key() {
        let a = Fact::from_strings(
            FactKind::MembershipStatus,
            [("member", "Armenia"), ("organization", "CSTO"), ("status", "frozen"), ("start", "2024-02")],
            prov(),
            &Names,
        )
        .unwrap();
        let mut p = prov();
        p.source = "other".into();
        let b = Fact::from_strings(
            FactKind::MembershipStatus,
            [("member", "Armenia"), ("organization", "CSTO"), ("status", "frozen"), ("start", "2024-02")],
            p,
            &Names,
        )
        .unwrap();
        assert_eq!(a.key(), b.key());
    }

    #[test]
    fn events_parse_from_org_at_year() {
        let f = Fact::from_strings(FactKind::Absence, [("participant", "Armenia"), ("event", "CSTO@2024")], prov(), &Names).unwrap();
        assert_eq!(f.event("event").unwrap().year, 2024);
        assert_eq!(split_event("Arab League 2024"), Some(("Arab League", "2024")));
        let e = Fact::from_strings(FactKind::Absence, [("participant", "Armenia"), ("event", "CSTO")], prov(), &Names).unwrap_err();
        assert!(e.to_string().contains("ORG@YEAR"), "{e}");
    }

    #[test]
    fn confidence_outside_unit_interval_is_rejected() {
        let mut p = prov();
        p.confidence = Some(1.5);
        assert!(Fact::from_strings(FactKind::Membership, [("member", "Armenia"), ("organization", "CSTO")], p, &Names).is_err());
    }
}
