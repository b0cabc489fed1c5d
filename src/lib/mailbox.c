/*
 * mailbox - iterate the messages stored under a path: .eml, Maildir,
 * directory tree, mbox, or standard input.
 *
 * Owns: the list of files found under the path, the mapping of the file
 * being read (or the bytes read from standard input), a scratch buffer for
 * messages whose ">From " lines had to be unquoted, and the label of the
 * current message.  Never: parses a message (that is message_parse), reads
 * byte by byte, follows a symbolic link to a directory, or hands out more
 * than `cap` bytes of one message.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "clientele/buf.h"
#include "clientele/mailbox.h"

#define MAILBOX_MAX_DEPTH	32
#define STDIN_CHUNK		((size_t)1024 * 1024)

struct mailbox {
	size_t cap;
	struct strvec files;		/* every file, in the order read */
	unsigned long long *sizes;	/* parallel to files */
	size_t next;			/* index of the next file to open */
	unsigned long long total;
	unsigned long long done;	/* bytes of files already finished */

	/* the current file */
	const char *name;		/* files.v[next - 1]; borrowed */
	char *data;			/* mapping, or malloc'd for stdin */
	size_t len;
	bool mapped;
	bool open;
	bool is_mbox;
	bool given;			/* its one message was handed out */
	size_t pos;
	size_t index;			/* mbox messages handed out */

	bool from_stdin;
	struct buf label;
	struct buf scratch;
	struct buf small;		/* small files are read here, not mapped */
};

/* Files up to this size are read into one reused buffer: a mapping per
 * small file (most of a Maildir) costs more in page faults than a read. */
#define MAILBOX_READ_MAX ((size_t)256 * 1024)

/* ---- listing ---- */

static bool
skip_name(const char *name)
{
	static const char *const meta[] = {
		"dovecot", "maildirfolder", "courierimap", "subscriptions",
		".uidvalidity", ".mh_sequences", NULL,
	};

	if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0)
		return true;
	for (size_t i = 0; meta[i]; i++)
		if (strncmp(name, meta[i], strlen(meta[i])) == 0)
			return true;
	return false;
}

/* a file listed by its directory entry alone: sized when opened or totalled */
#define SIZE_UNKNOWN ULLONG_MAX

static int
add_file(struct mailbox *mb, const char *path, unsigned long long size)
{
	unsigned long long *ns;

	if (strvec_push(&mb->files, path) < 0)
		return -1;
	ns = realloc(mb->sizes, mb->files.cap * sizeof(*ns));
	if (ns == NULL)
		return -1;
	mb->sizes = ns;
	mb->sizes[mb->files.n - 1] = size;
	if (size != SIZE_UNKNOWN)
		mb->total += size;
	return 0;
}

/* One directory entry, with the type readdir gave (DT_UNKNOWN: look). */
struct entry {
	char *name;
	unsigned char type;
};

static int
entry_cmp(const void *a, const void *b)
{
	return strcmp(((const struct entry *)a)->name,
	    ((const struct entry *)b)->name);
}

static int list_dir(struct mailbox *mb, const char *dir, int depth,
    struct err *e);

static int
list_entry(struct mailbox *mb, const char *dir, const struct entry *en,
    bool maildir, int depth, struct err *e)
{
	struct buf p;
	struct stat st;
	unsigned long long size = SIZE_UNKNOWN;
	int rc = 0;

	buf_init(&p, 0);
	if (buf_printf(&p, "%s/%s", dir, en->name) < 0) {
		buf_free(&p);
		return err_set(e, "%s: out of memory", dir);
	}
	/*
	 * The directory entry's type saves a stat per message file (a
	 * Maildir is mostly those); links and file systems that do not say
	 * get one lstat, and only a link a second look.
	 */
	if (en->type == DT_REG || en->type == DT_DIR) {
		st.st_mode = en->type == DT_REG ? S_IFREG : S_IFDIR;
	} else {
		if (lstat(p.data, &st) != 0)
			goto out;
		/* a link to a file is read; a link to a directory is not followed */
		if (S_ISLNK(st.st_mode) &&
		    (stat(p.data, &st) != 0 || !S_ISREG(st.st_mode)))
			goto out;
		size = (unsigned long long)st.st_size;
	}
	if (S_ISDIR(st.st_mode)) {
		/* a Maildir's tmp/ holds mail still being delivered */
		if (!(maildir && strcmp(en->name, "tmp") == 0))
			rc = list_dir(mb, p.data, depth + 1, e);
	} else if (S_ISREG(st.st_mode)) {
		if (add_file(mb, p.data, size) < 0)
			rc = err_set(e, "%s: out of memory", dir);
	}
out:
	buf_free(&p);
	return rc;
}

static int
list_dir(struct mailbox *mb, const char *dir, int depth, struct err *e)
{
	struct entry *v = NULL;
	size_t n = 0, cap = 0;
	struct dirent *de;
	DIR *d;
	bool maildir = false;
	int rc = 0;

	if (depth > MAILBOX_MAX_DEPTH)
		return err_set(e, "%s: directories nested too deep", dir);
	if ((d = opendir(dir)) == NULL)
		return err_set(e, "%s: %s", dir, strerror(errno));
	while ((de = readdir(d)) != NULL) {
		if (skip_name(de->d_name))
			continue;
		if (strcmp(de->d_name, "cur") == 0 || strcmp(de->d_name, "new") == 0)
			maildir = true;
		if (n == cap) {
			size_t ncap = cap ? cap * 2 : 64;
			struct entry *nv = realloc(v, ncap * sizeof(*nv));

			if (nv == NULL) {
				rc = err_set(e, "%s: out of memory", dir);
				break;
			}
			v = nv;
			cap = ncap;
		}
		if ((v[n].name = strdup(de->d_name)) == NULL) {
			rc = err_set(e, "%s: out of memory", dir);
			break;
		}
		v[n++].type = de->d_type;
	}
	closedir(d);
	if (n > 1)
		qsort(v, n, sizeof(*v), entry_cmp);
	for (size_t i = 0; rc == 0 && i < n; i++)
		rc = list_entry(mb, dir, &v[i], maildir, depth, e);
	for (size_t i = 0; i < n; i++)
		free(v[i].name);
	free(v);
	return rc;
}

static int
read_stdin(struct mailbox *mb, struct err *e)
{
	char *data = NULL, *np;
	size_t len = 0, size = 0;
	ssize_t n;

	for (;;) {
		if (size - len < 2) {
			if (size >= MAILBOX_STDIN_CAP) {
				free(data);
				return err_set(e, "standard input is larger than %zu bytes",
				    MAILBOX_STDIN_CAP);
			}
			size += STDIN_CHUNK;
			if ((np = realloc(data, size)) == NULL) {
				free(data);
				return err_set(e, "standard input: out of memory");
			}
			data = np;
		}
		n = read(STDIN_FILENO, data + len, size - len - 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			free(data);
			return err_set(e, "standard input: %s", strerror(errno));
		}
		if (n == 0)
			break;
		len += (size_t)n;
	}
	if (data == NULL && (data = malloc(1)) == NULL)
		return err_set(e, "standard input: out of memory");
	data[len] = '\0';
	if (add_file(mb, "stdin", len) < 0) {
		free(data);
		return err_set(e, "standard input: out of memory");
	}
	mb->data = data;
	mb->len = len;
	mb->from_stdin = true;
	return 0;
}

struct mailbox *
mailbox_open(const char *path, size_t cap, struct err *e)
{
	struct mailbox *mb;
	struct stat st;

	if ((mb = calloc(1, sizeof(*mb))) == NULL) {
		err_set(e, "%s: out of memory", path);
		return NULL;
	}
	mb->cap = cap ? cap : MAILBOX_DEFAULT_CAP;
	strvec_init(&mb->files);
	buf_init(&mb->label, 0);
	buf_init(&mb->scratch, mb->cap + 1);
	buf_init(&mb->small, MAILBOX_READ_MAX + 1);
	if (strcmp(path, "-") == 0) {
		if (read_stdin(mb, e) < 0)
			goto fail;
		return mb;
	}
	if (stat(path, &st) != 0) {
		err_set(e, "%s: %s", path, strerror(errno));
		goto fail;
	}
	if (S_ISDIR(st.st_mode)) {
		if (list_dir(mb, path, 0, e) < 0)
			goto fail;
	} else if (S_ISREG(st.st_mode)) {
		if (add_file(mb, path, (unsigned long long)st.st_size) < 0) {
			err_set(e, "%s: out of memory", path);
			goto fail;
		}
	} else {
		err_set(e, "%s: not a file or directory", path);
		goto fail;
	}
	return mb;
fail:
	mailbox_close(mb);
	return NULL;
}

/* ---- reading ---- */

static void
file_close(struct mailbox *mb)
{
	if (!mb->open)
		return;
	if (mb->mapped)
		munmap(mb->data, mb->len);
	if (!mb->from_stdin) {
		mb->data = NULL;
		mb->len = 0;
	}
	mb->mapped = false;
	mb->open = false;
	mb->done += mb->sizes[mb->next - 1];
}

/* read_small - the whole of a small file into mb->small; 0 or -1 (errno) */
static int
read_small(struct mailbox *mb, int fd)
{
	size_t got = 0;

	buf_reset(&mb->small);
	if (buf_reserve(&mb->small, mb->len) < 0) {
		errno = ENOMEM;
		return -1;
	}
	while (got < mb->len) {
		ssize_t n = read(fd, mb->small.data + got, mb->len - got);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		if (n == 0)
			break;	/* the file shrank while read: keep what was there */
		got += (size_t)n;
	}
	mb->len = mb->small.len = got;
	mb->small.data[got] = '\0';
	mb->data = mb->small.data;
	return 0;
}

static int
file_open(struct mailbox *mb, struct err *e)
{
	struct stat st;
	int fd;

	mb->name = mb->files.v[mb->next++];
	mb->pos = 0;
	mb->index = 0;
	mb->given = false;
	if (!mb->from_stdin) {
		if ((fd = open(mb->name, O_RDONLY | O_CLOEXEC)) < 0)
			goto fail;
		if (fstat(fd, &st) != 0) {
			close(fd);
			goto fail;
		}
		if (mb->sizes[mb->next - 1] == SIZE_UNKNOWN) {
			mb->sizes[mb->next - 1] = (unsigned long long)st.st_size;
			mb->total += mb->sizes[mb->next - 1];
		}
		mb->len = (size_t)st.st_size;
		mb->data = NULL;
		if (mb->len > 0 && mb->len <= MAILBOX_READ_MAX) {
			if (read_small(mb, fd) < 0) {
				close(fd);
				goto fail;
			}
		} else if (mb->len > 0) {
			void *p = mmap(NULL, mb->len, PROT_READ, MAP_PRIVATE, fd, 0);

			if (p == MAP_FAILED) {
				close(fd);
				goto fail;
			}
			madvise(p, mb->len, MADV_SEQUENTIAL);
			mb->data = p;
			mb->mapped = true;
		}
		close(fd);
	}
	mb->open = true;
	mb->is_mbox = mb->len >= 5 && memcmp(mb->data, "From ", 5) == 0;
	return 0;
fail:
	buf_reset(&mb->label);
	buf_puts(&mb->label, mb->name);
	if (mb->sizes[mb->next - 1] != SIZE_UNKNOWN)
		mb->done += mb->sizes[mb->next - 1];
	return err_set(e, "%s: %s", mb->name, strerror(errno));
}

/* quoted_from_at - is there a line of '>'s then "From " at line start s? */
static bool
quoted_from_at(const char *s, size_t n)
{
	size_t i = 0;

	while (i < n && s[i] == '>')
		i++;
	return i > 0 && n - i >= 5 && memcmp(s + i, "From ", 5) == 0;
}

static bool
needs_unquote(const char *s, size_t n)
{
	const char *p = s, *end = s + n;

	if (quoted_from_at(s, n))
		return true;
	while ((p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
		p++;
		if (p < end && *p == '>' && quoted_from_at(p, (size_t)(end - p)))
			return true;
	}
	return false;
}

/* unquote - copy s into scratch, dropping one '>' from each >+From line */
static int
unquote(struct mailbox *mb, const char *s, size_t n)
{
	size_t i = 0;

	buf_reset(&mb->scratch);
	while (i < n) {
		const char *nl = memchr(s + i, '\n', n - i);
		size_t ll = nl ? (size_t)(nl - (s + i)) + 1 : n - i;
		size_t skip = quoted_from_at(s + i, ll) ? 1 : 0;

		if (buf_append(&mb->scratch, s + i + skip, ll - skip) < 0)
			return -1;
		i += ll;
	}
	return 0;
}

/*
 * find_from_line - the first "\nFrom " in s[0..n), or NULL.  Line ends
 * are found with memchr, which runs far faster than memmem over the long
 * lines between separators.
 */
static const char *
find_from_line(const char *s, size_t n)
{
	const char *end = s + n, *p = s;

	while (end - p >= 6 && (p = memchr(p, '\n', (size_t)(end - p - 5))) !=
	    NULL) {
		if (memcmp(p + 1, "From ", 5) == 0)
			return p;
		p++;
	}
	return NULL;
}

/* mbox_next - the next message of the current mbox; false at its end */
static bool
mbox_next(struct mailbox *mb, const char **start, size_t *len)
{
	const char *base = mb->data, *nl, *sep;
	size_t pos = mb->pos, end;

	if (pos >= mb->len)
		return false;
	/* skip the "From " separator line */
	nl = memchr(base + pos, '\n', mb->len - pos);
	pos = nl ? (size_t)(nl - base) + 1 : mb->len;
	sep = pos < mb->len ? find_from_line(base + pos - 1,
	    mb->len - pos + 1) : NULL;
	end = sep ? (size_t)(sep - base) : mb->len;
	mb->pos = sep ? end + 1 : mb->len;
	if (end < pos)
		end = pos;
	/* the separator's blank line (LF or CRLF) is not part of the message */
	if (end > pos && base[end - 1] == '\r')
		end--;
	if (!sep && end - pos >= 2 && base[end - 1] == '\n' &&
	    base[end - 2] == '\n')
		end--;
	else if (!sep && end - pos >= 4 &&
	    memcmp(base + end - 4, "\r\n\r\n", 4) == 0)
		end -= 2;
	*start = base + pos;
	*len = end - pos;
	return true;
}

int
mailbox_next(struct mailbox *mb, struct mailbox_msg *msg, struct err *e)
{
	const char *start;
	size_t len;

	for (;;) {
		if (!mb->open) {
			if (mb->next >= mb->files.n)
				return 0;
			if (file_open(mb, e) < 0) {
				msg->data = NULL;
				msg->len = 0;
				msg->label = buf_cstr(&mb->label);
				msg->truncated = false;
				return -1;
			}
		}
		if (mb->is_mbox) {
			if (mbox_next(mb, &start, &len))
				break;
		} else if (!mb->given) {
			mb->given = true;
			start = mb->data ? mb->data : "";
			len = mb->len;
			mb->pos = mb->len;
			break;
		}
		file_close(mb);
	}
	buf_reset(&mb->label);
	if (mb->is_mbox)
		buf_printf(&mb->label, "%s:#%zu", mb->name, ++mb->index);
	else
		buf_puts(&mb->label, mb->name);
	msg->label = buf_cstr(&mb->label);
	msg->truncated = len > mb->cap;
	if (msg->truncated)
		len = mb->cap;
	if (mb->is_mbox && needs_unquote(start, len)) {
		if (unquote(mb, start, len) < 0)
			return err_set(e, "%s: out of memory", msg->label);
		start = buf_cstr(&mb->scratch);
		len = mb->scratch.len;
	}
	msg->data = start;
	msg->len = len;
	return 1;
}

unsigned long long
mailbox_bytes_total(struct mailbox *mb)
{
	struct stat st;

	/* files listed without a stat are sized now, once */
	for (size_t i = mb->next; i < mb->files.n; i++)
		if (mb->sizes[i] == SIZE_UNKNOWN) {
			mb->sizes[i] = stat(mb->files.v[i], &st) == 0 ?
			    (unsigned long long)st.st_size : 0;
			mb->total += mb->sizes[i];
		}
	return mb->total;
}

unsigned long long
mailbox_bytes_done(const struct mailbox *mb)
{
	return mb->done + (mb->open ? mb->pos : 0);
}

void
mailbox_close(struct mailbox *mb)
{
	if (mb == NULL)
		return;
	file_close(mb);
	if (mb->from_stdin)
		free(mb->data);
	strvec_free(&mb->files);
	free(mb->sizes);
	buf_free(&mb->label);
	buf_free(&mb->scratch);
	buf_free(&mb->small);
	free(mb);
}
