"""`pyrule respond` (issue 17): the pathways open after an armed attack.

Golden cases: a hypothetical attack by a permanent member on a NATO party,
and three historical ones (Iraq-Kuwait from the bare attack of 2 Aug 1990,
Ukraine 2022, the Falklands 1982). Each asserts real outcomes -- status,
who blocks, the duties a pathway creates -- all computed by the charters'
rules from hypothetical events. Then the command line end to end.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest

from pyrule.respond import LABELS, parse_event, respond
from support import table_rows

COUNCIL = ("art39", "art40", "art41", "art42")


def pathway(r, key):
    return next(p for p in r.pathways if p.key == key)


def items(p, status=None, action=None, target=None):
    return [i for i in p.items if (status is None or i.status == status) and (action is None or i.action == action)
            and (target is None or i.target == target)]


# ------------------------------------------------------------------ a permanent member attacks a NATO party


@pytest.fixture(scope="module")
def rus_est():
    return respond(event="armed attack by RUS on EST in europe on 2026-03-01")


def test_hypothetical_self_defence(rus_est):
    sd = pathway(rus_est, "self-defence")
    assert sd.status == "open"
    own = items(sd, "perm", "use-force", "RUS")
    assert any("EST" in i.actors and ("un", "51") in i.articles for i in own)
    # collective self-defence on the (hypothetical) request: every member but the attacker
    assert any(len(i.actors) == 192 and "RUS" not in i.actors for i in own)
    assert any("requests assistance" in line for line in sd.hypothetical)


def test_hypothetical_nato_article_5_contested(rus_est):
    sd = pathway(rus_est, "self-defence")
    duties = [i for i in items(sd, action="give-assistance", target="EST") if i.status in ("obl", "oblm")
              and ("nato", "5") in i.articles]
    assert duties, "NATO Art 5 engages no duty"
    assert "FRA" in {a for i in duties for a in i.actors}
    assert all(i.contest is not None for i in duties)
    assert {"IS-NATO-MEANS", "IS-NATO-TRIGGER"} <= {s for i in duties for s in i.contest.switches}
    assert "nato" in rus_est.charters
    regional = pathway(rus_est, "regional")
    assert regional.status == "open" and "nato" in regional.summary


def test_hypothetical_council_blocked_by_the_attackers_veto(rus_est):
    for key in COUNCIL:
        p = pathway(rus_est, key)
        assert p.status == "blocked", key
        assert p.passage.blocked_by == ("RUS",)
        assert set(p.passage.vetoes) == {"CHN", "FRA", "GBR", "RUS", "USA"}
        assert p.passage.possibility.could_pass is False
        assert any("RUS, the attacker, holds a permanent seat" in n for n in p.notes)
        assert p.passage.proviso and "chapter 6" in p.passage.proviso
    # what the blocked Art 41 draft would have created, for every other member
    art41 = pathway(rus_est, "art41")
    embargo = items(art41, "obl", "apply", "RUS")
    assert embargo and embargo[0].object == "trade-embargo"
    assert embargo[0].group == "every member of un but RUS (192)"


def test_hypothetical_uniting_for_peace_open_recommendations_only(rus_est):
    ufp = pathway(rus_est, "uniting-for-peace")
    assert ufp.status == "open"
    assert ufp.passage.matter == "procedural" and ufp.passage.vetoes == ()
    # whether a permanent member can veto the procedural referral turns, at most,
    # on IS-DOUBLE-VETO, and it passes on the prevailing reading
    assert ufp.passage.contest is None or ufp.passage.contest.switches == ("IS-DOUBLE-VETO",)
    assert ufp.passage.best_case == "adopted" or ufp.passage.prevailing_passes is True
    rec = items(ufp, "rec", "use-force", "RUS")
    assert rec and len(rec[0].actors) == 192
    assert not [i for i in ufp.items if i.status in ("obl", "oblm") and i.actors != ("assembly",)]


def test_hypothetical_no_member_obliged_to_use_force(rus_est):
    for p in rus_est.pathways:
        assert not [i for i in p.items if i.status in ("obl", "oblm") and i.action == "use-force"], p.key
    assert "use-force" in dict(rus_est.never_obliged)
    assert any(line.startswith("contribute-forces: un article 43") for line in rus_est.untriggered)


# ------------------------------------------------------------------ Iraq-Kuwait, the bare attack of 2 Aug 1990


@pytest.fixture(scope="module")
def irq_kwt():
    return respond(event="armed attack by IRQ on KWT on 1990-08-02")


def test_iraq_kuwait_every_council_pathway_can_pass(irq_kwt):
    assert irq_kwt.aggression == parse_event("armed attack by IRQ on KWT on 1990-08-02")
    for key in COUNCIL:
        p = pathway(irq_kwt, key)
        assert p.status == "open", key
        assert p.passage.blocked_by == () and p.passage.best_case == "adopted"
        assert p.passage.possibility.could_pass and not p.passage.possibility.must_pass
        assert "SUN" in p.passage.vetoes and "IRQ" not in p.passage.seats
    assert pathway(irq_kwt, "self-defence").status == "open"


def test_iraq_kuwait_art41_includes_what_res_661_created(irq_kwt):
    """The duties Res 661 created in the bundled scenario (6 Aug 1990) are
    among the Art 41 pathway's duties, for the same members."""
    from pyrule.api import query, run

    answer = run("iraq-kuwait-1990")
    day = dt.date(1990, 8, 7)
    res661 = [c for c in query(answer, at=day) if c.status in ("obl", "forb") and not c.entailed
              and any(e.fact.event.resolution == "S/RES/661 (1990)" for b in c.bases for e in b.events())]
    assert res661
    art41 = pathway(irq_kwt, "art41")
    mine = {(i.status, i.action, i.object, i.target): set(i.actors) for i in art41.items}
    for c in res661:
        key = (c.status, c.action, c.object, c.target)
        assert key in mine, key
        assert c.actor in mine[key]


def test_assume_changes_the_answer(irq_kwt):
    r = respond(event="armed attack by IRQ on KWT on 1990-08-02", assumptions=("CHN votes against",))
    for key in COUNCIL:
        p = pathway(r, key)
        assert p.status == "blocked" and p.passage.blocked_by == ("CHN",)
        assert p.passage.known == {"CHN": "no"}
    # the referral is procedural: China's vote is no veto on the prevailing reading
    assert pathway(r, "uniting-for-peace").status == "open"


# ------------------------------------------------------------------ bundled episodes


def test_ukraine_2022_blocked_by_russia():
    r = respond("ukraine-2022")
    assert (r.aggression.attacker, r.aggression.victim, r.aggression.day) == ("RUS", "UKR", dt.date(2022, 2, 24))
    for key in COUNCIL:
        assert pathway(r, key).status == "blocked"
        assert pathway(r, key).passage.blocked_by == ("RUS",)
    ufp = pathway(r, "uniting-for-peace")
    assert ufp.status == "open" and ufp.passage.vetoes == ()
    assert ufp.passage.contest is None or ufp.passage.contest.switches == ("IS-DOUBLE-VETO",)
    assert pathway(r, "self-defence").status == "open"


def test_falklands_1982_council_open_self_defence_of_the_uk():
    r = respond("falklands-1982")
    assert (r.aggression.attacker, r.aggression.victim, r.aggression.day) == ("ARG", "GBR", dt.date(1982, 4, 2))
    for key in COUNCIL:
        p = pathway(r, key)
        assert p.status == "open" and "ARG" not in p.passage.seats
    sd = pathway(r, "self-defence")
    assert any("GBR" in i.actors for i in items(sd, "perm", "use-force", "ARG"))
    art40 = pathway(r, "art40")
    assert {i.action for i in items(art40, target="GBR") if i.actors == ("ARG",)} >= {"withdraw", "cease-fire"}


def test_hypothetical_texts_are_parsed_with_the_names_quoted():
    r = respond(event="armed attack by IRQ on KWT on 1990-08-02")
    lines = [line for p in r.pathways for line in p.hypothetical]
    assert any(f'"{LABELS["art41"]}"' in line for line in lines)
    assert all(line.startswith("on 1990-08-02: ") for line in lines)


# ------------------------------------------------------------------ the command line


def test_cli_text(cli):
    result = cli("respond", "--event", "armed attack by IRQ on KWT on 1990-08-02")
    assert result.exit_code == 0, result.text
    out = result.stdout
    assert "1. Self-defence and treaty duties of assistance — OPEN" in out
    assert "Council: measures not involving armed force (Art 41) — OPEN" in out
    assert "apply trade-embargo against IRQ" in out
    assert "What no pathway makes obligatory:" in out
    assert "Traceback" not in result.text


def test_cli_json_schema(cli):
    result = cli("respond", "--event", "armed attack by IRQ on KWT on 1990-08-02", "--format", "json")
    assert result.exit_code == 0, result.text
    doc = json.loads(result.stdout)
    assert doc["schema"] == "pyrule.respond/1"
    assert doc["aggression"] == {"attacker": "IRQ", "victim": "KWT", "region": None, "day": "1990-08-02"}
    keys = [p["key"] for p in doc["pathways"]]
    assert keys == ["self-defence", "art39", "art40", "art41", "art42", "uniting-for-peace", "regional"]
    for p in doc["pathways"]:
        assert set(p) == {"key", "title", "status", "summary", "articles", "vote", "notes", "hypothetical", "items"}
        for i in p["items"]:
            assert {"status", "actors", "group", "action", "object", "target", "articles", "from", "to",
                    "settled", "contested", "claim"} <= set(i)
    art41 = doc["pathways"][3]
    assert art41["vote"]["could_pass"] is True and art41["vote"]["blocked_by"] == []
    assert art41["vote"]["rule"].startswith("9 affirmative votes including the concurring votes")
    assert {"action": "use-force", "permitted_by": [{"charter": "un", "article": "51"}]} in doc["never_obligatory"]


@pytest.mark.parametrize("event, where, message", [
    ("armed attak by IRQ on KWT on 1990-08-02", "--event:1:7", "unexpected 'attak'"),
    ("armed attack by IRQ on KWT on 1990-13-02", "--event:1:31", "not a real calendar date"),
    ("armed attack by IRX on KWT on 1990-08-02", "--event:1:17", "unknown state 'IRX'"),
    ("armed attack by IRQ on KWT", "--event:1:27", "an event ends with 'on YYYY-MM-DD'"),
    ("KWT requests assistance on 1990-08-02", "--event:1:1", "needs an armed attack"),
    # nothing a user writes becomes code or a second event
    ('armed attack by IRQ on KWT in eu". #script (python) on 1990-08-02', "--event:1:33", "unexpected character"),
    ("armed attack by IRQ on KWT. on 1990-08-03: KWT requests assistance on 1990-08-02", "--event:1:1",
     "needs an armed attack"),
    ("armed attack by A on KWT on 1990-08-02", "--event:1:17", "not a variable"),
    ("armed attack by IRQ on  IRQ on 1990-08-02", "--event:1:25", "both the attacker and the victim"),
])
def test_cli_bad_event(cli, event, where, message):
    result = cli("respond", "--event", event)
    assert result.exit_code == 2
    assert result.text.startswith(f"{where}: error: ") and message in result.text
    assert "^" in result.text and event.replace("\n", " ") in result.text
    assert "Traceback" not in result.text and "internal error" not in result.text


def test_cli_event_on_two_lines(cli):
    result = cli("respond", "--event", "armed attack by IRQ on KWT\non 1990-08-02")
    assert result.exit_code == 2 and "--event:1:27: error: an event is one line" in result.text


def test_cli_bad_options(cli):
    both = cli("respond", "--event", "armed attack by IRQ on KWT on 1990-08-02", "-s", "ukraine-2022")
    assert both.exit_code == 2 and "not both" in both.text
    seat = cli("respond", "--event", "armed attack by IRQ on KWT on 1990-08-02", "--assume", "DEU votes against")
    assert seat.exit_code == 2 and "no seat on the council" in seat.text
    bad = cli("respond", "--event", "armed attack by IRQ on KWT on 1990-08-02", "--assume", "CHN vetoes")
    assert bad.exit_code == 2 and "Traceback" not in bad.text
    none = cli("respond", "-s", "lockerbie-1992")
    assert none.exit_code == 2 and "no armed attack" in none.text


def test_cli_all_json(cli):
    result = cli("respond", "--all", "--format", "json")
    assert result.exit_code == 0, result.text
    doc = json.loads(result.stdout)
    assert doc["schema"] == "pyrule.respond/1"
    by = {e["scenario"]: {p["key"]: p for p in e["pathways"]} for e in doc["episodes"]}
    assert "lockerbie-1992" not in by and "nato-hypothetical" not in by
    vetoes = {e["scenario"]: e["attackers_vetoes"] for e in doc["episodes"]}
    assert vetoes["ukraine-2022"] == ["RUS"] and vetoes["iraq-kuwait-1990"] == []
    assert by["ukraine-2022"]["art41"]["status"] == "blocked"
    assert by["ukraine-2022"]["art41"]["blocked_by"] == ["RUS"]
    assert by["iraq-kuwait-1990"]["art41"]["status"] == "open"
    assert by["falklands-1982"]["art42"]["status"] == "open"


def test_cli_explain_a_line(cli):
    """`--explain` answers an item's claim against the hypothetical scenario it comes from."""
    doc = json.loads(cli("respond", "--event", "armed attack by IRQ on KWT on 1990-08-02", "--format",
                         "json").stdout)
    art41 = next(p for p in doc["pathways"] if p["key"] == "art41")
    claim = next(i["claim"] for i in art41["items"] if i["action"] == "apply")
    assert claim == "AFG must apply trade-embargo against IRQ on 1990-08-02"
    result = cli("respond", "--event", "armed attack by IRQ on KWT on 1990-08-02", "--explain",
                 "FRA must apply trade-embargo against IRQ on 1990-08-02")
    assert result.exit_code == 0, result.text
    assert "FRA is obliged to apply trade-embargo against IRQ on 1990-08-02: settled" in result.stdout
    assert "respond: Art 41 measures (hypothetical)" in result.stdout
    sd = cli("respond", "--event", "armed attack by IRQ on KWT on 1990-08-02", "--explain",
             "FRA may use-force against IRQ on 1990-08-02")
    assert sd.exit_code == 0 and "self-defence answers" in sd.stdout and "KWT requests assistance" in sd.stdout
    bad = cli("respond", "--event", "armed attack by IRQ on KWT on 1990-08-02", "--explain",
              "FRA mst use-force against IRQ on 1990-08-02")
    assert bad.exit_code == 2 and "^" in bad.text and "Traceback" not in bad.text


def test_uniting_for_peace_says_what_overrides_its_recommendation(rus_est):
    ufp = pathway(rus_est, "uniting-for-peace")
    assert any("overridden by un article 2(4)" in n and "use-force against RUS" in n for n in ufp.notes)
    art42 = pathway(rus_est, "art42")
    assert any(n.startswith("un article 42 would prevail over un article 2(4) for EST") for n in art42.notes)


# ------------------------------------------------------------------ query: rows joined over their first day


def test_query_joins_rows_that_differ_only_in_their_start(cli):
    joined = cli("query", "--at", "1990-08-07", "--action", "carry-out-decisions", "--status", "obliged")
    assert joined.exit_code == 0, joined.text
    rows = [r for r in table_rows(joined.stdout) if "carry-out-decisions" in r]
    assert len(rows) == 5       # the group, and the four whose membership ends on another day
    assert any("every member of un but CSK, DDR, SUN, YUG (155)" in r and "1945-10-24 … 1990-04-23" in r
               for r in rows)
    apart = cli("query", "--at", "1990-08-07", "--action", "carry-out-decisions", "--status", "obliged",
                "--by-start")
    assert apart.exit_code == 0
    rows_apart = [r for r in table_rows(apart.stdout) if "carry-out-decisions" in r]
    assert len(rows_apart) > 20 and not any("every member of" in r for r in rows_apart)
    # the JSON is one conclusion per actor either way
    doc = json.loads(cli("query", "--at", "1990-08-07", "--action", "carry-out-decisions", "--status", "obliged",
                         "--format", "json").stdout)
    assert len(doc["conclusions"]) == 159


def test_an_attack_a_rule_derives_is_found_in_the_solved_answer():
    """Oil Platforms records a less grave use of force, an armed attack only on
    one reading (IS-THRESHOLD): found by solving, and the right is contested."""
    r = respond("oil-platforms-1987")
    assert (r.aggression.attacker, r.aggression.victim, r.aggression.day) == ("IRN", "USA", dt.date(1987, 10, 16))
    sd = pathway(r, "self-defence")
    assert sd.status == "contested" and "IS-THRESHOLD" in sd.summary


def test_allies_of_the_attacker_named_and_assumed():
    """A permanent member bound to the attacker by a treaty (Russia to Belarus by
    the CSTO, from the treaties' membership tables) is named; its vote is unknown
    until assumed, and then its veto blocks the Council."""
    r = respond(event="armed attack by BLR on LTU in europe on 2026-03-01")
    art41 = pathway(r, "art41")
    assert art41.status == "open" and art41.passage.allies == {"RUS": ["csto"]}
    assert any(n.startswith("RUS is bound to BLR by csto") for n in art41.notes)
    blocked = respond(event="armed attack by BLR on LTU in europe on 2026-03-01", assumptions=("RUS votes against",))
    assert pathway(blocked, "art41").status == "blocked"
    assert pathway(blocked, "art41").passage.blocked_by == ("RUS",)


def test_cli_positions_file(cli, tmp_path):
    f = tmp_path / "positions.txt"
    f.write_text("# known votes\nCHN votes against  # say\n\n", encoding="utf-8")
    result = cli("respond", "--event", "armed attack by IRQ on KWT on 1990-08-02", "--positions", str(f),
                 "--format", "json")
    assert result.exit_code == 0, result.text
    doc = json.loads(result.stdout)
    assert doc["assumed"] == ["CHN votes against"]
    art41 = next(p for p in doc["pathways"] if p["key"] == "art41")
    assert art41["status"] == "blocked" and art41["vote"]["blocked_by"] == ["CHN"]
    missing = cli("respond", "--event", "armed attack by IRQ on KWT on 1990-08-02", "--positions",
                  str(tmp_path / "none.txt"))
    assert missing.exit_code == 2 and "cannot read" in missing.text


def test_group_words_from_the_membership_data():
    from pyrule.library import Roster
    from pyrule.words import group_words

    day = dt.date(2026, 3, 1)
    roster = Roster({"AAA": [("nato", 1, 10**7), ("eu", 1, 10**7)], "BBB": [("nato", 1, 10**7)],
                     "CCC": [("nato", 1, 10**7), ("eu", 1, 10**7)], "DDD": [("eu", 1, 10**7)]}, {})
    roles = {"party": "nato", "member-state": "eu"}
    assert group_words(["AAA", "BBB", "CCC"], roster, roles, day) == "every member of nato (3)"
    assert group_words(["AAA", "BBB"], roster, roles, day) == "every member of nato but CCC (2)"
    assert group_words(["BBB"], roster, roles, day) == "BBB"
    # no organisation's members but a few: listed
    assert group_words(["AAA", "CCC", "DDD", "BBB"], roster, roles, day) == "AAA, BBB, CCC, DDD"
