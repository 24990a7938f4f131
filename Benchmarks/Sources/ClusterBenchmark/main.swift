// The coordinator under load. Starts a real `autocomp serve` process (mutual TLS on loopback,
// SQLite job store in a temporary directory) and measures three paths:
//   1. queue:  N distinct jobs through the coordinator to 2 worker agents that answer at once
//              (the coordinator's own cost: jobs per second, its CPU time per job);
//   2. cache:  the same N jobs again, all answered from the result cache;
//   3. real:   M small real jobs (TinyMPC forward rollout, REPEAT 1) on 2 `autocomp worker`
//              processes that compile and simulate them.
// Usage: ClusterBenchmark [--autocomp PATH] [--jobs N] [--real M]
// Build the root package first (`swift build -c release`); PATH defaults to its release binary.
import ClusterProtocol
import Coordinator
import Foundation
import Worker

struct Arguments {
    var autocomp = "../.build/release/autocomp"
    var jobs = 1000
    var real = 200

    init() {
        var words = Array(CommandLine.arguments.dropFirst())
        while !words.isEmpty {
            let word = words.removeFirst()
            if word == "--help" || word == "-h" { print("usage: ClusterBenchmark [--autocomp PATH] [--jobs N] [--real M]"); exit(0) }
            guard let value = words.first else { fatal("\(word) needs a value") }
            words.removeFirst()
            switch word {
            case "--autocomp": autocomp = value
            case "--jobs": jobs = Int(value) ?? jobs
            case "--real": real = Int(value) ?? real
            default: fatal("unknown option \(word); usage: ClusterBenchmark [--autocomp PATH] [--jobs N] [--real M]")
            }
        }
        guard FileManager.default.isExecutableFile(atPath: autocomp) else {
            fatal("\(autocomp) is not an executable: build the root package (`swift build -c release`) or pass --autocomp")
        }
    }
}

func fatal(_ message: String) -> Never {
    FileHandle.standardError.write(Data("ClusterBenchmark: \(message)\n".utf8))
    exit(2)
}

/// CPU seconds a process has used (user + system), from /proc.
func cpuSeconds(of pid: Int32) -> Double {
    guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
          let close = stat.lastIndex(of: ")") else { return 0 }
    let fields = stat[stat.index(after: close)...].split(separator: " ")
    // After the command name: state is field 3, utime 14 and stime 15 (1-based, whole line).
    let ticks = (Double(fields[11]) ?? 0) + (Double(fields[12]) ?? 0)
    return ticks / Double(sysconf(Int32(_SC_CLK_TCK)))
}

func launch(_ binary: String, _ arguments: [String], log: URL) throws -> Process {
    FileManager.default.createFile(atPath: log.path, contents: nil)
    let handle = try FileHandle(forWritingTo: log)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: binary)
    process.arguments = arguments
    process.standardOutput = handle
    process.standardError = handle
    try process.run()
    return process
}

let arguments = Arguments()
let directory = FileManager.default.temporaryDirectory.appendingPathComponent("autocomp-cluster-bench-\(getpid())")
try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(at: directory) }
let authority = CertificateAuthority(directory: directory.appendingPathComponent("certs"))
try authority.create(commonName: "benchmark CA", days: 1)
for name in ["coordinator", "worker", "client"] {
    try authority.issue(name: name, ips: ["127.0.0.1"], dnsNames: ["localhost"], days: 1)
}
func credentialArguments(_ name: String) -> [String] {
    let credentials = authority.credentials(of: name)
    return ["--cert", credentials.certificate, "--key", credentials.key, "--ca", credentials.authority]
}

// The coordinator.
let coordinatorLog = directory.appendingPathComponent("coordinator.log")
let coordinator = try launch(
    arguments.autocomp, ["serve", "--listen", "127.0.0.1:0", "--db", directory.appendingPathComponent("jobs.sqlite").path] + credentialArguments("coordinator"),
    log: coordinatorLog)
defer { coordinator.terminate() }
var port = 0
for _ in 0..<600 where port == 0 {
    let text = (try? String(contentsOf: coordinatorLog, encoding: .utf8)) ?? ""
    if let match = text.firstMatch(of: /listening on 127\.0\.0\.1:(\d+)/) { port = Int(match.1)! }
    guard coordinator.isRunning else { fatal("the coordinator exited: \(text)") }
    try await Task.sleep(for: .milliseconds(50))
}
guard port > 0 else { fatal("the coordinator did not start") }
let address = ClusterAddress(host: "127.0.0.1", port: port)

let problem = try ProblemCatalog.builtIn().problem(id: "tinympc-forward")
func job(_ index: Int, salt: String) -> WireJobSpec {
    .with {
        $0.harness = problem.harness
        $0.harnessName = "\(problem.id)/harness.c"
        $0.candidates = [.with { $0.name = "candidate-\(index).c"; $0.body = "/* \(salt) \(index) */\n" + problem.startCode }]
        $0.accelerator = problem.accelerator
        $0.repeatCount = 1
        $0.modelCycles = true
        $0.runtimeVersion = RuntimeIdentity.version
    }
}

/// Submits the jobs and waits for all results; returns wall seconds and the coordinator's CPU seconds.
func measure(_ jobs: [WireJobSpec]) async throws -> (wall: Double, cpu: Double, results: [WireJobResult]) {
    try await ClusterConnection.with(coordinator: address, credentials: authority.credentials(of: "client")) { wire in
        let client = ClusterClient(client: wire)
        _ = try await client.status()  // connected before the clock starts
        let cpuBefore = cpuSeconds(of: coordinator.processIdentifier)
        let started = Date()
        let results = try await client.run(jobs)
        return (Date().timeIntervalSince(started), cpuSeconds(of: coordinator.processIdentifier) - cpuBefore, results)
    }
}

func report(_ name: String, _ count: Int, _ outcome: (wall: Double, cpu: Double, results: [WireJobResult])) {
    let correct = outcome.results.filter { $0.candidates.first?.status == .correct }.count
    let cached = outcome.results.filter(\.cached).count
    print(String(
        format: "%@: %d jobs in %.2f s = %.1f jobs/s; coordinator CPU %.2f ms/job; wall %.2f ms/job; %d correct, %d from the cache",
        name, count, outcome.wall, Double(count) / outcome.wall, outcome.cpu * 1000 / Double(count), outcome.wall * 1000 / Double(count),
        correct, cached))
}

// 1. The queue path: two worker agents whose jobs finish at once.
let instantJobs = (0..<arguments.jobs).map { job($0, salt: "queue-\(getpid())") }
let agents = (1...2).map { index in
    Task {
        try await ClusterConnection.with(coordinator: address, credentials: authority.credentials(of: "worker")) { wire in
            let agent = WorkerAgent(
                client: wire, options: .init(name: "instant-\(index)", slots: 4, accelerators: [problem.accelerator]), log: { _ in }
            ) { job, _ in
                .with { result in
                    result.jobID = job.jobID
                    result.attempt = job.attempt
                    result.candidates = job.spec.candidates.map { candidate in .with { $0.name = candidate.name; $0.status = .correct; $0.cycles = 1000 } }
                }
            }
            try await agent.run()
        }
    }
}
try await Task.sleep(for: .seconds(1))
print("coordinator: autocomp serve, mutual TLS on 127.0.0.1, SQLite job store; \(ProcessInfo.processInfo.activeProcessorCount) cores")
report("queue (2 workers answering at once)", arguments.jobs, try await measure(instantJobs))

// 2. The cache path: the same jobs again.
report("cache (every job answered from the result cache)", arguments.jobs, try await measure(instantJobs))
for agent in agents { agent.cancel() }

// 3. Real small jobs on two worker processes.
if arguments.real > 0 {
    let workers = try (1...2).map { index in
        try launch(
            arguments.autocomp, ["worker", "--coordinator", "127.0.0.1:\(port)", "--slots", "1", "--name", "worker-\(index)"] + credentialArguments("worker"),
            log: directory.appendingPathComponent("worker-\(index).log"))
    }
    defer { for worker in workers { worker.terminate() } }
    try await Task.sleep(for: .seconds(2))
    let realJobs = (0..<arguments.real).map { job($0, salt: "real-\(getpid())") }
    let outcome = try await measure(realJobs)
    report("real (2 worker processes, 1 slot each: compile + simulate)", arguments.real, outcome)
    let workerSeconds = outcome.results.reduce(0) { $0 + $1.wallSeconds }
    print(String(format: "  workers spent %.2f s per job on average (compile + simulate); the coordinator's CPU is %.2f%% of that",
                 workerSeconds / Double(arguments.real), outcome.cpu / workerSeconds * 100))
}
