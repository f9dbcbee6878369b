"""The scaling series: pyrule (cold, warm) against the two hand encodings.

Points (default): synthetic events 1k / 10k / 50k / 100k at 1k norms, and
norms 100 / 1k / 10k at 10k events (10k/1k is shared: six points).

For each point the parent writes the case once to a folder (generating it is
not timed): syn.charter and syn-case.scenario for pyrule, the facts for
bench/hand.lp (bench/hand_facts.py), the facts and rules of hand-direct
(bench/hand_direct.py). Then, in rounds, each variant runs in a fresh
process, the variants interleaved and taking turns to go first:

  cold    pyrule from the files: parse (load_bundle: read + parse), check,
          compile, ground, solve, read the answer (build_answer); no cache
  warm    the same through `pyrule.api.load(..., use_cache=True)` with the
          compiled program already in a private cache (PYRULE_CACHE_DIR,
          filled by one untimed run first): cache, ground, solve, read
  hand    bench/hand.lp: load (read files + ctl.add), ground, solve, read
          (each shown atom's text split into a tuple: flat terms)
  direct  hand-direct: the same stages

"ground" for pyrule is pyrule.solve.ground (adding facts, rules/*.lp and the
generated rules to clingo, and grounding), timed by wrapping it; "solve" is
the rest of pyrule.solve.solve. So pyrule's ground+solve and the hand
encodings' load+ground+solve are the same work: everything inside clingo up
to the model's symbols. Imports are not timed (reported apart). Peak memory
is the child's ru_maxrss. Each child runs under an address-space cap
(RLIMIT_AS, --mem-gb) and a timeout; a failed run is reported with why and
its variant is not run again at that point.

Rounds: up to --repeat at a point, while the round times so far say another
fits the point's budget (--point-budget); at least one. The first run of
each variant dumps its normalised conclusions (outside the timed part) and
the parent checks all four are equal.

    python bench/scaling.py [--quick] [--repeat 3] [--json out.json] [--markdown]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(HERE), str(ROOT)]

from run import spawn  # noqa: E402

VARIANTS = ("cold", "warm", "hand", "direct")
LABEL = {"cold": "pyrule cold", "warm": "pyrule warm", "hand": "hand.lp", "direct": "hand-direct"}
FULL_POINTS = [(1_000, 1_000), (10_000, 1_000), (50_000, 1_000), (100_000, 1_000),
               (10_000, 100), (10_000, 10_000)]
QUICK_POINTS = [(1_000, 100), (3_000, 100), (1_000, 300)]
TARGETS = {"cold": 2.0, "warm": 1.5, "gs": 1.3, "mem": 1.5}


# ================================================================== children


PROGRESS: dict = {"path": None, "t0": 0.0, "marks": []}


def _mark(stage: str) -> None:
    """Note that a stage has ended (seconds since the start, peak RSS so far),
    on disk at once, so that a run stopped later still says how far it got."""
    import resource
    PROGRESS["marks"].append([stage, time.perf_counter() - PROGRESS["t0"],
                              resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024])
    if PROGRESS["path"]:
        Path(PROGRESS["path"]).write_text(json.dumps(PROGRESS["marks"]))


def _start() -> float:
    PROGRESS["t0"] = time.perf_counter()
    return PROGRESS["t0"]


def _size(ctl) -> dict:
    """What clingo grounded: atoms and rules of the ground program."""
    try:
        lp = ctl.statistics["problem"]["lp"]
        return {"atoms": int(lp["atoms"]), "rules": int(lp["rules"])}
    except (KeyError, RuntimeError, TypeError):
        return {}


def _timed_ground():
    """Wrap pyrule.solve.ground so that its time is recorded (and its control kept)."""
    import pyrule.solve as S
    spent: list[float] = []
    ctls: list = []
    orig = S.ground

    def ground(*a, **k):
        t = time.perf_counter()
        ctl = orig(*a, **k)
        spent.append(time.perf_counter() - t)
        ctls.append(ctl)
        _mark("ground")
        return ctl

    S.ground = ground
    return spent, ctls


def _dump(path: str | None, rows) -> None:
    if path:
        from compare import normalise
        Path(path).write_text(json.dumps(sorted(normalise(rows), key=str)))


def child_cold(folder: Path, dump: str | None) -> dict:
    t_imp = time.perf_counter()
    from pyrule.api import positions_for
    from pyrule.check import check_bundle
    from pyrule.compile import compile_bundle
    from pyrule.library import load_bundle
    from pyrule.results import build_answer
    from pyrule.solve import solve
    spent, ctls = _timed_ground()
    scen = str(folder / "syn-case.scenario")
    t0 = _start()
    bundle = load_bundle(scen)
    t1 = time.perf_counter()
    _mark("parse")
    check_bundle(bundle)
    t2 = time.perf_counter()
    _mark("check")
    program = compile_bundle(bundle)
    t3 = time.perf_counter()
    _mark("compile")
    solution = solve(program, positions_for(program, None, {}))
    t4 = time.perf_counter()
    _mark("solve")
    answer = build_answer(program, solution)
    t5 = time.perf_counter()
    _mark("read")
    g = sum(spent)
    out = {"total": t5 - t0, "import": t0 - t_imp,
           "stages": {"parse": t1 - t0, "check": t2 - t1, "compile": t3 - t2, "ground": g,
                      "solve": t4 - t3 - g, "read": t5 - t4},
           "info": {"conclusions": len(answer.conclusions), "defeats": len(answer.defeats),
                    "facts": len(program.facts), **(_size(ctls[0]) if ctls else {})},
           "marks": PROGRESS["marks"]}
    if dump:
        from compare import pyrule_rows
        _dump(dump, pyrule_rows(answer))
    return out


def child_warm(folder: Path, dump: str | None) -> dict:
    t_imp = time.perf_counter()
    from pyrule import api, cache
    from pyrule.results import build_answer
    from pyrule.solve import solve
    spent, ctls = _timed_ground()
    assert cache.enabled(), "PYRULE_NO_CACHE is set"
    scen = str(folder / "syn-case.scenario")
    before = set(Path(os.environ["PYRULE_CACHE_DIR"]).glob("*.pickle"))
    t0 = _start()
    bundle, program = api.load(scen, (), use_cache=True)
    t1 = time.perf_counter()
    _mark("cache")
    solution = solve(program, api.positions_for(program, None, {}))
    t2 = time.perf_counter()
    _mark("solve")
    answer = build_answer(program, solution)
    t3 = time.perf_counter()
    _mark("read")
    g = sum(spent)
    hit = program.cached_rules is not None and set(Path(os.environ["PYRULE_CACHE_DIR"]).glob("*.pickle")) == before
    out = {"total": t3 - t0, "import": t0 - t_imp,
           "stages": {"cache": t1 - t0, "ground": g, "solve": t2 - t1 - g, "read": t3 - t2},
           "info": {"conclusions": len(answer.conclusions), "cache_hit": hit, **(_size(ctls[0]) if ctls else {})}, "marks": PROGRESS["marks"]}
    if dump:
        from compare import pyrule_rows
        _dump(dump, pyrule_rows(answer))
    return out


def child_fill(folder: Path, dump: str | None) -> dict:
    """Untimed: put the compiled program into the private cache."""
    from pyrule import api
    t0 = time.perf_counter()
    api.load(str(folder / "syn-case.scenario"), (), use_cache=True)
    n = len(list(Path(os.environ["PYRULE_CACHE_DIR"]).glob("*.pickle")))
    return {"total": time.perf_counter() - t0, "stages": {}, "info": {"entries": n}}


def _child_clingo(files: list[Path], dump: str | None) -> dict:
    t_imp = time.perf_counter()
    import clingo
    t0 = _start()
    ctl = clingo.Control(["--warn=none"])
    for f in files:
        ctl.add("base", [], f.read_text(encoding="utf-8"))
    t1 = time.perf_counter()
    _mark("load")
    ctl.ground([("base", [])])
    t2 = time.perf_counter()
    _mark("ground")
    shown: list = []
    ctl.solve(on_model=lambda m: shown.extend(m.symbols(shown=True)))
    t3 = time.perf_counter()
    _mark("solve")
    rows = []
    for s in shown:     # res(M,P,A,Q,S,E), read as text (flat terms): 2-3x faster than symbol by symbol
        m, p, a, q, b, e = str(s)[4:-1].split(",")
        rows.append((m, p.upper(), "a" + a, q.upper(), int(b), int(e)))
    t4 = time.perf_counter()
    out = {"total": t4 - t0, "import": t0 - t_imp,
           "stages": {"load": t1 - t0, "ground": t2 - t1, "solve": t3 - t2, "read": t4 - t3},
           "info": {"shown": len(rows), **_size(ctl)}, "marks": PROGRESS["marks"]}
    _dump(dump, rows)
    return out


def child_hand(folder: Path, dump: str | None) -> dict:
    return _child_clingo([folder / "hand.facts.lp", HERE / "hand.lp"], dump)


def child_direct(folder: Path, dump: str | None) -> dict:
    return _child_clingo([folder / "direct.facts.lp", folder / "direct.lp"], dump)


CHILDREN = {"cold": child_cold, "warm": child_warm, "fill": child_fill, "hand": child_hand, "direct": child_direct}


# ================================================================== parent


def write_point(folder: Path, events: int, norms: int, seed: int) -> dict:
    import hand_direct
    import hand_facts
    import synthetic
    folder.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    case = synthetic.generate(seed, events, norms)
    (folder / "syn.charter").write_text(case.charter_text(), encoding="utf-8")
    (folder / "syn-case.scenario").write_text(case.scenario_text(), encoding="utf-8")
    t1 = time.perf_counter()
    (folder / "hand.facts.lp").write_text(hand_facts.facts(case), encoding="utf-8")
    t2 = time.perf_counter()
    (folder / "direct.facts.lp").write_text(hand_direct.facts(case), encoding="utf-8")
    (folder / "direct.lp").write_text(hand_direct.rules(case), encoding="utf-8")
    t3 = time.perf_counter()
    return {"gen_case": t1 - t0, "gen_hand_facts": t2 - t1, "gen_direct": t3 - t2,
            "direct_rules_lines": (folder / "direct.lp").read_text().count("\n")}


def run_child(variant: str, folder: Path, args, tag: str, dump: bool) -> dict:
    res = folder / f"{tag}.json"
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", variant, "--folder", str(folder),
           "--result", str(res)]
    if dump:
        cmd += ["--dump", str(folder / f"{variant}.dump.json")]
    env_cache = str(folder / "cache")
    os.environ["PYRULE_CACHE_DIR"] = env_cache       # spawn() passes os.environ on
    os.environ.pop("PYRULE_NO_CACHE", None)
    code, wall, rss = spawn(cmd, args.timeout, int(args.mem_gb * 2**30), folder / f"{tag}.out", folder / f"{tag}.err")
    run = {"variant": variant, "wall": wall, "rss_mb": rss, "ok": False}
    progress = Path(str(res) + ".progress")
    marks = json.loads(progress.read_text()) if progress.exists() else []
    # how far a failed run got: the last stage it finished
    reached = (f"; it had finished {marks[-1][0]} at {marks[-1][1]:.1f} s ("
               + ", ".join(f"{m[0]} {m[1]:.1f} s / {m[2]:.0f} MB" for m in marks) + ")") if marks else \
        "; it had finished no stage"
    run["marks"] = marks
    if code is None:
        run["why"] = f"timeout after {args.timeout:g} s" + reached
        return run
    data = json.loads(res.read_text()) if res.exists() else {}
    if code != 0 or not data:
        err = (folder / f"{tag}.err").read_text(errors="replace").strip().splitlines()
        why = err[-1] if err else f"exit status {code}"
        if any(w in why for w in ("MemoryError", "bad_alloc", "out of memory", "allocate memory")):
            why = f"out of memory (address space capped at {args.mem_gb:g} GB): {why}"
        run["why"] = why[:200] + reached
        return run
    run.update(data, ok=True)
    return run


def measure_point(events: int, norms: int, args, base: Path) -> dict:
    folder = base / f"p{events}x{norms}"
    point = {"events": events, "norms": norms, "runs": {v: [] for v in VARIANTS}, "failed": {}}
    point["gen"] = write_point(folder, events, norms, args.seed)
    print(f"== {events:,} events, {norms:,} norms  (written in {sum(v for k, v in point['gen'].items() if k.startswith('gen')):.1f} s)",
          file=sys.stderr, flush=True)
    t_point = time.perf_counter()
    fill = run_child("fill", folder, args, "fill", False)
    point["fill"] = fill
    print(f"   fill cache: {'%.2f s' % fill['total'] if fill['ok'] else 'FAILED ' + fill.get('why', '')}",
          file=sys.stderr, flush=True)
    variants = [v for v in VARIANTS if v != "warm" or fill["ok"]]
    if not fill["ok"]:
        point["failed"]["warm"] = "the cache could not be filled: " + fill.get("why", "")
    for k in range(args.repeat):
        live = [v for v in variants if v not in point["failed"]]
        if not live:
            break
        if k > 0:
            per_round = sum(statistics.median(r["wall"] for r in point["runs"][v]) for v in live
                            if point["runs"][v])
            if time.perf_counter() - t_point + per_round > args.point_budget:
                point["note"] = f"{k} round(s): another would pass the point's budget of {args.point_budget:g} s"
                break
        order = live[k % len(live):] + live[:k % len(live)]
        for v in order:
            r = run_child(v, folder, args, f"{v}.{k}", dump=(k == 0))
            point["runs"][v].append(r)
            print(f"   round {k + 1} {v:<6} " + (f"{r['total']:.3f} s  peak {r['rss_mb']:.0f} MB" if r["ok"]
                                                   else f"FAILED ({r['why']})  after {r['wall']:.1f} s, peak {r['rss_mb']:.0f} MB"),
                  file=sys.stderr, flush=True)
            if not r["ok"]:
                point["failed"][v] = r["why"]
    # equality of the four answers (first runs)
    dumps = {v: folder / f"{v}.dump.json" for v in VARIANTS}
    got = {v: {tuple(x) for x in json.loads(p.read_text())} for v, p in dumps.items() if p.exists()}
    point["conclusions"] = {v: len(s) for v, s in got.items()}
    if len(got) >= 2:
        ref = got.get("cold") or next(iter(got.values()))
        point["equal"] = all(s == ref for s in got.values())
        point["compared"] = sorted(got)
    point["seconds"] = time.perf_counter() - t_point
    point["load"] = os.getloadavg()
    return point


# ------------------------------------------------------------------ summary


def _ok(point: dict, v: str) -> list[dict]:
    return [r for r in point["runs"][v] if r["ok"]]


def med(point: dict, v: str, what: str = "total") -> float | None:
    rs = _ok(point, v)
    if not rs:
        return None
    if what == "total":
        return statistics.median(r["total"] for r in rs)
    if what == "gs":   # everything inside clingo up to the model's symbols
        keys = ("ground", "solve") if v in ("cold", "warm") else ("load", "ground", "solve")
        return statistics.median(sum(r["stages"][s] for s in keys) for r in rs)
    if what == "rss":
        return statistics.median(r["rss_mb"] for r in rs)
    return statistics.median(r["stages"][what] for r in rs)


def spread(point: dict, v: str, what: str = "total") -> str:
    rs = _ok(point, v)
    if not rs:
        why = point["failed"].get(v, "not run")
        short = ("out of memory" if "out of memory" in why else "timeout" if why.startswith("timeout") else why[:40])
        stage = next((r["marks"][-1][0] for r in point["runs"][v] if r.get("marks")), None)
        return f"**failed** ({short}{', after ' + stage if stage else ''})"
    if what == "total":
        xs = [r["total"] for r in rs]
    else:
        keys = ("ground", "solve") if v in ("cold", "warm") else ("load", "ground", "solve")
        xs = [sum(r["stages"][s] for s in keys) for r in rs]
    m = statistics.median(xs)
    return f"{_s(m)} ({_s(min(xs))}-{_s(max(xs))}, n={len(xs)})" if len(xs) > 1 else f"{_s(m)} (n=1)"


def _s(x: float | None) -> str:
    if x is None:
        return "-"
    return f"{x:.3f}" if x < 10 else f"{x:.1f}"


def _table(headers: list[str], rows: list[list[str]]) -> str:
    out = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    out += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(out)


def hand_best(point: dict, what: str) -> tuple[float | None, str]:
    """The faster (or, for memory, smaller) of the two hand encodings on this measure."""
    got = [(med(point, v, what), v) for v in ("hand", "direct") if med(point, v, what) is not None]
    if not got:
        return None, "-"
    x, v = min(got)
    return x, LABEL[v]


def report(points: list[dict]) -> str:
    out = []
    name = lambda p: f"{p['events']:,} / {p['norms']:,}"  # noqa: E731
    rows = []
    for p in points:
        rows.append([name(p)] + [spread(p, v) for v in VARIANTS] + [spread(p, "cold", "gs")])
    out.append("Times, seconds: median (min-max, runs) of the timed part (imports not timed)\n")
    out.append(_table(["events / norms", *(LABEL[v] for v in VARIANTS), "pyrule ground+solve (cold run)"], rows))
    rows = []
    for p in points:
        rows.append([name(p)] + [f"{med(p, v, 'rss'):.0f}" if med(p, v, 'rss') is not None else "-"
                                 for v in VARIANTS]
                    + [_s(med(p, v, "gs")) for v in ("hand", "direct", "warm")])
    out.append("\nPeak memory (MB, median of the runs' ru_maxrss) and the other encodings' clingo part (s)\n")
    out.append(_table(["events / norms", *(f"{LABEL[v]} MB" for v in VARIANTS),
                       "hand.lp load+ground+solve", "hand-direct load+ground+solve", "warm ground+solve"], rows))
    rows = []
    for p in points:
        h, hn = hand_best(p, "total")
        hg, hgn = hand_best(p, "gs")
        hm, hmn = hand_best(p, "rss")
        c, w, g, m = med(p, "cold"), med(p, "warm"), med(p, "cold", "gs"), med(p, "cold", "rss")
        r = lambda a, b, t: "-" if a is None or b is None else f"{a / b:.2f}x {'ok' if a / b <= t else 'NOT met'}"  # noqa: E731
        rows.append([name(p), f"{_s(h)} ({hn})", r(c, h, TARGETS["cold"]), r(w, h, TARGETS["warm"]),
                     f"{r(g, hg, TARGETS['gs'])} (vs {hgn})", f"{r(m, hm, TARGETS['mem'])} (vs {hmn})",
                     ("EQUAL" if p.get("equal") else "DIFFERENT" if "equal" in p else "-")
                     + (f" ({p['conclusions'].get('cold', p['conclusions'].get('hand', '?')):,})" if p.get("conclusions") else "")])
    out.append(f"\nRatios (hand = the faster of hand.lp and hand-direct on that measure; memory: the smaller). "
               f"Targets: cold <= {TARGETS['cold']}x, warm <= {TARGETS['warm']}x, ground+solve <= {TARGETS['gs']}x, "
               f"memory <= {TARGETS['mem']}x\n")
    out.append(_table(["events / norms", "hand s", "cold / hand", "warm / hand", "ground+solve / hand's",
                       "peak memory / hand's", "answers"], rows))
    rows = []
    for p in points:
        if _ok(p, "cold"):
            rows.append([name(p), "cold"] + [_s(med(p, "cold", s)) for s in ("parse", "check", "compile", "ground", "solve", "read")]
                        + [_s(med(p, "cold"))])
        if _ok(p, "warm"):
            rows.append([name(p), "warm", f"cache {_s(med(p, 'warm', 'cache'))}", "", "",
                         _s(med(p, "warm", "ground")), _s(med(p, "warm", "solve")), _s(med(p, "warm", "read")),
                         _s(med(p, "warm"))])
        for v in ("hand", "direct"):
            if _ok(p, v):
                rows.append([name(p), LABEL[v], f"load {_s(med(p, v, 'load'))}", "", "", _s(med(p, v, "ground")),
                             _s(med(p, v, "solve")), _s(med(p, v, "read")), _s(med(p, v))])
    size_rows = []
    for p in points:
        cells = []
        for v in VARIANTS:
            rs = _ok(p, v)
            i = rs[0]["info"] if rs else {}
            cells.append(f"{i['atoms']:,}" if "atoms" in i else "-")
        size_rows.append([name(p)] + cells)
    out.append("\nGround program: atoms (clingo's statistics; every one is a fact, the programs being stratified)\n")
    out.append(_table(["events / norms", *(LABEL[v] for v in VARIANTS)], size_rows))
    out.append("\nStages, seconds (medians)\n")
    out.append(_table(["events / norms", "variant", "parse", "check", "compile", "ground", "solve", "read", "total"], rows))
    notes = []
    for p in points:
        for v, why in p["failed"].items():
            notes.append(f"- {name(p)}: {LABEL[v]} failed: {why}")
        if p.get("note"):
            notes.append(f"- {name(p)}: {p['note']}")
        if p.get("load"):
            notes.append(f"- {name(p)}: {p['seconds']:.0f} s; machine load average after it "
                         f"{p['load'][0]:.2f} / {p['load'][1]:.2f} / {p['load'][2]:.2f} (1 / 5 / 15 min; 2 cores)")
        if p.get("equal") is False:
            notes.append(f"- {name(p)}: answers DIFFER: {p['conclusions']}")
        if p.get("compared") and len(p["compared"]) < len(VARIANTS):
            notes.append(f"- {name(p)}: answers compared among {', '.join(LABEL[v] for v in p['compared'])} only")
        warm = _ok(p, "warm")
        if warm and not all(r["info"].get("cache_hit") for r in warm):
            notes.append(f"- {name(p)}: a warm run did not hit the cache")
    if notes:
        out.append("\n" + "\n".join(notes))
    return "\n".join(out)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    ap.add_argument("--quick", action="store_true", help="three small points, two rounds: a smoke run")
    ap.add_argument("--points", default=None, help="EVENTSxNORMS,... instead of the default series")
    ap.add_argument("--repeat", type=int, default=None, help="rounds per point at most (default 5; quick 2)")
    ap.add_argument("--point-budget", type=float, default=None,
                    help="start no new round at a point once this many seconds would pass (default 240)")
    ap.add_argument("--timeout", type=float, default=480.0, help="seconds before a run is stopped (default 480)")
    ap.add_argument("--mem-gb", type=float, default=8.0, help="address-space cap per run, GB (default 8)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--json", type=Path, help="also write every run's figures here")
    ap.add_argument("--keep", type=Path, help="write the points' files here and keep them (default: a temporary folder)")
    ap.add_argument("--child", choices=sorted(CHILDREN), help=argparse.SUPPRESS)
    ap.add_argument("--folder", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--result", help=argparse.SUPPRESS)
    ap.add_argument("--dump", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        os.chdir(ROOT)
        PROGRESS["path"] = args.result + ".progress"
        try:
            out = CHILDREN[args.child](args.folder, args.dump)
        except MemoryError as err:
            print(f"MemoryError: out of memory {err}", file=sys.stderr)
            return 3
        Path(args.result).write_text(json.dumps(out))
        return 0
    if args.points:
        points = [tuple(int(x) for x in s.split("x")) for s in args.points.split(",")]
    else:
        points = QUICK_POINTS if args.quick else FULL_POINTS
    args.repeat = args.repeat or (2 if args.quick else 5)
    args.point_budget = args.point_budget or (60.0 if args.quick else 240.0)
    commit = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True,
                            text=True).stdout.strip() or "?"
    base_commit = subprocess.run(["git", "-C", str(ROOT), "log", "-1", "--format=%h", "--", "pyrule", "rules", "grammars"],
                                 capture_output=True, text=True).stdout.strip() or "?"
    head = (f"# scaling series {dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M UTC}, commit {commit} "
            f"(pyrule/rules/grammars last changed in {base_commit}), python {platform.python_version()}, "
            f"nproc {os.cpu_count()}, load {os.getloadavg()[0]:.2f}, seed {args.seed}, rounds <= {args.repeat}, "
            f"point budget {args.point_budget:g} s, timeout {args.timeout:g} s, cap {args.mem_gb:g} GB")
    print(head, flush=True)
    base = args.keep or Path(tempfile.mkdtemp(prefix="pyrule-scaling-"))
    t0 = time.perf_counter()
    results = []
    try:
        for events, norms in points:
            results.append(measure_point(events, norms, args, base))
            if args.json:
                args.json.write_text(json.dumps({"head": head, "points": results}, indent=1))
    finally:
        if not args.keep:
            shutil.rmtree(base, ignore_errors=True)
    print(report(results))
    print(f"\n(whole series: {(time.perf_counter() - t0) / 60:.1f} min)")
    return 0 if all(p.get("equal", True) for p in results) else 1


if __name__ == "__main__":
    sys.exit(main())
