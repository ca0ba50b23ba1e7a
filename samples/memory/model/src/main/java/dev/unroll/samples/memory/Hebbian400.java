package dev.unroll.samples.memory;

import dev.unroll.dsl.AssociativeMemory;
import dev.unroll.dsl.StorageRule;

/** 400 units, Hebb's rule, asynchronous updates: one size of the capacity experiment (patterns stored at run time). */
@AssociativeMemory(units = 400, rule = StorageRule.HEBBIAN, maxSweeps = 50, seed = 400)
public class Hebbian400 {}
