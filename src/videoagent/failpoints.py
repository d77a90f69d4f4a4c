"""Named moments at which a fault-injection test kills this process, as kill -9 would.

`VIDEOAGENT_KILL_AT=edit:committed` makes the process SIGKILL itself when the edit it runs
reaches that moment: no `finally`, no flush, exactly a crash. Unset (always, outside tests),
a failpoint is one dictionary lookup. The moments are named where they are reached.
"""

from __future__ import annotations

import os
import signal


def reached(moment: str) -> None:
    if os.environ.get("VIDEOAGENT_KILL_AT") == moment:
        os.kill(os.getpid(), signal.SIGKILL)
