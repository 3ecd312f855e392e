/// Which requests need an API key (`AUTH_MODE`). Default ``off``: the seeds' clients send no
/// key, so a fresh install answers them as before.
public enum AuthMode: String, CaseIterable, Sendable {
    /// No route needs a key.
    case off
    /// Routes that change the lake or operate the service need a key with their scope; reads stay open.
    case writes
    /// Every route but `GET /health` (and presigned URL targets, which carry their own signature) needs a key.
    case all
}
