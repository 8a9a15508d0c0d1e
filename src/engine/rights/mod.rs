//! Which data-subject rights apply (Chapter III GDPR), per activity, with reasons and citations.
//!
//! [`Engine::rights`] answers, for every activity that declares the subject's kind and each
//! [`Right`] in article order, whether it applies at the instant asked about:
//!
//! - **withdrawal** (Art. 7(3)): the activity rests on consent (Art. 6(1)(a), 9(2)(a)) and a
//!   consent holds or none is recorded; not once every covering consent has ended;
//! - **information** (Art. 13; Art. 14 where some data is not from the subject), **access**
//!   (Art. 15), **rectification** (Art. 16), **restriction** (Art. 18, naming those in force):
//!   always;
//! - **erasure** (Art. 17): the Art. 17(1) grounds that apply now, by the tests of
//!   [`Engine::plan_erasure`], all of them rather than the first: (a) a contract-only activity's
//!   contract ended, or a retention rule anchored on the subject's state ran out; (b) no consent
//!   holds for a consent-only activity; (c) an objection stands; plus (f) for a child's data
//!   collected on consent (which the plan honours when a request states it). None while a
//!   contract the activity rests on is in force. Art. 17(3) exceptions are per record (see the
//!   plan); the reason names the duties and holds that may keep data;
//! - **portability** (Art. 20): consent (Art. 6(1)(a), 9(2)(a)) or contract (Art. 6(1)(b)), and
//!   data provided by the subject (provenance `subject` or `observed`). Processing is assumed to
//!   be automated: the policy format cannot declare manual (paper) processing;
//! - **objection** (Art. 21), in two parts: Art. 21(1) only on public task or legitimate
//!   interests; Art. 21(2) wherever a purpose is direct marketing (`marketing.direct` and below),
//!   whatever the basis;
//! - **automated decisions** (Art. 22): declared with legal or similarly significant effects;
//! - **complaint** (Art. 77): always, naming the authority of the controller's country by its
//!   name on the controller's local date, and how the policy's naming compares ([`PolicyName`](super::complaint::PolicyName)).
//!
//! Where the controller acts as **processor**, every right but the complaint is exercised
//! against the controller it acts for (Art. 28(3)(e)). Activities are in policy order.

use std::fmt;

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

mod answers;

use answers::{automated, information, objection, portability, restriction, withdrawal};

use super::Engine;
use super::complaint::Complaint;
use super::erasure::ErasureGround;
use super::lawful::{Lapse, Needs, Wishes, needs};
use super::retention::retention_end;
use crate::citation::as_text;
use crate::citation::{Citation, gdpr};
use crate::law::Jurisdiction;
use crate::law::age::digital_consent_age;
use crate::law::duty::DutyId;
use crate::model::{
    Activity, ActivityId, BasisKind, CategoryId, Consent, DutyRef, LegalBasis, Objection,
    ObjectionKind, PurposeId, Record, RestrictionGround, RetentionRule, Right, Role,
    SpecialCondition, SubjectKind, SubjectState,
};

/// The rights a subject has at an instant, per activity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RightsReport {
    /// The instant asked about.
    pub at: DateTime<Utc>,
    /// The controller's local date at that instant.
    pub date: NaiveDate,
    /// The kind of subject.
    pub subject: SubjectKind,
    /// One entry per activity that declares the subject's kind, in policy order (empty when none
    /// does).
    pub activities: Vec<ActivityRights>,
    /// Where the subject may complain (Art. 77).
    pub complaint: Complaint,
}

impl RightsReport {
    /// The entry of the activity with this id, if it is in the report.
    #[must_use]
    pub fn activity(&self, id: &str) -> Option<&ActivityRights> {
        self.activities.iter().find(|a| a.activity.as_str() == id)
    }
}

/// The rights that apply to one activity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ActivityRights {
    /// The activity.
    pub activity: ActivityId,
    /// Its place in the policy, `activity[i]`.
    pub path: String,
    /// The controller the policy acts for, when it is processor for this activity: the subject
    /// exercises the rights against that controller.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub processor_for: Option<String>,
    /// Every right, in article order.
    pub rights: Vec<RightStatus>,
}

impl ActivityRights {
    /// The status of one right.
    #[must_use]
    pub fn right(&self, right: Right) -> Option<&RightStatus> {
        self.rights.iter().find(|r| r.right == right)
    }
}

/// Whether one right applies, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RightStatus {
    /// The right.
    pub right: Right,
    /// Whether it applies now.
    pub applies: bool,
    /// The provision the answer rests on.
    #[serde(serialize_with = "as_text")]
    pub citation: Citation,
    /// Why, in one sentence.
    pub reason: String,
    /// Whether the policy tells subjects about this right (`[rights].offered`).
    pub offered_by_policy: bool,
    /// For erasure: the Art. 17(1) grounds that apply now.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub grounds: Vec<Ground>,
    /// For objection: Art. 21(1) and Art. 21(2), each with its own answer.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub parts: Vec<Part>,
}

impl RightStatus {
    /// The part whose citation renders as `text` (e.g. `GDPR Art. 21(2)`).
    #[must_use]
    pub fn part(&self, text: &str) -> Option<&Part> {
        self.parts.iter().find(|p| p.citation.to_string() == text)
    }
}

/// An Art. 17(1) ground that applies now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Ground {
    /// The ground.
    pub ground: ErasureGround,
    /// `GDPR Art. 17(1)(x)`.
    #[serde(serialize_with = "as_text")]
    pub citation: Citation,
    /// Why it applies.
    pub reason: String,
}

/// One paragraph of a right that has several (Art. 21(1) and 21(2)).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Part {
    /// The paragraph.
    #[serde(serialize_with = "as_text")]
    pub citation: Citation,
    /// Whether it applies.
    pub applies: bool,
    /// Why.
    pub reason: String,
}

/// Whether a consent-like interval holds at `at` (half-open).
fn holds(from: DateTime<Utc>, until: Option<DateTime<Utc>>, at: DateTime<Utc>) -> bool {
    from <= at && until.is_none_or(|u| at < u)
}

/// When a consent stops holding: the earlier of its withdrawal and its expiry.
pub(crate) fn consent_end(c: &Consent) -> Option<DateTime<Utc>> {
    match (c.withdrawn, c.expires) {
        (Some(w), Some(e)) => Some(w.min(e)),
        (w, e) => w.or(e),
    }
}

/// The basis that makes the activity's data portable (Art. 20(1)(a)), if any.
pub(crate) fn portable_basis(a: &Activity) -> Option<(BasisKind, Citation)> {
    if let Some(b) = a
        .bases()
        .into_iter()
        .map(LegalBasis::kind)
        .find(|k| matches!(k, BasisKind::Consent | BasisKind::Contract))
    {
        return Some((b, b.citation()));
    }
    (a.special_condition == Some(SpecialCondition::ExplicitConsent)).then(|| {
        (
            BasisKind::Consent,
            SpecialCondition::ExplicitConsent.citation(),
        )
    })
}

fn bases_text(a: &Activity) -> String {
    let v: Vec<String> = a
        .bases()
        .into_iter()
        .map(|b| format!("{} ({})", b.kind(), b.kind().citation()))
        .collect();
    v.join(", ")
}

fn list<T: fmt::Display>(items: impl IntoIterator<Item = T>) -> String {
    let v: Vec<String> = items.into_iter().map(|i| format!("`{i}`")).collect();
    v.join(", ")
}

/// Whether a right applies, the provision, and why.
type Answer = (bool, Citation, String);

fn answer(applies: bool, citation: Citation, reason: impl Into<String>) -> Answer {
    (applies, citation, reason.into())
}

impl Engine {
    /// Which rights `subject` has at `at`, for every activity that declares its kind.
    ///
    /// See the [module docs](self) for the tests applied to each right.
    #[must_use]
    pub fn rights(&self, subject: &SubjectState, at: DateTime<Utc>) -> RightsReport {
        let acts = self.policy.activities().iter().enumerate();
        let idx: Vec<usize> = acts
            .filter(|(_, a)| a.subjects.contains(&subject.kind))
            .map(|(i, _)| i)
            .collect();
        self.rights_for(subject, &idx, at)
    }

    /// The rights report for the activities at the given indices, in that order.
    pub(crate) fn rights_for(
        &self,
        s: &SubjectState,
        activities: &[usize],
        at: DateTime<Utc>,
    ) -> RightsReport {
        let date = self.policy.controller().time_zone.local_date(at);
        let complaint = self.complaint(date);
        let activities = activities
            .iter()
            .filter_map(|&i| {
                let a = self.policy.activities().get(i)?;
                Some(self.activity_rights(s, i, a, at, &complaint))
            })
            .collect();
        let subject = s.kind.clone();
        RightsReport {
            at,
            date,
            subject,
            activities,
            complaint,
        }
    }

    fn activity_rights(
        &self,
        s: &SubjectState,
        i: usize,
        a: &Activity,
        at: DateTime<Utc>,
        complaint: &Complaint,
    ) -> ActivityRights {
        let processor_for = match &a.role {
            Role::Processor { on_behalf_of } => Some(on_behalf_of.clone()),
            Role::Controller => None,
        };
        let offered = &self.policy.rights().offered;
        let rights = Right::ALL
            .into_iter()
            .map(|right| {
                let (mut grounds, mut parts) = (Vec::new(), Vec::new());
                let (applies, citation, reason) = match (right, &processor_for) {
                    (Right::Complaint, _) => {
                        answer(true, complaint.citation.clone(), complaint.message.clone())
                    }
                    (_, Some(c)) => answer(
                        false,
                        gdpr(28, 3, 'e'),
                        format!("the policy's controller is processor for this activity: the right is exercised against {c}, whom it assists"),
                    ),
                    (Right::WithdrawConsent, None) => withdrawal(s, a, at),
                    (Right::Information, None) => information(a),
                    (Right::Access, None) => answer(
                        true,
                        gdpr(15, 1, ' '),
                        "the subject may obtain confirmation, a copy of the data (the first free of charge, Art. 15(3)) and the information of Art. 15(1)-(2)",
                    ),
                    (Right::Rectification, None) => answer(
                        true,
                        gdpr(16, 0, ' '),
                        "inaccurate data must be rectified and incomplete data completed without undue delay, and the recipients told (Art. 19)",
                    ),
                    (Right::Erasure, None) => {
                        let (ans, g) = self.erasure_now(s, a, at);
                        grounds = g;
                        ans
                    }
                    (Right::Restriction, None) => restriction(s, a, at),
                    (Right::Portability, None) => portability(a),
                    (Right::Objection, None) => {
                        let (ans, p) = objection(s, a, at);
                        parts = p;
                        ans
                    }
                    (Right::AutomatedDecision, None) => automated(s, a, at),
                };
                let offered_by_policy = offered.contains(&right);
                RightStatus { right, applies, citation, reason, offered_by_policy, grounds, parts }
            })
            .collect();
        let path = format!("activity[{i}]");
        ActivityRights {
            activity: a.id.clone(),
            path,
            processor_for,
            rights,
        }
    }

    /// The Art. 17(1) grounds that apply now to the activity's data, and the answer.
    fn erasure_now(
        &self,
        s: &SubjectState,
        a: &Activity,
        at: DateTime<Utc>,
    ) -> (Answer, Vec<Ground>) {
        let mut grounds = Vec::new();
        let add = |grounds: &mut Vec<Ground>, ground: ErasureGround, reason: String| {
            grounds.push(Ground {
                ground,
                citation: ground.citation(),
                reason,
            });
        };
        // Each purpose on its own bases, as erasure plans judge them.
        let rule_ended = self.rule_ended(s, a, at);
        let cs = self.compile_subject(s);
        let ai = self.policy.activity(&a.id).map_or(usize::MAX, |(i, _)| i);
        let Needs {
            needed,
            contract,
            unstated,
            lapses,
        } = needs(
            self,
            &cs,
            a,
            ai,
            at,
            Wishes::default(),
            rule_ended.is_some(),
        );
        // (f) rests on how the data was collected, not on whether a basis still holds
        // (Recital 65): it applies beside any need that remains.
        let (age, _) = digital_consent_age(s.country.unwrap_or(self.policy.controller().country));
        let child = s.age.is_some_and(|x| x < age) || s.kind.as_str() == "child";
        let child_data = child && a.offered_to_children && a.relies_on_consent();
        if !needed.is_empty() && !child_data {
            let cite = if contract {
                BasisKind::Contract.citation()
            } else {
                gdpr(17, 1, ' ')
            };
            let why = format!(
                "no Art. 17(1) ground applies now: the data is still necessary for purpose {}",
                needed.join(", ")
            );
            return (answer(false, cite, why), Vec::new());
        }
        if !unstated.is_empty() && !child_data {
            let why = format!(
                "no legal basis is stated for purpose {}: whether an Art. 17(1) ground applies cannot be told from the policy",
                unstated.join(", ")
            );
            return (answer(false, gdpr(6, 1, ' '), why), Vec::new());
        }
        let lapsed = needed.is_empty() && unstated.is_empty();
        // (c): a standing objection.
        if lapsed && lapses.contains(&Lapse::Objection) {
            let why = match standing_objection(s, a, at) {
                Some(o) => {
                    let kind = match o.kind {
                        ObjectionKind::DirectMarketing => "to direct marketing (Art. 21(2))",
                        ObjectionKind::ParticularSituation => {
                            "with no compelling grounds recorded (Art. 21(1))"
                        }
                    };
                    format!("the subject objected {kind} at {}", o.at)
                }
                None => "an objection the subject made stands".to_owned(),
            };
            add(&mut grounds, ErasureGround::Objection, why);
        }
        // (b): consent gone, and no other basis holds.
        if lapsed && lapses.contains(&Lapse::Consent) && a.relies_on_consent() {
            let covering = covering(s, a);
            let why = match covering
                .iter()
                .filter_map(|c| consent_end(c))
                .filter(|w| *w <= at)
                .max()
            {
                Some(w) => format!(
                    "the consent the activity rests on ended at {w}, and no other basis holds"
                ),
                None => {
                    "no consent covering the activity's purposes holds, and no other basis holds"
                        .to_owned()
                }
            };
            add(&mut grounds, ErasureGround::ConsentWithdrawn, why);
        }
        // (a): no purpose needs the data any more.
        if lapsed && grounds.is_empty() {
            let ended = s
                .relationship
                .as_ref()
                .and_then(|x| x.end)
                .filter(|e| *e <= at);
            let why = match (rule_ended, ended) {
                (Some(last), _) => format!("the activity's retention period ended after {last}"),
                (None, Some(end)) if a.rests_on(BasisKind::Contract) => {
                    format!("the contract the activity rests on ended at {end}")
                }
                _ if a.rests_on(BasisKind::LegalObligation) => "no purpose but a legal obligation needs the data, which Art. 17(3)(b) keeps for as long as the obligation requires".to_owned(),
                _ => "no purpose of the activity has a basis that still holds".to_owned(),
            };
            add(&mut grounds, ErasureGround::NoLongerNecessary, why);
        }
        // (f): a child's data collected on consent for an information society service.
        if child_data {
            let why =
                format!("the data of a child under {age} was collected on consent (Art. 8(1))");
            add(&mut grounds, ErasureGround::ChildData, why);
        }
        let mut why = format!(
            "erasure may be asked for on {}",
            list(grounds.iter().map(|g| &g.citation))
        );
        let duties = self.duties(a).join(", ");
        if !duties.is_empty() {
            why.push_str(&format!(
                "; records a legal duty to keep covers ({duties}) are retained under Art. 17(3)(b)"
            ));
        }
        if s.legal_claim_holds
            .iter()
            .any(|h| holds(h.from, h.until, at))
        {
            why.push_str(
                "; data needed for legal claims is kept under Art. 17(3)(e) while the hold lasts",
            );
        }
        (answer(true, gdpr(17, 1, ' '), why), grounds)
    }

    /// The last day of the activity's retention period, if the rule counts from an anchor the
    /// subject's state gives (not collection or a fiscal year: those are per record) and that
    /// day has passed at `at`.
    fn rule_ended(&self, s: &SubjectState, a: &Activity, at: DateTime<Utc>) -> Option<NaiveDate> {
        let Some(RetentionRule::After { period, anchor }) = &a.retention else {
            return None;
        };
        let (category, _) = a.categories.first()?;
        let probe = Record {
            id: String::new(),
            category: category.clone(),
            activity: a.id.clone(),
            collected_at: at,
            fiscal_year_end: None,
            disclosed_to: Vec::new(),
        };
        let mut anchors = self.anchors(&probe, Some(s), a, at);
        anchors.collected_at = None;
        let c = self.policy.controller();
        let (last, end) = retention_end(*period, anchor, &anchors, c.time_zone, c.fiscal_year_end)?;
        (end <= at).then_some(last)
    }

    /// The legal duties to keep that may cover the activity's data, as citations with their
    /// ids: those it names and, for a controller, its country's bookkeeping duties covering one
    /// of its categories.
    pub(crate) fn duties(&self, a: &Activity) -> Vec<String> {
        let national = Jurisdiction::of(self.policy.controller().country)
            .filter(|_| matches!(a.role, Role::Controller))
            .map_or(&[][..], DutyId::bookkeeping)
            .iter()
            .filter(|id| {
                a.categories
                    .iter()
                    .any(|(c, _)| id.covers_category(c.as_str()))
            })
            .map(|id| DutyRef::Builtin(*id));
        let mut out: Vec<String> = Vec::new();
        for d in a.duties.iter().cloned().chain(national) {
            let text = match &d {
                DutyRef::Builtin(id) => format!("{} (`{id}`)", id.provision()),
                DutyRef::Declared(n) => match self.policy.declared_duty(n) {
                    Some(dd) => format!("{} (`{n}`)", dd.citation),
                    None => format!("`{n}`"),
                },
            };
            if !out.contains(&text) {
                out.push(text);
            }
        }
        out
    }
}

/// The subject's consents that cover every purpose of the activity.
fn covering<'s>(s: &'s SubjectState, a: &Activity) -> Vec<&'s Consent> {
    let covers = |c: &&Consent| a.purpose_ids().all(|p| p.is_within(&c.purpose));
    s.consents.iter().filter(covers).collect()
}

/// An objection that stands at `at` against the activity, making it an Art. 17(1)(c) ground:
/// one to direct marketing, or one under Art. 21(1) against processing on legitimate interests
/// or public task (or for direct marketing) with no compelling grounds recorded and not for
/// legal claims, which Art. 21(1) lets the controller go on with (as decisions do).
pub(crate) fn standing_objection<'s>(
    s: &'s SubjectState,
    a: &Activity,
    at: DateTime<Utc>,
) -> Option<&'s Objection> {
    let dm = !direct_marketing(a).is_empty();
    let li = objectable_basis(a).is_some();
    let claims = PurposeId::new("legal.claims")
        .ok()
        .is_some_and(|lc| a.purpose_ids().any(|q| q.is_within(&lc)));
    s.objections.iter().find(|o| {
        o.at <= at
            && overlaps(a, &o.purpose)
            && match o.kind {
                ObjectionKind::DirectMarketing => true,
                ObjectionKind::ParticularSituation => {
                    o.compelling_grounds.is_none() && !claims && (li || dm)
                }
            }
    })
}

/// Whether `p` is one of the activity's purposes, above or below one.
fn overlaps(a: &Activity, p: &PurposeId) -> bool {
    a.purpose_ids().any(|q| q.is_within(p) || p.is_within(q))
}

/// The activity's purposes that are direct marketing (`marketing.direct` and below).
pub(crate) fn direct_marketing(a: &Activity) -> Vec<&PurposeId> {
    let dm = PurposeId::new("marketing.direct").ok();
    let is_dm = |p: &&PurposeId| dm.as_ref().is_some_and(|d| p.is_within(d));
    a.purpose_ids().filter(is_dm).collect()
}

/// The basis that opens the activity to Art. 21(1) objections: public task or legitimate
/// interests.
fn objectable_basis(a: &Activity) -> Option<&LegalBasis> {
    let open = |b: &&LegalBasis| {
        matches!(
            b.kind(),
            BasisKind::PublicTask | BasisKind::LegitimateInterests
        )
    };
    a.bases().into_iter().find(open)
}
