import LakeHTTP

// LakeStorage has its own (client-side) HTTPRequest/HTTPResponse; inside this module the
// names mean the server's types.
typealias HTTPRequest = LakeHTTP.HTTPRequest
typealias HTTPResponse = LakeHTTP.HTTPResponse
