//! Awards (Exhibit A "Award") and their vesting (`awards.vesting`).
//!
//! An Award is one of the nine kinds Exhibit A lists. What a kind changes is
//! which `limits.per-person` limit it counts against, whether it requires exercise (`exercise`)
//! or not (`awards.not-requiring-exercise`), and whether its shares are delivered at grant (Restricted
//! and Unrestricted Stock) or later. Share figures of an award are kept as
//! `Exact` so that a `covered-transaction` adjustment by a non-integral factor loses nothing;
//! every figure that is delivered is a whole share (`pool.no-fractional-shares`).

use calendar::Date;
use serde::Serialize;
use terms::HolderId;
use units::{Exact, Money, Price, Rounding, Shares};

/// The kinds of Award in Exhibit A.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum AwardKind {
    /// A Stock Option the Administrator expressly designates an ISO
    /// (Exhibit A "ISO").
    Iso,
    /// Any other Stock Option.
    Nso,
    Sar,
    Restricted,
    Unrestricted,
    Deferred,
    /// Securities convertible into or exchangeable for Stock.
    Convertible,
    /// A Performance Award other than a Cash Performance Award.
    Performance,
    CashPerformance,
    /// A grant of cash made in connection with another Award.
    CashGrant,
    /// A loan made in connection with another Award.
    Loan,
}

/// Which `limits.per-person` limit an Award counts against.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum LimitCategory {
    Options,
    Sars,
    Other,
}

impl AwardKind {
    pub const NAMES: &'static [(&'static str, AwardKind)] = &[
        ("iso", AwardKind::Iso),
        ("nso", AwardKind::Nso),
        ("sar", AwardKind::Sar),
        ("restricted", AwardKind::Restricted),
        ("unrestricted", AwardKind::Unrestricted),
        ("deferred", AwardKind::Deferred),
        ("convertible", AwardKind::Convertible),
        ("performance", AwardKind::Performance),
        ("cash-performance", AwardKind::CashPerformance),
        ("cash-grant", AwardKind::CashGrant),
        ("loan", AwardKind::Loan),
    ];

    pub fn parse(s: &str) -> Option<AwardKind> {
        AwardKind::NAMES
            .iter()
            .find(|(n, _)| *n == s)
            .map(|(_, k)| *k)
    }

    pub fn name(self) -> &'static str {
        AwardKind::NAMES
            .iter()
            .find(|(_, k)| *k == self)
            .map(|(n, _)| *n)
            .unwrap_or("?")
    }

    pub fn is_option(self) -> bool {
        matches!(self, AwardKind::Iso | AwardKind::Nso)
    }

    /// "Awards requiring exercise" (`exercise`).
    pub fn requires_exercise(self) -> bool {
        matches!(
            self,
            AwardKind::Iso | AwardKind::Nso | AwardKind::Sar | AwardKind::Convertible
        )
    }

    /// Options and SARs: the Awards `awards.termination.death`–(C) keep exercisable after
    /// cessation of service.
    pub fn is_option_or_sar(self) -> bool {
        matches!(self, AwardKind::Iso | AwardKind::Nso | AwardKind::Sar)
    }

    /// Awards denominated in cash, not shares.
    pub fn is_cash(self) -> bool {
        matches!(
            self,
            AwardKind::CashPerformance | AwardKind::CashGrant | AwardKind::Loan
        )
    }

    /// Stock delivered when the Award is made (`awards.not-requiring-exercise`).
    pub fn delivered_at_grant(self) -> bool {
        matches!(self, AwardKind::Restricted | AwardKind::Unrestricted)
    }

    /// The `limits.per-person` limit the Award counts against; cash Awards count against
    /// none (their limit is `limits.performance`).
    pub fn limit_category(self) -> Option<LimitCategory> {
        match self {
            AwardKind::Iso | AwardKind::Nso => Some(LimitCategory::Options),
            AwardKind::Sar => Some(LimitCategory::Sars),
            AwardKind::Restricted
            | AwardKind::Unrestricted
            | AwardKind::Deferred
            | AwardKind::Convertible
            | AwardKind::Performance => Some(LimitCategory::Other),
            AwardKind::CashPerformance | AwardKind::CashGrant | AwardKind::Loan => None,
        }
    }
}

/// The forms of payment of an exercise price (`exercise.payment`), plus the hold
/// back of shares `pool.held-back` contemplates.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PaymentForm {
    Cash,
    Check,
    /// (i) delivery of previously owned shares.
    Shares,
    /// (ii) a promissory note.
    Note,
    /// (iii) a broker's undertaking.
    Broker,
    /// Shares held back from the exercise (`pool.held-back`).
    HoldBack,
}

impl PaymentForm {
    pub const NAMES: &'static [(&'static str, PaymentForm)] = &[
        ("cash", PaymentForm::Cash),
        ("check", PaymentForm::Check),
        ("shares", PaymentForm::Shares),
        ("note", PaymentForm::Note),
        ("broker", PaymentForm::Broker),
        ("hold-back", PaymentForm::HoldBack),
    ];

    pub fn parse(s: &str) -> Option<PaymentForm> {
        PaymentForm::NAMES
            .iter()
            .find(|(n, _)| *n == s)
            .map(|(_, k)| *k)
    }

    pub fn name(self) -> &'static str {
        PaymentForm::NAMES
            .iter()
            .find(|(_, k)| *k == self)
            .map(|(n, _)| *n)
            .unwrap_or("?")
    }
}

/// When an Award vests (`awards.vesting`: "the time or times at which an Award will
/// vest ... or become exercisable").
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Vesting {
    /// Fully vested when made.
    Immediate,
    /// Cumulative fractions of the Award vesting on dates (a cliff is one
    /// date with fraction 1).
    Dates { steps: Vec<(Date, Exact)> },
    /// `count` equal instalments every `months` months from `start`.
    Periodic {
        start: Date,
        count: u32,
        months: i32,
    },
    /// Vests only as the Committee certifies that Performance Criteria are
    /// attained (`awards.performance-qualified`).
    Performance,
}

impl Vesting {
    /// Parses the `vesting:` metadata of a grant:
    /// `immediate`, `cliff <date|Nm>`, `periodic <count> x <N>m [from <date>]`,
    /// `dates <date>:<shares> ...`, `performance`. Share counts of `dates`
    /// must add up to the Award.
    pub fn parse(text: &str, granted: Date, total: Shares) -> Result<Vesting, String> {
        let words: Vec<&str> = text.split_whitespace().collect();
        let months = |w: &str| -> Result<i32, String> {
            w.strip_suffix('m')
                .and_then(|n| n.parse::<i32>().ok())
                .filter(|n| *n > 0)
                .ok_or_else(|| format!("`{w}` is not a number of months like `12m`"))
        };
        let date_or_months = |w: &str| -> Result<Date, String> {
            if w.ends_with('m') {
                Ok(calendar::add_months(granted, months(w)?))
            } else {
                terms::fields::parse_date(w)
            }
        };
        match words.as_slice() {
            ["immediate"] => Ok(Vesting::Immediate),
            ["performance"] => Ok(Vesting::Performance),
            ["cliff", w] => Ok(Vesting::Dates {
                steps: vec![(date_or_months(w)?, Exact::one())],
            }),
            ["periodic", n, "x", m, rest @ ..] => {
                let count = n
                    .parse::<u32>()
                    .ok()
                    .filter(|c| *c > 0 && *c <= 1200)
                    .ok_or_else(|| format!("`{n}` is not a number of instalments"))?;
                let months = months(m)?;
                let start = match rest {
                    [] => granted,
                    ["from", d] => terms::fields::parse_date(d)?,
                    _ => return Err("write `periodic <count> x <N>m [from <date>]`".into()),
                };
                Ok(Vesting::Periodic { start, count, months })
            }
            ["dates", steps @ ..] if !steps.is_empty() => {
                if total.is_zero() {
                    return Err("a `dates` schedule needs a share count".into());
                }
                let mut out: Vec<(Date, Exact)> = Vec::new();
                let mut cumulative = Exact::zero();
                for s in steps {
                    let (d, n) = s
                        .split_once(':')
                        .ok_or_else(|| format!("`{s}` is not `<date>:<shares>`"))?;
                    let d = terms::fields::parse_date(d)?;
                    let n = Shares::parse(n).map_err(|e| e.to_string())?;
                    if !n.is_whole() || n.is_negative() || n.is_zero() {
                        return Err(format!("`{s}`: vesting instalments are whole shares (no fractional share is delivered)"));
                    }
                    if out.last().is_some_and(|(p, _)| *p >= d) {
                        return Err("vesting dates must be in increasing order".into());
                    }
                    cumulative = cumulative.add(&n.exact());
                    let frac = cumulative.div(&total.exact()).map_err(|e| e.to_string())?;
                    out.push((d, frac));
                }
                if cumulative != total.exact() {
                    return Err(format!(
                        "the instalments add up to {} shares, not the {} shares of the Award",
                        cumulative, total
                    ));
                }
                Ok(Vesting::Dates { steps: out })
            }
            _ => Err(format!(
                "`{text}` is not a vesting schedule (immediate | cliff <date|Nm> | periodic <n> x <N>m [from <date>] | dates <date>:<shares> ... | performance)"
            )),
        }
    }

    /// The vested fraction of the Award on `d` by the schedule alone
    /// (performance vesting is recorded on the award by certification).
    pub fn fraction(&self, d: Date) -> Exact {
        match self {
            Vesting::Immediate => Exact::one(),
            Vesting::Performance => Exact::zero(),
            Vesting::Dates { steps } => steps
                .iter()
                .rev()
                .find(|(on, _)| *on <= d)
                .map(|(_, f)| f.clone())
                .unwrap_or_else(Exact::zero),
            Vesting::Periodic {
                start,
                count,
                months,
            } => {
                let mut k: u32 = 0;
                for i in 1..=*count {
                    let step = i32::try_from(i).unwrap_or(i32::MAX).saturating_mul(*months);
                    if calendar::add_months(*start, step) <= d {
                        k = i;
                    } else {
                        break;
                    }
                }
                Exact::ratio(i64::from(k), i64::from(*count)).unwrap_or_else(|_| Exact::zero())
            }
        }
    }

    /// The fraction first vesting on each date (Immediate: all on the grant
    /// date; Performance: unknown, none).
    pub fn increments(&self, granted: Date) -> Vec<(Date, Exact)> {
        match self {
            Vesting::Immediate => vec![(granted, Exact::one())],
            Vesting::Performance => Vec::new(),
            Vesting::Dates { steps } => {
                let mut prev = Exact::zero();
                steps
                    .iter()
                    .map(|(d, f)| {
                        let inc = f.sub(&prev);
                        prev = f.clone();
                        (*d, inc)
                    })
                    .collect()
            }
            Vesting::Periodic { count, .. } => {
                let each = Exact::ratio(1, i64::from(*count)).unwrap_or_else(|_| Exact::zero());
                self.dates()
                    .into_iter()
                    .map(|d| (d, each.clone()))
                    .collect()
            }
        }
    }

    /// Dates on which the schedule vests something, for display.
    pub fn dates(&self) -> Vec<Date> {
        match self {
            Vesting::Dates { steps } => steps.iter().map(|(d, _)| *d).collect(),
            Vesting::Periodic {
                start,
                count,
                months,
            } => (1..=*count)
                .map(|i| {
                    calendar::add_months(
                        *start,
                        i32::try_from(i).unwrap_or(i32::MAX).saturating_mul(*months),
                    )
                })
                .collect(),
            _ => Vec::new(),
        }
    }
}

/// Where delivered Stock comes from (`pool.no-fractional-shares` "authorized but unissued Stock or
/// previously issued Stock ... held in treasury").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Source {
    New,
    Treasury,
}

/// How an SAR is settled (Exhibit A "SARs": "cash or Stock, as the
/// Administrator determines").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Settlement {
    Cash,
    Stock,
}

/// Where an Award stands.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "status", rename_all = "kebab-case")]
pub enum AwardStatus {
    Active,
    /// Every share exercised, delivered or paid.
    Completed {
        on: Date,
    },
    /// Ended with shares unexercised or undelivered (expiry, forfeiture,
    /// termination for cause, Covered Transaction, non-attainment).
    Terminated {
        on: Date,
        why: String,
    },
    /// Extinguished for cash or other property with consent (`awards.alternative-settlement`).
    Settled {
        on: Date,
    },
    /// Assumed or substituted by an acquiring or surviving entity (`covered-transaction`).
    Assumed {
        on: Date,
        by: String,
    },
}

/// The Committee's certification of Performance Criteria (`awards.performance-qualified`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Certification {
    pub on: Date,
    pub attained: bool,
    /// The fraction of the Award earned.
    pub fraction: Exact,
}

/// One Award.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Award {
    pub id: String,
    pub kind: AwardKind,
    /// The Participant to whom the Award was granted (service cessation is
    /// theirs, `awards.vesting`).
    pub participant: HolderId,
    /// Who holds the Award now (differs after a transfer by will or
    /// descent, `awards.transferability`).
    pub holder: HolderId,
    pub granted: Date,
    /// Shares subject to the Award as granted (before any `covered-transaction` adjustment).
    pub granted_shares: Shares,
    /// Shares subject to the Award now, in current units (after `covered-transaction`).
    pub total: Exact,
    /// Shares exercised or delivered (current units).
    pub exercised: Exact,
    /// Shares that stopped being subject to the Award without delivery
    /// (forfeited, expired, settled in cash, assumed), current units.
    pub returned: Exact,
    /// Cash amount of a cash Award (maximum payable, or the grant or loan).
    pub amount: Option<Money>,
    /// Cash paid under a Cash Performance Award.
    pub paid: Money,
    pub exercise_price: Option<Price>,
    /// Fair market value of the Stock on the grant date, when known.
    pub fmv_at_grant: Option<Exact>,
    pub vesting: Vesting,
    /// The Award's original term: the last day it may be exercised.
    pub expiry: Option<Date>,
    pub qualify_162m: bool,
    pub performance_period: Option<(Date, Date)>,
    /// `limits.performance`: the "fiscal year of the Company" in which the performance
    /// period ends, fixed at grant from the book's declared fiscal year end
    /// (`None` for other Awards, or when the book declares none).
    pub fiscal_year: Option<i16>,
    pub certification: Option<Certification>,
    pub payment_forms: Vec<PaymentForm>,
    pub reload: bool,
    /// `awards.dividend-equivalents`: amounts in lieu of cash dividends on the shares under the Award.
    pub dividend_equivalents: bool,
    pub transferable: bool,
    pub source: Source,
    pub settlement: Settlement,
    /// Per-share consideration for Restricted or Unrestricted Stock (`awards.not-requiring-exercise`).
    pub consideration: Option<Price>,
    /// The award this cash grant or loan relates to.
    pub related_to: Option<String>,
    /// `covered-transaction` acceleration: fully vested from this date.
    pub accelerated: Option<Date>,
    /// The Participant's service ended (vesting stops, `awards.vesting`).
    pub service_ended: Option<Date>,
    /// The last date an Award requiring exercise may be exercised after
    /// cessation of service (`awards.termination.death`/(B)).
    pub post_service_last: Option<Date>,
    pub status: AwardStatus,
    /// Cumulative `covered-transaction` adjustment factor.
    pub adjustment_factor: Exact,
    /// `administration`: "unless the Administrator expressly reserved the right to do so
    /// in writing at the time of such communication" — the Award may be
    /// altered adversely without the Participant's consent.
    pub alteration_reserved: bool,
    /// `awards.vesting` "Unless the Administrator expressly provides otherwise": the
    /// months an exercisable Option or SAR stays exercisable after death
    /// (none: the Plan's one year, (A)).
    pub after_death_months: Option<i32>,
    /// The same after any other cessation (none: the Plan's three months,
    /// (B)).
    pub after_cessation_months: Option<i32>,
}

fn floor_whole(x: &Exact) -> Exact {
    x.round_dp(0, Rounding::Floor)
        .map(Exact::from_decimal)
        .unwrap_or_else(|_| Exact::zero())
}

impl Award {
    pub fn is_active(&self) -> bool {
        self.status == AwardStatus::Active
    }

    /// Shares still subject to the Award (neither delivered nor returned).
    pub fn outstanding(&self) -> Exact {
        let o = self.total.sub(&self.exercised).sub(&self.returned);
        if o.is_negative() {
            Exact::zero()
        } else {
            o
        }
    }

    /// The vested fraction on `d`: the schedule (or certification), frozen at
    /// cessation of service, and whole from a `covered-transaction` acceleration.
    pub fn vested_fraction(&self, d: Date) -> Exact {
        if self.accelerated.is_some_and(|a| a <= d) {
            return Exact::one();
        }
        let d = match self.service_ended {
            Some(end) if end < d => end,
            _ => d,
        };
        match self.vesting {
            Vesting::Performance => match &self.certification {
                Some(c) if c.on <= d && c.attained => c.fraction.clone(),
                _ => Exact::zero(),
            },
            _ => self.vesting.fraction(d),
        }
    }

    /// Vested shares on `d`, in whole shares (`pool.no-fractional-shares`).
    pub fn vested(&self, d: Date) -> Exact {
        floor_whole(&self.total.mul(&self.vested_fraction(d)))
    }

    /// The last date the Award may be exercised: its original term, cut to
    /// the `awards.vesting` window after cessation of service.
    pub fn last_exercise_date(&self) -> Option<Date> {
        match (self.expiry, self.post_service_last) {
            (Some(e), Some(p)) => Some(e.min(p)),
            (e, p) => e.or(p),
        }
    }

    /// Shares that may be exercised on `d` (whole shares).
    pub fn exercisable(&self, d: Date) -> Exact {
        if !self.is_active() || !self.kind.requires_exercise() {
            return Exact::zero();
        }
        if self.last_exercise_date().is_some_and(|l| d > l) {
            return Exact::zero();
        }
        let vested_unexercised = self.vested(d).sub(&self.exercised);
        let x = vested_unexercised.min(self.outstanding());
        if x.is_negative() {
            Exact::zero()
        } else {
            floor_whole(&x)
        }
    }

    /// The fiscal-year bucket of a Cash Performance Award (`limits.performance` (A)/(B)).
    pub fn multi_year(&self) -> bool {
        match self.performance_period {
            Some((s, e)) => calendar::anniversary(s, 1) <= e,
            None => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        terms::fields::parse_date(s).unwrap()
    }

    #[test]
    fn vesting_forms() {
        let g = d("2000-01-31");
        let total = Shares::from_int(1000);
        // `cliff 1m` from 2000-01-31: 2000-02-29 (month-end clamped).
        let v = Vesting::parse("cliff 1m", g, total).unwrap();
        assert_eq!(v.fraction(d("2000-02-28")), Exact::zero());
        assert_eq!(v.fraction(d("2000-02-29")), Exact::one());
        // 4 quarterly instalments from 2000-03-01: k/4 after each.
        let v = Vesting::parse("periodic 4 x 3m from 2000-03-01", g, total).unwrap();
        assert_eq!(v.fraction(d("2000-09-01")), Exact::ratio(2, 4).unwrap());
        assert_eq!(v.dates().len(), 4);
        assert!(Vesting::parse("periodic 0 x 3m", g, total).is_err());
        assert!(Vesting::parse("dates 2000-06-01:600 2000-05-01:400", g, total).is_err());
        assert!(Vesting::parse("dates 2000-06-01:0.5", g, total).is_err());
        assert!(Vesting::parse("whenever", g, total).is_err());
    }

    #[test]
    fn limit_categories() {
        assert_eq!(
            AwardKind::Iso.limit_category(),
            Some(LimitCategory::Options)
        );
        assert_eq!(AwardKind::Sar.limit_category(), Some(LimitCategory::Sars));
        assert_eq!(
            AwardKind::Deferred.limit_category(),
            Some(LimitCategory::Other)
        );
        assert_eq!(AwardKind::CashPerformance.limit_category(), None);
        assert!(AwardKind::Convertible.requires_exercise());
        assert!(!AwardKind::Convertible.is_option_or_sar());
    }
}
