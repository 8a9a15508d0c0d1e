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

mod access;
mod bad_input;
mod check;
mod deadline;
mod decide;
mod erase;
mod retention;
mod rights;
mod schema;
mod test;
