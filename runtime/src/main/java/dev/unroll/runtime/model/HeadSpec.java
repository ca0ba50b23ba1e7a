package dev.unroll.runtime.model;

/**
 * The output head.
 *
 * @param size number of outputs (O)
 * @param activation activation applied for predictions
 * @param mode which states the head reads
 */
public record HeadSpec(int size, HeadActivation activation, HeadMode mode) {}
