//! One module per group of commands. Each command returns its exit code.

pub mod core;
pub mod plan;
pub mod preferred;
pub mod rights;
pub mod views;
pub mod warrant;
