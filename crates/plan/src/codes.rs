//! The plan's stable rejection codes, R0400–R0499 (listed in docs/errors.md
//! by the lead). A code is never reused for another meaning.

/// The holder is not a declared Participant (§5).
pub const NOT_A_PARTICIPANT: &str = "R0401";
/// The grant needs more shares than the pool has available (§4.a).
pub const POOL_EXHAUSTED: &str = "R0402";
/// Stock Options over the per-person calendar-year limit (§4.c).
pub const OPTION_LIMIT: &str = "R0403";
/// SARs over the per-person calendar-year limit (§4.c).
pub const SAR_LIMIT: &str = "R0404";
/// Other Awards over the per-person calendar-year limit (§4.c).
pub const OTHER_LIMIT: &str = "R0405";
/// A Performance Award opportunity over the share limit (§4.d).
pub const PERFORMANCE_SHARE_LIMIT: &str = "R0406";
/// Cash Performance Awards for periods of one year or less over the limit (§4.d(A)).
pub const CASH_LIMIT_SHORT: &str = "R0407";
/// Cash Performance Awards for multi-year periods over the limit (§4.d(B)).
pub const CASH_LIMIT_MULTI: &str = "R0408";
/// An ISO to someone who is not an Employee (§5).
pub const ISO_NOT_EMPLOYEE: &str = "R0409";
/// An ISO granted after the cut-off (§6.b(5)).
pub const ISO_AFTER_CUTOFF: &str = "R0410";
/// An ISO below fair market value (§6.b(2)).
pub const ISO_BELOW_FMV: &str = "R0411";
/// An ISO to a more-than-10% owner below 110% of fair market value (§6.b(2)).
pub const ISO_BELOW_110: &str = "R0412";
/// A §162(m) Stock Option below fair market value (§6.b(2)).
pub const QUALIFIED_BELOW_FMV: &str = "R0413";
/// An exercise price below par for newly issued shares (§6.b(3)(b)).
pub const PRICE_BELOW_PAR: &str = "R0414";
/// Consideration for Restricted or Unrestricted Stock below par (§6.c).
pub const CONSIDERATION_BELOW_PAR: &str = "R0415";
/// No fair market value on the date (needed by §6.b(2) or §6.b(3)).
pub const NO_FMV: &str = "R0416";
/// An award id already used.
pub const DUPLICATE_AWARD: &str = "R0417";
/// An award id that does not exist.
pub const UNKNOWN_AWARD: &str = "R0418";
/// The Plan was terminated as to further grants (§9).
pub const PLAN_TERMINATED: &str = "R0420";
/// An amendment that needs the stockholders' approval (§9).
pub const NEEDS_STOCKHOLDERS: &str = "R0421";
/// An amendment that cuts the pool below shares already committed (§4.a).
pub const POOL_BELOW_COMMITTED: &str = "R0422";
/// Exercising shares that have not vested (§6.a(5)).
pub const NOT_VESTED: &str = "R0423";
/// Exercising after the last exercise date (§6.a(5)).
pub const EXPIRED: &str = "R0424";
/// The payment does not cover the exercise price (§6.b(1), §6.b(3)).
pub const PAYMENT_SHORT: &str = "R0426";
/// A form of payment the Award does not permit (§6.b(3)).
pub const PAYMENT_FORM: &str = "R0427";
/// Tendered shares held less than the required period (§6.b(3)(a)(i)).
pub const TENDER_TOO_RECENT: &str = "R0428";
/// Tendered shares the holder does not own.
pub const TENDER_NOT_HELD: &str = "R0429";
/// Exercise by someone other than the Participant (§6.a(4)).
pub const NOT_THE_PARTICIPANT: &str = "R0430";
/// A transfer the Plan does not allow (§6.a(4)).
pub const NOT_TRANSFERABLE: &str = "R0431";
/// Alternative settlement without the holder's consent (§6.a(3)).
pub const NO_CONSENT: &str = "R0432";
/// Payment or vesting of a §162(m) Performance Award before certification (§6.a(9)).
pub const NOT_CERTIFIED: &str = "R0433";
/// A cash payment above what the Award allows (§4.d).
pub const PAYMENT_OVER_AWARD: &str = "R0434";
/// The event does not fit the kind of Award (§6.b, §6.c, Exhibit A).
pub const WRONG_KIND: &str = "R0435";
/// The Award is no longer active.
pub const NOT_ACTIVE: &str = "R0436";
/// Performance Criteria established later than 90 days into the period (§6.a(9)).
pub const CRITERIA_LATE: &str = "R0437";
/// The Participant's service has already ended (§6.a(5)).
pub const SERVICE_ENDED: &str = "R0438";
/// An ISO term longer than Code §422 allows (Exhibit A "ISO").
pub const ISO_TERM: &str = "R0439";
/// Shares held back or withheld exceed the shares exercised (§4.a(iv)).
pub const HOLD_BACK_EXCEEDS: &str = "R0443";
/// Arithmetic that cannot be carried out exactly.
pub const ARITHMETIC: &str = "R0444";
/// Treasury shares do not cover a delivery from treasury (§4.b).
pub const TREASURY_SHORT: &str = "R0445";
/// A substitute for a §162(m) Performance Award whose criteria failed (§6.a(9)).
pub const NO_SUBSTITUTION: &str = "R0446";
/// A required term of the Award is missing (exercise price, period, amount).
pub const MISSING_TERM: &str = "R0447";
/// An alteration adverse to the Participant without their consent (§3).
pub const ADVERSE_WITHOUT_CONSENT: &str = "R0449";
/// A change of an ISO's forms of payment after grant without the
/// optionee's consent (§6.b(3)(a)).
pub const ISO_PAYMENT_CONSENT: &str = "R0450";
/// A covered transaction or assumption that does not fit (§7.a).
pub const TRANSACTION: &str = "R0448";
