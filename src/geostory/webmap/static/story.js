/* geostory story map: draws the story's layers from the embedded JSON and steps through its frames.
 *
 * Python decides everything (which features each frame shows and how, each frame's view, every colour,
 * width, dash and fade from styles.json); this script only draws and applies it, so the web map cannot
 * drift from the QGIS project and the frame pictures.
 * Author text only ever reaches the page through textContent, and links only when they are http(s).
 * The page exposes window.geostory = {frames, go(i), current(), state(id), ...} for tests and measurements.
 */
(function () {
  "use strict";

  var SAFE_URL = /^https?:\/\//i;
  var MAX_ZOOM = 10;  // frames are at least 120 km across (geometry.FRAME_MIN_KM); this guards very large screens
  var api = { autoplayMs: 5000, ready: false, scriptMs: window.performance ? performance.now() : null };
  window.geostory = api;

  function reducedMotion() {
    return !!(window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches);
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  function fill(node, children) {
    while (node.firstChild) node.removeChild(node.firstChild);
    children.forEach(function (child) { if (child) node.appendChild(child); });
    return node;
  }

  function paragraphs(text, className) {
    var box = el("div", className);
    String(text).split(/\n\s*\n/).forEach(function (para) { box.appendChild(el("p", null, para)); });
    return box;
  }

  function sourceList(sources, heading) {
    var box = el("div", "gs-source-box");
    box.appendChild(el(heading || "h3", "gs-small-head", sources.length === 1 ? "Source" : "Sources"));
    var list = el("ol", "gs-source-list");
    sources.forEach(function (src) {
      var item = el("li");
      if (src.url && SAFE_URL.test(src.url)) {
        var link = el("a", null, src.label);
        link.href = src.url;
        link.target = "_blank";
        link.rel = "noopener noreferrer";
        item.appendChild(link);
      } else {
        item.appendChild(el("span", null, src.label));
      }
      if (src.title) item.appendChild(el("span", "gs-muted", " \u2014 " + src.title));
      if (src.note) item.appendChild(el("span", "gs-muted", " (" + src.note + ")"));
      list.appendChild(item);
    });
    box.appendChild(list);
    return box;
  }

  function dateNodes(date) {
    var nodes = [el("span", "gs-date-text", date.text)];
    if (date.certainty === "disputed") nodes.push(el("span", "gs-badge", "disputed"));
    if (date.note) nodes.push(el("span", "gs-date-note", date.note));
    return nodes;
  }

  function correctionBlock(c) {
    var box = el("div", "gs-correction");
    box.appendChild(el("p", "gs-correction-title", "Correction: " + c.about));
    var dl = el("dl");
    [["The seed says (" + c.seed + ")", c.seed_claim], ["The map shows", c.map_shows], ["Why", c.reason]]
      .forEach(function (pair) {
        dl.appendChild(el("dt", null, pair[0]));
        dl.appendChild(el("dd", null, pair[1]));
      });
    box.appendChild(dl);
    box.appendChild(sourceList(c.sources, "h4"));
    return box;
  }

  /* English name, then the Chinese one only when the story gives it. */
  function nameNodes(node, info) {
    node.appendChild(el("span", "gs-en", info.en));
    if (info.zh) {
      var zh = el("span", "gs-zh", info.zh);
      zh.lang = "zh";
      node.appendChild(zh);
    }
    return node;
  }

  function popupContent(f, data) {
    var info = f.info;
    var box = el("div", "gs-popup");
    box.tabIndex = -1;
    box.appendChild(nameNodes(el("h3", "gs-popup-title"), info));
    if (info.then) box.appendChild(el("p", "gs-old", "At the time: " + info.then));
    if (info.date) box.appendChild(fill(el("p", "gs-popup-date"), dateNodes(info.date)));
    var side = info.side && data.sides[info.side];
    if (side) {
      var chip = el("p", "gs-side");
      var swatch = el("span", "gs-swatch");
      swatch.style.background = side.colour;
      chip.appendChild(swatch);
      chip.appendChild(el("span", null, side.label));
      box.appendChild(chip);
    }
    if (info.facts.length) box.appendChild(el("p", "gs-facts", info.facts.join(" \u00b7 ")));
    box.appendChild(paragraphs(info.narrative, "gs-popup-narrative"));
    (info.corrections || []).forEach(function (id) {
      if (data.corrections[id]) box.appendChild(correctionBlock(data.corrections[id]));
    });
    box.appendChild(sourceList(info.sources, "h4"));
    return box;
  }

  /* One feature on the map: its Leaflet layers, how to show it in each state, where its popup opens.
     Every style value comes from data.style (styles.json); "earlier" multiplies opacity and width by
     style.faded, "hidden" takes the feature off the map. */
  function makeItem(f, data, map, popupOptions) {
    var style = data.style;
    var st = style.layers[f.layer] || {};
    var pane = "gs-" + f.layer;
    var outline = style.outline;
    var layers = [];
    var anchor;
    function add(layer, base) {
      var o = layer.options;
      layer._gsBase = { opacity: o.opacity, fillOpacity: o.fillOpacity, weight: o.weight, radius: o.radius };
      layer._gsClass = base;
      layers.push(layer);
      return layer;
    }
    /* The legend rule's strokes (core.legend), bottom first: casing, the line, its core or ticks. */
    function strokes(lines, stack, className) {
      stack.forEach(function (s) {
        var name = s.role === "line" ? className : "gs-" + s.role;
        add(L.polyline(lines, { pane: pane, color: s.colour, weight: s.width, opacity: s.opacity,
          dashArray: s.dash || null, lineCap: s.cap, lineJoin: "round", className: name }), name);
      });
    }
    if (f.layer === "places" || f.layer === "events") {
      var radius = f.layer === "places" ? st.radius[f.rank - 1] : st.radius;
      var kind = "gs-" + f.layer.slice(0, -1);
      var dot = add(L.circleMarker(f.ll, { pane: pane, radius: radius, color: st.colour, weight: outline.point,
        opacity: 1, fillColor: st.fill, fillOpacity: 1, className: kind }), kind);
      if (f.layer === "places") {
        dot.bindTooltip(nameNodes(el("span"), f.info), { permanent: true, direction: "right",
          offset: [radius + 1, 0], className: "gs-label gs-r" + f.rank });
      }
      anchor = f.ll;
    } else if (f.layer === "movements") {
      var s = f.style;
      strokes(f.shaft, f.strokes, "gs-mv-shaft");
      var hollow = s.head === "hollow";
      add(L.polygon(f.head, { pane: pane, color: s.colour, weight: hollow ? outline.hollow_head : outline.head,
        opacity: s.opacity, fillColor: hollow ? style.hollow_head_fill : s.colour, fillOpacity: s.opacity,
        className: "gs-mv-head" + (hollow ? " gs-hollow" : "") }), "gs-mv-head");
      anchor = f.shaft[Math.floor(f.shaft.length / 2)];
    } else {
      strokes(f.lines, st.strokes, "gs-" + f.layer.slice(0, -1));
      anchor = f.lines[0][Math.floor(f.lines[0].length / 2)];
    }
    var holder = L.featureGroup(layers);
    holder.bindPopup(function () { return popupContent(f, data); }, popupOptions);
    var item = { f: f, holder: holder, layers: layers, anchor: anchor, state: null };
    function classes(layer) {
      var node = layer.getElement && layer.getElement();
      if (!node) return;
      node.setAttribute("class", "leaflet-interactive " + layer._gsClass + " gs-" + item.state);
      node.setAttribute("data-id", f.id);
    }
    layers.forEach(function (layer) { layer.on("add", function () { classes(layer); }); });
    item.setState = function (state) {
      if (state === item.state) return false;
      var was = item.state;
      item.state = state;
      if (state === "hidden") {
        map._gsGroups[f.layer].removeLayer(holder);
        return true;
      }
      var fade = state === "earlier" ? style.faded.opacity : 1;
      var thin = state === "earlier" ? style.faded.width_factor : 1;
      layers.forEach(function (layer) {
        var base = layer._gsBase;
        var change = { opacity: base.opacity * fade, weight: base.weight * thin };
        if (base.fillOpacity !== undefined) change.fillOpacity = base.fillOpacity * fade;
        layer.setStyle(change);
        if (base.radius !== undefined && layer.setRadius) layer.setRadius(base.radius * thin);
        classes(layer);
      });
      var tip = layers[0].getTooltip && layers[0].getTooltip();
      if (tip && tip.getElement()) L.DomUtil[state === "current" ? "addClass" : "removeClass"](tip.getElement(), "gs-focus");
      if (was === "hidden" || was === null) map._gsGroups[f.layer].addLayer(holder);
      return true;
    };
    return item;
  }

  /* Wrap an element already in the page (the legend) as a Leaflet control. */
  api.control = function (map, id, position) {
    var node = document.getElementById(id);
    if (!node) return;
    var Control = L.Control.extend({
      onAdd: function () {
        L.DomEvent.disableClickPropagation(node);
        L.DomEvent.disableScrollPropagation(node);
        return node;
      }
    });
    new Control({ position: position }).addTo(map);
    if (window.matchMedia && window.matchMedia("(max-width: 1000px), (max-height: 700px)").matches) node.open = false;
  };

  api.start = function (map, groups, dataId) {
    var data = JSON.parse(document.getElementById(dataId).textContent);
    var frames = data.frames;
    var n = frames.length;
    var current = -1;
    var timer = null;
    map._gsGroups = groups;
    // One pane per layer, stacked in styles.json's draw_order just above Leaflet's overlay pane (400).
    data.style.draw_order.forEach(function (name, i) { map.createPane("gs-" + name).style.zIndex = 402 + 2 * i; });
    var size = map.getSize();
    var popupOptions = { maxWidth: Math.min(340, size.x - 50), minWidth: Math.min(240, size.x - 50),
      maxHeight: Math.max(180, Math.min(360, size.y - 90)), autoPanPadding: [16, 16], className: "gs-popup-wrap" };
    // Set the first view before drawing, so the layers are projected once rather than at zoom 1 and again.
    map.invalidateSize({ animate: false });
    var legend = document.querySelector(".gs-legend");
    var initial = Math.max(0, hashIndex());  // function declarations below are hoisted
    fit(frames[initial].bounds, true);  // with the legend's padding already, so the view is set only once
    var items = data.features.map(function (f) { return makeItem(f, data, map, popupOptions); });
    var byId = {};
    items.forEach(function (item) { byId[item.f.id] = item; });

    var $ = function (id) { return document.getElementById(id); };
    var panel = $("gs-panel");
    var slider = $("gs-slider");
    var prev = $("gs-prev");
    var next = $("gs-next");
    var playButton = $("gs-play");
    var toggle = $("gs-toggle");

    function padding() {
      // Room on the right for place labels and the controls, plus the legend when it is open.
      var right = 96;
      var mapSize = map.getSize();
      if (legend && legend.open && legend.offsetWidth && legend.offsetWidth + 40 < mapSize.x / 2) {
        right = legend.offsetWidth + 40;
      }
      return { paddingTopLeft: [28, 28], paddingBottomRight: [right, 52] };
    }

    function fit(bounds, instant) {
      var options = padding();
      options.maxZoom = MAX_ZOOM;
      if (instant || reducedMotion()) {
        options.animate = false;
        map.fitBounds(bounds, options);
      } else {
        options.duration = 0.9;
        map.flyToBounds(bounds, options);
      }
    }

    function openFeature(id) {
      var item = byId[id];
      if (!item || item.state === "hidden") return;
      item.holder.openPopup(item.anchor);
    }

    /* A small key before a chip's name, in the feature's own colours. */
    function chipKey(f) {
      var key = el("span", "gs-chip-key");
      var st = data.style.layers[f.layer] || {};
      key.style.background = f.style ? f.style.colour : (st.fill || st.colour || "");
      if (st.fill) key.style.borderColor = st.colour;
      return key;
    }

    function renderPanel(fr, i) {
      $("gs-count").textContent = (i + 1) + " / " + n;
      fill($("gs-date"), dateNodes({ text: fr.date.text, certainty: fr.date.certainty }));
      $("gs-frame-title").textContent = fr.title;
      var dateNote = fr.date.note ? el("p", "gs-frame-date-note", "About the date: " + fr.date.note) : null;
      fill($("gs-narrative"), [paragraphs(fr.narrative, "gs-narrative-text"), dateNote]);
      var chips = el("ul", "gs-chips");
      fr.features.forEach(function (id) {
        var item = byId[id];
        if (!item) return;
        var li = el("li");
        var button = el("button", "gs-chip gs-chip-" + item.f.layer);
        button.appendChild(chipKey(item.f));
        button.appendChild(el("span", null, item.f.info.en));
        button.type = "button";
        button.title = "Show " + item.f.info.name + " on the map";
        button.addEventListener("click", function () { openFeature(id); });
        li.appendChild(button);
        chips.appendChild(li);
      });
      fill($("gs-onmap"), chips.firstChild ? [el("h3", "gs-small-head", "On the map"), chips] : []);
      fill($("gs-corrections"), fr.corrections.map(function (id) {
        return data.corrections[id] ? correctionBlock(data.corrections[id]) : null;
      }));
      fill($("gs-sources"), [sourceList(fr.sources)]);
      prev.setAttribute("aria-disabled", String(i === 0));
      next.setAttribute("aria-disabled", String(i === n - 1));
    }

    /* The frame nearest a slider position; every frame has its own position, even two on the same day. */
    function frameAt(position) {
      var best = 0;
      for (var i = 1; i < n; i++) {
        if (Math.abs(frames[i].at - position) < Math.abs(frames[best].at - position)) best = i;
      }
      return best;
    }

    function go(i, options) {
      options = options || {};
      i = Math.max(0, Math.min(n - 1, i));
      if (i === current && !options.force) return current;
      current = i;
      var fr = frames[i];
      var states = items.map(function () { return "hidden"; });
      Object.keys(fr.states).forEach(function (state) {
        fr.states[state].forEach(function (k) { states[k] = state; });
      });
      items.forEach(function (item, k) { item.setState(states[k]); });
      map.closePopup();
      renderPanel(fr, i);
      if (!options.fromSlider) slider.value = String(fr.at);
      slider.setAttribute("aria-valuetext", fr.date.text + ": " + fr.title);
      if (!options.fromHash) setHash(fr.id);
      if (!options.keepView) fit(fr.bounds, options.instant);
      declutter();
      return current;
    }

    /* replaceState (not pushState: stepping must not flood the back button), once per animation frame:
       it costs a few ms on file:// pages, and autoplay or a held arrow key would otherwise pay it each step. */
    var pendingHash = null;
    function setHash(id) {
      if (pendingHash === null) {
        requestAnimationFrame(function () {
          if (hashId() !== pendingHash) {
            history.replaceState(null, "", "#" + encodeURIComponent(pendingHash));
          }
          pendingHash = null;
        });
      }
      pendingHash = id;
    }

    function indexOf(id) {
      for (var i = 0; i < n; i++) if (frames[i].id === id) return i;
      return -1;
    }

    function hashId() {
      try { return decodeURIComponent(location.hash.slice(1)); } catch (e) { return location.hash.slice(1); }
    }

    function hashIndex() { return indexOf(hashId()); }

    function setPlaying(on) {
      playButton.textContent = on ? "Pause" : "Play";
      playButton.setAttribute("aria-pressed", String(on));
      panel.classList.toggle("gs-playing", on);
    }

    function stop() {
      if (timer !== null) clearInterval(timer);
      timer = null;
      setPlaying(false);
    }

    function play() {
      stop();
      if (current >= n - 1) go(0);
      timer = setInterval(function () {
        if (current >= n - 1) stop(); else go(current + 1);
        if (current >= n - 1) stop();
      }, api.autoplayMs);
      setPlaying(true);
    }

    function step(i) { stop(); go(i); }

    prev.addEventListener("click", function () { step(current - 1); });
    next.addEventListener("click", function () { step(current + 1); });
    playButton.addEventListener("click", function () { if (timer === null) play(); else stop(); });
    slider.addEventListener("input", function () { stop(); go(frameAt(Number(slider.value)), { fromSlider: true }); });
    slider.addEventListener("change", function () { slider.value = String(frames[current].at); });
    slider.addEventListener("keydown", function (e) {
      var delta = { ArrowRight: 1, ArrowUp: 1, ArrowLeft: -1, ArrowDown: -1 }[e.key];
      if (delta === undefined || e.altKey || e.ctrlKey || e.metaKey) return;
      e.preventDefault();
      step(current + delta);
    });
    toggle.addEventListener("click", function () {
      var collapsed = panel.classList.toggle("gs-collapsed");
      toggle.setAttribute("aria-expanded", String(!collapsed));
      toggle.textContent = collapsed ? "Show text" : "Hide text";
      map.invalidateSize({ animate: false });
    });
    document.addEventListener("keydown", function (e) {
      if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
      var target = e.target;
      var tag = target && target.tagName;
      if (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || (target && target.isContentEditable)) return;
      var moves = { ArrowRight: current + 1, ArrowLeft: current - 1, Home: 0, End: n - 1 };
      if (e.key === "Escape") { map.closePopup(); return; }
      if (!(e.key in moves)) return;
      e.preventDefault();
      step(moves[e.key]);
    });
    window.addEventListener("hashchange", function () {
      var i = hashIndex();
      if (i >= 0) { stop(); go(i, { fromHash: true }); return; }
      // An unknown frame id: stay on this frame and put its id back, so the address always names what is shown.
      history.replaceState(null, "", "#" + encodeURIComponent(frames[current].id));
    });
    window.addEventListener("resize", function () { map.invalidateSize({ animate: false }); });
    /* Hide place labels that would overlap one already placed: frame places first, then by rank. */
    function declutter() {
      var labels = items.filter(function (item) { return item.f.layer === "places" && item.state !== "hidden"; })
        .map(function (item) {
          var tip = item.layers[0].getTooltip();
          return { item: item, node: tip && tip.getElement(), rank: item.state === "current" ? 0 : item.f.rank };
        })
        .filter(function (label) { return label.node; });
      labels.sort(function (a, b) { return a.rank - b.rank; });
      labels.forEach(function (label) { label.node.classList.remove("gs-covered"); });
      var boxes = labels.map(function (label) { return label.node.getBoundingClientRect(); });
      var placed = [];
      labels.forEach(function (label, i) {
        var r = boxes[i];
        var hit = placed.some(function (p) {
          return r.left < p.right + 2 && r.right > p.left - 2 && r.top < p.bottom && r.bottom > p.top;
        });
        if (hit) label.node.classList.add("gs-covered"); else placed.push(r);
      });
    }
    map.on("zoomend", declutter);
    var moving = false;
    map.on("movestart", function () { moving = true; });
    map.on("moveend", function () { moving = false; });
    if (window.ResizeObserver) {
      new ResizeObserver(function () { map.invalidateSize({ animate: false }); }).observe(map.getContainer());
    }
    map.on("popupopen", function (e) {
      var node = e.popup.getElement && e.popup.getElement().querySelector(".gs-popup");
      if (node && document.activeElement && document.activeElement.classList.contains("gs-chip")) node.focus();
    });

    go(initial, { instant: true, force: true, keepView: true });
    declutter();

    api.frames = frames.map(function (fr) { return { id: fr.id, title: fr.title, date: fr.date.text }; });
    api.map = map;
    api.go = function (i) { stop(); return go(i); };
    api.current = function () { return current; };
    api.play = play;
    api.stop = stop;
    api.playing = function () { return timer !== null; };
    api.moving = function () { return moving; };
    api.openFeature = openFeature;
    api.visible = function () {
      return items.filter(function (item) { return item.state !== "hidden"; }).map(function (item) { return item.f.id; });
    };
    api.state = function (id) { return byId[id] ? byId[id].state : undefined; };
    api.readyMs = window.performance ? performance.now() : null;
    api.ready = true;
    document.dispatchEvent(new CustomEvent("geostory:ready"));
  };
})();
