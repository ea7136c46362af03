"""How long `newsbrief batch --scheduler ADDRESS` takes to say that nothing answers at ADDRESS.

A user who mistypes the address must get the one-line error within seconds, not a hang. The
figure: wall time of the real executable against a local port where no scheduler listens
(tcp://127.0.0.1:9, refused at once, so Dask retries until its timeout), against the named
baseline, newsbrief.batch.cluster.CONNECT_TIMEOUT_S (the wait the message promises); the start-up of
`newsbrief batch` on the same folder with --no-translate and no scheduler is printed beside it,
so what is left is the wait itself. Target: within CONNECT_TIMEOUT_S + 3 s of start-up margin,
and under 20 s on a loaded machine (what tests/test_batch_dask.py asserted before this figure
moved here). Needs the Dask extra (pip install 'newsbrief[dask]').

    python benchmarks/bench_dask_connect.py [--runs 3] [--address tcp://127.0.0.1:9]
"""

from __future__ import annotations

import argparse
import importlib.util
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT))

from measure import newsbrief_cmd, run_measured  # noqa: E402

ARTICLE = (
    "Storm closes mountain pass for two days\n"
    "Heavy snow closed the main mountain pass on Tuesday, stranding dozens of trucks. "
    "Road crews worked through the night to clear drifts that reached two metres.\n"
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--address", default="tcp://127.0.0.1:9")
    args = parser.parse_args()
    if importlib.util.find_spec("distributed") is None:
        raise SystemExit("needs the Dask extra: pip install 'newsbrief[dask]'")
    from newsbrief.batch.cluster import CONNECT_TIMEOUT_S

    with tempfile.TemporaryDirectory() as tmp:
        in_dir = Path(tmp) / "in"
        in_dir.mkdir()
        (in_dir / "en.txt").write_text(ARTICLE, encoding="utf-8")
        unreachable, local = [], []
        for k in range(args.runs):
            cmd = [*newsbrief_cmd(), "batch", str(in_dir), "-o", str(Path(tmp) / f"u{k}"),
                   "--scheduler", args.address]
            result = run_measured(cmd)
            lines = result["stderr"].splitlines()
            if result["status"] != 1 or len(lines) != 1 or "cannot reach" not in lines[0]:
                raise SystemExit(f"expected one 'cannot reach' line and status 1, got "
                                 f"{result['status']}: {result['stderr'][-2000:]}")
            unreachable.append(result["wall"])
            start = run_measured([*newsbrief_cmd(), "batch", str(in_dir), "-o",
                                  str(Path(tmp) / f"l{k}"), "--no-translate", "--quiet"])
            if start["status"] != 0:
                raise SystemExit(f"the local run failed: {start['stderr'][-2000:]}")
            local.append(start["wall"])
    wall, base = statistics.median(unreachable), statistics.median(local)
    print(f"message: {lines[0]}")
    print(f"unreachable scheduler {args.address}: reported after {wall:.2f} s "
          f"(median of {args.runs}; runs {', '.join(f'{w:.2f}' for w in unreachable)})")
    ratio = wall / CONNECT_TIMEOUT_S
    print(f"baseline CONNECT_TIMEOUT_S = {CONNECT_TIMEOUT_S:.1f} s: ratio {ratio:.2f}; "
          f"start-up and a one-article local batch: {base:.2f} s, so the wait itself is "
          f"{wall - base:.2f} s")
    verdict = "OK" if wall <= min(CONNECT_TIMEOUT_S + 3 + base, 20) else "SLOW"
    print(f"target <= CONNECT_TIMEOUT_S + start-up + 3 s and < 20 s: {verdict}")


if __name__ == "__main__":
    main()
