// ---- Random 0/1 inputs, about one value in eight set ----
//
// Each rand() call supplies ten 3-bit draws, so filling megabytes of inputs stays cheap in
// simulated instructions; a value is 1 when its draw is 0.
static uint32_t harness_draws;
static int harness_draws_left;

static int harness_random_01(void)
{
    if (harness_draws_left == 0) {
        harness_draws = (uint32_t)rand();
        harness_draws_left = 10;
    }
    const int value = (harness_draws & 7) == 0;
    harness_draws >>= 3;
    harness_draws_left--;
    return value;
}

static void harness_fill_01(elem_t *data, size_t count)
{
    for (size_t i = 0; i < count; i++) data[i] = (elem_t)harness_random_01();
}

// Finds the first differing element of two int8 arrays (compared a word at a time) and
// counts the differing elements. Returns the count; *first gets the first index.
static size_t harness_compare_int8(const elem_t *got, const elem_t *want, size_t count, size_t *first)
{
    const uint64_t *got_words = (const uint64_t *)got, *want_words = (const uint64_t *)want;
    size_t differing = 0;
    for (size_t w = 0; w < count / 8; w++) {
        if (got_words[w] == want_words[w]) continue;
        for (size_t e = w * 8; e < w * 8 + 8; e++) {
            if (got[e] == want[e]) continue;
            if (differing == 0) *first = e;
            differing++;
        }
    }
    for (size_t e = count / 8 * 8; e < count; e++) {
        if (got[e] == want[e]) continue;
        if (differing == 0) *first = e;
        differing++;
    }
    return differing;
}
