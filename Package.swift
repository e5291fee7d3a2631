// swift-tools-version:6.0
import PackageDescription

// EventScope: a terminal dashboard for live security monitoring of event-driven systems on Kafka.
// Only EventScopeTerminal touches ncurses and only EventScopeKafka touches librdkafka;
// Core and UI are pure Swift so the model and the rendering are tested without a terminal.
// Benchmarks, the demo world and the fuzz runner live in targets of their own, apart from the model.
let package = Package(
    name: "EventScope",
    products: [
        .executable(name: "evscope", targets: ["evscope"])
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
        // Schema-registry payloads (Avro, Protobuf, JSON Schema) decoded to JSON text; no dependencies.
        .target(name: "EventScopeSchema"),
        // The model: records, decoders, audit parsers, store, trace index, policy, findings.
        .target(name: "EventScopeCore", dependencies: ["CPrefetch", "EventScopeSchema"], linkerSettings: [.linkedLibrary("m")]),
        // Inputs that are not Kafka: the audit file follower, recordings and their replay.
        .target(name: "EventScopeSources", dependencies: ["EventScopeCore", "EventScopeSchema"]),
        // librdkafka: consumer, producer, configuration, mock cluster.
        .target(name: "EventScopeKafka", dependencies: ["EventScopeCore", "CRdKafka"]),
        // The demo world (a shop and its trouble) and the simulator that produces it.
        .target(name: "EventScopeDemo", dependencies: ["EventScopeCore", "EventScopeKafka", "EventScopeSchema"]),
        // Pure presentation: grid, widgets, screens, themes, key map, reducer.
        .target(name: "EventScopeUI", dependencies: ["EventScopeCore"]),
        // The loops (dashboard, headless), the inbox, command line and configuration.
        .target(name: "EventScopeApp", dependencies: ["EventScopeCore", "EventScopeUI", "EventScopeSources"]),
        // The ncurses backend.
        .target(name: "EventScopeTerminal", dependencies: ["EventScopeUI", "CNcursesw"]),
        // Every benchmark; `evscope bench` forwards here.
        .target(
            name: "EventScopeBench",
            dependencies: [
                "EventScopeCore", "EventScopeSources", "EventScopeKafka", "EventScopeDemo", "EventScopeUI",
                "EventScopeApp", "EventScopeTerminal", "EventScopeSchema",
            ],
            exclude: ["BENCHMARKS.md"]
        ),
        // Tests only: the seeded fuzz runner and its mutators.
        .target(name: "EventScopeTestSupport", dependencies: ["EventScopeCore"]),
        .executableTarget(
            name: "evscope",
            dependencies: [
                "EventScopeCore", "EventScopeSources", "EventScopeKafka", "EventScopeDemo", "EventScopeUI",
                "EventScopeApp", "EventScopeTerminal", "EventScopeBench",
            ]
        ),
        .testTarget(name: "EventScopeCoreTests", dependencies: ["EventScopeCore", "EventScopeSchema", "EventScopeTestSupport"]),
        .testTarget(name: "EventScopeSourcesTests", dependencies: ["EventScopeSources", "EventScopeCore", "EventScopeTestSupport"]),
        .testTarget(name: "EventScopeKafkaTests", dependencies: ["EventScopeKafka", "EventScopeCore"]),
        .testTarget(name: "EventScopeDemoTests", dependencies: ["EventScopeDemo", "EventScopeCore", "EventScopeSources", "EventScopeTestSupport"]),
        .testTarget(
            name: "EventScopeUITests", dependencies: ["EventScopeUI", "EventScopeCore", "EventScopeDemo", "EventScopeTestSupport"], exclude: ["Snapshots"]),
        .testTarget(
            name: "EventScopeAppTests", dependencies: ["EventScopeApp", "EventScopeUI", "EventScopeCore", "EventScopeSources", "EventScopeTestSupport"]),
        .testTarget(name: "EventScopeTerminalTests", dependencies: ["EventScopeTerminal", "EventScopeUI"]),
        .testTarget(name: "EventScopeSchemaTests", dependencies: ["EventScopeSchema"]),
        .testTarget(name: "EventScopeBenchTests", dependencies: ["EventScopeBench", "EventScopeCore", "EventScopeUI", "EventScopeTestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
