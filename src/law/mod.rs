//! Law as dated data.
//!
//! Legal facts change: an adequacy decision is adopted and later struck down, an authority is
//! renamed, a retention period is shortened. Every fact here is a value that carries
//! - its **source**, a [`Citation`], and
//! - its **validity**, a [`Validity`] interval of calendar dates,
//!
//! and every question about the law is asked *on a date*. The engine turns the instant a question
//! is asked at into the controller's local calendar date (see [`crate::time`]) and asks the facts
//! in force on that date.
//!
//! # Date semantics
//!
//! A [`Validity`] is half-open: it holds **from** its first day (inclusive) **until** the first day
//! on which it no longer holds (exclusive). Privacy Shield, adopted on 2016-07-12 and invalidated by
//! the judgment of 2020-07-16, is `2016-07-12 .. 2020-07-16`: it holds on 2020-07-15 and no longer
//! on 2020-07-16.

pub mod age;
pub mod authority;
pub mod country;
pub mod duty;
pub mod holidays;
pub mod national_id;
pub mod statute;
pub mod transfer;

use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::citation::Citation;

pub use country::Country;

/// A member state whose national law the crate encodes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Jurisdiction {
    /// Sweden.
    Sweden,
    /// Finland.
    Finland,
}

impl Jurisdiction {
    /// The jurisdiction of a country, if the crate encodes its national law.
    #[must_use]
    pub fn of(country: Country) -> Option<Self> {
        match country.as_str() {
            "SE" => Some(Self::Sweden),
            "FI" => Some(Self::Finland),
            _ => None,
        }
    }

    /// The country this jurisdiction is.
    #[must_use]
    pub const fn country(self) -> Country {
        match self {
            Self::Sweden => Country::SE,
            Self::Finland => Country::FI,
        }
    }
}

/// The calendar dates on which a fact holds: from `from` (inclusive) until `until` (exclusive).
///
/// `None` on either side means unbounded on that side.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Validity {
    /// The first day the fact holds, if it has a known beginning.
    pub from: Option<NaiveDate>,
    /// The first day the fact no longer holds, if it has ended or has a known end.
    pub until: Option<NaiveDate>,
}

impl Validity {
    /// Holds on every date.
    pub const ALWAYS: Self = Self {
        from: None,
        until: None,
    };

    /// Holds from `from` (inclusive) on.
    #[must_use]
    pub const fn since(from: NaiveDate) -> Self {
        Self {
            from: Some(from),
            until: None,
        }
    }

    /// Holds from `from` (inclusive) until `until` (exclusive).
    #[must_use]
    pub const fn between(from: NaiveDate, until: NaiveDate) -> Self {
        Self {
            from: Some(from),
            until: Some(until),
        }
    }

    /// Holds on every date before `until`.
    #[must_use]
    pub const fn before(until: NaiveDate) -> Self {
        Self {
            from: None,
            until: Some(until),
        }
    }

    /// Whether the fact holds on `date`.
    #[must_use]
    pub fn holds_on(&self, date: NaiveDate) -> bool {
        self.from.is_none_or(|f| f <= date) && self.until.is_none_or(|u| date < u)
    }
}

impl fmt::Display for Validity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.from, self.until) {
            (None, None) => f.write_str("always"),
            (Some(a), None) => write!(f, "from {a}"),
            (None, Some(b)) => write!(f, "until {b} (exclusive)"),
            (Some(a), Some(b)) => write!(f, "{a} .. {b} (exclusive)"),
        }
    }
}

/// A legal fact with its source and the dates it holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Dated<T> {
    /// The fact.
    pub fact: T,
    /// When it holds.
    pub validity: Validity,
    /// Where it comes from.
    pub source: Citation,
}

impl<T> Dated<T> {
    /// Whether the fact holds on `date`.
    #[must_use]
    pub fn holds_on(&self, date: NaiveDate) -> bool {
        self.validity.holds_on(date)
    }
}

/// Builds a date from constant parts; for the built-in tables only.
///
/// Falls back to the earliest representable date for impossible input, which the tables' tests
/// rule out (every built-in date is checked to round-trip).
pub(crate) const fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    match NaiveDate::from_ymd_opt(y, m, d) {
        Some(date) => date,
        None => NaiveDate::MIN,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn half_open_interval_boundaries() {
        let v = Validity::between(ymd(2016, 7, 12), ymd(2020, 7, 16));
        assert!(!v.holds_on(ymd(2016, 7, 11)));
        assert!(v.holds_on(ymd(2016, 7, 12)));
        assert!(v.holds_on(ymd(2020, 7, 15)));
        assert!(!v.holds_on(ymd(2020, 7, 16)));
        assert!(Validity::ALWAYS.holds_on(NaiveDate::MIN));
        assert!(Validity::before(ymd(2021, 1, 1)).holds_on(ymd(2020, 12, 31)));
        assert!(!Validity::before(ymd(2021, 1, 1)).holds_on(ymd(2021, 1, 1)));
    }
}
