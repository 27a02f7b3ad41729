"""Memory-hungry candidate for `profile-first verify` (see slow.py): the same count, computed with
C-level slice assignments on a flag table, so it is much faster, but the table is sized for the
largest input the program supports (200 MiB) rather than for this one. Verifying it against
slow.py gives a trade-off: better wallSec and cpuSec, worse peakRssBytes.

    profile-first verify --baseline "python3 examples/verify/slow.py" \
                         --candidate "python3 examples/verify/fast_hungry.py"
"""

LIMIT = 2_400_000
TABLE_BYTES = 200 * 1024 * 1024


def count() -> int:
    # Repetition writes every byte (bytearray(n) alone would be lazily zeroed pages that never
    # count towards the resident set), so the process really holds 200 MiB.
    flags = bytearray(b"\x00") * TABLE_BYTES
    flags[1:LIMIT:4] = b"\x01" * len(range(1, LIMIT, 4))  # n % 4 == 1
    flags[0:LIMIT:3] = bytes(len(range(0, LIMIT, 3)))  # ... and n % 3 != 0
    return flags.count(1, 0, LIMIT)


if __name__ == "__main__":
    print(count())
