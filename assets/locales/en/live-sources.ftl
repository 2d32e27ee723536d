# Live sources (crates/live): what is wrong in a sources file, what a source will send, why a poll failed,
# the problems of a poll, and the recorder's errors. Protocol words (HTTP, GET, PromQL, JSON pointer), setting
# names of sources.toml and the libraries' own error texts stay as they are. Terms follow docs/glossary.md.

## Starting the sources and the recorder.
live-error-not-a-duration = "{ $text }" is not a duration ({ $reason }); write e.g. "5s", "500ms", "6h"
live-error-duration-too-long = "{ $text }" is longer than ten years
# $what: which part could not be started.
live-error-start =
    { $what ->
        [live-runtime] cannot start the live sources' runtime: { $error }
        [recorder-thread] cannot start the recorder's thread: { $error }
       *[live-thread] cannot start the live sources' thread: { $error }
    }
live-error-io = { $path }: { $error }
live-error-parquet = { $path }: cannot write the Parquet file: { $error }
# Written to the terminal when the app closes.
live-thread-failed = plant-twin: the live sources' thread failed ({ $reason })

## A sources file (sources.toml, or the file given with --sources).
# $reason: why the package's path was refused.
live-config-refused = { $reason }; no live sources
live-config-unreadable = cannot read the sources file: { $error }
live-config-too-large = the sources file is larger than { $megabytes } MB
# $error: the TOML reader's words.
live-config-invalid = not a valid sources file: { $error }
live-config-duplicate-id = source id "{ $source }" is used twice; the second is ignored
live-config-bad-duration = "{ $text }" is not a duration ({ $reason }); write e.g. "5s", "500ms", "6h"; using { $default_ms } ms
live-config-duration-too-long = "{ $text }" is longer than ten years; using { $default_ms } ms
live-config-bad-url = url "{ $url }" must be an http:// or https:// address with a host; source "{ $source }" ignored
live-config-bad-timestamp-unit = timestamp_unit "{ $value }" is not one of { $names }; using rfc3339
live-config-not-a-pointer = source "{ $source }": "{ $pointer }" for { $meter } is not a JSON pointer (starts with /)
live-config-unknown-kind = unknown source kind "{ $kind }" (http-json, prometheus, mqtt, modbus-tcp or opc-ua); source "{ $source }" ignored
live-config-no-meters = source "{ $source }" feeds no meter (no meters/queries and no template)
live-config-env-not-allowed = source "{ $source }": auth_env "{ $variable }" is not allowed: credentials come only from PLANT_TWIN_* variables (or those listed in { $allow_env }); source ignored
live-config-clear-text = source "{ $source }": a credential would be sent in clear text to { $host }; use https:// (plain http:// only to this machine); source ignored
live-config-auth-pair = auth_header and auth_env go together (the value is read from the environment); no auth sent
live-config-unknown-meter = source "{ $source }": no meter "{ $meter }" in the site; entry ignored
# $reason: why the folder was refused.
live-config-recorder-folder = [recorder] folder: { $reason }; nothing is recorded

## What a source will send, for the user to agree to: the requests, then the credential by the variable it
## comes from (never its value). $credential is "env" (a header from $env) or "none".
live-sends-http-json =
    GET { $url } every { $interval_s } s; { $credential ->
        [env] header { $header } = the value of ${ $env }
       *[none] no credentials
    }
# $backfill_h: hours read back on connect (0: none).
live-sends-prometheus =
    { $queries ->
        [one] one PromQL query
       *[other] { $queries } PromQL queries
    } every { $interval_s } s to { $url }{ $backfill_h ->
        [0] {""}
       *[other] , and the last { $backfill_h } h on connect
    }; { $credential ->
        [env] header { $header } = the value of ${ $env }
       *[none] no credentials
    }

## Why a poll failed ($error: the network library's words; $body: the start of the server's answer).
live-poll-connect = cannot connect: { $error }
live-poll-timeout = no answer within { $ms } ms
live-poll-http = HTTP { $code }
live-poll-http-body = HTTP { $code }: { $body }
live-poll-auth-unset = environment variable { $variable } (auth_env) is not set
live-payload-not-json = bad payload: not JSON ({ $error })
# $error: the Prometheus server's own words.
live-payload-prometheus-error = bad payload: Prometheus: { $error }
live-payload-prometheus-status = bad payload: Prometheus: status is not "success"
live-payload-no-data = bad payload: no data
live-payload-no-result = bad payload: no data.result array
live-payload-no-values = bad payload: a series without value(s)

## Problems of a poll that did not stop the other meters.
live-problem-timestamp-not-rfc3339 = timestamp at { $pointer }: "{ $text }" is not an RFC 3339 time ({ $error }); using the time received
live-problem-timestamp-not-text = timestamp at { $pointer }: { $value } is not RFC 3339 text; set timestamp_unit to s, ms, us or ns for numbers; using the time received
live-problem-timestamp-not-in-unit = timestamp at { $pointer }: { $value } is not a time in the configured unit; using the time received
live-problem-no-timestamp = no timestamp at { $pointer }; using the time received
live-problem-nothing-at = { $meter }: nothing at { $pointer }
live-problem-not-a-number = { $meter }: { $value } at { $pointer } is not a number
live-problem-no-series = { $meter }: the query returned no series
live-problem-several-series = { $meter }: the query returned { $count } series; the first is used
live-problem-bad-sample = { $meter }: a sample { $sample } is not [time, "value"]
live-problem-not-a-time = { $meter }: { $time } is not a time
live-problem-task-failed = a query task failed unexpectedly ({ $reason })
live-problem-meter-connect = { $meter }: cannot connect: { $error }
live-problem-meter-timeout = { $meter }: no answer within { $ms } ms
live-problem-meter-http = { $meter }: HTTP { $code }
live-problem-meter-http-body = { $meter }: HTTP { $code }: { $body }
live-problem-meter-auth-unset = { $meter }: environment variable { $variable } (auth_env) is not set
live-problem-meter = { $meter }: { $problem }
live-refused-future =
    { $count ->
        [one] one sample refused
       *[other] { $count } samples refused
    }: more than { $minutes } min ahead of this machine's clock (check the source's clock and timestamp_unit)
live-refused-past =
    { $count ->
        [one] one sample refused
       *[other] { $count } samples refused
    }: older than the live session's backfill window (check timestamp_unit)
# The first problem of a poll and how many more there were.
live-problems-and-more = { $problem } (and { $more } more)
live-source-stopped = stopped unexpectedly ({ $reason }); please report it

## The recorder.
live-recorder-stopped = the recorder stopped unexpectedly ({ $reason }); live samples are no longer recorded
live-recorder-ended = the recorder stopped unexpectedly; live samples are no longer recorded
# Written to the terminal when the app closes.
live-recorder-failed-at-exit = plant-twin: the recorder failed while writing its last file ({ $reason })

## MQTT sources (crates/live/src/mqtt.rs, sparkplug.rs).
# $topics: the topic filters subscribed to; $rebirth: yes when Sparkplug rebirth requests may be sent.
live-sends-mqtt =
    subscribe at { $url } to { $topics }; { $credential ->
        [env] user { $user }, password = the value of ${ $env }
       *[none] no password
    }{ $rebirth ->
        [yes] ; asks an edge node to publish its births again (NCMD Node Control/Rebirth) when a message was lost
       *[other] {""}
    }
live-config-bad-payload = payload "{ $value }" is not one of { $names }; source ignored
live-config-bad-qos = qos { $value } is not 0, 1 or 2; source ignored
live-config-sparkplug-group = source "{ $source }": a Sparkplug B source needs its group (group = "…", without / + #); source ignored
live-config-bad-point = source "{ $source }": meter "{ $meter }" needs a topic (with a pointer for JSON), or a node and a metric (and a device) for Sparkplug B; entry ignored
live-config-point-payload = source "{ $source }": meter "{ $meter }" is not read as a { $payload } payload is (a number payload: a topic; json: a topic and a pointer; sparkplug-b: a node and a metric), or its topic is not a valid filter; source ignored
live-mqtt-not-text = a message on { $topic } is not text
live-mqtt-not-a-number = { $meter }: the message on { $topic } is not a number ("{ $value }")
live-mqtt-payload = { $topic }: { $error }
live-mqtt-tls-file = { $file }: { $error }
live-config-mqtt-tls-files = source "{ $source }": ca_file, client_cert and client_key go with mqtts:// only, and client_cert with client_key; source ignored
live-config-file-refused = source "{ $source }": the file is refused ({ $reason }); source ignored
live-mqtt-subscribe = could not queue the subscription: { $error }
live-mqtt-refused-subscription = the broker refused the subscription to { $filters }
live-mqtt-connection = broker: { $error }
live-sparkplug-bad-payload = { $topic }: not a Sparkplug B payload ({ $error })
live-sparkplug-not-born = edge node { $node } sent data before its birth; a rebirth is requested
live-sparkplug-seq-gap = edge node { $node }: sequence number { $got } where { $expected } was due (a message was lost); a rebirth is requested
live-sparkplug-unknown-alias = edge node { $node }: metric alias { $alias } was not in its birth; a rebirth is requested
live-sparkplug-died = { $what } went offline (death certificate): its { $meters } meter(s) get no new data
live-sparkplug-no-value = { $meter }: metric "{ $metric }" is null or not a number

## Modbus TCP sources (crates/live/src/modbus.rs).
live-sends-modbus = read { $registers } register value(s) from { $url } in { $requests } request(s) every { $interval_s } s
live-config-bad-choice = source "{ $source }": { $field } = "{ $value }" is not one of { $allowed }; source ignored
live-config-modbus-bad-register = source "{ $source }": meter "{ $meter }": type must be one of { $types } and table holding or input; source ignored
live-config-modbus-bad-number = source "{ $source }": meter "{ $meter }": the scale must be a number other than 0, the offset a number, and the value's registers within 0–65535; source ignored
live-modbus-not-a-number = { $meter }: register { $address } does not hold a number
# $exception: the Modbus exception's name and code ("IllegalDataAddress (0x02)").
live-modbus-exception = the device answered { $exception } to reading { $table } registers { $first }–{ $last } of unit { $unit } ({ $meters })

## OPC UA sources (crates/live/src/opcua.rs).
live-sends-opcua =
    a session to { $url } (security { $policy }, { $mode }) monitoring { $nodes } variable(s); { $credential ->
        [env] user { $user }, password = the value of ${ $env }
       *[none] anonymous
    }
live-config-opcua-security = source "{ $source }": security policy { $policy } goes with mode { $mode } only if both are None or neither is; source ignored
live-config-opcua-node = source "{ $source }": meter "{ $meter }": "{ $node }" is not a node id in a standard form (ns=2;s=…, i=2258, nsu=<uri>;s=…) or its { $error } is not valid; source ignored
live-opcua-bad-quality = { $meter }: bad quality ({ $status }); not used
live-opcua-not-a-number = { $meter }: the value is not a number ({ $value })
live-opcua-node-refused = { $meter }: the server refused node { $node } ({ $status })
live-opcua-error = OPC UA: { $error }
live-opcua-untrusted = the server's certificate is not trusted: { $subject }, SHA-1 { $thumbprint }, valid until { $until }. Compare the thumbprint with the server's, then trust it in this window.
live-opcua-client-refused = OPC UA: the server refused this client ({ $status }); its administrator must trust the client's certificate { $file }
live-opcua-no-endpoint = OPC UA: the server offers no endpoint with security { $policy }, { $mode }; it offers: { $offered }
live-opcua-unit-mismatch = { $meter }: node { $node } is in { $unit }, which cannot be converted to the meter's { $meter_unit }; not used
live-opcua-no-history = the gap after the lost connection could not be read from the server's history for { $count } meter(s) ({ $meter }: { $status }); their values in the gap are missing
live-opcua-gap-truncated = the gap after the lost connection was longer than { $values } values for { $count } meter(s); the rest is missing
live-opcua-trust-failed = could not trust the certificate: { $error }
live-opcua-thumbprint-differs = the server's certificate has the thumbprint { $thumbprint }, not { $given }: not trusted
live-browse-untrusted = the server's certificate is not trusted: { $subject }, SHA-1 { $grouped }, valid until { $until }. Compare the thumbprint with the one the server's administrator reads on the server; to trust it, run the same command with --trust-server { $thumbprint }
live-browse-header = Written by `plant-twin browse { $url }`: { $variables } variable(s), { $mapped } mapped to meters of { $site } by name.
live-browse-check = Check each line; map the commented ones by hand (docs/live.md, "OPC UA").
live-browse-unmatched = Not matched to a meter:
live-opcua-not-connected = no session with { $url } within 30 s
live-mqtt-rebirth = could not ask edge node { $node } for a rebirth: { $error }
