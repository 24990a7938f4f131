/// The ancestry of every program that was ever in a beam, as a tree from the starting code.
/// Children are in the order the run created them.
public struct BeamTree: Sendable {
    public struct Node: Sendable {
        public var candidate: SearchCandidate
        public var children: [Node]
        /// The iterations after which it was in the beam (0: the starting beam).
        public var beamIterations: [Int]
        public var inFinalBeam: Bool
        /// On the path from the starting code to the best program.
        public var onBestPath: Bool
        /// Its parent's cycles (nil for a root).
        public var parentCycles: UInt64?

        /// How many times faster than its parent.
        public var speedupOverParent: Double? {
            guard let parent = parentCycles, let cycles = candidate.cycles, cycles > 0 else { return nil }
            return Double(parent) / Double(cycles)
        }

        /// Every node of this subtree, depth first.
        public var all: [Node] { [self] + children.flatMap(\.all) }
    }

    /// Usually one root, the starting code; a node whose parent is not recorded is a root too.
    public var roots: [Node]

    public var nodeCount: Int { roots.reduce(0) { $0 + $1.all.count } }
}

extension RunReport {
    public var beamTree: BeamTree {
        var iterationsByID: [String: [Int]] = [:]
        for (iteration, ids) in beams.enumerated() {
            for id in Set(ids) { iterationsByID[id, default: []].append(iteration) }
        }
        // The beam members and their ancestors.
        var included = Set<String>()
        for id in iterationsByID.keys {
            var current = candidate(id)
            while let node = current, included.insert(node.id).inserted {
                current = node.parentID.flatMap(candidate)
            }
        }
        var bestPath = Set<String>()
        var current = best
        while let node = current, bestPath.insert(node.id).inserted {
            current = node.parentID.flatMap(candidate)
        }
        let finalBeam = Set(beams.last ?? [])
        let order = Dictionary(candidates.enumerated().map { ($0.element.id, $0.offset) }, uniquingKeysWith: { first, _ in first })
        var childrenByParent: [String: [String]] = [:]
        var roots: [String] = []
        for id in included.sorted(by: { order[$0]! < order[$1]! }) {
            if let parent = candidate(id)?.parentID, included.contains(parent) {
                childrenByParent[parent, default: []].append(id)
            } else {
                roots.append(id)
            }
        }
        func build(_ id: String, parentCycles: UInt64?) -> BeamTree.Node {
            let node = candidate(id)!
            return BeamTree.Node(
                candidate: node,
                children: (childrenByParent[id] ?? []).map { build($0, parentCycles: node.cycles) },
                beamIterations: iterationsByID[id] ?? [], inFinalBeam: finalBeam.contains(id), onBestPath: bestPath.contains(id),
                parentCycles: parentCycles)
        }
        return BeamTree(roots: roots.map { build($0, parentCycles: nil) })
    }
}
