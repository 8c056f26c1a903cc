//! Dates in text: absolute ("28 ноября 2024 года", "November 28, 2024", "٢٨ نوفمبر/تشرين
//! الثاني ٢٠٢٤"), partial ("in July"), ranges ("from 22 to 24 October") and relative ones
//! resolved against the publication date (today, Thursday, next year, "in July of this year").

use super::lang::Relative;
use crate::model::date::days_in_month;
use crate::model::PartialDate;

/// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm).
pub fn to_days(y: i32, m: u8, d: u8) -> i64 {
    let (y, m, d) = (i64::from(y), i64::from(m), i64::from(d));
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The civil date of a day number.
pub fn from_days(z: i64) -> (i32, u8, u8) {
    let z = z + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    ((if m <= 2 { y + 1 } else { y }) as i32, m, d)
}

/// ISO weekday (Monday = 1) of a date.
pub fn weekday(y: i32, m: u8, d: u8) -> u8 {
    // 1970-01-01 was a Thursday (4).
    ((to_days(y, m, d).rem_euclid(7) + 3) % 7 + 1) as u8
}

/// A full day date, if valid.
pub fn ymd(y: i32, m: u8, d: u8) -> Option<PartialDate> {
    ((1..=12).contains(&m) && d >= 1 && d <= days_in_month(y, m) && (1000..=2999).contains(&y)).then_some(PartialDate::Date(y, m, d))
}

/// The date of a weekday nearest to the publication day (within three days either way).
pub fn resolve_weekday(published: PartialDate, wd: u8) -> Option<PartialDate> {
    let PartialDate::Date(y, m, d) = published else { return None };
    let base = to_days(y, m, d);
    let pw = i64::from(weekday(y, m, d));
    let mut diff = i64::from(wd) - pw;
    if diff > 3 {
        diff -= 7;
    } else if diff < -3 {
        diff += 7;
    }
    let (y, m, d) = from_days(base + diff);
    Some(PartialDate::Date(y, m, d))
}

/// A relative expression resolved against the publication date.
pub fn resolve_relative(published: Option<PartialDate>, rel: Relative) -> Option<PartialDate> {
    let p = published?;
    let y = p.year_value();
    Some(match rel {
        Relative::Today => p,
        Relative::Yesterday | Relative::Tomorrow => {
            let PartialDate::Date(yy, m, d) = p else { return Some(p) };
            let delta = if rel == Relative::Yesterday { -1 } else { 1 };
            let (a, b, c) = from_days(to_days(yy, m, d) + delta);
            PartialDate::Date(a, b, c)
        }
        Relative::ThisYear => PartialDate::Year(y),
        Relative::NextYear => PartialDate::Year(y + 1),
        Relative::LastYear => PartialDate::Year(y - 1),
        Relative::ThisMonth => match p {
            PartialDate::Date(yy, m, _) | PartialDate::YearMonth(yy, m) => PartialDate::YearMonth(yy, m),
            other => other,
        },
        Relative::LastMonth => match p {
            PartialDate::Date(yy, m, _) | PartialDate::YearMonth(yy, m) => {
                if m == 1 {
                    PartialDate::YearMonth(yy - 1, 12)
                } else {
                    PartialDate::YearMonth(yy, m - 1)
                }
            }
            other => other,
        },
        Relative::Last => return None,
        Relative::FirstHalf(_) => PartialDate::YearMonth(y, 1),
        Relative::SecondHalf(_) => PartialDate::YearMonth(y, 7),
    })
}

/// The year of a month named with "last" ("نوفمبر الماضي"): the latest such month before the
/// publication.
pub fn last_month_named(published: Option<PartialDate>, month: u8) -> Option<i32> {
    let p = published?;
    let (y, pm, _) = p.earliest();
    Some(if month < pm { y } else { y - 1 })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weekdays_resolve_to_the_nearest_day() {
        let p = PartialDate::Date(2024, 11, 28); // a Thursday
        assert_eq!(weekday(2024, 11, 28), 4);
        assert_eq!(resolve_weekday(p, 4), Some(PartialDate::Date(2024, 11, 28)));
        assert_eq!(resolve_weekday(p, 3), Some(PartialDate::Date(2024, 11, 27)));
        assert_eq!(resolve_weekday(p, 1), Some(PartialDate::Date(2024, 11, 25)));
        assert_eq!(resolve_weekday(p, 7), Some(PartialDate::Date(2024, 12, 1)));
    }

    #[test]
    fn relative_years_follow_the_publication_date() {
        let p = Some(PartialDate::Date(2024, 11, 28));
        assert_eq!(resolve_relative(p, Relative::NextYear), Some(PartialDate::Year(2025)));
        assert_eq!(resolve_relative(p, Relative::Yesterday), Some(PartialDate::Date(2024, 11, 27)));
        assert_eq!(last_month_named(p, 1), Some(2024));
        assert_eq!(last_month_named(Some(PartialDate::Date(2023, 5, 7)), 11), Some(2022));
    }

    #[test]
    fn day_numbers_round_trip() {
        for d in [to_days(2024, 2, 29), to_days(1999, 12, 31), 0] {
            let (y, m, dd) = from_days(d);
            assert_eq!(to_days(y, m, dd), d);
        }
    }
}
