// kg explorer: people first, every fact one click from the sentence that proves it.
// Every name and sentence reaches the DOM as text (textContent, or vis-network's innerText tooltips);
// vis ids are array indices, never names. Only what passes the filters is in vis's data sets, so a large
// graph costs what is on screen.
(function () {
  "use strict";
  performance.mark("kg-start");
  const data = JSON.parse(document.getElementById("kg-data").textContent);
  performance.mark("kg-parsed");
  const store = data.store;
  const NODES = store.nodes; // [id, kind, label, name ("" = label), degree, details?]
  const LINKS = store.links; // [source, target, relation, weight?, events (met) or title indices?]
  const TITLES = store.titles;
  const N = NODES.length;
  const EMPTY = Object.freeze({});
  const NONE = Object.freeze([]);
  const MIN_READABLE_SCALE = 0.6; // below it labels are too small to read: zoom in on the busiest person
  const MAX_FIT_SCALE = 1.6; // a small network is enlarged to fill the view, up to this zoom
  const REVEAL_NEIGHBOURS = 80; // neighbours drawn with a node found by search
  const MAX_HITS = 15;
  const PAGE = 100; // events listed at a time in the panel
  const FADED = "#e3e3e3";

  const KINDS = data.kinds.map((k) => k.kind);
  const RELS = data.relations.map((r) => r.relation);
  const kindMeta = {};
  data.kinds.forEach((k) => { kindMeta[k.kind] = k; });
  const relMeta = {};
  data.relations.forEach((r) => { relMeta[r.relation] = r; });
  const kindOf = (i) => KINDS[NODES[i][1]];
  const labelOf = (i) => NODES[i][2];
  const nameOf = (i) => NODES[i][3] || NODES[i][2];
  const degreeOf = (i) => NODES[i][4];
  // Titles, aliases, headlines and evidence sit in their own element after this script (half the data):
  // read when a panel or search first needs them, once the parser has reached them.
  // An element after this script is whole once the parser has gone past it (its text can arrive in parts).
  const whole = (element) => Boolean(element) && (Boolean(element.nextElementSibling) || document.readyState !== "loading");
  let nodeDetails = null;
  function info(i) {
    if (!nodeDetails) {
      const element = document.getElementById("kg-node-details");
      if (!whole(element)) return EMPTY;
      nodeDetails = JSON.parse(element.textContent);
    }
    return nodeDetails[i] || EMPTY;
  }
  const typeOf = (e) => NODES[e][5][0]; // events only: [type, date] in the row itself
  const dateOf = (e) => NODES[e][5][1];
  const isEvent = (i) => kindOf(i) === "event";
  const shownName = (i) => (isEvent(i) || kindOf(i) === "document" ? labelOf(i) : nameOf(i));
  const relOf = (k) => RELS[LINKS[k][2]];
  const weightOf = (k) => LINKS[k][3] || 1;
  const eventsBehind = (k) => (relOf(k) === "met" ? LINKS[k][4] || NONE : NONE);
  const titlesOf = (k) => (relOf(k) === "met" ? NONE : (LINKS[k][4] || NONE).map((t) => TITLES[t]));
  const isRole = (k) => relMeta[relOf(k)].role;
  const other = (k, i) => (LINKS[k][0] === i ? LINKS[k][1] : LINKS[k][0]);
  const kindLabel = (kind) => (kindMeta[kind] ? kindMeta[kind].label : kind || "other");
  const colour = (kind) => (kindMeta[kind] ? kindMeta[kind].color : "#999999");
  const relColour = (k) => relMeta[relOf(k)].color;

  // ------------------------------------------------------------------ indexes
  // Each node's edges, in one typed array (compressed rows): 55,000 nodes and 220,000 edges in a few ms.
  const offsets = new Int32Array(N + 1);
  LINKS.forEach((l) => {
    offsets[l[0] + 1]++;
    if (l[1] !== l[0]) offsets[l[1] + 1]++;
  });
  for (let i = 0; i < N; i++) offsets[i + 1] += offsets[i];
  const incident = new Int32Array(offsets[N]);
  const fill = offsets.slice(0, N);
  LINKS.forEach((l, k) => {
    incident[fill[l[0]]++] = k;
    if (l[1] !== l[0]) incident[fill[l[1]]++] = k;
  });
  const linksOf = (i) => incident.subarray(offsets[i], offsets[i + 1]);
  const events = [];
  const typeCounts = {};
  for (let i = 0; i < N; i++) {
    if (!isEvent(i)) continue;
    events.push(i);
    const type = typeOf(i);
    typeCounts[type] = (typeCounts[type] || 0) + 1;
  }
  function isoDay(value) {
    return typeof value === "string" && /^\d{4}-\d{2}-\d{2}/.test(value) ? value.slice(0, 10) : null;
  }
  const eventDay = new Array(N); // ISO day of each event, null when undated
  events.forEach((e) => { eventDay[e] = isoDay(dateOf(e)); });
  const days = events.map((e) => eventDay[e]).filter(Boolean).sort();
  const undatedCount = events.length - days.length;
  const firstDay = days[0] || null;
  const lastDay = days[days.length - 1] || null;
  const personScore = new Float64Array(N);
  LINKS.forEach((l, k) => {
    if (relOf(k) === "met") { personScore[l[0]] += weightOf(k); personScore[l[1]] += weightOf(k); }
    else if (isRole(k)) personScore[l[0]] += 1;
  });
  performance.mark("kg-indexed");

  // ------------------------------------------------------------------ state
  const state = { kinds: {}, rels: {}, types: {}, from: null, to: null, undated: true, unlinked: false };
  function defaults() {
    data.kinds.forEach((k) => { state.kinds[k.kind] = k.kind === "person"; });
    data.relations.forEach((r) => { state.rels[r.relation] = true; });
    Object.keys(typeCounts).forEach((t) => { state.types[t] = true; });
    Object.assign(state, { from: null, to: null, undated: true, unlinked: false });
  }
  defaults();
  let pinned = new Set(); // nodes shown whatever the filters: what search or the panel asked for
  let selection = null; // {node: i} or {edge: k}
  const filtering = () => Boolean(state.from || state.to || !state.undated
    || Object.values(state.types).some((on) => !on)
    || data.relations.some((r) => r.role && !state.rels[r.relation]));
  let narrowed = false; // filtering(), read once per pass over the graph

  // ------------------------------------------------------------------ drawing
  // `placed`: nodes with a position (laid out in Python, or placed when search asked for them);
  // `shownNode`/`shownEdge`: what is in vis's data sets now, with its look ("n" normal, "f" faded).
  const placed = new Map();
  const sizes = new Map();
  const tips = new Map();
  const shortLabels = new Map();
  data.nodes.forEach((n) => {
    placed.set(n.i, { x: n.x, y: n.y });
    sizes.set(n.i, n.value);
    tips.set(n.i, n.tip);
    shortLabels.set(n.i, n.label);
  });
  const shownNode = new Map();
  const shownEdge = new Map();
  const nodeSet = new vis.DataSet();
  const edgeSet = new vis.DataSet();

  function nodeTip(i) {
    const d = info(i);
    const lines = [shownName(i), "kind: " + kindLabel(kindOf(i))];
    if (d.date) lines.push("date: " + d.date);
    if (d.titles && d.titles.length) lines.push("titles: " + d.titles.slice(0, 5).join("、"));
    if (d.aliases && d.aliases.length) lines.push("aliases: " + d.aliases.slice(0, 5).join("、"));
    return lines.join("\n");
  }
  function edgeTip(k) {
    const head = shownName(LINKS[k][0]) + " — " + relOf(k) + " — " + shownName(LINKS[k][1]);
    if (relOf(k) !== "met") return head + (titlesOf(k).length ? "\n" + titlesOf(k).join("、") : "");
    let first = null;
    let last = null;
    eventsBehind(k).forEach((e) => {
      const day = eventDay[e];
      if (day && (!first || day < first)) first = day;
      if (day && (!last || day > last)) last = day;
    });
    const span = first ? "\n" + first + (last > first ? " … " + last : "") : "";
    return head + "\nweight " + weightOf(k) + span;
  }
  function shortLabel(i) {
    const text = labelOf(i);
    return shortLabels.get(i) || (text.length > 24 ? text.slice(0, 23) + "…" : text);
  }
  const nodeLook = (i, look) => ({
    id: i, color: look === "f" ? FADED : colour(kindOf(i)), font: { color: look === "f" ? "#c8c8c8" : "#222222" },
  });
  function visNode(i, look) {
    const p = placed.get(i);
    const kind = kindOf(i);
    return Object.assign(nodeLook(i, look), {
      x: p.x, y: p.y, value: sizes.has(i) ? sizes.get(i) : degreeOf(i), title: tips.get(i) || nodeTip(i),
      label: shortLabel(i), shape: kindMeta[kind] ? kindMeta[kind].shape : "dot",
    });
  }
  let heaviest = 1;
  LINKS.forEach((l, k) => { if (relOf(k) === "met") heaviest = Math.max(heaviest, weightOf(k)); });
  // 1 px for one event up to 7 px for the heaviest pair of the graph (a square root: a pair that met
  // a hundred times does not drown the rest).
  function metWidth(weight) {
    return 1 + 6 * Math.sqrt(Math.max(weight - 1, 0) / Math.max(heaviest - 1, 1));
  }
  function edgeLook(k, look, width) {
    const c = look === "f" ? FADED : relColour(k);
    return { id: k, width: width, color: { color: c, highlight: c, hover: c, opacity: look === "f" ? 1 : 0.75 } };
  }
  function visEdge(k, look, width) {
    const met = relOf(k) === "met";
    return Object.assign(edgeLook(k, look, width), {
      from: LINKS[k][0], to: LINKS[k][1], title: edgeTip(k), dashes: relOf(k) === "reported_in",
      arrows: met ? "" : { to: { enabled: true, scaleFactor: 0.4 } },
    });
  }

  // Nodes asked for and not placed yet go around `around`, else beside their placed neighbours, else
  // right of the drawing.
  function freeSpot() {
    let best = { x: 0, y: 0 };
    placed.forEach((p) => { if (p.x > best.x) best = p; });
    return { x: best.x + 400, y: best.y };
  }
  function place(ids, around) {
    const fresh = ids.filter((i) => !placed.has(i));
    const spot = around !== undefined ? placed.get(around) : undefined;
    fresh.forEach((i, n) => {
      let centre = spot;
      if (!centre) {
        const anchors = Array.from(linksOf(i), (k) => placed.get(other(k, i))).filter(Boolean).slice(0, 20);
        centre = anchors.length
          ? { x: anchors.reduce((s, q) => s + q.x, 0) / anchors.length, y: anchors.reduce((s, q) => s + q.y, 0) / anchors.length }
          : freeSpot();
      }
      const radius = spot ? 160 + 14 * Math.sqrt(fresh.length) : 50 * Math.sqrt(n + 1);
      const angle = n * 2.399963;
      placed.set(i, { x: centre.x + radius * Math.cos(angle), y: centre.y + radius * Math.sin(angle) });
    });
  }
  function neighboursOf(i, limit) {
    const seen = new Set();
    linksOf(i).forEach((k) => seen.add(other(k, i)));
    seen.delete(i);
    return Array.from(seen).sort((a, b) => degreeOf(b) - degreeOf(a) || a - b).slice(0, limit);
  }
  // A node asked for by search or the panel: placed with its neighbours and shown whatever the filters.
  function reveal(i) {
    place([i]);
    const around = neighboursOf(i, REVEAL_NEIGHBOURS);
    place(around, i);
    pinned = new Set([i, ...around]);
  }

  // ------------------------------------------------------------------ filters
  function eventActive(e) {
    if (!state.types[typeOf(e)]) return false;
    const day = eventDay[e];
    if (!day) return state.undated;
    return (!state.from || day >= state.from) && (!state.to || day <= state.to);
  }
  function computeActive() {
    const active = new Uint8Array(N);
    events.forEach((e) => { active[e] = eventActive(e) ? 1 : 0; });
    return active;
  }
  function takesPart(person, e) {
    return linksOf(e).some((k) => LINKS[k][0] === person && isRole(k) && state.rels[relOf(k)]);
  }
  // How many events behind a met edge pass the filters (0: the edge is off); its weight without filters.
  function metWeight(k, active) {
    if (!state.rels.met) return 0;
    if (!narrowed) return weightOf(k);
    const [u, v] = LINKS[k];
    return eventsBehind(k).filter((e) => active[e] && takesPart(u, e) && takesPart(v, e)).length;
  }
  function linkActive(k, active) {
    if (!state.rels[relOf(k)]) return false;
    if (relOf(k) === "met") return metWeight(k, active) > 0;
    const [u, v] = LINKS[k];
    return !(isEvent(u) && !active[u]) && !(isEvent(v) && !active[v]);
  }
  // An end that makes a link count: an event that passes the filters, or a node whose kind is shown.
  function present(j, active) {
    return pinned.has(j) || (isEvent(j) ? active[j] === 1 : Boolean(state.kinds[kindOf(j)]));
  }
  function nodeVisible(i, active, linkOn) {
    if (pinned.has(i)) return true;
    if (!state.kinds[kindOf(i)]) return false;
    if (isEvent(i)) return active[i] === 1;
    if (offsets[i] === offsets[i + 1]) return state.unlinked;
    return linksOf(i).some((k) => {
      if (!linkOn.has(k)) linkOn.set(k, linkActive(k, active));
      return linkOn.get(k) && present(other(k, i), active);
    });
  }
  function neighbourhood(visible, linkOn) {
    if (!selection) return null;
    if (selection.edge !== undefined) return new Set(LINKS[selection.edge].slice(0, 2));
    const near = new Set([selection.node]);
    linksOf(selection.node).forEach((k) => {
      const j = other(k, selection.node);
      const on = linkOn.has(k) ? linkOn.get(k) : linkActive(k, lastActive);
      if (on && visible.has(j)) near.add(j);
    });
    return near;
  }
  let lastActive = computeActive();
  let counts = { nodes: 0, edges: 0 };
  function applyFilters() {
    narrowed = filtering();
    const active = computeActive();
    lastActive = active;
    const linkOn = new Map();
    const visible = new Set();
    placed.forEach((p, i) => { if (nodeVisible(i, active, linkOn)) visible.add(i); });
    const near = neighbourhood(visible, linkOn);
    const look = (i) => (near && !near.has(i) ? "f" : "n");
    const adds = [];
    const updates = [];
    const removes = [];
    shownNode.forEach((was, i) => { if (!visible.has(i)) { removes.push(i); shownNode.delete(i); } });
    visible.forEach((i) => {
      const now = look(i);
      const was = shownNode.get(i);
      if (was === now) return;
      shownNode.set(i, now);
      (was ? updates : adds).push(was ? nodeLook(i, now) : visNode(i, now));
    });
    nodeSet.remove(removes);
    nodeSet.update(updates);
    nodeSet.add(adds);

    const edges = new Map();
    visible.forEach((i) => linksOf(i).forEach((k) => {
      const [u, v] = LINKS[k];
      if ((u === i || u === v) && visible.has(v) && !edges.has(k)) {
        if (!linkOn.has(k)) linkOn.set(k, linkActive(k, active));
        if (!linkOn.get(k)) return;
        const faded = near && !(near.has(u) && near.has(v) && (selection.edge === undefined || selection.edge === k));
        const width = relOf(k) === "met" ? metWidth(metWeight(k, active)) : 1;
        edges.set(k, [faded ? "f" : "n", width]);
      }
    }));
    const edgeAdds = [];
    const edgeUpdates = [];
    const edgeRemoves = [];
    shownEdge.forEach((was, k) => { if (!edges.has(k)) { edgeRemoves.push(k); shownEdge.delete(k); } });
    edges.forEach(([now, width], k) => {
      const key = now + width;
      const was = shownEdge.get(k);
      if (was === key) return;
      shownEdge.set(k, key);
      if (was) edgeUpdates.push(edgeLook(k, now, width));
      else edgeAdds.push(visEdge(k, now, width));
    });
    edgeSet.remove(edgeRemoves);
    edgeSet.update(edgeUpdates);
    edgeSet.add(edgeAdds);
    counts = { nodes: visible.size, edges: edges.size };
    status();
    return visible;
  }
  function status() {
    document.getElementById("kg-status").textContent = "showing " + counts.nodes + " of " + N + " nodes · "
      + counts.edges + " edges" + (placed.size < N ? " (" + placed.size + " drawn)" : "");
  }
  let pending = false;
  function refresh() {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => {
      pending = false;
      applyFilters();
      showSelection();
    });
  }

  // ------------------------------------------------------------------ legend and filter boxes
  function el(tag, className, text) {
    const e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  const GLYPHS = { dot: "●", square: "■", triangle: "▲", diamond: "◆", star: "★" };
  const GROUPS = { kind: "kinds", type: "types", rel: "rels" };
  function toggle(parent, key, group, text, count, swatch) {
    const label = el("label");
    const box = el("input");
    box.type = "checkbox";
    box.checked = state[GROUPS[group]][key];
    box.dataset[group] = key;
    box.addEventListener("change", () => { state[GROUPS[group]][key] = box.checked; refresh(); });
    label.append(box);
    if (swatch) label.append(swatch);
    label.append(el("span", "", text), el("span", "kg-count", "(" + count + ")"));
    parent.append(label);
  }
  function buildFilters() {
    const boxes = ["kg-kinds", "kg-relations", "kg-roles", "kg-types"].map((id) => document.getElementById(id));
    boxes.forEach((box) => box.replaceChildren());
    const [kinds, relations, roles, types] = boxes;
    data.kinds.forEach((k) => {
      const glyph = el("span", "kg-glyph", GLYPHS[k.shape] || "●");
      glyph.style.color = k.color;
      toggle(kinds, k.kind, "kind", k.label, k.count, glyph);
    });
    data.relations.forEach((r) => {
      const line = el("span", "kg-line" + (r.relation === "reported_in" ? " kg-dashed" : ""));
      line.style.borderTopColor = r.color;
      toggle(r.role ? roles : relations, r.relation, "rel", r.relation, r.count, line);
    });
    Object.keys(typeCounts).sort().forEach((t) => toggle(types, t, "type", t, typeCounts[t]));
    let unlinked = 0;
    for (let i = 0; i < N; i++) unlinked += offsets[i] === offsets[i + 1] ? 1 : 0;
    document.getElementById("kg-unlinked").checked = state.unlinked;
    document.getElementById("kg-unlinked-text").textContent = "linked to nothing (" + unlinked + ")";
    document.getElementById("kg-undated").checked = state.undated;
    document.getElementById("kg-undated-text").textContent = "undated events (" + undatedCount + ")";
  }
  document.getElementById("kg-unlinked").addEventListener("change", (e) => { state.unlinked = e.target.checked; refresh(); });
  document.getElementById("kg-undated").addEventListener("change", (e) => { state.undated = e.target.checked; refresh(); });

  // ------------------------------------------------------------------ time
  const DAY = 86400000;
  const dayNumber = (day) => Math.round((Date.parse(day) - Date.parse(firstDay)) / DAY);
  const dayOf = (n) => new Date(Date.parse(firstDay) + n * DAY).toISOString().slice(0, 10);
  const dateFrom = document.getElementById("kg-date-from");
  const dateTo = document.getElementById("kg-date-to");
  const sliderFrom = document.getElementById("kg-date-slider-from");
  const sliderTo = document.getElementById("kg-date-slider-to");
  function showRange() {
    dateFrom.value = state.from || "";
    dateTo.value = state.to || "";
    if (!firstDay) return;
    sliderFrom.value = String(state.from ? Math.max(0, dayNumber(state.from)) : 0);
    sliderTo.value = String(state.to ? Math.min(dayNumber(lastDay), dayNumber(state.to)) : dayNumber(lastDay));
  }
  function setupTime() {
    [dateFrom, dateTo].forEach((input) => {
      input.min = firstDay || "";
      input.max = lastDay || "";
      input.disabled = !firstDay;
    });
    [sliderFrom, sliderTo].forEach((slider) => {
      slider.max = firstDay ? String(dayNumber(lastDay)) : "0";
      slider.disabled = !firstDay;
    });
    dateFrom.title = dateTo.title = firstDay ? "events from " + firstDay + " to " + lastDay : "no dated events";
    showRange();
  }
  function onDate() {
    state.from = isoDay(dateFrom.value);
    state.to = isoDay(dateTo.value);
    showRange();
    refresh();
  }
  [dateFrom, dateTo].forEach((input) => ["change", "input"].forEach((type) => input.addEventListener(type, onDate)));
  function onSlider(moved) {
    let a = Number(sliderFrom.value);
    let b = Number(sliderTo.value);
    if (a > b) {
      if (moved === sliderFrom) b = a; else a = b;
    }
    state.from = a > 0 ? dayOf(a) : null;
    state.to = b < dayNumber(lastDay) ? dayOf(b) : null;
    showRange();
    refresh();
  }
  sliderFrom.addEventListener("input", () => onSlider(sliderFrom));
  sliderTo.addEventListener("input", () => onSlider(sliderTo));

  // ------------------------------------------------------------------ details panel
  const details = document.getElementById("kg-details");
  function button(className, text, onClick) {
    const b = el("button", className, text);
    b.type = "button";
    b.addEventListener("click", onClick);
    return b;
  }
  function nodeLink(i, text) {
    const b = button("kg-link", text === undefined ? shownName(i) : text, () => select(i, true));
    b.dataset.node = String(i);
    return b;
  }
  function chip(kind) {
    const c = el("span", "kg-chip", kindLabel(kind));
    c.style.background = colour(kind);
    return c;
  }
  function fields(rows) {
    const list = el("dl");
    rows.forEach(([key, value]) => {
      if (value === undefined || value === null || value === "" || (Array.isArray(value) && !value.length)) return;
      const dd = el("dd");
      if (Array.isArray(value)) value.forEach((v, n) => dd.append(n ? "、" : "", v));
      else dd.append(value);
      list.append(el("dt", "", key), dd);
    });
    return list;
  }
  function eventPlaces(e) {
    const places = [];
    linksOf(e).forEach((k) => {
      const j = other(k, e);
      if ((relOf(k) === "held_at" || relOf(k) === "place") && !places.includes(j)) places.push(j);
    });
    return places;
  }
  function headlineOf(e) {
    const d = info(e);
    return d.d === undefined ? null : (info(d.d).heads || NONE)[d.a] || labelOf(d.d);
  }
  function names(i) {
    return [nameOf(i), ...(info(i).aliases || NONE)].filter((n) => n && n.length > 1);
  }
  // The evidence sentences that name the people in view: every one of them if a sentence does, else any.
  function naming(evidence, people) {
    if (!people.length) return evidence;
    const named = people.map(names);
    const says = (text, forms) => Boolean(text) && forms.some((form) => text.includes(form));
    const all = evidence.filter(([text]) => named.every((forms) => says(text, forms)));
    return all.length ? all : evidence.filter(([text]) => named.some((forms) => says(text, forms)));
  }
  function evidenceList(e, people) {
    const d = info(e);
    const list = el("ol", "kg-evidence-list");
    const evidence = d.ev || NONE;
    const focus = naming(evidence, people || NONE);
    function show(rows) {
      list.replaceChildren();
      rows.forEach(([text, start, end]) => {
        const item = el("li");
        const b = button("kg-evidence", text || "sentence at " + start + "–" + end, () => openSource(d.d, start, end, e));
        b.dataset.doc = d.d === undefined ? "" : String(d.d);
        if (typeof start === "number") { b.dataset.start = String(start); b.dataset.end = String(end); }
        item.append(b);
        list.append(item);
      });
      if (rows.length < evidence.length) {
        list.append(button("kg-link kg-more", "all " + evidence.length + " sentences of this event", () => show(evidence)));
      }
      if (d.d !== undefined) list.append(el("div", "kg-evidence-source", "《" + headlineOf(e) + "》 " + (info(d.d).date || "")));
    }
    show(focus.length ? focus : evidence);
    return list;
  }
  function eventItem(e, roles, people) {
    const d = info(e);
    const item = el("li", "kg-event" + (lastActive[e] ? "" : " kg-muted"));
    item.dataset.node = String(e);
    const head = el("div", "kg-event-head");
    head.append(nodeLink(e, (eventDay[e] || dateOf(e) || "undated") + " · " + typeOf(e)));
    const meta = [];
    if (d.time || d.tod) meta.push([d.time, d.tod].filter(Boolean).join(" "));
    const places = eventPlaces(e).map(nameOf);
    if (places.length) meta.push(places.join("、"));
    if (roles && roles.length) meta.push("role: " + roles.join("、"));
    if (meta.length) head.append(el("span", "kg-event-meta", " · " + meta.join(" · ")));
    item.append(head, evidenceList(e, people));
    return item;
  }
  // Events in the filters first, each group in date order (undated last), listed PAGE at a time.
  function eventSection(title, list, rolesOf, people) {
    const section = el("section", "kg-events");
    const inside = list.filter((e) => lastActive[e]).length;
    section.append(el("h4", "", title + " (" + list.length + (inside < list.length ? ", " + inside + " in the filters" : "") + ")"));
    const day = (e) => eventDay[e] || "9999";
    const sorted = list.slice().sort((a, b) => (lastActive[b] - lastActive[a]) || (day(a) < day(b) ? -1 : day(a) > day(b) ? 1 : a - b));
    const ol = el("ol");
    section.append(ol);
    let shown = 0;
    const more = button("kg-link kg-more", "", () => showMore());
    function showMore() {
      sorted.slice(shown, shown + PAGE).forEach((e) => ol.append(eventItem(e, rolesOf ? rolesOf(e) : null, people)));
      shown = Math.min(sorted.length, shown + PAGE);
      more.textContent = "show " + Math.min(PAGE, sorted.length - shown) + " more of " + (sorted.length - shown);
      more.hidden = shown >= sorted.length;
    }
    showMore();
    section.append(more);
    return section;
  }
  function rolesIn(i) {
    const roles = new Map();
    linksOf(i).forEach((k) => {
      const e = other(k, i);
      if (!isEvent(e) || e === i) return;
      if (!roles.has(e)) roles.set(e, []);
      if (relOf(k) !== "held_at" && !roles.get(e).includes(relOf(k))) roles.get(e).push(relOf(k));
    });
    return roles;
  }
  function renderNode(i) {
    const d = info(i);
    const kind = kindOf(i);
    details.replaceChildren(el("h2", "kg-name", shownName(i)), chip(kind));
    if (isEvent(i)) return renderEvent(i, d);
    if (kind === "document") return renderDocument(i, d);
    const orgs = [];
    linksOf(i).forEach((k) => { if (LINKS[k][0] === i && relOf(k) === "holds_title") orgs.push(nodeLink(LINKS[k][1])); });
    details.append(fields([["titles", d.titles], ["organizations", orgs], ["aliases", d.aliases], ["id", NODES[i][0]]]));
    const met = Array.from(linksOf(i)).filter((k) => relOf(k) === "met").sort((a, b) => weightOf(b) - weightOf(a));
    if (met.length) {
      details.append(el("h4", "", "met (" + met.length + ")"));
      const ul = el("ul", "kg-met");
      met.slice(0, 40).forEach((k) => {
        const li = el("li");
        li.append(nodeLink(other(k, i), nameOf(other(k, i))), " ", button("kg-link", "×" + weightOf(k), () => selectEdge(k)));
        ul.append(li);
      });
      if (met.length > 40) ul.append(el("li", "kg-muted", "… " + (met.length - 40) + " more"));
      details.append(ul);
    }
    const roles = rolesIn(i);
    if (roles.size) details.append(eventSection("events", Array.from(roles.keys()), (e) => roles.get(e), [i]));
  }
  function renderEvent(e, d) {
    const people = [];
    const orgs = [];
    linksOf(e).forEach((k) => {
      const j = other(k, e);
      if (isRole(k)) {
        const span = el("span");
        const title = titlesOf(k);
        span.append(nodeLink(j, nameOf(j)), " " + relOf(k) + (title.length ? "（" + title.join("、") + "）" : ""));
        people.push(span);
      } else if (relOf(k) === "organization") orgs.push(nodeLink(j));
    });
    details.append(fields([
      ["type", typeOf(e)], ["date", dateOf(e) || "undated"], ["time", [d.time, d.tod].filter(Boolean).join(" ")],
      ["places", eventPlaces(e).map((p) => nodeLink(p, nameOf(p)))], ["organizations", orgs],
      ["people", people], ["document", d.d === undefined ? null : nodeLink(d.d)],
    ]));
    details.append(el("h4", "", "evidence"), evidenceList(e));
  }
  function renderDocument(i, d) {
    details.append(fields([["date", d.date], ["source", d.source], ["headlines", d.heads]]));
    const reported = Array.from(linksOf(i), (k) => other(k, i)).filter(isEvent);
    if (reported.length) details.append(eventSection("events reported", reported));
  }
  function renderEdge(k) {
    const [u, v] = LINKS[k];
    const title = el("h2");
    title.append(nodeLink(u, shownName(u)), " — ", nodeLink(v, shownName(v)));
    details.replaceChildren(title, el("div", "", relOf(k) + (relOf(k) === "met" ? " · weight " + weightOf(k) : "")));
    if (titlesOf(k).length) details.append(fields([["titles", titlesOf(k)]]));
    if (relOf(k) === "met") {
      const rolesOf = (e) => Array.from(linksOf(e)).filter((r) => isRole(r) && (LINKS[r][0] === u || LINKS[r][0] === v))
        .map((r) => nameOf(LINKS[r][0]) + " " + relOf(r));
      details.append(eventSection("events", Array.from(eventsBehind(k)), rolesOf, [u, v]));
    } else {
      const e = isEvent(v) ? v : isEvent(u) ? u : null;
      if (e !== null) details.append(eventSection("event", [e]));
    }
  }
  function renderOverview() {
    const persons = [];
    for (let i = 0; i < N; i++) if (kindOf(i) === "person") persons.push(i);
    details.replaceChildren(el("h2", "", "people"));
    details.append(el("p", "", persons.length + " people, " + events.length + " events"
      + (firstDay ? ", " + firstDay + " – " + lastDay : "") + (undatedCount ? ", " + undatedCount + " undated" : "") + "."));
    details.append(el("p", "", "Search or click a person to see whom they met and their events; "
      + "double-click a node to draw all its neighbours; click an evidence sentence to read it in its page."));
    details.append(el("h4", "", "most connected"));
    const ol = el("ol", "kg-top");
    persons.sort((a, b) => personScore[b] - personScore[a] || a - b).slice(0, 30).forEach((i) => {
      const li = el("li");
      li.append(nodeLink(i, nameOf(i)));
      ol.append(li);
    });
    details.append(ol);
  }

  // ------------------------------------------------------------------ selection
  function showSelection() {
    if (!selection) return renderOverview();
    if (selection.node !== undefined) {
      if (shownNode.has(selection.node)) network.selectNodes([selection.node], false);
      return renderNode(selection.node);
    }
    if (shownEdge.has(selection.edge)) network.selectEdges([selection.edge]);
    return renderEdge(selection.edge);
  }
  function select(i, focus) {
    if (!shownNode.has(i)) reveal(i);
    selection = { node: i };
    applyFilters();
    showSelection();
    if (focus) network.focus(i, { scale: Math.max(network.getScale(), 1), animation: false });
  }
  function selectEdge(k) {
    const [u, v] = LINKS[k];
    if (!shownEdge.has(k)) {
      place([u]);
      place([v], u);
      pinned = new Set([u, v]);
    }
    selection = { edge: k };
    applyFilters();
    showSelection();
  }
  function clearSelection() {
    selection = null;
    network.unselectAll();
    applyFilters();
    renderOverview();
  }

  // ------------------------------------------------------------------ source view
  const source = document.getElementById("kg-source");
  const sourceText = document.getElementById("kg-source-text");
  const sourceTitle = document.getElementById("kg-source-title");
  const parsedDocs = new Map();
  function sentencesOf(d) {
    if (!parsedDocs.has(d)) {
      const blocks = Array.from(document.getElementsByClassName("kg-doc-" + d));
      if (!blocks.length || !blocks.every(whole)) return NONE;
      const rows = [];
      blocks.forEach((b) => rows.push(...JSON.parse(b.textContent)));
      parsedDocs.set(d, rows.sort((a, b) => a[1] - b[1]));
    }
    return parsedDocs.get(d);
  }
  function sentenceElement(row, start, end) {
    const [, from, to, text] = row;
    const span = el("span", "kg-sentence");
    span.dataset.start = String(from);
    span.dataset.end = String(to);
    if (!(typeof start === "number" && from < end && to > start)) {
      span.textContent = text;
      return span;
    }
    // Inside one sentence whose raw span has the text's length, mark exactly; else the whole sentence.
    const exact = !(start <= from && end >= to) && text.length === to - from;
    const a = exact ? Math.max(0, start - from) : 0;
    const b = exact ? Math.min(text.length, end - from) : text.length;
    span.append(text.slice(0, a), el("mark", "", text.slice(a, b)), text.slice(b));
    return span;
  }
  function openSource(d, start, end, e) {
    source.hidden = false;
    sourceText.replaceChildren();
    const di = d === undefined ? EMPTY : info(d);
    sourceTitle.replaceChildren(el("strong", "", d === undefined ? "source" : labelOf(d)),
      el("div", "kg-evidence-source", [di.date, di.source].filter(Boolean).join(" · ")));
    const rows = d === undefined ? NONE : sentencesOf(d);
    if (!rows.length) {
      sourceText.append(el("p", "", document.readyState === "loading" ? "The page's texts are still loading: try again in a moment."
        : "This page's text is not embedded here (graph.html of a build embeds it; pages made by kg subgraph do not)."));
      const sentence = (info(e).ev || NONE).find((x) => x[1] === start && x[0]);
      if (sentence) {
        const paragraph = el("p");
        paragraph.append(el("mark", "", sentence[0]));
        sourceText.append(paragraph);
      }
      return;
    }
    let article = null;
    let paragraph = null;
    let previousEnd = null;
    rows.forEach((row) => {
      if (row[0] !== article) {
        article = row[0];
        const heading = (di.heads || NONE)[article];
        if (heading) sourceText.append(el("h3", "", heading));
        paragraph = null;
      }
      if (!paragraph || row[1] > previousEnd) {
        paragraph = el("p");
        sourceText.append(paragraph);
      }
      paragraph.append(sentenceElement(row, start, end));
      previousEnd = row[2];
    });
    const mark = sourceText.querySelector("mark");
    if (mark) mark.scrollIntoView({ block: "center" });
  }
  function closeSource() { source.hidden = true; }
  document.getElementById("kg-source-close").addEventListener("click", closeSource);

  // ------------------------------------------------------------------ search
  const search = document.getElementById("kg-search");
  const results = document.getElementById("kg-search-results");
  const KIND_RANK = { person: 0, organization: 1, location: 2, place: 2, event: 3, document: 4 };
  let keys = null; // every node's name, label and aliases in lower case, made at the first search
  function searchKeys() {
    if (keys) return keys;
    const made = NODES.map((n, i) => {
      const all = [nameOf(i), labelOf(i), ...(info(i).aliases || NONE)].map((s) => String(s).toLowerCase());
      return Array.from(new Set(all));
    });
    if (whole(document.getElementById("kg-node-details"))) keys = made; // else aliases are not parsed yet
    return made;
  }
  // 0 exact, 1 prefix, 2 substring, 3+ the query's characters in order with gaps (fuzzy); -1 no match.
  function matchScore(key, q) {
    if (key === q) return 0;
    const at = key.indexOf(q);
    if (at === 0) return 1;
    if (at > 0) return 2 + at / 1000;
    let pos = 0;
    let gaps = 0;
    for (const ch of q) {
      const found = key.indexOf(ch, pos);
      if (found < 0) return -1;
      gaps += found - pos;
      pos = found + ch.length;
    }
    return 3 + gaps / 100;
  }
  function find(query) {
    const q = query.trim().toLowerCase();
    if (!q) return [];
    const found = [];
    const all = searchKeys();
    for (let i = 0; i < N; i++) {
      let best = -1;
      let alias = null;
      all[i].forEach((key) => {
        const s = matchScore(key, q);
        if (s >= 0 && (best < 0 || s < best)) { best = s; alias = key; }
      });
      if (best >= 0) found.push([best, KIND_RANK[kindOf(i)] ?? 5, -degreeOf(i), i, alias]);
    }
    found.sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2] || a[3] - b[3]);
    return found.slice(0, MAX_HITS);
  }
  let hits = [];
  let cursor = -1;
  function showHits() {
    results.replaceChildren();
    hits.forEach(([, , , i, alias], n) => {
      const li = el("li");
      li.setAttribute("role", "option");
      li.id = "kg-hit-" + n;
      li.dataset.node = String(i);
      li.setAttribute("aria-selected", n === cursor ? "true" : "false");
      li.append(chip(kindOf(i)), el("span", "kg-hit-name", shownName(i)));
      const more = [];
      if (alias && alias !== String(shownName(i)).toLowerCase()) more.push("= " + alias);
      if (kindOf(i) === "document" && info(i).date) more.push(info(i).date); // pages with one headline
      if (!placed.has(i)) more.push("not drawn yet");
      if (more.length) li.append(el("span", "kg-hit-more", more.join(" · ")));
      li.addEventListener("mousedown", (event) => { event.preventDefault(); pick(n); });
      results.append(li);
    });
    results.hidden = !hits.length;
    search.setAttribute("aria-expanded", hits.length ? "true" : "false");
    if (cursor >= 0) search.setAttribute("aria-activedescendant", "kg-hit-" + cursor);
    else search.removeAttribute("aria-activedescendant");
  }
  function pick(n) {
    if (!hits[n]) return;
    const i = hits[n][3];
    hits = [];
    cursor = -1;
    showHits();
    search.value = shownName(i);
    select(i, true);
  }
  search.addEventListener("input", () => { hits = find(search.value); cursor = hits.length ? 0 : -1; showHits(); });
  search.addEventListener("keydown", (event) => {
    const step = { ArrowDown: 1, ArrowUp: -1 }[event.key];
    if (step && hits.length) {
      cursor = (cursor + step + hits.length) % hits.length;
      showHits();
    } else if (event.key === "Enter") pick(Math.max(cursor, 0));
    else if (event.key === "Escape") { hits = []; cursor = -1; showHits(); }
    else return;
    event.preventDefault();
  });
  search.addEventListener("blur", () => { results.hidden = true; search.setAttribute("aria-expanded", "false"); });
  search.addEventListener("focus", () => { if (hits.length) showHits(); });
  document.addEventListener("keydown", (event) => { if (event.key === "Escape" && !source.hidden) closeSource(); });

  // ------------------------------------------------------------------ first view
  performance.mark("kg-ui");
  buildFilters();
  setupTime();
  const firstVisible = applyFilters();
  performance.mark("kg-filtered");
  const network = new vis.Network(document.getElementById("kg-graph"), { nodes: nodeSet, edges: edgeSet }, data.options);
  performance.mark("kg-network");
  network.on("click", (params) => {
    if (params.nodes.length) select(params.nodes[0], false);
    else if (params.edges.length) selectEdge(params.edges[0]);
    else clearSelection();
  });
  network.on("doubleClick", (params) => { // a node's whole neighbourhood, drawn whatever the filters
    if (!params.nodes.length) return;
    reveal(params.nodes[0]);
    select(params.nodes[0], false);
  });
  network.on("dragEnd", (params) => {
    const moved = network.getPositions(params.nodes);
    Object.keys(moved).forEach((i) => placed.set(Number(i), moved[i]));
  });
  // The largest group of people linked by shown `met` edges, fitted; zoomed in on its busiest person when
  // fitting it all would make labels unreadable.
  function largestComponent(visible) {
    const seen = new Set();
    let best = [];
    visible.forEach((first) => {
      if (seen.has(first) || kindOf(first) !== "person") return;
      const group = [first];
      seen.add(first);
      for (let n = 0; n < group.length; n++) {
        linksOf(group[n]).forEach((k) => {
          const j = other(k, group[n]);
          if (relOf(k) === "met" && shownEdge.has(k) && !seen.has(j)) { seen.add(j); group.push(j); }
        });
      }
      if (group.length > best.length) best = group;
    });
    return best;
  }
  function firstView(visible) {
    const group = largestComponent(visible);
    if (!group.length) { network.fit({ animation: false, maxZoomLevel: MAX_FIT_SCALE }); return; }
    network.fit({ nodes: group, animation: false, maxZoomLevel: MAX_FIT_SCALE });
    if (network.getScale() < MIN_READABLE_SCALE) {
      const hub = group.reduce((a, b) => (personScore[b] > personScore[a] ? b : a));
      network.moveTo({ position: placed.get(hub), scale: 1, animation: false });
    }
  }
  function reset() {
    defaults();
    pinned = new Set();
    selection = null;
    network.unselectAll();
    buildFilters();
    showRange();
    closeSource();
    firstView(applyFilters());
    renderOverview();
  }
  document.getElementById("kg-reset").addEventListener("click", reset);
  document.addEventListener("DOMContentLoaded", () => {
    showSelection(); // a panel shown before its details were parsed
    setTimeout(searchKeys, 0); // parse the details and index the names before the first keystroke
  });
  firstView(firstVisible);
  renderOverview();
  network.once("afterDrawing", () => {
    performance.mark("kg-ready");
    document.body.setAttribute("data-ready", "1");
    document.body.setAttribute("data-stabilized", "1");
  });
  network.redraw();

  // For scripts and tests: the same actions as the controls, and what is on screen.
  const indexOf = (id) => NODES.findIndex((n) => n[0] === id);
  window.kgExplorer = {
    select: (id) => { const i = indexOf(id); if (i >= 0) select(i, true); return i; },
    visible: () => Array.from(shownNode.keys(), (i) => NODES[i][0]),
    highlighted: () => Array.from(shownNode).filter(([, look]) => look === "n").map(([i]) => NODES[i][0]),
    selected: () => (selection && selection.node !== undefined ? NODES[selection.node][0] : null),
    drawn: () => placed.size,
    scale: () => network.getScale(),
    position: (id) => network.canvasToDOM(network.getPosition(indexOf(id))), // on the canvas element
  };
}());
