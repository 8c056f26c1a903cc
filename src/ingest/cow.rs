//! The Correlates of War IGO data, version 3.0 (Pevehouse, Nordstrom, McManus & Jamison 2020),
//! in either of its two layouts, told apart by the header:
//!
//! - **IGO-year** (`ioname, orgname, year, afghanistan … zimbabwe, sdate, deaddate, …`): one row
//!   per organisation and year, one column per state;
//! - **state-year** (`ccode, year, state, aaaid … wassen`): one row per state and year, one
//!   column per organisation.
//!
//! Cells: 1 full member, 2 associate, 3 observer, 0 not a member (ends a membership), -9
//! unknown (neither a gap nor a membership), -1 or empty: the state or the organisation does not
//! exist then. Yearly cells become membership intervals: leaving and rejoining gives two
//! memberships, a change of role ends one membership and starts another.
//!
//! Uncertainty is kept, not invented away. COW's sources before 1965 were often quinquennial;
//! for an organisation whose `accuracyofpre1965membershipdates` is "Within 5 years" a start or
//! end first shown in a year `Y ≤ 1965` may lie up to four years earlier (a membership first
//! seen in 1960 started after 1955), so the fact gets `start_earliest` / `end_earliest` bounds.
//! Years coded -9 widen the bounds the same way (a membership first seen after unknown years may
//! have started during them; one followed by unknown years may have ended during them).
//! The state-year layout has no accuracy column, so its facts carry only the -9 bounds.
//!
//! The file is read as a stream, line by line; the first bad cell stops the import with its
//! file, line and column, before anything is written. Six long names carry Mac Roman bytes read
//! as Latin-1 (`Comit\u{8e}` for "Comité"): they are decoded back.
//!
//! State columns map to the reference states through `ontology/data/cow-states.tsv` (COW column
//! name, COW code, COW name, ISO alpha-2, note); states without a reference row (Baden,
//! Austria-Hungary, the two Yemens before 1990, …) become historical states of their own.

use crate::gazetteer::{entity_iri, Gazetteer};
use crate::model::{Code, Entity, EntityRef, EntityType, Fact, FactKind, Method, Name, PartialDate, Provenance, Role, Value};
use std::collections::{BTreeMap, HashMap};
use std::io::BufRead;

/// How to cite the data (written as `dcterms:bibliographicCitation` of the source graph).
pub const CITATION: &str = "Pevehouse, Jon C.W., Timothy Nordstrom, Roseanne W. McManus & Anne Spencer Jamison (2020). \
Tracking organizations in the world: The Correlates of War IGO Version 3.0 datasets. Journal of Peace Research 57(3): 492–503. \
doi:10.1177/0022343319881175. Data: Correlates of War Project, Intergovernmental Organizations v3.0.";

/// The release, as the first part of the source name.
pub const RELEASE: &str = "Correlates of War IGO v3.0";

const STATES_TSV: &str = include_str!("../../ontology/data/cow-states.tsv");

/// COW `ioname` → `short_en` of the reference organisations (`ontology/data/organisations.tsv`)
/// that are the same organisation. Not linked: EEC (≠ EU), OAU (≠ AU), EAEC (Eurasian Economic
/// Community, the predecessor of the EAEU); BRICS, G20 and the Union State are not in COW.
pub const REFERENCE_ORGS: &[(&str, &str)] = &[
    ("ASEAN", "ASEAN"),
    ("AU", "AU"),
    ("CIS", "CIS"),
    ("CSTO", "CSTO"),
    ("EU", "EU"),
    ("GCC", "GCC"),
    ("LOAS", "Arab League"),
    ("NATO", "NATO"),
    ("OIC", "OIC"),
    ("OPEC", "OPEC"),
    ("OSCE", "OSCE"),
    ("SCO", "SCO"),
    ("UN", "UN"),
];

/// The organisation columns at the end of the IGO-year layout.
const IGO_META: [&str; 15] = [
    "sdate",
    "deaddate",
    "dead",
    "integrated",
    "replaced",
    "longorgname",
    "ionum",
    "igocode",
    "version",
    "accuracyofpre1965membershipdates",
    "sourcesandnotes",
    "imputed",
    "political",
    "social",
    "economic",
];

/// The two layouts of the release.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    IgoYear,
    StateYear,
}

impl Layout {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::IgoYear => "igo-year",
            Self::StateYear => "state-year",
        }
    }
}

/// Why a COW file cannot be imported.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CowError {
    /// A place in the file: line and column are 1-based (the column counts tab-separated fields).
    #[error("{file}:{line}:{column}: {message}")]
    At { file: String, line: u64, column: usize, message: String },
    #[error("{file}: {message}")]
    File { file: String, message: String },
}

/// A state of the COW state system and the column that names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CowState {
    /// The column name in the IGO-year layout (`yugoslaviaserb`), also the `state` cell of the
    /// state-year layout.
    pub column: String,
    pub ccode: u16,
    pub name: String,
    /// ISO alpha-2 of the reference state, or `None` for a historical state.
    pub iso2: Option<String>,
    pub note: String,
}

/// The 217 COW states of `ontology/data/cow-states.tsv`.
pub fn states() -> Vec<CowState> {
    STATES_TSV
        .lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let c: Vec<&str> = l.split('\t').collect();
            let get = |i: usize| c.get(i).map_or("", |s| s.trim());
            CowState {
                column: get(0).to_owned(),
                // The bundled table is checked by the tests.
                ccode: get(1).parse().unwrap_or(0),
                name: get(2).to_owned(),
                iso2: Some(get(3).to_owned()).filter(|s| !s.is_empty()),
                note: get(4).to_owned(),
            }
        })
        .collect()
}

/// The IRI of the entity of a historical COW state.
pub fn historical_state_iri(column: &str) -> String {
    entity_iri(EntityType::State, None, &format!("cow-{column}"))
}

/// The IRI of an organisation COW knows and the reference table does not.
pub fn organisation_iri(ioname: &str) -> String {
    entity_iri(EntityType::Organization, None, &format!("cow-{}", ioname.to_ascii_lowercase()))
}

/// Every COW state mapped to an entity: a reference state, or a historical state of its own.
#[derive(Debug, Clone)]
pub struct StateMap {
    pub by_column: HashMap<String, (CowState, EntityRef)>,
    /// The historical states, to be described in the entities graph.
    pub historical: Vec<Entity>,
}

/// Maps the COW states with the gazetteer; a reference state the gazetteer lacks is an error.
pub fn state_map(gaz: &Gazetteer) -> Result<StateMap, String> {
    let mut by_column = HashMap::new();
    let mut historical = Vec::new();
    for s in states() {
        let r = match &s.iso2 {
            Some(iso2) => gaz.resolve(iso2, &[EntityType::State]).map_err(|e| format!("cow-states.tsv: {}: {e}", s.column))?.to_ref(),
            None => {
                let iri = historical_state_iri(&s.column);
                // A name the reference states already use ("Korea") gets the COW code to tell them apart.
                let taken = gaz.resolve(&s.name, &[EntityType::State]).is_ok_and(|e| e.iri != iri);
                let label = if taken { format!("{} (COW {})", s.name, s.ccode) } else { s.name.clone() };
                let e = Entity {
                    iri,
                    kind: EntityType::State,
                    wikidata: None,
                    labels: vec![Name { lang: "en".into(), text: label }],
                    aliases: vec![],
                    notations: vec![],
                    country: None,
                    capital: false,
                    historical: true,
                    minted_by: None,
                    romanised: false,
                };
                let r = e.to_ref();
                historical.push(e);
                r
            }
        };
        by_column.insert(s.column.clone(), (s, r));
    }
    Ok(StateMap { by_column, historical })
}

/// What the IGO-year layout says of an organisation (from its first row).
#[derive(Debug, Clone, PartialEq)]
pub struct IgoInfo {
    pub ioname: String,
    pub ionum: Option<u32>,
    pub name: String,
    pub long_name: String,
    pub sdate: Option<i32>,
    pub deaddate: Option<i32>,
    pub dead: bool,
    pub integrated: bool,
    pub replaced: bool,
    pub accuracy: String,
    pub political: bool,
    pub social: bool,
    pub economic: bool,
    /// The organisation as facts name it.
    pub entity: EntityRef,
    /// True when it is one of the reference organisations.
    pub reference: bool,
}

impl IgoInfo {
    /// Its pre-1965 membership years are only good to within 5 years.
    pub fn within_five_years(&self) -> bool {
        self.accuracy.to_ascii_lowercase().starts_with("within 5")
    }
}

/// A membership interval as read, before it becomes a fact.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Interval {
    pub organization: String,
    pub member: String,
    pub role: &'static str,
    pub start: i32,
    pub start_earliest: Option<i32>,
    pub end: Option<i32>,
    pub end_earliest: Option<i32>,
    pub end_cause: Option<String>,
}

/// The result of reading one COW file.
#[derive(Debug, Clone)]
pub struct CowImport {
    pub layout: Layout,
    pub source: String,
    /// Data rows read.
    pub rows: u64,
    /// Membership facts, then founding facts.
    pub facts: Vec<Fact>,
    /// Entities to describe in the entities graph: historical states and COW-only organisations.
    pub entities: Vec<Entity>,
    pub organisations: Vec<IgoInfo>,
    /// The intervals behind the membership facts (organisation and member by IRI).
    pub intervals: Vec<Interval>,
    /// The last year of the data (2014 in v3.0): the end of its coverage. A membership still
    /// open then holds until that year and is unknown after it.
    pub last_year: i32,
}

/// The Mac Roman characters of bytes 0x80–0xFF.
const MAC_ROMAN: &str = "ÄÅÇÉÑÖÜáàâäãåçéèêëíìîïñóòôöõúùûü†°¢£§•¶ß®©™´¨≠ÆØ∞±≤≥¥µ∂∑∏π∫ªºΩæø¿¡¬√ƒ≈∆«»…\u{a0}ÀÃÕŒœ–—“”‘’÷◊ÿŸ⁄€‹›ﬁﬂ‡·‚„‰ÂÊÁËÈÍÎÏÌÓÔ\u{f8ff}ÒÚÛÙıˆ˜¯˘˙˚¸˝˛ˇ";

fn mac_roman(b: u8) -> char {
    MAC_ROMAN.chars().nth(usize::from(b - 0x80)).unwrap_or('\u{fffd}')
}

/// Decodes a text cell: UTF-8, except Mac Roman bytes that were once read as Latin-1 (a C1
/// control such as U+008E, or a lone final `Ê` = Mac Roman no-break space) or raw Mac Roman
/// bytes that are not UTF-8 at all. Surrounding white space is trimmed.
pub fn decode_text(bytes: &[u8]) -> String {
    let text = match std::str::from_utf8(bytes) {
        Ok(s) => {
            let c1 = s.chars().any(|c| ('\u{80}'..='\u{9f}').contains(&c));
            let final_nbsp = s.ends_with('Ê') && s.chars().filter(|c| !c.is_ascii()).count() == 1;
            if c1 || final_nbsp {
                s.chars().map(|c| if ('\u{80}'..='\u{ff}').contains(&c) { mac_roman(c as u32 as u8) } else { c }).collect()
            } else {
                s.to_owned()
            }
        }
        Err(_) => bytes.iter().map(|&b| if b < 0x80 { char::from(b) } else { mac_roman(b) }).collect(),
    };
    text.trim().to_owned()
}

/// A cell of membership.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cell {
    Member(Role),
    NotMember,
    Unknown,
    Absent,
}

fn parse_cell(b: &[u8]) -> Option<Cell> {
    Some(match trim(b) {
        b"1" => Cell::Member(Role::Full),
        b"2" => Cell::Member(Role::Associate),
        b"3" => Cell::Member(Role::Observer),
        b"0" => Cell::NotMember,
        b"-9" => Cell::Unknown,
        b"" | b"-1" => Cell::Absent,
        _ => return None,
    })
}

fn trim(b: &[u8]) -> &[u8] {
    let s = b.iter().position(|c| !c.is_ascii_whitespace()).unwrap_or(b.len());
    let e = b.iter().rposition(|c| !c.is_ascii_whitespace()).map_or(s, |i| i + 1);
    &b[s..e.max(s)]
}

#[derive(Debug, Clone)]
struct Run {
    role: Role,
    start: i32,
    start_earliest: Option<i32>,
    /// Unknown (-9) since this year, while the run is open.
    unknown_since: Option<i32>,
}

#[derive(Debug, Clone, Default)]
struct Track {
    run: Option<Run>,
    /// Unknown (-9) since this year, with no run open.
    unknown_since: Option<i32>,
    /// The end year of the last membership.
    last_end: Option<i32>,
}

/// Yearly observations of one (row entity, column entity) → intervals.
struct Tracker {
    layout: Layout,
    /// tracks[row][col]
    tracks: Vec<HashMap<u32, Track>>,
    out: Vec<(u32, u32, Interval)>,
}

fn min_opt(a: Option<i32>, b: Option<i32>) -> Option<i32> {
    match (a, b) {
        (Some(x), Some(y)) => Some(x.min(y)),
        (x, None) => x,
        (None, y) => y,
    }
}

/// Context of one observation: whether the row's organisation is only good to 5 years before
/// 1965, and the first year of its rows.
#[derive(Clone, Copy)]
struct Ctx {
    within5: bool,
    first_year: i32,
}

fn five_year(y: i32, floor: i32, ctx: Ctx) -> Option<i32> {
    if ctx.within5 && y <= 1965 {
        let e = (y - 4).max(floor);
        (e < y).then_some(e)
    } else {
        None
    }
}

impl Tracker {
    fn new(layout: Layout) -> Self {
        Self { layout, tracks: Vec::new(), out: Vec::new() }
    }

    fn close(
        out: &mut Vec<(u32, u32, Interval)>,
        (r, c): (u32, u32),
        t: &mut Track,
        run: Run,
        end: Option<i32>,
        cause: Option<String>,
        ctx: Ctx,
    ) {
        let end_earliest = match end {
            Some(y) => min_opt(run.unknown_since, five_year(y, run.start + 1, ctx)).filter(|e| *e < y),
            None => run.unknown_since,
        };
        out.push((
            r,
            c,
            Interval {
                organization: String::new(),
                member: String::new(),
                role: run.role.as_str(),
                start: run.start,
                start_earliest: run.start_earliest,
                end,
                end_earliest,
                end_cause: cause,
            },
        ));
        t.last_end = end;
        t.unknown_since = None;
    }

    fn observe(&mut self, r: u32, c: u32, year: i32, cell: Cell, ctx: Ctx) {
        let layout = self.layout;
        let absent_cause = match layout {
            Layout::IgoYear => "state not in the state system (COW: empty cell)",
            Layout::StateYear => "organisation not in existence (COW: -1)",
        };
        let row = {
            let r = r as usize;
            if self.tracks.len() <= r {
                self.tracks.resize_with(r + 1, HashMap::new);
            }
            &mut self.tracks[r]
        };
        let t = match (row.get_mut(&c), cell) {
            (Some(t), _) => t,
            (None, Cell::NotMember | Cell::Absent) => return,
            (None, _) => row.entry(c).or_default(),
        };
        let out = &mut self.out;
        match cell {
            Cell::Member(role) => match t.run.take() {
                Some(mut run) if run.role == role => {
                    run.unknown_since = None;
                    t.run = Some(run);
                }
                Some(old) => {
                    let pending = old.unknown_since;
                    Self::close(out, (r, c), t, old, Some(year), Some(format!("role changed to {role}")), ctx);
                    t.run = Some(Run { role, start: year, start_earliest: pending.filter(|u| *u < year), unknown_since: None });
                }
                None => {
                    let floor = t.last_end.unwrap_or(i32::MIN).max(ctx.first_year);
                    let earliest = min_opt(t.unknown_since, five_year(year, floor, ctx)).filter(|e| *e < year);
                    t.unknown_since = None;
                    t.run = Some(Run { role, start: year, start_earliest: earliest, unknown_since: None });
                }
            },
            Cell::NotMember | Cell::Absent => {
                if let Some(run) = t.run.take() {
                    let cause = if cell == Cell::NotMember { "no longer a member (COW: 0)" } else { absent_cause };
                    Self::close(out, (r, c), t, run, Some(year), Some(cause.to_owned()), ctx);
                }
                t.unknown_since = None;
            }
            Cell::Unknown => match &mut t.run {
                Some(run) => {
                    run.unknown_since.get_or_insert(year);
                }
                None => {
                    t.unknown_since.get_or_insert(year);
                }
            },
        }
    }

    /// The rows of `r` stop after `last` (for a while or for good): open memberships end in
    /// `end` (or stay open when `end` is `None`).
    fn stop_row(&mut self, r: u32, end: Option<i32>, cause: &str, ctx: Ctx) {
        let out = &mut self.out;
        let Some(row) = self.tracks.get_mut(r as usize) else { return };
        let mut cols: Vec<u32> = row.keys().copied().collect();
        cols.sort_unstable();
        for c in cols {
            let Some(t) = row.get_mut(&c) else { continue };
            if let Some(run) = t.run.take() {
                Self::close(out, (r, c), t, run, end, end.map(|_| cause.to_owned()), ctx);
            }
            t.unknown_since = None;
        }
    }
}

/// Per-row-entity bookkeeping: last year seen and its context.
struct RowState {
    last_year: i32,
    ctx: Ctx,
}

/// Reads one COW file (either layout) into facts. `file` names the input in errors; `source`
/// is the source (named graph) of the facts. `progress` is told the bytes read so far.
pub fn read(
    mut input: impl BufRead,
    file: &str,
    source: &str,
    gaz: &Gazetteer,
    recorded: Option<&str>,
    progress: &mut dyn FnMut(u64),
) -> Result<CowImport, CowError> {
    let at = |line: u64, column: usize, message: String| CowError::At { file: file.to_owned(), line, column, message };
    let io = |e: std::io::Error| CowError::File { file: file.to_owned(), message: format!("cannot read: {e}") };
    let mut buf = Vec::with_capacity(8192);
    let mut consumed: u64 = 0;
    let n = input.read_until(b'\n', &mut buf).map_err(io)?;
    consumed += n as u64;
    if n == 0 {
        return Err(at(1, 1, "empty file: expected the header of a COW IGO v3 table".into()));
    }
    let header: Vec<String> =
        split(strip_eol(&buf)).iter().map(|h| String::from_utf8_lossy(h).trim().trim_start_matches('\u{feff}').to_owned()).collect();
    let layout = match (header.first().map(String::as_str), header.get(1).map(String::as_str), header.get(2).map(String::as_str)) {
        (Some("ioname"), Some("orgname"), Some("year")) => Layout::IgoYear,
        (Some("ccode"), Some("year"), Some("state")) => Layout::StateYear,
        _ => {
            let shown: Vec<&str> = header.iter().take(4).map(String::as_str).collect();
            return Err(at(
                1,
                1,
                format!("wrong header: a COW IGO v3 table starts with `ioname, orgname, year` (IGO-year layout) or `ccode, year, state` (state-year layout), not `{}`", shown.join(", ")),
            ));
        }
    };
    let mut seen = HashMap::new();
    for (i, h) in header.iter().enumerate() {
        if h.is_empty() {
            return Err(at(1, i + 1, "empty column name in the header".into()));
        }
        if let Some(first) = seen.insert(h.as_str(), i) {
            return Err(at(1, i + 1, format!("column '{h}' appears twice (also column {})", first + 1)));
        }
    }
    let smap = state_map(gaz).map_err(|message| CowError::File { file: file.to_owned(), message })?;
    let states_by_index: Vec<&(CowState, EntityRef)>;
    // Column entity of each column index (states in IGO-year, organisations in state-year).
    let mut col_entity: Vec<Option<u32>> = vec![None; header.len()];
    let mut meta_idx: HashMap<&str, usize> = HashMap::new();
    let mut orgs: Vec<IgoInfo> = Vec::new();
    let mut org_index: HashMap<String, u32> = HashMap::new();
    let mut state_names: Vec<String> = Vec::new();
    match layout {
        Layout::IgoYear => {
            for m in IGO_META {
                let i = header
                    .iter()
                    .position(|h| h == m)
                    .ok_or_else(|| at(1, header.len() + 1, format!("wrong header: the IGO-year layout needs a column '{m}'")))?;
                meta_idx.insert(m, i);
            }
            let mut list = Vec::new();
            for (i, h) in header.iter().enumerate().skip(3) {
                if IGO_META.contains(&h.as_str()) {
                    continue;
                }
                let entry = smap.by_column.get(h.as_str()).ok_or_else(|| {
                    at(1, i + 1, format!("unknown state column '{h}': not one of COW's 217 state names (ontology/data/cow-states.tsv)"))
                })?;
                col_entity[i] = Some(list.len() as u32);
                list.push(entry);
                state_names.push(h.clone());
            }
            states_by_index = list;
        }
        Layout::StateYear => {
            for (i, h) in header.iter().enumerate().skip(3) {
                if !h.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-') {
                    return Err(at(1, i + 1, format!("'{h}' is not a COW organisation column name")));
                }
                let idx = orgs.len() as u32;
                orgs.push(org_info_from_column(h, gaz));
                org_index.insert(h.to_ascii_lowercase(), idx);
                col_entity[i] = Some(idx);
            }
            states_by_index = Vec::new();
        }
    }
    // State-year rows name their state: index into `row_states`.
    let mut row_states: Vec<&(CowState, EntityRef)> = Vec::new();
    let mut row_state_index: HashMap<String, u32> = HashMap::new();
    let mut rows_state: Vec<RowState> = Vec::new();
    let mut tracker = Tracker::new(layout);
    let mut line: u64 = 1;
    let mut rows: u64 = 0;
    let mut max_year = i32::MIN;
    let ncols = header.len();
    loop {
        buf.clear();
        let n = input.read_until(b'\n', &mut buf).map_err(io)?;
        if n == 0 {
            break;
        }
        consumed += n as u64;
        line += 1;
        let content = strip_eol(&buf);
        if content.is_empty() {
            continue;
        }
        let cells = split(content);
        if cells.len() < ncols {
            return Err(at(
                line,
                cells.len() + 1,
                format!(
                    "the row has {} of the header's {ncols} fields: truncated file or row (missing column '{}')",
                    cells.len(),
                    header[cells.len()]
                ),
            ));
        }
        if cells.len() > ncols {
            return Err(at(line, ncols + 1, format!("the row has {} fields, the header {ncols}", cells.len())));
        }
        rows += 1;
        let year_col = if layout == Layout::IgoYear { 2 } else { 1 };
        let year_text = String::from_utf8_lossy(trim(cells[year_col]));
        let year: i32 = match year_text.parse::<i32>() {
            Ok(y) if (1000..=2999).contains(&y) => y,
            _ => return Err(at(line, year_col + 1, format!("year '{year_text}' is not a year (column 'year')"))),
        };
        max_year = max_year.max(year);
        // The row entity.
        let (r, ctx) = match layout {
            Layout::IgoYear => {
                let ioname = decode_text(cells[0]);
                if ioname.is_empty() {
                    return Err(at(line, 1, "empty ioname".into()));
                }
                let r = match org_index.get(&ioname.to_ascii_lowercase()) {
                    Some(&r) => r,
                    None => {
                        let info = org_info_from_row(&ioname, &cells, &meta_idx, gaz, |col, msg| at(line, col + 1, msg))?;
                        let r = orgs.len() as u32;
                        orgs.push(info);
                        org_index.insert(ioname.to_ascii_lowercase(), r);
                        r
                    }
                };
                for m in ["imputed", "political", "social", "economic", "dead", "integrated", "replaced"] {
                    let i = meta_idx[m];
                    if !matches!(trim(cells[i]), b"" | b"0" | b"1") {
                        return Err(at(line, i + 1, format!("'{}' in column '{m}' is not 0 or 1", String::from_utf8_lossy(cells[i]))));
                    }
                }
                let org = &orgs[r as usize];
                (r, Ctx { within5: org.within_five_years(), first_year: year })
            }
            Layout::StateYear => {
                let name = String::from_utf8_lossy(trim(cells[2])).into_owned();
                let entry = smap.by_column.get(name.as_str()).ok_or_else(|| {
                    at(line, 3, format!("unknown state '{name}': not one of COW's 217 state names (ontology/data/cow-states.tsv)"))
                })?;
                let ccode_text = String::from_utf8_lossy(trim(cells[0]));
                match ccode_text.parse::<u16>() {
                    Ok(c) if c == entry.0.ccode => {}
                    Ok(c) => return Err(at(line, 1, format!("ccode {c} does not match state '{name}' (COW code {})", entry.0.ccode))),
                    Err(_) => return Err(at(line, 1, format!("ccode '{ccode_text}' is not a number"))),
                }
                let r = match row_state_index.get(&name) {
                    Some(&r) => r,
                    None => {
                        let r = row_states.len() as u32;
                        row_states.push(entry);
                        row_state_index.insert(name.clone(), r);
                        state_names.push(name.clone());
                        r
                    }
                };
                (r, Ctx { within5: false, first_year: year })
            }
        };
        // Year order within the row entity; a gap in its rows ends its open memberships.
        let ri = r as usize;
        if rows_state.len() <= ri {
            rows_state.resize_with(ri + 1, || RowState { last_year: i32::MIN, ctx });
            rows_state[ri].ctx = ctx;
        }
        let rs = &mut rows_state[ri];
        let ctx = if rs.last_year == i32::MIN {
            rs.ctx = ctx;
            ctx
        } else {
            if year <= rs.last_year {
                return Err(at(
                    line,
                    year_col + 1,
                    format!(
                        "year {year} after year {} of the same {}: rows must be in year order",
                        rs.last_year,
                        if layout == Layout::IgoYear { "organisation" } else { "state" }
                    ),
                ));
            }
            if year > rs.last_year + 1 {
                let gap_cause = match layout {
                    Layout::IgoYear => "organisation not in existence (COW: no row)",
                    Layout::StateYear => "state not in the state system (COW: no row)",
                };
                let c = rs.ctx;
                let end = rs.last_year + 1;
                tracker.stop_row(r, Some(end), gap_cause, c);
            }
            rows_state[ri].ctx
        };
        rows_state[ri].last_year = year;
        for (i, cell) in cells.iter().enumerate() {
            let Some(c) = col_entity[i] else { continue };
            let parsed = parse_cell(cell).ok_or_else(|| {
                at(
                    line,
                    i + 1,
                    format!(
                        "'{}' in column '{}' is not a COW code (1, 2, 3, 0, -9, -1 or empty)",
                        String::from_utf8_lossy(cell),
                        header[i]
                    ),
                )
            })?;
            tracker.observe(r, c, year, parsed, ctx);
        }
        if rows % 512 == 0 {
            progress(consumed);
        }
    }
    progress(consumed);
    if rows == 0 {
        return Err(at(line + 1, 1, "no data rows after the header (truncated file?)".into()));
    }
    // The end of the file: rows that reach the last year stay open; others ended.
    for (ri, rs) in rows_state.iter().enumerate() {
        let r = ri as u32;
        if rs.last_year == max_year {
            tracker.stop_row(r, None, "", rs.ctx);
        } else {
            let cause = match layout {
                Layout::IgoYear => {
                    let o = &orgs[ri];
                    if o.integrated {
                        "organisation integrated into another (COW)"
                    } else if o.replaced {
                        "organisation replaced by a successor (COW)"
                    } else {
                        "organisation ceased to exist (COW)"
                    }
                }
                Layout::StateYear => "state left the state system (COW)",
            };
            tracker.stop_row(r, Some(rs.last_year + 1), cause, rs.ctx);
        }
    }
    // Intervals → facts.
    let mut out = tracker.out;
    out.sort_by_key(|a| (a.0, a.1, a.2.start));
    let mut facts = Vec::with_capacity(out.len() + orgs.len());
    let mut intervals = Vec::with_capacity(out.len());
    let rule = format!("cow/{}", layout.as_str());
    for (r, c, mut iv) in out {
        let (org, state) = match layout {
            Layout::IgoYear => (&orgs[r as usize].entity, &states_by_index[c as usize].1),
            Layout::StateYear => (&orgs[c as usize].entity, &row_states[r as usize].1),
        };
        iv.organization = org.iri.clone();
        iv.member = state.iri.clone();
        let mut args: BTreeMap<&'static str, Value> = BTreeMap::new();
        args.insert("member", Value::Entity(state.clone()));
        args.insert("organization", Value::Entity(org.clone()));
        args.insert("role", Value::Code(Code::Role(iv.role.parse().unwrap_or(Role::Full))));
        args.insert("start", Value::Date(PartialDate::Year(iv.start)));
        if let Some(y) = iv.start_earliest {
            args.insert("start_earliest", Value::Date(PartialDate::Year(y)));
        }
        if let Some(y) = iv.end {
            args.insert("end", Value::Date(PartialDate::Year(y)));
        }
        // The data end with their last year: an open membership may have ended any time after
        // it (the interval keeps what the table says; the fact says what is known).
        let end_earliest = match (iv.end, iv.end_earliest) {
            (None, e) => Some(e.map_or(max_year + 1, |e| e.min(max_year + 1))),
            (Some(_), e) => e,
        };
        if let Some(y) = end_earliest {
            args.insert("end_earliest", Value::Date(PartialDate::Year(y)));
        }
        if let Some(cause) = &iv.end_cause {
            args.insert("end_cause", Value::Text(cause.clone()));
        }
        let f = Fact::new(FactKind::Membership, args, provenance(source, &rule, recorded))
            .map_err(|e| CowError::File { file: file.to_owned(), message: format!("{} in {}: {e}", state.label, org.label) })?;
        facts.push(f);
        intervals.push(iv);
    }
    for o in &orgs {
        if let Some(y) = o.sdate {
            let mut args: BTreeMap<&'static str, Value> = BTreeMap::new();
            args.insert("organization", Value::Entity(o.entity.clone()));
            args.insert("year", Value::Year(y));
            let f = Fact::new(FactKind::Founding, args, provenance(source, &rule, recorded))
                .map_err(|e| CowError::File { file: file.to_owned(), message: format!("{}: {e}", o.ioname) })?;
            facts.push(f);
        }
    }
    let mut entities = smap.historical;
    // The reference organisations keep their description and gain COW's number.
    for o in orgs.iter().filter(|o| o.reference) {
        if let (Some(n), Some(e)) = (o.ionum, gaz.by_iri(&o.entity.iri)) {
            let mut e = e.clone();
            e.notations.push(format!("COW IGO {n}"));
            entities.push(e);
        }
    }
    for o in orgs.iter().filter(|o| !o.reference) {
        // A state-year import knows only the column name: it describes an organisation only
        // when the store does not know it yet (from an IGO-year import).
        if layout == Layout::StateYear && gaz.by_iri(&o.entity.iri).is_some() {
            continue;
        }
        entities.push(org_entity(o));
    }
    Ok(CowImport { layout, source: source.to_owned(), rows, facts, entities, organisations: orgs, intervals, last_year: max_year })
}

/// The IRI of a domain of activity (`political`, `social`, `economic`) in the code list of
/// `ontology/codes.ttl`.
pub fn domain_iri(domain: &str) -> oxigraph::model::NamedNode {
    oxigraph::model::NamedNode::new_unchecked(format!("{}domain/{domain}", crate::vocab::CODE))
}

/// The domains COW gives an organisation (its political, social and economic flags).
pub fn domains(o: &IgoInfo) -> Vec<&'static str> {
    [("political", o.political), ("social", o.social), ("economic", o.economic)].into_iter().filter(|(_, f)| *f).map(|(d, _)| d).collect()
}

/// `igo:domain` statements for the organisations of an import, in the COW source graph.
pub fn domain_quads(orgs: &[IgoInfo], graph: &oxigraph::model::NamedNode, out: &mut Vec<oxigraph::model::Quad>) {
    for o in orgs {
        let s = oxigraph::model::NamedNode::new_unchecked(o.entity.iri.clone());
        for d in domains(o) {
            out.push(oxigraph::model::Quad::new(s.clone(), crate::vocab::igo::DOMAIN, domain_iri(d), graph.clone()));
        }
    }
}

fn provenance(source: &str, rule: &str, recorded: Option<&str>) -> Provenance {
    let mut p = Provenance::new(source, Method::Cow);
    p.rule = Some(rule.to_owned());
    p.recorded = recorded.map(str::to_owned);
    p
}

/// The entity of an organisation that only COW knows.
/// The name to show for a COW organisation: its long name ("Food and Agriculture
/// Organization", without a trailing "(FAO)") rather than COW's abbreviated one ("Food & Ag
/// Org"), which stays an alias.
fn proper_name(long_name: &str, ioname: &str) -> Option<String> {
    let l = long_name.trim();
    let l = l.strip_suffix(&format!("({ioname})")).map_or(l, str::trim_end);
    if !l.is_empty() && !l.eq_ignore_ascii_case(ioname) {
        return Some(l.to_owned());
    }
    // COW gives only the acronym ("FAO"): the name the organisations table has for it.
    more_organisations().get(ioname.to_ascii_uppercase().as_str()).map(|n| (*n).to_owned())
}

/// English names by acronym from ontology/data/organisations-more.tsv (short_en or
/// abbreviation_en → name_en).
fn more_organisations() -> &'static HashMap<String, &'static str> {
    static TABLE: std::sync::OnceLock<HashMap<String, &'static str>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        let text = include_str!("../../ontology/data/organisations-more.tsv");
        let mut lines = text.lines();
        let header: Vec<&str> = lines.next().unwrap_or("").split('\t').collect();
        let col = |n: &str| header.iter().position(|h| *h == n);
        let (Some(short), Some(abbr), Some(name)) = (col("short_en"), col("abbreviation_en"), col("name_en")) else {
            return HashMap::new();
        };
        let mut m = HashMap::new();
        for l in lines {
            let c: Vec<&str> = l.split('\t').collect();
            let Some(n) = c.get(name).filter(|n| !n.is_empty()) else { continue };
            for k in [short, abbr] {
                if let Some(a) = c.get(k).filter(|a| !a.is_empty()) {
                    m.entry(a.to_ascii_uppercase()).or_insert(*n);
                }
            }
        }
        m
    })
}

fn org_entity(o: &IgoInfo) -> Entity {
    let label = proper_name(&o.long_name, &o.ioname).unwrap_or_else(|| if o.name.is_empty() { o.ioname.clone() } else { o.name.clone() });
    let mut aliases = Vec::new();
    for other in [&o.name, &o.long_name] {
        if !other.is_empty() && *other != label && !aliases.iter().any(|a: &Name| &a.text == other) {
            aliases.push(Name { lang: "en".into(), text: other.clone() });
        }
    }
    let mut notations = vec![o.ioname.clone()];
    if let Some(n) = o.ionum {
        notations.push(format!("COW IGO {n}"));
    }
    Entity {
        iri: o.entity.iri.clone(),
        kind: EntityType::Organization,
        wikidata: None,
        labels: vec![Name { lang: "en".into(), text: label }],
        aliases,
        notations,
        country: None,
        capital: false,
        historical: false,
        minted_by: None,
        romanised: false,
    }
}

/// The reference organisation a COW organisation is: one of [`REFERENCE_ORGS`] by its COW
/// abbreviation, else the one organisation of the reference tables (not one a COW import
/// wrote) whose name is the COW organisation's English name.
fn reference_org(ioname: &str, name: Option<&str>, gaz: &Gazetteer) -> Option<EntityRef> {
    if let Some((_, short)) = REFERENCE_ORGS.iter().find(|(i, _)| i.eq_ignore_ascii_case(ioname)) {
        return gaz.resolve(short, &[EntityType::Organization]).ok().map(Entity::to_ref);
    }
    let key = crate::normalize::normalize(name?);
    let cow = format!("{}{}/cow-", crate::vocab::ID, EntityType::Organization.as_str());
    let named: Vec<&Entity> =
        gaz.lookup_normalized(&key).into_iter().filter(|e| e.kind == EntityType::Organization && !e.iri.starts_with(&cow)).collect();
    match named.as_slice() {
        [one] => Some(one.to_ref()),
        _ => None,
    }
}

fn org_info_from_column(column: &str, gaz: &Gazetteer) -> IgoInfo {
    let long_name = crate::gazetteer::cow_long_name(column).unwrap_or_default();
    let reference = reference_org(column, proper_name(long_name, &column.to_ascii_uppercase()).as_deref(), gaz);
    let iri = organisation_iri(column);
    let label = gaz.by_iri(&iri).map_or_else(|| column.to_ascii_uppercase(), |e| e.label("en").to_owned());
    IgoInfo {
        ioname: column.to_ascii_uppercase(),
        ionum: None,
        name: label.clone(),
        long_name: String::new(),
        sdate: None,
        deaddate: None,
        dead: false,
        integrated: false,
        replaced: false,
        accuracy: String::new(),
        political: false,
        social: false,
        economic: false,
        reference: reference.is_some(),
        entity: reference.unwrap_or(EntityRef { iri, wikidata: None, label }),
    }
}

fn org_info_from_row(
    ioname: &str,
    cells: &[&[u8]],
    meta: &HashMap<&str, usize>,
    gaz: &Gazetteer,
    at: impl Fn(usize, String) -> CowError,
) -> Result<IgoInfo, CowError> {
    let text = |m: &str| decode_text(cells[meta[m]]);
    let year = |m: &str| -> Result<Option<i32>, CowError> {
        let t = text(m);
        if t.is_empty() {
            return Ok(None);
        }
        match t.parse::<i32>() {
            Ok(y) if (1000..=2999).contains(&y) => Ok(Some(y)),
            _ => Err(at(meta[m], format!("'{t}' in column '{m}' is not a year"))),
        }
    };
    let flag = |m: &str| text(m) == "1";
    let ionum = match text("ionum") {
        t if t.is_empty() => None,
        t => Some(t.parse::<u32>().map_err(|_| at(meta["ionum"], format!("'{t}' in column 'ionum' is not a number")))?),
    };
    let name = decode_text(cells[1]);
    let long_name = text("longorgname");
    let proper = proper_name(&long_name, ioname);
    let reference = reference_org(ioname, proper.as_deref(), gaz);
    let label = proper.unwrap_or_else(|| if name.is_empty() { ioname.to_owned() } else { name.clone() });
    Ok(IgoInfo {
        ioname: ioname.to_owned(),
        ionum,
        long_name,
        sdate: year("sdate")?,
        deaddate: year("deaddate")?,
        dead: flag("dead"),
        integrated: flag("integrated"),
        replaced: flag("replaced"),
        accuracy: text("accuracyofpre1965membershipdates"),
        political: flag("political"),
        social: flag("social"),
        economic: flag("economic"),
        reference: reference.is_some(),
        entity: reference.unwrap_or(EntityRef { iri: organisation_iri(ioname), wikidata: None, label }),
        name,
    })
}

fn strip_eol(b: &[u8]) -> &[u8] {
    let b = b.strip_suffix(b"\n").unwrap_or(b);
    b.strip_suffix(b"\r").unwrap_or(b)
}

fn split(b: &[u8]) -> Vec<&[u8]> {
    b.split(|&c| c == b'\t').collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::OnceLock;

    fn g() -> &'static Gazetteer {
        static G: OnceLock<Gazetteer> = OnceLock::new();
        G.get_or_init(Gazetteer::builtin)
    }

    fn igo_year(rows: &[&str], states: &[&str]) -> String {
        let mut h = vec!["ioname", "orgname", "year"];
        h.extend(states);
        h.extend(IGO_META);
        let mut s = h.join("\t");
        s.push('\n');
        for r in rows {
            s.push_str(r);
            s.push('\n');
        }
        s
    }

    /// A row: ioname, year, cells, accuracy, imputed.
    fn row(ioname: &str, year: i32, cells: &[&str], accuracy: &str) -> String {
        let mut v: Vec<String> = vec![ioname.into(), format!("{ioname} long"), year.to_string()];
        v.extend(cells.iter().map(|c| (*c).to_owned()));
        // sdate deaddate dead integrated replaced longorgname ionum igocode version accuracy notes imputed political social economic
        v.extend(["1950", "", "0", "0", "0", "Long name", "42", "", "3", accuracy, "", "0", "1", "0", "0"].map(str::to_owned));
        v.join("\t")
    }

    fn read_str(text: &str) -> Result<CowImport, CowError> {
        read(text.as_bytes(), "t.tsv", "t.tsv", g(), None, &mut |_| {})
    }

    /// (member, role, start, start_earliest, end, end_earliest)
    type Span = (String, &'static str, i32, Option<i32>, Option<i32>, Option<i32>);

    fn spans(imp: &CowImport) -> Vec<Span> {
        imp.intervals
            .iter()
            .map(|i| (i.member.rsplit('/').next().unwrap_or("").to_owned(), i.role, i.start, i.start_earliest, i.end, i.end_earliest))
            .collect()
    }

    #[test]
    fn every_cow_state_maps_to_a_reference_or_historical_state() {
        let all = states();
        assert_eq!(all.len(), 217);
        let m = state_map(g()).unwrap();
        assert_eq!(m.by_column.len(), 217);
        for s in &all {
            assert!(s.ccode > 0, "{}", s.column);
            let (_, r) = &m.by_column[&s.column];
            match &s.iso2 {
                Some(_) => assert!(r.wikidata.is_some(), "{} has no Wikidata id", s.column),
                None => assert!(m.historical.iter().any(|e| e.iri == r.iri && e.historical), "{}", s.column),
            }
        }
        assert_eq!(m.by_column["yugoslaviaserb"].1.wikidata.as_deref(), Some("Q403"));
        assert_eq!(m.by_column["etimor"].1.wikidata.as_deref(), Some("Q574"));
        assert_eq!(m.by_column["baden"].1.iri, historical_state_iri("baden"));
        assert_eq!(m.by_column["austriahungary"].1.iri, "https://w3id.org/igokg/id/state/cow-austriahungary");
    }

    #[test]
    fn reference_organisations_are_linked_by_wikidata_id() {
        for (ioname, _) in REFERENCE_ORGS {
            assert!(reference_org(ioname, None, g()).is_some_and(|r| r.wikidata.is_some()), "{ioname}");
        }
        assert_eq!(reference_org("CSTO", None, g()).unwrap().wikidata.as_deref(), Some("Q318693"));
    }

    #[test]
    fn an_organisation_the_tables_name_is_linked_by_its_english_name() {
        // Not an abbreviation of REFERENCE_ORGS: the organisations table names it.
        let upu = reference_org("UPU", Some("Universal Postal Union"), g()).expect("the UPU of organisations-more.tsv");
        assert_ne!(upu.iri, organisation_iri("UPU"));
        assert_eq!(upu.label, "Universal Postal Union");
        assert_eq!(reference_org("XYZ", Some("Union of Nothing in Particular"), g()), None);
        assert_eq!(reference_org("XYZ", None, g()), None);
    }

    #[test]
    fn organisations_are_labelled_with_their_long_name_issue_13_15() {
        assert_eq!(proper_name("Food and Agriculture Organization (FAO)", "FAO").as_deref(), Some("Food and Agriculture Organization"));
        assert_eq!(proper_name("Food and Agriculture Organization", "FAO").as_deref(), Some("Food and Agriculture Organization"));
        assert_eq!(proper_name("  ", "X"), None);
        // COW's long name of the FAO is its acronym: the organisations table names it.
        assert_eq!(proper_name("FAO", "FAO").as_deref(), Some("Food and Agriculture Organization of the United Nations"));
    }

    #[test]
    fn mac_roman_names_are_decoded() {
        assert_eq!(decode_text("Comit\u{8e} Regional".as_bytes()), "Comité Regional");
        assert_eq!(decode_text("P\u{99}le europ\u{8e}en".as_bytes()), "Pôle européen");
        assert_eq!(decode_text("Nordens V\u{8a}lf\u{8a}rdscenter".as_bytes()), "Nordens Välfärdscenter");
        assert_eq!(decode_text("International Renewable Energy AgencyÊ".as_bytes()), "International Renewable Energy Agency");
        assert_eq!(decode_text(b"Comit\x8e"), "Comité");
        assert_eq!(decode_text("Côte d’Ivoire".as_bytes()), "Côte d’Ivoire");
    }

    #[test]
    fn leaving_rejoining_and_role_changes_make_separate_memberships() {
        let t = igo_year(
            &[
                &row("X", 1990, &["1", "3"], "Not applicable - created 1965 or later"),
                &row("X", 1991, &["0", "3"], "Not applicable - created 1965 or later"),
                &row("X", 1992, &["1", "1"], "Not applicable - created 1965 or later"),
                &row("X", 1993, &["1", "1"], "Not applicable - created 1965 or later"),
            ],
            &["armenia", "belarus"],
        );
        let imp = read_str(&t).unwrap();
        let s = spans(&imp);
        assert_eq!(
            s,
            vec![
                ("Q399".into(), "full", 1990, None, Some(1991), None),
                ("Q399".into(), "full", 1992, None, None, None),
                ("Q184".into(), "observer", 1990, None, Some(1992), None),
                ("Q184".into(), "full", 1992, None, None, None),
            ]
        );
        assert_eq!(imp.intervals[2].end_cause.as_deref(), Some("role changed to full"));
    }

    #[test]
    fn unknown_years_neither_end_nor_start_a_membership_but_widen_its_bounds() {
        let t = igo_year(
            &[
                &row("X", 2000, &["-9", "1"], "x"),
                &row("X", 2001, &["-9", "-9"], "x"),
                &row("X", 2002, &["1", "1"], "x"),
                &row("X", 2003, &["1", "-9"], "x"),
                &row("X", 2004, &["1", "0"], "x"),
            ],
            &["armenia", "belarus"],
        );
        let s = spans(&read_str(&t).unwrap());
        assert_eq!(
            s,
            vec![("Q399".into(), "full", 2002, Some(2000), None, None), ("Q184".into(), "full", 2000, None, Some(2004), Some(2003))]
        );
    }

    #[test]
    fn pre_1965_changes_within_five_years_keep_their_uncertainty() {
        let acc = "Within 5 years";
        let mut rows = Vec::new();
        for y in 1950..=1966 {
            let a = if (1960..1963).contains(&y) { "1" } else { "0" };
            rows.push(row("X", y, &[a, if y >= 1966 { "1" } else { "0" }], acc));
        }
        let refs: Vec<&str> = rows.iter().map(String::as_str).collect();
        let s = spans(&read_str(&igo_year(&refs, &["armenia", "belarus"])).unwrap());
        assert_eq!(
            s,
            vec![("Q399".into(), "full", 1960, Some(1956), Some(1963), Some(1961)), ("Q184".into(), "full", 1966, None, None, None)]
        );
    }

    #[test]
    fn the_organisation_s_last_row_ends_its_memberships_unless_it_is_the_last_year() {
        let t = igo_year(
            &[
                &row("X", 2000, &["1", ""], "x"),
                &row("X", 2001, &["1", ""], "x"),
                &row("Y", 2000, &["1", "1"], "x"),
                &row("Y", 2001, &["1", "1"], "x"),
                &row("Y", 2002, &["1", ""], "x"),
            ],
            &["armenia", "belarus"],
        );
        let imp = read_str(&t).unwrap();
        let s = spans(&imp);
        assert!(s.contains(&("Q399".into(), "full", 2000, None, Some(2002), None)), "{s:?}");
        assert!(s.contains(&("Q399".into(), "full", 2000, None, None, None)), "{s:?}");
        assert!(s.contains(&("Q184".into(), "full", 2000, None, Some(2002), None)), "{s:?}");
        assert_eq!(imp.facts.iter().filter(|f| f.kind == FactKind::Founding).count(), 2);
    }

    #[test]
    fn bad_input_is_reported_with_file_line_and_column() {
        let good = row("X", 2000, &["1", "1"], "x");
        let e = read_str(&igo_year(&[&good, &row("X", 2001, &["1", "x"], "x")], &["armenia", "belarus"])).unwrap_err().to_string();
        assert!(e.starts_with("t.tsv:3:5: 'x' in column 'belarus'"), "{e}");
        let e = read_str(&igo_year(&[&good], &["armenia", "narnia"])).unwrap_err().to_string();
        assert!(e.starts_with("t.tsv:1:5: unknown state column 'narnia'"), "{e}");
        let truncated = format!("{}\nX\tX long\t2001\t1", igo_year(&[&good], &["armenia", "belarus"]).trim_end());
        let e = read_str(&truncated).unwrap_err().to_string();
        assert!(e.starts_with("t.tsv:3:5: the row has 4 of the header's 20 fields"), "{e}");
        let e = read_str("name\tyear\nx\t1\n").unwrap_err().to_string();
        assert!(e.starts_with("t.tsv:1:1: wrong header"), "{e}");
        let e = read_str(&igo_year(&[&good.replace("2000", "20x0")], &["armenia", "belarus"])).unwrap_err().to_string();
        assert!(e.starts_with("t.tsv:2:3: year '20x0'"), "{e}");
    }

    #[test]
    fn the_state_year_layout_reads_the_same_memberships() {
        let igo = igo_year(&[&row("CSTO", 2012, &["1", "3"], "x"), &row("CSTO", 2013, &["0", "3"], "x")], &["armenia", "belarus"]);
        let st = "ccode\tyear\tstate\tcsto\n371\t2012\tarmenia\t1\n371\t2013\tarmenia\t0\n370\t2012\tbelarus\t3\n370\t2013\tbelarus\t3\n";
        let a = read_str(&igo).unwrap();
        let b = read_str(st).unwrap();
        assert_eq!(b.layout, Layout::StateYear);
        let key = |i: &Interval| (i.organization.clone(), i.member.clone(), i.role, i.start, i.end);
        let mut x: Vec<_> = a.intervals.iter().map(key).collect();
        let mut y: Vec<_> = b.intervals.iter().map(key).collect();
        x.sort();
        y.sort();
        assert_eq!(x, y);
        assert_eq!(a.intervals[0].organization, "https://w3id.org/igokg/id/Q318693");
        let e = read_str("ccode\tyear\tstate\tcsto\n371\t2012\tarmenija\t1\n").unwrap_err().to_string();
        assert!(e.starts_with("t.tsv:2:3: unknown state 'armenija'"), "{e}");
    }
}
