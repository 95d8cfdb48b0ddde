#!/usr/bin/env bash
# A short, bounded run of the fuzz targets (cargo-fuzz and libFuzzer, on the
# stable toolchain without a sanitizer). Installs cargo-fuzz under
# target/tmp/tools when it is missing, seeds the corpus from the
# conformance cases and examples (fuzz/seed.py), builds every target, runs
# each for a few seconds and fails if any of them crashes, aborts, runs out
# of memory or time. See fuzz/README.md.
#
#   scripts/fuzz.sh                       every target, 20 s each
#   scripts/fuzz.sh eval parse            some targets
#   FUZZ_SECONDS=600 scripts/fuzz.sh eval a longer run
#   FUZZ_SEED=random scripts/fuzz.sh      a new random seed each run (the
#                                         default seed is fixed, so that a
#                                         run explores the same inputs each
#                                         time it gets as far)
#
# The corpus grows in target/fuzz-corpus/<target>/; a crashing input is
# saved in target/fuzz-artifacts/<target>/ (add it to fuzz/regressions/).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
tools=$root/target/tmp/tools
export PATH="$tools/bin:$PATH"

seconds=${FUZZ_SECONDS:-20}
seed=${FUZZ_SEED:-1}
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(parse eval template context messaging)
fi
fuzz_dir=$root/target/fuzz
corpus=$root/target/fuzz-corpus
artifacts=$root/target/fuzz-artifacts

if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "== installing cargo-fuzz into target/tmp/tools"
  cargo install cargo-fuzz --version '^0.13' --locked --root "$tools" --quiet
fi

echo "== seeding the corpus"
python3 fuzz/seed.py "$corpus"

# --dev: opt-level 1 with debug assertions and overflow checks (see
# fuzz/Cargo.toml); a release build takes several times longer to compile
# for a short run. -s none: no sanitizer, which the stable toolchain lacks
# (the code is safe Rust; libFuzzer still finds panics, aborts, stack
# overflows, timeouts and memory blow-ups).
echo "== building the fuzz targets"
(cd fuzz && cargo fuzz build -s none --dev --target-dir "$fuzz_dir")
bin_dir=$fuzz_dir/x86_64-unknown-linux-gnu/debug

seed_flag=()
if [ "$seed" != random ]; then
  seed_flag=(-seed="$seed")
fi
failed=()
for t in "${targets[@]}"; do
  echo "== fuzzing $t for ${seconds}s"
  mkdir -p "$corpus/$t" "$artifacts/$t"
  log=$artifacts/$t/last-run.log
  if "$bin_dir/$t" "$corpus/$t" "${seed_flag[@]}" \
      -max_total_time="$seconds" -timeout=15 -rss_limit_mb=2048 -max_len=4096 \
      -artifact_prefix="$artifacts/$t/" -print_final_stats=1 >"$log" 2>&1; then
    { grep -E '^stat::(number_of_executed_units|peak_rss_mb)|^#[0-9]+.*DONE' "$log" || true; } | tr '\n' ' '
    echo
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
