//! Art. 13 and 14: is the information a notice must give there?

use super::{Check, Severity, act};
use crate::citation::gdpr;
use crate::model::{BasisKind, LegalBasis, Location, Provenance, RetentionRule, Right};

/// The checks of this group.
pub const CHECKS: &[Check] = &[
    Check {
        code: "controller-contact-missing",
        severity: Severity::Error,
        citation: gdpr(13, 1, 'a'),
        rationale: "the subject must be told who the controller is and how to reach it",
        help: "add `controller.address`, or `controller.contact` with an e-mail address, telephone number or web form",
        run: |cx, out| {
            let c = cx.policy.controller();
            if !c.contact.is_reachable() && c.address.is_none() {
                out.push((
                    "controller.contact".to_owned(),
                    "the controller gives no address, e-mail, telephone or web contact".to_owned(),
                ));
            }
        },
    },
    Check {
        code: "dpo-contact-missing",
        severity: Severity::Warning,
        citation: gdpr(13, 1, 'b'),
        rationale: "where there is a data protection officer, their contact details must be given",
        help: "give the DPO's e-mail, telephone or web contact in `controller.dpo`",
        run: |cx, out| {
            if cx
                .policy
                .controller()
                .dpo
                .as_ref()
                .is_some_and(|d| !d.is_reachable())
            {
                out.push((
                    "controller.dpo".to_owned(),
                    "a data protection officer is named without contact details".to_owned(),
                ));
            }
        },
    },
    Check {
        code: "basis-not-stated",
        severity: Severity::Error,
        citation: gdpr(13, 1, 'c'),
        rationale: "the notice must state the legal basis of every purpose; processing with none is unlawful (Art. 6(1))",
        help: "state the basis for the purpose in `bases` or `purpose_bases`",
        run: |cx, out| {
            for (i, a) in own(cx) {
                for (j, q) in a.purposes.iter().enumerate() {
                    if !q.basis_stated() {
                        out.push((
                            format!("{}.purposes[{j}]", act(i)),
                            format!(
                                "activity `{}` states no legal basis for purpose `{}`",
                                a.id, q.id
                            ),
                        ));
                    }
                }
            }
        },
    },
    Check {
        code: "legitimate-interest-unstated",
        severity: Severity::Error,
        citation: gdpr(13, 1, 'd'),
        rationale: "processing on legitimate interests must say which interest is pursued",
        help: "state the interest in the activity's `legitimate_interest`",
        run: |cx, out| {
            for (i, a) in own(cx) {
                if a.bases()
                    .contains(&&LegalBasis::LegitimateInterests { interest: None })
                {
                    out.push((
                        format!("{}.legitimate_interest", act(i)),
                        format!(
                            "activity `{}` rests on legitimate interests without saying which",
                            a.id
                        ),
                    ));
                }
            }
        },
    },
    Check {
        code: "legal-obligation-unstated",
        severity: Severity::Warning,
        citation: gdpr(6, 3, ' '),
        rationale: "a legal obligation must be laid down by Union or member-state law; the notice should name it",
        help: "name the statute in the activity's `legal_obligation`",
        run: |cx, out| {
            for (i, a) in own(cx) {
                if a.bases()
                    .contains(&&LegalBasis::LegalObligation { statute: None })
                {
                    out.push((
                        format!("{}.legal_obligation", act(i)),
                        format!(
                            "activity `{}` rests on a legal obligation without naming the law",
                            a.id
                        ),
                    ));
                }
            }
        },
    },
    Check {
        code: "transfer-mechanism-unstated",
        severity: Severity::Error,
        citation: gdpr(13, 1, 'f'),
        rationale: "a transfer to a third country must name its safeguard (adequacy decision, SCCs, ...)",
        help: "list the recipient's `safeguards`, or locate it in the EEA if it is there",
        run: |cx, out| {
            for (i, r) in cx.policy.recipients().iter().enumerate() {
                let outside = match r.location {
                    Location::Eea => false,
                    Location::Country(c) => !c.in_eea_on(cx.date),
                    Location::ThirdCountry | Location::Unknown => true,
                };
                if outside && r.safeguards.is_empty() {
                    out.push((
                        format!("recipient[{i}].safeguards"),
                        format!("recipient `{}` is or may be outside the EEA and no transfer mechanism is stated", r.id),
                    ));
                }
            }
        },
    },
    Check {
        code: "retention-missing",
        severity: Severity::Warning,
        citation: gdpr(13, 2, 'a'),
        rationale: "the notice must give the retention period or the criteria that set it",
        help: "add `retention` to the activity: a period after an anchor, or `until = \"purpose_ends\"` with criteria",
        run: |cx, out| {
            for (i, a) in own(cx) {
                if a.retention.is_none() {
                    out.push((
                        format!("{}.retention", act(i)),
                        format!("activity `{}` states no retention", a.id),
                    ));
                }
            }
        },
    },
    Check {
        code: "retention-vague",
        severity: Severity::Warning,
        citation: gdpr(5, 1, 'e'),
        rationale: "\"as long as needed\" without criteria or a review period does not limit storage",
        help: "give `criteria` and a `review` period, or a definite period",
        run: |cx, out| {
            for (i, a) in own(cx) {
                if let Some(RetentionRule::WhilePurposeLasts { review: None, .. }) = &a.retention {
                    out.push((
                        format!("{}.retention", act(i)),
                        format!("activity `{}` keeps data while the purpose lasts with no review period", a.id),
                    ));
                }
            }
        },
    },
    Check {
        code: "right-not-stated",
        severity: Severity::Warning,
        citation: gdpr(13, 2, 'b'),
        rationale: "the notice must tell of the rights of access, rectification, erasure, restriction, objection and portability",
        help: "add the right to `rights.offered` and say how to exercise it",
        run: |cx, out| {
            let offered = &cx.policy.rights().offered;
            for right in [
                Right::Access,
                Right::Rectification,
                Right::Erasure,
                Right::Restriction,
            ] {
                if !offered.contains(&right) {
                    out.push((
                        "rights.offered".to_owned(),
                        format!("the right {right:?} ({}) is not stated", right.citation()),
                    ));
                }
            }
        },
    },
    Check {
        code: "withdrawal-not-stated",
        severity: Severity::Error,
        citation: gdpr(13, 2, 'c'),
        rationale: "where consent is a basis, the notice must tell of the right to withdraw it at any time",
        help: "add `withdraw_consent` to `rights.offered`",
        run: |cx, out| {
            let consent = cx.policy.activities().iter().any(|a| a.relies_on_consent());
            if consent && !cx.policy.rights().offered.contains(&Right::WithdrawConsent) {
                out.push((
                    "rights.offered".to_owned(),
                    "consent is a basis but the right to withdraw it is not stated".to_owned(),
                ));
            }
        },
    },
    Check {
        code: "complaint-not-stated",
        severity: Severity::Error,
        citation: gdpr(13, 2, 'd'),
        rationale: "the notice must tell of the right to lodge a complaint with a supervisory authority",
        help: "add `complaint` to `rights.offered` and name the authority in `rights.complaint_authority`",
        run: |cx, out| {
            if !cx.policy.rights().offered.contains(&Right::Complaint) {
                out.push((
                    "rights.offered".to_owned(),
                    "the right to lodge a complaint is not stated".to_owned(),
                ));
            }
        },
    },
    Check {
        code: "requirement-not-stated",
        severity: Severity::Note,
        citation: gdpr(13, 2, 'e'),
        rationale: "the notice must say whether providing the data is a statutory or contractual requirement and what follows from not providing it",
        help: "set the activity's `requirement`",
        run: |cx, out| {
            for (i, a) in own(cx) {
                let from_subject = a.categories.iter().any(|(_, p)| *p == Provenance::Subject);
                if a.requirement.is_none() && from_subject {
                    out.push((
                        format!("{}.requirement", act(i)),
                        format!(
                            "activity `{}` does not say whether the data must be provided",
                            a.id
                        ),
                    ));
                }
            }
        },
    },
    Check {
        code: "automated-logic-unstated",
        severity: Severity::Warning,
        citation: gdpr(13, 2, 'f'),
        rationale: "solely automated decisions must come with meaningful information about the logic involved",
        help: "describe the logic in `automated_decision.logic`",
        run: |cx, out| {
            for (i, a) in own(cx) {
                if a.automated_decision
                    .as_ref()
                    .is_some_and(|d| d.legal_effects && d.logic.is_none())
                {
                    out.push((
                        format!("{}.automated_decision", act(i)),
                        format!(
                            "activity `{}` makes automated decisions without explaining the logic",
                            a.id
                        ),
                    ));
                }
            }
        },
    },
    Check {
        code: "third-party-source",
        severity: Severity::Note,
        citation: gdpr(14, 2, 'f'),
        rationale: "for data not obtained from the subject, the source must be given (Art. 14)",
        help: "make sure the notice names the source; the policy records the provenance",
        run: |cx, out| {
            for (i, a) in own(cx) {
                for (c, p) in &a.categories {
                    if matches!(p, Provenance::ThirdParty | Provenance::Public) {
                        out.push((
                            format!("{}.provenance", act(i)),
                            format!(
                                "`{c}` comes from someone other than the subject: Art. 14 applies"
                            ),
                        ));
                    }
                }
            }
        },
    },
];

/// The activities the policy's controller runs as controller, with their indices: the notice
/// owes Art. 13/14 information for those; for data it processes as processor the information is
/// its customer's to give (Art. 28).
fn own<'a>(cx: &super::Cx<'a>) -> impl Iterator<Item = (usize, &'a crate::model::Activity)> {
    cx.policy
        .activities()
        .iter()
        .enumerate()
        .filter(|(_, a)| matches!(a.role, crate::model::Role::Controller))
}

/// Whether an activity rests on a basis Art. 21(1) objections reach.
pub(crate) fn objectable(a: &crate::model::Activity) -> bool {
    a.bases().into_iter().any(|b| {
        matches!(
            b.kind(),
            BasisKind::LegitimateInterests | BasisKind::PublicTask
        )
    })
}
