# Sourced by the bench scripts with N, SEED, WORK and BIN set: generates the corpus unless it
# is there for this N and seed, and gives it the project's current theme.
stamp="n=$N seed=$SEED"
if [[ ! -f $WORK/minsheng/site.toml || ! -f $WORK/hugo/config.toml ||
      "$(cat "$WORK/.corpus" 2>/dev/null)" != "$stamp" ]]; then
    mkdir -p "$WORK"
    "$BIN/examples/gen_corpus" "$N" "$WORK" --seed "$SEED" >&2
    echo "$stamp" >"$WORK/.corpus"
fi
# The corpus always builds with the project's current theme and pages.
rm -rf "$WORK/minsheng/themes/atlas" "$WORK/minsheng/content/pages"
cp -r themes/atlas "$WORK/minsheng/themes/atlas"
cp -r content/pages "$WORK/minsheng/content/pages"

