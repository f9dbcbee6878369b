"""Where pyrule's time goes on the synthetic case.

1. cProfile over parse + compile + solve + build_answer (top functions);
   with --no-solve-profile, over parse + compile only (the solve stage is a
   single clingo call anyway);
2. the grounding step by step (base, each layer, final) as pyrule.solve.ground
   does it, with the time and peak memory after each step, and the ground
   atoms per predicate (and how many of them are facts: anything else is left
   to the solver), for each variant of the rules asked for with --variants:

   shipped  rules/*.lp as they are;
   split    the four lines of layer.lp that carry layer l-1's facts into
            layer l moved into a program part `carry(l)` of their own,
            grounded just before each layer;
   tuned    split, and the rule rewrites suggested in bench/RESULTS.md
            (a projected `akind(l,F,K)` instead of `avail(l,F,K,_,_)` in the
            candidate rules; positive guard facts instead of `not haskey`,
            `not hasjoin`, `not hasnkey` and the repeated-variable check).

   The variants are experiments on a copy of the rules in memory: nothing in
   rules/ is changed. If the rules have changed so that a rewrite no longer
   applies, the variant says so and is skipped.

    python bench/profile_synthetic.py [--events 1000] [--norms 100] [--variants shipped,split,tuned]
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import re
import resource
import sys
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent)]

CARRY = re.compile(r"^(avail|aarg)\(l,[^\n]*:-\s*\w+\(l-1,[^\n]*$", re.M)

GUARDS = """
#program base.
nojoin(R,C) :- ncond(R,N), C = 2..N, C <= 3, not hasjoin(R,C).
nokey(R,C) :- cond(R,C,_), not haskey(R,C).
nonkey(R,U) :- neg(R,U,_,_), not hasnkey(R,U).
csame(R,C,J1,J2) :- cslot(R,C,J1,var(X)), cslot(R,C,J2,var(X)), J1 < J2.
"""

REWRITES = [
    ("cand(l,R,C,F) :- active(l,R), cond(R,C,K), ckey(R,C,J,V), aarg(l,F,J,V), avail(l,F,K,_,_).",
     "akind(l,F,K) :- avail(l,F,K,_,_).\n"
     "cand(l,R,C,F) :- active(l,R), cond(R,C,K), ckey(R,C,J,V), aarg(l,F,J,V), akind(l,F,K)."),
    ("cand(l,R,C,F) :- active(l,R), cond(R,C,K), not haskey(R,C), avail(l,F,K,_,_).",
     "cand(l,R,C,F) :- nokey(R,C), active(l,R), cond(R,C,K), akind(l,F,K)."),
    ("bad(l,R,C,F)  :- cand(l,R,C,F), cslot(R,C,J1,var(X)), cslot(R,C,J2,var(X)), J1 < J2,\n"
     "                 aarg(l,F,J1,V1), aarg(l,F,J2,V2), V1 != V2.",
     "bad(l,R,C,F)  :- csame(R,C,J1,J2), cand(l,R,C,F), aarg(l,F,J1,V), not aarg(l,F,J2,V)."),
    ("pair(l,R,F1,F2) :- ncond(R,N), N >= 2, match(l,R,1,F1), not hasjoin(R,2), match(l,R,2,F2).",
     "pair(l,R,F1,F2) :- nojoin(R,2), match(l,R,1,F1), match(l,R,2,F2)."),
    ("triple(l,R,F1,F2,F3) :- ncond(R,3), pair(l,R,F1,F2), not hasjoin(R,3), match(l,R,3,F3).",
     "triple(l,R,F1,F2,F3) :- nojoin(R,3), pair(l,R,F1,F2), match(l,R,3,F3)."),
    ("ncand(l,R,I,U,F) :- inst(l,R,I), neg(R,U,_,K), nkey(R,U,J,val(V)), aarg(l,F,J,V), avail(l,F,K,_,_).",
     "ncand(l,R,I,U,F) :- inst(l,R,I), neg(R,U,_,K), nkey(R,U,J,val(V)), aarg(l,F,J,V), akind(l,F,K)."),
    ("                    aarg(l,F,J,V), avail(l,F,K,_,_).",
     "                    aarg(l,F,J,V), akind(l,F,K)."),
    ("ncand(l,R,I,U,F) :- inst(l,R,I), neg(R,U,_,K), not hasnkey(R,U), avail(l,F,K,_,_).",
     "ncand(l,R,I,U,F) :- nonkey(R,U), inst(l,R,I), neg(R,U,_,K), akind(l,F,K)."),
]


class Inapplicable(Exception):
    pass


def split_layer(rules: str) -> str:
    """Move the carry lines of `#program layer(l).` into `#program carry(l).`"""
    carry = [m.group(0) for m in CARRY.finditer(rules)]
    if len(carry) != 4 or "#program layer(l)." not in rules:
        raise Inapplicable("the carry lines of layer.lp are not where they were")
    rest = CARRY.sub("", rules)
    return rest.replace("#program layer(l).", "#program carry(l).\n" + "\n".join(carry) + "\n#program layer(l).", 1)


def tune(rules: str) -> str:
    rules = split_layer(rules)
    for old, new in REWRITES:
        if old not in rules:
            raise Inapplicable(f"rule not found: {old.splitlines()[0]}")
        rules = rules.replace(old, new)
    return rules.replace("#program carry(l).", GUARDS + "#program carry(l).", 1)


def build(case):
    from pyrule.compile import compile_bundle
    from pyrule.library import Bundle, load_membership
    from pyrule.parse import parse_charter, parse_scenario
    ch = parse_charter(case.charter_text(), "syn.charter")
    sc = parse_scenario(case.scenario_text(), "syn-case.scenario")
    return compile_bundle(Bundle(sc, (ch,), tuple(load_membership(sc.memberships[0]))))


def ground_steps(program, variant: str, top_n: int) -> None:
    import clingo
    from clingo.symbol import Number
    from pyrule import solve as S

    rules = S._rules_text()
    try:
        rules = {"shipped": lambda r: r, "split": split_layer, "tuned": tune}[variant](rules)
    except Inapplicable as err:
        print(f"  variant {variant} skipped: {err}")
        return
    carry = "#program carry(l)." in rules
    ctl = clingo.Control(["--warn=none"])
    t = time.perf_counter()
    ctl.add("base", [], program.text())
    ctl.add("base", [], rules)
    print(f"  add facts+rules   {time.perf_counter() - t:8.2f} s")
    steps = [("base", [])]
    for layer in range(1, program.top + 1):
        if carry:
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
    ap.add_argument("--variants", default="shipped", help="comma-separated: shipped, split, tuned")
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

    for variant in [v.strip() for v in args.variants.split(",") if v.strip()]:
        print(f"\n== grounding step by step, rules: {variant} ({len(program.facts):,} compiled facts)")
        ground_steps(program, variant, args.top)


if __name__ == "__main__":
    main()
