"""How many threads the numeric libraries start: the one place that decides it.

Applied by each entry point (the command's `main()`, every batch worker process, the Python API
on its first call), never when a module is imported: importing a library must not change the
process it is imported into.
"""

from __future__ import annotations

import os

# Multi-threaded OpenBLAS makes the small SVDs of sumy's LSA ranker ~100x slower on few cores
# (5 s instead of 0.03 s for a 1000x100 matrix on 2 cores); one thread is fastest here. Read by
# OpenBLAS when numpy is first imported, so it must be set before that.
# CTranslate2's OpenMP threads busy-wait by default (libgomp), which makes translation up to 10x
# slower whenever another process (another batch worker, anything else) shares the cores. Read
# when CTranslate2 is first imported.
THREAD_ENVIRONMENT = {"OPENBLAS_NUM_THREADS": "1", "OMP_WAIT_POLICY": "PASSIVE"}


def apply_thread_settings() -> None:
    """Set THREAD_ENVIRONMENT where the user has not set those variables already.

    Call before numpy or CTranslate2 is imported; later it changes nothing (harmlessly).
    """
    for name, value in THREAD_ENVIRONMENT.items():
        os.environ.setdefault(name, value)
