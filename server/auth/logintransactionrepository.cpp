#include "auth/logintransactionrepository.h"

#include "db/sqlquery.h"

namespace {
QVariant nullable(const QString &s)
{
    return s.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(s);
}
} // namespace

void LoginTransactionRepository::insert(const LoginTransaction &t)
{
    SqlQuery q(
        m_db,
        QStringLiteral(
            "INSERT INTO login_transactions (state_hash, provider, browser_hash, code_verifier, nonce, "
            "redirect_uri, code_challenge, app_state, user_agent, expires_at, created_at) VALUES "
            "(:state::text, :provider::text, :browser::text, :verifier::text, :nonce::text, :redirect::text, "
            ":challenge::text, :appState::text, :ua::text, :expires::timestamptz, :created::timestamptz)"),
        "login_transactions.insert");
    q.bind(QStringLiteral(":state"), t.stateHash)
        .bind(QStringLiteral(":provider"), t.provider)
        .bind(QStringLiteral(":browser"), t.browserHash)
        .bind(QStringLiteral(":verifier"), t.codeVerifier)
        .bind(QStringLiteral(":nonce"), nullable(t.nonce))
        .bind(QStringLiteral(":redirect"), nullable(t.redirectUri))
        .bind(QStringLiteral(":challenge"), nullable(t.codeChallenge))
        .bind(QStringLiteral(":appState"), nullable(t.appState))
        .bind(QStringLiteral(":ua"), nullable(t.userAgent))
        .bind(QStringLiteral(":expires"), t.expiresAt)
        .bind(QStringLiteral(":created"), t.createdAt)
        .exec();
}

std::optional<LoginTransaction> LoginTransactionRepository::take(const QString &stateHash)
{
    SqlQuery q(m_db,
               QStringLiteral(
                   "DELETE FROM login_transactions WHERE state_hash = :state::text RETURNING state_hash, "
                   "provider, browser_hash, code_verifier, nonce, redirect_uri, code_challenge, app_state, "
                   "user_agent, expires_at, created_at"),
               "login_transactions.take");
    q.bind(QStringLiteral(":state"), stateHash).exec();
    if (!q.next())
        return std::nullopt;
    LoginTransaction t;
    t.stateHash = q.value(0).toString();
    t.provider = q.value(1).toString();
    t.browserHash = q.value(2).toString();
    t.codeVerifier = q.value(3).toString();
    t.nonce = q.value(4).toString();
    t.redirectUri = q.value(5).toString();
    t.codeChallenge = q.value(6).toString();
    t.appState = q.value(7).toString();
    t.userAgent = q.value(8).toString();
    t.expiresAt = q.value(9).toDateTime().toUTC();
    t.createdAt = q.value(10).toDateTime().toUTC();
    return t;
}

int LoginTransactionRepository::sweep(const QDateTime &olderThan)
{
    SqlQuery q(m_db, QStringLiteral("DELETE FROM login_transactions WHERE expires_at < :t::timestamptz"),
               "login_transactions.sweep");
    q.bind(QStringLiteral(":t"), olderThan).exec();
    return q.numRowsAffected();
}
