"""Two figures from the command line: the bundled query, and `check un nato`.

  query   `python cli.py query --scenario iraq-kuwait-1990 --actor FRA --at
          1990-08-07`, wall time of the whole process, with the cache warm
          (a private PYRULE_CACHE_DIR filled by one untimed run first) and
          cold (PYRULE_NO_CACHE=1), interleaved run by run; then the same
          query in one process stage by stage (interpreter start, imports,
          load, ground+solve+read, filter, print, the static-findings note),
          warm and cold, to show where the time goes
  check   `python cli.py check un nato --depth 3`: wall time of one run (or
          --check-runs), stopped after --check-timeout seconds

Every child runs under an address-space cap (8 GB).

    python bench/cli_times.py [--runs 9] [--check-runs 1] [--check-timeout 600] [--no-check]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
QUERY = ["query", "--scenario", "iraq-kuwait-1990", "--actor", "FRA", "--at", "1990-08-07"]
CHECK = ["check", "un", "nato", "--depth", "3"]
CAP = 8 * 2**30

STAGES = r'''
import io, json, sys, time, contextlib
t0 = time.perf_counter()
import pyrule.cli as C
t1 = time.perf_counter()
from pyrule.api import answer_bundle, load, query as select
from pyrule.render import console, print_query
t2 = time.perf_counter()
bundle, program = load("iraq-kuwait-1990", (), sys.argv[1] == "warm")
t3 = time.perf_counter()
answer = answer_bundle(bundle, None, {}, program=program)
t4 = time.perf_counter()
import datetime as dt
at = dt.date(1990, 8, 7)
C._check_filters(answer, "FRA", None, None)
conclusions = select(answer, actor="FRA", at=at)
t5 = time.perf_counter()
with contextlib.redirect_stdout(io.StringIO()):
    print_query(console(), answer, bundle.scenario, conclusions,
                {"actor": "FRA", "action": None, "target": None, "status": None, "at": at})
t6 = time.perf_counter()
C._note_findings(bundle.charters)
t7 = time.perf_counter()
print(json.dumps({"import cli": t1 - t0, "import api+render": t2 - t1, "load (cache or parse+check+compile)": t3 - t2,
                  "ground+solve+read": t4 - t3, "filter": t5 - t4, "print": t6 - t5, "findings note": t7 - t6,
                  "conclusions": len(conclusions)}))
'''


CHECK_STAGES = r'''
import json, sys, time, datetime as dt
depth, limit = int(sys.argv[1]), float(sys.argv[2])
out = {"depth": depth}
t = time.perf_counter()
from clingo.symbol import Function, Number
from pyrule import ast as A
from pyrule.api import positions_for
from pyrule.check import check_bundle, check_charters
from pyrule.compile import FactWriter, Program, compile_bundle, compile_charters, day
from pyrule.consistency import HYPOTHETICAL, SEARCH_START, _candidates, _solve_within, static_findings
from pyrule.library import Bundle, Membership, load_charter
from pyrule.solve import ground
out["import"] = time.perf_counter() - t
def stage(name, t0):
    out[name] = time.perf_counter() - t0
    print(json.dumps(out), flush=True)
t0 = time.perf_counter()
loaded = tuple(load_charter(c) for c in ("un", "nato"))
stage("parse charters", t0); t0 = time.perf_counter()
check_charters(loaded)
program = Program()
compile_charters(loaded, program)
findings = static_findings(loaded)
stage("check + compile + static findings", t0); t0 = time.perf_counter()
fixed = positions_for(program, None, {})
# pyrule.consistency.search, stage by stage
actors = HYPOTHETICAL[:max(2, min(depth, len(HYPOTHETICAL)))]
orgs = sorted({r.membership for ch in loaded for r in ch.roles})
hyp = tuple(Membership(a, a, org, dt.date(1900, 1, 1), None) for a in actors for org in orgs)
scen = A.Scenario("search", "bounded search", tuple(c.id for c in loaded), (), (), (), (), "<search>")
bundle = Bundle(scen, loaded, hyp)
check_bundle(bundle)
prog = compile_bundle(bundle)
cands = _candidates(loaded, actors)
facts = [f"{Function('bnd', [Number(k)])}." for k in range(1, depth + 1)]
facts += [f"{Function('sday', [Number(day(SEARCH_START + dt.timedelta(days=k)))])}." for k in range(depth)]
w = FactWriter(prog)
for k, (kind, args) in enumerate(cands):
    prog.facts.append(f"cand(s({k})).")
    w.places(f"s({k})", kind, list(args))
out["candidates"] = len(cands)
stage("search: compile + candidates", t0); t0 = time.perf_counter()
ctl = ground(prog, fixed, ("search.lp",), "\n".join(facts) + "\n")
lp = ctl.statistics["problem"]["lp"] if "problem" in ctl.statistics else {}
stage("search: ground", t0)
limits = [Function("limit", [Number(k)]) for k in range(1, depth + 1)]
started = time.perf_counter()
for k in range(depth):
    t0 = time.perf_counter()
    for j, atom in enumerate(limits):
        ctl.assign_external(atom, j == k)
    r = _solve_within(ctl, lambda m: None, limit - (time.perf_counter() - started))
    out[f"search: solve bound {k + 1}"] = time.perf_counter() - t0
    out[f"bound {k + 1}"] = "stopped (time limit)" if r is None else ("witness" if r.satisfiable else "none")
    try:
        st = ctl.statistics
        out["ground atoms"] = int(st["problem"]["lp"]["atoms"])
        out["ground rules"] = int(st["problem"]["lp"]["rules"])
        out["choices so far"] = int(st["solving"]["solvers"]["choices"])
        out["conflicts so far"] = int(st["solving"]["solvers"]["conflicts"])
    except Exception:
        pass
    print(json.dumps(out), flush=True)
    if r is None or r.satisfiable:
        break
'''


def run(cmd: list[str], env: dict, timeout: float) -> dict:
    def limits() -> None:
        os.setsid()
        resource.setrlimit(resource.RLIMIT_AS, (CAP, CAP))

    out_f, err_f = tempfile.TemporaryFile(), tempfile.TemporaryFile()
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=out_f, stderr=err_f, stdin=subprocess.DEVNULL,
                         preexec_fn=limits)
    while True:
        pid, status, usage = os.wait4(p.pid, os.WNOHANG)
        if pid:
            wall = time.perf_counter() - t0
            out_f.seek(0)
            err_f.seek(0)
            return {"wall": wall, "rss_mb": usage.ru_maxrss / 1024, "code": os.waitstatus_to_exitcode(status),
                    "out": out_f.read().decode(errors="replace"), "err": err_f.read().decode(errors="replace")}
        if time.perf_counter() - t0 > timeout:
            os.killpg(p.pid, 9)
            _, status, usage = os.wait4(p.pid, 0)
            return {"wall": time.perf_counter() - t0, "rss_mb": usage.ru_maxrss / 1024, "code": None,
                    "out": "", "err": f"stopped after {timeout:g} s"}
        time.sleep(0.002)


def fmt(xs: list[float]) -> str:
    return f"{statistics.median(xs):.3f} s ({min(xs):.3f}-{max(xs):.3f}, n={len(xs)})"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    ap.add_argument("--runs", type=int, default=9)
    ap.add_argument("--check-runs", type=int, default=1)
    ap.add_argument("--check-timeout", type=float, default=600.0)
    ap.add_argument("--no-check", action="store_true")
    ap.add_argument("--check-stages", type=float, default=300.0,
                    help="seconds of solving allowed to the stage-by-stage check run at depth 3 (0: none; "
                         "depth 2 runs to the end)")
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    py = sys.executable
    cache = tempfile.mkdtemp(prefix="pyrule-cli-cache-")
    os.chmod(cache, 0o700)
    base = {k: v for k, v in os.environ.items() if k not in ("PYRULE_NO_CACHE", "PYRULE_CACHE_DIR")}
    envs = {"warm": dict(base, PYRULE_CACHE_DIR=cache), "cold": dict(base, PYRULE_NO_CACHE="1"),
            "python": base}
    cmds = {"warm": [py, "cli.py", *QUERY], "cold": [py, "cli.py", *QUERY], "python": [py, "-c", "pass"]}
    first = run(cmds["warm"], envs["warm"], 120)       # fills the cache
    assert first["code"] == 0, first["err"]
    print(f"# {' '.join(['python cli.py', *QUERY])}: {len(first['out'].splitlines())} lines of output; "
          f"cache filled in {first['wall']:.3f} s", flush=True)
    got: dict[str, list[dict]] = {k: [] for k in cmds}
    stages: dict[str, list[dict]] = {"warm": [], "cold": []}
    for k in range(args.runs):
        order = list(cmds) if k % 2 == 0 else list(cmds)[::-1]
        for name in order:
            r = run(cmds[name], envs[name], 120)
            assert r["code"] == 0, r["err"]
            got[name].append(r)
        for name in ("warm", "cold") if k % 2 == 0 else ("cold", "warm"):
            r = run([py, "-c", STAGES, name], envs[name], 120)
            assert r["code"] == 0, r["err"]
            stages[name].append(dict(json.loads(r["out"].strip().splitlines()[-1]), wall=r["wall"]))
    result: dict = {}
    print("\n| query, whole process | wall | peak MB |\n|---|---|---|")
    labels = {"warm": "cache warm", "cold": "cache off (PYRULE_NO_CACHE=1)", "python": "`python -c pass` (the interpreter alone)"}
    for name, rs in got.items():
        print(f"| {labels[name]} | {fmt([r['wall'] for r in rs])} | {statistics.median(r['rss_mb'] for r in rs):.0f} |")
        result[name] = [r["wall"] for r in rs]
    keys = [k for k in stages["warm"][0] if k not in ("conclusions", "wall")]
    print("\n| stage (in one process, medians) | cache warm | cache off |\n|---|---|---|")
    for k in keys + ["wall"]:
        label = "whole process" if k == "wall" else k
        print(f"| {label} | " + " | ".join(f"{statistics.median(s[k] for s in stages[n]):.3f}" for n in ("warm", "cold")) + " |")
    result["stages"] = stages
    if not args.no_check:
        print(f"\n# python cli.py {' '.join(CHECK)} (timeout {args.check_timeout:g} s)", flush=True)
        checks = []
        for _ in range(args.check_runs):
            r = run([py, "cli.py", *CHECK], dict(base, PYRULE_NO_CACHE="1"), args.check_timeout)
            checks.append(r)
            tail = (r["out"].strip().splitlines() or [""])[-1]
            print(f"check un nato --depth 3: {r['wall']:.1f} s, exit {r['code']}, peak {r['rss_mb']:.0f} MB; "
                  f"last line: {tail[:200]}" + (f"; stderr: {r['err'].strip()[-200:]}" if r['err'].strip() else ""),
                  flush=True)
        result["check"] = [{k: v for k, v in r.items() if k != "out"} | {"out_tail": r["out"][-3000:]} for r in checks]
        if args.check_stages > 0:
            result["check_stages"] = []
            for depth, limit in ((2, 600.0), (3, args.check_stages)):
                r = run([py, "-c", CHECK_STAGES, str(depth), str(limit)], dict(base, PYRULE_NO_CACHE="1"), limit + 120)
                lines = r["out"].strip().splitlines()
                got = json.loads(lines[-1]) if lines else {"error": r["err"][-300:]}
                result["check_stages"].append(dict(got, wall=r["wall"], rss_mb=r["rss_mb"]))
                print(f"check un nato, stage by stage, depth {depth}: " + ", ".join(
                    f"{k} {v:.2f} s" if isinstance(v, float) else f"{k} {v}" for k, v in got.items())
                      + f"; whole process {r['wall']:.1f} s, peak {r['rss_mb']:.0f} MB", flush=True)
    if args.json:
        args.json.write_text(json.dumps(result, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
