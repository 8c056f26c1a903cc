//! Relation rules over the typed units of each sentence.
//!
//! The rules are the same for every language; what differs (words, titles, months, clitics,
//! case endings) lives in the pattern files. A sentence is read as a sequence of items —
//! persons, states, cities, organisations, nationality adjectives, titles, triggers, dates —
//! in text order, with clause numbers so that negation and attachment stay local.

use super::dates::{last_month_named, resolve_relative, resolve_weekday, ymd};
use super::lang::{LangData, Relative, Trigger as T};
use super::{Doc, Extractor, Options, UK};
use crate::model::{Code, EntityType, EventRef, Fact, FactKind, Method, PartialDate, Position, Provenance, Role, Status, Value};
use std::collections::{BTreeMap, HashMap, HashSet};

/// A date found in the text.
#[derive(Debug, Clone, Copy)]
struct DateM {
    t0: usize,
    t1: usize,
    date: PartialDate,
    end: Option<PartialDate>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum IK {
    Person(usize),
    State(usize),
    City(usize),
    Org(usize),
    Title(Position),
    Trig(T),
}

/// An item of a sentence. `virt` marks a person found through a title ("the Russian
/// president"); `used` marks a state or organisation that only qualifies a title.
#[derive(Debug, Clone, Copy)]
struct It {
    t0: usize,
    t1: usize,
    k: IK,
    adj: bool,
    used: bool,
}

struct Sent {
    t0: usize,
    t1: usize,
    items: Vec<It>,
    dates: Vec<DateM>,
}

/// A summit mention: (organisation, date, end date, place, vague, sentence).
type SummitMention = (usize, PartialDate, Option<PartialDate>, Option<usize>, bool, usize);

struct Ctx<'a, 'g> {
    x: &'a Extractor<'g>,
    /// The entities minted from this document (indices from `x.minted_base()`).
    minted: &'a [crate::model::Entity],
    doc: &'a Doc,
    chars: Vec<char>,
    lang: &'a str,
    opts: &'a Options,
    published: Option<PartialDate>,
    facts: Vec<Fact>,
    keys: HashSet<String>,
    /// Offices stated in this article (person, position, of).
    offices: Vec<(usize, Position, usize)>,
    persons_seen: Vec<usize>,
    last_org: Option<usize>,
    main: Option<EventRef>,
    main_org: Option<usize>,
    summits: Vec<SummitMention>,
    /// Parties already given an endorsement (one per party and article).
    endorsed: Vec<usize>,
    /// "Leaders of the member states of X" (organisation, sentence): X's attending heads are members.
    member_leaders: Vec<(usize, usize)>,
    /// Foundings stated in this article (organisation, date).
    founded: Vec<(usize, PartialDate)>,
    /// Each person named, with the sentence of the first mention.
    person_sent: Vec<(usize, usize)>,
    /// The last role word of the sentences read so far ("partner status"): what "this status"
    /// of a later sentence stands for.
    last_role: Option<Role>,
}

pub(super) fn run(x: &Extractor<'_>, doc: &Doc, text: &str, lang: &str, opts: &Options, minted: &[crate::model::Entity]) -> Vec<Fact> {
    let mut cx = Ctx {
        x,
        minted,
        doc,
        chars: text.chars().collect(),
        lang,
        opts,
        published: opts.published,
        facts: Vec::new(),
        keys: HashSet::new(),
        offices: Vec::new(),
        persons_seen: Vec::new(),
        last_org: None,
        main: None,
        main_org: None,
        summits: Vec::new(),
        endorsed: Vec::new(),
        person_sent: Vec::new(),
        founded: Vec::new(),
        member_leaders: Vec::new(),
        last_role: None,
    };
    let mut sents = cx.sentences();
    if cx.published.is_none() {
        // A date line near the top: the first full date in the first sentences.
        'outer: for s in sents.iter().take(6) {
            for d in cx.find_dates(s.t0, s.t1, None) {
                if matches!(d.date, PartialDate::Date(..)) {
                    cx.published = Some(d.date);
                    break 'outer;
                }
            }
        }
    }
    for s in &mut sents {
        s.dates = cx.find_dates(s.t0, s.t1, cx.published);
        cx.complete_elliptical(&mut s.dates);
        cx.forward_future(&mut s.dates);
    }
    // The organisation the article is about: the one named most often.
    // Ties go to an organisation the tables know over one minted from this text (a body of it,
    // "the Supreme Council", is named beside it), then to the one named first, then to the lowest
    // index: never to the order of a hash map, so that the same text gives the same facts.
    let mut counts: HashMap<usize, (usize, usize)> = HashMap::new();
    for s in sents.iter() {
        for it in &s.items {
            if let IK::Org(o) = it.k {
                let e = counts.entry(o).or_insert((0, it.t0));
                e.0 += 1;
            }
        }
    }
    let base = cx.x.minted_base();
    cx.main_org =
        counts.iter().max_by_key(|(o, (n, first))| (*n, **o < base, std::cmp::Reverse(*first), std::cmp::Reverse(**o))).map(|(o, _)| *o);
    // … unless the first sentence about a summit names another one.
    'first: for s in &sents {
        // (leaders meeting, "Leaders of X gathered in Y on Monday", before any summit word)
        let word = s.items.iter().find(|i| i.k == IK::Trig(T::Summit));
        let met = cx.triggers(s, T::Convene).filter(|c| word.is_none_or(|w| c.t0 < w.t0)).find_map(|c| cx.convened(s, c));
        if let Some(o) = met {
            cx.main_org = Some(o);
            break 'first;
        }
        if let Some(tr) = word {
            let near = s
                .items
                .iter()
                .filter_map(|i| if let IK::Org(o) = i.k { Some((cx.cdist((i.t0, i.t1), (tr.t0, tr.t1)), o)) } else { None })
                // ("the summit of X", "X summit", not an organisation named elsewhere in the sentence)
                .filter(|(d, _)| *d <= 6)
                .min();
            if let Some((_, o)) = near {
                cx.main_org = Some(o);
            }
            // (only the first summit mentioned: a later one named with its organisation is
            // an event mentioned in passing, "also took part in the summit of Y")
            break 'first;
        }
    }
    for s in &mut sents {
        cx.titles(s, false);
    }
    for (i, s) in sents.iter().enumerate() {
        cx.summit(s, i);
    }
    cx.choose_main();
    cx.persons_seen.clear();
    for s in &mut sents {
        for it in &mut s.items {
            it.used = false;
        }
    }
    let debug = std::env::var_os("IGOKG_EXTRACT_DEBUG").is_some();
    for (si, s) in sents.iter_mut().enumerate() {
        cx.titles(s, true);
        if debug {
            let toks = &cx.doc.toks;
            let q: String = cx.chars[toks[s.t0].start..toks[s.t1 - 1].end].iter().take(80).collect();
            eprintln!("## {q}");
            for it in &s.items {
                let w: String = cx.chars[toks[it.t0].start..toks[it.t1 - 1].end].iter().collect();
                let k = match it.k {
                    IK::Person(e) | IK::State(e) | IK::City(e) | IK::Org(e) => format!("{:?} {}", it.k, cx.ent(e).label("en")),
                    other => format!("{other:?}"),
                };
                eprintln!(
                    "   [{}..{} c{}] {w} => {k}{}{}",
                    it.t0,
                    it.t1,
                    cx.clause(it.t0),
                    if it.adj { " adj" } else { "" },
                    if it.used { " used" } else { "" }
                );
            }
            for d in &s.dates {
                eprintln!("   date [{}..{}] {} {:?}", d.t0, d.t1, d.date, d.end);
            }
        }
        let chairs = cx.chair(s);
        for it in &mut s.items {
            if matches!(it.k, IK::State(e) if chairs.contains(&e)) {
                it.used = true;
            }
        }
        cx.attendance(s);
        cx.membership(s);
        cx.visit(s);
        cx.endorse(s);
        // (only with the organisation named: "leaders of the member states of the CSTO")
        if let Some(ml) = s.items.iter().find(|i| i.k == IK::Trig(T::MemberLeaders)) {
            let org = s.items.iter().find_map(|i| match i.k {
                IK::Org(o) if i.t0 >= ml.t1 && i.t0 - ml.t1 <= 3 => Some(o),
                _ => None,
            });
            if let Some(o) = org {
                cx.member_leaders.push((o, si));
            }
        }
        for it in &s.items {
            match it.k {
                IK::Person(p) => {
                    cx.persons_seen.push(p);
                    if !cx.person_sent.iter().any(|x| x.0 == p) {
                        cx.person_sent.push((p, si));
                    }
                }
                IK::Org(o) if !it.used => cx.last_org = Some(o),
                _ => {}
            }
        }
    }
    cx.office_starts(&sents);
    cx.emit_summits();
    cx.members_from_leaders(&sents);
    cx.leaders_at_summit(&sents);
    cx.members_by_status();
    // A membership stated with its start makes the same one without a start redundant.
    let dated: Vec<String> = cx
        .facts
        .iter()
        .filter(|f| f.kind == FactKind::Membership && f.get("start").is_some())
        .map(|f| format!("{:?}{:?}{:?}", f.entity("member").map(|e| &e.iri), f.entity("organization").map(|e| &e.iri), f.code("role")))
        .collect();
    cx.facts.retain(|f| {
        f.kind != FactKind::Membership
            || f.get("start").is_some()
            || !dated.contains(&format!(
                "{:?}{:?}{:?}",
                f.entity("member").map(|e| &e.iri),
                f.entity("organization").map(|e| &e.iri),
                f.code("role")
            ))
    });
    // A rotating chair is held by one state at a time: a term open at its end ("had held the
    // presidency since December 2024") ends where the next state's term that the article gives
    // begins, when that has begun by the publication.
    let terms: Vec<(usize, String, String, PartialDate)> = cx
        .facts
        .iter()
        .enumerate()
        .filter(|(_, f)| f.kind == FactKind::Chairmanship)
        .filter_map(|(i, f)| Some((i, f.entity("organization")?.iri.clone(), f.entity("chair")?.iri.clone(), f.date("start")?)))
        .collect();
    for (i, org, chair, st) in &terms {
        if cx.facts[*i].get("end").is_some() {
            continue;
        }
        let next = terms
            .iter()
            .filter(|(_, o, c, t)| o == org && c != chair && st.surely_before(*t) && cx.published.is_none_or(|p| !p.surely_before(*t)))
            .map(|x| x.3)
            .min_by(|a, b| a.earliest().cmp(&b.earliest()));
        if let Some(t) = next {
            cx.facts[*i].args.insert("end", Value::Date(t));
        }
    }
    // A chairmanship stated with its end makes the same one (chair, organisation, start)
    // without an end redundant: "had held the presidency since December" in one sentence, the
    // whole term in another.
    let chair_key = |f: &Fact| {
        format!(
            "{:?}{:?}{:?}",
            f.entity("chair").map(|e| &e.iri),
            f.entity("organization").map(|e| &e.iri),
            f.get("start").map(|v| v.key_text())
        )
    };
    let ended: Vec<String> = cx
        .facts
        .iter()
        .filter(|f| f.kind == FactKind::Chairmanship && f.get("start").is_some() && f.get("end").is_some())
        .map(chair_key)
        .collect();
    cx.facts.retain(|f| {
        f.kind != FactKind::Chairmanship || f.get("start").is_none() || f.get("end").is_some() || !ended.contains(&chair_key(f))
    });
    cx.facts
}

/// The list that entry `k` of position-sorted mentions stands in: the run of neighbours at most
/// one token apart ("Mali, Burkina Faso and Niger"), as its first and last index.
fn list_around(items: &[(It, usize)], k: usize) -> (usize, usize) {
    let (mut lo, mut hi) = (k, k);
    while lo > 0 && items[lo].0.t0.saturating_sub(items[lo - 1].0.t1) <= 1 {
        lo -= 1;
    }
    while hi + 1 < items.len() && items[hi + 1].0.t0.saturating_sub(items[hi].0.t1) <= 1 {
        hi += 1;
    }
    (lo, hi)
}

fn dist(a: (usize, usize), b: (usize, usize)) -> usize {
    // The gap between two spans, 0 when they overlap.
    b.0.saturating_sub(a.1).max(a.0.saturating_sub(b.1))
}

impl<'a> Ctx<'a, '_> {
    fn ent(&self, e: usize) -> &'a crate::model::Entity {
        let (x, minted): (&'a Extractor<'_>, &'a [crate::model::Entity]) = (self.x, self.minted);
        x.entity(e, minted)
    }

    fn ent_kind(&self, e: usize) -> EntityType {
        self.ent(e).kind
    }

    fn sentences(&self) -> Vec<Sent> {
        let toks = &self.doc.toks;
        let mut out: Vec<Sent> = Vec::new();
        let mut i = 0;
        while i < toks.len() {
            let s = toks[i].sent;
            let mut j = i;
            while j < toks.len() && toks[j].sent == s {
                j += 1;
            }
            out.push(Sent { t0: i, t1: j, items: Vec::new(), dates: Vec::new() });
            i = j;
        }
        let mut si = 0;
        for u in &self.doc.units {
            while si < out.len() && out[si].t1 <= u.t0 {
                si += 1;
            }
            let Some(s) = out.get_mut(si) else { break };
            let k = match u.k {
                UK::Ent(e) => match self.ent_kind(e) {
                    EntityType::Person => IK::Person(e),
                    EntityType::State => IK::State(e),
                    EntityType::City => IK::City(e),
                    EntityType::Organization => IK::Org(e),
                },
                UK::Adj(e) => {
                    s.items.push(It { t0: u.t0, t1: u.t1, k: IK::State(e), adj: true, used: false });
                    continue;
                }
                UK::Title(p) => IK::Title(p),
                UK::Trig(t) => IK::Trig(t),
                _ => continue,
            };
            s.items.push(It { t0: u.t0, t1: u.t1, k, adj: false, used: false });
        }
        // "the Kazakh capital", "столица Белоруссии": the capital city of the state.
        for s in &mut out {
            let mut extra = Vec::new();
            for c in s.items.iter().filter(|i| i.k == IK::Trig(T::Capital)) {
                let st =
                    s.items.iter().filter(|i| matches!(i.k, IK::State(_)) && dist((i.t0, i.t1), (c.t0, c.t1)) == 0).min_by_key(|i| !i.adj);
                let Some(st) = st else { continue };
                let IK::State(e) = st.k else { continue };
                let iri = &self.ent(e).iri;
                let Some(city) = self.x.gaz.capital_of(iri) else { continue };
                let ci = self.x.gaz.index_of(&city.iri);
                let named = s.items.iter().any(|i| matches!(i.k, IK::City(x) if Some(x) == ci));
                if let (Some(ci), false) = (ci, named) {
                    extra.push(It { t0: c.t0.min(st.t0), t1: c.t1.max(st.t1), k: IK::City(ci), adj: false, used: false });
                }
            }
            s.items.extend(extra);
            s.items.sort_by_key(|i| (i.t0, i.t1));
        }
        out
    }

    // ---------------------------------------------------------------- dates

    fn find_dates(&self, t0: usize, t1: usize, published: Option<PartialDate>) -> Vec<DateM> {
        let toks = &self.doc.toks;
        let mut month_at: HashMap<usize, (u8, usize)> = HashMap::new();
        let mut wd_at: HashMap<usize, (u8, usize)> = HashMap::new();
        let mut rel_at: HashMap<usize, (Relative, usize)> = HashMap::new();
        let mut ord_at: HashMap<usize, (u8, usize)> = HashMap::new();
        let units = &self.doc.units;
        let lo = units.partition_point(|u| u.t0 < t0);
        let hi = units.partition_point(|u| u.t0 < t1);
        for u in &units[lo..hi] {
            match u.k {
                UK::Month(m) => {
                    month_at.insert(u.t0, (m, u.t1));
                }
                UK::Weekday(w) => {
                    wd_at.insert(u.t0, (w, u.t1));
                }
                UK::Rel(r) => {
                    rel_at.insert(u.t0, (r, u.t1));
                }
                UK::Ordinal(d) => {
                    ord_at.insert(u.t0, (d, u.t1));
                }
                _ => {}
            }
        }
        let num = |i: usize| if i < t1 { toks[i].num } else { None };
        let is_year = |n: u32| (1900..=2100).contains(&n);
        let is_day = |n: u32| (1..=31).contains(&n);
        let py = published.map(|p| p.year_value());
        // A month name, possibly doubled ("نوفمبر/تشرين الثاني"): (month, end).
        let month = |i: usize| -> Option<(u8, usize)> {
            let (m, mut e) = *month_at.get(&i)?;
            if let Some(&(m2, e2)) = month_at.get(&e) {
                if m2 == m {
                    e = e2;
                }
            }
            Some((m, e))
        };
        let connector = |i: usize| i < t1 && toks[i].num.is_none() && toks[i].keys[0].chars().count() <= 3;
        // A year after a month: a number, or "of this year" within two words.
        let year_after = |e: usize| -> Option<(i32, usize)> {
            if let Some(n) = num(e).filter(|n| is_year(*n)) {
                return Some((n as i32, e + 1));
            }
            for k in e..(e + 2).min(t1) {
                if let Some(&(r, re)) = rel_at.get(&k) {
                    let y = match r {
                        Relative::ThisYear => py?,
                        Relative::NextYear => py? + 1,
                        Relative::LastYear => py? - 1,
                        _ => return None,
                    };
                    return Some((y, re));
                }
            }
            None
        };
        let mut out = Vec::new();
        let mut i = t0;
        while i < t1 {
            // "الأول من يناير الماضي", "التاسع عشر من أيار الجاري"
            if let Some(&(d, e)) = ord_at.get(&i) {
                let mi = if month(e).is_some() { e } else { e + 1 };
                if let Some((m, me)) = month(mi) {
                    let (y, e2) = match year_after(me) {
                        Some(v) => (Some(v.0), v.1),
                        None => match rel_at.get(&me) {
                            Some(&(Relative::Last, re)) => (last_month_named(published, m), re),
                            _ => (py, me),
                        },
                    };
                    if let Some(date) = y.and_then(|y| ymd(y, m, d)) {
                        out.push(DateM { t0: i, t1: e2, date, end: None });
                        i = e2;
                        continue;
                    }
                }
            }
            // 22-24 October 2024 / 28 ноября 2024 / 22 إلى 24 أكتوبر
            if let Some(d) = num(i).filter(|n| is_day(*n)) {
                let mut d2 = None;
                let mut mi = i + 1;
                if let Some(n2) = num(i + 1).filter(|n| is_day(*n) && *n > d) {
                    if month(i + 2).is_some() {
                        d2 = Some(n2);
                        mi = i + 2;
                    }
                } else if connector(i + 1) {
                    if let Some(n2) = num(i + 2).filter(|n| is_day(*n) && *n > d) {
                        if month(i + 3).is_some() {
                            d2 = Some(n2);
                            mi = i + 3;
                        }
                    }
                }
                if let Some((m, e)) = month(mi) {
                    let (y, e) = match year_after(e) {
                        Some(v) => (Some(v.0), v.1),
                        None => (py, e),
                    };
                    if let Some(y) = y {
                        if let Some(date) = ymd(y, m, d as u8) {
                            out.push(DateM { t0: i, t1: e, date, end: d2.and_then(|d2| ymd(y, m, d2 as u8)) });
                            i = e;
                            continue;
                        }
                    }
                }
            }
            if let Some((m, e)) = month(i) {
                // November 28, 2024 / November 2023 / July of this year / نوفمبر الماضي
                if let Some(d) = num(e).filter(|n| is_day(*n)) {
                    // "October 22 to 24"
                    let (d2, e) = match (connector(e + 1), num(e + 2).filter(|n| is_day(*n) && *n > d)) {
                        (true, Some(d2)) => (Some(d2), e + 2),
                        _ => match num(e + 1).filter(|n| is_day(*n) && *n > d) {
                            Some(d2) => (Some(d2), e + 1),
                            None => (None, e),
                        },
                    };
                    // (a year, or "next year" / "of this year": "on July 7-8 next year")
                    let (y, e2) = match year_after(e + 1) {
                        Some((y, e2)) => (Some(y), e2),
                        None => (py, e + 1),
                    };
                    if let Some(date) = y.and_then(|y| ymd(y, m, d as u8)) {
                        let end = d2.and_then(|d2| y.and_then(|y| ymd(y, m, d2 as u8)));
                        out.push(DateM { t0: i, t1: e2, date, end });
                        i = e2;
                        continue;
                    }
                }
                if let Some((y, e2)) = year_after(e) {
                    if let Ok(date) = PartialDate::year_month(y, u32::from(m)) {
                        out.push(DateM { t0: i, t1: e2, date, end: None });
                    }
                    i = e2;
                    continue;
                }
                if let Some(&(Relative::Last, re)) = rel_at.get(&e) {
                    if let Some(y) = last_month_named(published, m) {
                        if let Ok(date) = PartialDate::year_month(y, u32::from(m)) {
                            out.push(DateM { t0: i, t1: re, date, end: None });
                        }
                    }
                    i = re;
                    continue;
                }
                let latin = super::lang::script_of(&toks[i].keys[0]) == super::lang::Script::Latin;
                if !latin || toks[i].cap {
                    if let Some(y) = py {
                        if let Ok(date) = PartialDate::year_month(y, u32::from(m)) {
                            out.push(DateM { t0: i, t1: e, date, end: None });
                        }
                    }
                }
                i = e;
                continue;
            }
            // 2025-10-26
            if let (Some(y), Some(m), Some(d)) =
                (num(i).filter(|n| is_year(*n)), num(i + 1).filter(|n| (1..=12).contains(n)), num(i + 2).filter(|n| is_day(*n)))
            {
                let sep = toks[i].end < toks[i + 1].start && matches!(self.chars.get(toks[i].end), Some('-' | '/' | '.'));
                if let (true, Some(date)) = (sep, ymd(y as i32, m as u8, d as u8)) {
                    out.push(DateM { t0: i, t1: i + 3, date, end: None });
                    i += 3;
                    continue;
                }
            }
            // 31.08.2025, and 04/29/2025 month first where the order cannot be read the other
            // way (the second number is no month)
            if let (Some(a), Some(b), Some(y)) =
                (num(i).filter(|n| is_day(*n)), num(i + 1).filter(|n| is_day(*n)), num(i + 2).filter(|n| is_year(*n)))
            {
                let sep = |k: usize, cs: &[char]| self.separator(k).is_some_and(|c| cs.contains(&c));
                let day_month = if b <= 12 {
                    // (and 21 - 12 - 2025, dashes on both sides: one dash is a range of days)
                    (sep(i, &['.', '/']) || (sep(i, &['-']) && sep(i + 1, &['-']))).then_some((a, b))
                } else {
                    (a <= 12 && sep(i, &['/']) && sep(i + 1, &['/'])).then_some((b, a))
                };
                if let Some(date) = day_month.and_then(|(d, m)| ymd(y as i32, m as u8, d as u8)) {
                    out.push(DateM { t0: i, t1: i + 3, date, end: None });
                    i += 3;
                    continue;
                }
            }
            if let Some(y) = num(i).filter(|n| is_year(*n)) {
                let end = num(i + 1).filter(|n| is_year(*n) && *n > y && *n - y < 10).map(|n| PartialDate::Year(n as i32));
                out.push(DateM { t0: i, t1: if end.is_some() { i + 2 } else { i + 1 }, date: PartialDate::Year(y as i32), end });
                i += if end.is_some() { 2 } else { 1 };
                continue;
            }
            if let Some(&(w, e)) = wd_at.get(&i) {
                if let Some(date) = published.and_then(|p| resolve_weekday(p, w)) {
                    out.push(DateM { t0: i, t1: e, date, end: None });
                }
                i = e;
                continue;
            }
            if let Some(&(r, e)) = rel_at.get(&i) {
                // "in the second half of 2025", "in the first half of the year": a range of months.
                if let Relative::FirstHalf(this) | Relative::SecondHalf(this) = r {
                    // (a year must follow unless the phrase says "of the year": not "the first
                    // half of the day")
                    let (y, e2) = match year_after(e) {
                        Some(v) => (Some(v.0), v.1),
                        None => (py.filter(|_| this), e),
                    };
                    let (m0, m1) = if matches!(r, Relative::FirstHalf(_)) { (1, 6) } else { (7, 12) };
                    if let Some(y) = y {
                        if let (Ok(a), Ok(b)) = (PartialDate::year_month(y, m0), PartialDate::year_month(y, m1)) {
                            out.push(DateM { t0: i, t1: e2, date: a, end: Some(b) });
                        }
                    }
                    i = e2;
                    continue;
                }
                // "last November": the latest November before the publication.
                if let (Relative::Last, Some((m, me))) = (r, month(e)) {
                    if let Some(date) = last_month_named(published, m).and_then(|y| PartialDate::year_month(y, u32::from(m)).ok()) {
                        out.push(DateM { t0: i, t1: me, date, end: None });
                    }
                    i = me;
                    continue;
                }
                if let Some(date) = resolve_relative(published, r) {
                    out.push(DateM { t0: i, t1: e, date, end: None });
                }
                i = e;
                continue;
            }
            i += 1;
        }
        // "Russia, which chaired BRICS last year, hosted the summit in Kazan in October": a
        // month written without its year that lies on the wrong side of the publication takes
        // the year of the sentence's "last year" / "next year".
        if let Some(p) = published {
            let rel_years: Vec<Relative> = rel_at
                .iter()
                // (standing alone, not the "next year" of "in February next year")
                .filter(|(k, _)| out.iter().any(|d| d.t0 == **k))
                .map(|(_, (r, _))| *r)
                .filter(|r| matches!(r, Relative::LastYear | Relative::NextYear))
                .collect();
            if let [r] = rel_years[..] {
                let shift = if r == Relative::LastYear { -1 } else { 1 };
                for d in &mut out {
                    let written = (d.t0..d.t1).any(|k| num(k).is_some_and(is_year) || rel_at.contains_key(&k));
                    let wrong = if shift < 0 { p.surely_before(d.date) } else { d.date.surely_before(p) };
                    if !written && precision(d.date) >= 1 && d.date.year_value() == p.year_value() && wrong {
                        let (y, m, dd) = d.date.earliest();
                        d.date = if precision(d.date) == 2 {
                            ymd(y + shift, m, dd).unwrap_or(d.date)
                        } else {
                            PartialDate::year_month(y + shift, u32::from(m)).unwrap_or(d.date)
                        };
                        if let Some(PartialDate::Date(ey, em, ed)) = d.end {
                            d.end = ymd(ey + shift, em, ed).or(d.end);
                        }
                    }
                }
            }
        }
        // "31 августа и 1 сентября", "from Sunday to Tuesday": a range of two days.
        let mut merged: Vec<DateM> = Vec::new();
        for d in out {
            if let Some(prev) = merged.last_mut() {
                if let (PartialDate::Date(..), PartialDate::Date(..), None) = (prev.date, d.date, prev.end) {
                    let gap = d.t0.saturating_sub(prev.t1);
                    let (a, b) = (prev.date.earliest(), d.date.earliest());
                    let days = super::dates::to_days(b.0, b.1, b.2) - super::dates::to_days(a.0, a.1, a.2);
                    if gap <= 1 && (1..=7).contains(&days) {
                        prev.end = Some(d.date);
                        prev.t1 = d.t1;
                        continue;
                    }
                }
            }
            merged.push(d);
        }
        merged
    }

    /// "Bangladesh will host the next meeting in Dhaka in March" in an article of November: a
    /// month written without its year, before the article's date, after a word of the future in
    /// its clause (`[future]` in the pattern files), is next year's.
    fn forward_future(&self, dates: &mut [DateM]) {
        let Some(published) = self.published else { return };
        let toks = &self.doc.toks;
        let units = &self.doc.units;
        let future = &LangData::get().future_words;
        let key = |d: PartialDate| match d {
            PartialDate::Date(y, m, dd) => (y, m, dd),
            PartialDate::YearMonth(y, m) => (y, m, 0),
            PartialDate::Year(y) => (y, 0, 0),
        };
        let (py, pm, pd) = key(published);
        for d in dates.iter_mut() {
            let (y, m, dd) = key(d.date);
            // (at the date's own precision: "in November" in an article of 20 November is now)
            let before = (y, m) < (py, pm) || (dd > 0 && (y, m, dd) < (py, pm, pd));
            let in_span = |f: &dyn Fn(&UK) -> bool| units.iter().any(|u| u.t0 >= d.t0 && u.t1 <= d.t1 && f(&u.k));
            let yearless = m > 0
                && !(d.t0..d.t1).any(|t| toks[t].num.is_some_and(|n| (1900..=2100).contains(&n)))
                && in_span(&|k| matches!(k, UK::Month(_)))
                && !in_span(&|k| matches!(k, UK::Rel(_) | UK::Weekday(_)));
            if !before || !yearless || y != py {
                continue;
            }
            let clause = self.clause(d.t0);
            // (or right after the month: "في الأول من يناير المقبل")
            let cue = (d.t0.saturating_sub(12)..d.t0)
                .chain(d.t1..(d.t1 + 1).min(toks.len()))
                .any(|t| toks[t].clause == clause && toks[t].sent == toks[d.t0].sent && toks[t].keys.iter().any(|k| future.contains(k)));
            if !cue {
                continue;
            }
            let next = |p: PartialDate| match p {
                PartialDate::Date(y, m, dd) => ymd(y + 1, m, dd),
                PartialDate::YearMonth(y, m) => PartialDate::year_month(y + 1, u32::from(m)).ok(),
                PartialDate::Year(y) => Some(PartialDate::Year(y + 1)),
            };
            if let Some(n) = next(d.date) {
                d.date = n;
                d.end = d.end.and_then(next);
            }
        }
    }

    /// "in April and in March 2024", "from 30 June to 2 July 2025": a date written without its
    /// year takes the year of the date that follows it closely.
    fn complete_elliptical(&self, dates: &mut [DateM]) {
        let toks = &self.doc.toks;
        let units = &self.doc.units;
        // (a year written in the span, or a relative word that sets it: "last November")
        let explicit = |d: &DateM| {
            (d.t0..d.t1).any(|t| toks[t].num.is_some_and(|n| (1900..=2100).contains(&n)))
                || units.iter().any(|u| u.t0 >= d.t0 && u.t1 <= d.t1 && matches!(u.k, UK::Rel(_)))
        };
        let has_month = |d: &DateM| units.iter().any(|u| u.t0 >= d.t0 && u.t1 <= d.t1 && matches!(u.k, UK::Month(_)));
        let mut known: Vec<bool> = dates.iter().map(explicit).collect();
        for k in (0..dates.len().saturating_sub(1)).rev() {
            let (d, e) = (dates[k], dates[k + 1]);
            if precision(d.date) == 0 || known[k] || !has_month(&d) || !known[k + 1] || e.t0.saturating_sub(d.t1) > 4 {
                continue;
            }
            // (not across a clause that has words of its own: "opened on 3 March, and in 2024
            // the bloc …" leaves March in the year of the article)
            if e.t0 > d.t1 && self.clause(d.t1 - 1) != self.clause(e.t0) {
                continue;
            }
            let y = e.date.year_value();
            let with_year = |p: PartialDate| match p {
                PartialDate::Date(_, m, dd) => ymd(y, m, dd),
                PartialDate::YearMonth(_, m) => PartialDate::year_month(y, u32::from(m)).ok(),
                PartialDate::Year(_) => None,
            };
            let (Some(date), end) = (with_year(d.date), d.end.map(with_year)) else { continue };
            dates[k].date = date;
            known[k] = true;
            if let Some(Some(end)) = end {
                dates[k].end = Some(end);
            }
        }
    }

    // ---------------------------------------------------------------- helpers

    /// A conjunction from token `a` to token `b` (inclusive): "and", "и", or a word with the
    /// clitic "و" on it ("ومعالي", "وفخامة").
    fn and_between(&self, a: usize, b: usize) -> bool {
        let toks = &self.doc.toks;
        (a..=b.min(toks.len().saturating_sub(1))).any(|t| {
            let w = &toks[t];
            matches!(w.keys[0].as_str(), "and" | "и" | "و") || (w.norm.starts_with('و') && w.keys.len() > 1)
        })
    }

    /// Tokens `a..b` are the rest of a name matched short ("الأمير محمد بن سلمان" + "بن عبد
    /// العزيز آل سعود"): a few words that no item covers, the first a name particle.
    fn rest_of_name(&self, s: &Sent, a: usize, b: usize) -> bool {
        let toks = &self.doc.toks;
        a < b
            && b - a <= 6
            && toks[a..b].iter().all(|t| t.clause == toks[a].clause)
            && toks[a].keys.iter().any(|k| LangData::get().name_particles.contains(k))
            && !s.items.iter().any(|i| i.t0 < b && i.t1 > a)
    }

    fn clause(&self, t: usize) -> usize {
        self.doc.toks[t.min(self.doc.toks.len().saturating_sub(1))].clause
    }

    /// Token distance, with a penalty across clauses.
    fn cdist(&self, a: (usize, usize), b: (usize, usize)) -> usize {
        let d = dist(a, b);
        if self.clause(a.0) == self.clause(b.0) {
            d
        } else {
            d + 20
        }
    }

    fn negated(&self, s: &Sent, it: &It) -> bool {
        s.items.iter().any(|n| {
            (n.k == IK::Trig(T::Neg)
                && ((n.t1 <= it.t0 && it.t0 - n.t1 <= 5 && self.clause(n.t0) == self.clause(it.t0))
                    || (n.t0 >= it.t1 && n.t0 - it.t1 <= 1)))
                || (n.k == IK::Trig(T::Pending) && n.t1 <= it.t0 && it.t0 - n.t1 <= 2)
        })
    }

    fn triggers<'s>(&self, s: &'s Sent, t: T) -> impl Iterator<Item = &'s It> {
        s.items.iter().filter(move |i| i.k == IK::Trig(t))
    }

    /// The one mark between token `k` and the next, spaces aside ("31.08", "21 - 12").
    fn separator(&self, k: usize) -> Option<char> {
        let toks = &self.doc.toks;
        let next = toks.get(k + 1).filter(|n| n.sent == toks[k].sent && n.start - toks[k].end <= 3)?;
        let mut marks = self.chars[toks[k].end..next.start].iter().filter(|c| !c.is_whitespace());
        match (marks.next(), marks.next()) {
            (Some(&c), None) => Some(c),
            _ => None,
        }
    }

    /// A place word on token `t` or right before it ("in", "в", "في", an Arabic ب written on it).
    fn place_cued(&self, t: usize) -> bool {
        self.doc.toks[t].with_b || self.x.place_prep_before(&self.doc.toks, t)
    }

    /// A date right after "since" (منذ): when a state of affairs began ("who had led the group
    /// since July 2023"), not when an event took place.
    /// (A range is no "since": «с 30 июня по 2 июля».)
    fn after_since(s: &Sent, d: &DateM) -> bool {
        !Self::opens_range(s, d) && s.items.iter().any(|i| i.k == IK::Trig(T::Since) && i.t1 <= d.t0 && d.t0 - i.t1 <= 1)
    }

    /// A date that is a range or the first of two with at most a word between them («с 30
    /// июня по 2 июля», "from 30 June to 2 July").
    fn opens_range(s: &Sent, d: &DateM) -> bool {
        d.end.is_some() || s.dates.iter().any(|e| e.t0 >= d.t1 && e.t0 - d.t1 <= 1)
    }

    /// The date nearest to `at` in the sentence, but one after "since": "Kuwait, which has
    /// chaired the council since last December, took part in the summit".
    fn date_near(&self, s: &Sent, at: (usize, usize)) -> Option<DateM> {
        s.dates.iter().filter(|d| !Self::after_since(s, d)).min_by_key(|d| self.cdist((d.t0, d.t1), at)).copied()
    }

    fn eref(&self, e: usize) -> Value {
        Value::Entity(self.ent(e).to_ref())
    }

    /// The state a capital city stands for ("Yerevan froze …").
    fn as_state(&self, it: &It) -> Option<usize> {
        match it.k {
            IK::State(s) if !it.adj => Some(s),
            IK::City(c) => {
                let e = self.ent(c);
                if !e.capital {
                    return None;
                }
                let iri = e.country.as_deref()?;
                self.x.gaz.index_of(iri)
            }
            _ => None,
        }
    }

    /// An organisation (or "the organisation") named shortly before a list verb: its subject.
    fn org_before(&self, s: &Sent, t: &It) -> bool {
        s.items.iter().any(|i| matches!(i.k, IK::Org(_) | IK::Trig(T::OrgRef)) && !i.used && i.t1 <= t.t0 && t.t0 - i.t1 <= 8)
    }

    fn org_for(&self, s: &Sent, at: (usize, usize)) -> Option<usize> {
        s.items
            .iter()
            .filter_map(|i| match i.k {
                IK::Org(o) if !i.used => Some((self.cdist((i.t0, i.t1), at), o)),
                _ => None,
            })
            .min()
            .map(|(_, o)| o)
            // (the article's organisation before one named in passing earlier: "the bloc")
            .or(self.main_org)
            .or(self.last_org)
    }

    fn emit(&mut self, kind: FactKind, args: Vec<(&'static str, Value)>, s: &Sent, rule: &str, confidence: f64) {
        let toks = &self.doc.toks;
        let (start, end) = (toks[s.t0].start, toks[s.t1 - 1].end);
        let quote: String = self.chars[start..end].iter().collect();
        let mut p = Provenance::new(self.opts.source.clone(), Method::Extractor);
        p.published = self.published;
        p.lang = Some(self.lang.to_owned());
        p.publisher = self.opts.publisher.clone();
        p.quote = Some(quote);
        p.span = Some((start, end));
        p.rule = Some(format!("{}/{rule}", self.lang));
        p.confidence = Some(confidence);
        p.recorded = self.opts.recorded.clone();
        let args: BTreeMap<&'static str, Value> = args.into_iter().collect();
        if let Ok(f) = Fact::new(kind, args, p) {
            // Distinct statements stay distinct (two summits of one year, an observer who later
            // became a full member), even where the graph keys them to one node.
            let key: String = std::iter::once(f.kind.as_str().to_owned())
                .chain(f.args.iter().filter(|(k, _)| **k != "document").map(|(k, v)| format!("{k}={}", v.key_text())))
                .collect::<Vec<_>>()
                .join("|");
            if self.keys.insert(key) {
                self.facts.push(f);
            }
        }
    }

    /// "Armenia froze its participation", "Mali, suspended since 2021": a member whose
    /// participation is frozen, suspended or restored is a member (a withdrawn one is not).
    fn members_by_status(&mut self) {
        let key = |f: &Fact| (f.entity("member").map(|e| e.iri.clone()), f.entity("organization").map(|e| e.iri.clone()));
        let members: HashSet<_> = self.facts.iter().filter(|f| f.kind == FactKind::Membership).map(key).collect();
        let mut add = Vec::new();
        let mut seen = HashSet::new();
        for f in self.facts.iter().filter(|f| f.kind == FactKind::MembershipStatus) {
            let held = matches!(f.code("status"), Some(Code::Status(Status::Frozen | Status::Suspended | Status::Readmitted)));
            let k = key(f);
            if !held || f.get("end").is_some() || members.contains(&k) || !seen.insert(k) {
                continue;
            }
            let (Some(m), Some(o)) = (f.get("member"), f.get("organization")) else { continue };
            let args: BTreeMap<&'static str, Value> =
                [("member", m.clone()), ("organization", o.clone()), ("role", Value::Code(Code::Role(Role::Full)))].into_iter().collect();
            let mut p = f.provenance.clone();
            p.rule = Some(format!("{}/member-by-status", self.lang));
            p.confidence = p.confidence.map(|c| c * 0.9);
            if let Ok(nf) = Fact::new(FactKind::Membership, args, p) {
                add.push(nf);
            }
        }
        self.facts.extend(add);
    }

    fn known_office(&self, person: usize, pos: Position) -> Option<usize> {
        self.offices.iter().chain(&self.x.offices).find(|(p, q, _)| *p == person && *q == pos).map(|o| o.2)
    }

    /// The state a person serves (for "hosts do not visit their own country").
    fn home_of(&self, person: usize) -> Option<usize> {
        self.offices.iter().chain(&self.x.offices).find(|(p, _, o)| *p == person && self.ent_kind(*o) == EntityType::State).map(|o| o.2)
    }

    // ---------------------------------------------------------------- office

    /// Titles: "رئيس بيلاروس - ألكسندر لوكاشينكو", "President of Kazakhstan Kassym-Jomart
    /// Tokayev", "Kazakhstan's President …", "президенты Казахстана и Узбекистана A и B"; a
    /// title without a name refers to the person named earlier with that office.
    fn titles(&mut self, s: &mut Sent, emit: bool) {
        let n = s.items.len();
        let mut k = 0;
        while k < n {
            let IK::Title(pos) = s.items[k].k else {
                k += 1;
                continue;
            };
            let title = s.items[k];
            // ("Deputy Foreign Minister X" holds no foreign ministry)
            let toks = &self.doc.toks;
            let data = LangData::get();
            let word_in =
                |t: usize, list: &[String]| toks.get(t).is_some_and(|w| w.sent == toks[title.t0].sent && list.contains(&w.keys[0]));
            if title.t0 > 0 && word_in(title.t0 - 1, &data.deputies) {
                k += 1;
                continue;
            }
            // ("a former Dutch prime minister", «الرئيس السابق»: a title of the past)
            let before = [title.t0.checked_sub(1), title.t0.checked_sub(2)];
            if before.into_iter().flatten().chain([title.t1, title.t1 + 1]).any(|t| word_in(t, &data.former)) {
                k += 1;
                continue;
            }
            let mut ofs: Vec<usize> = Vec::new();
            let mut persons: Vec<usize> = Vec::new();
            // "Crown Prince and Prime Minister …": titles joined by "and" go to the same person.
            let mut also: Vec<Position> = Vec::new();
            let mut last_end = title.t1;
            // "Name, Emir of Qatar; Name2, Emir of Kuwait": with a name just before it, across a
            // comma, the title is that name's, and the name in the next clause is another's.
            // The item before the title, past "the organisation".
            let prev = s.items[..k].iter().rev().find(|i| !matches!(i.k, IK::Trig(T::OrgRef))).copied();
            let named_before = {
                prev.is_some_and(|p| {
                    matches!(p.k, IK::Person(_)) && p.t1 <= title.t0 && title.t0 - p.t1 <= 6 && self.clause(p.t0) != self.clause(title.t0)
                })
            };
            // "أحمد أبو الغيط الأمين العام لجامعة الدول العربية ومعالي حسين إبراهيم طه …": a name
            // right before the title makes it an apposition; a name after "and" is the next one.
            let name_right_before =
                prev.is_some_and(|p| matches!(p.k, IK::Person(_)) && (p.t1 == title.t0 || self.rest_of_name(s, p.t1, title.t0)));
            let mut last_clause = self.clause(title.t0);
            let mut j = k + 1;
            while j < n {
                let it = s.items[j];
                if it.t0 < last_end || it.t0 - last_end > if persons.is_empty() { 6 } else { 2 } {
                    if it.t0 < last_end {
                        j += 1;
                        continue;
                    }
                    break;
                }
                match it.k {
                    IK::State(_) | IK::Org(_) if persons.is_empty() => ofs.push(j),
                    // "министры … Казахстана Мурат Нуртлеу, Киргизии Жээнбек Кулубаев":
                    // after a holder, a state right before a name is the next holder's.
                    IK::State(_)
                        if !persons.is_empty()
                            && ofs.len() == persons.len()
                            && s.items[j + 1..]
                                .iter()
                                .find(|i| i.t0 >= it.t1)
                                .is_some_and(|i| i.t0 == it.t1 && matches!(i.k, IK::Person(_))) =>
                    {
                        ofs.push(j)
                    }
                    IK::Title(p2) if persons.is_empty() && ofs.is_empty() => {
                        let toks = &self.doc.toks;
                        let joined = (it.t0 == last_end + 1 && matches!(toks[last_end].keys[0].as_str(), "and" | "и" | "و"))
                            || (it.t0 == last_end && toks[it.t0].keys[0].starts_with('و'))
                            // Arabic lists titles without "and": "ولي العهد رئيس مجلس الوزراء".
                            || (it.t0 == last_end && p2 != Position::President && super::lang::script_of(&toks[it.t0].keys[0]) == super::lang::Script::Arabic);
                        if joined {
                            also.push(p2);
                        }
                    }
                    IK::Trig(T::OrgRef) if persons.is_empty() => {}
                    // (a portfolio that is also an event word: "министр образования")
                    IK::Trig(_) if persons.is_empty() && LangData::get().title_words.contains(&self.doc.toks[it.t0].keys[0]) => {}
                    IK::Person(_) if named_before && persons.is_empty() && self.clause(it.t0) != last_clause => break,
                    IK::Person(_) if name_right_before && persons.is_empty() && self.and_between(last_end, it.t0) => break,
                    IK::Person(_) => persons.push(j),
                    IK::City(_) if persons.is_empty() => {}
                    _ => break,
                }
                last_end = it.t1;
                last_clause = self.clause(it.t0);
                j += 1;
            }
            // "Kazakhstan's President", "SCO Secretary-General", "Indian PM"
            if ofs.is_empty() && k > 0 {
                let p = s.items[k - 1];
                // (within one clause: "… the CSTO, Prime Minister Nikol Pashinyan said" is not
                // the CSTO's prime minister)
                let same_clause = self.doc.toks[p.t0].clause == self.doc.toks[title.t0].clause;
                if matches!(p.k, IK::State(_) | IK::Org(_)) && p.t1 <= title.t0 && title.t0 - p.t1 <= 1 && same_clause {
                    ofs.push(k - 1);
                }
            }
            let of_ent = |it: &It| match it.k {
                IK::State(e) | IK::Org(e) => Some(e),
                _ => None,
            };
            // "Mohamed bin Zayed, the President of the State" / "Putin, Russian president"
            // (no verb in between: "Putin told the Kazakh president" is no apposition)
            // ("Cyril Ramaphosa, the South African president,": past the state the title is of,
            // across a comma)
            let before_state = ofs.first().filter(|&&o| o + 1 == k && s.items[o].t1 <= title.t0).and_then(|&o| {
                let st = s.items[o];
                s.items[..o]
                    .iter()
                    .rev()
                    .find(|i| !matches!(i.k, IK::Trig(T::OrgRef)))
                    .copied()
                    .filter(|p| self.clause(p.t0) != self.clause(st.t0))
            });
            let holder = prev.filter(|p| matches!(p.k, IK::Person(_))).or(before_state);
            let apposition =
                persons.is_empty() && holder.is_some_and(|p| matches!(p.k, IK::Person(_)) && p.t1 <= title.t0 && title.t0 - p.t1 <= 6);
            if apposition {
                if let Some(pi) = s.items[..k].iter().rposition(|i| matches!(i.k, IK::Person(_))) {
                    persons.push(pi);
                }
            }
            for &o in &ofs {
                s.items[o].used = true;
            }
            if !persons.is_empty() {
                for (pi_n, &pi) in persons.iter().enumerate() {
                    let IK::Person(person) = s.items[pi].k else { continue };
                    let of = if ofs.len() == persons.len() { ofs.get(pi_n) } else { ofs.first() }.and_then(|&o| of_ent(&s.items[o]));
                    let (of, conf) = match of {
                        Some(o) => (Some(o), 0.9),
                        None => (self.known_office(person, pos).or_else(|| self.represented(s, &title, &s.items[pi], pos)), 0.7),
                    };
                    if let Some(of) = of {
                        if !self.offices.contains(&(person, pos, of)) {
                            self.offices.push((person, pos, of));
                        }
                        if emit {
                            let sref = &*s;
                            for p in std::iter::once(pos).chain(also.iter().copied()) {
                                self.emit(
                                    FactKind::Office,
                                    vec![
                                        ("person", self.eref(person)),
                                        ("position", Value::Code(Code::Position(p))),
                                        ("of", self.eref(of)),
                                    ],
                                    sref,
                                    "title-apposition",
                                    conf,
                                );
                            }
                        }
                    }
                }
                k = j.max(k + 1);
                continue;
            }
            // No name: the person named earlier with this office.
            if emit {
                let of = ofs.first().and_then(|&o| of_ent(&s.items[o]));
                let seen: Vec<usize> = self.persons_seen.iter().rev().copied().collect();
                let found = seen.into_iter().find(|&p| match of {
                    Some(o) => self.offices.iter().chain(&self.x.offices).any(|x| *x == (p, pos, o)),
                    None => false,
                });
                if let Some(p) = found {
                    s.items.push(It { t0: title.t0, t1: title.t1, k: IK::Person(p), adj: false, used: false });
                }
            }
            k = j.max(k + 1);
        }
        // "he", "он": the person named last (in this sentence before it, else earlier).
        if emit {
            let mut extra = Vec::new();
            for pr in s.items.iter().filter(|i| i.k == IK::Trig(T::Pronoun)) {
                let before = s.items.iter().rev().find_map(|i| match i.k {
                    IK::Person(p) if i.t1 <= pr.t0 => Some(p),
                    _ => None,
                });
                if let Some(p) = before.or_else(|| self.persons_seen.last().copied()) {
                    extra.push(It { t0: pr.t0, t1: pr.t1, k: IK::Person(p), adj: false, used: false });
                }
            }
            s.items.extend(extra);
        }
        s.items.sort_by_key(|i| (i.t0, i.t1));
    }

    /// The state whose representative a title with no state of its own names: "Peru … was
    /// represented by Foreign Minister X", "The Maldivian delegation was led by Defence
    /// Minister X", "Foreign Minister X, …, represented Japan", "X headed the Surinamese
    /// delegation". (A state's office only: not an organisation's secretary-general.)
    fn represented(&self, s: &Sent, title: &It, person: &It, pos: Position) -> Option<usize> {
        if matches!(pos, Position::SecretaryGeneral | Position::DeputySecretaryGeneral | Position::CommissionChair) {
            return None;
        }
        let state = |i: &It| if let IK::State(e) = i.k { Some(e) } else { None };
        let reps = || s.items.iter().filter(|r| r.k == IK::Trig(T::Represent));
        // The representation before the title: the state of the leader named last before it in
        // its clause ("Peruvian President X did not travel and was represented by …"), else the
        // state its clause opens with ("…, while Australia was represented by …"), else the
        // leader named last before it ("غاب الرئيس الصيني …، وأوفد بدلا منه …"), else the
        // sentence's first state before it.
        if let Some(r) = reps().rfind(|r| r.t1 <= title.t0 && title.t0 - r.t1 <= 3) {
            let c = self.clause(r.t0);
            let before = || s.items.iter().filter(|i| i.t1 <= r.t0);
            let in_clause = || before().filter(|i| self.clause(i.t0) == c);
            let person = |i: &It| if let IK::Person(p) = i.k { Some(p) } else { None };
            let home = |p: Option<usize>| p.and_then(|p| self.home_of(p));
            return home(in_clause().filter_map(person).next_back())
                .or_else(|| in_clause().find_map(state))
                .or_else(|| home(before().filter_map(person).next_back()))
                .or_else(|| before().find_map(state));
        }
        // After the name: the state right after the verb, or the adjective right before the
        // delegation word ("headed the Surinamese delegation"), with no other person between.
        let r = reps().find(|r| r.t0 >= person.t1 && r.t0 - person.t1 <= 12)?;
        if s.items.iter().any(|i| matches!(i.k, IK::Person(_)) && i.t0 >= person.t1 && i.t1 <= r.t0) {
            return None;
        }
        s.items.iter().filter(|i| (i.t0 >= r.t1 && i.t0 - r.t1 <= 1) || (i.adj && i.t1 == r.t0)).find_map(state)
    }

    /// "Takaichi, who took office on Oct. 21": the office the article gives the person (in
    /// this sentence or another) began on the date right after the verb, when the person is
    /// the one named last before it and the office has no start yet.
    fn office_starts(&mut self, sents: &[Sent]) {
        let mut starts: Vec<(usize, PartialDate)> = Vec::new();
        for s in sents {
            for tr in s.items.iter().filter(|i| i.k == IK::Trig(T::TookOffice)) {
                let Some(d) = s.dates.iter().find(|d| d.t0 >= tr.t1 && d.t0 - tr.t1 <= 4 && d.end.is_none()) else { continue };
                let person = s.items.iter().rev().find(|i| i.t1 <= tr.t0 && matches!(i.k, IK::Person(_)));
                let Some(&It { k: IK::Person(p), t1, .. }) = person else { continue };
                if tr.t0 - t1 > 10 || starts.iter().any(|x| x.0 == p) {
                    continue;
                }
                starts.push((p, d.date));
            }
        }
        for (p, d) in starts {
            let iri = &self.ent(p).iri;
            for f in self.facts.iter_mut().filter(|f| f.kind == FactKind::Office && f.get("start").is_none()) {
                if f.entity("person").is_some_and(|e| &e.iri == iri) {
                    f.args.insert("start", Value::Date(d));
                }
            }
        }
    }

    // ---------------------------------------------------------------- summits

    fn summit(&mut self, s: &Sent, si: usize) {
        let trig: Vec<It> = self.triggers(s, T::Summit).copied().collect();
        for tr in trig {
            self.summit_at(s, si, tr, None);
        }
        let convened: Vec<(It, usize)> = self.triggers(s, T::Convene).filter_map(|tr| Some((*tr, self.convened(s, tr)?))).collect();
        for (tr, org) in convened {
            self.summit_at(s, si, tr, Some(org));
        }
    }

    /// "Leaders of the Bucharest Nine gathered in Vilnius on Monday", "heads of state gathered
    /// in Moroni in August 2014": a verb of meeting whose subject is leaders is a summit of the
    /// organisation they lead, when a date of its own follows it (no summit word between) and
    /// the organisation is named with the leaders ("leaders of X", "X leaders") or, alone, in
    /// the sentence before the verb. (Not "protesters gathered", not a headline without date.)
    fn convened(&self, s: &Sent, tr: &It) -> Option<usize> {
        let c = self.clause(tr.t0);
        // (the subject before the verb; Arabic and Russian also put it after: «اجتمع قادة …»)
        let after = self.lang != "en";
        let leaders = s.items.iter().find(|l| {
            l.k == IK::Trig(T::Leaders)
                && ((l.t1 <= tr.t0 && tr.t0 - l.t1 <= 12) || (after && l.t0 >= tr.t1 && l.t0 - tr.t1 <= 1))
                && (self.clause(l.t0) == c || l.t1 <= tr.t0)
        })?;
        let summit_between = |a: usize, b: usize| s.items.iter().any(|i| i.k == IK::Trig(T::Summit) && i.t0 >= a && i.t1 <= b);
        s.dates.iter().find(|d| d.t0 >= tr.t1 && d.t0 - tr.t1 <= 10 && !summit_between(tr.t1, d.t0))?;
        let orgs = || s.items.iter().filter(|i| !i.used).filter_map(|i| if let IK::Org(o) = i.k { Some((i, o)) } else { None });
        // ("leaders of the X", "قادة دول X"; "X leaders", "X's leaders")
        let named = orgs()
            .filter(|(i, _)| (i.t0 >= leaders.t1 && i.t0 - leaders.t1 <= 3) || (i.t1 <= leaders.t0 && leaders.t0 - i.t1 <= 1))
            .map(|(_, o)| o)
            .next();
        named.or_else(|| {
            let before: Vec<usize> = orgs().filter(|(i, _)| i.t1 <= tr.t0).map(|(_, o)| o).collect();
            (before.len() == 1 || before.windows(2).all(|w| w[0] == w[1])).then(|| before.first().copied()).flatten()
        })
    }

    /// A summit the meeting word `tr` speaks of; `convened`: the organisation whose leaders
    /// met, where `tr` is a verb of meeting (see [`Ctx::convened`]), which then needs a date of
    /// its own.
    fn summit_at(&mut self, s: &Sent, si: usize, tr: It, convened: Option<usize>) {
        let at = (tr.t0, tr.t1);
        let near: Vec<(usize, usize)> = s
            .items
            .iter()
            .filter_map(|i| match i.k {
                IK::Org(o) if !i.used => Some((self.cdist((i.t0, i.t1), at), o)),
                _ => None,
            })
            .collect();
        let org = convened.or(near.iter().min().map(|x| x.1));
        let Some(org) = org.or(self.main_org) else { return };
        // A joint summit ("of the OIC and the Arab League"): one summit per organisation.
        let mut orgs = vec![org];
        for (d, o) in near.iter().filter(|_| convened.is_none()) {
            if *d <= 8 && !orgs.contains(o) {
                orgs.push(*o);
            }
        }
        // (not a city nearer another meeting of the sentence: "elected at the Bissau summit in
        // 2023 and renewed at the Abuja summit in 2024")
        // (a meeting named in several words, "заседание Совета глав государств", is one)
        let others: Vec<&It> = self.triggers(s, T::Summit).filter(|o| dist((o.t0, o.t1), at) > 2).collect();
        let place = s
            .items
            .iter()
            // (a word that names a state and its capital, "تونس", "Kuwait", "Djibouti", is the
            // city where a place word stands on it: a meeting is held in a city)
            .filter(|i| {
                matches!(i.k, IK::City(_))
                    && (self.place_cued(i.t0) || !s.items.iter().any(|j| (j.t0, j.t1) == (i.t0, i.t1) && matches!(j.k, IK::State(_))))
            })
            .filter(|i| others.iter().all(|o| self.cdist((i.t0, i.t1), (o.t0, o.t1)) >= self.cdist((i.t0, i.t1), at)))
            .min_by_key(|i| self.cdist((i.t0, i.t1), at))
            .and_then(|i| if let IK::City(c) = i.k { Some(c) } else { None });
        // The nearest date that belongs to this summit rather than to another event of the
        // sentence ("the first summit since Egypt joined on Jan. 1").
        // (a range close by is the summit's own: "which runs from 22 to 24 October")
        let mut by_dist: Vec<DateM> = s
            .dates
            .iter()
            .filter(|d| {
                let other = s
                    .items
                    .iter()
                    // (an arrival's too: "…, who arrived in the capital the day before")
                    // (a range of days is a meeting's or a visit's: no one joins over two days)
                    .filter(|i| match i.k {
                        IK::Trig(T::Join | T::Found | T::Freeze | T::Suspend | T::Readmit | T::Withdraw) => d.end.is_none(),
                        IK::Trig(T::Visit) => true,
                        _ => false,
                    })
                    .map(|i| self.cdist((i.t0, i.t1), (d.t0, d.t1)))
                    .min();
                // (a range of months or years is a term, not a meeting: "in the first half of
                // the year", "for 2024–2026")
                // (nor a year far ahead: "spending of 5% by 2035", "the 2050 strategy")
                // (nor the date after "since": "who had led the group since July 2023")
                // (or "since returning to the White House in January": a few words on, in its
                // clause, with no meeting word between)
                // (a one-letter "since", Russian «с», only right before the date: «с участием …»)
                let since = Self::after_since(s, d)
                    || (!Self::opens_range(s, d)
                        && s.items.iter().any(|i| {
                            i.k == IK::Trig(T::Since)
                                && i.t1 <= d.t0
                                && d.t0 - i.t1 <= 6
                                && self.doc.toks[i.t0].end - self.doc.toks[i.t0].start > 1
                                && self.clause(i.t0) == self.clause(d.t0)
                                && !s.items.iter().any(|m| m.k == IK::Trig(T::Summit) && m.t0 >= i.t1 && m.t1 <= d.t0)
                        }));
                other.is_none_or(|o| o >= self.cdist(at, (d.t0, d.t1)))
                    && !since
                    && (d.end.is_none() || precision(d.date) == 2)
                    && self.published.is_none_or(|p| d.date.year_value() <= p.year_value() + 2)
            })
            .copied()
            .collect();
        let chair_near =
            |d: &DateM| s.items.iter().any(|i| i.k == IK::Trig(T::Chair) && dist((i.t0, i.t1), (d.t0, d.t1)) < dist(at, (d.t0, d.t1)));
        by_dist.sort_by_key(|d| {
            let c = self.cdist((d.t0, d.t1), at);
            if d.end.is_some() && dist((d.t0, d.t1), at) <= 10 && !chair_near(d) {
                0
            } else {
                c + 1
            }
        });
        let own = by_dist.into_iter().next();
        // "the two-day summit, which began on Sunday" / "wrapping up a three-day gathering on
        // Tuesday": a single day and the meeting's length give the range.
        let days = s.items.iter().filter(|i| dist((i.t0, i.t1), at) <= 4).find_map(|i| match i.k {
            IK::Trig(T::TwoDays) => Some(1),
            IK::Trig(T::ThreeDays) => Some(2),
            _ => None,
        });
        let own = own.map(|mut d| {
            if let (Some(n), PartialDate::Date(y, m, dd), None) = (days, d.date, d.end) {
                let closed = s.items.iter().any(|i| {
                    // (just before the date, "runs until Friday", or by the meeting word, "wrapping
                    // up a two-day summit"; not "which began on Sunday, ended …")
                    i.k == IK::Trig(T::Closed)
                        && ((i.t1 <= d.t0 && d.t0 - i.t1 <= 3)
                            || dist((i.t0, i.t1), at) <= 3
                            // ("wrapped up her first Asia-Pacific Economic Cooperation summit"):
                            // the verb whose object the meeting is, in its clause
                            || (i.t1 <= at.0 && at.0 - i.t1 <= 8 && self.clause(i.t0) == self.clause(at.0)))
                });
                let day = super::dates::to_days(y, m, dd);
                let other = super::dates::from_days(if closed { day - n } else { day + n });
                let other = PartialDate::Date(other.0, other.1, other.2);
                if closed {
                    d.end = Some(d.date);
                    d.date = other;
                } else {
                    d.end = Some(other);
                }
            }
            d
        });
        let (date, end, fallback) = match own {
            Some(d) => (d.date, d.end, false),
            None if convened.is_some() => return,
            None => match self.published {
                Some(p) if place.is_some() || si < 3 => (p, None, true),
                _ => return,
            },
        };
        for o in orgs {
            self.summits.push((o, date, end, place, fallback, si));
        }
    }

    fn choose_main(&mut self) {
        let py = self.published.map(|p| p.year_value());
        let org = self.main_org.or_else(|| self.summits.first().map(|s| s.0));
        let Some(org) = org else { return };
        let best = self
            .summits
            .iter()
            .filter(|s| s.0 == org && Some(s.1.year_value()) == py.or(Some(s.1.year_value())))
            .min_by_key(|s| (s.4, s.5));
        let year = best.map(|s| s.1.year_value()).or(py);
        let Some(year) = year else { return };
        self.main = Some(EventRef {
            organization: self.ent(org).to_ref(),
            year,
            date: best.map(|s| s.1),
            place: best.and_then(|s| s.3).map(|p| self.ent(p).to_ref()),
        });
    }

    fn emit_summits(&mut self) {
        // One summit per organisation and year: the most precise date, the first place.
        let mut merged: Vec<SummitMention> = Vec::new();
        // Precise dates first, so that vague mentions join the summit they agree with.
        let mut all = self.summits.clone();
        all.sort_by_key(|s| (s.4, std::cmp::Reverse(precision(s.1)), s.5));
        for s in all {
            // The same summit: same organisation and year, months that agree (or one side vague),
            // and no two different places.
            let same = |m: &(usize, PartialDate, Option<PartialDate>, Option<usize>, bool, usize)| {
                let months = m.4
                    || s.4
                    || matches!(m.1, PartialDate::Year(_))
                    || matches!(s.1, PartialDate::Year(_))
                    || m.1.earliest().1 == s.1.earliest().1;
                let places = m.3.is_none() || s.3.is_none() || m.3 == s.3;
                m.0 == s.0 && m.1.year_value() == s.1.year_value() && months && places
            };
            // A mention without a date of its own that names another place than this year's
            // summit is not a meeting of its own ("the bloc, which met in X"): no new summit.
            let vague_other = s.4 && merged.iter().any(|m| m.0 == s.0 && m.1.year_value() == s.1.year_value() && !same(m));
            if vague_other {
                continue;
            }
            if let Some(m) = merged.iter_mut().find(|m| same(m)) {
                // A precise mention beats a vague one, then a more precise date, then an end date.
                let better = !s.4
                    && (m.4 || precision(s.1) > precision(m.1) || (s.2.is_some() && m.2.is_none() && precision(s.1) >= precision(m.1)));
                if better {
                    m.1 = s.1;
                    m.2 = s.2;
                    m.4 = s.4;
                }
                if m.3.is_none() {
                    m.3 = s.3;
                }
            } else {
                merged.push(s);
            }
        }
        let sents = self.sentences();
        // An event is its organisation and year (the fact model's identity of a summit), so of
        // two meetings of one organisation in one year only the year's summit is kept: the
        // article's, else the first. Two would give one event node two start dates.
        let main = self.main.as_ref().and_then(|m| m.date.map(|d| (m.organization.iri.clone(), d)));
        let mains: Vec<bool> = merged.iter().map(|m| main.as_ref().is_some_and(|(o, d)| *o == self.ent(m.0).iri && *d == m.1)).collect();
        let with_main: Vec<(usize, i32)> = merged.iter().zip(&mains).filter(|(_, is)| **is).map(|(m, _)| (m.0, m.1.year_value())).collect();
        let mut plain: Vec<(usize, i32)> = Vec::new();
        for (m, is_main) in merged.into_iter().zip(mains) {
            let (org, date, end, place, fallback, si) = m;
            let mut args = vec![("organization", self.eref(org)), ("date", Value::Date(date))];
            if let Some(e) = end {
                args.push(("end_date", Value::Date(e)));
            }
            if let Some(p) = place {
                args.push(("place", self.eref(p)));
            }
            let key = (org, date.year_value());
            if plain.contains(&key) || (with_main.contains(&key) && !is_main) {
                continue;
            }
            plain.push(key);
            self.emit(FactKind::Summit, args, &sents[si], "summit", if fallback { 0.6 } else { 0.85 });
        }
    }

    /// The event a sentence speaks of: another organisation's summit named in it, else the
    /// article's summit.
    fn event_for(&self, s: &Sent) -> Option<EventRef> {
        let names_main = s.items.iter().any(|i| matches!(i.k, IK::Org(o) if !i.used && Some(o) == self.main_org));
        // (not a meeting named in a relative clause when the verb of taking part stands in
        // another clause: "Laos, which was granted partner status at last year's summit in
        // Tianjin, was represented by …")
        let aside = |tr: &It| {
            let c = self.clause(tr.t0);
            s.items.iter().any(|r| r.k == IK::Trig(T::RelPron) && r.t1 <= tr.t0 && self.clause(r.t0) == c)
                && s.items.iter().any(|v| matches!(v.k, IK::Trig(T::Attend | T::Represent | T::Absent)) && self.clause(v.t0) != c)
        };
        if let Some(tr) = self.triggers(s, T::Summit).next().filter(|tr| !aside(tr)) {
            let at = (tr.t0, tr.t1);
            let other = s
                .items
                .iter()
                .filter_map(|i| match i.k {
                    IK::Org(o) if !i.used && Some(o) != self.main_org => Some((self.cdist((i.t0, i.t1), at), o)),
                    _ => None,
                })
                .min()
                .filter(|_| !names_main);
            if let Some((_, o)) = other {
                let year = self.date_near(s, at).map(|d| d.date.year_value()).or(self.published.map(|p| p.year_value()))?;
                return Some(EventRef { organization: self.ent(o).to_ref(), year, date: None, place: None });
            }
            // An earlier or later summit of the same organisation ("the previous summit in Minsk in 2023").
            if let Some(d) = self.date_near(s, at).filter(|d| self.cdist((d.t0, d.t1), at) <= 8) {
                if let Some(m) = &self.main {
                    if d.date.year_value() != m.year {
                        return Some(EventRef { organization: m.organization.clone(), year: d.date.year_value(), date: None, place: None });
                    }
                }
            }
        }
        self.main.clone()
    }

    // ---------------------------------------------------------------- attendance

    fn attendance(&mut self, s: &Sent) {
        let trigs: Vec<It> =
            s.items.iter().filter(|i| matches!(i.k, IK::Trig(T::Attend | T::Host | T::Represent | T::Absent | T::Say))).copied().collect();
        // "X led the delegation on behalf of President Y", "نيابة عن الرئيس": the person
        // another stood in for is absent (the first person within a few words after it).
        let stood_for: Vec<(usize, It)> = self
            .triggers(s, T::OnBehalf)
            .filter_map(|b| {
                let p = s.items.iter().find(|i| i.t0 >= b.t1 && i.t0 - b.t1 <= 6 && matches!(i.k, IK::Person(_)))?;
                if let IK::Person(e) = p.k {
                    Some((e, *p))
                } else {
                    None
                }
            })
            .collect();
        if trigs.is_empty() && stood_for.is_empty() {
            return;
        }
        let Some(event) = self.event_for(s) else { return };
        for (e, _) in &stood_for {
            self.emit(
                FactKind::Absence,
                vec![("participant", self.eref(*e)), ("event", Value::Event(event.clone()))],
                s,
                "absence-stood-in-for",
                0.75,
            );
        }
        // "армянскую делегацию возглавил …": the adjective's state was represented.
        let represented = |i: &It| i.adj && trigs.iter().any(|t| t.k == IK::Trig(T::Represent) && dist((i.t0, i.t1), (t.t0, t.t1)) == 0);
        let parts: Vec<It> = s
            .items
            .iter()
            .filter(|i| matches!(i.k, IK::Person(_)) || (matches!(i.k, IK::State(_)) && ((!i.used && !i.adj) || represented(i))))
            .copied()
            .collect();
        let (mut absent, mut came): (Vec<usize>, Vec<usize>) = (Vec::new(), Vec::new());
        for p in parts {
            if stood_for.iter().any(|(_, q)| q.t0 == p.t0) {
                continue;
            }
            let Some(mut tr) = trigs.iter().min_by_key(|t| self.cdist((t.t0, t.t1), (p.t0, p.t1))) else { continue };
            // "Putin said he would attend": a speaker takes the event verb of the same clause
            // when no other participant stands between them.
            if tr.k == IK::Trig(T::Say) {
                let same = trigs
                    .iter()
                    .filter(|t| matches!(t.k, IK::Trig(T::Attend | T::Absent)) && self.clause(t.t0) == self.clause(p.t0))
                    .filter(|t| {
                        !s.items.iter().any(|o| {
                            matches!(o.k, IK::Person(_) | IK::State(_))
                                && !o.used
                                && !o.adj
                                && o.t0 > p.t0.min(t.t0)
                                && o.t1 <= p.t0.max(t.t0)
                                && o.t0 != p.t0
                        })
                    })
                    .min_by_key(|t| dist((t.t0, t.t1), (p.t0, p.t1)));
                if let Some(t) = same {
                    tr = t;
                }
            }
            let is_state = matches!(p.k, IK::State(_));
            let (IK::Person(e) | IK::State(e)) = p.k else { continue };
            // "will not take part", "участвовать не будет": the negation right at the verb.
            let neg = self.negated(s, tr)
                && s.items
                    .iter()
                    .any(|n| n.k == IK::Trig(T::Neg) && ((n.t1 <= tr.t0 && tr.t0 - n.t1 <= 2) || (n.t0 >= tr.t1 && n.t0 - tr.t1 <= 1)));
            let kind = match tr.k {
                IK::Trig(T::Say) => continue,
                IK::Trig(T::Absent) => FactKind::Absence,
                IK::Trig(T::Attend) if neg => FactKind::Absence,
                IK::Trig(T::Attend) if !is_state => FactKind::Attendance,
                IK::Trig(T::Represent) if !neg => FactKind::Attendance,
                // "Guinea was not represented"
                IK::Trig(T::Represent) if is_state => FactKind::Absence,
                IK::Trig(T::Host) if !is_state && !neg => FactKind::Attendance,
                _ => continue,
            };
            if is_state && kind == FactKind::Attendance && dist((tr.t0, tr.t1), (p.t0, p.t1)) > 8 {
                continue;
            }
            // (a state represented is the verb's own, with no person between: not "the
            // presidents of Ghana X and Liberia Y took part, while Z represented Côte d'Ivoire")
            if is_state && tr.k == IK::Trig(T::Represent) && {
                let (a, b) = if p.t1 <= tr.t0 { (p.t1, tr.t0) } else { (tr.t1, p.t0) };
                self.clause(tr.t0) != self.clause(p.t0) && s.items.iter().any(|i| matches!(i.k, IK::Person(_)) && i.t0 >= a && i.t1 <= b)
            } {
                continue;
            }
            // "The president did not come; the foreign minister represented his country": a
            // leader's absence is not the state's when someone represented it (in the state's
            // clause: not "… and Moldova sent no one").
            if is_state
                && kind == FactKind::Absence
                && trigs.iter().any(|t| {
                    t.k == IK::Trig(T::Represent)
                        && !self.negated(s, t)
                        && (self.clause(t.t0) == self.clause(p.t0) || dist((t.t0, t.t1), (p.t0, p.t1)) <= 3)
                })
            {
                continue;
            }
            let rule = if kind == FactKind::Absence { "absence" } else { "attendance" };
            self.emit(kind, vec![("participant", self.eref(e)), ("event", Value::Event(event.clone()))], s, rule, 0.8);
            if !is_state {
                if kind == FactKind::Absence {
                    absent.push(e);
                } else {
                    came.push(e);
                }
            }
        }
        // "President X stayed away and sent his foreign minister", "X was represented by Y": a
        // leader absent while someone came in the same sentence, by a verb of representing
        // or from the leader's own state, means the leader's state attended.
        let represent = trigs.iter().any(|t| t.k == IK::Trig(T::Represent) && !self.negated(s, t));
        for a in absent.iter().chain(stood_for.iter().map(|(e, _)| e)) {
            let Some(home) = self.home_of(*a) else { continue };
            if came.iter().any(|c| c != a && (self.home_of(*c) == Some(home) || (represent && self.home_of(*c).is_none()))) {
                self.emit(
                    FactKind::Attendance,
                    vec![("participant", self.eref(home)), ("event", Value::Event(event.clone()))],
                    s,
                    "attendance-stood-in",
                    0.7,
                );
            }
        }
    }

    // ---------------------------------------------------------------- membership

    fn membership(&mut self, s: &Sent) {
        let member_trigs: Vec<It> = s
            .items
            .iter()
            .filter(|i| {
                matches!(
                    i.k,
                    IK::Trig(T::Member | T::Join | T::Found | T::Founder | T::Observer | T::Partner | T::DialoguePartner | T::Associate)
                ) || (i.k == IK::Trig(T::Comprise) && self.org_before(s, i))
                    || i.k == IK::Trig(T::ThisStatus)
            })
            .copied()
            .collect();
        let status_trigs: Vec<It> = s
            .items
            .iter()
            .filter(|i| matches!(i.k, IK::Trig(T::Active | T::Freeze | T::Suspend | T::Readmit | T::Withdraw)))
            .copied()
            // "left ECOWAS", "выход Армении из ОДКБ": the organisation within three words after.
            .chain(
                s.items
                    .iter()
                    .filter(|i| {
                        i.k == IK::Trig(T::WithdrawFrom)
                            && s.items.iter().any(|o| matches!(o.k, IK::Org(_) | IK::Trig(T::OrgRef)) && o.t0 >= i.t1 && o.t0 - i.t1 <= 3)
                    })
                    .map(|i| It { k: IK::Trig(T::Withdraw), ..*i }),
            )
            .collect();
        // "Partner status went to A and B. C received this status later": the role of the
        // sentence is what "this status" of the next one means.
        let this_status = self.last_role;
        if let Some(r) = s.items.iter().rev().find_map(|i| role_word(i.k, None)) {
            self.last_role = Some(r);
        }
        if member_trigs.is_empty() && status_trigs.is_empty() {
            return;
        }
        let at = member_trigs.first().or(status_trigs.first()).map(|t| (t.t0, t.t1)).unwrap_or((s.t0, s.t0));
        let Some(org) = self.org_for(s, at) else { return };
        let real: Vec<(It, usize)> = s
            .items
            .iter()
            .filter(|i| !i.used && !i.adj)
            .filter_map(|i| if let IK::State(st) = i.k { Some((*i, st)) } else { None })
            .collect();
        // A capital stands for its state only when no state is named ("Yerevan froze …").
        let states: Vec<(It, usize)> = if real.is_empty() {
            s.items.iter().filter(|i| !i.used).filter_map(|i| self.as_state(i).map(|st| (*i, st))).collect()
        } else {
            real.clone()
        };
        // (no early return without states: "X was founded on 25 June 1992 in Y" names none,
        // and the founding is what a later "founding members were A, B and C" dates from)
        let orgv = self.eref(org);
        // Status: frozen / suspended / readmitted / withdrawn; "has not decided to withdraw" →
        // still a member.
        for tr in &status_trigs {
            let neg = self.negated(s, tr);
            let IK::Trig(t) = tr.k else { continue };
            // (the organisation nearest to this verb: "left ECOWAS …, and joined the AES")
            let Some(org) = self.org_for(s, (tr.t0, tr.t1)) else { continue };
            let orgv = self.eref(org);
            let Some(&(near, _)) = states
                .iter()
                .filter(|(i, _)| dist((i.t0, i.t1), (tr.t0, tr.t1)) <= 12)
                .min_by_key(|(i, _)| self.cdist((i.t0, i.t1), (tr.t0, tr.t1)))
            else {
                continue;
            };
            // The whole list the nearest state stands in ("Mali, Burkina Faso and Niger withdrew").
            let mut group: Vec<usize> = Vec::new();
            let pos = states.iter().position(|(i, _)| i.t0 == near.t0).unwrap_or(0);
            let (lo, hi) = list_around(&states, pos);
            for (_, st) in &states[lo..=hi] {
                if !group.contains(st) {
                    group.push(*st);
                }
            }
            // Only a date close to the verb is the date of the change; one right after it
            // with "since" is its own ("suspended since November 2011").
            let since_d = s
                .dates
                .iter()
                .find(|d| {
                    d.t0 >= tr.t1
                        && d.t0 - tr.t1 <= 4
                        && s.items.iter().any(|i| i.k == IK::Trig(T::Since) && i.t1 <= d.t0 && d.t0 - i.t1 <= 1 && i.t0 >= tr.t1)
                })
                .map(|d| d.date);
            let date = since_d.or_else(|| {
                s.dates
                    .iter()
                    .filter(|d| dist((d.t0, d.t1), (tr.t0, tr.t1)) <= 10)
                    .min_by_key(|d| self.cdist((d.t0, d.t1), (tr.t0, tr.t1)))
                    .map(|d| d.date)
            });
            // A freeze or suspension lifted later in the sentence ("suspended in 1979 before
            // regaining it in 1989"): it ends on the readmission's date.
            let lifted = s
                .items
                .iter()
                .filter(|r| r.k == IK::Trig(T::Readmit) && r.t0 >= tr.t1 && r.t0 - tr.t1 <= 15 && !self.negated(s, r))
                .find_map(|r| {
                    // (the one after it first: the freeze's own date may be as close before it)
                    s.dates
                        .iter()
                        .filter(|d| dist((d.t0, d.t1), (r.t0, r.t1)) <= 6 && date.is_none_or(|x| x != d.date))
                        .min_by_key(|d| (d.t0 < r.t0, dist((d.t0, d.t1), (r.t0, r.t1))))
                })
                .map(|d| d.date)
                .filter(|e| matches!(t, T::Freeze | T::Suspend) && date.is_some_and(|d| d.surely_before(*e)));
            for st in group {
                let status = match (t, neg) {
                    (T::Withdraw, true) => {
                        self.emit(
                            FactKind::Membership,
                            vec![("member", self.eref(st)), ("organization", orgv.clone())],
                            s,
                            "membership-not-withdrawn",
                            0.7,
                        );
                        continue;
                    }
                    (T::Active, false) => Status::Active,
                    (T::Freeze, false) => Status::Frozen,
                    (T::Suspend, false) => Status::Suspended,
                    (T::Readmit, false) => Status::Readmitted,
                    (T::Withdraw, false) => Status::Withdrawn,
                    _ => continue,
                };
                let mut args =
                    vec![("member", self.eref(st)), ("organization", orgv.clone()), ("status", Value::Code(Code::Status(status)))];
                // A freeze or an active participation is stated as it stands, not when it
                // began (unless the text dates it); a withdrawal is dated only by the text.
                let start = match status {
                    Status::Frozen | Status::Active | Status::Withdrawn => date,
                    _ => date.or(self.published),
                };
                if let Some(d) = start {
                    args.push(("start", Value::Date(d)));
                }
                if let Some(e) = lifted {
                    args.push(("end", Value::Date(e)));
                }
                self.emit(FactKind::MembershipStatus, args, s, "membership-status", 0.8);
                if !matches!(status, Status::Suspended | Status::Withdrawn) {
                    self.emit(
                        FactKind::Membership,
                        vec![("member", self.eref(st)), ("organization", orgv.clone())],
                        s,
                        "membership-status",
                        0.7,
                    );
                }
            }
        }
        let positive: Vec<It> = member_trigs.iter().filter(|t| !self.negated(s, t)).copied().collect();
        if positive.is_empty() {
            return;
        }
        let dated = positive.iter().find(|t| matches!(t.k, IK::Trig(T::Join | T::Found | T::ThisStatus)));
        // A join without a date happens at publication ("Laos will receive partner status").
        let start = dated
            .and_then(|t| s.dates.iter().find(|d| d.t0 >= t.t1 && d.t0 - t.t1 <= 12).copied().or_else(|| self.date_near(s, (t.t0, t.t1))))
            .map(|d| d.date)
            .or_else(|| dated.filter(|t| t.k == IK::Trig(T::Join)).and(self.published))
            // "Founding members were A, B and C": members since the founding the article gives.
            .or_else(|| {
                positive.iter().find(|t| t.k == IK::Trig(T::Founder))?;
                self.founded.iter().rev().find(|(o, _)| *o == org).map(|x| x.1)
            });
        // "the summit marked the anniversary of the founding": the date is the anniversary's;
        // "founding members were …" is no founding of its own when the sentence gives no date.
        let anniversary = |f: &It| s.items.iter().any(|a| a.k == IK::Trig(T::Anniversary) && a.t1 <= f.t0 && f.t0 - a.t1 <= 3);
        let founders_only = |f: &It| s.dates.is_empty() && s.items.iter().any(|i| i.k == IK::Trig(T::Founder) && i.t0 == f.t0);
        let first_found = positive.iter().find(|t| t.k == IK::Trig(T::Found));
        if let Some(f) = first_found.filter(|f| !anniversary(f) && !founders_only(f)) {
            if let Some(d) = start {
                let anchor = s.dates.iter().find(|x| x.date == d).map_or((f.t0, f.t1), |x| (x.t0, x.t1));
                let place = s
                    .items
                    .iter()
                    .filter(|i| matches!(i.k, IK::City(_)))
                    .min_by_key(|i| dist((i.t0, i.t1), anchor))
                    .and_then(|i| if let IK::City(c) = i.k { Some(c) } else { None });
                let mut args = vec![("organization", orgv.clone())];
                match d {
                    PartialDate::Year(y) => args.push(("year", Value::Year(y))),
                    d => args.push(("date", Value::Date(d))),
                }
                if let Some(p) = place {
                    args.push(("place", self.eref(p)));
                }
                self.emit(FactKind::Founding, args, s, "founding", 0.8);
                self.founded.push((org, d));
            }
        }
        // "The EAC was re-established in 2000, while SADC was founded in Windhoek in 1992": a
        // later founding word of another organisation, with its own date and place after it.
        for f in positive.iter().filter(|t| t.k == IK::Trig(T::Found) && first_found.is_some_and(|x| x.t0 < t.t0)) {
            let Some(o) = self.org_for(s, (f.t0, f.t1)).filter(|o| *o != org) else { continue };
            if anniversary(f) || self.founded.iter().any(|x| x.0 == o) {
                continue;
            }
            let Some(d) = s.dates.iter().find(|d| d.t0 >= f.t1 && d.t0 - f.t1 <= 8) else { continue };
            let place = s
                .items
                .iter()
                .filter(|i| matches!(i.k, IK::City(_)) && i.t0 >= f.t1 && dist((i.t0, i.t1), (d.t0, d.t1)) <= 4)
                .find_map(|i| if let IK::City(c) = i.k { Some(c) } else { None });
            let mut args = vec![("organization", self.eref(o))];
            match d.date {
                PartialDate::Year(y) => args.push(("year", Value::Year(y))),
                x => args.push(("date", Value::Date(x))),
            }
            if let Some(p) = place {
                args.push(("place", self.eref(p)));
            }
            self.emit(FactKind::Founding, args, s, "founding", 0.75);
            self.founded.push((o, d.date));
        }
        for (it, st) in &real {
            // The list the state stands in ("Egypt, Ethiopia, Iran and the UAE"), both ways.
            let k = real.iter().position(|(j, _)| j.t0 == it.t0).unwrap_or(0);
            let (g0, g1) = list_around(&real, k);
            let (l0, l1) = (real[g0].0.t0, real[g1].0.t1);
            let (c0, c1) = (self.clause(l0), self.clause(l1 - 1));
            // A role word is the role of the states of its own clause; one in a clause that
            // names no state ("A, which became a partner in 2024") goes to the nearest list,
            // not across another state ("A became a member in January, B a partner").
            let applies = |i: &It| {
                let c = self.clause(i.t0);
                if (c0..=c1).contains(&c) {
                    return true;
                }
                let (a, b) = if i.t0 >= l1 { (l1, i.t0) } else { (i.t1, l0) };
                let between = real.iter().any(|(j, _)| j.t0 >= a && j.t1 <= b);
                let own = real.iter().any(|(j, _)| self.clause(j.t0) == c);
                !between && !own
            };
            let roles: Vec<(usize, Role)> = s
                .items
                .iter()
                .filter(|i| applies(i))
                .filter_map(|i| role_word(i.k, this_status).map(|r| (dist((i.t0, i.t1), (l0, l1)), r)))
                .collect();
            let role = roles.iter().min_by_key(|r| r.0).filter(|r| r.0 <= 8).map_or(Role::Full, |r| r.1);
            let other_state = |a: usize, b: usize| real.iter().any(|(j, x)| x != st && j.t0 >= a && j.t1 <= b);
            // Each state to its nearest membership word: "A is a member, B is not" (B's word is
            // negated), "… after Angola's withdrawal" (a withdrawal is no membership start).
            let nearest = member_trigs
                .iter()
                .chain(status_trigs.iter().filter(|t| t.k == IK::Trig(T::Withdraw)))
                .min_by_key(|t| self.cdist((t.t0, t.t1), (it.t0, it.t1)));
            // (negated closely: "which is not a member", "لم تقرر الانضمام", or a withdrawal;
            // unless a join follows it with no other state between: "quit the bloc in 2000 and
            // became an associate member in 2017", "applied in 2011 and was granted observer
            // status in 2022")
            // (or an application that opens the state's clause: "the application of the UAE
            // for observer status", "طلب دولة الإمارات الحصول على صفة مراقب")
            let close_neg = |t: &It| {
                s.items.iter().any(|n| {
                    (n.k == IK::Trig(T::Neg) && n.t1 <= t.t0 && t.t0 - n.t1 <= 2 && self.clause(n.t0) == self.clause(t.t0))
                        || (n.k == IK::Trig(T::Pending) && n.t1 <= t.t0 && t.t0 - n.t1 <= 2)
                        || (n.k == IK::Trig(T::Pending)
                            && n.t1 <= it.t0
                            && it.t0 - n.t1 <= 2
                            && it.t1 <= t.t0
                            && self.clause(n.t0) == self.clause(it.t0)
                            && self.clause(it.t0) == self.clause(t.t0))
                })
            };
            let rejoined =
                |w: &It| positive.iter().any(|j| j.k == IK::Trig(T::Join) && j.t0 >= w.t1 && j.t0 - w.t1 <= 8 && !other_state(w.t1, j.t0));
            if nearest.is_some_and(|t| (t.k == IK::Trig(T::Withdraw) || close_neg(t)) && !rejoined(t)) {
                continue;
            }
            // The contiguous list the state stands in ("Egypt, Ethiopia, Iran and the UAE").
            let mut last = it.t1;
            for (j, _) in real.iter().filter(|(j, _)| j.t0 >= it.t1) {
                if j.t0 - last <= 1 {
                    last = j.t1;
                } else {
                    break;
                }
            }
            let since_of = |d: &DateM| s.items.iter().any(|i| i.k == IK::Trig(T::Since) && i.t1 <= d.t0 && d.t0 - i.t1 <= 1);
            // "a full member since 2002", "بصفة مراقب منذ عام 2005": the start the text gives.
            let since_start =
                s.dates.iter().find(|d| d.t0 >= last && d.t0 - last <= 10 && since_of(d) && !other_state(last, d.t0)).map(|d| d.date);
            // With several dates, a join's own: "Finland joined in April 2023 and Sweden in
            // March 2024", "admitted South Africa in 2010" (not the founding's 2009).
            // (after the state's own join verb when one follows it: "quit the bloc in 2000 and
            // became an associate member in 2017")
            let own = start.filter(|_| s.dates.len() > 1).and_then(|_| {
                // (not across a withdrawal or an application: "applied in 2011 and was granted …")
                let status_between = |a: usize, b: usize| {
                    status_trigs.iter().chain(s.items.iter().filter(|i| i.k == IK::Trig(T::Pending))).any(|t| t.t0 >= a && t.t1 <= b)
                };
                s.dates
                    .iter()
                    .find(|d| d.t0 >= last && d.t0 - last <= 5 && !since_of(d) && !other_state(last, d.t0) && !status_between(last, d.t0))
                    .or_else(|| {
                        let j = positive
                            .iter()
                            .find(|j| j.k == IK::Trig(T::Join) && j.t0 >= last && j.t0 - last <= 10 && !other_state(last, j.t0))?;
                        s.dates.iter().find(|d| d.t0 >= j.t1 && d.t0 - j.t1 <= 6 && !since_of(d) && !other_state(j.t1, d.t0))
                    })
                    .map(|d| d.date)
            });
            // "The forum, founded in Cairo in 2019, groups A, B and C": the founding's date is
            // the start of the members listed with it ("founded by A and B in 2001") or named
            // its founders, not of those the sentence lists in another clause.
            let start = start.filter(|_| {
                dated.is_none_or(|f| {
                    f.k != IK::Trig(T::Found)
                        || positive.iter().any(|t| t.k == IK::Trig(T::Founder))
                        || (c0..=c1).contains(&self.clause(f.t0))
                })
            });
            let mut args = vec![("member", self.eref(*st)), ("organization", orgv.clone()), ("role", Value::Code(Code::Role(role)))];
            if let Some(d) = since_start.or(own).or(start) {
                args.push(("start", Value::Date(d)));
            }
            self.emit(FactKind::Membership, args, s, "membership", 0.75);
        }
    }

    // ---------------------------------------------------------------- chairmanship

    /// The day of the article's main summit, when it is in year `y` (a handover's day).
    fn main_date_in(&self, y: i32) -> Option<PartialDate> {
        self.main.as_ref().filter(|m| m.year == y).and_then(|m| m.date)
    }

    fn chair(&mut self, s: &Sent) -> Vec<usize> {
        let trigs: Vec<It> = self.triggers(s, T::Chair).filter(|t| !self.negated(s, t)).copied().collect();
        let mut out = Vec::new();
        for tr in trigs {
            out.extend(self.chair_at(s, tr, &out.clone()));
        }
        out
    }

    fn chair_at(&mut self, s: &Sent, tr: It, taken: &[usize]) -> Vec<usize> {
        let mut out = Vec::new();
        // The organisation named in the sentence, else the article's ("the group").
        let named = s
            .items
            .iter()
            .filter_map(|i| match i.k {
                IK::Org(o) if !i.used => Some((self.cdist((i.t0, i.t1), (tr.t0, tr.t1)), o)),
                _ => None,
            })
            .min()
            .map(|x| x.1);
        let Some(org) = named.or(self.main_org).or(self.last_org) else { return out };
        let from_at = s.items.iter().find(|i| i.k == IK::Trig(T::From) && i.t0 >= tr.t1 && i.t0 - tr.t1 <= 12).map(|i| i.t0);
        // A state, or a leader standing for it ("from Zimbabwe's Emmerson Mnangagwa").
        let as_chair = |j: &It| -> Option<usize> {
            match j.k {
                IK::State(x) if !j.adj => Some(x),
                IK::Person(p) => self.home_of(p),
                _ => None,
            }
        };
        let state_after = |cue: T| -> Option<(usize, usize)> {
            let min = if cue == T::To { from_at.unwrap_or(tr.t0.saturating_sub(12)) } else { tr.t1.saturating_sub(1) };
            let c = s.items.iter().find(|i| {
                i.k == IK::Trig(cue) && i.t0 > min && s.items.iter().any(|j| j.t0 >= i.t1 && j.t0 - i.t1 <= 3 && as_chair(j).is_some())
            })?;
            s.items.iter().filter(|i| i.t0 >= c.t1 && i.t0 - c.t1 <= 3).find_map(|i| as_chair(i).map(|x| (x, i.t1)))
        };
        // "Brazil received from Argentina the Pro Tempore Presidency": the giver just before the
        // chair word.
        let from_before = || {
            // (not a second chair word after the handover: "receives it from Algeria, which
            // chairs the current session")
            let c = s.items.iter().find(|i| i.k == IK::Trig(T::From) && i.t1 <= tr.t0 && tr.t0 - i.t1 <= 5)?;
            if s.items.iter().any(|i| i.k == IK::Trig(T::Chair) && i.t1 <= c.t0) {
                return None;
            }
            s.items
                .iter()
                .filter(|j| j.t0 >= c.t1 && j.t0 - c.t1 <= 1 && j.t1 <= tr.t0 && tr.t0 - j.t1 <= 3)
                .find_map(|j| as_chair(j).map(|x| (x, j.t1)))
        };
        let from_item = state_after(T::From).or_else(from_before);
        let from = from_item.map(|f| f.0);
        let mut to = state_after(T::To).map(|t| t.0);
        // "who had led the group since July 2023": the giver's start, not the handover's date.
        // (a "since" still to come is a start: «с начала следующего года передает …»)
        let since: Vec<DateM> = s
            .dates
            .iter()
            .filter(|d| Self::after_since(s, d) && self.published.is_none_or(|p| !p.surely_before(d.date)))
            // (not a membership's: «Туркменистан, с 2005 года являющийся ассоциированным членом
            // Содружества, председательствует …»)
            .filter(|d| {
                !s.items.iter().any(|i| {
                    matches!(i.k, IK::Trig(T::Member | T::Associate | T::Observer | T::Join | T::Partner))
                        && i.t0 >= d.t1
                        && i.t1 <= tr.t0
                        && self.clause(i.t0) == self.clause(d.t0)
                })
            })
            .copied()
            .collect();
        // "Belarus has chaired since March, when it took over from Kazakhstan": a "since"
        // before the giver dates the new term, which ends the giver's.
        let recv_since =
            since.first().copied().filter(|d| from_item.is_some_and(|(_, gt1)| d.t1 < gt1) && from_at.is_none_or(|f| d.t1 <= f));
        // "from Russia, which led the Commonwealth last year": a date in the clause that opens
        // right after the giver is the giver's own year, not the handover's.
        let giver_date: Option<DateM> = from_item.and_then(|(_, gt1)| {
            if gt1 >= s.t1 || self.clause(gt1) == self.clause(gt1 - 1) {
                return None;
            }
            // (a date still to come is no past term: "succeeding Kuwait, the next meeting to be
            // held on 7 June")
            s.dates
                .iter()
                .find(|d| self.clause(d.t0) == self.clause(gt1) && !since.iter().any(|x| x.t0 == d.t0))
                .filter(|d| self.published.is_none_or(|p| !p.surely_before(d.date)))
                .copied()
        });
        let d = s
            .dates
            .iter()
            .filter(|d| !since.iter().any(|x| x.t0 == d.t0) && giver_date.is_none_or(|g| g.t0 != d.t0))
            .min_by_key(|d| self.cdist((d.t0, d.t1), (tr.t0, tr.t1)))
            .copied()
            .filter(|d| dist((d.t0, d.t1), (tr.t0, tr.t1)) <= 8);
        let explicit = d.is_some();
        let (y, range_end) = match d {
            Some(d) => (Some(d.date.year_value()), d.end),
            None => (self.published.map(|p| p.year_value()), None),
        };
        let Some(y) = y else { return out };
        let orgv = self.eref(org);
        if let Some(f) = from {
            out.push(f);
            out.extend(to);
            if to.is_none() {
                to = s
                    .items
                    .iter()
                    .filter(|i| i.t1 <= tr.t0 && !i.adj && (!i.used || matches!(i.k, IK::Person(_))))
                    .filter_map(|i| match i.k {
                        IK::State(x) => Some(x),
                        IK::Person(p) => self.home_of(p),
                        _ => None,
                    })
                    .rfind(|x| *x != f);
            }
            // (a rotating chair handed over with no date: the giver's term was the year before,
            // "takes over as Forum chair from Tonga", unless a range is given)
            let fy = if range_end.is_some() { y } else { y - 1 };
            // The day of the handover: the date by the verb, else the summit's when it is this
            // year's, else the publication's.
            let handover = d.map(|d| d.date).or(self.main_date_in(y)).or(self.published).filter(|h| h.year_value() == y);
            // A handover on a day or in a month named by the verb ("last November", "in July
            // 2024") ends the giver's term then; one in January (or on 1 January) closes a
            // calendar-year term, which is the previous year's.
            let point = d.map(|d| d.date).filter(|h| d.is_some_and(|d| d.end.is_none()) && precision(*h) >= 1 && h.earliest().1 != 1);
            let mut args = vec![("chair", self.eref(f)), ("organization", orgv.clone())];
            if let Some(rs) = recv_since {
                // (a chairmanship needs its year: the giver's term reached into that of the end)
                args.push(("year", Value::Year(rs.date.year_value())));
                args.push(("end", Value::Date(rs.date)));
                self.emit(FactKind::Chairmanship, args, s, "chair-transfer", 0.85);
                if let Some(t) = to {
                    let args = vec![("chair", self.eref(t)), ("organization", orgv.clone()), ("start", Value::Date(rs.date))];
                    self.emit(FactKind::Chairmanship, args, s, "chair-transfer", 0.85);
                }
                return out;
            }
            match (since.first(), handover, giver_date, point) {
                (Some(st), Some(h), _, _) if st.date.year_value() <= y => {
                    args.push(("start", Value::Date(st.date)));
                    args.push(("end", Value::Date(h)));
                }
                (_, _, Some(g), _) => match g.end {
                    // ("who held the post in the first half of the year")
                    Some(e) => {
                        args.push(("start", Value::Date(g.date)));
                        args.push(("end", Value::Date(e)));
                    }
                    None => args.push(("year", Value::Year(g.date.year_value()))),
                },
                (_, _, None, Some(h)) => {
                    args.push(("year", Value::Year(h.year_value())));
                    args.push(("end", Value::Date(h)));
                }
                _ => {
                    // (a handover later in the year, at a summit, ends a term that ran into it:
                    // the giver chaired this year too)
                    let fy = if handover.is_some_and(|h| precision(h) >= 1 && h.earliest().1 >= 3) { y } else { fy };
                    args.push(("year", Value::Year(fy)));
                    // (ending at this year's handover)
                    if let (false, Some(h)) = (explicit, handover.filter(|h| precision(*h) >= 1)) {
                        args.push(("end", Value::Date(h)));
                    }
                }
            }
            self.emit(FactKind::Chairmanship, args, s, "chair-transfer", 0.85);
            if let Some(t) = to {
                let mut args = vec![("chair", self.eref(t)), ("organization", orgv.clone())];
                match (range_end, handover) {
                    (Some(e), _) => {
                        args.push(("start", Value::Date(d.map_or(PartialDate::Year(y), |d| d.date))));
                        args.push(("end", Value::Date(e)));
                    }
                    (None, Some(PartialDate::Year(hy))) => args.push(("year", Value::Year(hy))),
                    (None, Some(h)) => args.push(("start", Value::Date(h))),
                    (None, None) => args.push(("year", Value::Year(y))),
                }
                self.emit(FactKind::Chairmanship, args, s, "chair-transfer", 0.85);
            }
            return out;
        }
        // "Russia holds the chairmanship this year and will hand it to Brazil in 2025": the
        // holder gets the year by the trigger, the receiver the year by "to".
        let mut cands: Vec<(usize, i32)> = Vec::new();
        if let Some(t) = to {
            let cue = s
                .items
                .iter()
                .find(|i| i.k == IK::Trig(T::To) && s.items.iter().any(|j| j.k == IK::State(t) && j.t0 >= i.t1 && j.t0 - i.t1 <= 3));
            let ty = cue
                .and_then(|c| {
                    s.dates.iter().filter(|d| dist((d.t0, d.t1), (c.t0, c.t1)) <= 6).min_by_key(|d| dist((d.t0, d.t1), (c.t0, c.t1)))
                })
                .map_or(y, |d| d.date.year_value());
            cands.push((t, ty));
        }
        let holder: Option<usize> = s
            .items
            .iter()
            // (in the trigger's clause, or just before it: "Belarus, chairing the union this year")
            .filter(|i| {
                !i.used
                    && !i.adj
                    && (self.clause(i.t0) == self.clause(tr.t0)
                        || (i.t1 <= tr.t0 && tr.t0 - i.t1 <= 1 && self.clause(i.t0) + 1 == self.clause(tr.t0)))
            })
            .filter_map(|i| if let IK::State(x) = i.k { Some((dist((i.t0, i.t1), (tr.t0, tr.t1)), x)) } else { None })
            .filter(|(d, x)| *d <= 4 && !taken.contains(x) && Some(*x) != to)
            .min()
            .map(|(_, x)| x)
            // "Kyrgyzstan, which will assume the presidency next year": the state a relative
            // clause opens on, the trigger within three words of the pronoun.
            .or_else(|| {
                let rel = s.items.iter().find(|r| {
                    r.k == IK::Trig(T::RelPron) && r.t1 <= tr.t0 && tr.t0 - r.t1 <= 3 && self.clause(r.t0) == self.clause(tr.t0)
                })?;
                s.items
                    .iter()
                    .filter(|i| !i.used && !i.adj && i.t1 <= rel.t0 && rel.t0 - i.t1 <= 1 && self.clause(i.t0) + 1 == self.clause(rel.t0))
                    .find_map(|i| if let IK::State(x) = i.k { Some(x) } else { None })
                    .filter(|x| !taken.contains(x) && Some(*x) != to)
            })
            // "Xi Jinping, chairing the SCO this year": the chairing leader's state.
            .or_else(|| {
                s.items
                    .iter()
                    .filter(|i| dist((i.t0, i.t1), (tr.t0, tr.t1)) <= 3)
                    .find_map(|i| if let IK::Person(p) = i.k { self.home_of(p) } else { None })
                    .filter(|x| !taken.contains(x))
            })
            // «Исламабад будет председательствовать …»: a capital standing for its state, in
            // the trigger's clause right before it, when no state is named there.
            .or_else(|| {
                if s.items.iter().any(|j| matches!(j.k, IK::State(_)) && self.clause(j.t0) == self.clause(tr.t0)) {
                    return None;
                }
                s.items
                    .iter()
                    .filter(|i| i.t1 <= tr.t0 && tr.t0 - i.t1 <= 2 && self.clause(i.t0) == self.clause(tr.t0))
                    .find_map(|i| if matches!(i.k, IK::City(_)) { self.as_state(i) } else { None })
                    .filter(|x| !taken.contains(x) && Some(*x) != to)
            });
        // "Kyrgyzstan, chairing the SCO since September 2025, passed the baton to Pakistan": the
        // holder's term began on the "since" date by the trigger, and ends at the handover
        // when the sentence names who takes over.
        let holder_since = since.iter().find(|d| d.t0 >= tr.t1 && d.t0 - tr.t1 <= 6 && self.clause(d.t0) == self.clause(tr.t0)).copied();
        if let Some(h) = holder {
            cands.push((h, y));
        }
        out.extend(cands.iter().map(|c| c.0));
        for (c, cy) in cands {
            let mut args = vec![("chair", self.eref(c)), ("organization", orgv.clone())];
            match (range_end.filter(|_| cy == y), holder_since.filter(|_| Some(c) == holder)) {
                (Some(e), _) => {
                    args.push(("start", Value::Date(d.map_or(PartialDate::Year(y), |d| d.date))));
                    args.push(("end", Value::Date(e)));
                }
                (None, Some(st)) => {
                    args.push(("start", Value::Date(st.date)));
                    if let Some(h) = to.and(self.main_date_in(y).or(self.published)).filter(|h| st.date.surely_before(*h)) {
                        args.push(("end", Value::Date(h)));
                    }
                }
                (None, None) => args.push(("year", Value::Year(cy))),
            }
            self.emit(FactKind::Chairmanship, args, s, "chair", 0.75);
        }
        out
    }

    // ---------------------------------------------------------------- visits

    fn visit(&mut self, s: &Sent) {
        let trigs: Vec<It> = self.triggers(s, T::Visit).filter(|t| !self.negated(s, t)).copied().collect();
        for tr in trigs {
            self.visit_at(s, tr);
        }
    }

    fn visit_at(&mut self, s: &Sent, tr: It) {
        // Several travellers, each with a verb ("Putin arrived on Sunday, while Modi arrived on
        // Saturday"): each verb keeps to its stretch of the sentence, up to the next verb.
        let visits: Vec<&It> = self.triggers(s, T::Visit).collect();
        let lo = visits.iter().filter(|v| v.t1 <= tr.t0).map(|v| v.t1).max().unwrap_or(s.t0);
        let hi = visits.iter().filter(|v| v.t0 >= tr.t1).map(|v| v.t0).min().unwrap_or(s.t1);
        // (not who goes with the traveller: "accompanied by the foreign minister")
        let companion = |i: &It| s.items.iter().any(|a| a.k == IK::Trig(T::Accompany) && a.t1 <= i.t0 && i.t0 - a.t1 <= 12);
        // The subject just after the verb ("وصل مودي", "прибыл премьер-министр Венгрии Виктор
        // Орбан"), else the person nearest before it, else after it.
        let after = s.items.iter().find(|i| {
            matches!(i.k, IK::Person(_))
                && i.t0 >= tr.t1
                && i.t0 - tr.t1 <= 4
                && i.t0 < hi
                && self.clause(i.t0) == self.clause(tr.t0)
                && s.items.iter().filter(|j| j.t0 >= tr.t1 && j.t1 <= i.t0).all(|j| matches!(j.k, IK::Title(_) | IK::State(_)))
        });
        let in_stretch = |i: &&It| i.t0 >= lo && i.t1 <= hi;
        let nearest = |stretch: bool, before: bool| {
            s.items
                .iter()
                .filter(|i| matches!(i.k, IK::Person(_)) && !companion(i) && (!stretch || in_stretch(i)) && (!before || i.t1 <= tr.t0))
                .min_by_key(|i| (i.t0 > tr.t0, self.cdist((i.t0, i.t1), (tr.t0, tr.t1))))
        };
        let person = after
            .or_else(|| nearest(true, true))
            .or_else(|| nearest(false, true))
            .or_else(|| nearest(true, false))
            .or_else(|| nearest(false, false))
            .and_then(|i| if let IK::Person(p) = i.k { Some(p) } else { None })
            // "Российский лидер прибыл …", "the Kazakh leader arrived": the person named
            // earlier who serves the adjective's state.
            .or_else(|| {
                let st = s.items.iter().rev().find_map(|i| match i.k {
                    IK::State(x) if i.adj && i.t1 <= tr.t0 && tr.t0 - i.t1 <= 2 && self.clause(i.t0) == self.clause(tr.t0) => Some(x),
                    _ => None,
                })?;
                self.persons_seen.iter().rev().copied().find(|&p| self.home_of(p) == Some(st))
            })
            .or_else(|| self.persons_seen.last().copied());
        let Some(person) = person else { return };
        // "Putin flew to Yerevan, as did the presidents of Belarus, … — Lukashenko, …": every
        // traveller whose home state is known.
        let mut persons = vec![person];
        // (in a sentence about attending, only those named with the traveller before the verb)
        let attending = s.items.iter().any(|i| i.k == IK::Trig(T::Attend));
        let several = visits.len() > 1;
        for i in s.items.iter().filter(|i| !attending || (i.t1 <= tr.t0 && self.clause(i.t0) == self.clause(tr.t0))) {
            // (with a verb per traveller, each verb has its own)
            if companion(i) || several {
                continue;
            }
            if let IK::Person(p) = i.k {
                if !persons.contains(&p)
                    && self.home_of(p).is_some()
                    && !s.items.iter().any(|t| t.k == IK::Trig(T::Say) && dist((t.t0, t.t1), (i.t0, i.t1)) <= 1)
                {
                    persons.push(p);
                }
            }
        }
        let mut dests = Vec::new();
        // (not where the traveller comes from: "flew in from Moscow")
        let from_cue = |i: &It| s.items.iter().any(|c| c.k == IK::Trig(T::From) && c.t1 <= i.t0 && i.t0 - c.t1 <= 1);
        for i in s.items.iter().filter(|i| i.t0 >= tr.t1 && i.t0 < hi && !i.used && !i.adj) {
            match i.k {
                IK::City(_) | IK::State(_) if from_cue(i) => {}
                IK::City(c) | IK::State(c) if !dests.contains(&c) => dests.push(c),
                IK::Trig(T::Attend | T::Summit | T::Visit | T::Say | T::Host) | IK::Person(_) if !dests.is_empty() => break,
                _ => {}
            }
        }
        // "находится в Таджикистане с государственным визитом": the place just before the trigger.
        if dests.is_empty() {
            if let Some(i) = s
                .items
                .iter()
                .rev()
                .find(|i| i.t1 <= tr.t0 && tr.t0 - i.t1 <= 3 && !i.used && !i.adj && matches!(i.k, IK::City(_) | IK::State(_)))
            {
                if let IK::City(c) | IK::State(c) = i.k {
                    dests.push(c);
                }
            }
        }
        // "Modi arrived here on Saturday", "Chapo had arrived on Saturday evening": with no
        // place named, a summit report's traveller came to the summit's city.
        // (not "Xi skipped the gathering for the first time since he came to power")
        let away = s.items.iter().any(|i| matches!(i.k, IK::Trig(T::Absent | T::Neg)));
        let main_city =
            self.main.as_ref().filter(|m| !away && self.published.is_none_or(|p| p.year_value() == m.year)).and_then(|m| m.place.as_ref());
        if let (true, Some(city)) = (dests.is_empty(), main_city) {
            if let Some(c) = self.summits.iter().filter_map(|m| m.3).find(|&c| self.ent(c).iri == city.iri) {
                dests.push(c);
            }
        }
        // "Kuwait" is a state and a city: keep one.
        dests.dedup_by(|a, b| self.ent(*a).label("en") == self.ent(*b).label("en"));
        let own = s.dates.iter().filter(|d| d.t0 >= lo && d.t1 <= hi).min_by_key(|d| self.cdist((d.t0, d.t1), (tr.t0, tr.t1))).copied();
        let date = own.or_else(|| self.date_near(s, (tr.t0, tr.t1))).map(|d| d.date).or(self.published);
        let main_place = self.main.as_ref().and_then(|m| m.place.as_ref()).map(|p| p.iri.clone());
        for (n, &person) in persons.iter().enumerate() {
            let home = self.home_of(person);
            for &d in &dests {
                let e = self.ent(d);
                let country = e.country.as_deref().and_then(|iri| self.x.gaz.index_of(iri));
                if home.is_some() && (home == Some(d) || home == country) {
                    continue;
                }
                let mut args = vec![("person", self.eref(person)), ("destination", self.eref(d))];
                if let Some(dt) = date {
                    args.push(("date", Value::Date(dt)));
                }
                self.emit(FactKind::Visit, args, s, "visit", if n == 0 { 0.75 } else { 0.6 });
                // Travelling to the summit city for the summit is attending it.
                if main_place.as_deref() == Some(e.iri.as_str()) && date.map(|d| d.year_value()) == self.main.as_ref().map(|m| m.year) {
                    if let Some(ev) = self.main.clone() {
                        self.emit(
                            FactKind::Attendance,
                            vec![("participant", self.eref(person)), ("event", Value::Event(ev))],
                            s,
                            "attendance-visit",
                            0.6,
                        );
                    }
                }
            }
        }
    }

    /// A summit report names the leaders who came: a head of state or government, minister or
    /// head of an organisation whom the article introduces with a title attends its summit,
    /// unless the article says they stayed away (or already gave their part in the event).
    fn leaders_at_summit(&mut self, sents: &[Sent]) {
        let Some(event) = self.main.clone() else { return };
        if self.summits.is_empty() || self.published.is_some_and(|p| p.year_value() != event.year) {
            return;
        }
        const LEADERS: [Position; 12] = [
            Position::President,
            Position::VicePresident,
            Position::PrimeMinister,
            Position::DeputyPrimeMinister,
            Position::ForeignMinister,
            Position::King,
            Position::Emir,
            Position::CrownPrince,
            Position::SecretaryGeneral,
            Position::CommissionChair,
            Position::HeadOfDelegation,
            Position::HeadOfGovernment,
        ];
        for (p, si) in self.person_sent.clone() {
            if !self.offices.iter().any(|(pp, pos, _)| *pp == p && LEADERS.contains(pos)) {
                continue;
            }
            let iri = self.ent(p).iri.clone();
            let told = self.facts.iter().any(|f| {
                matches!(f.kind, FactKind::Attendance | FactKind::Absence) && f.entity("participant").is_some_and(|e| e.iri == iri)
            });
            if told {
                continue;
            }
            self.emit(
                FactKind::Attendance,
                vec![("participant", self.eref(p)), ("event", Value::Event(event.clone()))],
                &sents[si],
                "attendance-leader",
                0.5,
            );
        }
    }

    /// "Leaders of the CSTO states will attend …": the states whose heads attend are members.
    /// (Run before the leaders a summit report merely names are counted as attending.)
    fn members_from_leaders(&mut self, sents: &[Sent]) {
        const HEADS: [Position; 5] = [Position::President, Position::PrimeMinister, Position::King, Position::Emir, Position::CrownPrince];
        for (org, si) in self.member_leaders.clone() {
            let org_iri = self.ent(org).iri.clone();
            let attendees: Vec<usize> = self
                .facts
                .iter()
                .filter(|f| f.kind == FactKind::Attendance && f.event("event").is_some_and(|e| e.organization.iri == org_iri))
                .filter_map(|f| f.entity("participant"))
                .filter_map(|e| {
                    self.x
                        .gaz
                        .index_of(&e.iri)
                        .or_else(|| self.minted.iter().position(|m| m.iri == e.iri).map(|i| self.x.minted_base() + i))
                })
                .collect();
            for p in attendees {
                let state = self
                    .offices
                    .iter()
                    .chain(&self.x.offices)
                    .find(|(pp, pos, of)| *pp == p && HEADS.contains(pos) && self.ent_kind(*of) == EntityType::State)
                    .map(|o| o.2);
                if let Some(st) = state {
                    self.emit(
                        FactKind::Membership,
                        vec![("member", self.eref(st)), ("organization", self.eref(org))],
                        &sents[si],
                        "membership-leaders",
                        0.6,
                    );
                }
            }
        }
    }

    // ---------------------------------------------------------------- endorsement

    fn endorse(&mut self, s: &Sent) {
        let Some(tr) = self.triggers(s, T::Endorse).find(|t| !self.negated(s, t)).copied() else { return };
        let states: Vec<(usize, usize)> = s
            .items
            .iter()
            .filter(|i| !i.used && !i.adj && i.t1 <= tr.t0)
            .filter_map(|i| if let IK::State(x) = i.k { Some((self.cdist((i.t0, i.t1), (tr.t0, tr.t1)), x)) } else { None })
            .collect();
        let mut parties: Vec<usize> = match states.iter().min() {
            Some(&(d0, _)) => states.iter().filter(|(d, _)| *d <= d0 + 6).map(|x| x.1).collect(),
            None => Vec::new(),
        };
        // "… was signed by A, B and C", "подписали лидеры A, B и C", "ووقع قادة A وB": with no
        // state before the verb, the list that starts right after it (a leader word between).
        if parties.is_empty() {
            let mut at = tr.t1;
            for i in s.items.iter().filter(|i| i.t0 >= tr.t1 && !i.adj) {
                let IK::State(x) = i.k else { continue };
                if i.t0 < at {
                    continue;
                }
                let first = parties.is_empty();
                // (the first within three words of the verb and in its clause; the next ones
                // each within two words of the one before: "A, B and C")
                if i.t0 - at > if first { 3 } else { 2 } || (first && self.clause(i.t0) != self.clause(tr.t0)) {
                    break;
                }
                if !parties.contains(&x) {
                    parties.push(x);
                }
                at = i.t1;
            }
        }
        // "Putin and Lukashenko signed …" / "وقع الرئيس الروسي … ونظيره البيلاروسي …": the signers' states.
        for i in s.items.iter().filter(|i| self.clause(i.t0) == self.clause(tr.t0) && dist((i.t0, i.t1), (tr.t0, tr.t1)) <= 10) {
            if let IK::Person(p) = i.k {
                if let Some(h) = self.home_of(p) {
                    if !parties.contains(&h) {
                        parties.push(h);
                    }
                }
            }
        }
        let toks = &self.doc.toks;
        let end = (tr.t1 + 6).min(s.t1);
        let doc: String =
            if end > tr.t1 { self.chars[toks[tr.t1].start..toks[end - 1].end].iter().collect() } else { "document".to_owned() };
        let event = self.main.clone();
        for p in parties {
            if self.endorsed.contains(&p) {
                continue;
            }
            self.endorsed.push(p);
            let mut args = vec![("party", self.eref(p)), ("document", Value::Text(doc.clone()))];
            if let Some(e) = &event {
                args.push(("event", Value::Event(e.clone())));
            }
            self.emit(FactKind::Endorsement, args, s, "endorsement", 0.6);
        }
    }
}

/// The role a membership word names ("observer status", "партнер"); "this status" stands for
/// `this`, the role of an earlier sentence.
fn role_word(k: IK, this: Option<Role>) -> Option<Role> {
    match k {
        IK::Trig(T::Observer) => Some(Role::Observer),
        IK::Trig(T::Partner) => Some(Role::Partner),
        IK::Trig(T::DialoguePartner) => Some(Role::DialoguePartner),
        IK::Trig(T::Associate) => Some(Role::Associate),
        IK::Trig(T::ThisStatus) => this,
        _ => None,
    }
}

fn precision(d: PartialDate) -> u8 {
    match d {
        PartialDate::Year(_) => 0,
        PartialDate::YearMonth(..) => 1,
        PartialDate::Date(..) => 2,
    }
}
