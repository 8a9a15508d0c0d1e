//! The seven checks of a processing decision, in order.
//!
//! 1. declared: activity, categories, subject kind (Art. 5(1)(b)-(c), 30);
//! 2. legal basis at the instant (Art. 6(1), 7(3), 8, 21);
//! 3. special categories, criminal data, national id numbers (Art. 9(2), 10, 87);
//! 4. restriction (Art. 18);
//! 5. storage limitation (Art. 5(1)(e));
//! 6. disclosure and third-country transfer (Art. 44-49);
//! 7. solely automated decisions (Art. 22).
//!
//! Every check adds a [`Reason`]; any violated one makes the decision a deny. Intervals are
//! half-open: a consent withdrawn at `t` no longer holds at `t`; an objection made at `t` holds
//! from `t`.

use chrono::{DateTime, Utc};

use super::Engine;
use super::compile::{CConsent, CTarget, CompiledRequest, CompiledSubject, Ix};
use super::decision::{Decision, Obligation, Outcome, Reason, ReliedBasis, Rule};
use super::request::Operation;
use super::retention::{Anchors, retention_end};
use crate::citation::{Citation, gdpr};
use crate::law::Jurisdiction;
use crate::law::age::digital_consent_age;
use crate::law::statute::Statute;
use crate::model::{
    Activity, BasisKind, LegalBasis, LegalStatus, Location, RetentionRule, Role, SpecialCondition,
};

struct Out {
    reasons: Vec<Reason>,
    obligations: Vec<Obligation>,
    basis: Option<ReliedBasis>,
}

impl Out {
    fn add(&mut self, rule: Rule, ok: bool, citation: Citation, path: String, message: String) {
        self.reasons.push(Reason {
            rule,
            satisfied: ok,
            citation,
            path,
            message,
        });
    }

    fn finish(mut self) -> Decision {
        let deny = self.reasons.iter().any(|r| !r.satisfied);
        // Determining reasons first (stable): violated ones for a deny, satisfied for a permit.
        self.reasons.sort_by_key(|r| r.satisfied == deny);
        if deny {
            self.obligations.clear();
            self.basis = None;
        }
        Decision {
            outcome: if deny { Outcome::Deny } else { Outcome::Permit },
            basis: self.basis,
            reasons: self.reasons,
            obligations: self.obligations,
        }
    }
}

fn holds_at(from: DateTime<Utc>, until: Option<DateTime<Utc>>, at: DateTime<Utc>) -> bool {
    from <= at && until.is_none_or(|u| at < u)
}

pub(crate) fn decide(
    e: &Engine,
    r: &CompiledRequest,
    s: &CompiledSubject,
    at: DateTime<Utc>,
) -> Decision {
    let mut out = Out {
        reasons: Vec::with_capacity(8),
        obligations: Vec::new(),
        basis: None,
    };
    let t = &e.c;
    let policy = &e.policy;

    // 1. Declared activity.
    let found = match &r.target {
        CTarget::Activity(Ix::Known(i)) => Some(*i),
        CTarget::Purpose(Ix::Known(p)) => t.acts.iter().position(|a| {
            a.purposes
                .iter()
                .any(|&q| t.purpose_within(q, *p) || t.purpose_within(*p, q))
                && r.categories
                    .iter()
                    .all(|c| matches!(c, Ix::Known(c) if a.cats.contains(*c)))
                && matches!(s.kind, Ix::Known(k) if a.subjects.contains(k))
        }),
        _ => None,
    };
    let (Some(ai), Some(act)) = (found, found.and_then(|i| t.acts.get(i))) else {
        let what = match &r.target {
            CTarget::Activity(Ix::Unknown(a)) => format!("no activity `{a}` is declared"),
            CTarget::Purpose(Ix::Unknown(p)) => format!("no purpose `{p}` is declared"),
            _ => "no declared activity serves this purpose for these categories and subject"
                .to_owned(),
        };
        out.add(
            Rule::ActivityDeclared,
            false,
            gdpr(5, 1, 'b'),
            "activity".to_owned(),
            what,
        );
        return out.finish();
    };
    let Some(a) = policy.activities().get(ai) else {
        return out.finish();
    };
    let path = |field: &str| format!("activity[{ai}].{field}");
    out.add(
        Rule::ActivityDeclared,
        true,
        gdpr(30, 1, 'b'),
        path("id"),
        format!("activity `{}` is declared", a.id),
    );

    // Declared categories and subject.
    if r.categories.is_empty() {
        out.add(
            Rule::CategoriesDeclared,
            false,
            gdpr(5, 1, 'c'),
            path("categories"),
            "the request names no category of data".to_owned(),
        );
    }
    for c in &r.categories {
        let (ok, msg) = match c {
            Ix::Known(i) if act.cats.contains(*i) => (
                true,
                format!("`{}` is declared for the activity", name(&t.cat_names, *i)),
            ),
            Ix::Known(i) => (
                false,
                format!(
                    "`{}` is not among the activity's categories",
                    name(&t.cat_names, *i)
                ),
            ),
            Ix::Unknown(n) => (false, format!("unknown category `{n}`")),
        };
        out.add(
            Rule::CategoriesDeclared,
            ok,
            gdpr(5, 1, 'c'),
            path("categories"),
            msg,
        );
    }
    let (ok, msg) = match &s.kind {
        Ix::Known(k) if act.subjects.contains(*k) => (
            true,
            "the subject's kind is declared for the activity".to_owned(),
        ),
        Ix::Known(_) => (
            false,
            "the subject's kind is not among the activity's subjects".to_owned(),
        ),
        Ix::Unknown(k) => (false, format!("unknown kind of subject `{k}`")),
    };
    out.add(
        Rule::SubjectDeclared,
        ok,
        gdpr(30, 1, 'c'),
        path("subjects"),
        msg,
    );

    let date = policy.controller().time_zone.local_date(at);
    if let Role::Processor { on_behalf_of } = &a.role {
        // Lawfulness is the controller's to establish; the processor follows its instructions.
        out.add(
            Rule::ProcessorInstructions,
            true,
            gdpr(28, 3, 'a'),
            path("role"),
            format!("processed as processor on behalf of {on_behalf_of}"),
        );
        out.obligations
            .push(Obligation::FollowControllerInstructions {
                controller: on_behalf_of.clone(),
                citation: gdpr(28, 3, 'a').to_string(),
            });
        transfer(e, r, ai, date, &mut out);
        return out.finish();
    }

    // 2. Direct-marketing objections stop direct marketing whatever the basis (Art. 21(3)).
    if !act.direct_marketing.is_empty() && r.operation != Operation::Erase {
        let dm = s
            .objections
            .iter()
            .find(|o| o.at <= at && overlaps(e, &o.purpose, &act.direct_marketing));
        if let Some(o) = dm {
            let kind = if o.direct_marketing {
                "to direct marketing"
            } else {
                "to processing for direct marketing"
            };
            out.add(
                Rule::DirectMarketingObjection,
                false,
                gdpr(21, 3, ' '),
                path("purposes"),
                format!("the subject objected {kind} at {}", o.at),
            );
        }
    }
    // Erasure needs no legal basis: it is what Art. 17 asks for, and what ends processing.
    let relied = if r.operation == Operation::Erase {
        let msg = "erasure needs no legal basis".to_owned();
        out.add(Rule::Erasure, true, gdpr(17, 1, ' '), path("bases"), msg);
        Vec::new()
    } else {
        basis(e, s, a, act, ai, at, &mut out)
    };

    // 3. Special categories, criminal data, national id numbers.
    for c in &r.categories {
        let Ix::Known(i) = c else { continue };
        let cname = name(&t.cat_names, *i);
        match t.cat_status.get(*i).copied() {
            Some(LegalStatus::Special(_)) => {
                let cond = a
                    .special_condition
                    .unwrap_or(SpecialCondition::ExplicitConsent);
                let ok = cond != SpecialCondition::ExplicitConsent
                    || consent_for(e, s, &act.purposes, at, true, false).is_some();
                let msg = if ok {
                    format!(
                        "special-category data `{cname}` under Art. 9(2)({})",
                        cond.point()
                    )
                } else {
                    format!(
                        "special-category data `{cname}` needs explicit consent (Art. 9(2)(a)), and none holds"
                    )
                };
                out.add(
                    Rule::SpecialCategory,
                    ok,
                    cond.citation(),
                    path("special_condition"),
                    msg,
                );
            }
            Some(LegalStatus::Criminal) => {
                let ok = a.criminal_authorisation.is_some();
                out.add(
                    Rule::CriminalData,
                    ok,
                    gdpr(10, 0, ' '),
                    path("criminal_authorisation"),
                    format!(
                        "criminal data `{cname}` authorised by {}",
                        a.criminal_authorisation.as_deref().unwrap_or("nothing")
                    ),
                );
            }
            Some(LegalStatus::NationalId) => {
                let cite = match Jurisdiction::of(policy.controller().country) {
                    Some(Jurisdiction::Sweden) => {
                        Citation::Statute(Statute::SeDataskyddslagen.at("3 kap. 10 §"))
                    }
                    _ => gdpr(87, 0, ' '),
                };
                let (ok, msg) = match &a.national_id_justification {
                    Some(j) => (true, format!("national id number `{cname}` justified: {j}")),
                    None => (
                        false,
                        format!(
                            "national id number `{cname}` is processed without a stated justification"
                        ),
                    ),
                };
                out.add(
                    Rule::NationalId,
                    ok,
                    cite,
                    path("national_id_justification"),
                    msg,
                );
            }
            _ => {}
        }
    }

    // 4. Restriction (Art. 18): storage only, with the Art. 18(2) exceptions.
    let restricted = s.restrictions.iter().find(|x| {
        holds_at(x.from, x.lifted, at)
            && (x.unknown || r.categories.iter().any(|c| matches!(c, Ix::Known(i) if t.cat_up.get(*i).is_some_and(|u| u.intersects(&x.cats)))))
    });
    if restricted.is_some() {
        let hold = s.holds.iter().any(|(f, u)| holds_at(*f, *u, at));
        let (ok, msg) = if r.operation == Operation::Store {
            out.obligations.push(Obligation::StorageOnly {
                citation: gdpr(18, 2, ' ').to_string(),
            });
            (
                true,
                "the data is restricted; storing it is allowed".to_owned(),
            )
        } else if consent_for(e, s, &act.purposes, at, false, false).is_some() {
            (
                true,
                "the data is restricted, but the subject consents to this processing".to_owned(),
            )
        } else if act.legal_claims || hold {
            (
                true,
                "the data is restricted, but is processed for legal claims".to_owned(),
            )
        } else {
            (
                false,
                "the data is restricted: only storage is allowed".to_owned(),
            )
        };
        out.add(
            Rule::Restriction,
            ok,
            gdpr(18, 2, ' '),
            path("categories"),
            msg,
        );
    }

    // 5. Storage limitation.
    if let Some(RetentionRule::After { period, anchor }) = &a.retention {
        let anchors = Anchors {
            collected_at: r.collected_at,
            relationship_end: s.relationship.and_then(|(_, end)| end),
            consent_withdrawn: consent_withdrawal(e, s, &act.purposes, at),
            fiscal_year_end: r.fiscal_year_end,
            events: Some(&s.events),
        };
        let c = policy.controller();
        if let Some((last, end)) =
            retention_end(*period, anchor, &anchors, c.time_zone, c.fiscal_year_end)
        {
            if end <= at && r.operation != Operation::Erase {
                out.add(
                    Rule::StorageLimitation,
                    false,
                    gdpr(5, 1, 'e'),
                    path("retention"),
                    format!("retention ({period} after {anchor}) ended after {last}"),
                );
            } else if end > at {
                out.add(
                    Rule::StorageLimitation,
                    true,
                    gdpr(5, 1, 'e'),
                    path("retention"),
                    format!("retention runs through {last}"),
                );
                out.obligations.push(Obligation::StopBy {
                    at: end,
                    citation: gdpr(5, 1, 'e').to_string(),
                });
            }
        }
    }

    // 6. Disclosure and transfer.
    transfer(e, r, ai, date, &mut out);

    // 7. Solely automated decisions.
    if r.operation == Operation::AutomatedDecision {
        automated(e, r, s, a, &relied, ai, at, &mut out);
    }
    out.finish()
}

fn name<I: ToString>(names: &[I], i: usize) -> String {
    names.get(i).map_or_else(String::new, ToString::to_string)
}

/// Whether an objection's purpose overlaps any of the activity's purposes (either way round:
/// an objection to `marketing.direct` covers `marketing.direct.newsletter`, and an objection to
/// the newsletter stops an activity that includes it).
fn overlaps(e: &Engine, p: &Ix, purposes: &[usize]) -> bool {
    let Ix::Known(p) = p else { return false };
    purposes
        .iter()
        .any(|&q| e.c.purpose_within(q, *p) || e.c.purpose_within(*p, q))
}

/// A consent that covers every one of the activity's purposes and holds at `at`.
fn consent_for<'s>(
    e: &Engine,
    s: &'s CompiledSubject,
    purposes: &[usize],
    at: DateTime<Utc>,
    explicit: bool,
    parental: bool,
) -> Option<&'s CConsent> {
    s.consents.iter().find(|c| {
        let Ix::Known(p) = c.purpose else {
            return false;
        };
        holds_at(c.given, c.until, at)
            && (!explicit || c.explicit)
            && (!parental || c.parental)
            && !purposes.is_empty()
            && purposes.iter().all(|&q| e.c.purpose_within(q, p))
    })
}

/// The consent-withdrawal anchor as known at `at`: while a consent holds, the instant it is set
/// to end (a recorded future withdrawal or expiry), which can only add a "stop by" obligation;
/// otherwise the last withdrawal at or before `at` (a renewed consent resets the anchor).
fn consent_withdrawal(
    e: &Engine,
    s: &CompiledSubject,
    purposes: &[usize],
    at: DateTime<Utc>,
) -> Option<DateTime<Utc>> {
    if let Some(c) = consent_for(e, s, purposes, at, false, false) {
        return c.until;
    }
    s.consents
        .iter()
        .filter(|c| matches!(c.purpose, Ix::Known(p) if purposes.iter().all(|&q| e.c.purpose_within(q, p))))
        .filter_map(|c| c.withdrawn)
        .filter(|w| *w <= at)
        .max()
}

/// Evaluates every basis of the activity at `at`. The first that holds is relied on; the
/// others that hold are kept as satisfied reasons (Art. 22 looks at all of them). Returns the
/// bases that hold, in policy order. When none holds, every failure is a reason.
#[allow(clippy::too_many_arguments)]
fn basis(
    e: &Engine,
    s: &CompiledSubject,
    a: &Activity,
    act: &super::compile::Act,
    ai: usize,
    at: DateTime<Utc>,
    out: &mut Out,
) -> Vec<BasisKind> {
    let path = format!("activity[{ai}].bases");
    let mut failures = Vec::new();
    let mut holding = Vec::new();
    for b in &a.bases {
        let kind = b.kind();
        let (ok, cite, msg) = match b {
            LegalBasis::Consent => {
                let country = s.country.unwrap_or(e.policy.controller().country);
                let (age, age_cite) = digital_consent_age(country);
                let child = s.age.is_some_and(|x| x < age)
                    || matches!(&s.kind, Ix::Known(k) if e.c.child_kind == Some(*k));
                let any = consent_for(e, s, &act.purposes, at, false, false);
                let valid = if child {
                    consent_for(e, s, &act.purposes, at, false, true)
                } else {
                    any
                };
                match (valid, any) {
                    (Some(c), _) => (
                        true,
                        kind.citation(),
                        format!("consent given at {} holds", c.given),
                    ),
                    (None, Some(_)) => {
                        let msg = format!(
                            "a child under {age} in {country} cannot consent alone; parental consent is needed (Art. 8(1))"
                        );
                        failures.push((Rule::ChildConsent, age_cite, msg));
                        (
                            false,
                            gdpr(8, 1, ' '),
                            "the consent given is not valid for a child".to_owned(),
                        )
                    }
                    (None, None) => (
                        false,
                        gdpr(7, 3, ' '),
                        "no consent covering the activity's purposes holds at this instant"
                            .to_owned(),
                    ),
                }
            }
            LegalBasis::Contract => match s.relationship {
                Some((start, end)) if holds_at(start, end, at) => {
                    (true, kind.citation(), "the contract is in force".to_owned())
                }
                Some((_, Some(end))) if end <= at => (
                    false,
                    kind.citation(),
                    format!("the contract ended at {end}"),
                ),
                Some((start, _)) => (
                    false,
                    kind.citation(),
                    format!("the contract starts only at {start}"),
                ),
                None => (
                    false,
                    kind.citation(),
                    "there is no contract with the subject".to_owned(),
                ),
            },
            LegalBasis::LegalObligation { statute } => {
                let cite = statute.clone().unwrap_or_else(|| kind.citation());
                (true, cite, "a legal obligation requires it".to_owned())
            }
            LegalBasis::VitalInterests => (true, kind.citation(), "vital interests".to_owned()),
            LegalBasis::PublicTask | LegalBasis::LegitimateInterests { .. } => {
                let mut matching = s.objections.iter().filter(|o| {
                    !o.direct_marketing && o.at <= at && overlaps(e, &o.purpose, &act.purposes)
                });
                let first = matching.clone().next();
                // An objection stands unless compelling grounds are recorded against it.
                let standing = matching.find(|o| !o.overridden);
                match (standing, first) {
                    (Some(_), _) if act.legal_claims => (
                        true,
                        kind.citation(),
                        "processing for legal claims continues despite the objection (Art. 21(1))"
                            .to_owned(),
                    ),
                    (Some(o), _) => (
                        false,
                        gdpr(21, 1, ' '),
                        format!(
                            "the subject objected at {} and no compelling legitimate grounds are recorded",
                            o.at
                        ),
                    ),
                    (None, Some(_)) => (
                        true,
                        kind.citation(),
                        "compelling legitimate grounds override the subject's objection".to_owned(),
                    ),
                    (None, None) => {
                        let interest = match b {
                            LegalBasis::LegitimateInterests { interest: Some(i) } => i.as_str(),
                            LegalBasis::PublicTask => "public task",
                            _ => "interest not stated",
                        };
                        (true, kind.citation(), format!("{kind} ({interest})"))
                    }
                }
            }
        };
        if ok {
            if out.basis.is_none() {
                out.basis = Some(ReliedBasis {
                    basis: kind,
                    citation: cite.to_string(),
                });
            }
            out.add(rule_of(kind), true, cite, path.clone(), msg);
            holding.push(kind);
        } else {
            failures.push((rule_of(kind), cite, msg));
        }
    }
    if holding.is_empty() {
        for (rule, cite, msg) in failures {
            out.add(rule, false, cite, path.clone(), msg);
        }
    }
    holding
}

fn rule_of(k: BasisKind) -> Rule {
    match k {
        BasisKind::Consent => Rule::Consent,
        BasisKind::Contract => Rule::Contract,
        BasisKind::LegalObligation => Rule::LegalObligation,
        BasisKind::VitalInterests => Rule::VitalInterests,
        BasisKind::PublicTask => Rule::PublicTask,
        BasisKind::LegitimateInterests => Rule::LegitimateInterests,
    }
}

fn transfer(e: &Engine, r: &CompiledRequest, ai: usize, date: chrono::NaiveDate, out: &mut Out) {
    let needs_recipient = matches!(r.operation, Operation::Disclose | Operation::Transfer);
    let path = format!("activity[{ai}].recipients");
    let (ri, rec) = match &r.recipient {
        None if needs_recipient => {
            let msg = "a disclosure or transfer must name its recipient".to_owned();
            out.add(Rule::RecipientDeclared, false, gdpr(13, 1, 'e'), path, msg);
            return;
        }
        None => return,
        Some(Ix::Unknown(n)) => {
            let msg = format!("unknown recipient `{n}`");
            out.add(Rule::RecipientDeclared, false, gdpr(13, 1, 'e'), path, msg);
            return;
        }
        Some(Ix::Known(i)) => match e.policy.recipients().get(*i) {
            Some(rec) => (*i, rec),
            None => return,
        },
    };
    if !e
        .c
        .acts
        .get(ai)
        .is_some_and(|act| act.recipients.contains(ri))
    {
        let msg = format!("recipient `{}` is not declared for the activity", rec.id);
        out.add(Rule::RecipientDeclared, false, gdpr(13, 1, 'e'), path, msg);
        return;
    }
    out.add(
        Rule::RecipientDeclared,
        true,
        gdpr(13, 1, 'e'),
        path,
        format!("recipient `{}` is declared for the activity", rec.id),
    );
    let dest = r.destination.map(Location::Country).unwrap_or(rec.location);
    let inside = match dest {
        Location::Eea => true,
        Location::Country(c) => c.in_eea_on(date),
        Location::ThirdCountry | Location::Unknown => false,
    };
    if inside {
        return;
    }
    let country = match dest {
        Location::Country(c) => Some(c),
        _ => None,
    };
    let tpath = format!("recipient[{ri}].safeguards");
    let valid = super::transfer::valid_safeguard(rec, country, date);
    let where_ = country.map_or_else(
        || "a country outside the EEA that the policy does not name".to_owned(),
        |c| c.to_string(),
    );
    match valid {
        Some((m, cite)) => {
            out.add(
                Rule::TransferMechanism,
                true,
                cite.clone(),
                tpath,
                format!("transfer to {where_} under {m}, valid on {date}"),
            );
            out.obligations.push(Obligation::InformOfTransfer {
                safeguard: m.to_string(),
                citation: gdpr(13, 1, 'f').to_string(),
            });
        }
        None if rec.safeguards.is_empty() => out.add(
            Rule::TransferMechanism,
            false,
            gdpr(44, 0, ' '),
            tpath,
            format!("transfer to {where_} with no mechanism stated"),
        ),
        None => out.add(
            Rule::TransferMechanism,
            false,
            gdpr(44, 0, ' '),
            tpath,
            format!("no stated mechanism covers a transfer to {where_} on {date}"),
        ),
    }
}

#[allow(clippy::too_many_arguments)]
fn automated(
    e: &Engine,
    r: &CompiledRequest,
    s: &CompiledSubject,
    a: &Activity,
    holding: &[BasisKind],
    ai: usize,
    at: DateTime<Utc>,
    out: &mut Out,
) {
    let path = format!("activity[{ai}].automated_decision");
    let Some(ad) = &a.automated_decision else {
        out.add(
            Rule::AutomatedDecision,
            false,
            gdpr(22, 1, ' '),
            path,
            "the activity declares no automated decision-making".to_owned(),
        );
        return;
    };
    if !ad.legal_effects {
        out.add(
            Rule::AutomatedDecision,
            true,
            gdpr(22, 1, ' '),
            path,
            "the automated decision has no legal or similarly significant effects".to_owned(),
        );
        return;
    }
    let purposes = e.c.acts.get(ai).map_or(&[][..], |x| &x.purposes[..]);
    let explicit = consent_for(e, s, purposes, at, true, false).is_some();
    // Art. 22(2): any basis that holds may carry the decision.
    let (ok, point, msg) = if holding.contains(&BasisKind::Contract) {
        (true, 'a', "necessary for a contract")
    } else if holding.contains(&BasisKind::LegalObligation) {
        (true, 'b', "authorised by law")
    } else if holding.contains(&BasisKind::Consent) && explicit {
        (true, 'c', "based on explicit consent")
    } else {
        (
            false,
            ' ',
            "a solely automated decision with legal effects needs a contract, a law or explicit consent",
        )
    };

    let special = r.categories.iter().any(|c| matches!(c, Ix::Known(i) if matches!(e.c.cat_status.get(*i), Some(LegalStatus::Special(_)))));
    if ok
        && special
        && !(explicit || a.special_condition == Some(SpecialCondition::SubstantialPublicInterest))
    {
        out.add(
            Rule::AutomatedDecision,
            false,
            gdpr(22, 4, ' '),
            path,
            "automated decisions on special-category data need Art. 9(2)(a) or (g)".to_owned(),
        );
        return;
    }
    out.add(
        Rule::AutomatedDecision,
        ok,
        gdpr(22, 2, point),
        path,
        msg.to_owned(),
    );
    if ok && point != 'b' {
        out.obligations.push(Obligation::OfferHumanIntervention {
            citation: gdpr(22, 3, ' ').to_string(),
        });
    }
}
