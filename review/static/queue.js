// Keyboard shortcuts for the review queue: j/k select, c confirm, d dismiss, e edit,
// x tick for a bulk action, u undo, ? help. Every action is an ordinary form post, so
// the page works the same without this script.
(function () {
  "use strict";
  var items = Array.prototype.slice.call(document.querySelectorAll("#queue .item"));
  var current = -1;
  var dismissDialog = document.getElementById("dismiss-dialog");
  var helpDialog = document.getElementById("help-dialog");

  function select(index) {
    if (!items.length) { return; }
    index = Math.max(0, Math.min(items.length - 1, index));
    if (current >= 0) {
      items[current].classList.remove("selected");
      items[current].removeAttribute("aria-current");
    }
    current = index;
    var item = items[current];
    item.classList.add("selected");
    item.setAttribute("aria-current", "true");
    item.focus({ preventScroll: true });
    item.scrollIntoView({ block: "nearest" });
  }

  function selected() { return current >= 0 ? items[current] : null; }

  function confirmSelected() {
    var item = selected();
    var form = item && item.querySelector("form.confirm-form");
    if (form) { form.submit(); }
  }

  function dismissSelected() {
    var item = selected();
    if (!item || !item.querySelector("form.dismiss-form")) { return; }
    dismissDialog.showModal();
    document.getElementById("dismiss-reason").focus();
  }

  function editSelected() {
    var item = selected();
    if (item) { window.location.href = "/findings/" + item.dataset.id + "#correct"; }
  }

  function tickSelected() {
    var item = selected();
    var box = item && item.querySelector("input[name=ids]");
    if (box) { box.checked = !box.checked; }
  }

  function undoLast() {
    var form = document.getElementById("undo-form");
    if (form) { form.submit(); }
  }

  dismissDialog.addEventListener("close", function () {
    var item = selected();
    if (dismissDialog.returnValue !== "dismiss" || !item) { return; }
    var form = item.querySelector("form.dismiss-form");
    form.querySelector("select[name=reason]").value =
      document.getElementById("dismiss-reason").value;
    form.submit();
  });

  document.getElementById("show-help").addEventListener("click", function () {
    helpDialog.showModal();
  });

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) { return; }
    var tag = (event.target.tagName || "").toLowerCase();
    if (tag === "input" || tag === "select" || tag === "textarea" || event.target.isContentEditable) {
      return;
    }
    if (dismissDialog.open || helpDialog.open) { return; }
    var handled = true;
    switch (event.key) {
      case "j": select(current + 1); break;
      case "k": select(current < 0 ? 0 : current - 1); break;
      case "c": confirmSelected(); break;
      case "d": dismissSelected(); break;
      case "e": editSelected(); break;
      case "x": tickSelected(); break;
      case "u": undoLast(); break;
      case "Enter":
        if (selected() && event.target === selected()) {
          window.location.href = "/findings/" + selected().dataset.id;
        } else { handled = false; }
        break;
      case "?": helpDialog.showModal(); break;
      default: handled = false;
    }
    if (handled) { event.preventDefault(); }
  });
}());
