/* geostory story map, 6 of 7: where a frame's view goes, clear of the map's controls.
 *
 * A frame's bounds (geostory.derived) say what it is about; on screen its labels, dots and arrow heads are
 * sized in pixels and the controls (zoom, layers, the open legend, scale, attribution) cover parts of the
 * map. frameView finds the closest zoom at which the bounds and every current place label, event dot and
 * arrow head of the frame fit in the part of the map no control covers, and centres them there.
 */
(function (gs) {
  "use strict";

  var MARGIN = 12;  // pixels between what the frame shows and a control or the map's edge
  var LABEL_GAP = 6;  // leaflet.css .leaflet-tooltip-right margin

  /**
   * The map's padding for its visible controls: each control pads the side that costs less of the map
   * (a tall legend pads the right, a wide attribution the bottom). Measured once and kept until
   * resetPadding, so a step reads no layout.
   * @param {L.Map} map
   * @returns {{left: number, top: number, right: number, bottom: number}}
   */
  function controlPadding(map) {
    if (padCache) return padCache;
    var box = map.getContainer().getBoundingClientRect();
    var pad = { left: MARGIN, top: MARGIN, right: MARGIN, bottom: MARGIN };
    var controls = map.getContainer().querySelectorAll(".leaflet-control");
    for (var i = 0; i < controls.length; i++) {
      var r = controls[i].getBoundingClientRect();
      if (!r.width || !r.height) continue;
      var left = r.left - box.left, right = box.right - r.right, top = r.top - box.top, bottom = box.bottom - r.bottom;
      var sideX = /** @type {"left" | "right"} */ (left < right ? "left" : "right");
      var sideY = /** @type {"top" | "bottom"} */ (top < bottom ? "top" : "bottom");
      var depthX = (sideX === "left" ? r.right - box.left : box.right - r.left) + MARGIN;
      var depthY = (sideY === "top" ? r.bottom - box.top : box.bottom - r.top) + MARGIN;
      if (depthX / box.width <= depthY / box.height) {
        pad[sideX] = Math.max(pad[sideX], depthX);
      } else {
        pad[sideY] = Math.max(pad[sideY], depthY);
      }
    }
    padCache = pad;
    return pad;
  }

  /** @type {{left: number, top: number, right: number, bottom: number} | null} */
  var padCache = null;
  /** Forget the controls' padding: the legend opened or closed, the window or the print page resized. */
  function resetPadding() { padCache = null; }

  /**
   * A box in pixels around a point, drawn at that point whatever the zoom (a label, a dot, a head).
   * @typedef {{ll: L.LatLng, x0: number, y0: number, x1: number, y1: number}} GsScreenBox
   */

  /** @type {Object<string, {w: number, h: number}>} */
  var labelSizes = {};

  /**
   * A place label's size, from the label fonts' text metrics (features.js labelMetrics): measuring an
   * element here would make the browser lay out the step's new shapes first.
   * @param {L.Map} map
   * @param {GsFeature} f
   */
  function labelSize(map, f) {
    return labelSizes[f.id] || (labelSizes[f.id] = gs.labelMetrics(map).box(f.info, f.rank || 2));
  }

  /**
   * What the frame shows in pixels: its places' dots and labels, its events' dots, its arrows' heads,
   * those inside ``area`` (the frame's bounds unless given): a frame's own feature far outside its view does
   * not pull the view away.
   * @param {L.Map} map
   * @param {GsPayload} data
   * @param {GsFrame} fr
   * @param {L.LatLngBounds} [area]
   * @returns {GsScreenBox[]}
   */
  function screenBoxes(map, data, fr, area) {
    var bounds = area || L.latLngBounds(fr.bounds);
    /** @type {GsScreenBox[]} */
    var out = [];
    fr.current.forEach(function (k) {
      var f = data.features[k];
      var st = data.style.layers[f.layer] || {};
      if (f.ll) {
        var ll = L.latLng(f.ll);
        if (!bounds.contains(ll)) return;
        var r = (f.layer === "places" ? st.radius[(f.rank || 2) - 1] : st.radius) + 2;
        out.push({ ll: ll, x0: -r, y0: -r, x1: r, y1: r });
        if (f.layer === "places") {
          var size = labelSize(map, f);
          out.push({ ll: ll, x0: r + LABEL_GAP, y0: -size.h / 2, x1: r + LABEL_GAP + size.w, y1: size.h / 2 });
        }
      } else if (f.path && f.head) {
        var tip = L.latLng(f.path[f.path.length - 1]);
        var h = f.head.length + 2;
        if (bounds.contains(tip)) out.push({ ll: tip, x0: -h, y0: -h, x1: h, y1: h });
      }
    });
    return out;
  }

  /**
   * The centre and zoom that show the frame's bounds and screen boxes in the map's free area.
   * @param {L.Map} map
   * @param {GsPayload} data
   * @param {GsFrame} fr
   * @param {number} maxZoom
   * @returns {{center: L.LatLng, zoom: number}}
   */
  function frameView(map, data, fr, maxZoom) {
    var size = map.getSize(), pad = controlPadding(map);
    var freeW = Math.max(40, size.x - pad.left - pad.right), freeH = Math.max(40, size.y - pad.top - pad.bottom);
    var bounds = L.latLngBounds(fr.bounds);
    var snap = map.options.zoomSnap || 1;
    var start = Math.min(maxZoom, map.getBoundsZoom(bounds, false, L.point(size.x - freeW, size.y - freeH)));
    // Shift from the free area's centre to the map's: half the difference of the paddings.
    var shift = L.point((pad.right - pad.left) / 2, (pad.bottom - pad.top) / 2);

    /** @param {GsScreenBox[]} boxes */
    function place(boxes) {
      var zoom = start;
      /** @type {L.Bounds} */
      var union = L.bounds([0, 0], [0, 0]);
      for (var tries = 0; tries < 40; tries++) {
        union = L.bounds(map.project(bounds.getNorthWest(), zoom), map.project(bounds.getSouthEast(), zoom));
        boxes.forEach(function (s) {
          var p = map.project(s.ll, zoom);
          union.extend(L.point(p.x + s.x0, p.y + s.y0));
          union.extend(L.point(p.x + s.x1, p.y + s.y1));
        });
        var span = union.getSize();
        if ((span.x <= freeW && span.y <= freeH) || zoom <= map.getMinZoom()) break;
        zoom = Math.max(map.getMinZoom(), zoom - snap);
      }
      var centre = union.getCenter().add(shift);
      // What the whole map shows at that view, for the second pass.
      var seen = L.latLngBounds(map.unproject(centre.subtract(size.divideBy(2)), zoom),
                                map.unproject(centre.add(size.divideBy(2)), zoom));
      return { center: map.unproject(centre, zoom), zoom: zoom, seen: seen };
    }

    var view = place(screenBoxes(map, data, fr));
    // The frame's own features outside its bounds that this view still shows must be clear too.
    var again = place(screenBoxes(map, data, fr, view.seen));
    return { center: again.center, zoom: again.zoom };
  }

  gs.controlPadding = controlPadding;
  gs.resetPadding = resetPadding;
  gs.frameView = frameView;
})(window.geostory);
