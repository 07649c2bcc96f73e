//! `warrant`: a warrant's status (price, shares, Term, holders, adjustment
//! statements) and the exercise what-if (cash or net: shares, payment, cash
//! for a fraction, the new Warrant), as of `--as-of`. Pure queries of the warrant
//! crate over the replayed book; nothing is written.

use crate::io::Context;
use engine::AnyInstrument;
use std::process::ExitCode;
use warrant::{Method, ShareCount};

/// `warrant <id> [--exercise <shares|all> [--net] [--holder <id>]]`.
pub fn warrant(
    ctx: &Context,
    id: &str,
    exercise: Option<&str>,
    net: bool,
    holder: Option<&str>,
) -> Result<ExitCode, String> {
    ctx.ensure_no_errors()?;
    let i = ctx.instrument_index(id)?;
    let state = ctx.state();
    let view = state.view(&ctx.book);
    let Some(AnyInstrument::Warrant(w)) = state.instrument(i) else {
        return Err(format!("`{id}` is not a warrant"));
    };
    let Some(shares) = exercise else {
        let status = w.status_at(&view);
        if ctx.json {
            println!(
                "{}",
                serde_json::to_string(&status).map_err(|e| e.to_string())?
            );
        } else {
            print!("{}", crate::fmt::humanize(&status.render_text()));
        }
        return Ok(ExitCode::SUCCESS);
    };
    let count: ShareCount = shares
        .parse()
        .map_err(|e| format!("`{shares}` is not a number of shares: {e}"))?;
    if let Some(h) = holder {
        ctx.holder_index(h)?;
    }
    let method = if net { Method::Net } else { Method::Cash };
    let holder = holder.map(terms::HolderId::new);
    match w.what_if(&view, method, holder.as_ref(), count) {
        Ok(q) => {
            if ctx.json {
                println!("{}", serde_json::to_string(&q).map_err(|e| e.to_string())?);
            } else {
                print!("{}", crate::fmt::humanize(&q.render_text()));
            }
            Ok(ExitCode::SUCCESS)
        }
        Err(r) => {
            if ctx.json {
                println!(
                    "{}",
                    serde_json::json!({
                        "rejected": true, "code": r.code, "clause": r.clause.to_string(),
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
            Ok(ExitCode::from(1))
        }
    }
}
