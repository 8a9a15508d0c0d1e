//! The validated policy.

use chrono::NaiveDate;

use super::activity::{Activity, DutyRef};
use super::category::{self, Category};
use super::controller::{Controller, RightsHandling};
use super::id::{ActivityId, CategoryId, DutyName, PurposeId, RecipientId, SubjectKind};
use super::purpose::{BUILTIN_PURPOSES, BUILTIN_SUBJECTS};
use super::recipient::Recipient;
use crate::citation::Citation;
use crate::law::duty::{Anchor, DutyId};
use crate::time::Period;

/// A privacy policy whose references all resolve and whose values are all possible.
///
/// Built only by [`crate::format::from_str`] (or its siblings such as [`crate::format::load_file`]), which check everything; there is no
/// way to build an inconsistent one. Read it through its accessors.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Policy {
    pub(crate) document: Document,
    pub(crate) controller: Controller,
    pub(crate) categories: Vec<Category>,
    pub(crate) purposes: Vec<Named<PurposeId>>,
    pub(crate) subjects: Vec<SubjectKindInfo>,
    pub(crate) recipients: Vec<Recipient>,
    pub(crate) duties: Vec<DeclaredDuty>,
    pub(crate) activities: Vec<Activity>,
    pub(crate) rights: RightsHandling,
}

/// Facts about the policy document itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// The policy's id, e.g. `smilee`.
    pub id: String,
    /// Its title.
    pub title: String,
    /// The language of the notice it encodes (BCP 47, e.g. `sv`).
    pub language: Option<String>,
    /// The date the notice took effect, if it says.
    pub effective_from: Option<NaiveDate>,
}

/// A kind of data subject, built in or declared by the policy.
///
/// ```
/// let policy = gdpr_policy::format::load_file("policies/familjefilm.toml")?;
/// let rep = policy.subjects().iter().find(|s| s.id.as_str() == "customer_representative");
/// assert_eq!(rep.map(|s| s.party_to_contract), Some(false));
/// # Ok::<(), gdpr_policy::format::LoadError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubjectKindInfo {
    /// Its id.
    pub id: SubjectKind,
    /// A human-readable name.
    pub name: String,
    /// Whether the crate defines it (rather than the policy).
    pub builtin: bool,
    /// Whether such a subject is, or asks to become, a party to the contract with the
    /// controller: only then can Art. 6(1)(b) apply to their data.
    pub party_to_contract: bool,
}

impl Policy {
    /// The kind of subject `id`, if the policy knows it.
    #[must_use]
    pub fn subject_kind(&self, id: &SubjectKind) -> Option<&SubjectKindInfo> {
        self.subjects.iter().find(|s| &s.id == id)
    }
}

/// An id with a human-readable name, declared by the policy or built in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Named<I> {
    /// The id.
    pub id: I,
    /// The name or description.
    pub name: String,
    /// Whether the crate defines it (rather than the policy).
    pub builtin: bool,
}

/// A legal retention duty declared by the policy (besides the built-in ones).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeclaredDuty {
    /// Its id.
    pub id: DutyName,
    /// The statute as the policy cites it.
    pub citation: String,
    /// The categories it covers.
    pub categories: Vec<CategoryId>,
    /// How long.
    pub period: Period,
    /// Counted from.
    pub anchor: Anchor,
    /// Whether it is a limitation period for legal claims rather than a duty to keep.
    pub limitation: bool,
}

impl DeclaredDuty {
    /// The citation as a value.
    #[must_use]
    pub fn as_citation(&self) -> Citation {
        Citation::Declared {
            text: self.citation.clone(),
        }
    }
}

impl Policy {
    /// The document's own facts.
    #[must_use]
    pub fn document(&self) -> &Document {
        &self.document
    }

    /// The controller.
    #[must_use]
    pub fn controller(&self) -> &Controller {
        &self.controller
    }

    /// Every category: built-in ones first, then those the policy declares, each group in id
    /// order.
    #[must_use]
    pub fn categories(&self) -> &[Category] {
        &self.categories
    }

    /// Every purpose, built-in and declared.
    #[must_use]
    pub fn purposes(&self) -> &[Named<PurposeId>] {
        &self.purposes
    }

    /// Every kind of data subject, built-in and declared.
    #[must_use]
    pub fn subjects(&self) -> &[SubjectKindInfo] {
        &self.subjects
    }

    /// The recipients, in the policy's order.
    #[must_use]
    pub fn recipients(&self) -> &[Recipient] {
        &self.recipients
    }

    /// The retention duties the policy declares (built-in ones are in [`crate::law::duty`]).
    #[must_use]
    pub fn declared_duties(&self) -> &[DeclaredDuty] {
        &self.duties
    }

    /// The processing activities, in the policy's order.
    #[must_use]
    pub fn activities(&self) -> &[Activity] {
        &self.activities
    }

    /// How the controller handles data-subject requests.
    #[must_use]
    pub fn rights(&self) -> &RightsHandling {
        &self.rights
    }

    /// The category with this id.
    #[must_use]
    pub fn category(&self, id: &CategoryId) -> Option<&Category> {
        self.categories.iter().find(|c| &c.id == id)
    }

    /// The activity with this id, with its index in [`Policy::activities`].
    #[must_use]
    pub fn activity(&self, id: &ActivityId) -> Option<(usize, &Activity)> {
        self.activities
            .iter()
            .enumerate()
            .find(|(_, a)| &a.id == id)
    }

    /// The recipient with this id.
    #[must_use]
    pub fn recipient(&self, id: &RecipientId) -> Option<&Recipient> {
        self.recipients.iter().find(|r| &r.id == id)
    }

    /// The declared duty with this id.
    #[must_use]
    pub fn declared_duty(&self, id: &DutyName) -> Option<&DeclaredDuty> {
        self.duties.iter().find(|d| &d.id == id)
    }

    /// Resolves a duty id as the policy would: a built-in id, else a declared one.
    #[must_use]
    pub fn duty_ref(&self, id: &str) -> Option<DutyRef> {
        if let Some(b) = DutyId::parse(id) {
            return Some(DutyRef::Builtin(b));
        }
        let name = DutyName::new(id).ok()?;
        self.declared_duty(&name).map(|_| DutyRef::Declared(name))
    }
}

/// The built-in purposes and subject kinds as [`Named`] lists, and the built-in categories.
pub(crate) fn builtins() -> (Vec<Category>, Vec<Named<PurposeId>>, Vec<SubjectKindInfo>) {
    let named = |list: &[(&str, &str)]| -> Vec<(String, String)> {
        list.iter()
            .map(|(i, n)| ((*i).to_owned(), (*n).to_owned()))
            .collect()
    };
    let purposes = named(BUILTIN_PURPOSES)
        .into_iter()
        .filter_map(|(i, name)| {
            Some(Named {
                id: PurposeId::new(&i).ok()?,
                name,
                builtin: true,
            })
        })
        .collect();
    let subjects = BUILTIN_SUBJECTS
        .iter()
        .filter_map(|&(i, name, party)| {
            Some(SubjectKindInfo {
                id: SubjectKind::new(i).ok()?,
                name: name.to_owned(),
                builtin: true,
                party_to_contract: party,
            })
        })
        .collect();
    (category::builtin().collect(), purposes, subjects)
}
