//! CoD §3.1, §4.4, §5, §6.5(i): the other classes ranked against the series.
//!
//! The series' own ledger knows nothing of another class's dividends or
//! liquidation amounts, so the journal states them (`class-claims`): a
//! Parity Stock class's accrued and unpaid dividends (and how much of them
//! is due and payable), and a Senior or Parity class's full claim in a
//! liquidation. Which class is Senior, Parity or Junior Stock is the term
//! file's `[[rank]]` (§3.1). §4.4 then makes declarations ratable:
//!
//! "If accrued dividends on the Series B Preferred Stock for all prior
//! periods have not been paid in full or added to the Accreted Value
//! pursuant to Section 4.2(b), then any dividend declared on any Parity
//! Stock will be declared ratably in proportion to accrued and unpaid
//! dividends on the Series B Preferred Stock and such Parity Stock and if
//! dividends on any Parity Stock are due and payable and have not been paid
//! in full, then any dividend declared on the Series B Preferred Stock will
//! be declared ratably in proportion to accrued and unpaid dividends on the
//! Series B Preferred Stock and such Parity Stock."
//!
//! A declaration that gives its class a larger fraction of its accrued and
//! unpaid dividends than the other class receives is refused (R0216 for a
//! Series B declaration, R0217 for a parity one); nothing is apportioned,
//! because a Series B dividend is either paid in cash in full or added to
//! the Accreted Value (§4.2) (docs/interpretations.md "§4.4 ratable
//! declarations").

use crate::liquidation_terms::arith_at;
use crate::state::Preferred;
use crate::terms::Standing;
use calendar::Date;
use serde::Serialize;
use terms::{BookView, Outcome, Rejection, SecurityId};
use units::{Clause, Computed, Exact, Money};

/// Rejection codes of this module.
pub mod codes {
    /// A Series B cash declaration while Parity Stock dividends are due and
    /// unpaid and the parity class is not paid ratably (§4.4).
    pub const SERIES_NOT_RATABLE: &str = "R0216";
    /// A Parity Stock dividend while Series B dividends of prior periods are
    /// neither paid nor added, beyond the ratable share (§4.4).
    pub const PARITY_NOT_RATABLE: &str = "R0217";
    /// A class that the term file does not rank as the facts need (§3.1).
    pub const NOT_RANKED: &str = "R0218";
    /// A negative amount, or due and unpaid above accrued and unpaid.
    pub const BAD_AMOUNT: &str = "R0219";
    /// A Parity Stock dividend while a Mandatory Redemption Obligation is
    /// unpaid (§6.5(i)).
    pub const PARITY_BARRED: &str = "R0242";
}

/// What the journal says of one other class.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ClassFacts {
    /// §4.4: accrued and unpaid dividends on the class, in aggregate.
    pub accrued_unpaid: Money,
    /// §4.4: of which due and payable and not paid in full.
    pub due_unpaid: Money,
    /// §5: the class's full amount payable in a liquidation (`None`: not
    /// stated, taken as zero).
    pub liquidation_claim: Option<Money>,
    /// The day of the latest parity dividend, and the amount declared on it
    /// (for the "same time" comparison of §4.4's second limb).
    pub declared_on: Option<Date>,
    pub declared_that_day: Money,
}

fn not_ranked(clause: Clause, security: &SecurityId, what: &str, standing: Standing) -> Rejection {
    Rejection::new(
        codes::NOT_RANKED,
        clause,
        format!(
            "{security} is {} as to {what} in the term file's [[rank]] (§3.1): {}",
            match standing {
                Standing::Senior => "Senior Stock",
                Standing::Parity => "Parity Stock",
                Standing::Junior => "Junior Stock",
            },
            if what == "dividends" {
                "§4.4 concerns Parity Stock only"
            } else {
                "only Senior and Parity Stock have a claim ahead of or beside the series in a liquidation (§5)"
            }
        ),
    )
    .with_help("rank the class in the term file: [[rank]] security = \"...\", dividends = \"parity\", liquidation = \"parity\"")
}

/// The fraction `part / whole` (1 when nothing is owed and nothing paid;
/// "more than all" when something is paid on nothing owed).
fn fraction(part: &Exact, whole: &Exact, clause: &Clause) -> Result<Option<Exact>, Rejection> {
    if whole.is_zero() {
        return Ok(if part.is_zero() {
            Some(Exact::one())
        } else {
            None
        });
    }
    part.div(whole)
        .map(Some)
        .map_err(|e| arith_at(clause.clone(), e))
}

fn show(f: &Option<Exact>) -> String {
    f.as_ref()
        .map(|x| x.display())
        .unwrap_or_else(|| "unbounded (paid on nothing owed)".into())
}

impl Preferred {
    /// The liquidation claims of the other classes as the journal states
    /// them (§5), for [`crate::liquidation_amounts`] and `dissolve`.
    pub fn recorded_claims(&self) -> Vec<crate::ClassClaim> {
        self.classes
            .iter()
            .filter_map(|(s, f)| {
                f.liquidation_claim.map(|amount| crate::ClassClaim {
                    security: s.clone(),
                    amount,
                })
            })
            .collect()
    }

    /// `class-claims`: records a Senior or Parity class's facts. Validates,
    /// then records.
    pub fn class_claims(
        &mut self,
        security: &SecurityId,
        accrued_unpaid: Option<Money>,
        due_unpaid: Option<Money>,
        liquidation_claim: Option<Money>,
    ) -> Result<Outcome, Rejection> {
        if *security == self.security {
            return Err(Rejection::new(
                codes::NOT_RANKED,
                self.cite("liquidation.rank"),
                format!("{security} is this series itself, not another class"),
            ));
        }
        if accrued_unpaid.is_some() || due_unpaid.is_some() {
            let st = self.terms.dividend_standing(security);
            if st != Standing::Parity {
                return Err(not_ranked(
                    self.cite("liquidation.rank"),
                    security,
                    "dividends",
                    st,
                ));
            }
        }
        if liquidation_claim.is_some() {
            let st = self.terms.liquidation_standing(security);
            if st == Standing::Junior {
                return Err(not_ranked(
                    self.cite("liquidation.rank"),
                    security,
                    "liquidation",
                    st,
                ));
            }
        }
        let old = self.classes.get(security).cloned().unwrap_or_default();
        let accrued = accrued_unpaid.unwrap_or(old.accrued_unpaid);
        let due = due_unpaid.unwrap_or(if accrued_unpaid.is_some() {
            // Stated accrued without a due figure: all of it is due.
            accrued
        } else {
            old.due_unpaid
        });
        let claim = liquidation_claim.or(old.liquidation_claim);
        for (what, m) in [
            ("accrued and unpaid dividends", Some(accrued)),
            ("due and unpaid dividends", Some(due)),
            ("liquidation claim", claim),
        ] {
            if m.is_some_and(|m| m.is_negative()) {
                return Err(Rejection::new(
                    codes::BAD_AMOUNT,
                    self.cite(if what == "liquidation claim" {
                        "liquidation.amount"
                    } else {
                        "dividends.parity"
                    }),
                    format!("the {what} of {security} cannot be negative"),
                ));
            }
        }
        if due > accrued {
            return Err(Rejection::new(
                codes::BAD_AMOUNT,
                self.cite("dividends.parity"),
                format!("{security}: dividends due and unpaid ({due}) exceed those accrued and unpaid ({accrued})"),
            ));
        }
        let c = Computed::new(
            format!("facts of {security}"),
            format!(
                "accrued and unpaid {accrued}; due and unpaid {due}; liquidation claim {}",
                claim
                    .map(|m| m.to_string())
                    .unwrap_or_else(|| "not stated".into())
            ),
            "stated in the journal",
        )
        .input(
            "dividend rank",
            format!("{:?}", self.terms.dividend_standing(security)),
        )
        .input(
            "liquidation rank",
            format!("{:?}", self.terms.liquidation_standing(security)),
        )
        .cite(self.cite("liquidation.rank"))
        .cite(self.cite("dividends.parity"))
        .cite(self.cite("liquidation.amount"));
        self.classes.insert(
            security.clone(),
            ClassFacts {
                accrued_unpaid: accrued,
                due_unpaid: due,
                liquidation_claim: claim,
                ..old
            },
        );
        Ok(Outcome::none().computed(c))
    }

    /// CoD §4.4 first limb: the Series B's accrued dividends of prior
    /// (completed) periods not yet paid or added on `date` (per share), and
    /// the part of them declared in cash.
    fn series_prior_arrears(&self, date: Date) -> Result<(Exact, Exact), Rejection> {
        let acc = self.accrual();
        let rows = acc.schedule(date)?;
        let mut owed = Exact::zero();
        let mut declared = Exact::zero();
        for r in rows.iter().filter(|r| r.payment_date > date) {
            owed = owed.add(&r.dividend);
            if self.declarations.contains_key(&r.end) {
                declared = declared.add(&r.dividend);
            }
        }
        Ok((owed, declared))
    }

    /// `parity-dividend`: a dividend of `amount` declared on the Parity
    /// Stock class `security` on `view.date()`. Refused under §6.5(i) while
    /// a Mandatory Redemption Obligation is unpaid (unless in kind), and
    /// under §4.4 when the Series B's prior-period dividends are neither
    /// paid nor added and the class would receive a larger fraction of its
    /// accrued and unpaid dividends than the Series B does.
    pub fn parity_dividend(
        &mut self,
        security: &SecurityId,
        amount: Money,
        in_kind: bool,
        view: &dyn BookView,
    ) -> Result<Outcome, Rejection> {
        let date = view.date();
        let st = self.terms.dividend_standing(security);
        if st != Standing::Parity || *security == self.security {
            return Err(not_ranked(
                self.cite("liquidation.rank"),
                security,
                "dividends",
                st,
            ));
        }
        if amount.is_negative() || amount.is_zero() {
            return Err(Rejection::new(
                codes::BAD_AMOUNT,
                self.cite("dividends.parity"),
                format!("a dividend on {security} must be a positive amount, not {amount}"),
            ));
        }
        if !in_kind && self.mandatory_obligation_unpaid(view) {
            return Err(Rejection::new(
                codes::PARITY_BARRED,
                self.cite("redemption.obligation"),
                format!(
                    "a Mandatory Redemption Obligation on {} is not discharged: no dividend on the Parity Stock {security} may be declared or paid (§6.5(i))",
                    self.security
                ),
            )
            .with_help("dividends payable solely in additional shares or by an increase in liquidation value are permitted (`in-kind: yes`)"));
        }
        let facts = self.classes.get(security).cloned().unwrap_or_default();
        let (owed, declared) = self.series_prior_arrears(date)?;
        let mut c = Computed::new(
            format!("§4.4 dividend on {security}"),
            amount,
            "ratable test: fraction of accrued and unpaid dividends paid to the parity class ≤ fraction paid to the series",
        )
        .input("declared on the parity class", amount)
        .input("parity accrued and unpaid", facts.accrued_unpaid)
        .input_exact("series: prior-period dividends neither paid nor added (per share)", &owed)
        .input_exact("series: of which declared in cash (per share)", &declared)
        .cite(self.cite("dividends.parity"));
        if !owed.is_zero() {
            let f_series = fraction(&declared, &owed, &self.cite("dividends.parity"))?;
            let f_parity = fraction(
                &amount.exact(),
                &facts.accrued_unpaid.exact(),
                &self.cite("dividends.parity"),
            )?;
            let more = match (&f_parity, &f_series) {
                (None, _) => true,
                (Some(p), Some(s)) => p > s,
                (Some(_), None) => false,
            };
            c = c
                .input("series fraction", show(&f_series))
                .input("parity fraction", show(&f_parity));
            if more {
                return Err(Rejection::new(
                    codes::PARITY_NOT_RATABLE,
                    self.cite("dividends.parity"),
                    format!(
                        "dividends of {} for prior periods are neither paid nor added to the Accreted Value on {date} ({} per share owed, {} declared in cash): a dividend on the Parity Stock {security} must be declared ratably, and {amount} is a fraction {} of its accrued and unpaid {} against the series' {}",
                        self.security,
                        owed.display(),
                        declared.display(),
                        show(&f_parity),
                        facts.accrued_unpaid,
                        show(&f_series)
                    ),
                )
                .with_help("declare it after the series' Dividend Payment Date, when the period's dividend has been paid or added (§4.2(b)), or declare the series' dividend in cash too"));
            }
        }
        let paid_accrued = if amount > facts.accrued_unpaid {
            facts.accrued_unpaid
        } else {
            amount
        };
        let paid_due = if amount > facts.due_unpaid {
            facts.due_unpaid
        } else {
            amount
        };
        let same_day = if facts.declared_on == Some(date) {
            facts
                .declared_that_day
                .checked_add(amount)
                .map_err(|e| arith_at(self.cite("dividends.parity"), e))?
        } else {
            amount
        };
        let next = ClassFacts {
            accrued_unpaid: facts
                .accrued_unpaid
                .checked_sub(paid_accrued)
                .map_err(|e| arith_at(self.cite("dividends.parity"), e))?,
            due_unpaid: facts
                .due_unpaid
                .checked_sub(paid_due)
                .map_err(|e| arith_at(self.cite("dividends.parity"), e))?,
            liquidation_claim: facts.liquidation_claim,
            declared_on: Some(date),
            declared_that_day: same_day,
        };
        self.classes.insert(security.clone(), next);
        Ok(Outcome::none().computed(c))
    }

    /// CoD §4.4 second limb, for a Series B cash declaration on `date`:
    /// every Parity Stock class with dividends due and unpaid must receive,
    /// the same day, the fraction of its accrued and unpaid dividends the
    /// series receives — all of it, since a Series B dividend is declared in
    /// full (§4.2). Returns the computation of the test.
    pub(crate) fn check_ratable_with_parity(&self, date: Date) -> Result<Computed, Rejection> {
        let mut c = Computed::new(
            "§4.4 ratable declaration",
            "ratable",
            "each Parity Stock class with dividends due and unpaid receives at least the fraction the series receives (1: the full period's dividend)",
        )
        .cite(self.cite("dividends.parity"));
        for (security, f) in &self.classes {
            if f.due_unpaid.is_zero() {
                continue;
            }
            let declared_today = if f.declared_on == Some(date) {
                f.declared_that_day
            } else {
                Money::ZERO
            };
            // Accrued and unpaid before today's parity declarations.
            let before = f.accrued_unpaid.exact().add(&declared_today.exact());
            let f_parity = fraction(
                &declared_today.exact(),
                &before,
                &self.cite("dividends.parity"),
            )?;
            c = c.input(
                format!("{security}: fraction declared today"),
                show(&f_parity),
            );
            let short = match &f_parity {
                Some(p) => *p < Exact::one(),
                None => false,
            };
            if short {
                return Err(Rejection::new(
                    codes::SERIES_NOT_RATABLE,
                    self.cite("dividends.parity"),
                    format!(
                        "dividends on the Parity Stock {security} are due and payable and not paid in full ({} due, {} accrued and unpaid): a dividend on {} must be declared ratably, and the series would receive its whole period's dividend against {} for {security}",
                        f.due_unpaid,
                        f.accrued_unpaid,
                        self.security,
                        show(&f_parity)
                    ),
                )
                .with_help(format!(
                    "declare the remaining {} on {security} the same day first (`parity-dividend {} {security}`), or let the period's dividend accrete (§4.2(b))",
                    f.accrued_unpaid, self.id
                )));
            }
        }
        Ok(c)
    }
}
