"""CPU example with one known hot spot.

Most of the run is spent on the line marked HOT inside `hot_loop`; `light_work` takes a small,
visible share. Usage: python cpu_hot.py [SECONDS]   (default 2 seconds)
"""
import sys
import time


def hot_loop(n):
    total = 0
    for i in range(n):
        total += (i * i) % 7 + (i ^ 3) // 5  # HOT
    return total


def light_work(n):
    return sum(range(n))


def main():
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 2.0
    deadline = time.perf_counter() + seconds
    rounds = 0
    while time.perf_counter() < deadline:
        hot_loop(100_000)
        light_work(50_000)
        rounds += 1
    print(f"{rounds} rounds")


if __name__ == "__main__":
    main()
