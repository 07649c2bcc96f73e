//! `plan`: an equity plan's status, its pool on a date, a holder's
//! per-person limits used in a calendar year, a holder's Awards, and the
//! grant what-if (would this grant be allowed, and if not which clause
//! stops it). Pure queries of the plan crate over the replayed book.

use crate::io::Context;
use actions::Instrument;
use clap::Subcommand;
use engine::AnyInstrument;
use std::process::ExitCode;

/// The plan queries.
#[derive(Subcommand)]
pub enum PlanQuery {
    /// The pool on the as-of date: authorized, under outstanding Awards,
    /// delivered, returned, available, and every movement.
    Pool,
    /// Per-person limits used by a holder in a calendar year.
    Limits {
        /// The holder's id.
        holder: String,
        /// The calendar (and, for limits counted by fiscal year, fiscal)
        /// year; default: the as-of year.
        #[arg(long)]
        year: Option<i16>,
    },
    /// A holder's Awards: vesting, exercisable shares, last exercise date.
    Awards {
        /// The holder's id.
        holder: String,
    },
    /// Would this grant be allowed on the as-of date? Arguments as in the
    /// journal: <award-id> <holder> <type> <shares|amount>.
    Grant {
        /// <award-id> <holder> <type> <shares|amount>
        args: Vec<String>,
        /// Grant metadata, e.g. --meta "exercise-price: 10" (repeatable).
        #[arg(long)]
        meta: Vec<String>,
        /// Treat the holder as a Participant with this status
        /// (employee|director|consultant|other) if not declared.
        #[arg(long)]
        status: Option<String>,
    },
}

/// `plan <id> [pool | limits <holder> | awards <holder> | grant ...]`.
pub fn plan(ctx: &Context, id: &str, query: Option<&PlanQuery>) -> Result<ExitCode, String> {
    ctx.ensure_no_errors()?;
    let i = ctx.instrument_index(id)?;
    let state = ctx.state();
    let view = state.view(&ctx.book);
    let Some(AnyInstrument::Plan(p)) = state.instrument(i) else {
        return Err(format!("`{id}` is not an equity plan"));
    };
    match query {
        None => {
            let s = plan::query::status(p, ctx.as_of);
            ctx.print(&s, s.render_text())?;
        }
        Some(PlanQuery::Pool) => {
            let r = plan::query::pool_report(p, ctx.as_of);
            ctx.print(&r, r.render_text())?;
        }
        Some(PlanQuery::Limits { holder, year }) => {
            ctx.holder_index(holder)?;
            let r = plan::query::limits_report(
                p,
                &terms::HolderId::new(holder.clone()),
                year.unwrap_or(ctx.as_of.year()),
            );
            ctx.print(&r, r.render_text())?;
        }
        Some(PlanQuery::Awards { holder }) => {
            ctx.holder_index(holder)?;
            let r = plan::query::holder_awards(p, &terms::HolderId::new(holder.clone()), ctx.as_of);
            ctx.print(&r, r.render_text())?;
        }
        Some(PlanQuery::Grant { args, meta, status }) => {
            let mut hypothetical = p.clone();
            if let (Some(st), Some(holder)) = (status, args.get(1)) {
                let text = format!("{} participant {id} {holder}\n  status: {st}\n", ctx.as_of);
                let (mut ds, _, _, _) = journal::parse_str(journal::FileId(0), &text);
                let h = terms::HolderId::new(holder.clone());
                if !ds.is_empty() && !hypothetical.participants.contains_key(&h) {
                    let ev = plan::Plan::resolve(&ds.remove(0)).map_err(|e| {
                        e.iter()
                            .map(|d| d.message.clone())
                            .collect::<Vec<_>>()
                            .join("\n")
                    })?;
                    hypothetical.apply(&ev, &view).map_err(|r| r.to_string())?;
                }
            }
            let p = &hypothetical;
            let mut text = format!("{} grant {id} {}\n", ctx.as_of, args.join(" "));
            for m in meta {
                text.push_str(&format!("  {m}\n"));
            }
            let (mut ds, _, _, diags) = journal::parse_str(journal::FileId(0), &text);
            if let Some(d) = diags.first() {
                return Err(format!("{}: {}", text.trim_end(), d.message));
            }
            if ds.is_empty() {
                return Err("write: plan <id> grant <award-id> <holder> <type> <shares>".into());
            }
            let ev = plan::Plan::resolve(&ds.remove(0)).map_err(|e| {
                e.iter()
                    .map(|d| format!("[{}] {}", d.code, d.message))
                    .collect::<Vec<_>>()
                    .join("\n")
            })?;
            let plan::event::PlanEvent::Grant(spec) = ev.event else {
                return Err("not a grant".into());
            };
            let w = plan::query::grant_what_if(p, &spec, &view);
            ctx.print(&w, w.render_text())?;
            if !w.allowed {
                return Ok(ExitCode::from(1));
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
