//! Whether a purpose of an activity has a lawful basis at an instant (Art. 6(1)), one purpose at
//! a time: a basis is given "for one or more specific purposes", so each purpose is judged on the
//! bases the policy lists for it and on nothing else.
//!
//! For one purpose, in this order:
//!
//! 1. no basis stated: nothing holds (Art. 6(1));
//! 2. a direct-marketing purpose the subject objected to: stopped, whatever its basis
//!    (Art. 21(2)-(3));
//! 3. the bases are listed in the order they are relied on: the first that holds is the basis
//!    of the processing. Where that is legitimate interests or a public task and the subject
//!    objected under Art. 21(1), with no compelling grounds recorded and not for legal claims,
//!    the purpose stops; a basis listed after it cannot take its place after the fact (EDPB
//!    Guidelines 2/2019 on Art. 6(1)(b), and 05/2020 on consent, on swapping bases), except a
//!    legal obligation, which an objection does not reach. A basis listed before it that holds
//!    (a customer's contract, where a contact person's data rests on legitimate interests) is
//!    not touched: Art. 21(1) reaches only processing on Art. 6(1)(e) or (f);
//! 4. otherwise the first listed basis that holds is relied on: consent covering the purpose
//!    (with the parents' below the national age where the activity offers an information society
//!    service directly to children, Art. 8(1)); a contract the subject is party to and that is in
//!    force, or, for a purpose that settles it (`billing` and below), not yet settled; a legal
//!    obligation; vital interests; legitimate interests or a public task.
//!
//! Decisions, erasure plans and rights reports all read a purpose's basis from here.

use chrono::{DateTime, Utc};

use super::Engine;
use super::compile::{CConsent, CPurpose, CompiledSubject, Ix};
use super::decision::Rule;
use crate::citation::{Citation, gdpr};
use crate::law::age::digital_consent_age;
use crate::model::{Activity, BasisKind, LegalBasis};

/// What an erasure request itself says about the subject's wishes at its instant, on top of the
/// recorded state.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Wishes {
    /// The request withdraws every consent (Art. 17(1)(b) stated).
    pub(crate) consent_withdrawn: bool,
    /// The request objects under Art. 21(1) (Art. 17(1)(c) stated).
    pub(crate) objects: bool,
    /// The request objects to direct marketing (Art. 21(2)): any erasure request that states
    /// a ground does, for the direct-marketing purposes.
    pub(crate) objects_to_marketing: bool,
}

/// Why a purpose has no basis that holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Lapse {
    /// The policy states no basis for it.
    NotStated,
    /// An objection stands against it (Art. 21).
    Objection,
    /// The consent it rested on was withdrawn, lapsed or never given.
    Consent,
    /// Its other bases do not hold (a contract ended or settled, no contract, not a party).
    Other,
}

/// A basis that holds.
#[derive(Debug, Clone)]
pub(crate) struct Held {
    pub(crate) kind: BasisKind,
    pub(crate) citation: Citation,
    pub(crate) message: String,
    /// The statute a legal obligation rests on, where the policy names it.
    pub(crate) statute: Option<Citation>,
}

/// Why one basis does not hold.
#[derive(Debug, Clone)]
pub(crate) struct Fail {
    pub(crate) rule: Rule,
    pub(crate) citation: Citation,
    pub(crate) message: String,
}

/// The answer for one purpose.
#[derive(Debug, Clone)]
pub(crate) struct Verdict {
    /// The basis relied on, if one holds.
    pub(crate) held: Option<Held>,
    /// Every other basis that holds as well (Art. 22(2) looks at all of them).
    pub(crate) also: Vec<BasisKind>,
    /// Why each basis fails, when none holds.
    pub(crate) fails: Vec<Fail>,
    /// Why none holds, when none does.
    pub(crate) lapse: Option<Lapse>,
}

impl Verdict {
    fn lapsed(lapse: Lapse, fails: Vec<Fail>) -> Self {
        Self {
            held: None,
            also: Vec::new(),
            fails,
            lapse: Some(lapse),
        }
    }
}

pub(crate) fn holds_at(
    from: DateTime<Utc>,
    until: Option<DateTime<Utc>>,
    at: DateTime<Utc>,
) -> bool {
    from <= at && until.is_none_or(|u| at < u)
}

/// Whether purpose `p` overlaps `q` either way round: an objection to `marketing.direct` covers
/// `marketing.direct.newsletter`, and one to the newsletter reaches an activity serving
/// `marketing.direct` as a whole.
pub(crate) fn overlaps(e: &Engine, p: &Ix, q: usize) -> bool {
    let Ix::Known(p) = p else { return false };
    e.c.purpose_within(q, *p) || e.c.purpose_within(*p, q)
}

/// A consent that covers every one of `purposes` and holds at `at`.
pub(crate) fn consent_for<'s>(
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

/// The purpose's name for messages.
pub(crate) fn purpose_name<'e>(e: &'e Engine, q: &CPurpose) -> &'e str {
    e.c.purpose_names.get(q.ix).map_or("", |p| p.as_str())
}

/// Judges one purpose of activity `a` for subject `s` at `at`.
pub(crate) fn verdict(
    e: &Engine,
    s: &CompiledSubject,
    a: &Activity,
    q: &CPurpose,
    at: DateTime<Utc>,
    wishes: Wishes,
) -> Verdict {
    let bases = a.purposes.get(q.pos).map_or(&[][..], |p| &p.bases[..]);
    let name = purpose_name(e, q);
    if bases.is_empty() {
        let fail = Fail {
            rule: Rule::BasisStated,
            citation: gdpr(6, 1, ' '),
            message: format!("no legal basis is stated for purpose `{name}`"),
        };
        return Verdict::lapsed(Lapse::NotStated, vec![fail]);
    }
    if q.direct_marketing
        && let Some(why) = marketing_objection(e, s, q, at, wishes)
    {
        let fail = Fail {
            rule: Rule::DirectMarketingObjection,
            citation: gdpr(21, 3, ' '),
            message: format!("purpose `{name}`: {why}"),
        };
        return Verdict::lapsed(Lapse::Objection, vec![fail]);
    }
    let objection = objection(e, s, q, at, wishes);
    let mut holding: Vec<Held> = Vec::new();
    let mut fails = Vec::new();
    let mut lapse = Lapse::Other;
    for b in bases {
        let kind = b.kind();
        let result = match b {
            LegalBasis::Consent => consent(e, s, a, q, at, wishes, name).inspect_err(|_| {
                lapse = Lapse::Consent;
            }),
            LegalBasis::Contract => contract(e, s, q, at, name),
            LegalBasis::LegalObligation { statute } => Ok(Held {
                kind,
                citation: kind.citation(),
                message: match statute {
                    Some(st) => format!("purpose `{name}`: a legal obligation requires it ({st})"),
                    None => format!("purpose `{name}`: a legal obligation requires it"),
                },
                statute: statute.clone(),
            }),
            LegalBasis::VitalInterests => Ok(Held {
                kind,
                citation: kind.citation(),
                message: format!("purpose `{name}`: vital interests"),
                statute: None,
            }),
            LegalBasis::PublicTask | LegalBasis::LegitimateInterests { .. } => {
                let interest = match b {
                    LegalBasis::LegitimateInterests { interest: Some(i) } => i.as_str(),
                    LegalBasis::PublicTask => "public task",
                    _ => "interest not stated",
                };
                let message = match objection {
                    Objection::ForClaims => format!(
                        "purpose `{name}`: processing for legal claims continues despite the objection (Art. 21(1))"
                    ),
                    Objection::Overridden => format!(
                        "purpose `{name}`: compelling legitimate grounds override the subject's objection"
                    ),
                    _ => format!("purpose `{name}`: {kind} ({interest})"),
                };
                Ok(Held {
                    kind,
                    citation: kind.citation(),
                    message,
                    statute: None,
                })
            }
        };
        match result {
            Ok(h) => holding.push(h),
            Err(f) => fails.push(f),
        }
    }
    // Step 3: the basis relied on is the first that holds. Where it is one an Art. 21(1)
    // objection reaches and the objection stands, the purpose stops; a basis listed after it
    // cannot take its place after the fact, except a legal obligation.
    let objected =
        |k: BasisKind| matches!(k, BasisKind::LegitimateInterests | BasisKind::PublicTask);
    if objection.stands()
        && let Some(first) = holding.first()
        && objected(first.kind)
    {
        if let Some(i) = holding
            .iter()
            .position(|h| h.kind == BasisKind::LegalObligation)
        {
            let lo = holding.swap_remove(i);
            return Verdict {
                held: Some(lo),
                also: Vec::new(),
                fails: Vec::new(),
                lapse: None,
            };
        }
        let others: Vec<String> = holding.iter().skip(1).map(|h| h.kind.to_string()).collect();
        let tail = if others.is_empty() {
            String::new()
        } else {
            format!(
                "; the purpose's other bases ({}) cannot take the place of {} after the fact",
                others.join(", "),
                first.kind
            )
        };
        let fail = Fail {
            rule: rule_of(first.kind),
            citation: gdpr(21, 1, ' '),
            message: format!("purpose `{name}`: {}{tail}", objection.message()),
        };
        return Verdict::lapsed(Lapse::Objection, vec![fail]);
    }
    let mut holding = holding.into_iter();
    match holding.next() {
        Some(h) => Verdict {
            held: Some(h),
            also: holding.map(|h| h.kind).collect(),
            fails: Vec::new(),
            lapse: None,
        },
        None => Verdict::lapsed(lapse, fails),
    }
}

/// What an Art. 21(1) objection to a purpose amounts to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Objection {
    /// None was made.
    None,
    /// It stands: made at the instant given, or by the erasure request itself.
    Stands(Option<DateTime<Utc>>),
    /// Compelling legitimate grounds are recorded against every one made.
    Overridden,
    /// The purpose is legal claims, which an objection does not stop (Art. 21(1)).
    ForClaims,
}

impl Objection {
    fn stands(self) -> bool {
        matches!(self, Self::Stands(_))
    }

    fn message(self) -> String {
        match self {
            Self::Stands(Some(t)) => format!(
                "the subject objected at {t} and no compelling legitimate grounds are recorded"
            ),
            _ => "the subject objects and no compelling legitimate grounds are recorded".to_owned(),
        }
    }
}

fn objection(
    e: &Engine,
    s: &CompiledSubject,
    q: &CPurpose,
    at: DateTime<Utc>,
    wishes: Wishes,
) -> Objection {
    let mut made = s
        .objections
        .iter()
        .filter(|o| !o.direct_marketing && o.at <= at && overlaps(e, &o.purpose, q.ix))
        .peekable();
    let recorded = made.peek().is_some();
    let any = recorded || wishes.objects;
    let standing = made.find(|o| !o.overridden).map(|o| o.at);
    match (any, standing) {
        (false, _) => Objection::None,
        _ if q.legal_claims => Objection::ForClaims,
        (true, Some(t)) => Objection::Stands(Some(t)),
        // Compelling grounds recorded against the objection override it when the erasure
        // request repeats it too (Art. 17(1)(c): "no overriding legitimate grounds").
        (true, None) if wishes.objects && !recorded => Objection::Stands(None),
        (true, None) => Objection::Overridden,
    }
}

/// Why a direct-marketing purpose is stopped, if it is: any objection reaching it (Art. 21(2)
/// makes one to direct marketing absolute; one under 21(1) to such a purpose is one to direct
/// marketing too), or the erasure request itself.
fn marketing_objection(
    e: &Engine,
    s: &CompiledSubject,
    q: &CPurpose,
    at: DateTime<Utc>,
    wishes: Wishes,
) -> Option<String> {
    let recorded = s
        .objections
        .iter()
        .find(|o| o.at <= at && overlaps(e, &o.purpose, q.ix));
    match recorded {
        Some(o) if o.direct_marketing => Some(format!(
            "the subject objected to direct marketing at {}",
            o.at
        )),
        Some(o) => Some(format!(
            "the subject objected to processing for direct marketing at {}",
            o.at
        )),
        None if wishes.objects_to_marketing => {
            Some("the erasure request objects to direct marketing".to_owned())
        }
        None => None,
    }
}

#[allow(clippy::too_many_arguments)]
fn consent(
    e: &Engine,
    s: &CompiledSubject,
    a: &Activity,
    q: &CPurpose,
    at: DateTime<Utc>,
    wishes: Wishes,
    name: &str,
) -> Result<Held, Fail> {
    let kind = BasisKind::Consent;
    let none = |msg: &str| Fail {
        rule: Rule::Consent,
        citation: gdpr(7, 3, ' '),
        message: format!("purpose `{name}`: {msg}"),
    };
    if wishes.consent_withdrawn {
        return Err(none("the erasure request withdraws consent"));
    }
    let any = consent_for(e, s, &[q.ix], at, false, false);
    // Art. 8(1) binds only information society services offered directly to children.
    let country = s.country.unwrap_or(e.policy.controller().country);
    let (age, age_cite) = digital_consent_age(country);
    let child = a.offered_to_children
        && (s.age.is_some_and(|x| x < age)
            || matches!(&s.kind, Ix::Known(k) if e.c.child_kind == Some(*k)));
    let valid = if child {
        consent_for(e, s, &[q.ix], at, false, true)
    } else {
        any
    };
    match (valid, any) {
        (Some(c), _) => Ok(Held {
            kind,
            citation: kind.citation(),
            message: format!("purpose `{name}`: consent given at {} holds", c.given),
            statute: None,
        }),
        (None, Some(_)) => Err(Fail {
            rule: Rule::ChildConsent,
            citation: age_cite,
            message: format!(
                "purpose `{name}`: a child under {age} in {country} cannot consent alone to an information society service; parental consent is needed (Art. 8(1))"
            ),
        }),
        (None, None) => Err(none(
            "no consent covering the purpose holds at this instant",
        )),
    }
}

fn contract(
    e: &Engine,
    s: &CompiledSubject,
    q: &CPurpose,
    at: DateTime<Utc>,
    name: &str,
) -> Result<Held, Fail> {
    let kind = BasisKind::Contract;
    let fail = |message: String| Fail {
        rule: Rule::Contract,
        citation: kind.citation(),
        message: format!("purpose `{name}`: {message}"),
    };
    let party = match &s.kind {
        Ix::Known(k) => e.c.party.contains(*k),
        Ix::Unknown(_) => false,
    };
    if !party {
        let kind_name = match &s.kind {
            Ix::Known(k) => e
                .policy
                .subjects()
                .get(*k)
                .map_or_else(String::new, |x| x.id.to_string()),
            Ix::Unknown(k) => k.clone(),
        };
        return Err(fail(format!(
            "a `{kind_name}` is not a party to the contract, and only a party's data can be processed under Art. 6(1)(b)"
        )));
    }
    let held = |message: String| Held {
        kind,
        citation: kind.citation(),
        message: format!("purpose `{name}`: {message}"),
        statute: None,
    };
    match s.relationship {
        Some(r) if holds_at(r.start, r.end, at) => Ok(held("the contract is in force".to_owned())),
        Some(r) if r.start > at => Err(fail(format!("the contract starts only at {}", r.start))),
        Some(r) => {
            let end = r.end.unwrap_or(r.start);
            match r.settled {
                Some(settled) if q.settles && at < settled => Ok(held(format!(
                    "the contract ended at {end} and is being settled until {settled}"
                ))),
                _ => Err(fail(format!("the contract ended at {end}"))),
            }
        }
        None => Err(fail("there is no contract with the subject".to_owned())),
    }
}

/// What an activity's purposes still need, for erasure: the purposes with a basis that holds
/// (other than a legal obligation, which is the Art. 17(3)(b) exception, and, once the policy's
/// own period is over, other than a running contract), those with no basis stated, and why the
/// others lapsed.
#[derive(Debug, Clone, Default)]
pub(crate) struct Needs {
    /// `` `purpose` (basis holds) `` for each purpose that still needs the data.
    pub(crate) needed: Vec<String>,
    /// Whether a contract is among what still needs it.
    pub(crate) contract: bool,
    /// `` `purpose` `` for each purpose with no basis stated.
    pub(crate) unstated: Vec<String>,
    /// Why the other purposes lapsed.
    pub(crate) lapses: Vec<Lapse>,
}

/// Judges every purpose of activity `ai` for erasure (see [`Needs`]).
#[allow(clippy::too_many_arguments)]
pub(crate) fn needs(
    e: &Engine,
    s: &CompiledSubject,
    a: &Activity,
    ai: usize,
    at: DateTime<Utc>,
    wishes: Wishes,
    period_over: bool,
) -> Needs {
    let mut out = Needs::default();
    for q in e.c.acts.get(ai).map_or(&[][..], |x| &x.each[..]) {
        let v = verdict(e, s, a, q, at, wishes);
        let name = purpose_name(e, q);
        match v.held {
            Some(h) if h.kind == BasisKind::LegalObligation => {}
            Some(h) if period_over && h.kind != BasisKind::Contract => {}
            Some(h) => {
                out.contract |= h.kind == BasisKind::Contract;
                out.needed.push(format!("`{name}` ({} holds)", h.kind));
            }
            None if v.lapse == Some(Lapse::NotStated) => out.unstated.push(format!("`{name}`")),
            None => out.lapses.extend(v.lapse),
        }
    }
    out
}

/// The rule that reports a basis.
pub(crate) fn rule_of(k: BasisKind) -> Rule {
    match k {
        BasisKind::Consent => Rule::Consent,
        BasisKind::Contract => Rule::Contract,
        BasisKind::LegalObligation => Rule::LegalObligation,
        BasisKind::VitalInterests => Rule::VitalInterests,
        BasisKind::PublicTask => Rule::PublicTask,
        BasisKind::LegitimateInterests => Rule::LegitimateInterests,
    }
}
