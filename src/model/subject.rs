//! The state of one data subject and the records held about them: the inputs to the engine's
//! questions, not part of the policy.
//!
//! All instants are UTC. An interval `from .. until` holds from `from` (inclusive) until `until`
//! (exclusive): a consent withdrawn at instant `t` no longer holds at `t`.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::id::{ActivityId, CategoryId, PurposeId, RecipientId, SubjectKind};
use crate::law::Country;

/// What is known about one data subject at the time of a question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SubjectState {
    /// The kind of subject, as the policy names it.
    pub kind: SubjectKind,
    /// Age in whole years, where known (Art. 8).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub age: Option<u8>,
    /// Country of residence, where known (selects the Art. 8 age).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<Country>,
    /// The contractual relationship, if there is or was one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub relationship: Option<Relationship>,
    /// Consents given, and withdrawn where they were.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub consents: Vec<Consent>,
    /// Objections made (Art. 21).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub objections: Vec<Objection>,
    /// Restrictions of processing (Art. 18).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub restrictions: Vec<Restriction>,
    /// Holds for legal claims (Art. 17(3)(e)).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub legal_claim_holds: Vec<LegalClaimHold>,
    /// Named events that retention rules may count from (e.g. `warranty_end`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub events: BTreeMap<String, DateTime<Utc>>,
}

/// A contractual relationship: a contract from `start`, ended at `end` if it has, and settled at
/// `settled` if what was delivered under it was invoiced and paid (or collected) after it ended.
///
/// Purposes that settle a contract (`billing` and below: invoicing, payment, debt collection)
/// keep the contract basis (Art. 6(1)(b)) until the later of `end` and `settled`; without
/// `settled`, the contract counts as settled when it ended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Relationship {
    /// When the contract (or the steps before it, at the subject's request) began.
    pub start: DateTime<Utc>,
    /// When it ended, if it has.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<DateTime<Utc>>,
    /// When the contract was settled (the last invoice paid or collected), if that came after
    /// its end.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub settled: Option<DateTime<Utc>>,
}

/// A consent (Art. 6(1)(a), 7) for a purpose.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Consent {
    /// The purpose consented to; covers its sub-purposes.
    pub purpose: PurposeId,
    /// When it was given.
    pub given: DateTime<Utc>,
    /// When it was withdrawn (Art. 7(3)), if it was.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub withdrawn: Option<DateTime<Utc>>,
    /// When it lapses, if it was given for a limited time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires: Option<DateTime<Utc>>,
    /// Whether it was explicit (Art. 9(2)(a), 22(2)(c), 49(1)(a)).
    #[serde(default)]
    pub explicit: bool,
    /// Whether it was given or authorised by the holder of parental responsibility (Art. 8(1)).
    #[serde(default)]
    pub parental: bool,
}

/// An objection (Art. 21).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Objection {
    /// The purpose objected to; covers its sub-purposes.
    pub purpose: PurposeId,
    /// When it was made.
    pub at: DateTime<Utc>,
    /// Which paragraph it is made under.
    pub kind: ObjectionKind,
    /// Compelling legitimate grounds the controller has recorded that override an Art. 21(1)
    /// objection, if any. They never override an objection to direct marketing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub compelling_grounds: Option<String>,
}

/// The paragraph of Art. 21 an objection is made under.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ObjectionKind {
    /// Art. 21(1): on grounds relating to the subject's particular situation.
    ParticularSituation,
    /// Art. 21(2)-(3): to direct marketing; absolute.
    DirectMarketing,
}

/// A restriction of processing (Art. 18).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Restriction {
    /// The categories restricted; covers their sub-categories.
    pub categories: Vec<CategoryId>,
    /// The ground of Art. 18(1).
    pub ground: RestrictionGround,
    /// When it took effect.
    pub from: DateTime<Utc>,
    /// When it was lifted, if it was (after informing the subject, Art. 18(3)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lifted: Option<DateTime<Utc>>,
}

/// The grounds of Art. 18(1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RestrictionGround {
    /// (a) accuracy contested, while it is verified.
    AccuracyContested,
    /// (b) processing unlawful, subject prefers restriction to erasure.
    UnlawfulProcessing,
    /// (c) controller no longer needs the data, subject needs it for legal claims.
    NeededForClaims,
    /// (d) an Art. 21(1) objection is pending verification.
    ObjectionPending,
}

/// Data held for legal claims (Art. 17(3)(e)), e.g. during a dispute.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LegalClaimHold {
    /// When the hold began.
    pub from: DateTime<Utc>,
    /// When it ends, if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<DateTime<Utc>>,
    /// What the claim is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A record of personal data held about a subject.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Record {
    /// The application's id for it.
    pub id: String,
    /// Its category.
    pub category: CategoryId,
    /// The activity that collected or holds it.
    pub activity: ActivityId,
    /// When it was collected.
    pub collected_at: DateTime<Utc>,
    /// The last day of the fiscal year it belongs to, for bookkeeping duties.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fiscal_year_end: Option<NaiveDate>,
    /// The recipients it has been disclosed to (Art. 19).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub disclosed_to: Vec<RecipientId>,
}
