//! `test`.

use super::*;

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
