//! Entities nobody listed: people introduced with a title, organisations named in full with
//! their acronym, and cities of a dateline or after "in" in a sentence about a meeting.
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
use std::collections::HashMap;

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
    // (and where that unit ends: a token past it for a token no unit covers)
    let mut cover_end: Vec<usize> = (1..=toks.len()).collect();
    for u in &doc.units {
        for t in u.t0..u.t1.min(toks.len()) {
            if cover[t].is_none() {
                cover[t] = Some(u.k);
                cover_end[t] = u.t1;
            }
        }
    }
    let data = LangData::get();
    let mut runs: Vec<(usize, usize)> = Vec::new();
    for u in &doc.units {
        let UK::Title(_) = u.k else { continue };
        let arabic = script_of(&toks[u.t0].keys[0]) == Script::Arabic;
        let after = if arabic { arabic_run_after(x, toks, &cover, chars, u.t1, data) } else { run_after(x, toks, &cover, u.t1, data) };
        if let Some(r) = after {
            runs.push(r);
        }
        // The title's first holder, minted or known, and the state-and-name pairs after it.
        let first_end = after.map(|r| r.1).or_else(|| known_holder_after(x, toks, &cover, &cover_end, u.t1, data));
        if let Some(end) = first_end {
            runs.extend(list_after(x, toks, &cover, &cover_end, chars, end, data, arabic));
        }
        let before = if arabic { arabic_run_before(toks, &cover, u.t0, data) } else { run_before(x, toks, &cover, u.t0, data) };
        if let Some(r) = before {
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
        labels(x, &mut e, lang_of(&surface, lang), &surface);
        // An Arabic name's IRI is made from its English label: any_ascii writes no vowels for
        // Arabic ("mhmd").
        if script_of(&key) == Script::Arabic {
            e.iri = entity_iri(EntityType::Person, None, &slug(e.label("en")));
        }
        e.minted_by = Some(super::minted_by());
        person_words.push(words);
        out.push(Found { entity: e, keys });
    }
    for f in organisations(x, toks, &cover, chars, data, lang).into_iter().chain(cities(x, toks, &cover, chars, data, lang)) {
        if !out.iter().any(|o| o.entity.iri == f.entity.iri || o.keys.iter().any(|k| f.keys.contains(k))) {
            out.push(f);
        }
    }
    out
}

/// The end of a known person named right after a title, past what the title is of
/// ("министры иностранных дел Казахстана Мурат Нуртлеу").
fn known_holder_after(
    x: &Extractor<'_>,
    toks: &[Tok],
    cover: &[Option<UK>],
    cover_end: &[usize],
    from: usize,
    data: &LangData,
) -> Option<usize> {
    let mut j = from;
    while j < toks.len() && j - from < 8 && from > 0 && toks[j].clause == toks[from - 1].clause {
        match cover[j] {
            Some(UK::Ent(e)) if x.entity(e, &[]).kind == EntityType::Person => {
                return Some(cover_end[j]);
            }
            Some(UK::Ent(e)) if matches!(x.entity(e, &[]).kind, EntityType::State | EntityType::Organization) => {}
            Some(UK::Adj(_) | UK::Title(_)) => {}
            _ if toks[j].keys.iter().any(|k| data.title_words.contains(k)) => {}
            _ => return None,
        }
        j += 1;
    }
    None
}

/// Most holders in one list after a title.
const MAX_LIST: usize = 30;

/// "министры иностранных дел Казахстана Мурат Нуртлеу, Киргизии Жээнбек Кулубаев и
/// Таджикистана …", "وزراء الداخلية المغربي عبد الوافي لفتيت والمصري محمود توفيق": after the
/// title's first holder (ending at `end`), a comma or "and", a state or nationality and a name,
/// again: each name is a holder of the title. Known people continue the list without a run.
#[allow(clippy::too_many_arguments)]
fn list_after(
    x: &Extractor<'_>,
    toks: &[Tok],
    cover: &[Option<UK>],
    cover_end: &[usize],
    chars: &[char],
    mut end: usize,
    data: &LangData,
    arabic: bool,
) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    while out.len() < MAX_LIST && end < toks.len() && end > 0 && toks[end].sent == toks[end - 1].sent {
        let gap = |a: usize, b: usize| -> String { chars[toks[a].end.min(toks[b].start)..toks[b].start].iter().collect() };
        let mut p = end;
        let g = gap(end - 1, p);
        if !g.trim().is_empty() && !matches!(g.trim(), "," | "،") {
            break;
        }
        // (a conjunction standing alone: "и", "and", "و")
        if matches!(toks[p].keys[0].as_str(), "и" | "and" | "و") && cover[p].is_none() {
            p += 1;
            if p >= toks.len() || !gap(p - 1, p).trim().is_empty() {
                break;
            }
        }
        let state = match cover.get(p).copied().flatten() {
            Some(UK::Ent(e)) => x.entity(e, &[]).kind == EntityType::State,
            Some(UK::Adj(_)) => true,
            _ => false,
        };
        if !state {
            break;
        }
        let q = cover_end[p];
        if q >= toks.len() || toks[q].sent != toks[p].sent || !gap(q - 1, q).trim().is_empty() {
            break;
        }
        if matches!(cover[q], Some(UK::Ent(e)) if x.entity(e, &[]).kind == EntityType::Person) {
            end = cover_end[q];
            continue;
        }
        let run = if arabic { arabic_name_at(x, toks, cover, chars, q, false, data) } else { run_after(x, toks, cover, q, data) };
        match run {
            Some(r) if r.0 == q => {
                out.push(r);
                end = r.1;
            }
            _ => break,
        }
    }
    out
}

/// Most words in a minted city's name.
const MAX_CITY_WORDS: usize = 3;

/// Cities nobody listed: the place of a dateline ("Sakhir, Dec. 3", «Чолпон-Ата, 16 июня
/// 2026 г.»), and in Latin script a name in capitals after a place preposition in a sentence
/// about a meeting ("held at the palace in Sakhir, south of the capital"). The name is a run of
/// words that the first pass did not read as anything else, ending its clause.
fn cities(x: &Extractor<'_>, toks: &[Tok], cover: &[Option<UK>], chars: &[char], data: &LangData, lang: &str) -> Vec<Found> {
    let free = |k: usize| {
        cover[k].is_none()
            && toks[k].num.is_none()
            && !data.not_names.contains(&toks[k].keys[0])
            && !data.function_words.contains(&toks[k].keys[0])
            && (toks[k].cap || script_of(&toks[k].keys[0]) == Script::Arabic)
    };
    // The run of free words from `a` within its clause, if it ends the clause.
    let run = |a: usize| -> Option<usize> {
        let mut b = a;
        while b < toks.len() && b - a < MAX_CITY_WORDS && free(b) && toks[b].clause == toks[a].clause {
            b += 1;
        }
        let ends = b > a && (b == toks.len() || toks[b].clause != toks[a].clause);
        ends.then_some(b)
    };
    let mut spans: Vec<(usize, usize)> = Vec::new();
    // The dateline: the first words of a line near the top, then a comma and a date.
    for a in (0..toks.len()).take_while(|&a| toks[a].sent <= 3).filter(|&a| toks[a].line) {
        let Some(b) = run(a) else { continue };
        let dated = toks.get(b).is_some_and(|t| {
            t.sent == toks[a].sent && (t.num.is_some() || matches!(cover[b], Some(UK::Month(_) | UK::Weekday(_) | UK::Rel(_))))
        });
        if dated {
            spans.push((a, b));
        }
    }
    // "in Sakhir": after a place preposition, in a sentence with a meeting word.
    // (the sentences with a meeting word, found once: not a scan of the text per candidate)
    let meeting_sents: std::collections::HashSet<usize> = toks
        .iter()
        .zip(cover)
        .filter(|(_, c)| matches!(c, Some(UK::Trig(super::lang::Trigger::Summit | super::lang::Trigger::Host))))
        .map(|(t, _)| t.sent)
        .collect();
    let meeting = |sent: usize| meeting_sents.contains(&sent);
    for a in 1..toks.len() {
        let t = &toks[a];
        if script_of(&t.keys[0]) != Script::Latin || !t.cap || t.upper || toks[a - 1].sent != t.sent {
            continue;
        }
        if !x.place_preps.contains(&toks[a - 1].keys[0]) || toks[a - 1].cap || after_the(chars, t.start) || !meeting(t.sent) {
            continue;
        }
        if let Some(b) = run(a) {
            spans.push((a, b));
        }
    }
    let mut out: Vec<Found> = Vec::new();
    for (a, b) in spans {
        let surface: String = chars[toks[a].start..toks[b - 1].end].iter().collect();
        let key = data.phrase_key(&surface);
        if key.is_empty() || x.dict.map.contains_key(&key) || out.iter().any(|f| f.keys.iter().any(|(k, _)| *k == key)) {
            continue;
        }
        let mut e = Entity::new(entity_iri(EntityType::City, None, &romanise(&normalize(&surface))), EntityType::City);
        labels(x, &mut e, lang_of(&surface, lang), &surface);
        if script_of(&key) == Script::Arabic {
            e.iri = entity_iri(EntityType::City, None, &slug(e.label("en")));
        }
        e.minted_by = Some(super::minted_by());
        out.push(Found { entity: e, keys: vec![(key, false)] });
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
fn labels(x: &Extractor<'_>, e: &mut Entity, lang: &str, surface: &str) {
    e.labels.push(Name { lang: lang.to_owned(), text: surface.to_owned() });
    if lang != "en" {
        let en =
            if lang == "ar" && e.kind == EntityType::Person { arabic_label(&x.arabic_words, surface) } else { romanise_label(surface) };
        e.labels.push(Name { lang: "en".to_owned(), text: en });
        e.romanised = true;
    }
}

/// The Arabic words of every person with an Arabic and an English name of as many words →
/// the English word most often written for it (ties: the first in alphabetical order). "عبد"
/// joins the next word, as English writes it ("عبد الله" → "Abdullah").
pub(crate) fn arabic_word_spellings(ents: &[Entity]) -> HashMap<String, String> {
    let mut counts: HashMap<String, HashMap<&str, usize>> = HashMap::new();
    for e in ents.iter().filter(|e| e.kind == EntityType::Person) {
        let en: Vec<&str> = e.labels.iter().filter(|n| n.lang == "en").flat_map(|n| n.text.split_whitespace()).collect();
        let label_words: Vec<Vec<String>> =
            e.labels.iter().filter(|n| n.lang == "ar").flat_map(|n| [arabic_words(&n.text, false), arabic_words(&n.text, true)]).collect();
        for (is_alias, ar) in e.labels.iter().map(|n| (false, n)).chain(e.aliases.iter().map(|n| (true, n))).filter(|(_, n)| n.lang == "ar")
        {
            // (the words align where "بن" meets "bin" and "آل" meets "Al": "عبد اللطيف بن راشد
            // الزياني" is four words beside "Abdullatif bin Rashid Al Zayani", not five)
            let Some(words) = [arabic_words(&ar.text, false), arabic_words(&ar.text, true)]
                .into_iter()
                .find(|w| w.len() == en.len() && w.iter().zip(&en).all(|(a, b)| particle_ar(a) == particle_en(b)))
            else {
                continue;
            };
            // An alias is another spelling of the name only if it keeps one of its words in
            // place ("أبو مازن" is Mahmoud Abbas's by-name, not "Mahmoud" and "Abbas").
            if is_alias && !label_words.iter().any(|l| l.len() == words.len() && l.iter().zip(&words).any(|(a, b)| a == b)) {
                continue;
            }
            for (a, b) in words.into_iter().zip(&en) {
                *counts.entry(a).or_default().entry(b).or_default() += 1;
            }
        }
    }
    counts
        .into_iter()
        .filter_map(|(a, m)| m.into_iter().max_by(|x, y| x.1.cmp(&y.1).then(y.0.cmp(x.0))).map(|(b, _)| (a, b.to_owned())))
        .collect()
}

/// The particle of an Arabic name that a word is ("بن", "آل"), to align words with English.
fn particle_ar(w: &str) -> Option<&'static str> {
    match w {
        "بن" | "ابن" | "بنت" => Some("bin"),
        "ال" | "آل" => Some("al"),
        _ => None,
    }
}

fn particle_en(w: &str) -> Option<&'static str> {
    match w.to_lowercase().as_str() {
        "bin" | "ibn" | "ben" | "bint" | "bn" => Some("bin"),
        "al" | "el" => Some("al"),
        _ => None,
    }
}

/// The normalised words of an Arabic name, with "عبد" and the word after it as one when `join`.
fn arabic_words(name: &str, join: bool) -> Vec<String> {
    let ws: Vec<String> = name.split_whitespace().map(normalize).filter(|w| !w.is_empty()).collect();
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    while i < ws.len() {
        if join && ws[i] == "عبد" && i + 1 < ws.len() {
            out.push(format!("{} {}", ws[i], ws[i + 1]));
            i += 2;
        } else {
            out.push(ws[i].clone());
            i += 1;
        }
    }
    out
}

/// The English label of an Arabic name: each word as the English names of known people spell
/// it, else a letter-by-letter romanisation (so the label is marked as romanised).
fn arabic_label(known: &HashMap<String, String>, surface: &str) -> String {
    let ws: Vec<&str> = surface.split_whitespace().collect();
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    while i < ws.len() {
        if i + 1 < ws.len() && normalize(ws[i]) == "عبد" {
            // "عبد الصادق": "Abdul" and the word after it, without its article, as one word.
            let en =
                known.get(&format!("عبد {}", normalize(ws[i + 1]))).cloned().unwrap_or_else(|| abdul(&romanise_arabic_word(ws[i + 1])));
            out.push(en);
            i += 2;
            continue;
        }
        out.push(known.get(&normalize(ws[i])).cloned().unwrap_or_else(|| romanise_arabic_word(ws[i])));
        i += 1;
    }
    out.join(" ")
}

/// One Arabic word in Latin letters: consonants as English-language news writes them, the
/// long vowels as a/i/u (w and y next to a vowel), the article as "Al-", and an "a" between
/// two consonants, where the unwritten short vowel most often is.
fn romanise_arabic_word(w: &str) -> String {
    let w: String = w.chars().filter(|c| !crate::normalize::is_arabic_mark(*c)).collect();
    let (article, body) = match w.strip_prefix("ال") {
        Some(rest) if rest.chars().count() >= 2 => (true, rest.to_owned()),
        _ => (false, w.clone()),
    };
    // "عبدالعزيز" written as one word is "Abdul" and the name after it.
    if let Some(rest) = body.strip_prefix("عبد").filter(|r| r.chars().count() >= 3) {
        return abdul(&romanise_arabic_word(rest));
    }
    let cs: Vec<char> = body.chars().collect();
    let mut out = String::new();
    let mut prev_consonant = false;
    for (i, &c) in cs.iter().enumerate() {
        let first = i == 0;
        let next_vowel = cs.get(i + 1).is_some_and(|n| matches!(n, 'ا' | 'آ' | 'ى' | 'ة'));
        let after_alef = i == 1 && matches!(cs[0], 'أ' | 'ا' | 'إ');
        let (latin, consonant): (&str, bool) = match c {
            'و' if after_alef && cs[0] != 'إ' => ("u", false),
            'ي' if after_alef && cs[0] == 'إ' => ("", false),
            'ا' | 'آ' | 'ى' => ("a", false),
            'أ' => ("a", false),
            'إ' => ("i", false),
            'ة' => ("a", false),
            'ء' | 'ؤ' | 'ئ' => ("", false),
            'ع' if prev_consonant => ("aa", false),
            'ع' => ("a", false),
            // (the nisba ending "ـوي": "بدوي" Badawi)
            'و' if prev_consonant && i + 2 == cs.len() && cs[i + 1] == 'ي' => ("awi", false),
            'ي' if i + 1 == cs.len() && i > 0 && cs[i - 1] == 'و' && out.ends_with("awi") => ("", false),
            'و' if first || next_vowel || !prev_consonant => ("w", true),
            'و' => ("u", false),
            'ي' if first || next_vowel || !prev_consonant => ("y", true),
            'ي' => ("i", false),
            'ب' => ("b", true),
            'ت' => ("t", true),
            'ث' => ("th", true),
            'ج' => ("j", true),
            'ح' | 'ه' => ("h", true),
            'خ' => ("kh", true),
            'د' | 'ض' => ("d", true),
            'ذ' => ("dh", true),
            'ر' => ("r", true),
            'ز' | 'ظ' => ("z", true),
            'س' | 'ص' => ("s", true),
            'ش' => ("sh", true),
            'ط' => ("t", true),
            'غ' => ("gh", true),
            'ف' => ("f", true),
            'ق' => ("q", true),
            'ك' => ("k", true),
            'ل' => ("l", true),
            'م' => ("m", true),
            'ن' => ("n", true),
            'پ' => ("p", true),
            'چ' => ("ch", true),
            'ڤ' | 'ڥ' => ("v", true),
            'گ' | 'ݣ' => ("g", true),
            _ => ("", false),
        };
        if consonant && prev_consonant && !out.is_empty() {
            out.push('a');
        }
        out.push_str(latin);
        prev_consonant = consonant;
    }
    let word = capitalise(&out);
    if article {
        format!("Al-{word}")
    } else {
        word
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
        out.push_str(&capitalise(&any_ascii::any_ascii(w).to_lowercase()));
    }
    out
}

/// "Abdul" joined to the romanised name after "عبد", without that name's article, as English
/// writes it ("عبد الصادق" → "Abdulsadiq").
fn abdul(rest: &str) -> String {
    format!("Abdul{}", rest.strip_prefix("Al-").unwrap_or(rest).to_lowercase())
}

/// The word with its first letter in capitals.
fn capitalise(w: &str) -> String {
    let mut cs = w.chars();
    match cs.next() {
        Some(c) => c.to_uppercase().chain(cs).collect(),
        None => String::new(),
    }
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
    while j < toks.len() && skipped < 8 && toks[j].sent == toks[from.saturating_sub(1)].sent {
        only_function_words &= cover[j].is_none();
        let skip = match cover[j] {
            Some(UK::Ent(e)) => matches!(x.entity(e, &[]).kind, EntityType::State | EntityType::Organization),
            Some(UK::Adj(_) | UK::Title(_)) => true,
            // (a portfolio that is also an event word: "образования", education or founding)
            Some(UK::Trig(_)) if data.title_words.contains(&toks[j].keys[0]) => true,
            Some(_) => false,
            None if data.title_words.contains(&toks[j].keys[0]) && (toks[j].keys[0].chars().count() > 3 || !toks[j].cap) => {
                only_function_words &= data.function_words.contains(&toks[j].keys[0]);
                true
            }
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

/// A word that can be part of an Arabic personal name: in Arabic script, not a word the first
/// pass read as something else, not a preposition, particle or verb of the pattern files.
fn arabic_name_word(t: &Tok, cover: Option<UK>, data: &LangData) -> bool {
    cover.is_none()
        && t.num.is_none()
        && script_of(&t.keys[0]) == Script::Arabic
        && t.keys[0].chars().count() >= 2
        && !t.keys.iter().any(|k| data.not_names.contains(k) || data.title_words.contains(k))
}

/// A dash standing alone between two words ("رئيس جمهورية غينيا الاستوائية - تيودورو").
fn dash_between(chars: &[char], a: &Tok, b: &Tok) -> bool {
    a.end < b.start
        && chars[a.end..b.start].iter().any(|c| matches!(c, '-' | '–' | '—'))
        && chars[a.end..b.start].iter().all(|c| c.is_whitespace() || matches!(c, '-' | '–' | '—'))
}

/// The name after an Arabic title. Arabic writes no capitals, so the name is found by what
/// surrounds it: past the portfolio, the state or organisation and the nationality the title
/// is of ("وزير الطاقة والمناجم الجزائري محمد عرقاب"), or after a dash that agencies put
/// before the name ("رئيس جمهورية غينيا الاستوائية - تيودورو أوبيانغ"); then words that are
/// none of the pattern files' words, up to punctuation. Without a dash a name has two words
/// or more and does not start like a verb in the future; its first word is written without
/// the article.
fn arabic_run_after(
    x: &Extractor<'_>,
    toks: &[Tok],
    cover: &[Option<UK>],
    chars: &[char],
    from: usize,
    data: &LangData,
) -> Option<(usize, usize)> {
    if from == 0 || from >= toks.len() {
        return None;
    }
    let (sent, clause) = (toks[from - 1].sent, toks[from - 1].clause);
    // A dash within the title's clause, with no person, event word or other title's holder
    // before it, puts the name right after it.
    let dash = (from..toks.len().min(from + 10))
        .take_while(|&j| toks[j].sent == sent && toks[j].clause == clause)
        .take_while(|&j| j == from || !matches!(cover[j - 1], Some(UK::Trig(t)) if t != super::lang::Trigger::OrgRef))
        .find(|&j| dash_between(chars, &toks[j - 1], &toks[j]));
    if let Some(mut j) = dash {
        // (the nationality agencies put after the dash: "- النيجيري عمر فاروق إبراهيم")
        while j < toks.len() && matches!(cover[j], Some(UK::Adj(_))) && toks[j].clause == clause {
            j += 1;
        }
        return arabic_name_at(x, toks, cover, chars, j, true, data);
    }
    let mut j = from;
    // (what the title is of: a state, an organisation or a nationality)
    let mut of = false;
    while j < toks.len() && j - from < 8 && toks[j].sent == sent && toks[j].clause == clause {
        let skip = match cover[j] {
            Some(UK::Ent(e)) => matches!(x.entity(e, &[]).kind, EntityType::State | EntityType::Organization),
            Some(UK::Adj(_)) => true,
            Some(UK::Title(_) | UK::Trig(super::lang::Trigger::OrgRef)) => {
                j += 1;
                continue;
            }
            Some(UK::Trig(_)) | None if toks[j].keys.iter().any(|k| data.title_words.contains(k)) => {
                j += 1;
                continue;
            }
            _ => false,
        };
        if !skip {
            break;
        }
        of = true;
        j += 1;
    }
    // Past the title's own words the name is what the title is of: "قال وزير الخارجية لتمثيل
    // بلاده" names nobody.
    if !of || j >= toks.len() || toks[j].sent != sent || toks[j].clause != clause {
        return None;
    }
    arabic_name_at(x, toks, cover, chars, j, false, data)
}

/// The Arabic name that starts at token `j`, if one does.
fn arabic_name_at(
    x: &Extractor<'_>,
    toks: &[Tok],
    cover: &[Option<UK>],
    chars: &[char],
    j: usize,
    dash: bool,
    data: &LangData,
) -> Option<(usize, usize)> {
    let first = toks.get(j)?;
    // Nothing but spaces or a dash before it: a quoted phrase ("حفظه الله") is no name.
    if j > 0 && !chars[toks[j - 1].end..first.start].iter().all(|c| c.is_whitespace() || matches!(c, '-' | '–' | '—')) {
        return None;
    }
    if !arabic_name_word(first, cover[j], data)
        || first.article
        || data.name_particles.iter().any(|p| first.keys.contains(p) && p != "عبد" && p != "ابو")
    {
        return None;
    }
    let mut k = j + 1;
    // (a word with "و" on it starts the next phrase: "أندريه بيلاوسوف ونظيره")
    let and = |t: &Tok| t.norm.starts_with('و') && t.keys.len() > 1 && !t.keys.iter().any(|w| data.name_particles.contains(w));
    while k < toks.len() && k - j < MAX_NAME_WORDS && joined(toks, k - 1) && arabic_name_word(&toks[k], cover[k], data) && !and(&toks[k]) {
        k += 1;
    }
    // A name ends on a name word, not on a particle ("محمد بن" is cut short).
    while k > j + 1 && toks[k - 1].keys.iter().any(|w| data.name_particles.contains(w)) {
        k -= 1;
    }
    // A known person's first name is not a new person.
    if k < toks.len() && joined(toks, k - 1) && matches!(cover[k], Some(UK::Ent(e)) if x.entity(e, &[]).kind == EntityType::Person) {
        return None;
    }
    // Without a dash, a lone word may be a verb ("الرئيس السوري سيلبي الدعوة"), and so may a
    // first word with the future prefix س on a present-tense one.
    let future = |t: &Tok| t.norm.chars().count() >= 5 && ["سي", "ست", "سن", "سا"].iter().any(|p| t.norm.starts_with(p));
    if !dash && (k - j < 2 || future(first)) {
        return None;
    }
    Some((j, k))
}

/// Most words of an Arabic name between an honorific and a title (with "بن", "آل": "محمد
/// بن سلمان بن عبد العزيز آل سعود").
const MAX_ARABIC_NAME_WORDS: usize = 8;

/// "صاحب السمو السيد شهاب بن طارق آل سعيد نائب رئيس الوزراء": between words of address and a
/// title right after them, the words that can be a name are one (two words or more, ending on
/// a name word, in one clause, each word next to the next).
fn arabic_run_before(toks: &[Tok], cover: &[Option<UK>], title: usize, data: &LangData) -> Option<(usize, usize)> {
    let honorific = |t: &Tok| t.keys.iter().any(|k| data.honorifics.contains(k));
    let mut a = title;
    while a > 0
        && title - a < MAX_ARABIC_NAME_WORDS
        && toks[a - 1].clause == toks[title].clause
        && toks[a - 1].sent == toks[title].sent
        && !honorific(&toks[a - 1])
        && joined(toks, a - 1)
        && (arabic_name_word(&toks[a - 1], cover[a - 1], data) || toks[a - 1].keys.iter().any(|k| data.name_particles.contains(k)))
    {
        a -= 1;
    }
    let words = title - a;
    // (a name's first word is written without the article)
    if a == 0 || words < 2 || !honorific(&toks[a - 1]) || toks[a - 1].sent != toks[title].sent || toks[a].article {
        return None;
    }
    // (the name starts and ends on a name word: not on "بن" or "آل")
    let particle = |t: &Tok| t.keys.iter().any(|k| data.name_particles.contains(k)) && t.keys[0] != "عبد";
    if particle(&toks[a]) || particle(&toks[title - 1]) {
        return None;
    }
    Some((a, title))
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
        // (the acronym may be a known organisation's: see below)
        let known_acronym = matches!(cover[k], Some(UK::Ent(e)) if x.entity(e, &[]).kind == EntityType::Organization);
        if !t.upper || (cover[k].is_some() && !known_acronym) || t.num.is_some() {
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
            // (a place may be part of the name: "the Colombo Security Conclave (CSC)")
            let place = |c: UK| {
                matches!(c, UK::Adj(_)) || matches!(c, UK::Ent(e) if matches!(x.entity(e, &[]).kind, EntityType::City | EntityType::State))
            };
            if toks[s].clause != toks[last].clause || last - s >= MAX_ORG_WORDS || cover[s].is_some_and(|c| !place(c)) {
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
        labels(x, &mut e, lang_of(&surface, lang), &surface);
        e.notations.push(written.clone());
        e.minted_by = Some(super::minted_by());
        let acr_key = data.phrase_key(&written);
        // An acronym the tables give another organisation ("CSC") means, in this article, the
        // one it defines; unless the name is the known one's in another spelling ("…
        // Organisation (CSTO)").
        let known = x.dict.map.get(&acr_key).map_or(&[][..], |ps| &ps[..]);
        if known.iter().any(|p| matches!(p, super::Payload::Ent(e, _) if same_name(x.entity(*e, &[]), &surface, data))) {
            continue;
        }
        let mut keys = vec![(key, false)];
        if !acr_key.is_empty() {
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

/// Whether `surface` is a spelling of one of the entity's names: most of its content words
/// (by their first five letters: "Organisation", "Organization") are in one name.
fn same_name(e: &Entity, surface: &str, data: &LangData) -> bool {
    let stems = |s: &str| -> Vec<String> {
        normalize(s)
            .split_whitespace()
            .filter(|w| w.chars().count() >= 3 && !data.function_words.iter().any(|f| f == w))
            .map(|w| w.chars().take(5).collect())
            .collect()
    };
    let ours = stems(surface);
    !ours.is_empty()
        && e.all_names().any(|n| {
            let theirs = stems(n);
            2 * ours.iter().filter(|w| theirs.contains(w)).count() > ours.len()
        })
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
            labels(x, &mut ent, lang_of(&surface, lang), &surface);
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

    #[test]
    fn arabic_words_are_romanised_with_their_long_vowels() {
        assert_eq!(romanise_arabic_word("بدوي"), "Badawi");
        assert_eq!(romanise_arabic_word("سعد"), "Saad");
        assert_eq!(romanise_arabic_word("عبدالعزيز"), "Abdulaziz");
        assert_eq!(romanise_arabic_word("الكعبي"), "Al-Kaabi");
        assert_eq!(romanise_arabic_word("لوكبوبيري"), "Lukabubiri");
    }

    #[test]
    fn an_arabic_name_takes_the_spelling_of_known_people_word_by_word() {
        let gaz = crate::gazetteer::Gazetteer::builtin();
        let known = arabic_word_spellings(gaz.entities());
        // "محمد" and "عبد الله" are words of listed people's names; "قرطبي" is no one's.
        let l = arabic_label(&known, "محمد عبد الله قرطبي");
        let w: Vec<&str> = l.split(' ').collect();
        assert!(w[0].starts_with("Moham"), "{l}");
        assert_eq!(w[1], "Abdullah", "{l}");
        assert_eq!(w[2], "Qaratabi", "{l}");
    }
}
