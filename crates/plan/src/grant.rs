//! Making Awards: every limit a grant must pass (`pool` pool, `limits.per-person` per-person
//! calendar-year limits, `limits.performance` cash and performance limits, `eligibility` eligibility,
//! `exercise.price` exercise prices, `exercise.payment.par-value` and `awards.not-requiring-exercise` par value, `iso.last-grant` ISO
//! cut-off, `awards.performance-qualified` Performance Criteria), then the Award itself, with
//! repricing (a new grant for `limits.per-person`) and certification.
//!
//! `check_grant` only reads; `commit_grant` only writes what the check
//! computed. The grant what-if query runs `check_grant` alone.

use crate::award::{Award, AwardKind, AwardStatus, Certification, LimitCategory, Source};
use crate::codes;
use crate::event::{GrantSpec, ServiceStatus};
use crate::pool::Movement;
use crate::terms::ExercisePriceRule;
use crate::terms::OtherAwardsCount;
use crate::{LimitUse, Plan};
use terms::{BookView, Effect, HolderId, Outcome, Rejection};
use units::{Computed, Exact, Money, Price, Shares};

/// What the checks established, for the commit and for the what-if.
#[derive(Clone, Debug, Default)]
pub struct GrantCheck {
    pub fmv: Option<Exact>,
    pub computations: Vec<Computed>,
    /// Warnings that do not stop the grant: (code, section, message).
    pub warnings: Vec<(&'static str, &'static str, String)>,
}

impl Plan {
    /// The ISO rule for a more-than-ten-percent owner: the voting-power
    /// threshold and the factor of fair market value, both needed when an
    /// ISO is granted or repriced.
    pub(crate) fn iso_owner_rule(&self) -> Result<(units::Rate, units::Rate), Rejection> {
        let threshold = self.needed(
            self.terms.iso_ten_percent_owner_threshold,
            "iso_ten_percent_owner_threshold",
            "exercise.price",
            "an ISO",
        )?;
        let factor = self.needed(
            self.terms.iso_ten_percent_owner_price_factor,
            "iso_ten_percent_owner_price_factor",
            "exercise.price",
            "an ISO",
        )?;
        Ok((threshold, factor))
    }

    /// Fair market value on the grant date: the grant's `fmv:` or the
    /// book's Market Price of the Stock.
    pub(crate) fn fmv(
        &self,
        given: Option<Price>,
        view: &dyn BookView,
        section: &str,
    ) -> Result<(Exact, Computed), Rejection> {
        if let Some(p) = given {
            return Ok((
                p.exact(),
                Computed::new("fair market value", p, "as recorded on the event (fmv:)")
                    .cite(self.clause(section)),
            ));
        }
        view.market_price(&self.stock, view.date()).map_err(|gap| {
            self.reject(
                codes::NO_FMV,
                section,
                format!(
                    "the fair market value of the Stock on {} is needed and unknown: {gap}",
                    view.date()
                ),
            )
            .with_help("record `fmv: <price>` on the event, or add the day's price")
        })
    }

    /// The voting power a holder owns: the participant override, else the
    /// holder's Stock over the Stock outstanding in the book.
    pub(crate) fn voting_power(&self, holder: &HolderId, view: &dyn BookView) -> (Exact, Computed) {
        if let Some(v) = self.participants.get(holder).and_then(|p| p.voting_power) {
            return (
                v.exact(),
                Computed::new(
                    "voting power owned",
                    v,
                    "as declared on the participant (voting-power-owned:)",
                )
                .cite(self.clause("exercise.price")),
            );
        }
        let held = view.position(holder, &self.stock);
        let out = view.outstanding(&self.stock);
        let frac = held
            .exact()
            .div(&out.exact())
            .unwrap_or_else(|_| Exact::zero());
        (
            frac.clone(),
            Computed::of_exact(
                "voting power owned",
                &frac,
                "Stock held / Stock outstanding",
            )
            .input("held", held)
            .input("outstanding", out)
            .cite(self.clause("exercise.price")),
        )
    }

    fn committed_cash(&self, holder: &HolderId, fy: i16, multi: bool) -> Money {
        self.awards
            .values()
            .filter(|a| a.kind == AwardKind::CashPerformance && &a.participant == holder)
            .filter(|a| a.fiscal_year == Some(fy))
            .filter(|a| a.multi_year() == multi)
            .fold(Money::ZERO, |acc, a| {
                let counted = match &a.status {
                    AwardStatus::Active => a.amount.unwrap_or(Money::ZERO),
                    _ => a.paid,
                };
                acc.checked_add(counted).unwrap_or(acc)
            })
    }

    /// Every check a grant must pass, in the order a reader of the Plan
    /// would apply them; the first failure is the rejection.
    pub(crate) fn check_grant(
        &self,
        g: &GrantSpec,
        view: &dyn BookView,
    ) -> Result<GrantCheck, Rejection> {
        let date = view.date();
        let mut check = GrantCheck::default();
        if let Some(t) = self.terminated {
            return Err(self.reject(
                codes::PLAN_TERMINATED,
                "amendment",
                format!("the Plan was terminated as to further grants on {t}"),
            ));
        }
        if self.awards.contains_key(&g.award) {
            return Err(self.reject(
                codes::DUPLICATE_AWARD,
                "awards.terms",
                format!("Award `{}` already exists", g.award),
            ));
        }
        let Some(p) = self.participants.get(&g.holder) else {
            return Err(self
                .reject(codes::NOT_A_PARTICIPANT, "eligibility", format!("`{}` is not a Participant of {}", g.holder, self.id))
                .with_help("declare them first: `participant <plan> <holder>` with `status: employee|director|consultant|other`"));
        };
        if let Some((on, _)) = p.ceased {
            return Err(self.reject(
                codes::SERVICE_ENDED,
                "awards.vesting",
                format!("`{}`'s service relationship ended on {on}", g.holder),
            ));
        }
        // Required terms by kind.
        if g.kind.requires_exercise()
            && g.exercise_price.is_none()
            && g.kind != AwardKind::Convertible
        {
            return Err(self.reject(
                codes::MISSING_TERM,
                "exercise.price",
                format!("a {} needs `exercise-price:`", g.kind.name()),
            ));
        }
        if g.kind.is_cash() && g.amount.is_none_or(|a| a.is_negative() || a.is_zero()) {
            return Err(self.reject(
                codes::MISSING_TERM,
                "limits.performance",
                "a cash Award needs a positive amount",
            ));
        }
        if g.kind == AwardKind::CashPerformance && g.performance_period.is_none() {
            return Err(self
                .reject(codes::MISSING_TERM, "limits.performance", format!("a Cash Performance Award needs its `performance-period:` (the {} limit is per fiscal year in which the period ends)", self.mark("limits.performance"))));
        }
        if matches!(g.kind, AwardKind::CashGrant | AwardKind::Loan) {
            match &g.related_to {
                Some(r) if self.awards.contains_key(r) => {}
                _ => {
                    return Err(self.reject(
                        codes::MISSING_TERM,
                        "definitions.award",
                        "grants of cash or loans are made in connection with other Awards: give `related-to: <award-id>`",
                    ))
                }
            }
        }
        if let Some(s) = &g.substitutes_for {
            let failed = self.awards.get(s).is_some_and(|a| {
                a.qualify_162m && a.certification.as_ref().is_some_and(|c| !c.attained)
            });
            if failed {
                return Err(self.reject(
                    codes::NO_SUBSTITUTION,
                    "awards.performance-qualified",
                    format!("the Performance Criteria of `{s}` were not attained: no other Award may be provided in substitution"),
                ));
            }
        }
        // Exhibit A "Performance Award": "An Award subject to Performance
        // Criteria" — the `performance` kind, a Cash Performance Award, or
        // any other Award vesting on performance; `awards.performance-qualified` and `limits.performance` exempt
        // Stock Options and SARs.
        let performance_award =
            matches!(g.kind, AwardKind::Performance | AwardKind::CashPerformance)
                || (g.vesting == crate::award::Vesting::Performance
                    && !g.kind.is_option_or_sar()
                    && !g.kind.is_cash());
        // `awards.performance-qualified`: criteria preestablished within 90 days of the period's start.
        if g.qualify_162m && performance_award {
            if let Some((start, _)) = g.performance_period {
                let days = self.needed(
                    self.terms.performance_criteria_days,
                    "performance_criteria_days",
                    "awards.performance-qualified",
                    "a Performance Award intended to qualify as performance-based compensation",
                )?;
                // An out-of-range day count (a bad term file) never panics.
                let deadline = jiff::Span::new()
                    .try_days(i64::from(days))
                    .ok()
                    .and_then(|span| start.checked_add(span).ok())
                    .unwrap_or(calendar::Date::MAX);
                let established = g.criteria_established.unwrap_or(date);
                if established > deadline {
                    return Err(self.reject(
                        codes::CRITERIA_LATE,
                        "awards.performance-qualified",
                        format!(
                            "Performance Criteria established on {established}, later than {days} days after the period began on {start} (deadline {deadline})",
                        ),
                    ));
                }
            }
        }
        // ISO eligibility and cut-off.
        if g.kind == AwardKind::Iso {
            if p.status != ServiceStatus::Employee {
                return Err(self
                    .reject(
                        codes::ISO_NOT_EMPLOYEE,
                        "eligibility",
                        format!("`{}` is a {}, not an Employee: eligibility for ISOs is limited to employees (Code sections 421 and 422)", g.holder, p.status.name()),
                    )
                    .with_help("grant a non-qualified option (`nso`) instead"));
            }
            if let Some(cut) = self.terms.iso_last_grant_date {
                if date > cut {
                    return Err(self.reject(
                        codes::ISO_AFTER_CUTOFF,
                        "iso.last-grant",
                        format!("no ISO may be granted under the Plan after {cut}; this grant is dated {date}"),
                    ));
                }
            }
        }
        // Exercise prices against fair market value (`exercise.price`).
        let needs_fmv =
            g.kind == AwardKind::Iso || (g.kind.is_option() && g.qualify_162m) || g.reload;
        if needs_fmv {
            let (fmv, fmv_c) = self.fmv(g.fmv, view, "exercise.price")?;
            let price = g
                .exercise_price
                .map(|p| p.exact())
                .unwrap_or_else(Exact::zero);
            if g.kind == AwardKind::Iso {
                let (vp, vp_c) = self.voting_power(&g.holder, view);
                let (threshold, owner_factor) = self.iso_owner_rule()?;
                let ten_percent = vp > threshold.exact();
                let factor = if ten_percent {
                    owner_factor.exact()
                } else {
                    Exact::one()
                };
                let floor = fmv.mul(&factor);
                let c = Computed::of_exact(
                    "minimum ISO exercise price",
                    &floor,
                    "fair market value on the grant date × factor",
                )
                .input_exact("fair market value", &fmv)
                .input_exact("factor", &factor)
                .input(
                    "more than 10% of voting power",
                    if ten_percent { "yes" } else { "no" },
                )
                .input_exact("exercise price", &price)
                .cite(self.clause("exercise.price"))
                .step(fmv_c.clone())
                .step(vp_c);
                if price < floor {
                    let (code, what) = if ten_percent {
                        (codes::ISO_BELOW_110, "110% of the fair market value (the optionee owns more than 10% of the voting power, Code section 422(b)(6))")
                    } else {
                        (
                            codes::ISO_BELOW_FMV,
                            "the fair market value of the Stock on the date of grant",
                        )
                    };
                    return Err(self
                        .reject(
                            code,
                            "exercise.price",
                            format!(
                                "an ISO's exercise price {} is less than {what}: minimum {}",
                                price.display(),
                                floor.display()
                            ),
                        )
                        .with_help(c.render()));
                }
                check.computations.push(c);
                if let Some(w) = self.iso_100k(g, &fmv, date, view) {
                    check.warnings.push(("W0405", "definitions.iso", w));
                }
                if let Some(expiry) = g.expiry {
                    let years = if ten_percent {
                        self.terms.iso_ten_percent_owner_max_term_years
                    } else {
                        self.terms.iso_max_term_years
                    };
                    if let Some(y) = years {
                        let latest = calendar::anniversary(date, y);
                        // A period of years ends with the anniversary, as
                        // `awards.termination.death` counts "a one year period ending with
                        // the first anniversary".
                        if expiry > latest {
                            return Err(self.reject(
                                codes::ISO_TERM,
                                "definitions.iso",
                                format!("an ISO granted {date} may not be exercisable after {latest} ({y} years, Code section 422(b)(3)/(c)(5)); expiry given {expiry}"),
                            ));
                        }
                    }
                }
            }
            if g.kind.is_option() && g.qualify_162m && price < fmv {
                return Err(self.reject(
                    codes::QUALIFIED_BELOW_FMV,
                    "exercise.price",
                    format!(
                        "a Stock Option intended to qualify under Section 162(m) must have an exercise price not less than the fair market value {} (given {})",
                        fmv.display(),
                        price.display()
                    ),
                ));
            }
            check.fmv = Some(fmv);
        }
        // The plan's own rules for every Stock Option: its longest term and
        // its floor on the exercise price.
        if g.kind.is_option() {
            if let (Some(y), Some(expiry)) = (self.terms.option_max_term_years, g.expiry) {
                let latest = calendar::anniversary(date, y);
                if expiry > latest {
                    return Err(self.reject(
                        codes::OPTION_TERM,
                        "exercise.term",
                        format!("a Stock Option granted {date} may not be exercisable after {latest} ({y} years); expiry given {expiry}"),
                    ));
                }
            }
            if self.terms.option_exercise_price == Some(ExercisePriceRule::AtLeastFairMarketValue) {
                let (fmv, fmv_c) = self.fmv(g.fmv, view, "exercise.price")?;
                let Some(price) = g.exercise_price else {
                    return Err(self.reject(
                        codes::MISSING_TERM,
                        "exercise.price",
                        "a Stock Option needs its `exercise-price:`",
                    ));
                };
                if price.exact() < fmv {
                    return Err(self
                        .reject(
                            codes::OPTION_BELOW_FMV,
                            "exercise.price",
                            format!(
                                "a Stock Option's exercise price {} is less than the fair market value {} on the date of grant",
                                price,
                                fmv.display()
                            ),
                        )
                        .with_help(fmv_c.render()));
                }
            }
        }
        // Par value (`exercise.payment.par-value`, `awards.not-requiring-exercise`).
        let par = self.terms.par_value;
        if g.kind.is_option() || g.kind == AwardKind::Convertible {
            let price = g.exercise_price.unwrap_or(Price::ZERO);
            if g.source == Source::New && price < par {
                return Err(self.reject(
                    codes::PRICE_BELOW_PAR,
                    "exercise.payment.par-value",
                    format!("shares issued under this Award are part of an original issue: the exercise price {price} must be at least the par value {par}"),
                ));
            }
        }
        if g.kind.delivered_at_grant() {
            let needed = par.times(g.shares).map_err(|e| {
                self.reject(
                    codes::ARITHMETIC,
                    "awards.not-requiring-exercise",
                    e.to_string(),
                )
            })?;
            let given = match (g.consideration, g.services_value) {
                (Some(p), _) => p.times(g.shares).ok(),
                (None, Some(v)) => Some(v),
                (None, None) => None,
            };
            match given {
                Some(v) if v >= needed => {}
                _ => {
                    return Err(self
                        .reject(
                            codes::CONSIDERATION_BELOW_PAR,
                            "awards.not-requiring-exercise",
                            format!(
                                "Restricted and Unrestricted Stock are awarded for services or property worth at least par: {} shares × {par} = {needed}; given {}",
                                g.shares,
                                given.map(|g| g.to_string()).unwrap_or_else(|| "nothing".into())
                            ),
                        )
                        .with_help("record `consideration: <price per share>` or `services-value: <amount>`"))
                }
            }
        }
        let shares = g.shares.exact();
        // `limits.performance` last sentence: a Performance Award opportunity.
        if performance_award && g.kind != AwardKind::CashPerformance {
            if let Some(l) = &self.limits.performance_shares {
                if &shares > l {
                    return Err(self.reject(
                        codes::PERFORMANCE_SHARE_LIMIT,
                        "limits.performance",
                        format!("the maximum Award opportunity of a Performance Award is {} shares; this one is {}", l.display(), g.shares),
                    ));
                }
            }
        }
        // `limits.per-person` per-person calendar-year limits.
        if let Some(cat) = g.kind.limit_category() {
            let counts_now = cat != LimitCategory::Other
                || self.terms.other_awards_limit_counts == OtherAwardsCount::Grant
                || g.kind.delivered_at_grant();
            if counts_now {
                if let Some(c) = self.check_limit(&g.holder, cat, &shares, date, "granted")? {
                    check.computations.push(c);
                }
            }
        }
        // `limits.performance` cash limits.
        if g.kind == AwardKind::CashPerformance {
            if let (Some(limit), Some((start, end)), Some(amount)) =
                (self.limits.cash_performance, g.performance_period, g.amount)
            {
                let multi = calendar::anniversary(start, 1) <= end;
                // "the same fiscal year of the Company": a fact of the book,
                // not of the Plan, which does not state it.
                let Some(fye) = view.fiscal_year_end() else {
                    return Err(self.reject(
                        codes::MISSING_TERM,
                        "limits.performance",
                        format!("the {} limit counts Cash Performance Awards by fiscal year of the Company, and the book declares none: add `option fiscal-year-end MM-DD` to the journal", self.mark("limits.performance")),
                    ));
                };
                let fy = fye.fiscal_year_of(end);
                let used = self.committed_cash(&g.holder, fy, multi);
                let after = used.checked_add(amount).map_err(|e| {
                    self.reject(codes::ARITHMETIC, "limits.performance", e.to_string())
                })?;
                let (code, section, bucket) = if multi {
                    (
                        codes::CASH_LIMIT_MULTI,
                        "limits.performance.multi-year",
                        "multi-year performance periods",
                    )
                } else {
                    (
                        codes::CASH_LIMIT_SHORT,
                        "limits.performance.short-periods",
                        "performance periods of one year or less",
                    )
                };
                let c = Computed::new(
                    "Cash Performance Awards in the bucket",
                    after,
                    "maximum payable under earlier Awards + this Award",
                )
                .input("bucket", format!("{bucket} ending in fiscal year {fy}"))
                .input("earlier Awards", used)
                .input("this Award", amount)
                .input("limit", limit)
                .cite(self.clause(section));
                if after > limit {
                    return Err(self
                        .reject(
                            code,
                            section,
                            format!(
                                "no more than {limit} may be paid to `{}` under Cash Performance Awards for {bucket} ending in fiscal year {fy}: {used} already awarded + {amount} = {after}",
                                g.holder
                            ),
                        )
                        .with_help(c.render()));
                }
                check.computations.push(c);
            }
        }
        // `pool` pool.
        if !g.kind.is_cash() {
            let snap = crate::query::pool_on(self, date);
            let c = snap.computed(&self.terms);
            if shares > snap.available {
                return Err(self
                    .reject(
                        codes::POOL_EXHAUSTED,
                        "pool",
                        format!(
                            "{} shares are available for Awards; this Award needs {}",
                            snap.available.display(),
                            g.shares
                        ),
                    )
                    .with_help(c.render()));
            }
            check.computations.push(c);
            if g.kind.delivered_at_grant() && g.source == Source::Treasury {
                let t = view.treasury(&self.stock);
                if t < g.shares {
                    return Err(self.reject(
                        codes::TREASURY_SHORT,
                        "pool.no-fractional-shares",
                        format!("{t} treasury shares cannot cover {}", g.shares),
                    ));
                }
            }
        }
        Ok(check)
    }

    /// Code section 422(d): the fair market value (at grant) of ISO shares first
    /// exercisable by `holder` in each calendar year under this plan, by the
    /// vesting schedule of every ISO granted to them (what another plan's
    /// section 422(d) check needs: the limit counts "all plans of the individual's
    /// employer"). Awards without a known fair market value at grant are
    /// left out.
    pub fn iso_first_exercisable_by_year(
        &self,
        holder: &HolderId,
    ) -> std::collections::BTreeMap<i16, Exact> {
        let mut by_year = std::collections::BTreeMap::new();
        for a in self
            .awards
            .values()
            .filter(|a| a.kind == AwardKind::Iso && &a.participant == holder)
        {
            if let Some(f) = &a.fmv_at_grant {
                add_increments(&mut by_year, a.granted, &a.vesting, &a.total, f);
            }
        }
        by_year
    }

    /// Code section 422(d): the fair market value (at grant) of ISO shares first
    /// exercisable by the holder in each calendar year — under this plan and
    /// every other plan of the book (`BookView::iso_first_exercisable`) —
    /// with this grant; a message for each year the grant takes over the
    /// limit.
    fn iso_100k(
        &self,
        g: &GrantSpec,
        fmv: &Exact,
        date: calendar::Date,
        view: &dyn BookView,
    ) -> Option<String> {
        let limit = self.terms.iso_annual_exercisable_limit?;
        let mut by_year = self.iso_first_exercisable_by_year(&g.holder);
        let mut other_plans = Exact::zero();
        for (y, v) in view.iso_first_exercisable(&g.holder, &self.id) {
            let e = by_year.entry(y).or_insert_with(Exact::zero);
            *e = e.add(&v);
            other_plans = other_plans.add(&v);
        }
        add_increments(&mut by_year, date, &g.vesting, &g.shares.exact(), fmv);
        // Only the years this grant adds to.
        let years: Vec<i16> = g
            .vesting
            .increments(date)
            .iter()
            .map(|(d, _)| d.year())
            .collect();
        let over: Vec<String> = by_year
            .iter()
            .filter(|(y, v)| years.contains(y) && **v > limit.exact())
            .map(|(y, v)| format!("{y}: {}", v.display()))
            .collect();
        (!over.is_empty()).then(|| {
            format!(
                "ISOs first exercisable by `{}` exceed {limit} of fair market value in a calendar year ({}{}); the excess is not an ISO (Code section 422(d))",
                g.holder,
                over.join(", "),
                if other_plans.is_zero() {
                    String::new()
                } else {
                    format!(", including {} under the Company's other plans", other_plans.display())
                }
            )
        })
    }

    /// Checks one `limits.per-person` limit for `shares` more in `date`'s calendar year.
    pub(crate) fn check_limit(
        &self,
        holder: &HolderId,
        cat: LimitCategory,
        shares: &Exact,
        date: calendar::Date,
        verb: &str,
    ) -> Result<Option<Computed>, Rejection> {
        let Some(limit) = self.limit_of(cat) else {
            return Ok(None);
        };
        let year = date.year();
        let used = self.limit_used(holder, year, cat);
        let after = used.add(shares);
        let (code, what) = match cat {
            LimitCategory::Options => (
                codes::OPTION_LIMIT,
                "shares for which Stock Options are granted",
            ),
            LimitCategory::Sars => (codes::SAR_LIMIT, "shares subject to SARs granted"),
            LimitCategory::Other => (codes::OTHER_LIMIT, "shares subject to other Awards"),
        };
        let c = Computed::of_exact(
            format!("{what} to {holder} in {year}"),
            &after,
            "earlier in the calendar year + this Award",
        )
        .input_exact("earlier", &used)
        .input_exact("this Award", shares)
        .input_exact("limit", limit)
        .cite(self.clause("limits.per-person"));
        if &after > limit {
            return Err(self
                .reject(
                    code,
                    "limits.per-person",
                    format!(
                        "{what} to `{holder}` in calendar year {year} would be {} ({} earlier + {} {verb} now), over the limit of {}",
                        after.display(),
                        used.display(),
                        shares.display(),
                        limit.display()
                    ),
                )
                .with_help(c.render()));
        }
        Ok(Some(c))
    }

    pub(crate) fn commit_grant(
        &mut self,
        g: &GrantSpec,
        check: GrantCheck,
        view: &dyn BookView,
    ) -> Outcome {
        let date = view.date();
        let shares = g.shares.exact();
        let forms = g.payment_forms.clone().unwrap_or_else(|| {
            self.terms
                .default_payment_forms
                .iter()
                .filter_map(|f| crate::award::PaymentForm::parse(f))
                .collect()
        });
        let award = Award {
            id: g.award.clone(),
            kind: g.kind,
            participant: g.holder.clone(),
            holder: g.holder.clone(),
            granted: date,
            granted_shares: g.shares,
            total: shares.clone(),
            exercised: if g.kind.delivered_at_grant() {
                shares.clone()
            } else {
                Exact::zero()
            },
            returned: Exact::zero(),
            amount: g.amount,
            paid: Money::ZERO,
            exercise_price: g.exercise_price,
            fmv_at_grant: check.fmv.clone(),
            vesting: g.vesting.clone(),
            expiry: g.expiry,
            qualify_162m: g.qualify_162m,
            performance_period: g.performance_period,
            fiscal_year: g
                .performance_period
                .zip(view.fiscal_year_end())
                .map(|((_, end), fye)| fye.fiscal_year_of(end)),
            certification: None,
            payment_forms: forms,
            reload: g.reload,
            dividend_equivalents: g.dividend_equivalents,
            transferable: g.transferable,
            source: g.source,
            settlement: g.settlement,
            consideration: g.consideration,
            related_to: g.related_to.clone(),
            accelerated: None,
            service_ended: None,
            post_service_last: None,
            status: AwardStatus::Active,
            adjustment_factor: Exact::one(),
            alteration_reserved: g.alteration_reserved,
            after_death_months: g.after_death_months,
            after_cessation_months: g.after_cessation_months,
        };
        let mut out = Outcome::none();
        for c in check.computations {
            out = out.computed(c);
        }
        for (code, section, message) in check.warnings {
            out = out.warn(code, self.clause(section), message);
        }
        if let Some(cat) = g.kind.limit_category() {
            let counts_now = cat != LimitCategory::Other
                || self.terms.other_awards_limit_counts == OtherAwardsCount::Grant
                || g.kind.delivered_at_grant();
            if counts_now {
                self.uses.push(LimitUse {
                    holder: g.holder.clone(),
                    year: date.year(),
                    category: cat,
                    shares: shares.clone(),
                    award: g.award.clone(),
                    date,
                    why: "grant".into(),
                });
            }
        }
        match g.kind {
            k if k.is_cash() => {
                if matches!(k, AwardKind::CashGrant | AwardKind::Loan) {
                    if let Some(a) = g.amount {
                        out = out.effect(Effect::Cash {
                            holder: g.holder.clone(),
                            amount: a,
                            reason: format!(
                                "{} {} under {} (Exhibit A \"Award\")",
                                k.name(),
                                g.award,
                                self.id
                            ),
                        });
                    }
                }
            }
            k if k.delivered_at_grant() => {
                self.push(
                    date,
                    Some(&g.award),
                    Movement::GrantDelivered {
                        shares: shares.clone(),
                    },
                    "pool",
                );
                out = out.effect(self.issue(
                    &g.holder,
                    g.shares,
                    g.source == Source::Treasury,
                    format!(
                        "{} Stock Award {} under {} ({})",
                        k.name(),
                        g.award,
                        self.id,
                        self.mark("awards.not-requiring-exercise")
                    ),
                ));
                if let Some(p) = g.consideration {
                    if let Ok(m) = p.times(g.shares) {
                        if !m.is_zero() {
                            out = out.effect(Effect::Cash {
                                holder: g.holder.clone(),
                                amount: Money::new(-m.value()),
                                reason: format!(
                                    "consideration for Award {} ({})",
                                    g.award,
                                    self.mark("awards.not-requiring-exercise")
                                ),
                            });
                        }
                    }
                }
            }
            _ => self.push(date, Some(&g.award), Movement::Grant { shares }, "pool"),
        }
        self.order.push(g.award.clone());
        self.awards.insert(g.award.clone(), award);
        out
    }

    /// `limits.per-person` second sentence: "the repricing of a Stock Option or SAR shall be
    /// treated as a new grant to the extent required under Section 162(m)".
    /// The repriced shares count again against the holder's limit for the
    /// year of the repricing; an ISO must again be priced at fair market
    /// value (Code section 424(h)).
    pub(crate) fn reprice(
        &mut self,
        id: &str,
        price: Price,
        fmv: Option<Price>,
        consent: bool,
        view: &dyn BookView,
    ) -> Result<Outcome, Rejection> {
        let date = view.date();
        let a = self.award(id)?.clone();
        // `administration`: once communicated, terms may not be altered adversely without
        // the Participant's consent; a higher price is adverse.
        if a.exercise_price.is_some_and(|old| price > old) && !(consent || a.alteration_reserved) {
            return Err(self
                .reject(
                    codes::ADVERSE_WITHOUT_CONSENT,
                    "administration",
                    format!("raising the exercise price of `{id}` to {price} affects the Participant adversely"),
                )
                .with_help("record `consent: yes` if the Participant consents"));
        }
        if !a.kind.is_option_or_sar() {
            return Err(self.reject(
                codes::WRONG_KIND,
                "limits.per-person",
                format!("`{id}` is a {}, not a Stock Option or SAR", a.kind.name()),
            ));
        }
        if !a.is_active() {
            return Err(self.reject(
                codes::NOT_ACTIVE,
                "awards.vesting",
                format!("Award `{id}` is no longer outstanding"),
            ));
        }
        let outstanding = a.outstanding();
        let cat = a.kind.limit_category().unwrap_or(LimitCategory::Options);
        let mut out = Outcome::none();
        if let Some(c) = self.check_limit(&a.participant, cat, &outstanding, date, "repriced")? {
            out = out.computed(c);
        }
        if a.kind == AwardKind::Iso || a.qualify_162m {
            let (f, fc) = self.fmv(fmv, view, "exercise.price")?;
            let floor = if a.kind == AwardKind::Iso {
                let (vp, _) = self.voting_power(&a.participant, view);
                let (threshold, owner_factor) = self.iso_owner_rule()?;
                if vp > threshold.exact() {
                    f.mul(&owner_factor.exact())
                } else {
                    f.clone()
                }
            } else {
                f.clone()
            };
            if price.exact() < floor {
                let code = if a.kind == AwardKind::Iso {
                    codes::ISO_BELOW_FMV
                } else {
                    codes::QUALIFIED_BELOW_FMV
                };
                return Err(self.reject(
                    code,
                    "exercise.price",
                    format!(
                        "the new exercise price {price} is below {} (the repricing is a new grant)",
                        floor.display()
                    ),
                ));
            }
            out = out.computed(fc);
        }
        if a.source == Source::New && a.kind.is_option() && price < self.terms.par_value {
            return Err(self.reject(
                codes::PRICE_BELOW_PAR,
                "exercise.payment.par-value",
                format!("exercise price {price} below par {}", self.terms.par_value),
            ));
        }
        self.uses.push(LimitUse {
            holder: a.participant.clone(),
            year: date.year(),
            category: cat,
            shares: outstanding,
            award: id.to_string(),
            date,
            why: "repricing".into(),
        });
        let old = a.exercise_price;
        self.award_mut(id)?.exercise_price = Some(price);
        Ok(out.computed(
            Computed::new("exercise price", price, "repriced")
                .input("previous", old.map(|p| p.to_string()).unwrap_or_default())
                .cite(self.clause("limits.per-person")),
        ))
    }

    /// `awards.performance-qualified`: the Committee certifies whether the Performance Criteria
    /// were attained; if not, the Award is forfeited and no other Award may
    /// substitute for it.
    pub(crate) fn certify(
        &mut self,
        id: &str,
        attained: bool,
        shares: Option<Shares>,
        amount: Option<Money>,
        view: &dyn BookView,
    ) -> Result<Outcome, Rejection> {
        let date = view.date();
        let a = self.award(id)?.clone();
        if !a.is_active() {
            return Err(self.reject(
                codes::NOT_ACTIVE,
                "awards.performance-qualified",
                format!("Award `{id}` is no longer outstanding"),
            ));
        }
        if a.certification.is_some() {
            return Err(self.reject(
                codes::WRONG_KIND,
                "awards.performance-qualified",
                format!(
                    "Award `{id}` was already certified; the determination is final and conclusive"
                ),
            ));
        }
        let fraction = if !attained {
            Exact::zero()
        } else if a.kind == AwardKind::CashPerformance {
            match (amount, a.amount) {
                (Some(x), Some(max)) => {
                    if x > max {
                        return Err(self.reject(
                            codes::PAYMENT_OVER_AWARD,
                            "limits.performance",
                            format!("{x} earned exceeds the Award's maximum {max}"),
                        ));
                    }
                    x.exact().div(&max.exact()).unwrap_or_else(|_| Exact::one())
                }
                _ => Exact::one(),
            }
        } else {
            match shares {
                Some(s) => {
                    if s.exact() > a.total {
                        return Err(self.reject(
                            codes::WRONG_KIND,
                            "awards.performance-qualified",
                            format!(
                                "{s} shares earned exceeds the {} shares of the Award",
                                a.total.display()
                            ),
                        ));
                    }
                    s.exact().div(&a.total).unwrap_or_else(|_| Exact::one())
                }
                None => Exact::one(),
            }
        };
        let mut out = Outcome::none();
        let unearned = a.total.sub(&a.total.mul(&fraction));
        {
            let not_attained = format!(
                "Performance Criteria not attained ({})",
                self.mark("awards.performance-qualified")
            );
            let aw = self.award_mut(id)?;
            aw.certification = Some(Certification {
                on: date,
                attained,
                fraction: fraction.clone(),
            });
            // Performance vesting reads the certification; any other
            // schedule is also gated by it for a Section 162(m) Award.
            if !attained {
                aw.status = AwardStatus::Terminated {
                    on: date,
                    why: not_attained,
                };
            }
        }
        if !a.kind.is_cash() && !unearned.is_zero() {
            if a.kind.delivered_at_grant() {
                // Unearned Restricted Stock is forfeited and redelivered (iii).
                let sh = crate::to_shares(&unearned, &self.terms)?;
                if let Ok(aw) = self.award_mut(id) {
                    aw.exercised = aw.exercised.sub(&unearned);
                    aw.returned = aw.returned.add(&unearned);
                }
                self.push(
                    date,
                    Some(id),
                    Movement::ForfeitDelivered {
                        shares: unearned.clone(),
                    },
                    "pool.forfeited",
                );
                out = out.effect(Effect::Cancel {
                    security: self.stock.clone(),
                    holder: a.holder.clone(),
                    shares: sh,
                    to_treasury: true,
                    reason: format!(
                        "Restricted Stock of {id} forfeited: Performance Criteria not attained"
                    ),
                });
            } else {
                let outstanding = a.outstanding();
                let back = unearned.min(outstanding);
                if let Ok(aw) = self.award_mut(id) {
                    aw.returned = aw.returned.add(&back);
                }
                self.push(
                    date,
                    Some(id),
                    Movement::Return { shares: back },
                    "pool.unexercised",
                );
            }
        }
        Ok(out.computed(
            Computed::of_exact(
                "fraction of the Award earned",
                &fraction,
                "certified by the Committee",
            )
            .input("attained", if attained { "yes" } else { "no" })
            .cite(self.clause("awards.performance-qualified")),
        ))
    }
}

/// Adds to `by_year` the fair market value first vesting each year:
/// shares × the fraction vesting that day × fair market value at grant.
fn add_increments(
    by_year: &mut std::collections::BTreeMap<i16, Exact>,
    granted: calendar::Date,
    vesting: &crate::award::Vesting,
    shares: &Exact,
    fmv: &Exact,
) {
    for (d, inc) in vesting.increments(granted) {
        let v = by_year.entry(d.year()).or_insert_with(Exact::zero);
        *v = v.add(&shares.mul(&inc).mul(fmv));
    }
}
