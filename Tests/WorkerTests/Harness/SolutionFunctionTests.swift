import Testing
import Worker

/// Extracting the body of `void solution(...)` from candidate C text, and the one-line reasons
/// for rejecting a candidate.
@Suite struct SolutionFunctionTests {
    private func rejection(_ text: String) -> HarnessError? {
        do {
            _ = try SolutionFunction.extract(from: text)
            return nil
        } catch {
            return error
        }
    }

    @Test func extractsTheBodyTheLineAndTheParameters() throws {
        let text = """
            // A candidate, as the model writes it.
            void solution(elem_t A[64][64], elem_t B[64][64], elem_t C[64][64])
            {
                config_ex(WEIGHT_STATIONARY, NO_ACTIVATION, 1, false, false);
            }

            """
        let solution = try SolutionFunction.extract(from: text)
        #expect(solution.body == "\n    config_ex(WEIGHT_STATIONARY, NO_ACTIVATION, 1, false, false);\n")
        #expect(solution.bodyLine == 3)
        #expect(solution.parameters == ["A", "B", "C"])
    }

    @Test func bracesInStringsCommentsAndCharactersDoNotCount() throws {
        let body = """
            { if (x) { y(); } }
                printf("} { \\" }");  /* } */ // }
                char c = '}'; char d = '\\'';
                // a comment that continues \\
                onto this line }
            """
        let solution = try SolutionFunction.extract(from: "void solution(void) {\(body)\n}\n")
        #expect(solution.body == body + "\n")
        #expect(solution.parameters == [])
    }

    @Test func aMissingSolutionFunctionIsNamed() {
        #expect(rejection("void test(void) { }")?.code == .noSolution)
        #expect(rejection("void solution(int a);")?.code == .noSolution)
        #expect(rejection("// void solution(void) { }\n")?.code == .noSolution)
        #expect(rejection("const char *s = \"void solution(void) { }\";")?.code == .noSolution)
        #expect(rejection("")?.message == "no solution function: expected `void solution(...) { ... }`")
    }

    @Test func preprocessorDirectivesAreRejectedWithTheirLine() {
        let error = rejection("#include \"gemmini.h\"\nvoid solution(void) { }")
        #expect(error?.code == .preprocessorDirective)
        #expect(error?.message.hasPrefix("line 1: preprocessor directive `#include \"gemmini.h\"` is not allowed") == true)
        #expect(rejection("void solution(void) {\n  #pragma GCC unroll 4\n  f();\n}")?.message.hasPrefix("line 2:") == true)
        #expect(rejection("/* note */ #define N 4\nvoid solution(void) { }")?.code == .preprocessorDirective)
        // A `#` that is not the first thing on its line, or that sits in a literal or a comment, is fine.
        #expect(rejection("void solution(void) { printf(\"#x\\n\"); /* #if */ }\n// #endif") == nil)
    }

    @Test func pragmaOperatorsAndAssemblerFileDirectivesAreRejected() {
        let pragma = rejection("void solution(void) {\n  _Pragma(\"GCC dependency \\\"/etc/passwd\\\"\")\n}")
        #expect(pragma?.code == .preprocessorDirective)
        #expect(pragma?.message.hasPrefix("line 2: `_Pragma`") == true)
        let incbin = rejection("void solution(void) {\n  asm(\".incbin \\\"/etc/passwd\\\"\");\n}")
        #expect(incbin?.code == .assemblerFileDirective)
        #expect(incbin?.message.hasPrefix("line 2: the assembler directive `.incbin`") == true)
        #expect(rejection("void solution(void) { __asm__(\".include \\\"x.s\\\"\"); }")?.code == .assemblerFileDirective)
        // Inline assembly without them, and the words in comments, are fine.
        #expect(rejection("void solution(void) { asm volatile(\"fence\"); /* .incbin */ }") == nil)
    }

    @Test func codeOutsideTheSolutionIsRejected() {
        let helper = rejection("static int twice(int x) { return 2 * x; }\nvoid solution(void) { }")
        #expect(helper?.code == .codeOutsideSolution)
        #expect(helper?.message == "line 1: code outside solution(): `static int twice(int x) { return 2 * x; }`; everything must be inside solution()")
        #expect(rejection("void solution(void) { }\nint counter = 0;")?.message.hasPrefix("line 2: code outside solution()") == true)
        #expect(rejection("int x = 1\nvoid solution(void) { }")?.code == .codeOutsideSolution)
        // Comments, blank lines, stray semicolons and a prototype are fine.
        #expect(rejection("/* header */\nvoid solution(int a);\n\nstatic void solution(int a) { };\n// end\n") == nil)
    }

    @Test func theBodyMustNotReturn() {
        let error = rejection("void solution(void) {\n    if (x) {\n        return;\n    }\n}")
        #expect(error?.code == .returnStatement)
        #expect(error?.message.hasPrefix("line 3: `return` in solution()") == true)
        #expect(rejection("void solution(void) { int returned = 0; f(\"return\"); }") == nil)
    }

    @Test func unbalancedTextIsMalformed() {
        #expect(rejection("void solution(void) { /* never closed")?.code == .malformed)
        #expect(rejection("void solution(void) { f(); ")?.code == .malformed)
        #expect(rejection("void solution(void) { puts(\"open); }")?.message == "line 1: unterminated string literal")
    }

    @Test func parameterNamesSkipTypesBracketsAndQualifiers() throws {
        let names = try SolutionFunction.parameterNames(
            ofSignature: "void solution(elem_t A[I_DIM][8], const elem_t *restrict B, acc_t bias[64], void (*callback)(int), unsigned long n)")
        #expect(names == ["A", "B", "bias", "callback", "n"])
    }

    @Test func parametersMustBeTheHarnessVariables() throws {
        let solution = try SolutionFunction.extract(from: "void solution(elem_t a[4], elem_t B[4]) { }")
        #expect(throws: HarnessError.self) { try solution.checkParameters(["A", "B"]) }
        do {
            try solution.checkParameters(["A", "B"])
        } catch {
            #expect(error.code == .parameterMismatch)
            #expect(error.message == "solution() takes (a, B) but the harness provides (A, B); keep the parameter names of the starting code")
        }
        try solution.checkParameters(["a", "B"])
    }
}
