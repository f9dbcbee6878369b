"""Where pyrule's time goes on the synthetic case.

1. cProfile over parse + compile + solve + build_answer (top functions);
   with --no-solve-profile, over parse + compile only;
2. the grounding step by step (base, then carry and layer for each layer,
   then final) as pyrule.solve.ground does it, with the time and peak memory
   after each step, and the ground atoms per predicate (and how many of them
   are facts: anything else is left to the solver).

    python bench/profile_synthetic.py [--events 1000] [--norms 100] [--no-cprofile]
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import resource
import sys
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent)]


def build(case):
    from pyrule.compile import compile_bundle
    from pyrule.library import Bundle, load_membership
    from pyrule.parse import parse_charter, parse_scenario
    ch = parse_charter(case.charter_text(), "syn.charter")
    sc = parse_scenario(case.scenario_text(), "syn-case.scenario")
    return compile_bundle(Bundle(sc, (ch,), tuple(load_membership(sc.memberships[0]))))


def ground_steps(program, top_n: int) -> None:
    import clingo
    from clingo.symbol import Number
    from pyrule import solve as S

    rules = S._rules_text()
    ctl = clingo.Control(["--warn=none"])
    t = time.perf_counter()
    ctl.add("base", [], program.text())
    ctl.add("base", [], rules)
    print(f"  add facts+rules   {time.perf_counter() - t:8.2f} s")
    steps = [("base", [])]
    for layer in range(1, program.top + 1):
        steps.append(("carry", [Number(layer)]))
        steps.append(("layer", [Number(layer)]))
    steps.append(("final", []))
    total = 0.0
    for name, params in steps:
        t = time.perf_counter()
        ctl.ground([(name, params)])
        dt_ = time.perf_counter() - t
        total += dt_
        print(f"  ground {name}{tuple(p.number for p in params) or ''}".ljust(20)
              + f"{dt_:8.2f} s   peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:,.0f} MB",
              flush=True)
    t = time.perf_counter()
    n = 0

    def on_model(m):
        nonlocal n
        n = len(m.symbols(shown=True))

    ctl.solve(on_model=on_model)
    print(f"  grounding total   {total:8.2f} s")
    print(f"  one solve         {time.perf_counter() - t:8.2f} s   ({n:,} shown atoms)")
    counts: Counter = Counter()
    facts: Counter = Counter()
    for a in ctl.symbolic_atoms:
        counts[a.symbol.name] += 1
        facts[a.symbol.name] += a.is_fact
    total_atoms = sum(counts.values())
    print(f"  ground atoms: {total_atoms:,}, of which not facts (left to the solver): "
          f"{total_atoms - sum(facts.values()):,}")
    print(f"  {'predicate':<14}{'atoms':>12}{'facts':>12}")
    for name, k in counts.most_common(top_n):
        print(f"  {name:<14}{k:>12,}{facts[name]:>12,}")


def _print_stats(prof: cProfile.Profile, top: int) -> None:
    for key in ("tottime", "cumulative"):
        s = io.StringIO()
        pstats.Stats(prof, stream=s).sort_stats(key).print_stats(top)
        text = s.getvalue()
        print(f"-- by {key}")
        print(text[text.find("   ncalls"):].rstrip())


def main() -> None:
    import synthetic
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--events", type=int, default=1000)
    ap.add_argument("--norms", type=int, default=100)
    ap.add_argument("--no-cprofile", action="store_true")
    ap.add_argument("--no-solve-profile", action="store_true",
                    help="cProfile parse + compile only (for sizes the shipped rules cannot solve)")
    ap.add_argument("--top", type=int, default=25)
    args = ap.parse_args()
    case = synthetic.generate(args.seed, args.events, args.norms)
    print(f"synthetic case: {args.events} events, {args.norms} norms, seed {args.seed}")

    if not args.no_cprofile:
        from pyrule.parse import parse_charter
        parse_charter('charter w "warm-up" in force 1945-10-24.\n', "warm.charter")   # build the parser
        prof = cProfile.Profile()
        prof.enable()
        t0 = time.perf_counter()
        program = build(case)
        t1 = time.perf_counter()
        msg = f"parse+compile {t1 - t0:.2f} s"
        if not args.no_solve_profile:
            from pyrule.results import build_answer
            from pyrule.solve import solve
            solution = solve(program)
            t2 = time.perf_counter()
            answer = build_answer(program, solution)
            t3 = time.perf_counter()
            msg += f", solve {t2 - t1:.2f} s, results {t3 - t2:.2f} s; {len(answer.conclusions):,} conclusions"
        prof.disable()
        print(f"\n== cProfile ({msg}; times inflated by the profiler)")
        _print_stats(prof, args.top)
    else:
        program = build(case)

    print(f"\n== grounding step by step ({len(program.facts):,} compiled facts)")
    ground_steps(program, args.top)


if __name__ == "__main__":
    main()
