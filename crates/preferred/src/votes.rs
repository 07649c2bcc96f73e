//! CoD §9.1 votes, §10(d) waivers, and the series' status for `report`.
//!
//! Votes: "the whole number of shares of the Corporation's Common Stock
//! issuable upon conversion of all shares of Series B Preferred Stock held by
//! such holder immediately after the close of business on the record date".
//! Waivers: "The holders of a majority of the outstanding shares ... may waive
//! compliance by the Corporation with any provision"; §6.2 also lets a holder
//! waive the mandatory redemption of its own shares.

use crate::state::{cod, Preferred, Waiver};
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

/// The sections a waiver may name (the CoD's numbered provisions).
pub const PROVISIONS: &[&str] = &[
    "3", "3.1", "3.2", "3.3", "4", "4.1", "4.2", "4.3", "4.4", "4.5", "5", "6", "6.1", "6.2",
    "6.3", "6.4", "6.5", "7", "7.1", "7.2", "7.3", "8", "8.1", "8.2", "8.3", "8.4", "8.5", "8.6",
    "8.7", "8.8", "8.9", "8.10", "9", "9.1",
];

impl Preferred {
    /// CoD §9.1: each holder's votes as of the close of business on `date`
    /// (positions as the view shows them).
    pub fn votes(&self, view: &dyn BookView, date: Date) -> Result<Vec<VoteLine>, Rejection> {
        let ct = self.conversion_terms(date)?;
        let mut out = Vec::new();
        // §7.3: shares surrendered for redemption under §6.3(a) and unpaid
        // have no vote; a holder left with none is not listed.
        for (holder, shares) in self.holders_with_rights(view) {
            let exact = shares.exact().mul(&ct.ratio);
            let votes = Shares::new(
                exact
                    .round_dp(0, Rounding::TowardZero)
                    .map_err(|e| crate::state::arith("9.1", e))?,
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
        for l in &lines {
            out.computations.push(
                Computed::new(
                    format!("votes of {}", l.holder),
                    l.votes,
                    "whole number of (shares × Conversion Ratio) at the close of business on the record date",
                )
                .input("shares", l.shares)
                .input_exact("Conversion Ratio", &ct.ratio)
                .input("as converted", &l.as_converted)
                .rounded("whole shares (fraction dropped)")
                .cite(cod("9.1")),
            );
        }
        self.vote_records.insert(date, lines);
        Ok(out)
    }

    /// `waive <instrument> <provision>`: CoD §10(d) majority waiver, or a
    /// §6.2 waiver by holders of their own shares.
    pub fn waive(
        &mut self,
        provision: &str,
        holders: &[HolderId],
        view: &dyn BookView,
    ) -> Result<Outcome, Rejection> {
        if !PROVISIONS.contains(&provision) {
            return Err(Rejection::new(
                "R0237",
                cod("10(d)"),
                format!("`{provision}` is not a provision of the Certificate of Designation that can be waived"),
            )
            .with_help("name a section number, e.g. `6.2` or `6.5`"));
        }
        let mut total = Exact::zero();
        for h in holders {
            if !view.holder_exists(h) {
                return Err(Rejection::new(
                    "R0236",
                    cod("10(d)"),
                    format!("`{h}` is not a declared holder"),
                ));
            }
            let s = view.position(h, &self.security);
            if s.is_zero() {
                return Err(Rejection::new(
                    "R0236",
                    cod("10(d)"),
                    format!("{h} holds no shares of {} and cannot waive", self.security),
                ));
            }
            total = total.add(&s.exact());
        }
        let outstanding = view.outstanding(&self.security).exact();
        let majority = total.mul(&Exact::from_int(2)) > outstanding;
        if !majority && provision != "6.2" {
            return Err(Rejection::new(
                "R0235",
                cod("10(d)"),
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
        let clause = if majority { cod("10(d)") } else { cod("6.2") };
        let c = Computed::new(
            format!("waiver of §{provision}"),
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

/// CoD §2, §6.3: every Change of Control so far, with its notice, the last
/// day of the election and the elections made.
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
    let _ = writeln!(
        s,
        "  Accreted Value          {}  [CoD §2, §4.2]",
        ct.lp.accreted_value.display()
    );
    let _ = writeln!(
        s,
        "  accrued dividends       {}  [CoD §2]",
        accrued.display()
    );
    let _ = writeln!(
        s,
        "  Liquidation Preference  {}  [CoD §2]",
        ct.lp.total.display()
    );
    let _ = writeln!(
        s,
        "  Conversion Ratio        {}  [CoD §8.1]",
        ct.ratio.display()
    );
    let _ = writeln!(
        s,
        "  Conversion Price        {}  [CoD §8.1]",
        ct.price.display()
    );
    if let Some(d) = date
        .tomorrow()
        .ok()
        .and_then(|t| p.next_dividend_payment_date(t))
    {
        let _ = writeln!(s, "  next Dividend Payment   {d}  [CoD §4.1]");
    }
    if let Some(on) = p.dissolved_on {
        let _ = writeln!(
            s,
            "  dissolved on {on}: paid its liquidation amount, shares cancelled  [CoD §5]"
        );
    }
    if p.mandatory_obligation_unpaid(view) {
        let _ = writeln!(s, "  Mandatory Redemption Obligation unpaid  [CoD §6.5]");
    }
    if let Some(w) = p.control_window_on(date) {
        let last = w.last_day(p.election_days());
        let _ = writeln!(
            s,
            "  Change of Control       {} (limb ({})); notice {}; elections to {}  [CoD §2, §6.3]",
            w.change_of_control.date,
            w.change_of_control.clause_letter,
            w.notice_date
                .map(|d| d.to_string())
                .unwrap_or_else(|| "not yet sent".into()),
            last.map(|d| d.to_string())
                .unwrap_or_else(|| format!("{} days after the notice", p.election_days())),
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
