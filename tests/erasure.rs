//! Erasure plans ([`Engine::plan_erasure`], Art. 17) for the seed policies, and properties of
//! plans and schedules over generated records.
//!
//! **Scenarios** (each a table of records and the expected action):
//! - Familjefilm at the end of a customer relation: order history and CRM data are erased and the
//!   processors they went to are named for notification (Art. 19); invoices and payments are
//!   retained under BFL 7 kap. 2 § (Art. 17(3)(b)) until the end of the seventh calendar year
//!   after their fiscal year, with BFL's ten-year version for questions asked before 2011. A
//!   stated ground is checked against the subject's state: it objects to direct marketing, so
//!   records of activities serving direct marketing are erased on Art. 17(1)(c).
//! - Multistudio: data it holds as processor is forwarded to its customer (Art. 28(3)(e)); the
//!   account data of an ended contract is erased on the derived ground Art. 17(1)(a), its invoices
//!   retained under BFL.
//! - Studio M: newsletter data erased after consent withdrawal (derived ground Art. 17(1)(b))
//!   while the contract still runs; the contract's data is kept while it runs; an invoice record,
//!   a category the notice does not declare, is kept for a manual decision (Art. 5(1)(c)).
//! - Smilee: Finnish bookkeeping (KPL 2 luku 10 §): vouchers (invoices) to 6 years after the
//!   calendar year the fiscal year ended in, books to 10 years after the fiscal year.
//! - Legal-claims holds retain under Art. 17(3)(e); unknown activities, records without an
//!   Art. 17(1) ground and purposes with no basis stated are kept, saying why.
//!
//! **Properties** over the five seed policies, with records generated from each policy's
//! activities and categories (and now and then an unknown activity), subject states, stated
//! grounds and instants:
//! - every record has exactly one step, in input order, with the record's id;
//! - every Retain has `until > at`, cites Art. 17(3)(b) or (e) and names a non-empty authority;
//!   a duty's Retain ends at the end of its last local day; Erase cites its ground; both notify
//!   exactly the recipients the record was disclosed to; unknown activities are kept, processor
//!   data forwarded, data of a running contract kept;
//! - adding a declared retention duty (a variant of the policy text with an extra `[[duty]]`
//!   referenced from some activities) never turns a Retain into an Erase;
//! - plans are deterministic: equal, with byte-identical JSON, also from a re-loaded policy;
//! - schedules have one entry per record with `index` its position, and `overdue` iff
//!   `ends_at <= at`, `ends_at` being the end of `last_day` in the controller's zone.
//!
//! The last section keeps minimal, deterministic cases of the engine bugs found here; they fail
//! until the engine is fixed.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::sync::OnceLock;

use chrono::{DateTime, NaiveDate, TimeDelta, Utc};
use gdpr_policy::engine::Engine;
use gdpr_policy::engine::erasure::{Action, ErasureGround, ErasurePlan};
use gdpr_policy::engine::schedule::Due;
use gdpr_policy::model::{
    ActivityId, CategoryId, Consent, LegalBasis, LegalClaimHold, Objection, ObjectionKind,
    PurposeId, RecipientId, Record, Relationship, Role, SubjectKind, SubjectState,
};
use proptest::prelude::*;
use proptest::sample::{Index, select};
use proptest::test_runner::{Config, TestCaseError, TestRunner};

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

fn utc(s: &str) -> DateTime<Utc> {
    s.parse()
        .unwrap_or_else(|e| panic!("bad instant `{s}`: {e}"))
}

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn seed_text(name: &str) -> String {
    let path = format!("{}/policies/{name}.toml", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn load(text: &str) -> Engine {
    Engine::new(gdpr_policy::format::from_toml_str(text).unwrap_or_else(|e| panic!("{e}")))
}

fn seed(name: &str) -> Engine {
    load(&seed_text(name))
}

fn record(id: &str, category: &str, activity: &str, collected_at: &str) -> Record {
    Record {
        id: id.to_owned(),
        category: category.parse().unwrap(),
        activity: activity.parse().unwrap(),
        collected_at: utc(collected_at),
        fiscal_year_end: None,
        disclosed_to: Vec::new(),
    }
}

fn with_fye(mut r: Record, fye: NaiveDate) -> Record {
    r.fiscal_year_end = Some(fye);
    r
}

fn to(mut r: Record, recipients: &[&str]) -> Record {
    r.disclosed_to = recipients.iter().map(|x| x.parse().unwrap()).collect();
    r
}

fn subject(json: serde_json::Value) -> SubjectState {
    serde_json::from_value(json).unwrap()
}

fn ids(recipients: &[&str]) -> Vec<RecipientId> {
    recipients.iter().map(|x| x.parse().unwrap()).collect()
}

fn erase(ground: ErasureGround, notify: &[&str]) -> Action {
    Action::Erase {
        ground,
        citation: ground.citation().to_string(),
        notify: ids(notify),
    }
}

/// A Retain under a legal duty to keep (Art. 17(3)(b)).
fn retain(
    ground: ErasureGround,
    last: NaiveDate,
    until: &str,
    authority: &str,
    notify: &[&str],
) -> Action {
    Action::Retain {
        ground,
        last_day: last,
        until: utc(until),
        exception: "GDPR Art. 17(3)(b)".to_owned(),
        authority: authority.to_owned(),
        notify: ids(notify),
    }
}

const BFL: &str = "BFL 7 kap. 2 § (`se.bfl`)";
const KPL_BOOKS: &str = "KPL 2 luku 10 § (`fi.kpl.books`)";
const KPL_VOUCHERS: &str = "KPL 2 luku 10 § (`fi.kpl.vouchers`)";

/// What a Keep must say.
#[derive(Debug, Clone, Copy)]
enum KeepWhy {
    /// A purpose still rests on a contract in force (Art. 6(1)(b)).
    ContractRunning,
    /// A purpose still has a basis that holds, none a contract (Art. 17(1)).
    NoGround,
    UnknownActivity,
    /// The record's category is not among its activity's (Art. 5(1)(c)).
    UndeclaredCategory,
    /// A purpose of the activity has no basis stated (Art. 6(1)).
    NoBasisStated,
}

/// An expected step: an exact action, or a Keep with its kind of reason.
#[derive(Debug, Clone)]
enum Expect {
    Is(Action),
    Keep(KeepWhy),
}

fn check_keep(why: KeepWhy, action: &Action, record: &Record) -> Result<(), String> {
    let Action::Keep { reason, citation } = action else {
        return Err(format!("expected a Keep ({why:?}), got {action:?}"));
    };
    let ok = match why {
        KeepWhy::ContractRunning => {
            citation == "GDPR Art. 6(1)(b)"
                && reason.contains("no Art. 17(1) ground applies")
                && reason.contains("(contract holds)")
        }
        KeepWhy::NoGround => {
            citation == "GDPR Art. 17(1)" && reason.contains("no Art. 17(1) ground applies")
        }
        KeepWhy::UnknownActivity => {
            citation == "GDPR Art. 5(1)(b)"
                && reason.contains(&format!("`{}`", record.activity))
                && reason.contains("not in the policy")
        }
        KeepWhy::UndeclaredCategory => {
            citation == "GDPR Art. 5(1)(c)"
                && reason.contains(&format!(
                    "`{}` is not among the categories of activity `{}`",
                    record.category, record.activity
                ))
                && reason.contains("manual decision")
        }
        KeepWhy::NoBasisStated => {
            citation == "GDPR Art. 6(1)" && reason.contains("no legal basis is stated for purpose")
        }
    };
    if ok {
        Ok(())
    } else {
        Err(format!(
            "Keep ({why:?}) with reason `{reason}` citing `{citation}`"
        ))
    }
}

/// Plans `cases` in one batch, checks step order and each expected action.
fn run(
    engine: &Engine,
    s: &SubjectState,
    at: &str,
    grounds: &[ErasureGround],
    cases: &[(Record, Expect)],
) -> ErasurePlan {
    let records: Vec<Record> = cases.iter().map(|(r, _)| r.clone()).collect();
    let plan = engine.plan_erasure(s, &records, utc(at), grounds);
    assert_eq!(plan.at, utc(at));
    assert_eq!(plan.steps.len(), records.len());
    let mut failures = Vec::new();
    for ((r, expected), step) in cases.iter().zip(&plan.steps) {
        assert_eq!(step.record, r.id);
        let res = match expected {
            Expect::Is(a) if a == &step.action => Ok(()),
            Expect::Is(a) => Err(format!("expected {a:?}\n        got {:?}", step.action)),
            Expect::Keep(why) => check_keep(*why, &step.action, r),
        };
        if let Err(e) = res {
            failures.push(format!("record `{}`: {e}", r.id));
        }
    }
    assert!(
        failures.is_empty(),
        "at {at}, grounds {grounds:?}:\n{}",
        failures.join("\n")
    );
    plan
}

use ErasureGround::{ConsentWithdrawn, NoLongerNecessary};
use Expect::{Is, Keep};

// ---------------------------------------------------------------------------------------------
// Seed scenarios
// ---------------------------------------------------------------------------------------------

/// Familjefilm, "Såhär behandlar vi dina personuppgifter när du inte längre är kund": order
/// history and CRM data go, and the processors that had them are told; "Data som krävs enligt
/// rättslig förpliktelse" (the bookkeeping) stays.
///
/// The request states (a), which is checked, not taken on trust: the relationship ended and with
/// it the `0d after end_of_relationship` period of `order_delivery` and `communication`, so
/// nothing on record needs their data and (a) is borne out. Quotes, kept on legitimate interests
/// with no period, are still necessary.
#[test]
fn familjefilm_end_of_customer_relation() {
    let engine = seed("familjefilm");
    let s = subject(serde_json::json!({
        "kind": "customer",
        "relationship": { "start": "2019-03-01T09:00:00Z", "end": "2024-06-30T12:00:00Z" },
    }));
    let cases = vec![
        (
            to(
                record(
                    "order-1",
                    "commercial.order",
                    "order_delivery",
                    "2024-03-15T10:00:00Z",
                ),
                &["cloud_crm", "delivery_subcontractors"],
            ),
            Is(erase(
                NoLongerNecessary,
                &["cloud_crm", "delivery_subcontractors"],
            )),
        ),
        (
            to(
                record(
                    "proof-1",
                    "commercial.order.proof_approval",
                    "order_delivery",
                    "2024-03-16T10:00:00Z",
                ),
                &["cloud_crm"],
            ),
            Is(erase(NoLongerNecessary, &["cloud_crm"])),
        ),
        (
            to(
                record(
                    "delivery-address",
                    "contact.address.delivery",
                    "order_delivery",
                    "2024-03-15T10:00:00Z",
                ),
                &["delivery_subcontractors"],
            ),
            Is(erase(NoLongerNecessary, &["delivery_subcontractors"])),
        ),
        (
            to(
                record(
                    "crm-email",
                    "contact.email",
                    "communication",
                    "2019-03-01T09:00:00Z",
                ),
                &["cloud_crm", "email_marketing"],
            ),
            Is(erase(NoLongerNecessary, &["cloud_crm", "email_marketing"])),
        ),
        (
            to(
                record(
                    "crm-quote",
                    "commercial.quote",
                    "quotes",
                    "2019-02-01T09:00:00Z",
                ),
                &["cloud_crm"],
            ),
            // Art. 17(1)(a) is not taken on trust: `quotes` keeps quotes "för att på bästa sätt
            // kunna hjälpa er vid uppdaterade framtida förfrågningar" on legitimate interests
            // (Art. 6(1)(f)) with no period, and no objection stands against it; see below for
            // the Art. 21(1) objection that erases it.
            Keep(KeepWhy::NoGround),
        ),
        (
            record(
                "personnummer",
                "identity.national_id",
                "order_delivery",
                "2019-03-01T09:00:00Z",
            ),
            Is(erase(NoLongerNecessary, &[])),
        ),
        // Invoices and payments are accounting information (räkenskapsinformation).
        (
            to(
                record(
                    "invoice-2024",
                    "financial.invoice",
                    "order_delivery",
                    "2024-03-15T10:00:00Z",
                ),
                &["cloud_crm"],
            ),
            Is(retain(
                NoLongerNecessary,
                ymd(2031, 12, 31),
                "2031-12-31T23:00:00Z",
                BFL,
                &["cloud_crm"],
            )),
        ),
        (
            with_fye(
                record(
                    "payment-2023",
                    "financial.payment",
                    "legal_obligation",
                    "2023-11-02T10:00:00Z",
                ),
                ymd(2023, 12, 31),
            ),
            Is(retain(
                NoLongerNecessary,
                ymd(2030, 12, 31),
                "2030-12-31T23:00:00Z",
                BFL,
                &[],
            )),
        ),
        // 23:30Z on New Year's Eve is already 2024 in Stockholm: fiscal year 2024.
        (
            record(
                "invoice-newyear",
                "financial.invoice",
                "order_delivery",
                "2023-12-31T23:30:00Z",
            ),
            Is(retain(
                NoLongerNecessary,
                ymd(2031, 12, 31),
                "2031-12-31T23:00:00Z",
                BFL,
                &[],
            )),
        ),
        (
            record(
                "invoice-oldyear",
                "financial.invoice",
                "order_delivery",
                "2023-12-31T22:30:00Z",
            ),
            Is(retain(
                NoLongerNecessary,
                ymd(2030, 12, 31),
                "2030-12-31T23:00:00Z",
                BFL,
                &[],
            )),
        ),
        // Bookkeeping over: nothing holds the data back.
        (
            with_fye(
                to(
                    record(
                        "invoice-2009",
                        "financial.invoice",
                        "order_delivery",
                        "2009-05-01T10:00:00Z",
                    ),
                    &["cloud_crm"],
                ),
                ymd(2009, 12, 31),
            ),
            Is(erase(NoLongerNecessary, &["cloud_crm"])),
        ),
    ];
    let plan = run(
        &engine,
        &s,
        "2024-09-02T08:00:00Z",
        &[NoLongerNecessary],
        &cases,
    );
    // Every processor named in a notice is one the policy declares.
    for step in &plan.steps {
        if let Action::Erase { notify, .. } | Action::Retain { notify, .. } = &step.action {
            for r in notify {
                assert!(engine.policy().recipient(r).is_some(), "{r}");
            }
        }
    }
    // Several stated grounds: (a), (b) and (c) are checked against the state; the relationship
    // and the activity's own period are over, which bears out (a), the first of them.
    run(
        &engine,
        &s,
        "2024-09-02T08:00:00Z",
        &[
            ErasureGround::Objection,
            NoLongerNecessary,
            ConsentWithdrawn,
        ],
        &cases[..1],
    );
    // An Art. 21(1) objection without compelling grounds recorded stops the quotes purposes, and
    // the contract listed beside legitimate interests cannot take over: Art. 17(1)(c).
    run(
        &engine,
        &s,
        "2024-09-02T08:00:00Z",
        &[ErasureGround::Objection],
        &[(
            cases[4].0.clone(),
            Is(erase(ErasureGround::Objection, &["cloud_crm"])),
        )],
    );
}

/// Familjefilm without a stated ground: marketing rests on legitimate interests (Art. 6(1)(f))
/// with no period, so the end of the contract alone is no Art. 17(1) ground for it; order data,
/// though, goes when the relationship ends (`0d after end_of_relationship`, "När du säger upp din
/// kundrelation med oss tar vi bort alla dina personuppgifter"), and the bookkeeping is kept
/// under BFL (Art. 17(3)(b)). While the contract runs, even a stated ground does not reach what
/// the contract needs.
#[test]
fn familjefilm_keeps_without_a_ground() {
    let engine = seed("familjefilm");
    let ended = subject(serde_json::json!({
        "kind": "customer",
        "relationship": { "start": "2019-03-01T09:00:00Z", "end": "2024-06-30T12:00:00Z" },
    }));
    let running = subject(serde_json::json!({
        "kind": "customer",
        "relationship": { "start": "2019-03-01T09:00:00Z" },
    }));
    let order = record(
        "order-1",
        "commercial.order",
        "order_delivery",
        "2024-03-15T10:00:00Z",
    );
    let invoice = record(
        "invoice-1",
        "financial.invoice",
        "legal_obligation",
        "2024-03-15T10:00:00Z",
    );
    let crm = record("crm", "contact.email", "marketing", "2019-03-01T09:00:00Z");
    let at = "2024-09-02T08:00:00Z";
    run(
        &engine,
        &ended,
        at,
        &[],
        &[
            // Art. 5(1)(e), 17(1)(a): the activity's own period (0d after the end of the
            // relationship) is over, and only a running contract would still keep the data.
            (order.clone(), Is(erase(NoLongerNecessary, &[]))),
            // Art. 17(3)(b): a legal obligation is the exception, not a reason to keep; the
            // invoice stays until BFL 7 kap. 2 § no longer requires it.
            (
                invoice.clone(),
                Is(retain(
                    NoLongerNecessary,
                    ymd(2031, 12, 31),
                    "2031-12-31T23:00:00Z",
                    BFL,
                    &[],
                )),
            ),
            (crm.clone(), Keep(KeepWhy::NoGround)),
        ],
    );
    run(
        &engine,
        &running,
        at,
        &[NoLongerNecessary],
        &[
            (order, Keep(KeepWhy::ContractRunning)),
            // The legal-obligation activity does not rest on the contract.
            (
                invoice,
                Is(retain(
                    NoLongerNecessary,
                    ymd(2031, 12, 31),
                    "2031-12-31T23:00:00Z",
                    BFL,
                    &[],
                )),
            ),
            // Art. 21(2)-(3), 17(1)(c): a stated ground objects to direct marketing, and the
            // marketing activity serves nothing else.
            (crm, Is(erase(ErasureGround::Objection, &[]))),
        ],
    );
}

/// BFL's version in force on the question date: ten years before 2011-01-01, seven after; the
/// retention ends at 2017-01-01 00:00 Stockholm for a fiscal year ending 2009-12-31.
#[test]
fn familjefilm_bfl_versions_and_the_last_instant() {
    let engine = seed("familjefilm");
    let s = subject(serde_json::json!({
        "kind": "customer",
        "relationship": { "start": "2008-03-01T09:00:00Z", "end": "2009-12-01T12:00:00Z" },
    }));
    let invoice = with_fye(
        to(
            record(
                "invoice-2009",
                "financial.invoice",
                "order_delivery",
                "2009-05-01T10:00:00Z",
            ),
            &["cloud_crm"],
        ),
        ymd(2009, 12, 31),
    );
    // The relationship ended and the order activity's own period with it: the stated (a) is
    // borne out by the state, and is the ground cited.
    let ground = NoLongerNecessary;
    let cases = [
        (
            "2010-06-01T12:00:00Z",
            Is(retain(
                ground,
                ymd(2019, 12, 31),
                "2019-12-31T23:00:00Z",
                BFL,
                &["cloud_crm"],
            )),
        ),
        (
            "2010-12-31T22:59:59Z",
            Is(retain(
                ground,
                ymd(2019, 12, 31),
                "2019-12-31T23:00:00Z",
                BFL,
                &["cloud_crm"],
            )),
        ),
        (
            "2010-12-31T23:00:00Z",
            Is(retain(
                ground,
                ymd(2016, 12, 31),
                "2016-12-31T23:00:00Z",
                BFL,
                &["cloud_crm"],
            )),
        ),
        (
            "2016-12-31T22:59:59Z",
            Is(retain(
                ground,
                ymd(2016, 12, 31),
                "2016-12-31T23:00:00Z",
                BFL,
                &["cloud_crm"],
            )),
        ),
        ("2016-12-31T23:00:00Z", Is(erase(ground, &["cloud_crm"]))),
    ];
    for (at, expected) in cases {
        run(
            &engine,
            &s,
            at,
            &[NoLongerNecessary],
            &[(invoice.clone(), expected)],
        );
    }
}

/// Multistudio: "Om du som kund själv samlar in och lagrar i dina tjänster hos oss intar du
/// rollen som personuppgiftsansvarig, och vi tar rollen som personuppgiftsbiträde" — requests
/// about that data go to the customer; its own account data follows the contract; "Vi kan behöva
/// behålla uppgifter för tex uppfylla rättsliga förpliktelser, ekonomisk redovisning".
#[test]
fn multistudio_forwards_processor_data_and_keeps_its_books() {
    let engine = seed("multistudio");
    let forward = Is(Action::Forward {
        controller: "kunden, som personuppgiftsansvarig för uppgifter kunden själv samlar in och lagrar i sina tjänster hos oss".to_owned(),
        citation: "GDPR Art. 28(3)(e)".to_owned(),
    });
    let ended = subject(serde_json::json!({
        "kind": "customer",
        "relationship": { "start": "2019-01-01T00:00:00Z", "end": "2023-12-31T23:00:00Z" },
    }));
    let hosted = to(
        record(
            "hosted",
            "customer_content",
            "hosted_customer_data",
            "2022-01-01T00:00:00Z",
        ),
        &["suppliers"],
    );
    let cases = vec![
        (hosted.clone(), forward.clone()),
        (
            to(
                record(
                    "email",
                    "contact.email",
                    "customer_account",
                    "2019-01-01T00:00:00Z",
                ),
                &["suppliers", "third_party_services"],
            ),
            Is(erase(
                NoLongerNecessary,
                &["suppliers", "third_party_services"],
            )),
        ),
        (
            to(
                record("log", "online.log", "history_logs", "2023-06-01T00:00:00Z"),
                &["suppliers"],
            ),
            Is(erase(NoLongerNecessary, &["suppliers"])),
        ),
        (
            record(
                "invoice",
                "financial.invoice",
                "customer_account",
                "2023-11-20T10:00:00Z",
            ),
            Is(retain(
                NoLongerNecessary,
                ymd(2030, 12, 31),
                "2030-12-31T23:00:00Z",
                BFL,
                &[],
            )),
        ),
        // Legal disclosure rests on legitimate interests: no derived ground.
        (
            record(
                "log-legal",
                "online.log",
                "legal_disclosure",
                "2023-06-01T00:00:00Z",
            ),
            Keep(KeepWhy::NoGround),
        ),
    ];
    // Derived ground: the contract (the only basis) ended.
    run(&engine, &ended, "2024-02-01T09:00:00Z", &[], &cases);
    // Processor data is forwarded whatever the state: contract running, grounds stated, a hold.
    let busy = subject(serde_json::json!({
        "kind": "customer",
        "relationship": { "start": "2019-01-01T00:00:00Z" },
        "legal_claim_holds": [{ "from": "2023-01-01T00:00:00Z" }],
    }));
    run(
        &engine,
        &busy,
        "2024-02-01T09:00:00Z",
        &[ErasureGround::Unlawful],
        &[(hosted, forward)],
    );
}

/// Studio M: "Om användaren endast givit sitt samtycke till viss marknadsföringsåtgärd så kommer
/// uppgifterna att behandlas under den tid samtycket gäller" — the newsletter data goes when
/// consent is withdrawn, while the contract's data stays as long as "användaren är registrerad".
/// The notice lists no invoice data ("tillhandahålla fakturor" is a purpose, but no category), so
/// an invoice record is not the `contract` activity's: it is kept for a manual decision
/// (Art. 5(1)(c)) rather than erased or retained on a guess, whether the contract runs or not.
#[test]
fn studio_m_consent_withdrawal_and_contract_end() {
    let engine = seed("studio-m");
    let consent = serde_json::json!([{
        "purpose": "marketing.direct",
        "given": "2022-01-10T09:00:00Z",
        "withdrawn": "2024-05-01T10:00:00Z",
    }]);
    let running = subject(serde_json::json!({
        "kind": "customer",
        "relationship": { "start": "2022-01-10T09:00:00Z" },
        "consents": consent,
    }));
    let nl_email = record(
        "nl-email",
        "contact.email",
        "newsletter",
        "2022-01-10T09:00:00Z",
    );
    let nl_name = record(
        "nl-name",
        "identity.name",
        "newsletter",
        "2022-01-10T09:00:00Z",
    );
    let invoice = to(
        record(
            "invoice",
            "financial.invoice",
            "contract",
            "2023-05-01T10:00:00Z",
        ),
        &["subcontractors"],
    );
    let email = record("email", "contact.email", "contract", "2022-01-10T09:00:00Z");
    let offer = record("offer", "contact.email", "offers", "2022-01-10T09:00:00Z");
    run(
        &engine,
        &running,
        "2024-05-02T08:00:00Z",
        &[],
        &[
            (nl_email.clone(), Is(erase(ConsentWithdrawn, &[]))),
            (nl_name.clone(), Is(erase(ConsentWithdrawn, &[]))),
            (invoice.clone(), Keep(KeepWhy::UndeclaredCategory)),
            (email.clone(), Keep(KeepWhy::ContractRunning)),
            (offer.clone(), Keep(KeepWhy::ContractRunning)),
        ],
    );
    // A stated ground does not reach data a running contract needs; it does object to direct
    // marketing, which no contract makes necessary (Art. 21(2)-(3), 17(1)(c)).
    run(
        &engine,
        &running,
        "2024-05-02T08:00:00Z",
        &[ConsentWithdrawn],
        &[
            (email.clone(), Keep(KeepWhy::ContractRunning)),
            (invoice.clone(), Keep(KeepWhy::UndeclaredCategory)),
            // The consent was withdrawn (the state bears out the stated (b)): Art. 17(1)(b).
            (nl_email.clone(), Is(erase(ConsentWithdrawn, &[]))),
            (offer.clone(), Is(erase(ErasureGround::Objection, &[]))),
        ],
    );
    // Before the withdrawal the newsletter rests on a consent that holds: no ground.
    run(
        &engine,
        &running,
        "2024-04-30T08:00:00Z",
        &[],
        &[(nl_email.clone(), Keep(KeepWhy::NoGround))],
    );
    let ended = subject(serde_json::json!({
        "kind": "customer",
        "relationship": { "start": "2022-01-10T09:00:00Z", "end": "2024-12-31T12:00:00Z" },
        "consents": consent,
    }));
    run(
        &engine,
        &ended,
        "2025-01-15T08:00:00Z",
        &[],
        &[
            (nl_email, Is(erase(ConsentWithdrawn, &[]))),
            (invoice, Keep(KeepWhy::UndeclaredCategory)),
            (email, Is(erase(NoLongerNecessary, &[]))),
            (offer, Is(erase(NoLongerNecessary, &[]))),
        ],
    );
}

/// Smilee, section 10: "kan viss information hållas längre ... såsom ansvar för redovisning":
/// KPL 2 luku 10 §, vouchers (invoices) 6 years from the end of the calendar year the fiscal year
/// ended in, books 10 years from the end of the fiscal year; order data and a debt-collection
/// file are neither.
#[test]
fn smilee_finnish_bookkeeping_periods() {
    let engine = seed("smilee");
    let s = subject(serde_json::json!({
        "kind": "customer",
        "relationship": { "start": "2020-01-01T00:00:00Z", "end": "2024-06-30T12:00:00Z" },
        "consents": [{
            "purpose": "marketing.direct.newsletter",
            "given": "2020-01-01T00:00:00Z",
            "withdrawn": "2024-07-01T00:00:00Z",
        }],
    }));
    let fy = ymd(2024, 3, 31);
    // KPL 2 luku 10 §: an invoice is a voucher (tosite), kept 6 years from the end of 2024, the
    // calendar year its fiscal year ended in. 2031-01-01 00:00 EET = 2030-12-31T22:00Z.
    let vouchers_2030 = |notify: &[&str]| {
        Is(retain(
            NoLongerNecessary,
            ymd(2030, 12, 31),
            "2030-12-31T22:00:00Z",
            KPL_VOUCHERS,
            notify,
        ))
    };
    let cases = vec![
        (
            with_fye(
                to(
                    record(
                        "invoice",
                        "financial.invoice",
                        "billing",
                        "2023-11-20T09:00:00Z",
                    ),
                    &["service_providers"],
                ),
                fy,
            ),
            vouchers_2030(&["service_providers"]),
        ),
        // A debt-collection file is neither a voucher nor books: no bookkeeping duty keeps it
        // (KPL 2 luku 10 §), and the billing contract has ended with no settlement recorded.
        (
            with_fye(
                record("debt", "financial.debt", "billing", "2023-11-20T09:00:00Z"),
                fy,
            ),
            Is(erase(NoLongerNecessary, &[])),
        ),
        // A contract would be a voucher (KPL 2 luku 10 §), but billing does not declare contract
        // data: Art. 5(1)(c), a manual decision rather than an erasure or retention on a guess.
        (
            with_fye(
                record(
                    "contract",
                    "commercial.contract",
                    "billing",
                    "2023-11-20T09:00:00Z",
                ),
                fy,
            ),
            Keep(KeepWhy::UndeclaredCategory),
        ),
        (
            with_fye(
                to(
                    record(
                        "order",
                        "commercial.order",
                        "billing",
                        "2023-11-20T09:00:00Z",
                    ),
                    &["service_providers"],
                ),
                fy,
            ),
            Is(erase(NoLongerNecessary, &["service_providers"])),
        ),
        // No fiscal year on the record: the controller's (calendar) year of the Helsinki date;
        // 22:30Z on New Year's Eve is 00:30 on 2024-01-01 there, so the voucher period runs from
        // the end of 2024; 21:30Z is still 2023 (KPL 2 luku 10 §, vouchers).
        (
            record(
                "invoice-newyear",
                "financial.invoice",
                "billing",
                "2023-12-31T22:30:00Z",
            ),
            vouchers_2030(&[]),
        ),
        (
            record(
                "invoice-oldyear",
                "financial.invoice",
                "billing",
                "2023-12-31T21:30:00Z",
            ),
            Is(retain(
                NoLongerNecessary,
                ymd(2029, 12, 31),
                "2029-12-31T22:00:00Z",
                KPL_VOUCHERS,
                &[],
            )),
        ),
        (
            to(
                record("nl", "contact.email", "newsletter", "2020-01-01T00:00:00Z"),
                &["mailchimp"],
            ),
            Is(erase(ConsentWithdrawn, &["mailchimp"])),
        ),
        // Bookkeeping rests on the legal obligation itself, which is the Art. 17(3)(b) exception
        // rather than a purpose that keeps the data: retained until the voucher period ends.
        (
            with_fye(
                record(
                    "books",
                    "financial.invoice",
                    "bookkeeping",
                    "2023-11-20T09:00:00Z",
                ),
                fy,
            ),
            vouchers_2030(&[]),
        ),
    ];
    run(&engine, &s, "2024-09-01T09:00:00Z", &[], &cases);
    // Asked to erase on a stated ground, the bookkeeping records are still retained.
    run(
        &engine,
        &s,
        "2024-09-01T09:00:00Z",
        &[NoLongerNecessary],
        &[(
            with_fye(
                record(
                    "books",
                    "financial.invoice",
                    "bookkeeping",
                    "2023-11-20T09:00:00Z",
                ),
                fy,
            ),
            vouchers_2030(&[]),
        )],
    );
    // Books of account (journals, ledgers) are kept 10 years from the end of the fiscal year
    // (KPL 2 luku 10 §, books): the bookkeeping activity declares `financial.books` besides the
    // invoices ("ansvar för redovisning").
    let with_books = &engine;
    run(
        with_books,
        &s,
        "2024-09-01T09:00:00Z",
        &[],
        &[
            // 2034-04-01 00:00 EEST (summer time from 2034-03-26) = 2034-03-31T21:00Z.
            (
                with_fye(
                    record(
                        "ledger",
                        "financial.books",
                        "bookkeeping",
                        "2023-11-20T09:00:00Z",
                    ),
                    fy,
                ),
                Is(retain(
                    NoLongerNecessary,
                    ymd(2034, 3, 31),
                    "2034-03-31T21:00:00Z",
                    KPL_BOOKS,
                    &[],
                )),
            ),
            // The Helsinki date decides the fiscal year here too.
            (
                record(
                    "ledger-newyear",
                    "financial.books",
                    "bookkeeping",
                    "2023-12-31T22:30:00Z",
                ),
                Is(retain(
                    NoLongerNecessary,
                    ymd(2034, 12, 31),
                    "2034-12-31T22:00:00Z",
                    KPL_BOOKS,
                    &[],
                )),
            ),
            (
                record(
                    "ledger-oldyear",
                    "financial.books",
                    "bookkeeping",
                    "2023-12-31T21:30:00Z",
                ),
                Is(retain(
                    NoLongerNecessary,
                    ymd(2033, 12, 31),
                    "2033-12-31T22:00:00Z",
                    KPL_BOOKS,
                    &[],
                )),
            ),
            // The invoice in the same activity is still a voucher, not books.
            (
                with_fye(
                    record(
                        "books",
                        "financial.invoice",
                        "bookkeeping",
                        "2023-11-20T09:00:00Z",
                    ),
                    fy,
                ),
                vouchers_2030(&[]),
            ),
        ],
    );
}

/// Art. 17(3)(e): an active legal-claims hold retains what has a ground for erasure, until the
/// hold ends or, when a legal duty runs longer, under the duty. Studio M's contract data, and the
/// invoices of Multistudio's customer accounts (Studio M's notice declares no invoice data; see
/// `studio_m_consent_withdrawal_and_contract_end`), for a customer whose contract has ended.
#[test]
fn legal_claims_holds_retain() {
    let engine = seed("studio-m");
    let books = seed("multistudio");
    let at = "2024-09-01T09:00:00Z";
    let state = |holds: serde_json::Value| {
        subject(serde_json::json!({
            "kind": "customer",
            "relationship": { "start": "2022-01-10T09:00:00Z", "end": "2024-06-30T12:00:00Z" },
            "legal_claim_holds": holds,
        }))
    };
    let email = to(
        record("email", "contact.email", "contract", "2022-01-10T09:00:00Z"),
        &["subcontractors"],
    );
    let ip = record(
        "ip",
        "online.ip_address",
        "legal_claims",
        "2024-05-01T10:00:00Z",
    );
    let invoice = record(
        "invoice",
        "financial.invoice",
        "customer_account",
        "2023-05-01T10:00:00Z",
    );
    let hold = |last: NaiveDate, until: DateTime<Utc>, notify: &[&str]| {
        Is(Action::Retain {
            ground: NoLongerNecessary,
            last_day: last,
            until,
            exception: "GDPR Art. 17(3)(e)".to_owned(),
            authority: "legal-claims hold".to_owned(),
            notify: ids(notify),
        })
    };
    let bfl_2030 = Is(retain(
        NoLongerNecessary,
        ymd(2030, 12, 31),
        "2030-12-31T23:00:00Z",
        BFL,
        &[],
    ));

    // An open-ended hold: retained with no known end.
    let open = state(
        serde_json::json!([{ "from": "2024-07-01T00:00:00Z", "note": "dispute over invoice 17" }]),
    );
    run(
        &engine,
        &open,
        at,
        &[NoLongerNecessary],
        &[
            (
                email.clone(),
                hold(
                    NaiveDate::MAX,
                    DateTime::<Utc>::MAX_UTC,
                    &["subcontractors"],
                ),
            ),
            // Art. 6(1): the notice states no basis for the legal-claims disclosures, so whether
            // an Art. 17(1) ground applies cannot be told from the policy; the hold is never
            // reached.
            (ip.clone(), Keep(KeepWhy::NoBasisStated)),
        ],
    );
    run(
        &books,
        &open,
        at,
        &[NoLongerNecessary],
        &[(
            invoice.clone(),
            hold(NaiveDate::MAX, DateTime::<Utc>::MAX_UTC, &[]),
        )],
    );
    // A hold until mid-2026: the hold for contact data, BFL (longer) for the invoice.
    let until = utc("2026-06-15T10:00:00Z");
    let dated = state(serde_json::json!([{ "from": "2024-07-01T00:00:00Z", "until": until }]));
    run(
        &engine,
        &dated,
        at,
        &[],
        &[(
            email.clone(),
            hold(ymd(2026, 6, 15), until, &["subcontractors"]),
        )],
    );
    run(
        &books,
        &dated,
        at,
        &[],
        &[(invoice.clone(), bfl_2030.clone())],
    );
    // A hold longer than the duty wins for the invoice too.
    let long = utc("2035-06-15T10:00:00Z");
    let longer = state(serde_json::json!([{ "from": "2024-07-01T00:00:00Z", "until": long }]));
    run(
        &books,
        &longer,
        at,
        &[],
        &[(invoice.clone(), hold(ymd(2035, 6, 15), long, &[]))],
    );
    // Holds that are not active at `at` do nothing.
    for holds in [
        serde_json::json!([{ "from": "2024-07-01T00:00:00Z", "until": "2024-08-01T00:00:00Z" }]),
        serde_json::json!([{ "from": "2024-07-01T00:00:00Z", "until": at }]),
        serde_json::json!([{ "from": "2024-10-01T00:00:00Z" }]),
    ] {
        let s = state(holds.clone());
        run(
            &engine,
            &s,
            at,
            &[],
            &[(
                email.clone(),
                Is(erase(NoLongerNecessary, &["subcontractors"])),
            )],
        );
        run(&books, &s, at, &[], &[(invoice.clone(), bfl_2030.clone())]);
    }
    // A hold gives no ground of its own: without one, the data is kept.
    let running = subject(serde_json::json!({
        "kind": "customer",
        "relationship": { "start": "2022-01-10T09:00:00Z" },
        "legal_claim_holds": [{ "from": "2024-07-01T00:00:00Z" }],
    }));
    run(
        &engine,
        &running,
        at,
        &[],
        &[(email, Keep(KeepWhy::ContractRunning))],
    );
}

/// An activity the policy does not declare: kept, with a reason, whatever the ground.
#[test]
fn unknown_activities_are_kept() {
    for name in [
        "care-of",
        "familjefilm",
        "multistudio",
        "smilee",
        "studio-m",
    ] {
        let engine = seed(name);
        let s = subject(serde_json::json!({ "kind": "customer" }));
        let r = to(
            record(
                "x",
                "contact.email",
                "no_such_activity",
                "2020-01-01T00:00:00Z",
            ),
            &[],
        );
        let plan = run(
            &engine,
            &s,
            "2024-09-01T09:00:00Z",
            &[NoLongerNecessary, ErasureGround::Unlawful],
            &[(r.clone(), Keep(KeepWhy::UnknownActivity))],
        );
        let Action::Keep { reason, .. } = &plan.steps[0].action else {
            unreachable!()
        };
        assert!(reason.contains("manual decision"), "{name}: {reason}");
    }
}

/// Plans serialise with their action tags, in order. Multistudio, whose customer accounts
/// declare invoices (a BFL retention) besides contact data.
#[test]
fn plans_serialise_in_order() {
    let engine = seed("multistudio");
    let s = subject(serde_json::json!({
        "kind": "customer",
        "relationship": { "start": "2022-01-10T09:00:00Z", "end": "2024-06-30T12:00:00Z" },
    }));
    let records = vec![
        record(
            "b",
            "contact.email",
            "customer_account",
            "2022-01-10T09:00:00Z",
        ),
        record(
            "a",
            "financial.invoice",
            "customer_account",
            "2023-05-01T10:00:00Z",
        ),
        record("c", "contact.email", "nope", "2022-01-10T09:00:00Z"),
    ];
    let plan = engine.plan_erasure(&s, &records, utc("2024-09-01T09:00:00Z"), &[]);
    let json = serde_json::to_value(&plan).unwrap();
    let steps = json["steps"].as_array().unwrap();
    let got: Vec<(&str, &str)> = steps
        .iter()
        .map(|s| {
            (
                s["record"].as_str().unwrap(),
                s["action"]["action"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(got, [("b", "erase"), ("a", "retain"), ("c", "keep")]);
    assert_eq!(steps[0]["action"]["ground"], "no_longer_necessary");
    assert_eq!(steps[1]["action"]["last_day"], "2030-12-31");
    assert_eq!(steps[1]["action"]["until"], "2030-12-31T23:00:00Z");
    assert_eq!(json["at"], "2024-09-01T09:00:00Z");
}

// ---------------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------------

const SEEDS: [&str; 5] = [
    "care-of",
    "familjefilm",
    "multistudio",
    "smilee",
    "studio-m",
];
const CASES: u32 = 96;
/// Variant policies are parsed per case: fewer cases.
const VARIANT_CASES: u32 = 48;

/// Categories every bookkeeping duty is about, generated often so that duties come into play.
const ACCOUNTING: [&str; 5] = [
    "financial.invoice",
    "financial.payment",
    "commercial.contract",
    "commercial.order",
    "financial",
];

const GROUNDS: [ErasureGround; 6] = [
    ErasureGround::NoLongerNecessary,
    ErasureGround::ConsentWithdrawn,
    ErasureGround::Objection,
    ErasureGround::Unlawful,
    ErasureGround::LegalObligation,
    ErasureGround::ChildData,
];

/// 2005-01-01, 2030-01-01 and 2040-01-01, UTC.
const T2005: i64 = 1_104_537_600;
const T2030: i64 = 1_893_456_000;
const T2040: i64 = 2_208_988_800;

struct Act {
    id: ActivityId,
    categories: Vec<CategoryId>,
    purposes: Vec<PurposeId>,
}

struct Seed {
    name: &'static str,
    text: String,
    engine: Engine,
    acts: Vec<Act>,
    categories: Vec<CategoryId>,
    purposes: Vec<PurposeId>,
    subjects: Vec<SubjectKind>,
    recipients: Vec<RecipientId>,
}

fn seeds() -> &'static [Seed] {
    static LOADED: OnceLock<Vec<Seed>> = OnceLock::new();
    LOADED.get_or_init(|| {
        SEEDS
            .iter()
            .map(|&name| {
                let text = seed_text(name);
                let engine = load(&text);
                let p = engine.policy();
                Seed {
                    name,
                    acts: p
                        .activities()
                        .iter()
                        .map(|a| Act {
                            id: a.id.clone(),
                            categories: a.categories.iter().map(|(c, _)| c.clone()).collect(),
                            purposes: a.purpose_ids().cloned().collect(),
                        })
                        .collect(),
                    categories: p.categories().iter().map(|c| c.id.clone()).collect(),
                    purposes: p.purposes().iter().map(|x| x.id.clone()).collect(),
                    subjects: p.subjects().iter().map(|x| x.id.clone()).collect(),
                    recipients: p.recipients().iter().map(|x| x.id.clone()).collect(),
                    text,
                    engine,
                }
            })
            .collect()
    })
}

fn check<S: Strategy>(
    cases: u32,
    strategy: &S,
    test: impl Fn(&Seed, S::Value) -> Result<(), TestCaseError>,
) {
    for seed in seeds() {
        let mut runner = TestRunner::new(Config {
            cases: std::env::var("PROPTEST_CASES")
                .ok()
                .and_then(|v| v.parse().ok())
                .unwrap_or(cases),
            failure_persistence: None,
            ..Config::default()
        });
        if let Err(e) = runner.run(strategy, |v| test(seed, v)) {
            panic!("policy `{}`: {e}", seed.name);
        }
    }
}

#[derive(Debug, Clone)]
enum CatPick {
    /// One the record's activity declares.
    Own(Index),
    /// Any of the policy's.
    Policy(Index),
    /// An accounting category.
    Accounting(Index),
}

#[derive(Debug, Clone)]
struct RawRecord {
    /// `None`: an activity the policy does not declare.
    activity: Option<Index>,
    category: CatPick,
    collected: i64,
    fiscal_year_end: Option<i64>,
    disclosed: Vec<Index>,
}

#[derive(Debug, Clone)]
struct RawSubject {
    kind: Index,
    relationship: Option<(i64, Option<i64>)>,
    /// (purpose: from an activity or the policy, given, withdrawn)
    consents: Vec<(Index, bool, i64, Option<i64>)>,
    /// (purpose, at, direct marketing?, compelling grounds?)
    objections: Vec<(Index, i64, bool, bool)>,
    holds: Vec<(i64, Option<i64>)>,
    warranty_end: Option<i64>,
}

#[derive(Debug, Clone)]
struct Scenario {
    records: Vec<RawRecord>,
    subject: RawSubject,
    at: i64,
    grounds: Vec<ErasureGround>,
}

fn instant(from: i64, to: i64) -> impl Strategy<Value = i64> + Clone {
    prop_oneof![
        4 => from..to,
        // Around local midnights of New Year (both zones), where fiscal years change.
        1 => (2005i32..2040, -3i64 * 3600..3 * 3600).prop_map(|(y, off)| {
            NaiveDate::from_ymd_opt(y, 1, 1).unwrap().and_hms_opt(0, 0, 0).unwrap().and_utc().timestamp() + off
        }),
    ]
}

fn raw_record() -> impl Strategy<Value = RawRecord> {
    (
        prop::option::weighted(0.9, any::<Index>()),
        prop_oneof![
            3 => any::<Index>().prop_map(CatPick::Own),
            1 => any::<Index>().prop_map(CatPick::Policy),
            2 => any::<Index>().prop_map(CatPick::Accounting),
        ],
        instant(T2005, T2030),
        prop::option::weighted(0.4, instant(T2005, T2030)),
        prop::collection::vec(any::<Index>(), 0..3),
    )
        .prop_map(
            |(activity, category, collected, fiscal_year_end, disclosed)| RawRecord {
                activity,
                category,
                collected,
                fiscal_year_end,
                disclosed,
            },
        )
}

fn raw_subject() -> impl Strategy<Value = RawSubject> {
    (
        any::<Index>(),
        prop::option::weighted(
            0.8,
            (
                instant(T2005, T2030),
                prop::option::weighted(0.6, instant(T2005, T2040)),
            ),
        ),
        prop::collection::vec(
            (
                any::<Index>(),
                any::<bool>(),
                instant(T2005, T2030),
                prop::option::of(instant(T2005, T2040)),
            ),
            0..3,
        ),
        prop::collection::vec(
            (
                any::<Index>(),
                instant(T2005, T2040),
                any::<bool>(),
                any::<bool>(),
            ),
            0..2,
        ),
        prop::collection::vec(
            (
                instant(T2005, T2040),
                prop::option::of(instant(T2005, T2040)),
            ),
            0..2,
        ),
        prop::option::of(instant(T2005, T2040)),
    )
        .prop_map(
            |(kind, relationship, consents, objections, holds, warranty_end)| RawSubject {
                kind,
                relationship,
                consents,
                objections,
                holds,
                warranty_end,
            },
        )
}

fn scenario() -> impl Strategy<Value = Scenario> {
    (
        prop::collection::vec(raw_record(), 0..8),
        raw_subject(),
        instant(T2005 + 3 * 365 * 86_400, T2040),
        prop::collection::vec(select(GROUNDS.to_vec()), 0..3),
    )
        .prop_map(|(records, subject, at, grounds)| Scenario {
            records,
            subject,
            at,
            grounds,
        })
}

fn t(secs: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(secs, 0).unwrap()
}

fn get<'a, T>(i: &Index, v: &'a [T]) -> Option<&'a T> {
    (!v.is_empty()).then(|| i.get(v))
}

impl Seed {
    fn records(&self, s: &Scenario) -> Vec<Record> {
        let zone = self.engine.policy().controller().time_zone;
        s.records
            .iter()
            .enumerate()
            .map(|(n, r)| {
                let act = r.activity.as_ref().and_then(|i| get(i, &self.acts));
                let activity = act.map_or_else(
                    || ActivityId::new("zz_unknown_activity").unwrap(),
                    |a| a.id.clone(),
                );
                let category = match &r.category {
                    CatPick::Own(i) => act.and_then(|a| get(i, &a.categories)).cloned(),
                    CatPick::Policy(i) => get(i, &self.categories).cloned(),
                    CatPick::Accounting(i) => {
                        Some(CategoryId::new(i.get::<&str>(&ACCOUNTING)).unwrap())
                    }
                }
                .unwrap_or_else(|| CategoryId::new("financial.invoice").unwrap());
                Record {
                    // Ids repeat now and then: steps are matched by position, not by id.
                    id: format!("r{}", n % 6),
                    category,
                    activity,
                    collected_at: t(r.collected),
                    fiscal_year_end: r.fiscal_year_end.map(|x| zone.local_date(t(x))),
                    disclosed_to: r
                        .disclosed
                        .iter()
                        .filter_map(|i| get(i, &self.recipients))
                        .cloned()
                        .collect(),
                }
            })
            .collect()
    }

    fn subject(&self, s: &Scenario) -> SubjectState {
        let r = &s.subject;
        let purpose = |i: &Index, own: bool| {
            let acts: Vec<&PurposeId> = self.acts.iter().flat_map(|a| &a.purposes).collect();
            if own && !acts.is_empty() {
                (*i.get(&acts)).clone()
            } else {
                i.get(&self.purposes).clone()
            }
        };
        SubjectState {
            kind: r.kind.get(&self.subjects).clone(),
            age: None,
            country: None,
            relationship: r.relationship.map(|(start, end)| Relationship {
                start: t(start),
                end: end.map(|e| t(e.max(start))),
                settled: None,
            }),
            consents: r
                .consents
                .iter()
                .map(|(p, own, given, withdrawn)| Consent {
                    purpose: purpose(p, *own),
                    given: t(*given),
                    withdrawn: withdrawn.map(|w| t(w.max(*given))),
                    expires: None,
                    explicit: false,
                    parental: false,
                })
                .collect(),
            objections: r
                .objections
                .iter()
                .map(|(p, at, dm, compelling)| Objection {
                    purpose: purpose(p, true),
                    at: t(*at),
                    kind: if *dm {
                        ObjectionKind::DirectMarketing
                    } else {
                        ObjectionKind::ParticularSituation
                    },
                    compelling_grounds: compelling.then(|| "fraud investigation".to_owned()),
                })
                .collect(),
            restrictions: Vec::new(),
            legal_claim_holds: r
                .holds
                .iter()
                .map(|(from, until)| LegalClaimHold {
                    from: t(*from),
                    until: until.map(|u| t(u.max(*from + 1))),
                    note: None,
                })
                .collect(),
            events: r
                .warranty_end
                .map(|w| ("warranty_end".to_owned(), t(w)))
                .into_iter()
                .collect(),
        }
    }
}

fn show(
    records: &[Record],
    s: &SubjectState,
    at: DateTime<Utc>,
    grounds: &[ErasureGround],
) -> String {
    format!(
        "at {at}, grounds {grounds:?}\nsubject {}\nrecords {}",
        serde_json::to_string(s).unwrap(),
        serde_json::to_string(records).unwrap()
    )
}

/// Exactly one step per record, in input order; every action is justified and consistent with
/// the record and the subject.
#[test]
fn plans_have_one_justified_step_per_record() {
    check(CASES, &scenario(), |seed, sc| {
        let records = seed.records(&sc);
        let s = seed.subject(&sc);
        let at = t(sc.at);
        let plan = seed.engine.plan_erasure(&s, &records, at, &sc.grounds);
        let ctx = || show(&records, &s, at, &sc.grounds);
        prop_assert_eq!(plan.at, at);
        prop_assert_eq!(plan.steps.len(), records.len(), "{}", ctx());
        let policy = seed.engine.policy();
        let zone = policy.controller().time_zone;
        for (r, step) in records.iter().zip(&plan.steps) {
            prop_assert_eq!(&step.record, &r.id);
            let activity = policy.activity(&r.activity).map(|(_, a)| a);
            match (&step.action, activity) {
                (Action::Keep { reason, citation }, None) => {
                    prop_assert!(
                        reason.contains("not in the policy") && citation == "GDPR Art. 5(1)(b)"
                    );
                }
                (other, None) => {
                    prop_assert!(false, "unknown activity, got {:?}\n{}", other, ctx())
                }
                (action, Some(a)) if matches!(a.role, Role::Processor { .. }) => {
                    prop_assert!(
                        matches!(action, Action::Forward { citation, .. } if citation == "GDPR Art. 28(3)(e)"),
                        "{:?}",
                        action
                    );
                }
                (Action::Forward { .. }, Some(_)) => {
                    prop_assert!(false, "forwarded controller data\n{}", ctx())
                }
                // A record of a category its activity does not declare is never scheduled
                // for erasure silently (Art. 5(1)(c)).
                (action, Some(a)) if !a.categories.iter().any(|(c, _)| r.category.is_within(c)) => {
                    prop_assert!(
                        matches!(action, Action::Keep { citation, .. } if citation == "GDPR Art. 5(1)(c)"),
                        "undeclared category, got {:?}\n{}",
                        action,
                        ctx()
                    );
                }
                // A running contract the subject is party to keeps the data a purpose resting on
                // it alone needs (Art. 6(1)(b)); a direct-marketing purpose never counts
                // (Art. 21(2)-(3)). Grounds (d)-(f) are taken as stated.
                (action, Some(a))
                    if contract_purpose(a)
                        && policy
                            .subject_kind(&s.kind)
                            .is_some_and(|k| k.party_to_contract)
                        && s.relationship
                            .as_ref()
                            .is_some_and(|x| x.start <= at && x.end.is_none_or(|e| at < e))
                        && !sc.grounds.iter().any(|g| {
                            matches!(
                                g,
                                ErasureGround::Unlawful
                                    | ErasureGround::LegalObligation
                                    | ErasureGround::ChildData
                            )
                        }) =>
                {
                    prop_assert!(
                        matches!(action, Action::Keep { citation, .. } if citation == "GDPR Art. 6(1)(b)"),
                        "running contract, got {:?}\n{}",
                        action,
                        ctx()
                    );
                }
                (
                    Action::Erase {
                        ground,
                        citation,
                        notify,
                    },
                    Some(_),
                ) => {
                    prop_assert_eq!(citation, &ground.citation().to_string());
                    prop_assert_eq!(notify, &r.disclosed_to);
                    let unverifiable = sc.grounds.iter().copied().filter(|g| {
                        matches!(
                            g,
                            ErasureGround::Unlawful
                                | ErasureGround::LegalObligation
                                | ErasureGround::ChildData
                        )
                    });
                    if let Some(g) = unverifiable.min() {
                        prop_assert_eq!(*ground, g);
                    }
                }
                (
                    Action::Retain {
                        ground,
                        last_day,
                        until,
                        exception,
                        authority,
                        notify,
                    },
                    Some(_),
                ) => {
                    prop_assert!(*until > at, "Retain until {} at {}\n{}", until, at, ctx());
                    prop_assert!(!authority.trim().is_empty());
                    prop_assert_eq!(notify, &r.disclosed_to);
                    let unverifiable = sc.grounds.iter().copied().filter(|g| {
                        matches!(
                            g,
                            ErasureGround::Unlawful
                                | ErasureGround::LegalObligation
                                | ErasureGround::ChildData
                        )
                    });
                    if let Some(g) = unverifiable.min() {
                        prop_assert_eq!(*ground, g);
                    }
                    match exception.as_str() {
                        "GDPR Art. 17(3)(b)" => {
                            prop_assert_eq!(*until, zone.end_of_day(*last_day), "{}", ctx());
                        }
                        "GDPR Art. 17(3)(e)" => prop_assert!(!s.legal_claim_holds.is_empty()),
                        other => prop_assert!(false, "exception {}", other),
                    }
                }
                (Action::Keep { reason, citation }, Some(_)) => {
                    prop_assert!(!reason.is_empty());
                    prop_assert!(citation.starts_with("GDPR Art. "), "{}", citation);
                }
            }
        }
        Ok(())
    });
}

/// The same question twice gives the same plan, byte for byte, also from a re-loaded policy.
#[test]
fn plans_are_deterministic() {
    check(CASES, &scenario(), |seed, sc| {
        let records = seed.records(&sc);
        let s = seed.subject(&sc);
        let at = t(sc.at);
        let a = seed.engine.plan_erasure(&s, &records, at, &sc.grounds);
        let b = seed.engine.plan_erasure(&s, &records, at, &sc.grounds);
        let c = load(&seed.text).plan_erasure(&s, &records, at, &sc.grounds);
        prop_assert_eq!(&a, &b);
        prop_assert_eq!(&a, &c);
        let json = serde_json::to_string(&a).unwrap();
        prop_assert_eq!(&json, &serde_json::to_string(&b).unwrap());
        prop_assert_eq!(&json, &serde_json::to_string(&c).unwrap());
        Ok(())
    });
}

/// Schedules: one entry per record, `index` its position; `overdue` iff `ends_at <= at`; a date
/// is the end of its last local day; `schedule_into` agrees with `schedule`.
#[test]
fn schedules_have_one_entry_per_record() {
    check(
        CASES,
        &(scenario(), any::<bool>()),
        |seed, (sc, with_subject)| {
            let records = seed.records(&sc);
            let s = seed.subject(&sc);
            let s = with_subject.then_some(&s);
            let at = t(sc.at);
            let entries = seed.engine.schedule(&records, s, at);
            prop_assert_eq!(entries.len(), records.len());
            let zone = seed.engine.policy().controller().time_zone;
            for (i, e) in entries.iter().enumerate() {
                prop_assert_eq!(e.index, i);
                match &e.due {
                    Due::On {
                        last_day, ends_at, ..
                    } => {
                        prop_assert_eq!(e.overdue, *ends_at <= at);
                        prop_assert_eq!(*ends_at, zone.end_of_day(*last_day));
                        prop_assert!(e.citation().is_some_and(|c| !c.to_string().is_empty()));
                    }
                    Due::WhilePurposeLasts { at_least, .. } => {
                        prop_assert!(!e.overdue);
                        // A citation exactly when a legal duty sets a minimum.
                        prop_assert_eq!(e.citation().is_some(), at_least.is_some());
                        if let Some(m) = at_least {
                            prop_assert_eq!(m.ends_at, zone.end_of_day(m.last_day));
                        }
                    }
                    _ => {
                        prop_assert!(!e.overdue);
                        prop_assert!(e.citation().is_none());
                    }
                }
            }
            let mut buf = seed.engine.schedule(
                &records[..records.len() / 2],
                None,
                at - TimeDelta::days(400),
            );
            seed.engine.schedule_into(&records, s, at, &mut buf);
            prop_assert_eq!(&buf, &entries);
            Ok(())
        },
    );
}

#[derive(Debug, Clone)]
struct RawDuty {
    categories: Vec<CatPick>,
    period: (u32, u32, u32),
    after: usize,
    limitation: bool,
    /// Which activities name it (by position, cycled).
    named_by: Vec<bool>,
}

const AFTER: [&str; 6] = [
    "collection",
    "end_of_relationship",
    "consent_withdrawal",
    "end_of_fiscal_year",
    "end_of_calendar_year_of_fiscal_year_end",
    "event",
];

fn raw_duty() -> impl Strategy<Value = RawDuty> {
    (
        prop::collection::vec(
            prop_oneof![
                1 => any::<Index>().prop_map(CatPick::Policy),
                2 => any::<Index>().prop_map(CatPick::Accounting),
            ],
            1..3,
        ),
        (0u32..15, 0u32..12, 0u32..40),
        0..AFTER.len(),
        prop::bool::weighted(0.2),
        prop::collection::vec(prop::bool::weighted(0.7), 1..12),
    )
        .prop_map(
            |(categories, period, after, limitation, named_by)| RawDuty {
                categories,
                period,
                after,
                limitation,
                named_by,
            },
        )
}

/// `text` with the declared duty `id` (a `[[duty]]` block) named by activities `named`.
fn with_duty(text: &str, block: &str, id: &str, named: &[&ActivityId]) -> String {
    let mut out = text.to_owned();
    for a in named {
        let header = format!("[[activity]]\nid = \"{a}\"\n");
        let start = out
            .find(&header)
            .unwrap_or_else(|| panic!("no activity `{a}`"))
            + header.len();
        let end = out[start..]
            .find("\n[")
            .map_or(out.len(), |i| start + i + 1);
        let seg = &out[start..end];
        let seg = match seg.find("\nduties = [") {
            Some(i) => format!(
                "{}\nduties = [\"{id}\", {}",
                &seg[..i],
                &seg[i + "\nduties = [".len()..]
            ),
            None => format!("duties = [\"{id}\"]\n{seg}"),
        };
        out = format!("{}{}{}", &out[..start], seg, &out[end..]);
    }
    format!("{out}\n{block}")
}

impl Seed {
    fn variant(&self, d: &RawDuty) -> String {
        let mut cats: Vec<String> = d
            .categories
            .iter()
            .map(|c| match c {
                CatPick::Own(i) | CatPick::Policy(i) => i.get(&self.categories).to_string(),
                CatPick::Accounting(i) => (*i.get(&ACCOUNTING[..])).to_owned(),
            })
            .collect();
        cats.sort();
        cats.dedup();
        let (y, m, dd) = d.period;
        let period = format!("{y}y{m}m{dd}d");
        let after = AFTER[d.after];
        let event = if after == "event" {
            "event = \"warranty_end\"\n"
        } else {
            ""
        };
        let block = format!(
            "[[duty]]\nid = \"test.extra\"\ncitation = \"Testlag (2099:1) 1 §\"\ncategories = {cats:?}\nperiod = \"{period}\"\nafter = \"{after}\"\n{event}limitation = {}\n",
            d.limitation
        );
        let named: Vec<&ActivityId> = self
            .acts
            .iter()
            .zip(d.named_by.iter().cycle())
            .filter(|(_, n)| **n)
            .map(|(a, _)| &a.id)
            .collect();
        with_duty(&self.text, &block, "test.extra", &named)
    }
}

/// A further duty to keep can only hold data back longer: a Retain stays a Retain (or becomes
/// no Erase, at any rate).
#[test]
fn a_declared_duty_never_turns_retain_into_erase() {
    check(
        VARIANT_CASES,
        &(scenario(), raw_duty()),
        |seed, (sc, duty)| {
            let records = seed.records(&sc);
            let s = seed.subject(&sc);
            let at = t(sc.at);
            let text = seed.variant(&duty);
            let variant = load(&text);
            let before = seed.engine.plan_erasure(&s, &records, at, &sc.grounds);
            let after = variant.plan_erasure(&s, &records, at, &sc.grounds);
            prop_assert_eq!(before.steps.len(), after.steps.len());
            for ((r, b), a) in records.iter().zip(&before.steps).zip(&after.steps) {
                if let Action::Retain { until, .. } = &b.action {
                    prop_assert!(
                        !matches!(a.action, Action::Erase { .. }),
                        "record {} was retained until {}, with the duty {:?} it is erased\n{}",
                        r.id,
                        until,
                        duty,
                        show(&records, &s, at, &sc.grounds)
                    );
                }
            }
            Ok(())
        },
    );
}

// ---------------------------------------------------------------------------------------------
// Engine bugs: minimal cases, failing until fixed
// ---------------------------------------------------------------------------------------------

/// BUG (src/engine/erasure.rs, `erasure_action`): `duty_end(..).ok().flatten()` turns "a duty's
/// anchor has not happened yet" into "no duty", so a declared duty counted from an event that is
/// still to come makes the record erasable, and hides the built-in BFL duty that covers it too.
/// A duty to keep data for a period after a future event cannot allow erasure now (Art. 17(3)(b));
/// expected: still retained under BFL (or kept), never erased.
#[test]
fn bug_a_duty_waiting_for_its_anchor_does_not_allow_erasure() {
    let base = seed_text("familjefilm");
    let block = "[[duty]]\nid = \"test.warranty\"\ncitation = \"Testlag (2099:1) 1 §\"\ncategories = [\"financial.invoice\"]\nperiod = \"3y\"\nafter = \"event\"\nevent = \"warranty_end\"\n";
    let variant = load(&with_duty(
        &base,
        block,
        "test.warranty",
        &[&ActivityId::new("legal_obligation").unwrap()],
    ));
    let s = subject(serde_json::json!({ "kind": "customer" }));
    let r = record(
        "invoice",
        "financial.invoice",
        "legal_obligation",
        "2024-03-15T10:00:00Z",
    );
    let at = utc("2024-09-02T08:00:00Z");
    // Without the extra duty: retained under BFL.
    let before =
        seed("familjefilm").plan_erasure(&s, std::slice::from_ref(&r), at, &[NoLongerNecessary]);
    assert_eq!(
        before.steps[0].action,
        retain(
            NoLongerNecessary,
            ymd(2031, 12, 31),
            "2031-12-31T23:00:00Z",
            BFL,
            &[]
        )
    );
    let after = variant.plan_erasure(&s, std::slice::from_ref(&r), at, &[NoLongerNecessary]);
    assert!(
        !matches!(after.steps[0].action, Action::Erase { .. }),
        "a duty to keep for 3 years after a warranty that has not ended made the invoice erasable: {:?}",
        after.steps[0].action
    );
}

/// BUG (src/engine/erasure.rs, `erasure_action`, `held`): a hold's `until` is the exclusive end
/// instant (model/subject.rs: intervals hold "until `until` (exclusive)"), but the plan reports
/// `last_day = zone.local_date(until)`. A hold until 2026-01-01 00:00 Stockholm
/// (2025-12-31T23:00Z) keeps the data through 2025-12-31, and `until` is then exactly the end of
/// that day, as for duties; the plan says `last_day` 2026-01-01, a day the data is no longer held.
#[test]
fn bug_a_hold_ending_at_local_midnight_reports_the_wrong_last_day() {
    let engine = seed("studio-m");
    let s = subject(serde_json::json!({
        "kind": "customer",
        "relationship": { "start": "2022-01-10T09:00:00Z", "end": "2024-06-30T12:00:00Z" },
        "legal_claim_holds": [{ "from": "2024-07-01T00:00:00Z", "until": "2025-12-31T23:00:00Z" }],
    }));
    let r = record("email", "contact.email", "contract", "2022-01-10T09:00:00Z");
    let plan = engine.plan_erasure(
        &s,
        std::slice::from_ref(&r),
        utc("2024-09-01T09:00:00Z"),
        &[],
    );
    let Action::Retain {
        last_day,
        until,
        exception,
        ..
    } = &plan.steps[0].action
    else {
        panic!("expected a Retain, got {:?}", plan.steps[0].action);
    };
    assert_eq!(exception, "GDPR Art. 17(3)(e)");
    assert_eq!(*until, utc("2025-12-31T23:00:00Z"));
    assert_eq!(
        *last_day,
        ymd(2025, 12, 31),
        "the data is not held on 2026-01-01"
    );
}

/// Whether the activity has a purpose outside direct marketing that rests on contract alone.
fn contract_purpose(a: &gdpr_policy::model::Activity) -> bool {
    let dm = gdpr_policy::model::PurposeId::new("marketing.direct").unwrap();
    a.purposes
        .iter()
        .any(|q| !q.id.is_within(&dm) && q.bases == [LegalBasis::Contract])
}

/// An activity listing `contract` then `legal_obligation`, a month after the contract ended:
/// the contract no longer makes the invoice necessary (Art. 17(1)(a)), but the bookkeeping duty
/// does, so it is retained under Art. 17(3)(b) until the duty ends: a Finnish invoice of a fiscal
/// year ending 2024-03-31 is a voucher, kept until 2030-12-31 (Kirjanpitolaki 2 luku 10 §), and
/// the books of that year until 2034-03-31.
#[test]
fn contract_then_legal_obligation_retains_under_the_statute() {
    let policy = gdpr_policy::format::from_toml_str(
        r#"
format = 1
id = "shop"
title = "Verkkokauppa"
[controller]
name = "Kauppa Oy"
country = "FI"
time_zone = "Europe/Helsinki"
fiscal_year_end = "03-31"

[[activity]]
id = "invoicing"
name = "invoicing and bookkeeping"
purposes = ["billing", "legal.bookkeeping"]
bases = ["contract", "legal_obligation"]
subjects = ["customer"]
categories = ["financial.invoice", "financial.books"]
"#,
    )
    .unwrap();
    let engine = Engine::new(policy);
    let s = subject(serde_json::json!({
        "kind": "customer",
        "relationship": { "start": "2023-05-01T09:00:00Z", "end": "2024-03-01T10:00:00Z" },
    }));
    let mut invoice = record(
        "invoice",
        "financial.invoice",
        "invoicing",
        "2024-02-10T10:00:00Z",
    );
    invoice.fiscal_year_end = Some(ymd(2024, 3, 31));
    let mut books = record(
        "books",
        "financial.books",
        "invoicing",
        "2024-02-10T10:00:00Z",
    );
    books.fiscal_year_end = Some(ymd(2024, 3, 31));
    let plan = engine.plan_erasure(&s, &[invoice, books], utc("2024-04-01T10:00:00Z"), &[]);
    let days: Vec<(String, NaiveDate, String, String)> = plan
        .steps
        .iter()
        .map(|step| match &step.action {
            Action::Retain {
                ground,
                last_day,
                exception,
                authority,
                ..
            } => {
                assert_eq!(*ground, NoLongerNecessary);
                (
                    step.record.clone(),
                    *last_day,
                    exception.clone(),
                    authority.clone(),
                )
            }
            other => panic!("{}: expected retain, got {other:?}", step.record),
        })
        .collect();
    assert_eq!(
        days,
        [
            (
                "invoice".to_owned(),
                ymd(2030, 12, 31),
                "GDPR Art. 17(3)(b)".to_owned(),
                "KPL 2 luku 10 § (`fi.kpl.vouchers`)".to_owned()
            ),
            (
                "books".to_owned(),
                ymd(2034, 3, 31),
                "GDPR Art. 17(3)(b)".to_owned(),
                "KPL 2 luku 10 § (`fi.kpl.books`)".to_owned()
            ),
        ]
    );
}

/// Art. 17(1)(c) holds only where there are no overriding legitimate grounds: compelling grounds
/// recorded against an Art. 21(1) objection still override it when the erasure request states
/// the objection again. And a running contract for a subject kind the policy does not mark as a
/// party is kept and asked about (Art. 6(1)(b)), never erased: erasure cannot be undone.
#[test]
fn recorded_compelling_grounds_and_unmarked_parties_keep_the_data() {
    let engine = seed("familjefilm");
    let s = subject(serde_json::json!({
        "kind": "customer",
        "relationship": { "start": "2023-03-01T09:00:00Z" },
        "objections": [{ "purpose": "product_development", "at": "2024-01-10T10:00:00Z",
            "kind": "particular_situation", "compelling_grounds": "fraud analysis of orders" }],
    }));
    let r = record(
        "browse",
        "behaviour.browsing",
        "product_development",
        "2024-01-05T10:00:00Z",
    );
    let plan = engine.plan_erasure(
        &s,
        std::slice::from_ref(&r),
        utc("2024-03-01T10:00:00Z"),
        &[ErasureGround::Objection],
    );
    assert!(
        matches!(&plan.steps[0].action, Action::Keep { .. }),
        "{:?}",
        plan.steps[0].action
    );

    let policy = gdpr_policy::format::from_toml_str(
        r#"
format = 1
id = "gym"
title = "Gym"
[controller]
name = "Gym AB"
country = "SE"
time_zone = "Europe/Stockholm"
[[subject]]
id = "member"
name = "a member"
[[activity]]
id = "membership"
name = "membership"
purposes = ["service.contract"]
bases = ["contract"]
subjects = ["member"]
categories = ["contact.email"]
"#,
    )
    .unwrap();
    let engine = Engine::new(policy);
    let member = subject(serde_json::json!({
        "kind": "member",
        "relationship": { "start": "2023-03-01T09:00:00Z" },
    }));
    let r = record(
        "email",
        "contact.email",
        "membership",
        "2023-03-01T09:00:00Z",
    );
    let plan = engine.plan_erasure(&member, &[r], utc("2024-03-01T10:00:00Z"), &[]);
    match &plan.steps[0].action {
        Action::Keep { reason, citation } => {
            assert_eq!(citation, "GDPR Art. 6(1)(b)");
            assert!(reason.contains("not marked as a party"), "{reason}");
        }
        other => panic!("expected keep, got {other:?}"),
    }
}
