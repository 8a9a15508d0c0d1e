//! The audit's registry of checks, one case per check.
//!
//! - **Clean policy**: [`CLEAN`], a complete and consistent policy, gives no finding on any date
//!   from the day the 2021 standard contractual clauses apply (2021-06-27) to 2040.
//! - **One case per check**: for every check in the registry ([`checks`]) a minimal edit of the
//!   clean policy, audited at a chosen instant, triggers exactly that check (every finding has its
//!   code, at the expected paths). A check added without a case here fails
//!   [`every_check_has_a_case`]. Every check can be triggered alone: none needs another to fire
//!   with it.
//! - **Registry**: codes are unique and kebab-case, codes and severities are as listed in
//!   [`REGISTRY`] and in `docs/audit.md`, every check has a rationale, a help text and a citation.
//! - **Dated facts** turn on the controller's local date (Privacy Shield, the rename of the
//!   Swedish authority, the United Kingdom leaving the EEA, the legacy SCCs).
//! - **Properties**: auditing never panics and is deterministic (equal findings and byte-identical
//!   JSON twice) on generated variations of the clean policy and on every bundled seed policy at
//!   instants in 2000..2040; findings are in registry order, carry their check's severity,
//!   citation and help, and can be located in the TOML source; a few checks are compared with an
//!   oracle computed from the document; the generator reaches every check.
//! - **docs/audit.md** lists every code, and no other, in registry order with its severity and
//!   citation.
//! - **Misbehaviours found**: [`national_id_on_consent_needs_no_justification`] and
//!   [`adequacy_that_no_decision_backs_is_flagged`] state the correct behaviour and fail until
//!   the checks are fixed.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::collections::{BTreeMap, BTreeSet};
use std::sync::LazyLock;

use chrono::{DateTime, TimeZone, Utc};
use gdpr_policy::engine::audit::{CHECKS, Finding, Severity, audit, checks, locate};
use gdpr_policy::format::wire::{CategoryFile, PolicyFile, RecipientFile, RetentionFile};
use gdpr_policy::format::{Format, from_toml_str, position_of};
use gdpr_policy::model::{AutomatedDecision, Policy, RecipientKind, Requirement, Right};
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;

// ---------------------------------------------------------------------------------------------
// The clean policy
// ---------------------------------------------------------------------------------------------

/// A complete, consistent policy: every Art. 13 item stated, every right told, the authority by
/// its current name, every declared category and recipient used, the one third-country transfer
/// on the 2021 SCCs, the consent activity with its withdrawal route.
///
/// Edits in the cases below replace text that occurs exactly once here; keep it that way.
const CLEAN: &str = r#"
format = 1
id = "clean"
title = "Privacy policy - Clean AB"
language = "en"
effective_from = "2021-07-01"

[controller]
name = "Clean AB"
identity_number = "556000-0000"
country = "SE"
address = "Storgatan 1, 111 22 Stockholm"
time_zone = "Europe/Stockholm"
contact = { email = "info@clean.example", phone = "+46 8 000 00 00", web = "https://clean.example/contact" }
dpo = { name = "Jane Doe", email = "dpo@clean.example" }

[[category]]
id = "communication.free_text.relationship"
name = "free text about our relation with the subject"

[[recipient]]
id = "mail_host"
name = "e-mail and hosting provider in the EEA"
kind = "processor"
location = "EEA"

[[recipient]]
id = "crm_vendor"
name = "CRM vendor in the USA"
kind = "processor"
location = "US"
safeguards = ["scc"]

[[recipient]]
id = "tax_agency"
name = "Skatteverket"
kind = "authority"
location = "SE"

[[activity]]
id = "customers"
name = "customer relationship"
purposes = ["service.delivery", "billing"]
bases = ["contract"]
subjects = ["customer"]
categories = ["identity.name", "contact.email", "contact.address", "commercial.order", "communication.free_text.relationship"]
retention = { period = "2y", after = "end_of_relationship" }
recipients = ["mail_host", "crm_vendor"]
automated_decision = { legal_effects = true, logic = "orders above a credit limit are refused by a scoring rule on payment history" }
requirement = "contract_prerequisite"

[[activity]]
id = "bookkeeping"
name = "bookkeeping required by law"
purposes = ["legal.bookkeeping"]
bases = ["legal_obligation"]
legal_obligation = "Bokföringslagen (1999:1078) 7 kap. 2 §"
subjects = ["customer"]
categories = ["identity.name", "identity.national_id", "financial.invoice"]
national_id_justification = "sole traders are identified by their personnummer on invoices"
retention = { period = "7y", after = "end_of_calendar_year_of_fiscal_year_end" }
duties = ["se.bfl"]
recipients = ["tax_agency"]
requirement = "statutory"

[[activity]]
id = "newsletter"
name = "newsletter"
purposes = ["marketing.direct.newsletter"]
bases = ["consent"]
subjects = ["newsletter_subscriber"]
categories = ["contact.email"]
retention = { period = "0d", after = "consent_withdrawal" }
recipients = ["mail_host"]
requirement = "voluntary"
withdrawal = "the unsubscribe link in every newsletter"

[[activity]]
id = "security"
name = "security logging"
purposes = ["security"]
bases = ["legitimate_interests"]
legitimate_interest = "keeping our services secure"
subjects = ["website_visitor"]
categories = ["online.ip_address"]
provenance = { "online.ip_address" = "observed" }
retention = { until = "purpose_ends", review = "6m", criteria = "logs are kept while an incident they bear on is open" }
requirement = "voluntary"

[rights]
offered = ["information", "access", "rectification", "erasure", "restriction", "portability", "objection", "withdraw_consent", "automated_decision", "complaint"]
channels = ["e-mail to dpo@clean.example"]
identification = "only where there is reasonable doubt"
response_time = "1m"
complaint_authority = "Integritetsskyddsmyndigheten"
restriction_effect = "the data is only stored"
"#;

/// [`CLEAN`] as it would have been written in 2020: the pre-2021 SCCs and the Swedish authority's
/// name of the time. Clean on any date up to 2020-12-31.
fn clean_2020() -> String {
    edit(
        CLEAN,
        &[
            ("safeguards = [\"scc\"]", "safeguards = [\"scc_legacy\"]"),
            (
                "complaint_authority = \"Integritetsskyddsmyndigheten\"",
                "complaint_authority = \"Datainspektionen\"",
            ),
        ],
    )
}

/// `text` with each `(old, new)` applied in turn; each `old` must occur exactly once.
fn edit(text: &str, edits: &[(&str, &str)]) -> String {
    let mut s = text.to_owned();
    for (old, new) in edits {
        let n = s.matches(old).count();
        assert_eq!(
            n, 1,
            "`{old}` occurs {n} times, not once, in the text to edit"
        );
        s = s.replacen(old, new, 1);
    }
    s
}

fn load(text: &str) -> Policy {
    match from_toml_str(text) {
        Ok(p) => p,
        Err(e) => panic!("policy does not load:\n{e}\n--- text:\n{text}"),
    }
}

fn instant(s: &str) -> DateTime<Utc> {
    s.parse()
        .unwrap_or_else(|e| panic!("`{s}` is not RFC 3339: {e}"))
}

fn render(findings: &[Finding]) -> String {
    findings
        .iter()
        .map(|f| format!("  {f}\n"))
        .collect::<String>()
}

/// Audits `text` at `at`, with positions filled in.
fn audit_text(text: &str, at: &str) -> Vec<Finding> {
    let policy = load(text);
    let mut findings = audit(&policy, instant(at));
    locate(&mut findings, |p| position_of(text, Format::Toml, p));
    findings
}

#[test]
fn clean_policy_loads_and_has_no_finding() {
    for at in [
        "2021-06-27T00:00:00+02:00",
        "2022-01-01T00:00:00Z",
        "2024-01-01T00:00:00Z",
        "2024-07-01T12:00:00Z",
        "2030-12-31T23:59:59Z",
        "2039-12-31T23:59:59Z",
    ] {
        let findings = audit_text(CLEAN, at);
        assert!(
            findings.is_empty(),
            "the clean policy has findings at {at}:\n{}",
            render(&findings)
        );
    }
}

#[test]
fn clean_2020_policy_has_no_finding_up_to_2020() {
    let text = clean_2020();
    for at in [
        "2018-05-25T00:00:00Z",
        "2019-01-01T00:00:00Z",
        "2020-07-16T00:00:00Z",
        "2020-12-31T22:59:59Z",
    ] {
        let findings = audit_text(&text, at);
        assert!(
            findings.is_empty(),
            "the 2020 clean policy has findings at {at}:\n{}",
            render(&findings)
        );
    }
}

#[test]
fn clean_policy_states_every_right() {
    // The clean policy is meant to exercise every check's "all is well" branch: it offers every
    // right there is, and rests on every basis that matters to a check.
    let p = load(CLEAN);
    for r in Right::ALL {
        assert!(p.rights().offered.contains(&r), "{r:?} is not offered");
    }
}

// ---------------------------------------------------------------------------------------------
// One case per check
// ---------------------------------------------------------------------------------------------

/// A minimal edit of [`CLEAN`] that triggers one check.
struct Case {
    /// The check it triggers, and the only code among its findings.
    code: &'static str,
    /// What the edit does.
    what: &'static str,
    /// The instant of the audit.
    at: &'static str,
    /// `(old, new)` replacements of [`CLEAN`].
    edits: &'static [(&'static str, &'static str)],
    /// The paths of the findings, sorted (the audit orders a check's findings by path).
    paths: &'static [&'static str],
    /// What the located line must contain for each finding (same order as `paths`).
    lines: &'static [&'static str],
}

const AT: &str = "2024-01-01T00:00:00Z";

const CASES: &[Case] = &[
    // --- completeness ---------------------------------------------------------------------------
    Case {
        code: "controller-contact-missing",
        what: "the controller's contact has a name but no e-mail, telephone or web address",
        at: AT,
        edits: &[
            (
                r#"contact = { email = "info@clean.example", phone = "+46 8 000 00 00", web = "https://clean.example/contact" }"#,
                r#"contact = { name = "customer service" }"#,
            ),
            ("address = \"Storgatan 1, 111 22 Stockholm\"\n", ""),
        ],
        paths: &["controller.contact"],
        lines: &["contact = {"],
    },
    Case {
        code: "controller-contact-missing",
        what: "no contact at all",
        at: AT,
        edits: &[
            (
                "contact = { email = \"info@clean.example\", phone = \"+46 8 000 00 00\", web = \"https://clean.example/contact\" }\n",
                "",
            ),
            ("address = \"Storgatan 1, 111 22 Stockholm\"\n", ""),
        ],
        paths: &["controller.contact"],
        lines: &["[controller]"],
    },
    Case {
        code: "dpo-contact-missing",
        what: "a DPO named without any contact",
        at: AT,
        edits: &[(
            r#"dpo = { name = "Jane Doe", email = "dpo@clean.example" }"#,
            r#"dpo = { name = "Jane Doe" }"#,
        )],
        paths: &["controller.dpo"],
        lines: &["dpo = {"],
    },
    // Art. 6(1), 13(1)(c): `bases = []` says the notice states no basis.
    Case {
        code: "basis-not-stated",
        what: "an activity whose notice states no basis",
        at: AT,
        edits: &[(
            "bases = [\"legitimate_interests\"]\nlegitimate_interest = \"keeping our services secure\"\n",
            "bases = []\n",
        )],
        paths: &["activity[3].purposes[0]"],
        lines: &["purposes = [\"security\"]"],
    },
    Case {
        code: "legitimate-interest-unstated",
        what: "legitimate interests without the interest",
        at: AT,
        edits: &[(
            "legitimate_interest = \"keeping our services secure\"\n",
            "",
        )],
        paths: &["activity[3].legitimate_interest"],
        lines: &["[[activity]]"],
    },
    Case {
        code: "legal-obligation-unstated",
        what: "a legal obligation without the statute",
        at: AT,
        edits: &[(
            "legal_obligation = \"Bokföringslagen (1999:1078) 7 kap. 2 §\"\n",
            "",
        )],
        paths: &["activity[1].legal_obligation"],
        lines: &["[[activity]]"],
    },
    Case {
        code: "transfer-mechanism-unstated",
        what: "a recipient in the USA with no safeguard",
        at: AT,
        edits: &[("safeguards = [\"scc\"]\n", "")],
        paths: &["recipient[1].safeguards"],
        lines: &["[[recipient]]"],
    },
    Case {
        code: "transfer-mechanism-unstated",
        what: "a recipient in an unnamed third country with an empty safeguard list",
        at: AT,
        edits: &[(
            "location = \"US\"\nsafeguards = [\"scc\"]",
            "location = \"third_country\"\nsafeguards = []",
        )],
        paths: &["recipient[1].safeguards"],
        lines: &["safeguards = []"],
    },
    Case {
        code: "transfer-mechanism-unstated",
        what: "a recipient that may or may not be in the EEA, with no safeguard",
        at: AT,
        edits: &[("location = \"EEA\"", "location = \"unknown\"")],
        paths: &["recipient[0].safeguards"],
        lines: &["[[recipient]]"],
    },
    Case {
        code: "transfer-mechanism-unstated",
        what: "a recipient in the United Kingdom with no safeguard, after it left the EEA",
        at: "2021-06-27T22:00:00Z", // 2021-06-28 00:00 in Stockholm
        edits: &[("location = \"EEA\"", "location = \"GB\"")],
        paths: &["recipient[0].safeguards"],
        lines: &["[[recipient]]"],
    },
    Case {
        code: "retention-missing",
        what: "an activity with no retention",
        at: AT,
        edits: &[(
            "retention = { period = \"2y\", after = \"end_of_relationship\" }\n",
            "",
        )],
        paths: &["activity[0].retention"],
        lines: &["[[activity]]"],
    },
    Case {
        code: "retention-vague",
        what: "while the purpose lasts, with criteria but no review period",
        at: AT,
        edits: &[("review = \"6m\", ", "")],
        paths: &["activity[3].retention"],
        lines: &["retention = {"],
    },
    Case {
        code: "right-not-stated",
        what: "restriction not told",
        at: AT,
        edits: &[("\"restriction\", ", "")],
        paths: &["rights.offered"],
        lines: &["offered = ["],
    },
    Case {
        code: "right-not-stated",
        what: "none of access, rectification, erasure, restriction told (one finding each, same path)",
        at: AT,
        edits: &[(
            "\"access\", \"rectification\", \"erasure\", \"restriction\", ",
            "",
        )],
        paths: &["rights.offered"; 4],
        lines: &["offered = ["; 4],
    },
    Case {
        code: "withdrawal-not-stated",
        what: "consent is a basis but withdrawal is not told",
        at: AT,
        edits: &[("\"withdraw_consent\", ", "")],
        paths: &["rights.offered"],
        lines: &["offered = ["],
    },
    Case {
        code: "complaint-not-stated",
        what: "the right to complain is not told (the authority is still named)",
        at: AT,
        edits: &[(", \"complaint\"]", "]")],
        paths: &["rights.offered"],
        lines: &["offered = ["],
    },
    Case {
        code: "requirement-not-stated",
        what: "data provided by the subject, and no word on whether it must be",
        at: AT,
        edits: &[("requirement = \"contract_prerequisite\"\n", "")],
        paths: &["activity[0].requirement"],
        lines: &["[[activity]]"],
    },
    Case {
        code: "automated-logic-unstated",
        what: "an automated decision with legal effects and no logic",
        at: AT,
        edits: &[(
            "automated_decision = { legal_effects = true, logic = \"orders above a credit limit are refused by a scoring rule on payment history\" }",
            "automated_decision = { legal_effects = true }",
        )],
        paths: &["activity[0].automated_decision"],
        lines: &["automated_decision = {"],
    },
    Case {
        code: "third-party-source",
        what: "data from a third party",
        at: AT,
        edits: &[(
            "\"online.ip_address\" = \"observed\"",
            "\"online.ip_address\" = \"third_party\"",
        )],
        paths: &["activity[3].provenance"],
        lines: &["provenance = {"],
    },
    Case {
        code: "third-party-source",
        what: "data from public sources",
        at: AT,
        edits: &[(
            "\"online.ip_address\" = \"observed\"",
            "\"online.ip_address\" = \"public\"",
        )],
        paths: &["activity[3].provenance"],
        lines: &["provenance = {"],
    },
    // --- dated ------------------------------------------------------------------------------------
    Case {
        code: "transfer-mechanism-invalid",
        what: "Privacy Shield, named after Schrems II",
        at: AT,
        edits: &[(
            "safeguards = [\"scc\"]",
            "safeguards = [\"adequacy.us_privacy_shield\"]\ncertified = true",
        )],
        paths: &["recipient[1].safeguards[0]"],
        lines: &["safeguards = ["],
    },
    Case {
        code: "transfer-mechanism-invalid",
        what: "Safe Harbour, named after Schrems I, second in the list",
        at: AT,
        edits: &[(
            "safeguards = [\"scc\"]",
            "safeguards = [\"scc\", \"adequacy.us_safe_harbour\"]\ncertified = true",
        )],
        paths: &["recipient[1].safeguards[1]"],
        lines: &["safeguards = ["],
    },
    Case {
        code: "transfer-mechanism-invalid",
        what: "the pre-2021 SCCs after their transition ended (2022-12-27 was the last day)",
        at: "2022-12-27T23:00:00Z", // 2022-12-28 00:00 in Stockholm
        edits: &[("safeguards = [\"scc\"]", "safeguards = [\"scc_legacy\"]")],
        paths: &["recipient[1].safeguards[0]"],
        lines: &["safeguards = ["],
    },
    Case {
        code: "adequacy-not-yet-in-force",
        what: "the Data Privacy Framework named before 2023-07-10",
        at: "2022-01-01T00:00:00Z",
        edits: &[(
            "safeguards = [\"scc\"]",
            "safeguards = [\"adequacy.us_data_privacy_framework\"]\ncertified = true",
        )],
        paths: &["recipient[1].safeguards[0]"],
        lines: &["safeguards = ["],
    },
    Case {
        code: "adequacy-wrong-country",
        what: "a recipient in Japan relying on the decision for Korea",
        at: AT,
        edits: &[(
            "location = \"US\"\nsafeguards = [\"scc\"]",
            "location = \"JP\"\nsafeguards = [\"adequacy.korea\"]",
        )],
        paths: &["recipient[1].safeguards[0]"],
        lines: &["safeguards = ["],
    },
    Case {
        code: "transfer-not-covered",
        what: "a recipient in China on \"an adequacy decision\" that does not exist",
        at: AT,
        edits: &[(
            "location = \"US\"\nsafeguards = [\"scc\"]",
            "location = \"CN\"\nsafeguards = [\"adequacy\"]",
        )],
        paths: &["recipient[1].safeguards"],
        lines: &["safeguards = ["],
    },
    Case {
        code: "authority-name-outdated",
        what: "Datainspektionen, three years after it became IMY",
        at: AT,
        edits: &[(
            "complaint_authority = \"Integritetsskyddsmyndigheten\"",
            "complaint_authority = \"Datainspektionen\"",
        )],
        paths: &["rights.complaint_authority"],
        lines: &["complaint_authority ="],
    },
    Case {
        code: "authority-name-outdated",
        what: "Datainspektionen on the first day of IMY, Stockholm time",
        at: "2020-12-31T23:00:00Z",
        edits: &[
            (
                "complaint_authority = \"Integritetsskyddsmyndigheten\"",
                "complaint_authority = \"datainspektionen\"",
            ),
            // The 2021 SCCs are not yet in force on 2021-01-01.
            ("safeguards = [\"scc\"]", "safeguards = [\"scc_legacy\"]"),
        ],
        paths: &["rights.complaint_authority"],
        lines: &["complaint_authority ="],
    },
    Case {
        code: "authority-not-named",
        what: "the right to complain is told, the authority not named",
        at: AT,
        edits: &[(
            "complaint_authority = \"Integritetsskyddsmyndigheten\"\n",
            "",
        )],
        paths: &["rights.complaint_authority"],
        lines: &["[rights]"],
    },
    // --- consistency ------------------------------------------------------------------------------
    Case {
        code: "portability-inapplicable",
        what: "portability told though no activity rests on consent or contract",
        at: AT,
        edits: &[
            (
                "bases = [\"contract\"]",
                "bases = [\"legitimate_interests\"]\nlegitimate_interest = \"serving our customers\"",
            ),
            (
                "bases = [\"consent\"]",
                "bases = [\"legitimate_interests\"]\nlegitimate_interest = \"telling subscribers about our own products\"",
            ),
        ],
        paths: &["rights.offered"],
        lines: &["offered = ["],
    },
    Case {
        code: "portability-omitted",
        what: "activities rest on consent and contract, portability not told",
        at: AT,
        edits: &[("\"portability\", ", "")],
        paths: &["rights.offered"],
        lines: &["offered = ["],
    },
    Case {
        code: "objection-omitted",
        what: "legitimate interests and direct marketing, objection not told",
        at: AT,
        edits: &[("\"objection\", ", "")],
        paths: &["rights.offered"],
        lines: &["offered = ["],
    },
    Case {
        code: "objection-inapplicable",
        what: "objection told though no activity rests on legitimate interests or a public task or markets directly",
        at: AT,
        edits: &[
            (
                "bases = [\"legitimate_interests\"]\nlegitimate_interest = \"keeping our services secure\"",
                "bases = [\"legal_obligation\"]\nlegal_obligation = \"Lag (2022:482) om elektronisk kommunikation\"",
            ),
            (
                "purposes = [\"marketing.direct.newsletter\"]",
                "purposes = [\"analytics.satisfaction\"]",
            ),
        ],
        paths: &["rights.offered"],
        lines: &["offered = ["],
    },
    Case {
        code: "consent-withdrawal-route-missing",
        what: "consent with no withdrawal route",
        at: AT,
        edits: &[(
            "withdrawal = \"the unsubscribe link in every newsletter\"\n",
            "",
        )],
        paths: &["activity[2].withdrawal"],
        lines: &["[[activity]]"],
    },
    // Art. 6(1)(b), EDPB Guidelines 2/2019 paragraph 17: a contact person is not a party.
    Case {
        code: "contract-non-party",
        what: "a business customer's contact person on a contract-only purpose",
        at: AT,
        edits: &[(
            "bases = [\"contract\"]\nsubjects = [\"customer\"]",
            "bases = [\"contract\"]\nsubjects = [\"customer\", \"customer_representative\"]",
        )],
        paths: &["activity[0].subjects"],
        lines: &["subjects = [\"customer\", \"customer_representative\"]"],
    },
    Case {
        code: "national-id-unjustified",
        what: "personnummer with no justification",
        at: AT,
        edits: &[(
            "national_id_justification = \"sole traders are identified by their personnummer on invoices\"\n",
            "",
        )],
        paths: &["activity[1].national_id_justification"],
        lines: &["[[activity]]"],
    },
    Case {
        code: "response-time-too-long",
        what: "two months promised",
        at: AT,
        edits: &[("response_time = \"1m\"", "response_time = \"2m\"")],
        paths: &["rights.response_time"],
        lines: &["response_time ="],
    },
    Case {
        code: "response-time-too-long",
        what: "a month and a day promised",
        at: AT,
        edits: &[("response_time = \"1m\"", "response_time = \"P1M1D\"")],
        paths: &["rights.response_time"],
        lines: &["response_time ="],
    },
    Case {
        code: "response-time-too-long",
        what: "five weeks promised",
        at: AT,
        edits: &[("response_time = \"1m\"", "response_time = \"5w\"")],
        paths: &["rights.response_time"],
        lines: &["response_time ="],
    },
    Case {
        code: "response-time-too-long",
        what: "a vague response time",
        at: AT,
        edits: &[(
            "response_time = \"1m\"",
            "response_time_text = \"within a reasonable time\"",
        )],
        paths: &["rights.response_time_text"],
        lines: &["response_time_text ="],
    },
    Case {
        code: "retention-without-end",
        what: "while the purpose lasts, with a review period but no criteria",
        at: AT,
        edits: &[(
            ", criteria = \"logs are kept while an incident they bear on is open\"",
            "",
        )],
        paths: &["activity[3].retention"],
        lines: &["retention = {"],
    },
    Case {
        code: "category-unused",
        what: "a second declared category that no activity processes",
        at: AT,
        edits: &[(
            "[[recipient]]\nid = \"mail_host\"",
            "[[category]]\nid = \"communication.free_text.complaint\"\nname = \"free text of complaints\"\n\n[[recipient]]\nid = \"mail_host\"",
        )],
        paths: &["category[1]"],
        lines: &["[[category]]"],
    },
    Case {
        code: "recipient-unused",
        what: "a recipient in Sweden that no activity discloses to",
        at: AT,
        edits: &[(
            "[[activity]]\nid = \"customers\"",
            "[[recipient]]\nid = \"auditor\"\nname = \"our auditor\"\nkind = \"controller\"\nlocation = \"SE\"\n\n[[activity]]\nid = \"customers\"",
        )],
        paths: &["recipient[3]"],
        lines: &["[[recipient]]"],
    },
];

/// Runs one case, returning what is wrong with its findings.
fn run_case(c: &Case) -> Result<(), String> {
    let text = edit(CLEAN, c.edits);
    let findings = audit_text(&text, c.at);
    let show = || {
        format!(
            "case `{}` ({}) at {}:\n{}",
            c.code,
            c.what,
            c.at,
            render(&findings)
        )
    };
    if findings.is_empty() {
        return Err(format!("no finding: {}", show()));
    }
    let codes: BTreeSet<&str> = findings.iter().map(|f| f.code).collect();
    if codes != BTreeSet::from([c.code]) {
        return Err(format!(
            "codes {codes:?}, expected only `{}`: {}",
            c.code,
            show()
        ));
    }
    let paths: Vec<&str> = findings.iter().map(|f| f.path.as_str()).collect();
    if paths != c.paths {
        return Err(format!(
            "paths {paths:?}, expected {:?}: {}",
            c.paths,
            show()
        ));
    }
    let lines: Vec<&str> = text.lines().collect();
    for (f, want) in findings.iter().zip(c.lines) {
        let (Some(l), Some(_)) = (f.line, f.column) else {
            return Err(format!("`{}` is not located: {}", f.path, show()));
        };
        let got = lines.get(l - 1).copied().unwrap_or_default();
        if !got.contains(want) {
            return Err(format!(
                "`{}` is located on line {l} `{got}`, expected a line with `{want}`: {}",
                f.path,
                show()
            ));
        }
    }
    Ok(())
}

#[test]
fn every_case_triggers_exactly_its_check() {
    let failures: Vec<String> = CASES.iter().filter_map(|c| run_case(c).err()).collect();
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n\n{}",
        failures.len(),
        CASES.len(),
        failures.join("\n")
    );
}

#[test]
fn every_check_has_a_case() {
    let covered: BTreeSet<&str> = CASES.iter().map(|c| c.code).collect();
    let missing: Vec<&str> = checks()
        .map(|c| c.code)
        .filter(|c| !covered.contains(c))
        .collect();
    assert!(missing.is_empty(), "checks without a case: {missing:?}");
    let unknown: Vec<&&str> = covered
        .iter()
        .filter(|c| !checks().any(|k| k.code == **c))
        .collect();
    assert!(
        unknown.is_empty(),
        "cases for codes not in the registry: {unknown:?}"
    );
}

#[test]
fn findings_carry_their_checks_severity_citation_and_help() {
    for c in CASES {
        let check = checks().find(|k| k.code == c.code).unwrap();
        let text = edit(CLEAN, c.edits);
        let policy = load(&text);
        for f in audit_text(&text, c.at) {
            assert_eq!(f.severity, check.severity, "{}", c.code);
            // A national rule is the controller country's (Art. 87: SE Dataskyddslagen
            // 3 kap. 10 §, FI Tietosuojalaki 29 §).
            assert_eq!(
                f.citation,
                check.citation_for(&policy).to_string(),
                "{}",
                c.code
            );
            assert_eq!(f.help, check.help, "{}", c.code);
            assert!(!f.message.trim().is_empty(), "{}: empty message", c.code);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Dated facts turn on the controller's local date
// ---------------------------------------------------------------------------------------------

/// The codes found for `text` at `at`.
fn codes_at(text: &str, at: &str) -> Vec<&'static str> {
    audit(&load(text), instant(at))
        .iter()
        .map(|f| f.code)
        .collect()
}

/// The message of the one finding with `code` for `text` at `at`.
fn message(text: &str, at: &str, code: &str) -> String {
    let found: Vec<Finding> = audit(&load(text), instant(at))
        .into_iter()
        .filter(|f| f.code == code)
        .collect();
    assert_eq!(found.len(), 1, "{code} at {at}:\n{}", render(&found));
    found[0].message.clone()
}

#[test]
fn privacy_shield_falls_on_2020_07_16_stockholm_time() {
    let text = edit(
        &clean_2020(),
        &[(
            "safeguards = [\"scc_legacy\"]",
            "safeguards = [\"adequacy.us_privacy_shield\"]\ncertified = true",
        )],
    );
    // 23:59:59 on 2020-07-15 in Stockholm (CEST, UTC+2).
    assert_eq!(codes_at(&text, "2020-07-15T21:59:59Z"), Vec::<&str>::new());
    // Midnight of 2020-07-16 in Stockholm, still the 15th in UTC.
    assert_eq!(
        codes_at(&text, "2020-07-15T22:00:00Z"),
        ["transfer-mechanism-invalid"]
    );
    // Before it was adopted on 2016-07-12.
    assert_eq!(
        codes_at(&text, "2016-07-11T12:00:00Z"),
        ["adequacy-not-yet-in-force"]
    );
    assert_eq!(codes_at(&text, "2016-07-12T12:00:00Z"), Vec::<&str>::new());
}

#[test]
fn data_privacy_framework_applies_from_2023_07_10() {
    let text = edit(
        CLEAN,
        &[(
            "safeguards = [\"scc\"]",
            "safeguards = [\"adequacy.us_data_privacy_framework\"]\ncertified = true",
        )],
    );
    assert_eq!(
        codes_at(&text, "2023-07-09T21:59:59Z"),
        ["adequacy-not-yet-in-force"]
    );
    assert_eq!(codes_at(&text, "2023-07-09T22:00:00Z"), Vec::<&str>::new());
    assert_eq!(codes_at(&text, "2039-01-01T00:00:00Z"), Vec::<&str>::new());
}

#[test]
fn swedish_authority_is_renamed_at_midnight_stockholm_time() {
    let old_name = clean_2020();
    // 23:59:59 on 2020-12-31 in Stockholm (CET, UTC+1): still Datainspektionen.
    assert_eq!(
        codes_at(&old_name, "2020-12-31T22:59:59Z"),
        Vec::<&str>::new()
    );
    assert_eq!(
        codes_at(&old_name, "2020-12-31T23:00:00Z"),
        ["authority-name-outdated"]
    );
    // The new name, or its abbreviation, before it was borne.
    for name in ["Integritetsskyddsmyndigheten", "IMY"] {
        let text = edit(
            CLEAN,
            &[
                ("safeguards = [\"scc\"]", "safeguards = [\"scc_legacy\"]"),
                (
                    "complaint_authority = \"Integritetsskyddsmyndigheten\"",
                    &format!("complaint_authority = \"{name}\""),
                ),
            ],
        );
        assert_eq!(codes_at(&text, "2020-12-31T22:59:59Z").len(), 1, "{name}");
        assert_eq!(codes_at(&text, "2021-06-01T00:00:00Z"), Vec::<&str>::new());
    }
    // The finding says what the authority is called now.
    let f = message(&old_name, AT, "authority-name-outdated");
    assert!(f.contains("Integritetsskyddsmyndigheten"), "{f}");
}

#[test]
fn authority_not_named_suggests_the_current_name() {
    let text = edit(
        CLEAN,
        &[
            ("safeguards = [\"scc\"]", "safeguards = [\"scc_legacy\"]"),
            (
                "complaint_authority = \"Integritetsskyddsmyndigheten\"\n",
                "",
            ),
        ],
    );
    let before = message(&text, "2020-06-01T00:00:00Z", "authority-not-named");
    let after = message(&text, AT, "authority-not-named");
    assert!(before.contains("`Datainspektionen`"), "{before}");
    assert!(after.contains("`Integritetsskyddsmyndigheten`"), "{after}");
}

#[test]
fn united_kingdom_leaves_the_eea_on_2021_06_28() {
    let text = edit(CLEAN, &[("location = \"EEA\"", "location = \"GB\"")]);
    assert_eq!(codes_at(&text, "2021-06-27T21:59:59Z"), Vec::<&str>::new());
    assert_eq!(
        codes_at(&text, "2021-06-27T22:00:00Z"),
        ["transfer-mechanism-unstated"]
    );
}

#[test]
fn legacy_sccs_hold_through_2022_12_27() {
    let text = edit(
        CLEAN,
        &[("safeguards = [\"scc\"]", "safeguards = [\"scc_legacy\"]")],
    );
    assert_eq!(codes_at(&text, "2022-12-27T22:59:59Z"), Vec::<&str>::new());
    assert_eq!(
        codes_at(&text, "2022-12-27T23:00:00Z"),
        ["transfer-mechanism-invalid"]
    );
}

#[test]
fn one_month_and_less_is_a_proper_response_time() {
    for ok in ["1m", "4w", "28d", "0d", "P1M"] {
        let text = edit(
            CLEAN,
            &[(
                "response_time = \"1m\"",
                &format!("response_time = \"{ok}\""),
            )],
        );
        assert_eq!(codes_at(&text, AT), Vec::<&str>::new(), "{ok}");
    }
    let none = edit(CLEAN, &[("response_time = \"1m\"\n", "")]);
    assert_eq!(codes_at(&none, AT), Vec::<&str>::new(), "not stated");
}

// ---------------------------------------------------------------------------------------------
// Misbehaviours found: these tests state the correct behaviour and fail until the checks are fixed
// ---------------------------------------------------------------------------------------------

/// `national-id-unjustified` says (rationale, and Dataskyddslagen 3 kap. 10 § itself) that a
/// national identification number may be processed *without consent* only when clearly
/// justified; with consent no justification is needed. The check ignores the basis and fires on
/// a consent activity too.
#[test]
fn national_id_on_consent_needs_no_justification() {
    let text = edit(
        CLEAN,
        &[(
            "categories = [\"contact.email\"]",
            "categories = [\"contact.email\", \"identity.national_id\"]",
        )],
    );
    let findings = audit_text(&text, AT);
    assert!(
        findings.is_empty(),
        "a consent activity processing the personnummer is flagged:\n{}",
        render(&findings)
    );
}

/// A bare `adequacy` safeguard means "whichever adequacy decision covers the destination on the
/// day" (docs/policy-format.md), and the engine's own transfer rule
/// (`engine::transfer::valid_safeguard`) finds no safeguard for a recipient in China, which no
/// decision covers. The audit says nothing: neither `transfer-mechanism-unstated` (the list is
/// not empty) nor `transfer-mechanism-invalid` (it judges only named mechanisms) fires. The same
/// silence holds for a bare `adequacy` to an uncertified US recipient, to `third_country` or
/// `unknown`, to the United Kingdom after 2031-12-27, and for a named
/// `adequacy.us_data_privacy_framework` with `certified = false`.
#[test]
fn adequacy_that_no_decision_backs_is_flagged() {
    let text = edit(
        CLEAN,
        &[(
            "location = \"US\"\nsafeguards = [\"scc\"]",
            "location = \"CN\"\nsafeguards = [\"adequacy\"]",
        )],
    );
    let findings = audit_text(&text, AT);
    assert!(
        findings
            .iter()
            .any(|f| f.severity == Severity::Error && f.path.starts_with("recipient[1].safeguards")),
        "a transfer to China on a non-existent adequacy decision passes the audit:\n{}",
        render(&findings)
    );
}

// ---------------------------------------------------------------------------------------------
// The registry
// ---------------------------------------------------------------------------------------------

/// Every code with its severity, in registry order, as documented in `docs/audit.md`. Codes are
/// stable: a code is never renamed or reused, so this list only grows.
const REGISTRY: &[(&str, Severity)] = &[
    ("controller-contact-missing", Severity::Error),
    ("dpo-contact-missing", Severity::Warning),
    ("basis-not-stated", Severity::Error),
    ("legitimate-interest-unstated", Severity::Error),
    ("legal-obligation-unstated", Severity::Warning),
    ("transfer-mechanism-unstated", Severity::Error),
    ("retention-missing", Severity::Warning),
    ("retention-vague", Severity::Warning),
    ("right-not-stated", Severity::Warning),
    ("withdrawal-not-stated", Severity::Error),
    ("complaint-not-stated", Severity::Error),
    ("requirement-not-stated", Severity::Note),
    ("automated-logic-unstated", Severity::Warning),
    ("third-party-source", Severity::Note),
    ("transfer-mechanism-invalid", Severity::Error),
    ("adequacy-not-yet-in-force", Severity::Error),
    ("adequacy-wrong-country", Severity::Error),
    ("transfer-not-covered", Severity::Error),
    ("authority-name-outdated", Severity::Warning),
    ("authority-not-named", Severity::Note),
    ("portability-inapplicable", Severity::Warning),
    ("portability-omitted", Severity::Warning),
    ("objection-omitted", Severity::Error),
    ("objection-inapplicable", Severity::Note),
    ("consent-withdrawal-route-missing", Severity::Warning),
    ("contract-non-party", Severity::Error),
    ("national-id-unjustified", Severity::Error),
    ("response-time-too-long", Severity::Error),
    ("retention-without-end", Severity::Warning),
    ("category-unused", Severity::Note),
    ("recipient-unused", Severity::Warning),
];

fn is_kebab(code: &str) -> bool {
    !code.is_empty()
        && code.split('-').all(|w| {
            !w.is_empty()
                && w.starts_with(|c: char| c.is_ascii_lowercase())
                && w.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        })
}

#[test]
fn registry_codes_are_unique_and_kebab_case() {
    assert_eq!(checks().count(), CHECKS);
    let mut seen = BTreeSet::new();
    for c in checks() {
        assert!(is_kebab(c.code), "`{}` is not kebab-case", c.code);
        assert!(seen.insert(c.code), "`{}` is in the registry twice", c.code);
    }
}

#[test]
fn registry_codes_and_severities_are_as_documented() {
    let got: Vec<(&str, Severity)> = checks().map(|c| (c.code, c.severity)).collect();
    assert_eq!(got, REGISTRY);
}

#[test]
fn every_check_explains_itself() {
    for c in checks() {
        assert!(!c.rationale.trim().is_empty(), "{}: no rationale", c.code);
        assert!(!c.help.trim().is_empty(), "{}: no help", c.code);
        assert!(
            !c.citation.to_string().trim().is_empty(),
            "{}: no citation",
            c.code
        );
        // Help and rationale are fragments that follow `help: ` and a dash in reports.
        assert_eq!(
            c.help.trim(),
            c.help,
            "{}: help has stray whitespace",
            c.code
        );
        assert_eq!(
            c.rationale.trim(),
            c.rationale,
            "{}: rationale has stray whitespace",
            c.code
        );
    }
}

// ---------------------------------------------------------------------------------------------
// docs/audit.md
// ---------------------------------------------------------------------------------------------

fn audit_doc() -> String {
    let path = format!("{}/docs/audit.md", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"))
}

/// The backquoted words of `text` that look like audit codes: kebab-case with a hyphen.
fn code_like_words(text: &str) -> BTreeSet<&str> {
    text.split('`')
        .skip(1)
        .step_by(2)
        .filter(|w| w.contains('-') && is_kebab(w))
        .collect()
}

#[test]
fn docs_list_every_code_and_no_other() {
    let doc = audit_doc();
    for c in checks() {
        assert!(
            doc.contains(&format!("`{}`", c.code)),
            "docs/audit.md does not mention `{}`",
            c.code
        );
    }
    let registry: BTreeSet<&str> = checks().map(|c| c.code).collect();
    let stray: Vec<&str> = code_like_words(&doc)
        .into_iter()
        .filter(|w| !registry.contains(w))
        .collect();
    assert!(
        stray.is_empty(),
        "docs/audit.md names codes the registry lacks: {stray:?}"
    );
}

#[test]
fn docs_sections_follow_the_registry_with_severity_and_citation() {
    let doc = audit_doc();
    // Each check is a `### `code`` section whose first line is `**severity** · citation`.
    let mut sections: Vec<(&str, &str)> = Vec::new();
    let mut lines = doc.lines().peekable();
    while let Some(line) = lines.next() {
        let Some(code) = line.strip_prefix("### `").and_then(|r| r.strip_suffix('`')) else {
            continue;
        };
        let first = lines
            .by_ref()
            .find(|l| !l.trim().is_empty())
            .unwrap_or_default();
        sections.push((code, first));
    }
    let codes: Vec<&str> = sections.iter().map(|(c, _)| *c).collect();
    let registry: Vec<&str> = checks().map(|c| c.code).collect();
    assert_eq!(
        codes, registry,
        "sections of docs/audit.md vs registry order"
    );
    for ((code, first), check) in sections.iter().zip(checks()) {
        let want = format!("**{}** · {}", check.severity, check.citation);
        assert_eq!(*first, want, "docs/audit.md section `{code}`");
    }
}

// ---------------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------------

/// The registry index of a code.
fn rank(code: &str) -> usize {
    checks().position(|c| c.code == code).unwrap_or(usize::MAX)
}

/// Audits twice and checks what must hold of any audit; returns the findings.
fn audit_checked(
    policy: &Policy,
    text: &str,
    at: DateTime<Utc>,
) -> Result<Vec<Finding>, TestCaseError> {
    let a = audit(policy, at);
    let b = audit(policy, at);
    prop_assert_eq!(&a, &b, "two audits differ");
    let ja = serde_json::to_string(&a).unwrap();
    let jb = serde_json::to_string(&b).unwrap();
    prop_assert_eq!(&ja, &jb, "two audits serialise differently");
    // Registry order, then path in natural order (indices by number), then message; no duplicate.
    let natural = |p: &str| -> Vec<(String, usize)> {
        let mut out = Vec::new();
        let mut digits = String::new();
        let mut text = String::new();
        for ch in p.chars() {
            if ch.is_ascii_digit() {
                digits.push(ch);
            } else if !digits.is_empty() {
                out.push((std::mem::take(&mut text), digits.parse().unwrap()));
                digits.clear();
                text.push(ch);
            } else {
                text.push(ch);
            }
        }
        out.push((text, digits.parse().unwrap_or(0)));
        out
    };
    type Key<'f> = (usize, Vec<(String, usize)>, &'f str);
    let keys: Vec<Key<'_>> = a
        .iter()
        .map(|f| (rank(f.code), natural(&f.path), f.message.as_str()))
        .collect();
    let mut sorted = keys.clone();
    sorted.sort_unstable();
    sorted.dedup();
    prop_assert_eq!(&keys, &sorted, "findings out of order or repeated");
    for f in &a {
        let check = checks().find(|c| c.code == f.code);
        prop_assert!(check.is_some(), "code `{}` not in the registry", f.code);
        let check = check.unwrap();
        prop_assert_eq!(f.severity, check.severity);
        prop_assert_eq!(&f.citation, &check.citation_for(policy).to_string());
        prop_assert_eq!(f.help, check.help);
        prop_assert!(!f.message.is_empty());
        prop_assert!(f.line.is_none() && f.column.is_none());
    }
    // Every finding can be placed in the TOML source; locating changes nothing else.
    let mut located = a.clone();
    locate(&mut located, |p| position_of(text, Format::Toml, p));
    for (f, g) in located.iter().zip(&a) {
        let unplaced = Finding {
            line: None,
            column: None,
            ..f.clone()
        };
        prop_assert_eq!(&unplaced, g);
    }
    for f in &located {
        prop_assert!(
            f.line.is_some() && f.column.is_some(),
            "`{}` ({}) is not located",
            f.path,
            f.code
        );
    }
    // The audit depends on the local date, not the time of day.
    let zone = policy.controller().time_zone;
    let later = at + chrono::Duration::minutes(37);
    if zone.local_date(later) == zone.local_date(at) {
        prop_assert_eq!(
            &audit(policy, later),
            &a,
            "same local date, different findings"
        );
    }
    Ok(a)
}

/// `n` cases, or `PROPTEST_CASES` when set.
fn cases(n: u32) -> ProptestConfig {
    let n = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(n);
    ProptestConfig {
        cases: n,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// Instants from 2000-01-01 to 2040-01-01 (UTC).
fn instants() -> impl Strategy<Value = DateTime<Utc>> {
    (946_684_800_i64..2_208_988_800).prop_map(|s| Utc.timestamp_opt(s, 0).unwrap())
}

// --- Variations of the clean policy ------------------------------------------------------------

const LOCATIONS: &[&str] = &[
    "EEA",
    "SE",
    "FI",
    "DE",
    "US",
    "GB",
    "JP",
    "KR",
    "CH",
    "CN",
    "BR",
    "third_country",
    "unknown",
];

const SAFEGUARDS: &[&str] = &[
    "adequacy",
    "adequacy.us_privacy_shield",
    "adequacy.us_data_privacy_framework",
    "adequacy.us_safe_harbour",
    "adequacy.japan",
    "adequacy.korea",
    "adequacy.united_kingdom",
    "adequacy.brazil",
    "adequacy.european_patent_organisation",
    "scc",
    "scc_legacy",
    "bcr",
    "derogation.a",
];

const BASES: &[&str] = &[
    "consent",
    "contract",
    "legal_obligation",
    "vital_interests",
    "public_task",
    "legitimate_interests",
];

const PURPOSES: &[&str] = &[
    "service.delivery",
    "billing",
    "legal.bookkeeping",
    "marketing.direct",
    "marketing.direct.newsletter",
    "analytics.satisfaction",
    "security",
];

const ANCHORS: &[&str] = &[
    "collection",
    "end_of_relationship",
    "consent_withdrawal",
    "end_of_fiscal_year",
    "end_of_calendar_year_of_fiscal_year_end",
];

const PERIODS: &[&str] = &["0d", "30d", "6m", "2y", "7y", "1y6m"];

const PROVENANCES: &[&str] = &["subject", "observed", "derived", "third_party", "public"];

const REQUIREMENTS: &[Requirement] = &[
    Requirement::Statutory,
    Requirement::Contractual,
    Requirement::ContractPrerequisite,
    Requirement::Voluntary,
];

/// `(response_time, response_time_text, too long?)`.
const RESPONSE_TIMES: &[(Option<&str>, Option<&str>, bool)] = &[
    (Some("1m"), None, false),
    (Some("4w"), None, false),
    (Some("28d"), None, false),
    (Some("29d"), None, true),
    (Some("2m"), None, true),
    (Some("1m1d"), None, true),
    (Some("1y"), None, true),
    (None, None, false),
    (None, Some("inom en rimlig tid"), true),
];

const AUTHORITIES: &[Option<&str>] = &[
    None,
    Some("Integritetsskyddsmyndigheten"),
    Some("IMY"),
    Some("Datainspektionen"),
    Some("the Swedish Data Protection Authority"),
    Some("Tietosuojavaltuutetun toimisto"),
    Some("Dataombudsmannen"),
    Some("CNIL"),
];

const CONTROLLERS: &[(&str, &str)] = &[
    ("SE", "Europe/Stockholm"),
    ("FI", "Europe/Helsinki"),
    ("SE", "UTC"),
    ("FI", "America/New_York"),
];

/// How one activity of the clean policy is varied.
#[derive(Debug, Clone)]
struct ActivityKnobs {
    /// Bit `i` keeps `BASES[i]`; `0` leaves the bases as they are; `64` keeps none (the notice
    /// states no basis).
    bases: u8,
    /// Keep the basis particulars (interest, statute) where the basis is there.
    particulars: bool,
    /// Bit `i` keeps `PURPOSES[i]`; `0` leaves the purposes as they are.
    purposes: u8,
    /// 0: none; 1: period after an anchor; 2: after an event; 3: while the purpose lasts.
    retention: u8,
    period: usize,
    anchor: usize,
    review: bool,
    criteria: bool,
    requirement: Option<usize>,
    withdrawal: bool,
    national_id_justification: bool,
    /// 0: none; 1: no legal effects; 2: legal effects with logic; 3: legal effects, no logic.
    automated: u8,
    /// Provenance of the first category (`None`: not stated).
    provenance: Option<usize>,
    /// Bit `i` discloses to recipient `i`.
    recipients: u8,
}

fn activity_knobs() -> impl Strategy<Value = ActivityKnobs> {
    (
        (
            // Keep the bases, one basis, or any non-empty set; the same for purposes.
            prop_oneof![
                Just(0u8),
                Just(64u8),
                (0..6u8).prop_map(|i| 1 << i),
                1u8..64
            ],
            any::<bool>(),
            prop_oneof![Just(0u8), (0..7u8).prop_map(|i| 1 << i), 1u8..128],
            0u8..4,
        ),
        (
            0..PERIODS.len(),
            0..ANCHORS.len(),
            any::<bool>(),
            any::<bool>(),
        ),
        (
            proptest::option::of(0..REQUIREMENTS.len()),
            any::<bool>(),
            any::<bool>(),
            0u8..4,
            proptest::option::of(0..PROVENANCES.len()),
            0u8..16,
        ),
    )
        .prop_map(
            |(
                (bases, particulars, purposes, retention),
                (period, anchor, review, criteria),
                (
                    requirement,
                    withdrawal,
                    national_id_justification,
                    automated,
                    provenance,
                    recipients,
                ),
            )| ActivityKnobs {
                bases,
                particulars,
                purposes,
                retention,
                period,
                anchor,
                review,
                criteria,
                requirement,
                withdrawal,
                national_id_justification,
                automated,
                provenance,
                recipients,
            },
        )
}

/// How the clean policy is varied.
#[derive(Debug, Clone)]
struct Knobs {
    /// E-mail, telephone, web.
    contact: (bool, bool, bool),
    /// 0: no DPO; 1: with an e-mail; 2: a name only.
    dpo: u8,
    controller: usize,
    extra_category: bool,
    /// `(location, safeguard mask, certified)` for the three recipients and an optional fourth.
    recipients: Vec<(usize, u16, bool)>,
    activities: Vec<ActivityKnobs>,
    /// Bit `i` offers `Right::ALL[i]`.
    offered: u16,
    response: usize,
    authority: usize,
}

fn knobs() -> impl Strategy<Value = Knobs> {
    // No safeguard, one, or any set of them.
    let safeguards = prop_oneof![
        1 => Just(0u16),
        2 => (0..SAFEGUARDS.len()).prop_map(|i| 1u16 << i),
        1 => 0u16..(1 << SAFEGUARDS.len()),
    ];
    let recipient = (0..LOCATIONS.len(), safeguards, any::<bool>());
    (
        (any::<bool>(), any::<bool>(), any::<bool>()),
        0u8..3,
        0..CONTROLLERS.len(),
        any::<bool>(),
        proptest::collection::vec(recipient, 3..=4),
        proptest::collection::vec(activity_knobs(), 4),
        0u16..(1 << Right::ALL.len()),
        0..RESPONSE_TIMES.len(),
        0..AUTHORITIES.len(),
    )
        .prop_map(
            |(
                contact,
                dpo,
                controller,
                extra_category,
                recipients,
                activities,
                offered,
                response,
                authority,
            )| {
                Knobs {
                    contact,
                    dpo,
                    controller,
                    extra_category,
                    recipients,
                    activities,
                    offered,
                    response,
                    authority,
                }
            },
        )
}

fn pick<T: Copy>(list: &[T], mask: u64) -> Vec<T> {
    list.iter()
        .enumerate()
        .filter(|(i, _)| mask & (1 << i) != 0)
        .map(|(_, x)| *x)
        .collect()
}

/// The clean policy varied by `k`; always a valid document.
fn vary(k: &Knobs) -> PolicyFile {
    let mut f: PolicyFile = toml::from_str(CLEAN).unwrap();
    let c = &mut f.controller;
    let (email, phone, web) = k.contact;
    if !email {
        // The postal address goes with the e-mail, so that "no contact at all" is reachable.
        c.contact.email = None;
        c.address = None;
    }
    if !phone {
        c.contact.phone = None;
    }
    if !web {
        c.contact.web = None;
    }
    match k.dpo {
        0 => c.dpo = None,
        1 => {}
        _ => {
            if let Some(d) = &mut c.dpo {
                d.email = None;
            }
        }
    }
    let (country, zone) = CONTROLLERS[k.controller];
    c.country = country.to_owned();
    c.time_zone = zone.to_owned();
    if k.extra_category {
        f.categories.push(CategoryFile {
            id: "communication.free_text.complaint".to_owned(),
            name: "free text of complaints".to_owned(),
            status: None,
        });
    }
    if k.recipients.len() > 3 {
        f.recipients.push(RecipientFile {
            id: "auditor".to_owned(),
            name: "our auditor".to_owned(),
            kind: RecipientKind::Controller,
            location: "SE".to_owned(),
            safeguards: Vec::new(),
            certified: false,
        });
    }
    for (r, (loc, mask, certified)) in f.recipients.iter_mut().zip(&k.recipients) {
        r.location = LOCATIONS[*loc].to_owned();
        r.safeguards = pick(SAFEGUARDS, u64::from(*mask))
            .into_iter()
            .map(str::to_owned)
            .collect();
        r.certified = *certified;
    }
    let ids: Vec<String> = f.recipients.iter().map(|r| r.id.clone()).collect();
    for (a, ak) in f.activities.iter_mut().zip(&k.activities) {
        if ak.bases != 0 {
            a.bases = Some(
                pick(BASES, u64::from(ak.bases))
                    .into_iter()
                    .map(str::to_owned)
                    .collect(),
            );
        }
        let has = |b: &str| a.bases.iter().flatten().any(|x| x == b);
        if !has("legitimate_interests") || !ak.particulars {
            a.legitimate_interest = None;
        } else if a.legitimate_interest.is_none() {
            a.legitimate_interest = Some("an interest".to_owned());
        }
        if !has("legal_obligation") || !ak.particulars {
            a.legal_obligation = None;
        } else if a.legal_obligation.is_none() {
            a.legal_obligation = Some("a statute".to_owned());
        }
        if ak.purposes != 0 {
            a.purposes = pick(PURPOSES, u64::from(ak.purposes))
                .into_iter()
                .map(str::to_owned)
                .collect();
        }
        a.retention = match ak.retention {
            0 => None,
            1 => Some(RetentionFile {
                period: Some(PERIODS[ak.period].to_owned()),
                after: Some(ANCHORS[ak.anchor].to_owned()),
                ..RetentionFile::default()
            }),
            2 => Some(RetentionFile {
                period: Some(PERIODS[ak.period].to_owned()),
                after: Some("event".to_owned()),
                event: Some("contract_signed".to_owned()),
                ..RetentionFile::default()
            }),
            _ => Some(RetentionFile {
                until: Some("purpose_ends".to_owned()),
                review: ak.review.then(|| "1y".to_owned()),
                criteria: ak
                    .criteria
                    .then(|| "while the customer is active".to_owned()),
                ..RetentionFile::default()
            }),
        };
        a.requirement = ak.requirement.map(|i| REQUIREMENTS[i]);
        a.withdrawal = ak.withdrawal.then(|| "a link in every message".to_owned());
        let has_nid = a.categories.iter().any(|c| c == "identity.national_id");
        a.national_id_justification =
            (has_nid && ak.national_id_justification).then(|| "needed on invoices".to_owned());
        a.automated_decision = match ak.automated {
            0 => None,
            1 => Some(AutomatedDecision {
                legal_effects: false,
                logic: None,
            }),
            2 => Some(AutomatedDecision {
                legal_effects: true,
                logic: Some("a scoring rule".to_owned()),
            }),
            _ => Some(AutomatedDecision {
                legal_effects: true,
                logic: None,
            }),
        };
        a.provenance = BTreeMap::new();
        if let (Some(p), Some(first)) = (ak.provenance, a.categories.first()) {
            a.provenance
                .insert(first.clone(), PROVENANCES[p].to_owned());
        }
        a.recipients = ids
            .iter()
            .enumerate()
            .filter(|(i, _)| ak.recipients & (1 << i) != 0)
            .map(|(_, id)| id.clone())
            .collect();
    }
    let r = &mut f.rights;
    r.offered = pick(&Right::ALL, u64::from(k.offered));
    let (time, text, _) = RESPONSE_TIMES[k.response];
    r.response_time = time.map(str::to_owned);
    r.response_time_text = text.map(str::to_owned);
    r.complaint_authority = AUTHORITIES[k.authority].map(str::to_owned);
    f
}

/// Compares a few checks with what the document says directly.
fn oracle(f: &PolicyFile, k: &Knobs, findings: &[Finding]) -> Result<(), TestCaseError> {
    let paths = |code: &str| -> Vec<&str> {
        findings
            .iter()
            .filter(|x| x.code == code)
            .map(|x| x.path.as_str())
            .collect()
    };
    let has = |code: &str| findings.iter().any(|x| x.code == code);
    let offered = |r: Right| f.rights.offered.contains(&r);

    let c = &f.controller.contact;
    prop_assert_eq!(
        has("controller-contact-missing"),
        c.email.is_none() && c.phone.is_none() && c.web.is_none() && f.controller.address.is_none()
    );
    prop_assert_eq!(has("dpo-contact-missing"), k.dpo == 2);
    prop_assert_eq!(has("complaint-not-stated"), !offered(Right::Complaint));
    prop_assert_eq!(
        has("authority-not-named"),
        offered(Right::Complaint) && f.rights.complaint_authority.is_none()
    );
    let consent = f
        .activities
        .iter()
        .any(|a| a.bases.iter().flatten().any(|b| b == "consent"));
    prop_assert_eq!(
        has("withdrawal-not-stated"),
        consent && !offered(Right::WithdrawConsent)
    );
    prop_assert_eq!(has("category-unused"), k.extra_category);
    prop_assert_eq!(has("response-time-too-long"), RESPONSE_TIMES[k.response].2);

    let want: Vec<String> = f
        .activities
        .iter()
        .enumerate()
        .filter(|(_, a)| a.retention.is_none())
        .map(|(i, _)| format!("activity[{i}].retention"))
        .collect();
    prop_assert_eq!(paths("retention-missing"), want);
    let want: Vec<String> = f
        .recipients
        .iter()
        .enumerate()
        .filter(|(_, r)| !f.activities.iter().any(|a| a.recipients.contains(&r.id)))
        .map(|(i, _)| format!("recipient[{i}]"))
        .collect();
    prop_assert_eq!(paths("recipient-unused"), want);
    let want: Vec<String> = f
        .activities
        .iter()
        .enumerate()
        .filter(|(_, a)| a.bases.iter().flatten().any(|b| b == "consent") && a.withdrawal.is_none())
        .map(|(i, _)| format!("activity[{i}].withdrawal"))
        .collect();
    prop_assert_eq!(paths("consent-withdrawal-route-missing"), want);
    let want: Vec<String> = f
        .activities
        .iter()
        .enumerate()
        .filter(|(_, a)| {
            a.bases
                .iter()
                .flatten()
                .any(|b| b == "legitimate_interests")
                && a.legitimate_interest.is_none()
        })
        .map(|(i, _)| format!("activity[{i}].legitimate_interest"))
        .collect();
    prop_assert_eq!(paths("legitimate-interest-unstated"), want);
    // A recipient with no safeguard in the EEA or its member states never needs one.
    for (i, r) in f.recipients.iter().enumerate() {
        let path = format!("recipient[{i}].safeguards");
        let flagged = paths("transfer-mechanism-unstated").contains(&path.as_str());
        if ["EEA", "SE", "FI", "DE"].contains(&r.location.as_str()) {
            prop_assert!(!flagged, "{} in {} flagged", r.id, r.location);
        }
        if ["US", "CN", "third_country", "unknown"].contains(&r.location.as_str()) {
            prop_assert_eq!(
                flagged,
                r.safeguards.is_empty(),
                "{} in {}",
                r.id,
                r.location
            );
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(cases(256))]

    /// Variations of the clean policy load, and their audit is deterministic, ordered, located
    /// and agrees with the oracle for the checks it covers.
    #[test]
    fn audit_of_variations_is_deterministic(k in knobs(), at in instants()) {
        let file = vary(&k);
        let text = toml::to_string(&file).unwrap();
        let policy = match from_toml_str(&text) {
            Ok(p) => p,
            Err(e) => return Err(TestCaseError::fail(format!(
                "variation does not load: {e}\n--- toml:\n{text}"
            ))),
        };
        let findings = audit_checked(&policy, &text, at)?;
        oracle(&file, &k, &findings)?;
    }
}

/// The generator reaches every check: over a fixed sample of variations at random instants,
/// every code is found at least once (and the clean knobs find none).
#[test]
fn variations_reach_every_check() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    for _ in 0..1000 {
        let k = knobs().new_tree(&mut runner).unwrap().current();
        let at = instants().new_tree(&mut runner).unwrap().current();
        let text = toml::to_string(&vary(&k)).unwrap();
        for f in audit(&load(&text), at) {
            *seen.entry(f.code).or_default() += 1;
        }
    }
    let missed: Vec<&str> = checks()
        .map(|c| c.code)
        .filter(|c| !seen.contains_key(c))
        .collect();
    assert!(
        missed.is_empty(),
        "never found: {missed:?}; found: {seen:?}"
    );
}

/// The bundled seed policies, with their text, loaded once.
fn seeds() -> &'static [(String, String, Policy)] {
    static SEEDS: LazyLock<Vec<(String, String, Policy)>> = LazyLock::new(load_seeds);
    &SEEDS
}

fn load_seeds() -> Vec<(String, String, Policy)> {
    let dir = format!("{}/policies", env!("CARGO_MANIFEST_DIR"));
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).unwrap();
            let policy = load(&text);
            (p.display().to_string(), text, policy)
        })
        .collect()
}

#[test]
fn there_are_seed_policies() {
    assert!(seeds().len() >= 5);
}

proptest! {
    #![proptest_config(cases(64))]

    /// Every seed policy's audit at any instant in 2000..2040 is deterministic, ordered and
    /// located.
    #[test]
    fn audit_of_seeds_is_deterministic(at in instants()) {
        for (name, text, policy) in seeds() {
            audit_checked(policy, text, at)
                .map_err(|e| TestCaseError::fail(format!("{name} at {at}: {e}")))?;
        }
    }
}
