#!/usr/bin/env bash
# Builds the libFuzzer targets (tests/fuzz) with clang, ASan and UBSan in ./build-fuzz and runs
# each for a bounded time: `scripts/fuzz.sh [SECONDS]`, 30 s each by default. Seeds are our hostile
# corpus (tests/data/hostile), the built-in questionnaires and the third-party scanner files in
# ../shared/testdata (read in place, never copied into the project). Fails if any fuzzer finds a
# crash, a sanitizer report, a timeout, an out-of-memory or a broken invariant; the input that did
# it is kept as build-fuzz/findings/<fuzzer>/crash-* etc., to become a case in tests/data/hostile.
# What fuzzers learn is kept in build-fuzz/corpus/, so later runs start from there.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-30}"
build=build-fuzz
shared=../shared/testdata
hostile=tests/data/hostile

# libFuzzer comes with clang's runtime libraries (clang-14, libclang-rt-14-dev: scripts/install-deps.sh).
if ! command -v clang++-14 >/dev/null 2>&1; then
  echo "fuzz.sh: clang++-14 is missing; run scripts/install-deps.sh first" >&2
  exit 1
fi

if [ ! -f "$build/build.ninja" ]; then
  # -O1: the usual trade between speed and useful stack traces for fuzzing; Debug keeps Q_ASSERT.
  cmake -S . -B "$build" -G Ninja -DCMAKE_CXX_COMPILER=clang++-14 -DCMAKE_BUILD_TYPE=Debug \
    -DCMAKE_CXX_FLAGS_DEBUG="-O1 -gline-tables-only" -DBULKHEAD_FUZZ=ON -DBULKHEAD_BUILD_TESTS=OFF
fi
# Only core and the fuzzers: the GUI, reports and tests are not needed here.
cmake --build "$build" --target bulkhead_fuzzers --parallel "$(nproc)"

# Seed files, one comma-separated list per fuzzer (libFuzzer's -seed_inputs=@FILE reads them in
# place, so nothing is copied).
seeds="$build/seeds"
rm -rf "$seeds"
mkdir -p "$seeds/condition-texts"
seedlist() { for f in "$@"; do if [ -f "$f" ]; then echo "$f"; fi; done | paste -sd, - | tr -d '\n'; }
seedlist "$hostile"/yaml/* questionnaires/*.yaml tests/data/content/*.yaml > "$seeds/fuzz_questionnaire"
# The built-in `when` conditions, one per file, beside the hostile ones.
grep -ho "when: .*" questionnaires/*.yaml | sed -e 's/^when: //' -e 's/^"\(.*\)"$/\1/' | sort -u \
  | awk -v dir="$seeds/condition-texts" '{ f = sprintf("%s/when-%03d", dir, NR); printf "%s", $0 > f; close(f) }'
seedlist "$hostile"/conditions/* "$seeds"/condition-texts/* > "$seeds/fuzz_condition"
seedlist "$hostile"/scan/kube-bench/* "$shared"/kube-bench/*.json > "$seeds/fuzz_scan_kube_bench"
seedlist "$hostile"/scan/docker-bench/* "$shared"/docker-bench/*.json > "$seeds/fuzz_scan_docker_bench"
seedlist "$hostile"/scan/trivy/* "$shared"/trivy/*.json* > "$seeds/fuzz_scan_trivy"
seedlist "$hostile"/scan/sarif/* "$shared"/sarif/*.sarif* > "$seeds/fuzz_scan_sarif"
seedlist "$hostile"/packages/* > "$seeds/fuzz_package"

fuzzers=(fuzz_questionnaire fuzz_condition fuzz_scan_kube_bench fuzz_scan_docker_bench fuzz_scan_trivy fuzz_scan_sarif
         fuzz_package)

# Runs one fuzzer; its log is build-fuzz/<fuzzer>.log, its exit status build-fuzz/<fuzzer>.status.
run_fuzzer() {
  local fuzzer=$1 dict
  case $fuzzer in
    fuzz_questionnaire) dict=yaml ;;
    fuzz_condition) dict=condition ;;
    fuzz_package) dict=zip ;;
    *) dict=json ;;
  esac
  mkdir -p "$build/corpus/$fuzzer" "$build/findings/$fuzzer"
  # -timeout: one input taking 10 s is a hang; -rss_limit_mb: 2 GB is a memory blow-up.
  # -max_len: inputs may grow past the largest seed (100 KB) without slowing every run.
  local status=0
  "$build/tests/fuzz/$fuzzer" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=262144 \
    -print_final_stats=1 -dict="tests/fuzz/$dict.dict" -seed_inputs=@"$seeds/$fuzzer" \
    -artifact_prefix="$build/findings/$fuzzer/" "$build/corpus/$fuzzer" > "$build/$fuzzer.log" 2>&1 || status=$?
  echo "$status" > "$build/$fuzzer.status"
}

# As many at a time as there are cores, each for the whole of its time.
echo "running ${#fuzzers[@]} fuzzers for $seconds s each, $(nproc) at a time"
running=0
for fuzzer in "${fuzzers[@]}"; do
  run_fuzzer "$fuzzer" &
  running=$((running + 1))
  if [ "$running" -ge "$(nproc)" ]; then
    wait -n || true
    running=$((running - 1))
  fi
done
wait

failed=()
for fuzzer in "${fuzzers[@]}"; do
  status=$(cat "$build/$fuzzer.status")
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$build/$fuzzer.log" | tail -1)
  if [ "$status" = 0 ]; then
    printf '%-24s ok      %10s executions\n' "$fuzzer" "${execs:-?}"
  else
    printf '%-24s FAILED  %10s executions\n' "$fuzzer" "${execs:-?}"
    grep -E "ERROR|SUMMARY|invariant|Test unit written" "$build/$fuzzer.log" | head -10 || true
    failed+=("$fuzzer")
  fi
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzzing found problems in: ${failed[*]} (inputs in $build/findings/, logs in $build/*.log)" >&2
  exit 1
fi
