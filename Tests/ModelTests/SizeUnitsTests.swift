import Testing
@testable import Model

@Suite struct SizeUnitsTests {
    @Test func counts() {
        #expect(Units.parseCount("500M") == 500e6)
        #expect(Units.parseCount("1.5B") == 1.5e9)
        #expect(Units.parseCount("2G") == 2e9)
        #expect(Units.parseCount("10k") == 10_000)
        #expect(Units.parseCount("1_000") == 1000)
        #expect(Units.parseCount("3T") == 3e12)
        #expect(Units.parseCount("100") == 100)
        #expect(Units.parseCount("lots") == nil)
        #expect(Units.parseCount("5X") == nil)
    }

    @Test func bytes() {
        #expect(Units.parseBytes("1KB") == 1000)
        #expect(Units.parseBytes("512B") == 512)
        #expect(Units.parseBytes("1.5 MB") == 1.5e6)
        #expect(Units.parseBytes("4KiB") == 4096)
        #expect(Units.parseBytes("2GB") == 2e9)
        #expect(Units.parseBytes("1TiB") == 1_099_511_627_776)
        #expect(Units.parseBytes("300") == 300)
        #expect(Units.parseBytes("1Kb") == nil, "bits are not bytes")
        #expect(Units.parseBytes("KB") == nil)
        #expect(Units.parseBytes("big") == nil)
    }

    @Test func formatting() {
        #expect(Units.formatBytes(1000) == "1KB")
        #expect(Units.formatBytes(2.88e12) == "2.88TB")
        #expect(Units.formatBytes(5.256e15) == "5.26PB")
        #expect(Units.formatBytes(512) == "512B")
        #expect(Units.formatCount(2.88e9) == "2.88B")
        #expect(Units.formatCount(500e6) == "500M")
        #expect(Units.formatCount(33_333.3) == "33.3k")
        #expect(Units.formatCount(5.76) == "5.76")
    }
}
