import ClusterProtocol
import Coordinator
import Foundation
import TestThreads
import Testing

/// The cluster as users run it: `autocomp serve` and `autocomp worker` processes on loopback
/// with certificates made at test time, jobs submitted through the client API.
@Suite(.serialized, .onTestThreads) struct ClusterProcessTests {
    @Test("a coordinator and three workers evaluate a batch of 50 jobs, all correct")
    func batchOnThreeWorkers() async throws {
        let cluster = try ClusterProcesses(certificates: try TestCertificates())
        defer { cluster.stopAll() }
        try cluster.startCoordinator(leaseSeconds: 10)
        for name in ["w1", "w2", "w3"] { try cluster.startWorker(name) }

        let results = try await cluster.withClient { try await $0.run(TestJobs.jobs(50)) }
        #expect(results.count == 50)
        let wrong = results.filter { $0.candidates.first?.status != .correct }
        #expect(wrong.isEmpty, "\(wrong.prefix(3))")
        #expect(Set(results.map(\.jobID)).count == 50)
        let finished = cluster.finishedJobs()
        #expect(finished.values.allSatisfy { $0 == 1 }, "a job ran twice: \(finished.filter { $0.value > 1 })")
        let busyWorkers = ["w1", "w2", "w3"].filter { cluster.log($0).contains("finished") }
        #expect(busyWorkers.count >= 2, "work was not shared: \(busyWorkers)")

        let status = try await cluster.withClient { try await $0.status() }
        #expect(status.workers.count == 3)
        #expect(status.done == 50 && status.queued == 0 && status.running == 0)
        let metrics = try cluster.metrics()
        #expect(metrics.contains("autocomp_jobs_completed_total 50"), "\(metrics)")

        // The command line against the running cluster, as users run it.
        let evaluation = try cluster.runCommand(["eval", "--problem", "tinympc-forward", "--solution", "start", "--coordinator", "127.0.0.1:\(cluster.port)"] + cluster.credentials("client"))
        #expect(evaluation.status == 0 && evaluation.output.contains("correct"), "\(evaluation.output)")
        let listing = try cluster.runCommand(["status", "--coordinator", "127.0.0.1:\(cluster.port)"] + cluster.credentials("client"))
        #expect(listing.status == 0 && listing.output.contains("workers: 3") && listing.output.contains("w2"), "\(listing.output)")

        // The same batch again: every job is answered from the result cache.
        let repeated = try await cluster.withClient { try await $0.run(TestJobs.jobs(50)) }
        #expect(repeated.allSatisfy { $0.cached })
        #expect(repeated.map { $0.candidates.first?.cycles } == results.map { $0.candidates.first?.cycles })
    }

    @Test("a worker killed with SIGKILL mid-batch loses no job")
    func killedWorker() async throws {
        let cluster = try ClusterProcesses(certificates: try TestCertificates())
        defer { cluster.stopAll() }
        try cluster.startCoordinator(leaseSeconds: 2)
        let victim = try cluster.startWorker("victim")
        try cluster.startWorker("survivor")

        let ids = try await cluster.withClient { try await $0.submit(TestJobs.jobs(16)) }
        // Kill the victim while it runs a job: right after it finished its first one.
        let deadline = Date().addingTimeInterval(60)
        while !cluster.log("victim").contains("finished"), Date() < deadline { try await Task.sleep(for: .milliseconds(50)) }
        try await Task.sleep(for: .milliseconds(300))
        kill(victim.processIdentifier, SIGKILL)

        let results = try await cluster.withClient { try await $0.results(of: ids) }
        #expect(results.allSatisfy { $0.candidates.first?.status == .correct }, "\(results.filter { $0.candidates.first?.status != .correct })")
        #expect(results.map(\.jobID) == ids)
        let metrics = try cluster.metrics()
        #expect(metrics.contains("autocomp_jobs_done 16"))
        // The victim's unfinished lease expired and went to the survivor.
        #expect(!metrics.contains("autocomp_leases_expired_total 0"), "\(metrics)")
    }

    @Test("a coordinator killed and restarted resumes its queue: no job lost, none run twice")
    func restartedCoordinator() async throws {
        let cluster = try ClusterProcesses(certificates: try TestCertificates())
        defer { cluster.stopAll() }
        try cluster.startCoordinator(leaseSeconds: 10)
        try cluster.startWorker("w1")
        try cluster.startWorker("w2")

        let ids = try await cluster.withClient { try await $0.submit(TestJobs.jobs(20)) }
        let deadline = Date().addingTimeInterval(60)
        while cluster.finishedJobs().count < 4, Date() < deadline { try await Task.sleep(for: .milliseconds(50)) }
        cluster.killCoordinator()
        // Workers finish what they run and keep trying to deliver while it is down.
        try await Task.sleep(for: .seconds(2))
        try cluster.startCoordinator(leaseSeconds: 10)

        let results = try await cluster.withClient { try await $0.results(of: ids) }
        #expect(results.allSatisfy { $0.candidates.first?.status == .correct })
        let finished = cluster.finishedJobs()
        #expect(Set(finished.keys) == Set(ids), "runs: \(finished.count) of \(ids.count) jobs")
        #expect(finished.values.allSatisfy { $0 == 1 }, "ran twice: \(finished.filter { $0.value > 1 })")
    }

    @Test("candidates that include host files or never stop come back rejected or timed out; the worker stays healthy")
    func hostileCandidates() async throws {
        let cluster = try ClusterProcesses(certificates: try TestCertificates())
        defer { cluster.stopAll() }
        try cluster.startCoordinator(leaseSeconds: 10)
        let worker = try cluster.startWorker("w1")
        let signature = TestJobs.problem.signature
        let include = TestJobs.job(1, body: "#include \"/etc/passwd\"\n\(signature) {\n}\n")
        let endless = TestJobs.job(2, body: "\(signature) {\n    volatile int spin = 1;\n    while (spin) {}\n}\n", runSeconds: 2)
        let incbin = TestJobs.job(4, body: "\(signature) {\n    __asm__ volatile(\".pushsection .rodata\\n.incbin \\\"/etc/passwd\\\"\\n.popsection\");\n}\n")
        var flood = TestJobs.job(5, body: "\(signature) {\n    for (;;) printf(\"flood flood flood flood\\n\");\n}\n", runSeconds: 3)
        flood.limits.maxOutputBytes = 4096
        let batch = [include, endless, TestJobs.job(3), incbin, flood]
        let results = try await cluster.withClient { try await $0.run(batch) }

        #expect(results[0].candidates[0].status == .rejected, "\(results[0])")
        #expect(results[0].candidates[0].reason.contains("preprocessor"), "\(results[0].candidates[0].reason)")
        #expect(results[1].candidates[0].status == .timeout, "\(results[1])")
        #expect(results[2].candidates[0].status == .correct, "\(results[2])")
        #expect(results[3].candidates[0].status == .rejected, "\(results[3])")
        #expect(results[3].candidates[0].reason.contains(".incbin"), "\(results[3].candidates[0].reason)")
        #expect(results[4].candidates[0].status == .timeout, "\(results[4])")
        #expect(results[4].candidates[0].consoleTail.utf8.count <= 4096, "the console tail is bounded")
        #expect(results[4].candidates[0].consoleTail.contains("flood"))
        #expect(worker.isRunning)
    }

    @Test("a worker drives a board through its command (here `autocomp sim` stands in for an FPGA loader)")
    func boardWorker() async throws {
        let cluster = try ClusterProcesses(certificates: try TestCertificates())
        defer { cluster.stopAll() }
        try cluster.startCoordinator(leaseSeconds: 10)
        let board = cluster.directory.appendingPathComponent("board.json")
        let description = """
            {"name": "fake-fpga", "accelerator": "\(TestJobs.problem.accelerator)",
             "command": ["\(ClusterProcesses.autocomp)", "sim", "{elf}", "--accel", "\(TestJobs.problem.accelerator)", "--timing", "off"],
             "timeoutSeconds": 120, "console": "stdout"}
            """
        try Data(description.utf8).write(to: board)
        try cluster.startWorker("board-host", slots: 0, extra: ["--board", board.path])

        var jobs = [TestJobs.job(1), TestJobs.job(2)]
        for index in jobs.indices { jobs[index].backend = .board }
        let boardJobs = jobs
        let results = try await cluster.withClient { try await $0.run(boardJobs) }
        for result in results {
            #expect(result.candidates.first?.status == .correct, "\(result)")
            #expect((result.candidates.first?.cycles ?? 0) > 0)
            // A board reports the program's own cycle counter, no modelled feedback.
            #expect(result.candidates.first?.hasFeedback == false)
        }
        #expect(cluster.log("board-host").contains("boards fake-fpga"))
        let status = try await cluster.withClient { try await $0.status() }
        #expect(status.workers.first?.capabilities.boards.map(\.name) == ["fake-fpga"])

        // A simulator job is never routed to this board-only worker.
        var simulatorOnly = TestJobs.job(3)
        simulatorOnly.backend = .simulator
        let unroutableJob = simulatorOnly
        let waiting = try await cluster.withClient { client -> Int in
            let ids = try await client.submit([unroutableJob])
            try await Task.sleep(for: .seconds(2))
            let state = try await client.status()
            _ = try await client.cancel(ids)
            return Int(state.unroutable)
        }
        #expect(waiting == 1)
    }
}
