#!/usr/bin/env bash
# Runs every kv benchmark and writes the Markdown report (docs/benchmarks.md):
#   cold start of the Lambda handler against the floor (fresh JVMs, Lambda's flags and defaults),
#   classes loaded and zip size, JMH with -prof gc, DynamoDB requests per operation, and the local
#   server's throughput under wrk when `kv serve` and wrk are there.
#
# Usage: tools/kv-bench/run-all.sh [--quick] [--runs N] [--out FILE] [--skip-jmh]
#   --quick   a smoke run of a few minutes (3 cold starts each, short JMH and load)
# Needs: JDK 17+, Node.js and npm (dynalite); wrk for the throughput part (apt-get install wrk).
# A full run takes about 10 minutes on 2 cores. See docs/performance.md.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)"
cd "$root"

suite_args=()
out="docs/benchmarks.md"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --quick | --skip-jmh) suite_args+=("$1"); shift ;;
    --runs) suite_args+=("$1" "$2"); shift 2 ;;
    --out) out="$2"; shift 2 ;;
    -h | --help) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "run-all.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done

work="tools/kv-bench/target/bench"
log() { printf '\n== %s\n' "$*"; }

modules="tools/kv-bench"
has_cli=false
if [[ -d tools/kv-cli/src/main && -x tools/kv ]]; then
  modules="$modules,tools/kv-cli"
  has_cli=true
fi
log "Building $modules (and what it needs)"
./mvnw -q -B -DskipTests package -pl "$modules" -am

if [[ ! -f node_modules/dynalite/cli.js ]]; then
  log "Installing dynalite (npm ci)"
  npm ci --no-audit --no-fund
fi

rm -rf "$work"
mkdir -p "$work/lambda"
unzip -q kv-lambda-adapter/target/kv-lambda.zip -d "$work/lambda"

log "DynamoDB requests per operation (DynamoDbRequestCountIT)"
counts_log="$work/request-count-it.log"
if ./mvnw -B -pl kv-dynamodb-adapter -am verify -Dtest=NoSuchTest \
    -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=DynamoDbRequestCountIT \
    -Dfailsafe.failIfNoSpecifiedTests=false -Dinvoker.skip=true \
    -Dkv.coverage.line=0 -Dkv.coverage.branch=0 >"$counts_log" 2>&1; then
  awk '/DynamoDB requests per operation \(measured\):/ {on = 1; next} on && /^[[:space:]]*$/ {exit} on' \
    "$counts_log" >"$work/request-counts.txt"
  [[ -s "$work/request-counts.txt" ]] && suite_args+=(--request-counts "$work/request-counts.txt")
else
  echo "The request-count test failed; see $counts_log" >&2
  exit 1
fi

if $has_cli; then
  suite_args+=(--kv "$root/tools/kv")
  if command -v wrk >/dev/null 2>&1; then
    suite_args+=(--wrk "$(command -v wrk)")
  else
    echo "wrk is not installed: no throughput figures (apt-get install wrk)" >&2
  fi
fi

log "Cold start, JMH and throughput (log: $work)"
java -cp tools/kv-bench/target/kv-bench.jar dev.kv.bench.BenchmarkSuite \
  --lambda-lib "$work/lambda/lib" \
  --lambda-zip kv-lambda-adapter/target/kv-lambda.zip \
  --launcher tools/kv-bench/target/kv-bench-0.1.0-SNAPSHOT.jar \
  --dynalite node_modules/dynalite/cli.js \
  --runtime-jar tools/kv-bench/target/lambda-runtime/aws-lambda-java-serialization.jar \
  --work "$work" \
  --out "$out" \
  "${suite_args[@]}"
