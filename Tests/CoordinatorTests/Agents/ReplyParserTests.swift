import Coordinator
import Foundation
import Testing

/// Planning replies in the styles models write them, and code extraction from realistic
/// coding replies.
@Suite struct ReplyParserTests {
    /// The GEMM menu after dropout: 1 tiling, 2 unroll, 3 double-buffer, 4 hoist, 5 pipeline, 6 other.
    static let menu = OptimizationMenu(
        options: ["tiling", "unroll", "double-buffer", "hoist", "pipeline", "other"].map { OptimizationMenu.gemmConv.option($0)! })

    // MARK: Options

    @Test(arguments: [
        ("Option: 3\nUse two scratchpad regions for A.", "double-buffer", 3),
        ("**Option: 3**\n\nUse two scratchpad regions.", "double-buffer", 3),
        ("**Option 3:** double buffering\n\nPlan: alternate regions.", "double-buffer", 3),
        ("## Option 2 — Loop unrolling\n1. Unroll the t loop by 4.", "unroll", 2),
        ("Chosen option: #4\nHoist the config_ld calls.", "hoist", 4),
        ("Selected Optimization: (1) modify loop tiling\nUse 4x4 output tiles.", "tiling", 1),
        ("OPTION NUMBER 5\nIssue the next mvins before the computes.", "pipeline", 5),
        ("- **Option**: `2`\n- Plan: unroll.", "unroll", 2),
        ("Sure! Here is my plan.\n\nOption: 1\n\nGrow the tiles to 4x4.", "tiling", 1),
        ("I choose option 4 because config_ld is reissued inside the loop.", "hoist", 4),
        ("3. double buffering\nAlternate between two slots.", "double-buffer", 3),
        ("6\nSomething else entirely: reuse B across i.", "other", 6),
        ("I will apply double buffering: load the next A tile into rows 8192+.", "double-buffer", nil),
        // The number names loop unrolling, the text double buffering: the text wins.
        ("Option 2: double buffering\nAlternate slots.", "double-buffer", 2),
        // The number is outside the shortened menu (the model used the full menu's numbering).
        ("Option: 14 (pipeline operations to better overlap computation and data movement)\nOverlap.", "pipeline", 14),
    ] as [(String, String, Int?)])
    func optionStyles(reply: String, id: String, number: Int?) throws {
        let plan = try ReplyParser.parsePlan(reply, menu: Self.menu).get()
        #expect(plan.optionID == id)
        #expect(plan.optionNumber == number)
        #expect(ReplyParser.chosenOption(in: reply, menu: Self.menu) == id)
    }

    @Test func proseNumbersAreNotOptions() throws {
        // "option" followed by words and then a number is not a choice; nothing here names one.
        let reply = "This option reduces 512 redundant loads by moving B earlier.\nWe keep 2 slots."
        let plan = try ReplyParser.parsePlan(reply, menu: Self.menu).get()
        #expect(plan.optionID == nil && plan.optionNumber == nil)
        #expect(plan.text == reply)
        // A plan that starts with a numbered step is not option 1.
        let steps = try ReplyParser.parsePlan("1. Move the mvin of B out of the i loop.\n2. Keep it in rows 4096+.", menu: Self.menu).get()
        #expect(steps.optionID == nil)
    }

    @Test func thePlanTextDropsTheOptionLineAndLabel() throws {
        let plan = try ReplyParser.parsePlan("**Option: 3**\n\n**Plan:**\nAlternate A between rows 0 and 80.\nKeep B.", menu: Self.menu).get()
        #expect(plan.text == "Alternate A between rows 0 and 80.\nKeep B.")
        let inline = try ReplyParser.parsePlan("Option: 1\nPlan: tile 4x4.", menu: Self.menu).get()
        #expect(inline.text == "tile 4x4.")
        let kept = try ReplyParser.parsePlan("I choose option 4: hoist config_ld.", menu: Self.menu).get()
        #expect(kept.text == "I choose option 4: hoist config_ld.")
        #expect(try ReplyParser.parsePlan("Option: 2\nUnroll.", menu: Self.menu, finishReason: "length").get().truncated)
    }

    @Test func anEmptyMenuNamesNothing() throws {
        let plan = try ReplyParser.parsePlan("Option: 1\nTile.", menu: OptimizationMenu(options: [])).get()
        #expect(plan.optionID == nil && plan.optionNumber == 1 && plan.text == "Tile.")
        // A number past the shortened menu, with no option text: no option, but the label
        // line is still not part of the plan.
        let beyond = try ReplyParser.parsePlan("**Option: 9**\nReorder the k loop outward.", menu: Self.menu).get()
        #expect(beyond.optionID == nil && beyond.optionNumber == 9 && beyond.text == "Reorder the k loop outward.")
    }

    @Test func emptyPlansFail() {
        #expect(throws: ReplyParser.Failure(.emptyReply, "the reply is empty")) { try ReplyParser.parsePlan(" \n ", menu: Self.menu).get() }
        #expect(throws: ReplyParser.Failure(.noPlan, "the reply names an option but contains no plan")) {
            try ReplyParser.parsePlan("**Option: 2**\n", menu: Self.menu).get()
        }
    }

    // MARK: Code

    static let solution = """
        void solution(elem_t A[64][64], elem_t B[64][64], elem_t C[64][64])
        {
            config_ex(WEIGHT_STATIONARY, NO_ACTIVATION, 1, false, false);
            for (int i = 0; i < 4; i++) {
                // a comment with a brace {
                const char *note = "}";
                mvin(&A[i * DIM][0], i * DIM, DIM, DIM);
            }
        }
        """

    @Test func codeBetweenProse() throws {
        let reply = "Here is the optimized code:\n\n```c\n\(Self.solution)\n```\n\nThe loads now overlap the computes."
        #expect(try ReplyParser.parseCode(reply).get().code == Self.solution)
    }

    @Test(arguments: ["c", "C", "cpp", "c++", "", "c title=solution.c"])
    func codeBlockTags(tag: String) throws {
        let reply = "```\(tag)\n\(Self.solution)\n```"
        #expect(try ReplyParser.parseCode(reply).get().code == Self.solution)
    }

    @Test func theLastCompleteDefinitionWins() throws {
        let draft = Self.solution.replacingOccurrences(of: "i < 4", with: "i < 8")
        let reply = "First attempt:\n```c\n\(draft)\n```\nWait, the bound is wrong. Corrected:\n```c\n\(Self.solution)\n```\nDone."
        #expect(try ReplyParser.parseCode(reply).get().code == Self.solution)
    }

    @Test func aShortExcerptAfterTheProgramDoesNotWin() throws {
        let excerpt = "void solution(elem_t A[64][64], elem_t B[64][64], elem_t C[64][64]) {\n    // ... as above\n}"
        let reply = "```c\n\(Self.solution)\n```\nThe key change:\n```c\n\(excerpt)\n```"
        #expect(try ReplyParser.parseCode(reply).get().code == Self.solution)
    }

    @Test func blocksWithoutTheDefinitionAreSkipped() throws {
        let reply = """
            The harness calls it like this:
            ```c
            solution(A, B, C);
            ```
            A helper in Python to check tile counts:
            ```python
            print(64 // 16)
            ```
            ```cpp
            \(Self.solution)
            ```
            """
        #expect(try ReplyParser.parseCode(reply).get().code == Self.solution)
    }

    @Test func aPrototypeIsNotTheDefinition() throws {
        let reply = "```c\nvoid solution(elem_t A[64][64], elem_t B[64][64], elem_t C[64][64]);\n\n\(Self.solution)\n```"
        let code = try ReplyParser.parseCode(reply).get().code
        #expect(code.hasPrefix("void solution(elem_t A[64][64], elem_t B[64][64], elem_t C[64][64]);") && code.hasSuffix("}"))
    }

    @Test func codeWithoutFencesIsAccepted() throws {
        let reply = "Optimized code:\n\(Self.solution)\nThis should be faster."
        #expect(try ReplyParser.parseCode(reply).get().code == Self.solution)
    }

    @Test func unusableReplies() {
        func failure(_ reply: String, finishReason: String? = nil) -> ReplyParser.Failure? {
            if case .failure(let failure) = ReplyParser.parseCode(reply, finishReason: finishReason) { return failure }
            return nil
        }
        #expect(failure("") == ReplyParser.Failure(.emptyReply, "the reply is empty"))
        #expect(failure("I would tile the loops by 4 and unroll the inner loop.")?.kind == .noCodeBlock)
        #expect(failure("I would tile the loops by 4 and unroll the inner loop.")?.message
                == "no code block in the reply: expected the complete solution() in a ```c block")
        #expect(failure("```c\nsolution(A, B, C);\n```")?.kind == .noSolutionFunction)
        #expect(failure("```c\nint main(void) { return 0; }\n```")?.message == "no `void solution(...) { ... }` in the reply's code block")
        // Cut off inside the function: by the provider, or an unclosed fence.
        let cut = "```c\n" + Self.solution.prefix(200)
        #expect(failure(cut, finishReason: "length") == ReplyParser.Failure(.truncated, "truncated reply: cut off at the length limit inside a code block"))
        #expect(failure(cut)?.kind == .truncated)
        #expect(failure("Let me think about the tiling first. The accumulator", finishReason: "max_tokens")?.message
                == "truncated reply: cut off at the length limit before any code block")
        // Closed fences around a function whose braces do not balance.
        let unbalanced = "```c\n" + Self.solution.replacingOccurrences(of: "    }\n}", with: "    }\n") + "\n```"
        #expect(failure(unbalanced)?.kind == .incompleteFunction)
    }

    @Test func completeCodeSurvivesATruncatedEnding() throws {
        // The length limit hit in the prose after a closed block: the program is whole.
        let afterBlock = "```c\n\(Self.solution)\n```\nThis version overlaps the loads with the comp"
        #expect(try ReplyParser.parseCode(afterBlock, finishReason: "length").get().code == Self.solution)
        // A fence the model never closed, around a complete function.
        let unclosed = "```c\n\(Self.solution)\n\n// end"
        #expect(try ReplyParser.parseCode(unclosed).get().code == Self.solution)
    }

    @Test func truncationFinishReasons() {
        for reason in ["length", "max_tokens", "MAX_TOKENS", "max_output_tokens"] { #expect(ReplyParser.isTruncation(finishReason: reason)) }
        for reason in [nil, "stop", "end_turn", "tool_calls"] { #expect(!ReplyParser.isTruncation(finishReason: reason)) }
    }

    // MARK: Single phase and agent replies

    @Test func singlePhaseRepliesCarryOptionPlanAndCode() throws {
        let reply = "**Option: 2**\nUnroll the i loop by 4.\n\n```c\n\(Self.solution)\n```"
        let parsed = ReplyParser.parseSinglePhase(reply, menu: Self.menu)
        #expect(parsed.plan?.optionID == "unroll")
        #expect(parsed.plan?.text == "Unroll the i loop by 4.")
        #expect(try parsed.code.get().code == Self.solution)
        let codeOnly = ReplyParser.parseSinglePhase("I'll use loop unrolling.\n```c\n\(Self.solution)\n```", menu: Self.menu)
        #expect(codeOnly.plan?.optionID == "unroll")
    }

    @Test func agentRepliesRecordPromptReplyAndFailure() {
        let prompt: [PromptMessage] = [.system("S"), .user("U")]
        let planned = ReplyParser.planningReply(prompt: prompt, reply: "Option: 5\nOverlap.", menu: Self.menu)
        #expect(planned == AgentReply(prompt: "[system]\nS\n\n[user]\nU", reply: "Option: 5\nOverlap.", optionID: "pipeline", content: "Overlap."))
        let coded = ReplyParser.codingReply(prompt: prompt, reply: "```c\n\(Self.solution)\n```")
        #expect(coded.content == Self.solution && coded.failure == nil && coded.optionID == nil)
        let bad = ReplyParser.codingReply(prompt: prompt, reply: "No code today.", usage: AgentUsage(inputTokens: 10, outputTokens: 3))
        #expect(bad.content == nil && bad.failure?.hasPrefix("no code block") == true && bad.usage.outputTokens == 3)
        let single = ReplyParser.codingReply(prompt: prompt, reply: "Option: 1\nTile.\n```c\n\(Self.solution)\n```", menu: Self.menu)
        #expect(single.optionID == "tiling" && single.content == Self.solution)
    }
}
