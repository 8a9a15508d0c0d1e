//! Seed policy `care_of`: assertions from the notice's text.

use gdpr_policy::law::Country;
use gdpr_policy::law::duty::DutyId;
use gdpr_policy::model::{
    CategoryId, DutyRef, LegalBasis, Location, Policy, Provenance, PurposeId, RecipientId,
    RecipientKind, ResponseTime, RetentionRule, Right, Role,
};

use super::{activity, load};

fn policy() -> Policy {
    load("care-of")
}

fn cat(id: &str) -> CategoryId {
    CategoryId::new(id).unwrap()
}

fn purpose(id: &str) -> PurposeId {
    PurposeId::new(id).unwrap()
}

fn recipient(id: &str) -> RecipientId {
    RecipientId::new(id).unwrap()
}

/// "Personuppgiftsansvarig": "Care of, Västra Kvarngatan 64,611 32 Nyköping"; no
/// organisationsnummer, no e-mail or phone, no DPO.
#[test]
fn controller_is_care_of_in_nykoping() {
    let p = policy();
    let c = p.controller();
    assert_eq!(c.name, "Care of");
    assert_eq!(c.country, Country::SE);
    assert_eq!(c.time_zone.name(), "Europe/Stockholm");
    assert_eq!(
        c.address.as_deref(),
        Some("Västra Kvarngatan 64, 611 32 Nyköping")
    );
    assert_eq!(c.identity_number, None);
    assert_eq!(c.contact.email, None);
    assert_eq!(c.contact.phone, None);
    assert_eq!(c.dpo, None);
}

/// "I stort sett all lagring och behandling av personuppgifter görs med stöd av det avtal vi som
/// leverantör har med dig som kund"; "identifiera dig som kund, för fakturering, för vår
/// kundtjänst och annan administration".
#[test]
fn customer_activity_rests_on_contract() {
    let p = policy();
    let a = activity(&p, "customer_service");
    assert_eq!(
        a.bases().into_iter().cloned().collect::<Vec<_>>(),
        vec![LegalBasis::Contract]
    );
    assert_eq!(a.role, Role::Controller);
    for id in ["service.identification", "billing", "support"] {
        assert!(
            a.purpose_ids().any(|q| *q == purpose(id)),
            "missing purpose {id}"
        );
    }
    match &a.retention {
        Some(RetentionRule::WhilePurposeLasts { review, criteria }) => {
            assert_eq!(*review, None, "the notice states no review period");
            assert!(
                criteria
                    .as_deref()
                    .is_some_and(|c| c.contains("utföra vårt åtagande som leverantör")),
                "{criteria:?}"
            );
        }
        other => panic!("customer_service retention: {other:?}"),
    }
}

/// "Vilken information samlar vi in?": "Eventuell fritext om din roll och vår relation",
/// "Mötesbokningar", "Försäljningsrelaterade objekt så som offert, order och faktura",
/// "IP-nummer".
#[test]
fn customer_activity_lists_the_notice_categories() {
    let p = policy();
    let a = activity(&p, "customer_service");
    let has = |id: &str| a.categories.iter().any(|(c, _)| *c == cat(id));
    for id in [
        "identity.name",
        "professional.title",
        "contact.phone",
        "contact.address",
        "contact.email",
        "professional.department",
        "communication.free_text.relationship",
        "communication.meeting",
        "commercial.quote",
        "commercial.order",
        "financial.invoice",
        "online.ip_address",
    ] {
        assert!(has(id), "customer_service does not list {id}");
    }
    assert_eq!(a.categories.len(), 13);
    let ip = a
        .categories
        .iter()
        .find(|(c, _)| *c == cat("online.ip_address"))
        .unwrap();
    assert_eq!(ip.1, Provenance::Observed);
    // The free-text category is declared by the policy, below the built-in one.
    let free = p
        .category(&cat("communication.free_text.relationship"))
        .unwrap();
    assert!(!free.builtin);
}

/// "Som användare i Cirrus är du själv personuppgiftsansvarig för de uppgifter du samlar in och
/// lagrar i våra system": Care of processes that data on the Cirrus user's behalf.
#[test]
fn cirrus_content_is_processed_on_behalf_of_the_user() {
    let p = policy();
    let a = activity(&p, "cirrus_processing");
    match &a.role {
        Role::Processor { on_behalf_of } => {
            assert!(on_behalf_of.contains("Cirrus"), "{on_behalf_of}");
        }
        Role::Controller => panic!("cirrus_processing should be a processor activity"),
    }
    assert!(a.purpose_ids().any(|q| *q == purpose("service.cirrus")));
    assert_eq!(
        a.retention, None,
        "the notice states no retention for Cirrus data"
    );
    // Every other activity is Care of's own.
    let processors = p
        .activities()
        .iter()
        .filter(|a| matches!(a.role, Role::Processor { .. }))
        .count();
    assert_eq!(processors, 1);
}

/// "I vissa situationer kan dock information komma att överföras till och behandlas i ett land
/// utanför EU/ESS av en annan leverantör eller underleverantör": no country, no mechanism.
#[test]
fn suppliers_may_be_outside_eea_without_safeguards() {
    let p = policy();
    let r = p.recipient(&recipient("suppliers")).unwrap();
    assert_eq!(r.kind, RecipientKind::Processor);
    assert_eq!(r.location, Location::Unknown);
    assert!(r.safeguards.is_empty(), "no transfer mechanism is stated");
    assert!(!r.certified);
    assert!(
        activity(&p, "cirrus_processing")
            .recipients
            .contains(&recipient("suppliers"))
    );
    assert!(
        activity(&p, "customer_service")
            .recipients
            .contains(&recipient("suppliers"))
    );
}

/// "om en myndighet begär detta med lagligt stöd. Ett exempel på det kan vara skattemyndigheter
/// eller polismyndigheter i de berörda länderna"; "ekonomiska underlag, så länge som det krävs
/// för att uppfylla alla lagliga krav".
#[test]
fn authorities_receive_data_under_legal_obligation_with_bookkeeping_duty() {
    let p = policy();
    let r = p.recipient(&recipient("authorities")).unwrap();
    assert_eq!(r.kind, RecipientKind::Authority);
    assert!(r.name.contains("skattemyndigheter"));
    assert!(r.name.contains("polismyndigheter"));
    let a = activity(&p, "legal_compliance");
    assert_eq!(
        a.bases().into_iter().cloned().collect::<Vec<_>>(),
        vec![LegalBasis::LegalObligation { statute: None }]
    );
    assert!(a.recipients.contains(&recipient("authorities")));
    assert!(a.purpose_ids().any(|q| *q == purpose("legal.bookkeeping")));
    assert_eq!(a.duties, vec![DutyRef::Builtin(DutyId::SeBookkeeping)]);
    assert!(
        a.categories
            .iter()
            .any(|(c, _)| *c == cat("financial.invoice"))
    );
}

/// "Du har rätt att motsätta dig att vi använder personuppgifter för direktmarknadsföring";
/// marketing has no basis of its own and carries the blanket contract basis.
#[test]
fn direct_marketing_with_objection() {
    let p = policy();
    let a = activity(&p, "marketing");
    assert!(a.purpose_ids().any(|q| *q == purpose("marketing.direct")));
    assert_eq!(
        a.bases().into_iter().cloned().collect::<Vec<_>>(),
        vec![LegalBasis::Contract]
    );
    assert!(!a.relies_on_consent());
    assert!(p.rights().offered.contains(&Right::Objection));
}

/// "Din rätt till som registrerad": Information (access), Rättelse, Begränsning,
/// Dataportabilitet, Radering; no complaint right, no authority, no response time.
#[test]
fn rights_as_listed_without_complaint_or_deadline() {
    let p = policy();
    let r = p.rights();
    for right in [
        Right::Access,
        Right::Rectification,
        Right::Restriction,
        Right::Portability,
        Right::Erasure,
        Right::Objection,
    ] {
        assert!(r.offered.contains(&right), "missing {right:?}");
    }
    assert!(!r.offered.contains(&Right::Complaint));
    assert!(!r.offered.contains(&Right::WithdrawConsent));
    assert_eq!(r.offered.len(), 6);
    assert_eq!(r.complaint_authority, None);
    assert_eq!(r.response_time, ResponseTime::NotStated);
    assert_eq!(r.identification, None);
    assert!(
        r.restriction_effect
            .as_deref()
            .is_some_and(|e| e.contains("för att kunna leverera tjänsten")),
        "{:?}",
        r.restriction_effect
    );
}
