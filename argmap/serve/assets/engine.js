/* argmap's evaluation in the browser: a function-by-function port of argmap/evaluate/.
 *
 * The page's what-ifs must give exactly what `argmap evaluate` gives, so this file mirrors the
 * Python modules one to one (whatif.resolve, compiled.compile_graph, labelling.grounded,
 * compiled.CompiledMap.roll_up, standards.meets, explain.explain). tests/test_viewer_parity.py runs it in
 * Node against the CLI on random what-ifs; change both together.
 *
 * Input: the page data built by argmap/serve/data.py (the map's nodes and relations in file order).
 * Works as a browser global (ArgmapEngine) and as a Node module.
 */
(function (root) {
  "use strict";

  // framework.py
  var UNDEC = 0, IN = 1, OUT = 2;
  var SUPPORT = 0, ATTACK = 1, UNDERCUT = 2;
  var UNKNOWN = -1.0;
  var EPSILON = 1e-9;
  // standards.py
  var DEFAULT_WEIGHT = 1.0;
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
    "preponderance": "the reasons for to outweigh the reasons against",
    "clear-and-convincing": "the reasons for to weigh more than " + g(CLEAR_AND_CONVINCING_MIN_PRO) +
      " and to outweigh the reasons against by more than " + g(CLEAR_AND_CONVINCING_MIN_MARGIN),
    "beyond-reasonable-doubt": "clear and convincing evidence, with the reasons against weighing less than " +
      g(BEYOND_REASONABLE_DOUBT_MAX_CON),
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

  function push(map, key, value) {
    var list = map.get(key);
    if (list === undefined) map.set(key, [value]); else list.push(value);
  }
  function pairKey(a, b) { return a + "\u0000" + b; }
  function zeros(n, value) { var out = new Array(n); for (var i = 0; i < n; i++) out[i] = value; return out; }

  // framework.accrue
  function accrue(forces) {
    var rest = 1.0;
    for (var i = 0; i < forces.length; i++) rest *= 1.0 - forces[i];
    return 1.0 - rest;
  }
  function full(value) { return value >= 1.0 - EPSILON; }

  // framework._Relations.build: every relation in one numbering (supports, attacks, undercuts of
  // supports, undercuts of attacks), with the supports each argument lends and the attacks and
  // undercuts it strikes with, in relation order.
  function relationsOf(af) {
    if (af.relations) return af.relations;
    var size = af.size, links = af.links.length;
    var kind = [], source = [], target = [], weight = [];
    af.links.forEach(function (l, j) { kind.push(SUPPORT); source.push(l[0]); target.push(l[1]); weight.push(af.linkWeights[j]); });
    af.defeats.forEach(function (d, j) { kind.push(ATTACK); source.push(d[0]); target.push(d[1]); weight.push(af.defeatWeights[j]); });
    af.undercuts.forEach(function (u, j) { kind.push(UNDERCUT); source.push(u[0]); target.push(u[1]); weight.push(af.undercutWeights[j]); });
    af.attackUndercuts.forEach(function (u, j) {
      kind.push(UNDERCUT); source.push(u[0]); target.push(links + u[1]); weight.push(af.attackUndercutWeights[j]);
    });
    var count = kind.length;
    var supportsIn = zeros(size, 0), attacksIn = zeros(size, 0), undercutsIn = zeros(count, 0), rest = zeros(size, 1.0);
    var r, a;
    for (r = 0; r < count; r++) {
      if (kind[r] === SUPPORT) { supportsIn[target[r]] += 1; rest[target[r]] *= 1.0 - weight[r]; }
      else if (kind[r] === ATTACK) attacksIn[target[r]] += 1;
      else undercutsIn[target[r]] += 1;
    }
    var cap = [], top = [], lends = [], strikes = [];
    for (a = 0; a < size; a++) { cap.push(af.standsAlone[a] ? 1.0 : 1.0 - rest[a]); lends.push([]); strikes.push([]); }
    for (r = 0; r < count; r++) {
      top.push(Math.min(weight[r], cap[source[r]]));
      (r < links ? lends : strikes)[source[r]].push(r);
    }
    af.relations = {kind: kind, source: source, target: target, weight: weight, lends: lends, strikes: strikes,
                    supportsIn: supportsIn, attacksIn: attacksIn, undercutsIn: undercutsIn, cap: cap, top: top};
    return af.relations;
  }

  // labelling.grounded: the least fixpoint of the weighing rules, by the same propagation as the Python
  // (the same steps in the same order, so every product is formed in the same order, bit for bit).
  // Python hands a plain Dung framework to dung.plain_grounded, whose result is the very same.
  function grounded(af, fixed) {
    var rel = relationsOf(af);
    var kind = rel.kind, source = rel.source, target = rel.target, weight = rel.weight;
    var cap = rel.cap, top = rel.top, lends = rel.lends, strikes = rel.strikes;
    var size = af.size, count = kind.length, links = af.links.length;
    // Held IN, an argument acts at its relations' full weights, above its own cap (labelling.py).
    var raised = false;
    fixed.forEach(function (label, argument) {
      if (label !== IN || cap[argument] >= 1.0 - EPSILON) return;
      if (!raised) { top = top.slice(); raised = true; }
      lends[argument].concat(strikes[argument]).forEach(function (j) { top[j] = weight[j]; });
    });
    var node = zeros(size, UNDEC);
    var reasons = af.standsAlone.map(function (alone) { return alone ? 1.0 : UNKNOWN; });
    var strength = zeros(size, UNKNOWN);
    var supportsLeft = rel.supportsIn.slice(), attacksLeft = rel.attacksIn.slice();
    var proRest = zeros(size, 1.0), conRest = zeros(size, 1.0);
    var hiRest = zeros(size, 1.0), hiFull = zeros(size, 0);
    var r;
    for (r = links; r < links + af.defeats.length; r++) {
      if (top[r] >= 1.0 - EPSILON) hiFull[target[r]] += 1; else hiRest[target[r]] *= 1.0 - top[r];
    }
    var state = zeros(count, UNDEC), force = zeros(count, UNKNOWN);
    var undercutsLeft = rel.undercutsIn.slice(), cutRest = zeros(count, 1.0);
    var frozen = af.inert.slice();
    var announced = zeros(size, 0);
    var events = [];

    function review(a) {
      var changed = false;
      var known = reasons[a] !== UNKNOWN;
      if (!known && (supportsLeft[a] === 0 || proRest[a] <= EPSILON)) {
        reasons[a] = proRest[a] <= EPSILON ? 1.0 : 1.0 - proRest[a];
        changed = known = true;
      }
      var label = node[a];
      if (label === UNDEC) {
        var most = known ? reasons[a] : cap[a];
        var least = known ? reasons[a] : 1.0 - proRest[a];
        if (1.0 - conRest[a] >= most - EPSILON) {
          node[a] = OUT;
          strength[a] = 0.0;
          events.push(a);
          return;
        }
        if (least - (hiFull[a] ? 1.0 : 1.0 - hiRest[a]) > EPSILON) {
          node[a] = label = IN;
          changed = true;
        }
      }
      if (label === IN && known && attacksLeft[a] === 0 && strength[a] === UNKNOWN) {
        strength[a] = reasons[a] - (1.0 - conRest[a]);
        changed = true;
      }
      if (changed) events.push(a);
    }

    function bear(r, f) {
      if (f > EPSILON) { state[r] = IN; force[r] = f; }
      else { state[r] = OUT; force[r] = f = 0.0; }
      var t = target[r], k = kind[r];
      if (k === SUPPORT) {
        supportsLeft[t] -= 1;
        proRest[t] *= 1.0 - f;
      } else if (k === ATTACK) {
        attacksLeft[t] -= 1;
        conRest[t] *= 1.0 - f;
        if (top[r] >= 1.0 - EPSILON) hiFull[t] -= 1; else hiRest[t] /= 1.0 - top[r];
        if (f >= 1.0 - EPSILON) hiFull[t] += 1; else hiRest[t] *= 1.0 - f;
      } else {
        undercutsLeft[t] -= 1;
        cutRest[t] *= 1.0 - f;
        if (state[t] === UNDEC) {
          var s = source[t];
          if (cutRest[t] <= EPSILON) bear(t, 0.0);
          else if (undercutsLeft[t] === 0 && node[s] === IN) {
            var value = kind[t] === SUPPORT ? strength[s] : reasons[s];
            if (value !== UNKNOWN) bear(t, Math.min(weight[t], value) * cutRest[t]);
          }
        }
        return;
      }
      if (!frozen[t] && (strength[t] === UNKNOWN || reasons[t] === UNKNOWN)) review(t);
    }

    fixed.forEach(function (label, argument) {
      frozen[argument] = true;
      node[argument] = label;
      if (label === IN) { reasons[argument] = 1.0; strength[argument] = 1.0; }
      else if (label === OUT) strength[argument] = 0.0;
      events.push(argument);
    });
    for (var a = 0; a < size; a++) if (!frozen[a]) review(a);
    var i, out, value;
    while (events.length) {
      a = events.pop();
      var label = node[a];
      if (label === OUT && !announced[a]) {
        announced[a] = 7;
        out = lends[a];
        for (i = 0; i < out.length; i++) if (state[out[i]] === UNDEC) bear(out[i], 0.0);
        out = strikes[a];
        for (i = 0; i < out.length; i++) if (state[out[i]] === UNDEC) bear(out[i], 0.0);
      } else if (label === IN) {
        if (!(announced[a] & 2) && reasons[a] !== UNKNOWN) {
          announced[a] |= 2;
          value = reasons[a];
          out = strikes[a];
          for (i = 0; i < out.length; i++) {
            r = out[i];
            if (state[r] === UNDEC && undercutsLeft[r] === 0) bear(r, Math.min(weight[r], value) * cutRest[r]);
          }
        }
        if (!(announced[a] & 4) && strength[a] !== UNKNOWN) {
          announced[a] |= 4;
          value = strength[a];
          out = lends[a];
          for (i = 0; i < out.length; i++) {
            r = out[i];
            if (state[r] === UNDEC && undercutsLeft[r] === 0) bear(r, Math.min(weight[r], value) * cutRest[r]);
          }
        }
      }
    }
    return {nodes: node, links: state.slice(0, links), reasons: reasons, strength: strength,
            relations: state, forces: force};
  }

  // compiled.compile_graph: weight 0 bears on nothing; a relation listed twice counts once.
  function compileGraph(graph) {
    var ids = Array.from(graph.nodes.keys());
    var index = new Map(ids.map(function (id, i) { return [id, i]; }));
    var kinds = ids.map(function (id) { return graph.nodes.get(id).kind; });
    var af = {
      size: ids.length,
      standsAlone: kinds.map(function (k) { return k === "evidence"; }),
      inert: kinds.map(function (k) { return k === "element" || k === "question"; }),
      links: [], defeats: [], undercuts: [], attackUndercuts: [],
      linkWeights: [], defeatWeights: [], undercutWeights: [], attackUndercutWeights: [], relations: null
    };
    var compiled = {graph: graph, ids: ids, index: index, af: af, linkEnds: [], attackEnds: [], attackKinds: [],
                    undercutEnds: [], elementPro: new Map(), elementCon: new Map(), indexed: null};
    var position = function (id) { return index.get(id); };
    var supportOf = new Map();
    graph.supports.forEach(function (s) {
      var key = pairKey(s.source, s.target);
      if (weightOr(s.weight) > 0.0 && !supportOf.has(key)) {
        supportOf.set(key, af.links.length);
        af.links.push([position(s.source), position(s.target)]);
        af.linkWeights.push(weightOr(s.weight));
        compiled.linkEnds.push([s.source, s.target]);
        if (kinds[position(s.target)] === "element") push(compiled.elementPro, s.target, af.links.length - 1);
      }
    });
    var attackOf = new Map(), undercuts = [], seenUndercuts = new Set();
    graph.attacks.forEach(function (attack) {
      var weight = weightOr(attack.weight);
      if (weight <= 0.0) return;
      if (attack.link) {
        var key = attack.source + "\u0000" + pairKey(attack.link[0], attack.link[1]);
        if (!seenUndercuts.has(key)) {
          seenUndercuts.add(key);
          undercuts.push({source: attack.source, link: pairKey(attack.link[0], attack.link[1]),
                          ends: attack.link, weight: weight});
        }
      } else if (attack.target !== null && !attackOf.has(pairKey(attack.source, attack.target))) {
        attackOf.set(pairKey(attack.source, attack.target), af.defeats.length);
        af.defeats.push([position(attack.source), position(attack.target)]);
        af.defeatWeights.push(weight);
        compiled.attackEnds.push([attack.source, attack.target]);
        compiled.attackKinds.push(attack.kind);
        if (kinds[position(attack.target)] === "element") {
          push(compiled.elementCon, attack.target, af.links.length + af.defeats.length - 1);
        }
      }
    });
    undercuts.forEach(function (u) {
      if (supportOf.has(u.link)) {
        af.undercuts.push([position(u.source), supportOf.get(u.link)]);
        af.undercutWeights.push(u.weight);
      }
    });
    undercuts.forEach(function (u) {
      if (attackOf.has(u.link)) {
        af.attackUndercuts.push([position(u.source), attackOf.get(u.link)]);
        af.attackUndercutWeights.push(u.weight);
      }
    });
    compiled.undercutEnds = undercuts.filter(function (u) { return supportOf.has(u.link); })
      .concat(undercuts.filter(function (u) { return attackOf.has(u.link); }))
      .map(function (u) { return [u.source, u.ends]; });
    return compiled;
  }

  // compiled.CompiledMap._index_relations
  function indexed(compiled) {
    if (compiled.indexed) return compiled.indexed;
    var into = new Map(), numbers = new Map(), cuts = new Map();
    var links = compiled.linkEnds.length;
    compiled.linkEnds.forEach(function (ends, number) {
      push(into, ends[1], number);
      numbers.set("support\u0000" + pairKey(ends[0], ends[1]), number);
    });
    compiled.attackEnds.forEach(function (ends, attack) {
      push(into, ends[1], links + attack);
      numbers.set("attack\u0000" + pairKey(ends[0], ends[1]), links + attack);
    });
    var rel = relationsOf(compiled.af);
    for (var number = links + compiled.attackEnds.length; number < rel.kind.length; number++) {
      push(cuts, rel.target[number], number);
    }
    compiled.indexed = {into: into, numbers: numbers, cuts: cuts};
    return compiled.indexed;
  }

  // compiled.CompiledMap.bearing and undercut_bearing
  function bearing(compiled, labelling, relation) {
    var rel = relationsOf(compiled.af), force = labelling.forces[relation];
    var links = compiled.linkEnds.length, source, kind;
    if (relation < links) { source = compiled.linkEnds[relation][0]; kind = "support"; }
    else { source = compiled.attackEnds[relation - links][0]; kind = compiled.attackKinds[relation - links]; }
    return {node: source, weight: rel.weight[relation], status: STATUS_OF_LABEL[labelling.relations[relation]],
            force: force === UNKNOWN ? null : force, most: force === UNKNOWN ? rel.top[relation] : force, kind: kind};
  }
  function undercutBearing(compiled, labelling, relation) {
    var rel = relationsOf(compiled.af), force = labelling.forces[relation];
    var source = compiled.undercutEnds[relation - compiled.linkEnds.length - compiled.attackEnds.length][0];
    return {node: source, weight: rel.weight[relation], status: STATUS_OF_LABEL[labelling.relations[relation]],
            force: force === UNKNOWN ? null : force, most: force === UNKNOWN ? rel.top[relation] : force,
            kind: "undercut"};
  }
  function counted(b) { return b.force !== null ? b.force : 0.0; }

  // results.strongest_first: applying reasons by force, undecided by the most they could weigh, then the rest.
  var RANK = {"accepted": 0, "undecided": 1, "rejected": 2};
  function strongestFirst(bearings) {
    function key(b) {
      return -(b.status === "accepted" ? counted(b) : b.status === "undecided" ? b.most : b.weight);
    }
    return bearings.slice().sort(function (a, b) {
      var byRank = RANK[a.status] - RANK[b.status];
      if (byRank) return byRank;
      var ka = key(a), kb = key(b);
      return ka < kb ? -1 : ka > kb ? 1 : 0;
    });
  }

  // results.accrued
  function accrued(bearings, possible) {
    var forces = bearings.filter(function (b) { return b.status === "accepted"; }).map(counted);
    if (possible) forces = forces.concat(bearings.filter(function (b) { return b.status === "undecided"; })
      .map(function (b) { return b.most; }));
    return forces.length ? accrue(forces) : null;
  }

  // standards.meets
  function meets(standard, pro, con) {
    if (pro === null) return false;
    var against = con === null ? 0.0 : con;
    if (standard === "scintilla") return true;
    if (standard === "dialectical-validity") return con === null;
    // Python's round(x, 9): ties at the ninth decimal (x * 1024 odd) cannot change these comparisons.
    var margin = parseFloat((pro - against).toFixed(9));
    if (standard === "preponderance") return margin > 0;
    var clear = pro > CLEAR_AND_CONVINCING_MIN_PRO && margin > CLEAR_AND_CONVINCING_MIN_MARGIN;
    if (standard === "clear-and-convincing") return clear;
    return clear && against < BEYOND_REASONABLE_DOUBT_MAX_CON;
  }

  // results.weigh
  function weigh(standard, pro, con) {
    if (meets(standard, accrued(pro, false), accrued(con, true))) return "established";
    if (!meets(standard, accrued(pro, true), accrued(con, false))) return "not established";
    return "undecided";
  }

  // results.combine
  function combine(rule, statuses) {
    var decisive = rule === "all" ? "not established" : "established";
    var other = rule === "all" ? "no" : "yes";
    if (statuses.indexOf(decisive) >= 0) return other;
    if (statuses.indexOf("undecided") >= 0) return "undecided";
    return rule === "all" ? "yes" : "no";
  }

  // compiled.CompiledMap.roll_up
  function rollUp(compiled, labelling, forced, standard) {
    var framework = compiled.graph.data.framework;
    var elements = framework.elements.map(function (element) {
      var applied = standard || element.standard || framework.standard;
      var pro = (compiled.elementPro.get(element.id) || []).map(function (r) { return bearing(compiled, labelling, r); });
      var con = (compiled.elementCon.get(element.id) || []).map(function (r) { return bearing(compiled, labelling, r); });
      var forcing = forced.get(element.id) || null;
      var status = forcing !== null ? (forcing.accepted ? "established" : "not established") : weigh(applied, pro, con);
      return {id: element.id, status: status, standard: applied, pro: pro, con: con, forced: forcing,
              weighed: function (side) { return accrued(side === "pro" ? pro : con, false); }};
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
    return new Evaluation(graph, options, status, rolled.elements, rolled.answer, forced, compiled, labelling);
  }

  function Evaluation(graph, options, status, elements, answer, forced, compiled, labelling) {
    this.graph = graph; this.options = options; this.status = status; this.elements = elements;
    this.answer = answer; this.forced = forced; this.compiled = compiled; this.labelling = labelling;
    this.elementStatus = new Map(elements.map(function (e) { return [e.id, e.status]; }));
  }
  Evaluation.prototype.strength = function (nodeId) {
    var value = this.labelling.strength[this.compiled.index.get(nodeId)];
    return value === UNKNOWN ? null : value;
  };
  Evaluation.prototype.reasons = function (nodeId) {
    var value = this.labelling.reasons[this.compiled.index.get(nodeId)];
    return value === UNKNOWN ? null : value;
  };
  Evaluation.prototype.weighing = function (nodeId) {
    var self = this, pro = [], con = [];
    (indexed(this.compiled).into.get(nodeId) || []).forEach(function (relation) {
      var b = bearing(self.compiled, self.labelling, relation);
      (b.kind === "support" ? pro : con).push(b);
    });
    return {pro: strongestFirst(pro), con: strongestFirst(con)};
  };
  Evaluation.prototype.undercuts = function (source, target, kind) {
    var self = this, index = indexed(this.compiled);
    var relation = index.numbers.get(kind + "\u0000" + pairKey(source, target));
    if (relation === undefined) return [];
    return strongestFirst((index.cuts.get(relation) || []).map(function (u) {
      return undercutBearing(self.compiled, self.labelling, u);
    }));
  };

  // explain.answer_meaning
  function answerMeaning(evaluation) {
    var combineRule = evaluation.graph.data.framework.combine;
    function having(status) {
      var out = [];
      evaluation.elementStatus.forEach(function (s, e) { if (s === status) out.push(e); });
      return out.join(", ");
    }
    if (evaluation.answer === "yes") {
      return combineRule === "all" ? "established" : "established (" + having("established") + ")";
    }
    if (evaluation.answer === "no") {
      return combineRule === "all" ? "not established (" + having("not established") + ")"
                                   : "not established (no element is)";
    }
    return "undecided (" + having("undecided") + ")";
  }

  /** What `argmap evaluate --format json` prints (without "file", pivots and positions). */
  function asJson(evaluation) {
    var graph = evaluation.graph, data = graph.data, options = evaluation.options;
    function bearingJson(b) {
      return {id: b.node, kind: b.kind, weight: b.weight, status: b.status, force: exact(b.force), most: exact(b.most)};
    }
    return {
      question: {id: data.question.id, text: data.question.text, answer: evaluation.answer,
                 meaning: answerMeaning(evaluation)},
      combine: data.framework.combine,
      what_if: {reject: options.reject.slice(), accept: options.accept.slice(), standard: options.standard},
      elements: evaluation.elements.map(function (r) {
        return {id: r.id, status: r.status, standard: r.standard, "for": exact(r.weighed("pro")),
                against: exact(r.weighed("con")),
                pro: r.pro.map(bearingJson), con: r.con.map(bearingJson)};
      }),
      nodes: Array.from(graph.nodes.values()).map(function (n) {
        var item = {id: n.id, kind: n.kind, status: evaluation.status.get(n.id)};
        if (n.kind !== "element" && n.kind !== "question") item.strength = exact(evaluation.strength(n.id));
        if (evaluation.forced.has(n.id)) item.forced_by = evaluation.forced.get(n.id).because;
        return item;
      })
    };
  }

  /** Python's round(x, digits), exactly: to the nearest, and an exact tie to the even neighbour. */
  function pyRound(x, digits) {
    // A double lies exactly halfway between two decimals of `digits` places only when
    // x * 2^(digits + 1) is an odd integer (the multiplication by a power of two is exact).
    var scaled = x * Math.pow(2, digits + 1);
    if (Number.isInteger(scaled) && Math.abs(scaled) % 2 === 1) {
      var power = Math.pow(10, digits), down = Math.floor(x * power);
      return (down % 2 === 0 ? down : down + 1) / power;
    }
    return parseFloat(x.toFixed(digits));
  }

  /** cli/evaluate._exact: a weight for JSON, to nine decimals (the precision weights are compared at). */
  function exact(value) { return value === null ? null : pyRound(value, 9); }

  // explain.number: Python's f"{round(value, 3):g}".
  function number(value) {
    var rounded = pyRound(value, 3);
    if (Object.is(rounded, -0)) return "-0";
    return g(rounded);
  }

  // explain.py: the justification tree, sentence for sentence.
  var DEFAULT_DEPTH = 6, MAX_DEPTH = 100;
  var LQ = "\u201c", RQ = "\u201d";
  var VERBS = {"support": "supports", "rebut": "rebuts", "undermine": "undermines", "undercut": "undercuts"};

  function Explainer(evaluation, maxDepth) {
    this.evaluation = evaluation;
    this.graph = evaluation.graph;
    this.maxDepth = maxDepth;
    this.lines = [];
    this.explained = new Set();
  }
  Explainer.prototype.name = function (nodeId) {
    var node = this.graph.nodes.get(nodeId);
    var by = node.by ? this.graph.parties.get(node.by).name : null;
    return node.kind + " '" + nodeId + "'" + (by ? " (by " + by + ")" : "");
  };
  Explainer.prototype.status = function (nodeId) { return this.evaluation.status.get(nodeId); };
  Explainer.prototype.say = function (depth, text, about) {
    this.lines.push({depth: depth, text: text, about: about === undefined ? null : about});
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
    else if (node.kind === "element") {
      this.element(this.evaluation.elements.filter(function (e) { return e.id === nodeId; })[0], depth);
    } else this.argument(node, depth);
  };
  Explainer.prototype.question = function (depth) {
    var framework = this.graph.data.framework;
    var rule = framework.combine === "all" ? "every element must be established" : "one established element suffices";
    this.say(depth, "The answer to " + LQ + this.graph.data.question.text + RQ + " is " +
             this.evaluation.answer.toUpperCase() + ", that is, " + answerMeaning(this.evaluation) +
             ": under the framework " + rule + ".", this.graph.data.question.id);
    var self = this;
    framework.elements.forEach(function (e) { self.node(e.id, depth + 1); });
  };
  Explainer.prototype.element = function (result, depth) {
    var standard = STANDARD_NAMES[result.standard];
    var head = "Element '" + result.id + "' (" + LQ + this.graph.nodes.get(result.id).text + RQ + ") is " + result.status;
    if (result.forced !== null) {
      this.say(depth, head + ": set by the what-if option on '" + result.forced.because + "'.", result.id);
      return;
    }
    var pro = result.weighed("pro"), con = result.weighed("con");
    var proText = pro !== null ? "the reasons for it that apply weigh " + number(pro) + " together"
                               : "no reason for it applies";
    var conText = con !== null ? "the reasons against it " + number(con) : "no reason against it applies";
    var undecided = result.pro.concat(result.con).filter(function (b) { return b.status === "undecided"; }).length;
    var tail = undecided ? "; " + undecided + " undecided reason" + (undecided !== 1 ? "s" : "") + " could go either way" : "";
    var verdict = result.status === "established" ? "which meets it" : (
      result.status === "not established" ? "which does not meet it" : "so whether it is met turns on undecided reasons");
    this.say(depth, head + " under " + standard + ", which needs " + REQUIREMENTS[result.standard] + ": " +
             proText + ", " + conText + ", " + verdict + tail + ".", result.id);
    this.reasons(result.id, strongestFirst(result.pro), strongestFirst(result.con), depth + 1);
  };
  Explainer.prototype.argument = function (node, depth) {
    var evaluation = this.evaluation;
    var status = this.status(node.id);
    var forced = evaluation.forced.get(node.id);
    if (forced !== undefined) {
      var how = forced.because === node.id ? "node" : "'" + forced.because + "'";
      this.say(depth, this.name(node.id) + " is " + status + ": set by the what-if option on " + how +
               (forced.accepted ? " (taken as fully established, strength 1)" : "") + ".", node.id);
      return;
    }
    var weighing = evaluation.weighing(node.id);
    var reasons = evaluation.reasons(node.id);
    var against = weighing.con.filter(function (b) { return b.status === "accepted"; }).map(counted);
    var con = 1.0;
    against.forEach(function (f) { con *= 1.0 - f; });
    con = 1.0 - con;
    var head = node.kind === "evidence"
      ? this.name(node.id) + " is " + status + ". It quotes " + this.citation(node)
      : this.name(node.id) + " (" + LQ + node.text + RQ + ") is " + status;
    var carried;
    if (node.kind === "evidence") carried = "; as a quote it stands on its source (reasons 1)";
    else if (reasons === null) carried = "";
    else if (reasons === 0) carried = ": none of its reasons applies";
    else carried = ": its reasons weigh " + number(reasons);
    var verdict;
    if (status === "accepted") {
      var strength = evaluation.strength(node.id);
      if (against.length) {
        verdict = ", the attacks on it " + number(con) + " together, less than that, so they do not defeat it" +
          (strength !== null ? " but leave it strength " + number(strength) : "");
      } else {
        verdict = weighing.con.length ? ", and no attack on it applies" : "";
      }
    } else if (status === "rejected") {
      verdict = against.length && reasons ? ", and the attacks on it weigh " + number(con) +
        " together, at least as much, so they defeat it" : "";
    } else {
      verdict = "; what bears on it is itself undecided (attacks in a cycle, which grounded semantics leaves open)";
    }
    this.say(depth, head + carried + verdict + ".", node.id);
    var pro = node.kind === "evidence" ? [] : weighing.pro;
    if ((pro.length || weighing.con.length) && depth + 1 > this.maxDepth) {
      var beneath = pro.concat(weighing.con).map(function (b) { return b.node; }).join(", ");
      this.say(depth + 1, "... beneath it: " + beneath + " (explain one of them to go further)");
      return;
    }
    this.reasons(node.id, pro, weighing.con, depth + 1);
  };
  Explainer.prototype.reasons = function (target, pro, con, depth) {
    var self = this;
    pro.forEach(function (b) { self.bearing(target, b, depth); });
    con.forEach(function (b) { self.bearing(target, b, depth); });
  };
  Explainer.prototype.bearing = function (target, b, depth) {
    var self = this;
    var side = b.kind === "support" ? "For" : "Against";
    var source = b.node;
    var undercuts = this.evaluation.undercuts(source, target, b.kind === "support" ? "support" : "attack");
    this.say(depth, side + ": " + this.name(source) + " " + VERBS[b.kind] + " it with weight " + number(b.weight) +
             this.outcome(b, undercuts) + ".", source);
    undercuts.forEach(function (u) {
      self.say(depth + 1, self.name(u.node) + " undercuts that " + (side === "For" ? "support" : "attack") +
               " with weight " + number(u.weight) + self.outcome(u, []) + ".", u.node);
      if (depth + 2 <= self.maxDepth) self.node(u.node, depth + 2);
    });
    if (b.status !== "rejected" || depth + 1 <= this.maxDepth) this.node(source, depth + 1);
  };
  Explainer.prototype.outcome = function (b, undercuts) {
    var source = b.node;
    if (b.status === "rejected") {
      if (this.status(source) === "rejected") return ", but does not apply: '" + source + "' is rejected";
      return ", but does not apply: an undercut cuts it away entirely";
    }
    if (b.status === "undecided") return ", undecided (it could count up to " + number(b.most) + ")";
    var why = [];
    var value = b.kind === "support" ? this.evaluation.strength(source) : this.evaluation.reasons(source);
    if (value !== null && value < b.weight - 1e-9) {
      why.push("capped by the " + (b.kind === "support" ? "strength" : "reasons") + " of '" + source + "', " + number(value));
    }
    var cut = undercuts.filter(function (u) { return u.status === "accepted"; });
    if (cut.length) {
      var rest = 1.0;
      cut.forEach(function (u) { rest *= 1.0 - counted(u); });
      why.push("undercuts cut away " + number(1 - rest) + " of it");
    }
    if (Math.abs(b.force - b.weight) <= 1e-9) return ", and counts in full (" + number(b.force) + ")";
    return ", and counts " + number(b.force) + (why.length ? " (" + why.join("; ") + ")" : "");
  };
  Explainer.prototype.citation = function (node) {
    var cites = node.cites ? ", reporting " + this.graph.sources.get(node.cites).title : "";
    return this.graph.sources.get(node.source).title + ", " + node.locator + cites + ": " + LQ + node.text + RQ;
  };

  /** explain.explain: [{depth, text, about}], `about` naming the node a line is about. */
  function explain(evaluation, nodeId, maxDepth) {
    if (!evaluation.graph.nodes.has(nodeId)) throw new Error("no node " + nodeId);
    var depth = maxDepth === undefined ? DEFAULT_DEPTH : Math.min(maxDepth, MAX_DEPTH);
    var explainer = new Explainer(evaluation, depth);
    explainer.node(nodeId, 0);
    return explainer.lines;
  }

  var api = {Graph: Graph, WhatIfError: WhatIfError, resolve: resolve, compileGraph: compileGraph,
             grounded: grounded, meets: meets, evaluate: evaluate, asJson: asJson, explain: explain,
             formatWeight: number, STANDARD_NAMES: STANDARD_NAMES, accrue: accrue};
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.ArgmapEngine = api;
})(this);
