//! Processing activities: the entries of the Art. 30 record of processing.

use serde::{Deserialize, Serialize};

use super::basis::{LegalBasis, SpecialCondition};
use super::category::Provenance;
use super::id::{ActivityId, CategoryId, PurposeId, RecipientId, SubjectKind};
use crate::law::duty::Anchor;
use crate::time::Period;

/// One processing activity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Activity {
    /// Its id.
    pub id: ActivityId,
    /// A human-readable name.
    pub name: String,
    /// The purposes it serves (at least one).
    pub purposes: Vec<PurposeId>,
    /// The lawful bases it rests on (at least one; Art. 6(1) allows several).
    pub bases: Vec<LegalBasis>,
    /// The Art. 9(2) condition for any special-category data it processes.
    pub special_condition: Option<SpecialCondition>,
    /// The law authorising processing of criminal data (Art. 10), as the policy cites it.
    pub criminal_authorisation: Option<String>,
    /// Why a national identification number is needed (SE Dataskyddslagen 3 kap. 10 §: "klart
    /// motiverat").
    pub national_id_justification: Option<String>,
    /// The kinds of data subject whose data it processes (at least one).
    pub subjects: Vec<SubjectKind>,
    /// The categories it processes, each with where the data comes from (at least one).
    pub categories: Vec<(CategoryId, Provenance)>,
    /// Whether the policy acts as controller or as processor for this activity.
    pub role: Role,
    /// How long its data is kept, if the policy says.
    pub retention: Option<RetentionRule>,
    /// Legal duties to keep some of its data, by id (built-in or declared by the policy).
    pub duties: Vec<DutyRef>,
    /// Those who receive its data.
    pub recipients: Vec<RecipientId>,
    /// Solely automated decision-making with legal or similarly significant effects (Art. 22).
    pub automated_decision: Option<AutomatedDecision>,
    /// Whether providing the data is a statutory or contractual requirement (Art. 13(2)(e)).
    pub requirement: Option<Requirement>,
    /// How a consent can be withdrawn (Art. 7(3)), where the policy says.
    pub withdrawal: Option<String>,
}

impl Activity {
    /// Whether the activity rests on consent among its bases.
    #[must_use]
    pub fn relies_on_consent(&self) -> bool {
        self.bases.contains(&LegalBasis::Consent)
    }
}

/// The role the policy's controller plays for an activity (Art. 4(7), 4(8), 28).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Role {
    /// It decides purposes and means.
    Controller,
    /// It processes on behalf of a controller, under a data processing agreement (Art. 28).
    Processor {
        /// The controller it acts for, as the policy describes it (e.g. "the customer").
        on_behalf_of: String,
    },
}

/// How long an activity's data is kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RetentionRule {
    /// A fixed period after an anchor event.
    After {
        /// The period.
        period: Period,
        /// What the period counts from.
        anchor: Anchor,
    },
    /// While the purpose lasts, with the stated criteria and the period after which the need is
    /// reviewed. Without a review period or criteria the audit flags it (Art. 13(2)(a)).
    WhilePurposeLasts {
        /// How often the continued need is reviewed.
        review: Option<Period>,
        /// The criteria used to decide (Art. 13(2)(a) "the criteria used to determine that
        /// period").
        criteria: Option<String>,
    },
}

/// A reference to a legal retention duty.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DutyRef {
    /// A duty built into the crate.
    Builtin(crate::law::duty::DutyId),
    /// A duty the policy declares.
    Declared(super::id::DutyName),
}

impl DutyRef {
    /// The id as written in the policy.
    #[must_use]
    pub fn as_str(&self) -> &str {
        match self {
            Self::Builtin(id) => id.as_str(),
            Self::Declared(name) => name.as_str(),
        }
    }
}

/// Solely automated decision-making (Art. 22).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AutomatedDecision {
    /// Whether the decision has legal or similarly significant effects (Art. 22(1)).
    pub legal_effects: bool,
    /// Meaningful information about the logic involved (Art. 13(2)(f)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logic: Option<String>,
}

/// Whether providing the data is required (Art. 13(2)(e)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Requirement {
    /// Required by law.
    Statutory,
    /// Required by a contract.
    Contractual,
    /// Necessary to enter into a contract.
    ContractPrerequisite,
    /// Voluntary.
    Voluntary,
}
