//! What a decision says: the outcome, the reasons with their citations, the obligations.

use std::fmt;

use chrono::{DateTime, Utc};
use serde::ser::SerializeStruct;
use serde::{Deserialize, Serialize, Serializer};

use crate::citation::Citation;
use crate::model::BasisKind;

/// Permit or deny. Exhaustive on purpose: there is no third answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// The processing may happen, under the decision's obligations.
    Permit,
    /// The processing may not happen.
    Deny,
}

/// The rules a decision applies; each has a stable code that is never reused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Rule {
    /// `activity-declared`: the activity (or a purpose served by one) is in the policy.
    ActivityDeclared,
    /// `categories-declared`: every requested category is among the activity's.
    CategoriesDeclared,
    /// `subject-declared`: the kind of subject is among the activity's.
    SubjectDeclared,
    /// `processor-instructions`: the controller acts as processor for this activity.
    ProcessorInstructions,
    /// `consent`: a consent covering the purposes holds at the instant.
    Consent,
    /// `child-consent`: a child under the national age needs parental consent.
    ChildConsent,
    /// `contract`: the contract (or pre-contract steps) is in force.
    Contract,
    /// `legal-obligation`: a legal obligation requires the processing.
    LegalObligation,
    /// `vital-interests`: vital interests.
    VitalInterests,
    /// `public-task`: a task in the public interest.
    PublicTask,
    /// `legitimate-interests`: legitimate interests, unless an objection stands.
    LegitimateInterests,
    /// `direct-marketing-objection`: an objection to direct marketing is absolute.
    DirectMarketingObjection,
    /// `special-category`: Art. 9(2) condition (explicit consent where that is the condition).
    SpecialCategory,
    /// `criminal-data`: Art. 10 authorisation.
    CriminalData,
    /// `national-id`: a national id number needs its justification.
    NationalId,
    /// `restriction`: Art. 18 restriction allows storage only.
    Restriction,
    /// `storage-limitation`: the data's retention has ended.
    StorageLimitation,
    /// `recipient-declared`: the recipient is declared for the activity.
    RecipientDeclared,
    /// `transfer-mechanism`: a third-country transfer has a mechanism valid on the day.
    TransferMechanism,
    /// `automated-decision`: Art. 22 conditions for solely automated decisions.
    AutomatedDecision,
    /// `erasure`: erasing data needs no legal basis (Art. 17).
    Erasure,
    /// `basis-stated`: the policy states a legal basis for the purpose (Art. 6(1)).
    BasisStated,
}

impl Rule {
    /// Every rule, in the order a decision applies them.
    pub const ALL: [Self; 22] = [
        Self::ActivityDeclared,
        Self::CategoriesDeclared,
        Self::SubjectDeclared,
        Self::ProcessorInstructions,
        Self::Consent,
        Self::ChildConsent,
        Self::Contract,
        Self::LegalObligation,
        Self::VitalInterests,
        Self::PublicTask,
        Self::LegitimateInterests,
        Self::DirectMarketingObjection,
        Self::SpecialCategory,
        Self::CriminalData,
        Self::NationalId,
        Self::Restriction,
        Self::StorageLimitation,
        Self::RecipientDeclared,
        Self::TransferMechanism,
        Self::AutomatedDecision,
        Self::Erasure,
        Self::BasisStated,
    ];

    /// The stable code.
    #[must_use]
    pub const fn code(self) -> &'static str {
        match self {
            Self::ActivityDeclared => "activity-declared",
            Self::CategoriesDeclared => "categories-declared",
            Self::SubjectDeclared => "subject-declared",
            Self::ProcessorInstructions => "processor-instructions",
            Self::Consent => "consent",
            Self::ChildConsent => "child-consent",
            Self::Contract => "contract",
            Self::LegalObligation => "legal-obligation",
            Self::VitalInterests => "vital-interests",
            Self::PublicTask => "public-task",
            Self::LegitimateInterests => "legitimate-interests",
            Self::DirectMarketingObjection => "direct-marketing-objection",
            Self::SpecialCategory => "special-category",
            Self::CriminalData => "criminal-data",
            Self::NationalId => "national-id",
            Self::Restriction => "restriction",
            Self::StorageLimitation => "storage-limitation",
            Self::RecipientDeclared => "recipient-declared",
            Self::TransferMechanism => "transfer-mechanism",
            Self::AutomatedDecision => "automated-decision",
            Self::Erasure => "erasure",
            Self::BasisStated => "basis-stated",
        }
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// One reason of a decision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reason {
    /// The rule applied.
    pub rule: Rule,
    /// Whether the rule was satisfied (`true`) or violated (`false`).
    pub satisfied: bool,
    /// The provision the rule rests on.
    pub citation: Citation,
    /// Where in the policy the rule looked, e.g. `activity[2].bases`.
    pub path: String,
    /// A one-line message.
    pub message: String,
}

impl Serialize for Reason {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("Reason", 5)?;
        st.serialize_field("rule", self.rule.code())?;
        st.serialize_field("satisfied", &self.satisfied)?;
        st.serialize_field("citation", &self.citation.to_string())?;
        st.serialize_field("path", &self.path)?;
        st.serialize_field("message", &self.message)?;
        st.end()
    }
}

/// Something the controller must do if it goes ahead.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
#[non_exhaustive]
pub enum Obligation {
    /// Only store the data (Art. 18(2)).
    StorageOnly {
        /// The provision.
        citation: String,
    },
    /// Stop by this instant, when the data's retention ends (Art. 5(1)(e)).
    StopBy {
        /// The instant retention ends.
        at: DateTime<Utc>,
        /// The provision.
        citation: String,
    },
    /// Offer human intervention, a way to express a view and to contest (Art. 22(3)).
    OfferHumanIntervention {
        /// The provision.
        citation: String,
    },
    /// Inform the subject of the transfer and its safeguard (Art. 13(1)(f), 15(2)).
    InformOfTransfer {
        /// The safeguard relied on.
        safeguard: String,
        /// The provision.
        citation: String,
    },
    /// Process only on the controller's documented instructions (Art. 28(3)(a)).
    FollowControllerInstructions {
        /// Whose instructions.
        controller: String,
        /// The provision.
        citation: String,
    },
}

impl Obligation {
    /// The provision the obligation rests on.
    #[must_use]
    pub fn citation(&self) -> &str {
        match self {
            Self::StorageOnly { citation }
            | Self::StopBy { citation, .. }
            | Self::OfferHumanIntervention { citation }
            | Self::InformOfTransfer { citation, .. }
            | Self::FollowControllerInstructions { citation, .. } => citation,
        }
    }
}

/// The legal basis a permitted decision relies on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReliedBasis {
    /// The basis.
    pub basis: BasisKind,
    /// Its citation, `GDPR Art. 6(1)(x)` (a legal obligation's statute is a reason of its own).
    pub citation: String,
    /// The purpose it is relied on for: the first purpose the request is about.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub purpose: Option<crate::model::PurposeId>,
}

/// The answer to "may this processing happen now?".
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Decision {
    /// Permit or deny.
    pub outcome: Outcome,
    /// The basis relied on, for a permit (processors rely on the controller's instructions and
    /// name none; erasure needs none).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub basis: Option<ReliedBasis>,
    /// The reasons: the determining ones first (for a deny, every violated rule; for a permit,
    /// the basis), then the rest, each group in the order the rules were applied.
    pub reasons: Vec<Reason>,
    /// What the controller must do if it goes ahead; empty for a deny.
    pub obligations: Vec<Obligation>,
}

impl Decision {
    /// Whether the outcome is [`Outcome::Permit`].
    #[must_use]
    pub fn is_permit(&self) -> bool {
        self.outcome == Outcome::Permit
    }

    /// The reasons that determined the outcome.
    pub fn determining(&self) -> impl Iterator<Item = &Reason> {
        let deny = self.outcome == Outcome::Deny;
        self.reasons.iter().filter(move |r| r.satisfied != deny)
    }
}

impl fmt::Display for Decision {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.outcome {
            Outcome::Permit => f.write_str("permit")?,
            Outcome::Deny => f.write_str("deny")?,
        }
        if let Some(b) = &self.basis {
            write!(f, " on {} ({})", b.basis, b.citation)?;
        }
        for r in &self.reasons {
            let mark = if r.satisfied { "ok " } else { "NO " };
            write!(
                f,
                "\n  {mark}[{}] {} ({}; {})",
                r.rule, r.message, r.citation, r.path
            )?;
        }
        for o in &self.obligations {
            write!(f, "\n  must: {o}")?;
        }
        Ok(())
    }
}
