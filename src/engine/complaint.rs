//! The right to lodge a complaint (Art. 77): the supervisory authority of the controller's
//! country on a date, by the name it bears then, and how the policy's own naming compares
//! (e.g. "Datainspektionen", which the Swedish authority bore only until 2020-12-31).

use chrono::NaiveDate;
use serde::Serialize;

use super::Engine;
use crate::citation::as_text;
use crate::citation::{Citation, gdpr};
use crate::law::authority::{self, Authority};
use crate::law::{Country, Jurisdiction};

/// The supervisory authority a subject may complain to (Art. 77), as of one date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Complaint {
    /// The country of the controller's establishment.
    pub country: Country,
    /// The name its supervisory authority bears on the date, if the crate knows the country.
    pub authority: Option<String>,
    /// The source of that name.
    pub source: Option<String>,
    /// The authority the policy names, as written.
    pub policy_names: Option<String>,
    /// How the policy's naming compares with the authority in force.
    pub policy_name: PolicyName,
    /// `GDPR Art. 77(1)`.
    #[serde(serialize_with = "as_text")]
    pub citation: Citation,
    /// A sentence for the subject.
    pub message: String,
}

/// How the authority a policy names compares with the one in force on a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PolicyName {
    /// The policy names no authority.
    NotStated,
    /// The controller's authority by a name it bears on the date.
    InForce,
    /// A name the authority no longer bore on the date (e.g. "Datainspektionen" from 2021).
    Outdated,
    /// A name the authority did not yet bear on the date.
    NotYetInForce,
    /// Another country's authority.
    OtherAuthority,
    /// A name the crate does not know.
    Unrecognised,
}

impl Engine {
    /// The supervisory authority of the controller's country on `date`, and how the policy's
    /// naming compares.
    pub(crate) fn complaint(&self, date: NaiveDate) -> Complaint {
        let c = self.policy.controller();
        let own = Jurisdiction::of(c.country).map(Authority::of);
        let current = own.and_then(|a| a.name_on(date));
        let written = self.policy.rights().complaint_authority.clone();
        let named = written.as_deref().and_then(authority::lookup);
        let policy_name = match named {
            None if written.is_none() => PolicyName::NotStated,
            None => PolicyName::Unrecognised,
            Some(n) if own != Some(n.fact.authority) && (own.is_some() || n.holds_on(date)) => {
                PolicyName::OtherAuthority
            }
            Some(n) if n.holds_on(date) => PolicyName::InForce,
            Some(n) if n.validity.until.is_some_and(|u| u <= date) => PolicyName::Outdated,
            Some(_) => PolicyName::NotYetInForce,
        };
        let or = "or with the authority of the member state where they live or work or where the infringement took place";
        let mut message = match current {
            Some(n) => format!(
                "the subject may lodge a complaint with {}, the supervisory authority of {} on {date}, {or}",
                n.fact.name, c.country
            ),
            None => format!(
                "the subject may lodge a complaint with the supervisory authority of {} (not known to this crate), {or}",
                c.country
            ),
        };
        let w = written.as_deref().unwrap_or_default();
        let validity = named.map(|n| n.validity);
        let note = match policy_name {
            PolicyName::Outdated => validity
                .and_then(|v| v.until?.pred_opt())
                .map(|last| format!("`{w}`, a name borne only until {last}")),
            PolicyName::NotYetInForce => validity
                .and_then(|v| v.from)
                .map(|from| format!("`{w}`, a name borne only from {from}")),
            PolicyName::OtherAuthority => {
                Some(format!("`{w}`, not the authority of {}", c.country))
            }
            PolicyName::Unrecognised => Some(format!("`{w}`, which this crate does not know")),
            PolicyName::InForce | PolicyName::NotStated => None,
        };
        if let Some(note) = note {
            message.push_str(&format!("; the policy names {note}"));
        }
        Complaint {
            country: c.country,
            authority: current.map(|n| n.fact.name.to_owned()),
            source: current.map(|n| n.source.to_string()),
            policy_names: written,
            policy_name,
            citation: gdpr(77, 1, ' '),
            message,
        }
    }
}
