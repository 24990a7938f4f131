/// The rules every generated program must follow, stated in planning, coding, single-phase
/// and repair prompts alike (product.md's rules, plus the two the harness enforces: the exact
/// signature, and no `return`, because the body runs inline in the timing block).
public enum PromptRules {
    /// The numbered rules for a problem whose solution has this signature.
    public static func rules(signature: String) -> [String] {
        [
            "The optimized code must be semantically equivalent to the original: for every input it must write the same values to the outputs (floating-point results within the problem's stated tolerance), and it must not modify the inputs.",
            "All code must be inside the solution() function: no helper functions, global variables, types or other declarations outside it.",
            "Do not use preprocessor directives (#define, #include, #if, ...): gemmini.h is already included. Use local constants or variables instead of macros.",
            "Keep the signature exactly as it is, with the same parameter types and names (they are the harness's variables): `\(signature)`.",
            "Do not use `return` anywhere in solution(): its body runs inline in the harness's timing code.",
            "When you change loops (tiling, reordering, splitting, fusing, unrolling), update every related loop bound and all address arithmetic (DRAM pointers, scratchpad and accumulator rows) to match, including leftover iterations when a size is not a multiple of the tile.",
            "When you make tiles larger or keep more data on the accelerator, spread the data across the scratchpad and accumulator instead of loading it into the same rows again and again: add the loop indices to the scratchpad and accumulator addresses, update the addresses that preload and compute use as well as the base addresses, and check that everything still fits.",
            "Stay within the hardware limits described above: at most DIM rows per mvin, mvout, preload and compute, the column limits of each command, and the scratchpad and accumulator sizes.",
        ]
    }

    /// The rules as a numbered list under a heading.
    public static func section(signature: String) -> String {
        let lines = rules(signature: signature).enumerated().map { "\($0.offset + 1). \($0.element)" }
        return "## Rules\n" + lines.joined(separator: "\n")
    }
}
