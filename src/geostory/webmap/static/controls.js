/* geostory story map, 4 of 7: the legend and the story panel as Leaflet controls.
 *
 * Both wrap markup the page already has (rendered and escaped by the Python templates). The legend sits in
 * a corner of the map; the panel stays beside the map, where the page's layout puts it.
 */
(function (gs) {
  "use strict";

  var dom = gs.dom;

  /** The map key: the page's <details class="gs-legend">, in a corner of the map, closed on small screens. */
  var Legend = L.Control.extend(/** @type {ThisType<GsLegend> & Partial<GsLegend>} */ ({
    /**
     * @param {HTMLElement} node
     * @param {L.ControlOptions} [options]
     */
    initialize: function (node, options) {
      L.setOptions(this, options);
      this.node = node;
    },

    onAdd: function () {
      L.DomEvent.disableClickPropagation(this.node);
      L.DomEvent.disableScrollPropagation(this.node);
      if (window.matchMedia && window.matchMedia("(max-width: 1000px), (max-height: 700px)").matches) {
        /** @type {HTMLDetailsElement} */ (this.node).open = false;
      }
      return this.node;
    }
  }));

  /**
   * The story panel: the frame's date, title, narrative, features, corrections and sources, and the
   * controls that step the player. It listens to the player's "frame" and "play" events.
   */
  var Panel = L.Control.extend(/** @type {ThisType<GsPanel> & Partial<GsPanel>} */ ({
    /**
     * @param {GsPlayer} player
     * @param {GsPayload} data
     * @param {(k: number) => void} openFeature opens a feature's popup, by index
     */
    initialize: function (player, data, openFeature) {
      this.player = player;
      this.data = data;
      this.openFeature = openFeature;
    },

    /**
     * The panel is beside the map in the page's layout, not in one of its corners: adding it wires it up
     * and leaves the markup where it is.
     * @param {L.Map} map
     */
    addTo: function (map) {
      this._map = map;
      this._container = this.onAdd(map);
      return this;
    },

    /** @param {L.Map} map */
    onAdd: function (map) {
      /** @param {string} id */
      var $ = function (id) { return /** @type {HTMLElement} */ (document.getElementById(id)); };
      var player = this.player;
      var panel = $("gs-panel");
      var slider = /** @type {HTMLInputElement} */ ($("gs-slider"));
      var toggle = $("gs-toggle");
      var play = $("gs-play");
      this.nodes = { count: $("gs-count"), date: $("gs-date"), title: $("gs-frame-title"),
        narrative: $("gs-narrative"), onmap: $("gs-onmap"), corrections: $("gs-corrections"),
        sources: $("gs-sources"), prev: $("gs-prev"), next: $("gs-next"), slider: slider };
      $("gs-prev").addEventListener("click", function () { player.step(player.current - 1); });
      $("gs-next").addEventListener("click", function () { player.step(player.current + 1); });
      play.addEventListener("click", function () { if (player.playing()) player.stop(); else player.play(); });
      var speed = /** @type {HTMLSelectElement | null} */ (document.getElementById("gs-speed"));
      if (speed) {
        var chosen = speed;
        gs.autoplayMs = Number(chosen.value);
        chosen.addEventListener("change", function () {
          gs.autoplayMs = Number(chosen.value);
          if (player.playing()) player.play();  // the next step at the new pace
        });
      }
      slider.addEventListener("input", function () {
        player.stop();
        player.go(player.frameAt(Number(slider.value)), { fromSlider: true });
      });
      slider.addEventListener("change", function () { slider.value = String(player.frames[player.current].at); });
      slider.addEventListener("keydown", function (e) {
        var delta = /** @type {Object<string, number>} */ ({ ArrowRight: 1, ArrowUp: 1, ArrowLeft: -1, ArrowDown: -1 })[e.key];
        if (delta === undefined || e.altKey || e.ctrlKey || e.metaKey) return;
        e.preventDefault();
        player.step(player.current + delta);
      });
      toggle.addEventListener("click", function () {
        var collapsed = panel.classList.toggle("gs-collapsed");
        toggle.setAttribute("aria-expanded", String(!collapsed));
        toggle.textContent = collapsed ? dom.t("show_text") : dom.t("hide_text");
        map.invalidateSize({ animate: false });
      });
      player.on("play", function (event) {
        var e = /** @type {L.LeafletEvent & {playing: boolean}} */ (event);
        play.textContent = e.playing ? dom.t("pause") : dom.t("play");
        play.setAttribute("aria-pressed", String(e.playing));
        panel.classList.toggle("gs-playing", e.playing);
      });
      player.on("frame", /** @type {L.LeafletEventHandlerFn} */ (this._render), this);
      return panel;
    },

    /**
     * A small key before a chip's name, in the feature's own colours.
     * @param {GsFeature} f
     */
    _chipKey: function (f) {
      var key = dom.el("span", "gs-chip-key");
      var st = this.data.style.layers[f.layer] || {};
      key.style.background = f.style ? f.style.colour : (st.fill || st.colour || "");
      if (st.fill) key.style.borderColor = st.colour;
      return key;
    },

    /** @param {GsFrameEvent} e */
    _render: function (e) {
      var fr = e.frame, i = e.index, n = this.player.frames.length, nodes = this.nodes, data = this.data;
      var self = this;
      nodes.count.textContent = (i + 1) + " / " + n;
      dom.fill(nodes.date, dom.dateNodes({ text: fr.date.text, certainty: fr.date.certainty }));
      nodes.title.textContent = fr.title;
      var dateNote = fr.date.note ? dom.el("p", "gs-frame-date-note", dom.t("about_the_date", { note: fr.date.note })) : null;
      dom.fill(nodes.narrative, [dom.paragraphs(fr.narrative, "gs-narrative-text"), dateNote]);
      var chips = dom.el("ul", "gs-chips");
      fr.current.forEach(function (k) {
        var f = data.features[k];
        var li = dom.el("li");
        var button = /** @type {HTMLButtonElement} */ (dom.el("button", "gs-chip gs-chip-" + f.layer));
        button.appendChild(self._chipKey(f));
        button.appendChild(dom.el("span", null, document.documentElement.lang.indexOf("zh") === 0 && f.info.zh || f.info.en));
        button.type = "button";
        button.title = dom.t("show_on_map", { name: f.info.name });
        button.addEventListener("click", function () { self.openFeature(k); });
        li.appendChild(button);
        chips.appendChild(li);
      });
      dom.fill(nodes.onmap, chips.firstChild ? [dom.el("h3", "gs-small-head", dom.t("on_the_map")), chips] : []);
      dom.fill(nodes.corrections, fr.corrections.map(function (id) {
        return data.corrections[id] ? dom.correctionBlock(data.corrections[id]) : null;
      }));
      dom.fill(nodes.sources, [dom.sourceList(fr.sources)]);
      nodes.prev.setAttribute("aria-disabled", String(i === 0));
      nodes.next.setAttribute("aria-disabled", String(i === n - 1));
      if (!e.options.fromSlider) nodes.slider.value = String(fr.at);
      nodes.slider.setAttribute("aria-valuetext", fr.date.text + ": " + fr.title);
    }
  }));

  gs.Legend = /** @type {any} */ (Legend);
  gs.Panel = /** @type {any} */ (Panel);

  /**
   * Put the legend (an element of the page, by id) on the map; the legend's template calls this.
   * @param {L.Map} map
   * @param {string} id
   * @param {L.ControlPosition} position
   */
  gs.control = function (map, id, position) {
    var node = document.getElementById(id);
    if (node) new gs.Legend(node, { position: position }).addTo(map);
  };
})(window.geostory);
