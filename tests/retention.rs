//! Retention schedules ([`Engine::schedule`], [`Engine::schedule_into`]) through the public API.
//!
//! - **Statutory worked examples.** BFL 7 kap. 2 § for a Swedish controller (a fiscal year ending
//!   2009-12-31 may be destroyed from 2017-01-01; ten years instead of seven when the question is
//!   asked before SFS 2010:1514 took effect on 2011-01-01); KPL 2 luku 10 § for Smilee (a fiscal
//!   year ending 2024-03-31: vouchers, invoices and contracts among them, until 2030-12-31; books
//!   until 2034-03-31).
//! - **Time-zone edges.** The fiscal year a record belongs to is decided by the controller-local
//!   date of its collection (Stockholm UTC+1, Helsinki UTC+2 in winter); the end of a period is
//!   the first instant of the next local day, also on the DST change days 2024-03-31 and
//!   2024-10-27; adding years to a leap day clamps to 28 February.
//! - **The rest of the contract**: a rule against a duty (the later wins), limitation periods only
//!   under an active legal-claims hold, declared duties, pending anchors, unknown activities,
//!   "while the purpose lasts", `overdue` exactly from `ends_at`, and `schedule_into`.
//!
//! The seed policies state "while the purpose lasts" for almost every activity, and a duty sets
//! the date only where the activity states no rule; the worked examples therefore use activities
//! without a rule (Studio M's `legal_claims`), seed variants with one activity's retention line
//! changed, or small inline policies. A record is scheduled only under an activity that declares
//! its category (Art. 5(1)(c)), and the seeds declare no contract data, no books of account and,
//! for Studio M, no invoices: the variants that schedule those declare them
//! ([`add_categories`]).
//!
//! The last section keeps a minimal, deterministic case of an engine bug found here; it fails
//! until the engine is fixed.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use chrono::{DateTime, NaiveDate, TimeDelta, Utc};
use gdpr_policy::engine::Engine;
use gdpr_policy::engine::schedule::{Due, Entry, Source};
use gdpr_policy::model::{Record, SubjectState};

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

/// `text` with the `retention = ...` line of activity `id` replaced by `retention = {rule}`, or
/// removed when `rule` is `None`. Panics unless the activity exists.
fn set_retention(text: &str, id: &str, rule: Option<&str>) -> String {
    let header = format!("[[activity]]\nid = \"{id}\"\n");
    let start = text
        .find(&header)
        .unwrap_or_else(|| panic!("no activity `{id}`"))
        + header.len();
    let end = text[start..]
        .find("\n[")
        .map_or(text.len(), |i| start + i + 1);
    let mut seg: Vec<String> = text[start..end]
        .lines()
        .filter(|l| !l.starts_with("retention = "))
        .map(str::to_owned)
        .collect();
    if let Some(rule) = rule {
        seg.insert(0, format!("retention = {rule}"));
    }
    format!("{}{}\n{}", &text[..start], seg.join("\n"), &text[end..])
}

/// A seed policy with one activity's retention rule replaced (or removed).
fn variant(name: &str, activity: &str, rule: Option<&str>) -> Engine {
    load(&set_retention(&seed_text(name), activity, rule))
}

/// `text` with `categories` added to the categories activity `id` declares. Panics unless the
/// activity exists and lists its categories one a line.
fn add_categories(text: &str, id: &str, categories: &[&str]) -> String {
    let header = format!("[[activity]]\nid = \"{id}\"\n");
    let start = text
        .find(&header)
        .unwrap_or_else(|| panic!("no activity `{id}`"))
        + header.len();
    let end = text[start..]
        .find("\n[")
        .map_or(text.len(), |i| start + i + 1);
    let list = "\ncategories = [\n";
    let at = start
        + text[start..end]
            .find(list)
            .unwrap_or_else(|| panic!("activity `{id}` lists no categories"))
        + list.len();
    let extra: String = categories.iter().map(|c| format!("  \"{c}\",\n")).collect();
    format!("{}{extra}{}", &text[..at], &text[at..])
}

/// A seed policy whose activity `activity` declares `categories` besides its own, with its
/// retention rule replaced or removed as [`set_retention`] does (`None`: left as it is).
fn declaring(
    name: &str,
    activity: &str,
    rule: Option<Option<&str>>,
    categories: &[&str],
) -> Engine {
    let text = seed_text(name);
    let text = match rule {
        Some(rule) => set_retention(&text, activity, rule),
        None => text,
    };
    load(&add_categories(&text, activity, categories))
}

/// Studio M with invoices and contracts among the data its legal-claims activity declares (the
/// notice lists none): an activity with no retention rule and no duty of its own.
fn studio_m_with_invoices() -> Engine {
    declaring(
        "studio-m",
        "legal_claims",
        None,
        &["financial.invoice", "commercial.contract"],
    )
}

/// A one-activity policy of a controller in `zone`; the activity `a` keeps contact and invoice
/// data under `retention` (a TOML inline table) and names `duties`. `extra` goes after the
/// controller table (declared duties).
fn inline(
    country: &str,
    zone: &str,
    fye: Option<&str>,
    retention: &str,
    duties: &str,
    extra: &str,
) -> Engine {
    let fye = fye.map_or_else(String::new, |f| format!("fiscal_year_end = \"{f}\"\n"));
    load(&format!(
        r#"format = 1
id = "inline"
title = "inline"

[controller]
name = "Inline AB"
country = "{country}"
time_zone = "{zone}"
{fye}
{extra}

[[activity]]
id = "a"
name = "a"
purposes = ["service.contract"]
bases = ["contract"]
subjects = ["customer"]
categories = ["contact.email", "financial.invoice", "commercial.contract"]
retention = {retention}
duties = [{duties}]
"#
    ))
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

fn subject(json: serde_json::Value) -> SubjectState {
    serde_json::from_value(json).unwrap()
}

/// The schedule entry of a single record.
fn one(engine: &Engine, r: &Record, s: Option<&SubjectState>, at: DateTime<Utc>) -> Entry {
    let mut v = engine.schedule(std::slice::from_ref(r), s, at);
    assert_eq!(v.len(), 1);
    assert_eq!(v[0].index, 0);
    v.remove(0)
}

/// `(last_day, ends_at, set_by)` of an entry that has a date.
fn on(e: &Entry) -> (NaiveDate, DateTime<Utc>, Source) {
    match &e.due {
        Due::On {
            last_day,
            ends_at,
            set_by,
        } => (*last_day, *ends_at, set_by.clone()),
        other => panic!("expected a date, got {other:?}"),
    }
}

fn duty(id: &str, citation: &str) -> Source {
    Source::Duty {
        duty: id.to_owned(),
        citation: citation.to_owned(),
    }
}

fn bfl() -> Source {
    duty("se.bfl", "BFL 7 kap. 2 §")
}

fn kpl_books() -> Source {
    duty("fi.kpl.books", "KPL 2 luku 10 §")
}

fn kpl_vouchers() -> Source {
    duty("fi.kpl.vouchers", "KPL 2 luku 10 §")
}

/// Checks the entry's date and that `overdue` switches exactly at `ends_at`.
fn assert_ends(
    engine: &Engine,
    r: &Record,
    s: Option<&SubjectState>,
    last: NaiveDate,
    ends: &str,
    by: &Source,
) {
    let ends = utc(ends);
    let before = one(engine, r, s, ends - TimeDelta::seconds(1));
    assert_eq!(on(&before), (last, ends, by.clone()), "record {}", r.id);
    assert!(!before.overdue, "record {}: overdue a second early", r.id);
    let at = one(engine, r, s, ends);
    assert_eq!(on(&at), (last, ends, by.clone()), "record {}", r.id);
    assert!(at.overdue, "record {}: not overdue at ends_at", r.id);
}

// ---------------------------------------------------------------------------------------------
// 1. Statutory worked examples
// ---------------------------------------------------------------------------------------------

/// BFL 7 kap. 2 §: "fram till och med det sjunde året efter utgången av det kalenderår då
/// räkenskapsåret avslutades". Fiscal year ending 2009-12-31: kept through 2016-12-31, may be
/// destroyed from 2017-01-01 00:00 Stockholm = 2016-12-31T23:00Z. The duty binds every Swedish
/// controller, named by the activity or not.
#[test]
fn bfl_worked_example_for_swedish_controllers() {
    let cases: Vec<(&str, Engine, &str)> = vec![
        // Studio M's legal-claims activity states no retention and names no duty: the
        // controller's bookkeeping duty alone sets the date.
        (
            "studio-m legal_claims",
            studio_m_with_invoices(),
            "legal_claims",
        ),
        // Familjefilm's legal-obligation activity names `se.bfl`; its "as long as there is a
        // documented purpose" rule left out.
        (
            "familjefilm legal_obligation, no rule",
            declaring(
                "familjefilm",
                "legal_obligation",
                Some(None),
                &["commercial.contract"],
            ),
            "legal_obligation",
        ),
        // Multistudio's customer account with a rule that ends sooner than the duty: the later
        // end (the duty) wins.
        (
            "multistudio customer_account, 1y after collection",
            declaring(
                "multistudio",
                "customer_account",
                Some(Some(r#"{ period = "1y", after = "collection" }"#)),
                &["commercial.contract"],
            ),
            "customer_account",
        ),
    ];
    for (name, engine, activity) in &cases {
        let r = with_fye(
            record(
                "inv-2009",
                "financial.invoice",
                activity,
                "2009-06-15T10:00:00Z",
            ),
            ymd(2009, 12, 31),
        );
        let e = one(engine, &r, None, utc("2016-06-01T12:00:00Z"));
        assert_eq!(
            on(&e),
            (ymd(2016, 12, 31), utc("2016-12-31T23:00:00Z"), bfl()),
            "{name}"
        );
        assert!(!e.overdue, "{name}");
        assert_eq!(
            e.citation().map(|c| c.to_string()).as_deref(),
            Some("BFL 7 kap. 2 §"),
            "{name}"
        );
        // Kept through the last second of 2016-12-31 local time, destroyable from 2017-01-01.
        assert_ends(
            engine,
            &r,
            None,
            ymd(2016, 12, 31),
            "2016-12-31T23:00:00Z",
            &bfl(),
        );
        // A contract (commercial.contract) is accounting information too.
        let c = with_fye(
            record(
                "contract-2009",
                "commercial.contract",
                activity,
                "2009-06-15T10:00:00Z",
            ),
            ymd(2009, 12, 31),
        );
        let e = one(engine, &c, None, utc("2016-06-01T12:00:00Z"));
        assert_eq!(
            on(&e),
            (ymd(2016, 12, 31), utc("2016-12-31T23:00:00Z"), bfl()),
            "{name}"
        );
    }
}

/// BFL changed from ten to seven years on 2011-01-01 (SFS 2010:1514); the version in force on
/// the (controller-local) date of the question applies.
#[test]
fn bfl_version_in_force_on_the_question_date() {
    let engine = studio_m_with_invoices();
    let r = with_fye(
        record(
            "inv-2009",
            "financial.invoice",
            "legal_claims",
            "2009-06-15T10:00:00Z",
        ),
        ymd(2009, 12, 31),
    );
    let cases = [
        // (asked at, last day, ends at, overdue)
        (
            "2010-06-01T12:00:00Z",
            ymd(2019, 12, 31),
            "2019-12-31T23:00:00Z",
            false,
        ),
        // 23:59:59 on 2010-12-31 in Stockholm: the old law.
        (
            "2010-12-31T22:59:59Z",
            ymd(2019, 12, 31),
            "2019-12-31T23:00:00Z",
            false,
        ),
        // 00:00 on 2011-01-01 in Stockholm (still 2010 in UTC): the new law.
        (
            "2010-12-31T23:00:00Z",
            ymd(2016, 12, 31),
            "2016-12-31T23:00:00Z",
            false,
        ),
        (
            "2011-06-01T12:00:00Z",
            ymd(2016, 12, 31),
            "2016-12-31T23:00:00Z",
            false,
        ),
        (
            "2024-06-01T12:00:00Z",
            ymd(2016, 12, 31),
            "2016-12-31T23:00:00Z",
            true,
        ),
    ];
    for (at, last, ends, overdue) in cases {
        let e = one(&engine, &r, None, utc(at));
        assert_eq!(on(&e), (last, utc(ends), bfl()), "asked at {at}");
        assert_eq!(e.overdue, overdue, "asked at {at}");
    }
}

/// KPL 2 luku 10 §: books >= 10 years from the end of the fiscal year, vouchers >= 6 years from
/// the end of the calendar year in which the fiscal year ended. Fiscal year ending 2024-03-31:
/// vouchers to 2030-12-31, books to 2034-03-31 (legal.md). An invoice is a voucher (tosite), not
/// books: the voucher period; the journals and ledgers (`financial.books`) get the books period.
#[test]
fn kpl_worked_example_for_smilee() {
    // Smilee's notice declares neither; each variant's activity declares both.
    const BOOKS_AND_CONTRACTS: &[&str] = &["financial.books", "commercial.contract"];
    let engines: Vec<(&str, Engine, &str)> = vec![
        // Smilee's bookkeeping activity names both KPL duties; its rule left out.
        (
            "bookkeeping, no rule",
            // (It declares the books itself.)
            declaring(
                "smilee",
                "bookkeeping",
                Some(None),
                &["commercial.contract"],
            ),
            "bookkeeping",
        ),
        // Authority disclosure names no duty: the controller's national duties still apply.
        (
            "authority_disclosure, no rule",
            declaring(
                "smilee",
                "authority_disclosure",
                Some(None),
                BOOKS_AND_CONTRACTS,
            ),
            "authority_disclosure",
        ),
        // Billing with a rule that ends first: the duty wins.
        (
            "billing, 1y after end of fiscal year",
            declaring(
                "smilee",
                "billing",
                Some(Some(r#"{ period = "1y", after = "end_of_fiscal_year" }"#)),
                BOOKS_AND_CONTRACTS,
            ),
            "billing",
        ),
    ];
    for (name, engine, activity) in &engines {
        let invoice = with_fye(
            record("inv", "financial.invoice", activity, "2023-11-20T09:00:00Z"),
            ymd(2024, 3, 31),
        );
        let e = one(engine, &invoice, None, utc("2025-01-01T12:00:00Z"));
        // KPL 2 luku 10 §, vouchers: 6 years from the end of 2024, the calendar year the fiscal
        // year ended in. 2031-01-01 00:00 EET = 2030-12-31T22:00Z.
        assert_eq!(
            on(&e),
            (
                ymd(2030, 12, 31),
                utc("2030-12-31T22:00:00Z"),
                kpl_vouchers()
            ),
            "{name}"
        );
        assert_eq!(
            e.citation().map(|c| c.to_string()).as_deref(),
            Some("KPL 2 luku 10 §"),
            "{name}"
        );
        assert!(!e.overdue, "{name}");
        // A contract is a voucher (business correspondence), not books: the voucher period.
        let contract = with_fye(
            record(
                "contract",
                "commercial.contract",
                activity,
                "2023-11-20T09:00:00Z",
            ),
            ymd(2024, 3, 31),
        );
        // 2031-01-01 00:00 EET = 2030-12-31T22:00Z.
        assert_ends(
            engine,
            &contract,
            None,
            ymd(2030, 12, 31),
            "2030-12-31T22:00:00Z",
            &kpl_vouchers(),
        );
        assert_ends(
            engine,
            &invoice,
            None,
            ymd(2030, 12, 31),
            "2030-12-31T22:00:00Z",
            &kpl_vouchers(),
        );
        // Books of account: 10 years from the end of the fiscal year (KPL 2 luku 10 §, books).
        let books = with_fye(
            record("books", "financial.books", activity, "2023-11-20T09:00:00Z"),
            ymd(2024, 3, 31),
        );
        // 2034-04-01 00:00 EEST (summer time from 2034-03-26) = 2034-03-31T21:00Z.
        assert_ends(
            engine,
            &books,
            None,
            ymd(2034, 3, 31),
            "2034-03-31T21:00:00Z",
            &kpl_books(),
        );
        let e = one(engine, &books, None, utc("2025-01-01T12:00:00Z"));
        assert_eq!(
            e.citation().map(|c| c.to_string()).as_deref(),
            Some("KPL 2 luku 10 §"),
            "{name}"
        );
    }
}

/// The controller's rule may keep data longer than the law requires: then the rule sets the
/// date (Art. 5(1)(e)).
#[test]
fn a_longer_rule_beats_the_duty() {
    let engine = variant(
        "smilee",
        "billing",
        Some(r#"{ period = "12y", after = "end_of_fiscal_year" }"#),
    );
    let billing = engine
        .policy()
        .activities()
        .iter()
        .position(|a| a.id.as_str() == "billing")
        .unwrap();
    let r = with_fye(
        record(
            "inv",
            "financial.invoice",
            "billing",
            "2023-11-20T09:00:00Z",
        ),
        ymd(2024, 3, 31),
    );
    let e = one(&engine, &r, None, utc("2025-01-01T12:00:00Z"));
    assert_eq!(
        on(&e),
        (
            ymd(2036, 3, 31),
            utc("2036-03-31T21:00:00Z"),
            Source::Rule { activity: billing }
        )
    );
    assert_eq!(
        e.citation().map(|c| c.to_string()).as_deref(),
        Some("GDPR Art. 5(1)(e)")
    );
}

/// Order history is not a voucher: no bookkeeping duty covers `commercial.order`, nor contact
/// data. Nor a bank account number, a debt-collection file or financial data in general: BFL
/// 7 kap. 2 § covers räkenskapsinformation (vouchers and books), not every financial record.
#[test]
fn bookkeeping_duties_cover_accounting_categories_only() {
    let engine = declaring(
        "studio-m",
        "legal_claims",
        None,
        &[
            "commercial.order",
            "financial.bank_account",
            "financial.debt",
            "financial",
        ],
    );
    for category in [
        "commercial.order",
        "contact.email",
        "online.ip_address",
        "financial.bank_account",
        "financial.debt",
        "financial",
    ] {
        let r = with_fye(
            record("x", category, "legal_claims", "2009-06-15T10:00:00Z"),
            ymd(2009, 12, 31),
        );
        let e = one(&engine, &r, None, utc("2016-06-01T12:00:00Z"));
        assert_eq!(
            e.due,
            Due::Unknown {
                reason: "activity `legal_claims` states no retention".to_owned()
            },
            "{category}"
        );
        assert!(!e.overdue);
        assert_eq!(e.citation(), None);
    }
}

/// The seed policies keep invoices "while the purpose lasts" with no review period; the schedule
/// reports that, with the bookkeeping duty's end as the least the record is kept whenever the
/// purpose ends: BFL 7 kap. 2 § (seven years after the fiscal year 2023: 2030-12-31) in Sweden,
/// KPL 2 luku 10 § (vouchers, six years after the calendar year 2023: 2029-12-31) in Finland.
/// Familjefilm's order data now goes at the end of the relationship (`0d after
/// end_of_relationship`); its legal-obligation activity still keeps invoices "så länge det finns
/// ett dokumenterat syfte".
#[test]
fn while_the_purpose_lasts_is_reported_as_such() {
    for (name, activity, last, statute, by) in [
        (
            "familjefilm",
            "legal_obligation",
            ymd(2030, 12, 31),
            "BFL 7 kap. 2 §",
            bfl(),
        ),
        (
            "multistudio",
            "customer_account",
            ymd(2030, 12, 31),
            "BFL 7 kap. 2 §",
            bfl(),
        ),
        // An invoice is a voucher: KPL 2 luku 10 § (`fi.kpl.vouchers`).
        (
            "smilee",
            "billing",
            ymd(2029, 12, 31),
            "KPL 2 luku 10 §",
            kpl_vouchers(),
        ),
    ] {
        let r = with_fye(
            record("inv", "financial.invoice", activity, "2023-06-15T10:00:00Z"),
            ymd(2023, 12, 31),
        );
        // Asked long after the duty's end: the purpose still decides, so it is not overdue.
        let e = one(&seed(name), &r, None, utc("2040-01-01T00:00:00Z"));
        let Due::WhilePurposeLasts {
            review_by: None,
            at_least: Some(m),
        } = &e.due
        else {
            panic!("{name}: {:?}", e.due);
        };
        assert_eq!(m.last_day, last, "{name}");
        assert_eq!(m.set_by, by, "{name}");
        assert!(!e.overdue, "{name}");
        assert_eq!(
            e.citation().map(|c| c.to_string()).as_deref(),
            Some(statute),
            "{name}"
        );
    }
    // Familjefilm's order delivery has a rule of its own now: 0d after the end of the
    // relationship, which without a subject state has not happened yet.
    let r = with_fye(
        record(
            "inv",
            "financial.invoice",
            "order_delivery",
            "2023-06-15T10:00:00Z",
        ),
        ymd(2023, 12, 31),
    );
    let e = one(&seed("familjefilm"), &r, None, utc("2040-01-01T00:00:00Z"));
    assert_eq!(
        e.due,
        Due::Pending {
            waiting_for: "the end of the relationship".to_owned()
        }
    );
    assert!(!e.overdue);
    // Data no duty covers is kept while the purpose lasts, with no minimum.
    let r = record("e", "contact.email", "newsletter", "2023-06-15T10:00:00Z");
    let e = one(&seed("smilee"), &r, None, utc("2024-01-01T00:00:00Z"));
    assert_eq!(
        e.due,
        Due::WhilePurposeLasts {
            review_by: None,
            at_least: None
        }
    );
    assert_eq!(e.citation(), None);
    // With a review period, the next review is counted from the local collection date.
    let engine = inline(
        "SE",
        "Europe/Stockholm",
        None,
        r#"{ until = "purpose_ends", review = "1y", criteria = "as long as the customer has an account" }"#,
        "",
        "",
    );
    let r = record("e", "contact.email", "a", "2024-02-28T23:30:00Z"); // 2024-02-29 local
    let e = one(&engine, &r, None, utc("2030-01-01T00:00:00Z"));
    assert_eq!(
        e.due,
        Due::WhilePurposeLasts {
            review_by: Some(ymd(2025, 2, 28)),
            at_least: None
        }
    );
    assert!(!e.overdue);
}

// ---------------------------------------------------------------------------------------------
// 2. Time-zone edges
// ---------------------------------------------------------------------------------------------

/// A record without a fiscal-year end belongs to the fiscal year of its controller-local
/// collection date. New Year 2024 begins at 2023-12-31T23:00Z in Stockholm (UTC+1) and at
/// 2023-12-31T22:00Z in Helsinki (UTC+2).
#[test]
fn fiscal_year_follows_the_local_collection_date() {
    let studio_m = studio_m_with_invoices();
    let smilee = declaring(
        "smilee",
        "bookkeeping",
        Some(None),
        &["commercial.contract"],
    );
    let cases: Vec<(&Engine, &str, &str, &str, NaiveDate, &str, Source)> = vec![
        // Stockholm: BFL, seven years after the end of the calendar year.
        (
            &studio_m,
            "legal_claims",
            "financial.invoice",
            "2023-12-31T22:30:00Z",
            ymd(2030, 12, 31),
            "2030-12-31T23:00:00Z",
            bfl(),
        ),
        (
            &studio_m,
            "legal_claims",
            "financial.invoice",
            "2023-12-31T22:59:59Z",
            ymd(2030, 12, 31),
            "2030-12-31T23:00:00Z",
            bfl(),
        ),
        (
            &studio_m,
            "legal_claims",
            "financial.invoice",
            "2023-12-31T23:00:00Z",
            ymd(2031, 12, 31),
            "2031-12-31T23:00:00Z",
            bfl(),
        ),
        (
            &studio_m,
            "legal_claims",
            "financial.invoice",
            "2023-12-31T23:30:00Z",
            ymd(2031, 12, 31),
            "2031-12-31T23:00:00Z",
            bfl(),
        ),
        // Helsinki: 22:30Z is already 00:30 on New Year's Day. Books (journals, ledgers) are
        // kept 10 years from the end of the fiscal year (KPL 2 luku 10 §, books).
        (
            &smilee,
            "bookkeeping",
            "financial.books",
            "2023-12-31T21:30:00Z",
            ymd(2033, 12, 31),
            "2033-12-31T22:00:00Z",
            kpl_books(),
        ),
        (
            &smilee,
            "bookkeeping",
            "financial.books",
            "2023-12-31T21:59:59Z",
            ymd(2033, 12, 31),
            "2033-12-31T22:00:00Z",
            kpl_books(),
        ),
        (
            &smilee,
            "bookkeeping",
            "financial.books",
            "2023-12-31T22:00:00Z",
            ymd(2034, 12, 31),
            "2034-12-31T22:00:00Z",
            kpl_books(),
        ),
        (
            &smilee,
            "bookkeeping",
            "financial.books",
            "2023-12-31T22:30:00Z",
            ymd(2034, 12, 31),
            "2034-12-31T22:00:00Z",
            kpl_books(),
        ),
        (
            &smilee,
            "bookkeeping",
            "financial.books",
            "2023-12-31T23:30:00Z",
            ymd(2034, 12, 31),
            "2034-12-31T22:00:00Z",
            kpl_books(),
        ),
        // Vouchers, invoices and contracts alike, 6 years from the end of the calendar year the
        // fiscal year ended in (KPL 2 luku 10 §, vouchers).
        (
            &smilee,
            "bookkeeping",
            "financial.invoice",
            "2023-12-31T21:30:00Z",
            ymd(2029, 12, 31),
            "2029-12-31T22:00:00Z",
            kpl_vouchers(),
        ),
        (
            &smilee,
            "bookkeeping",
            "financial.invoice",
            "2023-12-31T22:30:00Z",
            ymd(2030, 12, 31),
            "2030-12-31T22:00:00Z",
            kpl_vouchers(),
        ),
        (
            &smilee,
            "bookkeeping",
            "commercial.contract",
            "2023-12-31T21:30:00Z",
            ymd(2029, 12, 31),
            "2029-12-31T22:00:00Z",
            kpl_vouchers(),
        ),
        (
            &smilee,
            "bookkeeping",
            "commercial.contract",
            "2023-12-31T22:30:00Z",
            ymd(2030, 12, 31),
            "2030-12-31T22:00:00Z",
            kpl_vouchers(),
        ),
    ];
    for (engine, activity, category, collected, last, ends, by) in cases {
        let r = record("r", category, activity, collected);
        let e = one(engine, &r, None, utc("2025-06-01T12:00:00Z"));
        assert_eq!(
            on(&e),
            (last, utc(ends), by),
            "{category} collected at {collected} under {activity}"
        );
    }
}

/// A fiscal year ending 30 June (summer time, UTC+2 in Stockholm): a record collected at
/// 2024-06-30T21:30Z (23:30 local) belongs to the year ending 2024-06-30, one collected at
/// 22:30Z (00:30 on 1 July) to the year ending 2025-06-30. The explicit `fiscal_year_end` of a
/// record wins over the collection date.
#[test]
fn non_calendar_fiscal_year_in_summer_time() {
    let engine = inline(
        "SE",
        "Europe/Stockholm",
        Some("06-30"),
        r#"{ period = "0d", after = "collection" }"#,
        "",
        "",
    );
    let cases = [
        (
            "2024-06-30T21:30:00Z",
            None,
            ymd(2031, 12, 31),
            "2031-12-31T23:00:00Z",
        ),
        (
            "2024-06-30T21:59:59Z",
            None,
            ymd(2031, 12, 31),
            "2031-12-31T23:00:00Z",
        ),
        (
            "2024-06-30T22:00:00Z",
            None,
            ymd(2032, 12, 31),
            "2032-12-31T23:00:00Z",
        ),
        (
            "2024-06-30T22:30:00Z",
            None,
            ymd(2032, 12, 31),
            "2032-12-31T23:00:00Z",
        ),
        // The record says which fiscal year it belongs to.
        (
            "2024-06-30T22:30:00Z",
            Some(ymd(2024, 6, 30)),
            ymd(2031, 12, 31),
            "2031-12-31T23:00:00Z",
        ),
    ];
    for (collected, fye, last, ends) in cases {
        let mut r = record("inv", "financial.invoice", "a", collected);
        r.fiscal_year_end = fye;
        let e = one(&engine, &r, None, utc("2025-01-01T12:00:00Z"));
        assert_eq!(on(&e), (last, utc(ends), bfl()), "collected at {collected}");
    }
}

/// A period that ends on a DST change day ends at the first instant of the next local day:
/// 2024-03-31 is 23 hours long (the next day starts at 22:00Z in Stockholm, 21:00Z in
/// Helsinki), 2024-10-27 is 25 hours long (23:00Z, 22:00Z).
#[test]
fn periods_ending_on_dst_change_days() {
    let cases = [
        // (zone, collected, last day, ends at)
        (
            "Europe/Stockholm",
            "2023-03-31T12:00:00Z",
            ymd(2024, 3, 31),
            "2024-03-31T22:00:00Z",
        ),
        (
            "Europe/Stockholm",
            "2023-10-27T12:00:00Z",
            ymd(2024, 10, 27),
            "2024-10-27T23:00:00Z",
        ),
        // 2023-03-30T22:30Z is 00:30 on 2023-03-31 in Stockholm.
        (
            "Europe/Stockholm",
            "2023-03-30T22:30:00Z",
            ymd(2024, 3, 31),
            "2024-03-31T22:00:00Z",
        ),
        // 2023-10-26T21:30Z is 23:30 on 2023-10-26 (summer time) in Stockholm.
        (
            "Europe/Stockholm",
            "2023-10-26T21:30:00Z",
            ymd(2024, 10, 26),
            "2024-10-26T22:00:00Z",
        ),
        (
            "Europe/Helsinki",
            "2023-03-31T12:00:00Z",
            ymd(2024, 3, 31),
            "2024-03-31T21:00:00Z",
        ),
        (
            "Europe/Helsinki",
            "2023-10-27T12:00:00Z",
            ymd(2024, 10, 27),
            "2024-10-27T22:00:00Z",
        ),
        (
            "Europe/Helsinki",
            "2023-03-30T22:30:00Z",
            ymd(2024, 3, 31),
            "2024-03-31T21:00:00Z",
        ),
        (
            "UTC",
            "2023-10-27T23:30:00Z",
            ymd(2024, 10, 27),
            "2024-10-28T00:00:00Z",
        ),
    ];
    for (zone, collected, last, ends) in cases {
        let country = if zone == "Europe/Helsinki" {
            "FI"
        } else {
            "SE"
        };
        let engine = inline(
            country,
            zone,
            None,
            r#"{ period = "1y", after = "collection" }"#,
            "",
            "",
        );
        let r = record("e", "contact.email", "a", collected);
        assert_ends(&engine, &r, None, last, ends, &Source::Rule { activity: 0 });
    }
}

/// Studio M keeps newsletter data for "0d" after consent is withdrawn: through the local day of
/// the withdrawal, including on DST change days.
#[test]
fn studio_m_newsletter_ends_on_the_local_withdrawal_day() {
    let engine = seed("studio-m");
    let newsletter = engine
        .policy()
        .activities()
        .iter()
        .position(|a| a.id.as_str() == "newsletter")
        .unwrap();
    let r = record("e", "contact.email", "newsletter", "2022-01-10T09:00:00Z");
    let cases = [
        (
            "2024-03-31T10:00:00Z",
            ymd(2024, 3, 31),
            "2024-03-31T22:00:00Z",
        ),
        (
            "2024-03-30T23:30:00Z",
            ymd(2024, 3, 31),
            "2024-03-31T22:00:00Z",
        ),
        (
            "2024-03-30T22:59:59Z",
            ymd(2024, 3, 30),
            "2024-03-30T23:00:00Z",
        ),
        (
            "2024-10-27T10:00:00Z",
            ymd(2024, 10, 27),
            "2024-10-27T23:00:00Z",
        ),
        (
            "2024-10-26T22:30:00Z",
            ymd(2024, 10, 27),
            "2024-10-27T23:00:00Z",
        ),
        (
            "2024-10-26T21:30:00Z",
            ymd(2024, 10, 26),
            "2024-10-26T22:00:00Z",
        ),
    ];
    for (withdrawn, last, ends) in cases {
        let s = subject(serde_json::json!({
            "kind": "newsletter_subscriber",
            "consents": [{
                "purpose": "marketing.direct",
                "given": "2022-01-10T09:00:00Z",
                "withdrawn": withdrawn,
            }],
        }));
        assert_ends(
            &engine,
            &r,
            Some(&s),
            last,
            ends,
            &Source::Rule {
                activity: newsletter,
            },
        );
    }
    // Without a withdrawal (no subject, or consent still given) the end is pending.
    let given = subject(serde_json::json!({
        "kind": "newsletter_subscriber",
        "consents": [{ "purpose": "marketing.direct", "given": "2022-01-10T09:00:00Z" }],
    }));
    for s in [None, Some(&given)] {
        let e = one(&engine, &r, s, utc("2030-01-01T00:00:00Z"));
        assert_eq!(
            e.due,
            Due::Pending {
                waiting_for: "withdrawal of consent".to_owned()
            }
        );
        assert!(!e.overdue);
    }
}

/// Years and months clamp to the end of the month: 2024-02-29 + 1y = 2025-02-28; the local date
/// decides which day is the anchor.
#[test]
fn leap_days_clamp() {
    let cases = [
        // (zone, period, collected, last day, ends at)
        (
            "Europe/Stockholm",
            "1y",
            "2024-02-29T12:00:00Z",
            ymd(2025, 2, 28),
            "2025-02-28T23:00:00Z",
        ),
        (
            "Europe/Helsinki",
            "1y",
            "2024-02-29T12:00:00Z",
            ymd(2025, 2, 28),
            "2025-02-28T22:00:00Z",
        ),
        // 23:30Z on the 28th is already the 29th in Stockholm.
        (
            "Europe/Stockholm",
            "1y",
            "2024-02-28T23:30:00Z",
            ymd(2025, 2, 28),
            "2025-02-28T23:00:00Z",
        ),
        // ... and 23:30Z on the 29th is 1 March.
        (
            "Europe/Stockholm",
            "1y",
            "2024-02-29T23:30:00Z",
            ymd(2025, 3, 1),
            "2025-03-01T23:00:00Z",
        ),
        (
            "UTC",
            "1y",
            "2024-02-29T23:30:00Z",
            ymd(2025, 2, 28),
            "2025-03-01T00:00:00Z",
        ),
        (
            "Europe/Stockholm",
            "4y",
            "2024-02-29T12:00:00Z",
            ymd(2028, 2, 29),
            "2028-02-29T23:00:00Z",
        ),
        // Years and months first, then days.
        (
            "Europe/Stockholm",
            "1y1d",
            "2024-02-29T12:00:00Z",
            ymd(2025, 3, 1),
            "2025-03-01T23:00:00Z",
        ),
        (
            "Europe/Stockholm",
            "1m",
            "2025-01-31T12:00:00Z",
            ymd(2025, 2, 28),
            "2025-02-28T23:00:00Z",
        ),
        (
            "Europe/Stockholm",
            "1m",
            "2024-01-31T12:00:00Z",
            ymd(2024, 2, 29),
            "2024-02-29T23:00:00Z",
        ),
    ];
    for (zone, period, collected, last, ends) in cases {
        let country = if zone == "Europe/Helsinki" {
            "FI"
        } else {
            "SE"
        };
        let engine = inline(
            country,
            zone,
            None,
            &format!(r#"{{ period = "{period}", after = "collection" }}"#),
            "",
            "",
        );
        let r = record("e", "contact.email", "a", collected);
        let e = one(&engine, &r, None, utc("2020-01-01T00:00:00Z"));
        assert_eq!(
            on(&e),
            (last, utc(ends), Source::Rule { activity: 0 }),
            "{zone} {period} after {collected}"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// 3. The rest of the contract
// ---------------------------------------------------------------------------------------------

/// A rule counted from the end of the relationship is pending until it has ended.
#[test]
fn end_of_relationship_anchor_is_pending_until_it_happens() {
    let engine = inline(
        "SE",
        "Europe/Stockholm",
        None,
        r#"{ period = "6m", after = "end_of_relationship" }"#,
        "",
        "",
    );
    let r = record("e", "contact.email", "a", "2020-03-01T10:00:00Z");
    let running = subject(serde_json::json!({
        "kind": "customer",
        "relationship": { "start": "2020-03-01T10:00:00Z" },
    }));
    for s in [None, Some(&running)] {
        let e = one(&engine, &r, s, utc("2024-01-01T00:00:00Z"));
        assert_eq!(
            e.due,
            Due::Pending {
                waiting_for: "the end of the relationship".to_owned()
            }
        );
        assert!(!e.overdue);
    }
    let ended = subject(serde_json::json!({
        "kind": "customer",
        "relationship": { "start": "2020-03-01T10:00:00Z", "end": "2024-08-31T22:30:00Z" },
    }));
    // Ended at 00:30 on 1 September, local: kept through 1 March 2025.
    assert_ends(
        &engine,
        &r,
        Some(&ended),
        ymd(2025, 3, 1),
        "2025-03-01T23:00:00Z",
        &Source::Rule { activity: 0 },
    );
}

/// Limitation periods (Preskriptionslagen 2 §) count only while the subject has an active
/// legal-claims hold (Art. 17(3)(e)).
#[test]
fn limitation_periods_count_only_under_a_hold() {
    let engine = inline(
        "SE",
        "Europe/Stockholm",
        None,
        r#"{ period = "0d", after = "end_of_relationship" }"#,
        r#""se.limitation.general""#,
        "",
    );
    let r = record("e", "contact.email", "a", "2020-03-01T10:00:00Z");
    let at = utc("2025-01-01T12:00:00Z");
    let state = |holds: serde_json::Value| {
        subject(serde_json::json!({
            "kind": "customer",
            "relationship": { "start": "2020-03-01T10:00:00Z", "end": "2024-06-30T12:00:00Z" },
            "legal_claim_holds": holds,
        }))
    };
    let rule = (
        ymd(2024, 6, 30),
        utc("2024-06-30T22:00:00Z"),
        Source::Rule { activity: 0 },
    );
    let limitation = (
        ymd(2034, 6, 30),
        utc("2034-06-30T22:00:00Z"),
        duty("se.limitation.general", "Preskriptionslagen 2 §"),
    );
    let cases = [
        ("no hold", serde_json::json!([]), &rule, true),
        (
            "active hold",
            serde_json::json!([{ "from": "2024-12-01T00:00:00Z" }]),
            &limitation,
            false,
        ),
        (
            "hold ended before",
            serde_json::json!([{ "from": "2024-07-01T00:00:00Z", "until": "2024-12-01T00:00:00Z" }]),
            &rule,
            true,
        ),
        (
            "hold starting later",
            serde_json::json!([{ "from": "2025-02-01T00:00:00Z" }]),
            &rule,
            true,
        ),
        (
            "hold ending exactly now",
            serde_json::json!([{ "from": "2024-07-01T00:00:00Z", "until": "2025-01-01T12:00:00Z" }]),
            &rule,
            true,
        ),
    ];
    for (name, holds, expected, overdue) in cases {
        let s = state(holds);
        let e = one(&engine, &r, Some(&s), at);
        assert_eq!(&on(&e), expected, "{name}");
        assert_eq!(e.overdue, overdue, "{name}");
    }
}

/// A duty the policy declares counts like a built-in one, cited as the policy gives it.
#[test]
fn declared_duties_are_cited_as_declared() {
    let engine = inline(
        "SE",
        "Europe/Stockholm",
        None,
        r#"{ period = "0d", after = "collection" }"#,
        r#""se.bfl", "se.ml.invoices""#,
        r#"[[duty]]
id = "se.ml.invoices"
citation = "Mervärdesskattelag (2023:200) 17 kap. 31 §"
categories = ["financial.invoice"]
period = "8y"
after = "end_of_calendar_year_of_fiscal_year_end"
"#,
    );
    let at = utc("2025-01-01T12:00:00Z");
    let invoice = with_fye(
        record("inv", "financial.invoice", "a", "2023-05-01T10:00:00Z"),
        ymd(2023, 12, 31),
    );
    let e = one(&engine, &invoice, None, at);
    assert_eq!(
        on(&e),
        (
            ymd(2031, 12, 31),
            utc("2031-12-31T23:00:00Z"),
            duty(
                "se.ml.invoices",
                "Mervärdesskattelag (2023:200) 17 kap. 31 §"
            )
        )
    );
    assert_eq!(
        e.citation().map(|c| c.to_string()).as_deref(),
        Some("Mervärdesskattelag (2023:200) 17 kap. 31 §")
    );
    // A contract is not covered by the declared duty: BFL.
    let contract = with_fye(
        record("c", "commercial.contract", "a", "2023-05-01T10:00:00Z"),
        ymd(2023, 12, 31),
    );
    assert_eq!(
        on(&one(&engine, &contract, None, at)),
        (ymd(2030, 12, 31), utc("2030-12-31T23:00:00Z"), bfl())
    );
}

/// A duty whose anchor has not happened leaves the end pending, even when the rule has a date.
#[test]
fn a_duty_waiting_for_its_anchor_leaves_the_end_pending() {
    let engine = inline(
        "SE",
        "Europe/Stockholm",
        None,
        r#"{ period = "0d", after = "collection" }"#,
        r#""x.warranty""#,
        r#"[[duty]]
id = "x.warranty"
citation = "Konsumentköplag (2022:260) 5 kap. 3 §"
categories = ["contact.email"]
period = "3y"
after = "event"
event = "warranty_end"
"#,
    );
    let r = record("e", "contact.email", "a", "2023-05-01T10:00:00Z");
    let at = utc("2025-01-01T12:00:00Z");
    let e = one(&engine, &r, None, at);
    assert!(
        matches!(&e.due, Due::Pending { waiting_for } if waiting_for.contains("x.warranty") && waiting_for.contains("warranty_end")),
        "{:?}",
        e.due
    );
    assert!(!e.overdue);
    let s = subject(serde_json::json!({
        "kind": "customer",
        "events": { "warranty_end": "2024-05-01T10:00:00Z" },
    }));
    assert_eq!(
        on(&one(&engine, &r, Some(&s), at)),
        (
            ymd(2027, 5, 1),
            utc("2027-05-01T22:00:00Z"),
            duty("x.warranty", "Konsumentköplag (2022:260) 5 kap. 3 §")
        )
    );
}

#[test]
fn unknown_activities_and_missing_rules_are_unknown() {
    let engine = seed("studio-m");
    let at = utc("2025-01-01T12:00:00Z");
    let e = one(
        &engine,
        &record(
            "x",
            "contact.email",
            "no_such_activity",
            "2020-01-01T00:00:00Z",
        ),
        None,
        at,
    );
    assert_eq!(
        e.due,
        Due::Unknown {
            reason: "unknown activity `no_such_activity`".to_owned()
        }
    );
    assert!(!e.overdue);
    // Even an invoice: without its activity the engine does not guess.
    let e = one(
        &engine,
        &with_fye(
            record(
                "x",
                "financial.invoice",
                "no_such_activity",
                "2009-01-01T00:00:00Z",
            ),
            ymd(2009, 12, 31),
        ),
        None,
        at,
    );
    assert!(matches!(e.due, Due::Unknown { .. }), "{:?}", e.due);
    let e = one(
        &engine,
        &record("ip", "online.ip_address", "website", "2020-01-01T00:00:00Z"),
        None,
        at,
    );
    assert_eq!(
        e.due,
        Due::Unknown {
            reason: "activity `website` states no retention".to_owned()
        }
    );
}

/// A batch: one entry per record, in order, `index` its position; `schedule_into` clears its
/// buffer and agrees with `schedule`; `overdue` iff `ends_at <= at`.
#[test]
fn batches_keep_order_and_schedule_into_reuses_its_buffer() {
    let engine = studio_m_with_invoices();
    let s = subject(serde_json::json!({
        "kind": "customer",
        "consents": [{
            "purpose": "marketing.direct",
            "given": "2022-01-10T09:00:00Z",
            "withdrawn": "2024-03-31T10:00:00Z",
        }],
    }));
    let records = vec![
        with_fye(
            record(
                "inv-2009",
                "financial.invoice",
                "legal_claims",
                "2009-06-15T10:00:00Z",
            ),
            ymd(2009, 12, 31),
        ),
        record("nl", "contact.email", "newsletter", "2022-01-10T09:00:00Z"),
        record("unknown", "contact.email", "nope", "2022-01-10T09:00:00Z"),
        record(
            "inv-2024",
            "financial.invoice",
            "legal_claims",
            "2024-06-15T10:00:00Z",
        ),
        record("ip", "online.ip_address", "website", "2024-06-15T10:00:00Z"),
        record(
            "order",
            "commercial.order",
            "contract",
            "2024-06-15T10:00:00Z",
        ),
    ];
    let at = utc("2024-03-31T22:00:00Z");
    let entries = engine.schedule(&records, Some(&s), at);
    assert_eq!(entries.len(), records.len());
    for (i, e) in entries.iter().enumerate() {
        assert_eq!(e.index, i);
        let expected = matches!(&e.due, Due::On { ends_at, .. } if *ends_at <= at);
        assert_eq!(e.overdue, expected, "entry {i}: {e:?}");
    }
    let overdue: Vec<usize> = entries
        .iter()
        .filter(|e| e.overdue)
        .map(|e| e.index)
        .collect();
    // The 2009 invoice (2016-12-31) and the newsletter address (ends exactly at `at`).
    assert_eq!(overdue, [0, 1]);
    assert_eq!(
        on(&entries[3]),
        (ymd(2031, 12, 31), utc("2031-12-31T23:00:00Z"), bfl())
    );

    let mut buf = engine.schedule(&records[..2], None, utc("2000-01-01T00:00:00Z"));
    buf.extend(buf.clone());
    engine.schedule_into(&records, Some(&s), at, &mut buf);
    assert_eq!(buf, entries);
    engine.schedule_into(&[], Some(&s), at, &mut buf);
    assert!(buf.is_empty());
    assert_eq!(
        serde_json::to_string(&engine.schedule(&records, Some(&s), at)).unwrap(),
        serde_json::to_string(&entries).unwrap()
    );
}

// ---------------------------------------------------------------------------------------------
// Engine bugs: minimal cases, failing until fixed
// ---------------------------------------------------------------------------------------------

/// BUG (src/engine/schedule.rs, `duty_end`): the controller's national bookkeeping duties are
/// applied to data the policy holds **as processor**. Care of processes its Cirrus users' data
/// (`cirrus_processing`, role processor; a variant whose Cirrus content includes invoices) on their
/// behalf;
/// those invoices are the users' accounting information, not Care of's, so BFL 7 kap. 2 § does
/// not oblige Care of to keep them (it must delete or return them as its controller instructs,
/// Art. 28(3)(g)), and the erasure plan forwards them (Art. 28(3)(e)). Expected: no date set by
/// `se.bfl` (e.g. `Due::Unknown` saying the data is held as processor); got: `Due::On` until
/// 2030-12-31 set by `se.bfl`.
#[test]
fn bug_processor_data_gets_no_bookkeeping_duty_of_the_processor() {
    let text = seed_text("care-of");
    let one_line = "categories = [\"cirrus_content\"]";
    assert_eq!(
        text.matches(one_line).count(),
        1,
        "care-of's Cirrus categories"
    );
    let engine = load(&text.replacen(
        one_line,
        "categories = [\"cirrus_content\", \"financial.invoice\"]",
        1,
    ));
    let r = with_fye(
        record(
            "cirrus-invoice",
            "financial.invoice",
            "cirrus_processing",
            "2023-05-01T10:00:00Z",
        ),
        ymd(2023, 12, 31),
    );
    let e = one(&engine, &r, None, utc("2025-01-01T12:00:00Z"));
    assert!(
        !matches!(&e.due, Due::On { set_by: Source::Duty { duty, .. }, .. } if duty == "se.bfl"),
        "processor data scheduled under the processor's own bookkeeping duty: {:?}",
        e.due
    );
}
