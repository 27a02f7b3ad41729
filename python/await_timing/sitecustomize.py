"""Profile First's await timer, loaded by Python's `site` module at start-up.

Profile First puts this directory first on PYTHONPATH of a program it profiles and sets
PROFILE_FIRST_AWAITS=<output json path>. Then this file starts the await timer
(profile_first_await_timing/timer.py), takes its directory off sys.path again and runs the
`sitecustomize` that would have run without it (a distro's or the user's), so the program
behaves as it does outside the profiler. Without the variable it only does the second part.
"""
import os
import sys


def _profile_first_chain():
    here = os.path.dirname(os.path.abspath(__file__))
    output = os.environ.pop("PROFILE_FIRST_AWAITS", "")
    # Popped: child processes inherit the environment and must not write over this file.
    if output:
        try:
            from profile_first_await_timing import timer

            timer.install(output)
        except Exception:  # never let the timer stop the program from starting
            pass
    sys.path[:] = [p for p in sys.path if not p or os.path.abspath(p) != here]
    try:
        import importlib.machinery
        import importlib.util

        spec = importlib.machinery.PathFinder.find_spec("sitecustomize", sys.path)
    except Exception:
        spec = None
    if spec is None or spec.loader is None:
        return
    module = importlib.util.module_from_spec(spec)
    # Replaces this module (the import system reads sys.modules["sitecustomize"] back after
    # this file ran, so the entry must never be missing).
    sys.modules["sitecustomize"] = module
    # Errors of the next sitecustomize propagate to `site`, which reports them as it would have.
    spec.loader.exec_module(module)


_profile_first_chain()
