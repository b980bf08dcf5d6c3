/* Text at the edge: encoding detection and conversion, line ends, control characters, NFC. */
#include "import_internal.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "genomlys/clean.h"
#include "genomlys/i18n.h"
#include "genomlys/utf8.h"

/* NFC works on pieces of about this size (see text_nfc). */
#define NFC_PIECE (1 << 20)

enum text_encoding text_detect_bom(const unsigned char *p, size_t n, size_t *bom_len)
{
	*bom_len = 0;
	if (n >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF) {
		*bom_len = 3;
		return TEXT_UTF8_BOM;
	}
	if (n >= 2 && p[0] == 0xFF && p[1] == 0xFE) {
		*bom_len = 2;
		return TEXT_UTF16LE;
	}
	if (n >= 2 && p[0] == 0xFE && p[1] == 0xFF) {
		*bom_len = 2;
		return TEXT_UTF16BE;
	}
	return TEXT_UTF8;
}

const char *text_encoding_name(enum text_encoding enc)
{
	switch (enc) {
	case TEXT_UTF8: return "UTF-8";
	case TEXT_UTF8_BOM: return "UTF-8";
	case TEXT_UTF16LE: return "UTF-16LE";
	case TEXT_UTF16BE: return "UTF-16BE";
	case TEXT_CP1252: return "WINDOWS-1252";
	}
	return "UTF-8";
}

/* The line ends (CR, LF, CRLF as one) in p[0..n), found with memchr; *prev is the byte before
 * p (0 at the start), and the last byte of p afterwards. */
static long line_ends(const unsigned char *p, size_t n, unsigned char *prev)
{
	long k = 0;
	const unsigned char *e = p + n, *q;
	for (q = p; q < e && (q = memchr(q, '\n', (size_t)(e - q))) != NULL; q++)
		k += (q == p ? *prev : q[-1]) != '\r';
	for (q = p; q < e && (q = memchr(q, '\r', (size_t)(e - q))) != NULL; q++)
		k++;
	if (n > 0)
		*prev = p[n - 1];
	return k;
}

enum gl_status text_lines_normalise(struct text_lines *tl, const char *in, size_t n,
	struct gl_str *out, long *lines)
{
	enum gl_status st = gl_str_reserve(out, n);
	if (st != GL_OK)
		return st;
	char *w = out->buf + out->len;
	long nl = 0;
	size_t i = 0;
	if (tl->pending_cr && n > 0) {
		tl->pending_cr = false;
		if (in[0] == '\n')
			i = 1;  /* the LF of a CRLF split across two pieces */
	}
	/* Spans without a CR are copied whole: most files have none. */
	while (i < n) {
		const char *cr = memchr(in + i, '\r', n - i);
		size_t end = cr ? (size_t)(cr - in) : n;
		memcpy(w, in + i, end - i);
		w += end - i;
		if (lines)  /* the span has no CR: its line ends are its LFs */
			nl += line_ends((const unsigned char *)in + i, end - i, &(unsigned char){ 0 });
		if (!cr)
			break;
		*w++ = '\n';
		nl++;
		i = end + 1;
		if (i == n)
			tl->pending_cr = true;
		else if (in[i] == '\n')
			i++;
	}
	out->len = (size_t)(w - out->buf);
	out->buf[out->len] = '\0';
	if (lines)
		*lines += nl;
	return GL_OK;
}

/* An incremental UTF-8 check, so that a file can be checked in pieces. */
struct utf8_scan {
	int need;                 /* continuation bytes still expected */
	unsigned char lo, hi;     /* the range the next continuation byte must be in */
};

static bool utf8_scan_byte(struct utf8_scan *u, unsigned char c)
{
	if (u->need == 0) {
		if (c < 0x80)
			return true;
		u->lo = 0x80;
		u->hi = 0xBF;
		if (c >= 0xC2 && c <= 0xDF)
			u->need = 1;
		else if (c == 0xE0)
			u->need = 2, u->lo = 0xA0;      /* no overlong forms */
		else if ((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF)
			u->need = 2;
		else if (c == 0xED)
			u->need = 2, u->hi = 0x9F;      /* no surrogates */
		else if (c == 0xF0)
			u->need = 3, u->lo = 0x90;
		else if (c >= 0xF1 && c <= 0xF3)
			u->need = 3;
		else if (c == 0xF4)
			u->need = 3, u->hi = 0x8F;      /* nothing past U+10FFFF */
		else
			return false;
		return true;
	}
	if (c < u->lo || c > u->hi)
		return false;
	u->need--;
	u->lo = 0x80;
	u->hi = 0xBF;
	return true;
}

static enum gl_status read_error(struct text_reader *r, struct gl_error *err)
{
	return gl_error_set_at(err, GL_EIO, r->name, 0, _("cannot read the file: %s"),
		strerror(errno ? errno : EIO));
}

static enum gl_status not_text(const char *name, struct gl_error *err)
{
	return gl_error_set_at(err, GL_EFORMAT, name, 0, _("not a text file (contains NUL bytes)"));
}

/* Are these 8 bytes all ASCII and none of them NUL? (Each byte in 0x01-0x7F: no high bit in
 * a byte or in the byte less one.) */
static bool plain8(const unsigned char *p)
{
	uint64_t w;
	memcpy(&w, p, sizeof w);
	return (((w - UINT64_C(0x0101010101010101)) | w) & UINT64_C(0x8080808080808080)) == 0;
}


/* The first pass over a file without a UTF-16 BOM: NUL bytes refuse it, and invalid UTF-8
 * means Windows-1252 (or an error, after a UTF-8 BOM). The first n bytes are in r->raw.
 * ASCII is checked eight bytes at a time; lines are counted a piece at a time, and only after a
 * BOM, the one case whose message names a line. */
static enum gl_status scan_file(struct text_reader *r, size_t n, bool bom, bool *valid,
	struct gl_error *err)
{
	struct utf8_scan u = { 0, 0x80, 0xBF };
	long line = 1;            /* of r->raw[0] */
	unsigned char prev = 0;   /* the byte before r->raw[0] */
	*valid = true;
	for (;;) {
		const unsigned char *p = (const unsigned char *)r->raw;
		size_t i = 0;
		while (i < n) {
			if (u.need == 0 && i + 8 <= n && plain8(p + i)) {
				i += 8;
				continue;
			}
			unsigned char c = p[i];
			if (c == 0)
				return not_text(r->name, err);
			if (*valid && !utf8_scan_byte(&u, c)) {
				*valid = false;
				if (bom)
					return gl_error_set_at(err, GL_EENCODING, r->name,
						line + line_ends(p, i, &prev),
						_("the file starts with a UTF-8 byte order mark but is not valid UTF-8"));
				u.need = 0;  /* Windows-1252 now: only NUL bytes are looked for */
			}
			i++;
		}
		if (bom)
			line += line_ends(p, n, &prev);
		if (n < TEXT_CHUNK && feof(r->fp))
			break;
		n = fread(r->raw, 1, TEXT_CHUNK, r->fp);
		if (ferror(r->fp))
			return read_error(r, err);
		if (n == 0)
			break;
	}
	if (*valid && u.need != 0) {
		*valid = false;
		if (bom)
			return gl_error_set_at(err, GL_EENCODING, r->name, line,
				_("the file starts with a UTF-8 byte order mark but is not valid UTF-8"));
	}
	return GL_OK;
}

enum gl_status text_reader_open(struct text_reader *r, FILE *fp, const char *name,
	struct gl_error *err)
{
	memset(r, 0, sizeof *r);
	r->fp = fp;
	r->name = name;
	r->cd = (iconv_t)-1;
	r->line = 1;
	r->raw = malloc(TEXT_CHUNK);
	if (!r->raw)
		return gl_error_set(err, GL_ENOMEM, "%s", gl_status_str(GL_ENOMEM));
	errno = 0;
	size_t n = fread(r->raw, 1, TEXT_CHUNK, fp);
	if (ferror(fp))
		return read_error(r, err);
	if (n == 0)
		return gl_error_set_at(err, GL_EFORMAT, name, 0, _("the file is empty"));
	size_t bom;
	enum text_encoding enc = text_detect_bom((const unsigned char *)r->raw, n, &bom);
	if (enc == TEXT_UTF16LE || enc == TEXT_UTF16BE) {
		/* NUL bytes are normal here; a NUL character is caught after decoding. */
		memmove(r->raw, r->raw + bom, n - bom);
		r->raw_len = n - bom;
	} else {
		bool valid;
		enum gl_status st = scan_file(r, n, bom > 0, &valid, err);
		if (st != GL_OK)
			return st;
		enc = bom ? TEXT_UTF8_BOM : valid ? TEXT_UTF8 : TEXT_CP1252;
		/* Decide first, convert second: the file is read twice, never held whole. */
		clearerr(fp);
		if (fseek(fp, (long)bom, SEEK_SET) != 0)
			return gl_error_set_at(err, GL_EIO, name, 0,
				_("cannot read the file a second time (it must be a regular file)"));
	}
	r->enc = enc;
	if (enc != TEXT_UTF8 && enc != TEXT_UTF8_BOM) {
		r->cd = iconv_open("UTF-8", text_encoding_name(enc));
		if (r->cd == (iconv_t)-1)
			return gl_error_set_at(err, GL_EENCODING, name, 0,
				_("this system cannot convert text from %s"), text_encoding_name(enc));
	}
	return GL_OK;
}

/* Decodes r->raw (Windows-1252 or UTF-16) into r->decoded; *used is the number of bytes
 * consumed. */
static enum gl_status decode(struct text_reader *r, size_t *used, struct gl_error *err)
{
	gl_str_clear(&r->decoded);
	char *in = r->raw;
	size_t inleft = r->raw_len;
	for (;;) {
		/* Windows-1252 grows to at most 3 bytes a byte; UTF-16 to 3 per 2 bytes. */
		if (gl_str_reserve(&r->decoded, inleft * 3 + 16) != GL_OK)
			return gl_error_set(err, GL_ENOMEM, "%s", gl_status_str(GL_ENOMEM));
		char *out = r->decoded.buf + r->decoded.len;
		size_t outleft = r->decoded.cap - r->decoded.len - 1;
		size_t before = outleft;
		size_t rc = iconv(r->cd, &in, &inleft, &out, &outleft);
		int e = errno;
		r->decoded.len += before - outleft;
		r->decoded.buf[r->decoded.len] = '\0';
		if (rc != (size_t)-1 || e == EINVAL)
			break;  /* all done, or an incomplete character that the next read completes */
		if (e == E2BIG)
			continue;
		/* EILSEQ: find the line for the message from the text decoded so far. */
		struct gl_str tmp = GL_STR_INIT;
		struct text_lines tl = r->lines;
		long line = r->line;
		text_lines_normalise(&tl, r->decoded.buf, r->decoded.len, &tmp, &line);
		gl_str_finish(&tmp);
		if (r->enc == TEXT_CP1252)
			return gl_error_set_at(err, GL_EENCODING, r->name, line,
				_("neither UTF-8 nor Windows-1252 text (byte 0x%02X)"), (unsigned char)*in);
		return gl_error_set_at(err, GL_EENCODING, r->name, line, _("invalid UTF-16 text"));
	}
	*used = (size_t)(in - r->raw);
	return GL_OK;
}

enum gl_status text_reader_read(struct text_reader *r, struct gl_str *out, struct gl_error *err)
{
	gl_str_clear(out);
	for (;;) {
		if (!r->eof && r->raw_len < TEXT_CHUNK) {
			size_t want = TEXT_CHUNK - r->raw_len;
			errno = 0;
			size_t got = fread(r->raw + r->raw_len, 1, want, r->fp);
			if (got < want) {
				if (ferror(r->fp))
					return read_error(r, err);
				r->eof = true;
			}
			r->raw_len += got;
		}
		if (r->raw_len == 0)
			return GL_OK;
		if (r->cd == (iconv_t)-1) {
			/* UTF-8 needs no decoding: the piece goes from the file's buffer to out, its
			 * line ends normalised on the way. Its lines are not counted: only a decoding
			 * error needs them. */
			if (memchr(r->raw, '\0', r->raw_len))
				return not_text(r->name, err);
			if (text_lines_normalise(&r->lines, r->raw, r->raw_len, out, NULL) != GL_OK)
				return gl_error_set(err, GL_ENOMEM, "%s", gl_status_str(GL_ENOMEM));
			r->raw_len = 0;
			if (out->len > 0)
				return GL_OK;
			continue;
		}
		size_t used = 0;
		enum gl_status st = decode(r, &used, err);
		if (st != GL_OK)
			return st;
		if (used == 0 && r->eof)
			return gl_error_set_at(err, GL_EENCODING, r->name, 0, r->enc == TEXT_CP1252
				? _("the file ends in the middle of a character")
				: _("the file ends in the middle of a UTF-16 character (an odd number of "
				"bytes: it is cut short or not UTF-16)"));
		memmove(r->raw, r->raw + used, r->raw_len - used);
		r->raw_len -= used;
		if (memchr(r->decoded.buf, '\0', r->decoded.len))
			return not_text(r->name, err);
		if (text_lines_normalise(&r->lines, r->decoded.buf, r->decoded.len, out, &r->line)
			!= GL_OK)
			return gl_error_set(err, GL_ENOMEM, "%s", gl_status_str(GL_ENOMEM));
		if (out->len > 0)
			return GL_OK;
	}
}

void text_reader_finish(struct text_reader *r)
{
	if (r->cd != (iconv_t)-1)
		iconv_close(r->cd);
	r->cd = (iconv_t)-1;
	free(r->raw);
	r->raw = NULL;
	gl_str_finish(&r->decoded);
}

enum gl_status text_read_file(const char *path, const char *name, struct gl_str *out,
	enum text_encoding *enc, struct gl_error *err)
{
	gl_str_clear(out);
	FILE *fp = fopen(path, "rb");
	if (!fp)
		return gl_error_set_at(err, errno == ENOENT ? GL_ENOTFOUND : GL_EIO, name, 0,
			_("cannot open the file: %s"), strerror(errno));
	struct text_reader r;
	struct gl_str piece = GL_STR_INIT;
	enum gl_status st = text_reader_open(&r, fp, name, err);
	while (st == GL_OK) {
		st = text_reader_read(&r, &piece, err);
		if (st != GL_OK || piece.len == 0)
			break;
		if (gl_str_append(out, piece.buf, piece.len) != GL_OK)
			st = gl_error_set(err, GL_ENOMEM, "%s", gl_status_str(GL_ENOMEM));
	}
	if (st == GL_OK)
		*enc = r.enc;
	gl_str_finish(&piece);
	text_reader_finish(&r);
	fclose(fp);
	return st;
}

/* Turns CRLF and lone CR into LF in place; returns the new length. */
static size_t lines_in_place(char *buf, size_t n)
{
	char *cr = memchr(buf, '\r', n);
	if (!cr)
		return n;  /* the usual case: nothing to do, and memchr is fast */
	size_t w = (size_t)(cr - buf);
	for (size_t i = w; i < n; i++) {
		if (buf[i] == '\r') {
			buf[w++] = '\n';
			if (i + 1 < n && buf[i + 1] == '\n')
				i++;
		} else {
			buf[w++] = buf[i];
		}
	}
	buf[w] = '\0';
	return w;
}

enum gl_status text_read_letter(const char *path, const char *name, struct gl_str *out,
	enum text_encoding *enc, struct gl_utf8_info *info, bool *have_info, struct gl_error *err)
{
	*have_info = false;
	gl_str_clear(out);
	FILE *fp = fopen(path, "rb");
	if (!fp)
		return gl_error_set_at(err, errno == ENOENT ? GL_ENOTFOUND : GL_EIO, name, 0,
			_("cannot open the file: %s"), strerror(errno));
	enum gl_status st = GL_OK;
	for (;;) {
		if (gl_str_reserve(out, TEXT_CHUNK) != GL_OK) {
			st = gl_error_set(err, GL_ENOMEM, "%s", gl_status_str(GL_ENOMEM));
			break;
		}
		errno = 0;
		size_t want = out->cap - out->len - 1;
		size_t got = fread(out->buf + out->len, 1, want, fp);
		out->len += got;
		out->buf[out->len] = '\0';
		if (got < want) {
			if (ferror(fp))
				st = gl_error_set_at(err, GL_EIO, name, 0, _("cannot read the file: %s"),
					strerror(errno ? errno : EIO));
			break;
		}
	}
	fclose(fp);
	if (st != GL_OK)
		return st;
	if (out->len == 0)
		return gl_error_set_at(err, GL_EFORMAT, name, 0, _("the file is empty"));
	size_t bom;
	enum text_encoding e = text_detect_bom((const unsigned char *)out->buf, out->len, &bom);
	if (e == TEXT_UTF8 || e == TEXT_UTF8_BOM) {
		memmove(out->buf, out->buf + bom, out->len - bom + 1);
		out->len = lines_in_place(out->buf, out->len - bom);
		/* One pass: valid UTF-8, and no NUL (a control, so looked for only then). */
		if (gl_utf8_scan(out->buf, out->len, info, NULL) &&
			!(info->controls && memchr(out->buf, '\0', out->len))) {
			*enc = bom ? TEXT_UTF8_BOM : TEXT_UTF8;
			*have_info = true;
			return GL_OK;
		}
	}
	/* UTF-16, Windows-1252 or a refusal: the reader that decides and converts, with its own
	 * messages (the file is read again, as only these need). */
	return text_read_file(path, name, out, enc, err);
}

enum gl_status text_remove_controls(const char *in, size_t n, unsigned flags, struct gl_str *out,
	struct gl_clean_count *removed)
{
	gl_str_clear(out);
	if (gl_str_append(out, in, n) != GL_OK)
		return GL_ENOMEM;
	out->len = gl_clean_strip_count(out->buf, out->len, flags, removed);
	return GL_OK;
}

static bool is_ascii(char c)
{
	return (unsigned char)c < 0x80;
}

/* True when nothing in s is at or above U+0300: such text is NFC already (no combining marks,
 * no decompositions, nothing to compose), so Swedish text (å ä ö) skips utf8proc. */
static bool below_combining(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x80)
			continue;
		if (c < 0xC2 || c > 0xCB)
			return false;
		i++;  /* the continuation byte of U+0080..U+02FF */
	}
	return true;
}

enum gl_status text_nfc(const char *in, size_t n, struct gl_str *out, bool *changed)
{
	if (below_combining(in, n)) {
		gl_str_clear(out);
		if (changed)
			*changed = false;
		return gl_str_append(out, in, n);
	}
	gl_str_clear(out);
	if (changed)
		*changed = false;
	struct gl_str piece = GL_STR_INIT;
	enum gl_status st = GL_OK;
	size_t pos = 0;
	if (n == 0)
		st = gl_str_reserve(out, 0);
	while (st == GL_OK && pos < n) {
		size_t end = n;
		if (n - pos > NFC_PIECE) {
			/* Between two ASCII characters nothing composes or reorders: a safe cut. */
			end = pos + NFC_PIECE;
			while (end > pos + 1 && !(is_ascii(in[end - 1]) && is_ascii(in[end])))
				end--;
			if (end <= pos + 1) {
				end = pos + NFC_PIECE;
				while (end < n && !(is_ascii(in[end - 1]) && is_ascii(in[end])))
					end++;
			}
		}
		bool ch = false;
		st = gl_utf8_nfc(in + pos, end - pos, &piece, &ch);
		if (st == GL_OK)
			st = gl_str_append(out, piece.buf ? piece.buf : "", piece.len);
		if (ch && changed)
			*changed = true;
		pos = end;
	}
	gl_str_finish(&piece);
	return st;
}

static bool is_blank_char(char c)
{
	return c == ' ' || c == '\t' || c == '\n';
}

bool text_is_blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!is_blank_char(s[i]))
			return false;
	return true;
}

/* Trims blanks at the end, and at the start unless keep_leading. */
static void trim(struct gl_str *out, bool keep_leading)
{
	while (out->len && is_blank_char(out->buf[out->len - 1]))
		out->len--;
	out->buf[out->len] = '\0';
	if (!keep_leading) {
		size_t k = 0;
		while (k < out->len && is_blank_char(out->buf[k]))
			k++;
		memmove(out->buf, out->buf + k, out->len - k + 1);
		out->len -= k;
	}
}

enum gl_status text_clean(const char *in, size_t n, bool keep_leading, struct gl_str *out,
	struct gl_str *scratch, struct gl_clean_count *removed, bool *changed)
{
	/* A letter keeps its bidi controls (Arabic or Hebrew text may need them; the terminal
	 * sees them escaped); a name or a cell loses them, as names from the command line do. */
	enum gl_status st = text_remove_controls(in, n, keep_leading ? 0 : GL_CLEAN_BIDI, scratch,
		removed);
	bool ch = false;
	if (st == GL_OK)
		st = text_nfc(gl_str_cstr(scratch), scratch->len, out, &ch);
	if (st != GL_OK)
		return st;
	if (ch && changed)
		*changed = true;
	trim(out, keep_leading);
	return GL_OK;
}

enum gl_status text_clean_owned(struct gl_str *in, bool keep_leading, struct gl_str *out,
	struct gl_clean_count *removed, bool *changed)
{
	/* Controls go in place (the text only shrinks): one copy of a big letter less. */
	if (in->buf)
		in->len = gl_clean_strip_count(in->buf, in->len, keep_leading ? 0 : GL_CLEAN_BIDI, removed);
	bool ch = false;
	enum gl_status st = text_nfc(gl_str_cstr(in), in->len, out, &ch);
	gl_str_finish(in);
	if (st != GL_OK)
		return st;
	if (ch && changed)
		*changed = true;
	trim(out, keep_leading);
	return GL_OK;
}

/* Skips spaces, and the no-break spaces that Swedish Excel writes as thousands separators. */
static const char *skip_space(const char *s)
{
	for (;;) {
		if (*s == ' ' || *s == '\t')
			s++;
		else if ((unsigned char)s[0] == 0xC2 && (unsigned char)s[1] == 0xA0)
			s += 2;
		else
			return s;
	}
}

bool text_parse_decimal(const char *s, double *out)
{
	static const double pow10[] = { 1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10,
		1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18 };
	s = skip_space(s);
	bool neg = false;
	if (*s == '-' || *s == '+') {
		neg = *s == '-';
		s++;
	} else if (!strncmp(s, "\xe2\x88\x92", 3)) {
		neg = true;  /* U+2212 MINUS SIGN, as some spreadsheets write it */
		s += 3;
	}
	uint64_t m = 0;
	int sig = 0, frac = 0;
	bool any = false, point = false;
	for (; *s; s++) {
		if (*s >= '0' && *s <= '9') {
			any = true;
			if (point)
				frac++;
			if (m == 0 && *s == '0')
				continue;  /* leading zeros are not significant */
			if (++sig > 18)
				return false;
			m = m * 10 + (uint64_t)(*s - '0');
		} else if ((*s == ',' || *s == '.') && !point) {
			point = true;
		} else {
			break;
		}
	}
	if (*skip_space(s) != '\0' || !any || frac > 18)
		return false;
	if (s[-1] == ',' || s[-1] == '.')
		return false;  /* "7," is more likely a typo than 7 */
	double v = (double)m / pow10[frac];
	*out = neg ? -v : v;
	return true;
}

bool text_parse_int(const char *s, long long min, long long max, long long *out)
{
	s = skip_space(s);
	bool neg = *s == '-';
	if (*s == '-' || *s == '+')
		s++;
	if (*s < '0' || *s > '9')
		return false;
	long long v = 0;
	for (; *s >= '0' && *s <= '9'; s++) {
		if (v > (LLONG_MAX - 9) / 10)
			return false;
		v = v * 10 + (*s - '0');
	}
	if (*skip_space(s) != '\0')
		return false;
	if (neg)
		v = -v;
	if (v < min || v > max)
		return false;
	*out = v;
	return true;
}
