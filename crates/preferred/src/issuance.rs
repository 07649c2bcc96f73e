//! The issuance of the series: one closing, or several.
//!
//! With `closings = "one"` the series is one cohort: every figure of a
//! preferred whose dividends accrete into one Accreted Value is anchored on
//! the Closing Date (the initial Dividend Period, the make-whole, the
//! redemption anniversaries, the shares "issued on the Closing Date" of the
//! forced-conversion test), so shares are issued on the Closing Date only
//! (docs/interpretations.md "One cohort: issuance at the Closing only").
//! With `closings = "several"` (a series whose ratio is its original issue
//! price over a Conversion Price) shares may be issued at any number of
//! closings, each lot keeping its own issue date in the ledger. Either way
//! never beyond the designated number counted cumulatively: shares
//! reacquired "in any manner" become undesignated preferred, so they cannot
//! be reissued as shares of the series.
use crate::state::{arith_at, Preferred};
use crate::terms::Closings;
use actions::{Consideration, CorporateAction, Purpose, RightsIssue};
use terms::{BookView, Effect, HolderId, Outcome, Rejection};
use units::{Computed, Money, Price, Rounding, Shares};

/// Rejection codes of the issuance (R0206–R0208).
pub mod codes {
    /// Shares of a one-closing series issued on a date other than the
    /// Closing Date.
    pub const NOT_AT_CLOSING: &str = "R0206";
    /// More shares than the designation (counted cumulatively: shares
    /// reacquired become undesignated).
    pub const BEYOND_DESIGNATION: &str = "R0207";
    /// An undeclared holder, or a zero or negative number of shares.
    pub const BAD_ISSUE: &str = "R0208";
}

impl Preferred {
    /// `issue <instrument> <holder> <shares>`: shares of the series issued to
    /// `holder` on `view.date()` (the Closing Date, for a one-closing
    /// series; see the module note), within the designated number.
    /// Validates, then records.
    pub fn issue(
        &mut self,
        holder: &HolderId,
        shares: Shares,
        price: Option<Price>,
        view: &dyn BookView,
    ) -> Result<Outcome, Rejection> {
        let date = view.date();
        let t = &self.terms;
        if !view.holder_exists(holder) {
            return Err(Rejection::new(
                codes::BAD_ISSUE,
                t.cite("designation"),
                format!("`{holder}` is not a declared holder"),
            )
            .with_help("declare the holder, or check the spelling of its id"));
        }
        if shares.is_zero() || shares.is_negative() {
            return Err(Rejection::new(
                codes::BAD_ISSUE,
                t.cite("designation"),
                format!("an issuance must be of a positive number of shares, not {shares}"),
            ));
        }
        if t.closings == Closings::One && date != self.closing_date {
            let anniversary = t
                .make_whole_anniversary
                .map(crate::liquidation_terms::ordinal)
                .unwrap_or_else(|| "make-whole".to_string());
            return Err(Rejection::new(
                codes::NOT_AT_CLOSING,
                t.cite("issuance.date-of-issue"),
                format!(
                    "shares of {} are issued at the Closing ({}) only, not on {date}: dividends accrue \"from the date of issuance\" ({}) and every figure of the Certificate (the initial Dividend Period, the {anniversary}-anniversary proviso and make-whole, {}'s \"shares ... issued on the Closing Date\") runs from the Closing Date, so a later issuance would need an Accreted Value of its own, which the Certificate does not provide",
                    self.security,
                    self.closing_date,
                    t.sect("issuance.date-of-issue"),
                    t.sect("conversion.forced.outstanding"),
                ),
            )
            .with_help(format!(
                "record the issuance on the Closing Date {}; shares reacquired become undesignated preferred ({}) and are not reissued as {}",
                self.closing_date,
                t.sect("issuance.reacquired"),
                self.security
            )));
        }
        let after = self
            .issued_total
            .checked_add(shares)
            .map_err(|e| arith_at(t, "designation", e))?;
        let designated = self.terms.designated_shares;
        if after > designated {
            return Err(Rejection::new(
                codes::BEYOND_DESIGNATION,
                t.cite("designation"),
                format!(
                    "{} shares of {} are designated ({}) and {} have been issued: {shares} more would make {after}",
                    designated,
                    self.security,
                    t.sect("designation"),
                    self.issued_total
                ),
            )
            .with_help(format!(
                "shares converted, redeemed or otherwise reacquired become authorized and unissued preferred undesignated as to series ({}): they do not free room in the designation",
                t.sect("issuance.reacquired")
            )));
        }
        let (words, date_label) = match t.closings {
            Closings::One => (
                "shares issued at the Closing; cumulative issuance within the designation",
                "date of issuance (the Closing Date)",
            ),
            Closings::Several => (
                "shares issued at a closing; cumulative issuance within the designation",
                "date of issuance (this lot's)",
            ),
        };
        let c = Computed::new(
            format!("issuance of {} to {holder}", self.security),
            shares,
            words,
        )
        .input(date_label, date)
        .input(
            "price per share",
            price
                .map(|p| p.to_string())
                .unwrap_or_else(|| "not stated".into()),
        )
        .input("initial Accreted Value", self.terms.issue_price())
        .input("issued before", self.issued_total)
        .input("issued after", after)
        .input(
            format!("designated ({})", t.sect("designation")),
            designated,
        )
        .cite(t.cite("designation"))
        .cite(t.cite("issuance.date-of-issue"));
        let reason = match t.closings {
            Closings::One => format!(
                "{}: issuance of {} at the Closing",
                t.cite("designation"),
                self.security
            ),
            Closings::Several => format!(
                "{}: issuance of {} at a closing",
                t.cite("designation"),
                self.security
            ),
        };
        self.issued_total = after;
        Ok(Outcome::none().computed(c).effect(Effect::Issue {
            security: self.security.clone(),
            holder: holder.clone(),
            shares,
            from_treasury: false,
            reason,
        }))
    }

    /// The issue of shares of the series as every other instrument hears
    /// it: a deemed issue of the most common the shares convert into at
    /// issue (shares × the Conversion Ratio on the date, whole shares), for
    /// the price paid and nothing more on conversion. An issue without a
    /// `price:` is offered to no one (its consideration is not known).
    pub fn issue_as_rights(
        &self,
        shares: Shares,
        price: Option<Price>,
        view: &dyn BookView,
    ) -> Option<CorporateAction> {
        let price = price?;
        if shares.is_zero() || shares.is_negative() {
            return None;
        }
        let ratio = self.conversion_ratio_value(view.date()).ok()?;
        let max = shares
            .exact()
            .mul(&ratio)
            .round_dp(0, Rounding::TowardZero)
            .ok()
            .map(Shares::new)?;
        let paid = price
            .exact()
            .mul(&shares.exact())
            .to_decimal_exact()
            .ok()
            .map(Money::new)?;
        Some(CorporateAction::IssueRights {
            rights: RightsIssue {
                security: self.security.clone(),
                max_shares: max,
                consideration: Consideration {
                    cash_gross: paid,
                    underwriting: Money::ZERO,
                    non_cash_fair_value: Money::ZERO,
                },
                exercise_price: Price::ZERO,
                expiry: None,
            },
            purpose: Purpose::Financing,
        })
    }
}
