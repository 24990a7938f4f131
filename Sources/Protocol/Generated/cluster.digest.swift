// Written by ops/generate-protocol.sh: the SHA-256 of the cluster.proto this code was
// generated from. ProtocolCodegenTests fails when the .proto changed since.
public enum GeneratedProtocol {
    public static let protoSHA256 = "576c7a302fcd4dd2552dc55f784f61946efbf85a30b47a1c0d7a6ab4ab1d4324"
}
