#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A parsed RISC-V ELF64 executable, ready to be loaded into any number of machines.
public struct ProgramImage: Sendable {
    /// A loadable segment (PT_LOAD): file bytes at a physical address, zero-filled up to `memorySize`.
    public struct Segment: Sendable {
        public var address: UInt64
        public var data: [UInt8]
        public var memorySize: UInt64
        public var executable: Bool
    }

    /// A function or object symbol, for naming addresses in messages.
    public struct Symbol: Sendable {
        public var name: String
        public var address: UInt64
        public var size: UInt64
    }

    /// The file name used in messages.
    public var name: String
    public var entry: UInt64
    public var segments: [Segment]
    /// Function symbols sorted by address.
    public var functions: [Symbol]
    /// Addresses of the HTIF words, when the program defines them.
    public var tohost: UInt64?
    public var fromhost: UInt64?

    static let machineRISCV: UInt16 = 243
    static let typeExecutable: UInt16 = 2
    static let programHeaderLoad: UInt32 = 1
    static let segmentExecutable: UInt32 = 1
    static let sectionSymbolTable: UInt32 = 2

    /// Reads and parses an ELF file.
    public init(contentsOf path: String) throws(ProgramLoadError) {
        guard let bytes = Self.readFile(path) else {
            let reason = String(cString: strerror(errno))
            throw ProgramLoadError(code: .unreadable, file: path, reason: "cannot read: \(reason)")
        }
        try self.init(bytes: bytes, name: path)
    }

    /// Parses an ELF file held in memory; `name` appears in error messages.
    public init(bytes: [UInt8], name: String) throws(ProgramLoadError) {
        let elf = ELFReader(bytes: bytes)
        func fail(_ code: ProgramLoadError.Code, _ reason: String) -> ProgramLoadError {
            ProgramLoadError(code: code, file: name, reason: reason)
        }
        guard bytes.count >= 4, bytes[0] == 0x7F, bytes[1] == 0x45, bytes[2] == 0x4C, bytes[3] == 0x46 else {
            throw fail(.notELF, "not an ELF file (no \\x7fELF magic at the start)")
        }
        guard bytes.count >= 64 else { throw fail(.truncated, "truncated ELF header (\(bytes.count) bytes)") }
        guard elf.u8(4) == 2 else {
            throw fail(.wrongClass, "ELF class \(elf.u8(4)!) is not ELFCLASS64; the simulator runs RV64 programs")
        }
        guard elf.u8(5) == 1 else { throw fail(.wrongEndianness, "big-endian ELF; RISC-V programs are little-endian") }
        let machine = elf.u16(18)!
        guard machine == Self.machineRISCV else {
            throw fail(.wrongMachine, "ELF machine \(machine)\(Self.machineName(machine)) is not RISC-V (243)")
        }
        let type = elf.u16(16)!
        guard type == Self.typeExecutable else {
            throw fail(.notExecutable, "ELF type \(type) is not a static executable (ET_EXEC); link with -static")
        }
        self.name = name
        self.entry = elf.u64(24)!
        self.segments = try Self.readSegments(elf, fail: fail)
        guard !segments.isEmpty else { throw fail(.noLoadableSegments, "no loadable (PT_LOAD) segments") }
        let symbols = Self.readSymbols(elf)
        self.tohost = symbols.first { $0.name == "tohost" }?.address
        self.fromhost = symbols.first { $0.name == "fromhost" }?.address
        self.functions = symbols.filter { $0.isFunction }.map(\.symbol).sorted { $0.address < $1.address }
    }

    private static func readSegments(
        _ elf: ELFReader, fail: (ProgramLoadError.Code, String) -> ProgramLoadError
    ) throws(ProgramLoadError) -> [Segment] {
        let tableOffset = Int(clamping: elf.u64(32)!)
        let entrySize = Int(elf.u16(54)!)
        let count = Int(elf.u16(56)!)
        guard count == 0 || entrySize >= 56 else { throw fail(.truncated, "program header entries of \(entrySize) bytes (need 56)") }
        var segments: [Segment] = []
        for index in 0..<count {
            let header = tableOffset + index * entrySize
            guard let type = elf.u32(header), let flags = elf.u32(header + 4), let offset = elf.u64(header + 8),
                  let physical = elf.u64(header + 24), let fileSize = elf.u64(header + 32),
                  let memorySize = elf.u64(header + 40)
            else { throw fail(.truncated, "program header \(index) lies past the end of the file") }
            guard type == programHeaderLoad, memorySize > 0 else { continue }
            guard elf.contains(offset, length: fileSize) else {
                throw fail(.truncated, "segment \(index) (\(fileSize) bytes at file offset \(offset)) extends past the end of the file")
            }
            guard fileSize <= memorySize else {
                throw fail(.truncated, "segment \(index) has more file bytes (\(fileSize)) than memory bytes (\(memorySize))")
            }
            let data = Array(elf.bytes[Int(offset)..<Int(offset + fileSize)])
            // Spike loads at the physical address; static bare-metal links have p_paddr == p_vaddr.
            segments.append(Segment(address: physical, data: data, memorySize: memorySize, executable: flags & segmentExecutable != 0))
        }
        return segments
    }

    private struct RawSymbol {
        var symbol: Symbol
        var isFunction: Bool
        var name: String { symbol.name }
        var address: UInt64 { symbol.address }
    }

    /// Symbols from the first SHT_SYMTAB section; a file without one simply has none.
    private static func readSymbols(_ elf: ELFReader) -> [RawSymbol] {
        guard let sectionTable = elf.u64(40), let entrySize = elf.u16(58), let count = elf.u16(60), entrySize >= 64 else {
            return []
        }
        func section(_ index: Int) -> (type: UInt32, offset: UInt64, size: UInt64, link: UInt32, entrySize: UInt64)? {
            let header = Int(clamping: sectionTable) + index * Int(entrySize)
            guard let type = elf.u32(header + 4), let offset = elf.u64(header + 24), let size = elf.u64(header + 32),
                  let link = elf.u32(header + 40), let entry = elf.u64(header + 56) else { return nil }
            return (type, offset, size, link, entry)
        }
        for index in 0..<Int(count) {
            guard let table = section(index), table.type == sectionSymbolTable, table.entrySize >= 24,
                  elf.contains(table.offset, length: table.size),
                  let strings = section(Int(table.link)), elf.contains(strings.offset, length: strings.size)
            else { continue }
            var symbols: [RawSymbol] = []
            for entry in 0..<Int(table.size / table.entrySize) {
                let base = Int(table.offset) + entry * Int(table.entrySize)
                guard let nameOffset = elf.u32(base), let info = elf.u8(base + 4), let value = elf.u64(base + 8),
                      let size = elf.u64(base + 16), nameOffset != 0, UInt64(nameOffset) < strings.size,
                      let name = elf.string(Int(strings.offset) + Int(nameOffset))
                else { continue }
                let type = info & 0xF
                symbols.append(RawSymbol(symbol: Symbol(name: name, address: value, size: size), isFunction: type == 2))
            }
            return symbols
        }
        return []
    }

    /// The function containing `address`, as `name+0xoffset`, for messages.
    public func location(of address: UInt64) -> String? {
        var low = 0, high = functions.count
        while low < high {
            let mid = (low + high) / 2
            if functions[mid].address <= address { low = mid + 1 } else { high = mid }
        }
        guard low > 0 else { return nil }
        let function = functions[low - 1]
        let offset = address - function.address
        guard function.size == 0 || offset < function.size else { return nil }
        return offset == 0 ? function.name : "\(function.name)+\(hex(offset))"
    }

    private static func machineName(_ machine: UInt16) -> String {
        switch machine {
        case 3: " (x86)"
        case 40: " (ARM)"
        case 62: " (x86-64)"
        case 183: " (AArch64)"
        default: ""
        }
    }

    private static func readFile(_ path: String) -> [UInt8]? {
        guard let file = fopen(path, "rb") else { return nil }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = fread(&chunk, 1, chunk.count, file)
            if count > 0 { bytes.append(contentsOf: chunk[0..<count]) }
            if count < chunk.count {
                if ferror(file) != 0 { return nil }
                break
            }
        }
        return bytes
    }
}
