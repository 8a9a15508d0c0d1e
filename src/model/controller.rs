//! The controller, its contact points and how it handles data-subject requests.

use serde::{Deserialize, Serialize};

use crate::law::Country;
use crate::time::{Period, Zone};

/// The controller that publishes the policy (Art. 13(1)(a)).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Controller {
    /// Its name.
    pub name: String,
    /// Its company registration number, if stated.
    pub identity_number: Option<String>,
    /// The country of its establishment; its national law and authority apply.
    pub country: Country,
    /// Its postal address, if stated.
    pub address: Option<String>,
    /// How to contact it.
    pub contact: Contact,
    /// Its data protection officer, if it has one (Art. 37-39).
    pub dpo: Option<Contact>,
    /// The IANA time zone in which its dates and deadlines are counted.
    pub time_zone: Zone,
    /// The month and day its fiscal year ends.
    pub fiscal_year_end: FiscalYearEnd,
}

/// Contact points: any of them may be missing, the audit checks that one is there.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    /// A person's name or a function.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// E-mail address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Telephone number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// Web address or form.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub web: Option<String>,
}

impl Contact {
    /// Whether any way of reaching the contact is given.
    #[must_use]
    pub fn is_reachable(&self) -> bool {
        self.email.is_some() || self.phone.is_some() || self.web.is_some()
    }
}

/// The last day of the fiscal year, as month and day (`12-31` for the calendar year).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FiscalYearEnd {
    /// Month, 1-12.
    pub month: u32,
    /// Day of the month; for February, 28 stands for the month's last day in leap years too.
    pub day: u32,
}

impl FiscalYearEnd {
    /// The calendar year.
    pub const DECEMBER_31: Self = Self { month: 12, day: 31 };

    /// A fiscal-year end, if the month and day exist in a common year (29 February does not:
    /// write `02-28`, which means the month's last day).
    #[must_use]
    pub fn new(month: u32, day: u32) -> Option<Self> {
        chrono::NaiveDate::from_ymd_opt(2025, month, day).map(|_| Self { month, day })
    }
}

impl std::fmt::Display for FiscalYearEnd {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:02}-{:02}", self.month, self.day)
    }
}

/// How the controller handles data-subject requests, as the policy states it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RightsHandling {
    /// The rights the policy tells subjects about.
    pub offered: Vec<Right>,
    /// Channels for requests (e-mail, web form, in person, ...).
    pub channels: Vec<String>,
    /// What identification is required (Art. 12(6)).
    pub identification: Option<String>,
    /// The response time the policy promises.
    pub response_time: ResponseTime,
    /// The supervisory authority the policy names for complaints, as written.
    pub complaint_authority: Option<String>,
    /// What restriction means in practice, as the policy says.
    pub restriction_effect: Option<String>,
}

/// A response time as stated.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum ResponseTime {
    /// Not stated.
    #[default]
    NotStated,
    /// A definite period.
    Within(Period),
    /// Stated only vaguely ("within a reasonable time"), kept verbatim.
    Vague(String),
}

/// A data-subject right (Chapter III GDPR) or related entitlement.
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
#[non_exhaustive]
pub enum Right {
    /// Art. 13/14: to be informed.
    Information,
    /// Art. 15: access.
    Access,
    /// Art. 16: rectification.
    Rectification,
    /// Art. 17: erasure.
    Erasure,
    /// Art. 18: restriction of processing.
    Restriction,
    /// Art. 20: data portability.
    Portability,
    /// Art. 21: to object.
    Objection,
    /// Art. 7(3): to withdraw consent.
    WithdrawConsent,
    /// Art. 22: not to be subject to solely automated decisions.
    AutomatedDecision,
    /// Art. 77: to lodge a complaint with a supervisory authority.
    Complaint,
}

impl Right {
    /// Every right, in article order.
    pub const ALL: [Self; 10] = [
        Self::WithdrawConsent,
        Self::Information,
        Self::Access,
        Self::Rectification,
        Self::Erasure,
        Self::Restriction,
        Self::Portability,
        Self::Objection,
        Self::AutomatedDecision,
        Self::Complaint,
    ];

    /// The article that grants it.
    #[must_use]
    pub const fn citation(self) -> crate::citation::Citation {
        use crate::citation::gdpr;
        match self {
            Self::Information => gdpr(13, 0, ' '),
            Self::Access => gdpr(15, 0, ' '),
            Self::Rectification => gdpr(16, 0, ' '),
            Self::Erasure => gdpr(17, 0, ' '),
            Self::Restriction => gdpr(18, 0, ' '),
            Self::Portability => gdpr(20, 0, ' '),
            Self::Objection => gdpr(21, 0, ' '),
            Self::WithdrawConsent => gdpr(7, 3, ' '),
            Self::AutomatedDecision => gdpr(22, 0, ' '),
            Self::Complaint => gdpr(77, 0, ' '),
        }
    }
}
