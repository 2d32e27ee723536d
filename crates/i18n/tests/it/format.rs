use chrono::NaiveDate;
use plant_i18n::{Lang, date, datetime, datetime_secs, decimal, integer, month_day_time};

fn at(y: i32, m: u32, d: u32, h: u32, min: u32, s: u32) -> chrono::NaiveDateTime {
    NaiveDate::from_ymd_opt(y, m, d).and_then(|d| d.and_hms_opt(h, min, s)).expect("valid")
}

#[test]
fn dates_in_each_languages_style() {
    let t = at(2026, 11, 10, 15, 0, 5);
    assert_eq!(datetime(Lang::ZhCn, t), "2026年11月10日 15:00");
    assert_eq!(datetime(Lang::En, t), "2026-11-10 15:00");
    assert_eq!(datetime_secs(Lang::ZhCn, t), "2026年11月10日 15:00:05");
    let jan = at(2027, 1, 5, 7, 3, 0);
    assert_eq!(date(Lang::ZhCn, jan.date()), "2027年1月5日", "Chinese dates carry no leading zeros");
    assert_eq!(date(Lang::En, jan.date()), "2027-01-05");
    assert_eq!(month_day_time(Lang::ZhCn, jan), "1月5日 07:03");
    assert_eq!(month_day_time(Lang::En, jan), "01-05 07:03");
}

#[test]
fn numbers_group_thousands() {
    assert_eq!(integer(0), "0");
    assert_eq!(integer(999), "999");
    assert_eq!(integer(1000), "1,000");
    assert_eq!(integer(-1_234_567), "-1,234,567");
    assert_eq!(integer(i64::MIN), "-9,223,372,036,854,775,808");
    assert_eq!(decimal(12345.678, 1), "12,345.7");
    assert_eq!(decimal(-0.04, 1), "0.0", "no negative zero");
    assert_eq!(decimal(-1234.5, 0), "-1,234", "rounds half to even as Rust's formatter does");
    assert_eq!(decimal(f64::NAN, 2), "—");
    assert_eq!(decimal(f64::INFINITY, 2), "—");
}
