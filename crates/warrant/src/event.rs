//! The warrant's own journal events and their resolution from directives.
//!
//! Each directive's first argument is the warrant's instrument id (the
//! engine dispatches on it). Arguments and metadata are read with
//! `terms::fields::Reader`, so every malformed token is reported at once
//! with its position; whether the event is allowed by the terms is decided
//! later, in `apply`, as a `Rejection` naming the clause.

use calendar::Date;
use journal::{Diagnostic, Directive};
use serde::Serialize;
use terms::fields::{DateArg, Reader};
use terms::{HolderId, InstrumentId};
use units::{Money, Price, Shares};

/// The keywords the warrant resolves (docs/journal.md (`warrant`)).
pub const KEYWORDS: &[&str] = &[
    "issue-warrant",
    "exercise",
    "net-exercise",
    "transfer-warrant",
    "replace-warrant",
    "close-transfer-books",
    "cmp-determination",
    "cmp-dispute",
    "cmp-appraisal",
    "warrant-notice",
    "dividend-source",
];

/// How many Warrant Shares an exercise or transfer concerns.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum ShareCount {
    /// A stated number.
    Count(Shares),
    /// Everything the holder's warrant represents (`all`).
    All,
}

impl std::str::FromStr for ShareCount {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        if s == "all" {
            return Ok(ShareCount::All);
        }
        Shares::parse(s)
            .map(ShareCount::Count)
            .map_err(|e| format!("{e} (or write `all`)"))
    }
}

/// `exercise` (ii) payment, by method, as recorded on an exercise.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Payment {
    /// Method key (`cash`, `check`, `wire`, `cancel-indebtedness`) and amount.
    pub parts: Vec<(String, Money)>,
}

impl Payment {
    pub fn total(&self) -> Result<Money, units::UnitsError> {
        self.parts
            .iter()
            .try_fold(Money::ZERO, |acc, (_, m)| acc.checked_add(*m))
    }
}

/// Which notice a `warrant-notice` records.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum NoticeSection {
    /// `notices.adjustment-statement` statement of an adjustment.
    Adjustment,
    /// `notices.proposed-action` notice of a proposed subdivision, combination or distribution action.
    ProposedAction,
    /// `reorganization` notice of a merger, consolidation, sale or reclassification.
    Reorganization,
    /// `dissolution` notice of dissolution or liquidation.
    Dissolution,
    /// `notices.extraordinary-dividend` notice of an extraordinary dividend.
    ExtraordinaryDividend,
}

impl NoticeSection {
    /// Each notice with the clause key that requires it.
    pub const ALL: &'static [(&'static str, NoticeSection)] = &[
        ("notices.adjustment-statement", NoticeSection::Adjustment),
        ("notices.proposed-action", NoticeSection::ProposedAction),
        ("reorganization", NoticeSection::Reorganization),
        ("dissolution", NoticeSection::Dissolution),
        (
            "notices.extraordinary-dividend",
            NoticeSection::ExtraordinaryDividend,
        ),
    ];

    /// The clause key of the notice.
    pub fn key(self) -> &'static str {
        NoticeSection::ALL
            .iter()
            .find(|(_, s)| *s == self)
            .map(|(n, _)| *n)
            .unwrap_or("notices.adjustment-statement")
    }

    /// The notice `written` names: the section the form's term file gives
    /// one of the notice clauses (`8`), or the clause key itself
    /// (`reorganization`). The journal names the section of the document,
    /// which only the term file knows, so this is decided when the event
    /// applies, not when it is read.
    pub fn named(written: &str, terms: &crate::terms::WarrantTerms) -> Option<NoticeSection> {
        NoticeSection::ALL
            .iter()
            .find(|(key, _)| {
                *key == written || terms.sections.0.get(*key).is_some_and(|s| s == written)
            })
            .map(|(_, s)| *s)
    }
}

/// Where a cash dividend is paid from (`price-adjustment.distribution`, `notices.extraordinary-dividend`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum DividendSource {
    /// Out of earnings or earned surplus: no `price-adjustment.distribution` adjustment, no `notices.extraordinary-dividend` notice.
    Earnings,
    /// Otherwise (out of capital): `price-adjustment.distribution` adjusts, `notices.extraordinary-dividend` notice owed.
    Capital,
}

impl DividendSource {
    /// The words of `price-adjustment.distribution`/`notices.extraordinary-dividend` for the source, for messages.
    pub fn words(self) -> &'static str {
        match self {
            DividendSource::Earnings => "earnings or earned surplus",
            DividendSource::Capital => "capital (not earnings or earned surplus)",
        }
    }
}

/// One resolved warrant event.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum WarrantEvent {
    /// The initial issuance (cover page: Date of Initial Issuance, Number of
    /// Shares, Initial Warrant Price, Expiration Date).
    Issue {
        warrant: InstrumentId,
        holder: HolderId,
        shares: Shares,
        price: Price,
        expiry: Option<Date>,
        certificate: Option<String>,
        /// Why the company issued the warrant (`purpose:`): whether an
        /// exclusion of another instrument's anti-dilution (a preferred's
        /// excluded issuances, another warrant's `price-adjustment.excluded-stock`) covers it is a fact the journal records.
        purpose: actions::Purpose,
        /// What the holder paid for the warrant itself (`cash:`,
        /// `non-cash:`), part of the consideration per share the other
        /// instruments' tests compute (a preferred's anti-dilution).
        consideration: actions::Consideration,
    },
    /// `exercise` exercise for payment.
    Exercise {
        warrant: InstrumentId,
        shares: ShareCount,
        holder: Option<HolderId>,
        payment: Payment,
        issue_to: Option<HolderId>,
        fraction_value: Option<Price>,
    },
    /// `exercise` net exercise (CS = WCS × (CMP − WP) / CMP).
    NetExercise {
        warrant: InstrumentId,
        shares: ShareCount,
        holder: Option<HolderId>,
        issue_to: Option<HolderId>,
        fraction_value: Option<Price>,
    },
    /// `transfer.exchange` transfer in whole or in part.
    Transfer {
        warrant: InstrumentId,
        to: HolderId,
        shares: ShareCount,
        from: Option<HolderId>,
    },
    /// `transfer.exchange` replacement on loss, theft, destruction or mutilation.
    Replace {
        warrant: InstrumentId,
        holder: HolderId,
        reason: String,
    },
    /// `exercise`: the stock transfer books are closed from `from` to `to`.
    CloseTransferBooks {
        warrant: InstrumentId,
        from: Date,
        to: Date,
    },
    /// `current-market-price`: the Board's good-faith determination of the Current Market
    /// Price for a date, when quotations are not available.
    CmpDetermination {
        warrant: InstrumentId,
        price: Price,
        for_date: Date,
        informed: Option<Date>,
    },
    /// `current-market-price`: the Holder disputes the Board's determination in writing.
    CmpDispute {
        warrant: InstrumentId,
        for_date: Date,
    },
    /// `current-market-price`: the independent firm's determination after a dispute.
    CmpAppraisal {
        warrant: InstrumentId,
        price: Price,
        for_date: Date,
        firm: Option<String>,
    },
    /// A notice given to the Holder (`notices.adjustment-statement`, `notices.proposed-action`, `reorganization`, `dissolution`, `notices.extraordinary-dividend`).
    Notice {
        warrant: InstrumentId,
        /// The notice as the journal names it: the section of the form
        /// (`8`) or the clause key (`reorganization`); see
        /// [`NoticeSection::named`].
        section: String,
        concerning: Option<Date>,
    },
    /// `price-adjustment.distribution`/`notices.extraordinary-dividend`: whether a cash dividend with record date `record_date` is
    /// paid out of earnings or earned surplus.
    DividendSource {
        warrant: InstrumentId,
        record_date: Date,
        source: DividendSource,
    },
}

impl WarrantEvent {
    /// The issuance of the warrant as every other instrument hears it: a
    /// warrant to buy `shares` at the Warrant Price (a preferred's deemed issuance; the
    /// other warrants' `price-adjustment.issuance` rule 3). Other events issue no rights.
    /// `term_end` is the Term's end when the event states no `expiry:`.
    pub fn issued_rights(&self, term_end: Date) -> Option<actions::CorporateAction> {
        match self {
            WarrantEvent::Issue {
                warrant,
                shares,
                price,
                expiry,
                purpose,
                consideration,
                ..
            } => Some(actions::CorporateAction::IssueRights {
                rights: actions::RightsIssue {
                    security: terms::SecurityId::new(warrant.as_str()),
                    max_shares: *shares,
                    consideration: consideration.clone(),
                    exercise_price: *price,
                    expiry: Some(expiry.unwrap_or(term_end)),
                },
                purpose: *purpose,
            }),
            _ => None,
        }
    }

    pub fn warrant(&self) -> &InstrumentId {
        match self {
            WarrantEvent::Issue { warrant, .. }
            | WarrantEvent::Exercise { warrant, .. }
            | WarrantEvent::NetExercise { warrant, .. }
            | WarrantEvent::Transfer { warrant, .. }
            | WarrantEvent::Replace { warrant, .. }
            | WarrantEvent::CloseTransferBooks { warrant, .. }
            | WarrantEvent::CmpDetermination { warrant, .. }
            | WarrantEvent::CmpDispute { warrant, .. }
            | WarrantEvent::CmpAppraisal { warrant, .. }
            | WarrantEvent::Notice { warrant, .. }
            | WarrantEvent::DividendSource { warrant, .. } => warrant,
        }
    }
}

fn placeholder_instrument() -> InstrumentId {
    InstrumentId::new("?")
}

fn placeholder_holder() -> HolderId {
    HolderId::new("?")
}

/// Resolves one warrant directive.
pub fn resolve(d: &Directive) -> Result<WarrantEvent, Vec<Diagnostic>> {
    let kw = d.keyword.text.as_str();
    match kw {
        "issue-warrant" => {
            let mut r = Reader::new(
                d,
                "issue-warrant <warrant> <holder> <shares>  (price:, expiry:, certificate:, purpose:, cash:, non-cash:)",
            );
            let warrant = r.arg_instrument(0);
            let holder = r.arg_holder(1);
            let shares: Option<Shares> = r.arg_parse(2, "number of shares");
            let price: Option<Price> = r.meta_required("price", "initial Warrant Price");
            let expiry: Option<DateArg> = r.meta_opt("expiry", "date");
            let certificate = r.meta_str("certificate");
            let purpose = actions::resolve::purpose(&mut r);
            let cash: Option<Money> = r.meta_opt("cash", "amount paid for the warrant");
            let non_cash: Option<Money> = r.meta_opt("non-cash", "board fair value");
            r.finish()?;
            Ok(WarrantEvent::Issue {
                warrant: warrant.unwrap_or_else(placeholder_instrument),
                holder: holder.unwrap_or_else(placeholder_holder),
                shares: shares.unwrap_or_default(),
                price: price.unwrap_or_default(),
                expiry: expiry.map(|e| e.0),
                certificate,
                purpose: purpose.unwrap_or(actions::Purpose::Financing),
                consideration: actions::Consideration {
                    cash_gross: cash.unwrap_or(Money::ZERO),
                    underwriting: Money::ZERO,
                    non_cash_fair_value: non_cash.unwrap_or(Money::ZERO),
                },
            })
        }
        "exercise" => {
            let mut r = Reader::new(
                d,
                "exercise <warrant> <shares|all>  (cash:, check:, wire:, cancel-indebtedness:, holder:, issue-to:, fraction-value:)",
            );
            let warrant = r.arg_instrument(0);
            let shares: Option<ShareCount> = r.arg_parse(1, "number of shares");
            let mut payment = Payment::default();
            for key in ["cash", "check", "wire", "cancel-indebtedness"] {
                if let Some(m) = r.meta_opt::<Money>(key, "amount") {
                    payment.parts.push((key.to_string(), m));
                }
            }
            let holder = meta_holder(&mut r, "holder");
            let issue_to = meta_holder(&mut r, "issue-to");
            let fraction_value = r.meta_opt("fraction-value", "value per share");
            r.finish()?;
            Ok(WarrantEvent::Exercise {
                warrant: warrant.unwrap_or_else(placeholder_instrument),
                shares: shares.unwrap_or(ShareCount::Count(Shares::ZERO)),
                holder,
                payment,
                issue_to,
                fraction_value,
            })
        }
        "net-exercise" => {
            let mut r = Reader::new(
                d,
                "net-exercise <warrant> <shares|all>  (holder:, issue-to:, fraction-value:)",
            );
            let warrant = r.arg_instrument(0);
            let shares: Option<ShareCount> = r.arg_parse(1, "number of shares");
            let holder = meta_holder(&mut r, "holder");
            let issue_to = meta_holder(&mut r, "issue-to");
            let fraction_value = r.meta_opt("fraction-value", "value per share");
            r.finish()?;
            Ok(WarrantEvent::NetExercise {
                warrant: warrant.unwrap_or_else(placeholder_instrument),
                shares: shares.unwrap_or(ShareCount::Count(Shares::ZERO)),
                holder,
                issue_to,
                fraction_value,
            })
        }
        "transfer-warrant" => {
            let mut r = Reader::new(
                d,
                "transfer-warrant <warrant> <to-holder> <shares|all>  (from:)",
            );
            let warrant = r.arg_instrument(0);
            let to = r.arg_holder(1);
            let shares: Option<ShareCount> = r.arg_parse(2, "number of shares");
            let from = meta_holder(&mut r, "from");
            r.finish()?;
            Ok(WarrantEvent::Transfer {
                warrant: warrant.unwrap_or_else(placeholder_instrument),
                to: to.unwrap_or_else(placeholder_holder),
                shares: shares.unwrap_or(ShareCount::Count(Shares::ZERO)),
                from,
            })
        }
        "replace-warrant" => {
            let mut r = Reader::new(
                d,
                "replace-warrant <warrant> <holder>  (reason: lost|stolen|destroyed|mutilated)",
            );
            let warrant = r.arg_instrument(0);
            let holder = r.arg_holder(1);
            let reason = match r.meta_token("reason") {
                Some(t) => r
                    .choice_of(t, &["lost", "stolen", "destroyed", "mutilated"])
                    .map(str::to_string),
                None => Some("lost".to_string()),
            };
            r.finish()?;
            Ok(WarrantEvent::Replace {
                warrant: warrant.unwrap_or_else(placeholder_instrument),
                holder: holder.unwrap_or_else(placeholder_holder),
                reason: reason.unwrap_or_default(),
            })
        }
        "close-transfer-books" => {
            let mut r = Reader::new(d, "close-transfer-books <warrant> <first-day> <last-day>");
            let warrant = r.arg_instrument(0);
            let from: Option<DateArg> = r.arg_parse(1, "date");
            let to: Option<DateArg> = r.arg_parse(2, "date");
            if let (Some(f), Some(t)) = (from, to) {
                if t.0 < f.0 {
                    let span = r.span();
                    r.error(Diagnostic::error(
                        "E0301",
                        Some(span),
                        format!(
                            "the books cannot reopen ({}) before they close ({})",
                            t.0, f.0
                        ),
                    ));
                }
            }
            r.finish()?;
            Ok(WarrantEvent::CloseTransferBooks {
                warrant: warrant.unwrap_or_else(placeholder_instrument),
                from: from.map(|x| x.0).unwrap_or(d.date),
                to: to.map(|x| x.0).unwrap_or(d.date),
            })
        }
        "cmp-determination" => {
            let mut r = Reader::new(d, "cmp-determination <warrant> <price>  (for:, informed:)");
            let warrant = r.arg_instrument(0);
            let price: Option<Price> = r.arg_parse(1, "price per share");
            let for_date: Option<DateArg> = r.meta_opt("for", "date");
            let informed: Option<DateArg> = r.meta_opt("informed", "date");
            r.finish()?;
            Ok(WarrantEvent::CmpDetermination {
                warrant: warrant.unwrap_or_else(placeholder_instrument),
                price: price.unwrap_or_default(),
                for_date: for_date.map(|x| x.0).unwrap_or(d.date),
                informed: informed.map(|x| x.0),
            })
        }
        "cmp-dispute" => {
            let mut r = Reader::new(d, "cmp-dispute <warrant>  (for:)");
            let warrant = r.arg_instrument(0);
            let for_date: Option<DateArg> = r.meta_required("for", "date");
            r.finish()?;
            Ok(WarrantEvent::CmpDispute {
                warrant: warrant.unwrap_or_else(placeholder_instrument),
                for_date: for_date.map(|x| x.0).unwrap_or(d.date),
            })
        }
        "cmp-appraisal" => {
            let mut r = Reader::new(d, "cmp-appraisal <warrant> <price>  (for:, firm:)");
            let warrant = r.arg_instrument(0);
            let price: Option<Price> = r.arg_parse(1, "price per share");
            let for_date: Option<DateArg> = r.meta_required("for", "date");
            let firm = r.meta_str("firm");
            r.finish()?;
            Ok(WarrantEvent::CmpAppraisal {
                warrant: warrant.unwrap_or_else(placeholder_instrument),
                price: price.unwrap_or_default(),
                for_date: for_date.map(|x| x.0).unwrap_or(d.date),
                firm,
            })
        }
        "warrant-notice" => {
            let mut r = Reader::new(
                d,
                "warrant-notice <warrant> <section of a notice clause>  (concerning:)",
            );
            let warrant = r.arg_instrument(0);
            let section = r.arg_str(1, "section");
            let concerning: Option<DateArg> = r.meta_opt("concerning", "date");
            r.finish()?;
            Ok(WarrantEvent::Notice {
                warrant: warrant.unwrap_or_else(placeholder_instrument),
                section: section.unwrap_or_default(),
                concerning: concerning.map(|x| x.0),
            })
        }
        "dividend-source" => {
            let mut r = Reader::new(
                d,
                "dividend-source <warrant> <record-date> earnings|capital",
            );
            let warrant = r.arg_instrument(0);
            let record: Option<DateArg> = r.arg_parse(1, "record date");
            let source = r
                .arg_token(2, "source")
                .and_then(|t| r.choice_of(t, &["earnings", "capital"]));
            r.finish()?;
            Ok(WarrantEvent::DividendSource {
                warrant: warrant.unwrap_or_else(placeholder_instrument),
                record_date: record.map(|x| x.0).unwrap_or(d.date),
                source: if source == Some("earnings") {
                    DividendSource::Earnings
                } else {
                    DividendSource::Capital
                },
            })
        }
        other => Err(vec![Diagnostic::error(
            "E0300",
            Some(d.keyword.span),
            format!("`{other}` is not a warrant directive"),
        )
        .with_help(format!("warrant directives: {}", KEYWORDS.join(", ")))]),
    }
}

fn meta_holder(r: &mut Reader<'_>, key: &'static str) -> Option<HolderId> {
    r.meta_str(key).map(HolderId)
}
