/// RV64I/M arithmetic with the ISA's exact corner cases (division by zero, overflow).
enum IntegerArithmetic {
    @inline(__always) static func signExtend32(_ value: UInt64) -> UInt64 {
        UInt64(bitPattern: Int64(Int32(truncatingIfNeeded: value)))
    }

    @inline(__always) static func signed(_ value: UInt64) -> Int64 { Int64(bitPattern: value) }

    @inline(__always) static func mulh(_ a: UInt64, _ b: UInt64) -> UInt64 {
        UInt64(bitPattern: signed(a).multipliedFullWidth(by: signed(b)).high)
    }

    @inline(__always) static func mulhu(_ a: UInt64, _ b: UInt64) -> UInt64 {
        a.multipliedFullWidth(by: b).high
    }

    /// Signed rs1 times unsigned rs2: the unsigned high word, corrected when rs1 is negative.
    @inline(__always) static func mulhsu(_ a: UInt64, _ b: UInt64) -> UInt64 {
        let high = a.multipliedFullWidth(by: b).high
        return signed(a) < 0 ? high &- b : high
    }

    /// Division by zero gives all ones; the overflow case (most negative / -1) gives the dividend.
    @inline(__always) static func div(_ a: UInt64, _ b: UInt64) -> UInt64 {
        if b == 0 { return UInt64.max }
        if signed(a) == Int64.min && signed(b) == -1 { return a }
        return UInt64(bitPattern: signed(a) / signed(b))
    }

    @inline(__always) static func divu(_ a: UInt64, _ b: UInt64) -> UInt64 {
        b == 0 ? UInt64.max : a / b
    }

    /// Remainder by zero gives the dividend; the overflow case gives zero.
    @inline(__always) static func rem(_ a: UInt64, _ b: UInt64) -> UInt64 {
        if b == 0 { return a }
        if signed(a) == Int64.min && signed(b) == -1 { return 0 }
        return UInt64(bitPattern: signed(a) % signed(b))
    }

    @inline(__always) static func remu(_ a: UInt64, _ b: UInt64) -> UInt64 {
        b == 0 ? a : a % b
    }

    @inline(__always) static func divw(_ a: UInt64, _ b: UInt64) -> UInt64 {
        let x = Int32(truncatingIfNeeded: a), y = Int32(truncatingIfNeeded: b)
        if y == 0 { return UInt64.max }
        if x == Int32.min && y == -1 { return signExtend32(UInt64(UInt32(bitPattern: x))) }
        return UInt64(bitPattern: Int64(x / y))
    }

    @inline(__always) static func divuw(_ a: UInt64, _ b: UInt64) -> UInt64 {
        let x = UInt32(truncatingIfNeeded: a), y = UInt32(truncatingIfNeeded: b)
        return y == 0 ? UInt64.max : signExtend32(UInt64(x / y))
    }

    @inline(__always) static func remw(_ a: UInt64, _ b: UInt64) -> UInt64 {
        let x = Int32(truncatingIfNeeded: a), y = Int32(truncatingIfNeeded: b)
        if y == 0 { return UInt64(bitPattern: Int64(x)) }
        if x == Int32.min && y == -1 { return 0 }
        return UInt64(bitPattern: Int64(x % y))
    }

    @inline(__always) static func remuw(_ a: UInt64, _ b: UInt64) -> UInt64 {
        let x = UInt32(truncatingIfNeeded: a), y = UInt32(truncatingIfNeeded: b)
        return signExtend32(UInt64(y == 0 ? x : x % y))
    }
}
