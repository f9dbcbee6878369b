"""The command line: `pyrule query | respond | explain | check | possible | power | test | compile | list`.

Takes arguments; gives tables or JSON on standard output and diagnostics on
standard error. Exit codes: 0 success; 1 `pyrule test` found a failing
expectation; 2 bad input (syntax, unknown names, bad dates, missing files);
3 an internal error (a bug in pyrule: please report it); 4 a limit reached
(a time limit, or the size, memory and readings limits of `pyrule.guards`).
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import math
import os
import re
import sys
from typing import Any, Callable

import click

from . import ast as A
from .errors import PyruleError
from .resources import resource_dir
from .words import describe_fact

DEFAULT_SCENARIO = "iraq-kuwait-1990"
STATUSES = A.STATUS_NAMES


def _fail(err: PyruleError) -> None:
    click.echo(err.render(), err=True)
    sys.exit(err.exit_code)


def guarded(fn: Callable) -> Callable:
    """Turn user errors into diagnostics and exit codes, never tracebacks."""
    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from .guards import memory_ceiling

        try:
            # (the whole command under the memory ceiling: the analysis
            # commands ground programs of their own)
            with memory_ceiling():
                return fn(*args, **kwargs)
        except PyruleError as err:
            _fail(err)
        except (click.exceptions.Exit, click.ClickException, SystemExit):
            raise
        except Exception as err:  # pragma: no cover - only on a bug
            if os.environ.get("PYRULE_DEBUG"):
                raise
            click.echo(f"internal error: {type(err).__name__}: {err}\n"
                       "  this is a bug in pyrule; run again with PYRULE_DEBUG=1 for the traceback", err=True)
            sys.exit(3)
    return wrapper


_DATE_FORM = re.compile(r"\d{4}-\d{2}-\d{2}")


def parse_day(value: str) -> dt.date:
    """A date as the texts write it, YYYY-MM-DD (Python would also take
    19900807 or 1990-W32-2), on a day that exists, up to the last day pyrule
    reckons with; ValueError saying what is wrong otherwise."""
    if not _DATE_FORM.fullmatch(value):
        raise ValueError(f"'{value}' is not a date; expected YYYY-MM-DD, e.g. 1990-08-07")
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"'{value}' is not a real calendar date; expected YYYY-MM-DD, e.g. 1990-08-07") from None
    if day > A.LAST_DATE:
        raise ValueError(f"'{value}' is too late: pyrule reckons days up to {A.LAST_DATE.isoformat()}")
    return day


def _date(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return parse_day(value)
    except ValueError as err:
        raise click.BadParameter(str(err)) from None


def _seconds(ctx: click.Context, param: click.Parameter, value: float | None) -> float | None:
    """A time limit is a finite number of seconds (click's FloatRange lets nan and inf through)."""
    if value is not None and not math.isfinite(value):
        raise click.BadParameter(f"'{value}' is not a number of seconds; expected e.g. 30 or 2.5")
    return value


def _status(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    if value not in STATUSES:
        from .errors import did_you_mean
        guess = did_you_mean(value, STATUSES)
        raise click.BadParameter(f"'{value}' is not a status; expected one of obliged, forbidden, permitted, "
                                 f"recommended, empowered" + (f" (did you mean '{guess}'?)" if guess else ""))
    return STATUSES[value]


def _settings(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> dict[str, str]:
    out: dict[str, str] = {}
    for v in values:
        k, _, p = (x.strip() for x in v.partition("="))
        if not k or not p:
            raise click.BadParameter(f"'{v}' should look like IS-UNTIL=replacing")
        if out.get(k, p) != p:
            raise click.BadParameter(f"{k} is set twice, to {out[k]} and to {p}; give one position")
        out[k] = p
    return out


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="pyrule")
@click.option("--max-ground", type=click.IntRange(min=0), default=None, metavar="N",
              help="Refuse a scenario whose ground program is estimated at more than N atoms "
                   "(default 5,000,000; also PYRULE_MAX_GROUND; 0: no limit).")
@click.option("--max-memory", type=click.IntRange(min=0), default=None, metavar="MB",
              help="Memory grounding and solving may take, in MB (default 6,000; also PYRULE_MAX_MEMORY; 0: none).")
@click.option("--max-readings", type=click.IntRange(min=0), default=None, metavar="N",
              help="Most combinations of positions of switches that interact (default 4,096; also "
                   "PYRULE_MAX_READINGS; 0: no limit).")
def main(max_ground: int | None, max_memory: int | None, max_readings: int | None) -> None:
    """pyrule: what collective-security law obliges, forbids and permits, day by day, and why.

    Charters (treaties, article by article) and scenarios (dated events) are
    written in pyrule's charter language; clingo decides. Bundled charters and
    scenarios are addressed by name (see `pyrule list`) or by path.
    """
    from .guards import OVERRIDES

    OVERRIDES.update(max_ground=max_ground, max_memory=max_memory, max_readings=max_readings)


def _cache_option(fn: Callable) -> Callable:
    return click.option("--no-cache", "no_cache", is_flag=True,
                        help="Parse, check and compile again instead of taking an earlier run's work from the "
                             "cache (also: PYRULE_NO_CACHE=1).")(fn)


def _interpretation_options(fn: Callable) -> Callable:
    fn = click.option("--set", "settings", multiple=True, callback=_settings, metavar="IS-X=POSITION",
                      help="Fix one interpretation switch (repeatable).")(fn)
    fn = click.option("--profile", type=click.Choice(["prevailing"]), default=None,
                      help="Fix every switch that has a prevailing position to it (the others stay open).")(fn)
    return fn


@main.command()
@click.option("--scenario", "-s", default=DEFAULT_SCENARIO, show_default=True,
              help="Bundled scenario name or path to a .scenario file.")
@click.option("--charter", "-c", "charters", multiple=True, help="Extra charter (name or path), repeatable.")
@click.option("--actor", help="Only this state or organ (e.g. FRA, council).")
@click.option("--action", help="Only this action (e.g. use-force, apply).")
@click.option("--target", help="Only towards this state (e.g. IRQ).")
@click.option("--status", callback=_status, help="obliged, forbidden, permitted, recommended or empowered.")
@click.option("--at", callback=_date, metavar="DATE", help="Only what holds on this day (YYYY-MM-DD).")
@_interpretation_options
@click.option("--assume", "assumptions", multiple=True, metavar="'XXX abstains on DRAFT'",
              help="What if: change a recorded vote (votes for / votes against / abstains / is absent / "
                   "does not vote) and show what changes. Repeatable.")
@click.option("--by-start", is_flag=True,
              help="One row per first day: do not join rows that differ only in the day they start (each "
                   "member's admission) into one naming the group.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@_cache_option
@guarded
def query(scenario: str, charters: tuple[str, ...], actor: str | None, action: str | None,
          target: str | None, status: str | None, at: dt.date | None, profile: str | None,
          settings: dict[str, str], assumptions: tuple[str, ...], by_start: bool, fmt: str, no_cache: bool) -> None:
    """What each state and organ is obliged, forbidden, permitted or empowered to do."""
    from .api import answer_bundle, load, query as select
    from .render import changes_json, console, print_changes, print_query, query_doc, unread_json

    bundle, program = load(scenario, charters, not no_cache)
    answer = answer_bundle(bundle, profile, settings, program=program)
    changes, said = None, []
    if assumptions:
        from .analysis import assume, compare

        before = answer
        for text in _distinct_assumptions(assumptions):
            bundle, words = assume(bundle, text)
            said.append(words)
        answer = answer_bundle(bundle, profile, settings)
        changes = compare(before, answer)
    _check_filters(answer, actor, action, target)
    conclusions = select(answer, actor=actor, action=action, target=target, status=status, at=at)
    filters = {"actor": actor, "action": action, "target": target, "status": status, "at": at}
    from .findings import unread_facts

    unread = unread_facts(answer.program)
    if fmt == "json":
        doc = query_doc(answer, bundle.scenario, conclusions, filters)
        doc["unread"] = [unread_json(f) for f in unread]
        if changes is not None:
            doc["assumed"] = said
            doc["changes"] = changes_json(changes, filters)
        click.echo(json.dumps(doc, indent=2, ensure_ascii=False))
        return
    out = console()
    if changes is not None:
        print_changes(out, said, changes, filters)
    print_query(out, answer, bundle.scenario, conclusions, filters, by_start)
    _warn_unread(unread)
    _note_findings(bundle.charters)


def _warn_unread(unread: list) -> None:
    """A warning on stderr for each fact no rule of the loaded charters reads
    (the first ten, and a count of the rest)."""
    for info in unread[:10]:
        span = info.fact.span
        click.echo(f"{span.file}:{span.line}:{span.column}: warning: no rule of the loaded charters reads this "
                   f"fact, so it changes no answer: {describe_fact(info.fact)}", err=True)
    if len(unread) > 10:
        click.echo(f"warning: and {len(unread) - 10} more facts no rule reads (`pyrule check -s` lists them all)",
                   err=True)


def _distinct_assumptions(texts: tuple[str, ...]) -> list[str]:
    """The --assume texts, each vote once: the same assumption twice counts
    once; two different ones about one state's vote on one draft are an error."""
    from .errors import CheckProblem
    from .parse import parse_assumption

    seen: dict[tuple[str, str], tuple[str, str]] = {}
    out = []
    for text in texts:
        state, way, draft, _, _ = parse_assumption(text)
        if (state, draft) in seen:
            if seen[(state, draft)][0] != way:
                raise CheckProblem(f"two assumptions about {state}'s vote on '{draft}': "
                                   f"'{seen[(state, draft)][1]}' and '{text}'", hint="give one of them")
            continue
        seen[(state, draft)] = (way, text)
        out.append(text)
    return out


def _note_findings(charters) -> None:
    """A line on stderr when `pyrule check` would warn about the loaded
    charters (a norm applied once per member, a switch no rule uses, ...):
    the answer stands, but the charter may not say what its author meant."""
    from pathlib import Path

    from .findings import static_findings
    from .resources import resource_dir

    found = [f for f in static_findings(tuple(charters)) if f.severity in ("error", "warning")]
    if found:
        codes = ", ".join(sorted({f.code for f in found}))
        bundled = resource_dir("charters").resolve()
        names = " ".join(ch.id if Path(ch.path).resolve().parent == bundled else ch.path for ch in charters)
        click.echo(f"note: `pyrule check` finds {len(found)} warning(s) in the loaded charters ({codes}); "
                   f"run `pyrule check {names} --no-search` to see them", err=True)


def _check_filters(answer, actor: str | None, action: str | None, target: str | None) -> None:
    from .errors import NameProblem, did_you_mean

    # states, the organs the charters declare and the organisations their roles come from
    # (an organ with nothing to do that day is still a name, with an empty answer)
    known_actors = (set(answer.program.states) | set(answer.program.organs) | set(answer.program.roles.values())
                    | {c.actor for c in answer.conclusions})
    for flag, value, known in (("--actor", actor, known_actors), ("--target", target, known_actors | {"any"}),
                               ("--action", action, set(answer.program.actions))):
        if value is not None and value not in known:
            guess = did_you_mean(value, known)
            raise NameProblem(f"{flag}: unknown name '{value}'",
                              hint=f"did you mean '{guess}'?" if guess else None)


@main.command()
@click.argument("question", required=False)
@click.option("--scenario", "-s", default=DEFAULT_SCENARIO, show_default=True,
              help="Bundled scenario name or path to a .scenario file.")
@click.option("--charter", "-c", "charters", multiple=True, help="Extra charter (name or path), repeatable.")
@click.option("--actor", help="Instead of QUESTION: the actor ...")
@click.option("--status", callback=_status, help="... the status ...")
@click.option("--action", help="... the action ...")
@click.option("--object", "obj", help="... its object (e.g. trade-embargo) ...")
@click.option("--target", help="... the target ...")
@click.option("--at", callback=_date, metavar="DATE", help="... and the day.")
@_interpretation_options
@click.option("--format", "fmt", type=click.Choice(["text", "json", "dot"]), default="text", show_default=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="Write there (.svg/.png rendered with `dot`).")
@_cache_option
@guarded
def explain(question: str | None, scenario: str, charters: tuple[str, ...], actor: str | None,
            status: str | None, action: str | None, obj: str | None, target: str | None, at: dt.date | None,
            profile: str | None, settings: dict[str, str], fmt: str, output: str | None, no_cache: bool) -> None:
    """Why (or why not): "FRA must apply trade-embargo against IRQ on 1990-08-07".

    The tree goes from the conclusion down to the articles and dated events it
    rests on, the votes that adopted the texts, the rules it overrode and by
    which principle; for a claim that does not hold, what is missing."""
    from .api import answer_bundle, load
    from .explain import explain as build
    from .parse import parse_question
    from .render import console, print_tree, tree_dot, tree_json

    ex = _question(question, actor, status, action, obj, target, at, parse_question)
    _output_folder(output)
    bundle, program = load(scenario, charters, not no_cache)
    if question:
        _check_question_names(bundle, ex, question.strip().rstrip("."))
    answer = answer_bundle(bundle, profile, settings, explaining=True, program=program)
    if ex.act is not None and ex.claim == "norm":
        _check_filters(answer, ex.subject, _plain(ex.act.verb), _plain(ex.act.target))
    root = build(answer, ex, bundle)
    if fmt == "json":
        text = json.dumps(tree_json(root, answer), indent=2, ensure_ascii=False)
    elif fmt == "dot" or (output and not output.endswith((".txt", ".json"))):
        text = tree_dot(root)
    else:
        text = None
    if output:
        _write_output(output, text if text is not None else _tree_text(root))
        click.echo(f"wrote {output}")
    elif text is not None:
        click.echo(text, nl=False)
    else:
        print_tree(console(), root)


def _check_question_names(bundle, ex: A.Expectation, text: str) -> None:
    """The names a question uses, checked as an `expect` line's would be
    (articles, texts, drafts, organs, switches), with the question's own text
    under the caret."""
    import dataclasses

    from .check import check_charters, check_scenario
    from .errors import PyruleError

    if ex.claim in ("norm", "decision"):
        return      # (checked against the answer, with suggestions from what it holds)
    try:
        names = check_charters(bundle.charters)
        check_scenario(dataclasses.replace(bundle.scenario, expectations=(ex,)), names, bundle.roster().names,
                       [c.id for c in bundle.charters])
    except PyruleError as err:
        if err.span is not None and err.span.file == "question":
            err.text = text
        raise


def _plain(term) -> str | None:
    return term.value if isinstance(term, A.Const) else None


def _question(question, actor, status, action, obj, target, at, parse_question) -> A.Expectation:
    from .errors import LoadProblem

    if question:
        given = [flag for flag, value in (("--actor", actor), ("--status", status), ("--action", action),
                                          ("--object", obj), ("--target", target), ("--at", at)) if value]
        if given:
            raise click.UsageError(f"give either a question or {', '.join(given)}, not both "
                                   f"(the question already says who, what and when)")
        from .explain import check_question

        ex = parse_question(question)
        check_question(ex, question.strip().rstrip("."))
        return ex
    if not (actor and status and action and at):
        raise LoadProblem("ask a question, e.g. \"FRA must apply trade-embargo against IRQ on 1990-08-07\", "
                          "or give --actor, --status, --action (and --object, --target) and --at")
    act = A.ActSpec(A.Const(action), A.Const(obj) if obj else None, A.Const(target) if target else None)
    return A.Expectation(at, (), False, "one", actor, (), status, act, False, ())


def _tree_text(root) -> str:
    import io

    from .render import console, print_tree

    buf = io.StringIO()
    print_tree(console(buf), root)
    return buf.getvalue()


def _output_folder(path: str | None) -> None:
    """Before any work: the folder that `-o PATH` would be written into exists."""
    from pathlib import Path

    from .errors import OutputProblem

    if path is None:
        return
    folder = Path(path).parent
    if not folder.is_dir():
        raise OutputProblem(f"cannot write '{path}': there is no folder '{folder}'",
                            hint="create the folder first, or give another path")


def _write_output(path: str, text: str) -> None:
    import shutil
    import subprocess

    from .errors import LoadProblem, OutputProblem

    if path.endswith((".svg", ".png", ".pdf")):
        dot = shutil.which("dot")
        if dot is None:
            raise LoadProblem("rendering to an image needs Graphviz's `dot` program, which is not installed",
                              hint="write a .dot file instead (--format dot -o tree.dot)")
        try:
            done = subprocess.run([dot, f"-T{path.rsplit('.', 1)[1]}", "-o", path], input=text.encode(),
                                  capture_output=True)
        except OSError as err:
            raise OutputProblem(f"cannot run `dot` to write '{path}': {err.strerror or err}") from None
        if done.returncode != 0:
            said = done.stderr.decode("utf-8", "replace").strip().splitlines()
            raise OutputProblem(f"`dot` could not write '{path}'" + (f": {said[-1]}" if said else ""))
        return
    existed = os.path.lexists(path)
    try:
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
    except OSError as err:
        if not existed and os.path.isfile(path):
            os.unlink(path)      # not a half-written file where there was none
        raise OutputProblem(f"cannot write '{path}': {err.strerror or err}") from None


@main.command()
@click.argument("charters", nargs=-1)
@click.option("--scenario", "-s", help="Also report the conflicts in this scenario (its charters are added).")
@click.option("--depth", type=click.IntRange(1, 6), default=3, show_default=True,
              help="Bound of the search for a conflict in any scenario: at most N facts over N days, among N "
                   "hypothetical states (at least three: an attacker, its victim and a third state).")
@click.option("--no-search", is_flag=True, help="Only the static checks (and the scenario's conflicts).")
@click.option("--time-limit", type=click.FloatRange(min=0, min_open=True), callback=_seconds, metavar="SECONDS",
              help="Stop the search after this long; it then claims nothing (exit 4).")
@click.option("--gap", "gaps", multiple=True, metavar="'XXX ACTION [TARGET] DATE'",
              help="Is there any rule for this act on that day? (needs --scenario) Repeatable.")
@_interpretation_options
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@guarded
def check(charters: tuple[str, ...], scenario: str | None, depth: int, no_search: bool, time_limit: float | None,
          gaps: tuple[str, ...], profile: str | None, settings: dict[str, str], fmt: str) -> None:
    """Consistency of charters: static checks, the conflicts in a scenario, and a bounded
    search over all scenarios for an unresolved conflict (with a witness and the articles
    that clash). Exit 0 clean, 1 unresolved conflicts, 2 input errors, 4 search stopped
    at --time-limit."""
    from .api import answer_bundle, positions_for
    from .check import check_charters
    from .compile import Program, compile_charters
    from .consistency import gap_finding, scenario_findings, search
    from .findings import static_findings
    from .errors import LoadProblem
    from .library import load_bundle, load_charter
    from .render import console, findings_json, print_findings

    bundle = load_bundle(scenario, charters) if scenario else None
    loaded = bundle.charters if bundle else tuple(load_charter(c) for c in charters)
    if not loaded:
        raise LoadProblem("name the charters to check (e.g. `pyrule check un`), or a scenario with --scenario")
    check_charters(loaded)
    program = Program()
    compile_charters(loaded, program)
    findings = static_findings(loaded)
    if bundle is not None:
        answer = answer_bundle(bundle, profile, settings)
        findings += scenario_findings(answer)
        for g in gaps:
            words = _gap_words(g)
            _check_gap(answer, g, *words[:3])
            findings.append(gap_finding(answer, *words))
    elif gaps:
        raise LoadProblem("--gap needs a scenario (--scenario)")
    if not no_search:
        fixed = positions_for(program, profile, settings)
        findings.append(search(loaded, (), depth, fixed, time_limit).finding)
    if fmt == "json":
        click.echo(findings_json(findings, [c.id for c in loaded]))
    else:
        print_findings(console(), findings, [c.id for c in loaded])
    if any(f.severity == "error" for f in findings):
        sys.exit(1)
    sys.exit(4 if any(f.code == "B302" for f in findings) else 0)


def _gap_words(text: str):
    from .errors import LoadProblem

    parts = text.split()
    if len(parts) not in (3, 4):
        raise LoadProblem(f"--gap '{text}': expected 'ACTOR ACTION [TARGET] YYYY-MM-DD'",
                          hint="e.g. --gap 'FRA give-assistance KWT 1990-08-07'")
    try:
        on = parse_day(parts[-1])
    except ValueError as err:
        raise LoadProblem(f"--gap '{text}': {err}") from None
    return parts[0], parts[1], parts[2] if len(parts) == 4 else None, on


def _check_gap(answer, text: str, actor: str, action: str, target: str | None) -> None:
    """The state and action a --gap asks about are ones the scenario and
    charters know: a misspelt name has no rule, and would be reported as a gap."""
    from .errors import NameProblem, did_you_mean

    states = set(answer.program.states) | set(answer.program.organs)
    for what, value, known in (("state", actor, states), ("action", action, set(answer.program.actions)),
                               ("state", target, states)):
        if value is not None and value not in known:
            guess = did_you_mean(value, known)
            raise NameProblem(f"--gap '{text}': unknown {what} '{value}'",
                              hint=f"did you mean '{guess}'?" if guess else None)


@main.command()
@click.argument("draft")
@click.option("--scenario", "-s", default=DEFAULT_SCENARIO, show_default=True,
              help="Bundled scenario name or path to a .scenario file.")
@click.option("--charter", "-c", "charters", multiple=True, help="Extra charter (name or path), repeatable.")
@click.option("--unknown", "unknown", default="", metavar="XXX,YYY|all",
              help="Treat these recorded votes as unknown (in addition to votes recorded as unknown).")
@_interpretation_options
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@guarded
def possible(draft: str, scenario: str, charters: tuple[str, ...], unknown: str, profile: str | None,
             settings: dict[str, str], fmt: str) -> None:
    """Could DRAFT pass, given the known votes? Whose vote decides? (brave and cautious reasoning)"""
    from .analysis import possible as ask
    from .library import load_bundle
    from .render import console, possibility_json, print_possibility

    bundle = load_bundle(scenario, charters)
    codes = tuple(c.strip() for c in unknown.split(",") if c.strip())
    result = ask(bundle, draft, codes, profile, settings)
    if fmt == "json":
        click.echo(possibility_json(result))
    else:
        print_possibility(console(), result)


@main.command()
@click.option("--scenario", "-s", default=None,
              help=f"Bundled scenario name or path (default: {DEFAULT_SCENARIO}); its first armed attack.")
@click.option("--event", "-e", metavar="'armed attack by X on Y [in R] on DATE'",
              help="Instead of a scenario: one armed attack, with the UN Charter, Uniting for Peace and the "
                   "regional treaties of the victim.")
@click.option("--charter", "-c", "charters", multiple=True, help="Extra charter (name or path), repeatable.")
@click.option("--at", callback=_date, metavar="DATE", help="The day (default: the day of the attack).")
@click.option("--assume", "assumptions", multiple=True, metavar="'XXX votes against'",
              help="A Council member's vote on every draft (votes for / votes against / abstains / is absent / "
                   "does not vote). Repeatable. The attacker, if it sits, is taken to vote against.")
@click.option("--positions", "positions_file", type=click.Path(dir_okay=False), metavar="FILE",
              help="Known votes, one per line as --assume takes them ('CHN votes against'); # starts a comment.")
@click.option("--all", "all_", is_flag=True, help="Every bundled historical scenario with an armed attack: a table.")
@click.option("--explain", "claim", metavar="'CLAIM on DATE'",
              help="Instead of the pathways: why a line of them holds (an item's claim in the JSON), explained "
                   "against the hypothetical scenario it comes from.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@guarded
def respond(scenario: str | None, event: str | None, charters: tuple[str, ...], at: dt.date | None,
            assumptions: tuple[str, ...], positions_file: str | None, all_: bool, claim: str | None,
            fmt: str) -> None:
    """Every lawful response to an armed attack: self-defence and treaty duties, the Council (Arts
    39-42), Uniting for Peace, regional action -- what each would oblige or permit, for whom, the
    votes it needs and who can block it. Each is computed by the charters' own rules from
    hypothetical events added to the scenario."""
    from .errors import LoadProblem
    from .render import console, episodes_doc, print_episodes, print_response, response_doc
    from .respond import respond as build, respond_all

    if event is not None and scenario is not None:
        raise LoadProblem("give --scenario or --event, not both")
    if positions_file is not None:
        try:
            with open(positions_file, encoding="utf-8") as f:
                lines = [line.split("#", 1)[0].strip() for line in f]
        except (OSError, UnicodeDecodeError) as err:
            raise LoadProblem(f"cannot read '{positions_file}': {getattr(err, 'strerror', None) or err}") from None
        assumptions = assumptions + tuple(line for line in lines if line)
    if all_:
        if event is not None or scenario is not None or at is not None:
            raise LoadProblem("--all answers every bundled scenario on its day of attack: "
                              "leave out --scenario, --event and --at")
        episodes = respond_all(assumptions)
        if fmt == "json":
            click.echo(json.dumps(episodes_doc(episodes), indent=2, ensure_ascii=False))
        else:
            print_episodes(console(), episodes)
        return
    result = build(scenario if event is None else None, event, at, assumptions, charters)
    if claim is not None:
        from .render import print_tree, tree_json
        from .respond import explain_item

        which, root = explain_item(result, claim)
        if fmt == "json":
            doc = {"schema": "pyrule.explain/1", "respond": which, "tree": root.to_json()}
            click.echo(json.dumps(doc, indent=2, ensure_ascii=False))
        else:
            click.echo(f"(explained against the hypothetical scenario of respond's {which} answers)")
            print_tree(console(), root)
        return
    if fmt == "json":
        click.echo(json.dumps(response_doc(result), indent=2, ensure_ascii=False))
    else:
        print_response(console(), result)


@main.command()
@click.argument("organ")
@click.option("--at", callback=_date, metavar="DATE", help="The day whose seats and rule count (default: today).")
@click.option("--matter", type=click.Choice(["other", "procedural"]), default="other", show_default=True)
@click.option("--charter", "-c", "charters", multiple=True, default=("un",), show_default=True,
              help="The charter(s) that define the organ.")
@_interpretation_options
@click.option("--by-seat", is_flag=True, help="One row per seat instead of one per class of seats alike.")
@click.option("--max-vectors", type=click.IntRange(min=0), default=100_000, show_default=True, metavar="N",
              help="Count exactly when the vectors of yes-votes per class are at most N; else estimate by "
                   "sampling (0: always estimate).")
@click.option("--samples", type=click.IntRange(min=1), default=10_000, show_default=True, metavar="N",
              help="Random orderings, and random coalitions, drawn when estimating.")
@click.option("--seed", type=int, default=0, show_default=True, help="Seed of the random draws.")
@click.option("--time-limit", type=click.FloatRange(min=0, min_open=True), callback=_seconds, metavar="SECONDS",
              help="Stop drawing samples at this limit (the estimate says so); an exact count not done "
                   "by then is stopped with exit code 4.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@guarded
def power(organ: str, at: dt.date | None, matter: str, charters: tuple[str, ...], profile: str | None,
          settings: dict[str, str], by_seat: bool, max_vectors: int, samples: int, seed: int,
          time_limit: float | None, fmt: str) -> None:
    """Shapley-Shubik and Banzhaf power of each seat of ORGAN, from its encoded voting rule.

    Exact, counted over classes of seats the rule cannot tell apart; estimated
    by sampling where the classes leave too many cases (--max-vectors)."""
    from .library import load_charter
    from .power import power as measure
    from .render import console, power_json, print_power

    loaded = tuple(load_charter(c) for c in charters)
    result = measure(loaded, organ, at or dt.date.today(), matter, profile, settings, max_vectors=max_vectors,
                     samples=samples, seed=seed, time_limit=time_limit)
    if fmt == "json":
        click.echo(power_json(result))
    else:
        print_power(console(), result, by_seat)


@main.command()
@click.argument("scenarios", nargs=-1)
@click.option("--charter", "-c", "charters", multiple=True, help="Extra charter (name or path), repeatable.")
@click.option("--verbose", "-v", is_flag=True, help="List passing expectations too.")
@_cache_option
@guarded
def test(scenarios: tuple[str, ...], charters: tuple[str, ...], verbose: bool, no_cache: bool) -> None:
    """Check the `expect` lines of scenarios (every bundled one when none is given)."""
    from .api import answer_bundle, load, run_expectations
    from .library import SCENARIO_SUFFIX, bundled

    names = scenarios or tuple(bundled("scenarios", SCENARIO_SUFFIX))
    passed = failed = 0
    for name in names:
        bundle, program = load(name, charters, not no_cache)
        answer = answer_bundle(bundle, program=program)
        for res in run_expectations(answer, bundle.scenario, bundle):
            ex = res.expectation
            if res.passed:
                passed += 1
                if verbose:
                    click.echo(f"{ex.span}: ok")
            else:
                failed += 1
                click.echo(f"{ex.span}: FAILED: {_expect_words(ex)}\n  found: {res.detail}")
    click.echo(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


def _expect_words(ex: A.Expectation) -> str:
    from .errors import source_line

    line = source_line(ex.span)
    return line.strip() if line else "expectation"


@main.command(name="compile")
@click.argument("charters", nargs=-1)
@click.option("--scenario", "-s", help="Also compile this scenario (and the charters it uses).")
@guarded
def compile_cmd(charters: tuple[str, ...], scenario: str | None) -> None:
    """Print the ASP that charters (and a scenario) compile to: the facts, then
    one generated rule per rule of a charter, under a comment naming its article."""
    from .api import prepare
    from .check import check_charters
    from .compile import Program, compile_charters
    from .errors import LoadProblem
    from .library import load_bundle, load_charter

    if scenario:
        program = prepare(load_bundle(scenario, charters))
    else:
        if not charters:
            raise LoadProblem("name at least one charter, or a scenario with --scenario")
        loaded = tuple(load_charter(c) for c in charters)
        check_charters(loaded)
        program = Program()
        compile_charters(loaded, program)
    click.echo(program.text(), nl=False)
    click.echo("\n% ---- the generated rules\n" + program.rules_text(), nl=False)


def _parties_today(charter: A.Charter) -> dict[str, int]:
    """For each role of a charter, how many states hold it today (bundled tables)."""
    from .library import load_membership

    today = dt.date.today()
    out = {}
    for role in charter.roles:
        try:
            rows = load_membership(A.MembershipSource(role.membership, role.membership))
        except PyruleError:
            continue
        out[role.name] = len({r.code for r in rows if r.start <= today and (r.end is None or today < r.end)})
    return out


@main.command(name="switches")
@click.argument("charters", nargs=-1)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@guarded
def switches_cmd(charters: tuple[str, ...], fmt: str) -> None:
    """The contested points of CHARTERS (every bundled charter when none is
    given): each question, its positions, which prevails, and the articles
    that turn on it."""
    from .findings import switch_uses
    from .library import CHARTER_SUFFIX, bundled, load_charter
    from .render import console, print_switches, switches_doc

    names = charters or tuple(str(p) for p in bundled("charters", CHARTER_SUFFIX).values())
    loaded = tuple(load_charter(c) for c in names)
    doc = switches_doc(list(loaded), switch_uses(loaded))
    if fmt == "json":
        click.echo(json.dumps(doc, indent=2, ensure_ascii=False))
        return
    print_switches(console(), doc)


@main.command(name="list")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@guarded
def list_cmd(fmt: str) -> None:
    """The bundled charters and scenarios."""
    from rich.table import Table

    from .library import CHARTER_SUFFIX, SCENARIO_SUFFIX, bundled, load_charter, load_scenario
    from .render import console

    charters = [load_charter(str(p)) for p in bundled("charters", CHARTER_SUFFIX).values()]
    scenarios = [load_scenario(str(p)) for p in bundled("scenarios", SCENARIO_SUFFIX).values()]
    parties = {c.id: _parties_today(c) for c in charters}
    if fmt == "json":
        click.echo(json.dumps({
            "charters": [{"id": c.id, "title": c.title, "in_force": c.in_force.isoformat(),
                          "articles": [a.num for a in c.articles], "parties": parties[c.id],
                          "switches": [s.name for s in c.switches]} for c in charters],
            "scenarios": [{"id": s.id, "title": s.title, "uses": list(s.uses), "events": len(s.events),
                           "expectations": len(s.expectations)} for s in scenarios],
        }, indent=2))
        return
    out = console()
    ct = Table(title="Charters", title_justify="left")
    for col in ("name", "title", "in force", "parties today", "articles", "switches"):
        ct.add_column(col, overflow="fold")
    for c in charters:
        counts = ", ".join(f"{n} {role}" for role, n in parties[c.id].items()) or "—"
        ct.add_row(c.id, c.title, c.in_force.isoformat(), counts, ", ".join(a.num for a in c.articles),
                   ", ".join(s.name for s in c.switches))
    st = Table(title="Scenarios", title_justify="left")
    for col in ("name", "title", "uses", "events", "expectations"):
        st.add_column(col, overflow="fold")
    for s in scenarios:
        st.add_row(s.id, s.title, ", ".join(s.uses), str(len(s.events)), str(len(s.expectations)))
    out.print(ct)
    out.print(st)
    out.print(f"bundled files: {resource_dir('charters')} and {resource_dir('scenarios')}")
