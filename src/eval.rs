//! Scoring extracted facts against gold facts (precision, recall, F1 per kind).
//!
//! The matching rule of DESIGN.md: a predicted fact matches a gold fact of the same kind when
//! every argument the gold fact gives matches — an entity by its Wikidata id or its English
//! label (case, accents, hyphens and dots ignored; for a person the surname alone is enough);
//! a date to the precision of the gold value; a year against `year` or the year of
//! `date`/`start`; an event by organisation and year. An endorsement's document is not
//! compared. Each gold fact matches at most one predicted fact.

use crate::gazetteer::Gazetteer;
use crate::model::{is_wikidata_id, EntityType, PartialDate};
use crate::normalize::normalize;
use serde_json::Value as J;
use std::collections::BTreeMap;

/// A line of a JSON Lines file that is not a fact.
#[derive(Debug, thiserror::Error)]
#[error("{file} line {line}: {message}")]
pub struct EvalError {
    pub file: String,
    pub line: usize,
    pub message: String,
}

/// Reads the facts of a JSON Lines text (blank lines skipped).
pub fn read_jsonl(text: &str, file: &str) -> Result<Vec<J>, EvalError> {
    let mut out = Vec::new();
    for (i, l) in text.lines().enumerate() {
        if l.trim().is_empty() {
            continue;
        }
        let v: J = serde_json::from_str(l).map_err(|e| EvalError { file: file.into(), line: i + 1, message: e.to_string() })?;
        if v.get("kind").and_then(J::as_str).is_none() {
            return Err(EvalError { file: file.into(), line: i + 1, message: "no \"kind\"".into() });
        }
        out.push(v);
    }
    Ok(out)
}

/// Counts for one kind.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Counts {
    pub gold: usize,
    pub predicted: usize,
    pub matched: usize,
}

impl Counts {
    pub fn precision(&self) -> f64 {
        if self.predicted == 0 {
            if self.gold == 0 {
                1.0
            } else {
                0.0
            }
        } else {
            self.matched as f64 / self.predicted as f64
        }
    }
    pub fn recall(&self) -> f64 {
        if self.gold == 0 {
            1.0
        } else {
            self.matched as f64 / self.gold as f64
        }
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
    pub fn add(&mut self, o: Counts) {
        self.gold += o.gold;
        self.predicted += o.predicted;
        self.matched += o.matched;
    }
}

/// Scores per kind and overall.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Report {
    pub by_kind: BTreeMap<String, Counts>,
    pub overall: Counts,
    /// Gold facts that nothing matched, and predictions that matched nothing.
    #[serde(skip)]
    pub missed: Vec<J>,
    #[serde(skip)]
    pub spurious: Vec<J>,
}

impl Report {
    pub fn add(&mut self, o: &Report) {
        for (k, c) in &o.by_kind {
            self.by_kind.entry(k.clone()).or_default().add(*c);
        }
        self.overall.add(o.overall);
    }

    /// A plain-text table.
    pub fn table(&self) -> String {
        let mut s = format!("{:<18} {:>5} {:>5} {:>5} {:>6} {:>6} {:>6}\n", "kind", "gold", "pred", "match", "P", "R", "F1");
        let row = |name: &str, c: &Counts| {
            format!(
                "{:<18} {:>5} {:>5} {:>5} {:>6.3} {:>6.3} {:>6.3}\n",
                name,
                c.gold,
                c.predicted,
                c.matched,
                c.precision(),
                c.recall(),
                c.f1()
            )
        };
        for (k, c) in &self.by_kind {
            s.push_str(&row(k, c));
        }
        s.push_str(&row("overall", &self.overall));
        s
    }
}

/// Matching keys of an entity: its Wikidata id and normalised English names.
struct Keys {
    q: Option<String>,
    names: Vec<String>,
    person: bool,
}

fn squash(s: &str) -> String {
    normalize(s).split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `types`: what the argument holds (an organisation for `organization`), so that a name that
/// is also another entity's code ("AU": the African Union, and Australia's ISO code) resolves
/// as the argument means it; empty for any type.
fn keys_of(v: &J, gaz: &Gazetteer, types: &[EntityType]) -> Option<Keys> {
    let mut k = Keys { q: None, names: Vec::new(), person: false };
    let lookup = |name: &str, k: &mut Keys| {
        if let Ok(e) = gaz.resolve(name, types) {
            k.q = k.q.take().or_else(|| e.wikidata.clone());
            k.names.push(squash(e.label("en")));
            k.person |= e.kind == EntityType::Person;
        }
    };
    match v {
        J::String(s) if is_wikidata_id(s) => {
            k.q = Some(s.clone());
            if let Some(e) = gaz.by_wikidata(s) {
                k.names.push(squash(e.label("en")));
                k.person = e.kind == EntityType::Person;
            }
        }
        J::String(s) => {
            k.names.push(squash(s));
            lookup(s, &mut k);
        }
        J::Object(o) => {
            if let Some(q) = o.get("wikidata").and_then(J::as_str) {
                k.q = Some(q.to_owned());
            }
            if let Some(l) = o.get("label").and_then(J::as_str) {
                k.names.push(squash(l));
                if k.q.is_none() {
                    lookup(l, &mut k);
                }
            }
            if let Some(iri) = o.get("iri").and_then(J::as_str) {
                // A person minted by the extractor: its IRI says its kind.
                k.person |= iri.starts_with(&format!("{}person/", crate::vocab::ID));
                if let Some(e) = gaz.by_iri(iri) {
                    k.person |= e.kind == EntityType::Person;
                    k.names.push(squash(e.label("en")));
                }
            }
        }
        _ => return None,
    }
    Some(k)
}

fn entity_matches(gold: &J, pred: &J, gaz: &Gazetteer, types: &[EntityType]) -> bool {
    let (Some(g), Some(p)) = (keys_of(gold, gaz, types), keys_of(pred, gaz, types)) else { return false };
    if let (Some(a), Some(b)) = (&g.q, &p.q) {
        if a == b {
            return true;
        }
    }
    let nospace = |s: &String| s.replace(' ', "");
    for a in &g.names {
        for b in &p.names {
            if nospace(a) == nospace(b) {
                return true;
            }
            if g.person || p.person {
                let (la, lb) = (a.rsplit(' ').next().unwrap_or(a), b.rsplit(' ').next().unwrap_or(b));
                if la == lb && la.chars().count() > 1 {
                    return true;
                }
            }
        }
    }
    false
}

fn date_of(v: &J) -> Option<PartialDate> {
    match v {
        J::String(s) => s.parse().ok(),
        J::Number(n) => n.as_i64().map(|y| PartialDate::Year(y as i32)),
        _ => None,
    }
}

fn year_of(v: &J) -> Option<i32> {
    match v {
        J::Number(n) => n.as_i64().map(|y| y as i32),
        J::String(s) => s.get(..4).and_then(|y| y.parse().ok()),
        _ => None,
    }
}

fn code(v: &J) -> String {
    v.as_str().unwrap_or_default().trim().to_lowercase().replace(['-', ' '], "_")
}

fn arg_matches(kind: &str, name: &str, g: &J, pred: &serde_json::Map<String, J>, gaz: &Gazetteer) -> bool {
    if kind == "endorsement" && name == "document" {
        return true;
    }
    match name {
        "year" => {
            let Some(y) = year_of(g) else { return false };
            ["year", "date", "start"].iter().any(|a| pred.get(*a).and_then(year_of) == Some(y))
        }
        "date" | "start" | "end" | "end_date" => {
            let (Some(gd), Some(pd)) = (date_of(g), pred.get(name).and_then(date_of)) else { return false };
            gd.matches_at_precision_of_self(pd)
        }
        "role" | "status" | "position" | "end_cause" | "label" => pred.get(name).is_some_and(|p| code(p) == code(g)),
        "event" | "purpose" => {
            let Some(p) = pred.get(name) else { return false };
            let (Some(go), Some(po)) = (g.get("organization"), p.get("organization")) else { return false };
            if !entity_matches(go, po, gaz, &[EntityType::Organization]) {
                return false;
            }
            match (g.get("year").and_then(year_of), p.get("year").and_then(year_of)) {
                (Some(a), Some(b)) => a == b,
                (None, _) => true,
                _ => false,
            }
        }
        "document" => pred.get(name).is_some(),
        "organization" => pred.get(name).is_some_and(|p| entity_matches(g, p, gaz, &[EntityType::Organization])),
        _ => pred.get(name).is_some_and(|p| entity_matches(g, p, gaz, &[])),
    }
}

fn fact_matches(gold: &J, pred: &J, gaz: &Gazetteer) -> bool {
    let (Some(go), Some(po)) = (gold.as_object(), pred.as_object()) else { return false };
    let kind = go.get("kind").and_then(J::as_str).unwrap_or_default();
    if po.get("kind").and_then(J::as_str) != Some(kind) {
        return false;
    }
    go.iter().filter(|(k, _)| !matches!(k.as_str(), "kind" | "evidence" | "rule" | "confidence")).all(|(k, v)| {
        // Membership role defaults to full.
        if kind == "membership" && k == "role" && po.get("role").is_none() {
            return code(v) == "full";
        }
        arg_matches(kind, k, v, po, gaz)
    })
}

/// Scores predictions against gold facts.
pub fn score(gold: &[J], pred: &[J], gaz: &Gazetteer) -> Report {
    let mut r = Report::default();
    let kind = |v: &J| v.get("kind").and_then(J::as_str).unwrap_or_default().to_owned();
    for g in gold {
        r.by_kind.entry(kind(g)).or_default().gold += 1;
    }
    for p in pred {
        r.by_kind.entry(kind(p)).or_default().predicted += 1;
    }
    let mut used = vec![false; pred.len()];
    // Gold facts with more arguments first, so that a loose gold does not take a tight one's match.
    let mut order: Vec<usize> = (0..gold.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(gold[i].as_object().map_or(0, |o| o.len())));
    let mut gold_hit = vec![false; gold.len()];
    for gi in order {
        if let Some(pi) = (0..pred.len()).find(|&pi| !used[pi] && fact_matches(&gold[gi], &pred[pi], gaz)) {
            used[pi] = true;
            gold_hit[gi] = true;
            r.by_kind.entry(kind(&gold[gi])).or_default().matched += 1;
        }
    }
    for c in r.by_kind.values() {
        r.overall.add(*c);
    }
    r.missed = gold.iter().zip(&gold_hit).filter(|(_, h)| !**h).map(|(g, _)| g.clone()).collect();
    r.spurious = pred.iter().zip(&used).filter(|(_, u)| !**u).map(|(p, _)| p.clone()).collect();
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entities_match_by_qid_label_or_surname() {
        let gaz = Gazetteer::builtin();
        let gold = read_jsonl(r#"{"kind":"office","person":"Kassym-Jomart Tokayev","position":"president","of":"Q232"}"#, "g").unwrap();
        let pred = read_jsonl(r#"{"kind":"office","person":{"iri":"x","label":"Tokayev"},"position":"president","of":{"iri":"y","wikidata":"Q232","label":"Kazakhstan"}}"#, "p").unwrap();
        let r = score(&gold, &pred, &gaz);
        assert_eq!(r.overall.matched, 1);
    }

    #[test]
    fn dates_match_to_the_gold_precision_and_each_gold_once() {
        let gaz = Gazetteer::builtin();
        let gold = read_jsonl("{\"kind\":\"summit\",\"organization\":\"CSTO\",\"date\":\"2024-11\"}\n{\"kind\":\"summit\",\"organization\":\"CSTO\",\"date\":\"2024-11\"}", "g").unwrap();
        let pred = read_jsonl(r#"{"kind":"summit","organization":{"iri":"x","wikidata":"Q318693","label":"Collective Security Treaty Organization"},"date":"2024-11-28"}"#, "p").unwrap();
        let r = score(&gold, &pred, &gaz);
        assert_eq!((r.overall.matched, r.overall.gold, r.overall.predicted), (1, 2, 1));
    }

    #[test]
    fn an_organisation_argument_resolves_a_code_as_an_organisation() {
        // "AU" is the African Union's acronym and Australia's ISO code.
        let gaz = Gazetteer::builtin();
        let gold = read_jsonl(r#"{"kind":"chairmanship","chair":"Angola","organization":"AU","year":2025}"#, "g").unwrap();
        let au = gaz.resolve("African Union", &[EntityType::Organization]).unwrap();
        let pred = format!(
            r#"{{"kind":"chairmanship","chair":{{"iri":"x","wikidata":"Q916","label":"Angola"}},"organization":{{"iri":"{}","label":"African Union"}},"year":2025}}"#,
            au.iri
        );
        let r = score(&gold, &read_jsonl(&pred, "p").unwrap(), &gaz);
        assert_eq!(r.overall.matched, 1);
    }
}
