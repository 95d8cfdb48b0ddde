#!/usr/bin/env bash
# A short, bounded run of the fuzz targets (cargo-fuzz and libFuzzer, on the
# stable toolchain without a sanitizer). Installs cargo-fuzz under
# target/tmp/tools when it is missing, seeds the corpus from the
# conformance cases and examples (fuzz/seed.py), builds every target, runs
# each for a few seconds and fails if any of them crashes: a panic, an
# abort, a stack overflow, an input slower than the timeout or one that
# needs more memory than the RSS limit. See fuzz/README.md.
#
#   scripts/fuzz.sh                        every target, 20 s each
#   scripts/fuzz.sh eval parse             some targets
#   FUZZ_SECONDS=600 scripts/fuzz.sh eval  a longer run
#   FUZZ_SEED=random scripts/fuzz.sh       a new random seed each run (the
#                                          default seed is fixed, so that a
#                                          run tries the same inputs each
#                                          time it gets as far)
#   FUZZ_FLAGS="-fork=1 -ignore_crashes=1" scripts/fuzz.sh eval
#                                          more libFuzzer flags (here: go on
#                                          after a crash, saving each one)
#
# The build goes to $CARGO_TARGET_DIR when it is set, else fuzz/target. The
# corpus grows in target/fuzz-corpus/<target>/ and a crashing input is
# saved in target/fuzz-artifacts/<target>/ (turn it into a regression, see
# fuzz/README.md, then delete it).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
tools=$root/target/tmp/tools
export PATH="$tools/bin:$PATH"

seconds=${FUZZ_SECONDS:-20}
seed=${FUZZ_SEED:-1}
read -r -a extra_flags <<<"${FUZZ_FLAGS:-}"
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(parse eval template context messaging)
fi
build_dir=${CARGO_TARGET_DIR:-$root/fuzz/target}
corpus=$root/target/fuzz-corpus
artifacts=$root/target/fuzz-artifacts
triple=$(rustc -vV | sed -n 's/^host: //p')

if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "== installing cargo-fuzz into target/tmp/tools"
  # --debug: it only drives cargo and libFuzzer, and builds in half the time.
  env -u CARGO_TARGET_DIR cargo install cargo-fuzz --version '^0.13' --locked --debug \
    --root "$tools" --quiet
fi

echo "== seeding the corpus"
python3 fuzz/seed.py "$corpus"

# --dev: the dev profile of fuzz/Cargo.toml (opt-level 1, no debug info)
# with debug assertions and overflow checks; a release build (one codegen
# unit) takes several times longer to compile for a short run. -s none: no
# sanitizer, which needs nightly (the code is safe Rust; libFuzzer still
# catches panics, aborts, stack overflows, timeouts and memory blow-ups).
echo "== building the fuzz targets"
cargo fuzz build --fuzz-dir fuzz -s none --dev --target "$triple" --target-dir "$build_dir"
bin_dir=$build_dir/$triple/debug

seed_flag=()
if [ "$seed" != random ]; then
  seed_flag=(-seed="$seed")
fi
failed=()
for t in "${targets[@]}"; do
  echo "== fuzzing $t for ${seconds}s"
  mkdir -p "$corpus/$t" "$artifacts/$t"
  log=$artifacts/$t.log
  if "$bin_dir/$t" "$corpus/$t" "${seed_flag[@]}" \
    -max_total_time="$seconds" -timeout=15 -rss_limit_mb=2048 -max_len=4096 \
    -artifact_prefix="$artifacts/$t/" -print_final_stats=1 "${extra_flags[@]}" >"$log" 2>&1; then
    # The last status line: executions, coverage (cov) and features (ft).
    { grep -E '^#[0-9]+' "$log" | tail -n 1 | cut -c1-120; } || true
  else
    tail -n 40 "$log"
    echo "!! $t failed: see $log and the input saved in $artifacts/$t/"
    failed+=("$t")
  fi
done

if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzzing found crashes in: ${failed[*]}"
  exit 1
fi
echo "fuzzing: no crash in ${targets[*]}"
