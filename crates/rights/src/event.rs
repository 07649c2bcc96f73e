//! The registration lifecycle as journal events, and their resolution from
//! directives.
//!
//! Every directive's first argument is the agreement's instrument id. The
//! forms are catalogued with examples in docs/journal.md (`#### registration-rights`). Resolution
//! checks only form (ids, numbers, choices); whether the terms allow the
//! event is decided by [`crate::Agreement::apply`].

use journal::{Diagnostic, Directive, Token};
use terms::fields::Reader;
use terms::{HolderId, InstrumentId, SecurityId};
use units::Shares;

/// The keywords this crate resolves.
pub const KEYWORDS: &[&str] = &[
    "demand-registration",
    "company-registration",
    "registration-notice",
    "join-registration",
    "withdraw-request",
    "underwriter-advice",
    "registration-filed",
    "registration-effective",
    "stop-order",
    "stop-order-lifted",
    "registration-withdrawn",
    "registration-postponed",
    "registration-suspended",
    "registration-resumed",
    "registered-sale",
    "exempt-distribution",
    "founder-sale",
    "founder-sale-notice",
    "transfer-registrable",
    "amend-agreement",
    "rights-granted",
    "mfn-notice",
    "mfn-election",
    "affiliate-status",
];

/// Which right a demand is made under.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DemandBasis {
    /// The demand clause: initiators holding the required fraction.
    Majority,
    /// The founder clause: holders may demand once the named founder's
    /// sales cross its trigger.
    FounderTrigger,
}

/// Who the Company registers for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Account {
    /// Its own account (the Company-initiated cutback order).
    Company,
    /// Holders under another agreement who demanded it (the other-demand
    /// cutback order).
    OtherHolders,
}

/// Who withdrew a registration.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WithdrawnBy {
    /// At the request of the participating holders (the expenses clause
    /// may shift the expenses to them).
    Holders,
    Company,
}

/// How Registrable Securities left a holder without a registration.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DistributionKind {
    /// Publicly distributed under an exemption, or sold to the public (a
    /// cessation limb of every definition of Registrable Securities).
    Public,
    /// Sold in a private placement (a cessation limb only where the term
    /// file sets `registrable.private_placement_ends`).
    PrivatePlacement,
}

/// The kind of a transfer, for the lockup and for assignment of rights.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum TransferKind {
    /// To a controlled affiliate (outside the lockup; an allowed assignee).
    Affiliate,
    /// A pro rata distribution to partners or members (outside the lockup;
    /// an allowed assignee).
    PartnerDistribution,
    /// Any other sale or transfer (an allowed assignee only of the
    /// assignment clause's minimum block).
    Sale,
    /// A sale of Registrable Securities under the registration statement
    /// (outside the lockup).
    RegisteredSale,
}

impl TransferKind {
    pub const ALL: &'static [(&'static str, TransferKind)] = &[
        ("affiliate", TransferKind::Affiliate),
        ("partner-distribution", TransferKind::PartnerDistribution),
        ("sale", TransferKind::Sale),
        ("registered-sale", TransferKind::RegisteredSale),
    ];
    pub fn name(self) -> &'static str {
        TransferKind::ALL
            .iter()
            .find(|(_, k)| *k == self)
            .map(|(n, _)| *n)
            .unwrap_or("sale")
    }
}

/// A non-Holder participant named on an underwriter's advice.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OtherSeller {
    pub id: String,
    pub class: crate::terms::Class,
    pub shares: Shares,
}

/// One event of a registration rights instrument.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Event {
    Demand {
        agreement: InstrumentId,
        registration: String,
        requests: Vec<(HolderId, Shares)>,
        basis: DemandBasis,
        underwritten: bool,
        shelf: bool,
    },
    CompanyRegistration {
        agreement: InstrumentId,
        registration: String,
        form: String,
        underwritten: bool,
        resales_permitted: bool,
        account: Account,
    },
    Notice {
        agreement: InstrumentId,
        registration: String,
    },
    Join {
        agreement: InstrumentId,
        registration: String,
        holder: HolderId,
        shares: Shares,
    },
    /// A holder withdraws its shares from a registration (a holder cut back
    /// may elect to withdraw).
    WithdrawRequest {
        agreement: InstrumentId,
        registration: String,
        holder: HolderId,
    },
    Advice {
        agreement: InstrumentId,
        registration: String,
        shares: Shares,
        company: Shares,
        others: Vec<OtherSeller>,
    },
    Filed {
        agreement: InstrumentId,
        registration: String,
        form: String,
        shelf: Option<bool>,
    },
    Effective {
        agreement: InstrumentId,
        registration: String,
    },
    StopOrder {
        agreement: InstrumentId,
        registration: String,
    },
    StopOrderLifted {
        agreement: InstrumentId,
        registration: String,
    },
    Withdrawn {
        agreement: InstrumentId,
        registration: String,
        by: WithdrawnBy,
        forfeit: bool,
        consents: Vec<HolderId>,
    },
    Postponed {
        agreement: InstrumentId,
        registration: String,
        days: i32,
    },
    Suspended {
        agreement: InstrumentId,
        registration: String,
    },
    Resumed {
        agreement: InstrumentId,
        registration: String,
    },
    RegisteredSale {
        agreement: InstrumentId,
        registration: String,
        holder: HolderId,
        shares: Shares,
    },
    ExemptDistribution {
        agreement: InstrumentId,
        holder: HolderId,
        shares: Shares,
        kind: DistributionKind,
    },
    FounderSale {
        agreement: InstrumentId,
        shares: Shares,
        held_at_closing: Option<Shares>,
    },
    FounderNotice {
        agreement: InstrumentId,
    },
    Transfer {
        agreement: InstrumentId,
        from: HolderId,
        to: HolderId,
        shares: Shares,
        security: Option<SecurityId>,
        kind: TransferKind,
        joinder: bool,
        lockup_consent: bool,
        underwriter_consent: bool,
    },
    Amend {
        agreement: InstrumentId,
        consents: Vec<HolderId>,
        description: String,
    },
    RightsGranted {
        agreement: InstrumentId,
        grant: String,
    },
    MfnNotice {
        agreement: InstrumentId,
        grant: String,
    },
    MfnElection {
        agreement: InstrumentId,
        grant: String,
        holder: HolderId,
    },
    /// Whether a holder is, from this date, an affiliate of the issuer
    /// (Rule 144(a)(1)), for the Rule 144(k) limb of the cessation test
    /// (the definition's Rule 144 limb).
    AffiliateStatus {
        agreement: InstrumentId,
        holder: HolderId,
        affiliate: bool,
    },
}

impl Event {
    /// The agreement the event is addressed to.
    pub fn agreement(&self) -> &InstrumentId {
        match self {
            Event::Demand { agreement, .. }
            | Event::CompanyRegistration { agreement, .. }
            | Event::Notice { agreement, .. }
            | Event::Join { agreement, .. }
            | Event::WithdrawRequest { agreement, .. }
            | Event::Advice { agreement, .. }
            | Event::Filed { agreement, .. }
            | Event::Effective { agreement, .. }
            | Event::StopOrder { agreement, .. }
            | Event::StopOrderLifted { agreement, .. }
            | Event::Withdrawn { agreement, .. }
            | Event::Postponed { agreement, .. }
            | Event::Suspended { agreement, .. }
            | Event::Resumed { agreement, .. }
            | Event::RegisteredSale { agreement, .. }
            | Event::ExemptDistribution { agreement, .. }
            | Event::FounderSale { agreement, .. }
            | Event::FounderNotice { agreement }
            | Event::Transfer { agreement, .. }
            | Event::Amend { agreement, .. }
            | Event::RightsGranted { agreement, .. }
            | Event::MfnNotice { agreement, .. }
            | Event::MfnElection { agreement, .. }
            | Event::AffiliateStatus { agreement, .. } => agreement,
        }
    }
}

fn usage(keyword: &str) -> &'static str {
    match keyword {
        "demand-registration" => "demand-registration <agreement> <registration>  (holder: <id> <shares>, repeated)",
        "company-registration" => "company-registration <agreement> <registration>  (form: S-1|S-3|S-4|S-8|...)",
        "registration-notice" => "registration-notice <agreement> <registration>",
        "join-registration" => "join-registration <agreement> <registration> <holder> <shares>",
        "withdraw-request" => "withdraw-request <agreement> <registration> <holder>",
        "underwriter-advice" => "underwriter-advice <agreement> <registration> <shares>",
        "registration-filed" => "registration-filed <agreement> <registration>  (form: S-1|S-3|...)",
        "registration-effective" => "registration-effective <agreement> <registration>",
        "stop-order" => "stop-order <agreement> <registration>",
        "stop-order-lifted" => "stop-order-lifted <agreement> <registration>",
        "registration-withdrawn" => "registration-withdrawn <agreement> <registration>",
        "registration-postponed" => "registration-postponed <agreement> <registration> <days>",
        "registration-suspended" => "registration-suspended <agreement> <registration>",
        "registration-resumed" => "registration-resumed <agreement> <registration>",
        "registered-sale" => "registered-sale <agreement> <registration> <holder> <shares>",
        "exempt-distribution" => "exempt-distribution <agreement> <holder> <shares>",
        "founder-sale" => "founder-sale <agreement> <shares>",
        "founder-sale-notice" => "founder-sale-notice <agreement>",
        "transfer-registrable" => "transfer-registrable <agreement> <from> <to> <shares>  (kind: affiliate|partner-distribution|sale)",
        "amend-agreement" => "amend-agreement <agreement>  (consent: <holder>, repeated)",
        "rights-granted" => "rights-granted <agreement> <grant>",
        "mfn-notice" => "mfn-notice <agreement> <grant>",
        "mfn-election" => "mfn-election <agreement> <grant> <holder>",
        "affiliate-status" => "affiliate-status <agreement> <holder> affiliate|non-affiliate",
        _ => "<keyword> <agreement> ...",
    }
}

fn is_id(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphanumeric())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | ':' | '/'))
}

fn reg_id(r: &mut Reader<'_>, i: usize) -> Option<String> {
    let t = r.arg_token(i, "registration id")?;
    if is_id(&t.text) {
        Some(t.text.clone())
    } else {
        r.error(Diagnostic::error(
            "E0102",
            Some(t.span),
            format!("`{}` is not a valid registration id", t.text),
        ));
        None
    }
}

/// Splits a metadata value `a b c` into words.
fn words(t: &Token) -> Vec<String> {
    t.text.split_whitespace().map(str::to_string).collect()
}

/// `holder: <id> <shares>` values.
fn holder_shares(r: &mut Reader<'_>, key: &'static str) -> Vec<(HolderId, Shares)> {
    let mut out = Vec::new();
    for t in r.meta_tokens(key) {
        let w = words(t);
        match w.as_slice() {
            [id, n] if is_id(id) => match Shares::parse(n) {
                Ok(s) => out.push((HolderId::new(id.as_str()), s)),
                Err(e) => r.error(Diagnostic::error(
                    "E0104",
                    Some(t.span),
                    format!("`{n}` is not a valid number of shares: {e}"),
                )),
            },
            _ => r.error(
                Diagnostic::error(
                    "E0104",
                    Some(t.span),
                    format!("`{key}: {}` should be `<holder> <shares>`", t.text),
                )
                .with_help(format!("write `{key}: bain-1 1,000,000`")),
            ),
        }
    }
    out
}

fn holders_list(r: &mut Reader<'_>, key: &'static str) -> Vec<HolderId> {
    let mut out = Vec::new();
    for t in r.meta_tokens(key) {
        for w in words(t) {
            if is_id(&w) {
                out.push(HolderId::new(w));
            } else {
                r.error(Diagnostic::error(
                    "E0102",
                    Some(t.span),
                    format!("`{w}` is not a valid holder id"),
                ));
            }
        }
    }
    out
}

fn others(r: &mut Reader<'_>) -> Vec<OtherSeller> {
    let mut out = Vec::new();
    for t in r.meta_tokens("other") {
        let w = words(t);
        let class = w.get(1).and_then(|c| {
            crate::terms::Class::ALL
                .iter()
                .find(|(n, _)| n == c)
                .map(|(_, k)| *k)
        });
        match (w.first(), class, w.get(2).map(|n| Shares::parse(n)), w.len()) {
            (Some(id), Some(class), Some(Ok(shares)), 3) if is_id(id) => out.push(OtherSeller {
                id: id.clone(),
                class,
                shares,
            }),
            _ => r.error(
                Diagnostic::error(
                    "E0104",
                    Some(t.span),
                    format!("`other: {}` should be `<id> <class> <shares>`", t.text),
                )
                .with_help(
                    "class is one of: others-with-rights, others-without-rights, initiating, officers-directors, holders, company",
                ),
            ),
        }
    }
    out
}

/// Resolves one directive into an [`Event`].
pub fn resolve(d: &Directive) -> Result<Event, Vec<Diagnostic>> {
    let kw = d.keyword.text.as_str();
    let mut r = Reader::new(d, usage(kw));
    let agreement = r.arg_instrument(0);
    let ev: Option<Event> = match kw {
        "demand-registration" => {
            let registration = reg_id(&mut r, 1);
            let requests = holder_shares(&mut r, "holder");
            if requests.is_empty() && r.meta_token("holder").is_none() {
                let span = r.span();
                r.error(
                    Diagnostic::error(
                        "E0105",
                        Some(span),
                        "`demand-registration` needs at least one `holder: <id> <shares>`",
                    )
                    .with_help("add an indented line `  holder: bain-1 1,000,000`"),
                );
            }
            let basis = match r.meta_choice("basis", &["majority", "founder-trigger"]) {
                Some("founder-trigger") => DemandBasis::FounderTrigger,
                _ => DemandBasis::Majority,
            };
            let underwritten = r.meta_bool("underwritten").unwrap_or(false);
            let shelf = r.meta_bool("shelf").unwrap_or(false);
            match (agreement, registration) {
                (Some(agreement), Some(registration)) if !requests.is_empty() => {
                    Some(Event::Demand {
                        agreement,
                        registration,
                        requests,
                        basis,
                        underwritten,
                        shelf,
                    })
                }
                _ => None,
            }
        }
        "company-registration" => {
            let registration = reg_id(&mut r, 1);
            let form: Option<String> = r.meta_required("form", "form type");
            let underwritten = r.meta_bool("underwritten").unwrap_or(false);
            let resales_permitted = r.meta_bool("resales").unwrap_or(true);
            let account = match r.meta_choice("for", &["company", "other-holders"]) {
                Some("other-holders") => Account::OtherHolders,
                _ => Account::Company,
            };
            match (agreement, registration, form) {
                (Some(agreement), Some(registration), Some(form)) => {
                    Some(Event::CompanyRegistration {
                        agreement,
                        registration,
                        form: form.to_ascii_uppercase(),
                        underwritten,
                        resales_permitted,
                        account,
                    })
                }
                _ => None,
            }
        }
        "registration-notice"
        | "registration-effective"
        | "stop-order"
        | "stop-order-lifted"
        | "registration-suspended"
        | "registration-resumed" => {
            let registration = reg_id(&mut r, 1);
            match (agreement, registration) {
                (Some(agreement), Some(registration)) => Some(match kw {
                    "registration-notice" => Event::Notice {
                        agreement,
                        registration,
                    },
                    "registration-effective" => Event::Effective {
                        agreement,
                        registration,
                    },
                    "stop-order" => Event::StopOrder {
                        agreement,
                        registration,
                    },
                    "stop-order-lifted" => Event::StopOrderLifted {
                        agreement,
                        registration,
                    },
                    "registration-suspended" => Event::Suspended {
                        agreement,
                        registration,
                    },
                    _ => Event::Resumed {
                        agreement,
                        registration,
                    },
                }),
                _ => None,
            }
        }
        "join-registration" | "registered-sale" => {
            let registration = reg_id(&mut r, 1);
            let holder = r.arg_holder(2);
            let shares: Option<Shares> = r.arg_parse(3, "number of shares");
            match (agreement, registration, holder, shares) {
                (Some(agreement), Some(registration), Some(holder), Some(shares)) => {
                    Some(if kw == "join-registration" {
                        Event::Join {
                            agreement,
                            registration,
                            holder,
                            shares,
                        }
                    } else {
                        Event::RegisteredSale {
                            agreement,
                            registration,
                            holder,
                            shares,
                        }
                    })
                }
                _ => None,
            }
        }
        "withdraw-request" => {
            let registration = reg_id(&mut r, 1);
            let holder = r.arg_holder(2);
            match (agreement, registration, holder) {
                (Some(agreement), Some(registration), Some(holder)) => {
                    Some(Event::WithdrawRequest {
                        agreement,
                        registration,
                        holder,
                    })
                }
                _ => None,
            }
        }
        "underwriter-advice" => {
            let registration = reg_id(&mut r, 1);
            let shares: Option<Shares> = r.arg_parse(2, "number of shares");
            let company: Option<Shares> = r.meta_opt("company", "number of shares");
            let others = others(&mut r);
            match (agreement, registration, shares) {
                (Some(agreement), Some(registration), Some(shares)) => Some(Event::Advice {
                    agreement,
                    registration,
                    shares,
                    company: company.unwrap_or(Shares::ZERO),
                    others,
                }),
                _ => None,
            }
        }
        "registration-filed" => {
            let registration = reg_id(&mut r, 1);
            let form: Option<String> = r.meta_required("form", "form type");
            let shelf = r.meta_bool("shelf");
            match (agreement, registration, form) {
                (Some(agreement), Some(registration), Some(form)) => Some(Event::Filed {
                    agreement,
                    registration,
                    form: form.to_ascii_uppercase(),
                    shelf,
                }),
                _ => None,
            }
        }
        "registration-withdrawn" => {
            let registration = reg_id(&mut r, 1);
            let by = match r.meta_choice("by", &["holders", "company"]) {
                Some("holders") => WithdrawnBy::Holders,
                _ => WithdrawnBy::Company,
            };
            let forfeit = r.meta_bool("forfeit-demand").unwrap_or(false);
            let consents = holders_list(&mut r, "consent");
            match (agreement, registration) {
                (Some(agreement), Some(registration)) => Some(Event::Withdrawn {
                    agreement,
                    registration,
                    by,
                    forfeit,
                    consents,
                }),
                _ => None,
            }
        }
        "registration-postponed" => {
            let registration = reg_id(&mut r, 1);
            let days: Option<i32> = r.arg_parse(2, "number of days");
            match (agreement, registration, days) {
                (Some(agreement), Some(registration), Some(days)) => Some(Event::Postponed {
                    agreement,
                    registration,
                    days,
                }),
                _ => None,
            }
        }
        "exempt-distribution" => {
            let holder = r.arg_holder(1);
            let shares: Option<Shares> = r.arg_parse(2, "number of shares");
            let kind = match r.meta_choice("kind", &["public", "private-placement"]) {
                Some("private-placement") => DistributionKind::PrivatePlacement,
                _ => DistributionKind::Public,
            };
            match (agreement, holder, shares) {
                (Some(agreement), Some(holder), Some(shares)) => Some(Event::ExemptDistribution {
                    agreement,
                    holder,
                    shares,
                    kind,
                }),
                _ => None,
            }
        }
        "founder-sale" => {
            let shares: Option<Shares> = r.arg_parse(1, "number of shares");
            let held_at_closing: Option<Shares> = r.meta_opt("held-at-closing", "number of shares");
            match (agreement, shares) {
                (Some(agreement), Some(shares)) => Some(Event::FounderSale {
                    agreement,
                    shares,
                    held_at_closing,
                }),
                _ => None,
            }
        }
        "founder-sale-notice" => agreement.map(|agreement| Event::FounderNotice { agreement }),
        "transfer-registrable" => {
            let from = r.arg_holder(1);
            let to = r.arg_holder(2);
            let shares: Option<Shares> = r.arg_parse(3, "number of shares");
            let security = r.meta_str("security").map(SecurityId::new);
            let names: Vec<&'static str> = TransferKind::ALL.iter().map(|(n, _)| *n).collect();
            let kind = match r.meta_token("kind") {
                Some(t) => r.choice_of(t, &names).and_then(|n| {
                    TransferKind::ALL
                        .iter()
                        .find(|(k, _)| *k == n)
                        .map(|(_, k)| *k)
                }),
                None => {
                    let span = r.span();
                    r.error(
                        Diagnostic::error(
                            "E0105",
                            Some(span),
                            "`transfer-registrable` needs metadata `kind: affiliate|partner-distribution|sale|registered-sale`",
                        )
                        .with_help("the kind decides the lockup and the assignment of rights"),
                    );
                    None
                }
            };
            let joinder = r.meta_bool("joinder").unwrap_or(false);
            let lockup_consent = r.meta_bool("lockup-consent").unwrap_or(false);
            let underwriter_consent = r.meta_bool("underwriter-consent").unwrap_or(false);
            match (agreement, from, to, shares, kind) {
                (Some(agreement), Some(from), Some(to), Some(shares), Some(kind)) => {
                    Some(Event::Transfer {
                        agreement,
                        from,
                        to,
                        shares,
                        security,
                        kind,
                        joinder,
                        lockup_consent,
                        underwriter_consent,
                    })
                }
                _ => None,
            }
        }
        "amend-agreement" => {
            let consents = holders_list(&mut r, "consent");
            let description = r.meta_str("description").unwrap_or_default();
            agreement.map(|agreement| Event::Amend {
                agreement,
                consents,
                description,
            })
        }
        "rights-granted" | "mfn-notice" => {
            let grant = reg_id(&mut r, 1);
            match (agreement, grant) {
                (Some(agreement), Some(grant)) => Some(if kw == "rights-granted" {
                    Event::RightsGranted { agreement, grant }
                } else {
                    Event::MfnNotice { agreement, grant }
                }),
                _ => None,
            }
        }
        "mfn-election" => {
            let grant = reg_id(&mut r, 1);
            let holder = r.arg_holder(2);
            match (agreement, grant, holder) {
                (Some(agreement), Some(grant), Some(holder)) => Some(Event::MfnElection {
                    agreement,
                    grant,
                    holder,
                }),
                _ => None,
            }
        }
        "affiliate-status" => {
            let holder = r.arg_holder(1);
            let status = r
                .arg_token(2, "affiliate|non-affiliate")
                .and_then(|t| r.choice_of(t, &["affiliate", "non-affiliate"]));
            match (agreement, holder, status) {
                (Some(agreement), Some(holder), Some(s)) => Some(Event::AffiliateStatus {
                    agreement,
                    holder,
                    affiliate: s == "affiliate",
                }),
                _ => None,
            }
        }
        _ => {
            let span = r.span();
            r.error(Diagnostic::error(
                "E0101",
                Some(span),
                format!("`{kw}` is not a registration rights keyword"),
            ));
            None
        }
    };
    match (r.finish(), ev) {
        (Ok(()), Some(ev)) => Ok(ev),
        (Err(errs), _) => Err(errs),
        (Ok(()), None) => Err(vec![Diagnostic::error(
            "E0101",
            Some(d.span),
            format!("`{kw}` could not be read"),
        )]),
    }
}
