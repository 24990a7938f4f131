import Foundation

/// A chart axis: the domain it shows, linear or logarithmic, and round tick values.
struct ChartScale: Sendable, Equatable {
    enum Kind: Sendable, Equatable { case linear, logarithmic }

    var kind: Kind
    var lower: Double
    var upper: Double
    var ticks: [Double]

    /// Where a value falls, from 0 (lower) to 1 (upper).
    func fraction(_ value: Double) -> Double {
        switch kind {
        case .linear:
            return (value - lower) / (upper - lower)
        case .logarithmic:
            return (log10(max(value, .leastNormalMagnitude)) - log10(lower)) / (log10(upper) - log10(lower))
        }
    }

    /// A scale for positive values such as cycle counts: logarithmic when the largest is more
    /// than `logAbove` times the smallest, else linear with round bounds.
    static func forValues(_ values: [Double], logAbove: Double = 5) -> ChartScale {
        let positive = values.filter { $0 > 0 && $0.isFinite }
        guard let low = positive.min(), let high = positive.max() else { return linear(0, 1) }
        if high / low > logAbove { return logarithmic(low, high) }
        return linear(low, high)
    }

    /// Round bounds around [low, high], with about five ticks 1, 2 or 5 x 10^k apart.
    static func linear(_ low: Double, _ high: Double) -> ChartScale {
        var (low, high) = (low, high)
        if high <= low {
            let spread = low == 0 ? 1 : abs(low) * 0.1
            (low, high) = (low - spread, high + spread)
        }
        let step = niceStep((high - low) / 5)
        var lower = (low / step).rounded(.down) * step
        var upper = (high / step).rounded(.up) * step
        // Keep the extreme points off the frame.
        if low - lower < step * 0.1 { lower -= step }
        if upper - high < step * 0.1 { upper += step }
        if lower < 0, low >= 0 { lower = 0 }
        let count = Int(((upper - lower) / step).rounded())
        return ChartScale(kind: .linear, lower: lower, upper: upper, ticks: (0...count).map { lower + Double($0) * step })
    }

    /// A margin of ~12% beyond [low, high]; ticks at 1, 2, 5 x 10^k (every digit when that
    /// gives fewer than four, decades only when it gives more than twelve).
    static func logarithmic(_ low: Double, _ high: Double) -> ChartScale {
        let lower = low / 1.12, upper = high * 1.12
        func ticks(_ mantissas: [Double]) -> [Double] {
            let first = Int(log10(lower).rounded(.down)), last = Int(log10(upper).rounded(.up))
            var values: [Double] = []
            for exponent in first...last {
                for mantissa in mantissas {
                    let value = mantissa * pow(10, Double(exponent))
                    if value >= lower && value <= upper { values.append(value) }
                }
            }
            return values
        }
        var chosen = ticks([1, 2, 5])
        if chosen.count < 4 { chosen = ticks([1, 2, 3, 4, 5, 6, 7, 8, 9]) }
        if chosen.count > 12 { chosen = ticks([1]) }
        return ChartScale(kind: .logarithmic, lower: lower, upper: upper, ticks: chosen)
    }

    /// Integer positions 0...last (iterations), with a half-step margin and at most ~15 ticks.
    static func iterations(through last: Int) -> ChartScale {
        let last = max(last, 1)
        let step = max(1, niceStep(Double(last) / 12))
        let ticks = stride(from: 0.0, through: Double(last), by: step).map { $0 }
        return ChartScale(kind: .linear, lower: -0.5, upper: Double(last) + 0.5, ticks: ticks)
    }

    /// The round number (1, 2 or 5 x 10^k) nearest above `raw`.
    static func niceStep(_ raw: Double) -> Double {
        guard raw > 0, raw.isFinite else { return 1 }
        let magnitude = pow(10, log10(raw).rounded(.down))
        let residual = raw / magnitude
        let factor: Double = residual <= 1 ? 1 : residual <= 2 ? 2 : residual <= 5 ? 5 : 10
        return factor * magnitude
    }
}
