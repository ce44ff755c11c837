"""The report's one stylesheet and one script, inlined in every page (no file is fetched).

The script is the same bytes on every page, so one hash in each page's Content-Security-Policy
allows it and nothing else. It never builds markup from data: search results are DOM nodes
whose text is set with ``textContent``, and the family picker only shows and hides sections the
page already holds.
"""

from __future__ import annotations

__all__ = ["CSS", "JS"]

CSS = """
:root { --ins: #d8f5d0; --del: #ffd6d6; --rep: #fff0b3; --mov: #dcd6ff; --line: #d0d7de; }
* { box-sizing: border-box; }
body { font: 15px/1.6 "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", sans-serif;
  margin: 0; color: #1f2328; background: #fff; }
header.top { background: #1f3b73; color: #fff; padding: 8px 20px; }
header.top a { color: #fff; margin-right: 16px; text-decoration: none; font-weight: 600; }
main { padding: 12px 20px 40px; max-width: 1400px; }
h1 { font-size: 22px; margin: 8px 0 4px; } h2 { font-size: 18px; margin: 22px 0 6px; }
table { border-collapse: collapse; margin: 6px 0; }
th, td { border: 1px solid var(--line); padding: 3px 8px; text-align: left; vertical-align: top; }
th { background: #f6f8fa; } td.num { text-align: right; font-variant-numeric: tabular-nums; }
.note { color: #6e4b00; background: #fff8e1; border-left: 4px solid #e6b800; padding: 4px 10px; margin: 8px 0; }
.muted { color: #656d76; font-size: 13px; }
.figures td { min-width: 90px; }
#search { width: 100%; max-width: 640px; font-size: 16px; padding: 6px 10px; }
#results section { margin: 6px 0; } #results li { margin: 2px 0; }
.heat td { width: 26px; height: 22px; padding: 0; text-align: center; font-size: 11px; }
.heat td a { display: block; color: #111; text-decoration: none; }
.heat th.col { writing-mode: vertical-rl; font-weight: normal; font-size: 12px; max-height: 160px; }
.pair { display: grid; grid-template-columns: 1fr 1fr; gap: 16px; }
.pair .col { border: 1px solid var(--line); border-radius: 6px; padding: 8px 12px; }
.pair .col h3 { font-size: 14px; margin: 0 0 6px; }
.txt { white-space: pre-wrap; word-break: break-all; }
mark { padding: 0 1px; border-radius: 2px; color: inherit; }
mark.ins { background: var(--ins); } mark.del { background: var(--del); text-decoration: line-through; }
mark.rep { background: var(--rep); } mark.mov { background: var(--mov); }
span.ign { color: #8c959f; }
.legend mark { margin-right: 8px; }
.notice-text { white-space: pre-wrap; word-break: break-all; border: 1px solid var(--line);
  padding: 10px 14px; border-radius: 6px; }
.iss { border-bottom: 2px solid #f0b060; } .iss.d1 { background: #fff7ea; }
.mea { background: #e8f1fd; outline: 1px solid #b6d0f5; }
.mea.fam { background: #fff0b3; outline: 1px solid #e6b800; }
.mea:target, .iss:target { background: #ffd54f; outline: 2px solid #d62728; }
a.famlink { font-size: 11px; vertical-align: super; text-decoration: none; color: #b35c00; }
details { margin: 2px 0 2px 14px; } summary { cursor: pointer; }
ul.measures { margin: 2px 0 4px 0; padding-left: 30px; }
.pager a { margin-right: 8px; }
"""

JS = """(function () {
  "use strict";
  function el(tag, text, cls) { var e = document.createElement(tag); if (text !== undefined) e.textContent = text; if (cls) e.className = cls; return e; }
  function json(id) { var s = document.getElementById(id); return s ? JSON.parse(s.textContent) : null; }
  var S = json("search-data"), box = document.getElementById("search"), out = document.getElementById("results");
  if (S && box && out) {
    var groups = [["u", "单位 units"], ["f", "重复措施族 families"], ["m", "措施 measures"]], timer = null;
    var run = function () {
      var q = box.value.trim().toLowerCase();
      while (out.firstChild) out.removeChild(out.firstChild);
      out.setAttribute("data-q", q);
      if (!q) return;
      groups.forEach(function (g) {
        var rows = S[g[0]] || [], hits = [], n = 0;
        for (var i = 0; i < rows.length; i++) {
          if (rows[i][0].toLowerCase().indexOf(q) >= 0) { n++; if (hits.length < 50) hits.push(rows[i]); }
        }
        var sec = el("section"); sec.appendChild(el("h3", g[1] + " · " + n));
        var ul = el("ul");
        hits.forEach(function (r) {
          var li = el("li"), a = el("a", r[0].length > 120 ? r[0].slice(0, 120) + "…" : r[0]);
          a.setAttribute("href", r[1]); li.appendChild(a);
          if (r[2]) li.appendChild(el("span", " " + r[2], "muted"));
          ul.appendChild(li);
        });
        if (n > hits.length) ul.appendChild(el("li", "… " + (n - hits.length) + " more", "muted"));
        sec.appendChild(ul); out.appendChild(sec);
      });
    };
    box.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(run, 120); });
    if (box.value) run();
  }
  var pick = document.getElementById("pair-pick");
  if (pick) {
    var show = function () {
      var secs = document.querySelectorAll("section.pair-sec");
      for (var i = 0; i < secs.length; i++) secs[i].hidden = secs[i].getAttribute("data-pair") !== pick.value;
    };
    pick.addEventListener("change", show);
    var h = location.hash.replace("#pair-", "");
    if (h && document.querySelector('section.pair-sec[data-pair="' + h.replace(/[^0-9-]/g, "") + '"]')) pick.value = h.replace(/[^0-9-]/g, "");
    show();
  }
  document.body.setAttribute("data-ready", "1");
})();
"""
