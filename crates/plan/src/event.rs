//! The plan's journal directives and their typed events.
//!
//! Every directive's first argument is the plan's instrument id. The forms
//! are catalogued with examples in docs/journal.md (`equity-plan`). Resolving checks
//! only what can be checked without the book (numbers, dates, choices, the
//! shape of a vesting schedule); whether the Plan permits the event is
//! decided in `apply` and is a [`terms::Rejection`].

use crate::award::{AwardKind, PaymentForm, Settlement, Source, Vesting};
use calendar::Date;
use journal::{Diagnostic, Directive};
use terms::fields::{DateArg, Reader};
use terms::{HolderId, InstrumentId};
use units::{Money, Price, Rate, Shares};

/// The directive keywords of an equity plan.
pub const KEYWORDS: &[&str] = &[
    "amend-plan",
    "participant",
    "grant",
    "reprice",
    "certify",
    "exercise-award",
    "deliver-award",
    "pay-award",
    "settle-award",
    "forfeit-award",
    "terminate-service",
    "transfer-award",
    "assume-awards",
    "covered-transaction",
    "adjust-awards",
    "amend-award",
];

/// Who approved an amendment (`amendment`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Approver {
    Board,
    Committee,
    Stockholders,
}

/// A Participant's service relationship (`eligibility`; Exhibit A "Participant").
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ServiceStatus {
    Employee,
    Director,
    Consultant,
    Other,
}

impl ServiceStatus {
    pub fn name(self) -> &'static str {
        match self {
            ServiceStatus::Employee => "employee",
            ServiceStatus::Director => "director",
            ServiceStatus::Consultant => "consultant",
            ServiceStatus::Other => "other",
        }
    }
}

/// Why service ended (`awards.termination.death`–(C)).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum CessationReason {
    Death,
    /// Discredit justifying immediate termination (`awards.termination.cause`).
    Cause,
    Other,
}

/// `amend-plan`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Amendment {
    pub pool: Option<Shares>,
    pub per_person_option_limit: Option<Shares>,
    pub per_person_sar_limit: Option<Shares>,
    pub per_person_other_limit: Option<Shares>,
    pub cash_performance_limit: Option<Money>,
    pub approved_by: Approver,
    /// `amendment`: terminate the Plan as to further grants.
    pub terminate: bool,
}

/// `grant`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GrantSpec {
    pub award: String,
    pub holder: HolderId,
    pub kind: AwardKind,
    /// Shares subject to the Award (zero for cash Awards).
    pub shares: Shares,
    /// The cash amount of a cash Award (the positional amount).
    pub amount: Option<Money>,
    pub exercise_price: Option<Price>,
    pub fmv: Option<Price>,
    pub vesting_text: Option<String>,
    pub vesting: Vesting,
    pub expiry: Option<Date>,
    pub qualify_162m: bool,
    pub performance_period: Option<(Date, Date)>,
    pub criteria_established: Option<Date>,
    pub payment_forms: Option<Vec<PaymentForm>>,
    pub reload: bool,
    pub dividend_equivalents: bool,
    pub transferable: bool,
    pub source: Source,
    pub settlement: Settlement,
    pub consideration: Option<Price>,
    pub services_value: Option<Money>,
    pub related_to: Option<String>,
    pub substitutes_for: Option<String>,
    /// `administration`: the Administrator reserved in writing the right to alter the
    /// Award adversely (`reserved-alteration: yes`).
    pub alteration_reserved: bool,
    /// `awards.vesting` "Unless the Administrator expressly provides otherwise":
    /// months exercisable after death (`after-death: 18m` or `2y`).
    pub after_death_months: Option<i32>,
    /// Months exercisable after any other cessation (`after-cessation:`).
    pub after_cessation_months: Option<i32>,
}

/// `amend-award`: the Administrator changes an outstanding Award's terms
/// (`administration`, `amendment` "amend ... any outstanding Award").
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct AwardAmendment {
    pub award: String,
    /// `exercise.payment`: the permitted forms of payment from now on.
    pub payment_forms: Option<Vec<PaymentForm>>,
    /// `awards.vesting`: months exercisable after death / other cessation.
    pub after_death_months: Option<i32>,
    pub after_cessation_months: Option<i32>,
    /// `awards.transferability`: whether the Administrator allows transfers.
    pub transferable: Option<bool>,
    /// The Participant (optionee) consents.
    pub consent: bool,
}

/// `exercise-award`.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct ExerciseSpec {
    pub award: String,
    pub shares: Shares,
    pub by: Option<HolderId>,
    pub representative: bool,
    pub cash: Option<Money>,
    pub check: Option<Money>,
    pub promissory_note: Option<Money>,
    pub broker: Option<Money>,
    /// Previously owned shares tendered for the exercise price.
    pub tender: Option<Shares>,
    /// Previously owned shares tendered for withholding taxes.
    pub tender_for_taxes: Option<Shares>,
    /// Shares held back for the exercise price (`pool.held-back`).
    pub hold_back: Option<Shares>,
    /// Shares held back for tax withholding (`awards.taxes`).
    pub withhold: Option<Shares>,
    pub fmv: Option<Price>,
}

/// One plan event.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PlanEvent {
    Amend(Amendment),
    Participant {
        holder: HolderId,
        status: ServiceStatus,
        voting_power: Option<Rate>,
        officer: bool,
        /// `awards.vesting`: the Administrator "expressly provides otherwise" — an
        /// employee who becomes a director or consultant keeps their Awards.
        continue_awards: bool,
    },
    Grant(Box<GrantSpec>),
    Reprice {
        award: String,
        exercise_price: Price,
        fmv: Option<Price>,
        /// The Participant consents (needed to raise the price, `administration`).
        consent: bool,
    },
    Certify {
        award: String,
        attained: bool,
        shares: Option<Shares>,
        amount: Option<Money>,
    },
    Exercise(Box<ExerciseSpec>),
    Deliver {
        award: String,
        shares: Option<Shares>,
    },
    Pay {
        award: String,
        amount: Money,
    },
    Settle {
        award: String,
        cash: Option<Money>,
        stock: Option<Shares>,
        consent: bool,
    },
    Forfeit {
        award: String,
        shares: Option<Shares>,
        /// The holder consents (needed for vested shares, `administration`).
        consent: bool,
    },
    TerminateService {
        holder: HolderId,
        reason: CessationReason,
    },
    TransferAward {
        award: String,
        to: HolderId,
        by: String,
    },
    AssumeAwards {
        awards: Vec<String>,
        successor: String,
        substitution: bool,
    },
    /// `adjustment.other`: the Administrator's adjustment for another distribution or
    /// event: outstanding Awards and the pool by `factor`, never the `limits.per-person` or
    /// `limits.performance` limits.
    AdjustAwards {
        numerator: u64,
        denominator: u64,
        reason: String,
    },
    CoveredTransaction {
        kind: String,
        /// Also consummate it (forfeit unassumed Awards requiring exercise),
        /// for a Covered Transaction no corporate action records.
        consummate: bool,
    },
    AmendAward(Box<AwardAmendment>),
}

/// The plan id and the event of one directive.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Event {
    pub plan: InstrumentId,
    pub event: PlanEvent,
}

fn words(text: &str) -> Vec<String> {
    text.split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

fn period(r: &mut Reader<'_>) -> Option<(Date, Date)> {
    let t = r.meta_token("performance-period")?;
    let parsed = t.text.split_once("..").and_then(|(a, b)| {
        let a = terms::fields::parse_date(a.trim()).ok()?;
        let b = terms::fields::parse_date(b.trim()).ok()?;
        (a <= b).then_some((a, b))
    });
    if parsed.is_none() {
        r.error(
            Diagnostic::error(
                "E0401",
                Some(t.span),
                format!("`{}` is not a performance period", t.text),
            )
            .with_help(
                "write `performance-period: 2000-04-01..2001-03-31` (start..end, inclusive)",
            ),
        );
    }
    parsed
}

/// A period after cessation: `<N>m` (months) or `<N>y` (years), as months.
fn months_meta(r: &mut Reader<'_>, key: &'static str) -> Option<i32> {
    let t = r.meta_token(key)?;
    let text = t.text.trim();
    let parsed = if let Some(n) = text.strip_suffix('m') {
        n.parse::<i32>().ok()
    } else if let Some(n) = text.strip_suffix('y') {
        n.parse::<i32>().ok().and_then(|y| y.checked_mul(12))
    } else {
        None
    }
    .filter(|m| (0..=1200).contains(m));
    if parsed.is_none() {
        r.error(
            Diagnostic::error(
                "E0406",
                Some(t.span),
                format!("`{}` is not a period like `18m` or `2y`", t.text),
            )
            .with_help("the period an exercisable Option or SAR stays exercisable after cessation of service"),
        );
    }
    parsed
}

/// The `payment:` metadata: a list of forms of payment.
fn payment_meta(r: &mut Reader<'_>) -> Option<Vec<PaymentForm>> {
    let t = r.meta_token("payment")?;
    let mut forms = Vec::new();
    let form_names: Vec<&'static str> = PaymentForm::NAMES.iter().map(|(n, _)| *n).collect();
    for w in words(&t.text) {
        match PaymentForm::parse(&w) {
            Some(f) => forms.push(f),
            None => {
                let mut diag = Diagnostic::error(
                    "E0106",
                    Some(t.span),
                    format!("`{w}` is not one of: {}", form_names.join(", ")),
                );
                if let Some(s) = journal::diag::suggest(&w, form_names.iter().copied()) {
                    diag = diag.with_help(format!("did you mean `{s}`?"));
                }
                r.error(diag);
            }
        }
    }
    Some(forms)
}

fn whole(r: &mut Reader<'_>, s: Option<Shares>, what: &str) -> Option<Shares> {
    let v = s?;
    if !v.is_whole() || v.is_negative() {
        let span = r.span();
        r.error(
            Diagnostic::error(
                "E0402",
                Some(span),
                format!("{what} must be a whole, non-negative number of shares, not {v}"),
            )
            .with_help("no fractional shares of Stock are delivered under the plan"),
        );
        return None;
    }
    Some(v)
}

/// Resolves one plan directive.
pub fn resolve(d: &Directive) -> Result<Event, Vec<Diagnostic>> {
    let kw = d.keyword.text.as_str();
    let (plan, event) = match kw {
        "amend-plan" => {
            let mut r = Reader::new(d, "amend-plan <plan>  (pool:, per-person-option-limit:, per-person-sar-limit:, per-person-other-limit:, cash-performance-limit:, approved-by: board|committee|stockholders, terminate: yes)");
            let plan = r.arg_instrument(0);
            let pool = r.meta_opt("pool", "number of shares");
            let pool = whole(&mut r, pool, "the pool");
            let o = r.meta_opt("per-person-option-limit", "number of shares");
            let s = r.meta_opt("per-person-sar-limit", "number of shares");
            let x = r.meta_opt("per-person-other-limit", "number of shares");
            let c = r.meta_opt("cash-performance-limit", "amount");
            let approver =
                match r.meta_choice("approved-by", &["board", "committee", "stockholders"]) {
                    Some("stockholders") => Approver::Stockholders,
                    Some("committee") => Approver::Committee,
                    _ => Approver::Board,
                };
            let terminate = r.meta_bool("terminate").unwrap_or(false);
            r.finish().map(|_| {
                (
                    plan,
                    PlanEvent::Amend(Amendment {
                        pool,
                        per_person_option_limit: o,
                        per_person_sar_limit: s,
                        per_person_other_limit: x,
                        cash_performance_limit: c,
                        approved_by: approver,
                        terminate,
                    }),
                )
            })
        }
        "participant" => {
            let mut r = Reader::new(d, "participant <plan> <holder>  (status: employee|director|consultant|other, voting-power-owned:, officer:, continue-awards:)");
            let plan = r.arg_instrument(0);
            let holder = r.arg_holder(1);
            let status =
                match r.meta_choice("status", &["employee", "director", "consultant", "other"]) {
                    Some("employee") => Some(ServiceStatus::Employee),
                    Some("director") => Some(ServiceStatus::Director),
                    Some("consultant") => Some(ServiceStatus::Consultant),
                    Some(_) => Some(ServiceStatus::Other),
                    None => None,
                };
            if status.is_none() && r.d.meta_get("status").is_none() {
                let span = r.span();
                r.error(
                    Diagnostic::error("E0105", Some(span), "`participant` needs metadata `status: <employee|director|consultant|other>`")
                        .with_help("a plan's Participants are its employees, directors and other persons providing services"),
                );
            }
            let voting_power = r.meta_opt("voting-power-owned", "fraction, e.g. 0.12");
            let officer = r.meta_bool("officer").unwrap_or(false);
            let continue_awards = r.meta_bool("continue-awards").unwrap_or(false);
            r.finish().map(|_| {
                (
                    plan,
                    PlanEvent::Participant {
                        holder: holder.unwrap_or_else(|| HolderId::new("?")),
                        status: status.unwrap_or(ServiceStatus::Other),
                        voting_power,
                        officer,
                        continue_awards,
                    },
                )
            })
        }
        "grant" => {
            let mut r = Reader::new(d, "grant <plan> <award-id> <holder> <type> <shares|amount>  (exercise-price:, fmv:, vesting:, expiry:, qualify-162m:, ...)");
            let plan = r.arg_instrument(0);
            let award = r.arg_str(1, "award id");
            let holder = r.arg_holder(2);
            let names: Vec<&'static str> = AwardKind::NAMES.iter().map(|(n, _)| *n).collect();
            let kind = r
                .arg_token(3, "award type")
                .and_then(|t| r.choice_of(t, &names))
                .and_then(AwardKind::parse);
            let qty_token = r.arg_token(4, "number of shares (or cash amount)");
            let (shares, amount) = match (kind, qty_token) {
                (Some(k), Some(t)) if k.is_cash() => (
                    Some(Shares::ZERO),
                    r.parse_token::<Money>(t, "amount of cash"),
                ),
                (_, Some(t)) => {
                    let s = r.parse_token::<Shares>(t, "number of shares");
                    (whole(&mut r, s, "the shares of an Award"), None)
                }
                _ => (None, None),
            };
            let exercise_price = r.meta_opt("exercise-price", "price per share");
            let fmv = r.meta_opt("fmv", "fair market value per share");
            let vesting_text = r.meta_str("vesting");
            let expiry: Option<DateArg> = r.meta_opt("expiry", "date");
            let qualify_162m = r.meta_bool("qualify-162m").unwrap_or(false);
            let performance_period = period(&mut r);
            let criteria: Option<DateArg> = r.meta_opt("criteria-established", "date");
            let payment_forms = payment_meta(&mut r);
            let alteration_reserved = r.meta_bool("reserved-alteration").unwrap_or(false);
            let after_death_months = months_meta(&mut r, "after-death");
            let after_cessation_months = months_meta(&mut r, "after-cessation");
            let reload = r.meta_bool("reload").unwrap_or(false);
            let dividend_equivalents = r.meta_bool("dividend-equivalents").unwrap_or(false);
            let transferable = r.meta_bool("transferable").unwrap_or(false);
            let source = match r.meta_choice("source", &["new", "treasury"]) {
                Some("treasury") => Source::Treasury,
                _ => Source::New,
            };
            let settlement = match r.meta_choice("settle-in", &["cash", "stock"]) {
                Some("cash") => Settlement::Cash,
                _ => Settlement::Stock,
            };
            let consideration = r.meta_opt("consideration", "price per share");
            let services_value = r.meta_opt("services-value", "amount");
            let related_to = r.meta_str("related-to");
            let substitutes_for = r.meta_str("substitutes-for");
            let mut vesting = Vesting::Immediate;
            if let (Some(text), Some(s)) = (&vesting_text, shares) {
                match Vesting::parse(text, d.date, s) {
                    Ok(v) => vesting = v,
                    Err(m) => {
                        let span = r.d.meta_get("vesting").map(|t| t.span);
                        r.error(Diagnostic::error("E0403", span, m));
                    }
                }
            }
            if kind.is_some_and(|k| !k.is_cash()) && shares.is_some_and(|s| s.is_zero()) {
                let span = r.span();
                r.error(Diagnostic::error(
                    "E0404",
                    Some(span),
                    "an Award of Stock covers at least one share",
                ));
            }
            r.finish().map(|_| {
                (
                    plan,
                    PlanEvent::Grant(Box::new(GrantSpec {
                        award: award.unwrap_or_default(),
                        holder: holder.unwrap_or_else(|| HolderId::new("?")),
                        kind: kind.unwrap_or(AwardKind::Nso),
                        shares: shares.unwrap_or_default(),
                        amount,
                        exercise_price,
                        fmv,
                        vesting_text,
                        vesting,
                        expiry: expiry.map(|e| e.0),
                        qualify_162m,
                        performance_period,
                        criteria_established: criteria.map(|c| c.0),
                        payment_forms,
                        reload,
                        dividend_equivalents,
                        transferable,
                        source,
                        settlement,
                        consideration,
                        services_value,
                        related_to,
                        substitutes_for,
                        alteration_reserved,
                        after_death_months,
                        after_cessation_months,
                    })),
                )
            })
        }
        "reprice" => {
            let mut r = Reader::new(
                d,
                "reprice <plan> <award-id>  (exercise-price:, fmv:, consent: yes)",
            );
            let plan = r.arg_instrument(0);
            let award = r.arg_str(1, "award id");
            let price = r.meta_required("exercise-price", "price per share");
            let fmv = r.meta_opt("fmv", "fair market value per share");
            let consent = r.meta_bool("consent").unwrap_or(false);
            r.finish().map(|_| {
                (
                    plan,
                    PlanEvent::Reprice {
                        award: award.unwrap_or_default(),
                        exercise_price: price.unwrap_or_default(),
                        fmv,
                        consent,
                    },
                )
            })
        }
        "certify" => {
            let mut r = Reader::new(
                d,
                "certify <plan> <award-id>  (attained: yes|no, shares:, amount:)",
            );
            let plan = r.arg_instrument(0);
            let award = r.arg_str(1, "award id");
            let attained = r.meta_bool("attained").unwrap_or(true);
            let shares = r.meta_opt("shares", "number of shares earned");
            let shares = whole(&mut r, shares, "the shares earned");
            let amount = r.meta_opt("amount", "amount earned");
            r.finish().map(|_| {
                (
                    plan,
                    PlanEvent::Certify {
                        award: award.unwrap_or_default(),
                        attained,
                        shares,
                        amount,
                    },
                )
            })
        }
        "exercise-award" => {
            let mut r = Reader::new(d, "exercise-award <plan> <award-id> <shares>  (cash:, check:, promissory-note:, broker:, tender:, tender-for-taxes:, hold-back:, withhold:, fmv:, by:, legal-representative:)");
            let plan = r.arg_instrument(0);
            let award = r.arg_str(1, "award id");
            let shares = r.arg_parse(2, "number of shares");
            let shares = whole(&mut r, shares, "the shares exercised");
            let by: Option<String> = r.meta_str("by");
            let representative = r.meta_bool("legal-representative").unwrap_or(false);
            let cash = r.meta_opt("cash", "amount");
            let check = r.meta_opt("check", "amount");
            let promissory_note = r.meta_opt("promissory-note", "amount");
            let broker = r.meta_opt("broker", "amount");
            let tender = r.meta_opt("tender", "number of shares");
            let tender = whole(&mut r, tender, "tendered shares");
            let tender_for_taxes = r.meta_opt("tender-for-taxes", "number of shares");
            let tender_for_taxes = whole(&mut r, tender_for_taxes, "tendered shares");
            let hold_back = r.meta_opt("hold-back", "number of shares");
            let hold_back = whole(&mut r, hold_back, "shares held back");
            let withhold = r.meta_opt("withhold", "number of shares");
            let withhold = whole(&mut r, withhold, "shares withheld");
            let fmv = r.meta_opt("fmv", "fair market value per share");
            r.finish().map(|_| {
                (
                    plan,
                    PlanEvent::Exercise(Box::new(ExerciseSpec {
                        award: award.unwrap_or_default(),
                        shares: shares.unwrap_or_default(),
                        by: by.map(HolderId),
                        representative,
                        cash,
                        check,
                        promissory_note,
                        broker,
                        tender,
                        tender_for_taxes,
                        hold_back,
                        withhold,
                        fmv,
                    })),
                )
            })
        }
        "deliver-award" => {
            let mut r = Reader::new(d, "deliver-award <plan> <award-id> [shares]");
            let plan = r.arg_instrument(0);
            let award = r.arg_str(1, "award id");
            let shares = match r.arg_opt(2) {
                Some(t) => {
                    let s = r.parse_token::<Shares>(t, "number of shares");
                    whole(&mut r, s, "the shares delivered")
                }
                None => None,
            };
            r.finish().map(|_| {
                (
                    plan,
                    PlanEvent::Deliver {
                        award: award.unwrap_or_default(),
                        shares,
                    },
                )
            })
        }
        "pay-award" => {
            let mut r = Reader::new(d, "pay-award <plan> <award-id> <amount>");
            let plan = r.arg_instrument(0);
            let award = r.arg_str(1, "award id");
            let amount = r.arg_parse(2, "amount of cash");
            r.finish().map(|_| {
                (
                    plan,
                    PlanEvent::Pay {
                        award: award.unwrap_or_default(),
                        amount: amount.unwrap_or_default(),
                    },
                )
            })
        }
        "settle-award" => {
            let mut r = Reader::new(
                d,
                "settle-award <plan> <award-id>  (cash: | stock:, consent: yes)",
            );
            let plan = r.arg_instrument(0);
            let award = r.arg_str(1, "award id");
            let cash = r.meta_opt("cash", "amount");
            let stock = r.meta_opt("stock", "number of shares");
            let stock = whole(&mut r, stock, "shares delivered in settlement");
            let consent = r.meta_bool("consent").unwrap_or(false);
            r.finish().map(|_| {
                (
                    plan,
                    PlanEvent::Settle {
                        award: award.unwrap_or_default(),
                        cash,
                        stock,
                        consent,
                    },
                )
            })
        }
        "forfeit-award" => {
            let mut r = Reader::new(
                d,
                "forfeit-award <plan> <award-id>  (shares:, consent: yes)",
            );
            let plan = r.arg_instrument(0);
            let award = r.arg_str(1, "award id");
            let shares = r.meta_opt("shares", "number of shares");
            let shares = whole(&mut r, shares, "the shares forfeited");
            let consent = r.meta_bool("consent").unwrap_or(false);
            r.finish().map(|_| {
                (
                    plan,
                    PlanEvent::Forfeit {
                        award: award.unwrap_or_default(),
                        shares,
                        consent,
                    },
                )
            })
        }
        "terminate-service" => {
            let mut r = Reader::new(
                d,
                "terminate-service <plan> <holder>  (reason: death|cause|other)",
            );
            let plan = r.arg_instrument(0);
            let holder = r.arg_holder(1);
            let reason = match r.meta_choice("reason", &["death", "cause", "other"]) {
                Some("death") => CessationReason::Death,
                Some("cause") => CessationReason::Cause,
                _ => CessationReason::Other,
            };
            r.finish().map(|_| {
                (
                    plan,
                    PlanEvent::TerminateService {
                        holder: holder.unwrap_or_else(|| HolderId::new("?")),
                        reason,
                    },
                )
            })
        }
        "transfer-award" => {
            let mut r = Reader::new(
                d,
                "transfer-award <plan> <award-id> <to-holder>  (by: will|descent|permitted)",
            );
            let plan = r.arg_instrument(0);
            let award = r.arg_str(1, "award id");
            let to = r.arg_holder(2);
            let by = r
                .meta_choice("by", &["will", "descent", "permitted"])
                .unwrap_or("permitted");
            r.finish().map(|_| {
                (
                    plan,
                    PlanEvent::TransferAward {
                        award: award.unwrap_or_default(),
                        to: to.unwrap_or_else(|| HolderId::new("?")),
                        by: by.to_string(),
                    },
                )
            })
        }
        "assume-awards" => {
            let mut r = Reader::new(
                d,
                "assume-awards <plan> [award-id ...]  (successor:, substitution: yes)",
            );
            let plan = r.arg_instrument(0);
            let mut awards = Vec::new();
            let mut i = 1;
            while let Some(t) = r.arg_opt(i) {
                awards.push(t.text.clone());
                i += 1;
            }
            let successor = r.meta_required::<String>("successor", "acquiring or surviving entity");
            let substitution = r.meta_bool("substitution").unwrap_or(false);
            r.finish().map(|_| {
                (
                    plan,
                    PlanEvent::AssumeAwards {
                        awards,
                        successor: successor.unwrap_or_default(),
                        substitution,
                    },
                )
            })
        }
        "covered-transaction" => {
            let mut r = Reader::new(d, "covered-transaction <plan>  (kind: merger|asset-sale|dissolution|acquisition, consummate: yes)");
            let plan = r.arg_instrument(0);
            let kind = r
                .meta_choice(
                    "kind",
                    &["merger", "asset-sale", "dissolution", "acquisition"],
                )
                .unwrap_or("merger");
            let consummate = r.meta_bool("consummate").unwrap_or(false);
            r.finish().map(|_| {
                (
                    plan,
                    PlanEvent::CoveredTransaction {
                        kind: kind.to_string(),
                        consummate,
                    },
                )
            })
        }
        "adjust-awards" => {
            let mut r = Reader::new(d, "adjust-awards <plan>  (factor: <new>/<old>, reason:)");
            let plan = r.arg_instrument(0);
            let reason = r
                .meta_str("reason")
                .unwrap_or_else(|| "Administrator's adjustment".into());
            let factor = match r.meta_token("factor") {
                Some(t) => {
                    let parsed = t.text.split_once('/').and_then(|(a, b)| {
                        let a = a.trim().parse::<u64>().ok()?;
                        let b = b.trim().parse::<u64>().ok()?;
                        (a > 0 && b > 0).then_some((a, b))
                    });
                    if parsed.is_none() {
                        r.error(
                            Diagnostic::error("E0405", Some(t.span), format!("`{}` is not a factor like `11/10`", t.text))
                                .with_help("new shares per old share, as two whole numbers: a 10% increase is `11/10`"),
                        );
                    }
                    parsed
                }
                None => {
                    let span = r.span();
                    r.error(Diagnostic::error(
                        "E0105",
                        Some(span),
                        "`adjust-awards` needs metadata `factor: <new>/<old>`",
                    ));
                    None
                }
            };
            r.finish().map(|_| {
                let (numerator, denominator) = factor.unwrap_or((1, 1));
                (
                    plan,
                    PlanEvent::AdjustAwards {
                        numerator,
                        denominator,
                        reason,
                    },
                )
            })
        }
        "amend-award" => {
            let mut r = Reader::new(
                d,
                "amend-award <plan> <award-id>  (payment:, after-death:, after-cessation:, transferable:, consent: yes)",
            );
            let plan = r.arg_instrument(0);
            let award = r.arg_str(1, "award id");
            let payment_forms = payment_meta(&mut r);
            let after_death_months = months_meta(&mut r, "after-death");
            let after_cessation_months = months_meta(&mut r, "after-cessation");
            let transferable = r.meta_bool("transferable");
            let consent = r.meta_bool("consent").unwrap_or(false);
            r.finish().map(|_| {
                (
                    plan,
                    PlanEvent::AmendAward(Box::new(AwardAmendment {
                        award: award.unwrap_or_default(),
                        payment_forms,
                        after_death_months,
                        after_cessation_months,
                        transferable,
                        consent,
                    })),
                )
            })
        }
        _ => Err(vec![Diagnostic::error(
            "E0400",
            Some(d.keyword.span),
            format!("`{kw}` is not a plan directive"),
        )]),
    }?;
    Ok(Event {
        plan: plan.unwrap_or_else(|| InstrumentId::new("?")),
        event,
    })
}
