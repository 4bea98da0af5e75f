/* libbpf's messages, captured rather than printed: most are noise to a
 * user, but when the kernel rejects a program the verifier's log is in
 * them, and we turn it into a readable reason. */
#ifndef LANTERN_LIBBPF_LOG_H
#define LANTERN_LIBBPF_LOG_H
#include <stdbool.h>

struct program;

void libbpf_log_capture(bool verbose);
/* The captured text so far (owned by the capture). */
const char *libbpf_log_text(void);
/* From a failed load: the program of p that failed (its instance's id,
 * from the program's name, or -1) and the verifier's last meaningful line, written into reason. The
 * log is in libbpf's messages, or in own_log (NULL: none) when lantern
 * gave libbpf the buffer (log_size): libbpf then does not print it. */
int libbpf_log_failed_program(const struct program *p, const char *own_log, char *reason, int reason_size);
void libbpf_log_free(void);

/* The instruction index (as the verifier counts them) it rejected the
 * program at, from the log of a failed load; -1 if it names none. */
int libbpf_log_failed_insn(const char *own_log);

#endif
