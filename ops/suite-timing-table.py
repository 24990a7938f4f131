#!/usr/bin/env python3
"""Prints the benchmark suite's timing table (Documentation/TimingModel.md) as Markdown.

For every problem and each of its three baselines (start, library, hardware loop) it builds
the evaluation program with one repeat (`autocomp eval --keep --no-batch --repeat 1`), then
simulates it with `autocomp sim`, once with the cycle model and once functionally, and reports
the timed region's cycles and mesh utilization and the wall time of both whole-program runs
(best of --runs; the timed and functional runs alternate, so that the machine's drift affects
both alike). Run from the repository root after a release build:

    swift build -c release --product autocomp
    python3 ops/suite-timing-table.py [--runs 3] [--problem ID ...] [--autocomp PATH] [--baseline PATH]

With --baseline (another build of autocomp, say of the previous commit) every program also
runs on it, interleaved with the runs above, and the table gains its overhead: the way to
see what a change to the simulator's speed is worth on a machine whose speed drifts. The two
builds must agree on every cycle count.
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


def run(arguments, executable=None):
    return subprocess.run([str(executable or AUTOCOMP)] + arguments, capture_output=True, text=True)


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


def simulate(executable, elf, design, timing, stats):
    result = run(["sim", "--accel", design, "--timing", timing, "--stats", str(stats), str(elf)], executable)
    if result.returncode != 0:
        sys.exit(f"{elf}: {result.stdout}{result.stderr}")
    return json.loads(stats.read_text())


def fastest(executables, elf, design, runs, stats):
    """Per executable, the fastest timed and the fastest functional report of `runs` rounds in
    which every executable runs the program timed, then functionally."""
    best = {(executable, timing): None for executable in executables for timing in ("on", "off")}
    for _ in range(runs):
        for executable in executables:
            for timing in ("on", "off"):
                report = simulate(executable, elf, design, timing, stats)
                key = (executable, timing)
                if best[key] is None or report["wall_seconds"] < best[key]["wall_seconds"]:
                    best[key] = report
    return {executable: (best[(executable, "on")], best[(executable, "off")]) for executable in executables}


def region_cycles(report):
    region = report["hardware"]["regions"][0]
    return region["endCycle"] - region["startCycle"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="simulations per program (the best wall time counts)")
    parser.add_argument("--problem", action="append", help="only these problems")
    parser.add_argument("--autocomp", type=pathlib.Path, help="the autocomp executable (default: the release build)")
    parser.add_argument("--baseline", type=pathlib.Path, help="another autocomp executable to compare with, interleaved")
    options = parser.parse_args()
    global AUTOCOMP
    AUTOCOMP = options.autocomp or AUTOCOMP
    if not AUTOCOMP.exists():
        sys.exit("build first: swift build -c release --product autocomp")
    if options.baseline and not options.baseline.exists():
        sys.exit(f"no such baseline executable: {options.baseline}")
    executables = [AUTOCOMP] + ([options.baseline] if options.baseline else [])

    extra = " baseline overhead |" if options.baseline else ""
    print("| problem | code | cycles | utilization | timed run s | functional run s | timing overhead |" + extra)
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: |" + (" ---: |" if options.baseline else ""))
    totals = {executable: [0.0, 0.0] for executable in executables}
    overheads = []
    with tempfile.TemporaryDirectory() as scratch:
        stats = pathlib.Path(scratch) / "stats.json"
        for problem, design, _ in problems():
            if options.problem and problem not in options.problem:
                continue
            directory = build(problem)
            for index, baseline in enumerate(BASELINES, start=1):
                elf = directory / f"solution-{index}.elf"
                reports = fastest(executables, elf, design, options.runs, stats)
                for executable, (timed, functional) in reports.items():
                    totals[executable][0] += timed["wall_seconds"]
                    totals[executable][1] += functional["wall_seconds"]
                timed, functional = reports[AUTOCOMP]
                cycles = region_cycles(timed)
                utilization = timed["hardware"]["regions"][0]["accelerator"]["meshUtilization"]
                overhead = timed["wall_seconds"] / functional["wall_seconds"] - 1
                overheads.append(overhead)
                row = (f"| {problem} | {baseline} | {cycles:,} | {utilization:.1%} | {timed['wall_seconds']:.3f} "
                       f"| {functional['wall_seconds']:.3f} | {overhead:+.0%} |")
                if options.baseline:
                    base_timed, base_functional = reports[options.baseline]
                    row += f" {base_timed['wall_seconds'] / base_functional['wall_seconds'] - 1:+.0%} |"
                    if region_cycles(base_timed) != cycles:
                        row += f" cycles differ: the baseline counts {region_cycles(base_timed):,}"
                print(row, flush=True)
            subprocess.run(["rm", "-rf", str(directory)])

    def overall(executable):
        timed, functional = totals[executable]
        return timed, functional, (timed / functional - 1 if functional else 0)

    timed, functional, overhead = overall(AUTOCOMP)
    row = f"| all | | | | {timed:.2f} | {functional:.2f} | {overhead:+.0%} |"
    if options.baseline:
        row += f" {overall(options.baseline)[2]:+.0%} |"
    print(row)
    overheads.sort()
    if overheads:
        within = sum(1 for value in overheads if value <= 0.5)
        print(f"\nPer program: median {overheads[len(overheads) // 2]:+.0%}, "
              f"{within} of {len(overheads)} within +50%, largest {overheads[-1]:+.0%}.")
    if options.baseline:
        base_timed, base_functional, base_overhead = overall(options.baseline)
        print(f"Baseline: {base_timed:.2f} s timed, {base_functional:.2f} s functional, {base_overhead:+.1%} "
              f"(this build {overhead:+.1%}).")


if __name__ == "__main__":
    main()
