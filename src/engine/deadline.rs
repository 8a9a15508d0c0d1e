//! When the answer to a data-subject request is due (Art. 12(3)-(4) GDPR), counted under
//! Regulation (EEC, Euratom) No 1182/71 in the controller's time zone.
//!
//! # Counting
//!
//! - The request is received at an instant; its **day of receipt** is the controller-local date
//!   of that instant (a request at 23:30 UTC on 31 December is received on 1 January in
//!   Stockholm). That day is not counted (Art. 3(1)).
//! - A period of months ends at the end of the day of the last month with the **same date** as
//!   the day of receipt, or that month's **last day** when it has no such date (Art. 3(2)(c)):
//!   received 5 March, due 5 April; received 31 August, due 30 September; received 31 January,
//!   due 28 or 29 February (EDPB Guidelines 01/2022, §§ 157-161).
//! - If that day is a Saturday, Sunday or public holiday of the controller's member state, the
//!   period ends at the end of the next working day (Art. 3(4), Art. 2). Holidays come from
//!   [`crate::law::holidays`], with the [`Eves`] option.
//! - The **extended** deadline (Art. 12(3): "by two further months") is counted as three months
//!   from receipt and then rolled, not as the rolled one-month deadline plus two months: received
//!   31 January, the extended deadline is 30 April, not 28 April. This is the reading of the EDPB
//!   guidelines and of the supervisory authorities ("three months at most"); it never ends before
//!   the plain deadline.
//! - The **refusal** deadline of Art. 12(4) (inform of not taking action, with reasons) is "without
//!   delay and at the latest within one month": the same date as the plain deadline.
//! - While the controller waits for details it asked for to identify the subject (Art. 12(6);
//!   EDPB Guidelines 01/2022 § 159), the clock is **paused**: every local day on which a pause
//!   runs (from the day the details were requested to the day before they arrived) is added to
//!   the end date before it is rolled.
//!
//! Each deadline is given as the last local day and as the UTC instant that day ends.

use chrono::{DateTime, Days, Months, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::Engine;
use crate::citation::{Citation, gdpr};
use crate::law::Jurisdiction;
use crate::law::holidays::{Eves, calendar};

/// How to count.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DeadlineOptions {
    /// Whether the national eves also move a deadline.
    #[serde(default)]
    pub eves: Eves,
    /// Pauses while identification details are awaited: from the instant they were requested
    /// until the instant they arrived.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pauses: Vec<Pause>,
}

/// A pause of the clock.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Pause {
    /// When the details were requested.
    pub from: DateTime<Utc>,
    /// When they arrived.
    pub until: DateTime<Utc>,
}

/// One deadline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Deadline {
    /// The last local day to answer.
    pub last_day: NaiveDate,
    /// The instant that day ends, in UTC.
    pub ends_at: DateTime<Utc>,
    /// The end date before rolling off weekends and holidays.
    pub unrolled: NaiveDate,
}

/// The deadlines for one request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Deadlines {
    /// The local day of receipt (not counted).
    pub received_on: NaiveDate,
    /// Days added for pauses.
    pub paused_days: u32,
    /// Art. 12(3): one month.
    pub respond_by: Deadline,
    /// Art. 12(3): extended by two further months, when the controller tells the subject within
    /// the first month.
    pub extended: Deadline,
    /// Art. 12(4): the latest day to say no action will be taken, with reasons.
    pub refuse_by: Deadline,
    /// The holiday calendar used.
    pub calendar: &'static str,
    /// The provisions the count rests on (rendered as text in JSON, like every citation).
    #[serde(serialize_with = "texts")]
    pub citations: Vec<Citation>,
}

impl Engine {
    /// The deadlines for a request received at `received`.
    #[must_use]
    pub fn deadlines(&self, received: DateTime<Utc>, options: &DeadlineOptions) -> Deadlines {
        let c = self.policy.controller();
        let zone = c.time_zone;
        let cal = calendar(Jurisdiction::of(c.country), options.eves);
        let received_on = zone.local_date(received);
        let paused_days = paused_days(&options.pauses, |t| zone.local_date(t));
        let at = |months: u32| {
            let unrolled = received_on
                .checked_add_months(Months::new(months))
                .and_then(|d| d.checked_add_days(Days::new(u64::from(paused_days))))
                .unwrap_or(NaiveDate::MAX);
            let last_day = cal.next_working_day(unrolled).unwrap_or(unrolled);
            Deadline {
                last_day,
                ends_at: zone.end_of_day(last_day),
                unrolled,
            }
        };
        let respond_by = at(1);
        Deadlines {
            received_on,
            paused_days,
            refuse_by: respond_by.clone(),
            extended: at(3),
            respond_by,
            calendar: cal.name(),
            citations: vec![
                gdpr(12, 3, ' '),
                gdpr(12, 4, ' '),
                Citation::instrument("Regulation (EEC, Euratom) No 1182/71, Art. 3"),
            ],
        }
    }
}

/// The number of distinct local days on which at least one pause runs: each pause covers the
/// days from the one it starts on up to the day before it ends; overlapping pauses count once.
fn paused_days(pauses: &[Pause], local: impl Fn(DateTime<Utc>) -> NaiveDate) -> u32 {
    let mut ranges: Vec<(NaiveDate, NaiveDate)> = pauses
        .iter()
        .map(|p| (local(p.from), local(p.until)))
        .filter(|(a, b)| a < b)
        .collect();
    ranges.sort_unstable();
    let mut total = 0i64;
    let mut covered_until: Option<NaiveDate> = None;
    for (a, b) in ranges {
        let start = covered_until.map_or(a, |c| a.max(c));
        if b > start {
            total += (b - start).num_days();
        }
        covered_until = Some(covered_until.map_or(b, |c| c.max(b)));
    }
    u32::try_from(total).unwrap_or(u32::MAX)
}

/// Serialises citations as their rendered text.
fn texts<S: serde::Serializer>(c: &[Citation], s: S) -> Result<S::Ok, S::Error> {
    s.collect_seq(c.iter().map(ToString::to_string))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::law::ymd;

    fn engine(country: &str, zone: &str) -> Engine {
        let text = format!(
            "format = 1\nid = \"t\"\ntitle = \"t\"\n[controller]\nname = \"T\"\ncountry = \"{country}\"\ntime_zone = \"{zone}\"\n[[activity]]\nid = \"a\"\nname = \"a\"\npurposes = [\"service\"]\nbases = [\"contract\"]\nsubjects = [\"customer\"]\ncategories = [\"contact.email\"]\n"
        );
        Engine::new(crate::format::from_toml_str(&text).unwrap())
    }

    fn due(e: &Engine, received: &str) -> NaiveDate {
        e.deadlines(received.parse().unwrap(), &DeadlineOptions::default())
            .respond_by
            .last_day
    }

    #[test]
    fn edpb_examples_and_rolling() {
        let se = engine("SE", "Europe/Stockholm");
        // 5 April 2024 is a Friday; 30 September 2024 a Monday.
        assert_eq!(due(&se, "2024-03-05T10:00:00Z"), ymd(2024, 4, 5));
        assert_eq!(due(&se, "2024-08-31T10:00:00Z"), ymd(2024, 9, 30));
        // 6 June 2025 (National Day, a Friday) rolls to Monday 9 June.
        assert_eq!(due(&se, "2025-05-06T10:00:00Z"), ymd(2025, 6, 9));
        // 23:30 UTC on 31 December is 1 January in Stockholm.
        assert_eq!(due(&se, "2023-12-31T23:30:00Z"), ymd(2024, 2, 1));
    }

    #[test]
    fn extension_counts_three_months_from_receipt() {
        let se = engine("SE", "Europe/Stockholm");
        let d = se.deadlines(
            "2025-01-31T10:00:00Z".parse().unwrap(),
            &DeadlineOptions::default(),
        );
        assert_eq!(d.respond_by.last_day, ymd(2025, 2, 28));
        assert_eq!(d.extended.last_day, ymd(2025, 4, 30));
        assert_eq!(d.refuse_by, d.respond_by);
    }
}
