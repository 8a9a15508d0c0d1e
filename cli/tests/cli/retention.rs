//! `retention`.

use super::*;

/// Studio M's newsletter data is kept "0d after consent_withdrawal": withdrawn 2024-03-31 at
/// 12:00 in Stockholm, its last day is 2024-03-31 (ends at local midnight, 22:00 UTC in summer
/// time) and on 2024-05-01 it is overdue.
#[test]
fn retention_studio_m_text_and_json() {
    let args = [
        "retention",
        STUDIO_M,
        "cli/tests/fixtures/studio-m-records.toml",
        "--at",
        "2024-05-01T00:00:00Z",
    ];
    let out = run(&args);
    out.code(0);
    assert_eq!(
        out.lines(),
        [
            "retention at 2024-05-01T00:00:00+00:00",
            "  nl-email: keep until 2024-03-31, set by activity[2].retention (GDPR Art. 5(1)(e)) (overdue)",
        ]
    );

    let doc = run(&[&args[..], &["--format", "json"]].concat())
        .code(0)
        .json();
    assert_eq!(doc["at"], "2024-05-01T00:00:00Z");
    let nl = entry(&doc, "records", "record", "nl-email");
    assert_eq!(nl["status"], "on");
    assert_eq!(nl["last_day"], "2024-03-31");
    assert_eq!(nl["ends_at"], "2024-03-31T22:00:00Z");
    assert_eq!(nl["set_by"]["kind"], "rule");
    assert_eq!(nl["overdue"], true);
    assert_eq!(nl["citation"], "GDPR Art. 5(1)(e)");

    // The day before the withdrawal's last day ends, it is not overdue yet.
    let early = run(&[
        "retention",
        STUDIO_M,
        "cli/tests/fixtures/studio-m-records.toml",
        "--at",
        "2024-03-31T21:59:59Z",
        "--format",
        "json",
    ])
    .code(0)
    .json();
    assert_eq!(
        entry(&early, "records", "record", "nl-email")["overdue"],
        false
    );
}

/// No subject: an e-mail address on Studio M's contract activity is kept while the purpose lasts;
/// an invoice filed there, which the notice does not declare, is reported rather than dated.
/// JSON on standard input.
#[test]
fn retention_without_subject_from_stdin_json() {
    let input = r#"{"records": [{"id": "email", "category": "contact.email", "activity": "contract", "collected_at": "2023-05-01T10:00:00Z"}, {"id": "invoice", "category": "financial.invoice", "activity": "contract", "collected_at": "2023-05-01T10:00:00Z", "fiscal_year_end": "2023-12-31"}]}"#;
    let out = run_stdin(&["retention", STUDIO_M, "--at", "2025-01-15"], input);
    out.code(0);
    assert_eq!(
        out.lines(),
        [
            "retention at 2025-01-14T23:00:00+00:00",
            "  email: kept while the purpose lasts",
            "  invoice: unknown: category `financial.invoice` is not among the categories of activity `contract`",
        ]
    );
    let doc = run_stdin(
        &[
            "retention",
            STUDIO_M,
            "--at",
            "2025-01-15",
            "--format",
            "json",
        ],
        input,
    )
    .code(0)
    .json();
    let email = entry(&doc, "records", "record", "email");
    assert_eq!(email["status"], "while_purpose_lasts");
    assert_eq!(email["overdue"], false);
    let invoice = entry(&doc, "records", "record", "invoice");
    assert_eq!(invoice["status"], "unknown");
    assert_eq!(
        invoice["reason"],
        "category `financial.invoice` is not among the categories of activity `contract`"
    );
    assert_eq!(invoice["overdue"], false);
}
