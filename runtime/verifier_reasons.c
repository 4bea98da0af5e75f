/* The verifier's reasons, as a reader of the script can act on them: its
 * own words first, then what they mean, for the messages scripts meet.
 * A table row per message; the kernel's wording is matched by prefix or
 * substring. */
#include "verifier_reasons.h"

#include <stdio.h>
#include <string.h>

static const struct {
	const char *says;    /* a substring of the verifier's message */
	const char *meaning; /* in plain words */
} reasons[] = {
	{ "jumps is too complex", "the program has more paths than the verifier follows (8,192 branches pending): a "
				  "loop with many paths, or a very long probe; bound the loop (for ($i : 0..N)), branch "
				  "less, or split the probe" },
	{ "back-edge from insn", "a loop the verifier cannot prove ends; bound it (for ($i : 0..N), unroll(N))" },
	{ "infinite loop detected", "a loop that never ends" },
	{ "BPF program is too large", "the program has more instructions than the verifier checks (1 million); split the work or loop less" },
	{ "program is too large", "the program has more instructions than the verifier checks; split the work or loop less" },
	{ "cannot be patched due to 16-bit range", "the program grew, as the kernel expanded it, past what BPF's 16-bit "
						   "jumps reach, which takes BPF's v4 long jumps (Linux 6.6, and not "
						   "--no-feature bpf_v4); put fewer statements under one if or loop, "
						   "or split the probe" },
	{ "combined stack size", "the program and its callbacks use more than 512 bytes of stack" },
	{ "stack size", "the program uses more than 512 bytes of stack" },
	{ "cannot use helper bpf_probe_write_user", "this kernel does not let BPF programs write user memory here "
						    "(lockdown, or a kernel built without it)" },
	{ "cannot use helper", "this helper is not allowed in this probe type" },
	{ "unknown func bpf_override_return", "this kernel has no bpf_override_return: override() needs a kernel "
					      "built with CONFIG_BPF_KPROBE_OVERRIDE" },
	{ "unknown func", "this helper is not allowed in this probe type" },
	/* the helpers that say so have an allowlist: of lantern's, bpf_d_path */
	{ "helper call is not allowed in probe", "helper bpf_d_path not allowed in probe: path() works only in "
						 "iterators and in the functions of the kernel's btf_allowlist_d_path" },
	{ "type=scalar expected=ptr_", "path(), socket_cookie() and skboutput() take a kernel object the verifier "
				       "knows the type of: a probe's typed argument, or a member of one, not a value "
				       "kept in a variable or read by a probe read" },
	/* socket_cookie's: "expected=sock_common, sock, tcp_sock, xdp_sock, ptr_, ..." */
	{ "type=scalar expected=sock_common", "socket_cookie() takes a socket the verifier knows the type of: a "
					      "probe's typed argument, or a member of one, not a value kept in a "
					      "variable or read by a probe read" },
	{ "invalid mem access 'scalar'", "a plain number is used as a pointer without a probe read" },
	{ "invalid mem access 'map_value_or_null'", "a map element is used without checking it exists" },
	{ "invalid access to map value", "an index past the end of a map's value" },
	{ "invalid access to packet", "a read past the packet's checked length" },
	{ "invalid indirect read from stack", "a buffer on the stack is read before it is written" },
	{ "min value is negative", "a length or index that may be negative; make it unsigned or check it" },
	{ "unbounded memory access", "a length or index the verifier cannot bound; check it against a constant" },
	{ "R0 !read_ok", "the program does not return a value" },
	{ "cannot call GPL-restricted function", "this helper needs a GPL-compatible license (config = { license = \"GPL\" })" },
	{ "sleepable", "this helper may sleep, which this probe type does not allow" },
	{ "too many states", "the program has more paths than the verifier follows; branch less" },
};

void verifier_reason_explain(const char *reason, char *out, int size)
{
	for (size_t i = 0; i < sizeof(reasons) / sizeof(reasons[0]); i++) {
		if (strstr(reason, reasons[i].says)) {
			snprintf(out, (size_t)size, "%s (%s)", reasons[i].meaning, reason);
			return;
		}
	}
	snprintf(out, (size_t)size, "%s", reason);
}
