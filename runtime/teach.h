#ifndef LANTERN_TEACH_H
#define LANTERN_TEACH_H
#include <stdio.h>

#include "../codegen/bpf_image.h"

struct bpf_object;
struct bpf_program;

/* -d asm once loaded: each program of p (progs by probe id, loaded from
 * obj, made from img) as the kernel verified it, under its statements. */
void teach_programs(FILE *out, struct bpf_object *obj, struct bpf_program *const *progs, const struct program *p,
		    const struct bpf_image *img);

#endif
