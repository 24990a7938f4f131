/// The version of the coordinator <-> worker wire contract. Peers with a different major
/// version refuse each other.
public enum ProtocolVersion {
    public static let major = 0
    public static let minor = 1
    public static var string: String { "\(major).\(minor)" }
}
