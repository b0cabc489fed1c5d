/*
 * mailbox - iterate the messages stored under a path: .eml, Maildir,
 * directory tree, mbox, or standard input.
 *
 * Owns: the list of files found under the path, the bytes held of the
 * file being read (a small file whole, a large one through a window that
 * read(2) refills, or what standard input gave), a scratch buffer for
 * messages whose ">From " lines had to be unquoted, and the label of the
 * current message.  Files are read, never mapped: a file cut short while
 * it is read (another program truncating or rewriting an mbox) ends the
 * reading early instead of killing the process with SIGBUS, and the
 * message it cut is reported and skipped.  Never: parses a message (that
 * is message_parse), reads byte by byte, reads past the size a file had
 * when opened, follows a symbolic link to a directory, or hands out more
 * than `cap` bytes of one message.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/buf.h"
#include "mail/mailbox.h"

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
	char *data;			/* bytes held: small's, win's or stdin's */
	size_t len;			/* bytes held */
	size_t pos;			/* the next message starts here in data */
	int fd;				/* a large file read through win, or -1 */
	unsigned long long off;		/* file offset of data[0] */
	unsigned long long size;	/* its size when opened: read no further */
	unsigned long long got;		/* bytes read from it */
	bool eof;			/* all there is to read is held */
	bool shrank;			/* it ended before `size` bytes */
	bool open;
	bool is_mbox;
	bool given;			/* its one message was handed out */
	size_t index;			/* mbox messages handed out */

	bool from_stdin;
	struct buf label;
	struct buf scratch;
	struct buf small;		/* a small file, read whole */
	struct buf win;			/* the window on a large file */
	struct buf big;			/* the first cap bytes of a longer message */
};

/* Files up to this size are read whole into one reused buffer (most of a
 * Maildir); larger ones through a window refilled by this much or more. */
#define MAILBOX_READ_MAX ((size_t)256 * 1024)
#define MAILBOX_CHUNK ((size_t)1024 * 1024)

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
	struct entry *v = NULL, *nv;
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
		if ((nv = mem_grow(v, n, &cap, sizeof(*nv), 64)) == NULL) {
			rc = err_set(e, "%s: out of memory", dir);
			break;
		}
		v = nv;
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
	/* a message of cap bytes, what ends it, and one chunk to find it in */
	buf_init(&mb->win, mb->cap + 2 * MAILBOX_CHUNK + 16);
	buf_init(&mb->big, mb->cap + 1);
	mb->fd = -1;
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
	if (mb->fd >= 0)
		close(mb->fd);
	mb->fd = -1;
	if (!mb->from_stdin) {
		mb->data = NULL;
		mb->len = 0;
	}
	mb->open = false;
	mb->done += mb->sizes[mb->next - 1];
}

/* read_some - read(2) into p, again after EINTR; bytes read, 0 at the end, -1 */
static ssize_t
read_some(int fd, char *p, size_t n)
{
	ssize_t r;

	do
		r = read(fd, p, n);
	while (r < 0 && errno == EINTR);
	return r;
}

/*
 * read_small - the whole of a small file into mb->small; 0 or -1 (errno).
 * A file that ends early was cut while read: shrank says so.
 */
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
		ssize_t n = read_some(fd, mb->small.data + got, mb->len - got);

		if (n < 0)
			return -1;
		if (n == 0) {
			mb->shrank = true;
			break;
		}
		got += (size_t)n;
	}
	mb->len = mb->small.len = got;
	mb->small.data[got] = '\0';
	mb->data = mb->small.data;
	mb->got = got;
	mb->eof = true;
	return 0;
}

/*
 * fill - more of a large file into the window: drop what was handed out
 * already, then read at least a chunk (as much as the window holds, so a
 * long message costs as many reads as it doubles).  Never past the size
 * the file had when opened; a file that ends before it shrank.  0, or -1
 * with e set.
 */
static int
fill(struct mailbox *mb, struct err *e)
{
	unsigned long long left = mb->size - mb->got;
	size_t want;
	ssize_t n;

	if (mb->eof)
		return 0;
	if (mb->pos > 0) {
		memmove(mb->win.data, mb->win.data + mb->pos, mb->len - mb->pos);
		mb->off += mb->pos;
		mb->len -= mb->pos;
		mb->pos = 0;
		mb->win.len = mb->len;
	}
	want = mb->len > MAILBOX_CHUNK ? mb->len : MAILBOX_CHUNK;
	if (left < want)
		want = (size_t)left;
	if (want == 0) {
		mb->eof = true;
		return 0;
	}
	if (mb->len + want + 1 > mb->win.cap)
		want = mb->win.cap > mb->len + 1 ? mb->win.cap - mb->len - 1 : 0;
	if (want == 0 || buf_reserve(&mb->win, want) < 0)
		return err_set(e, "%s: out of memory", mb->name);
	n = read_some(mb->fd, mb->win.data + mb->len, want);
	if (n < 0)
		return err_set(e, "%s: %s", mb->name, strerror(errno));
	if (n == 0) {
		mb->eof = true;
		mb->shrank = true;
	}
	mb->len += (size_t)n;
	mb->got += (unsigned long long)n;
	mb->win.len = mb->len;
	mb->win.data[mb->len] = '\0';
	mb->data = mb->win.data;
	if (mb->got == mb->size)
		mb->eof = true;
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
	mb->off = 0;
	mb->shrank = false;
	if (mb->from_stdin) {
		mb->eof = true;
	} else {
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
		mb->size = (unsigned long long)st.st_size;
		mb->len = 0;
		mb->got = 0;
		mb->eof = false;
		mb->data = NULL;
		if (mb->size <= MAILBOX_READ_MAX) {
			mb->len = (size_t)mb->size;
			if (read_small(mb, fd) < 0) {
				close(fd);
				goto fail;
			}
			close(fd);
		} else {
			mb->fd = fd;
			buf_reset(&mb->win);
			mb->open = true;
			if (fill(mb, e) < 0) {
				buf_reset(&mb->label);
				buf_puts(&mb->label, mb->name);
				file_close(mb);
				return -1;
			}
		}
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

/* shrank - e for a file found shorter than when it was opened */
static int
shrank(struct mailbox *mb, struct err *e, bool cut_message)
{
	mb->pos = mb->len;
	if (cut_message)
		return err_set(e, "%s: the file was cut short while being read "
		    "(truncated or rewritten?); message skipped, the rest of "
		    "the file not read", buf_cstr(&mb->label));
	buf_reset(&mb->label);
	buf_puts(&mb->label, mb->name);
	return err_set(e, "%s: the file was cut short while being read "
	    "(truncated or rewritten?); the rest of it not read", mb->name);
}

/*
 * mbox_next - the next message of the current mbox: 1 with *start, *len
 * (and *cut when it was longer than the cap), 0 at its end, -1 with e set
 * when the file shrank under us or cannot be read.  In a window, reads
 * more until the separator after the message (or the end) is held; the
 * part of a message beyond the cap is read past, not held.
 */
static int
mbox_next(struct mailbox *mb, const char **start, size_t *len, bool *cut,
    struct err *e)
{
	const char *nl, *sep = NULL, *base;
	size_t body, look, end;
	bool in_big = false;

	*cut = false;
	/* the "From " separator line, whole */
	for (;;) {
		if (mb->pos >= mb->len && mb->eof)
			return mb->shrank ? shrank(mb, e, false) : 0;
		nl = memchr(mb->data + mb->pos, '\n', mb->len - mb->pos);
		if (nl != NULL || mb->eof)
			break;
		if (mb->len - mb->pos > MAILBOX_CHUNK) {
			mb->pos = mb->len;
			mb->eof = true;
			return err_set(e, "%s: a \"From \" line longer than %zu "
			    "bytes; the rest of the file not read", mb->name,
			    MAILBOX_CHUNK);
		}
		if (fill(mb, e) < 0)
			return -1;
	}
	body = nl ? (size_t)(nl - (mb->data + mb->pos)) + 1 : mb->len - mb->pos;
	/* from the separator line's own end: an empty message is one too */
	look = body - 1;
	for (;;) {
		base = mb->data + mb->pos;
		if (mb->len - mb->pos > look)
			sep = find_from_line(base + look, mb->len - mb->pos - look);
		if (sep != NULL || mb->eof)
			break;
		/* a separator may start in the last bytes read */
		if (mb->len - mb->pos >= 5 && mb->len - mb->pos - 5 > look)
			look = mb->len - mb->pos - 5;
		if (!in_big && look > body + mb->cap) {
			/* keep the first cap bytes aside, read past the rest */
			buf_reset(&mb->big);
			if (buf_append(&mb->big, base + body, mb->cap) < 0)
				return err_set(e, "%s: out of memory", mb->name);
			in_big = true;
		}
		if (in_big) {
			mb->pos += look;
			look = 0;
		}
		if (fill(mb, e) < 0)
			return -1;
	}
	if (sep == NULL && mb->shrank) {
		mb->index++;
		buf_reset(&mb->label);
		buf_printf(&mb->label, "%s:#%zu", mb->name, mb->index);
		return shrank(mb, e, true);
	}
	end = sep ? (size_t)(sep - base) : mb->len - mb->pos;
	if (in_big) {
		mb->pos = sep ? mb->pos + end + 1 : mb->len;
		*start = mb->big.data;
		*len = mb->big.len;
		*cut = true;
		return 1;
	}
	if (end < body)
		end = body;
	/* the separator's blank line (LF or CRLF) is not part of the message */
	if (end > body && base[end - 1] == '\r')
		end--;
	if (!sep && end - body >= 2 && base[end - 1] == '\n' &&
	    base[end - 2] == '\n')
		end--;
	else if (!sep && end - body >= 4 &&
	    memcmp(base + end - 4, "\r\n\r\n", 4) == 0)
		end -= 2;
	*start = base + body;
	*len = end - body;
	mb->pos = sep ? mb->pos + (size_t)(sep - base) + 1 : mb->len;
	return 1;
}

/*
 * whole_next - the one message of a file that is not an mbox: 1, 0 when
 * handed out already, -1 with e set when the file shrank under us
 */
static int
whole_next(struct mailbox *mb, const char **start, size_t *len, bool *cut,
    struct err *e)
{
	if (mb->given)
		return 0;
	mb->given = true;
	while (!mb->eof && mb->len <= mb->cap)
		if (fill(mb, e) < 0)
			return -1;
	if (mb->shrank) {
		buf_reset(&mb->label);
		buf_puts(&mb->label, mb->name);
		return shrank(mb, e, true);
	}
	*start = mb->data ? mb->data : "";
	*len = mb->len;
	*cut = false;
	mb->pos = mb->len;
	return 1;
}

int
mailbox_next(struct mailbox *mb, struct mailbox_msg *msg, struct err *e)
{
	const char *start = NULL;
	size_t len = 0;
	bool cut = false;
	int r;

	for (;;) {
		if (!mb->open) {
			if (mb->next >= mb->files.n)
				return 0;
			if (file_open(mb, e) < 0)
				goto fail;
		}
		r = mb->is_mbox ? mbox_next(mb, &start, &len, &cut, e) :
		    whole_next(mb, &start, &len, &cut, e);
		if (r > 0)
			break;
		if (r < 0) {
			file_close(mb);
			goto fail;
		}
		file_close(mb);
	}
	buf_reset(&mb->label);
	if (mb->is_mbox)
		buf_printf(&mb->label, "%s:#%zu", mb->name, ++mb->index);
	else
		buf_puts(&mb->label, mb->name);
	msg->label = buf_cstr(&mb->label);
	msg->truncated = cut || len > mb->cap;
	if (len > mb->cap)
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
fail:
	msg->data = NULL;
	msg->len = 0;
	msg->label = buf_cstr(&mb->label);
	msg->truncated = false;
	return -1;
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
	return mb->done + (mb->open ? mb->off + mb->pos : 0);
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
	buf_free(&mb->win);
	buf_free(&mb->big);
	free(mb);
}
