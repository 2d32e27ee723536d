# The report of `plant-twin report --format md` and of the flows panel's "Copy report" (the Markdown renderer of
# crates/accounting). JSON keys and CSV headers stay English; numbers and units are the same in both languages.
# Terms follow docs/glossary.md.

report-unknown-format = unknown format "{ $value }" (json, csv or md)
report-title = Energy and carbon report: { $site }
# $from and $to are local times of the site ("2026-11-02 00:00"); $offset is its UTC offset ("+08:00"); $hours
# arrives formatted.
report-window = Window: { $from } to { $to } (UTC{ $offset }, { $hours } h). GWP set: { $gwp }.
report-factor-sets = Factor sets:
report-factor-set = - { $id } — { $name } ({ $year }; { $source })

report-energy = Energy
# The heading of the first column of the energy table (empty in English).
report-col-item = { "" }
report-col-value = value
report-col-unit = unit
report-electricity-bought = Electricity bought
report-fuel-burnt = Fuel burnt
report-heat-bought = Heat bought
# Total energy in GJ, then the same in tonnes of standard coal equivalent (tce).
report-total-energy = Total
report-total-tce = Total

report-co2-by-scope = CO2 by scope (t)
report-col-scope = scope
report-scope1-combustion = Scope 1, combustion
report-scope1-process = Scope 1, process
report-process-calcination = — calcination
report-process-anodes = — anodes
report-process-pfc = — PFC as CO2e
report-scope1 = Scope 1
report-scope2-location = Scope 2, location-based
report-scope2-market = Scope 2, market-based
report-total-location = Total, location-based
report-total-market = Total, market-based
report-biogenic = Biogenic CO2 (memo, not in scope 1)

report-by-carrier = By carrier
report-col-carrier = carrier
report-col-bought = bought
report-col-energy = energy (GJ)
report-col-factor = factor (set)
# An energy carrier's id in site.toml; an id not listed shows as itself.
report-carrier =
    { $carrier ->
       *[other] { $carrier }
    }

report-per-product = Key figures per product
report-product-outside = { $product }: its key figures leave out { $nodes } (downstream of it, making another product).
report-col-product = product
report-col-amount = amount
report-col-figure = figure
# A key figure by its key (site.toml's `kpis`); $name is the accounting's own name for a key not listed.
report-kpi =
    { $key ->
        [fuel] Fuel and heat
        [electricity] Electricity
        [energy] All energy (calorific equivalent)
        [co2] CO2, scope 1 + 2 (location)
        [process-co2] Process CO2
        [process-co2e] Process CO2e (incl. PFC)
       *[other] { $name }
    }

report-by-node = By node
report-col-node = node
report-col-electricity = electricity (MWh)
report-col-fuel = fuel (GJ)
report-col-heat = heat (GJ)

report-balance = Balance check
report-balanced = Every node with measured flows in and out balances within the tolerance.
report-col-quantity = quantity
report-col-in = in
report-col-out = out
report-col-relative = (in − out)/max
# The quantity of an imbalance: the carrier (as in report-carrier) and what was compared.
report-quantity =
    { $dimension ->
        [energy] { $carrier } (energy)
        [mass] { $carrier } (mass)
       *[volume] { $carrier } (volume)
    }

report-warnings = Warnings
report-measured-co2 = Measured CO2 beside the computed (not added to the totals)
report-col-meter = Meter
report-col-measured = Measured, t CO2
report-col-computed = Computed scope 1, t CO2
trajectory-no-recorded-hours = no recorded hour of { $year } before the cursor: the year's CO2 cannot be projected
trajectory-bad-year = the year { $year } has no start or end in the site's time zone
report-col-note = Note
report-trajectory = CO2 trajectory { $year } (target { $target } t CO2)
report-trajectory-source = Target: { $source }
report-trajectory-recorded = Recorded: { $hours } h of the { $elapsed } h elapsed
report-trajectory-pace = { $pace } against the target's pace over the same hours
report-trajectory-estimated = Estimated: { $hours } h without data
report-trajectory-estimated-note = at the recorded hours' mean rate
report-trajectory-to-date = To date ({ $at })
report-trajectory-target-to-date = target's pace: { $target } t CO2
report-trajectory-forecast = Forecast: next { $hours } h
report-trajectory-forecast-note = MSTL with an ETS trend, hour by hour, from the four weeks before
report-trajectory-no-forecast = could not be forecast ({ $reason }): at the run rate (in the next row)
report-trajectory-rest = Rest of the year: { $hours } h
report-trajectory-run-rate = at the run rate { $rate } t CO2/h (the last four weeks' recorded hours)
report-trajectory-year-end = Year end
report-trajectory-band = 95 % band { $lower }–{ $upper } from { $days } complete days; { $versus } against the target
report-trajectory-method = CO2 is scope 1 and location-based scope 2. The band is the prediction interval of the estimated and projected days drawn like the recorded ones; it does not cover shutdowns or a changed product mix (docs/forecasts.md, "CO2 trajectory").
trajectory-part-recorded = recorded
trajectory-part-estimated = estimated (no data)
trajectory-part-forecast = forecast
trajectory-part-run-rate = at the run rate
report-trajectory-run-rate-all = at { $rate } t CO2/h, the mean of all the year's recorded hours (the last four weeks have none)
report-trajectory-no-band = no band: { $days } complete recorded days (two are needed), so the year end rests on a few hours; { $versus } against the target
