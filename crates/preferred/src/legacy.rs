//! Citation helpers for the modules that still cite their document's
//! sections directly (the dividend, liquidation, redemption and
//! change-of-control modules, until they cite clause keys through the term
//! file like the rest). To be deleted when no module uses them.

use terms::Rejection;
use units::Clause;

const DOCUMENT: &str = "CoD";

pub(crate) fn arith(clause: &str, e: units::UnitsError) -> Rejection {
    Rejection::new("R0249", cod(clause), format!("arithmetic: {e}"))
}

pub(crate) fn cod(section: &str) -> Clause {
    Clause::new(DOCUMENT, section)
}

/// The Current Market Value step, named and cited as its definition.
pub(crate) fn current_market_value_step(mut c: units::Computed) -> units::Computed {
    c.name = "Current Market Value".into();
    c.clauses = vec![cod("2 \"Current Market Value\"")];
    c
}

/// The citations of the fractions clause and the Market Price definition as
/// the legacy callers cite them.
pub(crate) fn citations() -> terms::Citations {
    let mut m = std::collections::BTreeMap::new();
    m.insert("conversion.fractions".to_string(), "8.9".to_string());
    m.insert("market-price".to_string(), "2 \"Market Price\"".to_string());
    m.insert(
        "market-price.last-trade".to_string(),
        "2 \"Market Price\" (i)".to_string(),
    );
    terms::Citations::new(DOCUMENT, terms::Sections(m))
}
