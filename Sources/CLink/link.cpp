// The C side of tala_link.h: each function forwards to ableton::BasicLink and its SessionState.
#include "tala_link.h"

#include <ableton/Link.hpp>
#include <ableton/platforms/linux/Clock.hpp>

#include <chrono>
#include <new>

namespace {
// Link on the scheduler's monotonic clock, so Link's times and Tala's share one origin.
using MonotonicLink = ableton::BasicLink<ableton::platforms::linux::ClockMonotonic>;
using SessionState = MonotonicLink::SessionState;
using Micros = std::chrono::microseconds;
}  // namespace

struct tala_link {
  explicit tala_link(double bpm) : link(bpm) {}
  MonotonicLink link;
};

// SessionState has no default constructor; it lives in raw storage once captured.
struct tala_link_state {
  alignas(SessionState) unsigned char storage[sizeof(SessionState)];
  bool captured = false;
  SessionState *get() { return std::launder(reinterpret_cast<SessionState *>(storage)); }
  const SessionState *get() const { return std::launder(reinterpret_cast<const SessionState *>(storage)); }
  void clear() {
    if (captured) get()->~SessionState();
    captured = false;
  }
  ~tala_link_state() { clear(); }
};

extern "C" {

tala_link *tala_link_create(double bpm) {
  try {
    return new tala_link(bpm);
  } catch (...) {
    return nullptr;
  }
}

void tala_link_destroy(tala_link *link) { delete link; }

bool tala_link_is_enabled(const tala_link *link) { return link->link.isEnabled(); }
void tala_link_enable(tala_link *link, bool enable) { link->link.enable(enable); }
bool tala_link_is_start_stop_sync_enabled(const tala_link *link) { return link->link.isStartStopSyncEnabled(); }
void tala_link_enable_start_stop_sync(tala_link *link, bool enable) { link->link.enableStartStopSync(enable); }
uint64_t tala_link_num_peers(const tala_link *link) { return link->link.numPeers(); }
int64_t tala_link_clock_micros(const tala_link *link) { return link->link.clock().micros().count(); }

void tala_link_set_num_peers_callback(tala_link *link, void (*callback)(uint64_t, void *), void *context) {
  link->link.setNumPeersCallback([callback, context](std::size_t peers) {
    if (callback) callback(peers, context);
  });
}

void tala_link_set_tempo_callback(tala_link *link, void (*callback)(double, void *), void *context) {
  link->link.setTempoCallback([callback, context](double bpm) {
    if (callback) callback(bpm, context);
  });
}

void tala_link_set_start_stop_callback(tala_link *link, void (*callback)(bool, void *), void *context) {
  link->link.setStartStopCallback([callback, context](bool playing) {
    if (callback) callback(playing, context);
  });
}

tala_link_state *tala_link_state_create(void) { return new (std::nothrow) tala_link_state(); }
void tala_link_state_destroy(tala_link_state *state) { delete state; }

void tala_link_capture_app_state(const tala_link *link, tala_link_state *state) {
  state->clear();
  new (state->storage) SessionState(link->link.captureAppSessionState());
  state->captured = true;
}

void tala_link_commit_app_state(tala_link *link, const tala_link_state *state) {
  if (state->captured) link->link.commitAppSessionState(*state->get());
}

double tala_link_state_tempo(const tala_link_state *state) { return state->captured ? state->get()->tempo() : 0; }

void tala_link_state_set_tempo(tala_link_state *state, double bpm, int64_t at_micros) {
  if (state->captured) state->get()->setTempo(bpm, Micros(at_micros));
}

double tala_link_state_beat_at_time(const tala_link_state *state, int64_t micros, double quantum) {
  return state->captured ? state->get()->beatAtTime(Micros(micros), quantum) : 0;
}

double tala_link_state_phase_at_time(const tala_link_state *state, int64_t micros, double quantum) {
  return state->captured ? state->get()->phaseAtTime(Micros(micros), quantum) : 0;
}

int64_t tala_link_state_time_at_beat(const tala_link_state *state, double beat, double quantum) {
  return state->captured ? state->get()->timeAtBeat(beat, quantum).count() : 0;
}

void tala_link_state_request_beat_at_time(tala_link_state *state, double beat, int64_t micros, double quantum) {
  if (state->captured) state->get()->requestBeatAtTime(beat, Micros(micros), quantum);
}

bool tala_link_state_is_playing(const tala_link_state *state) {
  return state->captured && state->get()->isPlaying();
}

int64_t tala_link_state_time_for_is_playing(const tala_link_state *state) {
  return state->captured ? state->get()->timeForIsPlaying().count() : 0;
}

void tala_link_state_set_is_playing(tala_link_state *state, bool playing, int64_t micros) {
  if (state->captured) state->get()->setIsPlaying(playing, Micros(micros));
}

}  // extern "C"
