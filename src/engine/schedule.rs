//! Retention schedules: until when each record must or may be kept.
//!
//! A record's retention ends at the **later** of
//! - the end its activity's retention rule gives (a period after an anchor), and
//! - the end of every legal duty to keep that covers the record's category: those the activity
//!   names (built-in or declared), and the bookkeeping duties of the controller's country
//!   (BFL 7 kap. 2 §, KPL 2 luku 10 §), which bind the controller whether or not its notice
//!   mentions them (not for data it holds as processor: that is its customers' bookkeeping),
//!
//! because a duty to keep overrides the controller's own wish to delete sooner, and the
//! controller's rule may keep data longer than the law requires. Limitation periods count only
//! while the subject has an active legal-claims hold (Art. 17(3)(e)).
//!
//! A rule with no date of its own (kept while the purpose lasts) has no end to compare: the
//! record is reported as [`Due::WhilePurposeLasts`], with the latest end of the duties that
//! cover it as the least it is kept ([`Minimum`]), since the duty holds whenever the purpose
//! ends. A rule whose anchor has not happened yet is [`Due::Pending`].
//!
//! All dates are controller-local; each end is reported as the last local day the data may be
//! kept and as the UTC instant that day ends. A record is **overdue** at `at` when that instant is
//! at or before `at`.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use super::Engine;
use super::retention::{Anchors, retention_end};
use crate::citation::{Citation, gdpr};
use crate::law::duty::{Anchor, DutyId};
use crate::model::{Activity, DutyRef, Record, RetentionRule, SubjectState};
use crate::time::Period;

/// What sets a record's retention end.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
#[non_exhaustive]
pub enum Source {
    /// The activity's retention rule (Art. 5(1)(e)).
    Rule {
        /// The activity's index in the policy.
        activity: usize,
    },
    /// A legal duty to keep, built in or declared (Art. 17(3)(b)).
    Duty {
        /// The duty.
        duty: String,
        /// The statute.
        citation: String,
    },
}

/// When a record's retention ends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "status")]
#[non_exhaustive]
pub enum Due {
    /// On a known date.
    On {
        /// The last local day the record may be kept.
        last_day: NaiveDate,
        /// The instant that day ends, in UTC.
        ends_at: DateTime<Utc>,
        /// What sets the date.
        set_by: Source,
    },
    /// Not yet known: an anchor has not happened (e.g. the relationship has not ended).
    Pending {
        /// The anchor still awaited.
        waiting_for: String,
    },
    /// Kept while the purpose lasts, with the date of the next review if the policy sets a
    /// review period (counted from collection), and the end of a legal duty to keep, which
    /// holds whenever the purpose ends.
    WhilePurposeLasts {
        /// The next review date, if any.
        review_by: Option<NaiveDate>,
        /// The latest end of the legal duties to keep that cover the record, if any: the record
        /// is kept at least until then.
        #[serde(skip_serializing_if = "Option::is_none")]
        at_least: Option<Minimum>,
    },
    /// The policy gives no retention for the record's activity, the activity is unknown, or the
    /// activity does not declare the record's category.
    Unknown {
        /// Why.
        reason: String,
    },
}

/// The end of a legal duty to keep, under a rule that has no date of its own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Minimum {
    /// The last local day the duty requires the record to be kept.
    pub last_day: NaiveDate,
    /// The instant that day ends, in UTC.
    pub ends_at: DateTime<Utc>,
    /// The duty.
    pub set_by: Source,
}

/// One record's line of a schedule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Entry {
    /// The index of the record in the input slice.
    pub index: usize,
    /// When its retention ends.
    pub due: Due,
    /// Whether it is overdue at the instant asked about.
    pub overdue: bool,
}

impl Entry {
    /// The citation of what sets the date, if a date is set.
    #[must_use]
    pub fn citation(&self) -> Option<Citation> {
        match &self.due {
            Due::On {
                set_by: Source::Rule { .. },
                ..
            } => Some(gdpr(5, 1, 'e')),
            Due::On {
                set_by: Source::Duty { citation, .. },
                ..
            } => Some(Citation::Declared {
                text: citation.clone(),
            }),
            Due::WhilePurposeLasts {
                at_least:
                    Some(Minimum {
                        set_by: Source::Duty { citation, .. },
                        ..
                    }),
                ..
            } => Some(Citation::Declared {
                text: citation.clone(),
            }),
            _ => None,
        }
    }
}

/// A candidate end: (last day, end instant, source).
type End = (NaiveDate, DateTime<Utc>, Source);

impl Engine {
    /// The retention schedule of `records` at `at`, written to `out` (cleared first).
    ///
    /// `subject` supplies the anchors a record does not carry (the end of the relationship,
    /// consent withdrawals, named events, legal-claims holds); without it those anchors are
    /// pending. Work per record is bounded by the number of duties its activity names.
    pub fn schedule_into(
        &self,
        records: &[Record],
        subject: Option<&SubjectState>,
        at: DateTime<Utc>,
        out: &mut Vec<Entry>,
    ) {
        out.clear();
        out.reserve(records.len());
        let date = self.policy.controller().time_zone.local_date(at);
        let hold = subject.is_some_and(|s| {
            s.legal_claim_holds
                .iter()
                .any(|h| h.from <= at && h.until.is_none_or(|u| at < u))
        });
        for (index, r) in records.iter().enumerate() {
            let due = self.due(r, subject, at, date, hold);
            let overdue = matches!(&due, Due::On { ends_at, .. } if *ends_at <= at);
            out.push(Entry {
                index,
                due,
                overdue,
            });
        }
    }

    /// The retention schedule of `records` at `at`.
    #[must_use]
    pub fn schedule(
        &self,
        records: &[Record],
        subject: Option<&SubjectState>,
        at: DateTime<Utc>,
    ) -> Vec<Entry> {
        let mut out = Vec::new();
        self.schedule_into(records, subject, at, &mut out);
        out
    }

    /// The latest end among the legal duties to keep that cover `record`, in force on `date`.
    pub(crate) fn duty_end(
        &self,
        a: &Activity,
        record: &Record,
        anchors: &Anchors<'_>,
        date: NaiveDate,
        with_limitation: bool,
    ) -> Result<Option<End>, String> {
        let c = self.policy.controller();
        let mut best: Option<End> = None;
        // Data held as processor belongs to the controller's books, not to ours.
        let own = matches!(a.role, crate::model::Role::Controller);
        let national = crate::law::Jurisdiction::of(c.country)
            .filter(|_| own)
            .map_or(&[][..], DutyId::bookkeeping)
            .iter()
            .map(|id| DutyRef::Builtin(*id))
            .filter(|d| !a.duties.contains(d));
        for d in a.duties.iter().cloned().chain(national) {
            let (period, anchor, citation, name): (Period, Anchor, Citation, &str) = match &d {
                DutyRef::Builtin(id) => {
                    let Some(v) = covering_builtin(*id, record, date, with_limitation) else {
                        continue;
                    };
                    (
                        v.period,
                        v.anchor,
                        Citation::Statute(v.provision),
                        id.as_str(),
                    )
                }
                DutyRef::Declared(n) => {
                    let Some(dd) = self.policy.declared_duty(n) else {
                        continue;
                    };
                    let covers = dd.categories.iter().any(|c| record.category.is_within(c));
                    if !covers || (dd.limitation && !with_limitation) {
                        continue;
                    }
                    (dd.period, dd.anchor.clone(), dd.as_citation(), n.as_str())
                }
            };
            let Some((last, ends)) =
                retention_end(period, &anchor, anchors, c.time_zone, c.fiscal_year_end)
            else {
                return Err(format!(
                    "the anchor of duty `{name}` ({anchor}) has not happened yet"
                ));
            };
            if best.as_ref().is_none_or(|b| last > b.0) {
                let source = Source::Duty {
                    duty: name.to_owned(),
                    citation: citation.to_string(),
                };
                best = Some((last, ends, source));
            }
        }
        Ok(best)
    }

    fn due(
        &self,
        r: &Record,
        s: Option<&SubjectState>,
        at: DateTime<Utc>,
        date: NaiveDate,
        hold: bool,
    ) -> Due {
        let Some((ai, a)) = self.policy.activity(&r.activity) else {
            return Due::Unknown {
                reason: format!("unknown activity `{}`", r.activity),
            };
        };
        if !self.c.declares(ai, &r.category) {
            // Never scheduled silently: the policy says nothing of this data (Art. 5(1)(c)).
            return Due::Unknown {
                reason: format!(
                    "category `{}` is not among the categories of activity `{}`",
                    r.category, a.id
                ),
            };
        }
        let anchors = self.anchors(r, s, a, at);
        let c = self.policy.controller();
        let rule: Result<End, Due> = match &a.retention {
            Some(RetentionRule::After { period, anchor }) => {
                match retention_end(*period, anchor, &anchors, c.time_zone, c.fiscal_year_end) {
                    Some((last, ends)) => Ok((last, ends, Source::Rule { activity: ai })),
                    None => Err(Due::Pending {
                        waiting_for: anchor.to_string(),
                    }),
                }
            }
            Some(RetentionRule::WhilePurposeLasts { review, .. }) => {
                let review_by =
                    review.and_then(|p| p.after(c.time_zone.local_date(r.collected_at)));
                let at_least = self
                    .duty_end(a, r, &anchors, date, hold)
                    .ok()
                    .flatten()
                    .map(|(last_day, ends_at, set_by)| Minimum {
                        last_day,
                        ends_at,
                        set_by,
                    });
                Err(Due::WhilePurposeLasts {
                    review_by,
                    at_least,
                })
            }
            None => Err(Due::Unknown {
                reason: format!("activity `{}` states no retention", a.id),
            }),
        };
        // A purpose-bound or pending rule decides alone: no date can be later than "unknown".
        if let Err(d @ (Due::Pending { .. } | Due::WhilePurposeLasts { .. })) = rule {
            return d;
        }
        let duty = match self.duty_end(a, r, &anchors, date, hold) {
            Ok(d) => d,
            Err(waiting_for) => return Due::Pending { waiting_for },
        };
        // The later end wins; a duty alone sets the date only where the policy states no rule.
        let (last_day, ends_at, set_by) = match (rule, duty) {
            (Ok(x), Some(y)) => {
                if y.0 > x.0 {
                    y
                } else {
                    x
                }
            }
            (Ok(x), None) | (Err(Due::Unknown { .. }), Some(x)) => x,
            (Err(d), _) => return d,
        };
        Due::On {
            last_day,
            ends_at,
            set_by,
        }
    }

    /// The anchors known for a record at `at`.
    ///
    /// The consent-withdrawal anchor is the last withdrawal at or before `at`, and is not there
    /// while a consent for the activity's purposes holds (a renewed consent resets it).
    pub(crate) fn anchors<'s>(
        &self,
        r: &Record,
        s: Option<&'s SubjectState>,
        a: &Activity,
        at: DateTime<Utc>,
    ) -> Anchors<'s> {
        let withdrawn = s.and_then(|s| {
            let covering = || {
                s.consents
                    .iter()
                    .filter(|c| a.purpose_ids().all(|p| p.is_within(&c.purpose)))
            };
            let holds = covering().any(|c| {
                c.given <= at
                    && c.withdrawn.is_none_or(|w| at < w)
                    && c.expires.is_none_or(|x| at < x)
            });
            if holds {
                return None;
            }
            covering()
                .filter_map(|c| c.withdrawn)
                .filter(|w| *w <= at)
                .max()
        });
        Anchors {
            collected_at: Some(r.collected_at),
            relationship_end: s.and_then(|s| s.relationship.as_ref()).and_then(|x| x.end),
            consent_withdrawn: withdrawn,
            fiscal_year_end: r.fiscal_year_end,
            events: s.map(|s| &s.events),
        }
    }
}

/// The version of a built-in duty in force on `date`, if it covers the record.
fn covering_builtin(
    id: DutyId,
    record: &Record,
    date: NaiveDate,
    with_limitation: bool,
) -> Option<crate::law::duty::RetentionDuty> {
    let v = id.in_force_on(date)?;
    (id.covers_category(record.category.as_str()) && (!v.limitation || with_limitation))
        .then_some(v)
}

/// A schedule beside the records it is of, rendered one line per record:
/// `id: keep until 2031-12-31, set by BFL 7 kap. 2 § (`se.bfl`)`.
#[derive(Debug, Clone, Copy)]
pub struct Listing<'a> {
    /// The instant the schedule was made at.
    pub at: DateTime<Utc>,
    /// The records, as given to [`Engine::schedule`].
    pub records: &'a [Record],
    /// The schedule.
    pub entries: &'a [Entry],
}
