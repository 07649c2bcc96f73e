//! `current-market-price`: the Current Market Price — the market average, or the Board's
//! determination, the Holder's dispute and the independent firm's appraisal.

use crate::codes::*;
use crate::state::{add_days, CmpDetermination, Warrant};
use calendar::{Calendar, Date};
use terms::{BookView, Outcome, Rejection};
use units::rounding::price_nearest_cent;
use units::{Computed, Price};

impl Warrant {
    /// The calendar of the `current-market-price` window named by the term file, if any
    /// (`None`: the book's `option business-days`).
    pub fn window_calendar(&self) -> Option<Calendar> {
        self.terms
            .current_market_price
            .calendar
            .map(|c| c.calendar())
    }

    /// The Current Market Price at `day` (`current-market-price`), to the cent (`price-adjustment.rounding`):
    /// the market average when quotations are available; otherwise the
    /// independent firm's determination, else the Board's (unless disputed),
    /// else a Board fair value recorded in the book.
    pub fn current_market_price(
        &self,
        view: &dyn BookView,
        day: Date,
    ) -> Result<(Price, Computed), Rejection> {
        let common = view.common();
        let n = self.terms.current_market_price.business_days;
        match view.warrant_market_price_in(&common, day, n, self.window_calendar()) {
            Ok((exact, comp)) => {
                let p = price_nearest_cent(&exact).map_err(|e| self.arith(e))?;
                let c = Computed::new(
                    "Current Market Price",
                    p,
                    "average of daily closing prices, to the cent",
                )
                .input_exact("exact average", &exact)
                .rounded(format!(
                    "to the nearest cent ({}), half up",
                    self.mark("price-adjustment.rounding")
                ))
                .cite(self.clause("current-market-price"))
                .step(comp);
                Ok((p, c))
            }
            Err(gap) => {
                let found = |independent: bool| {
                    self.determinations
                        .iter()
                        .rev()
                        .find(|d| d.for_date == day && d.independent == independent)
                };
                if let Some(a) = found(true) {
                    let firm = a
                        .firm
                        .clone()
                        .unwrap_or_else(|| "independent firm".to_string());
                    return Ok((
                        a.price,
                        Computed::new("Current Market Price", a.price, "determination of a nationally recognized independent firm after the Holder's dispute")
                            .input("firm", firm)
                            .input("quotations missing", gap.to_string())
                            .cite(self.clause("current-market-price")),
                    ));
                }
                if let Some(b) = found(false) {
                    if let Some(disputed) = b.disputed {
                        return Err(Rejection::new(
                            NO_CMP,
                            self.clause("current-market-price"),
                            format!(
                                "the Board's determination of the Current Market Price for {day} was disputed on {disputed}; the independent firm has not determined it"
                            ),
                        )
                        .with_help("record `cmp-appraisal <warrant> <price>` with `for:` the date"));
                    }
                    return Ok((
                        b.price,
                        Computed::new("Current Market Price", b.price, "determined in good faith by the Board of Directors (quotations not available)")
                            .input("determined on", b.made)
                            .input("quotations missing", gap.to_string())
                            .cite(self.clause("current-market-price")),
                    ));
                }
                if let Some(p) = view.board_fair_value(&common, day) {
                    return Ok((
                        p,
                        Computed::new(
                            "Current Market Price",
                            p,
                            "Board fair value recorded in the book (quotations not available)",
                        )
                        .input("quotations missing", gap.to_string())
                        .cite(self.clause("current-market-price")),
                    ));
                }
                Err(Rejection::new(
                    NO_CMP,
                    self.clause("current-market-price"),
                    format!("no Current Market Price at {day}: {gap}"),
                )
                .with_help("add closing prices, or record `cmp-determination <warrant> <price>` with `for:` the date"))
            }
        }
    }

    /// `current-market-price`: the Board determines the Current Market Price in good faith
    /// when quotations are not available.
    pub(crate) fn cmp_determination(
        &mut self,
        view: &dyn BookView,
        price: &Price,
        for_date: &Date,
        informed: &Option<Date>,
    ) -> Result<Outcome, Rejection> {
        let today = view.date();
        let outcome = Outcome::none();
        self.determinations.push(CmpDetermination {
            for_date: *for_date,
            price: *price,
            made: today,
            informed: informed.unwrap_or(today),
            disputed: None,
            independent: false,
            firm: None,
        });
        Ok(outcome)
    }

    /// `current-market-price`: the Holder disputes the Board's determination in writing
    /// within the dispute period after being informed of it.
    pub(crate) fn cmp_dispute(
        &mut self,
        view: &dyn BookView,
        for_date: &Date,
    ) -> Result<Outcome, Rejection> {
        let today = view.date();
        let outcome = Outcome::none();
        let days = self.terms.current_market_price.dispute_days;
        let Some(i) = self
            .determinations
            .iter()
            .rposition(|d| d.for_date == *for_date && !d.independent)
        else {
            return Err(Rejection::new(
                DISPUTE_NOTHING,
                self.clause("current-market-price"),
                format!(
                    "no Board determination of the Current Market Price for {for_date} to dispute"
                ),
            ));
        };
        let informed = self
            .determinations
            .get(i)
            .map(|d| d.informed)
            .unwrap_or(today);
        let last = add_days(informed, days);
        if today > last {
            return Err(Rejection::new(
                DISPUTE_LATE,
                self.clause("current-market-price"),
                format!("the Holder was informed on {informed}; a dispute had to be made within {days} days (by {last})"),
            ));
        }
        if let Some(d) = self.determinations.get_mut(i) {
            d.disputed = Some(today);
        }
        Ok(outcome)
    }

    /// `current-market-price`: the independent firm's determination after a dispute.
    pub(crate) fn cmp_appraisal(
        &mut self,
        view: &dyn BookView,
        price: &Price,
        for_date: &Date,
        firm: &Option<String>,
    ) -> Result<Outcome, Rejection> {
        let today = view.date();
        let outcome = Outcome::none();
        self.determinations.push(CmpDetermination {
            for_date: *for_date,
            price: *price,
            made: today,
            informed: today,
            disputed: None,
            independent: true,
            firm: firm.clone(),
        });
        Ok(outcome)
    }
}
