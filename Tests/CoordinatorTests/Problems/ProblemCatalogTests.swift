import Coordinator
import Foundation
import Testing
import Worker

/// The suite that ships as resources: what is in it, and that every problem is consistent
/// with itself (signature, MAC count, design, markers).
@Suite struct ProblemCatalogTests {
    let catalog: ProblemCatalog

    init() throws { catalog = try ProblemCatalog.builtIn() }

    @Test func theSuiteHoldsThePublishedProblems() {
        let ids = catalog.problems.map(\.id)
        #expect(ids.count == 21)
        #expect(catalog.problems.filter { $0.family == .gemm }.count == 15)
        #expect(catalog.problems.filter { $0.family == .conv }.count == 4)
        #expect(catalog.problems.filter { $0.family == .tinympc }.count == 2)
        // The main GEMMs, given as (I, K, J) in the paper.
        for (i, k, j) in [(512, 512, 512), (12544, 64, 256), (12544, 256, 64), (3136, 128, 512), (3136, 512, 128), (784, 256, 1024)] {
            #expect(ids.contains("gemm-I\(i)-J\(j)-K\(k)"))
        }
        // The schedule-reuse GEMMs, given as I x J x K.
        for (i, j, k) in [(32, 2048, 2048), (1024, 1024, 1024), (256, 256, 256), (6272, 256, 64), (12544, 128, 64),
                          (12544, 256, 128), (128, 1024, 1024), (64, 1024, 1024), (32, 1024, 1024)] {
            #expect(catalog.problems.first { $0.id == "gemm-I\(i)-J\(j)-K\(k)" }?.manifest.set == "schedule-reuse")
        }
        for id in ["conv-56x56-64to64", "conv-28x28-128to128", "conv-14x14-256to256", "conv-14x14-128to128",
                   "tinympc-forward", "tinympc-backward"] {
            #expect(ids.contains(id))
        }
        #expect(catalog.problems.map(\.manifest.order) == Array(1...21))
    }

    @Test func macCountsFollowFromTheShapes() throws {
        for problem in catalog.problems {
            let d = problem.manifest.dimensions
            switch problem.family {
            case .gemm:
                #expect(problem.macs == d["I"]! * d["J"]! * d["K"]!, "\(problem.id)")
                #expect(problem.repeatCount == 5)
            case .conv:
                let expected = d["batch"]! * d["outRows"]! * d["outCols"]! * d["inChannels"]! * d["outChannels"]! * d["kernel"]! * d["kernel"]!
                #expect(problem.macs == expected, "\(problem.id)")
                #expect(d["inRows"] == d["outRows"]! + 2 && d["batch"] == 4 && d["kernel"] == 3)
                #expect(problem.repeatCount == 3)
            case .tinympc:
                let steps = d["horizon"]! - 1
                let perStep = problem.id == "tinympc-forward" ? 4 * 12 + 12 * 12 + 12 * 4 : 12 * 4 + 4 * 4 + 12 * 12 + 4 * 12
                #expect(problem.macs == steps * perStep, "\(problem.id)")
            }
        }
        let gemm = try catalog.problem(id: "gemm-I512-J512-K512")
        #expect(gemm.idealCycles(arrayDim: 16) == 524_288)
        #expect(try catalog.problem(id: "tinympc-forward").idealCycles(arrayDim: 4) == 60)
    }

    @Test func everyProblemIsConsistent() throws {
        for problem in catalog.problems {
            let design = try AcceleratorCatalog.resolve(problem.accelerator)
            #expect(design.name == (problem.family == .tinympc ? "fp32_4x4" : "int8_16x16"))
            #expect(problem.manifest.menu == (problem.family == .tinympc ? .tinympc : .gemmConv))
            _ = try HarnessAssembler(harness: problem.harness)
            let expected = try SolutionFunction.parameterNames(ofSignature: problem.signature)
            for baseline in ProblemBaseline.allCases {
                let text = problem.solution(baseline)
                let solution = try SolutionFunction.extract(from: text)
                #expect(solution.parameters == expected, "\(problem.id) \(baseline.fileName)")
                // The declaration is the manifest's signature, up to spacing.
                let declaration = try #require(text.range(of: "void solution(")).lowerBound
                let close = try #require(text[declaration...].firstIndex(of: ")"))
                #expect(Self.collapsed(text[declaration...close]) == Self.collapsed(problem.signature), "\(problem.id) \(baseline.fileName)")
            }
            // The harness's own timing block runs the starting code.
            let start = try SolutionFunction.extract(from: problem.startCode)
            let lines = start.body.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            let region = try #require(problem.harness.components(separatedBy: "// SUBSTITUTE HERE").last?.components(separatedBy: "// SUBSTITUTE END").first)
            let regionLines = region.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            #expect(regionLines.joined(separator: "\n").contains(lines.joined(separator: "\n")), "\(problem.id): harness.c does not run start.c")
            if problem.family != .tinympc {
                #expect(problem.manifest.generatedBy != nil)
                for text in [problem.harness] + ProblemBaseline.allCases.map(problem.solution) {
                    #expect(text.hasPrefix("// Generated by ops/generate-problems.py"))
                }
            }
        }
    }

    private static func collapsed(_ text: some StringProtocol) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    @Test func anUnknownIdSuggestsCloseOnes() {
        #expect(throws: ProblemCatalogError.self) { try catalog.problem(id: "gemm-512") }
        do {
            _ = try catalog.problem(id: "gemm-I512-J512-K513")
        } catch {
            #expect(error.code == .unknownProblem)
            #expect(error.message.hasPrefix("no problem named \"gemm-I512-J512-K513\": did you mean gemm-I512-J512-K512"))
        }
        #expect(catalog.closeMatches(to: "tinympc").sorted() == ["tinympc-backward", "tinympc-forward"])
        do {
            _ = try catalog.problem(id: "fft")
        } catch {
            #expect(error.message == "no problem named \"fft\": run `autocomp problems` to list them")
        }
    }

    @Test func aBrokenProblemDirectoryIsNamed() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("autocomp-catalog-\(UUID().uuidString)")
        let problem = root.appendingPathComponent("my-problem")
        try FileManager.default.createDirectory(at: problem, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        try Data("{\"id\": \"my-problem\"}".utf8).write(to: problem.appendingPathComponent("problem.json"))
        do {
            _ = try ProblemCatalog(directory: root)
            Issue.record("loaded a problem with an incomplete problem.json")
        } catch {
            #expect(error.code == .invalidProblem)
            #expect(error.message.hasPrefix("problem my-problem: problem.json: missing field"))
        }
    }

    /// The committed GEMM and convolution directories are what the generator writes.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["PATH"].map { $0.split(separator: ":").contains { FileManager.default.isExecutableFile(atPath: "\($0)/python3") } } ?? false))
    func generatedProblemsAreFresh() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let script = root.appendingPathComponent("ops/generate-problems.py")
        try #require(FileManager.default.fileExists(atPath: script.path))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script.path, "--check"]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(output)")
    }
}
