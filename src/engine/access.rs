//! Access reports (Art. 15) and the scope of portability (Art. 20).
//!
//! [`Engine::access_report`] gathers, for one subject, what Art. 15(1)(a)-(h) and 15(2) require,
//! from the policy, the subject's state and the records held about them. It covers the
//! activities that declare the subject's kind or hold one of the records, and:
//! - **recipients** (15(1)(c)): the actual ones, named by the records' `disclosed_to` (CJEU
//!   C-154/21), flagged `disclosed`, besides those the activities declare; a record may name a
//!   recipient the policy does not know, which is listed too;
//! - **retention** (15(1)(d)): the period and anchor, or the criteria, with the legal duties to
//!   keep, and for each record its computed end from [`Engine::schedule`];
//! - **sources** (15(1)(g)): every category whose provenance is neither `subject` nor `observed`;
//! - **transfer safeguards** (15(2)): every recipient that is, or may be, outside the EEA on the
//!   controller's local date, with the mechanisms the policy states and the one valid that day
//!   (the tests of [`Engine::decide`]);
//! - the **rights** and the **authority** (15(1)(e)-(f)) are a [`RightsReport`].
//!
//! Records of activities the controller runs as processor are not reported: they are listed
//! under `forwarded`, as the request goes to the controller (Art. 28(3)(e)). Records of unknown
//! activities are reported (they are held) with an unknown retention.
//!
//! [`Engine::portability`] says, per record, whether it is in the scope of Art. 20, checking in
//! order: the activity is known; the controller is not processor for it; it rests on consent
//! (Art. 6(1)(a) or 9(2)(a)) or contract (Art. 6(1)(b)); the record's category was provided by the
//! subject (provenance `subject` or `observed`, WP242 rev.01). Processing is **assumed to be
//! carried out by automated means** (Art. 20(1)(b)): the policy format has no way to declare
//! manual processing, so every record of a declared activity is taken to be held electronically.

use std::collections::BTreeMap;
use std::fmt;

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use super::Engine;
use super::rights::RightsReport;
use super::schedule::{Due, Source};
use crate::citation::as_text;
use crate::citation::{Citation, gdpr};
use crate::model::{
    Activity, ActivityId, AutomatedDecision, CategoryId, LegalBasis, LegalStatus, Location,
    Provenance, PurposeId, Recipient, RecipientId, RecipientKind, Record, RetentionRule, Right,
    Role, Safeguard, SubjectKind, SubjectState,
};

/// What a subject is told on access (Art. 15).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AccessReport {
    /// The instant of the report.
    pub at: DateTime<Utc>,
    /// The controller's local date at that instant.
    pub date: NaiveDate,
    /// The controller.
    pub controller: String,
    /// The kind of subject.
    pub subject: SubjectKind,
    /// Art. 15(1): whether data about the subject is held (some record was given).
    pub processed: bool,
    /// (a), (d), (h) the activities: purposes, bases, retention, automated decisions; in policy
    /// order.
    pub activities: Vec<ActivityItem>,
    /// (b) the categories, in id order.
    pub categories: Vec<CategoryItem>,
    /// (c) the recipients: the policy's in its order, then unknown ones in id order.
    pub recipients: Vec<RecipientItem>,
    /// (e), (f) the rights per activity, and the supervisory authority.
    pub rights: RightsReport,
    /// (g) where data not collected from the subject comes from.
    pub sources: Vec<SourceItem>,
    /// Art. 15(2): transfers to third countries and their safeguards.
    pub transfers: Vec<TransferItem>,
    /// Art. 15(3): the records a copy would contain, in input order, with their retention.
    pub records: Vec<RecordItem>,
    /// Data held as processor: the request goes to the controller (Art. 28(3)(e)).
    pub forwarded: Vec<ForwardedItem>,
}

/// An id with its human-readable name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Labelled {
    /// The id.
    pub id: String,
    /// Its name.
    pub name: String,
}

/// An activity that processes the subject's data (Art. 15(1)(a), (d), (h)).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ActivityItem {
    /// The activity.
    pub activity: ActivityId,
    /// Its name.
    pub name: String,
    /// (a) its purposes.
    pub purposes: Vec<Labelled>,
    /// (a) its legal bases.
    pub bases: Vec<BasisItem>,
    /// (d) the period and its anchor, "while the purpose lasts" or "not stated".
    pub retention: String,
    /// (d) the criteria used to determine the period, where stated.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub criteria: Option<String>,
    /// (d) the legal duties to keep that may cover its data.
    pub duties: Vec<String>,
    /// (h) its solely automated decision-making, where declared.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub automated_decision: Option<AutomatedDecision>,
    /// The ids of the records it holds.
    pub records: Vec<String>,
}

/// A legal basis with its particulars.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BasisItem {
    /// The basis.
    pub basis: crate::model::BasisKind,
    /// `GDPR Art. 6(1)(x)`, or the statute of a legal obligation.
    pub citation: String,
    /// The legitimate interest pursued, where stated.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub interest: Option<String>,
}

/// A category of data (Art. 15(1)(b)).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CategoryItem {
    /// The category.
    pub category: CategoryId,
    /// Its name (the id when the policy does not know it).
    pub name: String,
    /// Its legal status, when the policy knows the category.
    pub status: Option<LegalStatus>,
    /// The activities that process it.
    pub activities: Vec<ActivityId>,
    /// The records of it.
    pub records: Vec<String>,
}

/// A recipient (Art. 15(1)(c)).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RecipientItem {
    /// The recipient.
    pub recipient: RecipientId,
    /// Its name (the id when the policy does not know it).
    pub name: String,
    /// What kind of recipient, when the policy knows it.
    pub kind: Option<RecipientKind>,
    /// Where it processes the data.
    pub location: String,
    /// Whether a record was actually disclosed to it.
    pub disclosed: bool,
    /// The records disclosed to it.
    pub records: Vec<String>,
    /// The activities that declare it.
    pub activities: Vec<ActivityId>,
}

/// A source of data not collected from the subject (Art. 15(1)(g)).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SourceItem {
    /// The activity.
    pub activity: ActivityId,
    /// The category.
    pub category: CategoryId,
    /// Where it comes from.
    pub provenance: Provenance,
    /// The same, in words.
    pub source: String,
}

/// A recipient outside, or perhaps outside, the EEA, and its safeguards (Art. 15(2)).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TransferItem {
    /// The recipient.
    pub recipient: RecipientId,
    /// Where it processes the data.
    pub location: String,
    /// Whether a record was actually disclosed to it.
    pub disclosed: bool,
    /// The safeguards the policy states, in its order.
    pub safeguards: Vec<String>,
    /// The mechanism valid on the date, if any.
    pub valid: Option<String>,
    /// The instrument or provision of that mechanism, or `GDPR Art. 44` when none is valid.
    #[serde(serialize_with = "as_text")]
    pub citation: Citation,
    /// A sentence for the subject.
    pub message: String,
}

/// A record held about the subject (Art. 15(3)).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RecordItem {
    /// The record's id.
    pub id: String,
    /// Its category.
    pub category: CategoryId,
    /// Its activity.
    pub activity: ActivityId,
    /// When it was collected.
    pub collected_at: DateTime<Utc>,
    /// Whom it was disclosed to.
    pub disclosed_to: Vec<RecipientId>,
    /// When its retention ends.
    pub due: Due,
    /// Whether that end has passed.
    pub overdue: bool,
}

/// Data the controller holds as processor for another controller.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ForwardedItem {
    /// The activity.
    pub activity: ActivityId,
    /// The controller it is processed for.
    pub controller: String,
    /// The records held.
    pub records: Vec<String>,
}

pub(crate) fn provenance_text(p: Provenance) -> &'static str {
    match p {
        Provenance::Subject => "provided by the subject",
        Provenance::Observed => "observed from the subject's use of the service",
        Provenance::Derived => "derived or inferred by the controller from other data",
        Provenance::ThirdParty => "obtained from a third party",
        Provenance::Public => "obtained from publicly accessible sources",
    }
}

fn location_text(l: Location) -> String {
    match l {
        Location::Country(c) => c.to_string(),
        Location::Eea => "EEA".to_owned(),
        Location::ThirdCountry => "outside the EEA (country not stated)".to_owned(),
        Location::Unknown => "not stated (may be outside the EEA)".to_owned(),
    }
}

pub(crate) fn ids<T: fmt::Display>(items: impl IntoIterator<Item = T>) -> String {
    let v: Vec<String> = items.into_iter().map(|i| i.to_string()).collect();
    v.join(", ")
}

impl Engine {
    /// The Art. 15 report for `subject` at `at`, from the policy and the `records` held about
    /// the subject. See the [module docs](self).
    #[must_use]
    pub fn access_report(
        &self,
        subject: &SubjectState,
        records: &[Record],
        at: DateTime<Utc>,
    ) -> AccessReport {
        let p = &self.policy;
        let date = p.controller().time_zone.local_date(at);
        let of = |a: &Activity| -> Vec<String> {
            let mine = records.iter().filter(|r| r.activity == a.id);
            mine.map(|r| r.id.clone()).collect()
        };
        let (mut own, mut forwarded) = (Vec::new(), Vec::new());
        for (i, a) in p.activities().iter().enumerate() {
            let held = of(a);
            if !a.subjects.contains(&subject.kind) && held.is_empty() {
                continue;
            }
            match &a.role {
                Role::Controller => own.push((i, a, held)),
                Role::Processor { on_behalf_of } => forwarded.push(ForwardedItem {
                    activity: a.id.clone(),
                    controller: on_behalf_of.clone(),
                    records: held,
                }),
            }
        }
        let by_processor = |r: &Record| forwarded.iter().any(|f| f.activity == r.activity);
        let schedule = self.schedule(records, Some(subject), at);
        let held: Vec<(&Record, Option<&super::schedule::Entry>)> = records
            .iter()
            .zip(schedule.iter().map(Some).chain(std::iter::repeat(None)))
            .filter(|(r, _)| !by_processor(r))
            .collect();

        let mut categories: BTreeMap<CategoryId, CategoryItem> = BTreeMap::new();
        for (_, a, _) in &own {
            for (c, _) in &a.categories {
                category_entry(&mut categories, p, c)
                    .activities
                    .push(a.id.clone());
            }
        }
        for (r, _) in &held {
            category_entry(&mut categories, p, &r.category)
                .records
                .push(r.id.clone());
        }

        let disclosed = |id: &RecipientId| -> Vec<String> {
            let to = held.iter().filter(|(r, _)| r.disclosed_to.contains(id));
            to.map(|(r, _)| r.id.clone()).collect()
        };
        let mut recipients = Vec::new();
        let mut transfers = Vec::new();
        for rec in p.recipients() {
            let declaring = own
                .iter()
                .filter(|(_, a, _)| a.recipients.contains(&rec.id));
            let activities: Vec<ActivityId> = declaring.map(|(_, a, _)| a.id.clone()).collect();
            let records = disclosed(&rec.id);
            if activities.is_empty() && records.is_empty() {
                continue;
            }
            if let Some(t) = transfer(rec, date, !records.is_empty()) {
                transfers.push(t);
            }
            recipients.push(RecipientItem {
                recipient: rec.id.clone(),
                name: rec.name.clone(),
                kind: Some(rec.kind),
                location: location_text(rec.location),
                disclosed: !records.is_empty(),
                records,
                activities,
            });
        }
        let unknown: BTreeMap<&RecipientId, Vec<String>> = held
            .iter()
            .flat_map(|(r, _)| r.disclosed_to.iter())
            .filter(|id| p.recipient(id).is_none())
            .map(|id| (id, disclosed(id)))
            .collect();
        recipients.extend(unknown.into_iter().map(|(id, records)| RecipientItem {
            recipient: id.clone(),
            name: id.to_string(),
            kind: None,
            location: location_text(Location::Unknown),
            disclosed: true,
            records,
            activities: Vec::new(),
        }));

        let activities = own
            .iter()
            .map(|(_, a, held)| {
                let (retention, criteria) = match &a.retention {
                    Some(RetentionRule::After { period, anchor }) => {
                        (format!("{period} after {anchor}"), None)
                    }
                    Some(RetentionRule::WhilePurposeLasts { review, criteria }) => {
                        let review = review
                            .map_or_else(String::new, |r| format!(", the need reviewed every {r}"));
                        (format!("while the purpose lasts{review}"), criteria.clone())
                    }
                    None => ("not stated".to_owned(), None),
                };
                ActivityItem {
                    activity: a.id.clone(),
                    name: a.name.clone(),
                    purposes: a.purpose_ids().map(|q| self.purpose_label(q)).collect(),
                    bases: a.bases().into_iter().map(basis_item).collect(),
                    retention,
                    criteria,
                    duties: self.duties(a),
                    automated_decision: a.automated_decision.clone(),
                    records: held.clone(),
                }
            })
            .collect();
        let sources = own
            .iter()
            .flat_map(|(_, a, _)| {
                let elsewhere = a.categories.iter().filter(|(_, q)| !q.from_subject());
                elsewhere.map(|(c, q)| SourceItem {
                    activity: a.id.clone(),
                    category: c.clone(),
                    provenance: *q,
                    source: provenance_text(*q).to_owned(),
                })
            })
            .collect();
        let copy = held
            .iter()
            .map(|(r, e)| RecordItem {
                id: r.id.clone(),
                category: r.category.clone(),
                activity: r.activity.clone(),
                collected_at: r.collected_at,
                disclosed_to: r.disclosed_to.clone(),
                due: e.map_or_else(
                    || Due::Unknown {
                        reason: "not scheduled".to_owned(),
                    },
                    |e| e.due.clone(),
                ),
                overdue: e.is_some_and(|e| e.overdue),
            })
            .collect();
        let indices: Vec<usize> = own.iter().map(|(i, _, _)| *i).collect();
        AccessReport {
            at,
            date,
            controller: p.controller().name.clone(),
            subject: subject.kind.clone(),
            processed: !records.is_empty(),
            activities,
            categories: categories.into_values().collect(),
            recipients,
            rights: self.rights_for(subject, &indices, at),
            sources,
            transfers,
            records: copy,
            forwarded,
        }
    }

    fn purpose_label(&self, id: &PurposeId) -> Labelled {
        let named = self.policy.purposes().iter().find(|n| &n.id == id);
        Labelled {
            id: id.to_string(),
            name: named.map_or_else(|| id.to_string(), |n| n.name.clone()),
        }
    }
}

fn category_entry<'m>(
    m: &'m mut BTreeMap<CategoryId, CategoryItem>,
    p: &crate::model::Policy,
    id: &CategoryId,
) -> &'m mut CategoryItem {
    m.entry(id.clone()).or_insert_with(|| {
        let known = p.category(id);
        CategoryItem {
            category: id.clone(),
            name: known.map_or_else(|| id.to_string(), |c| c.name.clone()),
            status: known.map(|c| c.status),
            activities: Vec::new(),
            records: Vec::new(),
        }
    })
}

fn basis_item(b: &LegalBasis) -> BasisItem {
    let (citation, interest) = match b {
        LegalBasis::LegalObligation { statute: Some(s) } => (s.to_string(), None),
        LegalBasis::LegitimateInterests { interest } => {
            (b.kind().citation().to_string(), interest.clone())
        }
        _ => (b.kind().citation().to_string(), None),
    };
    BasisItem {
        basis: b.kind(),
        citation,
        interest,
    }
}

/// The transfer entry of a recipient outside, or perhaps outside, the EEA on `date`: the tests
/// of the decision engine (a stated mechanism valid that day, else an adequacy decision for the
/// whole country).
fn transfer(rec: &Recipient, date: NaiveDate, disclosed: bool) -> Option<TransferItem> {
    let country = match rec.location {
        Location::Eea => return None,
        Location::Country(c) if c.in_eea_on(date) => return None,
        Location::Country(c) => Some(c),
        Location::ThirdCountry | Location::Unknown => None,
    };
    let stated = rec.safeguards.iter().map(|g| match g {
        Safeguard::AnyAdequacy => "an adequacy decision (GDPR Art. 45)".to_owned(),
        Safeguard::Mechanism(m) => format!("{m} ({})", m.citation()),
    });
    let valid = super::transfer::valid_safeguard(rec, country, date);
    let location = location_text(rec.location);
    let place = match rec.location {
        Location::Country(c) => c.to_string(),
        Location::ThirdCountry => "a country outside the EEA the policy does not name".to_owned(),
        _ => "a place the policy does not state, possibly outside the EEA".to_owned(),
    };
    let (valid, citation, message) = match valid {
        Some((m, cite)) => {
            let why = format!("transfers to {place} rest on {m}, valid on {date}");
            (Some(m.to_string()), cite, why)
        }
        None if rec.safeguards.is_empty() => {
            let why = format!("transfers to {place}: the policy states no safeguard");
            (None, gdpr(44, 0, ' '), why)
        }
        None => {
            let why = format!(
                "transfers to {location}: no safeguard the policy states is valid on {date}"
            );
            (None, gdpr(44, 0, ' '), why)
        }
    };
    Some(TransferItem {
        recipient: rec.id.clone(),
        location,
        disclosed,
        safeguards: stated.collect(),
        valid,
        citation,
        message,
    })
}

fn right_name(r: Right) -> &'static str {
    match r {
        Right::Information => "information",
        Right::Access => "access",
        Right::Rectification => "rectification",
        Right::Erasure => "erasure",
        Right::Restriction => "restriction",
        Right::Portability => "portability",
        Right::Objection => "objection",
        Right::WithdrawConsent => "withdrawal of consent",
        Right::AutomatedDecision => "automated decisions",
        Right::Complaint => "complaint",
    }
}

fn due_text(d: &Due) -> String {
    match d {
        Due::On {
            last_day, set_by, ..
        } => {
            let by = match set_by {
                Source::Rule { .. } => gdpr(5, 1, 'e').to_string(),
                Source::Duty { citation, .. } => citation.clone(),
            };
            format!("kept through {last_day} ({by})")
        }
        Due::Pending { waiting_for } => {
            format!("kept until a period after {waiting_for}, which has not happened yet")
        }
        Due::WhilePurposeLasts {
            review_by,
            at_least,
        } => {
            let mut s = "kept while the purpose lasts".to_owned();
            if let Some(m) = at_least {
                let by = match &m.set_by {
                    Source::Rule { .. } => gdpr(5, 1, 'e').to_string(),
                    Source::Duty { citation, .. } => citation.clone(),
                };
                s.push_str(&format!(", and at least through {} ({by})", m.last_day));
            }
            if let Some(d) = review_by {
                s.push_str(&format!(", reviewed by {d}"));
            }
            s
        }
        Due::Unknown { reason } => format!("retention unknown: {reason}"),
    }
}

/// `prefix` and `v`, or nothing.
fn pre(prefix: &str, v: Option<impl fmt::Display>) -> String {
    v.map_or_else(String::new, |v| format!("{prefix}{v}"))
}

/// `prefix` and the comma-separated `items`, or nothing when there are none.
fn pre_ids<T: fmt::Display>(prefix: &str, items: &[T]) -> String {
    pre(prefix, (!items.is_empty()).then(|| ids(items)))
}

fn mark(yes: bool) -> &'static str {
    if yes { "yes" } else { "no " }
}

/// A readable rendering, section by section, each headed by the provision it answers.
impl fmt::Display for AccessReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let art = |p: u8, q: char| gdpr(15, p, q);
        let (who, kind, date, n) = (
            &self.controller,
            &self.subject,
            self.date,
            self.records.len(),
        );
        writeln!(
            f,
            "Access report ({}): {who}, `{kind}` subject, {date}",
            art(0, ' ')
        )?;
        let held = match self.processed {
            true => "your data is processed",
            false => "no records about you are held; the rest applies to subjects of your kind",
        };
        writeln!(f, "\nConfirmation ({}): {held} ({n} records).", art(1, ' '))?;
        writeln!(f, "\nPurposes and legal bases ({}):", art(1, 'a'))?;
        for a in &self.activities {
            let purposes = ids(a.purposes.iter().map(|l| format!("{} ({})", l.id, l.name)));
            writeln!(
                f,
                "  - {}: {}\n    purposes: {purposes}",
                a.activity, a.name
            )?;
            for b in &a.bases {
                let interest = pre(": ", b.interest.as_ref());
                writeln!(f, "    basis: {} ({}){interest}", b.basis, b.citation)?;
            }
        }
        writeln!(f, "\nCategories of personal data ({}):", art(1, 'b'))?;
        for c in &self.categories {
            let (status, recs) = (
                pre(" ", c.status.map(|s| format!("[{s}]"))),
                pre_ids("; records ", &c.records),
            );
            let (id, name, acts) = (&c.category, &c.name, ids(&c.activities));
            writeln!(f, "  - {id} ({name}){status}: {acts}{recs}")?;
        }
        writeln!(f, "\nRecipients ({}):", art(1, 'c'))?;
        for r in &self.recipients {
            let kind = match r.kind {
                Some(RecipientKind::Processor) => "processor",
                Some(RecipientKind::Controller) => "controller",
                Some(RecipientKind::JointController) => "joint controller",
                Some(RecipientKind::Authority) => "authority",
                None => "not in the policy",
            };
            let got = pre_ids("received records ", &r.records);
            let got = if got.is_empty() {
                "may receive data".to_owned()
            } else {
                got
            };
            let (id, name, place) = (&r.recipient, &r.name, &r.location);
            writeln!(f, "  - {id} ({name}; {kind}; {place}): {got}")?;
        }
        writeln!(f, "\nRetention ({}):", art(1, 'd'))?;
        for a in &self.activities {
            let criteria = pre("; criteria: ", a.criteria.as_ref());
            let duties = pre_ids("; legal duties to keep: ", &a.duties);
            writeln!(f, "  - {}: {}{criteria}{duties}", a.activity, a.retention)?;
        }
        for r in &self.records {
            let (id, cat, due) = (&r.id, &r.category, due_text(&r.due));
            let overdue = if r.overdue { ", overdue" } else { "" };
            writeln!(f, "  - record {id} ({cat}): {due}{overdue}")?;
        }
        writeln!(f, "\nYour rights ({}):", art(1, 'e'))?;
        for a in &self.rights.activities {
            writeln!(f, "  - {}:", a.activity)?;
            for r in a.rights.iter().filter(|r| r.right != Right::Complaint) {
                let (m, name, cite, why) =
                    (mark(r.applies), right_name(r.right), &r.citation, &r.reason);
                writeln!(f, "      [{m}] {name} ({cite}): {why}")?;
                for g in &r.grounds {
                    writeln!(f, "            ground {}: {}", g.citation, g.reason)?;
                }
                for p in r.parts.iter().filter(|_| r.applies) {
                    writeln!(
                        f,
                        "            [{}] {}: {}",
                        mark(p.applies),
                        p.citation,
                        p.reason
                    )?;
                }
            }
        }
        let c = &self.rights.complaint;
        writeln!(
            f,
            "\nComplaint ({}, {}): {}.",
            art(1, 'f'),
            c.citation,
            c.message
        )?;
        writeln!(f, "\nSources ({}):", art(1, 'g'))?;
        for s in &self.sources {
            writeln!(f, "  - {} in {}: {}", s.category, s.activity, s.source)?;
        }
        if self.sources.is_empty() {
            writeln!(f, "  all data is collected from you")?;
        }
        writeln!(f, "\nAutomated decisions ({}):", art(1, 'h'))?;
        let automated: Vec<_> = self
            .activities
            .iter()
            .filter_map(|a| Some((&a.activity, a.automated_decision.as_ref()?)))
            .collect();
        for (id, d) in &automated {
            let effects = match d.legal_effects {
                true => "with legal or similarly significant effects",
                false => "without legal effects",
            };
            writeln!(
                f,
                "  - {id}: {effects}{}",
                pre("; logic: ", d.logic.as_ref())
            )?;
        }
        if automated.is_empty() {
            writeln!(f, "  none")?;
        }
        writeln!(f, "\nTransfers to third countries ({}):", art(2, ' '))?;
        for t in &self.transfers {
            let stated = if t.safeguards.is_empty() {
                "none".to_owned()
            } else {
                t.safeguards.join("; ")
            };
            writeln!(
                f,
                "  - {}: {} ({}); stated: {stated}",
                t.recipient, t.message, t.citation
            )?;
        }
        if self.transfers.is_empty() {
            writeln!(f, "  none")?;
        }
        if !self.forwarded.is_empty() {
            writeln!(f, "\nHeld as processor ({}):", gdpr(28, 3, 'e'))?;
        }
        for x in &self.forwarded {
            let (id, to, recs) = (&x.activity, &x.controller, ids(&x.records));
            writeln!(f, "  - {id}: ask {to}; records {recs}")?;
        }
        Ok(())
    }
}
