import EventScopeApp
import EventScopeCore
import EventScopeDemo
import EventScopeKafka
import EventScopeSources
import EventScopeTerminal
import EventScopeUI
import Foundation

/// `evscope bench NAME [--events N] [--json]`: the quality-target measurements, each
/// printed with its target.
public enum BenchCommand {
    static let names = ["ingest", "consume", "render", "traces", "audit", "demo", "memory", "latency", "scale"]
    static let usage = "usage: evscope bench \(names.joined(separator: "|")) [--events N] [--rounds N (consume)] [--corpus NAME,... (ingest)] [--json]"

    struct Options {
        var events: Int?
        /// Alternating rounds of `bench consume` (medians are reported); more are steadier on a busy machine.
        var rounds = 3
        var json = false
        /// The `bench ingest` corpora to measure (all when nil), e.g. one of them to profile.
        var corpora: Set<String>?
    }

    public static func run(name: String, arguments: [String]) -> Int32 {
        if name == "child-rss" { return runMeasuringChild(arguments) }
        var options = Options()
        var index = 0
        while index < arguments.count {
            switch arguments[index] {
            case "--json": options.json = true
            case "--corpus":
                index += 1
                let names = index < arguments.count ? arguments[index].split(separator: ",").map(String.init) : []
                guard !names.isEmpty, names.allSatisfy(BenchIngest.corpusNames.contains) else {
                    Console.error("--corpus needs one or more of \(BenchIngest.corpusNames.joined(separator: ", ")), comma-separated")
                    return ExitCode.usage
                }
                options.corpora = Set(names)
            case "--events", "--rounds":
                let option = arguments[index]
                index += 1
                guard index < arguments.count, let value = Int(arguments[index].replacingOccurrences(of: "_", with: "")), value > 0 else {
                    Console.error("\(option) needs a positive number")
                    return ExitCode.usage
                }
                if option == "--events" { options.events = value } else { options.rounds = value }
            default:
                Console.error("unknown bench option '\(TerminalText.escape(arguments[index], limit: 40))'\n\(usage)")
                return ExitCode.usage
            }
            index += 1
        }
        let progress: (String) -> Void = { line in
            // Progress never mixes into the JSON document on stdout.
            if options.json { FileHandle.standardError.write(Data((line + "\n").utf8)) } else { print(line) }
        }
        let report: BenchReport
        switch name {
        case "ingest": report = BenchIngest.run(eventsPerCorpus: options.events ?? 1_000_000, corpora: options.corpora)
        case "traces": report = traces(events: options.events ?? 1_000_000)
        case "audit": report = audit(records: options.events ?? 100_000)
        case "demo": report = demo()
        case "consume":
            do {
                report = try consume(events: options.events ?? 1_000_000, rounds: options.rounds, progress: progress)
            } catch {
                Console.error("bench consume failed: \(error)")
                return ExitCode.cannotConnect
            }
        case "render": report = render(eventCounts: options.events.map { [$0] } ?? [100_000, 1_000_000, 10_000_000], progress: progress)
        case "memory": report = BenchMemory.run(events: options.events ?? 10_000_000, progress: progress)
        case "latency": report = BenchLatency.run(eventsPerSecond: 100_000, seconds: Double(options.events ?? 1_000_000) / 100_000)
        case "scale":
            do {
                report = try scale(events: options.events ?? 1_000_000, progress: progress)
            } catch {
                Console.error("bench scale failed: \(error)")
                return ExitCode.cannotConnect
            }
        default:
            Console.error(usage)
            return ExitCode.usage
        }
        print(options.json ? report.json : report.text)
        return ExitCode.ok
    }

    static func traces(events: Int) -> BenchReport {
        var report = BenchReport(name: "traces")
        let result = TraceBenchmark.run(events: events)
        report.add("inserts (1 event per trace)", result.insertsPerSecond, "inserts/s")
        report.add("time per insert", result.nanosecondsPerInsert / 1000, "µs", atMost: 0.3)
        report.add("peak RSS", BenchResources.megabytes(BenchResources.peakRSSBytes()), "MB", atMost: 150)
        report.add("RSS now", BenchResources.megabytes(BenchResources.currentRSSBytes()), "MB")
        let counters = result.counters
        report.note("\(events) distinct traces; retained \(counters.chains) chains / \(counters.nodes) nodes, evicted \(counters.evictedChains) chains")
        report.note("wall-clock time with event generation (\(String(format: "%.2f", result.generationSeconds)) s) timed alone and subtracted")
        return report
    }

    static func audit(records: Int) -> BenchReport {
        var report = BenchReport(name: "audit")
        for result in AuditBenchmark.run(recordsPerFormat: records) {
            report.add("\(result.format.rawValue) decisions", result.decisionsPerSecond, "decisions/s")
            report.add("\(result.format.rawValue) throughput", result.megabytesPerSecond, "MB/s")
        }
        report.note("\(records) records per format")
        return report
    }

    static func demo() -> BenchReport {
        var report = BenchReport(name: "demo")
        let result = DemoBenchmark.run()
        report.add("outputs generated", result.outputsPerSecond, "outputs/s")
        report.add("time per output", result.outputs > 0 ? result.elapsedSeconds * 1e9 / Double(result.outputs) : 0, "ns")
        report.note(result.summary)
        return report
    }

    // MARK: scale

    /// Agents' combined events/s for 1, 2 and 3 agents, and their CPU per event.
    static func scale(events: Int, progress: @escaping (String) -> Void) throws -> BenchReport {
        var report = BenchReport(name: "scale")
        for run in try ScaleBenchmark.run(events: events, agentCounts: [1, 2, 3], progress: progress) {
            let agents = "\(run.agents) agent\(run.agents == 1 ? "" : "s")"
            report.add("\(agents): events/s after the first commit", Double(run.steadyEvents) / max(run.steadySeconds, 1e-9), "events/s")
            report.add("\(agents): events/s with the group's join", Double(events) / max(run.seconds, 1e-9), "events/s")
            report.add("\(agents): CPU per million events", run.cpuSeconds * 1_000_000 / Double(events), "s")
            report.add("\(agents): rollups folded by a reader (dashboard model)", Double(run.reader.events) / max(run.reader.seconds, 1e-9), "events/s")
        }
        report.note("\(events) events (~250 B, W3C traceparent) on \(ScaleBenchmark.partitions) partitions of the in-process mock cluster (3 brokers)")
        report.note("\(ProcessInfo.processInfo.activeProcessorCount) cores; the mock cluster and the agents share them")
        return report
    }

    // MARK: consume

    /// kcat, the in-process consumer, this binary headless, and kcat with the fetch wait that
    /// `-e` runs of this binary use, on the same topic in one run.
    static func consume(events: Int, rounds: Int, progress: @escaping (String) -> Void) throws -> BenchReport {
        let executable = selfExecutable()
        let rssFile = NSTemporaryDirectory() + "evscope-bench-child-rss-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: rssFile) }
        let headless = [executable, "--headless", "--emit", "events", "-e", "--from", "beginning", "-b", "{bootstrap}", "-t", "{topic}"]
        // evscope's -e runs have brokers answer empty fetches within 10 ms, which ends them up to
        // 100 ms sooner (see KafkaConsumer). kcat given the same setting is the like-for-like
        // comparison of throughput, so the target is checked against it too.
        let kcatSameFetchWait = ["{kcat}", "-C", "-X", "fetch.wait.max.ms=10", "-b", "{bootstrap}", "-t", "{topic}", "-e", "-q", "-f", "%s\\n"]
        let results = try ConsumeBenchmark.run(
            records: events, rounds: rounds,
            externalCommands: [[executable, "bench", "child-rss", rssFile, "--"] + headless, kcatSameFetchWait], progress: progress)
        var report = BenchReport(name: "consume")
        let names = [
            "kcat -C -e -q -f '%s\\n'", "KafkaConsumer in process", "evscope --headless --emit events -e --from beginning",
            "kcat -X fetch.wait.max.ms=10 (as evscope -e)",
        ]
        for (result, name) in zip(results, names) {
            report.add("\(name)", result.recordsPerSecond, "records/s")
            report.add("\(name) best round", Double(events) / max(result.bestSeconds, 1e-9), "records/s")
            if name != names[0] {
                // The target is held against kcat's best round: kcat's own rounds are bimodal
                // (librdkafka 2.0.2's fetch pauses), and its median may include a pause.
                if let ratio = result.ratioToKcat { report.add("\(name) ÷ kcat (medians)", ratio, "×") }
                if let best = result.bestRatioToKcat {
                    report.add("\(name) ÷ kcat (best rounds)", best, "×", atLeast: name == names[2] ? 0.9 : nil)
                }
            }
            if let cpu = result.cpuSecondsPerMillion {
                report.add("\(name) CPU per 1M records", cpu, "s")
            }
        }
        if results.count == names.count, results[2].bestSeconds > 0 {
            report.add(
                "evscope ÷ kcat -X fetch.wait.max.ms=10 (best rounds)", results[3].bestSeconds / results[2].bestSeconds, "×",
                atLeast: 0.9)
        }
        if let text = try? String(contentsOfFile: rssFile, encoding: .utf8), let kilobytes = text.split(separator: "\n").compactMap({ Int($0) }).max() {
            report.add("evscope child peak RSS", BenchResources.megabytes(kilobytes * 1024), "MB", atMost: 150)
        }
        report.note(
            "\(events) ~250-byte events on a 100-partition mock-cluster topic; stdout to /dev/null; medians of \(rounds) alternating rounds; peak RSS is the largest of the \(rounds) runs"
        )
        return report
    }

    /// This binary's path, so the benchmark measures exactly the build that runs it.
    static func selfExecutable() -> String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }

    /// `bench child-rss FILE -- ARGV...`: runs ARGV, appends its peak RSS in KiB (wait4's
    /// rusage) to FILE as a line, and exits with its status. Lets `bench consume` report the child's
    /// memory although `ConsumeBenchmark` starts the process.
    static func runMeasuringChild(_ arguments: [String]) -> Int32 {
        guard arguments.count >= 3, arguments[1] == "--" else {
            Console.error("usage: evscope bench child-rss FILE -- COMMAND...")
            return ExitCode.usage
        }
        let argv = Array(arguments.dropFirst(2))
        var cArguments: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
        defer { for pointer in cArguments { free(pointer) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, argv[0], nil, nil, &cArguments, environ)
        guard spawned == 0 else {
            Console.error("cannot start \(argv[0]): \(String(cString: strerror(spawned)))")
            return ExitCode.badConfig
        }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) == -1, errno == EINTR {}
        // Appended, so a benchmark running the command several times can report the largest.
        if let file = FileHandle(forWritingAtPath: arguments[0])
            ?? (FileManager.default.createFile(atPath: arguments[0], contents: nil) ? FileHandle(forWritingAtPath: arguments[0]) : nil)
        {
            file.seekToEndOfFile()
            file.write(Data("\(usage.ru_maxrss)\n".utf8))
            try? file.close()
        }
        // WIFEXITED / WEXITSTATUS are macros Swift cannot import.
        return status & 0x7F == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
    }

    // MARK: render

    static func render(eventCounts: [Int], progress: @escaping (String) -> Void) -> BenchReport {
        BenchRender.run(eventCounts: eventCounts, progress: progress) { grid in
            (try? IdleFrameBenchmark.measure(grid: grid)).map { ($0.firstFrameBytes, $0.idleFrameBytes) }
        }
    }
}
