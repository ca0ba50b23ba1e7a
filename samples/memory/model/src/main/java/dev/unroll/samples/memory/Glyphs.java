package dev.unroll.samples.memory;

import dev.unroll.dsl.AssociativeMemory;
import dev.unroll.dsl.StorageRule;

/**
 * A Hopfield memory of the eight 10&times;10 letters drawn in {@code glyphs.txt}, stored by the
 * build. Letters share much of their ink, so they are strongly correlated; the projection rule
 * keeps each one a fixed point, where Hebb's rule would merge them (see the sample's README).
 */
@AssociativeMemory(units = 100, rule = StorageRule.PROJECTION, seed = 1, data = "src/main/data/glyphs.txt")
public class Glyphs {}
