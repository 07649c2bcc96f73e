//! CoD §1, §4.1, §6.4: the issuance of the series.
//!
//! "Two hundred thousand (200,000) shares ... shall constitute a series"
//! (§1), all sold at the Closing under the Purchase Agreement; dividends
//! accrue on each share "from the date of issuance" (§4.1), and every figure
//! of the Certificate is anchored on the Closing Date (the initial Dividend
//! Period, the third-anniversary proviso and make-whole, the fifth and tenth
//! anniversaries, "the number of shares ... issued on the Closing Date" of
//! §8.2(b)). Shares reacquired "in any manner" become undesignated preferred
//! (§6.4), so they cannot be reissued as shares of the series. The series is
//! therefore one cohort: shares are issued on the Closing Date only, never
//! beyond the designated number counted cumulatively, and one Accreted Value
//! serves every share (docs/interpretations.md "One cohort: issuance at the
//! Closing only").

use crate::state::{arith, cod, Preferred};
use terms::{BookView, Effect, HolderId, Outcome, Rejection};
use units::{Computed, Price, Shares};

/// Rejection codes of the issuance (R0206–R0208).
pub mod codes {
    /// Shares of the series issued on a date other than the Closing Date.
    pub const NOT_AT_CLOSING: &str = "R0206";
    /// More shares than the §1 designation (counted cumulatively: shares
    /// reacquired become undesignated, §6.4).
    pub const BEYOND_DESIGNATION: &str = "R0207";
    /// An undeclared holder, or a zero or negative number of shares.
    pub const BAD_ISSUE: &str = "R0208";
}

impl Preferred {
    /// `issue <instrument> <holder> <shares>`: shares of the series issued to
    /// `holder` on `view.date()`, which must be the Closing Date (§4.1 "from
    /// the date of issuance"; see the module note), within the designated
    /// number (§1, §6.4). Validates, then records.
    pub fn issue(
        &mut self,
        holder: &HolderId,
        shares: Shares,
        price: Option<Price>,
        view: &dyn BookView,
    ) -> Result<Outcome, Rejection> {
        let date = view.date();
        if !view.holder_exists(holder) {
            return Err(Rejection::new(
                codes::BAD_ISSUE,
                cod("1"),
                format!("`{holder}` is not a declared holder"),
            )
            .with_help("declare the holder, or check the spelling of its id"));
        }
        if shares.is_zero() || shares.is_negative() {
            return Err(Rejection::new(
                codes::BAD_ISSUE,
                cod("1"),
                format!("an issuance must be of a positive number of shares, not {shares}"),
            ));
        }
        if date != self.closing_date {
            return Err(Rejection::new(
                codes::NOT_AT_CLOSING,
                cod("4.1"),
                format!(
                    "shares of {} are issued at the Closing ({}) only, not on {date}: dividends accrue \"from the date of issuance\" (§4.1) and every figure of the Certificate (the initial Dividend Period, the third-anniversary proviso and make-whole, §8.2(b)'s \"shares ... issued on the Closing Date\") runs from the Closing Date, so a later issuance would need an Accreted Value of its own, which the Certificate does not provide",
                    self.security, self.closing_date
                ),
            )
            .with_help(format!(
                "record the issuance on the Closing Date {}; shares reacquired become undesignated preferred (§6.4) and are not reissued as {}",
                self.closing_date, self.security
            )));
        }
        let after = self
            .issued_total
            .checked_add(shares)
            .map_err(|e| arith("1", e))?;
        let designated = self.terms.designated_shares;
        if after > designated {
            return Err(Rejection::new(
                codes::BEYOND_DESIGNATION,
                cod("1"),
                format!(
                    "{} shares of {} are designated (§1) and {} have been issued: {shares} more would make {after}",
                    designated, self.security, self.issued_total
                ),
            )
            .with_help("shares converted, redeemed or otherwise reacquired become authorized and unissued preferred undesignated as to series (§6.4): they do not free room in the designation"));
        }
        let c = Computed::new(
            format!("issuance of {} to {holder}", self.security),
            shares,
            "shares issued at the Closing; cumulative issuance within the designation",
        )
        .input("date of issuance (the Closing Date)", date)
        .input(
            "price per share",
            price
                .map(|p| p.to_string())
                .unwrap_or_else(|| "not stated".into()),
        )
        .input("initial Accreted Value", self.terms.issue_price())
        .input("issued before", self.issued_total)
        .input("issued after", after)
        .input("designated (§1)", designated)
        .cite(cod("1"))
        .cite(cod("4.1"));
        self.issued_total = after;
        Ok(Outcome::none().computed(c).effect(Effect::Issue {
            security: self.security.clone(),
            holder: holder.clone(),
            shares,
            from_treasury: false,
            reason: format!("CoD §1: issuance of {} at the Closing", self.security),
        }))
    }
}
