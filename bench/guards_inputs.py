"""The inputs of issue 18 item 3 (resource guards), written out as files.

Shared by tests/test_guards.py and bench/guards.py:

- `states(n)`: the Iraq-Kuwait scenario with n more states declared (members
  of the UN), each attacking the next: every member's Art 2(4) duty is spelt
  out towards every state attacked, each saying weighed against every rule
  that could beat it (1,000 states ran out of memory at 7.3 GB);
- `disputes(n)`: one rule with four conditions that share no variable, over n
  disputes: n^4 instances (40 disputes: 81 s and 7 GB, then MemoryError);
- `switches(n)`: n interpretation switches, each engaged by its own attack
  and deciding its own permission: 2^n answer sets today (18: 34 s; 20 did
  not finish).
"""

from __future__ import annotations

import itertools
import string
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def _codes(n: int, taken: set[str]) -> list[str]:
    out = []
    for first in "QXZJ":
        for rest in itertools.product(string.ascii_uppercase, repeat=2):
            code = first + "".join(rest)
            if code not in taken:
                out.append(code)
    assert len(out) >= n
    return out[:n]


UN_MEMBERS = ["AFG", "AGO", "ALB", "AND", "ARE", "ARG", "ARM", "ATG", "AUS", "AUT", "AZE", "BDI", "BEL", "BEN",
              "BFA", "BGD", "BGR", "BHR", "BHS", "BIH", "BLR", "BLZ", "BOL", "BRA", "BRB", "BRN", "BTN", "BWA",
              "CAF", "CAN", "CHE", "CHL", "CHN", "CIV", "CMR", "COD", "COG", "COL", "COM", "CPV", "CRI", "CUB",
              "CYP", "CZE", "DEU", "DJI", "DMA", "DNK", "DOM", "DZA", "ECU", "EGY", "ERI", "ESP", "EST", "ETH",
              "FIN", "FJI", "FRA", "GAB", "GBR", "GEO", "GHA", "GIN", "GMB", "GNB", "GNQ", "GRC", "GRD", "GTM",
              "GUY", "HND", "HRV", "HTI", "HUN", "IDN", "IND", "IRL", "IRN", "IRQ", "ISL", "ISR", "ITA", "JAM"]


def states(folder: Path, n: int) -> Path:
    """The Iraq-Kuwait scenario with n declared states, each attacking the next."""
    from pyrule.library import load_bundle

    src = (REPO / "scenarios" / "iraq-kuwait-1990.scenario").read_text(encoding="utf-8")
    taken = set(load_bundle("iraq-kuwait-1990", ()).roster().names)
    codes = _codes(n, taken)
    decl = "".join(f'state {c} "State {c}" member of un from 1945-10-24.\n' for c in codes)
    attacks = "".join(f"on 1990-09-01: armed attack by {c} on {codes[(i + 1) % n]}.\n" for i, c in enumerate(codes))
    anchor = 'membership un-p5 from data "un-p5".\n'
    text = src.replace(anchor, anchor + decl).replace("scenario iraq-kuwait-1990", f"scenario states-{n}")
    cut = text.index("\nexpect")
    text = text[:cut] + "\n" + attacks + text[cut:]
    path = folder / f"states-{n}.scenario"
    path.write_text(text, encoding="utf-8")
    return path


DISPUTES_CHARTER = """\
charter four "Four independent conditions" in force 1945-10-24.

role member "Member of the United Nations" from membership un.
action use-force "threaten or use force".

article 1 "Four disputes at once":
  when dispute between A and B and dispute between C and D and dispute between E and F and dispute between G and H
  then A may use-force against H.
"""


def disputes(folder: Path, n: int) -> Path:
    """One rule with four conditions that share no variable, over n disputes."""
    (folder / "four.charter").write_text(DISPUTES_CHARTER, encoding="utf-8")
    pairs = [(UN_MEMBERS[k % len(UN_MEMBERS)], UN_MEMBERS[(k * 7 + 1) % len(UN_MEMBERS)]) for k in range(n)]
    pairs = [(a, b) if a != b else (a, UN_MEMBERS[(UN_MEMBERS.index(b) + 1) % len(UN_MEMBERS)]) for a, b in pairs]
    lines = ['scenario disputes-%d "Many disputes" uses four.\n' % n, 'membership un from data "un".\n']
    lines += [f"on 1990-01-{1 + k % 28:02d}: dispute between {a} and {b}.\n" for k, (a, b) in enumerate(pairs)]
    path = folder / f"disputes-{n}.scenario"
    path.write_text("".join(lines), encoding="utf-8")
    return path


def switches_charter(n: int) -> str:
    out = [f'charter many-{n} "Many contested points" in force 1945-10-24.\n\n',
           'role member "Member of the United Nations" from membership un.\n']
    out += [f'action act{k:02d} "act number {k}".\n' for k in range(1, n + 1)]
    for k in range(1, n + 1):
        out.append(f'\ninterpretation IS-P{k:02d} "Contested point {k}?":\n'
                   f'  position yes "yes" prevailing.\n  position no "no".\n')
    for k in range(1, n + 1):
        out.append(f'\narticle {k} "Point {k}":\n'
                   f'  when armed attack by A on V and IS-P{k:02d} is yes\n'
                   f'  then V may act{k:02d} against A.\n')
    return "".join(out)


def switches(folder: Path, n: int, interacting: int = 0, either: bool = False) -> Path:
    """n switches, each engaged by its own attack (states from the data), each
    deciding a permission of its own; the first `interacting` of them also
    decide one permission together (so they must be reasoned about jointly);
    with `either`, IS-P01 and IS-P02 each grant, by a rule of their own, one
    more permission (so it holds unless both are `no`: they interact only
    in what is read of the two rules together)."""
    text = switches_charter(n)
    if either:
        text += ('\naction either "an act two points each allow".\n'
                 '\narticle 901 "Allowed on point 1":\n  when armed attack by A on V and IS-P01 is yes\n'
                 '  then V may either.\n'
                 '\narticle 902 "Allowed on point 2":\n  when armed attack by A on V and IS-P02 is yes\n'
                 '  then V may either.\n')
    if interacting:
        conds = " and ".join(f"IS-P{k:02d} is yes" for k in range(1, interacting + 1))
        text += (f'\naction joint "a joint act".\n\narticle {n + 1} "All the first points at once":\n'
                 f'  when armed attack by A on V and {conds}\n  then V may joint against A.\n')
    name = f"many-{n}" + (f"-{interacting}" if interacting else "") + ("-either" if either else "")
    text = text.replace(f"charter many-{n} ", f"charter {name} ", 1)
    (folder / f"{name}.charter").write_text(text, encoding="utf-8")
    lines = [f'scenario switches-{n} "Many contested points" uses {name}.\n', 'membership un from data "un".\n']
    for k in range(1, n + 1):
        a, v = UN_MEMBERS[2 * k], UN_MEMBERS[2 * k + 1]
        lines.append(f"on 1990-02-{k:02d}: armed attack by {a} on {v}.\n")
    v1, a1, v2, a2 = UN_MEMBERS[3], UN_MEMBERS[2], UN_MEMBERS[5], UN_MEMBERS[4]
    lines.append(f"\nexpect on 1990-03-01: {v1} may act01 against {a1} is contested on IS-P01.\n"
                 f"expect on 1990-03-01: {v2} may act02 against {a2} is contested on IS-P02.\n"
                 f"expect on 1990-03-01 under IS-P01 no: not {v1} may act01 against {a1}.\n"
                 f"expect on 1990-03-01 under IS-P01 no: {v2} may act02 against {a2} is contested on IS-P02.\n"
                 f"expect on 1990-03-01 under IS-P02 yes: {v2} may act02 against {a2}.\n")
    path = folder / f"switches-{name[5:]}.scenario"
    path.write_text("".join(lines), encoding="utf-8")
    return path
