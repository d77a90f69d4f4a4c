"""Whether a render carries the watermark it was given: read back from its pixels as anyone
would read it (`media/watermark_reader.py`), with the payload it should say."""

from __future__ import annotations

from pathlib import Path

from videoagent.evaluate.check import Check
from videoagent.media.watermark import Payload
from videoagent.media.watermark_reader import FOUND_SCORE, read_watermark


def watermark_carried(video: Path, payload: Payload) -> Check:
    """Passes when `video`'s pixels read as marked with `payload`."""
    reading = read_watermark(video)
    right = reading.found and reading.payload.checksum_ok and reading.payload.same_as(payload)
    if right:
        detail = f"reads back: project {payload.hex}, score {reading.score:.1f}"
    elif reading.found:
        detail = f"reads back another payload ({reading.payload.hex}, not {payload.hex})"
    else:
        detail = f"does not read back (score {reading.score:.1f} < {FOUND_SCORE:.0f})"
    return Check(
        "watermark",
        right,
        detail,
        value=round(reading.score, 1),
        expected=f">= {FOUND_SCORE:.0f}, project {payload.hex}",
    )
