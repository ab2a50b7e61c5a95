/* geostory story map, 5 of 7: the player, which knows the current frame and steps, plays and follows links.
 *
 * It fires "frame" ({index, previous, frame, options}) on each step and "play" ({playing}) when autoplay
 * starts or stops; the map's features, the view and the panel each listen. The address names the frame
 * shown (#frame-id), so a frame can be linked and the back button is not flooded (replaceState).
 */
(function (gs) {
  "use strict";

  var HASH_DELAY_MS = 120;

  var Player = L.Evented.extend(/** @type {ThisType<GsPlayer> & Partial<GsPlayer>} */ ({
    /** @param {GsFrame[]} frames */
    initialize: function (frames) {
      this.frames = frames;
      this.current = -1;
      /** @type {number | null} */
      this._timer = null;
      /** @type {string | null} */
      this._pendingHash = null;
      /** @type {number | null} */
      this._hashTimer = null;
    },

    /**
     * Show frame ``i`` (clamped to the story); returns the frame shown.
     * @param {number} i
     * @param {GsGoOptions} [options]
     */
    go: function (i, options) {
      options = options || {};
      var n = this.frames.length;
      i = Math.max(0, Math.min(n - 1, i));
      if (i === this.current && !options.force) return this.current;
      var previous = this.current;
      this.current = i;
      var fr = this.frames[i];
      this.fire("frame", { index: i, previous: previous, frame: fr, options: options });
      if (!options.fromHash) this._setHash(fr.id);
      return this.current;
    },

    /**
     * Go to a frame as the reader asked: autoplay stops.
     * @param {number} i
     */
    step: function (i) {
      this.stop();
      return this.go(i);
    },

    /** The frame nearest a slider position; every frame has its own position, even two on the same day. */
    frameAt: function (/** @type {number} */ position) {
      var frames = this.frames, best = 0;
      for (var i = 1; i < frames.length; i++) {
        if (Math.abs(frames[i].at - position) < Math.abs(frames[best].at - position)) best = i;
      }
      return best;
    },

    playing: function () { return this._timer !== null; },

    stop: function () {
      if (this._timer !== null) clearInterval(this._timer);
      this._timer = null;
      this.fire("play", { playing: false });
    },

    play: function () {
      var self = this, last = this.frames.length - 1;
      this.stop();
      if (this.current >= last) this.go(0);
      this._timer = window.setInterval(function () {
        if (self.current >= last) self.stop(); else self.go(self.current + 1);
        if (self.current >= last) self.stop();
      }, gs.autoplayMs);
      this.fire("play", { playing: true });
    },

    /** @param {string} id */
    indexOf: function (id) {
      for (var i = 0; i < this.frames.length; i++) if (this.frames[i].id === id) return i;
      return -1;
    },

    /** The frame the address names, or -1. */
    hashIndex: function () { return this.indexOf(hashId()); },

    /** Follow the address when the reader edits it or opens a link to a frame. */
    followHash: function () {
      var self = this;
      window.addEventListener("hashchange", function () {
        if (self._hashTimer !== null) clearTimeout(self._hashTimer);  // the reader's address wins
        self._hashTimer = null;
        self._pendingHash = null;
        var i = self.hashIndex();
        if (i >= 0) { self.stop(); self.go(i, { fromHash: true }); return; }
        // An unknown frame id: stay on this frame and put its id back, so the address always names what is shown.
        history.replaceState(null, "", "#" + encodeURIComponent(self.frames[self.current].id));
      });
    },

    /* replaceState (not pushState: stepping must not flood the back button), once the steps pause for a
       moment: it costs several ms on file:// pages, which autoplay or a held arrow key would otherwise pay
       at each step, before the frame is painted. */
    _setHash: function (/** @type {string} */ id) {
      var self = this;
      if (this._hashTimer !== null) clearTimeout(this._hashTimer);
      this._pendingHash = id;
      this._hashTimer = window.setTimeout(function () {
        self._hashTimer = null;
        if (self._pendingHash !== null && hashId() !== self._pendingHash) {
          history.replaceState(null, "", "#" + encodeURIComponent(self._pendingHash));
        }
        self._pendingHash = null;
      }, HASH_DELAY_MS);
    }
  }));

  function hashId() {
    try { return decodeURIComponent(location.hash.slice(1)); } catch (e) { return location.hash.slice(1); }
  }

  gs.Player = /** @type {any} */ (Player);
})(window.geostory);
