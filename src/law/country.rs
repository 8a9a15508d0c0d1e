//! Countries and membership of the European Economic Area.

use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::ymd;

/// An ISO 3166-1 alpha-2 country code, e.g. `SE`.
///
/// Only the shape is checked (two ASCII capital letters); the crate does not carry the whole ISO
/// list, so a well-formed code that names no country is a third country with no adequacy decision,
/// which fails closed.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Country([u8; 2]);

impl Country {
    /// Sweden.
    pub const SE: Self = Self(*b"SE");
    /// Finland.
    pub const FI: Self = Self(*b"FI");
    /// The United States of America.
    pub const US: Self = Self(*b"US");
    /// The United Kingdom.
    pub const GB: Self = Self(*b"GB");

    /// The code as a string slice.
    #[must_use]
    pub fn as_str(&self) -> &str {
        // Both bytes are ASCII capitals by construction.
        std::str::from_utf8(&self.0).unwrap_or("??")
    }

    /// Whether the country is in the EEA (EU member states, Iceland, Liechtenstein, Norway) on
    /// `date`, so that sending data there is no third-country transfer (Art. 44 GDPR).
    ///
    /// The United Kingdom counts as inside until its adequacy decision took over on 2021-06-28:
    /// through the Brexit transition period (to 2020-12-31) the GDPR applied there, and through
    /// the bridge of the Trade and Cooperation Agreement (Art. FINPROV.10A) transfers to it were
    /// not third-country transfers.
    #[must_use]
    pub fn in_eea_on(&self, date: NaiveDate) -> bool {
        if *self == Self::GB {
            return date < ymd(2021, 6, 28);
        }
        EEA.contains(&self.as_str())
    }
}

/// The EEA states (EU-27 plus Iceland, Liechtenstein and Norway), as they stand since 2020.
const EEA: [&str; 30] = [
    "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV",
    "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS", "LI", "NO",
];

/// Why a string is not a country code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not an ISO 3166-1 alpha-2 country code (two capital letters, e.g. `SE`)")]
pub struct CountryError(pub String);

impl FromStr for Country {
    type Err = CountryError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.as_bytes() {
            [a, b] if a.is_ascii_uppercase() && b.is_ascii_uppercase() => Ok(Self([*a, *b])),
            _ => Err(CountryError(s.to_owned())),
        }
    }
}

impl fmt::Display for Country {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for Country {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Country({})", self.as_str())
    }
}

impl Serialize for Country {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Country {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

impl schemars::JsonSchema for Country {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Country".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "pattern": "^[A-Z]{2}$",
            "description": "ISO 3166-1 alpha-2 country code, e.g. `SE`"
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_only_two_capitals() {
        assert_eq!("SE".parse::<Country>(), Ok(Country::SE));
        assert!("se".parse::<Country>().is_err());
        assert!("SWE".parse::<Country>().is_err());
        assert!("".parse::<Country>().is_err());
        assert!("Ö1".parse::<Country>().is_err());
    }

    #[test]
    fn united_kingdom_leaves_the_eea_when_adequacy_starts() {
        assert!(Country::GB.in_eea_on(ymd(2021, 6, 27)));
        assert!(!Country::GB.in_eea_on(ymd(2021, 6, 28)));
        assert!(Country::SE.in_eea_on(ymd(2030, 1, 1)));
        assert!(!Country::US.in_eea_on(ymd(2018, 5, 25)));
    }
}
