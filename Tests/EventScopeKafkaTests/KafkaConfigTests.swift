import EventScopeKafka
import Foundation
import Testing

@Suite("KafkaConfig")
struct KafkaConfigTests {
    @Test("-X assignments and property files keep order; later entries win")
    func parsesInOrder() throws {
        var config = KafkaConfig()
        try config.add(
            propertiesText: """
                # SASL settings
                security.protocol=SASL_SSL
                  sasl.mechanism = SCRAM-SHA-512
                ! also a comment

                sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required user="a=b";
                """, source: "client.properties")
        try config.add(assignment: "sasl.mechanism=PLAIN")
        try config.add(assignment: "client.id=")

        #expect(
            config.properties.map(\.key) == [
                "security.protocol", "sasl.mechanism", "sasl.jaas.config", "sasl.mechanism", "client.id",
            ])
        #expect(config.value(for: "sasl.mechanism") == "PLAIN")
        #expect(config.value(for: "sasl.jaas.config")?.hasSuffix("user=\"a=b\";") == true)
        #expect(config.value(for: "client.id") == "")
    }

    @Test("malformed lines are one-line errors naming the source and line, without the content")
    func malformedLines() {
        var config = KafkaConfig()
        #expect(throws: KafkaError.invalidConfiguration("app.properties line 3: expected key=value")) {
            try config.add(propertiesText: "# ok\nclient.id=x\nsasl.password hunter2\n", source: "app.properties")
        }
        #expect(throws: KafkaError.invalidConfiguration("-X expects key=value")) {
            try config.add(assignment: "hunter2")
        }
        #expect(throws: KafkaError.invalidConfiguration("-X expects key=value")) {
            try config.add(assignment: "=value")
        }
        #expect(throws: KafkaError.invalidConfiguration("cannot read config file /nonexistent/evscope.properties")) {
            try config.add(propertiesFile: "/nonexistent/evscope.properties")
        }
    }

    @Test("librdkafka's complaint about an unknown property is surfaced")
    func unknownProperty() {
        let config = KafkaConfig([("bootstrap.servers", "localhost:9092"), ("no.such.property", "1")])
        #expect {
            try config.validate()
        } throws: { error in
            "\(error)".contains("no.such.property") && !"\(error)".contains("\n")
        }
    }

    @Test("a rejected secret property never shows its value in the error or description")
    func rejectedSecretIsMasked() {
        let config = KafkaConfig([("ssl.keystore.passwd", "hunter2-value")])
        #expect {
            try config.validate()
        } throws: { error in
            "\(error)".contains("ssl.keystore.passwd") && !"\(error)".contains("hunter2")
        }
        #expect(config.description == "ssl.keystore.passwd=***")
    }

    @Test(
        "redaction masks secret values and keeps the rest",
        arguments: [
            ("sasl.password", true), ("sasl.username", false), ("ssl.key.password", true),
            ("ssl.keystore.password", true), ("ssl.key.pem", true), ("sasl.oauthbearer.config", true),
            ("sasl.jaas.config", true), ("sasl.oauthbearer.client.secret", true), ("bootstrap.servers", false),
            ("security.protocol", false), ("ssl.ca.location", false), ("SASL.PASSWORD", true),
            ("schema.registry.basic.auth.user.info", true), ("sasl.oauthbearer.token.endpoint.url", true), ("api.key", true),
        ])
    func redaction(key: String, isSecret: Bool) {
        let config = KafkaConfig([(key, "value-123")])
        #expect(KafkaConfig.isSecret(key: key) == isSecret)
        #expect(config.redacted() == ["\(key)=\(isSecret ? "***" : "value-123")"])
        #expect(config.description.contains("value-123") == !isSecret)
    }

    @Test(
        "a property name with a typo for '=' never shows what follows it",
        arguments: [
            "sasl.password: hunter2-value", "sasl.jaas.config:hunter2-value", "ssl.key.password hunter2-value",
        ])
    func malformedSecretNameIsMasked(key: String) {
        var config = KafkaConfig()
        #expect(throws: (any Error).self) {
            try config.add(propertiesText: "\(key)=x", source: "f")
            try config.validate()
        }
        #expect {
            try config.validate()
        } throws: { error in
            "\(error)".contains("malformed property name") && !"\(error)".contains("hunter2")
        }
    }
}
