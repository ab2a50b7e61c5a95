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
    for (var i = 1; i < pts.length; i++) total += Math.sqrt(sq(pts[i], pts[i - 1]));
    return total;
  }

  /**
   * @param {L.Point} a
   * @param {L.Point} b
   */
  function sq(a, b) {
    var dx = b.x - a.x, dy = b.y - a.y;
    return dx * dx + dy * dy;
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
      var a = pts[i - 1], b = pts[i], d = Math.sqrt(sq(a, b));
      if (d === 0) continue;
      var from = Math.max(start, at), to = Math.min(end, at + d);
      if (from <= to) {
        if (!out.length) out.push(along(a, b, (from - at) / d));
        out.push(to === at + d ? b : along(a, b, (to - at) / d));
      }
      at += d;
      if (at >= end) break;
    }
    return out.length ? out : [pts[pts.length - 1]];
  }

  /**
   * The point a share ``t`` of the way from a to b.
   * @param {L.Point} a
   * @param {L.Point} b
   * @param {number} t
   */
  function along(a, b, t) {
    return new L.Point(a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t);
  }

  /**
   * The point ``s`` pixels along a polyline (the last point when the line has no length).
   * @param {L.Point[]} pts
   * @param {number} s
   */
  function pointAt(pts, s) {
    var at = 0;
    for (var i = 1; i < pts.length; i++) {
      var a = pts[i - 1], b = pts[i], d = Math.sqrt(sq(a, b));
      if (d === 0) continue;
      if (at + d >= s) return along(a, b, Math.max(0, s - at) / d);
      at += d;
    }
    return pts[pts.length - 1];
  }

  /**
   * Where the head goes for a path projected at the current zoom: the drawn path (without the gaps at
   * both ends) runs from ``start`` to ``end`` pixels along it, and the head is ``length`` long.
   * @param {L.Point[]} pts the whole path, projected
   * @param {GsHead} head
   * @param {GsArrowRule} rule
   */
  function place(pts, head, rule) {
    var total = lengthOf(pts);
    var gap = Math.min(rule.tip_gap, total / 4);
    var drawn = total - 2 * gap;
    // Never under the minimum, even on an arrow drawn shorter than that: the head alone still shows the way.
    var length = Math.max(rule.min, Math.min(head.length, rule.max_share * drawn));
    return { start: gap, end: total - gap, length: length };
  }

  /**
   * ``place`` with the drawn path itself (for tests and measurements).
   * @param {L.Point[]} pts
   * @param {GsHead} head
   * @param {GsArrowRule} rule
   */
  function layout(pts, head, rule) {
    var at = place(pts, head, rule);
    return { path: cut(pts, at.start, at.end), start: at.start, end: at.end, length: at.length };
  }

  /**
   * A movement's path projected at the map's current view, once for all its parts (shaft, casing, head):
   * the parts share one cache, named by the view it was projected in.
   * @param {L.Map} map
   * @param {L.LatLng[]} latlngs
   * @param {GsProjected} cache
   * @returns {L.Point[]}
   */
  function projected(map, latlngs, cache) {
    var origin = map.getPixelOrigin();
    var key = map.getZoom() + " " + origin.x + " " + origin.y;
    if (cache.key !== key) {
      cache.key = key;
      cache.pts = latlngs.map(function (ll) { return map.latLngToLayerPoint(ll); });
    }
    return /** @type {L.Point[]} */ (cache.pts);
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
      var o = this.options;
      var latlngs = /** @type {L.LatLng[]} */ (self._latlngs);
      if (latlngs.length < 2) {
        /** @type {any} */ (L.Polyline.prototype)._project.call(this);
        return;
      }
      var pts = projected(/** @type {L.Map} */ (this._map), latlngs, o.projected);
      var at = place(pts, o.head, o.rule);
      var into = at.length * (1 - o.rule.shaft_into_head);
      self._rings = [cut(pts, at.start, Math.max(at.start, at.end - into))];
      self._rawPxBounds = L.bounds(pts);
      self._updateBounds();
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
      var o = this.options;
      var pts = projected(/** @type {L.Map} */ (this._map), this._gsPath, o.projected);
      var at = place(pts, o.head, o.rule);
      var tip = pointAt(pts, at.end);
      var back = pointAt(pts, at.start + Math.max(0, at.end - at.start - at.length));
      var dx = tip.x - back.x, dy = tip.y - back.y;
      var norm = Math.sqrt(dx * dx + dy * dy) || 1;
      var ux = dx / norm, uy = dy / norm;
      var half = at.length * (o.head.width / o.head.length) / 2;
      var rx = tip.x - ux * at.length, ry = tip.y - uy * at.length;
      var ring = [tip, new L.Point(rx - uy * half, ry + ux * half), new L.Point(rx + uy * half, ry - ux * half)];
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
