//! Output and input formats as one enum: it drives `--format`, guessing from file names and
//! media types.

use oxigraph::io::RdfFormat;
use oxigraph::sparql::results::QueryResultsFormat;
use std::borrow::Cow;
use std::fmt;
use std::path::Path;
use std::str::FromStr;

/// Every format the project reads or writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    Table,
    Csv,
    Tsv,
    Json,
    Xml,
    Turtle,
    NTriples,
    NQuads,
    TriG,
    RdfXml,
    JsonLd,
    GraphMl,
    Dot,
    Jsonl,
}

/// (format, names accepted by --format, file extensions, media type)
const TABLE: &[(Format, &[&str], &[&str], &str)] = &[
    (Format::Table, &["table"], &[], "text/plain"),
    (Format::Csv, &["csv"], &["csv"], "text/csv"),
    (Format::Tsv, &["tsv"], &["tsv"], "text/tab-separated-values"),
    (Format::Json, &["json", "srj"], &["srj"], "application/sparql-results+json"),
    (Format::Xml, &["xml", "srx"], &["srx"], "application/sparql-results+xml"),
    (Format::Turtle, &["ttl", "turtle"], &["ttl"], "text/turtle"),
    (Format::NTriples, &["nt", "ntriples", "n-triples"], &["nt"], "application/n-triples"),
    (Format::NQuads, &["nq", "nquads", "n-quads"], &["nq"], "application/n-quads"),
    (Format::TriG, &["trig"], &["trig"], "application/trig"),
    (Format::RdfXml, &["rdfxml", "rdf", "owl", "rdf-xml"], &["rdf", "owl", "xml"], "application/rdf+xml"),
    (Format::JsonLd, &["jsonld", "json-ld"], &["jsonld"], "application/ld+json"),
    (Format::GraphMl, &["graphml"], &["graphml"], "application/graphml+xml"),
    (Format::Dot, &["dot", "gv"], &["dot", "gv"], "text/vnd.graphviz"),
    (Format::Jsonl, &["jsonl", "ndjson"], &["jsonl", "ndjson"], "application/jsonl"),
];

impl Format {
    fn row(self) -> &'static (Format, &'static [&'static str], &'static [&'static str], &'static str) {
        TABLE.iter().find(|r| r.0 == self).expect("every format has a row")
    }

    pub fn name(self) -> &'static str {
        self.row().1[0]
    }

    pub fn media_type(self) -> &'static str {
        self.row().3
    }

    pub fn from_extension(ext: &str) -> Option<Self> {
        let ext = ext.to_ascii_lowercase();
        TABLE.iter().find(|r| r.2.contains(&ext.as_str())).map(|r| r.0)
    }

    pub fn from_path(path: &Path) -> Option<Self> {
        path.extension().and_then(|e| e.to_str()).and_then(Self::from_extension)
    }

    pub fn from_media_type(media: &str) -> Option<Self> {
        let base = media.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
        TABLE.iter().find(|r| r.3 == base).map(|r| r.0).or(match base.as_str() {
            "application/json" => Some(Self::Json),
            "application/xml" | "text/xml" => Some(Self::Xml),
            "application/x-turtle" => Some(Self::Turtle),
            _ => None,
        })
    }

    /// The Oxigraph RDF format, for RDF serialisations.
    pub fn rdf(self) -> Option<RdfFormat> {
        Some(match self {
            Self::Turtle => RdfFormat::Turtle,
            Self::NTriples => RdfFormat::NTriples,
            Self::NQuads => RdfFormat::NQuads,
            Self::TriG => RdfFormat::TriG,
            Self::RdfXml => RdfFormat::RdfXml,
            Self::JsonLd => RdfFormat::JsonLd { profile: Default::default() },
            _ => return None,
        })
    }

    /// The SPARQL results format, for SELECT/ASK results.
    pub fn results(self) -> Option<QueryResultsFormat> {
        Some(match self {
            Self::Csv => QueryResultsFormat::Csv,
            Self::Tsv => QueryResultsFormat::Tsv,
            Self::Json => QueryResultsFormat::Json,
            Self::Xml => QueryResultsFormat::Xml,
            _ => return None,
        })
    }

    /// The names accepted by --format, for messages.
    pub fn all_names() -> String {
        TABLE.iter().map(|r| r.1[0]).collect::<Vec<_>>().join(", ")
    }
}

/// An RDF serialiser with the project's prefixes.
pub fn rdf_serializer(format: RdfFormat) -> oxigraph::io::RdfSerializer {
    let mut ser = oxigraph::io::RdfSerializer::from_format(format);
    for (p, ns) in crate::vocab::PREFIXES {
        ser = ser.with_prefix(*p, *ns).expect("vocabulary prefixes are valid IRIs");
    }
    ser
}

/// May `c` appear in an XML 1.0 document (the production `Char`)? Not the C0 controls other
/// than tab, line feed and carriage return, nor U+FFFE and U+FFFF — not even as `&#…;`.
pub fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..='\u{10FFFF}')
}

/// `s` as XML 1.0 character data or attribute value: markup characters as entities, and the
/// characters XML 1.0 cannot hold at all written as a visible `\u{…}` escape (GraphML labels
/// are for display; the IRIs and values of the RDF exports are never rewritten).
pub fn xml_text(s: &str) -> Cow<'_, str> {
    if !s.chars().any(|c| matches!(c, '&' | '<' | '>' | '"' | '\'') || !is_xml_char(c)) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if !is_xml_char(c) => out.push_str(&format!("\\u{{{:x}}}", u32::from(c))),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// `s` for a terminal: control characters (C0, DEL, C1 — among them ESC and CSI, which start
/// the escape sequences that recolour, move the cursor or retitle the window) shown as
/// visible escapes, so that no stored name can drive the terminal.
pub fn terminal_text(s: &str) -> Cow<'_, str> {
    if !s.chars().any(char::is_control) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", u32::from(c))),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// How CSV cells are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CsvCells {
    /// A cell that a spreadsheet would run as a formula (it starts with `=`, `+`, `-`, `@`,
    /// a tab or a carriage return, and is not a number) gets a leading `'`.
    #[default]
    Neutralised,
    /// Cells as they are (`--raw-csv`).
    Raw,
}

impl CsvCells {
    /// The cell as written.
    pub fn cell<'a>(self, s: &'a str) -> Cow<'a, str> {
        if self == Self::Neutralised && is_formula(s) {
            Cow::Owned(format!("'{s}"))
        } else {
            Cow::Borrowed(s)
        }
    }
}

/// Would a spreadsheet read the cell as a formula? Numbers (`-9`, `+3.5`) are data.
pub fn is_formula(s: &str) -> bool {
    s.starts_with(['=', '+', '-', '@', '\t', '\r']) && s.parse::<f64>().is_err()
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let l = s.trim().to_ascii_lowercase();
        TABLE
            .iter()
            .find(|r| r.1.contains(&l.as_str()))
            .map(|r| r.0)
            .ok_or_else(|| format!("unknown format '{s}': expected one of {}", Format::all_names()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_extensions_and_media_types_round_trip() {
        for r in TABLE {
            assert_eq!(r.1[0].parse::<Format>().unwrap(), r.0);
            assert_eq!(Format::from_media_type(r.3), Some(r.0));
            for e in r.2 {
                if *e != "xml" {
                    assert_eq!(Format::from_extension(e), Some(r.0));
                }
            }
        }
        assert!("yaml".parse::<Format>().is_err());
    }

    #[test]
    fn xml_text_escapes_markup_and_characters_xml_cannot_hold() {
        assert_eq!(xml_text("plain"), "plain");
        assert_eq!(xml_text("a<b>&\"c'"), "a&lt;b&gt;&amp;&quot;c&apos;");
        assert_eq!(xml_text("bell\u{7}\u{1b}[31m\u{fffe}"), "bell\\u{7}\\u{1b}[31m\\u{fffe}");
        assert_eq!(xml_text("tab\tok\u{85}"), "tab\tok\u{85}");
    }

    #[test]
    fn terminal_text_shows_escape_sequences_instead_of_running_them() {
        assert_eq!(terminal_text("Армения"), "Армения");
        assert_eq!(terminal_text("\u{1b}]0;pwned\u{7}x\u{9b}2J\n"), "\\u{1b}]0;pwned\\u{7}x\\u{9b}2J\\n");
    }

    #[test]
    fn csv_cells_that_start_a_formula_are_neutralised_unless_raw() {
        for f in ["=1+1", "+cmd", "-2+3", "@SUM(A1)", "=HYPERLINK(\"x\")", "\tx"] {
            assert_eq!(CsvCells::Neutralised.cell(f), format!("'{f}"));
            assert_eq!(CsvCells::Raw.cell(f), f);
        }
        for d in ["-9", "+3.5", "2014", "Armenia", "", "a=b"] {
            assert_eq!(CsvCells::Neutralised.cell(d), d);
        }
    }
}
