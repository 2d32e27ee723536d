# The `plant-twin` command line: --help, its errors, the start-up of the viewer, and the human-readable output
# of `eval` and `optimise`. JSON output and file formats stay English. Terms follow docs/glossary.md.

app-window-title = Plant Twin

## --help

app-about = Plant Twin: a desktop digital twin of an industrial plant or building
app-long-about = Plant Twin opens a site package — a folder with site.toml, model.glb and recorded meter data under data/ — shows its 3D model with every meter bound to its equipment, and plays or scrubs the recorded data through it.

    Without SITE it opens the bundled default site, a 5,000 t/d cement plant (sample-sites/cement-plant). With SITE it opens that site package instead. The format is described in docs/site-format.md.
app-after-help =
    Examples:
      plant-twin                                  # the bundled cement plant
      plant-twin path/to/my-site                  # another site package
      plant-twin --at '2026-11-10 14:30' --select kiln-1 --paused
      plant-twin --lang zh-CN                     # in Simplified Chinese
      plant-twin report sample-sites/cement-plant --from 2026-11-03 --to 2026-11-10 --format md
      plant-twin-sim sample-sites/cement-plant --speed 60   # the meter simulator, a binary of its own
# The last line of --help: the language shown and where it came from.
app-help-language = Language: { $name } ({ $source ->
        [flag] from --lang
        [remembered] as last picked in the viewer's language menu
        [system] the system's
       *[default] the default
    }); --lang en or --lang zh-CN changes it.
# The headings of --help; clap adds the colon after the section headings.
app-help-usage = Usage:
app-help-heading-commands = Commands
app-help-heading-arguments = Arguments
app-help-heading-options = Options
# Appended to an option's help: its default value, and the values it accepts.
app-help-default = [default: { $value }]
app-help-possible = [possible values: { $values }]
app-help-help = Print help
app-help-version = Print version
app-help-subcommand = Print this message or the help of the given subcommand(s)
app-help-subcommand-arg = Print help for the subcommand(s)

app-arg-site = Site package folder (holding site.toml). Default: the bundled cement plant.
app-arg-at = Start at this time instead of the start of the record: ISO 8601 ("2026-11-10T14:30:00+08:00"), or local time in the site's time zone ("2026-11-10 14:30").
app-arg-speed = Playback speed, site seconds per real second (1 to 3600).
app-arg-paused = Start paused instead of playing.
app-arg-select = Select an equipment item by id at start.
app-arg-colour-by = Colour equipment by this quantity at start (electric_power, mass_flow, temperature, …), by "carbon" (CO2 caused), or "model".
app-arg-flows = Open the energy and carbon flows (Sankey) panel at start, showing energy (default) or co2.
app-arg-flows-window = The flows panel's window at start: now, hour, day, week or record.
app-arg-chart-window = The inspector's chart window at start, each side of the cursor: 1h, 6h, 24h or 7d.
app-arg-whatif = Open the what-if panel of the selected unit at start (with --select).
app-arg-forecast = Show the selected item's meter forecasts beyond the cursor in the inspector at start (with --select).
app-arg-edit = Start in the edit mode: bind model nodes and meters to equipment, draw flows (docs/edit-mode.md).
app-arg-alarms = Open the alarm list at start.
app-arg-sources = Your own live sources file, used instead of the site's sources.toml and started at once (see docs/live.md).
app-arg-live = Connect the site's live sources without asking and follow now (a package's sources.toml otherwise waits for your consent).
app-arg-size = Window size in logical pixels, e.g. 1600x900.
app-arg-screenshot = Save a screenshot of the window to this PNG once the site and its data have loaded, then exit.
app-arg-lang = The language of everything shown: en or zh-CN. Default: the language last picked in the viewer's menu, else the system's.

app-cmd-report = Energy and CO2 of a site over a window, without a window: by node, carrier and scope, KPIs per product, balance violations and the factor sets used. The same numbers as the flows panel.
app-cmd-alarms = The alarm journal of a window and the alarm-system figures (EEMUA 191, ISA-18.2), from the site's alarms.toml and its recorded data.
app-cmd-eval = Evaluate a process model at given settings: outputs, energy and CO2 by scope, cost, and the margin to every limit.
app-cmd-optimise = Optimise a process model's settings for energy, CO2 or cost within its limits.
app-cmd-train = Run a training scenario without a window: its malfunctions applied to the recording, the alarms they raise, the instructions and questions as they fall due, each expected alarm checked; a trainee's log scored.
app-cmd-new = Make a site package from a model and a data export: meters guessed from the columns, matched to the model's nodes by name, a first flow graph; what was guessed and what could not be placed is listed.
app-cmd-serve = Serve a site's recorded data as if live (JSON at /api/values, Prometheus exposition at /metrics), a training scenario's malfunctions applied: a class practises on "live" data through the same sources a real plant uses. The same server as plant-twin-sim.

app-arg-report-site = Site package folder (holding site.toml).
app-arg-alarms-site = Site package folder (holding site.toml and alarms.toml).
app-arg-alarms-format = Output format: md (in the chosen language), csv (with a byte-order mark, for Excel) or json.
app-arg-alarms-output = Write the journal to this file instead of standard output.
app-arg-from = Start of the window (inclusive): ISO 8601 or local time in the site's time zone ("2026-11-03", "2026-11-03 06:00"). Default: the start of the record.
app-arg-to = End of the window (exclusive), same forms. Default: the end of the record.
app-arg-format = Output format (JSON and CSV stay English; Markdown is in the chosen language).
app-arg-output = Write the report to this file instead of standard output.

app-arg-process = The process model.
app-arg-set = A setting, as key=value in the setting's unit (repeatable); the others stay at their defaults. `plant-twin eval PROCESS` lists the settings with units and ranges.
app-arg-condition = A condition of the plant, as key=value (repeatable): what it is and what it measures, not a setting (the kiln's design output, feed ratio, coal NCV, exit-gas temperature; the chiller plant's load and weather; the potline's cell count). `plant-twin eval PROCESS` lists them.
app-arg-electricity-price = Electricity price per kWh.
app-arg-carbon-price = Carbon price per t CO2.
app-arg-grid-factor = Grid emission factor, t CO2/MWh.
app-arg-curves = A chiller curve set (TOML: name, cop_ref, plr_min, capft, eirft, eirfplr) for the chiller plant, instead of DOE-2 Centrifugal/5.50COP.
app-arg-json = Print JSON instead of a table.
app-arg-objective = What to minimise.
app-arg-fix = Hold these settings at their baseline value (repeatable).
app-arg-free = Let the optimiser move these settings that it holds by default (comfort, ventilation).
app-arg-report-scenario = A designer's scenario (the package's scenarios/NAME.toml by name, or a file): the baseline against it, its measures appraised and the abatement curve, over its window unless --from/--to are given.
app-arg-report-format = Output format (JSON and CSV stay English; Markdown and XLSX are in the chosen language; xlsx needs --output).
app-arg-scenarios = Open the scenarios window at start with this designer's scenario as A (a package's scenarios/NAME.toml).
app-arg-compare = A second scenario to compare the first with (A against B), over the same window.
app-arg-scenario = The training scenario: a package's training/NAME.toml (by name or path) or a file of yours.
app-arg-log = A trainee's log exported by the viewer (JSON), to score.
app-arg-train-format = Output format: md (in the chosen language) or json.
app-arg-train-output = Write the run to this file instead of standard output.
app-arg-training = Open this training scenario at start (a package's training/NAME.toml, or a file of yours), paused at its start, with the trainer's window.
app-arg-presentation = Start in presentation mode: full screen, larger text, side panels hidden (F5 toggles it).
app-training-not-found = no training scenario "{ $name }": the package's training folder has { $available }
app-training-expect-failed = { $count } expected alarm(s) not raised
app-arg-new-folder = The package folder to create (it must not hold a site.toml).
app-arg-new-model = The 3D model (.glb, or .gltf with the files it names).
app-arg-new-data = A data export (.csv or .parquet), repeatable (months, systems): the meters are the union of their columns.
app-arg-new-time-zone = The IANA time zone the export's times without an offset are in.
app-arg-new-name = The site's name (default: the folder's name).
app-new-bad-time-zone = "{ $value }" is not an IANA time zone (such as Asia/Shanghai or Europe/Berlin)
app-new-written = Wrote { $file }.
app-new-meters = { $count } meters from the columns of { $file } (times in column "{ $column }", { $format }):
app-new-meter = { $header } → { $meter }: { $quantity } [{ $unit }] ({ $how }) · { $place }
app-new-how =
    { $how ->
    [unit] from the unit
    [name] GUESSED from the name
   *[none] UNKNOWN: set it
}
app-new-on = on { $equipment } (node "{ $node }")
app-new-unplaced = not placed: no node of that name
app-new-free-nodes = { $count } named node(s) of the model have no meter yet: { $names }
app-new-unnamed-nodes = { $count } node(s) of the model have no name (CAD exports often name only meshes)
app-new-check = Opened the new site to check it: { $errors } error(s), { $warnings } warning(s).
app-new-open = Open it with: plant-twin { $folder }

## Errors of the command line

# Before every error the command prints; $message is already in the current language.
app-error = error: { $message }
app-lang-unknown = unknown language "{ $value }" for --lang (one of: { $valid })
app-lang-missing = --lang needs a value (one of: { $valid })
app-size-not-size = "{ $value }" is not WIDTHxHEIGHT
app-size-bad-width = bad width in "{ $value }"
app-size-bad-height = bad height in "{ $value }"
app-size-out-of-range = window size { $width }x{ $height } out of range (320x240 to 8192x8192)
# clap's own errors, reworded; $arg is the option as written in --help ("--at <AT>").
app-clap-value-required = a value is required for '{ $arg }' but none was supplied
app-clap-invalid-value = invalid value '{ $value }' for '{ $arg }'
app-clap-invalid-value-reason = invalid value '{ $value }' for '{ $arg }': { $reason }
app-clap-possible-values = possible values: { $values }
app-clap-unknown-argument = unexpected argument '{ $arg }' found
app-clap-did-you-mean = did you mean '{ $suggestion }'?
app-clap-unknown-command = unrecognized subcommand '{ $name }'
app-clap-missing-arguments = the following required arguments were not provided: { $args }
app-clap-conflict = the argument '{ $arg }' cannot be used with '{ $other }'
app-clap-subcommand-conflict = the subcommand '{ $name }' cannot be used with '{ $other }'
app-clap-too-many-values = unexpected value '{ $value }' for '{ $arg }' found; no more were expected
app-clap-wrong-number-of-values = '{ $arg }' takes a different number of values
app-clap-used-twice = the argument '{ $arg }' cannot be used multiple times
app-clap-more-help = For more information, try '--help'.

## report

app-report-xlsx-needs-output = an XLSX report is a file: give --output FILE.xlsx
app-report-no-scenario = no scenario "{ $name }": give a file, or one of the package's scenarios ({ $names })
app-report-no-data = { $file }: no meter data in the site's data files
app-report-bad-time = --{ $option } "{ $value }" is not a time (ISO 8601 or "YYYY-MM-DD[ HH:MM]" in { $time_zone })
app-report-empty-window = the window is empty: --to is not after --from ({ $from } … { $to })
app-report-record-start = start
app-report-record-end = end
app-alarms-none = { $file }: this site has no alarm file (docs/alarms.md)
app-alarms-no-log = { $file }: no such operator log

## eval and optimise

app-whatif-unknown-process = unknown process "{ $process }" (one of { $ids })
app-whatif-no-curves = --curves: { $process } takes no curve set
app-whatif-set-not-pair = --set "{ $item }" is not KEY=VALUE
app-whatif-no-setting = { $process } has no setting "{ $key }" (settings: { $keys })
app-whatif-not-a-number = --set { $key }: "{ $value }" is not a number
app-whatif-out-of-range = --set { $key }={ $value }: outside the realistic range { $min } to { $max } { $unit } ({ $source })
app-whatif-condition-not-pair = --condition "{ $item }" is not KEY=VALUE
app-whatif-no-condition = { $process } has no condition "{ $key }" (conditions: { $keys })
app-whatif-condition-not-a-number = --condition { $key }: "{ $value }" is not a number
app-whatif-condition-refused = --condition { $key }={ $value }: outside what the model accepts (docs/models.md lists each condition's range)
app-whatif-conditions = Conditions
app-whatif-fix-unknown = --fix: no setting "{ $key }" (settings: { $keys })
app-whatif-settings = Settings
app-whatif-range = range { $min } to { $max }
app-whatif-outputs = Outputs
# $energy is app-whatif-per-hour-energy, $scopes app-whatif-per-hour-scopes; the numbers arrive formatted.
app-whatif-per-hour = Per hour: { $energy }, CO2 { $co2 } t ({ $scopes }), cost { $cost } { $currency }, production { $production } { $production_unit }
app-whatif-per-hour-energy = { $electricity } kW electricity, { $fuel } GJ fuel
app-whatif-per-hour-scopes = scope 1 combustion { $combustion }, process { $process }; scope 2 { $scope2 }
app-whatif-objective =
    { $objective ->
        [energy] Energy
        [co2] CO2
       *[cost] Cost
    }
# One objective's value at the settings shown: "Energy: 3.41633 GJ/t".
app-whatif-objective-value = { $objective }: { $value } { $unit }
app-whatif-limits = Limits (margin > 0: within)
app-whatif-versus = vs
app-whatif-margin = margin
app-whatif-violated = VIOLATED
app-whatif-optimum = Objective { $objective }: baseline { $baseline } → optimum { $optimum } { $unit } ({ $percent } % less)
app-whatif-held = Held at baseline: { $keys }
app-whatif-recommended = Recommended settings (change from baseline)

## The viewer's start-up options (shown in the problems window)

app-startup-bad-time = cannot read "{ $value }" as a time
app-startup-no-equipment = no equipment "{ $id }"
app-startup-unknown-quantity = unknown quantity "{ $value }"
app-browse-env = --password-env { $variable } is not allowed: credentials come only from PLANT_TWIN_* variables (or those in PLANT_TWIN_ALLOW_ENV)
app-browse-env-unset = the environment variable { $variable } is not set
app-browse-needs-site = --write-sources needs --site (the site whose meters the variables are matched to)
app-browse-written = { $file }: a sources file of { $count } variable(s) written; check it before use
app-cmd-browse = List an OPC UA server's variables (path, node id with its namespace URI, data type, unit), and with --site and --write-sources write a sources file mapping them to the site's meters by name.
app-arg-browse-url = The server's endpoint, opc.tcp://host:port[/path].
app-arg-browse-security-policy = None, Basic256Sha256, Aes128_Sha256_RsaOaep or Aes256_Sha256_RsaPss.
app-arg-browse-security-mode = None, Sign or SignAndEncrypt.
app-arg-browse-user = A user name; the password is read from --password-env.
app-arg-browse-password-env = The environment variable (PLANT_TWIN_*) holding the password.
app-arg-browse-site = The site whose meters the variables are matched to (with --write-sources).
app-arg-browse-write-sources = Write a commented sources file here: the variables matched to the site's meters by name, the rest listed.
app-arg-browse-trust-server = Trust the server's certificate if its SHA-1 thumbprint is this one (as the first try without it shows; compare it with the one the server's administrator reads on the server). The live sources use the same trust list.
app-cmd-forecast = A meter's forecast from an instant forward with its prediction interval (MSTL with an ETS trend, daily and weekly seasons where the history holds two of each); where the record goes on, what happened beside it and the error against the seasonal-naive forecast.
app-arg-forecast-meter = The meter to forecast (its id in site.toml).
app-arg-forecast-at = Forecast from this instant, in the site's time zone (e.g. "2026-11-10 15:00"). Default: the end of the record.
app-arg-forecast-horizon = How far ahead (e.g. 1d, 12h, 7d).
app-arg-forecast-step = The step of the forecast: the meter's mean over each step (e.g. 1h, 15min).
app-arg-forecast-history = How much history before the instant the forecast learns from.
app-arg-forecast-level = The prediction interval's level, in % (50 to 99.9).
app-forecast-bad-duration = --{ $option } "{ $value }" is not a duration (e.g. 1h, 15min, 1d, 7d)
app-forecast-bad-level = --level { $value }: the interval's level must be from 50 to 99.9 (%)
app-forecast-no-meter = { $id } is not a meter of { $file }
app-forecast-no-series = meter { $id } has no data in the site's record
app-forecast-no-data = meter { $id } has no data before { $at } to forecast from
app-forecast-failed = no forecast for { $id }: { $reason }
app-forecast-title = Forecast: { $meter } ({ $id }), { $site }
app-forecast-basis = From { $at }, { $horizon } ahead in steps of { $step } (the meter's mean over each step); { $method }, learnt from the history since { $history_from }; { $level } % prediction interval.
app-forecast-method-mstl = MSTL (seasons: { $seasons }) with an ETS trend
app-forecast-method-ets = ETS alone (less than two days of history: no daily season)
app-forecast-method-naive = the seasonal-naive forecast
app-forecast-season-day = day
app-forecast-season-week = week
app-forecast-col-time = Time
app-forecast-col-forecast = Forecast
app-forecast-col-lower = Lower
app-forecast-col-upper = Upper
app-forecast-col-actual = Actual
app-forecast-against = Against what happened: mean absolute error { $mae } { $unit }, where the seasonal-naive forecast (the same hour a day before) misses by { $naive } { $unit }; { $inside } of { $steps } actual values inside the { $level } % interval.
app-cmd-anomalies = The anomalies of a site's meters over a window: data outages, stuck and flat-lined meters, spikes, deviations from the usual day, level shifts, drifts and outliers among alike meters, each with the value seen, the value expected and the distance in σ.
app-arg-anomalies-meter = Only these meters (repeat the option for more; all are looked at, alike meters together).
app-arg-anomalies-kind = Only these kinds (data-outage, no-data, recurring-gap, stuck, flat-line, spike, deviation, level-shift, drift, peer-outlier, model-deviation; repeat for more).
app-anomalies-bad-kind = --kind { $value } is not a kind of anomaly (one of: { $kinds })
app-anomalies-no-data = the site's record holds no data
app-anomalies-title = Anomalies: { $site }
app-anomalies-basis = From { $from } to { $to } ({ $time_zone }): { $count ->
    [one] one anomaly
   *[other] { $count } anomalies
}. Usual values are the median of each quarter hour over the days held; σ is the robust spread (1.4826 × MAD).
app-anomalies-col-start = Start
app-anomalies-col-duration = Duration
app-anomalies-col-meter = Meter
app-anomalies-col-kind = Kind
app-anomalies-col-value = Seen
app-anomalies-col-expected = Expected
app-anomalies-col-sigmas = σ
app-anomalies-all-meters = all meters
app-anomalies-minutes = { $n } min
app-anomalies-hours = { $n } h
app-anomalies-days = { $n } d
app-arg-anomalies = Open the anomaly list at start.
app-arg-forecast-total = Or the site's total: energy (GJ/h, every carrier) or co2 (t/h, scope 1 and location-based scope 2), hour by hour from the accounting.
app-forecast-total-energy = Site energy, all carriers
app-forecast-total-co2 = Site CO2, scope 1 and scope 2 (location-based)
app-anomalies-outside-record = the window holds none of the record, which runs from { $from } to { $to }
app-anomalies-short-window = warning: the window holds less than 4 days, too few to tell what is usual at a time of day: deviations and spikes (and under 3 days drifts and level shifts) are not looked for (widen it with --from and --to)
app-forecast-basis-total = From { $at }, { $horizon } ahead in steps of { $step } (the site's total in each step, from the accounting of each hour); { $method }, learnt from the history since { $history_from }; { $level } % prediction interval.
app-report-no-trajectory = warning: no CO2 trajectory in the report: { $reason }
app-cmd-baseline = A regression baseline of a meter (IPMVP Option C, ASHRAE Guideline 14): its energy per day or hour against a temperature (change-point shapes) and production drivers over a baseline window; with a reporting window, the energy expected there against the actual and the avoided energy with its uncertainty.
app-arg-baseline-meter = The energy meter (its id in site.toml): a rate is totalled per period (kW → kWh), an interval meter summed.
app-arg-baseline-temperature = A temperature meter (outdoor dry bulb…): its mean per period, for the change-point shapes.
app-arg-baseline-driver = A production or other driver meter, totalled (rates) or averaged per period; repeat for several.
app-arg-baseline-from = Start of the baseline window, in the site's time zone. Default: the start of the record.
app-arg-baseline-to = End of the baseline window. Default: the end of the record.
app-arg-baseline-report-from = Start of the reporting window (after a change): expected against actual from here.
app-arg-baseline-report-to = End of the reporting window. Default: the end of the record.
app-arg-baseline-step = The period: day (IPMVP's usual) or hour.
app-arg-baseline-model = The shape: auto (least RMSE among those with significant slopes), mean (drivers only), 2p, 3pc, 3ph, 4p.
app-baseline-not-temperature = { $id } is not a temperature meter: --temperature takes one (production goes in --driver)
app-baseline-bad-model = unknown model "{ $value }"
app-baseline-too-few = { $rows } usable periods for { $coefficients } coefficients: widen the window, use --step hour or fewer drivers
app-baseline-singular = the drivers do not vary enough to fit (a driver constant over the window, two that move together, or no temperature slope of the shape asked for)
app-baseline-no-reporting = the reporting window holds no period with data from every meter
app-baseline-title = Baseline of { $meter } ({ $unit } per period)
app-baseline-shape = Shape { $shape }, change point { $cp }; fitted on { $n } periods ({ $left_out } left out for too little data).
app-baseline-col-term = Term
app-baseline-col-coef = Coefficient
app-baseline-col-se = Standard error
app-baseline-stats = R² { $r2 } · CV(RMSE) { $cv } % · NMBE { $nmbe } % · residual autocorrelation ρ { $rho } · Durbin–Watson { $dw } · RMSE { $rmse }
app-baseline-savings = Reporting period against the baseline
app-baseline-col-item = Item
app-baseline-expected = Expected (adjusted baseline)
app-baseline-actual = Actual
app-baseline-avoided = Avoided (expected − actual)
app-baseline-uncertainty = Uncertainty at { $level } % confidence
app-baseline-periods = { $m } periods ({ $left_out } left out for too little data, { $outside } outside the baseline's range: extrapolated); savings fraction { $fraction } %.
app-baseline-col-period = Period
app-baseline-method = IPMVP Option C; statistics and the fractional savings uncertainty of ASHRAE Guideline 14 (p counts the coefficients with the intercept, the change point not); change-point shapes and search of the RP-1050 toolkit. For guidance, ASHRAE Guideline 14 asks calibrated models for CV(RMSE) ≤ 15 % and |NMBE| ≤ 5 % on monthly data (30 % and 10 % hourly). docs/baselines.md.
app-arg-baseline-weekend = Add a weekend indicator (Saturday and Sunday) as a driver: an office's day type.
app-report-no-target-year = note: no CO2 trajectory in the report: site.toml has no CO2 target for { $year } (targets: { $years })
app-baseline-driver-is-meter = { $id } is the meter itself: a driver must be another meter
app-baseline-not-energy = warning: { $id } is not an energy, power or flow meter: its baseline is of a mean value per period, not of energy
app-baseline-reporting-window = reporting window (--report-from/--report-to): { $reason }
app-baseline-outside-record = the window of { $options } lies outside the record, which runs from { $first } to { $last }
app-baseline-overlap = warning: the reporting window overlaps the baseline window: savings are measured against the period the baseline learnt from
app-baseline-temperature-unused = The temperature was tried and not kept: no temperature shape had significant slopes with { $per } periods per parameter over { $n } periods (name one with --model to fit it anyway).
app-baseline-not-significant = By Guideline 14's rule (uncertainty under 50 % of the savings at 68 % confidence) these savings cannot be told from zero.
app-baseline-term-intercept = intercept
app-baseline-term-weekend = weekend
app-baseline-term-temperature = temperature
app-anomalies-instant = < 1 min
app-anomalies-unchecked = warning: the model check of "{ $process }" on { $meter } cannot be run: { $reason }
app-arg-forecast-kpi = Or a product's key figure hour by hour, PRODUCT:KEY[:UNIT] (e.g. clinker:fuel:GJ/t, cement:electricity).
app-arg-forecast-flow = Or a flow's energy hour by hour (GJ/h), FROM:TO as in site.toml's [[flow]] (e.g. coal-mill-1:kiln-1).
app-forecast-no-kpi = no key figure "{ $value }": PRODUCT:KEY[:UNIT], one of { $known }
app-forecast-no-flow = no flow "{ $value }": FROM:TO, one of { $known }
app-cmd-import = Push a site's recorded data into VictoriaMetrics (its import API) as plant_twin_meter{"{"}site, meter, unit{"}"}: only what the database does not hold yet, so it can be run again and resumes; then the site can be read from the database alone ([historian] in site.toml).
app-arg-import-site = Site package folder (holding site.toml and its data files).
app-arg-import-to = The database's address, e.g. http://127.0.0.1:8428 (VictoriaMetrics single-node).
app-arg-import-site-label = The site label of the series. Default: the package folder's name.
app-arg-import-auth-header = A header to send with every request (e.g. Authorization) …
app-arg-import-auth-env = … its value read from this environment variable (PLANT_TWIN_*).
app-arg-connect = Read the site's [historian] database (its recorded data in VictoriaMetrics, Prometheus…) as well as its files; the viewer asks first without it.
app-import-no-data = the site's data files hold no samples to import
app-import-progress = sent { $sent } of { $total } samples
app-import-done = { $meters } meters: { $sent } samples sent to { $url } in { $requests } requests, { $already } already there.
app-import-fewer-held = the database holds only { $held } of the { $expected } samples: its retention (VictoriaMetrics' -retentionPeriod, one month by default) is probably shorter than the record; keep the data files
app-import-use = To read the site from the database, put this in its site.toml (the [[data]] files may then go):
app-report-no-data-historian = { $file }: no meter data: the site's recorded data is in the database at { $url }, read only with --connect

# plant-twin import-ifc
app-cmd-import-ifc = Make a site package from an IFC building model: its geometry as model.glb (GlobalIds in the nodes' extras), storeys and spaces as areas, building services (pumps, fans, AHUs, air terminals…) as equipment; what was found and what was not is listed.
app-arg-import-ifc-file = The IFC file (IFC2X3, IFC4 or IFC4X3, STEP form).
app-arg-import-ifc-time-zone = The IANA time zone of the building (its meters' times without an offset).
app-arg-import-ifc-name = The site's name (default: the building's in the file).
app-ifc-read = Read { $schema }: { $products } products; the model has { $nodes } nodes, { $triangles } triangles (spaces and openings not drawn).
app-ifc-storey = { $name }: { $spaces ->
    [one] 1 space
   *[other] { $spaces } spaces
}, { $elements ->
    [one] 1 element
   *[other] { $elements } elements
}
app-ifc-equipment = { $count } building-services elements made equipment:
app-ifc-no-equipment = No building-services elements in the file: make equipment of model nodes in the edit mode (--edit).
app-ifc-item = { $id } ({ $class }, { $area }) { $place }
app-ifc-in-model = · in the model
app-ifc-not-in-model = · not in the model (no body in the file)
app-ifc-network = Pipes, ducts and their fittings are left as the network, not equipment: { $list }
app-ifc-meter-names = { $count } meter names found in property sets (written as commented [[meter]] tables to complete).
