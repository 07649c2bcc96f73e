//! Loading a book: declarations, term files, price files and typed events.
//!
//! `load` takes the parsed journal (every file already read through the
//! caller's loader) and resolves each directive: declarations build the
//! [`Registry`] and the instruments, `option` lines the [`Settings`], and
//! every dated event becomes a typed [`Event`]. All problems are collected;
//! an event with an error is left out and the rest still load, so one run
//! shows every problem of a book.
//!
//! Same-day order (docs/journal.md "Same-day order"): declarations first,
//! then events in file order (includes expanded where they stand), then the
//! dates the terms schedule themselves (during replay).

use crate::kinds::{all_keywords, kind_names, AnyEvent, AnyInstrument};
use crate::registry::{HolderInfo, Registry, SecurityClass, SecurityInfo, COMPANY};
use crate::settings::Settings;
use actions::CorporateAction;
use calendar::Date;
use journal::{Diagnostic, Directive, FileId, SourceMap, Span};
use market::PriceSeries;
use std::collections::{BTreeMap, HashMap};
use terms::fields::Reader;
use terms::{HolderId, InstrumentId, SecurityId};
use units::{Price, Shares};

/// Most events a book may hold (a limit on everything that grows with input).
pub const MAX_EVENTS: usize = 50_000_000;

/// A declared instrument: its kind, terms-derived initial state and where it
/// was declared.
#[derive(Clone)]
pub struct InstrumentDecl {
    pub id: InstrumentId,
    pub name: String,
    pub kind: &'static str,
    pub declared: Date,
    pub span: Span,
    pub initial: AnyInstrument,
}

/// A typed, dated event of the book.
#[derive(Clone, Debug)]
pub struct Event {
    pub date: Date,
    /// File order across includes (the journal's ordinal).
    pub ordinal: u32,
    pub span: Span,
    pub kind: EventKind,
}

#[derive(Clone, Debug)]
pub enum EventKind {
    /// New shares of a security issued to a holder (`issue`).
    Issue {
        security: u32,
        holder: u32,
        shares: Shares,
        price: Option<Price>,
    },
    /// Shares move between holders (`transfer`).
    Transfer {
        security: u32,
        from: u32,
        to: u32,
        shares: Shares,
    },
    /// Shares cancelled or taken into treasury (`cancel`).
    Cancel {
        security: u32,
        holder: u32,
        shares: Shares,
        to_treasury: bool,
    },
    /// The public record says `shares` are outstanding: the difference is
    /// issued to or cancelled from `holder` (an assumption, marked so).
    Outstanding {
        security: u32,
        shares: Shares,
        holder: u32,
    },
    /// The authorized number of shares of a class changes (`authorize`).
    Authorize { security: u32, shares: Shares },
    /// A corporate action, broadcast to every instrument.
    Action(Box<CorporateAction>),
    /// An event of one instrument.
    Instrument { index: usize, event: Box<AnyEvent> },
}

/// The book: everything the journal declares, and its events in order.
#[derive(Clone)]
pub struct Book {
    pub settings: Settings,
    pub registry: Registry,
    pub instruments: Vec<InstrumentDecl>,
    pub events: Vec<Event>,
    pub prices: HashMap<String, PriceSeries>,
    /// Board determinations of fair value per security and day (CoD §2
    /// "Market Price", last sentence; Warrant §6(vii)).
    pub fair_values: HashMap<String, BTreeMap<Date, Price>>,
    /// The common stock's registry index, once declared.
    pub common: Option<u32>,
    /// The company's own holder index (treasury).
    pub company: u32,
}

impl Book {
    pub fn instrument_index(&self, id: &str) -> Option<usize> {
        self.instruments.iter().position(|i| i.id.as_str() == id)
    }

    /// The first and last event dates.
    pub fn date_range(&self) -> Option<(Date, Date)> {
        Some((self.events.first()?.date, self.events.last()?.date))
    }
}

/// What [`load`] returns: the book (possibly partial), every file read, and
/// every diagnostic.
pub struct LoadResult {
    pub book: Book,
    pub sources: SourceMap,
    pub diagnostics: Vec<Diagnostic>,
}

impl LoadResult {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

const DECLARATIONS: &[&str] = &["holder", "security", "instrument", "prices", "fair-value"];
const LEDGER: &[&str] = &["issue", "transfer", "cancel", "outstanding", "authorize"];

/// Loads a book from its root journal. `load_file` reads a file by the
/// path the journal names (already resolved relative to the naming file).
pub fn load(
    root_name: &str,
    root_text: &str,
    load_file: &mut dyn FnMut(&str) -> Result<String, String>,
) -> LoadResult {
    let parsed = journal::parse_book(root_name, root_text, load_file);
    let mut sources = parsed.sources;
    let mut diags = parsed.diagnostics;
    let settings = Settings::from_options(&parsed.options, &mut diags);

    let mut registry = Registry::default();
    let company = registry
        .add_holder(HolderInfo {
            id: HolderId::new(COMPANY),
            name: settings.company.clone(),
            declared: Date::MIN,
            span: Span::default(),
            assumption: None,
            affiliate_of: None,
        })
        .unwrap_or(0);
    let mut book = Book {
        settings,
        registry,
        instruments: Vec::new(),
        events: Vec::new(),
        prices: HashMap::new(),
        fair_values: HashMap::new(),
        common: None,
        company,
    };

    if parsed.directives.len() > MAX_EVENTS {
        diags.push(Diagnostic::error(
            "E0199",
            None,
            format!(
                "the book has {} directives; the limit is {MAX_EVENTS}",
                parsed.directives.len()
            ),
        ));
        return LoadResult {
            book,
            sources,
            diagnostics: diags,
        };
    }

    // Pass 1: declarations (they may appear anywhere in the file; their
    // dates still govern when what they declare exists).
    for d in &parsed.directives {
        if DECLARATIONS.contains(&d.keyword.text.as_str()) {
            declare(&mut book, d, &mut sources, load_file, &mut diags);
        }
    }
    book.common = book.registry.security(book.settings.common.as_str());

    // Pass 2: events.
    let mut events = Vec::with_capacity(parsed.directives.len());
    for d in &parsed.directives {
        let kw = d.keyword.text.as_str();
        if DECLARATIONS.contains(&kw) {
            continue;
        }
        match resolve_event(&book, d) {
            Ok(e) => events.push(e),
            Err(mut ds) => diags.append(&mut ds),
        }
    }
    // Stable sort: same date keeps file order.
    events.sort_by_key(|e: &Event| (e.date, e.ordinal));
    book.events = events;
    LoadResult {
        book,
        sources,
        diagnostics: diags,
    }
}

fn name_arg(d: &Directive, i: usize) -> Option<String> {
    d.args.get(i).map(|t| t.text.clone())
}

fn declare(
    book: &mut Book,
    d: &Directive,
    sources: &mut SourceMap,
    load_file: &mut dyn FnMut(&str) -> Result<String, String>,
    diags: &mut Vec<Diagnostic>,
) {
    match d.keyword.text.as_str() {
        "holder" => {
            let mut r = Reader::new(
                d,
                "holder <id> [\"name\"]  (assumption:, affiliate-of:, kind:)",
            );
            let id = r.arg_holder(0);
            let _ = r.arg_opt(1);
            let assumption = r.meta_str("assumption");
            let affiliate_of = r.meta_str("affiliate-of").map(HolderId);
            let _ = r.meta_str("kind");
            if let Err(mut e) = r.finish() {
                diags.append(&mut e);
                return;
            }
            let Some(id) = id else { return };
            let name = name_arg(d, 1).unwrap_or_else(|| id.0.clone());
            if let Err(prev) = book.registry.add_holder(HolderInfo {
                id: id.clone(),
                name,
                declared: d.date,
                span: d.span,
                assumption,
                affiliate_of,
            }) {
                diags.push(duplicate("holder", id.as_str(), d, prev));
            }
        }
        "security" => {
            let mut r = Reader::new(
                d,
                "security <id> [\"name\"]  (class:, par:, authorized:, votes:)",
            );
            let id = r.arg_security(0);
            let _ = r.arg_opt(1);
            let class = r.meta_choice(
                "class",
                &["common", "preferred", "warrant", "option", "other"],
            );
            let par: Option<Price> = r.meta_opt("par", "par value per share");
            let authorized: Option<Shares> = r.meta_opt("authorized", "number of shares");
            let votes: Option<units::Decimal> = r.meta_opt("votes", "votes per share");
            if let Err(mut e) = r.finish() {
                diags.append(&mut e);
                return;
            }
            let Some(id) = id else { return };
            let class = match class {
                Some("common") => SecurityClass::Common,
                Some("preferred") => SecurityClass::Preferred,
                Some("warrant") => SecurityClass::Warrant,
                Some("option") => SecurityClass::Option,
                Some("other") => SecurityClass::Other,
                _ if id.as_str() == book.settings.common.as_str() => SecurityClass::Common,
                _ => SecurityClass::Other,
            };
            let name = name_arg(d, 1).unwrap_or_else(|| id.0.clone());
            if let Err(prev) = book.registry.add_security(SecurityInfo {
                id: id.clone(),
                name,
                class,
                declared: d.date,
                span: d.span,
                par,
                authorized,
                votes_per_share: votes,
            }) {
                diags.push(duplicate("security", id.as_str(), d, prev));
            }
        }
        "instrument" => declare_instrument(book, d, sources, load_file, diags),
        "prices" => {
            let mut r = Reader::new(d, "prices <security> \"path/to/prices.csv\"");
            let sec = r.arg_security(0);
            let path = r.arg_str(1, "price file path");
            if let Err(mut e) = r.finish() {
                diags.append(&mut e);
                return;
            }
            let (Some(sec), Some(path)) = (sec, path) else {
                return;
            };
            let full = journal::resolve_relative(sources.name(d.span.file), &path);
            match load_file(&full) {
                Ok(text) => {
                    let fid = sources.add(full.clone(), text.clone());
                    let (series, mut ds) = market::parse_prices(fid, &text);
                    diags.append(&mut ds);
                    book.prices.insert(sec.0, series);
                }
                Err(e) => diags.push(Diagnostic::error(
                    "E0130",
                    d.args.get(1).map(|t| t.span),
                    format!("cannot read price file `{full}`: {e}"),
                )),
            }
        }
        "fair-value" => {
            let mut r = Reader::new(
                d,
                "fair-value <security> <price per share>  (board determination)",
            );
            let sec = r.arg_security(0);
            let price: Option<Price> = r.arg_parse(1, "price per share");
            if let Err(mut e) = r.finish() {
                diags.append(&mut e);
                return;
            }
            if let (Some(sec), Some(price)) = (sec, price) {
                book.fair_values
                    .entry(sec.0)
                    .or_default()
                    .insert(d.date, price);
            }
        }
        _ => {}
    }
}

fn duplicate(what: &str, id: &str, d: &Directive, prev: Span) -> Diagnostic {
    Diagnostic::error(
        "E0121",
        d.args.first().map(|t| t.span),
        format!("{what} `{id}` is already declared (line {})", prev.line),
    )
}

fn declare_instrument(
    book: &mut Book,
    d: &Directive,
    sources: &mut SourceMap,
    load_file: &mut dyn FnMut(&str) -> Result<String, String>,
    diags: &mut Vec<Diagnostic>,
) {
    let Some(id_tok) = d.args.first() else {
        diags.push(
            Diagnostic::error("E0101", Some(d.span), "`instrument` needs an id and a kind")
                .with_help("write: instrument <id> <kind> [\"name\"] with `terms: <path>` below"),
        );
        return;
    };
    let Some(kind_tok) = d.args.get(1) else {
        diags.push(
            Diagnostic::error(
                "E0101",
                Some(d.span),
                "`instrument` needs a kind as argument 2",
            )
            .with_help(format!("kinds: {}", kind_names().join(", "))),
        );
        return;
    };
    let id = InstrumentId::new(id_tok.text.clone());
    if book.instrument_index(id.as_str()).is_some() {
        diags.push(Diagnostic::error(
            "E0121",
            Some(id_tok.span),
            format!("instrument `{id}` is already declared"),
        ));
        return;
    }
    let (terms_file, terms_text) = match d.meta_get("terms") {
        Some(t) => {
            let full = journal::resolve_relative(sources.name(d.span.file), &t.text);
            match load_file(&full) {
                Ok(text) => (sources.add(full, text.clone()), text),
                Err(e) => {
                    diags.push(Diagnostic::error(
                        "E0131",
                        Some(t.span),
                        format!("cannot read term file `{full}`: {e}"),
                    ));
                    return;
                }
            }
        }
        None => {
            diags.push(
                Diagnostic::error(
                    "E0105",
                    Some(d.span),
                    format!("instrument `{id}` needs `terms: <path>`"),
                )
                .with_help("every instrument's terms live in a TOML term file"),
            );
            return;
        }
    };
    match AnyInstrument::declare(&kind_tok.text, id.clone(), d, terms_file, &terms_text) {
        None => {
            let kinds = kind_names();
            let mut diag = Diagnostic::error(
                "E0122",
                Some(kind_tok.span),
                format!("unknown kind of instrument `{}`", kind_tok.text),
            );
            diag = match journal::suggest(&kind_tok.text, kinds.iter().copied()) {
                Some(s) => diag.with_help(format!("did you mean `{s}`?")),
                None => diag.with_help(format!("kinds: {}", kinds.join(", "))),
            };
            diags.push(diag);
        }
        Some(Err(mut e)) => diags.append(&mut e),
        Some(Ok(initial)) => book.instruments.push(InstrumentDecl {
            id,
            name: name_arg(d, 2).unwrap_or_else(|| id_tok.text.clone()),
            kind: initial.kind(),
            declared: d.date,
            span: d.span,
            initial,
        }),
    }
}

fn unknown(what: &str, t: &journal::Token, known: Vec<&str>) -> Diagnostic {
    let mut d = Diagnostic::error(
        "E0103",
        Some(t.span),
        format!("unknown {what} `{}`", t.text),
    );
    if let Some(s) = journal::suggest(&t.text, known) {
        d = d.with_help(format!("did you mean `{s}`?"));
    } else {
        d = d.with_help(format!("declare it first: {what} {} ...", t.text));
    }
    d
}

/// Looks up a declared holder/security token, checking it exists on `date`.
fn lookup(
    book: &Book,
    what: &str,
    t: &journal::Token,
    date: Date,
    diags: &mut Vec<Diagnostic>,
) -> Option<u32> {
    let (idx, declared) = if what == "holder" {
        let i = book.registry.holder(&t.text);
        (
            i,
            i.and_then(|i| book.registry.holder_info(i))
                .map(|h| h.declared),
        )
    } else {
        let i = book.registry.security(&t.text);
        (
            i,
            i.and_then(|i| book.registry.security_info(i))
                .map(|s| s.declared),
        )
    };
    match (idx, declared) {
        (Some(i), Some(decl)) if decl <= date => Some(i),
        (Some(_), Some(decl)) => {
            diags.push(Diagnostic::error(
                "E0120",
                Some(t.span),
                format!(
                    "{what} `{}` is declared on {decl}, after this event ({date})",
                    t.text
                ),
            ));
            None
        }
        _ => {
            let known: Vec<&str> = if what == "holder" {
                book.registry.holder_ids().collect()
            } else {
                book.registry.security_ids().collect()
            };
            diags.push(unknown(what, t, known));
            None
        }
    }
}

fn resolve_event(book: &Book, d: &Directive) -> Result<Event, Vec<Diagnostic>> {
    let kw = d.keyword.text.as_str();
    let mk = |kind| Event {
        date: d.date,
        ordinal: d.ordinal,
        span: d.span,
        kind,
    };

    // An instrument's own keyword, with the instrument as first argument.
    if let Some(first) = d.args.first() {
        if let Some(index) = book.instrument_index(&first.text) {
            let decl = &book.instruments[index];
            if decl.initial.keywords().contains(&kw) {
                if d.date < decl.declared {
                    return Err(vec![Diagnostic::error(
                        "E0120",
                        Some(first.span),
                        format!(
                            "instrument `{}` is declared on {}, after this event ({})",
                            first.text, decl.declared, d.date
                        ),
                    )]);
                }
                let event = decl.initial.resolve(d)?;
                let date = decl.initial.effective_date(&event, d.date);
                let mut e = mk(EventKind::Instrument {
                    index,
                    event: Box::new(event),
                });
                e.date = date;
                return Ok(e);
            }
        }
    }

    if let Some(action) = actions::resolve(d) {
        let action = action?;
        if book.common.is_none() {
            return Err(vec![Diagnostic::error(
                "E0123",
                Some(d.keyword.span),
                format!(
                    "corporate actions need the common stock declared: security {} \"...\"",
                    book.settings.common
                ),
            )]);
        }
        let mut diags = Vec::new();
        // Holders named by the action must exist.
        let holder = match &action {
            CorporateAction::IssueCommon { holder, .. }
            | CorporateAction::Repurchase { holder, .. } => Some(holder),
            _ => None,
        };
        if let (Some(h), Some(tok)) = (holder, d.args.first()) {
            debug_assert_eq!(h.as_str(), tok.text);
            lookup(book, "holder", tok, d.date, &mut diags);
        }
        if !diags.is_empty() {
            return Err(diags);
        }
        return Ok(mk(EventKind::Action(Box::new(action))));
    }

    if LEDGER.contains(&kw) {
        return resolve_ledger(book, d).map(mk);
    }

    // Unknown keyword, or an instrument keyword used on the wrong id.
    let mut known: Vec<&str> = LEDGER.to_vec();
    known.extend_from_slice(DECLARATIONS);
    known.extend_from_slice(actions::KEYWORDS);
    let inst_kws = all_keywords();
    known.extend(inst_kws.iter().copied());
    if inst_kws.contains(&kw) {
        let t = d.args.first().unwrap_or(&d.keyword);
        let ids: Vec<&str> = book.instruments.iter().map(|i| i.id.as_str()).collect();
        return Err(vec![unknown("instrument", t, ids)]);
    }
    let mut diag = Diagnostic::error(
        "E0100",
        Some(d.keyword.span),
        format!("unknown directive `{kw}`"),
    );
    if let Some(s) = journal::suggest(kw, known.iter().copied()) {
        diag = diag.with_help(format!("did you mean `{s}`?"));
    }
    Err(vec![diag])
}

fn resolve_ledger(book: &Book, d: &Directive) -> Result<EventKind, Vec<Diagnostic>> {
    let kw = d.keyword.text.as_str();
    let mut diags = Vec::new();
    let usage: &'static str = match kw {
        "issue" => "issue <security> <holder> <shares>  (price:)",
        "transfer" => "transfer <security> <from-holder> <to-holder> <shares>",
        "cancel" => "cancel <security> <holder> <shares>  (to-treasury: yes|no)",
        "outstanding" => {
            "outstanding <security> <shares>  (holder: <holder absorbing the difference>)"
        }
        _ => "authorize <security> <shares>",
    };
    let mut r = Reader::new(d, usage);
    let tokens = &d.args;
    let sec = r
        .arg_token(0, "security")
        .and_then(|t| lookup(book, "security", t, d.date, &mut diags));
    let kind = match kw {
        "issue" => {
            let h = r
                .arg_token(1, "holder")
                .and_then(|t| lookup(book, "holder", t, d.date, &mut diags));
            let shares: Option<Shares> = r.arg_parse(2, "number of shares");
            let price: Option<Price> = r.meta_opt("price", "price per share");
            match (sec, h, shares) {
                (Some(security), Some(holder), Some(shares)) if !shares.is_negative() => {
                    Some(EventKind::Issue {
                        security,
                        holder,
                        shares,
                        price,
                    })
                }
                (_, _, Some(s)) if s.is_negative() => {
                    diags.push(negative(tokens.get(2)));
                    None
                }
                _ => None,
            }
        }
        "transfer" => {
            let from = r
                .arg_token(1, "holder")
                .and_then(|t| lookup(book, "holder", t, d.date, &mut diags));
            let to = r
                .arg_token(2, "holder")
                .and_then(|t| lookup(book, "holder", t, d.date, &mut diags));
            let shares: Option<Shares> = r.arg_parse(3, "number of shares");
            match (sec, from, to, shares) {
                (Some(security), Some(from), Some(to), Some(shares)) if !shares.is_negative() => {
                    Some(EventKind::Transfer {
                        security,
                        from,
                        to,
                        shares,
                    })
                }
                (_, _, _, Some(s)) if s.is_negative() => {
                    diags.push(negative(tokens.get(3)));
                    None
                }
                _ => None,
            }
        }
        "cancel" => {
            let h = r
                .arg_token(1, "holder")
                .and_then(|t| lookup(book, "holder", t, d.date, &mut diags));
            let shares: Option<Shares> = r.arg_parse(2, "number of shares");
            let to_treasury = r.meta_bool("to-treasury").unwrap_or(false);
            match (sec, h, shares) {
                (Some(security), Some(holder), Some(shares)) if !shares.is_negative() => {
                    Some(EventKind::Cancel {
                        security,
                        holder,
                        shares,
                        to_treasury,
                    })
                }
                (_, _, Some(s)) if s.is_negative() => {
                    diags.push(negative(tokens.get(2)));
                    None
                }
                _ => None,
            }
        }
        "outstanding" => {
            let shares: Option<Shares> = r.arg_parse(1, "number of shares");
            let holder = match r.meta_token("holder") {
                Some(t) => lookup(book, "holder", t, d.date, &mut diags),
                None => {
                    diags.push(
                        Diagnostic::error("E0105", Some(d.span), "`outstanding` needs `holder:`: who absorbs the difference")
                            .with_help("e.g. `  holder: public` (a holder standing for unidentified public holders)"),
                    );
                    None
                }
            };
            match (sec, shares, holder) {
                (Some(security), Some(shares), Some(holder)) if !shares.is_negative() => {
                    Some(EventKind::Outstanding {
                        security,
                        shares,
                        holder,
                    })
                }
                _ => None,
            }
        }
        _ => {
            let shares: Option<Shares> = r.arg_parse(1, "number of shares");
            match (sec, shares) {
                (Some(security), Some(shares)) if !shares.is_negative() => {
                    Some(EventKind::Authorize { security, shares })
                }
                _ => None,
            }
        }
    };
    if let Err(mut e) = r.finish() {
        diags.append(&mut e);
    }
    match kind {
        Some(k) if diags.is_empty() => Ok(k),
        _ => Err(diags),
    }
}

fn negative(t: Option<&journal::Token>) -> Diagnostic {
    Diagnostic::error(
        "E0109",
        t.map(|t| t.span),
        "a number of shares must not be negative",
    )
}

/// The file id a span belongs to (for tools that report per file).
pub fn file_of(span: Span) -> FileId {
    span.file
}

/// The security id of a registry index.
pub fn security_id(book: &Book, idx: u32) -> SecurityId {
    book.registry
        .security_info(idx)
        .map(|s| s.id.clone())
        .unwrap_or_else(|| SecurityId::new("?"))
}
