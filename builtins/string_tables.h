/* Tables of text the string builtins put in the program's read-only
 * data: errno descriptions (string_tables.c), system call names
 * (syscall_names.c). */
#ifndef LANTERN_STRING_TABLES_H
#define LANTERN_STRING_TABLES_H

#define ERRNO_TEXTS 134 /* errno values 0..ERRNO_TEXTS-1 */
extern const char *const errno_texts[ERRNO_TEXTS];
#define SYSCALL_TEXTS 548 /* system call numbers 0..SYSCALL_TEXTS-1 (x86_64's x32 ones end at 547) */
extern const char *const syscall_texts[SYSCALL_TEXTS];

#endif
