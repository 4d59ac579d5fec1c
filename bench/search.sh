#!/usr/bin/env bash
# bench/search.sh N — the search index a reader's first query downloads at N reports: builds
# the benchmark corpus (bench/gen_corpus) into a site served on a local port, then opens its
# search page for 养老 (Chinese) and "hospital" (English) in headless Chromium and prints the
# index files and bytes each query fetched (Performance API). See bench/README.md.
#
# env: SEED (default 1), WORK (default target/bench-corpus-N), PORT (default 8765)
set -euo pipefail

[[ $# -eq 1 && $1 =~ ^[1-9][0-9]*$ ]] || {
    echo "usage: bench/search.sh N    (env: SEED=1 WORK=target/bench-corpus-N PORT=8765)" >&2
    exit 2
}
N=$1
SEED=${SEED:-1}
PORT=${PORT:-8765}
cd "$(dirname "$0")/.."
WORK=${WORK:-target/bench-corpus-$N}
BIN=${CARGO_TARGET_DIR:-target}/release

cargo build --release --bin minsheng --example gen_corpus --example search_bytes >&2
source bench/corpus.sh

SITE=$WORK/search-site
"$BIN/minsheng" build --root "$WORK/minsheng" --output "$SITE" --force \
    --base-url "http://127.0.0.1:$PORT/" >&2
python3 -m http.server "$PORT" --bind 127.0.0.1 --directory "$SITE" >/dev/null 2>&1 &
server=$!
trap 'kill $server' EXIT
sleep 1
"$BIN/examples/search_bytes" \
    "http://127.0.0.1:$PORT/search/?q=%E5%85%BB%E8%80%81" \
    "http://127.0.0.1:$PORT/en/search/?q=hospital"
