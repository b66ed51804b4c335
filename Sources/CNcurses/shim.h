#ifndef SDW_CNCURSES_SHIM_H
#define SDW_CNCURSES_SHIM_H
// The wide-character API (mvwaddnwstr, wget_wch, cchar_t) only exists with this defined first.
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <pthread.h>
#include <langinfo.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include <ncursesw/curses.h>

// Swift imports neither function-like macros nor (under strict concurrency) mutable C globals,
// so the few the terminal backend needs are wrapped here.

// MARK: Globals

static inline WINDOW *sdw_stdscr(void) { return stdscr; }
static inline int sdw_colors(void) { return COLORS; }
static inline int sdw_color_pairs(void) { return COLOR_PAIRS; }
static inline FILE *sdw_stdin(void) { return stdin; }
static inline FILE *sdw_stdout(void) { return stdout; }

// MARK: Attributes

static inline attr_t sdw_a_normal(void) { return A_NORMAL; }
static inline attr_t sdw_a_bold(void) { return A_BOLD; }
static inline attr_t sdw_a_dim(void) { return A_DIM; }
static inline attr_t sdw_a_reverse(void) { return A_REVERSE; }
static inline attr_t sdw_a_underline(void) { return A_UNDERLINE; }
static inline attr_t sdw_a_attributes(void) { return A_ATTRIBUTES; }
static inline attr_t sdw_a_color(void) { return A_COLOR; }

// MARK: Keys and mouse

static inline int sdw_key_f(int n) { return KEY_F(n); }

static inline mmask_t sdw_button1_pressed(void) { return BUTTON1_PRESSED; }
static inline mmask_t sdw_button1_released(void) { return BUTTON1_RELEASED; }
static inline mmask_t sdw_button1_clicked(void) { return BUTTON1_CLICKED; }
static inline mmask_t sdw_button1_double_clicked(void) { return BUTTON1_DOUBLE_CLICKED; }
static inline mmask_t sdw_button1_triple_clicked(void) { return BUTTON1_TRIPLE_CLICKED; }
static inline mmask_t sdw_button4_pressed(void) { return BUTTON4_PRESSED; }
static inline mmask_t sdw_button5_pressed(void) { return BUTTON5_PRESSED; }
static inline mmask_t sdw_report_mouse_position(void) { return REPORT_MOUSE_POSITION; }

// MARK: Terminal modes

/// Turns off XON/XOFF flow control and literal-next (IEXTEN) so Ctrl-S, Ctrl-Q, Ctrl-V and Ctrl-O
/// reach the program as keys; ISIG stays on so Ctrl-C and Ctrl-Z still raise signals.
/// Returns 0 on success, -1 when `fd` is not a terminal.
static inline int sdw_disable_flow_control(int fd) {
    struct termios modes;
    if (tcgetattr(fd, &modes) != 0) return -1;
    modes.c_iflag &= ~(tcflag_t)(IXON | IXOFF);
    modes.c_lflag &= ~(tcflag_t)IEXTEN;
    return tcsetattr(fd, TCSANOW, &modes);
}

/// Columns a character takes (glibc declares wcwidth only under _XOPEN_SOURCE, which Swift's Glibc module lacks).
extern int wcwidth(wchar_t);
static inline int sdw_wcwidth(wchar_t character) { return wcwidth(character); }
/* A parent (a test runner, a supervisor) may start us with signals blocked or ignored; both are inherited
   across exec. Unblock the ones the workbench relies on and give SIGWINCH back its default so ncurses
   installs its resize handler. */
static inline void sdw_unblock_ui_signals(void) {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT); sigaddset(&set, SIGTERM); sigaddset(&set, SIGHUP);
    sigaddset(&set, SIGTSTP); sigaddset(&set, SIGCONT); sigaddset(&set, SIGWINCH);
    sigprocmask(SIG_UNBLOCK, &set, NULL);
    struct sigaction current;
    if (sigaction(SIGWINCH, NULL, &current) == 0 && current.sa_handler == SIG_IGN) signal(SIGWINCH, SIG_DFL);
}
/* One complex character (a single spacing wchar) with attributes and colour pair. */
static inline cchar_t sdw_cchar(wchar_t character, attr_t attributes, short pair) {
    cchar_t cell;
    wchar_t text[2] = { character, 0 };
    setcchar(&cell, text, attributes, pair, NULL);
    return cell;
}

/// 1 when the current LC_CTYPE encodes UTF-8.
static inline int sdw_locale_is_utf8(void) {
    const char *codeset = nl_langinfo(CODESET);
    return codeset != NULL && (strcmp(codeset, "UTF-8") == 0 || strcmp(codeset, "utf8") == 0);
}

// MARK: Signals
//
// The flags are `static`, so every object file that uses these functions gets its own copy:
// call them from Sources/Terminal/Signals.swift only (one object file), never from elsewhere.

static volatile sig_atomic_t sdw_signal_terminate = 0;  // SIGINT, SIGTERM or SIGHUP number; 0 = none
static volatile sig_atomic_t sdw_signal_suspend = 0;    // SIGTSTP seen
static volatile sig_atomic_t sdw_signal_resumed = 0;    // SIGCONT seen

static inline void sdw_on_signal(int signal_number) {
    switch (signal_number) {
    case SIGTSTP: sdw_signal_suspend = 1; break;
    case SIGCONT: sdw_signal_resumed = 1; break;
    default: sdw_signal_terminate = signal_number; break;
    }
}

/// Installs `sdw_on_signal` for `signal_number` without SA_RESTART, so a blocking read returns early.
static inline int sdw_install_signal_handler(int signal_number) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = sdw_on_signal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = 0;
    return sigaction(signal_number, &action, NULL);
}

/// Restores the default disposition of `signal_number`.
static inline int sdw_default_signal_handler(int signal_number) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = SIG_DFL;
    sigemptyset(&action.sa_mask);
    return sigaction(signal_number, &action, NULL);
}

/// Stops the process with SIGTSTP's default action (the caller has reset it to SIG_DFL), returning once
/// continued. SIGTSTP is unblocked on this thread meanwhile, so the stop happens here and now even
/// when called from a thread that blocks signals.
static inline void sdw_stop_process(void) {
    sigset_t tstp, previous;
    sigemptyset(&tstp);
    sigaddset(&tstp, SIGTSTP);
    pthread_sigmask(SIG_UNBLOCK, &tstp, &previous);
    raise(SIGTSTP);
    pthread_sigmask(SIG_SETMASK, &previous, NULL);
}

/// Read-and-clear; the exchange is atomic, so a signal arriving meanwhile is never lost.
static inline int sdw_take_terminate_signal(void) {
    return __atomic_exchange_n(&sdw_signal_terminate, 0, __ATOMIC_SEQ_CST);
}
static inline int sdw_take_suspend_request(void) {
    return __atomic_exchange_n(&sdw_signal_suspend, 0, __ATOMIC_SEQ_CST);
}
static inline int sdw_take_resumed(void) {
    return __atomic_exchange_n(&sdw_signal_resumed, 0, __ATOMIC_SEQ_CST);
}

#endif
