/// An element of a small XML document (S3 responses): name, decoded text, children.
/// Attributes and namespaces are dropped; S3 response shapes do not need them.
struct XMLElement: Sendable, Equatable {
    let name: String
    let text: String
    let children: [XMLElement]

    /// The first child named `name`.
    func child(_ name: String) -> XMLElement? { children.first { $0.name == name } }

    /// Every child named `name`, in document order.
    func children(named name: String) -> [XMLElement] { children.filter { $0.name == name } }

    /// The text of the first child named `name`.
    func value(_ name: String) -> String? { child(name)?.text }
}
