"""The generators of one run, made on first use and stopped together."""

from __future__ import annotations

import threading

from videoagent.generators import Generator, create
from videoagent.generators.registry import generator_class


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

    def version(self, name: str) -> str:
        """What of generator `name`, with its options, goes into a take's key."""
        return generator_class(name).key_version(**self._options.get(name, {}))

    def stop_all(self) -> None:
        with self._lock:
            for generator in self._made.values():
                generator.stop.set()
