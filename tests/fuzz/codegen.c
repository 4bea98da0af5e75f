/* libFuzzer target through the whole compiler: any bytes in, parse, check
 * and build the BPF ELF in memory (LLVM, as --dry-run does), never a
 * crash. Nothing is loaded. tests/fuzz/run.sh runs it in make check. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codegen/codegen.h"
#include "compiler/arena.h"
#include "compiler/config.h"
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
	struct program *prog = ast ? sema_run(ast, &params, NULL) : NULL;
	if (prog) {
		struct codegen_options o = {
			.ringbuf_size = 1 << 16,
			.max_map_keys = (int)config_int(CONFIG_MAX_MAP_KEYS),
			.cpu_ids = 4,
			.ncpus = 4,
		};
		struct bpf_image img = { 0 };
		codegen_compile(prog, &o, &img);
		bpf_image_free(&img);
	}
	arena_free_all();
	free(text);
	return 0;
}
