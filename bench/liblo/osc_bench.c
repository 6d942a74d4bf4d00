/* liblo side of `make bench`: the same work as Benchmarks/tala-bench/OSCBench.swift.
 * Prints one line per figure, "name rate", rates in operations per second:
 *   encode_message  (lo_message_new + 16 adds + lo_message_serialise + free)
 *   decode_message  (lo_message_deserialise, read the path and every argument, free)
 *   encode_bundle   (8 such messages in a lo_bundle + lo_bundle_serialise + free)
 *   decode_bundle   (walk the bundle's elements as liblo's server does, deserialising each
 *                    and reading it like decode_message)
 * Decoding reads what a receiver needs (the path's length and each argument's value), the same
 * reads as touchEveryArgument in OSCBench.swift, so both sides do the same work after parsing.
 * Build: scripts/bench-liblo.sh (gcc -O2 osc_bench.c -llo). */
#include <lo/lo.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <arpa/inet.h>

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static lo_message dirt_play(void) {
  lo_message m = lo_message_new();
  lo_message_add_string(m, "s");
  lo_message_add_string(m, "bd");
  lo_message_add_string(m, "n");
  lo_message_add_int32(m, 3);
  lo_message_add_string(m, "orbit");
  lo_message_add_int32(m, 0);
  lo_message_add_string(m, "cps");
  lo_message_add_float(m, 0.5625f);
  lo_message_add_string(m, "cycle");
  lo_message_add_float(m, 1234.5f);
  lo_message_add_string(m, "delta");
  lo_message_add_float(m, 0.444f);
  lo_message_add_string(m, "gain");
  lo_message_add_float(m, 1.0f);
  lo_message_add_string(m, "speed");
  lo_message_add_float(m, 1.0f);
  return m;
}

static volatile size_t sink;

/* Reads the path (liblo keeps it in the datagram, at its start) and every argument once, as a
   receiver would; not inlined, like a real handler and like Tala's side. */
__attribute__((noinline)) static size_t touch_every_argument(const char *path, lo_message m) {
  int argc = lo_message_get_argc(m);
  const char *types = lo_message_get_types(m);
  lo_arg **argv = lo_message_get_argv(m);
  size_t sum = strlen(path);
  for (int i = 0; i < argc; i++) {
    switch (types[i]) {
    case 'i': sum += (size_t)argv[i]->i; break;
    case 'f': {
      uint32_t bits;
      memcpy(&bits, &argv[i]->f, 4);
      sum += bits;
      break;
    }
    case 's': sum += strlen(&argv[i]->s); break;
    default: sum += 1;
    }
  }
  return sum;
}
static char buffer[8192];

/* Best of 5 passes of at least 0.2 s each: the same rule tala-bench uses, so the two sides
   are measured alike on a shared, noisy machine. */
#define MEASURE(name, body)                                                  \
  do {                                                                       \
    double best = 0;                                                         \
    for (int pass = 0; pass < 5; pass++) {                                   \
      long count = 0;                                                        \
      double start = now(), elapsed = 0;                                     \
      while (elapsed < 0.2) {                                                \
        for (int rep = 0; rep < 1000; rep++) { body; }                       \
        count += 1000;                                                       \
        elapsed = now() - start;                                             \
      }                                                                      \
      if (count / elapsed > best) best = count / elapsed;                    \
    }                                                                        \
    printf("%s %.0f\n", name, best);                                         \
  } while (0)

int main(void) {
  lo_timetag tt = {0xEEB04F20u, 0x80000000u};
  size_t size;

  MEASURE("encode_message", {
    lo_message m = dirt_play();
    size = sizeof buffer;
    lo_message_serialise(m, "/dirt/play", buffer, &size);
    sink += size;
    lo_message_free(m);
  });

  lo_message proto = dirt_play();
  size_t message_size = sizeof buffer;
  static char message[1024];
  lo_message_serialise(proto, "/dirt/play", message, &message_size);
  lo_message_free(proto);
  MEASURE("decode_message", {
    int result = 0;
    lo_message m = lo_message_deserialise(message, message_size, &result);
    if (!m) { fprintf(stderr, "deserialise failed %d\n", result); exit(1); }
    sink += touch_every_argument(message, m);
    lo_message_free(m);
  });

  MEASURE("encode_bundle", {
    lo_bundle b = lo_bundle_new(tt);
    for (int i = 0; i < 8; i++) lo_bundle_add_message(b, "/dirt/play", dirt_play());
    size = sizeof buffer;
    lo_bundle_serialise(b, buffer, &size);
    sink += size;
    lo_bundle_free_recursive(b);
  });

  lo_bundle b = lo_bundle_new(tt);
  for (int i = 0; i < 8; i++) lo_bundle_add_message(b, "/dirt/play", dirt_play());
  static char bundle[8192];
  size_t bundle_size = sizeof bundle;
  lo_bundle_serialise(b, bundle, &bundle_size);
  lo_bundle_free_recursive(b);
  MEASURE("decode_bundle", {
    /* liblo has no public bundle parser; this is the walk its server does (dispatch_data). */
    if (memcmp(bundle, "#bundle", 8) != 0) exit(1);
    size_t pos = 16;
    while (pos + 4 <= bundle_size) {
      uint32_t elem;
      memcpy(&elem, bundle + pos, 4);
      elem = ntohl(elem);
      pos += 4;
      if (elem > bundle_size - pos) exit(1);
      int result = 0;
      lo_message m = lo_message_deserialise(bundle + pos, elem, &result);
      if (!m) exit(1);
      sink += touch_every_argument(bundle + pos, m);
      lo_message_free(m);
      pos += elem;
    }
  });
  return 0;
}
