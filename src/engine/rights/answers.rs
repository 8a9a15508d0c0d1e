//! The answer for each right of one activity: withdrawal (Art. 7(3)), information (Art. 13-14),
//! restriction (Art. 18), portability (Art. 20), objection (Art. 21) and automated decisions
//! (Art. 22).

#[allow(clippy::wildcard_imports)]
use super::*;

pub(super) fn withdrawal(s: &SubjectState, a: &Activity, at: DateTime<Utc>) -> Answer {
    let cite = gdpr(7, 3, ' ');
    if !a.relies_on_consent() && a.special_condition != Some(SpecialCondition::ExplicitConsent) {
        return answer(false, cite, "the activity does not rest on consent");
    }
    let how = a
        .withdrawal
        .as_deref()
        .map_or_else(String::new, |w| format!("; the policy says how: {w}"));
    let covering = covering(s, a);
    if let Some(c) = covering.iter().find(|c| holds(c.given, consent_end(c), at)) {
        let why = format!(
            "the consent given at {} holds and may be withdrawn at any time, as easily as it was given, without affecting earlier processing{how}",
            c.given
        );
        return answer(true, cite, why);
    }
    match covering
        .iter()
        .filter_map(|c| consent_end(c))
        .filter(|w| *w <= at)
        .max()
    {
        Some(w) => answer(
            false,
            cite,
            format!("the consent ended at {w}: none is left to withdraw"),
        ),
        None => answer(
            true,
            cite,
            format!(
                "the activity rests on consent; none is recorded for the subject, and any consent given may be withdrawn at any time{how}"
            ),
        ),
    }
}

pub(super) fn information(a: &Activity) -> Answer {
    let others = a
        .categories
        .iter()
        .filter(|(_, p)| !p.from_subject())
        .map(|(c, _)| c);
    let others = list(others);
    if others.is_empty() {
        let why = "the data is collected from the subject: the information of Art. 13 is due when it is collected";
        return answer(true, gdpr(13, 0, ' '), why);
    }
    let why = format!(
        "some data is not collected from the subject ({others}): the information of Art. 14, with its source, is due within a month at the latest (Art. 14(3))"
    );
    answer(true, gdpr(14, 0, ' '), why)
}

pub(super) fn restriction(s: &SubjectState, a: &Activity, at: DateTime<Utc>) -> Answer {
    let touches = |r: &CategoryId| {
        a.categories
            .iter()
            .any(|(c, _)| c.is_within(r) || r.is_within(c))
    };
    let active: Vec<String> = s
        .restrictions
        .iter()
        .filter(|x| holds(x.from, x.lifted, at) && x.categories.iter().any(touches))
        .map(|x| {
            let point = match x.ground {
                RestrictionGround::AccuracyContested => 'a',
                RestrictionGround::UnlawfulProcessing => 'b',
                RestrictionGround::NeededForClaims => 'c',
                RestrictionGround::ObjectionPending => 'd',
            };
            format!(
                "{} since {} ({})",
                list(&x.categories),
                x.from,
                gdpr(18, 1, point)
            )
        })
        .collect();
    let why = if active.is_empty() {
        "restriction may be asked for while accuracy is contested, instead of erasure of unlawfully processed data, when the subject needs the data for legal claims, or pending an Art. 21(1) objection".to_owned()
    } else {
        format!(
            "restricted: {}; only storage is allowed meanwhile, save the exceptions of Art. 18(2), and the subject is told before it is lifted (Art. 18(3))",
            active.join("; ")
        )
    };
    answer(true, gdpr(18, 1, ' '), why)
}

pub(super) fn portability(a: &Activity) -> Answer {
    let Some((basis, cite)) = portable_basis(a) else {
        let why = format!(
            "the activity rests on {}, not on consent (Art. 6(1)(a), 9(2)(a)) or contract (Art. 6(1)(b))",
            bases_text(a)
        );
        return answer(false, gdpr(20, 1, 'a'), why);
    };
    let provided = |yes: bool| {
        list(
            a.categories
                .iter()
                .filter(|(_, p)| p.from_subject() == yes)
                .map(|(c, _)| c),
        )
    };
    let (given, not_given) = (provided(true), provided(false));
    if given.is_empty() {
        let why = "none of the activity's data is provided by the subject: it is derived or obtained from others";
        return answer(false, gdpr(20, 1, ' '), why);
    }
    let mut why = format!(
        "processing on {basis} ({cite}), by automated means (assumed: the policy declares no manual processing), of data the subject provided: {given}"
    );
    if !not_given.is_empty() {
        why.push_str(&format!("; not {not_given}"));
    }
    answer(true, gdpr(20, 1, ' '), why)
}

pub(super) fn objection(s: &SubjectState, a: &Activity, at: DateTime<Utc>) -> (Answer, Vec<Part>) {
    let made = |kind: ObjectionKind| {
        s.objections
            .iter()
            .filter(move |o| o.kind == kind && o.at <= at && overlaps(a, &o.purpose))
    };
    let (applies, reason) = match objectable_basis(a) {
        Some(b) => {
            let what = match b {
                LegalBasis::LegitimateInterests { interest: Some(i) } => {
                    format!("legitimate interests ({i})")
                }
                _ => b.kind().to_string(),
            };
            let particular = made(ObjectionKind::ParticularSituation);
            let standing = particular.clone().find(|o| o.compelling_grounds.is_none());
            let overridden = particular
                .filter_map(|o| Some((o.at, o.compelling_grounds.as_ref()?)))
                .next();
            let why = match (standing, overridden) {
                (Some(o), _) => format!(
                    "processing on {what}: the subject objected at {}; it stops unless compelling legitimate grounds are shown or it serves legal claims",
                    o.at
                ),
                (None, Some((t, g))) => format!(
                    "processing on {what}: the objection made at {t} is overridden by recorded compelling grounds ({g})"
                ),
                (None, None) => format!(
                    "processing on {what} can be objected to on grounds relating to the subject's particular situation"
                ),
            };
            (true, why)
        }
        None => (
            false,
            format!(
                "the activity rests on {}; Art. 21(1) covers only public task (Art. 6(1)(e)) and legitimate interests (Art. 6(1)(f))",
                bases_text(a)
            ),
        ),
    };
    let p1 = Part {
        citation: gdpr(21, 1, ' '),
        applies,
        reason,
    };
    let dm = direct_marketing(a);
    let (applies, mut reason) = if dm.is_empty() {
        (
            false,
            "no purpose of the activity is direct marketing".to_owned(),
        )
    } else {
        let why = format!(
            "direct marketing ({}), whatever the basis: an objection is absolute (Art. 21(3))",
            list(&dm)
        );
        (true, why)
    };
    if let Some(o) = made(ObjectionKind::DirectMarketing)
        .next()
        .filter(|_| applies)
    {
        reason.push_str(&format!(
            "; the subject objected at {}: the direct marketing must stop",
            o.at
        ));
    }
    let p2 = Part {
        citation: gdpr(21, 2, ' '),
        applies,
        reason,
    };
    let (citation, why) = match (p1.applies, p2.applies) {
        (true, true) => (
            gdpr(21, 0, ' '),
            "open to objection on grounds of the subject's particular situation (Art. 21(1)) and to direct marketing (Art. 21(2))",
        ),
        (true, false) => (
            gdpr(21, 1, ' '),
            "open to objection on grounds of the subject's particular situation (Art. 21(1)) only",
        ),
        (false, true) => (
            gdpr(21, 2, ' '),
            "open to objection to direct marketing (Art. 21(2)) only",
        ),
        (false, false) => (
            gdpr(21, 0, ' '),
            "not open to objection: no public-task or legitimate-interests basis, no direct marketing",
        ),
    };
    (
        answer(p1.applies || p2.applies, citation, why),
        vec![p1, p2],
    )
}

pub(super) fn automated(s: &SubjectState, a: &Activity, at: DateTime<Utc>) -> Answer {
    let Some(ad) = &a.automated_decision else {
        return answer(
            false,
            gdpr(22, 1, ' '),
            "the activity declares no solely automated decision-making",
        );
    };
    if !ad.legal_effects {
        let why =
            "the activity's automated decisions have no legal or similarly significant effects";
        return answer(false, gdpr(22, 1, ' '), why);
    }
    let has = |k: BasisKind| a.rests_on(k);
    let explicit = covering(s, a)
        .iter()
        .any(|c| c.explicit && holds(c.given, consent_end(c), at));
    let human = ": the subject may obtain human intervention, express their view and contest the decision (Art. 22(3))";
    let (cite, how) = if has(BasisKind::Contract) {
        (
            gdpr(22, 3, ' '),
            format!(", necessary for a contract (Art. 22(2)(a)){human}"),
        )
    } else if has(BasisKind::LegalObligation) {
        (
            gdpr(22, 2, 'b'),
            ", authorised by law with safeguards for the subject".to_owned(),
        )
    } else if has(BasisKind::Consent) && explicit {
        (
            gdpr(22, 3, ' '),
            format!(", on explicit consent (Art. 22(2)(c)){human}"),
        )
    } else {
        let why =
            " and no Art. 22(2) exception: the subject has the right not to be subject to them";
        (gdpr(22, 1, ' '), why.to_owned())
    };
    let why =
        format!("solely automated decisions with legal or similarly significant effects{how}");
    answer(true, cite, why)
}
