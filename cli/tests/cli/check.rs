//! `check`.

use super::*;

/// Smilee, section 9, "USA:s Privacy Shield": invalid in 2024, one error per recipient relying on
/// it, located in the file; exit 3.
#[test]
fn check_smilee_2024_text_reports_invalid_privacy_shield() {
    let out = run(&["check", SMILEE, "--at", "2024-01-01"]);
    out.code(3);
    let lines = out.lines();
    // `--at` as a date is the start of that day in Helsinki (UTC+2 in winter).
    assert_eq!(
        lines[0],
        "policy `smilee` (Redogörelse för datasekretess) audited at 2023-12-31T22:00:00+00:00 \
         (2024-01-01 in Europe/Helsinki)"
    );
    let invalid: Vec<&str> = lines
        .iter()
        .copied()
        .filter(|l| l.contains("error[transfer-mechanism-invalid]"))
        .collect();
    assert_eq!(invalid.len(), 6, "{}", out.stdout);
    for (i, (line, id)) in invalid.iter().zip(SMILEE_PRIVACY_SHIELD).enumerate() {
        // policies/smilee.toml:LINE:COLUMN: error[...]: recipient[i].safeguards[1]: ...
        let rest = line
            .strip_prefix("policies/smilee.toml:")
            .unwrap_or_else(|| panic!("not located in the file: {line}"));
        let mut parts = rest.splitn(3, ':');
        assert!(parts.next().unwrap().parse::<usize>().is_ok(), "{line}");
        assert!(parts.next().unwrap().parse::<usize>().is_ok(), "{line}");
        assert!(
            rest.contains(&format!(
                ": error[transfer-mechanism-invalid]: recipient[{i}].safeguards[1]: recipient `{id}`"
            )),
            "{line}"
        );
        assert!(line.contains("Privacy Shield"), "{line}");
        assert!(line.contains("2020-07-16"), "{line}");
        assert!(line.ends_with("(GDPR Art. 44)"), "{line}");
    }
    let summary = lines.last().unwrap();
    assert!(is_summary(summary), "last line: {summary}");
    assert!(!summary.starts_with("0 errors"), "{summary}");
}

#[test]
fn check_smilee_2024_json_counts_and_locates_findings() {
    let out = run(&["check", SMILEE, "--at", "2024-01-01", "--format", "json"]);
    out.code(3);
    let audit = out.json();
    assert_eq!(audit["policy"], SMILEE);
    assert_eq!(audit["at"], "2023-12-31T22:00:00Z");
    for severity in ["error", "warning", "note"] {
        assert_eq!(
            audit[format!("{severity}s")].as_u64().unwrap() as usize,
            count(&audit, severity),
            "{severity} count"
        );
    }
    assert!(audit["errors"].as_u64().unwrap() >= 6);
    let invalid = findings(&audit, "transfer-mechanism-invalid");
    assert_eq!(invalid.len(), 6, "{audit:#}");
    for (i, (f, id)) in invalid.iter().zip(SMILEE_PRIVACY_SHIELD).enumerate() {
        assert_eq!(f["severity"], "error");
        assert_eq!(f["citation"], "GDPR Art. 44");
        assert_eq!(f["path"], format!("recipient[{i}].safeguards[1]"));
        assert!(f["line"].as_u64().unwrap() > 0, "{f}");
        assert!(f["column"].as_u64().unwrap() > 0, "{f}");
        let message = f["message"].as_str().unwrap();
        assert!(message.contains(&format!("`{id}`")), "{message}");
        assert!(message.contains("Privacy Shield"), "{message}");
        assert!(!f["help"].as_str().unwrap().is_empty());
    }
}

/// On 2020-07-01 Privacy Shield still held: no `transfer-mechanism-invalid` finding (the
/// uncertified `partners` get `transfer-not-covered` instead, tests/audit_seeds.rs).
#[test]
fn check_smilee_2020_07_01_has_no_privacy_shield_finding() {
    let out = run(&["check", SMILEE, "--at", "2020-07-01"]);
    out.code(3);
    assert!(
        !out.stdout.contains("transfer-mechanism-invalid"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains("error[transfer-not-covered]: recipient[1].safeguards: no safeguard recipient `partners`"),
        "{}",
        out.stdout
    );

    let audit = run(&["check", SMILEE, "--at", "2020-07-01", "--format", "json"])
        .code(3)
        .json();
    assert_eq!(audit["at"], "2020-06-30T21:00:00Z");
    assert!(findings(&audit, "transfer-mechanism-invalid").is_empty());
    let not_covered = findings(&audit, "transfer-not-covered");
    assert_eq!(not_covered.len(), 1, "{audit:#}");
    assert_eq!(not_covered[0]["path"], "recipient[1].safeguards");
}

/// Schrems II took effect on the Helsinki date 2020-07-16: `--at 2020-07-16` (the start of that
/// day in Helsinki, 21:00 UTC the day before) already sees it; one second earlier does not.
#[test]
fn check_smilee_privacy_shield_ends_on_the_helsinki_date() {
    let first = run(&["check", SMILEE, "--at", "2020-07-16", "--format", "json"])
        .code(3)
        .json();
    assert_eq!(first["at"], "2020-07-15T21:00:00Z");
    assert_eq!(findings(&first, "transfer-mechanism-invalid").len(), 6);

    let last = run(&[
        "check",
        SMILEE,
        "--at",
        "2020-07-15T20:59:59Z",
        "--format",
        "json",
    ])
    .code(3)
    .json();
    assert!(findings(&last, "transfer-mechanism-invalid").is_empty());
    // An offset in `--at` is honoured: 23:59:59 in Helsinki is the same instant.
    let same = run(&[
        "check",
        SMILEE,
        "--at",
        "2020-07-15T23:59:59+03:00",
        "--format",
        "json",
    ])
    .code(3)
    .json();
    assert_eq!(same["at"], "2020-07-15T20:59:59Z");
    assert!(findings(&same, "transfer-mechanism-invalid").is_empty());
}

/// Every seed policy has error findings in 2024 (tests/audit_seeds.rs), so the clean policy of
/// tests/audit_checks.rs (copied as a fixture) shows exit 0.
#[test]
fn check_clean_policy_exits_0() {
    let out = run(&["check", CLEAN, "--at", "2024-01-01"]);
    out.code(0);
    assert_eq!(
        out.lines(),
        [
            "policy `clean` (Privacy policy - Clean AB) audited at 2023-12-31T23:00:00+00:00 \
             (2024-01-01 in Europe/Stockholm)",
            "0 errors, 0 warnings, 0 notes",
        ]
    );
    let audit = run(&["check", CLEAN, "--at", "2024-01-01", "--format", "json"])
        .code(0)
        .json();
    assert_eq!(audit["errors"], 0);
    assert_eq!(audit["warnings"], 0);
    assert_eq!(audit["notes"], 0);
    assert_eq!(audit["findings"], serde_json::json!([]));
}

/// A policy in JSON: the same clean policy, read by its `.json` name.
#[test]
fn check_and_decide_on_a_json_policy() {
    let audit = run(&[
        "check",
        "cli/tests/fixtures/clean.json",
        "--at",
        "2024-01-01",
        "--format",
        "json",
    ])
    .code(0)
    .json();
    assert_eq!(audit["policy"], "cli/tests/fixtures/clean.json");
    assert_eq!(audit["errors"], 0);
    assert_eq!(audit["findings"], serde_json::json!([]));

    // The US CRM vendor is on the 2021 SCCs: the transfer is permitted on the contract, with
    // the duty to inform (Art. 13(1)(f)).
    let input = r#"
subject = { kind = "customer", relationship = { start = 2023-01-01T00:00:00Z } }
request = { target = { activity = "customers" }, categories = ["contact.email"], operation = "transfer", recipient = "crm_vendor" }
"#;
    let args = [
        "decide",
        "cli/tests/fixtures/clean.json",
        "--at",
        "2024-01-01",
    ];
    let out = run_stdin(&args, input);
    out.code(0);
    assert_eq!(out.lines()[0], "permit on contract (GDPR Art. 6(1)(b))");
    assert!(
        out.stdout
            .contains("  must: inform the subject of the transfer and its safeguard"),
        "{}",
        out.stdout
    );
    let d = run_stdin(&[&args[..], &["--format", "json"]].concat(), input)
        .code(0)
        .json();
    assert_eq!(d["outcome"], "permit");
    assert_eq!(d["basis"]["basis"], "contract");
    assert_eq!(reasons(&d, "transfer-mechanism")[0]["satisfied"], true);
    assert!(!d["obligations"].as_array().unwrap().is_empty(), "{d:#}");
}

/// Warnings alone do not fail the audit: Studio M in 2024 has errors, so exit 3, and its outdated
/// authority name is a warning.
#[test]
fn check_studio_m_2024_flags_datainspektionen_as_warning() {
    let audit = run(&["check", STUDIO_M, "--at", "2024-01-01", "--format", "json"])
        .code(3)
        .json();
    let outdated = findings(&audit, "authority-name-outdated");
    assert_eq!(outdated.len(), 1, "{audit:#}");
    assert_eq!(outdated[0]["severity"], "warning");
    assert_eq!(outdated[0]["path"], "rights.complaint_authority");
    let message = outdated[0]["message"].as_str().unwrap();
    assert!(message.contains("`Datainspektionen`"), "{message}");
    assert!(
        message.contains("Integritetsskyddsmyndigheten"),
        "{message}"
    );
    // On 2020-12-31 (Stockholm) the name was still right.
    let old = run(&["check", STUDIO_M, "--at", "2020-12-31", "--format", "json"])
        .code(3)
        .json();
    assert!(findings(&old, "authority-name-outdated").is_empty());
}
