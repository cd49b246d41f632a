//! Calendar dates as Vietnamese documents write them (`ngày 01/10/2021`).

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::ops::RangeInclusive;

/// A year in a date pattern, as a macro so the patterns below can be joined at compile time.
macro_rules! year {
    () => {
        r"(?:19|20)\d\d"
    };
}

/// The years a document date may fall in: wider than any archive (the Party was founded in
/// 1930), narrow enough that a number like `3000` is never read as a year.
pub const YEARS: RangeInclusive<i32> = 1900..=2100;

/// A year in running text, as regex: four digits from 1900 to 2099, the years of `YEARS`
/// a document can print.
pub const YEAR_PATTERN: &str = year!();

/// A date printed in numbers, `01/10/2021`, `1-10-2021`, `01.10.2021`; captures day, month
/// and year, in that order (read them with [`Date::from_groups`]).
pub const NUMERIC_DATE: &str = concat!(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](", year!(), ")");

/// A date printed in words, `ngày 10 tháng 12 năm 2022`, also as typed without diacritics;
/// captures day, month and year, in that order.
pub const WORDED_DATE: &str = concat!(
    r"(?:ngày|ngay)\s+(\d{1,2})\s+(?:tháng|thang)\s+(\d{1,2})\s+(?:năm|nam)\s+(",
    year!(),
    ")"
);

/// A month, `tháng 10/2020` or `tháng 10 năm 2020`; captures month and year.
pub const MONTH_DATE: &str = concat!(
    r"(?:tháng|thang)\s+(\d{1,2})\s*(?:/|-|\.|\s(?:năm|nam)\s)\s*(",
    year!(),
    ")"
);

/// A valid calendar date, shown as `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: i32,
    month: u8,
    day: u8,
}

impl Date {
    /// A date, if it exists on the calendar.
    pub fn new(year: i32, month: u32, day: u32) -> Option<Date> {
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        let plausible = YEARS.contains(&year) && (1..=days).contains(&day);
        plausible.then_some(Date {
            year,
            month: month as u8,
            day: day as u8,
        })
    }

    /// Reads `DD/MM/YYYY` (or `D/M/YYYY`, dashes or dots for slashes).
    pub fn parse_dmy(text: &str) -> Option<Date> {
        let mut parts = text
            .trim()
            .split(['/', '-', '.'])
            .map(|p| p.trim().parse::<u32>().ok());
        let (day, month, year) = (parts.next()??, parts.next()??, parts.next()??);
        if parts.next().is_some() {
            return None;
        }
        Date::new(year as i32, month, day)
    }

    /// The date in the three groups from `first` of a match of [`NUMERIC_DATE`] or
    /// [`WORDED_DATE`] (day, month, year), or `None` when they did not take part or name no
    /// date.
    pub fn from_groups(c: &regex::Captures, first: usize) -> Option<Date> {
        let number = |i: usize| c.get(first + i)?.as_str().parse::<u32>().ok();
        Date::new(number(2)? as i32, number(1)?, number(0)?)
    }

    /// Reads `YYYY-MM-DD`, the form tracuu prints and sidecar files use.
    pub fn parse_iso(text: &str) -> Option<Date> {
        let mut parts = text.trim().split('-').map(|p| p.parse::<u32>().ok());
        let (year, month, day) = (parts.next()??, parts.next()??, parts.next()??);
        Date::new(year as i32, month, day)
    }

    /// The date as Vietnamese readers write it, `11/12/2020`; JSON keeps the ISO form.
    pub fn shown(self) -> String {
        format!("{:02}/{:02}/{}", self.day, self.month, self.year)
    }

    /// The year.
    pub fn year(self) -> i32 {
        self.year
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        super::stored::from_display(d, Date::parse_iso, "date")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vietnamese_day_month_year_is_read() {
        assert_eq!(
            Date::parse_dmy("01/10/2021").unwrap().to_string(),
            "2021-10-01"
        );
        assert_eq!(
            Date::parse_dmy("11/5/2026").unwrap().to_string(),
            "2026-05-11"
        );
        assert_eq!(Date::parse_iso("2026-05-11"), Date::parse_dmy("11/5/2026"));
        assert_eq!(Date::parse_dmy("1/10/2021").unwrap().shown(), "01/10/2021");
    }

    #[test]
    fn the_patterns_read_every_printed_form() {
        let numeric = regex::Regex::new(NUMERIC_DATE).unwrap();
        let worded = regex::Regex::new(WORDED_DATE).unwrap();
        let month = regex::Regex::new(MONTH_DATE).unwrap();
        let read = |re: &regex::Regex, t: &str| Date::from_groups(&re.captures(t)?, 1);
        assert_eq!(
            read(&numeric, "ngày 1.10.2021"),
            Date::parse_dmy("01/10/2021")
        );
        assert_eq!(
            read(&worded, "ngay 01 thang 10 nam 2021"),
            Date::parse_dmy("1/10/2021")
        );
        assert_eq!(read(&worded, "ngày 31 tháng 02 năm 2021"), None);
        assert_eq!(read(&numeric, "12/5/3021"), None);
        assert!(month.is_match("tháng 10 năm 2020") && month.is_match("tháng 10/2020"));
    }

    #[test]
    fn impossible_dates_are_refused() {
        assert_eq!(Date::parse_dmy("31/02/2021"), None);
        assert_eq!(Date::parse_dmy("12/13/2021"), None);
        assert_eq!(Date::parse_dmy("24/51"), None);
    }
}
