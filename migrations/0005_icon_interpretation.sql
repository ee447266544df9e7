-- What the generator understood of each prompt: {summary, concepts, parameters, ignoredWords[, notes]}
-- from the built-in engine; NULL for imported icons and for generators that do not say (Anthropic).
-- Built-in variants also keep their scene inside `variants` ([{id, name, svg, warnings, scene}]): the
-- parametric source of the SVG, so an icon can later be drawn again with other parameter values.
ALTER TABLE assets
    ADD COLUMN interpretation jsonb,
    ADD CONSTRAINT assets_interpretation_object
        CHECK (interpretation IS NULL OR jsonb_typeof(interpretation) = 'object');
