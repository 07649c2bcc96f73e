//! The ledger: who holds how many shares of what, and since when.
//!
//! The ledger is the one owner of positions. Instruments read it through
//! `BookView` and change it only by returning `Effect`s. Every change is
//! checked (no negative positions, no overflow) before anything is written,
//! so a refused change leaves the ledger as it was.
//!
//! Replaying a million events touches positions millions of times, and
//! checkpoints copy the whole ledger: positions are kept in a dense table
//! per security indexed by holder (holder and security indices are small
//! and dense, see the registry), and each position's acquisition lots are
//! shared between copies of the ledger until one of them changes them
//! (copy on write), so a checkpoint costs one pointer per position.

use calendar::Date;
use std::collections::VecDeque;
use std::sync::Arc;
use units::{Shares, UnitsError};

/// Why a ledger change was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LedgerError {
    Insufficient { held: Shares, wanted: Shares },
    Negative,
    Arithmetic(UnitsError),
}

impl std::fmt::Display for LedgerError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LedgerError::Insufficient { held, wanted } => {
                write!(f, "holds {held} shares, cannot part with {wanted}")
            }
            LedgerError::Negative => write!(f, "a number of shares must not be negative"),
            LedgerError::Arithmetic(e) => write!(f, "{e}"),
        }
    }
}

/// Acquisition lots of one position, oldest first (first in, first out).
type Lots = VecDeque<(Date, Shares)>;

/// One holder's position in one security.
#[derive(Clone, Debug, Default)]
struct Holding {
    shares: Shares,
    /// Shared with copies of the ledger until changed; `None` = no lots.
    lots: Option<Arc<Lots>>,
}

#[derive(Clone, Debug, Default)]
pub struct Ledger {
    /// Positions per security, indexed by holder.
    holdings: Vec<Vec<Holding>>,
    /// Issued shares per security, including treasury shares.
    issued: Vec<Shares>,
    /// Shares held by the company per security.
    treasury: Vec<Shares>,
}

fn arith(e: UnitsError) -> LedgerError {
    LedgerError::Arithmetic(e)
}

fn idx(i: u32) -> usize {
    usize::try_from(i).unwrap_or(usize::MAX)
}

impl Ledger {
    fn ensure(&mut self, sec: u32) {
        let n = idx(sec).saturating_add(1);
        if self.issued.len() < n {
            self.issued.resize(n, Shares::ZERO);
            self.treasury.resize(n, Shares::ZERO);
        }
    }

    fn holding(&self, sec: u32, holder: u32) -> Option<&Holding> {
        self.holdings.get(idx(sec))?.get(idx(holder))
    }

    /// The holding, created (empty) if need be.
    fn holding_mut(&mut self, sec: u32, holder: u32) -> &mut Holding {
        let (s, h) = (idx(sec), idx(holder));
        if self.holdings.len() <= s {
            self.holdings.resize_with(s + 1, Vec::new);
        }
        let row = &mut self.holdings[s];
        if row.len() <= h {
            row.resize_with(h + 1, Holding::default);
        }
        &mut row[h]
    }

    pub fn position(&self, sec: u32, holder: u32) -> Shares {
        self.holding(sec, holder).map_or(Shares::ZERO, |h| h.shares)
    }

    pub fn issued(&self, sec: u32) -> Shares {
        self.issued.get(idx(sec)).copied().unwrap_or(Shares::ZERO)
    }

    pub fn treasury(&self, sec: u32) -> Shares {
        self.treasury.get(idx(sec)).copied().unwrap_or(Shares::ZERO)
    }

    /// Issued shares less treasury shares (CoD §10(b) "outstanding").
    pub fn outstanding(&self, sec: u32) -> Shares {
        self.issued(sec)
            .checked_sub(self.treasury(sec))
            .unwrap_or(Shares::ZERO)
    }

    /// Every non-zero position in a security, by holder index.
    pub fn holders_of(&self, sec: u32) -> Vec<(u32, Shares)> {
        self.holdings
            .get(idx(sec))
            .map(|row| {
                row.iter()
                    .zip(0u32..)
                    .filter(|(q, _)| !q.shares.is_zero())
                    .map(|(q, h)| (h, q.shares))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Every non-zero position, as (security, holder, shares).
    pub fn all_positions(&self) -> Vec<(u32, u32, Shares)> {
        let mut v = Vec::new();
        for (row, s) in self.holdings.iter().zip(0u32..) {
            for (q, h) in row.iter().zip(0u32..) {
                if !q.shares.is_zero() {
                    v.push((s, h, q.shares));
                }
            }
        }
        v
    }

    pub fn lots(&self, sec: u32, holder: u32) -> Vec<(Date, Shares)> {
        self.holding(sec, holder)
            .and_then(|h| h.lots.as_ref())
            .map(|l| l.iter().copied().collect())
            .unwrap_or_default()
    }

    fn add_lot(&mut self, sec: u32, holder: u32, date: Date, shares: Shares) {
        let h = self.holding_mut(sec, holder);
        Arc::make_mut(h.lots.get_or_insert_with(Default::default)).push_back((date, shares));
    }

    /// Removes `shares` from the oldest lots first.
    fn take_lots(&mut self, sec: u32, holder: u32, mut shares: Shares) {
        let h = self.holding_mut(sec, holder);
        let Some(lots) = h.lots.as_mut() else { return };
        let lots = Arc::make_mut(lots);
        while !shares.is_zero() {
            let Some(front) = lots.front_mut() else { break };
            if front.1 <= shares {
                shares = shares.checked_sub(front.1).unwrap_or(Shares::ZERO);
                lots.pop_front();
            } else {
                front.1 = front.1.checked_sub(shares).unwrap_or(Shares::ZERO);
                shares = Shares::ZERO;
            }
        }
    }

    /// New shares issued to a holder (or delivered out of treasury).
    pub fn issue(
        &mut self,
        sec: u32,
        holder: u32,
        shares: Shares,
        date: Date,
        from_treasury: bool,
    ) -> Result<(), LedgerError> {
        if shares.is_negative() {
            return Err(LedgerError::Negative);
        }
        self.ensure(sec);
        let pos = self
            .position(sec, holder)
            .checked_add(shares)
            .map_err(arith)?;
        let i = idx(sec);
        if from_treasury {
            let t = self.treasury[i];
            if t < shares {
                return Err(LedgerError::Insufficient {
                    held: t,
                    wanted: shares,
                });
            }
            self.treasury[i] = t.checked_sub(shares).map_err(arith)?;
        } else {
            self.issued[i] = self.issued[i].checked_add(shares).map_err(arith)?;
        }
        self.holding_mut(sec, holder).shares = pos;
        self.add_lot(sec, holder, date, shares);
        Ok(())
    }

    /// Shares leave a holder: cancelled (no longer issued) or into treasury.
    pub fn cancel(
        &mut self,
        sec: u32,
        holder: u32,
        shares: Shares,
        to_treasury: bool,
    ) -> Result<(), LedgerError> {
        if shares.is_negative() {
            return Err(LedgerError::Negative);
        }
        self.ensure(sec);
        let held = self.position(sec, holder);
        if held < shares {
            return Err(LedgerError::Insufficient {
                held,
                wanted: shares,
            });
        }
        let i = idx(sec);
        let rest = held.checked_sub(shares).map_err(arith)?;
        if to_treasury {
            self.treasury[i] = self.treasury[i].checked_add(shares).map_err(arith)?;
        } else {
            self.issued[i] = self.issued[i].checked_sub(shares).map_err(arith)?;
        }
        self.holding_mut(sec, holder).shares = rest;
        self.take_lots(sec, holder, shares);
        Ok(())
    }

    /// Moves shares between holders; the lots move with them (the
    /// transferee's holding period starts at the transfer).
    pub fn transfer(
        &mut self,
        sec: u32,
        from: u32,
        to: u32,
        shares: Shares,
        date: Date,
    ) -> Result<(), LedgerError> {
        if shares.is_negative() {
            return Err(LedgerError::Negative);
        }
        let held = self.position(sec, from);
        if held < shares {
            return Err(LedgerError::Insufficient {
                held,
                wanted: shares,
            });
        }
        let to_pos = self.position(sec, to).checked_add(shares).map_err(arith)?;
        let rest = held.checked_sub(shares).map_err(arith)?;
        self.holding_mut(sec, from).shares = rest;
        self.holding_mut(sec, to).shares = to_pos;
        self.take_lots(sec, from, shares);
        self.add_lot(sec, to, date, shares);
        Ok(())
    }

    /// Multiplies every position, the issued count and treasury of a
    /// security by `factor` (a split, combination or stock dividend).
    /// Positions that would not terminate are rounded down to 4 places (the
    /// fraction is paid in cash by the company; reported by the caller).
    /// Everything is computed before anything is written.
    pub fn subdivide(&mut self, sec: u32, factor: &units::Exact) -> Result<(), LedgerError> {
        self.ensure(sec);
        let scale = |q: Shares| -> Result<Shares, LedgerError> {
            let x = q.exact().mul(factor);
            match x.to_decimal_exact() {
                Ok(d) => Ok(Shares::new(d)),
                Err(_) => x
                    .round_dp(4, units::Rounding::TowardZero)
                    .map(Shares::new)
                    .map_err(arith),
            }
        };
        let mut total = Shares::ZERO;
        let mut scaled: Vec<Holding> = Vec::new();
        if let Some(row) = self.holdings.get(idx(sec)) {
            scaled.reserve_exact(row.len());
            for h in row {
                let n = scale(h.shares)?;
                total = total.checked_add(n).map_err(arith)?;
                // Lots keep their dates; their sizes scale with the position.
                let lots = match &h.lots {
                    Some(l) => Some(Arc::new(
                        l.iter()
                            .map(|&(d, q)| scale(q).map(|q| (d, q)))
                            .collect::<Result<Lots, _>>()?,
                    )),
                    None => None,
                };
                scaled.push(Holding { shares: n, lots });
            }
        }
        let i = idx(sec);
        let treasury = scale(self.treasury[i])?;
        let issued = total.checked_add(treasury).map_err(arith)?;
        if let Some(row) = self.holdings.get_mut(i) {
            *row = scaled;
        }
        self.treasury[i] = treasury;
        self.issued[i] = issued;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i16, m: i8, day: i8) -> Date {
        Date::new(y, m, day).unwrap()
    }

    #[test]
    fn issue_transfer_cancel_and_refusals_leave_the_ledger_unchanged() {
        let mut l = Ledger::default();
        l.issue(0, 1, Shares::from_int(100), d(2000, 1, 1), false)
            .unwrap();
        l.transfer(0, 1, 2, Shares::from_int(30), d(2000, 2, 1))
            .unwrap();
        assert_eq!(l.position(0, 1), Shares::from_int(70));
        assert_eq!(l.position(0, 2), Shares::from_int(30));
        // Refused: holder 2 has 30.
        let err = l.cancel(0, 2, Shares::from_int(31), false).unwrap_err();
        assert_eq!(
            err,
            LedgerError::Insufficient {
                held: Shares::from_int(30),
                wanted: Shares::from_int(31)
            }
        );
        assert_eq!(l.position(0, 2), Shares::from_int(30));
        // Repurchase into treasury: issued stays 100, outstanding 90.
        l.cancel(0, 2, Shares::from_int(10), true).unwrap();
        assert_eq!(l.issued(0), Shares::from_int(100));
        assert_eq!(l.outstanding(0), Shares::from_int(90));
        // FIFO lots: holder 1 keeps its 2000-01-01 lot of 70.
        assert_eq!(l.lots(0, 1), vec![(d(2000, 1, 1), Shares::from_int(70))]);
    }

    #[test]
    fn split_scales_positions_issued_and_treasury() {
        let mut l = Ledger::default();
        l.issue(0, 1, Shares::from_int(75), d(2000, 1, 1), false)
            .unwrap();
        l.issue(0, 2, Shares::from_int(25), d(2000, 1, 1), false)
            .unwrap();
        l.cancel(0, 2, Shares::from_int(5), true).unwrap();
        // 3-for-2: 75 → 112.5, 20 → 30, treasury 5 → 7.5, issued 150.
        l.subdivide(0, &units::Exact::ratio(3, 2).unwrap()).unwrap();
        assert_eq!(l.position(0, 1).to_string(), "112.5");
        assert_eq!(l.position(0, 2), Shares::from_int(30));
        assert_eq!(l.treasury(0).to_string(), "7.5");
        assert_eq!(l.issued(0), Shares::from_int(150));
    }
}
