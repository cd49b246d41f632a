//! Dates as people type them in a query (`28/10/2020`, `28-10-2020`, `28.10.2020`,
//! `ngày 28 tháng 10 năm 2020`, `tháng 10/2020`), and every way a document may print them,
//! as the folded syllable sequences the body field holds.

use crate::vocabulary::{Date, MONTH_DATE, NUMERIC_DATE, WORDED_DATE};
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// A day, or a whole month when `day` is `None`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateQuery {
    /// The day of the month.
    pub day: Option<u32>,
    /// The month.
    pub month: u32,
    /// The year.
    pub year: i32,
}

static NUMERIC: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?i)(?:(?:ngày|ngay)\s+)?{NUMERIC_DATE}")).expect("valid pattern")
});
static WORDS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!("(?i){WORDED_DATE}")).expect("valid pattern"));
static MONTH: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!("(?i){MONTH_DATE}")).expect("valid pattern"));

/// Every date in `text` with its byte range, earliest first; impossible dates are not dates.
pub fn find(text: &str) -> Vec<(DateQuery, Range<usize>)> {
    let mut found: Vec<(DateQuery, Range<usize>)> = Vec::new();
    for (re, whole_day) in [(&*WORDS, true), (&*NUMERIC, true), (&*MONTH, false)] {
        for c in re.captures_iter(text) {
            let span = c.get(0).map_or(0..0, |m| m.range());
            let free = found
                .iter()
                .all(|(_, r)| r.end <= span.start || span.end <= r.start);
            let glued = text[..span.start]
                .chars()
                .next_back()
                .is_some_and(|ch| ch.is_alphanumeric() || ch == '/')
                || text[span.end..]
                    .chars()
                    .next()
                    .is_some_and(|ch| ch.is_alphanumeric() || ch == '/');
            let numbers: Vec<u32> = (1..c.len())
                .filter_map(|i| c.get(i)?.as_str().parse().ok())
                .collect();
            let date = match (whole_day, numbers.as_slice()) {
                (true, &[d, m, y]) => Date::new(y as i32, m, d).map(|_| (Some(d), m, y as i32)),
                (false, &[m, y]) => (1..=12).contains(&m).then_some((None, m, y as i32)),
                _ => None,
            };
            if let (true, false, Some((day, month, year))) = (free, glued, date) {
                found.push((DateQuery { day, month, year }, span));
            }
        }
    }
    found.sort_by_key(|(_, r)| r.start);
    found
}

impl DateQuery {
    /// The folded syllable sequences a document may print this date (or month) as: `28 10
    /// 2020` for `28/10/2020` and `28-10-2020`, `28.10.2020` as one syllable, `28 thang 10
    /// nam 2020`; with and without the leading zero of day and month. A month is also each
    /// of its days written with dots, which the analyzer keeps as one syllable.
    pub fn sequences(&self) -> Vec<Vec<String>> {
        let year = self.year.to_string();
        let mut out = Vec::new();
        for m in padded(self.month) {
            match self.day {
                Some(day) => {
                    for d in padded(day) {
                        out.push(vec![d.clone(), m.clone(), year.clone()]);
                        out.push(vec![format!("{d}.{m}.{year}")]);
                        out.push(words(&[&d, "thang", &m, "nam", &year]));
                    }
                }
                None => {
                    out.push(vec![m.clone(), year.clone()]);
                    out.push(words(&["thang", &m, "nam", &year]));
                    let days = (1..=31).filter(|&d| Date::new(self.year, self.month, d).is_some());
                    for d in days.flat_map(padded) {
                        out.push(vec![format!("{d}.{m}.{year}")]);
                    }
                }
            }
        }
        out
    }

    /// The date as people read it: `28/10/2020`, or `tháng 10/2020`.
    pub fn shown(&self) -> String {
        match self.day {
            Some(d) => format!("{d:02}/{:02}/{}", self.month, self.year),
            None => format!("tháng {}/{}", self.month, self.year),
        }
    }
}

/// `7` and `07`; `10` once.
fn padded(n: u32) -> Vec<String> {
    let mut forms = vec![n.to_string()];
    if n < 10 {
        forms.push(format!("{n:02}"));
    }
    forms
}

fn words(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| (*s).to_owned()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dates(text: &str) -> Vec<DateQuery> {
        find(text).into_iter().map(|(d, _)| d).collect()
    }

    #[test]
    fn every_typed_form_of_a_day_reads_as_that_day() {
        let day = DateQuery {
            day: Some(28),
            month: 10,
            year: 2020,
        };
        for typed in [
            "28/10/2020",
            "28-10-2020",
            "28.10.2020",
            "ngày 28 tháng 10 năm 2020",
            "ngay 28 thang 10 nam 2020",
        ] {
            assert_eq!(dates(typed), [day], "{typed}");
        }
    }

    #[test]
    fn a_month_reads_as_that_month() {
        let month = DateQuery {
            day: None,
            month: 10,
            year: 2020,
        };
        assert_eq!(dates("tháng 10/2020"), [month]);
        assert_eq!(dates("tháng 10 năm 2020"), [month]);
    }

    #[test]
    fn impossible_dates_and_codes_are_not_dates() {
        assert!(dates("31/02/2021").is_empty());
        assert!(dates("tháng 13/2020").is_empty());
        assert!(dates("245/2025/QH15").is_empty());
    }

    #[test]
    fn a_day_is_printed_with_and_without_leading_zeros() {
        let seqs = dates("2/3/2022")[0].sequences();
        assert!(seqs.contains(&words(&["02", "03", "2022"])));
        assert!(seqs.contains(&words(&["2", "3", "2022"])));
        assert!(seqs.contains(&words(&["2", "thang", "3", "nam", "2022"])));
        assert!(seqs.contains(&words(&["02.03.2022"])));
        let month = dates("tháng 2/2024")[0].sequences();
        assert!(month.contains(&words(&["29.2.2024"])) && !month.contains(&words(&["30.2.2024"])));
    }
}
