//! CoD §2 "Change of Control", evaluated from the journal.
//!
//! A Change of Control opens the holders' §6.3 election (redeem at the
//! Liquidation Preference or convert, within thirty days after the Change of
//! Control Notice). The definition has three limbs, each evaluated here from
//! recorded facts, never guessed:
//!
//! * (a) a person or group other than Series B holders becomes the
//!   beneficial owner of more than 50% of the total voting stock:
//!   `beneficial-owner <instrument> <person> <fraction>`;
//! * (b) a merger, consolidation or sale of all or substantially all assets
//!   after which the prior voting holders hold less than 50% (the
//!   `reorganize` corporate action's `prior-holders-voting:`), or after which
//!   a person holds more than 50% of the survivor (`beneficial-owner ...
//!   of: surviving` on the same date), with the proviso's 50% continuity
//!   exception;
//! * (c) within any consecutive two-year period the continuing directors
//!   (those in office at the start, plus directors approved by a majority of
//!   continuing directors then in office, plus Series B nominees) cease to be
//!   a majority of the Board, other than pursuant to the Purchase Agreement:
//!   `board`, `director-elected`, `director-left`.
//!
//! `change-of-control <instrument> <a|b|c>` records one determined outside
//! the journal's facts. [`evaluate`] is the pure evaluator over a sequence of
//! dated facts; [`ChangeOfControlTracker`] keeps the facts for an instrument.
//! The event catalogue is docs/journal.md, "#### `convertible-preferred`".

use actions::{CorporateAction, ReorganizationKind};
use calendar::Date;
use journal::{Diagnostic, Directive};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use terms::fields::Reader;
use terms::{BookView, InstrumentId, Outcome, Rejection};
use units::{Clause, Computed, Rate};

fn cod2(limb: char) -> Clause {
    Clause::new("CoD", format!("2 \"Change of Control\" ({limb})"))
}

/// Term-file section `[change_of_control]` (CoD §2, §6.3). Every field is
/// one of the document's numbers and must be stated.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ChangeOfControlTerms {
    /// CoD §2(a), (b): "more than 50% of the total voting stock" (0.50; the
    /// owner must hold strictly more).
    pub ownership_threshold: Rate,
    /// CoD §2(b) "hold less than 50%" and the proviso "hold 50% or more"
    /// (0.50; exactly 50% is continuity, not a Change of Control).
    pub continuity_threshold: Rate,
    /// CoD §2(c): "during any consecutive two-year period" (2).
    pub board_period_years: i16,
    /// CoD §6.3: "Within thirty days after the Corporation sends a Change of
    /// Control Notice" (30): the last day of the holders' election is the
    /// notice date plus this many days.
    pub election_days: i32,
}

/// Checks the `[change_of_control]` table's numbers.
pub fn validate(c: &ChangeOfControlTerms) -> Result<(), terms::FieldError> {
    use terms::toml_load::{not_negative, positive};
    not_negative(
        "change_of_control.ownership-threshold",
        c.ownership_threshold,
        "a fraction of the voting stock",
    )?;
    not_negative(
        "change_of_control.continuity-threshold",
        c.continuity_threshold,
        "a fraction of the voting stock",
    )?;
    positive(
        "change_of_control.board-period-years",
        c.board_period_years,
        "a period in years",
    )?;
    not_negative(
        "change_of_control.election-days",
        c.election_days,
        "a number of days",
    )
}

/// A Change of Control: its date (the §6.3 redemption date and the §8.5
/// deemed conversion date), the limb of the definition, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ChangeOfControl {
    pub date: Date,
    /// `a`, `b` or `c`.
    pub clause_letter: char,
    pub description: String,
    pub computation: Computed,
}

/// The preferred-instrument events of this module (first argument: the
/// instrument id).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum ControlEvent {
    /// `beneficial-owner <instrument> <person> <fraction>`: the person or
    /// group's beneficial ownership of the total voting stock.
    BeneficialOwner {
        instrument: InstrumentId,
        person: String,
        fraction: Rate,
        /// `series-b-holder: yes`: excluded from (a) and (b).
        series_b_holder: bool,
        /// `of: surviving`: of the surviving or transferee company or its
        /// parent after a transaction (limb (b)).
        of_surviving: bool,
    },
    /// `board <instrument> <director>...`: the Board of Directors in office
    /// (declared once; later changes are elections and departures).
    Board {
        instrument: InstrumentId,
        directors: Vec<String>,
    },
    /// `director-elected <instrument> <director>`.
    DirectorElected {
        instrument: InstrumentId,
        director: String,
        /// `approved-by: d1 d2 ...`: the directors who voted for the
        /// election or nomination.
        approved_by: Option<Vec<String>>,
        /// `approved-by-continuing: yes`: asserted approval by a majority of
        /// the continuing directors (used when `approved-by:` is absent).
        approved_by_continuing: bool,
        /// `nominated-by-series-b: yes`.
        nominated_by_series_b: bool,
        /// `under-purchase-agreement: yes`.
        under_purchase_agreement: bool,
    },
    /// `director-left <instrument> <director>` (resignation, removal, death,
    /// end of term).
    DirectorLeft {
        instrument: InstrumentId,
        director: String,
        under_purchase_agreement: bool,
    },
    /// `change-of-control <instrument> <a|b|c>`: determined outside the
    /// journal's facts.
    Declared {
        instrument: InstrumentId,
        letter: char,
        description: String,
    },
}

/// The keywords of [`resolve`].
pub const KEYWORDS: &[&str] = &[
    "beneficial-owner",
    "board",
    "director-elected",
    "director-left",
    "change-of-control",
];

/// A fraction of voting stock: `0.51` or `51%`.
fn parse_fraction(r: &mut Reader<'_>, text: &str, span: journal::Span) -> Option<Rate> {
    let (num, pct) = match text.strip_suffix('%') {
        Some(n) => (n, true),
        None => (text, false),
    };
    let parsed = units::parse_decimal(num).ok().and_then(|d| {
        if pct {
            d.checked_div(units::Decimal::ONE_HUNDRED)
        } else {
            Some(d)
        }
    });
    match parsed {
        Some(d) if !d.is_sign_negative() && d <= units::Decimal::ONE => Some(Rate::new(d)),
        _ => {
            r.error(
                Diagnostic::error(
                    "E0104",
                    Some(span),
                    format!("`{text}` is not a fraction of the voting stock"),
                )
                .with_help("write a fraction between 0 and 1 (`0.51`) or a percentage (`51%`)"),
            );
            None
        }
    }
}

/// Resolves a Change of Control directive; `None` if the keyword is not one
/// of [`KEYWORDS`].
pub fn resolve(d: &Directive) -> Option<Result<ControlEvent, Vec<Diagnostic>>> {
    let kw = d.keyword.text.as_str();
    let out = match kw {
        "beneficial-owner" => {
            let mut r = Reader::new(
                d,
                "beneficial-owner <instrument> <person> <fraction|percent>  (series-b-holder:, of: company|surviving)",
            );
            let instrument = r.arg_instrument(0);
            let person = r.arg_str(1, "person or group");
            let fraction = r
                .arg_token(2, "fraction of the voting stock")
                .and_then(|t| parse_fraction(&mut r, &t.text, t.span));
            let series_b_holder = r.meta_bool("series-b-holder").unwrap_or(false);
            let of = r.meta_choice("of", &["company", "surviving"]);
            r.finish().map(|_| ControlEvent::BeneficialOwner {
                instrument: instrument.unwrap_or_else(|| InstrumentId::new("?")),
                person: person.unwrap_or_default(),
                fraction: fraction.unwrap_or_default(),
                series_b_holder,
                of_surviving: of == Some("surviving"),
            })
        }
        "board" => {
            let mut r = Reader::new(d, "board <instrument> <director> <director> ...");
            let instrument = r.arg_instrument(0);
            let _ = r.arg_token(1, "director");
            let directors: Vec<String> = d.args.iter().skip(1).map(|t| t.text.clone()).collect();
            for i in 1..d.args.len() {
                let _ = r.arg_opt(i);
            }
            r.finish().map(|_| ControlEvent::Board {
                instrument: instrument.unwrap_or_else(|| InstrumentId::new("?")),
                directors,
            })
        }
        "director-elected" => {
            let mut r = Reader::new(
                d,
                "director-elected <instrument> <director>  (approved-by:, approved-by-continuing:, nominated-by-series-b:, under-purchase-agreement:)",
            );
            let instrument = r.arg_instrument(0);
            let director = r.arg_str(1, "director");
            let approved_by = r
                .meta_str("approved-by")
                .map(|s| s.split_whitespace().map(str::to_string).collect());
            let approved_by_continuing = r.meta_bool("approved-by-continuing").unwrap_or(false);
            let nominated_by_series_b = r.meta_bool("nominated-by-series-b").unwrap_or(false);
            let under_purchase_agreement = r.meta_bool("under-purchase-agreement").unwrap_or(false);
            r.finish().map(|_| ControlEvent::DirectorElected {
                instrument: instrument.unwrap_or_else(|| InstrumentId::new("?")),
                director: director.unwrap_or_default(),
                approved_by,
                approved_by_continuing,
                nominated_by_series_b,
                under_purchase_agreement,
            })
        }
        "director-left" => {
            let mut r = Reader::new(
                d,
                "director-left <instrument> <director>  (under-purchase-agreement:)",
            );
            let instrument = r.arg_instrument(0);
            let director = r.arg_str(1, "director");
            let under_purchase_agreement = r.meta_bool("under-purchase-agreement").unwrap_or(false);
            r.finish().map(|_| ControlEvent::DirectorLeft {
                instrument: instrument.unwrap_or_else(|| InstrumentId::new("?")),
                director: director.unwrap_or_default(),
                under_purchase_agreement,
            })
        }
        "change-of-control" => {
            let mut r = Reader::new(d, "change-of-control <instrument> a|b|c  (description:)");
            let instrument = r.arg_instrument(0);
            let letter = r
                .arg_token(1, "limb of the definition (a, b or c)")
                .and_then(|t| r.choice_of(t, &["a", "b", "c"]));
            let description = r.meta_str("description");
            r.finish().map(|_| ControlEvent::Declared {
                instrument: instrument.unwrap_or_else(|| InstrumentId::new("?")),
                letter: letter.and_then(|l| l.chars().next()).unwrap_or('a'),
                description: description.unwrap_or_else(|| "recorded in the journal".into()),
            })
        }
        _ => return None,
    };
    Some(out)
}

/// One dated fact the evaluator reads.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum ControlFact {
    Event(ControlEvent),
    /// A `reorganize` corporate action (CoD §2(b)).
    Reorganization {
        kind: ReorganizationKind,
        prior_holders_voting: Option<Rate>,
    },
}

/// A fact with its date, in journal order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DatedFact {
    pub date: Date,
    pub fact: ControlFact,
}

/// The Board as the facts left it: directors in office, and whether a
/// `board` declaration was seen.
#[derive(Clone, Debug, Default)]
struct BoardState {
    declared: bool,
    in_office: BTreeSet<String>,
}

fn board_after(facts: &[DatedFact]) -> BoardState {
    let mut b = BoardState::default();
    for f in facts {
        match &f.fact {
            ControlFact::Event(ControlEvent::Board { directors, .. }) => {
                b.declared = true;
                b.in_office = directors.iter().cloned().collect();
            }
            ControlFact::Event(ControlEvent::DirectorElected { director, .. }) => {
                b.in_office.insert(director.clone());
            }
            ControlFact::Event(ControlEvent::DirectorLeft { director, .. }) => {
                b.in_office.remove(director);
            }
            _ => {}
        }
    }
    b
}

fn pct(r: Rate) -> String {
    format!("{}%", (r.value() * units::Decimal::ONE_HUNDRED).normalize())
}

/// Whether the continuing directors are a majority of those in office.
fn majority(continuing: &BTreeSet<String>, in_office: &BTreeSet<String>) -> bool {
    let c = continuing.intersection(in_office).count();
    2 * c > in_office.len()
}

/// Limb (c) for the fact at `k`: the continuing directors of some two-year
/// period containing its date ceased, by this event, to be a majority.
fn board_step(
    facts: &[DatedFact],
    k: usize,
    terms: &ChangeOfControlTerms,
) -> Option<ChangeOfControl> {
    let event = facts.get(k)?;
    let pa_event = match &event.fact {
        ControlFact::Event(ControlEvent::DirectorElected {
            under_purchase_agreement,
            ..
        })
        | ControlFact::Event(ControlEvent::DirectorLeft {
            under_purchase_agreement,
            ..
        }) => *under_purchase_agreement,
        _ => return None,
    };
    let e = event.date;
    // Periods containing `e` start between e − 2 years + 1 day and e. The
    // Board at a period's start changes only at events, so the distinct
    // starts are the earliest one and the day after each earlier event.
    let earliest = calendar::anniversary(e, -terms.board_period_years);
    let earliest = earliest.tomorrow().unwrap_or(earliest);
    let mut starts: BTreeSet<Date> = BTreeSet::new();
    starts.insert(earliest);
    for f in facts.iter().take(k) {
        if f.date >= earliest.yesterday().unwrap_or(earliest) && f.date < e {
            if let Ok(s) = f.date.tomorrow() {
                if s >= earliest {
                    starts.insert(s);
                }
            }
        }
    }
    for s in starts {
        let before: Vec<DatedFact> = facts
            .iter()
            .take(k)
            .filter(|f| f.date < s)
            .cloned()
            .collect();
        let b = board_after(&before);
        let mut in_office = b.in_office.clone();
        let mut continuing = b.in_office.clone();
        let mut majority_before = majority(&continuing, &in_office);
        let mut approvals: Vec<String> = Vec::new();
        for (j, f) in facts.iter().enumerate().take(k + 1) {
            if f.date < s {
                continue;
            }
            if j == k {
                majority_before = majority(&continuing, &in_office);
            }
            match &f.fact {
                ControlFact::Event(ControlEvent::Board { directors, .. }) => {
                    in_office = directors.iter().cloned().collect();
                    continuing = in_office.clone();
                }
                ControlFact::Event(ControlEvent::DirectorElected {
                    director,
                    approved_by,
                    approved_by_continuing,
                    nominated_by_series_b,
                    under_purchase_agreement,
                    ..
                }) => {
                    let cio: BTreeSet<String> =
                        continuing.intersection(&in_office).cloned().collect();
                    let approved = match approved_by {
                        Some(voters) => {
                            let yes = voters.iter().filter(|v| cio.contains(*v)).count();
                            2 * yes > cio.len()
                        }
                        None => *approved_by_continuing,
                    };
                    in_office.insert(director.clone());
                    if approved || *nominated_by_series_b || *under_purchase_agreement {
                        continuing.insert(director.clone());
                        if j == k {
                            approvals.push(director.clone());
                        }
                    }
                }
                ControlFact::Event(ControlEvent::DirectorLeft { director, .. }) => {
                    in_office.remove(director);
                    continuing.remove(director);
                }
                _ => {}
            }
        }
        let majority_after = majority(&continuing, &in_office);
        if majority_before && !majority_after && !pa_event && !in_office.is_empty() {
            let cont = continuing.intersection(&in_office).count();
            let end = calendar::anniversary(s, terms.board_period_years);
            let computation = Computed::new(
                "continuing directors",
                format!("{cont} of {}", in_office.len()),
                "continuing directors in office ÷ directors in office must stay above one half",
            )
            .input("period begins", s)
            .input("period ends (exclusive)", end)
            .input(
                "directors in office",
                in_office.iter().cloned().collect::<Vec<_>>().join(" "),
            )
            .input(
                "continuing directors in office",
                continuing
                    .intersection(&in_office)
                    .cloned()
                    .collect::<Vec<_>>()
                    .join(" "),
            )
            .cite(cod2('c'));
            return Some(ChangeOfControl {
                date: e,
                clause_letter: 'c',
                description: format!(
                    "directors continuing since {s} ceased to be a majority of the Board ({cont} of {})",
                    in_office.len()
                ),
                computation,
            });
        }
    }
    None
}

/// The Change of Control, if any, that the fact at index `k` causes, given
/// every fact before it. Pure.
pub fn evaluate_step(
    facts: &[DatedFact],
    k: usize,
    terms: &ChangeOfControlTerms,
) -> Option<ChangeOfControl> {
    let f = facts.get(k)?;
    let own = terms.ownership_threshold;
    let cont = terms.continuity_threshold;
    match &f.fact {
        ControlFact::Event(ControlEvent::Declared {
            letter,
            description,
            ..
        }) => Some(ChangeOfControl {
            date: f.date,
            clause_letter: *letter,
            description: description.clone(),
            computation: Computed::new("Change of Control", "recorded", "recorded in the journal")
                .input("description", description)
                .cite(cod2(*letter)),
        }),
        ControlFact::Event(ControlEvent::BeneficialOwner {
            person,
            fraction,
            series_b_holder,
            of_surviving,
            ..
        }) => {
            if *series_b_holder || fraction.value() <= own.value() {
                return None;
            }
            // "becomes": only the crossing counts; the previous holding of
            // the same person in the same company must not already exceed it.
            let previous = facts.iter().take(k).rev().find_map(|g| match &g.fact {
                ControlFact::Event(ControlEvent::BeneficialOwner {
                    person: p,
                    fraction,
                    of_surviving: s,
                    ..
                }) if p == person && s == of_surviving => Some(*fraction),
                _ => None,
            });
            if previous.is_some_and(|p| p.value() > own.value()) {
                return None;
            }
            let letter = if *of_surviving { 'b' } else { 'a' };
            if *of_surviving {
                // The proviso: no merger or consolidation immediately after
                // which the prior holders hold 50% or more is a Change of
                // Control, whoever else holds more than 50%.
                let excused = facts.iter().take(k).any(|g| {
                    g.date == f.date
                        && matches!(&g.fact, ControlFact::Reorganization {
                            kind: ReorganizationKind::Merger | ReorganizationKind::Consolidation,
                            prior_holders_voting: Some(p),
                        } if p.value() >= cont.value())
                });
                if excused {
                    return None;
                }
            }
            let computation = Computed::new(
                "beneficial ownership of the total voting stock",
                pct(*fraction),
                "a person or group other than Series B holders holds more than the threshold",
            )
            .input("person or group", person)
            .input("threshold (more than)", pct(own))
            .input(
                "previous holding",
                previous.map(pct).unwrap_or_else(|| "none recorded".into()),
            )
            .cite(cod2(letter));
            Some(ChangeOfControl {
                date: f.date,
                clause_letter: letter,
                description: format!(
                    "{person} became the beneficial owner of {} of the total voting stock{}",
                    pct(*fraction),
                    if *of_surviving {
                        " of the surviving or transferee company"
                    } else {
                        ""
                    }
                ),
                computation,
            })
        }
        ControlFact::Reorganization {
            kind,
            prior_holders_voting,
        } => {
            let what = match kind {
                ReorganizationKind::Reclassification => return None,
                ReorganizationKind::Merger => "merger",
                ReorganizationKind::Consolidation => "consolidation",
                ReorganizationKind::AssetSale => "sale of all or substantially all assets",
            };
            let p = (*prior_holders_voting)?;
            if p.value() >= cont.value() {
                return None;
            }
            let computation = Computed::new(
                "prior voting holders' share of the survivor or transferee",
                pct(p),
                "holders of the voting stock immediately prior hold less than the threshold immediately after",
            )
            .input("transaction", what)
            .input("threshold (less than)", pct(cont))
            .cite(cod2('b'));
            Some(ChangeOfControl {
                date: f.date,
                clause_letter: 'b',
                description: format!(
                    "{what} after which the prior holders of voting stock hold {} of the surviving or transferee company",
                    pct(p)
                ),
                computation,
            })
        }
        ControlFact::Event(_) => board_step(facts, k, terms),
    }
}

/// Every Change of Control the facts establish, in order. Pure.
pub fn evaluate(facts: &[DatedFact], terms: &ChangeOfControlTerms) -> Vec<ChangeOfControl> {
    (0..facts.len())
        .filter_map(|k| evaluate_step(facts, k, terms))
        .collect()
}

/// Rejection codes of this module.
pub mod codes {
    /// A director elected who is already in office.
    pub const ALREADY_IN_OFFICE: &str = "R0280";
    /// A director leaving who is not in office.
    pub const NOT_IN_OFFICE: &str = "R0281";
    /// `board` declared twice, or a director event before any `board`.
    pub const BOARD_DECLARATION: &str = "R0282";
}

/// The facts one Series B instrument has seen, and the Changes of Control
/// they established.
#[derive(Clone, Debug, Default, Serialize)]
pub struct ChangeOfControlTracker {
    facts: Vec<DatedFact>,
    occurrences: Vec<ChangeOfControl>,
    /// Latest beneficial ownership per person (for status).
    owners: BTreeMap<String, Rate>,
}

impl ChangeOfControlTracker {
    /// Applies one of the [`KEYWORDS`] events on `view.date()`; returns the
    /// Change of Control it causes, if any. Validates first.
    pub fn apply(
        &mut self,
        event: &ControlEvent,
        terms: &ChangeOfControlTerms,
        view: &dyn BookView,
    ) -> Result<(Outcome, Option<ChangeOfControl>), Rejection> {
        let board = board_after(&self.facts);
        let c = Clause::new("CoD", "2 \"Change of Control\" (c)");
        match event {
            ControlEvent::Board { .. } if board.declared => {
                return Err(Rejection::new(
                    codes::BOARD_DECLARATION,
                    c,
                    "the Board was already declared; later changes are `director-elected` and `director-left`",
                ))
            }
            ControlEvent::DirectorElected { director, .. } | ControlEvent::DirectorLeft { director, .. }
                if !board.declared =>
            {
                return Err(Rejection::new(
                    codes::BOARD_DECLARATION,
                    c,
                    format!("`{director}`: declare the Board with `board <instrument> <director>...` first"),
                ))
            }
            ControlEvent::DirectorElected { director, .. } if board.in_office.contains(director) => {
                return Err(Rejection::new(
                    codes::ALREADY_IN_OFFICE,
                    c,
                    format!("`{director}` is already a director"),
                ))
            }
            ControlEvent::DirectorLeft { director, .. } if !board.in_office.contains(director) => {
                return Err(Rejection::new(
                    codes::NOT_IN_OFFICE,
                    c,
                    format!("`{director}` is not a director"),
                )
                .with_help(format!(
                    "directors in office: {}",
                    board.in_office.iter().cloned().collect::<Vec<_>>().join(" ")
                )))
            }
            _ => {}
        }
        if let ControlEvent::BeneficialOwner {
            person,
            fraction,
            of_surviving: false,
            ..
        } = event
        {
            self.owners.insert(person.clone(), *fraction);
        }
        Ok(self.push(view.date(), ControlFact::Event(event.clone()), terms))
    }

    /// Reads a corporate action for limb (b). Never rejects; a merger or
    /// asset sale without `prior-holders-voting:` is a warning, since the
    /// limb cannot be evaluated.
    pub fn on_action(
        &mut self,
        action: &CorporateAction,
        terms: &ChangeOfControlTerms,
        view: &dyn BookView,
    ) -> (Outcome, Option<ChangeOfControl>) {
        let CorporateAction::Reorganization {
            kind,
            prior_holders_voting_percent,
            ..
        } = action
        else {
            return (Outcome::none(), None);
        };
        let (mut out, coc) = self.push(
            view.date(),
            ControlFact::Reorganization {
                kind: *kind,
                prior_holders_voting: *prior_holders_voting_percent,
            },
            terms,
        );
        if prior_holders_voting_percent.is_none() && *kind != ReorganizationKind::Reclassification {
            out = out.warn(
                "W0280",
                cod2('b'),
                "Change of Control (b) cannot be evaluated: record `prior-holders-voting:` on the `reorganize` event",
            );
        }
        (out, coc)
    }

    fn push(
        &mut self,
        date: Date,
        fact: ControlFact,
        terms: &ChangeOfControlTerms,
    ) -> (Outcome, Option<ChangeOfControl>) {
        self.facts.push(DatedFact { date, fact });
        let k = self.facts.len() - 1;
        let coc = evaluate_step(&self.facts, k, terms);
        let mut out = Outcome::none();
        if let Some(c) = &coc {
            out = out.computed(c.computation.clone());
            self.occurrences.push(c.clone());
        }
        (out, coc)
    }

    /// Every Change of Control so far.
    pub fn occurrences(&self) -> &[ChangeOfControl] {
        &self.occurrences
    }

    /// The most recent Change of Control.
    pub fn latest(&self) -> Option<&ChangeOfControl> {
        self.occurrences.last()
    }

    /// The facts recorded, in order.
    pub fn facts(&self) -> &[DatedFact] {
        &self.facts
    }

    /// Directors in office now.
    pub fn directors(&self) -> Vec<String> {
        board_after(&self.facts).in_office.into_iter().collect()
    }

    /// Latest recorded beneficial ownership of the Corporation's voting stock.
    pub fn owners(&self) -> &BTreeMap<String, Rate> {
        &self.owners
    }
}
