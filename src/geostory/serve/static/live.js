// geostory serve: added to served pages only, never to `geostory build` output.
// Asks the server whether a newer map was built; reloads when one was (the address keeps the frame),
// and shows the story's problems over the last good map while the story does not validate.
(function () {
  "use strict";
  var config = JSON.parse(document.getElementById("gs-live-config").textContent);
  var box = null;

  function show(lines) {
    if (!lines.length) {
      if (box) { box.remove(); box = null; }
      return;
    }
    if (!box) {
      box = document.createElement("section");
      box.id = "gs-live-problems";
      box.setAttribute("role", "alert");
      var head = document.createElement("h2");
      head.textContent = config.build ? "The story has problems: the map shows the last version that worked."
        : "The story has problems: the map appears once they are fixed.";
      box.appendChild(head);
      box.appendChild(document.createElement("pre"));
      document.body.appendChild(box);
    }
    var text = lines.join("\n");
    var pre = box.querySelector("pre");
    if (pre.textContent !== text) { pre.textContent = text; }
  }

  function poll() {
    fetch(config.state, {cache: "no-store"}).then(function (response) {
      return response.json();
    }).then(function (state) {
      if (state.build !== config.build && !state.problems.length) {
        window.location.reload();
        return;
      }
      show(state.problems);
      window.setTimeout(poll, config.poll);
    }).catch(function () {
      window.setTimeout(poll, config.poll * 5);  // the server stopped or is busy: ask again, less often
    });
  }

  poll();
}());
