//! Decision scenarios for the `smilee` seed policy.
//!
//! Source: /work/shared/seeds/004_262cfdbac6f361d5.txt (Kommeet Oy / Smilee, "Redogörelse för
//! datasekretess", sections 1-15). Every case names the section and the words of the notice it
//! checks; the activity ids, categories, subjects and recipients are those of
//! `policies/smilee.toml`.
//!
//! The controller is Finnish (`time_zone = "Europe/Helsinki"`, UTC+3 in summer), so the date a
//! transfer mechanism is judged on is the Helsinki date of the instant: 2020-07-15T21:00:00Z is
//! already 2020-07-16 locally, the day Privacy Shield fell (C-311/18).
//!
//! The US recipients (`service_providers`, `google_analytics`, `mailchimp`, `linkedin`,
//! `facebook`) are `certified = true` with safeguards `adequacy` and `adequacy.us_privacy_shield`:
//! certified under the framework their safeguards name (Privacy Shield). A bare `adequacy` never
//! reaches a certified-only decision such as the DPF, which the notice does not name, so US
//! transfers are permitted up to and including 2020-07-15 (Helsinki) and denied from 2020-07-16,
//! also after the DPF of 2023-07-10. `partners` is not certified and its location is unknown.
//!
//! Not applicable to this seed (nothing in the notice or the policy to test):
//! - processor-role activities: Smilee is controller throughout (its sub-processors are
//!   recipients, not activities);
//! - national id numbers, special categories, criminal data: none is listed in section 5;
//! - storage limitation by period: every retention rule is `purpose_ends` (section 10, "endast
//!   för den tid som behövs"), which the engine cannot date.
//!
//! Fixed instants used below (UTC):
//! - the customer contract runs from 2022-01-10T08:00:00Z and ends at 2024-05-31T21:00:00Z
//!   (midnight into 1 June in Helsinki);
//! - newsletter consent is given at 2023-09-01T08:00:00Z and withdrawn ("länk i varje
//!   nyhetsbrev") at 2024-03-14T12:00:00Z;
//! - objections are made at 2024-04-02T09:00:00Z;
//! - a restriction of `contact.email` takes effect at 2024-04-10T07:00:00Z.

use gdpr_policy::engine::Engine;
use gdpr_policy::engine::Outcome::{Deny, Permit};
use gdpr_policy::model::BasisKind;

use super::{Case, at, engine, offered_to_children, request, run, subject};

const CUSTOMER_ACTIVE: &str =
    r#"{"kind": "customer", "relationship": {"start": "2022-01-10T08:00:00Z"}}"#;
const CUSTOMER_ENDED: &str = r#"{"kind": "customer", "relationship": {"start": "2022-01-10T08:00:00Z", "end": "2024-05-31T21:00:00Z"}}"#;
/// A customer whose contract already ran in the Privacy Shield years.
const CUSTOMER_2019: &str =
    r#"{"kind": "customer", "relationship": {"start": "2019-01-10T08:00:00Z"}}"#;
const SUBSCRIBER_WITHDRAWN: &str = r#"{"kind": "newsletter_subscriber", "consents": [{"purpose": "marketing.direct.newsletter", "given": "2023-09-01T08:00:00Z", "withdrawn": "2024-03-14T12:00:00Z"}]}"#;
const SUBSCRIBER: &str = r#"{"kind": "newsletter_subscriber", "consents": [{"purpose": "marketing.direct.newsletter", "given": "2019-09-01T08:00:00Z"}]}"#;
const VISITOR: &str = r#"{"kind": "website_visitor"}"#;

const NEWSLETTER_SEND: &str = r#"{"target": {"activity": "newsletter"}, "categories": ["contact.email", "identity.name"], "operation": "use"}"#;
const NEWSLETTER_TO_MAILCHIMP: &str = r#"{"target": {"activity": "newsletter"}, "categories": ["contact.email", "identity.name"], "operation": "transfer", "recipient": "mailchimp"}"#;
const ANALYTICS_TO_GA: &str = r#"{"target": {"activity": "web_analytics"}, "categories": ["online.ip_address", "behaviour.browsing"], "operation": "transfer", "recipient": "google_analytics"}"#;
const ANALYTICS_USE: &str = r#"{"target": {"activity": "web_analytics"}, "categories": ["online.cookie_id", "behaviour.browsing"], "operation": "use"}"#;
const BILLING_USE: &str = r#"{"target": {"activity": "billing"}, "categories": ["financial.invoice", "contact.address"], "operation": "use"}"#;
const MARKETING_EMAIL: &str = r#"{"target": {"activity": "direct_marketing"}, "categories": ["identity.name", "contact.email", "professional.title"], "operation": "use"}"#;

/// The cases, in the order of the notice's sections.
const CASES: &[Case] = &[
    // ================================================================ section 4 / 7: contract
    // Section 7: "Vi behandlar information huvudsakligen för att fylla i kontrakt och för
    // förberedningen (t.ex. tjänsternas producering och levererande, kundhantering, för att
    // hantera reklamationer och kundrespons)".
    Case {
        name: "§7 'för att fylla i kontrakt': customer feedback (reklamationer och kundrespons) handled while the contract runs — permitted on contract",
        request: r#"{"target": {"activity": "customer_relationship"}, "categories": ["identity.name", "communication.feedback", "commercial.order"], "operation": "use"}"#,
        subject: CUSTOMER_ACTIVE,
        at: "2024-02-01T10:00:00Z",
        outcome: Permit,
        rules: &["activity-declared", "contract"],
    },
    // Section 3: "potentiella kundernas ... personuppgifter"; section 7: "och för förberedningen":
    // steps before the contract at the prospect's request (the relationship's start).
    Case {
        name: "§3/§7 'för förberedningen': a prospect's contact request (kontaktbegäran) handled before a contract — permitted on contract (pre-contract steps)",
        request: r#"{"target": {"activity": "customer_relationship"}, "categories": ["identity.name", "contact.email", "professional.organisation"], "operation": "collect"}"#,
        subject: r#"{"kind": "prospect", "relationship": {"start": "2024-01-20T09:00:00Z"}}"#,
        at: "2024-01-22T09:00:00Z",
        outcome: Permit,
        rules: &["contract"],
    },
    Case {
        name: "§3/§7: a prospect with no contract and no request for one — contract basis does not hold: denied",
        request: r#"{"target": {"activity": "customer_relationship"}, "categories": ["identity.name", "contact.email"], "operation": "use"}"#,
        subject: r#"{"kind": "prospect"}"#,
        at: "2024-01-22T09:00:00Z",
        outcome: Deny,
        rules: &["contract"],
    },
    // Section 4: "för fakturering och inkassering"; billing rests on the contract only.
    Case {
        name: "§4 'för fakturering och inkassering': invoicing one second before the contract ends — permitted on contract",
        request: BILLING_USE,
        subject: CUSTOMER_ENDED,
        at: "2024-05-31T20:59:59Z",
        outcome: Permit,
        rules: &["contract"],
    },
    Case {
        name: "§4 'för fakturering och inkassering': invoicing at the very instant the contract ends — denied",
        request: BILLING_USE,
        subject: CUSTOMER_ENDED,
        at: "2024-05-31T21:00:00Z",
        outcome: Deny,
        rules: &["contract"],
    },
    Case {
        name: "§4 'för fakturering och inkassering': invoicing a month after the contract ended — contract gone: denied",
        request: BILLING_USE,
        subject: CUSTOMER_ENDED,
        at: "2024-07-01T09:00:00Z",
        outcome: Deny,
        rules: &["contract"],
    },
    // ================================================================ legal obligation
    // Section 4: "Uppgifterna kan samlas och behandlats också för att fylla lagliga plikten,
    // liksom för bokföring"; section 10: "viss information hållas längre ... såsom ansvar för
    // redovisning".
    Case {
        name: "§4/§10 'liksom för bokföring', 'ansvar för redovisning': bookkeeping on the invoice after the contract ended — permitted on legal obligation",
        request: r#"{"target": {"activity": "bookkeeping"}, "categories": ["financial.invoice", "identity.name", "commercial.order"], "operation": "use"}"#,
        subject: CUSTOMER_ENDED,
        at: "2024-07-01T09:00:00Z",
        outcome: Permit,
        rules: &["legal-obligation"],
    },
    // The same, requested by purpose rather than by activity.
    Case {
        name: "§4 'för bokföring' (by purpose `legal.bookkeeping`): resolved to the bookkeeping activity — permitted after the contract ended",
        request: r#"{"target": {"purpose": "legal.bookkeeping"}, "categories": ["financial.invoice"], "operation": "store"}"#,
        subject: CUSTOMER_ENDED,
        at: "2025-01-15T09:00:00Z",
        outcome: Permit,
        rules: &["legal-obligation"],
    },
    // ================================================================ section 7: consent (newsletter)
    // Section 7: "Genom ditt samtycke kan vi använda din e-postadress för att skicka nyhets- och
    // marknadsföringsbrev"; section 13: "Varje nyhetsbrev ... har en länk, från vilken du kan ...
    // avbryta ditt samtycke".
    Case {
        name: "§7 'Genom ditt samtycke ... nyhets- och marknadsföringsbrev': newsletter sent while consent holds — permitted on consent",
        request: NEWSLETTER_SEND,
        subject: SUBSCRIBER_WITHDRAWN,
        at: "2024-01-10T08:00:00Z",
        outcome: Permit,
        rules: &["consent"],
    },
    Case {
        name: "§13 'Återkallande av samtycke': newsletter one second before the withdrawal — permitted",
        request: NEWSLETTER_SEND,
        subject: SUBSCRIBER_WITHDRAWN,
        at: "2024-03-14T11:59:59Z",
        outcome: Permit,
        rules: &["consent"],
    },
    Case {
        name: "§13 'Återkallande av samtycke': newsletter at the instant of withdrawal — denied (Art. 7(3))",
        request: NEWSLETTER_SEND,
        subject: SUBSCRIBER_WITHDRAWN,
        at: "2024-03-14T12:00:00Z",
        outcome: Deny,
        rules: &["consent"],
    },
    Case {
        name: "§7 'kan du återkalla ditt samtycke när som helst': a subscriber who never consented — denied",
        request: NEWSLETTER_SEND,
        subject: r#"{"kind": "newsletter_subscriber"}"#,
        at: "2024-01-10T08:00:00Z",
        outcome: Deny,
        rules: &["consent"],
    },
    // Section 13 "Rätt att neka direkt marknadsföring": "rätt till att när som helst neka
    // behandling ... för direkt marknadsföring". An Art. 21(2) objection stops the newsletter
    // (marketing.direct.newsletter) even while the consent is still on record.
    Case {
        name: "§13 'Rätt att neka direkt marknadsföring': newsletter after a direct-marketing objection, consent not withdrawn — denied (Art. 21(3))",
        request: NEWSLETTER_SEND,
        subject: r#"{"kind": "newsletter_subscriber", "consents": [{"purpose": "marketing.direct.newsletter", "given": "2023-09-01T08:00:00Z"}], "objections": [{"purpose": "marketing.direct", "at": "2024-04-02T09:00:00Z", "kind": "direct_marketing"}]}"#,
        at: "2024-04-02T09:00:00Z",
        outcome: Deny,
        rules: &["direct-marketing-objection"],
    },
    // ================================================================ children (Art. 8, Tietosuojalaki 5 §)
    // Section 7's consent, given by a child in Finland. Art. 8(1) binds only "the offer of
    // information society services directly to a child"; Smilee's newsletter is a business
    // newsletter, not offered to children (no `offered_to_children`), so the Finnish digital age
    // of consent (13, Tietosuojalaki 5 §) does not apply to it and the child's own consent holds.
    // `smilee_child_consent_on_a_service_offered_to_children` checks the age where it applies.
    Case {
        name: "§7 consent to the newsletter by a 12-year-old in Finland alone — the newsletter is not offered to children, so Art. 8(1) does not apply: permitted",
        request: NEWSLETTER_SEND,
        subject: r#"{"kind": "newsletter_subscriber", "age": 12, "country": "FI", "consents": [{"purpose": "marketing.direct.newsletter", "given": "2024-01-05T10:00:00Z"}]}"#,
        at: "2024-02-01T10:00:00Z",
        outcome: Permit,
        rules: &["consent"],
    },
    Case {
        name: "§7 consent to the newsletter by a 13-year-old in Finland alone — permitted",
        request: NEWSLETTER_SEND,
        subject: r#"{"kind": "newsletter_subscriber", "age": 13, "country": "FI", "consents": [{"purpose": "marketing.direct.newsletter", "given": "2024-01-05T10:00:00Z"}]}"#,
        at: "2024-02-01T10:00:00Z",
        outcome: Permit,
        rules: &["consent"],
    },
    Case {
        name: "§7 consent to the newsletter for a 12-year-old in Finland given by the holder of parental responsibility — permitted (Art. 8(1))",
        request: NEWSLETTER_SEND,
        subject: r#"{"kind": "newsletter_subscriber", "age": 12, "country": "FI", "consents": [{"purpose": "marketing.direct.newsletter", "given": "2024-01-05T10:00:00Z", "parental": true}]}"#,
        at: "2024-02-01T10:00:00Z",
        outcome: Permit,
        rules: &["consent"],
    },
    Case {
        name: "§7 consent by a 12-year-old whose residence is not recorded — not offered to children (Art. 8(1) does not apply): permitted",
        request: NEWSLETTER_SEND,
        subject: r#"{"kind": "newsletter_subscriber", "age": 12, "consents": [{"purpose": "marketing.direct.newsletter", "given": "2024-01-05T10:00:00Z"}]}"#,
        at: "2024-02-01T10:00:00Z",
        outcome: Permit,
        rules: &["consent"],
    },
    // ================================================================ direct marketing on legitimate interests
    // Section 7: "på basis av vår berättigad rättighet (t.ex. direkt marknadsföring för våra
    // kunder ...)"; section 13: "Rätt att neka direkt marknadsföring ... när som helst".
    Case {
        name: "§7 'direkt marknadsföring för våra kunder' on berättigad rättighet — permitted on legitimate interests",
        request: MARKETING_EMAIL,
        subject: r#"{"kind": "customer"}"#,
        at: "2024-04-02T08:59:59Z",
        outcome: Permit,
        rules: &["legitimate-interests"],
    },
    Case {
        name: "§13 'Rätt att neka direkt marknadsföring': direct marketing at the instant of an Art. 21(2) objection — denied",
        request: MARKETING_EMAIL,
        subject: r#"{"kind": "customer", "objections": [{"purpose": "marketing.direct", "at": "2024-04-02T09:00:00Z", "kind": "direct_marketing"}]}"#,
        at: "2024-04-02T09:00:00Z",
        outcome: Deny,
        rules: &["direct-marketing-objection"],
    },
    Case {
        name: "§13 'Rätt att neka direkt marknadsföring': the objection is absolute — compelling grounds recorded do not override it (Art. 21(3))",
        request: MARKETING_EMAIL,
        subject: r#"{"kind": "customer", "objections": [{"purpose": "marketing.direct", "at": "2024-04-02T09:00:00Z", "kind": "direct_marketing", "compelling_grounds": "kampanj redan planerad"}]}"#,
        at: "2024-05-02T09:00:00Z",
        outcome: Deny,
        rules: &["direct-marketing-objection"],
    },
    // Section 4: "Smilees och dess samarbetspartners erbjudna tjänsternas marknadsföring": an
    // objection to the partners' marketing only (a sub-purpose) still stops the activity, which
    // serves it.
    Case {
        name: "§4 'samarbetspartners erbjudna tjänsternas marknadsföring': objection to partner marketing stops the direct-marketing activity — denied",
        request: MARKETING_EMAIL,
        subject: r#"{"kind": "customer_representative", "objections": [{"purpose": "marketing.direct.partner_services", "at": "2024-04-02T09:00:00Z", "kind": "direct_marketing"}]}"#,
        at: "2024-04-03T09:00:00Z",
        outcome: Deny,
        rules: &["direct-marketing-objection"],
    },
    // ================================================================ web analytics (sections 6 and 12)
    // Section 6: "Vi samlar våra webbesökares information med hjälp av Google Analytics- and
    // MailChimp -services för att vi kunde analysera och utveckla våra webbplatsen"; section 7:
    // "vår berättigad rättighet (t.ex. ... vår tjänsternas produktutveckling)"; section 13 "Rätt
    // att motstå behandling": Art. 21(1).
    Case {
        name: "§6/§12 'analysera användningen av webbplatsen': cookie and browsing data of a visitor — permitted on legitimate interests",
        request: ANALYTICS_USE,
        subject: VISITOR,
        at: "2024-04-02T08:00:00Z",
        outcome: Permit,
        rules: &["legitimate-interests"],
    },
    Case {
        name: "§13 'Rätt att motstå behandling': web analytics after an Art. 21(1) objection, no compelling grounds recorded — denied",
        request: ANALYTICS_USE,
        subject: r#"{"kind": "website_visitor", "objections": [{"purpose": "analytics.web", "at": "2024-04-02T09:00:00Z", "kind": "particular_situation"}]}"#,
        at: "2024-04-02T09:00:00Z",
        outcome: Deny,
        rules: &["legitimate-interests"],
    },
    Case {
        name: "§13 'i den mån att det inte finns någon orsak ...': web analytics after an Art. 21(1) objection with compelling grounds recorded — permitted",
        request: ANALYTICS_USE,
        subject: r#"{"kind": "website_visitor", "objections": [{"purpose": "analytics.web", "at": "2024-04-02T09:00:00Z", "kind": "particular_situation", "compelling_grounds": "säkerhetsövervakning av webbplatsen mot missbruk"}]}"#,
        at: "2024-04-03T09:00:00Z",
        outcome: Permit,
        rules: &["legitimate-interests"],
    },
    // Section 3 names customers, prospects and representatives for the register; website
    // visitors and users only for the cookies of sections 6 and 12. A customer (as such) is not a
    // subject of web_analytics.
    Case {
        name: "§3/§6: web analytics on a subject kind the activity does not declare (customer) — denied",
        request: ANALYTICS_USE,
        subject: CUSTOMER_ACTIVE,
        at: "2024-02-01T10:00:00Z",
        outcome: Deny,
        rules: &["subject-declared"],
    },
    // ================================================================ restriction (section 13)
    // "Rätt att begränsa behandlingen": "när han/hon bestrider noggrannheten ... I sådant fall får
    // sådana personuppgifter endast behållas, inte behandlas annat."
    Case {
        name: "§13 'endast behållas': storing a restricted (accuracy contested) e-mail address — permitted",
        request: r#"{"target": {"activity": "customer_relationship"}, "categories": ["contact.email"], "operation": "store"}"#,
        subject: r#"{"kind": "customer", "relationship": {"start": "2022-01-10T08:00:00Z"}, "restrictions": [{"categories": ["contact.email"], "ground": "accuracy_contested", "from": "2024-04-10T07:00:00Z"}]}"#,
        at: "2024-04-10T07:00:00Z",
        outcome: Permit,
        rules: &["restriction", "contract"],
    },
    Case {
        name: "§13 'inte behandlas annat': using a restricted (accuracy contested) e-mail address for customer communication — denied",
        request: r#"{"target": {"activity": "customer_relationship"}, "categories": ["identity.name", "contact.email"], "operation": "use"}"#,
        subject: r#"{"kind": "customer", "relationship": {"start": "2022-01-10T08:00:00Z"}, "restrictions": [{"categories": ["contact.email"], "ground": "accuracy_contested", "from": "2024-04-10T07:00:00Z"}]}"#,
        at: "2024-04-10T07:00:00Z",
        outcome: Deny,
        rules: &["restriction"],
    },
    Case {
        name: "§13 'Innan begränsningen ... raderas, Smilee kommer att informera': use after the restriction is lifted — permitted",
        request: r#"{"target": {"activity": "customer_relationship"}, "categories": ["identity.name", "contact.email"], "operation": "use"}"#,
        subject: r#"{"kind": "customer", "relationship": {"start": "2022-01-10T08:00:00Z"}, "restrictions": [{"categories": ["contact.email"], "ground": "accuracy_contested", "from": "2024-04-10T07:00:00Z", "lifted": "2024-04-20T07:00:00Z"}]}"#,
        at: "2024-04-20T07:00:00Z",
        outcome: Permit,
        rules: &["contract"],
    },
    // ================================================================ undeclared (sections 4 and 5)
    // Section 4: "Vi samlar, förvarar och behandlar personuppgifterna endast förut nämnda behov."
    Case {
        name: "§4 'endast förut nämnda behov': an activity the notice does not name (credit scoring) — denied",
        request: r#"{"target": {"activity": "credit_scoring"}, "categories": ["identity.name"], "operation": "use"}"#,
        subject: CUSTOMER_ACTIVE,
        at: "2024-02-01T10:00:00Z",
        outcome: Deny,
        rules: &["activity-declared"],
    },
    // Section 7 consent covers "din e-postadress": the phone number is not newsletter data.
    Case {
        name: "§7 'använda din e-postadress' for the newsletter: the phone number is not among the newsletter's data — denied",
        request: r#"{"target": {"activity": "newsletter"}, "categories": ["contact.email", "contact.phone"], "operation": "use"}"#,
        subject: SUBSCRIBER,
        at: "2024-02-01T10:00:00Z",
        outcome: Deny,
        rules: &["categories-declared"],
    },
    // Section 5 lists no health data at all.
    Case {
        name: "§5 'Registers informationsinnehåll': health data is not listed — denied",
        request: r#"{"target": {"activity": "customer_relationship"}, "categories": ["health.data"], "operation": "collect"}"#,
        subject: CUSTOMER_ACTIVE,
        at: "2024-02-01T10:00:00Z",
        outcome: Deny,
        rules: &["categories-declared"],
    },
    // ================================================================ disclosure (section 8)
    // "förutom om finska myndighetsåtgärd förutsätter så", "om lag eller en behörig myndighet
    // förutsätter så": inside the EEA, no transfer mechanism needed.
    Case {
        name: "§8 'förutom om finska myndighetsåtgärd förutsätter så': disclosure to Finnish authorities — permitted on legal obligation, inside the EEA",
        request: r#"{"target": {"activity": "authority_disclosure"}, "categories": ["identity.name", "financial.invoice"], "operation": "disclose", "recipient": "finnish_authorities"}"#,
        subject: CUSTOMER_ENDED,
        at: "2024-09-02T09:00:00Z",
        outcome: Permit,
        rules: &["legal-obligation", "recipient-declared"],
    },
    // "Registeransvarig lämnar inte ut kundernas personuppgifterna för utomstående": an outsider
    // the notice does not name.
    Case {
        name: "§8 'lämnar inte ut kundernas personuppgifterna för utomstående': disclosure to an undeclared outsider (data broker) — denied",
        request: r#"{"target": {"activity": "customer_relationship"}, "categories": ["contact.email"], "operation": "disclose", "recipient": "data_broker", "destination": "FI"}"#,
        subject: CUSTOMER_ACTIVE,
        at: "2024-02-01T10:00:00Z",
        outcome: Deny,
        rules: &["recipient-declared"],
    },
    // The Finnish authorities are recipients of authority_disclosure, not of the newsletter.
    Case {
        name: "§8: newsletter data disclosed to a declared recipient of another activity (Finnish authorities) — denied",
        request: r#"{"target": {"activity": "newsletter"}, "categories": ["contact.email"], "operation": "disclose", "recipient": "finnish_authorities"}"#,
        subject: SUBSCRIBER,
        at: "2024-02-01T10:00:00Z",
        outcome: Deny,
        rules: &["recipient-declared"],
    },
    // "Vi kan lämna ut information ... till våra underleverantörer, som behandlar
    // personuppgifterna med stöd av ett skriftligt uppdrag": a declared processor, processing
    // inside the EEA.
    Case {
        name: "§8 'till våra underleverantörer ... skriftligt uppdrag': disclosure to the declared sub-processors, processing in Finland — permitted",
        request: r#"{"target": {"activity": "customer_relationship"}, "categories": ["identity.name", "contact.email"], "operation": "disclose", "recipient": "service_providers", "destination": "FI"}"#,
        subject: CUSTOMER_ACTIVE,
        at: "2024-02-01T10:00:00Z",
        outcome: Permit,
        rules: &["recipient-declared", "contract"],
    },
    // "ifall vi är delaktiga i företag- eller affärsverksamhet": who and where is not said, and no
    // mechanism is stated for it.
    Case {
        name: "§8 'ifall vi är delaktiga i företag- eller affärsverksamhet': disclosure to a business-transfer party at an unknown location, no mechanism stated — denied",
        request: r#"{"target": {"activity": "business_transfer"}, "categories": ["identity.name", "commercial.order"], "operation": "disclose", "recipient": "business_transfer_party"}"#,
        subject: CUSTOMER_ACTIVE,
        at: "2024-02-01T10:00:00Z",
        outcome: Deny,
        rules: &["transfer-mechanism"],
    },
    Case {
        name: "§8 business transfer to a party in Finland (inside the EEA) — permitted on legitimate interests",
        request: r#"{"target": {"activity": "business_transfer"}, "categories": ["identity.name", "commercial.order"], "operation": "disclose", "recipient": "business_transfer_party", "destination": "FI"}"#,
        subject: CUSTOMER_ACTIVE,
        at: "2024-02-01T10:00:00Z",
        outcome: Permit,
        rules: &["legitimate-interests", "recipient-declared"],
    },
    // ================================================================ transfers (section 9)
    // "tjänsteleverantörer som kan ha tillgång till personuppgifter utanför EU/EES, till exempel
    // USA" ... "USA:s Privacy Shield, godkänd av Europeiska kommissionen".
    Case {
        name: "§9 'USA:s Privacy Shield': web analytics to Google Analytics (US, certified) on 2020-07-15 — permitted",
        request: ANALYTICS_TO_GA,
        subject: VISITOR,
        at: "2020-07-15T10:00:00Z",
        outcome: Permit,
        rules: &["transfer-mechanism", "legitimate-interests"],
    },
    Case {
        name: "§9 Privacy Shield: at 2020-07-15T20:59:59Z (23:59:59 on the 15th in Helsinki) — permitted",
        request: ANALYTICS_TO_GA,
        subject: VISITOR,
        at: "2020-07-15T20:59:59Z",
        outcome: Permit,
        rules: &["transfer-mechanism"],
    },
    Case {
        name: "§9 Privacy Shield: at 2020-07-15T21:00:00Z (midnight into 2020-07-16 in Helsinki, Schrems II) — denied",
        request: ANALYTICS_TO_GA,
        subject: VISITOR,
        at: "2020-07-15T21:00:00Z",
        outcome: Deny,
        rules: &["transfer-mechanism"],
    },
    Case {
        name: "§9 Privacy Shield: at 2020-07-15T21:30:00Z, already 2020-07-16 in Helsinki — denied",
        request: ANALYTICS_TO_GA,
        subject: VISITOR,
        at: "2020-07-15T21:30:00Z",
        outcome: Deny,
        rules: &["transfer-mechanism"],
    },
    Case {
        name: "§9 Privacy Shield: on 2020-07-16, the day of C-311/18 — denied",
        request: ANALYTICS_TO_GA,
        subject: VISITOR,
        at: "2020-07-16T10:00:00Z",
        outcome: Deny,
        rules: &["transfer-mechanism"],
    },
    Case {
        name: "§9 Privacy Shield: on 2020-07-17, after Schrems II — denied",
        request: ANALYTICS_TO_GA,
        subject: VISITOR,
        at: "2020-07-17T10:00:00Z",
        outcome: Deny,
        rules: &["transfer-mechanism"],
    },
    // The DPF (2023-07-10) covers certified organisations, but the notice names Privacy Shield
    // and "a Commission adequacy decision" only: certification under the DPF is not stated, and
    // a bare adequacy safeguard never reaches a certified-only decision.
    Case {
        name: "§9 'Europeiska kommissionen har beslutat ... tillräcklig nivå': transfer to the USA in 2024 — the DPF is not named: denied",
        request: ANALYTICS_TO_GA,
        subject: VISITOR,
        at: "2024-03-01T10:00:00Z",
        outcome: Deny,
        rules: &["transfer-mechanism"],
    },
    Case {
        name: "§7/§9: newsletter addresses to MailChimp (US) under Privacy Shield on 2020-07-15 with consent — permitted",
        request: NEWSLETTER_TO_MAILCHIMP,
        subject: SUBSCRIBER,
        at: "2020-07-15T10:00:00Z",
        outcome: Permit,
        rules: &["consent", "transfer-mechanism", "recipient-declared"],
    },
    Case {
        name: "§7/§9: newsletter addresses to MailChimp (US) on 2020-07-17 — Privacy Shield invalid: denied",
        request: NEWSLETTER_TO_MAILCHIMP,
        subject: SUBSCRIBER,
        at: "2020-07-17T10:00:00Z",
        outcome: Deny,
        rules: &["transfer-mechanism"],
    },
    Case {
        name: "§8/§9 'teknisk uppehållande ... enligt våra underleverantörer': customer data to the US sub-processors on 2019-06-03 — permitted under Privacy Shield",
        request: r#"{"target": {"activity": "customer_relationship"}, "categories": ["identity.name", "contact.email"], "operation": "transfer", "recipient": "service_providers"}"#,
        subject: CUSTOMER_2019,
        at: "2019-06-03T10:00:00Z",
        outcome: Permit,
        rules: &["transfer-mechanism", "contract"],
    },
    Case {
        name: "§8/§9: customer data to the US sub-processors on 2022-06-03 (no Privacy Shield, DPF not yet and not named) — denied",
        request: r#"{"target": {"activity": "customer_relationship"}, "categories": ["identity.name", "contact.email"], "operation": "transfer", "recipient": "service_providers"}"#,
        subject: CUSTOMER_ACTIVE,
        at: "2022-06-03T10:00:00Z",
        outcome: Deny,
        rules: &["transfer-mechanism"],
    },
    // Privacy Shield applied from 2016-07-12 (Helsinki date); before it, Safe Harbour was gone
    // (2015-10-06) and the notice names nothing else for the USA.
    Case {
        name: "§9 Privacy Shield: at 2016-07-11T20:59:59Z (still 2016-07-11 in Helsinki, before the decision applied) — denied",
        request: ANALYTICS_TO_GA,
        subject: VISITOR,
        at: "2016-07-11T20:59:59Z",
        outcome: Deny,
        rules: &["transfer-mechanism"],
    },
    Case {
        name: "§9 Privacy Shield: at 2016-07-11T21:00:00Z (2016-07-12 in Helsinki, the decision's first day) — permitted",
        request: ANALYTICS_TO_GA,
        subject: VISITOR,
        at: "2016-07-11T21:00:00Z",
        outcome: Permit,
        rules: &["transfer-mechanism"],
    },
    // The partners are not stated to be certified and their location is not said (section 8:
    // "samarbetspartner" only).
    Case {
        name: "§8/§9 'samarbetspartner': disclosure to partners at an unstated location — no stated mechanism covers it: denied",
        request: r#"{"target": {"activity": "customer_relationship"}, "categories": ["identity.name"], "operation": "disclose", "recipient": "partners"}"#,
        subject: CUSTOMER_2019,
        at: "2020-07-15T10:00:00Z",
        outcome: Deny,
        rules: &["transfer-mechanism"],
    },
    Case {
        name: "§9 Privacy Shield only covered certified organisations: partners (not certified) in the USA on 2020-07-15 — denied",
        request: r#"{"target": {"activity": "customer_relationship"}, "categories": ["identity.name"], "operation": "transfer", "recipient": "partners", "destination": "US"}"#,
        subject: CUSTOMER_2019,
        at: "2020-07-15T10:00:00Z",
        outcome: Deny,
        rules: &["transfer-mechanism"],
    },
    Case {
        name: "§9 'Europeiska kommissionen har beslutat ... tillräcklig nivå av dataskydd': partners in Japan (Decision (EU) 2019/419) in 2024 — permitted",
        request: r#"{"target": {"activity": "customer_relationship"}, "categories": ["identity.name"], "operation": "transfer", "recipient": "partners", "destination": "JP"}"#,
        subject: CUSTOMER_ACTIVE,
        at: "2024-02-01T10:00:00Z",
        outcome: Permit,
        rules: &["transfer-mechanism"],
    },
];

#[test]
fn smilee_decisions_follow_the_notice() {
    run(&engine("smilee"), CASES);
}

/// Section 7's consent, had Smilee offered the newsletter directly to children (a variant with
/// `offered_to_children = true`): Art. 8(1) with the Finnish digital age of consent, 13
/// (Tietosuojalaki 5 §), and the controller's country where the child's is not recorded.
#[test]
fn smilee_child_consent_on_a_service_offered_to_children() {
    let cases = [
        Case {
            name: "offered to children: consent by a 12-year-old in Finland alone — denied (Tietosuojalaki 5 §: 13)",
            request: NEWSLETTER_SEND,
            subject: r#"{"kind": "newsletter_subscriber", "age": 12, "country": "FI", "consents": [{"purpose": "marketing.direct.newsletter", "given": "2024-01-05T10:00:00Z"}]}"#,
            at: "2024-02-01T10:00:00Z",
            outcome: Deny,
            rules: &["child-consent"],
        },
        Case {
            name: "offered to children: consent by a 13-year-old in Finland alone — permitted",
            request: NEWSLETTER_SEND,
            subject: r#"{"kind": "newsletter_subscriber", "age": 13, "country": "FI", "consents": [{"purpose": "marketing.direct.newsletter", "given": "2024-01-05T10:00:00Z"}]}"#,
            at: "2024-02-01T10:00:00Z",
            outcome: Permit,
            rules: &["consent"],
        },
        Case {
            name: "offered to children: consent for a 12-year-old in Finland given by the holder of parental responsibility — permitted (Art. 8(1))",
            request: NEWSLETTER_SEND,
            subject: r#"{"kind": "newsletter_subscriber", "age": 12, "country": "FI", "consents": [{"purpose": "marketing.direct.newsletter", "given": "2024-01-05T10:00:00Z", "parental": true}]}"#,
            at: "2024-02-01T10:00:00Z",
            outcome: Permit,
            rules: &["consent"],
        },
        Case {
            name: "offered to children: consent by a 12-year-old whose residence is not recorded — the controller's Finland decides: denied",
            request: NEWSLETTER_SEND,
            subject: r#"{"kind": "newsletter_subscriber", "age": 12, "consents": [{"purpose": "marketing.direct.newsletter", "given": "2024-01-05T10:00:00Z"}]}"#,
            at: "2024-02-01T10:00:00Z",
            outcome: Deny,
            rules: &["child-consent"],
        },
    ];
    run(&offered_to_children("smilee", "newsletter"), &cases);
}

/// Section 10 "ansvar för redovisning": after the contract has ended, bookkeeping rests on
/// Art. 6(1)(c), and billing (contract only) no longer has a basis.
#[test]
fn smilee_bookkeeping_outlives_the_contract() {
    let e = engine("smilee");
    let after = at("2024-07-01T09:00:00Z");
    let books = e.decide(
        &request(
            r#"{"target": {"activity": "bookkeeping"}, "categories": ["financial.invoice"], "operation": "use"}"#,
        ),
        &subject(CUSTOMER_ENDED),
        after,
    );
    let basis = books.basis.expect("a permit names its basis");
    assert_eq!(basis.basis, BasisKind::LegalObligation);
    assert_eq!(basis.citation, "GDPR Art. 6(1)(c)");
    let billing = e.decide(&request(BILLING_USE), &subject(CUSTOMER_ENDED), after);
    assert!(!billing.is_permit(), "{billing}");
    assert!(billing.basis.is_none(), "{billing}");
}

/// A decision's JSON is byte-identical across two runs (two engines built from the file) and
/// carries its citations: the Privacy Shield transfer of 2020-07-15 cites the consent, the
/// Commission decision and the duty to inform of the transfer; the child's refused consent, on a
/// variant offering the newsletter directly to children (Art. 8(1)), cites Tietosuojalaki 5 §.
#[test]
fn smilee_decision_json_is_deterministic_and_cites() {
    let decide = |e: Engine, req: &str, subj: &str, when: &str| {
        let d = e.decide(&request(req), &subject(subj), at(when));
        serde_json::to_string(&d).unwrap()
    };
    let once = |req: &str, subj: &str, when: &str| decide(engine("smilee"), req, subj, when);
    let permit = || once(NEWSLETTER_TO_MAILCHIMP, SUBSCRIBER, "2020-07-15T10:00:00Z");
    let (a, b) = (permit(), permit());
    assert_eq!(a, b);
    for cite in [
        "GDPR Art. 6(1)(a)",
        "Commission Implementing Decision (EU) 2016/1250",
        "GDPR Art. 13(1)(e)",
        "GDPR Art. 13(1)(f)",
        "GDPR Art. 30(1)(b)",
        "GDPR Art. 5(1)(c)",
    ] {
        assert!(a.contains(cite), "`{cite}` missing from {a}");
    }
    assert!(a.contains(r#""outcome":"permit""#), "{a}");

    let child = r#"{"kind": "newsletter_subscriber", "age": 12, "country": "FI", "consents": [{"purpose": "marketing.direct.newsletter", "given": "2024-01-05T10:00:00Z"}]}"#;
    let deny = || {
        decide(
            offered_to_children("smilee", "newsletter"),
            NEWSLETTER_SEND,
            child,
            "2024-02-01T10:00:00Z",
        )
    };
    let (c, d) = (deny(), deny());
    assert_eq!(c, d);
    // The refusal cites the Finnish provision that sets the age under Art. 8(1), and says so.
    assert!(
        c.contains(r#""rule":"child-consent","satisfied":false,"citation":"Tietosuojalaki 5 §""#),
        "Tietosuojalaki 5 § missing from {c}"
    );
    assert!(c.contains("parental consent is needed (Art. 8(1))"), "{c}");
    assert!(c.contains(r#""outcome":"deny""#), "{c}");
}
