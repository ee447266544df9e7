#pragma once

#include "clienticon.h"
#include "parametermodel.h"
#include "sceneedit.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QQmlEngine>
#include <QSet>
#include <QTimer>

#include <map>

class ApiClient;
class ApiReply;

// The Inspector's editing of the current icon: its parameters (the `parameters` model) and its ink,
// drawn locally on every change (SceneEdit: the engine and the renderer in-process, no round trip),
// with undo/redo, Reset (to what the server has) and Save (PATCH /api/icons/:id through the ApiClient).
//
// Nothing the user changed is lost: edits are kept per icon while other icons are shown, written to a
// local file (restored at the next start), and a Save while offline is queued and sent when the
// server answers again. The ink (Studio.restyleCurrent) is an edit like a parameter: shown at once,
// undoable, stored by Save, dropped by Reset.
// Exposed as Studio.editor.
class EditSession : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Use Studio.editor")
    Q_PROPERTY(ParameterModel *parameters READ parameters CONSTANT)
    // The current variant's parameters can be edited (a scene of the built-in engine with parameters).
    Q_PROPERTY(bool available READ available NOTIFY stateChanged)
    // Why not, when not ("Imported icons are plain SVG …"); "" when available.
    Q_PROPERTY(QString status READ status NOTIFY stateChanged)
    Q_PROPERTY(bool loading READ loading NOTIFY stateChanged)
    Q_PROPERTY(bool dirty READ dirty NOTIFY stateChanged) // differs from what the server has
    Q_PROPERTY(bool canUndo READ canUndo NOTIFY stateChanged)
    Q_PROPERTY(bool canRedo READ canRedo NOTIFY stateChanged)
    Q_PROPERTY(bool canSave READ canSave NOTIFY stateChanged)
    Q_PROPERTY(bool saving READ saving NOTIFY stateChanged)
    // Save was asked for while offline: sent as soon as the server answers.
    Q_PROPERTY(bool savePending READ savePending NOTIFY stateChanged)
    // One line under the buttons: "Not saved", "Offline: kept on this computer …", "Saved".
    Q_PROPERTY(QString saveState READ saveState NOTIFY stateChanged)
    Q_PROPERTY(QString error READ error NOTIFY stateChanged) // last refused value or failed save

public:
    EditSession(ApiClient *api, QObject *parent = nullptr);
    ~EditSession() override;

    ParameterModel *parameters() const { return m_parameters; }
    bool available() const;
    QString status() const;
    bool loading() const { return bool(m_fetch); }
    bool dirty() const;
    bool canUndo() const;
    bool canRedo() const;
    bool canSave() const;
    bool saving() const;
    bool savePending() const;
    QString saveState() const;
    QString error() const { return m_error; }

    // The icon shown (Studio::setCurrent) and its variant. Loads its scenes when the icon does not
    // carry them (history pages do not).
    void setIcon(const ClientIcon &icon);
    void setVariant(int variant);
    void clear();

    // What the stage shows for `id`: the edited drawing, or "" when the icon is not edited.
    QString editedSvg(const QString &id, int variant) const;
    QString editedColorMode(const QString &id) const; // "" when not edited
    bool isDirty(const QString &id) const;
    // The scene drawn now for `id` (edited or as loaded); null when the icon is not loaded here.
    const scene::Scene *drawnScene(const QString &id, int variant) const;

    Q_INVOKABLE void setValue(const QString &name, const QVariant &value);
    // A slider drag: every change between begin and end is one undo step.
    Q_INVOKABLE void beginGesture() { m_gesture = true; }
    Q_INVOKABLE void endGesture() { m_gesture = false; }
    Q_INVOKABLE void undo();
    Q_INVOKABLE void redo();
    Q_INVOKABLE void reset();
    Q_INVOKABLE void save();
    // The current icon in another ink (Studio::restyleRequested). An icon without a scene says it
    // cannot be restyled (`notify`).
    void restyle(const QString &id, const QString &colorMode);

    // Local store of unsaved edits (per account, next to the history cache); "" = none.
    void setStoreFile(const QString &path);
    void flush(); // writes the store now (quit)

Q_SIGNALS:
    void stateChanged();
    // The drawing of the current icon changed (an edit, undo, redo, reset, the ink).
    void previewChanged();
    // The server stored an edit: the icon as it now is (history, library and the stage take it).
    void saved(const ClientIcon &icon);
    void notify(const QString &message);

private:
    SceneEdit *currentEdit();
    const SceneEdit *currentEdit() const;
    void fetchScenes(const QString &id);
    void adopt(const QString &id, const QList<QJsonObject> &scenes, const QString &colorMode);
    void refreshModel(bool schemaMayChange);
    void changed(bool schemaMayChange = false);
    void setError(const QString &message);
    void send(const QString &id);
    void sendPending();
    void loadStore();
    void scheduleStore();
    void dropIfClean(const QString &id);
    static QList<QJsonObject> scenesOf(const ClientIcon &icon);

    ApiClient *m_api;
    ParameterModel *m_parameters;
    ClientIcon m_icon; // the icon shown (as the studio has it)
    int m_variant = 0;
    std::map<QString, SceneEdit> m_edits; // loaded icons: the current one and every unsaved edit
    QSet<QString> m_pending;              // Save asked for, not yet confirmed by the server
    QHash<QString, QPointer<ApiReply>> m_saves;
    QPointer<ApiReply> m_fetch;
    QString m_fetchError;
    QString m_pendingInk; // a restyle asked for while the scenes were loading
    QString m_error;
    bool m_gesture = false;
    QString m_storeFile;
    QTimer m_storeTimer;
};
