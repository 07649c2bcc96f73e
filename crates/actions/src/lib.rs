//! Corporate actions: the company's own events that adjust every instrument.
//!
//! An issuance of common stock below a price, a split, a stock dividend, a
//! merger, a repurchase above market, a distribution of assets: each is one
//! [`CorporateAction`] recorded once in the journal, and each instrument
//! decides by its own clauses whether and how it adjusts (a preferred series
//! under its anti-dilution clause, a warrant under its price and share
//! adjustments, a plan under its adjustment on corporate transactions). The
//! facts an exclusion needs (the purpose of an issuance, the consideration
//! and its form) are recorded on the action, never inferred.

pub mod instrument;
pub mod resolve;

use serde::Serialize;
use terms::{HolderId, SecurityId};
use units::{Exact, Money, Price, Shares};

pub use calendar::Date;
pub use instrument::Instrument;
pub use resolve::{resolve, KEYWORDS};

/// Why shares or rights were issued: the facts the anti-dilution exclusions
/// turn on (a preferred's exempted issuances, a warrant's Excluded Stock).
/// The names in [`Purpose::ALL`] are journal vocabulary (`purpose:`) and
/// what a term file's exemption list names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum Purpose {
    /// A sale for value with no special purpose (a financing).
    Financing,
    /// Under a stock option plan or a director or employee compensation plan
    /// approved by the board.
    EmployeePlan,
    /// As consideration for the acquisition of a business or assets (an
    /// exclusion some documents cap with a dollar basket, in their terms).
    Acquisition,
    /// To joint venture partners for interests in the joint venture.
    JointVenture,
    /// With debt financing (e.g. registered or Rule 144A debt, a bank loan).
    DebtFinancing,
    /// On conversion of the convertible preferred itself.
    ConversionOfPreferred,
    /// On exercise or conversion of a security outstanding at the preferred's
    /// Closing Date.
    ExerciseOfClosingSecurity,
    /// On exercise or conversion of a security whose issuance was already
    /// adjusted for or needed no adjustment.
    ExerciseOfAdjustedSecurity,
    /// As a distribution under the preferred's participation clause (its
    /// dividend participation; never itself an adjusting issuance).
    ParticipationDistribution,
    /// Shares that only reconcile the book to a public-record share count;
    /// never an issuance the terms adjust for (an assumption, marked so).
    PublicRecord,
}

impl Purpose {
    pub const ALL: &'static [(&'static str, Purpose)] = &[
        ("financing", Purpose::Financing),
        ("employee-plan", Purpose::EmployeePlan),
        ("acquisition", Purpose::Acquisition),
        ("joint-venture", Purpose::JointVenture),
        ("debt-financing", Purpose::DebtFinancing),
        ("conversion-of-preferred", Purpose::ConversionOfPreferred),
        (
            "exercise-of-closing-security",
            Purpose::ExerciseOfClosingSecurity,
        ),
        (
            "exercise-of-adjusted-security",
            Purpose::ExerciseOfAdjustedSecurity,
        ),
        (
            "participation-distribution",
            Purpose::ParticipationDistribution,
        ),
        ("public-record", Purpose::PublicRecord),
    ];

    pub fn name(self) -> &'static str {
        Purpose::ALL
            .iter()
            .find(|(_, p)| *p == self)
            .map(|(n, _)| *n)
            .unwrap_or("financing")
    }
}

/// What the company received, split the way the clauses value it (cash,
/// gross or net of underwriting discounts and expenses as each document
/// says; non-cash at the fair value the board determines).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Consideration {
    /// Cash received before deductions.
    pub cash_gross: Money,
    /// Underwriting discounts, commissions and expenses paid by the company.
    pub underwriting: Money,
    /// Fair value of non-cash consideration as determined by the board.
    pub non_cash_fair_value: Money,
}

impl Consideration {
    /// Cash net of underwriting plus non-cash at fair value.
    pub fn net_total(&self) -> Exact {
        self.cash_gross
            .exact()
            .sub(&self.underwriting.exact())
            .add(&self.non_cash_fair_value.exact())
    }

    /// Gross cash plus non-cash (a document may speak of "consideration paid
    /// by the holders", before the company's costs; see
    /// docs/interpretations.md).
    pub fn gross_total(&self) -> Exact {
        self.cash_gross
            .exact()
            .add(&self.non_cash_fair_value.exact())
    }
}

/// Options, warrants, rights or convertible securities issued by the company
/// (a deemed issue of the common they may deliver, to anti-dilution).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RightsIssue {
    /// The security id under which the rights are tracked.
    pub security: SecurityId,
    /// The maximum number of common shares issuable on exercise or conversion.
    pub max_shares: Shares,
    /// Consideration received for the rights themselves.
    pub consideration: Consideration,
    /// The minimum price per share payable on exercise or conversion.
    pub exercise_price: Price,
    pub expiry: Option<Date>,
}

/// One corporate action. Dates live on the journal event; a record date or
/// effective date that differs from the event's date is carried here.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum CorporateAction {
    /// Issuance or sale of common stock.
    IssueCommon {
        shares: Shares,
        consideration: Consideration,
        purpose: Purpose,
        holder: HolderId,
    },
    /// Issuance or sale of rights, options, warrants or convertibles.
    IssueRights {
        rights: RightsIssue,
        purpose: Purpose,
    },
    /// A change in the price or number of shares of outstanding rights (a
    /// warrant readjusts as if the amended terms had applied at issue).
    AmendRights {
        security: SecurityId,
        exercise_price: Option<Price>,
        max_shares: Option<Shares>,
    },
    /// Rights expired or terminated with `exercised` shares actually issued
    /// (a warrant readjusts to what was actually issued).
    ExpireRights {
        security: SecurityId,
        exercised: Shares,
    },
    /// A dividend or distribution on common payable in common, or a split or
    /// combination: each common share becomes `numerator/denominator`
    /// shares (2-for-1 split: 2/1; 10% stock dividend: 11/10; 1-for-5
    /// combination: 1/5): every proportional adjustment.
    Subdivision {
        kind: SubdivisionKind,
        numerator: u64,
        denominator: u64,
        record_date: Option<Date>,
    },
    /// A reclassification, consolidation or merger, with the reference
    /// property one common share becomes.
    Reorganization {
        kind: ReorganizationKind,
        company_survives: bool,
        /// What one common share receives: (description, security or `cash`, amount per share).
        reference_property: Vec<ReferenceProperty>,
        /// Whether the company's pre-transaction voting holders hold at least
        /// 50% after (a change-of-control definition's merger limb).
        prior_holders_voting_percent: Option<units::Rate>,
    },
    /// A redemption or repurchase of common stock (above market, an
    /// anti-dilution event for some documents).
    Repurchase {
        shares: Shares,
        price_per_share: Price,
        holder: HolderId,
        employee_plan: bool,
    },
    /// A cash dividend, or a distribution of assets, evidences of
    /// indebtedness or securities, to common holders (a preferred's
    /// participation, a warrant's distribution adjustment).
    Distribution {
        kind: DistributionKind,
        /// Fair value per common share as determined by the board.
        per_share: Price,
        record_date: Date,
        /// Whether it is paid solely in common stock (excluded from a
        /// preferred's dividend participation).
        solely_in_common: bool,
    },
    /// Dissolution, liquidation or winding up (the liquidation waterfall).
    Dissolution { amount_available: Option<Money> },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum SubdivisionKind {
    Split,
    Combination,
    StockDividend,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum ReorganizationKind {
    Reclassification,
    Merger,
    Consolidation,
    AssetSale,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum DistributionKind {
    Cash,
    Assets,
    Indebtedness,
    Securities,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ReferenceProperty {
    pub description: String,
    /// A security id, or `cash`.
    pub security: String,
    pub per_share: units::Decimal,
}

impl CorporateAction {
    /// The factor by which one common share's count changes, for
    /// subdivisions; `None` for other actions.
    pub fn subdivision_factor(&self) -> Option<Exact> {
        match self {
            CorporateAction::Subdivision {
                numerator,
                denominator,
                ..
            } => {
                let n = i64::try_from(*numerator).ok()?;
                let d = i64::try_from(*denominator).ok()?;
                Exact::ratio(n, d).ok()
            }
            _ => None,
        }
    }
}
