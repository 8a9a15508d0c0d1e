//! Privacy policies as typed data, with every answer citing the law it rests on.
//!
//! `gdpr-policy` turns a controller's privacy policy into a validated [`model::Policy`] that
//! applications and CI pipelines can reason about: which activities process which data, on which
//! legal basis, for how long, sent to whom and under which transfer safeguard. Legal facts
//! (adequacy decisions, retention duties, supervisory authorities, ages of consent) are
//! [dated data](law) with their sources, so that every question is asked *at* an instant.
//!
//! # A tour
//!
//! **Load a policy** from TOML or JSON. Loading checks everything and reports every problem with
//! its path and position; a loaded policy is always consistent.
//!
//! ```
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! use gdpr_policy::format;
//! use gdpr_policy::model::{ActivityId, BasisKind};
//!
//! let policy = format::load_file("policies/smilee.toml")?;
//! assert_eq!(policy.controller().time_zone.name(), "Europe/Helsinki");
//! let (_, newsletter) = policy
//!     .activity(&ActivityId::new("newsletter")?)
//!     .ok_or("no newsletter activity")?;
//! // Bases belong to purposes (Art. 6(1): "for one or more specific purposes").
//! let purpose = newsletter.purposes.first().ok_or("no purpose")?;
//! let basis = purpose.bases.first().ok_or("no basis stated")?;
//! assert_eq!(basis.kind(), BasisKind::Consent);
//! assert_eq!(basis.kind().citation().to_string(), "GDPR Art. 6(1)(a)");
//! # Ok(()) }
//! ```
//!
//! **Ask the law about a date.** Facts carry validity intervals; Privacy Shield held until the
//! day before the Schrems II judgment.
//!
//! ```
//! use chrono::NaiveDate;
//! use gdpr_policy::law::{Country, transfer::AdequacyDecision};
//!
//! let on = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default();
//! let certified = true;
//! let before = AdequacyDecision::for_country_on(Country::US, on(2020, 7, 15), certified);
//! let after = AdequacyDecision::for_country_on(Country::US, on(2020, 7, 17), certified);
//! assert_eq!(before.map(|d| d.0), Some(AdequacyDecision::UsPrivacyShield));
//! assert_eq!(after, None);
//! ```
//!
//! **Decide**: may this processing happen now? The [`engine::Engine`] compiles a policy once and
//! answers with a [`engine::Decision`]: permit or deny, the reasons in order with their
//! citations, the basis relied on and the obligations that come with a permit.
//!
//! ```
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! use gdpr_policy::engine::{Engine, Operation, Request};
//!
//! let engine = Engine::new(gdpr_policy::format::load_file("policies/smilee.toml")?);
//! let transfer = Request::new("web_analytics".parse()?, vec!["online.ip_address".parse()?], Operation::Transfer)
//!     .to_recipient("google_analytics".parse()?);
//! let visitor = serde_json::from_str(r#"{ "kind": "website_visitor" }"#)?;
//! // Privacy Shield held on 2020-07-15 and fell with Schrems II on 2020-07-16.
//! assert!(engine.decide(&transfer, &visitor, "2020-07-15T10:00:00Z".parse()?).is_permit());
//! let after = engine.decide(&transfer, &visitor, "2020-07-17T10:00:00Z".parse()?);
//! assert!(!after.is_permit());
//! assert_eq!(after.determining().next().map(|r| r.rule.code()), Some("transfer-mechanism"));
//! # Ok(()) }
//! ```
//!
//! **When is the answer due?** One month from receipt under Regulation 1182/71, in the
//! controller's time zone, rolled past weekends and the member state's public holidays:
//!
//! ```
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! use gdpr_policy::engine::{Engine, deadline::DeadlineOptions};
//!
//! let engine = Engine::new(gdpr_policy::format::load_file("policies/studio-m.toml")?);
//! // Received 6 May 2025: one month ends on 6 June, Sweden's National Day (a Friday).
//! let due = engine.deadlines("2025-05-06T09:00:00Z".parse()?, &DeadlineOptions::default());
//! assert_eq!(due.respond_by.last_day.to_string(), "2025-06-09");
//! assert_eq!(due.respond_by.ends_at.to_rfc3339(), "2025-06-09T22:00:00+00:00");
//! # Ok(()) }
//! ```
//!
//! **Get told what is wrong**, all at once, with places:
//!
//! ```
//! let err = gdpr_policy::format::from_toml_str(r#"
//! format = 1
//! id = "x"
//! title = "x"
//! [controller]
//! name = "X AB"
//! country = "SE"
//! time_zone = "Europe/Stockholm"
//! [[activity]]
//! id = "orders"
//! name = "orders"
//! purposes = ["service.contract"]
//! bases = ["contract"]
//! subjects = ["customer"]
//! categories = ["contact.emial", "health"]
//! "#).unwrap_err();
//! let text = err.to_string();
//! assert!(text.contains("activity[0].categories[0]: unknown category `contact.emial`; did you mean `contact.email`?"));
//! assert!(text.contains("special-category data `health` needs an Art. 9(2) `special_condition`"));
//! ```
//!
//! **Assert a policy's answers in CI** with policy test files ([`suite`]): cases, each a
//! question at an instant with the expected answer, run by `cargo test` or by the `gdpr-policy`
//! command.
//!
//! ```
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let report = gdpr_policy::suite::run_file("tests/policies/smilee.test.toml")?;
//! assert_eq!(report.failed(), 0, "{report}");
//! assert!(report.to_string().ends_with(" passed, 0 failed"));
//! # Ok(()) }
//! ```
//!
//! # Modules
//!
//! - [`citation`]: GDPR articles, statute provisions and instruments as values.
//! - [`diagnostic`]: problems found in documents, and "did you mean" hints.
//! - [`law`]: dated legal facts with their sources.
//! - [`time`]: calendar periods and the controller's time zone.
//! - [`model`]: the policy and the inputs of questions (subject state, records); pure data.
//! - [`format`](mod@format): policy files (TOML, JSON), their JSON Schema, loading and writing.
//! - [`engine`]: the questions: processing decisions, retention schedules, erasure plans,
//!   request deadlines, rights, access reports and portability.
//! - [`suite`]: policy test files, which assert a policy's answers in CI.
//!
//! The file format is documented in `docs/policy-format.md`; the reasons behind the design in
//! [`design`].

pub mod citation;
pub mod diagnostic;
pub mod engine;
pub mod format;
pub mod law;
pub mod model;
pub mod suite;
pub mod time;

#[doc = include_str!("../DESIGN.md")]
pub mod design {}
