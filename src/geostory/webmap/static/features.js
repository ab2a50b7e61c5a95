/* geostory story map, 3 of 7: one story feature on the map, as its parts in its layer's group.
 *
 * A feature's parts (a dot; a line and its casing; an arrow's shaft, casing and head) are made the first
 * time a frame shows it, and its popup is built only when it opens, so a story of thousands of features
 * does not pay for the ones no frame has reached yet. The parts go straight into the layer's group (the
 * layer control's), which hears their clicks: no Leaflet group per feature, whose adding and removing cost
 * a step as much again as its parts. Every style value comes from the payload's style (styles.json):
 * "earlier" multiplies opacity and width by style.faded, "hidden" takes the feature off the map. Place
 * labels are made only for places in or near the view (see Labels).
 */
(function (gs) {
  "use strict";

  var StoryFeature = L.Class.extend(/** @type {ThisType<GsStoryFeature> & Partial<GsStoryFeature>} */ ({
    /**
     * @param {GsFeature} f the feature as the payload gives it
     * @param {GsPayload} data
     * @param {L.FeatureGroup} group the layer's group in the layer control, which shows and hides it
     * @param {{renderers: Object<string, L.Renderer>, popup: L.PopupOptions}} options
     */
    initialize: function (f, data, group, options) {
      this.f = f;
      this.data = data;
      this.group = group;
      this.gsOptions = options;
      /** @type {GsState} */
      this.state = "hidden";
      /** @type {GsPart[] | null} */
      this.parts = null;
      /** @type {L.LatLng | null} */
      this.anchor = null;
      /** @type {GsLabel | null} */
      this._label = null;
      /** @type {L.Popup | null} */
      this._popup = null;
      this.shown = false;
    },

    /** Make the Leaflet layers of this feature (once, when it is first shown). */
    _build: function () {
      var f = this.f, style = this.data.style, outline = style.outline;
      var st = style.layers[f.layer] || {};
      var pane = "gs-" + f.layer;
      var renderer = this.gsOptions.renderers[pane];
      var canvas = renderer instanceof L.Canvas;
      /** @type {GsPart[]} */
      var parts = [];
      var self = this;
      /**
       * @param {L.Path} layer
       * @param {string} className
       */
      function add(layer, className) {
        var part = /** @type {GsPart} */ (layer);
        var o = /** @type {L.CircleMarkerOptions} */ (layer.options);
        part._gsBase = { opacity: o.opacity, fillOpacity: o.fillOpacity, weight: o.weight, radius: o.radius };
        part._gsClass = className;
        part._gsItem = self;
        // A part credits nothing: with this unset, Leaflet's attribution control would listen for the
        // removal of each part it sees added.
        /** @type {any} */ (part).getAttribution = null;
        // SVG elements carry the state as classes, set again whenever the layer control re-adds the layer;
        // the canvas draws no elements, and needs no handler.
        if (!canvas) part.on("add", function () { self._classes(part); });
        parts.push(part);
      }
      /**
       * The legend rule's strokes (core.legend), bottom first: casing, the line, its core or ticks.
       * @param {L.LatLngExpression[] | L.LatLngExpression[][]} lines
       * @param {GsStroke[]} stack
       * @param {string} className the class of the line itself
       */
      function strokes(lines, stack, className) {
        stack.forEach(function (s) {
          var name = s.role === "line" ? className : "gs-" + s.role;
          add(L.polyline(lines, { pane: pane, renderer: renderer, color: s.colour, weight: s.width,
            opacity: s.opacity, dashArray: s.dash || undefined, lineCap: s.cap, lineJoin: "round",
            className: name }), name);
        });
      }
      if (f.ll) {
        var radius = f.layer === "places" ? st.radius[(f.rank || 2) - 1] : st.radius;
        var kind = "gs-" + f.layer.slice(0, -1);
        add(L.circleMarker(f.ll, { pane: pane, renderer: renderer, radius: radius, color: st.colour,
          weight: outline.point, opacity: 1, fillColor: st.fill, fillOpacity: 1, className: kind }), kind);
        this.anchor = L.latLng(f.ll);
      } else if (f.path && f.head) {
        // An arrow in screen space (arrows.js): shaft strokes cut back into a head sized in pixels.
        // One conversion and one projection of the path for all the arrow's parts; a few dozen vertices
        // need no simplifying on the way to the screen (smoothFactor 0).
        var h = f.head, rule = style.arrow, shared = /** @type {GsProjected} */ ({ key: null, pts: null });
        var path = f.path.map(function (ll) { return L.latLng(ll); });
        (f.strokes || []).forEach(function (s) {
          var name = s.role === "line" ? "gs-mv-shaft" : "gs-" + s.role;
          add(new gs.ArrowShaft(path, { pane: pane, renderer: renderer, smoothFactor: 0,
            color: s.colour, weight: s.width, opacity: s.opacity, dashArray: s.dash || undefined,
            lineCap: s.cap, lineJoin: "round", className: name, head: h, rule: rule, projected: shared }), name);
        });
        var hollow = h.style === "hollow";
        add(new gs.ArrowHead(path, { pane: pane, renderer: renderer,
          color: h.colour, weight: h.outline, opacity: h.opacity, fillColor: h.fill, fillOpacity: h.opacity,
          lineJoin: "miter", className: "gs-mv-head" + (hollow ? " gs-hollow" : ""), head: h, rule: rule,
          projected: shared }),
          "gs-mv-head");
        this.anchor = path[Math.floor(path.length / 2)];
      } else if (f.lines) {
        strokes(f.lines, st.strokes || [], "gs-" + f.layer.slice(0, -1));
        this.anchor = L.latLng(f.lines[0][Math.floor(f.lines[0].length / 2)]);
      }
      this.parts = parts;
    },

    /**
     * Open the feature's popup at ``latlng`` (made the first time); nothing while its layer is switched off.
     * @param {L.LatLngExpression} latlng
     */
    openPopup: function (latlng) {
      var map = /** @type {L.Map | undefined} */ (/** @type {any} */ (this.group)._map);
      if (!map || !this.shown) return;
      if (!this._popup) {
        var f = this.f, data = this.data;
        this._popup = L.popup(this.gsOptions.popup).setContent(function () { return gs.dom.popupContent(f, data); });
      }
      this._popup.setLatLng(latlng).openOn(map);
    },

    /** Put the parts (and the label) in the layer's group, or take them out. @param {boolean} on */
    _show: function (on) {
      var group = this.group;
      /** @type {L.Layer[]} */
      var layers = (this.parts || []).slice();
      if (this._label) layers.push(this._label);
      layers.forEach(function (layer) { if (on) group.addLayer(layer); else group.removeLayer(layer); });
      this.shown = on;
    },

    /**
     * The SVG element's classes say the part and the state (tests and print CSS read them); the canvas
     * renderer has no elements, and nothing to set.
     * @param {GsPart} part
     */
    _classes: function (part) {
      var node = part.getElement && part.getElement();
      if (!node) return;
      node.setAttribute("class", "leaflet-interactive " + part._gsClass + " gs-" + this.state);
      node.setAttribute("data-id", this.f.id);
    },

    /**
     * Show the feature as current, earlier or context, or hide it; false when nothing changed.
     * @param {GsState} state
     */
    setState: function (state) {
      if (state === this.state) return false;
      var was = this.state;
      this.state = state;
      if (state === "hidden") {
        this._show(false);
        return true;
      }
      // Parts are made with their base style: a new part shown as current or context needs no restyling.
      var fresh = !this.parts;
      if (fresh) this._build();
      var moved = this._setPane(state);
      var faded = this.data.style.faded;
      var fade = state === "earlier" ? faded.opacity : 1;
      var thin = state === "earlier" ? faded.width_factor : 1;
      var self = this;
      if (!(fresh && state !== "earlier")) (this.parts || []).forEach(function (part) {
        var base = part._gsBase;
        /** @type {L.PathOptions} */
        var change = { opacity: (base.opacity || 0) * fade, weight: (base.weight || 0) * thin };
        if (base.fillOpacity !== undefined) change.fillOpacity = base.fillOpacity * fade;
        part.setStyle(change);
        if (base.radius !== undefined && part instanceof L.CircleMarker) part.setRadius(base.radius * thin);
        var arrow = /** @type {GsArrowPart} */ (/** @type {unknown} */ (part));
        if (arrow.setHead && self.f.head) arrow.setHead(state === "earlier" && self.f.head_earlier ? self.f.head_earlier : self.f.head);
        self._classes(part);
      });
      else (this.parts || []).forEach(function (part) { self._classes(part); });
      var node = this._label && this._label.getElement();
      if (node) L.DomUtil[state === "current" ? "addClass" : "removeClass"](node, "gs-focus");
      if (was === "hidden" || moved) this._show(true);
      return true;
    },

    /**
     * Put the parts in the pane for ``state``: a layer listed in style.current_above draws its current
     * features above every other layer (the frame's movements over places and events), its others in
     * draw_order. A part changes pane only off the map, so the feature leaves its group first; true then.
     * @param {GsState} state
     */
    _setPane: function (state) {
      var above = this.data.style.current_above.indexOf(this.f.layer) >= 0;
      var pane = "gs-" + this.f.layer + (above && state === "current" ? "-current" : "");
      /** @type {GsPart[]} */
      var parts = this.parts || [];
      if (!parts.length || parts[0].options.pane === pane) return false;
      if (this.shown) this._show(false);
      var renderer = this.gsOptions.renderers[pane];
      parts.forEach(function (part) {
        part.options.pane = pane;
        part.options.renderer = renderer;
      });
      return true;
    },

    /** How far right of the place's point its label starts, in pixels: the dot's radius and a pixel. */
    labelDx: function () {
      var st = this.data.style.layers.places || {};
      var radii = st.radius || [];
      return (radii[(this.f.rank || 2) - 1] || 0) + 1;
    },

    /** The place's label, when it has one now. */
    label: function () {
      return this._label || undefined;
    },

    /**
     * Give a place its label, or take it away (places far out of view have none).
     * @param {boolean} on
     */
    setLabel: function (on) {
      var dot = this.parts && this.parts[0];
      if (!dot || this.f.layer !== "places" || on === !!this._label) return;
      if (!on) {
        this.group.removeLayer(/** @type {GsLabel} */ (this._label));
        this._label = null;
        return;
      }
      var className = "gs-r" + this.f.rank + (this.state === "current" ? " gs-focus" : "");
      this._label = new gs.Label(/** @type {L.LatLngExpression} */ (this.anchor),
        gs.dom.nameNodes(gs.dom.el("span"), this.f.info), className, this.labelDx());
      if (this.shown) this.group.addLayer(/** @type {GsLabel} */ (this._label));
    }
  }));

  /**
   * A place's name beside its dot: a Leaflet layer that is placed by writing its position only, never by
   * measuring itself (as L.Tooltip does each time the map moves), so a flight over many labels stays smooth.
   * It has L.Tooltip's classes, so the page's styles apply.
   */
  var Label = L.Layer.extend(/** @type {ThisType<GsLabel> & Partial<GsLabel>} */ ({
    options: { pane: "tooltipPane" },

    /**
     * @param {L.LatLngExpression} latlng
     * @param {HTMLElement} content
     * @param {string} className
     * @param {number} dx pixels right of the point
     */
    initialize: function (latlng, content, className, dx) {
      this._latlng = L.latLng(latlng);
      this._content = content;
      this._className = className;
      this._dx = dx;
    },

    /** @param {L.Map} map */
    onAdd: function (map) {
      var animated = /** @type {any} */ (map)._zoomAnimated;
      var node = L.DomUtil.create("div", "leaflet-tooltip leaflet-tooltip-right gs-label " + this._className +
        (animated ? " leaflet-zoom-animated" : ""), this.getPane());
      // centred on the point by its own height, without reading it
      this._content.style.display = "block";
      this._content.style.transform = "translateY(-50%)";
      node.appendChild(this._content);
      this._node = node;
      this._host = map;
      this._place(map.latLngToLayerPoint(this._latlng));
      return this;
    },

    onRemove: function () {
      if (this._node) L.DomUtil.remove(this._node);
      this._node = null;
      this._host = null;
      return this;
    },

    getEvents: function () {
      /** @type {Object<string, L.LeafletEventHandlerFn>} */
      var events = { zoom: this._update, viewreset: this._update };
      if (/** @type {any} */ (this)._zoomAnimated) events.zoomanim = /** @type {any} */ (this._animateZoom);
      return events;
    },

    getElement: function () { return this._node || undefined; },

    _update: function () {
      if (this._host) this._place(this._host.latLngToLayerPoint(this._latlng));
    },

    /** @param {L.ZoomAnimEvent} e */
    _animateZoom: function (e) {
      this._place(/** @type {any} */ (this._host)._latLngToNewLayerPoint(this._latlng, e.zoom, e.center));
    },

    /** @param {L.Point} point */
    _place: function (point) {
      if (!this._node) return;
      var at = point.round();
      this._node.style.left = (at.x + this._dx) + "px";
      this._node.style.top = at.y + "px";
    }
  }));

  /**
   * Place labels for the places in and near the view, decluttered: a label that would overlap one already
   * placed is left out, frame places first, then by rank. Labels are sized by the canvas's text metrics
   * in the page's label fonts, so deciding which to show lays out nothing, and only the labels shown are
   * made: a view over thousands of places costs the few hundred that fit.
   */
  var CELL = 64;  // pixels: the declutter's grid

  var Labels = L.Class.extend(/** @type {ThisType<GsLabels> & Partial<GsLabels>} */ ({
    /**
     * @param {L.Map} map
     * @param {GsStoryFeature[]} places the place features made so far (story.js adds each as it is made)
     */
    initialize: function (map, places) {
      this.map = map;
      this.places = places;
      this.pending = false;
      /** @type {GsMeasure | null} */
      this._measure = null;
    },

    /** Update at the next animation frame (once, however often asked): a step need not wait for it. */
    schedule: function () {
      if (this.pending) return;
      this.pending = true;
      var self = this;
      requestAnimationFrame(function () { self.update(); });
    },

    /** Label the shown places in the view (with a margin of half a view), unlabel the others, declutter. */
    update: function () {
      this.pending = false;
      var map = this.map, near = map.getBounds().pad(0.5), measure = this._metrics();
      var zoom = map.getZoom(), shift = map.layerPointToContainerPoint(L.point(0, 0)).subtract(map.getPixelOrigin());
      /** @type {GsStoryFeature[]} */
      var candidates = [];
      this.places.forEach(function (item) {
        if (item.state !== "hidden" && item.anchor && near.contains(item.anchor)) candidates.push(item);
        else item.setLabel(false);
      });
      /** @param {GsStoryFeature} item */
      var rank = function (item) { return item.state === "current" ? 0 : (item.f.rank || 2); };
      candidates.sort(function (a, b) { return rank(a) - rank(b) || a.k - b.k; });  // file order among equals
      // Placed labels by the CELL-pixel cells they cover, so a candidate is checked only against its neighbours.
      /** @type {Object<string, Array<{left: number, right: number, top: number, bottom: number}>>} */
      var grid = {};
      /**
       * @param {{left: number, right: number, top: number, bottom: number}} r
       * @param {boolean} add put r in the cells it covers, rather than look for a label there
       */
      var cells = function (r, add) {
        for (var gx = Math.floor((r.left - 2) / CELL); gx <= Math.floor((r.right + 2) / CELL); gx++) {
          for (var gy = Math.floor(r.top / CELL); gy <= Math.floor(r.bottom / CELL); gy++) {
            var key = gx + " " + gy, here = grid[key];
            if (add) {
              (here || (grid[key] = [])).push(r);
            } else if (here && here.some(function (q) {
              return r.left < q.right + 2 && r.right > q.left - 2 && r.top < q.bottom && r.bottom > q.top;
            })) {
              return true;
            }
          }
        }
        return false;
      };
      /** @param {{left: number, right: number, top: number, bottom: number}} r */
      var hits = function (r) { return cells(r, false); };
      candidates.forEach(function (item) {
        // map.latLngToContainerPoint, with the projection kept per zoom: thousands of places, each update
        var px = item._gsPx;
        if (!px || px.zoom !== zoom) {
          var q = map.project(/** @type {L.LatLng} */ (item.anchor), zoom);
          px = item._gsPx = { zoom: zoom, x: Math.round(q.x), y: Math.round(q.y) };
        }
        var x = px.x + shift.x, y = px.y + shift.y;
        var left = x + item.labelDx(), half = measure.height(item.f.rank || 2) / 2;
        var r = { left: left, right: left, top: y - half, bottom: y + half };
        // A label whose first pixel already overlaps one placed is left out, whatever its width: most of a
        // crowded view's places, which then cost no text measuring.
        var hit = hits(r);
        if (!hit) {
          var size = item.labelSize || (item.labelSize = measure(item.f.info, item.f.rank || 2));
          r.right = left + size[0];
          hit = hits(r);
        }
        item.setLabel(!hit);
        if (!hit) cells(r, true);
      });
    },

    /** The label metrics of the page (labelMetrics). */
    _metrics: function () {
      return this._measure || (this._measure = labelMetrics(this.map));
    }
  }));

  /** @type {GsMeasure | null} */
  var metricsMade = null;

  /**
   * A function giving a label's [width, height] in pixels, from the fonts the page's styles give labels,
   * read once from probes; ``height``: a rank's label height alone; ``box``: the label's size as laid out
   * (its element's width and height), for the frame's view (view.js), without laying out the label.
   * @param {L.Map} map
   * @returns {GsMeasure}
   */
  function labelMetrics(map) {
    if (metricsMade) return metricsMade;
    var pane = /** @type {HTMLElement} */ (map.getPane("tooltipPane"));
    var ctx = /** @type {CanvasRenderingContext2D} */ (document.createElement("canvas").getContext("2d"));
    /** @param {CSSStyleDeclaration} s */
    var font = function (s) { return [s.fontStyle, s.fontWeight, s.fontSize, s.fontFamily].join(" "); };
    /** @type {Object<number, {en: string, zh: string, gap: number, height: number, padX: number, boxEn: number, boxBoth: number}>} */
    var fonts = {};
    [1, 2, 3].forEach(function (rank) {
      var probe = L.DomUtil.create("div", "leaflet-tooltip leaflet-tooltip-right gs-label gs-r" + rank, pane);
      probe.style.visibility = "hidden";
      var en = L.DomUtil.create("span", "gs-en", probe);
      var zh = L.DomUtil.create("span", "gs-zh", probe);
      var box = getComputedStyle(probe), zs = getComputedStyle(zh);
      fonts[rank] = { en: font(getComputedStyle(en)), zh: font(zs), gap: parseFloat(zs.marginLeft) || 0,
        height: parseFloat(box.lineHeight) || 1.2 * parseFloat(box.fontSize), boxEn: 0, boxBoth: 0,
        padX: (parseFloat(box.paddingLeft) || 0) + (parseFloat(box.paddingRight) || 0) +
          (parseFloat(box.borderLeftWidth) || 0) + (parseFloat(box.borderRightWidth) || 0) };
      L.DomUtil.remove(probe);
    });
    /**
     * A label's laid-out height, from one probe per rank and script (laid out once; the Chinese one only
     * for a story with Chinese names, whose font the browser must then find).
     * @param {number} rank
     * @param {boolean} both
     */
    function boxHeight(rank, both) {
      var f = fonts[rank] || fonts[2];
      var key = /** @type {"boxBoth" | "boxEn"} */ (both ? "boxBoth" : "boxEn");
      if (!f[key]) {
        var probe = L.DomUtil.create("div", "leaflet-tooltip leaflet-tooltip-right gs-label gs-r" + rank, pane);
        probe.style.visibility = "hidden";
        L.DomUtil.create("span", "gs-en", probe).textContent = "Hg";
        if (both) {
          var zh = L.DomUtil.create("span", "gs-zh", probe);
          zh.lang = "zh-Hans";
          zh.textContent = "\u54c8";
        }
        f[key] = probe.offsetHeight;
        L.DomUtil.remove(probe);
      }
      return f[key];
    }
    /** @type {GsMeasure} */
    var measure = /** @type {any} */ (function (/** @type {GsInfo} */ info, /** @type {number} */ rank) {
      var f = fonts[rank] || fonts[2];
      ctx.font = f.en;
      var width = ctx.measureText(info.en).width;
      if (info.zh) {
        ctx.font = f.zh;
        width += f.gap + ctx.measureText(info.zh).width;
      }
      return [Math.ceil(width), f.height];
    });
    measure.height = function (rank) { return (fonts[rank] || fonts[2]).height; };
    measure.box = function (info, rank) {
      var f = fonts[rank] || fonts[2];
      return { w: measure(info, rank)[0] + f.padX, h: boxHeight(rank, !!info.zh) };
    };
    metricsMade = measure;
    return measure;
  }

  gs.StoryFeature = /** @type {any} */ (StoryFeature);
  gs.Labels = /** @type {any} */ (Labels);
  gs.Label = /** @type {any} */ (Label);
  gs.labelMetrics = labelMetrics;
})(window.geostory);
