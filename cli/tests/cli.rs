//! Integration tests of the `gdpr-policy` command: each test runs the built binary from the
//! workspace root on a bundled seed policy (`policies/*.toml`) or a fixture under
//! `cli/tests/fixtures/`, and checks the exit code, the parsed JSON answer or the key lines of
//! the text, and that nothing panicked.
//!
//! Every question is asked with `--at`, so that no answer depends on today's date. The expected
//! answers are those verified by the library's own tests (`tests/decide/smilee.rs`,
//! `tests/erasure.rs`, `tests/retention.rs`, `tests/deadlines.rs`, `tests/audit_seeds.rs`).
//!
//! Exit codes: 0 success / permit / no error findings, 1 usage or input error, 2 denied,
//! 3 audit errors, 4 test failures.
// `clippy.toml` allows these in `#[test]` functions; the helpers below are test code too.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::io::Write;
use std::process::{Command, Stdio};

use serde_json::Value;

/// The workspace root: policies and fixtures are named relative to it.
const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/..");

/// What one run of the command gave.
#[derive(Debug)]
struct Out {
    code: i32,
    stdout: String,
    stderr: String,
}

impl Out {
    /// Asserts the exit code, showing both streams when it differs.
    #[track_caller]
    fn code(&self, want: i32) -> &Self {
        assert_eq!(
            self.code, want,
            "exit code\n--- stdout:\n{}\n--- stderr:\n{}",
            self.stdout, self.stderr
        );
        self
    }

    /// Standard output as JSON.
    #[track_caller]
    fn json(&self) -> Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| {
            panic!(
                "stdout is not JSON: {e}\n--- stdout:\n{}\n--- stderr:\n{}",
                self.stdout, self.stderr
            )
        })
    }

    /// The lines of standard output.
    fn lines(&self) -> Vec<&str> {
        self.stdout.lines().collect()
    }

    /// Asserts a usage or input error: exit 1, nothing on stdout, `error: ` on stderr with every
    /// one of `parts`.
    #[track_caller]
    fn error(&self, parts: &[&str]) -> &Self {
        self.code(1);
        assert!(
            self.stdout.is_empty(),
            "stdout on error: {}\n--- stderr:\n{}",
            self.stdout,
            self.stderr
        );
        assert!(
            self.stderr.starts_with("error: "),
            "stderr does not start with `error: `:\n{}",
            self.stderr
        );
        for p in parts {
            assert!(
                self.stderr.contains(p),
                "stderr lacks `{p}`:\n{}",
                self.stderr
            );
        }
        self
    }
}

/// Runs the command with `args` and standard input `stdin` (`None`: no input at all).
#[track_caller]
fn run_with(args: &[&str], stdin: Option<&[u8]>) -> Out {
    let mut child = Command::new(env!("CARGO_BIN_EXE_gdpr-policy"))
        .args(args)
        .current_dir(ROOT)
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    if let Some(input) = stdin {
        let mut pipe = child.stdin.take().expect("stdin is piped");
        // The command may fail (and exit) before it reads its input: a broken pipe is fine.
        let _ = pipe.write_all(input);
    }
    let out = child.wait_with_output().expect("the binary runs");
    let out = Out {
        code: out.status.code().expect("the binary exits, not killed"),
        stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
    };
    assert!(
        !out.stderr.contains("panicked"),
        "the command panicked: {args:?}\n{}",
        out.stderr
    );
    assert!(
        !out.stderr.contains("RUST_BACKTRACE"),
        "the command panicked: {args:?}\n{}",
        out.stderr
    );
    out
}

/// Runs the command without standard input.
#[track_caller]
fn run(args: &[&str]) -> Out {
    run_with(args, None)
}

/// Runs the command with `input` on standard input.
#[track_caller]
fn run_stdin(args: &[&str], input: &str) -> Out {
    run_with(args, Some(input.as_bytes()))
}

/// The findings of a `check --format json` answer with this code.
fn findings<'v>(audit: &'v Value, code: &str) -> Vec<&'v Value> {
    audit["findings"]
        .as_array()
        .expect("findings is an array")
        .iter()
        .filter(|f| f["code"] == code)
        .collect()
}

/// The count of `severity` among the findings.
fn count(audit: &Value, severity: &str) -> usize {
    audit["findings"]
        .as_array()
        .expect("findings is an array")
        .iter()
        .filter(|f| f["severity"] == severity)
        .count()
}

/// The reasons of a decision with this rule code.
fn reasons<'v>(decision: &'v Value, rule: &str) -> Vec<&'v Value> {
    decision["reasons"]
        .as_array()
        .expect("reasons is an array")
        .iter()
        .filter(|r| r["rule"] == rule)
        .collect()
}

/// The step of an erasure plan or row of a schedule for this record.
#[track_caller]
fn entry<'v>(doc: &'v Value, list: &str, key: &str, id: &str) -> &'v Value {
    doc[list]
        .as_array()
        .unwrap_or_else(|| panic!("`{list}` is not an array: {doc:#}"))
        .iter()
        .find(|s| s[key] == id)
        .unwrap_or_else(|| panic!("no `{id}` in `{list}`: {doc:#}"))
}

/// One right of one activity in a rights report.
#[track_caller]
fn right<'v>(report: &'v Value, activity: &str, right: &str) -> &'v Value {
    let a = report["activities"]
        .as_array()
        .expect("activities is an array")
        .iter()
        .find(|a| a["activity"] == activity)
        .unwrap_or_else(|| panic!("no activity `{activity}`: {report:#}"));
    a["rights"]
        .as_array()
        .expect("rights is an array")
        .iter()
        .find(|r| r["right"] == right)
        .unwrap_or_else(|| panic!("no right `{right}` for `{activity}`: {a:#}"))
}

/// Whether `line` is a summary `N error(s), N warning(s), N note(s)`.
fn is_summary(line: &str) -> bool {
    let words: Vec<&str> = line.split(' ').collect();
    words.len() == 6
        && words[0].parse::<usize>().is_ok()
        && words[2].parse::<usize>().is_ok()
        && words[4].parse::<usize>().is_ok()
        && ["error,", "errors,"].contains(&words[1])
        && ["warning,", "warnings,"].contains(&words[3])
        && ["note", "notes"].contains(&words[5])
}

const SMILEE: &str = "policies/smilee.toml";
const STUDIO_M: &str = "policies/studio-m.toml";
const CLEAN: &str = "cli/tests/fixtures/clean.toml";
const SUITE_PASS: &str = "cli/tests/fixtures/suite/pass";
const SUITE_FAIL: &str = "cli/tests/fixtures/suite/fail/smilee-fail.test.toml";
const SUITE_INVALID: &str = "cli/tests/fixtures/suite/invalid/unknown-activity.test.toml";

/// The six US recipients of Smilee that rely on Privacy Shield, in policy order.
const SMILEE_PRIVACY_SHIELD: [&str; 6] = [
    "service_providers",
    "partners",
    "google_analytics",
    "mailchimp",
    "linkedin",
    "facebook",
];

// =============================================================================================
// check
// =============================================================================================

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

// =============================================================================================
// decide
// =============================================================================================

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
            &"  ok [consent] consent given at 2023-09-01 08:00:00 UTC holds (GDPR Art. 6(1)(a); activity[5].bases)"
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
    let consent = reasons(&d, "consent");
    assert_eq!(consent.len(), 1, "{d:#}");
    assert_eq!(consent[0]["satisfied"], true);
    assert_eq!(consent[0]["path"], "activity[5].bases");
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

const NEWSLETTER_TOML: &str = r#"
[subject]
kind = "newsletter_subscriber"
consents = [{ purpose = "marketing.direct.newsletter", given = 2023-09-01T08:00:00Z, withdrawn = 2024-03-14T12:00:00Z }]

[request]
target = { activity = "newsletter" }
categories = ["contact.email", "identity.name"]
operation = "use"
"#;

const NEWSLETTER_JSON: &str = r#"{
  "subject": {"kind": "newsletter_subscriber", "consents": [{"purpose": "marketing.direct.newsletter", "given": "2023-09-01T08:00:00Z", "withdrawn": "2024-03-14T12:00:00Z"}]},
  "request": {"target": {"activity": "newsletter"}, "categories": ["contact.email", "identity.name"], "operation": "use"}
}"#;

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

// =============================================================================================
// erase
// =============================================================================================

/// Studio M (tests/erasure.rs): contract ended 2024-12-31, consent withdrawn 2024-05-01. The
/// newsletter address goes on Art. 17(1)(b), the contract's e-mail on 17(1)(a); the 2023 invoice
/// is kept under BFL 7 kap. 2 § through 2030-12-31 and its subcontractors are told.
#[test]
fn erase_studio_m_text() {
    let out = run(&[
        "erase",
        STUDIO_M,
        "cli/tests/fixtures/studio-m-erase.toml",
        "--at",
        "2025-01-15T08:00:00Z",
    ]);
    out.code(0);
    assert_eq!(
        out.lines(),
        [
            "erasure plan at 2025-01-15T08:00:00+00:00",
            "  nl-email: erase: consent withdrawn (GDPR Art. 17(1)(b))",
            "  invoice: retain until 2030-12-31 under BFL 7 kap. 2 § (`se.bfl`) (GDPR Art. 17(3)(b)), \
             restricted meanwhile; erasure ground GDPR Art. 17(1)(a) then applies; notify \
             subcontractors (GDPR Art. 19)",
            "  email: erase: no longer necessary (GDPR Art. 17(1)(a))",
        ]
    );
}

#[test]
fn erase_studio_m_json() {
    let plan = run(&[
        "erase",
        STUDIO_M,
        "cli/tests/fixtures/studio-m-erase.toml",
        "--at",
        "2025-01-15T08:00:00Z",
        "--format",
        "json",
    ])
    .code(0)
    .json();
    assert_eq!(plan["at"], "2025-01-15T08:00:00Z");
    let ids: Vec<&str> = plan["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["record"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["nl-email", "invoice", "email"]);

    let nl = &entry(&plan, "steps", "record", "nl-email")["action"];
    assert_eq!(nl["action"], "erase");
    assert_eq!(nl["ground"], "consent_withdrawn");
    assert_eq!(nl["citation"], "GDPR Art. 17(1)(b)");

    let invoice = &entry(&plan, "steps", "record", "invoice")["action"];
    assert_eq!(invoice["action"], "retain");
    assert_eq!(invoice["ground"], "no_longer_necessary");
    assert_eq!(invoice["last_day"], "2030-12-31");
    // The end of 2030-12-31 in Stockholm (UTC+1).
    assert_eq!(invoice["until"], "2030-12-31T23:00:00Z");
    assert_eq!(invoice["exception"], "GDPR Art. 17(3)(b)");
    assert_eq!(invoice["authority"], "BFL 7 kap. 2 § (`se.bfl`)");
    assert_eq!(invoice["notify"], serde_json::json!(["subcontractors"]));

    let email = &entry(&plan, "steps", "record", "email")["action"];
    assert_eq!(email["action"], "erase");
    assert_eq!(email["ground"], "no_longer_necessary");
}

/// Smilee (tests/erasure.rs, KPL): the invoice of the fiscal year ending 2024-03-31 is kept as
/// books for 10 years (through 2034-03-31), the contract as a voucher through 2030-12-31; the
/// newsletter address is erased and Mailchimp told. JSON from a file.
#[test]
fn erase_smilee_json_file_under_finnish_bookkeeping_law() {
    let args = [
        "erase",
        SMILEE,
        "cli/tests/fixtures/smilee-erase.json",
        "--at",
        "2024-09-01T09:00:00Z",
    ];
    let out = run(&args);
    out.code(0);
    assert!(
        out.stdout.contains(
            "  invoice: retain until 2034-03-31 under KPL 2 luku 10 § (`fi.kpl.books`) (GDPR Art. 17(3)(b))"
        ),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains(
            "  nl: erase: consent withdrawn (GDPR Art. 17(1)(b)); notify mailchimp (GDPR Art. 19)"
        ),
        "{}",
        out.stdout
    );

    let plan = run(&[&args[..], &["--format", "json"]].concat())
        .code(0)
        .json();
    let invoice = &entry(&plan, "steps", "record", "invoice")["action"];
    assert_eq!(invoice["action"], "retain");
    assert_eq!(invoice["last_day"], "2034-03-31");
    // 2034-04-01 00:00 in Helsinki is summer time (UTC+3).
    assert_eq!(invoice["until"], "2034-03-31T21:00:00Z");
    assert_eq!(invoice["authority"], "KPL 2 luku 10 § (`fi.kpl.books`)");
    assert_eq!(invoice["notify"], serde_json::json!(["service_providers"]));
    let contract = &entry(&plan, "steps", "record", "contract")["action"];
    assert_eq!(contract["action"], "retain");
    assert_eq!(contract["last_day"], "2030-12-31");
    assert_eq!(contract["authority"], "KPL 2 luku 10 § (`fi.kpl.vouchers`)");
    let nl = &entry(&plan, "steps", "record", "nl")["action"];
    assert_eq!(nl["action"], "erase");
    assert_eq!(nl["ground"], "consent_withdrawn");
    assert_eq!(nl["notify"], serde_json::json!(["mailchimp"]));
}

/// `grounds` in the input: bookkeeping data has no Art. 17(1) ground of its own (kept), but asked
/// to erase it as no longer necessary it is retained under KPL. TOML on standard input.
#[test]
fn erase_with_and_without_grounds_from_stdin() {
    let records = r#"
subject = { kind = "customer", relationship = { start = 2020-01-01T00:00:00Z, end = 2024-06-30T12:00:00Z } }
records = [
  { id = "books", category = "financial.invoice", activity = "bookkeeping", collected_at = 2023-11-20T09:00:00Z, fiscal_year_end = 2024-03-31 },
]
"#;
    let args = [
        "erase",
        SMILEE,
        "--at",
        "2024-09-01T09:00:00Z",
        "--format",
        "json",
    ];
    let plan = run_stdin(&args, records).code(0).json();
    let books = &entry(&plan, "steps", "record", "books")["action"];
    assert_eq!(books["action"], "keep", "{plan:#}");
    assert_eq!(books["citation"], "GDPR Art. 17(1)");

    let with_ground = format!("grounds = [\"no_longer_necessary\"]\n{records}");
    let plan = run_stdin(&args, &with_ground).code(0).json();
    let books = &entry(&plan, "steps", "record", "books")["action"];
    assert_eq!(books["action"], "retain", "{plan:#}");
    assert_eq!(books["last_day"], "2034-03-31");
}

// =============================================================================================
// retention
// =============================================================================================

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

/// No subject: an invoice of the 2023 fiscal year on Studio M's contract activity is kept while
/// the purpose lasts and at least until 2030-12-31 under BFL. JSON on standard input.
#[test]
fn retention_without_subject_from_stdin_json() {
    let input = r#"{"records": [{"id": "invoice", "category": "financial.invoice", "activity": "contract", "collected_at": "2023-05-01T10:00:00Z", "fiscal_year_end": "2023-12-31"}]}"#;
    let out = run_stdin(&["retention", STUDIO_M, "--at", "2025-01-15"], input);
    out.code(0);
    assert_eq!(
        out.lines(),
        [
            "retention at 2025-01-14T23:00:00+00:00",
            "  invoice: kept while the purpose lasts, and at least until 2030-12-31, set by BFL 7 kap. 2 § (`se.bfl`)",
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
    let invoice = entry(&doc, "records", "record", "invoice");
    assert_eq!(invoice["status"], "while_purpose_lasts");
    assert_eq!(invoice["at_least"]["last_day"], "2030-12-31");
    assert_eq!(invoice["at_least"]["set_by"]["duty"], "se.bfl");
    assert_eq!(invoice["citation"], "BFL 7 kap. 2 §");
    assert_eq!(invoice["overdue"], false);
}

// =============================================================================================
// deadline
// =============================================================================================

/// Studio M (Sweden): received Tuesday 6 May 2025 -> Friday 6 June, Sweden's National Day ->
/// Monday 9 June. Extension: three months from receipt, 6 August.
#[test]
fn deadline_studio_m_rolls_over_national_day() {
    let out = run(&[
        "deadline",
        STUDIO_M,
        "2025-05-06T09:00:00Z",
        "--at",
        "2025-05-06T09:00:00Z",
    ]);
    out.code(0);
    let lines = out.lines();
    assert_eq!(lines[0], "received on 2025-05-06 (not counted)");
    assert_eq!(
        lines[1],
        "  respond by: 2025-06-09 (ends 2025-06-09T22:00:00+00:00), moved from 2025-06-06 past a \
         weekend or holiday (GDPR Art. 12(3))"
    );
    assert!(
        lines[2].starts_with("  extended:   2025-08-06 "),
        "{}",
        out.stdout
    );
    assert!(
        lines[3].starts_with("  refuse by:  2025-06-09 "),
        "{}",
        out.stdout
    );
    assert!(
        lines.contains(&"  calendar: SE (Official Journal list)"),
        "{}",
        out.stdout
    );
}

#[test]
fn deadline_studio_m_json() {
    let due = run(&[
        "deadline",
        STUDIO_M,
        "2025-05-06T09:00:00Z",
        "--at",
        "2025-05-06T09:00:00Z",
        "--format",
        "json",
    ])
    .code(0)
    .json();
    assert_eq!(due["received_on"], "2025-05-06");
    assert_eq!(due["paused_days"], 0);
    assert_eq!(due["respond_by"]["last_day"], "2025-06-09");
    assert_eq!(due["respond_by"]["unrolled"], "2025-06-06");
    assert_eq!(due["respond_by"]["ends_at"], "2025-06-09T22:00:00Z");
    assert_eq!(due["extended"]["last_day"], "2025-08-06");
    assert_eq!(due["refuse_by"]["last_day"], "2025-06-09");
    assert_eq!(due["calendar"], "SE (Official Journal list)");
    let citations = due["citations"].as_array().unwrap();
    for c in ["GDPR Art. 12(3)", "GDPR Art. 12(4)"] {
        assert!(
            citations.contains(&Value::from(c)),
            "no `{c}` in {citations:?}"
        );
    }
}

/// Without `received`, `--at` is the receipt: as an instant and as a date (start of the day in
/// Stockholm).
#[test]
fn deadline_received_from_at() {
    for at in ["2025-05-06T09:00:00Z", "2025-05-06"] {
        let due = run(&["deadline", STUDIO_M, "--at", at, "--format", "json"])
            .code(0)
            .json();
        assert_eq!(due["received_on"], "2025-05-06", "--at {at}");
        assert_eq!(due["respond_by"]["last_day"], "2025-06-09", "--at {at}");
    }
    let out = run(&["deadline", STUDIO_M, "--at", "2025-05-06"]);
    out.code(0);
    assert_eq!(out.lines()[0], "received on 2025-05-06 (not counted)");
    // `received` wins over `--at`.
    let due = run(&[
        "deadline",
        STUDIO_M,
        "2025-05-06",
        "--at",
        "2030-01-01",
        "--format",
        "json",
    ])
    .code(0)
    .json();
    assert_eq!(due["received_on"], "2025-05-06");
}

/// 6 June is no Finnish holiday: Smilee's deadline for the same receipt stays on Friday 6 June.
#[test]
fn deadline_smilee_has_no_swedish_national_day() {
    let due = run(&[
        "deadline",
        SMILEE,
        "2025-05-06T09:00:00Z",
        "--at",
        "2025-05-06",
        "--format",
        "json",
    ])
    .code(0)
    .json();
    assert_eq!(due["respond_by"]["last_day"], "2025-06-06");
    // The end of 6 June in Helsinki (UTC+3).
    assert_eq!(due["respond_by"]["ends_at"], "2025-06-06T21:00:00Z");
    assert_eq!(due["calendar"], "FI");
}

/// tests/deadlines.rs: received 2025-11-30 with a one-day pause, the unrolled deadline is
/// 31 December; only with the Swedish national eves (nyårsafton) does it roll to 2 January.
#[test]
fn deadline_pause_and_national_eves() {
    let base = [
        "deadline",
        STUDIO_M,
        "2025-11-30",
        "--pause",
        "2025-12-01T08:00:00Z/2025-12-02T08:00:00Z",
        "--at",
        "2025-11-30",
        "--format",
        "json",
    ];
    let plain = run(&base).code(0).json();
    assert_eq!(plain["paused_days"], 1);
    assert_eq!(plain["respond_by"]["unrolled"], "2025-12-31");
    assert_eq!(plain["respond_by"]["last_day"], "2025-12-31");

    let eves = run(&[&base[..], &["--national-eves"]].concat())
        .code(0)
        .json();
    assert_eq!(eves["paused_days"], 1);
    assert_eq!(eves["respond_by"]["unrolled"], "2025-12-31");
    assert_eq!(eves["respond_by"]["last_day"], "2026-01-02");
    assert_eq!(
        eves["calendar"],
        "SE (with midsommarafton, julafton, nyårsafton)"
    );

    let text = run(&base[..base.len() - 2]);
    text.code(0);
    assert!(
        text.stdout.contains("  respond by: 2025-12-31 "),
        "{}",
        text.stdout
    );
}

/// Two `--pause` options add up (tests/deadlines.rs: 2 + 3 days -> 10 April).
#[test]
fn deadline_repeated_pauses() {
    let due = run(&[
        "deadline",
        STUDIO_M,
        "2025-03-05",
        "--pause",
        "2025-03-10T08:00:00Z/2025-03-12T08:00:00Z",
        "--pause",
        "2025-03-20T08:00:00Z/2025-03-23T08:00:00Z",
        "--at",
        "2025-03-05",
        "--format",
        "json",
    ])
    .code(0)
    .json();
    assert_eq!(due["paused_days"], 5);
    assert_eq!(due["respond_by"]["last_day"], "2025-04-10");
    assert_eq!(due["extended"]["last_day"], "2025-06-10");
}

#[test]
fn deadline_bad_pause_and_received() {
    run(&[
        "deadline",
        STUDIO_M,
        "2025-03-05",
        "--pause",
        "2025-03-10",
        "--at",
        "2025-03-05",
    ])
    .error(&["--pause `2025-03-10` is not `FROM/UNTIL`"]);
    run(&[
        "deadline",
        STUDIO_M,
        "2025-03-05",
        "--pause",
        "2025-03-14/2025-03-10",
        "--at",
        "2025-03-05",
    ])
    .error(&["--pause `2025-03-14/2025-03-10` ends before it starts"]);
    run(&[
        "deadline",
        STUDIO_M,
        "2025-03-05",
        "--pause",
        "soon/2025-03-10",
        "--at",
        "2025-03-05",
    ])
    .error(&["--pause start `soon` is not an instant"]);
    run(&["deadline", STUDIO_M, "next tuesday", "--at", "2025-03-05"])
        .error(&["received `next tuesday` is not an instant"]);
}

// =============================================================================================
// access
// =============================================================================================

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

// =============================================================================================
// rights
// =============================================================================================

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

// =============================================================================================
// schema
// =============================================================================================

#[test]
fn schema_is_json_schema() {
    for args in [
        &["schema", "--at", "2024-01-01"][..],
        &["schema", "--at", "2024-01-01", "--format", "json"][..],
    ] {
        let schema = run(args).code(0).json();
        assert_eq!(
            schema["$schema"],
            "https://json-schema.org/draft/2020-12/schema"
        );
        let properties = schema["properties"].as_object().expect("properties");
        for key in ["controller", "activity", "rights"] {
            assert!(properties.contains_key(key), "no `{key}` in {properties:?}");
        }
    }
}

// =============================================================================================
// test
// =============================================================================================

#[test]
fn test_passing_file_and_directory() {
    for path in [SUITE_PASS, "cli/tests/fixtures/suite/pass/smilee.test.toml"] {
        let out = run(&["test", path, "--at", "2024-01-01"]);
        out.code(0);
        assert_eq!(out.stdout, "3 passed, 0 failed\n");
    }
    let run_doc = run(&["test", SUITE_PASS, "--at", "2024-01-01", "--format", "json"])
        .code(0)
        .json();
    let reports = run_doc["reports"].as_array().unwrap();
    assert_eq!(reports.len(), 1);
    assert_eq!(
        reports[0]["file"],
        "cli/tests/fixtures/suite/pass/smilee.test.toml"
    );
    let cases = reports[0]["cases"].as_array().unwrap();
    assert_eq!(cases.len(), 3);
    for c in cases {
        assert_eq!(c["mismatches"], serde_json::json!([]), "{c:#}");
        assert!(!c["answer"].as_str().unwrap().is_empty());
    }
}

/// The seed policies' own test files (`tests/policies/`) all pass through the command.
#[test]
fn test_seed_test_files_pass() {
    let out = run(&["test", "tests/policies", "--at", "2024-01-01"]);
    out.code(0);
    let last = *out.lines().last().unwrap();
    let passed: usize = last
        .strip_suffix(" passed, 0 failed")
        .unwrap_or_else(|| panic!("last line: {last}"))
        .parse()
        .unwrap();
    assert!(passed > 0);
    assert!(!out.stdout.contains("FAIL "), "{}", out.stdout);
    let doc = run(&[
        "test",
        "tests/policies",
        "--at",
        "2024-01-01",
        "--format",
        "json",
    ])
    .code(0)
    .json();
    let cases: Vec<&Value> = doc["reports"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|r| r["cases"].as_array().unwrap())
        .collect();
    assert_eq!(cases.len(), passed);
    assert!(
        cases
            .iter()
            .all(|c| c["mismatches"] == serde_json::json!([]))
    );
}

/// One passing and two failing cases: exit 4, each failure with its file:line, what differed,
/// `expected:` and `actual:`, and the last line `1 passed, 2 failed`.
#[test]
fn test_failing_file_exits_4() {
    let out = run(&["test", SUITE_FAIL, "--at", "2024-01-01"]);
    out.code(4);
    let lines = out.lines();
    let fail = |line: usize, name: &str| {
        format!("FAIL cli/tests/fixtures/suite/fail/smilee-fail.test.toml:{line}: {name}")
    };
    let first = lines
        .iter()
        .position(|l| {
            *l == fail(
                14,
                "wrongly expects the Google Analytics transfer to be permitted",
            )
        })
        .unwrap_or_else(|| panic!("no first FAIL line:\n{}", out.stdout));
    assert_eq!(lines[first + 1], "  outcome");
    assert_eq!(lines[first + 2], "    expected: permit");
    assert_eq!(lines[first + 3], "    actual:   deny");
    assert_eq!(lines[first + 4], "  answer:");
    assert_eq!(lines[first + 5], "    deny");
    let second = lines
        .iter()
        .position(|l| {
            *l == fail(
                22,
                "wrongly expects the Swedish National Day roll-over in Finland",
            )
        })
        .unwrap_or_else(|| panic!("no second FAIL line:\n{}", out.stdout));
    assert!(second > first);
    assert_eq!(lines[second + 1], "  respond_by");
    assert_eq!(lines[second + 2], "    expected: 2025-06-09");
    assert_eq!(lines[second + 3], "    actual:   2025-06-06");
    assert_eq!(
        lines.iter().filter(|l| l.starts_with("FAIL ")).count(),
        2,
        "{}",
        out.stdout
    );
    assert!(!out.stdout.contains("newsletter sent while consent holds"));
    assert_eq!(*lines.last().unwrap(), "1 passed, 2 failed");
}

#[test]
fn test_failing_file_json() {
    let doc = run(&["test", SUITE_FAIL, "--at", "2024-01-01", "--format", "json"])
        .code(4)
        .json();
    let cases = doc["reports"][0]["cases"].as_array().unwrap();
    assert_eq!(cases.len(), 3);
    let failed: Vec<&Value> = cases
        .iter()
        .filter(|c| !c["mismatches"].as_array().unwrap().is_empty())
        .collect();
    assert_eq!(failed.len(), 2);
    assert_eq!(failed[0]["line"], 14);
    assert_eq!(
        failed[0]["mismatches"],
        serde_json::json!([{ "what": "outcome", "expected": "permit", "actual": "deny" }])
    );
    assert_eq!(failed[1]["line"], 22);
    assert_eq!(failed[1]["mismatches"][0]["what"], "respond_by");
    assert_eq!(failed[1]["mismatches"][0]["expected"], "2025-06-09");
    assert_eq!(failed[1]["mismatches"][0]["actual"], "2025-06-06");
}

/// Several paths: the counts add up over the files; one failure makes the run fail.
#[test]
fn test_several_paths_add_up() {
    let out = run(&["test", SUITE_PASS, SUITE_FAIL, "--at", "2024-01-01"]);
    out.code(4);
    assert_eq!(*out.lines().last().unwrap(), "4 passed, 2 failed");
    let doc = run(&[
        "test",
        SUITE_PASS,
        SUITE_FAIL,
        "--at",
        "2024-01-01",
        "--format",
        "json",
    ])
    .code(4)
    .json();
    assert_eq!(doc["reports"].as_array().unwrap().len(), 2);
}

/// A test file naming an activity the policy does not declare runs no case: exit 1 with
/// `file:line:column`, the path and the closest id.
#[test]
fn test_file_with_unknown_activity_exits_1() {
    for format in ["text", "json"] {
        run(&["test", SUITE_INVALID, "--at", "2024-01-01", "--format", format]).error(&[
            "`cli/tests/fixtures/suite/invalid/unknown-activity.test.toml`: test file has 1 problem",
            "cli/tests/fixtures/suite/invalid/unknown-activity.test.toml:8:34: case[0].decide.target.activity: unknown activity `newsleter`; did you mean `newsletter`?",
        ]);
    }
}

/// A case that asks two questions is a problem of the file, located at the case.
#[test]
fn test_file_with_two_questions_exits_1() {
    run(&[
        "test",
        "cli/tests/fixtures/suite/invalid/two-questions.test.toml",
        "--at",
        "2024-01-01",
    ])
    .error(&[
        "cli/tests/fixtures/suite/invalid/two-questions.test.toml:4:1: case[0]: the case asks 2 \
         questions (`decide`, `rights`); give exactly one",
    ]);
}

/// A test file whose policy does not load names both files.
#[test]
fn test_file_whose_policy_does_not_exist() {
    run(&[
        "test",
        "cli/tests/fixtures/suite/missing-policy",
        "--at",
        "2024-01-01",
    ])
    .error(&[
        "`cli/tests/fixtures/suite/missing-policy/missing.test.toml` tests \
         `cli/tests/fixtures/suite/missing-policy/no-such-policy.toml`, which does not load",
    ]);
}

#[test]
fn test_missing_paths_and_empty_directory() {
    run(&[
        "test",
        "cli/tests/fixtures/no-such-dir",
        "--at",
        "2024-01-01",
    ])
    .error(&["cannot read `cli/tests/fixtures/no-such-dir`"]);
    // A directory without `*.test.toml` files.
    run(&["test", "cli/src", "--at", "2024-01-01"])
        .error(&["no test files (`*.test.toml`) in `cli/src`"]);
    // A policy is not a test file.
    run(&["test", SMILEE, "--at", "2024-01-01"]).error(&[
        "`policies/smilee.toml`: test file has",
        "unknown field `format`",
    ]);
}

// =============================================================================================
// Bad input: exit 1 with a message, never a panic
// =============================================================================================

#[test]
fn missing_policy_file() {
    for args in [
        &["check", "policies/no-such.toml", "--at", "2024-01-01"][..],
        &["deadline", "policies/no-such.toml", "--at", "2024-01-01"][..],
        &[
            "decide",
            "policies/no-such.toml",
            "cli/tests/fixtures/smilee-newsletter.toml",
            "--at",
            "2024-01-01",
        ][..],
    ] {
        run(args).error(&["policy file `policies/no-such.toml` does not exist"]);
    }
}

#[test]
fn missing_input_file() {
    for command in ["decide", "erase", "retention", "access", "rights"] {
        run(&[
            command,
            SMILEE,
            "cli/tests/fixtures/no-such-input.toml",
            "--at",
            "2024-01-01",
        ])
        .error(&["input file `cli/tests/fixtures/no-such-input.toml` does not exist"]);
    }
}

#[test]
fn input_file_is_a_directory() {
    run(&["decide", SMILEE, "cli/tests", "--at", "2024-01-01"]).error(&["cannot read `cli/tests`"]);
}

/// A TOML syntax error in the policy: `file:line:column`, for every command that loads it.
#[test]
fn malformed_policy_toml() {
    let want = [
        "`cli/tests/fixtures/broken-policy.toml`: policy has 1 problem",
        "cli/tests/fixtures/broken-policy.toml:16:10: (document): invalid toml",
    ];
    run(&[
        "check",
        "cli/tests/fixtures/broken-policy.toml",
        "--at",
        "2024-01-01",
    ])
    .error(&want);
    run(&[
        "check",
        "cli/tests/fixtures/broken-policy.toml",
        "--at",
        "2024-01-01",
        "--format",
        "json",
    ])
    .error(&want);
    run_stdin(
        &[
            "decide",
            "cli/tests/fixtures/broken-policy.toml",
            "--at",
            "2024-01-01",
        ],
        NEWSLETTER_TOML,
    )
    .error(&want);
}

/// A JSON syntax error in the policy: `file:line:column` too.
#[test]
fn malformed_policy_json() {
    run(&[
        "check",
        "cli/tests/fixtures/broken-policy.json",
        "--at",
        "2024-01-01",
    ])
    .error(&[
        "`cli/tests/fixtures/broken-policy.json`: policy has 1 problem",
        "cli/tests/fixtures/broken-policy.json:5:3: (document): invalid json",
    ]);
}

/// A policy whose format cannot be told from its name.
#[test]
fn policy_of_unknown_format() {
    run(&["check", "policies", "--at", "2024-01-01"])
        .error(&["cannot tell the format of `policies`"]);
}

/// A TOML syntax error in the input, from a file and from standard input: its line and column.
#[test]
fn malformed_input_toml() {
    run(&[
        "decide",
        SMILEE,
        "cli/tests/fixtures/broken-input.toml",
        "--at",
        "2024-01-01",
    ])
    .error(&[
        "`cli/tests/fixtures/broken-input.toml`: input has 1 problem",
        "cli/tests/fixtures/broken-input.toml:5:9: (document): invalid toml: unclosed table",
    ]);
    run_stdin(
        &["erase", SMILEE, "--at", "2024-01-01"],
        "[subject]\nkind = \"customer\"\n\nrecords = [\n  { id = 1\n",
    )
    .error(&[
        "`<stdin>`: input has 1 problem",
        "<stdin>:5:",
        "invalid toml",
    ]);
}

/// A JSON syntax error in the input: its line and column.
#[test]
fn malformed_input_json() {
    let input = "{\n  \"subject\": {\"kind\": \"customer\"},\n  \"request\": {\"target\": {\"activity\": \"billing\"}, \"categories\": [\"financial.invoice\"], \"operation\": \"use\",}\n}\n";
    run_stdin(&["decide", SMILEE, "--at", "2024-01-01"], input)
        .error(&["<stdin>:3:", "invalid json: trailing comma"]);
}

/// Structure errors: a wrong value, a missing key and an unknown key, each named by its path.
#[test]
fn input_structure_errors() {
    let bad_operation = NEWSLETTER_TOML.replace("operation = \"use\"", "operation = \"eat\"");
    run_stdin(&["decide", SMILEE, "--at", "2024-01-01"], &bad_operation).error(&[
        "<stdin>:9:13: request.operation: unknown value `eat`",
        "`collect`, `use`",
    ]);
    run_stdin(
        &["decide", SMILEE, "--at", "2024-01-01"],
        "[subject]\nkind = \"customer\"\n",
    )
    .error(&["<stdin>:(document): missing field `request`"]);
    run_stdin(
        &["retention", SMILEE, "--at", "2024-01-01"],
        "records = []\nextra = 1\n",
    )
    .error(&["unknown field `extra`"]);
}

/// An unknown category id in a request: located, with the closest declared id.
#[test]
fn unknown_category_with_suggestion() {
    let want = [
        "`cli/tests/fixtures/unknown-category.toml`: input has 1 problem",
        "cli/tests/fixtures/unknown-category.toml:7:15: request.categories[0]: unknown category `contact.emial`; did you mean `contact.email`?",
    ];
    run(&[
        "decide",
        SMILEE,
        "cli/tests/fixtures/unknown-category.toml",
        "--at",
        "2024-01-01",
    ])
    .error(&want);
    let text = std::fs::read_to_string(format!("{ROOT}/cli/tests/fixtures/unknown-category.toml"))
        .unwrap();
    run_stdin(&["decide", SMILEE, "--at", "2024-01-01"], &text).error(&[
        "<stdin>:7:15: request.categories[0]: unknown category `contact.emial`; did you mean `contact.email`?",
    ]);
    // In JSON the suggestion is given too.
    let json = NEWSLETTER_JSON.replace("\"contact.email\"", "\"contact.emial\"");
    run_stdin(&["decide", SMILEE, "--at", "2024-01-01"], &json).error(&[
        "request.categories[0]: unknown category `contact.emial`; did you mean `contact.email`?",
    ]);
}

/// Unknown ids in records and subjects are reported for the other commands too.
#[test]
fn unknown_ids_in_records() {
    let input = "[[records]]\nid = \"x\"\ncategory = \"financial.invoice\"\nactivity = \"bookkeping\"\ncollected_at = 2023-05-01T10:00:00Z\n";
    run_stdin(&["retention", SMILEE, "--at", "2024-01-01"], input).error(&[
        "<stdin>:4:12: records[0].activity: unknown activity `bookkeping`; did you mean `bookkeeping`?",
    ]);
}

#[test]
fn empty_stdin() {
    for (command, keys) in [
        ("decide", "`subject` and `request`"),
        ("erase", "`subject` and `records`"),
        ("retention", "`records`"),
        ("access", "`subject` and `records`"),
        ("rights", "`subject`"),
    ] {
        // No input at all, and only white space.
        for input in [None, Some(&b" \n\t\n"[..])] {
            run_with(&[command, SMILEE, "--at", "2024-01-01"], input).error(&[&format!(
                "standard input is empty; expected a TOML or JSON document with {keys}"
            )]);
        }
    }
    run_stdin(&["decide", SMILEE, "-", "--at", "2024-01-01"], "")
        .error(&["standard input is empty"]);
}

#[test]
fn empty_input_file() {
    // A file of white space only.
    run(&[
        "decide",
        SMILEE,
        "cli/tests/fixtures/blank.toml",
        "--at",
        "2024-01-01",
    ])
    .error(&[
        "cli/tests/fixtures/blank.toml is empty; expected a TOML or JSON document with `subject` \
         and `request`",
    ]);
}

#[test]
fn non_utf8_stdin() {
    run_with(
        &["decide", SMILEE, "--at", "2024-01-01"],
        Some(&[0xff, 0xfe, 0x00][..]),
    )
    .error(&["standard input is not valid UTF-8"]);
}

/// Standard input over the size limit is refused with the limit.
#[test]
fn oversized_stdin() {
    let big = format!("# {}\n", "x".repeat(5 * 1024 * 1024));
    run_stdin(&["decide", SMILEE, "--at", "2024-01-01"], &big)
        .error(&["more than the limit of 4194304 bytes"]);
}

/// Standard input over the size limit whose cut-off falls inside a multi-byte UTF-8 character
/// is refused for its size, not its encoding.
#[test]
fn oversized_stdin_cut_inside_a_character() {
    // 4 MiB of ASCII, then a two-byte character straddling the limit.
    let big = format!("#{}é\n", "a".repeat(4 * 1024 * 1024 - 1));
    run_stdin(&["decide", SMILEE, "--at", "2024-01-01"], &big)
        .error(&["more than the limit of 4194304 bytes"]);
}

/// A date-only instant on the first or last day chrono can represent gets an answer or an
/// error, never a panic, in every command that reads `--at`, `received` or `--pause`.
#[test]
fn dates_at_the_edge_of_the_calendar_do_not_panic() {
    for at in ["--at=+262142-12-31", "--at=-262143-01-01"] {
        let out = run(&["check", SMILEE, at]);
        assert!([1, 3].contains(&out.code), "{at}: {out:?}");
        let out = run(&["deadline", STUDIO_M, at]);
        assert!([0, 1].contains(&out.code), "{at}: {out:?}");
        let out = run_stdin(&["decide", SMILEE, at], NEWSLETTER_TOML);
        assert!([1, 2].contains(&out.code), "{at}: {out:?}");
    }
    let out = run(&["deadline", STUDIO_M, "+262142-12-31", "--at", "2025-01-01"]);
    assert!([0, 1].contains(&out.code), "{out:?}");
    let out = run(&[
        "deadline",
        STUDIO_M,
        "2025-01-01",
        "--pause",
        "2025-01-01/+262142-12-31",
        "--at",
        "2025-01-01",
    ]);
    assert!([0, 1].contains(&out.code), "{out:?}");
}

/// A reader that goes away (`| head`) does not turn the answer into an error or a panic: the
/// exit code still says what the answer was.
#[test]
fn closed_stdout_keeps_the_exit_code() {
    for (args, want) in [
        (&["check", SMILEE, "--at", "2024-01-01"][..], 3),
        (
            &[
                "decide",
                SMILEE,
                "cli/tests/fixtures/smilee-ga-transfer.json",
                "--at",
                "2024-05-01",
            ][..],
            2,
        ),
        (&["schema", "--at", "2024-01-01"][..], 0),
    ] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_gdpr-policy"))
            .args(args)
            .current_dir(ROOT)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the binary starts");
        // Close the read end before the command writes its answer.
        drop(child.stdout.take());
        let out = child.wait_with_output().expect("the binary runs");
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert_eq!(out.status.code(), Some(want), "{args:?}: {stderr}");
        assert!(stderr.is_empty(), "{args:?}: {stderr}");
    }
}

/// Usage errors are exit 1 (clap's own 2 would mean "denied" here), never a panic.
#[test]
fn unknown_subcommand_and_bad_options() {
    run(&["frobnicate", "--at", "2024-01-01"]).error(&["unrecognized subcommand 'frobnicate'"]);
    run(&["check", SMILEE, "--bogus", "--at", "2024-01-01"])
        .error(&["unexpected argument '--bogus'"]);
    run(&["check", SMILEE, "--at", "2024-01-01", "--format", "yaml"])
        .error(&["invalid value 'yaml' for '--format <FORMAT>'"]);
    run(&["check", "--at", "2024-01-01"]).error(&["<POLICY>"]);
    run(&["test", "--at", "2024-01-01"]).error(&["<PATHS>"]);
    run(&[
        "deadline",
        STUDIO_M,
        "2025-01-01",
        "2025-01-02",
        "--at",
        "2024-01-01",
    ])
    .error(&["unexpected argument '2025-01-02'"]);
    run(&["check", SMILEE, "--at"]).error(&["--at <INSTANT>"]);
    // No subcommand at all: the help, on stderr, as a usage error.
    let out = run(&[]);
    out.code(1);
    assert!(out.stderr.contains("Usage: gdpr-policy"), "{}", out.stderr);
}

#[test]
fn help_and_version_exit_0() {
    let help = run(&["--help"]);
    help.code(0);
    assert!(
        help.stdout.contains("Usage: gdpr-policy"),
        "{}",
        help.stdout
    );
    for command in [
        "check",
        "decide",
        "erase",
        "retention",
        "deadline",
        "access",
        "rights",
        "schema",
        "test",
    ] {
        assert!(
            help.stdout.contains(&format!("  {command} ")),
            "no `{command}`:\n{}",
            help.stdout
        );
    }
    let sub = run(&["deadline", "--help"]);
    sub.code(0);
    assert!(sub.stdout.contains("--national-eves"), "{}", sub.stdout);
    assert!(
        sub.stdout.contains("--pause <FROM/UNTIL>"),
        "{}",
        sub.stdout
    );
    let version = run(&["--version"]);
    version.code(0);
    assert!(
        version.stdout.starts_with("gdpr-policy "),
        "{}",
        version.stdout
    );
}

#[test]
fn bad_at_values() {
    for bad in [
        "yesterday",
        "2024-02-30",
        "2024-13-01",
        "2024-05-01T25:00:00Z",
        "",
        "1714557600",
    ] {
        let want = format!(
            "--at `{bad}` is not an instant; write `2024-05-01T12:00:00Z` (RFC 3339) or a date `2024-05-01`"
        );
        run(&["check", SMILEE, "--at", bad]).error(&[&want]);
        run(&["deadline", STUDIO_M, "--at", bad]).error(&[&want]);
        run_stdin(&["decide", SMILEE, "--at", bad], NEWSLETTER_TOML).error(&[&want]);
    }
}

/// Instants far from today are answered, not panicked on.
#[test]
fn extreme_at_values_do_not_panic() {
    for at in [
        "0001-01-01",
        "1900-01-01T00:00:00Z",
        "9999-12-31",
        "9999-12-31T23:59:59Z",
    ] {
        run(&["check", SMILEE, "--at", at]).code(3);
        let due = run(&["deadline", STUDIO_M, "--at", at, "--format", "json"])
            .code(0)
            .json();
        assert!(due["respond_by"]["last_day"].is_string(), "{due:#}");
        // Before the consent was given, and after it was withdrawn: denied.
        run_stdin(&["decide", SMILEE, "--at", at], NEWSLETTER_TOML).code(2);
    }
}
