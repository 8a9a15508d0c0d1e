//! Erasure plans (Art. 17): what happens to each of a subject's records when they ask for
//! erasure.
//!
//! Every record gets exactly one [`Action`], decided in this order:
//!
//! 1. the record's activity is unknown, or does not declare the record's category: **keep**,
//!    because erasure cannot be undone and the policy says nothing about the data (the reason
//!    says so, citing Art. 5(1)(b) or (c));
//! 2. the controller acts as **processor** for the activity: **forward** the request to the
//!    controller (Art. 28(3)(e));
//! 3. find the Art. 17(1) **ground**. Each purpose of the activity is judged on its own bases
//!    (as decisions judge them); the data is still necessary while a purpose other than a legal
//!    obligation has a basis that holds (a running contract for a customer, a consent, legitimate
//!    interests no objection stands against), and then no ground applies: **keep**, naming the
//!    purposes and bases. A legal obligation is not such a need but the exception of step 4.
//!    Once the activity's own retention period is over, only a running contract still needs the
//!    data. A purpose with no basis stated makes the plan **keep** and ask (Art. 6(1)).
//!    Grounds the request states are checked against the subject's state: (a) "no longer
//!    necessary", (b) "consent withdrawn" and (c) "objection" are cited where the state bears
//!    them out; where something on record still needs the data, the request's own withdrawal
//!    and objection count (any stated ground objects to direct marketing, Art. 21(2)), so a
//!    claim that marketing data is no longer necessary while the relationship runs is erased on
//!    (c). Grounds (d) unlawful, (e) a legal obligation to erase and (f) a child's data rest on
//!    facts the policy cannot see and are taken as stated; (f) is also derived for a child's
//!    data collected on consent for a service offered to children (Art. 8(1)). With no stated
//!    ground the plan derives one: (c) where an objection stands, (b) where a consent the
//!    activity rests on lapsed, else (a); a contract-only activity with no relationship on record
//!    is kept and asked about;
//! 4. with a ground, the **exceptions** of Art. 17(3): a legal duty to keep that covers the
//!    record ((b), citing the statute) or an active legal-claims hold ((e)) makes it **retain
//!    until** the later of their end dates, processing restricted to that purpose meanwhile; a
//!    duty whose period has not started yet (its anchor event has not happened) makes it
//!    **keep**, citing Art. 17(3)(b), and so does an activity resting on a legal obligation that
//!    no duty with a period covers; a hold's end is exclusive, so its last day is the day before
//!    a hold ending at local midnight;
//! 5. otherwise **erase**, citing the ground, and notify every recipient the record was disclosed
//!    to (Art. 19).

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::Engine;
use super::compile::CompiledSubject;
use super::lawful::{Lapse, Needs, Wishes, needs};
use super::retention::retention_end;
use super::schedule::Source;
use crate::citation::{Citation, gdpr};
use crate::model::{
    Activity, BasisKind, LegalBasis, RecipientId, Record, RetentionRule, Role, SubjectState,
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
        let compiled = self.compile_subject(subject);
        let steps = records
            .iter()
            .map(|r| Step {
                record: r.id.clone(),
                action: self.erasure_action(subject, &compiled, r, at, grounds),
            })
            .collect();
        ErasurePlan { at, steps }
    }

    fn erasure_action(
        &self,
        s: &SubjectState,
        cs: &CompiledSubject,
        r: &Record,
        at: DateTime<Utc>,
        stated: &[ErasureGround],
    ) -> Action {
        let Some((ai, a)) = self.policy.activity(&r.activity) else {
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
        if !self.c.declares(ai, &r.category) {
            return Action::Keep {
                reason: format!(
                    "the record's category `{}` is not among the categories of activity `{}`; erasure needs a manual decision",
                    r.category, a.id
                ),
                citation: gdpr(5, 1, 'c').to_string(),
            };
        }
        let ground = match self.ground(s, cs, r, a, ai, at, stated) {
            Ok(g) => g,
            Err((reason, citation)) => {
                return Action::Keep {
                    reason,
                    citation: citation.to_string(),
                };
            }
        };
        self.exceptions(s, r, a, at, ground)
    }

    /// The Art. 17(1) ground that applies to the record, or why none does. Each purpose of the
    /// record's activity is judged on its own bases (see [`super::lawful`]): the data is still
    /// necessary while a purpose other than a legal obligation has a basis that holds. A legal
    /// obligation is not a reason to keep here but the Art. 17(3)(b) exception, applied after.
    /// What the request states is checked against the subject's state: (a) "no longer
    /// necessary" and (b) "consent withdrawn" hold only where no other purpose needs the data,
    /// and any stated ground is an objection to direct marketing (Art. 21(2)); (d), (e) and (f)
    /// rest on facts the policy cannot see and are taken as stated.
    #[allow(clippy::too_many_arguments)]
    fn ground(
        &self,
        s: &SubjectState,
        cs: &CompiledSubject,
        r: &Record,
        a: &Activity,
        ai: usize,
        at: DateTime<Utc>,
        stated: &[ErasureGround],
    ) -> Result<ErasureGround, (String, Citation)> {
        use ErasureGround as G;
        if let Some(g) = stated
            .iter()
            .copied()
            .filter(|g| matches!(g, G::Unlawful | G::LegalObligation | G::ChildData))
            .min()
        {
            return Ok(g);
        }
        // (f) rests on how the data was collected, not on a lapsed basis (Recital 65).
        let (age, _) = crate::law::age::digital_consent_age(
            s.country.unwrap_or(self.policy.controller().country),
        );
        let child = s.age.is_some_and(|x| x < age) || s.kind.as_str() == "child";
        if stated.is_empty() && child && a.offered_to_children && a.relies_on_consent() {
            return Ok(G::ChildData);
        }
        let wishes = Wishes {
            consent_withdrawn: stated.contains(&G::ConsentWithdrawn),
            objects: stated.contains(&G::Objection),
            objects_to_marketing: !stated.is_empty(),
        };
        // The policy's own period, once over, ends every need but a running contract's.
        let period_over = match &a.retention {
            Some(RetentionRule::After { period, anchor }) => {
                let c = self.policy.controller();
                let anchors = self.anchors(r, Some(s), a, at);
                retention_end(*period, anchor, &anchors, c.time_zone, c.fiscal_year_end)
                    .is_some_and(|(_, ends)| ends <= at)
            }
            _ => false,
        };
        // First on the recorded state alone; where something still needs the data, again with
        // what the request itself says (a withdrawal, an objection).
        let on_record = needs(self, cs, a, ai, at, Wishes::default(), period_over);
        let by_request = !on_record.needed.is_empty() && !stated.is_empty();
        let Needs {
            needed,
            contract,
            unstated,
            lapses,
        } = if by_request {
            needs(self, cs, a, ai, at, wishes, period_over)
        } else {
            on_record
        };
        if !needed.is_empty() {
            let citation = if contract {
                BasisKind::Contract.citation()
            } else {
                gdpr(17, 1, ' ')
            };
            return Err((
                format!(
                    "no Art. 17(1) ground applies: the data is still necessary for purpose {}",
                    needed.join(", ")
                ),
                citation,
            ));
        }
        // A running contract for a subject kind the policy does not mark as a party: the
        // contract cannot carry the data (Art. 6(1)(b)), but erasure cannot be undone and the
        // kind may simply not be marked. Keep and ask (the audit reports `contract-non-party`).
        let party = self
            .policy
            .subject_kind(&s.kind)
            .is_some_and(|k| k.party_to_contract);
        let running = s
            .relationship
            .as_ref()
            .is_some_and(|x| x.start <= at && x.end.is_none_or(|e| at < e));
        if needed.is_empty() && !party && running && a.rests_on(BasisKind::Contract) {
            return Err((
                format!(
                    "the contract runs, but a `{}` is not marked as a party to it, so the contract basis cannot hold (Art. 6(1)(b)); mark the subject kind `party_to_contract` if it is one, or state the ground",
                    s.kind
                ),
                BasisKind::Contract.citation(),
            ));
        }
        if !unstated.is_empty() {
            return Err((
                format!(
                    "no legal basis is stated for purpose {}: whether an Art. 17(1) ground applies cannot be told from the policy; state the basis, or state the ground (e.g. `unlawful`, Art. 17(1)(d))",
                    unstated.join(", ")
                ),
                gdpr(6, 1, ' '),
            ));
        }
        let contract_only = a.rests_only_on(BasisKind::Contract);
        if contract_only && s.relationship.is_none() && !period_over && stated.is_empty() {
            // Never a contract on record: the basis may never have applied, or the
            // relationship was not given. Erasure cannot be undone, so ask.
            return Err(("no Art. 17(1) ground is established: the activity rests on contract and the subject's state records no relationship; give the relationship, or state the ground (e.g. `unlawful`, Art. 17(1)(d), if there never was one)".to_owned(), gdpr(17, 1, ' ')));
        }
        // The grounds the state shows: (a) whenever nothing needs the data any more, (b) where a
        // consent the activity rests on lapsed, (c) where an objection stands.
        let shown = |g: G| match g {
            G::NoLongerNecessary => !by_request,
            G::ConsentWithdrawn => lapses.contains(&Lapse::Consent) && a.relies_on_consent(),
            G::Objection => lapses.contains(&Lapse::Objection),
            _ => false,
        };
        // A stated ground the state bears out is the one cited; otherwise the one the state
        // shows: a claim that marketing data is "no longer necessary" while the relationship
        // runs is an objection to direct marketing (Art. 21(2), 17(1)(c)).
        if let Some(g) = stated.iter().copied().filter(|g| shown(*g)).min() {
            return Ok(g);
        }
        Ok([G::Objection, G::ConsentWithdrawn]
            .into_iter()
            .find(|g| shown(*g))
            .unwrap_or(G::NoLongerNecessary))
    }

    /// With a ground, the exceptions of Art. 17(3): a legal duty to keep that covers the record
    /// ((b), citing the statute), an activity resting on a legal obligation no duty with a
    /// period covers ((b), kept until the policy says how long), or a legal-claims hold ((e)).
    fn exceptions(
        &self,
        s: &SubjectState,
        r: &Record,
        a: &Activity,
        at: DateTime<Utc>,
        ground: ErasureGround,
    ) -> Action {
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
        // A legal obligation with no period the policy or the crate knows: keep, and say so.
        if let Some(statute) = a.bases().into_iter().find_map(|b| match b {
            LegalBasis::LegalObligation { statute } => Some(statute.clone()),
            _ => None,
        }) {
            let by = statute.map_or_else(
                || "a legal obligation the policy does not name".to_owned(),
                |st| st.to_string(),
            );
            return Action::Keep {
                reason: format!(
                    "the activity rests on a legal obligation ({by}) and no duty with a period covers `{}`: it is kept for the obligation until the policy says how long",
                    r.category
                ),
                citation: gdpr(17, 3, 'b').to_string(),
            };
        }
        Action::Erase {
            ground,
            citation: ground.citation().to_string(),
            notify: r.disclosed_to.clone(),
        }
    }
}
