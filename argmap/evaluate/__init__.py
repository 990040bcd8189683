"""Evaluation: which side stands under the legal framework, why, and what would change it.

The library behind `argmap evaluate` and `argmap explain` (and the diagram's
`--status`). Modules, one job each:

- `labelling`: grounded labelling of an abstract framework (linear time);
- `standards`: weights, the defeat threshold and the proof standards;
- `whatif`: `--reject` / `--accept` / `--standard` as data;
- `semantics`: `evaluate(graph, options) -> Evaluation`;
- `pivots`: `pivots(graph, options) -> list[Pivot]`;
- `positions`: preferred positions (each side's best coherent case), found by
  `preferred` over the influence graph of `dependence` (its disputes and cycles),
  with a SAT solver (`extensions`) where a dispute is a plain attack graph;
- `explain`: a justification tree in plain sentences.

Typical use::

    from argmap.evaluate import WhatIf, evaluate, pivots
    evaluation = evaluate(graph, WhatIf(reject=("stein",)))
    evaluation.answer, evaluation.status, evaluation.element_status
    pivots(graph)   # what alone would change the answer, ranked
"""

from .semantics import (
    Answer,
    Bearing,
    CompiledMap,
    ElementResult,
    ElementStatus,
    Evaluation,
    Status,
    compile_graph,
    evaluate,
)
from .whatif import ConflictingWhatIf, UnknownTarget, WhatIf, WhatIfError

__all__ = [
    "Answer",
    "Bearing",
    "CompiledMap",
    "ConflictingWhatIf",
    "ElementResult",
    "ElementStatus",
    "Evaluation",
    "Status",
    "UnknownTarget",
    "WhatIf",
    "WhatIfError",
    "compile_graph",
    "evaluate",
]
