/* geostory story map, 1 of 7: the page's namespace and the DOM it builds from author text.
 *
 * The page inlines seven classic scripts in order (dom.js, arrows.js, features.js, controls.js, player.js, view.js, story.js);
 * each adds to window.geostory. Python decides everything (which features each frame shows and how, each
 * frame's view, every colour, width, dash and fade from styles.json); these scripts only draw and apply
 * it, so the web map cannot drift from the QGIS project and the frame pictures.
 * Author text only ever reaches the page through textContent, and links only when they are http(s).
 */
(function (gs) {
  "use strict";

  var SAFE_URL = /^https?:\/\//i;
  gs.autoplayMs = 5000;
  gs.ready = false;
  gs.scriptMs = window.performance ? performance.now() : null;

  /**
   * An interface message in the page's language (from the payload's catalogue), with {name} filled in.
   * @param {string} key
   * @param {Object<string, string | number>} [values]
   * @returns {string}
   */
  function t(key, values) {
    var text = (gs.words && gs.words[key]) || key;
    return text.replace(/\{(\w+)\}/g, function (whole, name) {
      return values && values[name] !== undefined ? String(values[name]) : whole;
    });
  }

  /**
   * A new element with an optional class and text (set as textContent: never parsed as HTML).
   * @param {string} tag
   * @param {string | null} [className]
   * @param {string | null} [text]
   * @returns {HTMLElement}
   */
  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  /**
   * Replace a node's children.
   * @param {HTMLElement} node
   * @param {Array<Node | null>} children
   * @returns {HTMLElement}
   */
  function fill(node, children) {
    while (node.firstChild) node.removeChild(node.firstChild);
    children.forEach(function (child) { if (child) node.appendChild(child); });
    return node;
  }

  /**
   * Text with blank lines between paragraphs, as <p> elements in a box.
   * @param {string} text
   * @param {string} className
   */
  function paragraphs(text, className) {
    var box = el("div", className);
    String(text).split(/\n\s*\n/).forEach(function (para) { box.appendChild(el("p", null, para)); });
    return box;
  }

  /**
   * A numbered list of sources; a link only for an http(s) address.
   * @param {GsCitation[]} sources
   * @param {string} [heading]
   */
  function sourceList(sources, heading) {
    var box = el("div", "gs-source-box");
    box.appendChild(el(heading || "h3", "gs-small-head", sources.length === 1 ? t("source") : t("sources")));
    var list = el("ol", "gs-source-list");
    sources.forEach(function (src) {
      var item = el("li");
      if (src.url && SAFE_URL.test(src.url)) {
        var link = /** @type {HTMLAnchorElement} */ (el("a", null, src.label));
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

  /**
   * A date as text, with a badge when disputed and its note.
   * @param {GsDate} date
   */
  function dateNodes(date) {
    var nodes = [el("span", "gs-date-text", date.text)];
    if (date.certainty === "disputed") nodes.push(el("span", "gs-badge", t("disputed")));
    if (date.note) nodes.push(el("span", "gs-date-note", date.note));
    return nodes;
  }

  /**
   * Where the map departs from a source: its claim, what the map shows, why, and the sources.
   * @param {GsCorrection} c
   */
  function correctionBlock(c) {
    var box = el("div", "gs-correction");
    box.appendChild(el("p", "gs-correction-title", t("correction", { about: c.about })));
    var dl = el("dl");
    [[c.says, c.claim], [t("map_shows"), c.map_shows], [t("why"), c.reason]]
      .forEach(function (pair) {
        dl.appendChild(el("dt", null, pair[0]));
        dl.appendChild(el("dd", null, pair[1]));
      });
    box.appendChild(dl);
    box.appendChild(sourceList(c.sources, "h4"));
    return box;
  }

  /**
   * English name, then the Chinese one only when the story gives it; on a Chinese page, Chinese first.
   * @param {HTMLElement} node
   * @param {GsInfo} info
   */
  function nameNodes(node, info) {
    var en = el("span", "gs-en", info.en);
    if (!info.zh) return fill(node, [en]);
    var zh = el("span", "gs-zh", info.zh);
    zh.lang = "zh-Hans";  // the stories write simplified Chinese (schema: name_zh)
    if (document.documentElement.lang.indexOf("zh") !== 0) return fill(node, [en, zh]);
    en.lang = "en";
    return fill(node, [zh, en]);
  }

  /**
   * A feature's popup: names, date, side, facts, narrative, corrections and sources. Built when opened.
   * @param {GsFeature} f
   * @param {GsPayload} data
   */
  function popupContent(f, data) {
    var info = f.info;
    var box = el("div", "gs-popup");
    box.tabIndex = -1;
    box.appendChild(nameNodes(el("h3", "gs-popup-title"), info));
    if (info.then) box.appendChild(el("p", "gs-old", t("at_the_time", { name: info.then })));
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

  /** Whether the reader asked for less motion: frames then jump instead of flying. */
  function reducedMotion() {
    return !!(window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches);
  }

  gs.dom = {
    t: t, el: el, fill: fill, paragraphs: paragraphs, sourceList: sourceList, dateNodes: dateNodes,
    correctionBlock: correctionBlock, nameNodes: nameNodes, popupContent: popupContent, reducedMotion: reducedMotion
  };
})(window.geostory = window.geostory || /** @type {GsNamespace} */ ({}));
