#include "editsession.h"
#include "applogging.h"

#include "apiclient.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QSaveFile>

namespace {
constexpr int kStoreDelayMs = 400; // a slider drag writes the file once, after it settles
} // namespace

EditSession::EditSession(ApiClient *api, QObject *parent)
    : QObject(parent)
    , m_api(api)
    , m_parameters(new ParameterModel(this))
{
    m_storeTimer.setSingleShot(true);
    m_storeTimer.setInterval(kStoreDelayMs);
    connect(&m_storeTimer, &QTimer::timeout, this, &EditSession::flush);
    connect(m_api, &ApiClient::onlineChanged, this, [this](bool online) {
        if (!online) {
            Q_EMIT stateChanged();
            return;
        }
        sendPending();
        // The scenes of the icon shown could not be loaded while offline: now they can.
        if (m_icon.isValid() && !m_edits.count(m_icon.id) && !m_fetch && !m_fetchError.isEmpty())
            fetchScenes(m_icon.id);
        Q_EMIT stateChanged();
    });
}

EditSession::~EditSession()
{
    flush();
}

QList<QJsonObject> EditSession::scenesOf(const ClientIcon &icon)
{
    QList<QJsonObject> scenes;
    bool any = false;
    for (const ClientIconVariant &v : icon.variants) {
        scenes << v.scene;
        any = any || !v.scene.isEmpty();
    }
    return any ? scenes : QList<QJsonObject>();
}

SceneEdit *EditSession::currentEdit()
{
    const auto it = m_edits.find(m_icon.id);
    return it == m_edits.end() ? nullptr : &it->second;
}

const SceneEdit *EditSession::currentEdit() const
{
    const auto it = m_edits.find(m_icon.id);
    return it == m_edits.end() ? nullptr : &it->second;
}

bool EditSession::available() const
{
    const SceneEdit *edit = currentEdit();
    return edit && edit->editable(m_variant);
}

QString EditSession::status() const
{
    if (!m_icon.isValid())
        return {};
    if (m_fetch)
        return tr("Loading the parameters…");
    if (m_icon.source == api::IconSource::Imported)
        return tr("Imported icons are plain SVG: they have no parameters to edit and cannot be restyled.");
    const SceneEdit *edit = currentEdit();
    if (!edit)
        return m_fetchError.isEmpty() ? tr("The parameters are not loaded.") : m_fetchError;
    if (!edit->hasScene(m_variant))
        return tr("This icon was drawn as SVG, not from a scene: it has no parameters to edit.");
    if (!edit->editable(m_variant))
        return tr("This icon has no parameters to edit.");
    return {};
}

bool EditSession::dirty() const
{
    const SceneEdit *edit = currentEdit();
    return edit && edit->isDirty();
}

bool EditSession::canUndo() const
{
    const SceneEdit *edit = currentEdit();
    return edit && edit->canUndo() && !saving();
}

bool EditSession::canRedo() const
{
    const SceneEdit *edit = currentEdit();
    return edit && edit->canRedo() && !saving();
}

bool EditSession::saving() const
{
    return m_icon.isValid() && m_saves.value(m_icon.id);
}

bool EditSession::savePending() const
{
    return m_icon.isValid() && m_pending.contains(m_icon.id);
}

bool EditSession::canSave() const
{
    return dirty() && !saving() && !savePending();
}

QString EditSession::saveState() const
{
    if (saving())
        return tr("Saving…");
    if (savePending())
        return tr("Offline: the change is kept on this computer and saved when the server is back.");
    if (dirty())
        return tr("Not saved: the stage shows the change; Save keeps it, Reset goes back.");
    return {};
}

QString EditSession::editedSvg(const QString &id, int variant) const
{
    const auto it = m_edits.find(id);
    if (it == m_edits.end() || !it->second.isDirty() || variant < 0 || variant >= it->second.variantCount())
        return {};
    return it->second.svg(variant);
}

QString EditSession::editedColorMode(const QString &id) const
{
    const auto it = m_edits.find(id);
    return it == m_edits.end() || !it->second.colorModeChanged() ? QString() : it->second.colorMode();
}

const scene::Scene *EditSession::drawnScene(const QString &id, int variant) const
{
    const auto it = m_edits.find(id);
    if (it == m_edits.end() || !it->second.hasScene(variant))
        return nullptr;
    return &it->second.variant(variant).scene;
}

bool EditSession::isDirty(const QString &id) const
{
    const auto it = m_edits.find(id);
    return it != m_edits.end() && it->second.isDirty();
}

void EditSession::setIcon(const ClientIcon &icon)
{
    const QString previous = m_icon.id;
    if (previous != icon.id) {
        if (m_fetch) {
            ApiReply *fetch = m_fetch;
            m_fetch = nullptr;
            fetch->abort();
        }
        m_fetchError.clear();
        m_pendingInk.clear();
        m_error.clear();
        m_gesture = false;
    }
    m_icon = icon;
    m_variant = icon.selectedVariant;
    if (!previous.isEmpty() && previous != icon.id)
        dropIfClean(previous);
    if (!icon.isValid()) {
        m_parameters->clear();
        Q_EMIT stateChanged();
        Q_EMIT previewChanged();
        return;
    }
    const QList<QJsonObject> carried = scenesOf(icon);
    const auto it = m_edits.find(icon.id);
    const auto savedDiffers = [&carried](const SceneEdit &edit) {
        if (edit.variantCount() != carried.size())
            return true;
        for (int i = 0; i < edit.variantCount(); ++i) {
            if (edit.variant(i).savedScene != carried.at(i))
                return true;
        }
        return false;
    };
    // (The same scenes, e.g. the answer of our own Save, keep the edit and its undo history.)
    if (it != m_edits.end() && !it->second.isDirty() && !carried.isEmpty() && savedDiffers(it->second)) {
        // A clean edit of an icon the server has changed (a Save, another device): take the new scenes.
        m_edits.erase(it);
        adopt(icon.id, carried, api::name(icon.colorMode));
    } else if (it == m_edits.end()) {
        if (!carried.isEmpty())
            adopt(icon.id, carried, api::name(icon.colorMode));
        else if (icon.source != api::IconSource::Imported && icon.complete && !m_fetch)
            fetchScenes(icon.id);
        // (A list row is not complete: Studio fetches the whole icon, scenes included, and sets it again.)
    }
    refreshModel(true);
    Q_EMIT stateChanged();
    Q_EMIT previewChanged();
}

void EditSession::setVariant(int variant)
{
    if (variant == m_variant)
        return;
    m_variant = variant;
    m_icon.selectedVariant = variant;
    m_gesture = false;
    refreshModel(true);
    Q_EMIT stateChanged();
    Q_EMIT previewChanged();
}

void EditSession::clear()
{
    setIcon({});
}

void EditSession::adopt(const QString &id, const QList<QJsonObject> &scenes, const QString &colorMode)
{
    m_edits.erase(id);
    m_edits.emplace(id, SceneEdit(id, scenes, colorMode));
}

void EditSession::fetchScenes(const QString &id)
{
    m_fetchError.clear();
    ApiReply *reply = m_api->get(QStringLiteral("/api/icons/") + id);
    m_fetch = reply;
    connect(reply, &ApiReply::finished, this, [this, reply, id] {
        if (reply != m_fetch)
            return; // another icon was chosen meanwhile
        m_fetch = nullptr;
        if (reply->isOk()) {
            const ClientIcon icon = ClientIcon::fromJson(reply->json());
            if (!m_edits.count(id))
                adopt(id, scenesOf(icon), api::name(icon.colorMode));
            if (!m_pendingInk.isEmpty()) {
                const QString ink = m_pendingInk;
                m_pendingInk.clear();
                restyle(id, ink);
            }
        } else if (reply->outcome() == ApiReply::Outcome::NetworkError) {
            m_fetchError = tr("Offline: the parameters are loaded when the server is back.");
        } else {
            m_fetchError = tr("The parameters could not be loaded: %1").arg(reply->errorMessage());
        }
        refreshModel(true);
        Q_EMIT stateChanged();
        Q_EMIT previewChanged();
    });
    Q_EMIT stateChanged();
}

void EditSession::refreshModel(bool schemaMayChange)
{
    const SceneEdit *edit = currentEdit();
    if (!edit || !edit->editable(m_variant)) {
        m_parameters->clear();
        return;
    }
    const SceneEdit::Variant &v = edit->variant(m_variant);
    if (schemaMayChange)
        m_parameters->setParameters(v.scene.parameters, v.values, v.savedValues);
    else
        m_parameters->updateValues(v.values, v.savedValues);
}

void EditSession::changed(bool schemaMayChange)
{
    refreshModel(schemaMayChange);
    scheduleStore();
    Q_EMIT previewChanged();
    Q_EMIT stateChanged();
}

void EditSession::setError(const QString &message)
{
    if (m_error == message)
        return;
    m_error = message;
    Q_EMIT stateChanged();
}

void EditSession::setValue(const QString &name, const QVariant &value)
{
    SceneEdit *edit = currentEdit();
    if (!edit || saving())
        return;
    QString error;
    if (!edit->setValue(m_variant, name, value, m_gesture, &error)) {
        setError(error);
        refreshModel(false); // the control shows the value drawn, not the refused one
        return;
    }
    m_error.clear();
    changed();
}

void EditSession::undo()
{
    SceneEdit *edit = currentEdit();
    if (edit && !saving() && edit->undo()) {
        m_error.clear();
        changed();
    }
}

void EditSession::redo()
{
    SceneEdit *edit = currentEdit();
    if (edit && !saving() && edit->redo()) {
        m_error.clear();
        changed();
    }
}

void EditSession::reset()
{
    SceneEdit *edit = currentEdit();
    if (edit && !saving() && edit->reset()) {
        m_error.clear();
        m_pending.remove(m_icon.id); // nothing left to save
        changed();
    }
}

void EditSession::restyle(const QString &id, const QString &colorMode)
{
    if (id != m_icon.id)
        return;
    if (m_fetch) {
        m_pendingInk = colorMode; // applied when the scenes arrive
        return;
    }
    SceneEdit *edit = currentEdit();
    if (!edit || !edit->hasAnyScene()) {
        Q_EMIT notify(
            m_icon.source == api::IconSource::Imported
                ? tr("“%1” is an imported SVG: only icons drawn from a scene can be restyled.")
                      .arg(m_icon.prompt)
                : tr("“%1” was drawn as SVG, not from a scene: it cannot be restyled.").arg(m_icon.prompt));
        return;
    }
    if (edit->setColorMode(colorMode))
        changed();
}

// The next part of the change as PATCH /api/icons/:id takes it: the parameters that differ in one
// variant ({"variant": i, "parameters": {...}}), and the ink with the first of them. A change of
// several variants is sent one variant after the other (send() continues after each answer).
static QJsonObject patchBody(const SceneEdit &edit)
{
    QJsonObject body;
    const QList<int> dirty = edit.dirtyVariants();
    if (!dirty.isEmpty()) {
        const SceneEdit::Variant &v = edit.variant(dirty.constFirst());
        QJsonObject changed;
        for (auto it = v.values.begin(); it != v.values.end(); ++it) {
            if (v.savedValues.value(it.key()) != it.value())
                changed.insert(it.key(), QJsonValue::fromVariant(it.value()));
        }
        body.insert(QStringLiteral("variant"), dirty.constFirst());
        body.insert(QStringLiteral("parameters"), changed);
    }
    if (edit.colorModeChanged())
        body.insert(QStringLiteral("colorMode"), edit.colorMode());
    return body;
}

void EditSession::save()
{
    SceneEdit *edit = currentEdit();
    if (!edit || !edit->isDirty() || saving())
        return;
    m_pending.insert(m_icon.id);
    scheduleStore();
    if (!m_api->isOnline()) {
        Q_EMIT notify(tr("Offline: the change is kept on this computer and saved when the server is back."));
        Q_EMIT stateChanged();
        return;
    }
    send(m_icon.id);
}

void EditSession::send(const QString &id)
{
    const auto it = m_edits.find(id);
    if (it == m_edits.end() || m_saves.value(id))
        return;
    if (!it->second.isDirty()) {
        m_pending.remove(id);
        return;
    }
    ApiReply *reply = m_api->patch(QStringLiteral("/api/icons/") + id, patchBody(it->second));
    m_saves.insert(id, reply);
    Q_EMIT stateChanged();
    connect(reply, &ApiReply::finished, this, [this, reply, id] {
        m_saves.remove(id);
        const auto it = m_edits.find(id);
        if (reply->outcome() == ApiReply::Outcome::NetworkError) {
            // Kept and sent again when the server answers.
            Q_EMIT notify(
                tr("Offline: the change is kept on this computer and saved when the server is back."));
            Q_EMIT stateChanged();
            return;
        }
        m_pending.remove(id);
        scheduleStore();
        if (!reply->isOk()) {
            if (id == m_icon.id)
                setError(reply->errorMessage());
            Q_EMIT notify(tr("Not saved: %1").arg(reply->errorMessage()));
            Q_EMIT stateChanged();
            return;
        }
        ClientIcon icon = ClientIcon::fromJson(reply->json());
        if (it != m_edits.end()) {
            SceneEdit &edit = it->second;
            QList<QJsonObject> scenes = scenesOf(icon);
            if (scenes.isEmpty()) {
                // The answer did not carry the scenes: those drawn here are the ones the server drew.
                for (int i = 0; i < edit.variantCount(); ++i)
                    scenes << (edit.hasScene(i) ? edit.variant(i).scene.toJson() : QJsonObject());
            }
            edit.markSaved(scenes, api::name(icon.colorMode));
            for (qsizetype i = 0; i < icon.variants.size() && i < scenes.size(); ++i)
                icon.variants[i].scene = scenes.at(i);
        }
        if (id == m_icon.id)
            m_error.clear();
        Q_EMIT saved(icon);
        if (it != m_edits.end() && it->second.isDirty() && !m_pending.contains(id)) {
            // More variants changed: the next one goes now.
            m_pending.insert(id);
            send(id);
            return;
        }
        Q_EMIT notify(tr("Saved “%1”").arg(icon.prompt));
        dropIfClean(id);
        refreshModel(false);
        Q_EMIT previewChanged();
        Q_EMIT stateChanged();
    });
}

void EditSession::sendPending()
{
    const QList<QString> ids = m_pending.values();
    for (const QString &id : ids)
        send(id);
}

void EditSession::dropIfClean(const QString &id)
{
    if (id == m_icon.id || m_pending.contains(id) || m_saves.value(id))
        return;
    const auto it = m_edits.find(id);
    if (it != m_edits.end() && !it->second.isDirty())
        m_edits.erase(it);
}

void EditSession::setStoreFile(const QString &path)
{
    if (path == m_storeFile)
        return;
    flush();
    m_storeFile = path;
    m_edits.clear();
    m_pending.clear();
    m_saves.clear();
    if (!path.isEmpty())
        loadStore();
    if (m_icon.isValid())
        setIcon(ClientIcon(m_icon));
    if (m_api->isOnline() && m_api->hasSession())
        sendPending();
}

void EditSession::scheduleStore()
{
    if (!m_storeFile.isEmpty())
        m_storeTimer.start();
}

void EditSession::flush()
{
    m_storeTimer.stop();
    if (m_storeFile.isEmpty())
        return;
    QJsonArray edits;
    for (const auto &[id, edit] : m_edits) {
        if (!edit.isDirty() && !m_pending.contains(id))
            continue;
        edits.append(QJsonObject{{QStringLiteral("id"), id},
                                 {QStringLiteral("edit"), edit.toJson()},
                                 {QStringLiteral("savePending"), m_pending.contains(id)}});
    }
    if (edits.isEmpty()) {
        QFile::remove(m_storeFile);
        return;
    }
    QDir().mkpath(QFileInfo(m_storeFile).absolutePath());
    QSaveFile file(m_storeFile);
    const QByteArray data =
        QJsonDocument(QJsonObject{{QStringLiteral("version"), 1}, {QStringLiteral("edits"), edits}})
            .toJson(QJsonDocument::Compact);
    if (!file.open(QIODevice::WriteOnly) || file.write(data) != data.size() || !file.commit())
        qCWarning(lcEdits).noquote() << "could not keep the unsaved edits in" << m_storeFile << ":"
                                     << file.errorString();
}

void EditSession::loadStore()
{
    QFile file(m_storeFile);
    if (!file.open(QIODevice::ReadOnly))
        return;
    const QJsonArray edits =
        QJsonDocument::fromJson(file.readAll()).object().value(QStringLiteral("edits")).toArray();
    for (const QJsonValue &v : edits) {
        const QJsonObject o = v.toObject();
        const QString id = o.value(QStringLiteral("id")).toString();
        auto edit = SceneEdit::fromJson(o.value(QStringLiteral("edit")).toObject());
        if (id.isEmpty() || !edit)
            continue;
        m_edits.erase(id);
        m_edits.emplace(id, std::move(*edit));
        if (o.value(QStringLiteral("savePending")).toBool())
            m_pending.insert(id);
    }
}
