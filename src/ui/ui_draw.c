/* Drawing: reads the app's state and paints it; changes nothing but layout bookkeeping. */
#include "ui_internal.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "genomlys/i18n.h"
#include "genomlys/outfile.h"
#include "genomlys/utf8.h"

static void set_el(struct ui *ui, enum gl_theme_element e, attr_t extra)
{
	attr_set(ui->attrs[e] | extra, ui->pairs[e], NULL);
}

static void fill(struct ui *ui, int y, int x, int w, enum gl_theme_element e, attr_t extra)
{
	set_el(ui, e, extra);
	for (int i = 0; i < w; i++)
		mvaddch(y, x + i, ' ');
}

/* Draws UTF-8 text at (y, x) in at most maxw columns; returns the columns used. Control
 * characters show as '?', tabs as a space. With ellipsis, text that does not fit ends in '…'. */
static int put(int y, int x, int maxw, const char *s, size_t len, bool ellipsis)
{
	int used = 0;
	size_t i = 0;
	if (maxw <= 0)
		return 0;
	if (ellipsis && gl_utf8_valid(s, len, NULL) && (int)gl_utf8_width(s, len) > maxw)
		maxw--;
	else
		ellipsis = false;
	move(y, x);
	while (i < len) {
		int32_t cp = '?';
		size_t n = 1;
		unsigned char c = (unsigned char)s[i];
		if (c < 0x80) {
			cp = c;
		} else {
			size_t rest = len - i;
			n = gl_utf8_decode(s + i, rest, &cp);
			if (n == 0 || n > rest) {
				n = 1;
				cp = '?';
			}
		}
		if (cp == '\t' || cp == '\n')
			cp = ' ';
		else if (cp < 32 || cp == 127 || (cp >= 0x80 && cp < 0xa0) || gl_utf8_is_bidi_control(cp))
			cp = '?';  /* controls never reach the terminal: a visible placeholder */
		if (wcwidth((wchar_t)cp) < 0)
			cp = '?';  /* the terminal's locale cannot draw it */
		int w = gl_utf8_cp_width(cp);
		if (used + w > maxw)
			break;
		if (w == 0 && used == 0) {
			i += n;  /* a combining mark with nothing to combine with */
			continue;
		}
		wchar_t wc[2] = { (wchar_t)cp, 0 };
		addnwstr(wc, 1);
		used += w;
		i += n;
	}
	if (ellipsis) {
		addnwstr(L"…", 1);
		used++;
	}
	return used;
}

void ui_set_el(struct ui *ui, enum gl_theme_element e, attr_t extra)
{
	set_el(ui, e, extra);
}

void ui_fill(struct ui *ui, int y, int x, int w, enum gl_theme_element e, attr_t extra)
{
	fill(ui, y, x, w, e, extra);
}

int ui_put(int y, int x, int maxw, const char *s, size_t len, bool ellipsis)
{
	return put(y, x, maxw, s, len, ellipsis);
}

int ui_text_width(const char *s)
{
	size_t len = strlen(s);
	return gl_utf8_valid(s, len, NULL) ? (int)gl_utf8_width(s, len) : (int)len;
}

static int put_str(int y, int x, int maxw, const char *s)
{
	return put(y, x, maxw, s, strlen(s), true);
}

static int text_width(const char *s)
{
	size_t len = strlen(s);
	return gl_utf8_valid(s, len, NULL) ? (int)gl_utf8_width(s, len) : (int)len;
}

/* Draws a message in at most maxw columns, leaving out its middle when it does not fit: the
 * end of a message often matters most (the file a path names, the reason after a colon). */
static int put_message(int y, int x, int maxw, const char *s)
{
	size_t len = strlen(s);
	if (maxw < 8 || !gl_utf8_valid(s, len, NULL) || (int)gl_utf8_width(s, len) <= maxw)
		return put(y, x, maxw, s, len, true);
	int head = (maxw - 1) / 2, tail = maxw - 1 - head;
	int rest = (int)gl_utf8_width(s, len);
	size_t i = 0;
	while (i < len && rest > tail) {
		int32_t cp;
		size_t n = gl_utf8_decode(s + i, len - i, &cp);
		if (n == 0)
			break;
		rest -= gl_utf8_cp_width(cp);
		i += n;
	}
	/* a combining mark belongs to the character before it, which was left out */
	while (i < len) {
		int32_t cp;
		size_t n = gl_utf8_decode(s + i, len - i, &cp);
		if (n == 0 || gl_utf8_cp_width(cp) != 0)
			break;
		i += n;
	}
	int used = put(y, x, head, s, len, false);
	used += put(y, x + used, 1, "…", strlen("…"), false);
	return used + put(y, x + used, maxw - used, s + i, len - i, false);
}

/* ---- The tab bar ---- */

/* A tab's label: " 3 Letters " (the key that shows the pane, its number unless rebound);
 * compact, only the key, for the tabs other than the active one on a narrow screen. */
static void tab_label(struct gl_app *a, int i, bool compact, char *label, size_t size)
{
	if (i >= GL_PANE_TABS) {
		snprintf(label, size, " %s ", _(a->panes[i].ops->title));
		return;
	}
	char keys[32] = "";
	gl_keymap_keys(&a->keymap, a->panes[i].ops->show, keys, sizeof keys);
	char *space = strchr(keys, ',');
	if (space)
		*space = '\0';
	if (compact && i != (int)a->pane)
		snprintf(label, size, " %s ", keys[0] ? keys : "·");
	else
		snprintf(label, size, " %s %s ", keys[0] ? keys : "·", _(a->panes[i].ops->title));
}

static void draw_tabs(struct ui *ui)
{
	struct gl_app *a = ui->app;
	fill(ui, 0, 0, COLS, GL_EL_TAB_BAR, 0);
	/* every label whole when they fit; else the others by their key only, so that the active
	 * pane's tab is always seen (at 60 columns it was cut off after "5 Ranking") */
	bool compact = false;
	int need = 0;
	for (int i = 0; i < GL_PANE_COUNT; i++) {
		char label[96];
		if (i >= GL_PANE_TABS && i != (int)a->pane)
			continue;
		tab_label(a, i, false, label, sizeof label);
		need += text_width(label) + 1;
	}
	compact = need > COLS;
	int x = 0;
	for (int i = 0; i < GL_PANE_COUNT; i++) {
		char label[96];
		ui->tab_x[i] = x;
		if (i >= GL_PANE_TABS && i != (int)a->pane)
			continue;  /* the codebook and the review have a tab while shown */
		tab_label(a, i, compact, label, sizeof label);
		enum gl_theme_element e = i == (int)a->pane && !a->help ? GL_EL_TAB_ACTIVE
			: GL_EL_TAB_INACTIVE;
		set_el(ui, e, 0);
		x += put_str(0, x, COLS - x, label);
		set_el(ui, GL_EL_TAB_BAR, 0);
		if (x < COLS)
			mvaddch(0, x++, ' ');
	}
	ui->tab_x[GL_PANE_COUNT] = x;
	/* The filter, right-aligned: what every pane is showing. */
	struct gl_str f = GL_STR_INIT;
	if (a->school)
		gl_str_printf(&f, "%s", a->school);
	if (a->group)
		gl_str_printf(&f, "%s%s", f.len ? " · " : "", a->group);
	if (a->search)
		gl_str_printf(&f, "%s/%s", f.len ? " · " : "", a->search);
	if (f.len) {
		gl_str_putc(&f, ' ');
		int w = text_width(gl_str_cstr(&f));
		int room = COLS - x - 1;
		if (room > 8) {
			set_el(ui, GL_EL_TAB_FILTER, 0);
			put_str(0, w < room ? COLS - w : x + 1, room, gl_str_cstr(&f));
		}
	}
	gl_str_finish(&f);
}

/* ---- The table widget ---- */

static enum gl_theme_element cell_element(unsigned char style)
{
	switch (style) {
	case GL_CELL_LOW: return GL_EL_SURVEY_LOW;
	case GL_CELL_TOTAL: return GL_EL_LIST_TOTAL;
	case GL_CELL_MARK: return GL_EL_LIST_MARK;
	case GL_CELL_MEAN: return GL_EL_SURVEY_MEAN;
	case GL_CELL_DIM: return GL_EL_LIST_EMPTY;
	case GL_CELL_STRENGTH: return GL_EL_FINDING_STRENGTH;
	case GL_CELL_AREA: return GL_EL_FINDING_AREA;
	case GL_CELL_CHALLENGE: return GL_EL_FINDING_CHALLENGE;
	case GL_CELL_HEAT1: return GL_EL_HEAT_1;
	case GL_CELL_HEAT2: return GL_EL_HEAT_2;
	case GL_CELL_HEAT3: return GL_EL_HEAT_3;
	case GL_CELL_HEAT4: return GL_EL_HEAT_4;
	case GL_CELL_LINK: return GL_EL_DETAIL_LINK;
	case GL_CELL_TITLE: return GL_EL_DETAIL_TITLE;
	case GL_CELL_CODED: return GL_EL_CODE_2;
	case GL_CELL_CODED_DIFF: return GL_EL_CODE_4;
	default: return GL_EL_NORMAL;
	}
}

static void draw_cell(int y, int x, int w, const char *text, enum gl_align align)
{
	int tw = text_width(text);
	int pad = align == GL_ALIGN_RIGHT && tw < w ? w - tw : 0;
	put_str(y, x + pad, w - pad, text);
}

static void draw_table(struct ui *ui, struct gl_table *t, struct ui_rect *r, bool focused)
{
	struct gl_app *a = ui->app;
	int y = r->y;
	for (int row = 0; row < r->h; row++)
		fill(ui, r->y + row, r->x, r->w, GL_EL_NORMAL, 0);
	struct gl_table_layout L;
	if (gl_table_layout(t, r->w, &L) != GL_OK) {
		gl_app_message(a, true, "%s", gl_status_str(GL_ENOMEM));
		return;
	}
	if (t->caption) {
		set_el(ui, cell_element(t->caption_style), 0);
		put_str(y, r->x, r->w, t->caption);
		y++;
	}
	if (!t->caption || t->ncols > 1) {
		fill(ui, y, r->x, r->w, GL_EL_LIST_HEADER, 0);
		for (int c = 0; c < t->ncols; c++) {
			if (!L.shown[c])
				continue;
			enum gl_theme_element e = c == t->col_cursor ? GL_EL_LIST_HEADER_ACTIVE
				: GL_EL_LIST_HEADER;
			fill(ui, y, r->x + L.x[c], L.w[c], e, 0);
			set_el(ui, e, 0);
			draw_cell(y, r->x + L.x[c], L.w[c], t->cols[c].title, t->cols[c].align);
		}
		/* columns cut off: a mark at the edge says that h and l show them */
		set_el(ui, GL_EL_COLUMN_MORE, 0);
		if (L.more_left)
			put_str(y, r->x + L.marker_left_x, 1, "‹");
		if (L.more_right)
			put_str(y, r->x + r->w - 1, 1, "›");
		y++;
	}
	r->body_y = y;
	int height = r->y + r->h - y;
	if (height < 1) {
		gl_table_layout_finish(&L);
		return;
	}
	gl_table_set_view(t, height);
	if (t->nrows == 0) {
		set_el(ui, GL_EL_LIST_EMPTY, 0);
		put_str(y, r->x + 1, r->w - 1, t->empty_text ? t->empty_text : "");
		gl_table_layout_finish(&L);
		return;
	}
	struct gl_error err = { 0 };
	if (gl_table_ensure(t, t->top, height, &err) != GL_OK) {
		char buf[1024];
		gl_error_format(&err, buf, sizeof buf);
		gl_app_message(a, true, "%s", buf);
	}
	for (int i = 0; i < height && t->top + i < t->nrows; i++) {
		const struct gl_trow *row = gl_table_row(t, t->top + i);
		bool selected = t->top + i == t->cursor;
		enum gl_theme_element sel = focused ? GL_EL_LIST_SELECTED : GL_EL_LIST_SELECTED_INACTIVE;
		if (selected)
			fill(ui, y + i, r->x, r->w, sel, 0);
		if (!row)
			continue;
		for (int c = 0; c < t->ncols; c++) {
			if (!L.shown[c])
				continue;
			enum gl_theme_element e = cell_element(row->styles[c]);
			if (selected)
				set_el(ui, sel, e == GL_EL_SURVEY_LOW ? A_BOLD | A_UNDERLINE : 0);
			else
				set_el(ui, e, 0);
			if (!selected && e >= GL_EL_HEAT_1 && e <= GL_EL_HEAT_4)
				fill(ui, y + i, r->x + L.x[c], L.w[c], e, 0);  /* the whole cell shaded */
			draw_cell(y + i, r->x + L.x[c], L.w[c], row->cells[c], t->cols[c].align);
		}
	}
	gl_table_layout_finish(&L);
}

/* ---- The detail view ---- */

/* One row of text wrapped at width columns from byte i: the row is [i, *end); the next row
 * starts at the return value. Rows break after the last space that fits (the space is not
 * drawn), a word longer than the row is cut where the row is full, '\n' ends a row. */
static size_t wrap_row(const char *text, size_t len, size_t i, int width, size_t *end)
{
	int col = 0;
	size_t space = 0;
	bool have_space = false;
	for (size_t k = i; k < len;) {
		int32_t cp;
		size_t n = gl_utf8_decode(text + k, len - k, &cp);
		if (n == 0)
			n = 1;
		if (cp == '\n') {
			*end = k;
			return k + n;
		}
		int w = gl_utf8_cp_width(cp);
		if (col + w > width && k > i) {
			if (cp == ' ') {
				*end = k;
				return k + n;
			}
			if (have_space) {
				*end = space;
				return space + 1;
			}
			*end = k;
			return k;
		}
		if (cp == ' ') {
			space = k;
			have_space = true;
		}
		col += w;
		k += n;
	}
	*end = len;
	return len;
}

/* Rows that text takes when wrapped at width columns. */
static int wrapped_rows(const char *text, int width)
{
	if (width < 1)
		return 1;
	int rows = 1;
	size_t len = strlen(text), i = 0, end;
	while ((i = wrap_row(text, len, i, width, &end)) < len)
		rows++;
	if (len && text[len - 1] == '\n')
		rows++;
	return rows;
}

/* Draws text wrapped at width from (y, x), at most maxrows rows; returns the rows used. */
static int put_wrapped(int y, int x, int width, int maxrows, const char *text)
{
	int row = 0;
	size_t len = strlen(text), i = 0, end;
	if (width < 1)
		return 1;
	for (;;) {
		size_t next = wrap_row(text, len, i, width, &end);
		int col = 0;
		for (size_t k = i; k < end;) {
			int32_t cp;
			size_t n = gl_utf8_decode(text + k, end - k, &cp);
			if (n == 0)
				n = 1;
			col += put(y + row, x + col, width - col, text + k, n, false);
			k += n;
		}
		if (next >= len && !(len && text[len - 1] == '\n' && next == len && end < len))
			break;
		i = next;
		if (++row >= maxrows)
			return row;
	}
	return row + 1;
}

static void draw_detail(struct ui *ui, struct gl_detail *d, int y0, int h)
{
	for (int row = 0; row < h; row++)
		fill(ui, y0 + row, 0, COLS, GL_EL_NORMAL, 0);
	int width = COLS - 4 > 100 && !d->wide ? 100 : COLS - 4;
	d->view_height = h;
	d->view_width = width;
	if (d->relayout && d->laid_width != width)
		d->relayout(d, width, d->relayout_ctx);
	if (d->n == 0)
		return;
	if (d->cursor >= d->n)
		d->cursor = d->n - 1;
	if (d->top > d->cursor)
		d->top = d->cursor;
	/* scroll until the selected line is in view in full */
	for (;;) {
		int used = 0;
		for (size_t i = d->top; i <= d->cursor; i++)
			used += wrapped_rows(d->lines[i].text, width - d->lines[i].indent);
		if (used <= h || d->top == d->cursor)
			break;
		d->top++;
	}
	int y = y0;
	for (size_t i = d->top; i < d->n && y < y0 + h; i++) {
		const struct gl_detail_line *l = &d->lines[i];
		int w = width - l->indent;
		int rows = wrapped_rows(l->text, w);
		bool sel = i == d->cursor && l->link.kind != GL_LINK_NONE;
		enum gl_theme_element e = l->link.kind != GL_LINK_NONE && !l->own_style ?
			GL_EL_DETAIL_LINK : cell_element(l->style);
		for (int k = 0; k < rows && y + k < y0 + h; k++)
			fill(ui, y + k, 0, COLS, sel ? GL_EL_LIST_SELECTED : GL_EL_NORMAL, 0);
		set_el(ui, sel ? GL_EL_LIST_SELECTED : e, 0);
		int used = put_wrapped(y, 2 + l->indent, w, y0 + h - y, l->text);
		/* marked parts of a line that fits its row (a laid-out line) */
		for (size_t m = 0; rows == 1 && m < l->nmarks; m++) {
			const struct gl_detail_mark *k = &l->marks[m];
			size_t len = strlen(l->text);
			if (k->from >= k->to || k->to > len)
				continue;
			int col = (int)gl_utf8_width(l->text, k->from);
			if (col >= w)
				continue;
			set_el(ui, cell_element(k->style), 0);
			put(y, 2 + l->indent + col, w - col, l->text + k->from, k->to - k->from, false);
		}
		y += used;
	}
}

/* ---- The reader ---- */

/* Marks the words of the search in a line already drawn at (y, x): a term matches at the start
 * of a word (FTS5 matches whole tokens or, with '*', their beginnings). */
void ui_draw_matches(struct ui *ui, int y, int x, int width, const char *line, size_t len,
	char **terms, size_t nterms)
{
	struct gl_str fold = GL_STR_INIT;
	/* Folding keeps byte offsets for Swedish text; a line where it does not is left plain. */
	if (gl_utf8_fold(line, len, &fold) != GL_OK || fold.len != len) {
		gl_str_finish(&fold);
		return;
	}
	set_el(ui, GL_EL_READER_MATCH, 0);
	for (size_t t = 0; t < nterms; t++) {
		size_t tl = strlen(terms[t]);
		const char *hay = gl_str_cstr(&fold);
		for (const char *m = strstr(hay, terms[t]); tl && m; m = strstr(m + tl, terms[t])) {
			size_t off = (size_t)(m - hay);
			unsigned char before = off ? (unsigned char)hay[off - 1] : ' ';
			if (before >= 0x80 || (before >= '0' && before <= '9') ||
				((before | 0x20) >= 'a' && (before | 0x20) <= 'z'))
				continue;  /* inside a word */
			int col = (int)gl_utf8_width(line, off);
			if (col < width)
				put(y, x + col, width - col, line + off, tl, false);
		}
	}
	gl_str_finish(&fold);
}

/* ---- Help ---- */

/* The keys of each scope together ("Everywhere" first, untitled under "Keys"), in the order of
 * the action table, then the commands. The action's name for [keys] stands at the right when
 * there is room, as wide as the longest name. */
static void draw_help(struct ui *ui, int y0, int h)
{
	struct gl_app *a = ui->app;
	int per_scope[GL_SCOPE_COUNT] = { 0 };
	int namew = 0;
	for (int i = 0; i < GL_ACT_COUNT; i++) {
		per_scope[gl_action_scope((enum gl_action)i)]++;
		int w = (int)strlen(gl_action_name((enum gl_action)i));
		if (w > namew)
			namew = w;
	}
	int total = 2 + GL_ACT_COUNT + 2 + (int)gl_command_count(a);
	for (int sc = 1; sc < GL_SCOPE_COUNT; sc++)
		total += per_scope[sc] ? 2 : 0;
	if (a->help_top > total - h)
		a->help_top = total - h;
	if (a->help_top < 0)
		a->help_top = 0;
	for (int row = 0; row < h; row++)
		fill(ui, y0 + row, 0, COLS, GL_EL_NORMAL, 0);
	int line = -a->help_top;
	int keyw = 18;
	int namex = COLS - 1 - namew;
	bool show_name = namex > keyw + 50;
	int textw = (show_name ? namex - 3 : COLS - 1) - (keyw + 2);
#define HELP_ROW(draw) do { if (line >= 0 && line < h) { draw; } line++; } while (0)
	HELP_ROW((set_el(ui, GL_EL_HELP_TITLE, 0), put_str(y0 + line, 1, COLS - 2, _("Keys"))));
	HELP_ROW((void)0);
	for (int sc = 0; sc < GL_SCOPE_COUNT; sc++) {
		if (sc > 0 && per_scope[sc]) {
			HELP_ROW((void)0);
			HELP_ROW((set_el(ui, GL_EL_HELP_TITLE, 0),
				put_str(y0 + line, 1, COLS - 2, gl_scope_title((enum gl_scope)sc))));
		}
		for (int i = 0; i < GL_ACT_COUNT; i++) {
			if ((int)gl_action_scope((enum gl_action)i) != sc)
				continue;
			char keys[128];
			gl_keymap_keys(&a->keymap, (enum gl_action)i, keys, sizeof keys);
			const char *aname = gl_action_name((enum gl_action)i);
			HELP_ROW((set_el(ui, GL_EL_HELP_KEY, 0),
				put_str(y0 + line, 2, keyw - 1, keys[0] ? keys : "-"),
				set_el(ui, GL_EL_HELP_TEXT, 0),
				put_str(y0 + line, keyw + 2, textw, gl_action_help((enum gl_action)i)),
				set_el(ui, GL_EL_LIST_EMPTY, 0),
				show_name ? put_str(y0 + line, namex, namew, aname) : 0));
		}
	}
	HELP_ROW((void)0);
	HELP_ROW((set_el(ui, GL_EL_HELP_TITLE, 0),
		put_str(y0 + line, 1, COLS - 2, _("Commands (after :, Tab completes)"))));
	/* the commands' column as wide as the longest, up to a third of the screen */
	int cmdw = 0;
	for (size_t i = 0; i < gl_command_count(a); i++) {
		const char *name, *args, *help;
		gl_command_info(a, i, &name, &args, &help);
		char cmd[128];
		snprintf(cmd, sizeof cmd, ":%s %s", name, args);
		int w = text_width(cmd);
		if (w > cmdw)
			cmdw = w;
	}
	if (cmdw > COLS / 3)
		cmdw = COLS / 3 > 24 ? COLS / 3 : 24;
	for (size_t i = 0; i < gl_command_count(a); i++) {
		const char *name, *args, *help;
		gl_command_info(a, i, &name, &args, &help);
		char cmd[128];
		snprintf(cmd, sizeof cmd, ":%s %s", name, args);
		HELP_ROW((set_el(ui, GL_EL_HELP_KEY, 0), put_str(y0 + line, 2, cmdw, cmd),
			set_el(ui, GL_EL_HELP_TEXT, 0),
			put_str(y0 + line, cmdw + 4, COLS - cmdw - 5, help)));
	}
#undef HELP_ROW
}

/* ---- The status bar and the prompt ---- */

/* The completion's candidates ("a  b  c"): as many whole ones as fit, then how many more. */
static void draw_choices(int y, int width, const char *choices)
{
	size_t total = 1;
	for (const char *c = strstr(choices, "  "); c; c = strstr(c + 2, "  "))
		total++;
	struct gl_str line = GL_STR_INIT, more = GL_STR_INIT;
	size_t shown = 0;
	const char *c = choices;
	while (*c) {
		const char *end = strstr(c, "  ");
		size_t n = end ? (size_t)(end - c) : strlen(c);
		gl_str_clear(&more);
		if (shown + 1 < total)
			gl_str_printf(&more, _("  … %zu more (type more letters)"), total - shown - 1);
		int need = text_width(gl_str_cstr(&line)) + (line.len ? 2 : 0) +
			(int)gl_utf8_width(c, n) + text_width(gl_str_cstr(&more));
		if (need > width && shown > 0)
			break;
		if (line.len)
			gl_str_puts(&line, "  ");
		gl_str_append(&line, c, n);
		shown++;
		c = end ? end + 2 : c + n;
	}
	gl_str_clear(&more);
	if (shown < total)
		gl_str_printf(&more, _("  … %zu more (type more letters)"), total - shown);
	gl_str_puts(&line, gl_str_cstr(&more));
	put_str(y, 1, width, gl_str_cstr(&line));
	gl_str_finish(&line);
	gl_str_finish(&more);
}

static void draw_status(struct ui *ui)
{
	struct gl_app *a = ui->app;
	int y = LINES - 1;
	if (ui->prompt) {
		fill(ui, y, 0, COLS, GL_EL_PROMPT, 0);
		set_el(ui, GL_EL_PROMPT, 0);
		char lead[2] = { (char)ui->prompt, 0 };
		put_str(y, 0, 1, lead);
		const char *text = gl_str_cstr(&ui->edit.text);
		/* Scroll the line so that the cursor stays visible. */
		int cursor_w = (int)gl_utf8_width(text, ui->edit.cursor);
		int room = COLS - 2;
		size_t from = 0;
		while (cursor_w >= room && from < ui->edit.cursor) {
			int32_t cp;
			size_t n = gl_utf8_decode(text + from, ui->edit.text.len - from, &cp);
			cursor_w -= gl_utf8_cp_width(cp);
			from += n ? n : 1;
		}
		put(y, 1, room, text + from, ui->edit.text.len - from, false);
		move(y, 1 + cursor_w);
		if (ui->choices.len && LINES > 2) {
			fill(ui, y - 1, 0, COLS, GL_EL_STATUS, 0);
			set_el(ui, GL_EL_STATUS, 0);
			draw_choices(y - 1, COLS - 2, gl_str_cstr(&ui->choices));
		}
		return;
	}
	fill(ui, y, 0, COLS, GL_EL_STATUS, 0);
	struct gl_str left = GL_STR_INIT, right = GL_STR_INIT;
	const char *coder = a->coder_set ? a->coder : _("no coder");
	gl_str_printf(&left, " %s │ %s%s │ ", a->project, coder, a->blind ? _(" (blind)") : "");
	gl_str_printf(&left, ngettext("%lld school", "%lld schools", (unsigned long)a->nschools),
		(long long)a->nschools);
	gl_str_puts(&left, " · ");
	gl_str_printf(&left, ngettext("%lld letter", "%lld letters", (unsigned long)a->nletters),
		(long long)a->nletters);
	struct gl_pane *p = gl_app_pane(a);
	if (a->help) {
		gl_str_puts(&right, _("help "));
	} else if (p->detail) {
		gl_str_printf(&right, "%zu/%zu ", p->detail->n ? p->detail->cursor + 1 : 0,
			p->detail->n);
	} else if (p->letter) {
		const struct gl_letter_view *v = p->letter;
		gl_str_printf(&right, "%lld/%lld %d%% ", (long long)v->ls.cursor.cp,
			(long long)v->doc.length, gl_letter_view_percent(v));
	} else if (p->ntables > 0) {
		const struct gl_table *t = p->tables[p->focus];
		if (t->unplaced)
			/* TRANSLATORS: the row's number is not known yet; at least %lld rows */
			gl_str_printf(&right, _("?/%lld+ "), (long long)t->known);
		else
			gl_str_printf(&right, "%lld/%lld%s ", (long long)(t->nrows ? t->cursor + 1 : 0),
				(long long)t->nrows, t->more ? "+" : "");  /* +: counted only so far */
	}
	int rw = text_width(gl_str_cstr(&right));
	/* A message wins over the counts, then over the project's name, when they do not fit. */
	int room = COLS - rw - 1;
	int msgw = a->message.len ? 3 + text_width(gl_str_cstr(&a->message)) : 0;
	if (msgw && text_width(gl_str_cstr(&left)) + msgw > room) {
		gl_str_clear(&left);
		gl_str_printf(&left, " %s │ %s%s", a->project, coder, a->blind ? _(" (blind)") : "");
		if (text_width(gl_str_cstr(&left)) + msgw > room) {
			gl_str_clear(&left);
			gl_str_printf(&left, " %s", coder);
		}
	}
	set_el(ui, GL_EL_STATUS, 0);
	int x = put_str(y, 0, room, gl_str_cstr(&left));
	if (a->message.len && x < room - 3) {
		set_el(ui, GL_EL_STATUS, 0);
		x += put_str(y, x, 3, " │ ");
		set_el(ui, a->message_error ? GL_EL_STATUS_ERROR : GL_EL_STATUS_MESSAGE, 0);
		put_message(y, x, room - x, gl_str_cstr(&a->message));
	}
	set_el(ui, GL_EL_STATUS, 0);
	put_str(y, COLS - rw, rw, gl_str_cstr(&right));
	gl_str_finish(&left);
	gl_str_finish(&right);
}

static void draw_too_small(struct ui *ui)
{
	for (int y = 0; y < LINES; y++)
		fill(ui, y, 0, COLS, GL_EL_NORMAL, 0);
	char lines[3][128];
	snprintf(lines[0], sizeof lines[0], _("Window too small (%d×%d)"), COLS, LINES);
	snprintf(lines[1], sizeof lines[1], _("genomlys needs at least %d×%d."), UI_MIN_WIDTH,
		UI_MIN_HEIGHT);
	snprintf(lines[2], sizeof lines[2], "%s", gl_app_unsaved(ui->app)
		? _("Enlarge it to finish your text.") : _("Enlarge it, or press q to quit."));
	int y = LINES / 2 - 1;
	if (y < 0)
		y = 0;
	for (int i = 0; i < 3 && y + i < LINES; i++) {
		set_el(ui, i == 0 ? GL_EL_TOO_SMALL : GL_EL_NORMAL, 0);
		int w = text_width(lines[i]);
		put_str(y + i, w < COLS ? (COLS - w) / 2 : 0, COLS, lines[i]);
	}
	move(LINES - 1, 0);
}

void ui_draw(struct ui *ui)
{
	struct gl_app *a = ui->app;
	ui->too_small = COLS < UI_MIN_WIDTH || LINES < UI_MIN_HEIGHT;
	ui->ntables = 0;
	curs_set(0);
	if (ui->too_small) {
		draw_too_small(ui);
		wnoutrefresh(stdscr);
		doupdate();
		return;
	}
	gl_app_prepare(a);
	struct gl_pane *p = gl_app_pane(a);
	draw_tabs(ui);
	fill(ui, 1, 0, COLS, GL_EL_CAPTION, 0);
	set_el(ui, GL_EL_CAPTION, 0);
	int y0 = 2, h = LINES - 3;
	if (a->help) {
		put_str(1, 1, COLS - 2, _("Help · j/k scroll · q, Esc or ? closes"));
		draw_help(ui, y0, h);
	} else if (p->detail) {
		struct gl_str cap = GL_STR_INIT;
		gl_str_puts(&cap, gl_str_cstr(&p->detail->title));
		struct gl_str hints = GL_STR_INIT;
		bool links = false;
		for (size_t i = 0; i < p->detail->n && !links; i++)
			links = p->detail->lines[i].link.kind != GL_LINK_NONE;
		if (links)
			gl_app_hint(a, &hints, GL_ACT_ENTER, _("follow the link"));
		gl_app_hint(a, &hints, GL_ACT_BACK, _("back"));
		gl_str_printf(&cap, "%s%s", cap.len ? " · " : "", gl_str_cstr(&hints));
		put_str(1, 1, COLS - 2, gl_str_cstr(&cap));
		gl_str_finish(&cap);
		gl_str_finish(&hints);
		draw_detail(ui, p->detail, y0, h);
	} else if (p->letter) {
		struct gl_letter_view *v = p->letter;
		struct gl_str cap = GL_STR_INIT;
		if (v->ls.selecting) {
			struct gl_textpos s0, s1;
			struct gl_str hints = GL_STR_INIT;
			gl_app_hint(a, &hints, GL_ACT_CODE, _("code"));
			gl_app_hint(a, &hints, GL_ACT_BACK, _("cancel"));
			if (gl_selection_span(v->doc.text, v->doc.text_len, &v->ls.anchor, &v->ls.cursor,
				&s0, &s1))
				gl_str_printf(&cap, _("Selection %lld:%lld (%lld characters) · %s"),
					(long long)s0.cp, (long long)s1.cp, (long long)(s1.cp - s0.cp),
					gl_str_cstr(&hints));
			else
				gl_str_puts(&cap, _("Selection: move to extend it · Esc cancels"));
			gl_str_finish(&hints);
		} else {
			gl_app_hint(a, &cap, GL_ACT_SELECT, _("select"));
			gl_app_hint(a, &cap, GL_ACT_CODE, _("code"));
			gl_app_hint2(a, &cap, GL_ACT_CODING_NEXT, GL_ACT_CODING_PREV, _("codings"));
			gl_app_hint(a, &cap, GL_ACT_UNCODE, _("remove"));
			gl_app_hint(a, &cap, GL_ACT_MEMO, _("memo"));
			gl_app_hint(a, &cap, GL_ACT_CLASSIFY, _("classify"));
			gl_app_hint2(a, &cap, GL_ACT_LETTER_NEXT, GL_ACT_LETTER_PREV, _("letters"));
			gl_app_hint(a, &cap, GL_ACT_BACK, _("back"));
		}
		put_str(1, 1, COLS - 2, gl_str_cstr(&cap));
		gl_str_finish(&cap);
		ui_draw_reader(ui, v, y0, h);
	} else {
		int n = p->ntables, gap = n > 1 ? 2 : 0;
		int w = n > 0 ? (COLS - gap * (n - 1)) / n : COLS;
		for (int i = 0; i < n; i++) {
			struct ui_rect *r = &ui->tables[i];
			r->y = y0;
			r->h = h;
			r->x = i * (w + gap);
			r->w = i == n - 1 ? COLS - r->x : w;
			if (i > 0)
				fill(ui, y0, r->x - gap, gap, GL_EL_NORMAL, 0);
			for (int row = 0; gap && i > 0 && row < h; row++)
				fill(ui, y0 + row, r->x - gap, gap, GL_EL_NORMAL, 0);
			draw_table(ui, p->tables[i], r, i == p->focus);
		}
		ui->ntables = n;
		/* columns given way to a narrow terminal: the caption's end says so (the pane's
		 * help and README say where they show) */
		int hidden = 0;
		for (int i = 0; i < n; i++)
			hidden += p->tables[i]->hidden;
		struct gl_str note = GL_STR_INIT;
		if (hidden)
			gl_str_printf(&note, ngettext(" %d column hidden", " %d columns hidden",
				(unsigned long)hidden), hidden);
		int nw = note.len ? text_width(gl_str_cstr(&note)) : 0;
		if (nw > COLS / 2)
			nw = 0;
		/* after the tables: fetching their rows may have told the caption more (a count);
		 * in the caption's colours, not the last table cell's */
		set_el(ui, GL_EL_CAPTION, 0);
		put_str(1, 1, COLS - 2 - nw, gl_str_cstr(&p->caption));
		if (nw) {
			set_el(ui, GL_EL_COLUMN_MORE, 0);
			put_str(1, COLS - 1 - nw, nw, gl_str_cstr(&note));
		}
		gl_str_finish(&note);
	}
	draw_status(ui);
	if (a->modal.kind != GL_MODAL_NONE && !a->help) {
		ui_draw_modal(ui);
		curs_set(a->modal.kind == GL_MODAL_CONFIRM || a->modal.kind == GL_MODAL_INFO ? 0 : 1);
	} else if (ui->prompt) {
		curs_set(1);
	} else if (p->letter && !p->detail && !a->help && ui->reader_cursor_y >= 0) {
		move(ui->reader_cursor_y, ui->reader_cursor_x);
		curs_set(1);
	}

	wnoutrefresh(stdscr);
	doupdate();
}

/* ---- save-display ---- */

enum gl_status ui_save_display(const char *path, const char *project, unsigned flags,
	struct gl_error *err)
{
	/* The screen shows the open letter: private to the owner, like every file genomlys writes,
	 * and never over the project (<genomlys/outfile.h>). */
	struct gl_outfile *f;
	enum gl_status st = gl_outfile_open(path, project, flags, &f, err);
	if (st != GL_OK)
		return st;
	FILE *fp = gl_outfile_stream(f);
	struct gl_str line = GL_STR_INIT;
	for (int y = 0; y < LINES; y++) {
		gl_str_clear(&line);
		for (int x = 0; x < COLS;) {
			cchar_t cc;
			wchar_t wch[CCHARW_MAX + 1] = { 0 };
			attr_t attrs;
			short pair;
			int w = 1;
			if (mvin_wch(y, x, &cc) == OK &&
				getcchar(&cc, wch, &attrs, &pair, NULL) != ERR && wch[0]) {
				for (int k = 0; k < CCHARW_MAX && wch[k]; k++) {
					char mb[MB_LEN_MAX];
					mbstate_t mbs;
					memset(&mbs, 0, sizeof mbs);
					size_t n = wcrtomb(mb, wch[k], &mbs);
					if (n != (size_t)-1)
						gl_str_append(&line, mb, n);
				}
				w = wcwidth(wch[0]);
				if (w < 1)
					w = 1;
			} else {
				gl_str_putc(&line, ' ');
			}
			x += w;
		}
		while (line.len && line.buf[line.len - 1] == ' ')
			line.buf[--line.len] = '\0';
		fprintf(fp, "%s\n", gl_str_cstr(&line));
	}
	gl_str_finish(&line);
	return gl_outfile_commit(f, err);
}
