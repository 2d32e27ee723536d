# The flows view: the Sankey panel of energy and CO2 flows, its totals and the animated flows in 3D.
# Terms follow docs/glossary.md.

flows-title = Energy and carbon flows
flows-view-energy = Energy
flows-view-co2 = CO2
flows-span-instant = Now
flows-span-hour = Hour
flows-span-day = Day
flows-span-week = Week
flows-span-record = Whole record
# The window the diagram sums over.
flows-window-range = { $from } – { $to }
flows-scenario = Scenario: { $name }
flows-scenario-hint = Scale the flows into the what-if unit by the scenario's fuel, electricity and process CO2 against its baseline; upstream flows stay as measured. The totals above stay measured.
flows-no-flows = No accounted flows in this window (site.toml has no [[flow]] with meters, or the meters have no data).
flows-3d = Flows in 3D

## Totals above the diagram.
flows-energy-total = Energy
# Energy as standard coal equivalent and the electricity in it.
flows-energy-detail = ({ $tce }, { $electricity })
flows-co2-total = CO2 (location-based)
flows-scopes = scope 1: { $combustion } combustion + { $process } process; scope 2: { $location } location-based ({ $market } market-based)
flows-biogenic = biogenic CO2 (memo item): { $value }
# A product's name before its key figures.
flows-product = { $name }:
flows-out-of-balance = Out of balance: { $list }
flows-imbalance-item = { $name } { $relative } %
flows-factor-sets = Factor sets: { $list }
flows-factor-set = { $id } ({ $year })
# Between the items of a list.
flows-list-separator = {", "}
flows-copy-report = Copy report
flows-copy-report-hint = Copy this window's report as Markdown (the same as `plant-twin report --format md`).

## The diagram's nodes and ribbons.
flows-scope-1-combustion = scope 1, combustion
flows-scope-1-process = scope 1, process
flows-scope-2 = scope 2
flows-process-node = { $kind ->
    [calcination] Process CO2: calcination ({ $product })
    [anodes] Process CO2: anodes ({ $product })
    [pfc] PFC as CO2e ({ $product })
   *[other] Process CO2: { $kind } ({ $product })
}
# The amount of product and the process CO2 per tonne of it.
flows-process-note = { $amount } × { $factor } t CO2/t
flows-imbalance = Out of balance, { $carrier }: in { $inflow } { $unit }, out { $outflow } { $unit } ({ $relative } %)
flows-link-path = { $from } to { $to }
flows-link-value = { $value } ({ $kind })
flows-link-value-amount = { $value } = { $amount } ({ $kind })
flows-share = { $percent } % of { $node }
flows-in-out = in { $inflow }, out { $outflow }
# What a flow carries, as site.toml names it; a carrier not listed shows as written there.
flows-carrier = { $carrier ->
    [electricity] electricity
    [coal] coal
    [petcoke] petcoke
    [natural-gas] natural gas
    [gas] gas
    [heat] heat
    [steam] steam
    [hot-water] hot water
    [hot-gas] hot gas
    [tertiary-air] tertiary air
    [exhaust-gas] exhaust gas
    [chilled-water] chilled water
    [limestone] limestone
    [raw-meal] raw meal
    [hot-meal] hot meal
    [clinker] clinker
    [cement] cement
    [aluminium] aluminium
   *[other] { $carrier }
}

# The difference Sankey of the scenarios view's comparison (docs/scenarios.md).
flows-difference = Difference: { $a } → { $b }
flows-difference-hint = Show the flows of { $b } over the comparison's window, each ribbon coloured by whether it grew or shrank against { $a }. The panel's own window does not apply.
flows-difference-window = { $b } against { $a }, over { $hours } h:
flows-difference-increase = more than in A
flows-difference-decrease = less than in A
flows-difference-unchanged = unchanged (within 0.5 %)
flows-difference-note = { $a } → { $b } ({ $percent } %)
flows-next-day = Next 24 h from the cursor (forecast):
flows-next-day-making = forecasting…
flows-next-day-sum = { $point } (95 %: { $lower } – { $upper })
flows-next-day-hint = (hover for how)
flows-next-day-method = The site's energy and CO2 of each hour of the 28 days before the cursor (the accounting over each hour), forecast hour by hour by MSTL with an ETS trend and summed over the day; the range is the hours' 95 % bounds summed, wider than the day's own interval. docs/forecasts.md.
flows-next-day-none = no forecast ({ $reason })
flows-trajectory = CO2 { $year }: year end { $year_end } ({ $lower } – { $upper }), target { $target }, { $versus }
flows-trajectory-making = CO2 trajectory: being made…
flows-trajectory-none = No CO2 trajectory: { $reason }
flows-trajectory-to-date = To date { $to_date } (recorded { $recorded }, { $share } % of the hours; the rest estimated) · target's pace { $target }
flows-trajectory-pace = Recorded hours { $pace } against the target's pace
flows-trajectory-hint = (how?)
flows-trajectory-method = Scope 1 and location-based scope 2. Hours of the year without data are estimated at the recorded hours' mean rate; the next week is forecast by MSTL, the rest of the year is at the run rate { $rate } (the last four weeks). The band is the 95 % prediction interval from { $days } complete recorded days; it does not cover shutdowns. Target: { $source }. docs/forecasts.md, "CO2 trajectory".
flows-trajectory-target-line = Target's pace
flows-trajectory-cursor = Cursor
flows-trajectory-band = 95 % band
flows-window-loading = Loading this window from the database… (its figures are shown once all of it is held, never from part of it)
flows-window-too-long = This window is longer than the paged database's cache ({ $mb } MB) holds beside the cursor's hours. Choose a shorter span, raise cache_mb in site.toml's [historian], or run plant-twin report --connect for the whole window.
flows-window-summing = Summing this window in the database… (it is longer than the paged cache holds: each meter is summed by the hour there)
flows-window-summed = Summed by the database by the hour ({ $samples } samples)
flows-window-summed-hint = This window is longer than the paged cache holds, so the database summed each meter by the hour (sum_over_time, count_over_time) instead of sending every sample. Each sample counts one sampling interval: around a gap in a meter's data the figures from its samples hold the last value up to three intervals, so they can differ by those minutes (docs/historian.md).
flows-window-sum-failed = The database could not sum this window: { $error }
