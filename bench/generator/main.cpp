// bench_generator [corpus.tsv] — CPU time (this thread's, so other processes on the machine do not
// count) of BuiltinGenerator::run for 3 variants, over every prompt of the corpus the generator
// understands, several rounds; and of SceneRenderer::render for one scene, the app's cost per slider
// change. Prints p50 / p90 / max; no pass/fail (figures go to bench/README.md).
#include "generation/builtingenerator.h"
#include "scene/scenerenderer.h"

#include <QCoreApplication>
#include <QFile>

#include <algorithm>
#include <cstdio>
#include <ctime>

namespace {

double threadCpuMicros()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

void report(const char *what, QList<double> us)
{
    std::sort(us.begin(), us.end());
    const auto at = [&](double q) {
        return us.at(std::min<qsizetype>(us.size() - 1, qsizetype(q * us.size())));
    };
    std::printf("%-44s p50 %7.0f µs   p90 %7.0f µs   max %7.0f µs   (%lld runs)\n", what, at(0.5), at(0.9),
                us.last(), qlonglong(us.size()));
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QFile file(argc > 1 ? QString::fromLocal8Bit(argv[1]) : QStringLiteral(CORPUS_FILE));
    if (!file.open(QIODevice::ReadOnly)) {
        std::fprintf(stderr, "cannot read the corpus %s\n", qPrintable(file.fileName()));
        return 2;
    }
    QStringList prompts;
    for (const QByteArray &line : file.readAll().split('\n')) {
        if (line.isEmpty() || line.startsWith('#'))
            continue;
        prompts << QString::fromUtf8(line.split('\t').value(0));
    }
    // Loading the vocabulary is a one-off at start-up: keep it out of the figures.
    GenerationRequest request;
    request.variantCount = 3;
    QList<GenerationRequest> understood;
    for (const QString &p : std::as_const(prompts)) {
        request.prompt = p;
        request.seed = p;
        if (BuiltinGenerator::run(request).ok())
            understood << request;
    }
    QList<double> generate;
    QList<scene::Scene> scenes;
    for (int round = 0; round < 5; ++round) {
        for (const GenerationRequest &r : std::as_const(understood)) {
            const double t0 = threadCpuMicros();
            const GenerationResult result = BuiltinGenerator::run(r);
            generate << threadCpuMicros() - t0;
            if (round == 0)
                scenes << scene::SceneParser::fromJson(result.variants.first().scene).scene;
        }
    }
    // The unknown prompt's answer (no drawing, suggestions by edit distance over the vocabulary).
    QList<double> refuse;
    request.prompt = QStringLiteral("a friendly cat on a sofa");
    for (int i = 0; i < 200; ++i) {
        const double t0 = threadCpuMicros();
        BuiltinGenerator::run(request);
        refuse << threadCpuMicros() - t0;
    }
    QList<double> render;
    for (int round = 0; round < 5; ++round) {
        for (const scene::Scene &s : std::as_const(scenes)) {
            const double t0 = threadCpuMicros();
            scene::SceneRenderer::render(s, ColorMode::Dark, QStringLiteral("bench"));
            render << threadCpuMicros() - t0;
        }
    }
    std::printf("built-in generator over %lld understood prompts of %lld in the corpus\n",
                qlonglong(understood.size()), qlonglong(prompts.size()));
    report("generate, 3 variants (CPU)", generate);
    report("422 with suggestions (CPU)", refuse);
    report("re-render one scene (CPU)", render);
    return 0;
}
