#ifndef LANTERN_VERIFIER_REASONS_H
#define LANTERN_VERIFIER_REASONS_H

/* reason, the verifier's last message, in plain words where lantern knows
 * them, the verifier's own in parentheses; else as it is. */
void verifier_reason_explain(const char *reason, char *out, int size);

#endif
