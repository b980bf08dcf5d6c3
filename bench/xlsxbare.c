/* xlsxbare: the floor of the workbook benchmark (bench/export). A bare libxlsxwriter program
 * that writes the cells of genomlys's Quotes sheet and nothing else: no SQLite, no checks, no
 * widths. It reads the cells from a file that bench/export writes (fields separated by 0x1F,
 * rows ended by 0x1E, the first row the header) and writes them as strings in one sheet in
 * constant_memory mode, with the two formats the Quotes sheet uses (bold header, wrapped quote
 * and memo), created once.
 *
 *     xlsxbare CELLS OUT.xlsx
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: xlsxbare CELLS OUT.xlsx\n");
		return 2;
	}
	FILE *in = fopen(argv[1], "rb");
	if (!in) {
		perror(argv[1]);
		return 1;
	}
	lxw_workbook_options wo = { .constant_memory = LXW_TRUE, .tmpdir = NULL };
	lxw_workbook *wb = workbook_new_opt(argv[2], &wo);
	if (!wb)
		return 1;
	lxw_worksheet *ws = workbook_add_worksheet(wb, "Quotes");
	lxw_format *bold = workbook_add_format(wb);
	format_set_bold(bold);
	lxw_format *wrap = workbook_add_format(wb);
	format_set_text_wrap(wrap);
	format_set_align(wrap, LXW_ALIGN_VERTICAL_TOP);
	char *rec = NULL;
	size_t cap = 0;
	ssize_t n;
	lxw_row_t row = 0;
	long cells = 0;
	while ((n = getdelim(&rec, &cap, 0x1E, in)) > 0) {
		if (rec[n - 1] == 0x1E)
			rec[--n] = '\0';
		lxw_col_t col = 0;
		char *p = rec;
		for (;;) {
			char *end = memchr(p, 0x1F, (size_t)(rec + n - p));
			if (end)
				*end = '\0';
			if (*p) {
				lxw_format *f = row == 0 ? bold : (col == 6 || col == 8) ? wrap : NULL;
				if (worksheet_write_string(ws, row, col, p, f) != LXW_NO_ERROR)
					return 1;
				cells++;
			}
			if (!end)
				break;
			p = end + 1;
			col++;
		}
		row++;
	}
	free(rec);
	fclose(in);
	worksheet_freeze_panes(ws, 1, 0);
	lxw_error e = workbook_close(wb);
	if (e != LXW_NO_ERROR) {
		fprintf(stderr, "xlsxbare: %s\n", lxw_strerror(e));
		return 1;
	}
	printf("rows %lu cells %ld\n", (unsigned long)row, cells);
	return 0;
}
