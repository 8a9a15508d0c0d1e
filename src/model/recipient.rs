//! Recipients of personal data (Art. 4(9)) and where they are.

use serde::{Deserialize, Serialize};

use super::id::RecipientId;
use crate::law::Country;
use crate::law::transfer::TransferMechanism;

/// A recipient of personal data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recipient {
    /// Its id.
    pub id: RecipientId,
    /// Its name or description as the policy gives it.
    pub name: String,
    /// What kind of recipient it is.
    pub kind: RecipientKind,
    /// Where it processes the data.
    pub location: Location,
    /// The safeguards the policy names for transfers to it, in the policy's order; empty when it
    /// names none.
    pub safeguards: Vec<Safeguard>,
    /// Whether it is certified under the certification frameworks its safeguards name
    /// explicitly (`adequacy.us_privacy_shield`, `adequacy.us_data_privacy_framework`): adequacy
    /// decisions that cover only certified organisations apply to it only when named. A bare
    /// `adequacy` safeguard never reaches such a decision, so certification under a framework
    /// the policy does not name is never assumed.
    pub certified: bool,
}

/// What kind of recipient.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RecipientKind {
    /// A processor acting on the controller's behalf under Art. 28.
    Processor,
    /// An independent controller.
    Controller,
    /// A joint controller (Art. 26).
    JointController,
    /// A public authority.
    Authority,
}

/// Where a recipient processes data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Location {
    /// In one country.
    Country(Country),
    /// Somewhere in the EEA.
    Eea,
    /// Outside the EEA, country not stated.
    ThirdCountry,
    /// Inside or outside the EEA; the policy does not say ("may be outside the EU/EEA").
    Unknown,
}

/// A transfer safeguard as a policy states it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Safeguard {
    /// A specific mechanism.
    Mechanism(TransferMechanism),
    /// "An adequacy decision", whichever covers the destination on the day.
    AnyAdequacy,
}
