"""pyrule's voting-power benchmark: `pyrule power` on the Council and the Assembly.

Every run is a fresh subprocess (bench/run.py's `spawn`), so that its peak
memory (the child's ru_maxrss) is its own. Per case, the table gives the
median over the runs (and min/max) of
  in process  pyrule.power.power(...) alone: reading the charter and the
              membership tables, compiling, grounding, solving, counting
              (imports not timed);
  cold CLI    `python cli.py power ORGAN ...`, wall clock of the whole process,
and the median peak memory of the CLI child.

  council-2024, council-1960   exact, 2 classes (66 and 42 vectors of yes-votes)
  assembly-2024, assembly-1946 exact, 1 class (194 and 52 vectors)
  council-estimate             the 2024 Council forced onto sampling
                               (--max-vectors 0, 10,000 orderings and coalitions)
  blocs                        a made-up assembly of the 193 (BLOCS below) whose
                               two-thirds must include every CSTO and every Rio
                               Treaty member: 3 classes, 21,546 vectors, exact

    python bench/power.py [--repeat R] [--timeout SECONDS] [--markdown]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(HERE), str(ROOT)]

from run import spawn  # noqa: E402  (bench/run.py)

CASES = {   # name: (charter, organ, day, extra CLI arguments)
    "council-2024": ("un", "council", "2024-01-01", ()),
    "council-1960": ("un", "council", "1960-05-02", ()),
    "assembly-2024": ("un", "assembly", "2024-01-01", ()),
    "assembly-1946": ("un", "assembly", "1946-01-10", ()),
    "council-estimate": ("un", "council", "2024-01-01", ("--max-vectors", "0", "--samples", "10000")),
    "blocs": ("blocs", "hall", "2024-01-01", ()),
}

BLOCS = """\
charter blocs "A made-up assembly whose blocs must concur" in force 1945-10-24.
organ hall "Hall" seated from membership un.
role csto-member "member of the CSTO" from membership csto.
role rio-member "party to the Rio Treaty" from membership rio.
article 1 "Voting":
  the hall decides other matters by two-thirds of the members present and voting including the concurring votes of every csto-member.
  the hall decides other matters by two-thirds of the members present and voting including the concurring votes of every rio-member.
"""


def charter_path(name: str, tmp: Path) -> str:
    if name == "un":
        return name
    path = tmp / f"{name}.charter"
    path.write_text(BLOCS, encoding="utf-8")
    return str(path)


def child(case: str, result: Path) -> None:
    """In a fresh interpreter: time pyrule.power.power alone."""
    charter, organ, on, extra = CASES[case]
    from pyrule.library import load_charter
    from pyrule.power import power

    options = {"max_vectors": 0, "samples": 10_000} if extra else {}
    t0 = time.perf_counter()
    p = power((load_charter(charter_path(charter, result.parent)),), organ, dt.date.fromisoformat(on), **options)
    seconds = time.perf_counter() - t0
    info = {"seats": len(p.seats), "classes": len(p.classes), "vectors": p.vectors, "method": p.method}
    result.write_text(json.dumps({"seconds": seconds, "info": info}))


def measure(case: str, repeat: int, timeout: float, tmp: Path) -> dict:
    charter, organ, on, extra = CASES[case]
    inproc, cold, rss, info, failures = [], [], [], {}, []
    for k in range(repeat):
        res = tmp / f"{case}.{k}.json"
        status, _, _ = spawn([sys.executable, __file__, "--child", case, "--result", str(res)], timeout, 0,
                             tmp / f"{case}.{k}.in.out", tmp / f"{case}.{k}.in.err")
        if status == 0:
            data = json.loads(res.read_text())
            inproc.append(data["seconds"])
            info = data["info"]
        else:
            failures.append(f"in process: {'timeout' if status is None else f'exit {status}'}")
        cmd = [sys.executable, str(ROOT / "cli.py"), "power", organ, "--charter", charter_path(charter, tmp), "--at", on,
               *extra]
        status, wall, peak = spawn(cmd, timeout, 0, tmp / f"{case}.{k}.out", tmp / f"{case}.{k}.err")
        if status == 0:
            cold.append(wall)
            rss.append(peak)
        else:
            failures.append(f"CLI: {'timeout' if status is None else f'exit {status}'}")
    return {"case": case, "inproc": inproc, "cold": cold, "rss": rss, "info": info, "failures": failures}


def _span(xs: list[float]) -> str:
    if not xs:
        return "–"
    return f"{statistics.median(xs):.3f} ({min(xs):.3f}-{max(xs):.3f})"


def report(rows: list[dict], markdown: bool) -> str:
    head = ["case", "seats", "classes", "vectors", "method", "in process s", "cold CLI s", "peak MB", "notes"]
    lines = []
    for r in rows:
        i = r["info"]
        lines.append([r["case"], str(i.get("seats", "?")), str(i.get("classes", "?")), str(i.get("vectors", "?")),
                      i.get("method", "?"), _span(r["inproc"]), _span(r["cold"]),
                      f"{statistics.median(r['rss']):.0f}" if r["rss"] else "–", "; ".join(r["failures"])])
    if markdown:
        out = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        out += ["| " + " | ".join(cells) + " |" for cells in lines]
        return "\n".join(out)
    widths = [max(len(x) for x in col) for col in zip(head, *lines)]
    return "\n".join("  ".join(c.ljust(w) for c, w in zip(cells, widths)) for cells in [head, *lines])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--timeout", type=float, default=120.0, help="seconds per run before it is stopped")
    ap.add_argument("--markdown", action="store_true")
    ap.add_argument("--case", action="append", choices=sorted(CASES), help="only these cases (repeatable)")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    ap.add_argument("--result", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(args.child, args.result)
        return
    commit = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True,
                            text=True).stdout.strip()
    print(f"{dt.datetime.now(dt.timezone.utc):%a %d %b %Y %H:%M} UTC · {platform.python_version()} · "
          f"commit {commit or '?'} · {args.repeat} runs per case")
    with tempfile.TemporaryDirectory() as tmp:
        rows = [measure(case, args.repeat, args.timeout, Path(tmp)) for case in (args.case or CASES)]
    print(report(rows, args.markdown))


if __name__ == "__main__":
    main()
