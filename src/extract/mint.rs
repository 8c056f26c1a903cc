//! Entities nobody listed: people introduced with a title, organisations named in full with
//! their acronym.
//!
//! Read from the units of a first pass over the text. A person is a run of capitalised words
//! (with name particles such as "bin" or "de") right after a title, possibly past the state
//! or organisation the title is of ("President of Senegal Bassirou Diomaye Faye", "Senegalese
//! Prime Minister Ousmane Sonko", "президент Сенегала Бассиру Диомай Фай"), or right before a
//! comma and a title ("Ousmane Sonko, the prime minister of Senegal"). An organisation is a
//! name followed by its acronym in parentheses whose letters spell the name's words ("the
//! Economic Community of Central African States (ECCAS)", «Евразийский банк развития (ЕАБР)»).
//! Every minted entity has a name; its IRI comes from its kind and its normalised name, so the
//! same name in two articles is one entity. The second pass of the extractor matches the full
//! name, a person's surname and an organisation's acronym in the whole article (coreference).

use super::lang::{script_of, LangData, Script};
use super::{Doc, Extractor, Tok, UK};
use crate::gazetteer::entity_iri;
use crate::model::{slug, Entity, EntityType, Name};
use crate::normalize::normalize;

/// An entity found in the text with the phrase keys that name it (true: an acronym).
pub(crate) struct Found {
    pub entity: Entity,
    pub keys: Vec<(String, bool)>,
}

/// Most words in a minted person's name, and in an organisation's.
const MAX_NAME_WORDS: usize = 5;
const MAX_ORG_WORDS: usize = 12;

pub(crate) fn find(x: &Extractor<'_>, doc: &Doc, chars: &[char], lang: &str) -> Vec<Found> {
    let toks = &doc.toks;
    // What first-pass unit covers each token.
    let mut cover: Vec<Option<UK>> = vec![None; toks.len()];
    for u in &doc.units {
        for c in cover.iter_mut().take(u.t1.min(toks.len())).skip(u.t0) {
            c.get_or_insert(u.k);
        }
    }
    let data = LangData::get();
    let mut runs: Vec<(usize, usize)> = Vec::new();
    for u in &doc.units {
        let UK::Title(_) = u.k else { continue };
        if let Some(r) = run_after(x, toks, &cover, u.t1, data) {
            runs.push(r);
        }
        if let Some(r) = run_before(x, toks, &cover, u.t0, data) {
            runs.push(r);
        }
    }
    // Longer names first, so that "President Faye" after "Bassirou Diomaye Faye" is the same man.
    runs.sort_by_key(|&(a, b)| (std::cmp::Reverse(b - a), a));
    runs.dedup();
    let mut out: Vec<Found> = Vec::new();
    let mut person_words: Vec<Vec<String>> = Vec::new();
    for (a, b) in runs {
        let words: Vec<String> = toks[a..b].iter().map(|t| t.keys[0].clone()).collect();
        // A part of a name already minted (its surname, or its last words) is that person.
        if person_words.iter().any(|w| w.ends_with(&words) || (words.len() == 1 && w.contains(&words[0]))) {
            continue;
        }
        let surface: String = chars[toks[a].start..toks[b - 1].end].iter().collect();
        let key = data.phrase_key(&surface);
        if key.is_empty() || out.iter().any(|f| f.keys.iter().any(|(k, _)| *k == key)) {
            continue;
        }
        let mut keys = vec![(key.clone(), false)];
        // The surname alone names the person in the rest of the article (unless it is a word
        // the dictionary already knows).
        if b - a >= 2 {
            let sur = &toks[b - 1].keys[0];
            if sur.chars().count() >= 3 && !x.dict.map.contains_key(sur) && !data.not_names.contains(sur) {
                keys.push((sur.clone(), false));
            }
        }
        let iri_key = if script_of(&key) == Script::Cyrillic { key.clone() } else { normalize(&surface) };
        let mut e = Entity::new(entity_iri(EntityType::Person, None, &romanise(&iri_key)), EntityType::Person);
        labels(&mut e, lang_of(&surface, lang), &surface);
        e.minted_by = Some(super::minted_by());
        person_words.push(words);
        out.push(Found { entity: e, keys });
    }
    for f in organisations(x, toks, &cover, chars, data, lang) {
        if !out.iter().any(|o| o.entity.iri == f.entity.iri) {
            out.push(f);
        }
    }
    out
}

/// The language of a name from its script, else the document's.
fn lang_of<'a>(surface: &str, lang: &'a str) -> &'a str {
    match script_of(surface) {
        Script::Latin => "en",
        Script::Cyrillic => "ru",
        Script::Arabic => "ar",
        Script::Other => lang,
    }
}

/// Labels as written, and an English one: as written in Latin script, else romanised.
fn labels(e: &mut Entity, lang: &str, surface: &str) {
    e.labels.push(Name { lang: lang.to_owned(), text: surface.to_owned() });
    if lang != "en" {
        e.labels.push(Name { lang: "en".to_owned(), text: romanise_label(surface) });
        e.romanised = true;
    }
}

/// A romanisation of a Cyrillic or Arabic name (any_ascii: BGN/PCGN-like for Russian), with
/// the capitals of the original words kept.
pub(crate) fn romanise_label(s: &str) -> String {
    let mut out = String::new();
    for (i, w) in s.split_whitespace().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let r = any_ascii::any_ascii(w);
        let mut cs = r.chars();
        if let Some(c) = cs.next() {
            out.extend(c.to_uppercase());
            out.push_str(&cs.as_str().to_lowercase());
        }
    }
    out
}

fn romanise(s: &str) -> String {
    slug(&any_ascii::any_ascii(s))
}

/// A word that can be part of a personal name: capitalised, in a script with case, not a
/// word the first pass read as something else.
fn name_word(t: &Tok, cover: Option<UK>, data: &LangData) -> bool {
    t.cap
        && !t.upper
        && t.num.is_none()
        && cover.is_none()
        && matches!(script_of(&t.keys[0]), Script::Latin | Script::Cyrillic)
        && t.keys[0].chars().count() >= 2
        && !data.not_names.contains(&t.keys[0])
}

/// Two tokens written next to each other with only a space or a hyphen between them.
fn joined(toks: &[Tok], a: usize) -> bool {
    toks[a].sent == toks[a + 1].sent && toks[a].clause == toks[a + 1].clause && toks[a + 1].start <= toks[a].end + 1
}

/// The name after a title: past the state, organisation or nationality the title is of and
/// other titles ("Prime Minister and Foreign Minister"), a run of name words.
fn run_after(x: &Extractor<'_>, toks: &[Tok], cover: &[Option<UK>], from: usize, data: &LangData) -> Option<(usize, usize)> {
    let mut j = from;
    let mut skipped = 0;
    let mut only_function_words = true;
    while j < toks.len() && skipped < 6 && toks[j].sent == toks[from.saturating_sub(1)].sent {
        only_function_words &= cover[j].is_none();
        let skip = match cover[j] {
            Some(UK::Ent(e)) => matches!(x.entity(e, &[]).kind, EntityType::State | EntityType::Organization),
            Some(UK::Adj(_) | UK::Title(_)) => true,
            Some(_) => false,
            None => data.function_words.contains(&toks[j].keys[0]) && !toks[j].cap,
        };
        if !skip {
            break;
        }
        j += 1;
        skipped += 1;
    }
    if j >= toks.len() || j == from && from > 0 && !joined(toks, from - 1) {
        return None;
    }
    if !name_word(&toks[j], cover[j], data) {
        return None;
    }
    // "Heads of State of Central Asia": past "of" or "the" alone, with no state, organisation
    // or title between, a capitalised word is the name of what the title is of, not a person's.
    if skipped > 0 && only_function_words {
        return None;
    }
    let mut k = j + 1;
    while k < toks.len() && k - j < MAX_NAME_WORDS && joined(toks, k - 1) {
        if name_word(&toks[k], cover[k], data) {
            k += 1;
        } else if data.name_particles.contains(&toks[k].keys[0])
            && !toks[k].cap
            && k + 1 < toks.len()
            && joined(toks, k)
            && name_word(&toks[k + 1], cover[k + 1], data)
        {
            k += 2;
        } else {
            break;
        }
    }
    // A known person's first name is not a new person ("President Vladimir Putin" where
    // only "Putin" is listed).
    if k < toks.len() && joined(toks, k - 1) && matches!(cover[k], Some(UK::Ent(_))) && toks[k].cap {
        return None;
    }
    Some((j, k))
}

/// "Ousmane Sonko, the prime minister of Senegal": a name right before a comma, then at most
/// a determiner or a nationality and the title.
fn run_before(x: &Extractor<'_>, toks: &[Tok], cover: &[Option<UK>], title: usize, data: &LangData) -> Option<(usize, usize)> {
    let mut j = title;
    let mut steps = 0;
    while j > 0 && steps < 3 && toks[j - 1].clause == toks[title].clause {
        let t = &toks[j - 1];
        let skip = matches!(cover[j - 1], Some(UK::Adj(_) | UK::Ent(_))) || (!t.cap && t.keys[0].chars().count() <= 3);
        if !skip {
            break;
        }
        j -= 1;
        steps += 1;
    }
    if j == 0 || toks[j - 1].clause == toks[j].clause || toks[j - 1].sent != toks[j].sent {
        return None;
    }
    // The comma itself: nothing but ", " between the name and what follows.
    let end = j;
    let mut a = end - 1;
    if !name_word(&toks[a], cover[a], data) {
        return None;
    }
    while a > 0 && end - a < MAX_NAME_WORDS && joined(toks, a - 1) {
        if name_word(&toks[a - 1], cover[a - 1], data) {
            a -= 1;
        } else if a >= 2
            && data.name_particles.contains(&toks[a - 1].keys[0])
            && joined(toks, a - 2)
            && name_word(&toks[a - 2], cover[a - 2], data)
        {
            a -= 2;
        } else {
            break;
        }
    }
    // "Sheikh Tamim bin Hamad Al Thani, Emir …" where only "Sheikh Tamim" is listed: the words
    // after a known person's name (past name words and particles) are the rest of that name.
    let mut b = a;
    while b > 0
        && joined(toks, b - 1)
        && (name_word(&toks[b - 1], cover[b - 1], data) || data.name_particles.contains(&toks[b - 1].keys[0]))
    {
        b -= 1;
    }
    if b > 0 && joined(toks, b - 1) && matches!(cover[b - 1], Some(UK::Ent(e)) if x.entity(e, &[]).kind == EntityType::Person) {
        return None;
    }
    // A capitalised word that starts the sentence is not known to be a name.
    if a > 0 && toks[a - 1].sent == toks[a].sent || end - a >= 2 {
        Some((a, end))
    } else {
        None
    }
}

/// "Full Name (ACRONYM)": the acronym's letters spell the words before the parenthesis.
fn organisations(x: &Extractor<'_>, toks: &[Tok], cover: &[Option<UK>], chars: &[char], data: &LangData, lang: &str) -> Vec<Found> {
    let mut out: Vec<Found> = Vec::new();
    for k in 1..toks.len() {
        let t = &toks[k];
        let between = |a: usize, b: usize| -> String { chars[a.min(b)..b].iter().collect() };
        if !t.upper || cover[k].is_some() || t.num.is_some() {
            continue;
        }
        let open = between(toks[k - 1].end, t.start);
        let close = if k + 1 < toks.len() { between(t.end, toks[k + 1].start) } else { chars[t.end..].iter().take(3).collect() };
        if !open.trim().ends_with('(') || !close.trim_start().starts_with(')') {
            continue;
        }
        // (a digit stands for a number word: "the Three Seas Initiative (3SI)")
        let acr: Vec<char> = chars[t.start..t.end].iter().filter(|c| c.is_alphanumeric()).flat_map(|c| c.to_lowercase()).collect();
        if acr.iter().filter(|c| c.is_alphabetic()).count() < 2 || acr.len() > 10 {
            continue;
        }
        // The longest phrase before the parenthesis, within its clause, that the acronym spells.
        let last = k - 1;
        let mut best = None;
        let mut s = last;
        loop {
            if toks[s].clause != toks[last].clause || last - s >= MAX_ORG_WORDS || cover[s].is_some_and(|c| !matches!(c, UK::Adj(_))) {
                break;
            }
            let first_ok = toks[s].cap && (acr[0].is_ascii_digit() || toks[s].keys[0].chars().next().is_some_and(|c| c == acr[0]));
            if first_ok && spells(&acr, &toks[s..=last], data) {
                best = Some(s);
            }
            if s == 0 {
                break;
            }
            s -= 1;
        }
        let Some(s) = best else { continue };
        // "the Council of Foreign Ministers (CFM) of the SCO", «Совета министров (СМИД) ШОС»: a
        // body of a known organisation, not an organisation of its own.
        // ("… (СМИД) государств – членов ШОС": the parent named within a few words)
        // (not past a comma: "the Three Seas Initiative (3SI), a format that links EU states")
        if parent_after(x, toks, cover, chars, k) {
            continue;
        }
        let surface: String = chars[toks[s].start..toks[last].end].iter().collect();
        let written: String = chars[t.start..t.end].iter().collect();
        let key = data.phrase_key(&surface);
        if key.is_empty() || x.dict.map.contains_key(&key) {
            continue;
        }
        let mut e = Entity::new(entity_iri(EntityType::Organization, None, &romanise(&normalize(&surface))), EntityType::Organization);
        labels(&mut e, lang_of(&surface, lang), &surface);
        e.notations.push(written.clone());
        e.minted_by = Some(super::minted_by());
        let acr_key = data.phrase_key(&written);
        let mut keys = vec![(key, false)];
        if !acr_key.is_empty() && !x.dict.map.contains_key(&acr_key) {
            keys.push((acr_key, true));
        }
        if !out.iter().any(|f| f.entity.iri == e.iri) {
            out.push(Found { entity: e, keys });
        }
    }
    for f in named_organisations(x, toks, cover, chars, data, lang) {
        if !out.iter().any(|o| o.entity.iri == f.entity.iri || o.keys.iter().any(|k| f.keys.contains(k))) {
            out.push(f);
        }
    }
    out
}

/// A known organisation named within a few words after token `k`, with no punctuation that
/// ends a phrase between: what `k` closes is a body of it ("the Council of Foreign Ministers
/// (CFM) of the SCO", «Совета министров (СМИД) государств – членов ШОС»).
fn parent_after(x: &Extractor<'_>, toks: &[Tok], cover: &[Option<UK>], chars: &[char], k: usize) -> bool {
    let mut prev_end = toks[k].end;
    for n in k + 1..toks.len().min(k + 7) {
        if toks[n].sent != toks[k].sent {
            break;
        }
        let gap: String = chars[prev_end.min(toks[n].start)..toks[n].start].iter().collect();
        if gap.contains([',', ';', '.', '،', '؛', ':']) {
            break;
        }
        if matches!(cover[n], Some(UK::Ent(e)) if x.entity(e, &[]).kind == EntityType::Organization) {
            return true;
        }
        prev_end = toks[n].end;
    }
    false
}

/// The text before `at` ends with the article "the" (which the token stream drops).
fn after_the(chars: &[char], at: usize) -> bool {
    let before: String = chars[at.saturating_sub(5)..at].iter().collect();
    let w = before.trim_end();
    w.len() < before.len() && (w.ends_with("the") || w.ends_with("The")) && {
        let n = w.chars().count();
        n == 3 || w.chars().nth(n - 4).is_some_and(|c| !c.is_alphanumeric())
    }
}

/// Two tokens of one name: next to each other, or with only "the" between ("Heads of the State").
fn name_joined(toks: &[Tok], chars: &[char], a: usize) -> bool {
    if toks[a].sent != toks[a + 1].sent || toks[a].clause != toks[a + 1].clause {
        return false;
    }
    let gap: String = chars[toks[a].end.min(toks[a + 1].start)..toks[a + 1].start].iter().collect();
    let g = gap.trim();
    gap.chars().count() <= 1 || g.is_empty() || g.eq_ignore_ascii_case("the")
}

/// "the Consultative Meeting of the Heads of State of Central Asia": a name in capitals after
/// "the", built on a noun that names organisations ("Meeting", "Commission", "Initiative") and
/// holding no state, city or known organisation, is an organisation named in full without its
/// acronym. (Scripts with case only: an Arabic name gives no such cue.)
fn named_organisations(x: &Extractor<'_>, toks: &[Tok], cover: &[Option<UK>], chars: &[char], data: &LangData, lang: &str) -> Vec<Found> {
    let mut out: Vec<Found> = Vec::new();
    // names seen as a body of a known organisation ("the Supreme Council of the GCC")
    let mut bodies: Vec<String> = Vec::new();
    // A word of the name: capitalised, and no entity or date of the first pass.
    let word = |k: usize, first: bool| {
        let t = &toks[k];
        t.cap
            && t.num.is_none()
            && script_of(&t.keys[0]) == Script::Latin
            && match cover[k] {
                None | Some(UK::Adj(_) | UK::Trig(_)) => true,
                Some(UK::Title(_)) => !first,
                _ => false,
            }
    };
    let mut s = 0;
    while s < toks.len() {
        if !word(s, true) || toks[s].upper || !after_the(chars, toks[s].start) {
            s += 1;
            continue;
        }
        let mut e = s + 1;
        while e < toks.len() && e - s < MAX_ORG_WORDS && name_joined(toks, chars, e - 1) {
            if word(e, false) {
                e += 1;
            } else if data.function_words.contains(&toks[e].keys[0])
                && !toks[e].cap
                && e + 1 < toks.len()
                && name_joined(toks, chars, e)
                && word(e + 1, false)
            {
                e += 2;
            } else {
                break;
            }
        }
        let content: Vec<&Tok> = toks[s..e].iter().filter(|t| t.cap).collect();
        let head = content.iter().any(|t| data.org_heads.contains(&t.keys[0]));
        // (a body named by generic words only is the article's organisation's own: "the
        // Conference of Heads of Government", "the Council of Ministers")
        let proper = (s..e).any(|k| {
            let w = &toks[k].keys[0];
            toks[k].cap && !matches!(cover[k], Some(UK::Title(_))) && !data.org_heads.contains(w) && !data.not_names.contains(w)
        });
        let next_open = toks.get(e).is_some_and(|n| {
            let gap: String = chars[toks[e - 1].end.min(n.start)..n.start].iter().collect();
            gap.trim().ends_with('(')
        });
        if !head || !proper || content.len() < 2 || next_open {
            s = e;
            continue;
        }
        let surface: String = chars[toks[s].start..toks[e - 1].end].iter().collect();
        let key = data.phrase_key(&surface);
        if parent_after(x, toks, cover, chars, e - 1) {
            // a body of a known organisation here is one wherever the text names it alone
            bodies.push(key);
            s = e;
            continue;
        }
        if !key.is_empty() && !x.dict.map.contains_key(&key) && !out.iter().any(|f| f.keys.iter().any(|(k, _)| *k == key)) {
            let mut ent =
                Entity::new(entity_iri(EntityType::Organization, None, &romanise(&normalize(&surface))), EntityType::Organization);
            labels(&mut ent, lang_of(&surface, lang), &surface);
            ent.minted_by = Some(super::minted_by());
            out.push(Found { entity: ent, keys: vec![(key, false)] });
        }
        s = e;
    }
    out.retain(|f| !f.keys.iter().any(|(k, _)| bodies.contains(k)));
    out
}

/// Whether the acronym's letters are the initials of the words (function words may give their
/// initial or not; a word may give more than one letter: "Eurasian" → "EA").
fn spells(acr: &[char], words: &[Tok], data: &LangData) -> bool {
    let ws: Vec<Vec<char>> = words.iter().map(|t| t.keys[0].chars().collect()).collect();
    let func: Vec<bool> = words.iter().map(|t| data.function_words.contains(&t.keys[0])).collect();
    // go(i, j): acronym letters from i, words from j; the first letter of each content word
    // must be used, in order.
    fn go(acr: &[char], i: usize, ws: &[Vec<char>], func: &[bool], j: usize, budget: &mut usize) -> bool {
        if *budget == 0 {
            return false;
        }
        *budget -= 1;
        if j == ws.len() {
            return i == acr.len();
        }
        if func[j] && go(acr, i, ws, func, j + 1, budget) {
            return true;
        }
        // (a digit of the acronym is a number word: "3" for "Three")
        if i < acr.len() && acr[i].is_ascii_digit() && !func[j] && go(acr, i + 1, ws, func, j + 1, budget) {
            return true;
        }
        if i < acr.len() && ws[j].first() == Some(&acr[i]) {
            // This word gives its initial and maybe further letters of its own, in order.
            let mut ii = i + 1;
            let mut pos = 1;
            if go(acr, ii, ws, func, j + 1, budget) {
                return true;
            }
            while ii < acr.len() && pos < ws[j].len() {
                if ws[j][pos] == acr[ii] {
                    ii += 1;
                    if go(acr, ii, ws, func, j + 1, budget) {
                        return true;
                    }
                }
                pos += 1;
            }
        }
        false
    }
    let mut budget = 10_000;
    go(acr, 0, &ws, &func, 0, &mut budget)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn russian_names_are_romanised_with_capitals() {
        assert_eq!(romanise_label("Бассиру Фай"), "Bassiru Fay");
        assert_eq!(romanise_label("Мхер Григорян"), "Mkher Grigoryan");
    }
}
