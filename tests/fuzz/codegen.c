/* libFuzzer target through the whole compiler: any bytes in, parse, check
 * and build the BPF ELF in memory (LLVM, as --dry-run does), never a
 * crash. Nothing is loaded. tests/fuzz/run.sh runs it in make check. */
#include "codegen/codegen.h"
#include "compiler/config.h"
#include "front_end.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text;
	struct program *prog = fuzz_front_end(data, size, &text);
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
