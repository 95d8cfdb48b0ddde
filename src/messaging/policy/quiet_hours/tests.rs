use jiff::civil::DateTime;

use super::*;

/// The instant of local wall-clock `datetime` in `zone`.
fn local(zone: &str, datetime: &str) -> Timestamp {
    let dt: DateTime = datetime.parse().expect("a civil datetime");
    dt.in_tz(zone).expect("a known zone").timestamp()
}

fn utc(s: &str) -> Timestamp {
    s.parse().expect("a timestamp")
}

fn check_in(e164: &str, time_zone: Option<&str>, at: Timestamp, default: &str) -> Verdict {
    let default = TimeZone::get(default).expect("a known zone");
    rules()
        .check(at, &Recipient { e164, time_zone }, &default)
        .expect("no error")
}

fn check(e164: &str, at: Timestamp) -> Verdict {
    check_in(e164, None, at, "UTC")
}

fn allowed(rule: &str) -> Verdict {
    Verdict::Allowed {
        rule: rule.to_string(),
    }
}

fn wait(until: Timestamp, rule: &str, reason: &str) -> Verdict {
    Verdict::Wait {
        until,
        rule: rule.to_string(),
        reason: reason.to_string(),
    }
}

const LA: &str = "America/Los_Angeles";
const NY: &str = "America/New_York";
const CHICAGO: &str = "America/Chicago";
const DENVER: &str = "America/Denver";

const FEDERAL_LA: &str = "federal (TCPA): 08:00–21:00; zones America/Los_Angeles";
const FEDERAL_NY: &str = "federal (TCPA): 08:00–21:00; zones America/New_York";
const FL_NY: &str = "FL (Fla. Stat. 501.059): 08:00–20:00; zones America/New_York";
const AL: &str =
    "AL: 08:00–20:00 Mon–Sat, no Sundays, no holidays (us-federal); zones America/Chicago";
const TX_CHICAGO: &str = "TX (SB 140): 09:00–21:00 Mon–Sat, 12:00–21:00 Sun; zones America/Chicago";

// 2026-06-13 is a Saturday, 2026-06-14 a Sunday, 2026-06-15 a Monday.

#[test]
fn the_embedded_data_parses() {
    let parsed = Rules::parse(RULES_TOML, AREA_CODES_TSV).expect("embedded data parses");
    assert_eq!(parsed.version(), "2026-12-01");
    assert_eq!(rules().version(), "2026-12-01");
    assert!(!rules().sources().is_empty());
    assert_eq!(parsed.areas.len(), 441);
    assert_eq!(parsed.states.len(), 19);
    for state in parsed.states.keys() {
        assert!(
            parsed.areas.values().any(|a| &a.region == state),
            "no area code for {state}"
        );
    }
}

#[test]
fn area_codes_give_a_region_and_zones() {
    let zones = |z: &[&str]| z.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    assert_eq!(
        rules().area("+19155550100"),
        Some(("TX", &zones(&[DENVER])[..]))
    );
    assert_eq!(
        rules().area("+18505550100"),
        Some(("FL", &zones(&[CHICAGO, NY])[..]))
    );
    assert_eq!(
        rules().area("+12085550100"),
        Some(("ID", &zones(&["America/Boise", DENVER, LA])[..]))
    );
    assert_eq!(
        rules().area("+13065550100"),
        Some(("CA-SK", &zones(&["America/Regina"])[..]))
    );
    assert_eq!(
        rules().area("+17875550100"),
        Some(("PR", &zones(&["America/Puerto_Rico"])[..]))
    );
    assert_eq!(rules().area("+18005550199"), None);
    assert_eq!(rules().area("+442079460000"), None);
    assert_eq!(rules().area("not a number"), None);
}

#[test]
fn the_federal_window_allows_its_start_and_not_its_end() {
    let n = "+12135550100";
    assert_eq!(check(n, local(LA, "2026-06-15T08:00")), allowed(FEDERAL_LA));
    assert_eq!(
        check(n, local(LA, "2026-06-15T20:59:59")),
        allowed(FEDERAL_LA)
    );
    assert_eq!(
        check(n, local(LA, "2026-06-15T21:00")),
        wait(
            local(LA, "2026-06-16T08:00"),
            FEDERAL_LA,
            "21:00 in America/Los_Angeles is outside 08:00–21:00"
        )
    );
    assert_eq!(
        check(n, local(LA, "2026-06-16T07:59")),
        wait(
            local(LA, "2026-06-16T08:00"),
            FEDERAL_LA,
            "07:59 in America/Los_Angeles is outside 08:00–21:00"
        )
    );
}

#[test]
fn the_next_opening_across_dst_changes() {
    let n = "+12125550100";
    // Spring forward on 2026-03-08: 08:00 is EDT (UTC-4), not EST.
    let verdict = check(n, local(NY, "2026-03-07T21:30"));
    assert_eq!(
        verdict,
        wait(
            utc("2026-03-08T12:00:00Z"),
            FEDERAL_NY,
            "21:30 in America/New_York is outside 08:00–21:00"
        )
    );
    // Fall back on 2026-11-01: 08:00 is EST (UTC-5).
    assert_eq!(
        check(n, local(NY, "2026-10-31T23:00")),
        wait(
            utc("2026-11-01T13:00:00Z"),
            FEDERAL_NY,
            "23:00 in America/New_York is outside 08:00–21:00"
        )
    );
    // During the repeated hour (the second 01:30, EST).
    assert_eq!(
        check(n, utc("2026-11-01T06:30:00Z")),
        wait(
            utc("2026-11-01T13:00:00Z"),
            FEDERAL_NY,
            "01:30 in America/New_York is outside 08:00–21:00"
        )
    );
}

#[test]
fn a_window_edge_in_a_gap_moves_forward_and_in_an_overlap_takes_the_earlier() {
    let check = |window: &str, at: &str| {
        let toml = format!(
            "version = \"test\"\nsources = []\n[federal]\nname = \"test\"\nwindow = \"{window}\"\n"
        );
        let rules = Rules::parse(&toml, "").expect("parses");
        let ny = TimeZone::get(NY).expect("zone");
        let to = Recipient {
            e164: "+442079460000",
            time_zone: None,
        };
        rules.check(utc(at), &to, &ny).expect("checks")
    };
    // 02:30 does not exist on 2026-03-08: the window opens at 03:30 EDT.
    assert_eq!(
        check("02:30-21:00", "2026-03-08T06:00:00Z"),
        wait(
            utc("2026-03-08T07:30:00Z"),
            "test: 02:30–21:00; zones America/New_York",
            "01:00 in America/New_York is outside 02:30–21:00"
        )
    );
    // 01:30 happens twice on 2026-11-01: the window opens at the first (EDT).
    assert_eq!(
        check("01:30-21:00", "2026-11-01T04:30:00Z"),
        wait(
            utc("2026-11-01T05:30:00Z"),
            "test: 01:30–21:00; zones America/New_York",
            "00:30 in America/New_York is outside 01:30–21:00"
        )
    );
}

#[test]
fn a_narrower_state_window() {
    let n = "+13055550100";
    assert_eq!(check(n, local(NY, "2026-06-15T19:59")), allowed(FL_NY));
    assert_eq!(
        check(n, local(NY, "2026-06-15T20:30")),
        wait(
            local(NY, "2026-06-16T08:00"),
            FL_NY,
            "20:30 in America/New_York is outside 08:00–20:00"
        )
    );
}

#[test]
fn a_state_without_sundays_waits_until_monday() {
    let n = "+12055550100";
    assert_eq!(check(n, local(CHICAGO, "2026-06-13T19:59")), allowed(AL));
    assert_eq!(
        check(n, local(CHICAGO, "2026-06-14T10:00")),
        wait(
            local(CHICAGO, "2026-06-15T08:00"),
            AL,
            "2026-06-14 is a Sunday in America/Chicago: no messages on Sundays"
        )
    );
    assert_eq!(
        check(n, local(CHICAGO, "2026-06-13T20:00")),
        wait(
            local(CHICAGO, "2026-06-15T08:00"),
            AL,
            "20:00 in America/Chicago is outside 08:00–20:00"
        )
    );
}

#[test]
fn texas_opens_at_noon_on_sundays() {
    let n = "+12145550100";
    assert_eq!(
        check(n, local(CHICAGO, "2026-06-14T10:00")),
        wait(
            local(CHICAGO, "2026-06-14T12:00"),
            TX_CHICAGO,
            "10:00 on a Sunday in America/Chicago is outside 12:00–21:00"
        )
    );
    assert_eq!(
        check(n, local(CHICAGO, "2026-06-14T12:00")),
        allowed(TX_CHICAGO)
    );
    assert_eq!(
        check(n, local(CHICAGO, "2026-06-15T08:30")),
        wait(
            local(CHICAGO, "2026-06-15T09:00"),
            TX_CHICAGO,
            "08:30 in America/Chicago is outside 09:00–21:00"
        )
    );
}

#[test]
fn listed_holidays_are_closed() {
    assert_eq!(
        check("+12055550100", local(CHICAGO, "2026-12-25T10:00")),
        wait(
            local(CHICAGO, "2026-12-26T08:00"),
            AL,
            "2026-12-25 is a holiday (us-federal) in America/Chicago: no messages on holidays"
        )
    );
    // Pennsylvania's own list: Election Day.
    let pa = "PA: 08:00–21:00, no holidays (pa-legal); zones America/New_York";
    assert_eq!(
        check("+12155550100", local(NY, "2026-11-03T12:00")),
        wait(
            local(NY, "2026-11-04T08:00"),
            pa,
            "2026-11-03 is a holiday (pa-legal) in America/New_York: no messages on holidays"
        )
    );
    // A state without holidays sends on Christmas.
    assert_eq!(
        check("+13055550100", local(NY, "2026-12-25T10:00")),
        allowed(FL_NY)
    );
}

#[test]
fn rhode_island_has_a_saturday_window() {
    let n = "+14015550100";
    let ri = "RI: 09:00–18:00 Mon–Fri, 10:00–17:00 Sat, no Sundays, no holidays (us-federal); zones America/New_York";
    assert_eq!(check(n, local(NY, "2026-06-12T17:30")), allowed(ri));
    assert_eq!(
        check(n, local(NY, "2026-06-13T17:30")),
        wait(
            local(NY, "2026-06-15T09:00"),
            ri,
            "17:30 on a Saturday in America/New_York is outside 10:00–17:00"
        )
    );
}

#[test]
fn an_area_code_spanning_two_zones_waits_for_both() {
    let n = "+18505550100";
    let fl = "FL (Fla. Stat. 501.059): 08:00–20:00; zones America/Chicago, America/New_York";
    assert_eq!(
        check(n, local(NY, "2026-06-15T08:30")),
        wait(
            local(CHICAGO, "2026-06-15T08:00"),
            fl,
            "07:30 in America/Chicago is outside 08:00–20:00"
        )
    );
    assert_eq!(check(n, local(NY, "2026-06-15T09:00")), allowed(fl));
    assert_eq!(
        check(n, local(NY, "2026-06-15T20:30")),
        wait(
            local(NY, "2026-06-16T09:00"),
            fl,
            "20:30 in America/New_York is outside 08:00–20:00"
        )
    );
}

#[test]
fn el_paso_needs_mountain_and_central_time() {
    let n = "+19155550100";
    let tx =
        "TX (SB 140): 09:00–21:00 Mon–Sat, 12:00–21:00 Sun; zones America/Denver, America/Chicago";
    assert_eq!(
        check(n, local(NY, "2026-06-15T08:30")),
        wait(
            local(DENVER, "2026-06-15T09:00"),
            tx,
            "06:30 in America/Denver is outside 09:00–21:00"
        )
    );
    // 20:30 in El Paso is 21:30 in Central time.
    assert_eq!(
        check(n, local(DENVER, "2026-06-15T20:30")),
        wait(
            local(DENVER, "2026-06-16T09:00"),
            tx,
            "21:30 in America/Chicago is outside 09:00–21:00"
        )
    );
    assert_eq!(check(n, local(DENVER, "2026-06-15T19:59")), allowed(tx));
}

#[test]
fn an_explicit_zone_overrides_the_area_code() {
    let at = local(LA, "2026-06-15T06:00");
    assert_eq!(
        check_in("+12125550100", Some(LA), at, "UTC"),
        wait(
            local(LA, "2026-06-15T08:00"),
            FEDERAL_LA,
            "06:00 in America/Los_Angeles is outside 08:00–21:00"
        )
    );
    // The state's rule still follows the number, Texas's Central clock too.
    let tx = "TX (SB 140): 09:00–21:00 Mon–Sat, 12:00–21:00 Sun; zones America/Los_Angeles, America/Chicago";
    assert_eq!(
        check_in(
            "+12145550100",
            Some(LA),
            local(LA, "2026-06-15T08:00"),
            "UTC"
        ),
        wait(
            local(LA, "2026-06-15T09:00"),
            tx,
            "08:00 in America/Los_Angeles is outside 09:00–21:00"
        )
    );
}

#[test]
fn numbers_outside_the_nanp_get_the_federal_window_in_the_default_zone() {
    let n = "+442079460000";
    let london = "federal (TCPA): 08:00–21:00; zones Europe/London";
    assert_eq!(
        check_in(
            n,
            None,
            local("Europe/London", "2026-06-15T21:30"),
            "Europe/London"
        ),
        wait(
            local("Europe/London", "2026-06-16T08:00"),
            london,
            "21:30 in Europe/London is outside 08:00–21:00"
        )
    );
    let tokyo = "federal (TCPA): 08:00–21:00; zones Asia/Tokyo";
    assert_eq!(
        check_in(
            n,
            Some("Asia/Tokyo"),
            local("Asia/Tokyo", "2026-06-15T12:00"),
            NY
        ),
        allowed(tokyo)
    );
    // A NANP number whose area code is not in the table (toll-free).
    assert_eq!(
        check_in("+18005550199", None, local(NY, "2026-06-15T12:00"), NY),
        allowed(FEDERAL_NY)
    );
    // A default zone without an IANA name.
    let fixed = TimeZone::fixed(jiff::tz::offset(-5));
    let verdict = rules().check(
        utc("2026-06-15T02:00:00Z"),
        &Recipient {
            e164: n,
            time_zone: None,
        },
        &fixed,
    );
    assert_eq!(
        verdict,
        Ok(wait(
            utc("2026-06-15T13:00:00Z"),
            "federal (TCPA): 08:00–21:00; zones the default time zone",
            "21:00 in the default time zone is outside 08:00–21:00"
        ))
    );
}

#[test]
fn an_unknown_zone_is_an_error() {
    let default = TimeZone::UTC;
    let result = rules().check(
        utc("2026-06-15T12:00:00Z"),
        &Recipient {
            e164: "+12125550100",
            time_zone: Some("Mars/Olympus_Mons"),
        },
        &default,
    );
    assert_eq!(
        result,
        Err(r#"unknown time zone "Mars/Olympus_Mons""#.to_string())
    );
}

#[test]
fn bad_data_is_an_error_and_the_fallback_is_federal() {
    let tsv = "212\tNY\tAmerica/New_York\n";
    let base = "version = \"t\"\nsources = []\n[federal]\nname = \"f\"\n";
    let err = |toml: &str, tsv: &str| Rules::parse(toml, tsv).map(|_| ()).unwrap_err();
    assert_eq!(
        err(&format!("{base}window = \"21:00-08:00\""), tsv),
        r#"quiet-hours rule federal: window "21:00-08:00" ends before it starts"#
    );
    assert_eq!(
        err(&format!("{base}window = \"8-21\""), tsv),
        r#"quiet-hours rule federal: window "8-21": "8" is not HH:MM"#
    );
    let ok = format!("{base}window = \"08:00-21:00\"\n");
    assert_eq!(
        err(
            &format!(
                "{ok}[states.AL]\nname = \"AL\"\nwindow = \"08:00-20:00\"\nholidays = \"none\"\n"
            ),
            tsv
        ),
        r#"quiet-hours rule AL: no holiday list named "none""#
    );
    assert_eq!(
        err(&ok, "212\tNY\tAmerica/Gotham\n"),
        r#"nanp-area-codes line 1: unknown time zone "America/Gotham""#
    );
    assert_eq!(
        err(&ok, "# c\n21\tNY\tAmerica/New_York\n"),
        "nanp-area-codes line 2: the area code is not three digits"
    );
    assert_eq!(
        err(&ok, "212\tNY\n"),
        "nanp-area-codes line 1: not three tab-separated fields"
    );
    assert!(err("version = 1", tsv).starts_with("quiet-hours rules: "));

    let fallback = Rules::federal_only("broken".to_string());
    assert_eq!(fallback.version(), "federal only: broken");
    let ny = TimeZone::get(NY).expect("zone");
    assert_eq!(
        fallback.check(
            local(NY, "2026-06-15T20:30"),
            &Recipient {
                e164: "+13055550100",
                time_zone: None
            },
            &ny
        ),
        Ok(allowed(FEDERAL_NY))
    );
}
