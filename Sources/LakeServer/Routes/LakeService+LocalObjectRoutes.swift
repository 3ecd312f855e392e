import LakeHTTP
import LakeStorage

/// The targets of the local lake's presigned URLs (see ``LocalURLSigner``): `GET` and `PUT`
/// on `/lake/objects/KEY`, and the POST form at `/lake/form`. Registered only when the lake
/// is a local directory; with S3, presigned URLs point at S3.
///
/// Uploads through them are validated and indexed at once (S3 cannot do that, which is why
/// `/uploads/complete` exists; calling it here too is harmless and returns the record).
extension LakeService {
    func registerLocalObjectRoutes(on router: Router) {
        router.get("/lake/objects/**") { [self] request, context in
            let key = try localKey(context)
            _ = try signer.verify(method: .get, key: key, query: request.query, now: PresignService.now())
            return try await ObjectStreamer.response(store: lake.store, key: key, rangeHeader: request.headers["range"])
        }
        router.put("/lake/objects/**") { [self] request, context in
            let key = try localKey(context)
            let limit = try signer.verify(method: .put, key: key, query: request.query, now: PresignService.now())
            let (partition, _) = try lake.keys.resolve(key, canonical: false)
            let spool = try uploads.spool(field: "body", limit: limit)
            defer { spool.discard() }
            try spool.write(request.body)
            try spool.close()
            let record = try await uploads.store(spool, partition: partition, key: key)
            var response = try JSONBody.response(uploadResult(record))
            response.headers["ETag"] = "\"\(record.etag)\""
            return response
        }
        router.post("/lake/form") { [self] request, _ in
            let form = try FormUpload.read(request, processor: uploads)
            defer { form.file?.discard() }
            let policy = try signer.verifyForm(policy: form.fields["policy"], signature: form.fields["signature"], now: PresignService.now())
            guard form.fields["key"] == policy.key else {
                throw HTTPError(.forbidden, code: "SIGNATURE_INVALID", message: "key: the form's key is not the one the policy allows")
            }
            if let contentType = policy.contentType, form.fields["Content-Type"] != contentType {
                throw HTTPError(.forbidden, code: "SIGNATURE_INVALID", message: "Content-Type: the policy requires '\(contentType)'")
            }
            let spool = try form.requireFile()
            guard spool.size <= policy.maxBytes else {
                throw HTTPError(.contentTooLarge, code: "UPLOAD_TOO_LARGE", message: "file: larger than the policy's \(policy.maxBytes) bytes",
                                details: ["file": ["larger than \(policy.maxBytes) bytes"]])
            }
            let (partition, key) = try lake.keys.resolve(policy.key, canonical: false)
            _ = try await uploads.store(spool, partition: partition, key: key)
            return HTTPResponse(status: .noContent)
        }
    }

    private var signer: LocalURLSigner {
        // Only registered when the lake is local, where the signer exists.
        localSigner!
    }

    private func localKey(_ context: RequestContext) throws(HTTPError) -> String {
        guard let key = context.parameters["**"], !key.isEmpty else { throw JSONBody.invalid("key", "is required in the path") }
        return key
    }
}
