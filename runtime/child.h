/* -c CMD: the command lantern runs. It is forked before the script is
 * compiled (cpid is then a constant, and its pid is known when uprobes
 * attach) and waits on a pipe before its exec, so the probes are in place
 * before its first instruction. Closing the pipe unwritten (lantern
 * failed, or exit() ran in BEGIN) makes it exit without running. */
#ifndef LANTERN_CHILD_H
#define LANTERN_CHILD_H
#include <pthread.h>
#include <stdbool.h>

struct child {
	int pid;
	int go_fd;  /* the pipe's write end; -1 once written or closed */
	int pidfd;  /* readable once it exits; -1 if the kernel has none */
	bool reaped;
	/* ptrace'd for its exit alone (child_release's at_exit) by a thread
	 * of its own (child.c's watch_child): stopped there, its memory still
	 * mapped, at_exit(pid) runs on that thread, then it goes on; its
	 * signals are passed on to it as they come */
	bool traced;
	void (*at_exit)(int pid);
	pthread_t watcher;
	_Atomic int watching; /* 0: seizing, 1: traced, -1: refused */
	_Atomic bool ended;   /* the watcher reaped it */
};

/* The command's words, split at spaces as bpftrace splits them, and its
 * program: argv[0] itself if it has a '/', else found in $PATH. NULL
 * argv after an error message. Strings are in the arena. */
char **child_parse(const char *cmd, const char **exe);
/* Forks the child, waiting before execve(exe, argv). Returns 0, or -1
 * after an error message. */
int child_start(struct child *c, const char *exe, char **argv);
/* Lets it run. With at_exit, it is traced to call at_exit(pid) when it
 * exits by itself, before the kernel unmaps its memory (its ustacks are
 * symbolized from its maps then); a kernel that refuses runs it untraced. */
void child_release(struct child *c, void (*at_exit)(int pid));
/* Whether it has exited (reaped then, without waiting). */
bool child_exited(struct child *c);
/* Ends it if it still runs (unreleased: by closing the pipe; else
 * SIGTERM, and SIGKILL after a second) and reaps it. */
void child_stop(struct child *c);

#endif
