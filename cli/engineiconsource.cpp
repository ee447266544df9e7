// TEMPORARY until the icon engine (issue 9) is on main: replaced by the adapter over vocab::IconEngine.
#include "engineiconsource.h"

namespace cli {

namespace {
class NoEngine : public IconSource
{
public:
    QString description() const override { return QStringLiteral("the built-in engine"); }
    Drawing draw(const QString &, int, ColorMode) override
    {
        Drawing d;
        d.status = Drawing::Status::Failed;
        d.message = QStringLiteral("this build has no built-in engine yet; use --server.");
        return d;
    }
};
} // namespace

std::unique_ptr<IconSource> makeBuiltinSource()
{
    return std::make_unique<NoEngine>();
}

} // namespace cli
