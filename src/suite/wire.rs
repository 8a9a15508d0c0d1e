//! The test file format, as read: one [`TestFile`] with its cases.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Deserializer};

use crate::engine::Outcome;
use crate::engine::Request;
use crate::engine::deadline::Pause;
use crate::engine::erasure::ErasureGround;
use crate::law::holidays::Eves;
use crate::model::{BasisKind, RecipientId, Record, Right, SubjectState};

/// A policy test file.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TestFile {
    /// The policy under test: a path relative to the test file's directory.
    pub policy: String,
    /// The cases, in file order.
    #[serde(default, rename = "case")]
    pub cases: Vec<Case>,
}

/// One case: an instant, a subject, one question and the expected answer.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Case {
    /// What the case checks, in words.
    pub name: String,
    /// The instant the question is asked at (not used by `deadline`, whose instant is
    /// `received`).
    #[serde(default, deserialize_with = "instant")]
    pub at: Option<DateTime<Utc>>,
    /// The subject (required by `decide`, `erase` and `rights`; optional for `retention`).
    #[serde(default)]
    pub subject: Option<SubjectState>,
    /// Question: may this processing happen?
    #[serde(default)]
    pub decide: Option<Request>,
    /// Question: what happens to these records on an erasure request?
    #[serde(default)]
    pub erase: Option<Erase>,
    /// Question: until when may these records be kept?
    #[serde(default)]
    pub retention: Option<Records>,
    /// Question: when is the answer to a request received at an instant due?
    #[serde(default)]
    pub deadline: Option<Deadline>,
    /// Question: which rights does the subject have?
    #[serde(default)]
    pub rights: Option<Nothing>,
    /// Question: what does the audit find?
    #[serde(default)]
    pub audit: Option<Nothing>,
    /// The expected answer.
    pub expect: Expect,
}

/// An erasure request.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Erase {
    /// The Art. 17(1) grounds the request states (none: found from the subject's state).
    #[serde(default)]
    pub grounds: Vec<ErasureGround>,
    /// The subject's records.
    pub records: Vec<Record>,
}

/// Records to schedule.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Records {
    /// The records.
    pub records: Vec<Record>,
}

/// A request received at an instant.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Deadline {
    /// When it was received.
    #[serde(deserialize_with = "required_instant")]
    pub received: DateTime<Utc>,
    /// Whether national eves also move the deadline.
    #[serde(default)]
    pub eves: Eves,
    /// Pauses while identification details were awaited.
    #[serde(default)]
    pub pauses: Vec<Pause>,
}

/// A question with no parameters: an empty table.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Nothing {}

/// The expected answer; which keys apply depends on the question.
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Expect {
    /// `decide`: permit or deny.
    #[serde(default)]
    pub outcome: Option<Outcome>,
    /// `decide`: the basis relied on.
    #[serde(default)]
    pub basis: Option<BasisKind>,
    /// `decide`: rule codes that must be among the determining reasons.
    #[serde(default)]
    pub rules: Option<Vec<String>>,
    /// `decide`: citations that must appear in the decision.
    #[serde(default)]
    pub citations: Option<Vec<String>>,
    /// `erase`, `retention`: one expectation per record.
    #[serde(default)]
    pub records: Option<Vec<RecordExpect>>,
    /// `deadline`: the last day of the Art. 12(3) deadline.
    #[serde(default)]
    pub respond_by: Option<NaiveDate>,
    /// `deadline`: the last day of the extended deadline.
    #[serde(default)]
    pub extended: Option<NaiveDate>,
    /// `deadline`: the last day to refuse with reasons (Art. 12(4)).
    #[serde(default)]
    pub refuse_by: Option<NaiveDate>,
    /// `rights`: expectations per activity and right.
    #[serde(default)]
    pub rights: Option<Vec<RightExpect>>,
    /// `audit`: the codes of every finding (order does not matter; repeats count).
    #[serde(default)]
    pub findings: Option<Vec<String>>,
}

/// What happens to one record on erasure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ActionKind {
    /// Erased.
    Erase,
    /// Retained until a date.
    Retain,
    /// Forwarded to the controller.
    Forward,
    /// Kept.
    Keep,
}

/// The status of a record's retention end.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DueStatus {
    /// On a known date.
    On,
    /// Waiting for an anchor.
    Pending,
    /// While the purpose lasts.
    WhilePurposeLasts,
    /// Not known.
    Unknown,
}

/// The expected answer for one record.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecordExpect {
    /// The record's id.
    pub id: String,
    /// `erase`: the action.
    #[serde(default)]
    pub action: Option<ActionKind>,
    /// `erase`: the Art. 17(1) ground (erase and retain).
    #[serde(default)]
    pub ground: Option<ErasureGround>,
    /// `erase`: the recipients to notify, exactly (erase and retain).
    #[serde(default)]
    pub notify: Option<Vec<RecipientId>>,
    /// `retention`: the status of its retention end.
    #[serde(default)]
    pub status: Option<DueStatus>,
    /// `retention`: whether it is overdue.
    #[serde(default)]
    pub overdue: Option<bool>,
    /// The last local day: of a `retain` action; of a retention end `on` a date; under
    /// `while_purpose_lasts`, the end of the legal duty to keep that holds at least that long.
    #[serde(default)]
    pub last_day: Option<NaiveDate>,
    /// Citations that must appear in its line.
    #[serde(default)]
    pub citations: Option<Vec<String>>,
}

/// The expected status of one right for one activity.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RightExpect {
    /// The activity.
    pub activity: String,
    /// The right.
    pub right: Right,
    /// Whether it applies.
    #[serde(default)]
    pub applies: Option<bool>,
    /// Citations that must appear in its answer.
    #[serde(default)]
    pub citations: Option<Vec<String>>,
}

const INSTANT: &str = "an RFC 3339 instant such as `2024-05-01T12:00:00Z`";

fn parse_instant(s: &str) -> Result<DateTime<Utc>, String> {
    DateTime::parse_from_rfc3339(s)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| format!("expected {INSTANT}, found `{s}`"))
}

fn instant<'de, D: Deserializer<'de>>(d: D) -> Result<Option<DateTime<Utc>>, D::Error> {
    required_instant(d).map(Some)
}

fn required_instant<'de, D: Deserializer<'de>>(d: D) -> Result<DateTime<Utc>, D::Error> {
    let s = String::deserialize(d)?;
    parse_instant(&s).map_err(serde::de::Error::custom)
}
