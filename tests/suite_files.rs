//! The policy test-file runner (`gdpr_policy::suite`): malformed test files with the exact
//! problems expected, and failing cases with the exact report expected.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::PathBuf;

use gdpr_policy::suite::{self, SuiteError};

/// A test file's text, written as if it lived in `tests/policies/` (its policy path is relative
/// to that directory).
fn run(body: &str) -> Result<suite::Report, SuiteError> {
    let text = format!("policy = \"../../policies/smilee.toml\"\n{body}");
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/policies/case.test.toml");
    suite::run_str(&text, &path)
}

/// The problem lines of a test file that must not run, without the file prefix.
fn problems(body: &str) -> Vec<String> {
    match run(body) {
        Err(SuiteError::Invalid { source, .. }) => {
            source.problems.iter().map(ToString::to_string).collect()
        }
        Err(other) => panic!("expected problems, got {other}"),
        Ok(r) => panic!("expected problems, ran: {r}"),
    }
}

const SUBSCRIBER: &str = r#"subject = { kind = "newsletter_subscriber", consents = [{ purpose = "marketing.direct.newsletter", given = 2023-09-01T08:00:00Z }] }"#;
const NEWSLETTER: &str = r#"decide = { target = { activity = "newsletter" }, categories = ["contact.email"], operation = "use" }"#;

/// Each malformed file, line 2 onwards (line 1 names the policy), and the problems expected.
#[test]
fn malformed_test_files_report_every_problem_with_its_place() {
    let cases: &[(&str, String, &[&str])] = &[
        (
            "no cases",
            String::new(),
            &["(document): no cases; add at least one `[[case]]`"],
        ),
        (
            "unknown key",
            "[[case]]\nname = \"x\"\nnmae = \"y\"\n".to_owned(),
            &["4:1: case[0].nmae: unknown field `nmae`, expected one of `name`, `at`, `subject`, `decide`, `erase`, `retention`, `deadline`, `rights`, `audit`, `expect`"],
        ),
        (
            "a date is not an instant",
            format!("[[case]]\nname = \"x\"\nat = 2024-05-01\n{SUBSCRIBER}\n{NEWSLETTER}\nexpect = {{ outcome = \"permit\" }}\n"),
            &["4:6: case[0].at: expected an RFC 3339 instant such as `2024-05-01T12:00:00Z`, found `2024-05-01`"],
        ),
        (
            "misspelt outcome",
            format!("[[case]]\nname = \"x\"\nat = 2024-05-01T12:00:00Z\n{SUBSCRIBER}\n{NEWSLETTER}\nexpect = {{ outcome = \"permitted\" }}\n"),
            &["7:22: case[0].expect.outcome: unknown value `permitted`; did you mean `permit`; expected one of `permit`, `deny`"],
        ),
        (
            "no question",
            "[[case]]\nname = \"x\"\nat = 2024-05-01T12:00:00Z\nexpect = {}\n".to_owned(),
            &["2:1: case[0]: the case asks no question; give one of `decide`, `erase`, `retention`, `deadline`, `rights`, `audit`"],
        ),
        (
            "two questions",
            format!("[[case]]\nname = \"x\"\nat = 2024-05-01T12:00:00Z\n{SUBSCRIBER}\n{NEWSLETTER}\nrights = {{}}\nexpect = {{ outcome = \"permit\" }}\n"),
            &["2:1: case[0]: the case asks 2 questions (`decide`, `rights`); give exactly one"],
        ),
        (
            "no instant, no subject, no outcome",
            format!("[[case]]\nname = \"x\"\n{NEWSLETTER}\nexpect = {{ basis = \"consent\" }}\n"),
            &[
                "2:1: case[0]: a `decide` case needs `at`, the instant the question is asked at",
                "2:1: case[0]: a `decide` case needs a `subject` (at least its `kind`)",
                "5:10: case[0].expect: a `decide` case expects `outcome`",
            ],
        ),
        (
            "inputs a question does not use",
            "[[case]]\nname = \"x\"\nat = 2024-05-01T12:00:00Z\nsubject = { kind = \"customer\" }\ndeadline = { received = 2024-05-01T12:00:00Z }\nexpect = { respond_by = 2024-06-03, outcome = \"permit\" }\n".to_owned(),
            &[
                "4:6: case[0].at: `at` is not used by a `deadline` case; the instant is `deadline.received`",
                "5:11: case[0].subject: `subject` is not used by a `deadline` case",
                "7:47: case[0].expect.outcome: `outcome` is not an expectation of a `deadline` case; it takes `respond_by`, `extended`, `refuse_by`",
            ],
        ),
        (
            "unknown ids, with the closest",
            "[[case]]\nname = \"x\"\nat = 2024-05-01T12:00:00Z\nsubject = { kind = \"newsletter_subscribr\" }\ndecide = { target = { activity = \"newsleter\" }, categories = [\"contact.emial\"], operation = \"use\" }\nexpect = { outcome = \"permit\", rules = [\"consnt\"] }\n".to_owned(),
            &[
                "5:20: case[0].subject.kind: unknown kind of subject `newsletter_subscribr`; did you mean `newsletter_subscriber`?",
                "6:34: case[0].decide.target.activity: unknown activity `newsleter`; did you mean `newsletter`?",
                "6:63: case[0].decide.categories[0]: unknown category `contact.emial`; did you mean `contact.email`?",
                "7:41: case[0].expect.rules[0]: unknown rule `consnt`; did you mean `consent`?",
            ],
        ),
        (
            "records and their expectations must match one to one",
            "[[case]]\nname = \"x\"\nat = 2024-05-01T12:00:00Z\nsubject = { kind = \"customer\" }\nerase.records = [\n  { id = \"a\", category = \"contact.email\", activity = \"newsletter\", collected_at = 2023-01-01T00:00:00Z },\n  { id = \"b\", category = \"contact.email\", activity = \"newsletter\", collected_at = 2023-01-01T00:00:00Z },\n]\nexpect.records = [\n  { id = \"a\", action = \"erase\", status = \"on\" },\n  { id = \"c\", action = \"keep\" },\n]\n".to_owned(),
            &[
                "11:42: case[0].expect.records[0].status: `status` is not an expectation of an `erase` case",
                "12:10: case[0].expect.records[1].id: no record `c` in the question; did you mean `a`?",
                "10:18: case[0].expect.records: record `b` has no expectation; give one per record",
            ],
        ),
        (
            "unknown audit code and duplicate names",
            "[[case]]\nname = \"x\"\nat = 2024-05-01T12:00:00Z\naudit = {}\nexpect = { findings = [\"retention-vauge\"] }\n[[case]]\nname = \"x\"\nat = 2024-05-01T12:00:00Z\naudit = {}\nexpect = { findings = [] }\n".to_owned(),
            &[
                "6:24: case[0].expect.findings[0]: unknown audit check `retention-vauge`; did you mean `retention-vague`?",
                "8:8: case[1].name: another case is already named `x`",
            ],
        ),
    ];
    let mut failures = Vec::new();
    for (name, body, expected) in cases {
        let got = problems(body);
        if got != *expected {
            failures.push(format!("{name}:\n  expected {expected:#?}\n  got {got:#?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn a_missing_policy_is_its_own_error() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/policies/case.test.toml");
    let err = suite::run_str(
        "policy = \"nowhere.toml\"\n[[case]]\nname = \"x\"\naudit = {}\nexpect = {}\n",
        &path,
    )
    .unwrap_err();
    assert!(matches!(err, SuiteError::Policy { .. }), "{err}");
    assert!(
        err.to_string()
            .contains("nowhere.toml`, which does not load: cannot read"),
        "{err}"
    );
}

#[test]
fn a_directory_without_test_files_is_an_error() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/malformed");
    let err = suite::run(&[&dir]).unwrap_err();
    assert!(matches!(err, SuiteError::NoTests(_)), "{err}");
    assert!(
        err.to_string()
            .starts_with("no test files (`*.test.toml`) in `"),
        "{err}"
    );
}

/// A failing case prints what differed, expected against actual, then the engine's answer, and
/// the report ends with the count.
#[test]
fn a_failing_case_reads_as_expected_against_actual() {
    let body = format!(
        "[[case]]\nname = \"passes\"\nat = 2024-05-01T12:00:00Z\n{SUBSCRIBER}\n{NEWSLETTER}\nexpect = {{ outcome = \"permit\", basis = \"consent\" }}\n\
         [[case]]\nname = \"fails\"\nat = 2024-05-01T12:00:00Z\n{SUBSCRIBER}\n{NEWSLETTER}\nexpect = {{ outcome = \"deny\", citations = [\"Art. 7(3)\", \"Art. 6(1)(a)\"] }}\n"
    );
    let report = run(&body).unwrap();
    assert_eq!((report.passed(), report.failed()), (1, 1));
    let text = report.to_string();
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/policies/case.test.toml");
    let head = format!(
        "FAIL {}:8: fails\n  outcome\n    expected: deny\n    actual:   permit\n  citation `Art. 7(3)`\n    expected: to appear\n    actual:   ",
        path.display()
    );
    assert!(text.starts_with(&head), "{text}");
    assert!(
        text.contains("\n  answer:\n    permit on consent (GDPR Art. 6(1)(a))\n"),
        "{text}"
    );
    assert!(!text.contains("citation `Art. 6(1)(a)`"), "{text}");
    assert!(text.ends_with("\n1 passed, 1 failed"), "{text}");
    // The JSON form carries the same.
    let json = serde_json::to_value(&report).unwrap();
    assert_eq!(json["cases"][1]["mismatches"][0]["what"], "outcome");
    assert_eq!(json["cases"][1]["mismatches"][0]["expected"], "deny");
    assert_eq!(json["cases"][1]["mismatches"][0]["actual"], "permit");
}
