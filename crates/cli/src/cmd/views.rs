//! `captable`, `waterfall`, `scenario`, `chart`, `export`: the
//! capitalization views of the `views` crate over the replayed book, as of
//! `--as-of`, as tables or `--json`. Charts and exports are written to the
//! file named by `--out`; the journal is never written (a scenario replays
//! a copy of the book in memory).

use crate::io::Context;
use crate::table::{group, Table};
use clap::{Args, ValueEnum};
use engine::{replay, Book, State};
use serde_json::json;
use std::process::ExitCode;
use units::{Exact, Money, Price};
use views::adapter::{self, Overrides, Reading};
use views::captable::{percent, CapTable, CapTableSettings};
use views::scenario::{ReportRow, Section, ValueKind};
use views::waterfall::{Deduction, Waterfall};

/// The definition of fully diluted (docs/cli.md, "Capitalization views";
/// docs/interpretations.md, "Capitalization views and waterfall").
#[derive(Args, Clone, Debug, Default)]
pub struct DilutionArgs {
    /// Leave out options and warrants out of the money at --price.
    #[arg(long)]
    pub exclude_out_of_the_money: bool,
    /// Treasury-stock method at --price.
    #[arg(long)]
    pub treasury_stock: bool,
    /// The common's price per share for the two settings above.
    #[arg(long)]
    pub price: Option<String>,
    /// Leave the plan pools' available shares out.
    #[arg(long)]
    pub no_pools: bool,
    /// Leave convertibles out of the fully diluted count.
    #[arg(long)]
    pub no_convertibles: bool,
    /// Leave warrants out.
    #[arg(long)]
    pub no_warrants: bool,
    /// Leave options out.
    #[arg(long)]
    pub no_options: bool,
}

#[derive(Clone, Copy, Debug, ValueEnum, Default)]
pub enum ReadingArg {
    /// Liquidation, dissolution or winding-up (each series' liquidation
    /// preference).
    #[default]
    Liquidation,
    /// Sale of the company (a deemed liquidation, or a series' put on a
    /// change of control, as its terms say).
    Sale,
}

/// What the waterfall is computed with.
#[derive(Args, Clone, Debug, Default)]
pub struct WaterfallArgs {
    /// Gross exit proceeds in dollars (whole cents).
    #[arg(long)]
    pub proceeds: Option<String>,
    #[arg(long, value_enum, default_value = "liquidation")]
    pub reading: ReadingArg,
    /// Transaction costs, paid first.
    #[arg(long)]
    pub costs: Option<String>,
    /// Debt ahead of equity, paid after the costs.
    #[arg(long)]
    pub debt: Option<String>,
    /// A class's preference per share, e.g. `series-a=1.00` (repeatable).
    #[arg(long = "preference")]
    pub preference: Vec<String>,
    /// A class's conversion ratio, e.g. `series-a=1.25` (repeatable).
    #[arg(long = "ratio")]
    pub ratio: Vec<String>,
    /// A class's seniority (higher first, equal = parity), e.g. `series-a=2`.
    /// Default: the term files' ranks: a series 1, its Senior Stock 2,
    /// Parity Stock 1, any other preferred class 0 (Junior Stock).
    #[arg(long = "rank")]
    pub rank: Vec<String>,
}

#[derive(Args, Debug)]
pub struct CaptableArgs {
    #[command(flatten)]
    pub dilution: DilutionArgs,
}

#[derive(Args, Debug)]
pub struct WaterfallCmd {
    #[command(flatten)]
    pub w: WaterfallArgs,
}

#[derive(Args, Debug)]
pub struct ScenarioArgs {
    /// Journal lines to apply to a copy of the book, e.g.
    /// "2002-06-01 issue-common public 5000000\n  price: 1.50".
    pub lines: Vec<String>,
    #[command(flatten)]
    pub dilution: DilutionArgs,
    #[command(flatten)]
    pub w: WaterfallArgs,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum ChartKind {
    /// Ownership by class (fully diluted) over time.
    Ownership,
    /// Payout by class (or --by-holder) against exit proceeds, breakpoints marked.
    Payout,
    /// A numeric status field of an instrument over time (--instrument, --field).
    Series,
}

#[derive(Args, Debug)]
pub struct ChartArgs {
    pub kind: ChartKind,
    /// The SVG file to write (never a file the book reads; an existing
    /// file only with --force).
    #[arg(long)]
    pub out: String,
    /// Replace --out if it exists (never a file the book reads).
    #[arg(long)]
    pub force: bool,
    /// Payout chart: one line per holder instead of per class.
    #[arg(long)]
    pub by_holder: bool,
    /// Series chart: the instrument.
    #[arg(long)]
    pub instrument: Option<String>,
    /// Series chart: status fields, comma-separated (default
    /// accreted_value,conversion_ratio).
    #[arg(long, default_value = "accreted_value,conversion_ratio")]
    pub field: String,
    /// Series/ownership chart: the first date (default: the book's first event).
    #[arg(long)]
    pub from: Option<String>,
    #[command(flatten)]
    pub dilution: DilutionArgs,
    #[command(flatten)]
    pub w: WaterfallArgs,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum ExportWhat {
    Captable,
    Waterfall,
    Breakpoints,
    /// Every computation recorded in the book up to --as-of.
    Schedule,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum Format {
    Csv,
    Xlsx,
}

#[derive(Args, Debug)]
pub struct ExportArgs {
    pub what: ExportWhat,
    #[arg(long, value_enum)]
    pub format: Format,
    /// The file to write (CSV: the tables one after another, a blank line
    /// between; XLSX: one worksheet per table). Never a file the book
    /// reads; an existing file only with --force.
    #[arg(long)]
    pub out: String,
    /// Replace --out if it exists (never a file the book reads).
    #[arg(long)]
    pub force: bool,
    #[command(flatten)]
    pub dilution: DilutionArgs,
    #[command(flatten)]
    pub w: WaterfallArgs,
}

fn blocked(ctx: &Context) -> Result<(), String> {
    ctx.ensure_no_errors()
}

fn money(s: &str, what: &str) -> Result<Money, String> {
    Money::parse(s.trim_start_matches('$')).map_err(|e| format!("--{what} {s}: {e}"))
}

fn settings(a: &DilutionArgs) -> Result<CapTableSettings, String> {
    let price = match &a.price {
        Some(p) => {
            Some(Price::parse(p.trim_start_matches('$')).map_err(|e| format!("--price {p}: {e}"))?)
        }
        None => None,
    };
    Ok(CapTableSettings {
        include_convertibles: !a.no_convertibles,
        include_warrants: !a.no_warrants,
        include_options: !a.no_options,
        include_pools: !a.no_pools,
        include_out_of_the_money: !a.exclude_out_of_the_money,
        treasury_stock_method: a.treasury_stock,
        price,
    })
}

fn pairs(v: &[String], what: &str) -> Result<Vec<(String, String)>, String> {
    v.iter()
        .map(|s| {
            s.split_once('=')
                .map(|(a, b)| (a.trim().to_string(), b.trim().to_string()))
                .ok_or_else(|| format!("--{what} {s}: write <class>=<value>"))
        })
        .collect()
}

/// A class named by `--preference`, `--ratio` or `--rank` must be a class
/// of the book: an unknown one would change nothing, and a waterfall that
/// silently ignores the setting asked for is a wrong answer.
fn known_class(book: &Book, class: &str, flag: &str) -> Result<(), String> {
    let ids: Vec<&str> = book
        .registry
        .securities
        .iter()
        .map(|s| s.id.as_str())
        .collect();
    if ids.contains(&class) {
        return Ok(());
    }
    let hint = journal::suggest(&class.to_lowercase(), ids.iter().copied())
        .map(|s| format!(" (did you mean `{s}`?)"))
        .unwrap_or_default();
    Err(format!(
        "--{flag} {class}=…: the book has no class `{class}`{hint}; its classes are {}",
        ids.join(", ")
    ))
}

fn overrides(book: &Book, a: &WaterfallArgs) -> Result<Overrides, String> {
    let mut o = Overrides::default();
    for (k, v) in pairs(&a.preference, "preference")? {
        known_class(book, &k, "preference")?;
        let x = adapter::parse_exact(v.trim_start_matches('$'))
            .ok_or_else(|| format!("--preference {k}={v}: not a number"))?;
        o.preference_per_share.insert(k, x);
    }
    for (k, v) in pairs(&a.ratio, "ratio")? {
        known_class(book, &k, "ratio")?;
        let x = adapter::parse_exact(&v).ok_or_else(|| format!("--ratio {k}={v}: not a number"))?;
        o.conversion_ratio.insert(k, x);
    }
    for (k, v) in pairs(&a.rank, "rank")? {
        known_class(book, &k, "rank")?;
        let digits = v.strip_prefix(['-', '+']).unwrap_or(&v);
        let x: i64 = v.parse().map_err(|_| {
            if !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit()) {
                format!(
                    "--rank {k}={v}: too large; a rank is a whole number from {} to {}",
                    i64::MIN,
                    i64::MAX
                )
            } else {
                format!("--rank {k}={v}: not a whole number")
            }
        })?;
        o.seniority.insert(k, x);
    }
    Ok(o)
}

fn ahead(a: &WaterfallArgs) -> Result<Vec<Deduction>, String> {
    let mut v = Vec::new();
    if let Some(c) = &a.costs {
        v.push(Deduction {
            id: "transaction costs".into(),
            amount: money(c, "costs")?,
        });
    }
    if let Some(d) = &a.debt {
        v.push(Deduction {
            id: "debt".into(),
            amount: money(d, "debt")?,
        });
    }
    Ok(v)
}

fn reading(a: &WaterfallArgs) -> Reading {
    match a.reading {
        ReadingArg::Liquidation => Reading::Liquidation,
        ReadingArg::Sale => Reading::Sale,
    }
}

fn refused(r: terms::Rejection) -> String {
    match &r.help {
        Some(h) => format!("{} [{}]: {}\nhelp: {h}", r.code, r.clause, r.message),
        None => format!("{} [{}]: {}", r.code, r.clause, r.message),
    }
}

fn build_waterfall(book: &Book, state: &State, a: &WaterfallArgs) -> Result<Waterfall, String> {
    let input = adapter::waterfall_input(book, state, reading(a), ahead(a)?, &overrides(book, a)?);
    Waterfall::new(input).map_err(refused)
}

fn captable(book: &Book, state: &State, a: &DilutionArgs) -> Result<CapTable, String> {
    let snap = adapter::snapshot(book, state);
    CapTable::compute(&snap, &settings(a)?).map_err(refused)
}

fn opt(s: &Option<units::Shares>) -> String {
    s.map(|x| group(&x.to_string()))
        .unwrap_or_else(|| "-".into())
}

/// An exact figure of a table: to 6 places, as every command shows one
/// (crate::fmt::exact).
fn short(x: &Exact) -> String {
    crate::fmt::exact(x, 6)
}

/// `captable`: by class and by holder, with voting power and reserves.
pub fn captable_cmd(ctx: &Context, args: &CaptableArgs) -> Result<ExitCode, String> {
    blocked(ctx)?;
    let state = ctx.state();
    let t = captable(&ctx.book, &state, &args.dilution)?;
    if ctx.json {
        println!("{}", t.to_json());
        return Ok(ExitCode::SUCCESS);
    }
    println!(
        "{} — cap table as of {}\n",
        ctx.book.settings.company,
        crate::fmt::date(ctx.as_of)
    );
    let mut c = Table::new(&[
        "class",
        "authorized",
        "issued",
        "treasury",
        "outstanding",
        "as converted",
        "fully diluted",
        "% FD",
        "votes",
        "% votes",
    ]);
    for l in &t.classes {
        c.row(vec![
            l.id.clone(),
            opt(&l.authorized),
            group(&l.issued.to_string()),
            group(&l.treasury.to_string()),
            group(&l.outstanding.to_string()),
            short(&l.as_converted),
            short(&l.fully_diluted),
            percent(&l.pct_fully_diluted, 2),
            short(&l.votes),
            percent(&l.pct_votes, 2),
        ]);
    }
    c.row(vec![
        "total".into(),
        String::new(),
        String::new(),
        String::new(),
        group(&t.common_outstanding.to_string()),
        short(&t.as_converted_total),
        short(&t.fully_diluted_total),
        "100%".into(),
        short(&t.votes_total),
        "100%".into(),
    ]);
    println!("By class (total outstanding = common)\n{}", c.render());
    let mut h = Table::new(&[
        "holder",
        "common",
        "% common",
        "as converted",
        "% as conv.",
        "fully diluted",
        "% FD",
        "votes",
        "% votes",
    ]);
    for l in &t.holders {
        h.row(vec![
            l.holder.clone(),
            group(&l.common.to_string()),
            percent(&l.pct_outstanding_common.value(), 2),
            short(&l.as_converted.exact()),
            percent(&l.pct_as_converted.value(), 2),
            short(&l.fully_diluted.exact()),
            percent(&l.pct_fully_diluted.value(), 2),
            short(&l.votes.exact()),
            percent(&l.pct_votes.value(), 2),
        ]);
    }
    println!("By holder\n{}", h.render());
    let r = &t.reserve;
    let mut rt = Table::new(&["reserved for", "common needed", "covenant"]);
    for n in &r.needs {
        rt.row(vec![
            n.for_class.clone(),
            short(&n.shares),
            n.clause.as_ref().map(|c| c.to_string()).unwrap_or_default(),
        ]);
    }
    println!("Reserve sufficiency\n{}", rt.render());
    println!(
        "authorized {} − issued {} = {} unissued; required {}: {}",
        opt(&r.authorized),
        group(&r.issued.to_string()),
        r.unissued.as_ref().map(short).unwrap_or_else(|| "-".into()),
        short(&r.required),
        r.computed.value
    );
    Ok(ExitCode::SUCCESS)
}

fn proceeds_of(a: &WaterfallArgs) -> Result<Money, String> {
    let p = a
        .proceeds
        .as_deref()
        .ok_or("--proceeds <amount> is required")?;
    money(p, "proceeds")
}

/// `waterfall --proceeds`: payouts by class and by holder, and every
/// breakpoint.
pub fn waterfall_cmd(ctx: &Context, args: &WaterfallCmd) -> Result<ExitCode, String> {
    blocked(ctx)?;
    let state = ctx.state();
    let wf = build_waterfall(&ctx.book, &state, &args.w)?;
    let p = proceeds_of(&args.w)?;
    let d = wf.distribute(p).map_err(refused)?;
    let bps = wf.breakpoints();
    if ctx.json {
        println!(
            "{}",
            json!({
                "as_of": ctx.as_of.to_string(),
                "reading": format!("{:?}", reading(&args.w)).to_lowercase(),
                "input": wf.input().to_json(),
                "distribution": d.to_json(),
                "breakpoints": bps.iter().map(|b| b.to_json()).collect::<Vec<_>>(),
            })
        );
        return Ok(ExitCode::SUCCESS);
    }
    println!(
        "{} — {:?} waterfall of {} as of {}\n",
        ctx.book.settings.company,
        reading(&args.w),
        crate::fmt::money(p),
        ctx.as_of
    );
    let mut c = Table::new(&["class", "basis", "amount", "per share"]);
    for k in &d.classes {
        c.row(vec![
            k.class.clone(),
            k.basis.clone(),
            crate::fmt::money(k.amount),
            k.per_share.as_ref().map(short).unwrap_or_default(),
        ]);
    }
    println!("By class\n{}", c.render());
    if !wf.input().ranking.is_empty() {
        let mut r = Table::new(&["class", "rank", "why"]);
        for x in &wf.input().ranking {
            r.row(vec![
                x.class.clone(),
                x.seniority.to_string(),
                x.basis.clone(),
            ]);
        }
        println!(
            "Ranks (higher paid first; equal share ratably)\n{}",
            r.render()
        );
    }
    let mut h = Table::new(&["class", "holder", "shares", "basis", "amount"]);
    for x in &d.payouts {
        h.row(vec![
            x.class.clone(),
            x.holder.clone(),
            group(&x.shares.to_string()),
            x.basis.clone(),
            crate::fmt::money(x.amount),
        ]);
    }
    println!("By holder\n{}", h.render());
    if let Some(v) = &d.value_per_common {
        println!("value per common share: {}\n", short(v));
    }
    let mut b = Table::new(&["#", "proceeds", "value per common", "what happens"]);
    for (i, x) in bps.iter().enumerate() {
        b.row(vec![
            format!("B{}", i + 1),
            short(&x.proceeds),
            x.value_per_common.as_ref().map(short).unwrap_or_default(),
            x.events.join("; "),
        ]);
    }
    println!("Breakpoints (exact)\n{}", b.render());
    for n in &wf.input().notes {
        println!("note: {n}");
    }
    Ok(ExitCode::SUCCESS)
}

/// `scenario "<lines>"`: every figure before and after, and what changed.
pub fn scenario_cmd(ctx: &Context, args: &ScenarioArgs) -> Result<ExitCode, String> {
    blocked(ctx)?;
    let lines = args.lines.join("\n").replace("\\n", "\n");
    let hyp = ctx.hypothetical(&lines)?;
    let as_of = hyp.as_of;
    let loaded = &hyp.loaded;
    let set = settings(&args.dilution)?;
    let at = match &args.w.proceeds {
        Some(_) => Some(views::scenario::WaterfallAt {
            proceeds: proceeds_of(&args.w)?,
            reading: reading(&args.w),
            ahead: ahead(&args.w)?,
            overrides: overrides(&ctx.book, &args.w)?,
        }),
        None => None,
    };
    let err = refused;
    let base_state = ctx.state_at(as_of);
    let new_state = replay(&loaded.book, as_of);
    let before =
        views::scenario::figures(&ctx.book, &base_state, &set, at.as_ref()).map_err(err)?;
    let after =
        views::scenario::figures(&loaded.book, &new_state, &set, at.as_ref()).map_err(err)?;
    let changes = views::scenario::diff(&before, &after);
    let rejections: Vec<&engine::RecordedRejection> = new_state
        .rejections
        .iter()
        .filter(|r| r.span.file == hyp.file)
        .collect();
    if ctx.json {
        println!(
            "{}",
            json!({
                "as_of": as_of.to_string(),
                "accepted": rejections.is_empty(),
                "rejections": rejections.iter().map(|r| json!({"code": r.rejection.code, "clause": r.rejection.clause.to_string(), "message": r.rejection.message})).collect::<Vec<_>>(),
                "changes": changes,
                "before": before,
                "after": after,
            })
        );
    } else {
        for r in &rejections {
            println!(
                "{}",
                r.rejection
                    .to_diagnostic(Some(r.span))
                    .render(&loaded.sources)
            );
        }
        println!(
            "scenario as of {} (the journal was not written): {} figure(s) change (every one in --json)\n",
            as_of,
            changes.len()
        );
        print_report(
            &views::scenario::report(&before, &after, &changes),
            at.as_ref(),
        );
    }
    Ok(if rejections.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// A value of the report for people: numbers grouped in thousands (a
/// non-terminating one to 6 places and `…`), fractions as percentages, long
/// text cut.
fn shown(kind: ValueKind, v: &Option<String>) -> String {
    let Some(s) = v.as_deref().filter(|s| *s != "null") else {
        return "-".into();
    };
    match (kind, number(s)) {
        (ValueKind::Fraction, Some((x, _))) => percent(&x, 4),
        // An exact decimal as the figure prints it (a price keeps its
        // cents: 4.10, not 4.1).
        (ValueKind::Number, Some((_, true))) if !s.contains('/') && !s.contains('e') => group(s),
        (ValueKind::Number, Some((x, exact))) => shown_number(&x, exact),
        _ => {
            if s.chars().count() > 48 {
                format!("{}…", s.chars().take(47).collect::<String>())
            } else {
                s.to_string()
            }
        }
    }
}

/// A number of the report and whether it is exact (a figure printed with
/// `…` is cut at 12 places).
fn number(s: &str) -> Option<(Exact, bool)> {
    let cut = s.ends_with('…');
    adapter::parse_exact(s.trim_end_matches('…')).map(|x| (x, !cut))
}

fn shown_number(x: &Exact, exact: bool) -> String {
    match (x.to_decimal_exact(), exact) {
        (Ok(d), true) if d.scale() <= 6 => group(&d.normalize().to_string()),
        _ => x
            .round_dp(6, units::Rounding::HalfUp)
            .map(|d| format!("{}…", group(&d.normalize().to_string())))
            .unwrap_or_else(|_| x.display()),
    }
}

/// after − before, signed; percentage points for fractions.
fn change(kind: ValueKind, before: &Option<String>, after: &Option<String>) -> String {
    let (Some((b, be)), Some((a, ae))) = (
        before.as_deref().and_then(number),
        after.as_deref().and_then(number),
    ) else {
        return String::new();
    };
    if kind == ValueKind::Text {
        return String::new();
    }
    let mut d = a.sub(&b);
    if kind == ValueKind::Fraction {
        d = d.mul(&Exact::from_int(100));
    }
    let sign = if d.is_negative() {
        "-"
    } else if d.is_zero() {
        ""
    } else {
        "+"
    };
    let body = shown_number(&d.abs(), be && ae);
    if kind == ValueKind::Fraction {
        format!("{sign}{body} pp")
    } else {
        format!("{sign}{body}")
    }
}

/// The scenario's report, one aligned table per section.
fn print_report(rows: &[ReportRow], at: Option<&views::scenario::WaterfallAt>) {
    let mut i = 0;
    while let Some(first) = rows.get(i) {
        let section = first.section;
        let n = rows[i..]
            .iter()
            .take_while(|r| r.section == section)
            .count();
        let part = &rows[i..i + n];
        i += n;
        let title = match (section, at) {
            (Section::Waterfall, Some(w)) => format!(
                "{} at {} ({:?})",
                section.title(),
                crate::fmt::money(w.proceeds),
                w.reading
            ),
            _ => section.title().to_string(),
        };
        let changes: Vec<String> = part
            .iter()
            .map(|r| change(r.kind, &r.before, &r.after))
            .collect();
        // Right-aligned by hand: a leading sign reads as text to the table.
        let w = changes.iter().map(|c| c.chars().count()).max().unwrap_or(0);
        let mut t = Table::new(&["of", "figure", "before", "after", "change"]);
        let mut last = "";
        for (r, c) in part.iter().zip(&changes) {
            let subject = if r.subject == last {
                String::new()
            } else {
                r.subject.clone()
            };
            last = &r.subject;
            t.row(vec![
                subject,
                r.figure.clone(),
                shown(r.kind, &r.before),
                shown(r.kind, &r.after),
                format!("{c:>w$}"),
            ]);
        }
        println!("{title}\n{}", t.render());
    }
}

fn from_date(ctx: &Context, from: &Option<String>) -> Result<calendar::Date, String> {
    match from {
        Some(s) => terms::fields::parse_date(s).map_err(|e| format!("--from {s}: {e}")),
        None => Ok(ctx.book.date_range().map(|(a, _)| a).unwrap_or(ctx.as_of)),
    }
}

/// Every `--field` of a series chart must be a numeric field of the
/// instrument's status (on the as-of date): an unknown one would draw an
/// empty chart and exit 0 as if all were well.
fn check_fields(ctx: &Context, id: &str, fields: &str) -> Result<(), String> {
    let i = ctx.instrument_index(id)?;
    let state = ctx.state();
    let view = state.view(&ctx.book);
    let status = state
        .instrument(i)
        .map(|x| x.status(&view))
        .unwrap_or(serde_json::Value::Null);
    let numeric: Vec<&str> = status
        .as_object()
        .into_iter()
        .flatten()
        .filter(|(_, v)| match v {
            serde_json::Value::Number(_) => true,
            serde_json::Value::String(s) => adapter::parse_exact(s.trim_end_matches('…')).is_some(),
            _ => false,
        })
        .map(|(k, _)| k.as_str())
        .collect();
    for f in fields.split(',').map(str::trim) {
        if numeric.contains(&f) {
            continue;
        }
        let hint = journal::suggest(&f.to_lowercase(), numeric.iter().copied())
            .map(|s| format!(" (did you mean `{s}`?)"))
            .unwrap_or_default();
        return Err(format!(
            "--field {f}: `{id}` has no numeric status field `{f}`{hint}; its fields are {}",
            numeric.join(", ")
        ));
    }
    Ok(())
}

/// `chart <kind> --out file.svg`.
pub fn chart_cmd(ctx: &Context, args: &ChartArgs) -> Result<ExitCode, String> {
    use views::chart::{self, Marker, Series};
    blocked(ctx)?;
    let svg = match args.kind {
        ChartKind::Ownership => {
            let from = from_date(ctx, &args.from)?;
            let mut dates: Vec<calendar::Date> = adapter::event_dates(&ctx.book, ctx.as_of)
                .into_iter()
                .filter(|d| *d >= from)
                .collect();
            // As of a date before the first event: that date alone (the
            // chart then says nothing is declared by it).
            if dates.is_empty() {
                dates.push(ctx.as_of);
            }
            // A long book: at most about 400 points (each is a full cap
            // table), always keeping the last date.
            if dates.len() > 400 {
                let step = dates.len() / 400 + 1;
                let last = dates.last().copied();
                dates = dates.into_iter().step_by(step).collect();
                if let Some(l) = last {
                    if dates.last() != Some(&l) {
                        dates.push(l);
                    }
                }
            }
            let data = adapter::ownership_series(&ctx.book, &dates, &settings(&args.dilution)?);
            chart::ownership_chart(&data)
        }
        ChartKind::Payout => {
            let state = ctx.state();
            let wf = build_waterfall(&ctx.book, &state, &args.w)?;
            let bps = wf.breakpoints();
            let last = bps
                .last()
                .map(|b| b.proceeds.clone())
                .unwrap_or_else(Exact::zero);
            let top = match &args.w.proceeds {
                Some(_) => proceeds_of(&args.w)?.exact(),
                None => last
                    .add(&last.mul(&Exact::ratio(1, 2).map_err(|e| e.to_string())?))
                    .max(Exact::from_int(1)),
            };
            let mut xs: Vec<Exact> = vec![Exact::zero()];
            xs.extend(bps.iter().map(|b| b.proceeds.clone()).filter(|p| p < &top));
            xs.push(top.clone());
            let mut series: Vec<Series> = Vec::new();
            for x in &xs {
                let (payouts, _, _) = wf.exact_payouts(x);
                let rows: Vec<(String, Exact)> = if args.by_holder {
                    views::waterfall::by_holder(&payouts)
                        .into_iter()
                        .map(|(h, e, _)| (h, e))
                        .collect()
                } else {
                    let mut m: Vec<(String, Exact)> = Vec::new();
                    for p in &payouts {
                        match m.iter_mut().find(|(k, _)| k == &p.class) {
                            Some(e) => e.1 = e.1.add(&p.exact),
                            None => m.push((p.class.clone(), p.exact.clone())),
                        }
                    }
                    m
                };
                for (k, v) in rows {
                    match series.iter_mut().find(|s| s.name == k) {
                        Some(s) => s.points.push((x.clone(), v)),
                        None => series.push(Series {
                            name: k,
                            points: vec![(x.clone(), v)],
                        }),
                    }
                }
            }
            let markers: Vec<Marker> = bps
                .iter()
                .filter(|b| b.proceeds <= top)
                .map(|b| Marker {
                    x: b.proceeds.clone(),
                    label: b.events.join("; "),
                })
                .collect();
            chart::payout_chart(
                &format!(
                    "Payout against exit proceeds ({:?}), as of {}",
                    reading(&args.w),
                    ctx.as_of
                ),
                &series,
                &markers,
            )
        }
        ChartKind::Series => {
            let id = match &args.instrument {
                Some(i) => i.clone(),
                None => ctx
                    .book
                    .instruments
                    .iter()
                    .find(|d| d.kind == "convertible-preferred")
                    .map(|d| d.id.to_string())
                    .ok_or(
                        "--instrument <id> is required (no convertible preferred in the book)",
                    )?,
            };
            check_fields(ctx, &id, &args.field)?;
            let from = from_date(ctx, &args.from)?;
            let mut dates = Vec::new();
            let mut d = from;
            // Month ends and the as-of date.
            while d <= ctx.as_of {
                dates.push(d);
                let next = d.last_of_month().tomorrow().map_err(|e| e.to_string())?;
                d = next.last_of_month();
            }
            dates.push(ctx.as_of);
            dates.dedup();
            let named: Vec<(String, Vec<(calendar::Date, Exact)>)> = args
                .field
                .split(',')
                .map(|f| {
                    (
                        format!("{id} {f}"),
                        adapter::status_series(&ctx.book, &id, f.trim(), &dates),
                    )
                })
                .collect();
            chart::time_series_chart(&format!("{id} over time"), &args.field, &named)
        }
    };
    crate::io::write_out(ctx, &args.out, svg.as_bytes(), args.force)?;
    if ctx.json {
        println!("{}", json!({"out": args.out, "bytes": svg.len()}));
    } else {
        println!("wrote {} ({} bytes)", args.out, svg.len());
    }
    Ok(ExitCode::SUCCESS)
}

/// `export <what> --format csv|xlsx --out file`.
pub fn export_cmd(ctx: &Context, args: &ExportArgs) -> Result<ExitCode, String> {
    use views::export;
    blocked(ctx)?;
    let state = ctx.state();
    let tables = match args.what {
        ExportWhat::Captable => export::captable_tables(
            &captable(&ctx.book, &state, &args.dilution)?,
            &adapter::holder_names(&ctx.book),
        ),
        ExportWhat::Waterfall => {
            let wf = build_waterfall(&ctx.book, &state, &args.w)?;
            let d = wf.distribute(proceeds_of(&args.w)?).map_err(refused)?;
            export::waterfall_tables(&d, &wf.breakpoints())
        }
        ExportWhat::Breakpoints => vec![export::breakpoints_table(
            &build_waterfall(&ctx.book, &state, &args.w)?.breakpoints(),
        )],
        ExportWhat::Schedule => {
            let mut t = export::schedule_table("Schedule", &[]);
            t.header.insert(0, "date".into());
            t.header.insert(1, "instrument".into());
            for c in &state.computations {
                for mut row in export::schedule_table("", std::slice::from_ref(&c.computed)).rows {
                    row.insert(0, export::text(c.date.to_string()));
                    row.insert(1, export::text(c.instrument.clone().unwrap_or_default()));
                    t.rows.push(row);
                }
            }
            vec![t]
        }
    };
    let bytes: Vec<u8> = match args.format {
        Format::Csv => tables
            .iter()
            .map(export::to_csv)
            .collect::<Result<Vec<_>, _>>()?
            .join("\r\n")
            .into_bytes(),
        Format::Xlsx => export::to_xlsx(&tables)?,
    };
    crate::io::write_out(ctx, &args.out, &bytes, args.force)?;
    if ctx.json {
        println!(
            "{}",
            json!({"out": args.out, "bytes": bytes.len(), "tables": tables.iter().map(|t| &t.title).collect::<Vec<_>>()})
        );
    } else {
        println!(
            "wrote {} ({} bytes, {} table(s))",
            args.out,
            bytes.len(),
            tables.len()
        );
    }
    Ok(ExitCode::SUCCESS)
}
