//! Stable rejection and warning codes of the registration rights crate.
//!
//! The crate owns R0500–R0599 (rejections) and W0500–W0599 (warnings).
//! A code keeps its meaning forever; docs/errors.md ("Registration rights") lists them with
//! the clause each enforces.

/// A term file that loads but is inconsistent (a fraction above one, a
/// class named twice in a cutback order).
pub const TERMS_INVALID: &str = "T0501";

/// The event names a registration the agreement has not seen.
pub const UNKNOWN_REGISTRATION: &str = "R0501";
/// A registration id used twice.
pub const DUPLICATE_REGISTRATION: &str = "R0502";
/// The requesting or named person is not a Holder, or holds no
/// Registrable Securities.
pub const NOT_A_HOLDER: &str = "R0503";
/// A demand before the first date demands are allowed (RRA §2(a)(i)).
pub const DEMAND_TOO_EARLY: &str = "R0504";
/// The initiators hold too small a share (RRA §2(a)(i) majority; Exhibit D
/// §4 20%).
pub const DEMAND_NOT_ENOUGH_HOLDERS: &str = "R0505";
/// The request covers less than the lesser of 20% or $30 million
/// (RRA §2(a)(i)).
pub const DEMAND_TOO_SMALL: &str = "R0506";
/// The dollar test needs a Market Price the book lacks.
pub const DEMAND_NO_PRICE: &str = "R0507";
/// The Company has already effected the maximum number of demand
/// registrations (RRA §2(d); Exhibit D §4).
pub const DEMANDS_EXHAUSTED: &str = "R0508";
/// Within the interval after the last demand registration (RRA §2(d)).
pub const DEMAND_TOO_SOON: &str = "R0509";
/// A holder asks to register more than it holds.
pub const REQUEST_EXCEEDS_HOLDINGS: &str = "R0510";
/// A founder-trigger demand without the trigger (RRA §2(a)(ii)).
pub const FOUNDER_NOT_TRIGGERED: &str = "R0511";
/// A founder-trigger demand after its deadline (RRA §2(a)(ii)).
pub const FOUNDER_REQUEST_LATE: &str = "R0512";
/// A request to join after the window closed (RRA §2(a)(i), §3; Exhibit D
/// §2(a)(ii), §4).
pub const JOIN_WINDOW_CLOSED: &str = "R0513";
/// A request to join before the Company's notice, or twice.
pub const JOIN_NOT_OPEN: &str = "R0514";
/// A piggyback request on a form that carries no piggyback right (RRA §3:
/// S-4, S-8).
pub const NO_PIGGYBACK: &str = "R0515";
/// A demand registered on a form the clause does not allow (RRA §2(d)).
pub const FORM_NOT_ALLOWED: &str = "R0516";
/// An event out of the registration's order (effective before filed,
/// anything after withdrawal).
pub const OUT_OF_ORDER: &str = "R0517";
/// A postponement longer than allowed (RRA §2(c)).
pub const POSTPONEMENT_TOO_LONG: &str = "R0518";
/// A second postponement within twelve months (RRA §2(c)).
pub const POSTPONEMENT_TOO_FREQUENT: &str = "R0519";
/// Postponement or suspension of a registration the clause does not cover.
pub const NOT_POSTPONABLE: &str = "R0520";
/// Suspension of a registration that is not a shelf (RRA §2(c)).
pub const NOT_A_SHELF: &str = "R0521";
/// The shelf suspension allowance is used up (RRA §2(c)).
pub const SUSPENSION_EXHAUSTED: &str = "R0522";
/// A sale of more shares than the holder has registered and unsold.
pub const SALE_EXCEEDS: &str = "R0523";
/// A sale under a registration that is not effective (not yet effective,
/// stopped, suspended, withdrawn).
pub const SALE_NOT_EFFECTIVE: &str = "R0524";
/// A disposition inside the holder lockup (RRA §6).
pub const LOCKUP: &str = "R0525";
/// An assignment of rights that §10 does not allow (RRA §10).
pub const ASSIGNMENT_NOT_ALLOWED: &str = "R0526";
/// An assignment without the transferee's written joinder (RRA §10(i)).
pub const JOINDER_MISSING: &str = "R0527";
/// A transfer or distribution of more than the holder has.
pub const TRANSFER_EXCEEDS: &str = "R0528";
/// An amendment or waiver without the required consents (RRA §13;
/// Warrant §17).
pub const AMENDMENT_CONSENT: &str = "R0529";
/// A forfeiture of a demand without the required consents (RRA §2(e)).
pub const FORFEIT_CONSENT: &str = "R0530";
/// A most-favoured-nation notice or election with no grant, or late
/// (Exhibit D §3).
pub const MFN: &str = "R0531";
/// Share counts in requests and underwriter advice must be whole shares.
pub const NOT_WHOLE: &str = "R0532";
/// The document has no such right (no founder trigger, no postponement,
/// no lockup, no most-favoured-nation clause).
pub const NO_SUCH_RIGHT: &str = "R0533";
/// An arithmetic overflow on the figures given.
pub const ARITHMETIC: &str = "R0534";
/// The event names an agreement other than this one.
pub const WRONG_AGREEMENT: &str = "R0535";

/// The filing deadline passed without a filing (RRA §4(a)).
pub const W_FILING_LATE: &str = "W0501";
/// A shelf suspension ran past the total allowance (RRA §2(c)).
pub const W_SUSPENSION_OVER: &str = "W0502";
/// The Company has not given a notice the clause requires promptly.
pub const W_NOTICE_DUE: &str = "W0503";
/// The founder's sales crossed the trigger (RRA §2(a)(ii)).
pub const W_FOUNDER_TRIGGER: &str = "W0504";
/// The founder's beneficial holdings at the Closing Date are not known
/// (RRA §2(a)(ii) measures the 30% against them).
pub const FOUNDER_HOLDINGS_UNKNOWN: &str = "R0536";
/// The security transferred is neither common stock nor an underlying
/// instrument of the agreement.
pub const NOT_REGISTRABLE: &str = "R0537";
/// A reorganization whose reference property cannot be applied to the
/// Registrable Securities (a negative amount; common reclassified into
/// zero shares) (RRA §1 (ii)).
pub const REFERENCE_PROPERTY: &str = "R0538";
/// A right exercised after the agreement terminated (RRA §7).
pub const TERMINATED: &str = "R0539";
/// The agreement terminated (RRA §7).
pub const W_TERMINATED: &str = "W0505";
