/* LawKB: copy buttons, mobile nav, law-list filter, lazy fragments. No dependencies. */
(function () {
  "use strict";

  function toast(text) {
    var el = document.querySelector("[data-toast]");
    if (!el) return;
    el.textContent = text;
    el.hidden = false;
    clearTimeout(el._timer);
    el._timer = setTimeout(function () { el.hidden = true; }, 1800);
  }

  function fallbackCopy(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.top = "-1000px";
    document.body.appendChild(area);
    area.select();
    var ok = false;
    try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
    document.body.removeChild(area);
    return ok ? Promise.resolve() : Promise.reject(new Error("copy failed"));
  }

  // Clipboard API needs a secure context (https or localhost); intranet http falls back.
  function copyText(text) {
    window.lawkbLastCopied = text;  // test hook: what the last copy put on the clipboard
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).catch(function () { return fallbackCopy(text); });
    }
    return fallbackCopy(text);
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-copy]");
    if (!button) return;
    event.preventDefault();
    var text = button.getAttribute("data-copy");
    var label = button.getAttribute("data-label") || button.textContent;
    button.setAttribute("data-label", label);
    copyText(text).then(function () {
      button.classList.add("copied");
      button.textContent = "已复制";
      toast("已复制：" + (text.length > 40 ? text.slice(0, 40) + "…" : text));
    }, function () {
      toast("复制失败，请手动选择文字复制");
    }).then(function () {
      setTimeout(function () {
        button.classList.remove("copied");
        button.textContent = button.getAttribute("data-label");
      }, 2000);
    });
  });

  // citation check: "用法典条文改写" puts the corrected sentence into the pasted draft, else copies it
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-replace-sentence]");
    if (!button) return;
    event.preventDefault();
    var original = button.getAttribute("data-original");
    var sentence = button.getAttribute("data-replace-sentence");
    var area = document.querySelector("textarea[name=text]");
    if (area && original && area.value.indexOf(original) !== -1) {
      area.value = area.value.replace(original, sentence);
      button.textContent = "已改写（可再次核查）";
      toast("已在文书文本中改写该句");
      return;
    }
    copyText(sentence).then(function () { toast("已复制改写后的句子"); },
                            function () { toast("复制失败，请手动选择文字复制"); });
  });

  // "/" jumps to the search box (unless typing somewhere already)
  document.addEventListener("keydown", function (event) {
    if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) return;
    var tag = (document.activeElement && document.activeElement.tagName) || "";
    if (/^(INPUT|TEXTAREA|SELECT)$/.test(tag)) return;
    var box = document.querySelector("input[name=q]");
    if (box) { event.preventDefault(); box.focus(); box.select(); }
  });

  var toggle = document.querySelector("[data-nav-toggle]");
  if (toggle) {
    toggle.addEventListener("click", function () {
      var nav = document.querySelector(".site-nav");
      var open = nav.classList.toggle("open");
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
    });
  }

  // law list: filter as you type, by title, abbreviation or pinyin (data-names)
  var filter = document.querySelector("[data-law-filter]");
  if (filter) {
    var apply = function () {
      var needle = filter.value.trim().toLowerCase();
      document.querySelectorAll("[data-names]").forEach(function (li) {
        li.hidden = needle !== "" && li.getAttribute("data-names").toLowerCase().indexOf(needle) === -1;
      });
      document.querySelectorAll(".letter-group, .level-group").forEach(function (group) {
        var shown = group.querySelectorAll("[data-names]:not([hidden])").length;
        group.hidden = shown === 0;
        var count = group.querySelector(":scope > h2 [data-count]");
        if (count) count.textContent = shown;
      });
      var visible = document.querySelectorAll("[data-names]:not([hidden])").length;
      var total = document.querySelector("[data-total]");
      if (total) total.textContent = visible;
      var none = document.querySelector("[data-filter-empty]");
      if (none) none.hidden = visible !== 0 || needle === "";
    };
    filter.addEventListener("input", apply);
    apply();
  }

  // fragments loaded after the page (related articles)
  document.querySelectorAll("[data-fragment]").forEach(function (box) {
    fetch(box.getAttribute("data-fragment"), { headers: { "Accept": "text/html" } })
      .then(function (r) { return r.ok ? r.text() : Promise.reject(r.status); })
      .then(function (html) { box.innerHTML = html; })
      .catch(function () { box.innerHTML = '<p class="muted">相关条文暂时无法加载。</p>'; });
  });
})();

/* admin import: refuse oversize or unsupported files before uploading */
(function () {
  "use strict";
  var form = document.querySelector("form[data-max-bytes]");
  if (!form) return;
  form.addEventListener("submit", function (event) {
    var input = form.querySelector("input[type=file]");
    var limit = parseInt(form.getAttribute("data-max-bytes"), 10);
    var total = 0, bad = [];
    var ok = /\.(pdf|docx|md|markdown|txt)$/i;
    Array.prototype.forEach.call(input.files || [], function (f) {
      total += f.size;
      if (!ok.test(f.name)) bad.push(f.name);
    });
    var message = "";
    if (bad.length) message = "不支持的文件类型：" + bad.join("、") + "（只能导入 PDF、DOCX、MD、TXT）";
    else if (total > limit) message = "文件过大：合计 " + (total / 1048576).toFixed(1) + " MB，上限 " + (limit / 1048576) + " MB";
    if (message) {
      event.preventDefault();
      var box = form.querySelector(".form-error") || document.createElement("div");
      box.className = "flash flash-error form-error";
      box.setAttribute("role", "alert");
      box.textContent = message;
      form.insertBefore(box, form.firstChild);
    }
  });
})();
