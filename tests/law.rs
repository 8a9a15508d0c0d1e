//! Boundary tests of the dated legal facts, on both sides of every boundary date.
//!
//! Validity intervals are half-open: a fact holds from its first day (inclusive) until the first
//! day it no longer holds (exclusive). Each test names that pair of days explicitly, so that an
//! off-by-one in either the table or [`gdpr_policy::law::Validity::holds_on`] fails here.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use chrono::NaiveDate;
use gdpr_policy::law::authority::{Authority, lookup};
use gdpr_policy::law::duty::{Anchor, DutyId};
use gdpr_policy::law::transfer::{AdequacyDecision, TransferMechanism};
use gdpr_policy::law::{Country, Jurisdiction, age::digital_consent_age};
use gdpr_policy::time::Period;

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn day_before(d: NaiveDate) -> NaiveDate {
    d.pred_opt().unwrap()
}

fn country(code: &str) -> Country {
    code.parse().unwrap()
}

/// The decision `for_country_on` picks, without its facts.
fn adequacy(code: &str, date: NaiveDate, certified: bool) -> Option<AdequacyDecision> {
    AdequacyDecision::for_country_on(country(code), date, certified).map(|(d, _)| d)
}

/// Asserts that `holds` is false on the day before `first` and true on `first`.
fn starts_on(what: &str, first: NaiveDate, holds: impl Fn(NaiveDate) -> bool) {
    assert!(
        !holds(day_before(first)),
        "{what} must not hold on {}",
        day_before(first)
    );
    assert!(holds(first), "{what} must hold on {first}");
}

/// Asserts that `holds` is true on the day before `first_invalid` and false on `first_invalid`.
fn ends_before(what: &str, first_invalid: NaiveDate, holds: impl Fn(NaiveDate) -> bool) {
    let last = day_before(first_invalid);
    assert!(holds(last), "{what} must still hold on {last}");
    assert!(
        !holds(first_invalid),
        "{what} must no longer hold on {first_invalid}"
    );
}

// ---------------------------------------------------------------------------------------------
// Adequacy decisions: the USA
// ---------------------------------------------------------------------------------------------

#[test]
fn safe_harbour_ends_with_schrems_i() {
    let fact = AdequacyDecision::UsSafeHarbour.fact();
    assert_eq!(fact.country, Some(Country::US));
    assert!(fact.certified_only);
    ends_before("Safe Harbour", ymd(2015, 10, 6), |d| {
        fact.validity.holds_on(d)
    });
    assert_eq!(
        adequacy("US", ymd(2015, 10, 5), true),
        Some(AdequacyDecision::UsSafeHarbour)
    );
    // From Schrems I to Privacy Shield there is no decision for the USA at all.
    assert_eq!(adequacy("US", ymd(2015, 10, 6), true), None);
    assert_eq!(adequacy("US", ymd(2016, 7, 11), true), None);
}

#[test]
fn privacy_shield_from_adoption_to_schrems_ii() {
    let fact = AdequacyDecision::UsPrivacyShield.fact();
    assert_eq!(fact.country, Some(Country::US));
    assert!(fact.certified_only);
    starts_on("Privacy Shield", ymd(2016, 7, 12), |d| {
        fact.validity.holds_on(d)
    });
    ends_before("Privacy Shield", ymd(2020, 7, 16), |d| {
        fact.validity.holds_on(d)
    });
    starts_on("Privacy Shield for the USA", ymd(2016, 7, 12), |d| {
        adequacy("US", d, true) == Some(AdequacyDecision::UsPrivacyShield)
    });
    ends_before("Privacy Shield for the USA", ymd(2020, 7, 16), |d| {
        adequacy("US", d, true) == Some(AdequacyDecision::UsPrivacyShield)
    });
    // From Schrems II to the Data Privacy Framework: nothing.
    assert_eq!(adequacy("US", ymd(2020, 7, 16), true), None);
    assert_eq!(adequacy("US", ymd(2023, 7, 9), true), None);
}

#[test]
fn data_privacy_framework_from_2023_07_10_for_certified_only() {
    let fact = AdequacyDecision::UsDataPrivacyFramework.fact();
    assert_eq!(fact.country, Some(Country::US));
    assert!(fact.certified_only);
    assert_eq!(fact.validity.until, None, "the DPF has not ended");
    starts_on("DPF", ymd(2023, 7, 10), |d| fact.validity.holds_on(d));
    starts_on("DPF for a certified US recipient", ymd(2023, 7, 10), |d| {
        adequacy("US", d, true) == Some(AdequacyDecision::UsDataPrivacyFramework)
    });
    assert_eq!(
        adequacy("US", ymd(2030, 1, 1), true),
        Some(AdequacyDecision::UsDataPrivacyFramework)
    );
}

#[test]
fn no_us_decision_ever_covers_an_uncertified_recipient() {
    for date in [
        ymd(2000, 7, 26),
        ymd(2015, 10, 5),
        ymd(2016, 7, 12),
        ymd(2020, 7, 15),
        ymd(2023, 7, 10),
        ymd(2026, 1, 1),
    ] {
        assert_eq!(adequacy("US", date, false), None, "{date}");
    }
}

// ---------------------------------------------------------------------------------------------
// Adequacy decisions: the United Kingdom and the EEA
// ---------------------------------------------------------------------------------------------

#[test]
fn uk_adequacy_from_2021_06_28_through_2031_12_27() {
    let fact = AdequacyDecision::UnitedKingdom.fact();
    assert_eq!(fact.country, Some(Country::GB));
    assert!(!fact.certified_only);
    starts_on("UK adequacy", ymd(2021, 6, 28), |d| {
        fact.validity.holds_on(d)
    });
    ends_before("UK adequacy", ymd(2031, 12, 28), |d| {
        fact.validity.holds_on(d)
    });
    for certified in [false, true] {
        starts_on("UK adequacy for GB", ymd(2021, 6, 28), |d| {
            adequacy("GB", d, certified) == Some(AdequacyDecision::UnitedKingdom)
        });
        ends_before("UK adequacy for GB", ymd(2031, 12, 28), |d| {
            adequacy("GB", d, certified) == Some(AdequacyDecision::UnitedKingdom)
        });
    }
}

#[test]
fn gb_counts_as_eea_until_2021_06_27() {
    ends_before("GB in the EEA", ymd(2021, 6, 28), |d| {
        Country::GB.in_eea_on(d)
    });
    assert!(Country::GB.in_eea_on(ymd(2018, 5, 25)));
    assert!(Country::GB.in_eea_on(ymd(2020, 12, 31)));
    assert!(Country::GB.in_eea_on(ymd(2021, 1, 1)));
    assert!(!Country::GB.in_eea_on(ymd(2030, 1, 1)));
}

#[test]
fn gb_has_no_gap_and_no_overlap_between_eea_and_adequacy() {
    let mut d = ymd(2021, 6, 20);
    while d <= ymd(2021, 7, 5) {
        let in_eea = Country::GB.in_eea_on(d);
        let adequate = adequacy("GB", d, false).is_some();
        assert!(
            in_eea != adequate,
            "{d}: in EEA {in_eea}, adequacy {adequate}"
        );
        d = d.succ_opt().unwrap();
    }
}

#[test]
fn eea_membership_samples() {
    let date = ymd(2024, 1, 1);
    for code in [
        "SE", "FI", "DK", "DE", "FR", "IE", "HR", "CY", "MT", "PL", "NO", "IS", "LI",
    ] {
        assert!(country(code).in_eea_on(date), "{code} is in the EEA");
        assert_eq!(
            adequacy(code, date, false),
            None,
            "{code} needs no adequacy"
        );
    }
    for code in ["CH", "US", "GB", "TR", "RU", "CN", "IN", "JP", "BR", "XX"] {
        assert!(!country(code).in_eea_on(date), "{code} is not in the EEA");
    }
}

// ---------------------------------------------------------------------------------------------
// Adequacy decisions: the rest, each from the day of its adoption
// ---------------------------------------------------------------------------------------------

#[test]
fn brazil_from_2026_01_26() {
    let fact = AdequacyDecision::Brazil.fact();
    assert_eq!(fact.country, Some(country("BR")));
    starts_on("Brazil", ymd(2026, 1, 26), |d| fact.validity.holds_on(d));
    starts_on("Brazil for BR", ymd(2026, 1, 26), |d| {
        adequacy("BR", d, false) == Some(AdequacyDecision::Brazil)
    });
}

#[test]
fn european_patent_organisation_from_2025_07_15() {
    let fact = AdequacyDecision::EuropeanPatentOrganisation.fact();
    assert_eq!(
        fact.country, None,
        "an international organisation, not a country"
    );
    assert!(!fact.certified_only);
    starts_on("EPO", ymd(2025, 7, 15), |d| fact.validity.holds_on(d));
}

#[test]
fn open_ended_decisions_start_on_their_adoption_day() {
    let table: &[(AdequacyDecision, &str, NaiveDate)] = &[
        (AdequacyDecision::Switzerland, "CH", ymd(2000, 7, 26)),
        (AdequacyDecision::Canada, "CA", ymd(2001, 12, 20)),
        (AdequacyDecision::Argentina, "AR", ymd(2003, 6, 30)),
        (AdequacyDecision::Guernsey, "GG", ymd(2003, 11, 21)),
        (AdequacyDecision::IsleOfMan, "IM", ymd(2004, 4, 28)),
        (AdequacyDecision::Jersey, "JE", ymd(2008, 5, 8)),
        (AdequacyDecision::FaroeIslands, "FO", ymd(2010, 3, 5)),
        (AdequacyDecision::Andorra, "AD", ymd(2010, 10, 19)),
        (AdequacyDecision::Israel, "IL", ymd(2011, 1, 31)),
        (AdequacyDecision::Uruguay, "UY", ymd(2012, 8, 21)),
        (AdequacyDecision::NewZealand, "NZ", ymd(2012, 12, 19)),
        (AdequacyDecision::Japan, "JP", ymd(2019, 1, 23)),
        (AdequacyDecision::Korea, "KR", ymd(2021, 12, 17)),
        (AdequacyDecision::Brazil, "BR", ymd(2026, 1, 26)),
    ];
    for &(decision, code, first) in table {
        let fact = decision.fact();
        assert_eq!(fact.country, Some(country(code)), "{decision:?}");
        assert!(!fact.certified_only, "{decision:?}");
        assert_eq!(fact.validity.until, None, "{decision:?} has not ended");
        starts_on(&format!("{decision:?}"), first, |d| {
            fact.validity.holds_on(d)
        });
        for certified in [false, true] {
            starts_on(&format!("{decision:?} for {code}"), first, |d| {
                adequacy(code, d, certified) == Some(decision)
            });
        }
    }
}

#[test]
fn every_decision_is_in_exactly_one_table_row() {
    // Guards the table above and the US/UK/EPO tests: a new decision needs a boundary test.
    let tested = [
        AdequacyDecision::Switzerland,
        AdequacyDecision::Canada,
        AdequacyDecision::Argentina,
        AdequacyDecision::Guernsey,
        AdequacyDecision::IsleOfMan,
        AdequacyDecision::Jersey,
        AdequacyDecision::FaroeIslands,
        AdequacyDecision::Andorra,
        AdequacyDecision::Israel,
        AdequacyDecision::Uruguay,
        AdequacyDecision::NewZealand,
        AdequacyDecision::Japan,
        AdequacyDecision::UnitedKingdom,
        AdequacyDecision::Korea,
        AdequacyDecision::EuropeanPatentOrganisation,
        AdequacyDecision::Brazil,
        AdequacyDecision::UsSafeHarbour,
        AdequacyDecision::UsPrivacyShield,
        AdequacyDecision::UsDataPrivacyFramework,
    ];
    for d in AdequacyDecision::ALL {
        assert!(tested.contains(&d), "{d:?} has no boundary test");
    }
}

#[test]
fn adequacy_mechanism_validity_is_the_decision_validity() {
    for d in AdequacyDecision::ALL {
        assert_eq!(
            TransferMechanism::Adequacy(d).validity(),
            Some(d.fact().validity),
            "{d:?}"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Standard contractual clauses
// ---------------------------------------------------------------------------------------------

#[test]
fn scc_2021_914_from_2021_06_27() {
    let v = TransferMechanism::StandardContractualClauses
        .validity()
        .unwrap();
    assert_eq!(v.until, None);
    starts_on("SCC 2021/914", ymd(2021, 6, 27), |d| v.holds_on(d));
}

/// Decision (EU) 2021/914 Art. 4(4): old-clause contracts are deemed to provide appropriate
/// safeguards "until 27 December 2022"; the crate reads that day as included (commit 468bb40,
/// "legal facts checked against sources (... SCC end date)"), so 2022-12-28 is the first day
/// without them.
#[test]
fn legacy_scc_last_valid_on_2022_12_27() {
    let v = TransferMechanism::LegacyStandardContractualClauses
        .validity()
        .unwrap();
    assert_eq!(v.from, None);
    ends_before("legacy SCC", ymd(2022, 12, 28), |d| v.holds_on(d));
    assert!(v.holds_on(ymd(2018, 5, 25)));
}

#[test]
fn old_and_new_scc_overlap_through_the_transition() {
    let new = TransferMechanism::StandardContractualClauses
        .validity()
        .unwrap();
    let old = TransferMechanism::LegacyStandardContractualClauses
        .validity()
        .unwrap();
    for d in [ymd(2021, 6, 27), ymd(2021, 9, 27), ymd(2022, 12, 27)] {
        assert!(new.holds_on(d) && old.holds_on(d), "{d}");
    }
}

#[test]
fn no_mechanism_stated_is_never_valid() {
    assert_eq!(TransferMechanism::NoneStated.validity(), None);
}

// ---------------------------------------------------------------------------------------------
// Supervisory authorities
// ---------------------------------------------------------------------------------------------

#[test]
fn swedish_authority_is_imy_from_2021_01_01() {
    let se = Authority::of(Jurisdiction::Sweden);
    assert_eq!(se, Authority::Sweden);
    let name = |d| se.name_on(d).map(|n| n.fact.name);
    assert_eq!(name(ymd(2018, 5, 25)), Some("Datainspektionen"));
    assert_eq!(name(ymd(2020, 12, 31)), Some("Datainspektionen"));
    assert_eq!(name(ymd(2021, 1, 1)), Some("Integritetsskyddsmyndigheten"));
    assert_eq!(name(ymd(2030, 1, 1)), Some("Integritetsskyddsmyndigheten"));

    let old = lookup("Datainspektionen").unwrap();
    ends_before("Datainspektionen", ymd(2021, 1, 1), |d| old.holds_on(d));
    let new = lookup("IMY").unwrap();
    assert_eq!(new.fact.name, "Integritetsskyddsmyndigheten");
    starts_on("IMY", ymd(2021, 1, 1), |d| new.holds_on(d));
}

#[test]
fn finnish_authority_has_one_name_throughout() {
    let fi = Authority::of(Jurisdiction::Finland);
    for d in [
        ymd(2018, 5, 25),
        ymd(2020, 12, 31),
        ymd(2021, 1, 1),
        ymd(2030, 1, 1),
    ] {
        assert_eq!(
            fi.name_on(d).map(|n| n.fact.name),
            Some("Tietosuojavaltuutetun toimisto"),
            "{d}"
        );
    }
    assert_eq!(
        lookup("tietosuojavaltuutettu").map(|n| n.fact.authority),
        Some(fi)
    );
}

// ---------------------------------------------------------------------------------------------
// Retention duties
// ---------------------------------------------------------------------------------------------

#[test]
fn bfl_ten_years_until_2010_then_seven_from_2011_01_01() {
    let on = |d| DutyId::SeBookkeeping.in_force_on(d).unwrap();
    let before = on(ymd(2010, 12, 31));
    let after = on(ymd(2011, 1, 1));
    assert_eq!(before.period, Period::years(10).unwrap());
    assert_eq!(after.period, Period::years(7).unwrap());
    for d in [&before, &after] {
        assert_eq!(d.anchor, Anchor::EndOfCalendarYearOfFiscalYearEnd);
        assert!(!d.limitation);
        assert_eq!(d.provision.to_string(), "BFL 7 kap. 2 §");
    }
    assert_eq!(on(ymd(2000, 1, 1)).period, Period::years(10).unwrap());
    assert_eq!(on(ymd(2026, 1, 1)).period, Period::years(7).unwrap());
}

#[test]
fn finnish_limitation_periods_from_2004_01_01() {
    for (id, years) in [
        (DutyId::FiLimitationGeneral, 3),
        (DutyId::FiLimitationDamages, 10),
    ] {
        starts_on(id.as_str(), ymd(2004, 1, 1), |d| {
            id.in_force_on(d).is_some()
        });
        let duty = id.in_force_on(ymd(2004, 1, 1)).unwrap();
        assert_eq!(duty.period, Period::years(years).unwrap(), "{id}");
        assert!(duty.limitation, "{id}");
        assert_eq!(duty.anchor, Anchor::EndOfRelationship, "{id}");
    }
}

#[test]
fn undated_duties_hold_on_any_day() {
    for id in [
        DutyId::FiBooks,
        DutyId::FiVouchers,
        DutyId::SeLimitationGeneral,
        DutyId::SeLimitationConsumer,
    ] {
        for d in [ymd(1990, 1, 1), ymd(2011, 1, 1), ymd(2040, 12, 31)] {
            assert!(id.in_force_on(d).is_some(), "{id} on {d}");
        }
    }
}

#[test]
fn exactly_one_version_of_each_duty_per_day() {
    // Versions never overlap: the version in force is unique, so the boundary day picks the new one.
    let d = ymd(2011, 1, 1);
    assert_eq!(
        DutyId::SeBookkeeping.in_force_on(d).map(|x| x.period),
        Period::years(7)
    );
    assert_eq!(
        DutyId::SeBookkeeping
            .in_force_on(day_before(d))
            .map(|x| x.period),
        Period::years(10)
    );
}

// ---------------------------------------------------------------------------------------------
// Art. 8 digital age of consent
// ---------------------------------------------------------------------------------------------

#[test]
fn digital_consent_ages() {
    let (se, se_source) = digital_consent_age(Country::SE);
    assert_eq!(se, 13);
    assert_eq!(se_source.to_string(), "Dataskyddslagen 2 kap. 4 §");
    let (fi, fi_source) = digital_consent_age(Country::FI);
    assert_eq!(fi, 13);
    assert_eq!(fi_source.to_string(), "Tietosuojalaki 5 §");
    // Countries whose national rule the crate does not encode get the GDPR default of 16.
    for code in ["DE", "NL", "IE", "LU", "SK", "HU", "US", "CH", "XX"] {
        let (age, source) = digital_consent_age(country(code));
        assert_eq!(age, 16, "{code}");
        assert_eq!(source.to_string(), "GDPR Art. 8(1)", "{code}");
    }
}
