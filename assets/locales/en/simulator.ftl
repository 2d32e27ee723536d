# `plant-twin-sim`, the meter simulator: its --help, messages and the page it serves at /. The JSON and the
# Prometheus exposition it serves stay English. Terms follow docs/glossary.md.

simulator-about = Serve a site's recorded data as if live (for demos, training and tests): JSON at /api/values and Prometheus exposition at /metrics. Stop with Ctrl-C.
simulator-help-usage = Usage:
simulator-help-heading-arguments = Arguments
simulator-help-heading-options = Options
simulator-help-default = [default: { $value }]
simulator-help-help = Print help
simulator-help-version = Print version
simulator-arg-site = Site package folder (holding site.toml).
simulator-arg-port = TCP port.
simulator-arg-bind = Address to bind. The default serves this machine only; use 0.0.0.0 to serve the network.
simulator-arg-speed = Record seconds per real second.
simulator-arg-from = Where in the record to start (ISO 8601 or local "YYYY-MM-DD HH:MM"); default its start.
simulator-arg-no-shift = Stamp JSON values with the record time instead of now.
simulator-arg-noise = Gaussian noise on every value, as a relative standard deviation (0.01 = 1 %).
simulator-arg-scenario = A training scenario (a package's training/NAME.toml by name or path, or a file of yours): its scheduled malfunctions are applied to what is served, and serving starts at its start unless --from says otherwise.
simulator-scenario = Training scenario “{ $name }”: { $count } scheduled malfunction(s) applied to what is served.
simulator-no-scenario = no training scenario "{ $name }" in the package's training folder, and no such file
simulator-arg-lang = The language of the messages: en or zh-CN. Default: the language last picked in the viewer's menu, else the system's.

simulator-error = error: { $message }
simulator-lang-unknown = unknown language "{ $value }" for --lang (one of: { $valid })
simulator-lang-missing = --lang needs a value (one of: { $valid })
# A usage error of the command line; $detail is clap's own (English) description.
simulator-usage-error = { $detail }
simulator-more-help = For more information, try '--help'.
simulator-bad-speed = --speed { $speed } must be above 0 (record seconds per second)
simulator-bad-noise = --noise { $noise } must be a relative standard deviation between 0 and 1
simulator-bad-from = --from "{ $value }" is not a time
simulator-serving = Serving { $site } ({ $meters ->
        [one] one meter
       *[other] { $meters } meters
    }) as live on http://{ $addr }: /api/values (JSON), /metrics (Prometheus). Ctrl-C stops.
# The page at / of the simulator.
simulator-index = Plant Twin meter simulator: { $site } ({ $meters ->
        [one] one meter
       *[other] { $meters } meters
    }), speed { $speed }×.
simulator-index-values = JSON of every meter
simulator-index-metrics = Prometheus exposition

simulator-no-data = { $file }: no recorded data to serve
simulator-cannot-listen = cannot listen on { $addr }: { $error }
simulator-cannot-start =
    { $what ->
        [runtime] cannot start the simulator runtime: { $error }
       *[thread] cannot start the simulator thread: { $error }
    }
simulator-server-stopped = the server stopped: { $error }
simulator-thread-failed = the simulator thread failed ({ $reason })
simulator-not-started = the simulator did not start within 10 s
