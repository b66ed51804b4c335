import Testing
@testable import Layout

@Suite struct TextChartTests {
    func chart(ascii: Bool) -> TextChart {
        TextChart(title: "t", series: [
            .init(name: "theory", glyph: "·", asciiGlyph: ".", points: [(0, 0), (10, 10)], curve: true),
            .init(name: "sim", glyph: "●", asciiGlyph: "o", points: [(0, 0), (5, 5), (10, 20)]),
        ], width: 11, height: 5, ascii: ascii, xLabel: "x (u)", yLimit: 10, formatX: { String(Int($0)) }, formatY: { String(Int($0)) })
    }

    @Test func asciiChartHasAxesLabelsCurveMarkersAndLegend() {
        // y = 20 lies above the limit of 10: drawn as ^ in the top row; the curve runs under the markers.
        #expect(chart(ascii: true).rendered() == """
        t
        10 +         .^
           |       ..
         5 +    .o.
           |  ..
         0 +o.
           +-----------
            0    5   10  x (u)
            . theory   o sim   ^ above the chart
        """)
    }

    @Test func unicodeChartUsesItsOwnGlyphs() {
        let text = chart(ascii: false).rendered()
        #expect(text.contains("10 ┤         ·↑"))
        #expect(text.contains(" 5 ┤    ·●·"))
        #expect(text.contains("· theory   ● sim   ↑ above the chart"))
        #expect(chart(ascii: true).rendered().unicodeScalars.allSatisfy { $0.isASCII })
    }

    @Test func interpolationBetweenPoints() {
        #expect(TextChart.interpolate([(0, 0), (10, 100)], at: 2.5) == 25)
        #expect(TextChart.interpolate([(0, 0), (10, 100)], at: 11) == nil)
    }
}
