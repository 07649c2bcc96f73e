//! Properties over random sequences of plan events: the pool log and the
//! Awards agree, nothing goes negative, no per-person limit is exceeded, and
//! a rejected event changes nothing.

mod common;
use common::*;
use plan::award::{AwardKind, LimitCategory};
use proptest::prelude::*;
use units::Exact;

#[derive(Clone, Debug)]
enum Op {
    Grant {
        who: usize,
        kind: usize,
        shares: u32,
    },
    Exercise {
        award: usize,
        shares: u32,
        withhold: u32,
    },
    Forfeit {
        award: usize,
    },
    Settle {
        award: usize,
    },
    Terminate {
        who: usize,
        reason: usize,
    },
    Split,
    StockDividend,
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => (0..3usize, 0..4usize, 1..700_000u32).prop_map(|(who, kind, shares)| Op::Grant { who, kind, shares }),
        3 => (1..8usize, 1..20_000u32, 0..1000u32).prop_map(|(award, shares, withhold)| Op::Exercise { award, shares, withhold }),
        1 => (0..12usize).prop_map(|award| Op::Forfeit { award }),
        1 => (0..12usize).prop_map(|award| Op::Settle { award }),
        1 => (0..3usize, 0..3usize).prop_map(|(who, reason)| Op::Terminate { who, reason }),
        1 => Just(Op::Split),
        1 => Just(Op::StockDividend),
    ]
}

const WHO: [&str; 3] = ["alice", "bob", "erin"];
const KIND: [&str; 4] = ["nso", "sar", "restricted", "deferred"];

fn check(p: &plan::Plan, date: &str) {
    let s = pool(p, date);
    let zero = Exact::zero();
    assert!(
        s.outstanding >= zero && s.delivered >= zero && s.available >= zero,
        "{s:?}"
    );
    // The log's outstanding equals the Awards' own outstanding shares.
    let mut q = p.clone();
    let as_of = d(date);
    let from_awards = q
        .awards
        .values_mut()
        .filter(|a| a.is_active() && !a.kind.is_cash() && !a.kind.delivered_at_grant())
        .filter(|a| a.last_exercise_date().is_none_or(|l| l >= as_of))
        .fold(Exact::zero(), |acc, a| acc.add(&a.outstanding()));
    assert_eq!(s.outstanding, from_awards);
    // No per-person limit exceeded in any year.
    for h in WHO {
        for y in 2000..2010 {
            for c in [
                LimitCategory::Options,
                LimitCategory::Sars,
                LimitCategory::Other,
            ] {
                let used = p.limit_used(&terms::HolderId::new(h), y, c);
                assert!(&used <= p.limit_of(c).unwrap(), "{h} {y} {c:?}");
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn random_event_sequences_keep_the_books_consistent(ops in proptest::collection::vec(op(), 1..40)) {
        let mut p = plan_1998();
        let mut v = FakeView::new();
        for h in WHO {
            ok(&mut p, &mut v, &format!("2000-01-01 participant plan-1998 {h}\n  status: employee\n"));
        }
        let mut day = calendar::Date::new(2000, 1, 2).unwrap();
        let mut n = 0usize;
        for o in ops {
            day = day.checked_add(jiff::Span::new().days(29)).unwrap();
            let text = match o {
                Op::Grant { who, kind, shares } => {
                    n += 1;
                    let k = KIND[kind];
                    let extra = match k {
                        "nso" | "sar" => "  exercise-price: 1\n  vesting: periodic 2 x 6m\n  payment: cash hold-back\n  expiry: 2004-01-01\n".to_string(),
                        "restricted" => "  consideration: 0.01\n  vesting: cliff 12m\n".to_string(),
                        _ => "  vesting: cliff 6m\n".to_string(),
                    };
                    format!("{day} grant plan-1998 a{n} {} {k} {shares}\n{extra}", WHO[who])
                }
                Op::Exercise { award, shares, withhold } => format!(
                    "{day} exercise-award plan-1998 a{award} {shares}\n  cash: {}\n  withhold: {}\n  fmv: 2\n",
                    u64::from(shares) * 2, withhold.min(shares)
                ),
                Op::Forfeit { award } => format!("{day} forfeit-award plan-1998 a{award}\n"),
                Op::Settle { award } => format!("{day} settle-award plan-1998 a{award}\n  cash: 1\n  consent: yes\n"),
                Op::Terminate { who, reason } => format!(
                    "{day} terminate-service plan-1998 {}\n  reason: {}\n", WHO[who], ["death", "cause", "other"][reason]
                ),
                Op::Split => format!("{day} split 2 1\n"),
                Op::StockDividend => format!("{day} stock-dividend 3 2\n"),
            };
            let before = p.clone();
            let r = run(&mut p, &mut v, &text);
            if r.is_err() {
                prop_assert!(p == before, "rejected event changed the plan: {}", text);
            }
            check(&p, &day.to_string());
        }
        // Every Award of shares is accounted for: granted (adjusted) =
        // outstanding + exercised + returned.
        for a in p.awards.values().filter(|a| a.kind != AwardKind::CashPerformance) {
            prop_assert_eq!(a.total.clone(), a.outstanding().add(&a.exercised).add(&a.returned));
        }
    }
}
