//! The engine: questions asked of a compiled policy.
//!
//! An [`Engine`] is built once from a validated [`Policy`]: ids are interned to small indices and
//! each activity's category, subject, purpose and recipient sets are resolved with their
//! hierarchy into bit sets. Building cannot fail: a validated policy always compiles.
//!
//! Questions then take inputs that are compiled too ([`CompiledRequest`], [`CompiledSubject`]),
//! so that answering does no parsing and no string comparison of ids. Unknown ids in the inputs
//! are kept, not rejected: they make the answer a deny that says what was unknown (fail closed).
//!
//! ```
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! use gdpr_policy::engine::{Engine, Operation, Request};
//! use gdpr_policy::model::{SubjectState, Consent};
//!
//! let policy = gdpr_policy::format::load_file("policies/studio-m.toml")?;
//! let engine = Engine::new(policy);
//! let request = Request::new(
//!     "newsletter".parse()?,
//!     vec!["contact.email".parse()?],
//!     Operation::Use,
//! );
//! let mut subject: SubjectState = serde_json::from_str(r#"{ "kind": "newsletter_subscriber" }"#)?;
//! let at = "2024-05-01T12:00:00Z".parse()?;
//! assert!(!engine.decide(&request, &subject, at).is_permit());
//!
//! subject.consents.push(Consent {
//!     purpose: "marketing.direct".parse()?, // the newsletter and other marketing
//!     given: "2024-01-01T00:00:00Z".parse()?,
//!     withdrawn: None,
//!     expires: None,
//!     explicit: false,
//!     parental: false,
//! });
//! let decision = engine.decide(&request, &subject, at);
//! assert!(decision.is_permit());
//! assert_eq!(decision.basis.map(|b| b.citation), Some("GDPR Art. 6(1)(a)".to_owned()));
//! # Ok(()) }
//! ```

pub mod access;
pub mod audit;
mod compile;
pub mod complaint;
pub mod deadline;
mod decide;
pub mod decision;
mod display;
pub mod erasure;
mod input;
mod lawful;
pub mod portability;
pub mod request;
mod retention;
pub mod rights;
pub mod schedule;
mod transfer;

pub use compile::{CompiledRequest, CompiledSubject};
pub use decision::{Decision, Obligation, Outcome, Reason, ReliedBasis, Rule};
pub use request::{Operation, Request, Target};

use chrono::{DateTime, Utc};

use crate::model::{Policy, SubjectState};

/// A policy compiled for answering questions.
#[derive(Debug, Clone)]
pub struct Engine {
    policy: Policy,
    c: compile::Tables,
}

impl Engine {
    /// Compiles a policy. Never fails: a validated policy always compiles.
    #[must_use]
    pub fn new(policy: Policy) -> Self {
        let c = compile::Tables::new(&policy);
        Self { policy, c }
    }

    /// The policy the engine was built from.
    #[must_use]
    pub fn policy(&self) -> &Policy {
        &self.policy
    }

    /// Resolves a request's ids once, for repeated decisions.
    #[must_use]
    pub fn compile_request(&self, request: &Request) -> CompiledRequest {
        self.c.request(request)
    }

    /// Resolves a subject's ids once, for repeated decisions.
    #[must_use]
    pub fn compile_subject(&self, subject: &SubjectState) -> CompiledSubject {
        self.c.subject(subject)
    }

    /// May this processing happen at `at`? Compiles the inputs, then decides.
    #[must_use]
    pub fn decide(&self, request: &Request, subject: &SubjectState, at: DateTime<Utc>) -> Decision {
        self.decide_compiled(
            &self.compile_request(request),
            &self.compile_subject(subject),
            at,
        )
    }

    /// May this processing happen at `at`? See the module docs for the checks, in order.
    #[must_use]
    pub fn decide_compiled(
        &self,
        request: &CompiledRequest,
        subject: &CompiledSubject,
        at: DateTime<Utc>,
    ) -> Decision {
        decide::decide(self, request, subject, at)
    }
}
