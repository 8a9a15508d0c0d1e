//! Decision scenarios for the `multistudio` seed policy.
//!
//! Source: /work/shared/seeds/001_ce5a7cb386d4924e.txt ("Multistudio Dataskyddspolicy"), encoded
//! in `policies/multistudio.toml`. Each case quotes the heading and words of the notice it checks.
//! Activities: `customer_account` (contract), `history_logs` (contract, security),
//! `hosted_customer_data` (processor for the customer), `cookies` (contract),
//! `authority_disclosure` (legal obligation), `legal_disclosure` (legitimate interests,
//! legal.claims). Recipients: `third_party_services` and `suppliers` (processors, location
//! unknown, no Chapter V mechanism stated), `swedish_authorities` (SE), `external_parties_legal`
//! (controller, location unknown).
//!
//! The notice states no consent-based activity (acceptance by use is not encoded as consent), no
//! direct marketing, no national id number and no named third country, so those scenarios have
//! no place here.

use gdpr_policy::engine::{Obligation, Outcome};

use super::{Case, at, engine, request, run, subject};

/// The customer's own data, hosted by Multistudio as processor.
const HOSTED_USE: &str = r#"{"target": {"activity": "hosted_customer_data"}, "categories": ["customer_content"], "operation": "use"}"#;

/// A person whose data a customer stores in its services.
const HOSTED_SUBJECT: &str = r#"{"kind": "customer_data_subject"}"#;

/// A customer with a contract in force.
const CUSTOMER: &str = r#"{"kind": "customer", "relationship": {"start": "2019-01-01T00:00:00Z"}}"#;

/// A customer whose contract ended at 2024-09-30T22:00:00Z (midnight in Stockholm).
const CUSTOMER_ENDED: &str = r#"{"kind": "customer", "relationship":
    {"start": "2019-01-01T00:00:00Z", "end": "2024-09-30T22:00:00Z"}}"#;

/// A customer who contested the accuracy of the phone number on 2024-04-01 ("Begränsning"); the
/// restriction was lifted at 2024-06-01T08:00:00Z once it was corrected.
const CUSTOMER_RESTRICTED: &str = r#"{"kind": "customer", "relationship": {"start": "2019-01-01T00:00:00Z"},
    "restrictions": [{"categories": ["contact.phone"], "ground": "accuracy_contested",
                      "from": "2024-04-01T00:00:00Z", "lifted": "2024-06-01T08:00:00Z"}]}"#;

#[test]
fn multistudio_scenarios() {
    let e = engine("multistudio");
    run(
        &e,
        &[
            // ---------------------------------------------------------------- processor role
            Case {
                name: "\"Om du som kund själv samlar in och lagrar i dina tjänster hos oss ... vi tar rollen som personuppgiftsbiträde\" — customers' own data processed as processor (Art. 28(3)(a))",
                request: HOSTED_USE,
                subject: HOSTED_SUBJECT,
                at: "2024-05-01T12:00:00Z",
                outcome: Outcome::Permit,
                rules: &["processor-instructions", "activity-declared"],
            },
            Case {
                name: "\"samlar in och lagrar i dina tjänster hos oss\" — storing the customer's content as processor",
                request: r#"{"target": {"activity": "hosted_customer_data"}, "categories": ["customer_content"], "operation": "store"}"#,
                subject: HOSTED_SUBJECT,
                at: "2024-05-01T12:00:00Z",
                outcome: Outcome::Permit,
                rules: &["processor-instructions"],
            },
            Case {
                name: "Processor role: \"annan leverantör eller underleverantör\" with \"biträdesavtal\" — sub-processing by the suppliers inside the EEA (SE)",
                request: r#"{"target": {"activity": "hosted_customer_data"}, "categories": ["customer_content"], "operation": "disclose", "recipient": "suppliers", "destination": "SE"}"#,
                subject: HOSTED_SUBJECT,
                at: "2024-05-01T12:00:00Z",
                outcome: Outcome::Permit,
                rules: &["processor-instructions", "recipient-declared"],
            },
            Case {
                name: "Processor role: \"kan ... behandlas i, land utanför EU/EES av ... underleverantör\" — to the USA with no mechanism stated (a biträdesavtal is not Chapter V), denied",
                request: r#"{"target": {"activity": "hosted_customer_data"}, "categories": ["customer_content"], "operation": "transfer", "recipient": "suppliers", "destination": "US"}"#,
                subject: HOSTED_SUBJECT,
                at: "2024-05-01T12:00:00Z",
                outcome: Outcome::Deny,
                rules: &["transfer-mechanism"],
            },
            Case {
                name: "Processor role: the domain-handling third party is not declared for the hosted data",
                request: r#"{"target": {"activity": "hosted_customer_data"}, "categories": ["customer_content"], "operation": "disclose", "recipient": "third_party_services", "destination": "SE"}"#,
                subject: HOSTED_SUBJECT,
                at: "2024-05-01T12:00:00Z",
                outcome: Outcome::Deny,
                rules: &["recipient-declared"],
            },
            Case {
                name: "Processor role covers only what the customer stores: Multistudio's own customer contact data is not hosted content",
                request: r#"{"target": {"activity": "hosted_customer_data"}, "categories": ["contact.email"], "operation": "use"}"#,
                subject: HOSTED_SUBJECT,
                at: "2024-05-01T12:00:00Z",
                outcome: Outcome::Deny,
                rules: &["categories-declared"],
            },
            // ---------------------------------------------------------------- contract
            Case {
                name: "Vår rättsliga grund: \"I stort sett alla behandlingar utförs med stöd av avtal mellan oss och våra kunder\" — customer account while the contract is in force (6(1)(b))",
                request: r#"{"target": {"activity": "customer_account"}, "categories": ["identity.name", "contact.email", "financial.invoice"], "operation": "use"}"#,
                subject: CUSTOMER,
                at: "2024-05-01T12:00:00Z",
                outcome: Outcome::Permit,
                rules: &["contract", "categories-declared"],
            },
            Case {
                name: "\"för att utföra våra åtaganden som leverantör\" — one second before the contract ends, support is permitted",
                request: r#"{"target": {"activity": "customer_account"}, "categories": ["contact.phone"], "operation": "use"}"#,
                subject: CUSTOMER_ENDED,
                at: "2024-09-30T21:59:59Z",
                outcome: Outcome::Permit,
                rules: &["contract"],
            },
            Case {
                name: "\"för att utföra våra åtaganden som leverantör\" — at the instant the contract ends, the contract basis no longer holds",
                request: r#"{"target": {"activity": "customer_account"}, "categories": ["contact.phone"], "operation": "use"}"#,
                subject: CUSTOMER_ENDED,
                at: "2024-09-30T22:00:00Z",
                outcome: Outcome::Deny,
                rules: &["contract"],
            },
            Case {
                name: "\"med stöd av avtal\" — months after the relationship ended, contacting the former customer is denied",
                request: r#"{"target": {"activity": "customer_account"}, "categories": ["contact.email"], "operation": "use"}"#,
                subject: CUSTOMER_ENDED,
                at: "2025-02-01T10:00:00Z",
                outcome: Outcome::Deny,
                rules: &["contract"],
            },
            Case {
                name: "Historik: \"inloggningshistorik ... för att tex hjälpa till med felsökning eller säkerhetshantering\" — a customer's login log during the contract",
                request: r#"{"target": {"activity": "history_logs"}, "categories": ["online.log"], "operation": "collect"}"#,
                subject: CUSTOMER,
                at: "2024-05-01T12:00:00Z",
                outcome: Outcome::Permit,
                rules: &["contract"],
            },
            // The notice's blanket contract basis covers visitors of the customers' services, who
            // have no contract with Multistudio (policy NOTE): as encoded, there is no basis.
            Case {
                name: "Historik: \"begäran över internet till dina tjänster\" — a visitor of a customer's service has no contract: no stated basis (encoded as written)",
                request: r#"{"target": {"activity": "history_logs"}, "categories": ["online.log"], "operation": "collect"}"#,
                subject: r#"{"kind": "customer_service_visitor"}"#,
                at: "2024-05-01T12:00:00Z",
                outcome: Outcome::Deny,
                rules: &["contract"],
            },
            Case {
                name: "No direct marketing is described: an objection to direct marketing leaves the customer account (contract) untouched",
                request: r#"{"target": {"activity": "customer_account"}, "categories": ["contact.email"], "operation": "use"}"#,
                subject: r#"{"kind": "customer", "relationship": {"start": "2019-01-01T00:00:00Z"},
                    "objections": [{"purpose": "marketing.direct", "at": "2024-03-01T00:00:00Z", "kind": "direct_marketing"}]}"#,
                at: "2024-05-01T12:00:00Z",
                outcome: Outcome::Permit,
                rules: &["contract"],
            },
            // ---------------------------------------------------------------- restriction
            Case {
                name: "Begränsning: \"begära att vi begränsar behandlingen av dessa uppgifter till endast lagring\" — storing the contested phone number is permitted",
                request: r#"{"target": {"activity": "customer_account"}, "categories": ["contact.phone"], "operation": "store"}"#,
                subject: CUSTOMER_RESTRICTED,
                at: "2024-05-01T12:00:00Z",
                outcome: Outcome::Permit,
                rules: &["restriction", "contract"],
            },
            Case {
                name: "Begränsning: \"till endast lagring\" — using the contested phone number (support call) is denied",
                request: r#"{"target": {"activity": "customer_account"}, "categories": ["contact.phone"], "operation": "use"}"#,
                subject: CUSTOMER_RESTRICTED,
                at: "2024-05-01T12:00:00Z",
                outcome: Outcome::Deny,
                rules: &["restriction"],
            },
            Case {
                name: "Begränsning: \"till dess en korrigerig är utfört\" — one second before the restriction is lifted, use is still denied",
                request: r#"{"target": {"activity": "customer_account"}, "categories": ["contact.phone"], "operation": "use"}"#,
                subject: CUSTOMER_RESTRICTED,
                at: "2024-06-01T07:59:59Z",
                outcome: Outcome::Deny,
                rules: &["restriction"],
            },
            Case {
                name: "Begränsning: \"till dess en korrigerig är utfört\" — at the instant the restriction is lifted, use is permitted again",
                request: r#"{"target": {"activity": "customer_account"}, "categories": ["contact.phone"], "operation": "use"}"#,
                subject: CUSTOMER_RESTRICTED,
                at: "2024-06-01T08:00:00Z",
                outcome: Outcome::Permit,
                rules: &["contract"],
            },
            Case {
                name: "Begränsning with \"om det föreligger rättsliga åtgärder\": restricted data may still be disclosed for legal claims (Art. 18(2))",
                request: r#"{"target": {"activity": "legal_disclosure"}, "categories": ["contact.phone"], "operation": "disclose", "recipient": "external_parties_legal", "destination": "SE"}"#,
                subject: CUSTOMER_RESTRICTED,
                at: "2024-05-01T12:00:00Z",
                outcome: Outcome::Permit,
                rules: &["restriction", "legitimate-interests", "recipient-declared"],
            },
            // ---------------------------------------------------------------- legal obligation
            Case {
                name: "\"om myndigheter begär ut dessa med stöd av svensk lagstiftning\" — disclosure to Swedish authorities on 6(1)(c)",
                request: r#"{"target": {"activity": "authority_disclosure"}, "categories": ["identity.name", "online.log"], "operation": "disclose", "recipient": "swedish_authorities"}"#,
                subject: CUSTOMER_ENDED,
                at: "2025-02-01T10:00:00Z",
                outcome: Outcome::Permit,
                rules: &["legal-obligation", "recipient-declared"],
            },
            Case {
                name: "\"med stöd av svensk lagstiftning\" — an Art. 21(1) objection does not touch a legal obligation",
                request: r#"{"target": {"activity": "authority_disclosure"}, "categories": ["contact.email"], "operation": "disclose", "recipient": "swedish_authorities"}"#,
                subject: r#"{"kind": "customer", "objections": [{"purpose": "legal", "at": "2024-03-01T00:00:00Z", "kind": "particular_situation"}]}"#,
                at: "2024-05-01T12:00:00Z",
                outcome: Outcome::Permit,
                rules: &["legal-obligation"],
            },
            Case {
                name: "\"lämnas ej personuppgifter ut till extern part som ej angivits\" — authority disclosure to the external legal party is not declared",
                request: r#"{"target": {"activity": "authority_disclosure"}, "categories": ["contact.email"], "operation": "disclose", "recipient": "external_parties_legal", "destination": "SE"}"#,
                subject: CUSTOMER,
                at: "2024-05-01T12:00:00Z",
                outcome: Outcome::Deny,
                rules: &["recipient-declared"],
            },
            // ---------------------------------------------------------------- legitimate interests
            Case {
                name: "\"Undantag för detta görs om en kund brutit mot våra avtalsvillkor, om det föreligger rättsliga åtgärder\" — disclosure to the external party (SE) on 6(1)(f)",
                request: r#"{"target": {"activity": "legal_disclosure"}, "categories": ["identity.name", "online.log"], "operation": "disclose", "recipient": "external_parties_legal", "destination": "SE"}"#,
                subject: CUSTOMER_ENDED,
                at: "2025-02-01T10:00:00Z",
                outcome: Outcome::Permit,
                rules: &["legitimate-interests", "recipient-declared"],
            },
            Case {
                name: "\"rättsliga åtgärder\" on 6(1)(f) after an Art. 21(1) objection with compelling legitimate grounds recorded: permitted",
                request: r#"{"target": {"activity": "legal_disclosure"}, "categories": ["identity.name"], "operation": "disclose", "recipient": "external_parties_legal", "destination": "SE"}"#,
                subject: r#"{"kind": "customer", "objections": [{"purpose": "legal.claims", "at": "2024-03-01T00:00:00Z", "kind": "particular_situation",
                    "compelling_grounds": "pågående tvist om avtalsbrott"}]}"#,
                at: "2024-05-01T12:00:00Z",
                outcome: Outcome::Permit,
                rules: &["legitimate-interests"],
            },
            // legal.md, Art. 21(1): "stop unless compelling legitimate grounds or legal claims".
            // The activity's only purpose is legal.claims ("om det föreligger rättsliga
            // åtgärder"), so an objection without compelling grounds does not stop it: the
            // processing is itself for the establishment, exercise or defence of legal claims.
            Case {
                name: "\"rättsliga åtgärder\" (legal.claims) after an Art. 21(1) objection without compelling grounds: Art. 21(1) still allows processing for legal claims",
                request: r#"{"target": {"activity": "legal_disclosure"}, "categories": ["identity.name"], "operation": "disclose", "recipient": "external_parties_legal", "destination": "SE"}"#,
                subject: r#"{"kind": "customer", "objections": [{"purpose": "legal.claims", "at": "2024-03-01T00:00:00Z", "kind": "particular_situation"}]}"#,
                at: "2024-05-01T12:00:00Z",
                outcome: Outcome::Permit,
                rules: &["legitimate-interests"],
            },
            Case {
                name: "\"extern part\" whose location the notice does not state: with no destination known and no mechanism stated, denied",
                request: r#"{"target": {"activity": "legal_disclosure"}, "categories": ["identity.name"], "operation": "disclose", "recipient": "external_parties_legal"}"#,
                subject: CUSTOMER,
                at: "2024-05-01T12:00:00Z",
                outcome: Outcome::Deny,
                rules: &["transfer-mechanism"],
            },
            // ---------------------------------------------------------------- third parties, transfers
            Case {
                name: "Tredjepart: \"tredjepartstjänster tex domänhantering kräver att vi delar med oss av information med leverantören\" — inside the EEA (NO)",
                request: r#"{"target": {"activity": "customer_account"}, "categories": ["identity.name", "contact.address"], "operation": "disclose", "recipient": "third_party_services", "destination": "NO"}"#,
                subject: CUSTOMER,
                at: "2024-05-01T12:00:00Z",
                outcome: Outcome::Permit,
                rules: &["contract", "recipient-declared"],
            },
            Case {
                name: "Var behandlar vi: \"kan dock informationen komma att delas till, och behandlas i, land utanför EU/EES\" — to the USA, \"biträdesavtal\" is no transfer mechanism: denied",
                request: r#"{"target": {"activity": "customer_account"}, "categories": ["identity.name"], "operation": "transfer", "recipient": "third_party_services", "destination": "US"}"#,
                subject: CUSTOMER,
                at: "2024-05-01T12:00:00Z",
                outcome: Outcome::Deny,
                rules: &["transfer-mechanism"],
            },
            Case {
                name: "Var behandlar vi: suppliers' location not stated (\"inom EU/EES\" only as aim) — disclosure without a known destination, no mechanism: denied",
                request: r#"{"target": {"activity": "customer_account"}, "categories": ["contact.email"], "operation": "disclose", "recipient": "suppliers"}"#,
                subject: CUSTOMER,
                at: "2024-05-01T12:00:00Z",
                outcome: Outcome::Deny,
                rules: &["transfer-mechanism"],
            },
            Case {
                name: "\"lämnas ej personuppgifter ut till extern part som ej angivits utan att du som kund har gett ditt medgivande\" — an unnamed marketing partner is unknown to the policy",
                request: r#"{"target": {"activity": "customer_account"}, "categories": ["contact.email"], "operation": "disclose", "recipient": "marketing_partner", "destination": "SE"}"#,
                subject: CUSTOMER,
                at: "2024-05-01T12:00:00Z",
                outcome: Outcome::Deny,
                rules: &["recipient-declared"],
            },
            // ---------------------------------------------------------------- undeclared
            Case {
                name: "The notice describes no newsletter or marketing: an undeclared activity is denied",
                request: r#"{"target": {"activity": "newsletter"}, "categories": ["contact.email"], "operation": "use"}"#,
                subject: CUSTOMER,
                at: "2024-05-01T12:00:00Z",
                outcome: Outcome::Deny,
                rules: &["activity-declared"],
            },
            Case {
                name: "Cookies: \"för att identifiera och optimera våra webbapplikationer\" — the IP address is not among the cookie activity's categories",
                request: r#"{"target": {"activity": "cookies"}, "categories": ["online.ip_address"], "operation": "collect"}"#,
                subject: CUSTOMER,
                at: "2024-05-01T12:00:00Z",
                outcome: Outcome::Deny,
                rules: &["categories-declared"],
            },
            Case {
                name: "Registrerade kunder: the customer account is for customers; a visitor of a customer's service is not a declared subject",
                request: r#"{"target": {"activity": "customer_account"}, "categories": ["contact.email"], "operation": "use"}"#,
                subject: r#"{"kind": "customer_service_visitor", "relationship": {"start": "2019-01-01T00:00:00Z"}}"#,
                at: "2024-05-01T12:00:00Z",
                outcome: Outcome::Deny,
                rules: &["subject-declared"],
            },
        ],
    );
}

/// "vi tar rollen som personuppgiftsbiträde. Detta regleras av vårt personbiträdesavtal": a
/// processor permit names no basis of its own and obliges following the customer's instructions.
#[test]
fn multistudio_processor_follows_controller_instructions() {
    let e = engine("multistudio");
    let d = e.decide(
        &request(HOSTED_USE),
        &subject(HOSTED_SUBJECT),
        at("2024-05-01T12:00:00Z"),
    );
    assert!(d.is_permit(), "{d}");
    assert!(
        d.basis.is_none(),
        "a processor relies on no basis of its own: {d}"
    );
    let controller = d.obligations.iter().find_map(|o| match o {
        Obligation::FollowControllerInstructions {
            controller,
            citation,
        } if citation == "GDPR Art. 28(3)(a)" => Some(controller.as_str()),
        _ => None,
    });
    assert!(
        controller.is_some_and(|c| c.starts_with("kunden")),
        "missing follow-instructions obligation: {d}"
    );
}

/// "Begränsning ... till endast lagring": storing restricted data carries the storage-only
/// obligation (Art. 18(2)); a denied use carries none.
#[test]
fn multistudio_restriction_storage_only_obligation() {
    let e = engine("multistudio");
    let sub = subject(CUSTOMER_RESTRICTED);
    let when = at("2024-05-01T12:00:00Z");
    let store = e.decide(
        &request(
            r#"{"target": {"activity": "customer_account"}, "categories": ["contact.phone"], "operation": "store"}"#,
        ),
        &sub,
        when,
    );
    assert!(store.is_permit(), "{store}");
    assert!(
        store.obligations.iter().any(
            |o| matches!(o, Obligation::StorageOnly { citation } if citation == "GDPR Art. 18(2)")
        ),
        "{store}"
    );
    let used = e.decide(
        &request(
            r#"{"target": {"activity": "customer_account"}, "categories": ["contact.phone"], "operation": "use"}"#,
        ),
        &sub,
        when,
    );
    assert!(!used.is_permit(), "{used}");
    assert!(used.obligations.is_empty(), "{used}");
}

/// A decision's JSON is byte-identical across two engines and two runs, and carries its citations.
#[test]
fn multistudio_decision_json_is_deterministic_and_cited() {
    let json = |req: &str, sub: &str| {
        serde_json::to_string(&engine("multistudio").decide(
            &request(req),
            &subject(sub),
            at("2024-05-01T12:00:00Z"),
        ))
        .unwrap()
    };
    let hosted = json(HOSTED_USE, HOSTED_SUBJECT);
    assert_eq!(hosted, json(HOSTED_USE, HOSTED_SUBJECT));
    for needle in [
        r#""outcome":"permit""#,
        "GDPR Art. 28(3)(a)",
        "GDPR Art. 30(1)(b)",
        "GDPR Art. 5(1)(c)",
        "follow_controller_instructions",
    ] {
        assert!(hosted.contains(needle), "`{needle}` missing from {hosted}");
    }

    let transfer = r#"{"target": {"activity": "customer_account"}, "categories": ["identity.name"], "operation": "transfer", "recipient": "third_party_services", "destination": "US"}"#;
    let denied = json(transfer, CUSTOMER);
    assert_eq!(denied, json(transfer, CUSTOMER));
    for needle in [
        r#""outcome":"deny""#,
        "GDPR Art. 44",
        r#""rule":"transfer-mechanism""#,
        "GDPR Art. 6(1)(b)",
    ] {
        assert!(denied.contains(needle), "`{needle}` missing from {denied}");
    }
}
