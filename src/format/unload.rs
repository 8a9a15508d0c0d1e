//! Policy to wire: the inverse of validation, so that a loaded policy can be written back.

use super::validate::{
    anchor_word, basis_word, condition_word, provenance_word, safeguard_word, status_word,
};
use super::wire::{
    ActivityFile, CategoryFile, ControllerFile, DutyFile, NamedFile, PolicyFile, RecipientFile,
    RetentionFile, RightsFile, SubjectFile,
};
use crate::law::duty::Anchor;
use crate::model::{LegalBasis, Location, Policy, Provenance, ResponseTime, RetentionRule, Role};

fn event(a: &Anchor) -> Option<String> {
    match a {
        Anchor::Event(e) => Some(e.clone()),
        _ => None,
    }
}

/// The wire form of a validated policy; loading it gives back an equal policy.
pub(crate) fn to_wire(p: &Policy) -> PolicyFile {
    let c = &p.controller;
    PolicyFile {
        format: super::validate::FORMAT_VERSION,
        id: p.document.id.clone(),
        title: p.document.title.clone(),
        language: p.document.language.clone(),
        effective_from: p
            .document
            .effective_from
            .map(|d| d.format("%Y-%m-%d").to_string()),
        controller: ControllerFile {
            name: c.name.clone(),
            identity_number: c.identity_number.clone(),
            country: c.country.to_string(),
            address: c.address.clone(),
            time_zone: c.time_zone.name().to_owned(),
            fiscal_year_end: Some(c.fiscal_year_end.to_string()),
            contact: c.contact.clone(),
            dpo: c.dpo.clone(),
        },
        categories: p
            .categories
            .iter()
            .filter(|k| !k.builtin)
            .map(|k| CategoryFile {
                id: k.id.to_string(),
                name: k.name.clone(),
                status: Some(status_word(k.status).to_owned()),
            })
            .collect(),
        purposes: declared(&p.purposes),
        subjects: p
            .subjects
            .iter()
            .filter(|n| !n.builtin)
            .map(|n| SubjectFile {
                id: n.id.to_string(),
                name: n.name.clone(),
                party_to_contract: n.party_to_contract,
            })
            .collect(),
        recipients: p
            .recipients
            .iter()
            .map(|r| RecipientFile {
                id: r.id.to_string(),
                name: r.name.clone(),
                kind: r.kind,
                location: match r.location {
                    Location::Eea => "EEA".to_owned(),
                    Location::ThirdCountry => "third_country".to_owned(),
                    Location::Unknown => "unknown".to_owned(),
                    Location::Country(c) => c.to_string(),
                },
                safeguards: r.safeguards.iter().map(|g| safeguard_word(*g)).collect(),
                certified: r.certified,
            })
            .collect(),
        duties: p
            .duties
            .iter()
            .map(|d| DutyFile {
                id: d.id.to_string(),
                citation: d.citation.clone(),
                categories: d.categories.iter().map(ToString::to_string).collect(),
                period: d.period.to_string(),
                after: anchor_word(&d.anchor).to_owned(),
                event: event(&d.anchor),
                limitation: d.limitation,
            })
            .collect(),
        activities: p.activities.iter().map(activity).collect(),
        rights: RightsFile {
            offered: p.rights.offered.clone(),
            channels: p.rights.channels.clone(),
            identification: p.rights.identification.clone(),
            response_time: match &p.rights.response_time {
                ResponseTime::Within(d) => Some(d.to_string()),
                _ => None,
            },
            response_time_text: match &p.rights.response_time {
                ResponseTime::Vague(t) => Some(t.clone()),
                _ => None,
            },
            complaint_authority: p.rights.complaint_authority.clone(),
            restriction_effect: p.rights.restriction_effect.clone(),
        },
    }
}

fn declared<I: ToString>(list: &[crate::model::Named<I>]) -> Vec<NamedFile> {
    list.iter()
        .filter(|n| !n.builtin)
        .map(|n| NamedFile {
            id: n.id.to_string(),
            name: n.name.clone(),
        })
        .collect()
}

fn activity(a: &crate::model::Activity) -> ActivityFile {
    let mut legitimate_interest = None;
    let mut legal_obligation = None;
    for b in a.bases() {
        match b {
            LegalBasis::LegitimateInterests { interest } => {
                legitimate_interest.clone_from(interest)
            }
            LegalBasis::LegalObligation { statute } => {
                legal_obligation = statute.as_ref().map(ToString::to_string)
            }
            _ => {}
        }
    }
    // The short form when every purpose shares its bases, else one list per purpose.
    let words = |q: &crate::model::ActivityPurpose| -> Vec<String> {
        q.bases
            .iter()
            .map(|b| basis_word(b.kind()).to_owned())
            .collect()
    };
    let first = a.purposes.first().map(words).unwrap_or_default();
    let (bases, purpose_bases) = if a.purposes.iter().all(|q| words(q) == first) {
        (Some(first), std::collections::BTreeMap::new())
    } else {
        let per = a
            .purposes
            .iter()
            .map(|q| (q.id.to_string(), words(q)))
            .collect();
        (None, per)
    };
    let (role, on_behalf_of) = match &a.role {
        Role::Controller => (None, None),
        Role::Processor { on_behalf_of } => {
            (Some("processor".to_owned()), Some(on_behalf_of.clone()))
        }
    };
    ActivityFile {
        id: a.id.to_string(),
        name: a.name.clone(),
        purposes: a.purpose_ids().map(ToString::to_string).collect(),
        bases,
        purpose_bases,
        legitimate_interest,
        legal_obligation,
        special_condition: a.special_condition.map(|c| condition_word(c).to_owned()),
        criminal_authorisation: a.criminal_authorisation.clone(),
        national_id_justification: a.national_id_justification.clone(),
        subjects: a.subjects.iter().map(ToString::to_string).collect(),
        categories: a.categories.iter().map(|(c, _)| c.to_string()).collect(),
        provenance: a
            .categories
            .iter()
            .filter(|(_, v)| *v != Provenance::Subject)
            .map(|(c, v)| (c.to_string(), provenance_word(*v).to_owned()))
            .collect(),
        role,
        on_behalf_of,
        retention: a.retention.as_ref().map(|r| match r {
            RetentionRule::After { period, anchor } => RetentionFile {
                period: Some(period.to_string()),
                after: Some(anchor_word(anchor).to_owned()),
                event: event(anchor),
                ..RetentionFile::default()
            },
            RetentionRule::WhilePurposeLasts { review, criteria } => RetentionFile {
                until: Some("purpose_ends".to_owned()),
                review: review.map(|r| r.to_string()),
                criteria: criteria.clone(),
                ..RetentionFile::default()
            },
        }),
        duties: a.duties.iter().map(|d| d.as_str().to_owned()).collect(),
        recipients: a.recipients.iter().map(ToString::to_string).collect(),
        automated_decision: a.automated_decision.clone(),
        requirement: a.requirement,
        withdrawal: a.withdrawal.clone(),
        offered_to_children: a.offered_to_children,
    }
}
