#include <stdlib.h>

#include "../../compiler/arena.h"
#include "../../compiler/sema.h"
#include "../../grammar/parse.h"
#include "unit.h"

int unit_passed, unit_failed;

static char captured[16384];

const char *front_end(const char *program, int *ok, int argc, char **argv)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);
	diag_set_stream(out);
	diag_reset();
	struct source src = { .name = "-e", .text = program };
	struct params params = { .argv = argv, .argc = argc };
	struct node *ast = parse_program(&src);
	struct program *p = ast ? sema_run(ast, &params) : NULL;
	*ok = p != NULL;
	fclose(out);
	diag_set_stream(NULL);
	snprintf(captured, sizeof(captured), "%s", buf ? buf : "");
	free(buf);
	arena_free_all();
	return captured;
}

const char *parse_dump(const char *program)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);
	diag_set_stream(out);
	diag_reset();
	struct source src = { .name = "-e", .text = program };
	struct node *ast = parse_program(&src);
	if (ast)
		ast_dump(out, ast, 0);
	else
		fputs("PARSE FAILED\n", out);
	fclose(out);
	diag_set_stream(NULL);
	snprintf(captured, sizeof(captured), "%s", buf ? buf : "");
	free(buf);
	arena_free_all();
	return captured;
}

int main(void)
{
	test_lexer();
	test_parser();
	test_diagnostics();
	test_types();
	test_printf_format();
	printf("unit tests: %d passed, %d failed\n", unit_passed, unit_failed);
	const char *results = getenv("RESULTS_FILE");
	if (results) {
		FILE *f = fopen(results, "a");
		if (f) {
			fprintf(f, "unit %d %d 0\n", unit_passed, unit_failed);
			fclose(f);
		}
	}
	return unit_failed ? 1 : 0;
}
