#!/usr/bin/env bash
# bench/scale.sh N… — how a full minsheng build grows with the number of reports: for each N,
# generates the benchmark corpus (bench/gen_corpus) and builds it RUNS times, each into a
# folder of its own, printing the median wall time, its peak memory, the output's size (its files'
# bytes, what a host such as GitHub Pages stores, and on disk by `du`), the largest HTML page and
# the time per report. See bench/README.md.
#
# env: RUNS (default 3), SEED (default 1)
set -euo pipefail

(( $# >= 1 )) || { echo "usage: bench/scale.sh N… (env: RUNS=3 SEED=1)" >&2; exit 2; }
RUNS=${RUNS:-3}
SEED=${SEED:-1}
cd "$(dirname "$0")/.."
BIN=${CARGO_TARGET_DIR:-target}/release
[[ -x /usr/bin/time ]] || { echo "GNU time is needed: apt-get install time" >&2; exit 2; }
cargo build --release --bin minsheng --example gen_corpus >&2

echo "reports wall_s peak_mb files_mb du_mb largest_page_kb ms_per_report"
for N in "$@"; do
    [[ $N =~ ^[1-9][0-9]*$ ]] || { echo "not a number of reports: $N" >&2; exit 2; }
    WORK=target/bench-corpus-$N
    source bench/corpus.sh
    walls=()
    peak=0
    for ((i = 1; i <= RUNS; i++)); do
        out=$WORK/out/scale-$i
        rm -rf "$out"
        /usr/bin/time -f "%e %M" -o "$WORK/time" "$BIN/minsheng" build --quiet \
            --root "$WORK/minsheng" --output "$out" >&2
        read -r wall kb <"$WORK/time"
        walls+=("$wall")
        (( kb / 1024 > peak )) && peak=$((kb / 1024))
        files_mb=$(find "$out" -type f -printf '%s\n' | awk '{s += $1} END {printf "%d", s / 1e6}')
        du_mb=$(du -sm "$out" | cut -f1)
        largest_kb=$(find "$out" -name '*.html' -printf '%s\n' | sort -n | tail -1 | awk '{printf "%d", $1 / 1024}')
    done
    # Removed only now: a build right after deleting a large output pays for it (see
    # bench/README.md).
    rm -rf "$WORK"/out/scale-*
    median=$(printf '%s\n' "${walls[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR + 1) / 2)]}')
    per=$(awk -v s="$median" -v n="$N" 'BEGIN {printf "%.2f", s * 1000 / n}')
    echo "$N $median $peak $files_mb $du_mb $largest_kb $per"
done
