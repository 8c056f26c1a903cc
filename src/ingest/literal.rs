//! Literals checked where they enter: a value must be valid for its XSD datatype
//! (`"abc"^^xsd:integer` is refused; Oxigraph's parsers accept it and a query would then
//! compare garbage), and no literal may exceed [`MAX_LITERAL`] bytes.

use oxigraph::model::{Literal, Term};
use oxsdatatypes as x;
use std::str::FromStr;

/// The largest literal accepted at any door, in bytes.
pub const MAX_LITERAL: usize = 1 << 20;

const XSD: &str = "http://www.w3.org/2001/XMLSchema#";

/// Checks that a text holds no control character other than tab and line breaks, nor a
/// character XML 1.0 cannot hold (U+FFFE, U+FFFF): such a name would break the GraphML and
/// RDF/XML exports and could drive the terminal that prints it.
pub fn check_text(v: &str) -> Result<(), String> {
    match v.chars().enumerate().find(|(_, c)| (c.is_control() && !matches!(c, '\t' | '\n' | '\r')) || !crate::format::is_xml_char(*c)) {
        None => Ok(()),
        Some((i, c)) => Err(format!(
            "the text holds the control character U+{:04X} at character {i}: texts may hold tabs and line breaks but no other control character",
            u32::from(c)
        )),
    }
}

/// Checks a literal's size, its characters ([`check_text`]) and, for the XSD datatypes with a
/// lexical space, its value.
pub fn check(l: &Literal) -> Result<(), String> {
    if l.value().len() > MAX_LITERAL {
        return Err(format!("a literal of {} bytes exceeds the limit of {MAX_LITERAL} bytes", l.value().len()));
    }
    check_text(l.value())?;
    let Some(local) = l.datatype().as_str().strip_prefix(XSD) else { return Ok(()) };
    let v = l.value();
    let ok = match local {
        "boolean" => x::Boolean::from_str(v).is_ok(),
        "decimal" => x::Decimal::from_str(v).is_ok(),
        "double" => x::Double::from_str(v).is_ok(),
        "float" => x::Float::from_str(v).is_ok(),
        "date" => x::Date::from_str(v).is_ok(),
        "dateTime" => x::DateTime::from_str(v).is_ok(),
        "dateTimeStamp" => x::DateTime::from_str(v).is_ok_and(|d| d.timezone().is_some()),
        "time" => x::Time::from_str(v).is_ok(),
        "gYear" => x::GYear::from_str(v).is_ok(),
        "gYearMonth" => x::GYearMonth::from_str(v).is_ok(),
        "gMonth" => x::GMonth::from_str(v).is_ok(),
        "gMonthDay" => x::GMonthDay::from_str(v).is_ok(),
        "gDay" => x::GDay::from_str(v).is_ok(),
        "duration" => x::Duration::from_str(v).is_ok(),
        "dayTimeDuration" => x::DayTimeDuration::from_str(v).is_ok(),
        "yearMonthDuration" => x::YearMonthDuration::from_str(v).is_ok(),
        "integer" => x::Integer::from_str(v).is_ok(),
        "long" => in_range(v, i64::MIN.into(), i64::MAX.into()),
        "int" => in_range(v, i32::MIN.into(), i32::MAX.into()),
        "short" => in_range(v, i16::MIN.into(), i16::MAX.into()),
        "byte" => in_range(v, i8::MIN.into(), i8::MAX.into()),
        "nonNegativeInteger" => in_range(v, 0, i128::MAX),
        "positiveInteger" => in_range(v, 1, i128::MAX),
        "nonPositiveInteger" => in_range(v, i128::MIN, 0),
        "negativeInteger" => in_range(v, i128::MIN, -1),
        "unsignedLong" => in_range(v, 0, u64::MAX.into()),
        "unsignedInt" => in_range(v, 0, u32::MAX.into()),
        "unsignedShort" => in_range(v, 0, u16::MAX.into()),
        "unsignedByte" => in_range(v, 0, u8::MAX.into()),
        "anyURI" => !v.chars().any(|c| c.is_control()),
        _ => true,
    };
    if ok {
        Ok(())
    } else {
        Err(format!("{l} is not a valid xsd:{local}"))
    }
}

fn in_range(v: &str, lo: i128, hi: i128) -> bool {
    let t = v.trim_matches(|c: char| c == ' ' || c == '\t' || c == '\n' || c == '\r');
    let digits = t.strip_prefix(['+', '-']).unwrap_or(t);
    !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) && t.parse::<i128>().is_ok_and(|n| (lo..=hi).contains(&n))
}

/// Checks a term (only literals have anything to check).
pub fn check_term(t: &Term) -> Result<(), String> {
    match t {
        Term::Literal(l) => check(l),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxigraph::model::NamedNode;

    fn lit(v: &str, dt: &str) -> Literal {
        Literal::new_typed_literal(v, NamedNode::new(format!("{XSD}{dt}")).unwrap())
    }

    #[test]
    fn control_characters_are_refused_at_the_door_issue_14_6() {
        for v in ["bell\u{7}", "\u{1b}[31mred", "csi\u{9b}2J", "nul\u{0}", "\u{fffe}"] {
            let e = check(&Literal::new_simple_literal(v)).unwrap_err();
            assert!(e.contains("control character U+"), "{e}");
        }
        for v in ["tab\tand\nlines\r\n", "Армения", "أرمينيا", "emoji 🙂"] {
            check(&Literal::new_language_tagged_literal_unchecked(v, "en")).unwrap();
        }
    }

    #[test]
    fn ill_typed_literals_are_refused() {
        for (v, dt) in [
            ("abc", "integer"),
            ("1.5", "integer"),
            ("2024-13-01", "date"),
            ("yes", "boolean"),
            ("300", "byte"),
            ("-1", "nonNegativeInteger"),
            ("20x4", "gYear"),
            ("", "int"),
        ] {
            let e = check(&lit(v, dt)).unwrap_err();
            assert!(e.contains(&format!("xsd:{dt}")), "{e}");
        }
    }

    #[test]
    fn well_typed_literals_pass() {
        for (v, dt) in [
            ("42", "integer"),
            ("-0", "int"),
            ("2024-11-28", "date"),
            ("2024", "gYear"),
            ("2024-02", "gYearMonth"),
            ("true", "boolean"),
            ("1e3", "double"),
            ("127", "byte"),
            ("2024-11-28T10:00:00Z", "dateTime"),
        ] {
            assert_eq!(check(&lit(v, dt)), Ok(()), "{v}^^{dt}");
        }
        assert_eq!(check(&Literal::new_language_tagged_literal_unchecked("أرمينيا", "ar")), Ok(()));
    }

    #[test]
    fn huge_literals_are_refused() {
        let e = check(&Literal::from("a".repeat(MAX_LITERAL + 1))).unwrap_err();
        assert!(e.contains("exceeds the limit"), "{e}");
    }
}
