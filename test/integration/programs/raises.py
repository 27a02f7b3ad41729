"""Integration-test program: busy for a moment, prints to stderr, then raises.

Usage: python raises.py [SECONDS]. Exits with an uncaught ValueError after SECONDS of work,
so py-spy has samples to write before the program fails.
"""
import sys
import time


def work(seconds):
    deadline = time.perf_counter() + seconds
    total = 0
    while time.perf_counter() < deadline:
        total += sum(range(10_000))
    return total


work(float(sys.argv[1]) if len(sys.argv) > 1 else 0.5)
print("about to fail", file=sys.stderr)
raise ValueError("profile-first test failure")
