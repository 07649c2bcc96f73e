//! Underwriter cutbacks: who is included when the managing underwriter
//! limits the number of shares (the cutback clauses: one priority order
//! for a demand by the instrument's holders, one for a registration the
//! Company initiates, one for a demand by holders under another agreement).
//!
//! Each clause is a list of tiers excluded one after another ("first ...
//! second ... third"). Read backwards it is an inclusion order: the last
//! tier excluded is the first included. The term file writes the tiers in
//! inclusion order. Tiers are included whole while the underwriter's number
//! lasts; the tier where it runs out (the marginal tier) is cut "pro rata"
//! on the shares each participant requested; later tiers get nothing.
//!
//! Shares are whole. The pro rata quotas are exact fractions; each
//! participant first gets the whole part of its quota, and the shares left
//! over (fewer than the number of participants in the tier) go one each by
//! largest fractional remainder, ties to the earlier request and then to
//! the lower participant id, so the total included equals the number
//! exactly (see docs/interpretations.md "Cutback fractions").

use crate::codes;
use crate::terms::{Class, CutbackOrder};
use serde::Serialize;
use terms::Rejection;
use units::{Clause, Computed, Exact, Rounding, Shares};

/// One seller in a registration.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Participant {
    /// A holder id, or `company`.
    pub id: String,
    pub class: Class,
    /// Shares requested to be included.
    pub requested: Shares,
    /// Order of the request (earlier requests win remainder ties).
    pub seq: u32,
}

/// One line of an allocation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AllocationLine {
    pub id: String,
    pub class: Class,
    /// The tier's position in the inclusion order (0 = first included).
    /// Serialized counting from 1, as the text and the computation name
    /// it ("Tier 1 included in full"), so JSON and text agree.
    #[serde(serialize_with = "from_one")]
    pub tier: usize,
    pub requested: Shares,
    pub included: Shares,
    pub excluded: Shares,
    /// The exact pro rata quota, for participants of the marginal tier.
    pub quota: Option<String>,
}

fn from_one<S: serde::Serializer>(tier: &usize, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_u64(u64::try_from(*tier).unwrap_or(u64::MAX).saturating_add(1))
}

/// The result of applying a cutback order to an underwriter's number.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Allocation {
    pub clause: Clause,
    /// The underwriter's number: shares that can be included.
    pub number: Shares,
    pub requested_total: Shares,
    pub included_total: Shares,
    pub lines: Vec<AllocationLine>,
    pub computation: Computed,
}

impl Allocation {
    /// The shares included for participant `id`.
    pub fn included(&self, id: &str) -> Shares {
        self.lines
            .iter()
            .filter(|l| l.id == id)
            .fold(Shares::ZERO, |acc, l| {
                acc.checked_add(l.included).unwrap_or(acc)
            })
    }

    /// Aligned text, one participant a line.
    pub fn render_text(&self) -> String {
        use std::fmt::Write as _;
        let mut out = String::new();
        let _ = writeln!(
            out,
            "Cutback under {}: underwriter's number {} of {} requested",
            self.clause, self.number, self.requested_total
        );
        let _ = writeln!(
            out,
            "  {:<24} {:<22} {:>4} {:>14} {:>14} {:>14}  quota",
            "participant", "class", "tier", "requested", "included", "excluded"
        );
        for l in &self.lines {
            let _ = writeln!(
                out,
                "  {:<24} {:<22} {:>4} {:>14} {:>14} {:>14}  {}",
                l.id,
                l.class.name(),
                l.tier + 1,
                l.requested,
                l.included,
                l.excluded,
                l.quota.as_deref().unwrap_or("-")
            );
        }
        let _ = writeln!(out, "  total included {}", self.included_total);
        out
    }
}

fn arith(e: units::UnitsError, clause: &Clause) -> Rejection {
    Rejection::new(
        codes::ARITHMETIC,
        clause.clone(),
        format!("cutback arithmetic failed: {e}"),
    )
}

fn whole(x: &Exact) -> Result<Shares, units::UnitsError> {
    Ok(Shares::new(x.round_dp(0, Rounding::TowardZero)?))
}

/// Allocates `number` shares among `participants` under `order`.
///
/// Participants whose class the order does not name come last, as one
/// more tier (the clause gives them no priority). Errors: a negative or
/// fractional number or request (R0532), arithmetic overflow (R0534).
pub fn allocate(
    participants: &[Participant],
    order: &CutbackOrder,
    document: &str,
    number: Shares,
) -> Result<Allocation, Rejection> {
    let clause = Clause::new(document, order.clause.clone());
    if number.is_negative() || !number.is_whole() {
        return Err(Rejection::new(
            codes::NOT_WHOLE,
            clause,
            format!("the underwriter's number must be a whole number of shares, not {number}"),
        ));
    }
    for p in participants {
        if p.requested.is_negative() || !p.requested.is_whole() {
            return Err(Rejection::new(
                codes::NOT_WHOLE,
                clause,
                format!(
                    "{} requested {} shares; requests are whole shares",
                    p.id, p.requested
                ),
            ));
        }
    }
    // Tier of each participant: its class's position, or one past the last.
    let tier_of = |c: Class| {
        order
            .tiers
            .iter()
            .position(|t| t.contains(&c))
            .unwrap_or(order.tiers.len())
    };
    let tier_count = order.tiers.len() + 1;
    let mut included: Vec<Shares> = vec![Shares::ZERO; participants.len()];
    let mut quotas: Vec<Option<String>> = vec![None; participants.len()];
    let mut remaining = number.exact();
    let mut comp = Computed::new(
        "Shares included",
        number,
        "tiers included in order while the underwriter's number lasts; the marginal tier pro rata on shares requested, whole shares by largest remainder",
    )
    .input("underwriter's number", number)
    .cite(clause.clone());
    let mut requested_total = Shares::ZERO;
    for p in participants {
        requested_total = requested_total
            .checked_add(p.requested)
            .map_err(|e| arith(e, &clause))?;
    }
    comp = comp.input("requested in all", requested_total);
    for tier in 0..tier_count {
        let members: Vec<usize> = participants
            .iter()
            .enumerate()
            .filter(|(_, p)| tier_of(p.class) == tier)
            .map(|(i, _)| i)
            .collect();
        if members.is_empty() {
            continue;
        }
        let tier_total = members.iter().fold(Exact::zero(), |acc, i| {
            acc.add(
                &participants
                    .get(*i)
                    .map(|p| p.requested.exact())
                    .unwrap_or_else(Exact::zero),
            )
        });
        let names: Vec<&str> = members
            .iter()
            .filter_map(|i| participants.get(*i).map(|p| p.class.name()))
            .collect();
        if tier_total <= remaining {
            for i in &members {
                if let (Some(slot), Some(p)) = (included.get_mut(*i), participants.get(*i)) {
                    *slot = p.requested;
                }
            }
            remaining = remaining.sub(&tier_total);
            comp = comp.step(
                Computed::of_exact(
                    format!("Tier {} included in full", tier + 1),
                    &tier_total,
                    "requested in the tier ≤ shares left",
                )
                .input("classes", names.join(", "))
                .input_exact("shares left after", &remaining),
            );
            continue;
        }
        if remaining.is_zero() {
            comp = comp.step(
                Computed::new(
                    format!("Tier {} excluded", tier + 1),
                    "0",
                    "no shares left for the tier",
                )
                .input("classes", names.join(", ")),
            );
            continue;
        }
        // The marginal tier: pro rata on requested, largest remainder.
        let mut floors: Vec<(usize, Exact, Exact)> = Vec::new(); // (index, whole, fraction)
        let mut floor_sum = Exact::zero();
        let mut step = Computed::of_exact(
            format!("Tier {} cut pro rata", tier + 1),
            &remaining,
            "quota = shares left × requested ÷ tier requested; whole parts first, then one share each by largest remainder (ties: earlier request, then id)",
        )
        .input("classes", names.join(", "))
        .input_exact("shares left", &remaining)
        .input_exact("tier requested", &tier_total);
        for i in &members {
            let Some(p) = participants.get(*i) else {
                continue;
            };
            let quota = remaining
                .mul(&p.requested.exact())
                .div(&tier_total)
                .map_err(|e| arith(e, &clause))?;
            let (w, f) = quota.trunc_fract();
            floor_sum = floor_sum.add(&w);
            if let Some(q) = quotas.get_mut(*i) {
                *q = Some(quota.fraction_string());
            }
            step = step.input(
                format!("quota {}", p.id),
                format!(
                    "{} × {} ÷ {} = {}",
                    remaining.display(),
                    p.requested,
                    tier_total.display(),
                    quota.fraction_string()
                ),
            );
            floors.push((*i, w, f));
        }
        let leftover = remaining.sub(&floor_sum);
        let leftover_n = leftover
            .round_dp(0, Rounding::TowardZero)
            .map_err(|e| arith(e, &clause))?;
        let mut ranked: Vec<&(usize, Exact, Exact)> = floors.iter().collect();
        ranked.sort_by(|a, b| {
            let pa = participants.get(a.0);
            let pb = participants.get(b.0);
            b.2.cmp(&a.2)
                .then_with(|| pa.map(|p| p.seq).cmp(&pb.map(|p| p.seq)))
                .then_with(|| pa.map(|p| &p.id).cmp(&pb.map(|p| &p.id)))
        });
        let mut bonus = std::collections::BTreeSet::new();
        let mut given = units::Decimal::ZERO;
        for r in ranked {
            if given >= leftover_n {
                break;
            }
            bonus.insert(r.0);
            given += units::Decimal::ONE;
        }
        for (i, w, _) in &floors {
            let mut n = whole(w).map_err(|e| arith(e, &clause))?;
            if bonus.contains(i) {
                n = n
                    .checked_add(Shares::from_int(1))
                    .map_err(|e| arith(e, &clause))?;
            }
            if let Some(slot) = included.get_mut(*i) {
                *slot = n;
            }
        }
        step = step.input("remainder shares given one each", leftover_n);
        comp = comp.step(step);
        remaining = Exact::zero();
    }
    let mut lines = Vec::new();
    let mut included_total = Shares::ZERO;
    for (i, p) in participants.iter().enumerate() {
        let inc = included.get(i).copied().unwrap_or(Shares::ZERO);
        included_total = included_total
            .checked_add(inc)
            .map_err(|e| arith(e, &clause))?;
        lines.push(AllocationLine {
            id: p.id.clone(),
            class: p.class,
            tier: tier_of(p.class),
            requested: p.requested,
            included: inc,
            excluded: p
                .requested
                .checked_sub(inc)
                .map_err(|e| arith(e, &clause))?,
            quota: quotas.get(i).cloned().flatten(),
        });
    }
    comp.value = included_total.to_string();
    Ok(Allocation {
        clause,
        number,
        requested_total,
        included_total,
        lines,
        computation: comp,
    })
}
