//! CoD §4.1–§4.3 cash dividends and §4.5 participation.
//!
//! Accretion needs no event: a dividend not declared and paid in cash on or
//! before its Dividend Payment Date is added to the Accreted Value (§4.2(b)).
//! A `declare-dividend` records a cash declaration for one Dividend Period,
//! checked against the third-anniversary proviso and the Record Date window;
//! the cash is paid on the Dividend Payment Date to the holders of record.

use crate::state::{CashDeclaration, Preferred};
use actions::{CorporateAction, DistributionKind};
use calendar::{days_between, Date};
use terms::{BookView, Effect, Outcome, Rejection};
use units::Computed;

impl Preferred {
    /// CoD §4.2(a): "Any dividend ... shall be, at the option of the
    /// Corporation, payable (a) in cash or (b) [accreted]... provided,
    /// however, that, with respect to any Dividend Payment Date occurring
    /// prior to the third anniversary of the Closing Date, all such dividends
    /// shall be paid as described in clause (b)".
    pub fn declare_dividend(
        &mut self,
        period_end: Date,
        record_date: Option<Date>,
        view: &dyn BookView,
    ) -> Result<Outcome, Rejection> {
        let date = view.date();
        let acc = self.accrual();
        let rows = acc.schedule(period_end)?;
        let Some(row) = rows.iter().find(|r| r.end == period_end) else {
            let help = match acc.next_period_end(period_end) {
                Some(n) => format!("the next Dividend Period ends {n}"),
                None => "name the quarter-end the Dividend Period ends on".to_string(),
            };
            return Err(Rejection::new(
                "R0211",
                self.cite("dividends.payment"),
                format!(
                    "{period_end} is not the end of a Dividend Period of {}",
                    self.security
                ),
            )
            .with_help(help));
        };
        let payment = row.payment_date;
        let mw = acc.cash_option_from();
        if payment < mw {
            return Err(Rejection::new(
                "R0210",
                self.cite("dividends.accretion"),
                format!(
                    "the Dividend Payment Date {payment} precedes the {} anniversary of the Closing Date ({mw}): the dividend must be added to the Accreted Value, not paid in cash", crate::liquidation_terms::ordinal(self.terms.dividends.pik().map(|p| p.mandatory_accretion_years).unwrap_or(0))
                ),
            ));
        }
        if date > payment {
            return Err(Rejection::new(
                "R0213",
                self.cite("dividends.accretion"),
                format!(
                    "the dividend for the period ended {period_end} was not declared and paid in cash on or before its Dividend Payment Date {payment}, so it was added to the Accreted Value"
                ),
            ));
        }
        if self.declarations.contains_key(&period_end) {
            return Err(Rejection::new(
                "R0214",
                self.cite("dividends.accretion"),
                format!("a cash dividend for the period ended {period_end} is already declared"),
            ));
        }
        let t = self.pik_terms()?;
        let record = match record_date {
            None => acc.default_record_date(period_end).ok_or_else(|| {
                Rejection::new(
                    "R0212",
                    self.cite("dividends.payment"),
                    "no default Record Date for this period",
                )
            })?,
            Some(r) => {
                let before = days_between(r, payment);
                if before < t.record_date_min_days || before > t.record_date_max_days {
                    return Err(Rejection::new(
                        "R0212",
                        self.cite("dividends.payment"),
                        format!(
                            "a Record Date fixed by the Board must be not more than {} nor less than {} days before the payment date {payment}; {r} is {before} days before",
                            t.record_date_max_days, t.record_date_min_days
                        ),
                    ));
                }
                r
            }
        };
        if record < date && !self.record_snapshots.contains_key(&record) {
            return Err(Rejection::new(
                "R0215",
                self.cite("dividends.payment"),
                format!(
                    "the Record Date {record} precedes the declaration and the register at its close of business was not captured"
                ),
            )
            .with_help("fix a Record Date on or after the declaration date"));
        }
        // §4.4 second limb: Parity Stock in arrears must be paid ratably.
        let ratable = self.check_ratable_with_parity(date)?;
        let c = Computed::of_exact(
            format!("cash dividend declared for the period ended {period_end}"),
            &row.dividend,
            "Applicable Percentage × Accreted Value as of the preceding Dividend Payment Date",
        )
        .input_exact("Applicable Percentage", &row.applicable_percentage)
        .input_exact("Accreted Value", &row.base)
        .input("Record Date", record)
        .input("Dividend Payment Date", payment)
        .cite(self.cite("dividends.payment"))
        .cite(self.cite("dividends.accretion"))
        .step(ratable);
        self.cash_periods.insert(period_end);
        self.declarations.insert(
            period_end,
            CashDeclaration {
                declared_on: date,
                period_end,
                payment_date: payment,
                record_date: record,
                paid: false,
            },
        );
        Ok(Outcome::none().computed(c))
    }

    /// CoD §6.5: while a Mandatory Redemption Obligation is unpaid, no
    /// dividend or distribution on, or repurchase of, Junior or Parity Stock
    /// (carve-outs: repurchases under an employee plan; dividends payable
    /// solely in additional shares).
    pub fn mandatory_redemption_bar(
        &self,
        action: &CorporateAction,
        view: &dyn BookView,
    ) -> Result<(), Rejection> {
        let common = view.common();
        let standing = self.terms.dividend_standing(&common);
        if standing == crate::terms::Standing::Senior || !self.mandatory_obligation_unpaid(view) {
            return Ok(());
        }
        match action {
            CorporateAction::Distribution {
                solely_in_common: false,
                ..
            } => Err(Rejection::new(
                "R0240",
                self.cite("redemption.obligation"),
                format!(
                    "a Mandatory Redemption Obligation on {} is not discharged: no dividend or distribution on {common} may be declared or paid",
                    self.security
                ),
            )
            .with_help("dividends payable solely in additional common shares are permitted (§6.5(ii))")),
            CorporateAction::Repurchase {
                employee_plan: false,
                ..
            } => Err(Rejection::new(
                "R0241",
                self.cite("redemption.obligation"),
                format!(
                    "a Mandatory Redemption Obligation on {} is not discharged: {common} may not be redeemed, purchased or otherwise acquired",
                    self.security
                ),
            )
            .with_help("repurchases under an employee incentive or benefit plan are permitted (§6.5(ii))")),
            _ => Ok(()),
        }
    }
}

/// CoD §4.5: on a dividend or distribution on the common stock (other than
/// one payable solely in common), each share receives what it would receive
/// "if converted ... on the date established as the record date". Cash is
/// paid per holder, to the cent; a distribution in kind is computed and
/// reported (its delivery is outside the ledger's cash effects).
pub fn participation(
    p: &Preferred,
    action: &CorporateAction,
    view: &dyn BookView,
) -> Result<Outcome, Rejection> {
    let CorporateAction::Distribution {
        kind,
        per_share,
        record_date,
        solely_in_common,
    } = action
    else {
        return Ok(Outcome::none());
    };
    if *solely_in_common || *record_date < p.closing_date {
        return Ok(Outcome::none());
    }
    let ct = p.conversion_terms(*record_date)?;
    let (holders, _) = p.holders_of_record(*record_date, view);
    let mut out = Outcome::none();
    for (holder, shares) in holders {
        if shares.is_zero() {
            continue;
        }
        let as_converted = shares.exact().mul(&ct.ratio);
        let exact = as_converted.mul(&per_share.exact());
        let amount = units::rounding::nearest_cent(&exact).map_err(|e| {
            crate::liquidation_terms::arith_at(p.cite("dividends.participation"), e)
        })?;
        let c = Computed::new(
            format!("§4.5 participation of {holder}"),
            amount,
            "shares × Conversion Ratio on the record date × distribution per common share",
        )
        .input("shares", shares)
        .input_exact("Conversion Ratio", &ct.ratio)
        .input("per common share", per_share)
        .input("record date", record_date)
        .rounded("nearest cent, half up, per holder")
        .cite(p.cite("dividends.participation"));
        out.computations.push(c);
        if *kind == DistributionKind::Cash {
            out.effects.push(Effect::Cash {
                holder: holder.clone(),
                amount,
                reason: format!(
                    "CoD §4.5 participation in the cash distribution of record {record_date}"
                ),
            });
        } else {
            out.warnings.push(terms::Warning {
                code: "W0204",
                clause: p.cite("dividends.participation"),
                message: format!(
                    "{holder} is entitled under §4.5 to a distribution in kind worth {amount} (\"of the type\" paid on the common)"
                ),
            });
        }
    }
    Ok(out)
}
