//! National statutes the crate knows, and provisions of them as citation values.
//!
//! The statutes and their provisions are defined beside the citations that name them
//! ([`crate::citation::statute`]), below the law, and are re-exported here; this module adds what
//! the law says of each statute: which member state's law it is.
//!
//! ```
//! use gdpr_policy::law::Jurisdiction;
//! use gdpr_policy::law::statute::Statute;
//!
//! assert_eq!(Statute::FiKirjanpitolaki.jurisdiction(), Jurisdiction::Finland);
//! assert_eq!(Statute::SeBokforingslagen.at("7 kap. 2 §").to_string(), "BFL 7 kap. 2 §");
//! ```

use super::Jurisdiction;

pub use crate::citation::statute::{Provision, Statute};

pub(crate) use crate::citation::statute::{
    BFL_7_2, KPL_2_10, PRESKRIPTION_2, PRESKRIPTION_2_2, VANHL_4, VANHL_7,
};

/// Every provision the crate can cite; the duties' tests check that each duty's is one of them.
#[cfg(test)]
pub(crate) use crate::citation::statute::KNOWN_SECTIONS;

impl Statute {
    /// The member state whose law this is.
    #[must_use]
    pub const fn jurisdiction(self) -> Jurisdiction {
        match self {
            Self::SeBokforingslagen
            | Self::SePreskriptionslagen
            | Self::SeDataskyddslagen
            | Self::SeMervardesskattelagen => Jurisdiction::Sweden,
            Self::FiKirjanpitolaki | Self::FiVelanVanhentuminen | Self::FiTietosuojalaki => {
                Jurisdiction::Finland
            }
        }
    }
}
