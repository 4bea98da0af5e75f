#ifndef LANTERN_LINE_INFO_H
#define LANTERN_LINE_INFO_H
#include <stdbool.h>

#include "../codegen/bpf_image.h"
#include "../compiler/diag.h"

/* The script's place of instruction insn (an index, as the verifier's
 * log counts them) of program prog_name in img, from the object's BTF
 * line info (the statement it was built for). false if it has none. */
bool line_info_place(const struct bpf_image *img, const char *prog_name, int insn, struct loc *out);

#endif
