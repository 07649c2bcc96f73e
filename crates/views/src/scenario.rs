//! Scenarios: every figure of two books, side by side, and what changed.
//!
//! A scenario is hypothetical journal lines applied to a copy of the book
//! (the caller appends them to the root text and loads it; the journal is
//! never written). [`figures`] gathers every figure of a replayed book as
//! of a date: the cap table (classes, holders, fully diluted, votes,
//! reserve), each instrument's status (Conversion Ratio, Warrant Price and
//! shares, plan pool, ...), and optionally the waterfall at given proceeds.
//! [`diff`] flattens both to paths and lists each path whose value differs.
//! Arrays of records are keyed by their `holder`, `class` or `id` field so
//! that a new holder shows as one added row, not a shifted list.

use crate::adapter::{self, Overrides, Reading};
use crate::captable::{CapTable, CapTableSettings};
use crate::waterfall::{Deduction, Waterfall};
use engine::{Book, State};
use serde::Serialize;
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;
use terms::Rejection;
use units::Money;

/// What the waterfall part of a scenario is evaluated at.
#[derive(Clone, Debug)]
pub struct WaterfallAt {
    pub proceeds: Money,
    pub reading: Reading,
    pub ahead: Vec<Deduction>,
    pub overrides: Overrides,
}

/// Every figure of one book as of a date, as JSON.
pub fn figures(
    book: &Book,
    state: &State,
    settings: &CapTableSettings,
    waterfall: Option<&WaterfallAt>,
) -> Result<Value, Rejection> {
    let snap = adapter::snapshot(book, state);
    let table = CapTable::compute(&snap, settings)?;
    let mut out = Map::new();
    out.insert("captable".into(), captable_json(&table));
    let mut inst = Map::new();
    for s in adapter::statuses(book, state) {
        let mut st = s.status;
        strip(&mut st);
        let mut one = json!({"kind": s.kind, "common_issuable": s.issuable, "status": st});
        // The series' figures exactly (the status cuts non-terminating ones
        // at 12 places, where a small change would hide).
        if let (Some(f), Some(m)) = (&s.preferred, one.as_object_mut()) {
            m.insert(
                "exact".into(),
                json!({
                    "conversion_ratio": f.conversion_ratio.fraction_string(),
                    "accreted_value": f.accreted_value.fraction_string(),
                    "liquidation_preference": f.liquidation_preference.fraction_string(),
                    "liquidation_claim": f.liquidation_claim.fraction_string(),
                }),
            );
        }
        inst.insert(s.id, one);
    }
    out.insert("instruments".into(), Value::Object(inst));
    if let Some(w) = waterfall {
        let input = adapter::waterfall_input(book, state, w.reading, w.ahead.clone(), &w.overrides);
        let wf = Waterfall::new(input)?;
        let d = wf.distribute(w.proceeds)?;
        let bps = wf.breakpoints();
        let mut wj = json!({
            "proceeds": w.proceeds,
            "value_per_common": d.value_per_common,
            "classes": d.classes.iter().map(|c| json!({"class": c.class, "amount": c.amount, "basis": c.basis})).collect::<Vec<_>>(),
            "payouts": d.payouts.iter().map(|p| json!({"id": format!("{}/{}", p.class, p.holder), "amount": p.amount, "basis": p.basis})).collect::<Vec<_>>(),
            // Keyed by what happens there, so that a breakpoint that
            // moves is one changed row, and a new one an added row.
            "breakpoints": bps.iter().map(|b| {
                let mut j = json!({
                    "id": b.events.iter().map(|e| breakpoint_key(e)).collect::<Vec<_>>().join(" + "),
                    "events": b.events,
                });
                b.proceeds.put_json(&mut j, "proceeds");
                j
            }).collect::<Vec<_>>(),
        });
        if let Some(v) = &d.value_per_common {
            v.put_json(&mut wj, "value_per_common");
        }
        out.insert("waterfall".into(), wj);
    }
    Ok(Value::Object(out))
}

/// What happens at a breakpoint, without the figures that move with the
/// book ("series-a converts", not the value per share at which it does).
fn breakpoint_key(event: &str) -> &str {
    event.split(" (preference per").next().unwrap_or(event)
}

/// A breakpoint's key for a table: "exercise at 4.88 (warrant-td +4)".
fn short_breakpoint(key: &str) -> String {
    key.split(" + ")
        .map(|e| {
            let Some(rest) = e.strip_prefix("options/warrants at strike ") else {
                return e.to_string();
            };
            let (strike, classes) = rest.split_once(" exercise (").unwrap_or((rest, ""));
            let classes: Vec<&str> = classes.trim_end_matches(')').split(", ").collect();
            match classes.as_slice() {
                [one] => format!("exercise at {strike} ({one})"),
                [first, more @ ..] => format!("exercise at {strike} ({first} +{})", more.len()),
                [] => format!("exercise at {strike}"),
            }
        })
        .collect::<Vec<_>>()
        .join(" + ")
}

/// The cap table's figures as JSON (percentages as exact fractions).
pub fn captable_json(t: &CapTable) -> Value {
    let mut v = t.to_json();
    strip(&mut v);
    v
}

/// Computation schedules are explanations, not figures: left out of diffs.
fn strip(v: &mut Value) {
    match v {
        Value::Object(m) => {
            m.remove("computations");
            m.remove("computed");
            for x in m.values_mut() {
                strip(x);
            }
        }
        Value::Array(a) => a.iter_mut().for_each(strip),
        _ => {}
    }
}

/// The field that names each record of an array: the first of `holder`,
/// `id`, `class`, `for_class`, `instrument`, `plan` that every record has
/// and no two share (a holder with two awards is keyed by the awards' ids);
/// `None`: records are keyed by position.
fn key_field(a: &[Value]) -> Option<&'static str> {
    ["holder", "id", "class", "for_class", "instrument", "plan"]
        .into_iter()
        .find(|k| {
            let mut seen: Vec<&str> = Vec::with_capacity(a.len());
            a.iter().all(|x| match x.get(*k).and_then(|v| v.as_str()) {
                Some(s) if !seen.contains(&s) => {
                    seen.push(s);
                    true
                }
                _ => false,
            })
        })
}

fn flatten(prefix: &str, v: &Value, out: &mut BTreeMap<String, (String, Option<String>)>) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                // `<key>_exact` is the same figure as `<key>` (docs/cli.md,
                // "Exact figures"): one row per figure in the diff, the
                // exact form kept with it.
                if k.strip_suffix("_exact")
                    .is_some_and(|base| m.contains_key(base))
                {
                    continue;
                }
                let path = format!("{prefix}.{k}");
                flatten(&path, x, out);
                if let (Some(Value::String(f)), Some(e)) =
                    (m.get(&format!("{k}_exact")), out.get_mut(&path))
                {
                    e.1 = Some(f.clone());
                }
            }
        }
        Value::Array(a) => {
            let field = key_field(a);
            for (i, x) in a.iter().enumerate() {
                let k = field
                    .and_then(|f| x.get(f))
                    .and_then(|v| v.as_str())
                    .map(|k| format!("[{k}]"))
                    .unwrap_or_else(|| format!("[{i}]"));
                flatten(&format!("{prefix}{k}"), x, out);
            }
        }
        Value::Null => {
            out.insert(prefix.to_string(), ("null".into(), None));
        }
        Value::String(s) => {
            out.insert(prefix.to_string(), (s.clone(), None));
        }
        other => {
            out.insert(prefix.to_string(), (other.to_string(), None));
        }
    }
}

/// One figure that differs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Change {
    pub path: String,
    pub before: Option<String>,
    pub after: Option<String>,
    /// `before` as a fraction when its decimal does not terminate.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub before_exact: Option<String>,
    /// `after` as a fraction when its decimal does not terminate.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub after_exact: Option<String>,
}

/// The sections of a scenario's report, in the order issue 7 names the
/// figures: the preferred series' Conversion Ratios, the warrants' prices and
/// shares, the plan pools, fully diluted ownership, votes, the waterfall;
/// then reserve sufficiency and everything else.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub enum Section {
    ConvertiblePreferred,
    Warrants,
    PlanPools,
    FullyDiluted,
    Votes,
    Waterfall,
    Reserve,
    Other,
}

impl Section {
    pub fn title(self) -> &'static str {
        match self {
            Section::ConvertiblePreferred => {
                "Conversion Ratio and Series B (convertible preferred)"
            }
            Section::Warrants => "Warrants: Warrant Price and Warrant Shares",
            Section::PlanPools => "Plan pools and awards",
            Section::FullyDiluted => "Fully diluted ownership",
            Section::Votes => "Votes",
            Section::Waterfall => "Waterfall",
            Section::Reserve => "Reserve sufficiency",
            Section::Other => "Other figures",
        }
    }
}

/// How a value reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum ValueKind {
    /// A number (shares, prices, ratios, money), exact or cut with `…`, or
    /// an exact fraction `n/d`.
    Number,
    /// A fraction to show as a percentage (0.25 = 25%).
    Fraction,
    /// Anything else, or a count of figures summarized.
    Text,
}

/// One line of a scenario's report: a figure of a subject, before and
/// after.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ReportRow {
    pub section: Section,
    /// The instrument, class or holder (empty for a book-wide figure).
    pub subject: String,
    /// The figure, named as the documents name it where they do.
    pub figure: String,
    pub before: Option<String>,
    pub after: Option<String>,
    pub kind: ValueKind,
}

fn kind_of<'a>(v: &'a Value, id: &str) -> Option<&'a str> {
    v.get("instruments")?.get(id)?.get("kind")?.as_str()
}

/// Splits `a.b[c].d` into segments (`[c]` kept as `[c]`).
fn segments(path: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut depth = 0usize;
    for ch in path.chars() {
        match ch {
            '[' => {
                depth += 1;
                if depth == 1 && !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                }
                cur.push(ch);
            }
            ']' => {
                cur.push(ch);
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    out.push(std::mem::take(&mut cur));
                }
            }
            '.' if depth == 0 => {
                if !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                }
            }
            _ => cur.push(ch),
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

fn key(seg: &str) -> &str {
    seg.strip_prefix('[')
        .and_then(|x| x.strip_suffix(']'))
        .unwrap_or(seg)
}

/// The documents' names for the status fields the report shows.
fn named(field: &str) -> String {
    match field {
        "conversion_ratio" => "Conversion Ratio".into(),
        "conversion_price" => "Conversion Price".into(),
        "accreted_value" => "Accreted Value".into(),
        "liquidation_preference" => "Liquidation Preference".into(),
        "liquidation_claim" => "liquidation claim per share".into(),
        "warrant_price" => "Warrant Price".into(),
        "common_issuable" => "common issuable".into(),
        other => other.replace('_', " "),
    }
}

/// Groups `changes` for people (the JSON keeps every path): each figure
/// issue 7 names in its section, with its subject; paths deep inside an
/// instrument's records (adjustment histories, notices, registration
/// rights per holder) are counted, one row per record list.
pub fn report(before: &Value, after: &Value, changes: &[Change]) -> Vec<ReportRow> {
    let mut rows: Vec<ReportRow> = Vec::new();
    let mut counted: Vec<(String, String, usize)> = Vec::new();
    let row = |section, subject: String, figure: String, c: &Change, kind| ReportRow {
        section,
        subject,
        figure,
        before: c.before.clone(),
        after: c.after.clone(),
        kind,
    };
    let pct = |f: &str| {
        if f.starts_with("pct_") {
            ValueKind::Fraction
        } else {
            ValueKind::Number
        }
    };
    for c in changes {
        let seg = segments(&c.path);
        let s: Vec<&str> = seg.iter().map(|x| x.as_str()).collect();
        let r = match s.as_slice() {
            // The series: exact figures (the status repeats them cut).
            ["instruments", id, "exact", f] => Some(row(
                Section::ConvertiblePreferred,
                id.to_string(),
                named(f),
                c,
                ValueKind::Number,
            )),
            // Shown from `exact` above.
            ["instruments", id, "status", "conversion_ratio" | "accreted_value" | "liquidation_preference"]
                if kind_of(after, id).or(kind_of(before, id)) == Some("convertible-preferred") =>
            {
                continue;
            }
            ["instruments", id, rest @ ..] => {
                let kind = kind_of(after, id).or(kind_of(before, id)).unwrap_or("");
                let section = match kind {
                    "convertible-preferred" => Section::ConvertiblePreferred,
                    "warrant" => Section::Warrants,
                    "equity-plan" => Section::PlanPools,
                    _ => Section::Other,
                };
                match (section, rest) {
                    (Section::Other, _) => None,
                    (_, ["common_issuable"]) => Some(row(
                        section,
                        id.to_string(),
                        named("common_issuable"),
                        c,
                        ValueKind::Number,
                    )),
                    (Section::ConvertiblePreferred, ["status", f]) => {
                        Some(row(section, id.to_string(), named(f), c, ValueKind::Number))
                    }
                    (Section::Warrants, ["status", f]) => Some(row(
                        section,
                        id.to_string(),
                        if *f == "shares" {
                            "Warrant Shares".into()
                        } else {
                            named(f)
                        },
                        c,
                        ValueKind::Number,
                    )),
                    (Section::Warrants, ["status", "holders", h, "shares"]) => Some(row(
                        section,
                        format!("{id} / {}", key(h)),
                        "Warrant Shares".into(),
                        c,
                        ValueKind::Number,
                    )),
                    (Section::PlanPools, ["status", "pool", f]) => Some(row(
                        section,
                        id.to_string(),
                        format!("pool {}", named(f)),
                        c,
                        ValueKind::Number,
                    )),
                    (Section::PlanPools, ["status", f]) => {
                        Some(row(section, id.to_string(), named(f), c, ValueKind::Number))
                    }
                    (
                        Section::PlanPools,
                        ["status", "holders", _, "awards", a, f
                        @ ("outstanding" | "exercise_price" | "shares" | "vested" | "exercisable")],
                    ) => Some(row(
                        section,
                        format!("{id} / award {}", key(a)),
                        if *f == "shares" {
                            "award shares".into()
                        } else {
                            named(f)
                        },
                        c,
                        ValueKind::Number,
                    )),
                    _ => None,
                }
            }
            ["captable", "reserve", rest @ ..] => match rest {
                ["needs", n, "shares"] => Some(row(
                    Section::Reserve,
                    key(n).to_string(),
                    "common needed".into(),
                    c,
                    ValueKind::Number,
                )),
                // The covenant and the name of a need: the JSON has them.
                ["needs", ..] => continue,
                ["sufficient"] => Some(row(
                    Section::Reserve,
                    String::new(),
                    "sufficient".into(),
                    c,
                    ValueKind::Text,
                )),
                _ => Some(row(
                    Section::Reserve,
                    String::new(),
                    named(&rest.join(".")),
                    c,
                    ValueKind::Number,
                )),
            },
            ["captable", "votes_total"] => Some(row(
                Section::Votes,
                "total".into(),
                named("votes_total"),
                c,
                ValueKind::Number,
            )),
            ["captable", f] => Some(row(
                Section::FullyDiluted,
                "total".into(),
                named(f),
                c,
                ValueKind::Number,
            )),
            ["captable", "classes", k, f @ ("votes" | "pct_votes")] => Some(row(
                Section::Votes,
                format!("class {}", key(k)),
                named(f),
                c,
                pct(f),
            )),
            ["captable", "classes", k, f] => Some(row(
                Section::FullyDiluted,
                format!("class {}", key(k)),
                named(f),
                c,
                if *f == "kind" {
                    ValueKind::Text
                } else {
                    pct(f)
                },
            )),
            ["captable", "holders", h, f @ ("votes" | "pct_votes")] => {
                Some(row(Section::Votes, key(h).to_string(), named(f), c, pct(f)))
            }
            ["captable", "holders", h, "positions", k] => Some(row(
                Section::FullyDiluted,
                key(h).to_string(),
                format!("{} held", key(k)),
                c,
                ValueKind::Number,
            )),
            ["captable", "holders", h, f] => Some(row(
                Section::FullyDiluted,
                key(h).to_string(),
                named(f),
                c,
                pct(f),
            )),
            ["waterfall", "breakpoints", i, "proceeds"] => Some(row(
                Section::Waterfall,
                format!("breakpoint: {}", short_breakpoint(key(i))),
                "proceeds".into(),
                c,
                ValueKind::Number,
            )),
            // A record's own name, and the words beside a breakpoint, are
            // not figures (the JSON has them).
            [.., "class" | "id" | "holder" | "for_class" | "plan" | "instrument" | "events"]
                if c.path.starts_with("waterfall") || c.path.starts_with("captable") =>
            {
                continue;
            }
            ["waterfall", "breakpoints", ..] => continue,
            ["waterfall", "classes", k, f] => Some(row(
                Section::Waterfall,
                format!("class {}", key(k)),
                named(f),
                c,
                if *f == "amount" {
                    ValueKind::Number
                } else {
                    ValueKind::Text
                },
            )),
            ["waterfall", "payouts", k, f] => Some(row(
                Section::Waterfall,
                key(k).to_string(),
                named(f),
                c,
                if *f == "amount" {
                    ValueKind::Number
                } else {
                    ValueKind::Text
                },
            )),
            ["waterfall", f] => Some(row(
                Section::Waterfall,
                String::new(),
                named(f),
                c,
                ValueKind::Number,
            )),
            _ => None,
        };
        match r {
            Some(r) => rows.push(r),
            None => {
                // Counted per record list: the path up to its first keyed
                // segment (or the whole path when it has none).
                let cut = s.iter().position(|x| x.starts_with('[')).unwrap_or(s.len());
                let (subject, rest) = match s.as_slice() {
                    ["instruments", id, ..] => {
                        (id.to_string(), s.get(2..cut).unwrap_or(&[]).join("."))
                    }
                    _ => (String::new(), s.get(..cut).unwrap_or(&[]).join(".")),
                };
                let rest = rest.trim_start_matches("status.").to_string();
                if cut == s.len() {
                    rows.push(row(
                        Section::Other,
                        subject,
                        named(&rest),
                        c,
                        ValueKind::Number,
                    ));
                } else {
                    match counted.iter_mut().find(|x| x.0 == subject && x.1 == rest) {
                        Some(x) => x.2 += 1,
                        None => counted.push((subject, rest, 1)),
                    }
                }
            }
        }
    }
    for (subject, figure, n) in counted {
        rows.push(ReportRow {
            section: Section::Other,
            subject,
            figure: format!("{figure} (records)"),
            before: None,
            after: Some(format!("{n} figure(s) change (see --json)")),
            kind: ValueKind::Text,
        });
    }
    // By section; within one, book-wide totals, then classes, then each
    // instrument or holder with its own figures in the documents' order
    // (the Conversion Ratio first, the Warrant Price before the Warrant
    // Shares), its holders' lines after it. Otherwise the paths' order.
    rows.sort_by(|a, b| {
        (a.section, rank_of_subject(&a.subject), base(&a.subject))
            .cmp(&(b.section, rank_of_subject(&b.subject), base(&b.subject)))
            .then(a.subject.contains(" / ").cmp(&b.subject.contains(" / ")))
            .then(a.subject.cmp(&b.subject))
            .then(rank_of_figure(&a.figure).cmp(&rank_of_figure(&b.figure)))
    });
    rows
}

fn base(subject: &str) -> &str {
    subject.split(" / ").next().unwrap_or(subject)
}

fn rank_of_subject(subject: &str) -> u8 {
    if subject.is_empty() || subject == "total" {
        0
    } else if subject.starts_with("class ") {
        1
    } else {
        2
    }
}

fn rank_of_figure(figure: &str) -> u8 {
    const ORDER: [&str; 10] = [
        "Conversion Ratio",
        "Conversion Price",
        "Accreted Value",
        "Liquidation Preference",
        "liquidation claim per share",
        "Warrant Price",
        "Warrant Shares",
        "pool available",
        "common issuable",
        "fully diluted",
    ];
    ORDER
        .iter()
        .position(|f| *f == figure)
        .and_then(|i| u8::try_from(i).ok())
        .unwrap_or(u8::MAX)
}

/// Every path whose value differs between `before` and `after`.
pub fn diff(before: &Value, after: &Value) -> Vec<Change> {
    let mut a = BTreeMap::new();
    let mut b = BTreeMap::new();
    flatten("", before, &mut a);
    flatten("", after, &mut b);
    let mut keys: Vec<&String> = a.keys().chain(b.keys()).collect();
    keys.sort();
    keys.dedup();
    keys.into_iter()
        .filter_map(|k| {
            let (x, y) = (a.get(k), b.get(k));
            // Equal displays with different exact forms are different
            // figures (a change in the 13th place is still a change).
            (x != y).then(|| Change {
                path: k.trim_start_matches('.').to_string(),
                before: x.map(|v| v.0.clone()),
                after: y.map(|v| v.0.clone()),
                before_exact: x.and_then(|v| v.1.clone()),
                after_exact: y.and_then(|v| v.1.clone()),
            })
        })
        .collect()
}
