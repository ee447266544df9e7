#pragma once

#include "vocabulary/recipe.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <memory>

// The concepts the built-in engine knows, compiled from the recipe files (shared/vocabulary/concepts/
// *.json and language.json, compiled in as Qt resources). Loaded and checked once; immutable and
// thread-safe afterwards.
namespace vocab {

class Vocabulary
{
public:
    // The built-in vocabulary (":/vocabulary/…"), loaded on first use. A broken recipe file is a bug
    // of this build: the errors are logged and the concepts that compiled are kept.
    static const Vocabulary &builtin();

    // For tests and tools: files as (name, JSON bytes); `language` is language.json.
    static std::unique_ptr<Vocabulary> fromFiles(const QList<std::pair<QString, QByteArray>> &conceptFiles,
                                                 const QByteArray &language);

    int version() const { return m_version; }
    const QList<Concept> &concepts() const { return m_concepts; }
    const Concept *find(const QString &id) const;
    const Language &language() const { return m_language; }
    // Every problem found while loading: "gear (mechanical.json): variants[1].draw[2].points: …".
    const QStringList &errors() const { return m_errors; }
    // The order concepts are listed in (files, then order within a file).
    QStringList ids() const;

private:
    void compileFile(const QString &name, const QByteArray &json);
    void compileLanguage(const QByteArray &json);
    void check();

    int m_version = 0;
    QList<Concept> m_concepts;
    QHash<QString, qsizetype> m_index;
    Language m_language;
    QStringList m_errors;
};

} // namespace vocab
