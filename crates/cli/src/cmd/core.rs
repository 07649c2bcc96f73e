//! `check`, `report`, `holder`, `explain`, `instrument`, `what-if`.

use crate::io::Context;
use crate::table::{group, Table};
use engine::{replay, State};
use serde_json::{json, Value};
use std::process::ExitCode;

fn pct(part: units::Shares, whole: units::Shares) -> String {
    if whole.is_zero() {
        return String::from("-");
    }
    let p = part
        .exact()
        .mul(&units::Exact::from_int(100))
        .div(&whole.exact());
    match p.and_then(|p| p.round_dp(2, units::Rounding::HalfUp)) {
        Ok(d) => format!("{d}%"),
        Err(_) => String::from("-"),
    }
}

fn errors_block(ctx: &Context) -> Result<(), String> {
    ctx.ensure_no_errors()
}

/// `check`: every load diagnostic and every rejection over the whole book.
pub fn check(ctx: &Context) -> Result<ExitCode, String> {
    let end = ctx
        .book
        .date_range()
        .map(|(_, e)| e.max(ctx.as_of))
        .unwrap_or(ctx.as_of);
    let state = replay(&ctx.book, end);
    let mut all: Vec<journal::Diagnostic> = ctx.diagnostics.clone();
    all.extend(state.rejection_diagnostics());
    for w in &state.warnings {
        all.push(
            journal::Diagnostic::warning(
                w.warning.code,
                w.span,
                format!("{}: {}", w.date, w.warning.message),
            )
            .with_clause(w.warning.clause.to_string()),
        );
    }
    let errors = all.iter().filter(|d| d.is_error()).count();
    let warnings = all.len() - errors;
    if ctx.json {
        let items: Vec<Value> = all
            .iter()
            .map(|d| {
                json!({
                    "severity": d.severity.as_str(),
                    "code": d.code,
                    "message": d.message,
                    "file": d.span.map(|s| ctx.sources.name(s.file).to_string()),
                    "line": d.span.map(|s| s.line),
                    "column": d.span.map(|s| s.col),
                    "clause": d.clause,
                    "help": d.help,
                })
            })
            .collect();
        println!(
            "{}",
            json!({ "errors": errors, "warnings": warnings, "diagnostics": items })
        );
    } else {
        for d in &all {
            // The message is prose with figures in it (shares, prices): they
            // read as in every other report; the source line stays as written.
            let mut shown = d.clone();
            shown.message = crate::fmt::group_numbers(&d.message);
            println!("{}", shown.render(&ctx.sources));
        }
        println!(
            "{}: {errors} error(s), {warnings} warning(s), {} event(s) through {}",
            ctx.root.0,
            ctx.book.events.len(),
            crate::fmt::date(end)
        );
    }
    Ok(if errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn securities_json(ctx: &Context, state: &State) -> Vec<Value> {
    // Nothing exists before it is declared.
    views::adapter::declared_securities(&ctx.book, ctx.as_of)
        .map(|(i, s)| {
            let i = i as u32;
            json!({
                "id": s.id, "name": s.name, "class": s.class,
                "authorized": state.authorized.get(i as usize).copied().flatten(),
                "issued": state.ledger.issued(i),
                "treasury": state.ledger.treasury(i),
                "outstanding": state.ledger.outstanding(i),
            })
        })
        .collect()
}

/// `report`: the capitalization and every instrument's status.
pub fn report(ctx: &Context) -> Result<ExitCode, String> {
    errors_block(ctx)?;
    let state = ctx.state();
    let view = state.view(&ctx.book);
    if ctx.json {
        let positions: Vec<Value> = state
            .ledger
            .all_positions()
            .into_iter()
            .filter_map(|(s, h, q)| {
                let sec = ctx.book.registry.security_info(s)?;
                let hol = ctx.book.registry.holder_info(h)?;
                Some(json!({ "security": sec.id, "holder": hol.id, "shares": q }))
            })
            .collect();
        let instruments: Vec<Value> = views::adapter::declared_instruments(&ctx.book, ctx.as_of)
            .filter_map(|(i, d)| {
                let inst = state.instrument(i)?;
                Some(json!({ "id": d.id, "kind": d.kind, "name": d.name, "status": inst.status(&view) }))
            })
            .collect();
        println!(
            "{}",
            json!({
                "company": ctx.book.settings.company,
                "as_of": ctx.as_of.to_string(),
                "securities": securities_json(ctx, &state),
                "positions": positions,
                "instruments": instruments,
                "rejections": state.rejections.iter().map(|r| json!({
                    "date": r.date.to_string(), "code": r.rejection.code, "clause": r.rejection.clause.to_string(),
                    "message": r.rejection.message, "line": r.span.line, "file": ctx.sources.name(r.span.file),
                })).collect::<Vec<_>>(),
                "warnings": state.warnings.iter().map(|w| json!({
                    "date": w.date.to_string(), "code": w.warning.code, "clause": w.warning.clause.to_string(),
                    "message": w.warning.message,
                })).collect::<Vec<_>>(),
            })
        );
        return Ok(ExitCode::SUCCESS);
    }
    println!(
        "{} — as of {}\n",
        ctx.book.settings.company,
        crate::fmt::date(ctx.as_of)
    );
    let mut t = Table::new(&[
        "security",
        "name",
        "authorized",
        "issued",
        "treasury",
        "outstanding",
    ]);
    for (i, s) in views::adapter::declared_securities(&ctx.book, ctx.as_of) {
        let i32_ = i as u32;
        t.row(vec![
            s.id.to_string(),
            s.name.clone(),
            state
                .authorized
                .get(i)
                .copied()
                .flatten()
                .map(|a| group(&a.to_string()))
                .unwrap_or_else(|| "-".into()),
            group(&state.ledger.issued(i32_).to_string()),
            group(&state.ledger.treasury(i32_).to_string()),
            group(&state.ledger.outstanding(i32_).to_string()),
        ]);
    }
    println!("Securities\n{}", t.render());
    let mut t = Table::new(&["security", "holder", "shares", "% of class"]);
    for (s, h, q) in state.ledger.all_positions() {
        let (Some(sec), Some(hol)) = (
            ctx.book.registry.security_info(s),
            ctx.book.registry.holder_info(h),
        ) else {
            continue;
        };
        t.row(vec![
            sec.id.to_string(),
            hol.id.to_string(),
            group(&q.to_string()),
            pct(q, state.ledger.outstanding(s)),
        ]);
    }
    println!("Holders of record\n{}", t.render());
    for (i, d) in views::adapter::declared_instruments(&ctx.book, ctx.as_of) {
        if let Some(inst) = state.instrument(i) {
            println!(
                "{} — {} ({})\n{}",
                d.id,
                d.name,
                d.kind,
                crate::fmt::humanize(&inst.status_text(&view))
            );
        }
    }
    // Rejections are named in the footer every command ends with (main.rs).
    if !state.warnings.is_empty() {
        println!("{} warning(s): run `stockbook check`", state.warnings.len());
    }
    Ok(ExitCode::SUCCESS)
}

/// `holder`: one holder's positions, cash received, and instrument entries.
pub fn holder(ctx: &Context, id: &str) -> Result<ExitCode, String> {
    errors_block(ctx)?;
    let h = ctx.holder_index(id)?;
    let state = ctx.state();
    let view = state.view(&ctx.book);
    let info = ctx.book.registry.holder_info(h);
    let positions: Vec<(String, units::Shares, String)> = ctx
        .book
        .registry
        .securities
        .iter()
        .enumerate()
        .filter_map(|(s, sec)| {
            let q = state.ledger.position(s as u32, h);
            (!q.is_zero()).then(|| {
                (
                    sec.id.to_string(),
                    q,
                    pct(q, state.ledger.outstanding(s as u32)),
                )
            })
        })
        .collect();
    let cash: Vec<&engine::replay::CashRecord> = state
        .cash
        .iter()
        .filter(|c| c.holder.as_str() == id)
        .collect();
    // Instruments report per-holder entries under "holders" (docs/cli.md).
    let entries: Vec<Value> = ctx
        .book
        .instruments
        .iter()
        .enumerate()
        .filter_map(|(i, d)| {
            let st = state.instrument(i)?.status(&view);
            let mine: Vec<Value> = st
                .get("holders")
                .and_then(|v| v.as_array())
                .map(|a| {
                    a.iter()
                        .filter(|e| e.get("holder").and_then(|x| x.as_str()) == Some(id))
                        .cloned()
                        .collect()
                })
                .unwrap_or_default();
            (!mine.is_empty())
                .then(|| json!({ "instrument": d.id, "kind": d.kind, "entries": mine }))
        })
        .collect();
    if ctx.json {
        println!(
            "{}",
            json!({
                "holder": id,
                "name": info.map(|i| i.name.clone()),
                "assumption": info.and_then(|i| i.assumption.clone()),
                "as_of": ctx.as_of.to_string(),
                "positions": positions.iter().map(|(s, q, p)| json!({"security": s, "shares": q, "percent_of_class": p})).collect::<Vec<_>>(),
                "cash": cash,
                "instruments": entries,
            })
        );
        return Ok(ExitCode::SUCCESS);
    }
    println!(
        "{} ({}) — as of {}",
        info.map(|i| i.name.as_str()).unwrap_or(id),
        id,
        ctx.as_of
    );
    if let Some(a) = info.and_then(|i| i.assumption.as_ref()) {
        println!("assumption: {a}");
    }
    let mut t = Table::new(&["security", "shares", "% of class"]);
    for (s, q, p) in &positions {
        t.row(vec![s.clone(), group(&q.to_string()), p.clone()]);
    }
    println!("\n{}", t.render());
    if !cash.is_empty() {
        let mut t = Table::new(&["date", "amount", "reason"]);
        for c in cash {
            t.row(vec![
                c.date.to_string(),
                crate::fmt::money(c.amount),
                c.reason.clone(),
            ]);
        }
        println!("Cash\n{}", t.render());
    }
    for e in &entries {
        println!(
            "{} ({})",
            e["instrument"].as_str().unwrap_or(""),
            e["kind"].as_str().unwrap_or("")
        );
        for entry in e["entries"].as_array().into_iter().flatten() {
            let fields = entry_fields(entry);
            let width = fields
                .iter()
                .map(|(k, _)| k.chars().count())
                .max()
                .unwrap_or(0);
            for (k, v) in fields {
                println!("  {k:<width$}  {v}");
            }
            println!();
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// One entry an instrument lists for a holder, as `field  value` lines for
/// a person: numbers grouped and to at most 6 places, a computation as its
/// value, a list as its count (every detail is in `--json`).
fn entry_fields(entry: &Value) -> Vec<(String, String)> {
    let Some(map) = entry.as_object() else {
        return vec![(String::from("value"), entry.to_string())];
    };
    let mut out = Vec::new();
    for (k, v) in map {
        // The exact fraction beside a figure is for machines (--json); a
        // person reads the figure to 6 places.
        if k == "holder" || k.ends_with("_exact") {
            continue;
        }
        let shown = match v {
            Value::Null => String::from("-"),
            Value::Bool(b) => String::from(if *b { "yes" } else { "no" }),
            Value::Number(n) => n.to_string(),
            Value::String(s) => crate::fmt::decimal_text(s, 6),
            Value::Object(o) => match o.get("value").and_then(|x| x.as_str()) {
                Some(x) => crate::fmt::decimal_text(x, 6),
                None if o.is_empty() => continue,
                None => format!("({} field(s); see --json)", o.len()),
            },
            Value::Array(a) if a.is_empty() => continue,
            Value::Array(a) => format!("({} entr(ies); see --json)", a.len()),
        };
        out.push((field_name(k), shown));
    }
    out
}

/// A JSON field name for a person: a trailing run of numbers is the section
/// the instrument's field names (`waived_6_2` → "waived", the section sign,
/// "6.2").
fn field_name(k: &str) -> String {
    let parts: Vec<&str> = k.split('_').collect();
    let n = parts
        .iter()
        .rev()
        .take_while(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
        .count();
    let (words, section) = parts.split_at(parts.len() - n);
    if section.is_empty() || words.is_empty() {
        return k.replace('_', " ");
    }
    format!(
        "{} {}{}",
        words.join(" "),
        units::SECTION_SIGN,
        section.join(".")
    )
}

/// `explain`: each instrument's derived figures as of the date, then the
/// computation schedules recorded while replaying up to it. `figure`
/// matches anywhere in a schedule (its name, formula, inputs or clauses),
/// case-insensitively.
pub fn explain(ctx: &Context, figure: &str, instrument: Option<&str>) -> Result<ExitCode, String> {
    errors_block(ctx)?;
    let state = ctx.state();
    let view = state.view(&ctx.book);
    let needle = figure.to_lowercase();
    let matches =
        |c: &units::Computed| needle.is_empty() || c.render().to_lowercase().contains(&needle);
    let mut current: Vec<engine::replay::RecordedComputation> = Vec::new();
    for (i, d) in ctx.book.instruments.iter().enumerate() {
        if instrument.map(|x| x != d.id.as_str()).unwrap_or(false) {
            continue;
        }
        if let Some(inst) = state.instrument(i) {
            for c in inst.figures(&view).into_iter().filter(|c| matches(c)) {
                current.push(engine::replay::RecordedComputation {
                    date: ctx.as_of,
                    instrument: Some(d.id.to_string()),
                    computed: c,
                });
            }
        }
    }
    let recorded: Vec<&engine::replay::RecordedComputation> = state
        .computations
        .iter()
        .filter(|c| {
            instrument
                .map(|i| c.instrument.as_deref() == Some(i))
                .unwrap_or(true)
        })
        .filter(|c| matches(&c.computed))
        .collect();
    if ctx.json {
        println!(
            "{}",
            json!({ "as_of": ctx.as_of.to_string(), "current": current, "recorded": recorded })
        );
    } else {
        if current.is_empty() && recorded.is_empty() {
            println!("no figure matches `{figure}` through {}", ctx.as_of);
        }
        if !current.is_empty() {
            println!("Figures as of {}\n", ctx.as_of);
            for c in &current {
                println!(
                    "{}\n{}",
                    c.instrument.as_deref().unwrap_or(""),
                    crate::fmt::humanize(&c.computed.render())
                );
            }
        }
        if !recorded.is_empty() {
            println!("Recorded computations through {}\n", ctx.as_of);
            for c in recorded {
                println!(
                    "{} {}\n{}",
                    c.date,
                    c.instrument.as_deref().unwrap_or(""),
                    crate::fmt::humanize(&c.computed.render())
                );
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `instrument`: one instrument's status.
pub fn instrument(ctx: &Context, id: &str) -> Result<ExitCode, String> {
    errors_block(ctx)?;
    let i = ctx.instrument_index(id)?;
    let state = ctx.state();
    let view = state.view(&ctx.book);
    let Some(inst) = state.instrument(i) else {
        return Err("instrument unavailable".into());
    };
    if ctx.json {
        println!("{}", inst.status(&view));
    } else {
        // Most kinds head their status with the id and the date already;
        // a second header would say it twice.
        let text = crate::fmt::humanize(&inst.status_text(&view));
        let first = text.lines().next().unwrap_or("");
        if first.contains(id) && first.contains(&ctx.as_of.to_string()) {
            print!("{text}");
        } else {
            println!("{} — as of {}\n{}", id, ctx.as_of, text);
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `what-if`: adds hypothetical lines to a copy of the book, replays it
/// far enough to cover every line, and reports what the terms say about
/// them. Never writes.
pub fn what_if(ctx: &Context, lines: &str) -> Result<ExitCode, String> {
    errors_block(ctx)?;
    if lines.trim().is_empty() {
        return Err(String::from(
            "no hypothetical line: give at least one journal line, e.g. \"2024-06-03 convert series-a fund-1 100\"",
        ));
    }
    let hyp = ctx.hypothetical(lines)?;
    let as_of = hyp.as_of;
    let loaded = &hyp.loaded;
    let state = replay(&loaded.book, as_of);
    let view = state.view(&loaded.book);
    let rejections: Vec<&engine::RecordedRejection> = state
        .rejections
        .iter()
        .filter(|r| r.span.file == hyp.file)
        .collect();
    // The computations the hypothetical lines caused: those of the
    // hypothetical replay that the book's own replay does not have (as a
    // multiset, so a repeated figure counts once per occurrence).
    let base = ctx.state_at(as_of);
    let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for c in &base.computations {
        *seen
            .entry(format!(
                "{} {:?} {}",
                c.date,
                c.instrument,
                c.computed.render()
            ))
            .or_insert(0) += 1;
    }
    let computations: Vec<&engine::replay::RecordedComputation> = state
        .computations
        .iter()
        .filter(|c| {
            let key = format!("{} {:?} {}", c.date, c.instrument, c.computed.render());
            match seen.get_mut(&key) {
                Some(n) if *n > 0 => {
                    *n -= 1;
                    false
                }
                _ => true,
            }
        })
        .collect();
    if ctx.json {
        println!(
            "{}",
            json!({
                "as_of": as_of.to_string(),
                "accepted": rejections.is_empty(),
                "rejections": rejections.iter().map(|r| json!({"code": r.rejection.code, "clause": r.rejection.clause.to_string(), "message": r.rejection.message})).collect::<Vec<_>>(),
                "computations": computations.iter().map(|c| json!({"date": c.date.to_string(), "instrument": c.instrument, "computed": c.computed})).collect::<Vec<_>>(),
                "instruments": loaded.book.instruments.iter().enumerate().filter_map(|(i, d)| Some(json!({"id": d.id, "status": state.instrument(i)?.status(&view)}))).collect::<Vec<_>>(),
            })
        );
    } else {
        if rejections.is_empty() {
            println!(
                "accepted under the terms (as of {}); the journal was not written\n",
                as_of
            );
        }
        for r in &rejections {
            println!(
                "{}",
                r.rejection
                    .to_diagnostic(Some(r.span))
                    .render(&loaded.sources)
            );
        }
        for c in &computations {
            println!("{}", crate::fmt::humanize(&c.computed.render()));
        }
    }
    Ok(if rejections.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
