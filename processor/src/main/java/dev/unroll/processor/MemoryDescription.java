package dev.unroll.processor;

import dev.unroll.dsl.StorageRule;
import dev.unroll.dsl.Update;

/**
 * One validated {@code @AssociativeMemory} declaration, all that {@link MemoryWriter} reads.
 *
 * @param packageName the package of the annotated class (and of the generated one)
 * @param simpleName the generated class's simple name
 * @param declaringClass the annotated class's qualified name
 */
record MemoryDescription(String packageName, String simpleName, String declaringClass, int units, Update update,
    boolean zeroSelfConnections, StorageRule rule, int maxSweeps, long seed, String data) {}
