//! The engine: from a parsed journal to the state of the book on any date.
//!
//! The pipeline is fixed: **parse** (crate `journal`) → **load** (this crate:
//! declarations, term files, price files, typed events) → **order** (date,
//! phase, file order) → **replay** (each event against the ledger and every
//! instrument's terms, plus the dates the terms schedule themselves) →
//! **state** (positions, instruments, computations, rejections).
//!
//! The engine is pure: files reach it as text through a caller-supplied
//! loader, and the as-of date is always an argument. It never writes the
//! journal.
//!
//! Three kinds of failure are kept apart: input errors are
//! [`journal::Diagnostic`]s from loading (all collected); events that break
//! the terms are [`terms::Rejection`]s recorded during replay (the event is
//! skipped, nothing else changes); bugs are assertions.

pub mod book;
pub mod kinds;
pub mod ledger;
pub mod registry;
pub mod replay;
pub mod settings;
pub mod synthetic;
pub mod view;

pub use book::{load, Book, Event, EventKind, LoadResult};
pub use kinds::{AnyEvent, AnyInstrument};
pub use ledger::Ledger;
pub use registry::{HolderInfo, Registry, SecurityClass, SecurityInfo};
pub use replay::{horizon, replay, RecordedRejection, State, HORIZON, PROJECTION_YEARS};
pub use settings::Settings;
