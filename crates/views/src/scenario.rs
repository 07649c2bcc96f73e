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
        inst.insert(
            s.id,
            json!({"kind": s.kind, "common_issuable": s.issuable, "status": st}),
        );
    }
    out.insert("instruments".into(), Value::Object(inst));
    if let Some(w) = waterfall {
        let input = adapter::waterfall_input(book, state, w.reading, w.ahead.clone(), &w.overrides);
        let wf = Waterfall::new(input)?;
        let d = wf.distribute(w.proceeds)?;
        let bps = wf.breakpoints();
        out.insert(
            "waterfall".into(),
            json!({
                "proceeds": w.proceeds,
                "value_per_common": d.value_per_common,
                "classes": d.classes.iter().map(|c| json!({"class": c.class, "amount": c.amount, "basis": c.basis})).collect::<Vec<_>>(),
                "payouts": d.payouts.iter().map(|p| json!({"id": format!("{}/{}", p.class, p.holder), "amount": p.amount, "basis": p.basis})).collect::<Vec<_>>(),
                "breakpoints": bps.iter().map(|b| b.proceeds.display()).collect::<Vec<_>>(),
            }),
        );
    }
    Ok(Value::Object(out))
}

/// The cap table's figures as JSON (percentages as exact fractions).
pub fn captable_json(t: &CapTable) -> Value {
    let mut v = serde_json::to_value(t).unwrap_or(Value::Null);
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

fn key_of(v: &Value) -> Option<String> {
    for k in ["holder", "id", "class", "instrument", "plan"] {
        if let Some(s) = v.get(k).and_then(|x| x.as_str()) {
            return Some(s.to_string());
        }
    }
    None
}

fn flatten(prefix: &str, v: &Value, out: &mut BTreeMap<String, String>) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                flatten(&format!("{prefix}.{k}"), x, out);
            }
        }
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                let k = key_of(x)
                    .map(|k| format!("[{k}]"))
                    .unwrap_or_else(|| format!("[{i}]"));
                flatten(&format!("{prefix}{k}"), x, out);
            }
        }
        Value::Null => {
            out.insert(prefix.to_string(), "null".into());
        }
        Value::String(s) => {
            out.insert(prefix.to_string(), s.clone());
        }
        other => {
            out.insert(prefix.to_string(), other.to_string());
        }
    }
}

/// One figure that differs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Change {
    pub path: String,
    pub before: Option<String>,
    pub after: Option<String>,
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
            (x != y).then(|| Change {
                path: k.trim_start_matches('.').to_string(),
                before: x.cloned(),
                after: y.cloned(),
            })
        })
        .collect()
}
