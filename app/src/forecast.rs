//! `plant-twin forecast`: a meter's forecast from an instant forward, with its prediction interval, headless
//! (docs/forecasts.md). Where the record goes on past the horizon, what happened is shown beside it, with the
//! forecast's error and the seasonal-naive forecast's.

use plant_forecast::{Band, HOUR_MS, Method, Regular, resample, seasonal_naive};
use plant_i18n::t;

use crate::cli::ForecastArgs;

/// A duration option (`1d`, `12h`, `90min`) in milliseconds.
fn duration_ms(option: &str, value: &str) -> Result<i64, String> {
    humantime::parse_duration(value.trim())
        .ok()
        .and_then(|d| i64::try_from(d.as_millis()).ok())
        .filter(|ms| *ms > 0)
        .ok_or_else(|| t!("app-forecast-bad-duration", option = option, value = value))
}

/// One step of the output: its start, the forecast, the interval, and what happened where the record has it.
struct Step {
    t_ms: i64,
    point: f64,
    lower: f64,
    upper: f64,
    actual: Option<f64>,
}

/// Writes the forecast; the error says what was wrong, in the current language.
pub fn run(args: &ForecastArgs) -> Result<(), String> {
    let failed = |message: String| t!("app-error", message = message);
    let opened = plant_site::open(&args.site).map_err(|d| d.to_string())?;
    let site = opened.site;
    for d in &opened.diagnostics {
        eprintln!("{d}");
    }
    let step_ms = duration_ms("step", &args.step).map_err(failed)?; // i18n-ok: the option's name
    let horizon_ms = duration_ms("horizon", &args.horizon).map_err(failed)?; // i18n-ok: the option's name
    let history_ms = duration_ms("history", &args.history).map_err(failed)?; // i18n-ok: the option's name
    let horizon = usize::try_from(horizon_ms / step_ms).unwrap_or(0).max(1);
    let level = args.level / 100.0;
    if !(50.0..=99.9).contains(&args.level) {
        return Err(failed(t!("app-forecast-bad-level", value = args.level.to_string())));
    }
    let figure = figure_of(&site, args).map_err(failed)?;
    let mut meter = match (&args.meter, &args.total, &figure) {
        (Some(id), _, _) => site.meter(id).ok_or_else(|| failed(t!("app-forecast-no-meter", id = id.as_str(), file = site.site_toml_path().display().to_string())))?.clone(),
        (None, _, Some(f)) => f.meter(""),
        (None, total, None) => total_meter(total.as_deref() == Some("co2")), // i18n-ok: the option's value
    };
    let loaded = crate::data::load(&site, args.connect)?;
    for d in &loaded.diagnostics {
        eprintln!("{d}");
    }
    let mut hourly = None;
    if let Some(f) = &figure {
        let (times, values, unit) = f.hourly(&site, &loaded.store).ok_or_else(|| failed(t!("app-forecast-no-series", id = meter.id.as_str())))?;
        meter = f.meter(&unit);
        hourly = Some((times, values));
    }
    let no_series = || failed(t!("app-forecast-no-series", id = meter.id.as_str()));
    let (times, values, interval) = match (&args.total, hourly) {
        (_, Some((times, values))) => (times, values, HOUR_MS),
        (Some(which), None) => hourly_totals(&site, &loaded.store, which == "co2").ok_or_else(no_series)?, // i18n-ok: the option's value
        (None, None) => {
            let series = loaded.store.get(&meter.id).ok_or_else(no_series)?;
            (series.times_ms().to_vec(), series.values().to_vec(), series.interval_ms())
        }
    };
    let last = *times.last().ok_or_else(no_series)?;
    // From --at (in the site's time zone), else the end of the record; on a whole step.
    let at = match &args.at {
        Some(text) => crate::startup::parse_at(text, site.time_zone)
            .ok_or_else(|| failed(t!("app-report-bad-time", option = "at", value = text.as_str(), time_zone = site.time_zone.to_string())))?,
        // The end of the record: just after its last sample (a 1-minute record ending 23:59 ends at 24:00).
        None => last + interval.max(1),
    };
    let (history, band) = match plant_forecast::forecast_samples(&times, &values, at, history_ms, step_ms, horizon, level) {
        Ok(x) => x,
        Err(plant_forecast::Error::NoHistory) => return Err(failed(t!("app-forecast-no-data", id = meter.id.as_str(), at = when(&site, at)))),
        Err(e) => return Err(failed(t!("app-forecast-failed", id = meter.id.as_str(), reason = e.to_string()))),
    };
    let at = band.start_ms;
    // What happened after `at`, where the record has whole steps of it.
    let after = resample(&times, &values, at, at + horizon_ms, step_ms);
    let steps: Vec<Step> = (0..band.point.len())
        .map(|k| Step {
            t_ms: band.start_ms + band.step_ms * k as i64,
            point: band.point[k],
            lower: band.lower[k],
            upper: band.upper[k],
            actual: after.values.get(k).copied().filter(|v| v.is_finite()),
        })
        .collect();
    let text = match args.format.as_str() {
        "json" => json(&site, &meter, &band, &history, &steps), // i18n-ok: a format's name
        "csv" => csv(&site, &steps),                            // i18n-ok: a format's name
        _ => markdown(&site, &meter, &band, &history, &steps, args),
    };
    match &args.output {
        Some(path) => crate::report::write_atomically(path, &text).map_err(|e| failed(format!("{}: {e}", path.display()))),
        None => {
            crate::whatif::out(&text);
            Ok(())
        }
    }
}

/// A figure of the hourly accounting other than the totals: a product's key figure or a flow's energy.
enum HourlyFigure {
    /// `unit` empty: the first the report gives for the key (fuel: GJ/t before kgce/t).
    Kpi {
        product: String,
        key: String,
        unit: String,
        name: String,
    },
    Flow {
        index: usize,
        name: String,
    },
}

impl HourlyFigure {
    /// As a meter of its own, for the output, in `unit`.
    fn meter(&self, unit: &str) -> plant_site::Meter {
        let (id, name) = match self {
            HourlyFigure::Kpi { product, key, name, .. } => (format!("{product}:{key}"), format!("{name} ({unit})")),
            HourlyFigure::Flow { index, name } => (format!("flow-{index}"), name.clone()), // i18n-ok: an id
        };
        plant_site::Meter {
            id,
            quantity: plant_site::Quantity::Other,
            unit: unit.to_owned(),
            equipment: String::new(),
            column: String::new(),
            name,
            name_zh: None,
            to_display: (1.0, 0.0),
        }
    }

    /// Its value in each whole hour of the record from that hour's accounting, and its unit.
    fn hourly(&self, site: &plant_site::Site, store: &plant_store::Store) -> Option<(Vec<i64>, Vec<f64>, String)> {
        let (first, last) = store.time_range()?;
        let (book, _) = plant_accounting::prepare(site);
        let unit = std::sync::Mutex::new(String::new());
        let pick = |r: &plant_accounting::Report| match self {
            HourlyFigure::Kpi { product, key, unit: wanted, .. } => {
                let line = r.product(product)?.kpis.iter().find(|k| k.key == key.as_str() && (wanted.is_empty() || k.unit == *wanted))?;
                if let Ok(mut u) = unit.lock() {
                    line.unit.clone_into(&mut u);
                }
                Some(line.value)
            }
            HourlyFigure::Flow { index, .. } => r.flow(*index).and_then(|f| f.energy_gj),
        };
        let (times, values) = plant_accounting::hourly_figure(site, store, &book, first, last.saturating_add(1), &pick);
        let unit = match self {
            HourlyFigure::Flow { .. } => String::from("GJ/h"), // i18n-ok: a unit
            HourlyFigure::Kpi { .. } => unit.into_inner().unwrap_or_default(),
        };
        (!times.is_empty()).then_some((times, values, unit))
    }
}

/// `--kpi PRODUCT:KEY[:UNIT]` or `--flow FROM:TO` checked against the site; `None` for neither.
fn figure_of(site: &plant_site::Site, args: &ForecastArgs) -> Result<Option<HourlyFigure>, String> {
    if let Some(text) = &args.kpi {
        let mut parts = text.splitn(3, ':');
        let (product, key, unit) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""), parts.next().unwrap_or(""));
        let p = site.products.iter().find(|p| p.id == product);
        let Some(p) = p.filter(|p| p.kpis.iter().any(|k| k.key() == key)) else {
            let known: Vec<String> = site.products.iter().flat_map(|p| p.kpis.iter().map(move |k| format!("{}:{}", p.id, k.key()))).collect();
            return Err(t!("app-forecast-no-kpi", value = text.as_str(), known = known.join(", ")));
        };
        let name = format!("{} — {key}", p.display_name());
        return Ok(Some(HourlyFigure::Kpi { product: product.to_owned(), key: key.to_owned(), unit: unit.to_owned(), name }));
    }
    if let Some(text) = &args.flow {
        let (from, to) = text.split_once(':').unwrap_or((text.as_str(), ""));
        let Some(index) = site.flows.iter().position(|f| f.from == from && f.to == to) else {
            let known: Vec<String> = site.flows.iter().map(|f| format!("{}:{}", f.from, f.to)).collect();
            return Err(t!("app-forecast-no-flow", value = text.as_str(), known = known.join(", ")));
        };
        let name = format!("{} → {}", site.node_name(from), site.node_name(to));
        return Ok(Some(HourlyFigure::Flow { index, name }));
    }
    Ok(None)
}

/// The site's total as a meter of its own (`total-energy` in GJ/h, `total-co2` in t/h), for the output.
fn total_meter(co2: bool) -> plant_site::Meter {
    let (id, quantity, unit, key) = if co2 {
        ("total-co2", plant_site::Quantity::Co2MassFlow, "t/h", "app-forecast-total-co2") // i18n-ok: an id, a unit and a catalogue key
    } else {
        ("total-energy", plant_site::Quantity::ThermalPower, "GJ/h", "app-forecast-total-energy") // i18n-ok: an id, a unit and a catalogue key
    };
    plant_site::Meter {
        id: id.into(),
        quantity,
        unit: unit.into(),
        equipment: String::new(),
        column: String::new(),
        name: plant_i18n::tr(key),
        name_zh: None,
        to_display: (1.0, 0.0),
    }
}

/// The site's energy (GJ) or CO2 (t, scope 1 and location-based scope 2) in each whole hour of the record,
/// from the accounting over that hour (the flows panel's figures): times at the hours' starts, values per
/// hour, and the hour as the interval.
fn hourly_totals(site: &plant_site::Site, store: &plant_store::Store, co2: bool) -> Option<(Vec<i64>, Vec<f64>, i64)> {
    let (first, last) = store.time_range()?;
    let (book, _) = plant_accounting::prepare(site);
    let h = plant_accounting::hourly_totals(site, store, &book, first, last.saturating_add(1));
    let values = if co2 { h.co2_t } else { h.energy_gj };
    (!h.times_ms.is_empty()).then_some((h.times_ms, values, HOUR_MS))
}

fn when(site: &plant_site::Site, t_ms: i64) -> String {
    plant_viewer_context::format_time_in(plant_i18n::current(), t_ms, site.time_zone, "%Y-%m-%d %H:%M %Z")
}

fn iso(site: &plant_site::Site, t_ms: i64) -> String {
    plant_viewer_context::format_time_in(plant_i18n::Lang::En, t_ms, site.time_zone, "%Y-%m-%dT%H:%M:%S%:z") // i18n-ok: ISO 8601
}

fn method_text(band: &Band) -> String {
    let seasons: Vec<String> = band
        .seasons
        .iter()
        .map(|s| match band.step_ms * *s as i64 {
            ms if ms == 24 * HOUR_MS => t!("app-forecast-season-day"),
            ms if ms == 7 * 24 * HOUR_MS => t!("app-forecast-season-week"),
            _ => s.to_string(),
        })
        .collect();
    match band.method {
        Method::Mstl => t!("app-forecast-method-mstl", seasons = seasons.join(", ")),
        Method::Ets => t!("app-forecast-method-ets"),
        Method::SeasonalNaive => t!("app-forecast-method-naive"),
    }
}

/// A level as a percentage without trailing zeros (0.95 → 95, 0.995 → 99.5).
fn percent(level: f64) -> String {
    let p = format!("{:.1}", level * 100.0);
    p.strip_suffix(".0").map_or_else(|| p.clone(), str::to_owned)
}

/// Number formatting with as many decimals as the values' size needs (4 significant figures).
fn num(x: f64) -> String {
    let digits = if x.abs() >= 1000.0 {
        0
    } else if x.abs() >= 100.0 {
        1
    } else if x.abs() >= 10.0 {
        2
    } else {
        3
    };
    format!("{x:.digits$}")
}

/// The mean absolute error of the forecast and of the seasonal-naive forecast (daily season) over the steps
/// with an actual value, when every step has one.
fn errors(history: &Regular, band: &Band, steps: &[Step]) -> Option<(f64, f64)> {
    let actual: Vec<f64> = steps.iter().map(|s| s.actual).collect::<Option<Vec<f64>>>()?;
    let day = usize::try_from(24 * HOUR_MS / band.step_ms.max(1)).ok().filter(|d| *d >= 1)?;
    let naive = seasonal_naive(history, day, steps.len(), band.level).ok()?;
    let mae = |p: &[f64]| p.iter().zip(&actual).map(|(p, a)| (p - a).abs()).sum::<f64>() / actual.len() as f64;
    Some((mae(&band.point), mae(&naive.point)))
}

fn markdown(site: &plant_site::Site, meter: &plant_site::Meter, band: &Band, history: &Regular, steps: &[Step], args: &ForecastArgs) -> String {
    let mut out = String::new();
    out.push_str(&format!("# {}\n\n", t!("app-forecast-title", meter = meter.display_name(), id = meter.id.as_str(), site = site.name())));
    let (at, history_from, method, level) = (when(site, band.start_ms), when(site, history.start_ms), method_text(band), percent(band.level));
    // A site total is each hour's accounting, not a meter's mean.
    let (horizon, step) = (args.horizon.as_str(), args.step.as_str());
    let basis = if args.total.is_some() {
        t!("app-forecast-basis-total", at = at, horizon = horizon, step = step, method = method, history_from = history_from, level = level)
    } else {
        t!("app-forecast-basis", at = at, horizon = horizon, step = step, method = method, history_from = history_from, level = level)
    };
    out.push_str(&format!("{basis}\n\n"));
    let unit = meter.unit.as_str();
    out.push_str(&format!(
        "| {} | {} ({unit}) | {} | {} | {} |\n|---|---|---|---|---|\n",
        t!("app-forecast-col-time"),
        t!("app-forecast-col-forecast"),
        t!("app-forecast-col-lower"),
        t!("app-forecast-col-upper"),
        t!("app-forecast-col-actual")
    ));
    for s in steps {
        out.push_str(&format!("| {} | {} | {} | {} | {} |\n", when(site, s.t_ms), num(s.point), num(s.lower), num(s.upper), s.actual.map_or_else(|| "–".to_owned(), num)));
    }
    if let Some((mae, naive)) = errors(history, band, steps) {
        let inside = steps.iter().filter(|s| s.actual.is_some_and(|a| a >= s.lower && a <= s.upper)).count();
        out.push_str(&format!(
            "\n{}\n",
            t!("app-forecast-against", mae = num(mae), naive = num(naive), unit = unit, inside = inside, steps = steps.len(), level = percent(band.level))
        ));
    }
    out
}

fn csv(site: &plant_site::Site, steps: &[Step]) -> String {
    let mut out = String::from("time,forecast,lower,upper,actual\n"); // i18n-ok: CSV column names
    for s in steps {
        out.push_str(&format!("{},{},{},{},{}\n", iso(site, s.t_ms), s.point, s.lower, s.upper, s.actual.map_or_else(String::new, |a| a.to_string())));
    }
    out
}

/// The JSON form: names as in the CSV, times in ISO 8601 with the site's offset.
#[derive(serde::Serialize)]
struct Json<'a> {
    site: &'a str,
    meter: &'a str,
    unit: &'a str,
    method: &'static str,
    seasons_steps: &'a [usize],
    step_s: i64,
    level: f64,
    history_from: String,
    from: String,
    mae: Option<f64>,
    mae_seasonal_naive: Option<f64>,
    steps: Vec<JsonStep>,
}

#[derive(serde::Serialize)]
struct JsonStep {
    time: String,
    forecast: f64,
    lower: f64,
    upper: f64,
    actual: Option<f64>,
}

fn json(site: &plant_site::Site, meter: &plant_site::Meter, band: &Band, history: &Regular, steps: &[Step]) -> String {
    let method = match band.method {
        Method::Mstl => "mstl-ets",                // i18n-ok: a method's id
        Method::Ets => "ets",                      // i18n-ok: a method's id
        Method::SeasonalNaive => "seasonal-naive", // i18n-ok: a method's id
    };
    let errors = errors(history, band, steps);
    let value = Json {
        site: site.name(),
        meter: &meter.id,
        unit: &meter.unit,
        method,
        seasons_steps: &band.seasons,
        step_s: band.step_ms / 1000,
        level: band.level,
        history_from: iso(site, history.start_ms),
        from: iso(site, band.start_ms),
        mae: errors.map(|e| e.0),
        mae_seasonal_naive: errors.map(|e| e.1),
        steps: steps.iter().map(|s| JsonStep { time: iso(site, s.t_ms), forecast: s.point, lower: s.lower, upper: s.upper, actual: s.actual }).collect(),
    };
    serde_json::to_string_pretty(&value).map(|s| s + "\n").unwrap_or_default()
}
