import Foundation
import Testing

@Suite("autocomp problems and autocomp eval")
struct ProblemCommandsTests {
    @Test("problems lists the suite with MACs and ideal cycles")
    func listing() throws {
        let result = try CommandLineTool.autocomp(["problems"])
        #expect(result.status == 0, "\(result.summary)")
        let lines = result.standardOutput.split(separator: "\n")
        #expect(lines.count == 22, "a header and 21 problems:\n\(result.standardOutput)")
        #expect(lines.first?.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
            == "ID FAMILY ACCELERATOR SHAPE MACS IDEAL CYCLES")
        let gemm = try #require(lines.first { $0.hasPrefix("gemm-I512-J512-K512 ") })
        #expect(gemm.split(separator: " ").suffix(2) == ["134217728", "524288"], "\(gemm)")
        let forward = try #require(lines.first { $0.hasPrefix("tinympc-forward ") })
        #expect(forward.contains("fp32_4x4") && forward.hasSuffix(" 960            60"), "\(forward)")

        let filtered = try CommandLineTool.autocomp(["problems", "--family", "conv"])
        #expect(filtered.standardOutput.split(separator: "\n").count == 5, "\(filtered.summary)")
    }

    @Test("eval reports each solution and exits 1 when one is incorrect")
    func evaluation() throws {
        let nothing = try CommandLineTool.write("nothing.c", """
            void solution(elem_t Adyn[12][12], elem_t Bdyn[12][4], elem_t Kinf[4][12], elem_t d[4][4], elem_t x[5][12], elem_t u[4][4])
            {
            }

            """)
        let result = try CommandLineTool.autocomp(["eval", "--problem", "tinympc-forward", "--solution", "start", "--solution", nothing, "--repeat", "2"])
        #expect(result.status == 1, "\(result.summary)")
        let lines = result.standardOutput.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(lines.first == "tinympc-forward on fp32_4x4: TinyMPC forward rollout, horizon 5, 12 states, 4 inputs, fp32")
        #expect(lines.contains { $0.hasPrefix("960 MACs, ideal 60 cycles (MACs / 4²), 2 repeats") })
        #expect(lines.contains { $0.hasPrefix("start.c") && $0.contains(" correct ") && $0.hasSuffix("% of peak)") }, "\(result.standardOutput)")
        #expect(lines.contains { $0.hasPrefix(nothing) && $0.contains("incorrect  repeat 1: u[0][0] is nan, expected") }, "\(result.standardOutput)")

        let good = try CommandLineTool.autocomp(["eval", "--problem", "tinympc-backward", "--solution", "hardware_loop"])
        #expect(good.status == 0, "\(good.summary)")
    }

    @Test("eval shows the compiler's diagnostics for a solution that does not build")
    func buildFailure() throws {
        let broken = try CommandLineTool.write("broken.c", """
            void solution(elem_t Adyn[12][12], elem_t Bdyn[12][4], elem_t Kinf[4][12], elem_t d[4][4], elem_t x[5][12], elem_t u[4][4])
            {
                undeclared_call(Adyn)
            }

            """)
        let result = try CommandLineTool.autocomp(["eval", "--problem", "tinympc-forward", "--solution", broken])
        #expect(result.status == 1, "\(result.summary)")
        #expect(result.standardOutput.contains("failed     does not compile: \(broken):3:"), "\(result.standardOutput)")
        #expect(result.standardError.contains("\(broken):3:"), "the compiler's own output:\n\(result.standardError)")
    }

    @Test("eval names an unknown problem and suggests close ones")
    func unknownProblem() throws {
        let result = try CommandLineTool.autocomp(["eval", "--problem", "tinympc-fwd", "--solution", "start"])
        #expect(result.status == 1, "\(result.summary)")
        #expect(result.errorLines == ["autocomp eval: no problem named \"tinympc-fwd\": did you mean tinympc-forward?"], "\(result.standardError)")

        let missing = try CommandLineTool.autocomp(["eval", "--problem", "tinympc-forward", "--solution", CommandLineTool.path("absent.c")])
        #expect(missing.status == 1)
        #expect(missing.errorLines.count == 1 && missing.standardError.contains("absent.c: cannot read the file"), "\(missing.summary)")
    }
}
