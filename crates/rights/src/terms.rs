//! The term-file schema of a registration rights instrument.
//!
//! One schema serves every registration rights document: a stand-alone
//! registration rights agreement of a preferred series and the
//! registration rights exhibit of a warrant are two term files of it.
//! Every rule carries the section of its own document in a `clause` field,
//! because documents number the same kind of rule differently (the demand
//! right is one section in an agreement, another in an exhibit). Every
//! number lives in the term file, never in Rust; the term files' comments
//! quote each clause.

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
    /// to whom rights were assigned and who signed on (a definition of
    /// "Holder" as the owners of Registrable Securities or their assignees
    /// under the assignment clause).
    Parties,
    /// Whoever holds Registrable Securities on the date (a definition of
    /// "Holder" as any holder of Registrable Securities).
    AnyHolder,
}

/// How days are counted in a window.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DayCount {
    /// Calendar days ("within N days").
    Calendar,
    /// Business days ("within N business days").
    Business,
}

/// The denominator of the initiators' threshold.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Denominator {
    /// All Registrable Securities then outstanding ("a majority of then
    /// outstanding Registrable Securities").
    Registrable,
    /// Only the shares still issuable on exercise or conversion (a literal
    /// reading of a warrant's "Warrant Shares then subject to purchase").
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
    /// Holders under this instrument (the document's "Holders").
    Holders,
    /// The Company selling for its own account.
    Company,
    /// Other holders with contractual rights to be included.
    OthersWithRights,
    /// Other holders without rights to participate (included at the
    /// Company's discretion).
    OthersWithoutRights,
    /// The Initiating Holders of another holder's demand (the other-demand
    /// cutback order).
    Initiating,
    /// Directors and officers selling in the offering (a cutback order that
    /// names them).
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
    /// The definition's section ("Registrable Securities").
    pub clause: String,
    /// Whether shares sold in a private placement stop being registrable
    /// (a definition "less any ... shares theretofore sold to the public or
    /// in a private placement"); false where the definition has no such
    /// words.
    #[serde(default)]
    pub private_placement_ends: bool,
    /// The Rule 144 cessation test, if the document has one (Registrable
    /// Securities cease "when all of the Registrable Securities held by a
    /// Holder could be sold under Rule 144" in one three-month period).
    #[serde(default)]
    pub rule144: Option<Rule144Terms>,
}

/// Rule 144 as the cessation test reads it.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rule144Terms {
    /// The section that invokes Rule 144.
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

/// Demand registrations: who may demand and when, the minimum request,
/// the join window, the count limit, the interval and the forms.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DemandTerms {
    /// The demand clause's section.
    pub clause: String,
    /// "At any time after the Nth anniversary of the Closing": demands are
    /// allowed only strictly after this anniversary; absent = from the
    /// Closing.
    #[serde(default)]
    pub first_allowed_after_years: Option<i16>,
    /// The initiators' share of the denominator: "a majority" = 0.5 with
    /// `initiator_strict = true`; "at least ... N%" = N/100 with
    /// `initiator_strict = false`.
    pub initiator_fraction: Ratio,
    /// True: more than the fraction; false: at least the fraction.
    pub initiator_strict: bool,
    /// What the fraction is of.
    pub initiator_denominator: Denominator,
    /// "not less than the lesser of N% ...": the share of the initiators'
    /// own Registrable Securities the request must cover.
    #[serde(default)]
    pub min_request_fraction: Option<Ratio>,
    /// "... or $X of the then outstanding Registrable Securities held by
    /// such Holders as a group": the dollar alternative of the minimum.
    #[serde(default)]
    pub min_request_amount: Option<Money>,
    /// How the dollar test values a share (see docs/interpretations.md).
    #[serde(default = "default_value_basis")]
    pub value_basis: ValueBasis,
    /// Trading days averaged when `value_basis = "average-preceding"`.
    #[serde(default = "default_value_days")]
    pub value_days: usize,
    /// The window for other holders to join after the Company's notice
    /// ("within N days after the giving of such notice"), counted in
    /// `join_window_count` days.
    pub join_window_days: i32,
    pub join_window_count: DayCount,
    /// The most registrations the Company must effect ("shall not be
    /// required to effect more than N registrations").
    pub max_effected: u32,
    /// The section limiting the count.
    pub count_clause: String,
    /// Forms whose registrations do not count ("not including registration
    /// statements on Form S-3").
    #[serde(default)]
    pub uncounted_forms: Vec<String>,
    /// "more than one (1) registration under this section during any N
    /// month period"; absent = no interval.
    #[serde(default)]
    pub min_months_between: Option<i32>,
    /// Whether the interval runs from the last effective date (default) or
    /// from the last demand's date.
    #[serde(default)]
    pub interval_from_request: bool,
    /// Forms on which a demand is registered, at the Company's discretion
    /// ("on Form S-1 or S-3"); empty = any.
    #[serde(default)]
    pub forms: Vec<String>,
    /// The section saying what "effected" means: effective and not
    /// interfered with by a stop order.
    pub effected_clause: String,
}

fn default_value_basis() -> ValueBasis {
    ValueBasis::PreviousClose
}
fn default_value_days() -> usize {
    10
}

/// The founder trigger: holders may demand once a named founder sells more
/// than a fraction of his holdings within a period after the Closing.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FounderTerms {
    pub clause: String,
    /// The named founder's holder id.
    pub founder: HolderId,
    /// "sells in excess of N percent" of his beneficial holdings at the
    /// Closing Date.
    pub fraction: Ratio,
    /// "within N months of the Closing Date".
    pub within_months: i32,
    /// "prior to the later of (x) the Nth anniversary of the Closing Date
    /// and (y) ...": the anniversary before which requests are due.
    pub request_before_anniversary_years: i16,
    /// "(y) N days following delivery by the Company of such notice".
    pub request_days_after_notice: i32,
    /// The founder's beneficial holdings on the Closing Date (including
    /// shares issuable on exercise or conversion); may instead be given on
    /// the first `founder-sale`.
    #[serde(default)]
    pub beneficial_at_closing: Option<Shares>,
}

/// Postponement of a demand registration by the Company.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PostponementTerms {
    pub clause: String,
    /// "for a period of up to N days".
    pub max_days: i32,
    /// "not more frequently than one time in any N month period".
    pub once_in_months: i32,
}

/// Suspension of a shelf registration by the Company.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SuspensionTerms {
    pub clause: String,
    /// "for more than a total of N days".
    pub max_total_days: i32,
}

/// Who bears expenses after a withdrawal.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExpensesTerms {
    pub clause: String,
    /// Whether a withdrawal at the holders' request shifts the expenses to
    /// the participating holders; false where the document has no such
    /// rule.
    pub withdrawal_shifts_to_holders: bool,
    /// The consent needed to forfeit one demand so the Company pays
    /// ("the Holders of a majority of the Registrable Securities"), more
    /// than this fraction.
    #[serde(default)]
    pub forfeit_consent_fraction: Option<Ratio>,
}

/// Piggyback registrations: holders join a registration the Company
/// makes.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PiggybackTerms {
    pub clause: String,
    /// Forms that give no piggyback right ("other than on a Form S-4,
    /// S-8": employee benefit plans and business combinations).
    pub excluded_forms: Vec<String>,
    /// "within N days after the giving of any such notice".
    pub window_days: i32,
    pub window_count: DayCount,
}

/// The filing deadline of a demand registration.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FilingTerms {
    pub clause: String,
    /// "within N days after the end of the period within which
    /// requests for registration may be delivered".
    pub days_after_window: i32,
}

/// How long a registration is kept effective.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EffectivenessTerms {
    pub clause: String,
    /// "for a period of N days" after it becomes effective.
    pub days: i32,
    /// "plus, in the case of a 'shelf' registration, the number
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

/// Cutback orders per kind of registration.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CutbackTerms {
    /// A demand by this instrument's holders.
    pub holder_demand: CutbackOrder,
    /// A registration initiated by the Company.
    pub company: CutbackOrder,
    /// A demand by holders under another agreement.
    pub other_demand: CutbackOrder,
}

/// The holder lockup after an underwritten Company offering.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LockupTerms {
    pub clause: String,
    /// "for a period of N days following the effective date".
    pub days: i32,
}

/// Assignment of rights to transferees.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AssignmentTerms {
    pub clause: String,
    /// "not less than an aggregate of N Registrable Securities or
    /// some lesser number, if such lesser number represents all".
    pub min_shares: Shares,
}

/// Amendments and waivers (the document's own clause, or the host
/// instrument's for an exhibit).
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AmendmentTerms {
    pub clause: String,
    /// "a majority" = 0.5 strict; "signed by both parties" = every Holder
    /// (`unanimous = true`).
    pub fraction: Ratio,
    pub strict: bool,
    #[serde(default)]
    pub unanimous: bool,
}

/// Most-favoured-nation rights: notice of registration rights granted to
/// others, and the holders' election to take them.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MfnTerms {
    pub clause: String,
    /// "Holder shall so notify Company within N days of receipt".
    pub election_days: i32,
}

/// When the agreement ends.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TermTerms {
    pub clause: String,
    /// What ends it (docs/interpretations.md, registration rights: the
    /// agreement's term).
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

/// A reporting covenant shown on the deadline calendar (the Company's
/// undertaking to file its Exchange Act reports in a timely manner).
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
    /// The document's short name in citations.
    pub document: String,
    /// The Closing Date (the document's defined term, or a warrant's date
    /// of initial issuance for a warrant's exhibit). A
    /// fact rather than a term: the `instrument` declaration's
    /// `closing-date:` overrides it, and one of the two must give it.
    #[serde(default)]
    pub closing_date: Option<Date>,
    /// The instruments whose conversion or exercise yields Registrable
    /// Securities (a preferred series, a warrant).
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
    /// The agreement's term; absent = no termination clause.
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
                "founder.request_before_anniversary_years",
                f.request_before_anniversary_years,
                "a number of years",
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
