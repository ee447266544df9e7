#include "studio.h"

#include "editsession.h"
#include "toolbarsetmodel.h"

#include "scene/sceneparser.h"
#include "scene/scenerenderer.h"

#include "appcore.h"
#include "appsettings.h"
#include "historymodel.h"
#include "librarymodel.h"
#include "sessionlogmodel.h"

#include <QJsonArray>

#include <functional>

namespace {
const QString RefineWithoutAsset =
    QStringLiteral("Cannot refine: No asset selected. Switch to Create mode or select an asset first.");
constexpr int GenerationTimeoutMs = 150000; // server deadline (90 s default) plus headroom
} // namespace

Studio::Studio(ApiClient *api, AppSettings *settings, QObject *parent)
    : QObject(parent)
    , m_api(api)
    , m_settings(settings)
    , m_history(new HistoryModel(api, this))
    , m_library(new LibraryModel(api, this))
    , m_session(new SessionLogModel(this))
    , m_editor(new EditSession(api, this))
    , m_sets(new ToolbarSetModel(api, this))
    , m_view(new StageView(settings, this))
    , m_composer(new Composer(settings, this))
    , m_current(new CurrentIcon(m_editor, this))
{
    connect(this, &Studio::busyChanged, this, &Studio::canSubmitChanged);
    connect(m_composer, &Composer::promptChanged, this, &Studio::canSubmitChanged);
    connect(m_composer, &Composer::notify, this, &Studio::notify);
    connect(m_current, &CurrentIcon::variantChosen, this, &Studio::keepChosenVariant);
    // Deleting the current icon clears the stage, as in the original.
    auto onRemoving = [this](const QString &id) {
        if (id == m_current->id())
            clearCurrent();
    };
    connect(m_history, &HistoryModel::removing, this, onRemoving);
    connect(m_library, &HistoryModel::removing, this, onRemoving);
    connect(m_library, &HistoryModel::removed, m_history, &HistoryModel::drop);
    connect(m_history, &HistoryModel::removed, m_library, &HistoryModel::drop);
    connect(m_library, &LibraryModel::favoriteChanged, this, [this](const QString &id, bool favorite) {
        ClientIcon a = m_history->asset(id);
        if (a.isValid()) {
            a.favorite = favorite;
            m_history->update(a);
        }
        if (id == m_current->id() && m_current->favorite() != favorite) {
            ClientIcon shown = m_current->icon();
            shown.favorite = favorite;
            m_current->setIcon(shown);
        }
    });
    // The editor follows the current icon; its drawings (an edit, undo, the ink) are the stage's.
    connect(m_current, &CurrentIcon::changed, this, [this] {
        if (!m_previewOnly)
            m_editor->setIcon(m_current->icon());
    });
    connect(m_editor, &EditSession::previewChanged, this, [this] {
        m_previewOnly = true;
        Q_EMIT m_current->changed();
        m_previewOnly = false;
    });
    connect(this, &Studio::restyleRequested, m_editor, &EditSession::restyle);
    connect(m_editor, &EditSession::notify, this, &Studio::notify);
    // A saved edit is the icon as it now is: history, library and the stage take it.
    connect(m_editor, &EditSession::saved, this, [this](const ClientIcon &icon) {
        if (m_history->asset(icon.id).isValid())
            m_history->update(icon);
        if (m_library->asset(icon.id).isValid())
            m_library->update(icon);
        if (icon.id == m_current->id()) {
            ClientIcon shown = icon;
            shown.selectedVariant = m_current->variantIndex();
            m_current->setIcon(shown);
        }
    });
    // Back online: replace what the cache showed with the server's view.
    connect(m_api, &ApiClient::onlineChanged, this, [this](bool online) {
        if (!online || !m_api->hasSession())
            return;
        if (m_history->fromCache() || !m_history->error().isEmpty())
            m_history->refresh();
        if (m_library->fromCache() || !m_library->error().isEmpty())
            m_library->refresh();
    });
}

Studio::~Studio() = default;

Studio *Studio::create(QQmlEngine *, QJSEngine *)
{
    Studio *s = AppCore::instance()->studio();
    QJSEngine::setObjectOwnership(s, QJSEngine::CppOwnership);
    return s;
}

void Studio::setSignedIn(bool signedIn, const QString &historyCacheFile)
{
    if (!signedIn) {
        cancel();
        m_history->clear();
        m_library->clear();
        m_history->setCacheFile({});
        m_library->setCacheFile({});
        m_session->clear();
        clearCurrent();
        m_editor->setStoreFile({});
        m_sets->clear();
        m_composer->clearAttachments();
        dismissSuggestions();
        return;
    }
    QString libraryFile = historyCacheFile;
    libraryFile.replace(QStringLiteral("history-"), QStringLiteral("library-"));
    fetchLimits();
    QString editsFile = historyCacheFile;
    editsFile.replace(QStringLiteral("history-"), QStringLiteral("edits-"));
    m_history->setCacheFile(historyCacheFile);
    m_library->setCacheFile(libraryFile);
    m_editor->setStoreFile(editsFile);
    m_sets->refresh();
    m_history->refresh();
    m_library->refresh();
}

// The server's OpenAPI document states how many variants one request may ask for.
void Studio::fetchLimits()
{
    ApiReply *reply = m_api->get(QStringLiteral("/api/openapi.json"), {}, ApiClient::Auth::None);
    connect(reply, &ApiReply::finished, this, [this, reply] {
        if (!reply->isOk())
            return; // keep the default; the server still validates every request
        std::function<int(const QJsonValue &)> find = [&find](const QJsonValue &v) -> int {
            if (v.isObject()) {
                const QJsonObject o = v.toObject();
                const QJsonValue count = o.value(QStringLiteral("variantCount"));
                if (count.isObject() && count.toObject().contains(QStringLiteral("maximum")))
                    return count.toObject().value(QStringLiteral("maximum")).toInt();
                for (const QJsonValue &child : o)
                    if (const int found = find(child))
                        return found;
            } else if (v.isArray()) {
                for (const QJsonValue &child : v.toArray())
                    if (const int found = find(child))
                        return found;
            }
            return 0;
        };
        m_composer->setMaxVariants(find(reply->json()));
    });
}

void Studio::restyleCurrent()
{
    if (m_current->valid() && m_current->colorMode() != m_composer->colorMode())
        Q_EMIT restyleRequested(m_current->id(), m_composer->colorMode());
}

bool Studio::canSubmit() const
{
    return !busy() && !m_composer->prompt().trimmed().isEmpty();
}

void Studio::keepChosenVariant(int index)
{
    const ClientIcon &shown = m_current->icon();
    m_history->update(shown);
    if (shown.favorite)
        m_library->update(shown);
    // Remembered server-side so history shows the chosen variant everywhere.
    m_api->patch(QStringLiteral("/api/icons/") + shown.id, {{QStringLiteral("selectedVariant"), index}});
}

QString Studio::drawingForPixels(const QString &svg, int pixelSize) const
{
    const ClientIcon &current = m_current->icon();
    if (pixelSize <= 0 || pixelSize > scene::SceneRenderer::hintingMaxPixels || !current.isValid())
        return svg;
    const QStringList shown = m_current->variantSvgs();
    const int variant = int(shown.indexOf(svg));
    if (variant < 0)
        return svg;
    std::optional<scene::Scene> parsed;
    const scene::Scene *drawn = m_editor->drawnScene(current.id, variant);
    if (!drawn && !current.variants.at(variant).scene.isEmpty()) {
        scene::SceneParseResult result = scene::SceneParser::fromJson(current.variants.at(variant).scene);
        if (result.ok())
            parsed = std::move(result.scene);
        drawn = parsed ? &*parsed : nullptr;
    }
    if (!drawn)
        return svg;
    scene::RenderOptions options;
    options.pixelSize = pixelSize;
    const scene::RenderResult hinted = scene::SceneRenderer::render(
        *drawn, IconDesign::colorModeFromName(m_current->colorMode()).value_or(ColorMode::Dark),
        current.id + QLatin1Char(':') + QString::number(variant), options);
    return hinted.ok() ? hinted.svg : svg;
}

void Studio::submit()
{
    const QString prompt = m_composer->prompt().trimmed();
    if (prompt.isEmpty())
        return;
    if (m_composer->refining() && m_current->svg().isEmpty()) {
        m_session->addInfo(RefineWithoutAsset);
        Q_EMIT generationFailed(RefineWithoutAsset);
        return;
    }
    cancel(); // a new request replaces the one in flight
    dismissSuggestions();

    QJsonObject body{{QStringLiteral("prompt"), prompt},
                     {QStringLiteral("intent"), m_composer->mode()},
                     {QStringLiteral("colorMode"), m_composer->colorMode()},
                     {QStringLiteral("variantCount"), m_composer->variantsRequested()}};
    if (m_composer->refining()) {
        body.insert(QStringLiteral("referenceSvg"), m_current->svg());
        // The stored icon too: the built-in generator refines its scene ("twelve teeth", "mirror it").
        if (m_current->valid()) {
            body.insert(QStringLiteral("referenceIcon"), m_current->id());
            body.insert(QStringLiteral("referenceVariant"), m_current->variantIndex());
        }
    }
    if (const QJsonArray attachments = m_composer->attachmentsJson(); !attachments.isEmpty())
        body.insert(QStringLiteral("attachments"), attachments);
    m_session->addRequest(prompt);
    ApiReply *reply = m_api->request("POST", QStringLiteral("/api/icons"), {},
                                     QJsonDocument(body).toJson(QJsonDocument::Compact),
                                     ApiClient::Auth::Bearer, GenerationTimeoutMs);
    m_generation = reply;
    connect(reply, &ApiReply::finished, this, [this, reply, prompt] { onGenerationFinished(reply, prompt); });
    m_submittedPrompt = m_composer->prompt();
    m_session->setThinking(true);
    Q_EMIT busyChanged();
}

void Studio::cancel()
{
    if (!m_generation)
        return;
    ApiReply *reply = m_generation;
    m_generation = nullptr;
    reply->abort();
    m_session->setThinking(false);
    Q_EMIT busyChanged();
}

void Studio::useSuggestion(const QString &prompt)
{
    m_composer->setPrompt(prompt);
    submit();
}

void Studio::dismissSuggestions()
{
    if (m_suggestions.isEmpty() && m_notUnderstoodPrompt.isEmpty())
        return;
    m_suggestions.clear();
    m_notUnderstoodPrompt.clear();
    Q_EMIT suggestionsChanged();
}

void Studio::onGenerationFinished(ApiReply *reply, const QString &prompt)
{
    if (reply != m_generation)
        return; // replaced or canceled: silent
    m_generation = nullptr;
    m_session->setThinking(false);
    Q_EMIT busyChanged();
    if (reply->outcome() == ApiReply::Outcome::Canceled)
        return;
    if (!reply->isOk()) {
        if (reply->status() == 422 && reply->errorCode() == QLatin1String("prompt_not_understood")) {
            // Nothing drawn: offer what the generator does understand (the prompt stays in the box).
            m_suggestions.clear();
            for (const QJsonValue &s : reply->json().value(QStringLiteral("suggestions")).toArray())
                m_suggestions << s.toString();
            m_notUnderstoodPrompt = prompt;
            Q_EMIT suggestionsChanged();
        }
        m_session->addError(reply->errorMessage());
        Q_EMIT generationFailed(reply->errorMessage());
        return;
    }
    const ClientIcon asset = ClientIcon::fromJson(reply->json());
    if (!asset.isValid() || asset.variants.isEmpty()) {
        const QString message = tr("The server returned no icon.");
        m_session->addError(message);
        Q_EMIT generationFailed(message);
        return;
    }
    QStringList names;
    for (const ClientIconVariant &v : asset.variants)
        names << v.name;
    m_session->addResult(names);
    // The prompt leaves the box only once it produced an icon: a refused or failed request keeps it
    // for another try.
    if (m_composer->prompt() == m_submittedPrompt)
        m_composer->setPrompt({});
    m_history->prepend(asset);
    setCurrent(asset);
    Q_EMIT generated(asset.id);
}

ClientIcon Studio::findAsset(const QString &id) const
{
    ClientIcon a = m_history->asset(id);
    if (!a.isValid())
        a = m_library->asset(id);
    if (!a.isValid() && m_current->id() == id)
        a = m_current->icon();
    return a;
}

void Studio::selectAsset(const QString &id)
{
    const ClientIcon a = findAsset(id);
    if (!a.isValid())
        return;
    // Only the icon changes: mode, ink and batch size stay what the user chose in the command bar.
    setCurrent(a);
}

void Studio::setCurrent(const ClientIcon &asset)
{
    m_current->setIcon(asset);
    if (asset.isValid() && !asset.complete)
        fetchVariants(asset.id);
}

void Studio::fetchVariants(const QString &id)
{
    // A list row knows its selected variant only: the others come from the icon itself. Until they
    // arrive the stage shows the selected one, which is what the row showed.
    if (m_fetchingVariantsOf == id)
        return;
    m_fetchingVariantsOf = id;
    ApiReply *reply = m_api->get(QStringLiteral("/api/icons/") + id);
    connect(reply, &ApiReply::finished, this, [this, reply, id] {
        if (m_fetchingVariantsOf == id)
            m_fetchingVariantsOf.clear();
        if (reply->outcome() == ApiReply::Outcome::Canceled)
            return;
        if (!reply->isOk()) {
            // The stage keeps the selected variant; opening the icon again retries.
            if (m_current->id() == id)
                Q_EMIT notify(
                    tr("The other variants of this icon could not be loaded: %1").arg(reply->errorMessage()));
            return;
        }
        const ClientIcon full = ClientIcon::fromJson(reply->json());
        if (full.id != id || !full.complete)
            return;
        m_history->completeVariants(full);
        m_library->completeVariants(full);
        ClientIcon shown = m_current->icon();
        if (shown.id != id || shown.complete || shown.variants.size() != full.variants.size())
            return;
        // A favourite chosen here meanwhile is newer than the answer: keep the row's own fields.
        shown.variants = full.variants;
        shown.interpretation = full.interpretation;
        shown.complete = true;
        m_current->setIcon(shown);
    });
}

void Studio::clearCurrent()
{
    if (!m_current->valid())
        return;
    m_current->setIcon({});
}

void Studio::nextVariant()
{
    m_current->setVariantIndex(m_current->variantIndex() + 1);
}

void Studio::previousVariant()
{
    m_current->setVariantIndex(m_current->variantIndex() - 1);
}

void Studio::setFavorite(bool favorite)
{
    if (!m_current->valid() || m_current->favorite() == favorite)
        return;
    const ClientIcon before = m_current->icon();
    ClientIcon after = before;
    after.favorite = favorite;
    m_current->setIcon(after);
    m_history->update(after);
    if (favorite)
        m_library->update(after);
    else
        m_library->drop(after.id);
    ApiReply *reply =
        m_api->patch(QStringLiteral("/api/icons/") + after.id, {{QStringLiteral("favorite"), favorite}});
    connect(reply, &ApiReply::finished, this, [this, reply, before, favorite] {
        if (reply->isOk()) {
            Q_EMIT notify(favorite ? tr("Saved to Library") : tr("Removed from Library"));
            return;
        }
        // Roll back what the user saw.
        m_history->update(before);
        if (before.favorite)
            m_library->update(before);
        else
            m_library->drop(before.id);
        if (m_current->id() == before.id) {
            ClientIcon shown = m_current->icon();
            shown.favorite = before.favorite;
            m_current->setIcon(shown);
        }
        Q_EMIT notify(reply->errorMessage());
    });
}

void Studio::refineCurrent()
{
    m_composer->setMode(api::name(api::Intent::Refine));
}

void Studio::addAttachmentFromAsset(const QString &id)
{
    const ClientIcon a = findAsset(id);
    if (a.isValid())
        m_composer->addAttachment(a.prompt, a.selectedSvg());
}
