#include "source.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Up to MAX_SCRIPT_BYTES + 1 bytes of f, NUL-terminated, or NULL. */
static char *read_limited(FILE *f, size_t *len)
{
	size_t cap = 4096, n;
	char *buf = malloc(cap);
	*len = 0;
	while (buf && (n = fread(buf + *len, 1, cap - *len - 1, f)) > 0) {
		*len += n;
		if (*len > MAX_SCRIPT_BYTES)
			break;
		if (cap - *len < 2) {
			char *grown = realloc(buf, cap * 2);
			if (!grown) {
				free(buf);
				return NULL;
			}
			buf = grown;
			cap *= 2;
		}
	}
	if (buf)
		buf[*len] = 0;
	return buf;
}

/* Line and column of byte at in text. */
static struct loc loc_of(int source, const char *text, size_t at)
{
	struct loc l = { source, 1, 1, 1, 1 };
	for (size_t i = 0; i < at; i++) {
		if (text[i] == '\n') {
			l.line++;
			l.col = 1;
		} else {
			l.col++;
		}
	}
	l.end_line = l.line;
	l.end_col = l.col;
	return l;
}

int source_read(const char *path, struct source *out)
{
	bool is_stdin = !strcmp(path, "-");
	*out = (struct source){ .name = is_stdin ? "stdin" : path };
	FILE *f = is_stdin ? stdin : fopen(path, "r");
	struct stat st;
	if (!f) {
		diag_plain_error("failed to open file '%s': %s", path, strerror(errno));
		return -1;
	}
	if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
		diag_plain_error("cannot read %s: it is a directory", path);
		if (!is_stdin)
			fclose(f);
		return -1;
	}
	size_t len;
	char *text = read_limited(f, &len);
	bool failed = ferror(f);
	if (!is_stdin)
		fclose(f);
	if (!text || failed) {
		diag_plain_error("cannot read %s: %s", out->name, text ? strerror(errno) : "out of memory");
		free(text);
		return -1;
	}
	if (len > MAX_SCRIPT_BYTES) {
		diag_plain_error("%s is larger than a script may be (%d bytes)", out->name, MAX_SCRIPT_BYTES);
		free(text);
		return -1;
	}
	out->text = text;
	size_t nul = strlen(text);
	if (nul < len) { /* the rest would be silently ignored */
		diag_error(loc_of(diag_add_source(out), text, nul), "the script holds a NUL byte here; scripts are text");
		free(text);
		out->text = NULL;
		return -1;
	}
	return 0;
}
