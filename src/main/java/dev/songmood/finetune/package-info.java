/**
 * Fine-tuning the encoder: a HuggingFace-compatible BERT built from DJL layers ({@code BertEncoder}) and loaded with
 * a shipped encoder's ONNX weights (read by {@code encode.finetuned}, which labelling shares), the network with the
 * quadrant and valence/arousal heads ({@code QuadrantNet}), one worker's epoch inside a Spark task ({@code EpochTrainer},
 * {@code ScheduledAdamW}, {@code TrainingDevice}), and the driver's side: averaging the workers' states
 * ({@code StateAverage}), validation, early stopping and checkpoints ({@code FineTuner}, {@code Checkpoints}).
 * Hyperparameters and their defaults: {@code FineTuneParams} (searched) and {@code Recipe} (fixed). The trained
 * model is served by {@link dev.songmood.stages.FineTunedClassifier} through ONNX Runtime.
 */
package dev.songmood.finetune;
