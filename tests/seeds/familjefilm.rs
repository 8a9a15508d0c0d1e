//! Seed policy `familjefilm`: assertions from the notice's text.

use gdpr_policy::law::Country;
use gdpr_policy::law::duty::DutyId;
use gdpr_policy::model::{
    BasisKind, CategoryId, DutyRef, LegalBasis, LegalStatus, Location, Policy, Provenance,
    PurposeId, RecipientId, RecipientKind, Requirement, ResponseTime, RetentionRule, Right, Role,
    SubjectKind,
};

use super::{activity, load};

fn policy() -> Policy {
    load("familjefilm")
}

fn purpose(id: &str) -> PurposeId {
    PurposeId::new(id).unwrap()
}

fn category(id: &str) -> CategoryId {
    CategoryId::new(id).unwrap()
}

fn recipient(id: &str) -> RecipientId {
    RecipientId::new(id).unwrap()
}

fn kinds(p: &Policy, activity_id: &str) -> Vec<BasisKind> {
    let mut k: Vec<BasisKind> = activity(p, activity_id)
        .bases()
        .into_iter()
        .map(LegalBasis::kind)
        .collect();
    k.sort_unstable();
    k
}

/// The notice names the company only as "Familjefilm": no organisation number, address or contact
/// details; Swedish.
#[test]
fn controller_is_familjefilm_without_contact_details() {
    let p = policy();
    let c = p.controller();
    assert_eq!(c.name, "Familjefilm");
    assert_eq!(c.country, Country::SE);
    assert_eq!(c.time_zone.name(), "Europe/Stockholm");
    assert_eq!(c.identity_number, None);
    assert_eq!(c.address, None);
    assert!(
        !c.contact.is_reachable(),
        "the notice gives no contact point"
    );
    assert_eq!(c.dpo, None);
    assert_eq!(p.document().title, "Så hanterar vi dina personuppgifter");
}

/// "vid orderregistrering för privatperson och enskild firma samlar vi in personnummer, för att
/// möjliggöra indrivning av eventuellt obetalda fakturor."
#[test]
fn personnummer_is_collected_for_debt_collection() {
    let p = policy();
    let a = activity(&p, "order_delivery");
    let nid = category("identity.national_id");
    assert!(a.categories.iter().any(|(c, _)| *c == nid));
    assert_eq!(
        p.category(&nid).map(|c| c.status),
        Some(LegalStatus::NationalId)
    );
    assert!(
        a.national_id_justification
            .as_deref()
            .is_some_and(|j| j.contains("indrivning av eventuellt obetalda fakturor")),
        "{:?}",
        a.national_id_justification
    );
    assert!(
        a.purpose_ids()
            .any(|q| *q == purpose("billing.debt_collection"))
    );
    assert!(a.subjects.contains(&SubjectKind::new("customer").unwrap()));
    // Only order registration collects it.
    for other in [
        "quotes",
        "communication",
        "product_development",
        "marketing",
        "legal_obligation",
    ] {
        assert!(
            activity(&p, other)
                .categories
                .iter()
                .all(|(c, _)| *c != nid),
            "{other} must not list the personnummer"
        );
    }
}

/// "Leverans av beställningar ... Laglig grund: Intresseavvägning och fullgörande av avtal.";
/// "vi behöver vissa personuppgifter för att kunna leverera"; proof approvals and delivery/invoice
/// addresses are order data.
#[test]
fn order_delivery_rests_on_legitimate_interests_and_contract() {
    let p = policy();
    assert_eq!(
        kinds(&p, "order_delivery"),
        vec![BasisKind::Contract, BasisKind::LegitimateInterests]
    );
    let a = activity(&p, "order_delivery");
    assert_eq!(a.role, Role::Controller);
    assert_eq!(a.requirement, Some(Requirement::ContractPrerequisite));
    for id in [
        "commercial.order.proof_approval",
        "contact.address.delivery",
        "contact.address.billing",
        "professional.organisation_number",
    ] {
        assert!(a.categories.iter().any(|(c, _)| *c == category(id)), "{id}");
    }
    // The notice states no interest anywhere.
    assert!(
        a.bases()
            .contains(&&LegalBasis::LegitimateInterests { interest: None })
    );
    assert_eq!(
        a.recipients,
        vec![recipient("cloud_crm"), recipient("delivery_subcontractors")]
    );
}

/// "Marknadsföring ... Laglig grund: Intresseavvägning." and nothing else; e-mail marketing goes
/// through "Leverantörer för hantering av epostutskick i marknadsföringssyfte".
#[test]
fn marketing_rests_on_legitimate_interests_only() {
    let p = policy();
    assert_eq!(kinds(&p, "marketing"), vec![BasisKind::LegitimateInterests]);
    let a = activity(&p, "marketing");
    assert!(
        a.purpose_ids()
            .all(|x| x.is_within(&purpose("marketing.direct")))
    );
    assert!(a.recipients.contains(&recipient("email_marketing")));
    assert!(!a.relies_on_consent());
    // No activity rests on consent, although the notice lists it among the possible bases.
    assert!(p.activities().iter().all(|a| !a.relies_on_consent()));
    // Newsletters ("Kommunikation") rest on interests and contract, not consent.
    assert_eq!(
        kinds(&p, "communication"),
        vec![BasisKind::Contract, BasisKind::LegitimateInterests]
    );
    assert!(
        activity(&p, "communication")
            .purpose_ids()
            .any(|q| *q == purpose("marketing.direct.newsletter"))
    );
}

/// "Lagstadgade skyldigheter ... Laglig grund: Rättslig förpliktelse." with no statute named, and
/// "Bland det som inte tas bort finns bland annat: Data som krävs enligt rättslig förpliktelse."
#[test]
fn legal_obligation_without_named_statute_keeps_books() {
    let p = policy();
    let a = activity(&p, "legal_obligation");
    assert_eq!(
        a.bases().into_iter().cloned().collect::<Vec<_>>(),
        vec![LegalBasis::LegalObligation { statute: None }]
    );
    assert_eq!(a.duties, vec![DutyRef::Builtin(DutyId::SeBookkeeping)]);
    assert!(
        activity(&p, "order_delivery")
            .duties
            .contains(&DutyRef::Builtin(DutyId::SeBookkeeping))
    );
    assert_eq!(a.recipients, vec![recipient("authorities")]);
    // No other activity discloses to authorities.
    assert_eq!(
        p.activities()
            .iter()
            .filter(|x| x.recipients.contains(&recipient("authorities")))
            .count(),
        1
    );
}

/// "Till vem lämnar vi ut personuppgifter": a cloud CRM/order system, an e-mail marketing provider,
/// direct-delivery subcontractors (all processors, location not stated, no safeguards) and
/// authorities.
#[test]
fn recipients_are_three_processors_and_authorities() {
    let p = policy();
    let mut processors: Vec<&str> = p
        .recipients()
        .iter()
        .filter(|r| r.kind == RecipientKind::Processor)
        .map(|r| r.id.as_str())
        .collect();
    processors.sort_unstable();
    assert_eq!(
        processors,
        vec!["cloud_crm", "delivery_subcontractors", "email_marketing"]
    );
    for r in p
        .recipients()
        .iter()
        .filter(|r| r.kind == RecipientKind::Processor)
    {
        assert_eq!(r.location, Location::Unknown, "{}", r.id);
        assert!(r.safeguards.is_empty(), "{}: no mechanism is stated", r.id);
        assert!(!r.certified);
    }
    let auth = p.recipient(&recipient("authorities")).unwrap();
    assert_eq!(auth.kind, RecipientKind::Authority);
    assert_eq!(auth.location, Location::Country(Country::SE));
    assert_eq!(p.recipients().len(), 4);
}

/// "Vi sparar personuppgifter så länge det finns ett dokumenterat syfte för behandlingen": no
/// period, no review, on every activity.
#[test]
fn retention_is_as_long_as_there_is_a_documented_purpose() {
    let p = policy();
    assert_eq!(p.activities().len(), 6);
    for a in p.activities() {
        match &a.retention {
            // "När du säger upp din kundrelation med oss tar vi bort alla dina personuppgifter
            // ... Beställningshistorik i vårt orderhanteringssystem, Personuppgifter i vårt
            // kunddatabas-system": a rule, deletion at the end of the relationship.
            Some(RetentionRule::After { period, anchor })
                if ["order_delivery", "communication"].contains(&a.id.as_str()) =>
            {
                assert!(period.is_zero(), "{}", a.id);
                assert_eq!(*anchor, gdpr_policy::law::duty::Anchor::EndOfRelationship);
            }
            Some(RetentionRule::WhilePurposeLasts { review, criteria }) => {
                assert_eq!(*review, None, "{}: no review period is stated", a.id);
                assert!(
                    criteria
                        .as_deref()
                        .is_some_and(|c| c.contains("så länge det finns ett dokumenterat syfte")),
                    "{}: {criteria:?}",
                    a.id
                );
            }
            other => panic!("{}: retention {other:?}", a.id),
        }
    }
    match &activity(&p, "quotes").retention {
        Some(RetentionRule::WhilePurposeLasts {
            criteria: Some(c), ..
        }) => assert!(c.contains("uppdaterade framtida förfrågningar"), "{c}"),
        other => panic!("quotes retention: {other:?}"),
    }
}

/// "Skapas när du använder våra tjänster – t ex. när du använder våra webbplatser": observed, not
/// provided; everything else comes from the subject.
#[test]
fn website_use_is_observed() {
    let p = policy();
    let a = activity(&p, "product_development");
    let browsing = category("behaviour.browsing");
    assert_eq!(
        a.categories
            .iter()
            .find(|(c, _)| *c == browsing)
            .map(|x| x.1),
        Some(Provenance::Observed)
    );
    assert!(
        activity(&p, "order_delivery")
            .categories
            .iter()
            .all(|(_, pr)| *pr == Provenance::Subject)
    );
}

/// "Du bestämmer över dina personuppgifter": only withdrawal of consent is mentioned; no
/// authority, response time or identification.
#[test]
fn only_withdrawal_of_consent_is_offered() {
    let p = policy();
    let r = p.rights();
    assert_eq!(r.offered, vec![Right::WithdrawConsent]);
    assert!(!r.offered.contains(&Right::Complaint));
    assert!(!r.offered.contains(&Right::Access));
    assert_eq!(r.complaint_authority, None);
    assert_eq!(r.response_time, ResponseTime::NotStated);
    assert_eq!(r.identification, None);
    assert!(r.channels.is_empty());
}
