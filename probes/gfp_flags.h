/* GFP allocation flags by name, as the kernel itself prints them (%pGg,
 * the kmem tracepoints' gfp_flags=...): printf's %gr. */
#ifndef LANTERN_GFP_FLAGS_H
#define LANTERN_GFP_FLAGS_H

/* flags as "GFP_KERNEL|__GFP_ZERO" (bits without a name as 0x..., no flag
 * as "0"), in a buffer valid until the next call. */
const char *gfp_flags_text(unsigned long long flags);

#endif
