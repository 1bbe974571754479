// Spot checks of krait::unicode against facts printed by CPython 3.11.
// The exhaustive differential check is tests/unicode/run.sh.
#include "support/unicode_db.h"

#include <gtest/gtest.h>

namespace u = krait::unicode;

TEST(UnicodeDb, Smoke) {
  EXPECT_STREQ(u::category_name(u::category(U'A')), "Lu");
}
