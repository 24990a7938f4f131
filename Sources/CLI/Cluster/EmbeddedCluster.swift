import ClusterProtocol
import Coordinator
import Foundation
import GRPCCore
import GRPCInProcessTransport
import Simulator
import Worker

/// A whole cluster inside this process: a coordinator with its SQLite job store and a local
/// worker pool, talking through an in-process transport (no ports, no certificates). It is
/// what `autocomp eval` uses when no --coordinator is given, so the same code paths run
/// locally and on a real cluster.
enum EmbeddedCluster {
    static func with<Result: Sendable>(
        database: String, slots: Int, compiler: CrossCompiler, _ body: @Sendable (ClusterClient) async throws -> Result
    ) async throws -> Result {
        let pool = SimulatorPool(threads: slots)
        defer { pool.shutdown() }
        let executor = JobExecutor(evaluator: HarnessEvaluator(compiler: compiler, pool: pool))
        return try await with(database: database, slots: slots, execute: { job, _ in await executor.run(job, workerName: "local") }, body)
    }

    /// The same cluster with another way to run jobs (tests run scripted results through it).
    static func with<Result: Sendable>(
        database: String, slots: Int, execute: @escaping WorkerAgent.Execute, _ body: @Sendable (ClusterClient) async throws -> Result
    ) async throws -> Result {
        let service = ClusterService(store: try JobStore(path: database))
        try await service.prepareForEmbeddedRestart()
        let transport = InProcessTransport()
        let server = GRPCServer(transport: transport.server, services: [service])
        let client = GRPCClient(transport: transport.client)
        let wire = WireCluster.Client(wrapping: client)
        let agent = WorkerAgent(
            client: wire,
            options: .init(name: "local", slots: slots, accelerators: GemminiConfiguration.builtIn.map(\.name)),
            log: { _ in }, execute: execute)

        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await server.serve() }
            group.addTask { try await client.runConnections() }
            group.addTask { await service.runHousekeeping() }
            group.addTask { try await agent.run() }
            defer {
                client.beginGracefulShutdown()
                server.beginGracefulShutdown()
                group.cancelAll()
            }
            return try await body(ClusterClient(client: wire))
        }
    }
}
