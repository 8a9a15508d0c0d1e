//! Processing activities: the entries of the Art. 30 record of processing.

use serde::{Deserialize, Serialize};

use super::basis::{BasisKind, LegalBasis, SpecialCondition};
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
    /// The purposes it serves (at least one), each with the lawful bases it rests on (Art. 6(1):
    /// a basis is "for one or more specific purposes").
    pub purposes: Vec<ActivityPurpose>,
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
    /// Whether the activity offers an information society service directly to children, so
    /// that a consent it rests on needs the parents' below the national age (Art. 8(1)).
    pub offered_to_children: bool,
}

/// One purpose of an activity and the lawful bases the processing for it rests on.
///
/// An empty list of bases means the notice states none: the policy says so rather than invent
/// one. Decisions for such a purpose deny (Art. 6(1)) and the audit reports it (Art. 13(1)(c)).
///
/// ```
/// use gdpr_policy::model::{ActivityPurpose, LegalBasis};
///
/// let billing = ActivityPurpose { id: "billing".parse()?, bases: vec![LegalBasis::Contract] };
/// assert!(billing.basis_stated());
/// # Ok::<(), gdpr_policy::model::IdError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActivityPurpose {
    /// The purpose.
    pub id: PurposeId,
    /// The lawful bases for it, in the order the policy lists them; empty when none is stated.
    pub bases: Vec<LegalBasis>,
}

impl ActivityPurpose {
    /// Whether the policy states any basis for the purpose.
    #[must_use]
    pub fn basis_stated(&self) -> bool {
        !self.bases.is_empty()
    }

    /// Whether one of its bases is of kind `kind`.
    #[must_use]
    pub fn rests_on(&self, kind: BasisKind) -> bool {
        self.bases.iter().any(|b| b.kind() == kind)
    }
}

impl Activity {
    /// The ids of its purposes, in policy order.
    pub fn purpose_ids(&self) -> impl Iterator<Item = &PurposeId> {
        self.purposes.iter().map(|p| &p.id)
    }

    /// Every basis some purpose rests on, once each, in the order first listed.
    #[must_use]
    pub fn bases(&self) -> Vec<&LegalBasis> {
        let mut out: Vec<&LegalBasis> = Vec::new();
        for b in self.purposes.iter().flat_map(|p| &p.bases) {
            if !out.contains(&b) {
                out.push(b);
            }
        }
        out
    }

    /// Whether some purpose rests on a basis of kind `kind`.
    #[must_use]
    pub fn rests_on(&self, kind: BasisKind) -> bool {
        self.purposes.iter().any(|p| p.rests_on(kind))
    }

    /// Whether every purpose rests on bases of kind `kind` only (and some basis is stated).
    #[must_use]
    pub fn rests_only_on(&self, kind: BasisKind) -> bool {
        self.purposes
            .iter()
            .all(|p| p.basis_stated() && p.bases.iter().all(|b| b.kind() == kind))
    }

    /// Whether the activity rests on consent for some purpose.
    #[must_use]
    pub fn relies_on_consent(&self) -> bool {
        self.rests_on(BasisKind::Consent)
    }

    /// The purposes for which the policy states no basis.
    pub fn purposes_without_basis(&self) -> impl Iterator<Item = &PurposeId> {
        self.purposes
            .iter()
            .filter(|p| !p.basis_stated())
            .map(|p| &p.id)
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
