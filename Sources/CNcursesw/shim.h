// The ncursesw API as Swift can use it. SwiftPM drops pkg-config's -D_XOPEN_SOURCE, so the
// wide-character API is switched on here; macros and C globals Swift cannot import become
// small inline functions.
#ifndef LINEUP_CNCURSESW_SHIM_H
#define LINEUP_CNCURSESW_SHIM_H

#define NCURSES_WIDECHAR 1
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <locale.h>
#include <langinfo.h>
#include <wchar.h>
#include <signal.h>
#include <termios.h>
#include <unistd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ncursesw/curses.h>

static inline attr_t lineup_attr_bold(void) { return A_BOLD; }
static inline attr_t lineup_attr_reverse(void) { return A_REVERSE; }
static inline attr_t lineup_attr_underline(void) { return A_UNDERLINE; }
static inline attr_t lineup_attr_dim(void) { return A_DIM; }
static inline attr_t lineup_attr_normal(void) { return A_NORMAL; }
static inline int lineup_key_f(int n) { return KEY_F(n); }
static inline int lineup_width(WINDOW *w) { return getmaxx(w); }
static inline int lineup_height(WINDOW *w) { return getmaxy(w); }
static inline FILE *lineup_stdout(void) { return stdout; }
static inline FILE *lineup_stdin(void) { return stdin; }
static inline int lineup_wcwidth(wchar_t c) { return wcwidth(c); }
static inline WINDOW *lineup_stdscr(void) { return stdscr; }

// Mouse: clicks, double clicks and the wheel (buttons 4 and 5), decoded here because the
// BUTTONn_* masks are macros. lineup_mouse returns 0 none, 1 click, 2 double click,
// 3 wheel up, 4 wheel down, and the cell in *x, *y.
static inline int lineup_mouse_on(void) {
    mmask_t wanted = BUTTON1_CLICKED | BUTTON1_DOUBLE_CLICKED | BUTTON4_PRESSED
#ifdef BUTTON5_PRESSED
        | BUTTON5_PRESSED
#endif
        ;
    mouseinterval(200);
    return mousemask(wanted, NULL) != 0;
}
static inline int lineup_key_mouse(void) { return KEY_MOUSE; }
static inline int lineup_mouse(int *x, int *y) {
    MEVENT e;
    if (getmouse(&e) != OK) return 0;
    *x = e.x;
    *y = e.y;
    if (e.bstate & BUTTON1_DOUBLE_CLICKED) return 2;
    if (e.bstate & BUTTON1_CLICKED) return 1;
    if (e.bstate & BUTTON4_PRESSED) return 3;
#ifdef BUTTON5_PRESSED
    if (e.bstate & BUTTON5_PRESSED) return 4;
#endif
    return 0;
}

#endif
