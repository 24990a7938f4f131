#!/usr/bin/env python3
"""Runs `autocomp offline-ladder` (greedy) on every GEMM and convolution problem and prints
the per-problem table of Documentation/OfflineAgent.md: the starting code, the best explicit
schedule, the best schedule overall and the move sequence, next to the hardware-loop baseline.

    swift build -c release --product autocomp
    python3 ops/offline-ladder-suite.py [--problems ID ...] [--logs DIR]

Every proposal evaluated on the way must be correct; the script exits 1 otherwise.
"""
import argparse, json, os, re, subprocess, sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
AUTOCOMP = os.path.join(ROOT, ".build", "release", "autocomp")
SUITE = os.path.join(ROOT, "Sources", "Coordinator", "Problems", "Suite")

def problems():
    ids = []
    for name in os.listdir(SUITE):
        path = os.path.join(SUITE, name, "problem.json")
        if os.path.exists(path):
            manifest = json.load(open(path))
            if manifest["family"] in ("gemm", "conv"):
                ids.append((manifest["order"], manifest["id"]))
    return [i for _, i in sorted(ids)]

STEP = re.compile(r"^step (\d+) \((.*?)(?:, best of \d+)?\): (\d+) cycles \(([\d.]+)% of peak\)\s+(.*)$")

def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--problems", nargs="*")
    parser.add_argument("--logs", default=os.path.join(ROOT, ".build", "offline-ladder"))
    args = parser.parse_args()
    os.makedirs(args.logs, exist_ok=True)
    failed = False
    print("| problem | start.c | hardware loop | best explicit | best | moves (greedy) | proposals checked |")
    print("| --- | ---: | ---: | ---: | ---: | --- | ---: |")
    for pid in args.problems or problems():
        run = subprocess.run([AUTOCOMP, "offline-ladder", "--problem", pid, "--hardware-loop", "after", "--repeat", "2"],
                             capture_output=True, text=True)
        open(os.path.join(args.logs, pid + ".log"), "w").write(run.stdout + run.stderr)
        if run.returncode != 0:
            failed = True
        start = re.search(r"^start\.c: (\d+) cycles \(([\d.]+)% of peak\)", run.stdout, re.M)
        checked = re.search(r"checked (\d+) proposals, (\d+) incorrect", run.stdout)
        steps = [STEP.match(line) for line in run.stdout.splitlines()]
        steps = [m for m in steps if m]
        explicit = [m for m in steps if " loop=0 " in m.group(5)]
        best = steps[-1] if steps else None
        moves = " → ".join(m.group(2) for m in steps if m.group(1) != "0")
        loop = subprocess.run([AUTOCOMP, "eval", "--problem", pid, "--solution", "hardware_loop", "--repeat", "2"],
                              capture_output=True, text=True)
        hw = re.search(r"correct\s+(\d+) cycles \(([\d.]+)% of peak\)", loop.stdout)
        fmt = lambda m, c, u: f"{int(m.group(c)):,} ({m.group(u)}%)" if m else "-"
        print(f"| {pid} | {fmt(start, 1, 2)} | {fmt(hw, 1, 2)} | {fmt(explicit[-1] if explicit else None, 3, 4)} | "
              f"{fmt(best, 3, 4)} | {moves} | {checked.group(1) + (' (' + checked.group(2) + ' incorrect)' if checked and checked.group(2) != '0' else '') if checked else 'failed'} |",
              flush=True)
        if best:
            print(f"<!-- {pid} best: {best.group(5)} -->", flush=True)
    sys.exit(1 if failed else 0)

main()
