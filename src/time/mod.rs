//! Calendar periods and the controller's local time.
//!
//! All public instants are [`chrono::DateTime<Utc>`]; all calendar arithmetic is [`chrono`]'s.
//! The controller's IANA time zone is a [`Zone`]; [`zone`] is the one module that speaks to the
//! time-zone database and converts between UTC instants and controller-local dates.
//!
//! # Periods
//!
//! A [`Period`] is a number of years, months and days, written `7y`, `6m`, `30d`, `2w` or combined
//! (`1y6m`); the ISO 8601 form `P1Y6M` is accepted too. Adding a period to a date adds years, then
//! months, then days. Years and months **clamp to the end of the month** when the day does not
//! exist: 2024-02-29 + 1y = 2025-02-28, 2025-01-31 + 1m = 2025-02-28.

pub mod zone;

use std::fmt;
use std::str::FromStr;

use chrono::{Days, Months, NaiveDate};
use serde::{Deserialize, Serialize};

pub use zone::Zone;

/// The longest period the crate accepts, in years; anything longer is taken to be a typo.
pub const MAX_PERIOD_YEARS: u32 = 150;

/// A calendar period: years, months and days.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Period {
    years: u16,
    months: u16,
    days: u32,
}

impl Period {
    /// A period of whole years; `None` if longer than [`MAX_PERIOD_YEARS`].
    #[must_use]
    pub fn years(years: u32) -> Option<Self> {
        Self::new(years, 0, 0)
    }

    /// A period of whole months; `None` if longer than [`MAX_PERIOD_YEARS`].
    #[must_use]
    pub fn months(months: u32) -> Option<Self> {
        Self::new(0, months, 0)
    }

    /// A period of days; `None` if longer than [`MAX_PERIOD_YEARS`].
    #[must_use]
    pub fn days(days: u32) -> Option<Self> {
        Self::new(0, 0, days)
    }

    /// A period of years, months and days; `None` if longer than [`MAX_PERIOD_YEARS`] in all.
    #[must_use]
    pub fn new(years: u32, months: u32, days: u32) -> Option<Self> {
        let approx_days = u64::from(years) * 366 + u64::from(months) * 31 + u64::from(days);
        if approx_days > u64::from(MAX_PERIOD_YEARS) * 366 {
            return None;
        }
        Some(Self {
            years: u16::try_from(years).ok()?,
            months: u16::try_from(months).ok()?,
            days,
        })
    }

    /// The years part.
    #[must_use]
    pub const fn year_part(&self) -> u32 {
        self.years as u32
    }

    /// The months part.
    #[must_use]
    pub const fn month_part(&self) -> u32 {
        self.months as u32
    }

    /// The days part.
    #[must_use]
    pub const fn day_part(&self) -> u32 {
        self.days
    }

    /// Whether the period is empty.
    #[must_use]
    pub const fn is_zero(&self) -> bool {
        self.years == 0 && self.months == 0 && self.days == 0
    }

    /// `date` plus this period: years and months first (clamping to the month's end), then days.
    ///
    /// `None` only past the end of chrono's calendar (year 262 143).
    #[must_use]
    pub fn after(&self, date: NaiveDate) -> Option<NaiveDate> {
        let months = u32::from(self.years) * 12 + u32::from(self.months);
        date.checked_add_months(Months::new(months))?
            .checked_add_days(Days::new(u64::from(self.days)))
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_zero() {
            return f.write_str("0d");
        }
        if self.years > 0 {
            write!(f, "{}y", self.years)?;
        }
        if self.months > 0 {
            write!(f, "{}m", self.months)?;
        }
        if self.days > 0 {
            write!(f, "{}d", self.days)?;
        }
        Ok(())
    }
}

/// Why a string is not a period.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PeriodError {
    /// The text is not of the form `7y`, `1y6m`, `30d`, `2w` or `P1Y6M`.
    #[error("`{0}` is not a period; write e.g. `7y`, `6m`, `30d`, `2w`, `1y6m` or `P1Y6M`")]
    Syntax(String),
    /// The period is longer than [`MAX_PERIOD_YEARS`].
    #[error("period `{0}` is longer than {MAX_PERIOD_YEARS} years")]
    TooLong(String),
}

impl FromStr for Period {
    type Err = PeriodError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let syntax = || PeriodError::Syntax(s.to_owned());
        let body = s
            .strip_prefix('P')
            .map_or_else(|| s.to_owned(), str::to_ascii_lowercase);
        if body.is_empty() {
            return Err(syntax());
        }
        let (mut y, mut m, mut d) = (0u64, 0u64, 0u64);
        let mut seen = 0u8;
        let mut digits = String::new();
        for ch in body.chars() {
            if ch.is_ascii_digit() {
                digits.push(ch);
                continue;
            }
            if digits.is_empty() || digits.len() > 6 {
                return Err(syntax());
            }
            let n: u64 = digits.parse().map_err(|_| syntax())?;
            digits.clear();
            let (slot, rank) = match ch {
                'y' => (&mut y, 1),
                'm' => (&mut m, 2),
                'w' => (&mut d, 3),
                'd' => (&mut d, 4),
                _ => return Err(syntax()),
            };
            // Units must appear at most once, largest first.
            if rank <= seen {
                return Err(syntax());
            }
            seen = rank;
            *slot += if ch == 'w' { n * 7 } else { n };
        }
        if !digits.is_empty() {
            return Err(syntax());
        }
        let too_long = || PeriodError::TooLong(s.to_owned());
        let fit = |n: u64| u32::try_from(n).map_err(|_| too_long());
        Self::new(fit(y)?, fit(m)?, fit(d)?).ok_or_else(too_long)
    }
}

impl Serialize for Period {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Period {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

impl schemars::JsonSchema for Period {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Period".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "pattern": "^([0-9]+y)?([0-9]+m)?([0-9]+w)?([0-9]+d)?$|^P([0-9]+Y)?([0-9]+M)?([0-9]+W)?([0-9]+D)?$",
            "description": "a calendar period: `7y`, `6m`, `30d`, `2w`, `1y6m` or ISO 8601 `P1Y6M`"
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::law::ymd;

    #[test]
    fn parses_compact_and_iso_forms() {
        assert_eq!("7y".parse(), Ok(Period::years(7).unwrap()));
        assert_eq!("1y6m".parse(), Ok(Period::new(1, 6, 0).unwrap()));
        assert_eq!("P1Y6M".parse(), Ok(Period::new(1, 6, 0).unwrap()));
        assert_eq!("2w".parse(), Ok(Period::days(14).unwrap()));
        assert_eq!("0d".parse(), Ok(Period::default()));
        for bad in [
            "", "y", "7", "7x", "6m1y", "1y1y", "-1y", "P", "1.5y", "7 y",
        ] {
            assert!(
                matches!(bad.parse::<Period>(), Err(PeriodError::Syntax(_))),
                "{bad}"
            );
        }
        assert!(matches!(
            "151y".parse::<Period>(),
            Err(PeriodError::TooLong(_))
        ));
        assert!(matches!(
            "999999d".parse::<Period>(),
            Err(PeriodError::TooLong(_))
        ));
    }

    #[test]
    fn adding_clamps_to_month_end() {
        let y1 = Period::years(1).unwrap();
        assert_eq!(y1.after(ymd(2024, 2, 29)), Some(ymd(2025, 2, 28)));
        let m1 = Period::months(1).unwrap();
        assert_eq!(m1.after(ymd(2025, 1, 31)), Some(ymd(2025, 2, 28)));
        assert_eq!(m1.after(ymd(2024, 1, 31)), Some(ymd(2024, 2, 29)));
        assert_eq!(
            Period::new(7, 0, 1).unwrap().after(ymd(2009, 12, 31)),
            Some(ymd(2017, 1, 1))
        );
    }

    #[test]
    fn display_round_trips() {
        for s in ["7y", "1y6m", "30d", "0d", "1y2m3d"] {
            assert_eq!(s.parse::<Period>().unwrap().to_string(), s);
        }
    }
}
