# The site package (site.toml, the model): its problems, the places in a file they are found at, and the
# quantities a meter measures. Terms follow docs/glossary.md. Values from the package ($id, $unit, $path…)
# and the words of libraries ($error) arrive as they are.

## A problem as the problems window lists it: "error: /s/site.toml:8:3: …"

site-severity-error = error
site-severity-warning = warning
# A problem about the whole file.
site-diagnostic = { $severity }: { $file }: { $message }
# A problem at a line and column of a text file: the form editors and terminals understand.
site-diagnostic-line-col = { $severity }: { $file }:{ $line }:{ $column }: { $message }
# A problem at another place in the file ($place: one of the site-place-row… or site-element-… messages).
site-diagnostic-at = { $severity }: { $file }: { $place }: { $message }

## Places in a file

site-place-line-col = line { $line }, column { $column }
site-place-row = row { $row }
site-place-row-column = row { $row }, column "{ $column }"
site-element-meter = meter "{ $id }"
site-element-equipment = equipment "{ $id }"
# A node of the 3D model (glTF).
site-element-node = node "{ $name }"
site-element-data = [[data]] path = "{ $path }"
# A name that reads the same in every language, e.g. a command-line option.
site-element-named = { $name }

## Quantities a meter measures ($quantity: its name in site.toml)

# As a label (menus, legends).
site-quantity =
    { $quantity ->
        [electric_power] Electric power
        [energy] Energy
        [mass_flow] Mass flow
        [volume_flow] Volume flow
        [temperature] Temperature
        [concentration] Concentration
        [pressure] Pressure
        [thermal_power] Thermal power
        [speed] Speed
        [voltage] Voltage
        [current] Current
        [emission_factor] Emission factor
        [reactive_power] Reactive power
        [reactive_energy] Reactive energy
        [power_factor] Power factor
        [mechanical_power] Mechanical power
        [co2_mass_flow] Measured CO2 mass flow
        [co2] Measured CO2 mass
       *[other] Other
    }
# Inside a sentence: "… does not measure electric power".
site-quantity-noun =
    { $quantity ->
        [electric_power] electric power
        [energy] energy
        [mass_flow] mass flow
        [volume_flow] volume flow
        [temperature] temperature
        [concentration] concentration
        [pressure] pressure
        [thermal_power] thermal power
        [speed] speed
        [voltage] voltage
        [current] current
        [emission_factor] emission factor
        [reactive_power] reactive power
        [reactive_energy] reactive energy
        [power_factor] power factor
        [mechanical_power] mechanical power
        [co2_mass_flow] measured CO2 mass flow
        [co2] measured CO2 mass
       *[other] another quantity
    }

## Opening site.toml

site-no-site-file = cannot read the site file: no site.toml here
site-cannot-read = cannot read the site file: { $error }
# $error: the TOML reader's words (a syntax error, a missing or unknown field).
site-toml-invalid = { $error }
site-data-file-not-found = data file not found: { $path }
site-unknown-time-zone = unknown time zone "{ $name }" (use an IANA name such as "Asia/Shanghai"); using UTC
site-bad-scale = scale = { $value } is not a model scale (metres per model unit, e.g. 0.001 for millimetres); using 1
site-bad-up-axis = up_axis = "{ $value }" is neither "y" nor "z"; using "y"
site-no-data-files = no [[data]] files: meters will show no data
# $reason: why the path was refused (site-path-…).
site-data-path-refused = [[data]] path: { $reason }; file left out
site-model-path-refused = model: { $reason }; the site opens without 3D

## Equipment, meters, nodes and flows

site-equipment-twice = equipment id "{ $id }" is defined twice; the second is ignored
site-meter-twice = meter id "{ $id }" is defined twice; the second is ignored
site-meter-unknown-equipment = meter "{ $meter }" is bound to equipment "{ $equipment }", which is not defined; meter ignored
# $quantity: a site-quantity-noun; $units: the quantity's common units.
site-meter-unit-mismatch = unit "{ $unit }" does not measure { $quantity } (expected one of { $units }); meter "{ $meter }" ignored
site-node-id-used = flow node id "{ $id }" is already used; the second is ignored
site-ncv-invalid = ncv "{ $value }" is not a positive energy per mass (e.g. "23.8 GJ/t"); the fuel's default is used
site-ncv-unreadable = ncv: { $reason }; the fuel's default is used
# $field: biomass_share or green_share.
site-share-out-of-range = { $field } must be between 0 and 1 (a share, not a percentage); ignored
site-factor-meter-not-a-factor = factor_meter "{ $meter }" does not measure an emission factor (quantity = "emission_factor"); the annual factor is used
site-factor-meter-unknown = no meter "{ $meter }"; the annual factor is used
site-flow-end-unknown = flow end "{ $end }" is neither equipment nor a [[node]]; flow ignored
site-flow-times-unmetered = `times` needs a metered `meter` or `value`; flow ignored
site-flow-times-unreadable = times: { $reason }; flow ignored
site-flow-meter-and-value = a flow has either `meter` or `value`, not both; flow ignored
site-flow-unknown-meter = no meter "{ $meter }"; flow ignored
site-flow-formula-invalid = { $reason }; flow ignored

## Formulas and quantities written as text ("main.p - mill.p", "23.8 GJ/t")

site-formula-empty = empty formula
site-formula-not-a-meter-id = "{ $term }" is not a meter id
site-formula-unknown-meter = no meter "{ $meter }" in the formula
site-formula-mixed-quantities = cannot combine "{ $first }" ({ $first_quantity }) with "{ $second }" ({ $second_quantity })
site-not-a-number = "{ $text }" is not a number
site-quantity-needs-unit = "{ $text }" needs a number and a unit, e.g. "23.8 GJ/t"

## Accounting and products

site-unknown-gwp = unknown GWP set "{ $gwp }" (use SAR, AR4 or AR5)
site-tolerance-out-of-range = tolerance { $tolerance } must be a share between 0 and 1; using { $default }
site-product-twice = product id "{ $id }" is defined twice; the second is ignored
site-product-amount-missing = a product needs exactly one of `meter`, `value` or `amount`
site-product-amount-invalid = { $reason }; product "{ $product }" ignored
site-unknown-kpi = unknown KPI "{ $kpi }" (one of { $known }); ignored
site-calcination-fractions = calcination CaO/MgO are mass fractions between 0 and 1 (0.65, not 65); ignored
site-calcination-at-unknown = calcination `at` "{ $at }" is not equipment; ignored
site-anode-values = anode: sulphur and ash are mass fractions (0-1), net_consumption t C/t ≥ 0; ignored
site-anode-at-unknown = anode `at` "{ $at }" is not equipment; ignored
site-pfc-method = pfc: give either slope_cf4 with ae_minutes (and c2f6_ratio), or cf4_per_t (and c2f6_per_t); ignored
site-pfc-at-unknown = pfc `at` "{ $at }" is not equipment; ignored
site-product-unit-mismatch = unit "{ $unit }" does not measure the product's amount; ignored
site-product-unit-invalid = { $reason }; ignored

## What-if studies

site-whatif-unknown-equipment = what-if "{ $process }": no equipment "{ $equipment }"; what-if ignored
site-whatif-curves-refused = what-if "{ $process }": curves: { $reason }; the model's default curves are used
site-whatif-baseline-unknown-meter = what-if "{ $process }": baseline of { $setting } names no meter "{ $meter }"; the model's default is used
site-whatif-condition-unknown-meter = what-if "{ $process }": condition { $condition } names no meter "{ $meter }"; the model's default is used

## The 3D model

site-model-not-found = model file not found; the site opens without 3D
site-model-unreadable = cannot read the model ({ $error }); the site opens without 3D
site-model-compressed = the model's meshes are compressed with { $extension }, which Plant Twin does not decode yet; export the model again without mesh compression (the site opens without 3D)
site-model-unknown-equipment = extras name equipment "{ $equipment }", which site.toml does not define
site-model-node-missing = equipment "{ $equipment }": glTF node "{ $node }" is not in { $file }

## Paths a package names (SECURITY.md)

site-path-empty = the path is empty
site-path-absolute = "{ $path }" is an absolute path; a package may name only files inside its own folder
site-path-parent = "{ $path }" leaves the package folder (through ".."); a package may name only files inside its own folder
site-path-symlink = "{ $path }" leads out of the package folder through a symbolic link; a package may name only files inside its own folder
site-path-nul = "{ $path }" contains a NUL character
site-co2-target-bad-year = co2_target year { $year } is not a calendar year from 1900 to 2200; the target is left out
site-co2-target-bad-value = co2_target t_co2 = { $value } must be a number of tonnes above zero and at most 10,000,000,000; the target is left out
site-co2-target-twice = a CO2 target for { $year } is set twice; the second is ignored
site-whatif-check-invalid = what-if "{ $process }": a check's meter: { $reason }; the check is left out

# [historian] (docs/historian.md)
site-historian-bad-url = the historian's url must start with http:// or https://, not “{ $url }”
site-historian-selector-no-meter = the historian's selector “{ $selector }” must contain {"{"}meter{"}"} or {"{"}column{"}"}, where each meter's id or column goes
site-historian-bad-time = “{ $time }” is not a time: write 2026-11-01 00:00 (the site's time zone) or 2026-11-01T00:00:00+08:00
site-historian-empty-window = the historian's window ends before it starts
site-historian-bad-duration = “{ $duration }” is not a duration from { $min_s } s to { $max_s } s (write 1d as 24h, e.g. “24h”, “30s”)
site-historian-auth-pair = the historian needs both auth_header and auth_env, or neither
site-historian-bad-cache = cache_mb must be from 16 to 1048576 (MB), not { $mb }

# Editing site.toml (crates/site/src/edit.rs)
site-edit-made-equipment = make “{ $id }” equipment
site-edit-bound-node = bind “{ $equipment }” to node “{ $node }”
site-edit-bound-meter = bind meter “{ $meter }” to “{ $equipment }”
site-edit-added-flow = draw a flow of { $carrier } from “{ $from }” to “{ $to }”
site-edit-removed-flow = remove the flow of { $carrier } from “{ $from }” to “{ $to }”
site-edit-bad-id = “{ $id }” cannot be an id: use letters, digits, “-”, “_” or “.”
site-edit-id-taken = there is already an item “{ $id }”
site-edit-no-type = give the equipment a type (e.g. “pump”, “rotary-kiln”)
site-edit-no-node = name the model node to bind
site-edit-no-equipment = there is no equipment “{ $id }”
site-edit-no-meter = there is no meter “{ $id }”
site-edit-no-item = there is no equipment or flow-graph node “{ $id }”
site-edit-flow-to-itself = a flow cannot go from “{ $id }” to itself
site-edit-no-carrier = name the flow's carrier (e.g. “electricity”, “coal”)
site-edit-no-formula = give the flow a meter or a formula
site-edit-flow-exists = there is already a flow of { $carrier } from “{ $from }” to “{ $to }”
site-edit-no-flow = there is no flow of { $carrier } from “{ $from }” to “{ $to }”
site-edit-not-tables = “{ $name }” in site.toml is not a list of [[{ $name }]] tables
site-edit-cannot-save = cannot save site.toml: { $error }
site-edit-changed-on-disk = site.toml was changed by another program since it was opened: reload it (your edits here are then dropped) or save them under another name by hand

# Guessing a model's orientation and unit (crates/site/src/orientation.rs)
site-model-looks-z-up = the model looks like a Z-up export ({ $share } % of its surface faces Z, the floors and roofs): add up_axis = "z" to [site] if it lies on its side
site-model-looks-mm = the model looks like it is in millimetres (it spans { $extent } units): add scale = 0.001 to [site] if it is far too big
site-model-looks-z-up-mm = the model looks like a Z-up export in millimetres ({ $share } % of its surface faces Z; it spans { $extent } units): add up_axis = "z" and scale = 0.001 to [site]
