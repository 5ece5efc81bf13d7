"""The live server's own account of each connection, for hunting a stalled request.

With IKU_SERVER_LOG=1 every browser test writes test-artifacts/server-log/<run>/<test>.log: one
line per event (connection accepted, request line read, answer started, body handed over,
connection closed) with the time, the handler thread and the browser's port, so a request that
waited in a Playwright trace can be placed: never accepted, accepted and not answered, or
answered. A watchdog writes every thread's stack when a request or a connection waits too long.
Chromium writes its net log next to it (the browser's side: cache, sockets). docs/testing.md.
"""
import faulthandler
import os
import re
import sys
import threading
import time
import traceback
from pathlib import Path

from werkzeug.serving import WSGIRequestHandler

ENABLED = os.environ.get("IKU_SERVER_LOG") == "1"
# One folder per pytest run (its xdist workers share the run's id).
ROOT = (Path(__file__).resolve().parents[2] / "test-artifacts" / "server-log"
        / os.environ.get("PYTEST_XDIST_TESTRUNUID", f"run-{os.getpid()}"))
STALL = 3.0  # seconds a request may wait before the log shows every thread's stack


def accept_queue(port: int) -> int:
    """Connections the kernel has completed on this listening port that the server has not
    accepted yet (Linux: rx_queue of the LISTEN socket in /proc/net/tcp)."""
    try:
        with open("/proc/net/tcp") as table:
            lines = table.read().splitlines()[1:]
    except OSError:
        return -1
    for line in lines:
        fields = line.split()
        if fields[3] == "0A" and fields[1].endswith(f":{port:04X}"):
            return int(fields[4].split(":")[1], 16)
    return 0


class ServerLog:
    def __init__(self, name: str):
        ROOT.mkdir(parents=True, exist_ok=True)
        self.path = ROOT / (re.sub(r"[^\w.-]+", "_", name) + ".log")
        self._file = self.path.open("w", buffering=1)
        self._lock = threading.Lock()
        self._start = time.monotonic()
        self._waiting: dict = {}  # port -> when its request line was read
        self._stop = threading.Event()
        self._watchdog = None

    def write(self, port, event: str) -> None:
        now = time.monotonic()
        if event.startswith("request "):
            self._waiting[port] = now
        elif event.startswith(("answer ", "closed", "dropped")):
            self._waiting.pop(port, None)
        line = (f"{now - self._start:9.3f} {threading.current_thread().name.split()[0]:>9} "
                f"{port!s:>6} {event}\n")
        with self._lock:
            if not self._file.closed:  # a handler thread may outlive its test's server
                self._file.write(line)

    def watch(self, server_port: int) -> None:
        """Every 0.2 s: a request unanswered or a connection unaccepted for STALL seconds puts
        every thread's stack in the log (once per stall); a late tick shows a frozen process."""
        def run():
            last, queued_since, dumped = time.monotonic(), None, False
            while not self._stop.wait(0.2):
                # Python's own C watchdog: if this thread cannot run for 2 s (another thread
                # holds the GIL, or the process is not scheduled), it writes every stack.
                faulthandler.dump_traceback_later(2.0, file=self._file)
                now = time.monotonic()
                if now - last > 1.0:
                    self.write("-", f"watchdog woke {now - last:.1f} s late")
                last = now
                queued = accept_queue(server_port)
                queued_since = (queued_since or now) if queued > 0 else None
                late = [p for p, t in list(self._waiting.items()) if now - t > STALL]
                stalled = late or (queued_since and now - queued_since > STALL)
                if stalled and not dumped:
                    self.write("-", f"STALL: unanswered {late}, accept queue {queued}")
                    self.dump_stacks()
                dumped = bool(stalled)
        self._watchdog = threading.Thread(target=run, name="watchdog", daemon=True)
        self._watchdog.start()

    def dump_stacks(self) -> None:
        names = {t.ident: t.name for t in threading.enumerate()}
        text = "".join(f"--- {names.get(ident, ident)}\n" + "".join(traceback.format_stack(frame))
                       for ident, frame in sys._current_frames().items())
        with self._lock:
            if not self._file.closed:
                self._file.write(text)

    def close(self) -> None:
        self._stop.set()
        if self._watchdog:
            self._watchdog.join()
        faulthandler.cancel_dump_traceback_later()
        with self._lock:
            self._file.close()


class LoggingHandler(WSGIRequestHandler):
    """Werkzeug's handler, telling the server's log what happens on its connection."""

    def _log(self, event: str) -> None:
        self.server.event_log.write(self.client_address[1], event)

    def setup(self):
        super().setup()
        self._log("accepted")

    def parse_request(self):
        ok = super().parse_request()
        self._log(f"request {self.requestline!r}")
        return ok

    def send_response(self, code, message=None):
        self._log(f"answer {code} starts")
        super().send_response(code, message)

    def run_wsgi(self):
        super().run_wsgi()
        self._log("answer sent, socket drained")

    def finish(self):
        try:
            super().finish()
        finally:
            self._log("closed")

    def connection_dropped(self, error, environ=None):
        self._log(f"dropped by the browser: {error!r}")


class LoggedApp:
    """The Flask app (its attributes as they are), telling the log when an answer's body has
    been handed to the server, before Werkzeug drains the socket and closes the connection."""

    def __init__(self, app, event_log: ServerLog):
        self._app, self._event_log = app, event_log

    def __getattr__(self, name):
        return getattr(self._app, name)

    def __call__(self, environ, start_response):
        port = environ.get("REMOTE_PORT")
        answer = self._app(environ, start_response)
        try:
            yield from answer
            self._event_log.write(port, "body handed over")
        finally:
            if hasattr(answer, "close"):
                answer.close()
