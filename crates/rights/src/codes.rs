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
/// A demand before the first date demands are allowed (the demand
/// clause's waiting period after the closing).
pub const DEMAND_TOO_EARLY: &str = "R0504";
/// The initiators hold too small a share of the Registrable Securities
/// (the demand clause's initiator fraction).
pub const DEMAND_NOT_ENOUGH_HOLDERS: &str = "R0505";
/// The request covers less than the demand clause's minimum size (the
/// lesser of a fraction of the initiators' holdings and a dollar amount).
pub const DEMAND_TOO_SMALL: &str = "R0506";
/// The dollar test needs a Market Price the book lacks.
pub const DEMAND_NO_PRICE: &str = "R0507";
/// The Company has already effected the maximum number of demand
/// registrations (the demand clause's count limit).
pub const DEMANDS_EXHAUSTED: &str = "R0508";
/// Within the interval after the last demand registration (the demand
/// clause's minimum months between registrations).
pub const DEMAND_TOO_SOON: &str = "R0509";
/// A holder asks to register more than it holds.
pub const REQUEST_EXCEEDS_HOLDINGS: &str = "R0510";
/// A founder-trigger demand without the trigger (the founder clause).
pub const FOUNDER_NOT_TRIGGERED: &str = "R0511";
/// A founder-trigger demand after its deadline (the founder clause).
pub const FOUNDER_REQUEST_LATE: &str = "R0512";
/// A request to join after the window closed (the demand or piggyback
/// clause's join window).
pub const JOIN_WINDOW_CLOSED: &str = "R0513";
/// A request to join before the Company's notice, or twice.
pub const JOIN_NOT_OPEN: &str = "R0514";
/// A piggyback request on a form that carries no piggyback right (the
/// piggyback clause's excluded forms).
pub const NO_PIGGYBACK: &str = "R0515";
/// A demand registered on a form the demand clause does not allow.
pub const FORM_NOT_ALLOWED: &str = "R0516";
/// An event out of the registration's order (effective before filed,
/// anything after withdrawal).
pub const OUT_OF_ORDER: &str = "R0517";
/// A postponement longer than the postponement clause allows.
pub const POSTPONEMENT_TOO_LONG: &str = "R0518";
/// A second postponement within the postponement clause's period.
pub const POSTPONEMENT_TOO_FREQUENT: &str = "R0519";
/// Postponement or suspension of a registration the clause does not cover.
pub const NOT_POSTPONABLE: &str = "R0520";
/// Suspension of a registration that is not a shelf (the suspension
/// clause covers shelf registrations only).
pub const NOT_A_SHELF: &str = "R0521";
/// The shelf suspension allowance is used up (the suspension clause's
/// total days).
pub const SUSPENSION_EXHAUSTED: &str = "R0522";
/// A sale of more shares than the holder has registered and unsold.
pub const SALE_EXCEEDS: &str = "R0523";
/// A sale under a registration that is not effective (not yet effective,
/// stopped, suspended, withdrawn).
pub const SALE_NOT_EFFECTIVE: &str = "R0524";
/// A disposition inside the holder lockup after an underwritten Company
/// offering.
pub const LOCKUP: &str = "R0525";
/// An assignment of rights that the assignment clause does not allow (not
/// to an affiliate, not a pro rata distribution, under its minimum block).
pub const ASSIGNMENT_NOT_ALLOWED: &str = "R0526";
/// An assignment without the transferee's written joinder (the assignment
/// clause's condition).
pub const JOINDER_MISSING: &str = "R0527";
/// A transfer or distribution of more than the holder has.
pub const TRANSFER_EXCEEDS: &str = "R0528";
/// An amendment or waiver without the consents the amendment clause
/// requires.
pub const AMENDMENT_CONSENT: &str = "R0529";
/// A forfeiture of a demand without the consents the expenses clause
/// requires.
pub const FORFEIT_CONSENT: &str = "R0530";
/// A most-favoured-nation notice or election with no grant, or late (the
/// most-favoured-nation clause's election window).
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

/// The filing deadline passed without a filing (the filing clause).
pub const W_FILING_LATE: &str = "W0501";
/// A shelf suspension ran past the suspension clause's total allowance.
pub const W_SUSPENSION_OVER: &str = "W0502";
/// The Company has not given a notice the clause requires promptly.
pub const W_NOTICE_DUE: &str = "W0503";
/// The founder's sales crossed the founder clause's trigger.
pub const W_FOUNDER_TRIGGER: &str = "W0504";
/// The founder's beneficial holdings at the Closing Date are not known
/// (the founder clause measures its fraction against them).
pub const FOUNDER_HOLDINGS_UNKNOWN: &str = "R0536";
/// The security transferred is neither common stock nor an underlying
/// instrument of the agreement.
pub const NOT_REGISTRABLE: &str = "R0537";
/// A reorganization whose reference property cannot be applied to the
/// Registrable Securities (a negative amount; common reclassified into
/// zero shares) (the definition's reorganization limb).
pub const REFERENCE_PROPERTY: &str = "R0538";
/// A right exercised after the agreement terminated (the term clause).
pub const TERMINATED: &str = "R0539";
/// The agreement terminated (the term clause).
pub const W_TERMINATED: &str = "W0505";
