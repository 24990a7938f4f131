import ArgumentParser
import ClusterProtocol

/// The certificate options every cluster command takes.
struct CertificateOptions: ParsableArguments {
    @Option(help: ArgumentHelp("This peer's certificate (PEM), issued by the cluster CA (`autocomp certs issue`).", valueName: "file"))
    var cert: String?

    @Option(help: ArgumentHelp("The certificate's private key (PEM).", valueName: "file"))
    var key: String?

    @Option(help: ArgumentHelp("The cluster CA's certificate (PEM): peers must chain to it.", valueName: "file"))
    var ca: String?

    /// The three files, checked; `what` names the command for the error.
    func credentials(for what: String) throws -> ClusterCredentials {
        guard let cert, let key, let ca else {
            throw ValidationError("\(what) needs --cert, --key and --ca (create them with `autocomp certs init` and `autocomp certs issue`)")
        }
        let credentials = ClusterCredentials(certificate: cert, key: key, authority: ca)
        do {
            try credentials.validate()
        } catch {
            throw ValidationError(error.description)
        }
        return credentials
    }

    var anyGiven: Bool { cert != nil || key != nil || ca != nil }
}

/// `--coordinator HOST:PORT` parsed.
func parseAddress(_ text: String, option: String) throws -> ClusterAddress {
    do {
        return try ClusterAddress(parsing: text)
    } catch {
        throw ValidationError("\(option) \(error.description)")
    }
}
