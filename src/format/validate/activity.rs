//! Validation of `[[activity]]` entries and their retention rules.

#[allow(clippy::wildcard_imports)]
use super::*;

const BASES: &[(&str, BasisKind)] = &[
    ("consent", BasisKind::Consent),
    ("contract", BasisKind::Contract),
    ("legal_obligation", BasisKind::LegalObligation),
    ("vital_interests", BasisKind::VitalInterests),
    ("public_task", BasisKind::PublicTask),
    ("legitimate_interests", BasisKind::LegitimateInterests),
];

/// The policy-file word for a basis.
pub(crate) fn basis_word(b: BasisKind) -> &'static str {
    BASES
        .iter()
        .find(|(_, v)| *v == b)
        .map_or("consent", |(w, _)| w)
}

const CONDITIONS: &[(&str, SpecialCondition)] = &[
    ("explicit_consent", SpecialCondition::ExplicitConsent),
    ("employment", SpecialCondition::Employment),
    ("vital_interests", SpecialCondition::VitalInterests),
    ("not_for_profit", SpecialCondition::NotForProfit),
    ("made_public", SpecialCondition::MadePublic),
    ("legal_claims", SpecialCondition::LegalClaims),
    (
        "substantial_public_interest",
        SpecialCondition::SubstantialPublicInterest,
    ),
    (
        "health_or_social_care",
        SpecialCondition::HealthOrSocialCare,
    ),
    ("public_health", SpecialCondition::PublicHealth),
    (
        "archiving_or_research",
        SpecialCondition::ArchivingOrResearch,
    ),
];

/// The policy-file word for an Art. 9(2) condition.
pub(crate) fn condition_word(c: SpecialCondition) -> &'static str {
    CONDITIONS
        .iter()
        .find(|(_, v)| *v == c)
        .map_or("explicit_consent", |(w, _)| w)
}

const PROVENANCES: &[(&str, Provenance)] = &[
    ("subject", Provenance::Subject),
    ("observed", Provenance::Observed),
    ("derived", Provenance::Derived),
    ("third_party", Provenance::ThirdParty),
    ("public", Provenance::Public),
];

/// The policy-file word for a provenance.
pub(crate) fn provenance_word(v: Provenance) -> &'static str {
    PROVENANCES
        .iter()
        .find(|(_, x)| *x == v)
        .map_or("subject", |(w, _)| w)
}

pub(super) fn activity(
    a: &ActivityFile,
    path: &DocPath,
    cx: &Cx<'_>,
    p: &mut Problems<'_>,
) -> Option<Activity> {
    let before = p.list.len();
    let id = parse::<ActivityId>(p, &path.key("id"), &a.id);
    non_empty(p, &path.key("name"), &a.name);
    let purposes = id_list(
        &a.purposes,
        &path.key("purposes"),
        "purpose",
        cx.purposes,
        |n| &n.id,
        p,
    );
    let subjects = id_list(
        &a.subjects,
        &path.key("subjects"),
        "subject",
        cx.subjects,
        |n| &n.id,
        p,
    );
    if a.categories.is_empty() {
        p.at(&path.key("categories"), "at least one category is needed");
    }
    let cats = category_list(&a.categories, &path.key("categories"), cx, p);

    let purposes = purpose_bases(a, &purposes, path, p);
    // Art. 9 and Art. 10 conditions follow from the categories' status.
    let special_condition = a.special_condition.as_deref().and_then(|s| {
        word(
            p,
            &path.key("special_condition"),
            "Art. 9(2) condition",
            s,
            CONDITIONS,
        )
    });
    let status_of = |c: &CategoryId| cx.categories.iter().find(|k| &k.id == c).map(|k| k.status);
    let special = cats
        .iter()
        .find(|c| matches!(status_of(c), Some(LegalStatus::Special(_))));
    let criminal = cats
        .iter()
        .find(|c| status_of(c) == Some(LegalStatus::Criminal));
    match (special, &a.special_condition) {
        (Some(c), None) => p.at(
            &path.key("categories"),
            format!("special-category data `{c}` needs an Art. 9(2) `special_condition`"),
        ),
        (None, Some(_)) => p.at(
            &path.key("special_condition"),
            "`special_condition` is given but the activity processes no special-category data",
        ),
        _ => {}
    }
    match (criminal, &a.criminal_authorisation) {
        (Some(c), None) => p.at(
            &path.key("categories"),
            format!("criminal data `{c}` needs a `criminal_authorisation` (Art. 10)"),
        ),
        (None, Some(_)) => p.at(
            &path.key("criminal_authorisation"),
            "`criminal_authorisation` is given but the activity processes no criminal data",
        ),
        _ => {}
    }
    let has_national_id = cats
        .iter()
        .any(|c| status_of(c) == Some(LegalStatus::NationalId));
    if a.national_id_justification.is_some() && !has_national_id {
        p.at(
            &path.key("national_id_justification"),
            "`national_id_justification` is given but the activity processes no national id number",
        );
    }

    // Provenance, for listed categories only.
    let mut categories: Vec<(CategoryId, Provenance)> = cats
        .iter()
        .map(|c| (c.clone(), Provenance::Subject))
        .collect();
    for (k, v) in &a.provenance {
        let ppath = path.key("provenance").key(k);
        let Some(prov) = word(p, &ppath, "provenance", v, PROVENANCES) else {
            continue;
        };
        match categories.iter_mut().find(|(c, _)| c.as_str() == k) {
            Some(entry) => entry.1 = prov,
            None => p.at(
                &ppath,
                format!(
                    "provenance is given for `{k}`, which is not among the activity's categories"
                ),
            ),
        }
    }

    let role = match (a.role.as_deref(), &a.on_behalf_of) {
        (None | Some("controller"), None) => Some(Role::Controller),
        (Some("processor"), Some(whom)) if !whom.trim().is_empty() => Some(Role::Processor {
            on_behalf_of: whom.clone(),
        }),
        (Some("processor"), _) => {
            p.at(
                &path.key("on_behalf_of"),
                "`role = \"processor\"` needs `on_behalf_of`, the controller it acts for",
            );
            None
        }
        (None | Some("controller"), Some(_)) => {
            p.at(
                &path.key("on_behalf_of"),
                "`on_behalf_of` is only allowed with `role = \"processor\"`",
            );
            None
        }
        (Some(r), _) => {
            word::<()>(
                p,
                &path.key("role"),
                "role",
                r,
                &[("controller", ()), ("processor", ())],
            );
            None
        }
    };
    let retention = a
        .retention
        .as_ref()
        .and_then(|r| retention(r, &path.key("retention"), p));
    if a.retention.is_some() && retention.is_none() && p.list.len() == before {
        return None;
    }
    let mut duties: Vec<DutyRef> = Vec::with_capacity(a.duties.len());
    for (j, d) in a.duties.iter().enumerate() {
        let dpath = path.key("duties").index(j);
        let r = DutyId::parse(d).map(DutyRef::Builtin).or_else(|| {
            cx.duties
                .iter()
                .find(|x| x.id.as_str() == d)
                .map(|x| DutyRef::Declared(x.id.clone()))
        });
        match r {
            Some(r) if duties.contains(&r) => p.at(&dpath, format!("duty `{d}` is listed twice")),
            Some(r) => duties.push(r),
            None => {
                let names: Vec<&str> = DutyId::ALL
                    .iter()
                    .map(|x| x.as_str())
                    .chain(cx.duties.iter().map(|x| x.id.as_str()))
                    .collect();
                unknown(p, &dpath, "retention duty", d, names.into_iter());
            }
        }
    }
    let mut recipients: Vec<RecipientId> = Vec::with_capacity(a.recipients.len());
    for (j, r) in a.recipients.iter().enumerate() {
        let rpath = path.key("recipients").index(j);
        match cx.recipients.iter().find(|x| x.id.as_str() == r) {
            Some(x) if recipients.contains(&x.id) => {
                p.at(&rpath, format!("recipient `{r}` is listed twice"))
            }
            Some(x) => recipients.push(x.id.clone()),
            None => unknown(
                p,
                &rpath,
                "recipient",
                r,
                cx.recipients.iter().map(|x| x.id.as_str()),
            ),
        }
    }
    if p.list.len() != before {
        return None;
    }
    Some(Activity {
        id: id?,
        name: a.name.clone(),
        purposes,
        special_condition,
        criminal_authorisation: a.criminal_authorisation.clone(),
        national_id_justification: a.national_id_justification.clone(),
        subjects,
        categories,
        role: role?,
        retention,
        duties,
        recipients,
        automated_decision: a.automated_decision.clone(),
        requirement: a.requirement,
        withdrawal: a.withdrawal.clone(),
        offered_to_children: a.offered_to_children,
    })
}

/// One list of basis words read into kinds, each once.
fn basis_kinds(list: &[String], path: &DocPath, p: &mut Problems<'_>) -> Vec<BasisKind> {
    let mut kinds = Vec::with_capacity(list.len());
    for (j, b) in list.iter().enumerate() {
        if let Some(k) = word(p, &path.index(j), "legal basis", b, BASES) {
            if kinds.contains(&k) {
                p.at(&path.index(j), format!("legal basis `{b}` is listed twice"));
            }
            kinds.push(k);
        }
    }
    kinds
}

/// The bases of each purpose: `purpose_bases` where it lists the purpose, else `bases`. Every
/// purpose needs one of the two (an empty list says the notice states no basis); `bases` that no
/// purpose takes and `purpose_bases` keys that are not among `purposes` are errors, as are
/// particulars (`legitimate_interest`, `legal_obligation`) that no purpose's bases use.
fn purpose_bases(
    a: &ActivityFile,
    purposes: &[PurposeId],
    path: &DocPath,
    p: &mut Problems<'_>,
) -> Vec<ActivityPurpose> {
    let shared = a
        .bases
        .as_ref()
        .map(|list| basis_kinds(list, &path.key("bases"), p));
    let mut per: Vec<(&str, Vec<BasisKind>)> = Vec::with_capacity(a.purpose_bases.len());
    for (k, list) in &a.purpose_bases {
        let kpath = path.key("purpose_bases").key(k);
        if !purposes.iter().any(|q| q.as_str() == k) {
            unknown(
                p,
                &kpath,
                "purpose of the activity",
                k,
                purposes.iter().map(PurposeId::as_str),
            );
        }
        per.push((k.as_str(), basis_kinds(list, &kpath, p)));
    }
    let mut shared_used = false;
    let mut out = Vec::with_capacity(purposes.len());
    for (j, q) in purposes.iter().enumerate() {
        let kinds = match (per.iter().find(|(k, _)| *k == q.as_str()), &shared) {
            (Some((_, kinds)), _) => kinds.clone(),
            (None, Some(kinds)) => {
                shared_used = true;
                kinds.clone()
            }
            (None, None) => {
                p.at(
                    &path.key("purposes").index(j),
                    format!(
                        "purpose `{q}` has no legal basis: give `bases`, or list it in `purpose_bases` (an empty list says the notice states none)"
                    ),
                );
                Vec::new()
            }
        };
        out.push((q, kinds));
    }
    if shared.is_some() && !shared_used && !purposes.is_empty() {
        p.at(
            &path.key("bases"),
            "`bases` applies to no purpose: `purpose_bases` lists every one",
        );
    }
    let uses = |kind: BasisKind| out.iter().any(|(_, kinds)| kinds.contains(&kind));
    for (field, value, kind) in [
        (
            "legitimate_interest",
            &a.legitimate_interest,
            BasisKind::LegitimateInterests,
        ),
        (
            "legal_obligation",
            &a.legal_obligation,
            BasisKind::LegalObligation,
        ),
    ] {
        if value.is_some() && !uses(kind) {
            p.at(
                &path.key(field),
                format!(
                    "`{field}` is given but no purpose rests on `{}`",
                    basis_word(kind)
                ),
            );
        }
    }
    let basis = |k: &BasisKind| match k {
        BasisKind::Consent => LegalBasis::Consent,
        BasisKind::Contract => LegalBasis::Contract,
        BasisKind::LegalObligation => LegalBasis::LegalObligation {
            statute: a
                .legal_obligation
                .clone()
                .map(|text| Citation::Declared { text }),
        },
        BasisKind::VitalInterests => LegalBasis::VitalInterests,
        BasisKind::PublicTask => LegalBasis::PublicTask,
        BasisKind::LegitimateInterests => LegalBasis::LegitimateInterests {
            interest: a.legitimate_interest.clone(),
        },
    };
    out.into_iter()
        .map(|(q, kinds)| ActivityPurpose {
            id: q.clone(),
            bases: kinds.iter().map(basis).collect(),
        })
        .collect()
}

fn retention(r: &RetentionFile, path: &DocPath, p: &mut Problems<'_>) -> Option<RetentionRule> {
    match (&r.until, &r.period, &r.after) {
        (Some(u), None, None) => {
            if u != "purpose_ends" {
                p.at(
                    &path.key("until"),
                    format!("unknown `until` value `{u}`; the only one is `purpose_ends`"),
                );
                return None;
            }
            if r.event.is_some() {
                p.at(
                    &path.key("event"),
                    "`event` is only allowed with `after = \"event\"`",
                );
            }
            let review = match &r.review {
                Some(s) => Some(parse::<Period>(p, &path.key("review"), s)?),
                None => None,
            };
            if review.is_some_and(|v| v.is_zero()) {
                p.at(
                    &path.key("review"),
                    "a review period must be longer than zero",
                );
                return None;
            }
            Some(RetentionRule::WhilePurposeLasts {
                review,
                criteria: r.criteria.clone(),
            })
        }
        (None, Some(period), Some(after)) => {
            for (field, v) in [("review", &r.review), ("criteria", &r.criteria)] {
                if v.is_some() {
                    p.at(
                        &path.key(field),
                        format!("`{field}` is only allowed with `until = \"purpose_ends\"`"),
                    );
                }
            }
            let period = parse::<Period>(p, &path.key("period"), period);
            let anchor = anchor(after, r.event.as_deref(), path, p);
            Some(RetentionRule::After {
                period: period?,
                anchor: anchor?,
            })
        }
        (None, Some(_), None) => {
            p.at(path, "`period` needs `after`, the event it counts from");
            None
        }
        (None, None, Some(_)) => {
            p.at(
                path,
                "`after` needs `period`, how long after it the data is kept",
            );
            None
        }
        (None, None, None) => {
            p.at(
                path,
                "retention needs either `period` and `after`, or `until = \"purpose_ends\"`",
            );
            None
        }
        (Some(_), _, _) => {
            p.at(
                path,
                "retention takes either `period` and `after`, or `until`, not both",
            );
            None
        }
    }
}
