//! A preferred stock series, its terms read from a term file.
//!
//! The series may accrete dividends into an Accreted Value, pay them in
//! cash, convert into common (by the original issue price over a Conversion
//! Price, or by its Liquidation Preference over a divisor), adjust for
//! dilution (a weighted average, a full ratchet, or a market-price ratio),
//! vote as converted, rank on liquidation, and be redeemed or converted on
//! the conditions its term file states. Every number and every clause
//! number comes from the term file ([`terms::Terms`]); every event is checked
//! against the clauses and refused with a `Rejection` (codes R0200–R0249)
//! naming the one it breaks.
//!
//! Modules follow the mechanisms: [`issuance`] (issue and closings),
//! [`accretion`] (the PIK schedule), [`parity`] (ranking among classes),
//! [`dividends`] (cash dividends and participation), [`conversion`]
//! (conversion at the holder's option, automatic conversion, fractions,
//! reserve), [`forced_conversion`] (the company's right to convert),
//! [`redemption`], [`liquidation`], [`votes`] (votes, waivers, status),
//! [`adjustment`] (anti-dilution) and [`change_of_control`] with
//! [`control_window`] (the holder's put).

pub mod accretion;
pub mod adjustment;
pub mod cash_dividends;
pub mod change_of_control;
pub mod consents;
pub mod control_window;
pub mod conversion;
pub mod dividends;
pub mod forced_conversion;
pub mod issuance;
pub mod liquidation;
pub mod liquidation_terms;
pub mod parity;
pub mod redemption;
pub mod resolve;
pub mod state;
pub mod terms;
pub mod votes;

pub use accretion::{Accrual, Form, LiquidationPreference, PeriodRow};
pub use control_window::{ControlWindow, Election};
pub use liquidation::{liquidation_amounts, ClassClaim, LiquidationAmounts};
pub use resolve::{ElectionChoice, Event, ForcedTest, RedemptionKind, SettlementForm};
pub use state::{ConversionTerms, Preferred};
pub use terms::Terms;
