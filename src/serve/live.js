// Added by `minsheng serve` to every page it sends, never written to the built site: reloads
// the page after a rebuild and shows the build's errors over the page while it fails.
(function () {
  "use strict";
  var overlay = null;
  function show(text) {
    if (!overlay) {
      overlay = document.createElement("div");
      overlay.id = "minsheng-build-error";
      overlay.setAttribute("role", "alert");
      overlay.style.cssText =
        "position:fixed;inset:0;z-index:2147483647;overflow:auto;padding:2rem;" +
        "background:rgba(24,24,27,.97);color:#f4f4f5;font:14px/1.5 system-ui,sans-serif";
      var title = document.createElement("h2");
      title.textContent = "构建失败 · The build failed — the page below is the last good build";
      title.style.cssText = "margin:0 0 1rem;font:600 18px/1.4 system-ui,sans-serif;color:#fca5a5";
      var pre = document.createElement("pre");
      // Monospace, so that the caret stays under the place it points at; only long message
      // lines wrap.
      pre.style.cssText =
        "margin:0;padding:0;background:none;border:0;color:inherit;white-space:pre-wrap;" +
        "overflow-wrap:anywhere;font:13px/1.5 ui-monospace,'Noto Sans Mono CJK SC',monospace";
      var close = document.createElement("button");
      close.type = "button";
      close.textContent = "关闭 · Close";
      close.style.cssText = "margin-top:1.5rem;padding:.4rem .9rem;font:inherit;cursor:pointer";
      close.addEventListener("click", hide);
      overlay.appendChild(title);
      overlay.appendChild(pre);
      overlay.appendChild(close);
      document.body.appendChild(overlay);
    }
    overlay.querySelector("pre").textContent = text;
  }
  function hide() {
    if (overlay) {
      overlay.remove();
      overlay = null;
    }
  }
  // The server writes the current problems here, so a page opened while the build fails
  // shows them from the start.
  var now = PROBLEMS_NOW;
  if (now) show(now);
  // The build the page was sent from: the server answers a page that missed a rebuild
  // before it connected with a reload.
  var build = document.currentScript && document.currentScript.getAttribute("data-build");
  var source = new EventSource(EVENTS_URL + (build ? "?build=" + build : ""));
  source.addEventListener("reload", function (e) {
    // Every reload follows a good build.
    hide();
    var only = JSON.parse(e.data);
    if (!only || only.indexOf(location.pathname) >= 0) location.reload();
  });
  source.addEventListener("problems", function (e) { show(JSON.parse(e.data)); });
  source.addEventListener("clean", hide);
})();
