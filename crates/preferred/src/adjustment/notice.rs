//! The notice of an adjustment: the holders are notified of every
//! adjustment, with a schedule of computations of it.
//!
//! A notice is produced for every computed adjustment, including one that
//! falls below the formula's threshold (marked `below_threshold`, with the
//! ratio unchanged), so the `adjustments` command can show why nothing
//! changed. It renders as text (the notice a holder reads) and as JSON.
//! Its labels (the series' designation, the clauses, the threshold) come
//! from the term file.

use calendar::Date;
use serde::Serialize;
use std::collections::BTreeMap;
use terms::InstrumentId;
use units::{Computed, Exact, Rounding};

/// One notice of adjustment with its schedule of computations.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AdjustmentNotice {
    pub instrument: InstrumentId,
    /// The date of the event (issuance, repurchase, split, ...).
    pub date: Date,
    /// Conversions on and after this date use the adjusted ratio (the day
    /// after the record date for a stock dividend).
    pub effective: Date,
    /// The clause applied, e.g. `Certificate \u{a7}4.4.4`.
    pub clause: String,
    /// The event in words.
    pub kind: String,
    /// The Conversion Ratio in effect immediately prior.
    pub ratio_before: Exact,
    /// The Conversion Ratio in effect after (unchanged when below threshold).
    pub ratio_after: Exact,
    /// The ratio the computation produced (equal to `ratio_after` unless
    /// below the threshold).
    pub computed_ratio: Exact,
    pub price_before: Exact,
    pub price_after: Exact,
    /// The numerator of the ratio on the date (the Liquidation Preference,
    /// or the original issue price): the Conversion Price is it ÷ the
    /// Conversion Ratio.
    pub liquidation_preference: Exact,
    /// The clause's fraction, exact.
    pub fraction: Exact,
    /// The same fraction as `numerator/denominator` in lowest terms (the
    /// JSON of `fraction` is a decimal display).
    pub fraction_exact: String,
    /// The fraction as applied (rounded if the rounding reading says so, and
    /// combined with any carried-forward fraction).
    pub fraction_used: Exact,
    /// Relative change of the ratio the computation produced: after ÷ before − 1.
    pub change: Exact,
    /// The figures the computation used, by name.
    pub inputs: Vec<(String, String)>,
    /// The inputs that do not terminate, as fractions, by name.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub inputs_exact: BTreeMap<String, String>,
    /// True when the change is below the threshold and no adjustment was
    /// made.
    pub below_threshold: bool,
    /// True when the sub-threshold change was carried forward.
    pub carried_forward: bool,
    /// The schedule of computations.
    pub computation: Computed,
    /// Labels from the term file, for the text (not part of the JSON).
    #[serde(skip)]
    pub labels: NoticeLabels,
}

/// The words a notice prints that come from the term file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NoticeLabels {
    /// The citation of the notice clause.
    pub notice_clause: String,
    /// The citation of the threshold clause.
    pub threshold_clause: String,
    /// The threshold as a percentage ("1%").
    pub threshold: String,
    /// The series' designation ("Series A Preferred Stock").
    pub designation: String,
}

fn percent(x: &Exact) -> String {
    match x.mul(&Exact::from_int(100)).round_dp(4, Rounding::HalfUp) {
        Ok(d) => format!("{d}%"),
        Err(_) => format!("{}×100%", x.display()),
    }
}

impl AdjustmentNotice {
    /// The notice as a holder reads it.
    pub fn render_text(&self) -> String {
        use std::fmt::Write as _;
        let mut out = String::new();
        let l = &self.labels;
        let _ = writeln!(
            out,
            "NOTICE OF ADJUSTMENT OF CONVERSION RATIO  [{}]",
            l.notice_clause
        );
        let _ = writeln!(out, "{}: {}", l.designation, self.instrument);
        let _ = writeln!(out);
        let _ = writeln!(out, "Event:                    {}", self.kind);
        let _ = writeln!(out, "Date of event:            {}", self.date);
        let _ = writeln!(out, "Clause:                   {}", self.clause);
        let _ = writeln!(
            out,
            "Effective for conversions on and after: {}",
            self.effective
        );
        let _ = writeln!(
            out,
            "Liquidation Preference:   {}",
            self.liquidation_preference
        );
        let _ = writeln!(
            out,
            "Conversion Ratio:         {} -> {}",
            self.ratio_before, self.ratio_after
        );
        let _ = writeln!(
            out,
            "Conversion Price:         {} -> {}",
            self.price_before, self.price_after
        );
        let _ = writeln!(
            out,
            "Fraction:                 {} (exactly {})",
            self.fraction,
            self.fraction.fraction_string()
        );
        if self.fraction_used != self.fraction {
            let _ = writeln!(out, "Fraction as applied:      {}", self.fraction_used);
        }
        let _ = writeln!(out, "Change in ratio:          {}", percent(&self.change));
        let verdict = match (self.below_threshold, self.carried_forward) {
            (false, _) => format!("at least {}: adjustment made", l.threshold),
            (true, true) => format!(
                "below {}: no adjustment now; carried forward (computed ratio {})",
                l.threshold, self.computed_ratio
            ),
            (true, false) => format!(
                "below {}: no adjustment required (computed ratio {})",
                l.threshold, self.computed_ratio
            ),
        };
        let _ = writeln!(out, "Threshold [{}]:  {verdict}", l.threshold_clause);
        let _ = writeln!(out);
        let _ = writeln!(out, "Inputs:");
        for (k, v) in &self.inputs {
            let _ = writeln!(out, "  {k}: {v}");
        }
        let _ = writeln!(out);
        let _ = writeln!(out, "Schedule of computations:");
        for line in self.computation.render().lines() {
            let _ = writeln!(out, "  {line}");
        }
        out
    }

    /// The notice as JSON.
    pub fn to_json(&self) -> serde_json::Value {
        let mut v = serde_json::to_value(self).unwrap_or(serde_json::Value::Null);
        // Each figure with `<key>_exact` when it does not terminate
        // (docs/cli.md, "Exact figures").
        for (key, x) in [
            ("ratio_before", &self.ratio_before),
            ("ratio_after", &self.ratio_after),
            ("computed_ratio", &self.computed_ratio),
            ("price_before", &self.price_before),
            ("price_after", &self.price_after),
            ("liquidation_preference", &self.liquidation_preference),
            ("fraction_used", &self.fraction_used),
            ("change", &self.change),
        ] {
            x.put_json(&mut v, key);
        }
        v
    }
}
