//! The national rule on processing national identification numbers (Art. 87 GDPR).

use super::statute::Statute;
use super::{Country, Jurisdiction};
use crate::citation::{Citation, gdpr};

/// The provision that governs a national identification number for a controller established
/// in `country`.
///
/// Art. 87 lets each member state set the conditions. The crate knows Sweden's (Lag (2018:218)
/// med kompletterande bestämmelser till EU:s dataskyddsförordning 3 kap. 10 §: without consent
/// only where "klart motiverat") and Finland's (Tietosuojalaki (1050/2018) 29 §); for every
/// other country it cites Art. 87 itself.
///
/// ```
/// use gdpr_policy::law::{Country, national_id::national_id_rule};
///
/// assert_eq!(national_id_rule(Country::SE).to_string(), "Dataskyddslagen 3 kap. 10 §");
/// assert_eq!(national_id_rule(Country::FI).to_string(), "Tietosuojalaki 29 §");
/// assert_eq!(national_id_rule("DE".parse()?).to_string(), "GDPR Art. 87");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[must_use]
pub fn national_id_rule(country: Country) -> Citation {
    match Jurisdiction::of(country) {
        Some(Jurisdiction::Sweden) => {
            Citation::Statute(Statute::SeDataskyddslagen.at("3 kap. 10 §"))
        }
        Some(Jurisdiction::Finland) => Citation::Statute(Statute::FiTietosuojalaki.at("29 §")),
        None => gdpr(87, 0, ' '),
    }
}
