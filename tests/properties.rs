//! Property tests of loading and writing policies, and of period arithmetic.
//!
//! - **Round trip**: a valid policy written as TOML or JSON loads back to an equal policy, and
//!   TOML -> JSON -> TOML gives the same text. Valid policy documents are generated from the
//!   built-in vocabularies (categories, purposes, subjects, bases, anchors, safeguards, rights)
//!   with free text that includes quotes, backslashes, line breaks and control characters. The
//!   bundled `policies/*.toml` that load are round-tripped too.
//! - **Never panics**: arbitrary bytes and strings, and mutations of valid documents (byte ranges
//!   and lines deleted, duplicated, replaced), load to `Ok` or `Err` without panicking. Whatever
//!   of them loads also round-trips.
//! - **Deterministic**: loading the same text twice gives the same result.
//! - **Periods**: `parse(display(p)) == p`, [`Period::after`] is monotonic in the date, and years
//!   and months clamp to the end of the month.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use gdpr_policy::format::wire::{
    ActivityFile, CategoryFile, ControllerFile, DutyFile, NamedFile, PolicyFile, RecipientFile,
    RetentionFile, RightsFile, SubjectFile,
};
use gdpr_policy::format::{from_json_str, from_toml_str, to_json_string, to_toml_string};
use gdpr_policy::law::duty::DutyId;
use gdpr_policy::law::transfer::AdequacyDecision;
use gdpr_policy::model::category::BUILTIN;
use gdpr_policy::model::purpose::{BUILTIN_PURPOSES, BUILTIN_SUBJECTS};
use gdpr_policy::model::{
    AutomatedDecision, Contact, LegalStatus, Policy, RecipientKind, Requirement, Right, SpecialKind,
};
use gdpr_policy::time::{Period, Zone};
use proptest::prelude::*;
use proptest::sample::{Index, select};
use proptest::test_runner::TestCaseError;

// ---------------------------------------------------------------------------------------------
// The file format's vocabularies, as a policy author sees them
// ---------------------------------------------------------------------------------------------

const STATUS_WORDS: &[(&str, LegalStatus)] = &[
    ("ordinary", LegalStatus::Ordinary),
    ("children", LegalStatus::Children),
    ("national_id", LegalStatus::NationalId),
    ("criminal", LegalStatus::Criminal),
    (
        "special.racial_or_ethnic_origin",
        LegalStatus::Special(SpecialKind::RacialOrEthnicOrigin),
    ),
    (
        "special.political_opinions",
        LegalStatus::Special(SpecialKind::PoliticalOpinions),
    ),
    (
        "special.religious_or_philosophical_beliefs",
        LegalStatus::Special(SpecialKind::ReligiousOrPhilosophicalBeliefs),
    ),
    (
        "special.trade_union_membership",
        LegalStatus::Special(SpecialKind::TradeUnionMembership),
    ),
    (
        "special.genetic",
        LegalStatus::Special(SpecialKind::Genetic),
    ),
    (
        "special.biometric",
        LegalStatus::Special(SpecialKind::Biometric),
    ),
    ("special.health", LegalStatus::Special(SpecialKind::Health)),
    (
        "special.sex_life_or_orientation",
        LegalStatus::Special(SpecialKind::SexLifeOrOrientation),
    ),
];

const BASES: &[&str] = &[
    "consent",
    "contract",
    "legal_obligation",
    "vital_interests",
    "public_task",
    "legitimate_interests",
];

const CONDITIONS: &[&str] = &[
    "explicit_consent",
    "employment",
    "vital_interests",
    "not_for_profit",
    "made_public",
    "legal_claims",
    "substantial_public_interest",
    "health_or_social_care",
    "public_health",
    "archiving_or_research",
];

const PROVENANCES: &[&str] = &["subject", "observed", "derived", "third_party", "public"];

const ANCHORS: &[&str] = &[
    "collection",
    "end_of_relationship",
    "consent_withdrawal",
    "end_of_fiscal_year",
    "end_of_calendar_year_of_fiscal_year_end",
    "event",
];

const COUNTRIES: &[&str] = &[
    "SE", "FI", "DE", "NO", "IS", "US", "GB", "CH", "BR", "JP", "KR", "IN", "CN",
];

/// Every safeguard word a recipient may list.
fn safeguard_words() -> Vec<String> {
    let mut words: Vec<String> = [
        "adequacy",
        "scc",
        "scc_legacy",
        "bcr",
        "public_authority_instrument",
        "code_of_conduct",
        "certification",
        "authorised_clauses",
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .collect();
    for d in AdequacyDecision::ALL {
        let word = serde_json::to_value(d).unwrap();
        words.push(format!("adequacy.{}", word.as_str().unwrap()));
    }
    for c in 'a'..='g' {
        words.push(format!("derogation.{c}"));
    }
    words
}

// ---------------------------------------------------------------------------------------------
// Strategies for the pieces of a valid policy
// ---------------------------------------------------------------------------------------------

/// Free text that is not blank: mostly plain, sometimes with characters that need escaping.
fn text() -> impl Strategy<Value = String> {
    let awkward = select(vec![
        "\n", "\r\n", "\r", "\t", "\\", "\"", "'", "\"\"\"", "'''", "\u{0}", "\u{1f}", "\u{7f}",
        "\u{feff}", "\u{2028}", "#", "=", "[x]", "{}", "åäö", "🦀",
    ]);
    prop_oneof![
        4 => "[A-Za-z][A-Za-z0-9 ,.:;()/-]{0,24}",
        1 => ("[A-Za-z ]{0,6}", awkward, "[A-Za-z ]{0,6}").prop_map(|(a, b, c)| format!("{a}{b}{c}")),
        1 => "\\PC{1,16}",
        1 => any::<String>(),
    ]
    .prop_filter("blank", |s| !s.trim().is_empty())
}

fn opt_text() -> impl Strategy<Value = Option<String>> {
    proptest::option::of(text())
}

/// An event name: a valid id.
fn event_name() -> impl Strategy<Value = String> {
    "[a-z][a-z0-9_]{0,10}(\\.[a-z][a-z0-9_]{0,5})?"
}

/// A period, as a policy may write it (compact, with weeks, or ISO 8601).
fn period_text(non_zero: bool) -> impl Strategy<Value = String> {
    (0u32..=12, 0u32..=30, 0u32..=400, 0u8..3)
        .prop_filter("zero", move |(y, m, d, _)| !non_zero || y + m + d > 0)
        .prop_map(|(y, m, d, style)| match style {
            0 => Period::new(y, m, d).unwrap().to_string(),
            1 => format!("P{y}Y{m}M{d}D"),
            _ => {
                let mut s = String::new();
                if y > 0 {
                    s.push_str(&format!("{y}y"));
                }
                if m > 0 {
                    s.push_str(&format!("{m}m"));
                }
                if d >= 7 {
                    s.push_str(&format!("{}w", d / 7));
                }
                if d % 7 > 0 || s.is_empty() {
                    s.push_str(&format!("{}d", d % 7));
                }
                s
            }
        })
}

fn date_text() -> impl Strategy<Value = String> {
    (1i32..=9999, 1u32..=366).prop_filter_map("no such day", |(y, o)| {
        NaiveDate::from_yo_opt(y, o).map(|d| d.format("%Y-%m-%d").to_string())
    })
}

fn contact() -> impl Strategy<Value = Contact> {
    (opt_text(), opt_text(), opt_text(), opt_text()).prop_map(|(name, email, phone, web)| Contact {
        name,
        email,
        phone,
        web,
    })
}

fn country() -> impl Strategy<Value = String> {
    prop_oneof![3 => select(COUNTRIES).prop_map(str::to_owned), 1 => "[A-Z]{2}"]
}

fn controller() -> impl Strategy<Value = ControllerFile> {
    let zones: Vec<&'static str> = Zone::all_names().collect();
    let fiscal = proptest::option::of((1u32..=365).prop_map(|o| {
        NaiveDate::from_yo_opt(2025, o)
            .unwrap()
            .format("%m-%d")
            .to_string()
    }));
    (
        text(),
        opt_text(),
        country(),
        opt_text(),
        select(zones),
        fiscal,
        contact(),
        proptest::option::of(contact()),
    )
        .prop_map(
            |(name, identity_number, country, address, zone, fiscal_year_end, contact, dpo)| {
                ControllerFile {
                    name,
                    identity_number,
                    country,
                    address,
                    time_zone: zone.to_owned(),
                    fiscal_year_end,
                    contact,
                    dpo,
                }
            },
        )
}

#[derive(Debug, Clone)]
struct RawCategory {
    parent: Index,
    name: String,
    status: Option<Index>,
}

fn raw_category() -> impl Strategy<Value = RawCategory> {
    (any::<Index>(), text(), proptest::option::of(any::<Index>())).prop_map(
        |(parent, name, status)| RawCategory {
            parent,
            name,
            status,
        },
    )
}

#[derive(Debug, Clone)]
struct RawNamed {
    parent: Index,
    name: String,
}

fn raw_named() -> impl Strategy<Value = RawNamed> {
    (any::<Index>(), text()).prop_map(|(parent, name)| RawNamed { parent, name })
}

fn recipient_kind() -> impl Strategy<Value = RecipientKind> {
    select(vec![
        RecipientKind::Processor,
        RecipientKind::Controller,
        RecipientKind::JointController,
        RecipientKind::Authority,
    ])
}

#[derive(Debug, Clone)]
struct RawRecipient {
    name: String,
    kind: RecipientKind,
    location: String,
    safeguards: Vec<Index>,
    certified: bool,
}

fn raw_recipient() -> impl Strategy<Value = RawRecipient> {
    let location = prop_oneof![
        Just("EEA".to_owned()),
        Just("third_country".to_owned()),
        Just("unknown".to_owned()),
        country(),
    ];
    (
        text(),
        recipient_kind(),
        location,
        proptest::collection::vec(any::<Index>(), 0..4),
        any::<bool>(),
    )
        .prop_map(
            |(name, kind, location, safeguards, certified)| RawRecipient {
                name,
                kind,
                location,
                safeguards,
                certified,
            },
        )
}

#[derive(Debug, Clone)]
struct RawDuty {
    citation: String,
    categories: Vec<Index>,
    period: String,
    after: Index,
    event: String,
    limitation: bool,
}

fn raw_duty() -> impl Strategy<Value = RawDuty> {
    (
        text(),
        proptest::collection::vec(any::<Index>(), 1..4),
        period_text(false),
        any::<Index>(),
        event_name(),
        any::<bool>(),
    )
        .prop_map(
            |(citation, categories, period, after, event, limitation)| RawDuty {
                citation,
                categories,
                period,
                after,
                event,
                limitation,
            },
        )
}

#[derive(Debug, Clone)]
enum RawRetention {
    After {
        period: String,
        after: Index,
        event: String,
    },
    Until {
        review: Option<String>,
        criteria: Option<String>,
    },
}

fn raw_retention() -> impl Strategy<Value = RawRetention> {
    prop_oneof![
        (period_text(false), any::<Index>(), event_name()).prop_map(|(period, after, event)| {
            RawRetention::After {
                period,
                after,
                event,
            }
        }),
        (proptest::option::of(period_text(true)), opt_text())
            .prop_map(|(review, criteria)| RawRetention::Until { review, criteria }),
    ]
}

#[derive(Debug, Clone)]
struct RawActivity {
    name: String,
    purposes: Vec<Index>,
    bases: Vec<Index>,
    legitimate_interest: Option<String>,
    legal_obligation: Option<String>,
    condition: Index,
    criminal_authorisation: String,
    national_id_justification: Option<String>,
    subjects: Vec<Index>,
    categories: Vec<Index>,
    provenance: Vec<(Index, Index)>,
    role: u8,
    on_behalf_of: String,
    retention: Option<RawRetention>,
    duties: Vec<Index>,
    recipients: Vec<Index>,
    automated_decision: Option<AutomatedDecision>,
    requirement: Option<Requirement>,
    withdrawal: Option<String>,
}

fn automated_decision() -> impl Strategy<Value = AutomatedDecision> {
    (any::<bool>(), opt_text()).prop_map(|(legal_effects, logic)| AutomatedDecision {
        legal_effects,
        logic,
    })
}

fn requirement() -> impl Strategy<Value = Requirement> {
    select(vec![
        Requirement::Statutory,
        Requirement::Contractual,
        Requirement::ContractPrerequisite,
        Requirement::Voluntary,
    ])
}

fn raw_activity() -> impl Strategy<Value = RawActivity> {
    use proptest::collection::vec;
    let head = (
        text(),
        vec(any::<Index>(), 1..4),
        vec(any::<Index>(), 1..4),
        opt_text(),
        opt_text(),
        any::<Index>(),
        text(),
        opt_text(),
        vec(any::<Index>(), 1..3),
        vec(any::<Index>(), 1..6),
        vec((any::<Index>(), any::<Index>()), 0..3),
    );
    let tail = (
        0u8..3,
        text(),
        proptest::option::of(raw_retention()),
        vec(any::<Index>(), 0..3),
        vec(any::<Index>(), 0..3),
        proptest::option::of(automated_decision()),
        proptest::option::of(requirement()),
        opt_text(),
    );
    (head, tail).prop_map(
        |(
            (name, purposes, bases, li, lo, condition, crim, natid, subjects, categories, prov),
            (role, on_behalf_of, retention, duties, recipients, automated, req, withdrawal),
        )| RawActivity {
            name,
            purposes,
            bases,
            legitimate_interest: li,
            legal_obligation: lo,
            condition,
            criminal_authorisation: crim,
            national_id_justification: natid,
            subjects,
            categories,
            provenance: prov,
            role,
            on_behalf_of,
            retention,
            duties,
            recipients,
            automated_decision: automated,
            requirement: req,
            withdrawal,
        },
    )
}

fn rights() -> impl Strategy<Value = RightsFile> {
    let authority = proptest::option::of(prop_oneof![
        select(vec![
            "Integritetsskyddsmyndigheten",
            "IMY",
            "Datainspektionen",
            "Tietosuojavaltuutettu",
        ])
        .prop_map(str::to_owned),
        text(),
    ]);
    (
        proptest::collection::vec(any::<Index>(), 0..6),
        proptest::collection::vec(text(), 0..3),
        opt_text(),
        (0u8..3, period_text(false), text()),
        authority,
        opt_text(),
    )
        .prop_map(
            |(offered, channels, identification, (rt, period, vague), complaint, effect)| {
                RightsFile {
                    offered: pick(&offered, &Right::ALL).into_iter().copied().collect(),
                    channels,
                    identification,
                    response_time: (rt == 1).then_some(period),
                    response_time_text: (rt == 2).then_some(vague),
                    complaint_authority: complaint,
                    restriction_effect: effect,
                }
            },
        )
}

/// The elements of `pool` that `ix` picks, without repeats, in order of first pick.
fn pick<'a, T: PartialEq>(ix: &[Index], pool: &'a [T]) -> Vec<&'a T> {
    let mut out: Vec<&T> = Vec::new();
    if pool.is_empty() {
        return out;
    }
    for i in ix {
        let x = i.get(pool);
        if !out.contains(&x) {
            out.push(x);
        }
    }
    out
}

/// A valid policy document: every reference resolves and every Art. 9/10 condition is set.
fn policy_file() -> impl Strategy<Value = PolicyFile> {
    use proptest::collection::vec;
    let document = (
        text(),
        text(),
        proptest::option::of(select(vec!["sv", "fi", "en", "sv-SE"]).prop_map(str::to_owned)),
        proptest::option::of(date_text()),
    );
    let vocabulary = (
        vec(raw_category(), 0..4),
        vec(raw_named(), 0..3),
        vec(raw_named(), 0..3),
        vec(raw_recipient(), 0..4),
        vec(raw_duty(), 0..3),
    );
    (
        document,
        controller(),
        vocabulary,
        vec(raw_activity(), 1..4),
        rights(),
    )
        .prop_map(|(doc, controller, vocab, activities, rights)| {
            build(doc, controller, vocab, activities, rights)
        })
}

type RawDocument = (String, String, Option<String>, Option<String>);
type RawVocabulary = (
    Vec<RawCategory>,
    Vec<RawNamed>,
    Vec<RawNamed>,
    Vec<RawRecipient>,
    Vec<RawDuty>,
);

/// Resolves the raw choices into a policy file.
fn build(
    (id, title, language, effective_from): RawDocument,
    controller: ControllerFile,
    (raw_cats, raw_purposes, raw_subjects, raw_recipients, raw_duties): RawVocabulary,
    raw_activities: Vec<RawActivity>,
    rights: RightsFile,
) -> PolicyFile {
    // Categories: built-in ones, then declared ones below any earlier category.
    let mut cats: Vec<(String, LegalStatus)> =
        BUILTIN.iter().map(|b| (b.0.to_owned(), b.2)).collect();
    let mut categories = Vec::new();
    for (i, rc) in raw_cats.iter().enumerate() {
        let (parent, parent_status) = rc.parent.get(&cats).clone();
        let allowed: Vec<&(&str, LegalStatus)> = STATUS_WORDS
            .iter()
            .filter(|(_, s)| s.rank() >= parent_status.rank())
            .collect();
        let status = rc.status.as_ref().map(|ix| *ix.get(&allowed));
        let id = format!("{parent}.x{i}");
        cats.push((id.clone(), status.map_or(parent_status, |s| s.1)));
        categories.push(CategoryFile {
            id,
            name: rc.name.clone(),
            status: status.map(|s| s.0.to_owned()),
        });
    }
    let cat_ids: Vec<String> = cats.iter().map(|c| c.0.clone()).collect();
    let status_of = |id: &str| cats.iter().find(|c| c.0 == id).map(|c| c.1);

    let mut purpose_ids: Vec<String> = BUILTIN_PURPOSES.iter().map(|p| p.0.to_owned()).collect();
    let mut purposes = Vec::new();
    for (i, rp) in raw_purposes.iter().enumerate() {
        let id = format!("{}.p{i}", rp.parent.get(&purpose_ids));
        purpose_ids.push(id.clone());
        purposes.push(NamedFile {
            id,
            name: rp.name.clone(),
        });
    }
    let mut subject_ids: Vec<String> = BUILTIN_SUBJECTS.iter().map(|s| s.0.to_owned()).collect();
    let mut subjects = Vec::new();
    for (i, rs) in raw_subjects.iter().enumerate() {
        let id = format!("s{i}_kind");
        subject_ids.push(id.clone());
        subjects.push(SubjectFile {
            id,
            name: rs.name.clone(),
            party_to_contract: i % 2 == 0,
        });
    }

    let words = safeguard_words();
    let recipients: Vec<RecipientFile> = raw_recipients
        .iter()
        .enumerate()
        .map(|(i, r)| RecipientFile {
            id: format!("r{i}"),
            name: r.name.clone(),
            kind: r.kind,
            location: r.location.clone(),
            safeguards: pick(&r.safeguards, &words).into_iter().cloned().collect(),
            certified: r.certified,
        })
        .collect();
    let recipient_ids: Vec<String> = recipients.iter().map(|r| r.id.clone()).collect();

    let duties: Vec<DutyFile> = raw_duties
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let after = *d.after.get(ANCHORS);
            DutyFile {
                id: format!("d{i}.own"),
                citation: d.citation.clone(),
                categories: pick(&d.categories, &cat_ids).into_iter().cloned().collect(),
                period: d.period.clone(),
                after: after.to_owned(),
                event: (after == "event").then(|| d.event.clone()),
                limitation: d.limitation,
            }
        })
        .collect();
    let mut duty_ids: Vec<String> = DutyId::ALL.iter().map(|d| d.as_str().to_owned()).collect();
    duty_ids.extend(duties.iter().map(|d| d.id.clone()));

    let activities = raw_activities
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let bases: Vec<String> = pick(&a.bases, BASES)
                .into_iter()
                .map(|b| (*b).to_owned())
                .collect();
            let has = |b: &str| bases.iter().any(|x| x == b);
            let categories: Vec<String> =
                pick(&a.categories, &cat_ids).into_iter().cloned().collect();
            let statuses: Vec<LegalStatus> =
                categories.iter().filter_map(|c| status_of(c)).collect();
            let special = statuses
                .iter()
                .any(|s| matches!(s, LegalStatus::Special(_)));
            let criminal = statuses.contains(&LegalStatus::Criminal);
            let national_id = statuses.contains(&LegalStatus::NationalId);
            let provenance: BTreeMap<String, String> = a
                .provenance
                .iter()
                .map(|(c, p)| (c.get(&categories).clone(), (*p.get(PROVENANCES)).to_owned()))
                .collect();
            let (role, on_behalf_of) = match a.role {
                0 => (None, None),
                1 => (Some("controller".to_owned()), None),
                _ => (Some("processor".to_owned()), Some(a.on_behalf_of.clone())),
            };
            let retention = a.retention.as_ref().map(|r| match r {
                RawRetention::After {
                    period,
                    after,
                    event,
                } => {
                    let after = *after.get(ANCHORS);
                    RetentionFile {
                        period: Some(period.clone()),
                        after: Some(after.to_owned()),
                        event: (after == "event").then(|| event.clone()),
                        ..RetentionFile::default()
                    }
                }
                RawRetention::Until { review, criteria } => RetentionFile {
                    until: Some("purpose_ends".to_owned()),
                    review: review.clone(),
                    criteria: criteria.clone(),
                    ..RetentionFile::default()
                },
            });
            // Odd activities with several purposes give the first its own bases (the first
            // of the shared list) in `purpose_bases`; the others keep the short form.
            let purposes: Vec<String> = pick(&a.purposes, &purpose_ids)
                .into_iter()
                .cloned()
                .collect();
            let purpose_bases: BTreeMap<String, Vec<String>> = match (purposes.first(), i % 2) {
                (Some(first), 1) if purposes.len() > 1 => {
                    [(first.clone(), bases.iter().take(1).cloned().collect())].into()
                }
                _ => BTreeMap::new(),
            };
            ActivityFile {
                id: format!("a{i}"),
                name: a.name.clone(),
                purposes,
                purpose_bases,
                offered_to_children: i % 2 == 1,
                legitimate_interest: a
                    .legitimate_interest
                    .clone()
                    .filter(|_| has("legitimate_interests")),
                legal_obligation: a
                    .legal_obligation
                    .clone()
                    .filter(|_| has("legal_obligation")),
                bases: Some(bases),
                special_condition: special.then(|| (*a.condition.get(CONDITIONS)).to_owned()),
                criminal_authorisation: criminal.then(|| a.criminal_authorisation.clone()),
                national_id_justification: a
                    .national_id_justification
                    .clone()
                    .filter(|_| national_id),
                subjects: pick(&a.subjects, &subject_ids)
                    .into_iter()
                    .cloned()
                    .collect(),
                categories,
                provenance,
                role,
                on_behalf_of,
                retention,
                duties: pick(&a.duties, &duty_ids).into_iter().cloned().collect(),
                recipients: pick(&a.recipients, &recipient_ids)
                    .into_iter()
                    .cloned()
                    .collect(),
                automated_decision: a.automated_decision.clone(),
                requirement: a.requirement,
                withdrawal: a.withdrawal.clone(),
            }
        })
        .collect();

    PolicyFile {
        format: 1,
        id,
        title,
        language,
        effective_from,
        controller,
        categories,
        purposes,
        subjects,
        recipients,
        duties,
        activities,
        rights,
    }
}

// ---------------------------------------------------------------------------------------------
// Round trips
// ---------------------------------------------------------------------------------------------

/// Checks that `p` survives TOML, JSON, and TOML -> JSON -> TOML.
fn check_round_trips(p: &Policy) -> Result<(), String> {
    let toml = to_toml_string(p).map_err(|e| format!("to_toml_string: {e}"))?;
    let from_toml = from_toml_str(&toml).map_err(|e| format!("{e}\n--- written toml:\n{toml}"))?;
    if &from_toml != p {
        return Err(format!(
            "TOML round trip differs\n--- written toml:\n{toml}\n--- before:\n{p:#?}\n--- after:\n{from_toml:#?}"
        ));
    }
    let json = to_json_string(p).map_err(|e| format!("to_json_string: {e}"))?;
    let from_json = from_json_str(&json).map_err(|e| format!("{e}\n--- written json:\n{json}"))?;
    if &from_json != p {
        return Err(format!(
            "JSON round trip differs\n--- written json:\n{json}\n--- before:\n{p:#?}\n--- after:\n{from_json:#?}"
        ));
    }
    // TOML -> JSON -> TOML: the same policy, and the same text.
    let json2 = to_json_string(&from_toml).map_err(|e| format!("to_json_string: {e}"))?;
    let via_json = from_json_str(&json2).map_err(|e| format!("{e}\n--- written json:\n{json2}"))?;
    let toml2 = to_toml_string(&via_json).map_err(|e| format!("to_toml_string: {e}"))?;
    let back = from_toml_str(&toml2).map_err(|e| format!("{e}\n--- written toml:\n{toml2}"))?;
    if &back != p {
        return Err(format!(
            "TOML -> JSON -> TOML differs\n--- toml:\n{toml2}\n--- before:\n{p:#?}\n--- after:\n{back:#?}"
        ));
    }
    if toml2 != toml {
        return Err(format!(
            "TOML -> JSON -> TOML changed the text\n--- first:\n{toml}\n--- second:\n{toml2}"
        ));
    }
    Ok(())
}

/// `n` cases, or `PROPTEST_CASES` when set (for a longer run).
fn cases(n: u32) -> ProptestConfig {
    let n = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(n);
    ProptestConfig {
        cases: n,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(cases(64))]

    /// Generated documents load, the same from TOML and from JSON, and survive writing back.
    #[test]
    fn generated_policies_round_trip(file in policy_file()) {
        let toml = toml::to_string(&file).unwrap();
        let p = match from_toml_str(&toml) {
            Ok(p) => p,
            Err(e) => return Err(TestCaseError::fail(format!(
                "generated policy does not load: {e}\n--- toml:\n{toml}"
            ))),
        };
        let json = serde_json::to_string(&file).unwrap();
        let pj = from_json_str(&json).map_err(|e| TestCaseError::fail(format!(
            "generated policy does not load from JSON: {e}\n--- json:\n{json}"
        )))?;
        prop_assert_eq!(&pj, &p, "TOML and JSON of the same document load differently");
        check_round_trips(&p).map_err(TestCaseError::fail)?;
    }

    /// Loading the same text twice gives the same result, to the last problem.
    #[test]
    fn loading_is_deterministic(file in policy_file(), cut in any::<Index>()) {
        let toml = toml::to_string(&file).unwrap();
        // The whole document, and a prefix of it (usually invalid).
        let end = cut.index(toml.len() + 1);
        let prefix = String::from_utf8_lossy(&toml.as_bytes()[..end]).into_owned();
        for text in [&toml, &prefix] {
            let a = format!("{:?}", from_toml_str(text));
            let b = format!("{:?}", from_toml_str(text));
            prop_assert_eq!(a, b);
            let a = from_json_str(text).map_err(|e| e.to_string());
            let b = from_json_str(text).map_err(|e| e.to_string());
            prop_assert_eq!(format!("{a:?}"), format!("{b:?}"));
        }
    }
}

/// Every bundled policy that loads (others are still being written) survives writing back.
#[test]
fn bundled_policies_round_trip() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/policies");
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<_> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    paths.sort();
    let mut failures = Vec::new();
    for path in paths {
        let Ok(policy) = gdpr_policy::format::load_file(&path) else {
            eprintln!("skipping {}: does not load yet", path.display());
            continue;
        };
        if let Err(e) = check_round_trips(&policy) {
            failures.push(format!("{}: {e}", path.display()));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

// ---------------------------------------------------------------------------------------------
// Never panics
// ---------------------------------------------------------------------------------------------

/// A small valid policy, the starting point of mutations.
const EXAMPLE: &str = r#"format = 1
id = "example"
title = "Example notice"
language = "sv"
effective_from = "2024-05-01"

[controller]
name = "Example AB"
country = "SE"
time_zone = "Europe/Stockholm"
fiscal_year_end = "06-30"
contact = { email = "privacy@example.se" }

[[category]]
id = "contact.email.work"
name = "work e-mail"

[[purpose]]
id = "marketing.direct.events"
name = "invitations to events"

[[recipient]]
id = "crm"
name = "CRM provider"
kind = "processor"
location = "US"
safeguards = ["adequacy.us_data_privacy_framework", "scc"]
certified = true

[[duty]]
id = "se.ml.invoices"
citation = "Mervärdesskattelag (2023:200) 17 kap. 31 §"
categories = ["financial.invoice"]
period = "7y"
after = "end_of_calendar_year_of_fiscal_year_end"

[[activity]]
id = "orders"
name = "handling orders"
purposes = ["service.contract", "billing"]
bases = ["contract", "legal_obligation"]
legal_obligation = "Bokföringslagen (1999:1078)"
subjects = ["customer"]
categories = ["identity.name", "contact.email.work", "financial.invoice", "health"]
special_condition = "explicit_consent"
provenance = { "identity.name" = "third_party" }
retention = { period = "7y", after = "end_of_fiscal_year" }
duties = ["se.bfl", "se.ml.invoices"]
recipients = ["crm"]

[[activity]]
id = "newsletter"
name = "newsletter"
purposes = ["marketing.direct.events"]
bases = ["consent"]
subjects = ["newsletter_subscriber"]
categories = ["contact.email"]
retention = { until = "purpose_ends", review = "1y", criteria = "until unsubscribed" }
withdrawal = "link in every e-mail"

[rights]
offered = ["access", "erasure", "complaint"]
channels = ["e-mail"]
response_time = "1m"
complaint_authority = "IMY"
"#;

/// The texts mutations start from: the example in TOML and JSON, and every bundled policy.
fn corpus() -> Vec<String> {
    let example = from_toml_str(EXAMPLE).unwrap_or_else(|e| panic!("EXAMPLE must load: {e}"));
    let mut texts = vec![EXAMPLE.to_owned(), to_json_string(&example).unwrap()];
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/policies");
    if let Ok(entries) = std::fs::read_dir(dir) {
        let mut paths: Vec<_> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
        paths.sort();
        for path in paths {
            if path.extension().is_some_and(|x| x == "toml")
                && let Ok(text) = std::fs::read_to_string(&path)
            {
                texts.push(text);
            }
        }
    }
    texts
}

/// One edit of a text.
#[derive(Debug, Clone)]
enum Mutation {
    DeleteBytes(Index, usize),
    DuplicateBytes(Index, usize),
    ReplaceBytes(Index, usize, Vec<u8>),
    InsertText(Index, String),
    DeleteLine(Index),
    DuplicateLine(Index),
    ReplaceLine(Index, String),
    SwapLines(Index, Index),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let snippet = prop_oneof![
        select(vec![
            "[",
            "]",
            "{",
            "}",
            "\"",
            "'",
            "=",
            ",",
            ".",
            "\n",
            "[[activity]]",
            "[rights]",
            "x = 1",
            "\"\"\"",
            "'''",
            "\\u",
            "null",
            "true",
            "-1",
            "1e999",
            "99999999999999999999",
            "2024-13-45",
            "P",
            "0d",
            "151y",
            "special.health",
            "adequacy.",
            "derogation.z",
            "\u{0}",
            "\u{feff}",
            "é",
            "🦀",
        ])
        .prop_map(str::to_owned),
        "\\PC{0,12}",
    ];
    prop_oneof![
        (any::<Index>(), 1usize..64).prop_map(|(i, n)| Mutation::DeleteBytes(i, n)),
        (any::<Index>(), 1usize..64).prop_map(|(i, n)| Mutation::DuplicateBytes(i, n)),
        (
            any::<Index>(),
            0usize..16,
            proptest::collection::vec(any::<u8>(), 0..8)
        )
            .prop_map(|(i, n, b)| Mutation::ReplaceBytes(i, n, b)),
        (any::<Index>(), snippet.clone()).prop_map(|(i, s)| Mutation::InsertText(i, s)),
        any::<Index>().prop_map(Mutation::DeleteLine),
        any::<Index>().prop_map(Mutation::DuplicateLine),
        (any::<Index>(), snippet).prop_map(|(i, s)| Mutation::ReplaceLine(i, s)),
        (any::<Index>(), any::<Index>()).prop_map(|(a, b)| Mutation::SwapLines(a, b)),
    ]
}

fn apply(text: &str, m: &Mutation) -> String {
    let mut bytes = text.as_bytes().to_vec();
    let len = bytes.len();
    let range = |i: &Index, n: usize| {
        let start = i.index(len + 1);
        (start, (start + n).min(len))
    };
    let mut lines: Vec<&str> = text.split_inclusive('\n').collect();
    let line_edit = !lines.is_empty();
    match m {
        Mutation::DeleteBytes(i, n) => {
            let (a, b) = range(i, *n);
            bytes.drain(a..b);
        }
        Mutation::DuplicateBytes(i, n) => {
            let (a, b) = range(i, *n);
            let copy = bytes[a..b].to_vec();
            bytes.splice(b..b, copy);
        }
        Mutation::ReplaceBytes(i, n, with) => {
            let (a, b) = range(i, *n);
            bytes.splice(a..b, with.iter().copied());
        }
        Mutation::InsertText(i, s) => {
            let (a, _) = range(i, 0);
            bytes.splice(a..a, s.bytes());
        }
        Mutation::DeleteLine(i) if line_edit => {
            lines.remove(i.index(lines.len()));
            return lines.concat();
        }
        Mutation::DuplicateLine(i) if line_edit => {
            let k = i.index(lines.len());
            lines.insert(k, lines[k]);
            return lines.concat();
        }
        Mutation::ReplaceLine(i, s) if line_edit => {
            let k = i.index(lines.len());
            let with = format!("{s}\n");
            let mut out: Vec<&str> = lines.clone();
            out[k] = &with;
            return out.concat();
        }
        Mutation::SwapLines(a, b) if line_edit => {
            let (a, b) = (a.index(lines.len()), b.index(lines.len()));
            lines.swap(a, b);
            return lines.concat();
        }
        _ => {}
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

/// Loads `text` both ways; whatever loads must round-trip, and loading must be deterministic.
fn load_anything(text: &str) -> Result<(), TestCaseError> {
    for load in [from_toml_str, from_json_str] {
        let first = load(text);
        let again = load(text);
        prop_assert_eq!(format!("{first:?}"), format!("{again:?}"));
        match first {
            Ok(p) => check_round_trips(&p)
                .map_err(|e| TestCaseError::fail(format!("{e}\n--- loaded from:\n{text}")))?,
            Err(e) => {
                // Rendering the error must not panic either.
                let _ = e.to_string();
                let _ = e.problems();
            }
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(cases(256))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        load_anything(&String::from_utf8_lossy(&bytes))?;
    }

    #[test]
    fn arbitrary_strings_never_panic(s in any::<String>()) {
        load_anything(&s)?;
    }

    #[test]
    fn structured_noise_never_panics(
        s in "(format = 1\n|id = \"x\"\n|title = \"t\"\n|\\[controller\\]\n|\\[\\[activity\\]\\]\n|\
              \\[rights\\]\n|[a-z_]{1,12} = (\"[^\"\n]{0,8}\"|[0-9]{1,3}|true|\\[\\]|\\{\\})\n|\
              [{}\\[\\]\":,]){0,40}"
    ) {
        load_anything(&s)?;
    }

    #[test]
    fn arbitrary_periods_never_panic(s in "\\PC{0,12}|P?[0-9ymwdYMWD]{0,12}") {
        let _ = s.parse::<Period>();
    }
}

#[test]
fn mutated_documents_never_panic() {
    let corpus = corpus();
    proptest!(cases(256), |(
        base in select(corpus.clone()),
        edits in proptest::collection::vec(mutation(), 1..4),
    )| {
        let mut text = base;
        for m in &edits {
            text = apply(&text, m);
        }
        load_anything(&text)?;
    });
}

proptest! {
    #![proptest_config(cases(32))]

    /// Mutations of generated documents: never a panic, and whatever still loads round-trips.
    #[test]
    fn mutated_generated_documents_never_panic(
        file in policy_file(),
        edits in proptest::collection::vec(mutation(), 1..3),
    ) {
        let mut text = toml::to_string(&file).unwrap();
        for m in &edits {
            text = apply(&text, m);
        }
        load_anything(&text)?;
        let mut json = serde_json::to_string_pretty(&file).unwrap();
        for m in &edits {
            json = apply(&json, m);
        }
        load_anything(&json)?;
    }
}

/// Nesting far past the limit is an error, not a stack overflow.
#[test]
fn deep_nesting_is_an_error() {
    for depth in [40, 200, 5_000] {
        let arrays = format!("format = {}1{}\n", "[".repeat(depth), "]".repeat(depth));
        assert!(from_toml_str(&arrays).is_err(), "toml arrays {depth}");
        let tables = format!("x = {}1{}\n", "{a = ".repeat(depth), "}".repeat(depth));
        assert!(
            from_toml_str(&tables).is_err(),
            "toml inline tables {depth}"
        );
        let dotted = format!("{} = 1\n", vec!["a"; depth].join("."));
        assert!(from_toml_str(&dotted).is_err(), "toml dotted keys {depth}");
        let json = format!("{}1{}", "[".repeat(depth), "]".repeat(depth));
        assert!(from_json_str(&json).is_err(), "json arrays {depth}");
        let json = format!("{}1{}", "{\"a\":".repeat(depth), "}".repeat(depth));
        assert!(from_json_str(&json).is_err(), "json objects {depth}");
    }
}

/// Values the loader accepts although they are not written the canonical way: whatever loads
/// must still round-trip (the writer normalises, the reader must accept what the writer wrote).
#[test]
fn odd_but_accepted_values_round_trip() {
    let edits: &[(&str, &str)] = &[
        (
            "effective_from = \"2024-05-01\"",
            "effective_from = \"0000-01-01\"",
        ),
        (
            "effective_from = \"2024-05-01\"",
            "effective_from = \"0999-12-31\"",
        ),
        (
            "effective_from = \"2024-05-01\"",
            "effective_from = \"9999-12-31\"",
        ),
        (
            "effective_from = \"2024-05-01\"",
            "effective_from = \"10000-01-01\"",
        ),
        (
            "effective_from = \"2024-05-01\"",
            "effective_from = \"+10000-01-01\"",
        ),
        (
            "effective_from = \"2024-05-01\"",
            "effective_from = \"262142-12-31\"",
        ),
        (
            "effective_from = \"2024-05-01\"",
            "effective_from = \"-0001-01-01\"",
        ),
        (
            "effective_from = \"2024-05-01\"",
            "effective_from = \"-1-01-01\"",
        ),
        (
            "effective_from = \"2024-05-01\"",
            "effective_from = \"2024-5-1\"",
        ),
        (
            "effective_from = \"2024-05-01\"",
            "effective_from = 2024-05-01",
        ),
        (
            "effective_from = \"2024-05-01\"",
            "effective_from = 2024-05-01T00:00:00Z",
        ),
        ("fiscal_year_end = \"06-30\"", "fiscal_year_end = \"+6-30\""),
        ("fiscal_year_end = \"06-30\"", "fiscal_year_end = \"02-28\""),
        ("fiscal_year_end = \"06-30\"", "fiscal_year_end = \"02-29\""),
        ("period = \"7y\"", "period = \"P7Y0M0D\""),
        ("period = \"7y\"", "period = \"0000007y\""),
        ("period = \"7y\"", "period = \"0d\""),
        ("period = \"7y\"", "period = \"150y\""),
        ("period = \"7y\"", "period = \"54900d\""),
        ("period = \"7y\"", "period = \"Pm\""),
        ("review = \"1y\"", "review = \"P52W\""),
        ("response_time = \"1m\"", "response_time = \"0d\""),
        ("time_zone = \"Europe/Stockholm\"", "time_zone = \"UTC\""),
        (
            "time_zone = \"Europe/Stockholm\"",
            "time_zone = \"europe/stockholm\"",
        ),
        (
            "time_zone = \"Europe/Stockholm\"",
            "time_zone = \"Etc/GMT+5\"",
        ),
        ("location = \"US\"", "location = \"EEA\""),
        ("format = 1", "format = 1.0"),
        ("format = 1", "format = 0x1"),
        ("format = 1", "format = +1"),
        (
            "title = \"Example notice\"",
            "title = \"\"\"\nline\r\nbreaks\\r\\n\"\"\"",
        ),
        (
            "title = \"Example notice\"",
            "title = '''\n\ttabbed \\ literal'''",
        ),
        (
            "title = \"Example notice\"",
            "title = \"nul \\u0000 and cr \\r alone\"",
        ),
    ];
    for (from, to) in edits {
        assert!(EXAMPLE.contains(from), "{from}");
        let text = EXAMPLE.replacen(from, to, 1);
        if let Ok(p) = from_toml_str(&text)
            && let Err(e) = check_round_trips(&p)
        {
            panic!("`{to}` loads but does not round-trip: {e}");
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Periods
// ---------------------------------------------------------------------------------------------

fn period() -> impl Strategy<Value = Period> {
    prop_oneof![
        (0u32..=150).prop_filter_map("too long", Period::years),
        (0u32..=1800).prop_filter_map("too long", Period::months),
        (0u32..=60_000).prop_filter_map("too long", Period::days),
        (0u32..=150, 0u32..=1800, 0u32..=60_000)
            .prop_filter_map("too long", |(y, m, d)| Period::new(y, m, d)),
        (0u32..=20, 0u32..=11, 0u32..=31)
            .prop_filter_map("too long", |(y, m, d)| Period::new(y, m, d)),
    ]
}

fn date() -> impl Strategy<Value = NaiveDate> {
    (-3000i32..=9999, 1u32..=366)
        .prop_filter_map("no such day", |(y, o)| NaiveDate::from_yo_opt(y, o))
}

fn days_in_month(year: i32, month: u32) -> u32 {
    let (ny, nm) = if month == 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    };
    NaiveDate::from_ymd_opt(ny, nm, 1)
        .and_then(|d| d.pred_opt())
        .map_or(31, |d| d.day())
}

proptest! {
    #![proptest_config(cases(256))]

    #[test]
    fn period_display_parses_back(p in period()) {
        let shown = p.to_string();
        prop_assert_eq!(shown.parse::<Period>(), Ok(p), "{}", shown);
        let iso = format!("P{}Y{}M{}D", p.year_part(), p.month_part(), p.day_part());
        prop_assert_eq!(iso.parse::<Period>(), Ok(p), "{}", iso);
    }

    #[test]
    fn period_after_is_monotonic(p in period(), a in date(), b in date()) {
        let (early, late) = if a <= b { (a, b) } else { (b, a) };
        let (x, y) = (p.after(early), p.after(late));
        prop_assert!(x.is_some() && y.is_some(), "{} after {} / {}", p, early, late);
        prop_assert!(x <= y, "{} after {} = {:?} but after {} = {:?}", p, early, x, late, y);
        prop_assert!(x >= Some(early), "a period never goes back: {} after {} = {:?}", p, early, x);
    }

    #[test]
    fn years_from_the_end_of_february_clamp(year in -3000i32..=9000, n in 0u32..=150) {
        let last = days_in_month(year, 2);
        let end_of_feb = NaiveDate::from_ymd_opt(year, 2, last).unwrap();
        let got = Period::years(n).unwrap().after(end_of_feb).unwrap();
        let target = year + i32::try_from(n).unwrap();
        prop_assert_eq!((got.year(), got.month()), (target, 2));
        // From the 29th the result is always the month's end; from the 28th it stays the 28th.
        prop_assert_eq!(got.day(), last.min(days_in_month(target, 2)));
        if last == 29 {
            prop_assert_eq!(got.day(), days_in_month(target, 2));
        }
    }

    #[test]
    fn months_clamp_to_the_end_of_the_month(d in date(), months in 0u32..=1800) {
        let Some(p) = Period::months(months) else { return Ok(()); };
        let got = p.after(d).unwrap();
        let total = d.year() * 12 + i32::try_from(d.month0() + months).unwrap();
        let (ty, tm) = (total.div_euclid(12), u32::try_from(total.rem_euclid(12)).unwrap() + 1);
        prop_assert_eq!((got.year(), got.month()), (ty, tm));
        prop_assert_eq!(got.day(), d.day().min(days_in_month(ty, tm)));
    }
}

#[test]
fn end_of_february_examples() {
    let ymd = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    let y = |n| Period::years(n).unwrap();
    assert_eq!(y(1).after(ymd(2024, 2, 29)), Some(ymd(2025, 2, 28)));
    assert_eq!(y(4).after(ymd(2024, 2, 29)), Some(ymd(2028, 2, 29)));
    assert_eq!(y(1).after(ymd(2023, 2, 28)), Some(ymd(2024, 2, 28)));
    assert_eq!(y(100).after(ymd(2000, 2, 29)), Some(ymd(2100, 2, 28)));
}
