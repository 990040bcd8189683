"""The what-if options shared by `evaluate`, `explain` and `render --status`."""

from __future__ import annotations

from argmap.evaluate import Evaluation, WhatIf, WhatIfError, evaluate
from argmap.graph import ArgumentGraph

from .common import fail_usage

REJECT_HELP = ("Treat as rejected: a node id, a party id (everything it asserts) or a source id "
               "(every quote from or citing it). Repeatable.")
ACCEPT_HELP = "Treat as accepted: a node, party or source id. Repeatable."
STANDARD_HELP = "Apply this proof standard to every element instead of the map's own."


def evaluate_or_exit(graph: ArgumentGraph, options: WhatIf) -> Evaluation:
    """Evaluate, turning an unknown or conflicting what-if id into a usage error (exit 2)."""
    try:
        return evaluate(graph, options)
    except WhatIfError as exc:
        fail_usage(str(exc))
