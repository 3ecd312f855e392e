/// The JSON report `scripts/seed-contract/seed_contract.py` prints.
struct SeedContractReport: Decodable {
    /// One way an answer differs from what a seed client expects.
    struct Mismatch: Decodable {
        let endpoint: String
        let `case`: String
        let problem: String

        /// `POST /api/v1/bars [bad start_date]: details {} do not name the field 'start_date'`.
        var line: String { "\(endpoint) [\(self.case)]: \(problem)" }
    }

    /// A documented departure from a seed's example (DESIGN.md or the README chose it).
    struct Deviation: Decodable {
        let table: String
        let path: String
        let answered: String
        let reason: String
    }

    /// A seed endpoint the README says is not served, as probed.
    struct Probe: Decodable {
        let method: String
        let path: String
        let seed: String
        let status: Int
    }

    let checks: Int
    let endpointsChecked: [String]
    let mismatches: [Mismatch]
    let deviations: [Deviation]
    let uploadedFiles: Int
    let pagedBars: Int
    let barPages: Int
    let seedEndpointsNotServed: [Probe]
    let seedEndpointsNowServed: [Probe]
    let seconds: Double

    enum CodingKeys: String, CodingKey {
        case checks, endpointsChecked = "endpoints_checked", mismatches, deviations, uploadedFiles = "uploaded_files"
        case pagedBars = "paged_bars", barPages = "bar_pages", seedEndpointsNotServed = "seed_endpoints_not_served"
        case seedEndpointsNowServed = "seed_endpoints_now_served", seconds
    }

    /// A few lines for the test log: counts, deviations, and which seed endpoints are not served.
    var summary: String {
        var lines = ["\(checks) checks over \(endpointsChecked.count) endpoints in \(seconds) s, \(mismatches.count) mismatches; "
                     + "\(uploadedFiles) files uploaded; \(pagedBars) bars paged in \(barPages) pages"]
        lines += deviations.map { "deviation \($0.table) \($0.path) = \($0.answered): \($0.reason)" }
        lines.append("not served: " + seedEndpointsNotServed.map { "\($0.method) \($0.path) (\($0.seed))" }.joined(separator: ", "))
        lines += seedEndpointsNowServed.map { "now served, extend the contract: \($0.method) \($0.path) → \($0.status)" }
        return lines.joined(separator: "\n")
    }
}
