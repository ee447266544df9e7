#pragma once

#include "iconsource.h"

#include <memory>

namespace cli {

// The built-in icon engine in this process (shared/vocabulary): the same interpreter, vocabulary
// and scene renderer as the server's built-in generator, so a prompt draws the same icon offline
// as on a server without Claude. No database, no network.
std::unique_ptr<IconSource> makeBuiltinSource();

} // namespace cli
