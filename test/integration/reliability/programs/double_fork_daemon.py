"""Reliability-test program: starts a daemon the classic way, then works briefly and exits.

Usage: python double_fork_daemon.py MARKER [SECONDS]. fork, setsid, fork again, and the middle
process exits at once: the daemon (MARKER in its command line) is re-parented away from the
program and is in another session and process group, so neither a walk of the program's
descendants nor a kill of its process group can find it. It would run for 60 s.
"""
import os
import sys
import time


def busy(seconds):
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        sum(range(10_000))


if len(sys.argv) > 2 and sys.argv[2] == "daemon":
    busy(60)
    sys.exit(0)

marker = sys.argv[1]
middle = os.fork()
if middle == 0:
    os.setsid()
    if os.fork() == 0:
        os.execv(sys.executable, [sys.executable, __file__, marker, "daemon"])
    os._exit(0)
os.waitpid(middle, 0)
print("daemon started", flush=True)
busy(float(sys.argv[2]) if len(sys.argv) > 2 else 1.0)
