import Foundation
import Simulator
import TargetRuntime

/// The version of what decides a candidate's result besides its own text: the C runtime and
/// headers programs are built with, the simulator's model, and the built-in accelerator
/// configurations (with their timing parameters). Jobs carry it so that results are cached per
/// version and go only to workers that would compute the same result.
public enum RuntimeIdentity {
    /// Bumped whenever the simulator's functional or timing behaviour changes what a program
    /// reports (a change in cycles counts).
    public static let simulatorModel = "gemmini-timing-1"

    public static let version: String = {
        var hash = StableHash()
        hash.add(simulatorModel)
        let root = TargetRuntime.directory
        let files = (FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)?.allObjects as? [URL] ?? [])
            .filter { !$0.hasDirectoryPath }
            .sorted { $0.path < $1.path }
        for file in files {
            hash.add(String(file.path.dropFirst(root.path.count)))
            hash.add((try? Data(contentsOf: file)) ?? Data())
        }
        for configuration in GemminiConfiguration.builtIn {
            hash.add(AcceleratorCatalog.json(configuration))
        }
        return String(hash.hexDigest.prefix(16))
    }()
}
