/// `0x`-prefixed lowercase hexadecimal, for messages.
@inline(never)
func hex(_ value: UInt64) -> String {
    "0x" + String(value, radix: 16)
}

/// Hexadecimal padded to `digits`, for instruction words (`0x0000007b`).
@inline(never)
func hex(_ value: UInt64, digits: Int) -> String {
    let text = String(value, radix: 16)
    return "0x" + String(repeating: "0", count: max(0, digits - text.count)) + text
}
