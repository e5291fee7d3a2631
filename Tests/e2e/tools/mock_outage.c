/*
 * Runs librdkafka's mock cluster and takes its brokers down and up on command, so an end-to-end
 * test can hold an outage for as long as it needs (the demo's scheduled outage lasts 10 s).
 * Built at test time:
 *   cc -O2 -o mock-outage Tests/e2e/tools/mock_outage.c -lrdkafka
 * Usage:
 *   mock-outage BROKER_COUNT TOPIC PARTITIONS < commands
 * Prints the bootstrap list on stdout, then reads lines "down ID" / "up ID" from stdin and
 * answers each with "ok" (or "error ..."); exits at the end of stdin.
 */
#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The mock cluster's host handle would log connection errors to stderr; the test reads its own. */
static void quiet_log(const rd_kafka_t *handle, int level, const char *facility, const char *line) {
    (void)handle;
    (void)level;
    (void)facility;
    (void)line;
}

int main(int argc, char **argv) {
    if (argc != 4) {
        fprintf(stderr, "usage: %s BROKER_COUNT TOPIC PARTITIONS < lines of 'down ID' or 'up ID'\n", argv[0]);
        return 2;
    }
    int brokers = atoi(argv[1]);
    int partitions = atoi(argv[3]);
    if (brokers < 1 || partitions < 1) {
        fprintf(stderr, "broker count and partitions must be positive\n");
        return 2;
    }
    char reason[512];
    rd_kafka_conf_t *conf = rd_kafka_conf_new();
    rd_kafka_conf_set_log_cb(conf, quiet_log);
    rd_kafka_t *host = rd_kafka_new(RD_KAFKA_PRODUCER, conf, reason, sizeof reason);
    if (!host) {
        fprintf(stderr, "cannot create the host handle: %s\n", reason);
        return 1;
    }
    rd_kafka_mock_cluster_t *cluster = rd_kafka_mock_cluster_new(host, brokers);
    if (!cluster) {
        fprintf(stderr, "cannot start the mock cluster\n");
        return 1;
    }
    rd_kafka_resp_err_t created = rd_kafka_mock_topic_create(cluster, argv[2], partitions, 1);
    if (created) {
        fprintf(stderr, "cannot create %s: %s\n", argv[2], rd_kafka_err2str(created));
        return 1;
    }
    printf("%s\n", rd_kafka_mock_cluster_bootstraps(cluster));
    fflush(stdout);

    char line[128];
    while (fgets(line, sizeof line, stdin)) {
        char verb[16];
        int id;
        rd_kafka_resp_err_t err;
        if (sscanf(line, "%15s %d", verb, &id) != 2) {
            printf("error: expected 'down ID' or 'up ID'\n");
        } else if (strcmp(verb, "down") == 0 || strcmp(verb, "up") == 0) {
            err = verb[0] == 'd' ? rd_kafka_mock_broker_set_down(cluster, id) : rd_kafka_mock_broker_set_up(cluster, id);
            if (err)
                printf("error: %s\n", rd_kafka_err2str(err));
            else
                printf("ok\n");
        } else {
            printf("error: unknown command %s\n", verb);
        }
        fflush(stdout);
    }
    rd_kafka_mock_cluster_destroy(cluster);
    rd_kafka_destroy(host);
    return 0;
}
