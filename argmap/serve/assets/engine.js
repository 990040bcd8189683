/* argmap's evaluation in the browser: a function-by-function port of argmap/evaluate/.
 *
 * The page's what-ifs must give exactly what `argmap evaluate` gives, so this file mirrors the
 * Python modules one to one (whatif.resolve, semantics.compile_graph, labelling.grounded,
 * semantics.roll_up, standards.meets, explain.explain). tests/test_viewer_parity.py runs it in
 * Node against the CLI on random what-ifs; change both together.
 *
 * Input: the page data built by argmap/serve/data.py (the map's nodes and relations in file order).
 * Works as a browser global (ArgmapEngine) and as a Node module.
 */
(function (root) {
  "use strict";

  // labelling.py
  var UNDEC = 0, IN = 1, OUT = 2;
  // standards.py
  var DEFAULT_WEIGHT = 1.0;
  var DEFEAT_THRESHOLD = 0.5;
  var CLEAR_AND_CONVINCING_MIN_PRO = 0.5;
  var CLEAR_AND_CONVINCING_MIN_MARGIN = 0.3;
  var BEYOND_REASONABLE_DOUBT_MAX_CON = 0.2;
  var STANDARD_NAMES = {
    "scintilla": "scintilla of evidence",
    "preponderance": "preponderance of the evidence",
    "clear-and-convincing": "clear and convincing evidence",
    "beyond-reasonable-doubt": "beyond reasonable doubt",
    "dialectical-validity": "dialectical validity"
  };
  var REQUIREMENTS = {
    "scintilla": "at least one accepted reason for",
    "preponderance": "the strongest reason for to outweigh the strongest reason against",
    "clear-and-convincing": "the strongest reason for to weigh more than " + g(CLEAR_AND_CONVINCING_MIN_PRO) +
      " and to outweigh the strongest reason against by more than " + g(CLEAR_AND_CONVINCING_MIN_MARGIN),
    "beyond-reasonable-doubt": "clear and convincing evidence, with no reason against weighing " +
      g(BEYOND_REASONABLE_DOUBT_MAX_CON) + " or more",
    "dialectical-validity": "at least one accepted reason for and none against"
  };
  var STATUS_OF_LABEL = ["undecided", "accepted", "rejected"];
  var ELEMENT_AS_STATUS = {"established": "accepted", "not established": "rejected", "undecided": "undecided"};
  var ANSWER_AS_STATUS = {"yes": "accepted", "no": "rejected", "undecided": "undecided"};
  var TARGETABLE = {"element": true, "claim": true, "evidence": true, "rebuttal": true};

  /** Python's format(x, "g") for the weights and thresholds the sentences print. */
  function g(x) {
    if (x === 0) return "0";
    var exponent = Math.floor(Math.log10(Math.abs(x)));
    if (exponent < -4 || exponent >= 6) {
      var parts = x.toExponential(5).split("e");
      var mantissa = parts[0].replace(/\.?0+$/, "");
      var e = parseInt(parts[1], 10);
      return mantissa + "e" + (e < 0 ? "-" : "+") + (Math.abs(e) < 10 ? "0" : "") + Math.abs(e);
    }
    var fixed = x.toPrecision(6);
    return fixed.indexOf(".") >= 0 ? fixed.replace(/\.?0+$/, "") : fixed;
  }

  function weightOr(value) { return value === null || value === undefined ? DEFAULT_WEIGHT : value; }

  /** A map's data indexed the way argmap.graph.ArgumentGraph is. */
  function Graph(data) {
    this.data = data;
    this.nodes = new Map();
    for (var i = 0; i < data.nodes.length; i++) {
      var n = data.nodes[i];
      if (!this.nodes.has(n.id)) this.nodes.set(n.id, n);
    }
    this.entities = new Map();
    var self = this;
    data.parties.forEach(function (p) { if (!self.entities.has(p.id)) self.entities.set(p.id, "party"); });
    data.sources.forEach(function (s) { if (!self.entities.has(s.id)) self.entities.set(s.id, "source"); });
    this.parties = new Map(data.parties.map(function (p) { return [p.id, p]; }));
    this.sources = new Map(data.sources.map(function (s) { return [s.id, s]; }));
    this.supports = data.supports.map(function (s) { return {source: s[0], target: s[1], weight: s[2]}; });
    this.attacks = data.attacks.map(function (a) {
      return {source: a[0], kind: a[1], weight: a[2], target: a[3], link: a[4]};
    });
    this.elementIds = data.framework.elements.map(function (e) { return e.id; });
  }
  Graph.prototype.kindOf = function (identifier) {
    var node = this.nodes.get(identifier);
    if (node) return node.kind;
    return this.entities.has(identifier) ? this.entities.get(identifier) : null;
  };

  // whatif.py
  function WhatIfError(message) { this.message = message; this.name = "WhatIfError"; }

  function nodesNamed(graph, identifier) {
    var kind = graph.kindOf(identifier);
    if (TARGETABLE[kind]) return [identifier];
    if (kind === "question") {
      throw new WhatIfError("'" + identifier + "' is the question: its answer follows from the elements, " +
                            "so reject or accept an element instead");
    }
    var found = [];
    if (kind === "party") {
      graph.nodes.forEach(function (n) { if (n.by === identifier) found.push(n.id); });
      return found;
    }
    if (kind === "source") {
      graph.data.nodes.forEach(function (n) {
        if (n.kind === "evidence" && (n.source === identifier || n.cites === identifier)) found.push(n.id);
      });
      return found;
    }
    throw new WhatIfError("'" + identifier + "' is not a claim, evidence, rebuttal, element, party or source " +
                          "of this map");
  }

  /** Map node id -> {accepted, because}: the status each what-if option forces. */
  function resolve(graph, options) {
    var rejected = new Set(options.reject);
    var overlap = options.accept.filter(function (a) { return rejected.has(a); }).sort();
    if (overlap.length) throw new WhatIfError("'" + overlap[0] + "' is both rejected and accepted");
    var direct = new Map(), indirect = new Map();
    [[false, options.reject], [true, options.accept]].forEach(function (pass) {
      var accepted = pass[0];
      pass[1].forEach(function (identifier) {
        var named = nodesNamed(graph, identifier);
        var table = TARGETABLE[graph.kindOf(identifier)] ? direct : indirect;
        named.forEach(function (nodeId) {
          var earlier = table.get(nodeId);
          if (earlier !== undefined && earlier.accepted !== accepted) {
            throw new WhatIfError("'" + nodeId + "' would be both rejected and accepted (through '" +
                                  earlier.because + "' and '" + identifier + "'); name it directly to decide");
          }
          table.set(nodeId, {accepted: accepted, because: identifier});
        });
      });
    });
    var forced = new Map(indirect);
    direct.forEach(function (value, key) { forced.set(key, value); });
    return forced;
  }

  // semantics.compile_graph
  function compileGraph(graph) {
    var ids = Array.from(graph.nodes.keys());
    var index = new Map(ids.map(function (id, i) { return [id, i]; }));
    var kinds = ids.map(function (id) { return graph.nodes.get(id).kind; });
    var af = {
      size: ids.length,
      standsAlone: kinds.map(function (k) { return k === "evidence"; }),
      inert: kinds.map(function (k) { return k === "element" || k === "question"; }),
      defeats: [], links: [], undercuts: []
    };
    var compiled = {graph: graph, ids: ids, index: index, af: af, linkEnds: [],
                    elementPro: new Map(), elementCon: new Map()};
    var supports = graph.supports.filter(function (s) { return s.weight === null || s.weight > 0.0; });
    supports.forEach(function (s, j) {
      af.links.push([index.get(s.source), index.get(s.target)]);
      compiled.linkEnds.push([s.source, s.target]);
      if (kinds[index.get(s.target)] === "element") {
        push(compiled.elementPro, s.target, {link: j, weight: weightOr(s.weight)});
      }
    });
    var undercut = new Set();
    graph.attacks.forEach(function (a) { if (a.link) undercut.add(pairKey(a.link[0], a.link[1])); });
    var linksNamed = new Map();
    compiled.linkEnds.forEach(function (pair, j) {
      var key = pairKey(pair[0], pair[1]);
      if (undercut.has(key)) push(linksNamed, key, j);
    });
    graph.attacks.forEach(function (attack) {
      var weight = weightOr(attack.weight);
      if (attack.link) {
        if (weight >= DEFEAT_THRESHOLD) {
          var attacker = index.get(attack.source);
          (linksNamed.get(pairKey(attack.link[0], attack.link[1])) || []).forEach(function (j) {
            af.undercuts.push([attacker, j]);
          });
        }
      } else if (attack.target !== null) {
        var target = index.get(attack.target);
        if (kinds[target] === "element") {
          push(compiled.elementCon, attack.target, {attacker: index.get(attack.source), weight: weight});
        } else if (weight >= DEFEAT_THRESHOLD) {
          af.defeats.push([index.get(attack.source), target]);
        }
      }
    });
    return compiled;
  }

  function push(map, key, value) {
    var list = map.get(key);
    if (list === undefined) map.set(key, [value]); else list.push(value);
  }
  function pairKey(a, b) { return a + "\u0000" + b; }

  function byFirst(size, pairs) {
    var lists = [];
    for (var i = 0; i < size; i++) lists.push([]);
    pairs.forEach(function (pair, j) { lists[pair[0]].push(j); });
    return lists;
  }

  // labelling.grounded: the least fixpoint, by the same propagation as the Python.
  function grounded(af, fixed) {
    var size = af.size;
    var defeatsFrom = byFirst(size, af.defeats), undercutsFrom = byFirst(size, af.undercuts);
    var linksFrom = byFirst(size, af.links);
    var defeatersLeft = new Array(size).fill(0), linksLeft = new Array(size).fill(0);
    af.defeats.forEach(function (d) { defeatersLeft[d[1]] += 1; });
    af.links.forEach(function (l) { linksLeft[l[1]] += 1; });
    var undercutsLeft = new Array(af.links.length).fill(0);
    af.undercuts.forEach(function (u) { undercutsLeft[u[1]] += 1; });
    var node = new Array(size).fill(UNDEC), link = new Array(af.links.length).fill(UNDEC);
    var hasInLink = new Array(size).fill(false);
    var frozen = af.inert.slice();
    var events = [];
    fixed.forEach(function (label, argument) {
      frozen[argument] = true;
      if (label !== UNDEC) { node[argument] = label; events.push(argument); }
    });
    function settle(a) {
      if (defeatersLeft[a] === 0 && (af.standsAlone[a] || hasInLink[a])) { node[a] = IN; events.push(a); }
      else if (!af.standsAlone[a] && linksLeft[a] === 0) { node[a] = OUT; events.push(a); }
    }
    for (var a = 0; a < size; a++) if (!frozen[a]) settle(a);
    while (events.length) {
      var event = events.pop();
      if (event >= 0) {
        var isIn = node[event] === IN;
        defeatsFrom[event].forEach(function (d) {
          var target = af.defeats[d][1];
          if (isIn) {
            if (node[target] === UNDEC && !frozen[target]) { node[target] = OUT; events.push(target); }
          } else {
            defeatersLeft[target] -= 1;
            if (node[target] === UNDEC && !frozen[target]) settle(target);
          }
        });
        undercutsFrom[event].forEach(function (u) {
          var j = af.undercuts[u][1];
          if (isIn) {
            if (link[j] === UNDEC) { link[j] = OUT; events.push(~j); }
          } else {
            undercutsLeft[j] -= 1;
            if (link[j] === UNDEC && undercutsLeft[j] === 0 && node[af.links[j][0]] === IN) {
              link[j] = IN; events.push(~j);
            }
          }
        });
        linksFrom[event].forEach(function (j) {
          if (link[j] !== UNDEC) return;
          if (isIn) {
            if (undercutsLeft[j] === 0) { link[j] = IN; events.push(~j); }
          } else {
            link[j] = OUT; events.push(~j);
          }
        });
      } else {
        var j = ~event, target = af.links[j][1];
        if (link[j] === IN) hasInLink[target] = true; else linksLeft[target] -= 1;
        if (node[target] === UNDEC && !frozen[target]) settle(target);
      }
    }
    return {nodes: node, links: link};
  }

  // standards.meets
  function meets(standard, pro, con) {
    if (pro === null) return false;
    var against = con === null ? 0.0 : con;
    if (standard === "scintilla") return true;
    if (standard === "dialectical-validity") return con === null;
    if (standard === "preponderance") return pro > against;
    // Python's round(pro - against, 9): 0.6 - 0.3 counts as 0.3.
    var clear = pro > CLEAR_AND_CONVINCING_MIN_PRO &&
                parseFloat((pro - against).toFixed(9)) > CLEAR_AND_CONVINCING_MIN_MARGIN;
    if (standard === "clear-and-convincing") return clear;
    return clear && against < BEYOND_REASONABLE_DOUBT_MAX_CON;
  }

  function strongestWeight(bearings, counted) {
    var best = null;
    bearings.forEach(function (b) {
      if (counted.indexOf(b.status) >= 0 && (best === null || b.weight > best)) best = b.weight;
    });
    return best;
  }

  // semantics._weigh
  function weigh(standard, pro, con) {
    var sure = ["accepted"], possible = ["accepted", "undecided"];
    if (meets(standard, strongestWeight(pro, sure), strongestWeight(con, possible))) return "established";
    if (!meets(standard, strongestWeight(pro, possible), strongestWeight(con, sure))) return "not established";
    return "undecided";
  }

  // semantics._combine
  function combine(rule, statuses) {
    var decisive = rule === "all" ? "not established" : "established";
    var other = rule === "all" ? "no" : "yes";
    if (statuses.indexOf(decisive) >= 0) return other;
    if (statuses.indexOf("undecided") >= 0) return "undecided";
    return rule === "all" ? "yes" : "no";
  }

  // semantics.CompiledMap.roll_up
  function rollUp(compiled, labelling, forced, standard) {
    var framework = compiled.graph.data.framework;
    var ids = compiled.ids;
    var elements = [];
    framework.elements.forEach(function (element) {
      var applied = standard || element.standard || framework.standard;
      var pro = (compiled.elementPro.get(element.id) || []).map(function (p) {
        return {node: ids[compiled.af.links[p.link][0]], weight: p.weight,
                status: STATUS_OF_LABEL[labelling.links[p.link]]};
      });
      var con = (compiled.elementCon.get(element.id) || []).map(function (c) {
        return {node: ids[c.attacker], weight: c.weight, status: STATUS_OF_LABEL[labelling.nodes[c.attacker]]};
      });
      var forcing = forced.get(element.id) || null;
      var status = forcing !== null ? (forcing.accepted ? "established" : "not established")
                                    : weigh(applied, pro, con);
      elements.push({id: element.id, status: status, standard: applied, pro: pro, con: con, forced: forcing});
    });
    return {elements: elements, answer: combine(framework.combine, elements.map(function (e) { return e.status; }))};
  }

  /** semantics.evaluate: options = {reject: [ids], accept: [ids], standard: name or null}. */
  function evaluate(graph, options, compiled) {
    options = {reject: options.reject || [], accept: options.accept || [], standard: options.standard || null};
    var forced = resolve(graph, options);
    compiled = compiled || compileGraph(graph);
    var fixed = new Map();
    forced.forEach(function (f, nodeId) {
      if (graph.nodes.get(nodeId).kind !== "element") fixed.set(compiled.index.get(nodeId), f.accepted ? IN : OUT);
    });
    var labelling = grounded(compiled.af, fixed);
    var rolled = rollUp(compiled, labelling, forced, options.standard);
    var status = new Map();
    compiled.ids.forEach(function (id, i) { status.set(id, STATUS_OF_LABEL[labelling.nodes[i]]); });
    rolled.elements.forEach(function (e) { status.set(e.id, ELEMENT_AS_STATUS[e.status]); });
    status.set(graph.data.question.id, ANSWER_AS_STATUS[rolled.answer]);
    var linkStatus = new Map();
    compiled.linkEnds.forEach(function (pair, j) {
      linkStatus.set(pairKey(pair[0], pair[1]), STATUS_OF_LABEL[labelling.links[j]]);
    });
    return {graph: graph, options: options, status: status, linkStatus: linkStatus,
            elements: rolled.elements, answer: rolled.answer, forced: forced};
  }

  /** What `argmap evaluate --format json` prints (without "file", pivots and positions). */
  function asJson(evaluation) {
    var graph = evaluation.graph, data = graph.data, options = evaluation.options;
    function bearing(b) { return {id: b.node, weight: b.weight, status: b.status}; }
    return {
      question: {id: data.question.id, text: data.question.text, answer: evaluation.answer},
      combine: data.framework.combine,
      what_if: {reject: options.reject.slice(), accept: options.accept.slice(), standard: options.standard},
      elements: evaluation.elements.map(function (r) {
        return {id: r.id, status: r.status, standard: r.standard, pro: r.pro.map(bearing), con: r.con.map(bearing)};
      }),
      nodes: Array.from(graph.nodes.values()).map(function (n) {
        var item = {id: n.id, kind: n.kind, status: evaluation.status.get(n.id)};
        if (evaluation.forced.has(n.id)) item.forced_by = evaluation.forced.get(n.id).because;
        return item;
      })
    };
  }

  // explain.py: the justification tree, sentence for sentence.
  var DEFAULT_DEPTH = 6, MAX_DEPTH = 100;
  var LQ = "\u201c", RQ = "\u201d";

  function Explainer(evaluation, maxDepth) {
    this.evaluation = evaluation;
    this.graph = evaluation.graph;
    this.maxDepth = maxDepth;
    this.lines = [];
    this.explained = new Set();
    this.attacksOn = new Map();
    this.undercutsOn = new Map();
    var self = this;
    this.graph.attacks.forEach(function (attack) {
      if (attack.link) push(self.undercutsOn, pairKey(attack.link[0], attack.link[1]), attack);
      else if (attack.target !== null) push(self.attacksOn, attack.target, attack);
    });
    this.reasonsFor = new Map();
    this.graph.supports.forEach(function (s) { push(self.reasonsFor, s.target, s.source); });
    this.elementResults = new Map(evaluation.elements.map(function (e) { return [e.id, e]; }));
  }
  Explainer.prototype.name = function (nodeId) {
    var node = this.graph.nodes.get(nodeId);
    var by = node.by ? this.graph.parties.get(node.by).name : null;
    return node.kind + " '" + nodeId + "'" + (by ? " (by " + by + ")" : "");
  };
  Explainer.prototype.status = function (nodeId) { return this.evaluation.status.get(nodeId); };
  Explainer.prototype.say = function (depth, text, about) {
    this.lines.push({depth: depth, text: text, about: about || null});
  };
  Explainer.prototype.node = function (nodeId, depth) {
    if (depth > this.maxDepth) {
      this.say(depth, "... ('" + nodeId + "': explain it on its own to go further)", nodeId);
      return;
    }
    if (this.explained.has(nodeId)) {
      this.say(depth, this.name(nodeId) + " is " + this.status(nodeId) + " (explained above).", nodeId);
      return;
    }
    this.explained.add(nodeId);
    var node = this.graph.nodes.get(nodeId);
    if (node.kind === "question") this.question(depth);
    else if (node.kind === "element") this.element(this.elementResults.get(nodeId), depth);
    else this.argument(node, depth);
  };
  Explainer.prototype.question = function (depth) {
    var framework = this.graph.data.framework;
    var rule = framework.combine === "all" ? "every element must be established" : "one established element suffices";
    this.say(depth, "The answer to " + LQ + this.graph.data.question.text + RQ + " is " +
             this.evaluation.answer.toUpperCase() + ": under the framework " + rule + ".", this.graph.data.question.id);
    var self = this;
    framework.elements.forEach(function (e) { self.node(e.id, depth + 1); });
  };
  function strongest(bearings) {
    var best = null;
    bearings.forEach(function (b) {
      if (b.status === "accepted" && (best === null || b.weight > best.weight)) best = b;
    });
    return best;
  }
  Explainer.prototype.element = function (result, depth) {
    var standard = STANDARD_NAMES[result.standard];
    var head = "Element '" + result.id + "' (" + LQ + this.graph.nodes.get(result.id).text + RQ + ") is " + result.status;
    if (result.forced !== null) {
      this.say(depth, head + ": set by the what-if option on '" + result.forced.because + "'.", result.id);
      return;
    }
    var pro = strongest(result.pro), con = strongest(result.con);
    var proText = pro ? "the strongest accepted reason for it is '" + pro.node + "' (weight " + g(pro.weight) + ")"
                      : "no reason for it is accepted";
    var conText = con ? "the strongest accepted reason against it is '" + con.node + "' (weight " + g(con.weight) + ")"
                      : "no reason against it is accepted";
    var doubtful = result.pro.concat(result.con).filter(function (b) { return b.status === "undecided"; })
      .map(function (b) { return "'" + b.node + "'"; });
    var tail = doubtful.length ? "; undecided: " + doubtful.join(", ") : "";
    var verdict = result.status === "established" ? "which meets it" : (
      result.status === "not established" ? "which does not meet it" : "so whether it is met turns on undecided reasons");
    this.say(depth, head + " under " + standard + ", which needs " + REQUIREMENTS[result.standard] + ": " +
             proText + ", and " + conText + ", " + verdict + tail + ".", result.id);
    var self = this;
    result.pro.forEach(function (b) {
      if (b.status === "accepted") self.node(b.node, depth + 1);
      else self.failedSupport(b.node, result.id, depth + 1);
    });
    result.con.forEach(function (b) {
      self.say(depth + 1, "Against it (weight " + g(b.weight) + "): " + self.name(b.node) + ", which is " + b.status + ".", b.node);
      if (b.status !== "rejected" || depth + 2 <= self.maxDepth) self.node(b.node, depth + 2);
    });
  };
  Explainer.prototype.argument = function (node, depth) {
    var self = this;
    var status = this.status(node.id);
    var forced = this.evaluation.forced.get(node.id);
    if (forced !== undefined) {
      var how = forced.because === node.id ? "node" : "'" + forced.because + "'";
      this.say(depth, this.name(node.id) + " is " + status + ": set by the what-if option on " + how + ".", node.id);
      return;
    }
    var attacks = this.attacksOn.get(node.id) || [];
    var defeats = attacks.filter(function (a) { return weightOr(a.weight) >= DEFEAT_THRESHOLD; });
    var winning = defeats.filter(function (a) { return self.status(a.source) === "accepted"; });
    var open = defeats.filter(function (a) { return self.status(a.source) === "undecided"; });
    var quoted = " (" + LQ + node.text + RQ + ")";
    if (node.kind === "evidence") {
      this.say(depth, this.name(node.id) + " is " + status + ". It quotes " + this.citation(node) + ".", node.id);
    } else if (status === "accepted") {
      this.say(depth, this.name(node.id) + quoted + " is accepted: it has an accepted reason and no attack on it succeeds.", node.id);
    } else if (winning.length) {
      this.say(depth, this.name(node.id) + quoted + " is rejected: an accepted attack defeats it.", node.id);
    } else if (status === "rejected") {
      this.say(depth, this.name(node.id) + quoted + " is rejected: none of its reasons stands.", node.id);
    } else {
      this.say(depth, this.name(node.id) + quoted + " is undecided: what bears on it is itself undecided " +
               "(attacks in a cycle, which grounded semantics leaves open).", node.id);
    }
    var reasons = node.kind !== "evidence" ? (this.reasonsFor.get(node.id) || []) : [];
    var beneath = reasons.concat(attacks.map(function (a) { return a.source; }));
    if (beneath.length && depth + 1 > this.maxDepth) {
      this.say(depth + 1, "... beneath it: " + beneath.join(", ") + " (explain one of them to go further)", null);
      return;
    }
    if (node.kind !== "evidence") {
      (this.reasonsFor.get(node.id) || []).forEach(function (source) {
        if (self.evaluation.linkStatus.get(pairKey(source, node.id)) === "accepted") self.node(source, depth + 1);
        else self.failedSupport(source, node.id, depth + 1);
      });
    }
    attacks.forEach(function (attack) {
      self.attack(attack, depth + 1, winning.indexOf(attack) >= 0 || open.indexOf(attack) >= 0);
    });
  };
  Explainer.prototype.attack = function (attack, depth, counts) {
    var weight = weightOr(attack.weight);
    var verb = attack.kind + "s";
    var attacker = this.status(attack.source);
    if (weight < DEFEAT_THRESHOLD) {
      this.say(depth, this.name(attack.source) + " " + verb + " it with weight " + g(weight) + ", below the defeat " +
               "threshold " + g(DEFEAT_THRESHOLD) + ", so it cannot defeat it.", attack.source);
      return;
    }
    var outcome = attacker === "accepted" ? "and succeeds" : (attacker === "rejected" ? "but is rejected" : "and is undecided");
    this.say(depth, this.name(attack.source) + " " + verb + " it (weight " + g(weight) + ") " + outcome + ".", attack.source);
    if (counts || depth + 1 <= this.maxDepth) this.node(attack.source, depth + 1);
  };
  Explainer.prototype.failedSupport = function (source, target, depth) {
    var self = this;
    var link = this.evaluation.linkStatus.get(pairKey(source, target));
    if (link === undefined) {
      this.say(depth, "The support from '" + source + "' has weight 0 and bears on nothing.", source);
      return;
    }
    var undercuts = this.undercutsOn.get(pairKey(source, target)) || [];
    var succeeding = undercuts.filter(function (u) {
      return weightOr(u.weight) >= DEFEAT_THRESHOLD && self.status(u.source) !== "rejected";
    });
    if (succeeding.length && this.status(source) !== "rejected") {
      succeeding.forEach(function (u) {
        self.say(depth, "The support from '" + source + "' does not count: " + self.name(u.source) +
                 " undercuts it (weight " + g(weightOr(u.weight)) + ") and is " + self.status(u.source) + ".", u.source);
        self.node(u.source, depth + 1);
      });
      return;
    }
    this.say(depth, "The support from " + this.name(source) + " is " + link + ", because '" + source + "' is " +
             this.status(source) + ".", source);
    this.node(source, depth + 1);
  };
  Explainer.prototype.citation = function (node) {
    var cites = node.cites ? ", reporting " + this.graph.sources.get(node.cites).title : "";
    return this.graph.sources.get(node.source).title + ", " + node.locator + cites + ": " + LQ + node.text + RQ;
  };

  /** explain.explain: [{depth, text, about}], `about` naming the node a line is about (for links). */
  function explain(evaluation, nodeId, maxDepth) {
    if (!evaluation.graph.nodes.has(nodeId)) throw new Error("no node " + nodeId);
    var depth = maxDepth === undefined ? DEFAULT_DEPTH : Math.min(maxDepth, MAX_DEPTH);
    var explainer = new Explainer(evaluation, depth);
    explainer.node(nodeId, 0);
    return explainer.lines;
  }

  var api = {Graph: Graph, WhatIfError: WhatIfError, resolve: resolve, compileGraph: compileGraph,
             grounded: grounded, meets: meets, evaluate: evaluate, asJson: asJson, explain: explain,
             formatWeight: g, STANDARD_NAMES: STANDARD_NAMES};
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.ArgmapEngine = api;
})(this);
