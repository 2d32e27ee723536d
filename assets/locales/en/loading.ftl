# The top bar, the loading of a site's data and the problems window. Terms follow docs/glossary.md.

loading-app-name = Plant Twin
loading-window-title = { $site } — { loading-app-name }
loading-no-site = No site open
# What the site is (site.toml's `kind`); another word shows as itself.
loading-site-kind =
    { $kind ->
        [cement-plant] Cement plant
        [office-building] Office building
        [aluminium-smelter] Aluminium smelter
       *[other] { $kind }
    }
# The progress bar while the data load; $step is the file or stage being read.
loading-progress = Loading meter data… { $step }
# $samples and $secs arrive formatted (1,234,567 and 2.31).
loading-loaded = Data loaded — { $meters ->
    [one] one meter
   *[other] { $meters } meters
}, { $samples } samples, loaded in { $secs } s
loading-no-problems-button = ✔ No problems
loading-warnings-button = ⚠ { $warnings ->
    [one] 1 warning
   *[other] { $warnings } warnings
}
loading-errors-button = ⛔ { $errors ->
    [one] 1 error
   *[other] { $errors } errors
}, { $warnings ->
    [one] 1 warning
   *[other] { $warnings } warnings
}
loading-problems-button-hint = Show or hide the problems found in the site package, its data and its live sources
loading-problems-title = Problems
loading-no-problems = No problems found in the site package.
loading-cannot-start-thread = Cannot start the data-loading thread: { $error }
loading-thread-died = Data loading stopped unexpectedly ({ $reason }); the site is shown without data — please report it
loading-thread-died-silently = Data loading stopped unexpectedly; the site is shown without data
# Saves a PNG of the window as it is (also F12).
loading-save-view = Save view
loading-save-view-hint = Save a PNG of the window as it is now (F12), in the screenshots folder of your settings
loading-save-view-saved = Saved { $file } (F12 saves another)
loading-historian-title = Recorded data in a database
loading-historian-text = This site's recorded data is in a time-series database. Nothing is sent to it until you connect.
loading-historian-address = Address
loading-historian-protocol = Protocol
loading-historian-protocol-value = Prometheus query API (HTTP)
loading-historian-sends = Sends
loading-historian-sends-value = queries naming this site's { $meters } meters, for their recorded samples
loading-historian-credential = Credential from
loading-historian-connect = Connect and load
loading-historian-not-now = Not now (files only)
loading-paged = Database, paged: { $blocks } blocks held ({ $mb } MB)
loading-paged-loading = loading the cursor's hours…
loading-paged-error = ⚠ database not answering (the data held stays; retrying)
loading-paged-hint = The { $hours } hours on each side of the cursor are held, and the flows panel's window when the cache can hold it (else the panel says so). The anomaly list, the alarm journal, forecasts and the CO2 trajectory see the held hours only; the commands (plant-twin report …) read their whole window (docs/historian.md).
