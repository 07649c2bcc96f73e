//! `transfer`: certificates, their holders, transfer and replacement.

use crate::codes::*;
use crate::event::ShareCount;
use crate::state::{Certificate, Warrant};
use calendar::Date;
use terms::{BookView, HolderId, Outcome, Rejection};
use units::{Computed, Shares};

impl Warrant {
    pub(crate) fn next_certificate_number(&self) -> String {
        format!("{}-{}", self.id, self.certificates.len() + 1)
    }

    pub(crate) fn issue_certificate(
        &mut self,
        holder: HolderId,
        shares: Shares,
        issued: Date,
        origin: String,
    ) -> String {
        let number = self.next_certificate_number();
        self.certificates.push(Certificate {
            number: number.clone(),
            holder,
            shares,
            issued,
            origin,
            cancelled: None,
            cancel_reason: None,
        });
        number
    }

    pub(crate) fn cancel_certificate(
        &mut self,
        holder: &HolderId,
        day: Date,
        reason: &str,
    ) -> Option<Certificate> {
        let c = self
            .certificates
            .iter_mut()
            .find(|c| c.cancelled.is_none() && &c.holder == holder)?;
        c.cancelled = Some(day);
        c.cancel_reason = Some(reason.to_string());
        Some(c.clone())
    }

    /// The holder an event concerns: the one named, or the only holder.
    pub(crate) fn resolve_holder(&self, named: Option<&HolderId>) -> Result<HolderId, Rejection> {
        match named {
            Some(h) => {
                if self.certificate_of(h).is_some() {
                    Ok(h.clone())
                } else {
                    Err(Rejection::new(
                        NOT_HELD,
                        self.clause("transfer.ownership"),
                        format!("{h} holds no certificate of warrant {}", self.id),
                    ))
                }
            }
            None => {
                let holders: Vec<&Certificate> = self.live().collect();
                match holders.as_slice() {
                    [one] => Ok(one.holder.clone()),
                    [] => Err(Rejection::new(
                        NOT_HELD,
                        self.clause("transfer.ownership"),
                        format!("warrant {} has no outstanding certificate", self.id),
                    )
                    .with_help("record the issuance with `issue-warrant` first")),
                    _ => Err(Rejection::new(
                        AMBIGUOUS_HOLDER,
                        self.clause("transfer.ownership"),
                        format!("warrant {} has several holders; say which", self.id),
                    )
                    .with_help("add `holder: <id>` (or `from: <id>` for a transfer)")),
                }
            }
        }
    }

    /// `transfer.exchange`: transfer in whole or in part; new Warrants of the same tenor
    /// to the transferee (consolidated with any it holds) and for the balance.
    pub(crate) fn transfer(
        &mut self,
        view: &dyn BookView,
        to: &HolderId,
        shares: &ShareCount,
        from: &Option<HolderId>,
    ) -> Result<Outcome, Rejection> {
        let today = view.date();
        let mut outcome = Outcome::none();
        let from = self.resolve_holder(from.as_ref())?;
        if !self.exercisable_on(today) {
            return Err(Rejection::new(
                OUTSIDE_TERM,
                self.clause("term"),
                format!(
                    "warrant {} cannot be transferred on {today}: it is not outstanding",
                    self.id
                ),
            ));
        }
        if !view.holder_exists(to) {
            return Err(Rejection::new(
                UNKNOWN_HOLDER,
                self.clause("transfer.exchange"),
                format!("holder {to} is not declared"),
            ));
        }
        if to == &from {
            return Err(Rejection::new(
                TRANSFER_BAD,
                self.clause("transfer.exchange"),
                format!("{from} cannot transfer to itself"),
            ));
        }
        let held = self
            .certificate_of(&from)
            .map(|c| c.shares)
            .unwrap_or(Shares::ZERO);
        let n = match shares {
            ShareCount::All => held,
            ShareCount::Count(n) => *n,
        };
        if n.is_zero() || n.is_negative() {
            return Err(Rejection::new(
                ZERO_SHARES,
                self.clause("transfer.exchange"),
                "a transfer must be of a positive number of shares",
            ));
        }
        if n.value().normalize().scale() > 1 {
            return Err(Rejection::new(
                TRANSFER_BAD,
                self.clause("share-adjustment"),
                format!("{n} is finer than the tenth of a share the warrant is kept in"),
            ));
        }
        if n > held {
            return Err(Rejection::new(
                TRANSFER_TOO_MANY,
                self.clause("transfer.exchange"),
                format!(
                    "{from} holds rights to {held} shares under {}, not {n}",
                    self.id
                ),
            ));
        }
        let mut next = self.clone();
        let old = next.cancel_certificate(&from, today, "surrendered for transfer");
        let old_no = old.map(|c| c.number).unwrap_or_default();
        let mut to_total = n;
        if let Some(prev) = next.cancel_certificate(to, today, "consolidated on transfer") {
            to_total = to_total
                .checked_add(prev.shares)
                .map_err(|e| self.arith(e))?;
        }
        let rest = held.checked_sub(n).map_err(|e| self.arith(e))?;
        let to_no = next.issue_certificate(
            to.clone(),
            to_total,
            today,
            format!("transfer of {n} from {from} ({old_no})"),
        );
        let mut c = Computed::new(
            "Warrant transferred",
            n,
            "new Warrants of the same tenor to each party",
        )
        .input("from", &from)
        .input("to", to)
        .input("new certificate (transferee)", &to_no)
        .cite(self.clause("transfer.exchange"));
        if !rest.is_zero() {
            let rest_no = next.issue_certificate(
                from.clone(),
                rest,
                today,
                format!("balance after partial transfer ({old_no})"),
            );
            c = c.input(
                "new certificate (transferor)",
                format!("{rest_no} for {rest}"),
            );
        }
        outcome.computations.push(c);
        *self = next;
        Ok(outcome)
    }

    /// `transfer.exchange`: a new Warrant of like tenor in lieu of a lost, stolen,
    /// destroyed or mutilated one.
    pub(crate) fn replace(
        &mut self,
        view: &dyn BookView,
        holder: &HolderId,
        reason: &str,
    ) -> Result<Outcome, Rejection> {
        let today = view.date();
        let mut outcome = Outcome::none();
        let holder = self.resolve_holder(Some(holder))?;
        let mut next = self.clone();
        let old = next
            .cancel_certificate(&holder, today, &format!("replaced ({reason})"))
            .ok_or_else(|| {
                Rejection::new(
                    NOT_HELD,
                    self.clause("transfer.exchange"),
                    format!("{holder} holds no certificate"),
                )
            })?;
        let no = next.issue_certificate(
            holder.clone(),
            old.shares,
            today,
            format!("replacement of {} ({reason})", old.number),
        );
        outcome.computations.push(
            Computed::new(
                "replacement Warrant",
                &no,
                "new Warrant of like tenor in lieu of the lost, stolen, destroyed or mutilated one",
            )
            .input("cancelled", &old.number)
            .input("shares", old.shares)
            .cite(self.clause("transfer.exchange")),
        );
        *self = next;
        Ok(outcome)
    }
}
