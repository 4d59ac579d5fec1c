#!/usr/bin/env bash
# bench/instructions.sh N [BIN] — the instructions one full build of the N-report benchmark
# corpus executes, counted by callgrind: unlike seconds, the count repeats to a few parts in
# ten thousand whatever else the machine is doing, so two revisions compare on a busy
# machine. The build runs on one rayon thread (valgrind runs one thread at a time anyway,
# and idle workers would spin and add instructions that depend on scheduling). Prints the
# count and the output's checksum, to check that a change left the site byte-identical.
# Slow: about 90 s at N = 300. See bench/README.md.
#
# env: SEED (default 1), WORK (default target/bench-corpus-N)
set -euo pipefail

[[ ($# -eq 1 || $# -eq 2) && $1 =~ ^[1-9][0-9]*$ ]] || {
    echo "usage: bench/instructions.sh N [BIN]    (env: SEED=1 WORK=target/bench-corpus-N)" >&2
    exit 2
}
N=$1
SEED=${SEED:-1}
cd "$(dirname "$0")/.."
WORK=${WORK:-target/bench-corpus-$N}
BIN=${CARGO_TARGET_DIR:-target}/release

if ! command -v valgrind >/dev/null 2>&1; then
    sudo=""
    [[ $(id -u) -eq 0 ]] || sudo=sudo
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq valgrind >&2
fi
cargo build --release --bin minsheng --example gen_corpus >&2
source bench/corpus.sh
MINSHENG=${2:-$BIN/minsheng}

OUT=$(mktemp -d)
LOG=$(mktemp)
trap 'rm -rf "$OUT" "$LOG"' EXIT
RAYON_NUM_THREADS=1 valgrind --tool=callgrind --callgrind-out-file=/dev/null \
    "$MINSHENG" build --quiet --root "$WORK/minsheng" --output "$OUT/site" 2>"$LOG" || {
    tail -n 20 "$LOG" >&2
    exit 1
}
instructions=$(sed -n 's/.*Collected : \([0-9]*\).*/\1/p' "$LOG")
checksum=$(cd "$OUT/site" && find . -type f -print0 | LC_ALL=C sort -z | xargs -0 cat | sha256sum | cut -c1-16)
echo "instructions=$instructions output=$checksum"
