/* Family files (builtins/) and probe types (probes/) keep their back-end
 * code beside their front-end code: a builtin's lowering (LLVM) next to
 * its type rule, a probe type's attach (libbpf, perf) next to its
 * parsing. A front-end-only build (unit tests, the fuzzer:
 * -DLANTERN_FRONT_END_ONLY) compiles them without it, so the front end
 * links without LLVM and libbpf: back-end code sits in
 * #ifndef LANTERN_FRONT_END_ONLY, and BACKEND(fn) names it in a row,
 * NULL in that build. */
#ifndef LANTERN_BACKEND_H
#define LANTERN_BACKEND_H
#include <stddef.h>

#ifdef LANTERN_FRONT_END_ONLY
#define BACKEND(fn) NULL
#else
#define BACKEND(fn) fn
#endif

#endif
