//! Votes, waivers, and the series' status for `report`.
//!
//! Votes: the common issuable on conversion of all the shares a holder holds
//! at the close of business on the record date, aggregated per holder and
//! then rounded as the term file's `[votes] rounding` says (the whole number,
//! or the nearest). Waivers: the holders of a majority of the outstanding
//! shares may waive compliance with the provisions the term file lists; the
//! mandatory redemption clause also lets a holder waive the redemption of its
//! own shares.

use crate::state::{Preferred, Waiver};
use crate::terms::VoteRounding;
use calendar::Date;
use serde::Serialize;
use serde_json::json;
use terms::{BookView, HolderId, Outcome, Rejection};
use units::{Computed, Exact, Rounding, Shares};

/// One holder's votes on a record date.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct VoteLine {
    pub holder: HolderId,
    pub shares: Shares,
    /// Common issuable on conversion of all the holder's shares (exact).
    pub as_converted: String,
    /// `as_converted` as a fraction when its decimal does not terminate.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub as_converted_exact: Option<String>,
    /// The whole number of those shares: the holder's votes.
    pub votes: Shares,
}

impl Preferred {
    /// Each holder's votes as of the close of business on `date` (positions
    /// as the view shows them).
    pub fn votes(&self, view: &dyn BookView, date: Date) -> Result<Vec<VoteLine>, Rejection> {
        let ct = self.conversion_terms(date)?;
        let mut out = Vec::new();
        let mode = match self.terms.votes.rounding {
            VoteRounding::Floor => Rounding::TowardZero,
            VoteRounding::Normal => Rounding::HalfUp,
        };
        // Shares surrendered for redemption and unpaid have no vote; a
        // holder left with none is not listed. Each holder's shares are
        // aggregated before rounding (the register holds one position).
        for (holder, shares) in self.holders_with_rights(view) {
            let exact = shares.exact().mul(&ct.ratio);
            let votes = Shares::new(
                exact
                    .round_dp(0, mode)
                    .map_err(|e| crate::state::arith_at(&self.terms, "votes", e))?,
            );
            out.push(VoteLine {
                holder,
                shares,
                as_converted: exact.display(),
                as_converted_exact: exact.exact_form(),
                votes,
            });
        }
        Ok(out)
    }

    /// `vote-record-date`: fixes the votes at the close of business.
    pub fn vote_record_date(&mut self, view: &dyn BookView) -> Result<Outcome, Rejection> {
        let date = view.date();
        let lines = self.votes(view, date)?;
        let ct = self.conversion_terms(date)?;
        let mut out = Outcome::none();
        let (formula, rounded) = match self.terms.votes.rounding {
            VoteRounding::Floor => (
                "whole number of (shares × Conversion Ratio) at the close of business on the record date",
                "whole shares (fraction dropped)",
            ),
            VoteRounding::Normal => (
                "shares × Conversion Ratio at the close of business on the record date, to the nearest whole number",
                "nearest whole vote, a half up, per holder",
            ),
        };
        for l in &lines {
            out.computations.push(
                Computed::new(format!("votes of {}", l.holder), l.votes, formula)
                    .input("shares", l.shares)
                    .input_exact("Conversion Ratio", &ct.ratio)
                    .input("as converted", &l.as_converted)
                    .rounded(rounded)
                    .cite(self.terms.cite("votes")),
            );
        }
        self.vote_records.insert(date, lines);
        Ok(out)
    }

    /// `waive <instrument> <provision>`: a majority waiver, or a waiver of
    /// the mandatory redemption by holders of their own shares.
    pub fn waive(
        &mut self,
        provision: &str,
        holders: &[HolderId],
        view: &dyn BookView,
    ) -> Result<Outcome, Rejection> {
        let waivers = self.terms.cite("waivers");
        let mandatory = self.terms.section("redemption.mandatory");
        if !self.terms.votes.waivable.iter().any(|p| p == provision) {
            return Err(Rejection::new(
                "R0237",
                waivers,
                format!(
                    "`{provision}` is not a provision of the {} that can be waived",
                    self.terms.document_title()
                ),
            )
            .with_help(format!(
                "name a section the term file's `[votes] waivable` lists{}",
                match self.terms.votes.waivable.first() {
                    Some(p) => format!(", e.g. `{p}`"),
                    None => String::new(),
                }
            )));
        }
        let mut total = Exact::zero();
        for h in holders {
            if !view.holder_exists(h) {
                return Err(Rejection::new(
                    "R0236",
                    waivers.clone(),
                    format!("`{h}` is not a declared holder"),
                ));
            }
            let s = view.position(h, &self.security);
            if s.is_zero() {
                return Err(Rejection::new(
                    "R0236",
                    waivers.clone(),
                    format!("{h} holds no shares of {} and cannot waive", self.security),
                ));
            }
            total = total.add(&s.exact());
        }
        let outstanding = view.outstanding(&self.security).exact();
        let majority = total.mul(&Exact::from_int(2)) > outstanding;
        if !majority && provision != mandatory {
            return Err(Rejection::new(
                "R0235",
                waivers.clone(),
                format!(
                    "the waiving holders hold {} of {} outstanding shares, not a majority",
                    total.display(),
                    outstanding.display()
                ),
            ));
        }
        let w = Waiver {
            date: view.date(),
            provision: provision.to_string(),
            holders: holders.to_vec(),
            class_wide: majority,
        };
        let clause = if majority {
            waivers
        } else {
            self.terms.cite("redemption.mandatory")
        };
        let c = Computed::new(
            format!("waiver of {}{provision}", crate::terms::SECTION_SIGN),
            if majority {
                "binds the series"
            } else {
                "the waiving holders' own shares"
            },
            "shares held by the waiving holders vs. a majority of the outstanding shares",
        )
        .input_exact("shares of the waiving holders", &total)
        .input_exact("outstanding", &outstanding)
        .cite(clause);
        self.waivers.push(w);
        Ok(Outcome::none().computed(c))
    }
}

/// The series' status as JSON (for `report` and `status`).
pub fn status_json(p: &Preferred, view: &dyn BookView) -> serde_json::Value {
    let date = view.date();
    let outstanding = view.outstanding(&p.security);
    let ct = match p.conversion_terms(date) {
        Ok(c) => c,
        Err(e) => return json!({ "instrument": p.id, "error": e.to_string() }),
    };
    let votes = p.votes(view, date).unwrap_or_default();
    let holders: Vec<serde_json::Value> = votes
        .iter()
        .map(|v| {
            let mut h = json!({
                "holder": v.holder,
                "shares": v.shares,
                "as_converted": v.as_converted,
                "votes": v.votes,
                "waived_6_2": p.waived_6_2(&v.holder, date),
            });
            if let (Some(f), Some(m)) = (&v.as_converted_exact, h.as_object_mut()) {
                m.insert("as_converted_exact".into(), f.clone().into());
            }
            h
        })
        .collect();
    let accrued = ct.lp.completed_unpaid.add(&ct.lp.accrued);
    let mut out = json!({
        "instrument": p.id,
        "kind": "convertible-preferred",
        "security": p.security,
        "date": date.to_string(),
        "closing_date": p.closing_date.to_string(),
        "shares_outstanding": outstanding,
        "accreted_value": ct.lp.accreted_value.display(),
        "accreted_value_exact": ct.lp.accreted_value.fraction_string(),
        // The status is as of the end of `date`: a payment date that is
        // `date` itself has run (its accretion is in the figures above).
        "next_dividend_payment_date": date.tomorrow().ok().and_then(|t| p.next_dividend_payment_date(t)).map(|d| d.to_string()),
        "cash_declarations": p.declarations.values().collect::<Vec<_>>(),
        "redemption_calls": p.calls,
        "mandatory_redemption_obligation": p.mandatory_obligation_unpaid(view),
        "waivers": p.waivers,
        "dissolved_on": p.dissolved_on.map(|d| d.to_string()),
        "classes": p.classes,
        "holders": holders,
        "change_of_control": control_json(p, date),
        "computations": [ct.ratio_computed, ct.price_computed],
    });
    // Each figure with `<key>_exact` beside it when it does not terminate
    // (docs/cli.md): a reader can check the schedule to the last digit.
    accrued.put_json(&mut out, "accrued_dividends");
    ct.lp.total.put_json(&mut out, "liquidation_preference");
    ct.ratio.put_json(&mut out, "conversion_ratio");
    ct.price.put_json(&mut out, "conversion_price");
    out
}

/// Every Change of Control so far, with its notice, the last day of the
/// election and the elections made.
pub fn control_json(p: &Preferred, date: Date) -> serde_json::Value {
    let days = p.election_days();
    let windows: Vec<serde_json::Value> = p
        .control_windows
        .iter()
        .map(|w| {
            let last = w.last_day(days);
            json!({
                "date": w.change_of_control.date.to_string(),
                "limb": w.change_of_control.clause_letter.to_string(),
                "description": w.change_of_control.description,
                "notice_date": w.notice_date.map(|d| d.to_string()),
                "last_election_day": last.map(|d| d.to_string()),
                "open": w.change_of_control.date <= date && last.is_none_or(|l| date <= l),
                "elections": w.elections,
            })
        })
        .collect();
    json!({
        "occurred": !p.control_windows.is_empty(),
        "windows": windows,
        "directors": p.control.directors(),
        "beneficial_owners": p.control.owners(),
    })
}

/// The series' status as aligned text.
pub fn status_text(p: &Preferred, view: &dyn BookView) -> String {
    use std::fmt::Write as _;
    let date = view.date();
    let mut s = String::new();
    let ct = match p.conversion_terms(date) {
        Ok(c) => c,
        Err(e) => return format!("{}: {e}\n", p.id),
    };
    let accrued = ct.lp.completed_unpaid.add(&ct.lp.accrued);
    let _ = writeln!(s, "{} ({}) as of {date}", p.id, p.security);
    let _ = writeln!(
        s,
        "  shares outstanding      {}",
        view.outstanding(&p.security)
    );
    let t = &p.terms;
    let _ = writeln!(
        s,
        "  Accreted Value          {}  [{}, {}]",
        ct.lp.accreted_value.display(),
        t.cite("definitions"),
        t.sect("dividends.accretion")
    );
    let _ = writeln!(
        s,
        "  accrued dividends       {}  [{}]",
        accrued.display(),
        t.cite("definitions")
    );
    let _ = writeln!(
        s,
        "  Liquidation Preference  {}  [{}]",
        ct.lp.total.display(),
        t.cite("definitions")
    );
    let _ = writeln!(
        s,
        "  Conversion Ratio        {}  [{}]",
        ct.ratio.display(),
        t.cite("conversion.ratio")
    );
    let _ = writeln!(
        s,
        "  Conversion Price        {}  [{}]",
        ct.price.display(),
        t.cite("conversion.ratio")
    );
    if let Some(d) = date
        .tomorrow()
        .ok()
        .and_then(|t| p.next_dividend_payment_date(t))
    {
        let _ = writeln!(
            s,
            "  next Dividend Payment   {d}  [{}]",
            t.cite("dividends.record-date")
        );
    }
    if let Some(on) = p.dissolved_on {
        let _ = writeln!(
            s,
            "  dissolved on {on}: paid its liquidation amount, shares cancelled  [{}]",
            t.cite("liquidation.amount")
        );
    }
    if p.mandatory_obligation_unpaid(view) {
        let _ = writeln!(
            s,
            "  Mandatory Redemption Obligation unpaid  [{}]",
            t.cite("redemption.obligation")
        );
    }
    if let Some(w) = p.control_window_on(date) {
        let last = w.last_day(p.election_days());
        let _ = writeln!(
            s,
            "  Change of Control       {} (limb ({})); notice {}; elections to {}  [{}, {}]",
            w.change_of_control.date,
            w.change_of_control.clause_letter,
            w.notice_date
                .map(|d| d.to_string())
                .unwrap_or_else(|| "not yet sent".into()),
            last.map(|d| d.to_string())
                .unwrap_or_else(|| format!("{} days after the notice", p.election_days())),
            t.cite("definitions"),
            t.sect("change-of-control.put")
        );
    }
    let _ = writeln!(
        s,
        "  {:<24} {:>14} {:>22} {:>12}",
        "holder", "shares", "as converted", "votes"
    );
    for v in p.votes(view, date).unwrap_or_default() {
        let _ = writeln!(
            s,
            "  {:<24} {:>14} {:>22} {:>12}",
            v.holder.as_str(),
            v.shares.to_string(),
            v.as_converted,
            v.votes.to_string()
        );
    }
    s
}
