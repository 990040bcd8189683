// Runs the viewer's engine on what-if cases for tests/test_viewer_parity.py.
// stdin: {"data": <page data>, "cases": [{"reject": [], "accept": [], "standard": null, "explain": [ids]}]}
// stdout: one result per case: {"json": <evaluate --format json>, "explain": {id: [lines]}} or {"error": message}.
"use strict";
const fs = require("fs");
const engine = require(process.argv[2]);
const input = JSON.parse(fs.readFileSync(0, "utf8"));
const graph = new engine.Graph(input.data);
const compiled = engine.compileGraph(graph);
const results = input.cases.map((c) => {
  try {
    const evaluation = engine.evaluate(graph, c, compiled);
    const explained = {};
    (c.explain || []).forEach((id) => {
      explained[id] = engine.explain(evaluation, id).map((l) => "  ".repeat(l.depth) + "- " + l.text);
    });
    return {json: engine.asJson(evaluation), explain: explained};
  } catch (e) {
    if (e instanceof engine.WhatIfError) return {error: e.message};
    throw e;
  }
});
process.stdout.write(JSON.stringify(results));
