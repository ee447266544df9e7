#pragma once

#include "icongenerator.h"

// The offline generator: the built-in icon engine (shared/vocabulary) turns the prompt into an
// interpretation ("chamfer · box", parameters, ignored words) and draws the three variants of what it
// understood from recipe scenes, rendered by the shared scene renderer: deterministic, in the design
// system by construction, nothing random. A prompt in which nothing is recognised gets no drawing but
// 422 prompt_not_understood with up to five suggestions from the vocabulary. A refine changes the
// reference scene as its words say (vocab::SceneRefiner: parameters, value words, edits) and draws one
// variant; words that change nothing get 422 prompt_not_understood with refinements that fit the icon,
// a change the icon cannot take 422 refinement_not_possible, and a reference without a scene (an
// imported SVG) 422 refine_needs_scene. Style attachments are not read.
class BuiltinGenerator final : public IconGenerator
{
public:
    QString name() const override { return QStringLiteral("builtin"); }
    // Synchronous: `done` runs on the calling thread before this returns.
    void generate(const GenerationRequest &request, Callback done) override;

    // The core of generate(), for tests and benchmarks.
    static GenerationResult run(const GenerationRequest &request);
};
