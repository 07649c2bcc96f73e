//! Identifiers declared in the journal.
//!
//! Ids are the short names a journal gives holders, securities and
//! instruments (`bain-1`, `common`, `series-b`). They are strings so that a
//! term file and a journal can name each other without a registry.

use serde::{Deserialize, Serialize};
use std::fmt;

macro_rules! id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub String);

        impl $name {
            pub fn new(s: impl Into<String>) -> Self {
                $name(s.into())
            }
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<&str> for $name {
            fn from(s: &str) -> Self {
                $name(s.to_string())
            }
        }
    };
}

id!(
    /// A holder of record: a person, fund, or the company itself (treasury).
    HolderId
);
id!(
    /// A class or series of stock, or any other security held in positions
    /// (`common`, `series-b`, `warrant-cisco-2002-05`).
    SecurityId
);
id!(
    /// An instrument: a security governed by a term file, or an agreement
    /// (a plan, a registration rights agreement).
    InstrumentId
);
