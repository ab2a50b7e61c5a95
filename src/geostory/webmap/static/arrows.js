/* geostory story map, 2 of 7: movement arrows in screen space, as two small Leaflet path classes.
 *
 * An arrow's head is sized in pixels (the legend rule's head length, geostory.legend), not in kilometres,
 * so every movement shows its direction at every zoom and none dominates: at most a share of the arrow's
 * drawn length, never under a minimum. Both classes reproject on every zoom, as Leaflet's own paths do:
 * an ArrowShaft is a polyline cut back in pixels so it ends inside the head (a thick, dashed or ticked
 * line never pokes past the tip), and an ArrowHead is a polygon whose triangle is computed from the
 * projected path. Both stop a few pixels short of the destination, so its dot stays visible.
 *
 * Why not a plugin: leaflet-arrowheads (MIT) sizes heads through geodesic metres at the map's centre, draws
 * them with the shaft's dash pattern and leaves the shaft running to the tip; Leaflet.PolylineDecorator
 * (MIT) places symbols in pixels but was last released in 2017 and does not shorten the shaft either.
 * Both would add 16-48 KB to a page that must stay small; these two classes are about 3 KB.
 */
(function (gs) {
  "use strict";

  /**
   * The length of a polyline in pixels.
   * @param {L.Point[]} pts
   */
  function lengthOf(pts) {
    var total = 0;
    for (var i = 1; i < pts.length; i++) total += pts[i].distanceTo(pts[i - 1]);
    return total;
  }

  /**
   * The part of a polyline from ``start`` to ``end`` pixels along it (0 <= start <= end <= its length).
   * @param {L.Point[]} pts
   * @param {number} start
   * @param {number} end
   * @returns {L.Point[]}
   */
  function cut(pts, start, end) {
    /** @type {L.Point[]} */
    var out = [];
    var at = 0;
    for (var i = 1; i < pts.length; i++) {
      var a = pts[i - 1], b = pts[i], d = a.distanceTo(b);
      if (d === 0) continue;
      var from = Math.max(start, at), to = Math.min(end, at + d);
      if (from <= to) {
        if (!out.length) out.push(a.add(b.subtract(a).multiplyBy((from - at) / d)));
        out.push(a.add(b.subtract(a).multiplyBy((to - at) / d)));
      }
      at += d;
      if (at >= end) break;
    }
    return out.length ? out : [pts[pts.length - 1]];
  }

  /**
   * Where the head goes for a path projected at the current zoom: the drawn path (without the gaps at
   * both ends), the head's length and its base point.
   * @param {L.Point[]} pts the whole path, projected
   * @param {GsHead} head
   * @param {GsArrowRule} rule
   */
  function layout(pts, head, rule) {
    var total = lengthOf(pts);
    var gap = Math.min(rule.tip_gap, total / 4);
    var drawn = total - 2 * gap;
    // Never under the minimum, even on an arrow drawn shorter than that: the head alone still shows the way.
    var length = Math.max(rule.min, Math.min(head.length, rule.max_share * drawn));
    return { path: cut(pts, gap, total - gap), start: gap, end: total - gap, length: length };
  }

  /** A movement's shaft (or its casing, core or ticks): the path, cut back in pixels to inside its head. */
  var ArrowShaft = L.Polyline.extend(/** @type {ThisType<GsArrowShaft> & Partial<GsArrowShaft>} */ ({
    /**
     * @param {L.LatLngExpression[]} path
     * @param {GsArrowShaftOptions} options
     */
    initialize: function (path, options) {
      /** @type {any} */ (L.Polyline.prototype).initialize.call(this, path, options);
    },

    /** @param {GsHead} head the head this shaft runs into (current or earlier size) */
    setHead: function (head) {
      this.options.head = head;
      if (this._map) this.redraw();
      return this;
    },

    _project: function () {
      var self = /** @type {any} */ (this);
      /** @type {any} */ (L.Polyline.prototype)._project.call(this);
      var rings = /** @type {L.Point[][]} */ (self._rings);
      var o = this.options;
      if (!rings.length || rings[0].length < 2) return;
      var at = layout(rings[0], o.head, o.rule);
      var into = at.length * (1 - o.rule.shaft_into_head);
      rings[0] = cut(rings[0], at.start, Math.max(at.start, at.end - into));
    }
  }));

  /** A movement's head: a triangle in pixels at the end of the path, pointing along its last stretch. */
  var ArrowHead = L.Polygon.extend(/** @type {ThisType<GsArrowHead> & Partial<GsArrowHead>} */ ({
    /**
     * @param {L.LatLngExpression[]} path the movement's whole path (the head is computed from it)
     * @param {GsArrowHeadOptions} options
     */
    initialize: function (path, options) {
      /** @type {any} */ (L.Polygon.prototype).initialize.call(this, path, options);
      this._gsPath = path.map(function (ll) { return L.latLng(ll); });
    },

    /** @param {GsHead} head */
    setHead: function (head) {
      this.options.head = head;
      if (this._map) this.redraw();
      return this;
    },

    /** The head's length in pixels at the current zoom (for tests and measurements). */
    pixelLength: function () { return this._gsLength || 0; },

    _project: function () {
      var self = /** @type {any} */ (this);
      var map = this._map, o = this.options;
      var pts = this._gsPath.map(function (ll) { return map.latLngToLayerPoint(ll); });
      var at = layout(pts, o.head, o.rule);
      var drawn = at.path;
      var tip = drawn[drawn.length - 1];
      var base = cut(drawn, 0, Math.max(0, lengthOf(drawn) - at.length));
      var back = base[base.length - 1];
      var dir = tip.subtract(back);
      var norm = dir.distanceTo(L.point(0, 0)) || 1;
      var ux = dir.x / norm, uy = dir.y / norm;
      var half = at.length * (o.head.width / o.head.length) / 2;
      var root = tip.subtract(L.point(ux * at.length, uy * at.length));
      var ring = [tip, root.add(L.point(-uy * half, ux * half)), root.add(L.point(uy * half, -ux * half))];
      this._gsLength = at.length;
      self._rings = [ring];
      self._rawPxBounds = L.bounds(ring);
      self._updateBounds();
    }
  }));

  gs.ArrowShaft = /** @type {any} */ (ArrowShaft);
  gs.ArrowHead = /** @type {any} */ (ArrowHead);
  gs.arrowLayout = layout;
})(window.geostory);
