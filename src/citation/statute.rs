//! National statutes the crate knows, and provisions of them as citation values.
//!
//! Statutes sit beside the citations that name them, at the foot of the crate, so that a
//! [`Citation::Statute`](super::Citation::Statute) needs nothing from the law above; what the
//! law says of a statute (whose law it is) is added in [`crate::law::statute`].
//!
//! ```
//! use gdpr_policy::citation::Citation;
//! use gdpr_policy::citation::statute::Statute;
//!
//! let c = Citation::Statute(Statute::SeBokforingslagen.at("7 kap. 2 §"));
//! assert_eq!(c.to_string(), "BFL 7 kap. 2 §");
//! ```

use std::fmt;

use serde::{Deserialize, Serialize};

/// A national statute known to the crate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Statute {
    /// Bokföringslagen (SFS 1999:1078), the Swedish Accounting Act.
    SeBokforingslagen,
    /// Preskriptionslagen (SFS 1981:130), the Swedish Limitations Act.
    SePreskriptionslagen,
    /// Lag (2018:218) med kompletterande bestämmelser till EU:s dataskyddsförordning.
    SeDataskyddslagen,
    /// Mervärdesskattelagen (SFS 2023:200), the Swedish VAT Act.
    SeMervardesskattelagen,
    /// Kirjanpitolaki (1336/1997), the Finnish Accounting Act.
    FiKirjanpitolaki,
    /// Laki velan vanhentumisesta (728/2003), the Finnish Act on the Limitation of Debts.
    FiVelanVanhentuminen,
    /// Tietosuojalaki (1050/2018), the Finnish Data Protection Act.
    FiTietosuojalaki,
}

impl Statute {
    /// Every statute the crate knows, in declaration order.
    pub const ALL: [Self; 7] = [
        Self::SeBokforingslagen,
        Self::SePreskriptionslagen,
        Self::SeDataskyddslagen,
        Self::SeMervardesskattelagen,
        Self::FiKirjanpitolaki,
        Self::FiVelanVanhentuminen,
        Self::FiTietosuojalaki,
    ];

    /// The abbreviation used in citations, e.g. `BFL`.
    #[must_use]
    pub const fn abbreviation(self) -> &'static str {
        match self {
            Self::SeBokforingslagen => "BFL",
            Self::SePreskriptionslagen => "Preskriptionslagen",
            Self::SeDataskyddslagen => "Dataskyddslagen",
            Self::SeMervardesskattelagen => "ML",
            Self::FiKirjanpitolaki => "KPL",
            Self::FiVelanVanhentuminen => "VanhL",
            Self::FiTietosuojalaki => "Tietosuojalaki",
        }
    }

    /// The statute's title with its official number.
    #[must_use]
    pub const fn title(self) -> &'static str {
        match self {
            Self::SeBokforingslagen => "Bokföringslagen (1999:1078)",
            Self::SePreskriptionslagen => "Preskriptionslag (1981:130)",
            Self::SeDataskyddslagen => {
                "Lag (2018:218) med kompletterande bestämmelser till EU:s dataskyddsförordning"
            }
            Self::SeMervardesskattelagen => "Mervärdesskattelag (2023:200)",
            Self::FiKirjanpitolaki => "Kirjanpitolaki (1336/1997)",
            Self::FiVelanVanhentuminen => "Laki velan vanhentumisesta (728/2003)",
            Self::FiTietosuojalaki => "Tietosuojalaki (1050/2018)",
        }
    }

    /// A provision of this statute, e.g. `Statute::SeBokforingslagen.at("7 kap. 2 §")`.
    #[must_use]
    pub const fn at(self, section: &'static str) -> Provision {
        Provision {
            statute: self,
            section,
        }
    }
}

impl fmt::Display for Statute {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.title())
    }
}

pub(crate) const BFL_7_2: Provision = Statute::SeBokforingslagen.at("7 kap. 2 §");
pub(crate) const KPL_2_10: Provision = Statute::FiKirjanpitolaki.at("2 luku 10 §");
pub(crate) const PRESKRIPTION_2: Provision = Statute::SePreskriptionslagen.at("2 §");
pub(crate) const PRESKRIPTION_2_2: Provision =
    Statute::SePreskriptionslagen.at("2 § andra stycket");
pub(crate) const VANHL_4: Provision = Statute::FiVelanVanhentuminen.at("4 §");
pub(crate) const VANHL_7: Provision = Statute::FiVelanVanhentuminen.at("7 §");

/// Every provision the crate can cite, for reading citations back.
pub(crate) const KNOWN_SECTIONS: [Provision; 11] = [
    BFL_7_2,
    KPL_2_10,
    PRESKRIPTION_2,
    PRESKRIPTION_2_2,
    VANHL_4,
    VANHL_7,
    Statute::SeDataskyddslagen.at("2 kap. 4 §"),
    Statute::SeDataskyddslagen.at("3 kap. 10 §"),
    Statute::FiTietosuojalaki.at("5 §"),
    Statute::FiTietosuojalaki.at("29 §"),
    Statute::SeMervardesskattelagen.at("17 kap. 31 §"),
];

/// A provision of a known statute, e.g. `BFL 7 kap. 2 §`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Provision {
    /// The statute.
    pub statute: Statute,
    /// The section in the statute's own numbering, e.g. `7 kap. 2 §` or `2 luku 10 §`.
    pub section: &'static str,
}

impl<'de> Deserialize<'de> for Provision {
    /// Provisions are only ever built by the crate; reading one back checks that the crate knows
    /// it, so that a deserialised citation always refers to a real built-in provision.
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        struct Raw {
            statute: Statute,
            section: String,
        }
        let raw = Raw::deserialize(d)?;
        KNOWN_SECTIONS
            .iter()
            .find(|p| p.statute == raw.statute && p.section == raw.section)
            .copied()
            .ok_or_else(|| {
                serde::de::Error::custom(format_args!(
                    "unknown provision `{}` of {}",
                    raw.section,
                    raw.statute.abbreviation()
                ))
            })
    }
}

impl fmt::Display for Provision {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.statute.abbreviation(), self.section)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn provisions_render_with_abbreviation() {
        assert_eq!(
            Statute::SeBokforingslagen.at("7 kap. 2 §").to_string(),
            "BFL 7 kap. 2 §"
        );
        assert_eq!(
            Statute::FiKirjanpitolaki.at("2 luku 10 §").to_string(),
            "KPL 2 luku 10 §"
        );
    }
}
