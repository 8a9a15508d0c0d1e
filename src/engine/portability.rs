//! The scope of the right to data portability (Art. 20): which records a subject may take with
//! them, and why the others may not. See [`Engine::portability`] and the [access module
//! docs](super::access) for the checks and the assumption that processing is automated.

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::Engine;
use super::access::{ids, provenance_text};
use super::rights::portable_basis;
use crate::citation::as_text;
use crate::citation::{Citation, gdpr};
use crate::model::{Activity, CategoryId, Provenance, Record, Role, SubjectKind, SubjectState};

/// Which records are in the scope of Art. 20.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PortabilityScope {
    /// The instant asked about.
    pub at: DateTime<Utc>,
    /// The kind of subject.
    pub subject: SubjectKind,
    /// One entry per record, in input order.
    pub records: Vec<PortabilityItem>,
}

impl PortabilityScope {
    /// The ids of the records in scope, in input order.
    pub fn in_scope(&self) -> impl Iterator<Item = &str> {
        self.records
            .iter()
            .filter(|r| r.in_scope)
            .map(|r| r.record.as_str())
    }
}

/// One record's answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PortabilityItem {
    /// The record's id.
    pub record: String,
    /// Whether it is in scope.
    pub in_scope: bool,
    /// The provision the answer rests on.
    #[serde(serialize_with = "as_text")]
    pub citation: Citation,
    /// Why.
    pub reason: String,
}

/// The provenance the activity declares for `cat`: that of the most specific declared category
/// containing it.
fn provenance_of(a: &Activity, cat: &CategoryId) -> Option<Provenance> {
    a.categories
        .iter()
        .filter(|(c, _)| cat.is_within(c))
        .max_by_key(|(c, _)| c.as_str().len())
        .map(|(_, p)| *p)
}

impl Engine {
    /// Which of `records` are in the scope of the right to data portability (Art. 20) for
    /// `subject` at `at`. See the [module docs](self) for the checks and the assumption that
    /// processing is automated.
    #[must_use]
    pub fn portability(
        &self,
        subject: &SubjectState,
        records: &[Record],
        at: DateTime<Utc>,
    ) -> PortabilityScope {
        let item = |r: &Record| {
            let (in_scope, citation, reason) = self.portable(r);
            PortabilityItem {
                record: r.id.clone(),
                in_scope,
                citation,
                reason,
            }
        };
        PortabilityScope {
            at,
            subject: subject.kind.clone(),
            records: records.iter().map(item).collect(),
        }
    }

    fn portable(&self, r: &Record) -> (bool, Citation, String) {
        let Some((_, a)) = self.policy.activity(&r.activity) else {
            let why = format!(
                "activity `{}` is not in the policy: its basis is unknown",
                r.activity
            );
            return (false, gdpr(20, 1, 'a'), why);
        };
        if let Role::Processor { on_behalf_of } = &a.role {
            let why = format!("held as processor: the request goes to {on_behalf_of}");
            return (false, gdpr(28, 3, 'e'), why);
        }
        let Some((basis, cite)) = portable_basis(a) else {
            let bases = ids(a
                .bases()
                .into_iter()
                .map(|b| format!("{} ({})", b.kind(), b.kind().citation())));
            let why = if bases.is_empty() {
                format!(
                    "activity `{}` states no legal basis, so none is consent or contract",
                    a.id
                )
            } else {
                format!(
                    "activity `{}` rests on {bases}, not on consent or contract",
                    a.id
                )
            };
            return (false, gdpr(20, 1, 'a'), why);
        };
        let cat = &r.category;
        match provenance_of(a, cat) {
            None => {
                let why = format!(
                    "`{cat}` is not declared for activity `{}`: not known to be provided by the subject",
                    a.id
                );
                (false, gdpr(20, 1, ' '), why)
            }
            Some(q) if !q.from_subject() => {
                let why = format!(
                    "`{cat}` is {}, not provided by the subject",
                    provenance_text(q)
                );
                (false, gdpr(20, 1, ' '), why)
            }
            Some(q) => {
                let why = format!(
                    "`{cat}` is {}, processed on {basis} ({cite}) by automated means (assumed)",
                    provenance_text(q)
                );
                (true, gdpr(20, 1, ' '), why)
            }
        }
    }
}
