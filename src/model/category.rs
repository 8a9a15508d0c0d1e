//! Data categories: the built-in taxonomy, legal status and provenance.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::id::CategoryId;
use crate::citation::{Citation, gdpr};
use crate::law::statute::Statute;

/// The kinds of special-category data of Art. 9(1) GDPR.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SpecialKind {
    /// Racial or ethnic origin.
    RacialOrEthnicOrigin,
    /// Political opinions.
    PoliticalOpinions,
    /// Religious or philosophical beliefs.
    ReligiousOrPhilosophicalBeliefs,
    /// Trade union membership.
    TradeUnionMembership,
    /// Genetic data.
    Genetic,
    /// Biometric data processed to identify a person uniquely.
    Biometric,
    /// Data concerning health.
    Health,
    /// Data concerning a person's sex life or sexual orientation.
    SexLifeOrOrientation,
}

/// The legal status of a category: what rules beyond Art. 6 apply to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LegalStatus {
    /// Ordinary personal data: Art. 6 alone.
    Ordinary,
    /// Children's data: Art. 8 consent age, Recital 38 and 65 protection.
    Children,
    /// A national identification number (Art. 87; SE Dataskyddslagen 3 kap. 10 §).
    NationalId,
    /// Data relating to criminal convictions and offences (Art. 10).
    Criminal,
    /// A special category of Art. 9(1).
    Special(SpecialKind),
}

impl LegalStatus {
    /// How protected the status is; a category may not be less protected than its parent.
    #[must_use]
    pub const fn rank(self) -> u8 {
        match self {
            Self::Ordinary => 0,
            Self::Children | Self::NationalId => 1,
            Self::Criminal | Self::Special(_) => 2,
        }
    }

    /// The provision that gives the status its extra rules.
    #[must_use]
    pub fn citation(self) -> Citation {
        match self {
            Self::Ordinary => gdpr(6, 1, ' '),
            Self::Children => gdpr(8, 1, ' '),
            Self::NationalId => Citation::Statute(Statute::SeDataskyddslagen.at("3 kap. 10 §")),
            Self::Criminal => gdpr(10, 0, ' '),
            Self::Special(_) => gdpr(9, 1, ' '),
        }
    }
}

impl fmt::Display for LegalStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Ordinary => f.write_str("ordinary"),
            Self::Children => f.write_str("children's data"),
            Self::NationalId => f.write_str("national identification number"),
            Self::Criminal => f.write_str("criminal data (Art. 10)"),
            Self::Special(k) => write!(f, "special category (Art. 9): {k:?}"),
        }
    }
}

/// Where data of a category comes from, for one activity (Art. 14, Art. 20).
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Provenance {
    /// Provided by the subject (forms, orders, correspondence): in scope of Art. 20.
    #[default]
    Subject,
    /// Observed from the subject's use of a service (logs, cookies): Art. 20 covers it too
    /// (WP242 rev.01).
    Observed,
    /// Derived or inferred by the controller: outside Art. 20.
    Derived,
    /// Obtained from a third party: Art. 14 applies.
    ThirdParty,
    /// Obtained from public sources: Art. 14 applies.
    Public,
}

impl Provenance {
    /// Whether the subject is the source (Art. 13) rather than someone else (Art. 14).
    #[must_use]
    pub const fn from_subject(self) -> bool {
        matches!(self, Self::Subject | Self::Observed)
    }
}

/// A data category, built in or declared by the policy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Category {
    /// Its id; its parent is the id without the last segment.
    pub id: CategoryId,
    /// A human-readable name.
    pub name: String,
    /// Its legal status (at least its parent's).
    pub status: LegalStatus,
    /// The W3C DPV personal-data term (`pd:` namespace) it maps to, where one exists.
    pub dpv: Option<&'static str>,
    /// Whether the crate defines it (rather than the policy).
    pub builtin: bool,
}

use LegalStatus::{Children, Criminal, NationalId, Ordinary, Special};
use SpecialKind as K;

/// The built-in taxonomy: id, name, status, DPV term.
pub const BUILTIN: &[(&str, &str, LegalStatus, Option<&str>)] = &[
    (
        "identity",
        "identifying data",
        Ordinary,
        Some("pd:Identifying"),
    ),
    ("identity.name", "name", Ordinary, Some("pd:Name")),
    (
        "identity.national_id",
        "national identification number (e.g. personnummer, henkilötunnus)",
        NationalId,
        Some("pd:OfficialID"),
    ),
    (
        "identity.document",
        "identity document",
        Ordinary,
        Some("pd:OfficialID"),
    ),
    (
        "identity.username",
        "user name or account id",
        Ordinary,
        Some("pd:Username"),
    ),
    (
        "identity.credentials",
        "password or other login credentials",
        Ordinary,
        Some("pd:Password"),
    ),
    (
        "identity.age",
        "age or date of birth",
        Ordinary,
        Some("pd:Age"),
    ),
    ("contact", "contact data", Ordinary, Some("pd:Contact")),
    (
        "contact.email",
        "e-mail address",
        Ordinary,
        Some("pd:EmailAddress"),
    ),
    (
        "contact.phone",
        "telephone number",
        Ordinary,
        Some("pd:TelephoneNumber"),
    ),
    (
        "contact.address",
        "postal address",
        Ordinary,
        Some("pd:PhysicalAddress"),
    ),
    (
        "contact.address.billing",
        "billing address",
        Ordinary,
        Some("pd:PhysicalAddress"),
    ),
    (
        "contact.address.delivery",
        "delivery address",
        Ordinary,
        Some("pd:PhysicalAddress"),
    ),
    (
        "professional",
        "professional data",
        Ordinary,
        Some("pd:Professional"),
    ),
    (
        "professional.organisation",
        "employer or company name",
        Ordinary,
        Some("pd:CurrentEmployment"),
    ),
    (
        "professional.organisation_number",
        "company registration number (of a sole trader, personal data)",
        Ordinary,
        None,
    ),
    (
        "professional.title",
        "job title or role",
        Ordinary,
        Some("pd:Job"),
    ),
    (
        "professional.department",
        "department or manager",
        Ordinary,
        Some("pd:Job"),
    ),
    (
        "professional.classification",
        "public classification of the business (industry codes and the like)",
        Ordinary,
        None,
    ),
    (
        "commercial",
        "commercial dealings with the subject",
        Ordinary,
        Some("pd:Transactional"),
    ),
    (
        "commercial.quote",
        "quote requests and quotes",
        Ordinary,
        Some("pd:Transactional"),
    ),
    (
        "commercial.order",
        "orders and order history",
        Ordinary,
        Some("pd:Purchase"),
    ),
    (
        "commercial.delivery",
        "delivery details",
        Ordinary,
        Some("pd:Transactional"),
    ),
    (
        "commercial.contract",
        "contract terms",
        Ordinary,
        Some("pd:Transactional"),
    ),
    (
        "financial",
        "financial data",
        Ordinary,
        Some("pd:Financial"),
    ),
    (
        "financial.invoice",
        "invoices (accounting vouchers)",
        Ordinary,
        Some("pd:Transactional"),
    ),
    (
        "financial.voucher",
        "other accounting vouchers: receipts, credit notes, bank statements and other documents of business transactions",
        Ordinary,
        Some("pd:Transactional"),
    ),
    (
        "financial.books",
        "books of account: journals, ledgers and financial statements",
        Ordinary,
        Some("pd:Financial"),
    ),
    (
        "financial.payment",
        "payments and payment records (accounting vouchers)",
        Ordinary,
        Some("pd:Transaction"),
    ),
    (
        "financial.bank_account",
        "bank account",
        Ordinary,
        Some("pd:BankAccount"),
    ),
    (
        "financial.debt",
        "unpaid claims and debt collection",
        Ordinary,
        Some("pd:CreditRecord"),
    ),
    (
        "communication",
        "communications with the subject",
        Ordinary,
        Some("pd:Communication"),
    ),
    (
        "communication.correspondence",
        "e-mail and other correspondence, notes",
        Ordinary,
        Some("pd:Communication"),
    ),
    (
        "communication.meeting",
        "meeting bookings",
        Ordinary,
        Some("pd:Communication"),
    ),
    (
        "communication.feedback",
        "feedback, complaints and reclamations",
        Ordinary,
        Some("pd:Communication"),
    ),
    (
        "communication.free_text",
        "free-text notes about the subject",
        Ordinary,
        None,
    ),
    (
        "online",
        "online identifiers and logs",
        Ordinary,
        Some("pd:Tracking"),
    ),
    (
        "online.ip_address",
        "IP address",
        Ordinary,
        Some("pd:IPAddress"),
    ),
    (
        "online.cookie_id",
        "cookie identifier",
        Ordinary,
        Some("pd:Identifier"),
    ),
    (
        "online.device_id",
        "device identifier",
        Ordinary,
        Some("pd:DeviceBased"),
    ),
    (
        "online.log",
        "login, change and request logs",
        Ordinary,
        Some("pd:Historical"),
    ),
    (
        "online.social_media",
        "data from social media",
        Ordinary,
        Some("pd:SocialMedia"),
    ),
    ("behaviour", "behaviour", Ordinary, Some("pd:Behavioral")),
    (
        "behaviour.browsing",
        "pages visited, time on page, referrer and clicks",
        Ordinary,
        Some("pd:BrowsingBehavior"),
    ),
    (
        "behaviour.preferences",
        "interests and preferences",
        Ordinary,
        Some("pd:Preference"),
    ),
    (
        "behaviour.consents",
        "consents and marketing permissions",
        Ordinary,
        None,
    ),
    (
        "demographic",
        "demographic data",
        Ordinary,
        Some("pd:Demographic"),
    ),
    ("child", "data about a child", Children, None),
    (
        "criminal",
        "criminal convictions and offences",
        Criminal,
        Some("pd:Criminal"),
    ),
    (
        "criminal.conviction",
        "criminal convictions",
        Criminal,
        Some("pd:CriminalConviction"),
    ),
    (
        "criminal.offence",
        "criminal offences",
        Criminal,
        Some("pd:CriminalOffense"),
    ),
    (
        "ethnic_origin",
        "racial or ethnic origin",
        Special(K::RacialOrEthnicOrigin),
        Some("pd:EthnicOrigin"),
    ),
    (
        "political_opinion",
        "political opinions",
        Special(K::PoliticalOpinions),
        Some("pd:PoliticalOpinion"),
    ),
    (
        "religion",
        "religious or philosophical beliefs",
        Special(K::ReligiousOrPhilosophicalBeliefs),
        Some("pd:Religion"),
    ),
    (
        "trade_union",
        "trade union membership",
        Special(K::TradeUnionMembership),
        Some("pd:TradeUnionMembership"),
    ),
    (
        "genetic",
        "genetic data",
        Special(K::Genetic),
        Some("pd:Genetic"),
    ),
    (
        "biometric",
        "biometric data for unique identification",
        Special(K::Biometric),
        Some("pd:Biometric"),
    ),
    (
        "health",
        "data concerning health",
        Special(K::Health),
        Some("pd:Health"),
    ),
    (
        "sex_life",
        "sex life or sexual orientation",
        Special(K::SexLifeOrOrientation),
        Some("pd:Sexual"),
    ),
];

/// The built-in categories, as [`Category`] values.
pub fn builtin() -> impl Iterator<Item = Category> {
    BUILTIN.iter().filter_map(|&(id, name, status, dpv)| {
        Some(Category {
            id: CategoryId::new(id).ok()?,
            name: name.to_owned(),
            status,
            dpv,
            builtin: true,
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_taxonomy_is_well_formed() {
        let all: Vec<Category> = builtin().collect();
        assert_eq!(all.len(), BUILTIN.len(), "every built-in id parses");
        for c in &all {
            if let Some(parent) = c.id.parent() {
                let p = all.iter().find(|p| p.id == parent);
                let p = p.unwrap_or_else(|| panic!("{} has no parent", c.id));
                assert!(c.status.rank() >= p.status.rank(), "{}", c.id);
            }
            if let Some(term) = c.dpv {
                assert!(term.starts_with("pd:"), "{term}");
            }
        }
        let mut ids: Vec<&str> = BUILTIN.iter().map(|b| b.0).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), BUILTIN.len(), "no duplicate ids");
    }
}
