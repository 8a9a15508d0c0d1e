//! The age from which a child may consent alone to an information society service (Art. 8 GDPR).

use super::statute::Statute;
use super::{Country, Jurisdiction};
use crate::citation::{Citation, gdpr};

/// The digital age of consent that applies to a child in `country`, with its source.
///
/// Art. 8(1) sets 16 and lets member states lower it to no less than 13. The crate encodes the
/// national rules of the jurisdictions it knows; for every other country it answers the GDPR
/// default of 16, which is the strictest value a member state can have and so fails closed.
#[must_use]
pub fn digital_consent_age(country: Country) -> (u8, Citation) {
    match Jurisdiction::of(country) {
        Some(Jurisdiction::Sweden) => (
            13,
            Citation::Statute(Statute::SeDataskyddslagen.at("2 kap. 4 §")),
        ),
        Some(Jurisdiction::Finland) => (13, Citation::Statute(Statute::FiTietosuojalaki.at("5 §"))),
        None => (16, gdpr(8, 1, ' ')),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nordic_ages_and_default() {
        assert_eq!(digital_consent_age(Country::SE).0, 13);
        assert_eq!(digital_consent_age(Country::FI).0, 13);
        assert_eq!(digital_consent_age(Country::US), (16, gdpr(8, 1, ' ')));
    }
}
