//! Citations as data: a term file names its document and maps each clause
//! the mechanisms cite to that document's own section number.
//!
//! The Rust code knows mechanisms ("the weighted-average adjustment", "the
//! automatic conversion"), not any one company's section numbers. Each
//! mechanism cites a *clause key* (`"anti-dilution.weighted-average"`); the
//! term file's `[sections]` table says where that clause sits in its
//! document (`"anti-dilution.weighted-average" = "4.4.4"`), and `document`
//! names the document (`"Restated Certificate"`), so the citation prints as
//! the document's name, the section sign and "4.4.4".
//!
//! A kind lists the keys it may cite ([`Citations::check`] refuses a key it
//! does not know, so a misspelt key is never ignored) and the keys its
//! selected clauses need ([`Citations::require`] refuses a term file that
//! leaves one unmapped: a citation is never silently invented).

use crate::FieldError;
use serde::Deserialize;
use std::collections::BTreeMap;
use units::Clause;

/// The `[sections]` table of a term file: clause key → section.
#[derive(Clone, Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(transparent)]
pub struct Sections(pub BTreeMap<String, String>);

/// A document's name and where its clauses are.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Citations {
    /// The short name citations use ("Certificate", "Warrant", "Plan").
    pub document: String,
    pub sections: Sections,
}

impl Citations {
    pub fn new(document: impl Into<String>, sections: Sections) -> Self {
        Citations {
            document: document.into(),
            sections,
        }
    }

    /// The citation of clause `key`. A key the term file does not map cites
    /// the key itself in brackets (section "[price-window]"), which
    /// [`Citations::require`] prevents for every key a selected clause uses.
    pub fn cite(&self, key: &str) -> Clause {
        match self.sections.0.get(key) {
            Some(section) => Clause::new(self.document.clone(), section.clone()),
            None => Clause::new(self.document.clone(), format!("[{key}]")),
        }
    }

    /// The section of `key` as written ("4.4.4"), or the bracketed key.
    pub fn section(&self, key: &str) -> String {
        self.cite(key).section
    }

    /// Refuses a `[sections]` key that is not in `known` (a misspelling).
    pub fn check(&self, known: &[&str]) -> Result<(), FieldError> {
        for key in self.sections.0.keys() {
            if !known.contains(&key.as_str()) {
                let mut near: Vec<&str> = known
                    .iter()
                    .copied()
                    .filter(|k| k.split('.').next() == key.split('.').next())
                    .collect();
                near.truncate(6);
                let hint = if near.is_empty() {
                    String::new()
                } else {
                    format!(" (keys of this part: {})", near.join(", "))
                };
                return Err(FieldError::new(
                    format!("sections.{key}"),
                    format!("is not a clause this kind of instrument cites{hint}"),
                ));
            }
        }
        Ok(())
    }

    /// Refuses a term file that leaves any of `keys` unmapped: each is a
    /// clause the term file's own selections make the engine cite.
    pub fn require(&self, keys: &[&str]) -> Result<(), FieldError> {
        if self.document.trim().is_empty() {
            return Err(FieldError::new(
                "document",
                "must name the document the citations refer to",
            ));
        }
        for key in keys {
            if !self.sections.0.contains_key(*key) {
                return Err(FieldError::new(
                    "sections",
                    format!("must map the clause `{key}` to its section of the document (e.g. `\"{key}\" = \"4.1\"`)"),
                ));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn citations() -> Citations {
        let mut m = BTreeMap::new();
        m.insert("conversion.ratio".to_string(), "4.1".to_string());
        Citations::new("Certificate", Sections(m))
    }

    #[test]
    fn a_mapped_key_cites_its_section() {
        assert_eq!(
            citations().cite("conversion.ratio").to_string(),
            "Certificate §4.1"
        );
    }

    #[test]
    fn an_unmapped_key_is_visible_in_the_citation() {
        assert_eq!(
            citations().cite("votes").to_string(),
            "Certificate §[votes]"
        );
    }

    #[test]
    fn unknown_and_missing_keys_are_refused_by_name() {
        let c = citations();
        assert!(c.check(&["conversion.ratio"]).is_ok());
        let e = c.check(&["conversion.automatic"]).unwrap_err();
        assert_eq!(e.field, "sections.conversion.ratio");
        assert!(c.require(&["conversion.ratio"]).is_ok());
        let e = c.require(&["votes"]).unwrap_err();
        assert!(e.message.contains("`votes`"), "{}", e.message);
    }
}
