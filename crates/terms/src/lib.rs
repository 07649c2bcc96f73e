//! The contract shared by every kind of instrument.
//!
//! Each kind of legal document (convertible preferred, warrant, equity plan,
//! registration rights) lives in its own crate with its term-file schema and
//! its pure state transitions. They all speak through this crate:
//!
//! * [`Rejection`]: an event that breaks the terms, with the clause it breaks;
//! * [`load_terms`]: a TOML term file into a typed struct, with diagnostics;
//! * [`Citations`]: a term file's document name and clause → section map,
//!   so every citation comes from the term file, never from the code;
//! * [`fields`]: typed readers for a journal directive's arguments and
//!   metadata, each failure a diagnostic at the token;
//! * [`BookView`]: what an instrument may read of the rest of the book
//!   (positions, outstanding shares, prices) without owning it;
//! * [`Effect`]: what an instrument asks the ledger to do (issue, cancel,
//!   pay cash), so the ledger stays the one owner of positions.
//!
//! This crate knows no text syntax beyond reading tokens, and no clock.

pub mod citation;
pub mod company;
pub mod fields;
pub mod ids;
pub mod rejection;
pub mod toml_load;
pub mod view;

pub use citation::{Citations, Sections};
pub use company::FiscalYearEnd;
pub use ids::{HolderId, InstrumentId, SecurityId};
pub use rejection::Rejection;
pub use toml_load::{load_terms, FieldError};
pub use view::{
    BookView, DilutedParts, Effect, MarketGap, MarketResult, Outcome, SeriesClaim, Warning,
};

pub use calendar::Date;
