//! The ledger: who holds how many shares of what, and since when.
//!
//! The ledger is the one owner of positions. Instruments read it through
//! `BookView` and change it only by returning `Effect`s. Every change is
//! checked (no negative positions, no overflow) before anything is written,
//! so a refused change leaves the ledger as it was.

use calendar::Date;
use rustc_hash::FxHashMap as HashMap;
use std::collections::VecDeque;
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

#[derive(Clone, Debug, Default)]
pub struct Ledger {
    positions: HashMap<(u32, u32), Shares>,
    /// Acquisition lots per position, oldest first (first in, first out).
    lots: HashMap<(u32, u32), VecDeque<(Date, Shares)>>,
    /// Issued shares per security, including treasury shares.
    issued: Vec<Shares>,
    /// Shares held by the company per security.
    treasury: Vec<Shares>,
}

fn arith(e: UnitsError) -> LedgerError {
    LedgerError::Arithmetic(e)
}

impl Ledger {
    fn ensure(&mut self, sec: u32) {
        let n = sec as usize + 1;
        if self.issued.len() < n {
            self.issued.resize(n, Shares::ZERO);
            self.treasury.resize(n, Shares::ZERO);
        }
    }

    pub fn position(&self, sec: u32, holder: u32) -> Shares {
        self.positions
            .get(&(sec, holder))
            .copied()
            .unwrap_or(Shares::ZERO)
    }

    pub fn issued(&self, sec: u32) -> Shares {
        self.issued
            .get(sec as usize)
            .copied()
            .unwrap_or(Shares::ZERO)
    }

    pub fn treasury(&self, sec: u32) -> Shares {
        self.treasury
            .get(sec as usize)
            .copied()
            .unwrap_or(Shares::ZERO)
    }

    /// Issued shares less treasury shares (CoD §10(b) "outstanding").
    pub fn outstanding(&self, sec: u32) -> Shares {
        self.issued(sec)
            .checked_sub(self.treasury(sec))
            .unwrap_or(Shares::ZERO)
    }

    /// Every non-zero position in a security, by holder index.
    pub fn holders_of(&self, sec: u32) -> Vec<(u32, Shares)> {
        let mut v: Vec<(u32, Shares)> = self
            .positions
            .iter()
            .filter(|((s, _), q)| *s == sec && !q.is_zero())
            .map(|((_, h), q)| (*h, *q))
            .collect();
        v.sort_by_key(|(h, _)| *h);
        v
    }

    /// Every non-zero position, as (security, holder, shares).
    pub fn all_positions(&self) -> Vec<(u32, u32, Shares)> {
        let mut v: Vec<(u32, u32, Shares)> = self
            .positions
            .iter()
            .filter(|(_, q)| !q.is_zero())
            .map(|((s, h), q)| (*s, *h, *q))
            .collect();
        v.sort_by_key(|(s, h, _)| (*s, *h));
        v
    }

    pub fn lots(&self, sec: u32, holder: u32) -> Vec<(Date, Shares)> {
        self.lots
            .get(&(sec, holder))
            .map(|l| l.iter().copied().collect())
            .unwrap_or_default()
    }

    fn add_lot(&mut self, sec: u32, holder: u32, date: Date, shares: Shares) {
        self.lots
            .entry((sec, holder))
            .or_default()
            .push_back((date, shares));
    }

    /// Removes `shares` from the oldest lots first; returns the lots taken.
    fn take_lots(&mut self, sec: u32, holder: u32, mut shares: Shares) -> Vec<(Date, Shares)> {
        let mut taken = Vec::new();
        if let Some(lots) = self.lots.get_mut(&(sec, holder)) {
            while !shares.is_zero() {
                let Some(front) = lots.front_mut() else { break };
                if front.1 <= shares {
                    shares = shares.checked_sub(front.1).unwrap_or(Shares::ZERO);
                    taken.push(*front);
                    lots.pop_front();
                } else {
                    front.1 = front.1.checked_sub(shares).unwrap_or(Shares::ZERO);
                    taken.push((front.0, shares));
                    shares = Shares::ZERO;
                }
            }
        }
        taken
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
        let i = sec as usize;
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
        self.positions.insert((sec, holder), pos);
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
        let i = sec as usize;
        let rest = held.checked_sub(shares).map_err(arith)?;
        if to_treasury {
            self.treasury[i] = self.treasury[i].checked_add(shares).map_err(arith)?;
        } else {
            self.issued[i] = self.issued[i].checked_sub(shares).map_err(arith)?;
        }
        self.positions.insert((sec, holder), rest);
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
        self.positions.insert((sec, from), rest);
        self.positions.insert((sec, to), to_pos);
        self.take_lots(sec, from, shares);
        self.add_lot(sec, to, date, shares);
        Ok(())
    }

    /// Multiplies every position, the issued count and treasury of a
    /// security by `factor` (a split, combination or stock dividend).
    /// Positions that would not terminate are rounded down to 4 places (the
    /// fraction is paid in cash by the company; reported by the caller).
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
        let mut new_positions =
            HashMap::with_capacity_and_hasher(self.positions.len(), Default::default());
        let mut total = Shares::ZERO;
        for (&(s, h), &q) in &self.positions {
            if s == sec {
                let n = scale(q)?;
                total = total.checked_add(n).map_err(arith)?;
                new_positions.insert((s, h), n);
            }
        }
        let i = sec as usize;
        let treasury = scale(self.treasury[i])?;
        for (k, v) in new_positions {
            self.positions.insert(k, v);
            // Lots keep their dates; their sizes scale with the position.
            if let Some(lots) = self.lots.get_mut(&k) {
                for lot in lots.iter_mut() {
                    lot.1 = scale(lot.1)?;
                }
            }
        }
        self.treasury[i] = treasury;
        self.issued[i] = total.checked_add(treasury).map_err(arith)?;
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
