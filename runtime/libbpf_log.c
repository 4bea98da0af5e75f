#include "libbpf_log.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <bpf/libbpf.h>

#include "../codegen/bpf_image.h"

static char *text;
static size_t len, cap;
static bool echo;

static int capture(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	va_list copy;
	va_copy(copy, ap);
	int n = vsnprintf(NULL, 0, fmt, copy);
	va_end(copy);
	if (n < 0)
		return 0;
	if (len + (size_t)n + 1 > cap) {
		size_t grown = (cap ? cap * 2 : 4096) + (size_t)n;
		char *p = realloc(text, grown);
		if (!p)
			return 0;
		text = p;
		cap = grown;
	}
	vsnprintf(text + len, cap - len, fmt, ap);
	if (echo && level != LIBBPF_DEBUG)
		fputs(text + len, stderr);
	len += (size_t)n;
	return n;
}

void libbpf_log_capture(bool verbose)
{
	echo = verbose;
	libbpf_set_print(capture);
}

const char *libbpf_log_text(void)
{
	return text ? text : "";
}

static bool is_summary(const char *line)
{
	static const char *const prefixes[] = { "processed ", "verification time", "stack depth", "max_states",
						"-- END", "mark_precise", "Validating" };
	for (size_t i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]); i++)
		if (!strncmp(line, prefixes[i], strlen(prefixes[i])))
			return true;
	return false;
}

/* The last line of the log in [begin, end) that is not the statistics
 * summary says why. */
static void reason_in(const char *begin, const char *end, char *reason, int reason_size)
{
	const char *best = NULL;
	size_t best_len = 0;
	for (const char *line = begin; line && line < end;) {
		size_t n = strcspn(line, "\n");
		if (n && !is_summary(line) && line[0] != ';') {
			best = line;
			best_len = n;
		}
		line = line + n + 1;
	}
	if (best)
		snprintf(reason, (size_t)reason_size, "%.*s", (int)best_len, best);
}

int libbpf_log_failed_program(const struct program *p, const char *own_log, char *reason, int reason_size)
{
	const char *t = libbpf_log_text();
	int prog = -1;
	const char *failed = strstr(t, "failed to load");
	/* the program named on that line: libbpf's debug lines before it
	 * name the others (their relocations) */
	const char *line = failed;
	while (line && line > t && line[-1] != '\n')
		line--;
	const char *name = line ? strstr(line, "prog '") : NULL;
	if (!name || name > failed)
		name = strstr(t, "prog '");
	if (name) {
		name += strlen("prog '");
		prog = program_number(p, name, name + strcspn(name, "'\n"));
	}
	snprintf(reason, (size_t)reason_size, "%s", "the kernel refused to load it");
	if (own_log && *own_log) {
		reason_in(own_log, own_log + strlen(own_log), reason, reason_size);
		return prog;
	}
	const char *begin = strstr(t, "-- BEGIN PROG LOAD LOG --");
	const char *end = begin ? strstr(begin, "-- END PROG LOAD LOG --") : NULL;
	if (!begin || !end) {
		/* no verifier log: libbpf's own message is the reason */
		if (failed) {
			const char *line = failed;
			while (line > t && line[-1] != '\n')
				line--;
			size_t n = strcspn(line, "\n");
			snprintf(reason, (size_t)reason_size, "%.*s", (int)n, line);
		}
		return prog;
	}
	reason_in(strchr(begin, '\n') + 1, end, reason, reason_size);
	return prog;
}

/* The verifier's log: lantern's own buffer (log_size) or the part of
 * libbpf's between its markers */
static void log_region(const char *own_log, const char **begin, const char **end)
{
	if (own_log && *own_log) {
		*begin = own_log;
		*end = own_log + strlen(own_log);
		return;
	}
	const char *t = libbpf_log_text();
	*begin = strstr(t, "-- BEGIN PROG LOAD LOG --");
	*end = *begin ? strstr(*begin, "-- END PROG LOAD LOG --") : NULL;
	if (!*end)
		*begin = NULL;
}

/* The verifier logs each instruction it checks as "N: (op) ..."; the
 * last one is where it stopped. */
int libbpf_log_failed_insn(const char *own_log)
{
	const char *begin, *end;
	log_region(own_log, &begin, &end);
	int insn = -1;
	for (const char *line = begin; line && line < end;) {
		char *after;
		long n = strtol(line, &after, 10);
		if (after != line && after[0] == ':' && after[1] == ' ' && after[2] == '(')
			insn = (int)n;
		const char *nl = memchr(line, '\n', (size_t)(end - line));
		line = nl ? nl + 1 : NULL;
	}
	return insn;
}

void libbpf_log_free(void)
{
	free(text);
	text = NULL;
	len = cap = 0;
}
