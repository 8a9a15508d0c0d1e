//! Built-in legal duties to keep data, and the anchors retention periods count from.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::statute::{
    BFL_7_2, KPL_2_10, PRESKRIPTION_2, PRESKRIPTION_2_2, Provision, VANHL_4, VANHL_7,
};
use super::{Jurisdiction, Validity, ymd};
use crate::time::Period;

/// The event a retention period counts from.
///
/// "End of" anchors are local to the controller's time zone: the end of a fiscal year that ends on
/// 31 December is the end of that day on the controller's wall clock.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Anchor {
    /// When the data was collected.
    Collection,
    /// When the relationship with the subject (usually the contract) ended.
    EndOfRelationship,
    /// When the subject withdrew the consent the processing rested on.
    ConsentWithdrawal,
    /// The end of the fiscal year the data belongs to.
    EndOfFiscalYear,
    /// The end of the calendar year in which the data's fiscal year ended.
    EndOfCalendarYearOfFiscalYearEnd,
    /// A named event recorded for the subject or record (e.g. `warranty_end`).
    Event(String),
}

impl fmt::Display for Anchor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Collection => f.write_str("collection"),
            Self::EndOfRelationship => f.write_str("the end of the relationship"),
            Self::ConsentWithdrawal => f.write_str("withdrawal of consent"),
            Self::EndOfFiscalYear => f.write_str("the end of the fiscal year"),
            Self::EndOfCalendarYearOfFiscalYearEnd => {
                f.write_str("the end of the calendar year in which the fiscal year ended")
            }
            Self::Event(e) => write!(f, "event `{e}`"),
        }
    }
}

/// A legal duty to keep data, built into the crate. Policies refer to it by [`DutyId`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RetentionDuty {
    /// Its identifier in policy files.
    pub id: DutyId,
    /// The provision that imposes it.
    pub provision: Provision,
    /// What must be kept, in the statute's terms.
    pub covers: &'static str,
    /// How long, counted from `anchor`.
    pub period: Period,
    /// What the period counts from.
    pub anchor: Anchor,
    /// Whether this is a limitation period that a legal-claims hold (Art. 17(3)(e)) may rely on,
    /// rather than a duty to keep.
    pub limitation: bool,
    /// When this version of the rule is in force.
    pub validity: Validity,
}

/// Identifier of a built-in retention duty or limitation period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub enum DutyId {
    /// `se.bfl`: Swedish accounting information (räkenskapsinformation), BFL 7 kap. 2 §.
    #[serde(rename = "se.bfl")]
    SeBookkeeping,
    /// `fi.kpl.books`: Finnish financial statements, books and chart of accounts, KPL 2 luku 10 §.
    #[serde(rename = "fi.kpl.books")]
    FiBooks,
    /// `fi.kpl.vouchers`: Finnish vouchers and business correspondence, KPL 2 luku 10 §.
    #[serde(rename = "fi.kpl.vouchers")]
    FiVouchers,
    /// `se.limitation.general`: the Swedish general limitation period, Preskriptionslagen 2 §.
    #[serde(rename = "se.limitation.general")]
    SeLimitationGeneral,
    /// `se.limitation.consumer`: claims against consumers for goods and services,
    /// Preskriptionslagen 2 § second paragraph.
    #[serde(rename = "se.limitation.consumer")]
    SeLimitationConsumer,
    /// `fi.limitation.general`: the Finnish general limitation period, VanhL 4 §.
    #[serde(rename = "fi.limitation.general")]
    FiLimitationGeneral,
    /// `fi.limitation.damages`: the Finnish long-stop for damages, VanhL 7 §.
    #[serde(rename = "fi.limitation.damages")]
    FiLimitationDamages,
}

impl DutyId {
    /// Every built-in duty id.
    pub const ALL: [Self; 7] = [
        Self::SeBookkeeping,
        Self::FiBooks,
        Self::FiVouchers,
        Self::SeLimitationGeneral,
        Self::SeLimitationConsumer,
        Self::FiLimitationGeneral,
        Self::FiLimitationDamages,
    ];

    /// The id as written in policy files.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::SeBookkeeping => "se.bfl",
            Self::FiBooks => "fi.kpl.books",
            Self::FiVouchers => "fi.kpl.vouchers",
            Self::SeLimitationGeneral => "se.limitation.general",
            Self::SeLimitationConsumer => "se.limitation.consumer",
            Self::FiLimitationGeneral => "fi.limitation.general",
            Self::FiLimitationDamages => "fi.limitation.damages",
        }
    }

    /// Parses a policy-file id.
    #[must_use]
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|d| d.as_str() == s)
    }

    /// The member state whose law imposes it.
    #[must_use]
    pub fn jurisdiction(self) -> Jurisdiction {
        self.provision().statute.jurisdiction()
    }

    /// The provision that imposes it.
    #[must_use]
    pub const fn provision(self) -> Provision {
        match self {
            Self::SeBookkeeping => BFL_7_2,
            Self::FiBooks | Self::FiVouchers => KPL_2_10,
            Self::SeLimitationGeneral => PRESKRIPTION_2,
            Self::SeLimitationConsumer => PRESKRIPTION_2_2,
            Self::FiLimitationGeneral => VANHL_4,
            Self::FiLimitationDamages => VANHL_7,
        }
    }

    /// The built-in data categories (dotted ids; each covers its descendants) whose records the
    /// duty applies to. Limitation periods cover every category: whatever a claim needs.
    ///
    /// Bookkeeping statutes distinguish two kinds of record. **Vouchers** (verifikationer,
    /// tositteet) document business transactions: invoices, payment records, receipts and other
    /// vouchers, and the contracts behind the transactions. **Books** are the journals, ledgers
    /// and financial statements made from them. Kirjanpitolaki 2 luku 10 § keeps books 10 years
    /// from the end of the fiscal year and vouchers 6 years from the end of the calendar year in
    /// which the fiscal year ended; Bokföringslagen 7 kap. 2 § keeps all räkenskapsinformation
    /// for one period. Other financial data (a bank account number, a debt-collection file) is
    /// not itself an accounting record and is covered by no bookkeeping duty; a policy that must
    /// keep it names a duty of its own. A policy's own categories below these inherit the duty.
    #[must_use]
    pub const fn categories(self) -> Option<&'static [&'static str]> {
        match self {
            Self::SeBookkeeping => Some(&[
                "financial.invoice",
                "financial.payment",
                "financial.voucher",
                "financial.books",
                "commercial.contract",
            ]),
            Self::FiVouchers => Some(&[
                "financial.invoice",
                "financial.payment",
                "financial.voucher",
                "commercial.contract",
            ]),
            Self::FiBooks => Some(&["financial.books"]),
            Self::SeLimitationGeneral
            | Self::SeLimitationConsumer
            | Self::FiLimitationGeneral
            | Self::FiLimitationDamages => None,
        }
    }

    /// Whether the duty applies to records of the category `id` (see [`DutyId::categories`]).
    #[must_use]
    pub fn covers_category(self, id: &str) -> bool {
        self.categories().is_none_or(|roots| {
            roots.iter().any(|r| {
                id == *r || (id.starts_with(r) && id.as_bytes().get(r.len()) == Some(&b'.'))
            })
        })
    }

    /// The bookkeeping duties every business established in `jurisdiction` has, whether or not
    /// its privacy notice mentions them.
    #[must_use]
    pub const fn bookkeeping(jurisdiction: Jurisdiction) -> &'static [Self] {
        match jurisdiction {
            Jurisdiction::Sweden => &[Self::SeBookkeeping],
            Jurisdiction::Finland => &[Self::FiBooks, Self::FiVouchers],
        }
    }

    /// The version of the duty in force on `date`, if any.
    #[must_use]
    pub fn in_force_on(self, date: chrono::NaiveDate) -> Option<RetentionDuty> {
        versions(self)
            .into_iter()
            .find(|d| d.validity.holds_on(date))
    }
}

impl fmt::Display for DutyId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

fn period(years: u16) -> Period {
    Period::years(u32::from(years)).unwrap_or_default()
}

/// Every dated version of a duty, oldest first.
fn versions(id: DutyId) -> Vec<RetentionDuty> {
    let duty = |period, anchor, covers, limitation, validity| RetentionDuty {
        id,
        provision: id.provision(),
        covers,
        period,
        anchor,
        limitation,
        validity,
    };
    match id {
        // "fram till och med det sjunde året efter utgången av det kalenderår då räkenskapsåret
        // avslutades", since SFS 2010:1514 (in force 2011-01-01); ten years before that.
        DutyId::SeBookkeeping => vec![
            duty(
                period(10),
                Anchor::EndOfCalendarYearOfFiscalYearEnd,
                "räkenskapsinformation (accounting information)",
                false,
                Validity::before(ymd(2011, 1, 1)),
            ),
            duty(
                period(7),
                Anchor::EndOfCalendarYearOfFiscalYearEnd,
                "räkenskapsinformation (accounting information)",
                false,
                Validity::since(ymd(2011, 1, 1)),
            ),
        ],
        DutyId::FiBooks => vec![duty(
            period(10),
            Anchor::EndOfFiscalYear,
            "tilinpäätös, kirjanpidot ja tililuettelo (financial statements, books, chart of accounts)",
            false,
            Validity::ALWAYS,
        )],
        DutyId::FiVouchers => vec![duty(
            period(6),
            Anchor::EndOfCalendarYearOfFiscalYearEnd,
            "tositteet ja liiketapahtumia koskeva kirjeenvaihto (vouchers and business correspondence)",
            false,
            Validity::ALWAYS,
        )],
        DutyId::SeLimitationGeneral => vec![duty(
            period(10),
            Anchor::EndOfRelationship,
            "data needed to establish, exercise or defend a claim",
            true,
            Validity::ALWAYS,
        )],
        DutyId::SeLimitationConsumer => vec![duty(
            period(3),
            Anchor::EndOfRelationship,
            "data needed for claims against a consumer for goods or services",
            true,
            Validity::ALWAYS,
        )],
        DutyId::FiLimitationGeneral => vec![duty(
            period(3),
            Anchor::EndOfRelationship,
            "data needed to establish, exercise or defend a claim",
            true,
            Validity::since(ymd(2004, 1, 1)),
        )],
        DutyId::FiLimitationDamages => vec![duty(
            period(10),
            Anchor::EndOfRelationship,
            "data needed for a claim for damages",
            true,
            Validity::since(ymd(2004, 1, 1)),
        )],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bfl_changed_from_ten_to_seven_years_in_2011() {
        let before = DutyId::SeBookkeeping
            .in_force_on(ymd(2010, 12, 31))
            .unwrap();
        let after = DutyId::SeBookkeeping.in_force_on(ymd(2011, 1, 1)).unwrap();
        assert_eq!(before.period, Period::years(10).unwrap());
        assert_eq!(after.period, Period::years(7).unwrap());
        assert_eq!(after.provision.to_string(), "BFL 7 kap. 2 §");
    }

    #[test]
    fn kpl_books_and_vouchers_differ() {
        let d = ymd(2024, 6, 1);
        let books = DutyId::FiBooks.in_force_on(d).unwrap();
        let vouchers = DutyId::FiVouchers.in_force_on(d).unwrap();
        assert_eq!(
            (books.period, books.anchor),
            (Period::years(10).unwrap(), Anchor::EndOfFiscalYear)
        );
        assert_eq!(
            (vouchers.period, vouchers.anchor),
            (
                Period::years(6).unwrap(),
                Anchor::EndOfCalendarYearOfFiscalYearEnd
            )
        );
    }

    #[test]
    fn bookkeeping_covers_accounting_categories_only() {
        let bfl = DutyId::SeBookkeeping;
        assert!(bfl.covers_category("financial.invoice"));
        assert!(bfl.covers_category("commercial.contract"));
        assert!(!bfl.covers_category("commercial.order"));
        assert!(!bfl.covers_category("contact.email"));
        assert!(!bfl.covers_category("financials"));
        assert!(!bfl.covers_category("financial.bank_account"));
        assert!(DutyId::SeLimitationGeneral.covers_category("contact.email"));
    }

    /// KPL 2 luku 10 §: books and financial statements are kept 10 years from the end of the
    /// fiscal year, vouchers 6 years from the end of the calendar year it ended in; an invoice
    /// is a voucher, not a book.
    #[test]
    fn kpl_duties_cover_books_or_vouchers_not_both() {
        let (books, vouchers) = (DutyId::FiBooks, DutyId::FiVouchers);
        assert!(vouchers.covers_category("financial.invoice"));
        assert!(!books.covers_category("financial.invoice"));
        assert!(books.covers_category("financial.books"));
        assert!(books.covers_category("financial.books.ledger"));
        assert!(!vouchers.covers_category("financial.books"));
        assert!(DutyId::SeBookkeeping.covers_category("financial.books"));
    }

    #[test]
    fn ids_round_trip_and_every_duty_has_a_version_today() {
        for id in DutyId::ALL {
            assert_eq!(DutyId::parse(id.as_str()), Some(id));
            assert!(id.in_force_on(ymd(2026, 1, 1)).is_some(), "{id}");
            assert!(super::super::statute::KNOWN_SECTIONS.contains(&id.provision()));
        }
        assert_eq!(DutyId::parse("se.bfl.7"), None);
    }
}
