/*
 * report_site - write the browsable report into a folder: the edge between
 * the store, the pure page renderers (report_html*.c) and the file system.
 *
 * Each file is written to a temporary name beside it and renamed into
 * place, so a browser open on the report never sees half a page.  Pages
 * of customers the store no longer knows are removed after, so erasing
 * someone (forget) also erases their page at the next run.  One buffer is
 * reused for every page; its cap bounds the largest page.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store/store_ideal.h"
#include "report/report_html.h"
#include "report/report_site.h"

/* Messages a customer page lists, newest first. */
#define REPORT_HISTORY 200

/* The largest page (the customer table of a very big store). */
#define PAGE_MAX ((size_t)512 * 1024 * 1024)

static int
write_file(const char *dir, const char *name, const char *data, size_t len,
    struct err *e)
{
	char path[4096], tmp[4200];
	size_t off = 0;
	int fd;

	if ((size_t)snprintf(path, sizeof(path), "%s/%s", dir, name) >=
	    sizeof(path))
		return err_set(e, "report: %s/%s: path too long", dir, name);
	snprintf(tmp, sizeof(tmp), "%s.tmp%ld", path, (long)getpid());
	if ((fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW |
	    O_CLOEXEC, 0644)) < 0)
		return err_set(e, "report: %s: %s", tmp, strerror(errno));
	while (off < len) {
		ssize_t n = write(fd, data + off, len - off);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			err_set(e, "report: %s: %s", tmp, strerror(errno));
			close(fd);
			unlink(tmp);
			return -1;
		}
		off += (size_t)n;
	}
	if (close(fd) < 0 || rename(tmp, path) < 0) {
		err_set(e, "report: %s: %s", path, strerror(errno));
		unlink(tmp);
		return -1;
	}
	return 0;
}

/* is_page - a name report_html_page_name makes: 16 hex digits + ".html" */
static bool
is_page(const char *name)
{
	size_t i;

	for (i = 0; i < 16; i++)
		if (!((name[i] >= '0' && name[i] <= '9') ||
		    (name[i] >= 'a' && name[i] <= 'f')))
			return false;
	return strcmp(name + i, ".html") == 0;
}

static int
by_name(const void *a, const void *b)
{
	return strcmp((const char *)a, (const char *)b);
}

/*
 * clear_stale - remove the customer pages a previous run wrote for people
 * the store no longer holds (the pages of the others were just replaced)
 */
static int
clear_stale(const char *cdir, const struct report_data *d, struct err *e)
{
	char (*names)[REPORT_PAGE_NAME];
	DIR *dp;
	struct dirent *de;
	char path[4600];

	if ((names = calloc(d->customers.n + 1, sizeof(*names))) == NULL)
		return err_set(e, "report: out of memory");
	for (size_t i = 0; i < d->customers.n; i++) {
		char full[REPORT_PAGE_NAME];

		report_html_page_name(d->customers.v[i].email, full);
		snprintf(names[i], sizeof(names[i]), "%s", full + 2);	/* no "c/" */
	}
	qsort(names, d->customers.n, sizeof(*names), by_name);
	if ((dp = opendir(cdir)) == NULL) {
		free(names);
		return err_set(e, "report: %s: %s", cdir, strerror(errno));
	}
	while ((de = readdir(dp)) != NULL) {
		if (!is_page(de->d_name) || bsearch(de->d_name, names,
		    d->customers.n, sizeof(*names), by_name) != NULL)
			continue;
		snprintf(path, sizeof(path), "%s/%s", cdir, de->d_name);
		if (unlink(path) < 0 && errno != ENOENT) {
			err_set(e, "report: %s: %s", path, strerror(errno));
			closedir(dp);
			free(names);
			return -1;
		}
	}
	closedir(dp);
	free(names);
	return 0;
}

static int
make_dir(const char *path, struct err *e)
{
	if (mkdir(path, 0755) < 0 && errno != EEXIST)
		return err_set(e, "report: %s: %s", path, strerror(errno));
	return 0;
}

/* page - render with fn into b and write it as name */
static int
page(const char *dir, const char *name, struct buf *b, struct err *e)
{
	if (b->len >= b->cap)
		return err_set(e, "report: %s is larger than the cap", name);
	return write_file(dir, name, b->data ? b->data : "", b->len, e);
}

static int
customer_pages(struct store *s, const char *dir, const struct report_data *d,
    const struct valueset *vs, const struct rules *r, struct buf *b,
    size_t *npages, struct err *e)
{
	for (size_t i = 0; i < d->customers.n; i++) {
		const char *email = d->customers.v[i].email;
		struct customer_detail *cd = NULL;
		struct alignment al;
		char name[REPORT_PAGE_NAME];
		bool have_al = false;
		int rc;

		if ((rc = store_show_history(s, email, REPORT_HISTORY, &cd,
		    e)) < 0)
			return -1;
		if (rc == 0)
			continue;
		if (vs && (rc = store_alignment(s, email, vs, r, &al, e)) < 0) {
			customer_detail_free(cd);
			return -1;
		}
		have_al = vs && rc > 0;
		if (have_al)
			alignment_tally(&al);
		buf_reset(b);
		report_html_customer(d, cd, have_al ? &al : NULL, b);
		customer_detail_free(cd);
		report_html_page_name(email, name);
		if (page(dir, name, b, e) < 0)
			return -1;
		(*npages)++;
	}
	return 0;
}

int
report_site_write(struct store *s, const char *dir,
    const struct valueset *vs, const struct rules *r, time_t now,
    size_t *npages, struct err *e)
{
	struct report_data d;
	struct buf b;
	char cdir[4200];
	int rc = -1;

	*npages = 0;
	if ((size_t)snprintf(cdir, sizeof(cdir), "%s/c", dir) >= sizeof(cdir))
		return err_set(e, "report: %s: path too long", dir);
	if (make_dir(dir, e) < 0 || make_dir(cdir, e) < 0)
		return -1;
	if (store_report_data(s, now, &d, e) < 0)
		return -1;
	buf_init(&b, PAGE_MAX);
	if (write_file(dir, "style.css", report_html_css,
	    strlen(report_html_css), e) < 0 ||
	    write_file(dir, "table.js", report_html_js,
	    strlen(report_html_js), e) < 0)
		goto out;
	*npages += 2;
	report_html_overview(&d, &b);
	if (page(dir, "index.html", &b, e) < 0)
		goto out;
	buf_reset(&b);
	report_html_network(&d, &b);
	if (page(dir, "network.html", &b, e) < 0)
		goto out;
	buf_reset(&b);
	report_html_table(&d, &b);
	if (page(dir, "customers.html", &b, e) < 0)
		goto out;
	*npages += 3;
	if (customer_pages(s, dir, &d, vs, r, &b, npages, e) < 0 ||
	    clear_stale(cdir, &d, e) < 0)
		goto out;
	rc = 0;
out:
	buf_free(&b);
	report_data_clear(&d);
	return rc;
}
