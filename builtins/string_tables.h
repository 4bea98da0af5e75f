/* Tables of text the string builtins put in the program's read-only
 * data: errno descriptions (string_tables.c). */
#ifndef LANTERN_STRING_TABLES_H
#define LANTERN_STRING_TABLES_H

#define ERRNO_TEXTS 134 /* errno values 0..ERRNO_TEXTS-1 */
extern const char *const errno_texts[ERRNO_TEXTS];

#endif
