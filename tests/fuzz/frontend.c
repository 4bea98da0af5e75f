/* libFuzzer target for the front end: any bytes in, parse and check, never
 * a crash. tests/fuzz/run.sh runs it (make fuzz, make check). */
#include "front_end.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text;
	fuzz_front_end(data, size, &text);
	arena_free_all();
	free(text);
	return 0;
}
