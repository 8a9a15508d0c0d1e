//! Legal bases (Art. 6(1)), conditions for special categories (Art. 9(2)) and authorisations for
//! criminal data (Art. 10).

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::citation::{Citation, gdpr};

/// The lawful bases of Art. 6(1) GDPR, without their particulars.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BasisKind {
    /// Art. 6(1)(a): consent.
    Consent,
    /// Art. 6(1)(b): performance of a contract or steps before entering into one.
    Contract,
    /// Art. 6(1)(c): a legal obligation of the controller.
    LegalObligation,
    /// Art. 6(1)(d): vital interests.
    VitalInterests,
    /// Art. 6(1)(e): a task in the public interest or official authority.
    PublicTask,
    /// Art. 6(1)(f): legitimate interests.
    LegitimateInterests,
}

impl BasisKind {
    /// All six, in the order of Art. 6(1).
    pub const ALL: [Self; 6] = [
        Self::Consent,
        Self::Contract,
        Self::LegalObligation,
        Self::VitalInterests,
        Self::PublicTask,
        Self::LegitimateInterests,
    ];

    /// The point of Art. 6(1).
    #[must_use]
    pub const fn point(self) -> char {
        match self {
            Self::Consent => 'a',
            Self::Contract => 'b',
            Self::LegalObligation => 'c',
            Self::VitalInterests => 'd',
            Self::PublicTask => 'e',
            Self::LegitimateInterests => 'f',
        }
    }

    /// `Art. 6(1)(x)`.
    #[must_use]
    pub const fn citation(self) -> Citation {
        gdpr(6, 1, self.point())
    }
}

impl fmt::Display for BasisKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Consent => "consent",
            Self::Contract => "contract",
            Self::LegalObligation => "legal obligation",
            Self::VitalInterests => "vital interests",
            Self::PublicTask => "public task",
            Self::LegitimateInterests => "legitimate interests",
        })
    }
}

/// A lawful basis of Art. 6(1) with the particulars Art. 13 requires.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum LegalBasis {
    /// Art. 6(1)(a).
    Consent,
    /// Art. 6(1)(b).
    Contract,
    /// Art. 6(1)(c), with the statute imposing the obligation where the policy names it.
    LegalObligation {
        /// The statute, if stated.
        statute: Option<Citation>,
    },
    /// Art. 6(1)(d).
    VitalInterests,
    /// Art. 6(1)(e).
    PublicTask,
    /// Art. 6(1)(f), with the interest pursued where the policy states it (Art. 13(1)(d)).
    LegitimateInterests {
        /// The legitimate interest pursued, if stated.
        interest: Option<String>,
    },
}

impl LegalBasis {
    /// The basis without its particulars.
    #[must_use]
    pub const fn kind(&self) -> BasisKind {
        match self {
            Self::Consent => BasisKind::Consent,
            Self::Contract => BasisKind::Contract,
            Self::LegalObligation { .. } => BasisKind::LegalObligation,
            Self::VitalInterests => BasisKind::VitalInterests,
            Self::PublicTask => BasisKind::PublicTask,
            Self::LegitimateInterests { .. } => BasisKind::LegitimateInterests,
        }
    }
}

/// The conditions of Art. 9(2) under which special-category data may be processed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SpecialCondition {
    /// Art. 9(2)(a): explicit consent.
    ExplicitConsent,
    /// Art. 9(2)(b): employment, social security and social protection law.
    Employment,
    /// Art. 9(2)(c): vital interests of a subject incapable of consenting.
    VitalInterests,
    /// Art. 9(2)(d): members of a not-for-profit body.
    NotForProfit,
    /// Art. 9(2)(e): manifestly made public by the subject.
    MadePublic,
    /// Art. 9(2)(f): legal claims or courts acting in their judicial capacity.
    LegalClaims,
    /// Art. 9(2)(g): substantial public interest on the basis of law.
    SubstantialPublicInterest,
    /// Art. 9(2)(h): preventive or occupational medicine, health or social care (with 9(3)).
    HealthOrSocialCare,
    /// Art. 9(2)(i): public health.
    PublicHealth,
    /// Art. 9(2)(j): archiving, scientific or historical research, statistics (Art. 89(1)).
    ArchivingOrResearch,
}

impl SpecialCondition {
    /// The point of Art. 9(2).
    #[must_use]
    pub const fn point(self) -> char {
        match self {
            Self::ExplicitConsent => 'a',
            Self::Employment => 'b',
            Self::VitalInterests => 'c',
            Self::NotForProfit => 'd',
            Self::MadePublic => 'e',
            Self::LegalClaims => 'f',
            Self::SubstantialPublicInterest => 'g',
            Self::HealthOrSocialCare => 'h',
            Self::PublicHealth => 'i',
            Self::ArchivingOrResearch => 'j',
        }
    }

    /// `Art. 9(2)(x)`.
    #[must_use]
    pub const fn citation(self) -> Citation {
        gdpr(9, 2, self.point())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn citations_follow_the_points_of_the_articles() {
        assert_eq!(
            BasisKind::LegitimateInterests.citation().to_string(),
            "GDPR Art. 6(1)(f)"
        );
        assert_eq!(
            SpecialCondition::ArchivingOrResearch.citation().to_string(),
            "GDPR Art. 9(2)(j)"
        );
        let lo = LegalBasis::LegalObligation { statute: None };
        assert_eq!(lo.kind(), BasisKind::LegalObligation);
    }
}
