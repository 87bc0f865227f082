"""`promptguard serve --workers 2`: a real parent process and its forked workers.

The parent loads the models once, opens the port and forks; the workers share the port.
What a user relies on: every worker gives the right decision, each check is in the audit
trail exactly once, a crashed worker is replaced, stopping the service stops everything and
removes the port file that `promptguard check` looks for, and a killed parent leaves no
worker holding the port.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner
from live_server import free_port

from promptguard.cli import cli
from promptguard.gate import AuditLog
from promptguard.service.client import PORT_FILE

PHONE = "+1 415 555 0143"
CLEAN = "A moody rooftop at dusk, rain, neon signs, wide lens."
CONFIG = "[tools.midjourney]\nenterprise = false\n\n[tools.studio-llm]\nenterprise = true\n"

#: Workers need fork (POSIX); these tests find them through /proc (Linux).
linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")


@dataclass
class Served:
    process: subprocess.Popen
    url: str
    state_dir: Path


def children(pid: int) -> set[int]:
    """Live child processes of `pid` (from /proc), zombies excluded."""
    found = set()
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid and fields[0] != "Z":
            found.add(int(entry))
    return found


def wait_for(condition, timeout: float, what: str):  # noqa: ANN001, ANN201
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


def start(project: Path, *options: str) -> tuple[subprocess.Popen, dict]:
    """`promptguard serve --workers 2` (or `options`) in `project`; returns once the port
    file is written (by the parent, when every worker serves)."""
    (project / "promptguard.toml").write_text(CONFIG, encoding="utf-8")
    env = {**os.environ, "PROMPTGUARD_SERVICE": "off"}
    env.pop("PROMPTGUARD_CONFIG", None)
    port = free_port()
    process = subprocess.Popen(
        [
            *(sys.executable, "-m", "promptguard", "serve", "--port", str(port)),
            *(options or ("--workers", "2")),
        ],
        cwd=project,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    port_file = project / ".promptguard" / PORT_FILE

    def advertised() -> dict | None:
        if process.poll() is not None:
            raise AssertionError(f"serve exited: {process.stderr.read().decode()[-500:]}")
        try:
            return json.loads(port_file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None

    try:
        data = wait_for(advertised, 120, "the port file")
    except BaseException:
        process.kill()
        process.wait(timeout=30)
        raise
    assert data == {"url": f"http://127.0.0.1:{port}", "pid": process.pid}
    return process, data


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    project = tmp_path_factory.mktemp("workers")
    process, data = start(project)
    try:
        assert len(children(process.pid)) == 2
        yield Served(process, data["url"], project / ".promptguard")
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=30)


def check_on_one_connection(url: str, bodies: list[dict]) -> tuple[int, list[httpx.Response]]:
    """The worker pid behind one keep-alive connection, and its answers to `bodies`."""
    with httpx.Client(base_url=url, timeout=30) as client:
        pid = client.get("/healthz").json()["pid"]
        replies = [client.post("/v1/check", json=body) for body in bodies]
        assert client.get("/healthz").json()["pid"] == pid  # still the same connection
    return pid, replies


@linux_only
def test_both_workers_answer_and_decide_correctly(served: Served) -> None:
    clean = {"prompt": CLEAN, "tool": "midjourney", "purpose": "moodboard"}
    phone = {"prompt": f"Call the gaffer on {PHONE}", "tool": "midjourney"}
    enterprise = {"prompt": f"Call the gaffer on {PHONE}", "tool": "studio-llm", "purpose": "temp"}
    bodies = [clean, phone, enterprise]
    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(lambda _: check_on_one_connection(served.url, bodies), range(8)))

    pids = {pid for pid, _ in results}
    assert pids == children(served.process.pid), "every connection is served by a worker"
    assert len(pids) == 2, "connections are shared out between both workers"
    for _, (allowed, blocked, clearance) in results:
        assert allowed.status_code == 200 and allowed.headers["x-promptguard-decision"] == "allow"
        assert blocked.headers["x-promptguard-decision"] == "block"
        assert [f["type"] for f in blocked.json()["findings"]] == ["PHONE_NUMBER"]
        assert PHONE not in blocked.text
        assert clearance.json()["decision"] == "clearance" and clearance.json()["request_id"]


@linux_only
def test_every_decision_is_in_the_audit_trail_exactly_once(served: Served) -> None:
    users = [f"auditor-{i}" for i in range(40)]

    def send(user: str) -> str:
        body = {"prompt": f"{CLEAN} Take {user}.", "tool": "midjourney", "user": user}
        reply = httpx.post(f"{served.url}/v1/check", json=body, timeout=30)
        assert reply.status_code == 200 and not reply.json()["warnings"]
        return reply.json()["decision"]

    with ThreadPoolExecutor(8) as pool:
        assert set(pool.map(send, users)) == {"allow"}
    log = AuditLog(served.state_dir)
    recorded = [r for r in log.records() if r.user.startswith("auditor-")]
    assert sorted(r.user for r in recorded) == sorted(users)
    hashes = {r.user: r.prompt_hash for r in recorded}
    assert hashes["auditor-7"] == log.prompt_hash(f"{CLEAN} Take auditor-7.")


@linux_only
def test_a_killed_worker_is_replaced(served: Served) -> None:
    before = children(served.process.pid)
    victim = min(before)
    os.kill(victim, signal.SIGKILL)

    def replaced() -> set[int] | None:
        now = children(served.process.pid)
        return now if len(now) == 2 and victim not in now else None

    after = wait_for(replaced, 30, "a replacement worker")
    replacement = (after - before).pop()
    seen: set[int] = set()

    def replacement_answered() -> bool:
        seen.add(check_on_one_connection(served.url, [])[0])
        return replacement in seen

    wait_for(replacement_answered, 30, "the replacement to serve")
    reply = httpx.post(f"{served.url}/v1/check", json={"prompt": f"ring {PHONE}", "tool": "sora"})
    assert reply.headers["x-promptguard-decision"] == "block"
    port_file = json.loads((served.state_dir / PORT_FILE).read_text(encoding="utf-8"))
    assert port_file["pid"] == served.process.pid  # not rewritten by the new worker


@linux_only
def test_sigterm_stops_every_worker_and_removes_the_port_file(served: Served) -> None:
    workers = children(served.process.pid)
    assert len(workers) == 2
    served.process.send_signal(signal.SIGTERM)
    assert served.process.wait(timeout=30) == 0
    assert not (served.state_dir / PORT_FILE).exists()
    for pid in workers:
        assert not Path(f"/proc/{pid}").exists(), f"worker {pid} outlived the parent"
    stderr = served.process.stderr.read().decode()
    assert "worker" in stderr and "starting another" in stderr  # the replacement, told once
    assert "Traceback" not in stderr
    with pytest.raises(httpx.TransportError):
        httpx.get(f"{served.url}/healthz", timeout=2)


@linux_only  # and the parent-death signal is Linux's
def test_workers_do_not_outlive_a_killed_parent(tmp_path: Path) -> None:
    process, data = start(tmp_path)
    workers = children(process.pid)
    process.kill()  # no chance to stop them itself
    process.wait(timeout=30)
    wait_for(lambda: not any(Path(f"/proc/{pid}").exists() for pid in workers), 30, "exit")
    with pytest.raises(httpx.TransportError):  # nobody holds the port any more
        httpx.get(f"{data['url']}/healthz", timeout=2)


@linux_only
def test_recycled_workers_fail_no_request(tmp_path: Path) -> None:
    """`--max-requests`: workers are replaced by fresh forks as they reach their limit, and
    no client notices: neither one opening a connection per check nor one keeping its
    connection alive across a worker leaving (its last answer says `Connection: close`)."""
    process, data = start(tmp_path, "--workers", "1", "--max-requests", "12")
    url, parent = data["url"], process.pid
    try:
        first_worker = children(parent)
        assert len(first_worker) == 1

        def fresh_connections(client: int) -> list[str]:
            return [
                httpx.post(
                    f"{url}/v1/check",
                    json={"prompt": f"Call {PHONE}", "tool": "midjourney", "user": f"f{client}"},
                    timeout=30,
                ).headers["x-promptguard-decision"]
                for _ in range(15)
            ]

        def kept_connection(client: int) -> tuple[list[str], set[int], int]:
            decisions, pids, last_answers = [], set(), 0
            with httpx.Client(base_url=url, timeout=30) as session:
                for turn in range(15):
                    body = {"prompt": f"{CLEAN} Take {turn}.", "tool": "midjourney"}
                    reply = session.post("/v1/check", json={**body, "user": f"k{client}"})
                    decisions.append(reply.headers["x-promptguard-decision"])
                    last_answers += reply.headers.get("connection") == "close"
                    pids.add(session.get("/healthz").json()["pid"])
            return decisions, pids, last_answers

        with ThreadPoolExecutor(8) as pool:  # both kinds of client at the same time
            fresh_runs = [pool.submit(fresh_connections, client) for client in range(4)]
            kept_runs = [pool.submit(kept_connection, client) for client in range(4)]
            fresh = [run.result() for run in fresh_runs]
            kept = [run.result() for run in kept_runs]

        assert all(decisions == ["block"] * 15 for decisions in fresh)
        assert all(decisions == ["allow"] * 15 for decisions, _, _ in kept)
        workers_seen = set().union(*(pids for _, pids, _ in kept))
        assert len(workers_seen) >= 2, "180 requests, a limit of 12 to 13: workers were replaced"
        assert parent not in workers_seen
        assert sum(closes for _, _, closes in kept) >= 1, "a leaving worker's last answer"
        log = AuditLog(tmp_path / ".promptguard")
        users = [r.user for r in log.records()]
        assert sorted(users) == sorted(f"f{c}" for c in range(4) for _ in range(15)) + sorted(
            f"k{c}" for c in range(4) for _ in range(15)
        )
        wait_for(lambda: len(children(parent)) == 1, 30, "one worker again")
        assert children(parent) != first_worker
        assert json.loads((tmp_path / ".promptguard" / PORT_FILE).read_text())["pid"] == parent
    finally:
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=30) == 0
    stderr = process.stderr.read().decode()
    assert "died" not in stderr and "starting another" not in stderr and "Traceback" not in stderr


@pytest.mark.parametrize("value", ["0", "two", "65"])
def test_bad_worker_counts_are_usage_errors(value: str, tmp_path: Path) -> None:
    (tmp_path / "promptguard.toml").write_text(CONFIG, encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["--config", str(tmp_path / "promptguard.toml"), "serve", "--workers", value]
    )
    assert result.exit_code == 2
    assert result.stderr.strip().startswith("promptguard: --workers")
    assert len(result.stderr.strip().splitlines()) == 1


def test_a_negative_request_limit_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "promptguard.toml").write_text(CONFIG, encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["--config", str(tmp_path / "promptguard.toml"), "serve", "--max-requests", "-1"]
    )
    assert result.exit_code == 2
    assert "--max-requests" in result.stderr and "Traceback" not in result.stderr
