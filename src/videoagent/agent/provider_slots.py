"""How many jobs each hosted provider runs for us at once. A provider's key allows only so
many jobs in flight (the catalog's `concurrency`; 0: no limit), whatever runs them: every
shot of every run in this process holds a slot while its job is out. Across machines the
Ray executor keeps the same count in one actor (agent/ray_executor.py)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from typing import Protocol

from videoagent.generators import capabilities


def limit_of(backend: str) -> int:
    """The jobs `backend` may run at once for one key (0: no limit)."""
    caps = capabilities(backend)
    return caps.concurrency if caps.kind == "hosted" else 0


class ProviderSlots(Protocol):
    def hold(self, backend: str) -> AbstractContextManager[None]:
        """A slot of `backend` held while the block runs."""
        ...


class LocalSlots:
    """Slots of this process: one semaphore per limited provider."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._semaphores: dict[str, threading.BoundedSemaphore] = {}

    @contextmanager
    def hold(self, backend: str) -> Iterator[None]:
        """A slot of `backend` for as long as the block runs (a provider without a limit,
        or not hosted, needs none: no wait)."""
        limit = limit_of(backend)
        if not limit:
            yield
            return
        with self._lock:
            semaphore = self._semaphores.setdefault(backend, threading.BoundedSemaphore(limit))
        with semaphore:
            yield


PROCESS_SLOTS = LocalSlots()  # shared by every run in this process (a batch, the server)
