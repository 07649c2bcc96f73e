//! The plan's stable rejection codes, R0400–R0499 (listed in docs/errors.md
//! by the lead). A code is never reused for another meaning.

/// The holder is not a declared Participant (`eligibility`).
pub const NOT_A_PARTICIPANT: &str = "R0401";
/// The grant needs more shares than the pool has available (`pool`).
pub const POOL_EXHAUSTED: &str = "R0402";
/// Stock Options over the per-person calendar-year limit (`limits.per-person`).
pub const OPTION_LIMIT: &str = "R0403";
/// SARs over the per-person calendar-year limit (`limits.per-person`).
pub const SAR_LIMIT: &str = "R0404";
/// Other Awards over the per-person calendar-year limit (`limits.per-person`).
pub const OTHER_LIMIT: &str = "R0405";
/// A Performance Award opportunity over the share limit (`limits.performance`).
pub const PERFORMANCE_SHARE_LIMIT: &str = "R0406";
/// Cash Performance Awards for periods of one year or less over the limit (`limits.performance.short-periods`).
pub const CASH_LIMIT_SHORT: &str = "R0407";
/// Cash Performance Awards for multi-year periods over the limit (`limits.performance.multi-year`).
pub const CASH_LIMIT_MULTI: &str = "R0408";
/// An ISO to someone who is not an Employee (`eligibility`).
pub const ISO_NOT_EMPLOYEE: &str = "R0409";
/// An ISO granted after the cut-off (`iso.last-grant`).
pub const ISO_AFTER_CUTOFF: &str = "R0410";
/// An ISO below fair market value (`exercise.price`).
pub const ISO_BELOW_FMV: &str = "R0411";
/// An ISO to a more-than-10% owner below 110% of fair market value (`exercise.price`).
pub const ISO_BELOW_110: &str = "R0412";
/// A Section 162(m) Stock Option below fair market value (`exercise.price`).
pub const QUALIFIED_BELOW_FMV: &str = "R0413";
/// An exercise price below par for newly issued shares (`exercise.payment.par-value`).
pub const PRICE_BELOW_PAR: &str = "R0414";
/// Consideration for Restricted or Unrestricted Stock below par (`awards.not-requiring-exercise`).
pub const CONSIDERATION_BELOW_PAR: &str = "R0415";
/// No fair market value on the date (needed by `exercise.price` or `exercise.payment`).
pub const NO_FMV: &str = "R0416";
/// An award id already used.
pub const DUPLICATE_AWARD: &str = "R0417";
/// An award id that does not exist.
pub const UNKNOWN_AWARD: &str = "R0418";
/// The Plan was terminated as to further grants (`amendment`).
pub const PLAN_TERMINATED: &str = "R0420";
/// An amendment that needs the stockholders' approval (`amendment`).
pub const NEEDS_STOCKHOLDERS: &str = "R0421";
/// An amendment that cuts the pool below shares already committed (`pool`).
pub const POOL_BELOW_COMMITTED: &str = "R0422";
/// Exercising shares that have not vested (`awards.vesting`).
pub const NOT_VESTED: &str = "R0423";
/// Exercising after the last exercise date (`awards.vesting`).
pub const EXPIRED: &str = "R0424";
/// The payment does not cover the exercise price (`exercise.manner`, `exercise.payment`).
pub const PAYMENT_SHORT: &str = "R0426";
/// A form of payment the Award does not permit (`exercise.payment`).
pub const PAYMENT_FORM: &str = "R0427";
/// Tendered shares held less than the required period (`exercise.payment.tendered-shares`).
pub const TENDER_TOO_RECENT: &str = "R0428";
/// Tendered shares the holder does not own.
pub const TENDER_NOT_HELD: &str = "R0429";
/// Exercise by someone other than the Participant (`awards.transferability`).
pub const NOT_THE_PARTICIPANT: &str = "R0430";
/// A transfer the Plan does not allow (`awards.transferability`).
pub const NOT_TRANSFERABLE: &str = "R0431";
/// Alternative settlement without the holder's consent (`awards.alternative-settlement`).
pub const NO_CONSENT: &str = "R0432";
/// Payment or vesting of a Section 162(m) Performance Award before certification (`awards.performance-qualified`).
pub const NOT_CERTIFIED: &str = "R0433";
/// A cash payment above what the Award allows (`limits.performance`).
pub const PAYMENT_OVER_AWARD: &str = "R0434";
/// The event does not fit the kind of Award (`exercise`, `awards.not-requiring-exercise`, Exhibit A).
pub const WRONG_KIND: &str = "R0435";
/// The Award is no longer active.
pub const NOT_ACTIVE: &str = "R0436";
/// Performance Criteria established later than 90 days into the period (`awards.performance-qualified`).
pub const CRITERIA_LATE: &str = "R0437";
/// The Participant's service has already ended (`awards.vesting`).
pub const SERVICE_ENDED: &str = "R0438";
/// An ISO term longer than Code section 422 allows (Exhibit A "ISO").
pub const ISO_TERM: &str = "R0439";
/// Shares held back or withheld exceed the shares exercised (`pool.held-back`).
pub const HOLD_BACK_EXCEEDS: &str = "R0443";
/// Arithmetic that cannot be carried out exactly.
pub const ARITHMETIC: &str = "R0444";
/// Treasury shares do not cover a delivery from treasury (`pool.no-fractional-shares`).
pub const TREASURY_SHORT: &str = "R0445";
/// A substitute for a Section 162(m) Performance Award whose criteria failed (`awards.performance-qualified`).
pub const NO_SUBSTITUTION: &str = "R0446";
/// A required term of the Award is missing (exercise price, period, amount).
pub const MISSING_TERM: &str = "R0447";
/// An alteration adverse to the Participant without their consent (`administration`).
pub const ADVERSE_WITHOUT_CONSENT: &str = "R0449";
/// A change of an ISO's forms of payment after grant without the
/// optionee's consent (`exercise.payment`).
pub const ISO_PAYMENT_CONSENT: &str = "R0450";
/// A covered transaction or assumption that does not fit (`covered-transaction`).
pub const TRANSACTION: &str = "R0448";
/// A Stock Option exercisable after the plan's longest option term.
pub const OPTION_TERM: &str = "R0451";
/// A Stock Option below the fair market value the plan makes its floor.
pub const OPTION_BELOW_FMV: &str = "R0452";
