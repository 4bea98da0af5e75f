/* Running the -c command: fork, wait on a pipe, exec. */
#include "child.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sched.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../compiler/arena.h"

extern char **environ;

#define STOP_GRACE_MS 1000

static bool is_program(const char *path)
{
	struct stat st;
	return !stat(path, &st) && S_ISREG(st.st_mode) && !access(path, X_OK);
}

static const char *find_program(const char *name)
{
	if (strchr(name, '/'))
		return is_program(name) ? name : NULL;
	const char *path_var = getenv("PATH");
	char *dirs = arena_strdup(path_var ? path_var : "/usr/local/bin:/usr/bin:/bin"), *save = NULL;
	for (char *dir = strtok_r(dirs, ":", &save); dir; dir = strtok_r(NULL, ":", &save)) {
		const char *path = arena_printf("%s/%s", dir, name);
		if (is_program(path))
			return path;
	}
	return NULL;
}

char **child_parse(const char *cmd, const char **exe)
{
	char *words = arena_strdup(cmd), *save = NULL;
	char **argv = NULL;
	int n = 0, cap = 0;
	for (char *w = strtok_r(words, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
		argv = arena_grow(argv, n, &cap, sizeof(*argv));
		argv[n++] = w;
	}
	if (!n) {
		fprintf(stderr, "ERROR: -c needs a command to run\n");
		return NULL;
	}
	argv = arena_grow(argv, n, &cap, sizeof(*argv));
	argv[n] = NULL;
	*exe = find_program(argv[0]);
	if (!*exe) {
		fprintf(stderr, "ERROR: -c: '%s' %s\n", argv[0],
			strchr(argv[0], '/') ? "is not an executable file" : "is not a program in $PATH");
		return NULL;
	}
	return argv;
}

int child_start(struct child *c, const char *exe, char **argv)
{
	int pipefd[2];
	*c = (struct child){ .pid = -1, .go_fd = -1, .pidfd = -1 };
	if (pipe2(pipefd, O_CLOEXEC)) {
		fprintf(stderr, "ERROR: -c: cannot make a pipe: %s\n", strerror(errno));
		return -1;
	}
	fflush(NULL); /* nothing buffered is written twice */
	pid_t pid = fork();
	if (pid < 0) {
		fprintf(stderr, "ERROR: -c: cannot fork: %s\n", strerror(errno));
		close(pipefd[0]);
		close(pipefd[1]);
		return -1;
	}
	if (pid == 0) {
		/* if lantern dies, the command goes too */
		prctl(PR_SET_PDEATHSIG, SIGTERM);
		close(pipefd[1]);
		char go;
		if (read(pipefd[0], &go, 1) != 1)
			_exit(0); /* lantern gave up: run nothing */
		execve(exe, argv, environ);
		fprintf(stderr, "ERROR: -c: cannot run %s: %s\n", exe, strerror(errno));
		_exit(127);
	}
	close(pipefd[0]);
	c->pid = pid;
	c->go_fd = pipefd[1];
	c->pidfd = (int)syscall(SYS_pidfd_open, pid, 0);
	return 0;
}

/* A traced child's stop, as ptrace(2) tells them apart: its exit (its
 * maps are read, then it goes on), a group stop (it stays stopped, as
 * untraced, until a SIGCONT), its end, or a signal for it (passed on). */
static void serve_stop(struct child *c, int status)
{
	int sig = WSTOPSIG(status), event = status >> 16;
	if (event == PTRACE_EVENT_EXIT) {
		if (c->at_exit)
			c->at_exit(c->pid);
		c->at_exit = NULL;
		ptrace(PTRACE_CONT, c->pid, NULL, NULL);
	} else if (event == PTRACE_EVENT_STOP && sig != SIGTRAP) {
		/* a group stop (SIGSTOP, SIGTSTP...): stopped until SIGCONT */
		ptrace(PTRACE_LISTEN, c->pid, NULL, NULL);
	} else if (event) {
		/* the SIGCONT that ends the group stop */
		ptrace(PTRACE_CONT, c->pid, NULL, NULL);
	} else {
		ptrace(PTRACE_CONT, c->pid, NULL, (void *)(long)sig);
	}
}

/* The tracer of a traced child is this thread (ptrace's tracer is a
 * thread, and it alone may wait for the tracee's stops): it seizes the
 * child, then waits on it and serves each stop at once, so the child
 * never waits on lantern's event loop; it reaps the child at its end. */
static void *watch_child(void *arg)
{
	struct child *c = arg;
	/* PTRACE_SEIZE stops it only where asked (its exit) and for its
	 * signals; EXITKILL: it does not outlive lantern stopped */
	bool seized = !ptrace(PTRACE_SEIZE, c->pid, NULL, (void *)(long)(PTRACE_O_TRACEEXIT | PTRACE_O_EXITKILL));
	atomic_store(&c->watching, seized ? 1 : -1);
	if (!seized)
		return NULL;
	for (;;) {
		int status;
		pid_t r = waitpid(c->pid, &status, __WALL);
		if (r < 0 && errno == EINTR)
			continue;
		if (r > 0 && WIFSTOPPED(status)) {
			serve_stop(c, status);
			continue;
		}
		break; /* its end, or no such child any more */
	}
	atomic_store(&c->ended, true);
	return NULL;
}

void child_release(struct child *c, void (*at_exit)(int pid))
{
	if (c->go_fd < 0)
		return;
	if (at_exit) {
		c->at_exit = at_exit;
		if (pthread_create(&c->watcher, NULL, watch_child, c) == 0) {
			while (!atomic_load(&c->watching)) /* the seize: microseconds */
				sched_yield();
			c->traced = atomic_load(&c->watching) > 0;
			if (!c->traced) /* refused (already traced, say): it runs untraced */
				pthread_join(c->watcher, NULL);
		}
	}
	if (write(c->go_fd, "g", 1) != 1)
		fprintf(stderr, "ERROR: -c: cannot start the command: %s\n", strerror(errno));
	close(c->go_fd);
	c->go_fd = -1;
}

bool child_exited(struct child *c)
{
	if (c->reaped)
		return true;
	if (c->traced) { /* the watcher reaps it */
		if (!atomic_load(&c->ended))
			return false;
		pthread_join(c->watcher, NULL);
		c->traced = false;
		c->reaped = true;
		return true;
	}
	int status;
	pid_t r;
	while ((r = waitpid(c->pid, &status, WNOHANG)) < 0 && errno == EINTR)
		;
	/* an error means there is no such child any more */
	c->reaped = r != 0;
	return c->reaped;
}

/* Waits up to ms for it to end; whether it did. */
static bool ended_within(struct child *c, int ms)
{
	for (int waited = 0;; waited += 10) {
		if (child_exited(c))
			return true;
		if (waited >= ms)
			return false;
		if (c->pidfd >= 0) {
			struct pollfd p = { .fd = c->pidfd, .events = POLLIN };
			poll(&p, 1, 10); /* EINTR: looked at again */
		} else {
			usleep(10000);
		}
	}
}

void child_stop(struct child *c)
{
	if (c->pid <= 0)
		return;
	bool released = c->go_fd < 0;
	if (!released) {
		close(c->go_fd);
		c->go_fd = -1;
	}
	/* SIGTERM, then SIGKILL after the grace (a traced child's watcher
	 * passes the SIGTERM on, and reaps it) */
	if (released && !child_exited(c)) {
		kill(c->pid, SIGTERM);
		if (!ended_within(c, STOP_GRACE_MS)) {
			kill(c->pid, SIGKILL);
			ended_within(c, 60 * 1000);
		}
	}
	while (!c->reaped && waitpid(c->pid, NULL, 0) < 0 && errno == EINTR)
		;
	c->reaped = true;
	if (c->pidfd >= 0)
		close(c->pidfd);
	c->pidfd = -1;
}
