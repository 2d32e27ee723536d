# The timeline: transport buttons, speed, the time bar and live mode. Terms follow docs/glossary.md.

timeline-play = ▶ Play
timeline-pause = ⏸ Pause
timeline-to-start-hint = Jump to the start of the record
timeline-to-end-hint = Jump to the end of the record
timeline-speed = Speed
timeline-speed-hint = Site seconds per real second
timeline-no-data = No data loaded
timeline-scrub-hint = Click or drag to move the cursor in time · Space: play/pause
timeline-live = Live
timeline-live-on = LIVE
timeline-live-hint = Follow the live sources: the cursor is now. Scrub or play to leave live mode; the live history stays.
