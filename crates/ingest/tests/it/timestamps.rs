use plant_ingest::load_site_data;
use plant_ingest::timestamp::{Parsed, detect, parse};
use plant_site::TimestampFormat;

use crate::fixtures::{MIN, T0, no_progress, site_with, temp_dir};

#[test]
fn iso_with_offset_and_z_are_the_same_instant() {
    let a = parse("2026-11-01T08:00:00+08:00", &TimestampFormat::Iso8601);
    let b = parse("2026-11-01T00:00:00Z", &TimestampFormat::Iso8601);
    let c = parse("2026-11-01 03:30:00.250-0430", &TimestampFormat::Iso8601);
    assert_eq!(a, Ok(Parsed::Utc(T0)));
    assert_eq!(b, Ok(Parsed::Utc(T0)));
    assert_eq!(c, Ok(Parsed::Utc(T0 + 8 * 3_600_000 + 250)));
}

#[test]
fn malformed_and_impossible_dates_are_refused() {
    for s in ["2026-13-01T00:00:00Z", "2026-02-29 00:00", "2026-11-01T25:00:00Z", "2026-11-01T00:00:00+8", "yesterday", "", "2026-11-01T00:00:00Zjunk"] {
        assert!(parse(s, &TimestampFormat::Iso8601).is_err(), "{s} must be refused");
    }
    assert!(parse("2024-02-29 00:00", &TimestampFormat::NaiveLocal).is_ok(), "leap day");
}

#[test]
fn formats_are_detected() {
    assert_eq!(detect(&["2026-11-01T08:00:00+08:00"]), Some((TimestampFormat::Iso8601, false)));
    assert_eq!(detect(&["2026-11-01 08:00:00"]), Some((TimestampFormat::NaiveLocal, false)));
    assert_eq!(detect(&["01/11/2026 08:00", "13/11/2026 08:00"]), Some((TimestampFormat::DayFirst, false)));
    assert_eq!(detect(&["11/01/2026 08:00", "11/13/2026 08:00"]), Some((TimestampFormat::MonthFirst, false)));
    assert_eq!(detect(&["01/11/2026 08:00"]), Some((TimestampFormat::DayFirst, true)), "undecidable → day-first, flagged");
    assert_eq!(detect(&["1793491200"]), Some((TimestampFormat::UnixSeconds, false)));
    assert_eq!(detect(&["1793491200000"]), Some((TimestampFormat::UnixMillis, false)));
    assert_eq!(detect(&["hello"]), None);
}

fn first_times(csv: &str, extra: &str, name: &str) -> Vec<i64> {
    let dir = temp_dir(name);
    let site = site_with(&dir, "d.csv", extra, Some(csv));
    let got = load_site_data(&site, &no_progress);
    got.store.get("a").expect("meter a").times_ms().to_vec()
}

#[test]
fn naive_local_times_are_read_in_the_site_time_zone() {
    let t = first_times("timestamp,a,b\n2026-11-01 08:00:00,1,2\n2026-11-01 08:01:00,1,2\n", "", "naive");
    assert_eq!(t, vec![T0, T0 + MIN]);
}

#[test]
fn day_first_times_are_read_day_first() {
    let t = first_times("timestamp,a,b\n01/11/2026 08:00,1,2\n13/11/2026 08:00,1,2\n", "", "dayfirst");
    assert_eq!(t, vec![T0, T0 + 12 * 86_400_000]);
    let t = first_times("timestamp,a,b\n01.11.2026 08:00:30,1,2\n", "timestamp_format = \"day-first\"", "dayfirst-dots");
    assert_eq!(t, vec![T0 + 30_000]);
}

#[test]
fn month_first_can_be_chosen_explicitly() {
    let t = first_times("timestamp,a,b\n11/01/2026 08:00,1,2\n", "timestamp_format = \"month-first\"", "monthfirst");
    assert_eq!(t, vec![T0]);
}

#[test]
fn unix_seconds_column_is_read_as_integers() {
    let t = first_times(&format!("timestamp,a,b\n{},1,2\n{},1,2\n", T0 / 1000, T0 / 1000 + 60), "", "unix");
    assert_eq!(t, vec![T0, T0 + MIN]);
}

#[test]
fn daylight_saving_fold_and_gap_are_handled() {
    use plant_ingest::timestamp::LocalToUtc;
    let mut c = LocalToUtc::new(chrono_tz::Europe::Berlin);
    // 2026-10-25 02:30 happens twice in Berlin; a sorted record crossing it stays sorted.
    let p = |s: &str| parse(s, &TimestampFormat::NaiveLocal).expect("parses");
    let before = c.to_utc(p("2026-10-25 02:59")).expect("ok");
    let again = c.to_utc(p("2026-10-25 02:00")).expect("ok");
    assert_eq!(again - before, 60_000, "the repeated 02:00 comes one minute after 02:59 CEST");
    // 2026-03-29 02:30 does not exist in Berlin.
    assert!(c.to_utc(p("2026-03-29 02:30")).is_err());
}
