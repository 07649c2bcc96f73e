//! captable
