# Live sources: the consent window, the status window and its button. Terms follow docs/glossary.md.

live-title = Live sources
live-button = Live { $connected }/{ $total }
live-button-hint = Show or hide the state of each live source
live-state-connecting = connecting
live-state-connected = connected
live-state-backing-off = error, backing off (retry in { $secs } s)
live-never = never
live-column-source = Source
live-column-state = State
live-column-last-good = Last good poll
live-column-samples = Samples
live-column-last-error = Last error
live-samples-refused = { $samples } ({ $refused } refused: time out of range)
live-refused =
    { $count ->
    [one] one late or invalid sample refused
   *[other] { $count } late or invalid samples refused
}
live-queue = Channel: { $queued ->
    [one] one report waiting
   *[other] { $queued } reports waiting
}, last delivered after { $latency_ms } ms
live-recording = Recorder: recording to { $folder } ({ $files ->
    [one] one file
   *[other] { $files } files
} written)
live-recorder-error = Recorder: { $error }
live-cannot-start = The live sources could not be started: { $error }

## Consent: nothing is sent before the user agrees

live-offer-button = Live sources…
live-offer-hint = This site package names live sources; nothing has been sent. Click to review them.
live-consent-title = Connect to this site's live sources?
live-consent-intro = { $file } names these sources. Nothing is sent until you connect.
live-sends = What is sent: { $what }
live-consent-recorder = The recorder will write Parquet files to { $folder }.
live-connect = Connect
live-not-now = Not now
live-consent-footnote = Not now keeps the recording playing; nothing is sent. Credentials are read only from PLANT_TWIN_* environment variables.
live-cert-title = Server certificate of { $source }: not trusted
live-cert-subject = Subject
live-cert-application = Application URI
live-cert-thumbprint = SHA-1 thumbprint
live-cert-valid = Valid
live-cert-valid-range = { $from } to { $until }
live-cert-advice = Trust it only if the thumbprint is the one the server's administrator reads on the server itself: a certificate that differs may be someone else's.
live-cert-trust = Trust this certificate
live-cert-trusted = Trusted ({ $file }); the source connects at its next try.
live-samples-from-history = { $count } of them read from the server's history to fill a gap after a lost connection
