// bench_hello [port]: a bare QHttpServer answering GET /hello with a tiny JSON body — the ceiling our
// server's figures are compared with in the same run.
#include <QCoreApplication>
#include <QHttpServer>
#include <QHttpServerResponse>
#include <QJsonObject>

#include <cstdio>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QHttpServer server;
    server.route(QStringLiteral("/hello"), [] {
        return QJsonObject{{QStringLiteral("status"), QStringLiteral("ok")}};
    });
    const quint16 port =
        server.listen(QHostAddress::LocalHost, argc > 1 ? quint16(QByteArray(argv[1]).toUShort()) : 0);
    if (!port)
        return 1;
    std::printf("%u\n", port);
    std::fflush(stdout);
    return QCoreApplication::exec();
}
