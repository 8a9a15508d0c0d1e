//! Bases per purpose, parties to the contract, settlement, Art. 8 and national rules on a small
//! policy written for these questions (a Finnish web shop), each case naming its legal source.

use gdpr_policy::engine::{Engine, Operation, Request, Rule};
use gdpr_policy::model::BasisKind;

use super::{at, request, subject};

const SHOP: &str = r#"
format = 1
id = "shop"
title = "Verkkokaupan tietosuojaseloste"
[controller]
name = "Kauppa Oy"
country = "FI"
time_zone = "Europe/Helsinki"

[[activity]]
id = "customers"
name = "orders, invoices and offers"
purposes = ["service.delivery", "billing", "billing.debt_collection", "marketing.direct.offers"]
purpose_bases = { "service.delivery" = ["contract", "legitimate_interests"], "billing" = ["contract", "legitimate_interests"], "billing.debt_collection" = ["contract", "legitimate_interests"], "marketing.direct.offers" = ["legitimate_interests"] }
legitimate_interest = "serving business customers through their contact persons, and offers to customers"
subjects = ["customer", "customer_representative"]
categories = ["identity.name", "contact.email", "identity.national_id", "financial.invoice"]
national_id_justification = "identifying the debtor for collection"

[[activity]]
id = "bookkeeping"
name = "bookkeeping"
purposes = ["legal.bookkeeping"]
bases = ["legal_obligation"]
legal_obligation = "Kirjanpitolaki (1336/1997) 2 luku 10 §"
subjects = ["customer"]
categories = ["financial.invoice", "financial.books"]

[[activity]]
id = "game"
name = "an online game for children"
purposes = ["service.contract"]
bases = ["consent"]
offered_to_children = true
subjects = ["user"]
categories = ["identity.username"]

[[activity]]
id = "club"
name = "a customer club newsletter"
purposes = ["marketing.direct.newsletter"]
bases = ["consent"]
subjects = ["customer"]
categories = ["contact.email"]

[[activity]]
id = "website"
name = "website logs"
purposes = ["security"]
bases = []
subjects = ["website_visitor"]
categories = ["online.ip_address"]
"#;

fn shop() -> Engine {
    Engine::new(gdpr_policy::format::from_toml_str(SHOP).unwrap())
}

fn ask(activity: &str, purpose: Option<&str>, categories: &[&str]) -> Request {
    let r = request(&format!(
        r#"{{"target": {{"activity": "{activity}"}}, "categories": {categories:?}, "operation": "use"}}"#
    ));
    match purpose {
        Some(p) => r.for_purpose(p.parse().unwrap()),
        None => r,
    }
}

fn rules(d: &gdpr_policy::engine::Decision) -> Vec<Rule> {
    d.determining().map(|r| r.rule).collect()
}

const RUNNING: &str = r#"{"kind": "customer", "relationship": {"start": "2023-01-01T00:00:00Z"}, "objections": [{"purpose": "marketing.direct", "at": "2024-03-01T00:00:00Z", "kind": "direct_marketing"}]}"#;

/// Art. 21(2)-(3) stops the direct-marketing purposes only: invoices still go out after an
/// objection to direct marketing, offers do not, and the activity as a whole is denied because
/// one of its purposes is stopped.
#[test]
fn direct_marketing_objection_stops_offers_not_invoices() {
    let e = shop();
    let s = subject(RUNNING);
    let t = at("2024-04-01T00:00:00Z");
    let invoices = e.decide(
        &ask("customers", Some("billing"), &["contact.email"]),
        &s,
        t,
    );
    assert!(invoices.is_permit(), "{invoices}");
    assert_eq!(
        invoices.basis.as_ref().map(|b| b.basis),
        Some(BasisKind::Contract)
    );
    let offers = e.decide(
        &ask(
            "customers",
            Some("marketing.direct.offers"),
            &["contact.email"],
        ),
        &s,
        t,
    );
    assert_eq!(rules(&offers), [Rule::DirectMarketingObjection], "{offers}");
    let all = e.decide(&ask("customers", None, &["contact.email"]), &s, t);
    assert_eq!(rules(&all), [Rule::DirectMarketingObjection], "{all}");
}

/// Art. 6(1)(b): only a party's data rests on the contract. A contact person of a business
/// customer is no party (EDPB Guidelines 2/2019, paragraph 17): the contract fails for them and
/// legitimate interests, listed second, carry billing; with billing resting on the contract
/// alone, the answer is a deny citing Art. 6(1)(b).
#[test]
fn a_customer_representative_is_no_party_to_the_contract() {
    let e = shop();
    let rep = subject(
        r#"{"kind": "customer_representative", "relationship": {"start": "2023-01-01T00:00:00Z"}}"#,
    );
    let t = at("2024-04-01T00:00:00Z");
    let d = e.decide(
        &ask("customers", Some("billing"), &["contact.email"]),
        &rep,
        t,
    );
    assert_eq!(
        d.basis.as_ref().map(|b| b.basis),
        Some(BasisKind::LegitimateInterests),
        "{d}"
    );
    let contract_only = SHOP.replace(
        r#""billing" = ["contract", "legitimate_interests"]"#,
        r#""billing" = ["contract"]"#,
    );
    let e = Engine::new(gdpr_policy::format::from_toml_str(&contract_only).unwrap());
    let d = e.decide(
        &ask("customers", Some("billing"), &["contact.email"]),
        &rep,
        t,
    );
    assert!(!d.is_permit(), "{d}");
    let contract = d.reasons.iter().find(|r| r.rule == Rule::Contract).unwrap();
    assert!(!contract.satisfied);
    assert_eq!(contract.citation.to_string(), "GDPR Art. 6(1)(b)");
    assert!(
        contract.message.contains("not a party"),
        "{}",
        contract.message
    );
}

/// Settling a contract is still performing it (Art. 6(1)(b)): after the contract ended, the
/// billing purposes keep the contract basis until it is settled; delivery does not.
#[test]
fn billing_keeps_the_contract_basis_until_the_contract_is_settled() {
    let only_contract = SHOP
        .replace(
            r#""billing.debt_collection" = ["contract", "legitimate_interests"]"#,
            r#""billing.debt_collection" = ["contract"]"#,
        )
        .replace(
            r#""service.delivery" = ["contract", "legitimate_interests"]"#,
            r#""service.delivery" = ["contract"]"#,
        );
    let e = Engine::new(gdpr_policy::format::from_toml_str(&only_contract).unwrap());
    let ended = r#""start": "2023-01-01T00:00:00Z", "end": "2024-03-01T00:00:00Z""#;
    let unsettled = subject(&format!(
        r#"{{"kind": "customer", "relationship": {{{ended}, "settled": "2024-09-01T00:00:00Z"}}}}"#
    ));
    let settled_at_end = subject(&format!(
        r#"{{"kind": "customer", "relationship": {{{ended}}}}}"#
    ));
    let t = at("2024-05-01T00:00:00Z");
    let collect = ask(
        "customers",
        Some("billing.debt_collection"),
        &["financial.invoice"],
    );
    let d = e.decide(&collect, &unsettled, t);
    assert!(d.is_permit(), "{d}");
    assert_eq!(d.basis.as_ref().map(|b| b.basis), Some(BasisKind::Contract));
    assert!(!e.decide(&collect, &settled_at_end, t).is_permit());
    assert!(
        !e.decide(&collect, &unsettled, at("2024-09-01T00:00:00Z"))
            .is_permit()
    );
    let deliver = ask("customers", Some("service.delivery"), &["contact.email"]);
    assert!(!e.decide(&deliver, &unsettled, t).is_permit());
}

/// A permit on a legal obligation cites Art. 6(1)(c) as the basis and the statute as a reason
/// of its own.
#[test]
fn a_legal_obligation_cites_article_6_1_c_and_the_statute() {
    let e = shop();
    let s = subject(r#"{"kind": "customer"}"#);
    let d = e.decide(
        &ask("bookkeeping", None, &["financial.invoice"]),
        &s,
        at("2024-04-01T00:00:00Z"),
    );
    assert!(d.is_permit(), "{d}");
    assert_eq!(
        d.basis.as_ref().map(|b| b.citation.as_str()),
        Some("GDPR Art. 6(1)(c)")
    );
    let cites: Vec<String> = d
        .reasons
        .iter()
        .filter(|r| r.rule == Rule::LegalObligation)
        .map(|r| r.citation.to_string())
        .collect();
    assert_eq!(
        cites,
        [
            "GDPR Art. 6(1)(c)",
            "Kirjanpitolaki (1336/1997) 2 luku 10 §"
        ]
    );
}

/// Art. 8(1) binds information society services offered directly to children only: a
/// 12-year-old in Finland (age 13, Tietosuojalaki 5 §) needs the parents' consent for the game,
/// not for the customer club.
#[test]
fn parental_consent_only_for_services_offered_to_children() {
    let e = shop();
    let t = at("2024-04-01T00:00:00Z");
    let child = |purpose: &str, kind: &str| {
        subject(&format!(
            r#"{{"kind": "{kind}", "age": 12, "consents": [{{"purpose": "{purpose}", "given": "2024-01-01T00:00:00Z"}}]}}"#
        ))
    };
    let game = e.decide(
        &ask("game", None, &["identity.username"]),
        &child("service.contract", "user"),
        t,
    );
    assert_eq!(rules(&game), [Rule::ChildConsent], "{game}");
    let cite = game.determining().next().map(|r| r.citation.to_string());
    assert_eq!(cite.as_deref(), Some("Tietosuojalaki 5 §"));
    let club = e.decide(
        &ask("club", None, &["contact.email"]),
        &child("marketing.direct.newsletter", "customer"),
        t,
    );
    assert!(club.is_permit(), "{club}");
}

/// A Finnish controller's national id numbers are governed by Tietosuojalaki 29 § (Art. 87).
#[test]
fn national_id_cites_the_controller_country_rule() {
    let e = shop();
    let s = subject(r#"{"kind": "customer", "relationship": {"start": "2023-01-01T00:00:00Z"}}"#);
    let d = e.decide(
        &ask(
            "customers",
            Some("billing.debt_collection"),
            &["identity.national_id"],
        ),
        &s,
        at("2024-04-01T00:00:00Z"),
    );
    let r = d
        .reasons
        .iter()
        .find(|r| r.rule == Rule::NationalId)
        .unwrap();
    assert_eq!(r.citation.to_string(), "Tietosuojalaki 29 §", "{d}");
}

/// Where the notice states no basis, decisions deny citing Art. 6(1) (rule `basis-stated`).
#[test]
fn no_basis_stated_is_a_deny() {
    let e = shop();
    let s = subject(r#"{"kind": "website_visitor"}"#);
    let d = e.decide(
        &Request::new(
            "website".parse().unwrap(),
            vec!["online.ip_address".parse().unwrap()],
            Operation::Use,
        ),
        &s,
        at("2024-04-01T00:00:00Z"),
    );
    assert_eq!(rules(&d), [Rule::BasisStated], "{d}");
    let cite = d.determining().next().map(|r| r.citation.to_string());
    assert_eq!(cite.as_deref(), Some("GDPR Art. 6(1)"));
}
