// GNU readline's headers use FILE without including stdio.h themselves.
#include <stdio.h>
#include <readline/readline.h>
#include <readline/history.h>

// Readline's settings are global variables; Swift 6 refuses to touch mutable C globals
// directly, so these accessors give LineEditor (one thread, by contract) a function to call.

static inline void tala_rl_configure(const char *name, char *word_breaks, rl_cpvfunc_t *break_hook,
                                     rl_completion_func_t *complete) {
  rl_readline_name = name;
  rl_catch_signals = 0;
  rl_catch_sigwinch = 0;
  rl_change_environment = 0;
  rl_completer_word_break_characters = word_breaks;
  // A quote before the word is not a delimiter to repeat after the completion: `s "b` completes
  // to `s "bd `, leaving the string open for more names.
  rl_basic_quote_characters = NULL;
  rl_completion_word_break_hook = break_hook;
  rl_attempted_completion_function = complete;
}

// Readline reads keys through these two, so that the line editor can read input ahead (to see
// whether a pasted line is waiting) and still hand every byte to readline in order.
static inline void tala_rl_input_hooks(rl_getc_func_t *getc, rl_hook_func_t *available) {
  rl_getc_function = getc;
  rl_input_available_hook = available;
}

static inline FILE *tala_rl_out(void) { return rl_outstream ? rl_outstream : stdout; }

static inline const char *tala_rl_line_buffer(void) { return rl_line_buffer; }

static inline void tala_rl_empty_line(void) {
  rl_replace_line("", 0);
  rl_point = rl_end = rl_mark = 0;
}

static inline void tala_rl_completion_settings(int over, int append_character) {
  rl_attempted_completion_over = over;
  rl_completion_append_character = append_character;
}

static inline const char *tala_history_last(void) {
  if (history_length <= 0) return NULL;
  HIST_ENTRY *e = history_get(history_base + history_length - 1);
  return e ? e->line : NULL;
}

// True while readline shows its own prompt (incremental or non-incremental search, a numeric
// argument, vi motion), which a prompt change must not overwrite.
static inline int tala_rl_busy(void) {
  return RL_ISSTATE(RL_STATE_ISEARCH | RL_STATE_NSEARCH | RL_STATE_NUMERICARG | RL_STATE_VIMOTION |
                    RL_STATE_COMPLETING | RL_STATE_MULTIKEY) != 0;
}
