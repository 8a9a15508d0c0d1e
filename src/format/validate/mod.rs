//! Validation: wire types in, a [`Policy`] out, every problem reported with its path.

use std::collections::BTreeSet;
use std::str::FromStr;

use chrono::NaiveDate;

use super::Problems;
use super::doc::DocPath;
use super::wire::{self, ActivityFile, PolicyFile, RetentionFile};
use crate::citation::Citation;
use crate::diagnostic::suggest;
use crate::law::Country;
use crate::law::duty::{Anchor, DutyId};
use crate::law::transfer::{AdequacyDecision, TransferMechanism};
use crate::model::category::BUILTIN;
use crate::model::policy::builtins;
use crate::model::{
    Activity, ActivityId, ActivityPurpose, BasisKind, Category, CategoryId, Controller,
    DeclaredDuty, Document, DutyName, DutyRef, FiscalYearEnd, LegalBasis, LegalStatus, Location,
    Named, Policy, Provenance, PurposeId, Recipient, RecipientId, ResponseTime, RetentionRule,
    RightsHandling, Role, Safeguard, SpecialCondition, SpecialKind, SubjectKind, SubjectKindInfo,
};
use crate::time::{Period, Zone};

mod activity;

use activity::activity;
pub(crate) use activity::{basis_word, condition_word, provenance_word};

/// The file format version this crate reads.
pub(crate) const FORMAT_VERSION: u32 = 1;

/// Checks and resolves a wire policy; `None` when any problem was found.
pub(crate) fn validate(w: &PolicyFile, p: &mut Problems<'_>) -> Option<Policy> {
    let before = p.list.len();
    let root = DocPath::default();
    if w.format != FORMAT_VERSION {
        p.at(
            &root.key("format"),
            format!(
                "unsupported format version `{}`; this crate reads version {FORMAT_VERSION}",
                w.format
            ),
        );
    }
    non_empty(p, &root.key("id"), &w.id);
    non_empty(p, &root.key("title"), &w.title);
    let document = Document {
        id: w.id.clone(),
        title: w.title.clone(),
        language: w.language.clone(),
        effective_from: w
            .effective_from
            .as_deref()
            .and_then(|d| date(p, &root.key("effective_from"), d)),
    };
    let controller = controller(&w.controller, &root.key("controller"), p);

    let (mut categories, mut purposes, mut subjects) = builtins();
    declare_categories(w, &mut categories, p);
    declare_named(&w.purposes, "purpose", &mut purposes, true, p);
    declare_subjects(&w.subjects, &mut subjects, p);

    let mut cx = Cx {
        categories: &categories,
        purposes: &purposes,
        subjects: &subjects,
        recipients: Vec::new(),
        duties: Vec::new(),
    };
    cx.recipients = recipients(&w.recipients, p);
    cx.duties = duties(&w.duties, &cx, p);

    let mut activities = Vec::with_capacity(w.activities.len());
    let mut seen = BTreeSet::new();
    if w.activities.is_empty() {
        p.at(
            &root.key("activity"),
            "a policy needs at least one `[[activity]]`",
        );
    }
    for (i, a) in w.activities.iter().enumerate() {
        let path = root.key("activity").index(i);
        let act = activity(a, &path, &cx, p);
        if !seen.insert(a.id.as_str()) {
            p.at(&path.key("id"), format!("duplicate activity id `{}`", a.id));
        }
        activities.extend(act);
    }
    let rights = rights(&w.rights, &root.key("rights"), p);

    let Cx {
        recipients, duties, ..
    } = cx;
    (p.list.len() == before).then_some(())?;
    Some(Policy {
        document,
        controller: controller?,
        categories,
        purposes,
        subjects,
        recipients,
        duties,
        activities,
        rights: rights?,
    })
}

/// What activities may refer to.
struct Cx<'a> {
    categories: &'a [Category],
    purposes: &'a [Named<PurposeId>],
    subjects: &'a [SubjectKindInfo],
    recipients: Vec<Recipient>,
    duties: Vec<DeclaredDuty>,
}

fn non_empty(p: &mut Problems<'_>, path: &DocPath, s: &str) {
    if s.trim().is_empty() {
        p.at(path, "must not be empty");
    }
}

fn date(p: &mut Problems<'_>, path: &DocPath, s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|_| p.at(path, format!("`{s}` is not a date; write `YYYY-MM-DD`")))
        .ok()
}

fn parse<T: FromStr>(p: &mut Problems<'_>, path: &DocPath, s: &str) -> Option<T>
where
    T::Err: std::fmt::Display,
{
    s.parse()
        .map_err(|e: T::Err| p.at(path, e.to_string()))
        .ok()
}

fn unknown<'c>(
    p: &mut Problems<'_>,
    path: &DocPath,
    what: &str,
    s: &str,
    known: impl Iterator<Item = &'c str>,
) {
    let kind = what.strip_prefix("parent ").unwrap_or(what);
    if p.broken.contains(&(kind.to_owned(), s.to_owned())) {
        return;
    }
    p.at(path, format!("unknown {what} `{s}`{}", suggest(s, known)));
}

/// Parses one of a fixed set of words.
fn word<T: Copy>(
    p: &mut Problems<'_>,
    path: &DocPath,
    what: &str,
    s: &str,
    table: &[(&str, T)],
) -> Option<T> {
    let found = table.iter().find(|(w, _)| *w == s).map(|(_, v)| *v);
    if found.is_none() {
        let list: Vec<String> = table.iter().map(|(w, _)| format!("`{w}`")).collect();
        p.at(
            path,
            format!(
                "unknown {what} `{s}`{}; expected one of {}",
                suggest(s, table.iter().map(|(w, _)| *w)).trim_end_matches('?'),
                list.join(", ")
            ),
        );
    }
    found
}

fn controller(
    c: &wire::ControllerFile,
    path: &DocPath,
    p: &mut Problems<'_>,
) -> Option<Controller> {
    non_empty(p, &path.key("name"), &c.name);
    let country: Option<Country> = parse(p, &path.key("country"), &c.country);
    let zone = Zone::named(&c.time_zone)
        .map_err(|e| {
            let hint = suggest(&c.time_zone, Zone::all_names());
            let message = if hint.is_empty() {
                e.to_string()
            } else {
                format!("unknown time zone `{}`{hint}", c.time_zone)
            };
            p.at(&path.key("time_zone"), message);
        })
        .ok();
    let fiscal_year_end = match c.fiscal_year_end.as_deref() {
        None => Some(FiscalYearEnd::DECEMBER_31),
        Some(s) => {
            let parsed = s
                .split_once('-')
                .filter(|(m, d)| m.len() == 2 && d.len() == 2)
                .and_then(|(m, d)| FiscalYearEnd::new(m.parse().ok()?, d.parse().ok()?));
            if parsed.is_none() {
                p.at(
                    &path.key("fiscal_year_end"),
                    format!("`{s}` is not a month and day; write `MM-DD`, e.g. `12-31`"),
                );
            }
            parsed
        }
    };
    Some(Controller {
        name: c.name.clone(),
        identity_number: c.identity_number.clone(),
        country: country?,
        address: c.address.clone(),
        contact: c.contact.clone(),
        dpo: c.dpo.clone(),
        time_zone: zone?,
        fiscal_year_end: fiscal_year_end?,
    })
}

const STATUSES: &[(&str, LegalStatus)] = &[
    ("ordinary", LegalStatus::Ordinary),
    ("children", LegalStatus::Children),
    ("national_id", LegalStatus::NationalId),
    ("criminal", LegalStatus::Criminal),
    (
        "special.racial_or_ethnic_origin",
        LegalStatus::Special(SpecialKind::RacialOrEthnicOrigin),
    ),
    (
        "special.political_opinions",
        LegalStatus::Special(SpecialKind::PoliticalOpinions),
    ),
    (
        "special.religious_or_philosophical_beliefs",
        LegalStatus::Special(SpecialKind::ReligiousOrPhilosophicalBeliefs),
    ),
    (
        "special.trade_union_membership",
        LegalStatus::Special(SpecialKind::TradeUnionMembership),
    ),
    (
        "special.genetic",
        LegalStatus::Special(SpecialKind::Genetic),
    ),
    (
        "special.biometric",
        LegalStatus::Special(SpecialKind::Biometric),
    ),
    ("special.health", LegalStatus::Special(SpecialKind::Health)),
    (
        "special.sex_life_or_orientation",
        LegalStatus::Special(SpecialKind::SexLifeOrOrientation),
    ),
];

/// The policy-file word for a status.
pub(crate) fn status_word(s: LegalStatus) -> &'static str {
    STATUSES
        .iter()
        .find(|(_, v)| *v == s)
        .map_or("ordinary", |(w, _)| w)
}

fn declare_categories(w: &PolicyFile, cats: &mut Vec<Category>, p: &mut Problems<'_>) {
    // Parents before children: shallower ids first, file order within a depth.
    let mut order: Vec<usize> = (0..w.categories.len()).collect();
    order.sort_by_key(|&i| w.categories.get(i).map_or(0, |c| c.id.matches('.').count()));
    let first_declared = cats.len();
    let mut declared: Vec<(usize, Category)> = Vec::new();
    for i in order {
        let Some(c) = w.categories.get(i) else {
            continue;
        };
        let path = DocPath::default().key("category").index(i);
        let Some(id) = parse::<CategoryId>(p, &path.key("id"), &c.id) else {
            continue;
        };
        if cats.iter().any(|k| k.id == id) {
            let what = if BUILTIN.iter().any(|b| b.0 == c.id) {
                "a built-in"
            } else {
                "an already declared"
            };
            p.at(
                &path.key("id"),
                format!("category `{id}` is {what} category"),
            );
            continue;
        }
        let parent = id
            .parent()
            .and_then(|pid| cats.iter().find(|k| k.id == pid).cloned());
        if let (Some(pid), None) = (id.parent(), &parent) {
            unknown(
                p,
                &path.key("id"),
                "parent category",
                pid.as_str(),
                cats.iter().map(|k| k.id.as_str()),
            );
            p.broken("category", &c.id);
            continue;
        }
        let inherited = parent.as_ref().map_or(LegalStatus::Ordinary, |k| k.status);
        let status = match c.status.as_deref() {
            None => inherited,
            Some(s) => match word(p, &path.key("status"), "status", s, STATUSES) {
                Some(st) if st.rank() < inherited.rank() => {
                    p.at(
                        &path.key("status"),
                        format!(
                            "status `{s}` is less protected than the parent's `{}`",
                            status_word(inherited)
                        ),
                    );
                    p.broken("category", &c.id);
                    continue;
                }
                Some(st) => st,
                None => {
                    p.broken("category", &c.id);
                    continue;
                }
            },
        };
        non_empty(p, &path.key("name"), &c.name);
        let cat = Category {
            id,
            name: c.name.clone(),
            status,
            dpv: None,
            builtin: false,
        };
        cats.push(cat.clone());
        declared.push((i, cat));
    }
    // Keep declared categories in file order.
    declared.sort_by_key(|(i, _)| *i);
    cats.truncate(first_declared);
    cats.extend(declared.into_iter().map(|(_, c)| c));
}

fn declare_named<I>(
    list: &[wire::NamedFile],
    key: &str,
    known: &mut Vec<Named<I>>,
    hierarchical: bool,
    p: &mut Problems<'_>,
) where
    I: FromStr<Err = crate::model::IdError> + Clone + PartialEq + std::fmt::Display,
{
    for (i, n) in list.iter().enumerate() {
        let path = DocPath::default().key(key).index(i);
        let Some(id) = parse::<I>(p, &path.key("id"), &n.id) else {
            continue;
        };
        if known.iter().any(|k| k.id == id) {
            p.at(&path.key("id"), format!("{key} `{id}` is already defined"));
            continue;
        }
        if hierarchical
            && let Some((parent, _)) = n.id.rsplit_once('.')
            && !known.iter().any(|k| k.id.to_string() == parent)
        {
            let names: Vec<String> = known.iter().map(|k| k.id.to_string()).collect();
            unknown(
                p,
                &path.key("id"),
                &format!("parent {key}"),
                parent,
                names.iter().map(String::as_str),
            );
            p.broken(key, &n.id);
            continue;
        }
        if !hierarchical && n.id.contains('.') {
            p.at(
                &path.key("id"),
                format!("{key} id `{}` may not contain `.`", n.id),
            );
            continue;
        }
        non_empty(p, &path.key("name"), &n.name);
        known.push(Named {
            id,
            name: n.name.clone(),
            builtin: false,
        });
    }
}

/// `[[subject]]`: like other named entries, with whether the kind is party to the contract.
fn declare_subjects(
    list: &[wire::SubjectFile],
    known: &mut Vec<SubjectKindInfo>,
    p: &mut Problems<'_>,
) {
    let mut named: Vec<Named<SubjectKind>> = known
        .iter()
        .map(|s| Named {
            id: s.id.clone(),
            name: s.name.clone(),
            builtin: s.builtin,
        })
        .collect();
    let files: Vec<wire::NamedFile> = list
        .iter()
        .map(|s| wire::NamedFile {
            id: s.id.clone(),
            name: s.name.clone(),
        })
        .collect();
    declare_named(&files, "subject", &mut named, false, p);
    for n in named.into_iter().filter(|n| !n.builtin) {
        let party = list
            .iter()
            .any(|s| s.party_to_contract && s.id == n.id.as_str());
        known.push(SubjectKindInfo {
            id: n.id,
            name: n.name,
            builtin: false,
            party_to_contract: party,
        });
    }
}

fn recipients(list: &[wire::RecipientFile], p: &mut Problems<'_>) -> Vec<Recipient> {
    let mut out: Vec<Recipient> = Vec::with_capacity(list.len());
    for (i, r) in list.iter().enumerate() {
        let path = DocPath::default().key("recipient").index(i);
        let id = parse::<RecipientId>(p, &path.key("id"), &r.id);
        if let Some(id) = &id
            && out.iter().any(|o| &o.id == id)
        {
            p.at(&path.key("id"), format!("duplicate recipient id `{id}`"));
        }
        non_empty(p, &path.key("name"), &r.name);
        let location = match r.location.as_str() {
            "EEA" => Some(Location::Eea),
            "third_country" => Some(Location::ThirdCountry),
            "unknown" => Some(Location::Unknown),
            s => s.parse().map(Location::Country).map_err(|_| {
                p.at(
                    &path.key("location"),
                    format!("`{s}` is not a location; write `EEA`, a country code such as `US`, `third_country` or `unknown`"),
                );
            }).ok(),
        };
        let mut safeguards = Vec::with_capacity(r.safeguards.len());
        for (j, s) in r.safeguards.iter().enumerate() {
            let spath = path.key("safeguards").index(j);
            if let Some(g) = safeguard(s, &spath, p) {
                if safeguards.contains(&g) {
                    p.at(&spath, format!("safeguard `{s}` is listed twice"));
                }
                safeguards.push(g);
            }
        }
        if let (Some(id), Some(location)) = (id, location) {
            out.push(Recipient {
                id,
                name: r.name.clone(),
                kind: r.kind,
                location,
                safeguards,
                certified: r.certified,
            });
        } else {
            p.broken("recipient", &r.id);
        }
    }
    out
}

const MECHANISMS: &[(&str, TransferMechanism)] = &[
    ("scc", TransferMechanism::StandardContractualClauses),
    (
        "scc_legacy",
        TransferMechanism::LegacyStandardContractualClauses,
    ),
    ("bcr", TransferMechanism::BindingCorporateRules),
    (
        "public_authority_instrument",
        TransferMechanism::PublicAuthorityInstrument,
    ),
    ("code_of_conduct", TransferMechanism::CodeOfConduct),
    ("certification", TransferMechanism::Certification),
    ("authorised_clauses", TransferMechanism::AuthorisedClauses),
];

/// The policy-file word for an adequacy decision.
pub(crate) fn decision_word(d: AdequacyDecision) -> String {
    serde_json::to_value(d)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// The policy-file word for a safeguard.
pub(crate) fn safeguard_word(g: Safeguard) -> String {
    match g {
        Safeguard::AnyAdequacy => "adequacy".to_owned(),
        Safeguard::Mechanism(TransferMechanism::Adequacy(d)) => {
            format!("adequacy.{}", decision_word(d))
        }
        Safeguard::Mechanism(TransferMechanism::Derogation(c)) => format!("derogation.{c}"),
        Safeguard::Mechanism(m) => MECHANISMS
            .iter()
            .find(|(_, v)| *v == m)
            .map_or_else(String::new, |(w, _)| (*w).to_owned()),
    }
}

fn safeguard(s: &str, path: &DocPath, p: &mut Problems<'_>) -> Option<Safeguard> {
    if s == "adequacy" {
        return Some(Safeguard::AnyAdequacy);
    }
    if let Some(d) = s.strip_prefix("adequacy.") {
        let found = AdequacyDecision::ALL
            .into_iter()
            .find(|x| decision_word(*x) == d);
        if found.is_none() {
            let names: Vec<String> = AdequacyDecision::ALL
                .iter()
                .map(|x| decision_word(*x))
                .collect();
            unknown(
                p,
                path,
                "adequacy decision",
                d,
                names.iter().map(String::as_str),
            );
        }
        return found.map(|d| Safeguard::Mechanism(TransferMechanism::Adequacy(d)));
    }
    if let Some(pt) = s.strip_prefix("derogation.") {
        return match pt.chars().collect::<Vec<_>>().as_slice() {
            [c @ 'a'..='g'] => Some(Safeguard::Mechanism(TransferMechanism::Derogation(*c))),
            _ => {
                p.at(
                    path,
                    format!("unknown derogation `{pt}`; Art. 49(1) has points `a` to `g`"),
                );
                None
            }
        };
    }
    let mut table: Vec<(&str, Option<TransferMechanism>)> =
        MECHANISMS.iter().map(|(w, m)| (*w, Some(*m))).collect();
    table.extend([
        ("adequacy", None),
        ("adequacy.<decision>", None),
        ("derogation.<point>", None),
    ]);
    word(p, path, "safeguard", s, &table)
        .flatten()
        .map(Safeguard::Mechanism)
}

const ANCHORS: &[(&str, u8)] = &[
    ("collection", 0),
    ("end_of_relationship", 1),
    ("consent_withdrawal", 2),
    ("end_of_fiscal_year", 3),
    ("end_of_calendar_year_of_fiscal_year_end", 4),
    ("event", 5),
];

/// The policy-file word for an anchor.
pub(crate) fn anchor_word(a: &Anchor) -> &'static str {
    let n = match a {
        Anchor::Collection => 0,
        Anchor::EndOfRelationship => 1,
        Anchor::ConsentWithdrawal => 2,
        Anchor::EndOfFiscalYear => 3,
        Anchor::EndOfCalendarYearOfFiscalYearEnd => 4,
        Anchor::Event(_) => 5,
    };
    ANCHORS
        .iter()
        .find(|(_, v)| *v == n)
        .map_or("collection", |(w, _)| w)
}

fn anchor(
    after: &str,
    event: Option<&str>,
    path: &DocPath,
    p: &mut Problems<'_>,
) -> Option<Anchor> {
    let n = word(p, &path.key("after"), "anchor", after, ANCHORS)?;
    if n != 5 && event.is_some() {
        p.at(
            &path.key("event"),
            "`event` is only allowed with `after = \"event\"`",
        );
    }
    Some(match n {
        0 => Anchor::Collection,
        1 => Anchor::EndOfRelationship,
        2 => Anchor::ConsentWithdrawal,
        3 => Anchor::EndOfFiscalYear,
        4 => Anchor::EndOfCalendarYearOfFiscalYearEnd,
        _ => match event {
            Some(e) if crate::model::id::check_id(e).is_ok() => Anchor::Event(e.to_owned()),
            Some(e) => {
                p.at(
                    &path.key("event"),
                    format!(
                        "`{e}` is not a valid event name; use lowercase letters, digits and `_`"
                    ),
                );
                return None;
            }
            None => {
                p.at(path, "`after = \"event\"` needs `event = \"<name>\"`");
                return None;
            }
        },
    })
}

fn duties(list: &[wire::DutyFile], cx: &Cx<'_>, p: &mut Problems<'_>) -> Vec<DeclaredDuty> {
    let mut out: Vec<DeclaredDuty> = Vec::with_capacity(list.len());
    for (i, d) in list.iter().enumerate() {
        let path = DocPath::default().key("duty").index(i);
        let id = parse::<DutyName>(p, &path.key("id"), &d.id);
        if DutyId::parse(&d.id).is_some() {
            p.at(
                &path.key("id"),
                format!(
                    "`{}` is a built-in duty; refer to it from activities instead of declaring it",
                    d.id
                ),
            );
        }
        if let Some(id) = &id
            && out.iter().any(|o| &o.id == id)
        {
            p.at(&path.key("id"), format!("duplicate duty id `{id}`"));
        }
        non_empty(p, &path.key("citation"), &d.citation);
        if d.categories.is_empty() {
            p.at(
                &path.key("categories"),
                "a duty must cover at least one category",
            );
        }
        let categories = category_list(&d.categories, &path.key("categories"), cx, p);
        let period = parse::<Period>(p, &path.key("period"), &d.period);
        let anchor = anchor(&d.after, d.event.as_deref(), &path, p);
        if let (Some(id), Some(period), Some(anchor)) = (id, period, anchor) {
            out.push(DeclaredDuty {
                id,
                citation: d.citation.clone(),
                categories,
                period,
                anchor,
                limitation: d.limitation,
            });
        } else {
            p.broken("retention duty", &d.id);
        }
    }
    out
}

fn category_list(
    list: &[String],
    path: &DocPath,
    cx: &Cx<'_>,
    p: &mut Problems<'_>,
) -> Vec<CategoryId> {
    let mut out: Vec<CategoryId> = Vec::with_capacity(list.len());
    for (j, c) in list.iter().enumerate() {
        let cpath = path.index(j);
        let Some(id) = parse::<CategoryId>(p, &cpath, c) else {
            continue;
        };
        if !cx.categories.iter().any(|k| k.id == id) {
            unknown(
                p,
                &cpath,
                "category",
                c,
                cx.categories.iter().map(|k| k.id.as_str()),
            );
        } else if out.contains(&id) {
            p.at(&cpath, format!("category `{c}` is listed twice"));
        } else {
            out.push(id);
        }
    }
    out
}

/// Resolves a list of ids against the known ones, reporting unknown and repeated entries.
fn id_list<I, K>(
    list: &[String],
    path: &DocPath,
    what: &str,
    known: &[K],
    key: impl Fn(&K) -> &I,
    p: &mut Problems<'_>,
) -> Vec<I>
where
    I: FromStr<Err = crate::model::IdError> + Clone + PartialEq + std::fmt::Display,
{
    if list.is_empty() {
        p.at(path, format!("at least one {what} is needed"));
    }
    let mut out: Vec<I> = Vec::with_capacity(list.len());
    for (j, s) in list.iter().enumerate() {
        let ipath = path.index(j);
        let Some(id) = parse::<I>(p, &ipath, s) else {
            continue;
        };
        if !known.iter().any(|k| key(k) == &id) {
            let names: Vec<String> = known.iter().map(|k| key(k).to_string()).collect();
            unknown(p, &ipath, what, s, names.iter().map(String::as_str));
        } else if out.contains(&id) {
            p.at(&ipath, format!("{what} `{s}` is listed twice"));
        } else {
            out.push(id);
        }
    }
    out
}

fn rights(r: &wire::RightsFile, path: &DocPath, p: &mut Problems<'_>) -> Option<RightsHandling> {
    let response_time = match (&r.response_time, &r.response_time_text) {
        (Some(_), Some(_)) => {
            p.at(
                &path.key("response_time_text"),
                "give either `response_time` or `response_time_text`, not both",
            );
            None
        }
        (Some(s), None) => {
            parse::<Period>(p, &path.key("response_time"), s).map(ResponseTime::Within)
        }
        (None, Some(t)) => Some(ResponseTime::Vague(t.clone())),
        (None, None) => Some(ResponseTime::NotStated),
    };
    let mut offered = Vec::with_capacity(r.offered.len());
    for (j, right) in r.offered.iter().enumerate() {
        if offered.contains(right) {
            p.at(
                &path.key("offered").index(j),
                format!(
                    "right `{}` is listed twice",
                    serde_json::to_value(right)
                        .ok()
                        .and_then(|v| v.as_str().map(str::to_owned))
                        .unwrap_or_default()
                ),
            );
        }
        offered.push(*right);
    }
    Some(RightsHandling {
        offered,
        channels: r.channels.clone(),
        identification: r.identification.clone(),
        response_time: response_time?,
        complaint_authority: r.complaint_authority.clone(),
        restriction_effect: r.restriction_effect.clone(),
    })
}
