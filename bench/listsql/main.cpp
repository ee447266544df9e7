// bench_list_sql [full|thumbnail]: prints the statement the server runs for GET /api/icons (no filter;
// ?view=thumbnail with "thumbnail"), with its named parameters (:user, :count_user, :limit, :offset,
// :time_format), so bench/run.sh can run exactly that SQL under pgbench beside the API in one run.
#include "icons/iconrepository.h"

#include <cstdio>
#include <cstring>

int main(int argc, char **argv)
{
    IconListFilter filter;
    if (argc > 1 && std::strcmp(argv[1], "thumbnail") == 0)
        filter.view = IconView::Thumbnail;
    std::printf("%s\n", qPrintable(IconRepository::listStatement(filter)));
    return 0;
}
