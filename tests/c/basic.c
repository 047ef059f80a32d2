/* C ABI tests: compile, diagnostics, pricing, argument checking, threads.
 * Built with -std=c99 -Wall -Wextra -Wpedantic -Werror against include/eclexia.h and
 * linked to libeclexia.so and to libeclexia.a (scripts/test-c.sh); run under valgrind. */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "eclexia.h"

static int failures = 0;
static int passes = 0;

#define CHECK(cond, what)                                                              \
    do {                                                                               \
        if (cond) {                                                                    \
            passes++;                                                                  \
        } else {                                                                       \
            failures++;                                                                \
            fprintf(stderr, "FAIL %s:%d: %s\n", __FILE__, __LINE__, what);             \
        }                                                                              \
    } while (0)

static eclexia_status compile_str(const char *src, eclexia_program **out) {
    return eclexia_compile(src, strlen(src), "t.ecl", 5, out);
}

static void test_version(void) {
    const char *v = eclexia_version();
    CHECK(v != NULL && strlen(v) > 0 && strchr(v, '.') != NULL, "version looks like x.y.z");
}

static void test_compile_ok(void) {
    eclexia_program *p = NULL;
    eclexia_status s = compile_str("def main() { println(1.5kJ + 500J) }", &p);
    CHECK(s == ECLEXIA_STATUS_OK, "valid program compiles");
    CHECK(p != NULL, "program handle written");
    CHECK(strcmp(eclexia_last_error_message(), "") == 0, "no error after success");
    bool has = false;
    CHECK(eclexia_program_has_function(p, "main", 4, &has) == ECLEXIA_STATUS_OK && has, "has main");
    CHECK(eclexia_program_has_function(p, "nope", 4, &has) == ECLEXIA_STATUS_OK && !has, "no nope");
    eclexia_program_free(p);
}

static void test_compile_error(void) {
    eclexia_program *p = (eclexia_program *)0x1; /* must stay untouched */
    eclexia_status s = compile_str("def main() {\n  let bad = 5J + 3\n}\n", &p);
    CHECK(s == ECLEXIA_STATUS_COMPILE_ERROR, "dimension error is a compile error");
    CHECK(p == (eclexia_program *)0x1, "out not written on failure");
    const char *msg = eclexia_last_error_message();
    CHECK(strstr(msg, "error[E0401]: DimensionMismatch: incompatible dimensions for '+': "
                      "Resource<Energy> and Int") != NULL,
          "message has the diagnostic header");
    CHECK(strstr(msg, "  --> t.ecl:2:13") != NULL, "message has the location");
    CHECK(strcmp(eclexia_last_error_code(), "E0401") == 0, "code accessor");
    CHECK(strstr(eclexia_last_error_json(), "\"code\":\"E0401\"") != NULL, "json accessor");
}

static void test_price(void) {
    const char *req =
        "{\"budgets\": {\"energy\": \"100J\", \"time\": \"1s\"}, \"usage\": {\"energy\": \"80J\"},"
        " \"caps\": {\"energy\": \"50J\"}, \"objective\": [[\"minimize\", \"time\"]],"
        " \"candidates\": [{\"name\": \"a\", \"provides\": {\"energy\": \"30J\", \"time\": \"1ms\"}},"
        " {\"name\": \"b\", \"provides\": {\"energy\": \"8J\", \"time\": \"40ms\"}}]}";
    char *out = NULL;
    eclexia_status s = eclexia_price_json(req, strlen(req), &out);
    CHECK(s == ECLEXIA_STATUS_OK, "price ok");
    CHECK(out != NULL && strstr(out, "\"chosen\":\"b\"") != NULL, "b chosen");
    CHECK(out != NULL && strstr(out, "\"energy\":3.2087058602935237") != NULL, "exact price");
    eclexia_string_free(out);

    const char *none = "{\"budgets\": {\"energy\": \"5J\"}, \"candidates\": [{\"name\": \"big\","
                       " \"provides\": {\"energy\": \"10J\"}}]}";
    out = NULL;
    s = eclexia_price_json(none, strlen(none), &out);
    CHECK(s == ECLEXIA_STATUS_NO_FEASIBLE_SOLUTION, "none feasible is a status");
    CHECK(out != NULL && strstr(out, "\"chosen\":null") != NULL, "quote still written");
    eclexia_string_free(out);

    const char *bad = "{\"candidates\": [{\"name\": \"x\", \"provides\": {\"energy\": \"5s\"}}]}";
    out = NULL;
    s = eclexia_price_json(bad, strlen(bad), &out);
    CHECK(s == ECLEXIA_STATUS_INVALID_REQUEST, "bad amount rejected");
    CHECK(out == NULL, "out untouched on failure");
    CHECK(strstr(eclexia_last_error_message(), "candidates[0].provides.energy") != NULL,
          "message names the field");
}

static void test_bad_arguments(void) {
    eclexia_program *p = NULL;
    CHECK(eclexia_compile(NULL, 3, "x", 1, &p) == ECLEXIA_STATUS_NULL_ARGUMENT, "NULL source");
    CHECK(eclexia_compile("x", 1, "x", 1, NULL) == ECLEXIA_STATUS_NULL_ARGUMENT, "NULL out");
    const char latin1[] = {'d', 'e', 'f', ' ', (char)0xe9, 0};
    CHECK(eclexia_compile(latin1, 5, "x", 1, &p) == ECLEXIA_STATUS_INVALID_UTF8, "bad UTF-8");
    CHECK(strstr(eclexia_last_error_message(), "invalid UTF-8 at byte 4") != NULL, "says where");
    CHECK(eclexia_price_json("{}", 2, NULL) == ECLEXIA_STATUS_NULL_ARGUMENT, "NULL out_json");
    bool has;
    CHECK(eclexia_program_has_function(NULL, "m", 1, &has) == ECLEXIA_STATUS_NULL_ARGUMENT,
          "NULL program");
    eclexia_program_free(NULL);
    eclexia_string_free(NULL);
    CHECK(compile_str("", &p) == ECLEXIA_STATUS_OK, "empty source compiles");
    eclexia_program_free(p);
}

struct shared {
    const eclexia_program *program;
    int ok;
};

static void *worker(void *arg) {
    struct shared *s = (struct shared *)arg;
    int ok = 1;
    for (int i = 0; i < 200; i++) {
        bool has = false;
        if (eclexia_program_has_function(s->program, "main", 4, &has) != ECLEXIA_STATUS_OK || !has)
            ok = 0;
        eclexia_program *q = NULL;
        if (compile_str("def main() { let x = 1 + 2 }", &q) != ECLEXIA_STATUS_OK) ok = 0;
        eclexia_program_free(q);
        if (compile_str("def main() { x }", &q) != ECLEXIA_STATUS_COMPILE_ERROR) ok = 0;
        if (strstr(eclexia_last_error_message(), "E0201") == NULL) ok = 0; /* per thread */
    }
    s->ok = ok;
    return NULL;
}

static void test_threads(void) {
    eclexia_program *p = NULL;
    CHECK(compile_str("def main() { println(1) }", &p) == ECLEXIA_STATUS_OK, "compile shared");
    pthread_t t[4];
    struct shared s[4];
    for (int i = 0; i < 4; i++) {
        s[i].program = p;
        s[i].ok = 0;
        pthread_create(&t[i], NULL, worker, &s[i]);
    }
    for (int i = 0; i < 4; i++) {
        pthread_join(t[i], NULL);
        CHECK(s[i].ok, "thread used the shared program and its own last error");
    }
    eclexia_program_free(p);
}

int main(void) {
    test_version();
    test_compile_ok();
    test_compile_error();
    test_price();
    test_bad_arguments();
    test_threads();
    printf("%d passed, %d failed\n", passes, failures);
    return failures == 0 ? 0 : 1;
}
