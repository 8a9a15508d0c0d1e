//! Processing decisions on the bundled seed policies, one table of scenarios per seed, each
//! scenario derived from the words of the notice.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod care_of;
mod familjefilm;
mod multistudio;
mod purposes;
mod smilee;
mod studio_m;

use chrono::{DateTime, Utc};
use gdpr_policy::engine::{Decision, Engine, Outcome, Request};
use gdpr_policy::model::SubjectState;

/// The engine for `policies/<name>.toml`.
pub fn engine(name: &str) -> Engine {
    let path = format!("{}/policies/{name}.toml", env!("CARGO_MANIFEST_DIR"));
    Engine::new(gdpr_policy::format::load_file(&path).unwrap_or_else(|e| panic!("{path}: {e}")))
}

/// The engine for `policies/<name>.toml` with activity `activity` marked as an information
/// society service offered directly to children (`offered_to_children = true`), the only kind of
/// processing Art. 8(1) binds.
pub fn offered_to_children(name: &str, activity: &str) -> Engine {
    let path = format!("{}/policies/{name}.toml", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let header = format!("[[activity]]\nid = \"{activity}\"\n");
    assert_eq!(
        text.matches(&header).count(),
        1,
        "{path}: activity `{activity}`"
    );
    let text = text.replacen(&header, &format!("{header}offered_to_children = true\n"), 1);
    Engine::new(gdpr_policy::format::from_toml_str(&text).unwrap_or_else(|e| panic!("{path}: {e}")))
}

/// An instant from RFC 3339 text.
pub fn at(s: &str) -> DateTime<Utc> {
    s.parse()
        .unwrap_or_else(|e| panic!("bad instant `{s}`: {e}"))
}

/// A subject state from JSON text.
pub fn subject(json: &str) -> SubjectState {
    serde_json::from_str(json).unwrap_or_else(|e| panic!("bad subject {json}: {e}"))
}

/// A request from JSON text (`{"target": {"activity": "x"}, "categories": [..], "operation": ".."}`).
pub fn request(json: &str) -> Request {
    serde_json::from_str(json).unwrap_or_else(|e| panic!("bad request {json}: {e}"))
}

/// One scenario: a request by a subject at an instant, and what must come out.
pub struct Case {
    /// What the notice says that this case checks.
    pub name: &'static str,
    /// The request, as JSON.
    pub request: &'static str,
    /// The subject, as JSON.
    pub subject: &'static str,
    /// The instant, RFC 3339.
    pub at: &'static str,
    /// The expected outcome.
    pub outcome: Outcome,
    /// Rule codes that must appear among the determining reasons.
    pub rules: &'static [&'static str],
}

/// Runs a table of cases, reporting every mismatch at once.
pub fn run(engine: &Engine, cases: &[Case]) {
    let mut failures = Vec::new();
    for c in cases {
        let d: Decision = engine.decide(&request(c.request), &subject(c.subject), at(c.at));
        let determining: Vec<&str> = d.determining().map(|r| r.rule.code()).collect();
        let missing: Vec<&&str> = c
            .rules
            .iter()
            .filter(|r| !determining.contains(r))
            .collect();
        if d.outcome != c.outcome || !missing.is_empty() {
            failures.push(format!(
                "case `{}`: expected {:?} with {:?}, got {d}",
                c.name, c.outcome, c.rules
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n\n")
    );
}
