"""Several worker processes for `promptguard serve --workers N` (POSIX).

One process scans one prompt at a time (spaCy and Presidio are not documented as
thread-safe), so concurrent clients queue behind it. `run_workers` loads and warms the models
once, opens the port, then forks N workers that share the models copy-on-write and accept on
the same socket; the parent only supervises them (signals, restarts, the port file).

With `--max-requests N` a worker leaves after about N requests and a fresh fork of the warm
parent takes its place, as gunicorn's max-requests does: spaCy's vocabulary maps keep a
little of every word a check brought (see docs/PERFORMANCE.md), and a recycled worker gives
it all back without a restart or a cold model load.
"""

from __future__ import annotations

import contextlib
import gc
import os
import random
import select
import signal
import socket
import sys
import time
import traceback
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from promptguard.config.load import Config
from promptguard.service.app import create_app
from promptguard.service.core import CheckService, advertise_port_file, withdraw_port_file
from promptguard.service.worker_server import NOTICE, worker_server_class

if TYPE_CHECKING:
    from starlette.applications import Starlette

#: Seconds a worker gets to finish its requests after SIGTERM before it is killed.
GRACEFUL_SECONDS = 20.0
#: More worker deaths than this within RESTART_WINDOW seconds: something is wrong, give up.
MAX_RESTARTS = 10
RESTART_WINDOW = 60.0
#: A worker's request limit is `--max-requests` plus up to this share more, drawn per worker,
#: so workers that share the load evenly do not all leave at the same moment.
MAX_REQUESTS_JITTER = 0.1
#: Signals the parent handles (stop, or a worker exited); POSIX names, absent on Windows.
_SUPERVISED = tuple(
    getattr(signal, name)
    for name in ("SIGTERM", "SIGINT", "SIGHUP", "SIGCHLD")
    if hasattr(signal, name)
)


def usable_cpus() -> int:
    """CPUs this process may run on (`--workers auto`)."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def listen_socket(host: str, port: int, backlog: int = 2048) -> socket.socket:
    """The listening socket every worker accepts on (bound once, by the parent)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # proto=TCP explicitly: asyncio turns Nagle off (TCP_NODELAY) only on connections whose
    # socket says so; without it, a response's header and body writes wait ~40 ms for an ACK.
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        sock.listen(backlog)
    except BaseException:
        sock.close()
        raise
    return sock


def run_workers(
    config: Config,
    host: str,
    port: int,
    workers: int,
    *,
    token: str | None = None,
    upstream: str | None = None,
    gateway_tool: str | None = None,
    log_level: str = "warning",
    max_requests: int = 0,
) -> int:
    """Serve with `workers` forked processes; returns the exit code once stopped.

    The parent loads and warms the models, binds the port, freezes the garbage collector's
    view of every object it made (`gc.freeze`: a collection in a worker then leaves those
    pages alone, so they stay shared copy-on-write) and forks. It then only supervises:
    SIGTERM/SIGINT/SIGHUP stop the workers gracefully, a worker that dies is replaced, and
    the port file is written once every worker serves (with the parent's pid) and removed on
    exit. With `max_requests` > 0, a worker that has answered about that many requests leaves
    and is replaced (not counted as a death). Raises ValueError for a bad gateway setting or
    count, OSError when the port cannot be bound.
    """
    if workers < 1:
        raise ValueError("--workers must be at least 1")
    if max_requests < 0:
        raise ValueError("--max-requests must be 0 (never) or more")
    server_class = worker_server_class()  # imported before the fork: shared, not re-imported
    service = CheckService(config)
    app = create_app(
        config, token=token, service=service, upstream=upstream, gateway_tool=gateway_tool,
        warm=False,
    )  # fmt: skip
    service.warm()  # before the port opens, as with one process
    sock = listen_socket(host, port)
    bound = sock.getsockname()[1]
    url = f"http://[{host}]:{bound}" if ":" in host else f"http://{host}:{bound}"
    try:
        pool = WorkerPool(app, sock, workers, log_level, server_class, max_requests)
        return pool.run(lambda: advertise_port_file(config, url))
    finally:
        sock.close()


class WorkerPool:
    """The supervising parent of `serve --workers N` (see `run_workers`)."""

    def __init__(
        self,
        app: Starlette,
        sock: socket.socket,
        workers: int,
        log_level: str,
        server_class: type,
        max_requests: int = 0,
    ) -> None:
        self.app = app
        self.sock = sock
        self.size = workers
        self.log_level = log_level
        self.server_class = server_class
        self.max_requests = max_requests
        self.leaving: set[int] = set()  # recycled workers still finishing their requests
        self.workers: set[int] = set()  # live worker pids, leaving ones included
        self.ready: set[int] = set()
        self.deaths: list[float] = []
        self.stop_signal: int | None = None
        self.signals = 0
        self.parent = os.getpid()

    def run(self, advertise: Callable[[], Path | None]) -> int:
        """Start the workers and supervise them until told to stop; the exit code."""
        wake_read, wake_write = os.pipe()
        ready_read, ready_write = os.pipe()
        for fd in (wake_read, wake_write, ready_read):
            os.set_blocking(fd, False)
        self.pipes = (wake_read, wake_write, ready_read, ready_write)
        previous = {sig: signal.signal(sig, self._on_signal) for sig in _SUPERVISED}
        previous_wakeup = signal.set_wakeup_fd(wake_write, warn_on_full_buffer=False)
        started = False
        port_file: Path | None = None
        code = 0
        try:
            gc.collect()  # garbage freed now, not in every worker
            for _ in range(self.size):
                self._spawn()
            while self.stop_signal is None:
                readable, _, _ = select.select([wake_read, ready_read], [], [], 1.0)
                _drain(wake_read)
                if ready_read in readable:
                    data = _drain(ready_read)
                    whole = len(data) - len(data) % NOTICE.size
                    self._heard(p for (p,) in NOTICE.iter_unpack(data[:whole]))
                if self.stop_signal is not None:
                    break
                failure = self._replace_dead(starting=not started)
                if failure:
                    _say(failure)
                    code = 1
                    break
                if not started and len(self.ready & self.workers) >= self.size:
                    started = True
                    port_file = advertise()  # once, by the parent, every worker serving
        finally:
            if port_file is not None:
                withdraw_port_file(port_file)
            self._stop_all()
            signal.set_wakeup_fd(previous_wakeup)
            for sig, handler in previous.items():
                signal.signal(sig, handler)
            for fd in self.pipes:
                os.close(fd)
        return code

    def _heard(self, pids: Iterable[int]) -> None:
        """Workers' notices: a pid when it serves, minus the pid when it has reached its
        request limit and is leaving (its replacement starts now, not once it has gone)."""
        for pid in pids:
            if pid > 0:
                self.ready.add(pid)
            elif -pid in self.workers and -pid not in self.leaving:
                self.leaving.add(-pid)
                self.ready.discard(-pid)
                self._spawn()

    def _on_signal(self, sig: int, frame: Any) -> None:
        if sig == signal.SIGCHLD:
            return  # only wakes the loop up (set_wakeup_fd), which reaps
        self.signals += 1
        if self.stop_signal is None:
            self.stop_signal = sig

    def _spawn(self) -> None:
        gc.freeze()  # everything the parent made is shared: keep collections off its pages
        # Signals wait until the child has its own handlers (else it would run the parent's).
        signal.pthread_sigmask(signal.SIG_BLOCK, _SUPERVISED)
        try:
            pid = os.fork()
            if pid == 0:
                self._worker()  # never returns
        finally:
            signal.pthread_sigmask(signal.SIG_UNBLOCK, _SUPERVISED)
        self.workers.add(pid)

    def _worker(self) -> NoReturn:
        """The child: serve on the inherited socket until SIGTERM/SIGINT, then exit."""
        code = 1
        try:
            signal.set_wakeup_fd(-1)
            for sig in _SUPERVISED:
                signal.signal(sig, signal.SIG_DFL)
            _stop_with_parent(self.parent)
            signal.pthread_sigmask(signal.SIG_UNBLOCK, _SUPERVISED)
            wake_read, wake_write, ready_read, ready_write = self.pipes
            for fd in (wake_read, wake_write, ready_read):
                os.close(fd)
            import uvicorn

            config = uvicorn.Config(
                self.app,
                log_level=self.log_level,
                server_header=False,
                lifespan="on",
                timeout_graceful_shutdown=GRACEFUL_SECONDS - 2,
                limit_max_requests=self._request_limit(),
            )
            server = self.server_class(config)
            server.ready_fd = ready_write
            server.run(sockets=[self.sock])
            code = 0
        except SystemExit as exit_:
            code = exit_.code if isinstance(exit_.code, int) else 1
        except BaseException:  # noqa: BLE001 - report, then leave without the parent's cleanup
            traceback.print_exc()
        finally:
            with contextlib.suppress(Exception):
                sys.stdout.flush()
                sys.stderr.flush()
            os._exit(code)

    def _request_limit(self) -> int | None:
        """This worker's request limit: `max_requests` plus a random share (random is
        reseeded in every forked child, so each worker draws its own)."""
        if self.max_requests <= 0:
            return None
        return self.max_requests + random.randint(0, int(self.max_requests * MAX_REQUESTS_JITTER))

    def _reap(self) -> list[tuple[int, int]]:
        """Workers that have exited since last time: (pid, wait status)."""
        gone = []
        for pid in list(self.workers):
            try:
                done, status = os.waitpid(pid, os.WNOHANG)
            except ChildProcessError:
                done, status = pid, 0
            if done:
                self.workers.discard(pid)
                self.ready.discard(pid)
                gone.append((pid, status))
        return gone

    def _replace_dead(self, starting: bool) -> str | None:
        """Start a worker for every one that died; a reason to give up, if any."""
        now = time.monotonic()
        for pid, status in self._reap():
            if pid in self.leaving:  # recycled: its replacement is already serving
                self.leaving.discard(pid)
                continue
            how = _describe_exit(status)
            if starting:
                return f"worker {pid} {how} while starting; stopping"
            self.deaths = [t for t in self.deaths if now - t < RESTART_WINDOW] + [now]
            if len(self.deaths) > MAX_RESTARTS:
                return f"{len(self.deaths)} workers died within {RESTART_WINDOW:g}s; stopping"
            _say(f"worker {pid} {how}; starting another")
            self._spawn()
        return None

    def _stop_all(self) -> None:
        """SIGTERM every worker (uvicorn finishes the requests in flight), wait, then kill.
        A second stop signal (Ctrl-C twice) kills at once."""
        self._signal_all(signal.SIGTERM)
        deadline = time.monotonic() + GRACEFUL_SECONDS
        signals_before = self.signals
        killed = False
        while True:
            self._reap()
            if not self.workers:
                break
            if not killed and (time.monotonic() > deadline or self.signals > signals_before):
                self._signal_all(signal.SIGKILL)
                killed = True
            select.select([self.pipes[0]], [], [], 0.05)
            _drain(self.pipes[0])

    def _signal_all(self, sig: int) -> None:
        for pid in self.workers:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, sig)


def _stop_with_parent(parent: int) -> None:
    """Linux: have the kernel send SIGTERM to this worker if the parent dies (even by
    SIGKILL), so no orphan keeps the port; elsewhere the parent's own shutdown has to do."""
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(1, int(signal.SIGTERM), 0, 0, 0)  # 1 = PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:  # the parent died before the request above
        os._exit(0)


def _drain(fd: int) -> bytes:
    chunks = []
    while True:
        try:
            chunk = os.read(fd, 4096)
        except (BlockingIOError, InterruptedError):
            break
        if not chunk:
            break
        chunks.append(chunk)
    return b"".join(chunks)


def _describe_exit(status: int) -> str:
    if os.WIFSIGNALED(status):
        return f"was killed by signal {os.WTERMSIG(status)}"
    return f"exited with code {os.waitstatus_to_exitcode(status)}"


def _say(message: str) -> None:
    print(f"promptguard: {message}", file=sys.stderr, flush=True)
