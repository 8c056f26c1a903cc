//! Literals checked where they enter: a value must be valid for its XSD datatype
//! (`"abc"^^xsd:integer` is refused; Oxigraph's parsers accept it and a query would then
//! compare garbage), and no literal may exceed [`MAX_LITERAL`] bytes.
//!
//! xsd:decimal, xsd:integer and the integer types without bounds have arbitrary precision:
//! they are checked against their lexical space (digits and a sign), never by parsing into a
//! fixed-precision number, so `"2.2340000000000000005"^^xsd:decimal` and a 60-digit integer
//! are valid. The bounded integer types (xsd:long, xsd:byte, …) compare digit strings with
//! their bounds, whatever the length.

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
        "decimal" => is_decimal(v),
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
        "integer" => in_range(v, None, None),
        "long" => in_range(v, Some(i64::MIN.into()), Some(i64::MAX.into())),
        "int" => in_range(v, Some(i32::MIN.into()), Some(i32::MAX.into())),
        "short" => in_range(v, Some(i16::MIN.into()), Some(i16::MAX.into())),
        "byte" => in_range(v, Some(i8::MIN.into()), Some(i8::MAX.into())),
        "nonNegativeInteger" => in_range(v, Some(0), None),
        "positiveInteger" => in_range(v, Some(1), None),
        "nonPositiveInteger" => in_range(v, None, Some(0)),
        "negativeInteger" => in_range(v, None, Some(-1)),
        "unsignedLong" => in_range(v, Some(0), Some(u64::MAX.into())),
        "unsignedInt" => in_range(v, Some(0), Some(u32::MAX.into())),
        "unsignedShort" => in_range(v, Some(0), Some(u16::MAX.into())),
        "unsignedByte" => in_range(v, Some(0), Some(u8::MAX.into())),
        "anyURI" => !v.chars().any(|c| c.is_control()),
        _ => true,
    };
    if ok {
        Ok(())
    } else {
        Err(format!("{l} is not a valid xsd:{local}"))
    }
}

/// XML Schema's whitespace facet (collapse) for the numeric types: leading and trailing
/// spaces are not part of the value.
fn collapse(v: &str) -> &str {
    v.trim_matches(|c: char| c == ' ' || c == '\t' || c == '\n' || c == '\r')
}

/// The lexical space of xsd:decimal: `(+|-)?([0-9]+(.[0-9]*)?|.[0-9]+)`, any length.
fn is_decimal(v: &str) -> bool {
    let t = collapse(v);
    let unsigned = t.strip_prefix(['+', '-']).unwrap_or(t);
    let (int, frac) = unsigned.split_once('.').unwrap_or((unsigned, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    (!int.is_empty() || !frac.is_empty()) && digits(int) && digits(frac)
}

/// An integer of any length (`(+|-)?[0-9]+`) within the optional bounds, compared as digit
/// strings so that no length overflows.
fn in_range(v: &str, lo: Option<i128>, hi: Option<i128>) -> bool {
    let t = collapse(v);
    let negative = t.starts_with('-');
    let digits = t.strip_prefix(['+', '-']).unwrap_or(t);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    let magnitude = digits.trim_start_matches('0');
    let zero = magnitude.is_empty();
    let value = if magnitude.len() <= 38 { format!("{}{magnitude}", if negative { "-" } else { "" }).parse::<i128>().ok() } else { None };
    let value = if zero { Some(0) } else { value };
    match value {
        Some(n) => lo.is_none_or(|lo| n >= lo) && hi.is_none_or(|hi| n <= hi),
        // More than 38 digits: beyond every bound of the XSD integer types.
        None => {
            if negative {
                lo.is_none()
            } else {
                hi.is_none()
            }
        }
    }
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
            ("1.2.3", "decimal"),
            (".", "decimal"),
            ("1e3", "decimal"),
            ("12345678901234567890123456789012345678901234567890", "long"),
            ("-12345678901234567890123456789012345678901234567890", "nonNegativeInteger"),
            ("99999999999999999999999999999999999999999999", "unsignedLong"),
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
            ("-0", "nonPositiveInteger"),
            ("9223372036854775807", "long"),
            ("18446744073709551615", "unsignedLong"),
        ] {
            assert_eq!(check(&lit(v, dt)), Ok(()), "{v}^^{dt}");
        }
        assert_eq!(check(&Literal::new_language_tagged_literal_unchecked("أرمينيا", "ar")), Ok(()));
    }

    #[test]
    fn decimals_and_integers_of_any_length_are_valid() {
        // turtle-subm-26: more digits than any fixed-precision decimal holds.
        for (v, dt) in [
            ("2.2340000000000000005", "decimal"),
            ("-123456789012345678901234567890.123456789012345678901234567890", "decimal"),
            ("1.", "decimal"),
            (".5", "decimal"),
            ("+3", "decimal"),
            ("123456789012345678901234567890123456789012345678901234567890", "integer"),
            ("-123456789012345678901234567890123456789012345678901234567890", "integer"),
            ("123456789012345678901234567890123456789012345678901234567890", "nonNegativeInteger"),
            ("-123456789012345678901234567890123456789012345678901234567890", "negativeInteger"),
            ("000000000000000000000000000000000000000000000000000000000001", "byte"),
        ] {
            assert_eq!(check(&lit(v, dt)), Ok(()), "{v}^^{dt}");
        }
    }

    #[test]
    fn huge_literals_are_refused() {
        let e = check(&Literal::from("a".repeat(MAX_LITERAL + 1))).unwrap_err();
        assert!(e.contains("exceeds the limit"), "{e}");
    }
}
