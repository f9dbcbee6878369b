"""Facts for bench/hand.lp, straight from the generator's data, and its runner.

`facts(case)` writes the synthetic case (bench/synthetic.py) as plain ASP
facts without going through pyrule: the events as `d/4`, the membership rows
as `member/3`, each norm as a handful of facts. The conditions of each norm
are put in join order: the most selective one first (the action with the
fewest distinct demands in the data), then, among those that share a variable
with what is already bound, the most selective again; variables are renamed
x, y, z in that order (`zn` marks where z is first bound).

`run_hand(text)` loads facts + hand.lp into clingo, grounds, solves and reads
the `res/6` atoms back as (status, actor, action, target, start, end) tuples.
"""

from __future__ import annotations

import time
from collections import Counter
from pathlib import Path

import clingo

from synthetic import Case, Cond, Norm

HAND_LP = Path(__file__).resolve().parent / "hand.lp"
INF = 3652059   # date(9999, 12, 31).toordinal(), pyrule's "no end"


def _st(code: str) -> str:
    return code.lower()


def _order(conds: tuple[Cond, ...], size: Counter) -> list[Cond]:
    left = sorted(conds, key=lambda c: size[c.act])
    out = [left.pop(0)]
    bound = {out[0].subj, out[0].tgt}
    while left:
        nxt = next(c for c in left if c.subj in bound or c.tgt in bound)
        left.remove(nxt)
        out.append(nxt)
        bound |= {nxt.subj, nxt.tgt}
    return out


def norm_facts(n: Norm, size: Counter) -> list[str]:
    conds = _order(n.conds, size)
    names: dict[str, str] = {conds[0].subj: "x", conds[0].tgt: "y"}
    r = n.num
    out = [f"nc({r},{len(conds)}).", f"art({r},{r})."]
    for i, c in enumerate(conds, start=1):
        slots = []
        for v in (c.subj, c.tgt):
            if v in names:
                slots.append(names[v])
            else:
                names[v] = "z"
                slots.append("zn")
        out.append(f"c({r},{i},{c.act},{slots[0]},{slots[1]}).")
    for u in n.unless:
        out.append(f"u({r},{u.act},{names[u.subj]},{names[u.tgt]}).")
    out.append(f"h({r},{n.modality},{n.act}).")
    if n.bearer == "member":
        out.append(f"hxv({r},{names[n.except_var]}).")
    else:
        out.append(f"hbv({r},{names[n.bearer]}).")
    out.append(f"htv({r},{names[n.target]}).")
    if n.overrides is not None:
        out.append(f"ovr({r},{n.overrides}).")
    return out


def facts(case: Case) -> str:
    out = [f"d({_st(s1)},{k},{_st(s2)},{d.toordinal()})." for d, s1, k, s2 in case.events]
    out += [f"member({_st(m.code)},{m.start.toordinal()},{m.end.toordinal() if m.end else INF})."
            for m in case.members]
    size = Counter(k for k, _, _ in {(k, s1, s2) for _, s1, k, s2 in case.events})
    for n in case.norms:
        out += norm_facts(n, size)
    return "\n".join(out) + "\n"


def run_hand(text: str) -> tuple[list[tuple], dict[str, float], dict[str, int]]:
    """Load + ground + solve + read back. Returns the rows, the time of each
    stage in seconds, and a few sizes."""
    times: dict[str, float] = {}
    t0 = time.perf_counter()
    ctl = clingo.Control(["--warn=none"])
    ctl.add("base", [], text)
    ctl.add("base", [], HAND_LP.read_text(encoding="utf-8"))
    t1 = time.perf_counter()
    ctl.ground([("base", [])])
    t2 = time.perf_counter()
    shown: list[clingo.Symbol] = []
    ctl.solve(on_model=lambda m: shown.extend(m.symbols(shown=True)))
    t3 = time.perf_counter()
    rows = []
    for s in shown:
        m, p, a, q, b, e = s.arguments
        rows.append((m.name, p.name.upper(), f"a{a.number}", q.name.upper(), b.number, e.number))
    t4 = time.perf_counter()
    times.update(load=t1 - t0, ground=t2 - t1, solve=t3 - t2, read=t4 - t3)
    return rows, times, {"atoms": len(shown)}
