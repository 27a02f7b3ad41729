"""Candidate for `profile-first verify` (see slow.py): the same count, visiting only odd numbers
and trying the cheap test before calling qualifies(). About half the CPU time of slow.py, with
the same memory use and the same answer."""

LIMIT = 2_400_000


def qualifies(n: int) -> bool:
    # Both tests always run (& rather than `and`), so every call costs the same.
    return (n % 4 == 1) & (n % 3 != 0)


def count() -> int:
    found = 0
    for n in range(1, LIMIT, 2):
        if n % 4 == 1 and qualifies(n):
            found += 1
    return found


if __name__ == "__main__":
    print(count())
