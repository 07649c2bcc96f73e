//! The journal directives of a convertible preferred series, typed.
//!
//! Every directive names the instrument as its first argument. The forms
//! (documented in docs/journal.md by the engine's catalogue):
//!
//! ```text
//! 2021-04-10 issue series-a fund-1 50,000             ; at a closing
//!   price: 1.00
//! 2021-05-01 convert series-a fund-1 1250.5           ; at the holder's option
//! 2024-06-01 convert-all series-a                     ; on the requisite holders' vote
//!   consenting: fund-1, fund-2
//! 2003-06-01 declare-dividend series-a                ; a Dividend Period in cash
//!   period-end: 2003-06-30
//!   form: cash
//!   record-date: 2003-06-15                          ; optional, within the window
//! 2005-03-01 redeem series-a                         ; optional or mandatory
//!   kind: optional | mandatory
//!   redemption-date: 2005-04-11
//!   shares: 50000                                    ; optional: the number the Board determines
//!   form: cash | common                              ; mandatory only
//!   funds: 12000000                                  ; funds legally available (absent: sufficient)
//! 2002-01-15 force-convert series-a                  ; the notice date
//!   test: a | b                                      ; optional: tried a then b
//! 2004-01-10 waive series-a 6.2                      ; a section the term file lists
//!   holder: fund-1
//!   holder: fund-2
//! 2001-05-10 vote-record-date series-a
//! 2003-02-03 change-of-control-notice series-a       ; the notice is sent
//! 2003-02-20 change-of-control-put series-a fund-1 1000   ; the holder's put
//!   funds: 800000                                    ; funds legally available (absent: sufficient)
//! 2003-02-20 change-of-control-convert series-a fund-2 500
//! 2003-06-30 change-of-control-discharge series-a    ; unpaid put shares paid
//!   funds: 500000
//! 2004-05-01 class-claims series-a series-c          ; another class's claims
//!   accrued-unpaid-dividends: 300000                 ; the class's, in aggregate
//!   due-unpaid-dividends: 300000                     ; of which due and payable
//!   liquidation-claim: 25000000                      ; its full liquidation claim
//! 2004-06-01 parity-dividend series-a series-c       ; a dividend on a parity class
//!   amount: 300000
//!   in-kind: no                                      ; yes: solely in shares
//! ```
//!
//! plus the facts of the definition of Change of Control (`beneficial-owner`,
//! `board`, `director-elected`, `director-left`, `change-of-control`),
//! resolved by [`crate::change_of_control::resolve`].

use crate::change_of_control::{self, ControlEvent};
use calendar::Date;
use journal::{Diagnostic, Directive};
use terms::fields::{DateArg, Reader};
use terms::{HolderId, InstrumentId, SecurityId};
use units::{Money, Price, Shares};

/// The keywords a convertible preferred series resolves.
pub const KEYWORDS: &[&str] = &[
    // The ledger's `issue`, when its first argument is this instrument's id
    // (the series' own closings).
    "issue",
    "convert",
    "declare-dividend",
    "redeem",
    "force-convert",
    "waive",
    "vote-record-date",
    "change-of-control-notice",
    "change-of-control-put",
    "change-of-control-convert",
    "change-of-control-discharge",
    "class-claims",
    "parity-dividend",
    // change_of_control::KEYWORDS (a test checks the two lists agree):
    "beneficial-owner",
    "board",
    "director-elected",
    "director-left",
    "change-of-control",
];

/// The holder's choice within the election window after the Change of
/// Control Notice.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ElectionChoice {
    /// The put: "require the Corporation to redeem ... at a redemption price
    /// per share in cash equal to the Liquidation Preference as of the date
    /// of the Change of Control".
    Redeem,
    /// Conversion: "convert ... into shares of
    /// Common Stock (or into a corresponding number of the type of security
    /// into which shares of Common Stock are converted in such Change of
    /// Control)".
    Convert,
}

/// Optional or mandatory redemption.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum RedemptionKind {
    Optional,
    Mandatory,
}

/// A mandatory redemption is "payable, at the Company's option, (1) in cash
/// or (2) in shares of Common Stock".
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SettlementForm {
    Cash,
    Common,
}

/// The forced-conversion test the Corporation relies on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub enum ForcedTest {
    /// (a): the average Market Price at or above the term file's multiple of
    /// the Conversion Price.
    A,
    /// (b): fewer than the term file's fraction of the Closing Date shares
    /// outstanding.
    B,
}

/// A typed event of the series.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Event {
    /// `shares` of the series issued to `holder` at a closing.
    Issue {
        instrument: InstrumentId,
        holder: HolderId,
        shares: Shares,
        price: Option<Price>,
    },
    /// A holder surrenders `shares` (whole or fractional) for
    /// conversion on the directive's date.
    Convert {
        instrument: InstrumentId,
        holder: HolderId,
        shares: Shares,
    },
    /// The Board declares the dividend for the period ending
    /// `period_end` in cash.
    DeclareDividend {
        instrument: InstrumentId,
        period_end: Date,
        record_date: Option<Date>,
    },
    /// Notice of redemption mailed on the directive's date.
    Redeem {
        instrument: InstrumentId,
        kind: RedemptionKind,
        redemption_date: Date,
        shares: Option<Shares>,
        form: SettlementForm,
        funds: Option<Money>,
    },
    /// Notice of forced conversion sent on the directive's date.
    ForceConvert {
        instrument: InstrumentId,
        test: Option<ForcedTest>,
    },
    /// A waiver (by a majority, or by holders of their own shares).
    Waive {
        instrument: InstrumentId,
        provision: String,
        holders: Vec<HolderId>,
    },
    /// A record date for a meeting or written consent.
    VoteRecordDate { instrument: InstrumentId },
    /// A fact of the definition of Change of Control.
    Control(ControlEvent),
    /// The Corporation sends the Change of Control Notice on the
    /// directive's date.
    ChangeOfControlNotice { instrument: InstrumentId },
    /// The Corporation pays put shares left unpaid.
    ChangeOfControlDischarge {
        instrument: InstrumentId,
        funds: Option<Money>,
    },
    /// Facts of another class of stock ranked against
    /// the series (each `None` leaves the recorded figure as it was).
    ClassClaims {
        instrument: InstrumentId,
        security: SecurityId,
        /// The class's accrued and unpaid dividends, in aggregate.
        accrued_unpaid: Option<Money>,
        /// Of which "due and payable and ... not ... paid in full".
        due_unpaid: Option<Money>,
        /// The full amount payable on the class in a liquidation.
        liquidation_claim: Option<Money>,
    },
    /// A dividend declared on a Parity Stock class.
    ParityDividend {
        instrument: InstrumentId,
        security: SecurityId,
        /// The aggregate amount declared on the class.
        amount: Money,
        /// Payable solely in additional shares or by an increase in
        /// liquidation value.
        in_kind: bool,
    },
    /// A holder's written election, delivered on the directive's
    /// date, for `shares` of its shares.
    ChangeOfControlElection {
        instrument: InstrumentId,
        holder: HolderId,
        shares: Shares,
        choice: ElectionChoice,
        /// The put, "to the extent the Corporation shall have funds legally
        /// available therefor": `funds:` (absent: sufficient).
        funds: Option<Money>,
    },
}

impl Event {
    pub fn instrument(&self) -> &InstrumentId {
        match self {
            Event::Issue { instrument, .. }
            | Event::Convert { instrument, .. }
            | Event::DeclareDividend { instrument, .. }
            | Event::Redeem { instrument, .. }
            | Event::ForceConvert { instrument, .. }
            | Event::Waive { instrument, .. }
            | Event::VoteRecordDate { instrument }
            | Event::ChangeOfControlNotice { instrument }
            | Event::ChangeOfControlDischarge { instrument, .. }
            | Event::ClassClaims { instrument, .. }
            | Event::ParityDividend { instrument, .. }
            | Event::ChangeOfControlElection { instrument, .. } => instrument,
            Event::Control(c) => match c {
                ControlEvent::BeneficialOwner { instrument, .. }
                | ControlEvent::Board { instrument, .. }
                | ControlEvent::DirectorElected { instrument, .. }
                | ControlEvent::DirectorLeft { instrument, .. }
                | ControlEvent::Declared { instrument, .. } => instrument,
            },
        }
    }
}

fn unknown(d: &Directive) -> Vec<Diagnostic> {
    vec![Diagnostic::error(
        "E0201",
        Some(d.keyword.span),
        format!(
            "`{}` is not a convertible-preferred directive",
            d.keyword.text
        ),
    )
    .with_help(format!("known: {}", KEYWORDS.join(", ")))]
}

/// Resolves one directive into an [`Event`], or every diagnostic in it.
pub fn resolve(d: &Directive) -> Result<Event, Vec<Diagnostic>> {
    let placeholder = || InstrumentId::new("?");
    if let Some(r) = change_of_control::resolve(d) {
        return r.map(Event::Control);
    }
    match d.keyword.text.as_str() {
        "change-of-control-notice" => {
            let mut r = Reader::new(d, "change-of-control-notice <instrument>");
            let instrument = r.arg_instrument(0);
            r.finish()?;
            Ok(Event::ChangeOfControlNotice {
                instrument: instrument.unwrap_or_else(placeholder),
            })
        }
        "class-claims" => {
            let mut r = Reader::new(
                d,
                "class-claims <instrument> <security>  (accrued-unpaid-dividends:, due-unpaid-dividends:, liquidation-claim:)",
            );
            let instrument = r.arg_instrument(0);
            let security = r.arg_security(1);
            let accrued_unpaid: Option<Money> =
                r.meta_opt("accrued-unpaid-dividends", "amount of money");
            let due_unpaid: Option<Money> = r.meta_opt("due-unpaid-dividends", "amount of money");
            let liquidation_claim: Option<Money> =
                r.meta_opt("liquidation-claim", "amount of money");
            if accrued_unpaid.is_none() && due_unpaid.is_none() && liquidation_claim.is_none() {
                let span = r.span();
                r.error(
                    Diagnostic::error(
                        "E0205",
                        Some(span),
                        "`class-claims` needs at least one of `accrued-unpaid-dividends:`, `due-unpaid-dividends:`, `liquidation-claim:`",
                    )
                    .with_help("amounts are the class's aggregate, in dollars"),
                );
            }
            r.finish()?;
            Ok(Event::ClassClaims {
                instrument: instrument.unwrap_or_else(placeholder),
                security: security.unwrap_or_else(|| SecurityId::new("?")),
                accrued_unpaid,
                due_unpaid,
                liquidation_claim,
            })
        }
        "parity-dividend" => {
            let mut r = Reader::new(
                d,
                "parity-dividend <instrument> <security>  (amount:, in-kind: yes|no)",
            );
            let instrument = r.arg_instrument(0);
            let security = r.arg_security(1);
            let amount: Option<Money> = r.meta_required("amount", "amount of money");
            let in_kind = r.meta_bool("in-kind").unwrap_or(false);
            r.finish()?;
            Ok(Event::ParityDividend {
                instrument: instrument.unwrap_or_else(placeholder),
                security: security.unwrap_or_else(|| SecurityId::new("?")),
                amount: amount.unwrap_or_default(),
                in_kind,
            })
        }
        "change-of-control-discharge" => {
            let mut r = Reader::new(d, "change-of-control-discharge <instrument>  (funds:)");
            let instrument = r.arg_instrument(0);
            let funds: Option<Money> = r.meta_opt("funds", "funds legally available");
            r.finish()?;
            Ok(Event::ChangeOfControlDischarge {
                instrument: instrument.unwrap_or_else(placeholder),
                funds,
            })
        }
        kw @ ("change-of-control-put" | "change-of-control-convert") => {
            let put = kw == "change-of-control-put";
            let mut r = Reader::new(
                d,
                if put {
                    "change-of-control-put <instrument> <holder> <shares>  (funds:)"
                } else {
                    "change-of-control-convert <instrument> <holder> <shares>"
                },
            );
            let instrument = r.arg_instrument(0);
            let holder = r.arg_holder(1);
            let shares: Option<Shares> = r.arg_parse(2, "number of preferred shares");
            let funds: Option<Money> = if put {
                r.meta_opt("funds", "funds legally available")
            } else {
                None
            };
            r.finish()?;
            Ok(Event::ChangeOfControlElection {
                instrument: instrument.unwrap_or_else(placeholder),
                holder: holder.unwrap_or_else(|| HolderId::new("?")),
                shares: shares.unwrap_or_default(),
                choice: if put {
                    ElectionChoice::Redeem
                } else {
                    ElectionChoice::Convert
                },
                funds,
            })
        }
        "issue" => {
            let mut r = Reader::new(d, "issue <instrument> <holder> <shares>  (price:)");
            let instrument = r.arg_instrument(0);
            let holder = r.arg_holder(1);
            let shares: Option<Shares> = r.arg_parse(2, "number of preferred shares");
            let price: Option<Price> = r.meta_opt("price", "price per share");
            r.finish()?;
            Ok(Event::Issue {
                instrument: instrument.unwrap_or_else(placeholder),
                holder: holder.unwrap_or_else(|| HolderId::new("?")),
                shares: shares.unwrap_or_default(),
                price,
            })
        }
        "convert" => {
            let mut r = Reader::new(d, "convert <instrument> <holder> <shares>");
            let instrument = r.arg_instrument(0);
            let holder = r.arg_holder(1);
            let shares: Option<Shares> = r.arg_parse(2, "number of preferred shares");
            r.finish()?;
            Ok(Event::Convert {
                instrument: instrument.unwrap_or_else(placeholder),
                holder: holder.unwrap_or_else(|| HolderId::new("?")),
                shares: shares.unwrap_or_default(),
            })
        }
        "declare-dividend" => {
            let mut r = Reader::new(
                d,
                "declare-dividend <instrument>  (period-end:, form: cash, record-date:)",
            );
            let instrument = r.arg_instrument(0);
            let period_end: Option<DateArg> = r.meta_required("period-end", "date");
            let form = match r.meta_token("form") {
                Some(t) => r.choice_of(t, &["cash"]),
                None => {
                    let span = r.span();
                    r.error(
                        Diagnostic::error(
                            "E0202",
                            Some(span),
                            "`declare-dividend` needs `form: cash`",
                        )
                        .with_help(
                            "dividends not paid in cash accrete automatically; only a cash declaration is recorded",
                        ),
                    );
                    None
                }
            };
            let record: Option<DateArg> = r.meta_opt("record-date", "date");
            r.finish()?;
            let _ = form;
            Ok(Event::DeclareDividend {
                instrument: instrument.unwrap_or_else(placeholder),
                period_end: period_end.map(|p| p.0).unwrap_or(d.date),
                record_date: record.map(|r| r.0),
            })
        }
        "redeem" => {
            let mut r = Reader::new(
                d,
                "redeem <instrument>  (kind: optional|mandatory, redemption-date:, shares:, form: cash|common, funds:)",
            );
            let instrument = r.arg_instrument(0);
            let kind = match r.meta_token("kind") {
                Some(t) => r.choice_of(t, &["optional", "mandatory"]),
                None => {
                    let span = r.span();
                    r.error(Diagnostic::error(
                        "E0203",
                        Some(span),
                        "`redeem` needs `kind: optional` or `kind: mandatory`",
                    ));
                    None
                }
            };
            let redemption_date: Option<DateArg> = r.meta_required("redemption-date", "date");
            let shares: Option<Shares> = r.meta_opt("shares", "number of shares");
            let form = r.meta_choice("form", &["cash", "common"]);
            let funds: Option<Money> = r.meta_opt("funds", "funds legally available");
            r.finish()?;
            Ok(Event::Redeem {
                instrument: instrument.unwrap_or_else(placeholder),
                kind: if kind == Some("mandatory") {
                    RedemptionKind::Mandatory
                } else {
                    RedemptionKind::Optional
                },
                redemption_date: redemption_date.map(|x| x.0).unwrap_or(d.date),
                shares,
                form: if form == Some("common") {
                    SettlementForm::Common
                } else {
                    SettlementForm::Cash
                },
                funds,
            })
        }
        "force-convert" => {
            let mut r = Reader::new(d, "force-convert <instrument>  (test: a|b)");
            let instrument = r.arg_instrument(0);
            let test = r.meta_choice("test", &["a", "b"]);
            r.finish()?;
            Ok(Event::ForceConvert {
                instrument: instrument.unwrap_or_else(placeholder),
                test: match test {
                    Some("a") => Some(ForcedTest::A),
                    Some("b") => Some(ForcedTest::B),
                    _ => None,
                },
            })
        }
        "waive" => {
            let mut r = Reader::new(d, "waive <instrument> <provision>  (holder: ... repeated)");
            let instrument = r.arg_instrument(0);
            let provision = r.arg_str(1, "provision (a section number, e.g. 6.2)");
            let mut holders = Vec::new();
            for t in r.meta_tokens("holder") {
                holders.push(HolderId::new(t.text.clone()));
            }
            if holders.is_empty() {
                let span = r.span();
                r.error(
                    Diagnostic::error(
                        "E0204",
                        Some(span),
                        "`waive` needs at least one `holder:` line",
                    )
                    .with_help("name each waiving holder on its own `holder:` line"),
                );
            }
            r.finish()?;
            Ok(Event::Waive {
                instrument: instrument.unwrap_or_else(placeholder),
                provision: provision
                    .unwrap_or_default()
                    .trim_start_matches(crate::terms::SECTION_SIGN)
                    .to_string(),
                holders,
            })
        }
        "vote-record-date" => {
            let mut r = Reader::new(d, "vote-record-date <instrument>");
            let instrument = r.arg_instrument(0);
            let _meeting = r.meta_str("meeting");
            r.finish()?;
            Ok(Event::VoteRecordDate {
                instrument: instrument.unwrap_or_else(placeholder),
            })
        }
        _ => Err(unknown(d)),
    }
}
