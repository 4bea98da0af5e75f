/* The front end's unit tests. This binary links without libbpf and LLVM
 * (the Makefile gives it neither): if it links, the front end does not
 * reach into the back end. */
#include "unit.h"

int main(void)
{
	test_lexer();
	test_parser();
	test_macros();
	test_diagnostics();
	test_types();
	test_printf_format();
	test_probes();
	test_uprobe();
	test_usdt();
	test_dwarf();
	test_shape();
	test_config();
	test_cdefs();
	return unit_report("unit");
}
