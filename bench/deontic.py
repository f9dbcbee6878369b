"""The deontic task: 3 norms over the 193 UN members, 579 events.

A small charter in pyrule's language,

    article 2(4): every member must not use-force against any state.
    article 41:   when the council decides measures M against T under article 41
                  then every member other than T must apply M against T.
    article 51:   when armed attack by A on V occurs
                  then V may use-force against A, overriding article 2(4).

and a seeded scenario of 579 dated events, 3 for each of the 193 current
members (charters/membership/un.tsv; the scenario loads the whole table,
former members too): attacks, Council measures under Art 41, uses of force
(some in self-defence, most not), failures to apply decided measures and
measures applied, in an order that makes obligations, permissions,
prohibitions, defeats and violations all occur (and some acts that break
nothing: force after being attacked, omissions before the decision).

The same data go to a plain hand-written clingo encoding (bench/deontic.lp).
The script checks that both give the same conclusions (status, actor,
action, object, target, days) and violations, then times them, interleaved
run by run, each run a fresh process:

  pyrule   cold, end to end: parse, check, compile, ground, solve, read the
           answer (no cache), in process after imports; and the whole
           process (`python -c` importing pyrule and doing the same)
  clingo   the hand encoding through clingo's Python API: load, ground,
           solve, read back (each atom's text split into a tuple); and the
           whole process of plain clingo
           (`python -m clingo facts.lp deontic.lp`, clingo's own application)

    python bench/deontic.py [--runs 7] [--out DIR] [--markdown]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(HERE), str(ROOT)]

from synthetic import read_members  # noqa: E402

HAND_LP = HERE / "deontic.lp"
INF = 3652059
FIRST_DAY, LAST_DAY = dt.date(1990, 1, 1), dt.date(1999, 12, 31)
MEASURES = ("trade-embargo", "arms-embargo", "flight-ban", "asset-freeze")
TARGET_RATIO = 1.5

CHARTER = """\
# The deontic task (bench/deontic.py): three norms of the UN Charter, simplified.
charter deo "Deontic task: three norms" in force 1945-10-24.

organ council "Security Council".
role member "Member of the United Nations" from membership un.

action use-force "threaten or use force".
action apply "apply a measure decided by the Security Council".

article 2(4) "Prohibition of the use of force":
  every member must not use-force against any state.

article 41 "Measures not involving armed force":
  when the council decides measures M against T under article 41
  then every member other than T must apply M against T.

article 51 "Self-defence":
  when armed attack by A on V occurs
  then V may use-force against A, overriding article 2(4).
"""


def generate(seed: int = 1, per_state: int = 3):
    """The events: (day, kind, args) with kind attack (A, V), measures (M, T),
    force (X, Y), omit (X, M, T), apply (X, M, T); each state is the first
    place (attacker, target of measures, actor) of `per_state` of them."""
    rng = random.Random(seed)
    members = read_members()
    states = sorted(m.code for m in members if m.end is None)
    span = (LAST_DAY - FIRST_DAY).days
    day = lambda: FIRST_DAY + dt.timedelta(days=rng.randrange(span + 1))  # noqa: E731
    other = lambda s: rng.choice([t for t in states if t != s])  # noqa: E731
    # who does what: each state gets per_state roles in the record
    kinds = []
    for s in states:
        for _ in range(per_state):
            r = rng.random()
            kinds.append((s, "attack" if r < 0.15 else "measures" if r < 0.22 else "force" if r < 0.55
                          else "omit" if r < 0.82 else "apply"))
    rng.shuffle(kinds)
    events: list[tuple[dt.date, str, tuple]] = []
    attacks: list[tuple[dt.date, str, str]] = []
    decided: list[tuple[dt.date, str, str]] = []
    # attacks and measures first, so that the acts can answer them
    for s, k in kinds:
        if k == "attack":
            v = other(s)
            d = day()
            attacks.append((d, s, v))
            events.append((d, "attack", (s, v)))
        elif k == "measures":
            m = rng.choice(MEASURES)
            d = day()
            decided.append((d, m, s))
            events.append((d, "measures", (m, s)))
    attacked_by = defaultdict(list)          # victim -> [(day, attacker)]
    for d, a, v in attacks:
        attacked_by[v].append((d, a))
    for s, k in kinds:
        if k == "force":
            if attacked_by[s] and rng.random() < 0.6:
                # against its attacker: in self-defence if after the attack
                d0, a = rng.choice(attacked_by[s])
                d = d0 + dt.timedelta(days=rng.randrange(-60, 400))
                events.append((min(max(d, FIRST_DAY), LAST_DAY), "force", (s, a)))
            else:
                events.append((day(), "force", (s, other(s))))
        elif k in ("omit", "apply"):
            against = [x for x in decided if x[2] != s]
            if not against:
                continue
            d0, m, t = rng.choice(against)
            d = d0 + dt.timedelta(days=rng.randrange(-90, 700))
            events.append((min(max(d, FIRST_DAY), LAST_DAY), k, (s, m, t)))
    events.sort()
    return states, members, events


def scenario_text(events, seed: int) -> str:
    out = [f"# The deontic task (bench/deontic.py), seed {seed}: {len(events)} events.",
           'scenario deo-case "Deontic task" uses deo.',
           'membership un from data "un".']
    for d, k, a in events:
        text = {"attack": lambda: f"armed attack by {a[0]} on {a[1]}",
                "measures": lambda: f"the council decides measures {a[0]} against {a[1]} under article 41",
                "force": lambda: f"{a[0]} use-force against {a[1]}",
                "omit": lambda: f"{a[0]} fails to apply {a[1]} against {a[2]}",
                "apply": lambda: f"{a[0]} apply {a[1]} against {a[2]}"}[k]()
        out.append(f"on {d.isoformat()}: {text}.")
    return "\n".join(out) + "\n"


def _c(name: str) -> str:
    return name.lower().replace("-", "_")


def hand_facts(members, events) -> str:
    out = [f"member({_c(m.code)},{m.start.toordinal()},{m.end.toordinal() if m.end else INF})." for m in members]
    for d, k, a in events:
        n = d.toordinal()
        out.append({"attack": lambda: f"attack({_c(a[0])},{_c(a[1])},{n}).",
                    "measures": lambda: f"measure({_c(a[0])},{_c(a[1])},{n}).",
                    "force": lambda: f"use({_c(a[0])},{_c(a[1])},{n}).",
                    "omit": lambda: f"omit({_c(a[0])},{_c(a[1])},{_c(a[2])},{n}).",
                    "apply": lambda: f"applied({_c(a[0])},{_c(a[1])},{_c(a[2])},{n})."}[k]())
    return "\n".join(out) + "\n"


# ------------------------------------------------------------------ normal forms


def merge(rows) -> set[tuple]:
    """(key..., start, end) rows, days as numbers, end exclusive (>= INF: none):
    spans of one key that overlap or touch merged; days as ISO dates."""
    spans: dict[tuple, list[tuple[int, int]]] = defaultdict(list)
    for *key, s, e in rows:
        spans[tuple(key)].append((s, min(e, INF)))
    out = set()
    for key, ivs in spans.items():
        ivs.sort()
        cs, ce = ivs[0]
        for s, e in ivs[1:]:
            if s <= ce:
                ce = max(ce, e)
            else:
                out.add((*key, cs, ce))
                cs, ce = s, e
        out.add((*key, cs, ce))
    return {(*k, dt.date.fromordinal(s).isoformat(), None if e >= INF else dt.date.fromordinal(e - 1).isoformat())
            for *k, s, e in out}


def pyrule_answer_rows(answer) -> tuple[set, set]:
    conc = merge((c.status, c.actor, c.action, c.object, c.target, c.start.toordinal(),
                  c.end.toordinal() if c.end else INF) for c in answer.conclusions)
    viol = {(v.kind, v.actor, v.action, v.object, v.target, v.start.isoformat()) for v in answer.violations}
    return conc, viol


def _name(sym) -> str | None:
    if sym.name == "none":
        return None
    return sym.name.upper() if len(sym.name) == 3 and sym.name != "any" else sym.name.replace("_", "-")


def hand_rows(symbols) -> tuple[set, set]:
    conc, viol = [], set()
    for s in symbols:
        a = s.arguments
        if s.name == "res":
            conc.append((a[0].name, _name(a[1]), _name(a[2]), _name(a[3]), _name(a[4]), a[5].number, a[6].number))
        else:
            viol.add((a[0].name, _name(a[1]), _name(a[2]), _name(a[3]), _name(a[4]),
                      dt.date.fromordinal(a[5].number).isoformat()))
    return merge(conc), viol


# ------------------------------------------------------------------ children

CHILD_PYRULE = r'''
import json, sys, time
t_imp = time.perf_counter()
sys.path[:0] = [sys.argv[3], sys.argv[4]]
from pyrule.api import positions_for
from pyrule.check import check_bundle
from pyrule.compile import compile_bundle
from pyrule.library import load_bundle
from pyrule.results import build_answer
import pyrule.solve as S
spent = []
orig = S.ground
def ground(*a, **k):
    t = time.perf_counter(); ctl = orig(*a, **k); spent.append(time.perf_counter() - t); return ctl
S.ground = ground
t0 = time.perf_counter()
bundle = load_bundle(sys.argv[1])
t1 = time.perf_counter()
check_bundle(bundle)
t2 = time.perf_counter()
program = compile_bundle(bundle)
t3 = time.perf_counter()
solution = S.solve(program, positions_for(program, None, {}))
t4 = time.perf_counter()
answer = build_answer(program, solution)
t5 = time.perf_counter()
out = {"total": t5 - t0, "import": t0 - t_imp,
       "stages": {"parse": t1 - t0, "check": t2 - t1, "compile": t3 - t2, "ground": sum(spent),
                  "solve": t4 - t3 - sum(spent), "read": t5 - t4}}
if sys.argv[2] != "-":
    from deontic import pyrule_answer_rows
    c, v = pyrule_answer_rows(answer)
    json.dump({"conclusions": sorted(map(list, c), key=str), "violations": sorted(map(list, v), key=str),
               "defeats": len(answer.defeats)}, open(sys.argv[2], "w"))
print(json.dumps(out))
'''

CHILD_CLINGO = r'''
import json, sys, time
t_imp = time.perf_counter()
sys.path[:0] = [sys.argv[4]]
import clingo
t0 = time.perf_counter()
ctl = clingo.Control(["--warn=none"])
ctl.add("base", [], open(sys.argv[1]).read())
ctl.add("base", [], open(sys.argv[2]).read())
t1 = time.perf_counter()
ctl.ground([("base", [])])
t2 = time.perf_counter()
shown = []
ctl.solve(on_model=lambda m: shown.extend(m.symbols(shown=True)))
t3 = time.perf_counter()
rows = []
for s in shown:     # res(St,X,Act,Obj,Y,S,E) and viol(K,X,Act,Obj,Y,D) as tuples, read as text (flat terms)
    t = str(s)
    *names, last = t[t.index("(") + 1:-1].split(",")
    rows.append((*names[:-1], int(names[-1]), int(last)) if t[0] == "r" else (*names, int(last)))
t4 = time.perf_counter()
out = {"total": t4 - t0, "import": t0 - t_imp,
       "stages": {"load": t1 - t0, "ground": t2 - t1, "solve": t3 - t2, "read": t4 - t3}}
if sys.argv[3] != "-":
    from deontic import hand_rows
    c, v = hand_rows(shown)
    json.dump({"conclusions": sorted(map(list, c), key=str), "violations": sorted(map(list, v), key=str)},
              open(sys.argv[3], "w"))
print(json.dumps(out))
'''


def run_child(cmd: list[str], timeout: float = 300) -> tuple[float, float, str]:
    """(wall s, peak RSS MB, stdout) of a fresh process, capped at 8 GB of address space."""
    import resource
    out_f, err_f = tempfile.TemporaryFile(), tempfile.TemporaryFile()

    def limits():
        resource.setrlimit(resource.RLIMIT_AS, (8 * 2**30, 8 * 2**30))

    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=out_f, stderr=err_f, cwd=ROOT, preexec_fn=limits, stdin=subprocess.DEVNULL,
                         env=dict(os.environ, PYRULE_NO_CACHE="1"))
    deadline = t0 + timeout
    while True:
        pid, status, usage = os.wait4(p.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() > deadline:
            p.kill()
            os.wait4(p.pid, 0)
            raise RuntimeError(f"{cmd[:3]}: timeout after {timeout} s")
        time.sleep(0.002)
    wall = time.perf_counter() - t0
    out_f.seek(0)
    err_f.seek(0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{cmd[:3]} failed: {err_f.read().decode()[-500:]}")
    return wall, usage.ru_maxrss / 1024, out_f.read().decode()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--runs", type=int, default=7, help="interleaved runs of each (default 7)")
    ap.add_argument("--out", type=Path, help="write the charter, scenario and facts here and keep them")
    ap.add_argument("--json", type=Path, help="write the figures here")
    args = ap.parse_args()
    folder = args.out or Path(tempfile.mkdtemp(prefix="pyrule-deontic-"))
    folder.mkdir(parents=True, exist_ok=True)
    states, members, events = generate(args.seed)
    (folder / "deo.charter").write_text(CHARTER)
    (folder / "deo-case.scenario").write_text(scenario_text(events, args.seed))
    (folder / "deo.facts.lp").write_text(hand_facts(members, events))
    counts = defaultdict(int)
    for _, k, _ in events:
        counts[k] += 1
    print(f"# deontic task: {len(states)} states, {len(events)} events ("
          + ", ".join(f"{k} {n}" for k, n in sorted(counts.items())) + f"), seed {args.seed}; files in {folder if args.out else 'a temporary folder'}")

    py = sys.executable
    scen = str(folder / "deo-case.scenario")
    cmds = {
        "pyrule": lambda dump: [py, "-c", CHILD_PYRULE, scen, dump, str(HERE), str(ROOT)],
        "clingo-api": lambda dump: [py, "-c", CHILD_CLINGO, str(folder / "deo.facts.lp"), str(HAND_LP), dump, str(HERE)],
        "clingo": lambda dump: [py, "-m", "clingo", "--warn=none", "--outf=0", "-V0", str(folder / "deo.facts.lp"),
                                str(HAND_LP)],
    }
    # ---- answers
    _, _, _ = run_child(cmds["pyrule"](str(folder / "pyrule.json")))
    _, _, _ = run_child(cmds["clingo-api"](str(folder / "hand.json")))
    p = json.loads((folder / "pyrule.json").read_text())
    h = json.loads((folder / "hand.json").read_text())
    pc, pv = {tuple(x) for x in p["conclusions"]}, {tuple(x) for x in p["violations"]}
    hc, hv = {tuple(x) for x in h["conclusions"]}, {tuple(x) for x in h["violations"]}
    by_status = defaultdict(int)
    for c in pc:
        by_status[c[0]] += 1
    vk = defaultdict(int)
    for v in pv:
        vk[v[0]] += 1
    equal = pc == hc and pv == hv
    print(f"answers: pyrule {len(pc)} conclusions (" + ", ".join(f"{k} {n}" for k, n in sorted(by_status.items()))
          + f"), {len(pv)} violations (" + ", ".join(f"{k} {n}" for k, n in sorted(vk.items()))
          + f"), {p['defeats']} defeats; hand {len(hc)} conclusions, {len(hv)} violations: "
          + ("EQUAL" if equal else "DIFFERENT"))
    if not equal:
        for name, a, b in (("conclusions", pc, hc), ("violations", pv, hv)):
            for r in sorted(a - b, key=str)[:5]:
                print(f"  {name} only in pyrule: {r}")
            for r in sorted(b - a, key=str)[:5]:
                print(f"  {name} only in hand:   {r}")

    # ---- timing, interleaved, each a fresh process
    got: dict[str, list] = {k: [] for k in cmds}
    for k in range(args.runs):
        order = list(cmds) if k % 2 == 0 else list(cmds)[::-1]
        for name in order:
            wall, rss, out = run_child(cmds[name]("-"))
            data = json.loads(out.strip().splitlines()[-1]) if name in ("pyrule", "clingo-api") else {}
            got[name].append({"wall": wall, "rss": rss, **data})
    med = lambda xs: statistics.median(xs)  # noqa: E731
    rng = lambda xs: f"{med(xs):.3f} ({min(xs):.3f}-{max(xs):.3f})"  # noqa: E731
    print(f"\nmedians (min-max) of {args.runs} interleaved runs, seconds\n")
    print("| what | timed part (after imports) | whole process | peak MB |")
    print("|---|---|---|---|")
    labels = {"pyrule": "pyrule, cold end to end (parse, check, compile, ground, solve, read)",
              "clingo-api": "hand encoding, clingo Python API (load, ground, solve, read)",
              "clingo": "hand encoding, plain clingo (`python -m clingo`)"}
    for name, runs in got.items():
        timed = rng([r["total"] for r in runs]) if "total" in runs[0] else "-"
        print(f"| {labels[name]} | {timed} | {rng([r['wall'] for r in runs])} | {med([r['rss'] for r in runs]):.0f} |")
    st = {s: med([r["stages"][s] for r in got["pyrule"]]) for s in got["pyrule"][0]["stages"]}
    hs = {s: med([r["stages"][s] for r in got["clingo-api"]]) for s in got["clingo-api"][0]["stages"]}
    print("\npyrule stages: " + ", ".join(f"{k} {v:.3f}" for k, v in st.items())
          + f"; import {med([r['import'] for r in got['pyrule']]):.3f} (not timed)")
    print("hand stages:   " + ", ".join(f"{k} {v:.3f}" for k, v in hs.items())
          + f"; import {med([r['import'] for r in got['clingo-api']]):.3f} (not timed)")
    r_timed = med([r["total"] for r in got["pyrule"]]) / med([r["total"] for r in got["clingo-api"]])
    r_proc = med([r["wall"] for r in got["pyrule"]]) / med([r["wall"] for r in got["clingo"]])
    print(f"\npyrule / hand encoding, timed part: {r_timed:.2f}x (target <= {TARGET_RATIO}x: "
          f"{'met' if r_timed <= TARGET_RATIO else 'NOT met'}); whole process, pyrule / plain clingo: {r_proc:.2f}x "
          f"({'met' if r_proc <= TARGET_RATIO else 'NOT met'})")
    if args.json:
        args.json.write_text(json.dumps({"equal": equal, "runs": got, "counts": dict(counts),
                                         "conclusions": len(pc), "violations": len(pv)}, indent=1))
    if not args.out:
        import shutil
        shutil.rmtree(folder, ignore_errors=True)
    return 0 if equal else 1


if __name__ == "__main__":
    sys.exit(main())
