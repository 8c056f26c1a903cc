//! RDF files: Turtle, N-Triples, N-Quads, TriG, RDF/XML, JSON-LD, from a path or stdin.
//!
//! Checked where they enter: a UTF-8 byte-order mark is skipped, RDF/XML with DOCTYPE entity
//! declarations is refused (entity expansion), literals larger than [`MAX_LITERAL`] are
//! refused, and syntax errors name the file and position.
//!
//! Relative IRIs resolve against the input's base IRI: `--base IRI`, or by default the file's
//! own `file://` IRI ([`file_base`]); stdin has none unless given, and a relative IRI there is
//! refused with a message that says so. A literal that is not valid for its XSD datatype is
//! refused with the literal and its line, or kept and counted when the input is lenient
//! ([`RdfInput::lenient`]): it is still syntactically valid RDF.

use super::InputError;
use crate::format::Format;
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{GraphName, Quad, Term};
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

/// The largest literal accepted (bytes).
pub use super::literal::MAX_LITERAL;

/// How to read one input.
#[derive(Debug, Clone)]
pub struct RdfInput {
    /// File path, or `-` for stdin.
    pub path: String,
    pub format: RdfFormat,
    /// Where triples of triple formats go.
    pub graph: GraphName,
    /// The base IRI relative IRIs resolve against (None: relative IRIs are refused).
    pub base: Option<String>,
    /// Keep ill-typed literals (counted in [`IllTyped`]) instead of refusing the input.
    pub lenient: bool,
}

impl RdfInput {
    /// An input without a base IRI, refusing ill-typed literals.
    pub fn new(path: impl Into<String>, format: RdfFormat, graph: GraphName) -> Self {
        Self { path: path.into(), format, graph, base: None, lenient: false }
    }

    /// Resolves relative IRIs against `base` (checked: an absolute IRI).
    pub fn with_base(mut self, base: Option<String>) -> Result<Self, InputError> {
        if let Some(b) = &base {
            oxigraph::model::NamedNode::new(b.as_str())
                .map_err(|e| InputError::new(self.display_name(), None, None, format!("the base IRI {b:?} is not an absolute IRI: {e}")))?;
        }
        self.base = base;
        Ok(self)
    }

    /// Keeps ill-typed literals (counted) instead of refusing the input.
    pub fn with_lenient(mut self, lenient: bool) -> Self {
        self.lenient = lenient;
        self
    }

    /// `<stdin>` or the path.
    pub fn display_name(&self) -> String {
        if self.path == "-" {
            "<stdin>".to_owned()
        } else {
            self.path.clone()
        }
    }
}

/// The default base IRI of a file: its own absolute `file://` IRI (None for stdin, or a path
/// that cannot be made absolute).
pub fn file_base(path: &str) -> Option<String> {
    if path == "-" {
        return None;
    }
    let abs = std::fs::canonicalize(path).ok()?;
    let mut iri = String::from("file://");
    for part in abs.to_str()?.split('/').filter(|p| !p.is_empty()) {
        iri.push('/');
        for b in part.bytes() {
            if b.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=:@".contains(&b) {
                iri.push(char::from(b));
            } else {
                iri.push_str(&format!("%{b:02X}"));
            }
        }
    }
    oxigraph::model::NamedNode::new(iri.as_str()).ok().map(|_| iri)
}

/// Ill-typed literals kept from lenient inputs: how many, and the first few.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct IllTyped {
    pub count: usize,
    /// The first [`IllTyped::EXAMPLES`] of them, each with its file and line.
    pub examples: Vec<String>,
}

impl IllTyped {
    /// How many are described one by one.
    pub const EXAMPLES: usize = 5;

    fn note(&mut self, what: String) {
        self.count += 1;
        if self.examples.len() < Self::EXAMPLES {
            self.examples.push(what);
        }
    }
}

/// The RDF format of a file from `--format` or its extension.
pub fn guess_format(path: &str, explicit: Option<Format>) -> Result<RdfFormat, InputError> {
    let f = match explicit {
        Some(f) => f,
        None if path == "-" => {
            return Err(InputError::new("<stdin>", None, None, "reading stdin needs --format (ttl, nt, nq, trig, rdfxml or jsonld)"))
        }
        None => Format::from_path(Path::new(path)).ok_or_else(|| {
            InputError::new(
                path,
                None,
                None,
                "cannot tell the RDF format from the extension: use --format (ttl, nt, nq, trig, rdfxml, jsonld)",
            )
        })?,
    };
    f.rdf().ok_or_else(|| InputError::new(path, None, None, format!("{f} is not an RDF format: use ttl, nt, nq, trig, rdfxml or jsonld")))
}

/// Opens an input as a buffered reader without a leading byte-order mark.
pub fn open(path: &str) -> Result<Box<dyn BufRead>, InputError> {
    let raw: Box<dyn Read> = if path == "-" {
        Box::new(std::io::stdin())
    } else {
        Box::new(std::fs::File::open(path).map_err(|e| InputError::new(path, None, None, format!("cannot open: {e}")))?)
    };
    let mut r = BufReader::with_capacity(1 << 16, raw);
    let head = r.fill_buf().map_err(|e| InputError::new(path, None, None, e.to_string()))?;
    if head.starts_with(&[0xEF, 0xBB, 0xBF]) {
        r.consume(3);
    }
    Ok(Box::new(r))
}

/// The longest RDF/XML prolog (everything before the root element) that is read.
pub const MAX_PROLOG: usize = 16 << 20;

/// Refuses RDF/XML documents that declare entities (they expand without bound), looking at
/// the whole prolog up to the root element, however long.
pub fn check_rdfxml_prolog(path: &str, text: &[u8]) -> Result<(), InputError> {
    match scan_prolog(text) {
        Prolog::Entity => Err(InputError::new(path, None, None, "RDF/XML with DOCTYPE entity declarations is refused (entity expansion)")),
        Prolog::Root | Prolog::Incomplete => Ok(()),
    }
}

/// Reads the prolog of an RDF/XML input (up to its root element), refuses entity
/// declarations in it, and gives back a reader that starts at the beginning again.
pub fn check_rdfxml_prolog_reader(path: &str, reader: &mut Box<dyn BufRead>) -> Result<(), InputError> {
    let mut prolog: Vec<u8> = Vec::new();
    loop {
        let buf = reader.fill_buf().map_err(|e| InputError::new(path, None, None, e.to_string()))?;
        if buf.is_empty() {
            break;
        }
        let n = buf.len();
        prolog.extend_from_slice(buf);
        reader.consume(n);
        match scan_prolog(&prolog) {
            Prolog::Entity => return check_rdfxml_prolog(path, &prolog),
            Prolog::Root => break,
            Prolog::Incomplete if prolog.len() > MAX_PROLOG => {
                return Err(InputError::new(
                    path,
                    None,
                    None,
                    format!("RDF/XML prolog longer than {} MiB before the root element is refused", MAX_PROLOG >> 20),
                ));
            }
            Prolog::Incomplete => {}
        }
    }
    let rest = std::mem::replace(reader, Box::new(std::io::empty()));
    *reader = Box::new(BufReader::with_capacity(1 << 16, std::io::Cursor::new(prolog).chain(rest)));
    Ok(())
}

enum Prolog {
    /// An `<!ENTITY` declaration before the root element.
    Entity,
    /// The root element starts here.
    Root,
    /// More input is needed.
    Incomplete,
}

/// Walks the XML prolog: declarations, processing instructions, comments and the DOCTYPE
/// (with its internal subset), until the root element.
fn scan_prolog(t: &[u8]) -> Prolog {
    let find = |from: usize, pat: &[u8]| t[from.min(t.len())..].windows(pat.len()).position(|w| w == pat).map(|p| p + from);
    let mut i = 0;
    while i < t.len() {
        if t[i] != b'<' {
            i += 1;
            continue;
        }
        let rest = &t[i..];
        if rest.starts_with(b"<?") {
            match find(i + 2, b"?>") {
                Some(j) => i = j + 2,
                None => return Prolog::Incomplete,
            }
        } else if rest.starts_with(b"<!--") {
            match find(i + 4, b"-->") {
                Some(j) => i = j + 3,
                None => return Prolog::Incomplete,
            }
        } else if rest.starts_with(b"<!") {
            // DOCTYPE (or another declaration): any ENTITY inside its internal subset counts.
            let mut j = i + 2;
            let mut depth = 0i32;
            loop {
                if j >= t.len() {
                    return Prolog::Incomplete;
                }
                if t[j..].starts_with(b"<!ENTITY") {
                    return Prolog::Entity;
                }
                if t[j..].starts_with(b"<!--") {
                    match find(j + 4, b"-->") {
                        Some(k) => {
                            j = k + 3;
                            continue;
                        }
                        None => return Prolog::Incomplete,
                    }
                }
                match t[j] {
                    b'[' => depth += 1,
                    b']' => depth -= 1,
                    b'>' if depth <= 0 => break,
                    _ => {}
                }
                j += 1;
            }
            i = j + 1;
        } else if rest.len() < 2 {
            return Prolog::Incomplete;
        } else {
            return Prolog::Root;
        }
    }
    Prolog::Incomplete
}

/// Parses quads from a reader, checking each against the project's limits (ill-typed
/// literals refused, whatever `input.lenient` says: see [`parse_reporting`]).
pub fn parse<'a>(input: &'a RdfInput, reader: Box<dyn BufRead + 'a>) -> impl Iterator<Item = Result<Quad, InputError>> + 'a {
    parse_reporting(input, reader, None)
}

/// Parses quads from a reader, checking each against the project's limits. With
/// `input.lenient` and a report, ill-typed literals are kept and noted in the report.
pub fn parse_reporting<'a>(
    input: &'a RdfInput,
    reader: Box<dyn BufRead + 'a>,
    report: Option<&'a std::sync::Mutex<IllTyped>>,
) -> impl Iterator<Item = Result<Quad, InputError>> + 'a {
    let name = input.display_name();
    let mut parser = RdfParser::from_format(input.format);
    if !input.format.supports_datasets() || input.graph != GraphName::DefaultGraph {
        parser = parser.with_default_graph(input.graph.clone());
    }
    if let Some(b) = &input.base {
        // Checked by `with_base`; an unchecked struct is reported at the first quad.
        parser = match parser.clone().with_base_iri(b.as_str()) {
            Ok(p) => p,
            Err(_) => parser,
        };
    }
    let lenient = input.lenient && report.is_some();
    let rdfxml = input.format == RdfFormat::RdfXml;
    parser.for_reader(reader).map(move |r| {
        let mut q = r.map_err(|e| syntax_error(input, &name, &e.to_string()))?;
        if rdfxml {
            if let Term::Literal(l) = &q.object {
                if l.datatype() == oxigraph::model::vocab::rdf::XML_LITERAL {
                    if let Some(v) = without_unused_namespaces(l.value()) {
                        q.object = oxigraph::model::Literal::new_typed_literal(v, oxigraph::model::vocab::rdf::XML_LITERAL).into();
                    }
                }
            }
        }
        if let Term::Literal(l) = &q.object {
            if let Err(e) = super::literal::check(l) {
                let ill_typed = l.value().len() <= MAX_LITERAL;
                let line = find_line(input, l.value());
                if lenient && ill_typed {
                    if let Some(r) = report {
                        r.lock()
                            .unwrap_or_else(std::sync::PoisonError::into_inner)
                            .note(format!("{name}{}: {e}", line.map(|n| format!(":{n}")).unwrap_or_default()));
                    }
                } else {
                    let hint = match (ill_typed, super::literal::check_text(l.value()).is_err()) {
                        (false, _) => "",
                        (true, true) => "; a text with control characters is still valid RDF: pass --lenient to keep it",
                        (true, false) => "; an ill-typed literal is still valid RDF: pass --lenient to keep it",
                    };
                    return Err(InputError::new(&name, line, None, format!("{e} (subject {}){hint}", q.subject)));
                }
            }
        }
        Ok(q)
    })
}

/// An `rdf:parseType="Literal"` value as exclusive XML canonicalisation writes it: Oxigraph's
/// RDF/XML parser copies every namespace declaration in scope onto the literal's elements
/// (`<br xmlns:rdf="…" xmlns:eg="…"></br>`); a declaration whose prefix no element or attribute
/// of the literal uses is dropped (`<br></br>`, as W3C xml-canon-test001 expects). None when
/// nothing changes.
fn without_unused_namespaces(xml: &str) -> Option<String> {
    static DECL: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let decl = DECL.get_or_init(|| regex::Regex::new(r#"\s+xmlns:([A-Za-z_][\w.-]*)\s*=\s*("[^"]*"|'[^']*')"#).expect("a valid regex"));
    let stripped = decl.replace_all(xml, "");
    let mut out = xml.to_owned();
    let mut changed = false;
    let prefixes: std::collections::BTreeSet<String> = decl.captures_iter(xml).map(|c| c[1].to_owned()).collect();
    for p in prefixes {
        let used = stripped.contains(&format!("<{p}:"))
            || stripped.contains(&format!("</{p}:"))
            || regex::Regex::new(&format!(r"\s{}:[\w.-]+\s*=", regex::escape(&p))).is_ok_and(|r| r.is_match(&stripped));
        if !used {
            let one = regex::Regex::new(&format!(r#"\s+xmlns:{}\s*=\s*("[^"]*"|'[^']*')"#, regex::escape(&p))).ok()?;
            out = one.replace_all(&out, "").into_owned();
            changed = true;
        }
    }
    changed.then_some(out)
}

/// A parser's error, with a hint when it comes from a relative IRI without a base.
fn syntax_error(input: &RdfInput, name: &str, message: &str) -> InputError {
    let relative = message.contains("No scheme found") || message.contains("relative IRI") || message.contains("without a base");
    let hint = match (&input.base, relative) {
        (None, true) if input.path == "-" => {
            " (a relative IRI, and stdin has no base IRI to resolve it against: pass --base IRI)".to_owned()
        }
        (None, true) => " (a relative IRI, and the input has no base IRI: pass --base IRI)".to_owned(),
        _ => String::new(),
    };
    InputError::new(name, None, None, format!("{message}{hint}"))
}

/// The first line of a file that holds this text (for messages about a literal; parsers give
/// no position for a term they accepted). None for stdin or when the text is not found as is
/// (escaped in the file).
fn find_line(input: &RdfInput, text: &str) -> Option<u64> {
    if input.path == "-" || text.is_empty() || text.contains('\n') {
        return None;
    }
    let file = std::fs::File::open(&input.path).ok()?;
    for (i, line) in BufReader::new(file).lines().enumerate() {
        if line.ok()?.contains(text) {
            return Some(i as u64 + 1);
        }
    }
    None
}

/// Reads a whole input into memory (ill-typed literals refused).
pub fn read_all(input: &RdfInput) -> Result<Vec<Quad>, InputError> {
    read_all_reporting(input, None)
}

/// Reads a whole input into memory, noting kept ill-typed literals in `report`.
pub fn read_all_reporting(input: &RdfInput, report: Option<&std::sync::Mutex<IllTyped>>) -> Result<Vec<Quad>, InputError> {
    let mut reader = open(&input.path)?;
    if input.format == RdfFormat::RdfXml {
        check_rdfxml_prolog_reader(&input.path, &mut reader)?;
    }
    parse_reporting(input, reader, report).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn tmp(content: &[u8], ext: &str) -> tempfile::NamedTempFile {
        let mut f = tempfile::Builder::new().suffix(ext).tempfile().unwrap();
        f.write_all(content).unwrap();
        f
    }

    #[test]
    fn a_byte_order_mark_before_turtle_is_accepted() {
        let f = tmp(b"\xEF\xBB\xBF<http://a> <http://b> <http://c> .\n", ".ttl");
        let p = f.path().to_str().unwrap();
        let input = RdfInput::new(p, guess_format(p, None).unwrap(), GraphName::DefaultGraph);
        assert_eq!(read_all(&input).unwrap().len(), 1);
    }

    #[test]
    fn broken_turtle_names_file_and_position() {
        let f = tmp(b"<http://a> <http://b> <http://c> .\n<http://a> <http://b> .\n", ".ttl");
        let p = f.path().to_str().unwrap();
        let input = RdfInput::new(p, RdfFormat::Turtle, GraphName::DefaultGraph);
        let e = read_all(&input).unwrap_err().to_string();
        assert!(e.contains(p) && (e.contains("line 2") || e.contains("2:")), "{e}");
    }

    #[test]
    fn rdfxml_entities_are_refused() {
        let doc =
            br#"<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaa">]><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/>"#;
        let f = tmp(doc, ".rdf");
        let p = f.path().to_str().unwrap();
        let input = RdfInput::new(p, RdfFormat::RdfXml, GraphName::DefaultGraph);
        assert!(read_all(&input).unwrap_err().message.contains("entity"));
    }

    #[test]
    fn relative_iris_resolve_against_the_base_and_say_so_without_one() {
        let f = tmp(b"<s> <p> <#o> .\n", ".ttl");
        let p = f.path().to_str().unwrap();
        let input = RdfInput::new(p, RdfFormat::Turtle, GraphName::DefaultGraph);
        let e = read_all(&input).unwrap_err().to_string();
        assert!(e.contains("relative IRI") && e.contains("--base"), "{e}");
        let input = input.with_base(Some("http://example.org/dir/".into())).unwrap();
        let q = read_all(&input).unwrap();
        assert_eq!(q[0].subject.to_string(), "<http://example.org/dir/s>");
        assert_eq!(q[0].object.to_string(), "<http://example.org/dir/#o>");
        assert!(RdfInput::new(p, RdfFormat::Turtle, GraphName::DefaultGraph).with_base(Some("dir/".into())).is_err());
    }

    #[test]
    fn a_files_default_base_is_its_own_file_iri() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a b#.ttl");
        std::fs::write(&path, "<x> <y> <z> .").unwrap();
        let base = file_base(path.to_str().unwrap()).unwrap();
        assert!(base.starts_with("file:///") && base.ends_with("/a%20b%23.ttl"), "{base}");
        assert_eq!(file_base("-"), None);
    }

    #[test]
    fn ill_typed_literals_are_refused_with_their_line_or_kept_when_lenient() {
        let f = tmp(b"<http://a> <http://b> 1 .\n<http://a> <http://b> \"flargh\"^^<http://www.w3.org/2001/XMLSchema#integer> .\n", ".ttl");
        let p = f.path().to_str().unwrap();
        let input = RdfInput::new(p, RdfFormat::Turtle, GraphName::DefaultGraph);
        let e = read_all(&input).unwrap_err();
        assert_eq!(e.line, Some(2), "{e}");
        assert!(e.message.contains("flargh") && e.message.contains("--lenient"), "{e}");
        let report = std::sync::Mutex::new(IllTyped::default());
        // Lenient without a report to count in: still refused (nothing may be kept silently).
        assert!(read_all_reporting(&input.clone().with_lenient(true), None).is_err());
        let quads = read_all_reporting(&input.with_lenient(true), Some(&report)).unwrap();
        assert_eq!(quads.len(), 2);
        let report = report.into_inner().unwrap();
        assert_eq!(report.count, 1);
        assert!(report.examples[0].contains(":2:") && report.examples[0].contains("flargh"), "{:?}", report.examples);
    }

    #[test]
    fn xml_literals_drop_the_namespace_declarations_they_do_not_use() {
        let rdf = r#"<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:eg="http://example.org/">
  <rdf:Description rdf:about="http://www.example.org/a">
    <eg:prop rdf:parseType="Literal"><br /></eg:prop>
    <eg:other rdf:parseType="Literal"><eg:b eg:x="1">t</eg:b></eg:other>
  </rdf:Description>
</rdf:RDF>"#;
        let f = tmp(rdf.as_bytes(), ".rdf");
        let p = f.path().to_str().unwrap();
        let quads = read_all(&RdfInput::new(p, RdfFormat::RdfXml, GraphName::DefaultGraph)).unwrap();
        let values: Vec<String> = quads.iter().map(|q| q.object.to_string()).collect();
        assert!(values.iter().any(|v| v.starts_with("\"<br></br>\"")), "{values:?}");
        // A prefix the literal uses keeps its declaration; an unused one goes.
        let kept = values.iter().find(|v| v.contains("eg:b")).unwrap();
        assert!(kept.contains("xmlns:eg=") && !kept.contains("xmlns:rdf="), "{kept}");
    }

    #[test]
    fn unknown_extensions_ask_for_format() {
        assert!(guess_format("x.yaml", None).unwrap_err().message.contains("--format"));
        assert!(guess_format("-", None).is_err());
    }
}
