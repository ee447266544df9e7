#pragma once

#include "apiclient.h"

#include "clienticon.h"
#include "composer.h"
#include "currenticon.h"
#include "editsession.h"
#include "stageview.h"
#include "toolbarsetmodel.h"

#include <QObject>
#include <QPointer>
#include <QQmlEngine>
#include <QVariantList>

class AppSettings;

class HistoryModel;
class LibraryModel;

class SessionLogModel;

// The generator workspace: generation, refine and the actions on the current icon, wired to the
// ApiClient, the editor and the list models. Its state is in parts: the command bar's is `composer`
// (Composer), the shown icon `current` (CurrentIcon), the stage's view `view` (StageView). QML: `Studio`
// singleton.
class Studio : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
    Q_PROPERTY(HistoryModel *history READ history CONSTANT)
    Q_PROPERTY(LibraryModel *library READ library CONSTANT)
    Q_PROPERTY(SessionLogModel *session READ session CONSTANT)
    // The Inspector's parameter editing of the current icon (live preview, undo/redo, Reset, Save).
    Q_PROPERTY(EditSession *editor READ editor CONSTANT)
    // The user's toolbar sets (one style each, exported in one step).
    Q_PROPERTY(ToolbarSetModel *sets READ sets CONSTANT)
    // The stage's view of the current icon: zoom, grid and bounds.
    Q_PROPERTY(StageView *view READ view CONSTANT)

    // The command bar: prompt, mode, output, ink and style references of the next request.
    Q_PROPERTY(Composer *composer READ composer CONSTANT)
    Q_PROPERTY(bool busy READ busy NOTIFY busyChanged)                // a generation is running
    Q_PROPERTY(bool canSubmit READ canSubmit NOTIFY canSubmitChanged) // prompt not blank and not busy

    // The icon the stage shows and its selected variant, as shown (edits included).
    Q_PROPERTY(CurrentIcon *current READ current CONSTANT)
    // After a prompt the built-in generator did not understand: prompts it does understand, to try.
    Q_PROPERTY(QStringList suggestions READ suggestions NOTIFY suggestionsChanged)
    Q_PROPERTY(QString notUnderstoodPrompt READ notUnderstoodPrompt NOTIFY suggestionsChanged)

public:
    Studio(ApiClient *api, AppSettings *settings, QObject *parent = nullptr);
    ~Studio() override;
    static Studio *create(QQmlEngine *, QJSEngine *);

    HistoryModel *history() const { return m_history; }
    LibraryModel *library() const { return m_library; }
    SessionLogModel *session() const { return m_session; }
    EditSession *editor() const { return m_editor; }
    ToolbarSetModel *sets() const { return m_sets; }
    StageView *view() const { return m_view; }
    Composer *composer() const { return m_composer; }
    CurrentIcon *current() const { return m_current; }

    bool busy() const { return bool(m_generation); }
    bool canSubmit() const;

    QStringList suggestions() const { return m_suggestions; }
    QString notUnderstoodPrompt() const { return m_notUnderstoodPrompt; }
    ClientIcon currentAsset() const { return m_current->icon(); }
    // `svg` as drawn for a raster of `pixelSize` px: when it is a variant of the current icon shown here
    // and that variant has a scene, the scene hinted for that size (Exporter's hinter); else `svg`.
    QString drawingForPixels(const QString &svg, int pixelSize) const;

    // Generation
    Q_INVOKABLE void submit(); // POST /api/icons; a new request cancels the one in flight
    Q_INVOKABLE void cancel(); // silent, like the original's abort
    Q_INVOKABLE void useSuggestion(const QString &prompt); // fills the prompt in and generates it
    Q_INVOKABLE void dismissSuggestions();

    // Current icon
    // From history or library: shows the icon; the command bar keeps the user's mode, ink and output.
    Q_INVOKABLE void selectAsset(const QString &id);
    Q_INVOKABLE void clearCurrent();
    Q_INVOKABLE void nextVariant();
    Q_INVOKABLE void previousVariant();
    Q_INVOKABLE void setFavorite(bool favorite); // Save to Library / Remove from Library
    Q_INVOKABLE void toggleFavorite() { setFavorite(!m_current->favorite()); }
    Q_INVOKABLE void refineCurrent(); // switches to Refine (prompt focus is the UI's job)
    // Called by the ink control after the user changed colorMode: asks for the current icon in the new
    // ink (restyleRequested) when it is shown in the other one. The editor answers it by drawing the
    // icon's scenes again locally (an edit like a parameter: undoable, kept by Save); a plain-SVG icon
    // says it cannot be restyled.
    Q_INVOKABLE void restyleCurrent();

    // "Use as style reference": the icon's selected variant becomes an attachment of the composer.
    Q_INVOKABLE void addAttachmentFromAsset(const QString &id);

    // Used by tests and by the history to restore a cached selection.
    void setCurrent(const ClientIcon &asset);
    // Signed in → models use the account's cache file and reload; signed out → everything cleared.
    void setSignedIn(bool signedIn, const QString &historyCacheFile);
    ClientIcon findAsset(const QString &id) const;

Q_SIGNALS:
    void busyChanged();
    void canSubmitChanged();
    void suggestionsChanged();
    void generated(const QString &id);
    // The current icon should be shown in `colorMode` ink (see restyleCurrent()).
    void restyleRequested(const QString &id, const QString &colorMode);
    void generationFailed(const QString &message);
    // Short feedback for a toast ("Copied SVG", "Saved to Library"); auto-dismiss in the UI.
    void notify(const QString &message);

private:
    void fetchVariants(const QString &id); // an opened list row: its other variants
    void onGenerationFinished(ApiReply *reply, const QString &prompt);
    void fetchLimits();
    void keepChosenVariant(int index); // the user stepped to another variant: history, library, server

    ApiClient *m_api;
    AppSettings *m_settings;
    HistoryModel *m_history;
    LibraryModel *m_library;
    SessionLogModel *m_session;
    EditSession *m_editor;
    ToolbarSetModel *m_sets;
    StageView *m_view;
    Composer *m_composer;
    bool m_previewOnly = false; // current->changed() for a new drawing of the same icon (no editor sync)
    QString m_submittedPrompt;  // cleared from the box only when this request succeeds
    CurrentIcon *m_current;
    QString m_fetchingVariantsOf; // the icon whose full variants are on their way
    QStringList m_suggestions;
    QString m_notUnderstoodPrompt;
    QPointer<ApiReply> m_generation;
};
