//! A variable's engineering unit (its `EngineeringUnits` property, an `EUInformation`: OPC UA Part 8 §5.6.3)
//! against its meter's unit. The unit is known by its UNECE Recommendation 20 common code (packed into
//! `UnitId` as Part 8 says, for units of the CEFACT namespace), else by its display name read as a unit.
//! Where both are known and of one dimension the values are converted (a DCS's MW into the site's kW); where
//! they differ in dimension the meter is refused, named with both units; where the server gives no unit, or
//! one that cannot be read, the values are taken as they come.

use opcua::types::EUInformation;

/// The CEFACT namespace of `EUInformation` (Part 8): a unit id there is a packed UNECE common code.
pub const CEFACT: &str = "http://www.opcfoundation.org/UA/units/un/cefact";

/// UNECE Recommendation 20 common codes (Revision 17, Annex I) of the units a plant's meters use, by the
/// symbol `plant_units` reads.
const UNECE: [(&str, &str); 48] = [
    ("WTT", "W"),
    ("KWT", "kW"),
    ("MAW", "MW"),
    ("A90", "GW"),
    ("WHR", "Wh"),
    ("KWH", "kWh"),
    ("MWH", "MWh"),
    ("GWH", "GWh"),
    ("JOU", "J"),
    ("KJO", "kJ"),
    ("3B", "MJ"),
    ("GV", "GJ"),
    ("D32", "TJ"),
    ("KVR", "kvar"),
    ("K3", "kvarh"),
    ("CEL", "°C"),
    ("FAH", "°F"),
    ("KEL", "K"),
    ("P1", "%"),
    ("59", "ppm"),
    ("KGM", "kg"),
    ("TNE", "t"),
    ("KGS", "kg/s"),
    ("E93", "kg/h"),
    ("E18", "t/h"),
    ("MQH", "m³/h"),
    ("MQS", "m³/s"),
    ("MTQ", "m³"),
    ("MTK", "m²"),
    ("MTR", "m"),
    ("KMT", "km"),
    ("PAL", "Pa"),
    ("KPA", "kPa"),
    ("MPA", "MPa"),
    ("MBR", "mbar"),
    ("BAR", "bar"),
    ("HTZ", "Hz"),
    ("RPM", "rpm"),
    ("AMP", "A"),
    ("B22", "kA"),
    ("VLT", "V"),
    ("KVT", "kV"),
    ("2Z", "mV"),
    ("SEC", "s"),
    ("MIN", "min"),
    ("HUR", "h"),
    ("DAY", "d"),
    ("C62", "1"),
];

/// A UNECE common code packed into an `EUInformation.unitId` (Part 8 §5.6.3: each character's byte, the first
/// the most significant), unpacked; `None` if it is not printable ASCII.
pub fn unpack_code(unit_id: i32) -> Option<String> {
    let bytes: Vec<u8> = unit_id.to_be_bytes().into_iter().skip_while(|b| *b == 0).collect();
    (!bytes.is_empty() && bytes.iter().all(|b| b.is_ascii_alphanumeric())).then(|| bytes.iter().map(|b| char::from(*b)).collect())
}

/// The symbol `plant_units` reads for a server's unit: by its UNECE code (in the CEFACT namespace, or with no
/// namespace given), else by its display name; `None` when neither is known.
pub fn symbol(eu: &EUInformation) -> Option<String> {
    let uri = eu.namespace_uri.as_ref();
    if uri.is_empty() || uri == CEFACT {
        let code = unpack_code(eu.unit_id);
        if let Some((_, s)) = UNECE.iter().find(|(c, _)| Some(*c) == code.as_deref()) {
            return Some((*s).to_owned());
        }
    }
    let name = eu.display_name.text.as_ref().trim();
    plant_units::parse_unit(name).ok().map(|_| name.to_owned())
}

/// How a variable's values become its meter's: `meter = a · value + b`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Linear {
    pub a: f64,
    pub b: f64,
}

impl Linear {
    pub const SAME: Linear = Linear { a: 1.0, b: 0.0 };

    pub fn apply(self, x: f64) -> f64 {
        self.a * x + self.b
    }
}

/// The conversion from the server's unit to the meter's; `Err` with the server's unit when the two are of
/// different dimensions. A unit the server does not give, or that is not known, converts as is.
pub fn conversion(server: Option<&EUInformation>, meter_unit: &str) -> Result<Linear, String> {
    let Some(eu) = server else { return Ok(Linear::SAME) };
    let Some(from) = symbol(eu) else { return Ok(Linear::SAME) };
    if from == meter_unit {
        return Ok(Linear::SAME);
    }
    match (plant_units::convert(0.0, &from, meter_unit), plant_units::convert(1.0, &from, meter_unit)) {
        (Ok(b), Ok(one)) => Ok(Linear { a: one - b, b }),
        // A meter's unit the units library cannot read (checked when the site loads, so rare): as is.
        _ if plant_units::parse_unit(meter_unit).is_err() => Ok(Linear::SAME),
        _ => Err(from),
    }
}
