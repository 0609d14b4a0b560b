// @ts-check
/* The clause generator page: reads the form and the URL, shows the clause and the outline
 * rendered by clause.js, keeps the URL in step with the form, and copies plain text.
 *
 * Classic script (works from file://): the rules come from the page's JSON island through
 * the page kit (page-kit.js), yes and no through the core (handbook-core.js).
 * Whatever arrives in the URL is untrusted: it only ever goes into form values and
 * textContent, never into markup. Every string shown comes from the page (data attributes
 * rendered from data/ui.yaml) or from rules.json.
 */
(function () {
  "use strict";

  var w = /** @type {any} */ (window);
  /** @type {import("./clause.js")} */
  var logic = w.HandbookClause;
  /** @type {import("./handbook-core.js")} */
  var core = w.HandbookCore;
  /** @type {import("./page-kit.js")} */
  var kit = w.HandbookPageKit;
  var tool = document.getElementById("clause-tool");
  if (!logic || !core || !kit || !tool) return;
  var rules = kit.configuration();
  if (!rules) return;

  var clause = rules.clause || {};
  var lang = kit.lang();
  var form = /** @type {HTMLFormElement} */ (document.getElementById("clause-form"));
  /** @type {(id: string) => HTMLInputElement} */
  var input = kit.byId;
  var articleInput = input("clause-article");
  // The names of the Japanese clause (both pages) and of the English translation (the
  // English page only: on the Japanese page a name for it from the URL is carried along).
  /** @type {Object<string, HTMLInputElement>} */
  var partyInputs = {
    partyA: input("clause-party-a"),
    partyB: input("clause-party-b"),
  };
  /** @type {Object<string, string>} */
  var carried = {};
  ["partyAEn", "partyBEn"].forEach(function (name) {
    var el = input(name === "partyAEn" ? "clause-party-a-en" : "clause-party-b-en");
    if (el) partyInputs[name] = el;
    else carried[name] = "";
  });
  var systemBox = input("clause-information-system");
  var buffer = /** @type {HTMLTextAreaElement} */ (kit.byId("clause-copy-buffer"));
  var ERRORS = {
    input: "clause-input-error",
    documentType: "clause-documentType-error",
    article: "clause-article-error",
    numerals: "clause-numerals-error",
    partyA: "clause-party-a-error",
    partyB: "clause-party-b-error",
    partyAEn: "clause-party-a-en-error",
    partyBEn: "clause-party-b-en-error",
  };
  var INVALID = {
    article: [articleInput],
    partyA: [partyInputs.partyA],
    partyB: [partyInputs.partyB],
    partyAEn: partyInputs.partyAEn ? [partyInputs.partyAEn] : [],
    partyBEn: partyInputs.partyBEn ? [partyInputs.partyBEn] : [],
    documentType: Array.prototype.slice.call(form.querySelectorAll('input[name="documentType"]')),
    numerals: Array.prototype.slice.call(form.querySelectorAll('input[name="numerals"]')),
  };
  // Radio values from the URL that match no choice: kept (and reported) until the user
  // picks a choice in that group.
  var pending = {};

  function checked(name) {
    var el = form.querySelector('input[name="' + name + '"]:checked');
    return el ? /** @type {HTMLInputElement} */ (el).value : "";
  }

  function setRadio(name, value) {
    var radios = INVALID[name];
    for (var i = 0; i < radios.length; i++) {
      if (radios[i].value === value) {
        radios[i].checked = true;
        return true;
      }
    }
    return false;
  }

  function readForm() {
    /** @type {any} */
    var values = {
      documentType: Object.prototype.hasOwnProperty.call(pending, "documentType")
        ? pending.documentType : checked("documentType"),
      article: articleInput.value,
      numerals: Object.prototype.hasOwnProperty.call(pending, "numerals")
        ? pending.numerals : checked("numerals"),
    };
    Object.keys(partyInputs).forEach(function (name) { values[name] = party(name); });
    Object.keys(carried).forEach(function (name) { values[name] = carried[name]; });
    return values;
  }

  // A text field drops line breaks from a value it is given, so a name from the URL that
  // holds one is kept (and refused by clause.js) until the person edits that field.
  function party(name) {
    return Object.prototype.hasOwnProperty.call(pending, name) ? pending[name] : partyInputs[name].value;
  }

  function fromUrl() {
    var params = kit.query();
    ["documentType", "numerals"].forEach(function (name) {
      if (params.has(name)) {
        var value = params.get(name);
        if (!setRadio(name, value) && value !== "") pending[name] = value;
      }
    });
    if (params.has("article")) articleInput.value = params.get("article");
    Object.keys(partyInputs).forEach(function (name) {
      if (params.has(name)) {
        partyInputs[name].value = params.get(name);
        if (/[\r\n]/.test(params.get(name).trim())) pending[name] = params.get(name);
      }
    });
    Object.keys(carried).forEach(function (name) { carried[name] = params.get(name) || ""; });
    if (params.has("informationSystem")) {
      systemBox.checked = core.answer(rules, params.get("informationSystem")) === true;
    }
  }

  function toUrl(input) {
    var params = new URLSearchParams();
    params.set("documentType", input.documentType);
    if (input.article.trim() !== "") params.set("article", input.article.trim());
    params.set("numerals", input.numerals);
    Object.keys(partyInputs).concat(Object.keys(carried)).forEach(function (name) {
      if (input[name].trim() !== "") params.set(name, input[name].trim());
    });
    if (systemBox.checked) params.set("informationSystem", core.yesWord(rules));
    kit.replaceQuery(params);
  }

  function show(id, message) {
    var el = document.getElementById(id);
    if (!el) return;
    el.textContent = message || "";
    el.hidden = !message;
  }

  function render() {
    var input = readForm();
    var result = logic.renderClause(rules, input);
    var outline = logic.renderOutline(rules, input);
    ["ja", "en"].forEach(function (l) {
      var out = document.getElementById("clause-output-" + l);
      if (out) out.textContent = result[l];
      var o = document.getElementById("clause-outline-" + l);
      if (o) o.textContent = outline[l];
    });

    var messages = {};
    result.errors.forEach(function (e) {
      var key = ERRORS[e.field] ? e.field : "input";
      messages[key] = (messages[key] ? messages[key] + " " : "") + e.message[lang];
    });
    Object.keys(ERRORS).forEach(function (field) {
      show(ERRORS[field], messages[field]);
      (INVALID[field] || []).forEach(function (el) {
        if (messages[field]) el.setAttribute("aria-invalid", "true");
        else el.removeAttribute("aria-invalid");
      });
    });
    show("clause-warning", result.warnings.map(function (w) { return w.message[lang]; }).join(" "));

    var variant = (clause.variants || {})[result.documentType] || {};
    var omit = variant.omitActions || [];
    var marked = document.querySelectorAll("[data-document-type]");
    for (var i = 0; i < marked.length; i++) {
      /** @type {HTMLElement} */ (marked[i]).hidden = marked[i].getAttribute("data-document-type") !== result.documentType;
    }
    var actions = /** @type {NodeListOf<HTMLElement>} */ (document.querySelectorAll("#clause-handover-panel [data-action]"));
    for (var j = 0; j < actions.length; j++) {
      var a = actions[j];
      var conditional = a.hasAttribute("data-condition") && !systemBox.checked;
      a.hidden = conditional || omit.indexOf(a.getAttribute("data-action")) >= 0;
    }
    var label = tool.getAttribute("data-default-label") || "";
    Object.keys(partyInputs).forEach(function (name) {
      // the Japanese clause's names by their Japanese defaults wherever that clause is shown
      var key = name.replace(/En$/, "");
      var inLang = /En$/.test(name) ? "en" : document.getElementById("clause-output-en") ? "ja" : lang;
      var def = variant.parties && variant.parties[key] ? variant.parties[key][inLang] : "";
      partyInputs[name].placeholder = label + ": " + def;
    });
    showConditions(input);
    return input;
  }

  // The conditions block (print only), kept in step with the form on every input: the
  // chosen options by their labels on the page, the article as typed, the parties if given.
  function chosenLabel(name, value) {
    var radios = INVALID[name];
    for (var i = 0; i < radios.length; i++) {
      if (radios[i].value === value && radios[i].labels && radios[i].labels.length) {
        return radios[i].labels[0].textContent;
      }
    }
    return value;
  }

  function showConditions(input) {
    function put(id, value) {
      var el = document.getElementById(id);
      if (el) el.textContent = value;
      return el;
    }
    put("clause-condition-documentType", chosenLabel("documentType", input.documentType));
    put("clause-condition-numerals", chosenLabel("numerals", input.numerals));
    var article = document.getElementById("clause-condition-article");
    if (article) {
      article.textContent = input.article.trim() || article.getAttribute("data-none") || "";
    }
    ["partyA", "partyB"].forEach(function (name) {
      var value = input[name].trim();
      var label = document.getElementById("clause-condition-" + name + "-label");
      var dd = put("clause-condition-" + name, value);
      if (label) label.hidden = !value;
      if (dd) dd.hidden = !value;
    });
  }

  function announce(status, message) {
    status.textContent = "";
    window.setTimeout(function () {
      status.textContent = message;
    }, 50);
  }

  function selectText(el) {
    var range = document.createRange();
    range.selectNodeContents(el);
    var sel = window.getSelection();
    sel.removeAllRanges();
    sel.addRange(range);
  }

  function copy(button) {
    var source = document.getElementById(button.getAttribute("data-copy-from"));
    var status = document.getElementById(button.getAttribute("data-status"));
    if (!source || !status) return;
    var value = source.textContent;
    function done(ok) {
      // one message at a time: the one of another button goes
      var others = document.querySelectorAll(".hb-copy-status");
      for (var i = 0; i < others.length; i++) if (others[i] !== status) others[i].textContent = "";
      announce(status, tool.getAttribute(ok ? "data-copied" : "data-copy-failed"));
      if (!ok) selectText(source);
    }
    function fallback() {
      var ok = false;
      buffer.value = value;
      buffer.focus();
      buffer.select();
      buffer.setSelectionRange(0, value.length);
      try {
        ok = document.execCommand("copy");
      } catch (e) {
        ok = false;
      }
      button.focus();
      done(ok);
    }
    if (navigator.clipboard && typeof navigator.clipboard.writeText === "function") {
      navigator.clipboard.writeText(value).then(function () {
        done(true);
      }, fallback);
    } else {
      fallback();
    }
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
  });
  function changed(event) {
    var name = event.target && /** @type {HTMLInputElement} */ (event.target).name;
    if (name === "documentType" || name === "numerals" || name === "partyA" || name === "partyB" ||
        name === "partyAEn" || name === "partyBEn") delete pending[name];
    toUrl(render());
  }
  form.addEventListener("input", changed);
  form.addEventListener("change", changed);
  // Choosing the choice that is already checked (after a value from the URL that matched
  // none) fires no change event; a click still settles the group.
  form.addEventListener("click", function (event) {
    var name = event.target && /** @type {HTMLInputElement} */ (event.target).name;
    if ((name === "documentType" || name === "numerals") &&
        Object.prototype.hasOwnProperty.call(pending, name)) {
      changed(event);
    }
  });
  systemBox.addEventListener("change", changed);
  var buttons = document.querySelectorAll("#clause-result-panel .hb-copy, #clause-outline-panel .hb-copy");
  for (var k = 0; k < buttons.length; k++) {
    buttons[k].addEventListener("click", function (event) {
      copy(event.currentTarget);
    });
  }

  fromUrl();
  render();
})();
