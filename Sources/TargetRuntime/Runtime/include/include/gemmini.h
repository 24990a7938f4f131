/* Upstream programs include "include/gemmini.h": forward to the library. */
#include "../gemmini.h"
