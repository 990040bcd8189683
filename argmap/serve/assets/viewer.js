/* The viewer page: pan and zoom, search, the side panel, filters and what-ifs.
 * Every piece of map text goes into the page through textContent or an attribute value,
 * never through innerHTML, so no text can become markup. */
(function () {
  "use strict";
  var config = JSON.parse(document.getElementById("argmap-config").textContent);
  var engine = window.ArgmapEngine;
  var $ = function (id) { return document.getElementById(id); };
  var viewport = $("viewport"), canvas = $("canvas");
  var panZoom = window.ArgmapPanZoom(viewport, canvas);
  function centreOn(id) { panZoom.centreOn(state.nodes.get(id)); }
  var KINDS = ["question", "element", "claim", "evidence", "rebuttal"];
  var STATUSES = ["accepted", "rejected", "undecided"];

  var state = {
    data: null, graph: null, compiled: null, nodes: new Map(),
    whatIf: {reject: config.whatIf.reject.slice(), accept: config.whatIf.accept.slice(), standard: config.whatIf.standard},
    result: null, evaluation: null, level: config.level, ticket: 0,
    matches: [], current: -1, selected: null
  };

  function el(tag, attributes, children) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (key) {
      if (key === "text") node.textContent = attributes[key];
      else if (key === "className") node.className = attributes[key];
      else node.setAttribute(key, attributes[key]);
    });
    (children || []).forEach(function (child) {
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }
  function statusClass(value) { return "s-" + String(value).replace(/ /g, "-"); }
  function shorten(text, limit) { return text.length > limit ? text.slice(0, limit - 1) + "…" : text; }

  // ---- data --------------------------------------------------------------------------------
  function loadData(data) {
    state.data = data;
    state.graph = new engine.Graph(data);
    state.compiled = engine.compileGraph(state.graph);
    state.parties = new Map(data.parties.map(function (p) { return [p.id, p]; }));
    state.sources = new Map(data.sources.map(function (s) { return [s.id, s]; }));
    // What-ifs that name something no longer in the map (after an edit in `serve`) are dropped.
    var known = function (id) { return state.graph.kindOf(id) !== null; };
    state.whatIf.reject = state.whatIf.reject.filter(known);
    state.whatIf.accept = state.whatIf.accept.filter(known);
  }

  function evaluateNow() {
    if (config.live) {
      return post("api/evaluate", state.whatIf).then(function (answer) {
        state.evaluation = null;
        return answer;
      });
    }
    try {
      state.evaluation = engine.evaluate(state.graph, state.whatIf, state.compiled);
      return Promise.resolve({json: engine.asJson(state.evaluation)});
    } catch (e) {
      if (e instanceof engine.WhatIfError) return Promise.resolve({error: e.message});
      return Promise.reject(e);
    }
  }

  function explainNow(id) {
    if (config.live) {
      return post("api/explain", {reject: state.whatIf.reject, accept: state.whatIf.accept,
                                  standard: state.whatIf.standard, id: id})
        .then(function (answer) { return answer.lines || []; });
    }
    return Promise.resolve(state.evaluation ? engine.explain(state.evaluation, id) : []);
  }

  function post(path, body) {
    return fetch(path, {method: "POST", headers: {"Content-Type": "application/json"}, body: JSON.stringify(body)})
      .then(function (response) { return response.json(); });
  }

  // ---- the diagram ---------------------------------------------------------------------------
  function decorate(svg) {
    state.nodes = new Map();
    svg.querySelectorAll("g.node").forEach(function (g) {
      var id = (g.getAttribute("id") || "").replace(/^node-/, "");
      var node = state.graph.nodes.get(id);
      if (!node) return;
      state.nodes.set(id, g);
      g.setAttribute("tabindex", "0");
      g.setAttribute("role", "button");
      g.setAttribute("data-id", id);
      g.addEventListener("click", function (event) { event.stopPropagation(); openPanel(id, false); });
      g.addEventListener("keydown", function (event) {
        if (event.key === "Enter" || event.key === " ") { event.preventDefault(); openPanel(id, false); }
      });
    });
    labelNodes();
  }

  function labelNodes() {
    var statuses = state.result && state.result.json ? statusById(state.result.json) : new Map();
    state.nodes.forEach(function (g, id) {
      var node = state.graph.nodes.get(id);
      var status = statuses.get(id);
      g.setAttribute("aria-label", node.kind + " " + id + (status ? ", " + status : "") + ": " + shorten(node.text, 160));
    });
  }

  function statusById(json) { return new Map(json.nodes.map(function (n) { return [n.id, n.status]; })); }

  function showLevel(level) {
    var template = $("level-" + level);
    var current = canvas.querySelector("svg");
    if (current && !$("level-" + state.level)) {
      var keep = document.createElement("template");
      keep.id = "level-" + state.level;
      keep.content.appendChild(current.cloneNode(true));
      document.body.appendChild(keep);
    }
    if (template && level !== state.level) {
      canvas.replaceChildren(document.importNode(template.content, true));
    }
    state.level = level;
    decorate(canvas.querySelector("svg"));
    paint();
    applyFilters();
    panZoom.fit();
  }

  function paint() {
    if (!state.result || !state.result.json) return;
    var json = state.result.json;
    var forced = new Set(json.nodes.filter(function (n) { return n.forced_by; }).map(function (n) { return n.id; }));
    var statuses = statusById(json);
    state.nodes.forEach(function (g, id) {
      STATUSES.forEach(function (s) { g.classList.remove("st-" + s); });
      var status = statuses.get(id);
      if (status) g.classList.add("st-" + status);
      g.classList.toggle("forced", forced.has(id));
    });
    labelNodes();
  }

  // ---- search ----------------------------------------------------------------------------------
  function search() {
    var query = $("search").value.trim().toLowerCase();
    state.nodes.forEach(function (g) { g.classList.remove("hit", "current"); });
    state.matches = [];
    state.current = -1;
    if (query) {
      // Every node of the map, drawn at this level of detail or not (the overview folds quotes into badges).
      state.graph.nodes.forEach(function (node, id) {
        if (id.toLowerCase().indexOf(query) >= 0 || node.text.toLowerCase().indexOf(query) >= 0) {
          state.matches.push(id);
          var g = state.nodes.get(id);
          if (g) g.classList.add("hit");
        }
      });
    }
    $("search-result").textContent = query ? (state.matches.length === 1 ? "1 match" : state.matches.length + " matches") : "";
    if (state.matches.length) step(1);
  }
  function step(delta) {
    if (!state.matches.length) return;
    if (state.current >= 0) { var old = state.nodes.get(state.matches[state.current]); if (old) old.classList.remove("current"); }
    state.current = (state.current + delta + state.matches.length) % state.matches.length;
    var id = state.matches[state.current];
    var g = state.nodes.get(id);
    var where = (state.current + 1) + " of " + state.matches.length + ": " + id;
    if (g) {
      g.classList.add("current");
      centreOn(id);
    } else {
      where += " (not drawn at this level; shown in the panel)";
      openPanel(id, false, true);
    }
    $("search-result").textContent = where;
  }

  // ---- filters -----------------------------------------------------------------------------
  function fillSelect(select, options, first) {
    var chosen = select.value;
    select.replaceChildren(el("option", {value: "", text: first}));
    options.forEach(function (pair) { select.appendChild(el("option", {value: pair[0], text: pair[1]})); });
    if (Array.prototype.some.call(select.options, function (o) { return o.value === chosen; })) select.value = chosen;
  }
  function buildFilters() {
    fillSelect($("filter-party"), state.data.parties.map(function (p) { return [p.id, p.name]; }), "any party");
    fillSelect($("filter-source"), state.data.sources.map(function (s) { return [s.id, shorten(s.title, 50)]; }), "any source");
    fillSelect($("filter-kind"), KINDS.map(function (k) { return [k, k]; }), "any kind");
    fillSelect($("filter-status"), STATUSES.map(function (s) { return [s, s]; }), "any status");
  }
  function applyFilters() {
    var party = $("filter-party").value, source = $("filter-source").value, kind = $("filter-kind").value;
    var status = $("filter-status").value, hide = $("filter-hide").checked;
    var statuses = state.result && state.result.json ? statusById(state.result.json) : new Map();
    var active = party || source || kind || status;
    state.nodes.forEach(function (g, id) {
      var node = state.graph.nodes.get(id);
      var match = (!party || node.by === party) && (!source || node.source === source || node.cites === source) &&
                  (!kind || node.kind === kind) && (!status || statuses.get(id) === status);
      g.classList.toggle("dim", Boolean(active) && !match && !hide);
      g.classList.toggle("gone", Boolean(active) && !match && hide);
    });
  }

  // ---- what-ifs --------------------------------------------------------------------------------
  function choiceOf(id) {
    if (state.whatIf.reject.indexOf(id) >= 0) return "reject";
    if (state.whatIf.accept.indexOf(id) >= 0) return "accept";
    return "";
  }
  function setChoice(id, choice) {
    state.whatIf.reject = state.whatIf.reject.filter(function (x) { return x !== id; });
    state.whatIf.accept = state.whatIf.accept.filter(function (x) { return x !== id; });
    if (choice === "reject") state.whatIf.reject.push(id);
    if (choice === "accept") state.whatIf.accept.push(id);
    return refresh();
  }
  function whatIfRow(id, label, prefix) {
    var select = el("select", {id: prefix + id, "aria-label": "What if for " + label});
    [["", "as is"], ["reject", "reject"], ["accept", "accept"]].forEach(function (o) {
      select.appendChild(el("option", {value: o[0], text: o[1]}));
    });
    select.value = choiceOf(id);
    select.addEventListener("change", function () { setChoice(id, select.value); });
    return el("div", {className: "whatif-row"}, [el("span", {title: label, text: label}), select]);
  }
  function buildWhatIfs() {
    var parties = $("party-whatifs"), sources = $("source-whatifs");
    parties.replaceChildren(el("legend", {text: "Parties"}));
    state.data.parties.forEach(function (p) { parties.appendChild(whatIfRow(p.id, p.name, "wi-party-")); });
    sources.replaceChildren(el("legend", {text: "Sources"}));
    state.data.sources.forEach(function (s) { sources.appendChild(whatIfRow(s.id, s.title, "wi-source-")); });
    var standard = $("standard");
    standard.replaceChildren(el("option", {value: "", text: "the map's own"}));
    state.data.standards.forEach(function (s) { standard.appendChild(el("option", {value: s, text: engine.STANDARD_NAMES[s] || s})); });
    standard.value = state.whatIf.standard || "";
  }
  function describeWhatIf() {
    var parts = state.whatIf.reject.map(function (r) { return "reject " + r; })
      .concat(state.whatIf.accept.map(function (a) { return "accept " + a; }));
    if (state.whatIf.standard) parts.push("standard " + state.whatIf.standard);
    return parts.join(", ");
  }

  function refresh() {
    // In `serve` answers come back over the network: only the latest what-if's answer is shown.
    var ticket = ++state.ticket;
    return evaluateNow().then(function (result) {
      if (ticket !== state.ticket) return;
      $("whatif-error").textContent = result.error ? "Cannot apply: " + result.error : "";
      if (result.error) return;
      state.result = result;
      var json = result.json;
      var answer = $("answer");
      answer.textContent = json.question.answer.toUpperCase();
      answer.className = "answer-value a-" + json.question.answer;
      var summary = describeWhatIf();
      $("what-if-summary").textContent = summary ? "(what if: " + summary + ")" : "";
      var nodeChoices = state.whatIf.reject.concat(state.whatIf.accept).filter(function (id) {
        return state.graph.nodes.has(id);
      });
      $("node-whatifs").textContent = nodeChoices.length ? "Nodes set: " + nodeChoices.map(function (id) {
        return choiceOf(id) + " " + id; }).join(", ") : "";
      var list = $("elements");
      list.replaceChildren();
      json.elements.forEach(function (e) {
        var button = el("button", {type: "button", "data-element": e.id}, [
          el("span", {className: "pill " + statusClass(e.status), text: e.status}), " " + e.id]);
        button.addEventListener("click", function () { openPanel(e.id, true); });
        list.appendChild(el("li", {}, [button]));
      });
      paint();
      applyFilters();
      buildOutline();
      document.querySelectorAll("#party-whatifs select, #source-whatifs select").forEach(function (select) {
        select.value = choiceOf(select.id.replace(/^wi-(party|source)-/, ""));
      });
      if (state.selected) return openPanel(state.selected, false, true);
    });
  }

  // ---- outline (the diagram's text alternative) ----------------------------------------------------
  function nodeLink(id, label) {
    var button = el("button", {type: "button", className: "link", "data-goto": id, text: label || id});
    button.addEventListener("click", function () { openPanel(id, true); });
    return button;
  }
  function buildOutline() {
    var statuses = state.result && state.result.json ? statusById(state.result.json) : new Map();
    var list = $("outline-list");
    list.replaceChildren();
    KINDS.forEach(function (kind) {
      var items = state.data.nodes.filter(function (n) { return n.kind === kind; });
      if (!items.length) return;
      var inner = el("ul");
      items.forEach(function (n) {
        inner.appendChild(el("li", {}, [nodeLink(n.id), " (" + (statuses.get(n.id) || "?") + "): " + shorten(n.text, 200)]));
      });
      list.appendChild(el("li", {}, [el("strong", {text: kind === "evidence" ? "evidence" : kind + (kind === "question" ? "" : "s")}), inner]));
    });
  }

  // ---- the side panel ------------------------------------------------------------------------------
  var ID_IN_TEXT = /'([a-z0-9][a-z0-9_-]*)'/g;
  function linkedText(text) {
    // Ids the explanation names in quotes become links to their nodes; everything else stays text.
    var parts = [], last = 0, match;
    ID_IN_TEXT.lastIndex = 0;
    while ((match = ID_IN_TEXT.exec(text)) !== null) {
      if (!state.graph.nodes.has(match[1])) continue;
      parts.push(text.slice(last, match.index));
      parts.push("'"); parts.push(nodeLink(match[1])); parts.push("'");
      last = match.index + match[0].length;
    }
    parts.push(text.slice(last));
    return parts;
  }
  function openPanel(id, centre, keepFocus) {
    var node = state.graph.nodes.get(id);
    if (!node) return Promise.resolve();
    state.selected = id;
    var panel = $("panel");
    panel.hidden = false;
    $("panel-title").textContent = node.kind.charAt(0).toUpperCase() + node.kind.slice(1) + " " + id;
    var body = $("panel-body");
    var json = state.result && state.result.json;
    var entry = json ? json.nodes.filter(function (n) { return n.id === id; })[0] : null;
    var fields = [];
    var add = function (term, value) { if (value) fields.push(el("dt", {text: term}), el("dd", {}, [].concat(value))); };
    var content = [node.kind === "evidence" ? el("blockquote", {className: "text", text: node.text})
                                            : el("p", {className: "text", text: node.text})];
    var element = json ? json.elements.filter(function (e) { return e.id === id; })[0] : null;
    if (entry) {
      var shown = element ? element.status : node.kind === "question" ? "answer: " + json.question.answer : entry.status;
      add("Status", [el("span", {className: "pill " + statusClass(entry.status), text: shown}),
                     entry.forced_by ? " (set by the what-if on " + entry.forced_by + ")" : ""]);
    }
    if (entry && typeof entry.strength === "number") {
      // Under weighed semantics: what is left of the node after the doubts against it.
      add("Strength", engine.formatWeight(entry.strength));
    }
    if (element && typeof element["for"] === "number") {
      add("Weighed", "for " + engine.formatWeight(element["for"]) +
          (typeof element.against === "number" ? ", against " + engine.formatWeight(element.against) : ""));
    }
    if (node.by) {
      var party = state.parties.get(node.by);
      add("Asserted by", (party ? party.name + (party.role ? ", " + party.role : "") : node.by) + " [" + node.by + "]");
    }
    if (node.source) {
      var source = state.sources.get(node.source);
      var title = source ? source.title : node.source;
      var bits = source ? [source.author, source.outlet, source.date].filter(Boolean).join(", ") : "";
      var value = [title + (bits ? " (" + bits + ")" : "")];
      if (source && source.url && /^https?:\/\//i.test(source.url)) {
        value.push(" ", el("a", {href: source.url, rel: "noopener noreferrer", target: "_blank", text: source.url}));
      } else if (source && source.url) {
        value.push(" " + source.url);
      }
      add("Source", value);
      add("Locator", node.locator);
    }
    if (node.cites) {
      var cited = state.sources.get(node.cites);
      add("Reports on", cited ? cited.title : node.cites);
    }
    if (node.note) add("Note", node.note);
    var relations = relationsOf(id);
    if (relations.length) add("Relations", relations);
    content.push(el("dl", {}, fields));
    questionsOf(id).forEach(function (section) { content.push(section); });
    if (node.kind !== "question") {
      var choice = choiceOf(id);
      var group = el("div", {role: "group", "aria-label": "What if for " + id}, [el("span", {text: "What if: "})]);
      [["", "As is"], ["reject", "Reject"], ["accept", "Accept"]].forEach(function (o) {
        var button = el("button", {type: "button", "data-whatif": o[0] || "clear", "aria-pressed": String(choice === o[0]), text: o[1]});
        button.addEventListener("click", function () { setChoice(id, o[0]); });
        group.appendChild(button);
      });
      content.push(group);
    }
    // Elements and the question say it in their own words: established, or the answer.
    var why = element ? element.status : node.kind === "question" && json ? "the answer is " + json.question.answer
                                                                          : entry ? entry.status : "";
    var heading = el("h3", {text: "Why " + why});
    var tree = el("ul", {className: "explain", id: "explain"});
    content.push(heading, tree);
    body.replaceChildren.apply(body, content);
    if (centre) {
      centreOn(id);
    }
    state.nodes.forEach(function (g) { g.classList.remove("current"); });
    if (state.nodes.get(id)) state.nodes.get(id).classList.add("current");
    if (!keepFocus) panel.focus();
    return explainNow(id).then(function (lines) {
      if (state.selected !== id) return;
      lines.forEach(function (line) {
        var item = el("li", {}, linkedText(line.text));
        item.style.paddingLeft = (line.depth * 14) + "px";
        tree.appendChild(item);
      });
    });
  }
  var EFFECT_NOTES = {answer: "As the map is written, a successful answer to an open question alone would change the answer.",
                      element: "As the map is written, a successful answer to an open question alone would change an element."};
  function questionsOf(id) {
    // The critical questions of each inference under a scheme that leaves or reaches this node
    // (data.questions, from argmap/evaluate/questions.py, as the map is written).
    return (state.data.questions || []).filter(function (inference) {
      return inference.from === id || inference.to === id;
    }).map(function (inference) {
      var other = inference.from === id ? ["→ ", nodeLink(inference.to)] : ["from ", nodeLink(inference.from)];
      var heading = el("h3", {}, ["Critical questions (" + inference.scheme_name + " "].concat(other, [")"]));
      var list = el("ul", {className: "questions"});
      inference.questions.forEach(function (q) {
        var parts;
        if (q.answered_by === null) {
          parts = ["? " + q.id + " (" + q.type + ") — open: " + q.text];
        } else {
          parts = [(q.upholds ? "✓ " : "✗ ") + q.id + " (" + q.type + ") — " +
                   (q.upholds ? "answered by " : "answered against by "), nodeLink(q.answered_by)];
        }
        list.appendChild(el("li", {className: q.answered_by === null ? "open" : "answered",
                                   "data-question": q.id}, parts));
      });
      var section = el("section", {className: "critical-questions"}, [heading, list]);
      if (EFFECT_NOTES[inference.effect]) section.appendChild(el("p", {className: "effect", text: EFFECT_NOTES[inference.effect]}));
      return section;
    });
  }
  function relationsOf(id) {
    var out = [];
    var line = function (parts) { out.push(el("div", {}, parts)); };
    state.graph.supports.forEach(function (s) {
      if (s.source === id) line(["supports ", nodeLink(s.target), s.weight !== null ? " (" + s.weight + ")" : ""]);
      if (s.target === id) line(["supported by ", nodeLink(s.source), s.weight !== null ? " (" + s.weight + ")" : ""]);
    });
    state.graph.attacks.forEach(function (a) {
      var w = a.weight !== null ? " (" + a.weight + ")" : "";
      if (a.source === id) {
        if (a.target) line([a.kind + "s ", nodeLink(a.target), w]);
        else line([a.kind + "s the inference ", nodeLink(a.link[0]), " → ", nodeLink(a.link[1]), w]);
      }
      if (a.target === id) line([a.kind + " by ", nodeLink(a.source), w]);
      if (a.link && (a.link[0] === id || a.link[1] === id)) {
        line(["the inference ", nodeLink(a.link[0]), " → ", nodeLink(a.link[1]), " is undercut by ", nodeLink(a.source), w]);
      }
    });
    return out;
  }

  // ---- live preview (argmap serve) ---------------------------------------------------------------
  function showProblems(problems) {
    var box = $("problems");
    if (!problems || !problems.length) { box.hidden = true; box.replaceChildren(); return; }
    box.hidden = false;
    box.replaceChildren(el("strong", {text: "The map has problems; showing the last good version."}));
    problems.forEach(function (text) { box.appendChild(el("pre", {text: text})); });
  }
  function applyState(snapshot) {
    if (!snapshot.ok) { showProblems(snapshot.problems); return; }
    showProblems(snapshot.problems && snapshot.problems.length ? snapshot.problems : null);
    document.querySelectorAll("template[id^='level-']").forEach(function (t) { t.remove(); });
    Object.keys(snapshot.diagrams).forEach(function (level) {
      var template = document.createElement("template");
      template.id = "level-" + level;
      // Parsed as XML, not HTML (the server cleaned it with argmap/serve/svg.py already).
      var svg = new DOMParser().parseFromString(snapshot.diagrams[level], "image/svg+xml").documentElement;
      if (svg.nodeName !== "svg") return;
      template.content.appendChild(document.importNode(svg, true));
      document.body.appendChild(template);
    });
    var keepView = panZoom.view();
    loadData(snapshot.data);
    $("question-text").textContent = snapshot.data.question.text;
    buildFilters(); buildWhatIfs();
    var level = snapshot.diagrams[state.level] ? state.level : Object.keys(snapshot.diagrams)[0];
    canvas.replaceChildren(document.importNode($("level-" + level).content, true));
    state.level = level;
    decorate(canvas.querySelector("svg"));
    panZoom.restore(keepView);
    if (state.selected && !state.graph.nodes.has(state.selected)) { state.selected = null; $("panel").hidden = true; }
    refresh().then(function () { document.body.setAttribute("data-version", String(snapshot.version)); });
  }
  function connectLive() {
    var source = new EventSource("events?since=" + encodeURIComponent(String(config.version)));
    source.addEventListener("change", function () {
      fetch("api/state").then(function (r) { return r.json(); }).then(applyState);
    });
  }

  // ---- start ----------------------------------------------------------------------------------------
  function start() {
    loadData(JSON.parse($("argmap-data").textContent));
    var levelSelect = $("level");
    config.levels.forEach(function (pair) { levelSelect.appendChild(el("option", {value: pair[0], text: pair[1]})); });
    // Levels Graphviz could not lay out (a very large map): listed, but not to be chosen.
    config.unavailable.forEach(function (pair) {
      levelSelect.appendChild(el("option", {value: pair[0], text: pair[1] + " (too large to lay out)", disabled: ""}));
    });
    levelSelect.value = state.level;
    levelSelect.addEventListener("change", function () { showLevel(levelSelect.value); });
    buildFilters();
    buildWhatIfs();
    decorate(canvas.querySelector("svg"));
    panZoom.fit();
    $("zoom-in").addEventListener("click", function () { panZoom.zoomBy(1.25); });
    $("zoom-out").addEventListener("click", function () { panZoom.zoomBy(0.8); });
    $("fit").addEventListener("click", panZoom.fit);
    $("search").addEventListener("input", search);
    $("search").addEventListener("keydown", function (event) {
      if (event.key === "Enter") { event.preventDefault(); step(event.shiftKey ? -1 : 1); }
    });
    $("search-next").addEventListener("click", function () { step(1); });
    $("search-prev").addEventListener("click", function () { step(-1); });
    ["filter-party", "filter-source", "filter-kind", "filter-status", "filter-hide"].forEach(function (id) {
      $(id).addEventListener("change", applyFilters);
    });
    $("standard").addEventListener("change", function () { state.whatIf.standard = $("standard").value || null; refresh(); });
    $("reset").addEventListener("click", function () {
      state.whatIf = {reject: [], accept: [], standard: null};
      $("standard").value = "";
      refresh();
    });
    $("panel-close").addEventListener("click", function () {
      var was = state.selected;
      $("panel").hidden = true; state.selected = null;
      var g = was && state.nodes.get(was);
      if (g) g.focus(); else viewport.focus();
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && !$("panel").hidden) $("panel-close").click();
      if (event.key === "/" && document.activeElement !== $("search")) { event.preventDefault(); $("search").focus(); }
    });
    refresh().then(function () {
      document.body.setAttribute("data-ready", "true");
      if (config.live) {
        connectLive();
        // Opened while the file is broken: say so at once, over the last good picture.
        fetch("api/state").then(function (r) { return r.json(); }).then(function (snapshot) {
          if (!snapshot.ok) showProblems(snapshot.problems);
        });
      }
    });
  }
  start();
})();
