//! Access reports ([`Engine::access_report`], Art. 15) and portability scope
//! ([`Engine::portability`], Art. 20) for the seed policies.
//!
//! - Smilee: the actual recipients named by the records (one unknown to the policy), the sources
//!   of public and third-party data, the Finnish bookkeeping duties, and US transfers whose only
//!   named mechanism, Privacy Shield, held in 2019 and no longer in 2024.
//! - Studio M: computed retention dates (zero days after consent withdrawal); the complaint
//!   names IMY.
//! - Care of and Familjefilm: transfers to suppliers at unstated places with no safeguard.
//! - Multistudio: processor data is forwarded, records of unknown activities still reported.
//! - Without records, the report covers the activities that declare the subject's kind.
//! - The text rendering carries every Art. 15 heading with its citation; JSON is deterministic.
//! - Portability: Care of's contract data (provided and observed) is in scope, its processor and
//!   legal-obligation data is not; Familjefilm's marketing on legitimate interests is not, its
//!   orders are; Smilee's consent-based newsletter is, public data is not; Studio M's analysis,
//!   with no basis stated, is not, and on consent its derived data would not be either; unknown
//!   activities and undeclared categories fail closed.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use chrono::{DateTime, NaiveDate, Utc};
use gdpr_policy::engine::Engine;
use gdpr_policy::engine::access::AccessReport;
use gdpr_policy::engine::portability::PortabilityScope;
use gdpr_policy::engine::schedule::Due;
use gdpr_policy::model::{Provenance, Record, Right, SubjectState};

fn utc(s: &str) -> DateTime<Utc> {
    s.parse().unwrap()
}

fn seed(name: &str) -> Engine {
    let path = format!("{}/policies/{name}.toml", env!("CARGO_MANIFEST_DIR"));
    Engine::new(gdpr_policy::format::load_file(&path).unwrap_or_else(|e| panic!("{e}")))
}

fn subject(json: &str) -> SubjectState {
    serde_json::from_str(json).unwrap()
}

/// A record: id, activity, category, recipients it went to.
fn rec(id: &str, activity: &str, category: &str, to: &[&str]) -> Record {
    Record {
        id: id.to_owned(),
        category: category.parse().unwrap(),
        activity: activity.parse().unwrap(),
        collected_at: utc("2023-03-01T09:00:00Z"),
        fiscal_year_end: Some(NaiveDate::from_ymd_opt(2023, 12, 31).unwrap()),
        disclosed_to: to.iter().map(|r| r.parse().unwrap()).collect(),
    }
}

const CUSTOMER: &str =
    r#"{ "kind": "customer", "relationship": { "start": "2023-01-01T00:00:00Z" } }"#;

fn smilee_records() -> Vec<Record> {
    vec![
        rec(
            "inv-1",
            "billing",
            "financial.invoice",
            &["service_providers"],
        ),
        rec(
            "class-1",
            "direct_marketing",
            "professional.classification",
            &["mailchimp", "mystery_corp"],
        ),
        rec("mail-1", "newsletter", "contact.email", &[]),
    ]
}

fn smilee_report(at: &str) -> AccessReport {
    seed("smilee").access_report(&subject(CUSTOMER), &smilee_records(), utc(at))
}

#[test]
fn smilee_lists_actual_recipients_from_records() {
    let r = smilee_report("2024-03-01T12:00:00Z");
    assert!(r.processed);
    assert_eq!(r.controller, "Kommeet Oy");
    let find = |id: &str| r.recipients.iter().find(|x| x.recipient.as_str() == id);
    let sp = find("service_providers").unwrap();
    assert!(sp.disclosed);
    assert_eq!(sp.records, ["inv-1"]);
    assert_eq!(sp.location, "US");
    let mc = find("mailchimp").unwrap();
    assert!(mc.disclosed && mc.records == ["class-1"]);
    // Declared but not (yet) disclosed to.
    let partners = find("partners").unwrap();
    assert!(!partners.disclosed && partners.records.is_empty());
    assert!(
        partners
            .activities
            .iter()
            .any(|a| a.as_str() == "direct_marketing")
    );
    // A recipient the policy does not know is still reported, last.
    let last = r.recipients.last().unwrap();
    assert_eq!(last.recipient.as_str(), "mystery_corp");
    assert!(last.disclosed && last.kind.is_none());
}

#[test]
fn smilee_sources_of_public_and_third_party_data() {
    let r = smilee_report("2024-03-01T12:00:00Z");
    let sources: Vec<(&str, Provenance)> = r
        .sources
        .iter()
        .map(|s| (s.category.as_str(), s.provenance))
        .collect();
    assert_eq!(
        sources,
        [
            ("professional.classification", Provenance::Public),
            ("online.social_media", Provenance::ThirdParty),
        ]
    );
    assert!(r.sources[0].source.contains("public"));
    // The categories list the records held of each.
    let class = r
        .categories
        .iter()
        .find(|c| c.category.as_str() == "professional.classification")
        .unwrap();
    assert_eq!(class.records, ["class-1"]);
    let ids: Vec<&str> = r.categories.iter().map(|c| c.category.as_str()).collect();
    let mut sorted = ids.clone();
    sorted.sort_unstable();
    assert_eq!(ids, sorted);
}

#[test]
fn smilee_transfer_safeguards_by_date() {
    let now = smilee_report("2024-03-01T12:00:00Z");
    let t = now
        .transfers
        .iter()
        .find(|t| t.recipient.as_str() == "service_providers")
        .unwrap();
    assert!(t.disclosed);
    assert_eq!(t.valid, None);
    assert_eq!(t.citation.to_string(), "GDPR Art. 44");
    assert!(t.safeguards.iter().any(|s| s.contains("Privacy Shield")));
    assert!(t.message.contains("no safeguard"), "{}", t.message);
    // Finnish authorities are in the EEA: no transfer.
    assert!(
        now.transfers
            .iter()
            .all(|t| t.recipient.as_str() != "finnish_authorities")
    );
    let then = smilee_report("2019-06-01T12:00:00Z");
    let t = then
        .transfers
        .iter()
        .find(|t| t.recipient.as_str() == "mailchimp")
        .unwrap();
    assert!(t.valid.as_deref().unwrap().contains("Privacy Shield"));
    assert!(t.citation.to_string().contains("2016/1250"));
}

#[test]
fn smilee_retention_rights_and_authority() {
    let r = smilee_report("2024-03-01T12:00:00Z");
    let billing = r
        .activities
        .iter()
        .find(|a| a.activity.as_str() == "billing")
        .unwrap();
    assert!(billing.retention.starts_with("while the purpose lasts"));
    assert!(billing.criteria.as_deref().unwrap().contains("redovisning"));
    assert_eq!(
        billing.duties,
        [
            "KPL 2 luku 10 § (`fi.kpl.books`)",
            "KPL 2 luku 10 § (`fi.kpl.vouchers`)"
        ]
    );
    assert_eq!(billing.records, ["inv-1"]);
    assert_eq!(r.records.len(), 3);
    assert!(matches!(r.records[0].due, Due::WhilePurposeLasts { .. }));
    assert_eq!(
        r.rights.complaint.authority.as_deref(),
        Some("Tietosuojavaltuutetun toimisto")
    );
    let newsletter = r.rights.activity("newsletter").unwrap();
    assert!(newsletter.right(Right::Portability).unwrap().applies);
}

#[test]
fn text_rendering_carries_every_heading_and_citation() {
    let r = smilee_report("2024-03-01T12:00:00Z");
    let text = r.to_string();
    for needle in [
        "Access report (GDPR Art. 15): Kommeet Oy",
        "Confirmation (GDPR Art. 15(1))",
        "Purposes and legal bases (GDPR Art. 15(1)(a))",
        "Categories of personal data (GDPR Art. 15(1)(b))",
        "Recipients (GDPR Art. 15(1)(c))",
        "Retention (GDPR Art. 15(1)(d))",
        "Your rights (GDPR Art. 15(1)(e))",
        "Complaint (GDPR Art. 15(1)(f), GDPR Art. 77(1))",
        "Sources (GDPR Art. 15(1)(g))",
        "Automated decisions (GDPR Art. 15(1)(h))",
        "Transfers to third countries (GDPR Art. 15(2))",
        "basis: legitimate interests (GDPR Art. 6(1)(f)): direkt marknadsföring för våra kunder",
        "received records inv-1",
        "mystery_corp",
        "professional.classification in direct_marketing: obtained from publicly accessible sources",
        "portability (GDPR Art. 20(1))",
        "objection (GDPR Art. 21)",
        "[yes] GDPR Art. 21(2)",
        "Tietosuojavaltuutetun toimisto",
        "KPL 2 luku 10 §",
    ] {
        assert!(text.contains(needle), "missing `{needle}` in\n{text}");
    }
    assert!(!text.contains("Held as processor"));
}

#[test]
fn reports_are_deterministic_json() {
    let a = smilee_report("2024-03-01T12:00:00Z");
    let b = smilee_report("2024-03-01T12:00:00Z");
    assert_eq!(a, b);
    let json = serde_json::to_string(&a).unwrap();
    assert_eq!(json, serde_json::to_string(&b).unwrap());
    assert_eq!(a.to_string(), b.to_string());
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["transfers"][0]["citation"], "GDPR Art. 44");
    assert_eq!(v["rights"]["complaint"]["citation"], "GDPR Art. 77(1)");
    assert_eq!(v["sources"][0]["provenance"], "public");
}

#[test]
fn studio_m_computes_retention_dates() {
    let e = seed("studio-m");
    let s = subject(
        r#"{ "kind": "newsletter_subscriber", "consents": [ { "purpose": "marketing.direct", "given": "2023-01-01T00:00:00Z", "withdrawn": "2024-02-01T10:00:00Z" } ] }"#,
    );
    let records = [rec("n-1", "newsletter", "contact.email", &[])];
    let r = e.access_report(&s, &records, utc("2024-02-10T12:00:00Z"));
    let newsletter = &r.activities[0];
    assert_eq!(newsletter.retention, "0d after withdrawal of consent");
    match &r.records[0].due {
        Due::On { last_day, .. } => assert_eq!(last_day.to_string(), "2024-02-01"),
        other => panic!("{other:?}"),
    }
    assert!(r.records[0].overdue);
    let text = r.to_string();
    assert!(
        text.contains(
            "record n-1 (contact.email): kept through 2024-02-01 (GDPR Art. 5(1)(e)), overdue"
        ),
        "{text}"
    );
    assert!(text.contains("Integritetsskyddsmyndigheten"));
    assert!(text.contains("the policy names `Datainspektionen`"));
}

#[test]
fn care_of_and_familjefilm_transfers_without_safeguards() {
    let e = seed("care-of");
    let r = e.access_report(&subject(CUSTOMER), &[], utc("2024-03-01T12:00:00Z"));
    assert!(!r.processed);
    let t = r
        .transfers
        .iter()
        .find(|t| t.recipient.as_str() == "suppliers")
        .unwrap();
    assert!(!t.disclosed && t.safeguards.is_empty() && t.valid.is_none());
    assert!(t.message.contains("states no safeguard"));
    // Without records, every activity declaring the kind is reported, in policy order; the
    // processor activity is not the customer's.
    let ids: Vec<&str> = r.activities.iter().map(|a| a.activity.as_str()).collect();
    assert_eq!(
        ids,
        [
            "customer_service",
            "legal_compliance",
            "legal_claims",
            "marketing",
            "customer_analysis"
        ]
    );
    assert!(r.forwarded.is_empty());
    assert!(r.to_string().contains("no records about you are held"));

    let f = seed("familjefilm");
    let records = [rec(
        "o-1",
        "order_delivery",
        "financial.invoice",
        &["cloud_crm"],
    )];
    let r = f.access_report(&subject(CUSTOMER), &records, utc("2024-03-01T12:00:00Z"));
    let crm = r
        .transfers
        .iter()
        .find(|t| t.recipient.as_str() == "cloud_crm")
        .unwrap();
    assert!(crm.disclosed && crm.valid.is_none());
    let od = &r.activities[0];
    assert_eq!(od.duties, ["BFL 7 kap. 2 § (`se.bfl`)"]);
    assert_eq!(od.bases.len(), 2);
}

#[test]
fn multistudio_forwards_processor_data_and_reports_unknown_activities() {
    let e = seed("multistudio");
    let records = [
        rec(
            "h-1",
            "hosted_customer_data",
            "customer_content",
            &["suppliers"],
        ),
        rec("x-1", "no_such_activity", "contact.email", &[]),
    ];
    let r = e.access_report(
        &subject(r#"{ "kind": "customer_data_subject" }"#),
        &records,
        utc("2024-03-01T12:00:00Z"),
    );
    assert_eq!(r.forwarded.len(), 1);
    assert_eq!(r.forwarded[0].records, ["h-1"]);
    assert!(r.activities.is_empty() && r.recipients.is_empty());
    assert_eq!(r.records.len(), 1);
    assert_eq!(r.records[0].id, "x-1");
    assert!(matches!(r.records[0].due, Due::Unknown { .. }));
    let text = r.to_string();
    assert!(text.contains("Held as processor (GDPR Art. 28(3)(e))"));
    assert!(text.contains("records h-1"));
}

#[test]
fn automated_decisions_are_reported() {
    let path = format!("{}/policies/studio-m.toml", env!("CARGO_MANIFEST_DIR"));
    let mut text = std::fs::read_to_string(path).unwrap();
    let at = text.find("\n[rights]").unwrap();
    text.insert_str(
        at,
        r#"
[[activity]]
id = "credit_check"
name = "automated credit decision"
purposes = ["service.contract"]
bases = ["contract"]
subjects = ["customer"]
categories = ["identity.name"]
automated_decision = { legal_effects = true, logic = "score from payment history" }
"#,
    );
    let e = Engine::new(gdpr_policy::format::from_toml_str(&text).unwrap());
    let r = e.access_report(&subject(CUSTOMER), &[], utc("2024-03-01T12:00:00Z"));
    let ad = r
        .activities
        .iter()
        .find_map(|a| a.automated_decision.as_ref())
        .unwrap();
    assert!(ad.legal_effects);
    let text = r.to_string();
    assert!(text.contains(
        "credit_check: with legal or similarly significant effects; logic: score from payment history"
    ));
}

fn scope_of(p: &PortabilityScope, id: &str) -> (bool, String, String) {
    let item = p.records.iter().find(|r| r.record == id).unwrap();
    (
        item.in_scope,
        item.citation.to_string(),
        item.reason.clone(),
    )
}

#[test]
fn care_of_contract_data_is_portable() {
    let e = seed("care-of");
    let records = [
        rec("email", "customer_service", "contact.email", &[]),
        rec("ip", "customer_service", "online.ip_address", &[]),
        rec("cirrus", "cirrus_processing", "cirrus_content", &[]),
        rec("inv", "legal_compliance", "financial.invoice", &[]),
        rec("ghost", "no_such_activity", "contact.email", &[]),
        rec("undeclared", "marketing", "financial.invoice", &[]),
    ];
    let p = e.portability(&subject(CUSTOMER), &records, utc("2024-03-01T12:00:00Z"));
    assert_eq!(p.in_scope().collect::<Vec<_>>(), ["email", "ip"]);
    let (_, cite, why) = scope_of(&p, "email");
    assert_eq!(cite, "GDPR Art. 20(1)");
    assert!(
        why.contains("GDPR Art. 6(1)(b)") && why.contains("assumed"),
        "{why}"
    );
    assert!(scope_of(&p, "ip").2.contains("observed"));
    assert_eq!(scope_of(&p, "cirrus").1, "GDPR Art. 28(3)(e)");
    assert_eq!(scope_of(&p, "inv").1, "GDPR Art. 20(1)(a)");
    assert!(scope_of(&p, "ghost").2.contains("not in the policy"));
    assert!(scope_of(&p, "undeclared").2.contains("not declared"));
    let order: Vec<&str> = p.records.iter().map(|r| r.record.as_str()).collect();
    assert_eq!(
        order,
        ["email", "ip", "cirrus", "inv", "ghost", "undeclared"]
    );
}

#[test]
fn familjefilm_marketing_on_legitimate_interests_is_not_portable() {
    let e = seed("familjefilm");
    let records = [
        rec("m", "marketing", "contact.email", &[]),
        rec(
            "o",
            "order_delivery",
            "commercial.order.proof_approval",
            &[],
        ),
        rec("sub", "order_delivery", "contact.address.delivery", &[]),
    ];
    let p = e.portability(&subject(CUSTOMER), &records, utc("2024-03-01T12:00:00Z"));
    let (in_scope, cite, why) = scope_of(&p, "m");
    assert!(!in_scope);
    assert_eq!(cite, "GDPR Art. 20(1)(a)");
    assert!(why.contains("legitimate interests"), "{why}");
    assert_eq!(p.in_scope().collect::<Vec<_>>(), ["o", "sub"]);
}

#[test]
fn smilee_and_studio_m_provenance_decides() {
    let s = seed("smilee");
    let records = [
        rec("mail", "newsletter", "contact.email", &[]),
        rec(
            "class",
            "direct_marketing",
            "professional.classification",
            &[],
        ),
        rec("ip", "web_analytics", "online.ip_address", &[]),
    ];
    let p = s.portability(&subject(CUSTOMER), &records, utc("2024-03-01T12:00:00Z"));
    assert_eq!(p.in_scope().collect::<Vec<_>>(), ["mail"]);
    assert!(scope_of(&p, "mail").2.contains("GDPR Art. 6(1)(a)"));

    let records = [
        rec("demo", "analytics", "demographic", &[]),
        rec("browse", "analytics", "behaviour.browsing", &[]),
    ];
    // Studio M's notice states no basis for its analysis: nothing there rests on consent or
    // contract, so nothing is portable, whatever its provenance (Art. 20(1)(a)).
    let studio_m = seed("studio-m");
    let p = studio_m.portability(&subject(CUSTOMER), &records, utc("2024-03-01T12:00:00Z"));
    for id in ["demo", "browse"] {
        let (in_scope, cite, why) = scope_of(&p, id);
        assert!(
            !in_scope
                && cite == "GDPR Art. 20(1)(a)"
                && why.contains("activity `analytics`")
                && why.contains("no legal basis"),
            "{id}: {why}"
        );
    }
    // Given a basis (a variant resting the analysis on consent), provenance decides: the derived
    // demographics are not "provided by" the subject, the observed browsing is (Art. 20(1),
    // WP242 rev.01).
    let text = std::fs::read_to_string(format!(
        "{}/policies/studio-m.toml",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    let at = text.find("id = \"analytics\"\n").unwrap();
    let bases = at + text[at..].find("\nbases = []\n").unwrap();
    assert!(
        !text[at..bases].contains("[[activity]]"),
        "analytics states a basis"
    );
    let text = format!(
        "{}\nbases = [\"consent\"]\n{}",
        &text[..bases],
        &text[bases + "\nbases = []\n".len()..]
    );
    let m =
        Engine::new(gdpr_policy::format::from_toml_str(&text).unwrap_or_else(|e| panic!("{e}")));
    let p = m.portability(&subject(CUSTOMER), &records, utc("2024-03-01T12:00:00Z"));
    let (in_scope, cite, why) = scope_of(&p, "demo");
    assert!(
        !in_scope && cite == "GDPR Art. 20(1)" && why.contains("derived"),
        "{why}"
    );
    assert!(scope_of(&p, "browse").0);
    let json = serde_json::to_string(&p).unwrap();
    assert_eq!(
        json,
        serde_json::to_string(&m.portability(&subject(CUSTOMER), &records, p.at)).unwrap()
    );
    assert!(json.contains(r#""citation":"GDPR Art. 20(1)""#));
}
