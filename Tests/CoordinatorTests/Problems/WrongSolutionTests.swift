import Coordinator
import Testing
import Worker

/// Solutions that compute the wrong thing, write nothing, or break the rules are caught, alone
/// and in batch mode next to good ones.
@Suite struct WrongSolutionTests {
    let gemm = try! SuiteEvaluation.catalog.problem(id: "gemm-I256-J256-K256")
    let forward = try! SuiteEvaluation.catalog.problem(id: "tinympc-forward")

    /// The GEMM starting code without its last column of output tiles.
    func skipsATile() throws -> String {
        try SuiteEvaluation.startCode(
            of: gemm, replacing: "const int tiles = 256 / DIM - j < 4 ? 256 / DIM - j : 4;",
            with: "const int tiles = 256 / DIM - j <= 4 ? 256 / DIM - j - 1 : 4;")
    }

    @Test func aSkippedTileIsIncorrect() async throws {
        let report = try await SuiteEvaluation.evaluate(gemm, [SolutionSource(name: "skips.c", text: try skipsATile())], repeatCount: 1)
        let reason = report.solutions[0].result.reason ?? ""
        #expect(reason.hasPrefix("repeat 1: C[0][240] is -91, expected "), "\(reason)")
        #expect(reason.hasSuffix(" (4096 of 65536 elements differ)"), "\(reason)")
    }

    @Test func garbageAndNothingAreIncorrect() async throws {
        let signature = gemm.signature
        let garbage = "\(signature)\n{\n    for (int i = 0; i < 256; i++)\n        for (int j = 0; j < 256; j++) C[i][j] = (elem_t)(i ^ j);\n}\n"
        let nothing = "\(signature)\n{\n}\n"
        let report = try await SuiteEvaluation.evaluate(
            gemm, [SolutionSource(name: "garbage.c", text: garbage), SolutionSource(name: "nothing.c", text: nothing)], repeatCount: 1)
        #expect(report.programs.count == 1)
        #expect(report.solutions[0].result.reason?.hasPrefix("repeat 1: C[0][") == true)
        #expect(report.solutions[1].result.reason?.hasPrefix("repeat 1: C[0][0] is -91, expected") == true)
        #expect(report.solutions[1].result.reason?.hasSuffix("(65536 of 65536 elements differ)") == true)
    }

    @Test func aSolutionThatWritesItsInputIsIncorrect() async throws {
        let text = try SuiteEvaluation.startCode(of: gemm, replacing: "    fence();\n}", with: "    fence();\n    A[5][5] ^= 1;\n}")
        let report = try await SuiteEvaluation.evaluate(gemm, [SolutionSource(name: "scribbles.c", text: text)], repeatCount: 1)
        #expect(report.solutions[0].result == .incorrect(reason: "repeat 1: the solution wrote into its input A"))
    }

    @Test func batchModeSeparatesAGoodAndABadCandidate() async throws {
        let report = try await SuiteEvaluation.evaluate(
            gemm, [SolutionSource(name: "start.c", text: gemm.startCode), SolutionSource(name: "skips.c", text: try skipsATile())], repeatCount: 2)
        #expect(report.programs.count == 1, "both candidates ran in one program")
        #expect(report.solutions[0].result.isCorrect)
        #expect(report.solutions[1].result.reason?.hasPrefix("repeat 1: C[0][240] is -91") == true)
    }

    @Test func aTinyMPCSolutionWithoutTheFeedforwardTermIsIncorrect() async throws {
        let text = try SuiteEvaluation.startCode(of: forward, replacing: "mvin3(&d[i][0], c_tile, 1, DIM);", with: "mvin3(0, c_tile, 1, DIM);")
        let report = try await SuiteEvaluation.evaluate(forward, [SolutionSource(name: "no-d.c", text: text)])
        #expect(report.solutions[0].result.reason?.hasPrefix("repeat 1: u[0][0] is ") == true, "\(report.solutions[0].result)")
    }

    @Test func candidatesThatDoNotBuildOrRunAreFailedWithoutTakingTheOthersDown() async throws {
        let signature = forward.signature
        let solutions = [
            SolutionSource(name: "good.c", text: forward.startCode),
            SolutionSource(name: "syntax.c", text: "\(signature)\n{\n    int x = ;\n}\n"),
            SolutionSource(name: "exits.c", text: "\(signature)\n{\n    printf(\"giving up\\n\");\n    exit(3);\n}\n"),
            SolutionSource(name: "include.c", text: "#include <stdio.h>\n\(signature)\n{\n}\n"),
            SolutionSource(name: "renamed.c", text: forward.startCode.replacingOccurrences(of: "elem_t u[4][4]", with: "elem_t out[4][4]")),
            SolutionSource(name: "nothing.c", text: "\(signature)\n{\n}\n"),
        ]
        let report = try await SuiteEvaluation.evaluate(forward, solutions)
        let results = report.solutions.map(\.result)
        #expect(results[0].isCorrect)
        #expect(results[1] == .failed(reason: "does not compile: syntax.c:3:13: error: expected expression before ';' token"), "\(results[1])")
        #expect(report.solutions[1].diagnostics.contains("syntax.c:3:13: error"))
        #expect(results[2] == .failed(reason: "the program exited with status 3 before printing its results (last output: giving up)"))
        #expect(results[3].reason?.hasPrefix("rejected: line 1: preprocessor directive `#include <stdio.h>` is not allowed") == true)
        #expect(results[4].reason == "rejected: solution() takes (Adyn, Bdyn, Kinf, d, x, out) but the harness provides (Adyn, Bdyn, Kinf, d, x, u); keep the parameter names of the starting code")
        #expect(results[5].reason?.hasPrefix("repeat 1: u[0][0] is nan, expected") == true, "\(results[5])")
        // The batch of the four accepted candidates did not build, so each got its own program.
        #expect(report.programs.map(\.solutions.count) == [4, 1, 1, 1, 1])
    }

    @Test func aCandidateThatNeverFinishesIsStopped() async throws {
        let text = "\(forward.signature)\n{\n    for (volatile int spin = 0; spin >= 0; spin += 0) {}\n}\n"
        let report = try await SuiteEvaluation.evaluate(forward, [SolutionSource(name: "spins.c", text: text)], timeoutSeconds: 2)
        #expect(report.solutions[0].result.reason?.hasPrefix("the program did not finish within") == true, "\(report.solutions[0].result)")
    }
}
