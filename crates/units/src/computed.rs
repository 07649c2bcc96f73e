//! [`Computed`]: a derived figure that can print its own computation.
//!
//! Every figure stockbook derives (an Accreted Value, a Conversion Ratio, an
//! adjusted Warrant Price) is a `Computed`: the value, the formula in words,
//! the named inputs, the rounding applied and the clause that governs it,
//! with the computations of its inputs nested as steps. `explain` prints it.

use serde::Serialize;
use std::fmt;

/// A citation: which document and which section, e.g. `CoD §4.2`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Clause {
    /// Short name of the document: `CoD`, `Warrant`, `Plan`, `RRA`, `Exhibit D`.
    pub document: String,
    /// The section as the document numbers it: `4.2`, `8.10.3(B)`, `6(vii)`.
    pub section: String,
}

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
        write!(f, "{} §{}", self.document, self.section)
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
        }
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
}
