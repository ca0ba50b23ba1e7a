package dev.unroll.samples.memory;

import dev.unroll.dsl.AssociativeMemory;
import dev.unroll.dsl.StorageRule;

/** The same letters stored by Hebb's rule, for comparison with {@link Glyphs}. */
@AssociativeMemory(units = 100, rule = StorageRule.HEBBIAN, seed = 1, data = "src/main/data/glyphs.txt")
public class HebbianGlyphs {}
