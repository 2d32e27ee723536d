//! Summing by the hour: the pieces a window is asked for in, and the hourly samples that add up, integrate
//! and average as the raw samples would. Against the database: tests/it/victoria.rs.

use plant_historian::summary::{Buckets, MAX_STEPS, Piece, hourly, pieces};

const HOUR_MS: i64 = 3_600_000;

#[test]
fn pieces_cover_the_window_once() {
    let h = HOUR_MS;
    // Whole hours only.
    assert_eq!(pieces(10 * h, 13 * h), vec![Piece::Hours { first_end: 11 * h, last_end: 13 * h }]);
    // Ragged at both ends (a zone half an hour off UTC; the record's last sample + 1 ms).
    assert_eq!(
        pieces(10 * h + h / 2, 13 * h + 61_001),
        vec![Piece::Part { start: 10 * h + h / 2, end: 11 * h }, Piece::Hours { first_end: 12 * h, last_end: 13 * h }, Piece::Part { start: 13 * h, end: 13 * h + 61_001 }]
    );
    // Inside one hour.
    assert_eq!(pieces(10 * h + 5, 10 * h + 50), vec![Piece::Part { start: 10 * h + 5, end: 10 * h + 50 }]);
    // Longer than one range query may be: split, nothing lost or counted twice.
    let p = pieces(0, (2 * MAX_STEPS + 5) * h);
    assert_eq!(p.len(), 3);
    let hours: i64 = p.iter().map(|x| if let Piece::Hours { first_end, last_end } = x { (last_end - first_end) / h + 1 } else { 0 }).sum();
    assert_eq!(hours, 2 * MAX_STEPS + 5);
    assert_eq!(p[0], Piece::Hours { first_end: h, last_end: MAX_STEPS * h });
    assert!(pieces(5, 5).is_empty());
}

#[test]
fn hourly_samples_add_up_integrate_and_average_as_the_raw_samples_would() {
    use plant_site::Quantity;
    let h = HOUR_MS;
    // Three whole hours and a 30-minute end; one-minute samples of 2 kW, 4 kW, none, 2 kW.
    let buckets: Buckets = [(h, (120.0, 60.0)), (2 * h, (240.0, 60.0)), (3 * h, (0.0, 0.0)), (3 * h + h / 2, (60.0, 30.0))].into_iter().collect();
    let window = (0, 3 * h + h / 2);
    let (rate, cov, n) = hourly(Quantity::ElectricPower, &buckets, window, None).expect("samples");
    assert_eq!(n, 150);
    // One sample at each bucket's start (the ragged end's at its own start, not an hour before its end) and
    // one closing the last.
    assert_eq!(rate.times_ms(), [0, h, 2 * h, 3 * h, 3 * h + h / 2]);
    assert_eq!(rate.values(), [2.0, 4.0, 0.0, 2.0, 0.0]);
    // 2 kWh + 4 kWh + the empty hour adding nothing (a zero, not the hour before held) + 1 kWh.
    let (kwh, _) = plant_flows::integrate(&rate, window.0, window.1);
    assert!((kwh - 7.0).abs() < 1e-12, "{kwh}");
    assert!((cov - 150.0 / 210.0).abs() < 1e-12, "{cov}");
    let (sum, cov, _) = hourly(Quantity::Energy, &buckets, window, None).expect("samples");
    assert_eq!(sum.aggregate(window.0, window.1).sum, 420.0);
    assert_eq!(cov, 1.0);
    // A level: the hour's mean; an empty hour leaves no sample.
    let (level, _, _) = hourly(Quantity::Temperature, &buckets, window, None).expect("samples");
    assert_eq!(level.values(), [2.0, 4.0, 2.0, 0.0]);
    // A ragged start: its bucket starts at the window's start.
    let late: Buckets = [(h, (60.0, 30.0)), (2 * h, (120.0, 60.0))].into_iter().collect();
    let (rate, _, _) = hourly(Quantity::ElectricPower, &late, (h / 2, 2 * h), None).expect("samples");
    assert_eq!(rate.times_ms(), [h / 2, h, 2 * h]);
    assert_eq!(plant_flows::integrate(&rate, h / 2, 2 * h).0, 3.0);
    // A caller's interval wins over the densest hour's: 30 s a sample, half the energy.
    let (rate, _, _) = hourly(Quantity::ElectricPower, &buckets, window, Some(30_000)).expect("samples");
    let (kwh, _) = plant_flows::integrate(&rate, window.0, window.1);
    assert!((kwh - 3.5).abs() < 1e-12, "{kwh}");
    assert!(hourly(Quantity::Energy, &Buckets::new(), window, None).is_none());
}

#[test]
fn a_window_whose_sums_would_not_fit_in_the_cache_is_refused_without_asking_the_database() {
    use plant_historian::{Answer, Error, Summariser, summary::sums_bytes};
    // 1,000 meters over a year: 8,760 hours of 16 bytes each, 140 MB.
    assert_eq!(sums_bytes(1000, (0, 8760 * HOUR_MS)), 1000 * 8763 * 16);
    let mut toml = String::from("[site]\nname = \"x\"\nkind = \"x\"\ntime_zone = \"Asia/Shanghai\"\nmodel = \"\"\n\n[[equipment]]\nid = \"e\"\ntype = \"x\"\nname = \"E\"\n");
    for m in 0..1000 {
        toml.push_str(&format!("\n[[meter]]\nid = \"m{m}\"\nquantity = \"electric_power\"\nunit = \"kW\"\nequipment = \"e\"\n"));
    }
    // Nothing listens on port 9 of this machine: a database asked would be an error of another kind.
    toml.push_str("\n[historian]\nurl = \"http://127.0.0.1:9\"\nselector = 'm{meter=\"{meter}\"}'\npaged = true\ncache_mb = 16\ntimeout = \"2s\"\n");
    let site = plant_site::parse(&toml, &std::env::temp_dir()).expect("site").site;
    let h = site.historian.clone().expect("historian");
    let s = Summariser::start(std::sync::Arc::new(site), &h).expect("summariser");
    s.ask((0, 8760 * HOUR_MS), std::collections::HashMap::new());
    match s.next(std::time::Duration::from_secs(10)) {
        Some(Answer::Sum(w, Err(e))) => {
            assert_eq!(w, (0, 8760 * HOUR_MS));
            assert_eq!(e, Error::SumsTooLarge { mb: 134, limit_mb: 16 });
            assert!(e.to_string().contains("cache_mb"), "{e}");
        }
        other => panic!("not refused: {other:?}"),
    }
    // A day fits: the database is asked (and, not there, says so).
    s.ask((0, 24 * HOUR_MS), std::collections::HashMap::new());
    match s.next(std::time::Duration::from_secs(10)) {
        Some(Answer::Sum(_, Err(e))) => assert!(e.is_unreachable(), "{e}"),
        other => panic!("{other:?}"),
    }
}
