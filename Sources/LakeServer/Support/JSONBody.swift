import Foundation
import LakeHTTP

/// JSON in and out of handlers: encoding `Encodable` responses, and decoding request bodies
/// into `Decodable` types with a 400 that names the offending field.
enum JSONBody {
    /// `value` as a JSON response.
    static func response(_ value: some Encodable, status: HTTPStatus = .ok, headers: HTTPHeaders = HTTPHeaders()) throws -> HTTPResponse {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes, .sortedKeys]  // stable, diffable output
        var response = HTTPResponse.json(bytes: Array(try encoder.encode(value)), status: status)
        for (name, value) in headers { response.headers[name] = value }
        return response
    }

    /// The request body decoded as `T`.
    /// - Throws: `HTTPError` 400 `VALIDATION_ERROR` naming the field that is missing or of the wrong type.
    static func decode<T: Decodable>(_ type: T.Type, from request: HTTPRequest) throws(HTTPError) -> T {
        guard !request.body.isEmpty else {
            throw HTTPError(.badRequest, code: "VALIDATION_ERROR", message: "a JSON body is required")
        }
        do {
            return try JSONDecoder().decode(T.self, from: Data(request.body))
        } catch let DecodingError.keyNotFound(key, context) {
            throw invalid(path(context.codingPath + [key]), "is required")
        } catch let DecodingError.typeMismatch(expected, context) {
            throw invalid(path(context.codingPath), "must be \(describe(expected))")
        } catch let DecodingError.valueNotFound(expected, context) {
            throw invalid(path(context.codingPath), "must be \(describe(expected)), not null")
        } catch {
            throw HTTPError(.badRequest, code: "VALIDATION_ERROR", message: "the body is not valid JSON")
        }
    }

    /// A 400 `VALIDATION_ERROR` about `field`.
    static func invalid(_ field: String, _ problem: String) -> HTTPError {
        HTTPError(.badRequest, code: "VALIDATION_ERROR", message: "\(field): \(problem)", details: [field: [problem]])
    }

    /// `symbols[1]`, `filters.per.min`: array positions in brackets, object keys after dots.
    private static func path(_ keys: [any CodingKey]) -> String {
        keys.reduce(into: "") { path, key in
            if let index = key.intValue {
                path += "[\(index)]"
            } else {
                path += (path.isEmpty ? "" : ".") + key.stringValue
            }
        }
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: return "a string"
        case is Int.Type, is Int64.Type: return "an integer"
        case is Bool.Type: return "true or false"
        default: return "\(type)"
        }
    }
}
