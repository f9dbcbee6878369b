"""hand-direct: the synthetic case written by hand as one ASP rule per norm.

A second hand-written anchor beside bench/hand.lp. hand.lp keeps the norms
as data and interprets them with a few rules specialised per pattern of
variables; here each norm is written out as its own rule(s) with its own
head predicate, and the facts are split per action, the way a careful person
would write this fragment directly in ASP, without pyrule's provenance (no
fact ids, no instance lists, no rule ids in the atoms).

Since the norms are data, this module *generates* the text from the
`synthetic.generate(...)` `Case`; each emitted rule is the one a person would
write for that norm. For the norm

    article 3: when the council demands that X a120 against Y and
               the council demands that Z a151 against Y
               then Z is recommended to a171 against X
               unless the council demands that X a99 against Z.

it writes

    n3(Z,X,S) :- e_a120(X,Y,S1), e_a151(Z,Y,S2), S = (S1+S2+|S1-S2|)/2.
    res(rec,Z,171,X,S,inf) :- n3(Z,X,S), not e_a99(X,Z,_), Z != X.
    res(rec,Z,171,X,S,E)   :- n3(Z,X,S), e_a99(X,Z,E), S < E, Z != X.

The semantics of the fragment, written as directly as it goes:

* facts: `d_aK(P,Q,Day)`, one per event (the council demands that P aK
  against Q from Day on, never ended); a demand holds from its earliest
  day, so each action read by a norm has `e_aK(P,Q,D)` with that first day;
* an instance of a norm holds from the latest start of its conditions
  (conditions in order of selectivity, as bench/hand_facts.py orders them);
  `n<R>(Bearer,Target,...,S)` keeps only the variables the head and rider need;
* `unless` rider: the norm stops on the first day the rider holds (demands
  never end, so the suspension never does);
* `every member other than V`: expanded over the UN membership table
  (`member(P,From,Until)`), clipped to the days P is a member;
* `may ..., overriding article N` (N a `must not` on the same act, bearer
  and target): the prohibition holds only up to the earliest day an
  exception holds for that bearer and target; the permission holds as said.

Output: `res(M,P,A,Q,S,E)`, exactly as bench/hand.lp's.

    python bench/hand_direct.py --events 10000 --norms 1000 [--out FILE]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE)]

import clingo  # noqa: E402

from hand_facts import INF, _order, _st  # noqa: E402
from synthetic import Case, Cond, Norm  # noqa: E402


def _max(a: str, b: str) -> str:
    return f"({a}+{b}+|{a}-{b}|)/2"


def _min(a: str, b: str) -> str:
    return f"({a}+{b}-|{a}-{b}|)/2"


def _lit(c: Cond, day: str) -> str:
    return f"e_a{c.act}({c.subj},{c.tgt},{day})"


def _head_vars(n: Norm) -> list[str]:
    """The variables an instance keeps: bearer (or the excepted member), target, then the rider's."""
    first = [n.except_var if n.bearer == "member" else n.bearer, n.target]
    rest = [v for u in n.unless for v in (u.subj, u.tgt)]
    return list(dict.fromkeys(first + rest))


def _instance_rule(n: Norm, size: Counter) -> str:
    conds = _order(n.conds, size)
    body = [_lit(c, f"S{i}") for i, c in enumerate(conds, start=1)]
    start = "S1"
    for i in range(2, len(conds) + 1):
        start = _max(start, f"S{i}")
    vs = _head_vars(n)
    return f"n{n.num}({','.join(vs)},S) :- {', '.join(body)}, S = {start}."


def norm_rules(n: Norm, size: Counter, exceptions: dict[int, list[Norm]]) -> list[str]:
    """The rules of one norm (exceptions to it are written with it)."""
    r, m, a = n.num, n.modality, n.act
    vs = _head_vars(n)
    inst = f"n{r}({','.join(vs)},S)"
    out = [f"% article {r}: {n.one_line()}", _instance_rule(n, size)]
    if n.bearer == "member":
        # every member other than V: each member P on the days it is a member
        v, q = n.except_var, n.target
        neq = f"P != {v}" + (f", P != {q}" if q != v else "")
        out.append(f"res({m},P,{a},{q},{_max('S', 'F')},U) :- {inst}, member(P,F,U), S < U, {neq}.")
        return out
    p, q = n.bearer, n.target
    ex = exceptions.get(r, [])
    if not n.unless and not ex:
        out.append(f"res({m},{p},{a},{q},S,inf) :- {inst}, {p} != {q}.")
        return out
    if n.unless:
        (u,) = n.unless
        if not ex:
            out.append(f"res({m},{p},{a},{q},S,inf) :- {inst}, not e_a{u.act}({u.subj},{u.tgt},_), {p} != {q}.")
            out.append(f"res({m},{p},{a},{q},S,E) :- {inst}, e_a{u.act}({u.subj},{u.tgt},E), S < E, {p} != {q}.")
            return out
        out.append(f"o{r}({p},{q},S,inf) :- {inst}, not e_a{u.act}({u.subj},{u.tgt},_).")
        out.append(f"o{r}({p},{q},S,E) :- {inst}, e_a{u.act}({u.subj},{u.tgt},E), S < E.")
    else:
        out.append(f"o{r}({p},{q},S,inf) :- {inst}.")
    # overridden: the earliest day an exception holds for the same bearer and target
    for x in ex:
        out.append(f"x{r}(P,Q,T) :- n{x.num}(P,Q,T).      % article {x.num} overrides article {r}")
    out.append(f"xm{r}(P,Q,T) :- x{r}(P,Q,_), T = #min {{ T1 : x{r}(P,Q,T1) }}.")
    out.append(f"res({m},P,{a},Q,S,E) :- o{r}(P,Q,S,E), not x{r}(P,Q,_), P != Q.")
    out.append(f"res({m},P,{a},Q,S,{_min('T', 'E')}) :- o{r}(P,Q,S,E), xm{r}(P,Q,T), S < T, P != Q.")
    return out


def rules(case: Case) -> str:
    """The encoding: first days of the actions read, then each norm's rules."""
    size = Counter(k for k, _, _ in {(k, s1, s2) for _, s1, k, s2 in case.events})
    exceptions: dict[int, list[Norm]] = defaultdict(list)
    for n in case.norms:
        if n.overrides is not None:
            exceptions[n.overrides].append(n)
    read = sorted({c.act for n in case.norms for c in (*n.conds, *n.unless)})
    present = {k for _, _, k, _ in case.events}
    out = ["% hand-direct: the synthetic case, one rule per norm (generated by bench/hand_direct.py).",
           f"#const inf = {INF}.",
           "% a demand holds from its first day on"]
    for k in read:
        if k in present:
            out.append(f"e_a{k}(P,Q,D) :- d_a{k}(P,Q,_), D = #min {{ D1 : d_a{k}(P,Q,D1) }}.")
        else:
            out.append(f"e_a{k}(P,Q,D) :- d_a{k}(P,Q,D).")
            out.append(f"#defined d_a{k}/3.")
    for n in case.norms:
        out += norm_rules(n, size, exceptions)
    out.append("#show res/6.")
    return "\n".join(out) + "\n"


def facts(case: Case) -> str:
    out = [f"d_a{k}({_st(s1)},{_st(s2)},{d.toordinal()})." for d, s1, k, s2 in case.events]
    out += [f"member({_st(m.code)},{m.start.toordinal()},{m.end.toordinal() if m.end else INF})."
            for m in case.members]
    return "\n".join(out) + "\n"


def run_direct(facts_text: str, rules_text: str) -> tuple[list[tuple], dict[str, float], dict[str, int]]:
    """Load + ground + solve + read back, as hand_facts.run_hand."""
    t0 = time.perf_counter()
    ctl = clingo.Control(["--warn=none"])
    ctl.add("base", [], facts_text)
    ctl.add("base", [], rules_text)
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
    return rows, {"load": t1 - t0, "ground": t2 - t1, "solve": t3 - t2, "read": t4 - t3}, {"atoms": len(shown)}


def main() -> int:
    import synthetic

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--events", type=int, default=10_000)
    ap.add_argument("--norms", type=int, default=1_000)
    ap.add_argument("--out", type=Path, help="write the rules here (the facts to OUT with .facts.lp)")
    args = ap.parse_args()
    case = synthetic.generate(args.seed, args.events, args.norms)
    text, ftext = rules(case), facts(case)
    if args.out:
        args.out.write_text(text)
        args.out.with_suffix(".facts.lp").write_text(ftext)
        print(f"wrote {args.out} ({text.count(chr(10))} lines) and {args.out.with_suffix('.facts.lp')}")
        return 0
    rows, times, info = run_direct(ftext, text)
    print(f"{info['atoms']} res atoms; " + ", ".join(f"{k} {v:.3f} s" for k, v in times.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
