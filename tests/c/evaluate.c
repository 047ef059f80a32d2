/* C ABI tests of evaluation: engines, outcomes, run-time errors and their codes, limits,
 * budgets, streamed output, cancel from another thread, and one program evaluated by
 * several threads at once. Built and run like basic.c (scripts/test-c.sh), under valgrind. */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

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

static eclexia_program *compile_ok(const char *src) {
    eclexia_program *p = NULL;
    eclexia_status s = eclexia_compile(src, strlen(src), "e.ecl", 5, &p);
    if (s != ECLEXIA_STATUS_OK) {
        fprintf(stderr, "compile failed: %s\n", eclexia_last_error_message());
        exit(2);
    }
    return p;
}

static eclexia_engine *engine_with(const eclexia_engine_options *o) {
    eclexia_engine *e = NULL;
    if (eclexia_engine_new(o, &e) != ECLEXIA_STATUS_OK) {
        fprintf(stderr, "engine_new failed: %s\n", eclexia_last_error_message());
        exit(2);
    }
    return e;
}

/* Evaluates `src` at main with `o` (NULL: defaults); returns the status and, when `out`
 * is not NULL, writes the outcome there (only on success, as eclexia_evaluate does). */
static eclexia_status run(const char *src, const eclexia_engine_options *o,
                          eclexia_outcome **out) {
    eclexia_program *p = compile_ok(src);
    eclexia_engine *e = engine_with(o);
    eclexia_outcome *oc = NULL;
    eclexia_status s = eclexia_evaluate(e, p, "main", 4, out != NULL ? out : &oc);
    eclexia_outcome_free(oc);
    eclexia_engine_free(e);
    eclexia_program_free(p);
    return s;
}

static const char *ADAPTIVE =
    "adaptive fn render(w: Int) -> String {\n"
    "    gpu   @requires(energy: 90J, time: 2ms)   { \"gpu\" }\n"
    "    cpu   @requires(energy: 25J, time: 30ms)  { \"cpu\" }\n"
    "}\n"
    "fn main() -> Int {\n"
    "    println(\"hi\", 1.5kJ + 500J);\n"
    "    println(render(1920));\n"
    "    consume(2J);\n"
    "    6 * 7\n"
    "}\n";

static void test_evaluate_and_outcome(void) {
    eclexia_outcome *o = NULL;
    eclexia_status s = run(ADAPTIVE, NULL, &o);
    CHECK(s == ECLEXIA_STATUS_OK, "evaluates");
    if (o == NULL) return;
    CHECK(strcmp(eclexia_outcome_value(o), "42") == 0, "value text");
    size_t len = 0;
    const char *out = eclexia_outcome_output(o, &len);
    CHECK(out != NULL && strncmp(out, "hi 2000J\n", 9) == 0, "output captured");
    CHECK(len == strlen(out), "output length");
    CHECK(eclexia_outcome_output(o, NULL) == out, "length is optional");
    double energy = -1;
    CHECK(eclexia_outcome_usage(o, ECLEXIA_RESOURCE_ENERGY, &energy) == ECLEXIA_STATUS_OK,
          "usage accessor");
    CHECK(energy >= 2.0, "consumed energy counted");
    CHECK(eclexia_outcome_usage(o, 6, &energy) == ECLEXIA_STATUS_INVALID_ARGUMENT,
          "unknown resource");
    CHECK(eclexia_outcome_fuel_used(o) >= 1, "fuel used");

    char *json = NULL;
    CHECK(eclexia_outcome_json(o, &json) == ECLEXIA_STATUS_OK && json != NULL, "json");
    if (json != NULL) {
        CHECK(strstr(json, "\"ok\":true") != NULL, "json ok");
        CHECK(strstr(json, "\"value\":\"42\"") != NULL, "json value");
        CHECK(strstr(json, "\"output\":\"hi 2000J\\n") != NULL, "json output");
        CHECK(strstr(json, "\"function\":\"render\"") != NULL, "json selection function");
        CHECK(strstr(json, "\"solution\":\"") != NULL, "json selection solution");
        CHECK(strstr(json, "\"usage\":{") != NULL && strstr(json, "\"prices\":{") != NULL,
              "json usage and prices");
        CHECK(strstr(json, "\"time\":100.0") != NULL, "json base time price");
    }
    eclexia_string_free(json);
    eclexia_outcome_free(o);
}

static void test_compile_error(void) {
    eclexia_program *p = (eclexia_program *)0x1;
    const char *src = "fn main() { let x = 5J + 3 }";
    CHECK(eclexia_compile(src, strlen(src), "c.ecl", 5, &p) == ECLEXIA_STATUS_COMPILE_ERROR,
          "compile error");
    CHECK(p == (eclexia_program *)0x1, "out untouched");
    CHECK(strstr(eclexia_last_error_message(), "error[E0401]: DimensionMismatch") != NULL,
          "message");
    CHECK(strcmp(eclexia_last_error_code(), "E0401") == 0, "code");
    CHECK(strcmp(eclexia_last_error_kind(), "DimensionMismatch") == 0, "kind");
}

static void test_runtime_error(void) {
    eclexia_outcome *o = (eclexia_outcome *)0x1;
    eclexia_status s =
        run("fn main() {\n    let z = 0;\n    println(10 / 2);\n    println(10 / z);\n}\n",
            NULL, &o);
    CHECK(s == ECLEXIA_STATUS_RUNTIME_ERROR, "division by zero is a run-time error");
    CHECK(o == (eclexia_outcome *)0x1, "out untouched on failure");
    CHECK(strcmp(eclexia_last_error_code(), "E0501") == 0, "code E0501");
    CHECK(strcmp(eclexia_last_error_kind(), "DivisionByZero") == 0, "kind");
    CHECK(strstr(eclexia_last_error_message(), "error[E0501]: DivisionByZero: division by zero") !=
              NULL,
          "message header");
    CHECK(strstr(eclexia_last_error_message(), "  --> e.ecl:4:") != NULL, "location");
    const char *json = eclexia_last_error_json();
    CHECK(strstr(json, "\"ok\":false") != NULL, "json ok false");
    CHECK(strstr(json, "\"output\":\"5\\n\"") != NULL, "json has the output before the error");
    CHECK(strstr(json, "\"line\":4") != NULL, "json line");

    /* An entry that does not exist, and one that takes parameters. */
    eclexia_program *p = compile_ok("fn f(x: Int) -> Int { x }\nfn main() {}\n");
    eclexia_engine *e = engine_with(NULL);
    eclexia_outcome *oc = NULL;
    CHECK(eclexia_evaluate(e, p, "nope", 4, &oc) == ECLEXIA_STATUS_RUNTIME_ERROR, "no entry");
    CHECK(strcmp(eclexia_last_error_code(), "E0599") == 0, "E0599");
    CHECK(strstr(eclexia_last_error_message(), "no function 'nope'") != NULL, "names it");
    CHECK(eclexia_evaluate(e, p, "f", 1, &oc) == ECLEXIA_STATUS_RUNTIME_ERROR, "needs args");
    CHECK(eclexia_evaluate(e, p, NULL, 0, &oc) == ECLEXIA_STATUS_OK, "NULL entry is main");
    CHECK(strcmp(eclexia_outcome_value(oc), "()") == 0, "unit");
    eclexia_outcome_free(oc);
    eclexia_engine_free(e);
    eclexia_program_free(p);
}

static const char *FOREVER = "fn main() {\n    let mut i = 0;\n    loop {\n        i += 1;\n    }\n}\n";

static void test_limits_and_budgets(void) {
    eclexia_engine_options o;
    CHECK(eclexia_engine_options_init(&o) == ECLEXIA_STATUS_OK, "options init");
    CHECK(o.fuel == 10000000 && o.max_call_depth == 1000 && o.timeout_ms == 0, "defaults");
    CHECK(o.budgets[ECLEXIA_RESOURCE_ENERGY] == ECLEXIA_NO_BUDGET, "no budget by default");
    CHECK(o.output == NULL, "output captured by default");

    o.fuel = 50;
    CHECK(run(FOREVER, &o, NULL) == ECLEXIA_STATUS_LIMIT_EXCEEDED, "fuel limit");
    CHECK(strcmp(eclexia_last_error_code(), "E0702") == 0, "E0702");
    CHECK(strcmp(eclexia_last_error_kind(), "OutOfFuel") == 0, "OutOfFuel");
    CHECK(strstr(eclexia_last_error_message(), "fuel limit 50 exhausted") != NULL, "message");

    eclexia_engine_options_init(&o);
    o.fuel = 0; /* unlimited: only the wall clock stops it */
    o.timeout_ms = 50;
    CHECK(run(FOREVER, &o, NULL) == ECLEXIA_STATUS_LIMIT_EXCEEDED, "timeout");
    CHECK(strcmp(eclexia_last_error_kind(), "Timeout") == 0, "Timeout kind");

    eclexia_engine_options_init(&o);
    o.max_call_depth = 10;
    CHECK(run("fn f(n: Int) -> Int { f(n + 1) }\nfn main() { f(0) }\n", &o, NULL) ==
              ECLEXIA_STATUS_LIMIT_EXCEEDED,
          "call depth");
    CHECK(strcmp(eclexia_last_error_kind(), "StackOverflow") == 0, "StackOverflow kind");

    eclexia_engine_options_init(&o);
    o.budgets[ECLEXIA_RESOURCE_ENERGY] = 10.0;
    o.loop_energy = 0.0;
    CHECK(run("fn main() {\n    consume(4J);\n    consume(7J);\n}\n", &o, NULL) ==
              ECLEXIA_STATUS_RESOURCE_ERROR,
          "budget exceeded");
    CHECK(strcmp(eclexia_last_error_code(), "E0601") == 0, "E0601");
    CHECK(strcmp(eclexia_last_error_kind(), "ResourceViolation") == 0, "ResourceViolation");

    /* Host facts reach the program. */
    eclexia_engine_options_init(&o);
    o.cpu_cores = 8;
    o.gpu_available = true;
    eclexia_outcome *oc = NULL;
    CHECK(run("fn main() -> Int { if gpu_available() { cpu_cores() } else { 0 } }\n", &o, &oc) == ECLEXIA_STATUS_OK,
          "facts");
    CHECK(oc != NULL && strcmp(eclexia_outcome_value(oc), "8") == 0, "facts seen");
    eclexia_outcome_free(oc);

    /* Bad settings are refused with a message naming them. */
    eclexia_engine *e = (eclexia_engine *)0x1;
    eclexia_engine_options_init(&o);
    o.carbon_intensity = -5.0;
    CHECK(eclexia_engine_new(&o, &e) == ECLEXIA_STATUS_INVALID_ARGUMENT, "negative intensity");
    CHECK(strstr(eclexia_last_error_message(), "carbon_intensity") != NULL, "names it");
    eclexia_engine_options_init(&o);
    o.budgets[ECLEXIA_RESOURCE_TIME] = NAN;
    CHECK(eclexia_engine_new(&o, &e) == ECLEXIA_STATUS_INVALID_ARGUMENT, "NaN budget");
    CHECK(strstr(eclexia_last_error_message(), "budget for time") != NULL, "names the resource");
    CHECK(e == (eclexia_engine *)0x1, "out untouched");
}

struct sink {
    char text[256];
    size_t len;
    int calls;
    int fail;
};

static int collect(void *userdata, const char *text, size_t len) {
    struct sink *s = (struct sink *)userdata;
    s->calls++;
    if (s->fail) return 1;
    if (s->len + len < sizeof s->text) {
        memcpy(s->text + s->len, text, len);
        s->len += len;
        s->text[s->len] = 0;
    }
    return 0;
}

static void test_output_callback(void) {
    struct sink s;
    memset(&s, 0, sizeof s);
    eclexia_engine_options o;
    eclexia_engine_options_init(&o);
    o.output = collect;
    o.output_userdata = &s;
    eclexia_outcome *oc = NULL;
    CHECK(run("fn main() { println(\"a\"); print(\"b\"); println(1J) }", &o, &oc) ==
              ECLEXIA_STATUS_OK,
          "streamed run");
    CHECK(strcmp(s.text, "a\nb1J\n") == 0, "callback got the output in order");
    CHECK(s.calls >= 1, "callback called");
    CHECK(oc != NULL && strcmp(eclexia_outcome_output(oc, NULL), "") == 0,
          "nothing captured when streamed");
    eclexia_outcome_free(oc);

    /* A non-zero return ends the evaluation with a run-time error. */
    memset(&s, 0, sizeof s);
    s.fail = 1;
    CHECK(run("fn main() { println(1); println(2); println(3) }", &o, NULL) ==
              ECLEXIA_STATUS_RUNTIME_ERROR,
          "callback stops the evaluation");
    CHECK(s.calls == 1 && s.len == 0, "called once, nothing taken");
    CHECK(strstr(eclexia_last_error_message(), "output closed") != NULL, "says why");
}

struct cancel_job {
    eclexia_cancel_handle *handle;
};

static void *canceller(void *arg) {
    struct cancel_job *job = (struct cancel_job *)arg;
    struct timespec ts = {0, 20 * 1000 * 1000};
    nanosleep(&ts, NULL);
    eclexia_cancel_handle_cancel(job->handle);
    return NULL;
}

static void test_cancel_from_another_thread(void) {
    eclexia_engine_options o;
    eclexia_engine_options_init(&o);
    o.fuel = 0;
    eclexia_engine *e = engine_with(&o);
    eclexia_program *p = compile_ok(FOREVER);
    struct cancel_job job;
    CHECK(eclexia_engine_cancel_handle(e, &job.handle) == ECLEXIA_STATUS_OK, "cancel handle");
    pthread_t t;
    pthread_create(&t, NULL, canceller, &job);
    eclexia_outcome *oc = NULL;
    /* Cancelling is sticky, so this ends whether the evaluation starts before or after it. */
    CHECK(eclexia_evaluate(e, p, "main", 4, &oc) == ECLEXIA_STATUS_LIMIT_EXCEEDED, "cancelled");
    CHECK(strcmp(eclexia_last_error_kind(), "Cancelled") == 0, "Cancelled kind");
    pthread_join(t, NULL);

    CHECK(eclexia_cancel_handle_reset(job.handle) == ECLEXIA_STATUS_OK, "reset");
    eclexia_program *quick = compile_ok("fn main() -> Int { 1 }");
    CHECK(eclexia_evaluate(e, quick, "main", 4, &oc) == ECLEXIA_STATUS_OK, "runs after reset");
    eclexia_outcome_free(oc);
    eclexia_program_free(quick);
    eclexia_program_free(p);
    eclexia_engine_free(e);
    /* The handle outlives its engine. */
    CHECK(eclexia_cancel_handle_cancel(job.handle) == ECLEXIA_STATUS_OK, "handle outlives");
    eclexia_cancel_handle_free(job.handle);
}

static void test_bad_arguments(void) {
    eclexia_program *p = compile_ok("fn main() {}");
    eclexia_engine *e = engine_with(NULL);
    eclexia_outcome *oc = NULL;
    CHECK(eclexia_evaluate(NULL, p, "main", 4, &oc) == ECLEXIA_STATUS_NULL_ARGUMENT, "NULL engine");
    CHECK(strstr(eclexia_last_error_message(), "engine: NULL pointer") != NULL, "names engine");
    CHECK(eclexia_evaluate(e, NULL, "main", 4, &oc) == ECLEXIA_STATUS_NULL_ARGUMENT, "NULL program");
    CHECK(eclexia_evaluate(e, p, "main", 4, NULL) == ECLEXIA_STATUS_NULL_ARGUMENT, "NULL out");
    CHECK(eclexia_evaluate(e, p, NULL, 4, &oc) == ECLEXIA_STATUS_NULL_ARGUMENT,
          "NULL entry with a length");
    const char bad[] = {'m', (char)0xff, 'n', 0};
    CHECK(eclexia_evaluate(e, p, bad, 3, &oc) == ECLEXIA_STATUS_INVALID_UTF8, "bad UTF-8 entry");
    CHECK(strstr(eclexia_last_error_message(), "entry: invalid UTF-8 at byte 1") != NULL, "where");
    CHECK(eclexia_engine_new(NULL, NULL) == ECLEXIA_STATUS_NULL_ARGUMENT, "engine_new NULL out");
    CHECK(eclexia_engine_options_init(NULL) == ECLEXIA_STATUS_NULL_ARGUMENT, "init NULL");
    CHECK(eclexia_engine_cancel_handle(NULL, NULL) == ECLEXIA_STATUS_NULL_ARGUMENT, "handle NULL");
    CHECK(eclexia_cancel_handle_cancel(NULL) == ECLEXIA_STATUS_NULL_ARGUMENT, "cancel NULL");
    CHECK(eclexia_cancel_handle_reset(NULL) == ECLEXIA_STATUS_NULL_ARGUMENT, "reset NULL");
    char *json = NULL;
    CHECK(eclexia_outcome_json(NULL, &json) == ECLEXIA_STATUS_NULL_ARGUMENT, "json NULL");
    double d;
    CHECK(eclexia_outcome_usage(NULL, 0, &d) == ECLEXIA_STATUS_NULL_ARGUMENT, "usage NULL");
    CHECK(eclexia_outcome_value(NULL) == NULL, "value NULL");
    CHECK(eclexia_outcome_output(NULL, NULL) == NULL, "output NULL");
    CHECK(eclexia_outcome_fuel_used(NULL) == 0, "fuel NULL");
    eclexia_outcome_free(NULL);
    eclexia_engine_free(NULL);
    eclexia_cancel_handle_free(NULL);
    eclexia_engine_free(e);
    eclexia_program_free(p);
}

/* One program and one engine shared by several threads evaluating at once. */
struct shared {
    const eclexia_engine *engine;
    const eclexia_program *program;
    int ok;
};

static void *worker(void *arg) {
    struct shared *s = (struct shared *)arg;
    int ok = 1;
    for (int i = 0; i < 20; i++) {
        eclexia_outcome *o = NULL;
        if (eclexia_evaluate(s->engine, s->program, "main", 4, &o) != ECLEXIA_STATUS_OK) {
            ok = 0;
            continue;
        }
        if (strcmp(eclexia_outcome_value(o), "42") != 0) ok = 0;
        if (strncmp(eclexia_outcome_output(o, NULL), "hi 2000J\n", 9) != 0) ok = 0;
        char *json = NULL;
        if (eclexia_outcome_json(o, &json) != ECLEXIA_STATUS_OK) ok = 0;
        eclexia_string_free(json);
        eclexia_outcome_free(o);
        /* Errors stay on their own thread. */
        if (eclexia_evaluate(s->engine, s->program, "nope", 4, &o) != ECLEXIA_STATUS_RUNTIME_ERROR ||
            strcmp(eclexia_last_error_code(), "E0599") != 0)
            ok = 0;
    }
    s->ok = ok;
    return NULL;
}

static void test_threads(void) {
    eclexia_program *p = compile_ok(ADAPTIVE);
    eclexia_engine *e = engine_with(NULL);
    pthread_t t[4];
    struct shared s[4];
    for (int i = 0; i < 4; i++) {
        s[i].engine = e;
        s[i].program = p;
        s[i].ok = 0;
        pthread_create(&t[i], NULL, worker, &s[i]);
    }
    for (int i = 0; i < 4; i++) {
        pthread_join(t[i], NULL);
        CHECK(s[i].ok, "thread evaluated the shared program");
    }
    eclexia_engine_free(e);
    eclexia_program_free(p);
}

int main(void) {
    test_evaluate_and_outcome();
    test_compile_error();
    test_runtime_error();
    test_limits_and_budgets();
    test_output_callback();
    test_cancel_from_another_thread();
    test_bad_arguments();
    test_threads();
    printf("%d passed, %d failed\n", passes, failures);
    return failures == 0 ? 0 : 1;
}
