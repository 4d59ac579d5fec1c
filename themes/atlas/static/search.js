// Search for the atlas: the index is built with minsheng's tokens (jieba search mode for
// Chinese, Snowball-stemmed English) and split into shards; a query is segmented against the
// index's own vocabulary, so it finds the terms the index holds. Results are ranked with BM25
// and built with DOM text nodes only: nothing of the query or the index is parsed as HTML.
(function () {
  "use strict";

  var script = document.currentScript;
  var base = script && script.getAttribute("data-index");
  var form = document.getElementById("search-form");
  var input = document.getElementById("search-input");
  var list = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  if (!base || !form || !input || !list || !status) return;

  var words = form.dataset;
  // As search.rs writes the postings' weights.
  var WEIGHT_SCALE = 50;
  var LONGEST = 12;
  var SHOWN = 20;
  var BOOST = { report: 1.6, district: 1.3, glossary: 1.0, figure: 1.0 };
  var STOP = ("a an and are as at be by for from has have in is it its of on or that the this to " +
    "was were with").split(" ");
  var cache = {};
  var latest = 0;

  function load(path) {
    if (!(path in cache)) {
      cache[path] = fetch(base + path)
        .then(function (r) { return r.ok ? r.json() : null; })
        .catch(function () { return null; });
    }
    return cache[path];
  }

  function isHan(c) {
    var p = c.codePointAt(0);
    return (p >= 0x4e00 && p <= 0x9fff) || (p >= 0x3400 && p <= 0x4dbf) || (p >= 0xf900 && p <= 0xfaff);
  }

  function isWordChar(c) {
    return /[\p{L}\p{N}]/u.test(c) && !isHan(c);
  }

  // Runs of Chinese characters and runs of other letters and digits, as tokens.rs splits text.
  function runs(text) {
    var out = [];
    var chars = Array.from(text);
    var i = 0;
    while (i < chars.length) {
      var han = isHan(chars[i]);
      if (!han && !isWordChar(chars[i])) { i++; continue; }
      var j = i + 1;
      while (j < chars.length && (han ? isHan(chars[j]) : isWordChar(chars[j]))) j++;
      out.push({ han: han, chars: chars.slice(i, j) });
      i = j;
    }
    return out;
  }

  // Vocabulary shards go by a term's first character, postings shards by an FNV-1a hash of
  // its UTF-8 bytes: the same arithmetic as src/site/search.rs.
  var vocabSets = {};
  function vocabulary(meta, term) {
    var path = "v/" + (term.codePointAt(0) % meta.vocab) + ".json";
    return load(path).then(function (shard) {
      if (!(path in vocabSets)) vocabSets[path] = { terms: new Set((shard && shard.t) || []), words: (shard && shard.w) || {} };
      return vocabSets[path];
    });
  }

  var encoder = new TextEncoder();
  function postingsPath(meta, term) {
    var hash = 0x811c9dc5;
    encoder.encode(term).forEach(function (byte) {
      hash ^= byte;
      hash = Math.imul(hash, 0x01000193) >>> 0;
    });
    return "p/" + (hash % meta.postings) + ".json";
  }

  // The index terms of a Chinese run: every substring the vocabulary holds (two characters or
  // more), and single characters where no longer term covers them.
  function hanTerms(meta, chars) {
    return Promise.all(chars.map(function (c) { return vocabulary(meta, c); })).then(function (vocabs) {
      var found = [];
      var covered = chars.map(function () { return false; });
      for (var i = 0; i < chars.length; i++) {
        for (var j = Math.min(chars.length, i + LONGEST); j >= i + 2; j--) {
          var sub = chars.slice(i, j).join("");
          if (vocabs[i].terms.has(sub)) {
            found.push({ term: sub, marks: [sub] });
            for (var k = i; k < j; k++) covered[k] = true;
          }
        }
      }
      for (var n = 0; n < chars.length; n++) {
        if (!covered[n] && vocabs[n].terms.has(chars[n])) {
          found.push({ term: chars[n], marks: [chars[n]] });
        }
      }
      return found;
    });
  }

  // The stem of an English word, from the words the index saw (and their plain variants).
  function wordTerm(meta, chars) {
    var word = chars.join("").toLowerCase();
    if (STOP.indexOf(word) >= 0 || chars.length < 2) return Promise.resolve([]);
    if (/\d/.test(word)) return Promise.resolve([{ term: word, marks: [word] }]);
    var variants = [word];
    [["ies", "y"], ["es", ""], ["s", ""], ["ing", ""], ["ed", ""], ["ly", ""]].forEach(function (r) {
      if (word.length > r[0].length + 2 && word.slice(-r[0].length) === r[0]) {
        variants.push(word.slice(0, -r[0].length) + r[1]);
      }
    });
    return Promise.all(variants.map(function (v) { return vocabulary(meta, v); })).then(function (vocabs) {
      for (var i = 0; i < variants.length; i++) {
        if (Object.prototype.hasOwnProperty.call(vocabs[i].words, variants[i])) {
          var stem = vocabs[i].words[variants[i]];
          return [{ term: stem, marks: [word, variants[i], stem] }];
        }
      }
      // A form the texts never used: the longest indexed stem the word starts with
      // (Snowball stems are prefixes of their words: hospit- for "hospital").
      var best = "";
      vocabs[0].terms.forEach(function (term) {
        if (term.length >= 4 && term.length > best.length && word.indexOf(term) === 0) best = term;
      });
      return best ? [{ term: best, marks: [word, best] }] : [];
    });
  }

  function queryTerms(meta, query) {
    return Promise.all(runs(query).map(function (run) {
      return run.han ? hanTerms(meta, run.chars) : wordTerm(meta, run.chars);
    })).then(function (parts) { return [].concat.apply([], parts); });
  }

  function rank(meta, terms) {
    return Promise.all(terms.map(function (t) { return load(postingsPath(meta, t.term)); })).then(function (shards) {
      var scores = {};
      terms.forEach(function (t, i) {
        var postings = shards[i] && shards[i][t.term];
        if (!postings) return;
        var df = postings.length / 2;
        var idf = Math.log(1 + (meta.docs - df + 0.5) / (df + 0.5));
        // Each document is given by its gap from the one before, then the term's BM25 weight
        // there (its term part, lengths normalised within each kind), times WEIGHT_SCALE.
        var doc = 0;
        for (var k = 0; k < postings.length; k += 2) {
          doc += postings[k];
          scores[doc] = (scores[doc] || 0) + idf * postings[k + 1] / WEIGHT_SCALE;
        }
      });
      // Documents come sorted by kind; the manifest says where each kind starts and ends, and
      // how many documents each of its chunk files holds.
      function place(d) {
        for (var i = 0; i < meta.kinds.length; i++) {
          var k = meta.kinds[i];
          if (d >= k[1] && d < k[2]) {
            return { kind: k[0], file: "d/" + k[0] + "-" + Math.floor((d - k[1]) / k[3]) + ".json", row: (d - k[1]) % k[3] };
          }
        }
        return null;
      }
      var ranked = Object.keys(scores).map(Number).map(function (d) {
        var at = place(d);
        return at && { id: d, at: at, score: scores[d] * (BOOST[at.kind] || 1) };
      }).filter(Boolean).sort(function (a, b) { return b.score - a.score || a.id - b.id; }).slice(0, SHOWN);
      // Only the chunks of the results shown are loaded.
      var files = {};
      ranked.forEach(function (r) { files[r.at.file] = true; });
      return Promise.all(Object.keys(files).map(function (f) {
        return load(f).then(function (rows) { return [f, rows || []]; });
      })).then(function (loaded) {
        var rows = {};
        loaded.forEach(function (pair) { rows[pair[0]] = pair[1]; });
        return ranked.map(function (r) {
          var row = rows[r.at.file][r.at.row];
          r.row = row && [r.at.kind].concat(row);
          return r;
        }).filter(function (r) { return r.row; });
      });
    });
  }

  // `text` as nodes, with every occurrence of a mark wrapped in <mark>.
  function highlighted(text, marks) {
    var fragment = document.createDocumentFragment();
    var lower = text.toLowerCase();
    var needles = marks.filter(Boolean).map(function (m) { return m.toLowerCase(); });
    var pos = 0;
    while (pos < text.length) {
      var best = -1;
      var length = 0;
      needles.forEach(function (n) {
        var at = lower.indexOf(n, pos);
        if (at >= 0 && (best < 0 || at < best || (at === best && n.length > length))) {
          best = at;
          length = n.length;
        }
      });
      if (best < 0) break;
      fragment.appendChild(document.createTextNode(text.slice(pos, best)));
      var mark = document.createElement("mark");
      mark.textContent = text.slice(best, best + length);
      fragment.appendChild(mark);
      pos = best + length;
    }
    fragment.appendChild(document.createTextNode(text.slice(pos)));
    return fragment;
  }

  // A window of the text around its first match.
  function snippet(text, marks) {
    var lower = text.toLowerCase();
    var first = -1;
    marks.forEach(function (m) {
      var at = lower.indexOf(m.toLowerCase());
      if (at >= 0 && (first < 0 || at < first)) first = at;
    });
    var start = Math.max(0, first - 30);
    var cut = text.slice(start, start + 160);
    return (start > 0 ? "…" : "") + cut + (start + 160 < text.length ? "…" : "");
  }

  function show(results, marks) {
    list.textContent = "";
    results.forEach(function (r) {
      var row = r.row;
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = row[2];
      link.className = "result-title";
      var kind = document.createElement("span");
      kind.className = "result-kind kind-" + row[0];
      kind.textContent = words[row[0]] || row[0];
      link.appendChild(kind);
      link.appendChild(highlighted(row[1], marks));
      item.appendChild(link);
      var where = [row[3], row[4]].filter(Boolean).join(" · ");
      if (where) {
        var place = document.createElement("p");
        place.className = "meta";
        place.textContent = where;
        item.appendChild(place);
      }
      if (row[5]) {
        var text = document.createElement("p");
        text.className = "result-snippet";
        text.appendChild(highlighted(snippet(row[5], marks), marks));
        item.appendChild(text);
      }
      list.appendChild(item);
    });
    status.textContent = results.length ? results.length + " " + words.found : words.none;
  }

  function search(query) {
    var mine = ++latest;
    query = query.trim();
    if (!query) {
      list.textContent = "";
      status.textContent = "";
      return;
    }
    status.textContent = words.loading;
    load("meta.json").then(function (meta) {
      if (!meta) return;
      return queryTerms(meta, query).then(function (terms) {
        return rank(meta, terms).then(function (results) {
          if (mine !== latest) return;
          var marks = [].concat.apply([], terms.map(function (t) { return t.marks; }));
          show(results, marks);
        });
      });
    });
  }

  var timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      var url = new URL(window.location.href);
      if (input.value) url.searchParams.set("q", input.value); else url.searchParams.delete("q");
      history.replaceState(null, "", url);
      search(input.value);
    }, 120);
  });
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    search(input.value);
  });

  // Arrow keys move between the field and the results; Enter follows a result's link.
  document.addEventListener("keydown", function (e) {
    if (e.key !== "ArrowDown" && e.key !== "ArrowUp") return;
    var links = Array.prototype.slice.call(list.querySelectorAll("a.result-title"));
    if (!links.length) return;
    var at = links.indexOf(document.activeElement);
    if (document.activeElement !== input && at < 0) return;
    e.preventDefault();
    if (e.key === "ArrowDown") {
      (links[at + 1] || links[links.length - 1]).focus();
    } else if (at <= 0) {
      input.focus();
    } else {
      links[at - 1].focus();
    }
  });

  var initial = new URLSearchParams(window.location.search).get("q") || "";
  input.value = initial;
  search(initial);
})();
