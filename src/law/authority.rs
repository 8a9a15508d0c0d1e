//! Supervisory authorities (Art. 51 GDPR) and the names they have had.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{Dated, Jurisdiction, Validity, ymd};
use crate::citation::Citation;

/// A supervisory authority, independent of the name it bears at any one time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Authority {
    /// The Swedish authority: Datainspektionen until 2020-12-31, Integritetsskyddsmyndigheten
    /// (IMY) from 2021-01-01.
    Sweden,
    /// The Finnish Data Protection Ombudsman (Tietosuojavaltuutettu).
    Finland,
}

impl Authority {
    /// The authority of a member state the crate knows.
    #[must_use]
    pub const fn of(jurisdiction: Jurisdiction) -> Self {
        match jurisdiction {
            Jurisdiction::Sweden => Self::Sweden,
            Jurisdiction::Finland => Self::Finland,
        }
    }

    /// The name the authority bears on `date`.
    #[must_use]
    pub fn name_on(self, date: NaiveDate) -> Option<&'static Dated<AuthorityName>> {
        NAMES
            .iter()
            .find(|n| n.fact.authority == self && n.holds_on(date))
    }
}

/// One name of an authority.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuthorityName {
    /// Whose name this is.
    pub authority: Authority,
    /// The official name.
    pub name: &'static str,
    /// Other forms by which a policy may refer to it (abbreviation, other official language).
    pub aliases: &'static [&'static str],
}

const DATAINSPEKTIONEN: &str = "Datainspektionen";

/// Every known name, with the dates it was borne.
pub static NAMES: [Dated<AuthorityName>; 3] = [
    Dated {
        fact: AuthorityName {
            authority: Authority::Sweden,
            name: DATAINSPEKTIONEN,
            aliases: &["the Swedish Data Protection Authority"],
        },
        validity: Validity::before(ymd(2021, 1, 1)),
        source: Citation::instrument(
            "Förordning (2007:975) med instruktion för Datainspektionen (the authority was renamed Integritetsskyddsmyndigheten from 2021-01-01)",
        ),
    },
    Dated {
        fact: AuthorityName {
            authority: Authority::Sweden,
            name: "Integritetsskyddsmyndigheten",
            aliases: &["IMY", "the Swedish Authority for Privacy Protection"],
        },
        validity: Validity::since(ymd(2021, 1, 1)),
        source: Citation::instrument(
            "Förordning (2007:975) med instruktion för Integritetsskyddsmyndigheten",
        ),
    },
    Dated {
        fact: AuthorityName {
            authority: Authority::Finland,
            name: "Tietosuojavaltuutetun toimisto",
            aliases: &[
                "Tietosuojavaltuutettu",
                "Dataombudsmannens byrå",
                "Dataombudsmannen",
                "Office of the Data Protection Ombudsman",
                "Data Protection Ombudsman",
            ],
        },
        validity: Validity::ALWAYS,
        source: Citation::instrument("Tietosuojalaki (1050/2018) 8 §"),
    },
];

/// Finds the name a policy uses, matched case-insensitively against names and aliases.
#[must_use]
pub fn lookup(text: &str) -> Option<&'static Dated<AuthorityName>> {
    let text = text.trim();
    NAMES.iter().find(|n| {
        n.fact.name.eq_ignore_ascii_case(text)
            || n.fact.aliases.iter().any(|a| a.eq_ignore_ascii_case(text))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn swedish_authority_renamed_on_new_year_2021() {
        let a = Authority::of(Jurisdiction::Sweden);
        assert_eq!(
            a.name_on(ymd(2020, 12, 31)).unwrap().fact.name,
            "Datainspektionen"
        );
        assert_eq!(
            a.name_on(ymd(2021, 1, 1)).unwrap().fact.name,
            "Integritetsskyddsmyndigheten"
        );
    }

    #[test]
    fn lookup_by_alias() {
        let n = lookup("imy").unwrap();
        assert_eq!(n.fact.authority, Authority::Sweden);
        assert!(!n.holds_on(ymd(2020, 12, 31)));
        assert!(
            lookup("Datainspektionen")
                .unwrap()
                .holds_on(ymd(2020, 12, 31))
        );
        assert_eq!(
            Authority::of(Jurisdiction::Finland)
                .name_on(ymd(2019, 1, 1))
                .map(|n| n.fact.name),
            Some("Tietosuojavaltuutetun toimisto")
        );
        assert!(lookup("CNIL").is_none());
    }
}
