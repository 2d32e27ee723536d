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

/// A long text column is read in two halves on two threads. Here the second half starts inside Berlin's
/// repeated hour (2026-10-25, 02:00–02:59 twice): it must be read as one thread reading from the top would,
/// every row one second after the one before, and unreadable rows in both halves are counted and named in
/// row order.
#[test]
fn a_long_column_read_on_two_threads_equals_one_read_from_the_top() {
    use chrono::TimeZone;
    let berlin = chrono_tz::Europe::Berlin;
    // The repeated hour's second pass (CET) starts at 01:00:00 UTC; 49,000 rows before it, 51,000 from it:
    // the halves meet 1,000 rows into it.
    let cet_start_s = chrono::Utc.with_ymd_and_hms(2026, 10, 25, 1, 0, 0).single().expect("instant").timestamp();
    let (n, before) = (100_000i64, 49_000i64);
    let first_s = cet_start_s - before;
    let bad_rows = [10usize, 20, 30, 99_990];
    let mut csv = String::from("timestamp,a,b\n");
    for i in 0..n {
        if bad_rows.contains(&(i as usize)) {
            csv.push_str("garbled,1,2\n");
            continue;
        }
        let local = berlin.timestamp_opt(first_s + i, 0).single().expect("instant").naive_local();
        csv.push_str(&format!("{},{i},2\n", local.format("%Y-%m-%d %H:%M:%S")));
    }
    let dir = temp_dir("two-threads");
    let mut site = site_with(&dir, "d.csv", "", Some(&csv));
    site.time_zone = berlin;
    let got = load_site_data(&site, &no_progress);
    let file = &got.files[0];
    assert_eq!((file.rejected_rows, file.out_of_order_rows, file.duplicate_timestamps), (4, 0, 0), "{:?}", got.diagnostics);
    let s = got.store.get("a").expect("meter a");
    let want: Vec<i64> = (0..n).filter(|i| !bad_rows.contains(&(*i as usize))).map(|i| (first_s + i) * 1000).collect();
    assert_eq!(s.times_ms(), &want[..], "every row one second after the one before, through the repeated hour");
    // The first five problems are named (all four here, the last one in the second half), in row order.
    let rows: Vec<usize> = got
        .diagnostics
        .iter()
        .filter(|d| d.message.id == "ingest-timestamp-unreadable")
        .filter_map(|d| match d.place {
            plant_site::Place::Row { row, .. } => Some(row),
            _ => None,
        })
        .collect();
    assert_eq!(rows, vec![12, 22, 32, 99_992], "CSV rows count the header as line 1");
}

#[test]
fn a_column_read_with_its_date_and_minute_remembered_gives_chronos_instants() {
    use plant_ingest::timestamp::{DateCache, parse_with};
    let mut cache = DateCache::default();
    // Every 17 s over three days across a month's and a leap day's end, with and without fractions, in
    // three offsets: each against chrono's RFC 3339 reading.
    let start = chrono::DateTime::parse_from_rfc3339("2028-02-28T22:00:00+08:00").expect("start").timestamp_millis();
    for i in 0..15_000i64 {
        let ms = start + i * 17_000 + if i % 5 == 0 { 250 } else { 0 };
        let offset = ["+08:00", "Z", "-05:30"][(i / 4000) as usize % 3];
        let tz = chrono::FixedOffset::east_opt(match offset {
            "+08:00" => 8 * 3600,
            "Z" => 0,
            _ => -(5 * 3600 + 1800),
        })
        .expect("offset");
        let local = chrono::DateTime::from_timestamp_millis(ms).expect("instant").with_timezone(&tz);
        let text = format!("{}{}", local.format(if ms % 1000 == 0 { "%Y-%m-%dT%H:%M:%S" } else { "%Y-%m-%dT%H:%M:%S%.3f" }), offset);
        assert_eq!(parse_with(&text, &TimestampFormat::Iso8601, &mut cache), Ok(Parsed::Utc(ms)), "{text}");
    }
    // Minutes without seconds, local times, and what must still be refused after a good row of the same
    // date and minute.
    assert_eq!(parse_with("2026-11-01 08:00", &TimestampFormat::NaiveLocal, &mut cache), Ok(Parsed::Local(T0 + 8 * 3_600_000)));
    assert_eq!(parse_with("2026-11-01 08:00:07", &TimestampFormat::NaiveLocal, &mut cache), Ok(Parsed::Local(T0 + 8 * 3_600_000 + 7_000)));
    for bad in ["2026-11-01 08:00:61", "2026-11-01 08:00:5", "2026-11-01 08:60:00", "2026-11-01 24:00:00", "2026-02-29 08:00:00", "2026-11-01 08:00:00+8"] {
        assert!(parse_with(bad, &TimestampFormat::NaiveLocal, &mut cache).is_err(), "{bad}");
    }
}
