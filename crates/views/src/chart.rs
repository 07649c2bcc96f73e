//! Charts as hand-written, deterministic SVG.
//!
//! No float touches a figure: coordinates are computed exactly
//! (`units::Exact`) and rounded once to two decimal places of a pixel, so
//! the same book always draws the same bytes (snapshot-testable). Three
//! charts: ownership by class over time, as a stacked area (the convention
//! of cap-table tools: the layers add up to the fully diluted whole);
//! payout by class or holder against exit proceeds with the breakpoints
//! numbered and listed in a table under the plot (the payout is piecewise
//! linear, so a polyline through the breakpoints is the exact curve); and a
//! generic time series (a preferred series' Accreted Value and Conversion
//! Ratio).
//!
//! What makes them readable: value axes run between "nice" round ticks
//! (1, 2 or 5 × 10^k) with a gridline at each; time axes are labelled at
//! calendar boundaries (months, quarters, years); each series has a color
//! of its own from a categorical palette, and when there are more series
//! than colors (or many tiny ones) the smallest are summed into "other".

use calendar::Date;
use std::fmt::Write as _;
use units::{Exact, Rounding};

/// A named polyline.
#[derive(Clone, Debug)]
pub struct Series {
    pub name: String,
    pub points: Vec<(Exact, Exact)>,
}

/// A vertical marker (a breakpoint) with a label.
#[derive(Clone, Debug)]
pub struct Marker {
    pub x: Exact,
    pub label: String,
}

const W: i64 = 860;
const PLOT_H: i64 = 330;
const LEFT: i64 = 90;
const RIGHT: i64 = 240;
/// Above the plot: the title, then the rows of breakpoint numbers.
const TITLE_H: i64 = 34;
const MARKER_ROW_H: i64 = 14;
/// Below the plot: the x tick labels.
const AXIS_H: i64 = 40;
const TABLE_ROW_H: i64 = 15;
/// An estimate of a character's width at font-size 11 (display only), on
/// the wide side so that estimated boxes never understate the drawn text.
const CHAR_W: i64 = 7;

/// A categorical palette (Tableau 10): ten hues told apart at a glance and
/// in print. The last, a warm gray, is kept for "other".
pub const PALETTE: [&str; 10] = [
    "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7",
    "#9c755f", "#bab0ac",
];
/// The color of the "other" series.
pub const OTHER_COLOR: &str = "#bab0ac";
/// Series with a color of their own; the rest are summed into "other".
pub const MAX_SERIES: usize = PALETTE.len() - 1;

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn px(x: &Exact) -> String {
    x.round_dp(2, Rounding::HalfUp)
        .map(|d| d.normalize().to_string())
        .unwrap_or_else(|_| "0".into())
}

fn int(x: &Exact, mode: Rounding) -> Exact {
    x.round_dp(0, mode)
        .map(Exact::from_decimal)
        .unwrap_or_else(|_| x.clone())
}

/// The "nice" tick step for `range` in about `target` steps: the smallest
/// of 1, 2, 5 × 10^k that is at least `range / target`.
pub fn nice_step(range: &Exact, target: i64) -> Exact {
    let ten = Exact::from_int(10);
    let rough = range
        .div(&Exact::from_int(target.max(1)))
        .unwrap_or_else(|_| Exact::one());
    if rough <= Exact::zero() {
        return Exact::one();
    }
    // p = 10^k with p ≤ rough < 10p (bounded: figures are < 10^30).
    let mut p = Exact::one();
    for _ in 0..60 {
        if p.mul(&ten) <= rough {
            p = p.mul(&ten);
        } else if p > rough {
            p = p.div(&ten).unwrap_or_else(|_| p.clone());
        } else {
            break;
        }
    }
    [1, 2, 5, 10]
        .iter()
        .map(|m| p.mul(&Exact::from_int(*m)))
        .find(|s| s >= &rough)
        .unwrap_or_else(|| p.mul(&ten))
}

/// A value axis from `lo` to `hi` widened to whole steps: (low, high,
/// ticks), every tick a multiple of a nice step.
pub fn nice_ticks(lo: &Exact, hi: &Exact, target: i64) -> (Exact, Exact, Vec<Exact>) {
    let (lo, hi) = if hi <= lo {
        (lo.clone(), lo.add(&Exact::one()))
    } else {
        (lo.clone(), hi.clone())
    };
    let step = nice_step(&hi.sub(&lo), target);
    let q = |x: &Exact, m| int(&x.div(&step).unwrap_or_else(|_| Exact::zero()), m);
    let (a, b) = (q(&lo, Rounding::Floor), q(&hi, Rounding::Ceiling));
    let (low, high) = (a.mul(&step), b.mul(&step));
    let mut ticks = Vec::new();
    let mut t = low.clone();
    // At most target × 2.5 + 2 ticks by the choice of step.
    for _ in 0..100 {
        if t > high {
            break;
        }
        ticks.push(t.clone());
        t = t.add(&step);
    }
    (low, high, ticks)
}

/// Days since 1970-01-01, as the x coordinate of a date.
pub fn day_number(d: Date) -> Exact {
    let epoch = Date::constant(1970, 1, 1);
    Exact::from_int(i64::from(calendar::days_between(epoch, d)))
}

fn date_of_day(x: &Exact) -> Option<Date> {
    let epoch = Date::constant(1970, 1, 1);
    let n = x
        .round_dp(0, Rounding::HalfUp)
        .ok()
        .and_then(|d| i64::try_from(d.mantissa()).ok())?;
    epoch.checked_add(jiff::Span::new().days(n)).ok()
}

fn date_label(x: &Exact) -> String {
    date_of_day(x).map(|d| d.to_string()).unwrap_or_default()
}

/// Ticks on a time axis from day `x0` to day `x1`: the first days of months
/// every 1, 3 or 6 months, or of years every 1, 2, 5, 10… years, the
/// finest step giving at most seven ticks; labels `2001-04` or `2001`.
/// Falls back to the two ends when no month starts inside the range.
pub fn date_ticks(x0: &Exact, x1: &Exact) -> Vec<(Exact, String)> {
    let (Some(a), Some(b)) = (date_of_day(x0), date_of_day(x1)) else {
        return Vec::new();
    };
    let month_index = |d: Date| i64::from(d.year()) * 12 + i64::from(d.month()) - 1;
    let (ma, mb) = (month_index(a), month_index(b));
    let mut steps: Vec<i64> = vec![1, 3, 6];
    let mut y = 12;
    while y <= 12 * 10_000 {
        for m in [1, 2, 5] {
            steps.push(y * m);
        }
        y *= 10;
    }
    for step in steps {
        // The first month index ≥ a (a month start on or after a) that is a
        // multiple of step.
        let first = {
            let m = if a.day() == 1 { ma } else { ma + 1 };
            (m + step - 1).div_euclid(step) * step
        };
        let count = if first > mb {
            0
        } else {
            (mb - first) / step + 1
        };
        if count > 7 {
            continue;
        }
        if count == 0 {
            break;
        }
        let mut out = Vec::new();
        let mut m = first;
        while m <= mb {
            let (yy, mm) = (m.div_euclid(12), m.rem_euclid(12) + 1);
            let (Ok(yy), Ok(mm)) = (i16::try_from(yy), i8::try_from(mm)) else {
                break;
            };
            if let Ok(d) = Date::new(yy, mm, 1) {
                let label = if step % 12 == 0 {
                    format!("{yy}")
                } else {
                    format!("{yy}-{mm:02}")
                };
                out.push((day_number(d), label));
            }
            m += step;
        }
        return out;
    }
    vec![(x0.clone(), date_label(x0)), (x1.clone(), date_label(x1))]
}

/// A value as a short axis label: whole numbers grouped in thousands, and
/// from a million up in M or B (`$250M`, `1.5B`). Display only.
fn short_label(x: &Exact) -> String {
    let a = x.abs();
    for (unit, suffix) in [(1_000_000_000i64, "B"), (1_000_000, "M")] {
        let u = Exact::from_int(unit);
        if a >= u {
            let v = x.div(&u).unwrap_or_else(|_| Exact::zero());
            return match v.round_dp(3, Rounding::HalfUp) {
                Ok(d) => format!("{}{suffix}", d.normalize()),
                Err(_) => v.display(),
            };
        }
    }
    x.display_short()
}

/// How the x axis reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum XAxis {
    Dates,
    Dollars,
}

/// How the y axis reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum YAxis {
    Percent,
    Dollars,
    Number,
}

struct Frame {
    x0: Exact,
    x1: Exact,
    y0: Exact,
    y1: Exact,
    top: i64,
}

impl Frame {
    fn sx(&self, x: &Exact) -> Exact {
        let w = Exact::from_int(W - LEFT - RIGHT);
        let f = x
            .sub(&self.x0)
            .div(&self.x1.sub(&self.x0))
            .unwrap_or_else(|_| Exact::zero());
        Exact::from_int(LEFT).add(&f.mul(&w))
    }

    fn sy(&self, y: &Exact) -> Exact {
        let h = Exact::from_int(PLOT_H);
        let f = y
            .sub(&self.y0)
            .div(&self.y1.sub(&self.y0))
            .unwrap_or_else(|_| Exact::zero());
        Exact::from_int(self.bottom()).sub(&f.mul(&h))
    }

    fn bottom(&self) -> i64 {
        self.top + PLOT_H
    }
}

fn x_range(series: &[Series], markers: &[Marker]) -> (Exact, Exact) {
    let xs = series
        .iter()
        .flat_map(|s| s.points.iter().map(|p| p.0.clone()))
        .chain(markers.iter().map(|m| m.x.clone()));
    let (mut x0, mut x1) = (None::<Exact>, None::<Exact>);
    for x in xs {
        x0 = Some(x0.map_or(x.clone(), |a| a.min(x.clone())));
        x1 = Some(x1.map_or(x.clone(), |a| a.max(x)));
    }
    let x0 = x0.unwrap_or_else(Exact::zero);
    let mut x1 = x1.unwrap_or_else(Exact::one);
    if x1 <= x0 {
        x1 = x0.add(&Exact::one());
    }
    (x0, x1)
}

/// Each marker's row above the plot: markers in x order go to the first row
/// whose last label ends, with a gap, before this one begins, so no two
/// numbers overlap however close the breakpoints are.
fn marker_rows(xs: &[(usize, Exact, i64)]) -> Vec<(usize, usize)> {
    let gap = Exact::from_int(4);
    let mut ends: Vec<Exact> = Vec::new();
    let mut out = Vec::new();
    for (i, x, w) in xs {
        let half = Exact::ratio(*w, 2).unwrap_or_else(|_| Exact::zero());
        let start = x.sub(&half);
        let end = x.add(&half);
        let row = match ends.iter().position(|e| e.add(&gap) <= start) {
            Some(r) => {
                if let Some(e) = ends.get_mut(r) {
                    *e = end;
                }
                r
            }
            None => {
                ends.push(end);
                ends.len() - 1
            }
        };
        out.push((*i, row));
    }
    out
}

/// The chart's shapes: lines, or layers stacked from the bottom.
enum Body<'a> {
    Lines(&'a [Series]),
    Stacked(&'a [Series]),
}

#[allow(clippy::too_many_arguments)]
fn render(
    title: &str,
    y_name: &str,
    body: Body<'_>,
    markers: &[Marker],
    xaxis: XAxis,
    yaxis: YAxis,
    colors: &[&str],
    empty_note: Option<&str>,
) -> (String, i64) {
    let series = match &body {
        Body::Lines(s) | Body::Stacked(s) => *s,
    };
    // Stacked: each layer's top is the running sum (series share x values).
    let stacked: Vec<Series> = match &body {
        Body::Stacked(s) => {
            let mut acc: Vec<Series> = Vec::new();
            for se in s.iter() {
                let pts = se
                    .points
                    .iter()
                    .enumerate()
                    .map(|(k, (x, y))| {
                        let below = acc
                            .last()
                            .and_then(|p| p.points.get(k))
                            .map(|p| p.1.clone())
                            .unwrap_or_else(Exact::zero);
                        (x.clone(), below.add(y))
                    })
                    .collect();
                acc.push(Series {
                    name: se.name.clone(),
                    points: pts,
                });
            }
            acc
        }
        Body::Lines(_) => Vec::new(),
    };
    let ys_of: &[Series] = match &body {
        Body::Stacked(_) => &stacked,
        Body::Lines(s) => s,
    };
    let (x0, x1) = x_range(series, markers);
    // Amounts and shares start from zero; a plain figure over time (an
    // Accreted Value from its issue price) is read by its movement, so its axis
    // spans the data.
    let mut all_y = ys_of.iter().flat_map(|s| s.points.iter().map(|p| &p.1));
    let (mut ylo, mut yhi) = match (yaxis, all_y.next()) {
        (YAxis::Number, Some(y)) => (y.clone(), y.clone()),
        _ => (Exact::zero(), Exact::zero()),
    };
    for y in all_y {
        ylo = ylo.min(y.clone());
        yhi = yhi.max(y.clone());
    }
    if yaxis == YAxis::Percent {
        // Shares of a whole: the axis is the whole, 0–100%.
        yhi = Exact::from_int(100);
    }
    let (y0, y1, yticks) = nice_ticks(&ylo, &yhi, 5);

    // Breakpoint numbers: their rows decide the top margin.
    let frame0 = Frame {
        x0: x0.clone(),
        x1: x1.clone(),
        y0: y0.clone(),
        y1: y1.clone(),
        top: 0,
    };
    let mut order: Vec<(usize, Exact, i64)> = markers
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let label = (i + 1).to_string();
            let w = CHAR_W * i64::try_from(label.len()).unwrap_or(3) + 6;
            (i, frame0.sx(&m.x), w)
        })
        .collect();
    order.sort_by(|a, b| a.1.cmp(&b.1).then(a.0.cmp(&b.0)));
    let rows = marker_rows(&order);
    let n_rows = rows.iter().map(|r| r.1 + 1).max().unwrap_or(0);
    let top = TITLE_H + MARKER_ROW_H * i64::try_from(n_rows).unwrap_or(0) + 8;
    let f = Frame { top, ..frame0 };
    let by = f.bottom();
    let table_rows = i64::try_from(markers.len()).unwrap_or(0);
    let height = by
        + AXIS_H
        + if markers.is_empty() {
            0
        } else {
            TABLE_ROW_H * (table_rows + 1) + 10
        };

    let mut s = String::new();
    let _ = writeln!(
        s,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{W}\" height=\"{height}\" viewBox=\"0 0 {W} {height}\" font-family=\"sans-serif\" font-size=\"11\">"
    );
    let _ = writeln!(
        s,
        "<rect width=\"{W}\" height=\"{height}\" fill=\"white\"/>"
    );
    let _ = writeln!(
        s,
        "<text x=\"{LEFT}\" y=\"20\" font-size=\"14\" font-weight=\"bold\">{}</text>",
        esc(title)
    );
    // Gridlines and ticks: y.
    let right = W - RIGHT;
    for t in &yticks {
        let y = px(&f.sy(t));
        let _ = writeln!(
            s,
            "<line class=\"grid\" x1=\"{LEFT}\" y1=\"{y}\" x2=\"{right}\" y2=\"{y}\" stroke=\"#e6e6e6\"/>"
        );
        let label = match yaxis {
            YAxis::Percent => format!("{}%", t.display_short()),
            YAxis::Dollars => format!("${}", short_label(t)),
            YAxis::Number => short_label(t),
        };
        let _ = writeln!(
            s,
            "<text class=\"ytick\" data-value=\"{}\" x=\"{}\" y=\"{y}\" dy=\"4\" text-anchor=\"end\">{}</text>",
            t.display(),
            LEFT - 6,
            esc(&label)
        );
    }
    // x.
    let xticks: Vec<(Exact, String)> = match xaxis {
        // No data, no x range to label.
        _ if empty_note.is_some() => Vec::new(),
        XAxis::Dates => date_ticks(&x0, &x1),
        XAxis::Dollars => {
            let (_, _, ts) = nice_ticks(&x0, &x1, 6);
            ts.into_iter()
                .filter(|t| t >= &x0 && t <= &x1)
                .map(|t| {
                    let l = format!("${}", short_label(&t));
                    (t, l)
                })
                .collect()
        }
    };
    for (t, label) in &xticks {
        let x = px(&f.sx(t));
        let _ = writeln!(
            s,
            "<line class=\"grid\" x1=\"{x}\" y1=\"{top}\" x2=\"{x}\" y2=\"{by}\" stroke=\"#f0f0f0\"/>"
        );
        let _ = writeln!(
            s,
            "<text class=\"xtick\" x=\"{x}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
            by + 16,
            esc(label)
        );
    }
    let _ = writeln!(
        s,
        "<text x=\"14\" y=\"{}\" text-anchor=\"middle\" transform=\"rotate(-90 14 {})\">{}</text>",
        top + PLOT_H / 2,
        top + PLOT_H / 2,
        esc(y_name)
    );
    let x_name = match xaxis {
        XAxis::Dates => "date",
        XAxis::Dollars => "exit proceeds ($)",
    };
    let _ = writeln!(
        s,
        "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" fill=\"#444\">{x_name}</text>",
        (LEFT + right) / 2,
        by + 32
    );

    // The data.
    let color = |i: usize| colors.get(i).copied().unwrap_or(OTHER_COLOR);
    match &body {
        Body::Stacked(_) => {
            for (i, layer) in stacked.iter().enumerate() {
                let below: Vec<(Exact, Exact)> = match i.checked_sub(1).and_then(|j| stacked.get(j))
                {
                    Some(p) => p.points.clone(),
                    None => layer
                        .points
                        .iter()
                        .map(|(x, _)| (x.clone(), Exact::zero()))
                        .collect(),
                };
                // A step shape: a share holds from one date to the next.
                let steps = |pts: &[(Exact, Exact)]| -> Vec<(Exact, Exact)> {
                    let mut out = Vec::new();
                    for (k, (x, y)) in pts.iter().enumerate() {
                        if k > 0 {
                            if let Some((_, prev)) = pts.get(k - 1) {
                                out.push((x.clone(), prev.clone()));
                            }
                        }
                        out.push((x.clone(), y.clone()));
                    }
                    out
                };
                let mut pts: Vec<String> = steps(&layer.points)
                    .iter()
                    .map(|(x, y)| format!("{},{}", px(&f.sx(x)), px(&f.sy(y))))
                    .collect();
                pts.extend(
                    steps(&below)
                        .iter()
                        .rev()
                        .map(|(x, y)| format!("{},{}", px(&f.sx(x)), px(&f.sy(y)))),
                );
                let _ = writeln!(
                    s,
                    "<polygon class=\"layer\" points=\"{}\" fill=\"{}\" stroke=\"white\" stroke-width=\"0.5\"><title>{}</title></polygon>",
                    pts.join(" "),
                    color(i),
                    esc(&layer.name)
                );
            }
        }
        Body::Lines(series) => {
            for (i, se) in series.iter().enumerate() {
                let pts: Vec<String> = se
                    .points
                    .iter()
                    .map(|(x, y)| format!("{},{}", px(&f.sx(x)), px(&f.sy(y))))
                    .collect();
                let _ = writeln!(
                    s,
                    "<polyline class=\"line\" points=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"2\"><title>{}</title></polyline>",
                    pts.join(" "),
                    color(i),
                    esc(&se.name)
                );
            }
        }
    }
    if let Some(note) = empty_note {
        let _ = writeln!(
            s,
            "<text class=\"note\" x=\"{}\" y=\"{}\" text-anchor=\"middle\" fill=\"#666\">{}</text>",
            (LEFT + right) / 2,
            top + PLOT_H / 2,
            esc(note)
        );
    }
    // Axes over the data.
    let _ = writeln!(
        s,
        "<path d=\"M{LEFT} {top} V{by} H{right}\" stroke=\"#333\" fill=\"none\"/>"
    );

    // Breakpoints: dashed lines, numbers in rows above, a table below.
    let mut row_of = vec![0usize; markers.len()];
    for (i, r) in &rows {
        if let Some(x) = row_of.get_mut(*i) {
            *x = *r;
        }
    }
    for (i, m) in markers.iter().enumerate() {
        let x = px(&f.sx(&m.x));
        let _ = writeln!(
            s,
            "<line x1=\"{x}\" y1=\"{top}\" x2=\"{x}\" y2=\"{by}\" stroke=\"#888\" stroke-dasharray=\"4 3\"><title>{}</title></line>",
            esc(&m.label)
        );
        let row = i64::try_from(row_of.get(i).copied().unwrap_or(0)).unwrap_or(0);
        let label = (i + 1).to_string();
        let w = CHAR_W * i64::try_from(label.len()).unwrap_or(3) + 6;
        let _ = writeln!(
            s,
            "<text class=\"bp\" data-width=\"{w}\" x=\"{x}\" y=\"{}\" text-anchor=\"middle\" font-size=\"10\" font-weight=\"bold\" fill=\"#555\">{label}</text>",
            top - 6 - MARKER_ROW_H * row
        );
    }
    if !markers.is_empty() {
        let y = by + AXIS_H + TABLE_ROW_H;
        let _ = writeln!(
            s,
            "<text x=\"{LEFT}\" y=\"{y}\" font-weight=\"bold\">breakpoint</text><text x=\"{}\" y=\"{y}\" font-weight=\"bold\" text-anchor=\"end\">proceeds</text><text x=\"{}\" y=\"{y}\" font-weight=\"bold\">what happens</text>",
            LEFT + 190,
            LEFT + 205
        );
        for (i, m) in markers.iter().enumerate() {
            let y = by + AXIS_H + TABLE_ROW_H * (i64::try_from(i).unwrap_or(0) + 2);
            let what = cut(
                &m.label,
                usize::try_from((W - LEFT - 215) / CHAR_W).unwrap_or(70),
            );
            let _ = writeln!(
                s,
                "<text class=\"bp-row\" x=\"{LEFT}\" y=\"{y}\">{}</text><text x=\"{}\" y=\"{y}\" text-anchor=\"end\">${}</text><text x=\"{}\" y=\"{y}\">{}<title>{}</title></text>",
                i + 1,
                LEFT + 190,
                money_label(&m.x),
                LEFT + 205,
                esc(&what),
                esc(&m.label)
            );
        }
    }

    // Legend: stacked layers top first, as they appear on the chart.
    let mut legend: Vec<(usize, &str)> = series
        .iter()
        .enumerate()
        .map(|(i, se)| (i, se.name.as_str()))
        .collect();
    if matches!(body, Body::Stacked(_)) {
        legend.reverse();
    }
    // Names longer than the margin holds are cut, whole in a tooltip.
    let fits = usize::try_from((RIGHT - 40) / CHAR_W).unwrap_or(20);
    for (k, (i, name)) in legend.iter().enumerate() {
        let ly = top + 16 * i64::try_from(k).unwrap_or(0);
        let shown = cut(name, fits);
        let _ = writeln!(
            s,
            "<rect class=\"swatch\" x=\"{}\" y=\"{}\" width=\"12\" height=\"12\" fill=\"{}\"/><text x=\"{}\" y=\"{}\">{}<title>{}</title></text>",
            right + 14,
            ly,
            color(*i),
            right + 32,
            ly + 10,
            esc(&shown),
            esc(name)
        );
    }
    s.push_str("</svg>\n");
    (s, height)
}

/// `s` in at most `n` characters, the last an ellipsis when cut.
fn cut(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        return s.to_string();
    }
    let head: String = s.chars().take(n.saturating_sub(1)).collect();
    format!("{head}…")
}

/// Proceeds in the breakpoint table: to the cent, grouped (display only;
/// the exact figure is in `waterfall --json`).
fn money_label(x: &Exact) -> String {
    match x.round_dp(2, Rounding::HalfUp) {
        Ok(d) => {
            let t = format!("{d:.2}");
            let (whole, cents) = t.split_once('.').unwrap_or((&t, "00"));
            format!("{}.{cents}", group_thousands(whole))
        }
        Err(_) => x.display(),
    }
}

/// The series in at most [`MAX_SERIES`] + 1 groups: those whose peak is
/// under 1% of `whole` (when two or more are), and past the
/// [`MAX_SERIES`] largest peaks, are summed into "other" (named with how
/// many it holds), so no two series share a color. Series are kept in their
/// order; "other" comes last. Points are summed by x (a series missing at
/// an x counts zero there).
pub fn group_small(series: Vec<Series>, whole: &Exact) -> Vec<Series> {
    let peak = |s: &Series| {
        s.points
            .iter()
            .fold(Exact::zero(), |a, (_, y)| a.max(y.abs()))
    };
    let threshold = whole
        .div(&Exact::from_int(100))
        .unwrap_or_else(|_| Exact::zero());
    let small: Vec<usize> = (0..series.len())
        .filter(|&i| series.get(i).is_some_and(|s| peak(s) < threshold))
        .collect();
    let mut out_idx: Vec<usize> = if small.len() >= 2 { small } else { Vec::new() };
    let mut kept: Vec<usize> = (0..series.len()).filter(|i| !out_idx.contains(i)).collect();
    // Without "other" every palette color is free; with it, its gray is not.
    let limit = if out_idx.is_empty() {
        PALETTE.len()
    } else {
        MAX_SERIES
    };
    if kept.len() > limit {
        // Keep the largest peaks (ties: the earlier series).
        let mut by_peak = kept.clone();
        by_peak.sort_by(|&a, &b| {
            let (pa, pb) = (
                series.get(a).map(peak).unwrap_or_else(Exact::zero),
                series.get(b).map(peak).unwrap_or_else(Exact::zero),
            );
            pb.cmp(&pa).then(a.cmp(&b))
        });
        let keep: Vec<usize> = by_peak.into_iter().take(MAX_SERIES).collect();
        out_idx.extend(kept.iter().filter(|i| !keep.contains(i)));
        kept.retain(|i| keep.contains(i));
    }
    if out_idx.len() < 2 {
        return series;
    }
    let mut xs: Vec<Exact> = Vec::new();
    for i in &out_idx {
        for (x, _) in series.get(*i).map(|s| s.points.as_slice()).unwrap_or(&[]) {
            if !xs.contains(x) {
                xs.push(x.clone());
            }
        }
    }
    xs.sort();
    let other = Series {
        name: format!("other ({} smallest)", out_idx.len()),
        points: xs
            .iter()
            .map(|x| {
                let y = out_idx.iter().fold(Exact::zero(), |a, i| {
                    let v = series
                        .get(*i)
                        .and_then(|s| s.points.iter().find(|p| &p.0 == x))
                        .map(|p| p.1.clone())
                        .unwrap_or_else(Exact::zero);
                    a.add(&v)
                });
                (x.clone(), y)
            })
            .collect(),
    };
    let mut out: Vec<Series> = series
        .into_iter()
        .enumerate()
        .filter(|(i, _)| kept.contains(i))
        .map(|(_, s)| s)
        .collect();
    out.push(other);
    out
}

/// A color per series: the palette in order, "other" gray.
fn colors_for(series: &[Series]) -> Vec<&'static str> {
    let mut next = 0usize;
    series
        .iter()
        .map(|s| {
            if s.name.starts_with("other (") {
                OTHER_COLOR
            } else {
                let c = PALETTE.get(next).copied().unwrap_or(OTHER_COLOR);
                next += 1;
                c
            }
        })
        .collect()
}

/// A line chart: nice ticks with gridlines, one polyline per series (the
/// smallest grouped as "other" past the palette), a legend, and numbered
/// dashed vertical markers with their table. `dates`: the x values are day
/// numbers ([`day_number`]) and the axis reads in calendar dates;
/// otherwise dollars.
pub fn line_chart(
    title: &str,
    y_name: &str,
    series: &[Series],
    markers: &[Marker],
    dates: bool,
) -> String {
    let colors = colors_for(series);
    let (xaxis, yaxis) = if dates {
        (XAxis::Dates, YAxis::Number)
    } else {
        (XAxis::Dollars, YAxis::Dollars)
    };
    render(
        title,
        y_name,
        Body::Lines(series),
        markers,
        xaxis,
        yaxis,
        &colors,
        None,
    )
    .0
}

trait Short {
    fn display_short(&self) -> String;
}

impl Short for Exact {
    /// An axis label that fits the margin: four places at most, and whole
    /// numbers grouped in thousands from 1,000 up (255,587,742 rather than
    /// 255587741.8638). Display only: the chart's geometry uses the exact
    /// values.
    fn display_short(&self) -> String {
        let big = self.abs() >= Exact::from_int(1000);
        let places = if big { 0 } else { 4 };
        match self.round_dp(places, Rounding::HalfUp) {
            Ok(d) if big => group_thousands(&d.normalize().to_string()),
            Ok(d) => d.normalize().to_string(),
            Err(_) => self.display(),
        }
    }
}

/// 1234567 → 1,234,567 (an optional leading minus is kept).
fn group_thousands(digits: &str) -> String {
    let (sign, body) = match digits.strip_prefix('-') {
        Some(b) => ("-", b),
        None => ("", digits),
    };
    let mut out = String::new();
    for (i, c) in body.chars().enumerate() {
        if i > 0 && (body.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    format!("{sign}{out}")
}

/// Ownership by class over time: each class's percent of the fully diluted
/// total at each date, stacked (the layers fill 0–100%), classes under 1%
/// at every date summed into "other".
pub fn ownership_chart(data: &[(Date, Vec<(String, Exact)>)]) -> String {
    // Stacked in the cap table's class order (common at the bottom), read
    // from the latest date back, so a class that has gone keeps its place
    // after those still there.
    let mut names: Vec<String> = Vec::new();
    for (_, row) in data.iter().rev() {
        for (k, _) in row {
            if !names.contains(k) {
                names.push(k.clone());
            }
        }
    }
    let hundred = Exact::from_int(100);
    let series: Vec<Series> = names
        .iter()
        .map(|n| Series {
            name: n.clone(),
            points: data
                .iter()
                .map(|(d, row)| {
                    let total = row.iter().fold(Exact::zero(), |a, (_, v)| a.add(v));
                    let mine = row
                        .iter()
                        .find(|(k, _)| k == n)
                        .map(|(_, v)| v.clone())
                        .unwrap_or_else(Exact::zero);
                    let pct = mine
                        .mul(&hundred)
                        .div(&total)
                        .unwrap_or_else(|_| Exact::zero());
                    (day_number(*d), pct)
                })
                .collect(),
        })
        .collect();
    let series = group_small(series, &hundred);
    let colors = colors_for(&series);
    // Before the first declaration there is nothing to stack: the plot says
    // so rather than drawing an empty frame.
    let empty = series.is_empty().then(|| match data.last() {
        Some((d, _)) => format!("nothing is declared on or before {d}"),
        None => "nothing to show: no dates".to_string(),
    });
    render(
        "Ownership by class (fully diluted, %)",
        "% fully diluted",
        Body::Stacked(&series),
        &[],
        XAxis::Dates,
        YAxis::Percent,
        &colors,
        empty.as_deref(),
    )
    .0
}

/// Payout against proceeds: one line per series (the smallest grouped as
/// "other"), breakpoints numbered above the plot and listed in a table
/// under it.
pub fn payout_chart(title: &str, series: &[Series], breakpoints: &[Marker]) -> String {
    let top = series
        .iter()
        .flat_map(|s| s.points.iter().map(|p| p.0.clone()))
        .max()
        .unwrap_or_else(Exact::zero);
    let series = group_small(series.to_vec(), &top);
    let colors = colors_for(&series);
    render(
        title,
        "payout ($)",
        Body::Lines(&series),
        breakpoints,
        XAxis::Dollars,
        YAxis::Dollars,
        &colors,
        None,
    )
    .0
}

/// A time series of (date, value).
pub fn time_series_chart(
    title: &str,
    y_name: &str,
    named: &[(String, Vec<(Date, Exact)>)],
) -> String {
    let series: Vec<Series> = named
        .iter()
        .map(|(n, pts)| Series {
            name: n.clone(),
            points: pts
                .iter()
                .map(|(d, v)| (day_number(*d), v.clone()))
                .collect(),
        })
        .collect();
    if series.len() < 2 {
        return line_chart(title, y_name, &series, &[], true);
    }
    // Figures of different kinds (an Accreted Value in the thousands, a
    // Conversion Ratio in the tens) on one axis flatten the smaller: one panel
    // each, stacked, same time axis, a color each.
    let mut panels = String::new();
    let mut y = 0i64;
    for (i, se) in series.iter().enumerate() {
        let color = PALETTE.get(i).copied().unwrap_or(OTHER_COLOR);
        let (svg, h) = render(
            &format!("{title}: {}", se.name),
            &se.name,
            Body::Lines(std::slice::from_ref(se)),
            &[],
            XAxis::Dates,
            YAxis::Number,
            &[color],
            None,
        );
        // The panel as a nested <svg> placed at its offset.
        let body = svg.replacen("<svg ", &format!("<svg class=\"panel\" y=\"{y}\" "), 1);
        panels.push_str(&body);
        y += h;
    }
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{W}\" height=\"{y}\" viewBox=\"0 0 {W} {y}\" font-family=\"sans-serif\" font-size=\"11\">\n{panels}</svg>\n"
    )
}

#[cfg(test)]
mod label_tests {
    use super::*;

    #[test]
    fn axis_labels_fit_the_margin() {
        // 255,587,741.8638 rounds half up to 255,587,742.
        let big = Exact::from_decimal(units::Decimal::new(2555877418638, 4));
        assert_eq!(big.display_short(), "255,587,742");
        // 60.58594 keeps four places: 60.5859.
        let pct = Exact::from_decimal(units::Decimal::new(6058594, 5));
        assert_eq!(pct.display_short(), "60.5859");
        assert_eq!(Exact::from_int(-1500).display_short(), "-1,500");
        // From a million up: 250,000,000 → 250M; 1,500,000,000 → 1.5B.
        assert_eq!(short_label(&Exact::from_int(250_000_000)), "250M");
        assert_eq!(short_label(&Exact::from_int(1_500_000_000)), "1.5B");
    }
}
