//! Convertible preferred commands (the example books' preferred series):
//! `accretion`, `convert`, `adjustments`, `liquidate`, `redeem`,
//! `change-of-control`, `forced-conversion`, `votes`. Each replays the book
//! to `--as-of` and asks the `preferred` crate; what-ifs work on a copy of
//! the instrument's state and never write the journal. JSON fields are in
//! docs/cli-preferred.md.

use crate::io::Context;
use crate::table::{group, Table};
use calendar::Date;
use clap::Subcommand;
use engine::{replay, AnyInstrument, State};
use preferred::{Preferred, RedemptionKind, SettlementForm};
use serde_json::{json, Value};
use std::process::ExitCode;
use terms::{BookView, Effect, HolderId, Rejection};
use units::{Exact, Money, Shares};

/// The convertible preferred subcommands (flattened into the top level).
#[derive(Subcommand)]
pub enum PreferredCommand {
    /// A convertible preferred's dividend schedule: every Dividend Period
    /// with its Applicable Percentage, dividend, Accreted Value and form.
    Accretion {
        /// The instrument's id.
        instrument: String,
        /// Show the schedule through this date (default: the as-of date).
        #[arg(long)]
        through: Option<String>,
    },
    /// What a conversion on the as-of date would deliver (common shares, cash
    /// for a fraction);
    /// the journal is never written.
    Convert {
        /// The convertible preferred's instrument id.
        instrument: String,
        /// The holder of record converting (a declared holder id).
        holder: String,
        /// Preferred shares to convert (fractions allowed where the terms
        /// allow them).
        shares: String,
    },
    /// The Conversion Ratio history with every adjustment notice.
    Adjustments {
        /// One instrument (default: every instrument that has adjustments).
        instrument: Option<String>,
    },
    /// What each class and holder receives on liquidation of an amount.
    Liquidate {
        /// The convertible preferred's instrument id.
        instrument: String,
        /// Amount available for distribution to stockholders.
        #[arg(long)]
        amount: String,
    },
    /// What an optional or mandatory redemption would pay.
    Redeem {
        /// The convertible preferred's instrument id.
        instrument: String,
        /// optional (at the company's option) or mandatory.
        #[arg(long)]
        kind: String,
        /// cash, or stock (where the terms allow a mandatory redemption in
        /// stock).
        #[arg(long, default_value = "cash")]
        settle: String,
        /// The redemption date (default: the terms' date for a mandatory
        /// redemption; for an optional one, the later of the first date the
        /// terms allow and the notice period after the as-of date).
        #[arg(long)]
        date: Option<String>,
    },
    /// Per holder: the change-of-control put value against the conversion value, and any
    /// Change of Control in the journal with its notice and election window.
    ChangeOfControl {
        /// The convertible preferred's instrument id.
        instrument: String,
    },
    /// The forced conversion's tests on the as-of date and the verdict.
    ForcedConversion {
        /// The convertible preferred's instrument id.
        instrument: String,
    },
    /// Each holder's votes (as converted) at the close of business on a record date.
    Votes {
        /// The convertible preferred's instrument id.
        instrument: String,
        /// The record date (default: the as-of date).
        #[arg(long = "record-date")]
        record_date: Option<String>,
    },
}

/// Runs one of the preferred commands.
pub fn run(ctx: &Context, command: &PreferredCommand) -> Result<ExitCode, String> {
    ctx.ensure_no_errors()?;
    match command {
        PreferredCommand::Accretion {
            instrument,
            through,
        } => accretion(ctx, instrument, through.as_deref()),
        PreferredCommand::Convert {
            instrument,
            holder,
            shares,
        } => convert(ctx, instrument, holder, shares),
        PreferredCommand::Adjustments { instrument } => adjustments(ctx, instrument.as_deref()),
        PreferredCommand::Liquidate { instrument, amount } => liquidate(ctx, instrument, amount),
        PreferredCommand::Redeem {
            instrument,
            kind,
            settle,
            date,
        } => redeem(ctx, instrument, kind, settle, date.as_deref()),
        PreferredCommand::ChangeOfControl { instrument } => change_of_control(ctx, instrument),
        PreferredCommand::ForcedConversion { instrument } => forced_conversion(ctx, instrument),
        PreferredCommand::Votes {
            instrument,
            record_date,
        } => votes(ctx, instrument, record_date.as_deref()),
    }
}

fn parse_date(s: &str, what: &str) -> Result<Date, String> {
    terms::fields::parse_date(s).map_err(|e| format!("{what} {s}: {e}"))
}

fn index_of(ctx: &Context, id: &str) -> Result<usize, String> {
    ctx.instrument_index(id)
}

fn series<'a>(state: &'a State, i: usize, id: &str) -> Result<&'a Preferred, String> {
    match state.instrument(i) {
        Some(AnyInstrument::Preferred(p)) => Ok(p),
        Some(other) => Err(format!(
            "`{id}` is a {} instrument, not a convertible preferred",
            other.kind()
        )),
        None => Err(format!("`{id}` is unavailable")),
    }
}

/// An exact figure for a table: exact when it terminates within `dp`
/// places, else rounded half-even to `dp` places and marked `…`.
fn fig(e: &Exact, dp: u32) -> String {
    crate::fmt::exact(e, dp)
}

/// [`with_exact`] as a method, for a `json!` literal.
trait PipeExact {
    fn pipe_exact(self, figures: &[(&str, &Exact)]) -> Value;
    /// Adds each `Some` exact form already computed (by the crate that
    /// holds the figure) under its key.
    fn with_strings(self, fields: &[(&str, &Option<String>)]) -> Value;
}

impl PipeExact for Value {
    fn pipe_exact(self, figures: &[(&str, &Exact)]) -> Value {
        with_exact(self, figures)
    }

    fn with_strings(mut self, fields: &[(&str, &Option<String>)]) -> Value {
        if let Some(m) = self.as_object_mut() {
            for (k, v) in fields {
                if let Some(v) = v {
                    m.insert((*k).to_string(), Value::String(v.clone()));
                }
            }
        }
        self
    }
}

/// `v` with `<key>_exact` beside each listed figure that does not terminate
/// (docs/cli.md, "Exact figures").
fn with_exact(mut v: Value, figures: &[(&str, &Exact)]) -> Value {
    for (key, x) in figures {
        x.put_json(&mut v, key);
    }
    v
}

fn percent(e: &Exact) -> String {
    fig(&e.mul(&Exact::from_int(100)), 6) + "%"
}

fn rejected(ctx: &Context, r: &Rejection) -> ExitCode {
    if ctx.json {
        println!(
            "{}",
            json!({
                "accepted": false, "code": r.code, "clause": r.clause.to_string(),
                "message": r.message, "help": r.help,
            })
        );
    } else {
        println!(
            "rejected [{}] {} ({})",
            r.code,
            crate::fmt::humanize(&r.message),
            r.clause
        );
        if let Some(h) = &r.help {
            println!("  help: {}", crate::fmt::humanize(h));
        }
    }
    ExitCode::from(1)
}

/// `accretion <instrument> [--through D]`.
fn accretion(ctx: &Context, id: &str, through: Option<&str>) -> Result<ExitCode, String> {
    let i = index_of(ctx, id)?;
    let state = ctx.state();
    let p = series(&state, i, id)?;
    let through = match through {
        Some(s) => parse_date(s, "--through")?,
        None => ctx.as_of,
    };
    let acc = p.accrual();
    let rows = acc.schedule(through).map_err(|r| r.to_string())?;
    let lp = p
        .liquidation_preference(through)
        .map_err(|r| r.to_string())?;
    let record = |end: Date| -> Option<Date> {
        p.declarations
            .get(&end)
            .map(|d| d.record_date)
            .or_else(|| acc.default_record_date(end))
    };
    let clause = |r: &preferred::PeriodRow| -> &'static str {
        match (r.form, r.mandatory_accretion) {
            (preferred::Form::Cash, _) => "CoD §4.2(a)",
            (preferred::Form::Accreted, true) => "CoD §4.2(b), proviso",
            (preferred::Form::Accreted, false) => "CoD §4.2(b)",
        }
    };
    if ctx.json {
        let periods: Vec<Value> = rows
            .iter()
            .map(|r| {
                let row = json!({
                    "period": r.index,
                    "start": r.start.to_string(),
                    "end": r.end.to_string(),
                    "days": r.days,
                    "full_period": r.full,
                    "applicable_percentage": r.applicable_percentage.display(),
                    "applicable_percentage_exact": r.applicable_percentage.fraction_string(),
                    "base": r.base.display(),
                    "dividend_per_share": r.dividend.display(),
                    "dividend_per_share_exact": r.dividend.fraction_string(),
                    "accreted_value_after": r.av_after.display(),
                    "accreted_value_after_exact": r.av_after.fraction_string(),
                    "form": r.form,
                    "payment_date": r.payment_date.to_string(),
                    "record_date": record(r.end).map(|d| d.to_string()),
                    "mandatory_accretion": r.mandatory_accretion,
                    "clause": clause(r),
                });
                with_exact(row, &[("base", &r.base)])
            })
            .collect();
        let accrued = lp.completed_unpaid.add(&lp.accrued);
        let v = json!({
            "instrument": id,
            "closing_date": p.closing_date.to_string(),
            "through": through.to_string(),
            "third_anniversary": acc.make_whole_date().to_string(),
            "periods": periods,
            "liquidation_preference_computation": lp.computed(),
        });
        let v = with_exact(
            v,
            &[
                ("accreted_value", &lp.accreted_value),
                ("accrued_dividends", &accrued),
                ("liquidation_preference", &lp.total),
            ],
        );
        println!("{v}");
        return Ok(ExitCode::SUCCESS);
    }
    println!(
        "{id} — Dividend Periods through {through} (Closing Date {}, third anniversary {})\n",
        p.closing_date,
        acc.make_whole_date()
    );
    let mut t = Table::new(&[
        "#",
        "start",
        "end",
        "days",
        "Applicable %",
        "dividend/share",
        "Accreted Value after",
        "form",
        "payment date",
        "record date",
        "clause",
    ]);
    for r in &rows {
        t.row(vec![
            r.index.to_string(),
            r.start.to_string(),
            r.end.to_string(),
            r.days.to_string(),
            percent(&r.applicable_percentage),
            fig(&r.dividend, 6),
            fig(&r.av_after, 6),
            match r.form {
                preferred::Form::Cash => "cash".into(),
                preferred::Form::Accreted => "accreted".into(),
            },
            r.payment_date.to_string(),
            record(r.end).map(|d| d.to_string()).unwrap_or_default(),
            clause(r).into(),
        ]);
    }
    print!("{}", t.render());
    println!(
        "\nOn {through}: Accreted Value {}, accrued dividends {}, Liquidation Preference {} [CoD §2]",
        fig(&lp.accreted_value, 6),
        fig(&lp.completed_unpaid.add(&lp.accrued), 6),
        fig(&lp.total, 6)
    );
    Ok(ExitCode::SUCCESS)
}

/// `convert <instrument> <holder> <shares>`: a what-if on a copy.
fn convert(ctx: &Context, id: &str, holder: &str, shares: &str) -> Result<ExitCode, String> {
    let i = index_of(ctx, id)?;
    ctx.holder_index(holder)?;
    let shares: Shares = shares
        .parse()
        .map_err(|e| format!("`{shares}` is not a number of shares: {e}"))?;
    let state = ctx.state();
    let view = state.view(&ctx.book);
    let p = series(&state, i, id)?;
    let ct = p.conversion_terms(ctx.as_of).map_err(|r| r.to_string())?;
    let holder = HolderId::new(holder);
    let mut copy = p.clone();
    let out = match copy.convert(&holder, shares, &view) {
        Ok(o) => o,
        Err(r) => return Ok(rejected(ctx, &r)),
    };
    let mut common = Shares::ZERO;
    let mut cash = Money::ZERO;
    // After a reorganization other securities (the reference property) are
    // delivered.
    let mut delivered: Vec<Value> = Vec::new();
    let common_id = view.common();
    for e in &out.effects {
        match e {
            Effect::Issue {
                security, shares, ..
            } => {
                delivered.push(json!({"security": security, "units": shares}));
                if *security == common_id {
                    common = common.checked_add(*shares).unwrap_or(common);
                }
            }
            Effect::Cash { amount, .. } => cash = cash.checked_add(*amount).unwrap_or(cash),
            _ => {}
        }
    }
    if ctx.json {
        println!(
            "{}",
            json!({
                "accepted": true,
                "instrument": id,
                "holder": holder,
                "date": ctx.as_of.to_string(),
                "preferred_shares": shares,
                "common_shares": common,
                "delivered": delivered,
                "cash_in_lieu": cash,
                "warnings": out.warnings.iter().map(|w| json!({"code": w.code, "clause": w.clause.to_string(), "message": w.message})).collect::<Vec<_>>(),
                "computations": out.computations,
            })
            .pipe_exact(&[
                ("conversion_ratio", &ct.ratio),
                ("conversion_price", &ct.price),
                ("liquidation_preference", &ct.lp.total),
            ])
        );
        return Ok(ExitCode::SUCCESS);
    }
    println!(
        "{id}: {holder} converts {shares} shares on {} (what-if; the journal is not written)\n",
        ctx.as_of
    );
    let mut t = Table::new(&["figure", "value", "clause"]);
    t.row(vec![
        "Liquidation Preference".into(),
        fig(&ct.lp.total, 6),
        "CoD §2".into(),
    ]);
    t.row(vec![
        "Conversion Ratio".into(),
        fig(&ct.ratio, 6),
        "CoD §8.1, §8.10".into(),
    ]);
    t.row(vec![
        "Conversion Price".into(),
        fig(&ct.price, 6),
        "CoD §8.1".into(),
    ]);
    t.row(vec![
        "common shares issued".into(),
        group(&common.to_string()),
        "CoD §8.4(a)".into(),
    ]);
    t.row(vec![
        "cash in lieu".into(),
        crate::fmt::money(cash),
        "CoD §8.9".into(),
    ]);
    print!("{}", t.render());
    for w in &out.warnings {
        println!(
            "warning [{}] {} ({})",
            w.code,
            crate::fmt::humanize(&w.message),
            w.clause
        );
    }
    println!();
    for c in &out.computations {
        print!("{}", crate::fmt::humanize(&c.render()));
    }
    Ok(ExitCode::SUCCESS)
}

/// `adjustments [<instrument>]`: every instrument's adjustment history.
fn adjustments(ctx: &Context, only: Option<&str>) -> Result<ExitCode, String> {
    if let Some(id) = only {
        index_of(ctx, id)?;
    }
    let state = ctx.state();
    let view = state.view(&ctx.book);
    let mut entries: Vec<Value> = Vec::new();
    let mut text = String::new();
    for (i, d) in ctx.book.instruments.iter().enumerate() {
        if only.is_some_and(|o| o != d.id.as_str()) {
            continue;
        }
        let Some(inst) = state.instrument(i) else {
            continue;
        };
        match inst {
            AnyInstrument::Preferred(p) => {
                let exact_ratio = p.conversion_terms(ctx.as_of).map(|c| c.ratio).ok();
                let ratio = exact_ratio
                    .as_ref()
                    .map(|r| r.display())
                    .unwrap_or_default();
                let mut entry = json!({
                    "instrument": d.id,
                    "kind": inst.kind(),
                    "conversion_ratio": ratio,
                    "steps": preferred::adjustment::steps_json(p.chain.steps()),
                    "notices": p.chain.notices().iter().map(|n| n.to_json()).collect::<Vec<_>>(),
                    "chain": p.chain.to_json(),
                });
                if let Some(r) = &exact_ratio {
                    r.put_json(&mut entry, "conversion_ratio");
                }
                entries.push(entry);
                text.push_str(&format!(
                    "{} ({}) — Conversion Ratio on {}: {ratio}\n{}\n",
                    d.id,
                    inst.kind(),
                    ctx.as_of,
                    p.chain.render_text()
                ));
            }
            // Warrant entries: the adjustment statements, oldest first, with the
            // Warrant Price and Warrant Shares before and after each.
            AnyInstrument::Warrant(w) => {
                let st = w.status_at(&view);
                entries.push(json!({
                    "instrument": d.id,
                    "kind": inst.kind(),
                    "warrant_price": st.warrant_price,
                    "warrant_shares": st.shares,
                    "statements": st.adjustments,
                    "pending": st.pending_adjustments,
                }));
                text.push_str(&format!(
                    "{} ({}) — Warrant Price on {}: ${}, Warrant Shares {}\n",
                    d.id,
                    inst.kind(),
                    ctx.as_of,
                    crate::fmt::group(&st.warrant_price.to_string()),
                    crate::fmt::shares(st.shares)
                ));
                if st.adjustments.is_empty() {
                    text.push_str("  no adjustment (Warrant §5, §6)\n");
                }
                for a in &st.adjustments {
                    text.push_str(&a.render_text());
                    text.push('\n');
                }
                text.push('\n');
            }
            _ => {
                if only.is_some() {
                    return Err(format!(
                        "`{}` ({}) has no adjustments command yet",
                        d.id,
                        inst.kind()
                    ));
                }
            }
        }
    }
    if ctx.json {
        println!(
            "{}",
            json!({ "as_of": ctx.as_of.to_string(), "instruments": entries })
        );
    } else if text.is_empty() {
        println!("no instrument with adjustments through {}", ctx.as_of);
    } else {
        print!("{}", crate::fmt::humanize(&text));
    }
    Ok(ExitCode::SUCCESS)
}

/// `liquidate <instrument> --amount <money>`.
fn liquidate(ctx: &Context, id: &str, amount: &str) -> Result<ExitCode, String> {
    let i = index_of(ctx, id)?;
    let amount: Money = amount
        .trim_start_matches('$')
        .replace(',', "")
        .parse()
        .map_err(|e| format!("--amount {amount}: {e}"))?;
    if amount.is_negative() {
        return Err(format!(
            "--amount {amount}: the amount available for distribution cannot be negative"
        ));
    }
    let state = ctx.state();
    let view = state.view(&ctx.book);
    let p = series(&state, i, id)?;
    // The Senior and Parity claims stated by `class-claims`, the same ones a
    // `dissolve` uses.
    let claims = p.recorded_claims();
    let r = match preferred::liquidation_amounts(p, ctx.as_of, Some(amount), &claims, &view) {
        Ok(r) => r,
        Err(e) => return Ok(rejected(ctx, &e)),
    };
    let series_paid = r
        .per_holder
        .iter()
        .fold(Money::ZERO, |a, (_, _, m)| a.checked_add(*m).unwrap_or(a));
    let parity_total = r
        .parity_paid
        .iter()
        .fold(Money::ZERO, |a, (_, m)| a.checked_add(*m).unwrap_or(a));
    let junior = amount
        .checked_sub(series_paid)
        .and_then(|x| x.checked_sub(r.senior_paid))
        .and_then(|x| x.checked_sub(parity_total))
        .unwrap_or(Money::ZERO)
        .max(Money::ZERO);
    let common = view.common();
    if ctx.json {
        let senior_claims: Vec<Value> = claims
            .iter()
            .filter(|c| {
                p.terms.liquidation_standing(&c.security) == preferred::terms::Standing::Senior
            })
            .map(|c| json!({"class": c.security, "claim": c.amount}))
            .collect();
        let mut classes = vec![
            json!({"class": "senior", "standing": "senior", "claims": senior_claims, "paid": r.senior_paid}),
            json!({"class": id, "standing": "series", "paid": series_paid}),
        ];
        for (sec, paid) in &r.parity_paid {
            classes.push(json!({"class": sec, "standing": "parity", "paid": paid}));
        }
        classes.push(json!({"class": common, "standing": "junior", "paid": junior}));
        println!(
            "{}",
            json!({
                "instrument": id,
                "date": ctx.as_of.to_string(),
                "amount": amount,
                "per_share_claim": r.per_share_claim,
                "paid_fraction": r.paid_fraction,
                "per_share_paid": r.per_share_paid,
                "classes": classes,
                "holders": r.per_holder.iter().map(|(h, s, m)| json!({"holder": h, "shares": s, "amount": m})).collect::<Vec<_>>(),
                "warnings": r.warnings,
                "computations": r.computations,
            })
            .with_strings(&[
                ("per_share_claim_exact", &r.per_share_claim_exact),
                ("paid_fraction_exact", &r.paid_fraction_exact),
                ("per_share_paid_exact", &r.per_share_paid_exact),
            ])
        );
        return Ok(ExitCode::SUCCESS);
    }
    println!(
        "{id}: liquidation of {} on {} [CoD §3, §5]\n",
        crate::fmt::money(amount),
        ctx.as_of
    );
    println!(
        "per share: claim {} (greater of (a) and (b), make-whole included); paid fraction {}; paid {}\n",
        crate::fmt::decimal_text(&r.per_share_claim, 6),
        crate::fmt::decimal_text(&r.paid_fraction, 6),
        crate::fmt::decimal_text(&r.per_share_paid, 6)
    );
    let mut t = Table::new(&["class", "standing", "paid"]);
    t.row(vec![
        "Senior Stock".into(),
        "senior".into(),
        crate::fmt::money(r.senior_paid),
    ]);
    t.row(vec![id.into(), "-".into(), crate::fmt::money(series_paid)]);
    for (sec, paid) in &r.parity_paid {
        t.row(vec![
            sec.to_string(),
            "parity".into(),
            crate::fmt::money(*paid),
        ]);
    }
    t.row(vec![
        common.to_string(),
        "junior".into(),
        crate::fmt::money(junior),
    ]);
    println!("Classes\n{}", t.render());
    let mut t = Table::new(&["holder", "shares", "amount"]);
    for (h, s, m) in &r.per_holder {
        t.row(vec![
            h.to_string(),
            group(&s.to_string()),
            crate::fmt::money(*m),
        ]);
    }
    println!("Holders\n{}", t.render());
    for w in &r.warnings {
        println!("note: {}", crate::fmt::humanize(&w.to_string()));
    }
    for c in &r.computations {
        print!("{}", crate::fmt::humanize(&c.render()));
    }
    Ok(ExitCode::SUCCESS)
}

/// `redeem <instrument> --kind optional|mandatory [--settle cash|stock] [--date D]`.
fn redeem(
    ctx: &Context,
    id: &str,
    kind: &str,
    settle: &str,
    date: Option<&str>,
) -> Result<ExitCode, String> {
    let i = index_of(ctx, id)?;
    let kind = match kind {
        "optional" => RedemptionKind::Optional,
        "mandatory" => RedemptionKind::Mandatory,
        k => return Err(format!("--kind {k}: expected `optional` or `mandatory`")),
    };
    let form = match settle {
        "cash" => SettlementForm::Cash,
        "stock" | "common" => SettlementForm::Common,
        s => return Err(format!("--settle {s}: expected `cash` or `stock`")),
    };
    let state = ctx.state();
    let view = state.view(&ctx.book);
    let p = series(&state, i, id)?;
    let acc = p.accrual();
    let r = match p.anniversary_terms() {
        Ok(r) => r,
        Err(r) => return Ok(rejected(ctx, &r)),
    };
    let date = match date {
        Some(d) => parse_date(d, "--date")?,
        None => match kind {
            RedemptionKind::Mandatory => acc.anniversary(r.mandatory_anniversary),
            RedemptionKind::Optional => {
                let fifth = acc.anniversary(r.optional_from_anniversary);
                let soonest = ctx
                    .as_of
                    .checked_add(jiff::Span::new().days(r.notice_min_days))
                    .unwrap_or(ctx.as_of);
                fifth.max(soonest)
            }
        },
    };
    let q = match p.redemption_quote(kind, date, form, &view) {
        Ok(q) => q,
        Err(r) => return Ok(rejected(ctx, &r)),
    };
    if ctx.json {
        println!(
            "{}",
            serde_json::to_string(
                &json!({ "instrument": id, "as_of": ctx.as_of.to_string(), "quote": q })
            )
            .map_err(|e| e.to_string())?
        );
        return Ok(ExitCode::SUCCESS);
    }
    let clause = match kind {
        RedemptionKind::Optional => "§6.1",
        RedemptionKind::Mandatory => "§6.2",
    };
    println!(
        "{id}: {} redemption on {date} (CoD {clause}), settled in {} — what-if as of {}\n",
        match kind {
            RedemptionKind::Optional => "optional",
            RedemptionKind::Mandatory => "mandatory",
        },
        match form {
            SettlementForm::Cash => "cash",
            SettlementForm::Common => "common stock",
        },
        ctx.as_of
    );
    println!(
        "price per share {} ({}); notice to be mailed between {} and {} (CoD §7.2)",
        crate::fmt::decimal_text(&q.price_per_share, 6),
        if q.liquidation_preference_governs {
            "(a) Liquidation Preference"
        } else {
            "(b) Current Market Value of the conversion shares"
        },
        q.notice_window.0,
        q.notice_window.1
    );
    if let Some(v) = &q.common_value {
        println!("value per common share delivered {v} (CoD §6.2(x)/(y))");
    }
    let mut t = Table::new(&[
        "holder",
        "shares",
        "amount",
        "common shares",
        "cash for fraction",
    ]);
    for l in &q.lines {
        t.row(vec![
            l.holder.to_string(),
            group(&l.shares.to_string()),
            crate::fmt::money(l.amount),
            l.common_shares
                .map(|s| group(&s.to_string()))
                .unwrap_or_else(|| "-".into()),
            l.fraction_cash
                .map(crate::fmt::money)
                .unwrap_or_else(|| "-".into()),
        ]);
    }
    println!("\n{}", t.render());
    println!("total {}", crate::fmt::money(q.total));
    for n in &q.notes {
        println!("note: {}", crate::fmt::humanize(&n.to_string()));
    }
    Ok(ExitCode::SUCCESS)
}

/// `change-of-control <instrument>`.
fn change_of_control(ctx: &Context, id: &str) -> Result<ExitCode, String> {
    let i = index_of(ctx, id)?;
    let state = ctx.state();
    let view = state.view(&ctx.book);
    let p = series(&state, i, id)?;
    let window = p.control_window_on(ctx.as_of);
    let days = p.election_days();
    // The figures are those of the date of the Change of Control (the put
    // and the conversion on it); with none in the journal, of a hypothetical
    // one on the as-of date.
    let deemed = window
        .map(|w| w.change_of_control.date)
        .unwrap_or(ctx.as_of);
    let lp = p
        .control_liquidation_preference(deemed)
        .map_err(|r| r.to_string())?;
    let ct = p
        .conversion_terms_from(lp.clone())
        .map_err(|r| r.to_string())?;
    let price_day = calendar::Calendar::Business.previous_open_before(deemed);
    let market = view.market_price(&view.common(), price_day).ok();
    let mut lines: Vec<Value> = Vec::new();
    let mut t = Table::new(&[
        "holder",
        "shares",
        "put value (§6.3(a))",
        "common on conversion",
        "conversion value",
        "better",
    ]);
    for (h, s) in view.holders_of(&p.security) {
        let put = lp.total.mul(&s.exact());
        let put_cents = units::rounding::nearest_cent(&put).map_err(|e| e.to_string())?;
        let common = s.exact().mul(&ct.ratio);
        let conv = market.as_ref().map(|(m, _)| common.mul(m));
        let better = match &conv {
            Some(c) if *c > put => "convert",
            Some(_) => "put",
            None => "-",
        };
        let mut line = json!({
            "holder": h, "shares": s,
            "put_value": put_cents,
            "conversion_value": Value::Null,
            "better": better,
        });
        common.put_json(&mut line, "common_on_conversion");
        if let Some(c) = &conv {
            c.put_json(&mut line, "conversion_value");
        }
        lines.push(line);
        t.row(vec![
            h.to_string(),
            group(&s.to_string()),
            crate::fmt::money(put_cents),
            fig(&common, 4),
            conv.as_ref()
                .map(|c| format!("${}", fig(c, 2)))
                .unwrap_or_else(|| "-".into()),
            better.into(),
        ]);
    }
    let window_json = window.map(|w| {
        let last = w.last_day(days);
        json!({
            "date": w.change_of_control.date.to_string(),
            "limb": w.change_of_control.clause_letter.to_string(),
            "description": w.change_of_control.description,
            "notice_date": w.notice_date.map(|d| d.to_string()),
            "last_election_day": last.map(|d| d.to_string()),
            "open": last.is_none_or(|l| ctx.as_of <= l),
            "elections": w.elections,
        })
    });
    if ctx.json {
        println!(
            "{}",
            json!({
                "instrument": id,
                "as_of": ctx.as_of.to_string(),
                "occurred": window.is_some(),
                "change_of_control": window_json,
                "deemed_date": deemed.to_string(),
                "market_price": market.as_ref().map(|(m, _)| m.display()),
                "market_price_date": price_day.to_string(),
                "holders": lines,
                "computations": [lp.computed(), ct.ratio_computed],
            })
            .pipe_exact(&[
                ("put_price_per_share", &lp.total),
                ("make_whole", &lp.make_whole),
                ("conversion_ratio", &ct.ratio),
            ])
        );
        return Ok(ExitCode::SUCCESS);
    }
    match window {
        Some(w) => {
            let last = w.last_day(days);
            println!(
                "{id}: Change of Control on {} (CoD §2, limb ({})): {}",
                w.change_of_control.date,
                w.change_of_control.clause_letter,
                w.change_of_control.description
            );
            println!(
                "  Change of Control Notice: {}; elections through {} [CoD §6.3]; {} election(s) recorded",
                w.notice_date
                    .map(|d| d.to_string())
                    .unwrap_or_else(|| "not yet sent".into()),
                last.map(|d| d.to_string())
                    .unwrap_or_else(|| format!("{days} days after the notice")),
                w.elections.len()
            );
        }
        None => println!(
            "{id}: no Change of Control in the journal through {}; figures for a hypothetical one on that date",
            ctx.as_of
        ),
    }
    println!(
        "  put price per share {} (Liquidation Preference on {deemed} with make-whole {}); Conversion Ratio {}; Market Price {} on {price_day}\n",
        fig(&lp.total, 6),
        fig(&lp.make_whole, 6),
        fig(&ct.ratio, 6),
        market
            .as_ref()
            .map(|(m, _)| fig(m, 4))
            .unwrap_or_else(|| "not available".into())
    );
    print!("{}", t.render());
    Ok(ExitCode::SUCCESS)
}

/// `forced-conversion <instrument>`.
fn forced_conversion(ctx: &Context, id: &str) -> Result<ExitCode, String> {
    let i = index_of(ctx, id)?;
    let state = ctx.state();
    let view = state.view(&ctx.book);
    let p = series(&state, i, id)?;
    let a = p.test_a(&view);
    let b = p.test_b(&view);
    let may = a.is_ok() || b.is_ok();
    let show = |r: &Result<units::Computed, Rejection>| -> Value {
        match r {
            Ok(c) => json!({"met": true, "computation": c}),
            Err(e) => {
                json!({"met": false, "code": e.code, "clause": e.clause.to_string(), "reason": e.message})
            }
        }
    };
    if ctx.json {
        println!(
            "{}",
            json!({
                "instrument": id, "date": ctx.as_of.to_string(),
                "test_a": show(&a), "test_b": show(&b),
                "may_force_conversion": may,
            })
        );
        return Ok(ExitCode::SUCCESS);
    }
    println!(
        "{id}: forced conversion tests on {} [CoD §8.2]\n",
        ctx.as_of
    );
    for (name, r) in [("(a) price test", &a), ("(b) 15% test", &b)] {
        match r {
            Ok(c) => {
                println!("{name}: met");
                print!("{}", crate::fmt::humanize(&c.render()));
            }
            Err(e) => println!(
                "{name}: not met — {} [{}]",
                crate::fmt::humanize(&e.message),
                e.code
            ),
        }
    }
    println!(
        "\nverdict: the Corporation {} cause every share to convert on {}",
        if may { "may" } else { "may not" },
        ctx.as_of
    );
    Ok(ExitCode::SUCCESS)
}

/// `votes <instrument> [--record-date D]`.
fn votes(ctx: &Context, id: &str, record_date: Option<&str>) -> Result<ExitCode, String> {
    let i = index_of(ctx, id)?;
    let date = match record_date {
        Some(s) => parse_date(s, "--record-date")?,
        None => ctx.as_of,
    };
    // Holders of record at the close of business on the record date.
    let state = replay(&ctx.book, date);
    let view = state.view(&ctx.book);
    let p = series(&state, i, id)?;
    let lines = p.votes(&view, date).map_err(|r| r.to_string())?;
    let ct = p.conversion_terms(date).map_err(|r| r.to_string())?;
    let total = lines
        .iter()
        .fold(Shares::ZERO, |a, l| a.checked_add(l.votes).unwrap_or(a));
    if ctx.json {
        println!(
            "{}",
            json!({
                "instrument": id, "record_date": date.to_string(),
                "recorded": p.vote_records.contains_key(&date),
                "holders": lines, "total_votes": total,
            })
            .pipe_exact(&[("conversion_ratio", &ct.ratio)])
        );
        return Ok(ExitCode::SUCCESS);
    }
    println!(
        "{id}: votes at the close of business on {date} (Conversion Ratio {}) [CoD §9.1]\n",
        fig(&ct.ratio, 6)
    );
    let mut t = Table::new(&["holder", "shares", "as converted", "votes"]);
    for l in &lines {
        let as_conv = fig(&l.shares.exact().mul(&ct.ratio), 4);
        t.row(vec![
            l.holder.to_string(),
            group(&l.shares.to_string()),
            as_conv,
            group(&l.votes.to_string()),
        ]);
    }
    t.row(vec![
        "total".into(),
        String::new(),
        String::new(),
        group(&total.to_string()),
    ]);
    print!("{}", t.render());
    Ok(ExitCode::SUCCESS)
}
