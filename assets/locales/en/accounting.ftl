# The energy and carbon accounting (crates/accounting): what is wrong with a site's factors, and the warnings of
# a report (what its figures leave out). Ids of nodes, flows, products, meters and factors stay as they are. In
# the JSON of a report the warnings are in English. Terms follow docs/glossary.md.

## Problems of site.toml's accounting.
accounting-source-no-carrier = source "{ $source }" has a factor but no `carrier`; it is not accounted
# $sets: the ids of the factor sets, comma-separated.
accounting-market-factor-unknown = market_factor "{ $factor }" is no electricity factor of the sets ({ $sets })
accounting-factor-unknown = factor "{ $factor }" of source "{ $source }" is in none of the factor sets ({ $sets }); it is not accounted

## Warnings of a report.
# $gj arrives formatted.
accounting-warning-outflows-exceed-inflows = { $node }: measured outflows exceed inflows by { $gj } GJ; its remainder to { $to } is shown as 0
accounting-warning-remainder-cycle = remainder { $from } → { $to } could not be computed (a cycle of remainders)
accounting-warning-product-no-data = product { $product }: no data in the window
# $gwp: the GWP set (AR4, AR5…).
accounting-warning-no-gwp = product { $product }: no GWP values for CF4/C2F6 in the { $gwp } set of the factor sets; PFC left out
accounting-warning-process-needs-mass = product { $product }: process emissions need an amount in mass
# $percent arrives formatted.
accounting-warning-product-coverage = product { $product }: data cover { $percent } % of the window
accounting-warning-flow-no-data = flow { $from } → { $to }: no data
accounting-warning-flow-coverage = flow { $from } → { $to }: data cover { $percent } % of the window
accounting-warning-factor-meter-no-data = grid factor meter { $meter }: no data; the annual factor is used
accounting-warning-factor-meter-gaps = grid factor meter { $meter }: no factor for { $percent } % of the electricity; the annual factor is used there
accounting-warning-measured-co2 = measured CO2 of { $meter } ({ $measured } t) differs from the { $computed } t the accounting computes at { $equipment } by { $difference } %
