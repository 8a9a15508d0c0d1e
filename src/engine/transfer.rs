//! Which transfer safeguard holds for a recipient on a date (Art. 44-49): one rule, shared by
//! decisions and access reports.

use chrono::NaiveDate;

use crate::citation::Citation;
use crate::law::Country;
use crate::law::transfer::{AdequacyDecision, TransferMechanism};
use crate::model::{Recipient, Safeguard};

/// The first safeguard the recipient's policy entry states that holds on `date` for a transfer to
/// `country` (`None`: a country outside the EEA the policy does not name), else an adequacy
/// decision covering the whole country, which holds whether or not the policy names it.
///
/// A bare "adequacy" never reaches a decision that covers only certified organisations (Privacy
/// Shield, the DPF); those apply only when named and the recipient is certified.
pub(crate) fn valid_safeguard(
    rec: &Recipient,
    country: Option<Country>,
    date: NaiveDate,
) -> Option<(TransferMechanism, Citation)> {
    let stated = rec.safeguards.iter().find_map(|g| match (g, country) {
        (Safeguard::AnyAdequacy, Some(c)) => AdequacyDecision::for_country_on(c, date, false)
            .map(|(d, f)| (TransferMechanism::Adequacy(d), f.source)),
        (Safeguard::AnyAdequacy, None) => None,
        (Safeguard::Mechanism(TransferMechanism::Adequacy(d)), c) => {
            let f = d.fact();
            (c.is_some()
                && f.country == c
                && f.validity.holds_on(date)
                && (rec.certified || !f.certified_only))
                .then_some((TransferMechanism::Adequacy(*d), f.source))
        }
        (Safeguard::Mechanism(m), _) => m
            .validity()
            .filter(|v| v.holds_on(date))
            .map(|_| (*m, m.citation())),
    });
    stated.or_else(|| {
        let (d, f) = AdequacyDecision::for_country_on(country?, date, false)?;
        Some((TransferMechanism::Adequacy(d), f.source))
    })
}
