//! Legal facts in force on the audit date: transfer mechanisms, adequacy decisions, authority
//! names.

use super::{Check, Cx, Severity};
use crate::citation::gdpr;
use crate::law::authority::{self, Authority};
use crate::law::transfer::TransferMechanism;
use crate::law::{Country, Jurisdiction};
use crate::model::{Location, Right, Safeguard};

/// The checks of this group.
pub const CHECKS: &[Check] = &[
    Check {
        code: "transfer-mechanism-invalid",
        severity: Severity::Error,
        citation: gdpr(44, 0, ' '),
        rationale: "a transfer may rely only on a mechanism valid at the time (Privacy Shield fell on 2020-07-16)",
        help: "replace the mechanism with one valid today (e.g. `scc`, or `adequacy.us_data_privacy_framework` for certified US recipients)",
        run: |cx, out| mechanisms(cx, out, false),
    },
    Check {
        code: "adequacy-not-yet-in-force",
        severity: Severity::Error,
        citation: gdpr(45, 1, ' '),
        rationale: "an adequacy decision cannot be relied on before it is adopted",
        help: "rely on another mechanism until the decision applies",
        run: |cx, out| mechanisms(cx, out, true),
    },
    Check {
        code: "adequacy-wrong-country",
        severity: Severity::Error,
        citation: gdpr(45, 1, ' '),
        rationale: "an adequacy decision covers only its own country",
        help: "name the decision for the recipient's country, or another mechanism",
        run: |cx, out| {
            for (i, r) in cx.policy.recipients().iter().enumerate() {
                let Location::Country(c) = r.location else {
                    continue;
                };
                for (j, g) in r.safeguards.iter().enumerate() {
                    if let Safeguard::Mechanism(TransferMechanism::Adequacy(d)) = g
                        && d.fact().country.is_some_and(|dc| dc != c)
                    {
                        out.push((format!("recipient[{i}].safeguards[{j}]"), format!("recipient `{}` is in {c} but relies on the adequacy decision for {}", r.id, d.name())));
                    }
                }
            }
        },
    },
    Check {
        code: "transfer-not-covered",
        severity: Severity::Error,
        citation: gdpr(44, 0, ' '),
        rationale: "a transfer needs a safeguard that actually covers the destination on the day; \"an adequacy decision\" where none exists covers nothing",
        help: "name a mechanism that covers the destination (e.g. `scc`), or the adequacy decision that does",
        run: |cx, out| {
            for (i, r) in cx.policy.recipients().iter().enumerate() {
                let country = match r.location {
                    Location::Eea => continue,
                    Location::Country(c) if c.in_eea_on(cx.date) => continue,
                    Location::Country(c) => Some(c),
                    Location::ThirdCountry | Location::Unknown => None,
                };
                // Empty lists, stale and misdirected mechanisms have findings of their own.
                let own_finding = r.safeguards.is_empty()
                    || r.safeguards.iter().any(|g| match g {
                        Safeguard::AnyAdequacy => false,
                        Safeguard::Mechanism(m) => {
                            !m.validity().is_some_and(|v| v.holds_on(cx.date))
                                || matches!(m, TransferMechanism::Adequacy(d)
                                    if country.is_some() && d.fact().country.is_some_and(|dc| Some(dc) != country))
                        }
                    });
                if !own_finding
                    && super::super::transfer::valid_safeguard(r, country, cx.date).is_none()
                {
                    let place = country.map_or_else(
                        || "a place outside the EEA the policy does not name".to_owned(),
                        |c| c.to_string(),
                    );
                    out.push((
                        format!("recipient[{i}].safeguards"),
                        format!(
                            "no safeguard recipient `{}` states covers a transfer to {place} on {}",
                            r.id, cx.date
                        ),
                    ));
                }
            }
        },
    },
    Check {
        code: "authority-name-outdated",
        severity: Severity::Warning,
        citation: gdpr(77, 1, ' '),
        rationale: "the subject must be able to find the authority; a former name misleads",
        help: "name the authority as it is called today",
        run: |cx, out| {
            let Some(written) = cx.policy.rights().complaint_authority.as_deref() else {
                return;
            };
            let Some(named) = authority::lookup(written) else {
                return;
            };
            if named.holds_on(cx.date) {
                return;
            }
            let current = Jurisdiction::of(cx.policy.controller().country)
                .map(Authority::of)
                .filter(|a| *a == named.fact.authority)
                .and_then(|a| a.name_on(cx.date));
            let now =
                current.map_or_else(String::new, |n| format!("; it is now `{}`", n.fact.name));
            out.push((
                "rights.complaint_authority".to_owned(),
                format!(
                    "`{written}` is not the authority's name on {}{now}",
                    cx.date
                ),
            ));
        },
    },
    Check {
        code: "authority-not-named",
        severity: Severity::Note,
        citation: gdpr(77, 1, ' '),
        rationale: "naming the competent authority helps the subject exercise the right to complain",
        help: "name the supervisory authority in `rights.complaint_authority`",
        run: |cx, out| {
            let rights = cx.policy.rights();
            if rights.offered.contains(&Right::Complaint) && rights.complaint_authority.is_none() {
                let c: Country = cx.policy.controller().country;
                let name = Jurisdiction::of(c)
                    .map(Authority::of)
                    .and_then(|a| a.name_on(cx.date));
                let hint = name.map_or_else(String::new, |n| format!(" (`{}`)", n.fact.name));
                out.push((
                    "rights.complaint_authority".to_owned(),
                    format!("the right to complain is stated without naming the authority{hint}"),
                ));
            }
        },
    },
];

/// Stated mechanisms not valid on the audit date: ended ones (`future == false`) or ones not yet
/// in force (`future == true`).
fn mechanisms(cx: &Cx<'_>, out: &mut Vec<(String, String)>, future: bool) {
    for (i, r) in cx.policy.recipients().iter().enumerate() {
        for (j, g) in r.safeguards.iter().enumerate() {
            let Safeguard::Mechanism(m) = g else { continue };
            let Some(v) = m.validity() else { continue };
            let ended = v.until.is_some_and(|u| u <= cx.date);
            let not_yet = v.from.is_some_and(|f| cx.date < f);
            if (future && not_yet) || (!future && ended) {
                let when = if future {
                    "is not yet in force"
                } else {
                    "is no longer valid"
                };
                out.push((
                    format!("recipient[{i}].safeguards[{j}]"),
                    format!(
                        "recipient `{}` relies on {m}, which {when} on {} ({})",
                        r.id, cx.date, v
                    ),
                ));
            }
        }
    }
}
