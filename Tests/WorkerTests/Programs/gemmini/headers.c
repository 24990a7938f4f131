// Every way a program reaches the library: the runtime's headers directly, upstream's
// "include/..." paths, angle brackets, and the generated parameters under both names. The
// include guards make the repeats harmless; -Wall -Wextra must stay quiet on every design.
#pragma GCC diagnostic warning "-Wall"
#pragma GCC diagnostic warning "-Wextra"
#include "gemmini_params.h"
#include "include/gemmini_params.h"
#include "gemmini.h"
#include "include/gemmini.h"
#include <gemmini.h>
#include "gemmini_testutils.h"
#include "include/gemmini_testutils.h"

_Static_assert(k_LOOP_CONV_WS_CONFIG_6 == 21 && k_COUNTER == 126, "command numbers");
_Static_assert(WS_SW != WS && OS == 0 && WS == 1 && CPU == 2, "upstream's tiled_matmul_type_t values");
#ifdef ELEM_T_IS_FLOAT
_Static_assert(sizeof(elem_t) == 4 && sizeof(acc_t) == 4, "fp32 types");
#else
_Static_assert(sizeof(elem_t) == 1 && sizeof(acc_t) == 4, "int8 types");
#endif

static elem_t block[DIM][DIM] row_align(1);
static acc_t wide[DIM][DIM] row_align_acc(1);

int main(void) {
    if ((uintptr_t)block % (DIM * sizeof(elem_t)) != 0 || (uintptr_t)wide % (DIM * sizeof(acc_t)) != 0) return 2;
    printf("DIM %d, %s\n", DIM, GEMMINI_CONFIGURATION);
    return 0;
}
