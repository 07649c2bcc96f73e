//! Book-wide settings, from `option` lines in the journal.
//!
//! Settings select between documented interpretations where a document is
//! silent or ambiguous (docs/interpretations.md names each one), so two
//! readers of the same book can compare numbers under either reading.

use journal::{Diagnostic, OptionDirective};
use terms::SecurityId;

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
    /// diluted number of common shares (CoD §8.10.2 "assuming the exercise
    /// or conversion ..."; docs/interpretations.md "Fully diluted base").
    pub fully_diluted_includes_out_of_the_money: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            company: String::from("(unnamed company)"),
            common: SecurityId::new("common"),
            business_days: BusinessDays::Banking,
            fully_diluted_includes_out_of_the_money: true,
        }
    }
}

pub const OPTIONS: &[&str] = &[
    "company",
    "common",
    "business-days",
    "fully-diluted-out-of-the-money",
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
