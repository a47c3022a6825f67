// Search in the page's language, Korean- and English-aware. Material has no hook for either, hence this file.
//
// 1. One index per language: the build splits mkdocs-static-i18n's merged index (src/tfnotes/site/search.py);
//    Korean stays at search/search_index.json, and an English page fetches en/search/search_index.json instead.
//    Material requests the index with XMLHttpRequest once the page has loaded, after this script has run.
// 2. The reader's query is normalised on its way to Material's search worker, by the rules of src/tfnotes/stems.py
//    (the index was built with them; this is a line-for-line mirror, and tests/test_stems.py checks both agree):
//    lunr matches every query word as a prefix and has no Korean stemmer, so 초기화하면 → 초기화 and
//    initialization → initialis, which are prefixes of what the pages write or keys the index carries.
// 3. The glossary's synonyms arrive inside the index (config.synonyms): 군집 → 클러스터, 그래디언트 → 기울기.
(function () {
  "use strict";

  // ── the rules (mirror of src/tfnotes/stems.py) ─────────────────────────────────────────────────────────────
  var PARTICLES = [
    "에서부터", "으로부터", "으로서는", "으로써는",
    "에서는", "에서도", "으로는", "으로도", "으로서", "으로써", "에게서", "이라는", "이라고", "이라면", "입니다",
    "에서", "에게", "에는", "에도", "으로", "부터", "까지", "처럼", "보다", "라는", "라고", "이나", "하고", "이다",
    "이고", "이며", "이란", "마다", "만큼", "로서", "로써", "와는", "과는", "와의", "과의", "로는", "로도", "에의",
    "은", "는", "이", "가", "을", "를", "의", "에", "로", "와", "과", "도", "만", "나", "란"
  ];
  var PLURAL = "들";
  var BARE_TAILS = ["", "다", "면", "는", "고", "게", "기", "지", "며", "면서", "려면", "려고", "도록", "는데", "던",
                    "여", "여서", "여야", "였다", "지만", "는지", "더라도", "므로", "자"];
  var MERGED_TAILS = ["", "다", "니다", "니까", "지", "데"];
  var CONTRACTED_TAILS = ["", "서", "야", "도", "요", "라", "진다", "진", "지는", "져", "지면", "보면", "보세요"];
  var PAST_TAILS = ["다", "고", "는데", "던", "지만", "으며", "을", "습니다", "으면", "는지"];
  var LIGHT_VERBS = [
    ["하", BARE_TAILS], ["되", BARE_TAILS], ["시키", BARE_TAILS],
    ["한", MERGED_TAILS], ["할", MERGED_TAILS], ["함", MERGED_TAILS], ["합", MERGED_TAILS],
    ["된", MERGED_TAILS], ["될", MERGED_TAILS], ["됨", MERGED_TAILS], ["됩", MERGED_TAILS],
    ["시킨", MERGED_TAILS], ["시킬", MERGED_TAILS], ["시킴", MERGED_TAILS], ["시킵", MERGED_TAILS],
    ["해", CONTRACTED_TAILS], ["돼", CONTRACTED_TAILS], ["시켜", CONTRACTED_TAILS],
    ["했", PAST_TAILS], ["됐", PAST_TAILS], ["시켰", PAST_TAILS]
  ];
  var VERB_ENDINGS = ["습니다", "었습니다", "았습니다", "었다", "았다", "였다", "는다", "으면", "려면", "면서", "지만",
                      "도록", "어서", "아서", "다", "면", "고", "게"];
  var MIN_HANGUL_STEM = 2;
  var WORD = /[0-9A-Za-z\uac00-\ud7a3]+/g;

  var PLURAL_KEEP = ["ss", "us", "is"];
  var NO_PLURAL = ["series", "species", "always", "perhaps", "news", "means", "this", "thus", "does", "has",
                   "was", "its", "yes", "plus", "minus", "bias", "lens", "gauss", "towards", "afterwards"];
  var OUR_ROOTS = ["behavio", "colo", "neighbo", "favo", "labo", "hono", "flavo", "humo", "harbo", "vapo", "endeavo"];
  var SPELLING = [
    [/(?<=[a-z]{3})i[sz](?:e|es|ed|ing|ation|ations|er|ers)$/, "is"],
    [/(?<=[a-z]{2})y[sz](?:e|es|ed|ing|er|ers)$/, "ys"],
    [new RegExp("^(" + OUR_ROOTS.join("|") + ")ur"), "$1r"],
    [/(?<=[a-z]{2})tre(s|d)?$/, "ter$1"],
    [/(?<=[a-z]{2})ell(ed|ing|er|ers)$/, "el$1"],
    [/(?<=[a-z]{2})ogue(s)?$/, "og$1"]
  ];

  function byLength(list) { // longest first, then by code point, as Python's sorted(key=(-len, s))
    return list.filter(function (s, i) { return list.indexOf(s) === i; }).sort(function (a, b) {
      return b.length - a.length || (a < b ? -1 : a > b ? 1 : 0);
    });
  }
  var LIGHT_SUFFIXES = byLength([].concat.apply([], LIGHT_VERBS.map(function (lv) {
    return lv[1].map(function (tail) { return lv[0] + tail; });
  })));
  VERB_ENDINGS = byLength(VERB_ENDINGS);

  function isHangul(ch) { return ch >= "\uac00" && ch <= "\ud7a3"; }
  function endsWith(word, suffix) { return word.slice(word.length - suffix.length) === suffix; }

  function cut(word, suffixes) {
    for (var i = 0; i < suffixes.length; i++) {
      var suffix = suffixes[i];
      if (word.length > suffix.length && endsWith(word, suffix)) {
        var stem = word.slice(0, word.length - suffix.length);
        var last = stem[stem.length - 1];
        if (isHangul(last) && stem.length >= MIN_HANGUL_STEM || !isHangul(last)) return stem;
      }
    }
    return word;
  }

  function koreanStem(word) {
    var stem = cut(cut(word, PARTICLES), [PLURAL]);
    var light = cut(stem, LIGHT_SUFFIXES);
    return light !== stem ? light : cut(stem, VERB_ENDINGS);
  }

  function englishStem(word) {
    if (word.length > 3 && NO_PLURAL.indexOf(word) < 0) {
      if (endsWith(word, "ies") && word.length > 4) word = word.slice(0, -3) + "y";
      else if (["sses", "xes", "ches", "shes"].some(function (s) { return endsWith(word, s); })) word = word.slice(0, -2);
      else if (endsWith(word, "s") && !PLURAL_KEEP.some(function (s) { return endsWith(word, s); })) word = word.slice(0, -1);
    }
    for (var i = 0; i < SPELLING.length; i++) word = word.replace(SPELLING[i][0], SPELLING[i][1]);
    return word;
  }

  function normaliseWord(word) {
    word = word.toLowerCase();
    if (word && isHangul(word[word.length - 1])) word = koreanStem(word);
    if (/^[a-z]+$/.test(word)) word = englishStem(word);
    return word;
  }

  function normaliseText(text) { return text.replace(WORD, normaliseWord); }

  function escape(s) { return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); }

  function normaliseQuery(query, table) {
    var text = normaliseText(query);
    var variants = Object.keys(table || {}).sort(function (a, b) {
      return b.length - a.length || (a < b ? -1 : a > b ? 1 : 0);
    });
    variants.forEach(function (variant) {
      var re = new RegExp("(?<![0-9a-z\\uac00-\\ud7a3])" + escape(variant) + "(?![0-9a-z\\uac00-\\ud7a3])", "g");
      text = text.replace(re, function () { return table[variant]; });
    });
    return text;
  }

  var api = { normaliseWord: normaliseWord, normaliseText: normaliseText, normaliseQuery: normaliseQuery };
  if (typeof module !== "undefined" && module.exports) { // node, for tests/test_stems.py
    module.exports = api;
    return;
  }

  // ── the browser: the page's index, and the query on its way to the worker ─────────────────────────────────
  var SETUP = 0, QUERY = 2; // SearchMessageType in Material's search worker protocol
  var DEFAULT_LANG = "ko";  // the default language's index is at the site root
  var lang = document.documentElement.lang || DEFAULT_LANG;
  var synonyms = {};

  var open = XMLHttpRequest.prototype.open;
  XMLHttpRequest.prototype.open = function (method, url) {
    var href = String(url);
    if (lang !== DEFAULT_LANG && /\/search\/search_index\.json$/.test(href)) {
      arguments[1] = href.replace(/search\/search_index\.json$/, lang + "/search/search_index.json");
    }
    return open.apply(this, arguments);
  };

  var post = Worker.prototype.postMessage;
  Worker.prototype.postMessage = function (message) {
    if (message && message.type === SETUP && message.data && message.data.config) {
      synonyms = message.data.config.synonyms || {};
    } else if (message && message.type === QUERY && typeof message.data === "string") {
      arguments[0] = { type: message.type, data: normaliseQuery(message.data, synonyms) };
    }
    return post.apply(this, arguments);
  };
  api.synonyms = function () { return synonyms; };
  window.tfnotesSearch = api; // for the browser tests
})();
