/* The BPF programs loaded in the kernel (fentry:bpf:...). */
#ifndef LANTERN_BPF_PROGRAMS_H
#define LANTERN_BPF_PROGRAMS_H

struct bpf_program_ref {
	unsigned int id;
	int fd; /* open for the process: the trampoline's target */
	const char *name;
};

/* The loaded programs whose id matches id_pattern (fnmatch; NULL: any)
 * and whose full name matches name_pattern, in id order, in an array in
 * the arena; their count. None in the front end alone. */
int bpf_programs_matching(const char *id_pattern, const char *name_pattern, struct bpf_program_ref **out);

#endif
