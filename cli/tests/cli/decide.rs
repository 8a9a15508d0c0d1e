//! `decide`.

use super::*;

#[test]
fn decide_permit_text_from_toml_file() {
    let out = run(&[
        "decide",
        SMILEE,
        "cli/tests/fixtures/smilee-newsletter.toml",
        "--at",
        "2024-05-01",
    ]);
    out.code(0);
    let lines = out.lines();
    assert_eq!(lines[0], "permit on consent (GDPR Art. 6(1)(a))");
    assert!(
        lines.contains(
            &"  ok [consent] purpose `marketing.direct.newsletter`: consent given at 2023-09-01 08:00:00 UTC holds (GDPR Art. 6(1)(a); activity[5].purposes[0])"
        ),
        "{}",
        out.stdout
    );
    assert!(!out.stdout.contains(" NO ["), "{}", out.stdout);
}

#[test]
fn decide_permit_json_has_basis_and_satisfied_reasons() {
    let out = run(&[
        "decide",
        SMILEE,
        "cli/tests/fixtures/smilee-newsletter.toml",
        "--at",
        "2024-05-01",
        "--format",
        "json",
    ]);
    let d = out.code(0).json();
    assert_eq!(d["outcome"], "permit");
    assert_eq!(d["basis"]["basis"], "consent");
    assert_eq!(d["basis"]["citation"], "GDPR Art. 6(1)(a)");
    assert_eq!(d["basis"]["purpose"], "marketing.direct.newsletter");
    let consent = reasons(&d, "consent");
    assert_eq!(consent.len(), 1, "{d:#}");
    assert_eq!(consent[0]["satisfied"], true);
    assert_eq!(consent[0]["path"], "activity[5].purposes[0]");
    assert!(
        d["reasons"]
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["satisfied"] == true),
        "{d:#}"
    );
}

/// Smilee, section 9: Google Analytics relies on Privacy Shield; after 2020-07-16 (Helsinki) no
/// stated mechanism covers the transfer: denied (exit 2) on `transfer-mechanism`.
#[test]
fn decide_deny_text_from_json_file() {
    let out = run(&[
        "decide",
        SMILEE,
        "cli/tests/fixtures/smilee-ga-transfer.json",
        "--at",
        "2024-05-01",
    ]);
    out.code(2);
    let lines = out.lines();
    assert_eq!(lines[0], "deny");
    assert_eq!(
        lines[1],
        "  NO [transfer-mechanism] no stated mechanism covers a transfer to US on 2024-05-01 \
         (GDPR Art. 44; recipient[2].safeguards)"
    );
}

#[test]
fn decide_deny_json_names_the_determining_rule() {
    let d = run(&[
        "decide",
        SMILEE,
        "cli/tests/fixtures/smilee-ga-transfer.json",
        "--at",
        "2024-05-01",
        "--format",
        "json",
    ])
    .code(2)
    .json();
    assert_eq!(d["outcome"], "deny");
    assert!(d.get("basis").is_none_or(Value::is_null), "{d:#}");
    let failed: Vec<&Value> = d["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["satisfied"] == false)
        .collect();
    assert_eq!(failed.len(), 1, "{d:#}");
    assert_eq!(failed[0]["rule"], "transfer-mechanism");
    assert_eq!(failed[0]["citation"], "GDPR Art. 44");
    assert_eq!(failed[0]["path"], "recipient[2].safeguards");
}

/// The same transfer on the last Helsinki day of Privacy Shield is permitted, on the first day
/// after (`--at` a date: its start in Helsinki) denied.
#[test]
fn decide_ga_transfer_around_schrems_ii() {
    let before = run(&[
        "decide",
        SMILEE,
        "cli/tests/fixtures/smilee-ga-transfer.json",
        "--at",
        "2020-07-15T20:59:59Z",
        "--format",
        "json",
    ])
    .code(0)
    .json();
    assert_eq!(before["outcome"], "permit");
    assert_eq!(before["basis"]["basis"], "legitimate_interests");
    let after = run(&[
        "decide",
        SMILEE,
        "cli/tests/fixtures/smilee-ga-transfer.json",
        "--at",
        "2020-07-16",
        "--format",
        "json",
    ])
    .code(2)
    .json();
    assert_eq!(after["outcome"], "deny");
    assert_eq!(reasons(&after, "transfer-mechanism")[0]["satisfied"], false);
}

/// Section 13, "Återkallande av samtycke": permitted one second before the withdrawal, denied at
/// its instant; input as TOML and JSON on standard input, with `-` and without.
#[test]
fn decide_from_stdin_toml_and_json() {
    for input in [NEWSLETTER_TOML, NEWSLETTER_JSON] {
        for dash in [true, false] {
            let mut args = vec!["decide", SMILEE];
            if dash {
                args.push("-");
            }
            let before: Vec<&str> = [args.as_slice(), &["--at", "2024-03-14T11:59:59Z"]].concat();
            let out = run_stdin(&before, input);
            out.code(0);
            assert_eq!(out.lines()[0], "permit on consent (GDPR Art. 6(1)(a))");

            let at: Vec<&str> = [
                args.as_slice(),
                &["--at", "2024-03-14T12:00:00Z", "--format", "json"],
            ]
            .concat();
            let d = run_stdin(&at, input).code(2).json();
            assert_eq!(d["outcome"], "deny");
            assert_eq!(reasons(&d, "consent")[0]["satisfied"], false, "{d:#}");
        }
    }
}

/// The global options may come before the subcommand too.
#[test]
fn global_options_before_the_subcommand() {
    let d = run(&[
        "--format",
        "json",
        "--at",
        "2024-05-01",
        "decide",
        SMILEE,
        "cli/tests/fixtures/smilee-ga-transfer.json",
    ])
    .code(2)
    .json();
    assert_eq!(d["outcome"], "deny");
}
