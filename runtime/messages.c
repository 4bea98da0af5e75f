/* The events whose text the runtime makes when it takes them, as
 * bpftrace's async actions: cat() reads the file its format names (up to
 * max_cat_bytes), system() runs the command and takes its output (it
 * blocks the events behind it, as in bpftrace), join() puts the strings
 * the kernel read together. */
#include "events.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The printf-style text of a's record: a path, a command. */
static char *format_text(const struct event_state *st, const struct async_call *a, const unsigned char *rec)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	if (!f)
		return NULL;
	output_write_printf(f, st->prog, a, rec);
	fclose(f);
	return text;
}

void event_cat(struct event_state *st, const struct async_call *a, const unsigned char *rec)
{
	char *path = format_text(st, a, rec);
	if (!path)
		return;
	FILE *f = fopen(path, "re");
	if (!f) {
		fprintf(st->out->err, "ERROR: failed to open file '%s' (%s)\n", path, strerror(errno));
		free(path);
		return;
	}
	size_t max = (size_t)st->max_cat_bytes, n = 0;
	char *buf = malloc(max + 1);
	while (buf && n < max) {
		size_t got = fread(buf + n, 1, max - n, f);
		if (!got)
			break;
		n += got;
	}
	if (buf && ferror(f))
		fprintf(st->out->err, "ERROR: failed to read file '%s' (%s)\n", path, strerror(errno));
	else if (buf)
		st->out->ops->message(st->out, MESSAGE_CAT, buf, n);
	fclose(f);
	free(buf);
	free(path);
}

void event_system(struct event_state *st, const struct async_call *a, const unsigned char *rec)
{
	char *cmd = format_text(st, a, rec);
	if (!cmd)
		return;
	fflush(NULL); /* what was printed before comes before what it prints */
	FILE *p = popen(cmd, "re");
	if (!p) {
		fprintf(st->out->err, "ERROR: system(): cannot run '%s': %s\n", cmd, strerror(errno));
		free(cmd);
		return;
	}
	char *text = NULL;
	size_t len = 0, cap = 0;
	char chunk[4096];
	size_t got;
	while ((got = fread(chunk, 1, sizeof chunk, p)) > 0) {
		if (len + got > cap) {
			cap = (len + got) * 2;
			char *grown = realloc(text, cap);
			if (!grown)
				break;
			text = grown;
		}
		memcpy(text + len, chunk, got);
		len += got;
	}
	pclose(p);
	st->out->ops->message(st->out, MESSAGE_SYSTEM, text ? text : "", len);
	free(text);
	free(cmd);
}

void event_join(struct event_state *st, const struct async_call *a, const unsigned char *rec)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	if (!f)
		return;
	for (int i = 0; i < JOIN_ARGS; i++) {
		const char *arg = (const char *)rec + ASYNC_HEADER_SIZE + i * JOIN_ARG_SIZE;
		if (!arg[0])
			break;
		if (i)
			fputs(a->join_sep, f);
		fwrite(arg, 1, strnlen(arg, JOIN_ARG_SIZE), f);
	}
	fclose(f);
	st->out->ops->message(st->out, MESSAGE_JOIN, text, len);
	free(text);
}
