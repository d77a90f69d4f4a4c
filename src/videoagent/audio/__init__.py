"""Sound: narration, music, effects, the mix and its measurement. Everything is made at
48 kHz as float32 arrays of shape [samples, 2] (or [samples] for mono material)."""

RATE = 48_000
