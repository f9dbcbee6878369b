"""Random charters and scenarios, answered by two checkouts of pyrule.

For work on the encoding: generates small random charters (conditions of
several kinds joined on shared variables, `unless` and `until` riders, role
bearers with exceptions, "counts as" rules, overriding exceptions) and
scenarios (attacks, requests, cooperation, demands, measures and their end,
acts), asks this checkout and another one (`--against DIR`, e.g. a
`git worktree` of an earlier commit) for `pyrule query --format json`, and
compares the answers up to the order of lists. Prints each case that
differs, and the files to reproduce it.

    python bench/differential.py --against /tmp/old-pyrule [--cases 50] [--seed 1]
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STATES = ["USA", "GBR", "FRA", "RUS", "CHN", "IRQ", "KWT", "DEU", "POL", "UKR"]
ACTS = ["a0", "a1", "a2"]
MODALITY = ["must", "must not", "may", "is recommended to", "has power to"]


def condition(rng: random.Random, v: list[str]) -> str:
    a, b = rng.sample(v, 2) if len(v) > 1 else (v[0], v[0])
    return rng.choice([
        f"armed attack by {a} on {b} occurs",
        f"{a} requests assistance",
        f"{a} cooperates with {b}",
        f"the council demands that {a} {rng.choice(ACTS)} against {b}",
        f"enforcement action against {a} is under way",
        f"{a} {rng.choice(ACTS)} against {b}",
        f"{a} is a member",
    ])


def norm(rng: random.Random, n_articles: int) -> str:
    names = ["A", "B", "C"]
    conds, bound = [], []
    for _ in range(rng.randint(0, 3)):
        fresh = [x for x in names if x not in bound]
        pool = bound[:1] + rng.sample(fresh, min(len(fresh), 2)) if bound else rng.sample(names, 2)
        c = condition(rng, pool)
        conds.append(c)
        bound += [x for x in names if f" {x} " in f" {c} " and x not in bound]
    if not bound:
        bearer, target = rng.choice(["every member", "the council", "USA"]), rng.choice(["", " against any state"])
    else:
        bearer = rng.choice([rng.choice(bound), f"every member other than {rng.choice(bound)}", "the council"])
        target = rng.choice(["", f" against {rng.choice(bound)}"])
    head = f"{bearer} {rng.choice(MODALITY)} {rng.choice(ACTS)}{target}"
    if rng.random() < 0.2:
        head += f", overriding article {rng.randint(1, n_articles)}"
    text = (f"when {' and '.join(conds)} then " if conds else "") + head
    for kind in ("unless", "until"):
        if rng.random() < 0.25:
            rider = condition(rng, (bound or ["USA"]) + (["Z"] if rng.random() < 0.2 else []))
            text += f" {kind} {rider}"
    return text + "."


def charter(rng: random.Random, n: int) -> str:
    out = ['charter rnd "Random charter" in force 1945-10-24.', 'organ council "Council".',
           'role member "Member" from membership un.']
    out += [f'action {a} "action {a}".' for a in ACTS]
    out += ['article 41 "Measures":',
            "  the council decides measures M against T under article 41 counts as enforcement action against T."]
    for k in range(1, n + 1):
        out.append(f'article {k} "Article {k}":')
        out.append("  " + norm(rng, n))
    return "\n".join(out) + "\n"


def scenario(rng: random.Random, n: int) -> str:
    out = ['scenario rnd-case "Random case" uses rnd.', 'membership un from data "un".']
    for _ in range(n):
        d = f"1990-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        a, b = rng.sample(STATES, 2)
        out.append(f"on {d}: " + rng.choice([
            f"armed attack by {a} on {b}.",
            f"{a} requests assistance.",
            f"{a} cooperates with {b}.",
            f'the council adopts "R-{rng.randint(1, 999)}": demands that {a} {rng.choice(ACTS)} against {b}.',
            f'the council adopts "M-{rng.randint(1, 999)}": decides measures embargo against {a} under article 41.',
            f"the council ends measures embargo against {a}.",
            f"{a} {rng.choice(ACTS)} against {b}.",
        ]))
    return "\n".join(out) + "\n"


# keys added to the JSON since earlier versions, compared only where they say something
# (`incompatible_with` is null unless a charter declares incompatible actions)
NEW_KEYS = ("incompatible_with",)


def canon(x):
    if isinstance(x, dict):
        return {k: canon(v) for k, v in x.items()
                if k not in ("at", "rule_at", "event_at") and not (k in NEW_KEYS and v is None)}
    if isinstance(x, list):
        return sorted((canon(v) for v in x), key=lambda v: json.dumps(v, sort_keys=True))
    return x


def answer(root: Path, scen: Path) -> tuple[int, object]:
    run = subprocess.run([sys.executable, str(root / "cli.py"), "query", "--scenario", str(scen), "--format", "json"],
                         cwd=root, capture_output=True, text=True, timeout=300)
    if run.returncode != 0:
        return run.returncode, run.stderr.strip().splitlines()[-1:] if run.stderr else []
    return 0, canon(json.loads(run.stdout))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--against", type=Path, required=True, help="another checkout of pyrule")
    ap.add_argument("--cases", type=int, default=30)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--norms", type=int, default=8)
    ap.add_argument("--events", type=int, default=25)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    work = Path(tempfile.mkdtemp(prefix="pyrule-diff-"))
    same = differ = failed = 0
    for k in range(args.cases):
        folder = work / f"case{k}"
        folder.mkdir()
        (folder / "rnd.charter").write_text(charter(rng, args.norms), encoding="utf-8")
        scen = folder / "rnd-case.scenario"
        scen.write_text(scenario(rng, args.events), encoding="utf-8")
        here, there = answer(ROOT, scen), answer(args.against, scen)
        if here[0] or there[0]:
            failed += 1
            if here[0] != there[0]:
                differ += 1
                why = " / ".join(" ".join(side[1]) for side in (here, there) if side[0])
                print(f"case {k}: exit {here[0]} here, {there[0]} there: {why}  ({folder})")
        elif here[1] == there[1]:
            same += 1
        else:
            differ += 1
            print(f"case {k}: answers differ  ({folder})")
    print(f"{same} same, {differ} different, {failed} rejected by a checker ({args.cases} cases; files in {work})")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
