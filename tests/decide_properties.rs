//! Property tests of [`Engine::decide`] over the five bundled seed policies.
//!
//! Requests and subject states are generated from each policy's own vocabulary: its activities,
//! the categories each activity declares (and their sub-categories) and all the policy's
//! categories, the operations, its recipients, its subject kinds and purposes, and now and then
//! an id the policy does not declare. Instants fall in 2016..2030.
//!
//! - **Monotone in the subject's objections to processing**: setting `withdrawn` on a consent
//!   that had none (at any instant), adding an objection (either kind, at any position), or
//!   adding a restriction never turns a deny into a permit.
//! - **Fails closed**: an undeclared activity or purpose, an unknown category or an unknown
//!   recipient is always a deny.
//! - **Deterministic**: deciding twice gives equal decisions with byte-identical JSON, and
//!   `decide` equals `decide_compiled` on the compiled inputs.
//! - **Explained**: every permit names its basis (unless the activity is done as processor, or
//!   the operation is an erasure, which needs none), and every deny has a violated reason whose
//!   citation renders non-empty.
//! - **Total**: deciding never panics, also at instants far outside 2016..2030.
//!
//! The last section keeps minimal, deterministic cases of engine bugs that break the first
//! property: three found by it on the seeds, two found while reading the engine (on a small
//! inline policy, since no seed can reach them). They fail until the engine is fixed.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::collections::BTreeMap;
use std::sync::OnceLock;

use chrono::{DateTime, NaiveDate, Utc};
use gdpr_policy::engine::{Decision, Engine, Operation, Request, Rule, Target};
use gdpr_policy::law::Country;
use gdpr_policy::model::{
    ActivityId, CategoryId, Consent, LegalClaimHold, Objection, ObjectionKind, Policy, PurposeId,
    RecipientId, Relationship, Restriction, RestrictionGround, Role, SubjectKind, SubjectState,
};
use proptest::prelude::*;
use proptest::sample::{Index, select};
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config, TestCaseError, TestRunner};

const SEEDS: &[&str] = &[
    "care-of",
    "familjefilm",
    "multistudio",
    "smilee",
    "studio-m",
];
const CASES: u32 = 128;

/// 2016-01-01T00:00:00Z and 2030-01-01T00:00:00Z.
const T2016: i64 = 1_451_606_400;
const T2030: i64 = 1_893_456_000;

// ---------------------------------------------------------------------------------------------
// The seed policies and their vocabularies
// ---------------------------------------------------------------------------------------------

/// One activity's own vocabulary.
struct Act {
    id: ActivityId,
    processor: bool,
    /// Its purposes and their declared ancestors.
    purposes: Vec<PurposeId>,
    /// Its declared categories and the policy's categories below them.
    categories: Vec<CategoryId>,
    subjects: Vec<SubjectKind>,
    recipients: Vec<RecipientId>,
}

/// A loaded seed policy with its engine and vocabulary.
struct Seed {
    name: &'static str,
    engine: Engine,
    acts: Vec<Act>,
    purposes: Vec<PurposeId>,
    categories: Vec<CategoryId>,
    subjects: Vec<SubjectKind>,
    recipients: Vec<RecipientId>,
}

impl Seed {
    fn new(name: &'static str, policy: Policy) -> Self {
        let purposes: Vec<PurposeId> = policy.purposes().iter().map(|p| p.id.clone()).collect();
        let categories: Vec<CategoryId> =
            policy.categories().iter().map(|c| c.id.clone()).collect();
        let acts = policy
            .activities()
            .iter()
            .map(|a| {
                let mut ps = Vec::new();
                for p in a.purpose_ids() {
                    let mut cur = Some(p.clone());
                    while let Some(q) = cur {
                        if purposes.contains(&q) && !ps.contains(&q) {
                            ps.push(q.clone());
                        }
                        cur = q.parent();
                    }
                }
                let cats = categories
                    .iter()
                    .filter(|c| a.categories.iter().any(|(d, _)| c.is_within(d)))
                    .cloned()
                    .collect();
                Act {
                    id: a.id.clone(),
                    processor: matches!(a.role, Role::Processor { .. }),
                    purposes: ps,
                    categories: cats,
                    subjects: a.subjects.clone(),
                    recipients: a.recipients.clone(),
                }
            })
            .collect();
        Self {
            name,
            acts,
            purposes,
            categories,
            subjects: policy.subjects().iter().map(|s| s.id.clone()).collect(),
            recipients: policy.recipients().iter().map(|r| r.id.clone()).collect(),
            engine: Engine::new(policy),
        }
    }
}

fn path_of(name: &str) -> String {
    format!("{}/policies/{name}.toml", env!("CARGO_MANIFEST_DIR"))
}

/// The seed policies that load (at least four of the five must).
fn seeds() -> &'static [Seed] {
    static SEEDS_LOADED: OnceLock<Vec<Seed>> = OnceLock::new();
    SEEDS_LOADED.get_or_init(|| {
        let loaded: Vec<Seed> = SEEDS
            .iter()
            .filter_map(|&name| {
                gdpr_policy::format::load_file(path_of(name))
                    .ok()
                    .map(|p| Seed::new(name, p))
            })
            .collect();
        assert!(
            loaded.len() >= 4,
            "only {} of the {} seed policies load",
            loaded.len(),
            SEEDS.len()
        );
        loaded
    })
}

fn seed(name: &str) -> &'static Seed {
    seeds()
        .iter()
        .find(|s| s.name == name)
        .unwrap_or_else(|| panic!("seed policy `{name}` does not load"))
}

/// Runs `test` on `CASES` generated values (or `PROPTEST_CASES`) for every seed policy, and
/// reports the minimal failing input of each policy that fails.
fn check<S: Strategy>(strategy: &S, test: impl Fn(&Seed, S::Value) -> Result<(), TestCaseError>) {
    let mut failures = Vec::new();
    for seed in seeds() {
        let mut runner = TestRunner::new(Config {
            cases: std::env::var("PROPTEST_CASES")
                .ok()
                .and_then(|v| v.parse().ok())
                .unwrap_or(CASES),
            failure_persistence: None,
            ..Config::default()
        });
        if let Err(e) = runner.run(strategy, |v| test(seed, v)) {
            failures.push(format!("policy `{}`: {e}", seed.name));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

// ---------------------------------------------------------------------------------------------
// Generated inputs, as indices into a policy's vocabulary
// ---------------------------------------------------------------------------------------------

/// An id: from the chosen activity's vocabulary, from the policy's, or one it does not declare.
#[derive(Debug, Clone)]
enum Pick {
    Activity(Index),
    Policy(Index),
    Unknown(String),
}

#[derive(Debug, Clone)]
enum TargetKind {
    Activity,
    Purpose,
    UnknownActivity(String),
    UnknownPurpose(String),
}

#[derive(Debug, Clone)]
struct RawRequest {
    target: TargetKind,
    activity: Index,
    purpose: Index,
    /// For an activity target, also name one of its purposes (`Request::purpose`).
    narrow: bool,
    categories: Vec<Pick>,
    operation: Operation,
    recipient: Option<Pick>,
    destination: Option<Country>,
    collected_at: Option<DateTime<Utc>>,
    fiscal_year_end: Option<NaiveDate>,
}

#[derive(Debug, Clone)]
struct RawConsent {
    purpose: Pick,
    given: DateTime<Utc>,
    withdrawn: Option<DateTime<Utc>>,
    expires: Option<DateTime<Utc>>,
    explicit: bool,
    parental: bool,
}

#[derive(Debug, Clone)]
struct RawObjection {
    purpose: Pick,
    at: DateTime<Utc>,
    kind: ObjectionKind,
    grounds: bool,
}

#[derive(Debug, Clone)]
struct RawRestriction {
    categories: Vec<Pick>,
    ground: RestrictionGround,
    from: DateTime<Utc>,
    lifted: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone)]
struct RawSubject {
    kind: Pick,
    age: Option<u8>,
    country: Option<Country>,
    relationship: Option<(DateTime<Utc>, Option<DateTime<Utc>>)>,
    consents: Vec<RawConsent>,
    objections: Vec<RawObjection>,
    restrictions: Vec<RawRestriction>,
    holds: Vec<(DateTime<Utc>, Option<DateTime<Utc>>)>,
}

#[derive(Debug, Clone)]
struct Scenario {
    request: RawRequest,
    subject: RawSubject,
    at: DateTime<Utc>,
}

fn get<'a, T>(i: &Index, v: &'a [T]) -> Option<&'a T> {
    (!v.is_empty()).then(|| i.get(v))
}

/// An id no seed policy declares.
fn unknown() -> impl Strategy<Value = String> {
    "[a-z]{1,6}".prop_map(|s| format!("undeclared_{s}"))
}

/// Mostly from the activity, so that a good share of the scenarios are permitted.
fn pick() -> impl Strategy<Value = Pick> {
    prop_oneof![
        12 => any::<Index>().prop_map(Pick::Activity),
        3 => any::<Index>().prop_map(Pick::Policy),
        1 => unknown().prop_map(Pick::Unknown),
    ]
}

fn instant_in(from: i64, to: i64) -> impl Strategy<Value = DateTime<Utc>> + Clone {
    (from..to).prop_map(|s| DateTime::from_timestamp(s, 0).unwrap())
}

/// An instant in 2016..2030.
fn instant() -> impl Strategy<Value = DateTime<Utc>> + Clone {
    instant_in(T2016, T2030)
}

/// Any instant chrono can represent, often a wild one.
fn wild_instant() -> impl Strategy<Value = DateTime<Utc>> + Clone {
    prop_oneof![
        2 => instant(),
        1 => Just(DateTime::<Utc>::MIN_UTC),
        1 => Just(DateTime::<Utc>::MAX_UTC),
        2 => instant_in(
            DateTime::<Utc>::MIN_UTC.timestamp(),
            DateTime::<Utc>::MAX_UTC.timestamp()
        ),
    ]
}

fn country() -> impl Strategy<Value = Country> {
    select(vec![
        "SE", "FI", "NO", "DE", "IS", "GB", "US", "CH", "JP", "CN", "IN", "KR", "CA", "BR", "ZZ",
    ])
    .prop_map(|c| c.parse().unwrap())
}

fn operation() -> impl Strategy<Value = Operation> {
    prop_oneof![
        3 => Just(Operation::Collect),
        3 => Just(Operation::Use),
        3 => Just(Operation::Store),
        2 => Just(Operation::Disclose),
        2 => Just(Operation::Transfer),
        2 => Just(Operation::Erase),
        1 => Just(Operation::AutomatedDecision),
    ]
}

fn date(t: impl Strategy<Value = DateTime<Utc>>) -> impl Strategy<Value = NaiveDate> {
    t.prop_map(|t| t.date_naive())
}

fn request(t: impl Strategy<Value = DateTime<Utc>> + Clone) -> impl Strategy<Value = RawRequest> {
    let target = prop_oneof![
        24 => Just(TargetKind::Activity),
        3 => Just(TargetKind::Purpose),
        1 => unknown().prop_map(TargetKind::UnknownActivity),
        1 => unknown().prop_map(TargetKind::UnknownPurpose),
    ];
    let categories = prop_oneof![
        20 => proptest::collection::vec(pick(), 1..3),
        1 => Just(Vec::new()),
    ];
    let recipient = prop_oneof![
        2 => Just(None),
        1 => pick().prop_map(Some),
    ];
    (
        target,
        any::<Index>(),
        any::<Index>(),
        proptest::bool::weighted(0.3),
        categories,
        operation(),
        recipient,
        proptest::option::weighted(0.3, country()),
        proptest::option::of(t.clone()),
        proptest::option::weighted(0.3, date(t)),
    )
        .prop_map(
            |(
                target,
                activity,
                purpose,
                narrow,
                categories,
                operation,
                recipient,
                destination,
                collected_at,
                fiscal_year_end,
            )| RawRequest {
                target,
                activity,
                purpose,
                narrow,
                categories,
                operation,
                recipient,
                destination,
                collected_at,
                fiscal_year_end,
            },
        )
}

fn consent(t: impl Strategy<Value = DateTime<Utc>> + Clone) -> impl Strategy<Value = RawConsent> {
    (
        pick(),
        t.clone(),
        proptest::option::of(t.clone()),
        proptest::option::weighted(0.2, t),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(
            |(purpose, given, withdrawn, expires, explicit, parental)| RawConsent {
                purpose,
                given,
                withdrawn,
                expires,
                explicit,
                parental,
            },
        )
}

fn objection(
    t: impl Strategy<Value = DateTime<Utc>> + Clone,
) -> impl Strategy<Value = RawObjection> {
    (
        pick(),
        t,
        select(vec![
            ObjectionKind::ParticularSituation,
            ObjectionKind::DirectMarketing,
        ]),
        any::<bool>(),
    )
        .prop_map(|(purpose, at, kind, grounds)| RawObjection {
            purpose,
            at,
            kind,
            grounds,
        })
}

fn restriction(
    t: impl Strategy<Value = DateTime<Utc>> + Clone,
) -> impl Strategy<Value = RawRestriction> {
    (
        proptest::collection::vec(pick(), 1..3),
        select(vec![
            RestrictionGround::AccuracyContested,
            RestrictionGround::UnlawfulProcessing,
            RestrictionGround::NeededForClaims,
            RestrictionGround::ObjectionPending,
        ]),
        t.clone(),
        proptest::option::of(t),
    )
        .prop_map(|(categories, ground, from, lifted)| RawRestriction {
            categories,
            ground,
            from,
            lifted,
        })
}

fn subject(t: impl Strategy<Value = DateTime<Utc>> + Clone) -> impl Strategy<Value = RawSubject> {
    let kind = prop_oneof![
        12 => any::<Index>().prop_map(Pick::Activity),
        2 => any::<Index>().prop_map(Pick::Policy),
        1 => unknown().prop_map(Pick::Unknown),
    ];
    let age = proptest::option::weighted(0.4, prop_oneof![0u8..20, any::<u8>()]);
    let span = (t.clone(), proptest::option::of(t.clone()));
    // Often a contract in force since early on, so that contract-based activities permit.
    let relationship = prop_oneof![
        1 => Just(None),
        2 => instant_in(T2016 - 86_400 * 365, T2016).prop_map(|s| Some((s, None))),
        2 => span.clone().prop_map(Some),
    ];
    (
        kind,
        age,
        proptest::option::weighted(0.4, country()),
        relationship,
        proptest::collection::vec(consent(t.clone()), 0..4),
        proptest::collection::vec(objection(t.clone()), 0..3),
        proptest::collection::vec(restriction(t), 0..2),
        proptest::collection::vec(span, 0..2),
    )
        .prop_map(
            |(kind, age, country, relationship, consents, objections, restrictions, holds)| {
                RawSubject {
                    kind,
                    age,
                    country,
                    relationship,
                    consents,
                    objections,
                    restrictions,
                    holds,
                }
            },
        )
}

fn scenario() -> impl Strategy<Value = Scenario> {
    (request(instant()), subject(instant()), instant()).prop_map(|(request, subject, at)| {
        Scenario {
            request,
            subject,
            at,
        }
    })
}

/// A scenario whose instants may be anywhere chrono reaches.
fn wild_scenario() -> impl Strategy<Value = Scenario> {
    (
        request(wild_instant()),
        subject(wild_instant()),
        wild_instant(),
    )
        .prop_map(|(request, subject, at)| Scenario {
            request,
            subject,
            at,
        })
}

// ---------------------------------------------------------------------------------------------
// Resolving generated inputs against a policy
// ---------------------------------------------------------------------------------------------

fn resolve<T: Clone, U>(
    p: &Pick,
    own: Option<&[T]>,
    all: &[T],
    unknown: impl Fn(&str) -> Option<U>,
    known: impl Fn(T) -> U,
) -> Option<U> {
    match p {
        Pick::Activity(i) => get(i, own.unwrap_or(all))
            .or_else(|| get(i, all))
            .cloned()
            .map(known),
        Pick::Policy(i) => get(i, all).cloned().map(known),
        Pick::Unknown(s) => unknown(s),
    }
}

impl Seed {
    fn act(&self, raw: &RawRequest) -> Option<&Act> {
        match raw.target {
            TargetKind::Activity | TargetKind::Purpose => get(&raw.activity, &self.acts),
            TargetKind::UnknownActivity(_) | TargetKind::UnknownPurpose(_) => None,
        }
    }

    fn category(&self, p: &Pick, act: Option<&Act>) -> Option<CategoryId> {
        resolve(
            p,
            act.map(|a| &a.categories[..]),
            &self.categories,
            |s| CategoryId::new(s).ok(),
            |c| c,
        )
    }

    fn purpose(&self, p: &Pick, act: Option<&Act>) -> Option<PurposeId> {
        resolve(
            p,
            act.map(|a| &a.purposes[..]),
            &self.purposes,
            |s| PurposeId::new(s).ok(),
            |c| c,
        )
    }

    fn request(&self, raw: &RawRequest) -> Request {
        let act = self.act(raw);
        let target = match (&raw.target, act) {
            (TargetKind::Activity, Some(a)) => Target::Activity(a.id.clone()),
            (TargetKind::Purpose, Some(a)) => Target::Purpose(
                get(&raw.purpose, &a.purposes)
                    .cloned()
                    .unwrap_or_else(|| PurposeId::new("undeclared").unwrap()),
            ),
            (TargetKind::UnknownPurpose(s), _) => Target::Purpose(PurposeId::new(s).unwrap()),
            (TargetKind::UnknownActivity(s), _) => Target::Activity(ActivityId::new(s).unwrap()),
            (_, None) => Target::Activity(ActivityId::new("undeclared").unwrap()),
        };
        let purpose = match (&raw.target, act) {
            (TargetKind::Activity, Some(a)) if raw.narrow => {
                get(&raw.purpose, &a.purposes).cloned()
            }
            _ => None,
        };
        Request {
            target,
            purpose,
            categories: raw
                .categories
                .iter()
                .filter_map(|c| self.category(c, act))
                .collect(),
            operation: raw.operation,
            recipient: raw.recipient.as_ref().and_then(|p| {
                resolve(
                    p,
                    act.map(|a| &a.recipients[..]),
                    &self.recipients,
                    |s| RecipientId::new(s).ok(),
                    |r| r,
                )
            }),
            destination: raw.destination,
            collected_at: raw.collected_at,
            fiscal_year_end: raw.fiscal_year_end,
        }
    }

    fn subject(&self, raw: &RawSubject, req: &RawRequest) -> SubjectState {
        let act = self.act(req);
        let kind = resolve(
            &raw.kind,
            act.map(|a| &a.subjects[..]),
            &self.subjects,
            |s| SubjectKind::new(s).ok(),
            |k| k,
        )
        .unwrap_or_else(|| SubjectKind::new("customer").unwrap());
        SubjectState {
            kind,
            age: raw.age,
            country: raw.country,
            relationship: raw.relationship.map(|(start, end)| Relationship {
                start,
                end,
                settled: None,
            }),
            consents: raw
                .consents
                .iter()
                .filter_map(|c| self.consent(c, act))
                .collect(),
            objections: raw
                .objections
                .iter()
                .filter_map(|o| self.objection(o, act))
                .collect(),
            restrictions: raw
                .restrictions
                .iter()
                .map(|r| self.restriction(r, act))
                .collect(),
            legal_claim_holds: raw
                .holds
                .iter()
                .map(|&(from, until)| LegalClaimHold {
                    from,
                    until,
                    note: None,
                })
                .collect(),
            events: BTreeMap::new(),
        }
    }

    fn consent(&self, c: &RawConsent, act: Option<&Act>) -> Option<Consent> {
        Some(Consent {
            purpose: self.purpose(&c.purpose, act)?,
            given: c.given,
            withdrawn: c.withdrawn,
            expires: c.expires,
            explicit: c.explicit,
            parental: c.parental,
        })
    }

    fn objection(&self, o: &RawObjection, act: Option<&Act>) -> Option<Objection> {
        Some(Objection {
            purpose: self.purpose(&o.purpose, act)?,
            at: o.at,
            kind: o.kind,
            compelling_grounds: o.grounds.then(|| "recorded grounds".to_owned()),
        })
    }

    fn restriction(&self, r: &RawRestriction, act: Option<&Act>) -> Restriction {
        Restriction {
            categories: r
                .categories
                .iter()
                .filter_map(|c| self.category(c, act))
                .collect(),
            ground: r.ground,
            from: r.from,
            lifted: r.lifted,
        }
    }

    fn inputs(&self, s: &Scenario) -> (Request, SubjectState) {
        (
            self.request(&s.request),
            self.subject(&s.subject, &s.request),
        )
    }
}

fn show(r: &Request, s: &SubjectState, at: DateTime<Utc>) -> String {
    format!(
        "request {}\nsubject {}\nat {at}",
        serde_json::to_string(r).unwrap(),
        serde_json::to_string(s).unwrap()
    )
}

// ---------------------------------------------------------------------------------------------
// (a) Withdrawals, objections and restrictions never turn a deny into a permit
// ---------------------------------------------------------------------------------------------

/// When a withdrawal is set: anywhere, or right at / around the instant asked about.
#[derive(Debug, Clone)]
enum When {
    Free(DateTime<Utc>),
    Relative(i64),
}

fn when() -> impl Strategy<Value = When> {
    prop_oneof![
        3 => instant().prop_map(When::Free),
        1 => (-2i64..=2).prop_map(When::Relative),
    ]
}

fn not_loosened(
    before: &Decision,
    after: &Decision,
    what: &str,
    r: &Request,
    s: &SubjectState,
    at: DateTime<Utc>,
) -> Result<(), TestCaseError> {
    prop_assert!(
        before.is_permit() || !after.is_permit(),
        "{what} turned a deny into a permit\n{}\nbefore: {before}\nafter: {after}",
        show(r, s, at)
    );
    Ok(())
}

#[test]
fn withdrawing_consent_never_permits_what_was_denied() {
    check(
        &(scenario(), any::<Index>(), when()),
        |seed, (sc, which, when)| {
            let (r, s) = seed.inputs(&sc);
            let open: Vec<usize> = (0..s.consents.len())
                .filter(|&i| s.consents[i].withdrawn.is_none())
                .collect();
            let Some(&i) = get(&which, &open) else {
                return Ok(());
            };
            let t = match when {
                When::Free(t) => t,
                When::Relative(d) => sc.at + chrono::Duration::seconds(d),
            };
            let mut s2 = s.clone();
            s2.consents[i].withdrawn = Some(t);
            let before = seed.engine.decide(&r, &s, sc.at);
            let after = seed.engine.decide(&r, &s2, sc.at);
            not_loosened(
                &before,
                &after,
                &format!("withdrawing consent #{i} at {t}"),
                &r,
                &s,
                sc.at,
            )
        },
    );
}

#[test]
fn objecting_never_permits_what_was_denied() {
    check(
        &(scenario(), objection(instant()), any::<Index>()),
        |seed, (sc, o, pos)| {
            let (r, s) = seed.inputs(&sc);
            let Some(o) = seed.objection(&o, seed.act(&sc.request)) else {
                return Ok(());
            };
            let mut s2 = s.clone();
            let i = pos.index(s2.objections.len() + 1);
            s2.objections.insert(i, o.clone());
            let before = seed.engine.decide(&r, &s, sc.at);
            let after = seed.engine.decide(&r, &s2, sc.at);
            not_loosened(
                &before,
                &after,
                &format!("adding objection {o:?} at position {i}"),
                &r,
                &s,
                sc.at,
            )
        },
    );
}

#[test]
fn restricting_never_permits_what_was_denied() {
    check(
        &(scenario(), restriction(instant()), any::<Index>()),
        |seed, (sc, x, pos)| {
            let (r, s) = seed.inputs(&sc);
            let x = seed.restriction(&x, seed.act(&sc.request));
            let mut s2 = s.clone();
            let i = pos.index(s2.restrictions.len() + 1);
            s2.restrictions.insert(i, x.clone());
            let before = seed.engine.decide(&r, &s, sc.at);
            let after = seed.engine.decide(&r, &s2, sc.at);
            not_loosened(
                &before,
                &after,
                &format!("adding restriction {x:?} at position {i}"),
                &r,
                &s,
                sc.at,
            )
        },
    );
}

// ---------------------------------------------------------------------------------------------
// (b) Fails closed on what the policy does not declare
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Clone)]
enum Undeclared {
    Activity(String),
    Purpose(String),
    Category(String, Index),
    Recipient(String),
}

#[test]
fn undeclared_activity_category_or_recipient_is_denied() {
    let undeclared = prop_oneof![
        unknown().prop_map(Undeclared::Activity),
        unknown().prop_map(Undeclared::Purpose),
        (unknown(), any::<Index>()).prop_map(|(c, i)| Undeclared::Category(c, i)),
        unknown().prop_map(Undeclared::Recipient),
    ];
    check(&(scenario(), undeclared), |seed, (sc, u)| {
        let (mut r, s) = seed.inputs(&sc);
        match &u {
            Undeclared::Activity(a) => r.target = Target::Activity(ActivityId::new(a).unwrap()),
            Undeclared::Purpose(p) => r.target = Target::Purpose(PurposeId::new(p).unwrap()),
            Undeclared::Category(c, i) => {
                let at = i.index(r.categories.len() + 1);
                r.categories.insert(at, CategoryId::new(c).unwrap());
            }
            Undeclared::Recipient(x) => r.recipient = Some(RecipientId::new(x).unwrap()),
        }
        let d = seed.engine.decide(&r, &s, sc.at);
        prop_assert!(
            !d.is_permit(),
            "{u:?} was permitted\n{}\n{d}",
            show(&r, &s, sc.at)
        );
        Ok(())
    });
}

// ---------------------------------------------------------------------------------------------
// (c) Deterministic
// ---------------------------------------------------------------------------------------------

#[test]
fn decisions_are_deterministic_and_compiling_changes_nothing() {
    check(&scenario(), |seed, sc| {
        let (r, s) = seed.inputs(&sc);
        let e = &seed.engine;
        let one = e.decide(&r, &s, sc.at);
        let two = e.decide(&r, &s, sc.at);
        prop_assert_eq!(&one, &two);
        prop_assert_eq!(
            serde_json::to_string(&one).unwrap(),
            serde_json::to_string(&two).unwrap()
        );
        prop_assert_eq!(e.compile_request(&r), e.compile_request(&r));
        prop_assert_eq!(e.compile_subject(&s), e.compile_subject(&s));
        let compiled = e.decide_compiled(&e.compile_request(&r), &e.compile_subject(&s), sc.at);
        prop_assert_eq!(&one, &compiled);
        prop_assert_eq!(
            serde_json::to_string(&one).unwrap(),
            serde_json::to_string(&compiled).unwrap()
        );
        // A second engine built from the same policy answers the same.
        let again = Engine::new(e.policy().clone());
        prop_assert_eq!(&one, &again.decide(&r, &s, sc.at));
        Ok(())
    });
}

// ---------------------------------------------------------------------------------------------
// (d) Every answer is explained
// ---------------------------------------------------------------------------------------------

#[test]
fn permits_name_a_basis_and_denies_a_cited_violation() {
    check(&scenario(), |seed, sc| {
        let (r, s) = seed.inputs(&sc);
        let d = seed.engine.decide(&r, &s, sc.at);
        let shown = || format!("{}\n{d}", show(&r, &s, sc.at));
        if d.is_permit() {
            let as_processor = d
                .reasons
                .iter()
                .any(|x| x.rule == Rule::ProcessorInstructions && x.satisfied);
            if let Target::Activity(id) = &r.target {
                let declared = seed.acts.iter().find(|a| &a.id == id);
                prop_assert_eq!(
                    declared.map(|a| a.processor),
                    Some(as_processor),
                    "processor role misreported\n{}",
                    shown()
                );
            }
            // Erasure needs no basis (Art. 17); the engine says so with an `erasure` reason.
            let erasure = r.operation == Operation::Erase
                && d.reasons.iter().any(|x| x.rule == Rule::Erasure);
            prop_assert!(
                as_processor || erasure || d.basis.is_some(),
                "permit without a basis\n{}",
                shown()
            );
            prop_assert!(d.reasons.iter().all(|x| x.satisfied), "{}", shown());
            prop_assert!(d.determining().next().is_some(), "{}", shown());
        } else {
            prop_assert!(d.basis.is_none(), "deny with a basis\n{}", shown());
            prop_assert!(
                d.obligations.is_empty(),
                "deny with obligations\n{}",
                shown()
            );
            let cited = d
                .reasons
                .iter()
                .filter(|x| !x.satisfied)
                .filter(|x| !x.citation.to_string().trim().is_empty())
                .count();
            prop_assert!(cited > 0, "deny without a cited violation\n{}", shown());
            prop_assert!(
                d.determining().all(|x| !x.satisfied),
                "deny whose determining reasons are satisfied\n{}",
                shown()
            );
        }
        for x in &d.reasons {
            prop_assert!(!x.citation.to_string().trim().is_empty(), "{}", shown());
            prop_assert!(!x.message.trim().is_empty(), "{}", shown());
        }
        Ok(())
    });
}

// ---------------------------------------------------------------------------------------------
// (e) Never panics
// ---------------------------------------------------------------------------------------------

#[test]
fn deciding_never_panics_even_at_wild_instants() {
    check(&wild_scenario(), |seed, sc| {
        let (r, s) = seed.inputs(&sc);
        let e = &seed.engine;
        let d = e.decide(&r, &s, sc.at);
        let _ = serde_json::to_string(&d).unwrap();
        let _ = d.to_string();
        Ok(())
    });
}

/// The generated scenarios are not vacuous: on every seed some are permitted, some denied.
#[test]
fn generated_scenarios_reach_both_outcomes() {
    let mut runner = TestRunner::deterministic();
    let strategy = scenario();
    for seed in seeds() {
        let (mut permits, mut denies) = (0, 0);
        for _ in 0..512 {
            let sc = strategy.new_tree(&mut runner).unwrap().current();
            let (r, s) = seed.inputs(&sc);
            if seed.engine.decide(&r, &s, sc.at).is_permit() {
                permits += 1;
            } else {
                denies += 1;
            }
        }
        assert!(
            permits >= 10 && denies >= 10,
            "{}: {permits} permitted, {denies} denied of 512 generated scenarios",
            seed.name
        );
    }
}

#[test]
fn at_least_four_seed_policies_load() {
    assert!(seeds().len() >= 4);
    for s in seeds() {
        assert!(!s.acts.is_empty(), "{} declares no activity", s.name);
    }
}

// ---------------------------------------------------------------------------------------------
// Minimal cases of engine bugs found by the properties above
// ---------------------------------------------------------------------------------------------
//
// Each case is the smallest instance of a violated property, checked as the property itself
// (a deny must not become a permit), so it passes once the engine is fixed.

fn instant_of(s: &str) -> DateTime<Utc> {
    s.parse().unwrap()
}

fn subject_of(json: &str) -> SubjectState {
    serde_json::from_str(json).unwrap()
}

fn request_of(json: &str) -> Request {
    serde_json::from_str(json).unwrap()
}

fn assert_not_loosened(
    e: &Engine,
    r: &Request,
    before: &SubjectState,
    after: &SubjectState,
    at: DateTime<Utc>,
) {
    let b = e.decide(r, before, at);
    let a = e.decide(r, after, at);
    assert!(
        b.is_permit() || !a.is_permit(),
        "a deny became a permit\nbefore: {}\n{b}\nafter: {}\n{a}",
        serde_json::to_string(before).unwrap(),
        serde_json::to_string(after).unwrap()
    );
}

/// Bug: the `consent_withdrawal` retention anchor is the latest `withdrawn` of *any* consent
/// covering the purposes, whether or not that withdrawal has happened at `at` and whether or not
/// a later consent holds (`consent_withdrawal` in `src/engine/decide.rs`). Studio M's newsletter
/// keeps data "0d after consent_withdrawal": a subject who withdrew in 2020 and consented again
/// in 2021 is denied in 2022 (retention ended after 2020-06-01); recording that the new consent
/// will be withdrawn in 2023 moves the anchor to 2023 and turns the deny into a permit.
#[test]
fn bug_a_future_withdrawal_moves_the_retention_anchor() {
    let e = &seed("studio-m").engine;
    let r = request_of(
        r#"{"target": {"activity": "newsletter"}, "categories": ["contact.email"], "operation": "use"}"#,
    );
    let before = subject_of(
        r#"{"kind": "newsletter_subscriber", "consents": [
            {"purpose": "marketing.direct", "given": "2020-01-01T00:00:00Z", "withdrawn": "2020-06-01T00:00:00Z"},
            {"purpose": "marketing.direct", "given": "2021-01-01T00:00:00Z"}]}"#,
    );
    let mut after = before.clone();
    after.consents[1].withdrawn = Some(instant_of("2023-01-01T00:00:00Z"));
    assert_not_loosened(e, &r, &before, &after, instant_of("2022-01-01T00:00:00Z"));
}

/// Bug: for a child, only the *first* consent that holds is checked for parental authorisation
/// (`consent_for` returns the first match; `basis` then tests its `parental`). A ten-year-old
/// with a consent of their own and a parental one is denied on Smilee's newsletter; withdrawing
/// the child's own consent (leaving the parental one) turns that into a permit. The outcome
/// also depends on the order of the consents.
#[test]
fn bug_b_child_consent_depends_on_which_consent_comes_first() {
    let e = &seed("smilee").engine;
    let r = request_of(
        r#"{"target": {"activity": "newsletter"}, "categories": ["contact.email"], "operation": "use"}"#,
    );
    let before = subject_of(
        r#"{"kind": "newsletter_subscriber", "age": 10, "consents": [
            {"purpose": "marketing.direct.newsletter", "given": "2020-01-01T00:00:00Z"},
            {"purpose": "marketing.direct.newsletter", "given": "2020-01-01T00:00:00Z", "parental": true}]}"#,
    );
    let mut after = before.clone();
    after.consents[0].withdrawn = Some(instant_of("2020-06-01T00:00:00Z"));
    assert_not_loosened(e, &r, &before, &after, instant_of("2021-01-01T00:00:00Z"));
}

/// Bug: only the *first* Art. 21(1) objection overlapping the purposes is looked at (`find` in
/// `basis`), so an objection the controller has overridden hides a later one that stands.
/// Familjefilm's `order_delivery` (legitimate interests, then contract) is denied for a customer
/// with a standing objection and no contract; adding an overridden objection in front permits.
#[test]
fn bug_c_an_overridden_objection_hides_a_standing_one() {
    let e = &seed("familjefilm").engine;
    let r = request_of(
        r#"{"target": {"activity": "order_delivery"}, "categories": ["identity.name"], "operation": "use"}"#,
    );
    let before = subject_of(
        r#"{"kind": "customer", "objections": [
            {"purpose": "service.identification", "at": "2020-01-01T00:00:00Z", "kind": "particular_situation"}]}"#,
    );
    let mut after = before.clone();
    after.objections.insert(
        0,
        Objection {
            purpose: "service.identification".parse().unwrap(),
            at: instant_of("2019-01-01T00:00:00Z"),
            kind: ObjectionKind::ParticularSituation,
            compelling_grounds: Some("fraud prevention".to_owned()),
        },
    );
    assert_not_loosened(e, &r, &before, &after, instant_of("2021-01-01T00:00:00Z"));
}

/// A minimal policy with an activity on consent, then contract, with automated decisions.
const CONSENT_THEN_CONTRACT: &str = r#"
format = 1
id = "mini"
title = "Mini"

[controller]
name = "Mini AB"
country = "SE"
time_zone = "Europe/Stockholm"
contact = { email = "dpo@mini.example" }

[[activity]]
id = "club"
name = "club membership"
purposes = ["service.contract"]
bases = ["consent", "contract"]
subjects = ["customer"]
categories = ["contact.email"]
automated_decision = { legal_effects = true }
"#;

fn mini() -> Engine {
    Engine::new(gdpr_policy::format::from_toml_str(CONSENT_THEN_CONTRACT).unwrap())
}

/// Bug (not reachable with the seeds, none of which lists consent before another basis): a
/// child's consent without parental authorisation adds a violated `child-consent` reason at
/// once, even when a later basis (here the contract) holds, so the deny stands; withdrawing
/// the child's consent removes that reason and the contract permits.
#[test]
fn bug_d_a_failed_child_consent_outlives_a_later_basis() {
    let r = Request::new(
        "club".parse().unwrap(),
        vec!["contact.email".parse().unwrap()],
        Operation::Use,
    );
    let before = subject_of(
        r#"{"kind": "customer", "age": 10, "relationship": {"start": "2020-01-01T00:00:00Z"},
            "consents": [{"purpose": "service.contract", "given": "2020-01-01T00:00:00Z"}]}"#,
    );
    let mut after = before.clone();
    after.consents[0].withdrawn = Some(instant_of("2021-01-01T00:00:00Z"));
    assert_not_loosened(
        &mini(),
        &r,
        &before,
        &after,
        instant_of("2024-01-01T00:00:00Z"),
    );
}

/// Bug (not reachable with the seeds, none of which declares an automated decision): Art. 22
/// is checked only against the first basis that holds. With a (non-explicit) consent and a
/// contract in force, consent is relied on and the automated decision denied; withdrawing the
/// consent makes the contract the basis and Art. 22(2)(a) permits.
#[test]
fn bug_e_automated_decision_looks_only_at_the_first_basis_that_holds() {
    let r = Request::new(
        "club".parse().unwrap(),
        vec!["contact.email".parse().unwrap()],
        Operation::AutomatedDecision,
    );
    let before = subject_of(
        r#"{"kind": "customer", "age": 30, "relationship": {"start": "2020-01-01T00:00:00Z"},
            "consents": [{"purpose": "service.contract", "given": "2020-01-01T00:00:00Z"}]}"#,
    );
    let mut after = before.clone();
    after.consents[0].withdrawn = Some(instant_of("2021-01-01T00:00:00Z"));
    assert_not_loosened(
        &mini(),
        &r,
        &before,
        &after,
        instant_of("2024-01-01T00:00:00Z"),
    );
}

/// The seed's policy with basis `k` of purpose `j` of activity `i` removed, written out and read
/// back through the policy file format (every purpose's bases listed in `purpose_bases`).
fn without_basis(policy: &Policy, i: usize, j: usize, k: usize) -> Option<(Engine, String)> {
    use gdpr_policy::model::BasisKind;
    let a = policy.activities().get(i)?;
    let q = a.purposes.get(j)?;
    let removed = q.bases.get(k)?.kind();
    let word = |b: BasisKind| {
        serde_json::to_value(b)
            .unwrap()
            .as_str()
            .unwrap()
            .to_owned()
    };
    let text = gdpr_policy::format::to_toml_string(policy).unwrap();
    let mut wire: gdpr_policy::format::wire::PolicyFile = toml::from_str(&text).unwrap();
    let wa = wire.activities.get_mut(i)?;
    let mut per = BTreeMap::new();
    let mut kept = Vec::new();
    for (jj, qq) in a.purposes.iter().enumerate() {
        let mut kinds: Vec<BasisKind> = qq.bases.iter().map(|b| b.kind()).collect();
        if jj == j {
            kinds.remove(k);
        }
        kept.extend(kinds.iter().copied());
        per.insert(
            qq.id.to_string(),
            kinds.into_iter().map(word).collect::<Vec<_>>(),
        );
    }
    wa.bases = None;
    wa.purpose_bases = per;
    if !kept.contains(&BasisKind::LegitimateInterests) {
        wa.legitimate_interest = None;
    }
    if !kept.contains(&BasisKind::LegalObligation) {
        wa.legal_obligation = None;
    }
    let policy = gdpr_policy::format::from_toml_str(&toml::to_string(&wire).unwrap())
        .unwrap_or_else(|e| panic!("the policy without a basis does not load: {e}"));
    let what = format!("removing {removed} from purpose `{}` of `{}`", q.id, a.id);
    Some((Engine::new(policy), what))
}

/// Removing a basis from a purpose never turns a deny into a permit, with one exception the law
/// makes: without legitimate interests or a public task, an Art. 21(1) objection has nothing to
/// reach (it applies to processing on Art. 6(1)(e) or (f) only), so a contract listed beside
/// them may then carry the purpose. Such cases are skipped here; the audit's view of two bases
/// for one purpose is where that encoding is questioned.
#[test]
fn removing_a_basis_never_permits_what_was_denied() {
    use gdpr_policy::model::BasisKind;
    check(
        &(scenario(), any::<Index>(), any::<Index>(), any::<Index>()),
        |seed, (sc, ai, pi, bi)| {
            let (r, s) = seed.inputs(&sc);
            let policy = seed.engine.policy();
            let i = ai.index(policy.activities().len());
            let a = &policy.activities()[i];
            let j = pi.index(a.purposes.len());
            let Some(q) = a.purposes.get(j) else {
                return Ok(());
            };
            if q.bases.is_empty() {
                return Ok(());
            }
            let k = bi.index(q.bases.len());
            let objectable = matches!(
                q.bases[k].kind(),
                BasisKind::LegitimateInterests | BasisKind::PublicTask
            );
            let objected = s
                .objections
                .iter()
                .any(|o| o.kind == ObjectionKind::ParticularSituation);
            if objectable && objected {
                return Ok(());
            }
            let Some((engine, what)) = without_basis(policy, i, j, k) else {
                return Ok(());
            };
            let before = seed.engine.decide(&r, &s, sc.at);
            let after = engine.decide(&r, &s, sc.at);
            not_loosened(&before, &after, &what, &r, &s, sc.at)
        },
    );
}
