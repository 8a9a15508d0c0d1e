//! Benchmarks of retention schedules over a million records.
//!
//! For each policy, one million synthetic records are built once, outside timing, from a seeded
//! linear congruential generator (so every run schedules the same records), together with one
//! subject whose contract has ended and whose newsletter consent was withdrawn. Each iteration of
//! `schedule_into/<policy>` then runs [`Engine::schedule_into`] over all of them, reusing one
//! output `Vec`, so the time per iteration is the time per million-record batch.
//!
//! Policies:
//!
//! - `familjefilm` (Sweden, BFL 7 kap. 2 §) and `smilee` (Finland, KPL 2 luku 10 §): seed policies
//!   whose activities all keep data "while the purpose lasts"; the bookkeeping duties are still
//!   worked out for every record they cover.
//! - `inline`: a small Swedish policy written here, whose activities keep data for periods after
//!   collection, the end of the relationship, the end of the fiscal year and a consent withdrawal,
//!   with a declared duty besides BFL, so the rule arithmetic and the rule-versus-duty choice run
//!   on every record.
//!
//! About 40 % of the records are accounting data (categories a bookkeeping duty covers, such as
//! `financial.invoice`), the rest drawn evenly from every (activity, category) pair of the policy;
//! most accounting records and a few others carry their fiscal year end. Before timing, the mix
//! of outcomes is checked (and printed to stderr) so that a change in the engine that made every
//! record, say, pending would fail the bench instead of making it look fast.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeMap;
use std::hint::black_box;
use std::time::Duration;

use chrono::{DateTime, Datelike, NaiveDate, TimeDelta, Utc};
use criterion::{
    BenchmarkId, Criterion, SamplingMode, Throughput, criterion_group, criterion_main,
};
use gdpr_policy::engine::Engine;
use gdpr_policy::engine::schedule::{Due, Entry, Source};
use gdpr_policy::law::Jurisdiction;
use gdpr_policy::law::duty::DutyId;
use gdpr_policy::model::{
    ActivityId, CategoryId, Consent, DutyRef, FiscalYearEnd, LegalClaimHold, Policy, PurposeId,
    RecipientId, Record, Relationship, SubjectKind, SubjectState,
};

/// Records per batch.
const N: usize = 1_000_000;

/// The instant every schedule is asked about.
const AT: &str = "2026-03-01T12:00:00Z";

/// A small policy with period-based retention rules (see docs/policy-format.md).
const INLINE: &str = r#"format = 1
id = "retention-bench"
title = "Retention benchmark policy"
language = "sv"

[controller]
name = "Exempel AB"
country = "SE"
time_zone = "Europe/Stockholm"
fiscal_year_end = "06-30"
contact = { email = "dataskydd@example.se" }

[[duty]]
id = "se.ml.invoices"
citation = "Mervärdesskattelag (2023:200) 17 kap. 31 §"
categories = ["financial.invoice"]
period = "7y"
after = "end_of_calendar_year_of_fiscal_year_end"

[[activity]]
id = "orders"
name = "orders and invoicing"
purposes = ["service.contract", "billing"]
bases = ["contract"]
subjects = ["customer"]
categories = ["identity.name", "contact.email", "contact.address.delivery", "commercial.order", "financial.invoice", "financial.payment"]
retention = { period = "3y", after = "collection" }
duties = ["se.bfl", "se.ml.invoices"]

[[activity]]
id = "support"
name = "customer support"
purposes = ["support"]
bases = ["contract"]
subjects = ["customer"]
categories = ["identity.name", "contact.email", "contact.phone", "communication.correspondence"]
retention = { period = "1y6m", after = "end_of_relationship" }

[[activity]]
id = "accounts"
name = "accounts and contracts"
purposes = ["billing"]
bases = ["contract"]
subjects = ["customer"]
categories = ["commercial.contract", "financial.invoice", "financial.payment", "financial.debt"]
retention = { period = "2y", after = "end_of_fiscal_year" }
duties = ["se.bfl"]

[[activity]]
id = "newsletter"
name = "newsletter"
purposes = ["marketing.direct.newsletter"]
bases = ["consent"]
subjects = ["customer"]
categories = ["identity.name", "contact.email"]
retention = { period = "30d", after = "consent_withdrawal" }
withdrawal = "link in every e-mail"

[rights]
offered = ["access", "erasure", "complaint"]
channels = ["e-mail"]
response_time = "1m"
complaint_authority = "IMY"
"#;

/// Knuth's MMIX linear congruential generator: deterministic, no dependencies.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }

    /// Uniform-enough in `0..n` for `n` far below 2^31.
    fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next()).unwrap() % n
    }

    /// True with probability `percent` %.
    fn percent(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

/// An element of a non-empty slice, chosen by `rng`.
fn pick<'a, T>(rng: &mut Lcg, from: &'a [T]) -> &'a T {
    from.get(rng.below(from.len())).unwrap()
}

fn instant(s: &str) -> DateTime<Utc> {
    s.parse().unwrap()
}

/// The seed policy `name`, or the inline policy for `inline`.
fn load(name: &str) -> Policy {
    if name == "inline" {
        return gdpr_policy::format::from_toml_str(INLINE)
            .unwrap_or_else(|e| panic!("inline: {e}"));
    }
    let path = format!("{}/policies/{name}.toml", env!("CARGO_MANIFEST_DIR"));
    gdpr_policy::format::load_file(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Whether a legal duty to keep, national or named by the activity, covers the category.
fn kept_by_duty(policy: &Policy, duties: &[DutyRef], category: &CategoryId) -> bool {
    let national = Jurisdiction::of(policy.controller().country)
        .map_or(&[][..], DutyId::bookkeeping)
        .iter()
        .copied();
    let builtin = duties.iter().filter_map(|d| match d {
        DutyRef::Builtin(id) => Some(*id),
        DutyRef::Declared(_) => None,
    });
    let declared = duties.iter().filter_map(|d| match d {
        DutyRef::Declared(n) => policy.declared_duty(n),
        DutyRef::Builtin(_) => None,
    });
    national
        .chain(builtin)
        .any(|id| id.covers_category(category.as_str()))
        || declared
            .flat_map(|d| &d.categories)
            .any(|c| category.is_within(c))
}

/// The last day of the fiscal year containing `date`.
fn fiscal_year_end_of(date: NaiveDate, fye: FiscalYearEnd) -> NaiveDate {
    let in_year = |y| {
        NaiveDate::from_ymd_opt(y, fye.month, fye.day)
            .or_else(|| NaiveDate::from_ymd_opt(y, fye.month, 28))
            .unwrap()
    };
    let this = in_year(date.year());
    if date <= this {
        this
    } else {
        in_year(date.year() + 1)
    }
}

/// One (activity, category) pair a record can belong to.
struct Slot {
    activity: ActivityId,
    category: CategoryId,
    recipients: Vec<RecipientId>,
}

/// `N` records for `policy`, deterministic in `seed`.
fn records(policy: &Policy, seed: u64) -> Vec<Record> {
    let mut all = Vec::new();
    let mut booked = Vec::new();
    for a in policy.activities() {
        for (category, _) in &a.categories {
            let slot = Slot {
                activity: a.id.clone(),
                category: category.clone(),
                recipients: a.recipients.clone(),
            };
            if kept_by_duty(policy, &a.duties, category) {
                booked.push(all.len());
            }
            all.push(slot);
        }
    }
    assert!(
        !booked.is_empty(),
        "no category of the policy is kept by a duty"
    );
    let zone = policy.controller().time_zone;
    let fye = policy.controller().fiscal_year_end;
    let from = instant("2012-01-01T00:00:00Z");
    let span = usize::try_from((instant("2026-02-28T00:00:00Z") - from).num_seconds()).unwrap();
    let mut rng = Lcg(seed);
    (0..N)
        .map(|i| {
            let accounting = rng.percent(40);
            let slot = if accounting {
                all.get(*pick(&mut rng, &booked)).unwrap()
            } else {
                pick(&mut rng, &all)
            };
            let collected_at = from + TimeDelta::seconds(i64::try_from(rng.below(span)).unwrap());
            let fiscal_year_end = rng
                .percent(if accounting { 70 } else { 5 })
                .then(|| fiscal_year_end_of(zone.local_date(collected_at), fye));
            let disclosed_to = if !slot.recipients.is_empty() && rng.percent(30) {
                vec![pick(&mut rng, &slot.recipients).clone()]
            } else {
                Vec::new()
            };
            Record {
                id: format!("rec-{i:07}"),
                category: slot.category.clone(),
                activity: slot.activity.clone(),
                collected_at,
                fiscal_year_end,
                disclosed_to,
            }
        })
        .collect()
}

/// A former customer: the contract ended in 2024, the newsletter consent was withdrawn, and a
/// legal-claims hold has been lifted (so limitation periods do not count).
fn subject() -> SubjectState {
    SubjectState {
        kind: SubjectKind::new("customer").unwrap(),
        age: Some(41),
        country: None,
        relationship: Some(Relationship {
            start: instant("2013-04-01T08:00:00Z"),
            end: Some(instant("2024-06-30T21:59:59Z")),
            settled: None,
        }),
        consents: vec![Consent {
            purpose: PurposeId::new("marketing.direct.newsletter").unwrap(),
            given: instant("2014-02-10T10:00:00Z"),
            withdrawn: Some(instant("2025-11-20T15:30:00Z")),
            expires: None,
            explicit: false,
            parental: false,
        }],
        objections: Vec::new(),
        restrictions: Vec::new(),
        legal_claim_holds: vec![LegalClaimHold {
            from: instant("2024-01-01T00:00:00Z"),
            until: Some(instant("2025-01-01T00:00:00Z")),
            note: None,
        }],
        events: BTreeMap::new(),
    }
}

/// Counts of outcomes in a schedule.
#[derive(Debug, Default)]
struct Mix {
    by_rule: usize,
    by_duty: usize,
    pending: usize,
    while_purpose: usize,
    unknown: usize,
    overdue: usize,
}

fn mix(out: &[Entry]) -> Mix {
    let mut m = Mix::default();
    for e in out {
        match &e.due {
            Due::On {
                set_by: Source::Rule { .. },
                ..
            } => m.by_rule += 1,
            Due::On {
                set_by: Source::Duty { .. },
                ..
            } => m.by_duty += 1,
            Due::Pending { .. } => m.pending += 1,
            Due::WhilePurposeLasts { .. } => m.while_purpose += 1,
            Due::Unknown { .. } => m.unknown += 1,
            _ => {}
        }
        m.overdue += usize::from(e.overdue);
    }
    m
}

fn bench_retention(c: &mut Criterion) {
    let at = instant(AT);
    let subject = subject();
    let mut group = c.benchmark_group("schedule_into");
    group
        .throughput(Throughput::Elements(N as u64))
        .sample_size(10)
        .sampling_mode(SamplingMode::Flat)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(8));
    for (seed, name) in (1_u64..).zip(["familjefilm", "smilee", "inline"]) {
        // Built per policy and dropped before the next, to keep memory use to one batch.
        let engine = Engine::new(load(name));
        let records = records(engine.policy(), seed);
        let mut out = Vec::with_capacity(N);
        engine.schedule_into(&records, Some(&subject), at, &mut out);
        assert_eq!(out.len(), N);
        let m = mix(&out);
        eprintln!("schedule_into/{name}: {m:?}");
        assert_eq!(
            m.unknown, 0,
            "{name}: every record's activity is in the policy"
        );
        if name == "inline" {
            assert!(m.by_rule > N / 4 && m.by_duty > N / 10, "{name}: {m:?}");
            assert!(
                m.overdue > N / 10 && m.overdue < N - N / 10,
                "{name}: {m:?}"
            );
        } else {
            assert_eq!(
                m.while_purpose, N,
                "{name}: seed retention is purpose-bound"
            );
        }
        group.bench_with_input(BenchmarkId::from_parameter(name), &records, |b, records| {
            b.iter(|| {
                engine.schedule_into(black_box(records), Some(&subject), black_box(at), &mut out);
                black_box(out.len())
            });
        });
    }
    group.finish();
}

criterion_group!(benches, bench_retention);
criterion_main!(benches);
