//! Decision scenarios for the `familjefilm` seed policy.
//!
//! Source: /work/shared/seeds/002_2afa8c34e59ce046.txt ("Så hanterar vi dina personuppgifter").
//! Every case names the heading and the words of the notice it checks; the activity ids,
//! categories, subjects and recipients are those of `policies/familjefilm.toml`.
//!
//! Not applicable to this seed (nothing in the notice or the policy to test):
//! - consent withdrawal and `child-consent`: the notice lists "Samtycke" among the bases in
//!   general, but no activity rests on consent (see the policy's header), so there is no
//!   consent-based activity to withdraw from or for a child to consent to;
//! - processor-role activities: Familjefilm acts as controller throughout.
//!
//! Storage limitation by period applies to `order_delivery` and `communication` only, whose data
//! goes when the customer relation ends (`0d after end_of_relationship`, "När du säger upp din
//! kundrelation med oss tar vi bort alla dina personuppgifter"); every other retention rule is
//! `purpose_ends` ("så länge det finns ett dokumenterat syfte"), which the engine cannot date.
//!
//! Fixed instants used below (UTC):
//! - the customer relation starts 2023-03-01T09:00:00Z and is ended ("När du säger upp din
//!   kundrelation") at 2024-06-30T22:00:00Z (midnight into 1 July in Stockholm);
//! - a direct-marketing objection is made at 2024-05-10T08:00:00Z;
//! - a restriction of `contact.email` takes effect at 2024-04-02T10:00:00Z.

use gdpr_policy::engine::Obligation;
use gdpr_policy::engine::Outcome::{Deny, Permit};
use gdpr_policy::model::BasisKind;

use super::{Case, at, engine, request, run, subject};

const CUSTOMER_ACTIVE: &str =
    r#"{"kind": "customer", "relationship": {"start": "2023-03-01T09:00:00Z"}}"#;
const CUSTOMER_ENDED: &str = r#"{"kind": "customer", "relationship": {"start": "2023-03-01T09:00:00Z", "end": "2024-06-30T22:00:00Z"}}"#;

/// The cases, in the order of the notice's headings.
const CASES: &[Case] = &[
    // ---------------------------------------------------------------- personnummer
    // "Kontaktuppgifter": "vid orderregistrering för privatperson och enskild firma samlar vi in
    // personnummer, för att möjliggöra indrivning av eventuellt obetalda fakturor."
    // order_delivery carries that justification (Dataskyddslagen 3 kap. 10 §).
    Case {
        name: "Kontaktuppgifter: personnummer collected at order registration for a private customer, with the stated justification (indrivning av obetalda fakturor)",
        request: r#"{"target": {"activity": "order_delivery"}, "categories": ["identity.name", "identity.national_id"], "operation": "collect"}"#,
        subject: CUSTOMER_ACTIVE,
        at: "2024-01-15T10:00:00Z",
        outcome: Permit,
        rules: &["national-id", "legitimate-interests"],
    },
    // Same heading: the personnummer is collected at "orderregistrering", not when a quote is
    // asked for ("Offertförfrågningar": "den information du uppger"); `quotes` does not declare it.
    Case {
        name: "Offertförfrågningar: personnummer is not among the data of a quote request",
        request: r#"{"target": {"activity": "quotes"}, "categories": ["identity.national_id"], "operation": "collect"}"#,
        subject: r#"{"kind": "prospect"}"#,
        at: "2024-01-15T10:00:00Z",
        outcome: Deny,
        rules: &["categories-declared"],
    },
    // "Vid orderregistrering för företag samlar vi in org-nummer".
    Case {
        name: "Kontaktuppgifter: org-nummer collected at order registration for a company's contact person",
        request: r#"{"target": {"activity": "order_delivery"}, "categories": ["professional.organisation", "professional.organisation_number"], "operation": "collect"}"#,
        subject: r#"{"kind": "customer_representative", "relationship": {"start": "2023-03-01T09:00:00Z"}}"#,
        at: "2024-01-15T10:00:00Z",
        outcome: Permit,
        rules: &["activity-declared", "legitimate-interests"],
    },
    // ---------------------------------------------------------------- order delivery after the relation
    // "Leverans av beställningar ... Laglig grund: Intresseavvägning och fullgörande av avtal."
    // "Såhär behandlar vi dina personuppgifter när du inte längre är kund": "När du säger upp din
    // kundrelation med oss tar vi bort alla dina personuppgifter där det inte längre finns syfte
    // för fortsatt behandling."
    // Until the relation ends the contract carries order delivery (Art. 6(1)(b), half-open: it
    // holds up to the instant of the end). After that the contract basis is gone, but the notice
    // also states legitimate interests ("Intresseavvägning") for order delivery, and no objection
    // stands, so the activity is still permitted on Art. 6(1)(f) for the rest of the day the
    // relation ended on. The deletion promise is encoded as `0d after end_of_relationship`: from
    // the end of that day (local), the order data may no longer be kept (Art. 5(1)(e)).
    Case {
        name: "När du inte längre är kund: order delivery one second before the relation ends — permitted on fullgörande av avtal",
        request: r#"{"target": {"activity": "order_delivery"}, "categories": ["commercial.order"], "operation": "use"}"#,
        subject: CUSTOMER_ENDED,
        at: "2024-06-30T21:59:59Z",
        outcome: Permit,
        rules: &["contract"],
    },
    Case {
        name: "När du inte längre är kund: order delivery one day after the relation ended — \"tar vi bort alla dina personuppgifter\": retention (0d after the end of the relation) is over, denied (Art. 5(1)(e))",
        request: r#"{"target": {"activity": "order_delivery"}, "categories": ["commercial.order", "financial.invoice"], "operation": "use"}"#,
        subject: CUSTOMER_ENDED,
        at: "2024-07-01T22:00:00Z",
        outcome: Deny,
        rules: &["storage-limitation"],
    },
    Case {
        name: "När du inte längre är kund: order delivery at the very instant the relation ends — permitted on legitimate interests",
        request: r#"{"target": {"activity": "order_delivery"}, "categories": ["commercial.order"], "operation": "use"}"#,
        subject: CUSTOMER_ENDED,
        at: "2024-06-30T22:00:00Z",
        outcome: Permit,
        rules: &["legitimate-interests"],
    },
    // ---------------------------------------------------------------- contract edges
    // "Leverans av beställningar" ("svara på och tillhandahålla offerter") and "Offertförfrågningar",
    // "Laglig grund: Intresseavvägning och fullgörande av avtal." An Art. 21(1) objection to
    // quotes standing without compelling grounds stops the quotes purposes: the notice lists
    // legitimate interests first ("Intresseavvägning och fullgörande av avtal"), so they are the
    // basis relied on; the objection stops them, and the contract listed after them cannot take
    // their place after the objection (Art. 21(1); EDPB Guidelines 2/2019 on Art. 6(1)(b), on
    // swapping bases), before the relation ends as after.
    Case {
        name: "Offertförfrågningar: objection to quotes stands, one second before the relation ends — the contract cannot take the place of the objected basis: denied (Art. 21(1))",
        request: r#"{"target": {"activity": "quotes"}, "categories": ["commercial.quote", "contact.email"], "operation": "use"}"#,
        subject: r#"{"kind": "customer", "relationship": {"start": "2023-03-01T09:00:00Z", "end": "2024-06-30T22:00:00Z"}, "objections": [{"purpose": "service.quotes", "at": "2024-02-01T12:00:00Z", "kind": "particular_situation"}]}"#,
        at: "2024-06-30T21:59:59Z",
        outcome: Deny,
        rules: &["legitimate-interests"],
    },
    Case {
        name: "Offertförfrågningar: objection to quotes stands, at the instant the relation ends — contract gone, legitimate interests objected to: denied",
        request: r#"{"target": {"activity": "quotes"}, "categories": ["commercial.quote", "contact.email"], "operation": "use"}"#,
        subject: r#"{"kind": "customer", "relationship": {"start": "2023-03-01T09:00:00Z", "end": "2024-06-30T22:00:00Z"}, "objections": [{"purpose": "service.quotes", "at": "2024-02-01T12:00:00Z", "kind": "particular_situation"}]}"#,
        at: "2024-06-30T22:00:00Z",
        outcome: Deny,
        rules: &["legitimate-interests"],
    },
    Case {
        name: "Offertförfrågningar: objection to quotes stands, a month after the relation ended — denied",
        request: r#"{"target": {"activity": "quotes"}, "categories": ["commercial.quote"], "operation": "use"}"#,
        subject: r#"{"kind": "customer", "relationship": {"start": "2023-03-01T09:00:00Z", "end": "2024-06-30T22:00:00Z"}, "objections": [{"purpose": "service.quotes", "at": "2024-02-01T12:00:00Z", "kind": "particular_situation"}]}"#,
        at: "2024-07-31T10:00:00Z",
        outcome: Deny,
        rules: &["legitimate-interests"],
    },
    // ---------------------------------------------------------------- marketing and objections
    // "Marknadsföring": "För att kunna marknadsföra relevanta produkter och erbjudanden till er
    // efter era behov ... Laglig grund: Intresseavvägning." Legitimate interests only; a
    // direct-marketing objection (Art. 21(2)-(3)) holds from the instant it is made.
    Case {
        name: "Marknadsföring (Intresseavvägning): one second before the direct-marketing objection — permitted",
        request: r#"{"target": {"activity": "marketing"}, "categories": ["identity.name", "contact.email", "commercial.order"], "operation": "use"}"#,
        subject: r#"{"kind": "customer", "objections": [{"purpose": "marketing.direct", "at": "2024-05-10T08:00:00Z", "kind": "direct_marketing"}]}"#,
        at: "2024-05-10T07:59:59Z",
        outcome: Permit,
        rules: &["legitimate-interests"],
    },
    Case {
        name: "Marknadsföring (Intresseavvägning): at the instant of the direct-marketing objection — denied",
        request: r#"{"target": {"activity": "marketing"}, "categories": ["identity.name", "contact.email", "commercial.order"], "operation": "use"}"#,
        subject: r#"{"kind": "customer", "objections": [{"purpose": "marketing.direct", "at": "2024-05-10T08:00:00Z", "kind": "direct_marketing"}]}"#,
        at: "2024-05-10T08:00:00Z",
        outcome: Deny,
        rules: &["direct-marketing-objection"],
    },
    // Art. 21(3): compelling grounds never override a direct-marketing objection.
    Case {
        name: "Marknadsföring: a direct-marketing objection is absolute, even with compelling grounds recorded",
        request: r#"{"target": {"activity": "marketing"}, "categories": ["contact.email"], "operation": "use"}"#,
        subject: r#"{"kind": "prospect", "objections": [{"purpose": "marketing.direct.offers", "at": "2024-05-10T08:00:00Z", "kind": "direct_marketing", "compelling_grounds": "relevant offers matter to the business"}]}"#,
        at: "2024-09-01T08:00:00Z",
        outcome: Deny,
        rules: &["direct-marketing-objection"],
    },
    // "Kommunikation": "som grund för fakturor, nyhetsbrev, ... erbjudanden och tips om produkter
    // och kampanjer. Laglig grund: Intresseavvägning och fullgörande av avtal." The newsletter is
    // `marketing.direct.newsletter`: the objection stops it whatever the basis, the running
    // contract included.
    Case {
        name: "Kommunikation: nyhetsbrev after a direct-marketing objection — denied although the contract is in force",
        request: r#"{"target": {"activity": "communication"}, "categories": ["contact.email"], "operation": "use"}"#,
        subject: r#"{"kind": "customer", "relationship": {"start": "2023-03-01T09:00:00Z"}, "objections": [{"purpose": "marketing.direct", "at": "2024-05-10T08:00:00Z", "kind": "direct_marketing"}]}"#,
        at: "2024-05-11T08:00:00Z",
        outcome: Deny,
        rules: &["direct-marketing-objection"],
    },
    // The same objection asked about for the invoices alone ("som grund för fakturor"): it stops
    // only the purposes under `marketing.direct` (Art. 21(3)); billing still rests on the
    // contract in force (Art. 6(1)(b)).
    Case {
        name: "Kommunikation: fakturor after a direct-marketing objection — the objection does not reach billing: permitted on fullgörande av avtal",
        request: r#"{"target": {"activity": "communication"}, "purpose": "billing", "categories": ["contact.email"], "operation": "use"}"#,
        subject: r#"{"kind": "customer", "relationship": {"start": "2023-03-01T09:00:00Z"}, "objections": [{"purpose": "marketing.direct", "at": "2024-05-10T08:00:00Z", "kind": "direct_marketing"}]}"#,
        at: "2024-05-11T08:00:00Z",
        outcome: Permit,
        rules: &["contract"],
    },
    // "Marknadsföring ... efter era behov": no profiling or automated decision is described.
    Case {
        name: "Marknadsföring efter era behov: no automated decision-making is declared — denied",
        request: r#"{"target": {"activity": "marketing"}, "categories": ["commercial.order"], "operation": "automated_decision"}"#,
        subject: r#"{"kind": "customer"}"#,
        at: "2024-01-15T10:00:00Z",
        outcome: Deny,
        rules: &["automated-decision"],
    },
    // "Utveckling av vårt produktsortiment och övriga tjänster": "Vi behandlar personuppgifter kring
    // vilka beställningar och förfrågningar ni gör som underlag för att förbättra er
    // kundupplevelse och vårt produktutbud. Laglig grund: Intresseavvägning ..." and "Skapas när
    // du använder våra tjänster – t ex. när du använder våra webbplatser". A website visitor has no
    // contract: legitimate interests alone, until an Art. 21(1) objection.
    Case {
        name: "Utveckling av vårt produktsortiment: website use of a visitor, no objection — permitted on Intresseavvägning",
        request: r#"{"target": {"activity": "product_development"}, "categories": ["behaviour.browsing"], "operation": "use"}"#,
        subject: r#"{"kind": "website_visitor"}"#,
        at: "2024-01-15T10:00:00Z",
        outcome: Permit,
        rules: &["legitimate-interests"],
    },
    Case {
        name: "Utveckling av vårt produktsortiment: after an Art. 21(1) objection with no compelling grounds — denied",
        request: r#"{"target": {"activity": "product_development"}, "categories": ["behaviour.browsing"], "operation": "use"}"#,
        subject: r#"{"kind": "website_visitor", "objections": [{"purpose": "product_development", "at": "2024-01-10T10:00:00Z", "kind": "particular_situation"}]}"#,
        at: "2024-01-15T10:00:00Z",
        outcome: Deny,
        rules: &["legitimate-interests"],
    },
    Case {
        name: "Utveckling av vårt produktsortiment: after an Art. 21(1) objection overridden by recorded compelling grounds — permitted",
        request: r#"{"target": {"activity": "product_development"}, "categories": ["behaviour.browsing"], "operation": "use"}"#,
        subject: r#"{"kind": "website_visitor", "objections": [{"purpose": "product_development", "at": "2024-01-10T10:00:00Z", "kind": "particular_situation", "compelling_grounds": "fraud-pattern analysis of the web shop"}]}"#,
        at: "2024-01-15T10:00:00Z",
        outcome: Permit,
        rules: &["legitimate-interests"],
    },
    // A customer with a running contract who objects under Art. 21(1): legitimate interests fail,
    // and the "fullgörande av avtal" the notice also states cannot carry product development,
    // which is not necessary for performing the contract (EDPB Guidelines 2/2019, paragraphs
    // 48-49): the contract does not take the place of the objected basis.
    Case {
        name: "Utveckling av vårt produktsortiment: Art. 21(1) objection by a customer with a running contract — the contract does not take over: denied",
        request: r#"{"target": {"activity": "product_development"}, "categories": ["commercial.order"], "operation": "use"}"#,
        subject: r#"{"kind": "customer", "relationship": {"start": "2023-03-01T09:00:00Z"}, "objections": [{"purpose": "product_development", "at": "2024-01-10T10:00:00Z", "kind": "particular_situation"}]}"#,
        at: "2024-01-15T10:00:00Z",
        outcome: Deny,
        rules: &["legitimate-interests"],
    },
    // "Leverans av beställningar" bundles delivery, billing and "informera om erbjudanden". An
    // Art. 21(1) objection to billing is not an objection to direct marketing: Art. 21(3) must
    // not fire. With compelling grounds legitimate interests hold; the contract is in force too.
    // For a customer the billing purposes rest on the contract, listed first; legitimate
    // interests are there for a business customer's contact person, who is no party to it.
    // Art. 21(1) reaches only processing on Art. 6(1)(e) or (f), so even without compelling
    // grounds the customer's objection does not stop invoicing while the contract runs.
    Case {
        name: "Leverans av beställningar: Art. 21(1) objection to billing with compelling grounds is not a direct-marketing objection — permitted",
        request: r#"{"target": {"activity": "order_delivery"}, "categories": ["financial.invoice"], "operation": "use"}"#,
        subject: r#"{"kind": "customer", "relationship": {"start": "2023-03-01T09:00:00Z"}, "objections": [{"purpose": "billing", "at": "2024-01-10T10:00:00Z", "kind": "particular_situation", "compelling_grounds": "unpaid invoices must be collected"}]}"#,
        at: "2024-01-15T10:00:00Z",
        outcome: Permit,
        rules: &["legitimate-interests"],
    },
    Case {
        name: "Leverans av beställningar: Art. 21(1) objection to billing without grounds, contract in force — the customer's billing rests on the contract, which Art. 21(1) does not reach: permitted",
        request: r#"{"target": {"activity": "order_delivery"}, "categories": ["financial.invoice"], "operation": "use"}"#,
        subject: r#"{"kind": "customer", "relationship": {"start": "2023-03-01T09:00:00Z"}, "objections": [{"purpose": "billing", "at": "2024-01-10T10:00:00Z", "kind": "particular_situation"}]}"#,
        at: "2024-01-15T10:00:00Z",
        outcome: Permit,
        rules: &["contract"],
    },
    // The objection to billing does not reach delivery: asked about that purpose alone, the
    // contract in force carries it (Art. 6(1)(b)).
    Case {
        name: "Leverans av beställningar: Art. 21(1) objection to billing without grounds — delivery alone is still permitted on fullgörande av avtal",
        request: r#"{"target": {"activity": "order_delivery"}, "purpose": "service.delivery", "categories": ["contact.address.delivery"], "operation": "use"}"#,
        subject: r#"{"kind": "customer", "relationship": {"start": "2023-03-01T09:00:00Z"}, "objections": [{"purpose": "billing", "at": "2024-01-10T10:00:00Z", "kind": "particular_situation"}]}"#,
        at: "2024-01-15T10:00:00Z",
        outcome: Permit,
        rules: &["contract"],
    },
    // ---------------------------------------------------------------- restriction
    // The notice names no right to restriction, but Art. 18 applies anyway: while the accuracy of
    // the e-mail address is contested, it may be stored, not used ("Kommunikation": "Vi använder
    // dina kontaktuppgifter ... som grund för fakturor, nyhetsbrev ...").
    Case {
        name: "Kommunikation: restricted e-mail address (accuracy contested) — storing it is permitted",
        request: r#"{"target": {"activity": "communication"}, "categories": ["contact.email"], "operation": "store"}"#,
        subject: r#"{"kind": "customer", "relationship": {"start": "2023-03-01T09:00:00Z"}, "restrictions": [{"categories": ["contact.email"], "ground": "accuracy_contested", "from": "2024-04-02T10:00:00Z"}]}"#,
        at: "2024-04-03T10:00:00Z",
        outcome: Permit,
        rules: &["restriction"],
    },
    Case {
        name: "Kommunikation: restricted e-mail address (accuracy contested) — using it for fakturor and nyhetsbrev is denied",
        request: r#"{"target": {"activity": "communication"}, "categories": ["contact.email"], "operation": "use"}"#,
        subject: r#"{"kind": "customer", "relationship": {"start": "2023-03-01T09:00:00Z"}, "restrictions": [{"categories": ["contact.email"], "ground": "accuracy_contested", "from": "2024-04-02T10:00:00Z"}]}"#,
        at: "2024-04-03T10:00:00Z",
        outcome: Deny,
        rules: &["restriction"],
    },
    // ---------------------------------------------------------------- undeclared
    // No cookie or web-analytics tool is mentioned anywhere in the notice.
    Case {
        name: "no activity for web analytics cookies is declared — denied",
        request: r#"{"target": {"activity": "web_analytics"}, "categories": ["online.cookie_id"], "operation": "collect"}"#,
        subject: r#"{"kind": "website_visitor"}"#,
        at: "2024-01-15T10:00:00Z",
        outcome: Deny,
        rules: &["activity-declared"],
    },
    // "Marknadsföring ... personuppgifter från tidigare kontakter, beställningar och
    // offertförfrågningar": no personnummer, no health data.
    Case {
        name: "Marknadsföring: personnummer is not among the marketing data — denied",
        request: r#"{"target": {"activity": "marketing"}, "categories": ["contact.email", "identity.national_id"], "operation": "use"}"#,
        subject: r#"{"kind": "customer"}"#,
        at: "2024-01-15T10:00:00Z",
        outcome: Deny,
        rules: &["categories-declared"],
    },
    Case {
        name: "Marknadsföring: a category the policy does not know — denied",
        request: r#"{"target": {"activity": "marketing"}, "categories": ["contact.email.private_secondary"], "operation": "use"}"#,
        subject: r#"{"kind": "customer"}"#,
        at: "2024-01-15T10:00:00Z",
        outcome: Deny,
        rules: &["categories-declared"],
    },
    // "Marknadsföring ... till er": customers, contact persons and prospects, not anonymous visitors.
    Case {
        name: "Marknadsföring: a website visitor is not among the marketing subjects — denied",
        request: r#"{"target": {"activity": "marketing"}, "categories": ["contact.email"], "operation": "use"}"#,
        subject: r#"{"kind": "website_visitor"}"#,
        at: "2024-01-15T10:00:00Z",
        outcome: Deny,
        rules: &["subject-declared"],
    },
    // ---------------------------------------------------------------- recipients
    // "Vid direktleveranser delas i förekommande fall leveransadress, kontaktperson och
    // telefonnummer till dessa underleverantörer." The subcontractor's location is not stated
    // (`unknown`); a delivery inside Sweden is a disclosure inside the EEA.
    Case {
        name: "Partners och underleverantörer: delivery address disclosed to a direct-delivery subcontractor in Sweden — permitted",
        request: r#"{"target": {"activity": "order_delivery"}, "categories": ["contact.address.delivery", "identity.name", "contact.phone"], "operation": "disclose", "recipient": "delivery_subcontractors", "destination": "SE"}"#,
        subject: CUSTOMER_ACTIVE,
        at: "2024-01-15T10:00:00Z",
        outcome: Permit,
        rules: &["recipient-declared", "legitimate-interests"],
    },
    // "Leverantör av molntjänst för vår kunddatabas och orderhanteringssystem": where the cloud
    // runs is not said, and no safeguard is stated; without a known EEA destination the engine
    // must fail closed.
    Case {
        name: "Leverantör av molntjänst: disclosure to the cloud CRM whose location is not stated — denied, no mechanism stated",
        request: r#"{"target": {"activity": "order_delivery"}, "categories": ["commercial.order"], "operation": "disclose", "recipient": "cloud_crm"}"#,
        subject: CUSTOMER_ACTIVE,
        at: "2024-01-15T10:00:00Z",
        outcome: Deny,
        rules: &["transfer-mechanism"],
    },
    // "Leverantörer för hantering av epostutskick i marknadsföringssyfte": a transfer to the USA
    // with no mechanism stated anywhere in the notice.
    Case {
        name: "Leverantörer för epostutskick: transfer to a mailing provider in the USA, no mechanism stated — denied",
        request: r#"{"target": {"activity": "marketing"}, "categories": ["contact.email"], "operation": "transfer", "recipient": "email_marketing", "destination": "US"}"#,
        subject: r#"{"kind": "customer"}"#,
        at: "2024-01-15T10:00:00Z",
        outcome: Deny,
        rules: &["transfer-mechanism"],
    },
    // Direct-delivery subcontractors are there "för att kunna fullgöra avtalet med kunden vid
    // direktleverans", not for marketing.
    Case {
        name: "Underleverantörer vid direktleverans: not a recipient of marketing data — denied",
        request: r#"{"target": {"activity": "marketing"}, "categories": ["contact.email"], "operation": "disclose", "recipient": "delivery_subcontractors", "destination": "SE"}"#,
        subject: r#"{"kind": "customer"}"#,
        at: "2024-01-15T10:00:00Z",
        outcome: Deny,
        rules: &["recipient-declared"],
    },
    Case {
        name: "Till vem lämnar vi ut personuppgifter: a recipient the notice does not name — denied",
        request: r#"{"target": {"activity": "order_delivery"}, "categories": ["commercial.order"], "operation": "disclose", "recipient": "ad_network", "destination": "SE"}"#,
        subject: CUSTOMER_ACTIVE,
        at: "2024-01-15T10:00:00Z",
        outcome: Deny,
        rules: &["recipient-declared"],
    },
    // "Myndigheter - På begäran kan vi enligt lag och myndighetsbeslut vara skyldiga att lämna ut
    // vissa personuppgifter." and "Lagstadgade skyldigheter ... Laglig grund: Rättslig förpliktelse."
    Case {
        name: "Myndigheter: invoice data disclosed to a Swedish authority on request under law — permitted on rättslig förpliktelse",
        request: r#"{"target": {"activity": "legal_obligation"}, "categories": ["financial.invoice", "identity.name"], "operation": "disclose", "recipient": "authorities"}"#,
        subject: CUSTOMER_ENDED,
        at: "2025-02-03T10:00:00Z",
        outcome: Permit,
        rules: &["legal-obligation", "recipient-declared"],
    },
];

#[test]
fn familjefilm_decisions_follow_the_notice() {
    run(&engine("familjefilm"), CASES);
}

/// "Såhär behandlar vi dina personuppgifter när du inte längre är kund": once the relation has
/// ended, order delivery rests on legitimate interests (Art. 6(1)(f)), never on the contract,
/// for the rest of that day: the data must go when it ends (`0d after end_of_relationship`;
/// 2024-07-01 ends at 24:00 CEST = 22:00 UTC).
#[test]
fn familjefilm_order_delivery_after_the_relation_relies_on_legitimate_interests() {
    let d = engine("familjefilm").decide(
        &request(
            r#"{"target": {"activity": "order_delivery"}, "categories": ["commercial.order"], "operation": "use"}"#,
        ),
        &subject(CUSTOMER_ENDED),
        at("2024-07-01T12:00:00Z"),
    );
    let basis = d.basis.clone().expect("a permit names its basis");
    assert_eq!(basis.basis, BasisKind::LegitimateInterests);
    assert_eq!(basis.citation, "GDPR Art. 6(1)(f)");
    assert!(
        !d.reasons.iter().any(|r| r.rule.code() == "contract"),
        "the ended contract is not relied on: {d}"
    );
    assert!(
        d.obligations.iter().any(|o| matches!(
            o,
            Obligation::StopBy { at: stop, citation }
                if *stop == at("2024-07-01T22:00:00Z") && citation == "GDPR Art. 5(1)(e)"
        )),
        "stop by the end of the day the relation ended: {d}"
    );
}

/// A decision's JSON is byte-identical across two runs (two engines built from the file) and
/// carries its citations: the personnummer decision cites Dataskyddslagen 3 kap. 10 §.
#[test]
fn familjefilm_decision_json_is_deterministic_and_cites() {
    let req = r#"{"target": {"activity": "order_delivery"}, "categories": ["identity.name", "identity.national_id"], "operation": "collect"}"#;
    let once = || {
        let d = engine("familjefilm").decide(
            &request(req),
            &subject(CUSTOMER_ACTIVE),
            at("2024-01-15T10:00:00Z"),
        );
        serde_json::to_string(&d).unwrap()
    };
    let (a, b) = (once(), once());
    assert_eq!(a, b);
    for cite in [
        "GDPR Art. 6(1)(f)",
        "Dataskyddslagen 3 kap. 10 §",
        "GDPR Art. 30(1)(b)",
        "GDPR Art. 5(1)(c)",
    ] {
        assert!(a.contains(cite), "`{cite}` missing from {a}");
    }
    assert!(a.contains(r#""outcome":"permit""#), "{a}");
}
