"""pyrule's benchmark: bundled query, synthetic case vs hand-written ASP, parsing.

Every run of every case is a fresh subprocess, so that its peak memory (the
child's ru_maxrss) can be measured and no case warms another's caches. The
table gives, per case, the median over the runs (and min/max) of the timed
part, and the median peak memory of the child process.

  bundled      in-process pyrule.api.run('iraq-kuwait-1990') (imports not timed)
  bundled-cli  `python cli.py query --scenario iraq-kuwait-1990 --actor FRA
               --at 1990-08-07`, cold, wall clock of the whole process
  synthetic    the generated charter + scenario (bench/synthetic.py; generating
               the text is not timed): parse + compile + ground/solve + results
  hand         the same case in hand-written ASP (bench/hand.lp, facts from
               bench/hand_facts.py; writing the facts is not timed):
               load + ground + solve + read back
  synthetic-small, hand-small
               the same two at a smaller size (--small, default 2000 events,
               200 norms), where pyrule as shipped may finish when the full
               size does not, so that there is a measured ratio
  parse        norm lines per second parsing a generated charter with one
               norm per line (the parser is built first, not timed)

The synthetic and hand outputs of the first run that finishes are compared
(bench/compare.py) and the result is printed under the table.

A run that exceeds --timeout or the memory cap (--mem-gb, as RLIMIT_AS) is
stopped and reported as such; a case is not repeated after such a run, and
no new run of a case is started once its runs would exceed --budget seconds,
so `python bench/run.py` stays within a few minutes whatever pyrule's speed.

    python bench/run.py [--events N] [--norms K] [--repeat R] [--quick] [--markdown]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CLI = ROOT / "cli.py"
CLI_ARGS = ["query", "--scenario", "iraq-kuwait-1990", "--actor", "FRA", "--at", "1990-08-07"]
CASES = ("bundled", "bundled-cli", "synthetic", "hand", "synthetic-small", "hand-small", "parse")
TARGETS = {"ratio": 1.5, "parse": 5000.0, "cli": 1.0}


# ================================================================== children
# Each function runs inside a fresh interpreter and returns a dict: the total
# timed seconds under "total", the stages under "stages", anything else.


def _child_bundled(args) -> dict:
    t0 = time.perf_counter()
    from pyrule import api
    t1 = time.perf_counter()
    answer = api.run("iraq-kuwait-1990")
    t2 = time.perf_counter()
    return {"total": t2 - t1, "stages": {"import": t1 - t0, "run": t2 - t1},
            "info": {"conclusions": len(answer.conclusions), "answer_sets": len(answer.positions)}}


def _child_synthetic(args) -> dict:
    import synthetic
    case = synthetic.generate(args.seed, args.events, args.norms)
    charter, scenario = case.charter_text(), case.scenario_text()
    from pyrule.compile import compile_bundle
    from pyrule.library import Bundle, load_membership
    from pyrule.parse import parse_charter, parse_scenario
    from pyrule.results import build_answer
    from pyrule.solve import solve

    t0 = time.perf_counter()
    ch = parse_charter(charter, "syn.charter")
    sc = parse_scenario(scenario, "syn-case.scenario")
    bundle = Bundle(sc, (ch,), tuple(load_membership(sc.memberships[0])))
    t1 = time.perf_counter()
    program = compile_bundle(bundle)
    t2 = time.perf_counter()
    solution = solve(program)
    t3 = time.perf_counter()
    answer = build_answer(program, solution)
    t4 = time.perf_counter()
    out = {"total": t4 - t0,
           "stages": {"parse": t1 - t0, "compile": t2 - t1, "solve": t3 - t2, "results": t4 - t3},
           "info": {"facts": len(program.facts), "conclusions": len(answer.conclusions),
                    "defeats": len(answer.defeats), "conflicts": len(answer.conflicts)}}
    if args.dump:
        from compare import normalise, pyrule_rows
        Path(args.dump).write_text(json.dumps(sorted(normalise(pyrule_rows(answer)), key=str)))
    return out


def _child_hand(args) -> dict:
    import synthetic
    from hand_facts import facts, run_hand
    case = synthetic.generate(args.seed, args.events, args.norms)
    text = facts(case)
    t0 = time.perf_counter()
    rows, stages, info = run_hand(text)
    t1 = time.perf_counter()
    from compare import normalise
    result = normalise(rows)
    info.update(conclusions=len(result), fact_lines=text.count("\n"))
    if args.dump:
        Path(args.dump).write_text(json.dumps(sorted(result, key=str)))
    return {"total": t1 - t0, "stages": stages, "info": info}


def _child_parse(args) -> dict:
    import synthetic
    from pyrule.parse import parse_charter, parse_scenario
    text = synthetic.parse_charter_text(args.parse_norms, args.seed)
    case = synthetic.generate(args.seed, args.events, 0)
    scen = case.scenario_text()
    parse_charter('charter w "warm-up" in force 1945-10-24.\n', "warm.charter")   # builds the parser
    t0 = time.perf_counter()
    ch = parse_charter(text, "big.charter")
    t1 = time.perf_counter()
    sc = parse_scenario(scen, "big.scenario")
    t2 = time.perf_counter()
    n = sum(len(a.rules) for a in ch.articles)
    return {"total": t1 - t0, "stages": {"charter": t1 - t0, "scenario": t2 - t1},
            "info": {"norm_lines": n, "norm_lines_per_s": n / (t1 - t0),
                     "event_lines": len(sc.events), "event_lines_per_s": len(sc.events) / (t2 - t1)}}


CHILDREN = {"bundled": _child_bundled, "synthetic": _child_synthetic, "hand": _child_hand,
            "parse": _child_parse}


def child_main(args) -> None:
    sys.path[:0] = [str(HERE), str(ROOT)]
    os.chdir(ROOT)
    try:
        out = CHILDREN[args.child](args)
    except MemoryError as err:
        out = {"error": f"out of memory ({err or 'MemoryError'})"}
    Path(args.result).write_text(json.dumps(out))


# ================================================================== parent


class Run:
    def __init__(self, ok: bool, wall: float, rss_mb: float, data: dict, note: str = "") -> None:
        self.ok, self.wall, self.rss_mb, self.data, self.note = ok, wall, rss_mb, data, note

    @property
    def total(self) -> float:
        return self.data.get("total", self.wall)


def _limits(mem_bytes: int):
    def apply() -> None:
        os.setsid()
        if mem_bytes > 0:
            resource.setrlimit(resource.RLIMIT_AS, (mem_bytes, mem_bytes))
    return apply


def spawn(cmd: list[str], timeout: float, mem_bytes: int, out_path: Path, err_path: Path) -> tuple[int | None, float, float]:
    """Run cmd; return (exit status or None on timeout, wall seconds, peak RSS in MB)."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    with open(out_path, "wb") as out, open(err_path, "wb") as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=ROOT, stdout=out, stderr=err, stdin=subprocess.DEVNULL,
                                env=env, preexec_fn=_limits(mem_bytes))
        deadline = t0 + timeout
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                wall = time.perf_counter() - t0
                proc.returncode = os.waitstatus_to_exitcode(status)
                return proc.returncode, wall, usage.ru_maxrss / 1024
            if time.perf_counter() > deadline:
                os.killpg(proc.pid, signal.SIGKILL)      # the child's own process group
                _, status, usage = os.wait4(proc.pid, 0)
                proc.returncode = -9
                return None, time.perf_counter() - t0, usage.ru_maxrss / 1024
            time.sleep(0.01)


def run_case(case: str, args, tmp: Path, k: int) -> Run:
    out_p, err_p, res_p = tmp / f"{case}.{k}.out", tmp / f"{case}.{k}.err", tmp / f"{case}.{k}.json"
    if case == "bundled-cli":
        cmd = [sys.executable, str(CLI), *CLI_ARGS]
    else:
        events, norms = args.small if case.endswith("-small") else (args.events, args.norms)
        cmd = [sys.executable, str(Path(__file__).resolve()), "--child", case.removesuffix("-small"),
               "--result", str(res_p), "--events", str(events), "--norms", str(norms), "--seed", str(args.seed),
               "--parse-norms", str(args.parse_norms)]
        if case.startswith(("synthetic", "hand")) and not (tmp / f"{case}.dump.json").exists():
            cmd += ["--dump", str(tmp / f"{case}.dump.json")]
    code, wall, rss = spawn(cmd, args.timeout, int(args.mem_gb * 2**30), out_p, err_p)
    if code is None:
        return Run(False, wall, rss, {}, f"stopped after {args.timeout:g} s (timeout)")
    data = json.loads(res_p.read_text()) if res_p.exists() else {}
    if code != 0 or "error" in data:
        err = err_p.read_text(errors="replace").strip().splitlines()
        why = data.get("error") or (err[-1] if err else f"exit status {code}")
        if any(w in why for w in ("MemoryError", "bad_alloc", "out of memory", "allocate memory")):
            why = f"out of memory (cap {args.mem_gb:g} GB): {why}"
        return Run(False, wall, rss, data, why[:160])
    return Run(True, wall, rss, data)


def _fmt_s(x: float | None) -> str:
    if x is None:
        return "-"
    return f"{x:.3f}" if x < 10 else f"{x:.1f}"


def _table(headers: list[str], rows: list[list[str]], markdown: bool) -> str:
    if markdown:
        out = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
        out += ["| " + " | ".join(r) + " |" for r in rows]
        return "\n".join(out)
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(headers)]
    line = lambda cells: "  ".join(c.ljust(w) for c, w in zip(cells, widths)).rstrip()  # noqa: E731
    return "\n".join([line(headers), line(["-" * w for w in widths]), *map(line, rows)])


def _med(xs: list[float]) -> float | None:
    return statistics.median(xs) if xs else None


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    ap.add_argument("--events", type=int, default=None, help="synthetic events (default 10000)")
    ap.add_argument("--norms", type=int, default=None, help="synthetic norms (default 1000)")
    ap.add_argument("--repeat", type=int, default=None, help="runs per case (default 5)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--parse-norms", type=int, default=None, help="norm lines for the parse case (default 20000)")
    ap.add_argument("--small", default=None,
                    help="EVENTS,NORMS of the -small cases (default 2000,200; 'none' to leave them out)")
    ap.add_argument("--quick", action="store_true", help="small sizes for a smoke run")
    ap.add_argument("--markdown", action="store_true", help="print the tables as markdown")
    ap.add_argument("--cases", default=",".join(CASES), help=f"comma-separated subset of {','.join(CASES)}")
    ap.add_argument("--timeout", type=float, default=150.0, help="seconds before a run is stopped (default 150)")
    ap.add_argument("--budget", type=float, default=150.0,
                    help="start no new run of a case once its runs would exceed this many seconds (default 150)")
    ap.add_argument("--mem-gb", type=float, default=8.0, help="address-space cap per run in GB (default 8)")
    ap.add_argument("--child", choices=sorted(CHILDREN), help=argparse.SUPPRESS)
    ap.add_argument("--result", help=argparse.SUPPRESS)
    ap.add_argument("--dump", help=argparse.SUPPRESS)
    args = ap.parse_args()
    quick = args.quick
    args.events = args.events if args.events is not None else (1_000 if quick else 10_000)
    args.norms = args.norms if args.norms is not None else (100 if quick else 1_000)
    args.repeat = args.repeat if args.repeat is not None else (3 if quick else 5)
    args.parse_norms = args.parse_norms if args.parse_norms is not None else (2_000 if quick else 20_000)
    small = args.small if args.small is not None else ("500,50" if quick else "2000,200")
    args.small = None if small == "none" else tuple(int(x) for x in small.split(","))
    if args.child:
        child_main(args)
        return 0

    cases = [c.strip() for c in args.cases.split(",") if c.strip()]
    if args.small is None:
        cases = [c for c in cases if not c.endswith("-small")]
    bad = [c for c in cases if c not in CASES]
    if bad:
        ap.error(f"unknown case(s): {', '.join(bad)}")
    commit = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True,
                            text=True).stdout.strip() or "?"
    dirty = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain", "--", "pyrule", "rules", "grammars"],
                           capture_output=True, text=True).stdout.strip()
    print(f"# pyrule benchmark  {dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M UTC}  commit {commit}"
          f"{' (+ uncommitted changes in pyrule/rules/grammars)' if dirty else ''}")
    print(f"# python {platform.python_version()}, nproc {os.cpu_count()}, events {args.events}, norms "
          f"{args.norms}{f', small {args.small[0]}/{args.small[1]}' if args.small else ''}, parse {args.parse_norms} norm lines, seed {args.seed}, repeat {args.repeat}, "
          f"timeout {args.timeout:g} s, memory cap {args.mem_gb:g} GB", flush=True)

    tmp = Path(tempfile.mkdtemp(prefix="pyrule-bench-"))
    results: dict[str, list[Run]] = {}
    notes: dict[str, str] = {}
    try:
        for case in cases:
            if case == "bundled-cli" and not CLI.exists():
                notes[case] = f"skipped: {CLI} does not exist yet"
                continue
            runs: list[Run] = []
            spent = 0.0
            for k in range(args.repeat):
                if runs:
                    typical = statistics.median(r.wall for r in runs)
                    if spent + typical > args.budget:
                        notes[case] = f"{len(runs)} of {args.repeat} runs (time budget {args.budget:g} s)"
                        break
                r = run_case(case, args, tmp, k)
                spent += r.wall
                runs.append(r)
                print(f"  {case:<12} run {k + 1}: {'%.3f s' % r.total if r.ok else 'FAILED'}"
                      f"  peak {r.rss_mb:.0f} MB{'  ' + r.note if r.note else ''}", file=sys.stderr, flush=True)
                if not r.ok:
                    notes[case] = r.note
                    break
            results[case] = runs
        report(results, notes, args, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


def report(results: dict[str, list[Run]], notes: dict[str, str], args, tmp: Path) -> None:
    md = args.markdown
    ok = {c: [r for r in rs if r.ok] for c, rs in results.items()}

    def med_total(c: str) -> float | None:
        return _med([r.total for r in ok.get(c, [])])

    def med_stage(c: str, s: str) -> float | None:
        return _med([r.data["stages"][s] for r in ok.get(c, []) if s in r.data.get("stages", {})])

    rows = []
    for case in CASES:
        if case not in results and case not in notes:
            continue
        rs, good = results.get(case, []), ok.get(case, [])
        totals = [r.total for r in good]
        detail = notes.get(case, "")
        if case == "parse" and good:
            rate = _med([r.data["info"]["norm_lines_per_s"] for r in good])
            ev = _med([r.data["info"]["event_lines_per_s"] for r in good])
            detail = (f"{rate:,.0f} norm lines/s ({good[0].data['info']['norm_lines']:,} lines); "
                      f"scenario {ev:,.0f} event lines/s" + (f"; {detail}" if detail else ""))
        elif case.startswith(("synthetic", "hand")) and good:
            info = good[0].data["info"]
            size = args.small if case.endswith("-small") else (args.events, args.norms)
            detail = (f"{size[0]:,} events, {size[1]:,} norms: {info['conclusions']:,} conclusions"
                      + (f"; {detail}" if detail else ""))
        elif case == "bundled" and good:
            detail = (f"{good[0].data['info']['conclusions']} conclusions, {good[0].data['info']['answer_sets']}"
                      f" answer sets; import {med_stage(case, 'import'):.2f} s not timed"
                      + (f"; {detail}" if detail else ""))
        rows.append([case, f"{len(good)}/{len(rs)}" if rs else "0",
                     _fmt_s(_med(totals)), _fmt_s(min(totals) if totals else None),
                     _fmt_s(max(totals) if totals else None),
                     f"{_med([r.rss_mb for r in rs]):.0f}" if rs else "-", detail])
    print()
    print(_table(["case", "runs ok", "median s", "min s", "max s", "peak MB", "notes"], rows, md))

    # ---- stages
    stage_rows = []
    for case in ("synthetic", "synthetic-small", "hand", "hand-small"):
        stages = ("parse", "compile", "solve", "results") if case.startswith("synthetic") else \
            ("load", "ground", "solve", "read")
        if ok.get(case):
            for s in stages:
                label = "ground+solve" if case.startswith("synthetic") and s == "solve" else s
                stage_rows.append([case, label, _fmt_s(med_stage(case, s))])
    if stage_rows:
        print()
        print(_table(["case", "stage", "median s"], stage_rows, md))

    # ---- ratios and targets
    print()
    lines = []
    for suffix in ("", "-small"):
        syn_c, hand_c = "synthetic" + suffix, "hand" + suffix
        if syn_c not in results:
            continue
        syn, hand = med_total(syn_c), med_total(hand_c)
        size = args.small if suffix else (args.events, args.norms)
        at = f"{size[0]:,} events, {size[1]:,} norms"
        if syn and hand:
            solve_only = med_stage(syn_c, "solve")
            lines.append(f"{syn_c} / {hand_c} ({at}), end to end: {syn / hand:.1f}x  (target <= "
                         f"{TARGETS['ratio']}x: {'met' if syn / hand <= TARGETS['ratio'] else 'NOT met'}); "
                         f"ground+solve stage only / {hand_c}: {solve_only / hand:.1f}x")
            # What the language adds before clingo starts (the hand encoding has no
            # counterpart): even with grounding and reading at the hand encoding's
            # speed, end to end could not be below 1 + this.
            front = med_stage(syn_c, "parse") + med_stage(syn_c, "compile")
            lines.append(f"{syn_c}: parse + compile alone = {front / hand:.2f} x {hand_c} end to end, so "
                         f"end to end >= {1 + front / hand:.2f}x even with grounding and reading as fast as "
                         f"{hand_c}")
        elif hand:
            failed = results[syn_c][-1] if results[syn_c] else None
            bound = f" > {failed.wall / hand:.0f}x (it ran {failed.wall:.3g} s)" if failed else ""
            lines.append(f"{syn_c} / {hand_c} ({at}):{bound} -- pyrule did not finish "
                         f"({notes.get(syn_c, 'failed')}); target <= {TARGETS['ratio']}x NOT met")
    if ok.get("parse"):
        rate = _med([r.data["info"]["norm_lines_per_s"] for r in ok["parse"]])
        lines.append(f"parsing: {rate:,.0f} norm lines/s  (target >= {TARGETS['parse']:,.0f}: "
                     f"{'met' if rate >= TARGETS['parse'] else 'NOT met'})")
    if ok.get("bundled-cli"):
        cli = med_total("bundled-cli")
        lines.append(f"bundled query from the CLI, cold: {cli:.2f} s  (target < {TARGETS['cli']:g} s: "
                     f"{'met' if cli < TARGETS['cli'] else 'NOT met'})")
    elif "bundled-cli" in notes:
        lines.append(f"bundled-cli: {notes['bundled-cli']}")

    # ---- equality of pyrule's and the hand-written conclusions
    from compare import diff
    for suffix in ("", "-small"):
        syn_c, hand_c = "synthetic" + suffix, "hand" + suffix
        p_dump, h_dump = tmp / f"{syn_c}.dump.json", tmp / f"{hand_c}.dump.json"
        if p_dump.exists() and h_dump.exists():
            p = {tuple(x) for x in json.loads(p_dump.read_text())}
            h = {tuple(x) for x in json.loads(h_dump.read_text())}
            verdict = "EQUAL" if p == h else "DIFFERENT"
            lines.append(f"same conclusions, {syn_c} vs {hand_c}: {verdict}: " + diff(p, h).replace("\n", "\n    "))
        elif syn_c in results and hand_c in results:
            lines.append(f"same conclusions, {syn_c} vs {hand_c}: not checked, pyrule did not finish "
                         f"(bench/compare.py checks any size that pyrule finishes)")
    for line in lines:
        print(("- " if md else "") + line)


if __name__ == "__main__":
    sys.path[:0] = [str(HERE), str(ROOT)]
    sys.exit(main())
