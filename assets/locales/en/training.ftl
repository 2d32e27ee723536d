## Training scenarios (crates/training, plugins/training, `plant-twin train`): a package's training/*.toml,
## malfunctions over the recording, instructions, questions, checkpoints, the trainee's log and score.
training-unreadable = cannot read the training scenario: { $error }
training-too-large = the training scenario is larger than { $megabytes } MB
training-invalid = not a valid training scenario: { $error }
training-version = training scenario version { $version } is not supported (this build reads version { $supported })
training-bad-time = { $field } = "{ $value }" is not a time: write "+20m" (after the start) or "2026-11-10 14:20" (the site's time zone)
training-bad-duration = { $field } = "{ $value }" is not a duration: write it as "1h30m", "20m" or "45s"
training-unknown-meter = "{ $meter }" is no meter of this site; the item is left out
training-unknown-equipment = "{ $equipment }" is no equipment of this site; the item is left out
training-unknown-alarm = "{ $alarm }" is no alarm of this site's alarms.toml; the item is left out
training-unknown-whatif = the site has no what-if unit "{ $whatif }"; the malfunction is left out
training-unknown-setting = the what-if unit "{ $whatif }" has no setting "{ $setting }"; the malfunction is left out
training-unknown-output = the what-if unit "{ $whatif }" has no output { $output }
training-setting-held = { $setting }: { $wanted } { $unit } is outside the model's range; the event goes to { $held } { $unit }
training-out-of-range = { $field } = { $value } is outside { $min } … { $max }; the item is left out
training-when = give either "at" or "when_alarm" (with an optional "after"); the item is left out
training-duplicate-id = "{ $id }" is used twice; the second is left out
training-missing-field = malfunction "{ $id }" needs { $field }; it is left out
training-bad-kind = malfunction "{ $id }": unknown kind "{ $kind }" (stuck, drift, step, spike, noise, dropout, trip, process); it is left out
training-no-meter = malfunction "{ $id }" names no meter; it is left out
training-until-before-at = malfunction "{ $id }" ends before it starts; it is left out
training-choices-zh = question "{ $question }": choices_zh must have as many choices as choices; it is left out
training-bad-answer = question "{ $question }": the answer must be a choice's number (1 to { $count }) or, with no choices, an equipment id; it is left out
training-log-kind =
    { $kind ->
    [started] Started
    [frozen] Frozen
    [resumed] Resumed
    [checkpoint] Jumped to checkpoint
    [injected] Malfunction injected
    [removed] Malfunction removed
    [acknowledged] Alarm acknowledged
    [shelved] Alarm shelved
    [unshelved] Alarm unshelved
    [out_of_service] Alarm out of service
    [returned_to_service] Alarm returned to service
    [answered] Answered
    [selected] Selected
   *[what_if] What-if changed
}
training-event =
    { $kind ->
    [checkpoint] Checkpoint
    [malfunction_start] Malfunction starts
    [malfunction_end] Malfunction ends
    [alarm_raised] Alarm raised
    [alarm_cleared] Alarm returned to normal
    [instruction] Instruction
   *[question] Question
}
training-run-title = Training scenario “{ $scenario }” — { $site }
training-run-window = From { $from } to { $to }.
training-run-col-time = Time
training-run-col-event = Event
training-run-col-subject = Id
training-run-col-text = Text
training-run-expected = Expected alarms
training-run-expect-ok = { $alarm }: raised at { $at }
training-run-expect-missed = { $alarm }: NOT raised between { $from } and { $to }
training-score-title = Score
training-score-total = { $earned } of { $possible } points ({ $percent } %)
training-score-question = Question { $question }: { $answer } — { $earned } of { $points }
training-score-ack = Alarm { $alarm } raised at { $raised }, acknowledged after { $ack } — { $earned } of { $points }
training-score-not-acknowledged = not acknowledged in time
training-score-no-answer = no answer
training-log-col-action = Action
training-log-col-detail = Detail
training-log-col-correct = Right
training-log-correct =
    { $correct ->
    [true] right
   *[false] wrong
}
training-view-not-found = no such training scenario in the package's training folder, and no such file
training-view-no-session = no training scenario is open
training-view-button = 🎓 Training
training-view-picker-title = Training scenarios
training-view-close = Close the scenario
training-view-trainer-title = Trainer
training-view-phase =
    { $phase ->
    [ready] Ready at the start
    [running] Running
    [frozen] Frozen
   *[ended] Ended
} · { $time } (ends { $end })
training-view-start = ▶ Start
training-view-freeze = ⏸ Freeze
training-view-resume = ▶ Resume
training-view-checkpoints = Checkpoints
training-view-jump = Jump here
training-view-malfunctions = Malfunctions
training-view-scheduled = at { $at }
training-view-active = in effect
training-view-ended = ended at { $at }
training-view-offered = not applied
training-view-remove = Remove now
training-view-inject = Inject now
training-view-export = Export log and score
training-view-no-folder = no settings folder to write to (set PLANT_TWIN_CONFIG_DIR)
training-view-question-title = Question
training-view-answer = Answer
training-view-selected = Selected: { $equipment }
training-view-click-equipment = Click the equipment in the 3D view.
training-view-right = ✔ Right
training-view-wrong = ✘ Wrong
