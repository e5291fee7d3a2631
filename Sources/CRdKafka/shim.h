#ifndef EVSCOPE_CRDKAFKA_SHIM_H
#define EVSCOPE_CRDKAFKA_SHIM_H
#include <stddef.h>
#include <stdio.h>
#include <librdkafka/rdkafka.h>
// rdkafka_mock.h does not include rdkafka.h itself.
#include <librdkafka/rdkafka_mock.h>
// mallopt: streaming readers keep freed memory for reuse (see KafkaConsumer's fetch budget).
#include <malloc.h>
#endif
