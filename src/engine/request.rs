//! What a decision is asked about.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::law::Country;
use crate::model::{ActivityId, CategoryId, PurposeId, RecipientId};

/// The kind of processing asked about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Operation {
    /// Collecting the data.
    Collect,
    /// Using it (reading, analysing, sending to the subject).
    Use,
    /// Storing it, and nothing more.
    Store,
    /// Disclosing it to a recipient.
    Disclose,
    /// Transferring it to a recipient in another country.
    Transfer,
    /// Erasing it.
    Erase,
    /// Profiling, or a solely automated decision about the subject (Art. 22).
    AutomatedDecision,
}

/// What the processing is for: a declared activity, or a purpose one of them serves.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Target {
    /// A processing activity by id.
    Activity(ActivityId),
    /// A purpose; the first activity (in policy order) that serves it and declares the
    /// requested categories and subject kind is used.
    Purpose(PurposeId),
}

/// A processing operation to decide on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Request {
    /// The activity or purpose.
    pub target: Target,
    /// The purpose within the activity the processing is for. Without it (and with an
    /// activity target), the decision covers every purpose of the activity and permits only if
    /// each has a basis that holds. A purpose target names it already; naming another here is
    /// allowed and narrows the question to that purpose.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub purpose: Option<PurposeId>,
    /// The categories of data involved (at least one).
    pub categories: Vec<CategoryId>,
    /// What is to be done.
    pub operation: Operation,
    /// The recipient, for a disclosure or transfer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recipient: Option<RecipientId>,
    /// The destination country, if it differs from the recipient's declared location.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub destination: Option<Country>,
    /// When the data concerned was collected, for storage limitation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub collected_at: Option<DateTime<Utc>>,
    /// The last day of the fiscal year the data belongs to, for fiscal-year anchors.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fiscal_year_end: Option<NaiveDate>,
}

impl Request {
    /// A request to perform `operation` on `categories` for the activity `activity`.
    #[must_use]
    pub fn new(activity: ActivityId, categories: Vec<CategoryId>, operation: Operation) -> Self {
        Self {
            target: Target::Activity(activity),
            purpose: None,
            categories,
            operation,
            recipient: None,
            destination: None,
            collected_at: None,
            fiscal_year_end: None,
        }
    }

    /// The same request, for the purpose `purpose` of its activity only.
    ///
    /// ```
    /// use gdpr_policy::engine::{Operation, Request};
    ///
    /// let r = Request::new("communication".parse()?, vec!["contact.email".parse()?], Operation::Use)
    ///     .for_purpose("billing".parse()?);
    /// assert_eq!(r.purpose.map(|p| p.to_string()), Some("billing".to_owned()));
    /// # Ok::<(), gdpr_policy::model::IdError>(())
    /// ```
    #[must_use]
    pub fn for_purpose(mut self, purpose: PurposeId) -> Self {
        self.purpose = Some(purpose);
        self
    }

    /// The same request, disclosed or transferred to `recipient`.
    #[must_use]
    pub fn to_recipient(mut self, recipient: RecipientId) -> Self {
        self.recipient = Some(recipient);
        self
    }

    /// The same request, about data collected at `at`.
    #[must_use]
    pub fn collected_at(mut self, at: DateTime<Utc>) -> Self {
        self.collected_at = Some(at);
        self
    }
}
