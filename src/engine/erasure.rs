//! Erasure plans (Art. 17): what happens to each of a subject's records when they ask for
//! erasure.
//!
//! Every record gets exactly one [`Action`], decided in this order:
//!
//! 1. the record's activity is unknown: **keep**, because erasure cannot be undone and the policy
//!    says nothing about the data (the reason says so);
//! 2. the controller acts as **processor** for the activity: **forward** the request to the
//!    controller (Art. 28(3)(e));
//! 3. find the Art. 17(1) **ground**: the grounds the request states, else the ones that follow
//!    from the subject's state — (b) consent withdrawn and no other basis, (c) an objection that
//!    stands, (a) the retention period has ended or the contract the processing served has ended.
//!    With no ground: **keep**, saying why (e.g. the contract is still in force);
//! 4. with a ground, the **exceptions** of Art. 17(3): a legal duty to keep that covers the
//!    record ((b), citing the statute) or an active legal-claims hold ((e)) makes it **retain
//!    until** the later of their end dates, processing restricted to that purpose meanwhile; a
//!    duty whose period has not started yet (its anchor event has not happened) makes it **keep**,
//!    citing Art. 17(3)(b); a hold's end is exclusive, so its last day is the day before a hold
//!    ending at local midnight;
//! 5. otherwise **erase**, citing the ground, and notify every recipient the record was disclosed
//!    to (Art. 19).
//!
//! A request that states grounds is taken at its word, except that a ground never applies to a
//! record whose activity rests on a contract that is still in force: the contract makes the data
//! necessary (Art. 17(1)(a) cannot hold). An objection to direct marketing (Art. 21(2)) covering
//! the activity's purposes is the exception to the exception: no contract makes direct marketing
//! necessary, so the objection is a ground (Art. 17(1)(c)) while the contract runs.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::Engine;
use super::schedule::Source;
use crate::citation::{Citation, gdpr};
use crate::model::{
    Activity, BasisKind, LegalBasis, ObjectionKind, RecipientId, Record, RetentionRule, Role,
    SubjectState,
};

/// The grounds for erasure of Art. 17(1).
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum ErasureGround {
    /// (a) no longer necessary for the purposes.
    NoLongerNecessary,
    /// (b) consent withdrawn and no other legal ground.
    ConsentWithdrawn,
    /// (c) an objection under Art. 21(1) without overriding grounds, or under Art. 21(2).
    Objection,
    /// (d) unlawfully processed.
    Unlawful,
    /// (e) a legal obligation to erase.
    LegalObligation,
    /// (f) collected in relation to information society services offered to a child.
    ChildData,
}

impl ErasureGround {
    /// `Art. 17(1)(x)`.
    #[must_use]
    pub const fn citation(self) -> Citation {
        let point = match self {
            Self::NoLongerNecessary => 'a',
            Self::ConsentWithdrawn => 'b',
            Self::Objection => 'c',
            Self::Unlawful => 'd',
            Self::LegalObligation => 'e',
            Self::ChildData => 'f',
        };
        gdpr(17, 1, point)
    }
}

/// What happens to one record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "action")]
pub enum Action {
    /// Erase it, and tell the recipients it went to.
    Erase {
        /// The Art. 17(1) ground.
        ground: ErasureGround,
        /// Its citation.
        citation: String,
        /// Recipients to notify of the erasure (Art. 19).
        notify: Vec<RecipientId>,
    },
    /// Keep it until a date under an Art. 17(3) exception, processing restricted to that purpose.
    Retain {
        /// The ground that would otherwise erase it.
        ground: ErasureGround,
        /// The last local day it must or may be kept.
        last_day: NaiveDate,
        /// The instant that day ends.
        until: DateTime<Utc>,
        /// The exception (`GDPR Art. 17(3)(b)` or `(e)`).
        exception: String,
        /// The statute or hold that sets the date.
        authority: String,
        /// Recipients to notify of the restriction meanwhile (Art. 19).
        notify: Vec<RecipientId>,
    },
    /// Pass the request to the controller: the policy acts as processor for this data.
    Forward {
        /// The controller.
        controller: String,
        /// `GDPR Art. 28(3)(e)`.
        citation: String,
    },
    /// Keep it: no Art. 17(1) ground applies yet, or the plan cannot decide.
    Keep {
        /// Why.
        reason: String,
        /// The provision the reason rests on.
        citation: String,
    },
}

/// One record's line of an erasure plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Step {
    /// The record's id.
    pub record: String,
    /// What happens to it.
    pub action: Action,
}

/// The answer to an erasure request: one step per record, in the order given.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ErasurePlan {
    /// The instant the plan is made at.
    pub at: DateTime<Utc>,
    /// One step per record.
    pub steps: Vec<Step>,
}

/// Whether an Art. 21(2) objection to direct marketing made at or before `at` covers one of the
/// activity's purposes. It is absolute (Art. 21(3)) and a ground for erasure (Art. 17(1)(c)) even
/// while a contract runs: the contract never makes direct marketing necessary.
pub(crate) fn direct_marketing_objection(
    s: &SubjectState,
    a: &Activity,
    at: DateTime<Utc>,
) -> bool {
    let dm = super::rights::direct_marketing(a);
    s.objections.iter().any(|o| {
        o.kind == ObjectionKind::DirectMarketing
            && o.at <= at
            && dm
                .iter()
                .any(|q| q.is_within(&o.purpose) || o.purpose.is_within(q))
    })
}

impl Engine {
    /// Plans the erasure of `records` for `subject` at `at`; `grounds` are those the request
    /// states (may be empty: the plan then finds them from the subject's state).
    #[must_use]
    pub fn plan_erasure(
        &self,
        subject: &SubjectState,
        records: &[Record],
        at: DateTime<Utc>,
        grounds: &[ErasureGround],
    ) -> ErasurePlan {
        let steps = records
            .iter()
            .map(|r| Step {
                record: r.id.clone(),
                action: self.erasure_action(subject, r, at, grounds),
            })
            .collect();
        ErasurePlan { at, steps }
    }

    fn erasure_action(
        &self,
        s: &SubjectState,
        r: &Record,
        at: DateTime<Utc>,
        stated: &[ErasureGround],
    ) -> Action {
        let Some((_, a)) = self.policy.activity(&r.activity) else {
            return Action::Keep {
                reason: format!(
                    "the record's activity `{}` is not in the policy; erasure needs a manual decision",
                    r.activity
                ),
                citation: gdpr(5, 1, 'b').to_string(),
            };
        };
        if let Role::Processor { on_behalf_of } = &a.role {
            return Action::Forward {
                controller: on_behalf_of.clone(),
                citation: gdpr(28, 3, 'e').to_string(),
            };
        }
        let contract_running = a.bases.contains(&LegalBasis::Contract)
            && s.relationship
                .as_ref()
                .is_some_and(|x| x.start <= at && x.end.is_none_or(|e| at < e));
        if contract_running && !direct_marketing_objection(s, a, at) {
            return Action::Keep {
                reason: "the contract the processing serves is still in force, so the data is still necessary".to_owned(),
                citation: BasisKind::Contract.citation().to_string(),
            };
        }
        let ground = stated
            .iter()
            .copied()
            .min()
            .or_else(|| self.derived_ground(s, r, a, at));
        let Some(ground) = ground else {
            let contract_only = a.bases.iter().all(|b| *b == LegalBasis::Contract);
            let reason = if contract_only && s.relationship.is_none() {
                // Never a contract on record: the basis may never have applied, or the
                // relationship was not given. Erasure cannot be undone, so ask.
                "no Art. 17(1) ground is established: the activity rests on contract and the subject's state records no relationship; give the relationship, or state the ground (e.g. `unlawful`, Art. 17(1)(d), if there never was one)".to_owned()
            } else {
                let why = a
                    .bases
                    .first()
                    .map_or_else(String::new, |b| format!("{} ", b.kind()));
                format!(
                    "no Art. 17(1) ground applies: the {why}basis still holds and no objection or withdrawal stands"
                )
            };
            return Action::Keep {
                reason,
                citation: gdpr(17, 1, ' ').to_string(),
            };
        };
        // Exceptions of Art. 17(3): legal duties to keep, legal-claims holds.
        let date = self.policy.controller().time_zone.local_date(at);
        let anchors = self.anchors(r, Some(s), a, at);
        let hold = s
            .legal_claim_holds
            .iter()
            .filter(|h| h.from <= at && h.until.is_none_or(|u| at < u));
        let duty = match self.duty_end(a, r, &anchors, date, false) {
            Ok(d) => d.filter(|d| d.1 > at),
            Err(waiting) => {
                // The duty's period has not even started: it will bind once it does.
                return Action::Keep {
                    reason: format!("a legal duty to keep applies: {waiting}"),
                    citation: gdpr(17, 3, 'b').to_string(),
                };
            }
        };
        let zone = self.policy.controller().time_zone;
        let held = hold
            .map(|h| match h.until {
                // `until` is the first instant the hold no longer holds.
                Some(u) => (zone.local_date(u - chrono::TimeDelta::nanoseconds(1)), u),
                None => (NaiveDate::MAX, DateTime::<Utc>::MAX_UTC),
            })
            .max();
        let hold_exception =
            held.map(|h| (h.0, h.1, gdpr(17, 3, 'e'), "legal-claims hold".to_owned()));
        let exception = match duty {
            Some((last, until, Source::Duty { duty, citation }))
                if held.is_none_or(|h| h.1 <= until) =>
            {
                Some((
                    last,
                    until,
                    gdpr(17, 3, 'b'),
                    format!("{citation} (`{duty}`)"),
                ))
            }
            _ => hold_exception,
        };
        if let Some((last_day, until, exception, authority)) = exception {
            return Action::Retain {
                ground,
                last_day,
                until,
                exception: exception.to_string(),
                authority,
                notify: r.disclosed_to.clone(),
            };
        }
        Action::Erase {
            ground,
            citation: ground.citation().to_string(),
            notify: r.disclosed_to.clone(),
        }
    }

    /// The ground that follows from the subject's state, if any.
    fn derived_ground(
        &self,
        s: &SubjectState,
        r: &Record,
        a: &Activity,
        at: DateTime<Utc>,
    ) -> Option<ErasureGround> {
        let objection = super::rights::standing_objection(s, a, at).is_some();
        if objection {
            return Some(ErasureGround::Objection);
        }
        let consent_only = a.bases.iter().all(|b| b.kind() == BasisKind::Consent);
        let consent_holds = s.consents.iter().any(|c| {
            a.purposes.iter().all(|p| p.is_within(&c.purpose))
                && c.given <= at
                && c.withdrawn.is_none_or(|w| at < w)
                && c.expires.is_none_or(|e| at < e)
        });
        if consent_only && !consent_holds {
            return Some(ErasureGround::ConsentWithdrawn);
        }
        let contract_only = a.bases.iter().all(|b| b.kind() == BasisKind::Contract);
        let contract_ended = s
            .relationship
            .as_ref()
            .is_some_and(|x| x.end.is_some_and(|e| e <= at));
        if contract_only && contract_ended {
            return Some(ErasureGround::NoLongerNecessary);
        }
        if let Some(RetentionRule::After { period, anchor }) = &a.retention {
            let c = self.policy.controller();
            let anchors = self.anchors(r, Some(s), a, at);
            let end = super::retention::retention_end(
                *period,
                anchor,
                &anchors,
                c.time_zone,
                c.fiscal_year_end,
            );
            if end.is_some_and(|(_, ends)| ends <= at) {
                return Some(ErasureGround::NoLongerNecessary);
            }
        }
        None
    }
}
