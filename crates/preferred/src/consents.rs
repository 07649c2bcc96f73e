//! Protective provisions: actions that need the consent of the series'
//! holders (`[[protective_provisions]]`), and the consents the journal
//! records (`consent <instrument> <action> consenting: h1, h2`).
//!
//! A consent counts when the consenting holders held, on its date, more
//! than the provision's `requisite_fraction` of the series outstanding. An
//! action a provision lists is refused, citing the provision, unless such a
//! consent was recorded on or before it.

use crate::liquidation_terms::codes;
use crate::state::Preferred;
use calendar::Date;
use serde::Serialize;
use terms::{BookView, HolderId, Outcome, Rejection};
use units::{Computed, Exact};

/// A consent recorded for one action.
#[derive(Clone, Debug, Serialize)]
pub struct Consent {
    pub date: Date,
    pub action: String,
    pub holders: Vec<HolderId>,
    /// Whether the consenting holders held more than the requisite fraction.
    pub sufficient: bool,
    /// Used by the action it allowed (a consent allows one action).
    pub used: bool,
}

impl Preferred {
    /// `consent`: records the holders' consent to `action` on `view.date()`.
    pub fn consent(
        &mut self,
        action: &str,
        holders: &[HolderId],
        view: &dyn BookView,
    ) -> Result<Outcome, Rejection> {
        let key = format!("protective-provisions.{action}");
        let Some(p) = self
            .terms
            .protective_provisions
            .iter()
            .find(|p| p.action == action)
        else {
            return Err(Rejection::new(
                codes::BAD_CONSENT,
                self.cite("liquidation.rank"),
                format!(
                    "the terms of {} list no protective provision for `{action}`",
                    self.security
                ),
            ));
        };
        let required = p.requisite_fraction.exact();
        let outstanding = view.outstanding(&self.security).exact();
        let mut held = Exact::zero();
        for h in holders {
            held = held.add(&view.position(h, &self.security).exact());
        }
        let fraction = if outstanding.is_zero() {
            Exact::zero()
        } else {
            held.div(&outstanding)
                .map_err(|e| crate::liquidation_terms::arith_at(self.cite(&key), e))?
        };
        let sufficient = fraction > required;
        let c = Computed::of_exact(
            format!("consent to {action}"),
            &fraction,
            "shares held by the consenting holders / shares of the series outstanding (must exceed the requisite fraction)",
        )
        .input_exact("held by the consenting holders", &held)
        .input_exact("outstanding", &outstanding)
        .input_exact("requisite fraction", &required)
        .input("sufficient", sufficient)
        .cite(self.cite(&key));
        let mut out = Outcome::none().computed(c);
        if !sufficient {
            out.warnings.push(terms::Warning {
                code: "W0210",
                clause: self.cite(&key),
                message: format!(
                    "the consenting holders hold {} of {}, not more than the requisite {}: the consent does not allow the action",
                    fraction.display(),
                    self.security,
                    required.display()
                ),
            });
        }
        self.consents.push(Consent {
            date: view.date(),
            action: action.to_string(),
            holders: holders.to_vec(),
            sufficient,
            used: false,
        });
        Ok(out)
    }

    /// Checks that `action`, which a protective provision of the series may
    /// list, has a sufficient unused consent recorded on or before `date`;
    /// marks it used. `what` describes the action for the refusal.
    pub fn require_consent(
        &mut self,
        action: &str,
        date: Date,
        what: &str,
    ) -> Result<(), Rejection> {
        if !self
            .terms
            .protective_provisions
            .iter()
            .any(|p| p.action == action)
        {
            return Ok(());
        }
        let key = format!("protective-provisions.{action}");
        match self
            .consents
            .iter_mut()
            .find(|c| c.action == action && c.sufficient && !c.used && c.date <= date)
        {
            Some(c) => {
                c.used = true;
                Ok(())
            }
            None => Err(Rejection::new(
                codes::NO_CONSENT,
                self.cite(&key),
                format!(
                    "{what} needs the consent of the holders of {} (protective provision `{action}`), and none sufficient is recorded",
                    self.security
                ),
            )
            .with_help(format!(
                "record it first: `consent {} {action} consenting: <holders>`",
                self.id
            ))),
        }
    }

    /// A new preferred series of seniority `seniority` is created: refused
    /// when it ranks at or above this series and the provision
    /// `create-senior-or-parity-series` has no sufficient consent.
    pub fn on_new_series(
        &mut self,
        security: &terms::SecurityId,
        seniority: i64,
        date: Date,
    ) -> Result<(), Rejection> {
        if *security == self.security || seniority < self.terms.seniority() {
            return Ok(());
        }
        let rank = if seniority > self.terms.seniority() {
            "senior to"
        } else {
            "on a parity with"
        };
        self.require_consent(
            "create-senior-or-parity-series",
            date,
            &format!("creating {security}, ranking {rank} {}", self.security),
        )
    }
}
