//! Decision scenarios for the `studio_m` seed policy.
//!
//! Source: /work/shared/seeds/000_288f61780cfd79c5.txt ("Personuppgiftspolicy - Studio M"),
//! encoded in `policies/studio-m.toml`. Each case quotes the heading and words of the notice it
//! checks. Activities: `contract`, `offers` (marketing.direct.offers, contract basis),
//! `newsletter` (consent, newsletter_subscriber, 0d after consent withdrawal), and `website`,
//! `analytics`, `legal_claims`, for which the notice states no basis (`bases = []`). Recipients: `subcontractors` (processor, location unknown, no
//! safeguard stated) and `legal_claims_recipients` (controller, location unknown).
//!
//! The notice states no legitimate-interests basis, no national id number, no processor role and
//! no named third country, so those scenarios have no place here.

use gdpr_policy::engine::{Obligation, Outcome};

use super::{Case, at, engine, offered_to_children, request, run, subject};

/// The newsletter, read by e-mail.
const NEWSLETTER_EMAIL: &str = r#"{"target": {"activity": "newsletter"}, "categories": ["contact.email"], "operation": "use"}"#;

/// A subscriber who consented to "nyhetsbrev och annan marknadsföring" (marketing.direct) on
/// 2024-01-01 and withdrew at 2024-06-01T10:00:00Z (12:00 in Göteborg).
const SUBSCRIBER_WITHDRAWN: &str = r#"{"kind": "newsletter_subscriber", "consents": [
    {"purpose": "marketing.direct", "given": "2024-01-01T00:00:00Z", "withdrawn": "2024-06-01T10:00:00Z"}]}"#;

/// A subscriber whose consent to marketing.direct holds.
const SUBSCRIBER: &str = r#"{"kind": "newsletter_subscriber", "consents": [
    {"purpose": "marketing.direct", "given": "2024-01-01T00:00:00Z"}]}"#;

/// A customer whose contract ran from 2023-01-01 until 2024-09-30T22:00:00Z (midnight in Göteborg).
const CUSTOMER_ENDED: &str = r#"{"kind": "customer", "relationship":
    {"start": "2023-01-01T00:00:00Z", "end": "2024-09-30T22:00:00Z"}}"#;

/// A customer with a contract in force.
const CUSTOMER: &str = r#"{"kind": "customer", "relationship": {"start": "2023-01-01T00:00:00Z"}}"#;

#[test]
fn studio_m_scenarios() {
    let e = engine("studio-m");
    run(
        &e,
        &[
            // ---------------------------------------------------------------- consent: newsletter
            Case {
                name: "Rättslig grund: \"Studio M begär samtycke för att kunna erbjuda användare vårt nyhetsbrev och annan marknadsföring\" — newsletter with consent is permitted on 6(1)(a)",
                request: NEWSLETTER_EMAIL,
                subject: SUBSCRIBER,
                at: "2024-05-01T12:00:00Z",
                outcome: Outcome::Permit,
                rules: &["activity-declared", "consent"],
            },
            Case {
                name: "\"rätt att när som helst återkalla sitt samtycke\": one second before the withdrawal the consent still holds",
                request: NEWSLETTER_EMAIL,
                subject: SUBSCRIBER_WITHDRAWN,
                at: "2024-06-01T09:59:59Z",
                outcome: Outcome::Permit,
                rules: &["consent"],
            },
            Case {
                name: "\"rätt att när som helst återkalla sitt samtycke\": at the instant of withdrawal the newsletter is denied (Art. 7(3), half-open interval)",
                request: NEWSLETTER_EMAIL,
                subject: SUBSCRIBER_WITHDRAWN,
                at: "2024-06-01T10:00:00Z",
                outcome: Outcome::Deny,
                rules: &["consent"],
            },
            Case {
                name: "Lagring: \"kommer uppgifterna att behandlas under den tid samtycket gäller\" — days after withdrawal: no consent, and retention (0d after withdrawal) is over",
                request: r#"{"target": {"activity": "newsletter"}, "categories": ["contact.email"], "operation": "store"}"#,
                subject: SUBSCRIBER_WITHDRAWN,
                at: "2024-06-03T10:00:00Z",
                outcome: Outcome::Deny,
                rules: &["consent", "storage-limitation"],
            },
            Case {
                name: "\"Om användare ger Studio M sitt samtycke\" — no consent given, no newsletter",
                request: NEWSLETTER_EMAIL,
                subject: r#"{"kind": "newsletter_subscriber"}"#,
                at: "2024-05-01T12:00:00Z",
                outcome: Outcome::Deny,
                rules: &["consent"],
            },
            Case {
                name: "\"nyhetsbrev och annan marknadsföring\" is one activity: a consent to the newsletter alone does not cover the other marketing",
                request: NEWSLETTER_EMAIL,
                subject: r#"{"kind": "newsletter_subscriber", "consents": [
                    {"purpose": "marketing.direct.newsletter", "given": "2024-01-01T00:00:00Z"}]}"#,
                at: "2024-05-01T12:00:00Z",
                outcome: Outcome::Deny,
                rules: &["consent"],
            },
            Case {
                name: "\"Tillhandahålla nyhetsbrev och annan marknadsföring\" asked by purpose (marketing.direct) resolves to the newsletter activity",
                request: r#"{"target": {"purpose": "marketing.direct"}, "categories": ["contact.email"], "operation": "use"}"#,
                subject: SUBSCRIBER,
                at: "2024-05-01T12:00:00Z",
                outcome: Outcome::Permit,
                rules: &["consent"],
            },
            Case {
                name: "\"När användare inte längre önskar ta del av en viss marknadsföringsåtgärd\" — an objection to direct marketing stops the newsletter even while consent holds (Art. 21(3))",
                request: NEWSLETTER_EMAIL,
                subject: r#"{"kind": "newsletter_subscriber",
                    "consents": [{"purpose": "marketing.direct", "given": "2024-01-01T00:00:00Z"}],
                    "objections": [{"purpose": "marketing.direct", "at": "2024-03-01T00:00:00Z", "kind": "direct_marketing"}]}"#,
                at: "2024-05-01T12:00:00Z",
                outcome: Outcome::Deny,
                rules: &["direct-marketing-objection"],
            },
            // Art. 8(1) binds only "the offer of information society services directly to a
            // child": Studio M's newsletter goes to the users of a business's services and is not
            // offered to children (no `offered_to_children`), so Sweden's digital age of consent
            // (13, Dataskyddslagen 2 kap. 4 §) does not apply to it. See
            // `studio_m_child_consent_on_a_service_offered_to_children` for where it does.
            Case {
                name: "Newsletter (consent-based): a 12-year-old in Sweden consenting alone — not offered to children, Art. 8(1) does not apply: permitted",
                request: NEWSLETTER_EMAIL,
                subject: r#"{"kind": "newsletter_subscriber", "age": 12, "country": "SE", "consents": [
                    {"purpose": "marketing.direct", "given": "2024-01-01T00:00:00Z"}]}"#,
                at: "2024-05-01T12:00:00Z",
                outcome: Outcome::Permit,
                rules: &["consent"],
            },
            Case {
                name: "Newsletter (consent-based): a 12-year-old in Sweden with parental consent is permitted (Art. 8(1))",
                request: NEWSLETTER_EMAIL,
                subject: r#"{"kind": "newsletter_subscriber", "age": 12, "country": "SE", "consents": [
                    {"purpose": "marketing.direct", "given": "2024-01-01T00:00:00Z", "parental": true}]}"#,
                at: "2024-05-01T12:00:00Z",
                outcome: Outcome::Permit,
                rules: &["consent"],
            },
            Case {
                name: "Newsletter (consent-based): a 13-year-old in Sweden may consent alone (Dataskyddslagen 2 kap. 4 §)",
                request: NEWSLETTER_EMAIL,
                subject: r#"{"kind": "newsletter_subscriber", "age": 13, "country": "SE", "consents": [
                    {"purpose": "marketing.direct", "given": "2024-01-01T00:00:00Z"}]}"#,
                at: "2024-05-01T12:00:00Z",
                outcome: Outcome::Permit,
                rules: &["consent"],
            },
            Case {
                name: "\"Studio M lämnar inte ut personuppgifter till andra organisationer i marknadsföringssyfte\" — the newsletter declares no recipient",
                request: r#"{"target": {"activity": "newsletter"}, "categories": ["contact.email"], "operation": "disclose", "recipient": "subcontractors", "destination": "SE"}"#,
                subject: SUBSCRIBER,
                at: "2024-05-01T12:00:00Z",
                outcome: Outcome::Deny,
                rules: &["recipient-declared"],
            },
            Case {
                name: "Newsletter subjects are newsletter_subscriber only: a customer kind is not declared for it",
                request: NEWSLETTER_EMAIL,
                subject: r#"{"kind": "customer", "consents": [
                    {"purpose": "marketing.direct", "given": "2024-01-01T00:00:00Z"}]}"#,
                at: "2024-05-01T12:00:00Z",
                outcome: Outcome::Deny,
                rules: &["subject-declared"],
            },
            // ---------------------------------------------------------------- contract
            Case {
                name: "Rättslig grund: \"i syfte att kunna fullgöra eller ingå avtal med användaren\" — contract data while the contract is in force (6(1)(b))",
                request: r#"{"target": {"activity": "contract"}, "categories": ["professional.organisation_number", "contact.address.billing"], "operation": "use"}"#,
                subject: CUSTOMER,
                at: "2024-05-01T12:00:00Z",
                outcome: Outcome::Permit,
                rules: &["contract", "categories-declared"],
            },
            Case {
                name: "Lagring: \"lagras under den tid användaren är registrerad som användare\" — one second before the contract ends, permitted",
                request: r#"{"target": {"activity": "contract"}, "categories": ["contact.email"], "operation": "use"}"#,
                subject: CUSTOMER_ENDED,
                at: "2024-09-30T21:59:59Z",
                outcome: Outcome::Permit,
                rules: &["contract"],
            },
            Case {
                name: "Lagring: \"lagras under den tid användaren är registrerad som användare\" — at the instant the contract ends, denied",
                request: r#"{"target": {"activity": "contract"}, "categories": ["contact.email"], "operation": "use"}"#,
                subject: CUSTOMER_ENDED,
                at: "2024-09-30T22:00:00Z",
                outcome: Outcome::Deny,
                rules: &["contract"],
            },
            Case {
                name: "\"fullgöra eller ingå avtal\" — after the relationship ended, support on the contract basis is denied",
                request: r#"{"target": {"activity": "contract"}, "categories": ["identity.name", "contact.phone"], "operation": "use"}"#,
                subject: CUSTOMER_ENDED,
                at: "2024-11-15T08:00:00Z",
                outcome: Outcome::Deny,
                rules: &["contract"],
            },
            Case {
                name: "An Art. 21(1) objection does not touch a contract basis (21(1) applies to 6(1)(e)-(f) only)",
                request: r#"{"target": {"activity": "contract"}, "categories": ["contact.email"], "operation": "use"}"#,
                subject: r#"{"kind": "customer", "relationship": {"start": "2023-01-01T00:00:00Z"},
                    "objections": [{"purpose": "service.contract", "at": "2024-03-01T00:00:00Z", "kind": "particular_situation"}]}"#,
                at: "2024-05-01T12:00:00Z",
                outcome: Outcome::Permit,
                rules: &["contract"],
            },
            // ---------------------------------------------------------------- offers (direct marketing)
            Case {
                name: "\"Erbjuda användare befintliga eller nya tjänster och produkter\" — offers to a customer on the contract basis, as encoded",
                request: r#"{"target": {"activity": "offers"}, "categories": ["contact.email"], "operation": "use"}"#,
                subject: CUSTOMER,
                at: "2024-05-01T12:00:00Z",
                outcome: Outcome::Permit,
                rules: &["contract"],
            },
            Case {
                name: "\"Erbjuda ... nya tjänster och produkter\" is direct marketing: an objection to it is absolute whatever the basis (Art. 21(3))",
                request: r#"{"target": {"activity": "offers"}, "categories": ["contact.email"], "operation": "use"}"#,
                subject: r#"{"kind": "customer", "relationship": {"start": "2023-01-01T00:00:00Z"},
                    "objections": [{"purpose": "marketing.direct", "at": "2024-03-01T00:00:00Z", "kind": "direct_marketing"}]}"#,
                at: "2024-05-01T12:00:00Z",
                outcome: Outcome::Deny,
                rules: &["direct-marketing-objection"],
            },
            Case {
                name: "Direct-marketing objection to offers: compelling grounds recorded by the controller do not override it (Art. 21(3))",
                request: r#"{"target": {"activity": "offers"}, "categories": ["contact.phone"], "operation": "use"}"#,
                subject: r#"{"kind": "customer", "relationship": {"start": "2023-01-01T00:00:00Z"},
                    "objections": [{"purpose": "marketing.direct.offers", "at": "2024-03-01T00:00:00Z", "kind": "direct_marketing",
                                    "compelling_grounds": "kampanj redan planerad"}]}"#,
                at: "2024-05-01T12:00:00Z",
                outcome: Outcome::Deny,
                rules: &["direct-marketing-objection"],
            },
            Case {
                name: "Direct-marketing objection to offers holds from the instant it is made",
                request: r#"{"target": {"activity": "offers"}, "categories": ["contact.email"], "operation": "use"}"#,
                subject: r#"{"kind": "customer", "relationship": {"start": "2023-01-01T00:00:00Z"},
                    "objections": [{"purpose": "marketing.direct", "at": "2024-03-01T00:00:00Z", "kind": "direct_marketing"}]}"#,
                at: "2024-03-01T00:00:00Z",
                outcome: Outcome::Deny,
                rules: &["direct-marketing-objection"],
            },
            Case {
                name: "Direct-marketing objection to offers: one second before it is made, offers are still permitted",
                request: r#"{"target": {"activity": "offers"}, "categories": ["contact.email"], "operation": "use"}"#,
                subject: r#"{"kind": "customer", "relationship": {"start": "2023-01-01T00:00:00Z"},
                    "objections": [{"purpose": "marketing.direct", "at": "2024-03-01T00:00:00Z", "kind": "direct_marketing"}]}"#,
                at: "2024-02-29T23:59:59Z",
                outcome: Outcome::Permit,
                rules: &["contract"],
            },
            // ---------------------------------------------------------------- restriction
            Case {
                name: "\"Användare har rätt till begränsning av personuppgifterna\" — restricted address (incl. billing address): storing it is permitted (Art. 18(2))",
                request: r#"{"target": {"activity": "contract"}, "categories": ["contact.address.billing"], "operation": "store"}"#,
                subject: r#"{"kind": "customer", "relationship": {"start": "2023-01-01T00:00:00Z"},
                    "restrictions": [{"categories": ["contact.address"], "ground": "accuracy_contested", "from": "2024-04-01T00:00:00Z"}]}"#,
                at: "2024-05-01T12:00:00Z",
                outcome: Outcome::Permit,
                rules: &["restriction", "contract"],
            },
            Case {
                name: "\"rätt till begränsning\" — restricted address: using it (invoicing) is denied (Art. 18(2))",
                request: r#"{"target": {"activity": "contract"}, "categories": ["contact.address.billing"], "operation": "use"}"#,
                subject: r#"{"kind": "customer", "relationship": {"start": "2023-01-01T00:00:00Z"},
                    "restrictions": [{"categories": ["contact.address"], "ground": "accuracy_contested", "from": "2024-04-01T00:00:00Z"}]}"#,
                at: "2024-05-01T12:00:00Z",
                outcome: Outcome::Deny,
                rules: &["restriction"],
            },
            Case {
                name: "\"rätt till begränsning\" — at the instant the restriction is lifted, use is permitted again",
                request: r#"{"target": {"activity": "contract"}, "categories": ["contact.address.billing"], "operation": "use"}"#,
                subject: r#"{"kind": "customer", "relationship": {"start": "2023-01-01T00:00:00Z"},
                    "restrictions": [{"categories": ["contact.address"], "ground": "accuracy_contested", "from": "2024-04-01T00:00:00Z", "lifted": "2024-05-01T12:00:00Z"}]}"#,
                at: "2024-05-01T12:00:00Z",
                outcome: Outcome::Permit,
                rules: &["contract"],
            },
            // ---------------------------------------------------------------- undeclared
            Case {
                name: "\"Studio M skänker inte bort, säljer eller hyr ut personuppgifter\" — no such activity is declared",
                request: r#"{"target": {"activity": "sale_to_third_parties"}, "categories": ["contact.email"], "operation": "disclose"}"#,
                subject: CUSTOMER,
                at: "2024-05-01T12:00:00Z",
                outcome: Outcome::Deny,
                rules: &["activity-declared"],
            },
            Case {
                name: "Typer av personuppgifter: the list names no invoice data (financial.invoice) for the contract activity",
                request: r#"{"target": {"activity": "contract"}, "categories": ["financial.invoice"], "operation": "use"}"#,
                subject: CUSTOMER,
                at: "2024-05-01T12:00:00Z",
                outcome: Outcome::Deny,
                rules: &["categories-declared"],
            },
            Case {
                name: "Typer av personuppgifter: a category unknown to the policy is denied (fail closed)",
                request: r#"{"target": {"activity": "contract"}, "categories": ["contact.fax"], "operation": "use"}"#,
                subject: CUSTOMER,
                at: "2024-05-01T12:00:00Z",
                outcome: Outcome::Deny,
                rules: &["categories-declared"],
            },
            // "Användaren kommer att behöva uppge uppgifter om användarens företag och/eller
            // användaren själv": the contract is with the company; the person acting for it is
            // not a party, and the notice states no other basis for the `contract` activity.
            Case {
                name: "Rättslig grund: \"fullgöra eller ingå avtal med användaren\" — a company's representative is not a party to the contract (Art. 6(1)(b)): denied",
                request: r#"{"target": {"activity": "contract"}, "categories": ["identity.name", "contact.email"], "operation": "use"}"#,
                subject: r#"{"kind": "customer_representative", "relationship": {"start": "2023-01-01T00:00:00Z"}}"#,
                at: "2024-05-01T12:00:00Z",
                outcome: Outcome::Deny,
                rules: &["contract"],
            },
            Case {
                name: "The notice describes no automated decision-making: a solely automated decision is denied (Art. 22)",
                request: r#"{"target": {"activity": "contract"}, "categories": ["identity.name"], "operation": "automated_decision"}"#,
                subject: CUSTOMER,
                at: "2024-05-01T12:00:00Z",
                outcome: Outcome::Deny,
                rules: &["automated-decision"],
            },
            // ---------------------------------------------------------------- disclosure / transfer
            Case {
                name: "Utlämnande: \"kan Studio M komma att överföra personuppgifter till underleverantörer\" — disclosure to the declared processor inside the EEA (SE)",
                request: r#"{"target": {"activity": "contract"}, "categories": ["contact.email"], "operation": "disclose", "recipient": "subcontractors", "destination": "SE"}"#,
                subject: CUSTOMER,
                at: "2024-05-01T12:00:00Z",
                outcome: Outcome::Permit,
                rules: &["contract", "recipient-declared"],
            },
            Case {
                name: "Utlämnande: underleverantörer \"kan finnas i länder som inte erbjuder samma slags lagstadgade skydd\" — to the USA with no mechanism stated, denied",
                request: r#"{"target": {"activity": "contract"}, "categories": ["contact.email"], "operation": "transfer", "recipient": "subcontractors", "destination": "US"}"#,
                subject: CUSTOMER,
                at: "2024-05-01T12:00:00Z",
                outcome: Outcome::Deny,
                rules: &["transfer-mechanism"],
            },
            Case {
                name: "Utlämnande: underleverantörer \"som kan men inte måste finnas inom EU eller EES\" — location unknown, \"gör sitt bästa\" is no mechanism: denied",
                request: r#"{"target": {"activity": "analytics"}, "categories": ["behaviour.browsing"], "operation": "disclose", "recipient": "subcontractors"}"#,
                subject: CUSTOMER,
                at: "2024-05-01T12:00:00Z",
                outcome: Outcome::Deny,
                rules: &["transfer-mechanism"],
            },
            Case {
                name: "A disclosure must name its recipient",
                request: r#"{"target": {"activity": "contract"}, "categories": ["contact.email"], "operation": "disclose"}"#,
                subject: CUSTOMER,
                at: "2024-05-01T12:00:00Z",
                outcome: Outcome::Deny,
                rules: &["recipient-declared"],
            },
            // The notice states no basis for the legal-claims disclosures (legitimate interests
            // would be the usual one, but it does not say so): Art. 6(1), whatever the contract.
            Case {
                name: "Utlämnande: \"lämna ut en användares uppgifter om det är nödvändigt för att bevaka, fastställa och utöva rättsliga anspråk\" — to the legal-claims recipients (in SE) during the contract: no basis stated, denied (Art. 6(1))",
                request: r#"{"target": {"activity": "legal_claims"}, "categories": ["identity.name", "online.ip_address"], "operation": "disclose", "recipient": "legal_claims_recipients", "destination": "SE"}"#,
                subject: CUSTOMER,
                at: "2024-05-01T12:00:00Z",
                outcome: Outcome::Deny,
                rules: &["basis-stated"],
            },
            Case {
                name: "Legal-claims disclosure to a subcontractor: not a recipient declared for that activity",
                request: r#"{"target": {"activity": "legal_claims"}, "categories": ["identity.name"], "operation": "disclose", "recipient": "subcontractors", "destination": "SE"}"#,
                subject: CUSTOMER,
                at: "2024-05-01T12:00:00Z",
                outcome: Outcome::Deny,
                rules: &["recipient-declared"],
            },
            // The notice states no basis for the website, analytics or legal claims, and the
            // policy says so (`bases = []`) rather than stretch the contract over them: Art. 6(1)
            // (and Art. 13(1)(c), which the audit flags).
            Case {
                name: "Vid besök av webbplatsen: \"kan Studio M bara identifiera IP-adressen\" — no basis is stated for the website: denied (Art. 6(1))",
                request: r#"{"target": {"activity": "website"}, "categories": ["online.ip_address", "online.cookie_id"], "operation": "collect"}"#,
                subject: r#"{"kind": "website_visitor"}"#,
                at: "2024-05-01T12:00:00Z",
                outcome: Outcome::Deny,
                rules: &["basis-stated"],
            },
        ],
    );
}

/// Had Studio M offered its newsletter directly to children (a variant with
/// `offered_to_children = true`), Art. 8(1) would apply with Sweden's digital age of consent, 13
/// (Dataskyddslagen 2 kap. 4 §).
#[test]
fn studio_m_child_consent_on_a_service_offered_to_children() {
    let e = offered_to_children("studio-m", "newsletter");
    run(
        &e,
        &[
            Case {
                name: "offered to children: a 12-year-old in Sweden consenting alone is denied (Art. 8(1))",
                request: NEWSLETTER_EMAIL,
                subject: r#"{"kind": "newsletter_subscriber", "age": 12, "country": "SE", "consents": [
                    {"purpose": "marketing.direct", "given": "2024-01-01T00:00:00Z"}]}"#,
                at: "2024-05-01T12:00:00Z",
                outcome: Outcome::Deny,
                rules: &["child-consent"],
            },
            Case {
                name: "offered to children: a 12-year-old in Sweden with parental consent is permitted (Art. 8(1))",
                request: NEWSLETTER_EMAIL,
                subject: r#"{"kind": "newsletter_subscriber", "age": 12, "country": "SE", "consents": [
                    {"purpose": "marketing.direct", "given": "2024-01-01T00:00:00Z", "parental": true}]}"#,
                at: "2024-05-01T12:00:00Z",
                outcome: Outcome::Permit,
                rules: &["consent"],
            },
            Case {
                name: "offered to children: a 13-year-old in Sweden may consent alone (Dataskyddslagen 2 kap. 4 §)",
                request: NEWSLETTER_EMAIL,
                subject: r#"{"kind": "newsletter_subscriber", "age": 13, "country": "SE", "consents": [
                    {"purpose": "marketing.direct", "given": "2024-01-01T00:00:00Z"}]}"#,
                at: "2024-05-01T12:00:00Z",
                outcome: Outcome::Permit,
                rules: &["consent"],
            },
        ],
    );
    let d = e.decide(
        &request(NEWSLETTER_EMAIL),
        &subject(
            r#"{"kind": "newsletter_subscriber", "age": 12, "country": "SE", "consents": [
                {"purpose": "marketing.direct", "given": "2024-01-01T00:00:00Z"}]}"#,
        ),
        at("2024-05-01T12:00:00Z"),
    );
    let json = serde_json::to_string(&d).unwrap();
    assert!(json.contains("Dataskyddslagen 2 kap. 4 §"), "{json}");
}

/// "Om användaren endast givit sitt samtycke till viss marknadsföringsåtgärd så kommer uppgifterna
/// att behandlas under den tid samtycket gäller": a permit before a known withdrawal carries the
/// stop-by obligation at the end of the withdrawal day (0d after consent withdrawal, Göteborg time).
#[test]
fn studio_m_newsletter_stop_by_end_of_withdrawal_day() {
    let e = engine("studio-m");
    let d = e.decide(
        &request(NEWSLETTER_EMAIL),
        &subject(SUBSCRIBER_WITHDRAWN),
        at("2024-06-01T09:59:59Z"),
    );
    assert!(d.is_permit(), "{d}");
    let stop = d.obligations.iter().find_map(|o| match o {
        Obligation::StopBy { at, .. } => Some(*at),
        _ => None,
    });
    // 2024-06-01 ends at 24:00 CEST = 22:00 UTC.
    assert_eq!(stop, Some(at("2024-06-01T22:00:00Z")), "{d}");
}

/// Storing restricted data permits with the "storage only" obligation (Art. 18(2)).
#[test]
fn studio_m_restriction_store_carries_storage_only() {
    let e = engine("studio-m");
    let d = e.decide(
        &request(
            r#"{"target": {"activity": "contract"}, "categories": ["contact.address"], "operation": "store"}"#,
        ),
        &subject(
            r#"{"kind": "customer", "relationship": {"start": "2023-01-01T00:00:00Z"},
                "restrictions": [{"categories": ["contact.address"], "ground": "accuracy_contested", "from": "2024-04-01T00:00:00Z"}]}"#,
        ),
        at("2024-05-01T12:00:00Z"),
    );
    assert!(d.is_permit(), "{d}");
    assert!(
        d.obligations.iter().any(
            |o| matches!(o, Obligation::StorageOnly { citation } if citation == "GDPR Art. 18(2)")
        ),
        "{d}"
    );
}

/// A decision's JSON is byte-identical across two engines and two runs, and carries its citations.
#[test]
fn studio_m_decision_json_is_deterministic_and_cited() {
    let req = request(NEWSLETTER_EMAIL);
    let sub = subject(SUBSCRIBER_WITHDRAWN);
    let json =
        |t: &str| serde_json::to_string(&engine("studio-m").decide(&req, &sub, at(t))).unwrap();
    let permit = json("2024-06-01T09:59:59Z");
    assert_eq!(permit, json("2024-06-01T09:59:59Z"));
    for cite in [
        "GDPR Art. 6(1)(a)",
        "GDPR Art. 30(1)(b)",
        "GDPR Art. 5(1)(c)",
        "GDPR Art. 5(1)(e)",
    ] {
        assert!(permit.contains(cite), "`{cite}` missing from {permit}");
    }
    assert!(permit.contains(r#""outcome":"permit""#), "{permit}");

    let deny = json("2024-06-01T10:00:00Z");
    assert_eq!(deny, json("2024-06-01T10:00:00Z"));
    assert!(deny.contains(r#""outcome":"deny""#), "{deny}");
    assert!(deny.contains("GDPR Art. 7(3)"), "{deny}");
    assert!(deny.contains(r#""rule":"consent""#), "{deny}");
}
