"""Memory example with one known hot spot.

`hold_blocks` holds 64 MiB at once, all allocated on the line marked HOT (64 blocks of 1 MiB);
that moment is the program's peak. The blocks are freed before the program ends, so a leaks
report shows (almost) nothing. Usage: python mem_hot.py [MIB] [SECONDS_HELD]  (default 64, 0.2)
"""
import sys
import time


def hold_blocks(mib, seconds):
    blocks = [bytearray(1 << 20) for _ in range(mib)]  # HOT
    time.sleep(seconds)
    return len(blocks)


def small_work():
    return [str(i) for i in range(10_000)]


def main():
    mib = int(sys.argv[1]) if len(sys.argv) > 1 else 64
    seconds = float(sys.argv[2]) if len(sys.argv) > 2 else 0.2
    small_work()
    held = hold_blocks(mib, seconds)
    print(f"held {held} MiB")


if __name__ == "__main__":
    main()
