"""Whether a request names this machine: the servers without a login answer only to
loopback Host names, so a page that rebinds its own name to 127.0.0.1 is refused."""

from __future__ import annotations

LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1"}


def host_name(host_header: str) -> str:
    """The name part of a Host header: 'example.com:80' → 'example.com', '[::1]:8700' → '::1'."""
    if host_header.startswith("["):
        return host_header[1:].partition("]")[0]
    return host_header.rpartition(":")[0] if host_header.count(":") == 1 else host_header


def is_loopback(host_header: str) -> bool:
    """Whether a Host header (or an Origin's host and port) names this machine."""
    return host_name(host_header).lower() in LOOPBACK_HOSTS
