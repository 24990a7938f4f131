#!/usr/bin/env bash
# Builds one of the benchmark programs (Benchmarks/Package.swift) in release mode and runs it.
#   ops/benchmark.sh SimulatorBenchmark --repeat 5
#   ops/benchmark.sh SimulatorRun --timing PROGRAM.elf [ACCELERATOR]
#   ops/benchmark.sh ClusterBenchmark
# The Simulator module is built with its functions on 64-byte boundaries, as in the root
# package (Package.swift says why). SwiftPM drops a dependency's -Xllvm flags, so they are
# passed here, into a build folder of their own: the compiler keeps an object file whose
# IR is unchanged, so a folder built without the flag would keep the old code placement.
set -euo pipefail
cd "$(dirname "$0")/.."
[[ $# -ge 1 ]] || { echo "usage: ops/benchmark.sh SimulatorBenchmark|SimulatorRun|ClusterBenchmark [ARGUMENTS...]" >&2; exit 2; }
product=$1
shift
./ops/bootstrap.sh
scratch=Benchmarks/.build-aligned
swift build -c release --package-path Benchmarks --scratch-path "$scratch" --product "$product" \
    -Xswiftc -Xllvm -Xswiftc -align-all-functions=6 >&2
exec "$scratch/release/$product" "$@"
