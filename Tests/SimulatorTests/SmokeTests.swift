import Testing
import Simulator

@Suite("Smoke")
struct SmokeTests {
    @Test("A C program prints and exits with its code")
    func helloExitCode() throws {
        let result = try TestPrograms.run(["hello.c"])
        #expect(result.status == .exited, "\(TestPrograms.describe(result))")
        #expect(result.exitCode == 42, "\(TestPrograms.describe(result))")
        #expect(result.standardOutputText == "hello from the simulator: 7 * 6 = 42\n")
    }
}
