"""Exact-time, immutable description of an edit (`model`, `time`), its edits (`edits`) and
its exporters (`otio_io`, `subtitles`)."""
