//! [`Computed`]: a derived figure that can print its own computation.
//!
//! Every figure stockbook derives (an Accreted Value, a Conversion Ratio, an
//! adjusted Warrant Price) is a `Computed`: the value, the formula in words,
//! the named inputs, the rounding applied and the clause that governs it,
//! with the computations of its inputs nested as steps. `explain` prints it.

use crate::Exact;
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt;

/// A citation: which document and which section. Both come from the data (a
/// term file's `document` and `[sections]`, see `terms::Citations`), or, for
/// the engine's own rules, a mechanism's name (`ledger`, `positions`).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Clause {
    /// Short name of the document, as its term file names it
    /// ("Certificate", "Warrant", "Plan").
    pub document: String,
    /// The section as the document numbers it (a dotted number, a letter or
    /// roman numeral in parentheses), as the term file writes it.
    pub section: String,
}

/// The section sign a citation prints between a document and its section.
/// Written as an escape so that the one place the sign is printed is here:
/// no other Rust source writes a section (a test scans for the sign).
pub const SECTION_SIGN: char = '\u{a7}';

impl Clause {
    pub fn new(document: impl Into<String>, section: impl Into<String>) -> Self {
        Clause {
            document: document.into(),
            section: section.into(),
        }
    }
}

impl fmt::Display for Clause {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {SECTION_SIGN}{}", self.document, self.section)
    }
}

/// A derived figure with its computation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Computed {
    /// What the figure is, in the document's words: "Accreted Value".
    pub name: String,
    /// The value as printed (exact where it terminates).
    pub value: String,
    /// The formula in words and symbols.
    pub formula: String,
    /// Named inputs with their printed values.
    pub inputs: Vec<(String, String)>,
    /// The rounding applied, if any, in the clause's words.
    pub rounding: Option<String>,
    /// The clauses that govern the figure.
    pub clauses: Vec<Clause>,
    /// The computations of inputs that are themselves derived.
    pub steps: Vec<Computed>,
    /// The value as a fraction when its decimal expansion does not
    /// terminate (`value` then ends with `…`): the JSON keeps it exact.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exact: Option<String>,
    /// The same for inputs: input name → fraction, for each input whose
    /// printed value ends with `…`.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub inputs_exact: BTreeMap<String, String>,
}

impl Computed {
    pub fn new(
        name: impl Into<String>,
        value: impl fmt::Display,
        formula: impl Into<String>,
    ) -> Self {
        Computed {
            name: name.into(),
            value: value.to_string(),
            formula: formula.into(),
            inputs: Vec::new(),
            rounding: None,
            clauses: Vec::new(),
            steps: Vec::new(),
            exact: None,
            inputs_exact: BTreeMap::new(),
        }
    }

    /// A figure whose value is an [`Exact`]: printed as its display and,
    /// when that does not terminate, kept as a fraction in `exact`.
    pub fn of_exact(name: impl Into<String>, value: &Exact, formula: impl Into<String>) -> Self {
        let mut c = Computed::new(name, value, formula);
        c.exact = value.exact_form();
        c
    }

    /// An input that is an [`Exact`]: printed as its display and, when that
    /// does not terminate, kept as a fraction in `inputs_exact`.
    pub fn input_exact(mut self, name: impl Into<String>, value: &Exact) -> Self {
        let name = name.into();
        if let Some(f) = value.exact_form() {
            self.inputs_exact.insert(name.clone(), f);
        }
        self.inputs.push((name, value.display()));
        self
    }

    pub fn input(mut self, name: impl Into<String>, value: impl fmt::Display) -> Self {
        self.inputs.push((name.into(), value.to_string()));
        self
    }

    pub fn cite(mut self, clause: Clause) -> Self {
        self.clauses.push(clause);
        self
    }

    pub fn rounded(mut self, how: impl Into<String>) -> Self {
        self.rounding = Some(how.into());
        self
    }

    pub fn step(mut self, step: Computed) -> Self {
        self.steps.push(step);
        self
    }

    /// Prints the computation as an indented schedule.
    pub fn render(&self) -> String {
        let mut out = String::new();
        self.render_into(&mut out, 0);
        out
    }

    fn render_into(&self, out: &mut String, depth: usize) {
        use std::fmt::Write as _;
        let pad = "  ".repeat(depth);
        let cites: Vec<String> = self.clauses.iter().map(|c| c.to_string()).collect();
        let cite = if cites.is_empty() {
            String::new()
        } else {
            format!("  [{}]", cites.join(", "))
        };
        let _ = writeln!(out, "{pad}{} = {}{cite}", self.name, self.value);
        let _ = writeln!(out, "{pad}  formula: {}", self.formula);
        for (k, v) in &self.inputs {
            let _ = writeln!(out, "{pad}  {k} = {v}");
        }
        if let Some(r) = &self.rounding {
            let _ = writeln!(out, "{pad}  rounding: {r}");
        }
        for s in &self.steps {
            s.render_into(out, depth + 1);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_formula_inputs_and_clause() {
        let c = Computed::new(
            "Conversion Ratio",
            "20.3713",
            "Liquidation Preference / $50.00",
        )
        .input("Liquidation Preference", "1018.5625")
        .rounded("none")
        .cite(Clause::new("CoD", "8.1"));
        let r = c.render();
        assert!(
            r.starts_with("Conversion Ratio = 20.3713  [CoD §8.1]"),
            "{r}"
        );
        assert!(r.contains("Liquidation Preference = 1018.5625"));
    }

    #[test]
    fn non_terminating_value_and_inputs_keep_their_fraction() {
        // 1000 / 3 = 333.333333333333… does not terminate; 1000 / 8 = 125.
        let third = Exact::ratio(1000, 3).unwrap();
        let eighth = Exact::ratio(1000, 8).unwrap();
        let c = Computed::of_exact("q", &third, "1000 / 3")
            .input_exact("a third", &third)
            .input_exact("an eighth", &eighth);
        let j = serde_json::to_value(&c).unwrap();
        assert_eq!(j["value"], "333.333333333333…");
        assert_eq!(j["exact"], "1000/3");
        assert_eq!(j["inputs_exact"], serde_json::json!({"a third": "1000/3"}));
        let t = Computed::of_exact("e", &eighth, "1000 / 8");
        let j = serde_json::to_value(&t).unwrap();
        assert_eq!(j["value"], "125");
        assert!(j.get("exact").is_none() && j.get("inputs_exact").is_none());
    }
}
