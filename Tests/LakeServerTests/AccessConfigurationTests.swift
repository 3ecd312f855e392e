import LakeHTTP
import LakeServer
import Testing

/// `RATE_LIMIT_PER_MINUTE`, `RATE_LIMIT_BURST`, `TRUSTED_PROXIES`, `ALLOWED_IPS` and `AUTH_MODE`: defaults,
/// and bad values stopping start-up with the variable named.
@Suite struct AccessConfigurationTests {
    @Test func defaultsFollowSeed002() throws {
        let configuration = try ServerConfiguration.resolve(environment: [:])
        #expect(configuration.rateLimitPerMinute == 1200 && configuration.rateLimitBurst == 200)
        #expect(configuration.rateLimiterSettings?.requestsPerMinute == 1200)
        #expect(configuration.allowedIPs == nil && configuration.trustedProxies.networks.isEmpty)
        #expect(try ServerConfiguration.resolve(environment: ["ALLOWED_IPS": ""]).allowedIPs == nil, "an empty variable is unset")
        #expect(configuration.authMode == .off, "seed clients send no key")
    }

    @Test(arguments: [("off", AuthMode.off), ("writes", .writes), ("ALL", .all)]) func authModeIsParsed(_ text: String, _ mode: AuthMode) throws {
        #expect(try ServerConfiguration.resolve(environment: ["AUTH_MODE": text]).authMode == mode)
    }

    @Test func zeroTurnsRateLimitingOff() throws {
        let configuration = try ServerConfiguration.resolve(environment: ["RATE_LIMIT_PER_MINUTE": "0"])
        #expect(!configuration.rateLimited && configuration.rateLimiterSettings == nil)
    }

    @Test func listsAreParsed() throws {
        let configuration = try ServerConfiguration.resolve(environment: ["ALLOWED_IPS": "10.0.0.0/8, ::1", "TRUSTED_PROXIES": "192.168.0.0/16"])
        #expect(configuration.allowedIPs?.description == "10.0.0.0/8,::1/128")
        #expect(configuration.trustedProxies.description == "192.168.0.0/16")
    }

    /// (variable, value, what the message must say)
    @Test(arguments: [
        ("ALLOWED_IPS", "10.0.0.0/33", "prefix length"), ("ALLOWED_IPS", "1.2.3", "not an IPv4 or IPv6 address"),
        ("ALLOWED_IPS", "10.0.0.0/8,,::1", "empty item"), ("ALLOWED_IPS", "10.0.0.1/8", "did you mean 10.0.0.0/8"),
        ("TRUSTED_PROXIES", "proxy.internal", "not an IPv4 or IPv6 address"), ("RATE_LIMIT_PER_MINUTE", "-1", "whole number"),
        ("RATE_LIMIT_PER_MINUTE", "lots", "whole number"), ("RATE_LIMIT_BURST", "0", "whole number"),
        ("AUTH_MODE", "on", "off, writes or all"),
    ])
    func badValuesNameTheVariable(key: String, value: String, problem: String) {
        #expect {
            try ServerConfiguration.resolve(environment: [key: value])
        } throws: { error in
            let error = error as? ConfigurationError
            return error?.key == key && error?.description.contains(problem) == true && error?.source == "environment"
        }
    }
}
