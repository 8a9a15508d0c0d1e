//! Benchmarks of processing decisions on the bundled seed policies.
//!
//! For each seed policy that loads:
//!
//! - `load_compile/<seed>`: read and validate the policy file, then compile it
//!   ([`gdpr_policy::format::load_file`] and [`Engine::new`]);
//! - `decide_compiled/<seed>`: [`Engine::decide_compiled`] over a fixed mix of pre-compiled
//!   requests, half permitted and half denied (checked once before timing);
//! - `decide/<seed>`: [`Engine::decide`] over the same mix, compiling the inputs each time.
//!
//! Each iteration answers the whole mix, so `decide / decide_compiled` is the cost of compiling
//! the inputs relative to deciding.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::hint::black_box;

use chrono::{DateTime, Utc};
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use gdpr_policy::engine::{CompiledRequest, CompiledSubject, Engine, Operation, Request, Target};
use gdpr_policy::model::{
    Activity, ActivityId, CategoryId, Consent, Objection, ObjectionKind, Relationship, Restriction,
    RestrictionGround, Role, SubjectState,
};

const SEEDS: &[&str] = &[
    "care-of",
    "familjefilm",
    "multistudio",
    "smilee",
    "studio-m",
];

/// How many permitted and how many denied requests each mix holds (at most).
const EACH: usize = 6;
/// The fewest of each a seed must yield.
const AT_LEAST: usize = 4;

fn path_of(name: &str) -> String {
    format!("{}/policies/{name}.toml", env!("CARGO_MANIFEST_DIR"))
}

fn instant(s: &str) -> DateTime<Utc> {
    s.parse().unwrap()
}

/// A subject of the activity's first kind with a contract in force and an explicit consent to
/// the activity's first purpose and each of its ancestors (one of which covers all its purposes
/// when any consent can).
fn willing(engine: &Engine, a: &Activity) -> Option<SubjectState> {
    let since = instant("2018-01-01T00:00:00Z");
    let declared = engine.policy().purposes();
    let mut consents = Vec::new();
    let mut purpose = a.purpose_ids().next().cloned();
    while let Some(p) = purpose {
        if declared.iter().any(|d| d.id == p) {
            consents.push(Consent {
                purpose: p.clone(),
                given: since,
                withdrawn: None,
                expires: None,
                explicit: true,
                parental: false,
            });
        }
        purpose = p.parent();
    }
    Some(SubjectState {
        kind: a.subjects.first()?.clone(),
        age: Some(35),
        country: None,
        relationship: Some(Relationship {
            start: since,
            end: None,
            settled: None,
        }),
        consents,
        objections: Vec::new(),
        restrictions: Vec::new(),
        legal_claim_holds: Vec::new(),
        events: std::collections::BTreeMap::new(),
    })
}

/// Candidate requests for the mix, each kind of deny in its own list so the mix varies.
fn candidates(engine: &Engine) -> Vec<Vec<(Request, SubjectState)>> {
    let policy = engine.policy();
    let (mut permits, mut bare, mut undeclared_cat, mut unknown_rec, mut restricted, mut objected) =
        (vec![], vec![], vec![], vec![], vec![], vec![]);
    let mut unknown_act = vec![];
    for a in policy.activities() {
        let Some(subject) = willing(engine, a) else {
            continue;
        };
        for (c, _) in &a.categories {
            let r = Request::new(a.id.clone(), vec![c.clone()], Operation::Use);
            permits.push((r, subject.clone()));
        }
        let Some((cat, _)) = a.categories.first() else {
            continue;
        };
        let r = Request::new(a.id.clone(), vec![cat.clone()], Operation::Use);
        let mut nobody = subject.clone();
        nobody.relationship = None;
        nobody.consents.clear();
        bare.push((r.clone(), nobody));
        if let Some(other) = policy
            .categories()
            .iter()
            .find(|c| !a.categories.iter().any(|(d, _)| c.id.is_within(d)))
        {
            let mut r2 = r.clone();
            r2.categories.push(other.id.clone());
            undeclared_cat.push((r2, subject.clone()));
        }
        let r3 = Request::new(a.id.clone(), vec![cat.clone()], Operation::Disclose)
            .to_recipient("undeclared_recipient".parse().unwrap());
        unknown_rec.push((r3, subject.clone()));
        if matches!(a.role, Role::Controller) {
            let mut held = subject.clone();
            held.restrictions.push(Restriction {
                categories: vec![cat.clone()],
                ground: RestrictionGround::AccuracyContested,
                from: instant("2023-01-01T00:00:00Z"),
                lifted: None,
            });
            restricted.push((r.clone(), held));
            let mut against = subject.clone();
            for p in a.purpose_ids() {
                against.objections.push(Objection {
                    purpose: p.clone(),
                    at: instant("2023-01-01T00:00:00Z"),
                    kind: ObjectionKind::DirectMarketing,
                    compelling_grounds: None,
                });
            }
            objected.push((r.clone(), against));
        }
        let mut r4 = r;
        r4.target = Target::Activity(ActivityId::new("undeclared_activity").unwrap());
        r4.categories = vec![CategoryId::new("contact.email").unwrap()];
        unknown_act.push((r4, subject));
    }
    vec![
        permits,
        bare,
        undeclared_cat,
        unknown_rec,
        restricted,
        objected,
        unknown_act,
    ]
}

/// The fixed mix: up to `EACH` permitted requests (one per activity first), then up to `EACH`
/// denied ones taken in turn from each kind of deny.
fn mix(engine: &Engine, at: DateTime<Utc>) -> Vec<(Request, SubjectState)> {
    let lists = candidates(engine);
    let decide = |(r, s): &(Request, SubjectState)| engine.decide(r, s, at).is_permit();
    let mut permits: Vec<(Request, SubjectState)> = Vec::new();
    let mut seen = Vec::new();
    // One permitted request per activity, then more from any.
    for pass in 0..2 {
        for c in lists.first().into_iter().flatten() {
            let Target::Activity(id) = &c.0.target else {
                continue;
            };
            if permits.len() < EACH
                && (pass == 1 || !seen.contains(id))
                && !permits.iter().any(|p| p.0 == c.0)
                && decide(c)
            {
                seen.push(id.clone());
                permits.push(c.clone());
            }
        }
    }
    let mut denies: Vec<(Request, SubjectState)> = Vec::new();
    let deny_lists: Vec<Vec<&(Request, SubjectState)>> = lists
        .iter()
        .skip(1)
        .map(|l| l.iter().filter(|c| !decide(c)).collect())
        .collect();
    let mut i = 0;
    while denies.len() < EACH && deny_lists.iter().any(|l| l.len() > i) {
        for l in &deny_lists {
            if let Some(&c) = l.get(i)
                && denies.len() < EACH
            {
                denies.push(c.clone());
            }
        }
        i += 1;
    }
    permits.extend(denies);
    permits
}

struct Seed {
    name: &'static str,
    engine: Engine,
    inputs: Vec<(Request, SubjectState)>,
    compiled: Vec<(CompiledRequest, CompiledSubject)>,
}

fn seeds(at: DateTime<Utc>) -> Vec<Seed> {
    SEEDS
        .iter()
        .filter_map(|&name| {
            let engine = Engine::new(gdpr_policy::format::load_file(path_of(name)).ok()?);
            let inputs = mix(&engine, at);
            let permits = inputs
                .iter()
                .filter(|(r, s)| engine.decide(r, s, at).is_permit())
                .count();
            let denies = inputs.len() - permits;
            assert!(
                permits >= AT_LEAST && denies >= AT_LEAST,
                "{name}: the mix has {permits} permitted and {denies} denied requests"
            );
            let compiled: Vec<_> = inputs
                .iter()
                .map(|(r, s)| (engine.compile_request(r), engine.compile_subject(s)))
                .collect();
            for ((r, s), (cr, cs)) in inputs.iter().zip(&compiled) {
                assert_eq!(engine.decide(r, s, at), engine.decide_compiled(cr, cs, at));
            }
            Some(Seed {
                name,
                engine,
                inputs,
                compiled,
            })
        })
        .collect()
}

fn benches(c: &mut Criterion) {
    let at = instant("2024-06-01T12:00:00Z");
    let seeds = seeds(at);
    assert!(seeds.len() >= 4, "only {} seed policies load", seeds.len());

    let mut g = c.benchmark_group("load_compile");
    for s in &seeds {
        let path = path_of(s.name);
        g.bench_with_input(BenchmarkId::from_parameter(s.name), &path, |b, path| {
            b.iter(|| Engine::new(gdpr_policy::format::load_file(black_box(path)).unwrap()));
        });
    }
    g.finish();

    let mut g = c.benchmark_group("decide_compiled");
    for s in &seeds {
        g.throughput(Throughput::Elements(s.compiled.len() as u64));
        g.bench_with_input(
            BenchmarkId::from_parameter(s.name),
            &s.compiled,
            |b, mix| {
                b.iter(|| {
                    for (r, subj) in mix {
                        black_box(s.engine.decide_compiled(
                            black_box(r),
                            black_box(subj),
                            black_box(at),
                        ));
                    }
                });
            },
        );
    }
    g.finish();

    let mut g = c.benchmark_group("decide");
    for s in &seeds {
        g.throughput(Throughput::Elements(s.inputs.len() as u64));
        g.bench_with_input(BenchmarkId::from_parameter(s.name), &s.inputs, |b, mix| {
            b.iter(|| {
                for (r, subj) in mix {
                    black_box(
                        s.engine
                            .decide(black_box(r), black_box(subj), black_box(at)),
                    );
                }
            });
        });
    }
    g.finish();
}

criterion_group!(decide, benches);
criterion_main!(decide);
