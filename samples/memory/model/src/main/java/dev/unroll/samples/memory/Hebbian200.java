package dev.unroll.samples.memory;

import dev.unroll.dsl.AssociativeMemory;
import dev.unroll.dsl.StorageRule;

/** 200 units, Hebb's rule, asynchronous updates: one size of the capacity experiment (patterns stored at run time). */
@AssociativeMemory(units = 200, rule = StorageRule.HEBBIAN, maxSweeps = 50, seed = 200)
public class Hebbian200 {}
