//! Registrable Securities on a date, per holder (the definition of
//! Registrable Securities, `[registrable]`).
//!
//! A holder's Registrable Securities are the common stock issuable on
//! conversion or exercise of what it holds of the underlying instruments
//! (a preferred series, a warrant), plus the common it holds that was issued on
//! such conversions or exercises, or on those shares in splits and stock
//! dividends, less what was sold under an effective registration or
//! publicly distributed under an exemption. A typical definition counts
//! them "by adding
//! the number of shares of Common Stock outstanding which are, and the
//! maximum number of shares of Common Stock issuable pursuant to then
//! convertible or exercisable securities which upon issuance would be,
//! Registrable Securities".
//!
//! Where the document has a Rule 144 limb (`[registrable.rule144]`), they
//! cease for a holder altogether when all of them could be sold under Rule
//! 144 in one three-month period: when they do not exceed the Rule
//! 144(e)(1) volume limit, the greater of `outstanding_fraction` of the
//! common outstanding and the average weekly
//! trading volume during the four calendar weeks before the date.

use crate::state::Agreement;
use crate::terms::HolderBasis;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use terms::{BookView, HolderId, SecurityId};
use units::{Computed, Exact, Rounding, Shares};

/// One holder's Registrable Securities on a date.
#[derive(Clone, Debug, Serialize)]
pub struct HolderRegistrable {
    pub holder: HolderId,
    /// Common issuable on conversion or exercise of the underlying
    /// instruments the holder holds.
    pub issuable: Shares,
    /// Registrable common the holder holds.
    pub common: Shares,
    /// Other securities received on registrable common in a
    /// reorganization (the definition's reorganization limb) that the
    /// holder still holds, by
    /// security id.
    pub other: BTreeMap<String, Shares>,
    /// After a reorganization into other securities: what `issuable` is
    /// made of, by security id (empty while one issuable unit is one share
    /// of common).
    pub issuable_as: BTreeMap<String, Shares>,
    /// `issuable + common + other` before the Rule 144 test.
    pub gross: Shares,
    /// Why they ceased, if they did (Rule 144).
    pub ceased: Option<String>,
    /// The Registrable Securities that count: `gross`, or zero if ceased.
    pub registrable: Shares,
    pub computation: Computed,
}

/// Shares from an exact count: exact when the count terminates, else to 12
/// places toward zero (registrable counts come from whole shares and
/// conversion figures the preferred rounds to four places, so this only
/// guards odd split factors).
pub(crate) fn shares_of(x: &Exact) -> Shares {
    match x.to_decimal_exact() {
        Ok(d) => Shares::new(d),
        Err(_) => Shares::new(
            x.round_dp(12, Rounding::TowardZero)
                .unwrap_or(units::Decimal::ZERO),
        ),
    }
}

/// A holder's Registrable Securities before the Rule 144 test, by part.
struct Gross {
    issuable: Shares,
    common: Shares,
    other: BTreeMap<String, Shares>,
    other_total: Shares,
    issuable_as: BTreeMap<String, Shares>,
    computation: Computed,
}

impl Agreement {
    /// The securities of the underlying instruments (instrument id = the
    /// security id its positions are held under).
    pub fn underlying_securities(&self) -> Vec<SecurityId> {
        self.terms
            .underlying
            .iter()
            .map(|i| SecurityId::new(i.as_str()))
            .collect()
    }

    /// The Holders on the view's date, in id order.
    pub fn holders(&self, view: &dyn BookView) -> BTreeSet<HolderId> {
        let mut out: BTreeSet<HolderId> = BTreeSet::new();
        let from_underlying = |out: &mut BTreeSet<HolderId>| out.extend(self.current_holders(view));
        match self.terms.holder_basis {
            HolderBasis::Parties => {
                if !self.terms.holders.is_empty() {
                    out.extend(self.terms.holders.iter().cloned());
                } else if let Some(s) = &self.seeded {
                    out.extend(s.iter().cloned());
                } else if view.date() >= self.terms.closing() {
                    // Not yet captured (the Closing Date's scheduled run
                    // has not happened): the holders now.
                    from_underlying(&mut out);
                }
                out.extend(self.joined.iter().cloned());
            }
            HolderBasis::AnyHolder => {
                from_underlying(&mut out);
                let common = view.common();
                for (h, _) in view.holders_of(&common) {
                    if !self.tracked_common(view, &h).is_zero() {
                        out.insert(h);
                    }
                }
                out.extend(self.joined.iter().cloned());
            }
        }
        out
    }

    /// Holders of the underlying instruments now, and holders of common
    /// issued to them on conversion or exercise (purchasers who converted).
    pub fn current_holders(&self, view: &dyn BookView) -> BTreeSet<HolderId> {
        let mut out = BTreeSet::new();
        for s in self.underlying_securities() {
            for (h, _) in view.holders_of(&s) {
                out.insert(h);
            }
        }
        // Holders an underlying instrument keeps itself (a warrant's
        // certificates are not ledger positions).
        for i in &self.terms.underlying {
            out.extend(view.holders_of_instrument(i));
        }
        for (h, _) in view.holders_of(&view.common()) {
            if self
                .terms
                .underlying
                .iter()
                .any(|i| !view.issued_on_conversion(&h, i).is_zero())
            {
                out.insert(h);
            }
        }
        out
    }

    /// Common issued on conversion plus adjustments, before capping at the
    /// holder's position.
    fn tracked_common(&self, view: &dyn BookView, holder: &HolderId) -> Exact {
        let mut t = Exact::zero();
        for i in &self.terms.underlying {
            t = t.add(&view.issued_on_conversion(holder, i).exact());
        }
        if let Some(a) = self.common_adjust.get(holder) {
            t = t.add(a);
        }
        t
    }

    /// The registrable common of `holder` (tracked, at most its common
    /// position, never negative).
    pub(crate) fn common_held(&self, view: &dyn BookView, holder: &HolderId) -> Exact {
        let tracked = self.tracked_common(view, holder);
        let position = view.position(holder, &view.common()).exact();
        tracked.min(position).max(Exact::zero())
    }

    /// Securities received in reorganizations that `holder` still holds.
    pub(crate) fn received_of(&self, holder: &HolderId) -> BTreeMap<String, Exact> {
        self.received
            .get(holder)
            .map(|m| {
                m.iter()
                    .filter(|(_, n)| !n.is_zero() && !n.is_negative())
                    .map(|(s, n)| (s.clone(), n.clone()))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The Registrable Securities of `holder` before the Rule 144 test.
    fn gross_of(&self, view: &dyn BookView, holder: &HolderId) -> Gross {
        let mut units_issuable = Exact::zero();
        let mut comp = Computed::new(
            "Registrable Securities",
            "",
            "issuable on conversion/exercise (× the reorganization unit, if any) + registrable common held (issued on conversion ± transfers, sales, splits; at most the common position) + securities received on it in reorganizations",
        )
        .cite(self.terms.cite(&self.terms.registrable.clause));
        for i in &self.terms.underlying {
            let n = view.issuable_on_conversion(holder, i);
            units_issuable = units_issuable.add(&n.exact());
            comp = comp.input(format!("issuable on conversion of {i}"), n);
        }
        // The definition's reorganization limb ("securities ... issuable
        // with respect to any Registrable Securities by way of ...
        // reorganization"): after a
        // reorganization each issuable share of common is the unit of
        // reference property (the underlying instrument still counts in
        // shares of common, its own reorganization adjustment carrying the
        // conversion or exercise into the reference property).
        let mut issuable_as = BTreeMap::new();
        let issuable = match &self.unit {
            None => units_issuable,
            Some(unit) => {
                let mut total = Exact::zero();
                for (sec, per) in unit {
                    let n = units_issuable.mul(per);
                    comp = comp.input(
                        format!("issuable as {sec}"),
                        format!(
                            "{} × {} = {}",
                            units_issuable.display(),
                            per.display(),
                            n.display()
                        ),
                    );
                    total = total.add(&n);
                    issuable_as.insert(sec.clone(), shares_of(&n));
                }
                total
            }
        };
        let tracked = self.tracked_common(view, holder);
        let position = view.position(holder, &view.common()).exact();
        let common = tracked.clone().min(position.clone()).max(Exact::zero());
        comp = comp
            .input_exact("registrable common tracked", &tracked)
            .input_exact("common position", &position)
            .input_exact("registrable common held", &common);
        let mut other = BTreeMap::new();
        let mut other_total = Exact::zero();
        for (sec, n) in self.received_of(holder) {
            comp = comp.input_exact(format!("{sec} received in reorganizations"), &n);
            other_total = other_total.add(&n);
            other.insert(sec, shares_of(&n));
        }
        Gross {
            issuable: shares_of(&issuable),
            common: shares_of(&common),
            other,
            other_total: shares_of(&other_total),
            issuable_as,
            computation: comp,
        }
    }

    /// The Rule 144(e)(1) volume limit on the view's date: the greater of
    /// the fraction of the common outstanding and the average weekly
    /// volume of the four calendar weeks before.
    pub fn rule144_limit(&self, view: &dyn BookView) -> Option<(Exact, Computed)> {
        let r = self.terms.registrable.rule144.as_ref()?;
        let common = view.common();
        let outstanding = view.outstanding(&common);
        let pct = outstanding.exact().mul(&r.outstanding_fraction.exact());
        let weekly = view.weekly_volume_average(&common, view.date());
        let weekly_x = weekly.map(|w| w.exact()).unwrap_or_else(Exact::zero);
        let limit = pct.clone().max(weekly_x);
        let comp = Computed::of_exact(
            "Rule 144 three-month volume limit",
            &limit,
            "max(fraction × common outstanding, average weekly volume of the four calendar weeks before)",
        )
        .input("common outstanding", outstanding)
        .input("fraction", r.outstanding_fraction)
        .input_exact("fraction × outstanding", &pct)
        .input(
            "average weekly volume",
            weekly.map(|w| w.to_string()).unwrap_or_else(|| "no volume data".into()),
        )
        .cite(self.terms.cite(&r.clause));
        Some((limit, comp))
    }

    /// One holder's Registrable Securities on the view's date.
    pub fn registrable_of(&self, view: &dyn BookView, holder: &HolderId) -> HolderRegistrable {
        let g = self.gross_of(view, holder);
        let (issuable, common, comp) = (g.issuable, g.common, g.computation);
        let gross = issuable
            .checked_add(common)
            .and_then(|x| x.checked_add(g.other_total))
            .unwrap_or(issuable);
        let mut ceased = None;
        let mut comp = comp;
        // After a reorganization into other securities the book has no
        // outstanding count or volume of them: Rule 144 cannot be tested,
        // so the securities stay registrable.
        let common_id = view.common();
        let foreign = !g.other.is_empty()
            || self
                .unit
                .as_ref()
                .is_some_and(|u| u.iter().any(|(s, _)| s != common_id.as_str()));
        if foreign && self.terms.registrable.rule144.is_some() {
            comp = comp.input(
                "Rule 144",
                "not tested: the holder's Registrable Securities include securities other than the common, whose volume the book does not have",
            );
        }
        if let (Some(r), false) = (&self.terms.registrable.rule144, foreign) {
            let t = self.rule144_test(r, view, holder, gross);
            ceased = t.ceased;
            comp = comp.step(t.computation);
        }
        let registrable = if ceased.is_some() {
            Shares::ZERO
        } else {
            gross
        };
        comp.value = registrable.to_string();
        HolderRegistrable {
            holder: holder.clone(),
            issuable,
            common,
            other: g.other,
            issuable_as: g.issuable_as,
            gross,
            ceased,
            registrable,
            computation: comp,
        }
    }

    /// A holder's Registrable Securities before the Rule 144 test, as one
    /// number.
    pub(crate) fn gross_total(&self, view: &dyn BookView, holder: &HolderId) -> Exact {
        let g = self.gross_of(view, holder);
        g.issuable
            .exact()
            .add(&g.common.exact())
            .add(&g.other_total.exact())
    }

    /// Every Holder's Registrable Securities on the view's date.
    pub fn registrable_all(&self, view: &dyn BookView) -> Vec<HolderRegistrable> {
        self.holders(view)
            .iter()
            .map(|h| self.registrable_of(view, h))
            .collect()
    }

    /// "The number of shares of Registrable Securities outstanding" (the
    /// definition's counting rule).
    pub fn registrable_outstanding(&self, view: &dyn BookView) -> Shares {
        self.registrable_all(view)
            .iter()
            .fold(Shares::ZERO, |a, r| {
                a.checked_add(r.registrable).unwrap_or(a)
            })
    }

    /// Common still issuable on exercise or conversion, all holders (the
    /// `unexercised` denominator).
    pub fn unexercised_outstanding(&self, view: &dyn BookView) -> Shares {
        self.registrable_all(view)
            .iter()
            .fold(Shares::ZERO, |a, r| a.checked_add(r.issuable).unwrap_or(a))
    }
}
