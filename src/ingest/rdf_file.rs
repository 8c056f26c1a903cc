//! RDF files: Turtle, N-Triples, N-Quads, TriG, RDF/XML, JSON-LD, from a path or stdin.
//!
//! Checked where they enter: a UTF-8 byte-order mark is skipped, RDF/XML with DOCTYPE entity
//! declarations is refused (entity expansion), literals larger than [`MAX_LITERAL`] are
//! refused, and syntax errors name the file and position.

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

/// Parses quads from a reader, checking each against the project's limits.
pub fn parse<'a>(input: &'a RdfInput, reader: Box<dyn BufRead + 'a>) -> impl Iterator<Item = Result<Quad, InputError>> + 'a {
    let name = if input.path == "-" { "<stdin>".to_owned() } else { input.path.clone() };
    let mut parser = RdfParser::from_format(input.format);
    if !input.format.supports_datasets() || input.graph != GraphName::DefaultGraph {
        parser = parser.with_default_graph(input.graph.clone());
    }
    parser.for_reader(reader).map(move |r| {
        let q = r.map_err(|e| InputError::new(&name, None, None, e.to_string()))?;
        if let Term::Literal(l) = &q.object {
            super::literal::check(l).map_err(|e| InputError::new(&name, None, None, format!("{e} (subject {})", q.subject)))?;
        }
        Ok(q)
    })
}

/// Reads a whole input into memory.
pub fn read_all(input: &RdfInput) -> Result<Vec<Quad>, InputError> {
    let mut reader = open(&input.path)?;
    if input.format == RdfFormat::RdfXml {
        check_rdfxml_prolog_reader(&input.path, &mut reader)?;
    }
    parse(input, reader).collect()
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
        let input = RdfInput { path: p.into(), format: guess_format(p, None).unwrap(), graph: GraphName::DefaultGraph };
        assert_eq!(read_all(&input).unwrap().len(), 1);
    }

    #[test]
    fn broken_turtle_names_file_and_position() {
        let f = tmp(b"<http://a> <http://b> <http://c> .\n<http://a> <http://b> .\n", ".ttl");
        let p = f.path().to_str().unwrap();
        let input = RdfInput { path: p.into(), format: RdfFormat::Turtle, graph: GraphName::DefaultGraph };
        let e = read_all(&input).unwrap_err().to_string();
        assert!(e.contains(p) && (e.contains("line 2") || e.contains("2:")), "{e}");
    }

    #[test]
    fn rdfxml_entities_are_refused() {
        let doc =
            br#"<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaa">]><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/>"#;
        let f = tmp(doc, ".rdf");
        let p = f.path().to_str().unwrap();
        let input = RdfInput { path: p.into(), format: RdfFormat::RdfXml, graph: GraphName::DefaultGraph };
        assert!(read_all(&input).unwrap_err().message.contains("entity"));
    }

    #[test]
    fn unknown_extensions_ask_for_format() {
        assert!(guess_format("x.yaml", None).unwrap_err().message.contains("--format"));
        assert!(guess_format("-", None).is_err());
    }
}
