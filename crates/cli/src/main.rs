//! `stockbook`: the command line over the engine.
//!
//! This is the edge: it reads files, parses arguments, renders tables and
//! JSON, and sets the exit code. It never writes the journal: every what-if
//! command replays a copy of the book in memory.

mod cmd;
mod fmt;
mod io;
mod table;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "stockbook",
    version,
    about = "Executes the legal terms of a company's securities against its journal"
)]
struct Cli {
    /// The book's root journal.
    #[arg(
        short = 'f',
        long = "file",
        global = true,
        env = "STOCKBOOK_FILE",
        default_value = "stockbook.journal"
    )]
    file: String,
    /// The date to answer as of (YYYY-MM-DD); default: the book's last event date.
    #[arg(long = "as-of", global = true)]
    as_of: Option<String>,
    /// Print JSON instead of tables (fields documented in docs/cli.md).
    #[arg(long, global = true)]
    json: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Validate the book: every diagnostic and rejection; non-zero exit if any error.
    Check,
    /// The company, its securities outstanding, and each instrument's status.
    Report,
    /// One holder's positions and entitlements.
    Holder {
        /// The holder's id.
        id: String,
    },
    /// The computation schedule of figures recorded in the book, clause by clause.
    Explain {
        /// Only figures whose name contains this text (case-insensitive).
        #[arg(default_value = "")]
        figure: String,
        /// Only figures of this instrument.
        #[arg(long)]
        instrument: Option<String>,
    },
    /// The status of one instrument.
    Instrument {
        /// The instrument's id.
        id: String,
    },
    /// Apply hypothetical journal lines to a copy of the book and show the result
    /// (the journal is never written).
    WhatIf {
        /// Journal text to append, e.g. "2024-06-01 convert series-a fund-1 100".
        event: Vec<String>,
    },
    /// An equity plan: status, pool, per-person limits, a holder's Awards,
    /// or a grant what-if.
    Plan {
        /// The plan's instrument id.
        id: String,
        #[command(subcommand)]
        query: Option<cmd::plan::PlanQuery>,
    },
    /// A registration rights agreement: Registrable Securities, demands,
    /// deadlines (`--ics` for iCalendar), or an underwriter cutback.
    Rights {
        /// The agreement's instrument id.
        id: String,
        #[command(subcommand)]
        query: Option<cmd::rights::RightsQuery>,
    },
    /// The cap table: by class and holder, as converted, fully diluted, votes, reserves.
    Captable(cmd::views::CaptableArgs),
    /// The exit or liquidation waterfall at --proceeds, with its exact breakpoints.
    Waterfall(cmd::views::WaterfallCmd),
    /// Hypothetical journal lines on a copy of the book: every figure that changes.
    Scenario(cmd::views::ScenarioArgs),
    /// An SVG chart: ownership over time, payout against proceeds, a status series.
    Chart(cmd::views::ChartArgs),
    /// Export the cap table, the waterfall, its breakpoints or the schedule to CSV or XLSX.
    Export(cmd::views::ExportArgs),
    /// Convertible preferred commands: accretion, convert, adjustments,
    /// liquidate, redeem, change-of-control, forced-conversion, votes.
    #[command(flatten)]
    Preferred(cmd::preferred::PreferredCommand),
    /// What exercising a warrant would do on the as-of date (cash, or net with
    /// `--net`): shares, cash for fractions, the replacement warrant. Never
    /// writes the journal. Same as `warrant <id> --exercise <shares>`.
    Exercise {
        /// The warrant's instrument id.
        id: String,
        /// Warrant Shares to exercise (`all`: every whole share).
        shares: String,
        /// A net exercise (CS = WCS × (CMP − WP) / CMP) instead of a cash one.
        #[arg(long)]
        net: bool,
        /// The holder exercising (needed when the warrant has several).
        #[arg(long)]
        holder: Option<String>,
    },
    /// Would this grant be allowed under the plan on the as-of date, and if
    /// not, which clause stops it. Same as `plan <id> grant ...`.
    Grant {
        /// The plan's instrument id.
        plan: String,
        /// <award-id> <holder> <type> <shares|amount>
        args: Vec<String>,
        /// Grant metadata, e.g. --meta "exercise-price: 10" (repeatable).
        #[arg(long)]
        meta: Vec<String>,
        /// Treat the holder as a Participant with this status if not declared.
        #[arg(long)]
        status: Option<String>,
    },
    /// A registration rights agreement: Registrable Securities, demands used
    /// and left, the next date a demand is allowed, open deadlines.
    Registration {
        /// The agreement's instrument id.
        id: String,
    },
    /// The shares included per participant for an underwriter's number.
    Cutback {
        /// The agreement's instrument id.
        id: String,
        /// The registration id.
        registration: String,
        /// The underwriter's number of shares.
        shares: String,
        /// Shares the Company proposes to sell.
        #[arg(long)]
        company: Option<String>,
    },
    /// The deadline calendar of an agreement (`--ics` for iCalendar).
    Deadlines {
        /// The agreement's instrument id.
        id: String,
        /// Print an iCalendar (RFC 5545) file instead of a table.
        #[arg(long)]
        ics: bool,
    },
    /// A warrant's status, or what an exercise would do (`--exercise`).
    Warrant {
        /// The warrant's instrument id.
        id: String,
        /// Quote an exercise of this many Warrant Shares (`all`: every whole share).
        #[arg(long)]
        exercise: Option<String>,
        /// Quote a net exercise (CS = WCS × (CMP − WP) / CMP) instead of a cash one.
        #[arg(long)]
        net: bool,
        /// The holder exercising (needed when the warrant has several).
        #[arg(long)]
        holder: Option<String>,
    },
}

/// A closed pipe (`stockbook report | head`) is the reader's choice, not an
/// error: the write panics inside `println!`, so the panic is recognised
/// here and the process ends quietly. Any other panic (a bug) is reported
/// as usual and exits 101.
fn main() -> ExitCode {
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if !is_broken_pipe(info.payload()) {
            default_hook(info);
        }
    }));
    match std::panic::catch_unwind(run) {
        Ok(code) => code,
        Err(payload) if is_broken_pipe(payload.as_ref()) => ExitCode::SUCCESS,
        Err(_) => ExitCode::from(101),
    }
}

fn is_broken_pipe(payload: &(dyn std::any::Any + Send)) -> bool {
    let msg = payload
        .downcast_ref::<String>()
        .map(|s| s.as_str())
        .or_else(|| payload.downcast_ref::<&str>().copied())
        .unwrap_or("");
    msg.contains("Broken pipe")
}

/// The commands of `--help`, by what they are about (clap lists
/// subcommands in one flat list; 28 of them ungrouped are hard to scan).
const GROUPS: &[(&str, &[&str])] = &[
    (
        "The book",
        &["check", "report", "holder", "explain", "instrument"],
    ),
    (
        "Hypothetical events (never written)",
        &["what-if", "scenario"],
    ),
    (
        "Capitalization",
        &["captable", "waterfall", "chart", "export"],
    ),
    (
        "Convertible preferred",
        &[
            "accretion",
            "convert",
            "adjustments",
            "liquidate",
            "redeem",
            "change-of-control",
            "forced-conversion",
            "votes",
        ],
    ),
    ("Warrants", &["warrant", "exercise"]),
    ("Equity incentive plans", &["plan", "grant"]),
    (
        "Registration rights",
        &["rights", "registration", "cutback", "deadlines"],
    ),
];

/// The grouped command list for `--help`, built from the commands
/// themselves (a command in no group is listed under "Other", so none is
/// ever left out). Each command with the first sentence of its description.
fn grouped_commands(command: &clap::Command) -> String {
    let subs: Vec<&clap::Command> = command.get_subcommands().collect();
    let width = subs.iter().map(|c| c.get_name().len()).max().unwrap_or(0);
    let line = |c: &clap::Command| {
        let about = c.get_about().map(|a| a.to_string()).unwrap_or_default();
        let first = about.split(". ").next().unwrap_or("").trim_end_matches('.');
        format!("  {:<width$}  {first}\n", c.get_name())
    };
    let mut out = String::new();
    for (title, names) in GROUPS {
        out.push_str(&format!("{title}:\n"));
        for n in *names {
            if let Some(c) = subs.iter().find(|c| c.get_name() == *n) {
                out.push_str(&line(c));
            }
        }
        out.push('\n');
    }
    let others: Vec<&&clap::Command> = subs
        .iter()
        .filter(|c| !GROUPS.iter().any(|(_, ns)| ns.contains(&c.get_name())))
        .collect();
    if !others.is_empty() {
        out.push_str("Other:\n");
        for c in others {
            out.push_str(&line(c));
        }
        out.push('\n');
    }
    out
}

fn run() -> ExitCode {
    let mut command = Cli::command();
    let listing = grouped_commands(&command);
    command = command.help_template(format!(
        "{{about-with-newline}}\n{{usage-heading}} {{usage}}\n\n{listing}Options:\n{{options}}{{after-help}}"
    ));
    let cli = match Cli::from_arg_matches(&command.get_matches()) {
        Ok(c) => c,
        Err(e) => e.exit(),
    };
    let ctx = match io::Context::open(&cli.file, cli.as_of.as_deref(), cli.json) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    // Output a program reads (JSON, an iCalendar file) keeps stdout to
    // itself: the rejection footer goes to stderr there.
    let machine = cli.json
        || matches!(cli.command, Command::Deadlines { ics: true, .. })
        || matches!(
            cli.command,
            Command::Rights {
                query: Some(cmd::rights::RightsQuery::Deadlines { ics: true }),
                ..
            }
        );
    let is_check = matches!(cli.command, Command::Check);
    let result = match cli.command {
        Command::Check => cmd::core::check(&ctx),
        Command::Report => cmd::core::report(&ctx),
        Command::Holder { id } => cmd::core::holder(&ctx, &id),
        Command::Explain { figure, instrument } => {
            cmd::core::explain(&ctx, &figure, instrument.as_deref())
        }
        Command::Instrument { id } => cmd::core::instrument(&ctx, &id),
        Command::WhatIf { event } => cmd::core::what_if(&ctx, &event.join("\n")),
        Command::Plan { id, query } => cmd::plan::plan(&ctx, &id, query.as_ref()),
        Command::Rights { id, query } => cmd::rights::rights(&ctx, &id, query.as_ref()),
        Command::Preferred(c) => cmd::preferred::run(&ctx, &c),
        Command::Captable(a) => cmd::views::captable_cmd(&ctx, &a),
        Command::Waterfall(a) => cmd::views::waterfall_cmd(&ctx, &a),
        Command::Scenario(a) => cmd::views::scenario_cmd(&ctx, &a),
        Command::Chart(a) => cmd::views::chart_cmd(&ctx, &a),
        Command::Export(a) => cmd::views::export_cmd(&ctx, &a),
        Command::Exercise {
            id,
            shares,
            net,
            holder,
        } => cmd::warrant::warrant(&ctx, &id, Some(&shares), net, holder.as_deref()),
        Command::Grant {
            plan,
            args,
            meta,
            status,
        } => cmd::plan::plan(
            &ctx,
            &plan,
            Some(&cmd::plan::PlanQuery::Grant { args, meta, status }),
        ),
        Command::Registration { id } => cmd::rights::rights(&ctx, &id, None),
        Command::Cutback {
            id,
            registration,
            shares,
            company,
        } => cmd::rights::rights(
            &ctx,
            &id,
            Some(&cmd::rights::RightsQuery::Cutback {
                registration,
                shares,
                company,
            }),
        ),
        Command::Deadlines { id, ics } => cmd::rights::rights(
            &ctx,
            &id,
            Some(&cmd::rights::RightsQuery::Deadlines { ics }),
        ),
        Command::Warrant {
            id,
            exercise,
            net,
            holder,
        } => cmd::warrant::warrant(&ctx, &id, exercise.as_deref(), net, holder.as_deref()),
    };
    match result {
        // One rule for every command on a book with rejected events: the
        // answer is printed, followed by a footer naming each rejection,
        // and the exit code is 1 (`check` lists them itself).
        Ok(code) if !is_check => match ctx.rejection_footer() {
            Some(footer) => {
                if machine {
                    eprint!("{footer}");
                } else {
                    print!("\n{footer}");
                }
                if code == ExitCode::SUCCESS {
                    ExitCode::from(1)
                } else {
                    code
                }
            }
            None => code,
        },
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}
