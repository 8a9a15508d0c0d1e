//! The policy model: pure data, no engine.
//!
//! A [`Policy`] is the validated form of a policy file: a [`Controller`], the data
//! [`Category`]s, purposes and subject kinds it uses (the built-in vocabularies plus its own), its
//! [`Recipient`]s, the legal retention duties it declares, and its processing [`Activity`]s,
//! each with purposes, [`LegalBasis`]es, categories with their [`Provenance`], subjects, a
//! [`RetentionRule`], recipients and the [`Role`] the controller plays. Besides the policy, the
//! model holds the inputs of the engine's questions: a [`SubjectState`] and [`Record`]s.

pub mod activity;
pub mod basis;
pub mod category;
pub mod controller;
pub mod id;
pub mod policy;
pub mod purpose;
pub mod recipient;
pub mod subject;

pub use activity::{
    Activity, ActivityPurpose, AutomatedDecision, DutyRef, Requirement, RetentionRule, Role,
};
pub use basis::{BasisKind, LegalBasis, SpecialCondition};
pub use category::{Category, LegalStatus, Provenance, SpecialKind};
pub use controller::{Contact, Controller, FiscalYearEnd, ResponseTime, Right, RightsHandling};
pub use id::{ActivityId, CategoryId, DutyName, IdError, PurposeId, RecipientId, SubjectKind};
pub use policy::{DeclaredDuty, Document, Named, Policy, SubjectKindInfo};
pub use recipient::{Location, Recipient, RecipientKind, Safeguard};
pub use subject::{
    Consent, LegalClaimHold, Objection, ObjectionKind, Record, Relationship, Restriction,
    RestrictionGround, SubjectState,
};
