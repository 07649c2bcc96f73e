//! The Corporation's right to cause every share to convert.
//!
//! If (a) the average Market Price of the common over the term file's
//! number of consecutive trading days is at or above its multiple of the
//! Conversion Price, or (b) fewer than its fraction of the shares issued on
//! the Closing Date are outstanding, the Corporation may convert every share
//! "into a number of shares of Common Stock equal to the Conversion Ratio";
//! under (a) before the make-whole anniversary the Accreted Value includes
//! the dividends that would have accrued to it. The conversion is effected
//! on the date the notice is sent: the directive's date. Test (a) uses the
//! trading days ending on that date.

use crate::resolve::ForcedTest;
use crate::state::{CallStatus, Preferred};
use crate::terms::ForcedConversionTerms;
use terms::{BookView, Effect, Outcome, Rejection};
use units::{Computed, Exact, Shares};

impl Preferred {
    /// The forced-conversion terms, or the refusal when the term file has
    /// none.
    fn forced_terms(&self) -> Result<&ForcedConversionTerms, Rejection> {
        self.terms.forced().ok_or_else(|| {
            Rejection::new(
                "R0230",
                self.terms.cite("conversion.right"),
                format!(
                    "the terms of {} give the Corporation no right to force conversion (no [forced_conversion] table)",
                    self.security
                ),
            )
        })
    }

    /// Test (a): Ok(computation) if met, Err(reason) if not or unknowable.
    pub fn test_a(&self, view: &dyn BookView) -> Result<Computed, Rejection> {
        let date = view.date();
        let f = self.forced_terms()?;
        let ct = self.conversion_terms(date)?;
        let t = &self.terms;
        let threshold = ct.price.mul(&f.price_multiple.exact());
        let (avg, avg_c) = view
            .average_ending_on(&view.common(), date, f.trading_days)
            .map_err(|gap| {
                Rejection::new(
                    "R0231",
                    t.cite("conversion.forced"),
                    format!(
                        "{} cannot be tested: {gap}",
                        t.sect("conversion.forced.price")
                    ),
                )
                .with_help(format!(
                    "add prices, or record the Board's good-faith fair value ({})",
                    t.cite("market-price.fair-value")
                ))
            })?;
        let c = Computed::new(
            format!("{} test", t.sect("conversion.forced.price")),
            if avg >= threshold { "met" } else { "not met" },
            "average Market Price over the consecutive trading days ending on the notice date ≥ multiple × Conversion Price",
        )
        .input_exact("average Market Price", &avg)
        .input("multiple", f.price_multiple)
        .input_exact("Conversion Price", &ct.price)
        .input_exact("threshold", &threshold)
        .cite(t.cite("conversion.forced"))
        .step(avg_c)
        .step(ct.price_computed);
        if avg >= threshold {
            Ok(c)
        } else {
            Err(Rejection::new(
                "R0230",
                t.cite("conversion.forced"),
                format!(
                    "{} is not met: the {}-trading-day average {} is below {} ({} × the Conversion Price {})",
                    t.sect("conversion.forced.price"),
                    f.trading_days,
                    avg.display(),
                    threshold.display(),
                    f.price_multiple,
                    ct.price.display()
                ),
            ))
        }
    }

    /// Test (b).
    pub fn test_b(&self, view: &dyn BookView) -> Result<Computed, Rejection> {
        let f = self.forced_terms()?;
        let t = &self.terms;
        let Some(closing) = self.closing_shares else {
            return Err(Rejection::new(
                "R0232",
                t.cite("conversion.forced"),
                "the number of shares issued on the Closing Date is not known",
            )
            .with_help("add `closing-shares:` to the instrument declaration"));
        };
        let outstanding = view.outstanding(&self.security);
        let limit = closing.exact().mul(&f.min_outstanding_fraction.exact());
        let met = outstanding.exact() < limit;
        let c = Computed::new(
            format!("{} test", t.sect("conversion.forced.outstanding")),
            if met { "met" } else { "not met" },
            "shares outstanding < fraction × shares issued on the Closing Date",
        )
        .input("outstanding", outstanding)
        .input("issued on the Closing Date", closing)
        .input_exact("limit", &limit)
        .cite(t.cite("conversion.forced"));
        if met {
            Ok(c)
        } else {
            Err(Rejection::new(
                "R0230",
                t.cite("conversion.forced"),
                format!(
                    "{} is not met: {outstanding} shares are outstanding, not fewer than {} ({} of the {closing} issued on the Closing Date)",
                    t.sect("conversion.forced.outstanding"),
                    limit.display(),
                    f.min_outstanding_fraction
                ),
            ))
        }
    }

    /// `force-convert`: checks test (a) or (b) and converts every share.
    pub fn force_convert(
        &mut self,
        test: Option<ForcedTest>,
        view: &dyn BookView,
    ) -> Result<Outcome, Rejection> {
        let date = view.date();
        let (used, test_c) = match test {
            Some(ForcedTest::A) => (ForcedTest::A, self.test_a(view)?),
            Some(ForcedTest::B) => (ForcedTest::B, self.test_b(view)?),
            None => match self.test_a(view) {
                Ok(c) => (ForcedTest::A, c),
                Err(ea) => match self.test_b(view) {
                    Ok(c) => (ForcedTest::B, c),
                    Err(eb) => {
                        return Err(Rejection::new(
                            "R0230",
                            self.terms.cite("conversion.forced"),
                            format!(
                                "neither {} test is met: {}; {}",
                                self.terms.sect("conversion.forced"),
                                ea.message,
                                eb.message
                            ),
                        ))
                    }
                },
            },
        };
        let acc = self.accrual();
        let lp = if used == ForcedTest::A {
            acc.liquidation_preference_with_make_whole(date)?
        } else {
            acc.liquidation_preference(date)?
        };
        let ct = self.conversion_terms_from(lp)?;
        let common = view.common();
        let mut out = Outcome::none().computed(test_c);
        out.computations.push(ct.ratio_computed.clone());
        // Shares surrendered for redemption on a change of control and
        // unpaid are owed the redemption price, not converted.
        for (holder, shares) in self.holders_with_rights(view) {
            if shares.is_zero() {
                continue;
            }
            let entitlement: Exact = shares.exact().mul(&ct.ratio);
            // The common, or the reference property after a reorganization,
            // with the fractions as the term file treats them.
            let delivery = self.deliver(&entitlement, date, view)?;
            let whole = delivery
                .units
                .get(common.as_str())
                .copied()
                .unwrap_or(Shares::ZERO);
            let cash = delivery.cash;
            let steps = delivery.steps;
            out.effects.push(Effect::Cancel {
                security: self.security.clone(),
                holder: holder.clone(),
                shares,
                to_treasury: false,
                reason: format!("{} forced conversion", self.terms.cite("conversion.forced")),
            });
            for (security, n) in &delivery.units {
                if n.is_zero() {
                    continue;
                }
                out.effects.push(Effect::Issue {
                    security: terms::SecurityId::new(security.clone()),
                    holder: holder.clone(),
                    shares: *n,
                    from_treasury: false,
                    reason: format!(
                        "{} forced conversion of {shares} shares",
                        self.terms.cite("conversion.forced")
                    ),
                });
            }
            if !cash.is_zero() {
                out.effects.push(Effect::Cash {
                    holder: holder.clone(),
                    amount: cash,
                    reason: format!(
                        "{} cash in lieu of a fractional share (and any cash part of the reference property, {})",
                        self.terms.cite("conversion.fractions"),
                        self.terms.sect("anti-dilution.merger")
                    ),
                });
            }
            let mut c = Computed::of_exact(
                format!("common shares on forced conversion ({holder})"),
                &entitlement,
                "shares × Conversion Ratio",
            )
            .input("shares", shares)
            .input("whole shares", whole)
            .cite(self.terms.cite("conversion.forced"))
            .cite(self.terms.cite("conversion.effective-time"));
            for s in steps {
                c = c.step(s);
            }
            out.computations.push(c);
        }
        // Nothing is left to redeem.
        for call in self.calls.iter_mut() {
            if call.status == CallStatus::Pending {
                call.status = CallStatus::Executed;
                call.selected.clear();
            }
        }
        Ok(out)
    }
}
