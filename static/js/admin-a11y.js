// Names for the admin widgets that come without one (axe, WCAG 2.1 4.1.2 and 1.3.1):
// select2's combobox and search box for autocomplete fields, whose aria-labelledby points
// at an element that is empty until something is chosen; the date half of a split date
// and time, which Django's label does not reach; the picker's help icons, which carry an
// aria-label on a span with no role. Run again whenever select2 adds a widget.
(function () {
  "use strict";

  function labelText(select) {
    var label = select.id && document.querySelector('label[for="' + select.id + '"]');
    return label ? label.textContent.replace(/:\s*$/, "").trim() : "";
  }

  function nameSelect2(root) {
    root.querySelectorAll("select.admin-autocomplete").forEach(function (select) {
      var container = select.nextElementSibling;
      if (!container || !container.classList.contains("select2")) return;
      var name = labelText(select);
      container.querySelectorAll(".select2-selection").forEach(function (box) {
        box.removeAttribute("aria-labelledby");
        box.setAttribute("aria-label", name);
      });
      container.querySelectorAll(".select2-search__field").forEach(function (field) {
        field.setAttribute("aria-label", name);
      });
      // select2 puts its search box, a span, straight into the list of chosen items.
      container.querySelectorAll(".select2-selection__rendered").forEach(function (list) {
        if (list.tagName === "UL") list.setAttribute("role", "presentation");
        // A single choice shows it in a read-only textbox, named by the same label.
        if (list.getAttribute("role") === "textbox") list.setAttribute("aria-label", name);
        list.querySelectorAll(":scope > li").forEach(function (item) {
          item.setAttribute("role", "presentation");
        });
      });
    });
    document.querySelectorAll(".select2-container--open .select2-search__field").forEach(
      function (field) {
        if (!field.hasAttribute("aria-label")) field.setAttribute("aria-label", "Søk");
      }
    );
  }

  function textBefore(input) {
    for (var node = input.previousSibling; node; node = node.previousSibling) {
      var text = (node.textContent || "").trim();
      if (text) return node.nodeType === Node.TEXT_NODE ? text.replace(/:$/, "") : "";
    }
    return "";
  }

  function nameDateTimes(root) {
    root.querySelectorAll("p.datetime input").forEach(function (input) {
      if (input.labels && input.labels.length) return;
      var row = input.closest(".form-row, .fieldBox");
      var label = row && row.querySelector("label");
      var name = label ? label.textContent.replace(/:\s*$/, "").trim() : "";
      var part = textBefore(input);
      input.setAttribute("aria-label", [name, part].filter(Boolean).join(", "));
    });
  }

  // A tabular inline labels its columns with headers, not with labels.
  function nameInlineCells(root) {
    root.querySelectorAll(".tabular table").forEach(function (table) {
      var headers = table.querySelectorAll("thead th");
      table.querySelectorAll("tbody td").forEach(function (cell) {
        var header = headers[cell.cellIndex];
        if (!header) return;
        cell.querySelectorAll("input:not([type=hidden]), select, textarea").forEach(function (field) {
          if ((field.labels && field.labels.length) || field.hasAttribute("aria-label")) return;
          field.setAttribute("aria-label", header.textContent.trim());
        });
      });
    });
  }

  function nameHelpIcons(root) {
    root.querySelectorAll("span.help-tooltip[aria-label]").forEach(function (icon) {
      icon.setAttribute("role", "img");
    });
  }

  function run() {
    nameSelect2(document);
    nameDateTimes(document);
    nameHelpIcons(document);
    nameInlineCells(document);
  }

  document.addEventListener("DOMContentLoaded", function () {
    run();
    new MutationObserver(run).observe(document.body, { childList: true, subtree: true });
  });
})();
