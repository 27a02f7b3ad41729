"""Integration-test program: a Python parent that starts two busy Python children and waits.

Usage: python spawns_children.py MARKER [SECONDS]. One child stays in the parent's process
group, the other starts a new session (so it leaves the group): cleanup must find both.
Each child's command line carries MARKER, so a test can look for survivors by it.
"""
import subprocess
import sys
import time


def busy(seconds):
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        sum(range(10_000))


if __name__ == "__main__":
    if sys.argv[1] == "child":
        busy(float(sys.argv[3]))
        sys.exit(0)
    marker = sys.argv[1]
    seconds = sys.argv[2] if len(sys.argv) > 2 else "30"
    children = [
        subprocess.Popen([sys.executable, __file__, "child", marker, seconds]),
        subprocess.Popen([sys.executable, __file__, "child", marker, seconds], start_new_session=True),
    ]
    print("children started", flush=True)
    busy(float(seconds))
    for child in children:
        child.wait()
