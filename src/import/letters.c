/* Importing letters: single .txt files, folders laid out <school>/<group>/NAME.txt, CSV files. */
#include "import_internal.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "genomlys/clean.h"
#include "genomlys/i18n.h"
#include "genomlys/utf8.h"

/* Folders nested deeper than this are not searched (and a link never leads into one). */
#define TREE_MAX_DEPTH 16

/* State shared by every file of one import. */
struct letters {
	const struct gl_import_sink *k;
	const struct gl_import_options *o;
	struct gl_import_summary *sum;
	struct id_set schools;
	struct key_ids school_ids, group_ids;  /* the store's answers so far, by name */
	struct gl_str text, school, group, author, date, title, source, scratch;
};

/* A field as it came from the file: UTF-8, LF line ends, not yet cleaned; s NULL: absent. */
struct field {
	const char *s;
	size_t n;
};

static struct field field_of(const char *s)
{
	return (struct field){ s, s ? strlen(s) : 0 };
}

static struct field field_str(const struct gl_str *g)
{
	return (struct field){ gl_str_cstr(g), g->len };
}

struct raw_letter {
	struct field school, group, author, date, title, text;
	struct gl_str *owned_text;  /* instead of text: a whole file's text, freed once cleaned */
	const struct gl_utf8_info *owned_info;  /* when known: gl_utf8_scan of owned_text */
	enum text_encoding enc;
	const char *file;    /* for messages */
	long line;           /* 0: the whole file */
	const char *source;  /* stored with the letter */
};

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n';
}

/* Cleans valid UTF-8 that the scan found free of controls and NFC already: only the blanks at
 * the ends go (ASCII, one code point a byte), so the count follows from the scan's. */
static enum gl_status clean_quick(const char *s, size_t n, bool keep_leading,
	const struct gl_utf8_info *info, struct gl_str *out, size_t *count)
{
	size_t a = 0, e = n;
	while (e > 0 && is_blank(s[e - 1]))
		e--;
	if (!keep_leading)
		while (a < e && is_blank(s[a]))
			a++;
	gl_str_clear(out);
	*count = info->count - (n - e) - a;
	return gl_str_append(out, s + a, e - a);
}

/* Checks, cleans and counts a field: one pass over the text finds whether it is valid UTF-8,
 * how many code points it has and whether anything needs stripping or composing; most text
 * (Swedish letters) then needs only a copy. *count is the cleaned text's code points. */
static enum gl_status clean_field(struct letters *L, struct field f, bool keep_leading,
	struct gl_str *out, struct gl_clean_count *removed, bool *changed, size_t *count, const struct raw_letter *r,
	struct gl_error *err)
{
	gl_str_clear(out);
	*count = 0;
	if (!f.s)
		return GL_OK;
	struct gl_utf8_info info;
	if (!gl_utf8_scan(f.s, f.n, &info, NULL))
		return gl_error_set_at(err, GL_EENCODING, r->file, r->line,
			_("'%.*s' is not valid UTF-8"), (int)(f.n > 64 ? 64 : f.n), f.s);
	enum gl_status st;
	if (info.nfc_quick && !info.controls) {
		st = clean_quick(f.s, f.n, keep_leading, &info, out, count);
	} else {
		st = text_clean(f.s, f.n, keep_leading, out, &L->scratch, removed, changed);
		*count = gl_utf8_count(gl_str_cstr(out), out->len);
	}
	if (st != GL_OK)
		return gl_error_set(err, GL_ENOMEM, "%s", gl_status_str(GL_ENOMEM));
	return GL_OK;
}

static const char *or_null(const struct gl_str *s)
{
	return s->len ? s->buf : NULL;
}

/* The bidirectional controls a letter's text keeps (a text may need them; the reader shows
 * them as placeholders and the command line escapes them), to say how many there are. */
static long bidi_count(const char *s, size_t n)
{
	long k = 0;
	/* every one is U+061C (D8 9C) or in U+200E-U+2069 (E2 80 8E - E2 81 A9): only those lead
	 * bytes are decoded, so that a long letter costs a byte loop */
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c != 0xE2 && c != 0xD8)
			continue;
		int32_t cp;
		size_t len = gl_utf8_decode(s + i, n - i, &cp);
		if (len && gl_clean_is_control(cp, GL_CLEAN_BIDI) && !gl_clean_is_control(cp, 0))
			k++;
		if (len)
			i += len - 1;
	}
	return k;
}

/* A school's or group's id: from the sink the first time the import meets the name. */
static enum gl_status name_id(struct letters *L, struct key_ids *seen,
	enum gl_status (*ask)(void *ctx, const char *name, int64_t *id, struct gl_error *err),
	const char *name, int64_t *id, const struct raw_letter *r, struct gl_error *err)
{
	if (key_ids_get(seen, name, strlen(name), id))
		return GL_OK;
	enum gl_status st = ask(L->k->ctx, name, id, err);
	if (st != GL_OK)
		return import_error_at(err, st, r->file, r->line);
	if (key_ids_put(seen, name, strlen(name), *id) != GL_OK)
		return gl_error_set(err, GL_ENOMEM, "%s", gl_status_str(GL_ENOMEM));
	return GL_OK;
}

/* Cleans, checks and hands one letter to the sink. */
static enum gl_status add_letter(struct letters *L, const struct raw_letter *r,
	struct gl_error *err)
{
	struct gl_clean_count removed = { 0, 0 };
	bool changed = false;
	enum gl_status st;
	struct { struct field f; struct gl_str *out; bool keep_leading; } parts[] = {
		{ r->text, &L->text, true }, { r->school, &L->school, false },
		{ r->group, &L->group, false }, { r->author, &L->author, false },
		{ r->date, &L->date, false }, { r->title, &L->title, false } };
	size_t count, text_count = 0;
	if (r->owned_text) {
		struct gl_utf8_info info;
		if (r->owned_info)
			info = *r->owned_info;  /* the reader scanned it already: one pass, not two */
		else if (!gl_utf8_scan(gl_str_cstr(r->owned_text), r->owned_text->len, &info, NULL))
			return gl_error_set_at(err, GL_EENCODING, r->file, r->line,
				_("the text is not valid UTF-8"));
		if (info.nfc_quick && !info.controls)
			st = clean_quick(gl_str_cstr(r->owned_text), r->owned_text->len, true, &info,
				&L->text, &text_count);
		else if ((st = text_clean_owned(r->owned_text, true, &L->text, &removed, &changed))
			== GL_OK)
			text_count = gl_utf8_count(gl_str_cstr(&L->text), L->text.len);
		if (st != GL_OK)
			return gl_error_set(err, GL_ENOMEM, "%s", gl_status_str(GL_ENOMEM));
	}
	for (size_t i = r->owned_text ? 1 : 0; i < sizeof parts / sizeof parts[0]; i++) {
		st = clean_field(L, parts[i].f, parts[i].keep_leading, parts[i].out, &removed, &changed,
			&count, r, err);
		if (st != GL_OK)
			return st;
		if (i == 0)
			text_count = count;
	}
	/* Only invisible characters (U+200B, U+2028, bidi controls, spaces) are no text. */
	if (!gl_clean_has_visible(L->text.buf, L->text.len))
		return gl_error_set_at(err, GL_EFORMAT, r->file, r->line, r->line
			? _("the letter's text is empty") : _("the letter has no text"));
	if (!gl_clean_has_visible(L->school.buf, L->school.len))
		return gl_error_set_at(err, GL_EFORMAT, r->file, r->line, _("no school"));
	if (!gl_clean_has_visible(L->group.buf, L->group.len))
		return gl_error_set_at(err, GL_EFORMAT, r->file, r->line, _("no respondent group"));
	/* Sources are paths: macOS writes them decomposed too, and a file's name may hold control
	 * characters that 'show letter' would otherwise print. */
	gl_str_clear(&L->source);
	if (gl_utf8_valid(r->source, strlen(r->source), NULL))
		st = gl_utf8_nfc(r->source, strlen(r->source), &L->source, NULL);
	else
		st = gl_str_puts(&L->source, r->source);
	if (st != GL_OK)
		return gl_error_set(err, GL_ENOMEM, "%s", gl_status_str(GL_ENOMEM));
	L->source.len = gl_clean_strip(L->source.buf, L->source.len, GL_CLEAN_BIDI, NULL);
	int64_t school_id, group_id;
	if ((st = name_id(L, &L->group_ids, L->k->ops->group, L->group.buf, &group_id, r, err))
		!= GL_OK)
		return st;
	if ((st = name_id(L, &L->school_ids, L->k->ops->school, L->school.buf, &school_id, r, err))
		!= GL_OK)
		return st;
	struct gl_document d = { 0 };
	d.kind = L->o && L->o->kind ? L->o->kind : "letter";
	d.school_id = school_id;
	d.group_id = group_id;
	d.author = or_null(&L->author);
	d.date = or_null(&L->date);
	d.title = or_null(&L->title);
	d.text = L->text.buf;
	d.text_len = L->text.len;
	d.length = (int64_t)text_count;
	d.text_checked = true;  /* checked and counted above: the store need not read it again */
	d.source = L->source.buf;
	enum gl_import_outcome out;
	if ((st = L->k->ops->letter(L->k->ctx, &d, &out, err)) != GL_OK)
		return import_error_at(err, st, r->file, r->line);
	if (out == GL_IMPORT_DUPLICATE) {
		L->sum->duplicates++;
		return GL_OK;
	}
	L->sum->letters++;
	L->sum->controls_removed += removed.controls;
	if (removed.controls)
		L->sum->controls_letters++;
	L->sum->sequences_removed += removed.sequences;
	if (removed.sequences)
		L->sum->sequences_letters++;
	long bidi = bidi_count(L->text.buf, L->text.len);
	L->sum->bidi_kept += bidi;
	if (bidi)
		L->sum->bidi_letters++;
	if (changed)
		L->sum->nfc_normalised++;
	if (r->enc == TEXT_CP1252)
		L->sum->from_cp1252++;
	else if (r->enc == TEXT_UTF16LE || r->enc == TEXT_UTF16BE)
		L->sum->from_utf16++;
	if (id_set_add(&L->schools, school_id, NULL) != GL_OK)
		return gl_error_set(err, GL_ENOMEM, "%s", gl_status_str(GL_ENOMEM));
	return GL_OK;
}

/* ---- Text files ---- */

static enum gl_status letter_from_txt(struct letters *L, const char *path, const char *school,
	const char *group, const char *source, struct gl_error *err)
{
	struct gl_str raw = GL_STR_INIT;
	enum text_encoding enc;
	struct gl_utf8_info info;
	bool have_info;
	enum gl_status st = text_read_letter(path, path, &raw, &enc, &info, &have_info, err);
	if (st == GL_OK) {
		struct raw_letter r = { .school = field_of(school), .group = field_of(group),
			.owned_text = &raw, .owned_info = have_info ? &info : NULL, .enc = enc,
			.file = path, .source = source };
		st = add_letter(L, &r, err);
	}
	gl_str_finish(&raw);
	return st;
}

static int compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The names in a folder, hidden ones left out, sorted bytewise so that every run imports in
 * the same order whatever the locale. */
static enum gl_status list_folder(const char *path, char ***names, size_t *count,
	struct gl_error *err)
{
	*names = NULL;
	*count = 0;
	DIR *d = opendir(path);
	if (!d)
		return gl_error_set_at(err, GL_EIO, path, 0, _("cannot read the folder: %s"),
			strerror(errno));
	size_t cap = 0;
	enum gl_status st = GL_OK;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		if (*count == cap) {
			cap = cap ? cap * 2 : 32;
			char **p = realloc(*names, cap * sizeof *p);
			if (!p) {
				st = gl_error_set(err, GL_ENOMEM, "%s", gl_status_str(GL_ENOMEM));
				break;
			}
			*names = p;
		}
		if (!((*names)[*count] = strdup(e->d_name))) {
			st = gl_error_set(err, GL_ENOMEM, "%s", gl_status_str(GL_ENOMEM));
			break;
		}
		(*count)++;
	}
	closedir(d);
	if (*count)
		qsort(*names, *count, sizeof **names, compare_names);
	return st;
}

/* Walks a folder: dirs[] are the folder names between the root and here (the first two). */
static enum gl_status walk(struct letters *L, struct gl_str *path, size_t root_len,
	const char *base, const char *dirs[2], int depth, struct gl_error *err)
{
	char **names;
	size_t count;
	enum gl_status st = list_folder(path->buf, &names, &count, err);
	int needed = (L->o && L->o->school ? 0 : 1) + (L->o && L->o->group ? 0 : 1);
	size_t keep = path->len;
	for (size_t i = 0; i < count && st == GL_OK; i++) {
		path->len = keep;
		path->buf[keep] = '\0';
		if (gl_str_printf(path, "%s%s", keep && path->buf[keep - 1] == '/' ? "" : "/",
			names[i]) != GL_OK) {
			st = gl_error_set(err, GL_ENOMEM, "%s", gl_status_str(GL_ENOMEM));
			break;
		}
		struct stat sb;
		if (lstat(path->buf, &sb) != 0) {
			st = gl_error_set_at(err, GL_EIO, path->buf, 0, "%s", strerror(errno));
			break;
		}
		bool link = S_ISLNK(sb.st_mode);
		if (link && stat(path->buf, &sb) != 0)
			continue;  /* a dangling link */
		if (S_ISDIR(sb.st_mode)) {
			if (link || depth + 1 > TREE_MAX_DEPTH)
				continue;  /* links could loop */
			const char *sub[2] = { dirs[0], dirs[1] };
			if (depth < 2)
				sub[depth] = names[i];
			st = walk(L, path, root_len, base, sub, depth + 1, err);
		} else if (!S_ISREG(sb.st_mode)) {
			continue;
		} else if (!import_has_ext(names[i], ".txt")) {
			L->sum->files_skipped++;
		} else if (depth != needed) {
			st = gl_error_set_at(err, GL_EINVAL, path->buf, 0,
				_("cannot tell this letter's school and respondent group: letters go in "
				"FOLDER/<school>/<group>/*.txt (or give --school and --group)"));
		} else {
			const char *school = L->o && L->o->school ? L->o->school : dirs[0];
			const char *group = L->o && L->o->group ? L->o->group : dirs[needed - 1];
			struct gl_str source = GL_STR_INIT;
			const char *rel = path->buf + root_len;
			while (*rel == '/')
				rel++;
			if (gl_str_printf(&source, "%s/%s", base, rel) != GL_OK)
				st = gl_error_set(err, GL_ENOMEM, "%s", gl_status_str(GL_ENOMEM));
			else
				st = letter_from_txt(L, path->buf, school, group, source.buf, err);
			gl_str_finish(&source);
		}
	}
	path->len = keep;
	if (path->buf)
		path->buf[keep] = '\0';
	for (size_t i = 0; i < count; i++)
		free(names[i]);
	free(names);
	return st;
}

/* ---- CSV files ---- */

enum { COL_SCHOOL, COL_GROUP, COL_AUTHOR, COL_DATE, COL_TITLE, COL_TEXT, NCOLS };

static const struct csv_column letter_columns[NCOLS] = {
	[COL_SCHOOL] = { { "school", "skola", "skolenhet", NULL }, true },
	[COL_GROUP] = { { "group", "grupp", "respondentgrupp", "respondent group", NULL }, true },
	[COL_AUTHOR] = { { "author", "författare", "skribent", NULL }, false },
	[COL_DATE] = { { "date", "datum", NULL }, false },
	[COL_TITLE] = { { "title", "titel", "rubrik", NULL }, false },
	[COL_TEXT] = { { "text", "brev", "letter", NULL }, true },
};

struct letters_csv {
	struct letters *L;
	const char *name;
	const char *source;
	const struct csv_info *info;
	int idx[NCOLS];
	size_t width;
	long header_line;
	long rows;
	struct gl_str row_source;
};

static enum gl_status letters_csv_row(void *ctx, const struct csv_row *row, struct gl_error *err)
{
	struct letters_csv *c = ctx;
	const struct gl_import_options *o = c->L->o;
	if (c->header_line == 0) {
		struct csv_column cols[NCOLS];
		memcpy(cols, letter_columns, sizeof cols);
		/* --school and --group stand in for missing columns, never for present ones. */
		cols[COL_SCHOOL].required = !(o && o->school);
		cols[COL_GROUP].required = !(o && o->group);
		enum gl_status st = csv_map_header(row, c->name, cols, NCOLS, c->idx, err);
		if (st != GL_OK)
			return st;
		if (o && o->school && c->idx[COL_SCHOOL] >= 0)
			return gl_error_set_at(err, GL_EINVAL, c->name, row->line,
				_("the file has a school column: --school is only for files without one"));
		if (o && o->group && c->idx[COL_GROUP] >= 0)
			return gl_error_set_at(err, GL_EINVAL, c->name, row->line,
				_("the file has a group column: --group is only for files without one"));
		c->width = row->n;
		c->header_line = row->line;
		return GL_OK;
	}
	c->rows++;
	enum gl_status st = csv_check_width(row, c->width, c->name, err);
	if (st != GL_OK)
		return st;
	gl_str_clear(&c->row_source);
	if (gl_str_printf(&c->row_source, "%s:%ld", c->source, row->line) != GL_OK)
		return gl_error_set(err, GL_ENOMEM, "%s", gl_status_str(GL_ENOMEM));
	struct raw_letter r = {
		.school = c->idx[COL_SCHOOL] >= 0 ? field_str(csv_field(row, c->idx[COL_SCHOOL]))
			: field_of(o->school),
		.group = c->idx[COL_GROUP] >= 0 ? field_str(csv_field(row, c->idx[COL_GROUP]))
			: field_of(o->group),
		.author = field_str(csv_field(row, c->idx[COL_AUTHOR])),
		.date = field_str(csv_field(row, c->idx[COL_DATE])),
		.title = field_str(csv_field(row, c->idx[COL_TITLE])),
		.text = field_str(csv_field(row, c->idx[COL_TEXT])),
		.enc = c->info->enc, .file = c->name, .line = row->line, .source = c->row_source.buf,
	};
	return add_letter(c->L, &r, err);
}

static enum gl_status letters_from_csv(struct letters *L, FILE *fp, const char *name,
	const char *source, struct gl_error *err)
{
	struct csv_info info;
	struct letters_csv c = { .L = L, .name = name, .source = source, .info = &info };
	enum gl_status st = csv_read(fp, name, letters_csv_row, &c, &info, err);
	if (st == GL_OK && c.rows == 0)
		st = gl_error_set_at(err, GL_EFORMAT, name, c.header_line,
			_("a header line but no letters below it"));
	gl_str_finish(&c.row_source);
	return st;
}

/* ---- Entry points ---- */

static void letters_init(struct letters *L, const struct gl_import_sink *k,
	const struct gl_import_options *o, struct gl_import_summary *sum)
{
	memset(L, 0, sizeof *L);
	L->k = k;
	L->o = o;
	L->sum = sum;
}

static void letters_finish(struct letters *L)
{
	L->sum->schools += (long)L->schools.n;
	id_set_finish(&L->schools);
	key_ids_finish(&L->school_ids);
	key_ids_finish(&L->group_ids);
	struct gl_str *strs[] = { &L->text, &L->school, &L->group, &L->author, &L->date, &L->title,
		&L->source, &L->scratch };
	for (size_t i = 0; i < sizeof strs / sizeof strs[0]; i++)
		gl_str_finish(strs[i]);
}

/* The folder's own name, without trailing slashes: the start of its letters' sources. */
static char *folder_base(const char *path)
{
	char *copy = strdup(path);
	if (!copy)
		return NULL;
	size_t n = strlen(copy);
	while (n > 1 && copy[n - 1] == '/')
		copy[--n] = '\0';
	const char *b = import_basename(copy);
	memmove(copy, b, strlen(b) + 1);
	return copy;
}

static enum gl_status import_path(struct letters *L, const char *path, struct gl_error *err)
{
	struct stat sb;
	if (stat(path, &sb) != 0) {
		if (errno == ENOENT)
			return gl_error_set_at(err, GL_ENOTFOUND, path, 0, _("no such file or folder"));
		return gl_error_set_at(err, GL_EIO, path, 0, "%s", strerror(errno));
	}
	if (S_ISDIR(sb.st_mode)) {
		struct gl_str p = GL_STR_INIT;
		char *base = folder_base(path);
		enum gl_status st = base && gl_str_puts(&p, path) == GL_OK ? GL_OK
			: gl_error_set(err, GL_ENOMEM, "%s", gl_status_str(GL_ENOMEM));
		const char *dirs[2] = { NULL, NULL };
		if (st == GL_OK)
			st = walk(L, &p, p.len, base, dirs, 0, err);
		free(base);
		gl_str_finish(&p);
		return st;
	}
	if (import_has_ext(path, ".csv")) {
		FILE *fp = fopen(path, "rb");
		if (!fp)
			return gl_error_set_at(err, GL_EIO, path, 0, _("cannot open the file: %s"),
				strerror(errno));
		enum gl_status st = letters_from_csv(L, fp, path, import_basename(path), err);
		fclose(fp);
		return st;
	}
	if (import_has_ext(path, ".txt")) {
		if (!L->o || !L->o->school || !L->o->group)
			return gl_error_set_at(err, GL_EINVAL, path, 0,
				_("which school and respondent group wrote this letter? Give --school and "
				"--group, or put it in a folder <school>/<group>/"));
		return letter_from_txt(L, path, L->o->school, L->o->group, import_basename(path), err);
	}
	return gl_error_set_at(err, GL_EINVAL, path, 0,
		_("cannot import letters from this kind of file (expected .txt, .csv or a folder)"));
}

enum gl_status gl_import_letters_sink(const struct gl_import_sink *k, const char *const *paths,
	size_t npaths, const struct gl_import_options *o, struct gl_import_summary *sum,
	struct gl_error *err)
{
	struct letters L;
	letters_init(&L, k, o, sum);
	enum gl_status st = GL_OK;
	for (size_t i = 0; i < npaths && st == GL_OK; i++)
		st = import_path(&L, paths[i], err);
	letters_finish(&L);
	return st;
}

enum gl_status import_letters_csv_stream(const struct gl_import_sink *k, FILE *fp,
	const char *name, const char *source, const struct gl_import_options *o,
	struct gl_import_summary *sum, struct gl_error *err)
{
	struct letters L;
	letters_init(&L, k, o, sum);
	enum gl_status st = letters_from_csv(&L, fp, name, source, err);
	letters_finish(&L);
	return st;
}
