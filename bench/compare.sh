#!/usr/bin/env bash
# bench/compare.sh N — full builds of minsheng and Hugo on the same synthetic corpus of N
# bilingual reports (bench/gen_corpus), RUNS times each, alternating; prints the medians and,
# as its last line: ratio=R minsheng_s=A hugo_s=B peak_mb=M. See bench/README.md.
#
# env: RUNS (default 3), SEED (default 1), WORK (default target/bench-corpus-N)
set -euo pipefail

usage() {
    echo "usage: bench/compare.sh N    (env: RUNS=3 SEED=1 WORK=target/bench-corpus-N)" >&2
    exit 2
}
[[ $# -eq 1 && $1 =~ ^[1-9][0-9]*$ ]] || usage
N=$1
RUNS=${RUNS:-3}
SEED=${SEED:-1}
[[ $RUNS =~ ^[1-9][0-9]*$ ]] || { echo "RUNS must be a positive integer" >&2; exit 2; }
[[ $SEED =~ ^[0-9]+$ ]] || { echo "SEED must be a non-negative integer" >&2; exit 2; }

cd "$(dirname "$0")/.."
WORK=${WORK:-target/bench-corpus-$N}
BIN=${CARGO_TARGET_DIR:-target}/release

# --- tools -----------------------------------------------------------------------------------
apt_install() {
    local sudo=""
    [[ $(id -u) -eq 0 ]] || sudo=sudo
    echo "installing $* with apt-get" >&2
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" >&2
}
command -v hugo >/dev/null 2>&1 || apt_install hugo
[[ -x /usr/bin/time ]] || apt_install time
HUGO=$(command -v hugo)

cargo build --release --bin minsheng --example gen_corpus >&2

# --- corpus -----------------------------------------------------------------------------------
source bench/corpus.sh

# --- runs --------------------------------------------------------------------------------------
# Every run writes into a folder of its own, and the outputs go when the script ends: ext4
# without a journal skips over inodes deleted in the last minutes when it creates files, so a
# build started just after deleting the last output pays for that deletion (seen: 5 s of
# system time at 10,000 reports).
OUTS=$WORK/out
if [[ -e $OUTS || -e $WORK/minsheng-out || -e $WORK/hugo-out ]]; then
    echo "removing the outputs of an earlier run, then waiting a minute for ext4 to forget them" >&2
    rm -rf "$WORK/minsheng-out" "$WORK/hugo-out" "$OUTS"
    sync
    sleep 65
fi
trap 'rm -rf "$OUTS"; sync' EXIT
LOG=$WORK/run.log
declare -a ms_wall=() ms_cpu=() ms_kb=() hugo_wall=() hugo_cpu=() hugo_kb=()

mb() { awk -v k="$1" 'BEGIN { printf "%.0f", k / 1024 }'; }

# measure NAME CMD...: runs CMD under GNU time; sets WALL CPU KB, or shows the log and exits.
measure() {
    local name=$1 t
    shift
    t=$(mktemp)
    if ! /usr/bin/time -f '%e %U %S %M' -o "$t" "$@" >"$LOG" 2>&1; then
        echo "error: $name build failed:" >&2
        tail -n 40 "$LOG" >&2
        rm -f "$t"
        exit 1
    fi
    read -r WALL user sys KB < <(tail -n 1 "$t")
    rm -f "$t"
    CPU=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')
}

echo "corpus: $N reports x 2 languages, seed $SEED, in $WORK ($(du -sh "$WORK/minsheng/content" | cut -f1) minsheng content, $(du -sh "$WORK/hugo/content" | cut -f1) hugo content)"
echo "hugo: $("$HUGO" version | head -n 1)"
echo "cpus: $(nproc), runs: $RUNS"
for ((i = 1; i <= RUNS; i++)); do
    MS_OUT=$OUTS/minsheng-$i
    measure minsheng "$BIN/minsheng" build --root "$WORK/minsheng" --output "$MS_OUT"
    ms_wall+=("$WALL") ms_cpu+=("$CPU") ms_kb+=("$KB")
    printf 'run %d  minsheng  wall %6.2f s  cpu %6.2f s  peak %5d MB\n' "$i" "$WALL" "$CPU" "$(mb "$KB")"

    HUGO_OUT=$OUTS/hugo-$i
    rm -rf "$WORK/hugo/resources" "$WORK/hugo/.hugo_build.lock"
    measure hugo "$HUGO" --source "$WORK/hugo" --destination "$(realpath -m "$HUGO_OUT")" --quiet --ignoreCache
    hugo_wall+=("$WALL") hugo_cpu+=("$CPU") hugo_kb+=("$KB")
    printf 'run %d  hugo      wall %6.2f s  cpu %6.2f s  peak %5d MB\n' "$i" "$WALL" "$CPU" "$(mb "$KB")"
done

# --- summary -----------------------------------------------------------------------------------
median() {
    printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END {
        m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%.2f", m }'
}
pages() { find "$1" -name '*.html' | wc -l; }

msw=$(median "${ms_wall[@]}")
hw=$(median "${hugo_wall[@]}")
ms_mb=$(mb "$(median "${ms_kb[@]}")")
hugo_mb=$(mb "$(median "${hugo_kb[@]}")")
echo
printf '%-10s %8s %8s %8s %11s\n' tool wall_s cpu_s peak_mb html_pages
printf '%-10s %8s %8s %8s %11s\n' minsheng "$msw" "$(median "${ms_cpu[@]}")" "$ms_mb" "$(pages "$MS_OUT")"
printf '%-10s %8s %8s %8s %11s\n' hugo "$hw" "$(median "${hugo_cpu[@]}")" "$hugo_mb" "$(pages "$HUGO_OUT")"
echo "(medians of $RUNS runs; minsheng/Hugo wall time ratio below)"
ratio=$(awk -v a="$msw" -v b="$hw" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')
echo "ratio=$ratio minsheng_s=$msw hugo_s=$hw peak_mb=$ms_mb"
