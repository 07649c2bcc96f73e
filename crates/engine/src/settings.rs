//! Book-wide settings, from `option` lines in the journal.
//!
//! Settings select between documented interpretations where a document is
//! silent or ambiguous (docs/interpretations.md names each one), so two
//! readers of the same book can compare numbers under either reading.

use journal::{Diagnostic, OptionDirective};
use terms::{FiscalYearEnd, SecurityId};

/// Which calendar "business day" means where a document does not say.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub enum BusinessDays {
    /// New York banking days (Federal Reserve holidays): the default.
    Banking,
    /// Exchange trading days.
    Exchange,
}

#[derive(Clone, Debug, serde::Serialize)]
pub struct Settings {
    /// The company's name, for reports.
    pub company: String,
    /// The security id of the company's common stock.
    pub common: SecurityId,
    pub business_days: BusinessDays,
    /// Whether out-of-the-money options and warrants count in the fully
    /// diluted number of common shares ("assuming the exercise or
    /// conversion ..."; docs/interpretations.md "Fully diluted base").
    pub fully_diluted_includes_out_of_the_money: bool,
    /// The last day of the Company's fiscal year (`option fiscal-year-end
    /// MM-DD`): one fact for every instrument that counts by fiscal year
    /// (a plan's per-person limits, registration rights' reporting
    /// covenants). No document states it, so there is no default:
    /// undeclared, those computations say so.
    pub fiscal_year_end: Option<FiscalYearEnd>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            company: String::from("(unnamed company)"),
            common: SecurityId::new("common"),
            business_days: BusinessDays::Banking,
            fully_diluted_includes_out_of_the_money: true,
            fiscal_year_end: None,
        }
    }
}

pub const OPTIONS: &[&str] = &[
    "company",
    "common",
    "business-days",
    "fully-diluted-out-of-the-money",
    "fiscal-year-end",
];

impl Settings {
    /// Reads every `option` line; unknown options and bad values are
    /// diagnostics.
    pub fn from_options(options: &[OptionDirective], diags: &mut Vec<Diagnostic>) -> Settings {
        let mut s = Settings::default();
        for o in options {
            let v = o.value.text.as_str();
            match o.key.text.as_str() {
                "company" => s.company = v.to_string(),
                "common" => s.common = SecurityId::new(v),
                "business-days" => match v {
                    "banking" => s.business_days = BusinessDays::Banking,
                    "exchange" => s.business_days = BusinessDays::Exchange,
                    _ => diags.push(Diagnostic::error(
                        "E0110",
                        Some(o.value.span),
                        format!("`{v}` is not `banking` or `exchange`"),
                    )),
                },
                "fully-diluted-out-of-the-money" => match v {
                    "include" => s.fully_diluted_includes_out_of_the_money = true,
                    "exclude" => s.fully_diluted_includes_out_of_the_money = false,
                    _ => diags.push(Diagnostic::error(
                        "E0110",
                        Some(o.value.span),
                        format!("`{v}` is not `include` or `exclude`"),
                    )),
                },
                "fiscal-year-end" => match FiscalYearEnd::parse(v) {
                    Ok(f) => {
                        // One fact, declared once: a second line that
                        // disagrees would leave the reader guessing which
                        // one the figures used.
                        if s.fiscal_year_end.is_some_and(|prev| prev != f) {
                            diags.push(Diagnostic::error(
                                "E0112",
                                Some(o.value.span),
                                format!(
                                    "the fiscal year end is already declared as {}; it is one company fact",
                                    s.fiscal_year_end.map_or_else(String::new, |p| p.to_string())
                                ),
                            ));
                        } else {
                            s.fiscal_year_end = Some(f);
                        }
                    }
                    Err(m) => diags.push(Diagnostic::error("E0110", Some(o.value.span), m)),
                },
                other => {
                    let mut d = Diagnostic::error(
                        "E0111",
                        Some(o.key.span),
                        format!("unknown option `{other}`"),
                    );
                    if let Some(x) = journal::suggest(other, OPTIONS.iter().copied()) {
                        d = d.with_help(format!("did you mean `{x}`?"));
                    }
                    diags.push(d);
                }
            }
        }
        s
    }
}
