//! The Rule 144 limb of the cessation test: Registrable Securities cease
//! when all of those a Holder holds could be sold under Rule 144 in one
//! three-month volume period (the definition's Rule 144 limb, selected by
//! `[registrable.rule144]`).
//!
//! Rule 144 as in force in 2000–2002 is read in three steps
//! (docs/interpretations.md "Rule 144: ..."):
//!
//! 1. Rule 144(d)(1): nothing can be sold until the holding period
//!    (`holding_years`) has elapsed since the holder acquired the securities from the issuer or an affiliate;
//!    conversion shares tack to the underlying security, paid for in full
//!    at the Closing (144(d)(3)(ii)). The start is per holder,
//!    from the book's lots ([`HoldingFrom::Lots`]) or the Closing Date.
//! 2. Rule 144(k): after `unlimited_after_years` a holder that is not an affiliate of the
//!    issuer, and has not been one in the `affiliate_lookback_months`
//!    before, sells
//!    without any volume limit: all could be sold at once.
//! 3. Rule 144(e): otherwise the sales of three months may not exceed the
//!    greater of `outstanding_fraction` of the common outstanding and the average weekly
//!    volume of the four calendar weeks before; persons acting in concert
//!    share one limit (144(e)(3)(vi)), so the Registrable Securities of
//!    every Holder of the holder's group are measured together.

use crate::state::Agreement;
use crate::terms::{Aggregate, HoldingFrom, Rule144Terms};
use calendar::{add_months, anniversary, Date};
use terms::{BookView, HolderId};
use units::{Computed, Exact, Shares};

/// The result of the test for one holder.
pub struct Rule144Outcome {
    /// Why all could be sold, if they could.
    pub ceased: Option<String>,
    pub computation: Computed,
}

impl Agreement {
    /// Whether `holder` is an affiliate of the issuer on `d`: the last
    /// `affiliate-status` on or before `d`, else the term file's
    /// presumption.
    pub fn is_affiliate_on(&self, r: &Rule144Terms, holder: &HolderId, d: Date) -> bool {
        self.affiliate_status
            .get(holder)
            .and_then(|v| v.iter().rev().find(|(from, _)| *from <= d))
            .map(|(_, a)| *a)
            .unwrap_or(r.presume_affiliate)
    }

    /// Whether `holder` was an affiliate at any time from `from` through
    /// `to` (Rule 144(k): "has not been an affiliate during the three
    /// months preceding such sale").
    fn affiliate_during(&self, r: &Rule144Terms, holder: &HolderId, from: Date, to: Date) -> bool {
        self.is_affiliate_on(r, holder, from)
            || self
                .affiliate_status
                .get(holder)
                .is_some_and(|v| v.iter().any(|(d, a)| *a && *d > from && *d <= to))
    }

    /// The date `holder`'s Rule 144(d) holding period starts.
    pub fn holding_start(
        &self,
        r: &Rule144Terms,
        view: &dyn BookView,
        holder: &HolderId,
    ) -> (Date, Computed) {
        let closing = self.terms.closing();
        let mut start = closing;
        let mut comp = Computed::new(
            "Rule 144(d) holding period starts",
            "",
            match r.holding_from {
                HoldingFrom::Lots => "latest of: the Closing Date (conversion shares tack to the preferred, paid in full at the Closing); each lot of the underlying instruments still held; the newest common lots covering the registrable common received by transfer",
                HoldingFrom::Closing => "the Closing Date for every holder",
            },
        )
        .input("Closing Date", closing)
        .cite(self.terms.cite(&r.clause));
        if r.holding_from == HoldingFrom::Lots {
            for s in self.underlying_securities() {
                for (d, n) in view.lots(holder, &s) {
                    comp = comp.input(format!("lot of {s}"), format!("{n} acquired {d}"));
                    start = start.max(d);
                }
            }
            let common_held = self.common_held(view, holder);
            let by_transfer = self
                .transferred_in
                .get(holder)
                .cloned()
                .unwrap_or_else(Exact::zero)
                .min(common_held)
                .max(Exact::zero());
            if !by_transfer.is_zero() {
                comp = comp.input_exact("registrable common received by transfer", &by_transfer);
                // FIFO: the oldest lots leave first, so what was received
                // last is in the newest lots.
                let mut left = by_transfer;
                for (d, n) in view.lots(holder, &view.common()).into_iter().rev() {
                    if left.is_zero() || left.is_negative() {
                        break;
                    }
                    comp = comp.input("lot of common", format!("{n} acquired {d}"));
                    start = start.max(d);
                    left = left.sub(&n.exact());
                }
            }
        }
        comp.value = start.to_string();
        (start, comp)
    }

    /// Whether all of `holder`'s Registrable Securities (`gross`) could be
    /// sold under Rule 144 in a three-month period on the view's date.
    pub fn rule144_test(
        &self,
        r: &Rule144Terms,
        view: &dyn BookView,
        holder: &HolderId,
        gross: Shares,
    ) -> Rule144Outcome {
        let date = view.date();
        let (start, hc) = self.holding_start(r, view, holder);
        let formula = match r.unlimited_after_years {
            Some(k) => format!(
                "holding period (144(d)) elapsed, and either 144(k) (non-affiliate, {}) or the amount within the 144(e) volume limit",
                crate::words::count(k.into(), "year")
            ),
            None => "holding period (144(d)) elapsed, and the amount within the 144(e) volume limit"
                .to_string(),
        };
        let mut comp = Computed::new("Rule 144: all could be sold in three months", "no", formula)
            .step(hc)
            .cite(self.terms.cite(&r.clause));
        let no = |comp: Computed| Rule144Outcome {
            ceased: None,
            computation: comp,
        };
        if gross.is_zero() {
            return no(comp.input("Registrable Securities", "none"));
        }
        if let Some(y) = r.holding_years {
            let end = anniversary(start, y);
            comp = comp.input("144(d) holding period ends", end);
            if date < end {
                return no(comp);
            }
        }
        if let Some(k) = r.unlimited_after_years {
            let kdate = anniversary(start, k);
            let lookback = add_months(date, r.affiliate_lookback_months.saturating_neg());
            let affiliate = self.affiliate_during(r, holder, lookback, date);
            comp = comp
                .input(
                    format!("144(k) {} end", crate::words::count(k.into(), "year")),
                    kdate,
                )
                .input(
                    format!("affiliate of the issuer from {lookback} to {date}"),
                    affiliate,
                );
            if date >= kdate && !affiliate {
                comp.value = "yes".into();
                return Rule144Outcome {
                    ceased: Some(format!(
                        "all {gross} could be sold under Rule 144(k) (held since {start}, not an affiliate): no volume limit"
                    )),
                    computation: comp,
                };
            }
        }
        let Some((limit, lc)) = self.rule144_limit(view) else {
            return no(comp);
        };
        comp = comp.step(lc);
        let group = match r.aggregate {
            Aggregate::Group => view.affiliate_group(holder),
            Aggregate::Holder => None,
        };
        let amount = match &group {
            None => gross.exact(),
            Some(g) => {
                let mut total = Exact::zero();
                for h in self.holders(view) {
                    if view.affiliate_group(&h).as_ref() == Some(g) {
                        let n = if &h == holder {
                            gross.exact()
                        } else {
                            self.gross_total(view, &h)
                        };
                        comp = comp.input_exact(format!("group {g}: {h}"), &n);
                        total = total.add(&n);
                    }
                }
                total
            }
        };
        comp = comp.input(
            if group.is_some() {
                "the group's Registrable Securities (144(e)(3)(vi))"
            } else {
                "the holder's Registrable Securities"
            },
            amount.display(),
        );
        if amount <= limit {
            comp.value = "yes".into();
            return Rule144Outcome {
                ceased: Some(match &group {
                    None => format!(
                        "all {gross} could be sold under Rule 144 in three months (limit {})",
                        limit.display()
                    ),
                    Some(g) => format!(
                        "all {gross} could be sold under Rule 144 in three months: group {g} holds {} (limit {})",
                        amount.display(),
                        limit.display()
                    ),
                }),
                computation: comp,
            };
        }
        no(comp)
    }
}
