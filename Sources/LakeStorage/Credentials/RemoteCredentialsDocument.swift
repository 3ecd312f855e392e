import Foundation

/// The JSON document both the ECS container endpoint and EC2 instance metadata return:
/// `{"AccessKeyId", "SecretAccessKey", "Token", "Expiration"}`.
enum RemoteCredentialsDocument {
    static func parse(_ body: [UInt8], source: String) throws -> AWSCredentials {
        guard let object = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any] else {
            throw AWSCredentialsError("\(source): response is not a JSON object")
        }
        if let code = object["Code"] as? String, code != "Success" {
            throw AWSCredentialsError("\(source): credentials not available (Code \(code))")
        }
        guard let id = object["AccessKeyId"] as? String, let secret = object["SecretAccessKey"] as? String else {
            throw AWSCredentialsError("\(source): response lacks AccessKeyId / SecretAccessKey")
        }
        let expiration = (object["Expiration"] as? String).flatMap(TimestampParser.iso8601)
        return AWSCredentials(accessKeyID: id, secretAccessKey: secret, sessionToken: object["Token"] as? String, expiration: expiration)
    }

    /// GETs or PUTs `url` on `transport` with short timeouts; non-2xx throws.
    static func fetch(_ url: String, method: String = "GET", headers: [(name: String, value: String)],
                      transport: CurlTransport, source: String) async throws -> [UInt8] {
        let request = HTTPRequest(method: method, url: url, headers: headers,
                                  timeouts: HTTPTimeouts(connect: .seconds(1), lowSpeedTime: .seconds(2), total: .seconds(5)))
        let response: HTTPResponse
        do {
            response = try await transport.perform(request)
        } catch let error as HTTPTransportError {
            throw AWSCredentialsError("\(source): \(error.message)")
        }
        guard response.isSuccess else { throw AWSCredentialsError("\(source): HTTP \(response.status) from \(url)") }
        return response.body
    }
}
