#!/usr/bin/env bash
# Runs tensh's fuzzers (cargo-fuzz, nightly toolchain): the parser on arbitrary bytes, and
# parse + evaluate in a fresh session with a 64 MB tensor budget.
#   scripts/fuzz.sh parse 10000000     # target, number of runs
#   scripts/fuzz.sh eval 2000000
# The corpus starts from every .py the tests and scripts hold. A crash leaves its input in
# fuzz/artifacts/TARGET/; add it to tests/robustness.rs as a regression test. Leak detection
# is off: closures and the scopes they close over form Rc cycles, which tensh does not collect.
set -euo pipefail
cd "$(dirname "$0")/.."
target=${1:-parse}
runs=${2:-1000000}
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz
mkdir -p "fuzz/corpus/$target"
for f in tests/conformance/*.py tests/reference/*.py scripts/*.py; do
  cp "$f" "fuzz/corpus/$target/seed_$(basename "$f")"
done
# Absolute paths: the fuzzed programs call os.chdir, after which libFuzzer could no longer
# find a relative corpus or artifact directory.
mkdir -p "fuzz/artifacts/$target"
cargo +nightly fuzz run -O "$target" "$PWD/fuzz/corpus/$target" -- \
  -runs="$runs" -max_len=4096 -timeout=10 -rss_limit_mb=2048 -detect_leaks=0 -print_final_stats=1 \
  -artifact_prefix="$PWD/fuzz/artifacts/$target/"
