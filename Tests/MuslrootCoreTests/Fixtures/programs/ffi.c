/* libffi (the libffi recipe), linked statically: a call through ffi_call to a function with
 * mixed argument types, and a closure (an ordinary C function pointer made at run time, what
 * an interpreter's callbacks are) called from C. */
#include <ffi.h>
#include <stdio.h>

static double weigh(int count, double each, long extra, char unit) {
    return count * each + (double)extra + (unit == 'g' ? 0.5 : 0.0);
}

/* The closure's body: adds its two int arguments and a bias it was given. */
static void add(ffi_cif *cif, void *result, void **arguments, void *bias) {
    (void)cif;
    *(ffi_arg *)result = *(int *)arguments[0] + *(int *)arguments[1] + *(int *)bias;
}

int main(void) {
    ffi_cif cif;
    ffi_type *types[] = {&ffi_type_sint, &ffi_type_double, &ffi_type_slong, &ffi_type_schar};
    if (ffi_prep_cif(&cif, FFI_DEFAULT_ABI, 4, &ffi_type_double, types) != FFI_OK) { puts("FAIL: prep_cif"); return 1; }
    int count = 4;
    double each = 10.25;
    long extra = 1;
    char unit = 'g';
    void *values[] = {&count, &each, &extra, &unit};
    double weight = 0;
    ffi_call(&cif, FFI_FN(weigh), &weight, values);
    if (weight != 42.5) { printf("FAIL: ffi_call gave %g\n", weight); return 1; }

    ffi_cif addCif;
    ffi_type *addTypes[] = {&ffi_type_sint, &ffi_type_sint};
    void *code = NULL;
    ffi_closure *closure = ffi_closure_alloc(sizeof(ffi_closure), &code);
    int bias = 100;
    if (!closure || ffi_prep_cif(&addCif, FFI_DEFAULT_ABI, 2, &ffi_type_sint, addTypes) != FFI_OK ||
        ffi_prep_closure_loc(closure, &addCif, add, &bias, code) != FFI_OK) { puts("FAIL: closure"); return 1; }
    int (*sum)(int, int) = (int (*)(int, int))code;
    int total = sum(3, 4);
    ffi_closure_free(closure);
    if (total != 107) { printf("FAIL: closure gave %d\n", total); return 1; }
    printf("ffi ok: ffi_call weigh(4, 10.25, 1, 'g') = %g, closure 3 + 4 + 100 = %d\n", weight, total);
    return 0;
}
