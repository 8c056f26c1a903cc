//! The closed vocabulary: every IRI the project writes, as constants. A test checks that each
//! `igo:` term is declared in `ontology/igokg.ttl`.

use oxigraph::model::NamedNodeRef;

pub const BASE: &str = "https://w3id.org/igokg/";
pub const IGO: &str = "https://w3id.org/igokg/ontology#";
pub const ID: &str = "https://w3id.org/igokg/id/";
pub const FACT: &str = "https://w3id.org/igokg/fact/";
pub const GRAPH: &str = "https://w3id.org/igokg/graph/";
pub const CODE: &str = "https://w3id.org/igokg/code/";
pub const WD: &str = "http://www.wikidata.org/entity/";

/// Prefixes used in serialisations, in `add triple` and in the SPARQL of the conveniences.
pub const PREFIXES: &[(&str, &str)] = &[
    ("igo", IGO),
    ("igoid", ID),
    ("igof", FACT),
    ("igog", GRAPH),
    ("role", "https://w3id.org/igokg/code/role/"),
    ("status", "https://w3id.org/igokg/code/status/"),
    ("position", "https://w3id.org/igokg/code/position/"),
    ("domain", "https://w3id.org/igokg/code/domain/"),
    ("wd", WD),
    ("org", "http://www.w3.org/ns/org#"),
    ("time", "http://www.w3.org/2006/time#"),
    ("prov", "http://www.w3.org/ns/prov#"),
    ("schema", "https://schema.org/"),
    ("oa", "http://www.w3.org/ns/oa#"),
    ("skos", "http://www.w3.org/2004/02/skos/core#"),
    ("rdfs", "http://www.w3.org/2000/01/rdf-schema#"),
    ("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"),
    ("owl", "http://www.w3.org/2002/07/owl#"),
    ("xsd", "http://www.w3.org/2001/XMLSchema#"),
    ("dcterms", "http://purl.org/dc/terms/"),
    ("sh", "http://www.w3.org/ns/shacl#"),
];

/// `PREFIX` lines for SPARQL text.
pub fn sparql_prefixes() -> String {
    PREFIXES.iter().map(|(p, iri)| format!("PREFIX {p}: <{iri}>\n")).collect()
}

macro_rules! terms {
    ($ns:literal; $($name:ident = $local:literal),+ $(,)?) => {
        $(pub const $name: NamedNodeRef<'static> = NamedNodeRef::new_unchecked(concat!($ns, $local));)+
    };
}

/// Project terms.
pub mod igo {
    use super::NamedNodeRef;
    terms!("https://w3id.org/igokg/ontology#";
        FACT = "Fact", MEMBERSHIP_FACT = "MembershipFact", MEMBERSHIP_STATUS = "MembershipStatus",
        CHAIRMANSHIP = "Chairmanship", SUMMIT = "Summit", ATTENDANCE = "Attendance", ABSENCE = "Absence",
        OFFICE_HOLDING = "OfficeHolding", VISIT = "Visit", ENDORSEMENT = "Endorsement", FOUNDING = "Founding",
        STATE = "State", HISTORICAL_STATE = "HistoricalState", CITY = "City",
        INTERNATIONAL_ORGANIZATION = "InternationalOrganization",
        SOURCE_GRAPH = "SourceGraph", EVIDENCE = "Evidence",
        KIND = "kind", END_CAUSE = "endCause", PARTICIPATION_STATUS = "participationStatus", DURING = "during",
        START = "start", END = "end", START_EARLIEST = "startEarliest", START_LATEST = "startLatest",
        END_EARLIEST = "endEarliest", END_LATEST = "endLatest", HOLDS_FROM = "holdsFrom", HOLDS_UNTIL = "holdsUntil",
        COVERAGE_END = "coverageEnd",
        CHAIR = "chair", YEAR = "year", CHAIR_OF = "chairOf",
        PARTICIPANT = "participant", EVENT = "event", ABSENTEE = "absentee",
        PERSON = "person", POSITION = "position", OF = "of",
        DESTINATION = "destination", PURPOSE = "purpose", VISITED = "visited",
        PARTY = "party", DOCUMENT = "document", ENDORSED = "endorsed",
        DATE = "date",
        EVIDENCE_PROP = "evidence", METHOD = "method", RULE = "rule", CONFIDENCE = "confidence",
        SOURCE_NAME = "sourceName", EXTRACTOR_VERSION = "extractorVersion",
        WIKIDATA_ID = "wikidataId", CAPITAL_OF = "capitalOf", HEADQUARTERS = "headquarters",
        DOMAIN = "domain", NAME_KEY = "nameKey", MINTED_BY = "mintedBy", ROMANISED_LABEL = "romanisedLabel",
    );
}

pub mod org {
    use super::NamedNodeRef;
    terms!("http://www.w3.org/ns/org#";
        MEMBERSHIP = "Membership", MEMBER = "member", ORGANIZATION = "organization", ROLE = "role",
        MEMBER_DURING = "memberDuring", MEMBER_OF = "memberOf", POST = "Post", HOLDS = "holds", POST_IN = "postIn",
        FORMAL_ORGANIZATION = "FormalOrganization",
    );
}

pub mod time {
    use super::NamedNodeRef;
    terms!("http://www.w3.org/2006/time#";
        INTERVAL = "Interval", INSTANT = "Instant", HAS_BEGINNING = "hasBeginning", HAS_END = "hasEnd",
        IN_XSD_DATE = "inXSDDate", IN_XSD_G_YEAR = "inXSDgYear", IN_XSD_G_YEAR_MONTH = "inXSDgYearMonth",
    );
}

pub mod prov {
    use super::NamedNodeRef;
    terms!("http://www.w3.org/ns/prov#";
        ENTITY = "Entity", GENERATED_AT_TIME = "generatedAtTime", WAS_ATTRIBUTED_TO = "wasAttributedTo",
        SOFTWARE_AGENT = "SoftwareAgent", WAS_DERIVED_FROM = "wasDerivedFrom",
    );
}

pub mod schema {
    use super::NamedNodeRef;
    terms!("https://schema.org/";
        EVENT = "Event", PERSON = "Person", NAME = "name", START_DATE = "startDate", END_DATE = "endDate",
        LOCATION = "location", ATTENDEE = "attendee", ORGANIZER = "organizer", URL = "url",
        DATE_PUBLISHED = "datePublished", IN_LANGUAGE = "inLanguage", PUBLISHER = "publisher",
        FOUNDING_DATE = "foundingDate", FOUNDING_LOCATION = "foundingLocation", CONTAINED_IN_PLACE = "containedInPlace",
        SHA256 = "sha256",
    );
}

pub mod oa {
    use super::NamedNodeRef;
    terms!("http://www.w3.org/ns/oa#";
        HAS_SOURCE = "hasSource", HAS_SELECTOR = "hasSelector", TEXT_QUOTE_SELECTOR = "TextQuoteSelector",
        TEXT_POSITION_SELECTOR = "TextPositionSelector", EXACT = "exact", START = "start", END = "end",
    );
}

pub mod skos {
    use super::NamedNodeRef;
    terms!("http://www.w3.org/2004/02/skos/core#"; ALT_LABEL = "altLabel", NOTATION = "notation", PREF_LABEL = "prefLabel");
}

pub mod dcterms {
    use super::NamedNodeRef;
    terms!("http://purl.org/dc/terms/"; BIBLIOGRAPHIC_CITATION = "bibliographicCitation");
}

pub use oxigraph::model::vocab::{rdf, rdfs, xsd};

pub const OWL_SAME_AS: NamedNodeRef<'static> = NamedNodeRef::new_unchecked("http://www.w3.org/2002/07/owl#sameAs");

/// Every `igo:` term, for the closed-vocabulary test.
pub fn igo_terms() -> Vec<NamedNodeRef<'static>> {
    use igo::*;
    vec![
        FACT,
        MEMBERSHIP_FACT,
        MEMBERSHIP_STATUS,
        CHAIRMANSHIP,
        SUMMIT,
        ATTENDANCE,
        ABSENCE,
        OFFICE_HOLDING,
        VISIT,
        ENDORSEMENT,
        FOUNDING,
        STATE,
        HISTORICAL_STATE,
        CITY,
        INTERNATIONAL_ORGANIZATION,
        SOURCE_GRAPH,
        EVIDENCE,
        KIND,
        END_CAUSE,
        PARTICIPATION_STATUS,
        DURING,
        START,
        END,
        START_EARLIEST,
        START_LATEST,
        END_EARLIEST,
        END_LATEST,
        HOLDS_FROM,
        HOLDS_UNTIL,
        COVERAGE_END,
        CHAIR,
        YEAR,
        CHAIR_OF,
        PARTICIPANT,
        EVENT,
        ABSENTEE,
        PERSON,
        POSITION,
        OF,
        DESTINATION,
        PURPOSE,
        VISITED,
        PARTY,
        DOCUMENT,
        ENDORSED,
        DATE,
        EVIDENCE_PROP,
        METHOD,
        RULE,
        CONFIDENCE,
        SOURCE_NAME,
        EXTRACTOR_VERSION,
        WIKIDATA_ID,
        CAPITAL_OF,
        HEADQUARTERS,
        DOMAIN,
        NAME_KEY,
        MINTED_BY,
        ROMANISED_LABEL,
    ]
}
