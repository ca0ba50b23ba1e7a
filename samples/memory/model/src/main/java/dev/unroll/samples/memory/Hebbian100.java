package dev.unroll.samples.memory;

import dev.unroll.dsl.AssociativeMemory;
import dev.unroll.dsl.StorageRule;

/** 100 units, Hebb's rule, asynchronous updates: one size of the capacity experiment (patterns stored at run time). */
@AssociativeMemory(units = 100, rule = StorageRule.HEBBIAN, maxSweeps = 50, seed = 100)
public class Hebbian100 {}
