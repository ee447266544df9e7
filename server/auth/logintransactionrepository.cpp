#include "auth/logintransactionrepository.h"

#include "db/sqlquery.h"

void LoginTransactionRepository::insert(const QSqlDatabase &db, const LoginTransaction &t)
{
    SqlQuery q(
        db,
        QStringLiteral(
            "INSERT INTO login_transactions (state_hash, provider, browser_hash, code_verifier, nonce, "
            "redirect_uri, code_challenge, app_state, user_agent, expires_at, created_at) VALUES "
            "(:state::text, :provider::text, :browser::text, :verifier::text, :nonce::text, :redirect::text, "
            ":challenge::text, :appState::text, :ua::text, :expires::timestamptz, :created::timestamptz)"),
        "login_transactions.insert");
    q.bind({{":state", t.stateHash},
            {":provider", t.provider},
            {":browser", t.browserHash},
            {":verifier", t.codeVerifier},
            {":nonce", nullIfEmpty(t.nonce)},
            {":redirect", nullIfEmpty(t.redirectUri)},
            {":challenge", nullIfEmpty(t.codeChallenge)},
            {":appState", nullIfEmpty(t.appState)},
            {":ua", nullIfEmpty(t.userAgent)},
            {":expires", t.expiresAt},
            {":created", t.createdAt}})
        .exec();
}

std::optional<LoginTransaction> LoginTransactionRepository::take(const QSqlDatabase &db,
                                                                 const QString &stateHash)
{
    SqlQuery q(db,
               QStringLiteral(
                   "DELETE FROM login_transactions WHERE state_hash = :state::text RETURNING state_hash, "
                   "provider, browser_hash, code_verifier, nonce, redirect_uri, code_challenge, app_state, "
                   "user_agent, expires_at, created_at"),
               "login_transactions.take");
    // The columns in the order of LoginTransaction's members.
    return q.bind(":state", stateHash).exec().single([](const SqlQuery &row) {
        return LoginTransaction{row.text(0), row.text(1), row.text(2), row.text(3), row.text(4), row.text(5),
                                row.text(6), row.text(7), row.text(8), row.time(9), row.time(10)};
    });
}

int LoginTransactionRepository::sweep(const QSqlDatabase &db, const QDateTime &olderThan)
{
    SqlQuery q(db, QStringLiteral("DELETE FROM login_transactions WHERE expires_at < :t::timestamptz"),
               "login_transactions.sweep");
    q.bind(QStringLiteral(":t"), olderThan).exec();
    return q.numRowsAffected();
}
