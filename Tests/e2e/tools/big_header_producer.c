/*
 * Produces one record with headers of any size and waits for the broker to acknowledge it.
 *
 * kcat takes header values on its command line, where Linux limits one argument to 128 KiB, so
 * the 1 MB header value of the flood test needs a producer of its own. Built at test time:
 *   cc -O2 -o big-header-producer Tests/e2e/tools/big_header_producer.c -lrdkafka
 * Usage:
 *   big-header-producer BROKERS TOPIC VALUE [NAME=TEXT | NAME*BYTES]...
 * NAME=TEXT adds a header with that text; NAME*BYTES adds one whose value is BYTES 'y' bytes.
 * Exit status 0 only when the delivery report says the record was written.
 */
#include <librdkafka/rdkafka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static rd_kafka_resp_err_t delivery_error = RD_KAFKA_RESP_ERR__TIMED_OUT;

static void on_delivery(rd_kafka_t *producer, const rd_kafka_message_t *message, void *opaque) {
    (void)producer;
    (void)opaque;
    delivery_error = message->err;
}

static int set(rd_kafka_conf_t *conf, const char *name, const char *value) {
    char reason[512];
    if (rd_kafka_conf_set(conf, name, value, reason, sizeof reason) != RD_KAFKA_CONF_OK) {
        fprintf(stderr, "big-header-producer: %s=%s: %s\n", name, value, reason);
        return 0;
    }
    return 1;
}

int main(int argc, char **argv) {
    if (argc < 4 || argv[1][0] == '\0') {
        fprintf(stderr, "usage: %s BROKERS TOPIC VALUE [NAME=TEXT | NAME*BYTES]...\n", argv[0]);
        return 2;
    }
    const char *value = argv[3];
    size_t record_bytes = strlen(value);
    rd_kafka_headers_t *headers = rd_kafka_headers_new((size_t)(argc - 4));
    for (int i = 4; i < argc; i++) {
        char *text = strchr(argv[i], '=');
        char *repeat = strchr(argv[i], '*');
        char *separator = text && (!repeat || text < repeat) ? text : repeat;
        if (!separator || separator == argv[i]) {
            fprintf(stderr, "big-header-producer: bad header '%s' (want NAME=TEXT or NAME*BYTES)\n", argv[i]);
            return 2;
        }
        size_t name_length = (size_t)(separator - argv[i]);
        if (separator == text) {
            rd_kafka_header_add(headers, argv[i], (ssize_t)name_length, text + 1, -1);
            record_bytes += name_length + strlen(text + 1);
            continue;
        }
        char *end = NULL;
        unsigned long long size = strtoull(repeat + 1, &end, 10);
        if (*end != '\0' || size > 500000000ULL) {
            fprintf(stderr, "big-header-producer: bad size in '%s' (at most 500000000)\n", argv[i]);
            return 2;
        }
        char *filler = malloc(size ? size : 1);
        if (!filler) {
            fprintf(stderr, "big-header-producer: cannot allocate %llu bytes\n", size);
            return 1;
        }
        memset(filler, 'y', size);
        rd_kafka_header_add(headers, argv[i], (ssize_t)name_length, filler, (ssize_t)size);
        free(filler); /* rd_kafka_header_add copies the value */
        record_bytes += name_length + size;
    }

    rd_kafka_conf_t *conf = rd_kafka_conf_new();
    /* The default 1 MB message.max.bytes would reject the record on the client side; leave
       room for the batch and header framing on top of the raw bytes. */
    char max_bytes[32];
    snprintf(max_bytes, sizeof max_bytes, "%zu", record_bytes + 1048576);
    if (!set(conf, "bootstrap.servers", argv[1]) || !set(conf, "message.max.bytes", max_bytes)) return 2;
    rd_kafka_conf_set_dr_msg_cb(conf, on_delivery);
    char reason[512];
    rd_kafka_t *producer = rd_kafka_new(RD_KAFKA_PRODUCER, conf, reason, sizeof reason);
    if (!producer) {
        fprintf(stderr, "big-header-producer: %s\n", reason);
        return 1;
    }
    rd_kafka_resp_err_t error = rd_kafka_producev(
        producer, RD_KAFKA_V_TOPIC(argv[2]), RD_KAFKA_V_VALUE((void *)value, strlen(value)),
        RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY), RD_KAFKA_V_HEADERS(headers), RD_KAFKA_V_END);
    if (error) {
        /* On failure the headers were not handed over. */
        rd_kafka_headers_destroy(headers);
        fprintf(stderr, "big-header-producer: produce: %s\n", rd_kafka_err2str(error));
        rd_kafka_destroy(producer);
        return 1;
    }
    rd_kafka_flush(producer, 30000);
    rd_kafka_destroy(producer);
    if (delivery_error) {
        fprintf(stderr, "big-header-producer: delivery: %s\n", rd_kafka_err2str(delivery_error));
        return 1;
    }
    printf("produced 1 record to %s with %zu bytes of value and headers\n", argv[2], record_bytes);
    return 0;
}
