//! The controller's IANA time zone: the only module that uses `time-tz` (and the `time` types it
//! speaks), converting to and from [`chrono`] values.
//!
//! # Semantics
//!
//! - [`Zone::local_date`] is the calendar date on the controller's wall clock at an instant.
//!   2023-12-31T23:30Z is 2024-01-01 in `Europe/Stockholm` (UTC+1 in winter).
//! - [`Zone::start_of_day`] is the first instant of a local date. On a day whose midnight falls
//!   into a daylight-saving gap (clocks jump over 00:00, as in some American zones), the day starts
//!   at the end of the gap, the first instant whose wall clock is on that date. Where midnight is
//!   repeated (clocks fall back over it), the day starts at the earlier of the two instants.
//! - [`Zone::end_of_day`] is the first instant of the next local date: periods "end at the end of
//!   the day" and the instant returned is the first moment they no longer run. A day is thus
//!   23 or 25 hours long on DST change days, and no instant belongs to two days.
//!
//! # Range
//!
//! The bundled zone data (time-tz, built from the IANA database) tabulates clock changes up to
//! the year 2099. From 2100 on, a zone keeps the offset of its last tabulated period (standard
//! time for European zones), so summer dates from 2100 are an hour off. Dates before 2100 are
//! exact.

use std::fmt;

use chrono::{DateTime, Days, NaiveDate, NaiveDateTime, TimeDelta, Utc};
use serde::{Deserialize, Serialize};
use time_tz::{Offset as _, TimeZone as _};

/// A validated IANA time zone, e.g. `Europe/Stockholm`.
#[derive(Clone, Copy)]
pub struct Zone {
    tz: &'static time_tz::Tz,
}

/// Why a name is not a time zone.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown time zone `{0}`; use an IANA name such as `Europe/Stockholm`")]
pub struct ZoneError(pub String);

impl Zone {
    /// Looks an IANA zone name up in the bundled time-zone database.
    ///
    /// # Errors
    ///
    /// [`ZoneError`] when the database has no zone of that name.
    pub fn named(name: &str) -> Result<Self, ZoneError> {
        time_tz::timezones::get_by_name(name)
            .map(|tz| Self { tz })
            .ok_or_else(|| ZoneError(name.to_owned()))
    }

    /// The names of every zone in the bundled database.
    pub fn all_names() -> impl Iterator<Item = &'static str> {
        time_tz::timezones::iter().map(|tz| tz.name())
    }

    /// The zone's IANA name.
    #[must_use]
    pub fn name(&self) -> &'static str {
        self.tz.name()
    }

    /// The offset from UTC, in seconds, in force at `instant`.
    fn offset_seconds(&self, instant: DateTime<Utc>) -> i64 {
        time::OffsetDateTime::from_unix_timestamp(instant.timestamp())
            .map(|t| i64::from(self.tz.get_offset_utc(&t).to_utc().whole_seconds()))
            .unwrap_or(0)
    }

    /// The wall-clock date and time at `instant`.
    #[must_use]
    pub fn local(&self, instant: DateTime<Utc>) -> NaiveDateTime {
        let naive = instant.naive_utc();
        naive
            .checked_add_signed(TimeDelta::seconds(self.offset_seconds(instant)))
            .unwrap_or(naive)
    }

    /// The controller-local calendar date at `instant`.
    #[must_use]
    pub fn local_date(&self, instant: DateTime<Utc>) -> NaiveDate {
        self.local(instant).date()
    }

    /// The first instant whose local date is `date` (see the module docs for DST gaps).
    #[must_use]
    pub fn start_of_day(&self, date: NaiveDate) -> DateTime<Utc> {
        let midnight = date.and_time(chrono::NaiveTime::MIN);
        let as_utc = midnight.and_utc();
        // The offsets in force a day either side of the wall-clock midnight bracket every
        // offset the zone can have at that midnight (no zone changes twice within two days).
        let probes = [
            self.offset_seconds(shift(as_utc, -86_400)),
            self.offset_seconds(shift(as_utc, 86_400)),
        ];
        let exact = probes
            .iter()
            .filter_map(|&off| {
                let t = shift(as_utc, -off);
                (self.offset_seconds(t) == off).then_some(t)
            })
            .min();
        if let Some(t) = exact {
            return t;
        }
        // A gap: find the first instant whose local date-time is at or after midnight.
        let (a, b) = (
            shift(as_utc, -probes[0].max(probes[1])),
            shift(as_utc, -probes[0].min(probes[1])),
        );
        let (mut lo, mut hi) = (a.timestamp(), b.timestamp());
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            let t = DateTime::from_timestamp(mid, 0).unwrap_or(b);
            if self.local(t) >= midnight {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        DateTime::from_timestamp(lo, 0).unwrap_or(b)
    }

    /// The first instant after the local date `date` has ended: the start of the next day.
    #[must_use]
    pub fn end_of_day(&self, date: NaiveDate) -> DateTime<Utc> {
        match date.checked_add_days(Days::new(1)) {
            Some(next) => self.start_of_day(next),
            None => DateTime::<Utc>::MAX_UTC,
        }
    }
}

/// `t` moved by `seconds`, saturating at the ends of the representable range (the first and last
/// days chrono can represent have no neighbours to probe).
fn shift(t: DateTime<Utc>, seconds: i64) -> DateTime<Utc> {
    t.checked_add_signed(TimeDelta::seconds(seconds))
        .unwrap_or(if seconds < 0 {
            DateTime::<Utc>::MIN_UTC
        } else {
            DateTime::<Utc>::MAX_UTC
        })
}

impl PartialEq for Zone {
    fn eq(&self, other: &Self) -> bool {
        self.name() == other.name()
    }
}

impl Eq for Zone {}

impl fmt::Debug for Zone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Zone({})", self.name())
    }
}

impl fmt::Display for Zone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl Serialize for Zone {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.name())
    }
}

impl<'de> Deserialize<'de> for Zone {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Self::named(&s).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::law::ymd;

    fn utc(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    /// The first and last days chrono can represent have no neighbours to probe: the day's
    /// bounds saturate instead of overflowing.
    #[test]
    fn the_ends_of_the_calendar_do_not_overflow() {
        for name in ["Europe/Stockholm", "Europe/Helsinki", "UTC"] {
            let z = Zone::named(name).unwrap();
            for d in [NaiveDate::MIN, NaiveDate::MAX] {
                let start = z.start_of_day(d);
                let end = z.end_of_day(d);
                assert!(start <= end, "{name} {d}");
            }
            assert_eq!(z.end_of_day(NaiveDate::MAX), DateTime::<Utc>::MAX_UTC);
        }
    }

    #[test]
    fn new_year_in_stockholm_and_helsinki() {
        let t = utc("2023-12-31T23:30:00Z");
        let sto = Zone::named("Europe/Stockholm").unwrap();
        let hel = Zone::named("Europe/Helsinki").unwrap();
        assert_eq!(sto.local_date(t), ymd(2024, 1, 1));
        assert_eq!(hel.local_date(t), ymd(2024, 1, 1));
        assert_eq!(Zone::named("UTC").unwrap().local_date(t), ymd(2023, 12, 31));
    }

    #[test]
    fn day_bounds_across_dst_changes() {
        let sto = Zone::named("Europe/Stockholm").unwrap();
        // 2024-03-31: clocks go 02:00 -> 03:00; the day is 23 hours long.
        assert_eq!(
            sto.start_of_day(ymd(2024, 3, 31)),
            utc("2024-03-30T23:00:00Z")
        );
        assert_eq!(
            sto.end_of_day(ymd(2024, 3, 31)),
            utc("2024-03-31T22:00:00Z")
        );
        // 2024-10-27: clocks go 03:00 -> 02:00; the day is 25 hours long.
        assert_eq!(
            sto.start_of_day(ymd(2024, 10, 27)),
            utc("2024-10-26T22:00:00Z")
        );
        assert_eq!(
            sto.end_of_day(ymd(2024, 10, 27)),
            utc("2024-10-27T23:00:00Z")
        );
        // A leap day.
        assert_eq!(
            sto.end_of_day(ymd(2024, 2, 29)),
            utc("2024-02-29T23:00:00Z")
        );
    }

    #[test]
    fn midnight_in_a_gap_starts_the_day_at_the_gap_end() {
        // America/Sao_Paulo skipped 2018-11-04 00:00 -> 01:00 (UTC-3 -> UTC-2).
        let sao = Zone::named("America/Sao_Paulo").unwrap();
        let start = sao.start_of_day(ymd(2018, 11, 4));
        assert_eq!(start, utc("2018-11-04T03:00:00Z"));
        assert_eq!(sao.local(start).to_string(), "2018-11-04 01:00:00");
        assert_eq!(
            sao.local_date(start - TimeDelta::seconds(1)),
            ymd(2018, 11, 3)
        );
    }

    #[test]
    fn unknown_zone_is_an_error() {
        assert_eq!(
            Zone::named("Europe/Stockholmm").unwrap_err().to_string(),
            "unknown time zone `Europe/Stockholmm`; use an IANA name such as `Europe/Stockholm`"
        );
    }
}
