//! Which rights apply ([`Engine::rights`]), per seed policy, activity and subject state.
//!
//! - Care of: contract data is portable; marketing on a contract basis is open to the Art. 21(2)
//!   objection only; no erasure ground while the contract runs; its legal-obligation data has
//!   the ground (a) with the Art. 17(3)(b) exception; data it holds as processor (Cirrus) sends
//!   every right but the complaint to its customer (Art. 28(3)(e)).
//! - Familjefilm: marketing on legitimate interests is not portable but open to objection under
//!   Art. 21(1) and 21(2); orders (legitimate interests and contract) are portable; a standing
//!   objection is an erasure ground, one overridden by compelling grounds is not (for 21(1)).
//! - Smilee: withdrawal applies to the consent-based newsletter while the consent holds; once
//!   withdrawn, erasure applies on Art. 17(1)(b); data from public and third-party sources makes
//!   Art. 14 the information provision; the Finnish authority is named.
//! - Studio M: the complaint names Integritetsskyddsmyndigheten from 2021-01-01 (controller-local)
//!   and Datainspektionen before, and flags the policy's "Datainspektionen" as outdated; the
//!   newsletter's zero-day retention after withdrawal ends with the withdrawal day, the erasure
//!   ground staying Art. 17(1)(b).
//! - Multistudio: hosted customer data is forwarded.
//! - Art. 22 and a child's data on a variant policy; every right for every activity of every
//!   seed is answered with a citation; reports are deterministic and serialise to JSON.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use chrono::{DateTime, Utc};
use gdpr_policy::engine::Engine;
use gdpr_policy::engine::complaint::PolicyName;
use gdpr_policy::engine::erasure::{Action, ErasureGround};
use gdpr_policy::engine::rights::{ActivityRights, RightStatus, RightsReport};
use gdpr_policy::engine::schedule::Due;
use gdpr_policy::model::{Record, Right, SubjectState};

const SEEDS: [&str; 5] = [
    "care-of",
    "familjefilm",
    "multistudio",
    "smilee",
    "studio-m",
];

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

fn activity<'r>(report: &'r RightsReport, id: &str) -> &'r ActivityRights {
    report
        .activity(id)
        .unwrap_or_else(|| panic!("no activity `{id}` in {report:#?}"))
}

fn right<'r>(report: &'r RightsReport, id: &str, r: Right) -> &'r RightStatus {
    activity(report, id).right(r).unwrap()
}

fn grounds(st: &RightStatus) -> Vec<ErasureGround> {
    st.grounds.iter().map(|g| g.ground).collect()
}

const CUSTOMER: &str =
    r#"{ "kind": "customer", "relationship": { "start": "2023-01-01T00:00:00Z" } }"#;

#[test]
fn care_of_contract_data_is_portable() {
    let e = seed("care-of");
    let r = e.rights(&subject(CUSTOMER), utc("2024-03-01T12:00:00Z"));
    let p = right(&r, "customer_service", Right::Portability);
    assert!(p.applies, "{p:#?}");
    assert_eq!(p.citation.to_string(), "GDPR Art. 20(1)");
    assert!(p.reason.contains("GDPR Art. 6(1)(b)"), "{}", p.reason);
    assert!(p.offered_by_policy);
    // The legal-obligation activity is not portable.
    let lo = right(&r, "legal_compliance", Right::Portability);
    assert!(!lo.applies);
    assert_eq!(lo.citation.to_string(), "GDPR Art. 20(1)(a)");
    // Consent plays no part: nothing to withdraw.
    assert!(!right(&r, "customer_service", Right::WithdrawConsent).applies);
}

#[test]
fn care_of_contract_marketing_only_open_to_direct_marketing_objection() {
    let e = seed("care-of");
    let r = e.rights(&subject(CUSTOMER), utc("2024-03-01T12:00:00Z"));
    let o = right(&r, "marketing", Right::Objection);
    assert!(o.applies);
    assert_eq!(o.citation.to_string(), "GDPR Art. 21(2)");
    assert!(!o.part("GDPR Art. 21(1)").unwrap().applies);
    assert!(o.part("GDPR Art. 21(2)").unwrap().applies);
    // No direct marketing, no legitimate interests: no objection at all.
    let cs = right(&r, "customer_service", Right::Objection);
    assert!(!cs.applies);
    assert_eq!(cs.parts.len(), 2);
}

#[test]
fn care_of_no_erasure_ground_while_the_contract_runs_and_after_it_ends() {
    let e = seed("care-of");
    let r = e.rights(&subject(CUSTOMER), utc("2024-03-01T12:00:00Z"));
    let er = right(&r, "customer_service", Right::Erasure);
    assert!(!er.applies && er.grounds.is_empty());
    assert_eq!(er.citation.to_string(), "GDPR Art. 6(1)(b)");
    let ended = subject(
        r#"{ "kind": "customer", "relationship": { "start": "2020-01-01T00:00:00Z", "end": "2023-06-30T00:00:00Z" } }"#,
    );
    let r = e.rights(&ended, utc("2024-03-01T12:00:00Z"));
    let er = right(&r, "customer_service", Right::Erasure);
    assert!(er.applies);
    assert_eq!(grounds(er), [ErasureGround::NoLongerNecessary]);
    assert_eq!(er.grounds[0].citation.to_string(), "GDPR Art. 17(1)(a)");
    // Invoices are kept under the Swedish bookkeeping duty: the reason says so.
    assert!(er.reason.contains("BFL 7 kap. 2 §"), "{}", er.reason);
    // A legal obligation is not a purpose that keeps the data from an Art. 17(1) ground but the
    // Art. 17(3)(b) exception: (a) applies, and what BFL 7 kap. 2 § covers is retained under it
    // (as erasure plans retain it).
    let lo = right(&r, "legal_compliance", Right::Erasure);
    assert!(lo.applies, "{lo:#?}");
    assert_eq!(grounds(lo), [ErasureGround::NoLongerNecessary]);
    assert!(
        lo.grounds[0].reason.contains("legal obligation")
            && lo.grounds[0].reason.contains("Art. 17(3)(b)"),
        "{}",
        lo.grounds[0].reason
    );
    assert!(
        lo.reason.contains("BFL 7 kap. 2 §") && lo.reason.contains("retained under Art. 17(3)(b)"),
        "{}",
        lo.reason
    );
}

#[test]
fn care_of_processor_activity_sends_rights_to_the_controller() {
    let e = seed("care-of");
    let r = e.rights(
        &subject(r#"{ "kind": "cirrus_data_subject" }"#),
        utc("2024-03-01T12:00:00Z"),
    );
    assert_eq!(r.activities.len(), 1);
    let a = activity(&r, "cirrus_processing");
    assert!(a.processor_for.as_deref().unwrap().contains("Cirrus"));
    for st in &a.rights {
        if st.right == Right::Complaint {
            assert!(st.applies);
        } else {
            assert!(!st.applies, "{st:#?}");
            assert_eq!(st.citation.to_string(), "GDPR Art. 28(3)(e)");
            assert!(st.reason.contains("Cirrus"));
        }
    }
}

#[test]
fn familjefilm_marketing_on_legitimate_interests_is_objectable_not_portable() {
    let e = seed("familjefilm");
    let r = e.rights(&subject(CUSTOMER), utc("2024-03-01T12:00:00Z"));
    let p = right(&r, "marketing", Right::Portability);
    assert!(!p.applies);
    assert_eq!(p.citation.to_string(), "GDPR Art. 20(1)(a)");
    assert!(p.reason.contains("legitimate interests"), "{}", p.reason);
    let o = right(&r, "marketing", Right::Objection);
    assert!(o.applies);
    assert_eq!(o.citation.to_string(), "GDPR Art. 21");
    assert!(o.part("GDPR Art. 21(1)").unwrap().applies);
    let dm = o.part("GDPR Art. 21(2)").unwrap();
    assert!(dm.applies && dm.reason.contains("marketing.direct.offers"));
    // Orders rest on contract (besides legitimate interests): portable.
    assert!(right(&r, "order_delivery", Right::Portability).applies);
    assert!(right(&r, "order_delivery", Right::Objection).applies);
    // The legal obligation is neither.
    assert!(!right(&r, "legal_obligation", Right::Portability).applies);
    assert!(!right(&r, "legal_obligation", Right::Objection).applies);
}

#[test]
fn familjefilm_objection_is_an_erasure_ground_unless_overridden() {
    let e = seed("familjefilm");
    let at = utc("2024-03-01T12:00:00Z");
    let objected = subject(
        r#"{ "kind": "prospect", "objections": [ { "purpose": "marketing", "at": "2024-02-01T00:00:00Z", "kind": "direct_marketing" } ] }"#,
    );
    let r = e.rights(&objected, at);
    let er = right(&r, "marketing", Right::Erasure);
    assert_eq!(grounds(er), [ErasureGround::Objection]);
    assert!(
        right(&r, "marketing", Right::Objection)
            .part("GDPR Art. 21(2)")
            .unwrap()
            .reason
            .contains("must stop")
    );
    // The same objection does not touch product development (no overlapping purpose).
    assert!(!right(&r, "product_development", Right::Erasure).applies);

    let overridden = subject(
        r#"{ "kind": "prospect", "objections": [ { "purpose": "product_development", "at": "2024-02-01T00:00:00Z", "kind": "particular_situation", "compelling_grounds": "fraud analysis" } ] }"#,
    );
    let r = e.rights(&overridden, at);
    assert!(!right(&r, "product_development", Right::Erasure).applies);
    let p1 = right(&r, "product_development", Right::Objection)
        .part("GDPR Art. 21(1)")
        .unwrap();
    assert!(p1.reason.contains("overridden"), "{}", p1.reason);
}

#[test]
fn smilee_newsletter_consent_can_be_withdrawn_then_erased() {
    let e = seed("smilee");
    let given = subject(
        r#"{ "kind": "newsletter_subscriber", "consents": [ { "purpose": "marketing.direct.newsletter", "given": "2023-01-01T00:00:00Z" } ] }"#,
    );
    let r = e.rights(&given, utc("2024-03-01T12:00:00Z"));
    assert_eq!(r.activities.len(), 1);
    let w = right(&r, "newsletter", Right::WithdrawConsent);
    assert!(w.applies);
    assert_eq!(w.citation.to_string(), "GDPR Art. 7(3)");
    assert!(w.reason.contains("länk i varje nyhetsbrev"), "{}", w.reason);
    assert!(!right(&r, "newsletter", Right::Erasure).applies);
    assert!(right(&r, "newsletter", Right::Portability).applies);

    let withdrawn = subject(
        r#"{ "kind": "newsletter_subscriber", "consents": [ { "purpose": "marketing.direct.newsletter", "given": "2023-01-01T00:00:00Z", "withdrawn": "2024-02-01T00:00:00Z" } ] }"#,
    );
    let r = e.rights(&withdrawn, utc("2024-03-01T12:00:00Z"));
    assert!(!right(&r, "newsletter", Right::WithdrawConsent).applies);
    let er = right(&r, "newsletter", Right::Erasure);
    assert_eq!(grounds(er), [ErasureGround::ConsentWithdrawn]);
    assert_eq!(er.grounds[0].citation.to_string(), "GDPR Art. 17(1)(b)");
}

#[test]
fn smilee_sources_and_finnish_authority() {
    let e = seed("smilee");
    let r = e.rights(&subject(CUSTOMER), utc("2024-03-01T12:00:00Z"));
    let info = right(&r, "direct_marketing", Right::Information);
    assert_eq!(info.citation.to_string(), "GDPR Art. 14");
    assert!(info.reason.contains("professional.classification"));
    assert_eq!(
        right(&r, "customer_relationship", Right::Information)
            .citation
            .to_string(),
        "GDPR Art. 13"
    );
    // Direct marketing on legitimate interests: both paragraphs of Art. 21.
    let o = right(&r, "direct_marketing", Right::Objection);
    assert!(o.parts.iter().all(|p| p.applies));
    // Web analytics: observed data, but legitimate interests: not portable; Art. 21(1) only.
    let visitor = e.rights(
        &subject(r#"{ "kind": "website_visitor" }"#),
        utc("2024-03-01T12:00:00Z"),
    );
    assert!(!right(&visitor, "web_analytics", Right::Portability).applies);
    let o = right(&visitor, "web_analytics", Right::Objection);
    assert_eq!(o.citation.to_string(), "GDPR Art. 21(1)");
    let c = &r.complaint;
    assert_eq!(
        c.authority.as_deref(),
        Some("Tietosuojavaltuutetun toimisto")
    );
    assert_eq!(c.policy_name, PolicyName::NotStated);
    assert_eq!(c.citation.to_string(), "GDPR Art. 77(1)");
}

#[test]
fn studio_m_complaint_names_the_authority_of_the_day() {
    let e = seed("studio-m");
    let s = subject(CUSTOMER);
    let now = e.rights(&s, utc("2024-01-01T12:00:00Z"));
    let c = &now.complaint;
    assert_eq!(c.authority.as_deref(), Some("Integritetsskyddsmyndigheten"));
    assert_eq!(c.policy_names.as_deref(), Some("Datainspektionen"));
    assert_eq!(c.policy_name, PolicyName::Outdated);
    assert!(c.message.contains("until 2020-12-31"), "{}", c.message);
    let st = right(&now, "contract", Right::Complaint);
    assert!(st.applies && st.reason.contains("Integritetsskyddsmyndigheten"));

    let then = e.rights(&s, utc("2020-06-01T12:00:00Z"));
    assert_eq!(
        then.complaint.authority.as_deref(),
        Some("Datainspektionen")
    );
    assert_eq!(then.complaint.policy_name, PolicyName::InForce);
    assert!(!then.complaint.message.contains("policy names"));

    // 23:30 UTC on New Year's Eve is already 2021 in Stockholm.
    let eve = e.rights(&s, utc("2020-12-31T23:30:00Z"));
    assert_eq!(eve.date.to_string(), "2021-01-01");
    assert_eq!(
        eve.complaint.authority.as_deref(),
        Some("Integritetsskyddsmyndigheten")
    );
}

#[test]
fn studio_m_newsletter_withdrawal_ends_retention_too() {
    let e = seed("studio-m");
    let s = subject(
        r#"{ "kind": "newsletter_subscriber", "consents": [ { "purpose": "marketing.direct", "given": "2023-01-01T00:00:00Z", "withdrawn": "2024-02-01T10:00:00Z" } ] }"#,
    );
    // The day of withdrawal: the zero-day period has not run out yet.
    let same_day = e.rights(&s, utc("2024-02-01T12:00:00Z"));
    assert_eq!(
        grounds(right(&same_day, "newsletter", Right::Erasure)),
        [ErasureGround::ConsentWithdrawn]
    );
    // Once the period is over (a) holds as well, but the report gives the ground the state
    // shows first, as erasure plans do: the withdrawn consent (Art. 17(1)(b)) before (a).
    let later = e.rights(&s, utc("2024-02-02T12:00:00Z"));
    assert_eq!(
        grounds(right(&later, "newsletter", Right::Erasure)),
        [ErasureGround::ConsentWithdrawn]
    );
    // The retention itself ends with the withdrawal day (Art. 5(1)(e)): 2024-02-01 ends at
    // 24:00 CET = 23:00 UTC.
    let r = Record {
        id: "nl".to_owned(),
        category: "contact.email".parse().unwrap(),
        activity: "newsletter".parse().unwrap(),
        collected_at: utc("2023-01-01T00:00:00Z"),
        fiscal_year_end: None,
        disclosed_to: Vec::new(),
    };
    let due = |at: &str| {
        e.schedule(std::slice::from_ref(&r), Some(&s), utc(at))
            .remove(0)
    };
    assert!(!due("2024-02-01T12:00:00Z").overdue);
    assert!(!due("2024-02-01T22:59:59Z").overdue);
    let over = due("2024-02-01T23:00:00Z");
    assert!(over.overdue);
    assert!(
        matches!(over.due, Due::On { last_day, .. } if last_day.to_string() == "2024-02-01"),
        "{:?}",
        over.due
    );
    // Newsletter on consent: portable, but Studio M's contract-based offers are not objectable
    // under Art. 21(1) while still direct marketing.
    let customer = e.rights(&subject(CUSTOMER), utc("2024-02-02T12:00:00Z"));
    let o = right(&customer, "offers", Right::Objection);
    assert_eq!(o.citation.to_string(), "GDPR Art. 21(2)");
}

#[test]
fn multistudio_hosted_data_is_forwarded_and_unknown_kinds_have_no_activities() {
    let e = seed("multistudio");
    let r = e.rights(
        &subject(r#"{ "kind": "customer_data_subject" }"#),
        utc("2024-03-01T12:00:00Z"),
    );
    let a = activity(&r, "hosted_customer_data");
    assert!(a.processor_for.is_some());
    assert!(!a.right(Right::Access).unwrap().applies);
    assert_eq!(r.complaint.policy_name, PolicyName::NotStated);

    let none = e.rights(
        &subject(r#"{ "kind": "job_applicant" }"#),
        utc("2024-03-01T12:00:00Z"),
    );
    assert!(none.activities.is_empty());
    assert_eq!(
        none.complaint.authority.as_deref(),
        Some("Integritetsskyddsmyndigheten")
    );
}

/// Studio M with an extra activity: credit scoring by solely automated decision, and an
/// information society service offered directly to children on consent (`offered_to_children`,
/// which Art. 8(1) and 17(1)(f) need).
fn variant() -> Engine {
    let path = format!("{}/policies/studio-m.toml", env!("CARGO_MANIFEST_DIR"));
    let mut text = std::fs::read_to_string(path).unwrap();
    let extra = r#"
[[activity]]
id = "credit_check"
name = "automated credit decision"
purposes = ["service.contract"]
bases = ["contract"]
subjects = ["customer"]
categories = ["identity.name", "financial.invoice"]
automated_decision = { legal_effects = true, logic = "score from payment history" }

[[activity]]
id = "kids_club"
name = "a club for children"
purposes = ["marketing.direct.newsletter"]
bases = ["consent"]
subjects = ["child", "customer"]
categories = ["contact.email"]
automated_decision = { legal_effects = false }
offered_to_children = true
"#;
    let at = text.find("\n[rights]").unwrap();
    text.insert_str(at, extra);
    Engine::new(gdpr_policy::format::from_toml_str(&text).unwrap_or_else(|e| panic!("{e}")))
}

#[test]
fn automated_decisions_and_child_data() {
    let e = variant();
    let r = e.rights(&subject(CUSTOMER), utc("2024-03-01T12:00:00Z"));
    let ad = right(&r, "credit_check", Right::AutomatedDecision);
    assert!(ad.applies);
    assert_eq!(ad.citation.to_string(), "GDPR Art. 22(3)");
    assert!(ad.reason.contains("22(2)(a)"));
    assert!(!right(&r, "contract", Right::AutomatedDecision).applies);
    let kids = right(&r, "kids_club", Right::AutomatedDecision);
    assert!(!kids.applies && kids.reason.contains("no legal"));

    let child = subject(
        r#"{ "kind": "child", "age": 11, "consents": [ { "purpose": "marketing.direct", "given": "2024-01-01T00:00:00Z", "parental": true } ] }"#,
    );
    let r = e.rights(&child, utc("2024-03-01T12:00:00Z"));
    let er = right(&r, "kids_club", Right::Erasure);
    // Art. 17(1)(f) (Recital 65): data collected in relation to an information society service
    // offered directly to a child may be erased on that ground alone, whether or not the
    // (parental) consent still holds.
    assert_eq!(grounds(er), [ErasureGround::ChildData]);
    assert_eq!(er.grounds[0].citation.to_string(), "GDPR Art. 17(1)(f)");
}

fn subjects() -> Vec<SubjectState> {
    [
        CUSTOMER,
        r#"{ "kind": "customer", "relationship": { "start": "2020-01-01T00:00:00Z", "end": "2022-01-01T00:00:00Z" } }"#,
        r#"{ "kind": "customer_representative" }"#,
        r#"{ "kind": "prospect", "objections": [ { "purpose": "marketing", "at": "2023-01-01T00:00:00Z", "kind": "particular_situation" } ] }"#,
        r#"{ "kind": "newsletter_subscriber", "consents": [ { "purpose": "marketing", "given": "2022-01-01T00:00:00Z", "withdrawn": "2023-01-01T00:00:00Z" } ] }"#,
        r#"{ "kind": "website_visitor" }"#,
    ]
    .into_iter()
    .map(subject)
    .collect()
}

#[test]
fn every_right_of_every_activity_is_answered_deterministically() {
    let at = utc("2024-03-01T12:00:00Z");
    for name in SEEDS {
        let e = seed(name);
        let again = seed(name);
        for s in subjects() {
            let r = e.rights(&s, at);
            let declaring = e
                .policy()
                .activities()
                .iter()
                .filter(|a| a.subjects.contains(&s.kind))
                .count();
            assert_eq!(r.activities.len(), declaring, "{name}");
            for a in &r.activities {
                let order: Vec<Right> = a.rights.iter().map(|x| x.right).collect();
                assert_eq!(order, Right::ALL, "{name}");
                for st in &a.rights {
                    assert!(!st.reason.is_empty(), "{name} {st:?}");
                    assert!(st.citation.to_string().starts_with("GDPR Art. "));
                    if st.right == Right::Erasure {
                        assert_eq!(st.applies, !st.grounds.is_empty(), "{name} {st:?}");
                    }
                    if st.right == Right::Objection && a.processor_for.is_none() {
                        assert_eq!(st.applies, st.parts.iter().any(|p| p.applies));
                    }
                }
            }
            let json = serde_json::to_string(&r).unwrap();
            assert_eq!(json, serde_json::to_string(&again.rights(&s, at)).unwrap());
            assert_eq!(r, e.rights(&s, at));
            let v: serde_json::Value = serde_json::from_str(&json).unwrap();
            assert!(v["complaint"]["citation"].is_string());
        }
    }
}

#[test]
fn rights_agree_with_erasure_plans() {
    // Whenever an erasure plan finds a ground of its own for a record (no ground stated), the
    // rights report lists that ground for the record's activity.
    let at = utc("2024-03-01T12:00:00Z");
    for name in SEEDS {
        let e = seed(name);
        for s in subjects() {
            let r = e.rights(&s, at);
            for a in e.policy().activities() {
                if !a.subjects.contains(&s.kind) {
                    continue;
                }
                let records: Vec<Record> = a
                    .categories
                    .iter()
                    .enumerate()
                    .map(|(i, (c, _))| Record {
                        id: format!("r{i}"),
                        category: c.clone(),
                        activity: a.id.clone(),
                        collected_at: utc("2021-06-01T00:00:00Z"),
                        fiscal_year_end: None,
                        disclosed_to: Vec::new(),
                    })
                    .collect();
                let st = right(&r, a.id.as_str(), Right::Erasure);
                for step in e.plan_erasure(&s, &records, at, &[]).steps {
                    let ground = match step.action {
                        Action::Erase { ground, .. } | Action::Retain { ground, .. } => ground,
                        _ => continue,
                    };
                    assert!(
                        grounds(st).contains(&ground),
                        "{name} {} {ground:?} {st:#?}",
                        a.id
                    );
                }
            }
        }
    }
}
