// swift-tools-version:6.0
import PackageDescription

// EventScope: a terminal dashboard for live security monitoring of event-driven systems on Kafka.
// Only EventScopeTerminal touches ncurses and only EventScopeKafka touches librdkafka;
// Core and UI are pure Swift so the model and the rendering are tested without a terminal.
let package = Package(
    name: "EventScope",
    products: [
        .executable(name: "evscope", targets: ["evscope"]),
    ],
    targets: [
        .systemLibrary(
            name: "CNcursesw",
            pkgConfig: "ncursesw",
            providers: [.apt(["libncurses-dev"])]
        ),
        .systemLibrary(
            name: "CRdKafka",
            pkgConfig: "rdkafka",
            providers: [.apt(["librdkafka-dev"])]
        ),
        // Header only: cache prefetch hints for the trace index.
        .systemLibrary(name: "CPrefetch"),
        .target(name: "EventScopeCore", dependencies: ["CPrefetch"], linkerSettings: [.linkedLibrary("m")]),
        .target(name: "EventScopeUI", dependencies: ["EventScopeCore"]),
        .target(name: "EventScopeApp", dependencies: ["EventScopeCore", "EventScopeUI"]),
        .target(name: "EventScopeTerminal", dependencies: ["EventScopeUI", "CNcursesw"]),
        .target(name: "EventScopeKafka", dependencies: ["EventScopeCore", "CRdKafka"]),
        .executableTarget(
            name: "evscope",
            dependencies: ["EventScopeCore", "EventScopeUI", "EventScopeApp", "EventScopeTerminal", "EventScopeKafka"]
        ),
        .testTarget(name: "EventScopeCoreTests", dependencies: ["EventScopeCore"]),
        .testTarget(name: "EventScopeUITests", dependencies: ["EventScopeUI", "EventScopeCore"]),
        .testTarget(name: "EventScopeAppTests", dependencies: ["EventScopeApp", "EventScopeUI", "EventScopeCore"]),
        .testTarget(name: "EventScopeKafkaTests", dependencies: ["EventScopeKafka", "EventScopeCore"]),
        .testTarget(name: "EventScopeTerminalTests", dependencies: ["EventScopeTerminal", "EventScopeUI"]),
    ],
    swiftLanguageModes: [.v6]
)
