//! Dividend Periods, the Accreted Value and the Liquidation Preference on
//! any date, for a series whose dividends accrete (`dividends.kind =
//! "pik-accretion"`).
//!
//! Everything here is a pure function of the terms, the Closing Date and the
//! set of Dividend Periods paid in cash, so the Accreted Value on any date can
//! be recomputed from the journal alone and explained period by period. The
//! arithmetic is exact ([`Exact`]); the Accreted Value is never rounded unless
//! the term file says `accreted_value_rounding = "cent"`. A series whose
//! dividends do not accrete has no Dividend Periods: its Accreted Value is its
//! issue price throughout.

use crate::liquidation_terms::{ordinal, SECTION_SIGN};
use crate::terms::{AccretedValueRounding, MakeWholeMethod, PartialPeriodAccrual, Terms};
use calendar::{anniversary, days_between, Calendar, Date};
use serde::Serialize;
use std::collections::BTreeSet;
use std::sync::Arc;
use terms::Rejection;
use units::{Clause, Computed, Exact, Rounding};

/// At most this many Dividend Periods are computed (250 years of quarters):
/// a bound on work for any date a journal can name.
pub const MAX_PERIODS: usize = 1000;

/// How a Dividend Period's dividend was satisfied.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Form {
    /// Added to the Accreted Value on the Dividend Payment Date.
    Accreted,
    /// Declared and paid in cash on or before the Dividend Payment Date.
    Cash,
}

/// The clauses a Dividend Period cites, shared by every row of a schedule.
#[derive(Clone, Debug, Serialize)]
pub struct PeriodClauses {
    /// The payment dates and periods.
    pub payment: Clause,
    /// The accretion.
    pub accretion: Clause,
    /// The accretion's limb for a dividend added ("(b)" of the accretion
    /// clause when the term file maps `dividends.accretion.added`).
    pub added: Clause,
    /// The limb for a dividend paid in cash.
    pub cash: Clause,
}

/// One Dividend Period of the accretion schedule.
#[derive(Clone, Debug, Serialize)]
pub struct PeriodRow {
    /// 0 for the initial Dividend Period.
    pub index: usize,
    /// The date of issuance (initial period) or the previous period's end.
    pub start: Date,
    /// The payment date of the year the period ends on.
    pub end: Date,
    /// The Dividend Payment Date: `end`, rolled to the next business day.
    pub payment_date: Date,
    /// Actual days in the period: (start, end], so 2000-04-10→2000-06-30 is 81.
    pub days: i32,
    /// Whether the full-period Applicable Percentage applies (not the initial
    /// period).
    pub full: bool,
    /// The Applicable Percentage as a fraction.
    pub applicable_percentage: Exact,
    /// The Accreted Value as of the immediately preceding Dividend Payment
    /// Date, on which the dividend is computed.
    pub base: Exact,
    /// The dividend per share: Applicable Percentage × base (rounded to the
    /// cent when `accreted_value_rounding = "cent"`).
    pub dividend: Exact,
    /// The Accreted Value after the period's Dividend Payment Date.
    pub av_after: Exact,
    pub form: Form,
    /// Whether the Dividend Payment Date precedes the anniversary
    /// `mandatory_accretion_years`, so the dividend must accrete.
    pub mandatory_accretion: bool,
    /// The clauses the row cites.
    #[serde(skip)]
    pub clauses: Arc<PeriodClauses>,
    /// The days of the year of a part period.
    #[serde(skip)]
    pub day_count_basis: i32,
}

impl PeriodRow {
    /// The period as a [`Computed`].
    pub fn computed(&self) -> Computed {
        let formula = if self.full {
            "Accreted Value after = base + Applicable Percentage (full period) × base".to_string()
        } else {
            format!(
                "Accreted Value after = base + (rate × actual days / {}) × base (initial period)",
                self.day_count_basis
            )
        };
        let form = match self.form {
            Form::Accreted => format!("accreted ({SECTION_SIGN}{})", self.clauses.added.section),
            Form::Cash => format!(
                "paid in cash ({SECTION_SIGN}{}); Accreted Value unchanged",
                self.clauses.cash.section
            ),
        };
        Computed::of_exact(
            format!("Dividend Period {} \u{2192} {}", self.start, self.end),
            &self.av_after,
            formula,
        )
        .input("Dividend Payment Date", self.payment_date)
        .input("days", self.days)
        .input(
            "Applicable Percentage",
            format!(
                "{} ({})",
                self.applicable_percentage.display(),
                self.applicable_percentage.fraction_string()
            ),
        )
        .input_exact("base Accreted Value", &self.base)
        .input_exact("dividend per share", &self.dividend)
        .input("form", form)
        .cite(self.clauses.payment.clone())
        .cite(self.clauses.accretion.clone())
    }
}

/// The breakdown of a Liquidation Preference.
#[derive(Clone, Debug)]
pub struct LiquidationPreference {
    pub date: Date,
    /// The Accreted Value in effect on `date`.
    pub accreted_value: Exact,
    /// Dividends of completed Dividend Periods whose (rolled) Dividend
    /// Payment Date is after `date`: earned, not yet added or paid.
    pub completed_unpaid: Exact,
    /// Dividends accrued in the current, incomplete period.
    pub accrued: Exact,
    /// Days of the current period elapsed by `date`.
    pub accrued_days: i32,
    /// Dividends that would accrue to the make-whole anniversary, if a
    /// make-whole was asked for and `date` precedes it.
    pub make_whole: Exact,
    pub total: Exact,
    /// The make-whole anniversary (for the label).
    pub make_whole_anniversary: Option<i16>,
    /// The definition, the accretion and the make-whole's clauses.
    pub clauses: [Clause; 3],
}

impl LiquidationPreference {
    pub fn computed(&self) -> Computed {
        let [definition, accretion, make_whole] = &self.clauses;
        let mut c = Computed::of_exact(
            "Liquidation Preference",
            &self.total,
            "Accreted Value + dividends of completed periods awaiting their Dividend Payment Date + dividends accrued since the end of the previous Dividend Period",
        )
        .input("date", self.date)
        .input_exact("Accreted Value", &self.accreted_value)
        .input_exact("completed periods not yet added or paid", &self.completed_unpaid)
        .input(
            "accrued in the current period",
            format!("{} ({} days)", self.accrued.display(), self.accrued_days),
        )
        .cite(definition.clone())
        .cite(accretion.clone());
        if !self.make_whole.is_zero() {
            c = c
                .input_exact(
                    format!(
                        "dividends that would accrue to the {} anniversary",
                        ordinal(self.make_whole_anniversary.unwrap_or(0))
                    ),
                    &self.make_whole,
                )
                .cite(make_whole.clone());
        }
        c
    }
}

fn arith(terms: &Terms, e: units::UnitsError) -> Rejection {
    Rejection::new(
        "R0249",
        terms.cite("dividends.accretion"),
        format!("arithmetic: {e}"),
    )
}

/// The accrual calculator: terms + Closing Date + periods paid in cash.
#[derive(Clone, Copy)]
pub struct Accrual<'a> {
    pub terms: &'a Terms,
    /// The Closing Date, also the date of issuance of the series.
    pub closing_date: Date,
    /// Ends of the Dividend Periods whose dividend was declared in cash.
    pub cash_periods: &'a BTreeSet<Date>,
    /// Periods already computed for these terms, Closing Date and cash
    /// periods (see [`ScheduleCache`]); `None` computes from the Closing.
    pub cache: Option<&'a ScheduleCache>,
}

/// The Dividend Periods computed so far, kept with the series so that the
/// Liquidation Preference on a date costs the periods since the last one
/// computed, not every period since the Closing (replay asks for it on every
/// Dividend Payment Date and every fully diluted count: rebuilding the whole
/// schedule each time made replay time grow with the cube of the calendar
/// distance). The rows are a pure function of the terms, the Closing Date
/// and the cash periods; the cash periods they were computed under are kept
/// beside them and a change of them starts the schedule again.
#[derive(Default)]
pub struct ScheduleCache(std::sync::Mutex<CachedRows>);

#[derive(Clone, Default)]
pub struct CachedRows {
    cash: BTreeSet<Date>,
    rows: Vec<PeriodRow>,
    /// The next period's start and base, to extend the schedule from.
    next: Option<(Date, Exact)>,
    /// The last Conversion Ratio computed, with its key (date, number of
    /// §8.10 steps, number of cash periods).
    ratio: Option<((Date, usize, usize), Exact)>,
}

impl ScheduleCache {
    /// The Conversion Ratio kept for `key`, if it is the last one computed.
    pub fn last_ratio(&self, key: (Date, usize, usize)) -> Option<Exact> {
        let g = self.0.lock().ok()?;
        match &g.ratio {
            Some((k, r)) if *k == key => Some(r.clone()),
            _ => None,
        }
    }

    /// Keeps `ratio` as the last Conversion Ratio computed, for `key`.
    pub fn keep_ratio(&self, key: (Date, usize, usize), ratio: Exact) {
        if let Ok(mut g) = self.0.lock() {
            g.ratio = Some((key, ratio));
        }
    }
}

impl Clone for ScheduleCache {
    fn clone(&self) -> Self {
        let inner = self.0.lock().map(|g| g.clone()).unwrap_or_default();
        ScheduleCache(std::sync::Mutex::new(inner))
    }
}

impl std::fmt::Debug for ScheduleCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ScheduleCache")
    }
}

impl<'a> Accrual<'a> {
    /// The n-th anniversary of the Closing Date.
    pub fn anniversary(&self, years: i16) -> Date {
        anniversary(self.closing_date, years)
    }

    /// The third anniversary (§4.2 proviso, §5, §8.2).
    pub fn make_whole_date(&self) -> Date {
        match self.terms.make_whole_anniversary {
            Some(y) => self.anniversary(y),
            // No make-whole: it ends at the Closing Date.
            None => self.closing_date,
        }
    }

    /// The first date a dividend may be paid in cash instead of accreting:
    /// the anniversary `mandatory_accretion_years` of the Closing Date (the
    /// proviso of the cash option).
    pub fn cash_option_from(&self) -> Date {
        match self.terms.dividends.pik() {
            Some(p) => self.anniversary(p.mandatory_accretion_years),
            None => self.closing_date,
        }
    }

    fn period_clauses(&self) -> PeriodClauses {
        let t = self.terms;
        let accretion = t.cite("dividends.accretion");
        PeriodClauses {
            payment: t.cite("dividends.payment"),
            added: t.cite_or("dividends.accretion.added", &accretion),
            cash: t.cite_or("dividends.accretion.cash", &accretion),
            accretion,
        }
    }

    fn lp_clauses(&self) -> [Clause; 3] {
        let t = self.terms;
        [
            t.cite("liquidation.definition"),
            t.cite("dividends.accretion"),
            t.cite("liquidation.amount"),
        ]
    }

    /// The initial Accreted Value (the issue price of a series that does
    /// not accrete).
    fn initial(&self) -> Exact {
        self.terms
            .initial_accreted_value
            .unwrap_or_else(|| self.terms.issue_price())
            .exact()
    }

    /// CoD §4.1: the Dividend Payment Date for a period ending on `end`
    /// ("unless such day is not a business day ... the next succeeding
    /// business day").
    pub fn payment_date(&self, end: Date) -> Date {
        if self
            .terms
            .dividends
            .pik()
            .is_some_and(|p| p.roll_to_next_business_day)
        {
            Calendar::Business.next_open_on_or_after(end)
        } else {
            end
        }
    }

    /// The first period end strictly after `d` (and not before the first
    /// Dividend Payment Date).
    pub fn next_period_end(&self, d: Date) -> Option<Date> {
        // A series that does not accrete has no Dividend Periods.
        let pik = self.terms.dividends.pik()?;
        let first = pik.first_payment_date;
        let mut year = d.year();
        for _ in 0..3 {
            let mut ends: Vec<Date> = pik
                .payment_dates
                .iter()
                .filter_map(|md| md.in_year(year))
                .filter(|e| *e > d && *e >= first && *e > self.closing_date)
                .collect();
            ends.sort();
            if let Some(e) = ends.first() {
                return Some(*e);
            }
            year = year.checked_add(1)?;
        }
        None
    }

    /// The Record Date by default for the period ending `end` (CoD §4.1: "the
    /// preceding March 15, June 15, ...": the set day of the payment month).
    pub fn default_record_date(&self, end: Date) -> Option<Date> {
        let day = self.terms.dividends.pik()?.record_day_of_month;
        Date::new(end.year(), end.month(), day).ok()
    }

    /// Every Dividend Period ending on or before `through`, with the dividend
    /// computed and applied in order.
    pub fn schedule(&self, through: Date) -> Result<Vec<PeriodRow>, Rejection> {
        self.with_schedule(through, |rows| rows.to_vec())
    }

    /// Calls `f` with every Dividend Period ending on or before `through`,
    /// extending the cached schedule as far as needed (no copy of the rows).
    pub fn with_schedule<R>(
        &self,
        through: Date,
        f: impl FnOnce(&[PeriodRow]) -> R,
    ) -> Result<R, Rejection> {
        let Some(cache) = self.cache else {
            let mut rows = Vec::new();
            self.extend_schedule(&mut rows, self.closing_date, self.initial(), through)?;
            return Ok(f(&rows));
        };
        let mut guard = match cache.0.lock() {
            Ok(g) => g,
            Err(poisoned) => poisoned.into_inner(),
        };
        let c = &mut *guard;
        if c.cash != *self.cash_periods || c.next.is_none() {
            c.cash = self.cash_periods.clone();
            c.rows.clear();
            c.next = Some((self.closing_date, self.initial()));
        }
        let needs_more = match c.rows.last() {
            None => true,
            Some(last) => last.end < through,
        };
        if needs_more {
            if let Some((start, base)) = c.next.clone() {
                c.next = Some(self.extend_schedule(&mut c.rows, start, base, through)?);
            }
        }
        let n = c.rows.partition_point(|r| r.end <= through);
        Ok(f(&c.rows[..n]))
    }

    /// Appends the periods from `start` (with the Accreted Value `base`)
    /// ending on or before `through`; returns where the next period starts
    /// and its base.
    fn extend_schedule(
        &self,
        rows: &mut Vec<PeriodRow>,
        start: Date,
        base: Exact,
        through: Date,
    ) -> Result<(Date, Exact), Rejection> {
        let Some(t) = self.terms.dividends.pik() else {
            return Ok((start, base));
        };
        let rate = t.rate.exact();
        let basis = Exact::from_int(i64::from(t.day_count_basis));
        let mw = self.cash_option_from();
        let clauses = Arc::new(self.period_clauses());
        let mut base = base;
        let mut start = start;
        while let Some(end) = self.next_period_end(start) {
            if end > through {
                break;
            }
            if rows.len() >= MAX_PERIODS {
                return Err(Rejection::new(
                    "R0249",
                    self.terms.cite("dividends.payment"),
                    format!("more than {MAX_PERIODS} Dividend Periods to {through}"),
                ));
            }
            let index = rows.len();
            let days = days_between(start, end);
            let full = index > 0;
            let ap = if full {
                t.applicable_percentage.exact()
            } else {
                rate.mul(&Exact::from_int(i64::from(days)))
                    .div(&basis)
                    .map_err(|e| arith(self.terms, e))?
            };
            let mut dividend = ap.mul(&base);
            if self.terms.accreted_value_rounding == AccretedValueRounding::Cent {
                dividend = Exact::from_decimal(
                    dividend
                        .round_dp(2, Rounding::HalfUp)
                        .map_err(|e| arith(self.terms, e))?,
                );
            }
            let payment_date = self.payment_date(end);
            let mandatory = payment_date < mw;
            let form = if !mandatory && self.cash_periods.contains(&end) {
                Form::Cash
            } else {
                Form::Accreted
            };
            let av_after = match form {
                Form::Accreted => base.add(&dividend),
                Form::Cash => base.clone(),
            };
            rows.push(PeriodRow {
                index,
                start,
                end,
                payment_date,
                days,
                full,
                applicable_percentage: ap,
                base: base.clone(),
                dividend,
                av_after: av_after.clone(),
                form,
                mandatory_accretion: mandatory,
                clauses: clauses.clone(),
                day_count_basis: t.day_count_basis,
            });
            base = av_after;
            start = end;
        }
        Ok((start, base))
    }

    /// The Accreted Value on `date`: $1,000.00 plus every accretion whose
    /// Dividend Payment Date is on or before `date` (CoD §2, §4.2(b)).
    pub fn accreted_value(&self, date: Date) -> Result<Exact, Rejection> {
        let initial = self.initial();
        self.with_schedule(date, |rows| accreted_value_from(rows, date, initial))
    }

    /// CoD §2 "Liquidation Preference": "the Accreted Value as of such time,
    /// plus all dividends, whether or not earned or declared, accrued since
    /// the end of the previous Dividend Period". A completed period whose
    /// rolled Dividend Payment Date has not yet come is counted in full
    /// (docs/interpretations.md "Completed period awaiting its payment date").
    pub fn liquidation_preference(&self, date: Date) -> Result<LiquidationPreference, Rejection> {
        let initial = self.initial();
        if date < self.closing_date {
            return Ok(LiquidationPreference {
                date,
                accreted_value: initial.clone(),
                completed_unpaid: Exact::zero(),
                accrued: Exact::zero(),
                accrued_days: 0,
                make_whole: Exact::zero(),
                total: initial,
                make_whole_anniversary: self.terms.make_whole_anniversary,
                clauses: self.lp_clauses(),
            });
        }
        let (av, completed_unpaid, base, start, first) = self.with_schedule(date, |rows| {
            let av = accreted_value_from(rows, date, initial.clone());
            let mut completed_unpaid = Exact::zero();
            // Only the last periods can await their payment date.
            for r in rows.iter().rev().take_while(|r| r.payment_date > date) {
                completed_unpaid = completed_unpaid.add(&r.dividend);
            }
            // The base of the current period: the Accreted Value as it stands
            // (or will stand) after every completed period.
            let base = rows.last().map(|r| r.av_after.clone()).unwrap_or(initial);
            let start = rows.last().map(|r| r.end).unwrap_or(self.closing_date);
            (av, completed_unpaid, base, start, rows.is_empty())
        })?;
        let (accrued, days) = self.partial_accrual(&base, start, date, first)?;
        let total = av.add(&completed_unpaid).add(&accrued);
        Ok(LiquidationPreference {
            date,
            accreted_value: av,
            completed_unpaid,
            accrued,
            accrued_days: days,
            make_whole: Exact::zero(),
            total,
            make_whole_anniversary: self.terms.make_whole_anniversary,
            clauses: self.lp_clauses(),
        })
    }

    /// Dividends accrued on `base` from the period start `start` to `date`.
    fn partial_accrual(
        &self,
        base: &Exact,
        start: Date,
        date: Date,
        initial_period: bool,
    ) -> Result<(Exact, i32), Rejection> {
        let Some(t) = self.terms.dividends.pik() else {
            return Ok((Exact::zero(), 0));
        };
        let days = days_between(start, date).max(0);
        if days == 0 {
            return Ok((Exact::zero(), 0));
        }
        let d = Exact::from_int(i64::from(days));
        let fraction = match (t.partial_period_accrual, initial_period) {
            (PartialPeriodAccrual::ProRataFullPeriod, false) => {
                let end = self.next_period_end(start).unwrap_or(date);
                let period_days = Exact::from_int(i64::from(days_between(start, end).max(1)));
                t.applicable_percentage
                    .exact()
                    .mul(&d)
                    .div(&period_days)
                    .map_err(|e| arith(self.terms, e))?
            }
            _ => t
                .rate
                .exact()
                .mul(&d)
                .div(&Exact::from_int(i64::from(t.day_count_basis)))
                .map_err(|e| arith(self.terms, e))?,
        };
        Ok((fraction.mul(base), days))
    }

    /// The Liquidation Preference with the make-whole of CoD §5 / §6.3 /
    /// §8.2: before the third anniversary, the Accreted Value "shall be
    /// deemed to include dividends that would have accrued ... through the
    /// third anniversary of the Closing Date".
    pub fn liquidation_preference_with_make_whole(
        &self,
        date: Date,
    ) -> Result<LiquidationPreference, Rejection> {
        let mut lp = self.liquidation_preference(date)?;
        let mw_date = self.make_whole_date();
        if date >= mw_date || date < self.closing_date {
            return Ok(lp);
        }
        let extra = match self.terms.make_whole_method {
            MakeWholeMethod::ProjectedSchedule => {
                // Before the third anniversary every dividend accretes (§4.2
                // proviso), so the projection is the schedule itself.
                let at = self.liquidation_preference(mw_date)?;
                at.total.sub(&lp.total)
            }
            MakeWholeMethod::Simple => {
                let Some(t) = self.terms.dividends.pik() else {
                    return Ok(lp);
                };
                let days = Exact::from_int(i64::from(days_between(date, mw_date)));
                t.rate
                    .exact()
                    .mul(&days)
                    .mul(&lp.accreted_value)
                    .div(&Exact::from_int(i64::from(t.day_count_basis)))
                    .map_err(|e| arith(self.terms, e))?
            }
        };
        lp.make_whole = extra.clone();
        lp.total = lp.total.add(&extra);
        Ok(lp)
    }
}

/// The Accreted Value on `date` from a computed schedule.
pub fn accreted_value_from(rows: &[PeriodRow], date: Date, initial: Exact) -> Exact {
    rows.iter()
        .rev()
        .find(|r| r.payment_date <= date)
        .map(|r| r.av_after.clone())
        .unwrap_or(initial)
}
