"""Trust under faults, in three tables.

1. Money: full make/resume runs against the six fake providers (tests/fake_providers.py,
   each speaking its provider's wire format) behind a fault proxy (tests/fault_proxy.py),
   and `videoagent make` killed with SIGKILL while its provider jobs run. For every fault
   kind × provider: handled (the video was finished, the fault either absorbed or left "in
   doubt" until the user's word, and the manifest's cost is the provider's bill to the
   cent), double submissions (jobs the provider made beyond one per take and the resends
   the user asked for), money lost (what the provider billed that the manifest does not
   count, plus the price of jobs it made that nobody will ever collect).
   Timeouts are scaled down (0.6 s instead of 30 s); the code paths are the same.
2. Edits: `videoagent edit` SIGKILLed at each moment of each edit kind (failpoints, see
   src/videoagent/failpoints.py), then `resume`: whether the files and history agree, and
   whether the edit ended applied or not applied.
3. Bad input: the corpus of tests/bad_input_corpus.py through the CLI and the HTTP API:
   cases, clean refusals (the right code, one line, nothing changed), tracebacks.

    python benchmarks/fault_injection.py [--tables money edits inputs]
                                         [--providers xai veo ...] [--kills 5]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from machine import cpu_description  # noqa: E402

from bad_input_corpus import CLI_CASES, HTTP_CASES, prepare, run_cli, run_http  # noqa: E402
from conftest import QUIET, SMALL_REQUEST  # noqa: E402
from fake_providers import FAKES, KEY, Scenario  # noqa: E402
from fault_proxy import Fault, FaultProxy  # noqa: E402
from test_edit_faults import EDITS, MOMENTS, agreement  # noqa: E402
from videoagent import Agent, AgentSettings, Request  # noqa: E402
from videoagent.errors import JobInDoubt  # noqa: E402
from videoagent.generators import capabilities  # noqa: E402
from videoagent.store.journal import Journal  # noqa: E402

REQUEST = "a 4 second video of a dog walking in the park"
OPTIONS = {"first_poll": 0.01, "backoff": 0.02, "timeout": 0.6}
FAULTS = {
    "reset before the provider acts (POST)": Fault("reset-before", "POST"),
    "reset after the provider acted (POST)": Fault("reset-after", "POST"),
    "submission answered after the timeout": Fault("slow", "POST", seconds=1.5),
    "first status read: 200, not JSON": Fault("not-json", "GET"),
    "status read reset after it was served": Fault("reset-after", "GET", nth=2),
}


def _environment(provider: str, url: str) -> dict[str, str]:
    setup = capabilities(provider).setup
    return {setup["key_env"]: KEY, setup["url_env"]: url}


def one_fault(provider: str, fault: Fault, folder: Path) -> tuple[bool, int, float]:
    """(handled, double submissions, money lost) of one make (+ resumes) under `fault`."""
    caps = capabilities(provider)
    fake = FAKES[provider](folder, price=caps.price_per_second)
    proxy = FaultProxy(fake.url, [Fault(fault.kind, fault.method, fault.nth, fault.seconds)])
    saved = dict(os.environ)
    os.environ.update(_environment(provider, proxy.url))
    settings = dict(backend=provider, generator_options={provider: OPTIONS}, shared_cache=None)
    out, authorised, result = folder / "film", 0, None
    try:
        try:
            result = Agent(AgentSettings(**settings)).make(
                Request.build(REQUEST, size="320x180"), out
            )
        except JobInDoubt:
            time.sleep(fault.seconds)  # a late answer lands at the provider meanwhile
            try:
                Agent(AgentSettings(**settings)).resume(out)  # without the user's word
            except JobInDoubt:
                pass
            authorised = 1  # the user says: send it again
            result = Agent(AgentSettings(**settings, resubmit_in_doubt=True)).resume(out)
        shots = sum(1 for s in result.manifest["shots"] if s.get("takes"))
        made_by_fault = 0 if fault.kind == "reset-before" and fault.method == "POST" else 1
        allowed = shots + (authorised * made_by_fault)
        doubles = max(0, len(fake.ledger.submissions) - allowed)
        counted = result.manifest["cost"]["provider_jobs"]["charged"]
        billed = fake.ledger.charged
        # Jobs made but never finished at the fake would be billed by a real provider.
        orphans = [job for job in fake.jobs.values() if job.state in ("queued", "running")]
        at_risk = result.manifest["cost"]["provider_jobs"]["at_risk"]
        lost = max(0.0, billed - counted) + max(
            0.0, sum(caps.price(job.seconds) for job in orphans) - at_risk
        )
        exact = abs(billed - counted) < 0.005  # the manifest's cost is the bill, to the cent
        return result.verified and exact, doubles, round(lost, 2)
    except Exception as exc:  # noqa: BLE001 - a benchmark reports, it does not stop
        print(f"  {provider}: {type(exc).__name__}: {exc}"[:200], file=sys.stderr)
        return False, 0, 0.0
    finally:
        os.environ.clear()
        os.environ.update(saved)  # the keys set for this provider go with it
        proxy.close()
        fake.close()


def one_kill(provider: str, polls: int, folder: Path) -> tuple[bool, int, float]:
    """`videoagent make` SIGKILLed after its first job was polled `polls` times (0: as soon
    as it exists), then `videoagent resume`."""
    caps = capabilities(provider)
    fake = FAKES[provider](folder, price=caps.price_per_second, scenario=Scenario(10**6))
    # A cache of its own: a take another run left in the shared cache would never be sent.
    env = {**os.environ, **_environment(provider, fake.url), "VIDEOAGENT_CACHE": str(folder / "c")}
    out = folder / "film"
    command = [sys.executable, "-m", "videoagent"]
    try:
        log = (folder / "make.log").open("w")
        process = subprocess.Popen(
            [*command, "make", REQUEST, "--out", str(out), "--backend", provider]
            + ["--size", "320x180"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=log,
        )
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and process.poll() is None:
            jobs = list(fake.jobs.values())
            if jobs and jobs[0].polls >= polls:
                break
            time.sleep(0.02)
        if process.poll() is not None:  # it ended by itself: nothing was killed
            log.close()
            ended = (folder / "make.log").read_text().strip()[-200:]
            print(f"  {provider} kill@{polls}: make ended first: {ended}", file=sys.stderr)
            return False, 0, 0.0
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
        fake.scenario.polls_before_done = 0
        done = subprocess.run(
            [*command, "resume", str(out)], env=env, capture_output=True, text=True, timeout=600
        )
        authorised = 0
        if done.returncode != 0 and "in doubt" in done.stderr:
            # Killed while sending: the job may exist, so only the user's word sends it again.
            authorised = 1
            done = subprocess.run(
                [*command, "resume", str(out), "--resubmit-in-doubt"],
                env=env,
                capture_output=True,
                text=True,
                timeout=600,
            )
        if done.returncode != 0:
            print(f"  {provider} kill@{polls}: {done.stderr.strip()[-200:]}", file=sys.stderr)
            return False, 0, 0.0
        manifest = json.loads((out / "renders" / "manifest.json").read_text())
        shots = sum(1 for s in manifest["shots"] if s.get("takes"))
        doubles = max(0, len(fake.ledger.submissions) - shots - authorised)
        counted = manifest["cost"]["provider_jobs"]["charged"]
        lost = max(0.0, fake.ledger.charged - counted)
        exact = abs(fake.ledger.charged - counted) < 0.005
        return bool(manifest["video"]["verified"]) and exact, doubles, round(lost, 2)
    finally:
        fake.close()


def money(providers: list[str], kills: int) -> None:
    """Each fault kind × provider, then kill -9 at `kills` moments per provider; rows are
    printed as they finish."""
    cases = [(name, fault, p) for name, fault in FAULTS.items() for p in providers]
    cases += [(f"kill -9 after {n} status read(s)", n, p) for p in providers for n in range(kills)]
    print(f"{'fault':42} {'provider':10} {'handled':>8} {'double':>7} {'lost $':>7}", flush=True)
    rows = []
    for name, fault, provider in cases:
        with tempfile.TemporaryDirectory() as folder:
            if isinstance(fault, Fault):
                handled, doubles, lost = one_fault(provider, fault, Path(folder))
            else:
                handled, doubles, lost = one_kill(provider, fault, Path(folder))
        rows.append((handled, doubles, lost))
        print(
            f"{name:42} {provider:10} {'yes' if handled else 'NO':>8} {doubles:>7} {lost:>7.2f}",
            flush=True,
        )
    print(
        f"\n{sum(r[0] for r in rows)}/{len(rows)} handled; "
        f"{sum(r[1] for r in rows)} double submissions; ${sum(r[2] for r in rows):.2f} lost\n"
    )


def edits() -> None:
    """Each edit kind killed at each moment, then resumed."""
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder) / "film"
        Agent(QUIET).make(Request.build(SMALL_REQUEST, duration=6, size="192x108"), base)
        before = json.loads((base / "storyboard.json").read_text())
        print(f"{'edit':9} {'killed at':22} {'agree':>6} {'ended':>12}")
        rows = []
        for kind, text in EDITS.items():
            for moment in MOMENTS:
                project = Path(folder) / f"{kind}-{moment.replace(':', '-')}"
                shutil.copytree(base, project)
                env = {**os.environ, "VIDEOAGENT_KILL_AT": moment}
                command = [sys.executable, "-m", "videoagent", "edit", str(project), text]
                killed = subprocess.run(command, env=env, capture_output=True, timeout=300)
                try:
                    Agent(QUIET).resume(project)
                    problems = agreement(project, kind, before)
                except Exception as exc:  # noqa: BLE001 - a benchmark reports, it does not stop
                    problems = [f"{type(exc).__name__}: {exc}"]
                journal = Journal(project / "journal.sqlite")
                edit = [r for r in journal.runs() if r["command"] == "edit"][-1]
                applied = journal.applied(edit["id"])
                journal.close()
                ended = "applied" if applied else "not applied"
                if killed.returncode != -9:
                    problems.append(f"not killed (exit {killed.returncode})")
                rows.append(not problems)
                print(f"{kind:9} {moment:22} {'yes' if not problems else 'NO':>6} {ended:>12}")
                for problem in problems:
                    print(f"    {problem}")
        print(f"\n{sum(rows)}/{len(rows)} kills: files and history agree after resume\n")


def inputs() -> None:
    """The bad-input corpus through the CLI and the HTTP API."""
    from browser_support import serve_in_thread, stop_serving
    from test_server_hostile import FAST, SMALL, call, wait_done
    from videoagent.server import api

    tallies = {}
    with tempfile.TemporaryDirectory() as folder:
        workdir = Path(folder) / "cli"
        workdir.mkdir()
        film = prepare(workdir)
        outcomes = [(c, run_cli(c, workdir, film)) for c in CLI_CASES]
        tallies["command line"] = [(o.clean(c.exit, c.says), o.traceback) for c, o in outcomes]
        for case, outcome in outcomes:
            if not outcome.clean(case.exit, case.says):
                print(f"  CLI {case.name}: exit {outcome.code}: {outcome.message[:150]}")
        root = Path(folder) / "server"
        instance, thread, base = serve_in_thread(api.create_app(root, settings=FAST))
        try:
            status, made, _ = call(base, "POST", "/api/projects", {"request": "a dog", **SMALL})
            project = made["project"]
            wait_done(base, project)
            answers = [(c, run_http(c, base, root, project)) for c in HTTP_CASES]
        finally:
            stop_serving(instance, thread)
        tallies["HTTP API"] = [(o.clean(c.status, c.says), o.traceback) for c, o in answers]
        for case, outcome in answers:
            if not outcome.clean(case.status, case.says):
                print(f"  HTTP {case.name}: {outcome.code}: {outcome.message[:150]}")
    print(f"{'bad input':14} {'cases':>6} {'clean refusals':>15} {'tracebacks':>11}")
    for name, rows in tallies.items():
        clean = sum(ok for ok, _ in rows)
        tracebacks = sum(tb for _, tb in rows)
        print(f"{name:14} {len(rows):>6} {clean:>15} {tracebacks:>11}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tables", nargs="*", default=["money", "edits", "inputs"])
    parser.add_argument("--providers", nargs="*", default=sorted(FAKES))
    parser.add_argument("--kills", type=int, default=5, help="kill moments per provider")
    args = parser.parse_args()
    print(f"CPU: {cpu_description()}, {os.cpu_count()} cores\n")
    if "money" in args.tables:
        money(args.providers, args.kills)
    if "edits" in args.tables:
        edits()
    if "inputs" in args.tables:
        inputs()


if __name__ == "__main__":
    main()
