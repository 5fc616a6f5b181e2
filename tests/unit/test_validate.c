/* test_validate.c: the value checks every record field passes through. */
#include "check.h"
#include "validate.h"

int main(void) {
  CHECK(sl_valid_date("2022-02-23"));
  CHECK(sl_valid_date("2022-03"));
  CHECK(sl_valid_date("2022"));
  CHECK(sl_valid_date("2024-02-29"));  /* leap year */
  CHECK(!sl_valid_date("2023-02-29")); /* not one */
  CHECK(!sl_valid_date("1900-02-29")); /* centuries are not, unless /400 */
  CHECK(sl_valid_date("2000-02-29"));
  CHECK(!sl_valid_date("2022-02-30"));
  CHECK(!sl_valid_date("2022-13"));
  CHECK(!sl_valid_date("2022-00"));
  CHECK(!sl_valid_date("2022-1-1"));
  CHECK(!sl_valid_date("23 February 2022"));
  CHECK(!sl_valid_date(""));
  CHECK(!sl_valid_date(NULL));
  CHECK(!sl_valid_date("2022-02-23T00:00"));
  CHECK(sl_valid_period("2022-Q3"));
  CHECK(sl_valid_period("2022-09-30"));
  CHECK(!sl_valid_period("2022-Q5"));
  CHECK(!sl_valid_period("2022-Q0"));
  CHECK(sl_valid_number("40"));
  CHECK(sl_valid_number("-3.5"));
  CHECK(sl_valid_number("1e3"));
  CHECK(!sl_valid_number("forty"));
  CHECK(!sl_valid_number("40%"));
  CHECK(!sl_valid_number(" 40"));
  CHECK(!sl_valid_number("inf"));
  CHECK(!sl_valid_number("nan"));
  CHECK(!sl_valid_number("0x10"));
  CHECK(!sl_valid_number(""));
  static const char *const kinds[] = {"interval", "nominal", NULL};
  CHECK(sl_valid_enum("nominal", kinds));
  CHECK(!sl_valid_enum("Nominal", kinds));
  CHECK(!sl_valid_enum(NULL, kinds));
  return CHECK_DONE();
}
