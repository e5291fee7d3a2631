/// `evscope --help`: every option any command takes (a test holds it to the parser's list).
public enum HelpText {
    public static let text = """
        evscope — live security monitoring of event-driven systems on Kafka

        USAGE
          evscope demo [--broker-only] [--rate N]      in-process mock cluster + simulated shop traffic
          evscope [watch] -b BROKERS -t TOPIC ...      watch a cluster (kcat-style options)
          evscope agent -b BROKERS -t TOPIC --group ID --rollup-topic NAME [--agent-id ID]
                                                       share the topics with other agents; publish rollups
          evscope replay FILE [--speed 10x|max]        replay a recording or `kcat -C -J` output
          evscope simulate -b BROKERS [--rate N] [--duration S]   the demo's traffic against a real cluster
          evscope policy check FILE | infer ... | example          event-level policy files
          evscope config [options]                     effective configuration, secrets redacted
          evscope bench ingest|consume|render|traces|audit|demo|memory|latency|scale
          evscope -h, --help | -V, --version

        WATCH OPTIONS
          -b, --brokers LIST        bootstrap brokers, e.g. localhost:9092
          -t, --topic NAME|^REGEX   event topic(s) to watch (repeatable)
          --audit-topic NAME        audit topic (Confluent, Redpanda or authorizer-log records; repeatable)
          --audit-file PATH         audit log file followed like tail -F (repeatable)
          -X key=value              any librdkafka property (SASL, TLS, ...)
          -F FILE                   librdkafka properties file
          -r, --schema-registry URLS  Schema Registry for Avro/Protobuf/JSON Schema events
                                    (comma-separated, tried in turn; http://user:pass@host:8081)
          --from WHEN               beginning | end | -15m | RFC 3339 time (default: end; demo: beginning)
          --theme NAME|PATH         dark (default), light, high-contrast, monochrome, solarized-dark
          --record FILE             append every consumed record to FILE (kcat -J lines)
          --policy FILE             event-level policy (see `evscope policy example`)
          --headless                no UI: JSON lines on stdout (see --emit)
          --fail-on SEVERITY        headless exit status 1 when a finding >= low|medium|high was raised
          --reveal                  show sensitive fields and detected PII unmasked
          --emit KINDS              events,decisions,traces,findings,health,summary
          -e, --exit-at-end         exit when every partition reached its end (like kcat -e)
          --trace-idle SECONDS      headless: a trace is written once idle this long (default 5)
          --rollups NAME            show the rollups agents publish to NAME (headless: --emit summary)
          --type-field PATH         envelope field holding the event type (also --id-field,
                                    --source-field, --time-field; dotted paths like payload.kind)

        AGENT OPTIONS (plus the watch options that read: -b -t --audit-topic -X -F --policy --from)
          --group ID                the consumer group the agents share the partitions through
          --rollup-topic NAME       rollups go to NAME, positions to NAME.positions, in one transaction
          --agent-id ID             stable per agent (default: host name); a restart fences its old self

        CONFIGURATION
          $EVSCOPE_CONFIG, else $XDG_CONFIG_HOME/evscope/config (~/.config/evscope/config):
          `key = value` lines: brokers, theme, policy, kafka.<librdkafka property>, keys.<command> = KEYS,
          schema.registry.url, schema.registry.basic.auth.user.info (user:pass), schema.registry.ssl.ca.location
          Precedence: config file < -F files < -X.

        KEYS (in the dashboard; ? shows all)
          1-8 / tab   screens       enter  open detail    esc  back     /  filter
          j k g G     move          p      pause          s    sort     q  quit

        EXIT CODES
          0 ok · 1 findings at/above --fail-on · 2 usage · 3 cannot connect/authenticate · 4 bad config/policy
          5 nothing to read (a named topic missing with -e, a directory for a file) · 128+N stopped by signal N
        """
}
