"""Candidate for `profile-first verify` (see slow.py): the same count, visiting only the
numbers that can qualify (n % 4 == 1), which halves the work of the loop. Same answer."""

LIMIT = 2_400_000


def qualifies(n: int) -> bool:
    # Both tests always run (& rather than `and`), so every call costs the same.
    return (n % 4 == 1) & (n % 3 != 0)


def count() -> int:
    found = 0
    for n in range(1, LIMIT, 2):
        if qualifies(n):
            found += 1
    return found


if __name__ == "__main__":
    print(count())
