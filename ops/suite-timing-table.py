#!/usr/bin/env python3
"""Prints the benchmark suite's timing table (Documentation/TimingModel.md) as Markdown.

For every problem and each of its three baselines (start, library, hardware loop) it builds
the evaluation program with one repeat (`autocomp eval --keep --no-batch --repeat 1`), then
simulates it with `autocomp sim`, once with the cycle model and once functionally, and reports
the timed region's cycles and mesh utilization and the wall time of both whole-program runs
(best of --runs; the timed and functional runs alternate, so that the machine's drift affects
both alike). Run from the repository root after a release build:

    swift build -c release --product autocomp
    python3 ops/suite-timing-table.py [--runs 3] [--problem ID ...] [--autocomp PATH]
"""
import argparse
import json
import pathlib
import re
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
AUTOCOMP = ROOT / ".build" / "release" / "autocomp"  # --autocomp overrides
BASELINES = ["start", "library", "hardware_loop"]


def run(arguments):
    return subprocess.run([str(AUTOCOMP)] + arguments, capture_output=True, text=True)


def problems():
    lines = run(["problems"]).stdout.splitlines()[1:]
    return [(fields[0], fields[2], int(fields[-1])) for fields in (line.split() for line in lines if line.strip())]


def build(problem):
    result = run(["eval", "--problem", problem, "--no-batch", "--repeat", "1", "--keep"]
                 + [argument for baseline in BASELINES for argument in ("--solution", baseline)])
    match = re.search(r"Build directory: (\S+)", result.stdout + result.stderr)
    if result.returncode != 0 or not match:
        sys.exit(f"{problem}: the baselines did not evaluate:\n{result.stdout}{result.stderr}")
    return pathlib.Path(match.group(1))


def simulate(elf, design, timing, stats):
    result = run(["sim", "--accel", design, "--timing", timing, "--stats", str(stats), str(elf)])
    if result.returncode != 0:
        sys.exit(f"{elf}: {result.stdout}{result.stderr}")
    return json.loads(stats.read_text())


def fastest(elf, design, runs, stats):
    """The fastest timed and the fastest functional report of `runs` alternating pairs."""
    best = {"on": None, "off": None}
    for _ in range(runs):
        for timing in ("on", "off"):
            report = simulate(elf, design, timing, stats)
            if best[timing] is None or report["wall_seconds"] < best[timing]["wall_seconds"]:
                best[timing] = report
    return best["on"], best["off"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="simulations per program (the best wall time counts)")
    parser.add_argument("--problem", action="append", help="only these problems")
    parser.add_argument("--autocomp", type=pathlib.Path, help="the autocomp executable (default: the release build)")
    options = parser.parse_args()
    global AUTOCOMP
    AUTOCOMP = options.autocomp or AUTOCOMP
    if not AUTOCOMP.exists():
        sys.exit("build first: swift build -c release --product autocomp")

    print("| problem | code | cycles | utilization | timed run s | functional run s | timing overhead |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: |")
    total_timed = total_functional = 0.0
    overheads = []
    with tempfile.TemporaryDirectory() as scratch:
        stats = pathlib.Path(scratch) / "stats.json"
        for problem, design, _ in problems():
            if options.problem and problem not in options.problem:
                continue
            directory = build(problem)
            for index, baseline in enumerate(BASELINES, start=1):
                elf = directory / f"solution-{index}.elf"
                timed, functional = fastest(elf, design, options.runs, stats)
                region = timed["hardware"]["regions"][0]
                cycles = region["endCycle"] - region["startCycle"]
                utilization = region["accelerator"]["meshUtilization"]
                total_timed += timed["wall_seconds"]
                total_functional += functional["wall_seconds"]
                overhead = timed["wall_seconds"] / functional["wall_seconds"] - 1
                overheads.append(overhead)
                print(f"| {problem} | {baseline} | {cycles:,} | {utilization:.1%} | {timed['wall_seconds']:.3f} "
                      f"| {functional['wall_seconds']:.3f} | {overhead:+.0%} |", flush=True)
            subprocess.run(["rm", "-rf", str(directory)])
    overhead = total_timed / total_functional - 1
    print(f"| all | | | | {total_timed:.2f} | {total_functional:.2f} | {overhead:+.0%} |")
    overheads.sort()
    if overheads:
        within = sum(1 for value in overheads if value <= 0.5)
        print(f"\nPer program: median {overheads[len(overheads) // 2]:+.0%}, "
              f"{within} of {len(overheads)} within +50%, largest {overheads[-1]:+.0%}.")


if __name__ == "__main__":
    main()
