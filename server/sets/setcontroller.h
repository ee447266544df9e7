#pragma once

#include "auth/authguard.h"
#include "core/clock.h"
#include "http/router.h"

#include <memory>

class Database;

// The toolbar-sets resource (issue 10 item 6): named groups of the caller's icons, each with one
// style, the ink of its toolbar. Reading a set draws every icon that has a scene in the set's ink
// (the shared renderer), so changing the style re-renders the whole set; plain-SVG icons are returned
// as they are, marked `inSetInk: false`. Icons keep their own ink in history.
//
//   GET    /api/sets          the caller's sets {data:[{id, name, colorMode, iconCount, …}]}
//   POST   /api/sets          {name, colorMode?, iconIds?} → 201 the set
//   GET    /api/sets/{id}     the set with its icons drawn in its ink
//   PATCH  /api/sets/{id}     {name?, colorMode?, iconIds?} (iconIds replaces the icons and their order)
//   DELETE /api/sets/{id}     → 204 (the icons stay)
// Signed-in sessions only (like key management): API keys are for the icon routes.
class SetController : public Controller
{
public:
    SetController(Database &database, AuthGuard guard, std::shared_ptr<Clock> clock);
    void registerRoutes(Router &router) override;
    QByteArrayView openApi() const override;

    static constexpr int kMaxIcons = 200; // a toolbar, not a library

private:
    struct Handlers;
    std::shared_ptr<Handlers> d;
    AuthGuard m_guard;
};
