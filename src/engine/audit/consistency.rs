//! Inconsistencies between what the policy promises and what its activities do.

use super::completeness::objectable;
use super::{Check, Severity, act};
use crate::citation::gdpr;
use crate::engine::rights::direct_marketing;
use crate::model::{BasisKind, LegalStatus, Policy, ResponseTime, RetentionRule, Right};
use crate::time::Period;

/// The checks of this group.
pub const CHECKS: &[Check] = &[
    Check {
        code: "portability-inapplicable",
        severity: Severity::Warning,
        citation: gdpr(20, 1, ' '),
        rationale: "portability applies only to processing on consent or contract; promising it elsewhere misleads",
        help: "offer portability only where an activity rests on consent or contract",
        run: |cx, out| {
            let applicable = portable_somewhere(cx.policy);
            if cx.policy.rights().offered.contains(&Right::Portability) && !applicable {
                out.push((
                    "rights.offered".to_owned(),
                    "portability is offered but no activity rests on consent or contract"
                        .to_owned(),
                ));
            }
        },
    },
    Check {
        code: "portability-omitted",
        severity: Severity::Warning,
        citation: gdpr(13, 2, 'b'),
        rationale: "where processing rests on consent or contract, the right to portability must be told",
        help: "add `portability` to `rights.offered`",
        run: |cx, out| {
            let applicable = portable_somewhere(cx.policy);
            if applicable && !cx.policy.rights().offered.contains(&Right::Portability) {
                out.push((
                    "rights.offered".to_owned(),
                    "activities rest on consent or contract but portability is not stated"
                        .to_owned(),
                ));
            }
        },
    },
    Check {
        code: "objection-omitted",
        severity: Severity::Error,
        citation: gdpr(21, 4, ' '),
        rationale: "where processing rests on legitimate interests or a public task, or is direct marketing, the right to object must be told explicitly",
        help: "add `objection` to `rights.offered`",
        run: |cx, out| {
            let needed = objectable_somewhere(cx.policy);
            if needed && !cx.policy.rights().offered.contains(&Right::Objection) {
                out.push(("rights.offered".to_owned(), "activities rest on legitimate interests or do direct marketing, but the right to object is not stated".to_owned()));
            }
        },
    },
    Check {
        code: "objection-inapplicable",
        severity: Severity::Note,
        citation: gdpr(21, 1, ' '),
        rationale: "the right to object reaches only legitimate-interest and public-task processing and direct marketing",
        help: "say which processing the objection applies to",
        run: |cx, out| {
            let applicable = objectable_somewhere(cx.policy);
            if cx.policy.rights().offered.contains(&Right::Objection) && !applicable {
                out.push((
                    "rights.offered".to_owned(),
                    "the right to object is offered but no activity is open to objection"
                        .to_owned(),
                ));
            }
        },
    },
    Check {
        code: "consent-withdrawal-route-missing",
        severity: Severity::Warning,
        citation: gdpr(7, 3, ' '),
        rationale: "withdrawing consent must be as easy as giving it; the policy should say how",
        help: "describe the withdrawal route in the activity's `withdrawal`",
        run: |cx, out| {
            for (i, a) in cx.policy.activities().iter().enumerate() {
                if a.relies_on_consent() && a.withdrawal.is_none() {
                    out.push((
                        format!("{}.withdrawal", act(i)),
                        format!(
                            "activity `{}` rests on consent but gives no way to withdraw it",
                            a.id
                        ),
                    ));
                }
            }
        },
    },
    Check {
        code: "contract-non-party",
        severity: Severity::Error,
        citation: gdpr(6, 1, 'b'),
        rationale: "only the data of a party to the contract can be processed as necessary for performing it; a business customer's contact person is not a party",
        help: "give the purpose a basis that can hold for those subjects (usually `legitimate_interests`, with the interest), or mark a declared subject kind `party_to_contract = true` if it is one",
        run: |cx, out| {
            // A processor has no basis of its own: the controller's is not ours to judge.
            let own = cx
                .policy
                .activities()
                .iter()
                .enumerate()
                .filter(|(_, a)| matches!(a.role, crate::model::Role::Controller));
            for (i, a) in own {
                let non_party: Vec<String> = a
                    .subjects
                    .iter()
                    .filter(|k| {
                        cx.policy
                            .subject_kind(k)
                            .is_some_and(|x| !x.party_to_contract)
                    })
                    .map(|k| format!("`{k}`"))
                    .collect();
                if non_party.is_empty() {
                    continue;
                }
                let purposes: Vec<String> = a
                    .purposes
                    .iter()
                    .filter(|q| {
                        q.basis_stated() && q.bases.iter().all(|b| b.kind() == BasisKind::Contract)
                    })
                    .map(|q| format!("`{}`", q.id))
                    .collect();
                if !purposes.is_empty() {
                    out.push((
                        format!("{}.subjects", act(i)),
                        format!(
                            "activity `{}` rests on contract alone for {}, but its subjects {} are not parties to the contract",
                            a.id,
                            purposes.join(", "),
                            non_party.join(", ")
                        ),
                    ));
                }
            }
        },
    },
    Check {
        code: "national-id-unjustified",
        severity: Severity::Error,
        // Findings cite the controller country's own rule (`Check::citation_for`).
        citation: gdpr(87, 0, ' '),
        rationale: "a national identification number may be processed only under the conditions national law sets (SE: without consent only when clearly justified)",
        help: "state why the number is needed in `national_id_justification`",
        run: |cx, out| {
            for (i, a) in cx.policy.activities().iter().enumerate() {
                let has = a.categories.iter().any(|(c, _)| {
                    cx.policy
                        .category(c)
                        .is_some_and(|k| k.status == LegalStatus::NationalId)
                });
                // With consent no justification is needed (Dataskyddslagen 3 kap. 10 §).
                if has && a.national_id_justification.is_none() && !a.relies_on_consent() {
                    out.push((format!("{}.national_id_justification", act(i)), format!("activity `{}` processes national id numbers without a stated justification", a.id)));
                }
            }
        },
    },
    Check {
        code: "response-time-too-long",
        severity: Severity::Error,
        citation: gdpr(12, 3, ' '),
        rationale: "requests must be answered without undue delay and within one month (extendable by two with reasons)",
        help: "promise an answer within one month (`response_time = \"1m\"`)",
        run: |cx, out| match &cx.policy.rights().response_time {
            ResponseTime::Within(p) if longer_than_a_month(*p) => {
                out.push((
                    "rights.response_time".to_owned(),
                    format!("the policy promises an answer within {p}, more than one month"),
                ));
            }
            ResponseTime::Vague(t) => {
                out.push((
                    "rights.response_time_text".to_owned(),
                    format!("\"{t}\" does not promise an answer within one month"),
                ));
            }
            _ => {}
        },
    },
    Check {
        code: "retention-without-end",
        severity: Severity::Warning,
        citation: gdpr(13, 2, 'a'),
        rationale: "\"as long as needed\" must come with the criteria that decide how long",
        help: "state the `criteria`, or a definite period",
        run: |cx, out| {
            for (i, a) in cx.policy.activities().iter().enumerate() {
                if let Some(RetentionRule::WhilePurposeLasts { criteria: None, .. }) = &a.retention
                {
                    out.push((
                        format!("{}.retention", act(i)),
                        format!(
                            "activity `{}` keeps data while the purpose lasts without criteria",
                            a.id
                        ),
                    ));
                }
            }
        },
    },
    Check {
        code: "category-unused",
        severity: Severity::Note,
        citation: gdpr(5, 1, 'c'),
        rationale: "a declared category no activity processes is either dead text or undeclared processing",
        help: "remove the category or add it to the activity that processes it",
        run: |cx, out| {
            let declared = cx.policy.categories().iter().filter(|c| !c.builtin);
            for (i, c) in declared.enumerate() {
                let used = cx.policy.activities().iter().any(|a| {
                    a.categories
                        .iter()
                        .any(|(x, _)| x.is_within(&c.id) || c.id.is_within(x))
                });
                if !used {
                    out.push((
                        format!("category[{i}]"),
                        format!("category `{}` is processed by no activity", c.id),
                    ));
                }
            }
        },
    },
    Check {
        code: "recipient-unused",
        severity: Severity::Warning,
        citation: gdpr(13, 1, 'e'),
        rationale: "a recipient no activity discloses to means the record of processing is incomplete",
        help: "add the recipient to the activities that disclose to it, or remove it",
        run: |cx, out| {
            for (i, r) in cx.policy.recipients().iter().enumerate() {
                if !cx
                    .policy
                    .activities()
                    .iter()
                    .any(|a| a.recipients.contains(&r.id))
                {
                    out.push((
                        format!("recipient[{i}]"),
                        format!("recipient `{}` receives data from no activity", r.id),
                    ));
                }
            }
        },
    },
];

/// Whether some activity rests on consent or contract, the bases Art. 20(1)(a) opens.
fn portable_somewhere(p: &Policy) -> bool {
    p.activities()
        .iter()
        .any(|a| a.rests_on(BasisKind::Consent) || a.rests_on(BasisKind::Contract))
}

/// Whether some activity is open to objection: an Art. 21(1) basis, or direct marketing (21(2)).
fn objectable_somewhere(p: &Policy) -> bool {
    p.activities()
        .iter()
        .any(|a| objectable(a) || !direct_marketing(a).is_empty())
}

/// Whether a promised period can end later than one month after receipt.
fn longer_than_a_month(p: Period) -> bool {
    p.year_part() > 0
        || p.month_part() > 1
        || (p.month_part() == 1 && p.day_part() > 0)
        || (p.month_part() == 0 && p.day_part() > 28)
}
