//! Hand-checked closures and openings of both calendars: every special
//! market closure, the weekend-observance exceptions, and the days where the
//! trading and business calendars differ.

use calendar::{Calendar, Date, SPECIAL_CLOSURES};

fn d(s: &str) -> Date {
    s.parse().unwrap()
}

#[test]
fn special_market_closures() {
    let cases = [
        ("1985-09-27", "Hurricane Gloria"),
        ("1994-04-27", "Richard Nixon funeral"),
        ("2001-09-11", "September 11 attacks"),
        ("2001-09-12", "September 11 attacks"),
        ("2001-09-13", "September 11 attacks"),
        ("2001-09-14", "September 11 attacks"),
        ("2004-06-11", "Ronald Reagan funeral"),
        ("2007-01-02", "Gerald Ford national day of mourning"),
        ("2012-10-29", "Hurricane Sandy"),
        ("2012-10-30", "Hurricane Sandy"),
        ("2018-12-05", "George H. W. Bush national day of mourning"),
        ("2025-01-09", "Jimmy Carter national day of mourning"),
    ];
    assert_eq!(cases.len(), SPECIAL_CLOSURES.len());
    for (day, reason) in cases {
        assert_eq!(
            Calendar::Trading.closure_reason(d(day)),
            Some(reason),
            "{day}"
        );
        // Special closures are not bank holidays.
        assert!(Calendar::Business.is_open(d(day)), "{day}");
    }
}

#[test]
fn trading_holidays_hand_checked() {
    let closed = [
        // Good Friday: Easter 2000-04-23 − 2 days; Easter 2002-03-31 − 2 days.
        ("2000-04-21", "Good Friday"),
        ("2002-03-29", "Good Friday"),
        // Easter 2018-04-01 − 2 days crosses into March.
        ("2018-03-30", "Good Friday"),
        // July 4, 2015 was a Saturday → closed Friday July 3.
        ("2015-07-03", "Independence Day"),
        // July 4, 1992 and 1998 were Saturdays too.
        ("1992-07-03", "Independence Day"),
        ("1998-07-03", "Independence Day"),
        // July 4, 2021 was a Sunday → closed Monday July 5.
        ("2021-07-05", "Independence Day"),
        // Christmas 2004 and 2010 were Saturdays → closed Friday Dec 24.
        ("2004-12-24", "Christmas Day"),
        ("2010-12-24", "Christmas Day"),
        // Christmas 2022 was a Sunday → closed Monday Dec 26.
        ("2022-12-26", "Christmas Day"),
        // New Year 2006 and 2012 were Sundays → closed Monday Jan 2.
        ("2006-01-02", "New Year's Day"),
        ("2012-01-02", "New Year's Day"),
        // Juneteenth 2022 was a Sunday → observed Monday June 20.
        ("2022-06-20", "Juneteenth National Independence Day"),
        // Juneteenth 2027 is a Saturday → Friday June 18.
        ("2027-06-18", "Juneteenth National Independence Day"),
        // MLK Day, third Monday of January, from 1998: 1998-01-19.
        ("1998-01-19", "Martin Luther King Jr. Day"),
        // Presidents' Day 2001: third Monday of February = Feb 19.
        ("2001-02-19", "Washington's Birthday"),
        // Memorial Day 2000: last Monday of May = May 29.
        ("2000-05-29", "Memorial Day"),
        // Labor Day 2001: first Monday of September = Sept 3.
        ("2001-09-03", "Labor Day"),
        // Thanksgiving 2001: fourth Thursday of November = Nov 22.
        ("2001-11-22", "Thanksgiving Day"),
        ("2001-09-15", "weekend"),
    ];
    for (day, reason) in closed {
        assert_eq!(
            Calendar::Trading.closure_reason(d(day)),
            Some(reason),
            "{day}"
        );
    }
    let open = [
        // New Year 2022 was a Saturday: NOT moved, market open Friday Dec 31.
        "2021-12-31",
        "1999-12-31",
        "2010-12-31",
        // Reopened after September 11.
        "2001-09-17",
        // MLK Day was not a market holiday before 1998 (1997-01-20).
        "1997-01-20",
        // Juneteenth was not a market holiday in 2021 (Friday June 18).
        "2021-06-18",
        // Columbus and Veterans Day: the market is open.
        "2001-10-08",
        "2003-11-11",
        // Ordinary Monday after Easter.
        "2000-04-24",
    ];
    for day in open {
        assert!(Calendar::Trading.is_open(d(day)), "{day} should be open");
    }
}

#[test]
fn business_day_holidays_hand_checked() {
    let closed = [
        // Columbus Day 2001: second Monday of October = Oct 8.
        ("2001-10-08", "Columbus Day"),
        // Veterans Day 2003 (Tuesday).
        ("2003-11-11", "Veterans Day"),
        // Veterans Day 2001 was a Sunday → observed Monday Nov 12.
        ("2001-11-12", "Veterans Day"),
        // Juneteenth for the Fed from 2021; 2023-06-19 is a Monday.
        ("2023-06-19", "Juneteenth National Independence Day"),
        // July 4, 2021 Sunday → Monday July 5.
        ("2021-07-05", "Independence Day"),
        ("2001-11-22", "Thanksgiving Day"),
        ("1990-01-15", "Martin Luther King Jr. Day"),
    ];
    for (day, reason) in closed {
        assert_eq!(
            Calendar::Business.closure_reason(d(day)),
            Some(reason),
            "{day}"
        );
    }
    let open = [
        // Saturday holidays are not moved for the Fed: July 4, 2015 was a
        // Saturday, so Friday July 3 is a business day (the market was shut).
        "2015-07-03",
        // Christmas 2021 was a Saturday → Friday Dec 24 is a business day.
        "2021-12-24",
        // Juneteenth 2021 was a Saturday → Friday June 18 open.
        "2021-06-18",
        // Good Friday is a business day.
        "2002-03-29",
        // 2001-09-11 (markets closed, banks open).
        "2001-09-11",
    ];
    for day in open {
        assert!(Calendar::Business.is_open(d(day)), "{day} should be open");
    }
}

#[test]
fn rolls_and_counts_across_closures() {
    let t = Calendar::Trading;
    // 2001-09-11 (Tue) rolls past the closure and the weekend to Mon 09-17.
    assert_eq!(t.next_open_on_or_after(d("2001-09-11")), d("2001-09-17"));
    assert_eq!(t.next_open_on_or_after(d("2001-09-17")), d("2001-09-17"));
    // Strictly before Mon 09-17 is Mon 09-10.
    assert_eq!(t.previous_open_before(d("2001-09-17")), d("2001-09-10"));
    // Good Friday 2002-03-29: the day before Mon 04-01 is Thu 03-28.
    assert_eq!(t.previous_open_before(d("2002-04-01")), d("2002-03-28"));
    // 3 trading days before Mon 2002-04-01: Tue 26, Wed 27, Thu 28 March.
    assert_eq!(
        t.open_days_before(d("2002-04-01"), 3),
        vec![d("2002-03-26"), d("2002-03-27"), d("2002-03-28")]
    );
    // Ending on Mon 04-01 inclusive: Wed 27, Thu 28, Mon 04-01.
    assert_eq!(
        t.open_days_ending_on(d("2002-04-01"), 3),
        vec![d("2002-03-27"), d("2002-03-28"), d("2002-04-01")]
    );
    // Ending on Good Friday (closed): the 2 days before it.
    assert_eq!(
        t.open_days_ending_on(d("2002-03-29"), 2),
        vec![d("2002-03-27"), d("2002-03-28")]
    );
    assert!(t.open_days_ending_on(d("2002-03-29"), 0).is_empty());
    // +1 trading day from Mon 2001-09-10 is Mon 09-17; −1 from 09-17 is 09-10.
    assert_eq!(t.add_open_days(d("2001-09-10"), 1), d("2001-09-17"));
    assert_eq!(t.add_open_days(d("2001-09-17"), -1), d("2001-09-10"));
    assert_eq!(t.add_open_days(d("2001-09-12"), 0), d("2001-09-12"));
    // Business days: 2001-09-10 + 5 = 09-17 (11, 12, 13, 14, 17).
    assert_eq!(
        Calendar::Business.add_open_days(d("2001-09-10"), 5),
        d("2001-09-17")
    );
    // (2001-09-07, 2001-09-17]: trading days 09-10, 09-17 = 2;
    // business days 10, 11, 12, 13, 14, 17 = 6.
    assert_eq!(t.open_days_between(d("2001-09-07"), d("2001-09-17")), 2);
    assert_eq!(
        Calendar::Business.open_days_between(d("2001-09-07"), d("2001-09-17")),
        6
    );
    assert_eq!(t.open_days_between(d("2001-09-17"), d("2001-09-07")), 0);
    // Trading days in 2001: the fixture lists 248 sessions
    // (261 weekdays − 9 holidays − 4 September 11 closures = 248).
    assert_eq!(t.open_days_between(d("2000-12-31"), d("2001-12-31")), 248);
}

#[test]
fn edges_of_the_date_range_saturate() {
    for cal in [Calendar::Trading, Calendar::Business] {
        // 9999-12-31 is a Friday and not a holiday; the roll stays there.
        assert_eq!(cal.next_open_on_or_after(Date::MAX), Date::MAX);
        assert_eq!(cal.add_open_days(Date::MAX, 10), Date::MAX);
        assert_eq!(cal.previous_open_before(Date::MIN), Date::MIN);
        assert_eq!(cal.add_open_days(Date::MIN, -10), Date::MIN);
        assert!(cal.open_days_before(Date::MIN, 5).is_empty());
        // Only a handful of days precede -9999-01-04: the window comes back short.
        let near_min = Date::new(-9999, 1, 4).unwrap();
        assert!(cal.open_days_before(near_min, 5).len() < 5);
        assert_eq!(cal.open_days_between(Date::MAX, Date::MAX), 0);
        let _ = cal.open_days_ending_on(Date::MIN, 3);
    }
}
