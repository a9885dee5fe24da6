"""``coursewidgets``: the tutor's command line (validate, assign, grade, export), and a learner's (review).
Run with ``--help``.

Exit status: 0 when all went well, 1 when problems were found (each printed to stderr with its
file and field), 2 for a usage error.
"""

from __future__ import annotations

import argparse
import io
import sys
from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TextIO

from .assign import assign
from ..core.bank import ExerciseError, Problem, check_bank, exercise_files, find_bank
from .gradebook import Progress, grade_class, to_csv
from .keyfile import read_key
from ..core.models import Exercise
from .moodle import moodle_xml
from ..core.layout import variants_of
from .report import render_report
from ..core.responses import load, write_atomic
from ..core.schedule import agenda, review_table
from dataclasses import replace
from datetime import date, datetime, timezone
from .feedback import feedback_pages, page_names
from .files import shown
from .names import one_line
from .outputs import publish

LARGE_CLASS = 100
"""Classes with at least this many files get a progress bar when stderr is a terminal."""


def _folder(bank: str | None) -> Path:
    return Path(bank) if bank else find_bank()


def _load(bank: str | None) -> dict[str, Exercise]:
    exercises, problems = check_bank(_folder(bank))
    if problems:
        raise ExerciseError(problems)
    return exercises


def _chosen(bank: dict[str, Exercise], ids: Sequence[str], where: str) -> list[Exercise]:
    twice = [i for i, n in Counter(ids).items() if n > 1]
    if twice:
        raise ExerciseError([Problem(where, "", f"exercise {i!r} is given {ids.count(i)} times; each exercise "
                                     "is asked and counted once, so give it once") for i in twice])
    unknown = [i for i in ids if i not in bank]
    if unknown:
        known = ", ".join(bank) or "none"
        raise ExerciseError([Problem(where, "", f"unknown exercise id {i!r}; known ids: {known}") for i in unknown])
    return [bank[i] for i in ids]


def progress_bar(stream: TextIO, threshold: int) -> Progress:
    """A one-line textual bar on ``stream`` for classes of at least ``threshold`` files."""

    def show(done: int, total: int) -> None:
        if total < threshold or (done % max(1, total // 50) and done != total):
            return
        filled = 30 * done // total
        stream.write(f"\rgrading [{'#' * filled}{'.' * (30 - filled)}] {done}/{total} files")
        stream.write("\n" if done == total else "")
        stream.flush()

    return show


def cmd_validate(args: argparse.Namespace) -> int:
    folder = _folder(args.folder)
    bank, problems = check_bank(folder)
    for p in problems:
        print(p, file=sys.stderr)
    print(f"{folder}: {len(exercise_files(folder))} files checked, {len(bank)} valid, {len(problems)} problems")
    return 1 if problems else 0


def cmd_assign(args: argparse.Namespace) -> int:
    exercises = _chosen(_load(args.bank), args.ids, "assign")
    done = assign(exercises, args.title, args.mode, Path(args.out) if args.out else None,
                  Path(args.key) if args.key else None, _folder(args.bank), args.force)
    print(f"student notebook: {done.notebook}\nit loads:         {done.handout}\n"
          f"answers go to:    {done.responses} (beside the notebook)\nanswer key:       {done.key}")
    if done.secret:
        print(f"secret key:       {done.secret} (keep it private; grade with --key {done.secret})")
    return 0


def cmd_grade(args: argparse.Namespace) -> int:
    bank = _load(args.bank)
    ids = [i for i in args.exercises.split(",") if i] if args.exercises else None
    if ids:
        _chosen(bank, ids, "--exercises")
    key = read_key(Path(args.key)) if args.key else None
    if key:
        _chosen(bank, list(key.exercises), args.key)
    bar = progress_bar(sys.stderr, 0 if args.progress else LARGE_CLASS)
    show = args.progress or (args.progress is None and sys.stderr.isatty())
    book = grade_class(Path(args.submissions), bank, ids, bar if show else None, key)
    out = Path(args.out)
    pages = page_names(book)
    tables = [("gradebook.csv", to_csv(book)), ("report.html", render_report(book, args.title, pages))]

    def outputs(stage: Path) -> Iterator[tuple[str, str]]:  # a generator: closing it stops the page workers
        yield from tables
        yield from feedback_pages(book, args.title, pages, stage)

    publish(out, outputs)
    for p in book.problems:
        print(p, file=sys.stderr)
    for warning in book.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    bad = len({p.file for p in book.problems})
    migrated = sum(1 for row in book.rows if row.note)
    print(f"graded {len(book.rows)} students on {len(book.exercises)} exercises; {bad} files with problems; "
          + (f"{migrated} files migrated from format 1 (see the note column); " if migrated else "")
          + f"wrote {out / 'gradebook.csv'}, {out / 'report.html'} and {len(pages)} pages in {out / 'feedback'}")
    return 1 if book.problems else 0


def cmd_export(args: argparse.Namespace) -> int:
    bank = _load(args.bank)
    exercises = _chosen(bank, args.ids, "export") if args.ids else list(bank.values())
    out = Path(args.out)
    if out.is_dir():
        raise ExerciseError([Problem(shown(out), "--out", "is a folder; give the name of the XML file to write")])
    if out.exists() and not args.force:
        raise ExerciseError([Problem(shown(out), "--out", "already exists; give another name, or --force to replace it")])
    write_atomic(out, moodle_xml(exercises))
    count = sum(len(variants_of(ex)) for ex in exercises)
    print(f"wrote {count} questions of {len(exercises)} exercises, each exercise in a category of its own, to "
          f"{args.out} (Moodle: Question bank > Import > Moodle XML format)")
    return 0


def cmd_review(args: argparse.Namespace) -> int:
    today = args.today or date.today()
    slots = [replace(s, plan=replace(s.plan, exercise=one_line(s.plan.exercise, 80)))
             for s in agenda(load(Path(args.answers)), today)]
    print(review_table(slots, today))
    return 0


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="coursewidgets", description="Tutor tools for the course's exercises.")
    sub = top.add_subparsers(dest="command", required=True, metavar="COMMAND")
    bank_help = "folder of exercise YAML files (default: $COURSEWIDGETS_BANK or the nearest exercises/)"

    p = sub.add_parser("validate", help="check a folder of exercise files; report every problem")
    p.add_argument("folder", nargs="?", help=bank_help)
    p.set_defaults(run=cmd_validate)

    p = sub.add_parser("assign", help="build a student notebook and an answer key from chosen exercises")
    p.add_argument("ids", nargs="+", metavar="ID", help="exercise ids, in the order to ask them")
    p.add_argument("--title", required=True, help="the assignment's title (also names its files)")
    p.add_argument("--mode", choices=["practice", "assessed"], default="practice",
                   help="practice: feedback in the notebook; assessed: answers recorded, no key shipped")
    p.add_argument("--bank", help=bank_help)
    p.add_argument("--out", help="folder for the notebook and its handout file, to hand out (default: ./<title>/)")
    p.add_argument("--key", help="answer key file (default: <title>-key.md beside the --out folder, not in it)")
    p.add_argument("--force", action="store_true", help="replace an earlier assignment's files of the same names")
    p.set_defaults(run=cmd_assign)

    p = sub.add_parser("grade", help="grade a folder of response files into a gradebook CSV and an HTML report")
    p.add_argument("submissions", help="folder of response files (*.json, searched recursively)")
    p.add_argument("--bank", help=bank_help + "; for assessed work, the tutor's private bank")
    p.add_argument("--exercises", help="comma-separated ids for the columns (default: every exercise answered)")
    p.add_argument("--key", help="assessed work: the <title>-key.json that assign wrote (its secret fixes the "
                   "draws a response must show); its exercises are the default columns")
    p.add_argument("--out", default="graded", help="folder for gradebook.csv, report.html and feedback/, replaced "
                   "whole by each run (default: ./graded/)")
    p.add_argument("--title", default="Gradebook report", help="the report's title")
    p.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                   help=f"progress bar on stderr (default: on a terminal, for {LARGE_CLASS}+ files)")
    p.set_defaults(run=cmd_grade)

    p = sub.add_parser("export", help="write exercises as Moodle XML")
    p.add_argument("ids", nargs="*", metavar="ID", help="exercise ids (default: all in the bank)")
    p.add_argument("--bank", help=bank_help)
    p.add_argument("--out", default="moodle-questions.xml", help="the XML file (default: moodle-questions.xml)")
    p.add_argument("--force", action="store_true", help="replace the XML file if it exists")
    p.set_defaults(run=cmd_export)

    p = sub.add_parser("review", help="when each exercise you have checked is due for review (from your answers file)")
    p.add_argument("answers", help="a response file: a notebook's my-answers.json or answers downloaded from the site")
    p.add_argument("--today", type=date.fromisoformat, help="plan as if today were this date (YYYY-MM-DD; default: today, in this computer's time zone; Checks are dated in it too)")
    p.set_defaults(run=cmd_review)
    return top


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    for stream in (sys.stdout, sys.stderr):  # a name no terminal can encode is escaped, never a crash
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="backslashreplace")
    try:
        return int(args.run(args))
    except ExerciseError as exc:
        for p in exc.problems:
            print(one_line(str(p), 2000), file=sys.stderr)
        return 1
    except OSError as exc:  # a disk full, a name too long, no permission: say which file, no traceback
        where = shown(exc.filename) if isinstance(exc.filename, (str, bytes)) else f"coursewidgets {args.command}"
        print(f"{where}: {exc.strerror or exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
