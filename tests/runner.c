/*
 * runner - run every Check suite of the project.
 *
 * The list of suites comes from tests/suites.h, which the Makefile writes
 * from the names of the tests/check_<module>.c files: each of them exports
 * Suite *<module>_suite(void).  The process exits non-zero if any test
 * failed, and Check prints its usual summary line per suite.
 */
#include <check.h>
#include <stdlib.h>

#define SUITE(m) Suite *m##_suite(void);
#include "suites.h"
#undef SUITE

int
main(void)
{
	SRunner *sr = srunner_create(NULL);
	int failed;

#define SUITE(m) srunner_add_suite(sr, m##_suite());
#include "suites.h"
#undef SUITE

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
