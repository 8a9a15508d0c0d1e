//! Seed policy `multistudio`: assertions from the notice's text.

use gdpr_policy::law::Country;
use gdpr_policy::law::duty::DutyId;
use gdpr_policy::model::{
    CategoryId, DutyRef, LegalBasis, Location, Policy, Provenance, PurposeId, RecipientId,
    RecipientKind, ResponseTime, RetentionRule, Right, Role,
};

use super::{activity, load};

fn policy() -> Policy {
    load("multistudio")
}

fn provenance_of(policy: &Policy, activity_id: &str, category: &str) -> Provenance {
    let cat = CategoryId::new(category).unwrap();
    activity(policy, activity_id)
        .categories
        .iter()
        .find(|(c, _)| *c == cat)
        .unwrap_or_else(|| panic!("`{activity_id}` does not list `{category}`"))
        .1
}

/// Title and preamble: "Multistudio", "gäller från den 25 maj 2018"; no organisation number,
/// address or contact details are given anywhere.
#[test]
fn controller_is_multistudio_without_contact_details() {
    let p = policy();
    assert_eq!(
        p.document().effective_from,
        chrono::NaiveDate::from_ymd_opt(2018, 5, 25)
    );
    assert_eq!(p.document().language.as_deref(), Some("sv"));
    let c = p.controller();
    assert_eq!(c.name, "Multistudio");
    assert_eq!(c.country, Country::SE);
    assert_eq!(c.time_zone.name(), "Europe/Stockholm");
    assert_eq!(c.identity_number, None);
    assert_eq!(c.address, None);
    assert!(
        !c.contact.is_reachable(),
        "the notice gives no contact details"
    );
    assert_eq!(c.dpo, None);
}

/// "vi tar rollen som personuppgiftsbiträde" for what the customer stores in its services; every
/// other activity is Multistudio's own.
#[test]
fn processor_for_data_customers_store() {
    let p = policy();
    let hosted = activity(&p, "hosted_customer_data");
    match &hosted.role {
        Role::Processor { on_behalf_of } => {
            assert!(on_behalf_of.starts_with("kunden"), "{on_behalf_of}")
        }
        Role::Controller => panic!("hosted customer data must be processed as processor"),
    }
    assert_eq!(
        hosted.categories,
        vec![(
            CategoryId::new("customer_content").unwrap(),
            Provenance::Subject
        )]
    );
    for a in p.activities() {
        if a.id.as_str() != "hosted_customer_data" {
            assert_eq!(a.role, Role::Controller, "{}", a.id);
        }
    }
}

/// "I stort sett alla behandlingar utförs med stöd av avtal"; "kundtjänst, fakturering och
/// identifiering av ägarskap"; bookkeeping ("krav på bokföring") under BFL.
#[test]
fn customer_account_rests_on_contract_with_bookkeeping_duty() {
    let p = policy();
    let a = activity(&p, "customer_account");
    assert_eq!(
        a.bases().into_iter().cloned().collect::<Vec<_>>(),
        vec![LegalBasis::Contract]
    );
    for purpose in [
        "support",
        "billing",
        "service.identification",
        "product_development",
    ] {
        assert!(
            a.purpose_ids()
                .any(|q| *q == PurposeId::new(purpose).unwrap()),
            "{purpose}"
        );
    }
    assert_eq!(a.duties, vec![DutyRef::Builtin(DutyId::SeBookkeeping)]);
    for c in [
        "identity.name",
        "contact.email",
        "contact.phone",
        "contact.address",
    ] {
        assert_eq!(
            provenance_of(&p, "customer_account", c),
            Provenance::Subject,
            "{c}"
        );
    }
    assert!(!a.relies_on_consent());
    // Only the customer account carries the bookkeeping duty.
    assert!(activity(&p, "history_logs").duties.is_empty());
}

/// "Historik ... samlas in automatiskt av våra system för att tex hjälpa till med felsökning eller
/// säkerhetshantering", including requests to the customer's services.
#[test]
fn history_logs_are_observed_for_security() {
    let p = policy();
    let a = activity(&p, "history_logs");
    assert_eq!(
        provenance_of(&p, "history_logs", "online.log"),
        Provenance::Observed
    );
    assert_eq!(
        a.purpose_ids().cloned().collect::<Vec<_>>(),
        vec![PurposeId::new("security").unwrap()]
    );
    assert_eq!(
        a.bases().into_iter().cloned().collect::<Vec<_>>(),
        vec![LegalBasis::Contract]
    );
    assert!(
        a.subjects
            .iter()
            .any(|s| s.as_str() == "customer_service_visitor")
    );
    assert_eq!(
        provenance_of(&p, "cookies", "online.cookie_id"),
        Provenance::Observed
    );
}

/// "kan ... behandlas i, land utanför EU/EES av oss, eller annan leverantör eller
/// underleverantör" with no transfer mechanism; authorities "med stöd av svensk lagstiftning".
#[test]
fn transfers_may_leave_the_eea_with_no_safeguard_stated() {
    let p = policy();
    for id in ["third_party_services", "suppliers"] {
        let r = p.recipient(&RecipientId::new(id).unwrap()).unwrap();
        assert_eq!(r.location, Location::Unknown, "{id}");
        assert_eq!(r.kind, RecipientKind::Processor, "{id}");
        assert!(r.safeguards.is_empty(), "{id}: no mechanism is named");
        assert!(!r.certified, "{id}");
    }
    let auth = p
        .recipient(&RecipientId::new("swedish_authorities").unwrap())
        .unwrap();
    assert_eq!(auth.kind, RecipientKind::Authority);
    assert_eq!(auth.location, Location::Country(Country::SE));
    let a = activity(&p, "authority_disclosure");
    assert!(matches!(
        a.bases().as_slice(),
        [LegalBasis::LegalObligation { statute: None }]
    ));
    let domain = activity(&p, "customer_account");
    assert!(
        domain
            .recipients
            .contains(&RecipientId::new("third_party_services").unwrap())
    );
}

/// "Registrerade kunder": Information (access), Ändringar, Begränsning, Radering; "inom en rimlig
/// tid"; "fullgoda underlag för identifikation"; no authority named.
#[test]
fn rights_are_four_with_vague_response_time() {
    let p = policy();
    let r = p.rights();
    match &r.response_time {
        ResponseTime::Vague(t) => assert!(t.contains("inom en rimlig tid"), "{t}"),
        other => panic!("expected a vague response time, got {other:?}"),
    }
    let mut offered = r.offered.clone();
    offered.sort();
    assert_eq!(
        offered,
        vec![
            Right::Access,
            Right::Rectification,
            Right::Erasure,
            Right::Restriction
        ]
    );
    assert_eq!(r.complaint_authority, None);
    assert!(r.channels.is_empty());
    assert!(
        r.identification
            .as_deref()
            .unwrap()
            .contains("fullgoda underlag för identifikation")
    );
}

/// "Begränsning": "endast lagring. Det innebär vi stoppar alla dina tjänster".
#[test]
fn restriction_means_storage_only_and_services_paused() {
    let p = policy();
    let effect = p.rights().restriction_effect.as_deref().unwrap();
    assert!(effect.contains("endast lagring"), "{effect}");
    assert!(effect.contains("stoppar alla dina tjänster"), "{effect}");
}

/// "Vi sparar uppgifter så länge som det är nödvändigt ...": no period and no review anywhere.
#[test]
fn retention_is_while_needed_without_review() {
    let p = policy();
    assert_eq!(p.activities().len(), 6);
    for a in p.activities() {
        match &a.retention {
            Some(RetentionRule::WhilePurposeLasts {
                review: None,
                criteria: Some(c),
            }) => {
                assert!(c.contains("så länge som det är nödvändigt"), "{}", a.id);
            }
            other => panic!("{}: unexpected retention {other:?}", a.id),
        }
    }
}
