"""Reliability-test program: works, then dies of a native crash (as a broken C extension would).

Usage: python crashes.py MARKER [SECONDS] [SIGNAL]. Busy for SECONDS (default 1) so py-spy has
samples, then raises SIGNAL (default SIGSEGV) against itself: no Python traceback, no exit().
"""
import os
import signal
import sys
import time


def work(seconds):
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        sum(range(10_000))


work(float(sys.argv[2]) if len(sys.argv) > 2 else 1.0)
os.kill(os.getpid(), getattr(signal, sys.argv[3] if len(sys.argv) > 3 else "SIGSEGV"))
time.sleep(5)
