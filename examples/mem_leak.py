"""Memory example with one known leak.

Each call to `handle_request` appends a 10 KB buffer to the module-level `_cache`, which is
never cleared: after N requests, N × 10,000 bytes are still allocated when the program ends,
all from the line marked LEAK. The temporary list on the line marked TEMP is freed each time.
Run under PYTHONMALLOC=malloc for exact leak reports (memray's documentation explains why).
Usage: python mem_leak.py [REQUESTS] [SECONDS_BETWEEN]  (default 1000, 0)
"""
import sys
import time

_cache = []


def handle_request(i):
    scratch = [i] * 1000  # TEMP
    _cache.append(bytes(10_000))  # LEAK
    return len(scratch)


def main():
    requests = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    pause = float(sys.argv[2]) if len(sys.argv) > 2 else 0.0
    for i in range(requests):
        handle_request(i)
        if pause:
            time.sleep(pause)
    print(f"cached {len(_cache)} buffers")


if __name__ == "__main__":
    main()
