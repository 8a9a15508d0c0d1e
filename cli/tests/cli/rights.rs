//! `rights`.

use super::*;

const SUBSCRIBER: &str = "subject = { kind = \"newsletter_subscriber\", consents = [{ purpose = \"marketing.direct\", given = 2023-01-01T00:00:00Z }] }\n";
const SUBSCRIBER_WITHDRAWN: &str = "subject = { kind = \"newsletter_subscriber\", consents = [{ purpose = \"marketing.direct\", given = 2023-01-01T00:00:00Z, withdrawn = 2024-02-01T10:00:00Z }] }\n";

/// Studio M (tests/policies/studio-m.test.toml): a subscriber whose consent holds may withdraw it
/// and has no erasure ground; after withdrawal the reverse.
#[test]
fn rights_studio_m_json() {
    let args = [
        "rights",
        STUDIO_M,
        "--at",
        "2024-03-01T12:00:00Z",
        "--format",
        "json",
    ];
    let report = run_stdin(&args, SUBSCRIBER).code(0).json();
    assert_eq!(report["subject"], "newsletter_subscriber");
    assert_eq!(report["date"], "2024-03-01");
    let withdraw = right(&report, "newsletter", "withdraw_consent");
    assert_eq!(withdraw["applies"], true);
    assert_eq!(withdraw["citation"], "GDPR Art. 7(3)");
    assert_eq!(right(&report, "newsletter", "erasure")["applies"], false);
    assert_eq!(right(&report, "newsletter", "complaint")["applies"], true);
    // "inge klagomål till Datainspektionen": the authority by its current name.
    assert_eq!(
        report["complaint"]["authority"],
        "Integritetsskyddsmyndigheten"
    );
    assert_eq!(report["complaint"]["policy_name"], "outdated");

    let report = run_stdin(&args, SUBSCRIBER_WITHDRAWN).code(0).json();
    assert_eq!(
        right(&report, "newsletter", "withdraw_consent")["applies"],
        false
    );
    let erasure = right(&report, "newsletter", "erasure");
    assert_eq!(erasure["applies"], true);
    // The consent is gone, and with it the newsletter's "0d after withdrawal" retention.
    let grounds: Vec<(&str, &str)> = erasure["grounds"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| {
            (
                g["ground"].as_str().unwrap(),
                g["citation"].as_str().unwrap(),
            )
        })
        .collect();
    assert!(
        grounds.contains(&("consent_withdrawn", "GDPR Art. 17(1)(b)")),
        "{grounds:?}"
    );
}

#[test]
fn rights_studio_m_text() {
    let out = run_stdin(
        &["rights", STUDIO_M, "--at", "2024-03-01T12:00:00Z"],
        SUBSCRIBER,
    );
    out.code(0);
    let lines = out.lines();
    assert_eq!(
        lines[0],
        "rights of a `newsletter_subscriber` on 2024-03-01"
    );
    let start = lines
        .iter()
        .position(|l| *l == "newsletter (activity[2])")
        .unwrap_or_else(|| panic!("no newsletter section:\n{}", out.stdout));
    assert!(
        lines[start + 1].starts_with("  yes withdraw_consent: the consent given at 2023-01-01"),
        "{}",
        lines[start + 1]
    );
    assert!(lines[start + 1].ends_with("(GDPR Art. 7(3))"));
    assert!(
        lines[start..]
            .iter()
            .any(|l| l.starts_with("  no  erasure: ")),
        "{}",
        out.stdout
    );
    assert!(
        lines.last().unwrap().starts_with(
            "complaint: the subject may lodge a complaint with Integritetsskyddsmyndigheten"
        ),
        "{}",
        out.stdout
    );
}

/// `rights` reads the same documents as `access` (records allowed, and checked).
#[test]
fn rights_accepts_records_from_a_file() {
    let report = run(&[
        "rights",
        STUDIO_M,
        "cli/tests/fixtures/studio-m-erase.toml",
        "--at",
        "2025-01-15",
        "--format",
        "json",
    ])
    .code(0)
    .json();
    assert_eq!(report["subject"], "customer");
    // The contract ended on 2024-12-31: erasure of its data on Art. 17(1)(a).
    let erasure = right(&report, "contract", "erasure");
    assert_eq!(erasure["applies"], true);
    assert_eq!(erasure["grounds"][0]["citation"], "GDPR Art. 17(1)(a)");
}
