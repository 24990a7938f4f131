import Testing
@testable import Simulator

/// The host core model's parts: the operation table, the cache tags, and the branch and jump
/// predictors.
@Suite("Host core timing: components")
struct TimingComponentTests {
    @Test("Operands are taken from the register file the operation names")
    func registerFiles() {
        func timing(_ op: Op) -> OperationTiming { OperationTiming.table[Int(op.rawValue)] }
        let flw = timing(.flw)
        #expect(flw.timingClass == .load && flw.source1 == .integer && flw.destination == .float && flw.source2 == .none)
        let fsw = timing(.fsw)
        #expect(fsw.timingClass == .store && fsw.source1 == .integer && fsw.source2 == .float && fsw.destination == .none)
        let convert = timing(.fcvtWS)
        #expect(convert.source1 == .float && convert.destination == .integer && convert.source2 == .none)
        let fmadd = timing(.fmaddD)
        #expect(fmadd.timingClass == .floatFused && fmadd.source3 == .float)
        // I-type: the decoder leaves immediate bits in rs2, which must not be a dependency.
        let addi = timing(.addi)
        #expect(addi.source1 == .integer && addi.source2 == .none)
        // Immediate CSR forms: rs1 holds the immediate.
        #expect(timing(.csrrwi).source1 == .none && timing(.csrrw).source1 == .integer)
        #expect(timing(.divu).timingClass == .divide && timing(.mulw).timingClass == .multiply)
        #expect(timing(.fsqrtS).timingClass == .floatSqrt && timing(.fsqrtS).source2 == .none)
        // Raw values that are no operation cost nothing.
        #expect(OperationTiming.table.count == 256 && OperationTiming.table[255].timingClass == .free)
    }

    @Test("An issue rule is 32 bytes and its slots stay inside the scoreboard")
    func issueRules() {
        #expect(MemoryLayout<IssueRule>.stride == 32)
        let parameters = TimingParameters.rocketSoC(for: .int8Default).core
        for raw in 0..<256 {
            let rule = IssueRule(raw: UInt8(raw), parameters: parameters)
            // Fields are at most 32 (rd = the x0 sink), so base + 32 must be inside.
            for base in [rule.source1, rule.source2, rule.source3, rule.destination] {
                #expect(Int(base) + 32 < Scoreboard.count)
            }
        }
    }

    /// A reproducible stream of accesses over a few more lines than the cache holds.
    struct AccessStream: IteratorProtocol {
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        mutating func next() -> (address: UInt64, isStore: Bool)? {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let line = (state >> 33) % 40
            return (0x8000_0000 + line * 64 + (state >> 20) % 64, (state >> 50) & 3 == 0)
        }
    }

    /// Runs the stream against a `CacheModel` and a `CacheTags` of the same geometry: the tags
    /// must give the same hits and write-backs, and settle inline only hits in the two most
    /// recent ways. Returns how many were settled inline and how many differed.
    func compareWithCacheModel(_ parameters: CacheParameters) -> (inline: Int, mismatches: Int) {
        var reference = CacheModel(parameters)
        var tags = CacheTags(parameters)
        defer {
            reference.release()
            tags.release()
        }
        var stream = AccessStream()
        var inline = 0, mismatches = 0
        for _ in 0..<200_000 {
            let (address, isStore) = stream.next()!
            let expected = reference.access(address, isWrite: isStore)
            if isStore ? tags.isMostRecentDirty(address) : tags.isMostRecent(address)
                || tags.promoteSecond(address, isWrite: isStore) {
                // Must be a hit that evicts nothing (later results check the LRU order and
                // dirty bits it left, or set).
                inline += 1
                if !expected.hit || expected.writeBack != nil { mismatches += 1 }
            } else {
                let got = tags.access(address, isWrite: isStore)
                if got.hit != expected.hit || got.writeBack != expected.writeBack { mismatches += 1 }
            }
        }
        return (inline, mismatches)
    }

    @Test("The cache tags are the cache model's, and settle inline only hits in the two most recent ways")
    func cacheTagsAreExact() {
        // 8 sets x 2 ways, 8 sets x 4 ways (the L1s' shape) and 4 sets x 8 ways (the L2's) of
        // 64-byte lines, 40 lines in use: plenty of misses, evictions and hits in every way.
        for parameters in [
            CacheParameters(sizeKiB: 1, ways: 2, lineBytes: 64, hitLatency: 1),
            CacheParameters(sizeKiB: 2, ways: 4, lineBytes: 64, hitLatency: 1),
            CacheParameters(sizeKiB: 2, ways: 8, lineBytes: 64, hitLatency: 1),
        ] {
            let (inline, mismatches) = compareWithCacheModel(parameters)
            #expect(mismatches == 0)
            #expect(inline > 10_000, "the inline check should settle some accesses: \(inline)")
        }
    }

    @Test("Other geometries use the cache model and settle nothing inline")
    func cacheTagsFallBack() {
        // 48 sets (not a power of two); 16-byte lines cannot hold 4 ways' tags.
        for parameters in [
            CacheParameters(sizeKiB: 3, ways: 1, lineBytes: 64, hitLatency: 1),
            CacheParameters(sizeKiB: 1, ways: 4, lineBytes: 16, hitLatency: 1),
        ] {
            let (inline, mismatches) = compareWithCacheModel(parameters)
            #expect(mismatches == 0 && inline == 0)
        }
    }

    @Test("2-bit counters: two mispredictions to learn a direction, one to unlearn a blip")
    func branchCounters() {
        let table = BranchHistoryTable(entries: 512, mispredictPenalty: 3)
        defer { table.release() }
        func missed(_ taken: Bool) -> Bool {
            BranchHistoryTable.mispredicted(table.resolve(taken: taken, pc: 0x8000_0100)) == 1
        }
        // From weakly not taken: the first taken mispredicts, then it is predicted.
        #expect(missed(true) && !missed(true) && !missed(true))
        // A single not-taken costs one misprediction and does not flip the prediction.
        #expect(missed(false) && !missed(true))
        #expect(BranchHistoryTable.penalty(table.resolve(taken: false, pc: 0x8000_0100)) == 3)
    }

    @Test("Return-address stack: returns pop in order, overflow loses the oldest, jalr rd=rs1=ra only pushes")
    func returnStack() {
        var jumps = JumpPredictor(returnEntries: 2)
        defer { jumps.release() }
        func call(_ returnAddress: UInt64) {
            _ = jumps.resolveIndirectJump(from: 0x100, to: 0x900, linkRegister: 1, sourceRegister: 10, returnAddress: returnAddress)
        }
        func returnMispredicts(to target: UInt64, from pc: UInt64 = 0x200) -> Bool {
            jumps.resolveIndirectJump(from: pc, to: target, linkRegister: RegisterFile.zeroSink, sourceRegister: 1, returnAddress: 0)
        }
        call(0x104)
        call(0x204)
        call(0x304)  // overwrites 0x104
        #expect(!returnMispredicts(to: 0x304) && !returnMispredicts(to: 0x204))
        // Empty: falls back to the last target of this jalr (0x204), which is wrong here.
        #expect(returnMispredicts(to: 0x104))
        #expect(!returnMispredicts(to: 0x104))
        // rd = rs1 = ra: a call through ra (push only), not a return.
        _ = jumps.resolveIndirectJump(from: 0x400, to: 0x900, linkRegister: 1, sourceRegister: 1, returnAddress: 0x404)
        #expect(!returnMispredicts(to: 0x404))
    }
}
