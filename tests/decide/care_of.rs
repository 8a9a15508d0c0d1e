//! Decision scenarios for the `care-of` seed policy.
//!
//! Source: /work/shared/seeds/003_f448cc22fa511414.txt ("Dataskyddspolicy", Care of, Nyköping).
//! Every case names the heading and the words of the notice it checks; the activity ids,
//! categories, subjects and recipients are those of `policies/care-of.toml`.
//!
//! Not applicable to this seed (nothing in the notice or the policy to test):
//! - consent withdrawal and `child-consent`: no activity rests on consent ("I stort sett all
//!   lagring och behandling av personuppgifter görs med stöd av det avtal ...");
//! - legitimate interests and Art. 21(1) overrides: no activity rests on Art. 6(1)(f); an
//!   Art. 21(1) objection is checked instead against a contract-based activity, which it does not
//!   reach;
//! - national id numbers and storage limitation by period: none declared (`purpose_ends` only).
//!
//! Fixed instants used below (UTC):
//! - the customer's contract starts 2022-01-10T08:00:00Z and ends at 2024-03-31T22:00:00Z
//!   (midnight into 1 April in Stockholm);
//! - a direct-marketing objection is made at 2023-09-05T13:30:00Z;
//! - a restriction of `contact.phone` takes effect at 2023-11-01T09:00:00Z.

use gdpr_policy::engine::Obligation;
use gdpr_policy::engine::Outcome::{Deny, Permit};

use super::{Case, at, engine, request, run, subject};

const CUSTOMER: &str = r#"{"kind": "customer", "relationship": {"start": "2022-01-10T08:00:00Z", "end": "2024-03-31T22:00:00Z"}}"#;
const CUSTOMER_DM_OBJECTION: &str = r#"{"kind": "customer", "relationship": {"start": "2022-01-10T08:00:00Z", "end": "2024-03-31T22:00:00Z"}, "objections": [{"purpose": "marketing.direct", "at": "2023-09-05T13:30:00Z", "kind": "direct_marketing"}]}"#;
const CUSTOMER_RESTRICTED: &str = r#"{"kind": "customer", "relationship": {"start": "2022-01-10T08:00:00Z", "end": "2024-03-31T22:00:00Z"}, "restrictions": [{"categories": ["contact.phone"], "ground": "accuracy_contested", "from": "2023-11-01T09:00:00Z"}]}"#;
const CIRRUS_SUBJECT: &str = r#"{"kind": "cirrus_data_subject"}"#;

/// The cases, in the order of the notice's headings.
const CASES: &[Case] = &[
    // ---------------------------------------------------------------- contract basis and its end
    // "Vad är vår rättsliga grund ...": "I stort sett all lagring och behandling av
    // personuppgifter görs med stöd av det avtal vi som leverantör har med dig som kund."
    // "Vad gör vi med din information?": "identifiera dig som kund, för fakturering, för vår
    // kundtjänst och annan administration."
    Case {
        name: "Vad gör vi med din information: fakturering while the contract is in force — permitted on the contract",
        request: r#"{"target": {"activity": "customer_service"}, "categories": ["identity.name", "contact.email", "financial.invoice"], "operation": "use"}"#,
        subject: CUSTOMER,
        at: "2023-06-15T10:00:00Z",
        outcome: Permit,
        rules: &["contract"],
    },
    Case {
        name: "Rättslig grund = avtalet: kundtjänst one second before the contract ends — permitted",
        request: r#"{"target": {"activity": "customer_service"}, "categories": ["contact.email"], "operation": "use"}"#,
        subject: CUSTOMER,
        at: "2024-03-31T21:59:59Z",
        outcome: Permit,
        rules: &["contract"],
    },
    Case {
        name: "Rättslig grund = avtalet: kundtjänst at the instant the contract ends — denied",
        request: r#"{"target": {"activity": "customer_service"}, "categories": ["contact.email"], "operation": "use"}"#,
        subject: CUSTOMER,
        at: "2024-03-31T22:00:00Z",
        outcome: Deny,
        rules: &["contract"],
    },
    Case {
        name: "Rättslig grund = avtalet: fakturering two months after the customer relationship ended — denied",
        request: r#"{"target": {"activity": "customer_service"}, "categories": ["financial.invoice"], "operation": "use"}"#,
        subject: CUSTOMER,
        at: "2024-06-01T10:00:00Z",
        outcome: Deny,
        rules: &["contract"],
    },
    // Before the contract (and any pre-contract steps) begins there is no "avtal" to rest on.
    Case {
        name: "Rättslig grund = avtalet: before the contract starts — denied",
        request: r#"{"target": {"activity": "customer_service"}, "categories": ["identity.name"], "operation": "collect"}"#,
        subject: CUSTOMER,
        at: "2022-01-10T07:59:59Z",
        outcome: Deny,
        rules: &["contract"],
    },
    // "de uppgifter som du anger då du registrerar dig för användning av våra tjänster" — users;
    // "IP-nummer" is in the list of "Vilken information samlar vi in?".
    Case {
        name: "Vilken information samlar vi in: IP-nummer of a registered user under a running contract — permitted",
        request: r#"{"target": {"activity": "customer_service"}, "categories": ["online.ip_address"], "operation": "collect"}"#,
        subject: r#"{"kind": "user", "relationship": {"start": "2023-01-01T00:00:00Z"}}"#,
        at: "2023-06-15T10:00:00Z",
        outcome: Permit,
        rules: &["contract", "categories-declared"],
    },
    // ---------------------------------------------------------------- direct marketing
    // Introduction: "Vi behöver också dina personuppgifter för att ge dig bra service exempelvis
    // vad gäller marknadsföring" and "Du har rätt att motsätta dig att vi använder personuppgifter
    // för direktmarknadsföring." Marketing carries the blanket contract basis.
    Case {
        name: "Du har rätt att motsätta dig direktmarknadsföring: one second before the objection — permitted on the contract",
        request: r#"{"target": {"activity": "marketing"}, "categories": ["identity.name", "contact.email"], "operation": "use"}"#,
        subject: CUSTOMER_DM_OBJECTION,
        at: "2023-09-05T13:29:59Z",
        outcome: Permit,
        rules: &["contract"],
    },
    Case {
        name: "Du har rätt att motsätta dig direktmarknadsföring: at the instant of the objection — denied, the contract notwithstanding",
        request: r#"{"target": {"activity": "marketing"}, "categories": ["identity.name", "contact.email"], "operation": "use"}"#,
        subject: CUSTOMER_DM_OBJECTION,
        at: "2023-09-05T13:30:00Z",
        outcome: Deny,
        rules: &["direct-marketing-objection"],
    },
    // Art. 21(3) is absolute: recorded compelling grounds change nothing.
    Case {
        name: "Du har rätt att motsätta dig direktmarknadsföring: compelling grounds do not override it — denied",
        request: r#"{"target": {"activity": "marketing"}, "categories": ["contact.email"], "operation": "use"}"#,
        subject: r#"{"kind": "customer_representative", "relationship": {"start": "2022-01-10T08:00:00Z"}, "objections": [{"purpose": "marketing.direct", "at": "2023-09-05T13:30:00Z", "kind": "direct_marketing", "compelling_grounds": "product news is important"}]}"#,
        at: "2023-12-01T10:00:00Z",
        outcome: Deny,
        rules: &["direct-marketing-objection"],
    },
    // A request by purpose ("marknadsföring") finds the marketing activity; the objection stops it.
    Case {
        name: "marknadsföring requested by purpose after the objection — denied",
        request: r#"{"target": {"purpose": "marketing.direct"}, "categories": ["contact.email"], "operation": "use"}"#,
        subject: CUSTOMER_DM_OBJECTION,
        at: "2023-10-01T10:00:00Z",
        outcome: Deny,
        rules: &["direct-marketing-objection"],
    },
    // Marketing rests only on "det avtal vi som leverantör har med dig som kund": after the
    // relationship ends there is no basis left.
    Case {
        name: "marknadsföring, uppföljning och information after the customer relationship ended — denied",
        request: r#"{"target": {"activity": "marketing"}, "categories": ["contact.email"], "operation": "use"}"#,
        subject: CUSTOMER,
        at: "2024-04-15T10:00:00Z",
        outcome: Deny,
        rules: &["contract"],
    },
    // "Begränsning": "Önskar du invända mot lagringen och användandet kring några av de uppgifter
    // vi hanterar". An Art. 21(1) objection reaches only Art. 6(1)(e)-(f); "kund- och
    // marknadsanalyser" rests on the contract, which is still in force.
    Case {
        name: "kund- och marknadsanalyser: Art. 21(1) objection does not reach the contract basis — permitted",
        request: r#"{"target": {"activity": "customer_analysis"}, "categories": ["commercial.order"], "operation": "use"}"#,
        subject: r#"{"kind": "customer", "relationship": {"start": "2022-01-10T08:00:00Z"}, "objections": [{"purpose": "analytics.customer_and_market", "at": "2023-02-01T10:00:00Z", "kind": "particular_situation"}]}"#,
        at: "2023-06-15T10:00:00Z",
        outcome: Permit,
        rules: &["contract"],
    },
    // "Vi behöver också dina uppgifter för att kunna kommunicera till dig kring nyheter och/eller
    // andra viktiga händelser som rör vår produkt" sits in the marketing activity together with
    // "marknadsföring". An Art. 21(1) objection to that service communication is not an objection
    // to direct marketing (Art. 21(3) must not fire), and it does not reach the contract basis.
    Case {
        name: "nyheter och viktiga händelser som rör vår produkt: Art. 21(1) objection to service communication is not a direct-marketing objection — permitted on the contract",
        request: r#"{"target": {"activity": "marketing"}, "categories": ["contact.email"], "operation": "use"}"#,
        subject: r#"{"kind": "customer", "relationship": {"start": "2022-01-10T08:00:00Z"}, "objections": [{"purpose": "service.communication", "at": "2023-02-01T10:00:00Z", "kind": "particular_situation"}]}"#,
        at: "2023-06-15T10:00:00Z",
        outcome: Permit,
        rules: &["contract"],
    },
    // No profiling or automated decision is described anywhere in the notice.
    Case {
        name: "kund- och marknadsanalyser: no automated decision-making is declared — denied",
        request: r#"{"target": {"activity": "customer_analysis"}, "categories": ["commercial.order"], "operation": "automated_decision"}"#,
        subject: CUSTOMER,
        at: "2023-06-15T10:00:00Z",
        outcome: Deny,
        rules: &["automated-decision"],
    },
    // ---------------------------------------------------------------- Cirrus (processor)
    // "Personuppgiftsansvarig": "Som användare i Cirrus är du själv personuppgiftsansvarig för de
    // uppgifter du samlar in och lagrar i våra system." Care of processes on the user's
    // instructions; lawfulness is the Cirrus user's to establish.
    Case {
        name: "Som användare i Cirrus är du själv personuppgiftsansvarig: storing Cirrus content — permitted as processor",
        request: r#"{"target": {"activity": "cirrus_processing"}, "categories": ["cirrus_content"], "operation": "store"}"#,
        subject: CIRRUS_SUBJECT,
        at: "2023-06-15T10:00:00Z",
        outcome: Permit,
        rules: &["processor-instructions"],
    },
    Case {
        name: "Cirrus: using Cirrus content for the Cirrus user — permitted as processor (no basis of Care of's own is needed)",
        request: r#"{"target": {"activity": "cirrus_processing"}, "categories": ["cirrus_content"], "operation": "use"}"#,
        subject: CIRRUS_SUBJECT,
        at: "2023-06-15T10:00:00Z",
        outcome: Permit,
        rules: &["processor-instructions"],
    },
    // "Var behandlar vi dina personuppgifter?": "Alla våra kontor och den tekniska miljön befinner
    // sig inom EU/ESS" — a subprocessor inside the EEA.
    Case {
        name: "Cirrus: disclosure to a subprocessor in Sweden (biträdesavtal med alla våra leverantörer) — permitted",
        request: r#"{"target": {"activity": "cirrus_processing"}, "categories": ["cirrus_content"], "operation": "disclose", "recipient": "suppliers", "destination": "SE"}"#,
        subject: CIRRUS_SUBJECT,
        at: "2023-06-15T10:00:00Z",
        outcome: Permit,
        rules: &["processor-instructions", "recipient-declared"],
    },
    // "I vissa situationer kan dock information komma att överföras till och behandlas i ett land
    // utanför EU/ESS av en annan leverantör eller underleverantör." No mechanism is named.
    Case {
        name: "Cirrus: transfer to a subprocessor in the USA, no mechanism stated — denied",
        request: r#"{"target": {"activity": "cirrus_processing"}, "categories": ["cirrus_content"], "operation": "transfer", "recipient": "suppliers", "destination": "US"}"#,
        subject: CIRRUS_SUBJECT,
        at: "2023-06-15T10:00:00Z",
        outcome: Deny,
        rules: &["transfer-mechanism"],
    },
    // Cirrus content is about `cirrus_data_subject`, and the notice gives IP addresses only for
    // Care of's own customers.
    Case {
        name: "Cirrus: IP-nummer is not among the Cirrus content categories — denied",
        request: r#"{"target": {"activity": "cirrus_processing"}, "categories": ["online.ip_address"], "operation": "use"}"#,
        subject: CIRRUS_SUBJECT,
        at: "2023-06-15T10:00:00Z",
        outcome: Deny,
        rules: &["categories-declared"],
    },
    Case {
        name: "Cirrus: Care of's own customer is not a subject of the Cirrus processing — denied",
        request: r#"{"target": {"activity": "cirrus_processing"}, "categories": ["cirrus_content"], "operation": "use"}"#,
        subject: CUSTOMER,
        at: "2023-06-15T10:00:00Z",
        outcome: Deny,
        rules: &["subject-declared"],
    },
    // ---------------------------------------------------------------- transfers of own data
    // Same words, for Care of's own customer data handled by its suppliers: the supplier's
    // location is "unknown" and no safeguard is stated.
    Case {
        name: "Var behandlar vi dina personuppgifter: supplier outside EU/ESS in an unnamed country — denied, no mechanism stated",
        request: r#"{"target": {"activity": "customer_service"}, "categories": ["contact.email"], "operation": "transfer", "recipient": "suppliers"}"#,
        subject: CUSTOMER,
        at: "2023-06-15T10:00:00Z",
        outcome: Deny,
        rules: &["transfer-mechanism"],
    },
    Case {
        name: "Var behandlar vi dina personuppgifter: supplier in India, \"hanteras på samma sätt\" is no Chapter V mechanism — denied",
        request: r#"{"target": {"activity": "customer_service"}, "categories": ["contact.email"], "operation": "transfer", "recipient": "suppliers", "destination": "IN"}"#,
        subject: CUSTOMER,
        at: "2023-06-15T10:00:00Z",
        outcome: Deny,
        rules: &["transfer-mechanism"],
    },
    // "Vem kan vi komma att lämna ut ...": "om en myndighet begär detta med lagligt stöd. Ett
    // exempel på det kan vara skattemyndigheter ..."; "för att kunna följa rådande lagstiftningar".
    Case {
        name: "Vem kan vi komma att lämna ut: invoices to the Swedish tax authority on legal request — permitted on legal obligation",
        request: r#"{"target": {"activity": "legal_compliance"}, "categories": ["financial.invoice", "identity.name"], "operation": "disclose", "recipient": "authorities", "destination": "SE"}"#,
        subject: CUSTOMER,
        at: "2024-06-01T10:00:00Z",
        outcome: Permit,
        rules: &["legal-obligation", "recipient-declared"],
    },
    // "... polismyndigheter i de berörda länderna": the country is not said, so it is not known to
    // be inside the EEA.
    Case {
        name: "Vem kan vi komma att lämna ut: authority \"i de berörda länderna\", country not stated — denied",
        request: r#"{"target": {"activity": "legal_compliance"}, "categories": ["financial.invoice"], "operation": "disclose", "recipient": "authorities"}"#,
        subject: CUSTOMER,
        at: "2024-06-01T10:00:00Z",
        outcome: Deny,
        rules: &["transfer-mechanism"],
    },
    // Marketing names no recipient at all.
    Case {
        name: "marknadsföring: suppliers are not declared as recipients of marketing data — denied",
        request: r#"{"target": {"activity": "marketing"}, "categories": ["contact.email"], "operation": "disclose", "recipient": "suppliers", "destination": "SE"}"#,
        subject: CUSTOMER,
        at: "2023-06-15T10:00:00Z",
        outcome: Deny,
        rules: &["recipient-declared"],
    },
    // ---------------------------------------------------------------- restriction
    // "Begränsning": "Observera att vi alltid kommer att behöva kräva att lagra och hantera viss
    // information för att kunna leverera tjänsten till dig." Art. 18(2): storage only.
    Case {
        name: "Begränsning: restricted phone number — storing it is permitted",
        request: r#"{"target": {"activity": "customer_service"}, "categories": ["contact.phone"], "operation": "store"}"#,
        subject: CUSTOMER_RESTRICTED,
        at: "2023-11-02T09:00:00Z",
        outcome: Permit,
        rules: &["restriction"],
    },
    Case {
        name: "Begränsning: restricted phone number — using it for kundtjänst is denied",
        request: r#"{"target": {"activity": "customer_service"}, "categories": ["contact.phone"], "operation": "use"}"#,
        subject: CUSTOMER_RESTRICTED,
        at: "2023-11-02T09:00:00Z",
        outcome: Deny,
        rules: &["restriction"],
    },
    // "Undantag till detta görs om en kund bryter mot våra avtalsvillkor, om det föreligger
    // rättsliga åtgärder": legal claims are an Art. 18(2) exception.
    Case {
        name: "Begränsning / rättsliga åtgärder: restricted phone number used for legal claims — permitted",
        request: r#"{"target": {"activity": "legal_claims"}, "categories": ["contact.phone"], "operation": "use"}"#,
        subject: CUSTOMER_RESTRICTED,
        at: "2023-11-02T09:00:00Z",
        outcome: Permit,
        rules: &["restriction", "contract"],
    },
    // ---------------------------------------------------------------- undeclared
    Case {
        name: "no newsletter-by-consent activity is declared — denied",
        request: r#"{"target": {"activity": "newsletter"}, "categories": ["contact.email"], "operation": "use"}"#,
        subject: CUSTOMER,
        at: "2023-06-15T10:00:00Z",
        outcome: Deny,
        rules: &["activity-declared"],
    },
    // "Vilken information samlar vi in?": the list has no personnummer.
    Case {
        name: "Vilken information samlar vi in: personnummer is not in the list — denied",
        request: r#"{"target": {"activity": "customer_service"}, "categories": ["identity.national_id"], "operation": "collect"}"#,
        subject: CUSTOMER,
        at: "2023-06-15T10:00:00Z",
        outcome: Deny,
        rules: &["categories-declared"],
    },
];

#[test]
fn care_of_decisions_follow_the_notice() {
    run(&engine("care-of"), CASES);
}

/// "Som användare i Cirrus är du själv personuppgiftsansvarig": the permit names no basis of
/// Care of's own and obliges it to follow the Cirrus user's instructions (Art. 28(3)(a)).
#[test]
fn care_of_cirrus_permit_carries_the_follow_instructions_obligation() {
    let d = engine("care-of").decide(
        &request(
            r#"{"target": {"activity": "cirrus_processing"}, "categories": ["cirrus_content"], "operation": "use"}"#,
        ),
        &subject(CIRRUS_SUBJECT),
        at("2023-06-15T10:00:00Z"),
    );
    assert!(d.is_permit(), "{d}");
    assert!(d.basis.is_none(), "{d}");
    assert!(
        d.obligations.iter().any(|o| matches!(
            o,
            Obligation::FollowControllerInstructions { controller, citation }
                if controller.contains("Cirrus") && citation == "GDPR Art. 28(3)(a)"
        )),
        "{d}"
    );
}

/// A decision's JSON is byte-identical across two runs (two engines built from the file) and
/// carries its citations.
#[test]
fn care_of_decision_json_is_deterministic_and_cites() {
    let once = |req: &str, subj: &str, when: &str| {
        let d = engine("care-of").decide(&request(req), &subject(subj), at(when));
        serde_json::to_string(&d).unwrap()
    };
    let contract = r#"{"target": {"activity": "customer_service"}, "categories": ["financial.invoice"], "operation": "use"}"#;
    let a = once(contract, CUSTOMER, "2023-06-15T10:00:00Z");
    let b = once(contract, CUSTOMER, "2023-06-15T10:00:00Z");
    assert_eq!(a, b);
    for cite in [
        "GDPR Art. 6(1)(b)",
        "GDPR Art. 30(1)(b)",
        "GDPR Art. 5(1)(c)",
    ] {
        assert!(a.contains(cite), "`{cite}` missing from {a}");
    }
    let cirrus = r#"{"target": {"activity": "cirrus_processing"}, "categories": ["cirrus_content"], "operation": "transfer", "recipient": "suppliers", "destination": "US"}"#;
    let c = once(cirrus, CIRRUS_SUBJECT, "2023-06-15T10:00:00Z");
    let d = once(cirrus, CIRRUS_SUBJECT, "2023-06-15T10:00:00Z");
    assert_eq!(c, d);
    for cite in ["GDPR Art. 44", "GDPR Art. 28(3)(a)", "GDPR Art. 13(1)(e)"] {
        assert!(c.contains(cite), "`{cite}` missing from {c}");
    }
    assert!(c.contains(r#""outcome":"deny""#), "{c}");
}
