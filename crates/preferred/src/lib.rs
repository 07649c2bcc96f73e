//! A convertible preferred stock governed by a Certificate of Designation
//! (CTC's 8.25% Series B Convertible Preferred Stock is the example).
//!
//! The series accretes dividends into its Accreted Value (CoD §4.2), pays
//! them in cash once allowed, converts into common at the Liquidation
//! Preference divided by $50.00 (§8.1, adjusted under §8.10), votes as
//! converted (§9), ranks on liquidation (§3, §5), and is redeemed or forced
//! to convert on the conditions of §6–§8. Every number comes from the term
//! file ([`terms::Terms`]); every event is checked against the clauses and
//! refused with a `Rejection` (codes R0200–R0249) naming the one it breaks.
//!
//! Modules follow the document: [`issuance`] (§1, §4.1, §6.4),
//! [`accretion`] (§2, §4.1–§4.2), [`parity`] (§3.1, §4.4),
//! [`dividends`] (§4.2(a), §4.5, §6.5), [`conversion`] (§8.1, §8.3–§8.9),
//! [`forced_conversion`] (§8.2), [`redemption`] (§6–§7), [`liquidation`]
//! (§3, §5), [`votes`] (§9, §10(d), status), [`adjustment`] (§8.10) and
//! [`change_of_control`] (§2) with [`control_window`] (§6.3, §6.5, §8.5).

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
