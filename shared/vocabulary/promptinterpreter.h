#pragma once

#include "vocabulary/prompttokens.h"
#include "vocabulary/vocabulary.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <memory>

namespace vocab {

// What a prompt was understood as: an operation applied to a subject ("chamfer · box"), or a subject
// alone ("gear"), with the parameter values the prompt gave ("eight teeth") and the words it did not
// use. Nothing recognised → !understood() and up to five suggestions from the vocabulary.
struct Interpretation
{
    struct Setting
    {
        QString conceptId;
        QString name;
        QString label;
        double value = 0;
        QString display; // "8", "true", "top"
        QJsonValue json; // 8, true, "top"
    };

    const Concept *operation = nullptr;   // as asked (after qualifiers: "array" + "along a curve")
    const Concept *subject = nullptr;     // the subject asked for (null: the operation's default)
    const Concept *drawn = nullptr;       // what draws the icon (a case may delegate: chamfer + box)
    QHash<QString, double> values;        // parameters of `drawn`
    QHash<QString, double> subjectValues; // parameters of the subject
    QList<Setting> settings;              // what the prompt set, in prompt order
    QStringList ignoredWords;
    QStringList notes;       // honest remarks ("teeth: 100 is more than 24, drawn with 24")
    QStringList suggestions; // prompts to try when nothing was understood

    bool understood() const { return drawn != nullptr; }
    QString summary() const; // "chamfer · box"
    QStringList conceptIds() const;
    // {summary, concepts: [{id, name, role}], parameters: [{owner, name, label, value}], ignoredWords,
    //  notes?}
    QJsonObject toJson() const;
};

class PromptInterpreter
{
public:
    explicit PromptInterpreter(const Vocabulary &vocabulary);

    Interpretation interpret(const QString &prompt) const;
    QStringList suggest(const QString &prompt, int max = 5) const;
    const Vocabulary &vocabulary() const { return m_vocabulary; }

private:
    struct Entry
    {
        enum class Kind { Concept, Qualifier, ParameterWord, ValueWord, Related };
        Kind kind = Kind::Concept;
        QStringList tokens;
        const Concept *owner = nullptr;
        const Phrase *phrase = nullptr;
        QString qualifier;
        QString parameter;          // ParameterWord / ValueWord
        QString value;              // ValueWord: "true", "false" or a choice
        bool countsSubject = false; // "@subject": a number before the subject's word
        bool countsSelf = false;    // "@self": a number before the concept's own word
    };
    struct Match
    {
        int start = 0, length = 0;
        const Entry *entry = nullptr;
    };

    void addPhrase(Entry entry, const QString &text);
    QList<Match> matchesAt(const QList<Token> &tokens, int start) const;

    const Vocabulary &m_vocabulary;
    Tokenizer m_tokenizer;
    QList<Entry> m_entries;
    QHash<QString, QList<int>> m_byFirstToken;
    QSet<QString> m_known; // every token of every phrase
};

} // namespace vocab
