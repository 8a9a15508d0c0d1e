//! Bad input: exit 1 with a message, never a panic.

use super::*;

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

/// An unknown purpose asked about within an activity: located, with the closest declared id.
#[test]
fn unknown_request_purpose_with_suggestion() {
    let input = "[subject]\nkind = \"customer\"\n[request]\ntarget = { activity = \"billing\" }\npurpose = \"biling\"\ncategories = [\"financial.invoice\"]\noperation = \"use\"\n";
    run_stdin(&["decide", SMILEE, "--at", "2024-01-01"], input).error(&[
        "<stdin>:5:11: request.purpose: unknown purpose `biling`; did you mean `billing`?",
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
