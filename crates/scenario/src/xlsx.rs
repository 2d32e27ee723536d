//! A study as an Excel workbook (rust_xlsxwriter): a summary (site, window, factor sets, how a year is taken,
//! totals by scope and key figures), the comparison, flows, per-node use, the measures with their economics,
//! and the marginal abatement cost curve as a native chart. Numbers are numbers, their units in the headers or
//! in a unit column; headers in the current language.

use plant_i18n::t;
use plant_site::Site;
use rust_xlsxwriter::{Chart, ChartAxisLabelPosition, ChartType, Format, Workbook, Worksheet, XlsxError};

use crate::compare::Row;
use crate::render::Study;

/// A cell of a table.
enum Cell {
    Text(String),
    Number(f64),
    Empty,
}

impl From<f64> for Cell {
    fn from(x: f64) -> Cell {
        if x.is_finite() { Cell::Number(x) } else { Cell::Empty }
    }
}

impl From<Option<f64>> for Cell {
    fn from(x: Option<f64>) -> Cell {
        x.map_or(Cell::Empty, Cell::from)
    }
}

impl From<&str> for Cell {
    fn from(s: &str) -> Cell {
        Cell::Text(s.to_owned())
    }
}

impl From<String> for Cell {
    fn from(s: String) -> Cell {
        Cell::Text(s)
    }
}

/// Writes a header row at `row` and the rows under it; the next free row.
fn table(ws: &mut Worksheet, row: u32, headers: &[String], rows: Vec<Vec<Cell>>, bold: &Format) -> Result<u32, XlsxError> {
    for (c, h) in headers.iter().enumerate() {
        ws.write_string_with_format(row, c as u16, h, bold)?;
    }
    let mut r = row + 1;
    for cells in rows {
        for (c, cell) in cells.into_iter().enumerate() {
            match cell {
                Cell::Text(s) => {
                    ws.write_string(r, c as u16, s)?;
                }
                Cell::Number(x) => {
                    ws.write_number(r, c as u16, x)?;
                }
                Cell::Empty => {}
            }
        }
        r += 1;
    }
    Ok(r)
}

/// The headers of a comparison's table: what the row is, A, B and the differences.
fn comparison_headers(c: &crate::Comparison) -> [String; 8] {
    [
        t!("scenario-col-section"),
        t!("scenario-col-item"),
        t!("scenario-col-figure"),
        t!("scenario-col-unit"),
        c.a.clone(),
        c.b.clone(),
        t!("scenario-col-difference"),
        t!("scenario-col-relative"),
    ]
}

fn comparison_cells(r: &Row) -> Vec<Cell> {
    vec![r.section.into(), r.item.as_str().into(), r.quantity.as_str().into(), r.unit.as_str().into(), r.a.into(), r.b.into(), r.difference.into(), r.relative.into()]
}

/// The workbook's bytes.
pub fn workbook(s: &Study, site: &Site) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let bold = Format::new().set_bold();
    summary(wb.add_worksheet(), s, site, &bold)?;
    comparison(wb.add_worksheet(), s, &bold)?;
    flows(wb.add_worksheet(), s, site, &bold)?;
    nodes(wb.add_worksheet(), s, &bold)?;
    measures(wb.add_worksheet(), s, &bold)?;
    curve(wb.add_worksheet(), s, &bold)?;
    if let Some(t) = &s.trajectory {
        trajectory(wb.add_worksheet(), t, &bold)?;
    }
    let ws = wb.add_worksheet();
    ws.set_name(t!("scenario-sheet-warnings"))?;
    let rows = s.warnings.iter().map(|w| vec![Cell::from(w.text())]).collect();
    table(ws, 0, &[t!("scenario-md-warnings")], rows, &bold)?;
    ws.set_column_width(0, 120)?;
    wb.save_to_buffer()
}

/// The year against its CO2 target: the figures, then the line day by day (for a chart in the workbook).
fn trajectory(ws: &mut Worksheet, t: &plant_accounting::Trajectory, bold: &Format) -> Result<(), XlsxError> {
    ws.set_name(t!("scenario-sheet-trajectory"))?;
    let figures: Vec<(String, f64)> = vec![
        (t!("scenario-trajectory-target", year = t.year.to_string()), t.target_t),
        (t!("scenario-trajectory-recorded"), t.recorded_t),
        (t!("scenario-trajectory-recorded-hours"), t.recorded_hours),
        (t!("scenario-trajectory-elapsed-hours"), t.elapsed_hours),
        (t!("scenario-trajectory-estimated"), t.estimated_t),
        (t!("scenario-trajectory-to-date"), t.to_date_t),
        (t!("scenario-trajectory-target-to-date"), t.target_to_date_t),
        (t!("scenario-trajectory-pace"), t.pace_vs_target),
        (t!("scenario-trajectory-forecast", hours = format!("{:.0}", t.forecast_hours)), t.forecast_t),
        (t!("scenario-trajectory-rest", rate = format!("{:.2}", t.run_rate_t_per_h)), t.rest_t),
        (t!("scenario-trajectory-year-end"), t.year_end_t),
        (t!("scenario-trajectory-lower"), t.year_end_lower_t),
        (t!("scenario-trajectory-upper"), t.year_end_upper_t),
        (t!("scenario-trajectory-versus"), t.year_end_vs_target),
    ];
    let mut rows: Vec<Vec<Cell>> = vec![vec![t!("scenario-trajectory-at").into(), t.at.as_str().into()]];
    rows.extend(figures.into_iter().map(|(k, v)| vec![k.into(), v.into()]));
    if let Some(source) = t.source_text() {
        rows.push(vec![t!("scenario-trajectory-source").into(), source.into()]);
    }
    rows.push(vec![t!("scenario-trajectory-method").into()]);
    let next = table(ws, 0, &[t!("scenario-col-item"), t!("scenario-col-value")], rows, bold)?;
    let headers = [
        t!("scenario-trajectory-col-date"),
        t!("scenario-trajectory-col-cumulative"),
        t!("scenario-trajectory-col-lower"),
        t!("scenario-trajectory-col-upper"),
        t!("scenario-trajectory-col-target"),
        t!("scenario-trajectory-col-part"),
    ];
    let days = t.days.iter().map(|d| vec![d.date.as_str().into(), d.cumulative_t.into(), d.lower_t.into(), d.upper_t.into(), d.target_t.into(), d.part.name().into()]).collect();
    table(ws, next + 1, &headers, days, bold)?;
    ws.set_column_width(0, 44)?;
    ws.set_column_width(1, 22)?;
    Ok(())
}

fn summary(ws: &mut Worksheet, s: &Study, site: &Site, bold: &Format) -> Result<(), XlsxError> {
    ws.set_name(t!("scenario-sheet-summary"))?;
    let lang = plant_i18n::current();
    let rate = s.a.discount_rate;
    let mut rows: Vec<Vec<Cell>> = vec![
        vec![t!("scenario-xlsx-site").into(), site.name().into()],
        vec![t!("scenario-xlsx-scenario").into(), s.a.scenario.in_lang(lang).into()],
        vec![t!("scenario-xlsx-from").into(), s.from.as_str().into()],
        vec![t!("scenario-xlsx-to").into(), s.to.as_str().into()],
        vec![t!("scenario-xlsx-hours").into(), s.hours.into()],
        vec![t!("scenario-xlsx-year").into(), s.annualise_text().into(), s.a.annual_hours.into()],
        vec![t!("scenario-xlsx-co2-basis").into(), s.co2_basis_text().into()],
        vec![t!("scenario-xlsx-discount-rate").into(), rate.into()],
        vec![t!("scenario-xlsx-currency").into(), s.a.currency.as_str().into()],
        vec![t!("scenario-xlsx-gwp").into(), s.gwp.as_str().into()],
    ];
    if let Some(b) = &s.b {
        rows.insert(2, vec![t!("scenario-xlsx-compared-with").into(), b.scenario.in_lang(lang).into()]);
    }
    for f in &s.factor_sets {
        rows.push(vec![t!("scenario-xlsx-factor-set").into(), format!("{} — {} ({}; {})", f.id, f.display_name(), f.year, f.display_source()).into()]);
    }
    let next = table(ws, 0, &[t!("scenario-col-item"), t!("scenario-col-value")], rows, bold)?;
    let c = &s.comparison;
    let headers = comparison_headers(c);
    let rows = c.rows.iter().filter(|r| !r.is_node()).map(comparison_cells).collect();
    table(ws, next + 1, &headers, rows, bold)?;
    ws.set_column_width(0, 28)?;
    ws.set_column_width(1, 40)?;
    ws.set_column_width(2, 28)?;
    Ok(())
}

fn comparison(ws: &mut Worksheet, s: &Study, bold: &Format) -> Result<(), XlsxError> {
    ws.set_name(t!("scenario-sheet-comparison"))?;
    let c = &s.comparison;
    let headers = comparison_headers(c);
    table(ws, 0, &headers, c.rows.iter().map(comparison_cells).collect(), bold)?;
    ws.set_freeze_panes(1, 0)?;
    ws.set_column_width(1, 28)?;
    ws.set_column_width(2, 28)?;
    Ok(())
}

fn flows(ws: &mut Worksheet, s: &Study, site: &Site, bold: &Format) -> Result<(), XlsxError> {
    ws.set_name(t!("scenario-sheet-flows"))?;
    let c = &s.comparison;
    let (ra, rb) = match &s.b {
        Some(b) => (&s.a.result.report, &b.result.report),
        None => (&s.a.baseline.report, &s.a.result.report),
    };
    let headers = [
        t!("scenario-col-from"),
        t!("scenario-col-to"),
        t!("scenario-col-carrier"),
        format!("{} (GJ)", c.a),
        format!("{} (GJ)", c.b),
        format!("{} (t CO2)", c.a),
        format!("{} (t CO2)", c.b),
    ];
    let rows = ra
        .flows
        .iter()
        .map(|fa| {
            let fb = rb.flow(fa.index);
            vec![
                site.node_name(&fa.from).into(),
                site.node_name(&fa.to).into(),
                fa.carrier.as_str().into(),
                fa.energy_gj.into(),
                fb.and_then(|f| f.energy_gj).into(),
                fa.co2_t.into(),
                fb.and_then(|f| f.co2_t).into(),
            ]
        })
        .collect();
    table(ws, 0, &headers, rows, bold)?;
    ws.set_freeze_panes(1, 0)?;
    ws.set_column_width(0, 30)?;
    ws.set_column_width(1, 30)?;
    Ok(())
}

fn nodes(ws: &mut Worksheet, s: &Study, bold: &Format) -> Result<(), XlsxError> {
    ws.set_name(t!("scenario-sheet-nodes"))?;
    let c = &s.comparison;
    let headers =
        [t!("scenario-col-item"), t!("scenario-col-figure"), t!("scenario-col-unit"), c.a.clone(), c.b.clone(), t!("scenario-col-difference"), t!("scenario-col-relative")];
    let rows = c.rows.iter().filter(|r| r.section == "node").map(|r| comparison_cells(r).into_iter().skip(1).collect()).collect();
    table(ws, 0, &headers, rows, bold)?;
    ws.set_freeze_panes(1, 0)?;
    ws.set_column_width(0, 28)?;
    Ok(())
}

fn measures(ws: &mut Worksheet, s: &Study, bold: &Format) -> Result<(), XlsxError> {
    ws.set_name(t!("scenario-sheet-measures"))?;
    let cur = s.a.currency.as_str();
    let headers = [
        t!("scenario-col-scenario"),
        t!("scenario-col-measure"),
        t!("scenario-col-kind"),
        t!("scenario-col-change"),
        t!("scenario-col-d-electricity"),
        t!("scenario-col-d-fuel"),
        t!("scenario-col-d-co2"),
        t!("scenario-col-avoided"),
        t!("scenario-col-saving", currency = cur),
        t!("scenario-col-capex", currency = cur),
        t!("scenario-col-lifetime"),
        t!("scenario-col-om", currency = cur),
        t!("scenario-col-annualised-capex", currency = cur),
        t!("scenario-col-payback"),
        t!("scenario-col-npv", currency = cur),
        t!("scenario-col-abatement", currency = cur),
    ];
    let lang = plant_i18n::current();
    let mut rows = Vec::new();
    for e in std::iter::once(&s.a).chain(s.b.as_ref()) {
        for m in &e.measures {
            let a = &m.appraisal;
            rows.push(vec![
                e.scenario.in_lang(lang).into(),
                m.name.in_lang(lang).into(),
                m.kind.into(),
                m.detail.as_str().into(),
                m.electricity_mwh.into(),
                m.fuel_gj.into(),
                m.co2_t.into(),
                a.avoided_t_per_year.into(),
                a.saving_per_year.into(),
                a.capex.into(),
                f64::from(a.lifetime_years).into(),
                a.om_per_year.into(),
                a.annualised_capex.into(),
                a.simple_payback_years.into(),
                a.npv.into(),
                a.abatement_cost_per_t.into(),
            ]);
        }
    }
    table(ws, 0, &headers, rows, bold)?;
    ws.set_freeze_panes(1, 2)?;
    ws.set_column_width(1, 36)?;
    ws.set_column_width(3, 36)?;
    Ok(())
}

/// The curve of the first scenario: its table, the rectangles' corners, and a scatter chart of them.
fn curve(ws: &mut Worksheet, s: &Study, bold: &Format) -> Result<(), XlsxError> {
    let name = t!("scenario-sheet-curve");
    ws.set_name(&name)?;
    let cur = s.a.currency.as_str();
    let lang = plant_i18n::current();
    let bars = &s.a.macc;
    let headers = [t!("scenario-col-measure"), t!("scenario-col-from-t"), t!("scenario-col-width"), t!("scenario-col-abatement", currency = cur)];
    let rows = bars.iter().map(|b| vec![b.name.in_lang(lang).into(), b.x0.into(), b.width.into(), b.cost_per_t.into()]).collect();
    let after = table(ws, 0, &headers, rows, bold)?;
    ws.write_string(after + 1, 0, t!("scenario-macc-method"))?;
    // Each bar's outline, five corners, in columns F:G.
    ws.write_string_with_format(0, 5, t!("scenario-col-x"), bold)?;
    ws.write_string_with_format(0, 6, t!("scenario-col-y", currency = cur), bold)?;
    let mut chart = Chart::new(ChartType::ScatterStraight);
    let mut r = 1u32;
    for b in bars {
        let corners = [(b.x0, 0.0), (b.x0, b.cost_per_t), (b.x0 + b.width, b.cost_per_t), (b.x0 + b.width, 0.0), (b.x0, 0.0)];
        for (k, (x, y)) in corners.iter().enumerate() {
            ws.write_number(r + k as u32, 5, *x)?;
            ws.write_number(r + k as u32, 6, *y)?;
        }
        chart.add_series().set_name(b.name.in_lang(lang)).set_categories((name.as_str(), r, 5, r + 4, 5)).set_values((name.as_str(), r, 6, r + 4, 6));
        r += 5;
    }
    if bars.is_empty() {
        // No measure avoids CO2: the table says so, and a chart needs a series.
        return Ok(());
    }
    chart.title().set_name(&t!("scenario-md-macc"));
    // The tonnes under the plot, not on the zero line the negative costs hang from.
    chart.x_axis().set_name(&t!("scenario-macc-x")).set_label_position(ChartAxisLabelPosition::Low);
    chart.y_axis().set_name(&t!("scenario-macc-y", currency = cur));
    chart.set_width(720).set_height(420);
    ws.insert_chart(after + 3, 0, &chart)?;
    ws.set_column_width(0, 36)?;
    for c in 1..=3 {
        ws.set_column_width(c, 22)?;
    }
    Ok(())
}
