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

import asyncio
import contextlib
import gc
import os
import random
import select
import signal
import socket
import struct
import sys
import threading
import time
import traceback
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from promptguard.config import Config
from promptguard.service import (
    CheckService,
    advertise_port_file,
    create_app,
    withdraw_port_file,
)

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
#: Seconds a recycled worker spends getting its accept thread out of `accept()` (see
#: `WorkerServer._release_acceptor`) before it stops anyway.
RELEASE_SECONDS = 1.0
#: Seconds a recycled worker keeps an idle keep-alive connection open for one last request
#: (answered, then the connection closes) before closing it: a busy client's next request
#: usually comes within this, so it is answered instead of meeting a closing connection.
LAST_ORDERS_SECONDS = 2.0
_PID = struct.Struct("=i")
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
    server_class = _worker_server_class()  # imported before the fork: shared, not re-imported
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


def _worker_server_class() -> type:
    """A uvicorn server for one worker: it accepts connections in turn with the others, tells
    the parent (through a pipe) once it is serving, and, when recycled, leaves without
    dropping a connection it had already taken."""
    import uvicorn

    class WorkerServer(uvicorn.Server):
        ready_fd = -1
        #: True once the request limit (`--max-requests`) ended the main loop: the other
        #: workers go on serving, so nothing this worker accepted may be dropped.
        recycling = False
        _acceptor: threading.Thread | None = None
        _listener: socket.socket | None = None

        async def startup(self, sockets: list[socket.socket] | None = None) -> None:
            protocol = getattr(self.config, "http_protocol_class", None)
            if not sockets or protocol is None:  # not the uvicorn we know: let it accept
                await super().startup(sockets=sockets)
            else:
                await super().startup(sockets=[])  # lifespan; connections come from _accept
                if self.started:
                    self._start_accepting(sockets[0], protocol)
            if self.started and self.ready_fd >= 0:
                with contextlib.suppress(OSError):
                    os.write(self.ready_fd, _PID.pack(os.getpid()))

        async def on_tick(self, counter: int) -> bool:
            done = await super().on_tick(counter)
            if done and not self.should_exit:  # uvicorn's limit_max_requests, not a signal
                self.recycling = True
                if self.ready_fd >= 0:  # the parent starts the replacement now
                    with contextlib.suppress(OSError):
                        os.write(self.ready_fd, _PID.pack(-os.getpid()))
            return done

        async def shutdown(self, sockets: list[socket.socket] | None = None) -> None:
            self.should_exit = True  # the accept thread hands over what it takes from now on
            if self.recycling:
                await self._release_acceptor()
                for connection in list(self.server_state.connections):
                    connection.last_orders = True  # see _recyclable
            await super().shutdown(sockets=sockets)

        async def _release_acceptor(self) -> None:
            """Get the accept thread out of its blocking `accept()` before stopping.

            Linux hands each new connection to the process that has waited longest in
            `accept()`, so a stopping worker would still be dealt connections, and dropping
            them would fail checks the other workers could have answered. Connecting to the
            port ourselves moves the queue on: after at most one connection per worker, ours
            reaches this thread, which then leaves. Any connection it took meanwhile, real or
            not, is served (one request, then closed); the others' stray probes are empty
            connections, closed at once."""
            thread, listener = self._acceptor, self._listener
            if thread is None or listener is None:
                return
            address = _connectable(listener.getsockname())
            family = listener.family
            deadline = time.monotonic() + RELEASE_SECONDS
            while thread.is_alive() and time.monotonic() < deadline:
                _probe(family, address)
                await asyncio.sleep(0.005)

        def _start_accepting(self, listener: socket.socket, protocol_class: type) -> None:
            """Accept with a blocking `accept()` in a thread, not in the event loop.

            Event loops in several processes all wake up for a new connection and race for
            it, so one worker may take most of the long-lived (keep-alive) connections and
            queue their requests while another idles. Processes blocked in `accept()` are
            woken one at a time, in turn: connections are dealt out evenly."""
            loop = asyncio.get_running_loop()
            config, state, app_state = self.config, self.server_state, self.lifespan.state
            protocol_class = _recyclable(protocol_class)

            def make_protocol() -> asyncio.Protocol:  # as uvicorn's own create_protocol
                protocol = protocol_class(
                    config=config, server_state=state, app_state=app_state, _loop=loop
                )
                protocol.last_orders = self.should_exit  # taken while this worker leaves
                return protocol

            pending: set[asyncio.Task] = set()  # referenced until done (asyncio's advice)

            async def serve(connection: socket.socket) -> None:
                try:
                    await loop.connect_accepted_socket(make_protocol, connection)
                except OSError:  # the client left before the connection was set up
                    connection.close()

            def adopt(connection: socket.socket) -> None:
                if self.should_exit and not self.recycling:
                    connection.close()  # every worker is stopping: nobody would answer
                    return
                task = loop.create_task(serve(connection))
                pending.add(task)
                task.add_done_callback(pending.discard)

            def accept() -> None:
                while not self.should_exit:
                    try:
                        connection, _ = listener.accept()
                    except OSError:
                        if listener.fileno() < 0:
                            return
                        time.sleep(0.01)  # e.g. EMFILE: let connections close, then retry
                        continue
                    with contextlib.suppress(OSError):  # already reset by the client
                        connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                    try:
                        loop.call_soon_threadsafe(adopt, connection)
                    except RuntimeError:  # the loop has closed: the worker is stopping
                        connection.close()
                        return

            self._listener = listener
            self._acceptor = threading.Thread(target=accept, name="promptguard-accept", daemon=True)
            self._acceptor.start()

    return WorkerServer


def _recyclable(protocol_class: type) -> type:
    """uvicorn's HTTP protocol, able to leave gracefully when its worker is recycled.

    On a recycle, uvicorn's shutdown would close every idle keep-alive connection at once,
    and a busy client whose next request was already on its way would get a reset. With
    `last_orders` set, a connection answers the request in flight or the next one to come
    (within LAST_ORDERS_SECONDS) and then closes, as HTTP allows. A stop of the whole
    service keeps uvicorn's behaviour. Relies on `cycle` / `keep_alive` / `loop`, which both
    of uvicorn's HTTP implementations (h11, httptools) have."""

    class Recyclable(protocol_class):  # type: ignore[misc,valid-type]
        last_orders = False
        _closing: asyncio.TimerHandle | None = None

        def data_received(self, data: bytes) -> None:
            super().data_received(data)
            if self.last_orders and self.cycle is not None:
                _last_answer(self.cycle)

        def shutdown(self) -> None:
            if not self.last_orders:
                super().shutdown()
            elif self.cycle is not None and not self.cycle.response_complete:
                _last_answer(self.cycle)
            elif self._closing is None:
                self._closing = self.loop.call_later(LAST_ORDERS_SECONDS, self._close_if_idle)

        def connection_made(self, transport: asyncio.BaseTransport) -> None:
            super().connection_made(transport)
            if self.last_orders:  # taken while the worker leaves: shut down as the others
                self.shutdown()

        def connection_lost(self, exc: Exception | None) -> None:
            if self._closing is not None:
                self._closing.cancel()
            super().connection_lost(exc)

        def _close_if_idle(self) -> None:
            if self.cycle is None or self.cycle.response_complete:
                self.transport.close()

    return Recyclable


_CLOSE_HEADER = (b"connection", b"close")


def _last_answer(cycle: Any) -> None:
    """Make the answer of `cycle` the connection's last, and say so ("Connection: close"),
    so the client opens a new connection for its next request instead of racing the close:
    httptools adds the header itself when keep-alive is off; h11 echoes a request's own."""
    cycle.keep_alive = False
    headers = getattr(cycle, "scope", {}).get("headers")
    if isinstance(headers, list) and _CLOSE_HEADER not in headers:
        headers.append(_CLOSE_HEADER)


def _probe(family: socket.AddressFamily, address: tuple) -> None:
    """Open and at once close a connection to `address` (loopback: it takes microseconds)."""
    with contextlib.suppress(OSError), socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.settimeout(0.2)
        probe.connect(address)


def _connectable(address: tuple) -> tuple:
    """Where to connect to reach a listening socket bound to `address` (wildcard -> loopback)."""
    host, port = address[0], address[1]
    if host in ("0.0.0.0", ""):
        host = "127.0.0.1"
    elif host == "::":
        host = "::1"
    return (host, port, *address[2:])


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
        self.workers: dict[int, float] = {}  # pid -> start time
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
                    self._heard(p for (p,) in _PID.iter_unpack(data[: len(data) // 4 * 4]))
                if self.stop_signal is not None:
                    break
                failure = self._replace_dead(starting=not started)
                if failure:
                    _say(failure)
                    code = 1
                    break
                if not started and len(self.ready & self.workers.keys()) >= self.size:
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
        self.workers[pid] = time.monotonic()

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
                del self.workers[pid]
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
