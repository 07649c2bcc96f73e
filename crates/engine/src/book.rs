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
    /// Board determinations of fair value per security and day (the
    /// documents' fallback when a day has no market quotation).
    pub fair_values: HashMap<String, BTreeMap<Date, Price>>,
    /// The clause defining "Market Price" for a security's prices, as its
    /// `prices` declaration names it (`market-price-document:`,
    /// `market-price-section:`): the citation of every Market Price the book
    /// computes from that file. Undeclared, the figure cites no clause (the
    /// instrument using it cites its own).
    pub market_price_clauses: HashMap<String, units::Clause>,
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
///
/// A book whose options and declarations all come before its first event
/// (in include-expanded order) is loaded in one streaming pass: each
/// directive is resolved as soon as it is parsed and then dropped, so a
/// book of millions of events never exists as parsed directives. Any other
/// book is loaded in two passes over the parsed directives (declarations
/// first). Both give the same book and the same diagnostics in the same
/// order; a file is read once either way.
pub fn load(
    root_name: &str,
    root_text: &str,
    load_file: &mut dyn FnMut(&str) -> Result<String, String>,
) -> LoadResult {
    // Every file read is remembered, so that if the streaming pass gives up
    // the two-pass load reads nothing twice.
    let mut read: Vec<(String, Result<String, String>)> = Vec::new();
    let mut remembered = |path: &str| -> Result<String, String> {
        if let Some((_, r)) = read.iter().find(|(p, _)| p == path) {
            return r.clone();
        }
        let r = load_file(path);
        read.push((path.to_owned(), r.clone()));
        r
    };
    if let Some(r) = load_streaming(root_name, root_text, &mut remembered) {
        return r;
    }
    load_two_pass(root_name, root_text, &mut remembered)
}

/// The book before any declaration: settings and the company itself.
fn new_book(settings: Settings) -> Book {
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
    Book {
        settings,
        registry,
        instruments: Vec::new(),
        events: Vec::new(),
        prices: HashMap::new(),
        fair_values: HashMap::new(),
        market_price_clauses: HashMap::new(),
        common: None,
        company,
    }
}

/// Where declarations find the file they are written in (to resolve the
/// paths they name) and register the term and price files they read.
trait Files {
    fn name(&self, id: FileId) -> &str;
    fn add(&mut self, name: String, text: String) -> FileId;
}

impl Files for SourceMap {
    fn name(&self, id: FileId) -> &str {
        SourceMap::name(self, id)
    }
    fn add(&mut self, name: String, text: String) -> FileId {
        SourceMap::add(self, name, text)
    }
}

/// The journal files read so far (lent by the streaming parser) and the
/// term and price files read by declarations, which are registered after
/// every journal file (as the two-pass load does): their ids count on from
/// the number of journal files when the first was read.
struct Overlay<'a> {
    journal: &'a SourceMap,
    extra: &'a mut Vec<(String, String)>,
    /// The number of journal files when the first extra file was read.
    base: &'a mut Option<usize>,
}

impl Files for Overlay<'_> {
    fn name(&self, id: FileId) -> &str {
        let base = self.base.unwrap_or(usize::MAX);
        match (id.0 as usize).checked_sub(base) {
            Some(i) => self.extra.get(i).map_or("<unknown>", |f| f.0.as_str()),
            None => self.journal.name(id),
        }
    }
    fn add(&mut self, name: String, text: String) -> FileId {
        let base = *self.base.get_or_insert(self.journal.len());
        self.extra.push((name, text));
        FileId(u32::try_from(base + self.extra.len() - 1).unwrap_or(u32::MAX))
    }
}

/// What the streaming load keeps while the journal is read.
#[derive(Default)]
struct Streaming {
    options: Vec<journal::OptionDirective>,
    book: Option<Book>,
    settings_diags: Vec<Diagnostic>,
    decl_diags: Vec<Diagnostic>,
    event_diags: Vec<Diagnostic>,
    events: Vec<Event>,
    extra: Vec<(String, String)>,
    base: Option<usize>,
    /// Built when the first event is read (every declaration is in).
    ids: Ids,
    /// The last date seen in each file, for W0113.
    order: FileOrder,
    directives: usize,
    events_started: bool,
    /// The book is not in the order streaming needs (or too big): the
    /// two-pass load takes over.
    give_up: bool,
}

/// The one-pass load, or `None` if the book needs two passes: an option
/// after a directive, a declaration after an event, a journal file included
/// after a term or price file was read (its id would come first), or more
/// than [`MAX_EVENTS`] directives (the two-pass load reports it).
fn load_streaming(
    root_name: &str,
    root_text: &str,
    load_file: &mut dyn FnMut(&str) -> Result<String, String>,
) -> Option<LoadResult> {
    // The parser reads included journals and declarations read term files,
    // never at the same time: they share the loader in turn.
    let loader = std::cell::RefCell::new(load_file);
    let mut st = Streaming::default();
    let parsed = journal::parse_book_streaming(
        root_name,
        root_text,
        &mut |path: &str| {
            let mut load = loader.borrow_mut();
            (*load)(path)
        },
        &mut |item, sources| {
            if st.give_up {
                return;
            }
            let d = match item {
                journal::Streamed::Option(o) => {
                    if st.book.is_some() {
                        st.give_up = true;
                    } else {
                        st.options.push(o.clone());
                    }
                    return;
                }
                journal::Streamed::Directive(d) => d,
            };
            st.order.check(d, &mut st.event_diags);
            st.directives += 1;
            if st.directives > MAX_EVENTS {
                st.give_up = true;
                return;
            }
            if st.book.is_none() {
                // Every option has been read: the settings are known.
                let settings = Settings::from_options(&st.options, &mut st.settings_diags);
                st.book = Some(new_book(settings));
            }
            let Some(book) = st.book.as_mut() else {
                return;
            };
            if DECLARATIONS.contains(&d.keyword.text.as_str()) {
                if st.events_started {
                    st.give_up = true;
                    return;
                }
                let mut files = Overlay {
                    journal: sources,
                    extra: &mut st.extra,
                    base: &mut st.base,
                };
                let mut load = loader.borrow_mut();
                declare(book, d, &mut files, &mut **load, &mut st.decl_diags);
                return;
            }
            if !st.events_started {
                st.events_started = true;
                book.common = book.registry.security(book.settings.common.as_str());
                st.ids = Ids::new(&book.registry);
            }
            match resolve_event(book, &st.ids, d) {
                Ok(e) => {
                    ledger_warnings(book, d, &e, &mut st.event_diags);
                    st.events.push(e);
                }
                Err(mut ds) => st.event_diags.append(&mut ds),
            }
        },
    );
    if st.give_up || st.base.is_some_and(|b| b != parsed.sources.len()) {
        return None;
    }
    let mut sources = parsed.sources;
    for (name, text) in st.extra {
        sources.add(name, text);
    }
    let mut diags = parsed.diagnostics;
    let mut book = match st.book {
        Some(b) => b,
        None => new_book(Settings::from_options(
            &parsed.options,
            &mut st.settings_diags,
        )),
    };
    if !st.events_started {
        book.common = book.registry.security(book.settings.common.as_str());
    }
    diags.append(&mut st.settings_diags);
    diags.append(&mut st.decl_diags);
    diags.append(&mut st.event_diags);
    let mut events = st.events;
    // (date, ordinal) is unique: no stability needed to keep file order.
    events.sort_unstable_by_key(|e: &Event| (e.date, e.ordinal));
    book.events = events;
    Some(LoadResult {
        book,
        sources,
        diagnostics: diags,
    })
}

/// The two-pass load: the whole journal parsed, then declarations, then
/// events.
fn load_two_pass(
    root_name: &str,
    root_text: &str,
    load_file: &mut dyn FnMut(&str) -> Result<String, String>,
) -> LoadResult {
    let parsed = journal::parse_book(root_name, root_text, load_file);
    let mut sources = parsed.sources;
    let mut diags = parsed.diagnostics;
    let settings = Settings::from_options(&parsed.options, &mut diags);
    let mut book = new_book(settings);

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
    let ids = Ids::new(&book.registry);

    // Pass 2: events.
    let mut events = Vec::with_capacity(parsed.directives.len());
    let mut order = FileOrder::default();
    for d in &parsed.directives {
        order.check(d, &mut diags);
        let kw = d.keyword.text.as_str();
        if DECLARATIONS.contains(&kw) {
            continue;
        }
        match resolve_event(&book, &ids, d) {
            Ok(e) => {
                ledger_warnings(&book, d, &e, &mut diags);
                events.push(e);
            }
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
    sources: &mut dyn Files,
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
            // The definition the prices follow, as data: both halves or none.
            let clause = match (
                r.meta_str("market-price-document"),
                r.meta_str("market-price-section"),
            ) {
                (Some(doc), Some(section)) => Some(units::Clause::new(doc, section)),
                (Some(_), None) => r
                    .meta_required::<String>("market-price-section", "section")
                    .and(None),
                (None, Some(_)) => r
                    .meta_required::<String>("market-price-document", "document")
                    .and(None),
                (None, None) => None,
            };
            if let Err(mut e) = r.finish() {
                diags.append(&mut e);
                return;
            }
            let (Some(sec), Some(path)) = (sec, path) else {
                return;
            };
            if let Some(c) = clause {
                book.market_price_clauses.insert(sec.0.clone(), c);
            }
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
    sources: &mut dyn Files,
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

/// A holder or security id of up to 23 bytes, stored inline (the last
/// byte is the length), so that looking one up touches one cache line.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
struct Key([u8; 24]);

impl Key {
    fn new(id: &str) -> Option<Key> {
        let b = id.as_bytes();
        let n = u8::try_from(b.len()).ok().filter(|n| *n < 24)?;
        let mut k = [0u8; 24];
        k.get_mut(..b.len())?.copy_from_slice(b);
        k[23] = n;
        Some(Key(k))
    }
}

/// The registry's ids with their indices and declaration dates, built once
/// every declaration is read: resolving a million ledger events looks up
/// three ids each. Ids too long for a [`Key`] are looked up in the registry.
#[derive(Default)]
struct Ids {
    holders: rustc_hash::FxHashMap<Key, (u32, Date)>,
    securities: rustc_hash::FxHashMap<Key, (u32, Date)>,
}

impl Ids {
    fn new(registry: &Registry) -> Ids {
        let mut ids = Ids::default();
        for (h, i) in registry.holders.iter().zip(0u32..) {
            if let Some(k) = Key::new(h.id.as_str()) {
                ids.holders.entry(k).or_insert((i, h.declared));
            }
        }
        for (s, i) in registry.securities.iter().zip(0u32..) {
            if let Some(k) = Key::new(s.id.as_str()) {
                ids.securities.entry(k).or_insert((i, s.declared));
            }
        }
        ids
    }
}

/// Looks up a declared holder/security token, checking it exists on `date`.
fn lookup(
    book: &Book,
    ids: &Ids,
    what: &str,
    t: &journal::Token,
    date: Date,
    diags: &mut Vec<Diagnostic>,
) -> Option<u32> {
    // The common case: a declared id, declared on or before the event.
    let map = if what == "holder" {
        &ids.holders
    } else {
        &ids.securities
    };
    if let Some((i, decl)) = Key::new(&t.text).and_then(|k| map.get(&k)) {
        if *decl <= date && index_is(book, what, &t.text, *i) {
            return Some(*i);
        }
    }
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

/// Whether registry index `i` is what the registry itself gives for `id`
/// (always, as [`Ids`] is built from the registry; checked in debug builds).
fn index_is(book: &Book, what: &str, id: &str, i: u32) -> bool {
    if cfg!(debug_assertions) {
        let r = if what == "holder" {
            book.registry.holder(id)
        } else {
            book.registry.security(id)
        };
        r == Some(i)
    } else {
        true
    }
}

fn resolve_event(book: &Book, ids: &Ids, d: &Directive) -> Result<Event, Vec<Diagnostic>> {
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
            lookup(book, ids, "holder", tok, d.date, &mut diags);
        }
        if !diags.is_empty() {
            return Err(diags);
        }
        return Ok(mk(EventKind::Action(Box::new(action))));
    }

    if LEDGER.contains(&kw) {
        return resolve_ledger(book, ids, d).map(mk);
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

/// The last event (a dated directive other than a declaration) seen in each
/// file of the journal.
///
/// The replay orders events by date whatever their place in a file, so a
/// date earlier than the line before it changes no figure; but a journal is
/// read (and audited) top to bottom, and an out-of-order date is far more
/// often a typo (2001 for 2002) than an intent: warned, not refused.
#[derive(Default)]
struct FileOrder {
    last: HashMap<FileId, (Date, u32)>,
}

impl FileOrder {
    fn check(&mut self, d: &Directive, diags: &mut Vec<Diagnostic>) {
        // Declarations are left out: declaring everything first and then
        // recording events is the layout the one-pass load is built for.
        if DECLARATIONS.contains(&d.keyword.text.as_str()) {
            return;
        }
        let file = d.span.file;
        if let Some(&(prev, line)) = self.last.get(&file) {
            if d.date < prev {
                diags.push(
                    Diagnostic::warning(
                        "W0113",
                        Some(d.date_span),
                        format!(
                            "{} is earlier than {prev}, the date of line {line} before it in this file",
                            d.date
                        ),
                    )
                    .with_help("events are replayed in date order regardless; keep each file in date order, or check the year"),
                );
                return;
            }
        }
        self.last.insert(file, (d.date, d.span.line));
    }
}

/// Ledger events that the ledger can carry out but that are almost
/// certainly not what the writer meant: warned at the token (W0110–W0112).
fn ledger_warnings(book: &Book, d: &Directive, e: &Event, diags: &mut Vec<Diagnostic>) {
    let at = |i: usize| d.args.get(i).map(|t| t.span).or(Some(d.span));
    let is_common = |security: &u32| {
        book.registry
            .security_info(*security)
            .is_some_and(|s| s.class == SecurityClass::Common)
    };
    let (security, shares, shares_at) = match &e.kind {
        EventKind::Issue {
            security, shares, ..
        } => (security, shares, 2),
        EventKind::Transfer {
            security,
            from,
            to,
            shares,
        } => {
            if from == to {
                diags.push(Diagnostic::warning(
                    "W0111",
                    at(2),
                    format!(
                        "`{}` transfers to itself: the transfer changes no position",
                        d.args.get(1).map_or("", |t| t.text.as_str())
                    ),
                ));
            }
            (security, shares, 3)
        }
        _ => return,
    };
    if shares.is_zero() {
        diags.push(Diagnostic::warning(
            "W0110",
            at(shares_at),
            format!("`{}` of zero shares changes no position", d.keyword.text),
        ));
    } else if !shares.is_whole() && is_common(security) {
        diags.push(
            Diagnostic::warning(
                "W0112",
                at(shares_at),
                format!(
                    "{shares} shares of common stock: a fractional share of common is issued or transferred"
                ),
            )
            .with_help("conversions and exercises settle fractions of common in cash (each document's fractional-share clause); record whole shares and the cash paid"),
        );
    }
}

fn resolve_ledger(book: &Book, ids: &Ids, d: &Directive) -> Result<EventKind, Vec<Diagnostic>> {
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
        .and_then(|t| lookup(book, ids, "security", t, d.date, &mut diags));
    let kind = match kw {
        "issue" => {
            let h = r
                .arg_token(1, "holder")
                .and_then(|t| lookup(book, ids, "holder", t, d.date, &mut diags));
            let shares = arg_shares(&mut r, 2);
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
                .and_then(|t| lookup(book, ids, "holder", t, d.date, &mut diags));
            let to = r
                .arg_token(2, "holder")
                .and_then(|t| lookup(book, ids, "holder", t, d.date, &mut diags));
            let shares = arg_shares(&mut r, 3);
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
                .and_then(|t| lookup(book, ids, "holder", t, d.date, &mut diags));
            let shares = arg_shares(&mut r, 2);
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
            let shares = arg_shares(&mut r, 1);
            let holder = match r.meta_token("holder") {
                Some(t) => lookup(book, ids, "holder", t, d.date, &mut diags),
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
            let shares = arg_shares(&mut r, 1);
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

/// Positional argument `i`, a number of shares, as `Reader::arg_parse`
/// reads it; plain digits (nearly every number of a large book) are read
/// directly, which gives the same value (a whole number, scale 0) faster.
fn arg_shares(r: &mut Reader, i: usize) -> Option<Shares> {
    const WHAT: &str = "number of shares";
    let t = r.arg_token(i, WHAT)?;
    let b = t.text.as_bytes();
    if !b.is_empty() && b.len() <= 18 && b.iter().all(u8::is_ascii_digit) {
        let n = b.iter().fold(0i64, |n, &c| n * 10 + i64::from(c - b'0'));
        return Some(Shares::from_int(n));
    }
    r.parse_token(t, WHAT)
}

fn negative(t: Option<&journal::Token>) -> Diagnostic {
    Diagnostic::error(
        "E0109",
        t.map(|t| t.span),
        "a number of shares must not be negative",
    )
}

/// The security id of a registry index.
pub fn security_id(book: &Book, idx: u32) -> SecurityId {
    book.registry
        .security_info(idx)
        .map(|s| s.id.clone())
        .unwrap_or_else(|| SecurityId::new("?"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The CTC warrant's term file, read from the example book.
    fn warrant_terms() -> String {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../examples/ctc/terms/cisco-warrant.toml"
        );
        std::fs::read_to_string(path).unwrap()
    }

    const DECLARATIONS_FILE: &str = "\
2002-04-01 holder alice \"Alice\"
2002-04-01 holder bob
2002-04-01 holder cisco
2002-04-01 holder bob
2002-04-01 security common \"Common Stock\"
  class: common
  authorized: 1,000
";

    /// A book with options and declarations first (one pass can load it),
    /// a term file, a price file that cannot be read, and mistakes in
    /// events of every kind.
    const ROOT: &str = "\
option company \"Test Co\"
option common common
include \"decl.journal\"
2002-04-29 instrument w warrant \"W\"
  terms: terms/w.toml
2002-04-29 prices common \"prices/missing.csv\"
2002-05-01 issue-warrant w cisco 100
  price: 2.408
  expiry: 2009-05-01
2002-05-02 issue common alice 100
2002-05-03 transfer common alice bob 10
2002-05-03 transfer common alice nobody 10
2002-05-04 issue common bob 1,000
  price: 2.50
2002-05-05 cancel common bob 5 extra
2002-05-06 frobnicate 1
2002-03-01 issue common alice 007
2002-05-07 issue common alice -5
2002-05-08 issue common alice 1.5
  pricee: 1
";

    fn files() -> Vec<(String, String)> {
        vec![
            ("book/decl.journal".to_owned(), DECLARATIONS_FILE.to_owned()),
            ("book/terms/w.toml".to_owned(), warrant_terms()),
        ]
    }

    fn loader(files: &[(String, String)]) -> impl FnMut(&str) -> Result<String, String> + '_ {
        |p: &str| {
            files
                .iter()
                .find(|f| f.0 == p)
                .map(|f| f.1.clone())
                .ok_or_else(|| "no such file".to_owned())
        }
    }

    fn assert_same(a: &LoadResult, b: &LoadResult) {
        assert_eq!(a.diagnostics, b.diagnostics);
        assert_eq!(
            format!("{:?}", a.book.events),
            format!("{:?}", b.book.events)
        );
        assert_eq!(a.sources.len(), b.sources.len());
        for i in 0..a.sources.len() {
            let id = FileId(u32::try_from(i).unwrap());
            assert_eq!(a.sources.name(id), b.sources.name(id));
            assert_eq!(a.sources.text(id), b.sources.text(id));
        }
        assert_eq!(a.book.registry.holders.len(), b.book.registry.holders.len());
        assert_eq!(a.book.instruments.len(), b.book.instruments.len());
        assert_eq!(a.book.common, b.book.common);
        assert_eq!(a.book.settings.company, b.book.settings.company);
    }

    #[test]
    fn one_pass_and_two_passes_load_the_same_book_with_the_same_diagnostics() {
        let fs = files();
        let one = load_streaming("book/main.journal", ROOT, &mut loader(&fs))
            .expect("options and declarations come first: one pass suffices");
        let two = load_two_pass("book/main.journal", ROOT, &mut loader(&fs));
        assert_same(&one, &two);
        // The book is not trivial: the instrument is declared from its term
        // file (file 2, after both journal files), events resolved, and
        // the mistakes reported: duplicate holder, unreadable price file,
        // unknown holder, extra argument, unknown directive, an event dated
        // before the one above it (2002-03-01 after 2002-05-06: W0113), a
        // security and a holder used before their declaration, a negative
        // number, an unknown key.
        assert_eq!(one.book.instruments.len(), 1);
        assert_eq!(one.sources.name(FileId(2)), "book/terms/w.toml");
        let codes: Vec<&str> = one.diagnostics.iter().map(|d| d.code).collect();
        assert_eq!(
            codes,
            [
                "E0121", "E0130", "E0103", "E0107", "E0100", "W0113", "E0120", "E0120", "E0109",
                "E0108"
            ]
        );
        // issue-warrant, 3 good issues (alice 100, bob 1,000, alice 1.5 is
        // refused for its key), 1 good transfer: 4 events, sorted by date.
        assert_eq!(one.book.events.len(), 4);
        // `1,000` and `007` read as 1000 and 7 whichever path reads them.
        let shares: Vec<String> = one
            .book
            .events
            .iter()
            .filter_map(|e| match &e.kind {
                EventKind::Issue { shares, .. } => Some(shares.to_string()),
                _ => None,
            })
            .collect();
        assert_eq!(shares, ["100", "1000"]);
    }

    #[test]
    fn a_book_out_of_order_is_loaded_in_two_passes() {
        let fs = files();
        for root in [
            // A declaration after an event.
            format!("{ROOT}2002-06-01 holder carol\n2002-06-02 issue common carol 1\n"),
            // An option after a directive.
            format!("{ROOT}option title \"late\"\n"),
            // A journal file included after the term file was read.
            format!("{ROOT}include \"more.journal\"\n"),
        ] {
            let mut fs = fs.clone();
            fs.push((
                "book/more.journal".to_owned(),
                "2002-06-03 issue common bob 2\n".to_owned(),
            ));
            assert!(load_streaming("book/main.journal", &root, &mut loader(&fs)).is_none());
            let mut asked = Vec::new();
            let all = load("book/main.journal", &root, &mut |p: &str| {
                asked.push(p.to_owned());
                loader(&fs)(p)
            });
            let two = load_two_pass("book/main.journal", &root, &mut loader(&fs));
            assert_same(&all, &two);
            // Each file is read once even though the book was read twice.
            let mut unique = asked.clone();
            unique.sort();
            unique.dedup();
            assert_eq!(asked.len(), unique.len(), "{asked:?}");
        }
    }

    #[test]
    fn plain_digits_read_as_reader_reads_them() {
        for text in [
            "0",
            "7",
            "007",
            "100",
            "999999999999999999",
            "1,000",
            "1.50",
            "-5",
            "x",
        ] {
            let src = format!("2001-01-01 issue common a {text}\n");
            let (ds, _, _, _) = journal::parse_str(FileId(0), &src);
            let d = &ds[0];
            let mut r1 = Reader::new(d, "u");
            let fast = arg_shares(&mut r1, 2);
            let mut r2 = Reader::new(d, "u");
            let slow: Option<Shares> = r2.arg_parse(2, "number of shares");
            assert_eq!(fast, slow, "{text}");
            // Same representation too (e.g. the scale shows in Display).
            assert_eq!(fast.map(|s| s.to_string()), slow.map(|s| s.to_string()));
            assert_eq!(r1.finish(), r2.finish());
        }
    }
}
