// ALSA's PCM API for the Audio module (the only importer).
#include <alsa/asoundlib.h>

// ALSA prints its own errors to stderr (several lines when there is no sound card). Tala reports
// failures itself, once, so it installs this silent handler; Swift cannot write a variadic C
// function, hence this helper here.
static void tala_alsa_quiet(const char *file, int line, const char *function, int err, const char *fmt, ...) {
  (void)file; (void)line; (void)function; (void)err; (void)fmt;
}

static inline void tala_alsa_silence_errors(void) { snd_lib_error_set_handler(tala_alsa_quiet); }
