import Foundation
import LakeStorage

/// `candlelake s3 bench-presign [--count N]` (hidden; run by `bench/presign.sh`): presigns
/// N GET URLs for distinct keys, each at the current time, and prints the rate as JSON.
enum PresignBenchmark {
    static func run(_ arguments: inout CommandArguments) throws {
        let count = try arguments.option("count", as: Int.self) ?? 100_000
        try arguments.finish()
        guard count > 0 else { throw UsageError("--count must be positive") }
        let presigner = S3Presigner(configuration: S3Configuration(region: "eu-west-1", addressingStyle: .virtual))
        let credentials = AWSCredentials(accessKeyID: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")
        var checksum = 0
        let clock = ContinuousClock()
        let start = clock.now
        for index in 0..<count {
            let url = try presigner.presignedURL(method: .get, bucket: "candlelake-bench", key: "timeframe=1m/symbol=X/part-\(index).parquet",
                                                 expires: 3600, credentials: credentials, date: SigningDate(Date()))
            checksum &+= url.utf8.count
        }
        let elapsed = clock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        print("{\"urls\": \(count), \"seconds\": \(seconds), \"urls_per_second\": \(Double(count) / seconds), \"bytes\": \(checksum)}")
    }
}
