/* libpcre2-8 (the pcre2 recipe), linked statically: a pattern compiled by the JIT and matched
 * with pcre2_jit_match, which runs the JIT's machine code (and fails if there is none). */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdio.h>
#include <string.h>

int main(void) {
    uint32_t jit = 0;
    char target[64] = "";
    pcre2_config(PCRE2_CONFIG_JIT, &jit);
    if (!jit) { puts("FAIL: libpcre2-8 was built without the JIT"); return 1; }
    pcre2_config(PCRE2_CONFIG_JITTARGET, target);
    int error = 0;
    PCRE2_SIZE offset = 0;
    pcre2_code *code = pcre2_compile((PCRE2_SPTR) "(?<year>\\d{4})-(?<month>\\d\\d)-(?<day>\\d\\d)", PCRE2_ZERO_TERMINATED,
                                     PCRE2_UTF, &error, &offset, NULL);
    if (!code) { puts("FAIL: compile"); return 1; }
    if ((error = pcre2_jit_compile(code, PCRE2_JIT_COMPLETE)) != 0) { printf("FAIL: jit compile: %d\n", error); return 1; }
    size_t jitSize = 0;
    pcre2_pattern_info(code, PCRE2_INFO_JITSIZE, &jitSize);
    const char *subject = "released on 2026-12-04, at last";
    pcre2_match_data *match = pcre2_match_data_create_from_pattern(code, NULL);
    int found = pcre2_jit_match(code, (PCRE2_SPTR)subject, strlen(subject), 0, 0, match, NULL);
    if (found != 4) { printf("FAIL: jit match: %d\n", found); return 1; }
    PCRE2_UCHAR month[8];
    PCRE2_SIZE length = sizeof month;
    pcre2_substring_copy_byname(match, (PCRE2_SPTR) "month", month, &length);
    PCRE2_SIZE *at = pcre2_get_ovector_pointer(match);
    printf("pcre2 ok: jit (%s, %zu bytes of code), matched \"%.*s\" at %zu, month %s\n", target, jitSize,
           (int)(at[1] - at[0]), subject + at[0], (size_t)at[0], (char *)month);
    pcre2_match_data_free(match);
    pcre2_code_free(code);
    return 0;
}
