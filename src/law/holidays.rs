//! Public holidays that move the end of a period to the next working day (Regulation (EEC,
//! Euratom) No 1182/71, Art. 2 and 3(4)).
//!
//! Calendars are computed for any year: Easter by the Gregorian computus, the other movable days
//! from it or from their weekday rules. Other member states can be added by implementing
//! [`HolidayCalendar`].
//!
//! # The eves
//!
//! The holiday lists the member states publish in the Official Journal for Regulation 1182/71
//! differ from the national laws on computing time limits: Sweden lists no eves, while its
//! Lag (1930:173) 2 § also moves deadlines off midsommarafton, julafton and nyårsafton; Finland
//! lists Midsummer Eve and Christmas Eve in both. Which list applies is [`Eves`]:
//! [`Eves::OfficialJournal`] (the default) or [`Eves::National`].

use chrono::{Datelike, Days, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

use super::Jurisdiction;

/// Whether the national eves also count as holidays.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Eves {
    /// The member state's list in the Official Journal for Regulation 1182/71.
    #[default]
    OfficialJournal,
    /// That list plus the eves the national time-limits law adds.
    National,
}

/// A member state's public holidays.
pub trait HolidayCalendar {
    /// The calendar's name, e.g. `SE (Official Journal list)`.
    fn name(&self) -> &'static str;

    /// Whether `date` is a public holiday (weekends are not holidays as such).
    fn is_holiday(&self, date: NaiveDate) -> bool;

    /// Whether `date` is a working day: neither Saturday, Sunday nor a public holiday.
    fn is_working_day(&self, date: NaiveDate) -> bool {
        !matches!(date.weekday(), Weekday::Sat | Weekday::Sun) && !self.is_holiday(date)
    }

    /// `date` if it is a working day, else the next working day (Art. 3(4)). `None` only past
    /// the end of the calendar.
    fn next_working_day(&self, date: NaiveDate) -> Option<NaiveDate> {
        let mut d = date;
        // No calendar has more than a handful of consecutive non-working days.
        for _ in 0..32 {
            if self.is_working_day(d) {
                return Some(d);
            }
            d = d.checked_add_days(Days::new(1))?;
        }
        None
    }
}

/// Easter Sunday of a Gregorian year (anonymous Gregorian algorithm, Meeus/Jones/Butcher).
#[must_use]
pub fn easter_sunday(year: i32) -> Option<NaiveDate> {
    let a = year.rem_euclid(19);
    let b = year.div_euclid(100);
    let c = year.rem_euclid(100);
    let d = b.div_euclid(4);
    let e = b.rem_euclid(4);
    let f = (b + 8).div_euclid(25);
    let g = (b - f + 1).div_euclid(3);
    let h = (19 * a + b - d - g + 15).rem_euclid(30);
    let i = c.div_euclid(4);
    let k = c.rem_euclid(4);
    let l = (32 + 2 * e + 2 * i - h - k).rem_euclid(7);
    let m = (a + 11 * h + 22 * l).div_euclid(451);
    let month = (h + l - 7 * m + 114).div_euclid(31);
    let day = (h + l - 7 * m + 114).rem_euclid(31) + 1;
    NaiveDate::from_ymd_opt(year, u32::try_from(month).ok()?, u32::try_from(day).ok()?)
}

/// The given weekday falling between `from` and `from + 6 days` of a month.
fn weekday_between(year: i32, month: u32, from: u32, weekday: Weekday) -> Option<NaiveDate> {
    let start = NaiveDate::from_ymd_opt(year, month, from)?;
    let offset = (7 + weekday.num_days_from_monday() - start.weekday().num_days_from_monday()) % 7;
    start.checked_add_days(Days::new(u64::from(offset)))
}

/// Whether `date` is `offset` days from Easter Sunday of its year.
fn easter_offset(date: NaiveDate, offsets: &[i64]) -> bool {
    easter_sunday(date.year()).is_some_and(|e| {
        let diff = (date - e).num_days();
        offsets.contains(&diff)
    })
}

fn fixed(date: NaiveDate, days: &[(u32, u32)]) -> bool {
    days.contains(&(date.month(), date.day()))
}

/// Good Friday, Easter Sunday, Easter Monday, Ascension Day, Pentecost.
const EASTER_DAYS: [i64; 5] = [-2, 0, 1, 39, 49];

/// Sweden: Lag (1989:253) om allmänna helgdagar, and optionally the eves of Lag (1930:173).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Sweden {
    /// Which eves count.
    pub eves: Eves,
}

impl HolidayCalendar for Sweden {
    fn name(&self) -> &'static str {
        match self.eves {
            Eves::OfficialJournal => "SE (Official Journal list)",
            Eves::National => "SE (with midsommarafton, julafton, nyårsafton)",
        }
    }

    fn is_holiday(&self, d: NaiveDate) -> bool {
        let y = d.year();
        fixed(d, &[(1, 1), (1, 6), (5, 1), (12, 25), (12, 26)])
            || (y >= 2005 && fixed(d, &[(6, 6)]))
            || easter_offset(d, &EASTER_DAYS)
            // Annandag pingst (Whit Monday) until it gave way to the National Day in 2005.
            || (y < 2005 && easter_offset(d, &[50]))
            || weekday_between(y, 6, 20, Weekday::Sat) == Some(d)
            || weekday_between(y, 10, 31, Weekday::Sat) == Some(d)
            || (self.eves == Eves::National
                && (fixed(d, &[(12, 24), (12, 31)])
                    || weekday_between(y, 6, 19, Weekday::Fri) == Some(d)))
    }
}

/// Finland: the church holidays, Independence Day, May Day, Midsummer Eve and Christmas Eve
/// (Laki säädettyjen määräaikain laskemisesta 150/1930 5 §), all also on the Official Journal
/// list, so the [`Eves`] option makes no difference.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Finland;

impl HolidayCalendar for Finland {
    fn name(&self) -> &'static str {
        "FI"
    }

    fn is_holiday(&self, d: NaiveDate) -> bool {
        let y = d.year();
        fixed(
            d,
            &[
                (1, 1),
                (1, 6),
                (5, 1),
                (12, 6),
                (12, 24),
                (12, 25),
                (12, 26),
            ],
        ) || easter_offset(d, &EASTER_DAYS)
            || weekday_between(y, 6, 19, Weekday::Fri) == Some(d)
            || weekday_between(y, 6, 20, Weekday::Sat) == Some(d)
            || weekday_between(y, 10, 31, Weekday::Sat) == Some(d)
    }
}

/// Weekends only: for member states whose holidays the crate does not know. Deadlines then end
/// no later than they would with the holidays, which errs on the early, safe side.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WeekendsOnly;

impl HolidayCalendar for WeekendsOnly {
    fn name(&self) -> &'static str {
        "weekends only (holidays not known for this country)"
    }

    fn is_holiday(&self, _: NaiveDate) -> bool {
        false
    }
}

/// The calendar of a jurisdiction the crate knows, or [`WeekendsOnly`].
#[must_use]
pub fn calendar(jurisdiction: Option<Jurisdiction>, eves: Eves) -> &'static dyn HolidayCalendar {
    match (jurisdiction, eves) {
        (Some(Jurisdiction::Sweden), Eves::OfficialJournal) => &Sweden {
            eves: Eves::OfficialJournal,
        },
        (Some(Jurisdiction::Sweden), Eves::National) => &Sweden {
            eves: Eves::National,
        },
        (Some(Jurisdiction::Finland), _) => &Finland,
        (None, _) => &WeekendsOnly,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::law::ymd;

    #[test]
    fn easter_of_known_years() {
        for (y, m, d) in [
            (2024, 3, 31),
            (2025, 4, 20),
            (2026, 4, 5),
            (2038, 4, 25),
            (2000, 4, 23),
            (1818, 3, 22),
            (2285, 3, 22),
        ] {
            assert_eq!(easter_sunday(y), Some(ymd(y, m, d)), "{y}");
        }
    }

    #[test]
    fn swedish_movable_and_fixed_days() {
        let se = Sweden::default();
        assert!(se.is_holiday(ymd(2025, 6, 6)));
        assert!(!se.is_holiday(ymd(2004, 6, 6)));
        assert!(se.is_holiday(ymd(2004, 5, 31)), "Whit Monday 2004");
        assert!(se.is_holiday(ymd(2025, 6, 21)), "Midsommardagen");
        assert!(
            !se.is_holiday(ymd(2025, 6, 20)),
            "midsommarafton is no OJ holiday"
        );
        assert!(
            Sweden {
                eves: Eves::National
            }
            .is_holiday(ymd(2025, 6, 20))
        );
        assert!(se.is_holiday(ymd(2025, 11, 1)), "Alla helgons dag");
        assert!(se.is_holiday(ymd(2025, 5, 29)), "Ascension 2025");
        assert!(se.is_holiday(ymd(2025, 4, 18)), "Good Friday 2025");
        assert_eq!(se.next_working_day(ymd(2025, 6, 6)), Some(ymd(2025, 6, 9)));
    }

    #[test]
    fn finnish_days() {
        let fi = Finland;
        assert!(fi.is_holiday(ymd(2025, 12, 6)));
        assert!(fi.is_holiday(ymd(2025, 6, 20)), "juhannusaatto");
        assert!(fi.is_holiday(ymd(2025, 12, 24)));
        assert!(!fi.is_holiday(ymd(2025, 12, 31)));
        assert_eq!(
            fi.next_working_day(ymd(2025, 12, 24)),
            Some(ymd(2025, 12, 29))
        );
    }
}
