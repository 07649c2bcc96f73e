//! Stable rejection and warning codes of the warrant (R0300–R0399,
//! W0300–W0399). A code keeps its meaning forever; docs/journal.md (`warrant`)
//! lists them with the clause each enforces.

/// The warrant has not been issued (no `issue-warrant`), or the holder
/// named holds no warrant of it (`transfer.ownership`).
pub const NOT_HELD: &str = "R0301";
/// Exercise or transfer outside the Term of this Warrant (`term`, `exercise`).
pub const OUTSIDE_TERM: &str = "R0302";
/// An exercise "as to any fractional share" (`exercise`).
pub const FRACTIONAL_EXERCISE: &str = "R0303";
/// More shares than the holder's warrant represents (`exercise`).
pub const MORE_THAN_REMAIN: &str = "R0304";
/// Payment does not equal the Warrant Price for each share (`exercise` (ii)).
pub const PAYMENT_MISMATCH: &str = "R0305";
/// No payment, or a method the form does not accept (`exercise` (ii)).
pub const PAYMENT_METHOD: &str = "R0306";
/// Net exercise when the Current Market Price is not greater than the
/// Warrant Price (`exercise`).
pub const NET_NOT_IN_MONEY: &str = "R0307";
/// No Current Market Price for a date (`current-market-price`).
pub const NO_CMP: &str = "R0308";
/// A transfer of more rights than held (`transfer.exchange`).
pub const TRANSFER_TOO_MANY: &str = "R0309";
/// A malformed transfer: to oneself, or finer than a tenth of a share.
pub const TRANSFER_BAD: &str = "R0310";
/// Exercise after the dissolution window: the rights are void (`dissolution`).
pub const DISSOLUTION_VOID: &str = "R0311";
/// `issue-warrant` for a warrant already issued.
pub const ALREADY_ISSUED: &str = "R0312";
/// The stated expiration date is not the end of the Term (`term`).
pub const EXPIRY_MISMATCH: &str = "R0313";
/// A holder not declared in the book.
pub const UNKNOWN_HOLDER: &str = "R0314";
/// A dispute of the Board's determination after the dispute period
/// (`current-market-price`).
pub const DISPUTE_LATE: &str = "R0315";
/// A dispute with no Board determination to dispute (`current-market-price`).
pub const DISPUTE_NOTHING: &str = "R0316";
/// No value for a `fractional-shares` fractional share.
pub const NO_FRACTION_VALUE: &str = "R0317";
/// Net exercise into `reorganization` reference property with no value for it on the
/// date (no determination recorded and a security without prices).
pub const NET_AFTER_REORG: &str = "R0318";
/// A distribution in dissolution before 30 days from the `dissolution` notice.
pub const DISTRIBUTION_BEFORE_NOTICE: &str = "R0319";
/// An exercise or transfer of zero or negative shares.
pub const ZERO_SHARES: &str = "R0320";
/// An event addressed to another instrument.
pub const WRONG_WARRANT: &str = "R0321";
/// Arithmetic out of range (figures too large for exact decimals).
pub const ARITHMETIC: &str = "R0322";
/// Net exercise on a form without the election (`exercise`).
pub const NO_NET_ELECTION: &str = "R0323";
/// The warrant has several holders and the event does not say which.
pub const AMBIGUOUS_HOLDER: &str = "R0324";
/// An issuance with a non-positive number of shares or price.
pub const BAD_ISSUE: &str = "R0325";
/// A distribution in dissolution with no `dissolution` notice recorded at all.
pub const DISSOLUTION_WITHOUT_NOTICE: &str = "R0326";
/// A `dividend-source` for a record date whose cash distribution the
/// warrant has already treated on the other source (`price-adjustment.distribution`, `notices.extraordinary-dividend`).
pub const LATE_DIVIDEND_SOURCE: &str = "R0327";
/// A `warrant-notice` naming a section that is none of the form's notice
/// clauses.
pub const UNKNOWN_NOTICE: &str = "R0328";

/// `reserve`: authorized but unissued common is short of the Warrant Shares.
pub const W_RESERVE: &str = "W0301";
/// A notice (`notices.adjustment-statement`, `notices.proposed-action`, `reorganization`, `dissolution`, `notices.extraordinary-dividend`) not recorded, or late.
pub const W_NOTICE: &str = "W0302";
/// A `price-adjustment.distribution` distribution at or above the Current Market Price: no
/// adjustment is computed.
pub const W_DISTRIBUTION: &str = "W0304";
/// A `price-adjustment.due-bill` due bill.
pub const W_DUE_BILL: &str = "W0305";
/// A scheduled adjustment could not be computed.
pub const W_SCHEDULED: &str = "W0306";
