//! Corporate actions: the company's own events that adjust every instrument.
//!
//! An issuance of common stock below a price, a split, a stock dividend, a
//! merger, a repurchase above market, a distribution of assets: each is one
//! [`CorporateAction`] recorded once in the journal, and each instrument
//! decides by its own clauses whether and how it adjusts (the Series B under
//! CoD §8.10, a warrant under its §5–§6, a plan under its §7.b). The facts an
//! exclusion needs (the purpose of an issuance, the consideration and its
//! form) are recorded on the action, never inferred.

pub mod instrument;
pub mod resolve;

use serde::Serialize;
use terms::{HolderId, SecurityId};
use units::{Exact, Money, Price, Shares};

pub use calendar::Date;
pub use instrument::Instrument;
pub use resolve::{resolve, KEYWORDS};

/// Why shares or rights were issued: the facts the exclusions turn on
/// (CoD §8.10.2(A)–(E), §8.10.3(A)–(G); Warrant §6(ii) Excluded Stock).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum Purpose {
    /// A sale for value with no special purpose (a financing).
    Financing,
    /// Under a stock option plan or a director or employee compensation plan
    /// approved by the board (CoD §8.10.2(A), §8.10.3(A); Warrant §6(ii)).
    EmployeePlan,
    /// As consideration for the acquisition of a business or assets
    /// (CoD §8.10.2(B), §8.10.3(B): the $200,000,000 basket).
    Acquisition,
    /// To joint venture partners for interests in the joint venture (C).
    JointVenture,
    /// With registered or Rule 144A debt (D).
    DebtFinancing,
    /// On conversion of the convertible preferred itself (CoD §8.10.3(E)).
    ConversionOfPreferred,
    /// On exercise or conversion of a security outstanding at the preferred's
    /// Closing Date (CoD §8.10.3(F)).
    ExerciseOfClosingSecurity,
    /// On exercise or conversion of a security whose issuance was already
    /// adjusted for or needed no adjustment (CoD §8.10.2(E), §8.10.3(G)).
    ExerciseOfAdjustedSecurity,
    /// As a distribution under the preferred's participation clause
    /// (CoD §4.5; §8.10.5 second sentence).
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

/// What the company received, split the way the clauses value it
/// (Warrant §6(i) rules 1–2: cash net of underwriting discounts and
/// expenses; non-cash at the board's fair value; CoD §8.10.2–3 last
/// sentences: non-cash at fair market value determined by the board).
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

    /// Gross cash plus non-cash (the CoD speaks of "consideration paid by
    /// the holders", before the company's costs; see docs/interpretations.md).
    pub fn gross_total(&self) -> Exact {
        self.cash_gross
            .exact()
            .add(&self.non_cash_fair_value.exact())
    }
}

/// Options, warrants, rights or convertible securities issued by the company
/// (CoD §8.10.2; Warrant §6(i) rule 3).
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
    /// Issuance or sale of common stock (CoD §8.10.3; Warrant §6(i)).
    IssueCommon {
        shares: Shares,
        consideration: Consideration,
        purpose: Purpose,
        holder: HolderId,
    },
    /// Issuance or sale of rights, options, warrants or convertibles
    /// (CoD §8.10.2; Warrant §6(i) rule 3(A)–(B)).
    IssueRights {
        rights: RightsIssue,
        purpose: Purpose,
    },
    /// A change in the price or number of shares of outstanding rights
    /// (Warrant §6(i) rule 3(C)).
    AmendRights {
        security: SecurityId,
        exercise_price: Option<Price>,
        max_shares: Option<Shares>,
    },
    /// Rights expired or terminated with `exercised` shares actually issued
    /// (Warrant §6(i) rule 3(D)).
    ExpireRights {
        security: SecurityId,
        exercised: Shares,
    },
    /// A dividend or distribution on common payable in common, or a split or
    /// combination: each common share becomes `numerator/denominator`
    /// shares (2-for-1 split: 2/1; 10% stock dividend: 11/10; 1-for-5
    /// combination: 1/5). CoD §8.10.1(a)–(c); Warrant §6(iii)–(iv).
    Subdivision {
        kind: SubdivisionKind,
        numerator: u64,
        denominator: u64,
        record_date: Option<Date>,
    },
    /// A reclassification, consolidation or merger, with the reference
    /// property one common share becomes (CoD §8.10.1(d)–(e); Warrant §8).
    Reorganization {
        kind: ReorganizationKind,
        company_survives: bool,
        /// What one common share receives: (description, security or `cash`, amount per share).
        reference_property: Vec<ReferenceProperty>,
        /// Whether the company's pre-transaction voting holders hold at least
        /// 50% after (CoD §2 Change of Control (b)).
        prior_holders_voting_percent: Option<units::Rate>,
    },
    /// A redemption or repurchase of common stock (CoD §8.10.4).
    Repurchase {
        shares: Shares,
        price_per_share: Price,
        holder: HolderId,
        employee_plan: bool,
    },
    /// A cash dividend, or a distribution of assets, evidences of
    /// indebtedness or securities, to common holders (CoD §4.5; Warrant
    /// §6(v), §10).
    Distribution {
        kind: DistributionKind,
        /// Fair value per common share as determined by the board.
        per_share: Price,
        record_date: Date,
        /// Whether it is paid solely in common stock (excluded from CoD §4.5).
        solely_in_common: bool,
    },
    /// Dissolution, liquidation or winding up (CoD §5; Warrant §9).
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
