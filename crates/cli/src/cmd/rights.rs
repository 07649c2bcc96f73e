//! `rights`: a registration rights agreement's Registrable Securities per
//! holder, demands used and left with the next date a demand is allowed,
//! the open deadlines (text, JSON or an iCalendar file with `--ics`), and
//! the cutback allocation of an underwriter's number. Pure queries of the
//! rights crate over the replayed book; nothing is written.

use crate::io::Context;
use clap::Subcommand;
use engine::AnyInstrument;
use std::process::ExitCode;

/// The registration rights queries.
#[derive(Subcommand)]
pub enum RightsQuery {
    /// Registrable Securities per holder.
    Registrable,
    /// Demands used and left, and the next date a demand is allowed.
    Demands,
    /// Open deadlines for the Company and each holder.
    Deadlines {
        /// Print an iCalendar (RFC 5545) file instead of a table.
        #[arg(long)]
        ics: bool,
    },
    /// Allocate an underwriter's number over a registration's requests.
    Cutback {
        /// The registration id.
        registration: String,
        /// The underwriter's number of shares.
        shares: String,
        /// Shares the Company proposes to sell.
        #[arg(long)]
        company: Option<String>,
    },
}

/// `rights <id> [registrable | demands | deadlines [--ics] | cutback <reg> <shares>]`.
pub fn rights(ctx: &Context, id: &str, query: Option<&RightsQuery>) -> Result<ExitCode, String> {
    ctx.ensure_no_errors()?;
    let i = ctx.instrument_index(id)?;
    let state = ctx.state();
    let view = state.view(&ctx.book);
    let Some(AnyInstrument::Rights(a)) = state.instrument(i) else {
        return Err(format!("`{id}` is not a registration rights agreement"));
    };
    match query {
        None => {
            use actions::Instrument;
            if ctx.json {
                println!("{}", a.status(&view));
            } else {
                print!("{}", crate::fmt::humanize(&a.status_text(&view)));
            }
        }
        Some(RightsQuery::Registrable) => {
            let r = rights::queries::registrable_report(a, &view);
            ctx.print(&r, r.render_text())?;
        }
        Some(RightsQuery::Demands) => {
            let r = rights::queries::demands_report(a, &view);
            ctx.print(&r, r.render_text())?;
        }
        Some(RightsQuery::Deadlines { ics }) => {
            let r = rights::queries::deadlines_report(a, &view);
            if *ics {
                print!("{}", r.to_ics());
            } else {
                ctx.print(&r, r.render_text())?;
            }
        }
        Some(RightsQuery::Cutback {
            registration,
            shares,
            company,
        }) => {
            let n = units::Shares::parse(shares).map_err(|e| format!("`{shares}`: {e}"))?;
            let c = match company {
                Some(c) => units::Shares::parse(c).map_err(|e| format!("`{c}`: {e}"))?,
                None => units::Shares::ZERO,
            };
            match rights::queries::cutback_report(a, registration, n, c, &[]) {
                Ok(al) => ctx.print(&al, al.render_text())?,
                Err(r) => {
                    println!("rejected [{}] {} ({})", r.code, r.message, r.clause);
                    return Ok(ExitCode::from(1));
                }
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
