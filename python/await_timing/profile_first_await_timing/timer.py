"""Await timer: how long each awaiting line of an asyncio program waited, and how often.

A sampling profiler never sees a suspended coroutine (py-spy samples thread stacks; a coroutine
waiting for I/O has no stack, only the event loop's select() does), so it cannot say which
`await` the program waited at. This timer can: every asyncio task's coroutine is wrapped in
`_TimedCoroutine`, which the task drives instead. After each step that suspends, the wrapper
walks the await chain (cr_await / gi_yieldfrom) and notes every frame's (file, line); when the
task resumes, the time in between is added to each noted line. A line counts one *call* when
the object it awaits differs from the one at the task's previous suspension, so a loop of 20
requests counts 20 calls however many times each request suspends.

One mechanism for Python 3.7-3.14: `asyncio.BaseEventLoop.create_task` is patched, which every
task goes through (asyncio.run, create_task, gather, ensure_future, TaskGroup), and so is
`uvloop.Loop.create_task` (uvloop's loop does not derive from BaseEventLoop; `uvloop.Loop` is a
Python subclass of its compiled loop, so it can be patched). Other event loops are not timed.

Results are written at exit (atexit; SIGINT exits through it too, SIGTERM is caught while its
handler is the default) and once a second while tasks run (see SNAPSHOT_INTERVAL_SEC), as JSON
{"version": 1, "python", "wallSec", "sites": [{"file", "line", "seconds", "calls"}]}, written
atomically (temporary file + os.replace). Shares are taken of wallSec, which starts here, at
interpreter start-up.

Cost: a Python-level send() per task step plus a walk of the await chain per suspension.
Measured on Python 3.11.7 (a shared 2-core machine, best of 3 runs of 100,000
`await asyncio.sleep(0)` in one task, a two-frame chain): 0.33 s without the timer, 0.61 s
with it, so about 3 us per suspension; an await that waits for I/O takes far longer. Start-up:
asyncio is patched when the program imports it, so a program that never does pays ~10 ms.

Nothing here may break the program: any error of the timer switches it off and is written
to the output's "error" field.
"""
import atexit
import collections.abc
import os
import signal
import sys
import types
from time import perf_counter

_CoroutineType = types.CoroutineType
_GeneratorType = types.GeneratorType

# Everything the wrappers share. `on` is read on every step, so it is a module global.
on = False
_output = ""
_started = 0.0
_error = None
_written = False
_last_write = 0.0
_pid = 0
# Stop Recording interrupts the program first (SIGINT, as Ctrl+C), so atexit writes the final
# numbers; but a program that ignores SIGINT is then ended by py-spy with SIGKILL (py-spy
# 0.4.3), and a killed program runs nothing at exit: the results are also written from the
# event loop's thread at most once a second (a few kB of JSON, well under 1 ms), so a killed
# program loses at most the last second. A snapshot is marked "partial".
SNAPSHOT_INTERVAL_SEC = 1.0
# (file, line) -> [seconds, calls]; a list so a step updates it without a second lookup.
_sites = {}


class _TimedCoroutine(collections.abc.Coroutine):
    """Drives a task's real coroutine and times the suspensions between its steps."""

    __slots__ = ("_coro", "_since", "_waiting", "_awaited")

    def __init__(self, coro):
        self._coro = coro
        self._since = None  # perf_counter() at the last suspension, None while running
        self._waiting = ()  # the site lists noted at the last suspension
        self._awaited = {}  # (file, line) -> the object that line awaited at the last suspension

    def send(self, value):
        # The common path, inlined because it runs on every step (no try: adding floats to the
        # timer's own lists cannot fail; throw() takes the guarded _resume()).
        if on:
            since = self._since
            if since is not None:
                elapsed = perf_counter() - since
                for site in self._waiting:
                    site[0] += elapsed
                self._since = None
            result = self._coro.send(value)
            self._suspend()
            return result
        return self._coro.send(value)

    def throw(self, *args):
        if on and self._since is not None:
            self._resume()
        result = self._coro.throw(*args)
        if on:
            self._suspend()
        return result

    def close(self):
        return self._coro.close()

    def __await__(self):
        return self._coro.__await__()

    def __getattr__(self, name):
        # cr_frame, cr_await, cr_code, __name__, __qualname__ ... for repr() and introspection.
        return getattr(self._coro, name)

    def _resume(self):
        try:
            elapsed = perf_counter() - self._since
            for site in self._waiting:
                site[0] += elapsed
            self._since = None
        except Exception as err:
            _fail(err)

    def _suspend(self):
        try:
            previous = self._awaited
            awaited = {}
            waiting = []
            obj = self._coro
            while True:
                kind = type(obj)
                if kind is _CoroutineType:
                    frame = obj.cr_frame
                    inner = obj.cr_await
                elif kind is _GeneratorType:
                    frame = obj.gi_frame
                    inner = obj.gi_yieldfrom
                else:
                    break
                if frame is None:
                    break
                key = (frame.f_code.co_filename, frame.f_lineno)
                if key not in awaited:
                    site = _sites.get(key)
                    if site is None:
                        site = _sites[key] = [0.0, 0]
                    # A bare `yield` (inner None) is a new wait every time.
                    if inner is None or previous.get(key) is not inner:
                        site[1] += 1
                    # Compared by identity, and held until the next suspension so a new object
                    # cannot take the old one's place (a freed object's id is often reused).
                    awaited[key] = inner
                    waiting.append(site)
                obj = inner
            self._awaited = awaited
            self._waiting = waiting
            now = self._since = perf_counter()
            if now - _last_write > SNAPSHOT_INTERVAL_SEC:
                write(partial=True)
        except Exception as err:
            _fail(err)


def _fail(err):
    """Switches the timer off for good; the program goes on untouched."""
    global on, _error
    on = False
    if _error is None:
        _error = "{}: {}".format(type(err).__name__, err)


def _wrap_create_task(original):
    def create_task(self, coro, *args, **kwargs):
        if on and type(coro) is _CoroutineType:
            coro = _TimedCoroutine(coro)
        return original(self, coro, *args, **kwargs)

    create_task.__name__ = original.__name__
    create_task.__qualname__ = getattr(original, "__qualname__", original.__name__)
    create_task.__doc__ = original.__doc__
    return create_task


def write(partial=False):
    """Writes the results: finally at exit (or SIGTERM), or as a snapshot while running."""
    global _written, _last_write
    # A forked child (multiprocessing) inherits the timer, its atexit and SIGTERM handler; only
    # the process that installed it writes, or a worker's exit would replace the program's file.
    if _written or not _output or os.getpid() != _pid:
        return
    _written = not partial
    _last_write = perf_counter()
    try:
        sites = [
            {"file": f, "line": l, "seconds": round(s[0], 6), "calls": s[1]}
            for (f, l), s in _sites.items()
            if isinstance(f, str) and not f.startswith("<frozen ")
        ]
        sites.sort(key=lambda x: -x["seconds"])
    except Exception as err:  # the file still says that the timer failed, and how
        _fail(err)
        sites = []
    try:
        import json

        data = {"version": 1, "python": "{}.{}.{}".format(*sys.version_info[:3]), "wallSec": round(perf_counter() - _started, 6), "sites": sites[:20000]}
        if _error is not None:
            data["error"] = _error
        if partial:
            data["partial"] = True
        tmp = "{}.{}.tmp".format(_output, os.getpid())
        with open(tmp, "w", encoding="utf-8") as f:
            json.dump(data, f)
        os.replace(tmp, _output)
    except Exception:
        pass  # at exit there is nobody left to tell; the profile still opens without evidence


def _on_sigterm(signum, frame):
    write()
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    os.kill(os.getpid(), signal.SIGTERM)


def install(output):
    """Starts timing; results go to `output` at exit."""
    global on, _output, _started, _last_write, _pid
    _output = output
    _pid = os.getpid()
    _started = _last_write = perf_counter()
    try:
        atexit.register(write)
        # Stopping a recording may end the program with SIGTERM, which skips atexit.
        if hasattr(signal, "SIGTERM") and signal.getsignal(signal.SIGTERM) == signal.SIG_DFL:
            signal.signal(signal.SIGTERM, _on_sigterm)
        on = True
        pending = {}
        for name, loop_class_of in _LOOP_CLASSES.items():
            module = sys.modules.get(name)
            if module is not None:
                _patch(loop_class_of(module))
            else:
                pending[name] = loop_class_of
        if pending:
            sys.meta_path.insert(0, _PatchOnImport(pending))
    except Exception as err:
        _fail(err)


# The modules whose event loop class is patched, and where in each module that class is.
_LOOP_CLASSES = {
    "asyncio.base_events": lambda module: module.BaseEventLoop,
    "uvloop": lambda module: module.Loop,
}


def _patch(loop_class):
    loop_class.create_task = _wrap_create_task(loop_class.create_task)


class _PatchOnImport:
    """
    Patches asyncio (and uvloop) when the program imports it, not before: importing asyncio at
    start-up would cost a program that never uses it 70-200 ms (measured with -X importtime
    here), and that start-up would show in its profile. It leaves sys.meta_path once every
    module is patched; until then it costs each import one dictionary look-up.
    """

    def __init__(self, pending):
        self._pending = pending

    def find_spec(self, name, path=None, target=None):
        loop_class_of = self._pending.get(name)
        if loop_class_of is None:
            return None
        try:
            del self._pending[name]
            if not self._pending:
                sys.meta_path.remove(self)
            import importlib.machinery

            spec = importlib.machinery.PathFinder.find_spec(name, path)
            loader = spec.loader if spec is not None else None
            if loader is None or not hasattr(loader, "exec_module"):
                raise ImportError("{} is not loaded from a file here".format(name))
            run = loader.exec_module

            def exec_module(module):
                run(module)
                try:
                    _patch(loop_class_of(module))
                except Exception as err:
                    _fail(err)

            loader.exec_module = exec_module
            return spec
        except Exception as err:
            _fail(err)
            return None  # the regular import machinery takes over
