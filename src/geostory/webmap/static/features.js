/* geostory story map, 2 of 5: one story feature on the map, as a Leaflet FeatureGroup of its parts.
 *
 * A feature's parts (a dot; a line and its casing; an arrow's shaft, casing and head) are made the first
 * time a frame shows it, and its popup is built only when it opens, so a story of thousands of features
 * does not pay for the ones no frame has reached yet. Every style value comes from the payload's style
 * (styles.json): "earlier" multiplies opacity and width by style.faded, "hidden" takes the feature off
 * the map. Place labels are made only for places in or near the view (see Labels).
 */
(function (gs) {
  "use strict";

  var StoryFeature = L.FeatureGroup.extend(/** @type {ThisType<GsStoryFeature> & Partial<GsStoryFeature>} */ ({
    /**
     * @param {GsFeature} f the feature as the payload gives it
     * @param {GsPayload} data
     * @param {L.LayerGroup} group the layer's group in the layer control, which shows and hides it
     * @param {{renderers: Object<string, L.Renderer>, popup: L.PopupOptions}} options
     */
    initialize: function (f, data, group, options) {
      /** @type {any} */ (L.FeatureGroup.prototype).initialize.call(this, []);
      this.f = f;
      this.data = data;
      this.group = group;
      this.gsOptions = options;
      /** @type {GsState} */
      this.state = "hidden";
      /** @type {GsPart[] | null} */
      this.parts = null;
      /** @type {L.LatLngExpression | null} */
      this.anchor = null;
    },

    /** Make the Leaflet layers of this feature (once, when it is first shown). */
    _build: function () {
      var f = this.f, style = this.data.style, outline = style.outline;
      var st = style.layers[f.layer] || {};
      var pane = "gs-" + f.layer;
      var renderer = this.gsOptions.renderers[pane];
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
        part.on("add", function () { self._classes(part); });
        parts.push(part);
        self.addLayer(part);
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
        this.anchor = f.ll;
      } else if (f.shaft && f.head && f.style) {
        var s = f.style;
        strokes(f.shaft, f.strokes || [], "gs-mv-shaft");
        var hollow = s.head === "hollow";
        add(L.polygon(f.head, { pane: pane, renderer: renderer, color: s.colour,
          weight: hollow ? outline.hollow_head : outline.head, opacity: s.opacity,
          fillColor: hollow ? style.hollow_head_fill : s.colour, fillOpacity: s.opacity,
          className: "gs-mv-head" + (hollow ? " gs-hollow" : "") }), "gs-mv-head");
        this.anchor = f.shaft[Math.floor(f.shaft.length / 2)];
      } else if (f.lines) {
        strokes(f.lines, st.strokes || [], "gs-" + f.layer.slice(0, -1));
        this.anchor = f.lines[0][Math.floor(f.lines[0].length / 2)];
      }
      var data = this.data;
      this.bindPopup(function () { return gs.dom.popupContent(f, data); }, this.gsOptions.popup);
      this.parts = parts;
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
        this.group.removeLayer(this);
        return true;
      }
      if (!this.parts) this._build();
      var faded = this.data.style.faded;
      var fade = state === "earlier" ? faded.opacity : 1;
      var thin = state === "earlier" ? faded.width_factor : 1;
      var self = this;
      (this.parts || []).forEach(function (part) {
        var base = part._gsBase;
        /** @type {L.PathOptions} */
        var change = { opacity: (base.opacity || 0) * fade, weight: (base.weight || 0) * thin };
        if (base.fillOpacity !== undefined) change.fillOpacity = base.fillOpacity * fade;
        part.setStyle(change);
        if (base.radius !== undefined && part instanceof L.CircleMarker) part.setRadius(base.radius * thin);
        self._classes(part);
      });
      var tip = this.label();
      if (tip && tip.getElement()) {
        L.DomUtil[state === "current" ? "addClass" : "removeClass"](/** @type {HTMLElement} */ (tip.getElement()), "gs-focus");
      }
      if (was === "hidden") this.group.addLayer(this);
      return true;
    },

    /** The place's label, when it has one now. */
    label: function () {
      var first = this.parts && this.parts[0];
      return first ? first.getTooltip() : undefined;
    },

    /**
     * Give a place its permanent label, or take it away (places far out of view have none).
     * @param {boolean} on
     */
    setLabel: function (on) {
      var dot = this.parts && this.parts[0];
      if (!dot || this.f.layer !== "places" || on === !!dot.getTooltip()) return;
      if (!on) {
        dot.unbindTooltip();
        return;
      }
      var radius = /** @type {L.CircleMarker} */ (/** @type {unknown} */ (dot)).getRadius();
      dot.bindTooltip(gs.dom.nameNodes(gs.dom.el("span"), this.f.info), { permanent: true, direction: "right",
        offset: [radius + 1, 0], className: "gs-label gs-r" + this.f.rank });
      var tip = dot.getTooltip();
      if (this.state === "current" && tip && tip.getElement()) {
        L.DomUtil.addClass(/** @type {HTMLElement} */ (tip.getElement()), "gs-focus");
      }
    }
  }));

  /**
   * Place labels for the places in and near the view, decluttered: a label that would overlap one already
   * placed is hidden, frame places first, then by rank.
   * @param {L.Map} map
   * @param {GsStoryFeature[]} places every place feature
   */
  function Labels(map, places) {
    this.map = map;
    this.places = places;
  }

  /** Label the shown places in the view (with a margin of half a view), unlabel the others, declutter. */
  Labels.prototype.update = function () {
    var near = this.map.getBounds().pad(0.5);
    /** @type {Array<{node: HTMLElement, rank: number}>} */
    var labels = [];
    this.places.forEach(function (item) {
      var show = item.state !== "hidden" && !!item.anchor && near.contains(item.anchor);
      item.setLabel(show);
      var tip = show ? item.label() : undefined;
      var node = tip && tip.getElement();
      if (node) labels.push({ node: node, rank: item.state === "current" ? 0 : (item.f.rank || 2) });
    });
    labels.sort(function (a, b) { return a.rank - b.rank; });
    labels.forEach(function (label) { label.node.classList.remove("gs-covered"); });
    var boxes = labels.map(function (label) { return label.node.getBoundingClientRect(); });
    /** @type {DOMRect[]} */
    var placed = [];
    labels.forEach(function (label, i) {
      var r = boxes[i];
      var hit = placed.some(function (p) {
        return r.left < p.right + 2 && r.right > p.left - 2 && r.top < p.bottom && r.bottom > p.top;
      });
      if (hit) label.node.classList.add("gs-covered"); else placed.push(r);
    });
  };

  gs.StoryFeature = /** @type {any} */ (StoryFeature);
  gs.Labels = Labels;
})(window.geostory);
