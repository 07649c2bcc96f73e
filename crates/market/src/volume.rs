//! The Rule 144 volume test: "the average weekly reported volume of trading
//! in such securities ... during the four calendar weeks preceding" the
//! filing of the notice of sale (Rule 144(e)(1)(ii)), which caps how many
//! restricted shares a holder may sell under the registration rights
//! agreement's Rule 144 provisions.
//!
//! The average is exact (total volume over the number of weeks), kept as
//! [`units::Exact`] with a 4-place display value.

use calendar::{Calendar, Date};
use jiff_free::week_start;
use rust_decimal::Decimal;
use units::{Clause, Computed, Exact, Rounding, UnitsError};

use crate::averages::AverageError;
use crate::prices::PriceSeries;

/// The weekly-volume average and its evidence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VolumeAverage {
    /// Exact average shares per week.
    pub value: Exact,
    /// `value` half up to 4 places, display only.
    pub display: Decimal,
    /// Each week's Monday and total volume, ascending.
    pub weeks: Vec<(Date, u64)>,
    /// The computation, for `explain`.
    pub computed: Computed,
}

/// Week arithmetic without jiff's fallible spans.
mod jiff_free {
    use calendar::Date;

    /// The Monday on or before `d`, or `None` before the range starts.
    pub fn week_start(d: Date) -> Option<Date> {
        let back = d.weekday().to_monday_zero_offset();
        let mut cur = d;
        for _ in 0..back {
            cur = cur.yesterday().ok()?;
        }
        Some(cur)
    }
}

/// The average weekly trading volume over the `weeks` (four, for Rule 144)
/// calendar weeks preceding `date`.
///
/// Which weeks: the `weeks` complete calendar weeks, Monday through Sunday,
/// before the week containing `date`. Why: the week of the filing is not
/// over on the filing date, so it is not one of the calendar weeks
/// "preceding" it, and a partial week would understate the average; and a
/// Monday–Sunday week holds one whole Monday–Friday trading week (a
/// Sunday–Saturday week holds the same trading days, so the choice of first
/// day changes nothing except for a filing on a Sunday). A week's volume is
/// the sum over its trading days; every trading day in those weeks must
/// have a reported volume, else all missing days are listed.
pub fn weekly_volume_average(
    series: &PriceSeries,
    date: Date,
    weeks: usize,
) -> Result<VolumeAverage, AverageError> {
    if weeks == 0 {
        return Err(AverageError::EmptyWindow);
    }
    let mut mondays = Vec::new();
    let mut monday = week_start(date);
    while mondays.len() < weeks {
        // The Monday a week earlier.
        let prev = monday.and_then(|m| (0..7).try_fold(m, |d, _| d.yesterday().ok()));
        match prev {
            Some(p) => {
                mondays.push(p);
                monday = Some(p);
            }
            None => break,
        }
    }
    mondays.reverse();
    if mondays.len() < weeks {
        return Err(AverageError::EmptyWindow);
    }
    let mut totals = Vec::with_capacity(mondays.len());
    let mut missing = Vec::new();
    let mut grand: u128 = 0;
    for &m in &mondays {
        let mut week_total: u64 = 0;
        let mut day = Some(m);
        for _ in 0..7 {
            let Some(d) = day else { break };
            if Calendar::Trading.is_open(d) {
                match series.get(d).and_then(|q| q.volume) {
                    Some(v) => week_total = week_total.saturating_add(v),
                    None => missing.push(d),
                }
            }
            day = d.tomorrow().ok();
        }
        grand += u128::from(week_total);
        totals.push((m, week_total));
    }
    if !missing.is_empty() {
        return Err(AverageError::MissingVolumes { dates: missing });
    }
    let total = Exact::from_decimal(Decimal::from_i128_with_scale(
        i128::try_from(grand).unwrap_or(i128::MAX),
        0,
    ));
    let n = i64::try_from(weeks).map_err(|_| UnitsError::Overflow { op: "weeks" })?;
    let value = total.div(&Exact::from_int(n))?;
    let display = value.round_dp(4, Rounding::HalfUp)?;
    let mut computed = Computed::new(
        "average weekly reported volume",
        value.display(),
        format!(
            "(total volume of the {weeks} complete calendar weeks (Mon–Sun) before the week of {date}) / {weeks}"
        ),
    )
    .cite(Clause::new("Rule 144", "(e)(1)(ii)"))
    .input("total volume", grand)
    .input("display (4 dp, half up; display only)", display)
    .rounded("none (exact value kept)");
    for (m, v) in &totals {
        computed = computed.input(format!("week of {m}"), v);
    }
    Ok(VolumeAverage {
        value,
        display,
        weeks: totals,
        computed,
    })
}
