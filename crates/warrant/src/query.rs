//! Queries for the CLI: the warrant's status on a date and the exercise
//! what-if, as pure functions returning serializable structs with
//! `render_text()`.

use crate::event::ShareCount;
use crate::exercise::{ExerciseQuote, Method};
use crate::state::{Dissolved, ExerciseRecord, Reorganized, Warrant};
use crate::statement::{AdjustmentStatement, NoticeOwed};
use calendar::Date;
use serde::Serialize;
use terms::{BookView, HolderId, InstrumentId, Rejection};
use units::{Price, Shares};

/// One holder's warrant.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct HolderLine {
    pub holder: HolderId,
    pub certificate: String,
    pub shares: Shares,
    pub issued: Date,
    pub origin: String,
}

/// An adjustment announced but not yet effective (`price-adjustment.effective-date`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PendingLine {
    pub effective: Date,
    pub record_date: Date,
    pub facts: String,
}

/// The warrant as of a date.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct WarrantStatus {
    pub warrant: InstrumentId,
    pub as_of: Date,
    /// `not issued`, `outstanding`, `exercised in full`, `expired`,
    /// `void (dissolution)`.
    pub state: String,
    pub date_of_initial_issuance: Option<Date>,
    pub expiration_date: Option<Date>,
    pub initial_warrant_price: Option<Price>,
    pub initial_shares: Option<Shares>,
    /// The Warrant Price in effect.
    pub warrant_price: Price,
    /// Warrant Shares purchasable under every live certificate.
    pub shares: Shares,
    pub holders: Vec<HolderLine>,
    pub pending_adjustments: Vec<PendingLine>,
    /// `notices.adjustment-statement` statements, oldest first.
    pub adjustments: Vec<AdjustmentStatement>,
    pub exercises: Vec<ExerciseRecord>,
    /// Shares deemed issued under `price-adjustment.deemed-issuance` and not yet issued (the base).
    pub deemed_outstanding: Shares,
    /// `reorganization`: the reference property the warrant is exercisable for.
    pub reference_property: Option<Reorganized>,
    /// `dissolution`: the dissolution window.
    pub dissolution: Option<Dissolved>,
    /// Notices owed and not recorded as given in time.
    pub notices_outstanding: Vec<NoticeOwed>,
    /// The citations the text names, from the form's term file.
    #[serde(skip)]
    pub marks: StatusMarks,
}

/// The citations (without the document's name) the status text prints.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StatusMarks {
    pub term: String,
    pub deemed_issuance: String,
    pub reorganization: String,
    pub dissolution: String,
}

impl WarrantStatus {
    pub fn render_text(&self) -> String {
        use std::fmt::Write as _;
        let mut o = String::new();
        let _ = writeln!(
            o,
            "Warrant {} as of {}: {}",
            self.warrant, self.as_of, self.state
        );
        if let (Some(d), Some(e)) = (self.date_of_initial_issuance, self.expiration_date) {
            let _ = writeln!(
                o,
                "  Term:                 {d} to {e} ({})",
                self.marks.term
            );
        }
        if let (Some(p), Some(s)) = (self.initial_warrant_price, self.initial_shares) {
            let _ = writeln!(o, "  initial:              {s} shares at ${p}");
        }
        let _ = writeln!(o, "  Warrant Price:        ${}", self.warrant_price);
        let _ = writeln!(o, "  Warrant Shares:       {}", self.shares);
        for h in &self.holders {
            let _ = writeln!(
                o,
                "    {:<24} {:>14}  {} (issued {}, {})",
                h.holder.as_str(),
                h.shares.to_string(),
                h.certificate,
                h.issued,
                h.origin
            );
        }
        if self.deemed_outstanding > Shares::ZERO {
            let _ = writeln!(
                o,
                "  deemed outstanding:   {} ({})",
                self.deemed_outstanding, self.marks.deemed_issuance
            );
        }
        if let Some(r) = &self.reference_property {
            let parts: Vec<String> = r
                .property
                .iter()
                .map(|p| format!("{} {}", p.per_share, p.security))
                .collect();
            let _ = writeln!(
                o,
                "  exercisable for:      {} per Warrant Share since {} ({})",
                parts.join(" + "),
                r.date,
                self.marks.reorganization
            );
        }
        if let Some(d) = &self.dissolution {
            let _ = writeln!(
                o,
                "  dissolution:          notice {}, exercisable until {} ({})",
                d.notice, d.window_end, self.marks.dissolution
            );
        }
        for p in &self.pending_adjustments {
            let _ = writeln!(o, "  pending (effective {}): {}", p.effective, p.facts);
        }
        for e in &self.exercises {
            let _ = writeln!(
                o,
                "  {} {} {} warrant shares -> {} common (holder of record from {})",
                e.date, e.holder, e.warrant_shares, e.common_issued, e.holder_of_record_from
            );
        }
        for n in &self.notices_outstanding {
            let _ = writeln!(o, "  notice owed: [{}] {} due {}", n.clause, n.what, n.due);
        }
        for s in &self.adjustments {
            let _ = write!(o, "{}", s.render_text());
        }
        o
    }
}

impl Warrant {
    /// The warrant's status as of `view.date()`.
    pub fn status_at(&self, view: &dyn BookView) -> WarrantStatus {
        let today = view.date();
        let state = match &self.issue {
            None => "not issued",
            Some(i) if today > i.expiry => "expired",
            Some(_) if matches!(&self.dissolution, Some(d) if today > d.window_end) => {
                "void (dissolution)"
            }
            Some(_) if self.live().next().is_none() => "exercised in full",
            Some(_) => "outstanding",
        };
        let notices_outstanding = self
            .history
            .iter()
            .flat_map(|s| s.notices.iter())
            .filter(|n| !n.timely())
            .cloned()
            .collect();
        WarrantStatus {
            marks: StatusMarks {
                term: self.mark("term"),
                deemed_issuance: self.mark("price-adjustment.deemed-issuance"),
                reorganization: self.mark("reorganization"),
                dissolution: self.mark("dissolution"),
            },
            warrant: self.id.clone(),
            as_of: today,
            state: state.to_string(),
            date_of_initial_issuance: self.issue.as_ref().map(|i| i.date),
            expiration_date: self.issue.as_ref().map(|i| i.expiry),
            initial_warrant_price: self.issue.as_ref().map(|i| i.initial_price_stated),
            initial_shares: self.issue.as_ref().map(|i| i.initial_shares),
            warrant_price: self.price,
            shares: self.total_shares(),
            holders: self
                .live()
                .map(|c| HolderLine {
                    holder: c.holder.clone(),
                    certificate: c.number.clone(),
                    shares: c.shares,
                    issued: c.issued,
                    origin: c.origin.clone(),
                })
                .collect(),
            pending_adjustments: self
                .pending
                .iter()
                .map(|p| PendingLine {
                    effective: p.effective,
                    record_date: p.record_date,
                    facts: p.facts.clone(),
                })
                .collect(),
            adjustments: self.history.clone(),
            exercises: self.exercises.clone(),
            deemed_outstanding: self.deemed_outstanding().unwrap_or(Shares::ZERO),
            reference_property: self.reorganization.clone(),
            dissolution: self.dissolution.clone(),
            notices_outstanding,
        }
    }

    /// What an exercise at `view.date()` would do (cash or net), without
    /// doing it.
    pub fn what_if(
        &self,
        view: &dyn BookView,
        method: Method,
        holder: Option<&HolderId>,
        shares: ShareCount,
    ) -> Result<ExerciseQuote, Rejection> {
        self.quote(view, method, holder, shares, None, None)
    }
}
