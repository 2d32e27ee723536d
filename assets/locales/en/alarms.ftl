## Alarms (crates/alarms, `plant-twin alarms`): definitions in a package's alarms.toml, the journal and
## the alarm-system figures of EEMUA 191 / ISA-18.2.
alarms-priority =
    { $priority ->
    [critical] Critical
    [high] High
    [medium] Medium
   *[low] Low
}
alarms-refused = the alarm file is refused: { $reason }
alarms-unreadable = cannot read the alarm file: { $error }
alarms-too-large = the alarm file is larger than { $megabytes } MB
alarms-invalid = not a valid alarm file: { $error }
alarms-version = alarm file version { $version } is not supported (this build reads version { $supported })
alarms-duplicate-id = alarm "{ $alarm }" is defined twice; the second is left out
alarms-unknown-meter = alarm "{ $alarm }" names no meter "{ $meter }" of this site; it is left out
alarms-bad-expression = alarm "{ $alarm }": { $error }; it is left out
alarms-mixed-quantities = alarm "{ $alarm }": the meters of an expression must measure one quantity in one unit; it is left out
alarms-out-of-range = alarm "{ $alarm }": { $field } = { $value } is outside { $min } … { $max }; it is left out
alarms-reference = alarm "{ $alarm }": a deviation alarm compares with a reference meter or with a model's expected value (one of the two), and only a deviation alarm does; it is left out
alarms-expected-no-unit = alarm "{ $alarm }": the site has no what-if unit of the model "{ $whatif }" ([[whatif]] process in site.toml); it is left out
alarms-expected-no-output = alarm "{ $alarm }": the model "{ $whatif }" has no output "{ $output }" (fuel, electricity, process_co2, co2, or an output listed by `plant-twin eval { $whatif }`); it is left out
alarms-expected-units = alarm "{ $alarm }": the model's "{ $output }" is in { $unit }, the meter { $meter } in { $meter_unit }: they cannot be compared; it is left out
alarms-log-unreadable = cannot read the operator log: { $error }
alarms-log-too-large = the operator log is larger than { $megabytes } MB; it is not read
alarms-log-bad-line = not an operator action, skipped: { $error }
alarms-unknown-format = unknown format "{ $format }" (json, csv or md)
alarms-col-alarm = Alarm
alarms-col-priority = Priority
alarms-col-meter = Meter
alarms-col-start = Activated
alarms-col-end = Returned to normal
alarms-col-duration = Duration (s)
alarms-col-acknowledged = Acknowledged
alarms-col-excess = Worst excess over the limit
alarms-col-message = Message
alarms-still-active = still active
alarms-md-title = # Alarm journal — { $site }, { $from } to { $to }
alarms-md-figures = Alarm-system figures (EEMUA 191; ISA-18.2-2016 §16.4, IEC 62682), per operator ({ $operators } console(s)):
alarms-md-figure = Figure
alarms-md-value = Value
alarms-md-target = Target
alarms-md-bad-actors = The ten most frequent alarms
alarms-md-events = Activations
alarms-fig-annunciated = Alarms activated
alarms-fig-per-10-min = Alarms per 10 minutes
alarms-fig-per-hour = Alarms per hour
alarms-fig-per-day = Alarms per day
alarms-fig-peak-10-min = Most alarms in 10 minutes
alarms-fig-flood = 10-minute periods in flood (more than 10 alarms)
alarms-fig-standing = Standing at the end / of them stale (over 24 h)
alarms-fig-top-ten = Share of the ten most frequent alarms
alarms-fig-chattering = Chattering alarms (3 or more in 1 minute)
alarms-fig-fleeting = Fleeting alarms (back to normal within 10 s)
alarms-fig-priorities = By priority
alarms-target-per-10-min = about 1 acceptable, 2 at most
alarms-target-per-hour = about 6 acceptable, 12 at most
alarms-target-per-day = about 144 acceptable, 288 at most
alarms-target-peak-10-min = 10 or fewer
alarms-target-flood = under about 1 %
alarms-target-stale = fewer than 5 stale
alarms-target-top-ten = about 1-5 %
alarms-target-zero = none
alarms-target-priorities = about 80 % low, 15 % medium, 5 % high, under 1 % critical

## The viewer's alarm list (plugins/alarms).
alarms-view-button = ⚠ Alarms { $count } ({ $unacknowledged } unacknowledged)
alarms-view-title = Alarms
alarms-view-paged = Paged database: alarms are evaluated over the hours held around the cursor, not the whole record. For the whole record's journal: plant-twin alarms { $site } --connect
alarms-view-unacknowledged = { $count } unacknowledged
alarms-view-filter = Filter: alarm, message or equipment
alarms-view-show-all = Show alarms in normal too
alarms-view-by-time = Newest first (else by priority)
alarms-view-note = Note or reason:
alarms-view-note-hint = kept with an acknowledgement or a shelving
alarms-view-ack-all = Acknowledge all
alarms-view-export = Export journal
alarms-view-export-hint = The alarm journal of the 24 hours before the cursor, with your acknowledgements, as CSV (for Excel) and Markdown
alarms-view-no-folder = no settings folder to write to (set PLANT_TWIN_CONFIG_DIR)
alarms-view-none = No alarm at this time.
alarms-view-equipment = Equipment
alarms-view-state = State
alarms-view-actions = Actions
alarms-view-ack = Acknowledge
alarms-view-shelve = Shelve
alarms-view-shelve-for = for { $hours } h
alarms-view-unshelve = Unshelve
alarms-view-out-of-service = Take out of service (maintenance)
alarms-view-return-to-service = Return to service
alarms-state =
    { $state ->
    [unacknowledged] Active, unacknowledged
    [acknowledged] Active, acknowledged
    [returned_unacknowledged] Back to normal, unacknowledged
    [shelved] Shelved
    [out_of_service] Out of service
   *[normal] Normal
}
inspector-alarms = Alarms
alarms-view-log-failed = the operator log could not be kept: { $error }
alarms-no-limit = alarm "{ $alarm }": it has no limit (every kind but "anomaly" needs one); it is left out
alarms-anomaly-limit = alarm "{ $alarm }": an anomaly alarm has no limit (it is raised by the anomalies listed in "anomalies"); it is left out
alarms-anomaly-expression = alarm "{ $alarm }": an anomaly alarm watches one meter, not an expression; it is left out
alarms-anomaly-kind = alarm "{ $alarm }": "{ $kind }" is not a kind of anomaly (one of: { $kinds }); it is left out
alarms-anomaly-none = alarm "{ $alarm }": "anomalies" lists no kind; leave it out for the meter's own faults (no-data, stuck, flat-line, spike, drift); it is left out
alarms-anomalies-not-anomaly = alarm "{ $alarm }": "anomalies" belongs to an alarm of kind "anomaly"; it is left out
