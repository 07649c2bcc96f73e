//! Cash dividends of a series that does not accrete: non-cumulative
//! (declared, not accruing) and cumulative (accruing day by day from each
//! share's issue date, whether or not declared).
//!
//! What they add to the liquidation preference (`preference_adds`) is read
//! here: the declared and unpaid dividends per share, or the accrued and
//! unpaid dividends of every lot outstanding. A cumulative accrual never
//! moves the conversion ratio: only the liquidation preference reads it.

use crate::liquidation_terms::{arith_at, DividendKind};
use crate::state::Preferred;
use calendar::Date;
use serde::Serialize;
use terms::{BookView, Rejection};
use units::{Computed, Exact};

/// A cash dividend declared on the series.
#[derive(Clone, Debug, Serialize)]
pub struct Declared {
    pub declared_on: Date,
    pub payment_date: Date,
    /// Per share of the series.
    pub per_share: Exact,
}

impl Preferred {
    /// Dividends declared and not yet paid on `date`, per share.
    pub fn declared_unpaid_per_share(&self, date: Date) -> Exact {
        self.cash_dividends
            .iter()
            .filter(|d| d.declared_on <= date && d.payment_date > date)
            .fold(Exact::zero(), |a, d| a.add(&d.per_share))
    }

    /// Dividends declared and paid by `date`, per share.
    pub fn paid_per_share(&self, date: Date) -> Exact {
        self.cash_dividends
            .iter()
            .filter(|d| d.payment_date <= date)
            .fold(Exact::zero(), |a, d| a.add(&d.per_share))
    }

    /// The cumulative dividend accrued on one lot of `shares` issued on
    /// `issued` to `date`: shares × original issue price × rate × days /
    /// days of the year (simple, by the term's day count).
    pub fn accrual_on_lot(
        &self,
        issued: Date,
        shares: &Exact,
        date: Date,
    ) -> Result<(Exact, Computed), Rejection> {
        let d = &self.terms.dividends;
        let clause = self.cite("dividends.cumulative");
        let (Some(rate), Some(day_count)) = (d.rate, d.day_count) else {
            return Ok((
                Exact::zero(),
                Computed::new("accrued dividends", "0", "no cumulative dividend"),
            ));
        };
        let (days, year) = day_count.fraction(issued, date);
        let oip = self.terms.issue_price().exact();
        let amount = shares
            .mul(&oip)
            .mul(&rate.exact())
            .mul(&Exact::from_int(days))
            .div(&Exact::from_int(year))
            .map_err(|e| arith_at(clause.clone(), e))?;
        let c = Computed::of_exact(
            format!("dividends accrued on the lot issued {issued}"),
            &amount,
            format!(
                "shares × original issue price × rate × days / {year} ({})",
                day_count.name()
            ),
        )
        .input_exact("shares", shares)
        .input("original issue price", self.terms.issue_price())
        .input("rate", rate)
        .input("days", days)
        .cite(clause);
        Ok((amount, c))
    }

    /// Cumulative dividends accrued and unpaid on every share outstanding on
    /// `date`: each holder's lots accrue from their own issue dates; the
    /// dividends paid per share are deducted for every share outstanding.
    pub fn accrued_unpaid_total(
        &self,
        date: Date,
        view: &dyn BookView,
    ) -> Result<Exact, Rejection> {
        if self.terms.dividends.kind != DividendKind::Cumulative {
            return Ok(Exact::zero());
        }
        let mut total = Exact::zero();
        let mut shares_total = Exact::zero();
        for (holder, _) in view.holders_of(&self.security) {
            for (issued, shares) in view.lots(&holder, &self.security) {
                let s = shares.exact();
                shares_total = shares_total.add(&s);
                total = total.add(&self.accrual_on_lot(issued, &s, date)?.0);
            }
        }
        let paid = self.paid_per_share(date).mul(&shares_total);
        Ok(total.sub(&paid).max(Exact::zero()))
    }
}
