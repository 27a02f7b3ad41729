"""Integration-test program: starts a busy child in its own session, then exits before it.

Usage: python leaves_child_behind.py MARKER [SECONDS]. The child (carrying MARKER in its
command line) would outlive the program; the recording must not let it outlive the recording.
"""
import subprocess
import sys
import time

if sys.argv[1] == "child":
    deadline = time.perf_counter() + 30
    while time.perf_counter() < deadline:
        sum(range(10_000))
    sys.exit(0)

subprocess.Popen([sys.executable, __file__, "child", sys.argv[1]], start_new_session=True)
deadline = time.perf_counter() + float(sys.argv[2] if len(sys.argv) > 2 else 1.5)
while time.perf_counter() < deadline:
    sum(range(10_000))
