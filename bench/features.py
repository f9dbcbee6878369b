"""Benchmark of pyrule's question commands against a plain query.

- explain: the time of `pyrule explain` (solve + the tree) as a ratio to the
  plain query it builds on (solve + results), on the bundled scenarios; the
  explanation reads the provenance already in the answer sets, so the ratio
  should stay close to 1.
- check: how the bounded search for a conflict in any scenario grows with
  --depth on the bundled charters (the UN Charter alone, and with NATO).

Each measurement is the median of --repeat runs, in process (imports and the
parser's tables warmed once, not timed).

    python bench/features.py [--repeat 5] [--max-depth 3] [--markdown]
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pyrule.api import answer_bundle, positions_for  # noqa: E402
from pyrule.compile import Program, compile_charters  # noqa: E402
from pyrule.check import Names  # noqa: E402
from pyrule.consistency import search  # noqa: E402
from pyrule.explain import explain  # noqa: E402
from pyrule.library import load_bundle, load_charter  # noqa: E402
from pyrule.parse import parse_question  # noqa: E402

QUESTIONS = {
    "iraq-kuwait-1990": "FRA must apply trade-embargo against IRQ on 1990-08-07",
    "ukraine-2022": "UKR may use-force against RUS on 2022-03-15",
    "korea-1950": "GBR is recommended to give-assistance to KOR on 1950-06-28",
}


def median_time(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--max-depth", type=int, default=3)
    ap.add_argument("--markdown", action="store_true")
    args = ap.parse_args()
    rows = []
    for name, question in QUESTIONS.items():
        bundle = load_bundle(name)
        ex = parse_question(question)
        answer_bundle(bundle)   # warm
        plain = median_time(lambda: answer_bundle(bundle), args.repeat)
        both = median_time(lambda: explain(answer_bundle(bundle, explaining=True), ex), args.repeat)
        answer = answer_bundle(bundle, explaining=True)
        tree_only = median_time(lambda: explain(answer, ex), args.repeat)
        rows.append(("explain", name, f"{plain:.3f}", f"{both:.3f}", f"{both / plain:.2f}x",
                     f"tree alone {tree_only * 1000:.1f} ms"))
    # the synthetic scale case (bench/synthetic.py, 2,000 events, 200 norms): explain every 10th conclusion
    sys.path.insert(0, str(ROOT / "bench"))
    import synthetic  # noqa: E402
    from pyrule import ast as A  # noqa: E402
    from pyrule.library import Bundle, load_membership  # noqa: E402
    from pyrule.parse import parse_charter, parse_scenario  # noqa: E402

    case = synthetic.generate(1, 2000, 200)
    ch = parse_charter(case.charter_text(), "syn.charter")
    sc = parse_scenario(case.scenario_text(), "syn.scenario")
    bundle = Bundle(sc, (ch,), tuple(load_membership(sc.memberships[0])))
    plain = median_time(lambda: answer_bundle(bundle), args.repeat)
    answer = answer_bundle(bundle, explaining=True)
    picked = answer.conclusions[::10]
    claims = [A.Expectation(c.start, (), False, "one", c.actor, (), c.status,
                            A.ActSpec(A.Const(c.action), A.Const(c.object) if c.object else None,
                                      A.Const(c.target) if c.target not in (None, "any") else None), False, ())
              for c in picked]
    trees = median_time(lambda: [explain(answer, ex) for ex in claims], args.repeat)
    rows.append(("explain", "synthetic 2000/200", f"{plain:.3f}", f"{plain + trees:.3f}",
                 f"{(plain + trees) / plain:.2f}x", f"{len(claims)} trees, {trees * 1000 / max(1, len(claims)):.1f} ms each"))
    for charters in (("un",), ("un", "nato")):
        loaded = tuple(load_charter(c) for c in charters)
        program = Program()
        compile_charters(loaded, program, Names(loaded))
        fixed = positions_for(program, None, {})
        for depth in range(1, args.max_depth + 1):
            t = median_time(lambda: search(loaded, (), depth, fixed), max(1, args.repeat // 2))
            result = search(loaded, (), depth, fixed)
            rows.append(("check", "+".join(charters), f"depth {depth}", f"{t:.2f}", result.finding.code,
                         f"{result.candidates} candidate facts, {result.actors} states"))
    header = ("what", "case", "query s / depth", "time s", "ratio / result", "notes")
    if args.markdown:
        print("| " + " | ".join(header) + " |")
        print("|" + "---|" * len(header))
        for r in rows:
            print("| " + " | ".join(r) + " |")
    else:
        widths = [max(len(str(x)) for x in col) for col in zip(header, *rows)]
        for r in (header, *rows):
            print("  ".join(str(x).ljust(w) for x, w in zip(r, widths)))
    print(f"peak memory of this process: {peak_mb():.0f} MB")


if __name__ == "__main__":
    main()
