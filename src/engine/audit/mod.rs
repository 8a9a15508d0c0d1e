//! Policy audit: what is wrong or missing in a policy as written, judged against the GDPR and the
//! legal facts in force on a date.
//!
//! Every check lives in one place, a [`Check`] in one of the group files ([`completeness`],
//! [`dated`], [`consistency`]), with its stable code, severity, citation, rationale and help. A
//! code is never reused for another meaning. [`CHECKS`] lists them all; adding a check touches
//! its group file and its test.
//!
//! Findings are ordered by check (registry order), then by path; the order is deterministic.
//! Positions (line and column) are filled in by [`locate`] when the policy's source text is at
//! hand, from a function the caller gives (the engine never reads the file format).

pub mod completeness;
pub mod consistency;
pub mod dated;

use std::fmt;

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use super::Engine;
use crate::citation::Citation;
use crate::model::Policy;

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// The policy breaks a rule of the GDPR as written.
    Error,
    /// The policy is likely to break a rule, or leaves out what the rule asks for.
    Warning,
    /// Worth a look; not a breach by itself.
    Note,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Error => "error",
            Self::Warning => "warning",
            Self::Note => "note",
        })
    }
}

/// One check of the registry.
#[derive(Debug, Clone)]
pub struct Check {
    /// The stable code, e.g. `transfer-mechanism-invalid`.
    pub code: &'static str,
    /// How serious its findings are.
    pub severity: Severity,
    /// The provision it rests on.
    pub citation: Citation,
    /// Why the rule exists.
    pub rationale: &'static str,
    /// How to fix a finding.
    pub help: &'static str,
    /// Runs the check, pushing `(path, message)` pairs.
    pub run: fn(&Cx<'_>, &mut Vec<(String, String)>),
}

/// What a check sees.
#[derive(Debug, Clone, Copy)]
pub struct Cx<'a> {
    /// The policy.
    pub policy: &'a Policy,
    /// The instant the audit is made at.
    pub at: DateTime<Utc>,
    /// The controller-local date of that instant.
    pub date: NaiveDate,
}

/// What is wrong or missing, and where.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// The check's stable code.
    pub code: &'static str,
    /// How serious.
    pub severity: Severity,
    /// The provision.
    pub citation: String,
    /// Where in the policy, e.g. `activity[2].retention`.
    pub path: String,
    /// The 1-based line, when located in the source (see [`locate`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// The 1-based column, when located in the source.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<usize>,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub help: &'static str,
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let (Some(l), Some(c)) = (self.line, self.column) {
            write!(f, "{l}:{c}: ")?;
        }
        write!(
            f,
            "{}[{}]: {}: {} ({})\n  help: {}",
            self.severity, self.code, self.path, self.message, self.citation, self.help
        )
    }
}

impl Check {
    /// The provision a finding of this check cites for `policy`: the registry's citation, or,
    /// for a rule the GDPR leaves to national law (national identification numbers, Art. 87),
    /// the rule of the controller's country where the crate knows it.
    #[must_use]
    pub fn citation_for(&self, policy: &Policy) -> Citation {
        match self.code {
            "national-id-unjustified" => {
                crate::law::national_id::national_id_rule(policy.controller().country)
            }
            _ => self.citation.clone(),
        }
    }
}

/// Every check, in the order findings are reported.
pub fn checks() -> impl Iterator<Item = &'static Check> {
    completeness::CHECKS
        .iter()
        .chain(dated::CHECKS)
        .chain(consistency::CHECKS)
}

/// The number of checks in the registry.
pub const CHECKS: usize =
    completeness::CHECKS.len() + dated::CHECKS.len() + consistency::CHECKS.len();

impl Engine {
    /// Audits the policy as of `at`.
    #[must_use]
    pub fn audit(&self, at: DateTime<Utc>) -> Vec<Finding> {
        audit(&self.policy, at)
    }
}

/// Audits `policy` as of `at`.
#[must_use]
pub fn audit(policy: &Policy, at: DateTime<Utc>) -> Vec<Finding> {
    let cx = Cx {
        policy,
        at,
        date: policy.controller().time_zone.local_date(at),
    };
    let mut findings = Vec::new();
    let mut hits = Vec::new();
    for check in checks() {
        hits.clear();
        (check.run)(&cx, &mut hits);
        // Paths in natural order: `activity[2]` before `activity[10]`.
        hits.sort_by(|a, b| {
            natural(&a.0)
                .cmp(&natural(&b.0))
                .then_with(|| a.1.cmp(&b.1))
        });
        hits.dedup();
        findings.extend(hits.drain(..).map(|(path, message)| Finding {
            code: check.code,
            severity: check.severity,
            citation: check.citation_for(policy).to_string(),
            path,
            line: None,
            column: None,
            message,
            help: check.help,
        }));
    }
    findings
}

/// Fills in line and column of each finding from `position`, which maps a finding's path to
/// its 1-based line and column in the policy's source (the file format knows how:
/// [`crate::format::position_of`]; the engine does not read files).
///
/// ```
/// use gdpr_policy::engine::audit::{audit, locate};
/// use gdpr_policy::format::{self, Format};
///
/// let text = std::fs::read_to_string("policies/studio-m.toml")?;
/// let policy = format::from_toml_str(&text)?;
/// let mut findings = audit(&policy, "2024-01-01T00:00:00Z".parse()?);
/// locate(&mut findings, |path| format::position_of(&text, Format::Toml, path));
/// assert!(findings.iter().all(|f| f.line.is_some()));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn locate(findings: &mut [Finding], position: impl Fn(&str) -> Option<(usize, usize)>) {
    for f in findings {
        if let Some((line, column)) = position(&f.path) {
            f.line = Some(line);
            f.column = Some(column);
        }
    }
}

/// A sort key for a path that orders array indices by number: `activity[2]` before
/// `activity[10]`.
fn natural(path: &str) -> Vec<(usize, &str)> {
    let mut parts = path.split('[');
    let head = parts.next().map(|h| (0, h));
    head.into_iter()
        .chain(parts.map(|part| match part.split_once(']') {
            Some((n, rest)) => (n.parse().unwrap_or(usize::MAX), rest),
            None => (usize::MAX, part),
        }))
        .collect()
}

/// `activity[i]` path prefix.
pub(crate) fn act(i: usize) -> String {
    format!("activity[{i}]")
}
