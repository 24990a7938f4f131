@testable import Coordinator
import Foundation
import Testing

/// The chart's axes: linear with round ticks for narrow ranges, logarithmic beyond 5x.
@Suite struct ChartScaleTests {
    @Test func narrowRangesAreLinearWithRoundTicksAroundTheValues() {
        let scale = ChartScale.forValues([69_477, 205_385, 242_438, 341_721])
        #expect(scale.kind == .linear)
        #expect(scale.lower <= 69_477 && scale.upper >= 341_721)
        #expect(scale.ticks.count >= 4 && scale.ticks.count <= 9, "\(scale.ticks)")
        // A span of 272,244 in about five steps: 54,449 rounds up to 100,000.
        #expect(scale.ticks == [0, 100_000, 200_000, 300_000, 400_000], "\(scale.ticks)")
        #expect(scale.ticks.first == scale.lower && scale.ticks.last == scale.upper)
        let close = ChartScale.forValues([205_136, 213_836, 242_438])
        #expect(close.ticks == [200_000, 210_000, 220_000, 230_000, 240_000, 250_000], "\(close.ticks)")
        #expect(abs(scale.fraction(scale.lower)) < 1e-12 && abs(scale.fraction(scale.upper) - 1) < 1e-12)
    }

    @Test func wideRangesAreLogarithmicWithTicksAtRoundMantissas() {
        let scale = ChartScale.forValues([20_000, 25_000, 150_000])
        #expect(scale.kind == .logarithmic)
        #expect(scale.lower < 20_000 && scale.upper > 150_000)
        #expect(scale.ticks == [20_000, 30_000, 40_000, 50_000, 60_000, 70_000, 80_000, 90_000, 100_000], "\(scale.ticks)")
        // Equal ratios, equal distances.
        let low = scale.fraction(20_000), middle = scale.fraction(40_000), high = scale.fraction(80_000)
        #expect(abs((middle - low) - (high - middle)) < 1e-9)

        let decades = ChartScale.forValues([1_000, 5_000_000])
        #expect(decades.ticks == [1_000, 2_000, 5_000, 10_000, 20_000, 50_000, 100_000, 200_000, 500_000, 1_000_000, 2_000_000, 5_000_000])
        let many = ChartScale.forValues([10, 1e9])
        #expect(many.ticks == [10, 100, 1_000, 10_000, 100_000, 1e6, 1e7, 1e8, 1e9])
    }

    @Test func theBoundaryBetweenLinearAndLog() {
        #expect(ChartScale.forValues([100, 500]).kind == .linear)
        #expect(ChartScale.forValues([100, 501]).kind == .logarithmic)
        // One value, or none: still a usable axis.
        let single = ChartScale.forValues([42_000])
        #expect(single.kind == .linear && single.lower < 42_000 && single.upper > 42_000)
        #expect(ChartScale.forValues([]).ticks.count >= 2)
    }

    @Test func iterationAxisHasIntegerTicks() {
        #expect(ChartScale.iterations(through: 3).ticks == [0, 1, 2, 3])
        let long = ChartScale.iterations(through: 40)
        #expect(long.ticks.first == 0 && long.ticks.count <= 15 && long.ticks.allSatisfy { $0 == $0.rounded() }, "\(long.ticks)")
    }

    @Test func numberFormats() {
        #expect(HTMLText.cycles(1_234_567) == "1,234,567" && HTMLText.cycles(999) == "999" && HTMLText.cycles(1_000) == "1,000")
        #expect(HTMLText.compact(950) == "950" && HTMLText.compact(12_500) == "12.5k" && HTMLText.compact(340_000) == "340k")
        #expect(HTMLText.compact(1_250_000) == "1.25M" && HTMLText.compact(5_000) == "5000")
        #expect(HTMLText.escape("<a href='x'>&\"</a>") == "&lt;a href=&#39;x&#39;&gt;&amp;&quot;&lt;/a&gt;")
    }
}
