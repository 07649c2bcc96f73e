//! From journal directives to [`CorporateAction`]s.
//!
//! The directive forms are specified in docs/journal.md ("Corporate
//! actions"). Every argument and metadata value is checked here, so an
//! instrument only ever sees a well-formed action.

use crate::*;
use journal::{Diagnostic, Directive};
use terms::fields::{DateArg, Reader};
use units::{Money, Price, Rate, Shares};

/// The keywords this module resolves.
pub const KEYWORDS: &[&str] = &[
    "issue-common",
    "issue-rights",
    "amend-rights",
    "expire-rights",
    "split",
    "combine",
    "stock-dividend",
    "reorganize",
    "repurchase-common",
    "distribute",
    "dissolve",
];

/// The `purpose:` metadata (default `financing`: an issuance no exclusion
/// covers). Shared with the instrument kinds whose own events issue
/// securities (a warrant's `issue-warrant`).
pub fn purpose(r: &mut Reader<'_>) -> Option<Purpose> {
    let names: Vec<&'static str> = Purpose::ALL.iter().map(|(n, _)| *n).collect();
    match r.meta_token("purpose") {
        None => Some(Purpose::Financing),
        Some(t) => {
            let n = r.choice_of(t, &names)?;
            Purpose::ALL.iter().find(|(k, _)| *k == n).map(|(_, p)| *p)
        }
    }
}

fn consideration(r: &mut Reader<'_>, shares: Option<Shares>) -> Option<Consideration> {
    let price: Option<Price> = r.meta_opt("price", "price per share");
    let cash: Option<Money> = r.meta_opt("cash", "amount of cash");
    let underwriting: Option<Money> = r.meta_opt("underwriting", "amount");
    let non_cash: Option<Money> = r.meta_opt("non-cash", "board fair value");
    let cash_gross = match (price, cash, shares) {
        (Some(_), Some(_), _) => {
            let span = r.span();
            r.error(
                Diagnostic::error(
                    "E0601",
                    Some(span),
                    "give either `price:` or `cash:`, not both",
                )
                .with_help("`price:` is per share; `cash:` is the total received"),
            );
            return None;
        }
        (Some(p), None, Some(s)) => p.times(s).ok()?,
        (None, Some(c), _) => c,
        _ => Money::ZERO,
    };
    Some(Consideration {
        cash_gross,
        underwriting: underwriting.unwrap_or(Money::ZERO),
        non_cash_fair_value: non_cash.unwrap_or(Money::ZERO),
    })
}

/// Resolves a corporate-action directive. `None` if the keyword is not one
/// of [`KEYWORDS`].
pub fn resolve(d: &Directive) -> Option<Result<CorporateAction, Vec<Diagnostic>>> {
    let kw = d.keyword.text.as_str();
    let action = match kw {
        "issue-common" => {
            let mut r = Reader::new(d, "issue-common <holder> <shares>  (price: | cash:, underwriting:, non-cash:, purpose:)");
            let holder = r.arg_holder(0);
            let shares: Option<Shares> = r.arg_parse(1, "number of shares");
            let c = consideration(&mut r, shares);
            let p = purpose(&mut r);
            r.finish().map(|_| CorporateAction::IssueCommon {
                shares: shares.unwrap_or_default(),
                consideration: c.unwrap_or_default(),
                purpose: p.unwrap_or(Purpose::Financing),
                holder: holder.unwrap_or_else(|| HolderId::new("?")),
            })
        }
        "issue-rights" => {
            let mut r = Reader::new(d, "issue-rights <security> <max-shares>  (exercise-price:, price: | cash:, expiry:, purpose:)");
            let security = r.arg_security(0);
            let max_shares: Option<Shares> = r.arg_parse(1, "maximum number of underlying shares");
            let exercise_price: Option<Price> =
                r.meta_required("exercise-price", "price per share");
            let c = consideration(&mut r, max_shares);
            let expiry: Option<DateArg> = r.meta_opt("expiry", "date");
            let p = purpose(&mut r);
            r.finish().map(|_| CorporateAction::IssueRights {
                rights: RightsIssue {
                    security: security.unwrap_or_else(|| SecurityId::new("?")),
                    max_shares: max_shares.unwrap_or_default(),
                    consideration: c.unwrap_or_default(),
                    exercise_price: exercise_price.unwrap_or_default(),
                    expiry: expiry.map(|e| e.0),
                },
                purpose: p.unwrap_or(Purpose::Financing),
            })
        }
        "amend-rights" => {
            let mut r = Reader::new(d, "amend-rights <security>  (exercise-price:, max-shares:)");
            let security = r.arg_security(0);
            let exercise_price = r.meta_opt("exercise-price", "price per share");
            let max_shares = r.meta_opt("max-shares", "number of shares");
            r.finish().map(|_| CorporateAction::AmendRights {
                security: security.unwrap_or_else(|| SecurityId::new("?")),
                exercise_price,
                max_shares,
            })
        }
        "expire-rights" => {
            let mut r = Reader::new(
                d,
                "expire-rights <security>  (exercised: <shares actually issued>)",
            );
            let security = r.arg_security(0);
            let exercised: Option<Shares> = r.meta_opt("exercised", "number of shares");
            r.finish().map(|_| CorporateAction::ExpireRights {
                security: security.unwrap_or_else(|| SecurityId::new("?")),
                exercised: exercised.unwrap_or(Shares::ZERO),
            })
        }
        "split" | "combine" | "stock-dividend" => {
            let mut r = Reader::new(
                d,
                "split|combine|stock-dividend <new shares> <old shares>  (record-date:)",
            );
            let n: Option<u64> = r.arg_parse(0, "whole number of new shares");
            let m: Option<u64> = r.arg_parse(1, "whole number of old shares");
            let record: Option<DateArg> = r.meta_opt("record-date", "date");
            if let (Some(n), Some(m)) = (n, m) {
                let bad = match kw {
                    "split" => n <= m,
                    "combine" => n >= m,
                    _ => n <= m,
                };
                if n == 0 || m == 0 || bad {
                    let span = r.span();
                    r.error(Diagnostic::error(
                        "E0602",
                        Some(span),
                        format!("`{kw} {n} {m}` does not describe a {kw}"),
                    ).with_help("a 2-for-1 split is `split 2 1`; a 1-for-5 combination is `combine 1 5`; a 10% stock dividend is `stock-dividend 11 10`"));
                }
            }
            let kind = match kw {
                "split" => SubdivisionKind::Split,
                "combine" => SubdivisionKind::Combination,
                _ => SubdivisionKind::StockDividend,
            };
            r.finish().map(|_| CorporateAction::Subdivision {
                kind,
                numerator: n.unwrap_or(1),
                denominator: m.unwrap_or(1),
                record_date: record.map(|r| r.0),
            })
        }
        "reorganize" => {
            let mut r = Reader::new(d, "reorganize merger|consolidation|reclassification|asset-sale  (survives:, property: <per-share> <security|cash> [\"description\"], prior-holders-voting:)");
            let kind = r.arg_token(0, "kind of reorganization").and_then(|t| {
                r.choice_of(
                    t,
                    &["merger", "consolidation", "reclassification", "asset-sale"],
                )
            });
            let survives = r.meta_bool("survives").unwrap_or(false);
            let prior: Option<Rate> = r.meta_opt("prior-holders-voting", "fraction, e.g. 0.45");
            let mut property = Vec::new();
            for t in r.meta_tokens("property") {
                let mut parts = t.text.splitn(3, ' ');
                let amount = parts.next().unwrap_or("");
                let security = parts.next().unwrap_or("");
                let description = parts.next().unwrap_or("").trim_matches('"').to_string();
                match (units::parse_decimal(amount), security.is_empty()) {
                    (Ok(a), false) => property.push(ReferenceProperty {
                        description,
                        security: security.to_string(),
                        per_share: a,
                    }),
                    _ => r.error(Diagnostic::error(
                        "E0603",
                        Some(t.span),
                        format!(
                            "`{}` is not `<amount per share> <security|cash> [\"description\"]`",
                            t.text
                        ),
                    )),
                }
            }
            r.finish().map(|_| CorporateAction::Reorganization {
                kind: match kind {
                    Some("merger") => ReorganizationKind::Merger,
                    Some("consolidation") => ReorganizationKind::Consolidation,
                    Some("asset-sale") => ReorganizationKind::AssetSale,
                    _ => ReorganizationKind::Reclassification,
                },
                company_survives: survives,
                reference_property: property,
                prior_holders_voting_percent: prior,
            })
        }
        "repurchase-common" => {
            let mut r = Reader::new(
                d,
                "repurchase-common <holder> <shares>  (price:, employee-plan:)",
            );
            let holder = r.arg_holder(0);
            let shares = r.arg_parse(1, "number of shares");
            let price = r.meta_required("price", "price per share");
            let employee_plan = r.meta_bool("employee-plan").unwrap_or(false);
            r.finish().map(|_| CorporateAction::Repurchase {
                shares: shares.unwrap_or_default(),
                price_per_share: price.unwrap_or_default(),
                holder: holder.unwrap_or_else(|| HolderId::new("?")),
                employee_plan,
            })
        }
        "distribute" => {
            let mut r = Reader::new(d, "distribute cash|assets|indebtedness|securities  (per-share:, record-date:, solely-in-common:)");
            let kind = r
                .arg_token(0, "kind of distribution")
                .and_then(|t| r.choice_of(t, &["cash", "assets", "indebtedness", "securities"]));
            let per_share: Option<Price> =
                r.meta_required("per-share", "fair value per common share");
            let record: Option<DateArg> = r.meta_opt("record-date", "date");
            let solely = r.meta_bool("solely-in-common").unwrap_or(false);
            r.finish().map(|_| CorporateAction::Distribution {
                kind: match kind {
                    Some("assets") => DistributionKind::Assets,
                    Some("indebtedness") => DistributionKind::Indebtedness,
                    Some("securities") => DistributionKind::Securities,
                    _ => DistributionKind::Cash,
                },
                per_share: per_share.unwrap_or_default(),
                record_date: record.map(|r| r.0).unwrap_or(d.date),
                solely_in_common: solely,
            })
        }
        "dissolve" => {
            let mut r = Reader::new(d, "dissolve  (amount-available:)");
            let amount = r.meta_opt("amount-available", "amount");
            r.finish().map(|_| CorporateAction::Dissolution {
                amount_available: amount,
            })
        }
        _ => return None,
    };
    Some(action)
}
