//! RDF terms typed by users (`igokg add triple S P O`): N-Triples syntax, plus the project's
//! prefixes (`igoid:Q399`, `"2024"^^xsd:gYear`). Each term is parsed on its own by Oxigraph's
//! term parser, so no user text is ever pasted into a Turtle document.

use crate::vocab::PREFIXES;
use oxigraph::model::{NamedNode, NamedOrBlankNode, Term};
use std::str::FromStr;

/// Expands `prefix:local` to `<iri>` if the prefix is known.
fn expand_prefixed(token: &str) -> Option<String> {
    let (p, local) = token.split_once(':')?;
    if p.is_empty() || !p.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-') {
        return None;
    }
    if local.starts_with("//") {
        return None;
    }
    let ns = PREFIXES.iter().find(|(k, _)| *k == p)?.1;
    Some(format!("<{ns}{local}>"))
}

/// Parses one term.
pub fn parse_term(token: &str) -> Result<Term, String> {
    let t = token.trim();
    if t.is_empty() {
        return Err("empty term".into());
    }
    let rewritten = if t.starts_with('"') {
        match t.rfind("\"^^") {
            Some(i) if !t[i + 3..].starts_with('<') => {
                let dt = expand_prefixed(&t[i + 3..]).ok_or_else(|| format!("unknown datatype prefix in {t}"))?;
                format!("{}{dt}", &t[..i + 3])
            }
            _ => t.to_owned(),
        }
    } else if t.starts_with('<') || t.starts_with("_:") {
        t.to_owned()
    } else if t.starts_with("http://") || t.starts_with("https://") || t.starts_with("urn:") {
        format!("<{t}>")
    } else if let Some(x) = expand_prefixed(t) {
        x
    } else {
        t.to_owned()
    };
    let term = Term::from_str(&rewritten).map_err(|e| format!("'{t}' is not an RDF term: {e}"))?;
    super::literal::check_term(&term)?;
    Ok(term)
}

/// Parses a subject (IRI or blank node).
pub fn parse_subject(token: &str) -> Result<NamedOrBlankNode, String> {
    match parse_term(token)? {
        Term::NamedNode(n) => Ok(n.into()),
        Term::BlankNode(b) => Ok(b.into()),
        _ => Err(format!("'{token}' cannot be a subject: use an IRI or a blank node")),
    }
}

/// Parses an IRI (predicate or graph name).
pub fn parse_iri(token: &str) -> Result<NamedNode, String> {
    match parse_term(token)? {
        Term::NamedNode(n) => Ok(n),
        _ => Err(format!("'{token}' is not an IRI")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixed_names_and_literals_parse() {
        assert_eq!(parse_term("igoid:Q399").unwrap().to_string(), "<https://w3id.org/igokg/id/Q399>");
        assert_eq!(parse_term("\"2024\"^^xsd:gYear").unwrap().to_string(), "\"2024\"^^<http://www.w3.org/2001/XMLSchema#gYear>");
        assert_eq!(parse_term("\"أرمينيا\"@ar").unwrap().to_string(), "\"أرمينيا\"@ar");
        assert_eq!(parse_term("42").unwrap().to_string(), "\"42\"^^<http://www.w3.org/2001/XMLSchema#integer>");
        assert!(parse_term("https://example.org/x").is_ok());
    }

    #[test]
    fn bad_terms_are_rejected_without_injection() {
        for bad in ["<not an iri>", "foo:bar", "\"unterminated", "<a> . <b> <c> <d>", "\"x\" . <a> <b> <c>", ""] {
            assert!(parse_term(bad).is_err(), "{bad}");
        }
        assert!(parse_subject("\"lit\"").is_err());
    }
}
