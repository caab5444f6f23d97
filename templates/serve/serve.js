/* translator serve: add version slots, show progress while sending and
   while a comparison runs. The pages work without it (a meta refresh polls). */
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  function renumber(slot, n) {
    slot.setAttribute("data-number", String(n));
    slot.querySelector("legend").textContent = "Version " + n;
    slot.querySelectorAll("[name]").forEach(function (el) {
      el.name = el.name.replace(/_\d+$/, "_" + n);
      if (el.type === "file" || el.tagName === "TEXTAREA" || el.type === "url" || el.type === "text") el.value = "";
    });
  }

  function setUpForm() {
    var form = document.getElementById("compare-form");
    if (!form) return;
    var add = document.getElementById("add-version");
    var box = document.getElementById("versions");
    var max = parseInt(add.getAttribute("data-max"), 10) || 6;
    add.addEventListener("click", function () {
      var slots = box.querySelectorAll("fieldset.version");
      if (slots.length >= max) return;
      var copy = slots[slots.length - 1].cloneNode(true);
      renumber(copy, slots.length + 1);
      box.appendChild(copy);
      add.disabled = slots.length + 1 >= max;
      copy.querySelector("textarea").focus();
    });
    form.addEventListener("submit", function () {
      document.getElementById("sending").hidden = false;
      document.getElementById("submit").disabled = true;
    });
  }

  function poll() {
    var job = document.getElementById("job");
    if (!job || !job.getAttribute("data-status")) return;
    var url = job.getAttribute("data-status");
    var bar = document.getElementById("job-progress");
    var stage = document.getElementById("job-stage");
    function tick() {
      fetch(url, { cache: "no-store" }).then(function (r) { return r.json(); }).then(function (s) {
        if (s.state === "done" || s.state === "failed" || s.state === "missing") {
          window.location.reload();
          return;
        }
        job.setAttribute("data-state", s.state);
        bar.value = s.progress;
        stage.textContent = s.stage + "…";
        window.setTimeout(tick, 300);
      }).catch(function () { window.setTimeout(tick, 1000); });
    }
    window.setTimeout(tick, 200);
  }

  document.addEventListener("DOMContentLoaded", function () { setUpForm(); poll(); });
})();
