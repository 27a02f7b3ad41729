"""Baseline for `profile-first verify`: counts the numbers below LIMIT with n % 4 == 1 and
n % 3 != 0, calling qualifies() on every number although only odd ones can qualify.

    profile-first verify --baseline "python3 examples/verify/slow.py" \
                         --candidate "python3 examples/verify/fast.py"

fast.py is the optimised version (odd numbers only, cheap test first; same answer): about 2x
less CPU time and wall time, with the same memory use. fast_hungry.py is faster still but holds
a 200 MiB table, for the trade-off verdict.
"""

LIMIT = 2_400_000


def qualifies(n: int) -> bool:
    # Both tests always run (& rather than `and`), so every call costs the same.
    return (n % 4 == 1) & (n % 3 != 0)


def count() -> int:
    found = 0
    for n in range(LIMIT):
        if qualifies(n):
            found += 1
    return found


if __name__ == "__main__":
    print(count())
