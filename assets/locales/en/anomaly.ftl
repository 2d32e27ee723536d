# Anomalies (docs/anomalies.md): the kinds, and the anomaly panel.
anomaly-kind-data-outage = Data outage
anomaly-kind-no-data = No data
anomaly-kind-recurring-gap = Recurring gap
anomaly-kind-stuck = Stuck
anomaly-kind-flat-line = Flat-lined
anomaly-kind-spike = Spike
anomaly-kind-deviation = Deviation
anomaly-kind-level-shift = Level shift
anomaly-kind-drift = Drift
anomaly-kind-peer-outlier = Peer outlier
anomalies-view-button = { $count ->
    [0] Anomalies: none
    [one] One anomaly
   *[other] { $count } anomalies
}
anomalies-view-button-running = Looking for anomalies… { $percent } %
anomalies-view-button-hint = Anomalies in the site's data: outages, stuck and flat-lined meters, spikes, deviations from the usual day, level shifts, drifts, outliers among alike meters.
anomalies-view-title = Anomalies
anomalies-view-paged = Paged database: these are found in the hours held around the cursor, not in the whole record. For the whole record: plant-twin anomalies { $site } --connect
anomalies-view-running = Looking at meter { $done } of { $total }…
anomalies-view-failed = No anomaly list: { $error }
anomalies-view-method = Usual values: the median of each quarter hour over the days held; σ: the robust spread (1.4826 × MAD). Click a time to go there.
anomalies-view-filter = Meter or equipment
anomalies-view-all-kinds = All kinds
anomalies-view-shown = { $shown } of { $count }
anomalies-view-export = Export…
anomalies-view-export-hint = Write the anomalies shown as CSV (for Excel) and Markdown into the settings folder.
anomalies-view-jump = Select the equipment and move the cursor here
inspector-anomalies = Anomalies in the chart window
anomalies-view-crashed = the detection stopped on an internal error (please report it with the site package)
anomaly-kind-model-deviation = Model deviation
