//! Entities: states, cities, organisations and people, with their names in several languages.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// What an entity is; fact arguments say which kinds they accept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntityType {
    State,
    City,
    Organization,
    Person,
}

impl EntityType {
    pub const ALL: [EntityType; 4] = [Self::State, Self::City, Self::Organization, Self::Person];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::State => "state",
            Self::City => "city",
            Self::Organization => "organization",
            Self::Person => "person",
        }
    }
}

impl fmt::Display for EntityType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for EntityType {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|t| t.as_str() == s || (s == "organisation" && *t == Self::Organization))
            .ok_or_else(|| format!("unknown entity type '{s}': expected state, city, organization or person"))
    }
}

/// A reference to an entity as facts carry it (the JSON Lines form of DESIGN.md).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct EntityRef {
    pub iri: String,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub wikidata: Option<String>,
    pub label: String,
}

/// A language-tagged name.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Name {
    pub lang: String,
    pub text: String,
}

/// An entity with everything the gazetteer knows about it.
#[derive(Debug, Clone, PartialEq)]
pub struct Entity {
    pub iri: String,
    pub kind: EntityType,
    pub wikidata: Option<String>,
    /// Preferred names, at most one per language.
    pub labels: Vec<Name>,
    /// Other names and spellings.
    pub aliases: Vec<Name>,
    /// Codes: ISO alpha-2/alpha-3 for states, abbreviations for organisations.
    pub notations: Vec<String>,
    /// The state a city lies in.
    pub country: Option<String>,
    /// True for a city that is its country's capital.
    pub capital: bool,
    /// True for a state that no longer exists (COW's Baden, Austria-Hungary, …).
    pub historical: bool,
    /// The extractor (name and version) that minted this entity from a text, when no table
    /// knew it; None for entities of the reference tables, imports and `add entity`.
    pub minted_by: Option<String>,
    /// True when the English label was romanised from another script (not attested).
    pub romanised: bool,
}

impl Entity {
    /// An entity with only an IRI and a kind; the other fields empty.
    pub fn new(iri: impl Into<String>, kind: EntityType) -> Self {
        Self {
            iri: iri.into(),
            kind,
            wikidata: None,
            labels: vec![],
            aliases: vec![],
            notations: vec![],
            country: None,
            capital: false,
            historical: false,
            minted_by: None,
            romanised: false,
        }
    }
}

impl Entity {
    /// The label in `lang`, else English, else any.
    pub fn label(&self, lang: &str) -> &str {
        self.labels
            .iter()
            .find(|n| n.lang == lang)
            .or_else(|| self.labels.iter().find(|n| n.lang == "en"))
            .or_else(|| self.labels.first())
            .map_or(self.iri.as_str(), |n| n.text.as_str())
    }

    pub fn to_ref(&self) -> EntityRef {
        EntityRef { iri: self.iri.clone(), wikidata: self.wikidata.clone(), label: self.label("en").to_owned() }
    }

    /// Every name: labels first, then aliases and codes.
    pub fn all_names(&self) -> impl Iterator<Item = &str> {
        self.labels.iter().chain(&self.aliases).map(|n| n.text.as_str()).chain(self.notations.iter().map(String::as_str))
    }
}

/// A Wikidata item id such as `Q399`.
pub fn is_wikidata_id(s: &str) -> bool {
    s.len() > 1 && s.starts_with('Q') && s[1..].bytes().all(|b| b.is_ascii_digit()) && !s[1..].starts_with('0')
}

/// Lower-case ASCII slug for IRIs: `Kassym-Jomart Tokayev` → `kassym-jomart-tokayev`.
pub fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wikidata_ids_are_recognised_strictly() {
        assert!(is_wikidata_id("Q399"));
        assert!(!is_wikidata_id("Q"));
        assert!(!is_wikidata_id("Q0399"));
        assert!(!is_wikidata_id("q399"));
        assert!(!is_wikidata_id("Q39a"));
    }

    #[test]
    fn slugs_are_ascii_and_hyphenated() {
        assert_eq!(slug("Kassym-Jomart Tokayev"), "kassym-jomart-tokayev");
        assert_eq!(slug("  St. John's "), "st-john-s");
    }
}
