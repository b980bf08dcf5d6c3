/* Unit tests of the core helpers: strings, UTF-8, error messages, UUIDs, SHA-256 and HMAC. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

#include "genomlys/id.h"
#include "genomlys/status.h"
#include "genomlys/str.h"
#include "genomlys/utf8.h"

static void test_str_grows(void **state)
{
	(void)state;
	struct gl_str s = GL_STR_INIT;
	assert_string_equal(gl_str_cstr(&s), "");
	for (int i = 0; i < 1000; i++)
		assert_int_equal(gl_str_printf(&s, "%d,", i), GL_OK);
	assert_int_equal(strncmp(s.buf, "0,1,2,", 6), 0);
	assert_true(s.len > 3000);
	assert_int_equal(s.buf[s.len], '\0');
	char *p = gl_str_steal(&s);
	assert_null(s.buf);
	assert_int_equal(strncmp(p, "0,1,", 4), 0);
	free(p);
	gl_str_finish(&s);
}

static void test_utf8_valid(void **state)
{
	(void)state;
	size_t bad;
	assert_true(gl_utf8_valid("får ä ö 😀", strlen("får ä ö 😀"), NULL));
	assert_false(gl_utf8_valid("f\xe5r", 3, &bad));  /* Windows-1252 å */
	assert_int_equal(bad, 1);
	assert_false(gl_utf8_valid("\xc0\xaf", 2, NULL));     /* overlong */
	assert_false(gl_utf8_valid("\xed\xa0\x80", 3, NULL)); /* surrogate */
	assert_false(gl_utf8_valid("\xe2\x82", 2, NULL));     /* truncated */
}

/* The importer's one pass: the same verdict as gl_utf8_valid, the count of gl_utf8_count, and
 * the two flags that decide whether a text needs more than a copy. */
static void test_utf8_scan(void **state)
{
	(void)state;
	static const struct { const char *s; bool valid, quick, controls; } cases[] = {
		{ "får ä ö", true, true, false },
		{ "Studiero\n\tpå lektionerna", true, true, false },
		{ "fa\xcc\x8ar", true, false, false },           /* NFD å: needs NFC */
		{ "emoji 😀", true, false, false },
		{ "bell\a", true, true, true },
		{ "del\x7f", true, true, true },
		{ "c1 \xc2\x85", true, true, true },              /* NEL */
		{ "c1 \xc2\x9f", true, true, true },              /* APC, the last C1 control */
		{ "nbsp \xc2\xa0 \xcb\xbf", true, true, false },  /* U+00A0, U+02FF */
		{ "\xc1\xbf", false, false, false },              /* overlong */
		{ "\xc3\x28", false, false, false },              /* no continuation byte */
		{ "s\xc3", false, false, false },                  /* cut short */
		{ "bidi \xe2\x80\xae", true, false, true },       /* RLO */
		{ "f\xe5r", false, false, false },
		{ "\xed\xa0\x80", false, false, false },
		{ "\xe2\x82", false, false, false },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const char *s = cases[i].s;
		size_t n = strlen(s), bad1 = 99, bad2 = 98;
		struct gl_utf8_info info;
		assert_int_equal(gl_utf8_scan(s, n, &info, &bad1), cases[i].valid);
		assert_int_equal(gl_utf8_valid(s, n, &bad2), cases[i].valid);
		if (!cases[i].valid) {
			assert_int_equal(bad1, bad2);
			continue;
		}
		assert_int_equal(info.count, gl_utf8_count(s, n));
		assert_int_equal(info.nfc_quick, cases[i].quick);
		assert_int_equal(info.controls, cases[i].controls);
	}
	/* a character cut by the end of the buffer, whatever follows it in memory */
	size_t bad = 0;
	assert_false(gl_utf8_scan("s\xc3\xa5", 2, NULL, &bad));
	assert_int_equal(bad, 1);
}

static void test_utf8_offsets(void **state)
{
	(void)state;
	const char *t = "åäö😀x";
	size_t n = strlen(t);
	assert_int_equal(gl_utf8_count(t, n), 5);
	assert_int_equal(gl_utf8_offset(t, n, 0), 0);
	assert_int_equal(gl_utf8_offset(t, n, 1), 2);
	assert_int_equal(gl_utf8_offset(t, n, 3), 6);
	assert_int_equal(gl_utf8_offset(t, n, 4), 10);
	assert_int_equal(gl_utf8_offset(t, n, 99), n);
	assert_int_equal(gl_utf8_width("år😀", strlen("år😀")), 4);
}

static void test_utf8_nfc(void **state)
{
	(void)state;
	struct gl_str out = GL_STR_INIT;
	bool changed = false;
	const char *nfd = "ga\xcc\x8a till sko\xcc\x88ln";  /* "gå till sköln" decomposed */
	assert_int_equal(gl_utf8_nfc(nfd, strlen(nfd), &out, &changed), GL_OK);
	assert_true(changed);
	assert_string_equal(gl_str_cstr(&out), "gå till sköln");
	assert_int_equal(gl_utf8_nfc("plain", 5, &out, &changed), GL_OK);
	assert_false(changed);
	/* Swedish NFC text takes the fast path and comes back unchanged */
	assert_int_equal(gl_utf8_nfc("Ärligt talat, så är det!", strlen("Ärligt talat, så är det!"),
		&out, &changed), GL_OK);
	assert_false(changed);
	assert_string_equal(gl_str_cstr(&out), "Ärligt talat, så är det!");
	/* a combining mark after Latin-1 text still leaves the fast path and is composed */
	const char *mixed = "så ga\xcc\x8a";
	assert_int_equal(gl_utf8_nfc(mixed, strlen(mixed), &out, &changed), GL_OK);
	assert_true(changed);
	assert_string_equal(gl_str_cstr(&out), "så gå");
	assert_int_equal(gl_utf8_fold("ÅSA Lärare", strlen("ÅSA Lärare"), &out), GL_OK);
	assert_string_equal(gl_str_cstr(&out), "åsa lärare");
	gl_str_finish(&out);
}

static void test_utf8_encode(void **state)
{
	(void)state;
	char u[4];
	assert_int_equal(gl_utf8_encode('a', u), 1);
	assert_int_equal(gl_utf8_encode(0xE5, u), 2);  /* å */
	assert_memory_equal(u, "å", 2);
	assert_int_equal(gl_utf8_encode(0x1F600, u), 4);
	assert_memory_equal(u, "😀", 4);
	assert_int_equal(gl_utf8_encode(0xD800, u), 0);  /* a surrogate is no character */
	assert_int_equal(gl_utf8_encode(0x110000, u), 0);
}

static void test_utf8_cut(void **state)
{
	(void)state;
	const char *s = "aöb😀";  /* a, ö (2 bytes), b, 😀 (4 bytes) */
	assert_int_equal(gl_utf8_cut(s, 0), 0);
	assert_int_equal(gl_utf8_cut(s, 1), 1);
	assert_int_equal(gl_utf8_cut(s, 2), 1);  /* inside ö */
	assert_int_equal(gl_utf8_cut(s, 3), 3);
	assert_int_equal(gl_utf8_cut(s, 4), 4);
	for (size_t n = 5; n < 8; n++)
		assert_int_equal(gl_utf8_cut(s, n), 4);  /* inside 😀 */
	assert_int_equal(gl_utf8_cut(s, 8), 8);
}

/* A message longer than its field is cut between two characters, not inside one. */
static void test_error_message_cut_on_a_character(void **state)
{
	(void)state;
	struct gl_str name = GL_STR_INIT;
	for (int i = 0; i < 400; i++)
		gl_str_puts(&name, "ö");
	struct gl_error err = { 0 };
	for (int shift = 0; shift < 2; shift++) {  /* the cut falls on both halves of an ö */
		gl_error_set(&err, GL_EINVAL, "%.*sno coder named '%s'", shift, "x", gl_str_cstr(&name));
		size_t len = strlen(err.message);
		assert_true(len > 400 && len < sizeof err.message);
		assert_true(gl_utf8_valid(err.message, len, NULL));
	}
	gl_error_set_at(&err, GL_EIO, gl_str_cstr(&name), 0, "x");
	assert_true(gl_utf8_valid(err.file, strlen(err.file), NULL));
	gl_str_finish(&name);
}

static void test_uuid(void **state)
{
	(void)state;
	char a[GL_UUID_LEN + 1], b[GL_UUID_LEN + 1];
	assert_int_equal(gl_uuid_new(a), GL_OK);
	assert_int_equal(gl_uuid_new(b), GL_OK);
	assert_int_equal(strlen(a), 36);
	assert_string_not_equal(a, b);
	assert_int_equal(a[14], '4');
	assert_non_null(strchr("89ab", a[19]));
	assert_int_equal(a[8], '-');
	/* Many at once, across the random pool's refills: each well formed and none twice. */
	enum { N = 1000 };
	char (*many)[GL_UUID_LEN + 1] = malloc(N * sizeof *many);
	assert_non_null(many);
	for (int i = 0; i < N; i++) {
		assert_int_equal(gl_uuid_new(many[i]), GL_OK);
		for (int k = 0; k < GL_UUID_LEN; k++)
			assert_true(k == 8 || k == 13 || k == 18 || k == 23 ? many[i][k] == '-'
				: strchr("0123456789abcdef", many[i][k]) != NULL);
		assert_int_equal(many[i][14], '4');
		assert_non_null(strchr("89ab", many[i][19]));
	}
	qsort(many, N, sizeof *many, (int (*)(const void *, const void *))strcmp);
	for (int i = 1; i < N; i++)
		assert_string_not_equal(many[i - 1], many[i]);
	free(many);
	/* A forked child does not repeat the UUIDs its parent makes next. */
	int fd[2];
	assert_int_equal(pipe(fd), 0);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		char c[GL_UUID_LEN + 1];
		_exit(gl_uuid_new(c) == GL_OK && write(fd[1], c, sizeof c) == (ssize_t)sizeof c ? 0 : 1);
	}
	char child[GL_UUID_LEN + 1];
	assert_int_equal(gl_uuid_new(a), GL_OK);
	assert_int_equal(read(fd[0], child, sizeof child), (ssize_t)sizeof child);
	int status;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	assert_string_not_equal(child, a);
	close(fd[0]);
	close(fd[1]);
}

static void test_sha256(void **state)
{
	(void)state;
	char h[65];
	gl_sha256_hex("", 0, h);
	assert_string_equal(h, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	gl_sha256_hex("abc", 3, h);
	assert_string_equal(h, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	const char *m = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";  /* 56: two blocks */
	gl_sha256_hex(m, strlen(m), h);
	assert_string_equal(h, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

static void test_hmac_sha256(void **state)
{
	(void)state;
	char h[65];
	/* RFC 4231, test case 2: a key shorter than the block */
	const char *data = "what do ya want for nothing?";
	gl_hmac_sha256_hex("Jefe", 4, data, strlen(data), h);
	assert_string_equal(h, "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
	/* RFC 4231, test case 6: a key longer than the block (131 bytes of 0xaa) is hashed first */
	unsigned char key[131];
	memset(key, 0xaa, sizeof key);
	data = "Test Using Larger Than Block-Size Key - Hash Key First";
	gl_hmac_sha256_hex(key, sizeof key, data, strlen(data), h);
	assert_string_equal(h, "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_str_grows),
		cmocka_unit_test(test_utf8_valid),
		cmocka_unit_test(test_utf8_scan),
		cmocka_unit_test(test_utf8_offsets),
		cmocka_unit_test(test_utf8_nfc),
		cmocka_unit_test(test_utf8_encode),
		cmocka_unit_test(test_utf8_cut),
		cmocka_unit_test(test_error_message_cut_on_a_character),
		cmocka_unit_test(test_uuid),
		cmocka_unit_test(test_sha256),
		cmocka_unit_test(test_hmac_sha256),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
