/* The permacoop command: the FastCGI master and its workers, and migrate. */
#define _GNU_SOURCE /* strsignal */
#include <sys/types.h>
#include <sys/prctl.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>

#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <fcgiapp.h>

#include "app.h"
#include "config.h"
#include "db.h"
#include "http.h"
#include "log.h"
#include "migrate.h"
#include "view.h"

/* Workers still busy this long after SIGTERM get SIGKILL. */
#define STOP_TIMEOUT_MS 10000
/* Minimum time between two starts of the same worker slot. */
#define RESTART_INTERVAL_MS 1000
#define SLOW_REQUEST_MS     1000

#define TOO_LARGE_MESSAGE \
	"Le formulaire envoyé dépasse la taille maximale d'un mégaoctet."
#define UNSUPPORTED_TYPE_MESSAGE \
	"Le contenu envoyé n'est pas un formulaire de l'application. " \
	"Rechargez la page puis envoyez le formulaire de nouveau."

struct worker {
	pid_t pid; /* 0 while the slot waits */
	long started_ms;
	long restart_ms; /* when a waiting slot starts */
};

static struct worker *workers;
static int listen_fd = -1;
static pid_t master_pid;

/* Worker state read by its SIGTERM handler. */
static volatile sig_atomic_t worker_busy;
static volatile sig_atomic_t worker_stopping;

static long
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

static void
request_id_generate(char id[17])
{
	unsigned char bytes[8];
	size_t i;

	if (getrandom(bytes, sizeof(bytes), 0) != (ssize_t)sizeof(bytes)) {
		long fallback = now_ms() ^ ((long)getpid() << 20);

		memcpy(bytes, &fallback, sizeof(bytes));
	}
	for (i = 0; i < sizeof(bytes); i++)
		snprintf(id + i * 2, 3, "%02x", bytes[i]);
}

static void
serve_request(FCGX_Request *fcgi)
{
	struct request req;
	struct response res;
	long start, elapsed;
	int status;

	start = now_ms();
	memset(&req, 0, sizeof(req));
	http_response_init(&res);
	request_id_generate(req.id);
	log_set_request_id(req.id);

	status = http_request_read(&req, fcgi);
	if (status == 413)
		page_error(&req, &res, status, TOO_LARGE_MESSAGE);
	else if (status == 415)
		page_error(&req, &res, status, UNSUPPORTED_TYPE_MESSAGE);
	else if (status != 0)
		page_error(&req, &res, status, NULL);
	else
		app_dispatch(&req, &res);
	http_send(&req, &res);

	elapsed = now_ms() - start;
	if (elapsed >= SLOW_REQUEST_MS)
		log_warn("slow request: %s %s: status %d in %ld ms", req.method,
		    req.path, res.status, elapsed);
	else
		log_debug("%s %s: status %d in %ld ms", req.method, req.path,
		    res.status, elapsed);

	if (req.user != NULL)
		user_free(req.user);
	http_request_free(&req);
	http_response_free(&res);
	log_set_request_id(NULL);
}

/*
 * An idle worker stops at once. A busy one finishes its request and reads
 * the flag after it; SA_RESTART keeps the signal from failing the reads
 * and writes of that request with EINTR.
 */
static void
worker_on_sigterm(int sig)
{
	(void)sig;
	worker_stopping = 1;
	if (!worker_busy)
		_exit(0);
}

static void
worker_signals(void)
{
	struct sigaction sa;
	sigset_t none;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = worker_on_sigterm;
	sa.sa_flags = SA_RESTART;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	/* Ctrl-C in a terminal reaches the whole process group, so workers
	 * ignore SIGINT and the master alone decides how they stop. */
	signal(SIGINT, SIG_IGN);
	signal(SIGCHLD, SIG_DFL);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);

	/* A worker whose master died stops instead of serving alone. */
	prctl(PR_SET_PDEATHSIG, SIGTERM);
	if (getppid() != master_pid)
		_exit(0);
}

static void __attribute__((noreturn)) worker_run(void)
{
	FCGX_Request fcgi;
	int rc;

	worker_signals();
	if (FCGX_Init() != 0 || FCGX_InitRequest(&fcgi, listen_fd, 0) != 0) {
		log_error("worker: FastCGI initialisation failed");
		_exit(1);
	}
	while (!worker_stopping) {
		if ((rc = FCGX_Accept_r(&fcgi)) < 0) {
			/* The master shut the listening socket down. */
			if (rc == -EINVAL || worker_stopping)
				break;
			log_error("worker: accept failed: %s",
			    rc > -9999 ? strerror(-rc) : "FastCGI error");
			db_close();
			exit(1);
		}
		worker_busy = 1;
		serve_request(&fcgi);
		FCGX_Finish_r(&fcgi);
		worker_busy = 0;
	}
	db_close();
	exit(0);
}

static void
worker_spawn(struct worker *w)
{
	pid_t pid;

	w->started_ms = now_ms();
	if ((pid = fork()) == -1) {
		log_error("master: fork failed: %s; retrying in %d ms",
		    strerror(errno), RESTART_INTERVAL_MS);
		w->pid = 0;
		w->restart_ms = w->started_ms + RESTART_INTERVAL_MS;
		return;
	}
	if (pid == 0)
		worker_run();
	w->pid = pid;
}

static void
describe_status(int status, char *out, size_t size)
{
	if (WIFEXITED(status))
		snprintf(
		    out, size, "exited with status %d", WEXITSTATUS(status));
	else if (WIFSIGNALED(status))
		snprintf(out, size, "was killed by signal %d (%s)%s",
		    WTERMSIG(status), strsignal(WTERMSIG(status)),
		    WCOREDUMP(status) ? ", core dumped" : "");
	else
		snprintf(out, size, "stopped with wait status %d", status);
}

/* Collects the workers that ended and, unless stopping, schedules their
 * restart at least RESTART_INTERVAL_MS after their previous start, so a
 * worker that fails at start does not spin. */
static void
workers_reap(bool stopping)
{
	struct worker *w;
	char how[96];
	pid_t pid;
	long now;
	int status, i;

	while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
		for (w = NULL, i = 0; i < config.workers; i++) {
			if (workers[i].pid == pid)
				w = &workers[i];
		}
		if (w == NULL)
			continue;
		w->pid = 0;
		describe_status(status, how, sizeof(how));
		if (stopping) {
			log_info("master: worker %ld %s", (long)pid, how);
			continue;
		}
		now = now_ms();
		w->restart_ms = w->started_ms + RESTART_INTERVAL_MS;
		if (w->restart_ms < now)
			w->restart_ms = now;
		log_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0
		        ? LOG_LEVEL_WARN
		        : LOG_LEVEL_ERROR,
		    "master: worker %ld %s, starting a new one", (long)pid,
		    how);
	}
}

/* Starts the waiting slots that are due. Returns the milliseconds until
 * the next one is due, or -1 when no slot waits. */
static long
workers_restart_due(void)
{
	long now, next = -1;
	int i;

	now = now_ms();
	for (i = 0; i < config.workers; i++) {
		if (workers[i].pid != 0)
			continue;
		if (workers[i].restart_ms <= now) {
			worker_spawn(&workers[i]);
			if (workers[i].pid != 0)
				continue;
		}
		if (next == -1 || workers[i].restart_ms - now < next)
			next = workers[i].restart_ms - now;
	}
	return next < 0 ? -1 : next;
}

static int
workers_alive(void)
{
	int i, n = 0;

	for (i = 0; i < config.workers; i++) {
		if (workers[i].pid != 0)
			n++;
	}
	return n;
}

static void
workers_kill(void)
{
	int i;

	for (i = 0; i < config.workers; i++) {
		if (workers[i].pid == 0)
			continue;
		log_warn("master: worker %ld still busy after %d s: killing it",
		    (long)workers[i].pid, STOP_TIMEOUT_MS / 1000);
		kill(workers[i].pid, SIGKILL);
		waitpid(workers[i].pid, NULL, 0);
		workers[i].pid = 0;
	}
}

static struct timespec
timespec_from_ms(long ms)
{
	struct timespec ts;

	ts.tv_sec = ms / 1000;
	ts.tv_nsec = (ms % 1000) * 1000000L;
	return ts;
}

/*
 * Waits for signals and keeps the workers running until SIGTERM or
 * SIGINT. Stopping shuts the listening socket down, so nginx can no
 * longer connect. Each worker's accept() then fails with EINVAL once the
 * connections already queued are served, and busy workers finish their
 * request first.
 */
static void
master_loop(const sigset_t *signals)
{
	struct timespec timeout;
	siginfo_t info;
	long wait_ms, deadline = 0;
	bool stopping = false;
	int sig;

	for (;;) {
		if (stopping)
			wait_ms = deadline - now_ms();
		else if ((wait_ms = workers_restart_due()) < 0)
			wait_ms = 60 * 1000;
		if (wait_ms < 0)
			wait_ms = 0;
		timeout = timespec_from_ms(wait_ms);
		sig = sigtimedwait(signals, &info, &timeout);

		if ((sig == SIGTERM || sig == SIGINT) && !stopping) {
			log_info("master: %s received, stopping %d workers",
			    sig == SIGTERM ? "SIGTERM" : "SIGINT",
			    workers_alive());
			stopping = true;
			deadline = now_ms() + STOP_TIMEOUT_MS;
			if (shutdown(listen_fd, SHUT_RD) == -1)
				log_error("master: shutdown of the socket "
				          "failed: %s",
				    strerror(errno));
		}
		workers_reap(stopping);
		if (stopping && workers_alive() == 0)
			return;
		if (stopping && now_ms() >= deadline) {
			workers_kill();
			return;
		}
	}
}

/* Creates the missing parent folders of path with mode 0755. */
static int
make_parent_folders(const char *path)
{
	char *copy, *p;
	int rc = 0;

	if ((copy = strdup(path)) == NULL)
		abort();
	for (p = copy + 1; (p = strchr(p, '/')) != NULL; p++) {
		*p = '\0';
		if (mkdir(copy, 0755) == 0)
			chmod(copy, 0755);
		else if (errno != EEXIST) {
			log_error("master: cannot create folder %s: %s", copy,
			    strerror(errno));
			rc = -1;
			break;
		}
		*p = '/';
	}
	free(copy);
	return rc;
}

/* Removes a socket file left by a server that is gone. Returns -1 when a
 * live server still listens on it. */
static int
remove_stale_socket(const struct sockaddr_un *addr)
{
	int fd, rc = 0;

	if ((fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)) == -1)
		return 0;
	if (connect(fd, (const struct sockaddr *)addr, sizeof(*addr)) == 0) {
		log_error("master: another server already listens on %s; "
		          "stop it or set PERMACOOP_SOCKET",
		    addr->sun_path);
		rc = -1;
	} else if (errno == ECONNREFUSED)
		unlink(addr->sun_path);
	close(fd);
	return rc;
}

/* Opens the listening socket, readable and writable by every user so that
 * nginx workers running under another account can connect. */
static int
socket_open(const char *path)
{
	struct sockaddr_un addr;
	int fd;

	memset(&addr, 0, sizeof(addr));
	addr.sun_family = AF_UNIX;
	if (strlen(path) >= sizeof(addr.sun_path)) {
		log_error("master: socket path %s is too long: at most %zu "
		          "bytes; set a shorter PERMACOOP_SOCKET",
		    path, sizeof(addr.sun_path) - 1);
		return -1;
	}
	memcpy(addr.sun_path, path, strlen(path));
	if (make_parent_folders(path) == -1 || remove_stale_socket(&addr) == -1)
		return -1;

	if ((fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)) == -1) {
		log_error("master: socket failed: %s", strerror(errno));
		return -1;
	}
	if (bind(fd, (struct sockaddr *)&addr, sizeof(addr)) == -1 ||
	    chmod(path, 0666) == -1 || listen(fd, SOMAXCONN) == -1) {
		log_error(
		    "master: cannot listen on %s: %s", path, strerror(errno));
		close(fd);
		return -1;
	}
	return fd;
}

static void
on_signal(int sig)
{
	/* Never runs: the signals stay blocked and sigtimedwait takes them.
	 * Installing it undoes a SIG_IGN inherited from a shell. */
	(void)sig;
}

static void
master_signals(sigset_t *signals)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGCHLD, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);

	sigemptyset(signals);
	sigaddset(signals, SIGTERM);
	sigaddset(signals, SIGINT);
	sigaddset(signals, SIGCHLD);
	sigprocmask(SIG_BLOCK, signals, NULL);
}

static int
serve(void)
{
	sigset_t signals;
	int i;

	master_pid = getpid();
	view_init(config.views_dir);
	db_configure(config.conninfo);
	if ((listen_fd = socket_open(config.socket_path)) == -1)
		return 1;
	if ((workers = calloc((size_t)config.workers, sizeof(*workers))) ==
	    NULL)
		abort();

	master_signals(&signals);
	for (i = 0; i < config.workers; i++)
		worker_spawn(&workers[i]);
	log_info("master: listening on %s with %d workers", config.socket_path,
	    config.workers);

	master_loop(&signals);

	close(listen_fd);
	unlink(config.socket_path);
	free(workers);
	log_info("master: stopped");
	return 0;
}

static void
usage(void)
{
	fprintf(stderr,
	    "usage: permacoop serve\n"
	    "       permacoop migrate [--seed]\n"
	    "\n"
	    "serve    runs the FastCGI server on $PERMACOOP_SOCKET\n"
	    "migrate  applies the pending schema migrations; --seed also\n"
	    "         loads the demo data into an empty database\n");
}

int
main(int argc, char *argv[])
{
	bool seed = false;

	if (argc < 2) {
		usage();
		return 2;
	}
	if (strcmp(argv[1], "serve") == 0 && argc == 2) {
		if (config_load() == -1)
			return 1;
		return serve();
	}
	if (strcmp(argv[1], "migrate") == 0 && argc <= 3) {
		if (argc == 3 && strcmp(argv[2], "--seed") != 0) {
			usage();
			return 2;
		}
		seed = argc == 3;
		if (config_load() == -1)
			return 1;
		db_configure(config.conninfo);
		return migrate_run(seed) == 0 ? 0 : 1;
	}
	usage();
	return strcmp(argv[1], "help") == 0 || strcmp(argv[1], "--help") == 0
	    ? 0
	    : 2;
}
