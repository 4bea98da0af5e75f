/* What both unit test binaries share: the counters, the front end run
 * with its diagnostics captured, and the report. */
#include <stdlib.h>

#include "../../compiler/arena.h"
#include "../../compiler/sema.h"
#include "../../grammar/parse.h"
#include "unit.h"

int unit_passed, unit_failed;

static char captured[16384];

/* Runs the front end on program with diagnostics captured; with
 * dump_ast, the AST is written after them; with dump_after, the AST after
 * those passes. Returns what was written. */
static const char *run_captured(const char *program, int argc, char **argv, bool dump_ast, const char *dump_after,
				int *ok)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);
	diag_set_stream(out);
	diag_reset();
	struct source src = { .name = "-e", .text = program };
	struct params params;
	params_from_args(&params, argv, argc);
	struct node *ast = parse_program(&src);
	if (dump_ast) {
		if (ast)
			ast_dump(out, ast, 0);
		else
			fputs("PARSE FAILED\n", out);
	}
	struct sema_options so = { .dump_after = dump_after, .dump_to = out };
	*ok = ast && (dump_ast || sema_run(ast, &params, &so));
	fclose(out);
	diag_set_stream(NULL);
	snprintf(captured, sizeof(captured), "%s", buf ? buf : "");
	free(buf);
	arena_free_all();
	return captured;
}

const char *front_end(const char *program, int *ok, int argc, char **argv)
{
	return run_captured(program, argc, argv, false, NULL, ok);
}

void check_accepted(const char *program)
{
	int ok;
	const char *out = front_end(program, &ok, 0, NULL);
	if (!ok)
		fprintf(stderr, "refused: %s\n%s", program, out);
	CHECK(ok);
}

const char *front_end_dump(const char *program, const char *pass, int *ok)
{
	return run_captured(program, 0, NULL, false, pass, ok);
}

const char *parse_dump(const char *program)
{
	int ok;
	return run_captured(program, 0, NULL, true, NULL, &ok);
}

int unit_report(const char *suite)
{
	printf("%s tests: %d passed, %d failed\n", suite, unit_passed, unit_failed);
	const char *results = getenv("RESULTS_FILE");
	if (results) {
		FILE *f = fopen(results, "a");
		if (f) {
			fprintf(f, "%s %d %d 0\n", suite, unit_passed, unit_failed);
			fclose(f);
		}
	}
	return unit_failed ? 1 : 0;
}
