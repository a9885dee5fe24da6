"""What a SCORM launch should tell the LMS for a set of saved answers, computed in Python with the package's
grader (core/grading.py), and the same facts read back from scorm-again's CMI data, in one shape to compare.

The rules are the issue's and the README's: the course is every marked exercise the lessons show; an exercise
counts towards completion when it is checked with every part answered; the score is the marks of the checked
answers (SCORM 1.2 as a percentage, its scores running from 0 to 100); success is reaching the pass mark (in 1.2
only once complete); one interaction per checked exercise."""

from __future__ import annotations

from typing import Any

from coursewidgets.core.grading import Grade, grade
from coursewidgets.core.layout import draw, is_seed
from coursewidgets.core.models import Exercise

TYPES = {"single_choice": "choice", "multiple_select": "choice", "classification": "matching",
         "matching": "matching", "ordering": "sequencing"}


def graded(ex: Exercise, entry: dict[str, Any]) -> Grade:
    """The grade of a saved entry: the variant its seed asks, a sampled classification on its seed's draw."""
    seed = entry.get("seed")
    shown = draw(ex, seed) if is_seed(seed) and ex.kind == "classification" else entry.get("shown")
    return grade(ex, entry.get("answer"), shown, seed if is_seed(seed) else None)


def _response(ex: Exercise, answer: Any, v12: bool) -> str:
    sep, dot = ("," if v12 else "[,]"), ("." if v12 else "[.]")
    if ex.kind == "reflection":
        said = answer if isinstance(answer, str) else ""
    elif isinstance(answer, str):
        said = answer
    elif isinstance(answer, list):
        said = sep.join(answer)
    else:
        said = sep.join(f"{k}{dot}{v}" for k, v in (answer or {}).items())
    return said[: 255 if v12 else 4000]


def _result(g: Grade, v12: bool) -> str:
    if g.max <= 0:
        return "neutral"
    return "correct" if g.score == g.max else ("wrong" if v12 else "incorrect") if g.score == 0 else str(g.score)


def expected(bank: dict[str, Exercise], responses: dict[str, Any], version: str, pass_share: float = 0.7) -> dict[str, Any]:
    """The score, status and interactions (by exercise id) the LMS should hold."""
    v12 = version == "1.2"
    total = raw = marked = done = 0
    interactions = {}
    for ident, ex in bank.items():
        entry = responses.get(ident) or {}
        g = graded(ex, entry) if isinstance(entry.get("score"), int) else None
        most = grade(ex, None).max
        if most > 0:
            marked, total = marked + 1, total + most
            done += bool(g and g.complete)
            raw += g.score if g else 0
        if g:
            said = _response(ex, entry.get("answer"), v12)
            interactions[ident] = {"type": TYPES.get(ex.kind, "fill-in" if v12 else "long-fill-in"),
                                   "response": said, "result": _result(g, v12), "weighting": float(g.max)}
            if not v12:
                interactions[ident]["description"] = ex.title[:250]
    complete, passed = done == marked, raw >= pass_share * total - 1e-9
    if v12:
        status = {"lesson_status": ("passed" if passed else "failed") if complete else "incomplete",
                  "exit": "" if complete else "suspend"}
        score = {"raw": round(100 * raw / total, 6), "min": 0.0, "max": 100.0}
    else:
        status = {"completion_status": "completed" if complete else "incomplete",
                  "success_status": "passed" if passed else "failed" if complete else "unknown",
                  "progress_measure": round(done / marked, 6), "exit": "normal" if complete else "suspend"}
        score = {"raw": float(raw), "min": 0.0, "max": float(total), "scaled": round(raw / total, 6)}
    return {"score": score, "status": status, "interactions": interactions}


def observed(cmi: dict[str, Any], version: str) -> dict[str, Any]:
    """The same facts from scorm-again's CMI data (``renderCMIToJSONObject().cmi``)."""
    v12 = version == "1.2"
    core = cmi["core"] if v12 else cmi
    score = {k: round(float(v), 6) for k, v in core["score"].items() if v != ""}
    if v12:
        status = {"lesson_status": core["lesson_status"], "exit": core["exit"]}
    else:
        status = {"completion_status": cmi["completion_status"], "success_status": cmi["success_status"],
                  "progress_measure": round(float(cmi["progress_measure"]), 6), "exit": cmi["exit"]}
    interactions = {}
    for n in sorted(cmi["interactions"], key=int):
        i = cmi["interactions"][n]
        interactions[i["id"]] = {"type": i["type"], "response": i["student_response" if v12 else "learner_response"],
                                 "result": i["result"], "weighting": float(i["weighting"])}
        if not v12:
            interactions[i["id"]]["description"] = i["description"]
    return {"score": score, "status": status, "interactions": interactions}
