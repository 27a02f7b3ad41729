#!/usr/bin/env python3
"""Run one command and print what it cost, as one JSON object on stdout.

Used by Profile First's `verify` (src/core/verify/measureRun.ts), once per run.
Standard library only; Python 3.8+; Linux and macOS (os.wait4 does not exist on Windows).

    measure_run.py [--stderr-tail BYTES] -- PROGRAM [ARGS...]

Why a helper instead of measuring from Node: os.wait4 returns the child's rusage, whose
ru_utime + ru_stime include every descendant the child waited for (the kernel adds a reaped
child's times into its parent's), and whose ru_maxrss is the peak resident set of the child or
of its largest waited-for descendant (Linux: max(maxrss, cmaxrss); not their sum). Node's
child_process exposes none of this for a single child. Wall time is taken here too, around
spawn and wait4 only, so the helper's own interpreter start-up is not part of any run.

The program's stdout goes to /dev/null (the same for both sides); its stderr to a temporary
file whose last bytes are printed when it fails.
"""

import json
import os
import re
import subprocess
import sys
import tempfile
import time

POWERCAP = "/sys/class/powercap"


def rapl_domains():
    """Top-level RAPL package domains as (energy_uj path, max_energy_range_uj), or a reason.

    Only `intel-rapl:N` (also used by the kernel for AMD packages): its subzones
    `intel-rapl:N:M` (core, uncore, dram) are parts of the package counter and `psys` covers
    the packages again, so adding either would count energy twice.
    """
    try:
        names = sorted(n for n in os.listdir(POWERCAP) if re.fullmatch(r"intel-rapl:\d+", n))
    except OSError:
        names = []
    if not names:
        return None, ("no RAPL counters in /sys/class/powercap (not Linux on an Intel or AMD CPU, "
                      "a virtual machine, or the intel_rapl_common module is not loaded)")
    domains = []
    for name in names:
        base = os.path.join(POWERCAP, name)
        try:
            with open(os.path.join(base, "name")) as f:
                if f.read().strip() == "psys":
                    continue
            with open(os.path.join(base, "max_energy_range_uj")) as f:
                max_range = int(f.read())
            with open(os.path.join(base, "energy_uj")) as f:
                int(f.read())
        except PermissionError:
            # Root-only since Linux 5.10 because of the PLATYPUS side channel (CVE-2020-8694).
            return None, ("RAPL energy counters are readable only by root (Linux 5.10+, CVE-2020-8694); "
                          "to measure energy: sudo chmod a+r " + POWERCAP + "/intel-rapl:*/energy_uj")
        except (OSError, ValueError) as err:
            return None, "RAPL counter " + base + " is unreadable: " + str(err)
        domains.append((os.path.join(base, "energy_uj"), max_range))
    if not domains:
        return None, "no RAPL package domain in /sys/class/powercap"
    return domains, None


def read_energy(domains):
    values = []
    for path, _ in domains:
        with open(path) as f:
            values.append(int(f.read()))
    return values


def energy_joules(domains, before, after):
    """Energy between two readings. A counter that wrapped (after < before) went once around
    max_energy_range_uj; two wraps within one run (hours at full power) cannot be detected."""
    total_uj = 0
    for (_, max_range), b, a in zip(domains, before, after):
        delta = a - b
        if delta < 0:
            delta += max_range + 1
        total_uj += delta
    return total_uj / 1e6


def parse_args(argv):
    tail = 8192
    i = 0
    while i < len(argv) and argv[i] != "--":
        if argv[i] == "--stderr-tail" and i + 1 < len(argv):
            tail = int(argv[i + 1])
            i += 2
        else:
            raise SystemExit("measure_run.py: unexpected argument " + repr(argv[i]))
    command = argv[i + 1:]
    if not command:
        raise SystemExit("usage: measure_run.py [--stderr-tail BYTES] -- PROGRAM [ARGS...]")
    return tail, command


def main():
    tail, command = parse_args(sys.argv[1:])
    if not hasattr(os, "wait4"):
        print(json.dumps({"error": "measuring a run needs os.wait4, which this platform (" + sys.platform + ") lacks"}))
        return 0
    domains, energy_note = rapl_domains()
    with tempfile.TemporaryFile() as err:
        before = read_energy(domains) if domains else None
        start = time.perf_counter()
        try:
            child = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=err)
        except OSError as e:
            print(json.dumps({"error": "cannot start " + command[0] + ": " + e.strerror if e.strerror else str(e)}))
            return 0
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - start
        after = read_energy(domains) if domains else None
        # Reaped by wait4 above: tell Popen so it never waits for the pid again.
        child.returncode = status
        exit_code = os.WEXITSTATUS(status) if os.WIFEXITED(status) else None
        signal_number = os.WTERMSIG(status) if os.WIFSIGNALED(status) else None
        result = {
            "exitCode": exit_code,
            "signal": signal_number,
            "wallSec": wall,
            "userSec": usage.ru_utime,
            "sysSec": usage.ru_stime,
            # ru_maxrss is in KiB on Linux and in bytes on macOS (getrusage(2) on each).
            "peakRssBytes": usage.ru_maxrss if sys.platform == "darwin" else usage.ru_maxrss * 1024,
            "energyJ": energy_joules(domains, before, after) if domains else None,
            "energyUnavailable": energy_note,
        }
        if exit_code != 0:
            size = err.seek(0, os.SEEK_END)
            err.seek(max(0, size - tail))
            result["stderrTail"] = err.read().decode("utf-8", errors="replace")
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
