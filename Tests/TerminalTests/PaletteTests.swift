import Render
import Testing
@testable import Terminal

@Suite struct PaletteTests {
    @Test func noColorWinsOverEverything() {
        let noColor = ["NO_COLOR": "1", "TERM": "xterm-256color"]
        #expect(ColorMode.detect(environment: noColor, hasColors: true, colors: 256) == .none)
        #expect(ColorMode.detect(environment: ["NO_COLOR": ""], hasColors: true, colors: 256) == .palette256)
        #expect(ColorMode.detect(environment: ["TERM": "dumb"], hasColors: true, colors: 8) == .none)
        #expect(ColorMode.detect(environment: [:], hasColors: false, colors: 0) == .none)
        #expect(ColorMode.detect(environment: [:], hasColors: true, colors: 8) == .basic8)
        #expect(ColorMode.detect(environment: [:], hasColors: true, colors: 88) == .basic8)
    }

    @Test func monochromeNeedsNoColourPairs() {
        let palette = Palette(mode: .none)
        #expect(palette.pairs.isEmpty)
        #expect(palette.appearance(of: CellStyle(.selection)).attributes == .reverse)
        #expect(palette.appearance(of: CellStyle(.bar)).attributes == .reverse)
        #expect(palette.appearance(of: CellStyle(.critical)).attributes.contains(.bold))
        #expect(palette.appearance(of: CellStyle(.dim)).attributes == .dim)
    }

    /// Roles that mean something must look different from normal text even without colour.
    @Test func distinctRolesStayVisibleInMonochrome() {
        let palette = Palette(mode: .none)
        for role in [Style.dim, .accent, .warn, .critical, .bar, .key, .borderFocus, .selection, .input] {
            #expect(palette.appearance(of: CellStyle(role)).attributes != [], "\(role)")
        }
    }

    @Test func colourPalettesGiveEachColouredRoleItsOwnPair() {
        for mode in [ColorMode.basic8, .palette256] {
            let palette = Palette(mode: mode)
            let used = Style.allCases.map { palette.appearance(of: CellStyle($0)).pair }.filter { $0 != 0 }
            #expect(Set(used).count == used.count)
            #expect(Set(used) == Set(palette.pairs.map(\.pair)))
            #expect(palette.appearance(of: CellStyle(.normal)) == Palette.Appearance(attributes: [], pair: 0))
            #expect(palette.appearance(of: CellStyle(.normal, bold: true)).attributes == .bold)
        }
    }

    @Test func withoutDefaultColoursPairsUseWhiteOnBlack() {
        let palette = Palette(mode: .basic8, defaultColors: false)
        #expect(palette.pairs.allSatisfy { $0.background == 0 })
        #expect(Palette(mode: .basic8).pairs.allSatisfy { $0.background == -1 })
    }
}
