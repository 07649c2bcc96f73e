//! Charts as hand-written, deterministic SVG.
//!
//! No float touches a figure: coordinates are computed exactly
//! (`units::Exact`) and rounded once to two decimal places of a pixel, so
//! the same book always draws the same bytes (snapshot-testable). Three
//! charts: ownership by class over time; payout by class or holder against
//! exit proceeds with the breakpoints marked (the payout is piecewise
//! linear, so a polyline through the breakpoints is the exact curve); and a
//! generic time series (the Series B's Accreted Value and Conversion Ratio).

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

const W: i64 = 800;
const H: i64 = 420;
const LEFT: i64 = 90;
const RIGHT: i64 = 180;
const TOP: i64 = 40;
const BOTTOM: i64 = 50;
const PALETTE: [&str; 10] = [
    "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
    "#bcbd22", "#17becf",
];

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

struct Frame {
    x0: Exact,
    x1: Exact,
    y0: Exact,
    y1: Exact,
}

impl Frame {
    fn of(series: &[Series], markers: &[Marker]) -> Frame {
        let xs = series
            .iter()
            .flat_map(|s| s.points.iter().map(|p| p.0.clone()))
            .chain(markers.iter().map(|m| m.x.clone()));
        let ys = series
            .iter()
            .flat_map(|s| s.points.iter().map(|p| p.1.clone()));
        let (mut x0, mut x1) = (None::<Exact>, None::<Exact>);
        for x in xs {
            x0 = Some(x0.map_or(x.clone(), |a| a.min(x.clone())));
            x1 = Some(x1.map_or(x.clone(), |a| a.max(x)));
        }
        let mut y1 = Exact::zero();
        let mut y0 = Exact::zero();
        for y in ys {
            y1 = y1.max(y.clone());
            y0 = y0.min(y);
        }
        let x0 = x0.unwrap_or_else(Exact::zero);
        let mut x1 = x1.unwrap_or_else(Exact::one);
        if x1 <= x0 {
            x1 = x0.add(&Exact::one());
        }
        if y1 <= y0 {
            y1 = y0.add(&Exact::one());
        }
        Frame { x0, x1, y0, y1 }
    }

    fn sx(&self, x: &Exact) -> Exact {
        let w = Exact::from_int(W - LEFT - RIGHT);
        let f = x
            .sub(&self.x0)
            .div(&self.x1.sub(&self.x0))
            .unwrap_or_else(|_| Exact::zero());
        Exact::from_int(LEFT).add(&f.mul(&w))
    }

    fn sy(&self, y: &Exact) -> Exact {
        let h = Exact::from_int(H - TOP - BOTTOM);
        let f = y
            .sub(&self.y0)
            .div(&self.y1.sub(&self.y0))
            .unwrap_or_else(|_| Exact::zero());
        Exact::from_int(H - BOTTOM).sub(&f.mul(&h))
    }
}

/// A line chart: axes with min/max labels, one polyline per series, a
/// legend, and dashed vertical markers. `x_label` formats an x value.
pub fn line_chart(
    title: &str,
    y_name: &str,
    series: &[Series],
    markers: &[Marker],
    x_label: &dyn Fn(&Exact) -> String,
) -> String {
    let f = Frame::of(series, markers);
    let mut s = String::new();
    let _ = writeln!(
        s,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{W}\" height=\"{H}\" viewBox=\"0 0 {W} {H}\" font-family=\"sans-serif\" font-size=\"11\">"
    );
    let _ = writeln!(s, "<rect width=\"{W}\" height=\"{H}\" fill=\"white\"/>");
    let _ = writeln!(
        s,
        "<text x=\"{}\" y=\"20\" font-size=\"14\">{}</text>",
        LEFT,
        esc(title)
    );
    let (bx, by) = (LEFT, H - BOTTOM);
    let _ = writeln!(
        s,
        "<path d=\"M{bx} {TOP} V{by} H{}\" stroke=\"black\" fill=\"none\"/>",
        W - RIGHT
    );
    let _ = writeln!(
        s,
        "<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>",
        LEFT - 4,
        TOP + 4,
        esc(&f.y1.display_short())
    );
    let _ = writeln!(
        s,
        "<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>",
        LEFT - 4,
        by,
        esc(&f.y0.display_short())
    );
    let _ = writeln!(
        s,
        "<text x=\"12\" y=\"{}\" transform=\"rotate(-90 12 {})\">{}</text>",
        H / 2,
        H / 2,
        esc(y_name)
    );
    let _ = writeln!(
        s,
        "<text x=\"{bx}\" y=\"{}\">{}</text>",
        by + 16,
        esc(&x_label(&f.x0))
    );
    let _ = writeln!(
        s,
        "<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>",
        W - RIGHT,
        by + 16,
        esc(&x_label(&f.x1))
    );
    for (i, m) in markers.iter().enumerate() {
        let x = px(&f.sx(&m.x));
        let _ = writeln!(
            s,
            "<line x1=\"{x}\" y1=\"{TOP}\" x2=\"{x}\" y2=\"{by}\" stroke=\"#999\" stroke-dasharray=\"4 3\"><title>{}</title></line>",
            esc(&m.label)
        );
        let _ = writeln!(
            s,
            "<text x=\"{x}\" y=\"{}\" font-size=\"9\" fill=\"#666\">B{}</text>",
            TOP - 4 + i64::try_from(i % 2).unwrap_or(0) * 10,
            i + 1
        );
    }
    for (i, se) in series.iter().enumerate() {
        let color = PALETTE[i % PALETTE.len()];
        let pts: Vec<String> = se
            .points
            .iter()
            .map(|(x, y)| format!("{},{}", px(&f.sx(x)), px(&f.sy(y))))
            .collect();
        let _ = writeln!(
            s,
            "<polyline points=\"{}\" fill=\"none\" stroke=\"{color}\" stroke-width=\"1.5\"><title>{}</title></polyline>",
            pts.join(" "),
            esc(&se.name)
        );
        let ly = TOP + 14 * i64::try_from(i).unwrap_or(0);
        let _ = writeln!(
            s,
            "<rect x=\"{}\" y=\"{}\" width=\"10\" height=\"3\" fill=\"{color}\"/><text x=\"{}\" y=\"{}\">{}</text>",
            W - RIGHT + 10,
            ly,
            W - RIGHT + 24,
            ly + 4,
            esc(&se.name)
        );
    }
    s.push_str("</svg>\n");
    s
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

/// Days since 1970-01-01, as the x coordinate of a date.
pub fn day_number(d: Date) -> Exact {
    let epoch = Date::constant(1970, 1, 1);
    Exact::from_int(i64::from(calendar::days_between(epoch, d)))
}

fn date_of_day(x: &Exact) -> String {
    let epoch = Date::constant(1970, 1, 1);
    let n = x
        .round_dp(0, Rounding::HalfUp)
        .ok()
        .and_then(|d| i64::try_from(d.mantissa()).ok())
        .unwrap_or(0);
    epoch
        .checked_add(jiff::Span::new().days(n))
        .map(|d| d.to_string())
        .unwrap_or_default()
}

/// Ownership by class over time: percent of the fully diluted total per
/// class at each date.
pub fn ownership_chart(data: &[(Date, Vec<(String, Exact)>)]) -> String {
    let mut names: Vec<String> = Vec::new();
    for (_, row) in data {
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
    line_chart(
        "Ownership by class (fully diluted, %)",
        "% fully diluted",
        &series,
        &[],
        &date_of_day,
    )
}

/// Payout against proceeds: one line per series, breakpoints marked.
pub fn payout_chart(title: &str, series: &[Series], breakpoints: &[Marker]) -> String {
    line_chart(title, "payout ($)", series, breakpoints, &|x: &Exact| {
        format!("${}", x.display_short())
    })
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
    line_chart(title, y_name, &series, &[], &date_of_day)
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
    }
}
