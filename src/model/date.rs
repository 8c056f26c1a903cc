//! Partial dates: a year, a year and month, or a full date, keeping their precision.
//!
//! "As of" questions compare the *bounds* of a partial date: `2012` starts no later than
//! 2012-12-31 and ends no earlier than 2012-01-01, so a membership that starts in 2012 is not
//! known to hold on 2012-01-01, and one that ends in 2012 is not known to hold in 2013.

use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

/// A calendar date of known precision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PartialDate {
    Year(i32),
    YearMonth(i32, u8),
    Date(i32, u8, u8),
}

/// Why a string is not a partial date.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DateError {
    #[error("'{0}' is not a date: expected YYYY, YYYY-MM or YYYY-MM-DD")]
    Syntax(String),
    #[error("'{0}' has no month {1}")]
    Month(String, u32),
    #[error("'{input}' is impossible: {year}-{month:02} has {max} days")]
    Day { input: String, year: i32, month: u8, max: u8 },
    #[error("year {0} is outside the supported range 1000–2999")]
    Range(i32),
}

/// Days in a month of the proleptic Gregorian calendar.
pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        _ => 28,
    }
}

impl PartialDate {
    /// A year, checked to lie in the range the project supports.
    pub fn year(year: i32) -> Result<Self, DateError> {
        check_year(year)?;
        Ok(Self::Year(year))
    }

    /// A year and month, checked.
    pub fn year_month(year: i32, month: u32) -> Result<Self, DateError> {
        check_year(year)?;
        if !(1..=12).contains(&month) {
            return Err(DateError::Month(format!("{year}-{month:02}"), month));
        }
        Ok(Self::YearMonth(year, month as u8))
    }

    /// A full date, checked against the calendar (no 2023-02-29).
    pub fn ymd(year: i32, month: u32, day: u32) -> Result<Self, DateError> {
        let input = format!("{year}-{month:02}-{day:02}");
        check_year(year)?;
        if !(1..=12).contains(&month) {
            return Err(DateError::Month(input, month));
        }
        let max = days_in_month(year, month as u8);
        if day == 0 || day > u32::from(max) {
            return Err(DateError::Day { input, year, month: month as u8, max });
        }
        Ok(Self::Date(year, month as u8, day as u8))
    }

    pub fn year_value(self) -> i32 {
        match self {
            Self::Year(y) | Self::YearMonth(y, _) | Self::Date(y, _, _) => y,
        }
    }

    /// The first day the partial date may denote.
    pub fn earliest(self) -> (i32, u8, u8) {
        match self {
            Self::Year(y) => (y, 1, 1),
            Self::YearMonth(y, m) => (y, m, 1),
            Self::Date(y, m, d) => (y, m, d),
        }
    }

    /// The last day the partial date may denote.
    pub fn latest(self) -> (i32, u8, u8) {
        match self {
            Self::Year(y) => (y, 12, 31),
            Self::YearMonth(y, m) => (y, m, days_in_month(y, m)),
            Self::Date(y, m, d) => (y, m, d),
        }
    }

    /// `YYYY-MM-DD` of the earliest day.
    pub fn earliest_iso(self) -> String {
        let (y, m, d) = self.earliest();
        format!("{y:04}-{m:02}-{d:02}")
    }

    /// `YYYY-MM-DD` of the latest day.
    pub fn latest_iso(self) -> String {
        let (y, m, d) = self.latest();
        format!("{y:04}-{m:02}-{d:02}")
    }

    /// The XML Schema datatype local name that keeps this precision.
    pub fn xsd_local_name(self) -> &'static str {
        match self {
            Self::Year(_) => "gYear",
            Self::YearMonth(..) => "gYearMonth",
            Self::Date(..) => "date",
        }
    }

    /// True when `self` surely ends before `other` surely begins.
    pub fn surely_before(self, other: Self) -> bool {
        self.latest() < other.earliest()
    }

    /// Does this partial date agree with `other` to the precision of `self`?
    /// (`2024-11` matches `2024-11-28`; `2024-11-28` does not match `2024-11`.)
    pub fn matches_at_precision_of_self(self, other: Self) -> bool {
        match (self, other) {
            (Self::Year(y), o) => o.year_value() == y,
            (Self::YearMonth(y, m), Self::YearMonth(oy, om) | Self::Date(oy, om, _)) => y == oy && m == om,
            (Self::Date(..), o) => self == o,
            _ => false,
        }
    }

    /// Orders two partial dates by their earliest day, then by precision.
    pub fn cmp_earliest(self, other: Self) -> Ordering {
        self.earliest().cmp(&other.earliest())
    }
}

fn check_year(year: i32) -> Result<(), DateError> {
    if (1000..=2999).contains(&year) {
        Ok(())
    } else {
        Err(DateError::Range(year))
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Year(y) => write!(f, "{y:04}"),
            Self::YearMonth(y, m) => write!(f, "{y:04}-{m:02}"),
            Self::Date(y, m, d) => write!(f, "{y:04}-{m:02}-{d:02}"),
        }
    }
}

impl FromStr for PartialDate {
    type Err = DateError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim();
        let syntax = || DateError::Syntax(s.to_owned());
        let parts: Vec<&str> = t.split('-').collect();
        let num = |p: &str, len: usize| -> Result<u32, DateError> {
            if p.len() == len && p.bytes().all(|b| b.is_ascii_digit()) {
                p.parse().map_err(|_| syntax())
            } else {
                Err(syntax())
            }
        };
        match parts.as_slice() {
            [y] => Self::year(num(y, 4)? as i32),
            [y, m] => Self::year_month(num(y, 4)? as i32, num(m, 2)?),
            [y, m, d] => Self::ymd(num(y, 4)? as i32, num(m, 2)?, num(d, 2)?),
            _ => Err(syntax()),
        }
    }
}

impl serde::Serialize for PartialDate {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for PartialDate {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_each_precision_and_prints_it_back() {
        for s in ["2024", "2024-11", "2024-11-28", "2000-02-29"] {
            assert_eq!(s.parse::<PartialDate>().unwrap().to_string(), s);
        }
    }

    #[test]
    fn rejects_impossible_and_malformed_dates() {
        for s in ["2023-02-29", "2024-13", "2024-00-10", "2024-04-31", "24-11", "2024/11", "", "abcd", "2024-1-5", "0999"] {
            assert!(s.parse::<PartialDate>().is_err(), "{s} should be rejected");
        }
        let err = "2023-02-29".parse::<PartialDate>().unwrap_err().to_string();
        assert!(err.contains("28 days"), "{err}");
    }

    #[test]
    fn bounds_follow_the_precision() {
        let d: PartialDate = "2024-02".parse().unwrap();
        assert_eq!(d.earliest_iso(), "2024-02-01");
        assert_eq!(d.latest_iso(), "2024-02-29");
        let y: PartialDate = "2012".parse().unwrap();
        assert_eq!((y.earliest_iso(), y.latest_iso()), ("2012-01-01".into(), "2012-12-31".into()));
    }

    #[test]
    fn matching_is_to_the_precision_of_the_first_date() {
        let m: PartialDate = "2024-11".parse().unwrap();
        let d: PartialDate = "2024-11-28".parse().unwrap();
        assert!(m.matches_at_precision_of_self(d));
        assert!(!d.matches_at_precision_of_self(m));
        assert!(PartialDate::Year(2024).matches_at_precision_of_self(d));
    }

    #[test]
    fn surely_before_uses_bounds() {
        let a: PartialDate = "2012".parse().unwrap();
        let b: PartialDate = "2012-06-01".parse().unwrap();
        assert!(!a.surely_before(b));
        assert!(a.surely_before("2013-01-01".parse().unwrap()));
    }
}
