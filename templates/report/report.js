/* translator report: navigation, filters, toggles.
   Nothing runs per row at load: every handler is delegated and reads the
   DOM only when the user acts, so a report with thousands of rows opens
   as fast as the browser can paint it. Article text is never read into
   HTML here; only classes and attributes change. */
(function () {
  "use strict";
  var root = document.documentElement;
  var toolbar = document.getElementById("toolbar");
  var pos = document.getElementById("nav-pos");
  var current = null;

  function rowNumber(el) { return +el.id.slice(4); }
  function activeRows() { return document.querySelectorAll(".row.flagged:not(.quiet)"); }
  function stickyBottom() {
    var bar = document.querySelector(".sticky");
    return bar ? bar.getBoundingClientRect().bottom : 0;
  }

  function select(el, scroll) {
    if (current) current.classList.remove("current");
    current = el;
    if (!el) return;
    el.classList.add("current");
    if (window.history && history.replaceState) history.replaceState(null, "", "#" + el.id);
    if (scroll) el.scrollIntoView({ block: "center" });
    var link = el.querySelector(".num a");
    if (link) link.focus({ preventScroll: true });
    updatePosition();
  }

  function updatePosition() {
    if (!pos) return;
    var list = activeRows();
    var n = list.length;
    if (!n) { pos.textContent = "no findings shown"; return; }
    var i = current ? Array.prototype.indexOf.call(list, current) : -1;
    pos.textContent = i >= 0 ? "finding row " + (i + 1) + " of " + n
      : n + (n === 1 ? " row" : " rows") + " with findings";
  }

  /* index of the first row in list whose number is > n (binary search, no layout) */
  function after(list, n) {
    var lo = 0, hi = list.length;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (rowNumber(list[mid]) > n) hi = mid; else lo = mid + 1; }
    return lo;
  }

  /* the row number navigation starts from: the selected row while it is on
     screen, else the first row below the sticky header (binary search: a
     handful of layout reads, no writes in between) */
  function anchor(list) {
    var top = stickyBottom();
    if (current) {
      var r = current.getBoundingClientRect();
      if (r.bottom > top && r.top < window.innerHeight) return { n: rowNumber(current), exact: true };
    }
    var lo = 0, hi = list.length;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (list[mid].getBoundingClientRect().top >= top - 1) hi = mid; else lo = mid + 1; }
    return { n: lo < list.length ? rowNumber(list[lo]) : Infinity, exact: false };
  }

  function go(dir) {
    var list = activeRows();
    if (!list.length) { updatePosition(); return; }
    var a = anchor(list), i;
    if (dir > 0) i = a.exact ? after(list, a.n) : after(list, a.n - 1);
    else i = after(list, a.n - 1) - 1;
    if (i >= list.length) i = list.length - 1;
    if (i < 0) i = 0;
    select(list[i], true);
  }

  /* filters: an element with data-f ("severity:kind" keys) is quiet when
     none of its keys is switched on; CSS does the hiding */
  function applyFilters() {
    var sev = {}, kind = {};
    var boxes = toolbar.querySelectorAll("input[data-sev]");
    for (var i = 0; i < boxes.length; i++) sev[boxes[i].getAttribute("data-sev")] = boxes[i].checked;
    boxes = toolbar.querySelectorAll("input[data-kind]");
    for (i = 0; i < boxes.length; i++) kind[boxes[i].getAttribute("data-kind")] = boxes[i].checked;
    var els = document.querySelectorAll("[data-f]");
    for (i = 0; i < els.length; i++) {
      var keys = els[i].getAttribute("data-f").split(" "), on = false;
      for (var k = 0; k < keys.length && !on; k++) {
        var p = keys[k].split(":");
        on = sev[p[0]] !== false && kind[p[1]] !== false;
      }
      els[i].classList.toggle("quiet", !on);
    }
    if (current && current.classList.contains("quiet")) select(null, false);
    updatePosition();
  }

  function setTheme(theme) {
    if (theme === "auto") root.removeAttribute("data-theme"); else root.setAttribute("data-theme", theme);
    try { window.localStorage.setItem("translator-theme", theme); } catch (e) { /* not persisted */ }
    var button = document.getElementById("theme");
    if (button) button.textContent = "Theme: " + theme;
  }

  function effectiveTheme() {
    var t = root.getAttribute("data-theme");
    if (t) return t;
    return window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light";
  }

  toolbar.addEventListener("change", function (e) {
    var t = e.target;
    if (t.id === "only-changes") root.classList.toggle("only-changes", t.checked);
    else if (t.id === "show-mt") root.classList.toggle("hide-mt", !t.checked);
    else if (t.hasAttribute("data-sev") || t.hasAttribute("data-kind")) applyFilters();
  });
  toolbar.addEventListener("click", function (e) {
    var t = e.target.closest("button");
    if (!t) return;
    if (t.id === "next") go(1);
    else if (t.id === "prev") go(-1);
    else if (t.id === "theme") setTheme(effectiveTheme() === "dark" ? "light" : "dark");
  });
  document.addEventListener("keydown", function (e) {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    var tag = (e.target && e.target.tagName) || "";
    var typing = tag === "TEXTAREA" || tag === "SELECT" || (e.target && e.target.isContentEditable) ||
      (tag === "INPUT" && !/^(checkbox|radio|button)$/.test(e.target.type));
    if (typing) return;
    if (e.key === "j") { e.preventDefault(); go(1); }
    else if (e.key === "k") { e.preventDefault(); go(-1); }
  });
  /* a click on a row link, change-list entry or overview mark selects its row */
  document.addEventListener("click", function (e) {
    var a = e.target.closest && e.target.closest("a[href^='#row-']");
    if (!a) return;
    var row = document.getElementById(a.getAttribute("href").slice(1));
    if (!row) return;
    e.preventDefault();
    select(row, true);
  });

  /* the overview strip's window: where the screen is in the document.
     One rAF-throttled update per scroll burst, one element written. */
  var view = document.getElementById("overview-view");
  var pending = false;
  function placeView() {
    pending = false;
    var h = document.documentElement.scrollHeight || 1;
    view.style.top = (100 * window.scrollY / h).toFixed(3) + "%";
    view.style.height = Math.max(1, 100 * window.innerHeight / h).toFixed(3) + "%";
  }
  if (view) {
    var onScroll = function () { if (!pending) { pending = true; requestAnimationFrame(placeView); } };
    window.addEventListener("scroll", onScroll, { passive: true });
    window.addEventListener("resize", onScroll, { passive: true });
    onScroll();
  }

  /* rows scroll into view below the sticky header, however many lines the
     toolbar wraps to: one read and one custom-property write per resize */
  var sticky = document.querySelector(".sticky");
  function measureSticky() {
    if (sticky) root.style.setProperty("--sticky-h", Math.ceil(sticky.getBoundingClientRect().height) + "px");
  }
  measureSticky();
  window.addEventListener("resize", measureSticky, { passive: true });

  var theme = root.getAttribute("data-theme");
  var button = document.getElementById("theme");
  if (button) button.textContent = "Theme: " + (theme || "auto");
  if (/^#row-\d+$/.test(location.hash)) {
    var target = document.getElementById(location.hash.slice(1));
    if (target) select(target, true);
  }
  updatePosition();
})();
