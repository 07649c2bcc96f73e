//! No input makes the engine panic: random directives — every keyword of
//! every kind, with arguments and metadata drawn from ids, numbers, dates and
//! junk — appended to the CTC example book, then loaded and replayed. Every
//! failure must be a diagnostic or a rejection.

use proptest::prelude::*;
use std::path::PathBuf;

fn examples() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/ctc")
}

fn keywords() -> Vec<&'static str> {
    let mut k = vec![
        "holder",
        "security",
        "instrument",
        "prices",
        "fair-value",
        "issue",
        "transfer",
        "cancel",
        "outstanding",
        "authorize",
        "bogus",
    ];
    k.extend_from_slice(actions::KEYWORDS);
    k.extend(engine::kinds::all_keywords());
    k
}

fn token() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("series-b".to_string()),
        Just("cisco-2002".to_string()),
        Just("plan-1998".to_string()),
        Just("rra".to_string()),
        Just("common".to_string()),
        Just("bain-vi".to_string()),
        Just("public".to_string()),
        Just("cisco-capital".to_string()),
        Just("all".to_string()),
        Just("iso".to_string()),
        Just("S-3".to_string()),
        (0u64..3_000_000).prop_map(|n| n.to_string()),
        (0u64..100_000, 0u32..10_000).prop_map(|(a, b)| format!("{a}.{b}")),
        Just("-5".to_string()),
        Just("0".to_string()),
        (2000i32..2012, 1u32..13, 1u32..29).prop_map(|(y, m, d)| format!("{y}-{m:02}-{d:02}")),
        "[a-z0-9.,:-]{1,8}",
    ]
}

fn meta() -> impl Strategy<Value = String> {
    let keys = prop_oneof![
        Just("price"),
        Just("cash"),
        Just("purpose"),
        Just("record-date"),
        Just("holder"),
        Just("exercise-price"),
        Just("expiry"),
        Just("kind"),
        Just("date"),
        Just("funds"),
        Just("form"),
        Just("period-end"),
        Just("reason"),
        Just("shares"),
        Just("status"),
        Just("per-share"),
        Just("property"),
        Just("survives"),
        Just("settle"),
        Just("vesting"),
    ];
    (keys, token()).prop_map(|(k, v)| format!("  {k}: {v}\n"))
}

fn directive(kws: Vec<&'static str>) -> impl Strategy<Value = String> {
    (
        (2000i32..2012, 1u32..13, 1u32..29),
        proptest::sample::select(kws),
        proptest::collection::vec(token(), 0..5),
        proptest::collection::vec(meta(), 0..4),
    )
        .prop_map(|((y, m, d), kw, args, metas)| {
            format!(
                "{y}-{m:02}-{d:02} {kw} {}\n{}",
                args.join(" "),
                metas.concat()
            )
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, .. ProptestConfig::default() })]
    #[test]
    fn random_directives_never_panic(lines in proptest::collection::vec(directive(keywords()), 1..12)) {
        let root = examples().join("book.journal");
        let mut text = std::fs::read_to_string(&root).unwrap();
        text.push('\n');
        for l in &lines {
            text.push_str(l);
            text.push('\n');
        }
        let r = engine::load(root.to_str().unwrap(), &text, &mut |p| std::fs::read_to_string(p).map_err(|e| e.to_string()));
        let end = calendar::Date::new(2011, 6, 30).unwrap();
        let _ = engine::replay(&r.book, end);
    }
}
