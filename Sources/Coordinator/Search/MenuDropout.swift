/// Autocomp's menu dropout: each option is offered independently with probability `keep`, so
/// that planners explore options they would otherwise overlook. At least one option always
/// survives (one chosen at random), or the planner would have nothing to pick.
public enum MenuDropout {
    public static func apply(_ menu: OptimizationMenu, keep: Double, using random: inout SeededRandom) -> OptimizationMenu {
        guard keep < 1 else { return menu }
        var kept = menu.options.filter { _ in Double.random(in: 0..<1, using: &random) < keep }
        if kept.isEmpty, let any = menu.options.randomElement(using: &random) { kept = [any] }
        return OptimizationMenu(options: kept)
    }
}
