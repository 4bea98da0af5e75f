/* libFuzzer target for the front end: any bytes in, parse and check, never
 * a crash. `make fuzz` builds and runs it. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compiler/arena.h"
#include "compiler/sema.h"
#include "grammar/parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static FILE *devnull;
	if (!devnull)
		devnull = fopen("/dev/null", "w");
	char *text = malloc(size + 1);
	memcpy(text, data, size);
	text[size] = 0;
	diag_set_stream(devnull);
	diag_reset();
	struct source src = { .name = "fuzz", .text = text };
	char *argv[] = { "1", "two" };
	struct params params = { .argv = argv, .argc = 2 };
	struct node *ast = parse_program(&src);
	if (ast)
		sema_run(ast, &params, NULL);
	arena_free_all();
	free(text);
	return 0;
}
