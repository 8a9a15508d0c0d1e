//! The policy file format: plain serde structs, one per table of the file.
//!
//! These "wire" types say what a file may contain and nothing more: every string is still a
//! string. [`super::from_str`] checks them and resolves them into the validated [`crate::model`].
//! Every struct denies unknown keys. The JSON Schema in `schema/policy.schema.json` is generated
//! from these types.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::model::{AutomatedDecision, Contact, RecipientKind, Requirement, Right};

/// A policy file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "gdpr-policy policy file")]
pub struct PolicyFile {
    /// The version of the file format; must be `1`.
    pub format: u32,
    /// The policy's id, e.g. `smilee`.
    pub id: String,
    /// The title of the notice.
    pub title: String,
    /// The language of the notice (BCP 47, e.g. `sv`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// The date the notice took effect (`YYYY-MM-DD`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub effective_from: Option<String>,
    /// The controller.
    pub controller: ControllerFile,
    /// Categories the policy adds to the built-in taxonomy.
    #[serde(default, rename = "category", skip_serializing_if = "Vec::is_empty")]
    pub categories: Vec<CategoryFile>,
    /// Purposes the policy adds to the built-in ones.
    #[serde(default, rename = "purpose", skip_serializing_if = "Vec::is_empty")]
    pub purposes: Vec<NamedFile>,
    /// Kinds of data subject the policy adds to the built-in ones.
    #[serde(default, rename = "subject", skip_serializing_if = "Vec::is_empty")]
    pub subjects: Vec<SubjectFile>,
    /// Recipients of personal data.
    #[serde(default, rename = "recipient", skip_serializing_if = "Vec::is_empty")]
    pub recipients: Vec<RecipientFile>,
    /// Legal retention duties the policy adds to the built-in ones.
    #[serde(default, rename = "duty", skip_serializing_if = "Vec::is_empty")]
    pub duties: Vec<DutyFile>,
    /// Processing activities (at least one).
    #[serde(default, rename = "activity")]
    pub activities: Vec<ActivityFile>,
    /// How data-subject requests are handled.
    #[serde(default)]
    pub rights: RightsFile,
}

/// `[controller]`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ControllerFile {
    /// Legal name.
    pub name: String,
    /// Company registration number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identity_number: Option<String>,
    /// Country of establishment (ISO 3166-1 alpha-2).
    pub country: String,
    /// Postal address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    /// IANA time zone in which dates and deadlines are counted, e.g. `Europe/Stockholm`.
    pub time_zone: String,
    /// Last day of the fiscal year as `MM-DD`; default `12-31`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fiscal_year_end: Option<String>,
    /// How to contact the controller.
    #[serde(default)]
    pub contact: Contact,
    /// The data protection officer, if there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dpo: Option<Contact>,
}

/// `[[category]]`: a category below a built-in or declared parent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CategoryFile {
    /// Dotted id; the parent is the id without its last segment and must exist.
    pub id: String,
    /// Human-readable name.
    pub name: String,
    /// Legal status; default: the parent's. One of `ordinary`, `children`, `national_id`,
    /// `criminal`, or `special.<kind>` (`special.health`, ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
}

/// `[[subject]]`: a kind of data subject the policy adds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SubjectFile {
    /// Id (no dots).
    pub id: String,
    /// Human-readable name or description.
    pub name: String,
    /// Whether such a subject is, or asks to become, a party to the contract with the
    /// controller, so that Art. 6(1)(b) can apply to their data (default `false`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub party_to_contract: bool,
}

/// `[[purpose]]`: an id with a name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NamedFile {
    /// Dotted id.
    pub id: String,
    /// Human-readable name or description.
    pub name: String,
}

/// `[[recipient]]`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RecipientFile {
    /// Id used by activities.
    pub id: String,
    /// Name or description as the notice gives it.
    pub name: String,
    /// Processor, controller, joint controller or authority.
    pub kind: RecipientKind,
    /// `EEA`, an ISO 3166-1 alpha-2 code, `third_country` (outside the EEA, unnamed) or
    /// `unknown` (may or may not be outside the EEA).
    pub location: String,
    /// Transfer safeguards as stated: `adequacy` (whichever decision covers the destination),
    /// `adequacy.<decision>` (e.g. `adequacy.us_privacy_shield`), `scc`, `scc_legacy`, `bcr`,
    /// `public_authority_instrument`, `code_of_conduct`, `certification`, `authorised_clauses`,
    /// `derogation.a` .. `derogation.g`. Empty or absent: none stated.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub safeguards: Vec<String>,
    /// Certified under the certification frameworks named in `safeguards` (Privacy Shield, the
    /// Data Privacy Framework); a bare `adequacy` never assumes certification.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub certified: bool,
}

/// `[[duty]]`: a legal retention duty not built into the crate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DutyFile {
    /// Dotted id, not one of the built-in duty ids.
    pub id: String,
    /// The statute as cited, e.g. `Mervärdesskattelag (2023:200) 17 kap. 31 §`.
    pub citation: String,
    /// Categories it covers (at least one).
    pub categories: Vec<String>,
    /// How long, e.g. `7y`.
    pub period: String,
    /// What the period counts from (see `RetentionFile::after`).
    pub after: String,
    /// Name of the event, when `after = "event"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event: Option<String>,
    /// A limitation period for legal claims rather than a duty to keep.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub limitation: bool,
}

/// `[[activity]]`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ActivityFile {
    /// Id.
    pub id: String,
    /// Human-readable name.
    pub name: String,
    /// Purposes (at least one).
    pub purposes: Vec<String>,
    /// Lawful bases for every purpose that `purpose_bases` does not list: `consent`,
    /// `contract`, `legal_obligation`, `vital_interests`, `public_task`,
    /// `legitimate_interests`. An empty list says the notice states no basis.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bases: Option<Vec<String>>,
    /// Lawful bases per purpose (purpose id to bases), for activities whose purposes rest on
    /// different bases.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub purpose_bases: BTreeMap<String, Vec<String>>,
    /// The legitimate interest pursued, for `legitimate_interests` (Art. 13(1)(d)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub legitimate_interest: Option<String>,
    /// The statute imposing the obligation, for `legal_obligation`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub legal_obligation: Option<String>,
    /// Art. 9(2) condition for special-category data, e.g. `explicit_consent`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub special_condition: Option<String>,
    /// The law authorising processing of criminal data (Art. 10).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub criminal_authorisation: Option<String>,
    /// Why a national identification number is needed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub national_id_justification: Option<String>,
    /// Kinds of data subject (at least one).
    pub subjects: Vec<String>,
    /// Categories (at least one).
    pub categories: Vec<String>,
    /// Where a category's data comes from, when not from the subject: category id to
    /// `subject`, `observed`, `derived`, `third_party` or `public`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub provenance: BTreeMap<String, String>,
    /// `controller` (default) or `processor`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// For `role = "processor"`: whose instructions it follows.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub on_behalf_of: Option<String>,
    /// How long the data is kept.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retention: Option<RetentionFile>,
    /// Legal retention duties covering some of the data (built-in or declared ids).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub duties: Vec<String>,
    /// Recipient ids.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub recipients: Vec<String>,
    /// Solely automated decision-making (Art. 22).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub automated_decision: Option<AutomatedDecision>,
    /// Whether providing the data is required (Art. 13(2)(e)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub requirement: Option<Requirement>,
    /// How consent can be withdrawn (Art. 7(3)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub withdrawal: Option<String>,
    /// An information society service offered directly to children (Art. 8(1)): a consent it
    /// rests on needs the parents' below the national age.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub offered_to_children: bool,
}

/// `retention = { ... }`: either `period` + `after`, or `until = "purpose_ends"`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RetentionFile {
    /// How long, e.g. `3y`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<String>,
    /// What the period counts from: `collection`, `end_of_relationship`, `consent_withdrawal`,
    /// `end_of_fiscal_year`, `end_of_calendar_year_of_fiscal_year_end`, or `event`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after: Option<String>,
    /// Name of the event, when `after = "event"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event: Option<String>,
    /// `purpose_ends`: kept while the purpose lasts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<String>,
    /// With `until`: how often the need is reviewed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review: Option<String>,
    /// With `until`: the criteria for how long (Art. 13(2)(a)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub criteria: Option<String>,
}

/// `[rights]`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RightsFile {
    /// The rights the notice tells subjects about.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub offered: Vec<Right>,
    /// Channels for requests.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub channels: Vec<String>,
    /// Identification required.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identification: Option<String>,
    /// A definite response time, e.g. `1m`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response_time: Option<String>,
    /// A vague response time, verbatim ("inom en rimlig tid").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response_time_text: Option<String>,
    /// The supervisory authority named for complaints, as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub complaint_authority: Option<String>,
    /// What restriction means in practice.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub restriction_effect: Option<String>,
}
