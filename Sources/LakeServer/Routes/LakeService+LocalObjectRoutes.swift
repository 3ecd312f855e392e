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
        // Both upload targets stream their body to a spool file. Signature, expiry and size
        // are checked before the file's first byte is read, so a refused upload is not received.
        router.put("/lake/objects/**", body: .streamed(maxSize: configuration.uploadMaxBytes)) { [self] request, context in
            let key = try localKey(context)
            let limit = try signer.verify(method: .put, key: key, query: request.query, now: PresignService.now())
            let (partition, _) = try lake.keys.resolve(key, canonical: false)
            let spool = try await uploads.spool(bodyOf: request, field: "body", limit: limit)
            defer { spool.discard() }
            let record = try await uploads.store(spool, partition: partition, key: key)
            var response = try JSONBody.response(uploadResult(record))
            response.headers["ETag"] = "\"\(record.etag)\""
            return response
        }
        // Multipart framing and the policy fields add a few KiB around the file.
        router.post("/lake/form", body: .streamed(maxSize: configuration.uploadMaxBytes + (1 << 20))) { [self] request, _ in
            var admitted: FormPolicy?
            let form = try await FormUpload.receive(request, processor: uploads) { [self] fields in
                let policy = try admit(fields)
                admitted = policy
                return policy.maxBytes
            }
            defer { form.file?.discard() }
            let spool = try form.requireFile()
            guard let policy = admitted else { throw LocalURLSigner.denied("the form has no file after its policy") }
            let (partition, key) = try lake.keys.resolve(policy.key, canonical: false)
            _ = try await uploads.store(spool, partition: partition, key: key)
            return HTTPResponse(status: .noContent)
        }
    }

    /// The policy of a presigned form, checked against the fields sent before its file (as on
    /// S3, the file comes last: fields after it are not covered by the policy).
    /// - Throws: `HTTPError` 403 for a bad or expired signature, another key or content type.
    private func admit(_ fields: [String: String]) throws(HTTPError) -> FormPolicy {
        let policy = try signer.verifyForm(policy: fields["policy"], signature: fields["signature"], now: PresignService.now())
        guard fields["key"] == policy.key else {
            throw LocalURLSigner.denied("key: the form's key is not the one the policy allows")
        }
        if let contentType = policy.contentType, fields["Content-Type"] != contentType {
            throw LocalURLSigner.denied("Content-Type: the policy requires '\(contentType)'")
        }
        return policy
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
