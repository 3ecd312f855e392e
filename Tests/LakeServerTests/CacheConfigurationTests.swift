import LakeServer
import Testing

/// `CACHE_MAX_BYTES` and `RANGED_READ_THRESHOLD`: defaults, overrides, and bad values named.
@Suite struct CacheConfigurationTests {
    @Test func defaultsBoundTheCacheAtTwoGiBAndReadByRangesAboveTwoMiB() throws {
        let configuration = try ServerConfiguration.resolve(environment: [:])
        #expect(configuration.cacheMaxBytes == 2 << 30 && configuration.rangedReadThreshold == 2 << 20)
    }

    @Test func theEnvironmentOverridesBoth() throws {
        let configuration = try ServerConfiguration.resolve(environment: ["CACHE_MAX_BYTES": "10_737_418_240", "RANGED_READ_THRESHOLD": "0"])
        #expect(configuration.cacheMaxBytes == 10 << 30 && configuration.rangedReadThreshold == 0)
    }

    @Test(arguments: [
        (["CACHE_MAX_BYTES": "1000"], "CACHE_MAX_BYTES (environment): '1000' is not a whole number in 1048576…1125899906842624"),
        (["CACHE_MAX_BYTES": "2GB"], "CACHE_MAX_BYTES (environment): '2GB' is not a whole number in 1048576…1125899906842624"),
        (["RANGED_READ_THRESHOLD": "-1"], "RANGED_READ_THRESHOLD (environment): '-1' is not a whole number in 0…1099511627776"),
    ])
    func badValuesFailFastNamingTheKey(environment: [String: String], message: String) {
        #expect { try ServerConfiguration.resolve(environment: environment) } throws: { error in
            "\(error)" == message
        }
    }
}
