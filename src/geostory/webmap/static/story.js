/* geostory story map, 7 of 7: start the story on a folium map, from the JSON the page embeds.
 *
 * A step touches only the features whose state changes: the frame model (Python's geostory.derived) sends
 * the dated features in first-day order (data.order) and, per frame, how many of them have begun
 * (frame.begun) and its own features (frame.current). Between two frames, only their own features and the
 * dated ones begun by one but not the other can change.
 * The page exposes window.geostory = {frames, go(i), current(), state(id), ...} for tests and measurements.
 */
(function (gs) {
  "use strict";

  var MAX_ZOOM = 10;  // frames are at least 120 km across (derived.FRAME_MIN_KM); this guards very large screens

  /**
   * The payload as build_payload wrote it, from the columns and tables the page carries (webmap/wire.py):
   * one object per feature and frame, with the values they share (looks, citations, dates) as the same
   * objects, not copies, so the drawing and popup code reads them in place.
   * @param {GsWire} w
   * @returns {GsPayload}
   */
  function unpack(w) {
    var c = w.features, cited = w.citations, scale = w.scale;
    /**
     * [lat, lon] pairs from whole numbers of 1/scale degree, each pair after the first a step from the last.
     * @param {number[]} flat
     * @returns {GsLatLng[]}
     */
    var points = function (flat) {
      /** @type {GsLatLng[]} */
      var out = new Array(flat.length / 2);
      var lat = 0, lon = 0;
      for (var i = 0; i < flat.length; i += 2) {
        lat += flat[i];
        lon += flat[i + 1];
        out[i / 2] = [lat / scale, lon / scale];
      }
      return out;
    };
    /** @type {GsCitation[][]} */
    var lists = w.source_lists.map(function (list) { return list.map(function (i) { return cited[i]; }); });
    /** @param {number} k one list of citations for all the features that cite the same works (read only) */
    var sources = function (k) { return lists[k]; };
    /** @type {GsFeature[]} */
    var features = new Array(c.id.length);
    for (var k = 0; k < c.id.length; k++) {
      var en = c.en[k];
      /** @type {GsInfo} */
      var info = { name: k in c.name ? c.name[k] : en, en: en, facts: c.facts[k].map(function (i) { return w.texts[i]; }),
        narrative: c.narrative[k], sources: sources(c.sources[k]) };
      if (k in c.zh) info.zh = c.zh[k];
      if (k in c.then) info.then = c.then[k];
      if (c.date[k] >= 0) info.date = w.dates[c.date[k]];
      if (c.side[k] >= 0) info.side = w.side_keys[c.side[k]];
      if (k in c.corrections) info.corrections = c.corrections[k];
      /** @type {GsFeature} */
      var f = { id: c.id[k], layer: w.layers[c.layer[k]], kind: w.kinds[c.kind[k]], info: info };
      var geom = c.geom[k];
      if (c.look[k] >= 0) {
        var look = w.looks[c.look[k]];
        f.path = points(/** @type {number[]} */ (geom));
        f.look = c.look[k];
        f.style = look.style;
        f.strokes = look.strokes;
        f.head = look.head;
        f.head_earlier = look.head_earlier;
      } else if (typeof geom[0] === "number") {
        f.ll = [/** @type {number} */ (geom[0]) / scale, /** @type {number} */ (geom[1]) / scale];
      } else {
        f.lines = /** @type {number[][]} */ (geom).map(points);
      }
      if (c.rank[k]) f.rank = c.rank[k];
      features[k] = f;
    }
    var fc = w.frames;
    var frames = fc.id.map(function (id, i) {
      return { id: id, title: fc.title[i], date: w.dates[fc.date[i]], narrative: fc.narrative[i],
        sources: sources(fc.sources[i]), corrections: fc.corrections[i], current: fc.current[i],
        begun: fc.begun[i], bounds: fc.bounds[i], at: i };
    });
    return { story: w.story, lang: w.lang, words: w.words, sides: w.sides, style: w.style,
      corrections: w.corrections, canvas: w.canvas, features: features, looks: w.looks, citations: cited,
      order: w.order, frames: frames };
  }

  /**
   * @param {L.Map} map the folium map
   * @param {Object<string, L.FeatureGroup>} groups one group per layer, as in the layer control
   * @param {string} dataId the id of the <script type="application/json"> holding the payload
   */
  gs.start = function (map, groups, dataId) {
    var data = unpack(/** @type {GsWire} */ (JSON.parse(/** @type {HTMLElement} */ (document.getElementById(dataId)).textContent || "")));
    gs.words = data.words;
    var frames = data.frames;
    var player = new gs.Player(frames);
    // One pane per layer, stacked in styles.json's draw_order just above Leaflet's overlay pane (400), each
    // drawn by SVG, or by one canvas per pane for stories too large for an element per shape.
    /** @type {Object<string, L.Renderer>} */
    var renderers = {};
    var panes = data.style.draw_order.map(function (name) { return "gs-" + name; })
      .concat(data.style.current_above.map(function (name) { return "gs-" + name + "-current"; }));
    panes.forEach(function (pane, i) {
      map.createPane(pane).style.zIndex = String(402 + 2 * i);
      renderers[pane] = data.canvas ? L.canvas({ pane: pane }) : L.svg({ pane: pane });
    });
    var size = map.getSize();
    // Leaflet's widths are the content's; the popup adds its margins (34 px) and the map keeps 16 px each side.
    var room = size.x - 34 - 2 * 16;
    /** @type {L.PopupOptions} */
    var popup = { maxWidth: Math.min(340, room), minWidth: Math.min(240, room),
      maxHeight: Math.max(180, Math.min(360, size.y - 90)), autoPanPadding: [16, 16], className: "gs-popup-wrap" };
    // Set the first view before drawing, so the layers are projected once rather than at zoom 1 and again.
    map.invalidateSize({ animate: false });
    var legend = /** @type {HTMLDetailsElement | null} */ (document.querySelector(".gs-legend"));
    // The controls' padding (view.js), measured when the legend opens or closes and on resize rather than
    // at each step, where reading it would make the browser lay out the step's new shapes first.
    function resetPadding() { gs.resetPadding(); }
    if (legend) {
      legend.addEventListener("toggle", resetPadding);
      if (window.ResizeObserver) new ResizeObserver(resetPadding).observe(legend);
    }
    window.addEventListener("resize", resetPadding);

    var initial = Math.max(0, player.hashIndex());
    fit(frames[initial], true);  // clear of the controls already, so the view is set only once
    // A feature's Leaflet object is made the first time a frame shows it: a story of thousands of features
    // pays at load only for those the first frame shows.
    /** @type {GsStoryFeature[]} */
    var items = new Array(data.features.length);
    var labels = new gs.Labels(map, []);
    /** @param {number} k */
    function item(k) {
      var made = items[k];
      if (made) return made;
      var f = data.features[k];
      made = items[k] = new gs.StoryFeature(f, data, groups[f.layer], { renderers: renderers, popup: popup });
      made.k = k;
      if (f.layer === "places") labels.places.push(made);
      return made;
    }
    /** @type {L.FeatureGroup | null} the layer whose feature's popup is open */
    var popupGroup = null;
    /**
     * @param {GsStoryFeature} owner
     * @param {L.LatLngExpression} latlng
     */
    function openAt(owner, latlng) {
      owner.openPopup(latlng);
      popupGroup = owner.group;
    }
    map.on("popupclose", function () { popupGroup = null; });
    // A part's click reaches its layer's group (Leaflet propagates it): open its feature's popup there.
    // Switching the layer off closes it, as Leaflet closes a layer's own popup.
    Object.keys(groups).forEach(function (layer) {
      var group = groups[layer];
      group.on("click", function (event) {
        var e = /** @type {L.LeafletMouseEvent & {layer?: GsPart}} */ (event);
        var owner = e.layer && e.layer._gsItem;
        if (!owner) return;
        L.DomEvent.stop(/** @type {any} */ (e));  // or the map's own click would close it again
        openAt(owner, e.latlng);
      });
      group.on("remove", function () { if (popupGroup === group) map.closePopup(); });
    });
    /** @type {Object<string, number>} */
    var byId = {};
    data.features.forEach(function (f, k) { byId[f.id] = k; });
    var rank = data.features.map(function () { return -1; });
    data.order.forEach(function (k, r) { rank[k] = r; });

    /**
     * The one rule every output follows (Python's FrameModel.state), read from the frame model.
     * @param {GsFrame} fr
     * @param {Object<number, boolean>} current
     * @param {number} k
     * @returns {GsState}
     */
    function stateAt(fr, current, k) {
      if (current[k]) return "current";
      if (rank[k] < 0) return "context";
      return rank[k] < fr.begun ? "earlier" : "hidden";
    }

    /** @param {GsFrame} fr */
    function currentSet(fr) {
      /** @type {Object<number, boolean>} */
      var set = {};
      fr.current.forEach(function (k) { set[k] = true; });
      return set;
    }

    /** Apply a step: only the features whose state can change, in file order (their order on the map). */
    player.on("frame", function (event) {
      var e = /** @type {GsFrameEvent} */ (event);
      var fr = e.frame, current = currentSet(fr);
      /** @type {number[]} */
      var touch;
      if (e.previous < 0) {
        touch = data.features.map(function (_, k) { return k; });
      } else {
        var was = frames[e.previous];
        var lo = Math.min(was.begun, fr.begun), hi = Math.max(was.begun, fr.begun);
        var seen = currentSet(was);
        fr.current.forEach(function (k) { seen[k] = true; });
        for (var r = lo; r < hi; r++) seen[data.order[r]] = true;
        touch = Object.keys(seen).map(Number).sort(function (a, b) { return a - b; });
      }
      touch.forEach(function (k) {
        var state = stateAt(fr, current, k);
        if (state !== "hidden" || items[k]) item(k).setState(state);
      });
      map.closePopup();
      if (!e.options.keepView) fit(fr, e.options.instant);
      if (e.previous < 0) labels.update(); else labels.schedule();
    });

    /**
     * Show a frame: its bounds and what it names, clear of the map's controls (view.js).
     * @param {GsFrame} fr
     * @param {boolean} [instant]
     */
    function fit(fr, instant) {
      var view = gs.frameView(map, data, fr, MAX_ZOOM);
      if (instant || gs.dom.reducedMotion()) {
        map.setView(view.center, view.zoom, { animate: false });
      } else {
        map.flyTo(view.center, view.zoom, { duration: 0.9 });
      }
    }

    /* Printing changes the map's size (story.css @media print): refit the frame to the printed map, and
       back to the screen after. */
    function refit() {
      map.invalidateSize({ animate: false });
      gs.resetPadding();
      if (player.current >= 0) fit(frames[player.current], true);
    }
    window.addEventListener("beforeprint", refit);
    window.addEventListener("afterprint", refit);
    if (window.matchMedia) {
      var print = window.matchMedia("print");
      if (print.addEventListener) print.addEventListener("change", refit);
    }

    /** @param {number} k */
    function openFeature(k) {
      var item = items[k];
      if (!item || item.state === "hidden" || !item.anchor) return;
      openAt(item, item.anchor);
    }

    new gs.Panel(player, data, openFeature).addTo(map);
    player.followHash();
    document.addEventListener("keydown", function (e) {
      if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
      var target = /** @type {HTMLElement | null} */ (e.target);
      var tag = target && target.tagName;
      if (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || (target && target.isContentEditable)) return;
      var at = player.current;
      var moves = /** @type {Object<string, number>} */ ({ ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: frames.length - 1 });
      if (e.key === "Escape") { map.closePopup(); return; }
      if (!(e.key in moves)) return;
      e.preventDefault();
      player.step(moves[e.key]);
    });
    window.addEventListener("resize", function () { map.invalidateSize({ animate: false }); });
    map.on("moveend", function () { labels.schedule(); });
    var moving = false;
    map.on("movestart", function () { moving = true; });
    map.on("moveend", function () { moving = false; });
    if (window.ResizeObserver) {
      new ResizeObserver(function () { map.invalidateSize({ animate: false }); }).observe(map.getContainer());
    }
    map.on("popupopen", function (e) {
      var wrap = e.popup.getElement();
      var node = wrap && /** @type {HTMLElement | null} */ (wrap.querySelector(".gs-popup"));
      var active = document.activeElement;
      if (node && active && active.classList.contains("gs-chip")) node.focus();
    });

    player.go(initial, { instant: true, force: true, keepView: true });

    gs.frames = frames.map(function (fr) { return { id: fr.id, title: fr.title, date: fr.date.text }; });
    gs.map = map;
    gs.data = data;
    gs.player = player;
    gs.go = function (/** @type {number} */ i) { return player.step(i); };
    gs.current = function () { return player.current; };
    gs.play = function () { player.play(); };
    gs.stop = function () { player.stop(); };
    gs.playing = function () { return player.playing(); };
    gs.moving = function () { return moving || labels.pending; };
    gs.openFeature = function (/** @type {string} */ id) { if (id in byId) openFeature(byId[id]); };
    gs.visible = function () {
      return items.filter(function (item) { return item.state !== "hidden"; }).map(function (item) { return item.f.id; });
    };
    /* Every drawn arrow head: its movement, whether current, its length in pixels and its screen box. */
    gs.heads = function () {
      /** @type {Array<{id: string, current: boolean, length: number, box: DOMRect | null}>} */
      var out = [];
      items.forEach(function (item) {
        (item.parts || []).forEach(function (part) {
          if (!(part instanceof gs.ArrowHead) || item.state === "hidden") return;
          var head = /** @type {GsArrowHead} */ (/** @type {unknown} */ (part));
          var node = head.getElement && head.getElement();
          out.push({ id: item.f.id, current: item.state === "current", length: head.pixelLength(),
            box: node ? /** @type {Element} */ (node).getBoundingClientRect() : null });
        });
      });
      return out;
    };
    gs.state = function (/** @type {string} */ id) {
      return id in byId ? (items[byId[id]] ? items[byId[id]].state : "hidden") : undefined;
    };
    gs.readyMs = window.performance ? performance.now() : null;
    gs.ready = true;
    document.dispatchEvent(new CustomEvent("geostory:ready"));
  };
})(window.geostory);
