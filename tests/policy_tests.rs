//! The policy test files in `tests/policies/`, one per bundled seed policy, run through the
//! library's runner as a user's own `cargo test` would run theirs.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::PathBuf;

fn file(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/policies")
        .join(format!("{name}.test.toml"))
}

fn passes(name: &str) {
    let report = gdpr_policy::suite::run_file(file(name)).unwrap_or_else(|e| panic!("{e}"));
    assert!(report.failed() == 0, "{report}");
    assert!(
        report.passed() >= 10,
        "{name}: only {} cases",
        report.passed()
    );
}

#[test]
fn studio_m() {
    passes("studio-m");
}

#[test]
fn multistudio() {
    passes("multistudio");
}

#[test]
fn familjefilm() {
    passes("familjefilm");
}

#[test]
fn care_of() {
    passes("care-of");
}

#[test]
fn smilee() {
    passes("smilee");
}

/// The directory as a whole, as `gdpr-policy test tests/policies` runs it.
#[test]
fn the_directory() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/policies");
    let run = gdpr_policy::suite::run(&[dir]).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(run.reports.len(), 5);
    assert!(run.is_success(), "{run}");
    let text = run.to_string();
    assert_eq!(text, format!("{} passed, 0 failed", run.passed()));
}
