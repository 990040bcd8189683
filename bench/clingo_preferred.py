"""Preferred extensions with the ASP solver clingo: the independent reference of bench_positions.py.

Run by bench_positions.py in a scratch virtual environment that has clingo
(never a dependency of argmap). Reads a JSON task on standard input, writes
a JSON result on standard output:

    {"size": n, "attacks": [[a, b], ...], "mode": "one"}            -> {"seconds", "cpu", "extension"}
    {"size": n, "attacks": [...], "mode": "verify", "extension": [...]} -> {"seconds", "cpu", "preferred"}

The encoding (written for this benchmark): guess a set, forbid conflicts,
require every attacker of a member to be attacked by the set (admissibility).
"one" asks clingo for a subset-maximal model under the domain heuristic that
prefers `in` (`--heuristic=Domain --enum-mode=domRec`), which is a preferred
extension. "verify" asks whether an admissible set strictly contains the
given one: none means the given set is preferred (or not admissible, which
is checked first).
"""

from __future__ import annotations

import json
import sys
import time
from typing import Any

import clingo  # type: ignore[import-not-found]

ADMISSIBLE = """
in(X) :- arg(X), not out(X).
out(X) :- arg(X), not in(X).
:- in(X), in(Y), att(X, Y).
defeated(X) :- in(Y), att(Y, X).
:- in(X), att(Y, X), not defeated(Y).
#show in/1.
"""

MAXIMAL = "#heuristic in(X) : arg(X). [1, true]\n"

STRICT_SUPERSET = """
:- given(X), not in(X).
more :- in(X), not given(X).
:- not more.
"""


def solve(program: str, arguments: list[str]) -> list[list[int]]:
    control = clingo.Control(arguments)
    control.add("base", [], program)
    control.ground([("base", [])])
    models: list[list[int]] = []
    control.solve(on_model=lambda m: models.append(sorted(s.arguments[0].number for s in m.symbols(shown=True))))
    return models


def main() -> int:
    task: dict[str, Any] = json.load(sys.stdin)
    facts = "".join(f"arg({a})." for a in range(task["size"]))
    facts += "".join(f"att({a},{b})." for a, b in task["attacks"])
    start, cpu = time.perf_counter(), time.process_time()
    if task["mode"] == "one":
        [extension] = solve(ADMISSIBLE + MAXIMAL + facts, ["--heuristic=Domain", "--enum-mode=domRec", "1"])
        result: dict[str, Any] = {"extension": extension}
    else:
        given = "".join(f"given({a})." for a in task["extension"])
        admissible = solve(ADMISSIBLE + facts + given + "\n:- given(X), not in(X).\n:- in(X), not given(X).\n", ["1"])
        larger = solve(ADMISSIBLE + facts + given + STRICT_SUPERSET, ["1"]) if admissible else []
        result = {"preferred": bool(admissible) and not larger}
    result["seconds"] = time.perf_counter() - start
    result["cpu"] = time.process_time() - cpu
    json.dump(result, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
