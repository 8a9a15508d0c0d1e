//! Transfers to third countries (Chapter V GDPR): adequacy decisions with the dates they hold, and
//! the other mechanisms a policy may rely on.

use std::borrow::Cow;
use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{Country, Validity, ymd};
use crate::citation::{Citation, gdpr};

/// A Commission adequacy decision (Art. 45 GDPR, or Art. 25(6) of Directive 95/46 kept in force
/// by Art. 45(9)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum AdequacyDecision {
    /// Switzerland, Decision 2000/518/EC.
    Switzerland,
    /// Canada, commercial organisations under PIPEDA, Decision 2002/2/EC.
    Canada,
    /// Argentina, Decision 2003/490/EC.
    Argentina,
    /// Guernsey, Decision 2003/821/EC.
    Guernsey,
    /// Isle of Man, Decision 2004/411/EC.
    IsleOfMan,
    /// Jersey, Decision 2008/393/EC.
    Jersey,
    /// Faroe Islands, Decision 2010/146/EU.
    FaroeIslands,
    /// Andorra, Decision 2010/625/EU.
    Andorra,
    /// Israel, Decision 2011/61/EU.
    Israel,
    /// Uruguay, Decision 2012/484/EU.
    Uruguay,
    /// New Zealand, Decision 2013/65/EU.
    NewZealand,
    /// Japan, Decision (EU) 2019/419.
    Japan,
    /// United Kingdom, Decision (EU) 2021/1772, renewed in 2025 until 2031-12-27.
    UnitedKingdom,
    /// Republic of Korea, Decision (EU) 2022/254.
    Korea,
    /// European Patent Organisation (an international organisation), adopted 2025-07-15.
    EuropeanPatentOrganisation,
    /// Brazil, adopted 2026-01-26.
    Brazil,
    /// USA, Safe Harbour, Decision 2000/520/EC; invalidated by C-362/14 (Schrems I) on 2015-10-06.
    UsSafeHarbour,
    /// USA, EU-US Privacy Shield, Decision (EU) 2016/1250; invalidated by C-311/18 (Schrems II) on
    /// 2020-07-16. Only for self-certified organisations.
    UsPrivacyShield,
    /// USA, EU-US Data Privacy Framework, Decision (EU) 2023/1795 of 2023-07-10. Only for
    /// certified organisations.
    UsDataPrivacyFramework,
}

/// What an adequacy decision covers and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AdequacyFact {
    /// The country it covers, or `None` for an international organisation.
    pub country: Option<Country>,
    /// Whether it covers only organisations certified under it (Privacy Shield, DPF).
    pub certified_only: bool,
    /// When it holds.
    pub validity: Validity,
    /// The decision, and the judgment that ended it where one did.
    pub source: Citation,
}

impl AdequacyDecision {
    /// Every decision the crate knows.
    pub const ALL: [Self; 19] = [
        Self::Switzerland,
        Self::Canada,
        Self::Argentina,
        Self::Guernsey,
        Self::IsleOfMan,
        Self::Jersey,
        Self::FaroeIslands,
        Self::Andorra,
        Self::Israel,
        Self::Uruguay,
        Self::NewZealand,
        Self::Japan,
        Self::UnitedKingdom,
        Self::Korea,
        Self::EuropeanPatentOrganisation,
        Self::Brazil,
        Self::UsSafeHarbour,
        Self::UsPrivacyShield,
        Self::UsDataPrivacyFramework,
    ];

    /// A readable name: the country, or the framework for the USA.
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Self::Switzerland => "Switzerland",
            Self::Canada => "Canada (PIPEDA)",
            Self::Argentina => "Argentina",
            Self::Guernsey => "Guernsey",
            Self::IsleOfMan => "Isle of Man",
            Self::Jersey => "Jersey",
            Self::FaroeIslands => "Faroe Islands",
            Self::Andorra => "Andorra",
            Self::Israel => "Israel",
            Self::Uruguay => "Uruguay",
            Self::NewZealand => "New Zealand",
            Self::Japan => "Japan",
            Self::UnitedKingdom => "United Kingdom",
            Self::Korea => "Republic of Korea",
            Self::EuropeanPatentOrganisation => "European Patent Organisation",
            Self::Brazil => "Brazil",
            Self::UsSafeHarbour => "EU-US Safe Harbour",
            Self::UsPrivacyShield => "EU-US Privacy Shield",
            Self::UsDataPrivacyFramework => "EU-US Data Privacy Framework",
        }
    }

    /// The dated facts of this decision.
    #[must_use]
    pub fn fact(self) -> AdequacyFact {
        let c = |code: &str| code.parse().ok();
        let (country, certified_only, validity, source): (_, _, _, &'static str) = match self {
            Self::Switzerland => (
                c("CH"),
                false,
                Validity::since(ymd(2000, 7, 26)),
                "Commission Decision 2000/518/EC",
            ),
            Self::Canada => (
                c("CA"),
                false,
                Validity::since(ymd(2001, 12, 20)),
                "Commission Decision 2002/2/EC",
            ),
            Self::Argentina => (
                c("AR"),
                false,
                Validity::since(ymd(2003, 6, 30)),
                "Commission Decision 2003/490/EC",
            ),
            Self::Guernsey => (
                c("GG"),
                false,
                Validity::since(ymd(2003, 11, 21)),
                "Commission Decision 2003/821/EC",
            ),
            Self::IsleOfMan => (
                c("IM"),
                false,
                Validity::since(ymd(2004, 4, 28)),
                "Commission Decision 2004/411/EC",
            ),
            Self::Jersey => (
                c("JE"),
                false,
                Validity::since(ymd(2008, 5, 8)),
                "Commission Decision 2008/393/EC",
            ),
            Self::FaroeIslands => (
                c("FO"),
                false,
                Validity::since(ymd(2010, 3, 5)),
                "Commission Decision 2010/146/EU",
            ),
            Self::Andorra => (
                c("AD"),
                false,
                Validity::since(ymd(2010, 10, 19)),
                "Commission Decision 2010/625/EU",
            ),
            Self::Israel => (
                c("IL"),
                false,
                Validity::since(ymd(2011, 1, 31)),
                "Commission Decision 2011/61/EU",
            ),
            Self::Uruguay => (
                c("UY"),
                false,
                Validity::since(ymd(2012, 8, 21)),
                "Commission Decision 2012/484/EU",
            ),
            Self::NewZealand => (
                c("NZ"),
                false,
                Validity::since(ymd(2012, 12, 19)),
                "Commission Decision 2013/65/EU",
            ),
            Self::Japan => (
                c("JP"),
                false,
                Validity::since(ymd(2019, 1, 23)),
                "Commission Implementing Decision (EU) 2019/419",
            ),
            Self::UnitedKingdom => (
                c("GB"),
                false,
                Validity::between(ymd(2021, 6, 28), ymd(2031, 12, 28)),
                "Commission Implementing Decision (EU) 2021/1772, renewed on 2025-12-19 until 2031-12-27",
            ),
            Self::Korea => (
                c("KR"),
                false,
                Validity::since(ymd(2021, 12, 17)),
                "Commission Implementing Decision (EU) 2022/254",
            ),
            Self::EuropeanPatentOrganisation => (
                None,
                false,
                Validity::since(ymd(2025, 7, 15)),
                "Commission adequacy decision for the European Patent Organisation of 2025-07-15",
            ),
            Self::Brazil => (
                c("BR"),
                false,
                Validity::since(ymd(2026, 1, 26)),
                "Commission adequacy decision for Brazil of 2026-01-26",
            ),
            Self::UsSafeHarbour => (
                c("US"),
                true,
                Validity::between(ymd(2000, 7, 26), ymd(2015, 10, 6)),
                "Commission Decision 2000/520/EC; invalidated by CJEU C-362/14 (Schrems I) on 2015-10-06",
            ),
            Self::UsPrivacyShield => (
                c("US"),
                true,
                Validity::between(ymd(2016, 7, 12), ymd(2020, 7, 16)),
                "Commission Implementing Decision (EU) 2016/1250; invalidated by CJEU C-311/18 (Schrems II) on 2020-07-16",
            ),
            Self::UsDataPrivacyFramework => (
                c("US"),
                true,
                Validity::since(ymd(2023, 7, 10)),
                "Commission Implementing Decision (EU) 2023/1795",
            ),
        };
        AdequacyFact {
            country,
            certified_only,
            validity,
            source: Citation::Instrument {
                name: Cow::Borrowed(source),
            },
        }
    }

    /// The decision in force on `date` for `country`, if any; for the USA, only for certified
    /// recipients.
    #[must_use]
    pub fn for_country_on(
        country: Country,
        date: NaiveDate,
        certified: bool,
    ) -> Option<(Self, AdequacyFact)> {
        Self::ALL.into_iter().map(|d| (d, d.fact())).find(|(_, f)| {
            f.country == Some(country)
                && f.validity.holds_on(date)
                && (certified || !f.certified_only)
        })
    }
}

/// How a policy says a third-country transfer is safeguarded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum TransferMechanism {
    /// An adequacy decision (Art. 45).
    Adequacy(AdequacyDecision),
    /// Standard contractual clauses of Decision (EU) 2021/914 (Art. 46(2)(c)).
    StandardContractualClauses,
    /// The earlier standard contractual clauses (Decisions 2001/497/EC, 2004/915/EC, 2010/87/EU),
    /// repealed by Decision (EU) 2021/914 and valid for contracts signed before 2021-09-27 until
    /// 2022-12-27 inclusive.
    LegacyStandardContractualClauses,
    /// Binding corporate rules (Art. 46(2)(b), 47).
    BindingCorporateRules,
    /// A legally binding instrument between public authorities (Art. 46(2)(a)).
    PublicAuthorityInstrument,
    /// An approved code of conduct with binding commitments (Art. 46(2)(e)).
    CodeOfConduct,
    /// An approved certification mechanism with binding commitments (Art. 46(2)(f)).
    Certification,
    /// Contractual clauses authorised by the supervisory authority (Art. 46(3)(a)).
    AuthorisedClauses,
    /// A derogation for a specific situation (Art. 49(1), point `a` to `g`).
    Derogation(char),
    /// The policy names no mechanism.
    NoneStated,
}

impl TransferMechanism {
    /// The provision or instrument the mechanism rests on.
    #[must_use]
    pub fn citation(self) -> Citation {
        match self {
            Self::Adequacy(d) => d.fact().source,
            Self::StandardContractualClauses => {
                Citation::instrument("Commission Implementing Decision (EU) 2021/914")
            }
            Self::LegacyStandardContractualClauses => {
                Citation::instrument("Commission Decision 2010/87/EU")
            }
            Self::BindingCorporateRules => gdpr(47, 0, ' '),
            Self::PublicAuthorityInstrument => gdpr(46, 2, 'a'),
            Self::CodeOfConduct => gdpr(46, 2, 'e'),
            Self::Certification => gdpr(46, 2, 'f'),
            Self::AuthorisedClauses => gdpr(46, 3, 'a'),
            Self::Derogation(p) => gdpr(49, 1, p),
            Self::NoneStated => gdpr(44, 0, ' '),
        }
    }

    /// When the mechanism can be relied on; [`TransferMechanism::NoneStated`] never can.
    #[must_use]
    pub fn validity(self) -> Option<Validity> {
        match self {
            Self::Adequacy(d) => Some(d.fact().validity),
            Self::StandardContractualClauses => Some(Validity::since(ymd(2021, 6, 27))),
            Self::LegacyStandardContractualClauses => Some(Validity::before(ymd(2022, 12, 28))),
            Self::NoneStated => None,
            _ => Some(Validity::since(ymd(2018, 5, 25))),
        }
    }
}

impl fmt::Display for TransferMechanism {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Adequacy(d) => write!(f, "adequacy decision ({})", d.name()),
            Self::StandardContractualClauses => {
                f.write_str("standard contractual clauses (2021/914)")
            }
            Self::LegacyStandardContractualClauses => {
                f.write_str("standard contractual clauses (pre-2021)")
            }
            Self::BindingCorporateRules => f.write_str("binding corporate rules"),
            Self::PublicAuthorityInstrument => f.write_str("instrument between public authorities"),
            Self::CodeOfConduct => f.write_str("code of conduct"),
            Self::Certification => f.write_str("certification"),
            Self::AuthorisedClauses => f.write_str("authorised contractual clauses"),
            Self::Derogation(p) => write!(f, "derogation Art. 49(1)({p})"),
            Self::NoneStated => f.write_str("no mechanism stated"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn privacy_shield_holds_until_schrems_ii() {
        let ps = AdequacyDecision::UsPrivacyShield.fact().validity;
        assert!(!ps.holds_on(ymd(2016, 7, 11)));
        assert!(ps.holds_on(ymd(2016, 7, 12)));
        assert!(ps.holds_on(ymd(2020, 7, 15)));
        assert!(!ps.holds_on(ymd(2020, 7, 16)));
    }

    #[test]
    fn us_adequacy_needs_certification_and_a_date() {
        let us = Country::US;
        assert_eq!(
            AdequacyDecision::for_country_on(us, ymd(2023, 7, 9), true),
            None
        );
        assert_eq!(
            AdequacyDecision::for_country_on(us, ymd(2023, 7, 10), true).map(|d| d.0),
            Some(AdequacyDecision::UsDataPrivacyFramework)
        );
        assert_eq!(
            AdequacyDecision::for_country_on(us, ymd(2024, 1, 1), false),
            None
        );
        assert_eq!(
            AdequacyDecision::for_country_on(us, ymd(2019, 1, 1), true).map(|d| d.0),
            Some(AdequacyDecision::UsPrivacyShield)
        );
    }

    #[test]
    fn uk_renewal_and_later_decisions() {
        let gb = AdequacyDecision::UnitedKingdom.fact().validity;
        assert!(!gb.holds_on(ymd(2021, 6, 27)));
        assert!(gb.holds_on(ymd(2021, 6, 28)));
        assert!(gb.holds_on(ymd(2031, 12, 27)));
        assert!(!gb.holds_on(ymd(2031, 12, 28)));
        let br = AdequacyDecision::Brazil.fact().validity;
        assert!(!br.holds_on(ymd(2026, 1, 25)));
        assert!(br.holds_on(ymd(2026, 1, 26)));
    }

    #[test]
    fn none_stated_is_never_valid() {
        assert_eq!(TransferMechanism::NoneStated.validity(), None);
        let scc = TransferMechanism::StandardContractualClauses
            .validity()
            .unwrap();
        assert!(!scc.holds_on(ymd(2021, 6, 26)));
        assert!(scc.holds_on(ymd(2021, 6, 27)));
    }
}
