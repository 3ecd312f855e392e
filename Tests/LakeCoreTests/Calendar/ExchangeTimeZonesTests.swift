import Testing
import Foundation
import LakeCore

@Suite struct ExchangeTimeZonesTests {
    @Test(arguments: [
        ("NSE", "Asia/Kolkata"), ("bse", "Asia/Kolkata"), ("NYSE", "America/New_York"), ("NASDAQ", "America/New_York"),
        ("XNAS", "America/New_York"), ("XNYS", "America/New_York"), ("ARCA", "America/New_York"), ("KRX", "Asia/Seoul"),
        ("LSE", "Europe/London"), ("BINANCE", "UTC"), ("Binance", "UTC"), ("NOWHERE", "UTC"), ("", "UTC"),
    ])
    func builtInTable(exchange: String, zone: String) throws {
        let zones = try ExchangeTimeZones()
        #expect(zones.identifier(for: exchange) == zone)
        #expect(zones.timeZone(for: exchange) == TimeZone(identifier: zone))
    }

    @Test func overridesReplaceAndExtendTheTable() throws {
        let zones = try ExchangeTimeZones(overrides: ["nse": "UTC", "TASE": "Asia/Jerusalem"])
        #expect(zones.timeZone(for: "NSE").secondsFromGMT() == 0)
        #expect(zones.timeZone(for: "tase").identifier == "Asia/Jerusalem")
        #expect(zones.calendar(for: "NYSE").timeZone.identifier == "America/New_York")
    }

    @Test func refusesUnknownZoneInConfiguration() {
        #expect(throws: ExchangeTimeZoneError(exchange: "KRX", identifier: "Asia/Seol")) {
            try ExchangeTimeZones(overrides: ["KRX": "Asia/Seol"])
        }
    }
}
