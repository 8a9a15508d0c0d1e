//! When retention ends: anchors resolved to controller-local dates, periods added, the end of the
//! last day as a UTC instant.
//!
//! Data kept "for a period after an anchor" may be kept through the local date *anchor date +
//! period* and must go from the start of the next local day. BFL 7 kap. 2 § for a fiscal year
//! ending 2009-12-31: anchor 2009-12-31 (end of the calendar year), + 7 years = 2016-12-31, so the
//! data may be destroyed from 2017-01-01.

use chrono::{DateTime, Datelike, NaiveDate, Utc};

use crate::law::duty::Anchor;
use crate::model::FiscalYearEnd;
use crate::time::{Period, Zone};

/// What is known about the events a retention period may count from.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Anchors<'a> {
    pub(crate) collected_at: Option<DateTime<Utc>>,
    pub(crate) relationship_end: Option<DateTime<Utc>>,
    pub(crate) consent_withdrawn: Option<DateTime<Utc>>,
    pub(crate) fiscal_year_end: Option<NaiveDate>,
    pub(crate) events: Option<&'a std::collections::BTreeMap<String, DateTime<Utc>>>,
}

/// The last day of the fiscal year containing `date`, for a fiscal year ending on `fye`.
pub(crate) fn fiscal_year_end_of(date: NaiveDate, fye: FiscalYearEnd) -> Option<NaiveDate> {
    let in_year = |y: i32| {
        NaiveDate::from_ymd_opt(y, fye.month, fye.day)
            .or_else(|| NaiveDate::from_ymd_opt(y, fye.month, 28))
    };
    let this = in_year(date.year())?;
    if date <= this {
        Some(this)
    } else {
        in_year(date.year() + 1)
    }
}

/// The local date the anchor falls on, if it has happened / is known.
pub(crate) fn anchor_date(
    anchor: &Anchor,
    a: &Anchors<'_>,
    zone: Zone,
    fye: FiscalYearEnd,
) -> Option<NaiveDate> {
    let local = |t: DateTime<Utc>| zone.local_date(t);
    let fy_end = || {
        a.fiscal_year_end
            .or_else(|| fiscal_year_end_of(local(a.collected_at?), fye))
    };
    match anchor {
        Anchor::Collection => a.collected_at.map(local),
        Anchor::EndOfRelationship => a.relationship_end.map(local),
        Anchor::ConsentWithdrawal => a.consent_withdrawn.map(local),
        Anchor::EndOfFiscalYear => fy_end(),
        Anchor::EndOfCalendarYearOfFiscalYearEnd => {
            fy_end().and_then(|d| NaiveDate::from_ymd_opt(d.year(), 12, 31))
        }
        Anchor::Event(e) => a.events.and_then(|m| m.get(e)).copied().map(local),
    }
}

/// The last local day data may be kept, and the instant that day ends.
pub(crate) fn retention_end(
    period: Period,
    anchor: &Anchor,
    a: &Anchors<'_>,
    zone: Zone,
    fye: FiscalYearEnd,
) -> Option<(NaiveDate, DateTime<Utc>)> {
    let last = period.after(anchor_date(anchor, a, zone, fye)?)?;
    Some((last, zone.end_of_day(last)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::law::ymd;

    #[test]
    fn bfl_worked_example() {
        let zone = Zone::named("Europe/Stockholm").unwrap();
        let a = Anchors {
            fiscal_year_end: Some(ymd(2009, 12, 31)),
            ..Anchors::default()
        };
        let (last, end) = retention_end(
            Period::years(7).unwrap(),
            &Anchor::EndOfCalendarYearOfFiscalYearEnd,
            &a,
            zone,
            FiscalYearEnd::DECEMBER_31,
        )
        .unwrap();
        assert_eq!(last, ymd(2016, 12, 31));
        assert_eq!(
            end,
            "2016-12-31T23:00:00Z".parse::<DateTime<Utc>>().unwrap()
        );
    }

    #[test]
    fn fiscal_year_of_a_date() {
        let march = FiscalYearEnd::new(3, 31).unwrap();
        assert_eq!(
            fiscal_year_end_of(ymd(2024, 3, 31), march),
            Some(ymd(2024, 3, 31))
        );
        assert_eq!(
            fiscal_year_end_of(ymd(2024, 4, 1), march),
            Some(ymd(2025, 3, 31))
        );
        let dec = FiscalYearEnd::DECEMBER_31;
        assert_eq!(
            fiscal_year_end_of(ymd(2024, 6, 1), dec),
            Some(ymd(2024, 12, 31))
        );
    }
}
