"""A seeded synthetic case for benchmarking pyrule.

Builds, from a seed, one charter and one scenario in pyrule's own language:

* the 193 current UN members (read from charters/membership/un.tsv) as the
  states; the scenario loads the whole table with `membership un from data "un"`;
* N dated events `on DATE: the council demands that S1 aK against S2.`
  (S1 != S2, dates spread over 1990-1999, states and actions drawn with a
  Zipf-like skew, since a few states and a few kinds of demand dominate any
  real record);
* K norms over 200 declared actions `a0`..`a199`, each with 2 or 3 demand
  conditions joined on shared variables, some with an `unless` rider, a
  small share of `every member other than X ...` norms (these expand to
  every member), and some `may ..., overriding article N` exceptions that
  defeat the `must not` of article N on the same action.

The same data is kept as plain Python structures (`Case.events`,
`Case.norms`, `Case.members`) so that bench/hand_facts.py can write the facts
for the hand-written ASP encoding without going through pyrule.

Run it to write the two files:  python bench/synthetic.py --out /tmp/syn
"""

from __future__ import annotations

import argparse
import bisect
import csv
import datetime as dt
import itertools
import random
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MEMBERSHIP_TSV = ROOT / "charters" / "membership" / "un.tsv"

N_ACTIONS = 200
FIRST_DAY = dt.date(1990, 1, 1)
LAST_DAY = dt.date(1999, 12, 31)
IN_FORCE = dt.date(1945, 10, 24)

# Shares of the kinds of norm (the rest are plain norms on one bearer).
ROLE_SHARE = 0.02          # `every member other than X ...`
EXCEPTION_SHARE = 0.10     # `X may ..., overriding article N`
UNLESS_SHARE = 0.30        # plain norms with an `unless` rider
THREE_COND_SHARE = 0.40    # norms with 3 conditions (the rest have 2)
MODALITIES = (("forb", 0.40), ("obl", 0.30), ("perm", 0.12), ("rec", 0.12), ("power", 0.06))
WORDS = {"forb": "must not", "obl": "must", "perm": "may", "rec": "is recommended to",
         "power": "has power to"}

STATE_SKEW = 0.5           # Zipf exponent over states (shuffled by the seed)
ACTION_SKEW = 0.5          # Zipf exponent over actions


@dataclass(frozen=True)
class Cond:
    """`the council demands that SUBJ aACT against TGT`; SUBJ/TGT are variable names."""

    subj: str
    act: int
    tgt: str

    def text(self) -> str:
        return f"the council demands that {self.subj} a{self.act} against {self.tgt}"


@dataclass(frozen=True)
class Norm:
    num: int                     # article number (one norm per article)
    conds: tuple[Cond, ...]
    modality: str                # forb obl perm rec power
    bearer: str                  # variable name, or "member" for a role-bearer norm
    except_var: str | None       # role-bearer: `every member other than EXCEPT_VAR`
    act: int
    target: str                  # variable name
    unless: tuple[Cond, ...] = ()
    overrides: int | None = None  # article number this norm is an exception to

    def text(self) -> str:
        head = (f"every member other than {self.except_var}" if self.bearer == "member" else self.bearer)
        lines = [f'article {self.num} "synthetic {self.num}":',
                 "  when " + " and ".join(c.text() for c in self.conds),
                 f"  then {head} {WORDS[self.modality]} a{self.act} against {self.target}"
                 + (f", overriding article {self.overrides}" if self.overrides else "")]
        lines += [f"  unless {u.text()}" for u in self.unless]
        return "\n".join(lines) + "."

    def one_line(self) -> str:
        return " ".join(part.strip() for part in self.text().split("\n", 1)[1].splitlines())


@dataclass(frozen=True)
class Member:
    code: str
    start: dt.date
    end: dt.date | None


@dataclass
class Case:
    seed: int
    states: list[str]                         # current members: the states of the events
    members: list[Member]                     # every row of un.tsv (former members too)
    events: list[tuple[dt.date, str, int, str]] = field(default_factory=list)
    norms: list[Norm] = field(default_factory=list)

    # ---- pyrule's language

    def charter_text(self) -> str:
        out = [f"# Synthetic charter, seed {self.seed}: {len(self.norms)} norms over {N_ACTIONS} actions.",
               f"charter syn \"Synthetic charter\" in force {IN_FORCE.isoformat()}.",
               'organ council "Security Council".',
               'role member "Member of the United Nations" from membership un.']
        out += [f'action a{k} "synthetic action {k}".' for k in range(N_ACTIONS)]
        out += [n.text() for n in self.norms]
        return "\n".join(out) + "\n"

    def scenario_text(self) -> str:
        out = [f"# Synthetic scenario, seed {self.seed}: {len(self.events)} demands of the council.",
               'scenario syn-case "Synthetic case" uses syn.',
               'membership un from data "un".']
        out += [f"on {d.isoformat()}: the council demands that {s1} a{k} against {s2}."
                for d, s1, k, s2 in self.events]
        return "\n".join(out) + "\n"


def read_members(path: Path = MEMBERSHIP_TSV) -> list[Member]:
    rows = [line for line in path.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    return [Member(r["code"], dt.date.fromisoformat(r["from"]),
                   dt.date.fromisoformat(r["until"]) if r["until"] else None)
            for r in csv.DictReader(rows, delimiter="\t")]


class _Weighted:
    """Draws from a fixed list with Zipf-like weights (rank r weighs 1/r^s)."""

    def __init__(self, items: list, skew: float, rng: random.Random, shuffle: bool = True) -> None:
        self.items = list(items)
        if shuffle:
            rng.shuffle(self.items)
        self.cum = list(itertools.accumulate(1.0 / (r ** skew) for r in range(1, len(self.items) + 1)))
        self.rng = rng

    def draw(self):
        return self.items[bisect.bisect(self.cum, self.rng.random() * self.cum[-1])]


def _pick_modality(rng: random.Random) -> str:
    x, acc = rng.random(), 0.0
    for m, w in MODALITIES:
        acc += w
        if x < acc:
            return m
    return MODALITIES[-1][0]


def _conditions(rng: random.Random, actions: _Weighted, n: int) -> tuple[Cond, ...]:
    """n demand conditions over X, Y (and Z), each sharing a variable with an
    earlier one, so that the written order is always a connected join."""
    conds = [Cond("X", actions.draw(), "Y")]
    bound = ["X", "Y"]
    while len(conds) < n:
        names = bound + (["Z"] if "Z" not in bound else [])
        pairs = [(a, b) for a in names for b in names if a != b and (a in bound or b in bound)]
        subj, tgt = rng.choice(pairs)
        cond = Cond(subj, actions.draw(), tgt)
        if cond in conds:
            continue
        conds.append(cond)
        for v in (subj, tgt):
            if v not in bound:
                bound.append(v)
    return tuple(conds)


def _bound(conds: tuple[Cond, ...]) -> list[str]:
    return list(dict.fromkeys(v for c in conds for v in (c.subj, c.tgt)))


def generate(seed: int = 1, n_events: int = 10_000, n_norms: int = 1_000) -> Case:
    rng = random.Random(seed)
    members = read_members()
    states = sorted(m.code for m in members if m.end is None)
    case = Case(seed, states, members)

    # ---- events
    state_draw = _Weighted(states, STATE_SKEW, rng)
    action_draw = _Weighted(list(range(N_ACTIONS)), ACTION_SKEW, rng)
    span = (LAST_DAY - FIRST_DAY).days
    for _ in range(n_events):
        s1 = state_draw.draw()
        s2 = state_draw.draw()
        while s2 == s1:
            s2 = state_draw.draw()
        case.events.append((FIRST_DAY + dt.timedelta(days=rng.randrange(span + 1)), s1, action_draw.draw(), s2))
    case.events.sort()

    # ---- norms: conditions draw actions with the same skew as the record
    # (norms are written about the demands that actually occur), heads and
    # riders from all actions.
    cond_draw = _Weighted(action_draw.items, ACTION_SKEW, rng, shuffle=False)
    forbidding: list[Norm] = []      # plain `must not` norms an exception can override
    for num in range(1, n_norms + 1):
        r = rng.random()
        if r < ROLE_SHARE:
            conds = _conditions(rng, cond_draw, 3)
            vs = _bound(conds)
            tgt = rng.choice(vs)
            norm = Norm(num, conds, rng.choice(("obl", "forb")), "member", tgt,
                        rng.randrange(N_ACTIONS), tgt)
        elif r < ROLE_SHARE + EXCEPTION_SHARE and forbidding:
            base = rng.choice(forbidding)
            if rng.random() < 0.5 and len(base.conds) == 2:
                # the same situation and one more condition: defeats the
                # prohibition from the day the extra condition starts
                extra = _conditions(rng, cond_draw, 2)[1]
                conds = base.conds + (extra if extra not in base.conds else Cond("Y", cond_draw.draw(), "X"),)
            else:
                # the first condition of the prohibition, and another
                conds = (base.conds[0],) + _conditions(rng, cond_draw, 2)[1:]
            bound = set(_bound(conds))
            if base.bearer not in bound or base.target not in bound:
                conds = base.conds
            norm = Norm(num, conds, "perm", base.bearer, None, base.act, base.target, overrides=base.num)
        else:
            conds = _conditions(rng, cond_draw, 3 if rng.random() < THREE_COND_SHARE else 2)
            vs = _bound(conds)
            bearer = rng.choice(vs)
            target = rng.choice([v for v in vs if v != bearer])
            unless: tuple[Cond, ...] = ()
            if rng.random() < UNLESS_SHARE:
                a, b = rng.sample(vs, 2)
                unless = (Cond(a, rng.randrange(N_ACTIONS), b),)
            norm = Norm(num, conds, _pick_modality(rng), bearer, None, rng.randrange(N_ACTIONS), target, unless)
            if norm.modality == "forb":
                forbidding.append(norm)
        case.norms.append(norm)
    return case


def parse_charter_text(n_norms: int = 20_000, seed: int = 1) -> str:
    """A large charter for the parsing benchmark: the synthetic norms, each on
    one line, so that norm lines = norms."""
    case = generate(seed, n_events=0, n_norms=n_norms)
    out = case.charter_text().split("\narticle ", 1)[0].splitlines()
    for n in case.norms:
        out.append(f'article {n.num} "synthetic {n.num}": {n.one_line()}')
    return "\n".join(out) + "\n"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--events", type=int, default=10_000)
    ap.add_argument("--norms", type=int, default=1_000)
    ap.add_argument("--out", type=Path, required=True, help="folder for syn.charter and syn-case.scenario")
    args = ap.parse_args()
    case = generate(args.seed, args.events, args.norms)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "syn.charter").write_text(case.charter_text(), encoding="utf-8")
    (args.out / "syn-case.scenario").write_text(case.scenario_text(), encoding="utf-8")
    print(f"wrote {args.out}/syn.charter ({len(case.norms)} norms) and "
          f"{args.out}/syn-case.scenario ({len(case.events)} events)")


if __name__ == "__main__":
    main()
