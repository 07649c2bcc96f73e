//! The term-file schema of a registration rights instrument.
//!
//! One schema serves every registration rights document stockbook knows:
//! the Series B Registration Rights Agreement (`RRA`) and Exhibit D of the
//! Cisco warrant (`Exhibit D`) are two term files of it. Every rule carries
//! the section of its own document in a `clause` field, because the two
//! documents number the same kind of rule differently (a demand is RRA
//! §2(a)(i) but Exhibit D §4). Every number lives here, never in Rust.

use crate::codes;
use calendar::Date;
use serde::{Deserialize, Serialize};
use terms::FieldError;
use terms::{HolderId, InstrumentId};
use units::{Clause, Money, Ratio, Shares};

/// Who is a "Holder" entitled to the rights.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum HolderBasis {
    /// The parties: the holders of the underlying instruments on the
    /// Closing Date (or the term file's `holders` list), plus transferees
    /// to whom rights were assigned and who signed on (RRA §1 "Holder":
    /// "any person owning Registrable Securities or any assignee thereof in
    /// accordance with Section 10").
    Parties,
    /// Whoever holds Registrable Securities on the date (Exhibit D §1
    /// "Holder shall mean any holder of Registrable Securities").
    AnyHolder,
}

/// How days are counted in a window.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DayCount {
    /// Calendar days ("within fifteen (15) days", RRA §2(a)(i), §3).
    Calendar,
    /// Business days ("within fifteen (15) business days", Exhibit D §4).
    Business,
}

/// The denominator of the initiators' threshold.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Denominator {
    /// All Registrable Securities then outstanding (RRA §2(a)(i) "a
    /// majority of then outstanding Registrable Securities").
    Registrable,
    /// Only the shares still issuable on exercise or conversion (a literal
    /// reading of Exhibit D §4 "Warrant Shares then subject to purchase").
    Unexercised,
}

/// The price at which Registrable Securities are valued for a dollar test.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ValueBasis {
    /// The Market Price on the last trading day before the request.
    PreviousClose,
    /// The average Market Price over `value_days` trading days before the
    /// request.
    AveragePreceding,
}

/// A class of participant in a registration, for cutback priorities.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Class {
    /// Holders under this instrument (RRA "Holders"; Exhibit D "Holders").
    Holders,
    /// The Company selling for its own account.
    Company,
    /// Other holders with contractual rights to be included.
    OthersWithRights,
    /// Other holders without rights to participate (included at the
    /// Company's discretion).
    OthersWithoutRights,
    /// The Initiating Holders of another holder's demand (RRA §5(b)(ii)).
    Initiating,
    /// Directors and officers selling in the offering (Exhibit D §2(b)).
    OfficersDirectors,
}

impl Class {
    pub const ALL: &'static [(&'static str, Class)] = &[
        ("holders", Class::Holders),
        ("company", Class::Company),
        ("others-with-rights", Class::OthersWithRights),
        ("others-without-rights", Class::OthersWithoutRights),
        ("initiating", Class::Initiating),
        ("officers-directors", Class::OfficersDirectors),
    ];

    pub fn name(self) -> &'static str {
        Class::ALL
            .iter()
            .find(|(_, c)| *c == self)
            .map(|(n, _)| *n)
            .unwrap_or("holders")
    }
}

/// What the instrument's "Registrable Securities" are and when they cease.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegistrableTerms {
    /// The definition's section (RRA §1 "Registrable Securities"; Exhibit D
    /// §1).
    pub clause: String,
    /// Whether shares sold in a private placement stop being registrable
    /// (Exhibit D §1: "less any Warrant Shares theretofore sold to the
    /// public or in a private placement"). The RRA has no such words.
    #[serde(default)]
    pub private_placement_ends: bool,
    /// The Rule 144 cessation test, if the document has one (RRA §1
    /// "(iii) when all of the Registrable Securities held by a Holder could
    /// be sold under Rule 144 in a three (3) month period").
    #[serde(default)]
    pub rule144: Option<Rule144Terms>,
}

/// Rule 144 as the cessation test reads it.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rule144Terms {
    /// The section that invokes Rule 144 (RRA §1).
    pub clause: String,
    /// Rule 144(e)(1)(i): one percent of the shares outstanding.
    pub outstanding_fraction: Ratio,
    /// Rule 144(d)(1) holding period in years ("at least one year shall
    /// elapse between the later of the date of the acquisition of the
    /// securities from the issuer or from an affiliate ... and any resale");
    /// absent = not tested.
    #[serde(default)]
    pub holding_years: Option<i16>,
    /// Where each holder's holding period starts (docs/interpretations.md
    /// "Rule 144: holding period").
    #[serde(default)]
    pub holding_from: HoldingFrom,
    /// Rule 144(k): after this many years a person who is not an affiliate
    /// of the issuer, and has not been one during the months before the
    /// sale, sells without the volume limit of 144(e); absent = 144(k) not
    /// applied.
    #[serde(default)]
    pub unlimited_after_years: Option<i16>,
    /// Rule 144(k): "has not been an affiliate during the three months
    /// preceding such sale".
    #[serde(default = "default_lookback")]
    pub affiliate_lookback_months: i32,
    /// Whether a holder is taken to be an affiliate of the issuer (Rule
    /// 144(a)(1)) until an `affiliate-status` event says otherwise.
    #[serde(default)]
    pub presume_affiliate: bool,
    /// Whose Registrable Securities the volume limit is measured against
    /// (Rule 144(e)(3)(vi): persons acting in concert are aggregated).
    #[serde(default)]
    pub aggregate: Aggregate,
}

fn default_lookback() -> i32 {
    3
}

/// Where a holder's Rule 144(d) holding period starts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum HoldingFrom {
    /// Per holder, from the book's acquisition lots: the latest of the
    /// Closing Date (conversion shares tack to the preferred paid for in
    /// full at the Closing, Rule 144(d)(3)(ii)), the acquisition dates of
    /// the underlying instruments the holder still holds, and the
    /// acquisition dates of the registrable common it received by transfer
    /// (the newest lots of its common).
    #[default]
    Lots,
    /// Every holder from the Closing Date.
    Closing,
}

/// Whose Registrable Securities the Rule 144(e) volume limit is measured
/// against.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Aggregate {
    /// The Registrable Securities of every Holder in the holder's group
    /// (`affiliate-of:`), which share one limit (Rule 144(e)(3)(vi)).
    #[default]
    Group,
    /// The holder's own only.
    Holder,
}

/// Demand registrations (RRA §2(a)(i), §2(b), §2(d); Exhibit D §4).
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DemandTerms {
    /// The demand clause (RRA "2(a)(i)"; Exhibit D "4").
    pub clause: String,
    /// "At any time after the first anniversary of the Closing" (RRA
    /// §2(a)(i)): demands are allowed only strictly after this anniversary.
    #[serde(default)]
    pub first_allowed_after_years: Option<i16>,
    /// The initiators' share of the denominator: RRA "a majority" = 0.5
    /// with `initiator_strict = true`; Exhibit D "at least ... 20%" = 0.20
    /// with `initiator_strict = false`.
    pub initiator_fraction: Ratio,
    /// True: more than the fraction; false: at least the fraction.
    pub initiator_strict: bool,
    /// What the fraction is of.
    pub initiator_denominator: Denominator,
    /// "not less than the lesser of 20% ..." (RRA §2(a)(i)): the share of
    /// the initiators' own Registrable Securities the request must cover.
    #[serde(default)]
    pub min_request_fraction: Option<Ratio>,
    /// "... or $30 million of the then outstanding Registrable Securities
    /// held by such Holders as a group" (RRA §2(a)(i)).
    #[serde(default)]
    pub min_request_amount: Option<Money>,
    /// How the dollar test values a share (see docs/interpretations.md).
    #[serde(default = "default_value_basis")]
    pub value_basis: ValueBasis,
    /// Trading days averaged when `value_basis = "average-preceding"`.
    #[serde(default = "default_value_days")]
    pub value_days: usize,
    /// The window for other holders to join after the Company's notice
    /// (RRA §2(a)(i) "within fifteen (15) days after the giving of such
    /// notice"; Exhibit D §4 "fifteen (15) business days").
    pub join_window_days: i32,
    pub join_window_count: DayCount,
    /// The most registrations the Company must effect (RRA §2(d) "more
    /// than three (3) registrations pursuant to Section 2(a)(i)"; Exhibit D
    /// §4 "more than three (3) registrations").
    pub max_effected: u32,
    /// The section limiting the count (RRA "2(d)"; Exhibit D "4").
    pub count_clause: String,
    /// Forms whose registrations do not count (Exhibit D §4 "not including
    /// registration statements on Form S-3").
    #[serde(default)]
    pub uncounted_forms: Vec<String>,
    /// "more than one (1) registration under this section 2 during any six
    /// (6) month period" (RRA §2(d)); absent = no interval.
    #[serde(default)]
    pub min_months_between: Option<i32>,
    /// Whether the interval runs from the last effective date (default) or
    /// from the last demand's date.
    #[serde(default)]
    pub interval_from_request: bool,
    /// Forms on which a demand is registered, at the Company's discretion
    /// (RRA §2(d) "Form S-1 or S-3"); empty = any.
    #[serde(default)]
    pub forms: Vec<String>,
    /// What "effected" means (RRA §2(b)): effective and not interfered
    /// with by a stop order.
    pub effected_clause: String,
}

fn default_value_basis() -> ValueBasis {
    ValueBasis::PreviousClose
}
fn default_value_days() -> usize {
    10
}

/// The founder trigger (RRA §2(a)(ii)).
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FounderTerms {
    pub clause: String,
    /// The named founder's holder id ("Robert Fabbricatore").
    pub founder: HolderId,
    /// "sells in excess of thirty percent (30%)".
    pub fraction: Ratio,
    /// "within twelve (12) months of the Closing Date".
    pub within_months: i32,
    /// "fifteen (15) days following delivery by the Company of such
    /// notice".
    pub request_days_after_notice: i32,
    /// The founder's beneficial holdings on the Closing Date (including
    /// shares issuable on exercise or conversion); may instead be given on
    /// the first `founder-sale`.
    #[serde(default)]
    pub beneficial_at_closing: Option<Shares>,
}

/// Postponement of a demand registration (RRA §2(c)).
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PostponementTerms {
    pub clause: String,
    /// "for a period of up to ninety (90) days".
    pub max_days: i32,
    /// "not more frequently than one time in any twelve (12) month period".
    pub once_in_months: i32,
}

/// Suspension of a shelf registration (RRA §2(c)).
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SuspensionTerms {
    pub clause: String,
    /// "for more than a total of ninety (90) days".
    pub max_total_days: i32,
}

/// Who bears expenses after a withdrawal (RRA §2(e)).
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExpensesTerms {
    pub clause: String,
    /// Whether a withdrawal at the holders' request shifts the expenses to
    /// the participating holders (RRA §2(e)); Exhibit D §5 has no such
    /// rule.
    pub withdrawal_shifts_to_holders: bool,
    /// The consent needed to forfeit one demand so the Company pays
    /// ("the Holders of a majority of the Registrable Securities"), more
    /// than this fraction.
    #[serde(default)]
    pub forfeit_consent_fraction: Option<Ratio>,
}

/// Piggyback registrations (RRA §3; Exhibit D §2(a)).
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PiggybackTerms {
    pub clause: String,
    /// Forms that give no piggyback right (RRA §3 "other than on a Form
    /// S-4, S-8"; Exhibit D §2(a) employee benefit plans and Rule 145).
    pub excluded_forms: Vec<String>,
    /// "within fifteen (15) days after the giving of any such notice".
    pub window_days: i32,
    pub window_count: DayCount,
}

/// The filing deadline (RRA §4(a)).
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FilingTerms {
    pub clause: String,
    /// "within ninety (90) days after the end of the period within which
    /// requests for registration may be delivered".
    pub days_after_window: i32,
}

/// How long a registration is kept effective (RRA §4(b); Exhibit D
/// §6(i)).
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EffectivenessTerms {
    pub clause: String,
    /// RRA "ninety (90) days"; Exhibit D "one hundred twenty (120) days".
    pub days: i32,
    /// RRA §4(b): "plus, in the case of a 'shelf' registration, the number
    /// of days for which the effectiveness ... was suspended".
    pub add_suspended_days: bool,
}

/// One cutback priority order: the tiers in the order they are included
/// (the reverse of the order the clause excludes them).
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CutbackOrder {
    pub clause: String,
    pub tiers: Vec<Vec<Class>>,
}

/// Cutback orders per kind of registration (RRA §5; Exhibit D §2(b)).
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CutbackTerms {
    /// A demand by this instrument's holders (RRA §5(a)(i)).
    pub holder_demand: CutbackOrder,
    /// A registration initiated by the Company (RRA §5(b)(i); Exhibit D
    /// §2(b)).
    pub company: CutbackOrder,
    /// A demand by holders under another agreement (RRA §5(b)(ii)).
    pub other_demand: CutbackOrder,
}

/// The holder lockup (RRA §6).
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LockupTerms {
    pub clause: String,
    /// "for a period of ninety (90) days following the effective date".
    pub days: i32,
}

/// Assignment of rights (RRA §10).
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AssignmentTerms {
    pub clause: String,
    /// "not less than an aggregate of 200,000 Registrable Securities or
    /// some lesser number, if such lesser number represents all".
    pub min_shares: Shares,
}

/// Amendments and waivers (RRA §13; Warrant §17 for Exhibit D).
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AmendmentTerms {
    pub clause: String,
    /// RRA "a majority" = 0.5 strict; Warrant §17 "signed by both parties"
    /// = every Holder (`unanimous = true`).
    pub fraction: Ratio,
    pub strict: bool,
    #[serde(default)]
    pub unanimous: bool,
}

/// Most-favoured-nation rights (Exhibit D §3).
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MfnTerms {
    pub clause: String,
    /// "Holder shall so notify Company within thirty (30) days of receipt".
    pub election_days: i32,
}

/// When the agreement ends (RRA §7 Term).
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TermTerms {
    pub clause: String,
    /// What ends it (docs/interpretations.md "Term (§7)").
    pub basis: TermBasis,
}

/// What ends the agreement.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum TermBasis {
    /// "the date all Registrable Securities hereunder have been registered
    /// and sold": the day of a sale under a registration after which no
    /// Registrable Securities remain outstanding.
    RegisteredAndSold,
    /// The first day (seen at an event) on which no Registrable Securities
    /// remain outstanding, however they ceased.
    NoneOutstanding,
}

/// How often a report recurs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Period {
    /// Each fiscal quarter other than the fiscal year's last.
    Quarter,
    /// Each fiscal year.
    Year,
}

/// A reporting covenant shown on the deadline calendar (RRA §9(b);
/// Exhibit D §9(ii)).
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportTerms {
    pub clause: String,
    /// The obligation in words ("file the quarterly report on Form 10-Q").
    pub obligation: String,
    pub period: Period,
    /// Days after the period end the report is due (the Exchange Act form's
    /// deadline the covenant adopts by "in a timely manner").
    pub due_days: i32,
    // The fiscal year the periods run from is a fact about the Company, not
    // a term of the agreement: declared once in the journal (`option
    // fiscal-year-end`), read through `BookView::fiscal_year_end`; a
    // `fiscal_year_end_month` here is refused by name (T0002).
}

/// The whole term file.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Terms {
    /// The document's short name in citations: "RRA", "Exhibit D".
    pub document: String,
    /// The Closing Date (RRA §1 "Closing Date", left blank in the filed
    /// form), or the warrant's date of initial issuance for Exhibit D. A
    /// fact rather than a term: the `instrument` declaration's
    /// `closing-date:` overrides it, and one of the two must give it.
    #[serde(default)]
    pub closing_date: Option<Date>,
    /// The instruments whose conversion or exercise yields Registrable
    /// Securities (RRA §1: the Preferred Stock; Exhibit D §1: the Warrant).
    pub underlying: Vec<InstrumentId>,
    pub holder_basis: HolderBasis,
    /// The parties, if listed; empty = the holders of the underlying
    /// instruments on the Closing Date.
    #[serde(default)]
    pub holders: Vec<HolderId>,
    pub registrable: RegistrableTerms,
    pub demand: DemandTerms,
    #[serde(default)]
    pub founder: Option<FounderTerms>,
    #[serde(default)]
    pub postponement: Option<PostponementTerms>,
    #[serde(default)]
    pub suspension: Option<SuspensionTerms>,
    pub expenses: ExpensesTerms,
    pub piggyback: PiggybackTerms,
    #[serde(default)]
    pub filing: Option<FilingTerms>,
    pub effectiveness: EffectivenessTerms,
    pub cutback: CutbackTerms,
    #[serde(default)]
    pub lockup: Option<LockupTerms>,
    #[serde(default)]
    pub assignment: Option<AssignmentTerms>,
    pub amendment: AmendmentTerms,
    #[serde(default)]
    pub mfn: Option<MfnTerms>,
    #[serde(default)]
    pub reports: Vec<ReportTerms>,
    /// The agreement's term (RRA §7); absent = no termination clause.
    #[serde(default)]
    pub term: Option<TermTerms>,
}

impl Terms {
    /// Loads and checks a term file.
    pub fn load(file: journal::FileId, text: &str) -> Result<Terms, journal::Diagnostic> {
        let t: Terms = terms::load_terms(file, text)?;
        t.check()
            .map_err(|e| e.diagnostic(codes::TERMS_INVALID, file, text))?;
        Ok(t)
    }

    /// The Closing Date (checked present when the instrument is declared;
    /// the earliest date if a caller built terms without it).
    pub fn closing(&self) -> Date {
        self.closing_date.unwrap_or(Date::MIN)
    }

    /// A citation into this document.
    pub fn cite(&self, section: &str) -> Clause {
        Clause::new(self.document.clone(), section)
    }

    /// Consistency checks serde cannot express, each refusal at its field:
    /// fractions within 0..=1, and no negative count, window or period.
    pub fn check(&self) -> Result<(), FieldError> {
        use terms::toml_load::not_negative;
        let fraction = |field: &str, r: Ratio| {
            if !r.is_negative() && r.value() <= units::Decimal::ONE {
                Ok(())
            } else {
                Err(FieldError::new(
                    field,
                    format!("is {r}: it must be between 0 and 1"),
                ))
            }
        };
        fraction("demand.initiator_fraction", self.demand.initiator_fraction)?;
        if let Some(f) = self.demand.min_request_fraction {
            fraction("demand.min_request_fraction", f)?;
        }
        fraction("amendment.fraction", self.amendment.fraction)?;
        if let Some(f) = self.expenses.forfeit_consent_fraction {
            fraction("expenses.forfeit_consent_fraction", f)?;
        }
        let days = "a number of days";
        not_negative(
            "demand.join_window_days",
            self.demand.join_window_days,
            days,
        )?;
        not_negative("piggyback.window_days", self.piggyback.window_days, days)?;
        not_negative("effectiveness.days", self.effectiveness.days, days)?;
        if let Some(r) = &self.registrable.rule144 {
            fraction(
                "registrable.rule144.outstanding_fraction",
                r.outstanding_fraction,
            )?;
            not_negative(
                "registrable.rule144.affiliate_lookback_months",
                r.affiliate_lookback_months,
                "a number of months",
            )?;
            if let Some(y) = r.holding_years {
                not_negative("registrable.rule144.holding_years", y, "a number of years")?;
            }
            if let Some(y) = r.unlimited_after_years {
                not_negative(
                    "registrable.rule144.unlimited_after_years",
                    y,
                    "a number of years",
                )?;
            }
        }
        if let Some(y) = self.demand.first_allowed_after_years {
            not_negative("demand.first_allowed_after_years", y, "a number of years")?;
        }
        if let Some(m) = self.demand.min_months_between {
            not_negative("demand.min_months_between", m, "a number of months")?;
        }
        if let Some(f) = &self.founder {
            fraction("founder.fraction", f.fraction)?;
            not_negative(
                "founder.within_months",
                f.within_months,
                "a number of months",
            )?;
            not_negative(
                "founder.request_days_after_notice",
                f.request_days_after_notice,
                days,
            )?;
            if let Some(b) = f.beneficial_at_closing {
                not_negative("founder.beneficial_at_closing", b, "a number of shares")?;
            }
        }
        if let Some(p) = &self.postponement {
            not_negative("postponement.max_days", p.max_days, days)?;
            not_negative(
                "postponement.once_in_months",
                p.once_in_months,
                "a number of months",
            )?;
        }
        if let Some(x) = &self.suspension {
            not_negative("suspension.max_total_days", x.max_total_days, days)?;
        }
        if let Some(f) = &self.filing {
            not_negative("filing.days_after_window", f.days_after_window, days)?;
        }
        if let Some(l) = &self.lockup {
            not_negative("lockup.days", l.days, days)?;
        }
        if let Some(m) = &self.mfn {
            not_negative("mfn.election_days", m.election_days, days)?;
        }
        for order in [
            &self.cutback.holder_demand,
            &self.cutback.company,
            &self.cutback.other_demand,
        ] {
            let mut seen = std::collections::BTreeSet::new();
            for c in order.tiers.iter().flatten() {
                if !seen.insert(*c) {
                    return Err(FieldError::new(
                        "cutback",
                        format!("order {} names class `{}` twice", order.clause, c.name()),
                    ));
                }
            }
        }
        if let Some(a) = &self.assignment {
            not_negative("assignment.min_shares", a.min_shares, "a number of shares")?;
        }
        for (i, r) in self.reports.iter().enumerate() {
            not_negative(&format!("reports[{i}].due_days"), r.due_days, days)?;
        }
        Ok(())
    }
}
