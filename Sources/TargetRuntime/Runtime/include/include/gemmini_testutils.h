/* Upstream programs include "include/gemmini_testutils.h": forward to the library. */
#include "../gemmini_testutils.h"
