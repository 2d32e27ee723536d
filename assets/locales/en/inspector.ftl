# The equipment tree and the inspector of the selected item. Terms follow docs/glossary.md.

inspector-equipment = Equipment
inspector-search-hint = Search name, id, type or meter…
inspector-not-in-model = not in the 3D model
inspector-no-match = Nothing matches.
inspector-frame = ⛶ Frame in view
inspector-meters = Meters
inspector-no-meters = No meters are bound to this item.
inspector-chart-window = Chart window
inspector-forecast = Forecast
inspector-forecast-hover = Each meter's forecast beyond the cursor, learnt from the 4 weeks before it (hourly means; MSTL with an ETS trend): the dashed line, and its 95 % prediction interval as a band. Made in the background; plant-twin forecast gives it as a table.
inspector-forecast-pending = Forecasting…
inspector-forecast-none = No forecast: { $reason }
inspector-window-hours = ±{ $hours } h
inspector-window-days = ±{ $days } d
inspector-type = Type
inspector-id = Id
inspector-area = Area
inspector-node = glTF node
inspector-mesh = glTF mesh
# The meter's id, the column of the data files it reads and its unit.
inspector-meter-hover = { $id } · column "{ $column }" · { $unit }

## A meter's reading at the cursor when it has no current value.
inspector-reading-gap = no data (gap); last { $last }
inspector-reading-before-start = no data (before record)
inspector-reading-stale = stale: last { $last }
inspector-reading-no-column = no data (not in the data files)
# The equipment's type (site.toml's `type`) for the facts grid; another word shows as itself.
inspector-equipment-type =
    { $kind ->
        [rotary-kiln] Rotary kiln
        [calciner] Calciner
        [cyclone-preheater] Cyclone preheater
        [grate-cooler] Grate cooler
        [vertical-roller-mill] Vertical roller mill
        [ball-mill] Ball mill
        [crusher] Crusher
        [stockpile] Stockpile
        [belt-conveyor] Belt conveyor
        [pan-conveyor] Pan conveyor
        [silo] Silo
        [bag-filter] Bag filter
        [fan] Fan
        [compressor] Compressor
        [substation] Substation
        [switchboard] Switchboard
        [centrifugal-chiller] Centrifugal chiller
        [cooling-tower] Cooling tower
        [pump-set] Pump set
        [header] Header
        [weather-station] Weather station
        [office-floor] Office floor
        [air-handling-unit] Air handling unit
        [reduction-cell] Reduction cell
        [potline] Potline
        [rectifier] Rectifier
        [fume-treatment] Fume treatment
        [casthouse] Casthouse
        [anode-baking-furnace] Anode baking furnace
       *[other] { $kind }
    }
inspector-reading-loading = loading…
inspector-chart-loading = Charts: asking the database for the window beyond the hours held…
inspector-chart-failed = The database could not draw the charts' window: { $error }
