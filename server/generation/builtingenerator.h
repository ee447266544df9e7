#pragma once

#include "icongenerator.h"

// The offline generator: the built-in icon engine (shared/vocabulary) turns the prompt into an
// interpretation ("chamfer · box", parameters, ignored words) and draws the three variants of what it
// understood from recipe scenes, rendered by the shared scene renderer: deterministic, in the design
// system by construction, nothing random. A prompt in which nothing is recognised gets no drawing but
// 422 prompt_not_understood with up to five suggestions from the vocabulary. It draws from the prompt
// alone: for a refine request the prompt names the tool again (the reference SVG and style attachments
// are not read).
class BuiltinGenerator final : public IconGenerator
{
public:
    QString name() const override { return QStringLiteral("builtin"); }
    // Synchronous: `done` runs on the calling thread before this returns.
    void generate(const GenerationRequest &request, Callback done) override;

    // The core of generate(), for tests and benchmarks.
    static GenerationResult run(const GenerationRequest &request);
};
