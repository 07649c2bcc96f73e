//! Each chart rendered and read back: round ticks with gridlines, dates on
//! time axes, a color per series (the smallest grouped as "other"),
//! ownership stacked to 100%, breakpoint numbers that never overlap with
//! their table, and nothing drawn before it is declared.

use calendar::Date;
use units::Exact;
use views::chart::{self, Marker, Series};

/// Every element of the SVG whose opening tag has `class="<class>"`, as
/// the text of that opening tag.
fn tags<'a>(svg: &'a str, class: &str) -> Vec<&'a str> {
    let needle = format!("class=\"{class}\"");
    svg.match_indices(&needle)
        .filter_map(|(i, _)| {
            let start = svg[..i].rfind('<')?;
            let end = i + svg[i..].find('>')?;
            Some(&svg[start..=end])
        })
        .collect()
}

fn attr<'a>(tag: &'a str, name: &str) -> &'a str {
    let key = format!(" {name}=\"");
    let i = tag.find(&key).unwrap_or_else(|| panic!("{name} in {tag}")) + key.len();
    let j = tag[i..].find('"').unwrap() + i;
    &tag[i..j]
}

/// The text after each opening tag of `class`, up to the next `<`.
fn texts<'a>(svg: &'a str, class: &str) -> Vec<&'a str> {
    let needle = format!("class=\"{class}\"");
    svg.match_indices(&needle)
        .map(|(i, _)| {
            let a = i + svg[i..].find('>').unwrap() + 1;
            let b = a + svg[a..].find('<').unwrap();
            &svg[a..b]
        })
        .collect()
}

fn num(s: &str) -> f64 {
    s.parse().unwrap_or_else(|_| panic!("number: {s}"))
}

fn ex(s: &str) -> Exact {
    Exact::from_decimal(units::parse_decimal(s).unwrap())
}

/// A "nice" step: 1, 2 or 5 × 10^k.
fn is_nice(step: &Exact) -> bool {
    let mut m = step.clone();
    let ten = Exact::from_int(10);
    for _ in 0..40 {
        if m >= ten {
            m = m.div(&ten).unwrap();
        } else if m < Exact::one() {
            m = m.mul(&ten);
        } else {
            break;
        }
    }
    [1, 2, 5].iter().any(|k| m == Exact::from_int(*k))
}

fn assert_round_ticks(values: &[Exact]) {
    assert!(values.len() >= 3, "{values:?}");
    let step = values[1].sub(&values[0]);
    assert!(is_nice(&step), "step {step:?}");
    for w in values.windows(2) {
        assert_eq!(w[1].sub(&w[0]), step, "even steps: {values:?}");
    }
    for v in values {
        assert!(v.div(&step).unwrap().is_integer(), "{v:?} on the step");
    }
}

fn ytick_values(svg: &str) -> Vec<Exact> {
    tags(svg, "ytick")
        .iter()
        .map(|t| ex(attr(t, "data-value")))
        .collect()
}

#[test]
fn nice_steps_are_one_two_or_five_times_a_power_of_ten() {
    // 0..50 in about 5 steps: 50 / 5 = 10 → 10.
    assert_eq!(
        chart::nice_step(&Exact::from_int(50), 5),
        Exact::from_int(10)
    );
    // 60.5859 / 5 = 12.11718 → 20 (1 × 10 is short of it, 2 × 10 is not).
    assert_eq!(chart::nice_step(&ex("60.5859"), 5), Exact::from_int(20));
    // 0.7 / 5 = 0.14 → 0.2.
    assert_eq!(chart::nice_step(&ex("0.7"), 5), ex("0.2"));
    // 2,190,224,866.03 × 1.5 = 3,285,337,299.045 / 6 = 547,556,216.5…
    // → 1,000,000,000 (5 × 10^8 is short of it).
    assert_eq!(
        chart::nice_step(&ex("3285337299.045"), 6),
        Exact::from_int(1_000_000_000)
    );
    // The axis widens to whole steps: 3.7..61 by 20 → 0..80.
    let (lo, hi, ticks) = chart::nice_ticks(&ex("3.7"), &ex("61"), 5);
    assert_eq!((lo, hi), (Exact::zero(), Exact::from_int(80)));
    assert_eq!(ticks.len(), 5); // 0, 20, 40, 60, 80
}

#[test]
fn dates_label_the_time_axis() {
    let day = |y, m, d| chart::day_number(Date::constant(y, m, d));
    // 2000-01-15 .. 2002-06-30: monthly would be 29 ticks, quarterly 9
    // (2000-04 .. 2002-04), half-yearly 4: 2000-07, 2001-01, 2001-07, 2002-01.
    let t = chart::date_ticks(&day(2000, 1, 15), &day(2002, 6, 30));
    let labels: Vec<&str> = t.iter().map(|(_, l)| l.as_str()).collect();
    assert_eq!(labels, ["2000-07", "2001-01", "2001-07", "2002-01"]);
    assert_eq!(t[0].0, day(2000, 7, 1));
    // 1990..2002: yearly would be 12, every 2 years 6: even years from 1992.
    let t = chart::date_ticks(&day(1990, 3, 1), &day(2002, 5, 10));
    let labels: Vec<&str> = t.iter().map(|(_, l)| l.as_str()).collect();
    assert_eq!(labels, ["1992", "1994", "1996", "1998", "2000", "2002"]);
}

#[test]
fn payout_chart_has_round_ticks_and_breakpoints_that_never_overlap() {
    let s = Series {
        name: "common".into(),
        points: vec![
            (Exact::zero(), Exact::zero()),
            (Exact::from_int(100), Exact::from_int(50)),
        ],
    };
    // Three breakpoints 1 apart: 5.3 px apart on a 530 px axis of 100.
    let markers: Vec<Marker> = [40, 41, 42]
        .iter()
        .map(|x| Marker {
            x: Exact::from_int(*x),
            label: format!("event at {x}"),
        })
        .collect();
    let svg = chart::payout_chart("Payout", &[s], &markers);
    // y: 0..50 by 10 (50 / 5 = 10), each with a gridline.
    let ys = ytick_values(&svg);
    assert_round_ticks(&ys);
    assert_eq!(
        ys,
        (0..=5).map(|k| Exact::from_int(10 * k)).collect::<Vec<_>>()
    );
    assert_eq!(
        texts(&svg, "ytick"),
        ["$0", "$10", "$20", "$30", "$40", "$50"]
    );
    // x: 0..100 in about 6 steps: 100 / 6 = 16.7 → 20.
    assert_eq!(
        texts(&svg, "xtick"),
        ["$0", "$20", "$40", "$60", "$80", "$100"]
    );
    assert!(tags(&svg, "grid").len() >= 12, "{svg}");
    // Breakpoint numbers: x = 90 + 40/100 × 530 = 302, 307.3, 312.6; each
    // label 13 px wide ("n": 7 + 6), so each goes up a row: 3 rows.
    let bps = tags(&svg, "bp");
    assert_eq!(bps.len(), 3);
    let boxes: Vec<(f64, f64, f64)> = bps
        .iter()
        .map(|t| {
            (
                num(attr(t, "x")),
                num(attr(t, "y")),
                num(attr(t, "data-width")),
            )
        })
        .collect();
    assert_eq!(boxes[0].0, 302.0);
    for (i, a) in boxes.iter().enumerate() {
        for b in &boxes[i + 1..] {
            let apart = (a.0 - b.0).abs() >= (a.2 + b.2) / 2.0;
            assert!(a.1 != b.1 || apart, "overlap: {a:?} {b:?}");
        }
    }
    // The plot's top: title 34 + 3 rows × 14 + 8 = 84; bottom 84 + 330 =
    // 414; the line from (0, 0) to (100, 50) spans the plot.
    assert!(
        svg.contains("<polyline class=\"line\" points=\"90,414 620,84\""),
        "{svg}"
    );
    // The table: one numbered row per breakpoint, with its full label.
    assert_eq!(texts(&svg, "bp-row"), ["1", "2", "3"]);
    assert!(svg.contains(">event at 41<"), "{svg}");
    // Deterministic bytes.
    assert_eq!(
        svg,
        chart::payout_chart("Payout", &[series_again()], &markers)
    );
}

fn series_again() -> Series {
    Series {
        name: "common".into(),
        points: vec![
            (Exact::zero(), Exact::zero()),
            (Exact::from_int(100), Exact::from_int(50)),
        ],
    }
}

#[test]
fn ownership_is_stacked_with_a_color_per_class() {
    // 12 classes on two dates: a 50, b 20, c 10 and nine of 20/9 each
    // (2.2%): more than the palette's nine colors plus "other", so the
    // three smallest peaks (ties: the later classes j, k, l) are "other".
    let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l"];
    let row: Vec<(String, Exact)> = names
        .iter()
        .map(|n| {
            let v = match *n {
                "a" => Exact::from_int(50),
                "b" => Exact::from_int(20),
                "c" => Exact::from_int(10),
                _ => Exact::ratio(20, 9).unwrap(),
            };
            (n.to_string(), v)
        })
        .collect();
    let data = vec![
        (Date::constant(2000, 1, 15), row.clone()),
        (Date::constant(2002, 6, 30), row),
    ];
    let svg = chart::ownership_chart(&data);
    let layers = tags(&svg, "layer");
    assert_eq!(layers.len(), 10, "{svg}");
    let mut fills: Vec<&str> = layers.iter().map(|t| attr(t, "fill")).collect();
    fills.sort();
    fills.dedup();
    assert_eq!(fills.len(), 10, "no color twice: {fills:?}");
    assert!(svg.contains("other (3 smallest)"), "{svg}");
    // Stacked: the last layer's top is 100% (y = the plot's top, 34 + 8 =
    // 42) at both dates (x = 90 and 90 + 530 = 620).
    let last = attr(layers[9], "points");
    assert!(last.starts_with("90,42 620,42 620,42"), "{last}");
    // y: 0–100% by 20; x: half-yearly dates.
    let ys = ytick_values(&svg);
    assert_round_ticks(&ys);
    assert_eq!(
        texts(&svg, "ytick"),
        ["0%", "20%", "40%", "60%", "80%", "100%"]
    );
    assert_eq!(
        texts(&svg, "xtick"),
        ["2000-07", "2001-01", "2001-07", "2002-01"]
    );
}

fn example_book() -> engine::Book {
    let root = format!(
        "{}/../../examples/ctc/book.journal",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&root).unwrap();
    let r = engine::load(&root, &text, &mut |p| {
        std::fs::read_to_string(p).map_err(|e| e.to_string())
    });
    assert!(!r.has_errors(), "{:?}", r.diagnostics);
    r.book
}

#[test]
fn ownership_over_time_adds_up_and_starts_at_each_declaration() {
    let book = example_book();
    let d = |y, m, dd| Date::constant(y, m, dd);
    let dates = [
        d(2000, 1, 1),
        d(2002, 4, 29),
        d(2002, 4, 30),
        d(2002, 5, 10),
    ];
    let settings = views::captable::CapTableSettings::default();
    let data = views::adapter::ownership_series(&book, &dates, &settings);
    let ids = |k: usize| -> Vec<&str> { data[k].1.iter().map(|(n, _)| n.as_str()).collect() };
    // 2000-01-01: only the 1998 plan (declared 1999-09-16) and its pool of
    // 2,250,000 (Amendment No. 1); the two option plans are declared
    // 2002-04-30, so they are in neither 2000 nor 2002-04-29.
    assert_eq!(
        data[0].1,
        [(
            "plan-1998 (available)".to_string(),
            Exact::from_int(2_250_000)
        )]
    );
    assert!(!ids(1).contains(&"nqso-plan"), "{:?}", ids(1));
    assert!(ids(2).contains(&"nqso-plan"), "{:?}", ids(2));
    // 2002-05-10: the rows add up to the cap table's fully diluted total
    // (each pool counted once, in its own row): 27,206,681 common
    // + 200,000 Series B × 24.011362748725… = 4,802,272.5497…
    // + warrants 1,607,556.4 (272,067 + 544,732.2 + 284,802.5 + 45,246.8
    //   + 83,790 + 104,393.4 + 272,524.5)
    // + options 8,521,604 (4,111,474 + 4,410,130)
    // + pools 6,910,856 (2,250,000 + 815,365 + 3,845,491)
    // = 49,048,969.9497…
    let state = engine::replay(&book, d(2002, 5, 10));
    let t = views::captable::CapTable::compute(&views::adapter::snapshot(&book, &state), &settings)
        .unwrap();
    let sum = data[3].1.iter().fold(Exact::zero(), |a, (_, v)| a.add(v));
    assert_eq!(sum, t.fully_diluted_total);
    assert!(t.fully_diluted_total.display().starts_with("49048969.9497"));
    assert!(!ids(3).contains(&"pools"), "{:?}", ids(3));
    // Nor does the chart: no layer named "pools" beside the pools' rows.
    let svg = chart::ownership_chart(&data);
    assert!(!svg.contains(">pools<"), "{svg}");
}

#[test]
fn a_time_series_reads_in_round_values_and_dates() {
    // The Accreted Value from $1,000 to $1,174.61 over two years: read by
    // its movement, the axis spans the data: 174.61 / 5 = 34.9, past 10 and
    // 20, so the step is 50, from 1,000 (20 × 50) to 1,200 (⌈23.49⌉ × 50).
    let av = (
        "series-b accreted_value".to_string(),
        vec![
            (Date::constant(2000, 3, 22), Exact::from_int(1000)),
            (Date::constant(2002, 5, 10), ex("1174.61")),
        ],
    );
    let svg = chart::time_series_chart(
        "series-b over time",
        "accreted_value",
        std::slice::from_ref(&av),
    );
    let ys = ytick_values(&svg);
    assert_round_ticks(&ys);
    assert_eq!(
        texts(&svg, "ytick"),
        ["1,000", "1,050", "1,100", "1,150", "1,200"]
    );
    // 2000-03-22 .. 2002-05-10: quarterly would be 9 ticks, half-yearly 4.
    assert_eq!(
        texts(&svg, "xtick"),
        ["2000-07", "2001-01", "2001-07", "2002-01"]
    );
    // With the Conversion Ratio (20 → 23.4922 = 1,174.61 / 50): a panel
    // each, so neither flattens the other. Ratio: 3.4922 / 5 = 0.698, past
    // 0.1, 0.2 and 0.5, so the step is 1, from 20 to 24.
    let ratio = (
        "series-b conversion_ratio".to_string(),
        vec![
            (Date::constant(2000, 3, 22), Exact::from_int(20)),
            (Date::constant(2002, 5, 10), ex("23.4922")),
        ],
    );
    let svg = chart::time_series_chart("series-b over time", "fields", &[av, ratio]);
    assert_eq!(tags(&svg, "panel").len(), 2, "{svg}");
    assert_eq!(
        texts(&svg, "ytick"),
        ["1,000", "1,050", "1,100", "1,150", "1,200", "20", "21", "22", "23", "24"]
    );
    let strokes: Vec<&str> = tags(&svg, "line")
        .iter()
        .map(|t| attr(t, "stroke"))
        .collect();
    assert_eq!(strokes.len(), 2);
    assert_ne!(strokes[0], strokes[1]);
}

#[test]
fn ownership_before_any_declaration_says_so() {
    // One date, nothing declared: no layer, no 1970 x axis, a note.
    let data = vec![(Date::constant(1800, 1, 1), Vec::new())];
    let svg = chart::ownership_chart(&data);
    assert!(tags(&svg, "layer").is_empty(), "{svg}");
    assert!(tags(&svg, "xtick").is_empty(), "{svg}");
    assert_eq!(
        texts(&svg, "note"),
        ["nothing is declared on or before 1800-01-01"]
    );
}
