"""The generators of one run, made on first use and stopped together."""

from __future__ import annotations

import threading

from videoagent.generators import Generator, create


class GeneratorPool:
    """The generators of one run, made on first use (a backend whose shots are all cached
    needs no key), each with its own options; `stop_all` cancels their jobs."""

    def __init__(self, options: dict[str, dict]) -> None:
        self._options = options
        self._made: dict[str, Generator] = {}
        self._lock = threading.Lock()

    def __call__(self, name: str) -> Generator:
        with self._lock:
            if name not in self._made:
                self._made[name] = create(name, **self._options.get(name, {}))
            return self._made[name]

    def stop_all(self) -> None:
        with self._lock:
            for generator in self._made.values():
                generator.stop.set()
