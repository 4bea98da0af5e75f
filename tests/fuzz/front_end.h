/* What both fuzz targets do first: the input as a script, parsed and
 * checked with messages going nowhere. Returns the checked program, or
 * NULL; *text is the script (freed by the caller, after arena_free_all). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compiler/arena.h"
#include "compiler/sema.h"
#include "grammar/parse.h"

static struct program *fuzz_front_end(const uint8_t *data, size_t size, char **text)
{
	static FILE *devnull;
	if (!devnull)
		devnull = fopen("/dev/null", "w");
	*text = malloc(size + 1);
	memcpy(*text, data, size);
	(*text)[size] = 0;
	diag_set_stream(devnull);
	diag_reset();
	static struct source src;
	src = (struct source){ .name = "fuzz", .text = *text };
	static char *argv[] = { "1", "two" };
	static struct params params = { .argv = argv, .argc = 2 };
	struct node *ast = parse_program(&src);
	return ast ? sema_run(ast, &params, NULL) : NULL;
}
