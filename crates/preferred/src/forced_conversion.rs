//! CoD §8.2: the Corporation's right to cause every share to convert.
//!
//! "If at any time (a) the average Market Price of the Common Stock for a
//! period of 30 consecutive trading days equals or exceeds 200% of the
//! Conversion Price or (b) there are outstanding fewer than 15% of the number
//! of shares ... issued on the Closing Date", the Corporation may convert
//! every share "into a number of shares of Common Stock equal to the
//! Conversion Ratio"; under (a) before the third anniversary the Accreted
//! Value includes the dividends that would have accrued to it. The
//! conversion is effected on the date the notice is sent (§8.5): the
//! directive's date. Test (a) uses the 30 trading days ending on that date.

use crate::resolve::ForcedTest;
use crate::state::{cod, CallStatus, Preferred};
use terms::{BookView, Effect, Outcome, Rejection};
use units::{Computed, Exact, Shares};

impl Preferred {
    /// §8.2(a): Ok(computation) if met, Err(reason) if not or unknowable.
    pub fn test_a(&self, view: &dyn BookView) -> Result<Computed, Rejection> {
        let date = view.date();
        let ct = self.conversion_terms(date)?;
        let f = &self.terms.forced_conversion;
        let threshold = ct.price.mul(&f.price_multiple.exact());
        let (avg, avg_c) = view
            .average_ending_on(&view.common(), date, f.trading_days)
            .map_err(|gap| {
                Rejection::new(
                    "R0231",
                    cod("8.2"),
                    format!("§8.2(a) cannot be tested: {gap}"),
                )
                .with_help("add prices, or record the Board's good-faith fair value (CoD §2)")
            })?;
        let c = Computed::new(
            "§8.2(a) test",
            if avg >= threshold { "met" } else { "not met" },
            "average Market Price over the consecutive trading days ending on the notice date ≥ multiple × Conversion Price",
        )
        .input_exact("average Market Price", &avg)
        .input("multiple", f.price_multiple)
        .input_exact("Conversion Price", &ct.price)
        .input_exact("threshold", &threshold)
        .cite(cod("8.2"))
        .step(avg_c)
        .step(ct.price_computed);
        if avg >= threshold {
            Ok(c)
        } else {
            Err(Rejection::new(
                "R0230",
                cod("8.2"),
                format!(
                    "§8.2(a) is not met: the {}-trading-day average {} is below {} ({} × the Conversion Price {})",
                    f.trading_days,
                    avg.display(),
                    threshold.display(),
                    f.price_multiple,
                    ct.price.display()
                ),
            ))
        }
    }

    /// §8.2(b).
    pub fn test_b(&self, view: &dyn BookView) -> Result<Computed, Rejection> {
        let Some(closing) = self.closing_shares else {
            return Err(Rejection::new(
                "R0232",
                cod("8.2"),
                "the number of shares issued on the Closing Date is not known",
            )
            .with_help("add `closing-shares:` to the instrument declaration"));
        };
        let f = &self.terms.forced_conversion;
        let outstanding = view.outstanding(&self.security);
        let limit = closing.exact().mul(&f.min_outstanding_fraction.exact());
        let met = outstanding.exact() < limit;
        let c = Computed::new(
            "§8.2(b) test",
            if met { "met" } else { "not met" },
            "shares outstanding < fraction × shares issued on the Closing Date",
        )
        .input("outstanding", outstanding)
        .input("issued on the Closing Date", closing)
        .input_exact("limit", &limit)
        .cite(cod("8.2"));
        if met {
            Ok(c)
        } else {
            Err(Rejection::new(
                "R0230",
                cod("8.2"),
                format!(
                    "§8.2(b) is not met: {outstanding} shares are outstanding, not fewer than {} ({} of the {closing} issued on the Closing Date)",
                    limit.display(),
                    f.min_outstanding_fraction
                ),
            ))
        }
    }

    /// `force-convert`: checks §8.2(a) or (b) and converts every share.
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
                            cod("8.2"),
                            format!("neither §8.2 test is met: {}; {}", ea.message, eb.message),
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
        // §7.3: shares surrendered for redemption under §6.3(a) and unpaid
        // are owed the redemption price, not converted.
        for (holder, shares) in self.holders_with_rights(view) {
            if shares.is_zero() {
                continue;
            }
            let entitlement: Exact = shares.exact().mul(&ct.ratio);
            // The common, or the reference property after a reorganization
            // (§8.10.1(d)–(e)), with cash in lieu of fractions (§8.9).
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
                reason: "CoD §8.2 forced conversion".into(),
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
                    reason: format!("CoD §8.2 forced conversion of {shares} shares"),
                });
            }
            if !cash.is_zero() {
                out.effects.push(Effect::Cash {
                    holder: holder.clone(),
                    amount: cash,
                    reason: "CoD §8.9 cash in lieu of a fractional share (and any cash part of the reference property, §8.10.1(e))".into(),
                });
            }
            let mut c = Computed::of_exact(
                format!("common shares on forced conversion ({holder})"),
                &entitlement,
                "shares × Conversion Ratio",
            )
            .input("shares", shares)
            .input("whole shares", whole)
            .cite(cod("8.2"))
            .cite(cod("8.5"));
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
