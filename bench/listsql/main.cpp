// bench_list_sql: prints the statement the server runs for GET /api/icons (no filter), with its named
// parameters (:user, :count_user, :limit, :offset), so bench/run.sh can run exactly that SQL under
// pgbench beside the API in the same run.
#include "icons/iconrepository.h"

#include <cstdio>

int main()
{
    std::printf("%s\n", qPrintable(IconRepository::listStatement(IconListFilter{})));
    return 0;
}
