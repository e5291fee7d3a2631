#ifndef EVSCOPE_CNCURSESW_SHIM_H
#define EVSCOPE_CNCURSESW_SHIM_H
// SwiftPM drops pkg-config's -D flags, so the wide-character API is switched on here.
#define NCURSES_WIDECHAR 1
#define _XOPEN_SOURCE_EXTENDED 1
#include <locale.h>
#include <langinfo.h>
#include <ncursesw/curses.h>

// Macros and globals Swift cannot import (or rejects under strict concurrency).
static inline WINDOW *evs_stdscr(void) { return stdscr; }
static inline int evs_lines(void) { return LINES; }
static inline int evs_cols(void) { return COLS; }
static inline int evs_colors(void) { return COLORS; }
static inline int evs_color_pairs(void) { return COLOR_PAIRS; }
static inline attr_t evs_a_bold(void) { return A_BOLD; }
static inline attr_t evs_a_underline(void) { return A_UNDERLINE; }
static inline attr_t evs_a_reverse(void) { return A_REVERSE; }
static inline attr_t evs_a_dim(void) { return A_DIM; }
static inline attr_t evs_a_normal(void) { return A_NORMAL; }
static inline int evs_key_resize(void) { return KEY_RESIZE; }
static inline void evs_getmaxyx(WINDOW *w, int *y, int *x) { int yy, xx; getmaxyx(w, yy, xx); *y = yy; *x = xx; }
#endif
