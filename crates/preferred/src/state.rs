//! The state of a convertible preferred series and its `Instrument` contract.
//!
//! The state holds only what the journal decided (the Closing Date, cash
//! declarations, calls for redemption, waivers, the anti-dilution chain);
//! every figure (Accreted Value, Liquidation Preference, Conversion Ratio) is
//! recomputed from it for the date asked, so a figure on any date is the same
//! whether it is asked during replay or afterwards. Each event is validated
//! completely before anything is changed, so a rejected event changes nothing.

use crate::accretion::{Accrual, LiquidationPreference};
use crate::adjustment::{self, AdjustmentChain, AdjustmentContext};
use crate::change_of_control::ChangeOfControlTracker;
use crate::control_window::ControlWindow;
use crate::resolve::{self, Event, RedemptionKind, SettlementForm};
use crate::terms::{ConversionMechanism, Terms};
use actions::{CorporateAction, Instrument};
use calendar::Date;
use journal::{Diagnostic, Directive, FileId};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use terms::{BookView, HolderId, InstrumentId, Outcome, Rejection, SecurityId};
use units::{Clause, Computed, Exact, Money, Rounding, Shares};

/// A cash dividend declared for a Dividend Period.
#[derive(Clone, Debug, Serialize)]
pub struct CashDeclaration {
    pub declared_on: Date,
    pub period_end: Date,
    pub payment_date: Date,
    pub record_date: Date,
    pub paid: bool,
}

/// A recorded waiver (by a majority of the holders, or by holders of the
/// mandatory redemption of their own shares).
#[derive(Clone, Debug, Serialize)]
pub struct Waiver {
    pub date: Date,
    pub provision: String,
    pub holders: Vec<HolderId>,
    /// True when the waiving holders held a majority: the waiver binds the
    /// series; false for a waiver of the mandatory redemption of a holder's
    /// own shares.
    pub class_wide: bool,
}

/// The state of a notice of redemption.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum CallStatus {
    Pending,
    Executed,
    /// The Corporation could not pay (the conversion right's "unless the Corporation shall
    /// default in making payment"): conversion rights revive.
    Defaulted,
}

/// A notice of redemption (optional or mandatory).
#[derive(Clone, Debug, Serialize)]
pub struct RedemptionCall {
    pub notice_date: Date,
    pub redemption_date: Date,
    pub kind: RedemptionKind,
    pub form: SettlementForm,
    pub funds: Option<Money>,
    /// Optional calls: the shares selected from each holder. Empty for a
    /// mandatory redemption (every non-waived share is called).
    pub selected: BTreeMap<HolderId, Shares>,
    pub status: CallStatus,
}

/// Conversions by one holder on one day, aggregated for the fractions.
#[derive(Clone, Debug, Default)]
pub struct SameDay {
    pub date: Option<Date>,
    pub preferred: Shares,
    /// Whole units issued today, by security (the common, or each security
    /// of the reference property after a reorganization).
    pub whole_issued: BTreeMap<String, Shares>,
    pub cash_paid: Money,
}

/// A convertible preferred series.
#[derive(Clone, Debug)]
pub struct Preferred {
    pub id: InstrumentId,
    /// The security whose positions are this series' shares.
    pub security: SecurityId,
    pub terms: Terms,
    /// The Closing Date (and date of issuance): the declaration's
    /// `closing-date:` metadata.
    pub closing_date: Date,
    /// Shares outstanding at the close of the Closing Date (the forced
    /// conversion's outstanding test), from the
    /// declaration's `closing-shares:` or observed on the Closing Date.
    pub closing_shares: Option<Shares>,
    /// Shares of the series issued so far by `issue` events, cumulatively
    /// (never beyond the designation; reacquired shares do not return to
    /// it).
    pub issued_total: Shares,
    /// The anti-dilution adjustments (owned by `adjustment`).
    pub chain: AdjustmentChain,
    /// Ends of the Dividend Periods declared in cash.
    pub cash_periods: BTreeSet<Date>,
    pub declarations: BTreeMap<Date, CashDeclaration>,
    /// Holders of record at the close of business on dividend record dates.
    pub record_snapshots: BTreeMap<Date, Vec<(HolderId, Shares)>>,
    pub waivers: Vec<Waiver>,
    pub calls: Vec<RedemptionCall>,
    /// Set when a mandatory redemption could not be completed.
    pub mandatory_obligation_since: Option<Date>,
    /// Votes fixed at `vote-record-date` events.
    pub vote_records: BTreeMap<Date, Vec<crate::votes::VoteLine>>,
    pub same_day: BTreeMap<HolderId, SameDay>,
    /// The facts of the definition of Change of Control.
    pub control: ChangeOfControlTracker,
    /// Each Change of Control with its notice and elections.
    pub control_windows: Vec<ControlWindow>,
    /// The other classes' facts stated by `class-claims`, by security.
    pub classes: BTreeMap<SecurityId, crate::parity::ClassFacts>,
    /// The date of a `dissolve`: the series was paid and its shares
    /// cancelled; no event of the series is accepted after it.
    pub dissolved_on: Option<Date>,
    /// The Dividend Periods computed so far (a cache; see
    /// [`crate::accretion::ScheduleCache`]).
    pub schedule_cache: crate::accretion::ScheduleCache,
    // The economic clauses' state (crate::cash_dividends, consents): cash
    // dividends declared on a series that does not accrete, and the
    // consents recorded for protective provisions.
    pub cash_dividends: Vec<crate::cash_dividends::Declared>,
    pub consents: Vec<crate::consents::Consent>,
}

/// An arithmetic failure, citing clause `key` of the term file.
pub(crate) fn arith_at(terms: &Terms, key: &str, e: units::UnitsError) -> Rejection {
    Rejection::new("R0249", terms.cite(key), format!("arithmetic: {e}"))
}

/// The "Current Market Value" is the average of the Market Prices for the
/// trading days preceding a date; its schedule names and cites the
/// definition, not the clause that uses the figure, which the enclosing
/// computation cites.
pub(crate) fn market_value_step(mut c: units::Computed, definition: Clause) -> units::Computed {
    c.name = "Current Market Value".into();
    c.clauses = vec![definition];
    c
}

impl Preferred {
    /// Creates the series from its terms and journal facts (for tests and
    /// for [`Instrument::declare`]).
    pub fn new(id: InstrumentId, security: SecurityId, terms: Terms, closing_date: Date) -> Self {
        let threshold = match &terms.anti_dilution {
            adjustment::AntiDilution::MarketPriceRatio(t) => {
                adjustment::percent_label(&t.threshold.exact())
            }
            _ => String::new(),
        };
        let chain = AdjustmentChain::labelled(terms.sect("anti-dilution"), threshold);
        Preferred {
            id,
            security,
            terms,
            closing_date,
            closing_shares: None,
            issued_total: Shares::ZERO,
            chain,
            cash_periods: BTreeSet::new(),
            declarations: BTreeMap::new(),
            record_snapshots: BTreeMap::new(),
            waivers: Vec::new(),
            calls: Vec::new(),
            mandatory_obligation_since: None,
            vote_records: BTreeMap::new(),
            same_day: BTreeMap::new(),
            control: ChangeOfControlTracker::default(),
            control_windows: Vec::new(),
            classes: BTreeMap::new(),
            dissolved_on: None,
            schedule_cache: Default::default(),
            cash_dividends: Vec::new(),
            consents: Vec::new(),
        }
    }

    pub fn accrual(&self) -> Accrual<'_> {
        Accrual {
            terms: &self.terms,
            closing_date: self.closing_date,
            cash_periods: &self.cash_periods,
            cache: Some(&self.schedule_cache),
        }
    }

    pub fn liquidation_preference(&self, date: Date) -> Result<LiquidationPreference, Rejection> {
        self.accrual().liquidation_preference(date)
    }

    /// The unadjusted ratio: the Liquidation Preference ÷ the divisor, or
    /// the original issue price ÷ the initial Conversion Price, as the term
    /// file's mechanism says.
    pub fn unadjusted_ratio(&self, lp: &Exact) -> Result<Exact, Rejection> {
        let c = &self.terms.conversion;
        let (num, den) = match c.mechanism {
            ConversionMechanism::PreferenceOverDivisor => (lp.clone(), c.divisor),
            ConversionMechanism::ConversionPrice => (
                self.terms
                    .original_issue_price
                    .map(|p| p.exact())
                    .unwrap_or_else(Exact::zero),
                c.initial_conversion_price,
            ),
        };
        let den = den.map(|d| d.exact()).unwrap_or_else(Exact::zero);
        num.div(&den)
            .map_err(|e| arith_at(&self.terms, "conversion.ratio", e))
    }

    /// The numerator the Conversion Price is taken from (Conversion Price =
    /// numerator ÷ Conversion Ratio): the Liquidation Preference or the
    /// original issue price.
    pub fn price_numerator(&self, lp: &Exact) -> Exact {
        match self.terms.conversion.mechanism {
            ConversionMechanism::PreferenceOverDivisor => lp.clone(),
            ConversionMechanism::ConversionPrice => self
                .terms
                .original_issue_price
                .map(|p| p.exact())
                .unwrap_or_else(Exact::zero),
        }
    }

    /// The words of the ratio's figures: (name of the unadjusted ratio, its
    /// formula, name of the anti-dilution factor).
    fn ratio_labels(&self) -> (String, String, String) {
        let t = &self.terms;
        let formula = match t.conversion.mechanism {
            ConversionMechanism::PreferenceOverDivisor => format!(
                "Liquidation Preference / ${}",
                t.conversion.divisor.unwrap_or_default()
            ),
            ConversionMechanism::ConversionPrice => format!(
                "original issue price / initial Conversion Price {}",
                t.conversion.initial_conversion_price.unwrap_or_default()
            ),
        };
        (
            format!("{} ratio", t.sect("conversion.ratio")),
            formula,
            format!("{} factor", t.sect("anti-dilution")),
        )
    }

    /// The Conversion Ratio: the unadjusted ratio times the anti-dilution
    /// chain's factor for `date` (only the adjustments effective by then: a
    /// stock dividend counts from the day after its record date);
    /// unrounded (the formula's rounding belongs to its own calculations).
    /// Returns the ratio and its computation.
    pub fn conversion_ratio_for(
        &self,
        lp: &Exact,
        date: Date,
    ) -> Result<(Exact, Computed), Rejection> {
        let unadjusted = self.unadjusted_ratio(lp)?;
        let (a, b, c) = self.ratio_labels();
        let clauses = [
            self.terms.cite("conversion.ratio"),
            self.terms.cite("anti-dilution"),
        ];
        Ok(self
            .chain
            .apply_to(&unadjusted, date, (&a, &b, &c), &clauses))
    }

    /// The Conversion Ratio on `date` alone, the same value as
    /// `conversion_terms(date)?.ratio` without building its schedule (the
    /// fully diluted count and the reserve of common ask for it on every
    /// scheduled date, where the schedule's printed figures are never read).
    pub fn conversion_ratio_value(&self, date: Date) -> Result<Exact, Rejection> {
        // The same date is asked for several times in one replay step (the
        // fully diluted count, the reserve of common): the last answer is
        // kept, keyed by everything it depends on that can change (the date,
        // the anti-dilution steps and the cash periods; the terms and the Closing Date
        // never change).
        let key = (date, self.chain.steps().len(), self.cash_periods.len());
        if let Some(r) = self.schedule_cache.last_ratio(key) {
            return Ok(r);
        }
        let unadjusted = match self.terms.conversion.mechanism {
            // The ratio does not depend on the preference: no schedule.
            ConversionMechanism::ConversionPrice => self.unadjusted_ratio(&Exact::zero())?,
            ConversionMechanism::PreferenceOverDivisor => {
                self.unadjusted_ratio(&self.liquidation_preference(date)?.total)?
            }
        };
        let r = unadjusted.mul(&self.chain.factor_as_of(date));
        self.schedule_cache.keep_ratio(key, r.clone());
        Ok(r)
    }

    /// The Conversion Ratio and Conversion Price on `date`, each a Computed.
    pub fn conversion_terms(&self, date: Date) -> Result<ConversionTerms, Rejection> {
        let lp = self.liquidation_preference(date)?;
        self.conversion_terms_from(lp)
    }

    /// The Conversion Ratio and Price from a Liquidation Preference (with or
    /// without a make-whole), for the adjustments in effect on `lp.date`.
    pub fn conversion_terms_from(
        &self,
        lp: LiquidationPreference,
    ) -> Result<ConversionTerms, Rejection> {
        let (ratio, applied) = self.conversion_ratio_for(&lp.total, lp.date)?;
        let t = &self.terms;
        let numerator = self.price_numerator(&lp.total);
        let price = numerator
            .div(&ratio)
            .map_err(|e| arith_at(t, "conversion.ratio", e))?;
        let factor = self.chain.factor_as_of(lp.date);
        let ratio_clause = t.cite("conversion.ratio");
        let factor_name = format!("{} factor", t.sect("anti-dilution"));
        let unrounded = format!("none ({ratio_clause} names no rounding)");
        let (ratio_c, price_c) = match t.conversion.mechanism {
            ConversionMechanism::PreferenceOverDivisor => (
                Computed::of_exact(
                    "Conversion Ratio",
                    &ratio,
                    format!(
                        "Liquidation Preference / conversion divisor × {} adjustment factor in effect on the date",
                        t.sect("anti-dilution")
                    ),
                )
                .input("date", lp.date)
                .input_exact("Liquidation Preference", &lp.total)
                .input("divisor", t.conversion.divisor.unwrap_or_default())
                .input_exact(factor_name, &factor)
                .rounded(unrounded)
                .cite(ratio_clause.clone())
                .step(lp.computed())
                .step(applied),
                Computed::of_exact(
                    "Conversion Price",
                    &price,
                    "Liquidation Preference / Conversion Ratio",
                )
                .input_exact("Liquidation Preference", &lp.total)
                .input_exact("Conversion Ratio", &ratio)
                .cite(ratio_clause),
            ),
            ConversionMechanism::ConversionPrice => (
                Computed::of_exact(
                    "Conversion Ratio",
                    &ratio,
                    "original issue price / Conversion Price in effect on the date",
                )
                .input("date", lp.date)
                .input_exact("original issue price", &numerator)
                .input_exact("Conversion Price", &price)
                .input_exact(factor_name, &factor)
                .rounded(unrounded)
                .cite(ratio_clause.clone())
                .step(applied),
                Computed::of_exact(
                    "Conversion Price",
                    &price,
                    "initial Conversion Price as adjusted by the anti-dilution formula",
                )
                .input(
                    "initial Conversion Price",
                    t.conversion.initial_conversion_price.unwrap_or_default(),
                )
                .input("adjustments applied", self.chain.steps().iter().filter(|s| s.applies_from <= lp.date).count())
                .cite(ratio_clause)
                .cite(t.cite("anti-dilution")),
            ),
        };
        Ok(ConversionTerms {
            lp,
            ratio,
            price,
            ratio_computed: ratio_c,
            price_computed: price_c,
        })
    }

    /// The shares each holder has had selected for a pending optional call
    /// whose redemption date is on or before `date` (they stop being
    /// convertible).
    pub(crate) fn called_shares(&self, holder: &HolderId, date: Date) -> Shares {
        let mut total = Shares::ZERO;
        for c in &self.calls {
            if c.status == CallStatus::Pending
                && c.kind == RedemptionKind::Optional
                && c.redemption_date <= date
            {
                if let Some(s) = c.selected.get(holder) {
                    total = total.checked_add(*s).unwrap_or(total);
                }
            }
        }
        total
    }

    /// Whether a waiver of the mandatory redemption covers `holder`'s
    /// shares on `date`.
    pub fn waived_6_2(&self, holder: &HolderId, date: Date) -> bool {
        let mandatory = self.terms.section("redemption.mandatory");
        self.waivers.iter().any(|w| {
            w.date <= date
                && w.provision == mandatory
                && (w.class_wide || w.holders.contains(holder))
        })
    }

    /// Whether a Mandatory Redemption Obligation is unpaid: set by a short
    /// mandatory redemption, and still owed while any non-waived share is
    /// outstanding; or by a change-of-control redemption short of funds,
    /// owed while the surrendered shares are unpaid. A majority waiver of the
    /// obligation's clause after it arose lifts the bar.
    pub fn mandatory_obligation_unpaid(&self, view: &dyn BookView) -> bool {
        let date = view.date();
        let obligation = self.terms.section("redemption.obligation");
        let waived_since = |since: Date| {
            self.waivers.iter().any(|w| {
                w.provision == obligation && w.class_wide && w.date >= since && w.date <= date
            })
        };
        if self
            .control_owed_since()
            .is_some_and(|since| since <= date && !waived_since(since))
        {
            return true;
        }
        let Some(since) = self.mandatory_obligation_since else {
            return false;
        };
        if waived_since(since) {
            return false;
        }
        view.holders_of(&self.security)
            .iter()
            .any(|(h, s)| !s.is_zero() && !self.waived_6_2(h, date))
    }

    /// The reserve of common: a Warning when authorized but unissued common is short of
    /// the common issuable on conversion of all outstanding shares.
    pub(crate) fn reserve_check(&self, view: &dyn BookView, outcome: &mut Outcome) {
        let common = view.common();
        let Some(authorized) = view.authorized(&common) else {
            return;
        };
        let mut unissued = authorized
            .checked_sub(view.outstanding(&common))
            .unwrap_or(Shares::ZERO);
        if !self.terms.conversion.reserve_counts_treasury {
            unissued = unissued
                .checked_sub(view.treasury(&common))
                .unwrap_or(Shares::ZERO);
        }
        let needed = self.common_issuable_exact(view);
        if needed > unissued.exact() {
            outcome.warnings.push(terms::Warning {
                code: "W0201",
                clause: self.terms.cite("conversion.reserve"),
                message: format!(
                    "authorized but unissued common ({unissued}) is short of the {} shares issuable on conversion of all outstanding {}",
                    needed.display(),
                    self.security
                ),
            });
        }
    }

    /// Common issuable on conversion of every outstanding share on
    /// `view.date()`: whole shares per holder (the fractions clause
    /// aggregates a holder's shares).
    pub(crate) fn common_issuable_exact(&self, view: &dyn BookView) -> Exact {
        let Ok(ratio) = self.conversion_ratio_value(view.date()) else {
            return Exact::zero();
        };
        let mut total = Exact::zero();
        for (_, s) in self.holders_with_rights(view) {
            total = total.add(&s.exact().mul_trunc(&ratio));
        }
        total
    }

    /// The AdjustmentContext for the anti-dilution module at `view.date()`.
    fn adjustment_context(&self, view: &dyn BookView) -> Result<AdjustmentContext, Rejection> {
        let ct = self.conversion_terms(view.date())?;
        Ok(AdjustmentContext {
            instrument: self.id.clone(),
            closing_date: self.closing_date,
            liquidation_preference: self.price_numerator(&ct.lp.total),
            conversion_ratio: ct.ratio.clone(),
            conversion_price: ct.price.clone(),
            own_issuable: Some(self.common_issuable(view)),
            citations: self.terms.citations(),
            series_name: self.series_name(),
            designation: self.designation(),
        })
    }

    /// The series' name in the document's words (`series_name`, else the
    /// security id).
    pub fn series_name(&self) -> String {
        self.terms
            .series_name
            .clone()
            .unwrap_or_else(|| self.security.to_string())
    }

    /// The series' designation (`designation_name`, else its name).
    pub fn designation(&self) -> String {
        self.terms
            .designation_name
            .clone()
            .unwrap_or_else(|| self.series_name())
    }

    /// Shares of `holder` surrendered for redemption on a change of control
    /// and not yet paid for ("dividends ... shall cease to accrue, and all
    /// rights of the holders thereof as stockholders ... (except the right
    /// to receive ... the redemption price) shall cease"), capped by what
    /// the holder still holds.
    pub fn rights_ceased(&self, holder: &HolderId, held: Shares) -> Shares {
        let owed = self.control_owed(holder);
        if owed > held {
            held
        } else {
            owed
        }
    }

    /// The holders and the shares that still carry a stockholder's rights
    /// (to dividends, votes and conversion): the register less the shares
    /// whose rights ceased on surrender for redemption.
    pub fn holders_with_rights(&self, view: &dyn BookView) -> Vec<(HolderId, Shares)> {
        view.holders_of(&self.security)
            .into_iter()
            .filter_map(|(h, s)| {
                let live = s
                    .checked_sub(self.rights_ceased(&h, s))
                    .unwrap_or(Shares::ZERO);
                (!live.is_zero()).then_some((h, live))
            })
            .collect()
    }

    /// Holders of record at the close of business on `date`: the snapshot if
    /// one was taken, else the positions the view shows now.
    pub(crate) fn holders_of_record(
        &self,
        date: Date,
        view: &dyn BookView,
    ) -> (Vec<(HolderId, Shares)>, bool) {
        match self.record_snapshots.get(&date) {
            Some(s) => (s.clone(), true),
            None => (self.holders_with_rights(view), false),
        }
    }

    /// The record dates the series must capture after `after` (dividends).
    fn record_dates_after(&self, after: Date) -> Vec<Date> {
        let acc = self.accrual();
        let mut out: Vec<Date> = self
            .declarations
            .values()
            .filter(|d| !d.paid && d.record_date > after)
            .map(|d| d.record_date)
            .collect();
        // Default record dates matter once cash dividends are possible.
        let mw = acc.cash_option_from();
        let mut probe = after;
        for _ in 0..2 {
            if let Some(end) = acc.next_period_end(probe) {
                if acc.payment_date(end) >= mw {
                    if let Some(r) = acc.default_record_date(end) {
                        if r > after {
                            out.push(r);
                        }
                    }
                }
                probe = end;
            }
        }
        out
    }

    fn next_payment_date_after(&self, after: Date) -> Option<Date> {
        let acc = self.accrual();
        let mut probe = after
            .checked_sub(jiff::Span::new().days(10))
            .unwrap_or(after);
        for _ in 0..4 {
            let end = acc.next_period_end(probe)?;
            let pd = acc.payment_date(end);
            if pd > after {
                return Some(pd);
            }
            probe = end;
        }
        None
    }

    /// The next Dividend Payment Date on or after `date`.
    pub fn next_dividend_payment_date(&self, date: Date) -> Option<Date> {
        let prev = date.yesterday().ok()?;
        self.next_payment_date_after(prev)
    }

    /// On a Dividend Payment Date: pay declared cash dividends
    /// pro rata to the holders of record; record the accretion otherwise.
    fn run_payment_date(&mut self, date: Date, view: &dyn BookView, out: &mut Outcome) {
        let acc = self.accrual();
        // Only the periods paid on this date (the last one or two): the
        // rows before them are never copied.
        let rows = match acc.with_schedule(date, |all| {
            let first = all.partition_point(|r| r.payment_date < date);
            all[first..]
                .iter()
                .filter(|r| r.payment_date == date)
                .cloned()
                .collect::<Vec<_>>()
        }) {
            Ok(r) => r,
            Err(e) => {
                out.warnings.push(terms::Warning {
                    code: "W0202",
                    clause: e.clause.clone(),
                    message: e.message,
                });
                return;
            }
        };
        let mut paid = Vec::new();
        for row in rows.iter().filter(|r| r.payment_date == date) {
            out.computations.push(row.computed());
            if row.form != crate::accretion::Form::Cash {
                continue;
            }
            let Some(decl) = self.declarations.get(&row.end) else {
                continue;
            };
            let (holders, from_snapshot) = self.holders_of_record(decl.record_date, view);
            if !from_snapshot {
                out.warnings.push(terms::Warning {
                    code: "W0203",
                    clause: self.terms.cite("dividends.record-date"),
                    message: format!(
                        "no register captured at the close of business on the Record Date {}; paying the holders of {date}",
                        decl.record_date
                    ),
                });
            }
            for (holder, shares) in holders {
                if shares.is_zero() {
                    continue;
                }
                let exact = row.dividend.mul(&shares.exact());
                match units::rounding::nearest_cent(&exact) {
                    Ok(amount) => {
                        out.effects.push(terms::Effect::Cash {
                            holder: holder.clone(),
                            amount,
                            reason: format!(
                                "{} cash dividend for the Dividend Period ended {} ({} shares × {} per share, to the cent)",
                                self.terms.cite("dividends.cash-election"),
                                row.end,
                                shares,
                                row.dividend.display()
                            ),
                        });
                        out.computations.push(
                            Computed::new(
                                format!("Cash dividend to {holder}"),
                                amount,
                                "shares of record × dividend per share, to the nearest cent (half up)",
                            )
                            .input("shares of record", shares)
                            .input("Record Date", decl.record_date)
                            .input_exact("dividend per share", &row.dividend)
                            .rounded("nearest cent, half up, per holder")
                            .cite(self.terms.cite("dividends.cash"))
                            .cite(self.terms.cite("dividends.record-payment")),
                        );
                    }
                    Err(e) => out.warnings.push(terms::Warning {
                        code: "W0202",
                        clause: self.terms.cite("dividends.record-payment"),
                        message: format!("dividend to {holder}: {e}"),
                    }),
                }
            }
            paid.push(row.end);
        }
        for end in paid {
            if let Some(d) = self.declarations.get_mut(&end) {
                d.paid = true;
            }
        }
        self.reserve_check(view, out);
    }
}

/// The Conversion Ratio and Conversion Price on a date, with their
/// computations.
#[derive(Clone, Debug)]
pub struct ConversionTerms {
    pub lp: LiquidationPreference,
    pub ratio: Exact,
    pub price: Exact,
    pub ratio_computed: Computed,
    pub price_computed: Computed,
}

impl Instrument for Preferred {
    type Event = Event;

    /// Common reserved out of authorized but unissued shares for conversion
    /// (and for redemption settled in common).
    fn reservation_clause(&self) -> Option<Clause> {
        Some(self.terms.cite("conversion.reserve"))
    }

    fn kind() -> &'static str {
        "convertible-preferred"
    }

    /// Reads the term file and the declaration's `security:` (default: the
    /// instrument id), `closing-date:` (required: the Closing Date of the
    /// Purchase Agreement) and optional `closing-shares:`.
    fn declare(
        id: InstrumentId,
        declaration: &Directive,
        terms_file: FileId,
        terms_text: &str,
    ) -> Result<Self, Vec<Diagnostic>> {
        let mut errors = Vec::new();
        let terms = match Terms::load(terms_file, terms_text) {
            Ok(t) => Some(t),
            Err(d) => {
                errors.push(d);
                None
            }
        };
        let mut r = terms::fields::Reader::new(
            declaration,
            "instrument <id> convertible-preferred [\"name\"]  (terms:, security:, closing-date:, closing-shares:)",
        );
        // The declaration's own arguments: id, kind, optional name.
        let _ = (r.arg_opt(0), r.arg_opt(1), r.arg_opt(2));
        let _ = r.meta_str("terms");
        let security = r
            .meta_str("security")
            .map(SecurityId::new)
            .unwrap_or_else(|| SecurityId::new(id.as_str()));
        let closing: Option<terms::fields::DateArg> =
            r.meta_required("closing-date", "date (the Closing Date)");
        let closing = closing.map(|c| c.0);
        let closing_shares: Option<Shares> = r.meta_opt("closing-shares", "number of shares");
        if let Err(mut ds) = r.finish() {
            errors.append(&mut ds);
        }
        match (terms, closing) {
            (Some(terms), Some(closing)) if errors.is_empty() => {
                let mut p = Preferred::new(id, security, terms, closing);
                p.closing_shares = closing_shares;
                Ok(p)
            }
            _ => Err(errors),
        }
    }

    fn keywords() -> &'static [&'static str] {
        resolve::KEYWORDS
    }

    fn resolve(d: &Directive) -> Result<Event, Vec<Diagnostic>> {
        resolve::resolve(d)
    }

    fn apply(&mut self, event: &Event, view: &dyn BookView) -> Result<Outcome, Rejection> {
        if let Some(on) = self.dissolved_on {
            return Err(Rejection::new(
                "R0227",
                self.terms.cite("liquidation.amount"),
                format!(
                    "the Corporation was dissolved on {on}: {} was paid its liquidation amount and its shares cancelled, with no further rights",
                    self.security
                ),
            ));
        }
        match event {
            Event::Issue {
                holder,
                shares,
                price,
                ..
            } => self.issue(holder, *shares, *price, view),
            Event::Convert { holder, shares, .. } => self.convert(holder, *shares, view),
            Event::DeclareDividend {
                period_end,
                record_date,
                ..
            } => self.declare_dividend(*period_end, *record_date, view),
            Event::Redeem {
                kind,
                redemption_date,
                shares,
                form,
                funds,
                ..
            } => self.call_for_redemption(*kind, *redemption_date, *shares, *form, *funds, view),
            Event::ForceConvert { test, .. } => self.force_convert(*test, view),
            Event::Waive {
                provision, holders, ..
            } => self.waive(provision, holders, view),
            Event::VoteRecordDate { .. } => self.vote_record_date(view),
            Event::Control(c) => self.control_event(c, view),
            Event::ChangeOfControlNotice { .. } => self.change_of_control_notice(view),
            Event::ClassClaims {
                security,
                accrued_unpaid,
                due_unpaid,
                liquidation_claim,
                ..
            } => self.class_claims(security, *accrued_unpaid, *due_unpaid, *liquidation_claim),
            Event::ParityDividend {
                security,
                amount,
                in_kind,
                ..
            } => self.parity_dividend(security, *amount, *in_kind, view),
            Event::ChangeOfControlDischarge { funds, .. } => {
                self.discharge_control_obligation(*funds, view)
            }
            Event::ChangeOfControlElection {
                holder,
                shares,
                choice,
                funds,
                ..
            } => self.control_election(holder, *shares, *choice, *funds, view),
        }
    }

    /// An issue of shares of the series is offered to every other
    /// instrument as a deemed issue of the common they convert into.
    fn issued_rights(&self, event: &Event, view: &dyn BookView) -> Option<CorporateAction> {
        match event {
            Event::Issue { shares, price, .. } => self.issue_as_rights(*shares, *price, view),
            _ => None,
        }
    }

    fn on_action(
        &mut self,
        action: &CorporateAction,
        view: &dyn BookView,
    ) -> Result<Outcome, Rejection> {
        // A dissolved series has no further rights.
        if self.dissolved_on.is_some() {
            return Ok(Outcome::none());
        }
        // Validate first: the redemption obligation's bar, then compute the
        // participation and liquidation entitlements (no state changes),
        // then let the anti-dilution formula adjust the chain.
        self.mandatory_redemption_bar(action, view)?;
        let mut out = Outcome::none();
        match action {
            CorporateAction::Distribution { .. } => {
                out.merge(crate::dividends::participation(self, action, view)?);
            }
            CorporateAction::Dissolution { amount_available } => {
                out.merge(crate::liquidation::on_dissolution(
                    self,
                    *amount_available,
                    view,
                )?);
            }
            _ => {}
        }
        // A merger, consolidation or asset sale may be a Change of Control;
        // evaluated on a copy, kept only if the anti-dilution formula
        // accepts too.
        let mut tracker = self.control.clone();
        let (control_out, coc) = match &self.terms.change_of_control {
            Some(terms) => tracker.on_action(action, terms, view),
            None => (Outcome::none(), None),
        };
        let ctx = self.adjustment_context(view)?;
        let adj = adjustment::on_action_for(
            &mut self.chain,
            &self.terms.anti_dilution,
            action,
            &ctx,
            view,
        )?;
        out.merge(adj);
        out.merge(control_out);
        self.control = tracker;
        if let Some(c) = coc {
            self.open_control_window(c, &mut out);
        }
        if matches!(action, CorporateAction::Dissolution { .. }) {
            self.dissolved_on = Some(view.date());
        }
        Ok(out)
    }

    fn next_scheduled(&self, after: Date) -> Option<Date> {
        // No accretion, payment or redemption after a dissolution.
        if self.dissolved_on.is_some_and(|d| d <= after) {
            return None;
        }
        let mut candidates: Vec<Date> = Vec::new();
        if self.closing_date > after {
            candidates.push(self.closing_date);
        }
        if let Some(pd) = self.next_payment_date_after(after) {
            candidates.push(pd);
        }
        candidates.extend(self.record_dates_after(after));
        candidates.extend(
            self.calls
                .iter()
                .filter(|c| c.status == CallStatus::Pending && c.redemption_date > after)
                .map(|c| c.redemption_date),
        );
        candidates.into_iter().min()
    }

    fn run_scheduled(&mut self, date: Date, view: &dyn BookView) -> Outcome {
        let mut out = Outcome::none();
        if self.dissolved_on.is_some() {
            return out;
        }
        if date == self.closing_date && self.closing_shares.is_none() {
            self.closing_shares = Some(view.outstanding(&self.security));
        }
        if self
            .record_dates_after(date.yesterday().unwrap_or(date))
            .contains(&date)
        {
            // Shares surrendered for redemption and unpaid take no dividend.
            self.record_snapshots
                .insert(date, self.holders_with_rights(view));
        }
        if self.next_payment_date_after(date.yesterday().unwrap_or(date)) == Some(date) {
            self.run_payment_date(date, view, &mut out);
        }
        let due: Vec<usize> = self
            .calls
            .iter()
            .enumerate()
            .filter(|(_, c)| c.status == CallStatus::Pending && c.redemption_date == date)
            .map(|(i, _)| i)
            .collect();
        for i in due {
            out.merge(self.execute_call(i, view));
        }
        out
    }

    fn common_issuable(&self, view: &dyn BookView) -> Shares {
        Shares::new(
            self.common_issuable_exact(view)
                .round_dp(0, Rounding::TowardZero)
                .unwrap_or_default(),
        )
    }

    /// The common `holder`'s shares convert into on `view.date()`: shares ×
    /// Conversion Ratio, in whole shares (fraction dropped: only whole
    /// shares are issued). Zero for a holder of none.
    fn common_issuable_to(&self, holder: &HolderId, view: &dyn BookView) -> Shares {
        let held = view.position(holder, &self.security);
        if held.is_zero() || held.is_negative() {
            return Shares::ZERO;
        }
        // Surrendered and unpaid shares are no longer convertible.
        let held = held
            .checked_sub(self.rights_ceased(holder, held))
            .unwrap_or(Shares::ZERO);
        let Ok(ratio) = self.conversion_ratio_value(view.date()) else {
            return Shares::ZERO;
        };
        held.exact()
            .mul_trunc(&ratio)
            .round_dp(0, Rounding::TowardZero)
            .map(Shares::new)
            .unwrap_or(Shares::ZERO)
    }

    /// The series is out of the money when the Conversion Price exceeds the
    /// market price: a
    /// holder would then rather keep the Liquidation Preference than
    /// convert, so no common is counted (docs/interpretations.md, the
    /// preferred's "out of the money"). At or above the Conversion Price every share
    /// counts.
    fn common_issuable_in_the_money(&self, view: &dyn BookView, market_price: &Exact) -> Shares {
        match self.conversion_terms(view.date()) {
            Ok(ct) if ct.price > *market_price => Shares::ZERO,
            Ok(_) => self.common_issuable(view),
            Err(_) => Shares::ZERO,
        }
    }

    /// The Liquidation Preference (with the Accreted Value and accrued
    /// dividends behind it), the Conversion Ratio and the Conversion Price
    /// on the view's date, each with its computation.
    fn figures(&self, view: &dyn BookView) -> Vec<units::Computed> {
        match self.conversion_terms(view.date()) {
            Ok(t) => vec![t.lp.computed(), t.ratio_computed, t.price_computed],
            Err(r) => vec![units::Computed::new(
                "Liquidation Preference",
                "unavailable",
                r.message.clone(),
            )
            .cite(r.clause.clone())],
        }
    }

    fn status(&self, view: &dyn BookView) -> serde_json::Value {
        crate::votes::status_json(self, view)
    }

    fn status_text(&self, view: &dyn BookView) -> String {
        crate::votes::status_text(self, view)
    }
}

/// The previous business day in the book's sense (`option business-days`,
/// banking days by default), for the fractions clause's "business day
/// immediately preceding".
pub(crate) fn previous_business_day(view: &dyn BookView, d: Date) -> Date {
    let mut cur = d;
    // Banking and exchange holidays never run past a few days; the bound
    // keeps a view that reports no business day at all from looping.
    for _ in 0..31 {
        match cur.yesterday() {
            Ok(p) => cur = p,
            Err(_) => return cur,
        }
        if view.is_business_day(cur) {
            return cur;
        }
    }
    cur
}
