"""The uvicorn server each `serve --workers` process runs (see workers.py for the parent).

It accepts connections in turn with the other workers (a blocking `accept()` in a thread,
which Linux serves first-come first-served), tells the parent when it serves, and, when
its request limit recycles it, leaves without failing a request: the parent is told at
once, the accept thread is released, and open connections answer their last request with
`Connection: close` instead of being closed idle.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import socket
import struct
import threading
import time
from typing import Any

#: A worker's notice to the parent on the ready pipe: its pid once it serves, minus its pid
#: once it has reached its request limit and is leaving.
NOTICE = struct.Struct("=i")
#: Seconds a recycled worker spends getting its accept thread out of `accept()` (see
#: `WorkerServer._release_acceptor`) before it stops anyway.
RELEASE_SECONDS = 1.0
#: Seconds a recycled worker keeps an idle keep-alive connection open for one last request
#: (answered, then the connection closes) before closing it: a busy client's next request
#: usually comes within this, so it is answered instead of meeting a closing connection.
LAST_ORDERS_SECONDS = 2.0


def worker_server_class() -> type:
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
                    os.write(self.ready_fd, NOTICE.pack(os.getpid()))

        async def on_tick(self, counter: int) -> bool:
            done = await super().on_tick(counter)
            if done and not self.should_exit:  # uvicorn's limit_max_requests, not a signal
                self.recycling = True
                if self.ready_fd >= 0:  # the parent starts the replacement now
                    with contextlib.suppress(OSError):
                        os.write(self.ready_fd, NOTICE.pack(-os.getpid()))
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
