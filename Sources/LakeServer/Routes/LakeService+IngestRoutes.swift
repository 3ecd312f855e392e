import LakeHTTP

/// Seed 003's `POST /v1/trades/ingest` (see ``TradeIngestor``): a JSON list of trades for one
/// symbol, bare or as `{"trades": […]}`, with an optional `Idempotency-Key` header and
/// `?exchange=`. 200 with the summary once the trades are stored and indexed.
extension LakeService {
    func registerIngestRoutes(on router: Router) {
        router.post("/v1/trades/ingest", body: .collected(maxSize: TradeIngestor.maximumBodyBytes)) { [self] request, _ in
            let outcome = try await ingestor.ingest(request.body, idempotencyKey: request.headers["Idempotency-Key"],
                                                    exchange: request.query["exchange"])
            return HTTPResponse.json(bytes: outcome.response, status: .ok)
        }
    }
}
