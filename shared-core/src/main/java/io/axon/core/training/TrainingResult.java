package io.axon.core.training;

/**
 * What one call to {@link Kernel#train} produced.
 *
 * @param model the trained parameters
 * @param meanLoss mean training loss over the last epoch
 * @param samples rows processed (rows times epochs)
 * @param flops exact floating-point operation count, equal to {@link Kernel#flops}
 */
public record TrainingResult(Model model, double meanLoss, long samples, long flops) {}
