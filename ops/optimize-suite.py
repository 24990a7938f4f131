#!/usr/bin/env python3
"""Runs `autocomp optimize` (default settings: the offline agent, beam 4, 4 plans x 2 codes,
8 iterations, keep 0.25) on every GEMM and convolution problem of the suite and prints a
Markdown table: starting code, software library, hardware loop, best found (cycles and
utilization), speedup, evaluated candidates and wall time.

Usage: python3 ops/optimize-suite.py [--autocomp PATH] [--out DIR] [--seed S] [--only ID ...]
Build first: swift build -c release --product autocomp (PATH defaults to .build/release/autocomp).
"""
import argparse
import json
import os
import subprocess
import sys
import time


def problems(autocomp):
    listing = subprocess.run([autocomp, "problems"], check=True, capture_output=True, text=True).stdout
    ids = []
    for line in listing.splitlines()[1:]:
        fields = line.split()
        if len(fields) >= 2 and fields[1] in ("gemm", "conv"):
            ids.append(fields[0])
    return ids


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--autocomp", default=".build/release/autocomp")
    parser.add_argument("--out", default="runs/suite")
    parser.add_argument("--seed", default="1")
    parser.add_argument("--only", nargs="*")
    arguments = parser.parse_args()
    if not os.access(arguments.autocomp, os.X_OK):
        sys.exit(f"{arguments.autocomp}: not an executable; build with `swift build -c release --product autocomp`")

    rows = []
    for problem in arguments.only or problems(arguments.autocomp):
        directory = os.path.join(arguments.out, f"{problem}-seed{arguments.seed}")
        if os.path.exists(os.path.join(directory, "run_metrics.json")):
            print(f"{problem}: already done in {directory}", file=sys.stderr)
        else:
            print(f"{problem}: optimizing into {directory}", file=sys.stderr)
            started = time.time()
            result = subprocess.run(
                [arguments.autocomp, "optimize", "--problem", problem, "--seed", arguments.seed, "--out", directory],
                capture_output=True, text=True)
            if result.returncode != 0:
                print(f"{problem}: failed\n{result.stderr}", file=sys.stderr)
                continue
            print(f"{problem}: {result.stdout.strip().splitlines()[-1]} ({time.time() - started:.0f} s)", file=sys.stderr)
        with open(os.path.join(directory, "run_metrics.json")) as file:
            metrics = json.load(file)
        with open(os.path.join(directory, "run_metadata.json")) as file:
            metadata = json.load(file)
        rows.append((problem, metrics, metadata))

    def cell(latency, ideal):
        return f"{latency} ({100 * ideal / latency:.1f}%)" if latency else "-"

    print("| problem | starting code | software library | hardware loop | best found | speedup | evaluated | wall time |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for problem, metrics, metadata in rows:
        dim = 32 if "32x32" in metadata["accelerator"] else 4 if "4x4" in metadata["accelerator"] else 16
        ideal = metadata["macs"] / (dim * dim)
        baselines = metrics["baselines"]
        print(f"| {problem} | {cell(baselines['start']['latency'], ideal)} | {cell(baselines['library']['latency'], ideal)} "
              f"| {cell(baselines['hardware_loop']['latency'], ideal)} | {cell(metrics['best_latency'], ideal)} "
              f"| {metrics.get('speedup', 0):.2f}x | {metrics['evaluated_candidates']} | {metrics['wall_seconds']:.0f} s |")


if __name__ == "__main__":
    main()
