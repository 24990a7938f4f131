import ArgumentParser
import ClusterProtocol
import Foundation

/// `autocomp certs`: the cluster's certificates.
struct CertsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "certs",
        abstract: "Create a cluster CA and issue certificates for coordinators, workers and clients.",
        discussion: """
            Every cluster connection is mutual TLS: the coordinator accepts only peers whose \
            certificate chains to the cluster CA, and peers check the coordinator's the same way. \
            Typical set-up:
              autocomp certs init certs
              autocomp certs issue certs --name coordinator --ip 10.0.0.5 --dns coord.lab
              autocomp certs issue certs --name worker-1
              autocomp certs issue certs --name me
            Keep certs/ca-key.pem private: whoever holds it can admit new peers.
            """,
        subcommands: [Init.self, Issue.self]
    )

    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a new cluster CA (DIR/ca.pem and DIR/ca-key.pem).")

        @Argument(help: ArgumentHelp("Directory for the CA (created if missing).", valueName: "dir"))
        var directory: String

        @Option(help: ArgumentHelp("Validity in days.", valueName: "days"))
        var days: Int = 3650

        @Option(help: ArgumentHelp("The CA's common name.", valueName: "name"))
        var commonName: String = "autocomp cluster CA"

        func validate() throws {
            if days < 1 { throw ValidationError("--days \(days): must be at least 1") }
        }

        func run() throws {
            let authority = CertificateAuthority(directory: URL(fileURLWithPath: directory))
            do {
                try authority.create(commonName: commonName, days: days)
            } catch {
                printError("autocomp certs init: \(error)")
                throw ExitCode(1)
            }
            print("created the cluster CA: \(authority.certificate.path) (give to every peer as --ca)")
            print("                        \(authority.key.path) (keep private)")
        }
    }

    struct Issue: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Issue a certificate signed by the cluster CA (DIR/NAME.pem and DIR/NAME-key.pem).",
            discussion: """
                A coordinator's certificate must name the addresses peers dial it by (--ip, --dns); \
                with neither, it is valid for 127.0.0.1 and localhost. Workers and clients may use \
                the defaults.
                """)

        @Argument(help: ArgumentHelp("The CA directory (from `autocomp certs init`).", valueName: "dir"))
        var directory: String

        @Option(help: ArgumentHelp("The peer's name (file names and common name).", valueName: "name"))
        var name: String

        @Option(help: ArgumentHelp("An IP address the peer is reached at (repeatable).", valueName: "ip"))
        var ip: [String] = []

        @Option(help: ArgumentHelp("A DNS name the peer is reached at (repeatable).", valueName: "host"))
        var dns: [String] = []

        @Option(help: ArgumentHelp("Validity in days.", valueName: "days"))
        var days: Int = 825

        func validate() throws {
            if days < 1 { throw ValidationError("--days \(days): must be at least 1") }
        }

        func run() throws {
            let authority = CertificateAuthority(directory: URL(fileURLWithPath: directory))
            let defaults = ip.isEmpty && dns.isEmpty
            do {
                try authority.issue(name: name, ips: defaults ? ["127.0.0.1", "::1"] : ip, dnsNames: defaults ? ["localhost"] : dns, days: days)
            } catch {
                printError("autocomp certs issue: \(error)")
                throw ExitCode(1)
            }
            let certificate = authority.certificate(of: name).path
            let key = authority.key(of: name).path
            print("issued \(certificate) and \(key)")
            print("use: --cert \(certificate) --key \(key) --ca \(authority.certificate.path)")
        }
    }
}
