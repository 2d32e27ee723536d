//! PromQL text for a site's meters: the `[historian]` selector filled in per meter, or — when the meter goes
//! into one label's value (`meter="{meter}"`) — one selector for a batch of meters, matching the label
//! against an alternation of the values.

/// How a site's meters are asked for: one request per meter, or batches keyed by one label.
#[derive(Clone, Debug, PartialEq)]
pub enum Plan {
    /// The selector per meter: (meter id, selector).
    PerMeter(Vec<(String, String)>),
    /// Batches of meters told apart by `label`: (selector for the batch, label value → meter id).
    ByLabel { label: String, batches: Vec<(String, Vec<(String, String)>)> },
}

/// Meters per batched request: with a day of one-minute samples each, 100 meters are 144,000 samples
/// (about 5 MB of JSON) an answer.
pub const BATCH: usize = 100;

/// A value inside a PromQL double-quoted string: `\` and `"` escaped.
pub fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out
}

/// A literal inside a PromQL regular expression (RE2, fully anchored) inside a double-quoted string: the
/// regex's metacharacters escaped with a backslash, then the string's escaping.
pub fn regex_literal(s: &str) -> String {
    let mut re = String::with_capacity(s.len() + 4);
    for c in s.chars() {
        if "\\.+*?()|[]{}^$".contains(c) {
            re.push('\\');
        }
        re.push(c);
    }
    quote(&re)
}

/// The label whose value is the placeholder in `template` (`meter="{meter}"` → `meter`), if the
/// placeholder is exactly one label's whole value and appears once.
fn placeholder_label(template: &str, placeholder: &str) -> Option<(String, std::ops::Range<usize>)> {
    let quoted = format!("=\"{placeholder}\"");
    let at = template.find(&quoted)?;
    if template[at + quoted.len()..].contains(placeholder) || template[..at].contains(placeholder) {
        return None;
    }
    let head = &template[..at];
    // The byte after the last character that cannot be in a label name (which may be several bytes long).
    let start = head.char_indices().rev().find(|&(_, c)| !(c.is_ascii_alphanumeric() || c == '_')).map_or(0, |(i, c)| i + c.len_utf8());
    let label = &head[start..];
    let first_ok = label.chars().next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_');
    // Inside braces: the character before the label name opens the matcher list or follows a comma.
    let before = head[..start].trim_end().chars().last();
    (first_ok && matches!(before, Some('{') | Some(','))).then(|| (label.to_string(), start..at + quoted.len()))
}

/// How to ask for `meters` — (meter id, its column) pairs — with the `[historian]` selector template.
pub fn plan(template: &str, meters: &[(String, String)]) -> Plan {
    let fill = |id: &str, column: &str| template.replace("{meter}", &quote(id)).replace("{column}", &quote(column));
    let keyed = placeholder_label(template, "{meter}").map(|l| (l, true)).or_else(|| placeholder_label(template, "{column}").map(|l| (l, false)));
    let Some(((label, range), by_id)) = keyed.filter(|_| !(template.contains("{meter}") && template.contains("{column}"))) else {
        return Plan::PerMeter(meters.iter().map(|(id, column)| (id.clone(), fill(id, column))).collect());
    };
    let batches = meters
        .chunks(BATCH)
        .map(|chunk| {
            let keys: Vec<(String, String)> = chunk.iter().map(|(id, column)| (if by_id { id.clone() } else { column.clone() }, id.clone())).collect();
            let alternation: Vec<String> = keys.iter().map(|(k, _)| regex_literal(k)).collect();
            let selector = format!("{}{label}=~\"{}\"{}", &template[..range.start], alternation.join("|"), &template[range.end..]);
            (selector, keys)
        })
        .collect();
    Plan::ByLabel { label, batches }
}
