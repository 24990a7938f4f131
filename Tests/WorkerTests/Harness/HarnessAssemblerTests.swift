import Testing
import Worker

/// Substituting candidate bodies into a harness's marker region.
@Suite struct HarnessAssemblerTests {
    static let harness = """
        #include "gemmini.h"
        int main(void) {
            uint64_t start, end;
            for (harness_repeat = 0; harness_repeat < REPEAT; harness_repeat++) {
                // SUBSTITUTE HERE
                old_block();
                // SUBSTITUTE END
            }
            harness_report();
        }
        """

    private func candidate(_ name: String, _ text: String) throws -> HarnessAssembler.Candidate {
        HarnessAssembler.Candidate(name: name, solution: try SolutionFunction.extract(from: text))
    }

    @Test func oneCandidateReplacesTheMarkedRegion() throws {
        let assembler = try HarnessAssembler(harness: Self.harness, name: "p/harness.c")
        let program = assembler.assemble([try candidate("mine.c", "\n\nvoid solution(void)\n{\n    work(1);\n}\n")])
        #expect(program.hasPrefix("#define HARNESS_CANDIDATES 1\n#line 1 \"p/harness.c\"\n#include \"gemmini.h\"\n"))
        #expect(!program.contains("old_block"))
        #expect(program.contains("""
                    // SUBSTITUTE HERE
                    // Candidate 1: mine.c
                    if (harness_should_run(0)) {
                        harness_poison_output();
                        gemmini_flush(0);
                        fence();
                        start = read_cycles();
                        {
            #line 4 "mine.c"

                work(1);

            #line 7 "p/harness.c"
                        }
                        fence();
                        end = read_cycles();
                        harness_check(0, end - start);
                    }
            #line 7 "p/harness.c"
                    // SUBSTITUTE END
                }
                harness_report();
            """))
    }

    @Test func severalCandidatesGetOneBlockEachInOrder() throws {
        let assembler = try HarnessAssembler(harness: Self.harness)
        let program = assembler.assemble([
            try candidate("a.c", "void solution(void) { first(); }"),
            try candidate("b.c", "void solution(void) { second(); }"),
            try candidate("c \"quoted\".c", "void solution(void) { third(); }"),
        ])
        #expect(program.hasPrefix("#define HARNESS_CANDIDATES 3\n"))
        let first = try #require(program.range(of: "harness_check(0, end - start)"))
        let second = try #require(program.range(of: "harness_check(1, end - start)"))
        let third = try #require(program.range(of: "harness_check(2, end - start)"))
        #expect(first.upperBound < second.lowerBound && second.upperBound < third.lowerBound)
        #expect(program.contains("#line 1 \"c \\\"quoted\\\".c\"\n third(); \n"))
        #expect(program.contains("first();") && program.contains("second();"))
    }

    @Test func aHarnessNeedsOnePairOfMarkersInOrder() {
        for harness in ["int main(void) { }", "// SUBSTITUTE END\n// SUBSTITUTE HERE\n", "// SUBSTITUTE HERE\n// SUBSTITUTE HERE\n// SUBSTITUTE END"] {
            #expect(throws: HarnessError.self) { try HarnessAssembler(harness: harness) }
        }
        do {
            _ = try HarnessAssembler(harness: "int main(void) { }", name: "x/harness.c")
        } catch {
            #expect(error.code == .badHarness)
            #expect(error.message == "x/harness.c: expected one `// SUBSTITUTE HERE` line followed by one `// SUBSTITUTE END` line (found 0 and 0)")
        }
    }
}
