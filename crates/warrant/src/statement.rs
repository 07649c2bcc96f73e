//! `notices.adjustment-statement` statements of adjustment and the notices the Company owes.
//!
//! `notices.adjustment-statement`: "Whenever the Warrant Price shall be adjusted as provided in
//! this Section 6, Company shall prepare a statement showing the facts
//! requiring such adjustment and the Warrant Price that shall be in effect
//! after such adjustment." Each adjustment produces one
//! [`AdjustmentStatement`], kept in the warrant's history, printable as text
//! and serializable as JSON, with the computation schedule and the notices
//! owed (`notices.adjustment-statement`, `notices.proposed-action`, `reorganization`, `dissolution`, `notices.extraordinary-dividend`) with their due dates.

use calendar::Date;
use serde::Serialize;
use units::{Clause, Computed, Price, Shares};

/// A notice the Company owes the Holder.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct NoticeOwed {
    pub clause: Clause,
    /// What the notice is.
    pub what: String,
    /// The latest date it may be given (mailed, `notices.delivery`).
    pub due: Date,
    /// The date the journal records it was given, if it was.
    pub given: Option<Date>,
}

impl NoticeOwed {
    /// Whether the recorded notice (if any) was in time.
    pub fn timely(&self) -> bool {
        matches!(self.given, Some(g) if g <= self.due)
    }
}

/// One holder's warrant shares before and after an adjustment.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct HolderAdjustment {
    pub holder: String,
    pub certificate: String,
    pub shares_before: Shares,
    pub shares_after: Shares,
}

/// The `notices.adjustment-statement` statement of one adjustment.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AdjustmentStatement {
    /// 1-based sequence of adjustments of this warrant.
    pub number: u32,
    /// The clause requiring the adjustment (``price-adjustment.issuance``).
    pub clause: Clause,
    /// The facts requiring the adjustment, in words.
    pub facts: String,
    /// The date of the corporate action (or readjustment).
    pub date: Date,
    /// When the adjustment became effective (`price-adjustment.effective-date`).
    pub effective: Date,
    pub price_before: Price,
    pub price_after: Price,
    pub shares_before: Shares,
    pub shares_after: Shares,
    pub holders: Vec<HolderAdjustment>,
    /// The computation schedule (price, then shares per holder).
    pub computations: Vec<Computed>,
    pub notices: Vec<NoticeOwed>,
    /// The citation of the statement clause itself, without the document's
    /// name, for the heading of the text.
    #[serde(skip)]
    pub statement_mark: String,
}

impl AdjustmentStatement {
    /// The statement as the Company would mail it.
    pub fn render_text(&self) -> String {
        use std::fmt::Write as _;
        let mut out = String::new();
        let _ = writeln!(
            out,
            "Statement of adjustment no. {} under {} ({})",
            self.number, self.clause, self.statement_mark
        );
        let _ = writeln!(out, "  date of event:        {}", self.date);
        let _ = writeln!(out, "  effective:            {}", self.effective);
        let _ = writeln!(out, "  facts:                {}", self.facts);
        let _ = writeln!(
            out,
            "  Warrant Price:        ${} -> ${}",
            self.price_before, self.price_after
        );
        let _ = writeln!(
            out,
            "  Warrant Shares:       {} -> {}",
            self.shares_before, self.shares_after
        );
        for h in &self.holders {
            let _ = writeln!(
                out,
                "    {} ({}): {} -> {}",
                h.holder, h.certificate, h.shares_before, h.shares_after
            );
        }
        if !self.notices.is_empty() {
            let _ = writeln!(out, "  notices owed:");
            for n in &self.notices {
                let given = match n.given {
                    Some(g) if g <= n.due => format!("given {g}"),
                    Some(g) => format!("given late on {g}"),
                    None => "not recorded".to_string(),
                };
                let _ = writeln!(
                    out,
                    "    [{}] {} — due {} ({given})",
                    n.clause, n.what, n.due
                );
            }
        }
        let _ = writeln!(out, "  computation:");
        for c in &self.computations {
            for line in c.render().lines() {
                let _ = writeln!(out, "    {line}");
            }
        }
        out
    }
}
