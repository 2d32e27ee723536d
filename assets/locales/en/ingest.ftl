# Reading recorded meter data (CSV and Parquet files): the steps of a load and the problems found in a file.
# Terms follow docs/glossary.md. Values from the file ($value, $column…) and the words of the readers
# ($error, $reason) arrive as they are.

## The steps of a load, for the progress bar

ingest-step-reading = reading
ingest-step-parsing = parsing
ingest-step-indexing = indexing
ingest-step-other = { $step }

## A site's data files

# $reason: why the path was refused (site-path-…).
ingest-data-path-refused = { $reason }; file left out
# $reason: what the failed code said.
ingest-reader-panicked = reading this file failed unexpectedly ({ $reason }); file left out — please report it
ingest-duplicate-samples = { $count ->
    [one] one sample appears
   *[other] { $count } samples appear
} in more than one data file; the later file's value was kept
ingest-no-column = no data file has a column "{ $column }"; the meter shows no data

## Reading a file

ingest-reader-failed = cannot read the file: the reader failed on it ({ $reason })
ingest-cannot-read = cannot read the file: { $error }
ingest-cannot-open = cannot open: { $error }
ingest-unknown-file-type = unknown data file type ".{ $extension }" (expected .csv or .parquet)
ingest-too-many-cells = the file claims { $rows } rows × { $columns } columns, more than the { $max } values a data file may hold; split it (e.g. by month)
ingest-parquet-too-short = cannot read the file: a Parquet file has at least 12 bytes; this one has { $size }
ingest-parquet-no-magic = cannot read the file: it does not end with the Parquet magic "PAR1" (not a Parquet file, or cut short)
ingest-parquet-footer-too-long = cannot read the file: its footer claims { $length } bytes, more than the file's { $size }
ingest-parquet-metadata-damaged = cannot read the file: its metadata is damaged ({ $error })

## Timestamps

ingest-no-timestamp-column = no timestamp column "{ $column }" (columns: { $columns })
ingest-timestamp-column-type = timestamp column has type { $column_type }, expected text, integer or datetime
ingest-timestamp-column-unreadable = cannot read the timestamp column: { $error }
ingest-timestamp-empty = empty timestamp
# $format: the timestamp_format of site.toml the file is read with.
ingest-timestamp-unreadable = cannot read "{ $value }" as { $format ->
    [naive-local] a local ISO 8601
    [day-first] a day-first (dd/mm/yyyy)
    [month-first] a month-first (mm/dd/yyyy)
    [unix-seconds] a Unix seconds
    [unix-millis] a Unix milliseconds
   *[iso8601] an ISO 8601
} timestamp
ingest-timestamp-skipped = "{ $value }" does not exist in { $time_zone } (clocks skipped it)
ingest-dates-ambiguous = dates could be day-first or month-first; read as day-first (set timestamp_format in site.toml to choose)
ingest-timestamp-format-unknown = cannot tell the timestamp format of "{ $value }" (set timestamp_format in site.toml)
ingest-out-of-order = { $count ->
    [one] one row was out of time order; it was sorted
   *[other] { $count } rows were out of time order; they were sorted
}
ingest-duplicate-timestamps = { $count ->
    [one] one row repeats an earlier timestamp; the later row's values were kept
   *[other] { $count } rows repeat an earlier timestamp; the later row's values were kept
}
ingest-gaps = { $count ->
    [one] one gap in the record, { $minutes } min long
   *[other] { $count } gaps in the record, the longest { $minutes } min
}; meters show "no data" there

## Meter columns

ingest-column-unit-mismatch = column is in "{ $unit }" but meter "{ $meter }" measures { $quantity } in "{ $meter_unit }"; column skipped
ingest-column-type = column has type { $column_type }, expected numbers; column skipped
ingest-not-a-number = "{ $value }" is not a number; cell skipped
ingest-rows-skipped = { $rejected } of { $rows ->
    [one] one row
   *[other] { $rows } rows
} rejected (unreadable timestamp); { $bad_rows ->
    [one] one row
   *[other] { $bad_rows } rows
} had { $bad_cells ->
    [one] one non-numeric cell, which was skipped
   *[other] { $bad_cells } non-numeric cells, which were skipped
}

## plant-twin new: a site package from a model and a data export.
ingest-new-no-data = give the data file with --data
ingest-new-no-time = no column of timestamps found (a date-time column, or one named timestamp, time or date)
ingest-new-not-numbers = column "{ $column }" holds no numbers; it is left out
ingest-new-cannot-write = cannot write: { $error }
ingest-new-exists = a site.toml is already there; choose a new folder
ingest-new-glb-only = the model must be a .glb or a .gltf
ingest-new-model-uri = the model names the file "{ $uri }" outside its own folder (or not as a relative path); it cannot be copied into the package
ingest-step-database = reading from the database

# plant-twin new: the model's orientation and unit, detected (crates/site/src/orientation.rs)
ingest-new-z-up = the model looks like a Z-up export ({ $share } % of its surface faces Z, the floors and roofs): wrote up_axis = "z" to [site]; remove it if the model then lies on its side
ingest-new-mm = the model looks like it is in millimetres (it spans { $extent } units): wrote scale = 0.001 to [site]; remove it if the model is in metres
ingest-new-z-up-mm = the model looks like a Z-up export in millimetres ({ $share } % of its surface faces Z; it spans { $extent } units): wrote up_axis = "z" and scale = 0.001 to [site]; check that it stands upright at its size
