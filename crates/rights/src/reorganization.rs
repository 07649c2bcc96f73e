//! Registrable Securities through a reorganization (the reorganization
//! limb of the definition of Registrable Securities).
//!
//! A typical definition counts as registrable "any common stock or other
//! securities issued or issuable with respect to any Registrable Securities
//! by way of stock dividend or stock split or in connection with a
//! combination of shares, recapitalization, merger, consolidation or other
//! reorganization". A `reorganize` corporate action records
//! the reference property one share of common becomes. The registrable
//! common each holder holds becomes that property: its shares of common
//! stay registrable common, its other securities become registrable
//! securities of those ids ([`Agreement::received`]), and its cash is not
//! a security and leaves the count. Common still issuable on conversion or
//! exercise is counted by the underlying instrument in shares of common;
//! each such share now stands for the same property ([`Agreement::unit`]).
//! A reclassification of common into common only is a proportion, like a
//! split.

use crate::codes;
use crate::state::Agreement;
use actions::{ReferenceProperty, ReorganizationKind};
use terms::{BookView, Outcome, Rejection};
use units::{Computed, Exact};

/// Adds `n` of `security` to a list of (security, amount), merging.
fn push_item(v: &mut Vec<(String, Exact)>, security: &str, n: Exact) {
    match v.iter_mut().find(|(s, _)| s == security) {
        Some((_, m)) => *m = m.add(&n),
        None => v.push((security.to_string(), n)),
    }
}

impl Agreement {
    /// Applies a reorganization to every Holder's Registrable Securities
    /// (the definition's reorganization limb); validates first, then replaces the state.
    pub fn reorganize(
        &mut self,
        kind: ReorganizationKind,
        property: &[ReferenceProperty],
        view: &dyn BookView,
    ) -> Result<Outcome, Rejection> {
        let clause = self.terms.cite(&self.terms.registrable.clause);
        let what = match kind {
            ReorganizationKind::Reclassification => "reclassification",
            ReorganizationKind::Merger => "merger",
            ReorganizationKind::Consolidation => "consolidation",
            ReorganizationKind::AssetSale => {
                // The holders keep their shares: nothing is "issued ...
                // with respect to" them.
                return Ok(Outcome::none().computed(
                    Computed::new(
                        "Registrable Securities after the sale of assets",
                        "unchanged",
                        "a sale of assets issues nothing on the holders' shares",
                    )
                    .cite(clause),
                ));
            }
        };
        if property.is_empty() {
            return Ok(Outcome::none().computed(
                Computed::new(
                    format!("Registrable Securities after the {what}"),
                    "unchanged",
                    "no reference property recorded: each share of common remains one share",
                )
                .cite(clause),
            ));
        }
        if property.iter().any(|p| p.per_share.is_sign_negative()) {
            return Err(Rejection::new(
                codes::REFERENCE_PROPERTY,
                clause,
                "reference property per share of common cannot be negative",
            ));
        }
        let common = view.common();
        let items: Vec<(String, Exact)> =
            property
                .iter()
                .filter(|p| p.security != "cash")
                .fold(Vec::new(), |mut v, p| {
                    push_item(&mut v, &p.security, Exact::from_decimal(p.per_share));
                    v
                });
        let all_common =
            self.unit.is_none() && property.iter().all(|p| p.security == common.as_str());
        let mut next = self.clone();
        let mut comp = Computed::new(format!("Registrable Securities after the {what}"), "", "")
            .input(
                "one share of common becomes",
                property
                    .iter()
                    .map(|p| format!("{} {}", p.per_share.normalize(), p.security))
                    .collect::<Vec<_>>()
                    .join(" + "),
            )
            .cite(clause.clone());
        if all_common {
            // Common into common: a proportion (a recapitalization).
            let f = items.iter().fold(Exact::zero(), |a, (_, n)| a.add(n));
            if f.is_zero() {
                return Err(Rejection::new(
                    codes::REFERENCE_PROPERTY,
                    clause,
                    "a reclassification of common into zero shares of common is not a proportion",
                ));
            }
            let extra = f.sub(&Exact::one());
            comp.value = f.display();
            comp.formula = "registrable common held × shares of common per share".into();
            for h in self.holders(view) {
                let c = self.common_held(view, &h);
                if c.is_zero() {
                    continue;
                }
                next.adjust(&h, &c.mul(&extra));
                comp = comp.input(
                    format!("{h}"),
                    format!(
                        "{} × {} = {}",
                        c.display(),
                        f.display(),
                        c.mul(&f).display()
                    ),
                );
            }
        } else {
            comp.value = "reference property".into();
            comp.formula = "registrable common held × property per share; cash is not a security and leaves the count".into();
            for h in self.holders(view) {
                let c = self.common_held(view, &h);
                if c.is_zero() {
                    continue;
                }
                next.adjust(&h, &c.neg());
                let mut parts = Vec::new();
                for (sec, per) in &items {
                    let n = c.mul(per);
                    parts.push(format!("{} {sec}", n.display()));
                    if sec == common.as_str() {
                        next.adjust(&h, &n);
                    } else {
                        let e = next
                            .received
                            .entry(h.clone())
                            .or_default()
                            .entry(sec.clone())
                            .or_insert_with(Exact::zero);
                        *e = e.add(&n);
                    }
                }
                comp = comp.input(
                    format!("{h}"),
                    format!("{} common → {}", c.display(), parts.join(" + ")),
                );
            }
            // Each share of common still issuable on conversion or exercise
            // now stands for the property (composed with an earlier one).
            let prev = self
                .unit
                .clone()
                .unwrap_or_else(|| vec![(common.as_str().to_string(), Exact::one())]);
            let mut unit = Vec::new();
            for (sec, per) in &prev {
                if sec == common.as_str() {
                    for (s2, p2) in &items {
                        push_item(&mut unit, s2, per.mul(p2));
                    }
                } else {
                    push_item(&mut unit, sec, per.clone());
                }
            }
            comp = comp.input(
                "each share issuable on conversion or exercise now stands for",
                if unit.is_empty() {
                    "no securities (cash only)".to_string()
                } else {
                    unit.iter()
                        .map(|(s, n)| format!("{} {s}", n.display()))
                        .collect::<Vec<_>>()
                        .join(" + ")
                },
            );
            next.unit = Some(unit);
        }
        *self = next;
        Ok(Outcome::none().computed(comp))
    }
}
