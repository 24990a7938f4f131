#!/usr/bin/env bash
# Regenerates the Swift for the cluster protocol (Sources/Protocol/Generated) from
# Sources/Protocol/cluster.proto, and records the .proto's digest so that a test notices when
# the committed code is stale. Needs protoc (Debian's protobuf-compiler, installed if missing)
# and builds the two protoc plugins once from ops/protocol-tools (a few minutes the first time).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
proto_dir="$root/Sources/Protocol"
out="$proto_dir/Generated"
tools_build="${PROTOCOL_TOOLS_BUILD:-$root/.build-protocol-tools}"

if ! command -v protoc >/dev/null; then
    echo "installing protoc (protobuf-compiler)..." >&2
    if [ "$(id -u)" = 0 ]; then apt-get install -y -q protobuf-compiler >/dev/null
    else sudo apt-get install -y -q protobuf-compiler >/dev/null; fi
fi

echo "building the protoc plugins (once)..." >&2
for plugin in protoc-gen-swift protoc-gen-grpc-swift-2; do
    swift build -c release --package-path "$root/ops/protocol-tools" --scratch-path "$tools_build" \
        --product "$plugin" >&2
done
bin="$tools_build/release"

mkdir -p "$out"
rm -f "$out"/*.swift
protoc --proto_path="$proto_dir" \
    --plugin=protoc-gen-swift="$bin/protoc-gen-swift" \
    --swift_out="$out" --swift_opt=Visibility=Public,UseAccessLevelOnImports=true \
    --plugin=protoc-gen-grpc-swift="$bin/protoc-gen-grpc-swift-2" \
    --grpc-swift_out="$out" --grpc-swift_opt=Visibility=Public,UseAccessLevelOnImports=true \
    "$proto_dir/cluster.proto"

digest="$(sha256sum "$proto_dir/cluster.proto" | cut -d' ' -f1)"
cat > "$out/cluster.digest.swift" <<SWIFT
// Written by ops/generate-protocol.sh: the SHA-256 of the cluster.proto this code was
// generated from. ProtocolCodegenTests fails when the .proto changed since.
public enum GeneratedProtocol {
    public static let protoSHA256 = "$digest"
}
SWIFT
echo "generated $(ls "$out" | wc -l) files in Sources/Protocol/Generated" >&2
