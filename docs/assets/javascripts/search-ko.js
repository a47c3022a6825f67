// Korean-aware search queries.
//
// Material's search (lunr) matches every query term as a prefix ("term*"), and a prefix query skips
// lunr's language pipeline, so no stemmer can help: "클러스터링을" (with the object particle 을) is not
// a prefix of "클러스터링" and finds nothing. Material has no hook for the query, so the query is
// normalised on its way to the search worker: a trailing particle is cut from Hangul words (when at
// least two syllables remain). Cutting a particle from a word that had none only widens the match.
(function () {
  "use strict";
  var QUERY = 2; // SearchMessageType.QUERY in Material's search worker protocol
  var PARTICLES = [
    "에서는", "으로는", "에게서", "이라는", "이라고", "입니다", "에서", "에게", "으로", "부터", "까지",
    "처럼", "보다", "라는", "이나", "하고", "이다", "은", "는", "이", "가", "을", "를", "의", "에", "로",
    "와", "과", "도", "만", "나"
  ];
  var HANGUL = /[\uac00-\ud7a3]/;

  function normaliseTerm(term) {
    if (!HANGUL.test(term)) return term;
    for (var i = 0; i < PARTICLES.length; i++) {
      var p = PARTICLES[i];
      var stem = term.slice(0, term.length - p.length);
      if (term.length > p.length && term.slice(-p.length) === p && Array.from(stem).length >= 2) {
        return stem;
      }
    }
    return term;
  }

  function normalise(query) {
    return query.split(/(\s+)/).map(function (part) {
      return /^\s+$/.test(part) || part === "" ? part : normaliseTerm(part);
    }).join("");
  }

  var post = Worker.prototype.postMessage;
  Worker.prototype.postMessage = function (message) {
    if (message && message.type === QUERY && typeof message.data === "string") {
      arguments[0] = { type: message.type, data: normalise(message.data) };
    }
    return post.apply(this, arguments);
  };
  window.tfnotesNormaliseQuery = normalise; // for the browser tests
})();
