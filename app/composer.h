#pragma once

#include "api/apienums.h"

#include <QJsonArray>
#include <QObject>
#include <QQmlEngine>
#include <QVariantList>

class AppSettings;

// The command bar's state: what the next request asks for (prompt, create or refine, how many
// variants, which ink, which style references). Sending it is Studio's job. QML: `Studio.composer`.
class Composer : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Use Studio.composer")
    Q_PROPERTY(QString prompt READ prompt WRITE setPrompt NOTIFY promptChanged)
    Q_PROPERTY(QString mode READ mode WRITE setMode NOTIFY modeChanged)         // create | refine
    Q_PROPERTY(QString output READ output WRITE setOutput NOTIFY outputChanged) // single | batch
    // Variants asked for per request: 1 (single) … maxVariants (batch); the user picks the batch size.
    Q_PROPERTY(int variantsRequested READ variantsRequested WRITE setVariantsRequested NOTIFY outputChanged)
    // What the server accepts (the maximum of variantCount in its OpenAPI document; 3 until known).
    Q_PROPERTY(int maxVariants READ maxVariants NOTIFY maxVariantsChanged)
    Q_PROPERTY(QString colorMode READ colorMode WRITE setColorMode NOTIFY colorModeChanged) // dark | light
    Q_PROPERTY(QVariantList attachments READ attachments NOTIFY attachmentsChanged) // [{id, name, svg, url}]
    Q_PROPERTY(QString placeholder READ placeholder NOTIFY modeChanged) // per mode, the original's texts

public:
    // Starts from the user's defaults (mode, output, ink) in `settings`.
    explicit Composer(AppSettings *settings, QObject *parent = nullptr);

    QString prompt() const { return m_prompt; }
    void setPrompt(const QString &p);
    QString mode() const { return m_mode; }
    void setMode(const QString &m);
    bool refining() const { return m_mode == api::name(api::Intent::Refine); }
    QString output() const
    {
        return api::name(m_variantsRequested > 1 ? api::Output::Batch : api::Output::Single);
    }
    void setOutput(const QString &o);
    int variantsRequested() const { return m_variantsRequested; }
    void setVariantsRequested(int n);
    int maxVariants() const { return m_maxVariants; }
    // The server's limit, once known (at most 10); the request's count is clamped to it.
    void setMaxVariants(int maximum);
    QString colorMode() const { return m_colorMode; }
    void setColorMode(const QString &c);
    QVariantList attachments() const;
    // The attachments as the request body carries them: [{name, svg}].
    QJsonArray attachmentsJson() const;
    QString placeholder() const;

    Q_INVOKABLE void addAttachment(const QString &name, const QString &svg);
    Q_INVOKABLE void removeAttachment(int index);
    Q_INVOKABLE void clearAttachments();
    static int maxAttachments() { return 5; }

Q_SIGNALS:
    void promptChanged();
    void modeChanged();
    void outputChanged();
    void colorModeChanged();
    void attachmentsChanged();
    void maxVariantsChanged();
    // Short feedback for a toast (an attachment refused).
    void notify(const QString &message);

private:
    QString m_prompt;
    QString m_mode;
    int m_variantsRequested = 1;
    int m_lastBatchSize = 0; // the batch size the user picked last (0: the largest allowed)
    int m_maxVariants = 3;
    QString m_colorMode;
    struct Attachment
    {
        QString id;
        QString name;
        QString svg;
    };
    QList<Attachment> m_attachments;
};
