/* Family files (builtins/) and probe types (probes/) keep their back-end
 * code (LLVM lowering, libbpf attach) beside their front-end code. A
 * front-end-only build (unit tests, the fuzzer: -DLANTERN_FRONT_END_ONLY)
 * compiles them without it, so the front end links without LLVM or
 * libbpf; BACKEND(fn) names back-end code in a descriptor. */
#ifndef LANTERN_BACKEND_H
#define LANTERN_BACKEND_H

#ifdef LANTERN_FRONT_END_ONLY
#define BACKEND(fn) NULL
#else
#define BACKEND(fn) fn
#endif

#endif
