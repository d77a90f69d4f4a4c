"""Colour grades the render can give a clip: a look asked for ("in black and white"), made
by FFmpeg's filters the same every time, whichever backend drew the clip (synthworld cannot
be told a look; a model told one may not keep it).

A grade changes colour, brightness and grain, never what is where; it is applied after the
clip is fitted to the frame, so a graded clip is always encoded, never stream-copied.
"""

from __future__ import annotations

from videoagent.errors import UsageError

# Sepia by the usual weights: each channel a mix of the three.
_SEPIA = "colorchannelmixer=.393:.769:.189:0:.349:.686:.168:0:.272:.534:.131"
# Half of it, with some colour left: faded, warm and grainy. (No vignette: a grade keeps each
# part of the picture as light as the rest, so the render still shows its take.)
_FADED = "colorchannelmixer=.70:.38:.10:0:.17:.84:.08:0:.14:.27:.56"

GRADES = {
    "black and white": "hue=s=0",
    "film noir": "hue=s=0,eq=contrast=1.3:brightness=-0.04",
    "sepia": f"{_SEPIA},noise=alls=6:allf=t",
    "vintage": f"{_FADED},eq=saturation=0.75,noise=alls=10:allf=t",
}


def grade_filter(name: str) -> str:
    """The FFmpeg filters of the grade `name`."""
    if name not in GRADES:
        raise UsageError(f"no colour grade {name!r}; grades: {', '.join(GRADES)}")
    return GRADES[name]
