//! Matching a meter to a column whose name may carry a unit: `kiln_drive_kW`, `Kiln drive [kW]`,
//! `kiln drive (MW)`.

use plant_i18n::{Msg, msg};
use plant_site::{Meter, Quantity};

/// Splits `"Kiln drive [kW]"`, `"Kiln drive (kW)"` or `"Usage_kWh"` into name and unit. A `_suffix` counts
/// as a unit only when it is a known unit (`fan_speed` stays whole, `fan_kW` splits).
pub fn split_unit(name: &str) -> (&str, Option<&str>) {
    let n = name.trim();
    for (open, close) in [('[', ']'), ('(', ')'), ('{', '}')] {
        if n.ends_with(close)
            && let Some(i) = n.rfind(open)
        {
            let unit = n[i + 1..n.len() - 1].trim();
            return (n[..i].trim_end(), (!unit.is_empty()).then_some(unit));
        }
    }
    if let Some(i) = n.rfind(['_', ' '])
        && i > 0
        && plant_site::is_known_unit(&n[i + 1..])
    {
        return (n[..i].trim_end(), Some(&n[i + 1..]));
    }
    (n, None)
}

fn normalise(s: &str) -> String {
    s.trim().to_lowercase().replace([' ', '-', '.'], "_")
}

/// Index of the column holding a meter's data: an exact name match first, then a match ignoring case,
/// separators and a bracketed unit.
pub fn match_column(names: &[String], meter: &Meter) -> Option<usize> {
    if let Some(i) = names.iter().position(|n| n.trim() == meter.column) {
        return Some(i);
    }
    let want = normalise(split_unit(&meter.column).0);
    names.iter().position(|n| normalise(split_unit(n).0) == want)
}

/// `(scale, offset)` from the unit a column's header declares to the meter's unit, or an error when
/// the header's unit cannot be converted. A header without a unit is taken to be in the meter's unit.
pub(crate) fn unit_conversion(header: &str, meter: &Meter) -> Result<(f64, f64), Msg> {
    let Some(unit) = split_unit(header).1 else { return Ok((1.0, 0.0)) };
    if unit == meter.unit || meter.quantity == Quantity::Other {
        return Ok((1.0, 0.0));
    }
    let (Some((s_h, o_h)), Some((s_m, o_m))) = (meter.quantity.to_display(unit), meter.quantity.to_display(&meter.unit)) else {
        return Err(msg!("ingest-column-unit-mismatch", unit = unit, meter = &meter.id, quantity = meter.quantity.noun_msg(), meter_unit = &meter.unit));
    };
    // display = raw·s_h + o_h = meter·s_m + o_m  →  meter = raw·s_h/s_m + (o_h − o_m)/s_m
    Ok((s_h / s_m, (o_h - o_m) / s_m))
}
