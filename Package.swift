// swift-tools-version:6.0
// CandleLake — an OHLCV data lake service. No Swift package dependencies, by design:
// only the toolchain and C system libraries wrapped as system-library targets.
import PackageDescription

let package = Package(
    name: "CandleLake",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "candlelake", targets: ["candlelake"]),
    ],
    targets: [
        // C system libraries (Debian: libcurl4-openssl-dev libssl-dev libsqlite3-dev zlib1g-dev libzstd-dev).
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        .systemLibrary(name: "CCrypto", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "CZstd", pkgConfig: "libzstd", providers: [.apt(["libzstd-dev"])]),
        // Linux kernel interfaces Glibc's module leaves out (epoll, eventfd); headers only.
        .systemLibrary(name: "CLinux"),

        .target(name: "LakeCore"),
        .target(name: "LakeFormats", dependencies: ["LakeCore", "CZlib", "CZstd"]),
        .target(name: "LakeStorage", dependencies: ["LakeCore", "CCurl", "CCrypto"]),
        // Release builds of the server leave out Swift's dynamic exclusivity checks (~3 % of its
        // CPU on small requests); debug builds, which the test suite runs, keep them.
        .target(name: "LakeHTTP", dependencies: ["CCrypto", "CZlib", "CLinux"],
                swiftSettings: [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]),
        .target(name: "LakeCatalog", dependencies: ["LakeCore", "CSQLite"]),
        .target(name: "LakeQuery", dependencies: ["LakeCore", "LakeFormats", "LakeStorage", "LakeCatalog"]),
        .target(name: "LakeServer", dependencies: ["LakeCore", "LakeFormats", "LakeStorage", "LakeHTTP", "LakeCatalog", "LakeQuery"]),
        .executableTarget(name: "candlelake", dependencies: ["LakeServer", "LakeQuery", "LakeCatalog", "LakeStorage", "LakeFormats", "LakeHTTP", "LakeCore"]),

        .target(name: "LakeTestSupport", dependencies: ["LakeStorage"], path: "Tests/LakeTestSupport"),
        // A LakeHTTP server with echo/broadcast endpoints for scripts/autobahn.sh and bench/.
        // Its bar JSON uses LakeCore's number writer, the one the service's bar responses use.
        .executableTarget(name: "lakehttp-testserver", dependencies: ["LakeHTTP", "LakeCore"], path: "Tests/LakeHTTPTestServer"),
        .testTarget(name: "LakeCoreTests", dependencies: ["LakeCore", "LakeTestSupport"]),
        .testTarget(name: "LakeFormatsTests", dependencies: ["LakeFormats", "LakeCore", "LakeTestSupport"]),
        .testTarget(name: "LakeStorageTests", dependencies: ["LakeStorage", "LakeCore", "CCrypto", "LakeTestSupport"]),
        .testTarget(name: "LakeCatalogTests", dependencies: ["LakeCatalog", "LakeCore", "LakeTestSupport"]),
        .testTarget(name: "LakeHTTPTests", dependencies: ["LakeHTTP", "LakeTestSupport"]),
        .testTarget(name: "LakeQueryTests", dependencies: ["LakeQuery", "LakeTestSupport", "LakeCatalog", "LakeStorage", "LakeFormats", "LakeCore"]),
        .testTarget(name: "LakeServerTests", dependencies: ["LakeServer", "LakeTestSupport", "LakeCatalog", "LakeStorage", "LakeFormats", "LakeHTTP", "LakeCore"]),
    ]
)
