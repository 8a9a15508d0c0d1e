//! `access`.

use super::*;

#[test]
fn access_studio_m_text() {
    let out = run(&[
        "access",
        STUDIO_M,
        "cli/tests/fixtures/studio-m-erase.toml",
        "--at",
        "2025-01-15",
    ]);
    out.code(0);
    let lines = out.lines();
    assert_eq!(
        lines[0],
        "Access report (GDPR Art. 15): Studio M, `customer` subject, 2025-01-15"
    );
    assert!(
        lines.contains(&"Confirmation (GDPR Art. 15(1)): your data is processed (3 records)."),
        "{}",
        out.stdout
    );
    for heading in [
        "Purposes and legal bases (GDPR Art. 15(1)(a)):",
        "Categories of personal data (GDPR Art. 15(1)(b)):",
        "Recipients (GDPR Art. 15(1)(c)):",
        "Retention (GDPR Art. 15(1)(d)):",
    ] {
        assert!(lines.contains(&heading), "no `{heading}`:\n{}", out.stdout);
    }
}

#[test]
fn access_studio_m_json() {
    let report = run(&[
        "access",
        STUDIO_M,
        "cli/tests/fixtures/studio-m-erase.toml",
        "--at",
        "2025-01-15",
        "--format",
        "json",
    ])
    .code(0)
    .json();
    assert_eq!(report["at"], "2025-01-14T23:00:00Z");
    assert_eq!(report["date"], "2025-01-15");
    assert_eq!(report["controller"], "Studio M");
    assert_eq!(report["subject"], "customer");
    assert_eq!(report["processed"], true);
    let ids: Vec<&str> = report["records"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["nl-email", "invoice", "email"]);
    // The newsletter address was due on the Stockholm day of the withdrawal.
    let nl = entry(&report, "records", "id", "nl-email");
    assert_eq!(nl["due"]["last_day"], "2024-05-01");
    assert_eq!(nl["overdue"], true);
    // The invoice went to the subcontractors.
    let sub = entry(&report, "recipients", "recipient", "subcontractors");
    assert_eq!(sub["disclosed"], true);
    assert_eq!(sub["records"], serde_json::json!(["invoice"]));
    assert!(report["rights"]["activities"].is_array());
}

/// Without `records` the report still answers (confirmation of processing from the policy).
#[test]
fn access_without_records_from_stdin() {
    let input = "subject = { kind = \"customer\" }\n";
    let report = run_stdin(
        &["access", STUDIO_M, "--at", "2025-01-15", "--format", "json"],
        input,
    )
    .code(0)
    .json();
    assert_eq!(report["subject"], "customer");
    assert_eq!(report["processed"], false);
    assert_eq!(report["records"], serde_json::json!([]));
    let out = run_stdin(&["access", STUDIO_M, "--at", "2025-01-15"], input);
    out.code(0);
    assert!(
        out.lines().contains(
            &"Confirmation (GDPR Art. 15(1)): no records about you are held; the rest applies to \
              subjects of your kind (0 records)."
        ),
        "{}",
        out.stdout
    );
}
