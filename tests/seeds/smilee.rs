//! Seed policy `smilee`: assertions from the notice's text.

use gdpr_policy::law::Country;
use gdpr_policy::law::duty::DutyId;
use gdpr_policy::law::transfer::{AdequacyDecision, TransferMechanism};
use gdpr_policy::model::{
    CategoryId, DutyRef, LegalBasis, Location, Policy, Provenance, PurposeId, RecipientId,
    RecipientKind, ResponseTime, RetentionRule, Right, Role, Safeguard,
};
use gdpr_policy::time::Period;

use super::{activity, load};

fn policy() -> Policy {
    load("smilee")
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

/// Section 1 "Registeransvarig": Kommeet Oy, Uleåborg, support@smilee.io; a Finnish controller.
#[test]
fn controller_is_kommeet_oy_in_finland() {
    let p = policy();
    let c = p.controller();
    assert_eq!(c.name, "Kommeet Oy");
    assert_eq!(c.country, Country::FI);
    assert_eq!(c.time_zone.name(), "Europe/Helsinki");
    assert_eq!(c.contact.email.as_deref(), Some("support@smilee.io"));
    assert_eq!(c.contact.phone.as_deref(), Some("+358 405 528 702"));
    assert!(c.address.as_deref().unwrap().contains("90230 Uleåborg"));
    // No business id and no DPO are stated.
    assert_eq!(c.identity_number, None);
    assert_eq!(c.dpo, None);
}

/// Sections 9 and 12: the US service providers, incl. Google Analytics, MailChimp, LinkedIn and
/// Facebook, rely on an adequacy decision and "USA:s Privacy Shield"; none is said to be certified.
#[test]
fn us_recipients_rely_on_adequacy_and_privacy_shield() {
    let p = policy();
    for id in [
        "service_providers",
        "google_analytics",
        "mailchimp",
        "linkedin",
        "facebook",
    ] {
        let r = p.recipient(&RecipientId::new(id).unwrap()).unwrap();
        assert_eq!(r.location, Location::Country(Country::US), "{id}");
        assert_eq!(r.kind, RecipientKind::Processor, "{id}");
        assert!(
            r.safeguards
                .contains(&Safeguard::Mechanism(TransferMechanism::Adequacy(
                    AdequacyDecision::UsPrivacyShield
                ))),
            "{id}"
        );
        assert!(r.safeguards.contains(&Safeguard::AnyAdequacy), "{id}");
        assert_eq!(
            r.safeguards.len(),
            2,
            "{id}: no SCC or other mechanism is named"
        );
        // Relying on Privacy Shield presupposes certification under it.
        assert!(r.certified, "{id}");
    }
    let web = activity(&p, "web_analytics");
    for id in ["google_analytics", "mailchimp", "linkedin", "facebook"] {
        assert!(
            web.recipients.contains(&RecipientId::new(id).unwrap()),
            "{id}"
        );
    }
}

/// Section 8: disclosure only to Finnish authorities when required; a business-transfer party
/// whose location and safeguards are not stated.
#[test]
fn authorities_are_finnish_and_business_transfer_is_unsafeguarded() {
    let p = policy();
    let auth = p
        .recipient(&RecipientId::new("finnish_authorities").unwrap())
        .unwrap();
    assert_eq!(auth.kind, RecipientKind::Authority);
    assert_eq!(auth.location, Location::Country(Country::FI));
    let buyer = p
        .recipient(&RecipientId::new("business_transfer_party").unwrap())
        .unwrap();
    assert_eq!(buyer.location, Location::Unknown);
    assert!(buyer.safeguards.is_empty());
    let a = activity(&p, "authority_disclosure");
    assert!(matches!(
        a.bases().as_slice(),
        [LegalBasis::LegalObligation { statute: None }]
    ));
}

/// Section 14: one month, identity document; section 13: complaint to an unnamed authority.
#[test]
fn requests_answered_within_one_month_with_identity_document() {
    let p = policy();
    let r = p.rights();
    assert_eq!(
        r.response_time,
        ResponseTime::Within(Period::months(1).unwrap())
    );
    assert!(
        r.identification
            .as_deref()
            .unwrap()
            .contains("identitetsdokument")
    );
    assert_eq!(r.complaint_authority, None, "the notice names no authority");
    for right in [
        Right::Access,
        Right::Rectification,
        Right::Erasure,
        Right::Restriction,
        Right::Portability,
        Right::Objection,
        Right::WithdrawConsent,
        Right::Complaint,
    ] {
        assert!(r.offered.contains(&right), "{right:?}");
    }
    assert!(!r.offered.contains(&Right::AutomatedDecision));
    assert!(
        r.restriction_effect
            .as_deref()
            .unwrap()
            .contains("endast behållas")
    );
}

/// Section 7: direct marketing on legitimate interests; the newsletter on consent, withdrawn by
/// the link in every newsletter.
#[test]
fn marketing_on_legitimate_interests_newsletter_on_consent() {
    let p = policy();
    let dm = activity(&p, "direct_marketing");
    assert_eq!(
        dm.bases().into_iter().cloned().collect::<Vec<_>>(),
        vec![LegalBasis::LegitimateInterests {
            interest: Some("direkt marknadsföring för våra kunder".to_owned())
        }]
    );
    assert!(
        dm.purpose_ids()
            .any(|q| *q == PurposeId::new("marketing.direct").unwrap())
    );
    let nl = activity(&p, "newsletter");
    assert_eq!(
        nl.bases().into_iter().cloned().collect::<Vec<_>>(),
        vec![LegalBasis::Consent]
    );
    assert_eq!(
        nl.purpose_ids().cloned().collect::<Vec<_>>(),
        vec![PurposeId::new("marketing.direct.newsletter").unwrap()]
    );
    assert!(
        nl.withdrawal
            .as_deref()
            .unwrap()
            .contains("länk i varje nyhetsbrev")
    );
    assert!(!dm.relies_on_consent());
}

/// Section 10 "såsom ansvar för redovisning": the Finnish bookkeeping duties (KPL) keep billing data.
#[test]
fn bookkeeping_duties_are_finnish_kpl() {
    let p = policy();
    for id in ["billing", "bookkeeping"] {
        let a = activity(&p, id);
        assert_eq!(
            a.duties,
            vec![
                DutyRef::Builtin(DutyId::FiBooks),
                DutyRef::Builtin(DutyId::FiVouchers)
            ],
            "{id}"
        );
    }
    let b = activity(&p, "bookkeeping");
    assert!(matches!(
        b.bases().as_slice(),
        [LegalBasis::LegalObligation { .. }]
    ));
    assert!(
        b.categories
            .iter()
            .any(|(c, _)| c.as_str() == "financial.invoice")
    );
    // Marketing data is under no bookkeeping duty.
    assert!(activity(&p, "direct_marketing").duties.is_empty());
}

/// Section 6: data from public registers and LinkedIn / social media; website data via cookies.
#[test]
fn provenance_of_public_social_and_observed_data() {
    let p = policy();
    assert_eq!(
        provenance_of(&p, "direct_marketing", "professional.classification"),
        Provenance::Public
    );
    assert_eq!(
        provenance_of(&p, "direct_marketing", "online.social_media"),
        Provenance::ThirdParty
    );
    assert_eq!(
        provenance_of(&p, "direct_marketing", "contact.email"),
        Provenance::Subject
    );
    for c in [
        "online.ip_address",
        "online.cookie_id",
        "behaviour.browsing",
    ] {
        assert_eq!(
            provenance_of(&p, "web_analytics", c),
            Provenance::Observed,
            "{c}"
        );
    }
    assert_eq!(
        provenance_of(&p, "customer_relationship", "identity.name"),
        Provenance::Subject
    );
}

/// Section 10: kept "endast för den tid som behövs", no period and no review interval; and the
/// notice never says Smilee acts as a processor.
#[test]
fn retention_is_while_needed_without_review_and_no_processor_role() {
    let p = policy();
    for a in p.activities() {
        match &a.retention {
            Some(RetentionRule::WhilePurposeLasts { review, criteria }) => {
                assert_eq!(*review, None, "{}", a.id);
                assert!(
                    criteria.as_deref().unwrap().contains("den tid som behövs")
                        || criteria
                            .as_deref()
                            .unwrap()
                            .contains("ansvar för redovisning"),
                    "{}",
                    a.id
                );
            }
            other => panic!("{}: unexpected retention {other:?}", a.id),
        }
        assert_eq!(a.role, Role::Controller, "{}", a.id);
    }
    assert_eq!(p.activities().len(), 8);
}
