// Written by ops/generate-protocol.sh: the SHA-256 of the cluster.proto this code was
// generated from. ProtocolCodegenTests fails when the .proto changed since.
public enum GeneratedProtocol {
    public static let protoSHA256 = "fcee5c41544d9387f7fb3ec947dd1b6ceabddbcb85911d42f12eac0b9d7db69b"
}
