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

use chrono::{DateTime, NaiveDate, Utc};

use super::Engine;
use super::compile::{Act, CPurpose, CTarget, CompiledRequest, CompiledSubject, Ix};
use super::decision::{Decision, Obligation, Outcome, Reason, ReliedBasis, Rule};
use super::lawful::{Wishes, consent_for, holds_at, rule_of, verdict};
use super::request::Operation;
use super::retention::{Anchors, retention_end};
use crate::citation::{Citation, gdpr};
use crate::law::national_id::national_id_rule;
use crate::model::{
    Activity, BasisKind, LegalStatus, Location, RetentionRule, Role, SpecialCondition,
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

/// What the checks after the first share: the activity, its index and compiled form, and the
/// purposes the request is about.
struct Subject<'a> {
    ai: usize,
    a: &'a Activity,
    act: &'a Act,
    /// The activity's purposes in the request's scope.
    scope: Vec<CPurpose>,
    /// Their indices, for consent coverage.
    scope_ix: Vec<usize>,
}

impl Subject<'_> {
    fn path(&self, field: &str) -> String {
        format!("activity[{}].{field}", self.ai)
    }
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
    // 1. Declared activity, purpose, categories and subject.
    let Some(x) = declared(e, r, s, &mut out) else {
        return out.finish();
    };
    let date = e.policy.controller().time_zone.local_date(at);
    if let Role::Processor { on_behalf_of } = &x.a.role {
        // Lawfulness is the controller's to establish; the processor follows its instructions.
        out.add(
            Rule::ProcessorInstructions,
            true,
            gdpr(28, 3, 'a'),
            x.path("role"),
            format!("processed as processor on behalf of {on_behalf_of}"),
        );
        out.obligations
            .push(Obligation::FollowControllerInstructions {
                controller: on_behalf_of.clone(),
                citation: gdpr(28, 3, 'a').to_string(),
            });
        transfer(e, r, x.ai, date, &mut out);
        return out.finish();
    }
    // 2. A lawful basis for every purpose asked about. Erasure needs none: it is what Art. 17
    // asks for, and what ends processing.
    let relied = if r.operation == Operation::Erase {
        let msg = "erasure needs no legal basis".to_owned();
        out.add(
            Rule::Erasure,
            true,
            gdpr(17, 1, ' '),
            x.path("purposes"),
            msg,
        );
        Vec::new()
    } else {
        lawful_basis(e, s, &x, at, &mut out)
    };
    // 3. Special categories, criminal data, national id numbers.
    special_data(e, r, s, &x, at, &mut out);
    // 4. Restriction (Art. 18).
    restriction(e, r, s, &x, at, &mut out);
    // 5. Storage limitation.
    storage_limitation(e, r, s, &x, at, &mut out);
    // 6. Disclosure and transfer.
    transfer(e, r, x.ai, date, &mut out);
    // 7. Solely automated decisions.
    if r.operation == Operation::AutomatedDecision {
        automated(e, r, s, &x, &relied, at, &mut out);
    }
    out.finish()
}

/// Check 1: the activity (or one serving the purpose), the purpose within it, the categories
/// and the kind of subject are declared (Art. 5(1)(b)-(c), 30(1)).
fn declared<'e>(
    e: &'e Engine,
    r: &CompiledRequest,
    s: &CompiledSubject,
    out: &mut Out,
) -> Option<Subject<'e>> {
    let t = &e.c;
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
        return None;
    };
    let a = e.policy.activities().get(ai)?;
    // The purposes asked about: those within the named purpose, or the one the named purpose
    // is part of; every purpose when none is named.
    let scope: Vec<CPurpose> = match &r.purpose {
        None => act.each.clone(),
        Some(Ix::Known(p)) => {
            let within: Vec<CPurpose> = act
                .each
                .iter()
                .filter(|q| t.purpose_within(q.ix, *p))
                .copied()
                .collect();
            if within.is_empty() {
                act.each
                    .iter()
                    .filter(|q| t.purpose_within(*p, q.ix))
                    .copied()
                    .collect()
            } else {
                within
            }
        }
        Some(Ix::Unknown(_)) => Vec::new(),
    };
    let x = Subject {
        ai,
        a,
        act,
        scope_ix: scope.iter().map(|q| q.ix).collect(),
        scope,
    };
    out.add(
        Rule::ActivityDeclared,
        true,
        gdpr(30, 1, 'b'),
        x.path("id"),
        format!("activity `{}` is declared", a.id),
    );
    if x.scope.is_empty() {
        let msg = match &r.purpose {
            Some(Ix::Unknown(p)) => format!("no purpose `{p}` is declared"),
            Some(Ix::Known(p)) => format!(
                "activity `{}` does not serve purpose `{}`",
                a.id,
                t.purpose_names.get(*p).map_or("", |n| n.as_str())
            ),
            None => format!("activity `{}` declares no purpose", a.id),
        };
        out.add(
            Rule::ActivityDeclared,
            false,
            gdpr(5, 1, 'b'),
            x.path("purposes"),
            msg,
        );
    }
    if r.categories.is_empty() {
        out.add(
            Rule::CategoriesDeclared,
            false,
            gdpr(5, 1, 'c'),
            x.path("categories"),
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
            x.path("categories"),
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
        x.path("subjects"),
        msg,
    );
    Some(x)
}

fn name<I: ToString>(names: &[I], i: usize) -> String {
    names.get(i).map_or_else(String::new, ToString::to_string)
}

/// Check 2: every purpose in scope has a basis that holds at `at` (see [`super::lawful`]). The
/// first purpose's basis is the one the decision relies on; a legal obligation cites
/// Art. 6(1)(c) and the statute. Returns every basis that holds, for Art. 22.
fn lawful_basis(
    e: &Engine,
    s: &CompiledSubject,
    x: &Subject<'_>,
    at: DateTime<Utc>,
    out: &mut Out,
) -> Vec<BasisKind> {
    let mut holding = Vec::new();
    for q in &x.scope {
        let v = verdict(e, s, x.a, q, at, Wishes::default());
        let path = format!("activity[{}].purposes[{}]", x.ai, q.pos);
        let Some(h) = v.held else {
            for f in v.fails {
                out.add(f.rule, false, f.citation, path.clone(), f.message);
            }
            continue;
        };
        if out.basis.is_none() {
            out.basis = Some(ReliedBasis {
                basis: h.kind,
                citation: h.citation.to_string(),
                purpose: e.c.purpose_names.get(q.ix).cloned(),
            });
        }
        out.add(rule_of(h.kind), true, h.citation, path.clone(), h.message);
        if let Some(statute) = h.statute {
            let msg = format!("the obligation is imposed by {statute}");
            out.add(Rule::LegalObligation, true, statute, path, msg);
        }
        holding.push(h.kind);
        holding.extend(v.also);
    }
    holding
}

/// Check 3: special categories (Art. 9(2)), criminal data (Art. 10) and national
/// identification numbers (the controller country's rule under Art. 87).
fn special_data(
    e: &Engine,
    r: &CompiledRequest,
    s: &CompiledSubject,
    x: &Subject<'_>,
    at: DateTime<Utc>,
    out: &mut Out,
) {
    let t = &e.c;
    let a = x.a;
    for c in &r.categories {
        let Ix::Known(i) = c else { continue };
        let cname = name(&t.cat_names, *i);
        match t.cat_status.get(*i).copied() {
            Some(LegalStatus::Special(_)) => {
                let cond = a
                    .special_condition
                    .unwrap_or(SpecialCondition::ExplicitConsent);
                let ok = cond != SpecialCondition::ExplicitConsent
                    || consent_for(e, s, &x.scope_ix, at, true, false).is_some();
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
                    x.path("special_condition"),
                    msg,
                );
            }
            Some(LegalStatus::Criminal) => {
                let ok = a.criminal_authorisation.is_some();
                out.add(
                    Rule::CriminalData,
                    ok,
                    gdpr(10, 0, ' '),
                    x.path("criminal_authorisation"),
                    format!(
                        "criminal data `{cname}` authorised by {}",
                        a.criminal_authorisation.as_deref().unwrap_or("nothing")
                    ),
                );
            }
            Some(LegalStatus::NationalId) => {
                let cite = national_id_rule(e.policy.controller().country);
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
                    x.path("national_id_justification"),
                    msg,
                );
            }
            _ => {}
        }
    }
}

/// Check 4: restriction (Art. 18): storage only, with the Art. 18(2) exceptions.
fn restriction(
    e: &Engine,
    r: &CompiledRequest,
    s: &CompiledSubject,
    x: &Subject<'_>,
    at: DateTime<Utc>,
    out: &mut Out,
) {
    let t = &e.c;
    let restricted = s.restrictions.iter().any(|z| {
        holds_at(z.from, z.lifted, at)
            && (z.unknown
                || r.categories.iter().any(
                    |c| matches!(c, Ix::Known(i) if t.cat_up.get(*i).is_some_and(|u| u.intersects(&z.cats))),
                ))
    });
    if !restricted {
        return;
    }
    let hold = s.holds.iter().any(|(f, u)| holds_at(*f, *u, at));
    let claims = x.scope.iter().any(|q| q.legal_claims);
    let (ok, msg) = if r.operation == Operation::Store {
        out.obligations.push(Obligation::StorageOnly {
            citation: gdpr(18, 2, ' ').to_string(),
        });
        (
            true,
            "the data is restricted; storing it is allowed".to_owned(),
        )
    } else if consent_for(e, s, &x.scope_ix, at, false, false).is_some() {
        (
            true,
            "the data is restricted, but the subject consents to this processing".to_owned(),
        )
    } else if claims || hold {
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
        x.path("categories"),
        msg,
    );
}

/// Check 5: storage limitation (Art. 5(1)(e)): the activity's own period, where it has one.
fn storage_limitation(
    e: &Engine,
    r: &CompiledRequest,
    s: &CompiledSubject,
    x: &Subject<'_>,
    at: DateTime<Utc>,
    out: &mut Out,
) {
    let Some(RetentionRule::After { period, anchor }) = &x.a.retention else {
        return;
    };
    let anchors = Anchors {
        collected_at: r.collected_at,
        relationship_end: s.relationship.and_then(|rel| rel.end),
        consent_withdrawn: consent_withdrawal(e, s, &x.act.purposes, at),
        fiscal_year_end: r.fiscal_year_end,
        events: Some(&s.events),
    };
    let c = e.policy.controller();
    let Some((last, end)) =
        retention_end(*period, anchor, &anchors, c.time_zone, c.fiscal_year_end)
    else {
        return;
    };
    if end <= at && r.operation != Operation::Erase {
        out.add(
            Rule::StorageLimitation,
            false,
            gdpr(5, 1, 'e'),
            x.path("retention"),
            format!("retention ({period} after {anchor}) ended after {last}"),
        );
    } else if end > at {
        out.add(
            Rule::StorageLimitation,
            true,
            gdpr(5, 1, 'e'),
            x.path("retention"),
            format!("retention runs through {last}"),
        );
        out.obligations.push(Obligation::StopBy {
            at: end,
            citation: gdpr(5, 1, 'e').to_string(),
        });
    }
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

/// Check 6: the recipient is declared, and a transfer outside the EEA has a mechanism valid on
/// the local date (Art. 13(1)(e), 44-49).
fn transfer(e: &Engine, r: &CompiledRequest, ai: usize, date: NaiveDate, out: &mut Out) {
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

/// Check 7: a solely automated decision with legal or similar effects rests on a contract, a
/// law or explicit consent (Art. 22(2)), and on special-category data only with Art. 9(2)(a) or
/// (g) (Art. 22(4)).
fn automated(
    e: &Engine,
    r: &CompiledRequest,
    s: &CompiledSubject,
    x: &Subject<'_>,
    holding: &[BasisKind],
    at: DateTime<Utc>,
    out: &mut Out,
) {
    let a = x.a;
    let path = x.path("automated_decision");
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
    let explicit = consent_for(e, s, &x.scope_ix, at, true, false).is_some();
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
