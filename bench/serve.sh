#!/usr/bin/env bash
# bench/serve.sh N — save-to-reload time of `minsheng serve` on the synthetic corpus of N
# reports: serves a copy of the corpus, edits one report EDITS times, and times each edit from
# the write of the file to the `reload` event on the server's event stream (what an open page
# waits for). Prints each time, then as its last line: reload_ms=MEDIAN max_ms=MAX n=N.
#
# Between edits it waits for the catch-up reload (district and site-wide pages) and then PAUSE
# seconds more for the downloads and search index, written in the background.
#
# env: EDITS (default 5), PAUSE (default 10), SEED (default 1), WORK (default target/bench-corpus-N)
set -euo pipefail

[[ $# -eq 1 && $1 =~ ^[1-9][0-9]*$ ]] || { echo "usage: bench/serve.sh N" >&2; exit 2; }
N=$1
EDITS=${EDITS:-5}
PAUSE=${PAUSE:-10}
SEED=${SEED:-1}
cd "$(dirname "$0")/.."
WORK=${WORK:-target/bench-corpus-$N}
BIN=${CARGO_TARGET_DIR:-target}/release
command -v curl >/dev/null || { echo "curl is required" >&2; exit 1; }

cargo build --release --bin minsheng --example gen_corpus >&2
source bench/corpus.sh

SITE=$WORK/serve-site
rm -rf "$SITE"
cp -r "$WORK/minsheng" "$SITE"
LOG=$WORK/serve.log
EVENTS=$WORK/serve.events
"$BIN/minsheng" serve --root "$SITE" --port 0 >"$LOG" 2>&1 &
server=$!
trap 'kill $server $stream 2>/dev/null || true' EXIT
stream=""
until grep -q '^serving ' "$LOG"; do
    kill -0 $server 2>/dev/null || { cat "$LOG" >&2; exit 1; }
    sleep 0.2
done
url=$(sed -n 's/^serving \(http:[^ ]*\).*/\1/p' "$LOG")
origin=$(echo "$url" | sed 's#^\(http://[^/]*\).*#\1#')
curl -sN "$origin/__minsheng/events" >"$EVENTS" &
stream=$!
sleep 0.5

report=$(find "$SITE/content/districts" -name '*.md' ! -name '_index*' ! -name '*.en.md' | sort | sed -n 1p)
reloads() { grep -c '^event: reload' "$EVENTS" || true; }
# wait_reload N: waits (at most two minutes) until more than N reload events arrived.
wait_reload() {
    local deadline=$((SECONDS + 120))
    until [[ $(reloads) -gt $1 ]]; do
        (( SECONDS < deadline )) || { echo "no reload within two minutes" >&2; exit 1; }
        sleep 0.002
    done
}
times=()
for i in $(seq "$EDITS"); do
    before=$(reloads)
    start=$(date +%s%N)
    sed -i "0,/。/s/。/。 /" "$report"
    wait_reload "$before"
    ms=$(( ($(date +%s%N) - start) / 1000000 ))
    echo "edit $i: reload after $ms ms" >&2
    times+=("$ms")
    wait_reload $((before + 1))
    sleep "$PAUSE"
done
grep 'reload sent' "$LOG" >&2 || true
sorted=($(printf '%s\n' "${times[@]}" | sort -n))
echo "reload_ms=${sorted[$(( ${#sorted[@]} / 2 ))]} max_ms=${sorted[-1]} n=$N"
