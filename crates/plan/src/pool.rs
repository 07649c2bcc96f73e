//! The share pool of `pool` (as amended) as a dated log of movements.
//!
//! `pool` limits the shares "delivered in satisfaction of Awards"; shares are
//! not "delivered" when they remain under an Award that terminates
//! unexercised (i), are settled in cash (ii), are forfeited Restricted Stock
//! (iii), or are held back for the exercise price or withholding (iv); and
//! delivery is counted net of previously acquired shares tendered. A grant is
//! allowed only if the shares it could deliver fit in what remains, so the
//! pool on any date is: authorized − subject to outstanding Awards −
//! delivered (net) = available. Every movement is an entry with its date, so
//! the pool can be stated as of any date without replaying the book.

use calendar::Date;
use serde::Serialize;
use units::{Computed, Exact};

/// One movement of the pool.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Movement {
    /// The maximum is set (adoption, amendment).
    Authorize { pool: Exact },
    /// Shares become subject to an Award that delivers later.
    Grant { shares: Exact },
    /// Shares delivered when the Award is made (Restricted, Unrestricted).
    GrantDelivered { shares: Exact },
    /// An exercise or delivery: `gross` shares leave the Award; `held_back`
    /// (iv) and `tendered` (net rule) are not counted as delivered.
    Deliver {
        gross: Exact,
        held_back: Exact,
        tendered: Exact,
    },
    /// Shares stop being subject to an Award without delivery ((i), (ii)).
    Return { shares: Exact },
    /// Delivered Restricted Stock forfeited (iii).
    ForfeitDelivered { shares: Exact },
    /// Shares subject to Awards assumed by a successor leave the Plan (`covered-transaction`).
    Assumed { shares: Exact },
    /// `adjustment.capital-change`: every figure multiplied by `factor`; the new maximum is
    /// `pool` (rounded by the term file).
    Scale { factor: Exact, pool: Exact },
}

/// A dated pool entry.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Entry {
    pub date: Date,
    pub award: Option<String>,
    pub movement: Movement,
    pub clause: String,
}

/// The pool on a date.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Snapshot {
    pub as_of: Date,
    /// The maximum that may be delivered (`pool` as amended, `covered-transaction` adjusted).
    pub authorized: Exact,
    /// Shares subject to outstanding Awards not yet delivered.
    pub outstanding: Exact,
    /// Shares delivered in satisfaction of Awards, net (`pool`).
    pub delivered: Exact,
    /// Shares that came back or were never counted: (i)–(iv) and tendered.
    pub returned: Exact,
    /// Shares that left with Awards assumed by a successor.
    pub assumed: Exact,
    pub available: Exact,
}

impl Snapshot {
    /// The computation of `available`, citing `pool`.
    pub fn computed(&self, terms: &crate::terms::PlanTerms) -> Computed {
        Computed::of_exact(
            "shares available for Awards",
            &self.available,
            "authorized − subject to outstanding Awards − delivered (net of shares held back and tendered)",
        )
        .input_exact("authorized", &self.authorized)
        .input_exact("subject to outstanding Awards", &self.outstanding)
        .input_exact("delivered", &self.delivered)
        .input_exact("returned to the pool (i)–(iv), tendered", &self.returned)
        .cite(terms.clause("pool"))
    }
}

/// Folds the entries dated on or before `as_of`.
pub fn snapshot(entries: &[Entry], as_of: Date) -> Snapshot {
    let mut s = Snapshot {
        as_of,
        authorized: Exact::zero(),
        outstanding: Exact::zero(),
        delivered: Exact::zero(),
        returned: Exact::zero(),
        assumed: Exact::zero(),
        available: Exact::zero(),
    };
    for e in entries.iter().filter(|e| e.date <= as_of) {
        match &e.movement {
            Movement::Authorize { pool } => s.authorized = pool.clone(),
            Movement::Grant { shares } => s.outstanding = s.outstanding.add(shares),
            Movement::GrantDelivered { shares } => s.delivered = s.delivered.add(shares),
            Movement::Deliver {
                gross,
                held_back,
                tendered,
            } => {
                s.outstanding = s.outstanding.sub(gross);
                s.delivered = s.delivered.add(&gross.sub(held_back).sub(tendered));
                s.returned = s.returned.add(held_back).add(tendered);
            }
            Movement::Return { shares } => {
                s.outstanding = s.outstanding.sub(shares);
                s.returned = s.returned.add(shares);
            }
            Movement::ForfeitDelivered { shares } => {
                s.delivered = s.delivered.sub(shares);
                s.returned = s.returned.add(shares);
            }
            Movement::Assumed { shares } => {
                s.outstanding = s.outstanding.sub(shares);
                s.assumed = s.assumed.add(shares);
            }
            Movement::Scale { factor, pool } => {
                s.authorized = pool.clone();
                s.outstanding = s.outstanding.mul(factor);
                s.delivered = s.delivered.mul(factor);
                s.returned = s.returned.mul(factor);
                s.assumed = s.assumed.mul(factor);
            }
        }
    }
    s.available = s.authorized.sub(&s.outstanding).sub(&s.delivered);
    s
}
