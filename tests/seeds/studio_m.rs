//! Seed policy `studio_m`: assertions from the notice's text.

use gdpr_policy::law::Country;
use gdpr_policy::law::duty::Anchor;
use gdpr_policy::model::{
    CategoryId, LegalBasis, Location, Policy, Provenance, PurposeId, RecipientId, RecipientKind,
    ResponseTime, RetentionRule, Right, Role,
};

use super::{activity, load};

fn policy() -> Policy {
    load("studio-m")
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

fn purpose(id: &str) -> PurposeId {
    PurposeId::new(id).unwrap()
}

/// "KONTAKT": Munkebäcks Allé 20, 416 73 Göteborg, 073-692 96 09; no organisationsnummer, no
/// e-mail, no DPO.
#[test]
fn controller_is_studio_m_in_goteborg() {
    let p = policy();
    let c = p.controller();
    assert_eq!(c.name, "Studio M");
    assert_eq!(c.country, Country::SE);
    assert_eq!(c.time_zone.name(), "Europe/Stockholm");
    assert_eq!(
        c.address.as_deref(),
        Some("Munkebäcks Allé 20, 416 73 Göteborg")
    );
    assert_eq!(c.contact.phone.as_deref(), Some("073-692 96 09"));
    assert_eq!(c.contact.email, None);
    assert_eq!(c.identity_number, None);
    assert_eq!(c.dpo, None);
}

/// "Studio M begär samtycke för att kunna erbjuda användare vårt nyhetsbrev och annan
/// marknadsföring" ... "rätt att när som helst återkalla sitt samtycke"; kept "under den tid
/// samtycket gäller"; not disclosed "i marknadsföringssyfte".
#[test]
fn newsletter_rests_on_consent_alone_with_withdrawal_route() {
    let p = policy();
    let a = activity(&p, "newsletter");
    assert_eq!(
        a.bases().into_iter().cloned().collect::<Vec<_>>(),
        vec![LegalBasis::Consent]
    );
    assert!(a.relies_on_consent());
    assert!(
        a.purpose_ids()
            .any(|q| *q == purpose("marketing.direct.newsletter"))
    );
    assert!(
        a.withdrawal
            .as_deref()
            .is_some_and(|w| w.contains("när som helst")),
        "{:?}",
        a.withdrawal
    );
    match &a.retention {
        Some(RetentionRule::After { period, anchor }) => {
            assert!(period.is_zero());
            assert_eq!(*anchor, Anchor::ConsentWithdrawal);
        }
        other => panic!("newsletter retention: {other:?}"),
    }
    assert!(a.recipients.is_empty(), "no disclosure for marketing");
}

/// "Studio M behandlar personuppgifterna i syfte att kunna fullgöra eller ingå avtal med
/// användaren" and "Utan de efterfrågade uppgifterna är det inte möjligt ...": contract, a
/// prerequisite, kept while the user is registered.
#[test]
fn contract_activity_rests_on_contract() {
    let p = policy();
    let a = activity(&p, "contract");
    assert_eq!(
        a.bases().into_iter().cloned().collect::<Vec<_>>(),
        vec![LegalBasis::Contract]
    );
    assert!(!a.relies_on_consent());
    assert_eq!(a.role, Role::Controller);
    for id in [
        "service.identification",
        "support",
        "service.contract",
        "billing",
    ] {
        assert!(a.purpose_ids().any(|q| *q == purpose(id)), "{id}");
    }
    assert_eq!(
        a.requirement,
        Some(gdpr_policy::model::Requirement::ContractPrerequisite)
    );
    match &a.retention {
        Some(RetentionRule::WhilePurposeLasts { review, criteria }) => {
            assert_eq!(*review, None, "no review period is stated");
            assert!(
                criteria
                    .as_deref()
                    .is_some_and(|c| c.contains("registrerad som användare")),
                "{criteria:?}"
            );
        }
        other => panic!("contract retention: {other:?}"),
    }
    // No bookkeeping duty is mentioned in the notice.
    assert!(a.duties.is_empty());
}

/// "Typer av personuppgifter som behandlas": the seven listed items, all provided by the user.
#[test]
fn contract_categories_are_the_listed_ones() {
    let p = policy();
    let a = activity(&p, "contract");
    let mut got: Vec<&str> = a.categories.iter().map(|(c, _)| c.as_str()).collect();
    got.sort_unstable();
    assert_eq!(
        got,
        vec![
            "contact.address",
            "contact.address.billing",
            "contact.email",
            "contact.phone",
            "identity.name",
            "professional.organisation",
            "professional.organisation_number",
        ]
    );
    assert!(
        a.categories
            .iter()
            .all(|(_, pr)| *pr == Provenance::Subject)
    );
}

/// "kan Studio M komma att överföra personuppgifter till underleverantörer (som kan men inte måste
/// finnas inom EU eller EES-området)": location unknown, no transfer mechanism named.
#[test]
fn subcontractors_may_be_outside_eea_without_safeguards() {
    let p = policy();
    let r = p
        .recipient(&RecipientId::new("subcontractors").unwrap())
        .unwrap();
    assert_eq!(r.kind, RecipientKind::Processor);
    assert_eq!(r.location, Location::Unknown);
    assert!(r.safeguards.is_empty(), "no mechanism is stated");
    assert!(!r.certified);
    assert!(
        activity(&p, "contract")
            .recipients
            .contains(&RecipientId::new("subcontractors").unwrap())
    );
}

/// "Analys av denna information utförs på en sammanslagen nivå och är inte avsedd att identifiera
/// enskilda användare"; data "som erhålls från webbplatsen".
#[test]
fn analytics_is_aggregate() {
    let p = policy();
    let a = activity(&p, "analytics");
    assert!(
        a.purpose_ids()
            .any(|q| *q == purpose("analytics.aggregate"))
    );
    assert_eq!(
        provenance_of(&p, "analytics", "behaviour.browsing"),
        Provenance::Observed
    );
    assert_eq!(
        provenance_of(&p, "analytics", "demographic"),
        Provenance::Derived
    );
    assert!(a.retention.is_none(), "no retention is stated for analysis");
}

/// "Vid besök av webbplatsen": the IP address and the cookie are observed, not provided.
#[test]
fn ip_address_and_cookie_are_observed() {
    let p = policy();
    assert_eq!(
        provenance_of(&p, "website", "online.ip_address"),
        Provenance::Observed
    );
    assert_eq!(
        provenance_of(&p, "website", "online.cookie_id"),
        Provenance::Observed
    );
    assert!(
        activity(&p, "website")
            .purpose_ids()
            .any(|q| *q == purpose("service.website"))
    );
}

/// "Erbjuda användare befintliga eller nya tjänster och produkter" is direct marketing resting,
/// as the notice says, on contract (not consent).
#[test]
fn offers_are_direct_marketing_on_contract() {
    let p = policy();
    let a = activity(&p, "offers");
    assert_eq!(
        a.bases().into_iter().cloned().collect::<Vec<_>>(),
        vec![LegalBasis::Contract]
    );
    assert!(
        a.purpose_ids()
            .all(|x| x.is_within(&purpose("marketing.direct")))
    );
}

/// "Användares rättigheter": access, rectification, erasure, information, restriction,
/// portability, complaint to "Datainspektionen", and withdrawal of consent; no objection, no
/// response time.
#[test]
fn rights_as_listed_with_datainspektionen() {
    let p = policy();
    let r = p.rights();
    let mut offered = r.offered.clone();
    offered.sort_unstable();
    let mut want = vec![
        Right::Access,
        Right::Rectification,
        Right::Erasure,
        Right::Information,
        Right::Restriction,
        Right::Portability,
        Right::WithdrawConsent,
        Right::Complaint,
    ];
    want.sort_unstable();
    assert_eq!(offered, want);
    assert!(!r.offered.contains(&Right::Objection));
    assert_eq!(r.complaint_authority.as_deref(), Some("Datainspektionen"));
    assert_eq!(r.response_time, ResponseTime::NotStated);
    assert_eq!(r.identification, None);
    assert!(
        r.restriction_effect
            .as_deref()
            .is_some_and(|e| e.contains("avgränsade syften"))
    );
}

/// "lämna ut en användares uppgifter om det är nödvändigt för att bevaka, fastställa och utöva
/// rättsliga anspråk": to unnamed recipients.
#[test]
fn legal_claims_disclosure() {
    let p = policy();
    let a = activity(&p, "legal_claims");
    assert_eq!(
        a.purpose_ids().cloned().collect::<Vec<_>>(),
        vec![purpose("legal.claims")]
    );
    assert_eq!(
        a.recipients,
        vec![RecipientId::new("legal_claims_recipients").unwrap()]
    );
    let r = p
        .recipient(&RecipientId::new("legal_claims_recipients").unwrap())
        .unwrap();
    assert_eq!(r.location, Location::Unknown);
    assert!(r.safeguards.is_empty());
}
