# Reliability-test program for Python 2.7 (py-spy 0.4 reads 2.3-2.7): one hot line.
# Usage: python2.7 busy27.py [SECONDS]
import sys
import time


def hot(seconds):
    deadline = time.time() + seconds
    total = 0
    while time.time() < deadline:
        total += sum(range(10000))  # HOT
    return total


hot(float(sys.argv[1]) if len(sys.argv) > 1 else 1.0)
