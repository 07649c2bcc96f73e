//! Exports: the cap table, the waterfall and any schedule as CSV or XLSX.
//!
//! Everything exports through one generic [`Table`] (a title, a header and
//! rows of cells). CSV follows RFC 4180 (CRLF line ends; a field with a
//! comma, quote, CR or LF is quoted, quotes doubled), written by the `csv`
//! crate. XLSX is written with
//! `rust_xlsxwriter` into memory; numbers that are exact decimals become
//! numeric cells *and* keep their exact text in the CSV (a spreadsheet
//! number is a binary float, so the XLSX is for reading, the CSV and JSON
//! for reconciling). Both return bytes: the caller writes the file.

use crate::captable::{percent, CapTable};
use crate::waterfall::{Breakpoint, Distribution};
use serde::Serialize;
use std::collections::BTreeMap;

/// A cell: text, or a number kept as its exact decimal text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum Cell {
    Text(String),
    Number(String),
}

impl Cell {
    pub fn text(&self) -> &str {
        match self {
            Cell::Text(s) | Cell::Number(s) => s,
        }
    }
}

/// A generic table.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Table {
    pub title: String,
    pub header: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

impl Table {
    pub fn new(title: impl Into<String>, header: &[&str]) -> Table {
        Table {
            title: title.into(),
            header: header.iter().map(|s| s.to_string()).collect(),
            rows: Vec::new(),
        }
    }

    pub fn push(&mut self, row: Vec<Cell>) {
        self.rows.push(row);
    }
}

/// A number cell from anything printing as a decimal; text if it does not
/// (e.g. a non-terminating `…` display).
pub fn num(x: impl std::fmt::Display) -> Cell {
    let s = x.to_string();
    if units::parse_decimal(&s).is_ok() {
        Cell::Number(s)
    } else {
        Cell::Text(s)
    }
}

pub fn text(x: impl Into<String>) -> Cell {
    Cell::Text(x.into())
}

/// RFC 4180 CSV of one table (header first), written by the `csv` crate:
/// CRLF line ends; a field with a comma, quote, CR or LF is quoted, quotes
/// doubled. Rows may be shorter or longer than the header (a schedule's
/// nested steps are not), so the writer is flexible.
pub fn to_csv(t: &Table) -> Result<String, String> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .quote_style(csv::QuoteStyle::Necessary)
        .flexible(true)
        .from_writer(Vec::new());
    w.write_record(&t.header).map_err(|e| e.to_string())?;
    for r in &t.rows {
        w.write_record(r.iter().map(Cell::text))
            .map_err(|e| e.to_string())?;
    }
    let bytes = w.into_inner().map_err(|e| e.to_string())?;
    String::from_utf8(bytes).map_err(|e| e.to_string())
}

/// An XLSX workbook with one worksheet per table (names cut to Excel's 31
/// characters and made unique).
pub fn to_xlsx(tables: &[Table]) -> Result<Vec<u8>, String> {
    use rust_xlsxwriter::{Format, Workbook};
    let mut wb = Workbook::new();
    let bold = Format::new().set_bold();
    let mut used: Vec<String> = Vec::new();
    for (i, t) in tables.iter().enumerate() {
        let base: String = t
            .title
            .chars()
            .filter(|c| !matches!(c, '[' | ']' | ':' | '*' | '?' | '/' | '\\'))
            .take(28)
            .collect();
        let mut name = if base.is_empty() {
            format!("Sheet{}", i + 1)
        } else {
            base
        };
        if used.contains(&name) {
            name = format!("{name} {}", i + 1);
        }
        used.push(name.clone());
        let ws = wb.add_worksheet();
        ws.set_name(&name).map_err(|e| e.to_string())?;
        for (c, h) in t.header.iter().enumerate() {
            let c = u16::try_from(c).map_err(|e| e.to_string())?;
            ws.write_string_with_format(0, c, h, &bold)
                .map_err(|e| e.to_string())?;
        }
        for (r, row) in t.rows.iter().enumerate() {
            let r = u32::try_from(r + 1).map_err(|e| e.to_string())?;
            for (c, cell) in row.iter().enumerate() {
                let c = u16::try_from(c).map_err(|e| e.to_string())?;
                match cell {
                    Cell::Number(s) => {
                        // Display value for the spreadsheet; the exact text
                        // is in the CSV and JSON.
                        match s.parse::<f64>() {
                            Ok(f) => ws.write_number(r, c, f),
                            Err(_) => ws.write_string(r, c, s),
                        }
                    }
                    Cell::Text(s) => ws.write_string(r, c, s),
                }
                .map_err(|e| e.to_string())?;
            }
        }
    }
    wb.save_to_buffer().map_err(|e| e.to_string())
}

/// The cap table as three tables: classes, holders and the reserve.
/// `names` gives each holder id's name as declared (a name often carries a
/// comma: "Thomas H. Lee Equity Fund IV, L.P."); an id not in it has an
/// empty name.
pub fn captable_tables(t: &CapTable, names: &BTreeMap<String, String>) -> Vec<Table> {
    let mut c = Table::new(
        "Cap table by class",
        &[
            "class",
            "kind",
            "authorized",
            "issued",
            "treasury",
            "outstanding",
            "as converted",
            "fully diluted",
            "% fully diluted",
            "votes",
            "% votes",
        ],
    );
    for l in &t.classes {
        c.push(vec![
            text(&l.id),
            text(format!("{:?}", l.kind).to_lowercase()),
            l.authorized.map(num).unwrap_or_else(|| text("")),
            num(l.issued),
            num(l.treasury),
            num(l.outstanding),
            num(l.as_converted.display()),
            num(l.fully_diluted.display()),
            text(percent(&l.pct_fully_diluted, 4)),
            num(l.votes.display()),
            text(percent(&l.pct_votes, 4)),
        ]);
    }
    let mut h = Table::new(
        "Cap table by holder",
        &[
            "holder",
            "name",
            "positions",
            "common",
            "% outstanding common",
            "as converted",
            "% as converted",
            "fully diluted",
            "% fully diluted",
            "votes",
            "% votes",
        ],
    );
    for l in &t.holders {
        let pos: Vec<String> = l
            .positions
            .iter()
            .map(|(k, v)| format!("{k}: {v}"))
            .collect();
        h.push(vec![
            text(&l.holder),
            text(names.get(&l.holder).cloned().unwrap_or_default()),
            text(pos.join("; ")),
            num(l.common),
            text(percent(&l.pct_outstanding_common.value(), 4)),
            num(l.as_converted.display()),
            text(percent(&l.pct_as_converted.value(), 4)),
            num(l.fully_diluted.display()),
            text(percent(&l.pct_fully_diluted.value(), 4)),
            num(l.votes.display()),
            text(percent(&l.pct_votes.value(), 4)),
        ]);
    }
    let mut r = Table::new("Reserve", &["for", "common needed", "clause"]);
    for n in &t.reserve.needs {
        r.push(vec![
            text(&n.for_class),
            num(n.shares.display()),
            text(n.clause.as_ref().map(|c| c.to_string()).unwrap_or_default()),
        ]);
    }
    r.push(vec![
        text("required"),
        num(t.reserve.required.display()),
        text(""),
    ]);
    r.push(vec![
        text("authorized − issued common"),
        t.reserve
            .unissued
            .as_ref()
            .map(|u| num(u.display()))
            .unwrap_or_else(|| text("unknown")),
        text(""),
    ]);
    vec![c, h, r]
}

/// The waterfall as tables: payouts by class, by payee, and the breakpoints.
pub fn waterfall_tables(d: &Distribution, bps: &[Breakpoint]) -> Vec<Table> {
    let mut c = Table::new(
        "Waterfall by class",
        &["class", "basis", "amount", "exact", "per share"],
    );
    for k in &d.classes {
        c.push(vec![
            text(&k.class),
            text(&k.basis),
            num(k.amount),
            num(k.exact.display()),
            k.per_share
                .as_ref()
                .map(|p| num(p.display()))
                .unwrap_or_else(|| text("")),
        ]);
    }
    let mut p = Table::new(
        "Waterfall by holder",
        &["class", "holder", "shares", "basis", "amount", "exact"],
    );
    for x in &d.payouts {
        p.push(vec![
            text(&x.class),
            text(&x.holder),
            num(x.shares),
            text(&x.basis),
            num(x.amount),
            num(x.exact.display()),
        ]);
    }
    vec![c, p, breakpoints_table(bps)]
}

pub fn breakpoints_table(bps: &[Breakpoint]) -> Table {
    let mut b = Table::new(
        "Breakpoints",
        &["proceeds", "exact", "value per common", "what happens"],
    );
    for x in bps {
        b.push(vec![
            num(x.proceeds.display()),
            text(x.proceeds.fraction_string()),
            x.value_per_common
                .as_ref()
                .map(|v| num(v.display()))
                .unwrap_or_else(|| text("")),
            text(x.events.join("; ")),
        ]);
    }
    b
}

/// A computation schedule as a table (name, value, formula, inputs,
/// rounding, clauses), nested steps indented.
pub fn schedule_table(title: &str, items: &[units::Computed]) -> Table {
    let mut t = Table::new(
        title,
        &[
            "figure", "value", "formula", "inputs", "rounding", "clauses",
        ],
    );
    fn walk(t: &mut Table, c: &units::Computed, depth: usize) {
        let inputs: Vec<String> = c.inputs.iter().map(|(k, v)| format!("{k} = {v}")).collect();
        let clauses: Vec<String> = c.clauses.iter().map(|x| x.to_string()).collect();
        t.push(vec![
            text(format!("{}{}", "  ".repeat(depth), c.name)),
            num(&c.value),
            text(&c.formula),
            text(inputs.join("; ")),
            text(c.rounding.clone().unwrap_or_default()),
            text(clauses.join(", ")),
        ]);
        for s in &c.steps {
            walk(t, s, depth + 1);
        }
    }
    for c in items {
        walk(&mut t, c, 0);
    }
    t
}
