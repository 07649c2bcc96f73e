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
//! and dense, see the registry). A position's acquisition lots are a window
//! (`head..len`, the first lot possibly partly taken) on a log of lots
//! that copies of the ledger share: taking lots only moves the window, and
//! a copy that adds the same lot as the log already holds next (a query
//! replaying forward from a checkpoint adds exactly the lots the full replay
//! added) just widens its window. A copy whose history diverges (a what-if)
//! takes its own copy of its live lots. So a checkpoint costs a few words
//! per position, and replaying from it copies no lots.

use calendar::Date;
use std::sync::{Arc, Mutex, MutexGuard};
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

/// An acquisition lot: when and how many shares.
type Lot = (Date, Shares);

/// A log of lots shared by copies of the ledger (see the module doc).
type Log = Arc<Mutex<Vec<Lot>>>;

/// The log, even if a panic elsewhere poisoned its lock (every change to a
/// log is a single push or truncation, so it is never left half-made).
fn lock(log: &Log) -> MutexGuard<'_, Vec<Lot>> {
    log.lock().unwrap_or_else(|e| e.into_inner())
}

/// Runs `f` on the log: directly when no copy shares it (a plain replay),
/// under its lock otherwise.
fn with_log<R>(log: &mut Log, f: impl FnOnce(&mut Vec<Lot>) -> R) -> R {
    match Arc::get_mut(log) {
        Some(m) => f(m.get_mut().unwrap_or_else(|e| e.into_inner())),
        None => f(&mut lock(log)),
    }
}

/// Whether two lots are the same, representation included.
fn same(a: &Lot, b: &Lot) -> bool {
    a.0 == b.0 && a.1 == b.1 && a.1.value().scale() == b.1.value().scale()
}

/// The acquisition lots of one position, oldest first (first in, first
/// out): `log[head..len]`, the first of them holding `front` shares if some
/// of it was taken (a lot in the log never changes).
#[derive(Clone, Debug, Default)]
struct Lots {
    log: Option<Log>,
    head: usize,
    len: usize,
    front: Option<Shares>,
}

impl Lots {
    fn from_vec(v: Vec<Lot>) -> Lots {
        Lots {
            len: v.len(),
            log: Some(Arc::new(Mutex::new(v))),
            head: 0,
            front: None,
        }
    }

    /// The live lots, the first as partly taken.
    fn live(&self) -> Vec<Lot> {
        let Some(log) = &self.log else {
            return Vec::new();
        };
        let v = lock(log);
        let mut out: Vec<Lot> = v
            .get(self.head..self.len)
            .map(<[Lot]>::to_vec)
            .unwrap_or_default();
        if let Some(first) = out.first_mut() {
            if let Some(f) = self.front {
                first.1 = f;
            }
        }
        out
    }

    /// Adds a lot at the end.
    fn push(&mut self, lot: Lot) {
        let (head, len) = (self.head, self.len);
        let log = self.log.get_or_insert_with(Default::default);
        let own = with_log(log, |v| {
            if v.len() == len {
                v.push(lot);
                return None;
            }
            if v.get(len).is_some_and(|l| same(l, &lot)) {
                // The shared history continues with this very lot.
                return None;
            }
            // This copy's history diverges: it keeps its own live lots.
            let mut own: Vec<Lot> = v.get(head..len).map(<[Lot]>::to_vec).unwrap_or_default();
            own.push(lot);
            Some(own)
        });
        match own {
            None => self.len += 1,
            Some(own) => *self = Lots::from_vec(own).with_front(self.front),
        }
    }

    fn with_front(mut self, front: Option<Shares>) -> Lots {
        self.front = front;
        self
    }

    /// Removes `shares` from the oldest lots first (as far as there are lots).
    fn take(&mut self, mut shares: Shares) {
        let Some(log) = &mut self.log else { return };
        let (mut head, len, mut partial) = (self.head, self.len, self.front);
        with_log(log, |v| {
            while !shares.is_zero() && head < len {
                let Some(&(_, q)) = v.get(head) else {
                    break;
                };
                // The same steps as on a queue of lots whose front
                // shrinks: the same values, the same representation.
                let front = partial.unwrap_or(q);
                if front <= shares {
                    shares = shares.checked_sub(front).unwrap_or(Shares::ZERO);
                    head += 1;
                    partial = None;
                } else {
                    partial = Some(front.checked_sub(shares).unwrap_or(Shares::ZERO));
                    shares = Shares::ZERO;
                }
            }
        });
        // A log no copy shares forgets the lots taken once they are most of it.
        if head > 16 && head * 2 > len {
            if let Some(v) = Arc::get_mut(log) {
                let v = v.get_mut().unwrap_or_else(|e| e.into_inner());
                if v.len() == len {
                    v.drain(..head);
                    self.head = 0;
                    self.len = len - head;
                    self.front = partial;
                    return;
                }
            }
        }
        self.head = head;
        self.front = partial;
    }
}

/// One holder's position in one security.
#[derive(Clone, Debug, Default)]
struct Holding {
    shares: Shares,
    lots: Lots,
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

    /// Issued shares less treasury shares (the documents' "outstanding").
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
            .map(|h| h.lots.live())
            .unwrap_or_default()
    }

    fn add_lot(&mut self, sec: u32, holder: u32, date: Date, shares: Shares) {
        self.holding_mut(sec, holder).lots.push((date, shares));
    }

    /// Removes `shares` from the oldest lots first.
    fn take_lots(&mut self, sec: u32, holder: u32, shares: Shares) {
        self.holding_mut(sec, holder).lots.take(shares);
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
    /// A position that would not terminate (a 1-for-3 combination of 100
    /// shares) is rounded down to 4 places; the result says whether any was,
    /// so the caller can report it (docs/interpretations.md, "Subdivisions
    /// that do not divide evenly"). Everything is computed before anything
    /// is written.
    pub fn subdivide(&mut self, sec: u32, factor: &units::Exact) -> Result<bool, LedgerError> {
        self.ensure(sec);
        let rounded = std::cell::Cell::new(false);
        let scale = |q: Shares| -> Result<Shares, LedgerError> {
            let x = q.exact().mul(factor);
            match x.to_decimal_exact() {
                Ok(d) => Ok(Shares::new(d)),
                Err(_) => {
                    rounded.set(true);
                    x.round_dp(4, units::Rounding::TowardZero)
                        .map(Shares::new)
                        .map_err(arith)
                }
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
                let lots = match &h.lots.log {
                    Some(_) => Lots::from_vec(
                        h.lots
                            .live()
                            .into_iter()
                            .map(|(d, q)| scale(q).map(|q| (d, q)))
                            .collect::<Result<Vec<Lot>, _>>()?,
                    ),
                    None => Lots::default(),
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
        Ok(rounded.get())
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

    #[test]
    fn copies_share_lots_until_their_histories_diverge() {
        let n = Shares::from_int;
        let mut l = Ledger::default();
        l.issue(0, 1, n(100), d(2000, 1, 1), false).unwrap();
        l.issue(0, 2, n(1), d(2000, 1, 15), false).unwrap();
        l.issue(0, 1, n(50), d(2000, 2, 1), false).unwrap();
        let checkpoint = l.clone();
        // The original goes on: 120 of holder 1's 150 go to holder 2 (FIFO:
        // the whole 2000-01-01 lot of 100, then 20 of the 2000-02-01 lot).
        l.transfer(0, 1, 2, n(120), d(2000, 3, 1)).unwrap();
        assert_eq!(l.lots(0, 1), vec![(d(2000, 2, 1), n(30))]);
        let after = vec![(d(2000, 1, 15), n(1)), (d(2000, 3, 1), n(120))];
        assert_eq!(l.lots(0, 2), after);
        // The checkpoint still sees its own past.
        assert_eq!(
            checkpoint.lots(0, 1),
            vec![(d(2000, 1, 1), n(100)), (d(2000, 2, 1), n(50))]
        );
        assert_eq!(checkpoint.lots(0, 2), vec![(d(2000, 1, 15), n(1))]);
        // Replaying the same transfer from the checkpoint shares the log.
        let mut again = checkpoint.clone();
        again.transfer(0, 1, 2, n(120), d(2000, 3, 1)).unwrap();
        assert_eq!(again.lots(0, 2), after);
        assert_eq!(again.lots(0, 1), l.lots(0, 1));
        let log = |l: &Ledger| l.holding(0, 2).and_then(|h| h.lots.log.clone());
        assert!(Arc::ptr_eq(&log(&again).unwrap(), &log(&l).unwrap()));
        // A different transfer from the checkpoint diverges: 10 on
        // 2000-03-02 instead; the original's lots are untouched.
        let mut what_if = checkpoint.clone();
        what_if.transfer(0, 1, 2, n(10), d(2000, 3, 2)).unwrap();
        let diverged = vec![(d(2000, 1, 15), n(1)), (d(2000, 3, 2), n(10))];
        assert_eq!(what_if.lots(0, 2), diverged);
        assert!(!Arc::ptr_eq(&log(&what_if).unwrap(), &log(&l).unwrap()));
        assert_eq!(l.lots(0, 2), after);
        // And the original can still extend its own history.
        l.transfer(0, 1, 2, n(5), d(2000, 4, 1)).unwrap();
        assert_eq!(
            l.lots(0, 2),
            vec![
                (d(2000, 1, 15), n(1)),
                (d(2000, 3, 1), n(120)),
                (d(2000, 4, 1), n(5))
            ]
        );
        assert_eq!(what_if.lots(0, 2), diverged);
        assert_eq!(again.lots(0, 2), after);
    }

    /// The lots as the ledger kept them before they were shared: one queue
    /// per position, first in, first out (the reference for the property
    /// test below).
    #[derive(Clone, Default)]
    struct Reference {
        lots: std::collections::HashMap<(u32, u32), std::collections::VecDeque<Lot>>,
    }

    impl Reference {
        fn add(&mut self, k: (u32, u32), lot: Lot) {
            self.lots.entry(k).or_default().push_back(lot);
        }
        fn take(&mut self, k: (u32, u32), mut shares: Shares) {
            if let Some(lots) = self.lots.get_mut(&k) {
                while !shares.is_zero() {
                    let Some(front) = lots.front_mut() else { break };
                    if front.1 <= shares {
                        shares = shares.checked_sub(front.1).unwrap();
                        lots.pop_front();
                    } else {
                        front.1 = front.1.checked_sub(shares).unwrap();
                        shares = Shares::ZERO;
                    }
                }
            }
        }
        fn get(&self, k: (u32, u32)) -> Vec<Lot> {
            self.lots
                .get(&k)
                .map(|l| l.iter().copied().collect())
                .unwrap_or_default()
        }
    }

    #[derive(Clone, Debug)]
    enum Op {
        Issue(u32, i64),
        Cancel(u32, i64),
        Transfer(u32, u32, i64),
        Split(i64, i64),
        /// Go on from a copy made `n` operations ago (a checkpoint).
        Resume(usize),
    }

    fn op() -> impl proptest::strategy::Strategy<Value = Op> {
        use proptest::prelude::*;
        prop_oneof![
            4 => (0u32..4, 0i64..50).prop_map(|(h, n)| Op::Issue(h, n)),
            2 => (0u32..4, 0i64..60).prop_map(|(h, n)| Op::Cancel(h, n)),
            6 => (0u32..4, 0u32..4, 0i64..60).prop_map(|(a, b, n)| Op::Transfer(a, b, n)),
            1 => prop_oneof![Just(Op::Split(3, 2)), Just(Op::Split(1, 3)), Just(Op::Split(2, 1))],
            2 => (0usize..8).prop_map(Op::Resume),
        ]
    }

    proptest::proptest! {
        /// Whatever the operations, and from whichever copy they go on,
        /// every position's lots are what one FIFO queue per position gives.
        #[test]
        fn lots_are_fifo_queues_whatever_copies_share(ops in proptest::collection::vec(op(), 0..80)) {
            let mut l = Ledger::default();
            let mut r = Reference::default();
            let mut saved: Vec<(Ledger, Reference)> = Vec::new();
            let mut day = d(2000, 1, 1);
            for o in ops {
                day = day.tomorrow().unwrap();
                saved.push((l.clone(), r.clone()));
                match o {
                    Op::Issue(h, n) => {
                        let q = Shares::from_int(n);
                        if l.issue(0, h, q, day, false).is_ok() {
                            r.add((0, h), (day, q));
                        }
                    }
                    Op::Cancel(h, n) => {
                        let q = Shares::from_int(n);
                        if l.cancel(0, h, q, false).is_ok() {
                            r.take((0, h), q);
                        }
                    }
                    Op::Transfer(a, b, n) => {
                        let q = Shares::from_int(n);
                        if l.transfer(0, a, b, q, day).is_ok() {
                            r.take((0, a), q);
                            r.add((0, b), (day, q));
                        }
                    }
                    Op::Split(num, den) => {
                        let f = units::Exact::ratio(num, den).unwrap();
                        l.subdivide(0, &f).unwrap();
                        let scale = |q: Shares| {
                            let x = q.exact().mul(&f);
                            x.to_decimal_exact().map(Shares::new).unwrap_or_else(|_| {
                                Shares::new(x.round_dp(4, units::Rounding::TowardZero).unwrap())
                            })
                        };
                        for lots in r.lots.values_mut() {
                            for lot in lots.iter_mut() {
                                lot.1 = scale(lot.1);
                            }
                        }
                    }
                    Op::Resume(n) => {
                        let i = saved.len().saturating_sub(n + 1);
                        let (sl, sr) = saved[i].clone();
                        l = sl;
                        r = sr;
                    }
                }
                for h in 0..4 {
                    let (got, want) = (l.lots(0, h), r.get((0, h)));
                    proptest::prop_assert_eq!(got.len(), want.len());
                    for (g, w) in got.iter().zip(&want) {
                        proptest::prop_assert!(same(g, w), "{:?} != {:?}", g, w);
                    }
                }
            }
            // Every saved copy still sees its own lots.
            for (sl, sr) in &saved {
                for h in 0..4 {
                    proptest::prop_assert_eq!(sl.lots(0, h), sr.get((0, h)));
                }
            }
        }
    }
}
