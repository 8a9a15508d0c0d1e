//! `deadline`.

use super::*;

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
