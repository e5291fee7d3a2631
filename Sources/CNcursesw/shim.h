#ifndef EVSCOPE_CNCURSESW_SHIM_H
#define EVSCOPE_CNCURSESW_SHIM_H
// SwiftPM drops pkg-config's -D flags, so the wide-character API is switched on here.
#define NCURSES_WIDECHAR 1
#define _XOPEN_SOURCE_EXTENDED 1
#include <locale.h>
#include <langinfo.h>
#include <ncursesw/curses.h>
#include <signal.h>
#include <string.h>
#include <wchar.h>

// Macros and globals Swift cannot import (or rejects under strict concurrency).
static inline WINDOW *evs_stdscr(void) { return stdscr; }
static inline int evs_colors(void) { return COLORS; }
static inline int evs_color_pairs(void) { return COLOR_PAIRS; }
static inline attr_t evs_a_bold(void) { return A_BOLD; }
static inline attr_t evs_a_underline(void) { return A_UNDERLINE; }
static inline attr_t evs_a_reverse(void) { return A_REVERSE; }
static inline attr_t evs_a_dim(void) { return A_DIM; }
static inline attr_t evs_a_normal(void) { return A_NORMAL; }
static inline int evs_key_resize(void) { return KEY_RESIZE; }
static inline void evs_getmaxyx(WINDOW *w, int *y, int *x) { int yy, xx; getmaxyx(w, yy, xx); *y = yy; *x = xx; }
static inline int evs_key_f0(void) { return KEY_F0; }
static inline FILE *evs_stdout(void) { return stdout; }
static inline FILE *evs_stdin(void) { return stdin; }
// glibc hides wcwidth unless _XOPEN_SOURCE was set before its first include, which the
// Swift Glibc module decides; the prototype is standard, so declare it here.
extern int wcwidth(wchar_t);
static inline int evs_wcwidth(wchar_t c) { return wcwidth(c); }

// Signal flags for TerminalSignals. These statics exist once per object file that uses them,
// so only TerminalSignals.swift may call the evs_signal_* functions below.
static volatile sig_atomic_t evs_signal_quit_number = 0;
static volatile sig_atomic_t evs_signal_suspend_requested = 0;

// Async-signal-safe: only stores to sig_atomic_t flags; the app loop does the real work.
static inline void evs_signal_handler(int number) {
    if (number == SIGTSTP) {
        evs_signal_suspend_requested = 1;
    } else {
        evs_signal_quit_number = number;
    }
}

// No SA_RESTART, so a blocking key read returns early and the loop sees the flag promptly.
// SIGQUIT quits like SIGTERM: left to the Swift runtime, it is treated as a crash and its
// backtracer writes over the screen.
static inline int evs_signal_install(void) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    sigemptyset(&action.sa_mask);
    action.sa_handler = evs_signal_handler;
    const int numbers[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGTSTP };
    for (unsigned i = 0; i < sizeof numbers / sizeof numbers[0]; i++) {
        if (sigaction(numbers[i], &action, NULL) != 0) return -1;
    }
    return 0;
}
static inline int evs_signal_pending_quit(void) { return (int)evs_signal_quit_number; }
static inline int evs_signal_take_suspend(void) {
    int requested = (int)evs_signal_suspend_requested;
    evs_signal_suspend_requested = 0;
    return requested;
}
#endif
