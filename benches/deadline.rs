//! Benchmarks of [`Engine::deadlines`]: the one-month, extended and refusal deadlines of one
//! data-subject request (Art. 12(3)-(4) GDPR, Regulation 1182/71).
//!
//! Each case is one receipt instant with its options, answered once per iteration:
//!
//! - `se/plain`: Studio M (Sweden), received 5 March 2024, due Friday 5 April, nothing to roll.
//! - `se/national_day`: received 6 May 2025, due on the National Day and rolled to Monday 9 June.
//! - `se/eves_christmas`: received 22 November 2018 with the Swedish eves, due Saturday
//!   22 December and rolled over the longest run of non-working days there is, to 27 December.
//! - `se/new_year_utc`: received 23:30 UTC on 31 December 2023, already 1 January in Stockholm;
//!   the extension lands on Easter Monday 2024 and rolls to 2 April.
//! - `fi/pauses`: Smilee (Finland), received 5 March 2025 with two identification pauses
//!   (2 + 3 local days), due Thursday 10 April, extended to Tuesday 10 June.
//!
//! Before timing, each case's answer is checked against the expected last days, so that a change
//! that broke the count would fail the bench instead of timing a wrong answer.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::hint::black_box;

use chrono::{DateTime, NaiveDate, Utc};
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use gdpr_policy::engine::Engine;
use gdpr_policy::engine::deadline::{DeadlineOptions, Pause};
use gdpr_policy::law::holidays::Eves;

fn engine(name: &str) -> Engine {
    let path = format!("{}/policies/{name}.toml", env!("CARGO_MANIFEST_DIR"));
    Engine::new(gdpr_policy::format::load_file(&path).unwrap())
}

fn instant(s: &str) -> DateTime<Utc> {
    s.parse().unwrap()
}

fn date(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn bench_deadlines(c: &mut Criterion) {
    let se = engine("studio-m");
    let fi = engine("smilee");
    let plain = DeadlineOptions::default();
    let eves = DeadlineOptions {
        eves: Eves::National,
        pauses: Vec::new(),
    };
    let paused = DeadlineOptions {
        eves: Eves::OfficialJournal,
        pauses: vec![
            Pause {
                from: instant("2025-03-10T08:00:00Z"),
                until: instant("2025-03-12T08:00:00Z"),
            },
            Pause {
                from: instant("2025-03-20T08:00:00Z"),
                until: instant("2025-03-23T08:00:00Z"),
            },
        ],
    };
    // (name, engine, received, options, respond_by, extended)
    let cases = [
        (
            "se/plain",
            &se,
            "2024-03-05T10:00:00Z",
            &plain,
            "2024-04-05",
            "2024-06-05",
        ),
        (
            "se/national_day",
            &se,
            "2025-05-06T10:00:00Z",
            &plain,
            "2025-06-09",
            "2025-08-06",
        ),
        (
            "se/eves_christmas",
            &se,
            "2018-11-22T10:00:00Z",
            &eves,
            "2018-12-27",
            "2019-02-22",
        ),
        (
            "se/new_year_utc",
            &se,
            "2023-12-31T23:30:00Z",
            &plain,
            "2024-02-01",
            "2024-04-02",
        ),
        (
            "fi/pauses",
            &fi,
            "2025-03-05T10:00:00Z",
            &paused,
            "2025-04-10",
            "2025-06-10",
        ),
    ];
    let mut group = c.benchmark_group("deadlines");
    for (name, engine, received, options, respond_by, extended) in cases {
        let received = instant(received);
        let got = engine.deadlines(received, options);
        assert_eq!(got.respond_by.last_day, date(respond_by), "{name}");
        assert_eq!(got.extended.last_day, date(extended), "{name}");
        group.bench_with_input(
            BenchmarkId::from_parameter(name),
            &received,
            |b, &received| {
                b.iter(|| engine.deadlines(black_box(received), black_box(options)));
            },
        );
    }
    group.finish();
}

criterion_group!(benches, bench_deadlines);
criterion_main!(benches);
