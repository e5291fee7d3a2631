/*
 * Produces stdin lines "TOPIC VALUE" (split at the first space), each to its own topic, from one
 * client, and waits until the broker has acknowledged every record.
 *
 * kcat produces to one topic per process, so a flood over thousands of topics meant thousands of
 * client start-ups: 1,000,000 records to 2,000 topics took 79 s that way and 15-30 s from one
 * client (10,000 topics: 217 s, librdkafka's per-partition work dominates). Built at test time:
 *   cc -O2 -o flood-producer Tests/e2e/tools/flood_producer.c -lrdkafka
 * Usage:
 *   flood-producer BROKERS [NAME=VALUE]... < lines
 * NAME=VALUE pairs are librdkafka producer settings (e.g. compression.type=lz4).
 * Exit status 0 only when every line was well formed and every record was delivered.
 */
#include <librdkafka/rdkafka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static unsigned long long delivered;
static unsigned long long failed;
static rd_kafka_resp_err_t first_error;

static void on_delivery(rd_kafka_t *producer, const rd_kafka_message_t *message, void *opaque) {
    (void)producer;
    (void)opaque;
    if (message->err) {
        if (!failed) first_error = message->err;
        failed++;
    } else {
        delivered++;
    }
}

int main(int argc, char **argv) {
    if (argc < 2 || argv[1][0] == '\0') {
        fprintf(stderr, "usage: %s BROKERS [NAME=VALUE]... < lines of 'TOPIC VALUE'\n", argv[0]);
        return 2;
    }
    char reason[512];
    rd_kafka_conf_t *conf = rd_kafka_conf_new();
    if (rd_kafka_conf_set(conf, "bootstrap.servers", argv[1], reason, sizeof reason) != RD_KAFKA_CONF_OK) {
        fprintf(stderr, "flood-producer: %s\n", reason);
        return 2;
    }
    for (int i = 2; i < argc; i++) {
        char *equals = strchr(argv[i], '=');
        if (!equals) {
            fprintf(stderr, "flood-producer: bad setting '%s' (want NAME=VALUE)\n", argv[i]);
            return 2;
        }
        *equals = '\0';
        if (rd_kafka_conf_set(conf, argv[i], equals + 1, reason, sizeof reason) != RD_KAFKA_CONF_OK) {
            fprintf(stderr, "flood-producer: %s\n", reason);
            return 2;
        }
    }
    rd_kafka_conf_set_dr_msg_cb(conf, on_delivery);
    rd_kafka_t *producer = rd_kafka_new(RD_KAFKA_PRODUCER, conf, reason, sizeof reason);
    if (!producer) {
        fprintf(stderr, "flood-producer: %s\n", reason);
        return 1;
    }

    char *line = NULL;
    size_t capacity = 0;
    ssize_t length;
    unsigned long long sent = 0, skipped = 0;
    while ((length = getline(&line, &capacity, stdin)) != -1) {
        if (length > 0 && line[length - 1] == '\n') line[--length] = '\0';
        char *space = strchr(line, ' ');
        if (!space || space == line) {
            skipped++;
            continue;
        }
        *space = '\0';
        const char *value = space + 1;
        size_t value_length = (size_t)(line + length - value);
        for (;;) {
            rd_kafka_resp_err_t error = rd_kafka_producev(
                producer, RD_KAFKA_V_TOPIC(line), RD_KAFKA_V_VALUE((void *)value, value_length),
                RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY), RD_KAFKA_V_END);
            if (!error) break;
            if (error != RD_KAFKA_RESP_ERR__QUEUE_FULL) {
                fprintf(stderr, "flood-producer: produce to %s: %s\n", line, rd_kafka_err2str(error));
                free(line);
                rd_kafka_destroy(producer);
                return 1;
            }
            /* The local queue is full: serve delivery reports until there is room again. */
            rd_kafka_poll(producer, 100);
        }
        sent++;
        rd_kafka_poll(producer, 0);
    }
    free(line);
    rd_kafka_resp_err_t flushed = rd_kafka_flush(producer, 120000);
    rd_kafka_destroy(producer);
    if (flushed || failed || delivered != sent) {
        fprintf(stderr, "flood-producer: %llu of %llu delivered, %llu failed (%s)\n", delivered, sent, failed,
                rd_kafka_err2str(failed ? first_error : flushed));
        return 1;
    }
    if (skipped) {
        fprintf(stderr, "flood-producer: %llu lines without 'TOPIC VALUE'\n", skipped);
        return 1;
    }
    printf("delivered %llu records\n", delivered);
    return 0;
}
