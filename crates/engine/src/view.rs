//! The engine's implementation of `terms::BookView`.
//!
//! An instrument applying an event sees the ledger and prices as of that
//! event, and the other instruments (for the fully diluted count). The
//! instrument being applied is taken out of the list while it runs (so it
//! can be borrowed mutably); its own issuable shares are supplied
//! separately.

use crate::book::{Book, EventKind};
use crate::kinds::AnyInstrument;
use crate::ledger::Ledger;
use crate::settings::BusinessDays;
use actions::CorporateAction;
use calendar::{Calendar, Date};
use std::collections::BTreeMap;
use terms::view::MarketResult;
use terms::{BookView, HolderId, InstrumentId, MarketGap, SecurityId};
use units::{Exact, Price, Shares};

pub struct View<'a> {
    pub date: Date,
    pub book: &'a Book,
    pub ledger: &'a Ledger,
    /// Authorized shares per security index, as changed by `authorize`.
    pub authorized: &'a [Option<Shares>],
    /// Every instrument; `None` for the one currently applying.
    pub instruments: &'a [Option<AnyInstrument>],
    /// The instrument taken out, with its issuable common (so a fully
    /// diluted count that does not exclude it still counts it).
    pub taken: Option<(usize, Shares)>,
    /// Inner views (used to ask instruments for their issuable shares) do
    /// not recurse into other instruments.
    pub shallow: bool,
    /// Common issued so far on conversion or exercise, per (instrument
    /// index, holder index).
    pub issued_by: &'a IssuedBy,
    /// Rights recorded with `issue-rights` that no instrument counts.
    pub rights: &'a [OutstandingRights],
}

/// Rights, options, warrants or convertibles recorded with `issue-rights`
/// under an id that is not one of the book's instruments.
#[derive(Clone, Debug)]
pub struct OutstandingRights {
    pub security: SecurityId,
    pub issued: Date,
    pub max_shares: Shares,
    pub exercise_price: Price,
    pub expiry: Option<Date>,
    /// False once `expire-rights` is recorded.
    pub open: bool,
    /// Whether the book already warned that the expiry date passed with no
    /// `expire-rights` (W0104).
    pub lapse_noted: bool,
}

impl OutstandingRights {
    /// Counted in the fully diluted count on `date`: recorded, not expired
    /// by `expire-rights`, and before its stated expiry date.
    pub fn outstanding_on(&self, date: Date) -> bool {
        self.open && self.issued <= date && !matches!(self.expiry, Some(e) if e <= date)
    }
}

/// Common shares issued by each instrument to each holder, cumulative.
pub type IssuedBy = rustc_hash::FxHashMap<(usize, u32), Shares>;

static EMPTY_FV: BTreeMap<Date, Price> = BTreeMap::new();

impl<'a> View<'a> {
    fn sec(&self, s: &SecurityId) -> Option<u32> {
        self.book.registry.security(s.as_str())
    }

    fn holder(&self, h: &HolderId) -> Option<u32> {
        self.book.registry.holder(h.as_str())
    }

    fn gap(&self, s: &SecurityId, missing: Vec<Date>) -> MarketGap {
        MarketGap {
            security: s.clone(),
            missing,
        }
    }

    fn with_series<F>(&self, s: &SecurityId, day: Date, f: F) -> MarketResult
    where
        F: FnOnce(
            &market::PriceSeries,
            &BTreeMap<Date, Price>,
        ) -> Result<market::Average, market::AverageError>,
    {
        let empty = market::PriceSeries::new();
        let series = self.book.prices.get(s.as_str()).unwrap_or(&empty);
        let fv = self.book.fair_values.get(s.as_str()).unwrap_or(&EMPTY_FV);
        match f(series, fv) {
            Ok(avg) => Ok((avg.value, avg.computed)),
            Err(market::AverageError::MissingPrices { dates }) => Err(self.gap(s, dates)),
            Err(_) => Err(self.gap(s, vec![day])),
        }
    }

    /// The price below which a security is in the money for the fully
    /// diluted count: `None` (count everything) unless the book says
    /// `option fully-diluted-out-of-the-money exclude`, then the Market
    /// Price of the last trading day before the date (still `None` without
    /// that price: nothing is left out on a guess).
    fn in_the_money_price(&self) -> Option<Exact> {
        if self.book.settings.fully_diluted_includes_out_of_the_money {
            return None;
        }
        let before = calendar::Calendar::Trading.previous_open_before(self.date);
        self.market_price(&self.common(), before)
            .ok()
            .map(|(p, _)| p)
    }

    /// The common `inst` could issue, as the fully diluted count takes it
    /// (see [`View::in_the_money_price`]).
    pub fn count_issuable(&self, inst: &AnyInstrument) -> Shares {
        let inner = self.shallow_view();
        match self.in_the_money_price() {
            Some(price) => inst.common_issuable_in_the_money(&inner, &price),
            None => inst.common_issuable(&inner),
        }
    }

    /// Shares issuable on the rights recorded with `issue-rights` (that no
    /// instrument counts), as the fully diluted count takes them: those
    /// whose exercise price is below [`View::in_the_money_price`], or all.
    fn rights_issuable(&self) -> Shares {
        let price = self.in_the_money_price();
        self.rights
            .iter()
            .filter(|r| r.outstanding_on(self.date))
            .filter(|r| match &price {
                Some(p) => r.exercise_price.exact() < *p,
                None => true,
            })
            .fold(Shares::ZERO, |a, r| {
                a.checked_add(r.max_shares).unwrap_or(a)
            })
    }

    /// The calendar "business day" means in this book (`option
    /// business-days`; banking days by default).
    pub fn business_calendar(&self) -> Calendar {
        match self.book.settings.business_days {
            BusinessDays::Banking => Calendar::Business,
            BusinessDays::Exchange => Calendar::Trading,
        }
    }

    /// The splits, stock dividends, combinations and reclassifications of
    /// the common into common recorded before `day`, as price adjustments
    /// effective on their dates (the ledger moves every position on the
    /// action's date, so prices from that date are taken to be quoted on
    /// the new basis). Only the last ~two months are looked at: a window of
    /// 15 business days never reaches further back. Another security has
    /// none.
    fn splits_before(&self, security: &SecurityId, day: Date) -> Vec<market::SplitAdjustment> {
        if security != &self.book.settings.common {
            return Vec::new();
        }
        let events = &self.book.events;
        let from = day
            .checked_sub(jiff::Span::new().days(62))
            .unwrap_or(Date::MIN);
        let lo = events.partition_point(|e| e.date < from);
        let hi = events.partition_point(|e| e.date < day);
        let mut out = Vec::new();
        for e in events.get(lo..hi).unwrap_or(&[]) {
            let EventKind::Action(action) = &e.kind else {
                continue;
            };
            let factor = match action.as_ref() {
                CorporateAction::Subdivision { .. } => action.subdivision_factor(),
                CorporateAction::Reorganization {
                    kind: actions::ReorganizationKind::Reclassification,
                    reference_property,
                    ..
                } if reference_property.len() == 1
                    && reference_property[0].security == self.book.settings.common.as_str() =>
                {
                    Some(Exact::from_decimal(reference_property[0].per_share))
                }
                _ => None,
            };
            // A zero or negative factor moves no position (the ledger
            // ignores it), so it adjusts no price either.
            if let Some(factor) = factor.filter(|f| !f.is_zero() && !f.is_negative()) {
                out.push(market::SplitAdjustment {
                    effective: e.date,
                    factor,
                });
            }
        }
        out
    }

    fn shallow_view(&self) -> View<'a> {
        View {
            date: self.date,
            book: self.book,
            ledger: self.ledger,
            authorized: self.authorized,
            instruments: &[],
            taken: None,
            shallow: true,
            issued_by: self.issued_by,
            rights: self.rights,
        }
    }
}

impl BookView for View<'_> {
    fn date(&self) -> Date {
        self.date
    }

    fn holder_exists(&self, holder: &HolderId) -> bool {
        match self.holder(holder) {
            Some(i) => self
                .book
                .registry
                .holder_info(i)
                .map(|h| h.declared <= self.date)
                .unwrap_or(false),
            None => false,
        }
    }

    fn position(&self, holder: &HolderId, security: &SecurityId) -> Shares {
        match (self.sec(security), self.holder(holder)) {
            (Some(s), Some(h)) => self.ledger.position(s, h),
            _ => Shares::ZERO,
        }
    }

    fn holders_of(&self, security: &SecurityId) -> Vec<(HolderId, Shares)> {
        let Some(s) = self.sec(security) else {
            return Vec::new();
        };
        let mut v: Vec<(HolderId, Shares)> = self
            .ledger
            .holders_of(s)
            .into_iter()
            .filter(|(h, _)| *h != self.book.company)
            .filter_map(|(h, q)| self.book.registry.holder_info(h).map(|i| (i.id.clone(), q)))
            .collect();
        v.sort_by(|a, b| a.0.cmp(&b.0));
        v
    }

    fn outstanding(&self, security: &SecurityId) -> Shares {
        self.sec(security)
            .map(|s| self.ledger.outstanding(s))
            .unwrap_or(Shares::ZERO)
    }

    fn treasury(&self, security: &SecurityId) -> Shares {
        self.sec(security)
            .map(|s| self.ledger.treasury(s))
            .unwrap_or(Shares::ZERO)
    }

    fn authorized(&self, security: &SecurityId) -> Option<Shares> {
        let s = self.sec(security)?;
        self.authorized.get(s as usize).copied().flatten()
    }

    fn common(&self) -> SecurityId {
        self.book.settings.common.clone()
    }

    fn fully_diluted_common(&self, excluding: Option<&InstrumentId>) -> Shares {
        let mut total = self.outstanding(&self.common());
        if self.shallow {
            return total;
        }
        for (i, inst) in self.instruments.iter().enumerate() {
            let Some(inst) = inst else { continue };
            // The instrument reacting is counted through `taken` (its own
            // figure), whether or not it is still in the list.
            if self.taken.map(|(t, _)| t == i).unwrap_or(false) {
                continue;
            }
            if excluding
                .map(|x| self.book.instruments[i].id == *x)
                .unwrap_or(false)
            {
                continue;
            }
            total = total
                .checked_add(self.count_issuable(inst))
                .unwrap_or(total);
        }
        if let Some((i, q)) = self.taken {
            if !excluding
                .map(|x| self.book.instruments[i].id == *x)
                .unwrap_or(false)
            {
                total = total.checked_add(q).unwrap_or(total);
            }
        }
        total.checked_add(self.rights_issuable()).unwrap_or(total)
    }

    fn diluted_parts(&self, excluding: Option<&InstrumentId>) -> terms::DilutedParts {
        let mut parts = terms::DilutedParts {
            common_outstanding: self.outstanding(&self.common()),
            ..Default::default()
        };
        let add = |slot: &mut Shares, n: Shares| *slot = slot.checked_add(n).unwrap_or(*slot);
        if self.shallow {
            return parts;
        }
        for (i, inst) in self.instruments.iter().enumerate() {
            let Some(inst) = inst else { continue };
            if excluding
                .map(|x| self.book.instruments[i].id == *x)
                .unwrap_or(false)
            {
                continue;
            }
            // The instrument reacting is counted through `taken` (its own
            // figure), as in the fully diluted count.
            let n = match self.taken {
                Some((t, q)) if t == i => q,
                _ => self.count_issuable(inst),
            };
            match inst {
                AnyInstrument::Preferred(_) => add(&mut parts.preferred_as_converted, n),
                AnyInstrument::Warrant(_) => add(&mut parts.warrants, n),
                AnyInstrument::Plan(p) => {
                    add(&mut parts.options_outstanding, n);
                    let pool = plan::query::pool_on(p, self.date).available;
                    let pool = Shares::new(
                        pool.round_dp(0, units::Rounding::TowardZero)
                            .unwrap_or_default(),
                    );
                    if !pool.is_negative() {
                        add(&mut parts.pool_unallocated, pool);
                    }
                }
                AnyInstrument::Rights(_) => add(&mut parts.other, n),
            }
        }
        if let Some((i, q)) = self.taken {
            let listed = self.instruments.get(i).is_some_and(|x| x.is_some());
            let excluded = excluding
                .map(|x| self.book.instruments[i].id == *x)
                .unwrap_or(false);
            if !listed && !excluded {
                // The reacting instrument was taken out of the list: a
                // preferred series or a warrant, counted by its own figure.
                add(&mut parts.preferred_as_converted, q);
            }
        }
        add(&mut parts.warrants, self.rights_issuable());
        parts
    }

    fn lots(&self, holder: &HolderId, security: &SecurityId) -> Vec<(Date, Shares)> {
        match (self.sec(security), self.holder(holder)) {
            (Some(s), Some(h)) => self.ledger.lots(s, h),
            _ => Vec::new(),
        }
    }

    fn market_price(&self, security: &SecurityId, day: Date) -> MarketResult {
        let empty = market::PriceSeries::new();
        let series = self.book.prices.get(security.as_str()).unwrap_or(&empty);
        let fv = self
            .book
            .fair_values
            .get(security.as_str())
            .unwrap_or(&EMPTY_FV);
        match market::market_price(series, fv, day) {
            Some(p) => {
                let mut c = units::Computed::new(
                    "Market Price",
                    p.price.display(),
                    "last trade; else average of bid and ask; else the Board's fair value",
                )
                .input("date", day)
                .input("source", format!("{:?}", p.source));
                // The definition the book's `prices` declaration names.
                if let Some(clause) = self.book.market_price_clauses.get(security.as_str()) {
                    c = c.cite(clause.clone());
                }
                Ok((p.price, c))
            }
            None => Err(self.gap(security, vec![day])),
        }
    }

    fn average_preceding(&self, security: &SecurityId, day: Date, n: usize) -> MarketResult {
        self.with_series(security, day, |s, fv| {
            market::average_market_price_preceding(s, fv, day, n)
        })
    }

    fn average_ending_on(&self, security: &SecurityId, day: Date, n: usize) -> MarketResult {
        self.with_series(security, day, |s, fv| {
            market::average_market_price_ending_on(s, fv, day, n)
        })
    }

    fn warrant_market_price(&self, security: &SecurityId, day: Date, n: usize) -> MarketResult {
        self.warrant_market_price_in(security, day, n, None)
    }

    fn warrant_market_price_in(
        &self,
        security: &SecurityId,
        day: Date,
        n: usize,
        calendar: Option<Calendar>,
    ) -> MarketResult {
        let calendar = calendar.unwrap_or_else(|| self.business_calendar());
        let splits = self.splits_before(security, day);
        self.with_series(security, day, |s, fv| {
            market::current_market_price_warrant(s, fv, day, n, &splits, calendar)
        })
    }

    fn weekly_volume_average(&self, security: &SecurityId, day: Date) -> Option<Shares> {
        let series = self.book.prices.get(security.as_str())?;
        let v = market::weekly_volume_average(series, day, 4).ok()?;
        // Four whole-number weekly totals divided by 4 always terminate
        // (at most two places), so the exact value is returned: no rounding.
        v.value.to_decimal_exact().ok().map(Shares::new)
    }

    fn is_business_day(&self, day: Date) -> bool {
        self.business_calendar().is_open(day)
    }

    fn is_trading_day(&self, day: Date) -> bool {
        Calendar::Trading.is_open(day)
    }

    fn fiscal_year_end(&self) -> Option<terms::FiscalYearEnd> {
        self.book.settings.fiscal_year_end
    }

    fn board_fair_value(&self, security: &SecurityId, day: Date) -> Option<Price> {
        self.book
            .fair_values
            .get(security.as_str())?
            .get(&day)
            .copied()
    }

    fn issuable_on_conversion(&self, holder: &HolderId, instrument: &InstrumentId) -> Shares {
        let Some(i) = self.book.instrument_index(instrument.as_str()) else {
            return Shares::ZERO;
        };
        match self.instruments.get(i) {
            Some(Some(inst)) => inst.common_issuable_to(holder, &self.shallow_view()),
            _ => Shares::ZERO,
        }
    }

    fn series_claims(&self) -> Vec<terms::SeriesClaim> {
        let inner = self.shallow_view();
        self.instruments
            .iter()
            .flatten()
            .filter_map(|inst| match inst {
                AnyInstrument::Preferred(p) => preferred::liquidation::series_claim(p, &inner).ok(),
                _ => None,
            })
            .collect()
    }

    fn holders_of_instrument(&self, instrument: &InstrumentId) -> Vec<HolderId> {
        let Some(i) = self.book.instrument_index(instrument.as_str()) else {
            return Vec::new();
        };
        match self.instruments.get(i) {
            Some(Some(inst)) => inst.holders(),
            _ => Vec::new(),
        }
    }

    fn affiliate_group(&self, holder: &HolderId) -> Option<HolderId> {
        let h = self.holder(holder)?;
        self.book.registry.holder_info(h)?.affiliate_of.clone()
    }

    fn iso_first_exercisable(
        &self,
        holder: &HolderId,
        excluding: &InstrumentId,
    ) -> Vec<(i16, Exact)> {
        // Every other equity plan of the book, summed by calendar year
        // (the Internal Revenue Code's incentive stock option limit counts
        // "all plans of the individual's employer").
        let mut by_year: std::collections::BTreeMap<i16, Exact> = std::collections::BTreeMap::new();
        for (i, inst) in self.instruments.iter().enumerate() {
            let Some(AnyInstrument::Plan(p)) = inst else {
                continue;
            };
            if self.book.instruments[i].id == *excluding {
                continue;
            }
            for (year, v) in p.iso_first_exercisable_by_year(holder) {
                let slot = by_year.entry(year).or_insert_with(Exact::zero);
                *slot = slot.add(&v);
            }
        }
        by_year.into_iter().collect()
    }

    fn issued_on_conversion(&self, holder: &HolderId, instrument: &InstrumentId) -> Shares {
        let (Some(i), Some(h)) = (
            self.book.instrument_index(instrument.as_str()),
            self.holder(holder),
        ) else {
            return Shares::ZERO;
        };
        self.issued_by.get(&(i, h)).copied().unwrap_or(Shares::ZERO)
    }
}
