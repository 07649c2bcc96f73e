//! The convertible preferred stock instrument.

pub mod adjustment;
pub mod change_of_control;
