#!/usr/bin/env python3
"""Writes the GEMM and convolution problems of the benchmark suite.

Each problem is a directory under Sources/Coordinator/Problems/Suite/<id>/ holding
problem.json, harness.c, start.c, library.c and hardware_loop.c, made from the templates in
ops/problem-templates/ with the shapes below. The TinyMPC problems are written by hand and
left alone. Run it after changing a template or a shape, and commit its output:

    python3 ops/generate-problems.py           # (re)write the generated problems
    python3 ops/generate-problems.py --check   # exit 1 if the committed output is stale
"""
import json
import pathlib
import shutil
import string
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "ops" / "problem-templates"
SUITE = ROOT / "Sources" / "Coordinator" / "Problems" / "Suite"
COMMAND = "python3 ops/generate-problems.py"
GENERATED_BY = "ops/generate-problems.py"
SEED = 1

# GEMM shapes as published (Autocomp, MLArchSys 2025). The main set is given as (I, K, J),
# the schedule-reuse set as I x J x K; both are stored as (I, J, K) here.
MAIN_GEMMS_IKJ = [(512, 512, 512), (12544, 64, 256), (12544, 256, 64), (3136, 128, 512),
                  (3136, 512, 128), (784, 256, 1024)]
REUSE_GEMMS_IJK = [(32, 2048, 2048), (1024, 1024, 1024), (256, 256, 256), (6272, 256, 64),
                   (12544, 128, 64), (12544, 256, 128), (128, 1024, 1024), (64, 1024, 1024),
                   (32, 1024, 1024)]
# Convolutions: (output rows = columns, input channels, output channels); batch 4, 3x3, stride 1.
CONVS = [(56, 64, 64), (28, 128, 128), (14, 256, 256), (14, 128, 128)]
CONV_BATCH = 4
CONV_KERNEL = 3
GEMM_REPEAT = 5
CONV_REPEAT = 3
INT8_DESIGN = "int8_16x16"


def gemm_problems():
    shapes = [(i, j, k, "autocomp") for (i, k, j) in MAIN_GEMMS_IKJ]
    shapes += [(i, j, k, "schedule-reuse") for (i, j, k) in REUSE_GEMMS_IJK]
    for order, (i, j, k, suite_set) in enumerate(shapes, start=1):
        ident = f"gemm-I{i}-J{j}-K{k}"
        title = f"GEMM {i}x{j}x{k} (I x J x K), int8 in and out, int32 accumulation, no bias"
        values = {"I": i, "J": j, "K": k, "REPEAT": GEMM_REPEAT}
        manifest = {
            "id": ident,
            "order": order,
            "family": "gemm",
            "set": suite_set,
            "title": title,
            "description": (f"C[{i}][{j}] = A[{i}][{k}] * B[{k}][{j}] with int8 inputs and output "
                            "and int32 accumulation, no bias, no activation, scale 1. Row-major "
                            "arrays; inputs are random 0/1 values."),
            "accelerator": INT8_DESIGN,
            "shape": f"I={i} J={j} K={k}",
            "dimensions": {"I": i, "J": j, "K": k},
            "dataTypes": {"input": "int8", "output": "int8", "accumulator": "int32"},
            "macs": i * j * k,
            "repeat": GEMM_REPEAT,
            "menu": "gemm_conv",
            "comparison": "exact",
            "signature": f"void solution(elem_t A[{i}][{k}], elem_t B[{k}][{j}], elem_t C[{i}][{j}])",
        }
        yield ident, "gemm", title, values, manifest


def conv_problems():
    first = 1 + len(MAIN_GEMMS_IKJ) + len(REUSE_GEMMS_IJK)
    for order, (out_dim, in_ch, out_ch) in enumerate(CONVS, start=first):
        ident = f"conv-{out_dim}x{out_dim}-{in_ch}to{out_ch}"
        in_dim = out_dim + CONV_KERNEL - 1
        title = (f"Convolution {CONV_KERNEL}x{CONV_KERNEL}, {in_ch}->{out_ch} channels, "
                 f"{out_dim}x{out_dim} output, batch {CONV_BATCH}, int8, int32 bias")
        values = {"BATCH": CONV_BATCH, "IN_ROWS": in_dim, "IN_COLS": in_dim, "OUT_ROWS": out_dim,
                  "OUT_COLS": out_dim, "IN_CH": in_ch, "OUT_CH": out_ch, "KERNEL": CONV_KERNEL,
                  "REPEAT": CONV_REPEAT}
        input_shape = f"{CONV_BATCH}x{in_dim}x{in_dim}x{in_ch}"
        weight_shape = f"{CONV_KERNEL}x{CONV_KERNEL}x{in_ch}x{out_ch}"
        output_shape = f"{CONV_BATCH}x{out_dim}x{out_dim}x{out_ch}"
        manifest = {
            "id": ident,
            "order": order,
            "family": "conv",
            "set": "autocomp",
            "title": title,
            "description": (f"NHWC convolution, stride 1, padding already in the input: input "
                            f"{input_shape}, weights {weight_shape} ([krow][kcol][in][out]), int32 "
                            f"bias[{out_ch}], output {output_shape}; int8 data, int32 accumulation, "
                            "no activation, scale 1. Inputs are random 0/1 values."),
            "accelerator": INT8_DESIGN,
            "shape": f"{input_shape} * {weight_shape} -> {output_shape}",
            "dimensions": {"batch": CONV_BATCH, "inRows": in_dim, "inCols": in_dim,
                           "outRows": out_dim, "outCols": out_dim, "inChannels": in_ch,
                           "outChannels": out_ch, "kernel": CONV_KERNEL, "stride": 1},
            "dataTypes": {"input": "int8", "output": "int8", "accumulator": "int32", "bias": "int32"},
            "macs": CONV_BATCH * out_dim * out_dim * out_ch * in_ch * CONV_KERNEL * CONV_KERNEL,
            "repeat": CONV_REPEAT,
            "menu": "gemm_conv",
            "comparison": "exact",
            "signature": (f"void solution(elem_t input[{CONV_BATCH}][{in_dim}][{in_dim}][{in_ch}], "
                          f"elem_t weights[{CONV_KERNEL}][{CONV_KERNEL}][{in_ch}][{out_ch}], "
                          f"acc_t bias[{out_ch}], "
                          f"elem_t output[{CONV_BATCH}][{out_dim}][{out_dim}][{out_ch}])"),
        }
        yield ident, "conv", title, values, manifest


def header(template_path):
    relative = template_path.relative_to(ROOT)
    return (f"Generated by {GENERATED_BY} from {relative}: do not edit, "
            f"regenerate with `{COMMAND}`.")


def render(template_path, values):
    text = template_path.read_text()
    return string.Template(text).substitute({**values, "GENERATED": header(template_path)})


def function_body(c_text):
    """The text between the braces of `void solution(...)` in our own templates (which have
    no braces in strings or comments)."""
    start = c_text.index("void solution(")
    opening = c_text.index("{", c_text.index(")", start))
    depth = 0
    for position in range(opening, len(c_text)):
        if c_text[position] == "{":
            depth += 1
        elif c_text[position] == "}":
            depth -= 1
            if depth == 0:
                return c_text[opening + 1:position].strip("\n")
    raise ValueError("unbalanced braces in a template")


def write_problem(directory, family, ident, title, values, manifest):
    directory.mkdir(parents=True, exist_ok=True)
    family_templates = TEMPLATES / family
    common = {"ID": ident, "TITLE": title, "SEED": SEED,
              "BOOKKEEPING": (TEMPLATES / "common" / "bookkeeping.c").read_text(),
              "RANDOM01": (TEMPLATES / "common" / "random01.c").read_text()}
    values = {**values, **common}
    solutions = {}
    for name in ("start.c", "library.c", "hardware_loop.c"):
        solutions[name] = render(family_templates / name, values)
        (directory / name).write_text(solutions[name])
    harness = render(family_templates / "harness.c", {**values, "START_BODY": function_body(solutions["start.c"])})
    (directory / "harness.c").write_text(harness)
    document = {"generatedBy": f"{GENERATED_BY}: do not edit, regenerate with `{COMMAND}`", **manifest}
    (directory / "problem.json").write_text(json.dumps(document, indent=2) + "\n")


def generate(suite):
    """Writes every generated problem under `suite`, removing generated problems that are no
    longer in the tables. Returns the ids written."""
    written = []
    for ident, family, title, values, manifest in list(gemm_problems()) + list(conv_problems()):
        write_problem(suite / ident, family, ident, title, values, manifest)
        written.append(ident)
    for directory in suite.iterdir():
        manifest_path = directory / "problem.json"
        if directory.is_dir() and directory.name not in written and manifest_path.exists():
            if "generatedBy" in json.loads(manifest_path.read_text()):
                shutil.rmtree(directory)
    return written


def generated_files(suite):
    files = {}
    for directory in sorted(suite.iterdir()):
        manifest_path = directory / "problem.json"
        if directory.is_dir() and manifest_path.exists() and "generatedBy" in json.loads(manifest_path.read_text()):
            for path in sorted(directory.iterdir()):
                files[path.relative_to(suite)] = path.read_text()
    return files


def main(arguments):
    if arguments == ["--check"]:
        with tempfile.TemporaryDirectory() as scratch:
            written = generate(pathlib.Path(scratch))
            expected = generated_files(pathlib.Path(scratch))
        actual = generated_files(SUITE)
        stale = sorted(str(p) for p in set(expected) | set(actual) if expected.get(p) != actual.get(p))
        if stale:
            print(f"generated problems are stale ({len(stale)} files, e.g. {stale[0]}): run `{COMMAND}`")
            return 1
        print(f"{len(written)} generated problems are up to date")
        return 0
    if arguments:
        print(f"usage: {COMMAND} [--check]")
        return 2
    written = generate(SUITE)
    print(f"wrote {len(written)} problems under {SUITE.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
