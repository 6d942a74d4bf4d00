// Tala's C interface to Ableton Link 3.0.6 (Debian's ableton-link-dev is C++ only; Link 3.1's
// abl_link.h has this shape). Opaque handles and plain functions: no C++ type reaches Swift.
//
// Times are microseconds on Link's clock. Tala builds Link on CLOCK_MONOTONIC (Debian's default
// on Linux is CLOCK_MONOTONIC_RAW), so these are the scheduler's own monotonic nanoseconds
// divided by 1000. Beats are Link's phase-encoded beats for the quantum given.
//
// Callbacks run on a thread that Link owns; `context` is passed back unchanged.
#ifndef TALA_LINK_H
#define TALA_LINK_H

#include <stdbool.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct tala_link tala_link;
typedef struct tala_link_state tala_link_state;

// A new Link instance, disabled (it joins the network only after tala_link_enable(…, true)).
// NULL if it could not be created.
tala_link *tala_link_create(double bpm);
void tala_link_destroy(tala_link *link);

bool tala_link_is_enabled(const tala_link *link);
void tala_link_enable(tala_link *link, bool enable);
bool tala_link_is_start_stop_sync_enabled(const tala_link *link);
void tala_link_enable_start_stop_sync(tala_link *link, bool enable);
uint64_t tala_link_num_peers(const tala_link *link);
// Link's clock now, in microseconds.
int64_t tala_link_clock_micros(const tala_link *link);

// Called when the number of peers changes, when the session tempo changes, and when the
// transport starts or stops (with start/stop sync on). NULL removes a callback.
void tala_link_set_num_peers_callback(tala_link *link, void (*callback)(uint64_t peers, void *context),
                                      void *context);
void tala_link_set_tempo_callback(tala_link *link, void (*callback)(double bpm, void *context), void *context);
void tala_link_set_start_stop_callback(tala_link *link, void (*callback)(bool playing, void *context),
                                       void *context);

// A session state: captured from a Link instance, read and changed locally, committed back.
tala_link_state *tala_link_state_create(void);
void tala_link_state_destroy(tala_link_state *state);
void tala_link_capture_app_state(const tala_link *link, tala_link_state *state);
void tala_link_commit_app_state(tala_link *link, const tala_link_state *state);

double tala_link_state_tempo(const tala_link_state *state);
void tala_link_state_set_tempo(tala_link_state *state, double bpm, int64_t at_micros);
double tala_link_state_beat_at_time(const tala_link_state *state, int64_t micros, double quantum);
double tala_link_state_phase_at_time(const tala_link_state *state, int64_t micros, double quantum);
int64_t tala_link_state_time_at_beat(const tala_link_state *state, double beat, double quantum);
void tala_link_state_request_beat_at_time(tala_link_state *state, double beat, int64_t micros, double quantum);
bool tala_link_state_is_playing(const tala_link_state *state);
int64_t tala_link_state_time_for_is_playing(const tala_link_state *state);
void tala_link_state_set_is_playing(tala_link_state *state, bool playing, int64_t micros);

#ifdef __cplusplus
}
#endif

#endif
