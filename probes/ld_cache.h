/* Shared libraries by name, as the dynamic loader finds them: uprobe:libc
 * means the libc.so.6 that programs here load. */
#ifndef LANTERN_LD_CACHE_H
#define LANTERN_LD_CACHE_H

/* The path of the first library of this machine's architecture whose
 * name begins with soname_prefix ("libc.so"), from /etc/ld.so.cache, or
 * else from the standard library directories; NULL if there is none.
 * The path is in the arena. */
const char *ld_cache_find(const char *soname_prefix);

#endif
