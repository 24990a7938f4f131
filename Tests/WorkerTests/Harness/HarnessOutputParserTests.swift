import Testing
import Worker

/// Reading verdicts from a harness's console output.
@Suite struct HarnessOutputParserTests {
    @Test func oneCorrectCandidate() {
        let output = "Generated implementation latency: 12345 cycles\nCorrect result\n"
        #expect(HarnessOutputParser.parse(output, candidates: 1) == [.correct(cycles: 12345)])
    }

    @Test func oneIncorrectCandidateCarriesTheMismatch() {
        let output = "Mismatch in candidate 1 (repeat 2): C[3][4] is -91, expected 2 (7 of 64 elements differ)\nIncorrect result\n"
        #expect(HarnessOutputParser.parse(output, candidates: 1)
            == [.incorrect(reason: "repeat 2: C[3][4] is -91, expected 2 (7 of 64 elements differ)")])
        #expect(HarnessOutputParser.parse("Incorrect result\n", candidates: 1) == [.incorrect(reason: "the output does not match the gold")])
    }

    @Test func batchModeReadsTheSentinel() {
        let output = """
            Mismatch in candidate 2 (repeat 1): output[0][0][0][1] is -91, expected 0 (9 of 9 elements differ)
            Generated implementation latency: 500 cycles
            Generated implementation latency: 99999999999 cycles
            Generated implementation latency: 400 cycles
            Correct result

            """
        #expect(HarnessOutputParser.parse(output, candidates: 3) == [
            .correct(cycles: 500),
            .incorrect(reason: "repeat 1: output[0][0][0][1] is -91, expected 0 (9 of 9 elements differ)"),
            .correct(cycles: 400),
        ])
    }

    @Test func anUnfinishedRunGivesNoVerdicts() {
        let truncated = "Generated implementation latency: 500 cycles\n"
        #expect(HarnessOutputParser.parse(truncated, candidates: 1) == [.failed(reason: "the program ended before printing every result")])
        let short = "Generated implementation latency: 500 cycles\nCorrect result\n"
        #expect(HarnessOutputParser.parse(short, candidates: 2).allSatisfy { !$0.isCorrect })
        #expect(HarnessOutputParser.parse("", candidates: 1).first?.reason == "the program ended before printing every result")
    }

    @Test func extraLatencyLinesAreNotTrusted() {
        let output = "Generated implementation latency: 1 cycles\nGenerated implementation latency: 2 cycles\nCorrect result\n"
        #expect(HarnessOutputParser.parse(output, candidates: 1)
            == [.failed(reason: "the program printed 2 latency lines for 1 candidate")])
    }

    @Test func surroundingTextAndCarriageReturnsAreTolerated() {
        let output = "debug: tile 3\r\n  Generated implementation latency: 77 cycles\r\nCorrect result\r\n"
        #expect(HarnessOutputParser.parse(output, candidates: 1) == [.correct(cycles: 77)])
        #expect(HarnessOutputParser.parse("Generated implementation latency: many cycles\nCorrect result\n", candidates: 1).first?.isCorrect == false)
    }
}
