//! Pictures of an organisation written as SVG by the project itself (no external program):
//! a membership timeline (one bar per member across the years, coloured by role, with the
//! participation statuses overlaid, chair years marked and summits on a top axis) and a radial
//! picture of its members, chairs and summits at a date.
//!
//! The facts are read from the store ([`OrgFacts::read`]); drawing knows no store and writes
//! to any `Write`. Every text is XML-escaped; bars and marks carry `data-*` attributes with the
//! facts they show (member IRI, role, status, start, end) so that tests and scripts can check
//! the picture against the graph.

use crate::model::{FactKind, PartialDate};
use crate::store::{Store, StoreError};
use crate::vocab::{igo, org, rdfs, schema};
use oxigraph::model::{GraphNameRef, NamedNode, NamedNodeRef, NamedOrBlankNode, Term};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::Write;

/// A time-bounded fact about one member: a membership (with its role) or a status.
#[derive(Debug, Clone, PartialEq)]
pub struct Span {
    /// `full`, `observer`, … for memberships; `frozen`, `suspended`, … for statuses.
    pub code: String,
    pub start: Option<PartialDate>,
    pub end: Option<PartialDate>,
    /// The as-of bounds (`igo:startLatest`, `igo:endEarliest`) as ISO dates.
    pub start_latest: Option<String>,
    pub end_earliest: Option<String>,
    pub source: String,
    /// The publication date of the source, which is when an undated fact is known to hold.
    pub stated: Option<PartialDate>,
}

impl Span {
    /// Does it surely hold at some time within `at` (the test of `members --at`)?
    pub fn holds_at(&self, at: PartialDate) -> bool {
        let (lo, hi) = (at.earliest_iso(), at.latest_iso());
        let started = match (&self.start_latest, self.start) {
            (Some(s), _) => *s <= hi,
            (None, Some(s)) => s.latest_iso() <= hi,
            (None, None) => self.stated.is_none_or(|p| p.earliest_iso() <= hi),
        };
        started && self.end_earliest.as_ref().is_none_or(|e| *e > lo)
    }
}

/// A member and what the graph says of it in the organisation.
#[derive(Debug, Clone, PartialEq)]
pub struct Member {
    pub iri: String,
    pub label: String,
    pub memberships: Vec<Span>,
    pub statuses: Vec<Span>,
    pub chair_years: Vec<i32>,
}

/// A summit of the organisation.
#[derive(Debug, Clone, PartialEq)]
pub struct Summit {
    pub date: PartialDate,
    pub place: Option<String>,
    pub label: Option<String>,
}

/// What the pictures show of an organisation.
#[derive(Debug, Clone, PartialEq)]
pub struct OrgFacts {
    pub iri: String,
    pub label: String,
    /// Sorted by first start, then name.
    pub members: Vec<Member>,
    pub summits: Vec<Summit>,
}

fn lit(props: &[(NamedNode, Term)], p: NamedNodeRef<'_>) -> Option<String> {
    props.iter().find_map(|(k, v)| match v {
        Term::Literal(l) if k.as_ref() == p => Some(l.value().to_owned()),
        _ => None,
    })
}

fn iri(props: &[(NamedNode, Term)], p: NamedNodeRef<'_>) -> Option<String> {
    props.iter().find_map(|(k, v)| match v {
        Term::NamedNode(n) if k.as_ref() == p => Some(n.as_str().to_owned()),
        _ => None,
    })
}

fn code_of(iri: Option<String>) -> Option<String> {
    iri.and_then(|i| i.rsplit('/').next().map(str::to_owned))
}

/// The label of an entity in `lang`, else English, else any, else its compact IRI.
pub fn label(store: &Store, iri: &str, lang: &str) -> Result<String, StoreError> {
    let Ok(n) = NamedNode::new(iri) else { return Ok(iri.to_owned()) };
    let mut best: (u8, String) = (0, crate::query::compact(iri));
    for q in store.inner().quads_for_pattern(Some(n.as_ref().into()), Some(rdfs::LABEL), None, None) {
        if let Term::Literal(l) = q?.object {
            let rank = match l.language() {
                Some(t) if t.eq_ignore_ascii_case(lang) => 3,
                Some("en") => 2,
                _ => 1,
            };
            if rank > best.0 {
                best = (rank, l.value().to_owned());
            }
        }
    }
    Ok(best.1)
}

impl OrgFacts {
    /// Reads the memberships, statuses, chairmanships and summits of `organization` from every
    /// graph of the store, with labels in `lang`.
    pub fn read(store: &Store, organization: &NamedNode, lang: &str) -> Result<Self, StoreError> {
        let mut members: BTreeMap<String, Member> = BTreeMap::new();
        let mut summits = Vec::new();
        let mut nodes: Vec<(NamedNode, NamedNode)> = Vec::new();
        for p in [org::ORGANIZATION, schema::ORGANIZER] {
            for q in store.inner().quads_for_pattern(None, Some(p), Some(organization.as_ref().into()), None) {
                let q = q?;
                if let (NamedOrBlankNode::NamedNode(s), oxigraph::model::GraphName::NamedNode(g)) = (q.subject, q.graph_name) {
                    nodes.push((s, g));
                }
            }
        }
        nodes.sort();
        nodes.dedup();
        for (s, g) in nodes {
            let props = store
                .inner()
                .quads_for_pattern(Some(s.as_ref().into()), None, None, Some(GraphNameRef::NamedNode(g.as_ref())))
                .map(|q| q.map(|q| (q.predicate, q.object)))
                .collect::<Result<Vec<_>, _>>()?;
            let Some(kind) = lit(&props, igo::KIND).and_then(|k| k.parse::<FactKind>().ok()) else { continue };
            let date = |p| lit(&props, p).and_then(|v| v.parse::<PartialDate>().ok());
            let mut stated = None;
            for q in store.inner().quads_for_pattern(
                Some(g.as_ref().into()),
                Some(schema::DATE_PUBLISHED),
                None,
                Some(GraphNameRef::DefaultGraph),
            ) {
                if let Term::Literal(l) = q?.object {
                    stated = l.value().parse::<PartialDate>().ok();
                }
            }
            let span = |code: String| Span {
                code,
                start: date(igo::START),
                end: date(igo::END),
                start_latest: lit(&props, igo::START_LATEST),
                end_earliest: lit(&props, igo::END_EARLIEST),
                source: g.as_str().to_owned(),
                stated,
            };
            match kind {
                FactKind::Membership => {
                    let Some(m) = iri(&props, org::MEMBER) else { continue };
                    let sp = span(code_of(iri(&props, org::ROLE)).unwrap_or_else(|| "full".into()));
                    let mm = entry(&mut members, store, m, lang)?;
                    if !mm.memberships.iter().any(|x| x.code == sp.code && x.start == sp.start && x.end == sp.end) {
                        mm.memberships.push(sp);
                    }
                }
                FactKind::MembershipStatus => {
                    let Some(m) = iri(&props, org::MEMBER) else { continue };
                    let sp = span(code_of(iri(&props, igo::PARTICIPATION_STATUS)).unwrap_or_else(|| "active".into()));
                    let mm = entry(&mut members, store, m, lang)?;
                    if !mm.statuses.iter().any(|x| x.code == sp.code && x.start == sp.start && x.end == sp.end) {
                        mm.statuses.push(sp);
                    }
                }
                FactKind::Chairmanship => {
                    let Some(c) = iri(&props, igo::CHAIR) else { continue };
                    let from = lit(&props, igo::YEAR)
                        .and_then(|y| y.parse::<i32>().ok())
                        .or_else(|| date(igo::START).map(PartialDate::year_value));
                    let to = date(igo::END).map(PartialDate::year_value).or(from);
                    if let (Some(a), Some(b)) = (from, to) {
                        let mm = entry(&mut members, store, c, lang)?;
                        for y in a..=b.max(a) {
                            if !mm.chair_years.contains(&y) {
                                mm.chair_years.push(y);
                            }
                        }
                    }
                }
                FactKind::Summit => {
                    let Some(d) = date(schema::START_DATE) else { continue };
                    let place = match iri(&props, schema::LOCATION) {
                        Some(p) => Some(label(store, &p, lang)?),
                        None => None,
                    };
                    let s = Summit { date: d, place, label: lit(&props, schema::NAME) };
                    if !summits.iter().any(|x: &Summit| x.date == s.date && x.place == s.place) {
                        summits.push(s);
                    }
                }
                _ => {}
            }
        }
        let mut members: Vec<Member> = members.into_values().collect();
        for m in &mut members {
            m.memberships.sort_by_key(|s| s.start.map(PartialDate::earliest_iso));
            m.statuses.sort_by_key(|s| s.start.map(PartialDate::earliest_iso));
            m.chair_years.sort_unstable();
        }
        members.sort_by(|a, b| first_start(a).total_cmp(&first_start(b)).then_with(|| a.label.cmp(&b.label)));
        summits.sort_by_key(|s| s.date.earliest_iso());
        Ok(Self { iri: organization.as_str().to_owned(), label: label(store, organization.as_str(), lang)?, members, summits })
    }
}

fn entry<'a>(members: &'a mut BTreeMap<String, Member>, store: &Store, m: String, lang: &str) -> Result<&'a mut Member, StoreError> {
    if !members.contains_key(&m) {
        let l = label(store, &m, lang)?;
        members.insert(m.clone(), Member { iri: m.clone(), label: l, memberships: vec![], statuses: vec![], chair_years: vec![] });
    }
    Ok(members.get_mut(&m).expect("inserted above"))
}

/// A short name for the centre of the radial picture: the initials of a long name ("CSTO").
fn initials(label: &str) -> String {
    let words: Vec<&str> = label.split_whitespace().collect();
    if label.chars().count() <= 7 {
        return label.to_owned();
    }
    let caps: String = words.iter().filter_map(|w| w.chars().next()).filter(|c| c.is_uppercase()).collect();
    if (2..=6).contains(&caps.chars().count()) {
        caps
    } else {
        label.chars().take(6).collect()
    }
}

fn first_start(m: &Member) -> f64 {
    m.memberships.iter().chain(&m.statuses).filter_map(|s| s.start).map(frac).fold(f64::INFINITY, f64::min)
}

/// A partial date as a fractional year at its earliest day (2024-02 → 2024.08).
pub fn frac(d: PartialDate) -> f64 {
    let (y, m, day) = d.earliest();
    f64::from(y) + (f64::from(m) - 1.0) / 12.0 + (f64::from(day) - 1.0) / 365.0
}

/// A partial date as a fractional year at the end of its period (2012 → 2013.0, 2024-02 →
/// 2024.17): where a bar that ends at that date stops, since the fact held during part of it.
pub fn frac_end(d: PartialDate) -> f64 {
    frac(d)
        + match d {
            PartialDate::Year(_) => 1.0,
            PartialDate::YearMonth(..) => 1.0 / 12.0,
            PartialDate::Date(..) => 1.0 / 365.0,
        }
}

/// Escapes text for XML content and attribute values; drops characters XML cannot hold.
pub fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&apos;"),
            '\t' | '\n' | '\r' => o.push(' '),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => o.push(c),
        }
    }
    o
}

/// The colour of a role.
pub fn role_colour(role: &str) -> &'static str {
    match role {
        "full" => "#2b6cb0",
        "associate" => "#2f855a",
        "observer" => "#d69e2e",
        "partner" => "#805ad5",
        "dialogue_partner" => "#b794f4",
        _ => "#718096",
    }
}

/// The colour of a participation status (`None`: not drawn over the bar).
pub fn status_colour(status: &str) -> Option<&'static str> {
    match status {
        "frozen" => Some("#63b3ed"),
        "suspended" => Some("#e53e3e"),
        "withdrawn" => Some("#4a5568"),
        _ => None,
    }
}

const ROLES: [&str; 5] = ["full", "associate", "observer", "partner", "dialogue_partner"];
const STATUSES: [&str; 3] = ["frozen", "suspended", "withdrawn"];
const FONT: &str = "font-family=\"DejaVu Sans, Noto Sans, Arial, sans-serif\"";

fn header(out: &mut String, w: f64, h: f64, title: &str) {
    let _ = write!(
        out,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"{w:.0}\" height=\"{h:.0}\" viewBox=\"0 0 {w:.0} {h:.0}\" {FONT} font-size=\"12\">\n<title>{}</title>\n<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n",
        esc(title)
    );
}

fn tick_step(span: f64) -> i32 {
    [1, 2, 5, 10, 20, 25, 50].into_iter().find(|s| span / f64::from(*s) <= 16.0).unwrap_or(100)
}

/// Writes the membership timeline. `until` is the right edge for memberships still open
/// (usually the current year + 1).
pub fn write_timeline(f: &OrgFacts, until: i32, out: &mut dyn Write) -> std::io::Result<()> {
    let dates = f
        .members
        .iter()
        .flat_map(|m| m.memberships.iter().chain(&m.statuses))
        .flat_map(|s| [s.start, s.end])
        .flatten()
        .map(frac)
        .chain(f.summits.iter().map(|s| frac(s.date)))
        .chain(f.members.iter().flat_map(|m| m.chair_years.iter().map(|y| f64::from(*y))));
    let (mut lo, mut hi) = dates.fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), x| (a.min(x), b.max(x)));
    if !lo.is_finite() {
        lo = f64::from(until - 10);
        hi = f64::from(until);
    }
    let open = f.members.iter().flat_map(|m| &m.memberships).any(|s| s.end.is_none());
    if open {
        hi = hi.max(f64::from(until));
    }
    let lo = lo.floor();
    let hi = (hi + 1.0).floor().max(lo + 1.0);
    let label_w = 20.0 + 7.0 * f.members.iter().map(|m| m.label.chars().count()).max().unwrap_or(10).min(40) as f64;
    let (left, right, top, row_h) = (label_w, 30.0, 90.0, 22.0);
    let plot_w = 900.0_f64.max((hi - lo) * 6.0);
    let width = left + plot_w + right;
    let rows_h = row_h * f.members.len().max(1) as f64;
    let legend_y = top + rows_h + 50.0;
    let height = legend_y + 100.0;
    let x = |t: f64| left + (t - lo) / (hi - lo) * plot_w;
    let mut s = String::new();
    header(&mut s, width, height, &format!("{}: membership timeline", f.label));
    s.push_str("<defs><pattern id=\"hatch\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"none\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#ffffff\" stroke-width=\"2\"/></pattern></defs>\n");
    let _ = writeln!(
        s,
        "<text x=\"{left:.1}\" y=\"24\" font-size=\"18\" font-weight=\"bold\">{}</text>",
        esc(&format!("{} — members {}–{}", f.label, lo, if open { f64::from(until - 1) } else { hi - 1.0 }))
    );
    // Year axis (top summit axis and bottom ticks), with grid lines.
    let step = tick_step(hi - lo);
    let axis_top = top - 20.0;
    let bottom = top + rows_h;
    s.push_str("<g class=\"axis\">\n");
    let first = ((lo as i32) + step - 1).div_euclid(step) * step;
    let mut y = first;
    while f64::from(y) <= hi {
        let xx = x(f64::from(y));
        let _ = writeln!(
            s,
            "<line x1=\"{xx:.1}\" y1=\"{axis_top:.1}\" x2=\"{xx:.1}\" y2=\"{bottom:.1}\" stroke=\"#e2e8f0\"/><text x=\"{xx:.1}\" y=\"{:.1}\" text-anchor=\"middle\" fill=\"#4a5568\">{y}</text>",
            bottom + 16.0
        );
        y += step;
    }
    let _ = writeln!(
        s,
        "<line x1=\"{:.1}\" y1=\"{bottom:.1}\" x2=\"{:.1}\" y2=\"{bottom:.1}\" stroke=\"#4a5568\"/><line x1=\"{:.1}\" y1=\"{axis_top:.1}\" x2=\"{:.1}\" y2=\"{axis_top:.1}\" stroke=\"#4a5568\"/>",
        x(lo),
        x(hi),
        x(lo),
        x(hi)
    );
    let _ = writeln!(s, "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\" fill=\"#4a5568\">summits</text>", left - 8.0, axis_top + 4.0);
    s.push_str("</g>\n<g class=\"summits\">\n");
    for (i, sm) in f.summits.iter().enumerate() {
        let xx = x(frac(sm.date));
        let what = match (&sm.place, &sm.label) {
            (_, Some(l)) => format!("{l} ({})", sm.date),
            (Some(p), None) => format!("{p}, {}", sm.date),
            (None, None) => format!("summit, {}", sm.date),
        };
        let _ = writeln!(
            s,
            "<circle class=\"summit\" data-date=\"{}\" cx=\"{xx:.1}\" cy=\"{axis_top:.1}\" r=\"5\" fill=\"#c53030\" stroke=\"#ffffff\"><title>{}</title></circle>",
            sm.date,
            esc(&what)
        );
        if f.summits.len() <= 30 {
            let ty = axis_top - 10.0 - 12.0 * (i % 2) as f64;
            let short = sm.place.clone().unwrap_or_else(|| sm.date.year_value().to_string());
            let _ = writeln!(
                s,
                "<text x=\"{xx:.1}\" y=\"{ty:.1}\" text-anchor=\"middle\" font-size=\"10\" fill=\"#742a2a\">{}</text>",
                esc(&short)
            );
        }
    }
    s.push_str("</g>\n");
    // One row per member.
    for (i, m) in f.members.iter().enumerate() {
        let ry = top + row_h * i as f64;
        let (by, bh) = (ry + 4.0, row_h - 8.0);
        let _ = writeln!(s, "<g class=\"member\" data-member=\"{}\" data-label=\"{}\">", esc(&m.iri), esc(&m.label));
        if i % 2 == 1 {
            let _ = writeln!(s, "<rect x=\"0\" y=\"{ry:.1}\" width=\"{width:.1}\" height=\"{row_h:.1}\" fill=\"#f7fafc\"/>");
        }
        let _ =
            writeln!(s, "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{}</text>", left - 8.0, ry + row_h / 2.0 + 4.0, esc(&m.label));
        let dated = |v: &[Span], code: &str| v.iter().any(|x| x.code == code && x.start.is_some());
        for b in m.memberships.iter().chain(&m.statuses).filter(|b| b.start.is_none()) {
            // An undated fact is known to hold when its source was published: a mark there,
            // unless a dated fact of the same kind already draws it.
            let is_status = m.statuses.contains(b);
            if dated(if is_status { &m.statuses } else { &m.memberships }, &b.code) {
                continue;
            }
            let Some(p) = b.stated else { continue };
            let c = if is_status { status_colour(&b.code).unwrap_or("#a0aec0") } else { role_colour(&b.code) };
            let _ = writeln!(
                s,
                "<circle class=\"stated\" data-code=\"{}\" data-date=\"{p}\" cx=\"{:.1}\" cy=\"{:.1}\" r=\"5\" fill=\"{c}\" stroke=\"#1a202c\"><title>{}</title></circle>",
                esc(&b.code),
                x(frac(p)),
                ry + row_h / 2.0,
                esc(&format!("{}: {} (stated, source published {p})", m.label, b.code.replace('_', " ")))
            );
        }
        for b in m.memberships.iter().filter(|b| b.start.is_some()) {
            let x0 = x(b.start.map_or(lo, frac));
            let x1 = x(b.end.map_or(f64::from(until).min(hi), frac_end).min(hi)).max(x0 + 2.0);
            let _ = writeln!(
                s,
                "<rect class=\"bar role-{r}\" data-role=\"{r}\" data-start=\"{st}\" data-end=\"{en}\" x=\"{x0:.1}\" y=\"{by:.1}\" width=\"{:.1}\" height=\"{bh:.1}\" rx=\"2\" fill=\"{c}\" fill-opacity=\"0.85\"><title>{t}</title></rect>",
                x1 - x0,
                r = esc(&b.code),
                st = b.start.map(|d| d.to_string()).unwrap_or_default(),
                en = b.end.map(|d| d.to_string()).unwrap_or_default(),
                c = role_colour(&b.code),
                t = esc(&format!(
                    "{}: {} member {}–{}",
                    m.label,
                    b.code.replace('_', " "),
                    b.start.map(|d| d.to_string()).unwrap_or_else(|| "?".into()),
                    b.end.map(|d| d.to_string()).unwrap_or_default()
                )),
            );
        }
        for st in m.statuses.iter().filter(|b| b.start.is_some()) {
            let Some(c) = status_colour(&st.code) else { continue };
            let x0 = x(st.start.map_or(lo, frac));
            // A status lasts at most as long as the membership it qualifies: it ends with it.
            let end = st.end.map_or(f64::from(until).min(hi), frac_end).min(membership_end(m, st).unwrap_or(f64::INFINITY)).min(hi);
            let x1 = x(end).max(x0 + 2.0);
            let _ = writeln!(
                s,
                "<rect class=\"status status-{code}\" data-status=\"{code}\" data-start=\"{a}\" data-end=\"{e}\" x=\"{x0:.1}\" y=\"{by:.1}\" width=\"{:.1}\" height=\"{bh:.1}\" fill=\"{c}\"><title>{t}</title></rect><rect x=\"{x0:.1}\" y=\"{by:.1}\" width=\"{:.1}\" height=\"{bh:.1}\" fill=\"url(#hatch)\" pointer-events=\"none\"/>",
                x1 - x0,
                x1 - x0,
                code = esc(&st.code),
                a = st.start.map(|d| d.to_string()).unwrap_or_default(),
                e = st.end.map(|d| d.to_string()).unwrap_or_default(),
                t = esc(&format!(
                    "{}: {} {}–{}",
                    m.label,
                    st.code,
                    st.start.map(|d| d.to_string()).unwrap_or_else(|| "?".into()),
                    st.end.map(|d| d.to_string()).unwrap_or_default()
                )),
            );
        }
        for y in &m.chair_years {
            let cx = x(f64::from(*y) + 0.5);
            let cy = ry + row_h / 2.0;
            let _ = writeln!(
                s,
                "<path class=\"chair\" data-year=\"{y}\" d=\"M{cx:.1},{:.1} L{:.1},{cy:.1} L{cx:.1},{:.1} L{:.1},{cy:.1} Z\" fill=\"#ecc94b\" stroke=\"#744210\"><title>{}</title></path>",
                cy - 7.0,
                cx + 5.0,
                cy + 7.0,
                cx - 5.0,
                esc(&format!("{}: chair in {y}", m.label))
            );
        }
        s.push_str("</g>\n");
    }
    // Legend.
    s.push_str("<g class=\"legend\">\n");
    let mut lx = left;
    let mut legend_y = legend_y;
    let mut item = |s: &mut String, fill: &str, hatch: bool, text: &str| {
        let need = 40.0 + 7.0 * text.chars().count() as f64;
        if lx + need > width - 10.0 {
            lx = left;
            legend_y += 20.0;
        }
        let _ = write!(s, "<rect x=\"{lx:.1}\" y=\"{legend_y:.1}\" width=\"22\" height=\"12\" fill=\"{fill}\"/>");
        if hatch {
            let _ = write!(s, "<rect x=\"{lx:.1}\" y=\"{legend_y:.1}\" width=\"22\" height=\"12\" fill=\"url(#hatch)\"/>");
        }
        let _ = writeln!(s, "<text x=\"{:.1}\" y=\"{:.1}\">{}</text>", lx + 28.0, legend_y + 10.0, esc(text));
        lx += need;
    };
    for r in ROLES {
        item(&mut s, role_colour(r), false, &format!("{} member", r.replace('_', " ")));
    }
    for st in STATUSES {
        item(&mut s, status_colour(st).unwrap_or("#000"), true, st);
    }
    let ly = legend_y + 34.0;
    let _ = writeln!(
        s,
        "<path d=\"M{a:.1},{:.1} L{:.1},{ly:.1} L{a:.1},{:.1} L{:.1},{ly:.1} Z\" fill=\"#ecc94b\" stroke=\"#744210\"/><text x=\"{:.1}\" y=\"{:.1}\">chair that year</text><circle cx=\"{:.1}\" cy=\"{ly:.1}\" r=\"5\" fill=\"#c53030\"/><text x=\"{:.1}\" y=\"{:.1}\">summit (top axis)</text>",
        ly - 7.0,
        left + 16.0,
        ly + 7.0,
        left + 6.0,
        left + 28.0,
        ly + 4.0,
        left + 160.0,
        left + 172.0,
        ly + 4.0,
        a = left + 11.0
    );
    s.push_str("</g>\n</svg>\n");
    out.write_all(s.as_bytes())
}

/// The end (as a fractional year) of the membership during which a status starts, when that
/// membership has ended; None when it is open or none is known.
fn membership_end(m: &Member, status: &Span) -> Option<f64> {
    let start = frac(status.start?);
    let covering: Vec<&Span> = m
        .memberships
        .iter()
        .filter(|ms| ms.start.is_none_or(|s| frac(s) <= start + 1e-9) && ms.end.is_none_or(|e| frac_end(e) >= start))
        .collect();
    if covering.iter().any(|ms| ms.end.is_none()) {
        return None;
    }
    covering.iter().filter_map(|ms| ms.end).map(frac_end).reduce(f64::max)
}

/// What a picture shows: the members and summits it draws.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Drawn {
    pub members: usize,
    pub summits: usize,
}

/// Writes the radial picture at `at`: the organisation in the centre, its members around it
/// (colour: role; ring: participation status; gold: chair that year), the summits of that
/// year on an inner ring.
pub fn write_graph(f: &OrgFacts, at: PartialDate, out: &mut dyn Write) -> std::io::Result<Drawn> {
    struct Node<'a> {
        m: &'a Member,
        role: String,
        status: Option<String>,
        chair: bool,
    }
    let nodes: Vec<Node<'_>> = f
        .members
        .iter()
        .filter_map(|m| {
            let ms = m.memberships.iter().find(|s| s.holds_at(at))?;
            let status = m.statuses.iter().rev().find(|s| s.holds_at(at)).map(|s| s.code.clone());
            Some(Node { m, role: ms.code.clone(), status, chair: m.chair_years.contains(&at.year_value()) })
        })
        .collect();
    let summits: Vec<&Summit> = f.summits.iter().filter(|s| s.date.year_value() == at.year_value()).collect();
    let n = nodes.len().max(1) as f64;
    let radius = 90.0_f64.max(n * 16.0).min(420.0);
    let (w, h) = ((2.0 * radius + 420.0).max(760.0), 2.0 * radius + 280.0);
    let (cx, cy) = (w / 2.0, radius + 110.0);
    let mut s = String::new();
    header(&mut s, w, h, &format!("{} at {at}", f.label));
    let _ = writeln!(
        s,
        "<text x=\"{:.1}\" y=\"28\" text-anchor=\"middle\" font-size=\"18\" font-weight=\"bold\">{}</text>",
        w / 2.0,
        esc(&format!("{} — members at {at}", f.label))
    );
    s.push_str("<g class=\"edges\">\n");
    let pos = |i: usize| {
        let a = std::f64::consts::TAU * i as f64 / n - std::f64::consts::FRAC_PI_2;
        (cx + radius * a.cos(), cy + radius * a.sin(), a)
    };
    for (i, nd) in nodes.iter().enumerate() {
        let (x, y, _) = pos(i);
        let dash = if nd.role == "full" { "" } else { " stroke-dasharray=\"5 3\"" };
        let _ = writeln!(
            s,
            "<line x1=\"{cx:.1}\" y1=\"{cy:.1}\" x2=\"{x:.1}\" y2=\"{y:.1}\" stroke=\"{}\" stroke-width=\"1.5\"{dash}/>",
            role_colour(&nd.role)
        );
    }
    s.push_str("</g>\n<g class=\"summits\">\n");
    for (i, sm) in summits.iter().enumerate() {
        let a = std::f64::consts::TAU * (i as f64 + 0.5) / summits.len() as f64 - std::f64::consts::FRAC_PI_2;
        let r = radius * 0.45;
        let (x, y) = (cx + r * a.cos(), cy + r * a.sin());
        let text = format!("{} {}", sm.place.clone().unwrap_or_else(|| "summit".into()), sm.date);
        let _ = writeln!(
            s,
            "<line x1=\"{cx:.1}\" y1=\"{cy:.1}\" x2=\"{x:.1}\" y2=\"{y:.1}\" stroke=\"#c53030\" stroke-dasharray=\"2 2\"/><path class=\"summit\" data-date=\"{}\" d=\"M{x:.1},{:.1} L{:.1},{y:.1} L{x:.1},{:.1} L{:.1},{y:.1} Z\" fill=\"#c53030\"><title>{}</title></path><text x=\"{x:.1}\" y=\"{:.1}\" text-anchor=\"middle\" font-size=\"10\" fill=\"#742a2a\">{}</text>",
            sm.date,
            y - 8.0,
            x + 8.0,
            y + 8.0,
            x - 8.0,
            esc(&text),
            y + 20.0,
            esc(&text)
        );
    }
    s.push_str("</g>\n<g class=\"members\">\n");
    for (i, nd) in nodes.iter().enumerate() {
        let (x, y, a) = pos(i);
        let ring = match nd.status.as_deref().and_then(status_colour) {
            Some(c) => format!(" stroke=\"{c}\" stroke-width=\"4\""),
            None => " stroke=\"#ffffff\" stroke-width=\"1.5\"".to_owned(),
        };
        let st = nd.status.clone().unwrap_or_default();
        let _ = write!(
            s,
            "<g class=\"member\" data-member=\"{}\" data-label=\"{}\" data-role=\"{}\" data-status=\"{}\" data-chair=\"{}\">",
            esc(&nd.m.iri),
            esc(&nd.m.label),
            esc(&nd.role),
            esc(&st),
            nd.chair
        );
        if nd.chair {
            let _ = write!(s, "<circle class=\"chair\" cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"15\" fill=\"#ecc94b\"/>");
        }
        let (tx, anchor) = if a.cos() >= -0.01 { (x + 16.0, "start") } else { (x - 16.0, "end") };
        let mut text = nd.m.label.clone();
        if nd.role != "full" {
            text.push_str(&format!(" ({})", nd.role.replace('_', " ")));
        }
        if !st.is_empty() && status_colour(&st).is_some() {
            text.push_str(&format!(" [{st}]"));
        }
        if nd.chair {
            text.push_str(" ★ chair");
        }
        let _ = writeln!(
            s,
            "<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"9\" fill=\"{}\"{ring}/><text x=\"{tx:.1}\" y=\"{:.1}\" text-anchor=\"{anchor}\">{}</text></g>",
            role_colour(&nd.role),
            y + 4.0,
            esc(&text)
        );
    }
    let _ = writeln!(
        s,
        "</g>\n<g class=\"organisation\"><circle cx=\"{cx:.1}\" cy=\"{cy:.1}\" r=\"30\" fill=\"#1a202c\"/><text x=\"{cx:.1}\" y=\"{:.1}\" text-anchor=\"middle\" fill=\"#ffffff\" font-size=\"12\" font-weight=\"bold\"><title>{}</title>{}</text></g>",
        cy + 4.0,
        esc(&f.label),
        esc(&initials(&f.label))
    );
    // Legend.
    let mut ly = h - 80.0;
    s.push_str("<g class=\"legend\">\n");
    let mut lx = 20.0;
    for r in ROLES {
        let t = format!("{} member", r.replace('_', " "));
        if lx + 30.0 + 7.0 * t.chars().count() as f64 > w - 10.0 {
            lx = 20.0;
            ly += 22.0;
        }
        let _ = writeln!(
            s,
            "<circle cx=\"{:.1}\" cy=\"{ly:.1}\" r=\"7\" fill=\"{}\"/><text x=\"{:.1}\" y=\"{:.1}\">{}</text>",
            lx + 7.0,
            role_colour(r),
            lx + 18.0,
            ly + 4.0,
            esc(&t)
        );
        lx += 30.0 + 7.0 * t.chars().count() as f64;
    }
    let ly2 = ly + 24.0;
    let mut lx = 20.0;
    for st in STATUSES {
        let _ = writeln!(
            s,
            "<circle cx=\"{:.1}\" cy=\"{ly2:.1}\" r=\"7\" fill=\"#a0aec0\" stroke=\"{}\" stroke-width=\"4\"/><text x=\"{:.1}\" y=\"{:.1}\">{st}</text>",
            lx + 7.0,
            status_colour(st).unwrap_or("#000"),
            lx + 22.0,
            ly2 + 4.0
        );
        lx += 44.0 + 7.0 * st.len() as f64;
    }
    let _ = writeln!(
        s,
        "<circle cx=\"{:.1}\" cy=\"{ly2:.1}\" r=\"9\" fill=\"#ecc94b\"/><text x=\"{:.1}\" y=\"{:.1}\">chair in {}</text><path d=\"M{:.1},{:.1} l7,7 l-7,7 l-7,-7 Z\" fill=\"#c53030\"/><text x=\"{:.1}\" y=\"{:.1}\">summit that year</text>",
        lx + 7.0,
        lx + 20.0,
        ly2 + 4.0,
        at.year_value(),
        lx + 127.0,
        ly2 - 7.0,
        lx + 140.0,
        ly2 + 4.0
    );
    s.push_str("</g>\n</svg>\n");
    out.write_all(s.as_bytes())?;
    Ok(Drawn { members: nodes.len(), summits: summits.len() })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_for_xml() {
        assert_eq!(esc("a<b>&\"c'\u{1}"), "a&lt;b&gt;&amp;&quot;c&apos;");
    }

    #[test]
    fn spans_hold_by_the_as_of_rule() {
        let s = Span {
            code: "full".into(),
            start: Some(PartialDate::Year(2006)),
            end: Some(PartialDate::Year(2012)),
            start_latest: Some("2006-12-31".into()),
            end_earliest: Some("2012-01-01".into()),
            source: String::new(),
            stated: None,
        };
        assert!(s.holds_at(PartialDate::Year(2010)));
        assert!(s.holds_at(PartialDate::Year(2006)));
        assert!(!s.holds_at(PartialDate::Year(2012)));
        assert!(!s.holds_at(PartialDate::Date(2006, 1, 1)));
    }
}
