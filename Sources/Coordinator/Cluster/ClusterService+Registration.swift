import ClusterProtocol
public import GRPCCore
import SwiftProtobuf

extension ClusterService {
    /// Registers the service's methods with decoders that refuse oversized or malformed
    /// requests with a status that says so (the generated registration would answer both with
    /// an opaque stream reset or internal error).
    public func registerMethods<Transport: ServerTransport>(with router: inout RPCRouter<Transport>) {
        add(WireCluster.Method.Register.descriptor, to: &router, handler: register(request:context:))
        add(WireCluster.Method.Lease.descriptor, to: &router, handler: lease(request:context:))
        add(WireCluster.Method.Heartbeat.descriptor, to: &router, handler: heartbeat(request:context:))
        add(WireCluster.Method.Complete.descriptor, to: &router, handler: complete(request:context:))
        add(WireCluster.Method.Release.descriptor, to: &router, handler: release(request:context:))
        add(WireCluster.Method.Submit.descriptor, to: &router, handler: submit(request:context:))
        add(WireCluster.Method.Await.descriptor, to: &router, handler: self.await(request:context:))
        add(WireCluster.Method.Cancel.descriptor, to: &router, handler: cancel(request:context:))
        add(WireCluster.Method.Status.descriptor, to: &router, handler: status(request:context:))
    }

    private func add<Transport: ServerTransport, Input: SwiftProtobuf.Message, Output: SwiftProtobuf.Message>(
        _ method: MethodDescriptor, to router: inout RPCRouter<Transport>,
        handler: @escaping @Sendable (StreamingServerRequest<Input>, ServerContext) async throws -> StreamingServerResponse<Output>
    ) {
        router.registerHandler(
            forMethod: method, deserializer: CheckedDeserializer<Input>(), serializer: PlainSerializer<Output>(), handler: handler)
    }
}

/// Decodes a request after checking its size, and names the message type when it is malformed.
struct CheckedDeserializer<Message: SwiftProtobuf.Message>: MessageDeserializer {
    func deserialize<Bytes: GRPCContiguousBytes>(_ bytes: Bytes) throws -> Message {
        guard bytes.count <= ClusterTransport.maxMessageBytes else {
            throw RPCError(
                code: .resourceExhausted,
                message: "a \(Message.protoMessageName) of \(bytes.count) bytes is over the \(ClusterTransport.maxMessageBytes)-byte message limit")
        }
        do {
            return try bytes.withUnsafeBytes { try Message(serializedBytes: Array($0)) }
        } catch {
            throw RPCError(code: .invalidArgument, message: "not a valid \(Message.protoMessageName) message (\(error))")
        }
    }
}

struct PlainSerializer<Message: SwiftProtobuf.Message>: MessageSerializer {
    func serialize<Bytes: GRPCContiguousBytes>(_ message: Message) throws -> Bytes {
        Bytes(try message.serializedBytes() as [UInt8])
    }
}
